//! The workbench's "Measurements" view: outages, tickets and manual values
//! in editable tables, the outages of the span on a timeline per service,
//! and the CSV importer feeding the same measurements.
//!
//! # Editing
//!
//! What is typed into a cell is kept exactly as typed, as a draft of that
//! cell, until it is saved. A cell is saved when the user leaves it or
//! presses Enter (the `change` event), and only if it reads as its field
//! (a timestamp as [`Timestamp::parse`] reads it, a level as
//! [`Level::parse`] reads it, …): then the record goes out as one
//! [`Edit::Set`] of its row, one undo step, and the cell shows the record in
//! the text form it is saved in (`2026-03-02T14:05:00`). Edits name the rows
//! they change (set, insert, remove); the file itself is never copied here:
//! the view reads it through [`Measured`] and holds no reference to it
//! between renders, so the workbench changes it in place. Saving on `change`
//! rather than on every keystroke keeps one edit one undo step and spares
//! the report a recomputation per key. A cell that does not read keeps its
//! text, is marked `aria-invalid` and is described by a message beside it
//! that names the field and says why; nothing is sent.
//!
//! A new row ("Add outage") is a draft row until every required cell reads;
//! then the record is appended to the file. Until then it adds nothing to
//! the report (a half-entered open ticket would count as a breach).
//!
//! Drafts outlive the view: closing it (another workbench tab) leaves them
//! behind, and opening it again on the very same measurements brings them
//! back (not on another workspace's, nor after an undo changed them).
//!
//! Checks that need two cells (an outage that ends before it starts, a
//! service the agreements do not have) are warnings beside the row: the
//! record is saved, and the report skips or ignores it as it says.
//!
//! Tables show at most [`PAGE_ROWS`] rows at a time, with Previous and Next.
//!
//! # Element ids (for tests and labels)
//!
//! Rows are numbered from 0 in ids, as in the file (`outages[3]`), and from 1
//! in what people read ("Delete outage 4"). Tables `#outages-table`,
//! `#tickets-table`, `#manual-table`; buttons `#add-outage`, `#add-ticket`,
//! `#add-manual`; cells `outage-{i}-{field}`, `ticket-{i}-{field}`,
//! `manual-{i}-{field}`, their messages `{cell}-error`, row warnings
//! `{row}-notes` (`outage-3-notes`), delete buttons `delete-outage-{i}`;
//! paging `#outages-prev`, `#outages-next`, `#outages-rows`. A new row has
//! the index the record will have. Fields: outages `service`, `start`,
//! `end`, `impact`, `planned` (a checkbox), `supplier`, `cause`; tickets
//! `id`, `service`, `priority`, `created`, `first_response`, `resolved`,
//! `pauses`; manual values `target`, `period`, `value`. Also
//! `#measurements-zone`, the timeline `#outage-timeline` (notes
//! `#outage-timeline-notes`) and the importer under
//! `#measurements-import-title`.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use chrono::{Datelike, NaiveDate, Timelike};
use serde_json::Value;
use sla_engine::metrics::availability::{availability, Outage};
use sla_engine::model::load::compile_calendar;
use sla_engine::model::resolve::instances;
use sla_engine::model::{
    AgreementFile, EventRecord, Level, ManualRecord, MeasurementFile, Metric, OutageRecord,
    SampleRecord, TicketRecord, Timestamp, Window,
};
use sla_engine::report::downtime_inputs;
use sla_engine::report::Span;
use sla_engine::time::calendar::{to_utc, Edge};
use sla_engine::time::{Calendar, Interval, IntervalSet, ReportPeriod, UnixNanos, Zone};
use sla_engine::{Percent, TimeSpan};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::charts::{Mark, Shade, ShadeKind, Timeline, TimelineRow};
use crate::components::import::Imported;
use crate::format::{self, localize};
use crate::i18n::{texts, Count};
pub use crate::state::workbench::workspace::Table;
use crate::state::workbench::workspace::{self, Action, Edit, Measured, Records};
use crate::workbench_import::{DirectImporter, ModuleImporter};

/// Rows of a table shown at a time (a page of editable rows is drawn and
/// laid out in one task: 200 took about 100 ms on a desktop CPU, 100 about
/// 60 ms after an import, with the browser's layout of them).
pub const PAGE_ROWS: usize = 50;
/// Services drawn on the timeline.
const MAX_TIMELINE_ROWS: usize = 20;
/// Shaded stretches drawn per timeline row, per kind (a longer span is not shaded, and says so).
const MAX_SHADES: usize = 400;
/// Outages drawn per timeline row.
const MAX_MARKS: usize = 500;
/// Suggestions offered in a cell's list.
const MAX_SUGGESTIONS: usize = 200;

const SERVICES_LIST: &str = "measurements-services";
const PRIORITIES_LIST: &str = "measurements-priorities";
const TARGETS_LIST: &str = "measurements-targets";

#[derive(Properties, PartialEq)]
pub struct MeasurementsProps {
    /// The workspace's measurements, read while rendering.
    pub measurements: Measured,
    /// The typed agreement file when it is valid (services, calendars, targets).
    pub file: Option<Rc<AgreementFile>>,
    /// The agreement file's zone: periods are cut in it, and times without an
    /// offset are read in it unless the measurements name their own.
    pub time_zone: AttrValue,
    /// What the report covers: `2026-03`, `2026-01..2026-06`, `2026-Q1`.
    pub span: AttrValue,
    pub dispatch: Callback<Action>,
    /// Renders the importer in the view itself: the component tests, which
    /// cannot load modules, give `workbench_import::embedded`. `None` (the
    /// page): the view loads the import module (`workbench-import.html`),
    /// so the page's wasm does not link the import.
    #[prop_or_default]
    pub importer: Option<DirectImporter>,
}

/// How the record lists edited here are named on the page.
impl Table {
    fn index(self) -> usize {
        self as usize
    }

    /// Starts every id of the table's cells: `outage-3-start`.
    fn stem(self) -> &'static str {
        match self {
            Table::Outages => "outage",
            Table::Tickets => "ticket",
            Table::Manual => "manual",
            Table::Events => "event",
            Table::Samples => "sample",
        }
    }

    /// Starts the ids of the table's section, heading and paging: `outages-title`.
    fn plural_id(self) -> &'static str {
        match self {
            Table::Outages => "outages",
            Table::Tickets => "tickets",
            Table::Manual => "manual",
            Table::Events => "events",
            Table::Samples => "samples",
        }
    }
}

/// A row of a table: a record of the file, or the new row being filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Row {
    At(usize),
    New,
}

/// A cell: its table, row and field.
pub type CellKey = (Table, Row, &'static str);

/// Text typed into cells that is not (or not yet) in the file, exactly as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Drafts {
    cells: BTreeMap<CellKey, String>,
    /// Tables with a new row being filled in.
    adding: BTreeSet<Table>,
}

impl Drafts {
    pub fn get(&self, key: &CellKey) -> Option<&String> {
        self.cells.get(key)
    }

    pub fn adding(&self, table: Table) -> bool {
        self.adding.contains(&table)
    }
}

pub enum DraftAction {
    /// Text typed into a cell.
    Type(CellKey, String),
    /// The cell was saved: it shows the record again.
    Clear(CellKey),
    /// A record was deleted: its drafts go, and those of later rows move up.
    Deleted(Table, usize),
    /// A new row starts, with these cells filled in.
    Add(Table, Vec<(&'static str, String)>),
    /// The new row was added to the file, or discarded.
    EndNew(Table),
}

impl Reducible for Drafts {
    type Action = DraftAction;

    fn reduce(self: Rc<Self>, action: DraftAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            DraftAction::Type(key, text) => {
                if next.cells.get(&key) == Some(&text) {
                    return self;
                }
                next.cells.insert(key, text);
            }
            DraftAction::Clear(key) => {
                if next.cells.remove(&key).is_none() {
                    return self;
                }
            }
            DraftAction::Deleted(table, row) => {
                next.cells = std::mem::take(&mut next.cells)
                    .into_iter()
                    .filter_map(|((t, r, field), text)| match r {
                        Row::At(i) if t == table && i == row => None,
                        Row::At(i) if t == table && i > row => {
                            Some(((t, Row::At(i - 1), field), text))
                        }
                        _ => Some(((t, r, field), text)),
                    })
                    .collect();
            }
            DraftAction::Add(table, cells) => {
                next.adding.insert(table);
                for (field, text) in cells {
                    next.cells.entry((table, Row::New, field)).or_insert(text);
                }
            }
            DraftAction::EndNew(table) => {
                next.adding.remove(&table);
                next.cells
                    .retain(|(t, r, _), _| !(*t == table && *r == Row::New));
            }
        }
        Rc::new(next)
    }
}

/// How a cell is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Text,
    /// A timestamp; shows an example as placeholder.
    Time,
    /// A decimal number.
    Number,
    /// A yes/no flag: `"true"` or `"false"`.
    Check,
}

/// One field of a record as a table column.
struct Column<R> {
    /// Ends the cell's id: `outage-3-start`.
    key: &'static str,
    label: &'static str,
    input: Input,
    /// A new row is added only once this cell reads.
    required: bool,
    /// The id of a `<datalist>` with suggestions.
    list: Option<&'static str>,
    /// The field as text, in the form it is saved in.
    get: fn(&R) -> String,
    /// Reads typed text into the field.
    set: fn(&mut R, &str) -> Result<(), String>,
}

impl<R> Clone for Column<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Column<R> {}

/// What the tables know beyond the records: the zone and the agreements.
pub struct Context {
    /// The zone times without an offset are read in.
    pub zone: Zone,
    /// The agreements' service ids; `None` without a valid agreement file.
    pub services: Option<Vec<String>>,
    /// `agreement-id/target-id` of every manual target; `None` without a valid file.
    pub manual_targets: Option<Vec<String>>,
    /// Suggestions for service cells: the agreements' services, then those in the records.
    pub service_suggestions: Vec<String>,
    /// Ticket priorities named by targets or used by tickets.
    pub priorities: Vec<String>,
    /// Ticket priorities named by targets: what an import's priorities map to.
    pub targeted: Vec<String>,
    /// The span's first month (`2026-03`), for a new manual value.
    pub first_month: Option<String>,
    /// A timestamp in the span, shown as the example in empty time cells.
    pub example_time: String,
}

