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
//! The text is split into records by the import crate's reader
//! ([`sla_import::reader::RecordReader`], on `csv-core`), the one every CSV
//! import goes through: it knows the physical line each record starts on
//! (a value quoted across lines included) and stops at a quote that never
//! closes. This module keeps only the log's own rules: its delimiter, its
//! columns and how each value is read.
//!
//! [`read_csv`] reads the log in one pass and keeps the good rows beside
//! every bad one (its line, column, the value as written and the reason);
//! [`parse_csv`] takes the log only when every row is good. Every problem
//! names the line and the column.

use std::borrow::Cow;

use sla_engine::time::iso;
use sla_engine::time::UnixNanos;
use sla_engine::Percent;
use sla_import::decode::Encoding;
use sla_import::reader::{Record, RecordReader, Step, Syntax};
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

/// A value that cannot be read. The row it is on is left out of the log;
/// [`read_csv`] lists every such row, [`parse_csv`] refuses the log.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}, column `{column}`: {message}")]
pub struct BadValue {
    /// The physical line (1-based) where the row starts.
    pub line: usize,
    /// The column at fault (`end`), one of the log's column names.
    pub column: &'static str,
    /// The field as written (trimmed, at most 80 characters); `None` when
    /// the row has no such field (the header lacks the column, or the row
    /// is shorter).
    pub value: Option<String>,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// A problem in an outage log.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LogError {
    #[error("the log is empty; the first row names the columns (start,end,scope,zone,instance,error_rate,excluded,description)")]
    Empty,
    #[error("line {line}: column {column} `{name}` is not known; the columns are start, end, scope, zone, instance, error_rate, excluded, description")]
    UnknownColumn {
        /// The header's line: 1, unless blank lines come first.
        line: usize,
        column: usize,
        name: String,
    },
    #[error("line {line}: column `{name}` appears twice")]
    RepeatedColumn { line: usize, name: String },
    #[error("line {line}: the column `{name}` is missing")]
    MissingColumn { line: usize, name: &'static str },
    /// A row whose value cannot be read (only from [`parse_csv`]:
    /// [`read_csv`] keeps the other rows).
    #[error(transparent)]
    Value(BadValue),
    /// A quote opens a value on `line` and never closes: the rest of the log
    /// would be read as that one value (and its outages lost), so nothing is
    /// read. The import crate's reader finds it
    /// ([`sla_import::reader::OpenQuote`]).
    #[error("line {line}: a quote (\") opens a value on this line and never closes, so the rest of the log would be read as one value; close the quote, or write a quote inside a value twice (\"\")")]
    OpenQuote { line: usize },
    /// A row longer than the reader takes
    /// ([`sla_import::reader::MAX_RECORD_BYTES`]) with no quote open in it.
    #[error(
        "line {line}: this row is longer than 1 MB; is this a CSV file with one outage per line?"
    )]
    RowTooLong { line: usize },
    #[error("the log has more than {max} records; split it by month")]
    TooLong { max: usize },
}

/// The most records (rows with something in them, good or bad) read from one log.
pub const MAX_RECORDS: usize = 1_000_000;

/// The most problems [`parse_csv`] returns (the first ones, in line order).
pub const MAX_ERRORS: usize = 100;

/// The log's columns, as its header names them.
pub const COLUMNS: [&str; 8] = [
    "start",
    "end",
    "scope",
    "zone",
    "instance",
    "error_rate",
    "excluded",
    "description",
];

/// A column of the log; its position in [`COLUMNS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Start,
    End,
    Scope,
    Zone,
    Instance,
    ErrorRate,
    Excluded,
    Description,
}

impl Column {
    fn name(self) -> &'static str {
        COLUMNS[self as usize]
    }
}

/// An outage log read in one pass: the rows that could be read, and every
/// row that could not, however many.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogReading {
    /// The good rows, in line order.
    pub records: Vec<OutageRecord>,
    /// Every row left out, in line order, with the first value at fault in it.
    pub rejected: Vec<BadValue>,
    /// Rows with something in them (the header and blank rows not counted):
    /// `records.len() + rejected.len()`.
    pub rows: usize,
}

