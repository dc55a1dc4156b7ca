//! Error budget burn-down within a period: for each availability target, the
//! downtime budget left as the period's outages are counted.
//!
//! No figure is worked out here. The engine hands over how its report counts
//! a target's downtime ([`downtime_inputs`]: outages, calendar, rules) and
//! counts the downtime of windows from the period's start to each instant an
//! outage stops counting ([`DowntimeInputs::downtime`]), so every step is the
//! engine's own number with service hours, holidays, exclusions, planned
//! outages, impact, minimum lengths and rounding applied. The budget allowed
//! is the report's typed budget, the end is the report's downtime.

use std::rc::Rc;

use crate::format::{date, DateStyle};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use sla_engine::model::{AgreementFile, MeasurementFile};

use crate::i18n::texts;
use crate::state::workbench::workspace::Measured;
use sla_engine::report::{downtime_inputs, DowntimeInputs, Report, TargetReport};
use sla_engine::time::calendar::Edge;
use sla_engine::time::{Interval, UnixNanos, Zone};

/// At most this many charts in a report view.
pub const MAX_SERIES: usize = 6;
/// At most this many points per chart (later steps are merged when there are more outages).
pub const MAX_POINTS: usize = 200;

const NANOS_PER_SECOND: f64 = 1e9;

/// The error budget left over one period of one availability target.
#[derive(Debug, Clone, PartialEq)]
pub struct BurnSeries {
    /// The target's [`TargetReport::key`].
    pub key: String,
    /// `Error budget left, Monthly uptime percentage, 2026-02`.
    pub title: String,
    /// (share of the period elapsed 0..=1, budget left in `unit`), in time
    /// order: the allowed budget at 0, a point where each outage's counted
    /// downtime ends, the report's budget left at 1. Negative once overspent.
    pub points: Vec<(f64, f64)>,
    /// Local midnights inside the period (every 7 days, or month starts for
    /// longer periods) with their text, e.g. `8 Feb`.
    pub x_labels: Vec<(f64, String)>,
    /// The unit of the points' values: `s`.
    pub unit: String,
    /// The budget allowed in the period, in seconds (the first point).
    pub allowed_seconds: f64,
}

/// What the burn-down needs besides the report: the agreements and the
/// measurements the report was computed from (with the what-if, if any). Compared by pointer and
/// token, so that a large measurement file is not compared record by record on each render.
#[derive(Debug, Clone)]
pub struct BurnSource {
    pub file: Rc<AgreementFile>,
    /// Read when the burn-down is worked out, not held as a file (see [`Measured`]).
    pub measurements: Measured,
}

impl PartialEq for BurnSource {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.file, &other.file) && self.measurements == other.measurements
    }
}

/// The error budget burn-down of each availability target of `report` (at
/// most [`MAX_SERIES`]) in its period labelled `period`. `measurements` must
/// be those the report was computed from (with the what-if, when one is
/// active: [`super::Computed::what_if_measurements`]).
pub fn burn_down(
    file: &AgreementFile,
    measurements: &MeasurementFile,
    report: &Report,
    period: &str,
) -> Vec<BurnSeries> {
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let inputs = downtime_inputs(file, measurements);
    let mut shown: Vec<(&TargetReport, &DowntimeInputs)> = report
        .targets
        .iter()
        .filter_map(|t| Some((t, inputs.iter().find(|i| i.key == t.key)?)))
        .filter(|(t, _)| {
            t.periods
                .iter()
                .any(|p| p.period.label() == period && p.budget.is_some())
        })
        .collect();
    // The targets that used the largest share of their budget come first;
    // only the first MAX_SERIES are drawn (each costs a pass of the engine
    // per outage).
    let share_used = |t: &TargetReport| -> f64 {
        t.periods
            .iter()
            .find(|p| p.period.label() == period)
            .and_then(|p| {
                let allowed = p.budget?.allowed.nanos();
                let used = p.facts.downtime.nanos() as f64;
                Some(if allowed <= 0 {
                    f64::INFINITY
                } else {
                    used / allowed as f64
                })
            })
            .unwrap_or(0.0)
    };
    sla_engine::order::sort_by(&mut shown, |a, b| {
        share_used(b.0).total_cmp(&share_used(a.0))
    });
    shown.truncate(MAX_SERIES);
    shown
        .iter()
        .filter_map(|(target, inputs)| {
            let p = target.periods.iter().find(|p| p.period.label() == period)?;
            let budget = p.budget?;
            let window = p.window;
            let allowed = i128::from(budget.allowed.nanos());
            let used = i128::from(p.facts.downtime.nanos());
            let same_name = shown.iter().filter(|(t, _)| t.name == target.name).count() > 1;
            let name = if same_name {
                texts()
                    .report()
                    .burn_target(&target.name, &qualifier(target))
            } else {
                target.name.clone()
            };
            Some(BurnSeries {
                key: target.key.clone(),
                title: texts().report().burn_title(&name, period),
                points: steps(inputs, window, allowed, used),
                x_labels: x_labels(window, &zone),
                unit: "s".into(),
                allowed_seconds: allowed as f64 / NANOS_PER_SECOND,
            })
        })
        .collect()
}

