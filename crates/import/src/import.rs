//! The import: bytes in (in chunks of any size), typed records and exact
//! row errors out.
//!
//! A bad row never stops an import: it is reported with its physical line,
//! its record number, the column, the raw value and the reason, and the
//! other rows are used. Only structural failures stop it ([`Stop`]): a quote
//! that never closes (it would read the rest of the file as one value), a
//! record longer than a megabyte, or more records than one import holds
//! ([`MAX_RECORDS`]); the rows read until then are kept.

use std::borrow::Cow;
use std::collections::HashMap;

use sla_engine::time::calendar::Edge;

use crate::dataset::{Batch, Outage, Pause, TextId, Ticket};
use crate::decode::Encoding;
use crate::mapping::{Field, Kind, Settings, ValueType};
use crate::reader::{OpenQuote, Record, RecordReader, Step};
use crate::values::{
    self, ClockBasis, ClockEvidence, ClockReading, ClockUnit, ImpactBasis, ImpactEvidence,
    ImpactReading, ImpactUnit, Stamp, TimestampFormat,
};
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

/// Why an import stopped before the end of its file. The rows before the
/// place it names were read and are kept; nothing after it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// A quote (`"`) opens a value and never closes: the parser would read
    /// the rest of the file, line ends and delimiters included, as that one
    /// value (and the rows in it would silently disappear).
    OpenQuote {
        /// Physical line (1-based) of the opening quote.
        line: u64,
        /// The value's position in its row (1-based).
        field: usize,
        /// The header of that column, when the row is a data row of a file
        /// with a header.
        column: Option<String>,
        /// Lines after `line` that the value took in: every line left in
        /// the file when `to_end`, else the lines read before the value
        /// passed [`MAX_RECORD_BYTES`](crate::reader::MAX_RECORD_BYTES).
        lines_after: u64,
        /// The value ran to the end of the file (else it passed 1 MB first).
        to_end: bool,
    },
    /// A record longer than 1 MB with no open quote (not a CSV file, or
    /// one with no line ends); it starts on `line`.
    TooLong { line: u64 },
    /// More than [`MAX_RECORDS`] records; the first one not read starts on `line`.
    TooManyRecords { line: u64 },
}

impl Stop {
    /// The physical line the stop is about.
    pub fn line(&self) -> u64 {
        match self {
            Stop::OpenQuote { line, .. }
            | Stop::TooLong { line }
            | Stop::TooManyRecords { line } => *line,
        }
    }
}

fn lines(n: u64) -> String {
    match n {
        1 => "1 line".to_string(),
        n => format!("{n} lines"),
    }
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::OpenQuote {
                line,
                field,
                column,
                lines_after,
                to_end,
            } => {
                write!(f, "The import stopped at line {line}, ")?;
                match column {
                    Some(column) => write!(f, "column `{column}` (field {field})")?,
                    None => write!(f, "field {field}")?,
                }
                f.write_str(": a quote (\") opens there and never closes, so ")?;
                match (to_end, lines_after) {
                    (true, 0) => f.write_str("the value runs to the end of the file")?,
                    (true, n) => write!(
                        f,
                        "the rest of the file ({}) would be read as one value",
                        lines(*n)
                    )?,
                    (false, n) => write!(
                        f,
                        "the rest of the file would be read as one value (more than 1 MB and {} so far)",
                        lines(*n)
                    )?,
                }
                f.write_str(". The rows before it were read. Close the quote, or write a quote inside a value twice (\"\"), and import the file again.")
            }
            Stop::TooLong { line } => write!(
                f,
                "The import stopped at line {line}: a record there is longer than 1 MB. Is this a CSV file with one record per line? The rows before it were read."
            ),
            Stop::TooManyRecords { line } => write!(
                f,
                "The import stopped at line {line}: one import holds at most 5,000,000 records. Split the file (for example by month) and import the parts."
            ),
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
    /// Why the import stopped early, if it did: [`Summary::stop`]'s message.
    pub stopped: Option<String>,
    /// Why the import stopped early, if it did, with where.
    pub stop: Option<Stop>,
    /// How the impact column's bare numbers were read (percent or a
    /// factor) and why; `None` without an impact column. Decided by every
    /// value of the column read, not a sample; when
    /// [ambiguous](ImpactReading::is_ambiguous) the user should confirm it
    /// (`Settings::impact_unit`).
    pub impact: Option<ImpactReading>,
    /// How the duration columns' values of two parts (`12:30`: h:mm or
    /// mm:ss) were read and why; `None` when no duration column holds one
    /// (and the user chose nothing). Each column reads by its header, else
    /// h:mm; with several columns, the one to ask about
    /// ([`ClockReading::of_columns`]). When
    /// [ambiguous](ClockReading::is_ambiguous) the user should confirm it
    /// (`Settings::clock_unit`).
    pub clock: Option<ClockReading>,
    /// The empty markers found in mapped columns, with how often (in the
    /// settings' order); each was read as an empty field.
    pub empty_markers: Vec<(String, u64)>,
    /// Tickets closed without a resolution time, resolved at their close time.
    pub resolved_at_close: u64,
    /// A history (a row per update of a ticket) turned into one ticket per
    /// id; `None` when no update counter or update time is mapped.
    pub history: Option<History>,
    /// Without an update counter or time: ids found on more than one row
    /// (each such row is still a ticket; the engine leaves out and lists
    /// every copy of a repeated id).
    pub repeated_ids: u64,
    /// Ticket rows read per value of the state column (as written, most
    /// frequent first, then by name; the first [`MAX_STATES`] values, the rest under
    /// [`OTHER_STATES`]); empty without a state column.
    pub states: Vec<(String, u64)>,
    /// The pauses read from the states of a history, when asked for
    /// ([`Settings::pauses_from_states`]); `None` otherwise.
    pub state_pauses: Option<StatePauses>,
}

/// The pauses read from the states of a history (a row per update of a
/// ticket): of each kept ticket's rows, in the order that decides its
/// latest (update counter, then update time), a pause starts at the update
/// time of a row in an on-hold state ([`values::is_pause_state`]) that
/// follows one that is not, and ends at the update time of the next row
/// that is not. A ticket still on hold at its latest row is paused until
/// its resolution, or, while open, until its latest update (what the export
/// shows; the clock runs after it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatePauses {
    /// Pauses found (spans of no length are not pauses).
    pub pauses: u64,
    /// Tickets with at least one pause.
    pub tickets: u64,
    /// Tickets still on hold at their latest row.
    pub still_on_hold: u64,
    /// The state column and the update time column (`incident_state`,
    /// `sys_updated_on`).
    pub by: (String, String),
    /// Why no pause could be read at all (no state or no update time column
    /// mapped, no history), for the user.
    pub unavailable: Option<String>,
    /// Tickets whose pauses were not read, each at the row that could not
    /// bound one (a row with no usable update time), with the reason; the
    /// ticket itself is used, without pauses.
    pub listed: Vec<RowError>,
}

impl StatePauses {
    /// `412 pauses from the state history of 97 tickets (`incident_state`
    /// on hold, between `sys_updated_on` times)`.
    pub fn text(&self) -> String {
        if let Some(why) = &self.unavailable {
            return format!("no pauses read from states: {why}");
        }
        let mut text = format!(
            "{} from the state history of {} (`{}` on hold, between `{}` times)",
            counted(self.pauses, "pause", "pauses"),
            counted(self.tickets, "ticket", "tickets"),
            self.by.0,
            self.by.1
        );
        if self.still_on_hold > 0 {
            text.push_str(&format!(
                "; {} still on hold at the latest update: paused until resolved, or while open until that update",
                counted(self.still_on_hold, "ticket", "tickets")
            ));
        }
        if !self.listed.is_empty() {
            text.push_str(&format!(
                "; pauses of {} not read (listed): a row without an update time cannot bound one",
                counted(self.listed.len() as u64, "ticket", "tickets")
            ));
        }
        text
    }
}

/// `1 pause`, `1,204 pauses`.
fn counted(n: u64, one: &str, many: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{} {many}", sla_engine::units::group_thousands(n)),
    }
}

/// Sorts counts the most frequent first, equal counts by name (one sort
/// for every such list: each comparator would be its own code in the wasm).
pub(crate) fn most_first(counts: &mut [(String, u64)]) {
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
}

/// Distinct state values counted one by one in [`Summary::states`].
pub const MAX_STATES: usize = 40;
/// Where [`Summary::states`] counts the values beyond [`MAX_STATES`].
pub const OTHER_STATES: &str = "(other values)";

/// How a history's rows became one ticket per id: of each id's rows, the
/// latest by the update counter, then by the update time. Rows of one id
/// equal on both at the top are all left out and listed, not guessed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Ticket rows read (before keeping the latest of each id).
    pub rows: u64,
    /// Tickets kept.
    pub tickets: u64,
    /// Rows left out as an earlier state of a kept ticket.
    pub collapsed: u64,
    /// Rows left out because another row of the same id is as late.
    pub tied: u64,
    /// Rows left out because a later row of the same id could not be used
    /// (listed with its own reason): an earlier state does not stand in.
    pub superseded: u64,
    /// The headers that decided, in order (counter, then time).
    pub by: Vec<String>,
    /// Per id with several rows (the first [`MAX_KEPT_HISTORIES`], in file
    /// order): the line kept (`None` when tied) and the lines left out.
    pub ids: Vec<CollapsedTicket>,
}

