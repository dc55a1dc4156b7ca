//! A field-change audit as tickets: ServiceNow's `sys_audit` table exported
//! as CSV, one row per changed field of a record (`documentkey`,
//! `tablename`, `fieldname`, `oldvalue`, `newvalue`, `sys_created_on`),
//! turned into one ticket per record.
//!
//! The rules (documented in `docs/import.md`, "Field-change audits"):
//! - a record's changes are taken in the order of their time (rows of one
//!   time in file order);
//! - its id is the last `number` written, else its document key; its
//!   priority the last `priority`; its service the last `business_service`
//!   (else `cmdb_ci`); it was created at the last `opened_at` written, else
//!   at its first change;
//! - it is resolved at the last `resolved_at` written, else when its state
//!   (`incident_state`, `state`) last became a closing one (`6` Resolved,
//!   `7` Closed, `8` Canceled, or the words of
//!   [`values::is_closing_state`]) and stayed so; a later change to an open
//!   state (a reopening) leaves it open;
//! - with [`AuditOptions::pauses`], the spans its state spent on hold
//!   (`3`, `On Hold`, `Pending`, `Awaiting …`) are its pauses;
//! - a record with no priority, or a change whose time cannot be read, is
//!   listed with the reason: nothing is dropped without a word.

use std::collections::HashMap;

use sla_engine::model::{MeasurementFile, TicketRecord, Timestamp, Window};
use sla_engine::time::calendar::Edge;

use crate::dialect::Dialect;
use crate::import::RowError;
use crate::mapping::{normalise_header, EMPTY_MARKERS};
use crate::reader::{RecordReader, Step};
use crate::values::{self, Stamp, TimestampFormat};
use crate::zone::Zone;

/// The columns of an audit export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditColumns {
    pub document: usize,
    pub table: Option<usize>,
    pub field: usize,
    pub new_value: usize,
    pub when: usize,
}

/// The columns of a field-change audit, when `headers` are one: the column
/// names (`documentkey`, `fieldname`, `newvalue`, `sys_created_on`) or the
/// list's labels (`Document key`, `Field name`, `New value`, `Created`).
pub fn detect(headers: &[&str]) -> Option<AuditColumns> {
    let find = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&normalise_header(h).as_str()))
    };
    Some(AuditColumns {
        document: find(&["documentkey"])?,
        table: find(&["tablename"]),
        field: find(&["fieldname"])?,
        new_value: find(&["newvalue"])?,
        when: find(&["syscreatedon", "syscreatedat", "created"])?,
    })
}

/// The file's dialect, when its first bytes (`sample`, the whole file when
/// `complete`) are a field-change audit: a header row [`detect`] knows.
pub fn recognise(sample: &[u8], complete: bool) -> Option<Dialect> {
    let dialect = crate::dialect::detect(sample, complete).ok()?;
    let rows = crate::dialect::sample_rows(sample, &dialect, complete, 1);
    let header = rows.first()?;
    let headers: Vec<&str> = header.fields.iter().map(|h| h.trim()).collect();
    detect(&headers).map(|_| dialect)
}

/// Choices of an audit import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditOptions {
    /// The spans a ticket spent on hold become its pauses.
    pub pauses: bool,
}

/// An audit turned into tickets.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditImport {
    /// The tickets, as a measurement file (times in UTC).
    pub file: MeasurementFile,
    /// Data rows read (the header not counted).
    pub rows: u64,
    /// Records (document keys) found.
    pub records: usize,
    /// Rows and records not used, each with its line and reason.
    pub listed: Vec<RowError>,
    /// The change rows of the records that became tickets.
    pub used_rows: u64,
    /// Per ticket, the line of its record's first change.
    pub lines: Vec<u64>,
}

