//! The "Compare vendor SLAs" page's state (`compare.html`): one outage log
//! (CSV text, pasted or uploaded, or rows typed into a table), the month,
//! the monthly bill and the deployment, the presets picked and the preset
//! the claim is written for. Everything here is pure and tested natively:
//! the arithmetic is `sla_presets`', the view is `pages::compare`.
//!
//! - [`CompareState`] changes only through [`Action`].
//! - [`parse_log`] reads the log in one pass with `sla_presets::log::read_csv`
//!   (the import crate's CSV reader under the log's field rules): the good
//!   rows are kept beside every wrong one, each named by its line, column
//!   and field.
//! - [`rows_to_csv`]: the table's rows are written as the same CSV, so both
//!   ways of entering a log go through one reader.
//! - [`CompareState::request`]: the month, bill and deployment as the
//!   crate's `Request`, or each field's error.
//! - [`to_storage`] / [`from_storage`]: the state as kept in `localStorage`
//!   (JSON through `sla-json`: the page carries no serde_json).

use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use sla_engine::{Currency, Money};
use sla_json::{self as json, Json};
use sla_presets::evaluate::{Deployment, Month, Request};
use sla_presets::log::{read_csv, BadValue, LogError, OutageRecord};

/// The `localStorage` key the page keeps its input under.
pub const STORAGE_KEY: &str = "sla.compare";
/// The version of what is kept; another version is not read (and kept aside).
pub const STORAGE_VERSION: u32 = 1;
/// Where an unreadable stored value is moved, so that it is not lost.
pub const STORAGE_BACKUP_KEY: &str = "sla.compare.unreadable";
/// The most rows the table takes (a longer log is a CSV file).
pub const MAX_TABLE_ROWS: usize = 500;
/// The largest CSV file read from a file or kept as text.
pub const MAX_LOG_BYTES: usize = 16 * 1024 * 1024;
/// The columns of the outage log, in the order the table writes them.
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

/// How the outage log is entered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum LogInput {
    /// CSV text, pasted or read from a file.
    #[default]
    Csv,
    /// Rows typed into the page's table.
    Table,
}

/// One row of the table as typed: every field is text until it is read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RowDraft {
    pub start: String,
    pub end: String,
    /// `region` (or empty), `zone` or `instance`.
    pub scope: String,
    pub zone: String,
    pub instance: String,
    pub error_rate: String,
    /// A category id (`scheduled_maintenance`) or empty.
    pub excluded: String,
    pub description: String,
}

/// A field of a row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowField {
    Start,
    End,
    Scope,
    Zone,
    Instance,
    ErrorRate,
    Excluded,
    Description,
}

impl RowField {
    pub const ALL: [RowField; 8] = [
        RowField::Start,
        RowField::End,
        RowField::Scope,
        RowField::Zone,
        RowField::Instance,
        RowField::ErrorRate,
        RowField::Excluded,
        RowField::Description,
    ];

    /// The CSV column it is written to (`error_rate`).
    pub fn column(self) -> &'static str {
        COLUMNS[self as usize]
    }

    /// The field for a CSV column name.
    pub fn from_column(column: &str) -> Option<RowField> {
        RowField::ALL.into_iter().find(|f| f.column() == column)
    }
}

impl RowDraft {
    pub fn get(&self, field: RowField) -> &str {
        match field {
            RowField::Start => &self.start,
            RowField::End => &self.end,
            RowField::Scope => &self.scope,
            RowField::Zone => &self.zone,
            RowField::Instance => &self.instance,
            RowField::ErrorRate => &self.error_rate,
            RowField::Excluded => &self.excluded,
            RowField::Description => &self.description,
        }
    }

    fn set(&mut self, field: RowField, value: String) {
        let slot = match field {
            RowField::Start => &mut self.start,
            RowField::End => &mut self.end,
            RowField::Scope => &mut self.scope,
            RowField::Zone => &mut self.zone,
            RowField::Instance => &mut self.instance,
            RowField::ErrorRate => &mut self.error_rate,
            RowField::Excluded => &mut self.excluded,
            RowField::Description => &mut self.description,
        };
        *slot = value;
    }

    /// Whether nothing was typed in it.
    pub fn is_blank(&self) -> bool {
        RowField::ALL.iter().all(|f| self.get(*f).trim().is_empty())
    }
}