/// Reads an outage log in CSV (comma, or semicolon when the header has no
/// comma) in one pass: the good rows are kept, and every row with a value
/// that cannot be read is listed with its line, column, the value as
/// written and the reason.
///
/// The text is split into records by the import crate's reader
/// ([`sla_import::reader::RecordReader`]), so a record's line is the
/// physical line it starts on, values quoted across lines included.
///
/// # Errors
/// What stops the whole log: a quote that never closes (it would take in
/// the rest of the log), a row longer than 1 MB, a problem with the header
/// (an unknown, repeated or missing column), no header at all, more than
/// [`MAX_RECORDS`] rows. A quote that never closes is reported before a
/// header problem, as it may be its cause.
///
/// # Example
/// ```
/// let log = sla_presets::log::read_csv(
///     "start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n2026-07-04T10:00:00Z,never\n",
/// ).unwrap();
/// assert_eq!(log.records.len(), 1);
/// assert_eq!(log.rejected[0].to_string(), "line 3, column `end`: `never` is not a time; write 2026-07-03T10:00:20Z or 2026-07-03 10:00:20 (UTC)");
/// assert_eq!(log.rejected[0].value.as_deref(), Some("never"));
/// ```
pub fn read_csv(text: &str) -> Result<LogReading, LogError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header: Option<[Option<usize>; 8]> = None;
    let mut reading = LogReading::default();
    // A problem that stops the log; the rest is still split, to find a
    // quote that never closes (reported first: it may be the cause).
    let mut stopped: Option<LogError> = None;
    for_each_record(text, |line, record| {
        if stopped.is_some() {
            return;
        }
        let fields = decode(record);
        let Some(index) = &header else {
            match read_header(line, &fields) {
                Ok(index) => header = Some(index),
                Err(e) => stopped = Some(e),
            }
            return;
        };
        if fields.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        if reading.rows >= MAX_RECORDS {
            stopped = Some(LogError::TooLong { max: MAX_RECORDS });
            return;
        }
        reading.rows += 1;
        let row = Row {
            line,
            index,
            fields: &fields,
        };
        match row.record() {
            Ok(record) => reading.records.push(record),
            Err(bad) => reading.rejected.push(bad),
        }
    })?;
    match (stopped, header) {
        (Some(error), _) => Err(error),
        (None, None) => Err(LogError::Empty),
        (None, Some(_)) => Ok(reading),
    }
}

/// Reads an outage log in CSV as [`read_csv`] does, but only when every row
/// can be read.
///
/// # Errors
/// What stops the log ([`read_csv`]'s errors), or the rows that cannot be
/// read: the first [`MAX_ERRORS`], each naming the line and column.
///
/// # Example
/// ```
/// let log = sla_presets::log::parse_csv(
///     "start,end,scope,zone\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z,zone,eu-west-1a\n",
/// ).unwrap();
/// assert_eq!(log[0].scope.describe(), "zone eu-west-1a");
/// ```
pub fn parse_csv(text: &str) -> Result<Vec<OutageRecord>, Vec<LogError>> {
    let reading = read_csv(text).map_err(|e| vec![e])?;
    if reading.rejected.is_empty() {
        Ok(reading.records)
    } else {
        Err(reading
            .rejected
            .into_iter()
            .take(MAX_ERRORS)
            .map(LogError::Value)
            .collect())
    }
}

/// One row of CSV text as the log's reader splits it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// The physical line (1-based) where the row starts.
    pub line: usize,
    pub fields: Vec<String>,
}

/// Splits CSV text into rows as [`read_csv`] does (its delimiter rule, the
/// import crate's reader; blank lines skipped), e.g. to show a table this
/// crate wrote ([`crate::claim::ClaimDocument::csv`]).
///
/// # Errors
/// A quote that never closes ([`LogError::OpenQuote`]) or a row longer
/// than 1 MB ([`LogError::RowTooLong`]).
pub fn split_csv(text: &str) -> Result<Vec<CsvRow>, LogError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rows = Vec::new();
    for_each_record(text, |line, record| {
        rows.push(CsvRow {
            line,
            fields: decode(record).into_iter().map(Cow::into_owned).collect(),
        });
    })?;
    Ok(rows)
}

