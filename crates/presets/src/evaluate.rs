//! One preset on one outage log for one month: the monthly uptime under the
//! preset's own definition, the tier it reaches, the credit (with the cap and
//! the minimum applied) and the last day to claim it, with every record's
//! fate and the steps of the calculation in words.
//!
//! The order of the rules:
//! 1. A record marked with an exclusion reason the SLA excludes is dropped.
//! 2. A record of a scope that does not describe the preset's unit is
//!    dropped (a zone outage for a regional service, one instance for a
//!    multi-zone deployment, another instance than the one evaluated).
//! 3. Per-minute definitions drop records with a partial error rate (the
//!    service still answered: that is not "no connectivity").
//! 4. Records are clipped to the month; overlaps are merged (union).
//! 5. A multi-zone deployment is down only while every one of its zones is
//!    down at once, or the whole region is.
//! 6. Spans shorter than the minimum downtime period are dropped.
//! 7. The month is measured: clock minutes (any part or whole minutes),
//!    N-minute intervals rated by error rate, or exact time.
//!
//! Nothing here reads the clock: the caller passes the month, its time zone
//! and "today".

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use sla_engine::metrics::availability::{self, max_impact_segments, DowntimeRules, Outage};
use sla_engine::money::Money;
use sla_engine::time::{Calendar, Interval, IntervalSet, ReportPeriod, UnixNanos, Zone};
use sla_engine::units::PPB_PER_WHOLE;
use sla_engine::{Explanation, Percent, Ratio, TimeSpan};
use thiserror::Error;

use crate::log::{OutageRecord, Scope};
use crate::preset::{Deadline, Method, MinuteCounting, PartialInterval, Preset, Unit};

const MINUTE: i64 = 60_000_000_000;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

/// Why an evaluation cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvaluateError {
    #[error("`{0}` is not a month; write 2026-07")]
    BadMonth(String),
    #[error("the month {0} cannot be placed on the time line in that time zone")]
    OutOfRange(String),
    #[error("the monthly bill must not be negative")]
    NegativeBill,
}

impl Month {
    /// # Errors
    /// [`EvaluateError::BadMonth`] unless `month` is 1 to 12 and the year is 1900 to 2200.
    pub fn new(year: i32, month: u32) -> Result<Month, EvaluateError> {
        if (1..=12).contains(&month) && (1900..=2200).contains(&year) {
            Ok(Month { year, month })
        } else {
            Err(EvaluateError::BadMonth(format!("{year}-{month}")))
        }
    }

    /// Parses `2026-07`.
    ///
    /// # Errors
    /// [`EvaluateError::BadMonth`] for anything else.
    pub fn parse(text: &str) -> Result<Month, EvaluateError> {
        let bad = || EvaluateError::BadMonth(text.chars().take(20).collect());
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return Err(bad());
        }
        Month::new(y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?).map_err(|_| bad())
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// `2026-07`.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// The first day.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day (28 to 31 days after the first, leap years included).
    pub fn last_day(self) -> NaiveDate {
        last_day_of(self.first_day())
    }

    /// The month's instants in `zone`: local midnight of the first day to
    /// local midnight of the next month's first day.
    pub fn window(self, zone: &Zone) -> Option<Interval> {
        ReportPeriod::Month {
            year: self.year,
            month: self.month,
        }
        .window(zone)
    }
}

fn last_day_of(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).unwrap_or(date);
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(date)
}

/// What the customer runs, so that records can be matched to the preset's unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deployment {
    /// The zones the deployment runs in. Empty: the zones named in the log
    /// (for a multi-zone deployment), any zone (otherwise).
    pub zones: Vec<String>,
    /// The instance evaluated by single-instance presets. `None`: any instance.
    pub instance: Option<String>,
}

/// The month and everything else an evaluation needs from the caller.
#[derive(Debug, Clone)]
pub struct Request {
    pub month: Month,
    /// The zone the month is counted in (the vendors' texts name none: UTC).
    pub time_zone: Zone,
    /// The monthly bill for the service, when the credit amount is wanted.
    pub bill: Option<Money>,
    /// The date the deadline is compared with.
    pub today: NaiveDate,
    pub deployment: Deployment,
}

impl Request {
    /// A request in UTC without a bill or a deployment.
    pub fn new(month: Month, today: NaiveDate) -> Request {
        Request {
            month,
            time_zone: Zone::utc(),
            bill: None,
            today,
            deployment: Deployment::default(),
        }
    }
}

/// What is counted, and in which unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureUnit {
    /// Clock minutes.
    Minutes,
    /// Intervals of this many minutes, each rated by its error rate.
    Intervals { minutes: u32 },
    /// Nanoseconds.
    Nanoseconds,
}

/// The month measured: `uptime = (total − down) ÷ total`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub unit: MeasureUnit,
    /// Minutes, intervals or nanoseconds in the month.
    pub total: i64,
    /// Minutes, intervals (a sum of error rates, so possibly fractional) or
    /// nanoseconds of downtime.
    pub down: Ratio,
}

impl Measure {
    /// `47 minutes`, `1.3 five-minute intervals at 100 % errors`, `3m 20s`.
    pub fn describe_down(&self) -> String {
        describe_units(self.unit, self.down)
    }

    /// `44,640 minutes`, `8,928 five-minute intervals`.
    pub fn describe_total(&self) -> String {
        match self.unit {
            MeasureUnit::Minutes => {
                format!(
                    "{} minutes",
                    sla_engine::units::group_thousands(self.total.unsigned_abs())
                )
            }
            MeasureUnit::Intervals { minutes } => format!(
                "{} {}-minute intervals",
                sla_engine::units::group_thousands(self.total.unsigned_abs()),
                minutes
            ),
            MeasureUnit::Nanoseconds => TimeSpan::from_nanos(self.total)
                .map(|t| format!("{} s", t.exact_seconds()))
                .unwrap_or_default(),
        }
    }

