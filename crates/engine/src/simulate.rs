//! The contract simulator's kernel: many replications of one contract year
//! of an agreement, with outages drawn from a failure model per service.
//!
//! **Model.** Each service is an alternating renewal process: up times are
//! exponential with mean MTBF, repairs exponential with mean MTTR, services
//! independent of each other. Each replication starts the process in its
//! stationary state (down with probability MTTR / (MTBF + MTTR), and by
//! memorylessness the time to the next change is exponential either way),
//! so the expected unavailability over any window is exactly
//! MTTR / (MTBF + MTTR). Replications are independent.
//!
//! **Kernel.** Per availability target instance, the agreed service time
//! of each period of the contract year is worked out once from its
//! calendar (hours, holidays, exclusions, time zone), as sorted intervals
//! tagged with their period; each drawn outage is then intersected with
//! them by binary search. Intervals only, no text: the per-period downtime
//! and availability, and from them the year's availability and the periods
//! missed.
//!
//! **Randomness.** ChaCha8 (`rand_chacha`) seeded from the seed with
//! `SeedableRng::seed_from_u64`, one stream for the whole run in a fixed
//! order (replication, then service in file order), and `libm::log` for the
//! exponential draws: the same seed gives the same figures on every
//! platform, natively and in the browser.
//!
//! **Credits and termination rights.** Each replication's periods are
//! settled by the report's own rules ([`crate::report::Settlement`]: the
//! status, the credit rule, repeat misses, the target's cap, the pool, the
//! period and year caps, earn-back and the termination rights), figures
//! only: per credit group, the credits of the contract year (paid after
//! the caps, less what is earned back) and whether each termination right
//! is triggered within it. Each contract year starts with no history: a
//! right or a repeat miss does not reach into the year before.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::compliance::Status;
use crate::model::{load, AgreementFile, Metric, PeriodKind};
use crate::money::{Currency, Money};
use crate::report::{DrawnPeriod, Settlement, TargetReport};
use crate::time::{Calendar, Interval, ReportPeriod, UnixNanos, Zone};
use crate::{Ratio, TimeSpan};

/// A service's failure model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failure {
    /// Mean time between failures: the mean up time.
    pub mtbf: TimeSpan,
    /// Mean time to repair: the mean down time.
    pub mttr: TimeSpan,
}

impl Failure {
    /// The model's long-run unavailability, MTTR / (MTBF + MTTR), exactly.
    pub fn unavailability(&self) -> Option<Ratio> {
        Ratio::new(
            i128::from(self.mttr.nanos()),
            i128::from(self.mtbf.nanos()) + i128::from(self.mttr.nanos()),
        )
    }
}

/// What to simulate.
#[derive(Debug, Clone, PartialEq)]
pub struct Setup {
    /// The contract year's first month: it runs twelve months from there.
    pub first_month: (i32, u32),
    /// Replications of the contract year.
    pub years: u32,
    pub seed: u64,
    /// The failure model of each service, by service id.
    pub services: Vec<(String, Failure)>,
}

/// The outcome of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Simulation {
    pub years: u32,
    pub seed: u64,
    pub targets: Vec<TargetOutcome>,
    /// Each credit group (agreement) with a simulated target.
    pub groups: Vec<GroupOutcome>,
    /// Target instances not simulated, and why: `(key, reason)`.
    pub not_simulated: Vec<(String, String)>,
}

/// One credit group (an agreement's targets) over the replications.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupOutcome {
    pub agreement: String,
    pub currency: Currency,
    /// Each replication's credits over the contract year: paid after the
    /// caps, less what is earned back (in the replication's own year).
    pub credits: Vec<Money>,
    /// Each termination right of the agreement, in the file's order.
    pub rights: Vec<RightOutcome>,
    /// The agreement's targets not simulated (see
    /// [`Simulation::not_simulated`]): they pay no credit here and no
    /// termination right counts them.
    pub not_simulated: Vec<String>,
}

/// One termination right over the replications.
#[derive(Debug, Clone, PartialEq)]
pub struct RightOutcome {
    /// The right in words.
    pub rule: String,
    /// Whether it was triggered within each replication's contract year.
    pub triggered: Vec<bool>,
}

impl GroupOutcome {
    /// Mean credits per year (in the currency's minor units) and the standard error.
    pub fn mean_credits(&self) -> Estimate {
        estimate(self.credits.iter().map(|c| c.minor_units() as f64))
    }

    /// The probability that a contract year pays no credit.
    pub fn no_credit(&self) -> Estimate {
        estimate(
            self.credits
                .iter()
                .map(|c| if c.minor_units() == 0 { 1.0 } else { 0.0 }),
        )
    }

    /// The credits per year at the `p`-th percentile (nearest rank).
    pub fn credits_percentile(&self, p: u32) -> Option<Money> {
        let mut sorted = self.credits.clone();
        crate::order::sort_by_key(&mut sorted, |c| c.minor_units());
        if sorted.is_empty() {
            return None;
        }
        let rank = (u64::from(p.min(100)) * sorted.len() as u64)
            .div_ceil(100)
            .max(1);
        sorted
            .get((rank as usize - 1).min(sorted.len() - 1))
            .copied()
    }
}

impl RightOutcome {
    /// The probability that the right is triggered in a contract year.
    pub fn probability(&self) -> Estimate {
        estimate(self.triggered.iter().map(|t| if *t { 1.0 } else { 0.0 }))
    }
}

