//! The agreement model: the JSON files users write, open and exchange.
//!
//! Two kinds of file, both versioned (`"version": 1`) and documented field by
//! field in `docs/format.md`:
//!
//! - an **agreement file** ([`AgreementFile`]): the provider, services,
//!   customers, suppliers, calendars and agreements (SLA, OLA, UC) with their
//!   targets, credit terms and termination rights;
//! - a **measurement file** ([`MeasurementFile`]): outages, tickets, event
//!   counts, samples and manual values.
//!
//! Reading a file ([`load`]) refuses unknown fields and invalid values with
//! the JSON path of the offending field (`agreements[0].targets[1].expected`),
//! then checks cross-references (a target naming a service that does not
//! exist) the same way. [`resolve`] gives the effective targets of every
//! (customer, service) pair with their provenance; [`align`] checks that OLAs
//! and UCs support the SLA targets they are linked to.

pub mod align;
mod dependency;
mod json_path;
pub mod load;
pub mod resolve;
pub mod values;

use serde::{Deserialize, Serialize};

pub use values::{Amount, Duration, Level, Timestamp};

/// The version this engine writes; older versions are migrated on load.
pub const FORMAT_VERSION: u32 = 1;

/// The `format` value of an agreement file.
pub const AGREEMENT_FORMAT: &str = "sla-agreements";
/// The `format` value of a measurement file.
pub const MEASUREMENT_FORMAT: &str = "sla-measurements";

/// Everything about the agreements of one provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementFile {
    /// Always `sla-agreements`.
    pub format: String,
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// ISO 4217 code of every amount in the file.
    pub currency: String,
    /// IANA zone in which periods (months, quarters, years) are cut.
    pub time_zone: String,
    /// The party that gives the SLAs.
    pub provider: Party,
    pub services: Vec<Service>,
    #[serde(default)]
    pub customers: Vec<Customer>,
    #[serde(default)]
    pub suppliers: Vec<Supplier>,
    #[serde(default)]
    pub calendars: Vec<CalendarDef>,
    pub agreements: Vec<Agreement>,
}

impl AgreementFile {
    /// The ticket priorities its targets name (response and resolution
    /// targets of every agreement), each once, in the order of the file:
    /// what an export's priorities are mapped to.
    pub fn ticket_priorities(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for agreement in &self.agreements {
            for target in &agreement.targets {
                if let Metric::ResponseTime {
                    priority: Some(p), ..
                }
                | Metric::ResolutionTime {
                    priority: Some(p), ..
                } = &target.metric
                {
                    if !out.contains(p) {
                        out.push(p.clone());
                    }
                }
            }
        }
        out
    }
}

/// A party to an agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
}

/// A service the provider delivers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// The monthly charge for the service (the base of percentage credits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_charge: Option<Amount>,
    /// The service level requirements (SLRs): what the customer asked for,
    /// per SLA target of the service (`crate::capability` sets each beside
    /// what the supporting agreements can deliver).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    /// What the service's availability depends on, in one line of the
    /// quick calculator's composite syntax with names for the parts:
    /// `serial(ops-ola/availability, parallel(a/availability,
    /// b/availability), service:db)` ([`Dependency::parse`]). When given,
    /// it replaces the assumption that every supporting agreement is
    /// needed (in series).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependencies: Option<String>,
}

/// A service level requirement: the level a customer asked of an SLA target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// The SLA target asked of, `agreement-id/target-id`.
    pub target: String,
    /// The level asked for, in the target's unit (percent for shares).
    pub expected: Level,
    /// For a response- or resolution-time target: the time asked for (the
    /// target's own time when left out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<Duration>,
    /// Where the requirement comes from (a tender, a meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a service's availability depends on, read from its
/// `dependencies` line ([`Dependency::parse`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dependency {
    /// An OLA or UC availability target, `agreement-id/target-id`: its level.
    Target(String),
    /// Another service (`service:id`): what its own dependencies give.
    Service(String),
    /// All are needed: `serial(…)`.
    Serial(Vec<Dependency>),
    /// Any one suffices: `parallel(…)`.
    Parallel(Vec<Dependency>),
    /// At least `k` of them are needed: `2of3(…)`.
    KOfN { k: usize, of: Vec<Dependency> },
}

/// A customer, or a department of the provider's organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    pub id: String,
    pub name: String,
    /// The services this customer uses.
    pub services: Vec<String>,
}

/// A team (OLA) or company (UC) the provider depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplier {
    pub id: String,
    pub name: String,
    /// `true` for a team inside the provider's organisation (an OLA partner).
    #[serde(default)]
    pub internal: bool,
}

