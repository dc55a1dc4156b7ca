//! A vendor's status page history, in Atlassian Statuspage's JSON, as
//! outage records.
//!
//! Statuspage serves every page's history from its public status API:
//! `GET /api/v2/incidents.json` (`{ "page": {...}, "incidents": [...] }`) and
//! `GET /api/v2/scheduled-maintenances.json` (`{ "page": {...},
//! "scheduled_maintenances": [...] }`); `summary.json` holds both lists. Each
//! page documents the API at `/api` (for example
//! <https://metastatuspage.com/api>), and the incident object at
//! <https://developer.statuspage.io/>. A bare array of incidents is read too.
//!
//! The rules (documented in `docs/import.md`, "Status page histories"):
//! - one outage per (incident, component); an incident naming no component
//!   is an outage of the whole page, named by `page.name` (else
//!   [`PAGE_SERVICE`]);
//! - an incident runs from `started_at` (else `created_at`) to
//!   `resolved_at`; one without `resolved_at` is listed, not counted;
//! - its `impact` weighs the share of the service lost ([`Weights`]);
//! - a scheduled maintenance is a planned outage over its announced window
//!   (`scheduled_for` to `scheduled_until`); the part after the window, when
//!   it was resolved later, is an unplanned outage and a [`Note`].
//!
//! Nothing is dropped without a word: every incident is used or [`Listed`]
//! with its JSON path (`incidents[3].resolved_at`) and the reason.
//!
//! # Example
//!
//! ```
//! use sla_import::statuspage::{import, Impact, Weights};
//! use sla_engine::Percent;
//!
//! let json = br#"{"page": {"name": "Acme"}, "incidents": [{
//!     "id": "x1", "name": "API errors", "status": "resolved", "impact": "minor",
//!     "created_at": "2026-03-02T14:05:00-05:00",
//!     "resolved_at": "2026-03-02T15:05:00-05:00",
//!     "components": [{"id": "c1", "name": "API"}]}]}"#;
//! let weights = Weights::default().with(Impact::Minor, Percent::parse("25")?);
//! let history = import(json, "status.json", &weights)?;
//! let outage = history.batch.outages[0];
//! assert_eq!(history.batch.texts.get(outage.service), "API");
//! assert_eq!(outage.end - outage.start, 3_600_000_000_000);
//! assert_eq!(outage.impact_ppb, 250_000_000);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::fmt;

use serde_json::{Map, Value};
use sla_engine::time::iso;
use sla_engine::units::PercentError;
use sla_engine::{Percent, TimeSpan};

use crate::dataset::{Batch, Outage, TextId};
use crate::import::{most_first, RowError, Summary, MAX_TEXT_CHARS};
use crate::mapping::Kind;

/// The service of an incident that names no component, when the file has no
/// `page.name` (a bare array of incidents).
pub const PAGE_SERVICE: &str = "page";

/// An incident's `impact`, as Statuspage writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Impact {
    /// `none`: posted, but nothing was affected (an announcement, a
    /// third-party issue).
    None,
    /// `minor`: degraded performance or a partial outage.
    Minor,
    /// `major`: a major outage.
    Major,
    /// `critical`: a critical outage.
    Critical,
    /// `maintenance`: a scheduled maintenance.
    Maintenance,
}

impl Impact {
    /// Every level, in the order of [`Weights`]'s display.
    pub const ALL: [Impact; 5] = [
        Impact::Critical,
        Impact::Major,
        Impact::Minor,
        Impact::None,
        Impact::Maintenance,
    ];

    /// The word Statuspage writes: `none`, `minor`, `major`, `critical`,
    /// `maintenance`.
    pub fn id(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Minor => "minor",
            Impact::Major => "major",
            Impact::Critical => "critical",
            Impact::Maintenance => "maintenance",
        }
    }

    /// The level of a word, ignoring case and surrounding spaces.
    pub fn from_id(text: &str) -> Option<Impact> {
        let text = text.trim();
        Impact::ALL
            .into_iter()
            .find(|i| i.id().eq_ignore_ascii_case(text))
    }

    fn index(self) -> usize {
        match self {
            Impact::None => 0,
            Impact::Minor => 1,
            Impact::Major => 2,
            Impact::Critical => 3,
            Impact::Maintenance => 4,
        }
    }
}

/// The share of a service lost during an incident of each impact level.
///
/// The defaults: critical 100 %, major 100 %, minor 50 % (Statuspage's
/// "degraded performance" or "partial outage"), none 0 % (the incident is
/// kept as an outage that weighs nothing) and maintenance 100 % (planned).
/// Change them with [`Weights::with`], [`Weights::from_changes`] or
/// [`Weights::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    /// Indexed by [`Impact::index`].
    levels: [Percent; 5],
}

impl Default for Weights {
    fn default() -> Weights {
        let half = Percent::from_ppb(500_000_000).unwrap_or(Percent::HUNDRED);
        Weights {
            levels: [
                Percent::ZERO,
                half,
                Percent::HUNDRED,
                Percent::HUNDRED,
                Percent::HUNDRED,
            ],
        }
    }
}