/// One availability target instance over the replications.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetOutcome {
    pub key: String,
    pub name: String,
    pub services: Vec<String>,
    /// The promised level, as a fraction of the whole.
    pub expected: Ratio,
    /// The contract year's periods of this target.
    pub periods: Vec<ReportPeriod>,
    /// Each replication's availability over the year (service time lost
    /// over service time, all periods together), in replication order.
    pub yearly: Vec<f64>,
    /// Each replication's number of periods missed.
    pub missed: Vec<u32>,
    /// The target's rules the kernel does not apply, in words (listed,
    /// never dropped silently).
    pub caveats: Vec<String>,
}

/// A mean with its Monte Carlo standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub mean: f64,
    pub standard_error: f64,
}

impl TargetOutcome {
    /// Mean yearly unavailability (1 − availability) and its standard error.
    pub fn unavailability(&self) -> Estimate {
        estimate(self.yearly.iter().map(|a| 1.0 - a))
    }

    /// The yearly availability at the `p`-th percentile (nearest rank,
    /// `p` in 0..=100): P5 is the level 95 % of years reach or beat.
    pub fn percentile(&self, p: u32) -> f64 {
        let mut sorted = self.yearly.clone();
        crate::order::sort_by(&mut sorted, f64::total_cmp);
        nearest_rank(&sorted, p)
    }

    /// The probability that at least one period is missed in a year.
    pub fn any_missed(&self) -> Estimate {
        estimate(self.missed.iter().map(|m| if *m > 0 { 1.0 } else { 0.0 }))
    }

    /// Mean periods missed per year.
    pub fn missed_per_year(&self) -> Estimate {
        estimate(self.missed.iter().map(|m| f64::from(*m)))
    }
}

/// Nearest-rank percentile of sorted values.
fn nearest_rank(sorted: &[f64], p: u32) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (u64::from(p.min(100)) * sorted.len() as u64)
        .div_ceil(100)
        .max(1);
    sorted[(rank as usize - 1).min(sorted.len() - 1)]
}

/// Mean and standard error (sample standard deviation over √n).
fn estimate(values: impl Iterator<Item = f64>) -> Estimate {
    let (mut n, mut mean, mut m2) = (0f64, 0f64, 0f64);
    // Welford's running mean and variance.
    for x in values {
        n += 1.0;
        let delta = x - mean;
        mean += delta / n;
        m2 += delta * (x - mean);
    }
    let variance = if n > 1.0 { m2 / (n - 1.0) } else { 0.0 };
    Estimate {
        mean,
        standard_error: (variance / n.max(1.0)).sqrt(),
    }
}

/// Why a run cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SetupError {
    #[error("the agreement file is not valid: {0}")]
    Invalid(String),
    #[error("`{0}` is not a month of the years 1678 to 2261")]
    Month(String),
    #[error("service `{0}`: MTBF and MTTR must both be longer than zero")]
    Zero(String),
    #[error("service `{0}` has no failure model; give its MTBF and MTTR")]
    Missing(String),
    #[error("service `{0}` is not in the agreement file")]
    Unknown(String),
    #[error("at least one contract year is simulated, at most 1,000,000")]
    Years,
    /// Years × targets over [`MAX_VALUES`]: a run keeps every year of every
    /// target (for its percentiles, histogram and CSV).
    #[error("{targets} targets × {years} years is more than a run keeps (2,000,000 target-years): at most {most} years for {targets} targets")]
    TooMany {
        targets: usize,
        years: u32,
        most: u32,
    },
}

/// Target-years a run keeps at most.
pub const MAX_VALUES: usize = 2_000_000;

/// The agreed service time of one target over the contract year.
struct ServiceTime {
    /// Sorted, disjoint intervals, each within one period: (start, end, period).
    intervals: Vec<(UnixNanos, UnixNanos, usize)>,
    /// Service time per period, in nanoseconds.
    per_period: Vec<i64>,
}

impl ServiceTime {
    fn new(calendar: &Calendar, windows: &[Interval]) -> ServiceTime {
        let mut intervals = Vec::new();
        let mut per_period = Vec::with_capacity(windows.len());
        for (period, window) in windows.iter().enumerate() {
            let service = calendar.service_time(*window);
            per_period.push(service.length().nanos());
            intervals.extend(
                service
                    .intervals()
                    .iter()
                    .map(|i| (i.start(), i.end(), period)),
            );
        }
        intervals.sort_by_key(|i| i.0);
        ServiceTime {
            intervals,
            per_period,
        }
    }

    /// Adds the service time each outage takes, per period, into `down`.
    fn add_downtime(&self, outages: &[(UnixNanos, UnixNanos)], down: &mut [i64]) {
        for &(start, end) in outages {
            let first = self.intervals.partition_point(|i| i.1 <= start);
            for &(s, e, period) in &self.intervals[first..] {
                if s >= end {
                    break;
                }
                down[period] += e.min(end) - s.max(start);
            }
        }
    }
}

/// Draws from the exponential distribution with mean `mean_nanos`.
fn exponential(rng: &mut ChaCha8Rng, mean_nanos: f64) -> i64 {
    // A uniform in (0, 1]: 53 random bits, plus one so that ln never sees 0.
    let u = ((rng.next_u64() >> 11) + 1) as f64 / (1u64 << 53) as f64;
    let draw = -mean_nanos * libm::log(u);
    // At most 2⁶² ns (146 years): far past any contract year.
    draw.min(4.611_686_018_427_388e18) as i64
}

/// One replication of a service's process over `[start, end)`: its down
/// intervals, sorted.
fn outages(
    rng: &mut ChaCha8Rng,
    failure: Failure,
    start: UnixNanos,
    end: UnixNanos,
    out: &mut Vec<(UnixNanos, UnixNanos)>,
) {
    out.clear();
    let (mtbf, mttr) = (failure.mtbf.nanos() as f64, failure.mttr.nanos() as f64);
    // Stationary start: down with probability MTTR / (MTBF + MTTR).
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    let mut down = u < mttr / (mtbf + mttr);
    let mut at = start;
    while at < end {
        let length = exponential(rng, if down { mttr } else { mtbf });
        let until = at.saturating_add(length).min(end);
        if down && until > at {
            out.push((at, until));
        }
        at = until;
        down = !down;
    }
}

