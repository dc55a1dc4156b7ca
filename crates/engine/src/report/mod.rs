//! Reports: every target instance of an agreement file evaluated over a
//! run of periods, with credits, caps, the at-risk pool, earn-back and
//! termination rights applied, each figure with its explanation.
//!
//! The order in which money is worked out (documented in
//! `docs/conventions.md`):
//!
//! 1. each target's raw credit (step, linear, fixed; pool credits in step 3),
//!    rounded once to the minor unit;
//! 2. the repeat-miss multiplier, then the target's own cap;
//! 3. the at-risk pool: missed critical levels earn their allocation of the
//!    at-risk amount, the pool total capped at the at-risk amount;
//! 4. the agreement's cap per period (shares reduced proportionally);
//! 5. the agreement's cap per calendar year (periods in order);
//! 6. earn-back: a credit is returned when the target is met in each of the
//!    next N periods.
//!
//! Credits are settled per *credit group*: an agreement (service-based,
//! customer-based, OLA, UC), or in a multi-level structure the customer (the
//! customer-level agreement's terms when it has any).
//!
//! Steps 2, 5 and 6 and the termination rights depend on earlier periods:
//! a report works out the periods before its span that they look back at
//! (the year to date, the windows of the rights; never before the first
//! measurement record) exactly as it works out the span, and lists only the
//! span's periods, so a period's figures do not depend on where the span
//! starts (`docs/conventions.md`, "Earlier periods").

pub mod figures;
pub mod json;
pub mod month;
pub mod render;

pub use figures::{BudgetLeft, KeyFigures, Risk};

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use crate::compliance::Status;
use crate::credits::adjust::{self, AtRiskPool, Cap, EarnBack, RepeatMiss};
use crate::credits::linear::LinearShortfall;
use crate::credits::schedule::{StepSchedule, Tier as StepTier, TierEdge};
use crate::credits::termination::{self, PeriodFacts, Trigger};
use crate::metrics::availability::{self, DowntimeRules, Excluded, Outage};
use crate::metrics::events::{self, EventCount};
use crate::metrics::samples::{self, Sample, Statistic};
use crate::metrics::tickets::{self, BusinessClock, Reopening, Ticket, TicketClock, TicketOutcome};
use crate::model::load::compile_calendar;
use crate::model::resolve::{instances, Instance};
use crate::model::values::decimal_string;
use crate::model::*;
use crate::money::{Currency, Money, Rounding};
use crate::time::{Calendar, Interval, IntervalSet, ReportPeriod, UnixNanos, Zone};
use crate::{Explanation, Percent, Ratio, TimeSpan};

/// What to report on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Consecutive months (targets measured per quarter or year use the
    /// quarters and years these months fill), or one custom range over
    /// which every target is measured once.
    pub span: Span,
    /// The instant of evaluation (open tickets are counted up to it).
    pub now: UnixNanos,
}

/// The longest span of months a report covers (100 years).
pub const MAX_SPAN_MONTHS: i64 = 1200;

/// The time a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// From the first month to the last, both included: (year, month).
    Months { first: (i32, u32), last: (i32, u32) },
    /// One range `[start, end)`.
    Custom { start: UnixNanos, end: UnixNanos },
}

impl Span {
    /// Reads `2026-02`, `2026-Q1`, `2026`, `2026-01..2026-06` (months) or
    /// `2026-02-01..2026-02-15` (days, both included, in `zone`).
    ///
    /// # Errors
    /// A text in none of these forms.
    pub fn parse(text: &str, zone: &Zone) -> Result<Span, String> {
        Span::parse_unchecked(text, zone)?.checked(zone)
    }

    /// The span when the engine can report on all of it: at most
    /// [`MAX_SPAN_MONTHS`] months, each of which lies on the engine's time
    /// line (1678 to 2261: instants are nanoseconds in an `i64`).
    ///
    /// # Errors
    /// Why not, naming the month or the length.
    pub fn checked(self, zone: &Zone) -> Result<Span, String> {
        let Span::Months { first, last } = self else {
            return Ok(self);
        };
        for (year, month) in [first, last] {
            if (ReportPeriod::Month { year, month }).window(zone).is_none() {
                return Err(format!(
                    "{year:04}-{month:02} is outside the years the calculator can hold (1678 to 2261)"
                ));
            }
        }
        let months = (i64::from(last.0) - i64::from(first.0)) * 12 + i64::from(last.1)
            - i64::from(first.1)
            + 1;
        if months > MAX_SPAN_MONTHS {
            return Err(format!(
                "the span has {months} months; a report covers at most {MAX_SPAN_MONTHS} (100 years)"
            ));
        }
        Ok(self)
    }

    /// The span's instants: from the first month's start to the last
    /// month's end in `zone` (or the custom range); `None` outside the
    /// time line.
    pub fn window(self, zone: &Zone) -> Option<Interval> {
        match self {
            Span::Custom { start, end } => Interval::new(start, end),
            Span::Months { first, last } => {
                let month =
                    |(year, month): (i32, u32)| ReportPeriod::Month { year, month }.window(zone);
                Interval::new(month(first)?.start(), month(last)?.end())
            }
        }
    }

    fn parse_unchecked(text: &str, zone: &Zone) -> Result<Span, String> {
        let text = text.trim();
        let month = |t: &str| -> Option<(i32, u32)> {
            let (y, m) = t.trim().split_once('-')?;
            let (y, m) = (y.parse().ok()?, m.parse().ok()?);
            (y > 0 && (1..=12).contains(&m) && t.trim().len() == 7).then_some((y, m))
        };
        if let Some((a, b)) = text.split_once("..") {
            if let (Some(first), Some(last)) = (month(a), month(b)) {
                return if last < first {
                    Err("the span ends before it starts".into())
                } else {
                    Ok(Span::Months { first, last })
                };
            }
        }
        if let Some(m) = month(text) {
            return Ok(Span::Months { first: m, last: m });
        }
        match ReportPeriod::parse(text, zone).map_err(|e| e.to_string())? {
            ReportPeriod::Quarter { year, quarter } => Ok(Span::Months {
                first: (year, quarter * 3 - 2),
                last: (year, quarter * 3),
            }),
            ReportPeriod::Year { year } => Ok(Span::Months {
                first: (year, 1),
                last: (year, 12),
            }),
            ReportPeriod::Custom { start, end } => Ok(Span::Custom { start, end }),
            ReportPeriod::Month { year, month } => Ok(Span::Months {
                first: (year, month),
                last: (year, month),
            }),
            ReportPeriod::Rolling { .. } => Err("a rolling span is not supported here".into()),
        }
    }

    /// The periods of a given kind inside the span, in order.
    pub fn periods(self, kind: PeriodKind, zone: &Zone) -> Vec<ReportPeriod> {
        match self {
            Span::Custom { start, end } => vec![ReportPeriod::Custom { start, end }],
            Span::Months { first, last } => {
                let mut months = Vec::new();
                let (mut y, mut m) = first;
                while (y, m) <= last && months.len() < MAX_SPAN_MONTHS as usize {
                    months.push((y, m));
                    (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                }
                match kind {
                    PeriodKind::RollingDays(days) => months
                        .into_iter()
                        .filter_map(|(year, month)| {
                            let end = ReportPeriod::Month { year, month }.window(zone)?.end();
                            Some(ReportPeriod::Rolling {
                                days: days.max(1),
                                end,
                            })
                        })
                        .collect(),
                    PeriodKind::Month => months
                        .into_iter()
                        .map(|(year, month)| ReportPeriod::Month { year, month })
                        .collect(),
                    PeriodKind::Quarter => months
                        .iter()
                        .filter(|(_, m)| m % 3 == 1)
                        .filter(|(y, m)| months.contains(&(*y, m + 2)))
                        .map(|(y, m)| ReportPeriod::Quarter {
                            year: *y,
                            quarter: m.div_ceil(3),
                        })
                        .collect(),
                    PeriodKind::Year => months
                        .iter()
                        .filter(|(y, m)| *m == 1 && months.contains(&(*y, 12)))
                        .map(|(y, _)| ReportPeriod::Year { year: *y })
                        .collect(),
                }
            }
        }
    }
}

/// The instant a span ends (the default "now" of a report).
pub fn span_end(span: Span, zone: &Zone) -> UnixNanos {
    match span {
        Span::Custom { end, .. } => end,
        Span::Months { last, .. } => ReportPeriod::Month {
            year: last.0,
            month: last.1,
        }
        .window(zone)
        .map(|w| w.end())
        .unwrap_or(0),
    }
}

/// A whole report: typed values only (money, exact ratios, durations,
/// periods, enums). Text is made at the edges: [`render`] for the CLI and
/// the golden files, [`json`] for the versioned JSON schema, the app's
/// `format.rs` for the screen. Explanations ([`Line`]) are English made
/// here, their numbers taken from the typed values.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub name: String,
    pub currency: Currency,
    /// The agreement file's zone, in which periods are cut.
    pub time_zone: String,
    pub span: Span,
    pub targets: Vec<TargetReport>,
    pub groups: Vec<GroupReport>,
    pub warnings: Vec<crate::model::align::Warning>,
    /// Measurement records that could not be used, and why.
    pub skipped_records: Vec<SkippedRecord>,
    /// Every input record accounted for.
    pub records: RecordCount,
    /// Where the tickets' own verdicts come from (`made_sla (ServiceNow
    /// incidents)`), in input order; empty when no ticket has one.
    pub verdict_sources: Vec<String>,
}

/// A ticket's verdict from its source system beside ours: ours is missed
/// when any ticket target that counts it missed, met when every one met,
/// undecided (`None`) while one is still pending and none missed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictComparison {
    pub id: String,
    /// The source system's verdict: met.
    pub theirs: bool,
    /// Ours: met; `None` while undecided.
    pub ours: Option<bool>,
    /// Each target (its key) and period that counts the ticket, with our
    /// outcome.
    pub checks: Vec<(String, ReportPeriod, TicketCheck)>,
}

impl VerdictComparison {
    /// Ours is decided and says otherwise than theirs.
    pub fn differs(&self) -> bool {
        self.ours.is_some_and(|ours| ours != self.theirs)
    }
}

/// Every record of the measurement files, accounted for: `input = used +
/// not_used + outside_span`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RecordCount {
    /// Records in the measurement files.
    pub input: usize,
    /// Records in the span's time that the report's figures count.
    pub used: usize,
    /// Records left out, each listed in [`Report::skipped_records`].
    pub not_used: usize,
    /// Records that are fine but outside the span's time (not shown; the
    /// terms that look back, such as a year cap, may still count them).
    pub outside_span: usize,
    /// The first and last instant of the records that can be used.
    pub measured: Option<(UnixNanos, UnixNanos)>,
}

/// A measurement record the report could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRecord {
    /// `outages[3]`, `tickets[0].resolved`, `b.json: manual[1]`.
    pub path: String,
    pub reason: String,
}

/// One target instance over the report's periods.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetReport {
    pub key: String,
    pub agreement: String,
    pub kind: AgreementKind,
    pub target: String,
    pub name: String,
    /// Words for the metric (`availability`, `resolution within 4h (P1)`).
    pub metric: String,
    /// The unit of levels and achieved values: `%`, `min`, or the file's.
    pub unit: String,
    pub direction: Direction,
    pub expected: Level,
    pub minimum: Option<Level>,
    pub critical: bool,
    pub customer: Option<String>,
    pub services: Vec<String>,
    pub supplier: Option<String>,
    /// Where the target comes from, in words.
    pub provenance: String,
    pub periods: Vec<TargetPeriod>,
}

impl TargetReport {
    /// Whether levels and achieved values are percentages (achieved values
    /// are then held as a fraction of the whole).
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }
}

/// One target in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetPeriod {
    pub period: ReportPeriod,
    /// The period's instants, `[start, end)`.
    pub window: Interval,
    /// The achieved value, exact: a fraction of the whole for a percentage
    /// metric (0.9995 for 99.95 %), else in the metric's unit.
    pub achieved: Option<Ratio>,
    pub status: Status,
    /// Achieved − expected in the metric's unit (percentage points for a
    /// percentage; positive is better for `at_least`).
    pub margin: Option<Margin>,
    pub budget: Option<Budget>,
    /// Where the credit tier changes next.
    pub next_tier: Option<NextTier>,
    /// Credit before adjustments, after the multiplier and the target cap
    /// (and the pool), and as paid after the agreement's caps.
    pub credit_raw: Money,
    pub credit: Money,
    pub credit_paid: Money,
    pub earned_back: bool,
    pub attribution: Vec<SupplierShare>,
    pub excluded: Vec<String>,
    pub explanations: Vec<Line>,
    pub facts: Facts,
}

/// A signed exact difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margin {
    pub negative: bool,
    pub magnitude: Ratio,
}

/// Where the credit tier changes next: this much more downtime and the
/// credit rises from `from` to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextTier {
    pub extra_downtime: TimeSpan,
    pub from: Percent,
    pub to: Percent,
}

/// One ticket against one ticket target in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketCheck {
    pub id: String,
    pub priority: String,
    /// First response or resolution.
    pub clock: TicketClock,
    /// Business time counted (up to "now" for an open ticket).
    pub elapsed: TimeSpan,
    /// The target's limit.
    pub within: TimeSpan,
    pub outcome: TicketOutcome,
    /// The ticket has pauses (the clock stopped while waiting).
    pub paused: bool,
    /// The source system's own verdict (met), when the export gave one.
    pub theirs: Option<bool>,
}

/// Further exact values of a period, for later steps and charts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Facts {
    pub breached_tickets: usize,
    /// Each ticket of a ticket target's period, with our outcome and the
    /// source system's verdict.
    pub tickets: Vec<TicketCheck>,
    pub service_time: TimeSpan,
    pub downtime: TimeSpan,
    pub supplier_downtime: Vec<(String, TimeSpan)>,
    /// The calendar year the period's credits count toward (the year cap).
    pub year: Option<i32>,
    /// The period ends before the first measurement record: nothing was
    /// measured yet (a rolling average does not reach back into it).
    pub before_measurements: bool,
}

/// The error budget of a time-based target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Service time × (100 % − expected), rounded half up to the nanosecond.
    pub allowed: TimeSpan,
    pub used: TimeSpan,
    /// Allowed − used in nanoseconds; negative when overspent.
    pub left_nanos: i64,
    /// Used ÷ allowed; `None` when nothing is allowed.
    pub burn_rate: Option<Ratio>,
}

/// A supplier's part of the downtime and of the credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupplierShare {
    pub supplier: String,
    pub downtime: TimeSpan,
    pub credit: Money,
}

/// A labelled explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub what: String,
    pub formula: String,
    pub substituted: String,
    pub convention: String,
}

impl Line {
    /// Takes the explanation's texts as they are (no copy).
    fn new(what: &str, explanation: Explanation) -> Line {
        let Explanation {
            formula,
            substituted,
            convention,
        } = explanation;
        Line {
            what: what.into(),
            formula,
            substituted,
            convention,
        }
    }
}

/// Credits of a credit group per period, and its termination rights.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupReport {
    pub agreement: String,
    pub monthly_charge: Money,
    pub periods: Vec<GroupPeriod>,
    pub termination: Vec<TerminationResult>,
}

/// A credit group in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupPeriod {
    pub period: ReportPeriod,
    pub charges: Money,
    pub at_risk_amount: Option<Money>,
    pub credits_before_caps: Money,
    pub period_cap: Option<Money>,
    pub at_cap: bool,
    pub after_period_cap: Money,
    pub paid: Money,
    pub earned_back: Money,
    pub net: Money,
    pub explanations: Vec<Line>,
}

/// A termination right and whether it is triggered.
#[derive(Debug, Clone, PartialEq)]
pub struct TerminationResult {
    pub rule: String,
    pub triggered: bool,
    pub target: Option<String>,
    /// The periods that caused it: the qualifying periods of the first
    /// window ending in the span that holds K (some may be before the span),
    /// or the periods with a value of the first rolling window below the level.
    pub periods: Vec<ReportPeriod>,
    /// The span's periods at whose end the right holds: the window of M
    /// periods ending there (reaching back before the span) holds K, or the
    /// mean of the N periods ending there is below the level. A period's
    /// entry does not depend on where the span starts.
    pub holds_in: Vec<ReportPeriod>,
    /// Where the right stands at the end of each of the span's periods
    /// (its risk): the qualifying periods in the window ending there
    /// against the number that triggers it, or the rolling mean against
    /// its level, for the target nearest to triggering it (most qualifying
    /// periods; for a rolling mean, one below its level, else the first).
    pub standing: Vec<RightStanding>,
    pub explanation: Line,
}

/// One target's (or the group's) evaluation of a termination right: the
/// target's key, whether and when it fires, its periods' labels, and where
/// it stands at each.
type MemberResult = (
    Option<String>,
    termination::TriggerResult,
    Vec<ReportPeriod>,
    Vec<(usize, termination::Standing)>,
);

/// Where a termination right stands at the end of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RightStanding {
    pub period: ReportPeriod,
    /// The target it is about (`None` for a right about the group's
    /// credits at the cap).
    pub target: Option<String>,
    pub standing: termination::Standing,
}

impl Report {
    /// Every ticket with a verdict of its own source system that a ticket
    /// target counts, ours beside theirs, in the order first met.
    pub fn verdicts(&self) -> Vec<VerdictComparison> {
        let mut out: Vec<VerdictComparison> = Vec::new();
        let mut at: BTreeMap<&str, usize> = BTreeMap::new();
        for target in &self.targets {
            for period in &target.periods {
                for check in &period.facts.tickets {
                    let Some(theirs) = check.theirs else {
                        continue;
                    };
                    let k = *at.entry(check.id.as_str()).or_insert_with(|| {
                        out.push(VerdictComparison {
                            id: check.id.clone(),
                            theirs,
                            ours: Some(true),
                            checks: Vec::new(),
                        });
                        out.len() - 1
                    });
                    if let Some(comparison) = out.get_mut(k) {
                        comparison
                            .checks
                            .push((target.key.clone(), period.period, check.clone()));
                    }
                }
            }
        }
        for comparison in &mut out {
            let outcomes = comparison.checks.iter().map(|(_, _, c)| c.outcome);
            comparison.ours = if outcomes.clone().any(|o| o == TicketOutcome::Breached) {
                Some(false)
            } else if outcomes.clone().any(|o| o == TicketOutcome::Pending) {
                None
            } else {
                Some(true)
            };
        }
        out
    }

    /// Whether any target missed in any period (for the CLI's exit code).
    pub fn any_breach(&self) -> bool {
        self.targets.iter().any(|t| {
            t.periods
                .iter()
                .any(|p| matches!(p.status, Status::Missed | Status::BelowMinimum))
        })
    }

    /// Whether any termination right is triggered.
    pub fn any_termination(&self) -> bool {
        self.groups
            .iter()
            .any(|g| g.termination.iter().any(|t| t.triggered))
    }
}

/// One measurement file given to a report, and the name that messages call
/// it by (its file name; empty when a report has one file, as in the app).
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub measurements: &'a MeasurementFile,
}

/// Where a record is: its file among the report's sources and its index in
/// that file's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    file: usize,
    index: usize,
}

/// Measurements turned into engine records, with what could not be used.
struct Records {
    /// The sources' names, to say where a record is.
    names: Vec<String>,
    /// Each outage used, with its service (its index in `outage_services`).
    outages: Vec<(usize, Outage, Place)>,
    /// The services whose outages some target counts, sorted.
    outage_services: Vec<String>,
    /// Positions in `outages` per service of `outage_services`, in file
    /// order (a report looks up one service's outages per target: without
    /// this index that is every outage each time, most of the time of a
    /// large report).
    outages_of: Vec<Vec<usize>>,
    tickets: Vec<(Option<String>, Ticket)>,
    events: BTreeMap<String, Vec<EventCount>>,
    samples: BTreeMap<String, Vec<Sample>>,
    manual: BTreeMap<(String, String), Ratio>,
    skipped: Vec<SkippedRecord>,
    /// The earliest instant of any record used (an outage's start, a
    /// ticket's creation, an event or sample, the start of a manual value's
    /// period): the measurements begin there. `None` without records.
    first: Option<UnixNanos>,
    /// The latest instant of any record used.
    last: Option<UnixNanos>,
    /// The windows of the manual values used.
    manual_windows: Vec<Interval>,
    /// How many records the sources hold, and how many were left out.
    input: usize,
    left_out: usize,
    /// Where the tickets' own verdicts come from, in input order.
    verdict_sources: Vec<String>,
}

impl Records {
    /// `outages[3]`, or `b.json: outages[3]` when the source has a name.
    fn path(&self, list: &str, place: Place) -> String {
        path_in(&self.names, list, place)
    }
}

/// Whether the screening of the records lists those it leaves out (with
/// their place and reason, as a report does) or only counts them (for
/// figures that show no list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Listing {
    LeftOut,
    Counted,
}

/// How many (service, supplier) reasons for outages left out the screening
/// keeps, so that a record of one of them is not given its text anew.
const LEFT_OUT_KEPT: usize = 32;

/// Written without `format!`: a large file's records left out are each
/// named, and the formatting machinery was most of that cost.
fn path_in(names: &[String], list: &str, place: Place) -> String {
    let name = names.get(place.file).map_or("", String::as_str);
    let mut path = String::with_capacity(name.len() + list.len() + 24);
    if !name.is_empty() {
        path.push_str(name);
        path.push_str(": ");
    }
    path.push_str(list);
    path.push('[');
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = place.index;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    path.extend(digits[at..].iter().map(|&d| char::from(d)));
    path.push(']');
    path
}