impl Weights {
    /// The share of the service lost during an incident of `impact`.
    pub fn weight(&self, impact: Impact) -> Percent {
        self.levels[impact.index()]
    }

    /// These weights with `impact` weighing `weight`.
    pub fn with(mut self, impact: Impact, weight: Percent) -> Weights {
        self.levels[impact.index()] = weight;
        self
    }

    /// The defaults with some levels changed (a later change of one level
    /// wins).
    pub fn from_changes(changes: impl IntoIterator<Item = (Impact, Percent)>) -> Weights {
        changes
            .into_iter()
            .fold(Weights::default(), |weights, (impact, weight)| {
                weights.with(impact, weight)
            })
    }

    /// The defaults with the changes written `minor=25,major=100` (levels as
    /// Statuspage writes them, percentages as [`Percent::parse`] reads them;
    /// empty items are ignored, so `""` is the defaults).
    ///
    /// # Errors
    /// An item that is not `LEVEL=PERCENT`, an unknown level, or a
    /// percentage that does not read (negative, above 100, ...).
    pub fn parse(spec: &str) -> Result<Weights, WeightsError> {
        let mut changes = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let (level, percent) = item.split_once('=').ok_or_else(|| WeightsError::NotAPair {
                item: item.to_string(),
            })?;
            let impact = Impact::from_id(level).ok_or_else(|| WeightsError::UnknownLevel {
                level: level.trim().to_string(),
            })?;
            let weight = Percent::parse(percent).map_err(|error| WeightsError::BadPercent {
                item: item.to_string(),
                error,
            })?;
            changes.push((impact, weight));
        }
        Ok(Weights::from_changes(changes))
    }
}

impl fmt::Display for Weights {
    /// `critical 100 %, major 100 %, minor 50 %, none 0 %, maintenance 100 %`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, impact) in Impact::ALL.into_iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(
                f,
                "{} {} %",
                impact.id(),
                self.weight(impact).to_decimal_string()
            )?;
        }
        Ok(())
    }
}

/// Why a weighting such as `minor=25,major=100` does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeightsError {
    /// An item without `=`.
    NotAPair { item: String },
    /// A level Statuspage does not write.
    UnknownLevel { level: String },
    /// A percentage that does not read.
    BadPercent { item: String, error: PercentError },
}

impl fmt::Display for WeightsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightsError::NotAPair { item } => write!(
                f,
                "`{item}` is not LEVEL=PERCENT (for example minor=25,major=100)"
            ),
            WeightsError::UnknownLevel { level } => write!(
                f,
                "`{level}` is not an impact level: critical, major, minor, none or maintenance"
            ),
            WeightsError::BadPercent { item, error } => write!(f, "`{item}`: {error}"),
        }
    }
}

impl std::error::Error for WeightsError {}

/// Why a file is not read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusError {
    /// The file is not JSON: where it breaks (1-based, as serde_json counts)
    /// and what was expected there.
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a Statuspage history: the JSON path (`""` for the whole
    /// file) and the JSON type found there.
    NotAHistory { path: String, found: &'static str },
    /// The engine's own measurement file (`"format": "sla-measurements"`),
    /// which needs no import.
    MeasurementFile,
}

impl fmt::Display for StatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusError::Json {
                line,
                column,
                message,
            } => write!(f, "line {line}, column {column}: not valid JSON: {message}"),
            StatusError::NotAHistory { path, found } if path.is_empty() => write!(
                f,
                "not a Statuspage incident history: the file is a JSON {found}; expected an \
                 object with `incidents` or `scheduled_maintenances` (as /api/v2/incidents.json \
                 gives), or a list of incidents"
            ),
            StatusError::NotAHistory { path, found } => {
                write!(f, "`{path}` is a JSON {found}, not a list of incidents")
            }
            StatusError::MeasurementFile => f.write_str(
                "this is already a measurement file (`format`: `sla-measurements`): \
                 give it to `sla report -m` as it is",
            ),
        }
    }
}

impl std::error::Error for StatusError {}

/// Why an incident gave no outage. Paths are JSON paths into the file
/// (`incidents[3].resolved_at`, `[3].resolved_at` in a bare list).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The list element is not an object.
    NotAnIncident { found: &'static str },
    /// An incident with this `id` came earlier in the file (at `first`);
    /// counting it twice would count its outages twice.
    Duplicate { id: String, first: String },
    /// `resolved_at` is null or absent: the incident is still open, or the
    /// maintenance not completed (or not begun). `status` is the incident's.
    Unresolved {
        path: String,
        status: Option<String>,
    },
    /// A field the outage needs is absent or null.
    Missing { path: String },
    /// A value of the wrong JSON type (`components` that is not a list).
    WrongType {
        path: String,
        found: &'static str,
        expected: &'static str,
    },
    /// Not an RFC 3339 timestamp with an offset.
    BadTimestamp { path: String, value: String },
    /// An RFC 3339 timestamp outside the years the engine holds.
    TimestampOutOfRange { path: String, value: String },
    /// An `impact` Statuspage does not write.
    UnknownImpact { path: String, value: String },
    /// The end comes before the start.
    EndBeforeStart {
        start_path: String,
        start: String,
        end_path: String,
        end: String,
    },
    /// A component with neither a `name` nor an `id`: the outage would have
    /// no service.
    UnnamedComponent { path: String },
}