/// Service hours in a time zone, with holidays and exclusions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarDef {
    pub id: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// IANA zone of the service hours, e.g. `Europe/Berlin`.
    pub time_zone: String,
    /// `Mon-Fri 08:00-18:00`, `24x7`, `Mon-Fri 08:00-18:00; Sat 09:00-13:00`.
    pub hours: String,
    /// Whole local days without service (`2026-12-25`).
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Maintenance windows and other agreed exclusions.
    #[serde(default)]
    pub exclusions: Vec<Window>,
}

/// A stretch of time: `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Window {
    pub start: Timestamp,
    pub end: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// SLA, OLA or UC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AgreementKind {
    /// Provider ↔ customer.
    Sla,
    /// Provider ↔ an internal team.
    Ola,
    /// Underpinning contract: provider ↔ an external supplier.
    Uc,
}

impl AgreementKind {
    pub fn label(self) -> &'static str {
        match self {
            AgreementKind::Sla => "SLA",
            AgreementKind::Ola => "OLA",
            AgreementKind::Uc => "UC",
        }
    }
}

/// How SLAs are structured (ITIL).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// One service, every customer that uses it.
    ServiceBased,
    /// One customer, every service it uses.
    CustomerBased,
    /// Corporate, customer and service levels; lower levels inherit, override or add.
    MultiLevel,
}

/// The level of an agreement in a multi-level structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    Corporate,
    Customer,
    Service,
}

impl Tier {
    pub fn label(self) -> &'static str {
        match self {
            Tier::Corporate => "corporate",
            Tier::Customer => "customer",
            Tier::Service => "service",
        }
    }
}

/// One agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    pub name: String,
    pub kind: AgreementKind,
    /// For SLAs: how they are structured. OLAs and UCs leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// For multi-level SLAs: the level of this agreement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<Tier>,
    /// The customer (customer-based, or the customer and service levels).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The service (service-based, the service level, OLAs and UCs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The supplier of an OLA or UC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    /// The monthly charges the credits are a share of; by default the sum of
    /// the monthly charges of the services in scope.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_charge: Option<Amount>,
    pub targets: Vec<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credits: Option<CreditTerms>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub termination: Vec<TriggerDef>,
}

/// Whether higher or lower values are better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Achieved must be at least the level (availability, share within target).
    AtLeast,
    /// Achieved must be at most the level (latency, mean time to repair).
    AtMost,
}

/// How often a target is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    /// The N × 24 hours up to the end of each month of the report (a rolling window).
    RollingDays(u32),
}

/// One measurable promise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub id: String,
    pub name: String,
    pub metric: Metric,
    /// Default: `at_least`, except `at_most` for samples (latency) and MTTR.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The promised level, in the metric's unit (percent for shares).
    pub expected: Level,
    /// Below this (or above, for `at_most`) the target is "below minimum".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Level>,
    #[serde(default = "default_period")]
    pub period: PeriodKind,
    /// The calendar of service time; by default 24x7 in the file's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<CreditRule>,
    /// A cap on this target's credit per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapDef>,
    /// A critical service level (the at-risk pool and termination rights use these).
    #[serde(default)]
    pub critical: bool,
    /// Periods in which the target does not apply (a transition period, an
    /// agreed force-majeure month): status "excluded", no credit. Written
    /// like report periods: `2026-03`, `2026-Q1`, `2026`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_periods: Vec<String>,
    /// For OLA and UC targets: the SLA targets this one supports, as
    /// `agreement-id/target-id`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<String>,
}

fn default_period() -> PeriodKind {
    PeriodKind::Month
}