/// What the agreement file measures: the names a record must carry to be
/// counted by some target.
// Plain vectors: an agreement file has tens of services and targets, and
// each map type would add its own code to every page. The two that every
// outage record is looked up in are sorted and searched by halves.
struct Measured {
    /// Sorted.
    services: Vec<String>,
    /// Per service with an availability or MTTR target: the suppliers whose
    /// outages count (`None`: every outage, an SLA target counts them all).
    /// Sorted by service.
    outages_of: Vec<(String, Option<Vec<String>>)>,
    /// Each service of `outages_of` by the hash of its id ([`id_hash`]),
    /// sorted: an outage record's service is found by comparing integers,
    /// and its id once (a large file's records are each looked up).
    outages_by_hash: Vec<(u64, usize)>,
    /// (service, priority) of each ticket target; `None` counts every one.
    ticket_targets: Vec<(Option<String>, Option<String>)>,
    series: Vec<String>,
    /// Manual targets (`agreement/target`) and how often they are measured.
    manual: Vec<(String, PeriodKind)>,
}

impl Measured {
    fn of(file: &AgreementFile, instances: &[Instance]) -> Measured {
        let mut measured = Measured {
            services: file.services.iter().map(|s| s.id.clone()).collect(),
            outages_of: Vec::new(),
            outages_by_hash: Vec::new(),
            ticket_targets: Vec::new(),
            series: Vec::new(),
            manual: Vec::new(),
        };
        for instance in instances {
            if matches!(
                instance.target.metric,
                Metric::Availability { .. } | Metric::Mttr { .. }
            ) {
                for service in &instance.services {
                    let at = match measured.outages_of.iter().position(|(s, _)| s == service) {
                        Some(at) => at,
                        None => {
                            measured
                                .outages_of
                                .push((service.clone(), Some(Vec::new())));
                            measured.outages_of.len() - 1
                        }
                    };
                    let entry = &mut measured.outages_of[at].1;
                    match (&instance.supplier, entry.as_mut()) {
                        (Some(supplier), Some(list)) if !list.contains(supplier) => {
                            list.push(supplier.clone());
                        }
                        (None, _) => *entry = None,
                        _ => {}
                    }
                }
            }
        }
        for agreement in &file.agreements {
            for target in &agreement.targets {
                match &target.metric {
                    Metric::ResponseTime {
                        service, priority, ..
                    }
                    | Metric::ResolutionTime {
                        service, priority, ..
                    } => {
                        measured
                            .ticket_targets
                            .push((service.clone(), priority.clone()));
                    }
                    Metric::Occurrences { series }
                    | Metric::Timeslices { series, .. }
                    | Metric::RatioTimeslices { series, .. }
                    | Metric::Percentile { series, .. }
                    | Metric::Mean { series, .. }
                    | Metric::Max { series, .. }
                        if !measured.series.contains(series) =>
                    {
                        measured.series.push(series.clone());
                    }
                    Metric::Manual { .. } => {
                        measured
                            .manual
                            .push((format!("{}/{}", agreement.id, target.id), target.period));
                    }
                    _ => {}
                }
            }
        }
        crate::order::sort(&mut measured.services);
        crate::order::sort_by(&mut measured.outages_of, |a, b| a.0.cmp(&b.0));
        measured.outages_by_hash = measured
            .outages_of
            .iter()
            .enumerate()
            .map(|(at, (service, _))| (id_hash(service), at))
            .collect();
        measured.outages_by_hash.sort_unstable();
        measured
    }

    /// The index in `outages_of` of `service` when a target counts its
    /// outage by `supplier`; otherwise why none does. (One search by halves
    /// per outage record: the common case of a large file.)
    fn outage_slot(&self, service: &str, supplier: Option<&String>) -> Option<usize> {
        let hash = id_hash(service);
        let from = self.outages_by_hash.partition_point(|(h, _)| *h < hash);
        let found = self.outages_by_hash[from..]
            .iter()
            .take_while(|(h, _)| *h == hash)
            .map(|(_, at)| *at)
            .find(|&at| self.outages_of.get(at).is_some_and(|(s, _)| s == service));
        if let Some(at) = found {
            let counted = match self.outages_of.get(at).map(|(_, o)| o) {
                Some(Some(suppliers)) => supplier.is_some_and(|s| suppliers.contains(s)),
                Some(None) => true,
                None => false,
            };
            if counted {
                return Some(at);
            }
        }
        None
    }

    /// Why no target counts an outage of `service` by `supplier`, said as a
    /// record left out is told.
    fn outage_left_out(&self, service: &str, supplier: Option<&String>) -> String {
        self.outage_problem(service, supplier)
            .unwrap_or_else(|| format!("no target counts the outages of `{service}`"))
    }

    /// Why no target counts an outage of `service` by `supplier`, if none does.
    fn outage_problem(&self, service: &str, supplier: Option<&String>) -> Option<String> {
        if self
            .services
            .binary_search_by(|s| s.as_str().cmp(service))
            .is_err()
        {
            return Some(format!(
                "no service `{service}` in the agreement file (ids are compared exactly)"
            ));
        }
        let found = self
            .outages_of
            .binary_search_by(|(s, _)| s.as_str().cmp(service))
            .ok()
            .and_then(|at| self.outages_of.get(at));
        match found.map(|(_, o)| o) {
            None => Some(format!(
                "no availability or MTTR target measures the service `{service}`"
            )),
            Some(Some(suppliers)) if !supplier.is_some_and(|s| suppliers.contains(s)) => {
                Some(format!(
                    "only the outages of {} count for `{service}` (its targets are OLAs or UCs), and this one is {}",
                    suppliers
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    supplier.map_or_else(
                        || "attributed to no supplier".to_owned(),
                        |s| format!("of `{s}`")
                    )
                ))
            }
            _ => None,
        }
    }

    /// Why no ticket target counts a ticket, if none does.
    fn ticket_problem(&self, service: Option<&String>, priority: &str) -> Option<String> {
        if let Some(service) = service.filter(|s| !self.services.contains(*s)) {
            return Some(format!(
                "no service `{service}` in the agreement file (ids are compared exactly)"
            ));
        }
        if self.ticket_targets.is_empty() {
            return Some("no target of the agreement file measures tickets".into());
        }
        let counted = self.ticket_targets.iter().any(|(s, p)| {
            (s.is_none() || service.is_none() || s.as_ref() == service)
                && p.as_deref().is_none_or(|p| p == priority)
        });
        if counted {
            return None;
        }
        let mut priorities: Vec<&str> = Vec::new();
        for p in self.ticket_targets.iter().filter_map(|(_, p)| p.as_deref()) {
            if !priorities.contains(&p) {
                priorities.push(p);
            }
        }
        Some(if priorities.contains(&priority) {
            format!(
                "no ticket target for the priority `{priority}` measures the service `{}`",
                service.map_or("", String::as_str)
            )
        } else {
            format!(
                "no ticket target has the priority `{priority}` (targets are for {}; priorities are compared exactly)",
                priorities.join(", ")
            )
        })
    }
}

/// FNV-1a over an id's bytes: a quick key for looking ids up (equal ids,
/// equal hashes; ids with equal hashes are told apart by comparing them).
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The records of every source, each file's local times read in that
/// file's own `time_zone` (else the agreement file's), so that the order of
/// the files never changes a result. A record that cannot be used is left
/// out and listed with its place and reason; so are records that claim one
/// identity (a ticket id; a manual value's target and period), all of them,
/// wherever they are, and records that name nothing the agreement file
/// measures (an unknown service, priority, series or target).
/// Whether a manual value's period is one the target is measured over.
fn manual_fits(kind: PeriodKind, period: &str, zone: &Zone) -> bool {
    matches!(
        (kind, ReportPeriod::parse(period, zone)),
        (PeriodKind::Month, Ok(ReportPeriod::Month { .. }))
            | (PeriodKind::Quarter, Ok(ReportPeriod::Quarter { .. }))
            | (PeriodKind::Year, Ok(ReportPeriod::Year { .. }))
    )
}

fn records(
    file: &AgreementFile,
    instances: &[Instance],
    sources: &[Source],
    zone: &Zone,
    listing: Listing,
) -> Records {
    let agreement_zone = zone;
    let measured = Measured::of(file, instances);
    let names: Vec<String> = sources.iter().map(|s| s.name.to_owned()).collect();
    let mut skipped = Vec::new();
    let mut skipped_count = 0usize;
    let mut skip = |path: String, reason: &str| {
        skipped_count += 1;
        if listing == Listing::LeftOut {
            skipped.push(SkippedRecord {
                path,
                reason: reason.into(),
            })
        }
    };
    let mut outages =
        Vec::with_capacity(sources.iter().map(|s| s.measurements.outages.len()).sum());
    let mut tickets = Vec::new();
    let mut verdict_sources: Vec<String> = Vec::new();
    // Per ticket kept above: its state as of (revision, update time).
    let mut ticket_as_of: Vec<Option<(Option<u64>, Option<UnixNanos>)>> = Vec::new();
    let mut ticket_places: Vec<Place> = Vec::new();
    let mut events: BTreeMap<String, Vec<EventCount>> = BTreeMap::new();
    let mut samples_by: BTreeMap<String, Vec<Sample>> = BTreeMap::new();
    // (place, target, the period's label and window, value)
    let mut manual_records: Vec<(Place, &str, String, Interval, Ratio)> = Vec::new();
    let mut notes = 0usize;
    let input = sources
        .iter()
        .map(|s| {
            let m = s.measurements;
            m.outages.len() + m.tickets.len() + m.events.len() + m.samples.len() + m.manual.len()
        })
        .sum();
    for (file_number, source) in sources.iter().enumerate() {
        let measurements = source.measurements;
        // `load::measurements` refuses a zone it cannot name.
        let zone = &measurements
            .time_zone
            .as_deref()
            .and_then(Zone::named)
            .unwrap_or_else(|| agreement_zone.clone());
        let place = |index: usize| Place {
            file: file_number,
            index,
        };
        let at = |list: &str, index: usize| match listing {
            Listing::LeftOut => path_in(&names, list, place(index)),
            // Not kept: no text to write.
            Listing::Counted => String::new(),
        };
        // (service, supplier) of outages no target counts, with the reason.
        let mut left_out: Vec<((&str, Option<&str>), String)> = Vec::new();
        for (i, o) in measurements.outages.iter().enumerate() {
            let (Some(start), Some(end)) = (o.start.instant(zone), o.end.instant(zone)) else {
                skip(at("outages", i), "a time is out of range");
                continue;
            };
            let Some(slot) = measured.outage_slot(&o.service, o.supplier.as_ref()) else {
                // Written once per service and supplier (the first
                // LEFT_OUT_KEPT of them): a large file's records of a
                // service no target counts each get the same text.
                let key = (o.service.as_str(), o.supplier.as_deref());
                match left_out.iter().find(|(k, _)| *k == key) {
                    Some((_, problem)) => skip(at("outages", i), problem),
                    None => {
                        let problem = measured.outage_left_out(key.0, o.supplier.as_ref());
                        skip(at("outages", i), &problem);
                        if left_out.len() < LEFT_OUT_KEPT {
                            left_out.push((key, problem));
                        }
                    }
                }
                continue;
            };
            let impact = match &o.impact {
                None => Percent::HUNDRED,
                Some(level) => match level.percent() {
                    Ok(p) => p,
                    Err(e) => {
                        skip(format!("{}.impact", at("outages", i)), &e.to_string());
                        continue;
                    }
                },
            };
            outages.push((
                slot,
                Outage {
                    start,
                    end,
                    impact,
                    planned: o.planned,
                    supplier: o.supplier.clone(),
                },
                place(i),
            ));
        }
        // The embed's build reads outages only (`availability-only`).
        let tickets_read: &[_] = if cfg!(feature = "availability-only") {
            &[]
        } else {
            &measurements.tickets
        };
        for (i, t) in tickets_read.iter().enumerate() {
            let Some(created) = t.created.instant(zone) else {
                skip(format!("{}.created", at("tickets", i)), "out of range");
                continue;
            };
            if let Some(problem) = measured.ticket_problem(t.service.as_ref(), &t.priority) {
                skip(at("tickets", i), &problem);
                continue;
            }
            for (k, w) in t.pauses.iter().enumerate() {
                if let (Some(a), Some(b)) = (w.start.instant(zone), w.end.instant(zone)) {
                    if b < a {
                        // A note: the ticket itself is used.
                        notes += 1;
                        skip(
                            format!("{}.pauses[{k}]", at("tickets", i)),
                            "the pause ends before it starts; it is ignored",
                        );
                    }
                }
            }
            ticket_places.push(place(i));
            tickets.push((
                t.service.clone(),
                Ticket {
                    id: t.id.clone(),
                    priority: t.priority.clone(),
                    created,
                    first_response: t.first_response.and_then(|x| x.instant(zone)),
                    resolved: t.resolved.and_then(|x| x.instant(zone)),
                    pauses: t
                        .pauses
                        .iter()
                        .filter_map(|w| Interval::new(w.start.instant(zone)?, w.end.instant(zone)?))
                        .collect(),
                    reopenings: t
                        .reopenings
                        .iter()
                        .filter_map(|r| {
                            Some(Reopening {
                                reopened: r.reopened.instant(zone)?,
                                resolved: r.resolved.and_then(|x| x.instant(zone)),
                            })
                        })
                        .collect(),
                    verdict: t.verdict.as_ref().map(|v| v.met),
                },
            ));
            if let Some(v) = &t.verdict {
                if !verdict_sources.contains(&v.by) {
                    verdict_sources.push(v.by.clone());
                }
            }
            ticket_as_of.push(
                t.as_of
                    .map(|a| (a.revision, a.updated.and_then(|u| u.instant(zone)))),
            );
        }
        // The embed's build reads outages only (`availability-only`).
        let events_read: &[_] = if cfg!(feature = "availability-only") {
            &[]
        } else {
            &measurements.events
        };
        for (i, e) in events_read.iter().enumerate() {
            let Some(instant) = e.at.instant(zone) else {
                skip(format!("{}.at", at("events", i)), "out of range");
                continue;
            };
            if !measured.series.contains(&e.series) {
                skip(
                    at("events", i),
                    &format!(
                        "no target of the agreement file measures the series `{}`",
                        e.series
                    ),
                );
                continue;
            }
            events
                .entry(e.series.clone())
                .or_default()
                .push(EventCount {
                    at: instant,
                    good: e.good,
                    total: e.total,
                });
        }
        // The embed's build reads outages only (`availability-only`).
        let samples_read: &[_] = if cfg!(feature = "availability-only") {
            &[]
        } else {
            &measurements.samples
        };
        for (i, sample) in samples_read.iter().enumerate() {
            let Some(instant) = sample.at.instant(zone) else {
                skip(format!("{}.at", at("samples", i)), "out of range");
                continue;
            };
            if !measured.series.contains(&sample.series) {
                skip(
                    at("samples", i),
                    &format!(
                        "no target of the agreement file measures the series `{}`",
                        sample.series
                    ),
                );
                continue;
            }
            samples_by
                .entry(sample.series.clone())
                .or_default()
                .push(Sample {
                    at: instant,
                    value: sample.value.value(),
                });
        }
        // The embed's build reads outages only (`availability-only`).
        let manual_read: &[_] = if cfg!(feature = "availability-only") {
            &[]
        } else {
            &measurements.manual
        };
        for (i, m) in manual_read.iter().enumerate() {
            let Some(kind) = measured
                .manual
                .iter()
                .find(|(t, _)| *t == m.target)
                .map(|(_, k)| *k)
            else {
                skip(
                    at("manual", i),
                    &format!(
                        "no manual target `{}` in the agreement file; write agreement-id/target-id",
                        m.target
                    ),
                );
                continue;
            };
            match ReportPeriod::parse(&m.period, agreement_zone)
                .map_err(|e| e.to_string())
                .and_then(|p| {
                    let window = p.window(agreement_zone).ok_or("out of range")?;
                    Ok((p.label(), window))
                }) {
                Ok((label, _)) if !manual_fits(kind, &m.period, agreement_zone) => skip(
                    format!("{}.period", at("manual", i)),
                    &format!(
                        "`{}` is measured {}; a value for {label} is not used",
                        m.target,
                        match kind {
                            PeriodKind::Month => "per month",
                            PeriodKind::Quarter => "per quarter",
                            PeriodKind::Year => "per year",
                            PeriodKind::RollingDays(_) =>
                                "over a rolling window, which has no manual value",
                        }
                    ),
                ),
                Ok((label, window)) => {
                    manual_records.push((
                        place(i),
                        m.target.as_str(),
                        label,
                        window,
                        m.value.value(),
                    ));
                }
                Err(e) => skip(
                    format!("{}.period", at("manual", i)),
                    &format!("`{}` is not a period: {e}", m.period),
                ),
            }
        }
    }
    // Two tickets with one id: neither is counted, both are named; unless
    // each says which state it holds (`as_of`): then the latest is counted
    // (by revision, then update time) and the earlier ones are listed, and
    // copies as late as each other are all listed.
    let mut by_id: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, (_, ticket)) in tickets.iter().enumerate() {
        by_id.entry(ticket.id.as_str()).or_default().push(k);
    }
    let mut duplicate = vec![false; tickets.len()];
    for (id, at) in by_id.iter().filter(|(_, at)| at.len() > 1) {
        let place = |k: usize| path_in(&names, "tickets", ticket_places[k]);
        let mut places: Vec<String> = at.iter().map(|&k| place(k)).collect();
        crate::order::sort(&mut places);
        let states: Option<Vec<(Option<u64>, Option<UnixNanos>)>> = at
            .iter()
            .map(|&k| ticket_as_of.get(k).copied().flatten())
            .collect();
        let latest = states.as_ref().and_then(|s| s.iter().max().copied());
        let top: Vec<usize> = match (&states, latest) {
            (Some(states), Some(latest)) => at
                .iter()
                .zip(states)
                .filter(|(_, s)| **s == latest)
                .map(|(&k, _)| k)
                .collect(),
            _ => Vec::new(),
        };
        let kept = (top.len() == 1).then(|| top[0]);
        for &k in at {
            if Some(k) == kept {
                continue;
            }
            duplicate[k] = true;
            let reason = match kept {
                Some(latest) => format!(
                    "an earlier state of ticket `{id}`; its latest, {}, is counted",
                    place(latest)
                ),
                None if states.is_some() => format!(
                    "the ticket id `{id}` is given {} times ({}) and the latest state is held by more than one; none of them is counted",
                    at.len(),
                    places.join(", ")
                ),
                None => format!(
                    "the ticket id `{id}` is given {} times ({}); none of them is counted. Merge the exports into one record per ticket, or give each its state (`as_of`: revision or update time) to count the latest",
                    at.len(),
                    places.join(", ")
                ),
            };
            skip(place(k), &reason);
        }
    }
    let tickets: Vec<(Option<String>, Ticket)> = tickets
        .into_iter()
        .zip(duplicate)
        .filter_map(|(ticket, duplicate)| (!duplicate).then_some(ticket))
        .collect();
    // Two manual values for one target and period: neither is used.
    // (target, period) → the values given for it, with their place and window.
    type Given = Vec<(Place, Interval, Ratio)>;
    let mut by_key: BTreeMap<(&str, &str), Given> = BTreeMap::new();
    for (place, target, label, window, value) in &manual_records {
        by_key
            .entry((target, label.as_str()))
            .or_default()
            .push((*place, *window, *value));
    }
    let mut manual = BTreeMap::new();
    let mut manual_windows = Vec::new();
    for ((target, period), entries) in by_key {
        if let [(_, window, value)] = entries.as_slice() {
            manual.insert((target.to_owned(), period.to_owned()), *value);
            manual_windows.push(*window);
            continue;
        }
        let places: Vec<String> = entries
            .iter()
            .map(|(place, _, _)| path_in(&names, "manual", *place))
            .collect();
        // Named in one order whatever the order of the files.
        let mut places = places;
        crate::order::sort(&mut places);
        for (place, _, _) in &entries {
            skip(
                path_in(&names, "manual", *place),
                &format!(
                    "{} values are given for `{target}` in {period} ({}); none of them is used",
                    entries.len(),
                    places.join(", ")
                ),
            );
        }
    }
    let first = outages
        .iter()
        .map(|(_, o, _)| o.start.min(o.end))
        .chain(tickets.iter().map(|(_, t)| t.created))
        .chain(events.values().flatten().map(|e| e.at))
        .chain(samples_by.values().flatten().map(|s| s.at))
        .chain(manual_windows.iter().map(|w| w.start()))
        .min();
    let last = outages
        .iter()
        .map(|(_, o, _)| o.start.max(o.end))
        .chain(tickets.iter().map(|(_, t)| t.created))
        .chain(events.values().flatten().map(|e| e.at))
        .chain(samples_by.values().flatten().map(|s| s.at))
        .chain(manual_windows.iter().map(|w| w.end()))
        .max();
    let left_out = skipped_count - notes;
    let mut outages_of: Vec<Vec<usize>> = vec![Vec::new(); measured.outages_of.len()];
    for (at, (slot, _, _)) in outages.iter().enumerate() {
        if let Some(list) = outages_of.get_mut(*slot) {
            list.push(at);
        }
    }
    Records {
        names,
        outages,
        outage_services: measured.outages_of.into_iter().map(|(s, _)| s).collect(),
        outages_of,
        tickets,
        events,
        samples: samples_by,
        manual,
        skipped,
        first,
        last,
        manual_windows,
        input,
        left_out,
        verdict_sources,
    }
}

impl Records {
    /// How many of the records used lie outside `window` (an outage that
    /// does not overlap it, a ticket created, an event or sample taken, a
    /// manual value's period outside it).
    fn outside(&self, window: Interval) -> usize {
        let inside = |at: UnixNanos| at >= window.start() && at < window.end();
        let overlaps = |a: UnixNanos, b: UnixNanos| {
            a.min(b) < window.end() && a.max(b) > window.start() || inside(a)
        };
        self.outages
            .iter()
            .filter(|(_, o, _)| !overlaps(o.start, o.end))
            .count()
            + self
                .tickets
                .iter()
                .filter(|(_, t)| !inside(t.created))
                .count()
            + self
                .events
                .values()
                .flatten()
                .filter(|e| !inside(e.at))
                .count()
            + self
                .samples
                .values()
                .flatten()
                .filter(|s| !inside(s.at))
                .count()
            + self
                .manual_windows
                .iter()
                .filter(|w| !overlaps(w.start(), w.end()))
                .count()
    }