    /// The downtime in minutes of the month it weighs as (an interval at
    /// 100 % errors weighs its length), for comparisons between methods.
    pub fn equivalent_minutes(&self) -> Ratio {
        scale_units(self.unit, self.down)
    }
}

/// `Ratio` units as minutes of the month.
fn scale_units(unit: MeasureUnit, units: Ratio) -> Ratio {
    match unit {
        MeasureUnit::Minutes => units,
        MeasureUnit::Intervals { minutes } => {
            reduce(units.numerator() * i128::from(minutes), units.denominator())
        }
        MeasureUnit::Nanoseconds => {
            reduce(units.numerator(), units.denominator() * i128::from(MINUTE))
        }
    }
}

pub(crate) fn describe_units(unit: MeasureUnit, units: Ratio) -> String {
    match unit {
        MeasureUnit::Minutes => {
            let n = decimal(units, 0);
            format!("{n} minute{}", if n == "1" { "" } else { "s" })
        }
        MeasureUnit::Intervals { minutes } => {
            let n = decimal(units, 4);
            format!(
                "{n} {}-minute interval{} at 100 % errors",
                minutes,
                if n == "1" { "" } else { "s" }
            )
        }
        MeasureUnit::Nanoseconds => {
            let nanos = i64::try_from(units.numerator() / units.denominator()).unwrap_or(i64::MAX);
            TimeSpan::from_nanos(nanos).unwrap_or_default().human()
        }
    }
}

/// A non-negative ratio as a decimal with at most `places` decimals, rounded
/// down, trailing zeros removed: `1.3`, `47`, `0.0833`.
pub fn decimal(value: Ratio, places: u32) -> String {
    let scale = 10i128.pow(places.min(12));
    let scaled = value.numerator().saturating_mul(scale) / value.denominator();
    let whole = scaled / scale;
    let frac = scaled % scale;
    if places == 0 || frac == 0 {
        return whole.to_string();
    }
    let frac = format!("{frac:0width$}", width = places as usize);
    format!("{whole}.{}", frac.trim_end_matches('0'))
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs()
}

/// `n ÷ d` in lowest terms (`d > 0`, `n >= 0`; anything else is 0).
pub(crate) fn reduce(n: i128, d: i128) -> Ratio {
    let g = gcd(n, d).max(1);
    Ratio::new(n / g, d / g).unwrap_or_else(zero)
}

pub(crate) fn zero() -> Ratio {
    Ratio::from_percent(Percent::ZERO)
}

/// What became of one record of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordOutcome {
    /// Index in the log (0-based).
    pub index: usize,
    /// The CSV line (0 when built in code).
    pub line: usize,
    /// Whether it added downtime.
    pub counted: bool,
    /// Why (or why not), in words.
    pub reason: String,
    /// The downtime counted in the record's own time span, in the measure's
    /// unit (overlapping records share what they overlap).
    pub units: Ratio,
}

/// A span of counted downtime (overlapping records merged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incident {
    pub start: UnixNanos,
    pub end: UnixNanos,
    /// Downtime counted in it, in the measure's unit.
    pub units: Ratio,
    /// The records that make it up (indexes in the log).
    pub records: Vec<usize>,
}

/// The credit for the month in money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditAmount {
    pub bill: Money,
    /// `bill × credit %`, rounded once as the preset says.
    pub raw: Money,
    /// `bill × cap %`, rounded down.
    pub cap: Money,
    /// Whether the cap reduced the credit.
    pub capped: bool,
    /// Whether the credit is at or below the preset's minimum and so not issued.
    pub below_minimum: bool,
    /// What the vendor would credit.
    pub payable: Money,
    /// The rule applied, in words (rounding, cap, minimum).
    pub note: String,
}

/// One preset evaluated on one log for one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub preset_id: String,
    pub title: String,
    pub month: Month,
    pub time_zone: String,
    pub window: Interval,
    pub measure: Measure,
    /// The monthly uptime, exact.
    pub uptime: Ratio,
    pub commitment: Percent,
    /// Whether the uptime reaches the commitment.
    pub met: bool,
    /// Index of the tier reached in the preset's tiers.
    pub tier: Option<usize>,
    /// The tier's wording, or `no tier reached`.
    pub tier_text: String,
    pub credit_percent: Percent,
    pub credit: Option<CreditAmount>,
    /// The last day to claim (`None` when a per-incident rule has no incident).
    pub deadline: Option<NaiveDate>,
    /// The rule in words.
    pub deadline_rule: String,
    /// Days from today to the deadline (negative once it has passed).
    pub days_left: Option<i64>,
    pub records: Vec<RecordOutcome>,
    pub incidents: Vec<Incident>,
    /// The calculation step by step, in words.
    pub steps: Vec<String>,
    pub explanation: Explanation,
}

impl Evaluation {
    /// `99.9910%` (rounded down to 4 decimals; tiers are compared exactly).
    pub fn uptime_text(&self) -> String {
        format!("{}%", self.uptime.to_percent_string(4))
    }
}

/// A record that passed the filters, clipped to the month.
struct Kept {
    index: usize,
    interval: Interval,
    rate_ppb: u64,
    zone: Option<String>,
    is_zone: bool,
}

/// The last day to claim for an incident on `incident` under `rule`.
pub fn deadline_for(rule: Deadline, incident: NaiveDate) -> Option<NaiveDate> {
    match rule {
        Deadline::EndOfMonthAfterIncident { months } => incident
            .with_day(1)?
            .checked_add_months(Months::new(months))
            .map(last_day_of),
        Deadline::DaysAfterMonthEnd { days } => {
            last_day_of(incident).checked_add_days(Days::new(u64::from(days)))
        }
        Deadline::DaysAfterIncident { days } => {
            incident.checked_add_days(Days::new(u64::from(days)))
        }
    }
}