impl AuditImport {
    /// The audit as an import's outcome, for a page that shows imports one
    /// way: its tickets as a [`Batch`] (times read in `zone`), the rows
    /// and records listed as skipped rows, and a summary whose
    /// [`History`](crate::import::History) says how many change rows
    /// became how many tickets.
    pub fn into_outcome(self, source: &str, zone: &Zone) -> crate::import::Outcome {
        use crate::dataset::{Batch, Pause, Ticket};
        use crate::import::{History, Summary};
        use crate::mapping::Kind;
        let mut batch = Batch::new(source, Kind::Tickets, zone.name());
        let instant = |t: Timestamp| t.instant(zone);
        for (index, record) in self.file.tickets.iter().enumerate() {
            let Some(created) = instant(record.created) else {
                continue;
            };
            let ticket = u32::try_from(batch.tickets.len()).unwrap_or(u32::MAX);
            let id = batch.texts.push(&record.id);
            let service = record
                .service
                .as_deref()
                .map_or(crate::dataset::TextId::NONE, |s| batch.texts.intern(s));
            let priority = batch.texts.intern(&record.priority);
            for pause in &record.pauses {
                if let (Some(start), Some(end)) = (instant(pause.start), instant(pause.end)) {
                    let state = batch.texts.intern(&pause.reason);
                    batch.pauses.push(Pause {
                        ticket,
                        start,
                        end,
                        state,
                    });
                }
            }
            batch.tickets.push(Ticket {
                id,
                service,
                priority,
                created,
                first_response: record.first_response.and_then(instant),
                resolved: record.resolved.and_then(instant),
                verdict: None,
                line: self
                    .lines
                    .get(index)
                    .and_then(|l| u32::try_from(*l).ok())
                    .unwrap_or(u32::MAX),
            });
        }
        let mut reasons: Vec<(String, u64)> = Vec::new();
        for error in &self.listed {
            match reasons.iter_mut().find(|(c, _)| *c == error.category) {
                Some((_, n)) => *n += 1,
                None => reasons.push((error.category.clone(), 1)),
            }
        }
        crate::import::most_first(&mut reasons);
        let tickets = batch.tickets.len() as u64;
        // Rows, not listed entries: a record not made a ticket is one entry
        // for all its rows.
        let skipped = self.rows.saturating_sub(self.used_rows);
        crate::import::Outcome {
            summary: Summary {
                rows: self.rows,
                used: self.used_rows,
                skipped,
                reasons,
                history: Some(History {
                    rows: self.rows,
                    tickets,
                    collapsed: self.used_rows.saturating_sub(tickets),
                    by: vec!["sys_created_on".into()],
                    ..History::default()
                }),
                ..Summary::default()
            },
            batch,
            errors: self.listed,
        }
    }
}

/// One change of one field.
struct Change {
    line: u64,
    record: u64,
    when: i64,
    field: String,
    value: String,
}