/// Everything the visitor entered. Derived figures (the log read, the
/// comparison, the claim) are not kept here: the view computes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompareState {
    pub input: LogInput,
    /// The CSV text as pasted, typed or read from a file (shared, not copied
    /// on every render: a log may be large).
    pub csv: Rc<String>,
    /// The file the CSV text was read from, if any.
    pub file_name: Option<String>,
    pub rows: Vec<RowDraft>,
    /// `YYYY-MM`.
    pub month: String,
    /// The monthly bill for the service, e.g. `1000.00`; empty: credits as percentages only.
    pub bill: String,
    /// A three-letter code, e.g. `USD`.
    pub currency: String,
    /// The deployment's zones, separated by commas or spaces.
    pub zones: String,
    /// The instance single-instance presets evaluate.
    pub instance: String,
    /// The preset ids picked, in the order they were picked.
    pub selected: Vec<String>,
    /// The preset the claim is written for.
    pub claim: Option<String>,
}

impl CompareState {
    /// A first visit: the month before `today`, USD, one empty row, nothing picked.
    pub fn new(today: NaiveDate) -> CompareState {
        CompareState {
            input: LogInput::Csv,
            csv: Rc::new(String::new()),
            file_name: None,
            rows: vec![RowDraft::default()],
            month: previous_month(today),
            bill: String::new(),
            currency: "USD".into(),
            zones: String::new(),
            instance: String::new(),
            selected: Vec::new(),
            claim: None,
        }
    }

    /// Nothing entered yet: no log and no preset picked (the page shows an
    /// example's result until then).
    pub fn untouched(&self) -> bool {
        self.input == LogInput::Csv && self.csv.is_empty() && self.selected.is_empty()
    }

    /// The log's text as the reader gets it: the CSV, or the table's rows as CSV.
    pub fn log_text(&self) -> Rc<String> {
        match self.input {
            LogInput::Csv => self.csv.clone(),
            LogInput::Table => Rc::new(rows_to_csv(&self.rows)),
        }
    }

    /// The inputs of a request, for memoising the comparison on them.
    pub fn request_inputs(&self, today: NaiveDate) -> RequestInputs {
        RequestInputs {
            month: self.month.clone(),
            bill: self.bill.clone(),
            currency: self.currency.clone(),
            zones: self.zones.clone(),
            instance: self.instance.clone(),
            today,
        }
    }

    /// The preset the claim is written for: the one chosen if it is still
    /// picked, else the first picked.
    pub fn claim_preset(&self) -> Option<&str> {
        self.claim
            .as_deref()
            .filter(|c| self.selected.iter().any(|s| s == c))
            .or_else(|| self.selected.first().map(String::as_str))
    }
}

/// `YYYY-MM` of the month before `today`'s (a claim is for a month that has ended).
pub fn previous_month(today: NaiveDate) -> String {
    let (year, month) = if today.month() == 1 {
        (today.year() - 1, 12)
    } else {
        (today.year(), today.month() - 1)
    };
    format!("{year:04}-{month:02}")
}

/// A change to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Input(LogInput),
    /// The CSV text was edited or pasted.
    Csv(String),
    /// A file was read.
    CsvFile {
        name: String,
        text: String,
    },
    /// A row added at the end of the table (up to [`MAX_TABLE_ROWS`]).
    AddRow,
    RemoveRow(usize),
    EditRow(usize, RowField, String),
    Month(String),
    Bill(String),
    Currency(String),
    Zones(String),
    Instance(String),
    /// A preset picked (`true`) or put back (`false`).
    Pick(String, bool),
    Claim(String),
}

impl CompareState {
    /// The state after `action`: the same `Rc` when nothing changed.
    pub fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Input(input) => next.input = input,
            Action::Csv(text) => {
                next.csv = Rc::new(text);
                next.file_name = None;
            }
            Action::CsvFile { name, text } => {
                next.csv = Rc::new(text);
                next.file_name = Some(name);
                next.input = LogInput::Csv;
            }
            Action::AddRow => {
                if next.rows.len() >= MAX_TABLE_ROWS {
                    return self;
                }
                next.rows.push(RowDraft::default());
            }
            Action::RemoveRow(index) => {
                if index >= next.rows.len() {
                    return self;
                }
                next.rows.remove(index);
                if next.rows.is_empty() {
                    next.rows.push(RowDraft::default());
                }
            }
            Action::EditRow(index, field, value) => match next.rows.get_mut(index) {
                Some(row) => row.set(field, value),
                None => return self,
            },
            Action::Month(month) => next.month = month,
            Action::Bill(bill) => next.bill = bill,
            Action::Currency(currency) => next.currency = currency,
            Action::Zones(zones) => next.zones = zones,
            Action::Instance(instance) => next.instance = instance,
            Action::Pick(id, on) => {
                let present = next.selected.contains(&id);
                match (on, present) {
                    (true, false) => next.selected.push(id),
                    (false, true) => next.selected.retain(|s| *s != id),
                    _ => return self,
                }
            }
            Action::Claim(id) => next.claim = Some(id),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

// ---------------------------------------------------------------------------
// The table's rows as CSV

/// A CSV field, quoted when it holds a comma, a quote or a line end.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// The table's rows as the outage log's CSV: a header, then one line per
/// row, so that row `n` (from 1) is on line `n + 1`. A blank row is a blank
/// line, which the reader skips.
pub fn rows_to_csv(rows: &[RowDraft]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for row in rows {
        if !row.is_blank() {
            let fields: Vec<String> = RowField::ALL
                .iter()
                .map(|f| csv_field(row.get(*f).trim()))
                .collect();
            out.push_str(&fields.join(","));
        }
        out.push('\n');
    }
    out
}

/// The table row (from 0) a line of [`rows_to_csv`]'s text holds.
pub fn row_of_line(line: usize) -> Option<usize> {
    line.checked_sub(2)
}

// ---------------------------------------------------------------------------
// Reading the log, keeping the good rows

/// One problem in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogProblem {
    /// The line of the CSV text (1 is the header).
    pub line: usize,
    /// The column's name (`end`), when one is at fault.
    pub column: Option<String>,
    /// The field's text as written, when one is at fault.
    pub field: Option<String>,
    /// What is wrong and what to write instead.
    pub message: String,
}

