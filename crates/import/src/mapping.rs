//! What each column of an import means, and the options that say how its
//! values are written.

/// What an import produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Outage records: service, start, end (or duration), impact, planned, supplier.
    Outages,
    /// Ticket records: id, priority, created, first response, resolved.
    Tickets,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Outages, Kind::Tickets];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Outages => "outages",
            Kind::Tickets => "tickets",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The fields a mapping of this kind may use, in display order.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Outages => &[
                Field::Service,
                Field::Start,
                Field::End,
                Field::Duration,
                Field::Impact,
                Field::Planned,
                Field::Supplier,
                Field::Cause,
            ],
            Kind::Tickets => &[
                Field::Id,
                Field::Service,
                Field::Priority,
                Field::Created,
                Field::FirstResponse,
                Field::ResponseTime,
                Field::Resolved,
                Field::ResolutionTime,
                Field::Closed,
                Field::State,
                Field::Active,
                Field::Revision,
                Field::Updated,
                Field::Verdict,
                Field::Breached,
            ],
        }
    }
}

/// The meaning of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// Not imported.
    Ignore,
    /// The service (outages: required; tickets: optional).
    Service,
    /// Outage start (timestamp).
    Start,
    /// Outage end (timestamp); or give [`Field::Duration`].
    End,
    /// Outage length (duration), used when there is no end column or the end is empty.
    Duration,
    /// Share of the service lost (percentage, or words such as `major outage`).
    Impact,
    /// Planned maintenance (yes/no, `planned`, `maintenance`, ...).
    Planned,
    /// The supplier responsible.
    Supplier,
    /// Cause or title, kept as text.
    Cause,
    /// Ticket id (required for tickets).
    Id,
    /// Ticket priority (required for tickets).
    Priority,
    /// Ticket created (timestamp, required for tickets).
    Created,
    /// First response (timestamp).
    FirstResponse,
    /// Time to first response (duration from created), when there is no timestamp.
    ResponseTime,
    /// Resolved (timestamp); empty means still open.
    Resolved,
    /// Time to resolution (duration from created), when there is no timestamp.
    ResolutionTime,
    /// Closed (timestamp): a closed ticket without a resolution time is
    /// resolved at its close time.
    Closed,
    /// The ticket's state or status (`Closed`, `Resolved`, `In Progress`):
    /// a closing state marks the ticket closed.
    State,
    /// Whether the ticket is still active (yes/no): `false` marks it closed.
    Active,
    /// An update counter (ServiceNow `sys_mod_count`): of the rows of one
    /// ticket, the highest is its latest state.
    Revision,
    /// When the row's state was recorded (`sys_updated_on`, `Updated`): of
    /// the rows of one ticket with the same counter, the latest wins.
    Updated,
    /// The source system's own verdict, yes when the SLA was met
    /// (ServiceNow `made_sla`): kept and compared, never used for a figure.
    Verdict,
    /// The source system's own verdict, yes when the SLA was breached (a
    /// task SLA's `has_breached`).
    Breached,
}

/// How a field's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Text,
    Timestamp,
    Duration,
    Percent,
    Bool,
    /// A whole number (an update counter).
    Count,
}

impl Field {
    pub const ALL: [Field; 23] = [
        Field::Ignore,
        Field::Service,
        Field::Start,
        Field::End,
        Field::Duration,
        Field::Impact,
        Field::Planned,
        Field::Supplier,
        Field::Cause,
        Field::Id,
        Field::Priority,
        Field::Created,
        Field::FirstResponse,
        Field::ResponseTime,
        Field::Resolved,
        Field::ResolutionTime,
        Field::Closed,
        Field::State,
        Field::Active,
        Field::Revision,
        Field::Updated,
        Field::Verdict,
        Field::Breached,
    ];

    /// A stable identifier (saved mappings, the CLI, the record's JSON name).
    pub fn id(self) -> &'static str {
        match self {
            Field::Ignore => "ignore",
            Field::Service => "service",
            Field::Start => "start",
            Field::End => "end",
            Field::Duration => "duration",
            Field::Impact => "impact",
            Field::Planned => "planned",
            Field::Supplier => "supplier",
            Field::Cause => "cause",
            Field::Id => "id",
            Field::Priority => "priority",
            Field::Created => "created",
            Field::FirstResponse => "first_response",
            Field::ResponseTime => "response_time",
            Field::Resolved => "resolved",
            Field::ResolutionTime => "resolution_time",
            Field::Closed => "closed",
            Field::State => "state",
            Field::Active => "active",
            Field::Revision => "revision",
            Field::Updated => "updated",
            Field::Verdict => "verdict",
            Field::Breached => "breached",
        }
    }

    pub fn from_id(id: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The label shown in the mapping editor.
    pub fn label(self) -> &'static str {
        match self {
            Field::Ignore => "(not imported)",
            Field::Service => "Service",
            Field::Start => "Start",
            Field::End => "End",
            Field::Duration => "Duration",
            Field::Impact => "Impact",
            Field::Planned => "Planned",
            Field::Supplier => "Supplier",
            Field::Cause => "Cause / title",
            Field::Id => "Ticket id",
            Field::Priority => "Priority",
            Field::Created => "Created",
            Field::FirstResponse => "First response",
            Field::ResponseTime => "Time to first response",
            Field::Resolved => "Resolved",
            Field::ResolutionTime => "Time to resolution",
            Field::Closed => "Closed",
            Field::State => "State",
            Field::Active => "Active",
            Field::Revision => "Update counter",
            Field::Updated => "Updated (row's time)",
            Field::Verdict => "SLA met (the system's verdict)",
            Field::Breached => "SLA breached (the system's verdict)",
        }
    }

    pub fn value_type(self) -> ValueType {
        match self {
            Field::Start
            | Field::End
            | Field::Created
            | Field::FirstResponse
            | Field::Resolved
            | Field::Closed
            | Field::Updated => ValueType::Timestamp,
            Field::Active | Field::Verdict | Field::Breached => ValueType::Bool,
            Field::Revision => ValueType::Count,
            Field::Duration | Field::ResponseTime | Field::ResolutionTime => ValueType::Duration,
            Field::Impact => ValueType::Percent,
            Field::Planned => ValueType::Bool,
            Field::Ignore
            | Field::Service
            | Field::Supplier
            | Field::Cause
            | Field::Id
            | Field::Priority
            | Field::State => ValueType::Text,
        }
    }
}

