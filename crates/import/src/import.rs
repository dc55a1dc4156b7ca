//! The import: bytes in (in chunks of any size), typed records and exact
//! row errors out.
//!
//! A bad row never stops an import: it is reported with its physical line,
//! its record number, the column, the raw value and the reason, and the
//! other rows are used. Only structural failures stop it: a record longer
//! than a megabyte (an unclosed quote) or more records than one import
//! holds ([`MAX_RECORDS`]); the rows read until then are kept.

use std::borrow::Cow;
use std::collections::HashMap;

use sla_engine::time::calendar::Edge;

use crate::dataset::{Batch, Outage, TextId, Ticket};
use crate::mapping::{Field, Kind, Settings};
use crate::reader::{Record, RecordReader, Step};
use crate::values::{self, Stamp, TimestampFormat};
use crate::zone::Zone;

/// The most records one import holds (about 200 MB of memory in a browser tab).
pub const MAX_RECORDS: usize = 5_000_000;

/// Row errors kept in full; beyond this only their count per reason is kept.
pub const MAX_KEPT_ERRORS: usize = 10_000;

/// Texts longer than this (a cause, a title) are cut.
pub const MAX_TEXT_CHARS: usize = 500;

/// A row that was not used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// Physical line where the record starts (1-based).
    pub line: u64,
    /// Record number (1-based, the header row included).
    pub record: u64,
    /// The column's header, if the error is about one column.
    pub column: Option<String>,
    /// The raw value (cut at 100 characters).
    pub value: String,
    /// What is wrong, for people.
    pub reason: String,
    /// The reason without the value, for counting in the summary.
    pub category: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.column {
            Some(column) => write!(f, "line {}, column `{column}`: {}", self.line, self.reason),
            None => write!(f, "line {}: {}", self.line, self.reason),
        }
    }
}

/// Counts of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Data records read (the header row not counted).
    pub rows: u64,
    pub used: u64,
    pub skipped: u64,
    /// Skipped rows per reason, most frequent first.
    pub reasons: Vec<(String, u64)>,
    /// Bytes read.
    pub bytes: u64,
    /// Why the import stopped early, if it did.
    pub stopped: Option<String>,
}

/// Progress while importing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub bytes: u64,
    pub rows: u64,
    pub used: u64,
    pub skipped: u64,
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub batch: Batch,
    pub summary: Summary,
    /// The first [`MAX_KEPT_ERRORS`] row errors, in file order.
    pub errors: Vec<RowError>,
}

/// Column indexes of the mapped fields.
#[derive(Debug, Clone, Copy, Default)]
struct Plan {
    service: Option<usize>,
    start: Option<usize>,
    end: Option<usize>,
    duration: Option<usize>,
    impact: Option<usize>,
    planned: Option<usize>,
    supplier: Option<usize>,
    cause: Option<usize>,
    id: Option<usize>,
    priority: Option<usize>,
    created: Option<usize>,
    first_response: Option<usize>,
    response_time: Option<usize>,
    resolved: Option<usize>,
    resolution_time: Option<usize>,
}

/// The import in progress. Feed it chunks, then finish it.
pub struct Importer {
    reader: RecordReader,
    /// BOM bytes still to skip at the start of the stream.
    bom_left: usize,
    /// Everything but the reader, whose buffer each record borrows.
    rows: Rows,
}

/// What turns records into records of the batch, and what it found so far.
struct Rows {
    settings: Settings,
    plan: Plan,
    formats: Vec<Option<TimestampFormat>>,
    headers: Vec<String>,
    zone: Zone,
    batch: Batch,
    errors: Vec<RowError>,
    reasons: HashMap<String, u64>,
    progress: Progress,
    header_pending: bool,
    /// Fields a row may fill (see [`Rows::record`]).
    width: usize,
    stopped: Option<String>,
}

/// Why a row is skipped: (column index or none, raw value, reason, category).
struct Skip {
    column: Option<usize>,
    value: String,
    reason: String,
    category: String,
}

fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or_default()),
        None => text.to_string(),
    }
}