/// The delimiter the log is read with: a comma, or a semicolon when the
/// first line that is not empty has a semicolon and no comma.
///
/// The log's own rule rather than the import crate's detection
/// ([`sla_import::dialect::detect`], which also tries tabs and pipes and
/// weighs the rows): the header names known columns, so its line decides.
pub fn delimiter(text: &str) -> u8 {
    let first_line = text
        .split(['\n', '\r'])
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if !first_line.contains(',') && first_line.contains(';') {
        b';'
    } else {
        b','
    }
}

/// Feeds every record of `text` (without a BOM) to `each` with the physical
/// line it starts on: the import crate's reader, given the whole text as one
/// chunk, in the log's [`delimiter`] and RFC 4180 quotes.
fn for_each_record(text: &str, mut each: impl FnMut(usize, &Record<'_>)) -> Result<(), LogError> {
    let line_of = |line: u64| usize::try_from(line).unwrap_or(usize::MAX);
    let mut reader = RecordReader::new(Syntax {
        delimiter: delimiter(text),
        quote: Some(b'"'),
    });
    let mut input = text.as_bytes();
    loop {
        match reader.read(&mut input) {
            Step::Record(record) => each(line_of(record.line), &record),
            Step::NeedInput => break,
            Step::TooLong { line, open_quote } => {
                return Err(match open_quote {
                    Some(open) => LogError::OpenQuote {
                        line: line_of(open.line),
                    },
                    None => LogError::RowTooLong {
                        line: line_of(line),
                    },
                })
            }
        }
    }
    match reader.finish() {
        Ok(Some(record)) => each(line_of(record.line), &record),
        Ok(None) => {}
        Err(open) => {
            return Err(LogError::OpenQuote {
                line: line_of(open.line),
            })
        }
    }
    Ok(())
}

/// A record's fields as text. The log is text already (UTF-8) and the
/// reader splits it only at ASCII bytes, so every field decodes; a field
/// that did not would be read with replacement characters.
fn decode<'r>(record: &Record<'r>) -> Vec<Cow<'r, str>> {
    record
        .iter()
        .map(|f| {
            Encoding::Utf8
                .decode(f)
                .unwrap_or_else(|_| String::from_utf8_lossy(f))
        })
        .collect()
}

/// Where each column is in the rows, from the header.
fn read_header(line: usize, header: &[Cow<'_, str>]) -> Result<[Option<usize>; 8], LogError> {
    let mut index: [Option<usize>; 8] = [None; 8];
    for (position, name) in header.iter().enumerate() {
        let name = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if name.is_empty() {
            continue;
        }
        let Some(known) = COLUMNS.iter().position(|c| *c == name) else {
            return Err(LogError::UnknownColumn {
                line,
                column: position + 1,
                name: name.chars().take(40).collect(),
            });
        };
        if index[known].is_some() {
            return Err(LogError::RepeatedColumn {
                line,
                name: COLUMNS[known].to_owned(),
            });
        }
        index[known] = Some(position);
    }
    for required in [Column::Start, Column::End] {
        if index[required as usize].is_none() {
            return Err(LogError::MissingColumn {
                line,
                name: required.name(),
            });
        }
    }
    Ok(index)
}

/// A row of the log with the header's positions: the log's field rules.
struct Row<'r> {
    line: usize,
    index: &'r [Option<usize>; 8],
    fields: &'r [Cow<'r, str>],
}