impl Context {
    pub fn new(
        file: Option<&AgreementFile>,
        measurements: &MeasurementFile,
        time_zone: &str,
        span: &str,
    ) -> Context {
        let file_zone = Zone::named(time_zone).unwrap_or_else(Zone::utc);
        let zone = measurements
            .time_zone
            .as_deref()
            .and_then(Zone::named)
            .unwrap_or_else(|| file_zone.clone());
        let services: Option<Vec<String>> =
            file.map(|f| f.services.iter().map(|s| s.id.clone()).collect());
        let mut service_suggestions = services.clone().unwrap_or_default();
        // Every record is looked at (a large file's too): hashed, and a
        // record of the service just seen costs one comparison.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        seen.extend(services.iter().flatten().map(String::as_str));
        let mut previous = None;
        let used = measurements
            .outages
            .iter()
            .map(|o| o.service.as_str())
            .chain(
                measurements
                    .tickets
                    .iter()
                    .filter_map(|t| t.service.as_deref()),
            );
        for service in used {
            if service_suggestions.len() >= MAX_SUGGESTIONS {
                break;
            }
            if previous == Some(service) {
                continue;
            }
            previous = Some(service);
            if seen.insert(service) {
                service_suggestions.push(service.to_string());
            }
        }
        let targeted = file
            .map(AgreementFile::ticket_priorities)
            .unwrap_or_default();
        let mut priorities = targeted.clone();
        let mut manual_targets = Vec::new();
        for agreement in file.map(|f| f.agreements.as_slice()).unwrap_or_default() {
            for target in &agreement.targets {
                if let Metric::Manual { .. } = &target.metric {
                    manual_targets.push(format!("{}/{}", agreement.id, target.id));
                }
            }
        }
        for ticket in &measurements.tickets {
            if priorities.len() >= MAX_SUGGESTIONS {
                break;
            }
            if !priorities.contains(&ticket.priority) {
                priorities.push(ticket.priority.clone());
            }
        }
        let first_month = match Span::parse(span, &file_zone) {
            Ok(Span::Months { first, .. }) => Some(format!("{:04}-{:02}", first.0, first.1)),
            Ok(Span::Custom { start, .. }) => file_zone
                .local_date(start)
                .map(|d| format!("{:04}-{:02}", d.year(), d.month())),
            Err(_) => None,
        };
        let example_time = match &first_month {
            Some(month) => format!("{month}-02T14:05"),
            None => "2026-03-02T14:05".to_string(),
        };
        Context {
            zone,
            services,
            manual_targets: file.map(|_| manual_targets),
            service_suggestions,
            priorities,
            targeted,
            first_month,
            example_time,
        }
    }
}

/// A record kind edited in a table.
trait Record: Clone + PartialEq + 'static {
    const TABLE: Table;
    fn columns() -> Vec<Column<Self>>;
    fn list(file: &MeasurementFile) -> &[Self];
    /// The record as the workbench's edits carry it.
    fn wrap(self) -> workspace::Record;
    /// Records as the workbench's edits carry them.
    fn wrap_all(records: Vec<Self>) -> Records;
    /// What a new row starts from; its required cells are all typed before it is added.
    fn blank() -> Self;
    /// The cells a new row starts with.
    fn defaults(context: &Context) -> Vec<(&'static str, String)>;
    /// Warnings that need more than one cell or the agreements.
    fn notes(&self, context: &Context) -> Vec<String>;
}

/// A timestamp in the text form it is saved in (`2026-03-02T14:05:00`, `2026-03-02T13:05:00Z`).
pub fn timestamp_text(timestamp: &Timestamp) -> String {
    match serde_json::to_value(timestamp) {
        Ok(Value::String(text)) => text,
        _ => String::new(),
    }
}

fn timestamp(text: &str) -> Result<Timestamp, String> {
    if text.trim().is_empty() {
        return Err(texts().measurements().empty_time.into());
    }
    Timestamp::parse(text)
}

fn optional_timestamp(text: &str) -> Result<Option<Timestamp>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        Timestamp::parse(text).map(Some)
    }
}

fn required(text: &str, advice: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        Err(texts().measurements().empty(advice))
    } else {
        Ok(text.to_string())
    }
}

fn optional(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// An impact in percent (`30`, `12.5 %`); empty is a full outage (100 %).
fn impact(text: &str) -> Result<Option<Level>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let body = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
    let level = Level::parse(body)?;
    // The report reads the impact as a percentage: refuse here what it would skip.
    Percent::parse(body).map_err(|e| e.to_string())?;
    Ok(Some(level))
}