    fn used(&self) -> usize {
        self.outages.len()
            + self.tickets.len()
            + self.events.values().map(Vec::len).sum::<usize>()
            + self.samples.values().map(Vec::len).sum::<usize>()
            + self.manual_windows.len()
    }
}

/// Service instants per window and calendar id (`None`: the file's zone
/// around the clock).
type ServiceTimes = BTreeMap<Interval, Vec<(Option<String>, Rc<IntervalSet>)>>;

/// Spans and period kinds, with the periods of that kind in that span and
/// each period's window (`None` off the time line).
type PeriodsCache = Vec<((Span, PeriodKind), Vec<(ReportPeriod, Option<Interval>)>)>;

/// Context shared by every instance.
struct Context<'a> {
    file: &'a AgreementFile,
    zone: Zone,
    currency: Currency,
    calendars: BTreeMap<String, Calendar>,
    /// Service instants per calendar (its id) and window, worked out once:
    /// every target on a calendar measures the same periods.
    service_times: RefCell<ServiceTimes>,
    /// The periods of a kind in a span, with their windows, worked out once
    /// per span and kind: the targets of a report share them.
    periods: RefCell<PeriodsCache>,
    /// The file's target instances ([`instances`]), worked out once.
    instances: Vec<Instance>,
    /// A service's outage records screened under a target's rules, kept
    /// while a later target instance will take them again (each entry
    /// with the number of takes left).
    outage_records: RefCell<Vec<SharedRecords>>,
    records: Records,
    now: UnixNanos,
}

/// Screened outage records that several target instances take: their key,
/// the number of takes left, and the records once the first take made them.
type SharedRecords = (OutageRecordsKey, usize, Option<Rc<ServiceRecords>>);

/// What a target instance's outage records of one service depend on: the
/// service, the supplier whose outages count (`None`: all), the rules, and
/// whether its downtime is attributed to suppliers (which needs the
/// records themselves).
type OutageRecordsKey = (String, Option<String>, DowntimeRules, bool);

/// The key of each service's outage records for `instance`; none when it
/// measures no outages.
fn outage_records_keys(instance: &Instance) -> Vec<OutageRecordsKey> {
    if !matches!(
        instance.target.metric,
        Metric::Availability { .. } | Metric::Mttr { .. }
    ) {
        return Vec::new();
    }
    let (rules, attribute) = outage_rules(&instance.target.metric);
    instance
        .services
        .iter()
        .map(|service| {
            (
                service.clone(),
                instance.supplier.clone(),
                rules.clone(),
                attribute,
            )
        })
        .collect()
}

impl<'a> Context<'a> {
    fn new(file: &'a AgreementFile, sources: &[Source], now: UnixNanos) -> Self {
        Self::screened(file, sources, now, Listing::LeftOut)
    }

    /// As [`Context::new`], with the records left out listed or only counted.
    fn screened(
        file: &'a AgreementFile,
        sources: &[Source],
        now: UnixNanos,
        listing: Listing,
    ) -> Self {
        let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
        let currency = Currency::new(&file.currency)
            .or_else(|_| Currency::new("XXX"))
            .unwrap_or_else(|_| unreachable_currency());
        let calendars = file
            .calendars
            .iter()
            .filter_map(|c| Some((c.id.clone(), compile_calendar(c).ok()?)))
            .collect();
        let instances = instances(file);
        let records = records(file, &instances, sources, &zone, listing);
        // How often each service's screened records are taken.
        let mut outage_records: Vec<SharedRecords> = Vec::new();
        for key in instances.iter().flat_map(outage_records_keys) {
            match outage_records.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, takes, _)) => *takes += 1,
                None => outage_records.push((key, 1, None)),
            }
        }
        outage_records.retain(|(_, takes, _)| *takes > 1);
        Context {
            file,
            zone,
            currency,
            calendars,
            service_times: RefCell::new(BTreeMap::new()),
            periods: RefCell::new(Vec::new()),
            instances,
            outage_records: RefCell::new(outage_records),
            records,
            now,
        }
    }

    /// `calendar.service_time(window)`, where `calendar` is
    /// `self.calendar(id)`, remembered per id and window.
    fn service_time(
        &self,
        id: Option<&str>,
        calendar: &Calendar,
        window: Interval,
    ) -> Rc<IntervalSet> {
        let known = self.service_times.borrow().get(&window).and_then(|ids| {
            ids.iter()
                .find(|(known, _)| known.as_deref() == id)
                .map(|(_, service)| Rc::clone(service))
        });
        if let Some(known) = known {
            return known;
        }
        let service = Rc::new(calendar.service_time(window));
        self.service_times
            .borrow_mut()
            .entry(window)
            .or_default()
            .push((id.map(str::to_owned), Rc::clone(&service)));
        service
    }

    /// `span.periods(kind, zone)`, each with its window, remembered per
    /// span and kind.
    fn periods(&self, span: Span, kind: PeriodKind) -> Vec<(ReportPeriod, Option<Interval>)> {
        let key = (span, kind);
        if let Some((_, known)) = self.periods.borrow().iter().find(|(k, _)| *k == key) {
            return known.clone();
        }
        let periods: Vec<(ReportPeriod, Option<Interval>)> = span
            .periods(kind, &self.zone)
            .into_iter()
            .map(|p| (p, p.window(&self.zone)))
            .collect();
        self.periods.borrow_mut().push((key, periods.clone()));
        periods
    }

    fn calendar(&self, id: Option<&str>) -> Calendar {
        id.and_then(|id| self.calendars.get(id).cloned())
            .unwrap_or_else(|| Calendar {
                time_zone: self.zone.clone(),
                ..Calendar::always()
            })
    }

    fn money(&self, amount: Option<&Amount>) -> Money {
        amount
            .and_then(|a| Money::parse(&a.0, self.currency).ok())
            .unwrap_or_else(|| Money::zero(self.currency))
    }

    fn agreement(&self, id: &str) -> Option<&Agreement> {
        self.file.agreements.iter().find(|a| a.id == id)
    }

    /// The monthly charges of an agreement for a set of services.
    fn monthly_charge(&self, agreement: &str, services: &[String]) -> Money {
        if let Some(charge) = self
            .agreement(agreement)
            .and_then(|a| a.monthly_charge.as_ref())
        {
            return self.money(Some(charge));
        }
        let minor = self
            .file
            .services
            .iter()
            .filter(|s| services.contains(&s.id))
            .map(|s| self.money(s.monthly_charge.as_ref()).minor_units())
            .fold(0i64, i64::saturating_add);
        Money::new(minor, self.currency)
    }
}

/// The downtime conventions of an availability target as the metric applies them.
fn downtime_rules(def: &DowntimeDef) -> DowntimeRules {
    DowntimeRules {
        count_planned: def.count_planned,
        minimum_outage: def.minimum_outage.map(|d| d.0).unwrap_or_default(),
        round_up_to: def.round_up_to.map(|d| d.0),
        minimum_downtime_period: def.minimum_downtime_period.map(|d| d.0),
    }
}

/// The outage records of `service` that count for `instance` (for an OLA or
/// UC only those of its supplier), with their index in the measurement file.
fn service_outages(records: &Records, instance: &Instance, service: &str) -> Vec<(Place, Outage)> {
    service_slot(records, service)
        .and_then(|slot| records.outages_of.get(slot))
        .into_iter()
        .flatten()
        .filter_map(|at| records.outages.get(*at))
        .filter(|(_, o, _)| {
            instance
                .supplier
                .as_ref()
                .is_none_or(|sup| o.supplier.as_ref() == Some(sup))
        })
        .map(|(_, o, i)| (*i, o.clone()))
        .collect()
}

/// The place of `service` in `records.outage_services`.
fn service_slot(records: &Records, service: &str) -> Option<usize> {
    records
        .outage_services
        .binary_search_by(|s| s.as_str().cmp(service))
        .ok()
}

/// How a report counts the downtime of one availability target instance:
/// the outage records of each of its services, the calendar and the rules,
/// which the report passes to [`availability::availability`] together with
/// a period's window. Calling [`DowntimeInputs::downtime`] on a window gives
/// the downtime the report would count in it, so windows from a period's
/// start to instants inside it show how the period's downtime accumulated
/// (an error budget burn-down).
#[derive(Debug, Clone)]
pub struct DowntimeInputs {
    /// The instance's key, as in [`TargetReport::key`].
    pub key: String,
    pub calendar: Calendar,
    pub rules: DowntimeRules,
    /// Each service measured, with its outage records (for an OLA or UC only
    /// those of its supplier), in the order of the measurement file.
    pub services: Vec<(String, Vec<Outage>)>,
    /// For each service, the index in the measurement file's `outages` of
    /// each of its outage records (parallel to `services`).
    pub indices: Vec<Vec<usize>>,
}

impl DowntimeInputs {
    /// The downtime counted in `window`, summed over the services as the
    /// report sums it (the figure behind [`Facts::downtime`] and the error
    /// budget's `used` when `window` is a period's).
    pub fn downtime(&self, window: Interval) -> TimeSpan {
        let total: i128 = self
            .services
            .iter()
            .map(|(_, outages)| {
                let result =
                    availability::availability(outages, &self.calendar, window, &self.rules);
                i128::from(result.downtime.nanos())
            })
            .sum();
        TimeSpan::from_nanos(i64::try_from(total).unwrap_or(i64::MAX)).unwrap_or_default()
    }
}

/// The downtime inputs of every availability target instance of `file`, in
/// the order of [`Report::targets`]. The file must have passed
/// [`crate::model::load::validate`], as for [`report`].
pub fn downtime_inputs(
    file: &AgreementFile,
    measurements: &MeasurementFile,
) -> Vec<DowntimeInputs> {
    // "Now" only matters for open tickets. The records left out are not
    // shown with these inputs: counted, not listed.
    let context = Context::screened(
        file,
        &[Source {
            name: "",
            measurements,
        }],
        UnixNanos::MAX,
        Listing::Counted,
    );
    context
        .instances
        .iter()
        .filter_map(|instance| {
            let Metric::Availability { downtime, .. } = &instance.target.metric else {
                return None;
            };
            let (services, indices) = instance
                .services
                .iter()
                .map(|service| {
                    let (places, outages): (Vec<Place>, Vec<Outage>) =
                        service_outages(&context.records, instance, service)
                            .into_iter()
                            .unzip();
                    (
                        (service.clone(), outages),
                        places.into_iter().map(|p| p.index).collect(),
                    )
                })
                .unzip();
            Some(DowntimeInputs {
                key: instance.key.clone(),
                calendar: context.calendar(instance.target.calendar.as_deref()),
                rules: downtime_rules(&downtime.clone().unwrap_or_default()),
                services,
                indices,
            })
        })
        .collect()
}

fn months_in(period: ReportPeriod) -> i64 {
    match period {
        ReportPeriod::Quarter { .. } => 3,
        ReportPeriod::Year { .. } => 12,
        _ => 1,
    }
}

/// Months of a period kind (a rolling window is one per month).
fn months_per(kind: PeriodKind) -> i64 {
    match kind {
        PeriodKind::Quarter => 3,
        PeriodKind::Year => 12,
        PeriodKind::Month | PeriodKind::RollingDays(_) => 1,
    }
}

/// Months counted from year 0: `(year, month)` ↔ `year × 12 + month − 1`.
fn month_number((year, month): (i32, u32)) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn month_of(number: i64) -> (i32, u32) {
    let year = i32::try_from(number.div_euclid(12)).unwrap_or(1);
    let month = u32::try_from(number.rem_euclid(12) + 1).unwrap_or(1);
    (year, month)
}

/// The months a credit group is evaluated over: the span, preceded by the
/// earlier periods its terms look back at (`docs/conventions.md`, "Earlier
/// periods"):
///
/// - a year cap: the calendar year to date, from January of the span's first
///   year;
/// - a repeat-miss multiplier after `r` misses: `r` periods (before January
///   too, when there is a year cap);
/// - earn-back after `n` periods: `n` periods (credits paid before the span
///   are decided in it);
/// - termination rights: `m − 1` periods for K of M (`m − 1 + r` for credits
///   at the cap, whose credits depend on repeated misses), `n − 1` for a
///   rolling average of `n` periods.
///
/// Periods are counted in the group's longest period kind, and the history
/// starts at a period boundary of that kind. It never starts before the
/// period holding the first measurement record: earlier periods have no
/// record, so nothing in them is a miss, at the cap, paid or measured.
/// A custom span (one range) has no earlier periods.
fn history(context: &Context, instances: &[Instance], group: &str, span: Span) -> Span {
    let (Span::Months { first, last }, Some(measured)) = (span, context.records.first) else {
        return span;
    };
    let Some(measured) = context.zone.local_date(measured) else {
        return span;
    };
    let agreement = context.agreement(group);
    let terms = agreement.and_then(|a| a.credits.as_ref());
    let repeat = terms
        .and_then(|t| t.repeat_miss.as_ref())
        .map_or(0, |r| r.after);
    let mut periods = repeat;
    if let Some(n) = terms.and_then(|t| t.earn_back_periods) {
        periods = periods.max(n);
    }
    for trigger in agreement.map(|a| a.termination.as_slice()).unwrap_or(&[]) {
        periods = periods.max(match trigger {
            TriggerDef::BelowMinimum { m, .. } => m.saturating_sub(1),
            TriggerDef::CreditsAtCap { m, .. } => m.saturating_sub(1).saturating_add(repeat),
            TriggerDef::RollingAverageBelow { periods, .. } => periods.saturating_sub(1),
        });
    }
    let unit = instances
        .iter()
        .filter(|i| i.agreement == group)
        .map(|i| months_per(i.target.period))
        .max()
        .unwrap_or(1);
    let align = |n: i64| n - n.rem_euclid(unit);
    let from = month_number(first);
    let mut start = from - i64::from(periods) * unit;
    if terms.is_some_and(|t| t.year_cap.is_some()) {
        start = start.min(month_number((first.0, 1)) - i64::from(repeat) * unit);
    }
    use chrono::Datelike;
    let measured = month_number((measured.year(), measured.month()));
    let start = align(start)
        .max(align(measured))
        .max(month_number((1, 1)))
        .min(from);
    Span::Months {
        first: month_of(start),
        last,
    }
}

/// Computes a report. The file must have passed [`crate::model::load::validate`];
/// anything it would refuse is skipped here rather than panicking.
///
/// The terms that depend on earlier periods (the year cap, repeat misses,
/// earn-back, termination rights) are worked out over the span together
/// with the periods before it that they look back at (see the
/// rules in `docs/conventions.md`), so a period's figures do not depend on
/// where the span starts; the report lists only the span's periods.
pub fn report(file: &AgreementFile, measurements: &MeasurementFile, request: &Request) -> Report {
    report_sources(
        file,
        &[Source {
            name: "",
            measurements,
        }],
        request,
    )
}

/// A report over several measurement files ([`Source`]s): each file's local
/// times are read in its own zone, and a record is named by its file in
/// what the report lists, so the order of the files never changes a figure.
/// The file must have passed [`crate::model::load::validate`], as for
/// [`report`].
pub fn report_sources(file: &AgreementFile, sources: &[Source], request: &Request) -> Report {
    // A file that does not pass validation gets no figures at all: never a
    // credit worked out without a tier, cap or pool it could not read. The
    // percentages read below with `Level::percent` are valid from here on.
    let refused = crate::model::load::validate(file);
    if !refused.is_empty() {
        return Report {
            name: file.name.clone(),
            currency: Currency::new(&file.currency).unwrap_or_else(|_| unreachable_currency()),
            time_zone: file.time_zone.clone(),
            span: request.span,
            targets: Vec::new(),
            groups: Vec::new(),
            warnings: refused
                .into_iter()
                .map(|e| crate::model::align::Warning {
                    path: e.path,
                    kind: "refused".into(),
                    message: format!("not computed: {}", e.message),
                })
                .collect(),
            skipped_records: Vec::new(),
            records: RecordCount::default(),
            verdict_sources: Vec::new(),
        };
    }
    let context = Context::new(file, sources, request.now);
    let instances = &context.instances;
    let mut histories: BTreeMap<&str, Span> = BTreeMap::new();
    for instance in instances {
        if !histories.contains_key(instance.agreement.as_str()) {
            let span = history(&context, instances, &instance.agreement, request.span);
            histories.insert(&instance.agreement, span);
        }
    }
    let (mut targets, lookback): (Vec<TargetReport>, Vec<usize>) = instances
        .iter()
        .map(|instance| {
            let history = histories
                .get(instance.agreement.as_str())
                .copied()
                .unwrap_or(request.span);
            target_report(&context, instance, history, request.span)
        })
        .unzip();
    let plans = group_plans(&context, instances);
    let plans: Vec<&GroupPlan> = plans.iter().collect();
    let groups = groups(&context, instances, &plans, &mut targets, &lookback, true);
    for (target, before) in targets.iter_mut().zip(&lookback) {
        target.periods.drain(..(*before).min(target.periods.len()));
    }
    Report {
        name: file.name.clone(),
        currency: context.currency,
        time_zone: file.time_zone.clone(),
        span: request.span,
        targets,
        groups,
        warnings: if cfg!(feature = "availability-only") {
            Vec::new()
        } else {
            crate::model::align::check(file)
        },
        records: record_count(&context.records, request.span, &context.zone),
        verdict_sources: context.records.verdict_sources.clone(),
        skipped_records: context.records.skipped,
    }
}

/// The records of a report counted against its span.
fn record_count(records: &Records, span: Span, zone: &Zone) -> RecordCount {
    let window = span.window(zone);
    let accepted = records.used();
    // `Span::checked` makes every span's window exist.
    let outside = window.map_or(accepted, |w| records.outside(w));
    RecordCount {
        input: records.input,
        used: accepted - outside,
        not_used: records.left_out,
        outside_span: outside,
        measured: records.first.zip(records.last),
    }
}

impl Span {
    /// `2026-02`, `2026-01..2026-06` or a custom range's label.
    pub fn label(self) -> String {
        match self {
            Span::Months { first, last } if first == last => {
                format!("{:04}-{:02}", first.0, first.1)
            }
            Span::Months { first, last } => {
                format!("{:04}-{:02}..{:04}-{:02}", first.0, first.1, last.0, last.1)
            }
            Span::Custom { start, end } => ReportPeriod::Custom { start, end }.label(),
        }
    }
}

fn unreachable_currency() -> Currency {
    // `XXX` ("no currency") is in the ISO list; this is never reached.
    Currency::new("EUR").unwrap_or_else(|_| unreachable_currency())
}

/// A target's run of missed periods, carried from one period to the next:
/// the repeat-miss multiplier counts it.
#[derive(Default)]
struct MissRun {
    consecutive_misses: u32,
    /// The periods of the current run of misses that are before the span.
    misses_before_span: Vec<ReportPeriod>,
}

