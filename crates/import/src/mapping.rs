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
}

/// How a field's values are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    Text,
    Timestamp,
    Duration,
    Percent,
    Bool,
}

impl Field {
    pub const ALL: [Field; 16] = [
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
        }
    }

    pub fn value_type(self) -> ValueType {
        match self {
            Field::Start | Field::End | Field::Created | Field::FirstResponse | Field::Resolved => {
                ValueType::Timestamp
            }
            Field::Duration | Field::ResponseTime | Field::ResolutionTime => ValueType::Duration,
            Field::Impact => ValueType::Percent,
            Field::Planned => ValueType::Bool,
            Field::Ignore
            | Field::Service
            | Field::Supplier
            | Field::Cause
            | Field::Id
            | Field::Priority => ValueType::Text,
        }
    }
}
