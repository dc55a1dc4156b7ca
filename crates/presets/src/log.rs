//! The outage log that presets are evaluated on: what was down, from when to
//! when, how widely (region, zone or instance), with an optional error rate
//! (for request-based SLAs) and an optional exclusion reason.
//!
//! The CSV form has a header row naming its columns, in any order:
//!
//! | column | required | meaning |
//! | --- | --- | --- |
//! | `start`, `end` | yes | RFC 3339 (`2026-07-03T10:00:20Z`, `…+02:00`) or `2026-07-03 10:00:20` read as UTC |
//! | `scope` | no | `region` (the service in the whole region; the default), `zone` or `instance` |
//! | `zone` | for `scope` zone | the availability zone, e.g. `eu-west-1a` |
//! | `instance` | for `scope` instance | the instance id; its `zone` may be given too |
//! | `error_rate` | no | the share of requests that failed, e.g. `30` or `30%`; default 100 % |
//! | `excluded` | no | why the outage may be excluded: `outside_control`, `customer_caused`, `suspension`, `pre_ga`, `quota`, `scheduled_maintenance` |
//! | `description` | no | free text, repeated in the claim |
//!
//! Every problem names the line and the column.

use sla_engine::time::iso;
use sla_engine::time::UnixNanos;
use sla_engine::Percent;
use thiserror::Error;

use crate::preset::Category;

/// How widely an outage struck.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// The service in the whole region.
    Region,
    /// One availability zone.
    Zone(String),
    /// One instance, in a zone if known.
    Instance { id: String, zone: Option<String> },
}

impl Scope {
    /// `region`, `zone eu-west-1a`, `instance i-0abc (eu-west-1a)`.
    pub fn describe(&self) -> String {
        match self {
            Scope::Region => "region".into(),
            Scope::Zone(zone) => format!("zone {zone}"),
            Scope::Instance { id, zone: Some(z) } => format!("instance {id} ({z})"),
            Scope::Instance { id, zone: None } => format!("instance {id}"),
        }
    }
}

/// One outage as the customer observed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutageRecord {
    pub start: UnixNanos,
    pub end: UnixNanos,
    pub scope: Scope,
    /// The share of requests that failed; `None` means all of them (100 %).
    pub error_rate: Option<Percent>,
    /// Why the outage may be excluded, if the customer knows.
    pub excluded: Option<Category>,
    pub description: String,
    /// The line of the CSV file it came from (0 when built in code).
    pub line: usize,
}

impl OutageRecord {
    /// A region-wide outage with every request failing.
    pub fn region(start: UnixNanos, end: UnixNanos) -> OutageRecord {
        OutageRecord {
            start,
            end,
            scope: Scope::Region,
            error_rate: None,
            excluded: None,
            description: String::new(),
            line: 0,
        }
    }

    /// The error rate, 100 % when not given.
    pub fn rate(&self) -> Percent {
        self.error_rate.unwrap_or(Percent::HUNDRED)
    }
}

/// A problem in an outage log.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LogError {
    #[error("the log is empty; the first row names the columns (start,end,scope,zone,instance,error_rate,excluded,description)")]
    Empty,
    #[error("line 1: column {column} `{name}` is not known; the columns are start, end, scope, zone, instance, error_rate, excluded, description")]
    UnknownColumn { column: usize, name: String },
    #[error("line 1: column `{name}` appears twice")]
    RepeatedColumn { name: String },
    #[error("line 1: the column `{name}` is missing")]
    MissingColumn { name: &'static str },
    #[error("line {line}, column `{column}`: {message}")]
    Value {
        line: usize,
        column: &'static str,
        message: String,
    },
    /// A quote opens a value on `line` and never closes: the rest of the log
    /// would be read as that one value (and its outages lost), so nothing is
    /// read. [`split_rows`] says where exactly ([`OpenQuote`]).
    #[error("line {line}: a quote (\") opens a value on this line and never closes, so the rest of the log would be read as one value; close the quote, or write a quote inside a value twice (\"\")")]
    OpenQuote { line: usize },
    #[error("the log has more than {max} records; split it by month")]
    TooLong { max: usize },
}

/// The most records read from one log.
pub const MAX_RECORDS: usize = 1_000_000;

const COLUMNS: [&str; 8] = [
    "start",
    "end",
    "scope",
    "zone",
    "instance",
    "error_rate",
    "excluded",
    "description",
];