/// The rows of one id in a history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollapsedTicket {
    pub id: String,
    pub kept: Option<u32>,
    pub left_out: Vec<u32>,
}

/// Ids of a history listed with their rows; beyond this, only counted.
pub const MAX_KEPT_HISTORIES: usize = 1_000;

impl History {
    /// `5,998 rows → 890 tickets: the last update of each kept (by
    /// `sys_mod_count`, then `sys_updated_at`)`.
    pub fn text(&self) -> String {
        let mut text = format!(
            "{} {} → {} {}: the last update of each kept (by {})",
            sla_engine::units::group_thousands(self.rows),
            if self.rows == 1 { "row" } else { "rows" },
            sla_engine::units::group_thousands(self.tickets),
            if self.tickets == 1 {
                "ticket"
            } else {
                "tickets"
            },
            self.by
                .iter()
                .map(|h| format!("`{h}`"))
                .collect::<Vec<_>>()
                .join(", then ")
        );
        if self.tied > 0 {
            text.push_str(&format!(
                "; {} left out: another row of the same ticket is as late",
                rows_text(self.tied)
            ));
        }
        if self.superseded > 0 {
            text.push_str(&format!(
                "; {} left out: a later row of the same ticket could not be used",
                rows_text(self.superseded)
            ));
        }
        text
    }
}

/// `1 row`, `3 rows`.
fn rows_text(n: u64) -> String {
    match n {
        1 => "1 row".to_string(),
        n => format!("{} rows", sla_engine::units::group_thousands(n)),
    }
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
    closed: Option<usize>,
    state: Option<usize>,
    active: Option<usize>,
    revision: Option<usize>,
    updated: Option<usize>,
    verdict: Option<usize>,
    breached: Option<usize>,
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
    stopped: Option<Stop>,
    /// What the impact column's numbers say about their unit, while the
    /// settings leave it to the column.
    impact_evidence: ImpactEvidence,
    /// The duration columns, each with its reading of `a:b` values.
    clocks: Vec<DurationClock>,
    /// Per empty marker (in the settings' order), how many mapped fields held it.
    markers_found: Vec<u64>,
    /// The columns mapped to a field.
    mapped: Vec<usize>,
    /// The byte length of the longest empty marker (0: none).
    longest_marker: usize,
    /// Which bytes an empty marker starts with, and (bit n) which byte
    /// lengths n it has: most values are told apart by these alone.
    marker_starts: [bool; 256],
    marker_lengths: u64,
    /// Per ticket (when an update counter or time is mapped): its counter,
    /// its time and its record number, to keep each ticket's latest row.
    history: Vec<RowStamp>,
    /// Ticket rows per state value (see [`Summary::states`]).
    states: Vec<(String, u64)>,
    /// Tickets resolved at their close time (closed without a resolution time).
    closed_at_close: u64,
    /// The ticket ids so far are strictly ascending, strictly descending.
    ids_in_order: (bool, bool),
    /// In a history, the rows not used: their id, their update (`None` when
    /// it cannot be read) and their line, so that an earlier row does not
    /// stand in for a later one that could not be used.
    skipped_updates: Vec<(String, Option<UpdateKey>, u32)>,
    /// Pauses are read from the states of this history (asked for, with a
    /// state column and an update counter or time mapped): only then are
    /// the two lists below filled.
    pauses_on: bool,
    /// Per ticket row: its state when an on-hold one (interned), else `None`.
    pause_states: Vec<Option<TextId>>,
    /// Per entry of `skipped_updates`: likewise.
    skipped_pause_states: Vec<Option<TextId>>,
    /// What reading pauses from states found (see [`Summary::state_pauses`]).
    state_pauses: Option<StatePauses>,
}

/// A row's place in its ticket's history: update counter, then update time.
type UpdateKey = (Option<u64>, Option<i64>);

/// Where a ticket's row stands in its history.
#[derive(Debug, Clone, Copy)]
struct RowStamp {
    revision: Option<u64>,
    updated: Option<i64>,
    record: u64,
}

/// A duration column and how it reads values of two parts (`a:b`).
struct DurationClock {
    column: usize,
    /// Decided before the first row ([`Settings::clock_unit_of`]): only the
    /// question whether to ask depends on the values.
    unit: ClockUnit,
    /// Whether the column holds `a:b` values, from every row of the file.
    evidence: ClockEvidence,
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
            closed: at(Field::Closed),
            state: at(Field::State),
            active: at(Field::Active),
            revision: at(Field::Revision),
            updated: at(Field::Updated),
            verdict: at(Field::Verdict),
            breached: at(Field::Breached),
        };
        let mapped: Vec<usize> = settings
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.field != Field::Ignore)
            .map(|(i, _)| i)
            .collect();
        let longest_marker = settings
            .empty_markers
            .iter()
            .map(String::len)
            .max()
            .unwrap_or(0);
        let marker_count = settings.empty_markers.len();
        let mut marker_starts = [false; 256];
        let mut marker_lengths = 0u64;
        for marker in &settings.empty_markers {
            if let Some(&first) = marker.as_bytes().first() {
                marker_starts[usize::from(first)] = true;
            }
            // Markers are at most 20 characters (80 bytes); longer ones
            // only lose this shortcut.
            marker_lengths |= 1u64.checked_shl(marker.len() as u32).unwrap_or(0);
        }
        let (pauses_on, state_pauses) = state_pauses_plan(&settings, &plan);
        let clocks = settings
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.field.value_type() == ValueType::Duration)
            .map(|(column, _)| DurationClock {
                column,
                unit: settings.clock_unit_of(column),
                evidence: ClockEvidence::default(),
            })
            .collect();
        Ok(Importer {
            reader: RecordReader::new(settings.dialect.syntax),
            bom_left: settings.dialect.bom,
            rows: Rows {
                formats: settings.columns.iter().map(|c| c.format).collect(),
                headers: settings.columns.iter().map(|c| c.header.clone()).collect(),
                batch: {
                    let mut batch = Batch::new(source, settings.kind, &settings.time_zone);
                    batch.verdict_by = plan.verdict.or(plan.breached).map(|column| {
                        let header = settings
                            .columns
                            .get(column)
                            .map_or("", |c| c.header.as_str());
                        match settings.preset.and_then(crate::presets::by_id) {
                            Some(preset) => format!("{header} ({})", preset.name),
                            None => header.to_owned(),
                        }
                    });
                    batch
                },
                header_pending: settings.dialect.header,
                width: settings.columns.len(),
                plan,
                settings,
                zone,
                errors: Vec::new(),
                reasons: HashMap::new(),
                progress: Progress::default(),
                stopped: None,
                impact_evidence: ImpactEvidence::default(),
                clocks,
                markers_found: vec![0; marker_count],
                mapped,
                longest_marker,
                marker_starts,
                marker_lengths,
                history: Vec::new(),
                states: Vec::new(),
                closed_at_close: 0,
                ids_in_order: (true, true),
                skipped_updates: Vec::new(),
                pauses_on,
                pause_states: Vec::new(),
                skipped_pause_states: Vec::new(),
                state_pauses,
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
                    if !rows.record(rows.checked(record)) {
                        return;
                    }
                }
                Step::NeedInput => return,
                Step::TooLong { line, open_quote } => {
                    rows.stopped = Some(match open_quote {
                        Some(open) => rows.open_quote(open, false),
                        None => Stop::TooLong { line },
                    });
                    return;
                }
            }
        }
    }

    /// Ends the import (the last line may have no line end).
    pub fn finish(mut self) -> Outcome {
        let mut rows = self.rows;
        if rows.stopped.is_none() {
            match self.reader.finish() {
                Ok(Some(record)) => {
                    rows.record(rows.checked(record));
                }
                Ok(None) => {}
                Err(open) => rows.stopped = Some(rows.open_quote(open, true)),
            }
        }
        let impact = rows.read_impacts();
        let clock = rows.read_clocks();
        let history = rows.keep_latest();
        // Each ticket's state as of its update, for merging with other
        // exports of the same system (the engine keeps the latest).
        rows.batch.as_of = rows
            .history
            .iter()
            .map(|stamp| (stamp.revision, stamp.updated))
            .collect();
        let repeated_ids = if history.is_none() && rows.settings.kind == Kind::Tickets {
            rows.repeated_ids()
        } else {
            0
        };
        let empty_markers = rows
            .settings
            .empty_markers
            .iter()
            .zip(&rows.markers_found)
            .filter(|(_, n)| **n > 0)
            .map(|(m, n)| (m.clone(), *n))
            .collect();
        let mut reasons: Vec<(String, u64)> = rows.reasons.into_iter().collect();
        most_first(&mut reasons);
        // No shrink_to_fit: copying millions of records in one go would block
        // a browser's main thread for longer than a frame.
        Outcome {
            summary: Summary {
                rows: rows.progress.rows,
                used: rows.progress.used,
                skipped: rows.progress.skipped,
                reasons,
                bytes: rows.progress.bytes,
                stopped: rows.stopped.as_ref().map(Stop::to_string),
                stop: rows.stopped,
                impact,
                clock,
                empty_markers,
                resolved_at_close: rows.closed_at_close,
                history,
                repeated_ids,
                states: {
                    let mut states = std::mem::take(&mut rows.states);
                    most_first(&mut states);
                    states
                },
                state_pauses: rows.state_pauses,
            },
            batch: rows.batch,
            errors: rows.errors,
        }
    }
}