impl Reason {
    /// The reason without its values, for counting in a summary.
    pub fn category(&self) -> &'static str {
        match self {
            Reason::NotAnIncident { .. } => "not an incident object",
            Reason::Duplicate { .. } => "duplicate incident",
            Reason::Unresolved { .. } => "not resolved",
            Reason::Missing { .. } => "field missing",
            Reason::WrongType { .. } => "wrong JSON type",
            Reason::BadTimestamp { .. } => "unreadable timestamp",
            Reason::TimestampOutOfRange { .. } => "timestamp out of range",
            Reason::UnknownImpact { .. } => "unknown impact",
            Reason::EndBeforeStart { .. } => "end before start",
            Reason::UnnamedComponent { .. } => "component without a name",
        }
    }

    /// The JSON path the reason is about, when it is about one field.
    pub fn path(&self) -> Option<&str> {
        match self {
            Reason::NotAnIncident { .. } | Reason::Duplicate { .. } => None,
            Reason::Unresolved { path, .. }
            | Reason::Missing { path }
            | Reason::WrongType { path, .. }
            | Reason::BadTimestamp { path, .. }
            | Reason::TimestampOutOfRange { path, .. }
            | Reason::UnknownImpact { path, .. }
            | Reason::EndBeforeStart { end_path: path, .. }
            | Reason::UnnamedComponent { path } => Some(path),
        }
    }

    /// The raw value at fault, `""` when there is none.
    pub fn value(&self) -> &str {
        match self {
            Reason::BadTimestamp { value, .. }
            | Reason::TimestampOutOfRange { value, .. }
            | Reason::UnknownImpact { value, .. }
            | Reason::EndBeforeStart { end: value, .. } => value,
            Reason::Duplicate { id, .. } => id,
            _ => "",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotAnIncident { found } => {
                write!(f, "not an incident: a JSON {found}, not an object")
            }
            Reason::Duplicate { id, first } => write!(
                f,
                "the incident `{id}` is already at `{first}`; it is counted once"
            ),
            Reason::Unresolved { path, status } => {
                write!(f, "not resolved: `{path}` is null")?;
                if let Some(status) = status {
                    write!(f, " (status `{status}`)")?;
                }
                f.write_str("; an incident that has not ended cannot be counted yet")
            }
            Reason::Missing { path } => write!(f, "`{path}` is missing or null"),
            Reason::WrongType {
                path,
                found,
                expected,
            } => write!(f, "`{path}` is a JSON {found}, not {expected}"),
            Reason::BadTimestamp { path, value } => write!(
                f,
                "`{path}`: `{value}` is not a timestamp with an offset, such as \
                 2026-03-02T14:05:11Z or 2026-03-02T14:05:11.123-05:00"
            ),
            Reason::TimestampOutOfRange { path, value } => write!(
                f,
                "`{path}`: `{value}` is outside the years the calculator can hold (1678 to 2261)"
            ),
            Reason::UnknownImpact { path, value } => write!(
                f,
                "`{path}`: `{value}` is not an impact Statuspage writes (none, minor, major, \
                 critical, maintenance)"
            ),
            Reason::EndBeforeStart {
                start_path,
                start,
                end_path,
                end,
            } => write!(f, "`{end_path}` `{end}` is before `{start_path}` `{start}`"),
            Reason::UnnamedComponent { path } => write!(
                f,
                "`{path}` has no `name` and no `id`: its outage would have no service"
            ),
        }
    }
}

/// An incident that gave no outage, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    /// The incident's JSON path: `incidents[3]`, `scheduled_maintenances[0]`, `[3]`.
    pub path: String,
    /// The physical line (1-based) where the incident begins, when known.
    pub line: Option<u32>,
    /// The incident's `id`, when it has one.
    pub id: Option<String>,
    /// The incident's `name` (its title), when it has one.
    pub name: Option<String>,
    pub reason: Reason,
}

impl Listed {
    /// As a skipped row of the CSV import, for the same error table and
    /// error CSV: the record is the incident's position (1-based) among
    /// those read, the column its JSON path.
    pub fn row_error(&self, record: u64) -> RowError {
        RowError {
            line: self.line.map_or(0, u64::from),
            record,
            column: Some(self.reason.path().unwrap_or(&self.path).to_string()),
            value: self.reason.value().to_string(),
            reason: self.reason.to_string(),
            category: self.reason.category().to_string(),
        }
    }
}