/// The contract year's periods of a target: the months, the quarters or the
/// year that lie wholly inside it.
fn periods_of(kind: PeriodKind, (year, month): (i32, u32)) -> Option<Vec<ReportPeriod>> {
    let months: Vec<(i32, u32)> = (0..12)
        .map(|i| {
            let m0 = month - 1 + i;
            (year + (m0 / 12) as i32, m0 % 12 + 1)
        })
        .collect();
    match kind {
        PeriodKind::Month => Some(
            months
                .iter()
                .map(|&(year, month)| ReportPeriod::Month { year, month })
                .collect(),
        ),
        PeriodKind::Quarter => Some(
            months
                .iter()
                .filter(|(_, m)| (m - 1) % 3 == 0)
                .filter(|(y, m)| months.contains(&(*y, m + 2)))
                .map(|&(year, m)| ReportPeriod::Quarter {
                    year,
                    quarter: (m - 1) / 3 + 1,
                })
                .collect(),
        ),
        PeriodKind::Year => (month == 1).then(|| vec![ReportPeriod::Year { year }]),
        PeriodKind::RollingDays(_) => None,
    }
}

/// Runs the simulation; `progress` is called after each replication with
/// the number done, and stops the run when it returns `false` (a cancel).
///
/// # Errors
/// A file that does not pass validation, a month out of range, a service
/// without a failure model or with a zero one, or a number of years out of
/// range.
pub fn simulate(
    file: &AgreementFile,
    setup: &Setup,
    progress: &mut dyn FnMut(u32) -> bool,
) -> Result<Simulation, SetupError> {
    if let Some(problem) = load::validate(file).first() {
        return Err(SetupError::Invalid(problem.to_string()));
    }
    if !(1..=1_000_000).contains(&setup.years) {
        return Err(SetupError::Years);
    }
    for (service, failure) in &setup.services {
        if !file.services.iter().any(|s| &s.id == service) {
            return Err(SetupError::Unknown(service.clone()));
        }
        if failure.mtbf.nanos() <= 0 || failure.mttr.nanos() <= 0 {
            return Err(SetupError::Zero(service.clone()));
        }
    }
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let (year, month) = setup.first_month;
    let month_text = format!("{year:04}-{month:02}");
    let first = ReportPeriod::Month { year, month }
        .window(&zone)
        .ok_or_else(|| SetupError::Month(month_text.clone()))?;
    let last_month = ReportPeriod::Month {
        year: year + ((month + 10) / 12) as i32,
        month: (month + 10) % 12 + 1,
    };
    let last = last_month
        .window(&zone)
        .ok_or_else(|| SetupError::Month(month_text.clone()))?;
    let (start, end) = (first.start(), last.end());

    // The targets simulated, each with its service time per period, and
    // for each of the file's target instances its place among them.
    let settlement = Settlement::new(file);
    let mut targets = Vec::new();
    let mut kernels = Vec::new();
    let mut simulated: Vec<Option<usize>> = Vec::new();
    let mut not_simulated = Vec::new();
    for instance in settlement.instances() {
        simulated.push(None);
        let target = &instance.target;
        if !matches!(target.metric, Metric::Availability { .. }) {
            not_simulated.push((
                instance.key.clone(),
                format!(
                    "the simulator draws outages: {} is not simulated",
                    target.metric.label()
                ),
            ));
            continue;
        }
        if instance.supplier.is_some() {
            not_simulated.push((
                instance.key.clone(),
                "a supplier's share of outages is not modelled: OLA and UC targets that count only their supplier's outages are not simulated".into(),
            ));
            continue;
        }
        let Some(periods) = periods_of(target.period, setup.first_month) else {
            not_simulated.push((
                instance.key.clone(),
                "its periods (rolling windows, or a year that is not the contract year) are not simulated".into(),
            ));
            continue;
        };
        for service in &instance.services {
            if !setup.services.iter().any(|(s, _)| s == service) {
                return Err(SetupError::Missing(service.clone()));
            }
        }
        let calendar = match &target.calendar {
            Some(id) => file
                .calendars
                .iter()
                .find(|c| &c.id == id)
                .and_then(|def| load::compile_calendar(def).ok())
                .unwrap_or_else(|| Calendar {
                    time_zone: zone.clone(),
                    ..Calendar::always()
                }),
            None => Calendar {
                time_zone: zone.clone(),
                ..Calendar::always()
            },
        };
        let mut caveats = Vec::new();
        if let Metric::Availability {
            downtime: Some(rules),
            ..
        } = &target.metric
        {
            for (rule, value) in [
                ("minimum_outage", &rules.minimum_outage),
                ("round_up_to", &rules.round_up_to),
                ("minimum_downtime_period", &rules.minimum_downtime_period),
            ] {
                if let Some(value) = value {
                    caveats.push(format!(
                        "its downtime rule {rule} ({}) is not applied to drawn outages",
                        value.0.human()
                    ));
                }
            }
        }
        let Some(windows) = periods
            .iter()
            .map(|p| p.window(&zone))
            .collect::<Option<Vec<Interval>>>()
        else {
            not_simulated.push((
                instance.key.clone(),
                "its periods are out of the range of dates the engine reads".into(),
            ));
            continue;
        };
        let services: Vec<usize> = instance
            .services
            .iter()
            .filter_map(|s| setup.services.iter().position(|(id, _)| id == s))
            .collect();
        kernels.push((ServiceTime::new(&calendar, &windows), windows, services));
        if let Some(last) = simulated.last_mut() {
            *last = Some(targets.len());
        }
        targets.push(TargetOutcome {
            key: instance.key.clone(),
            name: target.name.clone(),
            services: instance.services.clone(),
            expected: target.expected.as_fraction(),
            periods,
            yearly: Vec::with_capacity(setup.years as usize),
            missed: Vec::with_capacity(setup.years as usize),
            caveats,
        });
    }

    if targets.len().saturating_mul(setup.years as usize) > MAX_VALUES {
        return Err(SetupError::TooMany {
            targets: targets.len(),
            years: setup.years,
            most: u32::try_from(MAX_VALUES / targets.len().max(1)).unwrap_or(u32::MAX),
        });
    }
    let mut rng = ChaCha8Rng::seed_from_u64(setup.seed);
    let mut drawn: Vec<Vec<(UnixNanos, UnixNanos)>> = vec![Vec::new(); setup.services.len()];
    let mut periods: Vec<Vec<DrawnPeriod>> = vec![Vec::new(); simulated.len()];
    let mut scratch: Vec<TargetReport> = Vec::new();
    let mut groups: Vec<GroupOutcome> = Vec::new();
    // Each settled group's place in `groups`, and what it is.
    let mut slots: Vec<Option<usize>> = Vec::new();
    let described = settlement.groups();
    let mut done = 0;
    for _ in 0..setup.years {
        for ((_, failure), out) in setup.services.iter().zip(drawn.iter_mut()) {
            outages(&mut rng, *failure, start, end, out);
        }
        for (instance_periods, place) in periods.iter_mut().zip(&simulated) {
            instance_periods.clear();
            let Some(t) = *place else { continue };
            let (kernel, windows, services) = &kernels[t];
            // Each service's downtime in the target's service time, summed
            // over a customer's services with their service time, as the
            // report combines them.
            let mut down = vec![0i64; kernel.per_period.len()];
            for &service in services {
                kernel.add_downtime(&drawn[service], &mut down);
            }
            let count = services.len() as i64;
            instance_periods.extend(targets[t].periods.iter().zip(windows).enumerate().map(
                |(p, (period, window))| DrawnPeriod {
                    period: *period,
                    window: *window,
                    service_time: kernel.per_period[p].saturating_mul(count),
                    downtime: down[p],
                },
            ));
        }
        let settled = settlement.settle(&periods, &mut scratch);
        for (report, place) in scratch.iter().zip(&simulated) {
            let Some(t) = *place else { continue };
            let target = &mut targets[t];
            let (service, lost) = report.periods.iter().fold((0i64, 0i64), |(s, l), p| {
                (
                    s.saturating_add(p.facts.service_time.nanos()),
                    l.saturating_add(p.facts.downtime.nanos()),
                )
            });
            target.yearly.push(if service > 0 {
                (service - lost) as f64 / service as f64
            } else {
                1.0
            });
            target.missed.push(
                report
                    .periods
                    .iter()
                    .filter(|p| matches!(p.status, Status::Missed | Status::BelowMinimum))
                    .count() as u32,
            );
        }
        // The groups come in the same order every year: the first year
        // makes their outcomes.
        for (index, group) in settled.into_iter().enumerate() {
            // Only the groups with a simulated target: the others have no period.
            if group.periods == 0 {
                continue;
            }
            let slot = match slots.get(index).copied().flatten() {
                Some(slot) => slot,
                None => {
                    // Settled and described alike: one per credit group.
                    let Some((agreement, currency, rules)) = described.get(index).cloned() else {
                        continue;
                    };
                    groups.push(GroupOutcome {
                        not_simulated: settlement
                            .instances()
                            .iter()
                            .zip(&simulated)
                            .filter(|(i, place)| place.is_none() && i.agreement == agreement)
                            .map(|(i, _)| i.key.clone())
                            .collect(),
                        agreement,
                        currency,
                        credits: Vec::with_capacity(setup.years as usize),
                        rights: rules
                            .into_iter()
                            .map(|rule| RightOutcome {
                                rule,
                                triggered: Vec::with_capacity(setup.years as usize),
                            })
                            .collect(),
                    });
                    if slots.len() <= index {
                        slots.resize(index + 1, None);
                    }
                    slots[index] = Some(groups.len() - 1);
                    groups.len() - 1
                }
            };
            let outcome = &mut groups[slot];
            outcome
                .credits
                .push(Money::new(group.net, outcome.currency));
            for (n, right) in outcome.rights.iter_mut().enumerate() {
                right
                    .triggered
                    .push(group.triggered.get(n).copied().unwrap_or(false));
            }
        }
        done += 1;
        if !progress(done) {
            break;
        }
    }
    Ok(Simulation {
        years: done,
        seed: setup.seed,
        targets,
        groups,
        not_simulated,
    })
}