impl Importer {
    /// # Errors
    /// The mapping's problems when it cannot be imported (a required field missing).
    pub fn new(settings: Settings, zone: Zone, source: &str) -> Result<Importer, Vec<String>> {
        let problems = settings.problems();
        if !problems.is_empty() {
            return Err(problems);
        }
        let at = |field: Field| settings.column_of(field);
        let plan = Plan {
            service: at(Field::Service),
            start: at(Field::Start),
            end: at(Field::End),
            duration: at(Field::Duration),
            impact: at(Field::Impact),
            planned: at(Field::Planned),
            supplier: at(Field::Supplier),
            cause: at(Field::Cause),
            id: at(Field::Id),
            priority: at(Field::Priority),
            created: at(Field::Created),
            first_response: at(Field::FirstResponse),
            response_time: at(Field::ResponseTime),
            resolved: at(Field::Resolved),
            resolution_time: at(Field::ResolutionTime),
        };
        Ok(Importer {
            reader: RecordReader::new(settings.dialect.syntax),
            bom_left: settings.dialect.bom,
            rows: Rows {
                formats: settings.columns.iter().map(|c| c.format).collect(),
                headers: settings.columns.iter().map(|c| c.header.clone()).collect(),
                batch: Batch::new(source, settings.kind, &settings.time_zone),
                header_pending: settings.dialect.header,
                width: settings.columns.len(),
                plan,
                settings,
                zone,
                errors: Vec::new(),
                reasons: HashMap::new(),
                progress: Progress::default(),
                stopped: None,
            },
        })
    }

    /// Makes room for about `records` records at once, so that storage does
    /// not grow (and copy) in steps while a large file is read.
    pub fn reserve(&mut self, records: usize) {
        let records = records.min(MAX_RECORDS);
        let batch = &mut self.rows.batch;
        match self.rows.settings.kind {
            Kind::Outages => batch.outages.reserve(records),
            Kind::Tickets => batch.tickets.reserve(records),
        }
    }

    pub fn progress(&self) -> Progress {
        self.rows.progress
    }

    /// Whether the import stopped early (see [`Summary::stopped`]).
    pub fn stopped(&self) -> bool {
        self.rows.stopped.is_some()
    }

    /// Reads a chunk of the file.
    pub fn feed(&mut self, chunk: &[u8]) {
        let rows = &mut self.rows;
        if rows.stopped.is_some() {
            return;
        }
        rows.progress.bytes += chunk.len() as u64;
        let skip = self.bom_left.min(chunk.len());
        self.bom_left -= skip;
        let mut input = chunk.get(skip..).unwrap_or_default();
        loop {
            match self.reader.read(&mut input) {
                Step::Record(record) => {
                    if !rows.record(record) {
                        return;
                    }
                }
                Step::NeedInput => return,
                Step::TooLong { line } => {
                    rows.stopped = Some(format!(
                        "The import stopped at line {line}: a record there is longer than 1 MB, which usually means a quote (\") that is never closed. The rows before it were read."
                    ));
                    return;
                }
            }
        }
    }

    /// Ends the import (the last line may have no line end).
    pub fn finish(mut self) -> Outcome {
        let mut rows = self.rows;
        if rows.stopped.is_none() {
            if let Some(record) = self.reader.finish() {
                rows.record(record);
            }
        }
        let mut reasons: Vec<(String, u64)> = rows.reasons.into_iter().collect();
        reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        // No shrink_to_fit: copying millions of records in one go would block
        // a browser's main thread for longer than a frame.
        Outcome {
            summary: Summary {
                rows: rows.progress.rows,
                used: rows.progress.used,
                skipped: rows.progress.skipped,
                reasons,
                bytes: rows.progress.bytes,
                stopped: rows.stopped,
            },
            batch: rows.batch,
            errors: rows.errors,
        }
    }
}