use crate::dialect::{Dialect, SampleRow};
use crate::presets::{self, Preset};
use crate::values::{
    self, ClockEvidence, ClockReading, ClockUnit, DurationUnit, ImpactEvidence, ImpactReading,
    ImpactUnit, TimestampFormat,
};

/// One source column and what it is imported as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header text, or `column N` in a file without a header row.
    pub header: String,
    pub field: Field,
    /// For timestamp fields: how the column writes them.
    pub format: Option<TimestampFormat>,
}

/// Everything an import needs to turn records into measurements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub dialect: Dialect,
    pub kind: Kind,
    pub columns: Vec<Column>,
    /// The zone of timestamps written without an offset (IANA name or `UTC`).
    pub time_zone: String,
    /// Numbers use a decimal comma (`99,5`).
    pub decimal_comma: bool,
    /// The unit of a bare number in a duration column.
    pub duration_unit: DurationUnit,
    /// The unit of a bare number in the impact column, when the user chose
    /// it; `None` decides it from the whole column and its header while
    /// importing ([`ImpactEvidence::reading`]; the import's
    /// [`Summary::impact`](crate::import::Summary::impact) says which).
    pub impact_unit: Option<ImpactUnit>,
    /// How duration columns' values of two parts (`12:30`) read, when the
    /// user chose it; `None` takes each column's header, else h:mm
    /// ([`Settings::clock_unit_of`]; the import's
    /// [`Summary::clock`](crate::import::Summary::clock) says which).
    pub clock_unit: Option<ClockUnit>,
    /// Values that mean "no value" ([`EMPTY_MARKERS`] unless the user chose):
    /// a field holding one exactly (after trimming) reads as empty.
    pub empty_markers: Vec<String>,
    /// The preset the mapping came from, if any.
    pub preset: Option<&'static str>,
    /// In a history (a row per update of a ticket, with a state and an
    /// update time), the spans a ticket's state spent on hold
    /// ([`values::is_pause_state`]) become its pauses (the user's choice;
    /// off unless asked). See `docs/import.md`, "Pauses from the states of a
    /// history", and [`Summary::state_pauses`](crate::import::Summary::state_pauses).
    pub pauses_from_states: bool,
}

/// Values that mean "no value" in real exports, read as an empty field and
/// never as an error: SQL's `NULL`, `N/A`, a dash, `(empty)`, and `?` (the
/// missing-value convention of published research data sets). Compared
/// exactly, after trimming; the user may change the list
/// ([`Overrides::empty_markers`]).
pub const EMPTY_MARKERS: &[&str] = &["NULL", "null", "N/A", "n/a", "-", "(empty)", "?"];

/// Whether `markers` can be saved and given on a command line: each one
/// non-empty, at most 20 characters, without `;`, `|` or `,`.
pub fn empty_markers_problem(markers: &[String]) -> Option<String> {
    markers
        .iter()
        .find(|m| m.is_empty() || m.chars().count() > 20 || m.contains([';', '|', ',']))
        .map(|m| {
            format!(
                "`{m}` cannot be an empty marker: write each marker as 1 to 20 characters without `;`, `|` or `,`"
            )
        })
}

/// A detected mapping and what the user should check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub settings: Settings,
    /// Columns whose day/month order the data does not decide: the user must confirm it.
    pub ambiguous_dates: Vec<usize>,
    /// How the impact column's bare numbers read in the sample (`None`
    /// without an impact column). The import decides again from the whole
    /// column: a sample's factor or ambiguous reading may become percent
    /// there, never the other way. When
    /// [ambiguous](ImpactReading::is_ambiguous), ask the user.
    pub impact: Option<ImpactReading>,
    /// How the duration columns' values of two parts (`a:b`) read, when the
    /// sample has some (or the user chose the reading); `None` otherwise.
    /// The reading itself does not depend on the values
    /// ([`Settings::clock_unit_of`]): the whole file can only turn `None`
    /// into an ambiguous reading, when `a:b` values come after the sample.
    /// When [ambiguous](ClockReading::is_ambiguous), ask the user.
    pub clock: Option<ClockReading>,
    /// Why the mapping cannot be used yet (a required field is missing), for the user.
    pub problems: Vec<String>,
    /// The headers that identified the preset (empty without one).
    pub preset_evidence: Vec<String>,
    /// What the detection decided that the user should know (a column left
    /// unmapped because it is empty almost everywhere).
    pub notes: Vec<String>,
}

/// How a priority as an export writes it becomes one of the agreement's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityMapping {
    /// As the export writes it (`1 - Critical`).
    pub from: String,
    /// The agreement's priority (`P1`); `None` when none fits.
    pub to: Option<String>,
    pub why: PriorityWhy,
}

/// Why a priority maps as it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityWhy {
    /// The agreement names it exactly.
    Same,
    /// Both name this rank (1 the most urgent): `1 - Critical` and `P1`.
    Rank(u8),
    /// The value names no rank ([`values::priority_rank`]).
    NoRank,
    /// No priority of the agreement has this rank.
    NoTarget(u8),
    /// Several priorities of the agreement have this rank.
    Ambiguous(u8),
    /// The user said so.
    Chosen,
}

impl std::fmt::Display for PriorityMapping {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.to, self.why) {
            (Some(to), PriorityWhy::Same) => write!(f, "`{}` is the agreement's `{to}`", self.from),
            (Some(to), PriorityWhy::Rank(rank)) => {
                write!(
                    f,
                    "`{}` → `{to}` (both rank {rank}, 1 the most urgent)",
                    self.from
                )
            }
            (Some(to), _) => write!(f, "`{}` → `{to}` (chosen)", self.from),
            (None, PriorityWhy::NoTarget(rank)) => write!(
                f,
                "`{}` (rank {rank}) matches no priority of the agreement",
                self.from
            ),
            (None, PriorityWhy::Ambiguous(rank)) => write!(
                f,
                "`{}` (rank {rank}) could be several priorities of the agreement: say which",
                self.from
            ),
            (None, _) => write!(
                f,
                "`{}` names no rank and no priority of the agreement",
                self.from
            ),
        }
    }
}