impl fmt::Display for Listed {
    /// `line 40, incidents[3] (Webhooks delayed): not resolved: ...`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}, ")?;
        }
        f.write_str(&self.path)?;
        if let Some(name) = &self.name {
            write!(f, " ({name})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// Something about an incident that was used, worth saying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A maintenance resolved after its window: planned until
    /// `scheduled_until`, then an unplanned outage until `resolved_at` at
    /// `weight`.
    Overran {
        path: String,
        line: Option<u32>,
        name: Option<String>,
        /// `scheduled_until` as the file writes it.
        scheduled_until: String,
        /// `resolved_at` as the file writes it.
        resolved_at: String,
        /// How long past the window.
        overrun: TimeSpan,
        /// The weight of the unplanned part.
        weight: Percent,
    },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Overran {
                path,
                line,
                name,
                scheduled_until,
                resolved_at,
                overrun,
                weight,
            } => {
                if let Some(line) = line {
                    write!(f, "line {line}, ")?;
                }
                f.write_str(path)?;
                if let Some(name) = name {
                    write!(f, " ({name})")?;
                }
                write!(
                    f,
                    ": the maintenance ran {} past its window: planned until `scheduled_until` \
                     {scheduled_until}, then an unplanned outage at {} % until `resolved_at` \
                     {resolved_at}",
                    overrun.human(),
                    weight.to_decimal_string()
                )
            }
        }
    }
}

/// A status page history read.
#[derive(Debug, Clone)]
pub struct History {
    /// The outages (instants in UTC), as the CSV import produces them:
    /// `line` is where the incident begins (0 when unknown), `cause` its name.
    pub batch: Batch,
    /// `page.name`, when the file has one.
    pub page: Option<String>,
    /// Incidents (and maintenances) read.
    pub incidents: u64,
    /// Incidents that gave outages.
    pub used: u64,
    /// Incidents that gave none, in file order.
    pub listed: Vec<Listed>,
    /// Incidents used with something to say (a maintenance that overran).
    pub notes: Vec<Note>,
    /// The weights applied.
    pub weights: Weights,
}

impl History {
    /// The counts as the CSV import's [`Summary`] (rows are incidents,
    /// skipped rows the listed ones), so one screen can show both imports.
    pub fn summary(&self) -> Summary {
        let mut reasons: Vec<(String, u64)> = Vec::new();
        for listed in &self.listed {
            let category = listed.reason.category();
            match reasons.iter_mut().find(|(c, _)| c == category) {
                Some((_, count)) => *count += 1,
                None => reasons.push((category.to_string(), 1)),
            }
        }
        most_first(&mut reasons);
        Summary {
            rows: self.incidents,
            used: self.used,
            skipped: self.listed.len() as u64,
            reasons,
            ..Summary::default()
        }
    }

    /// The listed incidents as the CSV import's row errors (see
    /// [`Listed::row_error`]).
    pub fn row_errors(&self) -> Vec<RowError> {
        self.listed
            .iter()
            .map(|listed| listed.row_error(incident_number(&listed.path)))
            .collect()
    }

    /// The services of the outages (component names, or the page for an
    /// incident naming no component), each once, in the order first met:
    /// the names a user maps to an agreement's service ids.
    pub fn services(&self) -> Vec<&str> {
        // A page has a handful of components: a list is enough (and adds no
        // hash table to the app's wasm).
        let mut seen: Vec<TextId> = Vec::new();
        for outage in &self.batch.outages {
            if !seen.contains(&outage.service) {
                seen.push(outage.service);
            }
        }
        seen.into_iter()
            .map(|id| self.batch.texts.get(id))
            .collect()
    }

    /// Outages that are planned (maintenance windows).
    pub fn planned(&self) -> usize {
        self.batch.outages.iter().filter(|o| o.planned).count()
    }

    /// Outages that weigh nothing (impact `none` by default).
    pub fn weightless(&self) -> usize {
        self.batch
            .outages
            .iter()
            .filter(|o| o.impact_ppb == 0)
            .count()
    }
}

/// Whether a source is read as a Statuspage history rather than as CSV: its
/// first byte other than ASCII white space, after an optional UTF-8
/// byte-order mark, is `{` or `[` (a CSV file cannot reasonably start so).
/// `false` for a source that is empty or only white space.
pub fn starts_as_json(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    matches!(
        bytes.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'{' | b'[')
    )
}

/// The 1-based position in its list of the incident at `path` (`incidents[3]` → 4).
fn incident_number(path: &str) -> u64 {
    path.rsplit_once('[')
        .and_then(|(_, rest)| rest.strip_suffix(']'))
        .and_then(|n| n.parse::<u64>().ok())
        .map_or(0, |n| n + 1)
}