/// The rule in words.
pub fn deadline_rule_text(rule: Deadline) -> String {
    match rule {
        Deadline::EndOfMonthAfterIncident { months: 0 } => {
            "by the end of the month of the incident".into()
        }
        Deadline::EndOfMonthAfterIncident { months: 1 } => {
            "by the end of the month after the month of the incident".into()
        }
        Deadline::EndOfMonthAfterIncident { months } => format!(
            "by the end of the {} month after the month of the incident",
            ordinal(months)
        ),
        Deadline::DaysAfterMonthEnd { days } => {
            format!("within {days} days after the end of the month")
        }
        Deadline::DaysAfterIncident { days } => {
            format!("within {days} days after each incident, the earliest deciding")
        }
    }
}

fn ordinal(n: u32) -> String {
    match n {
        2 => "second".into(),
        3 => "third".into(),
        n => format!("{n}th"),
    }
}

fn clock(instant: UnixNanos) -> String {
    sla_engine::time::iso::utc_clock(instant, ' ')
}

fn floor_minute(t: UnixNanos) -> UnixNanos {
    t.div_euclid(MINUTE) * MINUTE
}

fn ceil_minute(t: UnixNanos) -> UnixNanos {
    let f = floor_minute(t);
    if f == t {
        t
    } else {
        f.saturating_add(MINUTE)
    }
}