impl MissRun {
    /// A period's credit after the repeat-miss multiplier and the target's
    /// cap (their explanations only for the span's periods), into
    /// `result.credit` and `result.credit_paid`; the run goes on.
    fn settle(
        &mut self,
        terms: &TargetTerms,
        result: &mut TargetPeriod,
        charges: Money,
        in_span: bool,
    ) {
        let period = result.period;
        let consecutive_misses = self.consecutive_misses;
        let misses_before_span = &mut self.misses_before_span;
        // Repeat-miss multiplier and the target's cap (their explanations
        // only for the span's periods).
        let raw = result.credit_raw;
        let mut credit = raw;
        let missed = matches!(result.status, Status::Missed | Status::BelowMinimum);
        if let Some(repeat) = &terms.repeat_miss {
            if missed && raw.minor_units() > 0 && !in_span {
                credit = adjust::repeat_miss_value(raw, consecutive_misses, repeat);
            } else if missed && raw.minor_units() > 0 {
                let mut applied = adjust::apply_repeat_miss(raw, consecutive_misses, repeat);
                credit = applied.value;
                if !misses_before_span.is_empty() {
                    applied.explanation.substituted += &format!(
                        "; counted before the span: {}",
                        misses_before_span
                            .iter()
                            .map(|p| p.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
                result
                    .explanations
                    .push(Line::new("repeat-miss multiplier", applied.explanation));
            }
        }
        if let Some(cap) = &terms.cap {
            if in_span {
                let capped = adjust::cap_target(credit, cap.as_ref(), charges);
                if capped.value != credit {
                    result
                        .explanations
                        .push(Line::new("target cap", capped.explanation));
                }
                credit = capped.value;
            } else {
                credit = adjust::cap_target_value(credit, cap.as_ref(), charges);
            }
        }
        if !missed {
            misses_before_span.clear();
        } else if !in_span {
            misses_before_span.push(period);
        }
        self.consecutive_misses = if missed { consecutive_misses + 1 } else { 0 };
        result.credit = credit;
        result.credit_paid = credit;
    }
}

/// One period of a target as a simulation drew it: its service time and
/// the downtime in it, in nanoseconds.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DrawnPeriod {
    pub period: ReportPeriod,
    pub window: Interval,
    pub service_time: i64,
    pub downtime: i64,
}

/// Figures only, for the contract simulator: the credits and termination
/// rights of one drawn contract year, settled by the report's own rules
/// (status, credit rule, repeat misses, target cap, pool, period and year
/// caps, earn-back, termination rights) without a word of explanation.
pub(crate) struct Settlement<'a> {
    context: Context<'a>,
    plans: Vec<GroupPlan<'a>>,
    terms: Vec<TargetTerms>,
    monthly: Vec<Money>,
    /// Each instance's report with no periods, filled per contract year.
    template: Vec<TargetReport>,
}

impl<'a> Settlement<'a> {
    /// The file must have passed [`crate::model::load::validate`].
    pub(crate) fn new(file: &'a AgreementFile) -> Settlement<'a> {
        let context = Context::new(file, &[], 0);
        let terms = context
            .instances
            .iter()
            .map(|instance| TargetTerms::of(&context, instance))
            .collect();
        let monthly = context
            .instances
            .iter()
            .map(|instance| context.monthly_charge(&instance.agreement, &instance.services))
            .collect();
        let template = context
            .instances
            .iter()
            .map(|instance| {
                let target = &instance.target;
                TargetReport {
                    key: instance.key.clone(),
                    agreement: instance.provenance.agreement.clone(),
                    kind: context
                        .agreement(&instance.provenance.agreement)
                        .map_or(AgreementKind::Sla, |a| a.kind),
                    target: target.id.clone(),
                    name: target.name.clone(),
                    metric: target.metric.label(),
                    unit: target.metric.unit(),
                    direction: target
                        .direction
                        .unwrap_or_else(|| target.metric.default_direction()),
                    expected: target.expected.clone(),
                    minimum: target.minimum.clone(),
                    critical: target.critical,
                    customer: instance.customer.clone(),
                    services: instance.services.clone(),
                    supplier: instance.supplier.clone(),
                    provenance: instance.provenance.describe(),
                    periods: Vec::new(),
                }
            })
            .collect();
        Settlement {
            plans: group_plans(&context, &context.instances),
            context,
            terms,
            monthly,
            template,
        }
    }

    /// The file's target instances, in the order [`Settlement::settle`] takes them.
    pub(crate) fn instances(&self) -> &[Instance] {
        &self.context.instances
    }

    /// Settles one contract year: `drawn[i]` is instance `i`'s periods
    /// (empty for an instance not simulated, which then has no period).
    /// `targets` is scratch space kept between calls; the targets' periods
    /// and the groups come back as a report has them.
    pub(crate) fn settle(
        &self,
        drawn: &[Vec<DrawnPeriod>],
        targets: &mut Vec<TargetReport>,
    ) -> Vec<SettledGroup> {
        if targets.len() != self.template.len() {
            targets.clone_from(&self.template);
        }
        let context = &self.context;
        for (m, target) in targets.iter_mut().enumerate() {
            target.periods.clear();
            let (instance, terms) = (&context.instances[m], &self.terms[m]);
            let mut run = MissRun::default();
            for drawn in drawn.get(m).map(Vec::as_slice).unwrap_or_default() {
                let charges = Money::new(
                    self.monthly[m]
                        .minor_units()
                        .saturating_mul(months_in(drawn.period)),
                    context.currency,
                );
                let achieved = (drawn.service_time > 0)
                    .then(|| {
                        Ratio::new(
                            i128::from(drawn.service_time - drawn.downtime),
                            i128::from(drawn.service_time),
                        )
                    })
                    .flatten();
                let excluded_period = terms
                    .excluded
                    .iter()
                    .any(|w| w.start() <= drawn.window.start() && drawn.window.end() <= w.end());
                let status = if excluded_period {
                    Status::Excluded
                } else {
                    crate::compliance::status(
                        achieved,
                        terms.expected,
                        terms.minimum,
                        target.direction,
                    )
                };
                let credit_rule = if excluded_period {
                    None
                } else {
                    instance.target.credit.as_ref()
                };
                let credit =
                    credit_value(context, terms, credit_rule, achieved, status, charges, 0);
                let mut period = TargetPeriod {
                    period: drawn.period,
                    window: drawn.window,
                    achieved,
                    status,
                    margin: None,
                    budget: None,
                    next_tier: None,
                    credit_raw: credit,
                    credit,
                    credit_paid: credit,
                    earned_back: false,
                    attribution: Vec::new(),
                    excluded: Vec::new(),
                    explanations: Vec::new(),
                    facts: Facts {
                        service_time: TimeSpan::from_nanos(drawn.service_time).unwrap_or_default(),
                        downtime: TimeSpan::from_nanos(drawn.downtime).unwrap_or_default(),
                        year: period_year(drawn.period, &context.zone),
                        ..Facts::default()
                    },
                };
                run.settle(terms, &mut period, charges, false);
                target.periods.push(period);
            }
        }
        // A group with no terms of its own (no pool, caps, earn-back or
        // termination rights) pays what its targets' periods pay: the
        // groups' settlement is worked out for the others only.
        let mut settled: Vec<SettledGroup> = self
            .plans
            .iter()
            .map(|plan| SettledGroup {
                periods: plan
                    .members
                    .iter()
                    .map(|&m| targets[m].periods.len())
                    .max()
                    .unwrap_or(0),
                net: plan
                    .members
                    .iter()
                    .flat_map(|&m| &targets[m].periods)
                    .fold(0i64, |sum, p| {
                        sum.saturating_add(p.credit_paid.minor_units())
                    }),
                triggered: Vec::new(),
            })
            .collect();
        let settling: Vec<&GroupPlan> = self.plans.iter().filter(|p| !p.simple()).collect();
        if settling.is_empty() {
            return settled;
        }
        let lookback = vec![0; targets.len()];
        let reports = groups(
            context,
            &context.instances,
            &settling,
            targets,
            &lookback,
            false,
        );
        let places = self.plans.iter().enumerate().filter(|(_, p)| !p.simple());
        for ((place, _), report) in places.zip(reports) {
            settled[place] = SettledGroup {
                periods: report.periods.len(),
                net: report
                    .periods
                    .iter()
                    .fold(0i64, |sum, p| sum.saturating_add(p.net.minor_units())),
                triggered: report.termination.iter().map(|t| t.triggered).collect(),
            };
        }
        settled
    }

    /// The credit groups in the order [`Settlement::settle`] gives them:
    /// each one's agreement, currency and termination rights in words.
    pub(crate) fn groups(&self) -> Vec<(String, Currency, Vec<String>)> {
        self.plans
            .iter()
            .map(|plan| {
                let rights = plan
                    .definition
                    .filter(|_| !cfg!(feature = "availability-only"))
                    .map(|a| a.termination.iter().map(trigger_rule).collect())
                    .unwrap_or_default();
                (plan.agreement.clone(), self.context.currency, rights)
            })
            .collect()
    }
}

/// One credit group of a simulated contract year.
pub(crate) struct SettledGroup {
    /// The group's periods (none when none of its targets is simulated).
    pub periods: usize,
    /// Its credits over the periods, in minor units: paid after the caps,
    /// less what is earned back.
    pub net: i64,
    /// Whether each termination right is triggered, in the file's order.
    pub triggered: Vec<bool>,
}

impl GroupPlan<'_> {
    /// No terms of the group's own: it pays what its targets pay.
    fn simple(&self) -> bool {
        let rights = self
            .definition
            .is_some_and(|a| !a.termination.is_empty() && !cfg!(feature = "availability-only"));
        self.period_cap.is_none()
            && self.year_cap.is_none()
            && self.terms.at_risk_percent.is_none()
            && self.terms.earn_back_periods.is_none()
            && !rights
    }
}

/// One target instance over `history` (the span and the earlier periods its
/// credit group looks back at), with the number of earlier periods at the
/// front of its periods.
fn target_report(
    context: &Context,
    instance: &Instance,
    history: Span,
    span: Span,
) -> (TargetReport, usize) {
    let target = &instance.target;
    let direction = target
        .direction
        .unwrap_or_else(|| target.metric.default_direction());
    let unit = target.metric.unit();
    let agreement = context.agreement(&instance.provenance.agreement);
    let mut periods = Vec::new();
    let mut run = MissRun::default();
    let mut lookback = 0usize;
    let monthly = context.monthly_charge(&instance.agreement, &instance.services);
    let inputs = outage_inputs(context, instance);
    let terms = TargetTerms::of(context, instance);
    let all = context.periods(history, target.period);
    let earlier = all
        .len()
        .saturating_sub(context.periods(span, target.period).len());
    for (index, (period, window)) in all.into_iter().enumerate() {
        let Some(window) = window else {
            continue;
        };
        let in_span = index >= earlier;
        let charges = Money::new(
            monthly.minor_units().saturating_mul(months_in(period)),
            context.currency,
        );
        // The periods before the span are settled but not listed: their
        // figures are worked out, their explanations are not.
        let at = PeriodAt {
            period,
            window,
            charges,
            explain: in_span,
        };
        let mut result = evaluate(context, instance, &terms, &inputs, direction, at);
        run.settle(&terms, &mut result, charges, in_span);
        result.facts.year = period_year(period, &context.zone);
        result.facts.before_measurements = context
            .records
            .first
            .is_none_or(|first| window.end() <= first);
        if !in_span {
            lookback += 1;
        }
        periods.push(result);
    }
    let report = TargetReport {
        key: instance.key.clone(),
        agreement: instance.provenance.agreement.clone(),
        // Instances come from the file's agreements: always found.
        kind: agreement.map_or(AgreementKind::Sla, |a| a.kind),
        target: target.id.clone(),
        name: target.name.clone(),
        metric: target.metric.label(),
        unit: unit.clone(),
        direction,
        expected: target.expected.clone(),
        minimum: target.minimum.clone(),
        critical: target.critical,
        customer: instance.customer.clone(),
        services: instance.services.clone(),
        supplier: instance.supplier.clone(),
        provenance: instance.provenance.describe(),
        periods,
    };
    (report, lookback)
}

/// The calendar year a period's credits count toward for a year cap: its
/// own year, the year of a rolling window's last instant or of a custom
/// range's start (in the agreement file's zone).
fn period_year(period: ReportPeriod, zone: &Zone) -> Option<i32> {
    use chrono::Datelike;
    match period {
        ReportPeriod::Month { year, .. }
        | ReportPeriod::Quarter { year, .. }
        | ReportPeriod::Year { year } => Some(year),
        ReportPeriod::Rolling { end, .. } => {
            zone.local_date(end.saturating_sub(1)).map(|d| d.year())
        }
        ReportPeriod::Custom { start, .. } => zone.local_date(start).map(|d| d.year()),
    }
}

fn to_cap(context: &Context, cap: &CapDef) -> Option<Cap> {
    match (&cap.amount, &cap.percent_of_charges) {
        (Some(amount), _) => Some(Cap::Amount(context.money(Some(amount)))),
        (None, Some(level)) => level.percent().ok().map(Cap::PercentOfCharges),
        (None, None) => None,
    }
}

/// The achieved value of a percent metric is kept as a fraction of the
/// whole; levels of percent metrics are compared as fractions too.
fn level_value(metric: &Metric, level: &Level) -> Ratio {
    if metric.unit() == "%" {
        level.as_fraction()
    } else {
        level.value()
    }
}

fn display_value(metric: &Metric, value: Ratio) -> String {
    if metric.unit() == "%" {
        value.to_percent_string(4)
    } else {
        decimal_string(value, 4)
    }
}

/// `achieved − expected` in the metric's unit (percentage points for a
/// percentage, whose values are held as fractions).
fn margin(percent: bool, achieved: Ratio, expected: Ratio) -> Margin {
    let scale = if percent { 100 } else { 1 };
    // Both are ratios of the engine's values (nanosecond totals, levels of
    // at most 12 decimals): the products stay inside i128.
    let n = achieved
        .numerator()
        .saturating_mul(expected.denominator())
        .saturating_sub(expected.numerator().saturating_mul(achieved.denominator()));
    let d = achieved
        .denominator()
        .saturating_mul(expected.denominator());
    Margin {
        negative: n < 0,
        magnitude: Ratio::new(
            i128::try_from(n.unsigned_abs())
                .unwrap_or(i128::MAX)
                .saturating_mul(scale),
            d,
        )
        .unwrap_or(Ratio::ZERO),
    }
}

/// The downtime rules of an availability or MTTR metric, and whether its
/// downtime is attributed to suppliers.
fn outage_rules(metric: &Metric) -> (DowntimeRules, bool) {
    match metric {
        Metric::Availability {
            downtime,
            attribute_to_suppliers,
            ..
        } => (
            downtime_rules(&downtime.clone().unwrap_or_default()),
            *attribute_to_suppliers,
        ),
        _ => (downtime_rules(&DowntimeDef::default()), false),
    }
}

/// One service's outage records that count for a target instance, taken
/// once for all of the instance's periods (and for all instances that
/// take the same records under the same rules).
struct ServiceRecords {
    /// Each record's place in the measurements, in file order.
    places: Vec<Place>,
    /// The records, in the same order, when the target attributes its
    /// downtime to suppliers (empty otherwise).
    outages: Vec<Outage>,
    /// The same records screened under the target's rules.
    screened: availability::Screened,
}

/// The outage records of each of an availability or MTTR instance's
/// services (empty for other metrics).
/// Records taken by several instances (the same service, supplier and
/// rules) are screened once and kept until the last of them takes them.
fn outage_inputs(context: &Context, instance: &Instance) -> Vec<Rc<ServiceRecords>> {
    outage_records_keys(instance)
        .into_iter()
        .map(|key| {
            let mut shared = context.outage_records.borrow_mut();
            let Some(at) = shared.iter().position(|(k, _, _)| *k == key) else {
                return Rc::new(service_records(context, instance, &key));
            };
            let (_, takes, kept) = &mut shared[at];
            let records = match kept {
                Some(records) => Rc::clone(records),
                None => Rc::clone(kept.insert(Rc::new(service_records(context, instance, &key)))),
            };
            *takes -= 1;
            if *takes == 0 {
                shared.swap_remove(at);
            }
            records
        })
        .collect()
}

/// The outage records of `key`'s service that count for `instance` (its
/// supplier's), screened under `key`'s rules.
fn service_records(
    context: &Context,
    instance: &Instance,
    (service, _, rules, attribute): &OutageRecordsKey,
) -> ServiceRecords {
    let records = &context.records;
    let taken: Vec<&(usize, Outage, Place)> = service_slot(records, service)
        .and_then(|slot| records.outages_of.get(slot))
        .into_iter()
        .flatten()
        .filter_map(|at| records.outages.get(*at))
        .filter(|(_, o, _)| {
            instance
                .supplier
                .as_ref()
                .is_none_or(|sup| o.supplier.as_ref() == Some(sup))
        })
        .collect();
    let screened = availability::Screened::of(taken.iter().map(|(_, o, _)| o), rules);
    ServiceRecords {
        places: taken.iter().map(|(_, _, place)| *place).collect(),
        outages: if *attribute {
            taken.iter().map(|(_, o, _)| o.clone()).collect()
        } else {
            Vec::new()
        },
        screened,
    }
}

/// What a target instance's rules are in every period, read once for all
/// of its periods (the span's and those before it): its calendar, levels,
/// excluded periods, parsed credit rule, rounding, repeat-miss rule and cap.
struct TargetTerms {
    calendar: Calendar,
    /// Whether the metric is a percentage (its values held as fractions).
    percent: bool,
    expected: Ratio,
    /// The expected level as a percentage, for the error budget (read once).
    expected_level: Option<Percent>,
    minimum: Option<Ratio>,
    /// The windows of the periods the agreement excludes for the target
    /// (those that can be read; validation refuses the others).
    excluded: Vec<Interval>,
    rounding: Rounding,
    /// A step rule's schedule, when its tiers form one.
    step: Option<StepSchedule>,
    /// A linear rule, when its levels can be read.
    linear: Option<LinearShortfall>,
    /// The credit group's repeat-miss multiplier.
    repeat_miss: Option<RepeatMiss>,
    /// The target's own cap: `Some` when the target has one (`Some(None)`
    /// when it names neither an amount nor a share).
    cap: Option<Option<Cap>>,
}

impl TargetTerms {
    fn of(context: &Context, instance: &Instance) -> TargetTerms {
        let target = &instance.target;
        let metric = &target.metric;
        let credits = context
            .agreement(&instance.agreement)
            .and_then(|a| a.credits.as_ref());
        let step = match &target.credit {
            Some(CreditRule::Step { tiers }) => {
                let tiers: Vec<StepTier> = tiers
                    .iter()
                    .filter_map(|t| {
                        Some(StepTier {
                            level: t.below.percent().ok()?,
                            edge: if t.inclusive {
                                TierEdge::Inclusive
                            } else {
                                TierEdge::Exclusive
                            },
                            credit: t.credit.percent().ok()?,
                        })
                    })
                    .collect();
                StepSchedule::new(tiers).ok()
            }
            _ => None,
        };
        let linear = match &target.credit {
            Some(CreditRule::Linear {
                below,
                per,
                rate,
                maximum,
            }) => match (below.percent(), per.percent(), rate.percent()) {
                (Ok(target_level), Ok(step), Ok(rate)) => Some(LinearShortfall {
                    target: target_level,
                    step,
                    rate,
                    maximum: maximum
                        .as_ref()
                        .and_then(|m| m.percent().ok())
                        .unwrap_or(Percent::HUNDRED),
                }),
                _ => None,
            },
            _ => None,
        };
        TargetTerms {
            calendar: context.calendar(target.calendar.as_deref()),
            percent: metric.unit() == "%",
            expected: level_value(metric, &target.expected),
            expected_level: target.expected.percent().ok(),
            minimum: target.minimum.as_ref().map(|m| level_value(metric, m)),
            excluded: target
                .excluded_periods
                .iter()
                .filter_map(|p| {
                    ReportPeriod::parse(p, &context.zone)
                        .ok()?
                        .window(&context.zone)
                })
                .collect(),
            rounding: match credits.and_then(|c| c.rounding) {
                Some(RoundingDef::Down) => Rounding::Down,
                Some(RoundingDef::Up) => Rounding::Up,
                _ => Rounding::HalfUp,
            },
            step,
            linear,
            repeat_miss: credits
                .and_then(|c| c.repeat_miss.as_ref())
                .map(|rule| RepeatMiss {
                    multiplier: rule.multiplier.value(),
                    after_consecutive: rule.after,
                }),
            cap: target.cap.as_ref().map(|cap| to_cap(context, cap)),
        }
    }
}

/// The period a target is evaluated over, its charges, and whether its
/// explanations are wanted (not for the periods before the span, which
/// are settled but not listed).
#[derive(Clone, Copy)]
struct PeriodAt {
    period: ReportPeriod,
    window: Interval,
    charges: Money,
    explain: bool,
}

fn evaluate(
    context: &Context,
    instance: &Instance,
    terms: &TargetTerms,
    outage_inputs: &[Rc<ServiceRecords>],
    direction: Direction,
    at: PeriodAt,
) -> TargetPeriod {
    let PeriodAt {
        period,
        window,
        charges,
        explain,
    } = at;
    let target = &instance.target;
    let metric = &target.metric;
    let calendar = &terms.calendar;
    let (expected, minimum) = (terms.expected, terms.minimum);
    let mut explanations = Vec::new();
    let mut excluded = Vec::new();
    let mut facts = Facts::default();
    let mut budget = None;
    let mut attribution = Vec::new();
    let achieved: Option<Ratio> = match metric {
        // The embed's build computes availability only (its terms have nothing else).
        _ if cfg!(feature = "availability-only")
            && !matches!(metric, Metric::Availability { .. }) =>
        {
            None
        }
        Metric::Availability { .. } | Metric::Mttr { .. } => {
            let (rules, attribute) = outage_rules(metric);
            let mut service_time = 0i128;
            let mut down = 0i128;
            let mut count = 0usize;
            let mut mttr_sum = 0i128;
            let service_instants =
                context.service_time(target.calendar.as_deref(), calendar, window);
            for (service, records) in instance.services.iter().zip(outage_inputs) {
                let result =
                    records
                        .screened
                        .availability(&service_instants, window, &rules, explain);
                // The screened records list no record outside the period.
                for Excluded { record, reason } in &result.excluded {
                    if let Some(place) = records.places.get(*record) {
                        excluded.push(format!(
                            "{}: {reason}",
                            context.records.path("outages", *place)
                        ));
                    }
                }
                service_time += i128::from(result.service_time.nanos());
                down += i128::from(result.downtime.nanos());
                count += result.outage_count;
                if let Some(m) = result.mttr {
                    mttr_sum += i128::from(m.nanos()) * result.outage_count as i128;
                }
                if explain {
                    let label = if instance.services.len() > 1 {
                        format!("availability of {service}")
                    } else {
                        "availability".into()
                    };
                    explanations.push(Line::new(&label, result.explanation));
                }
                if attribute {
                    for (supplier, span) in attribute_downtime(
                        &records.outages,
                        calendar,
                        window,
                        &rules,
                        result.downtime,
                    ) {
                        facts.supplier_downtime.push((supplier, span));
                    }
                }
            }
            facts.service_time =
                TimeSpan::from_nanos(i64::try_from(service_time).unwrap_or(i64::MAX))
                    .unwrap_or_default();
            facts.downtime =
                TimeSpan::from_nanos(i64::try_from(down).unwrap_or(i64::MAX)).unwrap_or_default();
            if explain && instance.services.len() > 1 {
                explanations.push(Line::new(
                    "combined availability", Explanation {
                        formula: "combined availability = (Σ service time − Σ downtime) ÷ Σ service time over the customer's services".into(),
                        substituted: format!(
                            "({} s − {} s) ÷ {} s",
                            facts.service_time.exact_seconds(),
                            facts.downtime.exact_seconds(),
                            facts.service_time.exact_seconds()
                        ),
                        convention: format!("services combined: {}", instance.services.join(", ")),
                    },
                ));
            }
            if let Metric::Mttr { .. } = metric {
                // MTTR in minutes, exact.
                (count > 0)
                    .then(|| Ratio::new(mttr_sum, 60_000_000_000 * count as i128))
                    .flatten()
            } else {
                let achieved = Ratio::new(service_time - down, service_time);
                // The error budget is listed, never settled: not worked out
                // for the periods before the span.
                if explain {
                    // The quick calculator's rule: service time × (100 % − expected),
                    // rounded half up to the nanosecond (the level is a valid
                    // percentage: checked at the top of `report`).
                    let allowed = terms
                        .expected_level
                        .map(|level| {
                            i128::from(
                                crate::quick::allowed_downtime_within(
                                    level,
                                    facts.service_time,
                                    "",
                                )
                                .value
                                .nanos(),
                            )
                        })
                        .unwrap_or_default();
                    let left = allowed - down;
                    let span = |nanos: i128| {
                        TimeSpan::from_nanos(i64::try_from(nanos.max(0)).unwrap_or(i64::MAX))
                            .unwrap_or_default()
                    };
                    budget = Some(Budget {
                        allowed: span(allowed),
                        used: span(down),
                        left_nanos: i64::try_from(left).unwrap_or(if left < 0 {
                            i64::MIN
                        } else {
                            i64::MAX
                        }),
                        burn_rate: Ratio::new(down, allowed),
                    });
                    explanations.push(Line::new(
                    "error budget", Explanation {
                        formula: "budget = service time × (100 % − expected); left = budget − downtime; burn rate = downtime ÷ budget".into(),
                        substituted: format!(
                            "{} × (100 % − {} %) = {}; left {}",
                            span_text(service_time),
                            target.expected.text(),
                            span_text(allowed),
                            signed_span_text(left)
                        ),
                        convention: "budget rounded half up to the nanosecond, as in the quick calculator".into(),
                    },
                ));
                }
                achieved
            }
        }
        Metric::ResponseTime {
            service,
            priority,
            within,
        }
        | Metric::ResolutionTime {
            service,
            priority,
            within,
        } => {
            let clock_kind = if matches!(metric, Metric::ResponseTime { .. }) {
                TicketClock::FirstResponse
            } else {
                TicketClock::Resolution
            };
            // Tickets created in the period; business time counted on the
            // calendar from the period start up to a year after it.
            let extended = Interval::new(
                window.start(),
                window.end().saturating_add(366 * 86_400_000_000_000),
            )
            .unwrap_or(window);
            let clock = BusinessClock::new(calendar, extended);
            let tickets: Vec<Ticket> = context
                .records
                .tickets
                .iter()
                .filter(|(s, t)| {
                    (service.is_none() || s.is_none() || s == service)
                        && t.created >= window.start()
                        && t.created < window.end()
                })
                .map(|(_, t)| t.clone())
                .collect();
            let result = tickets::ticket_times(
                &tickets,
                clock_kind,
                priority.as_deref(),
                within.0,
                &clock,
                context.now,
            );
            facts.breached_tickets = result.breached;
            facts.tickets = result
                .results
                .iter()
                .filter_map(|r| {
                    let ticket = tickets.get(r.index)?;
                    Some(TicketCheck {
                        id: ticket.id.clone(),
                        priority: ticket.priority.clone(),
                        clock: clock_kind,
                        elapsed: r.elapsed,
                        within: within.0,
                        outcome: r.outcome,
                        paused: !ticket.pauses.is_empty(),
                        theirs: ticket.verdict,
                    })
                })
                .collect();
            for e in &result.excluded {
                if let Some(t) = tickets.get(e.record) {
                    excluded.push(format!("ticket {}: {}", t.id, e.reason));
                }
            }
            if explain {
                explanations.push(Line::new("tickets within target", result.explanation));
            }
            result.share_within
        }
        Metric::Occurrences { series } => {
            let counts = context
                .records
                .events
                .get(series)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let result = events::occurrences(counts, window);
            if explain {
                explanations.push(Line::new("good events", result.explanation));
            }
            result.achieved
        }
        Metric::Timeslices {
            series,
            slice,
            good_when,
        } => {
            let counts = context
                .records
                .events
                .get(series)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let result = events::timeslices(counts, window, slice.0, good_when.as_fraction());
            if explain {
                explanations.push(Line::new("good time slices", result.explanation));
            }
            result.achieved
        }
        Metric::RatioTimeslices { series, slice } => {
            let counts = context
                .records
                .events
                .get(series)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let result = events::ratio_timeslices(counts, window, slice.0);
            if explain {
                explanations.push(Line::new("mean slice ratio", result.explanation));
            }
            result.achieved
        }
        Metric::Percentile { series, .. }
        | Metric::Mean { series, .. }
        | Metric::Max { series, .. } => {
            let statistic = match metric {
                Metric::Percentile { percentile, .. } => Statistic::Percentile(*percentile),
                Metric::Mean { .. } => Statistic::Mean,
                _ => Statistic::Max,
            };
            let values = context
                .records
                .samples
                .get(series)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let result = samples::statistic(values, window, statistic);
            if explain {
                explanations.push(Line::new("samples", result.explanation));
            }
            result.value
        }
        Metric::Manual { .. } => {
            let key = (
                format!("{}/{}", instance.provenance.agreement, target.id),
                period.label(),
            );
            // A manual value of a percent metric is entered in percent (`98.5`).
            let value = context.records.manual.get(&key).copied().and_then(|v| {
                if metric.unit() == "%" {
                    Ratio::new(v.numerator(), v.denominator().checked_mul(100)?)
                } else {
                    Some(v)
                }
            });
            if explain {
                explanations.push(Line::new(
                    "manual value",
                    Explanation {
                        formula: "the value entered for the target and period".into(),
                        substituted: match value {
                            Some(v) => {
                                format!("{} for {} in {}", display_value(metric, v), key.0, key.1)
                            }
                            None => format!("nothing entered for {} in {}", key.0, key.1),
                        },
                        convention: "manual values are taken as entered".into(),
                    },
                ));
            }
            value
        }
    };
    let excluded_period = terms
        .excluded
        .iter()
        .any(|w| w.start() <= window.start() && window.end() <= w.end());
    let status = if excluded_period {
        Status::Excluded
    } else {
        crate::compliance::status(achieved, expected, minimum, direction)
    };
    if explain {
        let unit = metric.unit();
        explanations.push(Line::new(
        "status", Explanation {
            formula: match direction {
                Direction::AtLeast => "met if achieved ≥ expected; below minimum if achieved < minimum; otherwise missed".into(),
                Direction::AtMost => "met if achieved ≤ expected; below minimum if achieved > minimum; otherwise missed".into(),
            },
            substituted: format!(
                "achieved {} vs expected {}{unit}{} → {}",
                achieved.map(|a| format!("{}{unit}", display_value(metric, a))).unwrap_or_else(|| "no data".into()),
                target.expected.text(),
                target.minimum.as_ref().map(|m| format!(", minimum {}{unit}", m.text())).unwrap_or_default(),
                status.label()
            ),
            convention: if excluded_period {
                "the agreement excludes this period for this target: no status, no credit".into()
            } else {
                "levels compared exactly (no rounding before the comparison)".into()
            },
        },
    ));
    }
    // The raw credit of this target (pool credits are settled per group).
    let rounding = terms.rounding;
    let mut next_tier = None;
    let mut credit = Money::zero(context.currency);
    let credit_rule = if excluded_period {
        None
    } else {
        target.credit.as_ref()
    };
    // Figures only, and a fixed credit's amount: `credit_value`; a step or
    // linear rule explained works its amount out with its explanation.
    if !explain || matches!(credit_rule, Some(CreditRule::Fixed { .. })) {
        credit = credit_value(
            context,
            terms,
            credit_rule,
            achieved,
            status,
            charges,
            facts.breached_tickets,
        );
    }
    match (credit_rule, achieved) {
        _ if !explain => {}
        (Some(CreditRule::Step { .. }), Some(achieved)) => {
            if let Some(schedule) = &terms.step {
                let step = schedule.credit_for(achieved);
                credit = charges.percent(step.value.credit, rounding);
                explanations.push(Line::new("credit tier", step.explanation));
                explanations.push(Line::new(
                    "credit amount",
                    money_line(charges, step.value.credit, credit, rounding),
                ));
                if facts.service_time.nanos() > 0 {
                    if let Some(next) =
                        schedule.next_tier(achieved, facts.service_time, facts.downtime)
                    {
                        next_tier = Some(NextTier {
                            extra_downtime: next.extra_downtime,
                            from: step.value.credit,
                            to: next.credit,
                        });
                    }
                }
            }
        }
        (Some(CreditRule::Linear { .. }), Some(achieved)) => {
            if let Some(rule) = &terms.linear {
                let linear = rule.credit_for(achieved);
                credit = charges.percent(linear.value.credit, rounding);
                explanations.push(Line::new("linear credit", linear.explanation));
                explanations.push(Line::new(
                    "credit amount",
                    money_line(charges, linear.value.credit, credit, rounding),
                ));
            }
        }
        (Some(CreditRule::Fixed { amount, per }), _) => {
            let amount = context.money(Some(amount));
            let count = fixed_count(*per, status, facts.breached_tickets);
            explanations.push(Line::new(
                "fixed credit",
                Explanation {
                    formula: match per {
                        FixedPer::Breach => "credit = fixed amount if the target is missed".into(),
                        FixedPer::BreachedTicket => {
                            "credit = fixed amount × breached tickets".into()
                        }
                    },
                    substituted: format!(
                        "{} × {count} = {}",
                        amount.to_plain_string(),
                        credit.to_plain_string()
                    ),
                    convention: "fixed amounts are not rounded".into(),
                },
            ));
        }
        _ => {}
    }
    // Each supplier's share of downtime and credit, by downtime.
    if !facts.supplier_downtime.is_empty() {
        let total: i128 = facts
            .supplier_downtime
            .iter()
            .map(|(_, d)| i128::from(d.nanos()))
            .sum();
        let weights: Vec<i128> = facts
            .supplier_downtime
            .iter()
            .map(|(_, d)| i128::from(d.nanos()))
            .collect();
        let shares = split_by_weights(credit.minor_units(), &weights, total);
        for ((supplier, span), share) in facts.supplier_downtime.iter().zip(shares) {
            attribution.push(SupplierShare {
                supplier: supplier.clone(),
                downtime: *span,
                credit: Money::new(share, context.currency),
            });
        }
    }
    TargetPeriod {
        period,
        window,
        achieved,
        status,
        margin: achieved.map(|a| margin(terms.percent, a, expected)),
        budget,
        next_tier,
        credit_raw: credit,
        credit,
        credit_paid: credit,
        earned_back: false,
        attribution,
        excluded,
        explanations,
        facts,
    }
}

/// A target's raw credit in a period, figures only: what [`evaluate`]
/// pays for its credit rule, without the explanations (a pool's credits are
/// settled per group).
fn credit_value(
    context: &Context,
    terms: &TargetTerms,
    rule: Option<&CreditRule>,
    achieved: Option<Ratio>,
    status: Status,
    charges: Money,
    breached_tickets: usize,
) -> Money {
    let zero = Money::zero(context.currency);
    match (rule, achieved) {
        (Some(CreditRule::Step { .. }), Some(achieved)) => {
            terms.step.as_ref().map_or(zero, |schedule| {
                charges.percent(schedule.credit_value(achieved).credit, terms.rounding)
            })
        }
        (Some(CreditRule::Linear { .. }), Some(achieved)) => {
            terms.linear.as_ref().map_or(zero, |rule| {
                charges.percent(rule.credit_value(achieved).credit, terms.rounding)
            })
        }
        (Some(CreditRule::Fixed { amount, per }), _) => {
            let count = fixed_count(*per, status, breached_tickets);
            Money::new(
                context
                    .money(Some(amount))
                    .minor_units()
                    .saturating_mul(i64::try_from(count).unwrap_or(i64::MAX)),
                context.currency,
            )
        }
        _ => zero,
    }
}

/// How many times a fixed credit is paid in a period.
fn fixed_count(per: FixedPer, status: Status, breached_tickets: usize) -> usize {
    match per {
        FixedPer::Breach => usize::from(matches!(status, Status::Missed | Status::BelowMinimum)),
        FixedPer::BreachedTicket => breached_tickets,
    }
}

/// `43m 50s (2,629.746 s)`, with `−` before both parts when negative.
fn signed_span_text(nanos: i128) -> String {
    if nanos < 0 {
        span_text(-nanos)
            .replacen("", "−", 1)
            .replacen(" (", " (−", 1)
    } else {
        span_text(nanos)
    }
}

fn span_text(nanos: i128) -> String {
    let span =
        TimeSpan::from_nanos(i64::try_from(nanos.max(0)).unwrap_or(i64::MAX)).unwrap_or_default();
    format!("{} ({} s)", span.human(), span.exact_seconds())
}

fn money_line(charges: Money, share: Percent, credit: Money, rounding: Rounding) -> Explanation {
    Explanation {
        formula: "credit = charges for the period × credit percentage".into(),
        substituted: format!(
            "{} × {} = {}",
            charges.to_plain_string(),
            share,
            credit.to_plain_string()
        ),
        convention: format!(
            "rounded once to the minor unit ({})",
            match rounding {
                Rounding::HalfUp => "half up",
                Rounding::Down => "down",
                Rounding::Up => "up",
            }
        ),
    }
}

/// Splits `amount` by integer weights summing to `total`: the shares sum to
/// the amount exactly ([`adjust::proportional`]: largest remainder, ties to
/// the earlier entry).
fn split_by_weights(amount: i64, weights: &[i128], total: i128) -> Vec<i64> {
    adjust::proportional(weights, i128::from(amount), total)
        .into_iter()
        .map(|s| i64::try_from(s).unwrap_or(0))
        .collect()
}

/// Downtime attributed to suppliers: at each instant of downtime inside
/// service time, the downtime (weighted by the largest impact open) is split
/// equally among the distinct suppliers with an outage open at that instant
/// (`unattributed` for records without a supplier). The shares are then
/// scaled to the counted downtime (which may differ through rounding and
/// minimum-period rules) by largest remainder, so they sum to it exactly.
fn attribute_downtime(
    outages: &[Outage],
    calendar: &Calendar,
    window: Interval,
    rules: &DowntimeRules,
    counted: TimeSpan,
) -> Vec<(String, TimeSpan)> {
    let service = calendar.service_time(window);
    let records: Vec<(Interval, u64, String)> = outages
        .iter()
        .filter(|o| (!o.planned || rules.count_planned) && o.impact != Percent::ZERO)
        .filter_map(|o| {
            let interval = Interval::new(o.start, o.end)?.intersection(window)?;
            Some((
                interval,
                o.impact.ppb(),
                o.supplier.clone().unwrap_or_else(|| "unattributed".into()),
            ))
        })
        .collect();
    let mut points: Vec<UnixNanos> = records
        .iter()
        .flat_map(|(i, _, _)| [i.start(), i.end()])
        .collect();
    points.sort_unstable();
    points.dedup();
    let mut raw: BTreeMap<String, i128> = BTreeMap::new();
    for pair in points.windows(2) {
        let Some(segment) = Interval::new(pair[0], pair[1]) else {
            continue;
        };
        let open: Vec<&(Interval, u64, String)> = records
            .iter()
            .filter(|(i, _, _)| i.start() <= segment.start() && i.end() >= segment.end())
            .collect();
        if open.is_empty() {
            continue;
        }
        let impact = open.iter().map(|(_, p, _)| *p).max().unwrap_or(0);
        let inside = crate::time::IntervalSet::from_intervals([segment])
            .intersection(&service)
            .length();
        // Filled by insertion: `collect` would sort a vector first (one more
        // compiled sort).
        let mut suppliers: BTreeSet<&String> = BTreeSet::new();
        suppliers.extend(open.iter().map(|(_, _, s)| s));
        let weight = i128::from(inside.nanos()) * i128::from(impact) / 1_000_000_000;
        for supplier in &suppliers {
            *raw.entry((*supplier).clone()).or_default() += weight / suppliers.len() as i128;
        }
    }
    let total: i128 = raw.values().sum();
    let names: Vec<String> = raw.keys().cloned().collect();
    let weights: Vec<i128> = raw.values().copied().collect();
    let shares = split_by_weights(counted.nanos(), &weights, total);
    names
        .into_iter()
        .zip(shares)
        .map(|(n, s)| (n, TimeSpan::from_nanos(s).unwrap_or_default()))
        .collect()
}

fn trigger_rule(trigger: &TriggerDef) -> String {
    match trigger {
        TriggerDef::BelowMinimum { k, m, .. } => {
            format!("a critical target below its minimum in {k} of any {m} consecutive periods")
        }
        TriggerDef::CreditsAtCap { k, m } => {
            format!("credits at the cap in {k} of any {m} consecutive periods")
        }
        TriggerDef::RollingAverageBelow {
            target,
            periods,
            level,
        } => format!(
            "the mean of `{target}` over the last {periods} periods below {}",
            level.text()
        ),
    }
}

/// A group period: its label, months, calendar year and whether it is in
/// the span (or one of the earlier periods the terms look back at).
struct GroupLabel {
    label: ReportPeriod,
    months: i64,
    year: Option<i32>,
    in_span: bool,
}

fn money_text(amount: Money) -> String {
    format!("{} {}", amount.to_plain_string(), amount.currency().code())
}

/// `2026-01..2026-06`, or the one label.
fn label_range(first: &str, last: &str) -> String {
    if first == last {
        first.to_owned()
    } else {
        format!("{first}..{last}")
    }
}

/// A credit group (an agreement's target instances) as its terms read,
/// worked out once per report (and once for all of a simulation's years).
struct GroupPlan<'a> {
    agreement: String,
    /// The group's target instances, by their place in the instances.
    members: Vec<usize>,
    definition: Option<&'a Agreement>,
    terms: CreditTerms,
    monthly: Money,
    period_cap: Option<Cap>,
    year_cap: Option<Option<Cap>>,
}