/// Reads a Statuspage history: `{ "page", "incidents" }`, `{ "page",
/// "scheduled_maintenances" }` (both lists when both are there, incidents
/// first), or a bare list of incidents. `source` names the file in the
/// batch. A UTF-8 byte-order mark is skipped.
///
/// # Errors
/// Text that is not JSON ([`StatusError::Json`], with line and column), JSON
/// that holds no list of incidents, and the engine's own measurement file.
/// An incident that cannot be used does not stop the import: it is
/// [`Listed`].
pub fn import(bytes: &[u8], source: &str, weights: &Weights) -> Result<History, StatusError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // As text first: serde_json's reader of a `&str` is the one the app
    // already holds for agreement files (its reader of bytes would be a
    // second copy in the wasm).
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        StatusError::Json {
            line: before.iter().filter(|b| **b == b'\n').count() + 1,
            column: String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
                .chars()
                .count()
                + 1,
            message: "not UTF-8 text".to_string(),
        }
    })?;
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let text = e.to_string();
        let position = format!(" at line {} column {}", e.line(), e.column());
        StatusError::Json {
            line: e.line(),
            column: e.column(),
            message: text.strip_suffix(&position).unwrap_or(&text).to_string(),
        }
    })?;
    let lines = incident_lines(bytes);
    let mut lists: Vec<(&str, &Vec<Value>, &[u32])> = Vec::new();
    let mut page = None;
    match &root {
        Value::Array(incidents) => lists.push(("", incidents, &lines.bare)),
        Value::Object(object) => {
            if object.get("format").and_then(Value::as_str) == Some("sla-measurements") {
                return Err(StatusError::MeasurementFile);
            }
            page = object
                .get("page")
                .and_then(|p| p.get("name"))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            for (key, found) in [
                ("incidents", &lines.incidents),
                ("scheduled_maintenances", &lines.maintenances),
            ] {
                match object.get(key) {
                    Some(Value::Array(incidents)) => lists.push((key, incidents, found)),
                    Some(other) => {
                        return Err(StatusError::NotAHistory {
                            path: key.to_string(),
                            found: json_type(other),
                        })
                    }
                    None => {}
                }
            }
            if lists.is_empty() {
                return Err(StatusError::NotAHistory {
                    path: String::new(),
                    found: "object without `incidents` or `scheduled_maintenances`",
                });
            }
        }
        other => {
            return Err(StatusError::NotAHistory {
                path: String::new(),
                found: json_type(other),
            })
        }
    }
    let mut reader = Reader {
        history: History {
            batch: Batch::new(source, Kind::Outages, "UTC"),
            page,
            incidents: 0,
            used: 0,
            listed: Vec::new(),
            notes: Vec::new(),
            weights: *weights,
        },
        seen: HashMap::new(),
        firsts: Vec::new(),
    };
    for (key, incidents, found) in lists {
        // The scan finds each element's line; if it ever disagrees with
        // serde_json about the count, no line is better than a wrong one.
        let lines_known = found.len() == incidents.len();
        for (i, value) in incidents.iter().enumerate() {
            let line = if lines_known {
                found.get(i).copied()
            } else {
                None
            };
            reader.incident(format!("{key}[{i}]"), line, value);
        }
    }
    Ok(reader.history)
}

/// One stretch of an incident, before it is split by component.
struct Stretch {
    start: i64,
    end: i64,
    impact: Impact,
    planned: bool,
}

/// What an incident gives: its stretches, the services they hit, and a note.
struct Plan {
    stretches: Vec<Stretch>,
    services: Vec<String>,
    note: Option<Note>,
}

struct Reader<'a> {
    history: History,
    /// Incident ids seen, each with the index of its path in `firsts` (the
    /// same kind of map as the CSV import's ids: one hash table in the wasm).
    seen: HashMap<&'a str, usize>,
    firsts: Vec<String>,
}

impl<'a> Reader<'a> {
    fn incident(&mut self, path: String, line: Option<u32>, value: &'a Value) {
        self.history.incidents += 1;
        let Value::Object(object) = value else {
            self.history.listed.push(Listed {
                path,
                line,
                id: None,
                name: None,
                reason: Reason::NotAnIncident {
                    found: json_type(value),
                },
            });
            return;
        };
        let incident = Incident {
            object,
            path: &path,
            line,
        };
        let id = incident.text("id");
        let name = incident.text("name").map(str::to_string);
        let plan = match id.and_then(|id| self.seen.get(id)) {
            Some(first) => Err(Reason::Duplicate {
                id: id.unwrap_or_default().to_string(),
                first: self.firsts.get(*first).cloned().unwrap_or_default(),
            }),
            _ => incident.plan(self.history.page.as_deref(), &self.history.weights),
        };
        let plan = match plan {
            Ok(plan) => plan,
            Err(reason) => {
                self.history.listed.push(Listed {
                    path,
                    line,
                    id: id.map(str::to_string),
                    name,
                    reason,
                });
                return;
            }
        };
        if let Some(id) = id {
            self.seen.insert(id, self.firsts.len());
            self.firsts.push(path);
        }
        self.history.used += 1;
        let batch = &mut self.history.batch;
        let cause = match &name {
            Some(name) => batch.texts.push(&cut(name, MAX_TEXT_CHARS)),
            None => TextId::NONE,
        };
        for service in &plan.services {
            let service = batch.texts.intern(service);
            for stretch in &plan.stretches {
                let weight = self.history.weights.weight(stretch.impact);
                batch.outages.push(Outage {
                    service,
                    start: stretch.start,
                    end: stretch.end,
                    impact_ppb: u32::try_from(weight.ppb()).unwrap_or(u32::MAX),
                    planned: stretch.planned,
                    supplier: TextId::NONE,
                    cause,
                    line: line.unwrap_or(0),
                });
            }
        }
        self.history.notes.extend(plan.note);
    }
}