/// Pauses as `start..end; start..end`.
fn pauses_text(pauses: &[Window]) -> String {
    pauses
        .iter()
        .map(|w| format!("{}..{}", timestamp_text(&w.start), timestamp_text(&w.end)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Reads `start..end; start..end`; a pause keeps the reason of the pause it replaces.
fn set_pauses(ticket: &mut TicketRecord, text: &str) -> Result<(), String> {
    let mut pauses = Vec::new();
    for (k, part) in text
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        let t = texts().measurements();
        let (start, end) = part
            .split_once("..")
            .ok_or_else(|| t.pause_without_dots(k + 1, part))?;
        pauses.push(Window {
            start: timestamp(start).map_err(|e| t.pause_problem(k + 1, &e))?,
            end: timestamp(end).map_err(|e| t.pause_problem(k + 1, &e))?,
            reason: ticket
                .pauses
                .get(k)
                .map(|w| w.reason.clone())
                .unwrap_or_default(),
        });
    }
    ticket.pauses = pauses;
    Ok(())
}

/// A month, quarter or year as the report names it (`2026-02`, `2026-Q1`, `2026`).
fn period(text: &str) -> Result<String, String> {
    let t = texts().measurements();
    if text.trim().is_empty() {
        return Err(t.empty(t.advice_period));
    }
    match ReportPeriod::parse(text, &Zone::utc()) {
        Ok(
            p @ (ReportPeriod::Month { .. }
            | ReportPeriod::Quarter { .. }
            | ReportPeriod::Year { .. }),
        ) => Ok(p.label()),
        _ => Err(t.not_a_period(text.trim())),
    }
}

fn unknown_service(context: &Context, service: &str) -> Option<String> {
    let services = context.services.as_ref()?;
    (!services.iter().any(|s| s == service))
        .then(|| texts().measurements().unknown_service(service))
}

impl Record for OutageRecord {
    const TABLE: Table = Table::Outages;

    fn columns() -> Vec<Column<Self>> {
        let t = texts().measurements();
        vec![
            Column {
                key: "service",
                label: t.col_service,
                input: Input::Text,
                required: true,
                list: Some(SERVICES_LIST),
                get: |r| r.service.clone(),
                set: |r, text| {
                    r.service = required(text, texts().measurements().advice_service)?;
                    Ok(())
                },
            },
            Column {
                key: "start",
                label: t.col_start,
                input: Input::Time,
                required: true,
                list: None,
                get: |r| timestamp_text(&r.start),
                set: |r, t| {
                    r.start = timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "end",
                label: t.col_end,
                input: Input::Time,
                required: true,
                list: None,
                get: |r| timestamp_text(&r.end),
                set: |r, t| {
                    r.end = timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "impact",
                label: t.col_impact,
                input: Input::Number,
                required: false,
                list: None,
                get: |r| {
                    r.impact
                        .as_ref()
                        .map(|l| l.text().to_string())
                        .unwrap_or_default()
                },
                set: |r, t| {
                    r.impact = impact(t)?;
                    Ok(())
                },
            },
            Column {
                key: "planned",
                label: t.col_planned,
                input: Input::Check,
                required: false,
                list: None,
                get: |r| r.planned.to_string(),
                set: |r, t| {
                    r.planned = t == "true";
                    Ok(())
                },
            },
            Column {
                key: "supplier",
                label: t.col_supplier,
                input: Input::Text,
                required: false,
                list: None,
                get: |r| r.supplier.clone().unwrap_or_default(),
                set: |r, t| {
                    r.supplier = optional(t);
                    Ok(())
                },
            },
            Column {
                key: "cause",
                label: t.col_cause,
                input: Input::Text,
                required: false,
                list: None,
                get: |r| r.cause.clone().unwrap_or_default(),
                set: |r, t| {
                    r.cause = optional(t);
                    Ok(())
                },
            },
        ]
    }

    fn list(file: &MeasurementFile) -> &[Self] {
        &file.outages
    }

    fn wrap(self) -> workspace::Record {
        workspace::Record::Outage(self)
    }

    fn wrap_all(records: Vec<Self>) -> Records {
        Records::Outages(records)
    }

    fn blank() -> Self {
        OutageRecord {
            service: String::new(),
            start: Timestamp::Utc(0),
            end: Timestamp::Utc(0),
            impact: None,
            planned: false,
            supplier: None,
            cause: None,
        }
    }

    fn defaults(context: &Context) -> Vec<(&'static str, String)> {
        context
            .services
            .as_ref()
            .and_then(|s| s.first())
            .map(|s| vec![("service", s.clone())])
            .unwrap_or_default()
    }

    fn notes(&self, context: &Context) -> Vec<String> {
        let mut notes: Vec<String> = unknown_service(context, &self.service)
            .into_iter()
            .collect();
        if let (Some(start), Some(end)) = (
            self.start.instant(&context.zone),
            self.end.instant(&context.zone),
        ) {
            if end < start {
                notes.push(texts().measurements().ends_before_start.into());
            }
        }
        notes
    }
}

impl Record for TicketRecord {
    const TABLE: Table = Table::Tickets;

    fn columns() -> Vec<Column<Self>> {
        let t = texts().measurements();
        vec![
            Column {
                key: "id",
                label: t.col_id,
                input: Input::Text,
                required: true,
                list: None,
                get: |r| r.id.clone(),
                set: |r, text| {
                    r.id = required(text, texts().measurements().advice_ticket_id)?;
                    Ok(())
                },
            },
            Column {
                key: "service",
                label: t.col_service,
                input: Input::Text,
                required: false,
                list: Some(SERVICES_LIST),
                get: |r| r.service.clone().unwrap_or_default(),
                set: |r, t| {
                    r.service = optional(t);
                    Ok(())
                },
            },
            Column {
                key: "priority",
                label: t.col_priority,
                input: Input::Text,
                required: true,
                list: Some(PRIORITIES_LIST),
                get: |r| r.priority.clone(),
                set: |r, text| {
                    r.priority = required(text, texts().measurements().advice_priority)?;
                    Ok(())
                },
            },
            Column {
                key: "created",
                label: t.col_opened,
                input: Input::Time,
                required: true,
                list: None,
                get: |r| timestamp_text(&r.created),
                set: |r, t| {
                    r.created = timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "first_response",
                label: t.col_first_response,
                input: Input::Time,
                required: false,
                list: None,
                get: |r| {
                    r.first_response
                        .as_ref()
                        .map(timestamp_text)
                        .unwrap_or_default()
                },
                set: |r, t| {
                    r.first_response = optional_timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "resolved",
                label: t.col_resolved,
                input: Input::Time,
                required: false,
                list: None,
                get: |r| r.resolved.as_ref().map(timestamp_text).unwrap_or_default(),
                set: |r, t| {
                    r.resolved = optional_timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "pauses",
                label: t.col_pauses,
                input: Input::Text,
                required: false,
                list: None,
                get: |r| pauses_text(&r.pauses),
                set: set_pauses,
            },
        ]
    }

    fn list(file: &MeasurementFile) -> &[Self] {
        &file.tickets
    }

    fn wrap(self) -> workspace::Record {
        workspace::Record::Ticket(self)
    }

    fn wrap_all(records: Vec<Self>) -> Records {
        Records::Tickets(records)
    }

    fn blank() -> Self {
        TicketRecord {
            id: String::new(),
            service: None,
            priority: String::new(),
            created: Timestamp::Utc(0),
            first_response: None,
            resolved: None,
            pauses: Vec::new(),
            reopenings: Vec::new(),
            verdict: None,
            as_of: None,
        }
    }

    fn defaults(context: &Context) -> Vec<(&'static str, String)> {
        context
            .priorities
            .first()
            .map(|p| vec![("priority", p.clone())])
            .unwrap_or_default()
    }

    fn notes(&self, context: &Context) -> Vec<String> {
        let mut notes: Vec<String> = self
            .service
            .as_deref()
            .and_then(|s| unknown_service(context, s))
            .into_iter()
            .collect();
        let t = texts().measurements();
        let at = |time: &Timestamp| time.instant(&context.zone);
        if let Some(created) = at(&self.created) {
            let before =
                |t: &Option<Timestamp>| t.as_ref().and_then(at).is_some_and(|x| x < created);
            if before(&self.first_response) {
                notes.push(t.response_before_opened.into());
            }
            if before(&self.resolved) {
                notes.push(t.resolved_before_opened.into());
            }
        }
        if !self.reopenings.is_empty() {
            notes.push(t.reopened(&Count::plain(self.reopenings.len())));
        }
        notes
    }
}

impl Record for ManualRecord {
    const TABLE: Table = Table::Manual;

    fn columns() -> Vec<Column<Self>> {
        let t = texts().measurements();
        vec![
            Column {
                key: "target",
                label: t.col_target,
                input: Input::Text,
                required: true,
                list: Some(TARGETS_LIST),
                get: |r| r.target.clone(),
                set: |r, text| {
                    let t = texts().measurements();
                    let target = required(text, t.advice_target)?;
                    match target.split_once('/') {
                        Some((a, b)) if !a.is_empty() && !b.is_empty() => {
                            r.target = target;
                            Ok(())
                        }
                        _ => Err(t.not_a_target(&target)),
                    }
                },
            },
            Column {
                key: "period",
                label: t.col_period,
                input: Input::Text,
                required: true,
                list: None,
                get: |r| r.period.clone(),
                set: |r, t| {
                    r.period = period(t)?;
                    Ok(())
                },
            },
            Column {
                key: "value",
                label: t.col_value,
                input: Input::Number,
                required: true,
                list: None,
                get: |r| r.value.text().to_string(),
                set: |r, t| {
                    r.value = Level::parse(t)?;
                    Ok(())
                },
            },
        ]
    }

    fn list(file: &MeasurementFile) -> &[Self] {
        &file.manual
    }

    fn wrap(self) -> workspace::Record {
        workspace::Record::Manual(self)
    }

    fn wrap_all(records: Vec<Self>) -> Records {
        Records::Manual(records)
    }

    fn blank() -> Self {
        ManualRecord {
            target: String::new(),
            period: String::new(),
            value: Level::parse("0").expect("0 is a level"),
        }
    }

    fn defaults(context: &Context) -> Vec<(&'static str, String)> {
        let mut cells = Vec::new();
        if let Some(target) = context.manual_targets.as_ref().and_then(|t| t.first()) {
            cells.push(("target", target.clone()));
        }
        if let Some(month) = &context.first_month {
            cells.push(("period", month.clone()));
        }
        cells
    }

    fn notes(&self, context: &Context) -> Vec<String> {
        match &context.manual_targets {
            Some(targets) if !targets.contains(&self.target) => {
                let known = targets.get(..targets.len().min(5)).unwrap_or_default();
                vec![texts()
                    .measurements()
                    .unknown_manual_target(&self.target, known)]
            }
            _ => Vec::new(),
        }
    }
}

fn series(text: &str) -> Result<String, String> {
    required(text, texts().measurements().advice_series)
}

fn count(text: &str) -> Result<u64, String> {
    text.trim()
        .parse::<u64>()
        .map_err(|_| texts().measurements().not_a_whole_number(text.trim()))
}

impl Record for EventRecord {
    const TABLE: Table = Table::Events;

    fn columns() -> Vec<Column<Self>> {
        let t = texts().measurements();
        vec![
            Column {
                key: "series",
                label: t.col_series,
                input: Input::Text,
                required: true,
                list: None,
                get: |r| r.series.clone(),
                set: |r, t| {
                    r.series = series(t)?;
                    Ok(())
                },
            },
            Column {
                key: "at",
                label: t.col_at,
                input: Input::Time,
                required: true,
                list: None,
                get: |r| timestamp_text(&r.at),
                set: |r, t| {
                    r.at = timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "good",
                label: t.col_good,
                input: Input::Number,
                required: true,
                list: None,
                get: |r| r.good.to_string(),
                set: |r, t| {
                    r.good = count(t)?;
                    Ok(())
                },
            },
            Column {
                key: "total",
                label: t.col_total,
                input: Input::Number,
                required: true,
                list: None,
                get: |r| r.total.to_string(),
                set: |r, t| {
                    r.total = count(t)?;
                    Ok(())
                },
            },
        ]
    }

    fn list(file: &MeasurementFile) -> &[Self] {
        &file.events
    }

    fn wrap(self) -> workspace::Record {
        workspace::Record::Event(self)
    }

    fn wrap_all(records: Vec<Self>) -> Records {
        Records::Events(records)
    }

    fn blank() -> Self {
        EventRecord {
            series: String::new(),
            at: Timestamp::parse("2026-01-01T00:00:00Z").unwrap_or_else(|_| unreachable!()),
            good: 0,
            total: 0,
        }
    }

    fn defaults(_context: &Context) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    fn notes(&self, _context: &Context) -> Vec<String> {
        if self.good > self.total {
            vec![texts()
                .measurements()
                .more_good_than_total(&self.good.to_string(), &self.total.to_string())]
        } else {
            Vec::new()
        }
    }
}

impl Record for SampleRecord {
    const TABLE: Table = Table::Samples;

    fn columns() -> Vec<Column<Self>> {
        let t = texts().measurements();
        vec![
            Column {
                key: "series",
                label: t.col_series,
                input: Input::Text,
                required: true,
                list: None,
                get: |r| r.series.clone(),
                set: |r, t| {
                    r.series = series(t)?;
                    Ok(())
                },
            },
            Column {
                key: "at",
                label: t.col_at,
                input: Input::Time,
                required: true,
                list: None,
                get: |r| timestamp_text(&r.at),
                set: |r, t| {
                    r.at = timestamp(t)?;
                    Ok(())
                },
            },
            Column {
                key: "value",
                label: t.col_value,
                input: Input::Number,
                required: true,
                list: None,
                get: |r| r.value.text().to_string(),
                set: |r, t| {
                    r.value = Level::parse(t)?;
                    Ok(())
                },
            },
        ]
    }

    fn list(file: &MeasurementFile) -> &[Self] {
        &file.samples
    }

    fn wrap(self) -> workspace::Record {
        workspace::Record::Sample(self)
    }

    fn wrap_all(records: Vec<Self>) -> Records {
        Records::Samples(records)
    }

    fn blank() -> Self {
        SampleRecord {
            series: String::new(),
            at: Timestamp::parse("2026-01-01T00:00:00Z").unwrap_or_else(|_| unreachable!()),
            value: Level::parse("0").unwrap_or_else(|_| unreachable!()),
        }
    }

    fn defaults(_context: &Context) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    fn notes(&self, _context: &Context) -> Vec<String> {
        Vec::new()
    }
}

/// The record with one cell's text read into it; the error names the field.
fn apply<R: Record>(record: &R, column: &Column<R>, text: &str) -> Result<R, String> {
    let mut next = record.clone();
    (column.set)(&mut next, text)
        .map_err(|why| texts().measurements().cell_error(column.label, &why))?;
    Ok(next)
}

/// The new row's record once every required cell is typed and every typed cell reads.
fn new_record<R: Record>(cells: &BTreeMap<CellKey, String>) -> Option<R> {
    let mut record = R::blank();
    for column in R::columns() {
        match cells.get(&(R::TABLE, Row::New, column.key)) {
            Some(text) => (column.set)(&mut record, text).ok()?,
            None if column.required => return None,
            None => {}
        }
    }
    Some(record)
}

/// The labels of the new row's required cells that do not read yet.
fn missing<R: Record>(cells: &BTreeMap<CellKey, String>) -> Vec<&'static str> {
    let blank = R::blank();
    R::columns()
        .into_iter()
        .filter(|c| c.required)
        .filter(|c| {
            cells
                .get(&(R::TABLE, Row::New, c.key))
                .is_none_or(|text| apply(&blank, c, text).is_err())
        })
        .map(|c| c.label)
        .collect()
}

/// How many of the importer's outages and tickets are already in the workspace.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportMark {
    pub outages: usize,
    pub tickets: usize,
}

/// The edit of the workspace's measurements after the embedded importer
/// finished an import, and the new mark; `None` when nothing changes.
///
/// The importer hands over every record it holds after each import (all its
/// batches, oldest first). Its batches only grow at the end (its own undo is
/// hidden when it is embedded), except on a replace, which starts them over.
/// So:
///
/// - **Replace**: the workspace's outages and tickets become the importer's
///   records (what the user chose: "replace them"); events, samples, manual
///   values and the zone stay. One step: the old lists removed, the new ones
///   inserted (undo keeps the old records, not a copy of the file).
/// - **Add**: only the records past the mark, the ones the workspace has not
///   taken yet, are appended after the workspace's own. A record is never
///   taken twice, and edits or deletions made since in the tables stay as
///   they are (nothing taken before is taken again).
/// - The mark becomes the importer's counts. If the importer holds fewer
///   records than the mark (it was reset), nothing is appended.
pub fn merge_import(
    current: &MeasurementFile,
    imported: Imported,
    mark: ImportMark,
) -> (Option<Edit>, ImportMark) {
    let mut records = imported.measurements;
    let next_mark = ImportMark {
        outages: records.outages.len(),
        tickets: records.tickets.len(),
    };
    let mut edits = Vec::new();
    if imported.replaced {
        if records.outages != current.outages {
            edits.push(Edit::Remove {
                table: Table::Outages,
                at: 0,
                count: current.outages.len(),
            });
            edits.push(Edit::Insert {
                at: 0,
                records: Records::Outages(records.outages),
            });
        }
        if records.tickets != current.tickets {
            edits.push(Edit::Remove {
                table: Table::Tickets,
                at: 0,
                count: current.tickets.len(),
            });
            edits.push(Edit::Insert {
                at: 0,
                records: Records::Tickets(records.tickets),
            });
        }
    } else {
        // The records are the import's own: moved, not copied.
        let outages = records
            .outages
            .split_off(mark.outages.min(records.outages.len()));
        if !outages.is_empty() {
            edits.push(Edit::Insert {
                at: current.outages.len(),
                records: Records::Outages(outages),
            });
        }
        let tickets = records
            .tickets
            .split_off(mark.tickets.min(records.tickets.len()));
        if !tickets.is_empty() {
            edits.push(Edit::Insert {
                at: current.tickets.len(),
                records: Records::Tickets(tickets),
            });
        }
    }
    let edit = (!edits.is_empty()).then_some(Edit::Batch(edits));
    (edit, next_mark)
}

/// `1,234` for the locale.
fn grouped(n: usize) -> String {
    localize(&sla_engine::units::group_thousands(n as u64))
}

/// An `Rc` compared by identity: a file of many records is not compared field by field.
#[derive(Clone)]
struct Same<T>(Rc<T>);

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What every table needs to render and to send changes.
#[derive(Clone)]
struct Env {
    /// Read while rendering and in event handlers, never held across a dispatch.
    file: Measured,
    drafts: UseReducerHandle<Drafts>,
    dispatch: Callback<Action>,
    /// The id of the element to focus after the next render.
    focus: Rc<RefCell<Option<String>>>,
    context: Rc<Context>,
    pages: UseStateHandle<[usize; 5]>,
}

fn input_value(event: &Event) -> (String, bool) {
    let input: HtmlInputElement = event.target_unchecked_into();
    (input.value(), input.checked())
}

/// A cell's text was committed: save it, or keep it as a draft when it does not read.
fn commit<R: Record>(env: &Env, row: Row, column: Column<R>, text: String) {
    let table = R::TABLE;
    let key = (table, row, column.key);
    match row {
        Row::At(i) => {
            // The record with the cell read into it; the file is read and
            // let go before the edit is sent (it is changed in place).
            let read = {
                let file = env.file.read();
                let Some(record) = R::list(&file).get(i) else {
                    return;
                };
                apply(record, &column, &text).map(|next| (next != *record).then_some(next))
            };
            match read {
                Ok(changed) => {
                    if let Some(next) = changed {
                        env.dispatch.emit(Action::Measure(Edit::Set {
                            at: i,
                            record: next.wrap(),
                        }));
                    }
                    env.drafts.dispatch(DraftAction::Clear(key));
                }
                Err(_) => env.drafts.dispatch(DraftAction::Type(key, text)),
            }
        }
        Row::New => {
            let mut cells = env.drafts.cells.clone();
            cells.insert(key, text.clone());
            env.drafts.dispatch(DraftAction::Type(key, text));
            if let Some(record) = new_record::<R>(&cells) {
                let at = R::list(&env.file.read()).len();
                env.dispatch.emit(Action::Measure(Edit::Insert {
                    at,
                    records: R::wrap_all(vec![record]),
                }));
                env.drafts.dispatch(DraftAction::EndNew(table));
            }
        }
    }
}

fn cell<R: Record>(env: &Env, row: Row, n: usize, record: Option<&R>, column: Column<R>) -> Html {
    let table = R::TABLE;
    let id = format!("{}-{n}-{}", table.stem(), column.key);
    let key = (table, row, column.key);
    let draft = env.drafts.get(&key).cloned();
    let shown = draft
        .clone()
        .or_else(|| record.map(|r| (column.get)(r)))
        .unwrap_or_default();
    let label = match row {
        Row::At(_) => texts()
            .measurements()
            .cell_label(table, n + 1, column.label),
        Row::New => texts().measurements().new_cell_label(table, column.label),
    };
    let error = draft.as_ref().and_then(|text| {
        let base = record.cloned().unwrap_or_else(R::blank);
        apply(&base, &column, text).err()
    });
    let error_id = format!("{id}-error");
    if column.input == Input::Check {
        let onchange = {
            let env = env.clone();
            Callback::from(move |event: Event| {
                let (_, checked) = input_value(&event);
                commit(&env, row, column, checked.to_string());
            })
        };
        return html! {
            <td>
                <input type="checkbox" id={id} aria-label={label} checked={shown == "true"} {onchange} />
            </td>
        };
    }
    let oninput = {
        let drafts = env.drafts.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            drafts.dispatch(DraftAction::Type(key, input.value()));
        })
    };
    let onchange = {
        let env = env.clone();
        Callback::from(move |event: Event| {
            let (text, _) = input_value(&event);
            commit(&env, row, column, text);
        })
    };
    let (placeholder, mode, class) = match column.input {
        Input::Time => (Some(env.context.example_time.clone()), None, "cell-time"),
        Input::Number => (None, Some("decimal"), "cell-number"),
        _ => (None, None, "cell-text"),
    };
    html! {
        <td class={classes!(error.is_some().then_some("has-error"))}>
            <input type="text" {id} {class} aria-label={label} value={shown} {oninput} {onchange}
                list={column.list} placeholder={placeholder} inputmode={mode}
                autocomplete="off" spellcheck="false" aria-required={column.required.then_some("true")}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| error_id.clone())} />
            if let Some(message) = error {
                <span class="error field-msg" id={error_id}>{ message }</span>
            }
        </td>
    }
}

/// Moves keyboard focus to the element with `id` after the next render.
fn focus_after_render(env: &Env, id: String) {
    *env.focus.borrow_mut() = Some(id);
}

/// A row of a table: its cells and notes worked out for the record's type,
/// the rest drawn by [`row_frame`] (one copy for every table).
fn row_html<R: Record>(
    env: &Env,
    columns: &[Column<R>],
    row: Row,
    n: usize,
    record: Option<&R>,
) -> Html {
    let cells: Vec<Html> = columns
        .iter()
        .map(|c| cell(env, row, n, record, *c))
        .collect();
    let notes = match (row, record) {
        (Row::At(_), Some(record)) => Ok(record.notes(&env.context)),
        _ => Err(missing::<R>(&env.drafts.cells)),
    };
    row_frame(env, R::TABLE, row, n, cells, notes)
}

/// A row's header, cells, notes (a record's warnings, or the cells a new
/// row still needs) and its delete or discard button.
fn row_frame(
    env: &Env,
    table: Table,
    row: Row,
    n: usize,
    cells: Vec<Html>,
    notes: Result<Vec<String>, Vec<&'static str>>,
) -> Html {
    let stem = table.stem();
    let t = texts().measurements();
    let (delete_label, ondelete) = match row {
        Row::At(i) => {
            let env = env.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                let len = workspace::table_len(&env.file.read(), table);
                if i >= len {
                    return;
                }
                let left = len - 1;
                env.dispatch.emit(Action::Measure(Edit::Remove {
                    table,
                    at: i,
                    count: 1,
                }));
                env.drafts.dispatch(DraftAction::Deleted(table, i));
                // Focus stays where it was: on the row that moved up, the one before, or Add.
                let next = if i < left {
                    format!("delete-{stem}-{i}")
                } else if i > 0 {
                    format!("delete-{stem}-{}", i - 1)
                } else {
                    format!("add-{stem}")
                };
                focus_after_render(&env, next);
            });
            (t.delete_row(table, i + 1), onclick)
        }
        Row::New => {
            let env = env.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                env.drafts.dispatch(DraftAction::EndNew(table));
                focus_after_render(&env, format!("add-{stem}"));
            });
            (t.discard_new(table), onclick)
        }
    };
    let notes: Vec<Html> = match notes {
        Ok(notes) => notes
            .into_iter()
            .map(
                |n| html! { <span class="warning">{ texts().common().warning_prefix }{ n }</span> },
            )
            .collect(),
        Err(missing) => {
            if missing.is_empty() {
                Vec::new()
            } else {
                vec![html! {
                    <span class="hint">{ t.fill_in(table, &missing) }</span>
                }]
            }
        }
    };
    let header = match row {
        Row::At(i) => (i + 1).to_string(),
        Row::New => t.new_row.to_string(),
    };
    html! {
        <tr key={format!("{stem}-{n}")}>
            <th scope="row">{ header }</th>
            { for cells }
            <td id={format!("{stem}-{n}-notes")} class="row-notes">{ for notes }</td>
            <td>
                <button type="button" class="remove" id={format!("delete-{stem}-{n}")}
                    aria-label={delete_label} onclick={ondelete}>
                    { if row == Row::New { t.discard } else { t.delete } }
                </button>
            </td>
        </tr>
    }
}