/// The log as read: the good records, and what was wrong with the others.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ParsedLog {
    pub records: Vec<OutageRecord>,
    /// Every problem found, however many (the rows at fault are left out
    /// of `records`).
    pub problems: Vec<LogProblem>,
    /// Rows with something in them (the header and blank lines not counted).
    pub rows: usize,
    /// The whole log could not be read (a header problem, an open quote).
    pub fatal: bool,
}

impl ParsedLog {
    /// Whether there is nothing to read at all.
    pub fn is_empty(&self) -> bool {
        self.rows == 0 && self.problems.is_empty()
    }
}

/// The rows of CSV text as fields, split as the log is read
/// (`sla_presets::log::split_csv`), e.g. to show a table the crate wrote.
/// A quote that never closes leaves nothing to show.
pub fn split_csv(text: &str) -> Vec<Vec<String>> {
    sla_presets::log::split_csv(text)
        .map(|rows| rows.into_iter().map(|r| r.fields).collect())
        .unwrap_or_default()
}

impl From<BadValue> for LogProblem {
    fn from(bad: BadValue) -> LogProblem {
        LogProblem {
            line: bad.line,
            column: Some(bad.column.to_owned()),
            field: bad.value,
            message: bad.message,
        }
    }
}

fn whole_log_problem(error: &LogError) -> LogProblem {
    let (line, column) = match error {
        LogError::UnknownColumn { line, name, .. } | LogError::RepeatedColumn { line, name } => {
            (*line, Some(name.clone()))
        }
        LogError::MissingColumn { line, name } => (*line, Some((*name).to_owned())),
        LogError::OpenQuote { line } | LogError::RowTooLong { line } => (*line, None),
        LogError::Value(bad) => (bad.line, Some(bad.column.to_owned())),
        LogError::Empty | LogError::TooLong { .. } => (0, None),
    };
    LogProblem {
        line,
        column,
        field: None,
        message: error.to_string(),
    }
}

/// Reads an outage log in one pass (`sla_presets::log::read_csv`): the good
/// rows are kept, and every wrong one is listed (line, column, the field as
/// written, what to do), however many there are. A problem with the header
/// or an unclosed quote stops the whole log.
pub fn parse_log(text: &str) -> ParsedLog {
    if text.trim().is_empty() {
        return ParsedLog::default();
    }
    match read_csv(text) {
        Ok(reading) => ParsedLog {
            records: reading.records,
            problems: reading.rejected.into_iter().map(LogProblem::from).collect(),
            rows: reading.rows,
            fatal: false,
        },
        Err(error) => ParsedLog {
            problems: vec![whole_log_problem(&error)],
            fatal: true,
            ..ParsedLog::default()
        },
    }
}

// ---------------------------------------------------------------------------
// The month, the bill and the deployment

/// What a request is made of, as typed (for memoising the comparison).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestInputs {
    pub month: String,
    pub bill: String,
    pub currency: String,
    pub zones: String,
    pub instance: String,
    pub today: NaiveDate,
}

/// Why a field cannot be used; `None` where it is fine.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FieldErrors {
    pub month: Option<String>,
    pub bill: Option<String>,
    pub currency: Option<String>,
}

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.month.is_none() && self.bill.is_none() && self.currency.is_none()
    }
}

/// The zones typed, split at commas and spaces, each once.
pub fn zones(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for zone in text.split([',', ' ', ';', '\t', '\n']) {
        let zone = zone.trim();
        if !zone.is_empty() && !out.iter().any(|z| z == zone) {
            out.push(zone.to_owned());
        }
    }
    out
}