/// An instant read from the file: Unix nanoseconds and the text as written.
struct Instant {
    nanos: i64,
    text: String,
}

/// One incident object and where it is.
struct Incident<'a, 'p> {
    object: &'a Map<String, Value>,
    path: &'p str,
    line: Option<u32>,
}

impl<'a> Incident<'a, '_> {
    fn field_path(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// A field, `None` when absent or null.
    fn field(&self, key: &str) -> Option<&'a Value> {
        self.object.get(key).filter(|v| !v.is_null())
    }

    /// A non-empty text field.
    fn text(&self, key: &str) -> Option<&'a str> {
        self.field(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// A timestamp field, `None` when absent or null.
    fn instant(&self, key: &str) -> Result<Option<Instant>, Reason> {
        let Some(value) = self.field(key) else {
            return Ok(None);
        };
        let text = raw(value);
        let Some(utc) = value.as_str().and_then(|t| iso::rfc3339(t.trim())) else {
            return Err(Reason::BadTimestamp {
                path: self.field_path(key),
                value: text,
            });
        };
        match utc.and_utc().timestamp_nanos_opt() {
            Some(nanos) => Ok(Some(Instant { nanos, text })),
            None => Err(Reason::TimestampOutOfRange {
                path: self.field_path(key),
                value: text,
            }),
        }
    }

    fn required_instant(&self, key: &str) -> Result<Instant, Reason> {
        self.instant(key)?.ok_or_else(|| Reason::Missing {
            path: self.field_path(key),
        })
    }

    fn impact(&self) -> Result<Impact, Reason> {
        let value = self.field("impact").ok_or_else(|| Reason::Missing {
            path: self.field_path("impact"),
        })?;
        value
            .as_str()
            .and_then(Impact::from_id)
            .ok_or_else(|| Reason::UnknownImpact {
                path: self.field_path("impact"),
                value: raw(value),
            })
    }

    /// `started_at`, else `created_at`.
    fn start(&self) -> Result<(Instant, &'static str), Reason> {
        match self.instant("started_at")? {
            Some(start) => Ok((start, "started_at")),
            None => Ok((self.required_instant("created_at")?, "created_at")),
        }
    }

    /// `resolved_at`, or why the incident is not resolved.
    fn resolved(&self) -> Result<Instant, Reason> {
        self.instant("resolved_at")?
            .ok_or_else(|| Reason::Unresolved {
                path: self.field_path("resolved_at"),
                status: self.text("status").map(str::to_string),
            })
    }

    fn not_before(
        &self,
        start: &Instant,
        start_key: &str,
        end: &Instant,
        end_key: &str,
    ) -> Result<(), Reason> {
        if end.nanos < start.nanos {
            return Err(Reason::EndBeforeStart {
                start_path: self.field_path(start_key),
                start: start.text.clone(),
                end_path: self.field_path(end_key),
                end: end.text.clone(),
            });
        }
        Ok(())
    }

    /// The component names, or the page when there are none.
    fn services(&self, page: Option<&str>) -> Result<Vec<String>, Reason> {
        let whole_page = || vec![page.unwrap_or(PAGE_SERVICE).to_string()];
        let components = match self.field("components") {
            None => return Ok(whole_page()),
            Some(Value::Array(components)) if components.is_empty() => return Ok(whole_page()),
            Some(Value::Array(components)) => components,
            Some(other) => {
                return Err(Reason::WrongType {
                    path: self.field_path("components"),
                    found: json_type(other),
                    expected: "a list of components",
                })
            }
        };
        let mut services: Vec<String> = Vec::new();
        for (i, component) in components.iter().enumerate() {
            let named = |key: &str| {
                component
                    .get(key)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
            };
            let service =
                named("name")
                    .or_else(|| named("id"))
                    .ok_or_else(|| Reason::UnnamedComponent {
                        path: format!("{}.components[{i}]", self.path),
                    })?;
            // A component named twice is one service: one outage.
            if !services.iter().any(|s| s == service) {
                services.push(service.to_string());
            }
        }
        Ok(services)
    }

    /// The incident's outages, or why it has none.
    fn plan(&self, page: Option<&str>, weights: &Weights) -> Result<Plan, Reason> {
        let impact = self.impact()?;
        let scheduled_for = self.instant("scheduled_for")?;
        let mut note = None;
        let stretches = if let Some(window_start) = scheduled_for {
            let window_end = self.required_instant("scheduled_until")?;
            let resolved = self.resolved()?;
            self.not_before(
                &window_start,
                "scheduled_for",
                &window_end,
                "scheduled_until",
            )?;
            let mut stretches = vec![Stretch {
                start: window_start.nanos,
                end: window_end.nanos,
                impact,
                planned: true,
            }];
            if resolved.nanos > window_end.nanos {
                // Past its window a maintenance is downtime the customer
                // was not told of: unplanned, at the incident's own weight.
                stretches.push(Stretch {
                    start: window_end.nanos,
                    end: resolved.nanos,
                    impact,
                    planned: false,
                });
                note = Some(Note::Overran {
                    path: self.path.to_string(),
                    line: self.line,
                    name: self.text("name").map(str::to_string),
                    overrun: TimeSpan::from_nanos(resolved.nanos - window_end.nanos)
                        .unwrap_or(TimeSpan::ZERO),
                    weight: weights.weight(impact),
                    scheduled_until: window_end.text,
                    resolved_at: resolved.text,
                });
            }
            stretches
        } else {
            let (start, start_key) = self.start()?;
            let end = self.resolved()?;
            self.not_before(&start, start_key, &end, "resolved_at")?;
            // A maintenance without a window (`impact: maintenance` alone)
            // is planned over the time it ran.
            vec![Stretch {
                start: start.nanos,
                end: end.nanos,
                impact,
                planned: impact == Impact::Maintenance,
            }]
        };
        Ok(Plan {
            stretches,
            services: self.services(page)?,
            note,
        })
    }
}