/// How each priority `found` in an export maps to the agreement's `wanted`
/// priorities: itself when the agreement names it; else the one priority of
/// the agreement with the same rank ([`values::priority_rank`]: `1 -
/// Critical`, `P1`, `Sev 1`, `Critical`, `Highest` are all rank 1); else
/// none, with the reason. `chosen` pairs (the user's) come first and win.
pub fn propose_priority_map(
    found: &[String],
    wanted: &[String],
    chosen: &[(String, String)],
) -> Vec<PriorityMapping> {
    found
        .iter()
        .map(|from| {
            if let Some((_, to)) = chosen.iter().find(|(f, _)| f == from) {
                return PriorityMapping {
                    from: from.clone(),
                    to: Some(to.clone()),
                    why: PriorityWhy::Chosen,
                };
            }
            if wanted.contains(from) {
                return PriorityMapping {
                    from: from.clone(),
                    to: Some(from.clone()),
                    why: PriorityWhy::Same,
                };
            }
            let Some(rank) = values::priority_rank(from) else {
                return PriorityMapping {
                    from: from.clone(),
                    to: None,
                    why: PriorityWhy::NoRank,
                };
            };
            let same: Vec<&String> = wanted
                .iter()
                .filter(|w| values::priority_rank(w) == Some(rank))
                .collect();
            match same.as_slice() {
                [one] => PriorityMapping {
                    from: from.clone(),
                    to: Some((*one).clone()),
                    why: PriorityWhy::Rank(rank),
                },
                [] => PriorityMapping {
                    from: from.clone(),
                    to: None,
                    why: PriorityWhy::NoTarget(rank),
                },
                _ => PriorityMapping {
                    from: from.clone(),
                    to: None,
                    why: PriorityWhy::Ambiguous(rank),
                },
            }
        })
        .collect()
}

/// Lower-case letters and digits only: `Created at` → `createdat`.
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Header words (normalised) that name a field, for files that match no preset.
fn synonyms(field: Field) -> &'static [&'static str] {
    match field {
        Field::Ignore => &[],
        Field::Service => &[
            "service",
            "servicename",
            "component",
            "components",
            "componentname",
            "system",
            "application",
            "app",
            "affectedservice",
            "businessservice",
            "cmdbci",
            "configurationitem",
            "dienst",
            "host",
            "monitor",
            "check",
        ],
        Field::Start => &[
            "start",
            "starttime",
            "startedat",
            "started",
            "begin",
            "begintime",
            "from",
            "since",
            "outagestart",
            "startdate",
            "startdatetime",
            "beginn",
            "startzeit",
            "down",
            "downsince",
            "createdon",
            "createdat",
        ],
        Field::End => &[
            "end",
            "endtime",
            "endedat",
            "ended",
            "to",
            "until",
            "outageend",
            "enddate",
            "enddatetime",
            "ende",
            "endzeit",
            "resolvedat",
            "resolvedon",
            "resolved",
            "up",
            "upat",
            "recovered",
            "recoveredat",
        ],
        Field::Duration => &[
            "duration",
            "length",
            "downtime",
            "durationminutes",
            "durationmin",
            "durationseconds",
            "durations",
            "durationhours",
            "secondstoresolve",
            "dauer",
            "outageduration",
        ],
        Field::Impact => &[
            "impact",
            "impactpercent",
            "auswirkung",
            "severityimpact",
            "status",
        ],
        Field::Planned => &[
            "planned",
            "maintenance",
            "scheduled",
            "geplant",
            "plannedmaintenance",
            "type",
        ],
        Field::Supplier => &[
            "supplier",
            "vendor",
            "provider",
            "lieferant",
            "responsible",
            "owner",
        ],
        Field::Cause => &[
            "cause",
            "reason",
            "description",
            "title",
            "summary",
            "name",
            "ursache",
            "rootcause",
            "comment",
            "notes",
            "incident",
            "incidentname",
        ],
        Field::Id => &[
            "id",
            "number",
            "key",
            "issuekey",
            "ticket",
            "ticketid",
            "ticketnumber",
            "incidentnumber",
            "incidentid",
            "case",
            "caseid",
        ],
        // In order of preference: a column named for the priority wins over
        // one named for the severity, the urgency or the impact.
        Field::Priority => &[
            "priority",
            "prio",
            "prioritaet",
            "priorität",
            "priorite",
            "priorité",
            "prioridad",
            "priority1",
            "severity",
            "sev",
            "urgency",
        ],
        Field::Created => &[
            "created",
            "createdat",
            "createdon",
            "openedat",
            "opened",
            "reported",
            "reportedat",
            "createddate",
            "opendate",
            "erstellt",
        ],
        Field::FirstResponse => &[
            "firstresponse",
            "firstresponseat",
            "respondedat",
            "responded",
            "acknowledgedat",
            "acknowledged",
            "firstreplyat",
            "firstreply",
        ],
        Field::ResponseTime => &[
            "timetofirstresponse",
            "firstreplytimeinminutes",
            "firstreplytime",
            "responsetime",
            "timetorespond",
            "secondstofirstack",
            "timetoacknowledge",
        ],
        Field::Resolved => &[
            "resolved",
            "resolvedat",
            "solvedat",
            "solved",
            "resolvedon",
            "resolveddate",
            "geloest",
            "gelöst",
        ],
        Field::ResolutionTime => &[
            "timetoresolution",
            "fullresolutiontimeinminutes",
            "resolutiontime",
            "fullresolutiontime",
            "timetoresolve",
        ],
        Field::Closed => &[
            "closedat",
            "closed",
            "closedon",
            "closeddate",
            "closetime",
            "dateclosed",
            "geschlossen",
        ],
        Field::State => &[
            "state",
            "status",
            "incidentstate",
            "ticketstatus",
            "ticketstate",
            "statusname",
            "zustand",
        ],
        Field::Active => &["active", "isactive"],
        Field::Revision => &[
            "sysmodcount",
            "modcount",
            "updates",
            "updatecount",
            "revision",
        ],
        Field::Verdict => &["madesla", "slamet", "withinsla", "metsla", "slaachieved"],
        Field::Breached => &["hasbreached", "breached", "slabreached", "slabreach"],
        Field::Updated => &[
            "sysupdatedon",
            "sysupdatedat",
            "updated",
            "updatedat",
            "updatedon",
            "lastupdated",
            "lastmodified",
            "modified",
            "modifiedat",
        ],
    }
}

/// The unit a header names for a duration column (`… in minutes`, `seconds_to_…`).
fn header_unit(header: &str) -> Option<DurationUnit> {
    let h = normalise_header(header);
    if h.contains("second") || h.ends_with("secs") || h.ends_with("sec") {
        Some(DurationUnit::Seconds)
    } else if h.contains("minute") || h.ends_with("min") || h.ends_with("mins") {
        Some(DurationUnit::Minutes)
    } else if h.contains("hour") {
        Some(DurationUnit::Hours)
    } else {
        None
    }
}