impl Rows {
    /// Handles one record; `false` when the import must stop.
    fn record(&mut self, record: Record<'_>) -> bool {
        if self.header_pending {
            self.header_pending = false;
            // Fix: the mapping's columns are as wide as the widest row of the
            // sample (`column 6`, ... after the header's names), so measuring
            // extra fields against them let a row with an unquoted delimiter
            // in its last value through whenever another row had trailing
            // delimiters (tests/fixtures/import/ragged.csv, line 6). Measure
            // against the header row itself, and any column mapped beyond it.
            let mapped = self
                .settings
                .columns
                .iter()
                .rposition(|c| c.field != Field::Ignore)
                .map_or(0, |i| i + 1);
            self.width = record.len().max(mapped);
            return true;
        }
        if self.batch.len() >= MAX_RECORDS {
            self.stopped = Some(format!(
                "The import stopped at line {}: one import holds at most 5,000,000 records. Split the file (for example by month) and import the parts.",
                record.line
            ));
            return false;
        }
        self.progress.rows += 1;
        let width = self.width;
        let extra = record
            .iter()
            .skip(width)
            .any(|f| !f.iter().all(u8::is_ascii_whitespace));
        let result = if extra && self.settings.dialect.header {
            // Values beyond the header's columns: usually a delimiter inside an
            // unquoted value, which shifts every later column.
            Err(Skip {
                column: None,
                value: String::new(),
                reason: format!(
                    "the row has {} fields but the header has {width}: is there an unquoted {} inside a value?",
                    record.len(),
                    crate::dialect::delimiter_label(self.settings.dialect.syntax.delimiter)
                ),
                category: "row with more fields than the header".into(),
            })
        } else {
            match self.settings.kind {
                Kind::Outages => self.outage(&record),
                Kind::Tickets => self.ticket(&record),
            }
        };
        match result {
            Ok(()) => self.progress.used += 1,
            Err(skip) => {
                self.progress.skipped += 1;
                if self.errors.len() < MAX_KEPT_ERRORS {
                    self.errors.push(RowError {
                        line: record.line,
                        record: record.number,
                        column: skip.column.and_then(|c| self.headers.get(c).cloned()),
                        value: cut(&skip.value, 100),
                        reason: skip.reason,
                        category: skip.category.clone(),
                    });
                }
                *self.reasons.entry(skip.category).or_insert(0) += 1;
            }
        }
        true
    }

    fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("?", String::as_str)
    }

    /// The text of a column, trimmed; `""` when the row is shorter.
    fn text<'r>(&self, record: &Record<'r>, column: usize) -> Result<Cow<'r, str>, Skip> {
        let bytes = record.get(column).unwrap_or_default();
        match self.settings.dialect.encoding.decode(bytes) {
            Ok(Cow::Borrowed(text)) => Ok(Cow::Borrowed(text.trim())),
            Ok(Cow::Owned(text)) => Ok(Cow::Owned(text.trim().to_string())),
            Err(invalid) => Err(Skip {
                column: Some(column),
                value: String::from_utf8_lossy(bytes).into_owned(),
                reason: format!(
                    "the value is not valid UTF-8 text (byte {} of the field); the file's first 64 KB looked like UTF-8. Export the file again as UTF-8, or choose Windows-1252",
                    invalid.offset + 1
                ),
                category: "text that is not valid UTF-8".into(),
            }),
        }
    }

    fn required<'r>(&self, record: &Record<'r>, column: usize) -> Result<Cow<'r, str>, Skip> {
        let text = self.text(record, column)?;
        if text.is_empty() {
            let header = self.header(column);
            let reason = if column >= record.len() {
                format!(
                    "the row has {} fields, so there is no `{header}` (column {})",
                    record.len(),
                    column + 1
                )
            } else {
                format!("`{header}` is empty")
            };
            let category = if column >= record.len() {
                "row with too few fields".to_string()
            } else {
                format!("`{header}` empty")
            };
            return Err(Skip {
                column: Some(column),
                value: String::new(),
                reason,
                category,
            });
        }
        Ok(text)
    }

    fn instant(&mut self, text: &str, column: usize) -> Result<i64, Skip> {
        let format = self
            .formats
            .get(column)
            .copied()
            .flatten()
            .unwrap_or(TimestampFormat::Iso);
        let stamp = values::parse_timestamp(text, format).map_err(|e| Skip {
            column: Some(column),
            value: text.to_string(),
            reason: e.0,
            category: format!(
                "`{}` not a timestamp ({})",
                self.header(column),
                format.label()
            ),
        })?;
        match stamp {
            Stamp::Instant(nanos) => Ok(nanos),
            Stamp::Local(local) => self.zone.to_utc(local, Edge::Start).ok_or_else(|| Skip {
                column: Some(column),
                value: text.to_string(),
                reason: format!("`{text}` is out of range in {}", self.zone.name()),
                category: format!("`{}` out of range", self.header(column)),
            }),
        }
    }

    fn optional_instant(
        &mut self,
        record: &Record<'_>,
        column: Option<usize>,
    ) -> Result<Option<i64>, Skip> {
        let Some(column) = column else {
            return Ok(None);
        };
        let text = self.text(record, column)?;
        if text.is_empty() {
            return Ok(None);
        }
        self.instant(&text, column).map(Some)
    }

    /// `start + duration` from a duration column.
    fn after(
        &self,
        record: &Record<'_>,
        column: Option<usize>,
        start: i64,
    ) -> Result<Option<i64>, Skip> {
        let Some(column) = column else {
            return Ok(None);
        };
        let text = self.text(record, column)?;
        if text.is_empty() {
            return Ok(None);
        }
        let span = values::parse_duration(
            &text,
            self.settings.duration_unit,
            self.settings.decimal_comma,
        )
        .map_err(|e| Skip {
            column: Some(column),
            value: text.to_string(),
            reason: e.0,
            category: format!("`{}` not a duration", self.header(column)),
        })?;
        start
            .checked_add(span.nanos())
            .map(Some)
            .ok_or_else(|| Skip {
                column: Some(column),
                value: text.to_string(),
                reason: format!("`{text}` is out of range"),
                category: format!("`{}` out of range", self.header(column)),
            })
    }

    fn not_before(&self, record: &Record<'_>, later: usize, earlier: usize, what: &str) -> Skip {
        let value = self
            .text(record, later)
            .map(|t| t.into_owned())
            .unwrap_or_default();
        let before = self
            .text(record, earlier)
            .map(|t| t.into_owned())
            .unwrap_or_default();
        Skip {
            column: Some(later),
            reason: format!("`{value}` is before {what} `{before}`"),
            value,
            category: format!("`{}` before {what}", self.header(later)),
        }
    }

    fn outage(&mut self, record: &Record<'_>) -> Result<(), Skip> {
        let plan = self.plan;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            return Err(Skip {
                column: None,
                value: String::new(),
                reason: "the row is empty".into(),
                category: "empty row".into(),
            });
        }
        let (Some(service_col), Some(start_col)) = (plan.service, plan.start) else {
            return Ok(());
        };
        let service = self.required(record, service_col)?;
        let start_text = self.required(record, start_col)?;
        let start = self.instant(&start_text, start_col)?;
        let end = match self.optional_instant(record, plan.end)? {
            Some(end) => end,
            None => match self.after(record, plan.duration, start)? {
                Some(end) => end,
                None => {
                    let column = plan.end.or(plan.duration);
                    return Err(Skip {
                        column,
                        value: String::new(),
                        reason: "no end and no duration: an outage that has not ended cannot be counted yet".into(),
                        category: "no end".into(),
                    });
                }
            },
        };
        if end < start {
            let later = plan.end.or(plan.duration).unwrap_or(start_col);
            return Err(self.not_before(record, later, start_col, "start"));
        }
        let mut impact_ppb = 1_000_000_000u32;
        let mut planned = false;
        if let Some(column) = plan.impact {
            let text = self.text(record, column)?;
            if !text.is_empty() {
                let impact =
                    values::parse_impact(&text, self.settings.decimal_comma).map_err(|e| Skip {
                        column: Some(column),
                        value: text.to_string(),
                        reason: e.0,
                        category: format!("`{}` not an impact", self.header(column)),
                    })?;
                impact_ppb = u32::try_from(impact.level.ppb()).unwrap_or(u32::MAX);
                planned = impact.planned;
            }
        }
        if let Some(column) = plan.planned {
            let text = self.text(record, column)?;
            planned |= values::parse_bool(&text).map_err(|e| Skip {
                column: Some(column),
                value: text.to_string(),
                reason: e.0,
                category: format!("`{}` not yes or no", self.header(column)),
            })?;
        }
        let supplier = self.optional_text(record, plan.supplier, true)?;
        let cause = self.optional_text(record, plan.cause, false)?;
        let service = self.batch.texts.intern(&service);
        self.batch.outages.push(Outage {
            service,
            start,
            end,
            impact_ppb,
            planned,
            supplier,
            cause,
            line: u32::try_from(record.line).unwrap_or(u32::MAX),
        });
        Ok(())
    }

    fn optional_text(
        &mut self,
        record: &Record<'_>,
        column: Option<usize>,
        repeats: bool,
    ) -> Result<TextId, Skip> {
        let Some(column) = column else {
            return Ok(TextId::NONE);
        };
        let text = self.text(record, column)?;
        if text.is_empty() {
            return Ok(TextId::NONE);
        }
        let text = if text.len() > MAX_TEXT_CHARS {
            Cow::Owned(cut(&text, MAX_TEXT_CHARS))
        } else {
            text
        };
        Ok(if repeats {
            self.batch.texts.intern(&text)
        } else {
            self.batch.texts.push(&text)
        })
    }

    fn ticket(&mut self, record: &Record<'_>) -> Result<(), Skip> {
        let plan = self.plan;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            return Err(Skip {
                column: None,
                value: String::new(),
                reason: "the row is empty".into(),
                category: "empty row".into(),
            });
        }
        let (Some(id_col), Some(priority_col), Some(created_col)) =
            (plan.id, plan.priority, plan.created)
        else {
            return Ok(());
        };
        let id = self.required(record, id_col)?;
        let priority = self.required(record, priority_col)?;
        let created_text = self.required(record, created_col)?;
        let created = self.instant(&created_text, created_col)?;
        let first_response = match self.optional_instant(record, plan.first_response)? {
            Some(t) => Some(t),
            None => self.after(record, plan.response_time, created)?,
        };
        if let Some(responded) = first_response {
            if responded < created {
                let column = plan
                    .first_response
                    .or(plan.response_time)
                    .unwrap_or(created_col);
                return Err(self.not_before(record, column, created_col, "created"));
            }
        }
        let resolved = match self.optional_instant(record, plan.resolved)? {
            Some(t) => Some(t),
            None => self.after(record, plan.resolution_time, created)?,
        };
        if let Some(done) = resolved {
            if done < created {
                let column = plan
                    .resolved
                    .or(plan.resolution_time)
                    .unwrap_or(created_col);
                return Err(self.not_before(record, column, created_col, "created"));
            }
        }
        let service = self.optional_text(record, plan.service, true)?;
        let id = self.batch.texts.push(&cut(&id, MAX_TEXT_CHARS));
        let priority = self.batch.texts.intern(&priority);
        self.batch.tickets.push(Ticket {
            id,
            service,
            priority,
            created,
            first_response,
            resolved,
            line: u32::try_from(record.line).unwrap_or(u32::MAX),
        });
        Ok(())
    }
}

/// Imports a whole file held in memory.
pub fn import_bytes(
    bytes: &[u8],
    settings: Settings,
    zone: Zone,
    source: &str,
) -> Result<Outcome, Vec<String>> {
    let mut importer = Importer::new(settings, zone, source)?;
    importer.feed(bytes);
    Ok(importer.finish())
}

/// A cell as CSV, quoted when needed, and with a leading `'` when a
/// spreadsheet would read it as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The row errors as a CSV file (`line,record,column,value,reason`).
pub fn errors_csv(errors: &[RowError]) -> String {
    let mut out = String::from("line,record,column,value,reason\n");
    for e in errors {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            e.line,
            e.record,
            csv_cell(e.column.as_deref().unwrap_or("")),
            csv_cell(&e.value),
            csv_cell(&e.reason)
        ));
    }
    out
}