/// The credit groups, in the order their first instances come.
fn group_plans<'a>(context: &Context<'a>, instances: &[Instance]) -> Vec<GroupPlan<'a>> {
    let mut order: Vec<String> = Vec::new();
    for instance in instances {
        if !order.contains(&instance.agreement) {
            order.push(instance.agreement.clone());
        }
    }
    order
        .into_iter()
        .map(|group| {
            let members: Vec<usize> = instances
                .iter()
                .enumerate()
                .filter(|(_, i)| i.agreement == group)
                .map(|(n, _)| n)
                .collect();
            let definition = context.file.agreements.iter().find(|a| a.id == group);
            let terms = definition
                .and_then(|a| a.credits.clone())
                .unwrap_or_default();
            let mut services: Vec<String> = Vec::new();
            for &m in &members {
                for s in &instances[m].services {
                    if !services.contains(s) {
                        services.push(s.clone());
                    }
                }
            }
            let monthly = context.monthly_charge(&group, &services);
            // The caps as the terms state them, read once for all periods.
            let period_cap = terms.period_cap.as_ref().and_then(|c| to_cap(context, c));
            let year_cap = terms.year_cap.as_ref().map(|c| to_cap(context, c));
            GroupPlan {
                agreement: group,
                members,
                definition,
                terms,
                monthly,
                period_cap,
                year_cap,
            }
        })
        .collect()
}