/// Reads an audit export (`bytes`, the whole file, of `dialect`) into
/// tickets; local times are read in `zone`.
///
/// # Errors
/// A file that is not an audit (its columns are named in the message), or
/// a quote that never closes.
pub fn import(
    bytes: &[u8],
    dialect: &Dialect,
    zone: &Zone,
    options: AuditOptions,
) -> Result<AuditImport, String> {
    let rows = read_rows(bytes, dialect)?;
    let Some((header, data)) = rows.split_first() else {
        return Err("the file is empty".into());
    };
    let headers: Vec<&str> = header.1.iter().map(|h| h.trim()).collect();
    let columns = detect(&headers).ok_or_else(|| {
        "not a field-change audit: it needs the columns documentkey, fieldname, newvalue and sys_created_on".to_string()
    })?;
    let mut listed = Vec::new();
    let field = |row: &[String], i: usize| row.get(i).map_or("", |s| s.trim()).to_owned();
    let when_values: Vec<String> = data
        .iter()
        .map(|(_, r, _)| field(r, columns.when))
        .collect();
    let sample: Vec<&str> = when_values
        .iter()
        .map(String::as_str)
        .filter(|v| !v.is_empty())
        .take(100)
        .collect();
    let format = values::detect_timestamp(&sample).map_or(TimestampFormat::Iso, |g| g.format);
    let instant = |text: &str| -> Result<i64, String> {
        match values::parse_timestamp(text, format).map_err(|e| e.0)? {
            Stamp::Instant(nanos) => Ok(nanos),
            Stamp::Local(local) => zone
                .to_utc(local, Edge::Start)
                .ok_or_else(|| format!("`{text}` is out of range in {}", zone.name())),
        }
    };
    // Records in the order first met, with their changes; the map gives a
    // record's slot (a map of the kind the import's reasons use, so no new
    // map code in the page).
    let mut order: Vec<(String, Vec<Change>)> = Vec::new();
    let mut slot_of: HashMap<String, u64> = HashMap::new();
    for (line, row, number) in data {
        let document = field(row, columns.document);
        let table = columns.table.map(|t| field(row, t)).unwrap_or_default();
        let when_text = field(row, columns.when);
        let when = match instant(&when_text) {
            Ok(when) => when,
            Err(reason) => {
                listed.push(RowError {
                    line: *line,
                    record: *number,
                    column: headers.get(columns.when).map(|h| (*h).to_owned()),
                    value: when_text,
                    reason,
                    category: "change time not readable".into(),
                });
                continue;
            }
        };
        if document.is_empty() {
            listed.push(RowError {
                line: *line,
                record: *number,
                column: headers.get(columns.document).map(|h| (*h).to_owned()),
                value: String::new(),
                reason: "the change names no record (its document key is empty)".into(),
                category: "no document key".into(),
            });
            continue;
        }
        let key = if table.is_empty() {
            document
        } else {
            format!("{table}:{document}")
        };
        let slot = match slot_of.get(&key) {
            Some(&slot) => slot,
            None => {
                let slot = order.len() as u64;
                slot_of.insert(key.clone(), slot);
                order.push((key, Vec::new()));
                slot
            }
        };
        let value = field(row, columns.new_value);
        let value = if EMPTY_MARKERS.contains(&value.as_str()) {
            String::new()
        } else {
            value
        };
        let change = Change {
            line: *line,
            record: *number,
            when,
            field: normalise_header(&field(row, columns.field)),
            value,
        };
        if let Some((_, changes)) = usize::try_from(slot).ok().and_then(|i| order.get_mut(i)) {
            changes.push(change);
        }
    }
    let records = order.len();
    let mut tickets = Vec::new();
    let mut lines = Vec::new();
    let mut used_rows = 0u64;
    for (key, mut changes) in order {
        let key = &key;
        // By time, changes of one time in file order (the one sort of
        // `(i64, i64)` keys the import shares: another would be its own code).
        crate::import::sort_by_keys(&mut changes, |c: &Change| (c.when, 0));
        match ticket(key, &changes, &instant, options) {
            Ok(t) => {
                tickets.push(t);
                lines.push(changes.iter().map(|c| c.line).min().unwrap_or(0));
                used_rows += changes.len() as u64;
            }
            Err(reason) => {
                let first = changes.first();
                listed.push(RowError {
                    line: first.map_or(0, |c| c.line),
                    record: first.map_or(0, |c| c.record),
                    column: None,
                    value: key.rsplit(':').next().unwrap_or(key).to_owned(),
                    reason,
                    category: "record not made a ticket".into(),
                });
            }
        }
    }
    crate::import::sort_by_keys(&mut listed, |e| {
        (i64::try_from(e.line).unwrap_or(i64::MAX), 0)
    });
    Ok(AuditImport {
        file: MeasurementFile {
            format: "sla-measurements".into(),
            version: 1,
            tickets,
            ..MeasurementFile::default()
        },
        rows: data.len() as u64,
        records,
        listed,
        used_rows,
        lines,
    })
}

/// ServiceNow incident states, as the audit writes them (the value, not
/// the label): 3 On Hold; 6 Resolved, 7 Closed, 8 Canceled.
fn closing(value: &str) -> bool {
    matches!(value, "6" | "7" | "8") || values::is_closing_state(value)
}

/// On hold: ServiceNow's value `3`, or a pause state's words
/// ([`values::is_pause_state`], shared with snapshot histories).
fn on_hold(value: &str) -> bool {
    value == "3" || values::is_pause_state(value)
}