/// A value as the message shows it: a string as written, anything else as
/// JSON; cut at 100 characters.
fn raw(value: &Value) -> String {
    match value {
        Value::String(text) => cut(text, 100),
        other => cut(&other.to_string(), 100),
    }
}

fn cut(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or_default()),
        None => text.to_string(),
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// The line (1-based) where each incident begins, per list.
#[derive(Debug, Default, PartialEq, Eq)]
struct IncidentLines {
    /// A top-level list.
    bare: Vec<u32>,
    /// The top-level object's `incidents`.
    incidents: Vec<u32>,
    /// The top-level object's `scheduled_maintenances`.
    maintenances: Vec<u32>,
}

/// Finds where the elements of the incident lists begin. `serde_json::Value`
/// keeps no positions, so this follows the text that serde_json has already
/// accepted: only strings, nesting, `,` and `:` matter. Lines are counted at
/// `\n`, as serde_json counts them. A key written twice is read as
/// serde_json reads it: the last one wins.
fn incident_lines(text: &[u8]) -> IncidentLines {
    #[derive(Clone, Copy)]
    enum List {
        Bare,
        Incidents,
        Maintenances,
    }
    let mut found = IncidentLines::default();
    let mut line: u32 = 1;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut string_start = 0;
    let mut top_object = false;
    let mut expect_key = false;
    let mut key: &[u8] = b"";
    // The list being read and the depth of its elements' container.
    let mut list: Option<(List, usize)> = None;
    let mut expect_element = false;
    for (i, &byte) in text.iter().enumerate() {
        if byte == b'\n' {
            line = line.saturating_add(1);
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
                if depth == 1 && top_object && expect_key {
                    key = text.get(string_start..i).unwrap_or_default();
                }
            }
            continue;
        }
        if byte.is_ascii_whitespace() {
            continue;
        }
        if expect_element {
            expect_element = false;
            if byte != b']' {
                match list {
                    Some((List::Bare, _)) => found.bare.push(line),
                    Some((List::Incidents, _)) => found.incidents.push(line),
                    Some((List::Maintenances, _)) => found.maintenances.push(line),
                    None => {}
                }
            }
        }
        match byte {
            b'"' => {
                in_string = true;
                string_start = i + 1;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 && byte == b'[' {
                    list = Some((List::Bare, 1));
                    expect_element = true;
                } else if depth == 1 {
                    top_object = true;
                    expect_key = true;
                } else if depth == 2 && top_object && byte == b'[' {
                    let which = match key {
                        b"incidents" => Some(List::Incidents),
                        b"scheduled_maintenances" => Some(List::Maintenances),
                        _ => None,
                    };
                    if let Some(which) = which {
                        match which {
                            List::Incidents => found.incidents.clear(),
                            List::Maintenances => found.maintenances.clear(),
                            List::Bare => {}
                        }
                        list = Some((which, 2));
                        expect_element = true;
                    }
                }
            }
            b']' | b'}' => {
                if list.is_some_and(|(_, at)| at == depth) && byte == b']' {
                    list = None;
                }
                depth = depth.saturating_sub(1);
            }
            b',' => {
                if list.is_some_and(|(_, at)| at == depth) {
                    expect_element = true;
                }
                if depth == 1 && top_object {
                    expect_key = true;
                }
            }
            b':' if depth == 1 => expect_key = false,
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_weights_are_the_documented_ones() {
        let weights = Weights::default();
        assert_eq!(
            weights.to_string(),
            "critical 100 %, major 100 %, minor 50 %, none 0 %, maintenance 100 %"
        );
    }

    #[test]
    fn weights_parse_changes_to_the_defaults() {
        let weights = Weights::parse(" minor=25, major = 90 %,").expect("weights");
        assert_eq!(
            weights.to_string(),
            "critical 100 %, major 90 %, minor 25 %, none 0 %, maintenance 100 %"
        );
        assert_eq!(Weights::parse(""), Ok(Weights::default()));
        assert_eq!(
            Weights::parse("minor:25").map_err(|e| e.to_string()),
            Err("`minor:25` is not LEVEL=PERCENT (for example minor=25,major=100)".into())
        );
        assert_eq!(
            Weights::parse("severe=100").map_err(|e| e.to_string()),
            Err(
                "`severe` is not an impact level: critical, major, minor, none or maintenance"
                    .into()
            )
        );
        assert_eq!(
            Weights::parse("minor=150").map_err(|e| e.to_string()),
            Err("`minor=150`: a percentage cannot exceed 100".into())
        );
    }

    #[test]
    fn impact_words_ignore_case() {
        assert_eq!(Impact::from_id(" Critical "), Some(Impact::Critical));
        assert_eq!(Impact::from_id("degraded"), None);
    }

    #[test]
    fn incident_lines_follow_strings_and_nesting() {
        let text = br#"{"page": {"name": "[x]", "incidents": [1]},
"note": "a \" , [ { string",
"incidents": [
  {"id": "a", "components": [{"name": "}"}]},
  {"id": "b"}, {"id": "c"}
],
"scheduled_maintenances": [
]}"#;
        let lines = incident_lines(text);
        assert_eq!(lines.incidents, vec![4, 5, 5]);
        assert!(lines.maintenances.is_empty());
        assert!(lines.bare.is_empty());
        assert_eq!(incident_lines(b"[\n{},\n\n null ]").bare, vec![2, 4]);
        assert_eq!(incident_lines(b"[ ]").bare, Vec::<u32>::new());
    }

    #[test]
    fn a_key_written_twice_is_read_as_serde_json_reads_it() {
        let text = b"{\"incidents\": [{}],\n\"incidents\": [\n{}, {}]}";
        assert_eq!(incident_lines(text).incidents, vec![3, 3]);
        let history = import(text, "x", &Weights::default()).expect("import");
        assert_eq!(history.incidents, 2);
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_where_it_breaks() {
        let error = import(b"{\"incidents\": [\n  \"\xFF\"]}", "x", &Weights::default())
            .expect_err("not UTF-8");
        assert_eq!(
            error,
            StatusError::Json {
                line: 2,
                column: 4,
                message: "not UTF-8 text".into()
            }
        );
    }

    #[test]
    fn a_source_starting_with_a_brace_or_bracket_is_json() {
        assert!(starts_as_json(b"{\"incidents\": []}"));
        assert!(starts_as_json(b" \r\n\t[ ]"));
        assert!(starts_as_json(b"\xEF\xBB\xBF  {"));
        assert!(!starts_as_json(b"service,start,end\n"));
        // A BOM only counts at the very start, and white space is ASCII.
        assert!(!starts_as_json(b" \xEF\xBB\xBF{"));
        assert!(!starts_as_json(b"\xC2\xA0{"));
        assert!(!starts_as_json(b""));
        assert!(!starts_as_json(b" \n "));
    }

    #[test]
    fn services_are_listed_once_in_the_order_first_met() {
        let json = br#"{"page": {"name": "Acme"}, "incidents": [
            {"id": "a", "impact": "minor", "created_at": "2026-03-02T10:00:00Z",
             "resolved_at": "2026-03-02T11:00:00Z",
             "components": [{"name": "API"}, {"name": "Web"}]},
            {"id": "b", "impact": "major", "created_at": "2026-03-03T10:00:00Z",
             "resolved_at": "2026-03-03T11:00:00Z", "components": [{"name": "Web"}]},
            {"id": "c", "impact": "none", "created_at": "2026-03-04T10:00:00Z",
             "resolved_at": "2026-03-04T11:00:00Z"},
            {"id": "d", "impact": "major", "created_at": "2026-03-05T10:00:00Z",
             "components": [{"name": "Billing"}]}]}"#;
        let history = import(json, "x", &Weights::default()).expect("import");
        // Billing's only incident is not resolved: it gives no outage.
        assert_eq!(history.services(), vec!["API", "Web", "Acme"]);
    }

    #[test]
    fn incident_numbers_come_from_the_path() {
        assert_eq!(incident_number("incidents[3]"), 4);
        assert_eq!(incident_number("[0]"), 1);
        assert_eq!(incident_number("x"), 0);
    }
}