impl Settings {
    /// The column of `field` (the first one mapped to it).
    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == field)
    }

    /// What is missing for this mapping to be imported (empty when it can be).
    pub fn problems(&self) -> Vec<String> {
        let has = |f: Field| self.column_of(f).is_some();
        let mut problems = Vec::new();
        let mut need = |ok: bool, what: &str| {
            if !ok {
                problems.push(format!("Choose the column that holds {what}."));
            }
        };
        match self.kind {
            Kind::Outages => {
                need(has(Field::Service), "the service");
                need(has(Field::Start), "the start of each outage");
                need(
                    has(Field::End) || has(Field::Duration),
                    "the end (or the duration) of each outage",
                );
            }
            Kind::Tickets => {
                need(has(Field::Id), "the ticket id");
                need(has(Field::Priority), "the priority");
                need(has(Field::Created), "the time each ticket was created");
            }
        }
        for column in &self.columns {
            if column.field.value_type() == ValueType::Timestamp && column.format.is_none() {
                problems.push(format!(
                    "Choose how column `{}` writes its timestamps.",
                    column.header
                ));
            }
            if column.field != Field::Ignore && !self.kind.fields().contains(&column.field) {
                problems.push(format!(
                    "Column `{}`: {} is not a field of {}.",
                    column.header,
                    column.field.label(),
                    self.kind.id()
                ));
            }
        }
        problems
    }

    /// A key that identifies the source's shape: its kind of export (preset)
    /// or its header row; used to save and find a user's mapping.
    pub fn source_key(&self) -> String {
        let headers: Vec<String> = self
            .columns
            .iter()
            .map(|c| normalise_header(&c.header))
            .collect();
        format!("{}|{}", self.dialect.syntax.delimiter, headers.join(","))
    }

    /// How the impact column's bare numbers read in `rows` (the sample), or
    /// as the user chose; `None` without an impact column.
    pub fn impact_reading(&self, rows: &[SampleRow]) -> Option<ImpactReading> {
        let column = self.column_of(Field::Impact)?;
        if let Some(unit) = self.impact_unit {
            return Some(ImpactReading {
                unit,
                basis: values::ImpactBasis::Chosen,
            });
        }
        let mut evidence = ImpactEvidence::default();
        for text in column_values(rows, self.dialect.header, column) {
            if let Ok(impact) = values::parse_impact(text, self.decimal_comma) {
                evidence.note(text, impact);
            }
        }
        let header = self.columns.get(column).map_or("", |c| c.header.as_str());
        Some(evidence.reading(header))
    }

    /// How values of two parts (`a:b`) in duration column `column` read: as
    /// the user chose, else as its header names ([`values::clock_unit_of_header`]),
    /// else h:mm, as imports always read them.
    pub fn clock_unit_of(&self, column: usize) -> ClockUnit {
        let header = self.columns.get(column).map_or("", |c| c.header.as_str());
        self.clock_unit
            .or_else(|| values::clock_unit_of_header(header))
            .unwrap_or(ClockUnit::HoursMinutes)
    }

    /// How the duration columns' values of two parts read in `rows` (the
    /// sample), or as the user chose; `None` when no duration column is
    /// mapped, or none has such a value and the user chose nothing. Each
    /// column is read by itself; with several, the one to ask about
    /// ([`ClockReading::of_columns`]).
    pub fn clock_reading(&self, rows: &[SampleRow]) -> Option<ClockReading> {
        let durations = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.field.value_type() == ValueType::Duration);
        ClockReading::of_columns(durations.map(|(i, column)| {
            if let Some(unit) = self.clock_unit {
                return Some(ClockReading {
                    unit,
                    basis: values::ClockBasis::Chosen,
                });
            }
            let mut evidence = ClockEvidence::default();
            for text in column_values(rows, self.dialect.header, i) {
                evidence.note(text);
            }
            evidence.reading(&column.header)
        }))
    }

    /// The user's choices as one line of text (saved per source; read back by [`Overrides::from_saved`]).
    pub fn save(&self) -> String {
        let columns: Vec<String> = self
            .columns
            .iter()
            .map(|c| match c.format {
                Some(format) => format!("{}:{}", c.field.id(), format.id()),
                None => c.field.id().to_string(),
            })
            .collect();
        // The impact unit only when chosen, so that earlier saved lines stay as they were.
        let impact_unit = self
            .impact_unit
            .map(|unit| format!(";iu={}", unit.id()))
            .unwrap_or_default();
        // Likewise the reading of `a:b` durations.
        let clock_unit = self
            .clock_unit
            .map(|unit| format!(";cu={}", unit.id()))
            .unwrap_or_default();
        // Pauses from states only when asked for.
        let pauses = if self.pauses_from_states { ";ps=1" } else { "" };
        // The empty markers only when not the default list.
        let empty_markers = if self
            .empty_markers
            .iter()
            .map(String::as_str)
            .eq(EMPTY_MARKERS.iter().copied())
        {
            String::new()
        } else {
            format!(";em={}", self.empty_markers.join("|"))
        };
        format!(
            "v1;kind={};tz={};dc={};du={}{impact_unit}{clock_unit}{pauses}{empty_markers};header={};cols={}",
            self.kind.id(),
            self.time_zone,
            u8::from(self.decimal_comma),
            self.duration_unit.id(),
            u8::from(self.dialect.header),
            columns.join(",")
        )
    }
}

/// The values of column `i` in the sample (after the header row), without
/// empty ones and [`EMPTY_MARKERS`].
fn column_values(rows: &[SampleRow], header: bool, i: usize) -> Vec<&str> {
    rows.iter()
        .skip(usize::from(header))
        .filter_map(|r| r.fields.get(i))
        .map(|s| s.trim())
        .filter(|s| !s.is_empty() && !EMPTY_MARKERS.contains(s))
        .take(100)
        .collect()
}