/// Reads an outage log in CSV (comma, or semicolon when the header has no comma).
///
/// # Errors
/// Every problem found (at most 100), each naming the line and column.
///
/// # Example
/// ```
/// let log = sla_presets::log::parse_csv(
///     "start,end,scope,zone\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z,zone,eu-west-1a\n",
/// ).unwrap();
/// assert_eq!(log[0].scope.describe(), "zone eu-west-1a");
/// ```
pub fn parse_csv(text: &str) -> Result<Vec<OutageRecord>, Vec<LogError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (rows, open_quote) = split_rows(text, delimiter(text));
    if let Some(open) = open_quote {
        return Err(vec![LogError::OpenQuote { line: open.line }]);
    }
    let mut rows = rows.into_iter().map(|row| (row.line, row.fields));
    let Some((_, header)) = rows.next() else {
        return Err(vec![LogError::Empty]);
    };
    let mut index: [Option<usize>; 8] = [None; 8];
    for (position, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if name.is_empty() {
            continue;
        }
        let Some(known) = COLUMNS.iter().position(|c| *c == name) else {
            return Err(vec![LogError::UnknownColumn {
                column: position + 1,
                name: name.chars().take(40).collect(),
            }]);
        };
        if index[known].is_some() {
            return Err(vec![LogError::RepeatedColumn {
                name: COLUMNS[known].to_owned(),
            }]);
        }
        index[known] = Some(position);
    }
    for required in [0, 1] {
        if index[required].is_none() {
            return Err(vec![LogError::MissingColumn {
                name: COLUMNS[required],
            }]);
        }
    }
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for (line, row) in rows {
        if row.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if records.len() >= MAX_RECORDS {
            return Err(vec![LogError::TooLong { max: MAX_RECORDS }]);
        }
        let field = |column: usize| -> &str {
            index[column]
                .and_then(|i| row.get(i))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        match record(line, &field) {
            Ok(record) => records.push(record),
            Err(e) => {
                if errors.len() < 100 {
                    errors.push(e);
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(records)
    } else {
        Err(errors)
    }
}

fn record<'a>(line: usize, field: &impl Fn(usize) -> &'a str) -> Result<OutageRecord, LogError> {
    let bad = |column: &'static str, message: String| LogError::Value {
        line,
        column,
        message,
    };
    let start = timestamp(field(0)).map_err(|m| bad("start", m))?;
    let end = timestamp(field(1)).map_err(|m| bad("end", m))?;
    if end < start {
        return Err(bad("end", "the outage ends before it starts".into()));
    }
    let zone = Some(field(3)).filter(|z| !z.is_empty()).map(str::to_owned);
    let instance = Some(field(4)).filter(|z| !z.is_empty()).map(str::to_owned);
    let scope = match field(2).to_ascii_lowercase().as_str() {
        "" | "region" | "service" => {
            if zone.is_some() || instance.is_some() {
                return Err(bad(
                    "scope",
                    "a zone or instance is given: write `zone` or `instance` as the scope".into(),
                ));
            }
            Scope::Region
        }
        "zone" | "az" => Scope::Zone(
            zone.ok_or_else(|| bad("zone", "a zone outage needs the zone's name".into()))?,
        ),
        "instance" | "vm" => Scope::Instance {
            id: instance.ok_or_else(|| {
                bad(
                    "instance",
                    "an instance outage needs the instance id".into(),
                )
            })?,
            zone,
        },
        other => {
            return Err(bad(
                "scope",
                format!(
                    "`{}` is not a scope; use region, zone or instance",
                    other.chars().take(30).collect::<String>()
                ),
            ))
        }
    };
    let error_rate = match field(5) {
        "" => None,
        text => {
            Some(Percent::parse(text).map_err(|e| bad("error_rate", format!("`{text}`: {e}")))?)
        }
    };
    let excluded = match field(6) {
        "" => None,
        text => Some(Category::from_id(text).ok_or_else(|| {
            bad(
                "excluded",
                format!(
                    "`{}` is not a reason; use {}",
                    text.chars().take(40).collect::<String>(),
                    Category::ALL.map(|c| c.id()).join(", ")
                ),
            )
        })?),
    };
    Ok(OutageRecord {
        start,
        end,
        scope,
        error_rate,
        excluded,
        description: field(7).chars().take(500).collect(),
        line,
    })
}

/// RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DDTHH:MM[:SS]` read as UTC.
pub fn timestamp(text: &str) -> Result<UnixNanos, String> {
    if text.is_empty() {
        return Err("missing; write e.g. 2026-07-03T10:00:20Z".into());
    }
    let parsed = iso::rfc3339(text)
        .or_else(|| iso::local(text))
        .map(|t| t.and_utc().timestamp_nanos_opt())
        .ok_or(());
    match parsed {
        Ok(Some(nanos)) => Ok(nanos),
        Ok(None) => Err(format!("`{text}` is out of range (years 1678 to 2261)")),
        Err(()) => Err(format!(
            "`{}` is not a time; write 2026-07-03T10:00:20Z or 2026-07-03 10:00:20 (UTC)",
            text.chars().take(40).collect::<String>()
        )),
    }
}

/// One row of CSV text: the line it starts on, its byte range in the text
/// (its line end included), the number of lines it spans and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub lines: usize,
    pub fields: Vec<String>,
}