fn table_section<R: Record>(env: &Env) -> Html {
    let table = R::TABLE;
    let stem = table.stem();
    let plural = table.plural_id();
    let file = env.file.read();
    let records = R::list(&file);
    let len = records.len();
    let adding = env.drafts.adding(table);
    let last_page = len.saturating_sub(1) / PAGE_ROWS;
    let page = env.pages[table.index()].min(last_page);
    let first = page * PAGE_ROWS;
    let end = (first + PAGE_ROWS).min(len);
    let columns = R::columns();
    let set_page = |to: usize| {
        let pages = env.pages.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = *pages;
            next[table.index()] = to;
            pages.set(next);
        })
    };
    let onadd = {
        let env = env.clone();
        Callback::from(move |_: MouseEvent| {
            if !env.drafts.adding(table) {
                env.drafts
                    .dispatch(DraftAction::Add(table, R::defaults(&env.context)));
            }
            let len = R::list(&env.file.read()).len();
            let mut pages = *env.pages;
            pages[table.index()] = len.saturating_sub(1) / PAGE_ROWS;
            env.pages.set(pages);
            let first = R::columns().first().map(|c| c.key).unwrap_or_default();
            focus_after_render(&env, format!("{stem}-{len}-{first}"));
        })
    };
    // One keyed list: when the new row is added to the file it keeps its
    // key (`outage-12`) and so its elements, and keyboard focus stays put.
    let mut rows: Vec<Html> = records
        .get(first..end)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(k, record)| row_html(env, &columns, Row::At(first + k), first + k, Some(record)))
        .collect();
    if adding && page == last_page {
        rows.push(row_html::<R>(env, &columns, Row::New, len, None));
    }
    let t = texts().measurements();
    let title_id = format!("{plural}-title");
    let skip_to = |id: String| Callback::from(move |_: MouseEvent| crate::browser::focus(&id));
    let rows_text = if len == 0 {
        t.no_rows.to_string()
    } else {
        t.rows_shown(&grouped(first + 1), &grouped(end), &grouped(len))
    };
    let caption = t.caption(table);
    html! {
        <section class="measure-table" aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ t.heading(table, &Count::shown(len as u64, grouped(len))) }</h3>
            if len > 0 {
                // Each row has several fields: a keyboard user can jump past them.
                <button type="button" class="skip" id={format!("skip-{plural}")} onclick={skip_to(format!("add-{stem}"))}>
                    { t.skip_table(table) }
                </button>
            }
            if len > PAGE_ROWS {
                <div class="paging" role="group" aria-label={t.pages_of(table)}>
                    <button type="button" id={format!("{plural}-prev")} disabled={page == 0}
                        aria-label={t.previous_rows(table, PAGE_ROWS)}
                        onclick={set_page(page.saturating_sub(1))}>{ t.previous }</button>
                    <span id={format!("{plural}-rows")} aria-live="polite">{ rows_text }</span>
                    <button type="button" id={format!("{plural}-next")} disabled={page >= last_page}
                        aria-label={t.next_rows(table, PAGE_ROWS)}
                        onclick={set_page((page + 1).min(last_page))}>{ t.next }</button>
                </div>
            }
            <div class="table-scroll" tabindex="0" role="region" aria-label={t.scrollable(table)}>
                <table id={format!("{plural}-table")}>
                    <caption>{ caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t.col_row }</th>
                            { for columns.iter().map(|c| html! { <th scope="col">{ c.label }</th> }) }
                            <th scope="col">{ t.col_notes }</th>
                            <th scope="col"><span class="visually-hidden">{ t.col_delete }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <button type="button" class="add" id={format!("add-{stem}")} onclick={onadd}>
                { t.add_row(table) }
            </button>
        </section>
    }
}