/// Detects the kind of data and the meaning of each column from the header
/// row (a preset's signature, then header words) and the values.
pub fn propose(dialect: Dialect, rows: &[SampleRow], time_zone: &str) -> Proposal {
    let width = rows
        .iter()
        .take(50)
        .map(|r| r.fields.len())
        .max()
        .unwrap_or(0);
    let headers: Vec<String> = match (dialect.header, rows.first()) {
        (true, Some(first)) => (0..width)
            .map(|i| {
                first
                    .fields
                    .get(i)
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty())
                    .unwrap_or_else(|| format!("column {}", i + 1))
            })
            .collect(),
        _ => (1..=width).map(|i| format!("column {i}")).collect(),
    };
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    let detection = if dialect.header {
        presets::detect_with_evidence(&header_refs)
    } else {
        None
    };
    let preset = detection.as_ref().map(|d| d.preset);
    let (kind, fields, unit) = match preset {
        Some(p) => (p.kind, preset_fields(p, &header_refs), p.duration_unit),
        None if dialect.header => by_header_words(&header_refs, None),
        None => (Kind::Outages, by_values(rows, width), DurationUnit::Minutes),
    };
    let mut ambiguous_dates = Vec::new();
    let mut columns = Vec::with_capacity(width);
    let mut notes = Vec::new();
    for (i, (header, mut field)) in headers.iter().zip(fields).enumerate() {
        if field == Field::Service {
            if let Some(share) = mostly_empty(rows, dialect.header, i) {
                notes.push(format!(
                    "`{header}` is empty (or an empty marker such as `?`) in {share} % of the sample's rows: not taken as the service"
                ));
                field = Field::Ignore;
            }
        }
        let format = if field.value_type() == ValueType::Timestamp {
            let values = column_values(rows, dialect.header, i);
            let guess = values::detect_timestamp(&values);
            if guess.is_some_and(|g| g.ambiguous) {
                ambiguous_dates.push(i);
            }
            guess.map(|g| g.format)
        } else {
            None
        };
        columns.push(Column {
            header: header.clone(),
            field,
            format,
        });
    }
    // Columns with the same order of day and month: one ambiguous date column
    // decided by another column is decided.
    let decided: Option<TimestampFormat> = columns
        .iter()
        .enumerate()
        .filter(|(i, c)| !ambiguous_dates.contains(i) && c.format.is_some())
        .find_map(|(_, c)| {
            c.format
                .filter(|f| matches!(f, TimestampFormat::Numeric(_)))
        });
    if let Some(order) = decided {
        for i in ambiguous_dates.drain(..) {
            if let Some(column) = columns.get_mut(i) {
                column.format = Some(order);
            }
        }
    }
    let duration_unit = columns
        .iter()
        .filter(|c| c.field.value_type() == ValueType::Duration)
        .find_map(|c| header_unit(&c.header))
        .unwrap_or(unit);
    let numeric_samples: Vec<&str> = columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c.field.value_type(),
                ValueType::Duration | ValueType::Percent
            )
        })
        .flat_map(|(i, _)| column_values(rows, dialect.header, i))
        .collect();
    let decimal_comma =
        values::detect_decimal_comma(&numeric_samples).unwrap_or(dialect.syntax.delimiter == b';');
    let settings = Settings {
        dialect,
        kind,
        columns,
        time_zone: time_zone.to_string(),
        decimal_comma,
        duration_unit,
        impact_unit: None,
        clock_unit: None,
        empty_markers: EMPTY_MARKERS.iter().map(|m| (*m).to_owned()).collect(),
        preset: preset.map(|p| p.id),
        pauses_from_states: false,
    };
    let problems = settings.problems();
    let impact = settings.impact_reading(rows);
    let clock = settings.clock_reading(rows);
    Proposal {
        settings,
        ambiguous_dates,
        impact,
        clock,
        problems,
        preset_evidence: detection.map(|d| d.evidence).unwrap_or_default(),
        notes,
    }
}

/// The share (whole percent) of the sample's rows whose column `i` is empty
/// or an empty marker, when it is at least 90 % of at least 10 rows.
fn mostly_empty(rows: &[SampleRow], header: bool, i: usize) -> Option<u64> {
    let values: Vec<&str> = rows
        .iter()
        .skip(usize::from(header))
        .map(|r| r.fields.get(i).map_or("", |s| s.trim()))
        .collect();
    let total = values.len() as u64;
    let empty = values
        .iter()
        .filter(|v| v.is_empty() || EMPTY_MARKERS.contains(v))
        .count() as u64;
    (total >= 10 && empty * 10 >= total * 9).then(|| empty * 100 / total)
}

/// A preset's fields for these headers: each field from the first of its
/// alternative headers that is present.
fn preset_fields(preset: &Preset, headers: &[&str]) -> Vec<Field> {
    let normal: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut fields = vec![Field::Ignore; headers.len()];
    for (name, field) in preset.columns {
        if fields.contains(field) {
            continue;
        }
        let wanted = normalise_header(name);
        if let Some(i) = normal.iter().position(|h| *h == wanted) {
            if let Some(slot) = fields.get_mut(i) {
                if *slot == Field::Ignore {
                    *slot = *field;
                }
            }
        }
    }
    fields
}

/// Header words, for the kind whose required fields they cover best.
fn by_header_words(headers: &[&str], only: Option<Kind>) -> (Kind, Vec<Field>, DurationUnit) {
    let normal: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let mut best: Option<(usize, Kind, Vec<Field>)> = None;
    for kind in Kind::ALL
        .into_iter()
        .filter(|k| only.is_none_or(|o| o == *k))
    {
        let mut fields = vec![Field::Ignore; headers.len()];
        // Exact words, in the kind's field order, each field once: of the
        // free columns, the one whose header is the field's most preferred
        // word (`priority` before `urgency`), then the leftmost.
        for field in kind.fields() {
            let words = synonyms(*field);
            let best = normal
                .iter()
                .enumerate()
                .filter(|(i, _)| fields.get(*i) == Some(&Field::Ignore))
                .filter_map(|(i, h)| Some((words.iter().position(|w| *w == h.as_str())?, i)))
                .min();
            if let Some((_, i)) = best {
                if let Some(slot) = fields.get_mut(i) {
                    *slot = *field;
                }
            }
        }
        let required: &[Field] = match kind {
            Kind::Outages => &[Field::Service, Field::Start],
            Kind::Tickets => &[Field::Id, Field::Priority, Field::Created],
        };
        let covered = required.iter().filter(|f| fields.contains(f)).count();
        let complete = usize::from(covered == required.len());
        let matched = fields.iter().filter(|f| **f != Field::Ignore).count();
        let score = complete * 1000 + covered * 100 + matched;
        if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, kind, fields));
        }
    }
    let (_, kind, fields) = best.unwrap_or((0, Kind::Outages, vec![Field::Ignore; headers.len()]));
    (kind, fields, DurationUnit::Minutes)
}