impl RequestInputs {
    /// The crate's request (UTC, as the vendors' texts name no zone), or the
    /// error of each field that cannot be read. An empty bill is no bill:
    /// credits are then shown as percentages only.
    ///
    /// # Errors
    /// A month that is not `YYYY-MM`, a currency that is not three letters, a
    /// bill that is not an amount in it or is negative.
    pub fn request(&self) -> Result<Request, FieldErrors> {
        let mut errors = FieldErrors::default();
        let month = Month::parse(&self.month)
            .map_err(|_| {
                errors.month = Some(format!(
                    "“{}” is not a month: write it as 2026-07.",
                    shorten(&self.month)
                ))
            })
            .ok();
        let currency = Currency::new(&self.currency)
            .map_err(|_| {
                errors.currency = Some(format!(
                    "“{}” is not a currency code: write three letters, e.g. USD or EUR.",
                    shorten(&self.currency)
                ))
            })
            .ok();
        let bill = match (self.bill.trim(), currency) {
            ("", _) => None,
            (text, Some(currency)) => match Money::parse(text, currency) {
                Ok(money) if money.minor_units() < 0 => {
                    errors.bill = Some("The bill cannot be negative.".into());
                    None
                }
                Ok(money) => Some(money),
                Err(e) => {
                    errors.bill = Some(format!("{e}; write it as 1000.00."));
                    None
                }
            },
            (_, None) => None,
        };
        let Some(month) = month else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut request = Request::new(month, self.today);
        request.bill = bill;
        request.deployment = Deployment {
            zones: zones(&self.zones),
            instance: Some(self.instance.trim())
                .filter(|i| !i.is_empty())
                .map(str::to_owned),
        };
        Ok(request)
    }
}

fn shorten(text: &str) -> String {
    let mut out: String = text.trim().chars().take(40).collect();
    if text.trim().chars().count() > 40 {
        out.push('…');
    }
    out
}

// ---------------------------------------------------------------------------
// Storage

/// The state as JSON for `localStorage` (`{"version": 1, …}`), written with
/// `sla-json` (the page carries no serde_json).
pub fn to_storage(state: &CompareState) -> String {
    let text = |s: &str| Json::String(s.to_owned());
    let optional = |s: &Option<String>| s.as_deref().map_or(Json::Null, text);
    let rows = state
        .rows
        .iter()
        .map(|row| {
            Json::Object(
                RowField::ALL
                    .iter()
                    .map(|f| (f.column().to_owned(), text(row.get(*f))))
                    .collect(),
            )
        })
        .collect();
    json::object([
        ("version", Json::Number(STORAGE_VERSION.to_string())),
        (
            "input",
            text(match state.input {
                LogInput::Csv => "csv",
                LogInput::Table => "table",
            }),
        ),
        ("csv", text(&state.csv)),
        ("file_name", optional(&state.file_name)),
        ("rows", Json::Array(rows)),
        ("month", text(&state.month)),
        ("bill", text(&state.bill)),
        ("currency", text(&state.currency)),
        ("zones", text(&state.zones)),
        ("instance", text(&state.instance)),
        (
            "selected",
            Json::Array(state.selected.iter().map(|s| text(s)).collect()),
        ),
        ("claim", optional(&state.claim)),
    ])
    .to_text()
}

/// [`to_storage`] without the CSV text: what is kept when the log is too
/// large for the browser's storage (the rest is not lost with it).
pub fn to_storage_without_log(state: &CompareState) -> String {
    let mut light = state.clone();
    light.csv = Rc::new(String::new());
    light.file_name = None;
    to_storage(&light)
}

/// A text field of what was kept: missing or `null` is `None`; another
/// type is refused with the field's name.
fn stored_text(value: Option<&Json>, name: &str) -> Result<Option<String>, String> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(Json::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("`{name}` is {}, not a text", other.kind())),
    }
}

/// A list of what was kept: missing or `null` is empty.
fn stored_list<'a>(value: Option<&'a Json>, name: &str) -> Result<&'a [Json], String> {
    match value {
        None | Some(Json::Null) => Ok(&[]),
        Some(Json::Array(items)) => Ok(items),
        Some(other) => Err(format!("`{name}` is {}, not a list", other.kind())),
    }
}

fn stored_row(value: &Json, index: usize) -> Result<RowDraft, String> {
    let Some(fields) = value.as_object() else {
        return Err(format!(
            "`rows[{index}]` is {}, not an object",
            value.kind()
        ));
    };
    let mut row = RowDraft::default();
    for (key, value) in fields {
        let name = format!("rows[{index}].{key}");
        let Some(field) = RowField::from_column(key) else {
            return Err(format!("`{name}` is not a field of a row"));
        };
        row.set(field, stored_text(Some(value), &name)?.unwrap_or_default());
    }
    Ok(row)
}