/// The delimiter [`parse_csv`] reads `text` with: a comma, or a semicolon
/// when the first line has a semicolon and no comma.
pub fn delimiter(text: &str) -> char {
    let first_line = text.lines().next().unwrap_or("");
    if !first_line.contains(',') && first_line.contains(';') {
        ';'
    } else {
        ','
    }
}

/// A quote that opens a value and never closes: [`split_rows`] reads the
/// rest of the text into that value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    /// Line (1-based) of the opening quote.
    pub line: usize,
    /// Its column on that line (1-based, in characters).
    pub column: usize,
    /// The value's position in its row (1-based).
    pub field: usize,
    /// Lines after `line` that the value took in: the rest of the text.
    pub lines_after: usize,
}

impl std::fmt::Display for OpenQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {} (field {}): a quote opens here and never closes; ",
            self.line, self.column, self.field
        )?;
        match self.lines_after {
            0 => f.write_str("the value runs to the end of the file"),
            1 => f.write_str("the rest of the file (1 line) would be read as one value"),
            n => write!(
                f,
                "the rest of the file ({n} lines) would be read as one value"
            ),
        }
    }
}

/// Splits CSV text into rows as [`parse_csv`] reads them (RFC 4180 quotes,
/// which open only at a field's start; `\n`, `\r\n` or `\r` end a row
/// outside quotes). A quote left open runs to the end of the text: that row
/// is still returned, and where the quote opened is the second value
/// ([`parse_csv`] then reads nothing: [`LogError::OpenQuote`]).
pub fn split_rows(text: &str, delimiter: char) -> (Vec<Row>, Option<OpenQuote>) {
    let mut rows = Vec::new();
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut at_field_start = true;
    let mut line = 1;
    let mut row_line = 1;
    let mut row_start = 0;
    // Where the last quote opened: (byte offset, line, field).
    let mut opened = (0, 1, 1);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek().map(|p| p.1) == Some('"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                quoted = true;
                at_field_start = false;
                opened = (at, line, fields.len() + 1);
                continue;
            }
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                at_field_start = true;
                continue;
            }
            '\r' if chars.peek().map(|p| p.1) == Some('\n') => {}
            '\n' | '\r' => {
                fields.push(std::mem::take(&mut field));
                line += 1;
                let end = at + c.len_utf8();
                rows.push(Row {
                    line: row_line,
                    start: row_start,
                    end,
                    lines: line - row_line,
                    fields: std::mem::take(&mut fields),
                });
                row_line = line;
                row_start = end;
                at_field_start = true;
                continue;
            }
            _ => field.push(c),
        }
        at_field_start = false;
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        rows.push(Row {
            line: row_line,
            start: row_start,
            end: text.len(),
            lines: line - row_line,
            fields,
        });
    }
    let open = quoted.then(|| {
        let (at, quote_line, field) = opened;
        let before = text.get(..at).unwrap_or_default();
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        // Inside quotes only `\n` counts a line (as above); a final one ends
        // the last line rather than starting another.
        let last_line = line - usize::from(text.ends_with('\n'));
        OpenQuote {
            line: quote_line,
            column: before.get(line_start..).unwrap_or_default().chars().count() + 1,
            field,
            lines_after: last_line.saturating_sub(quote_line),
        }
    });
    (rows, open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_read_in_any_order_with_defaults() {
        let log = parse_csv(
            "end,start,description\n2026-07-03T10:03:20Z,2026-07-03T10:00:20Z,\"API down, 5xx\"\n",
        )
        .expect("valid");
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].scope, Scope::Region);
        assert_eq!(log[0].rate(), Percent::HUNDRED);
        assert_eq!(log[0].end - log[0].start, 180_000_000_000);
        assert_eq!(log[0].description, "API down, 5xx");
        assert_eq!(log[0].line, 2);
    }

    #[test]
    fn offsets_and_plain_utc_times_are_read() {
        assert_eq!(
            timestamp("2026-07-03T12:00:00+02:00"),
            timestamp("2026-07-03 10:00")
        );
        assert!(timestamp("03/07/2026").is_err());
    }

    #[test]
    fn bad_values_name_the_line_and_column() {
        let errors = parse_csv(
            "start,end,scope,zone,error_rate,excluded\n\
             2026-07-03T10:00:00Z,2026-07-03T09:00:00Z,,,,\n\
             2026-07-03T10:00:00Z,2026-07-03T11:00:00Z,zone,,,\n\
             2026-07-03T10:00:00Z,2026-07-03T11:00:00Z,,,120,\n\
             2026-07-03T10:00:00Z,2026-07-03T11:00:00Z,,,,maintenance\n",
        )
        .expect_err("invalid");
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "line 2, column `end`: the outage ends before it starts",
                "line 3, column `zone`: a zone outage needs the zone's name",
                "line 4, column `error_rate`: `120`: a percentage cannot exceed 100",
                "line 5, column `excluded`: `maintenance` is not a reason; use outside_control, customer_caused, suspension, pre_ga, quota, scheduled_maintenance",
            ]
        );
    }

    #[test]
    fn unknown_columns_and_open_quotes_are_refused() {
        assert_eq!(
            parse_csv("start,end,zon\n").map_err(|e| e[0].to_string()),
            Err("line 1: column 3 `zon` is not known; the columns are start, end, scope, zone, instance, error_rate, excluded, description".into())
        );
        assert_eq!(
            parse_csv("start,end\n\"2026-07-03,x\n").map_err(|e| e[0].to_string()),
            Err("line 2: a quote (\") opens a value on this line and never closes, so the rest of the log would be read as one value; close the quote, or write a quote inside a value twice (\"\")".into())
        );
        assert_eq!(
            parse_csv("").map_err(|e| e[0].clone()),
            Err(LogError::Empty)
        );
    }

    #[test]
    fn semicolons_and_crlf_work() {
        let log = parse_csv(
            "start;end;scope;instance\r\n2026-07-03 10:00;2026-07-03 10:05;instance;i-1\r\n",
        )
        .expect("valid");
        assert_eq!(
            log[0].scope,
            Scope::Instance {
                id: "i-1".into(),
                zone: None
            }
        );
    }

    /// The reliability case D7 (`/work/shared/reliability-cases/`): a quote
    /// opened on line 4 and never closed. The log is refused as a whole,
    /// at the quote's line, rather than read as three outages.
    #[test]
    fn a_quote_that_never_closes_stops_the_log_at_its_line() {
        let mut log = String::from("start,end,description\n");
        for day in 1..=20 {
            let description = if day == 3 { "\"unterminated" } else { "ok" };
            log.push_str(&format!(
                "2026-02-{day:02}T10:00:00Z,2026-02-{day:02}T11:00:00Z,{description}\n"
            ));
        }
        let (rows, open) = split_rows(&log, delimiter(&log));
        assert_eq!(
            rows.len(),
            4,
            "the header, lines 2 and 3, and line 4 holding the rest"
        );
        let open = open.expect("an open quote");
        assert_eq!(
            open,
            OpenQuote {
                line: 4,
                column: 43,
                field: 3,
                lines_after: 17
            }
        );
        assert_eq!(
            open.to_string(),
            "line 4, column 43 (field 3): a quote opens here and never closes; the rest of the file (17 lines) would be read as one value"
        );
        assert_eq!(parse_csv(&log), Err(vec![LogError::OpenQuote { line: 4 }]));
        // Without the final line end, and with CRLF: the same place.
        let trimmed = log.trim_end();
        assert_eq!(split_rows(trimmed, ',').1, Some(open));
        let crlf = log.replace('\n', "\r\n");
        assert_eq!(split_rows(&crlf, ',').1, Some(open));
        assert_eq!(parse_csv(&crlf), Err(vec![LogError::OpenQuote { line: 4 }]));
    }

    #[test]
    fn an_open_quote_after_a_closed_multiline_value_is_at_its_own_line() {
        let log = "start,end,description\n\"2026-07-03\nT10:00Z\",\"open\nmore";
        let (_, open) = split_rows(log, ',');
        assert_eq!(
            open,
            Some(OpenQuote {
                line: 3,
                column: 10,
                field: 2,
                lines_after: 1
            })
        );
        assert_eq!(parse_csv(log), Err(vec![LogError::OpenQuote { line: 3 }]));
        let (_, closed) = split_rows("a,b\n\"x\ny\",\"\"\"z\"\n", ',');
        assert_eq!(closed, None);
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in ".{0,200}") {
            let _ = parse_csv(&text);
        }
    }
}