/// Settles credits per group and period: pool, period cap, year cap,
/// earn-back; then evaluates termination rights. Each target's periods
/// start with `lookback[target]` periods before the span: they are settled
/// like the span's (the year cap, repeat misses, earn-back and termination
/// rights count them) but the group's rows are the span's periods only.
fn groups(
    context: &Context,
    instances: &[Instance],
    plans: &[&GroupPlan],
    targets: &mut [TargetReport],
    lookback: &[usize],
    explain: bool,
) -> Vec<GroupReport> {
    let currency = context.currency;
    let mut out = Vec::with_capacity(plans.len());
    for plan in plans {
        let GroupPlan {
            agreement: group,
            members,
            definition: agreement,
            terms,
            monthly,
            period_cap,
            year_cap,
        } = plan;
        let (monthly, period_cap, year_cap, agreement) =
            (*monthly, *period_cap, *year_cap, *agreement);
        let members = members.as_slice();
        // The periods before the span first, then the span's.
        let mut labels: Vec<GroupLabel> =
            Vec::with_capacity(members.first().map_or(0, |&m| targets[m].periods.len()));
        for in_span in [false, true] {
            for &m in members {
                let before = lookback.get(m).copied().unwrap_or(0);
                for (k, p) in targets[m].periods.iter().enumerate() {
                    if (k >= before) != in_span || labels.iter().any(|l| l.label == p.period) {
                        continue;
                    }
                    labels.push(GroupLabel {
                        label: p.period,
                        months: months_in(p.period),
                        year: p.facts.year,
                        in_span,
                    });
                }
            }
        }
        let mut periods = Vec::with_capacity(labels.len());
        let mut year_totals: Vec<(ReportPeriod, Money)> = Vec::with_capacity(labels.len());
        for GroupLabel {
            label,
            months,
            in_span,
            ..
        } in &labels
        {
            let charges = Money::new(monthly.minor_units().saturating_mul(*months), currency);
            // Explanations for the span's periods only, and none at all
            // for figures only (the simulator's settlement).
            let explained = *in_span && explain;
            let mut explanations = Vec::new();
            let cells: Vec<(usize, usize)> = members
                .iter()
                .filter_map(|&m| {
                    targets[m]
                        .periods
                        .iter()
                        .position(|p| p.period == *label)
                        .map(|k| (m, k))
                })
                .collect();
            // 3. the at-risk pool.
            let mut at_risk_amount = None;
            if let Some(at_risk) = terms
                .at_risk_percent
                .as_ref()
                .filter(|_| !cfg!(feature = "availability-only"))
                .and_then(|l| l.percent().ok())
            {
                let missed: Vec<(String, Ratio)> = cells
                    .iter()
                    .filter_map(|&(m, k)| {
                        let allocation = match &instances[m].target.credit {
                            Some(CreditRule::Pool { allocation }) => allocation.as_fraction(),
                            _ => return None,
                        };
                        let missed = matches!(
                            targets[m].periods[k].status,
                            Status::Missed | Status::BelowMinimum
                        );
                        (missed && instances[m].target.critical)
                            .then(|| (instances[m].key.clone(), allocation))
                    })
                    .collect();
                let pool =
                    adjust::pool_credits_with(charges, &AtRiskPool { at_risk }, &missed, explained);
                at_risk_amount = Some(pool.at_risk_amount);
                for ((key, amount), (_, allocation)) in pool.credits.iter().zip(&missed) {
                    if let Some(&(m, k)) = cells.iter().find(|&&(m, _)| &instances[m].key == key) {
                        // The level's own credit before the pool cap.
                        let alone = adjust::pool_credits_with(
                            charges,
                            &AtRiskPool { at_risk },
                            &[(key.clone(), *allocation)],
                            false,
                        );
                        let cell = &mut targets[m].periods[k];
                        cell.credit_raw = alone.total_before_cap;
                        cell.credit = *amount;
                        cell.credit_paid = *amount;
                    }
                }
                if explained && !missed.is_empty() {
                    explanations.push(Line::new("at-risk pool", pool.explanation));
                }
            }
            // 4. the period cap.
            let credits: Vec<Money> = cells
                .iter()
                .map(|&(m, k)| targets[m].periods[k].credit_paid)
                .collect();
            let cap = period_cap.map(|c| match c {
                Cap::Amount(a) => a,
                Cap::PercentOfCharges(p) => charges.percent(p, Rounding::HalfUp),
            });
            let capped = adjust::cap_period_with(&credits, cap, explained);
            if explained && cap.is_some() {
                explanations.push(Line::new("period cap", capped.explanation.clone()));
            }
            for (&(m, k), share) in cells.iter().zip(&capped.shares) {
                targets[m].periods[k].credit_paid = *share;
            }
            year_totals.push((*label, capped.total));
            periods.push((
                *label,
                charges,
                at_risk_amount,
                capped,
                cap,
                cells,
                explanations,
            ));
        }
        // 5. the year cap, per calendar year, counting the year's periods
        // before the span.
        let mut paid_totals: Vec<Money> = year_totals.iter().map(|(_, m)| *m).collect();
        if let Some(year_cap) = year_cap {
            let mut years: BTreeMap<Option<i32>, Vec<usize>> = BTreeMap::new();
            for (n, label) in labels.iter().enumerate() {
                years.entry(label.year).or_default().push(n);
            }
            for indices in years.values() {
                let cap = year_cap.map(|c| match c {
                    Cap::Amount(a) => a,
                    Cap::PercentOfCharges(p) => {
                        Money::new(monthly.minor_units().saturating_mul(12), currency)
                            .percent(p, Rounding::HalfUp)
                    }
                });
                let totals: Vec<Money> = indices.iter().map(|&n| year_totals[n].1).collect();
                let explained: Vec<bool> = indices
                    .iter()
                    .map(|&n| labels[n].in_span && explain)
                    .collect();
                let paid = adjust::cap_year_with(&totals, cap, &explained);
                // What the year's periods before the span paid, said at the
                // year's first period in the span.
                let earlier: Vec<usize> = indices
                    .iter()
                    .copied()
                    .filter(|&n| !labels[n].in_span)
                    .collect();
                let first_in_span = indices.iter().copied().find(|&n| labels[n].in_span);
                if let (true, Some(n), Some(&first), Some(&last), Some(cap)) =
                    (explain, first_in_span, earlier.first(), earlier.last(), cap)
                {
                    let already: i64 = indices
                        .iter()
                        .zip(&paid)
                        .filter(|(n, _)| !labels[**n].in_span)
                        .map(|(_, e)| e.value.minor_units())
                        .sum();
                    let left = (cap.minor_units().max(0) - already).max(0);
                    periods[n].6.push(Line {
                        what: "year cap".into(),
                        formula: "the year cap counts every period of the calendar year, also those before the span".into(),
                        substituted: format!(
                            "{} already paid in {} (before the span); {} of the year cap of {} left",
                            money_text(Money::new(already, currency)),
                            label_range(&labels[first].label.label(), &labels[last].label.label()),
                            money_text(Money::new(left, currency)),
                            money_text(cap)
                        ),
                        convention: "the periods of the year before the span are worked out as the span's are, from the first measurement record on (earlier periods have no record and pay nothing)".into(),
                    });
                }
                for (&n, explained) in indices.iter().zip(paid) {
                    paid_totals[n] = explained.value;
                    if explained.value != year_totals[n].1 {
                        if labels[n].in_span && explain {
                            periods[n]
                                .6
                                .push(Line::new("year cap", explained.explanation));
                        }
                        // Reduce the targets' paid credits proportionally.
                        let cells = periods[n].5.clone();
                        let weights: Vec<i128> = cells
                            .iter()
                            .map(|&(m, k)| {
                                i128::from(targets[m].periods[k].credit_paid.minor_units())
                            })
                            .collect();
                        let total: i128 = weights.iter().sum();
                        let shares =
                            split_by_weights(explained.value.minor_units(), &weights, total);
                        for (&(m, k), share) in cells.iter().zip(shares) {
                            targets[m].periods[k].credit_paid = Money::new(share, currency);
                        }
                    }
                }
            }
        }
        // 6. earn-back, per target instance over its periods.
        // Earned back per period (by its place in `labels`).
        let mut earned: Vec<i64> = vec![0; labels.len()];
        if let Some(n) = terms
            .earn_back_periods
            .filter(|_| !cfg!(feature = "availability-only"))
        {
            for &m in members {
                let statuses: Vec<Status> = targets[m].periods.iter().map(|p| p.status).collect();
                let credits: Vec<Money> =
                    targets[m].periods.iter().map(|p| p.credit_paid).collect();
                // Credits paid before the span that are decided in it.
                let before = lookback.get(m).copied().unwrap_or(0);
                let outcomes = adjust::earn_back_with(
                    &statuses,
                    &credits,
                    &EarnBack { periods: n },
                    if explain { before } else { statuses.len() },
                );
                let needed = usize::try_from(n).unwrap_or(usize::MAX);
                for (i, credit) in credits.iter().enumerate().take(before) {
                    if credit.minor_units() <= 0 || needed == 0 || !explain {
                        continue;
                    }
                    let following = (i + 1..statuses.len()).take(needed);
                    let spoiler = following.clone().find(|&j| statuses[j] != Status::Met);
                    let decided = match spoiler {
                        Some(j) => Some((j, false)),
                        None if i + needed < statuses.len() => Some((i + needed, true)),
                        None => None,
                    };
                    let Some((at, earned_back)) = decided.filter(|(at, _)| *at >= before) else {
                        continue;
                    };
                    let period = |k: usize| targets[m].periods[k].period.label();
                    let outcome = if earned_back {
                        format!(
                            "earned back: {} all met",
                            label_range(&period(i + 1), &period(i + needed))
                        )
                    } else {
                        format!(
                            "kept by the customer: {} is {}",
                            period(at),
                            statuses[at].label()
                        )
                    };
                    let line = Line {
                        what: "earn-back".into(),
                        formula: "a credit is earned back when the target is met in each of the following N periods".into(),
                        substituted: format!(
                            "{}: the credit of {} paid in {} (before the span); N = {needed}; {outcome}",
                            instances[m].key,
                            money_text(*credit),
                            period(i)
                        ),
                        convention: "counted in the period it was paid in (before the span, not listed); a period with no data does not count as met".into(),
                    };
                    let decided_in = targets[m].periods[at].period;
                    if let Some(row) = periods.iter_mut().find(|row| row.0 == decided_in) {
                        row.6.push(line);
                    }
                }
                for (k, (cell, outcome)) in targets[m].periods.iter_mut().zip(outcomes).enumerate()
                {
                    // The periods before the span are not listed.
                    if explain && k >= before && outcome.credit.minor_units() > 0 {
                        cell.explanations
                            .push(Line::new("earn-back", outcome.explanation));
                    }
                    if outcome.earned_back && outcome.credit.minor_units() > 0 {
                        cell.earned_back = true;
                        if let Some(n) = labels.iter().position(|l| l.label == cell.period) {
                            earned[n] = earned[n].saturating_add(outcome.credit.minor_units());
                        }
                    }
                }
            }
        }
        let mut group_periods = Vec::with_capacity(labels.len());
        let mut at_cap_flags = Vec::with_capacity(labels.len());
        for (n, (label, charges, at_risk_amount, capped, cap, _cells, explanations)) in
            periods.into_iter().enumerate()
        {
            let paid = paid_totals.get(n).copied().unwrap_or(capped.total);
            let back = earned.get(n).copied().unwrap_or(0);
            at_cap_flags.push((label, capped.at_cap));
            if !labels[n].in_span {
                continue;
            }
            group_periods.push(GroupPeriod {
                period: label,
                charges,
                at_risk_amount,
                credits_before_caps: capped.total_before,
                period_cap: cap,
                at_cap: capped.at_cap,
                after_period_cap: capped.total,
                paid,
                earned_back: Money::new(back, currency),
                net: Money::new(paid.minor_units().saturating_sub(back), currency),
                explanations,
            });
        }
        // Termination rights: the windows ending in the span, reaching back
        // into the periods before it.
        let span_labels_from = labels.iter().filter(|l| !l.in_span).count();
        let order_of = |label: &ReportPeriod| labels.iter().position(|l| l.label == *label);
        let mut termination = Vec::new();
        let triggers = match agreement {
            Some(a) if !cfg!(feature = "availability-only") => a.termination.as_slice(),
            _ => &[],
        };
        // Each member's periods as the rights read them, for all the rights.
        let member_facts: Vec<(usize, Vec<PeriodFacts>)> = if triggers.is_empty() {
            Vec::new()
        } else {
            members
                .iter()
                .map(|&m| {
                    (
                        m,
                        targets[m]
                            .periods
                            .iter()
                            .map(|p| facts_of(p, explain))
                            .collect(),
                    )
                })
                .collect()
        };
        for trigger in triggers {
            let rule = if explain {
                trigger_rule(trigger)
            } else {
                String::new()
            };
            let mut results: Vec<MemberResult> = Vec::new();
            // Whether it fires, and where it stands at each period's end.
            // Figures only: whether it fires, nothing else.
            let judge = |trigger: &Trigger, history: &[PeriodFacts], from: usize| {
                if !explain {
                    let result = termination::TriggerResult {
                        triggered: termination::fires_from(trigger, history, from),
                        first_triggered_at: None,
                        periods: Vec::new(),
                        held_at: Vec::new(),
                        explanation: Explanation {
                            formula: String::new(),
                            substituted: String::new(),
                            convention: String::new(),
                        },
                    };
                    return (result, Vec::new());
                }
                (
                    termination::evaluate_from(trigger, history, from),
                    termination::standing(trigger, history, from),
                )
            };
            // A target's periods from `skip` on, evaluated from its first in the span.
            let target_history = |member: usize, skip: usize| {
                let cells = &targets[member].periods[skip.min(targets[member].periods.len())..];
                let facts = member_facts
                    .iter()
                    .find(|(m, _)| *m == member)
                    .map_or(&[][..], |(_, facts)| facts.as_slice());
                let history = &facts[skip.min(facts.len())..];
                let labels: Vec<ReportPeriod> = cells.iter().map(|p| p.period).collect();
                let from = lookback
                    .get(member)
                    .copied()
                    .unwrap_or(0)
                    .saturating_sub(skip);
                (history, labels, from)
            };
            match trigger {
                TriggerDef::BelowMinimum {
                    k,
                    m,
                    targets: listed,
                } => {
                    for &member in members {
                        let target = &instances[member].target;
                        let applies = if listed.is_empty() {
                            target.critical
                        } else {
                            listed.contains(&target.id)
                        };
                        if !applies {
                            continue;
                        }
                        let (history, labels, from) = target_history(member, 0);
                        let (result, standing) =
                            judge(&Trigger::BelowMinimum { k: *k, m: *m }, history, from);
                        results.push((
                            Some(instances[member].key.clone()),
                            result,
                            labels,
                            standing,
                        ));
                    }
                }
                TriggerDef::CreditsAtCap { k, m } => {
                    let history: Vec<PeriodFacts> = at_cap_flags
                        .iter()
                        .map(|(label, at_cap)| PeriodFacts {
                            label: if explain {
                                label.label()
                            } else {
                                String::new()
                            },
                            status: Status::NoData,
                            at_cap: *at_cap,
                            achieved: None,
                        })
                        .collect();
                    let labels = at_cap_flags.iter().map(|(l, _)| *l).collect();
                    let (result, standing) = judge(
                        &Trigger::CreditsAtCap { k: *k, m: *m },
                        &history,
                        span_labels_from,
                    );
                    results.push((None, result, labels, standing));
                }
                TriggerDef::RollingAverageBelow {
                    target,
                    periods,
                    level,
                } => {
                    for &member in members {
                        if &instances[member].target.id != target {
                            continue;
                        }
                        // A window that reaches before the measurements
                        // begin is not evaluated: the history starts at the
                        // first period with a record.
                        let skip = targets[member]
                            .periods
                            .iter()
                            .take_while(|p| p.facts.before_measurements)
                            .count();
                        let (history, labels, from) = target_history(member, skip);
                        let level = level_value(&instances[member].target.metric, level);
                        let (result, standing) = judge(
                            &Trigger::RollingAverageBelow {
                                periods: *periods,
                                level,
                            },
                            history,
                            from,
                        );
                        results.push((
                            Some(instances[member].key.clone()),
                            result,
                            labels,
                            standing,
                        ));
                    }
                }
            }
            // The span's periods at which the right holds, for any target.
            let mut holds_in: Vec<ReportPeriod> = Vec::new();
            for (_, result, labels, _) in &results {
                for label in result.held_at.iter().filter_map(|&i| labels.get(i)) {
                    if !holds_in.contains(label) {
                        holds_in.push(*label);
                    }
                }
            }
            crate::order::sort_by_key(&mut holds_in, |label| order_of(label));
            // Where the right stands at the end of each period of the span:
            // of the targets it applies to, the one nearest to firing it
            // (the first in the file of those as near).
            let mut standing: Vec<RightStanding> = Vec::new();
            for (key, _, labels, standings) in &results {
                for (index, st) in standings {
                    let Some(period) = labels.get(*index).copied() else {
                        continue;
                    };
                    match standing.iter_mut().find(|s| s.period == period) {
                        Some(slot) if st.nearness() > slot.standing.nearness() => {
                            slot.standing = st.clone();
                            slot.target = key.clone();
                        }
                        Some(_) => {}
                        None => standing.push(RightStanding {
                            period,
                            target: key.clone(),
                            standing: st.clone(),
                        }),
                    }
                }
            }
            crate::order::sort_by_key(&mut standing, |s| order_of(&s.period));
            let fired = results
                .iter()
                .find(|(_, r, _, _)| r.triggered)
                .or(results.first());
            match fired {
                Some((key, result, labels, _)) => termination.push(TerminationResult {
                    rule,
                    triggered: result.triggered,
                    target: key.clone(),
                    periods: result
                        .periods
                        .iter()
                        .filter_map(|&i| labels.get(i).copied())
                        .collect(),
                    holds_in,
                    standing,
                    explanation: Line::new("termination right", result.explanation.clone()),
                }),
                None => termination.push(TerminationResult {
                    rule,
                    triggered: false,
                    target: None,
                    periods: Vec::new(),
                    holds_in,
                    standing,
                    explanation: Line {
                        what: "termination right".into(),
                        formula: String::new(),
                        substituted: "no target this right applies to".into(),
                        convention: String::new(),
                    },
                }),
            }
        }
        out.push(GroupReport {
            agreement: group.clone(),
            monthly_charge: monthly,
            periods: group_periods,
            termination,
        });
    }
    out
}