/// Without a header: the first text column is the service, the first two
/// timestamp columns start and end, a percentage column the impact.
fn by_values(rows: &[SampleRow], width: usize) -> Vec<Field> {
    let mut fields = vec![Field::Ignore; width];
    let mut timestamps = 0;
    for (i, slot) in fields.iter_mut().enumerate() {
        let values = column_values(rows, false, i);
        if values.is_empty() {
            continue;
        }
        if values::detect_timestamp(&values).is_some() && !values.iter().all(|v| v.len() <= 4) {
            *slot = match timestamps {
                0 => Field::Start,
                1 => Field::End,
                _ => Field::Ignore,
            };
            timestamps += 1;
        } else if values.iter().all(|v| v.ends_with('%')) {
            *slot = Field::Impact;
        }
    }
    for (i, slot) in fields.iter_mut().enumerate() {
        let values = column_values(rows, false, i);
        if *slot == Field::Ignore
            && !values.is_empty()
            && !values.iter().any(|v| crate::dialect::looks_like_data(v))
        {
            *slot = Field::Service;
            break;
        }
    }
    fields
}

/// What the user (or the CLI's options) decided over the detection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    pub encoding: Option<crate::decode::Encoding>,
    pub delimiter: Option<u8>,
    /// `Some(false)` reads quotes as ordinary characters.
    pub quoting: Option<bool>,
    pub header: Option<bool>,
    /// A preset id.
    pub preset: Option<String>,
    pub kind: Option<Kind>,
    pub date_order: Option<values::DateOrder>,
    pub decimal_comma: Option<bool>,
    pub duration_unit: Option<DurationUnit>,
    /// The unit of the impact column's bare numbers (`--impact-unit`);
    /// `None` decides it from the column.
    pub impact_unit: Option<ImpactUnit>,
    /// How duration values of two parts (`12:30`) read (`--clock-unit`);
    /// `None` takes each column's header, else h:mm.
    pub clock_unit: Option<ClockUnit>,
    /// Values read as empty, instead of [`EMPTY_MARKERS`].
    pub empty_markers: Option<Vec<String>>,
    /// Pauses from the on-hold states of a history
    /// ([`Settings::pauses_from_states`], `--pauses-from-states`); `None`
    /// leaves them off.
    pub pauses_from_states: Option<bool>,
    /// (header or 1-based column number, field id) pairs.
    pub columns: Vec<(String, Field)>,
}

/// Why a file cannot be prepared for import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrepareError {
    Unreadable(crate::decode::Unreadable),
    /// An override names something that does not exist.
    Override(String),
}

impl std::fmt::Display for PrepareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrepareError::Unreadable(u) => u.fmt(f),
            PrepareError::Override(text) => f.write_str(text),
        }
    }
}