/// The budget left (seconds) from the period's start: `allowed` at 0, then
/// `allowed − downtime counted in [start, t)` at each `t` an outage's counted
/// part ends where that changed, and `allowed − used` (the report's) at 1.
fn steps(inputs: &DowntimeInputs, window: Interval, allowed: i128, used: i128) -> Vec<(f64, f64)> {
    let unit = inputs
        .rules
        .round_up_to
        .map(|u| u.nanos())
        .filter(|u| *u > 0);
    // Only records that can reach into the period (the engine drops the rest
    // as "outside the period"); a record rounded up ends before `end + unit`.
    let inputs = DowntimeInputs {
        key: inputs.key.clone(),
        calendar: inputs.calendar.clone(),
        rules: inputs.rules.clone(),
        services: inputs
            .services
            .iter()
            .map(|(service, outages)| {
                let reaching = outages.iter().filter(|o| {
                    o.start < window.end()
                        && o.end.saturating_add(unit.unwrap_or(0)) > window.start()
                });
                (service.clone(), reaching.cloned().collect())
            })
            .collect(),
        // Only the downtime is asked for: where each record is does not matter.
        indices: Vec::new(),
    };
    // Where each record's counted part ends: its end, rounded up as the rules say.
    let mut ends: Vec<UnixNanos> = inputs
        .services
        .iter()
        .flat_map(|(_, outages)| outages.iter())
        .map(|o| match unit {
            Some(u) if o.end > o.start => {
                let length = o.end - o.start;
                let rounded = (length / u + i64::from(length % u != 0)).saturating_mul(u);
                o.start.saturating_add(rounded).max(o.end)
            }
            _ => o.end,
        })
        .filter(|t| *t > window.start() && *t < window.end())
        .collect();
    ends.sort_unstable();
    ends.dedup();
    // Room for the first and the last point; with more outages, sample evenly
    // (each point is still the exact downtime up to its instant).
    let room = MAX_POINTS - 2;
    if ends.len() > room {
        let count = ends.len();
        ends = (1..=room).map(|i| ends[i * count / room - 1]).collect();
    }
    let length = (window.end() - window.start()) as f64;
    let seconds = |nanos: i128| nanos as f64 / NANOS_PER_SECOND;
    let mut points = vec![(0.0, seconds(allowed))];
    let mut counted = 0i128;
    for t in ends {
        let Some(prefix) = Interval::new(window.start(), t) else {
            continue;
        };
        let down = i128::from(inputs.downtime(prefix).nanos());
        if down != counted {
            counted = down;
            let at = (t - window.start()) as f64 / length;
            points.push((at, seconds(allowed - down)));
        }
    }
    points.push((1.0, seconds(allowed - used)));
    points
}