/// A period as the termination rights read it (its label only for their
/// explanations).
fn facts_of(period: &TargetPeriod, explain: bool) -> PeriodFacts {
    PeriodFacts {
        label: if explain {
            period.period.label()
        } else {
            String::new()
        },
        status: period.status,
        at_cap: false,
        achieved: period.achieved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_path_is_its_list_and_index_after_the_file_name() {
        let names = vec![String::new(), "b.json".to_string()];
        for index in [0usize, 7, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(
                path_in(&names, "outages", Place { file: 0, index }),
                format!("outages[{index}]")
            );
            assert_eq!(
                path_in(&names, "tickets", Place { file: 1, index }),
                format!("b.json: tickets[{index}]")
            );
            assert_eq!(
                path_in(&names, "manual", Place { file: 5, index }),
                format!("manual[{index}]")
            );
        }
    }

    fn labels(periods: &[ReportPeriod]) -> Vec<String> {
        periods.iter().map(|p| p.label()).collect()
    }
    use crate::model::load;
    use proptest::prelude::*;

    fn file(extra_target: serde_json::Value) -> AgreementFile {
        let text = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "T", "currency": "EUR",
            "time_zone": "Europe/Berlin", "provider": {"name": "P"},
            "services": [{"id": "web", "name": "Web", "monthly_charge": "1000.00"}],
            "agreements": [{"id": "sla", "name": "SLA", "kind": "sla", "structure": "service_based", "service": "web",
                "targets": [extra_target]}]
        });
        load::agreements(&text.to_string()).expect("valid")
    }

    fn measurements(outages: serde_json::Value) -> MeasurementFile {
        load::measurements(
            &serde_json::json!({"format": "sla-measurements", "version": 1, "outages": outages})
                .to_string(),
        )
        .expect("valid")
    }

    fn run(file: &AgreementFile, data: &MeasurementFile, span: &str) -> Report {
        let zone = Zone::named("Europe/Berlin").expect("a known zone");
        let span = Span::parse(span, &zone).expect("span");
        report(
            file,
            data,
            &Request {
                span,
                now: span_end(span, &zone),
            },
        )
    }

    #[test]
    fn a_rolling_window_ends_at_each_month_end() {
        // 30 days up to the end of March 2026 in Berlin (2026-03-31T22:00Z) start 2026-03-01T22:00Z,
        // so an outage of 72 min on 2026-03-01T21:00Z..22:12Z counts 12 min of 43,200 min:
        // (43,200 − 12) ÷ 43,200 = 99.97222…%.
        let file = file(
            serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
            "expected": "99.9", "period": {"rolling_days": 30}}),
        );
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-03-01T21:00:00Z", "end": "2026-03-01T22:12:00Z"}
        ]));
        let result = run(&file, &data, "2026-03");
        let period = &result.targets[0].periods[0];
        assert_eq!(period.period.label(), "30 days to 2026-03-31T22:00:00Z");
        assert_eq!(
            period.achieved.map(|a| a.to_percent_string(4)).as_deref(),
            Some("99.9722")
        );
    }

    #[test]
    fn an_excluded_period_has_no_status_and_no_credit() {
        let file = file(
            serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
            "expected": "99.9", "excluded_periods": ["2026-02"],
            "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}]}}),
        );
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-02-10T10:00:00Z", "end": "2026-02-10T20:00:00Z"},
            {"service": "web", "start": "2026-03-10T10:00:00Z", "end": "2026-03-10T20:00:00Z"}
        ]));
        let result = run(&file, &data, "2026-02..2026-03");
        let periods = &result.targets[0].periods;
        assert_eq!(
            (
                periods[0].status.label(),
                periods[0].credit.to_plain_string().as_str()
            ),
            ("excluded", "0.00")
        );
        // March: 10 h of 743 h missed → 10 % of 1,000.00
        assert_eq!(
            (
                periods[1].status.label(),
                periods[1].credit.to_plain_string().as_str()
            ),
            ("missed", "100.00")
        );
    }

    #[test]
    fn an_outage_is_used_by_the_targets_of_its_service_and_supplier_or_listed_with_why_not() {
        // `db` is measured only by a UC of `acme`; `mail` has no outage target.
        let text = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "T", "currency": "EUR",
            "time_zone": "UTC", "provider": {"name": "P"},
            "services": [{"id": "web", "name": "Web"}, {"id": "db", "name": "DB"}, {"id": "mail", "name": "Mail"}],
            "suppliers": [{"id": "acme", "name": "Acme"}, {"id": "other", "name": "Other"}],
            "agreements": [
                {"id": "sla", "name": "SLA", "kind": "sla", "structure": "service_based", "service": "web",
                 "targets": [{"id": "up", "name": "Up", "metric": {"type": "availability"}, "expected": "99"}]},
                {"id": "uc", "name": "UC", "kind": "uc", "service": "db", "supplier": "acme",
                 "targets": [{"id": "up", "name": "Up", "metric": {"type": "availability"}, "expected": "99"}]},
                {"id": "mail-sla", "name": "Mail", "kind": "sla", "structure": "service_based", "service": "mail",
                 "targets": [{"id": "csat", "name": "CSAT", "metric": {"type": "manual", "unit": "of 5"}, "expected": "4"}]}
            ]
        });
        let file = load::agreements(&text.to_string()).expect("valid");
        let outage = |service: &str, supplier: Option<&str>, day: u32| {
            let mut record = serde_json::json!({"service": service,
                "start": format!("2026-03-{day:02}T10:00:00Z"), "end": format!("2026-03-{day:02}T11:00:00Z")});
            if let Some(supplier) = supplier {
                record["supplier"] = supplier.into();
            }
            record
        };
        let data = measurements(serde_json::json!([
            outage("web", None, 2),
            outage("db", Some("acme"), 3),
            outage("db", Some("other"), 4),
            outage("db", None, 5),
            outage("mail", None, 6),
            outage("Web", None, 7),
            outage("web", Some("acme"), 8),
        ]));
        let report = run(&file, &data, "2026-03");
        let skipped: Vec<(&str, &str)> = report
            .skipped_records
            .iter()
            .map(|r| (r.path.as_str(), r.reason.as_str()))
            .collect();
        assert_eq!(
            skipped,
            [
                ("outages[2]", "only the outages of `acme` count for `db` (its targets are OLAs or UCs), and this one is of `other`"),
                ("outages[3]", "only the outages of `acme` count for `db` (its targets are OLAs or UCs), and this one is attributed to no supplier"),
                ("outages[4]", "no availability or MTTR target measures the service `mail`"),
                ("outages[5]", "no service `Web` in the agreement file (ids are compared exactly)"),
            ]
        );
        let downtime = |key: &str| {
            report
                .targets
                .iter()
                .find(|t| t.key == key)
                .map(|t| t.periods[0].facts.downtime.nanos() / 60_000_000_000)
        };
        // web: its own outage and the one attributed to acme (an SLA counts every outage).
        assert_eq!(downtime("sla/up"), Some(120));
        assert_eq!(downtime("uc/up"), Some(60));
    }

    #[test]
    fn targets_taking_one_service_under_the_same_rules_share_its_records_and_figures() {
        // `a` and `b` count the same records under the same rules (screened once for
        // both); `c` has a minimum outage length, so its records are its own.
        let up = |id: &str| {
            serde_json::json!({"id": id, "name": id, "metric": {"type": "availability"}, "expected": "99.9",
                "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}]}})
        };
        let mut three = file(up("a"));
        let mut c = up("c");
        c["metric"]["downtime"] = serde_json::json!({"minimum_outage": "20m"});
        let text = serde_json::json!([up("b"), c]);
        three.agreements[0]
            .targets
            .extend(serde_json::from_value::<Vec<Target>>(text).expect("targets"));
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-03-02T10:00:00Z", "end": "2026-03-02T11:00:00Z"},
            {"service": "web", "start": "2026-03-09T10:00:00Z", "end": "2026-03-09T10:10:00Z", "planned": true},
            {"service": "web", "start": "2026-04-02T10:00:00Z", "end": "2026-04-02T10:15:00Z"},
            {"service": "web", "start": "2026-04-03T10:00:00Z", "end": "2026-04-03T10:15:00Z"},
            {"service": "web", "start": "2026-04-04T10:00:00Z", "end": "2026-04-04T10:15:00Z"}
        ]));
        let alone = run(&file(up("a")), &data, "2026-03..2026-04");
        let report = run(&three, &data, "2026-03..2026-04");
        let figures = |t: &TargetReport| -> Vec<String> {
            t.periods
                .iter()
                .map(|p| {
                    format!(
                        "{:?} {:?} {} {:?}",
                        p.achieved,
                        p.status,
                        p.credit.to_plain_string(),
                        p.excluded
                    )
                })
                .collect()
        };
        assert_eq!(figures(&report.targets[0]), figures(&alone.targets[0]));
        assert_eq!(figures(&report.targets[1]), figures(&alone.targets[0]));
        // April's three outages of 15 minutes are each shorter than `c`'s minimum: met
        // there; 45 minutes of 30 days miss 99.9 % for `a`.
        assert_eq!(report.targets[0].periods[1].status, Status::Missed);
        assert_eq!(report.targets[2].periods[1].status, Status::Met);
    }

    #[test]
    fn downtime_inputs_count_what_the_report_counts() {
        // Rounded up to whole minutes, a 5-minute minimum span, a planned and a partial outage.
        let file = file(serde_json::json!({"id": "a", "name": "A",
            "metric": {"type": "availability", "downtime": {"round_up_to": "1m", "minimum_downtime_period": "5m"}},
            "expected": "99.9"}));
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-02-03T10:00:00Z", "end": "2026-02-03T10:20:30Z"},
            {"service": "web", "start": "2026-02-05T10:00:00Z", "end": "2026-02-05T10:03:00Z"},
            {"service": "web", "start": "2026-02-10T10:00:00Z", "end": "2026-02-10T12:00:00Z", "planned": true},
            {"service": "web", "start": "2026-02-20T10:00:00Z", "end": "2026-02-20T11:00:00Z", "impact": "50"},
            {"service": "other", "start": "2026-02-21T10:00:00Z", "end": "2026-02-21T11:00:00Z"}
        ]));
        let period = &run(&file, &data, "2026-02").targets[0].periods[0];
        let inputs = downtime_inputs(&file, &data);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].key, "sla/a");
        let zone = Zone::named("Europe/Berlin").expect("a known zone");
        let window = ReportPeriod::Month {
            year: 2026,
            month: 2,
        }
        .window(&zone)
        .expect("a month");
        // 21 min (rounded up) + 30 min (half of an hour); the 3-minute blip and the planned outage do not count.
        assert_eq!(inputs[0].downtime(window), period.facts.downtime);
        assert_eq!(period.facts.downtime, TimeSpan::from_secs(51 * 60));
        let until = |t: &str| {
            let end = crate::model::Timestamp::parse(t)
                .ok()
                .and_then(|t| t.instant(&zone))
                .expect("a time");
            inputs[0].downtime(Interval::new(window.start(), end).expect("ordered"))
        };
        assert_eq!(until("2026-02-04T00:00:00Z"), TimeSpan::from_secs(21 * 60));
        assert_eq!(until("2026-02-15T00:00:00Z"), TimeSpan::from_secs(21 * 60));
    }

    /// Two exports of one system (January's and February's) holding one
    /// ticket: with its state (`as_of`), the latest is counted whatever the
    /// order of the files, the earlier listed; states as late as each
    /// other are all listed.
    #[test]
    fn the_latest_state_of_a_ticket_is_counted_across_files() {
        let file = load::agreements(include_str!("../../../../examples/service-desk.json"))
            .expect("the example is valid");
        let ticket = |resolved: Option<&str>, revision: u64, updated: &str| {
            let mut t = serde_json::json!({"id": "INC1", "service": "service-desk", "priority": "P1",
                "created": "2026-03-02T10:00:00Z", "first_response": "2026-03-02T10:05:00Z",
                "as_of": {"revision": revision, "updated": updated}});
            if let Some(r) = resolved {
                t["resolved"] = r.into();
            }
            t
        };
        let file_of = |t: serde_json::Value| {
            load::measurements(
                &serde_json::json!({"format": "sla-measurements", "version": 1, "tickets": [t]})
                    .to_string(),
            )
            .expect("valid measurements")
        };
        let january = file_of(ticket(None, 2, "2026-03-02T10:05:00Z"));
        let february = file_of(ticket(
            Some("2026-03-02T16:00:00Z"),
            5,
            "2026-03-02T16:00:00Z",
        ));
        let zone = Zone::named(&file.time_zone).expect("London");
        let span = Span::parse("2026-03", &zone).expect("a month");
        let request = Request {
            span,
            now: span_end(span, &zone),
        };
        for order in [[&january, &february], [&february, &january]] {
            let sources = [
                Source {
                    name: "a.json",
                    measurements: order[0],
                },
                Source {
                    name: "b.json",
                    measurements: order[1],
                },
            ];
            let report = report_sources(&file, &sources, &request);
            let resolution = report
                .targets
                .iter()
                .find(|t| t.key == "desk-sla/p1-resolution")
                .expect("the P1 resolution target");
            // Counted: the latest state, resolved after 6 h (> 4 h): missed.
            assert_eq!(resolution.periods[0].facts.tickets.len(), 1);
            assert_eq!(
                resolution.periods[0].facts.tickets[0].outcome,
                TicketOutcome::Breached
            );
            assert_eq!(report.skipped_records.len(), 1);
            assert!(report.skipped_records[0]
                .reason
                .starts_with("an earlier state of ticket `INC1`; its latest, "));
        }
        let tie = file_of(ticket(None, 5, "2026-03-02T16:00:00Z"));
        let sources = [
            Source {
                name: "a.json",
                measurements: &february,
            },
            Source {
                name: "b.json",
                measurements: &tie,
            },
        ];
        let report = report_sources(&file, &sources, &request);
        assert_eq!(report.skipped_records.len(), 2);
        assert!(report.skipped_records[0]
            .reason
            .contains("the latest state is held by more than one"));
    }

    /// A ticket's own verdict against ours over both P1 targets of the
    /// service desk example (first response 15 min, resolution 4 h, 24x7):
    /// ours is missed when either target missed, met when both met,
    /// undecided while one is pending; tickets without a verdict are not
    /// compared.
    #[test]
    fn a_tickets_verdict_is_compared_with_every_target_that_counts_it() {
        let file = load::agreements(include_str!("../../../../examples/service-desk.json"))
            .expect("the example is valid");
        let ticket = |id: &str,
                      created: &str,
                      responded: &str,
                      resolved: Option<&str>,
                      met: Option<bool>| {
            let mut t = serde_json::json!({"id": id, "service": "service-desk", "priority": "P1", "created": created, "first_response": responded});
            if let Some(r) = resolved {
                t["resolved"] = r.into();
            }
            if let Some(met) = met {
                t["verdict"] =
                    serde_json::json!({"met": met, "by": "made_sla (ServiceNow incidents)"});
            }
            t
        };
        let data = serde_json::json!({"format": "sla-measurements", "version": 1, "tickets": [
            ticket("A", "2026-03-02T10:00:00Z", "2026-03-02T10:05:00Z", Some("2026-03-02T13:00:00Z"), Some(false)),
            ticket("B", "2026-03-03T10:00:00Z", "2026-03-03T10:30:00Z", Some("2026-03-03T11:00:00Z"), Some(true)),
            ticket("C", "2026-03-31T21:00:00Z", "2026-03-31T21:05:00Z", None, Some(true)),
            ticket("D", "2026-03-04T10:00:00Z", "2026-03-04T10:30:00Z", Some("2026-03-04T11:00:00Z"), None),
        ]});
        let data = load::measurements(&data.to_string()).expect("valid measurements");
        let zone = Zone::named(&file.time_zone).expect("London");
        let span = Span::parse("2026-03", &zone).expect("a month");
        let report = report(
            &file,
            &data,
            &Request {
                span,
                now: span_end(span, &zone),
            },
        );
        assert_eq!(report.verdict_sources, ["made_sla (ServiceNow incidents)"]);
        let verdicts = report.verdicts();
        let seen: Vec<(&str, bool, Option<bool>, bool, usize)> = verdicts
            .iter()
            .map(|c| (c.id.as_str(), c.theirs, c.ours, c.differs(), c.checks.len()))
            .collect();
        assert_eq!(
            seen,
            [
                ("A", false, Some(true), true, 2),
                ("B", true, Some(false), true, 2),
                ("C", true, None, false, 2),
            ]
        );
        let text = render::text(&report, false);
        assert!(
            text.contains("The source system's own verdict (made_sla (ServiceNow incidents)) is given for 3 tickets the targets count: ours differs on 2, 1 still undecided here."),
            "{text}"
        );
        assert!(
            text.contains("  B: theirs met; here missed: desk-sla/p1-response: first response 30m of business time against 15m (missed, 2026-03); desk-sla/p1-resolution: resolution 1h of business time against 4h (met, 2026-03); the export has no pauses"),
            "{text}"
        );
    }

    /// The outsourcing example's half year of measurements plus the July
    /// records of `tests/fixtures/workbench/outsourcing-*-2026-07.csv`.
    fn outsourcing() -> (AgreementFile, MeasurementFile) {
        let file = load::agreements(include_str!("../../../../examples/outsourcing.json"))
            .expect("the example is valid");
        let mut data: serde_json::Value = serde_json::from_str(include_str!(
            "../../../../examples/outsourcing-2026-h1.json"
        ))
        .expect("the example is JSON");
        let outage = |start: &str, end: &str, impact: &str, planned: bool| serde_json::json!({"service": "core-banking", "start": start, "end": end, "impact": impact, "planned": planned});
        let july_outages = [
            outage(
                "2026-07-07T10:00:00+02:00",
                "2026-07-07T11:00:00+02:00",
                "100",
                false,
            ),
            outage(
                "2026-07-07T10:30:00+02:00",
                "2026-07-07T11:30:00+02:00",
                "50",
                false,
            ),
            outage(
                "2026-07-12T02:00:00+02:00",
                "2026-07-12T05:00:00+02:00",
                "100",
                false,
            ),
            outage(
                "2026-07-15T21:00:00+02:00",
                "2026-07-15T23:30:00+02:00",
                "100",
                false,
            ),
            outage(
                "2026-07-18T06:00:00+02:00",
                "2026-07-18T10:00:00+02:00",
                "100",
                true,
            ),
            outage(
                "2026-07-20T14:00:00+02:00",
                "2026-07-20T14:45:00+02:00",
                "100",
                false,
            ),
        ];
        let ticket = |id: &str,
                      priority: &str,
                      created: &str,
                      response: &str,
                      resolved: Option<&str>| {
            let mut t = serde_json::json!({"id": id, "service": "service-desk", "priority": priority,
                "created": created, "first_response": response});
            if let Some(resolved) = resolved {
                t["resolved"] = resolved.into();
            }
            t
        };
        let july_tickets = [
            ticket(
                "INC-101",
                "P1",
                "2026-07-06T09:00:00+02:00",
                "2026-07-06T09:10:00+02:00",
                Some("2026-07-06T12:00:00+02:00"),
            ),
            ticket(
                "INC-102",
                "P1",
                "2026-07-10T17:00:00+02:00",
                "2026-07-10T17:20:00+02:00",
                Some("2026-07-13T09:00:00+02:00"),
            ),
            ticket(
                "INC-103",
                "P1",
                "2026-07-14T10:00:00+02:00",
                "2026-07-14T10:05:00+02:00",
                Some("2026-07-14T14:30:00+02:00"),
            ),
            ticket(
                "INC-104",
                "P1",
                "2026-07-22T18:30:00+02:00",
                "2026-07-22T18:45:00+02:00",
                Some("2026-07-23T10:00:00+02:00"),
            ),
            ticket(
                "INC-105",
                "P1",
                "2026-07-25T10:00:00+02:00",
                "2026-07-25T10:30:00+02:00",
                Some("2026-07-27T10:30:00+02:00"),
            ),
            ticket(
                "INC-106",
                "P2",
                "2026-07-06T10:00:00+02:00",
                "2026-07-06T11:00:00+02:00",
                Some("2026-07-07T16:00:00+02:00"),
            ),
            ticket(
                "INC-107",
                "P2",
                "2026-07-16T15:00:00+02:00",
                "2026-07-16T16:00:00+02:00",
                Some("2026-07-20T15:00:00+02:00"),
            ),
            ticket(
                "INC-108",
                "P2",
                "2026-07-31T10:00:00+02:00",
                "2026-07-31T11:00:00+02:00",
                None,
            ),
        ];
        for (list, records) in [
            ("outages", &july_outages[..]),
            ("tickets", &july_tickets[..]),
        ] {
            if let Some(list) = data[list].as_array_mut() {
                list.extend(records.iter().cloned());
            }
        }
        let data = load::measurements(&data.to_string()).expect("valid measurements");
        (file, data)
    }

    /// The figures of a group's period that the terms looking back decide.
    fn settled(period: &GroupPeriod) -> [String; 8] {
        [
            period.period.label(),
            period.credits_before_caps.to_plain_string(),
            period.after_period_cap.to_plain_string(),
            period.at_cap.to_string(),
            period.paid.to_plain_string(),
            period.earned_back.to_plain_string(),
            period.net.to_plain_string(),
            period.charges.to_plain_string(),
        ]
    }

    /// Each target's row for `label`: status, credit, paid, earned back.
    fn rows(report: &Report, label: &str) -> Vec<(String, String, String, String, bool)> {
        report
            .targets
            .iter()
            .flat_map(|t| {
                t.periods
                    .iter()
                    .filter(|p| p.period.label() == label)
                    .map(move |p| {
                        (
                            t.key.clone(),
                            p.status.label().to_owned(),
                            p.credit.to_plain_string(),
                            p.credit_paid.to_plain_string(),
                            p.earned_back,
                        )
                    })
            })
            .collect()
    }

    /// Whether each termination right holds at the end of `label`.
    fn rights_at(report: &Report, label: &str) -> Vec<(String, bool)> {
        report
            .groups
            .iter()
            .flat_map(|g| g.termination.iter())
            .map(|t| {
                (
                    t.rule.clone(),
                    t.holds_in.iter().any(|p| p.label() == label),
                )
            })
            .collect()
    }

    #[test]
    fn a_month_alone_pays_and_terminates_as_in_the_year_to_date() {
        // The year cap of 50,000.00 is used up by January–June (9,600 + 12,000 + 12,000 + 0
        // + 12,000 + 4,400): July pays nothing, however the span starts. Core availability is
        // below its minimum in May, June and July: 3 of any 6 → the right holds in July.
        let (file, data) = outsourcing();
        let year = run(&file, &data, "2026-01..2026-07");
        let quarter = run(&file, &data, "2026-05..2026-07");
        let july = run(&file, &data, "2026-07");
        assert_eq!(july.groups[0].periods.len(), 1);
        let row = |r: &Report| {
            r.groups[0]
                .periods
                .iter()
                .find(|p| p.period.label() == "2026-07")
                .map(settled)
                .expect("a July row")
        };
        assert_eq!(row(&july), row(&year));
        assert_eq!(row(&quarter), row(&year));
        assert_eq!(july.groups[0].periods[0].paid.to_plain_string(), "0.00");
        assert_eq!(
            july.groups[0].periods[0].earned_back.to_plain_string(),
            "0.00"
        );
        assert_eq!(rows(&july, "2026-07"), rows(&year, "2026-07"));
        assert_eq!(rows(&quarter, "2026-07"), rows(&year, "2026-07"));
        assert_eq!(rights_at(&july, "2026-07"), rights_at(&year, "2026-07"));
        assert_eq!(rights_at(&quarter, "2026-07"), rights_at(&year, "2026-07"));
        // All three rights hold in July, and the July report says so.
        assert!(rights_at(&july, "2026-07").iter().all(|(_, holds)| *holds));
        let below = &july.groups[0].termination[0];
        assert!(below.triggered);
        assert_eq!(below.target.as_deref(), Some("bank-msa/core-availability"));
        assert_eq!(labels(&below.periods), ["2026-05", "2026-06", "2026-07"]);
        assert_eq!(labels(&below.holds_in), ["2026-07"]);
        assert!(below
            .explanation
            .substituted
            .contains("earlier periods counted: 2026-02 to 2026-06"));
        // The explanation says where the year cap went.
        let lines = &july.groups[0].periods[0].explanations;
        assert!(
            lines.iter().any(|l| l.what == "year cap"
                && l.substituted.starts_with(
                    "50,000.00 EUR already paid in 2026-01..2026-06 (before the span); 0.00 EUR"
                )),
            "{lines:#?}"
        );
        // May to July: May pays 12,000.00 as in the whole year, June what is left.
        let paid: Vec<String> = quarter.groups[0]
            .periods
            .iter()
            .map(|p| p.paid.to_plain_string())
            .collect();
        assert_eq!(paid, ["12,000.00", "4,400.00", "0.00"]);
        // Only the span's periods are listed.
        assert!(july.targets.iter().all(|t| t.periods.len() == 1));
        // Where each right stands at the end of each month: the same in the
        // quarter's report as in the year's, and the risk a dashboard shows.
        let standing_at = |report: &Report, label: &str| -> Vec<String> {
            report.groups[0]
                .termination
                .iter()
                .filter_map(|t| t.standing.iter().find(|s| s.period.label() == label))
                .map(|s| s.standing.text())
                .collect()
        };
        for month in ["2026-05", "2026-06", "2026-07"] {
            assert_eq!(
                standing_at(&quarter, month),
                standing_at(&year, month),
                "{month}"
            );
        }
        assert_eq!(standing_at(&july, "2026-07"), standing_at(&year, "2026-07"));
        // April: P1 resolution was below its minimum in February and March
        // (the measurements begin in January: 4 periods so far).
        let april = &year.groups[0].termination[0].standing[3];
        assert_eq!(april.period.label(), "2026-04");
        assert_eq!(
            april.standing.text(),
            "2 of 3 needed in the last 6 periods (the 4 so far)"
        );
        assert_eq!(april.target.as_deref(), Some("bank-msa/p1-resolution"));
        // Each standing holds exactly where the right holds.
        for right in &year.groups[0].termination {
            let held: Vec<ReportPeriod> = right
                .standing
                .iter()
                .filter(|s| s.standing.holds())
                .map(|s| s.period)
                .collect();
            assert_eq!(held, right.holds_in, "{}", right.rule);
        }
    }

    #[test]
    fn a_span_starting_in_january_looks_at_nothing_earlier() {
        // The measurements begin in January 2026: the history is the span itself.
        let (file, data) = outsourcing();
        let year = run(&file, &data, "2026-01..2026-07");
        assert!(year.groups[0]
            .periods
            .iter()
            .flat_map(|p| &p.explanations)
            .all(|l| !l.substituted.contains("before the span")));
        let below = &year.groups[0].termination[1];
        assert_eq!(labels(&below.periods), ["2026-02", "2026-03"]);
        assert_eq!(
            below.holds_in.first().map(|p| p.label()).as_deref(),
            Some("2026-03")
        );
    }

    #[test]
    fn periods_before_the_first_measurement_are_not_evaluated() {
        // Measurements from June 2026 on: a December report looks back to June only, and a
        // rolling average of 3 months is evaluated from August (June, July, August) on.
        let file = file(
            serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
            "expected": "99.9",
            "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}]}}),
        );
        let mut file = file;
        file.agreements[0].credits = Some(CreditTerms {
            year_cap: Some(CapDef {
                amount: Some(Amount("150.00".into())),
                percent_of_charges: None,
            }),
            ..CreditTerms::default()
        });
        file.agreements[0].termination = vec![TriggerDef::RollingAverageBelow {
            target: "a".into(),
            periods: 3,
            level: Level::parse("99.99").expect("a level"),
        }];
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-06-10T10:00:00Z", "end": "2026-06-10T20:00:00Z"},
            {"service": "web", "start": "2026-07-10T10:00:00Z", "end": "2026-07-10T20:00:00Z"}
        ]));
        let context = Context::new(
            &file,
            &[Source {
                name: "",
                measurements: &data,
            }],
            0,
        );
        let instances = instances(&file);
        let zone = Zone::named("Europe/Berlin").expect("a known zone");
        let span = Span::parse("2026-12", &zone).expect("span");
        assert_eq!(
            history(&context, &instances, "sla", span),
            Span::Months {
                first: (2026, 6),
                last: (2026, 12)
            }
        );
        // June and July each miss (10 h of a month) and earn 100.00: the cap of 150.00
        // leaves 50.00 for July, nothing after.
        let july = run(&file, &data, "2026-07");
        assert_eq!(july.groups[0].periods[0].paid.to_plain_string(), "50.00");
        // August's window (June, July, August) is the first one: the average is below.
        let august = run(&file, &data, "2026-08");
        assert_eq!(
            labels(&august.groups[0].termination[0].holds_in),
            ["2026-08"]
        );
        let july_right = &july.groups[0].termination[0];
        assert!(!july_right.triggered, "{:?}", july_right.explanation);
        // Nothing measured at all: no earlier period is looked at.
        let empty = measurements(serde_json::json!([]));
        let context = Context::new(
            &file,
            &[Source {
                name: "",
                measurements: &empty,
            }],
            0,
        );
        assert_eq!(history(&context, &instances, "sla", span), span);
    }

    #[test]
    fn a_repeated_miss_before_the_span_doubles_the_first_miss_in_it() {
        // Missed in February and March: with the multiplier after 1 miss, March's 100.00
        // doubles whether or not February is in the span.
        let mut file = file(
            serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
            "expected": "99.9",
            "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}]}}),
        );
        file.agreements[0].credits = Some(CreditTerms {
            repeat_miss: Some(RepeatMissDef {
                multiplier: Level::parse("2").expect("a level"),
                after: 1,
            }),
            ..CreditTerms::default()
        });
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-02-10T10:00:00Z", "end": "2026-02-10T20:00:00Z"},
            {"service": "web", "start": "2026-03-10T10:00:00Z", "end": "2026-03-10T20:00:00Z"}
        ]));
        let both = run(&file, &data, "2026-02..2026-03");
        let march = run(&file, &data, "2026-03");
        assert_eq!(
            march.targets[0].periods[0].credit.to_plain_string(),
            "200.00"
        );
        assert_eq!(rows(&march, "2026-03"), rows(&both, "2026-03"));
        let line = march.targets[0].periods[0]
            .explanations
            .iter()
            .find(|l| l.what == "repeat-miss multiplier")
            .expect("the multiplier is explained");
        assert!(
            line.substituted
                .ends_with("; counted before the span: 2026-02"),
            "{line:?}"
        );
    }

    #[test]
    fn a_quarterly_target_counts_the_earlier_quarters_of_the_year() {
        // Quarterly, 10 % of 3 × 1,000.00 per missed quarter, a year cap of 500.00:
        // Q1 and Q2 pay 300.00 and 200.00, Q3 nothing, whether the span is the year or Q3.
        let mut file = file(
            serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
            "expected": "99.9", "period": "quarter",
            "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}]}}),
        );
        file.agreements[0].credits = Some(CreditTerms {
            year_cap: Some(CapDef {
                amount: Some(Amount("500.00".into())),
                percent_of_charges: None,
            }),
            ..CreditTerms::default()
        });
        let data = measurements(serde_json::json!([
            {"service": "web", "start": "2026-02-10T10:00:00Z", "end": "2026-02-11T20:00:00Z"},
            {"service": "web", "start": "2026-05-10T10:00:00Z", "end": "2026-05-11T20:00:00Z"},
            {"service": "web", "start": "2026-08-10T10:00:00Z", "end": "2026-08-11T20:00:00Z"}
        ]));
        let year = run(&file, &data, "2026-01..2026-09");
        let paid: Vec<String> = year.groups[0]
            .periods
            .iter()
            .map(|p| p.paid.to_plain_string())
            .collect();
        assert_eq!(paid, ["300.00", "200.00", "0.00"]);
        let third = run(&file, &data, "2026-Q3");
        assert_eq!(third.groups[0].periods.len(), 1);
        assert_eq!(
            settled(&third.groups[0].periods[0]),
            settled(&year.groups[0].periods[2])
        );
    }

    /// An agreement with every term that looks back (year cap, repeat misses,
    /// earn-back, three termination rights) and `downtime` minutes of outage
    /// in each month of 2025 and 2026.
    fn stateful(downtime: &[u32]) -> (AgreementFile, MeasurementFile) {
        let mut file = file(
            serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
            "expected": "99.9", "minimum": "99.5", "critical": true,
            "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99.5", "credit": "20"}]}}),
        );
        let text = serde_json::json!({
            "period_cap": {"percent_of_charges": "25"},
            "year_cap": {"amount": "700.00"},
            "repeat_miss": {"multiplier": "2", "after": 1},
            "earn_back_periods": 2
        });
        file.agreements[0].credits = serde_json::from_value(text).ok();
        file.agreements[0].termination = serde_json::from_value(serde_json::json!([
            {"type": "below_minimum", "k": 2, "m": 3},
            {"type": "credits_at_cap", "k": 2, "m": 4},
            {"type": "rolling_average_below", "target": "a", "periods": 3, "level": "99.8"}
        ]))
        .expect("valid rights");
        let outages: Vec<serde_json::Value> = downtime
            .iter()
            .enumerate()
            .filter(|(_, minutes)| **minutes > 0)
            .map(|(i, minutes)| {
                let (year, month) = (2025 + i / 12, i % 12 + 1);
                let start = format!("{year:04}-{month:02}-10T10:00:00Z");
                let end = crate::model::values::rfc3339(
                    crate::model::Timestamp::parse(&start)
                        .ok()
                        .and_then(|t| t.instant(&Zone::utc()))
                        .expect("a time")
                        + i64::from(*minutes) * 60_000_000_000,
                );
                serde_json::json!({"service": "web", "start": start, "end": end})
            })
            .collect();
        (file, measurements(serde_json::Value::Array(outages)))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Arbitrary records (reversed, overlapping, out of range, any impact) never panic
        /// and never give an availability outside [0, 100] %.
        #[test]
        fn arbitrary_records_never_panic(records in proptest::collection::vec(
            (-4_000_000_000i64..4_000_000_000, -4_000_000_000i64..4_000_000_000, 0u32..=100, any::<bool>()), 0..40))
        {
            let file = file(serde_json::json!({"id": "a", "name": "A", "metric": {"type": "availability"},
                "expected": "99.9", "minimum": "99", "critical": true,
                "credit": {"type": "linear", "below": "99.9", "per": "0.1", "rate": "5"}}));
            let outages: Vec<serde_json::Value> = records.iter().map(|(a, b, impact, planned)| serde_json::json!({
                "service": "web",
                "start": crate::model::values::rfc3339(*a * 1_000_000_000),
                "end": crate::model::values::rfc3339(*b * 1_000_000_000),
                "impact": impact.to_string(), "planned": planned
            })).collect();
            let data = measurements(serde_json::Value::Array(outages));
            let result = run(&file, &data, "2026-01..2026-03");
            for period in &result.targets[0].periods {
                if let Some(achieved) = period.achieved {
                    prop_assert!(achieved.numerator() <= achieved.denominator());
                }
            }
        }

        /// The outsourcing example: whatever month a span ending in July (or any month of
        /// 2026 up to August) starts at, its last period's group figures, the targets' rows
        /// and whether each termination right holds are the same.
        #[test]
        fn the_last_period_does_not_depend_on_where_the_span_starts(
            last in 1u32..=8,
            back in 0u32..20,
        ) {
            let (file, data) = outsourcing();
            let first = month_of(month_number((2026, last)) - i64::from(back));
            let label = format!("2026-{last:02}");
            let span = format!("{:04}-{:02}..{label}", first.0, first.1);
            let long = run(&file, &data, &span);
            let alone = run(&file, &data, &label);
            let row = |r: &Report| r.groups[0].periods.last().map(settled);
            prop_assert_eq!(row(&long), row(&alone));
            prop_assert_eq!(rows(&long, &label), rows(&alone, &label));
            prop_assert_eq!(rights_at(&long, &label), rights_at(&alone, &label));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Random downtime in each month of 2025–2026 under every term that looks back:
        /// the last period of a span is settled the same whatever the span's start.
        #[test]
        fn random_histories_settle_the_last_period_alike(
            downtime in proptest::collection::vec(prop_oneof![Just(0u32), 20u32..100, 200u32..600], 24),
            last in 0i64..24,
            back in 0i64..24,
        ) {
            let (file, data) = stateful(&downtime);
            let end = month_number((2025, 1)) + last;
            let start = end - back.min(last + 3);
            let (a, b) = (month_of(start), month_of(end));
            let label = format!("{:04}-{:02}", b.0, b.1);
            let long = run(&file, &data, &format!("{:04}-{:02}..{label}", a.0, a.1));
            let alone = run(&file, &data, &label);
            let row = |r: &Report| r.groups[0].periods.last().map(settled);
            prop_assert_eq!(row(&long), row(&alone));
            prop_assert_eq!(rows(&long, &label), rows(&alone, &label));
            prop_assert_eq!(rights_at(&long, &label), rights_at(&alone, &label));
        }
    }

    /// A report's typed figures in the months `first..=last` (labels):
    /// each target's periods and each group's, without their explanations
    /// (which say what was counted before the span), and for each
    /// termination right whether it holds and where it stands at each of
    /// these months. Without `decided_later`, the figures that periods after
    /// `last` decide (whether a credit is earned back, the group's amount
    /// earned back and its net) are left out.
    type SpanFigures = (
        Vec<(String, TargetPeriod)>,
        Vec<(String, GroupPeriod)>,
        Vec<(String, Vec<ReportPeriod>, Vec<RightStanding>)>,
    );

    fn months_of(report: &Report, first: &str, last: &str, decided_later: bool) -> SpanFigures {
        let inside = |p: &ReportPeriod| {
            let label = p.label();
            first <= label.as_str() && label.as_str() <= last
        };
        let targets = report
            .targets
            .iter()
            .flat_map(|t| t.periods.iter().map(move |p| (t.key.clone(), p)))
            .filter(|(_, p)| inside(&p.period))
            .map(|(key, p)| {
                let mut p = p.clone();
                p.explanations.clear();
                if !decided_later {
                    p.earned_back = false;
                }
                (key, p)
            })
            .collect();
        let groups = report
            .groups
            .iter()
            .flat_map(|g| g.periods.iter().map(move |p| (g.agreement.clone(), p)))
            .filter(|(_, p)| inside(&p.period))
            .map(|(agreement, p)| {
                let mut p = p.clone();
                p.explanations.clear();
                if !decided_later {
                    p.earned_back = Money::zero(p.net.currency());
                    p.net = Money::zero(p.net.currency());
                }
                (agreement, p)
            })
            .collect();
        let rights = report
            .groups
            .iter()
            .flat_map(|g| g.termination.iter())
            .map(|t| {
                (
                    t.rule.clone(),
                    t.holds_in.iter().copied().filter(|p| inside(p)).collect(),
                    t.standing
                        .iter()
                        .filter(|s| inside(&s.period))
                        .cloned()
                        .collect(),
                )
            })
            .collect();
        (targets, groups, rights)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Random downtime in each month of 2025–2026 under every term that looks back
        /// (year cap, repeat misses, earn-back, termination rights): a report of any
        /// run of months inside a longer span gives each of its months the figures the
        /// longer report gives it. When both end in the same month, this includes what
        /// the following months decide (earn-back). The measurements begin in the longer
        /// span's first month at the latest: a span's own months before the first record
        /// are counted in the windows of its rights (`Standing::Count::periods`), which a
        /// report starting later does not reach back to.
        #[test]
        fn a_sub_span_reports_its_months_as_the_whole_span_does(
            downtime in proptest::collection::vec(prop_oneof![Just(0u32), 20u32..100, 200u32..600], 24),
            bounds in proptest::collection::vec(0i64..24, 4),
            same_end in any::<bool>(),
        ) {
            let mut bounds = bounds;
            bounds.sort_unstable();
            if same_end {
                bounds[2] = bounds[3];
            }
            let mut downtime = downtime;
            let measured_from = usize::try_from(bounds[0]).unwrap_or(0);
            if downtime.iter().take(measured_from + 1).all(|d| *d == 0) {
                downtime[measured_from] = 30;
            }
            let (file, data) = stateful(&downtime);
            let label = |n: i64| {
                let (year, month) = month_of(month_number((2025, 1)) + n);
                format!("{year:04}-{month:02}")
            };
            let [whole_first, first, last, whole_last] = [0, 1, 2, 3].map(|i| label(bounds[i]));
            let whole = run(&file, &data, &format!("{whole_first}..{whole_last}"));
            let part = run(&file, &data, &format!("{first}..{last}"));
            let decided_later = last == whole_last;
            let expected = months_of(&whole, &first, &last, decided_later);
            let got = months_of(&part, &first, &last, decided_later);
            prop_assert_eq!(got.0.len(), part.targets.iter().map(|t| t.periods.len()).sum::<usize>());
            prop_assert_eq!(got, expected);
        }
    }

    /// An agreement file with two services, one step-credited SLA target with
    /// a target cap, a linear one, a pooled critical one under an at-risk
    /// amount and a period cap, a ticket target for P1 and a manual target.
    fn generated_agreement(tier_credit: u32, cap: u32, at_risk: u32) -> AgreementFile {
        let text = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "generated",
            "currency": "EUR", "time_zone": "Europe/Berlin", "provider": {"name": "P"},
            "services": [{"id": "web", "name": "Web", "monthly_charge": "1000.00"},
                         {"id": "db", "name": "DB", "monthly_charge": "500.00"}],
            "agreements": [
                {"id": "web-sla", "name": "Web", "kind": "sla", "structure": "service_based", "service": "web",
                 "credits": {"at_risk_percent": at_risk.to_string(), "period_cap": {"percent_of_charges": "40"}},
                 "targets": [
                    {"id": "up", "name": "Up", "metric": {"type": "availability"}, "expected": "99.9",
                     "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": tier_credit.to_string()},
                                                          {"below": "99", "credit": "50"}]},
                     "cap": {"percent_of_charges": cap.to_string()}},
                    {"id": "pool", "name": "Pool", "metric": {"type": "availability"}, "expected": "99.5",
                     "critical": true, "credit": {"type": "pool", "allocation": "100"}},
                    {"id": "p1", "name": "P1", "metric": {"type": "resolution_time", "priority": "P1", "within": "4h"},
                     "expected": "90"},
                    {"id": "csat", "name": "CSAT", "metric": {"type": "manual", "unit": "of 5"}, "expected": "4"}
                 ]},
                {"id": "db-sla", "name": "DB", "kind": "sla", "structure": "service_based", "service": "db",
                 "targets": [
                    {"id": "up", "name": "Up", "metric": {"type": "availability"}, "expected": "99.5",
                     "credit": {"type": "linear", "below": "99.5", "per": "0.1", "rate": "5", "maximum": "30"}}
                 ]}
            ]
        });
        load::agreements(&text.to_string()).expect("a valid generated agreement")
    }

    /// One record of a measurement file, as JSON and the list it goes in.
    fn record_strategy() -> impl Strategy<Value = (&'static str, serde_json::Value)> {
        let service = prop_oneof![Just("web"), Just("db"), Just("mail")];
        let hour = 0i64..(24 * 120); // 2026-01-01 .. 2026-04-30
        let outage = (
            service.clone(),
            hour.clone(),
            0i64..600,
            prop_oneof![Just(None), (0u32..=150).prop_map(Some)],
        )
            .prop_map(|(service, h, minutes, impact)| {
                let start = 1_767_225_600i64 + h * 3600; // 2026-01-01T00:00Z
                let mut record = serde_json::json!({
                    "service": service,
                    "start": crate::model::values::rfc3339(start * 1_000_000_000),
                    "end": crate::model::values::rfc3339((start + minutes * 60) * 1_000_000_000),
                });
                if let Some(impact) = impact {
                    record["impact"] = impact.to_string().into();
                }
                ("outages", record)
            });
        let ticket = (0u32..12, prop_oneof![Just("P1"), Just("P2"), Just("p1")], hour.clone(), 0i64..600)
            .prop_map(|(id, priority, h, minutes)| {
                let created = 1_767_225_600i64 + h * 3600;
                ("tickets", serde_json::json!({
                    "id": format!("T-{id}"), "service": "web", "priority": priority,
                    "created": crate::model::values::rfc3339(created * 1_000_000_000),
                    "resolved": crate::model::values::rfc3339((created + minutes * 60) * 1_000_000_000),
                }))
            });
        let manual = (prop_oneof![Just("web-sla/csat"), Just("web-sla/none")],
                      prop_oneof![Just("2026-01"), Just("2026-02"), Just("2026-03"), Just("2026-Q1")], 1u32..=5)
            .prop_map(|(target, period, value)| {
                ("manual", serde_json::json!({"target": target, "period": period, "value": value.to_string()}))
            });
        prop_oneof![4 => outage, 3 => ticket, 1 => manual]
    }

    fn measurement_file(
        records: &[(&'static str, serde_json::Value)],
        zone: &str,
    ) -> MeasurementFile {
        let mut file = serde_json::json!({"format": "sla-measurements", "version": 1, "time_zone": zone,
            "outages": [], "tickets": [], "manual": []});
        for (list, record) in records {
            if let Some(items) = file[*list].as_array_mut() {
                items.push(record.clone());
            }
        }
        load::measurements(&file.to_string()).expect("valid measurements")
    }

    /// The figures of a report, without the order in which it lists records.
    fn figures(report: &Report) -> (Vec<String>, Vec<String>, Vec<SkippedRecord>) {
        let targets = report
            .targets
            .iter()
            .flat_map(|t| {
                t.periods.iter().map(move |p| {
                    format!(
                        "{} {} {:?} {:?} {} {} {} {:?}",
                        t.key,
                        p.period.label(),
                        p.status,
                        p.achieved,
                        p.credit_raw.minor_units(),
                        p.credit.minor_units(),
                        p.credit_paid.minor_units(),
                        p.budget
                    )
                })
            })
            .collect();
        let groups = report
            .groups
            .iter()
            .flat_map(|g| {
                g.periods.iter().map(move |p| {
                    format!(
                        "{} {} {} {} {}",
                        g.agreement,
                        p.period.label(),
                        p.credits_before_caps.minor_units(),
                        p.paid.minor_units(),
                        p.net.minor_units()
                    )
                })
            })
            .collect();
        let mut skipped = report.skipped_records.clone();
        skipped.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
        (targets, groups, skipped)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// Generated valid agreements and measurement files split over two files
        /// (in different zones): every record is used, listed or counted outside
        /// the span; the figures do not depend on the order of the files; every
        /// credit rule, cap and pool shows in the explanation of each period it
        /// applies to.
        #[test]
        fn every_record_is_accounted_for_and_order_does_not_matter(
            tier_credit in 1u32..=40,
            cap in 1u32..=60,
            at_risk in 1u32..=20,
            records in proptest::collection::vec(record_strategy(), 0..40),
            split in any::<proptest::sample::Index>(),
            span in prop_oneof![Just("2026-02"), Just("2026-01..2026-03"), Just("2026-Q1")],
        ) {
            let file = generated_agreement(tier_credit, cap, at_risk);
            let cut = split.index(records.len() + 1);
            let a = measurement_file(&records[..cut], "UTC");
            let b = measurement_file(&records[cut..], "America/New_York");
            let zone = Zone::named("Europe/Berlin").expect("a zone");
            let span = Span::parse(span, &zone).expect("a span");
            let request = Request { span, now: span_end(span, &zone) };
            let ab = report_sources(&file, &[Source { name: "a", measurements: &a }, Source { name: "b", measurements: &b }], &request);
            let ba = report_sources(&file, &[Source { name: "b", measurements: &b }, Source { name: "a", measurements: &a }], &request);
            let r = ab.records;
            prop_assert_eq!(r.input, records.len());
            prop_assert_eq!(r.used + r.not_used + r.outside_span, r.input, "{:?}", r);
            prop_assert_eq!(figures(&ab), figures(&ba));
            prop_assert_eq!(ab.records, ba.records);
            for target in &ab.targets {
                let has = |p: &TargetPeriod, what: &str| p.explanations.iter().any(|l| l.what == what);
                for p in &target.periods {
                    let Some(_) = p.achieved else { continue };
                    match target.key.as_str() {
                        "web-sla/up" => {
                            prop_assert!(has(p, "credit tier"), "{}", p.period.label());
                            if p.credit != p.credit_raw && p.credit_raw.minor_units() > 0 {
                                prop_assert!(has(p, "target cap"), "{}", p.period.label());
                            }
                        }
                        "db-sla/up" => prop_assert!(has(p, "linear credit")),
                        _ => {}
                    }
                }
            }
            for group in &ab.groups {
                let missed_pool = ab.targets.iter().any(|t| t.key == "web-sla/pool"
                    && t.periods.iter().any(|p| matches!(p.status, Status::Missed | Status::BelowMinimum)));
                for p in &group.periods {
                    let has = |what: &str| p.explanations.iter().any(|l| l.what == what);
                    if group.agreement == "web-sla" {
                        prop_assert!(has("period cap"), "{}", p.period.label());
                        let pool_missed_here = ab.targets.iter().any(|t| t.key == "web-sla/pool"
                            && t.periods.iter().any(|q| q.period == p.period
                                && matches!(q.status, Status::Missed | Status::BelowMinimum)));
                        if pool_missed_here {
                            prop_assert!(has("at-risk pool"), "{}", p.period.label());
                        }
                    }
                }
                let _ = missed_pool;
            }
        }
    }
}