/// The timeline of the span: one row per service.
#[derive(Debug, Clone, PartialEq)]
pub struct OutageTimeline {
    pub start_label: String,
    pub end_label: String,
    pub ticks: Vec<(f64, String)>,
    pub rows: Vec<TimelineRow>,
    /// Per row, what its shading and marks show; then what was left out.
    pub notes: Vec<String>,
}

/// `3 Mar 14:02`.
fn local_text(zone: &Zone, instant: UnixNanos) -> String {
    zone.to_local(instant)
        .map(|t| {
            format!(
                "{} {} {:02}:{:02}",
                t.day(),
                format::month_abbr(t.month()),
                t.hour(),
                t.minute()
            )
        })
        .unwrap_or_else(|| "?".into())
}

/// `3 Mar`.
fn day_month(date: NaiveDate) -> String {
    format!("{} {}", date.day(), format::month_abbr(date.month()))
}

fn local_day(zone: &Zone, instant: UnixNanos) -> String {
    zone.local_date(instant)
        .map(|d| format!("{} {} {}", d.day(), format::month_abbr(d.month()), d.year()))
        .unwrap_or_default()
}

/// Tick marks: month starts over several months (thinned to about twelve),
/// days 8, 15, 22 and 29 over one month, quarters of a custom range.
fn ticks(span: Span, window: Interval, zone: &Zone) -> Vec<(f64, String)> {
    let length = (window.end() - window.start()) as f64;
    let at = |instant: UnixNanos| (instant - window.start()) as f64 / length;
    let day_start = |date: NaiveDate| to_utc(zone, date, 0, Edge::Start);
    match span {
        Span::Months { first, last } if first != last => {
            let months = (last.0 - first.0) * 12 + last.1 as i32 - first.1 as i32 + 1;
            let every = ((months + 11) / 12).max(1);
            let (mut year, mut month) = first;
            let mut out = Vec::new();
            for k in 0..months {
                if k > 0 && k % every == 0 {
                    if let Some(instant) =
                        NaiveDate::from_ymd_opt(year, month, 1).and_then(day_start)
                    {
                        let label = if month == 1 {
                            format!("Jan {year}")
                        } else {
                            NaiveDate::from_ymd_opt(year, month, 1)
                                .map(|d| format::month_abbr(d.month()).to_owned())
                                .unwrap_or_default()
                        };
                        out.push((at(instant), label));
                    }
                }
                (year, month) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
            }
            out
        }
        Span::Months { first, .. } => [8, 15, 22, 29]
            .into_iter()
            .filter_map(|day| {
                let date = NaiveDate::from_ymd_opt(first.0, first.1, day)?;
                Some((at(day_start(date)?), day_month(date)))
            })
            .collect(),
        Span::Custom { .. } => (1..4)
            .map(|q| {
                let instant = window.start() + (window.end() - window.start()) / 4 * q;
                (
                    at(instant),
                    zone.local_date(instant).map(day_month).unwrap_or_default(),
                )
            })
            .collect(),
    }
}

fn shades(set: &IntervalSet, kind: ShadeKind, window: Interval) -> Vec<Shade> {
    let length = (window.end() - window.start()) as f64;
    set.intervals()
        .iter()
        .map(|i| Shade {
            from: (i.start() - window.start()) as f64 / length,
            to: (i.end() - window.start()) as f64 / length,
            kind,
        })
        .collect()
}

/// A calendar as the timeline shades it over a window.
struct ShadedCalendar {
    calendar: Calendar,
    shades: Vec<Shade>,
    /// What is not shaded because there is too much of it.
    left_out: Vec<&'static str>,
    service_time: IntervalSet,
}

/// The calendar `def` (24×7 in `zone` without one) shaded over `window`:
/// the hours outside service, the holidays and the maintenance windows.
fn shade_calendar(
    def: Option<&sla_engine::model::CalendarDef>,
    zone: &Zone,
    window: Interval,
) -> ShadedCalendar {
    let calendar = def
        .and_then(|def| compile_calendar(def).ok())
        .unwrap_or_else(|| Calendar {
            time_zone: zone.clone(),
            ..Calendar::always()
        });
    let hours = Calendar {
        holidays: Vec::new(),
        exclusions: Vec::new(),
        ..calendar.clone()
    }
    .service_time(window);
    let holiday_days = IntervalSet::from_intervals(calendar.holidays.iter().filter_map(|day| {
        Interval::new(
            to_utc(&calendar.time_zone, *day, 0, Edge::Start)?,
            to_utc(&calendar.time_zone, *day, 1_440, Edge::End)?,
        )
    }));
    let off_hours = IntervalSet::from_intervals([window]).difference(&hours);
    let holidays = hours.intersection(&holiday_days);
    let maintenance = hours
        .difference(&holiday_days)
        .intersection(&IntervalSet::from_intervals(
            calendar.exclusions.iter().copied(),
        ));
    let mut shaded = Vec::new();
    let mut left_out = Vec::new();
    let t = texts().measurements();
    for (set, kind, what) in [
        (&off_hours, ShadeKind::OffHours, t.shade_off_hours),
        (&holidays, ShadeKind::Holiday, t.shade_holidays),
        (&maintenance, ShadeKind::Maintenance, t.shade_maintenance),
    ] {
        if set.intervals().len() > MAX_SHADES {
            left_out.push(what);
        } else {
            shaded.extend(shades(set, kind, window));
        }
    }
    let service_time = calendar.service_time(window);
    ShadedCalendar {
        calendar,
        shades: shaded,
        left_out,
        service_time,
    }
}