/// A failure model fitted from a history, with what the fit said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fitted {
    pub failure: Failure,
    /// Unplanned outages merged into separate down times in the window.
    pub outages: usize,
    /// Outages read in a way worth saying (one with an impact is counted as
    /// a whole outage): `name: outages[i] …`.
    pub notes: Vec<String>,
}

/// The failure model of `service` fitted from its unplanned outages in
/// `sources` over `window`: the outages merged into down times, MTTR = the
/// downtime ÷ the down times, MTBF = (the window − the downtime) ÷ the
/// down times. Planned outages are left out (they are not failures).
///
/// # Errors
/// An outage outside the years the calculator holds, or no unplanned
/// outage of the service in the window (nothing to fit from): in words.
pub fn fit(
    sources: &[crate::report::Source<'_>],
    service: &str,
    window: Interval,
    zone: &Zone,
) -> Result<Fitted, String> {
    use crate::time::IntervalSet;
    let mut spans: Vec<Interval> = Vec::new();
    let mut notes = Vec::new();
    for source in sources {
        let at = |i: usize| {
            if source.name.is_empty() {
                format!("outages[{i}]")
            } else {
                format!("{}: outages[{i}]", source.name)
            }
        };
        for (i, outage) in source.measurements.outages.iter().enumerate() {
            if outage.service != service || outage.planned {
                continue;
            }
            let (Some(start), Some(end)) = (outage.start.instant(zone), outage.end.instant(zone))
            else {
                return Err(format!(
                    "{} is outside the years the calculator can hold",
                    at(i)
                ));
            };
            let (s, e) = (start.max(window.start()), end.min(window.end()));
            if e > s {
                if outage.impact.is_some() {
                    // Said, never silent: the model has whole outages only.
                    notes.push(format!(
                        "{} has an impact; the fit counts it as a whole outage",
                        at(i)
                    ));
                }
                spans.extend(Interval::new(s, e));
            }
        }
    }
    let merged = IntervalSet::from_intervals(spans);
    let n = merged.intervals().len();
    if n == 0 {
        return Err(format!(
            "service `{service}` had no unplanned outage in the history"
        ));
    }
    let down = merged.length().nanos();
    let up = window.length().nanos() - down;
    let count = n as i64;
    let nanos = |v: i64| TimeSpan::from_nanos(v.max(1)).unwrap_or(TimeSpan::ZERO);
    Ok(Fitted {
        failure: Failure {
            mtbf: nanos(up / count),
            mttr: nanos(down / count),
        },
        outages: n,
        notes,
    })
}

/// The services whose failure model a run needs, in the file's order: those
/// of the availability targets it simulates (not an OLA's or UC's target
/// that counts only its supplier's outages). A run draws for the services
/// it is given in the order given, so the same services in the same order
/// and the same seed give the same run.
pub fn services_needed(file: &AgreementFile) -> Vec<String> {
    let instances = crate::model::resolve::instances(file);
    file.services
        .iter()
        .filter(|service| {
            instances.iter().any(|i| {
                matches!(i.target.metric, Metric::Availability { .. })
                    && i.supplier.is_none()
                    && i.services.contains(&service.id)
            })
        })
        .map(|service| service.id.clone())
        .collect()
}

/// A fraction as the simulator writes it: `99.3702 %`.
pub fn percent_text(fraction: f64) -> String {
    format!("{:.4} %", fraction * 100.0)
}

/// An amount in minor units (a mean, not a whole number of them), rounded
/// to the nearest minor unit and written as the report writes money
/// (`1,079.10`).
pub fn money_text(minor_units: f64, currency: Currency) -> String {
    Money::new(minor_units.round() as i64, currency).to_plain_string()
}

/// An amount as a plain decimal, without thousands separators (CSV, JSON).
pub fn decimal(money: Money) -> String {
    money.to_plain_string().replace(',', "")
}

/// Every replication as CSV: per year, a row per target (its availability
/// and periods missed) and a row per agreement (its credits, and the
/// numbers of the termination rights triggered, from 1 in the file's order,
/// separated by spaces).
pub fn csv(run: &Simulation) -> String {
    use std::fmt::Write as _;
    let mut out = String::from(
        "year,target_or_agreement,availability,periods_missed,credits,rights_triggered\n",
    );
    for year in 0..run.years as usize {
        for target in &run.targets {
            if let (Some(a), Some(m)) = (target.yearly.get(year), target.missed.get(year)) {
                let _ = writeln!(out, "{},{},{a:.9},{m},,", year + 1, target.key);
            }
        }
        for group in &run.groups {
            let Some(credits) = group.credits.get(year) else {
                continue;
            };
            let triggered: Vec<String> = group
                .rights
                .iter()
                .enumerate()
                .filter(|(_, r)| r.triggered.get(year).copied().unwrap_or(false))
                .map(|(n, _)| (n + 1).to_string())
                .collect();
            let _ = writeln!(
                out,
                "{},{},,,{},{}",
                year + 1,
                group.agreement,
                decimal(*credits),
                triggered.join(" ")
            );
        }
    }
    out
}

/// The run as JSON with every replication in it: what the page's Web
/// Worker hands back ([`from_json`] reads it again, exactly).
pub fn to_json(run: &Simulation) -> String {
    use serde_json::json;
    json!({
        "years": run.years,
        "seed": run.seed.to_string(),
        "targets": run.targets.iter().map(|t| json!({
            "key": t.key, "name": t.name, "services": t.services,
            "expected": [t.expected.numerator().to_string(), t.expected.denominator().to_string()],
            "periods": t.periods.iter().map(|p| p.label()).collect::<Vec<_>>(),
            // As texts: Rust writes the shortest decimal that reads back to
            // the same f64, and reads it back exactly.
            "yearly": t.yearly.iter().map(f64::to_string).collect::<Vec<_>>(),
            "missed": t.missed, "caveats": t.caveats,
        })).collect::<Vec<_>>(),
        "groups": run.groups.iter().map(|g| json!({
            "agreement": g.agreement, "currency": g.currency.code(),
            "credits": g.credits.iter().map(|c| c.minor_units()).collect::<Vec<_>>(),
            "rights": g.rights.iter().map(|r| json!({"rule": r.rule, "triggered": r.triggered})).collect::<Vec<_>>(),
            "not_simulated": g.not_simulated,
        })).collect::<Vec<_>>(),
        "not_simulated": run.not_simulated,
    })
    .to_string()
}

/// Reads [`to_json`]'s text; periods are read in `zone` (the file's).
///
/// # Errors
/// A text that is not what [`to_json`] writes, with the place.
pub fn from_json(text: &str, zone: &Zone) -> Result<Simulation, String> {
    use serde_json::Value;
    let mut root: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    // Each part is taken out of the tree, never copied: a run of many years
    // holds millions of values.
    let field = |v: &mut Value, name: &str| -> Result<Value, String> {
        v.get_mut(name)
            .map(Value::take)
            .ok_or_else(|| format!("no `{name}`"))
    };
    let text_of = |v: Value, what: &str| -> Result<String, String> {
        match v {
            Value::String(text) => Ok(text),
            _ => Err(format!("`{what}` is not a text")),
        }
    };
    let list = |v: Value, what: &str| -> Result<Vec<Value>, String> {
        match v {
            Value::Array(items) => Ok(items),
            _ => Err(format!("`{what}` is not a list")),
        }
    };
    let texts = |v: Value, what: &str| -> Result<Vec<String>, String> {
        list(v, what)?
            .into_iter()
            .map(|t| text_of(t, what))
            .collect()
    };
    let years = field(&mut root, "years")?
        .as_u64()
        .and_then(|y| u32::try_from(y).ok())
        .ok_or("`years` is not a count")?;
    let seed = text_of(field(&mut root, "seed")?, "seed")?
        .parse::<u64>()
        .map_err(|e| format!("`seed`: {e}"))?;
    let mut targets = Vec::new();
    for (i, mut t) in list(field(&mut root, "targets")?, "targets")?
        .into_iter()
        .enumerate()
    {
        let at = |why: String| format!("targets[{i}]: {why}");
        let expected = texts(field(&mut t, "expected").map_err(at)?, "expected").map_err(at)?;
        let expected = match expected.as_slice() {
            [n, d] => n
                .parse::<i128>()
                .ok()
                .zip(d.parse::<i128>().ok())
                .and_then(|(n, d)| Ratio::new(n, d)),
            _ => None,
        }
        .ok_or_else(|| at("`expected` is not a fraction".into()))?;
        let periods = texts(field(&mut t, "periods").map_err(at)?, "periods")
            .map_err(at)?
            .iter()
            .map(|label| ReportPeriod::parse(label, zone).map_err(|e| at(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        let yearly = texts(field(&mut t, "yearly").map_err(at)?, "yearly")
            .map_err(at)?
            .iter()
            .map(|v| {
                v.parse::<f64>()
                    .map_err(|_| at(format!("`yearly` holds `{v}`, not a number")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let missed = list(field(&mut t, "missed").map_err(at)?, "missed")
            .map_err(at)?
            .iter()
            .map(|v| {
                v.as_u64()
                    .and_then(|m| u32::try_from(m).ok())
                    .ok_or_else(|| at("`missed` holds a non-count".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        targets.push(TargetOutcome {
            key: text_of(field(&mut t, "key").map_err(at)?, "key").map_err(at)?,
            name: text_of(field(&mut t, "name").map_err(at)?, "name").map_err(at)?,
            services: texts(field(&mut t, "services").map_err(at)?, "services").map_err(at)?,
            expected,
            periods,
            yearly,
            missed,
            caveats: texts(field(&mut t, "caveats").map_err(at)?, "caveats").map_err(at)?,
        });
    }
    let mut groups = Vec::new();
    for (i, mut g) in list(field(&mut root, "groups")?, "groups")?
        .into_iter()
        .enumerate()
    {
        let at = |why: String| format!("groups[{i}]: {why}");
        let code = text_of(field(&mut g, "currency").map_err(at)?, "currency").map_err(at)?;
        let currency = Currency::new(&code).map_err(|e| at(e.to_string()))?;
        let credits = list(field(&mut g, "credits").map_err(at)?, "credits")
            .map_err(at)?
            .iter()
            .map(|v| {
                v.as_i64()
                    .map(|m| Money::new(m, currency))
                    .ok_or_else(|| at("`credits` holds a non-amount".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut rights = Vec::new();
        for mut r in list(field(&mut g, "rights").map_err(at)?, "rights").map_err(at)? {
            let triggered = list(field(&mut r, "triggered").map_err(at)?, "triggered")
                .map_err(at)?
                .iter()
                .map(|v| {
                    v.as_bool()
                        .ok_or_else(|| at("`triggered` holds a non-boolean".into()))
                })
                .collect::<Result<Vec<_>, _>>()?;
            rights.push(RightOutcome {
                rule: text_of(field(&mut r, "rule").map_err(at)?, "rule").map_err(at)?,
                triggered,
            });
        }
        groups.push(GroupOutcome {
            agreement: text_of(field(&mut g, "agreement").map_err(at)?, "agreement").map_err(at)?,
            currency,
            credits,
            rights,
            not_simulated: texts(field(&mut g, "not_simulated").map_err(at)?, "not_simulated")
                .map_err(at)?,
        });
    }
    let mut not_simulated = Vec::new();
    for (i, pair) in list(field(&mut root, "not_simulated")?, "not_simulated")?
        .into_iter()
        .enumerate()
    {
        match texts(pair, "not_simulated")?.as_slice() {
            [key, reason] => not_simulated.push((key.clone(), reason.clone())),
            _ => return Err(format!("not_simulated[{i}] is not a target and a reason")),
        }
    }
    Ok(Simulation {
        years,
        seed,
        targets,
        groups,
        not_simulated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(calendar: &str) -> AgreementFile {
        let text = format!(
            r#"{{
          "format": "sla-agreements", "version": 1, "name": "x", "currency": "EUR", "time_zone": "Europe/Berlin",
          "provider": {{"name": "p"}}, "services": [{{"id": "web", "name": "Web"}}, {{"id": "db", "name": "DB"}}],
          "calendars": [{{"id": "office", "time_zone": "Europe/Berlin", "hours": "Mon-Fri 08:00-18:00"}}],
          "agreements": [{{"id": "a", "name": "A", "kind": "sla", "structure": "service_based", "service": "web",
            "targets": [{{"id": "t", "name": "T", "metric": {{"type": "availability"}}, "expected": "99.9" {calendar}}}]}}]
        }}"#
        );
        load::agreements(&text).expect("valid")
    }

    fn setup(years: u32, seed: u64) -> Setup {
        Setup {
            first_month: (2026, 1),
            years,
            seed,
            services: vec![
                (
                    "web".into(),
                    Failure {
                        mtbf: TimeSpan::from_secs(20 * 86_400),
                        mttr: TimeSpan::from_secs(3 * 3_600),
                    },
                ),
                (
                    "db".into(),
                    Failure {
                        mtbf: TimeSpan::from_secs(60 * 86_400),
                        mttr: TimeSpan::from_secs(3_600),
                    },
                ),
            ],
        }
    }

    #[test]
    fn the_mean_unavailability_is_the_models_within_three_standard_errors() {
        let run = simulate(&file(""), &setup(10_000, 1), &mut |_| true).expect("runs");
        let target = &run.targets[0];
        assert_eq!(target.periods.len(), 12);
        let model = setup(1, 1).services[0]
            .1
            .unavailability()
            .expect("valid")
            .as_f64();
        let got = target.unavailability();
        assert!(
            (got.mean - model).abs() < 3.0 * got.standard_error,
            "{} ± {} vs {model}",
            got.mean,
            got.standard_error
        );
        assert!(got.standard_error > 0.0 && got.standard_error < model / 10.0);
    }

    #[test]
    fn a_seed_gives_the_same_run_and_another_seed_another() {
        let a = simulate(&file(""), &setup(200, 7), &mut |_| true).expect("runs");
        let b = simulate(&file(""), &setup(200, 7), &mut |_| true).expect("runs");
        let c = simulate(&file(""), &setup(200, 8), &mut |_| true).expect("runs");
        assert_eq!(a, b);
        assert_ne!(a.targets[0].yearly, c.targets[0].yearly);
    }

    #[test]
    fn service_hours_count_only_the_outages_inside_them() {
        let always = simulate(&file(""), &setup(2_000, 3), &mut |_| true).expect("runs");
        let office = simulate(
            &file(r#", "calendar": "office""#),
            &setup(2_000, 3),
            &mut |_| true,
        )
        .expect("runs");
        // The same draws: an outage outside office hours costs nothing there,
        // so the unavailability is the same in expectation, but years
        // without an outage in office hours are more common.
        let perfect =
            |run: &Simulation| run.targets[0].yearly.iter().filter(|a| **a == 1.0).count();
        assert!(perfect(&office) > perfect(&always));
        let (a, o) = (
            always.targets[0].unavailability(),
            office.targets[0].unavailability(),
        );
        assert!((a.mean - o.mean).abs() < 3.0 * (a.standard_error + o.standard_error));
    }

    #[test]
    fn a_cancel_stops_the_run_where_it_is() {
        let run = simulate(&file(""), &setup(1_000, 1), &mut |done| done < 10).expect("runs");
        assert_eq!(run.years, 10);
        assert_eq!(run.targets[0].yearly.len(), 10);
    }

    #[test]
    fn bad_setups_say_what_is_wrong() {
        let mut bad = setup(10, 1);
        bad.services.retain(|(s, _)| s != "web");
        assert_eq!(
            simulate(&file(""), &bad, &mut |_| true).err(),
            Some(SetupError::Missing("web".into()))
        );
        let mut zero = setup(10, 1);
        zero.services[0].1.mttr = TimeSpan::ZERO;
        assert_eq!(
            simulate(&file(""), &zero, &mut |_| true).err(),
            Some(SetupError::Zero("web".into()))
        );
        assert_eq!(
            simulate(&file(""), &setup(0, 1), &mut |_| true).err(),
            Some(SetupError::Years)
        );
    }

    /// An SLA with every term that looks at more than one period, and a
    /// customer-based one over both services with a linear credit and a pool.
    fn credit_file() -> AgreementFile {
        let text = r#"{
          "format": "sla-agreements", "version": 1, "name": "x", "currency": "EUR", "time_zone": "Europe/Berlin",
          "provider": {"name": "p"},
          "services": [{"id": "web", "name": "Web", "monthly_charge": "1000.00"}, {"id": "db", "name": "DB", "monthly_charge": "500.00"}],
          "customers": [{"id": "c", "name": "C", "services": ["web", "db"]}],
          "calendars": [{"id": "office", "time_zone": "Europe/Berlin", "hours": "Mon-Fri 08:00-18:00"}],
          "agreements": [
            {"id": "a", "name": "A", "kind": "sla", "structure": "service_based", "service": "web",
             "targets": [{"id": "t", "name": "T", "metric": {"type": "availability"}, "expected": "99.9", "minimum": "99.5",
                          "critical": true, "calendar": "office",
                          "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99.5", "credit": "25"}]}}],
             "credits": {"period_cap": {"percent_of_charges": "30"}, "year_cap": {"amount": "1500.00"},
                         "repeat_miss": {"multiplier": "2", "after": 1}, "earn_back_periods": 2},
             "termination": [{"type": "below_minimum", "k": 2, "m": 4},
                             {"type": "credits_at_cap", "k": 2, "m": 12},
                             {"type": "rolling_average_below", "target": "t", "periods": 3, "level": "99.7"}]},
            {"id": "b", "name": "B", "kind": "sla", "structure": "customer_based", "customer": "c",
             "targets": [{"id": "all", "name": "All", "metric": {"type": "availability"}, "expected": "99.8",
                          "credit": {"type": "linear", "below": "99.8", "per": "0.1", "rate": "5", "maximum": "50"}}],
             "credits": {"year_cap": {"percent_of_charges": "10"}},
             "termination": [{"type": "below_minimum", "k": 1, "m": 1}]}
          ]
        }"#;
        load::agreements(text).expect("valid")
    }

    #[test]
    fn credits_and_rights_are_the_reports_for_the_same_draws() {
        use crate::report::{report, Request, Span};
        let file = credit_file();
        let zone = Zone::named("Europe/Berlin").expect("zone");
        let span = Span::parse("2026-01..2026-12", &zone).expect("span");
        let window = span.window(&zone).expect("window");
        let mut setup = setup(1, 0);
        setup.services[0].1 = Failure {
            mtbf: TimeSpan::from_secs(6 * 86_400),
            mttr: TimeSpan::from_secs(40 * 60),
        };
        let (mut credits, mut triggered) = (0i64, 0usize);
        for seed in 0..30 {
            setup.seed = seed;
            let run = simulate(&file, &setup, &mut |_| true).expect("runs");
            // The same draws, as a measurement file for the report.
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let mut records = Vec::new();
            let mut out = Vec::new();
            for (service, failure) in &setup.services {
                outages(&mut rng, *failure, window.start(), window.end(), &mut out);
                for &(start, end) in &out {
                    records.push(format!(
                        r#"{{"service": "{service}", "start": "{}", "end": "{}"}}"#,
                        crate::model::values::rfc3339(start),
                        crate::model::values::rfc3339(end)
                    ));
                }
            }
            let data = load::measurements(&format!(
                r#"{{"format": "sla-measurements", "version": 1, "outages": [{}]}}"#,
                records.join(",")
            ))
            .expect("valid");
            let report = report(
                &file,
                &data,
                &Request {
                    span,
                    now: window.end(),
                },
            );
            assert_eq!(run.groups.len(), report.groups.len());
            for (simulated, reported) in run.groups.iter().zip(&report.groups) {
                assert_eq!(simulated.agreement, reported.agreement);
                let net: i64 = reported.periods.iter().map(|p| p.net.minor_units()).sum();
                assert_eq!(
                    simulated.credits[0].minor_units(),
                    net,
                    "seed {seed}, {}",
                    reported.agreement
                );
                credits += net;
                assert_eq!(simulated.rights.len(), reported.termination.len());
                for (right, result) in simulated.rights.iter().zip(&reported.termination) {
                    assert_eq!(right.rule, result.rule);
                    assert_eq!(
                        right.triggered[0], result.triggered,
                        "seed {seed}: {}",
                        right.rule
                    );
                    triggered += usize::from(result.triggered);
                }
            }
            for target in &run.targets {
                let reported = report
                    .targets
                    .iter()
                    .find(|t| t.key == target.key)
                    .expect("reported");
                let missed = reported
                    .periods
                    .iter()
                    .filter(|p| matches!(p.status, Status::Missed | Status::BelowMinimum))
                    .count() as u32;
                assert_eq!(target.missed[0], missed, "seed {seed}, {}", target.key);
                let (service, down) = reported.periods.iter().fold((0i64, 0i64), |(s, d), p| {
                    (
                        s + p.facts.service_time.nanos(),
                        d + p.facts.downtime.nanos(),
                    )
                });
                assert_eq!(target.yearly[0], (service - down) as f64 / service as f64);
            }
        }
        // The draws reached the terms: credits were paid and rights triggered.
        assert!(credits > 0 && triggered > 0, "{credits} {triggered}");
    }

    #[test]
    fn a_run_reads_back_from_its_json_exactly() {
        let run = simulate(&credit_file(), &setup(300, 5), &mut |_| true).expect("runs");
        let zone = Zone::named("Europe/Berlin").expect("zone");
        let back = from_json(&to_json(&run), &zone).expect("reads");
        assert_eq!(back, run);
        assert_eq!(csv(&back), csv(&run));
        assert!(from_json(r#"{"years": 1}"#, &zone).is_err());
    }

    #[test]
    fn a_run_too_large_to_keep_is_refused_before_it_starts() {
        let target = |id: &str| {
            format!(
                r#"{{"id": "{id}", "name": "T", "metric": {{"type": "availability"}}, "expected": "99.9"}}"#
            )
        };
        let text = format!(
            r#"{{"format": "sla-agreements", "version": 1, "name": "x", "currency": "EUR", "time_zone": "UTC",
              "provider": {{"name": "p"}}, "services": [{{"id": "web", "name": "Web"}}],
              "agreements": [{{"id": "a", "name": "A", "kind": "sla", "structure": "service_based", "service": "web",
                "targets": [{}, {}, {}]}}]}}"#,
            target("t1"),
            target("t2"),
            target("t3")
        );
        let file = load::agreements(&text).expect("valid");
        let mut big = setup(700_000, 1);
        big.services.truncate(1);
        assert_eq!(
            simulate(&file, &big, &mut |_| panic!("no year is drawn")).err(),
            Some(SetupError::TooMany {
                targets: 3,
                years: 700_000,
                most: 666_666
            })
        );
        big.years = 666_666;
        assert!(simulate(&file, &big, &mut |done| done < 2).is_ok());
    }

    #[test]
    fn percentiles_are_nearest_rank() {
        let sorted = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        assert_eq!(nearest_rank(&sorted, 5), 0.1);
        assert_eq!(nearest_rank(&sorted, 50), 0.5);
        assert_eq!(nearest_rank(&sorted, 95), 1.0);
        assert_eq!(nearest_rank(&sorted, 0), 0.1);
    }
}