/// The first clause of a text, cut at a word after about 80 characters.
fn short(text: &str) -> String {
    let first = text.split(['.', ';']).next().unwrap_or(text).trim();
    if first.chars().count() <= 90 {
        return first.to_owned();
    }
    let mut out = String::new();
    for word in first.split(' ') {
        if out.chars().count() + word.chars().count() > 80 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    format!("{out} …")
}

/// Evaluates `preset` on `log` for the request's month.
///
/// # Errors
/// A month that cannot be placed on the time line, a negative bill.
///
/// # Example
/// ```
/// use sla_presets::{bundled, evaluate::{evaluate, Month, Request}, log::parse_csv};
///
/// let presets = bundled().unwrap();
/// let s3 = presets.iter().find(|p| p.id == "aws-s3-standard").unwrap();
/// // A 3-minute outage touches one 5-minute interval: rated 100 % errors.
/// let log = parse_csv("start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n").unwrap();
/// let today = chrono::NaiveDate::from_ymd_opt(2026, 8, 3).unwrap();
/// let result = evaluate(s3, &log, &Request::new(Month::parse("2026-07").unwrap(), today)).unwrap();
/// assert_eq!(result.measure.describe_down(), "1 5-minute interval at 100 % errors");
/// assert_eq!(result.uptime_text(), "99.9887%"); // 1 − 1 / 8,928
/// ```
pub fn evaluate(
    preset: &Preset,
    log: &[OutageRecord],
    request: &Request,
) -> Result<Evaluation, EvaluateError> {
    let month = request.month;
    let zone = &request.time_zone;
    let window = month
        .window(zone)
        .ok_or_else(|| EvaluateError::OutOfRange(month.label()))?;
    if request.bill.is_some_and(|b| b.minor_units() < 0) {
        return Err(EvaluateError::NegativeBill);
    }
    let method = preset.uptime.method;
    let unit = preset.uptime.unit;
    let deployment = &request.deployment;
    let mut steps = Vec::new();
    let days = (month.last_day() - month.first_day()).num_days() + 1;
    steps.push(format!(
        "month {} in {}: {} → {}, {} days",
        month.label(),
        zone.name(),
        clock(window.start()),
        clock(window.end()),
        days
    ));

    // 1–4: filter and clip the records.
    // Per record: why it was dropped, a note when counted, why nothing was counted.
    let mut dropped: Vec<Option<String>> = vec![None; log.len()];
    let mut notes: Vec<Option<String>> = vec![None; log.len()];
    let mut unless: Vec<Option<String>> = vec![None; log.len()];
    let mut kept: Vec<Kept> = Vec::new();
    let in_deployment =
        |zone: &str| deployment.zones.is_empty() || deployment.zones.iter().any(|z| z == zone);
    for (index, record) in log.iter().enumerate() {
        let Some(interval) = Interval::new(record.start, record.end).filter(|i| !i.is_empty())
        else {
            dropped[index] = Some("empty: it ends when it starts".into());
            continue;
        };
        if let Some(category) = record.excluded {
            match preset.excludes(category) {
                Some(exclusion) => {
                    dropped[index] = Some(format!(
                        "excluded as {}: \"{}\"",
                        category.label(),
                        short(&exclusion.text)
                    ));
                    continue;
                }
                None => {
                    notes[index] = Some(format!(
                        "marked as {}, which this SLA does not exclude",
                        category.label()
                    ))
                }
            }
        }
        let scope_problem = match (&record.scope, unit) {
            (Scope::Region, _) => None,
            (Scope::Zone(_) | Scope::Instance { .. }, Unit::RegionService) => Some(format!(
                "a {} outage does not describe {}, a regional service",
                if matches!(record.scope, Scope::Zone(_)) {
                    "zone"
                } else {
                    "single-instance"
                },
                preset.name
            )),
            (Scope::Instance { .. }, Unit::MultiZone) => {
                Some("one instance down does not make a deployment across zones unavailable".into())
            }
            (Scope::Instance { .. }, Unit::ZoneGroup) => {
                Some("one instance down leaves the other instances of the group running".into())
            }
            (Scope::Zone(z), _) if !in_deployment(z) => Some(format!(
                "zone {z} is not one of the deployment's zones ({})",
                deployment.zones.join(", ")
            )),
            (Scope::Instance { id, zone }, Unit::Instance) => {
                if deployment.instance.as_ref().is_some_and(|want| want != id) {
                    Some(format!(
                        "instance {id} is not the instance evaluated ({})",
                        deployment.instance.as_deref().unwrap_or_default()
                    ))
                } else if zone.as_deref().is_some_and(|z| !in_deployment(z)) {
                    Some(format!(
                        "instance {id} runs in {}, not in the deployment's zones ({})",
                        zone.as_deref().unwrap_or_default(),
                        deployment.zones.join(", ")
                    ))
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(problem) = scope_problem {
            dropped[index] = Some(problem);
            continue;
        }
        if let (Scope::Zone(z), Unit::Instance | Unit::ZoneGroup) = (&record.scope, unit) {
            if deployment.zones.is_empty() {
                let note = format!("zone {z} taken as the deployment's zone, none being given");
                notes[index] = Some(match notes[index].take() {
                    Some(first) => format!("{first}; {note}"),
                    None => note,
                });
            }
        }
        let rate = record.rate();
        if rate == Percent::ZERO {
            dropped[index] = Some("an error rate of 0 % is no downtime".into());
            continue;
        }
        if method != Method::ErrorRateIntervals && rate < Percent::HUNDRED {
            dropped[index] = Some(format!(
                "an error rate of {rate} is not downtime under a per-minute definition: the service still answered"
            ));
            continue;
        }
        let Some(clipped) = interval.intersection(window) else {
            dropped[index] = Some("outside the month".into());
            continue;
        };
        kept.push(Kept {
            index,
            interval: clipped,
            rate_ppb: rate.ppb(),
            zone: match &record.scope {
                Scope::Zone(z) => Some(z.clone()),
                _ => None,
            },
            is_zone: matches!(record.scope, Scope::Zone(_)) && unit == Unit::MultiZone,
        });
    }

    // 5: the unit's unavailability.
    let mut zone_note = None;
    let unavailable = if unit == Unit::MultiZone {
        let mut zones: Vec<String> = if deployment.zones.is_empty() {
            kept.iter().filter_map(|k| k.zone.clone()).collect()
        } else {
            deployment.zones.clone()
        };
        zones.sort();
        zones.dedup();
        let region =
            IntervalSet::from_intervals(kept.iter().filter(|k| !k.is_zone).map(|k| k.interval));
        if zones.len() < 2 {
            for k in kept.iter().filter(|k| k.is_zone) {
                dropped[k.index] = Some(
                    format!(
                        "a deployment across zones needs two or more zones; {} known (give the deployment's zones)",
                        if zones.is_empty() { "none".to_string() } else { format!("only {}", zones.join(", ")) }
                    ),
                );
            }
            kept.retain(|k| !k.is_zone);
            region
        } else {
            zone_note = Some(format!(
                "deployment zones {}{}",
                zones.join(", "),
                if deployment.zones.is_empty() {
                    " (as named in the log)"
                } else {
                    ""
                }
            ));
            let mut all_down: Option<IntervalSet> = None;
            for zone in &zones {
                let down = IntervalSet::from_intervals(
                    kept.iter()
                        .filter(|k| k.is_zone && k.zone.as_deref() == Some(zone))
                        .map(|k| k.interval),
                );
                all_down = Some(match all_down {
                    None => down,
                    Some(set) => set.intersection(&down),
                });
            }
            let all_down = all_down.unwrap_or_default();
            for k in kept.iter().filter(|k| k.is_zone) {
                if all_down.clip(k.interval).is_empty() {
                    unless[k.index] = Some(
                        format!(
                            "only part of the deployment was down: while zone {} was down, another of {} kept running",
                            k.zone.as_deref().unwrap_or_default(),
                            zones.join(", ")
                        ),
                    );
                }
            }
            region.union(&all_down)
        }
    } else {
        IntervalSet::from_intervals(kept.iter().map(|k| k.interval))
    };
    if let Some(note) = &zone_note {
        steps.push(note.clone());
    }

    // 6: the minimum downtime period.
    let counted_spans = match preset.uptime.minimum_downtime_period {
        Some(minimum) if method != Method::ErrorRateIntervals => {
            let (long, short): (Vec<Interval>, Vec<Interval>) = unavailable
                .intervals()
                .iter()
                .partition(|span| span.length() >= minimum);
            for k in &kept {
                if let Some(span) = short.iter().find(|s| s.intersection(k.interval).is_some()) {
                    unless[k.index].get_or_insert_with(|| {
                        format!(
                            "a downtime period of {}, shorter than the minimum of {}: not counted",
                            span.length().human(),
                            minimum.human()
                        )
                    });
                }
            }
            if !short.is_empty() {
                steps.push(format!(
                    "{} span(s) shorter than {} dropped",
                    short.len(),
                    minimum.human()
                ));
            }
            IntervalSet::from_intervals(long)
        }
        _ => unavailable.clone(),
    };

    // 7: measure.
    let total_minutes = window.length().nanos() / MINUTE;
    let (measure, per_span, per_record, convention) = match method {
        Method::Minutes => {
            let counting = preset
                .uptime
                .minute_counting
                .unwrap_or(MinuteCounting::AnyPart);
            let slots =
                IntervalSet::from_intervals(counted_spans.intervals().iter().filter_map(|s| {
                    let (a, b) = match counting {
                        MinuteCounting::AnyPart => (floor_minute(s.start()), ceil_minute(s.end())),
                        MinuteCounting::WholeMinute => {
                            (ceil_minute(s.start()), floor_minute(s.end()))
                        }
                    };
                    Interval::new(a, b)
                }))
                .clip(window);
            let minutes_in = |interval: Interval| {
                reduce(
                    i128::from(slots.clip(interval).length().nanos() / MINUTE),
                    1,
                )
            };
            let down = minutes_in(window);
            // A minute shared by two spans (any part) goes to the first, so
            // that the incidents add up to the month's total.
            let mut assigned = IntervalSet::new();
            let per_span: Vec<(Ratio, bool)> = counted_spans
                .intervals()
                .iter()
                .map(|s| {
                    let widened = match counting {
                        MinuteCounting::AnyPart => {
                            Interval::new(floor_minute(s.start()), ceil_minute(s.end()))
                                .unwrap_or(*s)
                        }
                        MinuteCounting::WholeMinute => *s,
                    };
                    let touched = !slots.clip(widened).is_empty();
                    let mine = slots.clip(widened).difference(&assigned);
                    assigned = assigned.union(&mine);
                    (
                        reduce(i128::from(mine.length().nanos() / MINUTE), 1),
                        touched,
                    )
                })
                .collect();
            let per_record: BTreeMap<usize, Ratio> = kept
                .iter()
                .map(|k| {
                    let widened = match counting {
                        MinuteCounting::AnyPart => Interval::new(
                            floor_minute(k.interval.start()),
                            ceil_minute(k.interval.end()),
                        )
                        .unwrap_or(k.interval),
                        MinuteCounting::WholeMinute => k.interval,
                    };
                    // Only the minutes of the counted spans this record is part of.
                    let own = counted_spans.clip(k.interval);
                    let units = if own.is_empty() {
                        zero()
                    } else {
                        minutes_in(widened)
                    };
                    (k.index, units)
                })
                .collect();
            let convention = match counting {
                MinuteCounting::AnyPart => "every clock minute in which the service was unavailable at any instant counts as a minute of downtime",
                MinuteCounting::WholeMinute => "only clock minutes unavailable for all 60 seconds count; partial minutes do not",
            };
            (
                Measure {
                    unit: MeasureUnit::Minutes,
                    total: total_minutes,
                    down,
                },
                per_span,
                per_record,
                convention.to_string(),
            )
        }
        Method::Exact => {
            let calendar = Calendar {
                time_zone: zone.clone(),
                ..Calendar::always()
            };
            let outages: Vec<Outage> = counted_spans
                .intervals()
                .iter()
                .map(|s| Outage {
                    start: s.start(),
                    end: s.end(),
                    impact: Percent::HUNDRED,
                    planned: false,
                    supplier: None,
                })
                .collect();
            let result =
                availability::availability(&outages, &calendar, window, &DowntimeRules::default());
            let down = reduce(i128::from(result.downtime.nanos()), 1);
            let per_span = counted_spans
                .intervals()
                .iter()
                .map(|s| (reduce(i128::from(s.length().nanos()), 1), true))
                .collect();
            let per_record = kept
                .iter()
                .map(|k| {
                    (
                        k.index,
                        reduce(
                            i128::from(counted_spans.clip(k.interval).length().nanos()),
                            1,
                        ),
                    )
                })
                .collect();
            (
                Measure {
                    unit: MeasureUnit::Nanoseconds,
                    total: window.length().nanos(),
                    down,
                },
                per_span,
                per_record,
                "downtime counted to the nanosecond".to_string(),
            )
        }
        Method::ErrorRateIntervals => {
            let minutes = preset.uptime.interval_minutes.unwrap_or(5);
            let length = i64::from(minutes) * MINUTE;
            let partial = preset
                .uptime
                .partial_interval
                .unwrap_or(PartialInterval::WholeInterval);
            let segments = max_impact_segments(
                &kept
                    .iter()
                    .map(|k| (k.interval, k.rate_ppb))
                    .collect::<Vec<_>>(),
            );
            // Interval index → error rate as a numerator over `denominator`.
            let denominator: i128 = match partial {
                PartialInterval::WholeInterval => i128::from(PPB_PER_WHOLE),
                PartialInterval::TimeWeighted => i128::from(PPB_PER_WHOLE) * i128::from(length),
            };
            let mut rates: BTreeMap<i64, i128> = BTreeMap::new();
            let index_of = |t: UnixNanos| (t - window.start()).div_euclid(length);
            for (segment, ppb) in &segments {
                let first = index_of(segment.start());
                let last = index_of(segment.end() - 1);
                for j in first..=last {
                    let slot = Interval::new(
                        window.start() + j * length,
                        window.start() + (j + 1) * length,
                    )
                    .unwrap_or(*segment);
                    let Some(overlap) = segment.intersection(slot) else {
                        continue;
                    };
                    let entry = rates.entry(j).or_insert(0);
                    match partial {
                        PartialInterval::WholeInterval => *entry = (*entry).max(i128::from(*ppb)),
                        PartialInterval::TimeWeighted => {
                            *entry += i128::from(overlap.length().nanos()) * i128::from(*ppb)
                        }
                    }
                }
            }
            let sum_over = |interval: Interval| -> Ratio {
                let first = index_of(interval.start());
                let last = index_of(interval.end() - 1);
                reduce(
                    rates.range(first..=last).map(|(_, v)| *v).sum(),
                    denominator,
                )
            };
            let down = reduce(rates.values().sum(), denominator);
            // An interval touched by two spans goes to the first, so that the
            // incidents add up to the month's total.
            let mut next_free = i64::MIN;
            let per_span = counted_spans
                .intervals()
                .iter()
                .map(|s| {
                    let first = index_of(s.start()).max(next_free);
                    let last = index_of(s.end() - 1);
                    next_free = last + 1;
                    if first > last {
                        return (zero(), true);
                    }
                    let units = reduce(
                        rates.range(first..=last).map(|(_, v)| *v).sum(),
                        denominator,
                    );
                    (units, true)
                })
                .collect();
            let per_record = kept
                .iter()
                .map(|k| (k.index, sum_over(k.interval)))
                .collect();
            let convention = match partial {
                PartialInterval::WholeInterval => format!(
                    "each {minutes}-minute interval touched by an outage takes its error rate for the whole interval (the log has no request counts); intervals without errors count 0 %"
                ),
                PartialInterval::TimeWeighted => format!(
                    "each {minutes}-minute interval's error rate is weighted by the share of it the outage covers; intervals without errors count 0 %"
                ),
            };
            (
                Measure {
                    unit: MeasureUnit::Intervals { minutes },
                    total: total_minutes / i64::from(minutes),
                    down,
                },
                per_span,
                per_record,
                convention,
            )
        }
    };

    let total = i128::from(measure.total);
    let down_num = measure.down.numerator();
    let down_den = measure.down.denominator();
    let uptime = reduce(
        (total * down_den - down_num).max(0),
        total.max(1) * down_den,
    );

    // Record outcomes.
    let records: Vec<RecordOutcome> = log
        .iter()
        .enumerate()
        .map(|(index, record)| {
            let units = per_record.get(&index).copied().unwrap_or_else(zero);
            let counted = units.numerator() > 0;
            let reason = match (&dropped[index], &notes[index], &unless[index]) {
                (Some(reason), _, _) => reason.clone(),
                (None, Some(note), _) if counted => {
                    format!("counted: {}; {note}", describe_units(measure.unit, units))
                }
                _ if counted => format!("counted: {}", describe_units(measure.unit, units)),
                (None, _, Some(reason)) => reason.clone(),
                _ => match (method, preset.uptime.minute_counting) {
                    (Method::Minutes, Some(MinuteCounting::WholeMinute)) => format!(
                        "no whole clock minute was unavailable: {} from {}",
                        TimeSpan::from_nanos(record.end - record.start)
                            .unwrap_or_default()
                            .human(),
                        clock(record.start)
                    ),
                    _ => "no downtime counted".into(),
                },
            };
            RecordOutcome {
                index,
                line: record.line,
                counted,
                reason,
                units,
            }
        })
        .collect();
    for outcome in &records {
        let line = if outcome.line > 0 {
            format!("record {} (line {})", outcome.index + 1, outcome.line)
        } else {
            format!("record {}", outcome.index + 1)
        };
        steps.push(format!("{line}: {}", outcome.reason));
    }

    let incidents: Vec<Incident> = counted_spans
        .intervals()
        .iter()
        .zip(per_span)
        .filter(|(_, (_, touched))| *touched)
        .map(|(span, (units, _))| Incident {
            start: span.start(),
            end: span.end(),
            units,
            records: kept
                .iter()
                .filter(|k| k.interval.intersection(*span).is_some())
                .map(|k| k.index)
                .collect(),
        })
        .collect();

    steps.push(format!("counting: {convention}"));
    let uptime_text = format!("{}%", uptime.to_percent_string(4));
    steps.push(format!(
        "uptime = ({} − {}) ÷ {} = {}",
        measure.describe_total(),
        measure.describe_down(),
        measure.describe_total(),
        uptime_text
    ));
    let met = uptime.cmp_percent(preset.commitment).is_ge();
    steps.push(format!(
        "commitment {}: {}",
        preset.commitment,
        if met { "met" } else { "missed" }
    ));
    let step = preset.schedule().credit_for(uptime);
    let tier = step.value.tier;
    let credit_percent = step.value.credit;
    let tier_text = match tier {
        Some(i) => format!("{} → {}", preset.credits.tiers[i].text, credit_percent),
        None => "no tier reached → no credit".into(),
    };
    steps.push(format!("tier: {tier_text}"));

    let credit = request.bill.map(|bill| {
        let raw = bill.percent(credit_percent, preset.credits.rounding);
        let cap = bill.percent(
            preset.credits.cap.percent,
            sla_engine::money::Rounding::Down,
        );
        let capped_amount = raw.min(cap);
        let capped = capped_amount != raw;
        let code = bill.currency().code().to_owned();
        let mut note = format!(
            "{} × {} {} = {} {} (rounded {})",
            credit_percent,
            bill.to_plain_string(),
            code,
            raw.to_plain_string(),
            code,
            match preset.credits.rounding {
                sla_engine::money::Rounding::HalfUp => "half up",
                sla_engine::money::Rounding::Down => "down",
                sla_engine::money::Rounding::Up => "up",
            }
        );
        note.push_str(&format!(
            "; cap {} = {} {}{}",
            preset.credits.cap.percent,
            cap.to_plain_string(),
            code,
            if capped { " (applied)" } else { "" }
        ));
        let mut below_minimum = false;
        let mut payable = capped_amount;
        if let Some(minimum) = &preset.credits.minimum {
            if minimum.amount.currency() == bill.currency() {
                if capped_amount.minor_units() > 0
                    && capped_amount.minor_units() <= minimum.amount.minor_units()
                {
                    below_minimum = true;
                    payable = Money::zero(bill.currency());
                    note.push_str(&format!(
                        "; not issued: credits of {} {} or less are not issued",
                        minimum.amount.to_plain_string(),
                        code
                    ));
                }
            } else {
                note.push_str(&format!(
                    "; the minimum of {} {} is not applied to a bill in {}",
                    minimum.amount.to_plain_string(),
                    minimum.amount.currency().code(),
                    code
                ));
            }
        }
        CreditAmount {
            bill,
            raw,
            cap,
            capped,
            below_minimum,
            payable,
            note,
        }
    });
    if let Some(credit) = &credit {
        steps.push(format!(
            "credit: {}; payable {} {}",
            credit.note,
            credit.payable.to_plain_string(),
            credit.bill.currency().code()
        ));
    }

    let rule = preset.claim.deadline;
    let deadline = match rule {
        Deadline::DaysAfterIncident { .. } => incidents
            .iter()
            .filter_map(|i| zone.local_date(i.start))
            .filter_map(|d| deadline_for(rule, d))
            .min(),
        _ => deadline_for(rule, month.first_day()),
    };
    let days_left = deadline.map(|d| (d - request.today).num_days());
    let deadline_rule = deadline_rule_text(rule);
    steps.push(match (deadline, days_left) {
        (Some(d), Some(left)) if left >= 0 => format!(
            "claim deadline: {d} ({deadline_rule}); {left} day(s) left on {}",
            request.today
        ),
        (Some(d), Some(left)) => format!(
            "claim deadline: {d} ({deadline_rule}); passed {} day(s) before {}",
            -left, request.today
        ),
        _ => format!("claim deadline: none ({deadline_rule}; no incident counted)"),
    });

    let explanation = Explanation {
        formula: match method {
            Method::Minutes => "monthly uptime = (minutes in the month − minutes of downtime) ÷ minutes in the month".into(),
            Method::ErrorRateIntervals => "monthly uptime = 100 % − the average of the error rates of every interval of the month".into(),
            Method::Exact => "monthly uptime = (time in the month − downtime) ÷ time in the month".into(),
        },
        substituted: format!(
            "({} − {}) ÷ {} = {}",
            measure.describe_total(),
            measure.describe_down(),
            measure.describe_total(),
            uptime_text
        ),
        convention: format!(
            "{convention}; month {} in {}; percentage rounded down for display, tiers compared exactly",
            month.label(),
            zone.name()
        ),
    };

    Ok(Evaluation {
        preset_id: preset.id.clone(),
        title: preset.title(),
        month,
        time_zone: zone.name().to_owned(),
        window,
        measure,
        uptime,
        commitment: preset.commitment,
        met,
        tier,
        tier_text,
        credit_percent,
        credit,
        deadline,
        deadline_rule,
        days_left,
        records,
        incidents,
        steps,
        explanation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::log::parse_csv;
    use sla_engine::money::Currency;

    fn preset(id: &str) -> Preset {
        bundled()
            .expect("valid presets")
            .into_iter()
            .find(|p| p.id == id)
            .expect("bundled")
    }

    fn variant(id: &str, from: &str, to: &str) -> Preset {
        let (_, text) = crate::bundled_files()
            .iter()
            .find(|(n, _)| *n == format!("{id}.json"))
            .expect("bundled");
        assert!(text.contains(from), "{from}");
        Preset::from_json("variant.json", &text.replace(from, to)).expect("valid")
    }

    fn july() -> Request {
        Request::new(
            Month::parse("2026-07").expect("valid"),
            NaiveDate::from_ymd_opt(2026, 8, 10).expect("valid"),
        )
    }

    fn run(preset: &Preset, csv: &str, request: &Request) -> Evaluation {
        let log = parse_csv(csv).expect("valid log");
        evaluate(preset, &log, request).expect("evaluates")
    }

    fn minutes(e: &Evaluation) -> String {
        e.measure.describe_down()
    }

    #[test]
    fn months_have_their_real_length() {
        let p = preset("aws-ec2-region");
        let mut r = july();
        for (month, total) in [
            ("2026-07", 44_640),
            ("2026-02", 40_320),
            ("2028-02", 41_760),
            ("2026-04", 43_200),
        ] {
            r.month = Month::parse(month).expect("valid");
            assert_eq!(run(&p, "start,end\n", &r).measure.total, total, "{month}");
        }
        assert!(Month::parse("2026-13").is_err());
        assert!(Month::parse("July").is_err());
    }

    #[test]
    fn a_month_in_another_zone_starts_at_its_local_midnight() {
        let p = preset("aws-ec2-region");
        let mut r = july();
        r.time_zone = Zone::named("+02:00").expect("an offset");
        // 2026-06-30 22:30Z is 00:30 on 1 July at +02:00: inside the month.
        let e = run(
            &p,
            "start,end\n2026-06-30T22:30:00Z,2026-06-30T22:40:00Z\n",
            &r,
        );
        assert_eq!(e.window.start(), 1_782_856_800 * 1_000_000_000);
        assert_eq!(minutes(&e), "10 minutes");
    }

    #[test]
    fn any_part_and_whole_minutes_count_the_same_outage_differently() {
        let log = "start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n";
        assert_eq!(
            minutes(&run(&preset("aws-ec2-instance"), log, &july())),
            "4 minutes"
        );
        assert_eq!(
            minutes(&run(&preset("azure-vm-single-premium-ssd"), log, &july())),
            "2 minutes"
        );
    }

    #[test]
    fn downtime_periods_under_a_minute_do_not_count_for_google() {
        let p = preset("gcp-compute-single-instance");
        let blip = run(
            &p,
            "start,end\n2026-07-03T10:00:00Z,2026-07-03T10:00:59Z\n",
            &july(),
        );
        assert_eq!(minutes(&blip), "0 minutes");
        assert!(
            blip.records[0]
                .reason
                .contains("shorter than the minimum of 1m"),
            "{}",
            blip.records[0].reason
        );
        let minute = run(
            &p,
            "start,end\n2026-07-03T10:00:00Z,2026-07-03T10:01:00Z\n",
            &july(),
        );
        assert_eq!(minutes(&minute), "1 minute");
        // Two touching records are one period: 40 s + 40 s = 80 s ≥ 1 minute, with one whole minute in it.
        let joined = run(
            &p,
            "start,end\n2026-07-03T10:00:00Z,2026-07-03T10:00:40Z\n2026-07-03T10:00:40Z,2026-07-03T10:01:20Z\n",
            &july(),
        );
        assert_eq!(minutes(&joined), "1 minute");
    }

    #[test]
    fn a_multi_zone_deployment_is_down_only_while_every_zone_is() {
        let log = "start,end,scope,zone\n\
                   2026-07-12T08:00:00Z,2026-07-12T09:30:00Z,zone,a\n\
                   2026-07-12T09:00:00Z,2026-07-12T09:45:00Z,zone,b\n";
        let p = preset("aws-ec2-region");
        assert_eq!(minutes(&run(&p, log, &july())), "30 minutes");
        // With a third zone in the deployment that stayed up: no downtime.
        let mut r = july();
        r.deployment.zones = vec!["a".into(), "b".into(), "c".into()];
        let e = run(&p, log, &r);
        assert_eq!(minutes(&e), "0 minutes");
        assert!(
            e.records[0]
                .reason
                .starts_with("only part of the deployment was down"),
            "{}",
            e.records[0].reason
        );
        // One zone alone can never bring it down.
        let one = run(
            &p,
            "start,end,scope,zone\n2026-07-12T08:00:00Z,2026-07-12T09:30:00Z,zone,a\n",
            &july(),
        );
        assert_eq!(minutes(&one), "0 minutes");
        assert!(
            one.records[0].reason.contains("needs two or more zones"),
            "{}",
            one.records[0].reason
        );
    }

    #[test]
    fn records_of_other_instances_and_zones_are_left_out() {
        let log = "start,end,scope,zone,instance\n\
                   2026-07-12T08:00:00Z,2026-07-12T09:00:00Z,instance,a,i-1\n\
                   2026-07-12T10:00:00Z,2026-07-12T11:00:00Z,instance,a,i-2\n\
                   2026-07-12T12:00:00Z,2026-07-12T13:00:00Z,zone,b,\n";
        let mut r = july();
        r.deployment = Deployment {
            zones: vec!["a".into()],
            instance: Some("i-1".into()),
        };
        let e = run(&preset("aws-ec2-instance"), log, &r);
        assert_eq!(minutes(&e), "60 minutes");
        assert_eq!(
            e.records[1].reason,
            "instance i-2 is not the instance evaluated (i-1)"
        );
        assert_eq!(
            e.records[2].reason,
            "zone b is not one of the deployment's zones (a)"
        );
    }

    #[test]
    fn error_rates_are_averaged_over_five_minute_intervals() {
        let p = preset("aws-s3-standard");
        // 3 minutes at 100 % inside one interval: one interval at 100 %.
        let e = run(
            &p,
            "start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n",
            &july(),
        );
        assert_eq!(minutes(&e), "1 5-minute interval at 100 % errors");
        assert_eq!(e.measure.equivalent_minutes(), reduce(5, 1));
        // Time-weighted, the same outage is 3/5 of an interval.
        let weighted = variant("aws-s3-standard", "\"whole_interval\"", "\"time_weighted\"");
        let e = run(
            &weighted,
            "start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n",
            &july(),
        );
        assert_eq!(minutes(&e), "0.6 5-minute intervals at 100 % errors");
        // 50 minutes at 30 %: ten intervals at 30 % = 3 intervals.
        let e = run(
            &p,
            "start,end,error_rate\n2026-07-20T13:00:00Z,2026-07-20T13:50:00Z,30\n",
            &july(),
        );
        assert_eq!(minutes(&e), "3 5-minute intervals at 100 % errors");
        assert_eq!(e.uptime, reduce(8_925, 8_928));
    }

    #[test]
    fn a_partial_error_rate_is_not_per_minute_downtime() {
        let e = run(
            &preset("aws-ec2-instance"),
            "start,end,error_rate\n2026-07-20T13:00:00Z,2026-07-20T13:50:00Z,30\n",
            &july(),
        );
        assert_eq!(minutes(&e), "0 minutes");
        assert!(!e.records[0].counted);
    }

    #[test]
    fn an_exclusion_applies_only_where_the_sla_names_it() {
        let log =
            "start,end,excluded\n2026-07-15T22:00:00Z,2026-07-15T23:00:00Z,scheduled_maintenance\n";
        let template = run(&preset("generic-template"), log, &july());
        assert_eq!(template.measure.down, reduce(0, 1));
        assert!(template.records[0]
            .reason
            .starts_with("excluded as scheduled maintenance"));
        let aws = run(&preset("aws-ec2-region"), log, &july());
        assert_eq!(minutes(&aws), "60 minutes");
        assert_eq!(
            aws.records[0].reason,
            "counted: 60 minutes; marked as scheduled maintenance, which this SLA does not exclude"
        );
    }

    #[test]
    fn small_credits_are_not_issued_and_big_ones_are_capped() {
        let usd = Currency::new("USD").expect("valid");
        let down_3h = "start,end\n2026-07-15T22:00:00Z,2026-07-16T01:00:00Z\n"; // 99.59 %: 10 %
        let mut r = july();
        r.bill = Some(Money::new(1_000, usd)); // 10.00 USD → 1.00 USD, not more than 1 USD
        let e = run(&preset("aws-ec2-region"), down_3h, &r);
        let credit = e.credit.expect("a bill");
        assert_eq!(
            (credit.raw.minor_units(), credit.payable.minor_units()),
            (100, 0)
        );
        assert!(credit.below_minimum);
        r.bill = Some(Money::new(1_010, usd)); // 1.01 USD is issued
        assert_eq!(
            run(&preset("aws-ec2-region"), down_3h, &r)
                .credit
                .map(|c| c.payable.minor_units()),
            Some(101)
        );
        // The minimum is in USD: a bill in EUR is not held to it.
        r.bill = Some(Money::new(1_000, Currency::new("EUR").expect("valid")));
        assert_eq!(
            run(&preset("aws-ec2-region"), down_3h, &r)
                .credit
                .map(|c| c.payable.minor_units()),
            Some(100)
        );
        // The template pays 100 % below 95 % but caps at 50 %.
        r.bill = Some(Money::new(123_457, usd));
        let all_month = "start,end\n2026-07-01T00:00:00Z,2026-08-01T00:00:00Z\n";
        let credit = run(&preset("generic-template"), all_month, &r)
            .credit
            .expect("a bill");
        assert_eq!(
            (
                credit.raw.minor_units(),
                credit.cap.minor_units(),
                credit.payable.minor_units()
            ),
            (123_457, 61_728, 61_728)
        );
        assert!(credit.capped);
    }

    #[test]
    fn deadlines_follow_each_rule() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("valid");
        let rule = Deadline::EndOfMonthAfterIncident { months: 1 };
        assert_eq!(deadline_for(rule, d(2026, 1, 31)), Some(d(2026, 2, 28)));
        assert_eq!(deadline_for(rule, d(2027, 12, 1)), Some(d(2028, 1, 31)));
        let rule = Deadline::DaysAfterMonthEnd { days: 60 };
        assert_eq!(deadline_for(rule, d(2028, 2, 3)), Some(d(2028, 4, 29)));
        // A per-incident rule with no incident has no deadline.
        let e = run(&preset("generic-template"), "start,end\n", &july());
        assert_eq!((e.deadline, e.days_left), (None, None));
        // Days left count down to the deadline and below zero after it.
        let e = run(&preset("azure-vm-availability-set"), "start,end\n", &july());
        assert_eq!((e.deadline, e.days_left), (Some(d(2026, 8, 31)), Some(21)));
    }

    #[test]
    fn a_negative_bill_is_refused() {
        let mut r = july();
        r.bill = Some(Money::new(-1, Currency::new("USD").expect("valid")));
        let log = parse_csv("start,end\n").expect("valid");
        assert_eq!(
            evaluate(&preset("aws-ec2-region"), &log, &r),
            Err(EvaluateError::NegativeBill)
        );
    }
}