/// What a target measures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    deny_unknown_fields,
    remote = "Self"
)]
pub enum Metric {
    /// Percent of service time available, from outage records.
    Availability {
        /// The service; left out in a customer-based agreement it means the
        /// customer's combined service time over all its services, and in a
        /// corporate or customer level it is the service of each pair.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        downtime: Option<DowntimeDef>,
        /// Attribute downtime to suppliers (multi-supplier end-to-end metric).
        #[serde(default)]
        attribute_to_suppliers: bool,
    },
    /// Percent of tickets whose first response came within `within` business time.
    ResponseTime {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
        within: Duration,
    },
    /// Percent of tickets resolved within `within` business time.
    ResolutionTime {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        priority: Option<String>,
        within: Duration,
    },
    /// Good events ÷ all events, in percent (OpenSLO Occurrences).
    Occurrences { series: String },
    /// Percent of time slices that were good (OpenSLO Timeslices).
    Timeslices {
        series: String,
        slice: Duration,
        /// A slice is good when its good ÷ total is at least this percentage.
        good_when: Level,
    },
    /// Mean of the per-slice ratios, in percent (OpenSLO RatioTimeslices).
    RatioTimeslices { series: String, slice: Duration },
    /// A percentile of samples by the nearest-rank method.
    Percentile {
        series: String,
        percentile: u8,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// The mean of samples.
    Mean {
        series: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// The largest sample.
    Max {
        series: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
    /// Mean time to repair (mean length of unavailability spans) from outages.
    Mttr {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        service: Option<String>,
    },
    /// A value entered by hand per period (satisfaction 4.2, reports on time 100).
    Manual {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
    },
}

impl Metric {
    /// The service the metric is bound to, if any.
    pub fn service(&self) -> Option<&str> {
        match self {
            Metric::Availability { service, .. }
            | Metric::ResponseTime { service, .. }
            | Metric::ResolutionTime { service, .. }
            | Metric::Mttr { service } => service.as_deref(),
            _ => None,
        }
    }

    /// Words for the metric.
    pub fn label(&self) -> String {
        match self {
            Metric::Availability { .. } => "availability".into(),
            Metric::ResponseTime {
                priority, within, ..
            } => format!(
                "first response within {}{}",
                within.0.human(),
                priority
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            ),
            Metric::ResolutionTime {
                priority, within, ..
            } => format!(
                "resolution within {}{}",
                within.0.human(),
                priority
                    .as_ref()
                    .map(|p| format!(" ({p})"))
                    .unwrap_or_default()
            ),
            Metric::Occurrences { series } => format!("good events of `{series}`"),
            Metric::Timeslices { series, slice, .. } => {
                format!("good {} slices of `{series}`", slice.0.human())
            }
            Metric::RatioTimeslices { series, slice } => {
                format!("mean {} slice ratio of `{series}`", slice.0.human())
            }
            Metric::Percentile {
                series, percentile, ..
            } => format!("p{percentile} of `{series}`"),
            Metric::Mean { series, .. } => format!("mean of `{series}`"),
            Metric::Max { series, .. } => format!("maximum of `{series}`"),
            Metric::Mttr { .. } => "mean time to repair".into(),
            Metric::Manual { .. } => "manual value".into(),
        }
    }

    /// The unit of levels: `%` for shares, minutes for MTTR, the stated unit otherwise.
    pub fn unit(&self) -> String {
        match self {
            Metric::Availability { .. }
            | Metric::ResponseTime { .. }
            | Metric::ResolutionTime { .. }
            | Metric::Occurrences { .. }
            | Metric::Timeslices { .. }
            | Metric::RatioTimeslices { .. } => "%".into(),
            Metric::Mttr { .. } => "min".into(),
            Metric::Percentile { unit, .. }
            | Metric::Mean { unit, .. }
            | Metric::Max { unit, .. }
            | Metric::Manual { unit } => unit.clone().unwrap_or_default(),
        }
    }

    /// The default direction: lower is better for samples and MTTR.
    pub fn default_direction(&self) -> Direction {
        match self {
            Metric::Percentile { .. }
            | Metric::Mean { .. }
            | Metric::Max { .. }
            | Metric::Mttr { .. } => Direction::AtMost,
            _ => Direction::AtLeast,
        }
    }
}

/// What counts as downtime (see `metrics::availability`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DowntimeDef {
    #[serde(default)]
    pub count_planned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_outage: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_up_to: Option<Duration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_downtime_period: Option<Duration>,
}

/// How a missed target turns into money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    deny_unknown_fields,
    remote = "Self"
)]
pub enum CreditRule {
    /// Tiered steps: a share of the monthly charge per tier.
    Step { tiers: Vec<TierDef> },
    /// `rate` of the charge per `per` percentage points (or part thereof)
    /// below `below`, at most `maximum`.
    Linear {
        below: Level,
        per: Level,
        rate: Level,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum: Option<Level>,
    },
    /// A fixed amount per breached period or per breached ticket.
    Fixed { amount: Amount, per: FixedPer },
    /// A share of the at-risk pool: `allocation` percent of the at-risk amount.
    Pool { allocation: Level },
}

/// What a fixed credit is paid for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FixedPer {
    /// Once per period in which the target is missed.
    Breach,
    /// For every ticket that breached its time.
    BreachedTicket,
}

/// One step of a schedule: achieved `below` (or at, when `inclusive`) → `credit` percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TierDef {
    pub below: Level,
    #[serde(default)]
    pub inclusive: bool,
    pub credit: Level,
}

/// A cap: an amount, or a percentage of the monthly charges.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapDef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_of_charges: Option<Level>,
}