/// `text` without the whitespace around it, as [`str::trim`]; most values
/// start and end with a printable ASCII character and are returned as they are.
fn trim(text: &str) -> &str {
    let printable = |b: Option<&u8>| b.is_some_and(|b| (b'!'..=b'~').contains(b));
    let bytes = text.as_bytes();
    if printable(bytes.first()) && printable(bytes.last()) {
        text
    } else {
        text.trim()
    }
}

impl Rows {
    /// The record, checked as UTF-8 once when the file is UTF-8 (each field
    /// is then text without a check of its own).
    fn checked<'r>(&self, record: Record<'r>) -> Record<'r> {
        match self.settings.dialect.encoding {
            Encoding::Utf8 => record.with_utf8(),
            Encoding::Windows1252 => record,
        }
    }

    /// Of each id's rows, keeps the latest (by the update counter, then the
    /// update time); `None` when neither is mapped.
    fn keep_latest(&mut self) -> Option<History> {
        if self.plan.revision.is_none() && self.plan.updated.is_none() {
            return None;
        }
        let tickets = &self.batch.tickets;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: HashMap<&str, usize> = HashMap::with_capacity(tickets.len());
        for (i, ticket) in tickets.iter().enumerate() {
            let id = self.batch.texts.get(ticket.id);
            let next = groups.len();
            let g = *group_of.entry(id).or_insert(next);
            if g == next {
                groups.push(Vec::new());
            }
            if let Some(group) = groups.get_mut(g) {
                group.push(i);
            }
        }
        let by: Vec<String> = [self.plan.revision, self.plan.updated]
            .into_iter()
            .flatten()
            .map(|c| self.header(c).to_owned())
            .collect();
        let mut keep = vec![true; tickets.len()];
        let mut history = History {
            rows: tickets.len() as u64,
            by,
            ..History::default()
        };
        let mut tied_rows: Vec<(usize, String, Vec<u32>)> = Vec::new();
        // Per id, the latest update among its rows not used (`None`: one
        // that cannot be read, which may be the latest).
        // (A map to positions, the same kind as `group_of`: no new code.)
        let mut skipped_at: HashMap<&str, usize> = HashMap::new();
        let mut skipped_latest: Vec<(Option<UpdateKey>, u32)> = Vec::new();
        for (id, key, line) in &self.skipped_updates {
            let next = skipped_latest.len();
            let at = *skipped_at.entry(id.as_str()).or_insert(next);
            if at == next {
                skipped_latest.push((*key, *line));
            } else if let Some(entry) = skipped_latest.get_mut(at) {
                if key.is_none() || (entry.0.is_some() && *key > entry.0) {
                    *entry = (*key, *line);
                }
            }
        }
        let mut superseded: Vec<(usize, u32)> = Vec::new();
        for group in &groups {
            let key = |i: usize| {
                self.history
                    .get(i)
                    .map(|stamp| (stamp.revision, stamp.updated))
            };
            let id = group
                .first()
                .and_then(|&i| tickets.get(i))
                .map_or("", |t| self.batch.texts.get(t.id));
            let latest = group.iter().filter_map(|&i| key(i)).max();
            let later = skipped_at.get(id).and_then(|&at| skipped_latest.get(at));
            if let (Some((later, line)), Some(latest)) = (later, latest) {
                if later.is_none_or(|later| later >= latest) {
                    // A row not used may hold this ticket's latest state.
                    for &i in group {
                        if key(i) == Some(latest) {
                            superseded.push((i, *line));
                        }
                    }
                }
            }
        }
        for group in groups.iter().filter(|g| g.len() > 1) {
            let key = |i: usize| {
                self.history
                    .get(i)
                    .map(|stamp| (stamp.revision, stamp.updated))
            };
            let latest = group.iter().filter_map(|&i| key(i)).max();
            let top: Vec<usize> = group
                .iter()
                .copied()
                .filter(|&i| latest.is_some() && key(i) == latest)
                .collect();
            let line = |i: usize| tickets.get(i).map_or(0, |t| t.line);
            let id = group
                .first()
                .and_then(|&i| tickets.get(i))
                .map(|t| self.batch.texts.get(t.id).to_owned())
                .unwrap_or_default();
            let kept = (top.len() == 1).then(|| top[0]);
            for &i in group {
                if Some(i) != kept {
                    if let Some(slot) = keep.get_mut(i) {
                        *slot = false;
                    }
                }
            }
            if kept.is_some() {
                history.collapsed += group.len() as u64 - 1;
            } else {
                history.collapsed += (group.len() - top.len()) as u64;
                history.tied += top.len() as u64;
                for &i in &top {
                    let others = top.iter().filter(|&&j| j != i).map(|&j| line(j)).collect();
                    tied_rows.push((i, id.clone(), others));
                }
            }
            if history.ids.len() < MAX_KEPT_HISTORIES {
                history.ids.push(CollapsedTicket {
                    id,
                    kept: kept.map(line),
                    left_out: group
                        .iter()
                        .filter(|&&i| Some(i) != kept)
                        .map(|&i| line(i))
                        .collect(),
                });
            }
        }
        for (i, id, others) in tied_rows {
            let (line, record) = (
                self.batch.tickets.get(i).map_or(0, |t| u64::from(t.line)),
                self.history.get(i).map_or(0, |s| s.record),
            );
            let category = "as late as another row of the same ticket".to_string();
            if self.errors.len() < MAX_KEPT_ERRORS {
                self.insert_error(RowError {
                    line,
                    record,
                    column: None,
                    value: id.clone(),
                    reason: format!(
                        "`{id}` has rows with the same latest update ({}) on lines {}: which holds its latest state cannot be told, so none is used",
                        history.by.join(" and "),
                        std::iter::once(line)
                            .chain(others.into_iter().map(u64::from))
                            .map(|l| l.to_string())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    category: category.clone(),
                });
            }
            *self.reasons.entry(category).or_insert(0) += 1;
        }
        for &(i, skipped_line) in &superseded {
            if !keep.get(i).copied().unwrap_or(false) {
                continue;
            }
            if let Some(slot) = keep.get_mut(i) {
                *slot = false;
            }
            history.superseded += 1;
            let ticket = self.batch.tickets.get(i);
            let line = ticket.map_or(0, |t| u64::from(t.line));
            let id = ticket.map_or("", |t| self.batch.texts.get(t.id)).to_owned();
            let category = "latest row of the ticket not used".to_string();
            if self.errors.len() < MAX_KEPT_ERRORS {
                self.insert_error(RowError {
                    line,
                    record: self.history.get(i).map_or(0, |s| s.record),
                    column: None,
                    value: id.clone(),
                    reason: format!(
                        "`{id}`: its row on line {skipped_line} is not used (see that line) and may hold its latest state, so this earlier row does not stand in for it"
                    ),
                    category: category.clone(),
                });
            }
            *self.reasons.entry(category).or_insert(0) += 1;
        }
        if self.pauses_on {
            self.read_state_pauses(&groups, &keep);
        }
        let mut index = 0;
        self.batch.tickets.retain(|_| {
            let kept = keep.get(index).copied().unwrap_or(true);
            index += 1;
            kept
        });
        let mut index = 0;
        self.history.retain(|_| {
            let kept = keep.get(index).copied().unwrap_or(true);
            index += 1;
            kept
        });
        history.tickets = self.batch.tickets.len() as u64;
        if history.collapsed + history.tied + history.superseded == 0 {
            // One row per ticket: no history to speak of.
            return None;
        }
        self.progress.used -= history.collapsed + history.tied + history.superseded;
        self.progress.skipped += history.tied + history.superseded;
        Some(history)
    }

    /// The row's state when it is an on-hold one ([`values::is_pause_state`]),
    /// interned.
    fn pause_state(&mut self, record: &Record<'_>) -> Result<Option<TextId>, Skip> {
        let Some(column) = self.plan.state else {
            return Ok(None);
        };
        let text = self.text(record, column)?;
        Ok(values::is_pause_state(&text).then(|| self.batch.texts.intern(&text)))
    }

    /// Reads each kept ticket's pauses from the states of its rows (`groups`:
    /// the rows of each id, `keep`: the row kept per id), into the batch
    /// (indices as after the rows left out are removed) and the summary.
    /// Rows not used take part with their state and update when readable.
    fn read_state_pauses(&mut self, groups: &[Vec<usize>], keep: &[bool]) {
        let Some(mut summary) = self.state_pauses.take() else {
            return;
        };
        // Rows not used, per id (few: a map only of them).
        let mut skipped_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (k, (id, _, _)) in self.skipped_updates.iter().enumerate() {
            skipped_of.entry(id.as_str()).or_default().push(k);
        }
        // Index of each kept row once the others are removed.
        let mut kept_index = vec![0u32; keep.len()];
        let mut next = 0u32;
        for (slot, kept) in kept_index.iter_mut().zip(keep) {
            *slot = next;
            next += u32::from(*kept);
        }
        let mut pauses: Vec<Pause> = Vec::new();
        let mut listed: Vec<RowError> = Vec::new();
        let mut snapshots: Vec<Snapshot> = Vec::new();
        for group in groups {
            let Some(&kept) = group
                .iter()
                .find(|&&i| keep.get(i).copied().unwrap_or(false))
            else {
                continue;
            };
            let Some(ticket) = self.batch.tickets.get(kept) else {
                continue;
            };
            let id = self.batch.texts.get(ticket.id);
            snapshots.clear();
            for &i in group {
                snapshots.push(Snapshot {
                    key: self.history.get(i).map(|s| (s.revision, s.updated)),
                    on_hold: self.pause_states.get(i).copied().flatten(),
                    line: self.batch.tickets.get(i).map_or(0, |t| t.line),
                    record: self.history.get(i).map_or(0, |s| s.record),
                });
            }
            for &k in skipped_of.get(id).map(Vec::as_slice).unwrap_or_default() {
                if let Some((_, key, line)) = self.skipped_updates.get(k) {
                    snapshots.push(Snapshot {
                        key: *key,
                        on_hold: self.skipped_pause_states.get(k).copied().flatten(),
                        line: *line,
                        record: 0,
                    });
                }
            }
            if snapshots.iter().all(|s| s.on_hold.is_none()) {
                continue;
            }
            // A row without a usable update time has no place in time: the
            // span it would start or end cannot be bounded. Not guessed:
            // the ticket is used without pauses, and listed.
            if let Some(blind) = snapshots
                .iter()
                .filter(|s| !matches!(s.key, Some((_, Some(_)))))
                .min_by_key(|s| s.line)
            {
                listed.push(RowError {
                    line: u64::from(blind.line),
                    record: blind.record,
                    column: Some(summary.by.1.clone()),
                    value: id.to_owned(),
                    reason: format!(
                        "`{id}`: this row has no usable update time (`{}`), so the spans its state spent on hold cannot be bounded: the ticket is used without pauses",
                        summary.by.1
                    ),
                    category: "row without an update time: no pauses for its ticket".into(),
                });
                continue;
            }
            // Rows of one update keep file order (their times are equal).
            sort_by_keys(&mut snapshots, |s| match s.key {
                None => (i64::MIN, i64::MIN),
                Some((revision, updated)) => (
                    revision.map_or(i64::MIN + 1, |r| i64::try_from(r).unwrap_or(i64::MAX)),
                    updated.unwrap_or(i64::MIN + 1),
                ),
            });
            let time = |s: &Snapshot| s.key.and_then(|k| k.1).unwrap_or(0);
            let ticket_index = kept_index.get(kept).copied().unwrap_or(0);
            let before = pauses.len();
            let mut held: Option<(i64, TextId)> = None;
            for snapshot in &snapshots {
                match (held, snapshot.on_hold) {
                    (None, Some(state)) => held = Some((time(snapshot), state)),
                    (Some((start, state)), None) => {
                        let end = time(snapshot);
                        if end > start {
                            pauses.push(Pause {
                                ticket: ticket_index,
                                start,
                                end,
                                state,
                            });
                        }
                        held = None;
                    }
                    _ => {}
                }
            }
            if let Some((start, state)) = held {
                // Still on hold at the latest row: until the resolution,
                // else (open) until that row's update.
                summary.still_on_hold += 1;
                let end = ticket
                    .resolved
                    .unwrap_or_else(|| snapshots.last().map_or(start, time));
                if end > start {
                    pauses.push(Pause {
                        ticket: ticket_index,
                        start,
                        end,
                        state,
                    });
                }
            }
            summary.tickets += u64::from(pauses.len() > before);
        }
        // Groups come in file order of their first row, not in ticket order.
        sort_by_keys(&mut pauses, |p| (i64::from(p.ticket), p.start));
        summary.pauses = pauses.len() as u64;
        sort_by_keys(&mut listed, |e| {
            (i64::try_from(e.line).unwrap_or(i64::MAX), 0)
        });
        summary.listed = listed;
        self.batch.pauses = pauses;
        self.state_pauses = Some(summary);
    }

    /// Notes a skipped ticket row's id and update, in a history.
    fn note_skipped_update(&mut self, record: &Record<'_>) {
        let plan = self.plan;
        if self.settings.kind != Kind::Tickets
            || (plan.revision.is_none() && plan.updated.is_none())
        {
            return;
        }
        let Some(id) = plan
            .id
            .and_then(|c| self.text(record, c).ok())
            .filter(|t| !t.is_empty())
            .map(|t| cut(&t, MAX_TEXT_CHARS))
        else {
            return;
        };
        let revision = self.revision(record, plan.revision);
        let updated = self.optional_instant(record, plan.updated);
        let key = match (revision, updated) {
            (Ok(revision), Ok(updated)) => Some((revision, updated)),
            _ => None,
        };
        let line = u32::try_from(record.line).unwrap_or(u32::MAX);
        self.skipped_updates.push((id, key, line));
        if self.pauses_on {
            let state = self.pause_state(record).unwrap_or(None);
            self.skipped_pause_states.push(state);
        }
    }

    /// Adds a row error in file order (the errors are kept sorted by line;
    /// these few come after the whole file was read).
    fn insert_error(&mut self, error: RowError) {
        let at = self.errors.partition_point(|e| e.line <= error.line);
        self.errors.insert(at, error);
    }

    /// How many ids are on more than one ticket row (a map of ids: the same
    /// kind of map as [`Rows::keep_latest`]'s, so no new code in the page).
    fn repeated_ids(&self) -> u64 {
        let texts = &self.batch.texts;
        // Exports are often sorted by id: strictly in order (noted while
        // reading, see `Rows::ticket`), none repeats.
        if self.ids_in_order.0 || self.ids_in_order.1 {
            return 0;
        }
        let ids = || self.batch.tickets.iter().map(|t| texts.get(t.id));
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(self.batch.tickets.len());
        for id in ids() {
            *seen.entry(id).or_insert(0) += 1;
        }
        seen.values().filter(|n| **n > 1).count() as u64
    }

    /// The stop for a quote that never closes, with its column's header
    /// (none when the quote is in the header row itself).
    fn open_quote(&self, open: OpenQuote, to_end: bool) -> Stop {
        let column = if self.header_pending {
            None
        } else {
            open.field
                .checked_sub(1)
                .and_then(|i| self.headers.get(i))
                .filter(|_| self.settings.dialect.header)
                .cloned()
        };
        Stop::OpenQuote {
            line: open.line,
            field: open.field,
            column,
            lines_after: open.lines_after,
            to_end,
        }
    }

    /// The unit of the impact column's bare numbers, decided now that the
    /// whole column has been read; with the column's own decision for a
    /// factor, the levels read as percent until then are made a factor.
    fn read_impacts(&mut self) -> Option<ImpactReading> {
        let column = self.plan.impact?;
        if let Some(unit) = self.settings.impact_unit {
            return Some(ImpactReading {
                unit,
                basis: ImpactBasis::Chosen,
            });
        }
        let reading = self.impact_evidence.reading(self.header(column));
        if reading.unit == ImpactUnit::Factor {
            // Every bare number was at most 1 (else the column would be
            // percent) and was stored read as percent: at most 1 % (10^7
            // ppb). Nothing else is that low but 0 (the words are 0, 50 or
            // 100 %, an empty impact 100 %), and 0 stays 0: a hundred times
            // every level up to 1 % is each number read as a factor.
            // One pass at the end instead of a decision before the first row.
            for outage in &mut self.batch.outages {
                if u64::from(outage.impact_ppb) <= values::ONE_PERCENT_PPB {
                    outage.impact_ppb *= 100;
                }
            }
        }
        Some(reading)
    }

    /// How the duration columns read their `a:b` values, now that every row
    /// has been seen (see [`Summary::clock`]).
    fn read_clocks(&self) -> Option<ClockReading> {
        ClockReading::of_columns(
            self.clocks
                .iter()
                .map(|clock| match self.settings.clock_unit {
                    Some(unit) => Some(ClockReading {
                        unit,
                        basis: ClockBasis::Chosen,
                    }),
                    None => clock.evidence.reading(self.header(clock.column)),
                }),
        )
    }

    /// Notes the duration values of a data row, used or not (a row with an
    /// end leaves its duration unread; a skipped row may never reach it):
    /// whether to ask how `a:b` reads is decided by every value of the
    /// column. Once a column has shown one, its later rows are not looked at.
    fn note_clocks(&mut self, record: &Record<'_>) {
        if self.settings.clock_unit.is_some() {
            return;
        }
        for i in 0..self.clocks.len() {
            let column = match self.clocks.get(i) {
                Some(clock) if !clock.evidence.two_part => clock.column,
                _ => continue,
            };
            if let Ok(text) = self.text(record, column) {
                if let Some(clock) = self.clocks.get_mut(i) {
                    clock.evidence.note(&text);
                }
            }
        }
    }

    /// Notes the impact of a skipped row: the column's unit is decided by
    /// every value in it, including rows skipped for another reason
    /// (before or after their impact was read: noting twice changes nothing).
    fn note_skipped_impact(&mut self, record: &Record<'_>) {
        let Some(column) = self.plan.impact else {
            return;
        };
        if self.settings.impact_unit.is_some() || self.settings.kind != Kind::Outages {
            return;
        }
        if let Ok(text) = self.text(record, column) {
            if let Ok(impact) = values::parse_impact(&text, self.settings.decimal_comma) {
                self.impact_evidence.note(&text, impact);
            }
        }
    }

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
            self.stopped = Some(Stop::TooManyRecords { line: record.line });
            return false;
        }
        self.progress.rows += 1;
        self.note_clocks(&record);
        self.note_markers(&record);
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
                self.note_skipped_impact(&record);
                self.note_skipped_update(&record);
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

    /// `""` for an empty marker (`NULL`, `?`, ...), else the text.
    fn unmarked<'t>(&self, text: &'t str) -> &'t str {
        if self.may_be_marker(text.as_bytes())
            && self.settings.empty_markers.iter().any(|m| m == text)
        {
            ""
        } else {
            text
        }
    }

    /// Whether `bytes` (trimmed) can be an empty marker: its length and its
    /// first byte fit one.
    fn may_be_marker(&self, bytes: &[u8]) -> bool {
        bytes.len() <= self.longest_marker
            && (bytes.len() >= 64 || self.marker_lengths >> bytes.len() & 1 == 1)
            && bytes
                .first()
                .is_some_and(|b| self.marker_starts[usize::from(*b)])
    }

    /// Counts the empty markers in the mapped fields of a data row.
    fn note_markers(&mut self, record: &Record<'_>) {
        if self.longest_marker == 0 {
            return;
        }
        for &column in &self.mapped {
            let bytes = record.get(column).unwrap_or_default().trim_ascii();
            if !self.may_be_marker(bytes) {
                continue;
            }
            if let Some(k) = self
                .settings
                .empty_markers
                .iter()
                .position(|m| m.as_bytes() == bytes)
            {
                if let Some(count) = self.markers_found.get_mut(k) {
                    *count += 1;
                }
            }
        }
    }

    fn header(&self, column: usize) -> &str {
        self.headers.get(column).map_or("?", String::as_str)
    }

    /// The text of a column, trimmed; `""` when the row is shorter.
    fn text<'r>(&self, record: &Record<'r>, column: usize) -> Result<Cow<'r, str>, Skip> {
        // A record already checked as UTF-8 (see `Importer::feed`).
        if let Some(text) = record.utf8(column) {
            return Ok(Cow::Borrowed(self.unmarked(trim(text))));
        }
        let bytes = record.get(column).unwrap_or_default();
        match self.settings.dialect.encoding.decode(bytes) {
            Ok(Cow::Borrowed(text)) => Ok(Cow::Borrowed(self.unmarked(text.trim()))),
            Ok(Cow::Owned(text)) => Ok(Cow::Owned(self.unmarked(text.trim()).to_string())),
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
        let clock = self
            .clocks
            .iter()
            .find(|clock| clock.column == column)
            .map_or(ClockUnit::HoursMinutes, |clock| clock.unit);
        let span = values::parse_duration_in(
            &text,
            self.settings.duration_unit,
            self.settings.decimal_comma,
            clock,
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
                // Until the whole column has decided (`read_impacts`), bare
                // numbers are read as percent.
                let chosen = self.settings.impact_unit;
                let unit = chosen.unwrap_or(ImpactUnit::Percent);
                let impact = values::parse_impact_in(&text, self.settings.decimal_comma, unit)
                    .map_err(|e| Skip {
                        column: Some(column),
                        value: text.to_string(),
                        reason: e.0,
                        category: format!("`{}` not an impact", self.header(column)),
                    })?;
                if chosen.is_none() {
                    self.impact_evidence.note(&text, impact);
                }
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

    /// What in the row says the ticket is closed: a closing state
    /// ([`values::is_closing_state`]) or an active flag that is false.
    fn closed_by(&self, record: &Record<'_>) -> Result<Option<(usize, String)>, Skip> {
        if let Some(column) = self.plan.state {
            let text = self.text(record, column)?;
            if values::is_closing_state(&text) {
                return Ok(Some((column, text.into_owned())));
            }
        }
        if let Some(column) = self.plan.active {
            let text = self.text(record, column)?;
            if !text.is_empty() {
                let active = values::parse_bool(&text).map_err(|e| Skip {
                    column: Some(column),
                    value: text.to_string(),
                    reason: e.0,
                    category: format!("`{}` not yes or no", self.header(column)),
                })?;
                if !active {
                    return Ok(Some((column, text.into_owned())));
                }
            }
        }
        Ok(None)
    }

    /// The update counter of a row, when mapped and not empty.
    fn revision(&self, record: &Record<'_>, column: Option<usize>) -> Result<Option<u64>, Skip> {
        let Some(column) = column else {
            return Ok(None);
        };
        let text = self.text(record, column)?;
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<u64>().map(Some).map_err(|_| Skip {
            column: Some(column),
            value: text.to_string(),
            reason: format!("`{text}` is not an update counter (a whole number such as 3)"),
            category: format!("`{}` not a whole number", self.header(column)),
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
        let mut resolved = match self.optional_instant(record, plan.resolved)? {
            Some(t) => Some(t),
            None => self.after(record, plan.resolution_time, created)?,
        };
        let mut at_close = false;
        if resolved.is_none() {
            if let Some(closed) = self.optional_instant(record, plan.closed)? {
                // Closed without a resolution time: resolved when closed.
                resolved = Some(closed);
                at_close = true;
            } else if let Some((column, text)) = self.closed_by(record)? {
                return Err(Skip {
                    column: Some(column),
                    reason: format!(
                        "the ticket is closed (`{}` is `{text}`) but has no resolution or close time, so its resolution cannot be measured",
                        self.header(column)
                    ),
                    value: text,
                    category: "closed without a resolution or close time".into(),
                });
            }
        }
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
        let stamp = if plan.revision.is_some() || plan.updated.is_some() {
            Some(RowStamp {
                revision: self.revision(record, plan.revision)?,
                updated: self.optional_instant(record, plan.updated)?,
                record: record.number,
            })
        } else {
            None
        };
        let verdict = match self.yes_no(record, plan.verdict)? {
            Some(met) => Some(met),
            None => self
                .yes_no(record, plan.breached)?
                .map(|breached| !breached),
        };
        if let Some(column) = plan.state {
            let state = self.text(record, column)?.into_owned();
            self.count_state(&state);
        }
        let pause_state = if self.pauses_on {
            self.pause_state(record)?
        } else {
            None
        };
        self.history.extend(stamp);
        if self.pauses_on {
            self.pause_states.push(pause_state);
        }
        self.closed_at_close += u64::from(at_close);
        let id = cut(&id, MAX_TEXT_CHARS);
        if let Some(last) = self.batch.tickets.last() {
            let before = self.batch.texts.get(last.id);
            self.ids_in_order.0 &= before < id.as_str();
            self.ids_in_order.1 &= before > id.as_str();
        }
        let id = self.batch.texts.push(&id);
        let priority = self.batch.texts.intern(&priority);
        self.batch.tickets.push(Ticket {
            id,
            service,
            priority,
            created,
            first_response,
            resolved,
            verdict,
            line: u32::try_from(record.line).unwrap_or(u32::MAX),
        });
        Ok(())
    }

    /// Counts a ticket row's state (few distinct values: a short list
    /// beats a map).
    fn count_state(&mut self, state: &str) {
        if let Some(slot) = self.states.iter_mut().find(|(s, _)| s == state) {
            slot.1 += 1;
        } else if self.states.len() < MAX_STATES {
            self.states.push((state.to_owned(), 1));
        } else if let Some(slot) = self.states.iter_mut().find(|(s, _)| s == OTHER_STATES) {
            slot.1 += 1;
        } else {
            self.states.push((OTHER_STATES.to_owned(), 1));
        }
    }

    /// A yes/no column's value, `None` when not mapped or empty.
    fn yes_no(&self, record: &Record<'_>, column: Option<usize>) -> Result<Option<bool>, Skip> {
        let Some(column) = column else {
            return Ok(None);
        };
        let text = self.text(record, column)?;
        if text.is_empty() {
            return Ok(None);
        }
        values::parse_bool(&text).map(Some).map_err(|e| Skip {
            column: Some(column),
            value: text.to_string(),
            reason: e.0,
            category: format!("`{}` not yes or no", self.header(column)),
        })
    }
}

/// Whether an import reads pauses from the states of its history, and
/// the summary it starts with: `(false, None)` when not asked for (or not
/// tickets); asked for without a state or an update time column, the
/// summary says why none can be read.
fn state_pauses_plan(settings: &Settings, plan: &Plan) -> (bool, Option<StatePauses>) {
    if !settings.pauses_from_states || settings.kind != Kind::Tickets {
        return (false, None);
    }
    let header = |column: Option<usize>| {
        column
            .and_then(|c| settings.columns.get(c))
            .map(|c| c.header.clone())
            .unwrap_or_default()
    };
    let unavailable = match (plan.state, plan.updated) {
        (None, _) => Some("no column is mapped to the state".to_string()),
        (_, None) => Some(
            "no column is mapped to the update time (`updated`): a pause starts and ends at the time of an update"
                .to_string(),
        ),
        _ => None,
    };
    let summary = StatePauses {
        by: (header(plan.state), header(plan.updated)),
        unavailable,
        ..StatePauses::default()
    };
    (summary.unavailable.is_none(), Some(summary))
}

/// One row of a ticket's history, for its pauses.
#[derive(Debug, Clone, Copy)]
struct Snapshot {
    /// Counter and time; `None` when they could not be read (a row not used).
    key: Option<UpdateKey>,
    /// The on-hold state it is in, if any.
    on_hold: Option<TextId>,
    line: u32,
    record: u64,
}

/// Sorts `items` by a key of two numbers, equal keys in their order: one
/// sort of `(i64, i64, u32)` for every such list (each sort of another type
/// would be its own code in the wasm, several kilobytes).
pub(crate) fn sort_by_keys<T>(items: &mut Vec<T>, key: impl Fn(&T) -> (i64, i64)) {
    let mut keys: Vec<(i64, i64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (a, b) = key(item);
            (a, b, u32::try_from(i).unwrap_or(u32::MAX))
        })
        .collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keys.iter()
            .filter_map(|&(_, _, i)| slots.get_mut(i as usize).and_then(Option::take)),
    );
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{prepare, Overrides};

    fn import(csv: &str, overrides: &Overrides) -> Outcome {
        let (proposal, _) =
            prepare(csv.as_bytes(), true, "UTC", overrides).unwrap_or_else(|e| panic!("{e}"));
        import_bytes(csv.as_bytes(), proposal.settings, Zone::utc(), "test.csv")
            .unwrap_or_else(|p| panic!("{p:?}"))
    }

    fn levels(outcome: &Outcome) -> Vec<u32> {
        outcome.batch.outages.iter().map(|o| o.impact_ppb).collect()
    }

    const HEAD: &str = "service,start,end,impact,planned\n";

    #[test]
    fn empty_markers_read_as_empty_never_as_errors_and_are_counted() {
        let csv = "service,start,end,impact,supplier\n\
                   mail,2026-03-01 10:00,2026-03-01 11:00,N/A,NULL\n\
                   mail,2026-03-02 10:00,2026-03-02 11:00,-,(empty)\n\
                   mail,2026-03-03 10:00,2026-03-03 11:00,50,?\n";
        let outcome = import(csv, &Overrides::default());
        assert_eq!((outcome.summary.used, outcome.summary.skipped), (3, 0));
        // An empty impact is a full outage; an empty supplier is none.
        assert_eq!(
            levels(&outcome),
            [1_000_000_000, 1_000_000_000, 500_000_000]
        );
        assert!(outcome.batch.outages.iter().all(|o| o.supplier.is_none()));
        let found: Vec<(&str, u64)> = outcome
            .summary
            .empty_markers
            .iter()
            .map(|(m, n)| (m.as_str(), *n))
            .collect();
        assert_eq!(
            found,
            [("NULL", 1), ("N/A", 1), ("-", 1), ("(empty)", 1), ("?", 1)]
        );
        // The user's own list: `-` is then a value (and not an impact).
        let own = Overrides {
            empty_markers: Some(vec!["NULL".into()]),
            ..Overrides::default()
        };
        let outcome = import(csv, &own);
        assert_eq!(outcome.summary.skipped, 2, "{:?}", outcome.errors);
        assert_eq!(outcome.summary.empty_markers, [("NULL".to_string(), 1)]);
    }

    #[test]
    fn the_empty_markers_are_saved_only_when_changed() {
        let csv = "service,start,end\nmail,2026-03-01 10:00,2026-03-01 11:00\n";
        let (proposal, _) = prepare(csv.as_bytes(), true, "UTC", &Overrides::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!proposal.settings.save().contains(";em="));
        let own = Overrides {
            empty_markers: Some(vec!["NULL".into(), "-".into()]),
            ..Overrides::default()
        };
        let (proposal, _) =
            prepare(csv.as_bytes(), true, "UTC", &own).unwrap_or_else(|e| panic!("{e}"));
        let saved = proposal.settings.save();
        assert!(saved.contains(";em=NULL|-;"), "{saved}");
        let (restored, _) = Overrides::from_saved(&saved).expect("a saved line");
        assert_eq!(restored.empty_markers, own.empty_markers);
        let bad = Overrides {
            empty_markers: Some(vec!["a;b".into()]),
            ..Overrides::default()
        };
        assert!(prepare(csv.as_bytes(), true, "UTC", &bad).is_err());
    }

    fn tickets(csv: &str) -> Outcome {
        import(csv, &Overrides::default())
    }

    #[test]
    fn ids_on_several_rows_without_an_update_column_are_counted() {
        let csv = "id,priority,created\nT1,P1,2026-03-01 10:00\nT2,P1,2026-03-01 10:00\n\
                   T1,P1,2026-03-01 10:00\nT3,P1,2026-03-01 10:00\nT3,P1,2026-03-01 10:00\n\
                   T3,P1,2026-03-01 10:00\n";
        let outcome = tickets(csv);
        assert_eq!(outcome.summary.repeated_ids, 2);
        assert_eq!(outcome.summary.history, None);
        assert_eq!(outcome.batch.tickets.len(), 6);
    }

    #[test]
    fn a_column_named_for_the_priority_wins_over_urgency_and_severity() {
        let csv = "ticket,urgency,severity,priority,created\nT1,low,sev 3,P1,2026-03-01 10:00\n";
        let outcome = tickets(csv);
        let t = outcome.batch.tickets.first().expect("a ticket");
        assert_eq!(outcome.batch.texts.get(t.priority), "P1");
    }

    #[test]
    fn a_row_that_says_closed_is_resolved_at_its_close_time_or_listed() {
        let csv = "id,priority,created,resolved,closed,active,status\n\
                   T1,P1,2026-03-01 10:00,,2026-03-01 12:00,false,Closed\n\
                   T2,P1,2026-03-01 10:00,,,false,\n\
                   T3,P1,2026-03-01 10:00,,,,Solved\n\
                   T4,P1,2026-03-01 10:00,,,true,In Progress\n\
                   T5,P1,2026-03-01 10:00,2026-03-01 11:00,2026-03-02 11:00,false,Closed\n";
        let outcome = tickets(csv);
        let resolved: Vec<(&str, Option<i64>)> = outcome
            .batch
            .tickets
            .iter()
            .map(|t| {
                (
                    outcome.batch.texts.get(t.id),
                    t.resolved.map(|r| r / 1_000_000_000),
                )
            })
            .collect();
        assert_eq!(
            resolved,
            [
                ("T1", Some(1_772_366_400)),
                ("T4", None),
                ("T5", Some(1_772_362_800))
            ]
        );
        assert_eq!(outcome.summary.resolved_at_close, 1);
        let lines: Vec<(u64, &str)> = outcome
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(lines, [(3, "active"), (4, "status")]);
    }

    #[test]
    fn an_earlier_row_does_not_stand_in_for_a_later_one_not_used() {
        let csv = "number,priority,opened_at,resolved_at,sys_mod_count\n\
                   INC1,P1,2026-03-01 10:00,,1\n\
                   INC1,,2026-03-01 10:00,,2\n\
                   INC2,P2,2026-03-01 10:00,,1\n\
                   INC2,P2,2026-03-01 10:00,2026-03-01 12:00,2\n\
                   INC2,,2026-03-01 10:00,,0\n";
        let outcome = tickets(csv);
        let ids: Vec<&str> = outcome
            .batch
            .tickets
            .iter()
            .map(|t| outcome.batch.texts.get(t.id))
            .collect();
        // INC1's latest row (counter 2) is not used: its row 1 is not kept
        // in its place. INC2's unusable row is older than its latest.
        assert_eq!(ids, ["INC2"]);
        let history = outcome.summary.history.as_ref().expect("a history");
        assert_eq!((history.superseded, history.collapsed), (1, 1));
        let summary = &outcome.summary;
        assert_eq!((summary.rows, summary.used, summary.skipped), (5, 1, 3));
        assert!(outcome
            .errors
            .iter()
            .any(|e| e.line == 2 && e.reason.contains("line 3")));
    }

    // --- pauses from the states of a history

    /// 2026-03-01 `hh:mm` UTC in Unix nanoseconds.
    fn march_1(hh: i64, mm: i64) -> i64 {
        (1_772_323_200 + hh * 3_600 + mm * 60) * 1_000_000_000
    }

    fn with_pauses() -> Overrides {
        Overrides {
            pauses_from_states: Some(true),
            ..Overrides::default()
        }
    }

    /// (ticket id, start, end, reason) of every pause of the measurement file.
    fn pauses(outcome: &Outcome) -> Vec<(String, i64, i64, String)> {
        let instant = |t: &sla_engine::model::Timestamp| match t {
            sla_engine::model::Timestamp::Utc(nanos) => *nanos,
            other => panic!("not UTC: {other:?}"),
        };
        outcome
            .batch
            .to_measurements()
            .tickets
            .iter()
            .flat_map(|t| {
                t.pauses.iter().map(|p| {
                    (
                        t.id.clone(),
                        instant(&p.start),
                        instant(&p.end),
                        p.reason.clone(),
                    )
                })
            })
            .collect()
    }

    const SNAPSHOTS: &str =
        "number,priority,opened_at,resolved_at,state,sys_mod_count,sys_updated_on\n";

    #[test]
    fn the_spans_a_history_spent_on_hold_are_its_pauses_in_update_order() {
        // INC1, in counter order (the file is not): New 10:00, On Hold
        // 10:30, In Progress 12:00, Resolved 14:00 → paused 10:30–12:00.
        // INC2: Awaiting User Info at 09:00 and again at 09:40 (one span),
        // In Progress 11:15, Pending 13:00, In Progress 13:20 → two pauses.
        let csv = [
            SNAPSHOTS,
            "INC1,P2,2026-03-01 10:00,,In Progress,2,2026-03-01 12:00\n",
            "INC1,P2,2026-03-01 10:00,,New,0,2026-03-01 10:00\n",
            "INC2,P3,2026-03-01 08:00,,Awaiting User Info,1,2026-03-01 09:00\n",
            "INC1,P2,2026-03-01 10:00,2026-03-01 14:00,Resolved,3,2026-03-01 14:00\n",
            "INC1,P2,2026-03-01 10:00,,On Hold,1,2026-03-01 10:30\n",
            "INC2,P3,2026-03-01 08:00,,Awaiting User Info,2,2026-03-01 09:40\n",
            "INC2,P3,2026-03-01 08:00,,In Progress,3,2026-03-01 11:15\n",
            "INC2,P3,2026-03-01 08:00,,Pending,4,2026-03-01 13:00\n",
            "INC2,P3,2026-03-01 08:00,,In Progress,5,2026-03-01 13:20\n",
        ]
        .concat();
        let outcome = import(&csv, &with_pauses());
        assert_eq!(
            pauses(&outcome),
            [
                (
                    "INC1".into(),
                    march_1(10, 30),
                    march_1(12, 0),
                    "on hold".into()
                ),
                (
                    "INC2".into(),
                    march_1(9, 0),
                    march_1(11, 15),
                    "awaiting user info".into()
                ),
                (
                    "INC2".into(),
                    march_1(13, 0),
                    march_1(13, 20),
                    "pending".into()
                ),
            ]
        );
        let summary = outcome.summary.state_pauses.as_ref().expect("pauses read");
        assert_eq!(
            (summary.pauses, summary.tickets, summary.still_on_hold),
            (3, 2, 0)
        );
        assert_eq!(
            summary.text(),
            "3 pauses from the state history of 2 tickets (`state` on hold, between `sys_updated_on` times)"
        );
        // Asked for nothing: no pauses, nothing said.
        let outcome = import(&csv, &Overrides::default());
        assert!(pauses(&outcome).is_empty());
        assert_eq!(outcome.summary.state_pauses, None);
    }

    #[test]
    fn a_ticket_on_hold_at_its_latest_row_is_paused_until_resolved_or_its_latest_update() {
        // INC3 is open and on hold since 10:00, still at its latest row
        // (11:00): paused 10:00–11:00, the clock runs after. INC4 was put on
        // hold at 15:00 and resolved at 16:00 in that state: paused until
        // its resolution.
        let csv = [
            SNAPSHOTS,
            "INC3,P1,2026-03-01 09:00,,In Progress,1,2026-03-01 09:30\n",
            "INC3,P1,2026-03-01 09:00,,On Hold,2,2026-03-01 10:00\n",
            "INC3,P1,2026-03-01 09:00,,On Hold,3,2026-03-01 11:00\n",
            "INC4,P1,2026-03-01 14:00,,In Progress,1,2026-03-01 14:00\n",
            "INC4,P1,2026-03-01 14:00,2026-03-01 16:00,On Hold,2,2026-03-01 15:00\n",
        ]
        .concat();
        let outcome = import(&csv, &with_pauses());
        assert_eq!(
            pauses(&outcome),
            [
                (
                    "INC3".into(),
                    march_1(10, 0),
                    march_1(11, 0),
                    "on hold".into()
                ),
                (
                    "INC4".into(),
                    march_1(15, 0),
                    march_1(16, 0),
                    "on hold".into()
                ),
            ]
        );
        let summary = outcome.summary.state_pauses.expect("pauses read");
        assert_eq!(summary.still_on_hold, 2);
        assert!(summary.text().ends_with(
            "; 2 tickets still on hold at the latest update: paused until resolved, or while open until that update"
        ));
    }

    #[test]
    fn a_row_without_an_update_time_bounds_no_pause_and_is_listed() {
        // INC5's On Hold row has no time: when it began cannot be told, so
        // INC5 is used without pauses and listed at that row. INC6 has a
        // row without a time but was never on hold: no pause to bound,
        // nothing listed. INC7's row not used (its priority
        // is empty) is in the history all the same: its time ends the
        // pause.
        let csv = [
            SNAPSHOTS,
            "INC5,P2,2026-03-01 08:00,,In Progress,1,2026-03-01 08:10\n",
            "INC5,P2,2026-03-01 08:00,,On Hold,2,\n",
            "INC5,P2,2026-03-01 08:00,,In Progress,3,2026-03-01 09:00\n",
            "INC6,P2,2026-03-01 08:00,,New,1,\n",
            "INC6,P2,2026-03-01 08:00,,In Progress,2,2026-03-01 08:30\n",
            "INC7,P2,2026-03-01 08:00,,On Hold,1,2026-03-01 08:20\n",
            "INC7,,2026-03-01 08:00,,In Progress,2,2026-03-01 08:50\n",
            "INC7,P2,2026-03-01 08:00,2026-03-01 09:10,Resolved,3,2026-03-01 09:10\n",
        ]
        .concat();
        let outcome = import(&csv, &with_pauses());
        assert_eq!(
            pauses(&outcome),
            [(
                "INC7".into(),
                march_1(8, 20),
                march_1(8, 50),
                "on hold".into()
            )]
        );
        let ids: Vec<&str> = outcome
            .batch
            .tickets
            .iter()
            .map(|t| outcome.batch.texts.get(t.id))
            .collect();
        assert_eq!(ids, ["INC5", "INC6", "INC7"]);
        let summary = outcome.summary.state_pauses.expect("pauses read");
        let listed: Vec<String> = summary.listed.iter().map(ToString::to_string).collect();
        assert_eq!(
            listed,
            ["line 3, column `sys_updated_on`: `INC5`: this row has no usable update time (`sys_updated_on`), so the spans its state spent on hold cannot be bounded: the ticket is used without pauses"]
        );
        assert!(summary.text().ends_with(
            "; pauses of 1 ticket not read (listed): a row without an update time cannot bound one"
        ));
    }

    #[test]
    fn pauses_from_states_need_a_state_and_an_update_time() {
        let csv = "number,priority,opened_at,state,sys_mod_count\n\
                   INC1,P1,2026-03-01 10:00,On Hold,1\n\
                   INC1,P1,2026-03-01 10:00,In Progress,2\n";
        let outcome = import(csv, &with_pauses());
        assert!(pauses(&outcome).is_empty());
        assert_eq!(
            outcome.summary.state_pauses.map(|s| s.text()),
            Some("no pauses read from states: no column is mapped to the update time (`updated`): a pause starts and ends at the time of an update".into())
        );
    }

    #[test]
    fn pauses_from_states_are_saved_with_the_mapping_only_when_asked_for() {
        let csv = [
            SNAPSHOTS,
            "INC1,P1,2026-03-01 10:00,,New,0,2026-03-01 10:00\n",
        ]
        .concat();
        let saved = |overrides: &Overrides| {
            prepare(csv.as_bytes(), true, "UTC", overrides)
                .map(|(proposal, _)| proposal.settings.save())
                .unwrap_or_else(|e| panic!("{e}"))
        };
        assert!(!saved(&Overrides::default()).contains(";ps="));
        let line = saved(&with_pauses());
        assert!(line.contains(";ps=1;"), "{line}");
        let (restored, _) = Overrides::from_saved(&line).expect("a saved line");
        assert_eq!(restored.pauses_from_states, Some(true));
    }

    fn row(day: u32, impact: &str) -> String {
        format!("mail,2026-03-{day:02} 10:00,2026-03-{day:02} 11:00,{impact},no\n")
    }

    #[test]
    fn factors_read_as_percent_until_the_column_decides_become_factors() {
        let csv = [
            HEAD,
            &row(1, "1"),
            &row(2, "0.25"),
            &row(3, "0"),
            &row(4, "major"),
        ]
        .concat()
            + &row(5, "none")
            + &row(6, "maintenance")
            + &row(7, "");
        let outcome = import(&csv, &Overrides::default());
        assert_eq!(
            outcome.summary.impact,
            Some(ImpactReading {
                unit: ImpactUnit::Factor,
                basis: ImpactBasis::Fractions
            })
        );
        // Words (100 %, 0 %, planned 100 %) and the empty impact (100 %) keep their levels.
        assert_eq!(
            levels(&outcome),
            vec![
                1_000_000_000,
                250_000_000,
                0,
                1_000_000_000,
                0,
                1_000_000_000,
                1_000_000_000
            ]
        );
    }

    #[test]
    fn percentages_keep_their_meaning() {
        for (impacts, expected) in [
            (
                ["50", "100", "25"],
                [500_000_000, 1_000_000_000, 250_000_000],
            ),
            (
                ["100%", "0.5%", "1%"],
                [1_000_000_000, 5_000_000, 10_000_000],
            ),
            (["1", "1", "0"], [10_000_000, 10_000_000, 0]),
            (["0.5", "1", "2"], [5_000_000, 10_000_000, 20_000_000]),
        ] {
            let csv = [
                HEAD,
                &row(1, impacts[0]),
                &row(2, impacts[1]),
                &row(3, impacts[2]),
            ]
            .concat();
            let outcome = import(&csv, &Overrides::default());
            assert_eq!(levels(&outcome), expected, "{impacts:?}");
            assert_eq!(
                outcome.summary.impact.map(|r| r.unit),
                Some(ImpactUnit::Percent),
                "{impacts:?}"
            );
        }
        // Only 1s: percent as before, and said to be ambiguous.
        let csv = [HEAD, &row(1, "1"), &row(2, "1")].concat();
        let outcome = import(&csv, &Overrides::default());
        assert!(outcome
            .summary
            .impact
            .is_some_and(ImpactReading::is_ambiguous));
    }

    #[test]
    fn a_header_that_names_a_factor_reads_ones_as_the_whole_service() {
        let csv = [
            "service,start,end,impact factor\n",
            "mail,2026-03-01 10:00,2026-03-01 11:00,1\n",
            "mail,2026-03-02 10:00,2026-03-02 11:00,0\n",
        ]
        .concat();
        // The generic preset maps only a column named `impact`: map it.
        let mapped = Overrides {
            columns: vec![("impact factor".into(), Field::Impact)],
            ..Overrides::default()
        };
        let outcome = import(&csv, &mapped);
        assert_eq!(levels(&outcome), vec![1_000_000_000, 0]);
        assert_eq!(
            outcome.summary.impact,
            Some(ImpactReading {
                unit: ImpactUnit::Factor,
                basis: ImpactBasis::Header
            })
        );
    }

    #[test]
    fn skipped_rows_count_toward_the_impact_column_unit() {
        // Line 3's `50` says percent although its row is skipped (no end).
        let csv = [
            HEAD,
            &row(1, "0.5"),
            "mail,2026-03-02 10:00,,50,no\n",
            &row(3, "1"),
        ]
        .concat();
        let outcome = import(&csv, &Overrides::default());
        assert_eq!(outcome.summary.skipped, 1);
        assert_eq!(levels(&outcome), vec![5_000_000, 10_000_000]);
        assert_eq!(
            outcome.summary.impact.map(|r| r.basis),
            Some(ImpactBasis::AboveOne)
        );
    }

    #[test]
    fn a_chosen_factor_refuses_numbers_above_one() {
        let csv = [HEAD, &row(1, "0.5"), &row(2, "50"), &row(3, "50 %")].concat();
        let factor = Overrides {
            impact_unit: Some(ImpactUnit::Factor),
            ..Overrides::default()
        };
        let outcome = import(&csv, &factor);
        assert_eq!(levels(&outcome), vec![500_000_000, 500_000_000]);
        assert_eq!(
            outcome.errors[0].to_string(),
            "line 3, column `impact`: `50` is not an impact: this column's impacts are read as a factor, which is at most 1 (1 = the whole service); choose percent if it holds percentages"
        );
        assert_eq!(
            outcome.summary.impact,
            Some(ImpactReading {
                unit: ImpactUnit::Factor,
                basis: ImpactBasis::Chosen
            })
        );
    }

    #[test]
    fn stop_messages_say_where_and_what_to_do() {
        let open = |lines_after, to_end, column: Option<&str>| {
            Stop::OpenQuote {
                line: 4,
                field: 5,
                column: column.map(str::to_string),
                lines_after,
                to_end,
            }
            .to_string()
        };
        assert_eq!(
            open(1, true, None),
            "The import stopped at line 4, field 5: a quote (\") opens there and never closes, so the rest of the file (1 line) would be read as one value. The rows before it were read. Close the quote, or write a quote inside a value twice (\"\"), and import the file again."
        );
        assert!(open(0, true, Some("cause")).starts_with(
            "The import stopped at line 4, column `cause` (field 5): a quote (\") opens there and never closes, so the value runs to the end of the file. "
        ));
        assert!(open(30_000, false, Some("cause")).contains(
            "so the rest of the file would be read as one value (more than 1 MB and 30000 lines so far). "
        ));
        assert_eq!(
            Stop::TooLong { line: 2 }.to_string(),
            "The import stopped at line 2: a record there is longer than 1 MB. Is this a CSV file with one record per line? The rows before it were read."
        );
        assert_eq!(Stop::TooManyRecords { line: 9 }.line(), 9);
    }

    #[test]
    fn a_record_too_long_without_a_quote_is_not_an_open_quote() {
        let mut csv = String::from("service,start,end\nmail,");
        csv.push_str(&"x".repeat(crate::reader::MAX_RECORD_BYTES + 1));
        let outcome = import(&csv, &Overrides::default());
        assert_eq!(outcome.summary.stop, Some(Stop::TooLong { line: 2 }));
    }

    // --- durations written `a:b`

    /// Each outage's length in seconds.
    fn lengths(outcome: &Outcome) -> Vec<i64> {
        let second = 1_000_000_000;
        outcome
            .batch
            .outages
            .iter()
            .map(|o| (o.end - o.start) / second)
            .collect()
    }

    fn with_durations(header: &str, durations: &[&str]) -> String {
        let mut csv = format!("service,start,{header}\n");
        for duration in durations {
            csv.push_str(&format!("mail,2026-03-01 10:00,{duration}\n"));
        }
        csv
    }

    /// The third column mapped to the duration (the generic outage log's
    /// preset maps only a column named `duration`).
    fn third_is_duration(overrides: Overrides) -> Overrides {
        Overrides {
            columns: vec![("3".into(), Field::Duration)],
            ..overrides
        }
    }

    #[test]
    fn a_b_durations_read_as_h_mm_unless_the_header_or_the_user_says_mm_ss() {
        let csv = with_durations("duration", &["12:30", "90", "0:12:30"]);
        // As always: 12 h 30 min; bare numbers in minutes; three parts h:mm:ss.
        let detected = import(&csv, &Overrides::default());
        assert_eq!(lengths(&detected), vec![45_000, 5_400, 750]);
        let reading = detected.summary.clock.expect("a reading");
        assert_eq!(
            (reading.unit, reading.basis),
            (ClockUnit::HoursMinutes, ClockBasis::Ambiguous)
        );
        let minutes = Overrides {
            clock_unit: Some(ClockUnit::MinutesSeconds),
            ..Overrides::default()
        };
        let chosen = import(&csv, &minutes);
        assert_eq!(lengths(&chosen), vec![750, 5_400, 750]);
        assert_eq!(
            chosen.summary.clock,
            Some(ClockReading {
                unit: ClockUnit::MinutesSeconds,
                basis: ClockBasis::Chosen
            })
        );
        // The header says seconds: `12:30` is 12 min 30 s.
        let seconds = import(
            &with_durations("duration_seconds", &["12:30", "1h"]),
            &third_is_duration(Overrides::default()),
        );
        assert_eq!(lengths(&seconds), vec![750, 3_600]);
        assert_eq!(
            seconds.summary.clock.map(|r| r.basis),
            Some(ClockBasis::Header)
        );
        // No `a:b` value: nothing to say.
        let none = import(
            &with_durations("duration", &["90", "1h 30m", "01:30:00"]),
            &Overrides::default(),
        );
        assert_eq!(none.summary.clock, None);
    }

    #[test]
    fn a_b_with_b_of_60_or_more_is_refused_as_before_and_decides_nothing() {
        let csv = with_durations("duration", &["12:75", "90"]);
        let outcome = import(&csv, &Overrides::default());
        assert_eq!(
            outcome.errors[0].to_string(),
            "line 2, column `duration`: `12:75` is not a duration: minutes must be below 60, not 75"
        );
        assert_eq!(outcome.summary.clock, None);
    }

    #[test]
    fn every_value_of_a_duration_column_counts_toward_asking() {
        // After the sample; in a row whose end is given; in a skipped row.
        let mut late = vec!["90"; 150];
        late.push("12:30");
        let csv = with_durations("duration", &late);
        let (proposal, _) =
            prepare(csv.as_bytes(), true, "UTC", &Overrides::default()).expect("prepare");
        assert_eq!(proposal.clock, None);
        let outcome = import(&csv, &Overrides::default());
        assert_eq!(lengths(&outcome).last(), Some(&45_000));
        assert!(outcome
            .summary
            .clock
            .is_some_and(ClockReading::is_ambiguous));
        for csv in [
            "service,start,end,duration\nmail,2026-03-01 10:00,2026-03-01 11:00,12:30\n",
            "service,start,duration\n,2026-03-01 10:00,12:30\nmail,2026-03-02 10:00,90\n",
        ] {
            let outcome = import(csv, &Overrides::default());
            assert!(
                outcome
                    .summary
                    .clock
                    .is_some_and(ClockReading::is_ambiguous),
                "{csv}"
            );
        }
    }

    #[test]
    fn each_duration_column_reads_by_its_own_header() {
        let csv = "id,priority,created,seconds_to_first_ack,resolution_time\n\
                   T-1,P1,2026-03-01 10:00,12:30,12:30\n";
        let second = 1_000_000_000;
        let times = |outcome: &Outcome| {
            let ticket = &outcome.batch.tickets[0];
            (
                ticket.first_response.map(|t| (t - ticket.created) / second),
                ticket.resolved.map(|t| (t - ticket.created) / second),
            )
        };
        let detected = import(csv, &Overrides::default());
        assert_eq!(times(&detected), (Some(750), Some(45_000)));
        // The summary shows the column to ask about.
        let reading = detected.summary.clock.expect("a reading");
        assert_eq!(
            (reading.unit, reading.basis),
            (ClockUnit::HoursMinutes, ClockBasis::Ambiguous)
        );
        // A choice holds for every duration column.
        let hours = Overrides {
            clock_unit: Some(ClockUnit::HoursMinutes),
            ..Overrides::default()
        };
        assert_eq!(times(&import(csv, &hours)), (Some(45_000), Some(45_000)));
    }
}
