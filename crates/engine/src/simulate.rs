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
//! Not yet simulated (the issue that asks for the simulator says what
//! remains): credits per year and the termination rights.

use rand_chacha::rand_core::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::compliance::{status, Status};
use crate::model::resolve::instances;
use crate::model::{load, AgreementFile, Direction, Metric, PeriodKind};
use crate::time::{Calendar, Interval, IntervalSet, ReportPeriod, UnixNanos, Zone};
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
    /// Target instances not simulated, and why: `(key, reason)`.
    pub not_simulated: Vec<(String, String)>,
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
        sorted.sort_by(f64::total_cmp);
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
}

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

    // The targets simulated, each with its service time per period.
    let mut targets = Vec::new();
    let mut kernels = Vec::new();
    let mut not_simulated = Vec::new();
    for instance in instances(file) {
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
        let windows: Vec<Interval> = periods.iter().filter_map(|p| p.window(&zone)).collect();
        kernels.push(ServiceTime::new(&calendar, &windows));
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

    let mut rng = ChaCha8Rng::seed_from_u64(setup.seed);
    let mut drawn: Vec<Vec<(UnixNanos, UnixNanos)>> = vec![Vec::new(); setup.services.len()];
    let mut done = 0;
    for _ in 0..setup.years {
        for ((_, failure), out) in setup.services.iter().zip(drawn.iter_mut()) {
            outages(&mut rng, *failure, start, end, out);
        }
        for (target, kernel) in targets.iter_mut().zip(&kernels) {
            let mut down = vec![0i64; kernel.per_period.len()];
            if let [service] = target.services.as_slice() {
                if let Some(i) = setup.services.iter().position(|(s, _)| s == service) {
                    kernel.add_downtime(&drawn[i], &mut down);
                }
            } else {
                // A combined customer-based target: its services' outages
                // count once where they overlap (as the report counts them).
                let union = IntervalSet::from_intervals(
                    target
                        .services
                        .iter()
                        .filter_map(|s| setup.services.iter().position(|(id, _)| id == s))
                        .flat_map(|i| drawn[i].iter().filter_map(|&(s, e)| Interval::new(s, e))),
                );
                let union: Vec<(UnixNanos, UnixNanos)> = union
                    .intervals()
                    .iter()
                    .map(|i| (i.start(), i.end()))
                    .collect();
                kernel.add_downtime(&union, &mut down);
            }
            let (mut service, mut lost, mut missed) = (0i64, 0i64, 0u32);
            for (p, &total) in kernel.per_period.iter().enumerate() {
                service += total;
                lost += down[p];
                if total > 0 {
                    let achieved = Ratio::new(i128::from(total - down[p]), i128::from(total));
                    if status(achieved, target.expected, None, Direction::AtLeast) != Status::Met {
                        missed += 1;
                    }
                }
            }
            target.yearly.push(if service > 0 {
                (service - lost) as f64 / service as f64
            } else {
                1.0
            });
            target.missed.push(missed);
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

    #[test]
    fn percentiles_are_nearest_rank() {
        let sorted = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
        assert_eq!(nearest_rank(&sorted, 5), 0.1);
        assert_eq!(nearest_rank(&sorted, 50), 0.5);
        assert_eq!(nearest_rank(&sorted, 95), 1.0);
        assert_eq!(nearest_rank(&sorted, 0), 0.1);
    }
}