/// The state kept in `localStorage`, over `fresh` (missing fields keep
/// `fresh`'s values).
///
/// # Errors
/// Why the text cannot be read: not JSON of this form, another version.
/// The caller keeps the text aside rather than overwrite it.
pub fn from_storage(text: &str, fresh: &CompareState) -> Result<CompareState, String> {
    let not_ours = |why: String| format!("it is not the form this page writes ({why})");
    let value = json::parse(text).map_err(|e| not_ours(e.to_string()))?;
    let Some(fields) = value.as_object() else {
        return Err(not_ours(format!("it is {}, not an object", value.kind())));
    };
    const KNOWN: [&str; 12] = [
        "version",
        "input",
        "csv",
        "file_name",
        "rows",
        "month",
        "bill",
        "currency",
        "zones",
        "instance",
        "selected",
        "claim",
    ];
    if let Some((key, _)) = fields.iter().find(|(k, _)| !KNOWN.contains(&k.as_str())) {
        return Err(not_ours(format!("unknown field `{key}`")));
    }
    let version = match value.get("version") {
        None => 0,
        Some(v) => v
            .as_u32()
            .ok_or_else(|| not_ours(format!("`version` is {}, not a whole number", v.kind())))?,
    };
    if version != STORAGE_VERSION {
        return Err(format!(
            "it was written by another version of this page (version {version})"
        ));
    }
    let get = |name: &str| stored_text(value.get(name), name).map_err(not_ours);
    let input = match get("input")?.as_deref() {
        None | Some("csv") => LogInput::Csv,
        Some("table") => LogInput::Table,
        Some(other) => return Err(not_ours(format!("`input` is “{}”", shorten(other)))),
    };
    let rows = stored_list(value.get("rows"), "rows")
        .map_err(not_ours)?
        .iter()
        .enumerate()
        .map(|(i, row)| stored_row(row, i))
        .collect::<Result<Vec<RowDraft>, String>>()
        .map_err(not_ours)?;
    let mut picked = Vec::new();
    for (i, item) in stored_list(value.get("selected"), "selected")
        .map_err(not_ours)?
        .iter()
        .enumerate()
    {
        picked.push(
            stored_text(Some(item), &format!("selected[{i}]"))
                .map_err(not_ours)?
                .unwrap_or_default(),
        );
    }
    let csv = get("csv")?.unwrap_or_default();
    let file_name = get("file_name")?;
    let month = get("month")?.unwrap_or_default();
    let currency = get("currency")?.unwrap_or_default();

    let mut state = fresh.clone();
    state.input = input;
    if csv.len() <= MAX_LOG_BYTES {
        state.csv = Rc::new(csv);
        state.file_name = file_name;
    }
    if !rows.is_empty() {
        state.rows = rows;
        state.rows.truncate(MAX_TABLE_ROWS);
    }
    if !month.is_empty() {
        state.month = month;
    }
    state.bill = get("bill")?.unwrap_or_default();
    if !currency.is_empty() {
        state.currency = currency;
    }
    state.zones = get("zones")?.unwrap_or_default();
    state.instance = get("instance")?.unwrap_or_default();
    let mut selected: Vec<String> = Vec::new();
    for id in picked.into_iter().take(64) {
        if !selected.contains(&id) {
            selected.push(id);
        }
    }
    state.selected = selected;
    state.claim = get("claim")?;
    Ok(state)
}