/// The outages of the span on a timeline, one row per service (the
/// agreements' services, then others that had outages), shaded with the
/// service time of the calendar of the service's availability target (an
/// SLA's before an OLA's or UC's): outside service hours, holidays and
/// maintenance windows, exactly (DST included), from the engine's calendar.
/// An outage is drawn solid when it counts: the engine's availability rules
/// keep it (not planned unless the agreement counts planned outages, not
/// shorter than the minimum, impact above 0) and it overlaps service time.
///
/// # Errors
/// A span the engine cannot read.
pub fn outage_timeline(
    file: Option<&AgreementFile>,
    measurements: &MeasurementFile,
    span: &str,
    time_zone: &str,
) -> Result<OutageTimeline, String> {
    let t = texts().measurements();
    let zone = Zone::named(time_zone).unwrap_or_else(Zone::utc);
    let record_zone = measurements
        .time_zone
        .as_deref()
        .and_then(Zone::named)
        .unwrap_or_else(|| zone.clone());
    let parsed = Span::parse(span, &zone).map_err(|e| t.span_unreadable(span, &e.to_string()))?;
    let window = parsed
        .window(&zone)
        .ok_or_else(|| t.span_out_of_range(span))?;
    if window.is_empty() {
        return Err(t.span_empty(span));
    }
    let length = (window.end() - window.start()) as f64;
    let fraction = |t: UnixNanos| (t - window.start()) as f64 / length;

    // The outages touching the window that are drawn (at most MAX_MARKS per
    // service drawn), with their index in the file. The rows are the
    // agreements' services, then the others in the order their outages come,
    // so whether a service is drawn is known when it is first met: a file of
    // 300,000 outages is gone through once, and only what is drawn is kept.
    let mut by_service: BTreeMap<&str, Vec<(usize, Outage)>> = BTreeMap::new();
    let mut order: Vec<String> = file
        .map(|f| f.services.iter().map(|s| s.id.clone()).collect())
        .unwrap_or_default();
    let mut row_of: BTreeMap<String, usize> = BTreeMap::new();
    for (row, service) in order.iter().enumerate() {
        row_of.entry(service.clone()).or_insert(row);
    }
    // Outages in the window per row, drawn or not.
    let mut counts: Vec<usize> = vec![0; order.len()];
    for (index, record) in measurements.outages.iter().enumerate() {
        let (Some(start), Some(end)) = (
            record.start.instant(&record_zone),
            record.end.instant(&record_zone),
        ) else {
            continue;
        };
        if start.max(end) < window.start() || start.min(end) >= window.end() {
            continue;
        }
        let row = match row_of.get(record.service.as_str()) {
            Some(row) => *row,
            None => {
                order.push(record.service.clone());
                counts.push(0);
                row_of.insert(record.service.clone(), order.len() - 1);
                order.len() - 1
            }
        };
        if let Some(count) = counts.get_mut(row) {
            *count += 1;
        }
        if row >= MAX_TIMELINE_ROWS || counts.get(row).is_some_and(|c| *c > MAX_MARKS) {
            continue;
        }
        let impact = match &record.impact {
            None => Percent::HUNDRED,
            Some(level) => Percent::parse(level.text()).unwrap_or(Percent::HUNDRED),
        };
        by_service
            .entry(record.service.as_str())
            .or_default()
            .push((
                index,
                Outage {
                    start,
                    end,
                    impact,
                    planned: record.planned,
                    supplier: record.supplier.clone(),
                },
            ));
    }

    let instances = file.map(instances).unwrap_or_default();
    // The outages as the report counts them: the engine's own reading of
    // each record (its zone, its impact, an OLA's or UC's supplier), the
    // target's calendar and downtime rules. Records the engine leaves out
    // are listed under the report, not drawn as if they counted.
    let inputs = file
        .map(|f| downtime_inputs(f, measurements))
        .unwrap_or_default();
    let mut by_calendar: BTreeMap<Option<String>, Rc<ShadedCalendar>> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for service in order.iter().take(MAX_TIMELINE_ROWS) {
        let outages = by_service
            .get(service.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let instance = instances
            .iter()
            .filter(|i| {
                matches!(i.target.metric, Metric::Availability { .. })
                    && i.services.contains(service)
            })
            .min_by_key(|i| i.supplier.is_some());
        let mut row_shades = Vec::new();
        let mut marks = Vec::new();
        let Some(instance) = instance else {
            let why = match file {
                Some(_) => t.no_availability_target,
                None => t.agreements_not_valid,
            };
            for (index, outage) in outages.iter().take(MAX_MARKS) {
                marks.push(mark(&zone, &fraction, *index, outage, false, why));
            }
            notes.push(t.row_not_shaded(service, why));
            rows.push(TimelineRow {
                label: service.clone().into(),
                shades: row_shades,
                marks,
            });
            continue;
        };
        let target = &instance.target;
        let calendar_def = target
            .calendar
            .as_deref()
            .and_then(|id| file?.calendars.iter().find(|c| c.id == id));
        // Worked out once per calendar, not per row: the rows of services on
        // the same calendar share it (and its zone's cache of offsets).
        let shaded = match by_calendar.get(&target.calendar) {
            Some(shaded) => Rc::clone(shaded),
            None => {
                let shaded = Rc::new(shade_calendar(calendar_def, &zone, window));
                by_calendar.insert(target.calendar.clone(), Rc::clone(&shaded));
                shaded
            }
        };
        let calendar = &shaded.calendar;
        row_shades.extend(shaded.shades.iter().cloned());
        let left_out = &shaded.left_out;
        // `inputs` has every availability instance: never empty here.
        let (counted_outages, rules) = inputs
            .iter()
            .find(|i| i.key == instance.key)
            .and_then(|i| {
                let at = i.services.iter().position(|(s, _)| s == service)?;
                let drawn: Vec<(usize, Outage)> = i.indices[at]
                    .iter()
                    .copied()
                    .zip(i.services[at].1.iter().cloned())
                    .filter(|(_, o)| {
                        o.start.max(o.end) >= window.start() && o.start.min(o.end) < window.end()
                    })
                    .take(MAX_MARKS)
                    .collect();
                Some((drawn, i.rules.clone()))
            })
            .unwrap_or_default();
        let outages = counted_outages.as_slice();
        // Whether each drawn outage counts, and why not, as the engine says:
        // its reasons are each outage's own (planned, too short, no impact,
        // outside the period), so the drawn ones are enough to ask about.
        let engine_outages: Vec<Outage> = outages.iter().map(|(_, o)| o.clone()).collect();
        let result = availability(&engine_outages, calendar, window, &rules);
        let mut excluded: BTreeMap<usize, String> = BTreeMap::new();
        excluded.extend(result.excluded.into_iter().map(|e| (e.record, e.reason)));
        let service_time = &shaded.service_time;
        for (k, (index, outage)) in outages.iter().enumerate().take(MAX_MARKS) {
            let (counted, why) = match excluded.get(&k) {
                Some(reason) => (false, reason.as_str()),
                None => {
                    let overlaps = Interval::new(outage.start, outage.end).is_some_and(|i| {
                        !service_time
                            .intersection(&IntervalSet::from_intervals([i]))
                            .is_empty()
                    });
                    if overlaps {
                        (true, "")
                    } else {
                        (false, t.outside_service_time)
                    }
                }
            };
            marks.push(mark(&zone, &fraction, *index, outage, counted, why));
        }
        let calendar_text = match (&target.calendar, calendar_def) {
            (Some(id), Some(def)) => t.calendar(id, &def.hours, &def.time_zone),
            (Some(id), None) => t.calendar_not_found(id, time_zone),
            (None, _) => t.always(time_zone),
        };
        let from = format!("{}/{}", instance.provenance.agreement, target.id);
        notes.push(t.row_shaded(service, &calendar_text, &from, left_out));
        rows.push(TimelineRow {
            label: service.clone().into(),
            shades: row_shades,
            marks,
        });
    }
    if order.len() > MAX_TIMELINE_ROWS {
        let more = order.len() - MAX_TIMELINE_ROWS;
        notes.push(t.services_not_drawn(&Count::shown(more as u64, grouped(more))));
    }
    let cut: usize = counts
        .iter()
        .map(|count| count.saturating_sub(MAX_MARKS))
        .sum();
    if cut > 0 {
        notes.push(t.outages_not_drawn(&Count::shown(cut as u64, grouped(cut)), MAX_MARKS));
    }
    Ok(OutageTimeline {
        start_label: local_day(&zone, window.start()),
        end_label: local_day(&zone, window.end() - 1),
        ticks: ticks(parsed, window, &zone),
        rows,
        notes,
    })
}

fn mark(
    zone: &Zone,
    fraction: &dyn Fn(UnixNanos) -> f64,
    index: usize,
    outage: &Outage,
    counted: bool,
    why: &str,
) -> Mark {
    let length = TimeSpan::from_nanos(outage.end.saturating_sub(outage.start).max(0))
        .map(TimeSpan::human)
        .unwrap_or_default();
    Mark {
        from: fraction(outage.start),
        to: fraction(outage.end.max(outage.start)),
        counted,
        text: texts()
            .measurements()
            .outage_mark(
                index + 1,
                &local_text(zone, outage.start),
                &local_text(zone, outage.end),
                &length,
                (!counted).then_some(why),
            )
            .into(),
    }
}

/// Focuses the element with `id`, if there is one.
fn focus_element(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

thread_local! {
    /// The drafts left when the view was last closed, with the token of the
    /// measurements they were typed against: switching tabs does not lose
    /// typed text.
    static LEFT: RefCell<Option<(u64, Drafts)>> = const { RefCell::new(None) };
}

/// The drafts left by the view's last use, if they were typed against these
/// very measurements (not another workspace's, nor an undone state).
fn drafts_left(measurements: &Measured) -> Drafts {
    LEFT.with(|left| match left.borrow_mut().take() {
        Some((typed_against, drafts)) if typed_against == measurements.token() => drafts,
        _ => Drafts::default(),
    })
}

#[component]
pub fn Measurements(props: &MeasurementsProps) -> Html {
    let drafts = {
        let measurements = props.measurements.clone();
        use_reducer(move || drafts_left(&measurements))
    };
    {
        // Kept current at every render, handed to the next mount when the view closes.
        let latest = use_mut_ref(|| None::<(u64, Drafts)>);
        *latest.borrow_mut() = Some((props.measurements.token(), (*drafts).clone()));
        use_effect_with((), move |_| {
            move || {
                // Nothing typed: nothing to keep.
                let left = latest
                    .borrow_mut()
                    .take()
                    .filter(|(_, drafts)| *drafts != Drafts::default());
                LEFT.with(|slot| *slot.borrow_mut() = left);
            }
        });
    }
    let pages = use_state(|| [0usize; 5]);
    let zone_draft = use_state(|| None::<String>);
    let focus = use_mut_ref(|| None::<String>);
    {
        let focus = focus.clone();
        use_effect(move || {
            let wanted = focus.borrow_mut().take();
            if let Some(id) = wanted {
                focus_element(&id);
            }
        });
    }
    let file_key = props.file.clone().map(Same);
    let context = use_memo(
        (
            props.measurements.clone(),
            file_key.clone(),
            props.time_zone.clone(),
            props.span.clone(),
        ),
        |(measurements, file, zone, span)| {
            Context::new(
                file.as_ref().map(|f| &*f.0),
                &measurements.read(),
                zone,
                span,
            )
        },
    );
    // The timeline is worked out after the tables are drawn and painted
    // (over a large file it takes a while: an edited cell shows at once, the
    // timeline a moment later), and again only when its inputs change. Until then the
    // last one stays, marked busy.
    let timeline = use_state(|| None::<Rc<(u64, Result<OutageTimeline, String>)>>);
    {
        let timeline = timeline.clone();
        use_effect_with(
            (
                props.measurements.clone(),
                file_key,
                props.time_zone.clone(),
                props.span.clone(),
            ),
            move |key| {
                let (measurements, file, zone, span) = key.clone();
                let cancelled = Rc::new(std::cell::Cell::new(false));
                let stop = cancelled.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    crate::browser::after_paint().await;
                    if cancelled.get() {
                        return;
                    }
                    let drawn = outage_timeline(
                        file.as_ref().map(|f| &*f.0),
                        &measurements.read(),
                        &span,
                        &zone,
                    );
                    // Worked out in one task, drawn in the next: over a large
                    // file each is a long task of its own otherwise.
                    crate::browser::yield_now().await;
                    if cancelled.get() {
                        return;
                    }
                    timeline.set(Some(Rc::new((measurements.token(), drawn))));
                });
                move || stop.set(true)
            },
        );
    }
    let timeline_busy = timeline
        .as_ref()
        .is_none_or(|drawn| drawn.0 != props.measurements.token());
    let import_mark = use_mut_ref(ImportMark::default);
    let onimported = {
        let measurements = props.measurements.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |imported: Imported| {
            let (edit, new_mark) =
                merge_import(&measurements.read(), imported, *import_mark.borrow());
            *import_mark.borrow_mut() = new_mark;
            if let Some(edit) = edit {
                dispatch.emit(Action::Measure(edit));
            }
        })
    };
    let env = Env {
        file: props.measurements.clone(),
        drafts: drafts.clone(),
        dispatch: props.dispatch.clone(),
        focus,
        context: context.clone(),
        pages,
    };

    // The zone of times without an offset.
    let zone_shown = (*zone_draft).clone().unwrap_or_else(|| {
        props
            .measurements
            .read()
            .time_zone
            .clone()
            .unwrap_or_default()
    });
    let zone_error = zone_draft.as_ref().and_then(|text| read_zone(text).err());
    let zone_oninput = {
        let zone_draft = zone_draft.clone();
        Callback::from(move |event: InputEvent| {
            let input: HtmlInputElement = event.target_unchecked_into();
            zone_draft.set(Some(input.value()));
        })
    };
    let zone_onchange = {
        let zone_draft = zone_draft.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            let (text, _) = input_value(&event);
            match read_zone(&text) {
                Ok(zone) => {
                    // An unchanged zone is no edit (the reducer ignores it).
                    dispatch.emit(Action::Measure(Edit::Zone(zone)));
                    zone_draft.set(None);
                }
                Err(_) => zone_draft.set(Some(text)),
            }
        })
    };
    let existing = {
        let m = props.measurements.read();
        m.outages.len() + m.tickets.len()
    };
    let wanted = Rc::new(context.targeted.clone());
    let t = texts().measurements();

    html! {
        <div class="measurements" id="measurements">
            <div class={classes!("wb-field", zone_error.is_some().then_some("has-error"))}>
                <label for="measurements-zone">{ t.zone_label }</label>
                <input type="text" id="measurements-zone" value={zone_shown} oninput={zone_oninput}
                    onchange={zone_onchange} placeholder={props.time_zone.clone()} autocomplete="off" spellcheck="false"
                    aria-invalid={zone_error.is_some().then_some("true")}
                    aria-describedby={if zone_error.is_some() { "measurements-zone-hint measurements-zone-error" } else { "measurements-zone-hint" }} />
                <span class="hint" id="measurements-zone-hint">
                    { t.zone_hint(&props.time_zone) }
                </span>
                if let Some(message) = zone_error {
                    <span class="error field-msg" id="measurements-zone-error">{ t.zone_error(&message) }</span>
                }
            </div>
            { table_section::<OutageRecord>(&env) }
            { table_section::<TicketRecord>(&env) }
            { table_section::<ManualRecord>(&env) }
            { table_section::<EventRecord>(&env) }
            { table_section::<SampleRecord>(&env) }
            <section class="charts" aria-labelledby="outage-timeline-title" aria-busy={timeline_busy.then_some("true")}>
                <h3 id="outage-timeline-title">{ t.timeline_heading(&props.span) }</h3>
                if let Some(drawn) = &*timeline {
                    { timeline_html(&drawn.1, &props.span) }
                } else {
                    <p class="hint" id="outage-timeline-pending">{ t.timeline_pending }</p>
                }
            </section>
            <section aria-labelledby="measurements-import-title">
                <h3 id="measurements-import-title">{ t.import_title }</h3>
                <p class="hint">{ t.import_hint }</p>
                if let Some(DirectImporter(render)) = props.importer {
                    { render(existing, wanted, onimported) }
                } else {
                    <ModuleImporter {existing} {wanted} {onimported} />
                }
            </section>
            <datalist id={SERVICES_LIST}>
                { for context.service_suggestions.iter().map(|s| html! { <option value={s.clone()} /> }) }
            </datalist>
            <datalist id={PRIORITIES_LIST}>
                { for context.priorities.iter().map(|p| html! { <option value={p.clone()} /> }) }
            </datalist>
            <datalist id={TARGETS_LIST}>
                { for context.manual_targets.iter().flatten().map(|t| html! { <option value={t.clone()} /> }) }
            </datalist>
        </div>
    }
}