/// One record's changes (in time order) as a ticket.
fn ticket(
    key: &str,
    changes: &[Change],
    instant: &dyn Fn(&str) -> Result<i64, String>,
    options: AuditOptions,
) -> Result<TicketRecord, String> {
    let last = |fields: &[&str]| {
        changes
            .iter()
            .rev()
            .find(|c| fields.contains(&c.field.as_str()) && !c.value.is_empty())
            .map(|c| c.value.clone())
    };
    let document = key.rsplit(':').next().unwrap_or(key);
    let id = last(&["number"]).unwrap_or_else(|| document.to_owned());
    let priority = last(&["priority"]).ok_or_else(|| {
        format!("`{id}`: no change sets its priority, which its ticket targets need")
    })?;
    let created = match last(&["openedat"]) {
        Some(text) => instant(&text).map_err(|e| format!("`{id}`: opened_at {e}"))?,
        None => changes.first().map_or(0, |c| c.when),
    };
    // Resolved: an explicit resolved_at, else the last move into a closing
    // state that no later change undid.
    let mut resolved = match last(&["resolvedat"]) {
        Some(text) => Some(instant(&text).map_err(|e| format!("`{id}`: resolved_at {e}"))?),
        None => None,
    };
    let mut pauses = Vec::new();
    let mut held_since: Option<i64> = None;
    let mut closed_at: Option<i64> = None;
    for change in changes
        .iter()
        .filter(|c| c.field == "incidentstate" || c.field == "state")
    {
        closed_at = if closing(&change.value) {
            closed_at.or(Some(change.when))
        } else {
            None
        };
        let holding = on_hold(&change.value);
        match (held_since, holding) {
            (None, true) => held_since = Some(change.when),
            (Some(since), false) => {
                if change.when > since {
                    pauses.push(Window {
                        start: Timestamp::Utc(since),
                        end: Timestamp::Utc(change.when),
                        reason: "on hold".into(),
                    });
                }
                held_since = None;
            }
            _ => {}
        }
    }
    if resolved.is_none() {
        resolved = closed_at;
    }
    Ok(TicketRecord {
        id,
        service: last(&["businessservice"]).or_else(|| last(&["cmdbci"])),
        priority,
        created: Timestamp::Utc(created),
        first_response: None,
        resolved: resolved.map(Timestamp::Utc),
        pauses: if options.pauses { pauses } else { Vec::new() },
        reopenings: Vec::new(),
        verdict: None,
        as_of: None,
    })
}

/// Every record of the file: (line, fields, record number); a header row
/// first.
fn read_rows(bytes: &[u8], dialect: &Dialect) -> Result<Vec<(u64, Vec<String>, u64)>, String> {
    let body = bytes.get(dialect.bom..).unwrap_or_default();
    let mut reader = RecordReader::new(dialect.syntax);
    let mut rows = Vec::new();
    let mut rest = body;
    let decode = |record: &crate::reader::Record<'_>| -> Result<Vec<String>, String> {
        record
            .iter()
            .map(|f| {
                dialect
                    .encoding
                    .decode(f)
                    .map(|t| t.into_owned())
                    .map_err(|_| format!("line {}: a value is not valid text", record.line))
            })
            .collect()
    };
    loop {
        match reader.read(&mut rest) {
            Step::Record(record) => {
                let number = rows.len() as u64;
                rows.push((record.line, decode(&record)?, number));
            }
            Step::NeedInput => break,
            Step::TooLong { line, .. } => {
                return Err(format!("line {line}: a record is longer than 1 MB"));
            }
        }
    }
    match reader.finish() {
        Ok(Some(record)) => {
            let number = rows.len() as u64;
            rows.push((record.line, decode(&record)?, number));
        }
        Ok(None) => {}
        Err(open) => {
            return Err(format!(
                "line {}: a quote opens in field {} and never closes",
                open.line, open.field
            ));
        }
    }
    Ok(rows)
}