/// A file name for a download: `sla-comparison-2026-07.csv`; the parts are
/// reduced to letters, digits and `-`.
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let clean: Vec<String> = parts
        .iter()
        .map(|p| {
            p.chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                .collect::<String>()
                .trim_matches('-')
                .to_owned()
        })
        .filter(|p| !p.is_empty())
        .collect();
    format!("{}.{extension}", clean.join("-"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use sla_presets::log::parse_csv;
    use std::collections::BTreeSet;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 8, 10).expect("a date")
    }

    const HEADER: &str = "start,end,scope,zone,instance,error_rate,excluded,description\n";

    #[test]
    fn a_first_visit_proposes_the_month_before_today() {
        let state = CompareState::new(today());
        assert_eq!(state.month, "2026-07");
        assert_eq!(
            previous_month(NaiveDate::from_ymd_opt(2026, 1, 5).expect("date")),
            "2025-12"
        );
        assert_eq!(state.rows.len(), 1);
        assert!(state.selected.is_empty());
    }

    #[test]
    fn a_valid_log_is_read_whole() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/vendor-outages-2026-07.csv"
        ))
        .expect("the example log");
        let log = parse_log(&text);
        assert_eq!(log.records.len(), 10);
        assert_eq!(log.rows, 10);
        assert!(log.problems.is_empty());
        assert_eq!(log.records, parse_csv(&text).expect("valid"));
    }

    #[test]
    fn bad_rows_are_listed_with_line_column_and_field_and_the_good_rows_kept() {
        let text = format!(
            "{HEADER}\
             2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,,,,,,first\n\
             2026-07-03T10:00:00Z,yesterday,,,,,,bad end\n\
             2026-07-04T10:00:00Z,2026-07-04T10:05:00Z,,,,120,,bad rate\n\
             \"2026-07-05T10:00:00Z\",2026-07-05T10:05:00Z,,,,,,\"two\nlines\"\n\
             2026-07-06T10:00:00Z,2026-07-06T10:05:00Z,,,,,,last\n"
        );
        let log = parse_log(&text);
        assert!(!log.fatal);
        assert_eq!(log.rows, 5);
        let kept: Vec<(&str, usize)> = log
            .records
            .iter()
            .map(|r| (r.description.as_str(), r.line))
            .collect();
        // Line numbers are those of the text as typed.
        assert_eq!(kept, [("first", 2), ("two\nlines", 5), ("last", 7)]);
        assert_eq!(
            log.problems,
            [
                LogProblem {
                    line: 3,
                    column: Some("end".into()),
                    field: Some("yesterday".into()),
                    message: "`yesterday` is not a time; write 2026-07-03T10:00:20Z or 2026-07-03 10:00:20 (UTC)".into(),
                },
                LogProblem {
                    line: 4,
                    column: Some("error_rate".into()),
                    field: Some("120".into()),
                    message: "`120`: a percentage cannot exceed 100".into(),
                },
            ]
        );
    }

    #[test]
    fn more_than_a_hundred_bad_rows_are_all_listed_in_one_pass() {
        let mut text = HEADER.to_string();
        for n in 0..250 {
            text.push_str(&format!("2026-07-03T10:00:00Z,never {n},,,,,,bad {n}\n"));
        }
        text.push_str("2026-07-03T10:00:00Z,2026-07-03T10:01:00Z,,,,,,good\r\n");
        let log = parse_log(&text);
        assert!(!log.fatal);
        assert_eq!(log.rows, 251);
        assert_eq!(log.problems.len(), 250);
        for (n, problem) in log.problems.iter().enumerate() {
            assert_eq!(
                (problem.line, problem.column.as_deref()),
                (n + 2, Some("end"))
            );
            assert_eq!(problem.field, Some(format!("never {n}")));
        }
        assert_eq!(log.records.len(), 1);
        assert_eq!(log.records[0].line, 252);
    }

    #[test]
    fn bad_rows_after_a_value_quoted_across_lines_keep_their_physical_lines() {
        let text = format!(
            "{HEADER}\
             2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,,,,,,\"line 2\r\nline 3\nline 4\"\r\n\
             2026-07-03T10:00:00Z,never,,,,,,\n\
             \n\
             2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,zone,,,,,\n"
        );
        let log = parse_log(&text);
        assert_eq!(log.records.len(), 1);
        assert_eq!(log.records[0].line, 2);
        let lines: Vec<(usize, Option<&str>)> = log
            .problems
            .iter()
            .map(|p| (p.line, p.column.as_deref()))
            .collect();
        assert_eq!(lines, [(5, Some("end")), (7, Some("zone"))]);
    }

    #[test]
    fn an_unclosed_quote_is_named_at_its_line() {
        let text = format!(
            "{HEADER}\
             2026-07-03T10:00:00Z,never,,,,,,\n\
             2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,,,,,,\"said \"\"hi\"\"\n\
             2026-07-04T10:00:00Z,2026-07-04T10:05:00Z,,,,,,\n"
        );
        let log = parse_log(&text);
        assert!(log.fatal);
        assert!(log.records.is_empty());
        assert_eq!(log.problems.len(), 1);
        assert_eq!(
            (log.problems[0].line, log.problems[0].column.as_deref()),
            (3, None)
        );
        assert!(log.problems[0]
            .message
            .starts_with("line 3: a quote (\") opens a value"));
    }

    #[test]
    fn a_header_problem_or_an_open_quote_stops_the_whole_log() {
        let log = parse_log("start,finish\n2026-07-03T10:00:00Z,x\n");
        assert!(log.fatal);
        assert!(log.records.is_empty());
        assert_eq!(log.problems[0].line, 1);
        assert_eq!(log.problems[0].column.as_deref(), Some("finish"));
        let log = parse_log("start,end\n\"2026-07-03,x\n");
        assert!(log.fatal);
        assert_eq!(log.problems[0].line, 2);
    }

    #[test]
    fn semicolons_a_bom_and_crlf_keep_their_rows() {
        let text = "\u{feff}start;end;description\r\n2026-07-03 10:00;2026-07-03 10:05;ok\r\n2026-07-03 10:00;nope;bad\r\n2026-07-04 10:00;2026-07-04 10:05;ok too\r\n";
        let log = parse_log(text);
        assert_eq!(log.records.len(), 2);
        assert_eq!(log.problems[0].line, 3);
        assert_eq!(log.problems[0].field.as_deref(), Some("nope"));
    }

    #[test]
    fn an_empty_text_is_no_log() {
        assert!(parse_log("").is_empty());
        assert!(parse_log("  \n").is_empty());
    }

    #[test]
    fn table_rows_become_the_same_csv_and_problems_point_to_their_row() {
        let rows = vec![
            RowDraft {
                start: "2026-07-03 10:00".into(),
                end: "2026-07-03 10:05".into(),
                description: "API down, \"5xx\"".into(),
                ..RowDraft::default()
            },
            RowDraft::default(),
            RowDraft {
                start: "2026-07-04 10:00".into(),
                end: "2026-07-04 11:00".into(),
                scope: "zone".into(),
                ..RowDraft::default()
            },
        ];
        let text = rows_to_csv(&rows);
        assert_eq!(
            text,
            format!("{HEADER}2026-07-03 10:00,2026-07-03 10:05,,,,,,\"API down, \"\"5xx\"\"\"\n\n2026-07-04 10:00,2026-07-04 11:00,zone,,,,,\n")
        );
        let log = parse_log(&text);
        assert_eq!(log.records.len(), 1);
        assert_eq!(log.records[0].description, "API down, \"5xx\"");
        assert_eq!(log.problems.len(), 1);
        assert_eq!(row_of_line(log.problems[0].line), Some(2));
        assert_eq!(
            RowField::from_column(log.problems[0].column.as_deref().unwrap_or_default()),
            Some(RowField::Zone)
        );
    }

    #[test]
    fn the_request_reads_month_bill_currency_and_deployment() {
        let mut inputs = CompareState::new(today()).request_inputs(today());
        inputs.bill = "1,000.00".into();
        inputs.zones = "eu-west-1a, eu-west-1c eu-west-1a".into();
        inputs.instance = " i-0abc ".into();
        let request = inputs.request().expect("valid");
        assert_eq!(request.month.label(), "2026-07");
        assert_eq!(request.bill.map(|b| b.minor_units()), Some(100_000));
        assert_eq!(request.deployment.zones, ["eu-west-1a", "eu-west-1c"]);
        assert_eq!(request.deployment.instance.as_deref(), Some("i-0abc"));
        assert_eq!(request.today, today());

        inputs.bill = String::new();
        assert_eq!(inputs.request().expect("valid").bill, None);
    }

    #[test]
    fn each_bad_field_has_its_own_error() {
        let inputs = RequestInputs {
            month: "July".into(),
            bill: "12.345".into(),
            currency: "dollars".into(),
            zones: String::new(),
            instance: String::new(),
            today: today(),
        };
        let errors = inputs.request().expect_err("invalid");
        assert!(errors.month.is_some_and(|m| m.contains("“July”")));
        assert!(errors.currency.is_some_and(|m| m.contains("“dollars”")));
        // The bill is not read without a currency.
        assert_eq!(errors.bill, None);

        let inputs = RequestInputs {
            month: "2026-07".into(),
            bill: "12.345".into(),
            currency: "usd".into(),
            ..inputs
        };
        let errors = inputs.request().expect_err("invalid");
        assert!(errors.bill.is_some_and(|m| m.contains("decimals")));
        let negative = RequestInputs {
            bill: "-5".into(),
            ..inputs
        };
        assert_eq!(
            negative.request().expect_err("negative").bill.as_deref(),
            Some("The bill cannot be negative.")
        );
    }

    #[test]
    fn picking_and_unpicking_presets_keeps_the_order_and_the_claim_follows() {
        let mut state = Rc::new(CompareState::new(today()));
        for id in [
            "gcp-compute-multi-zone",
            "aws-ec2-region",
            "aws-s3-standard",
        ] {
            state = state.reduce(Action::Pick(id.into(), true));
        }
        let same = state
            .clone()
            .reduce(Action::Pick("aws-ec2-region".into(), true));
        assert!(Rc::ptr_eq(&same, &state), "picking twice is no change");
        assert_eq!(state.claim_preset(), Some("gcp-compute-multi-zone"));
        state = state.reduce(Action::Claim("aws-s3-standard".into()));
        assert_eq!(state.claim_preset(), Some("aws-s3-standard"));
        state = state.reduce(Action::Pick("aws-s3-standard".into(), false));
        assert_eq!(state.claim_preset(), Some("gcp-compute-multi-zone"));
        assert_eq!(state.selected, ["gcp-compute-multi-zone", "aws-ec2-region"]);
    }

    #[test]
    fn rows_are_added_edited_and_removed_and_one_always_remains() {
        let mut state = Rc::new(CompareState::new(today()));
        state = state.reduce(Action::EditRow(
            0,
            RowField::Start,
            "2026-07-03 10:00".into(),
        ));
        state = state.reduce(Action::AddRow);
        state = state.reduce(Action::EditRow(1, RowField::Excluded, "quota".into()));
        assert_eq!(state.rows[1].excluded, "quota");
        let same = state
            .clone()
            .reduce(Action::EditRow(9, RowField::End, "x".into()));
        assert!(Rc::ptr_eq(&same, &state));
        state = state.reduce(Action::RemoveRow(0));
        state = state.reduce(Action::RemoveRow(0));
        assert_eq!(state.rows, [RowDraft::default()]);
        for _ in 0..MAX_TABLE_ROWS + 5 {
            state = state.reduce(Action::AddRow);
        }
        assert_eq!(state.rows.len(), MAX_TABLE_ROWS);
    }

    #[test]
    fn a_file_replaces_the_text_and_switches_to_csv() {
        let mut state = Rc::new(CompareState::new(today()));
        state = state.reduce(Action::Input(LogInput::Table));
        state = state.reduce(Action::CsvFile {
            name: "july.csv".into(),
            text: HEADER.into(),
        });
        assert_eq!(state.input, LogInput::Csv);
        assert_eq!(state.file_name.as_deref(), Some("july.csv"));
        state = state.reduce(Action::Csv(format!("{HEADER}x")));
        assert_eq!(state.file_name, None, "edited: no longer the file's text");
    }

    #[test]
    fn the_state_survives_storage_and_bad_storage_is_refused() {
        let mut state = CompareState::new(today());
        state.csv = Rc::new(format!("{HEADER}2026-07-03 10:00,2026-07-03 10:05,,,,,,\n"));
        state.input = LogInput::Table;
        state.rows[0].start = "2026-07-03 10:00".into();
        state.bill = "1000.00".into();
        state.currency = "EUR".into();
        state.zones = "a b".into();
        state.selected = vec!["aws-ec2-region".into()];
        state.claim = Some("aws-ec2-region".into());
        let fresh = CompareState::new(today());
        assert_eq!(
            from_storage(&to_storage(&state), &fresh).expect("readable"),
            state
        );
        assert!(from_storage("{not json", &fresh).is_err());
        let light = from_storage(&to_storage_without_log(&state), &fresh).expect("readable");
        assert_eq!(light.csv.as_str(), "");
        assert_eq!(light.rows, state.rows);
        assert_eq!(light.bill, "1000.00");
        assert!(from_storage(r#"{"version": 2}"#, &fresh)
            .expect_err("newer")
            .contains("version 2"));
        // A hand-edited value: wrong types are refused, missing fields keep the defaults.
        assert!(from_storage(r#"{"version": 1, "rows": 5}"#, &fresh).is_err());
        // Nothing is dropped silently: a field this page does not write is refused by name.
        assert!(from_storage(r#"{"version": 1, "bil": "5"}"#, &fresh)
            .expect_err("unknown field")
            .contains("`bil`"));
        assert!(
            from_storage(r#"{"version": 1, "rows": [{"stat": "x"}]}"#, &fresh)
                .expect_err("unknown row field")
                .contains("rows[0].stat")
        );
        let partial = from_storage(r#"{"version": 1, "bill": "5"}"#, &fresh).expect("partial");
        assert_eq!(partial.bill, "5");
        assert_eq!(partial.month, "2026-07");
        assert_eq!(partial.rows.len(), 1);
    }

    #[test]
    fn download_names_are_plain() {
        assert_eq!(
            file_name(&["sla-claim", "aws-ec2-region", "2026-07"], "txt"),
            "sla-claim-aws-ec2-region-2026-07.txt"
        );
        assert_eq!(file_name(&["a/../b", ""], "csv"), "a----b.csv");
    }

    proptest::proptest! {
        /// Whatever the text, reading never panics, keeps only rows without
        /// problems, and a log without problems is read as the crate reads it.
        #[test]
        fn reading_any_text_keeps_only_good_rows(text in "[a-z0-9:,;\" \\-\\n\\r]{0,300}") {
            let header = format!("{HEADER}{text}");
            let log = parse_log(&header);
            let bad: BTreeSet<usize> = log.problems.iter().map(|p| p.line).collect();
            for record in &log.records {
                proptest::prop_assert!(!bad.contains(&record.line));
            }
            if log.problems.is_empty() {
                proptest::prop_assert_eq!(Some(log.records.clone()), parse_csv(&header).ok());
            }
        }
    }
}