/// What tells apart instances of one target: the customer and the services.
fn qualifier(target: &TargetReport) -> String {
    let mut parts: Vec<String> = target.customer.iter().cloned().collect();
    parts.push(target.services.join(" + "));
    parts.join(", ")
}

/// Local midnights in `window`: every 7 days from its first day when it is
/// at most about two months long (`8 Feb`), else each month start (`Mar`,
/// `Jan 2027` at a year's start), every third month over a year and a half.
fn x_labels(window: Interval, zone: &Zone) -> Vec<(f64, String)> {
    let (Some(first), Some(last)) = (
        zone.local_date(window.start()),
        zone.local_date(window.end() - 1),
    ) else {
        return Vec::new();
    };
    let days = (last - first).num_days() + 1;
    let mut dates: Vec<(NaiveDate, String)> = Vec::new();
    if days <= 62 {
        let mut day = Some(first);
        while let Some(d) = day.filter(|d| *d <= last) {
            dates.push((d, date(d.and_time(NaiveTime::MIN), DateStyle::DayMonth)));
            day = d.checked_add_days(Days::new(7));
        }
    } else {
        let step = if days > 550 { 3 } else { 1 };
        let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1);
        if month.is_some_and(|m| m < first) {
            month = month.and_then(|m| m.checked_add_months(Months::new(1)));
        }
        while let Some(m) = month.filter(|m| *m <= last) {
            let style = if m.month() == 1 {
                DateStyle::MonthYear
            } else {
                DateStyle::Month
            };
            let text = date(m.and_time(NaiveTime::MIN), style);
            dates.push((m, text));
            month = m.checked_add_months(Months::new(step));
        }
    }
    let length = (window.end() - window.start()) as f64;
    dates
        .into_iter()
        .filter_map(|(date, text)| {
            let at = zone.to_utc(date.and_hms_opt(0, 0, 0)?, Edge::Start)?;
            let fraction = (at - window.start()) as f64 / length;
            (0.0..=1.0).contains(&fraction).then_some((fraction, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::workbench::compute;
    use crate::pages::workbench::results::WhatIf;
    use crate::templates::{self, TEMPLATES};

    fn report_of(id: &str) -> (Rc<AgreementFile>, Rc<MeasurementFile>, Rc<Report>, String) {
        let w = templates::workspace(id, "2026-02");
        let c = compute(
            &w.agreements,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        let report = c.report.unwrap_or_else(|| panic!("{id}: {:?}", c.blocked));
        let file = c.file.unwrap_or_else(|| panic!("{id}: no file"));
        (file, w.measurements.clone(), report, w.span.clone())
    }

    /// The budget left of `key` in `period` as the report writes it, in seconds.
    fn engine_left(report: &Report, key: &str, period: &str) -> f64 {
        let p = report
            .targets
            .iter()
            .find(|t| t.key == key)
            .and_then(|t| t.periods.iter().find(|p| p.period.label() == period))
            .unwrap_or_else(|| panic!("{key} {period}"));
        let budget = p.budget.unwrap_or_else(|| panic!("no budget"));
        let left = i128::from(budget.left_nanos);
        let allowed = i128::from(budget.allowed.nanos());
        // The budget agrees with the report's downtime figure.
        assert_eq!(left, allowed - i128::from(p.facts.downtime.nanos()));
        left as f64 / NANOS_PER_SECOND
    }

    fn assert_burns_down(series: &BurnSeries, report: &Report, period: &str) {
        let points = &series.points;
        assert!(points.len() >= 2 && points.len() <= MAX_POINTS);
        assert_eq!(points[0], (0.0, series.allowed_seconds), "{}", series.key);
        let last = points[points.len() - 1];
        assert_eq!(last.0, 1.0);
        assert_eq!(last.1, engine_left(report, &series.key, period));
        for pair in points.windows(2) {
            assert!(pair[1].0 >= pair[0].0, "{} time order {pair:?}", series.key);
            assert!(
                pair[1].1 <= pair[0].1,
                "{} budget grew {pair:?}",
                series.key
            );
        }
        assert!(series.x_labels.iter().all(|(x, _)| (0.0..=1.0).contains(x)));
    }

    #[test]
    fn cloud_sla_burns_down_from_the_allowed_budget_to_the_engines_left() {
        let (file, measurements, report, period) = report_of("cloud-sla");
        let series = burn_down(&file, &measurements, &report, &period);
        assert_eq!(series.len(), 1);
        let s = &series[0];
        assert_eq!(s.key, "compute-sla/monthly-uptime");
        assert_eq!(
            s.title,
            "Error budget left, Monthly uptime percentage, 2026-02"
        );
        assert_eq!(s.unit, "s");
        // 99.99 % of 28 days: 0.01 % of 2,419,200 s.
        assert_eq!(s.allowed_seconds, 241.92);
        assert_burns_down(s, &report, &period);
        assert!(s.points.len() > 2, "the month has outages: {:?}", s.points);
        // Every outage ends inside February: the last step already reaches the report's figure.
        assert_eq!(
            s.points[s.points.len() - 2].1,
            s.points[s.points.len() - 1].1
        );
        assert_eq!(s.x_labels[0], (0.0, "1 Feb".to_string()));
        assert_eq!(s.x_labels.len(), 4);

        // Each step is the engine's count up to that instant: the whole
        // period through the same inputs is the report's downtime.
        let inputs = downtime_inputs(&file, &measurements);
        let p = &report.targets[0].periods[0];
        assert_eq!(inputs[0].downtime(p.window), p.facts.downtime);
    }

    #[test]
    fn every_template_burns_down_monotonically_to_the_engines_figure() {
        let mut charts = 0;
        for template in TEMPLATES {
            let (file, measurements, report, _) = report_of(template.id);
            let periods: std::collections::BTreeSet<String> = report
                .targets
                .iter()
                .flat_map(|t| t.periods.iter().map(|p| p.period.label()))
                .collect();
            for period in &periods {
                for series in burn_down(&file, &measurements, &report, period) {
                    assert_burns_down(&series, &report, period);
                    charts += 1;
                }
            }
        }
        assert!(charts > 1, "{charts}");
    }

    #[test]
    fn a_target_without_outages_is_a_flat_line() {
        let (file, _, report, period) = report_of("cloud-sla");
        let none = MeasurementFile::default();
        let w = templates::workspace("cloud-sla", "2026-02");
        let c = compute(&w.agreements, &none, &w.span, &WhatIf::default(), i64::MAX);
        let quiet = c.report.unwrap_or_else(|| panic!("{:?}", c.blocked));
        let series = burn_down(&file, &none, &quiet, &period);
        assert_eq!(series.len(), 1);
        let allowed = series[0].allowed_seconds;
        assert_eq!(series[0].points, vec![(0.0, allowed), (1.0, allowed)]);
        assert_eq!(engine_left(&quiet, &series[0].key, &period), allowed);
        // Not a period of the report: nothing to draw.
        assert!(burn_down(&file, &none, &report, "2025-01").is_empty());
    }

    #[test]
    fn the_what_if_outage_is_a_step_of_its_own() {
        let (file, measurements, _, period) = report_of("cloud-sla");
        let w = templates::workspace("cloud-sla", "2026-02");
        let what_if = WhatIf {
            service: "compute".into(),
            minutes: 30,
            ..WhatIf::default()
        };
        let c = compute(&w.agreements, &w.measurements, &w.span, &what_if, i64::MAX);
        let report = c.report.unwrap_or_else(|| panic!("{:?}", c.blocked));
        let measured = c
            .what_if_measurements
            .unwrap_or_else(|| panic!("the what-if is active"));
        assert_eq!(measured.outages.len(), measurements.outages.len() + 1);
        let series = burn_down(&file, &measured, &report, &period);
        assert_burns_down(&series[0], &report, &period);
        assert!(series[0].points.last().is_some_and(|p| p.1 < 0.0));
        let plain = compute(
            &w.agreements,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        assert!(plain.what_if_measurements.is_none());
    }
}