/// Detects the dialect and mapping of a file from its first bytes, then
/// applies the overrides.
///
/// # Errors
/// A file that cannot be text, or an override that names an unknown preset or column.
pub fn prepare(
    sample: &[u8],
    complete: bool,
    time_zone: &str,
    overrides: &Overrides,
) -> Result<(Proposal, Vec<SampleRow>), PrepareError> {
    let mut dialect = crate::dialect::detect(sample, complete).map_err(PrepareError::Unreadable)?;
    if let Some(encoding) = overrides.encoding {
        dialect.encoding = encoding;
    }
    if let Some(delimiter) = overrides.delimiter {
        dialect.syntax.delimiter = delimiter;
    }
    if let Some(quoting) = overrides.quoting {
        dialect.syntax.quote = quoting.then_some(b'"');
    }
    let rows =
        crate::dialect::sample_rows(sample, &dialect, complete, crate::dialect::SAMPLE_RECORDS);
    if overrides.delimiter.is_some() || overrides.quoting.is_some() {
        // The header guess depends on how the rows split.
        let redetected =
            crate::dialect::detect(sample, complete).map_err(PrepareError::Unreadable)?;
        if redetected.syntax != dialect.syntax {
            // Fix: this set `header = true` whatever the rows, so correcting
            // the delimiter of a file without a header made its first data
            // row the header (and left every column unmapped). Guess again
            // from the rows as they now split.
            dialect.header = crate::dialect::has_header(&rows);
        }
    }
    if let Some(header) = overrides.header {
        dialect.header = header;
    }
    let mut proposal = propose(dialect, &rows, time_zone);
    let settings = &mut proposal.settings;
    let headers: Vec<String> = settings.columns.iter().map(|c| c.header.clone()).collect();
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    if let Some(id) = &overrides.preset {
        let preset = presets::by_id(id).ok_or_else(|| {
            PrepareError::Override(format!(
                "There is no preset `{id}`; the presets are {}.",
                presets::ALL
                    .iter()
                    .map(|p| p.id)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
        let fields = preset_fields(preset, &header_refs);
        settings.kind = preset.kind;
        settings.duration_unit = preset.duration_unit;
        settings.preset = Some(preset.id);
        for (column, field) in settings.columns.iter_mut().zip(fields) {
            column.field = field;
        }
    }
    if let Some(kind) = overrides.kind {
        if kind != settings.kind {
            let (_, fields, _) = by_header_words(&header_refs, Some(kind));
            settings.kind = kind;
            settings.preset = None;
            for (column, field) in settings.columns.iter_mut().zip(fields) {
                column.field = field;
            }
        }
    }
    for (name, field) in &overrides.columns {
        let wanted = normalise_header(name);
        let index = name
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .filter(|i| *i < settings.columns.len())
            .or_else(|| {
                settings
                    .columns
                    .iter()
                    .position(|c| normalise_header(&c.header) == wanted)
            })
            .ok_or_else(|| {
                PrepareError::Override(format!(
                    "There is no column `{name}`; the columns are {}.",
                    headers
                        .iter()
                        .map(|h| format!("`{h}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        // A field belongs to one column.
        for column in settings.columns.iter_mut() {
            if column.field == *field && *field != Field::Ignore {
                column.field = Field::Ignore;
            }
        }
        if let Some(column) = settings.columns.get_mut(index) {
            column.field = *field;
        }
    }
    // Formats of columns newly mapped to timestamps; a column no longer a
    // timestamp loses its format (and its ambiguity).
    let mut ambiguous: Vec<usize> = proposal
        .ambiguous_dates
        .iter()
        .copied()
        .filter(|i| {
            settings
                .columns
                .get(*i)
                .is_some_and(|c| c.field.value_type() == ValueType::Timestamp)
        })
        .collect();
    for (i, column) in settings.columns.iter_mut().enumerate() {
        if column.field.value_type() != ValueType::Timestamp {
            column.format = None;
            continue;
        }
        if column.format.is_none() {
            let values = column_values(&rows, settings.dialect.header, i);
            let guess = values::detect_timestamp(&values);
            column.format = guess.map(|g| g.format);
            if guess.is_some_and(|g| g.ambiguous) {
                ambiguous.push(i);
            }
        }
    }
    proposal.ambiguous_dates = ambiguous;
    let settings = &mut proposal.settings;
    // Fix: a whole file with a header and no data rows (an export of an empty
    // period) has no values to detect a timestamp format from, which asked
    // the user to "choose how column `start` writes its timestamps" instead
    // of importing nothing. Nothing is read in any format: take ISO 8601.
    if complete && rows.len() <= usize::from(settings.dialect.header) {
        for column in settings.columns.iter_mut() {
            if column.field.value_type() == ValueType::Timestamp && column.format.is_none() {
                column.format = Some(TimestampFormat::Iso);
            }
        }
    }
    if let Some(order) = overrides.date_order {
        for column in settings.columns.iter_mut() {
            if matches!(column.format, Some(TimestampFormat::Numeric(_))) {
                column.format = Some(TimestampFormat::Numeric(order));
            }
        }
        proposal.ambiguous_dates.clear();
    }
    if let Some(decimal_comma) = overrides.decimal_comma {
        settings.decimal_comma = decimal_comma;
    }
    if let Some(unit) = overrides.duration_unit {
        settings.duration_unit = unit;
    }
    settings.impact_unit = overrides.impact_unit;
    settings.clock_unit = overrides.clock_unit;
    settings.pauses_from_states = overrides.pauses_from_states.unwrap_or(false);
    if let Some(markers) = &overrides.empty_markers {
        if let Some(problem) = empty_markers_problem(markers) {
            return Err(PrepareError::Override(problem));
        }
        settings.empty_markers.clone_from(markers);
    }
    proposal.problems = proposal.settings.problems();
    proposal.impact = proposal.settings.impact_reading(&rows);
    proposal.clock = proposal.settings.clock_reading(&rows);
    Ok((proposal, rows))
}

impl Overrides {
    /// A mapping saved by [`Settings::save`] as overrides, with its time zone:
    /// the app applies a user's earlier choices to a file of the same shape.
    pub fn from_saved(saved: &str) -> Option<(Overrides, String)> {
        let mut parts = saved.split(';');
        if parts.next() != Some("v1") {
            return None;
        }
        let mut overrides = Overrides::default();
        let mut zone = String::new();
        for part in parts {
            let (key, value) = part.split_once('=')?;
            match key {
                "kind" => overrides.kind = Some(Kind::from_id(value)?),
                "tz" => zone = value.to_string(),
                "dc" => overrides.decimal_comma = Some(value == "1"),
                "du" => overrides.duration_unit = Some(DurationUnit::from_id(value)?),
                "iu" => overrides.impact_unit = Some(ImpactUnit::from_id(value)?),
                "cu" => overrides.clock_unit = Some(ClockUnit::from_id(value)?),
                "ps" => overrides.pauses_from_states = Some(value == "1"),
                "em" => {
                    overrides.empty_markers = Some(if value.is_empty() {
                        Vec::new()
                    } else {
                        value.split('|').map(str::to_owned).collect()
                    });
                }
                "header" => overrides.header = Some(value == "1"),
                "cols" => {
                    for (i, spec) in value.split(',').enumerate() {
                        let (field, format) = match spec.split_once(':') {
                            Some((f, fmt)) => (f, TimestampFormat::from_id(fmt)),
                            None => (spec, None),
                        };
                        overrides
                            .columns
                            .push(((i + 1).to_string(), Field::from_id(field)?));
                        if let Some(TimestampFormat::Numeric(order)) = format {
                            overrides.date_order = Some(order);
                        }
                    }
                }
                _ => return None,
            }
        }
        Some((overrides, zone))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priorities_map_by_rank_to_the_agreements_scale() {
        let strings = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        for (text, rank) in [
            ("1 - Critical", Some(1)),
            ("2 - High", Some(2)),
            ("5 - Planning", Some(5)),
            ("P1", Some(1)),
            ("p 3", Some(3)),
            ("Sev 2", Some(2)),
            ("SEV-1", Some(1)),
            ("Severity 4", Some(4)),
            ("Priority 2", Some(2)),
            ("S3", Some(3)),
            ("Highest", Some(1)),
            ("urgent", Some(1)),
            ("Normal", Some(3)),
            ("Lowest", Some(5)),
            ("Planning", Some(5)),
            ("P10", None),
            ("2016-02-29", None),
            ("VIP", None),
            ("", None),
        ] {
            assert_eq!(values::priority_rank(text), rank, "{text}");
        }
        let found = strings(&[
            "1 - Critical",
            "2 - High",
            "P3",
            "Sev 4",
            "VIP",
            "5 - Planning",
        ]);
        let map = propose_priority_map(&found, &strings(&["P1", "P2", "P3", "P4"]), &[]);
        let seen: Vec<(Option<&str>, PriorityWhy)> =
            map.iter().map(|m| (m.to.as_deref(), m.why)).collect();
        assert_eq!(
            seen,
            [
                (Some("P1"), PriorityWhy::Rank(1)),
                (Some("P2"), PriorityWhy::Rank(2)),
                (Some("P3"), PriorityWhy::Same),
                (Some("P4"), PriorityWhy::Rank(4)),
                (None, PriorityWhy::NoRank),
                (None, PriorityWhy::NoTarget(5)),
            ]
        );
        assert_eq!(
            map[0].to_string(),
            "`1 - Critical` → `P1` (both rank 1, 1 the most urgent)"
        );
        // Two of the agreement's priorities of one rank: not guessed.
        let map = propose_priority_map(&strings(&["High"]), &strings(&["P2", "2 - High"]), &[]);
        assert_eq!(map[0].why, PriorityWhy::Ambiguous(2));
        // The user's choice wins.
        let chosen = [("VIP".to_owned(), "P1".to_owned())];
        let map = propose_priority_map(&strings(&["VIP"]), &strings(&["P1"]), &chosen);
        assert_eq!(
            (map[0].to.as_deref(), map[0].why),
            (Some("P1"), PriorityWhy::Chosen)
        );
    }
    use crate::values::{ClockBasis, ImpactBasis};

    fn proposal(csv: &str, overrides: &Overrides) -> Proposal {
        let (proposal, _) =
            prepare(csv.as_bytes(), true, "UTC", overrides).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(proposal.problems, Vec::<String>::new());
        proposal
    }

    fn outages(header: &str, impacts: &[&str]) -> String {
        let mut csv = format!("service,start,end,{header}\n");
        for (day, impact) in (1..).zip(impacts) {
            csv.push_str(&format!(
                "mail,2026-03-{day:02} 10:00,2026-03-{day:02} 11:00,\"{impact}\"\n"
            ));
        }
        csv
    }

    #[test]
    fn the_proposal_says_how_the_impact_column_reads() {
        let read = |header: &str, impacts: &[&str]| {
            proposal(&outages(header, impacts), &Overrides::default())
                .impact
                .map(|r| (r.unit, r.basis))
        };
        assert_eq!(
            read("impact", &["50", "100", "25"]),
            Some((ImpactUnit::Percent, ImpactBasis::AboveOne))
        );
        assert_eq!(
            read("impact", &["100%", "1%"]),
            Some((ImpactUnit::Percent, ImpactBasis::PercentSign))
        );
        assert_eq!(
            read("impact", &["1", "0.5"]),
            Some((ImpactUnit::Factor, ImpactBasis::Fractions))
        );
        assert_eq!(
            read("impact", &["1", "1"]),
            Some((ImpactUnit::Percent, ImpactBasis::Ambiguous))
        );
        assert_eq!(
            read("Impact (%)", &["1", "0"]),
            Some((ImpactUnit::Percent, ImpactBasis::Header))
        );
        // No impact column, nothing to read.
        let csv = "service,start,end\nmail,2026-03-01 10:00,2026-03-01 11:00\n";
        assert_eq!(proposal(csv, &Overrides::default()).impact, None);
    }

    #[test]
    fn the_impact_unit_can_be_chosen_and_is_saved_only_when_chosen() {
        let csv = outages("impact", &["1", "1"]);
        let detected = proposal(&csv, &Overrides::default());
        assert_eq!(detected.settings.impact_unit, None);
        assert!(!detected.settings.save().contains("iu="));
        let factor = Overrides {
            impact_unit: Some(ImpactUnit::Factor),
            ..Overrides::default()
        };
        let chosen = proposal(&csv, &factor);
        assert_eq!(chosen.settings.impact_unit, Some(ImpactUnit::Factor));
        assert_eq!(
            chosen.impact,
            Some(ImpactReading {
                unit: ImpactUnit::Factor,
                basis: ImpactBasis::Chosen
            })
        );
        let saved = chosen.settings.save();
        assert!(saved.contains(";iu=factor;"), "{saved}");
        let (restored, _) = Overrides::from_saved(&saved).expect("saved mapping");
        assert_eq!(restored.impact_unit, Some(ImpactUnit::Factor));
        assert_eq!(proposal(&csv, &restored).settings, chosen.settings);
        assert_eq!(Overrides::from_saved("v1;iu=fraction"), None);
    }

    fn durations(header: &str, durations: &[&str]) -> String {
        let mut csv = format!("service,start,{header}\n");
        for duration in durations {
            csv.push_str(&format!("mail,2026-03-01 10:00,{duration}\n"));
        }
        csv
    }

    #[test]
    fn the_proposal_says_how_a_b_durations_read() {
        let read = |header: &str, values: &[&str]| {
            // The generic outage log's preset maps only a column named `duration`.
            let third_is_duration = Overrides {
                columns: vec![("3".into(), Field::Duration)],
                ..Overrides::default()
            };
            let proposal = proposal(&durations(header, values), &third_is_duration);
            assert_eq!(
                proposal.settings.columns[2].field,
                Field::Duration,
                "{header}"
            );
            proposal.clock.map(|r| (r.unit, r.basis))
        };
        assert_eq!(read("duration", &["90", "1h 30m", "01:30:00"]), None);
        assert_eq!(
            read("duration", &["90", "12:30"]),
            Some((ClockUnit::HoursMinutes, ClockBasis::Ambiguous))
        );
        assert_eq!(
            read("duration_seconds", &["12:30"]),
            Some((ClockUnit::MinutesSeconds, ClockBasis::Header))
        );
        assert_eq!(
            read("duration_hours", &["12:30"]),
            Some((ClockUnit::HoursMinutes, ClockBasis::Header))
        );
        // Not a duration column: `a:b` there is not a duration.
        let csv = "service,start,end,cause\nmail,2026-03-01 10:00,2026-03-01 11:00,12:30\n";
        assert_eq!(proposal(csv, &Overrides::default()).clock, None);
    }

    #[test]
    fn the_clock_unit_can_be_chosen_and_is_saved_only_when_chosen() {
        let csv = durations("duration", &["12:30"]);
        let detected = proposal(&csv, &Overrides::default());
        assert_eq!(detected.settings.clock_unit, None);
        assert_eq!(detected.settings.clock_unit_of(2), ClockUnit::HoursMinutes);
        assert!(!detected.settings.save().contains("cu="));
        let minutes = Overrides {
            clock_unit: Some(ClockUnit::MinutesSeconds),
            ..Overrides::default()
        };
        let chosen = proposal(&csv, &minutes);
        assert_eq!(chosen.settings.clock_unit_of(2), ClockUnit::MinutesSeconds);
        assert_eq!(
            chosen.clock,
            Some(ClockReading {
                unit: ClockUnit::MinutesSeconds,
                basis: ClockBasis::Chosen
            })
        );
        let saved = chosen.settings.save();
        assert!(saved.contains(";cu=mm:ss;"), "{saved}");
        let (restored, _) = Overrides::from_saved(&saved).expect("saved mapping");
        assert_eq!(restored.clock_unit, Some(ClockUnit::MinutesSeconds));
        assert_eq!(proposal(&csv, &restored).settings, chosen.settings);
        // A line saved before the clock unit existed reads as it did.
        let (earlier, _) = Overrides::from_saved(
            "v1;kind=outages;tz=UTC;dc=0;du=min;header=1;cols=service,start:iso,duration",
        )
        .expect("saved mapping");
        assert_eq!(earlier.clock_unit, None);
        assert_eq!(Overrides::from_saved("v1;cu=m:s"), None);
    }
}