/// The measurements' own zone: empty for the agreements' zone.
fn read_zone(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match Zone::named(text) {
        Some(_) => Ok(Some(text.to_string())),
        None => Err(texts().measurements().zone_not_known(text)),
    }
}

fn timeline_html(timeline: &Result<OutageTimeline, String>, span: &AttrValue) -> Html {
    let t = texts().measurements();
    match timeline {
        Err(message) => html! {
            <p class="notice" id="outage-timeline-error">{ t.no_timeline(message) }</p>
        },
        Ok(drawn) if drawn.rows.is_empty() => html! {
            <p class="hint" id="outage-timeline-empty">{ t.timeline_empty }</p>
        },
        Ok(drawn) => html! {
            <>
                <Timeline id="outage-timeline" title={t.timeline_title(span)}
                    start_label={drawn.start_label.clone()} end_label={drawn.end_label.clone()}
                    ticks={drawn.ticks.iter().map(|(f, l)| (*f, AttrValue::from(l.clone()))).collect::<Vec<_>>()}
                    rows={drawn.rows.clone()} />
                <p class="hint">{ t.timeline_hint }</p>
                <ul class="hint" id="outage-timeline-notes">
                    { for drawn.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            </>
        },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn outage(service: &str, start: &str, end: &str) -> OutageRecord {
        OutageRecord {
            service: service.into(),
            start: Timestamp::parse(start).expect("a time"),
            end: Timestamp::parse(end).expect("a time"),
            impact: None,
            planned: false,
            supplier: None,
            cause: None,
        }
    }

    fn column<R: Record>(key: &str) -> Column<R> {
        R::columns()
            .into_iter()
            .find(|c| c.key == key)
            .expect("a column")
    }

    #[test]
    fn a_typed_cell_becomes_the_field_or_an_error_naming_it() {
        let record = outage("mail", "2026-03-02T10:00", "2026-03-02T11:00");
        let start = column::<OutageRecord>("start");
        let moved = apply(&record, &start, "2026-03-02T09:30").expect("a local time");
        assert_eq!((start.get)(&moved), "2026-03-02T09:30:00");
        let utc = apply(&record, &start, "2026-03-02T08:30:00+01:00").expect("with an offset");
        assert_eq!((start.get)(&utc), "2026-03-02T07:30:00Z");
        let error = apply(&record, &start, "2026-03-02 25:00").expect_err("no hour 25");
        assert!(
            error.starts_with("Start: `2026-03-02 25:00` is not a timestamp"),
            "{error}"
        );

        let impact = column::<OutageRecord>("impact");
        assert_eq!(
            (impact.get)(&apply(&record, &impact, "30 %").expect("30 %")),
            "30"
        );
        assert_eq!(apply(&record, &impact, "").expect("empty").impact, None);
        let error = apply(&record, &impact, "120").expect_err("above 100");
        assert_eq!(error, "Impact %: a percentage cannot exceed 100");
        let service = column::<OutageRecord>("service");
        assert!(apply(&record, &service, "  ")
            .expect_err("empty")
            .starts_with("Service: it is empty"));
    }

    #[test]
    fn ticket_pauses_read_and_keep_their_reasons() {
        let mut ticket = TicketRecord::blank();
        ticket.pauses = vec![Window {
            start: Timestamp::parse("2026-03-02T10:00").expect("a time"),
            end: Timestamp::parse("2026-03-02T11:00").expect("a time"),
            reason: "waiting for the customer".into(),
        }];
        let pauses = column::<TicketRecord>("pauses");
        let next = apply(
            &ticket,
            &pauses,
            "2026-03-02T10:00..2026-03-02T12:00; 2026-03-03T09:00..2026-03-03T09:30 ;",
        )
        .expect("two pauses");
        assert_eq!(next.pauses.len(), 2);
        assert_eq!(next.pauses[0].reason, "waiting for the customer");
        assert_eq!(
            (pauses.get)(&next),
            "2026-03-02T10:00:00..2026-03-02T12:00:00; 2026-03-03T09:00:00..2026-03-03T09:30:00"
        );
        let error = apply(&ticket, &pauses, "2026-03-02T10:00").expect_err("no end");
        assert!(error.contains("pause 1"), "{error}");
        assert!(apply(&ticket, &pauses, "").expect("none").pauses.is_empty());
    }

    #[test]
    fn manual_periods_are_written_as_the_report_names_them() {
        let record = ManualRecord::blank();
        let period = column::<ManualRecord>("period");
        assert_eq!(
            apply(&record, &period, "2026-2").expect("a month").period,
            "2026-02"
        );
        assert_eq!(
            apply(&record, &period, "2026-q1")
                .expect("a quarter")
                .period,
            "2026-Q1"
        );
        assert!(apply(&record, &period, "2026-02-01..2026-02-10").is_err());
        let target = column::<ManualRecord>("target");
        assert!(apply(&record, &target, "satisfaction").is_err());
        assert_eq!(
            apply(&record, &target, "sla/csat")
                .expect("a target")
                .target,
            "sla/csat"
        );
    }

    #[test]
    fn a_new_row_is_added_once_its_required_cells_read() {
        let mut cells = BTreeMap::new();
        let key = |field| (Table::Outages, Row::New, field);
        cells.insert(key("service"), "mail".to_string());
        cells.insert(key("start"), "2026-03-02T10:00".to_string());
        assert_eq!(new_record::<OutageRecord>(&cells), None);
        assert_eq!(missing::<OutageRecord>(&cells), vec!["End"]);
        cells.insert(key("end"), "2026-03-02T11".to_string());
        assert_eq!(
            new_record::<OutageRecord>(&cells),
            None,
            "the end does not read"
        );
        cells.insert(key("end"), "2026-03-02T11:00".to_string());
        cells.insert(key("planned"), "true".to_string());
        let record = new_record::<OutageRecord>(&cells).expect("complete");
        assert_eq!(record.service, "mail");
        assert!(record.planned);
        cells.insert(key("impact"), "x".to_string());
        assert_eq!(
            new_record::<OutageRecord>(&cells),
            None,
            "a typed cell must read"
        );
    }

    #[test]
    fn deleting_a_row_moves_the_drafts_of_later_rows_up() {
        let drafts = Rc::new(Drafts::default());
        let key = |row| (Table::Outages, Row::At(row), "start");
        let drafts = drafts.reduce(DraftAction::Type(key(1), "one".into()));
        let drafts = drafts.reduce(DraftAction::Type(key(2), "two".into()));
        let drafts = drafts.reduce(DraftAction::Type(
            (Table::Tickets, Row::At(2), "id"),
            "ticket".into(),
        ));
        let drafts = drafts.reduce(DraftAction::Deleted(Table::Outages, 1));
        assert_eq!(drafts.get(&key(1)).map(String::as_str), Some("two"));
        assert_eq!(drafts.get(&key(2)), None);
        assert_eq!(
            drafts
                .get(&(Table::Tickets, Row::At(2), "id"))
                .map(String::as_str),
            Some("ticket"),
            "other tables keep theirs"
        );
    }

    fn file_with(outages: Vec<OutageRecord>) -> MeasurementFile {
        MeasurementFile {
            format: "sla-measurements".into(),
            version: 1,
            outages,
            ..MeasurementFile::default()
        }
    }

    /// `file` with `edit` applied, checking that its inverse gives `file` back.
    fn applied(file: &MeasurementFile, edit: Edit) -> MeasurementFile {
        let mut shared = Rc::new(file.clone());
        let back = edit.apply(&mut shared).expect("a change");
        let after = (*shared).clone();
        back.apply(&mut shared);
        assert_eq!(*shared, *file, "undo gives the file back");
        after
    }

    #[test]
    fn an_added_import_appends_only_the_records_not_taken_before() {
        let own = outage("mail", "2026-03-01T10:00", "2026-03-01T11:00");
        let first = outage("web", "2026-03-02T10:00", "2026-03-02T11:00");
        let second = outage("web", "2026-03-03T10:00", "2026-03-03T11:00");
        let workspace = file_with(vec![own.clone()]);
        let import = |outages| Imported {
            measurements: file_with(outages),
            replaced: false,
        };
        let (after_first, mark) = merge_import(
            &workspace,
            import(vec![first.clone()]),
            ImportMark::default(),
        );
        let after_first = applied(&workspace, after_first.expect("changed"));
        assert_eq!(after_first.outages, vec![own.clone(), first.clone()]);
        // The user deletes the imported outage, then imports again: the
        // importer hands over both batches; only the second is new.
        let edited = file_with(vec![own.clone()]);
        let (after_second, mark) =
            merge_import(&edited, import(vec![first.clone(), second.clone()]), mark);
        assert_eq!(
            applied(&edited, after_second.expect("changed")).outages,
            vec![own.clone(), second.clone()]
        );
        assert_eq!(
            mark,
            ImportMark {
                outages: 2,
                tickets: 0
            }
        );
        // An import that added nothing changes nothing.
        let (unchanged, _) = merge_import(&edited, import(vec![first, second]), mark);
        assert_eq!(unchanged, None);
    }

    #[test]
    fn a_replacing_import_replaces_outages_and_tickets_only() {
        let mut workspace = file_with(vec![outage("mail", "2026-03-01T10:00", "2026-03-01T11:00")]);
        workspace.manual.push(ManualRecord {
            target: "sla/csat".into(),
            period: "2026-03".into(),
            value: Level::parse("4.2").expect("a level"),
        });
        let new = outage("web", "2026-03-02T10:00", "2026-03-02T11:00");
        let imported = Imported {
            measurements: file_with(vec![new.clone()]),
            replaced: true,
        };
        let (next, mark) = merge_import(
            &workspace,
            imported,
            ImportMark {
                outages: 5,
                tickets: 0,
            },
        );
        let next = applied(&workspace, next.expect("changed"));
        assert_eq!(next.outages, vec![new]);
        assert_eq!(next.manual, workspace.manual);
        assert_eq!(
            mark,
            ImportMark {
                outages: 1,
                tickets: 0
            }
        );
    }

    fn agreements() -> AgreementFile {
        serde_json::from_value(serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "Test", "currency": "EUR",
            "time_zone": "UTC", "provider": {"name": "IT"},
            "services": [{"id": "mail", "name": "Mail"}, {"id": "web", "name": "Web"}],
            "calendars": [{"id": "office", "time_zone": "UTC", "hours": "Mon-Fri 08:00-18:00",
                "holidays": ["2026-03-03"],
                "exclusions": [{"start": "2026-03-04T09:00:00Z", "end": "2026-03-04T10:00:00Z"}]}],
            "agreements": [{"id": "sla-mail", "name": "Mail SLA", "kind": "sla",
                "structure": "service_based", "service": "mail",
                "targets": [{"id": "availability", "name": "Availability", "calendar": "office",
                    "metric": {"type": "availability", "service": "mail"}, "expected": "99.9"}]}]
        }))
        .expect("an agreement file")
    }

    #[test]
    fn the_timeline_shades_the_calendar_and_marks_what_counts() {
        let file = agreements();
        let mut planned = outage("mail", "2026-03-02T12:00:00Z", "2026-03-02T13:00:00Z");
        planned.planned = true;
        let measurements = file_with(vec![
            // Monday 2 March 2026, inside service hours.
            outage("mail", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
            planned,
            // Monday evening, outside service hours.
            outage("mail", "2026-03-02T20:00:00Z", "2026-03-02T21:00:00Z"),
            outage("web", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
            outage("other", "2026-04-02T09:00:00Z", "2026-04-02T10:00:00Z"),
        ]);
        let timeline =
            outage_timeline(Some(&file), &measurements, "2026-03", "UTC").expect("a span");
        assert_eq!(
            timeline.rows.len(),
            2,
            "the agreements' services; `other` is outside the span"
        );
        let mail = &timeline.rows[0];
        let counted: Vec<bool> = mail.marks.iter().map(|m| m.counted).collect();
        assert_eq!(counted, vec![true, false, false]);
        assert!(
            mail.marks[1].text.contains("planned"),
            "{}",
            mail.marks[1].text
        );
        assert!(
            mail.marks[2].text.contains("outside service time"),
            "{}",
            mail.marks[2].text
        );
        // March 2026 (31 days, 744 h): service 08:00-18:00 on 22 weekdays.
        // Off hours: 744 − 22 × 10 = 524 h. The holiday (Tue 3 March) takes
        // 10 service hours, the exclusion 1 hour.
        let hours = |kind: ShadeKind| -> f64 {
            mail.shades
                .iter()
                .filter(|s| s.kind == kind)
                .map(|s| (s.to - s.from) * 744.0)
                .sum()
        };
        assert!(
            (hours(ShadeKind::OffHours) - 524.0).abs() < 1e-6,
            "{}",
            hours(ShadeKind::OffHours)
        );
        assert!((hours(ShadeKind::Holiday) - 10.0).abs() < 1e-6);
        assert!((hours(ShadeKind::Maintenance) - 1.0).abs() < 1e-6);
        let web = &timeline.rows[1];
        assert!(web.shades.is_empty());
        assert!(!web.marks[0].counted, "web has no availability target");
        assert_eq!(timeline.start_label, "1 Mar 2026");
        assert_eq!(timeline.end_label, "31 Mar 2026");
        assert_eq!(timeline.ticks.len(), 4);
    }

    #[test]
    fn the_timeline_draws_outages_as_the_report_reads_them() {
        let file = agreements();
        let mut refused = outage("mail", "2026-03-02T11:00:00Z", "2026-03-02T11:30:00Z");
        refused.impact = Some(Level::parse("150").expect("a level"));
        let measurements = file_with(vec![
            outage("mail", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
            // An impact the engine refuses: the report lists it, the
            // timeline does not draw it as a full outage.
            refused,
        ]);
        let timeline =
            outage_timeline(Some(&file), &measurements, "2026-03", "UTC").expect("a span");
        let mail = &timeline.rows[0];
        assert_eq!(mail.marks.len(), 1, "only the record the report counts");
        assert!(mail.marks[0].counted);
    }

    #[test]
    fn a_span_the_engine_cannot_read_gives_no_timeline() {
        let error =
            outage_timeline(None, &file_with(Vec::new()), "March", "UTC").expect_err("not a span");
        assert!(error.starts_with("`March`"), "{error}");
    }

    #[test]
    fn the_timeline_draws_twenty_services_and_five_hundred_outages_each_and_says_so() {
        // 22 services in the order their outages come; the first has 502
        // outages in March, one more outside it.
        let mut outages: Vec<OutageRecord> = (0..502)
            .map(|k| {
                let day = 1 + k % 28;
                outage(
                    "s00",
                    &format!("2026-03-{day:02}T10:00"),
                    &format!("2026-03-{day:02}T10:01"),
                )
            })
            .collect();
        outages.push(outage("s00", "2026-04-02T10:00", "2026-04-02T11:00"));
        for service in 1..22 {
            outages.push(outage(
                &format!("s{service:02}"),
                "2026-03-03T10:00",
                "2026-03-03T11:00",
            ));
        }
        let timeline =
            outage_timeline(None, &file_with(outages), "2026-03", "UTC").expect("a timeline");
        assert_eq!(timeline.rows.len(), MAX_TIMELINE_ROWS);
        assert_eq!(timeline.rows[0].label.as_str(), "s00");
        assert_eq!(timeline.rows[19].label.as_str(), "s19");
        assert_eq!(timeline.rows[0].marks.len(), MAX_MARKS);
        assert_eq!(timeline.rows[1].marks.len(), 1);
        assert!(
            timeline
                .notes
                .iter()
                .any(|n| n == "2 more services are not drawn."),
            "{:?}",
            timeline.notes
        );
        assert!(
            timeline
                .notes
                .iter()
                .any(|n| n == "2 outages are not drawn: at most 500 per service."),
            "{:?}",
            timeline.notes
        );
    }
}