impl Row<'_> {
    /// The column's field as written, `None` when the row has none.
    fn raw(&self, column: Column) -> Option<&str> {
        self.index[column as usize]
            .and_then(|i| self.fields.get(i))
            .map(|f| f.as_ref())
    }

    /// The column's field, trimmed; empty when the row has none.
    fn get(&self, column: Column) -> &str {
        self.raw(column).map_or("", str::trim)
    }

    fn bad(&self, column: Column, message: String) -> BadValue {
        BadValue {
            line: self.line,
            column: column.name(),
            value: self
                .raw(column)
                .map(|v| v.trim().chars().take(80).collect()),
            message,
        }
    }

    fn record(&self) -> Result<OutageRecord, BadValue> {
        let start = timestamp(self.get(Column::Start)).map_err(|m| self.bad(Column::Start, m))?;
        let end = timestamp(self.get(Column::End)).map_err(|m| self.bad(Column::End, m))?;
        if end < start {
            return Err(self.bad(Column::End, "the outage ends before it starts".into()));
        }
        let zone = Some(self.get(Column::Zone))
            .filter(|z| !z.is_empty())
            .map(str::to_owned);
        let instance = Some(self.get(Column::Instance))
            .filter(|z| !z.is_empty())
            .map(str::to_owned);
        let scope = match self.get(Column::Scope).to_ascii_lowercase().as_str() {
            "" | "region" | "service" => {
                if zone.is_some() || instance.is_some() {
                    return Err(self.bad(
                        Column::Scope,
                        "a zone or instance is given: write `zone` or `instance` as the scope"
                            .into(),
                    ));
                }
                Scope::Region
            }
            "zone" | "az" => Scope::Zone(zone.ok_or_else(|| {
                self.bad(Column::Zone, "a zone outage needs the zone's name".into())
            })?),
            "instance" | "vm" => Scope::Instance {
                id: instance.ok_or_else(|| {
                    self.bad(
                        Column::Instance,
                        "an instance outage needs the instance id".into(),
                    )
                })?,
                zone,
            },
            other => {
                return Err(self.bad(
                    Column::Scope,
                    format!(
                        "`{}` is not a scope; use region, zone or instance",
                        other.chars().take(30).collect::<String>()
                    ),
                ))
            }
        };
        let error_rate = match self.get(Column::ErrorRate) {
            "" => None,
            text => Some(
                Percent::parse(text)
                    .map_err(|e| self.bad(Column::ErrorRate, format!("`{text}`: {e}")))?,
            ),
        };
        let excluded = match self.get(Column::Excluded) {
            "" => None,
            text => Some(Category::from_id(text).ok_or_else(|| {
                self.bad(
                    Column::Excluded,
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
            description: self.get(Column::Description).chars().take(500).collect(),
            line: self.line,
        })
    }
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
        let open = Err(LogError::OpenQuote { line: 4 });
        assert_eq!(read_csv(&log), open);
        assert_eq!(parse_csv(&log), Err(vec![LogError::OpenQuote { line: 4 }]));
        assert_eq!(split_csv(&log), open.clone().map(|_| Vec::new()));
        // Without the final line end, with CRLF, with a BOM: the same place.
        assert_eq!(read_csv(log.trim_end()), open);
        let crlf = log.replace('\n', "\r\n");
        assert_eq!(read_csv(&crlf), open);
        assert_eq!(read_csv(&format!("\u{feff}{crlf}")), open);
        assert_eq!(
            open.map(|_: LogReading| ()).map_err(|e| e.to_string()),
            Err("line 4: a quote (\") opens a value on this line and never closes, so the rest of the log would be read as one value; close the quote, or write a quote inside a value twice (\"\")".into())
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_at_its_own_line_before_anything_else() {
        // After a value quoted across lines 2-3, a quote opens on line 3.
        let log = "start,end,description\n\"2026-07-03\nT10:00Z\",\"open\nmore";
        assert_eq!(parse_csv(log), Err(vec![LogError::OpenQuote { line: 3 }]));
        // Bad rows before it and a bad header do not hide it: it may be their cause.
        let log = "start,end\n2026-07-03T10:00:00Z,never\n2026-07-03T10:00:00Z,\"2026\n\n";
        assert_eq!(read_csv(log), Err(LogError::OpenQuote { line: 3 }));
        let log = "start,finish\n\"x,y\n";
        assert_eq!(read_csv(log), Err(LogError::OpenQuote { line: 2 }));
        // A quote that closes at the end is no problem.
        let rows = split_csv("a,b\n\"x\ny\",\"\"\"z\"\n").expect("closed");
        assert_eq!(
            rows,
            [
                CsvRow {
                    line: 1,
                    fields: vec!["a".into(), "b".into()]
                },
                CsvRow {
                    line: 2,
                    fields: vec!["x\ny".into(), "\"z".into()]
                },
            ]
        );
    }

    #[test]
    fn a_row_longer_than_the_reader_takes_stops_the_log_at_its_line() {
        let mut log =
            String::from("start,end,description\n2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,");
        log.push_str(&"x".repeat(sla_import::reader::MAX_RECORD_BYTES + 1));
        assert_eq!(read_csv(&log), Err(LogError::RowTooLong { line: 2 }));
    }

    #[test]
    fn every_bad_row_is_listed_in_one_pass_beside_the_good_ones() {
        // 250 bad rows (more than the 100 the strict reader lists), every
        // fifth row good, blank lines between some: all found at once.
        let mut log = String::from("start,end,error_rate\n");
        let mut line = 2;
        let mut bad_lines = Vec::new();
        let mut good_lines = Vec::new();
        for n in 0..300 {
            if n % 5 == 4 {
                log.push_str("2026-07-03T10:00:00Z,2026-07-03T10:01:00Z,50\n");
                good_lines.push(line);
            } else if n % 3 == 0 {
                log.push_str(&format!(
                    "2026-07-03T10:00:00Z,2026-07-03T10:01:00Z,{}\n",
                    101 + n
                ));
                bad_lines.push(line);
            } else {
                log.push_str(&format!("2026-07-03T10:00:00Z,never {n},\n"));
                bad_lines.push(line);
            }
            line += 1;
            if n % 7 == 0 {
                log.push('\n');
                line += 1;
            }
        }
        let reading = read_csv(&log).expect("readable");
        assert_eq!(reading.rejected.len(), 240);
        assert_eq!(reading.records.len(), 60);
        assert_eq!(reading.rows, 300);
        let lines = |v: &[usize]| v.to_vec();
        assert_eq!(
            reading.rejected.iter().map(|b| b.line).collect::<Vec<_>>(),
            lines(&bad_lines)
        );
        assert_eq!(
            reading.records.iter().map(|r| r.line).collect::<Vec<_>>(),
            lines(&good_lines)
        );
        // Each with its column, its value as written and the reason.
        let first = &reading.rejected[0];
        assert_eq!(
            (first.line, first.column, first.value.as_deref()),
            (2, "error_rate", Some("101"))
        );
        assert_eq!(first.message, "`101`: a percentage cannot exceed 100");
        let second = &reading.rejected[1];
        assert_eq!(
            (second.line, second.column, second.value.as_deref()),
            (4, "end", Some("never 1"))
        );
        let last = reading.rejected.last().expect("rows");
        assert_eq!(last.line, *bad_lines.last().expect("lines"));
        // The strict reader refuses the log with the first 100.
        let errors = parse_csv(&log).expect_err("bad rows");
        assert_eq!(errors.len(), MAX_ERRORS);
        assert_eq!(errors[0], LogError::Value(first.clone()));
    }

    #[test]
    fn two_hundred_and_fifty_bad_rows_have_their_exact_lines() {
        let mut log = String::from("start,end\n");
        for n in 0..250 {
            log.push_str(&format!("2026-07-03T10:00:00Z,bad {n}\n"));
        }
        log.push_str("2026-07-03T10:00:00Z,2026-07-03T10:01:00Z\n");
        let reading = read_csv(&log).expect("readable");
        assert_eq!(reading.rejected.len(), 250);
        for (n, bad) in reading.rejected.iter().enumerate() {
            assert_eq!(bad.line, n + 2);
            assert_eq!(bad.value.as_deref(), Some(format!("bad {n}").as_str()));
        }
        assert_eq!(reading.records.len(), 1);
        assert_eq!(reading.records[0].line, 252);
    }

    #[test]
    fn a_value_quoted_across_lines_keeps_the_physical_lines() {
        for line_end in ["\n", "\r\n", "\r"] {
            let log = [
                "start,end,description",
                "2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,\"three",
                "line",
                "description\"",
                "2026-07-03T10:00:00Z,never,after it",
                "",
                "\"2026-07-04T10:00:00Z\",\"2026-07-04T10:05:00Z\",\"two",
                "lines, \"\"quoted\"\"\"",
                "2026-07-05T10:00:00Z,2026-07-05T09:00:00Z,last",
            ]
            .join(line_end);
            let reading = read_csv(&log).expect("readable");
            let kept: Vec<(usize, &str)> = reading
                .records
                .iter()
                .map(|r| (r.line, r.description.as_str()))
                .collect();
            // The reader keeps a value's line ends as written.
            let three = ["three", "line", "description"].join(line_end);
            let two = ["two", "lines, \"quoted\""].join(line_end);
            assert_eq!(
                kept,
                [(2, three.as_str()), (7, two.as_str())],
                "{line_end:?}"
            );
            let bad: Vec<(usize, &str)> = reading
                .rejected
                .iter()
                .map(|b| (b.line, b.column))
                .collect();
            assert_eq!(bad, [(5, "end"), (9, "end")], "{line_end:?}");
        }
    }

    #[test]
    fn the_header_is_named_at_its_own_line() {
        assert_eq!(
            read_csv("\n\nstart;end;zon\n").map_err(|e| e.to_string()),
            Err("line 3: column 3 `zon` is not known; the columns are start, end, scope, zone, instance, error_rate, excluded, description".into())
        );
        let reading =
            read_csv("\r\nstart;end\r\n2026-07-03 10:00;2026-07-03 10:05\r\n").expect("valid");
        assert_eq!(reading.records[0].line, 3);
        assert_eq!(read_csv("\n\n"), Err(LogError::Empty));
        assert_eq!(
            read_csv("start,start,end\n").map_err(|e| e.to_string()),
            Err("line 1: column `start` appears twice".into())
        );
        assert_eq!(
            read_csv("start\n").map_err(|e| e.to_string()),
            Err("line 1: the column `end` is missing".into())
        );
    }

    #[test]
    fn a_missing_field_has_no_value_and_an_empty_one_is_empty() {
        let reading = read_csv(
            "start,end,scope\n\
             2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,zone\n\
             2026-07-03T10:00:00Z\n\
             2026-07-03T10:00:00Z,,region\n",
        )
        .expect("readable");
        let found: Vec<(usize, &str, Option<&str>)> = reading
            .rejected
            .iter()
            .map(|b| (b.line, b.column, b.value.as_deref()))
            .collect();
        assert_eq!(
            found,
            [(2, "zone", None), (3, "end", None), (4, "end", Some(""))]
        );
    }

    proptest::proptest! {
        #[test]
        fn parsing_never_panics(text in ".{0,200}") {
            let _ = parse_csv(&text);
        }

        /// Every row with something in it is either read or listed, once,
        /// in line order; the strict reader refuses exactly the logs with a
        /// row listed.
        #[test]
        fn every_row_is_read_or_listed_once(text in "[a-z0-9:T,;\" \\-\n\r]{0,300}") {
            let text = format!("start,end,scope,zone,error_rate\n{text}");
            let Ok(reading) = read_csv(&text) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(reading.rows, reading.records.len() + reading.rejected.len());
            let mut lines: Vec<usize> = reading.records.iter().map(|r| r.line).collect();
            proptest::prop_assert!(lines.is_sorted());
            let rejected: Vec<usize> = reading.rejected.iter().map(|b| b.line).collect();
            proptest::prop_assert!(rejected.is_sorted());
            lines.extend(rejected);
            let count = lines.len();
            lines.sort_unstable();
            lines.dedup();
            proptest::prop_assert_eq!(lines.len(), count);
            proptest::prop_assert_eq!(parse_csv(&text).is_ok(), reading.rejected.is_empty());
        }
    }
}