/// Credit terms across an agreement's targets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CreditTerms {
    /// Cap on the agreement's credits per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_cap: Option<CapDef>,
    /// Cap on the agreement's credits per calendar year (a percentage is of
    /// twelve monthly charges).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_cap: Option<CapDef>,
    /// The at-risk amount in percent of the monthly charges (outsourcing model).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_risk_percent: Option<Level>,
    /// A credit is returned when the target is met in each of the next N periods.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earn_back_periods: Option<u32>,
    /// The credit is multiplied on repeated misses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_miss: Option<RepeatMissDef>,
    /// Rounding of credit amounts to the minor unit: `half_up` (default), `down`, `up`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingDef>,
}

/// Rounding of a credit amount to the currency's minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingDef {
    HalfUp,
    Down,
    Up,
}

/// A repeat-miss multiplier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepeatMissDef {
    pub multiplier: Level,
    /// How many misses in a row come before it applies (1: from the second consecutive miss).
    #[serde(default = "one")]
    pub after: u32,
}

fn one() -> u32 {
    1
}

/// A termination right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    deny_unknown_fields,
    remote = "Self"
)]
pub enum TriggerDef {
    /// A critical target below its minimum in `k` of any `m` consecutive periods.
    BelowMinimum {
        k: u32,
        m: u32,
        /// Restrict to these target ids (default: the critical targets).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        targets: Vec<String>,
    },
    /// The agreement's credits at the period cap in `k` of any `m` consecutive periods.
    CreditsAtCap { k: u32, m: u32 },
    /// The mean achieved value of a target over the last `periods` periods below `level`.
    RollingAverageBelow {
        target: String,
        periods: u32,
        level: Level,
    },
}

/// Measurements: what happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct MeasurementFile {
    /// Always `sla-measurements`.
    pub format: String,
    pub version: u32,
    /// The zone of timestamps written without an offset (default: the agreement file's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default)]
    pub outages: Vec<OutageRecord>,
    #[serde(default)]
    pub tickets: Vec<TicketRecord>,
    #[serde(default)]
    pub events: Vec<EventRecord>,
    #[serde(default)]
    pub samples: Vec<SampleRecord>,
    #[serde(default)]
    pub manual: Vec<ManualRecord>,
}

/// An outage of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutageRecord {
    pub service: String,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Percent of the service lost (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Level>,
    #[serde(default)]
    pub planned: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<String>,
}

/// A ticket (incident or request).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketRecord {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    pub priority: String,
    pub created: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_response: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Timestamp>,
    /// Intervals in which the clock stops (waiting for the customer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Window>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopenings: Vec<ReopeningRecord>,
    /// The source system's own SLA verdict for the ticket (ServiceNow
    /// `made_sla`, a task SLA's `has_breached`), kept to be compared with
    /// this calculator's (`Report::verdicts`); it decides no figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<SourceVerdict>,
    /// Which state of the ticket this record holds, when it comes from a
    /// history (a row per update): of several records of one id that all
    /// say, the latest (by revision, then time) is counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<AsOf>,
}

/// A ticket record's place in its history: the source system's update
/// counter (ServiceNow `sys_mod_count`) and the time of the update.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AsOf {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Timestamp>,
}

/// What the system a ticket came from says of its SLA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceVerdict {
    /// The SLA was met (`made_sla` true, `has_breached` false).
    pub met: bool,
    /// Where the verdict comes from: `ServiceNow made_sla`.
    pub by: String,
}

/// A ticket reopened after it was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReopeningRecord {
    pub reopened: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Timestamp>,
}

/// Good and total events counted at an instant or for a slice starting at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRecord {
    pub series: String,
    pub at: Timestamp,
    pub good: u64,
    pub total: u64,
}

/// One measured value (a latency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleRecord {
    pub series: String,
    pub at: Timestamp,
    pub value: Level,
}

/// A value entered by hand for a target and period (`2026-02`, `2026-Q1`, `2026`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualRecord {
    /// `agreement-id/target-id`.
    pub target: String,
    pub period: String,
    pub value: Level,
}

/// The readers and writer of an internally tagged enum derived with
/// `#[serde(remote = "Self")]`: read through [`values::Tagged`], so that a
/// field its variant refuses is named by the object's path (`json_path`).
macro_rules! tagged {
    ($name:ident, $what:literal) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_map(values::Tagged::<$name>::new())
            }
        }

        impl values::TaggedRead for $name {
            const WHAT: &'static str = $what;

            fn read<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                $name::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }
    };
}

tagged!(Metric, "a metric");
tagged!(CreditRule, "a credit rule");
tagged!(TriggerDef, "a termination right");
