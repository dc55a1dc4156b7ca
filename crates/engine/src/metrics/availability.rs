//! Availability from outage records: the share of agreed service time that
//! the service was available.
//!
//! The rules, in the order they are applied:
//! 1. Planned outages are excluded unless the agreement counts them.
//! 2. A record shorter than the minimum outage length is excluded.
//! 3. A record's length may be rounded up to a whole unit (e.g. whole minutes).
//! 4. Overlapping records are merged: at each instant the largest impact of the
//!    records open at that instant counts, never the sum (union, not addition).
//! 5. Only downtime inside service time counts (service hours minus holidays
//!    and exclusions, clipped to the period).
//! 6. With a minimum downtime period (cloud style, "5 or more consecutive
//!    minutes"), only unavailability spans at least that long, after steps 4
//!    and 5, count.
//!
//! `availability = (service time − Σ length × impact) ÷ service time`, exact.

use std::collections::BTreeMap;

use crate::time::{Calendar, Interval, IntervalSet, UnixNanos};
use crate::units::PPB_PER_WHOLE;
use crate::{Explanation, Percent, Ratio, TimeSpan};

/// One outage record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outage {
    pub start: UnixNanos,
    pub end: UnixNanos,
    /// The share of the service lost: 100 % for a full outage, 30 % for a partial one.
    pub impact: Percent,
    pub planned: bool,
    pub supplier: Option<String>,
}

/// The conventions a contract states about what counts as downtime.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DowntimeRules {
    /// Count planned outages as downtime (default: no, they are excluded).
    pub count_planned: bool,
    /// Records shorter than this are ignored.
    pub minimum_outage: TimeSpan,
    /// Each record's length is rounded up to a multiple of this (e.g. 60 s).
    pub round_up_to: Option<TimeSpan>,
    /// Only spans of unavailability at least this long count (e.g. 5 min).
    pub minimum_downtime_period: Option<TimeSpan>,
}

/// A record that did not count, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excluded {
    /// Index of the record in the input.
    pub record: usize,
    pub reason: String,
}

/// Availability over one period, with its inputs and intermediate values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AvailabilityResult {
    pub service_time: TimeSpan,
    /// Downtime inside service time, impact-weighted, rounded to the nearest ns.
    pub downtime: TimeSpan,
    /// `None` when there is no service time in the period (no data).
    pub achieved: Option<Ratio>,
    /// Separate spans of unavailability inside service time.
    pub outage_count: usize,
    /// Mean length of those spans.
    pub mttr: Option<TimeSpan>,
    /// Mean available service time between them: (service time − downtime) ÷ count.
    pub mtbf: Option<TimeSpan>,
    pub excluded: Vec<Excluded>,
    pub explanation: Explanation,
}

/// Availability of `outages` over `window` on `calendar`, under `rules`.
pub fn availability(
    outages: &[Outage],
    calendar: &Calendar,
    window: Interval,
    rules: &DowntimeRules,
) -> AvailabilityResult {
    let service = calendar.service_time(window);
    let mut excluded = Vec::new();
    let mut counted: Vec<(Interval, u64)> = Vec::with_capacity(outages.len());
    for (record, outage) in outages.iter().enumerate() {
        let Some(mut interval) = Interval::new(outage.start, outage.end) else {
            excluded.push(Excluded {
                record,
                reason: "ends before it starts".into(),
            });
            continue;
        };
        if outage.planned && !rules.count_planned {
            excluded.push(Excluded {
                record,
                reason: "planned outage (excluded by the agreement)".into(),
            });
            continue;
        }
        if interval.length() < rules.minimum_outage {
            excluded.push(Excluded {
                record,
                reason: format!(
                    "shorter than the minimum outage length of {}",
                    rules.minimum_outage.human()
                ),
            });
            continue;
        }
        if let Some(unit) = rules.round_up_to.filter(|u| u.nanos() > 0) {
            let length = interval.end() - interval.start();
            let rounded = (length + unit.nanos() - 1) / unit.nanos() * unit.nanos();
            interval = Interval::new(interval.start(), interval.start().saturating_add(rounded))
                .unwrap_or(interval);
        }
        if outage.impact == Percent::ZERO {
            excluded.push(Excluded {
                record,
                reason: "impact of 0 %".into(),
            });
            continue;
        }
        if interval.intersection(window).is_none() {
            excluded.push(Excluded {
                record,
                reason: "outside the period".into(),
            });
            continue;
        }
        counted.push((interval, outage.impact.ppb()));
    }

    let segments = max_impact_segments(&counted);
    let unavailable =
        IntervalSet::from_intervals(segments.iter().map(|(i, _)| *i)).intersection(&service);
    let unavailable = match rules.minimum_downtime_period {
        Some(minimum) => IntervalSet::from_intervals(
            unavailable
                .intervals()
                .iter()
                .copied()
                .filter(|span| span.length() >= minimum),
        ),
        None => unavailable,
    };
    // Σ length × impact over the segments inside the counted spans.
    let mut weighted: i128 = 0;
    let spans = unavailable.intervals();
    let mut j = 0;
    for (segment, impact) in &segments {
        while j < spans.len() && spans[j].end() <= segment.start() {
            j += 1;
        }
        let mut k = j;
        while k < spans.len() && spans[k].start() < segment.end() {
            if let Some(overlap) = segment.intersection(spans[k]) {
                weighted += i128::from(overlap.end() - overlap.start()) * i128::from(*impact);
            }
            k += 1;
        }
    }
    let whole = i128::from(PPB_PER_WHOLE);
    let service_nanos = i128::from(service.length().nanos());
    let downtime =
        TimeSpan::from_nanos(i64::try_from((weighted + whole / 2) / whole).unwrap_or(i64::MAX))
            .unwrap_or_default();
    let achieved = Ratio::new(service_nanos * whole - weighted, service_nanos * whole);
    let count = spans.len();
    let mttr = (count > 0).then(|| {
        TimeSpan::from_nanos(unavailable.length().nanos() / count as i64).unwrap_or_default()
    });
    let mtbf = (count > 0).then(|| {
        TimeSpan::from_nanos((service.length().nanos() - downtime.nanos()).max(0) / count as i64)
            .unwrap_or_default()
    });
    let explanation = Explanation {
        formula: "availability = (service time − Σ outage length × impact) ÷ service time".into(),
        substituted: match achieved {
            Some(ratio) => format!(
                "({} s − {} s) ÷ {} s = {}%",
                service.length().exact_seconds(),
                downtime.exact_seconds(),
                service.length().exact_seconds(),
                ratio.to_percent_string(4)
            ),
            None => "no service time in the period: no data".into(),
        },
        convention: describe(rules, counted.len(), excluded.len()),
    };
    AvailabilityResult {
        service_time: service.length(),
        downtime,
        achieved,
        outage_count: count,
        mttr,
        mtbf,
        excluded,
        explanation,
    }
}

fn describe(rules: &DowntimeRules, counted: usize, excluded: usize) -> String {
    let mut parts = vec![
        "overlapping records merged (the largest impact at each instant counts once)".to_string(),
        "only downtime inside service time counts".to_string(),
        if rules.count_planned {
            "planned outages count".into()
        } else {
            "planned outages excluded".into()
        },
    ];
    if rules.minimum_outage > TimeSpan::ZERO {
        parts.push(format!(
            "records shorter than {} ignored",
            rules.minimum_outage.human()
        ));
    }
    if let Some(unit) = rules.round_up_to {
        parts.push(format!(
            "each record rounded up to a multiple of {}",
            unit.human()
        ));
    }
    if let Some(minimum) = rules.minimum_downtime_period {
        parts.push(format!("only spans of {} or more count", minimum.human()));
    }
    parts.push(format!(
        "{counted} record(s) used, {excluded} excluded; percentage rounded down"
    ));
    parts.join("; ")
}

/// Splits overlapping weighted intervals into disjoint segments carrying the
/// largest weight open over each (a sweep over start and end events).
pub fn max_impact_segments(records: &[(Interval, u64)]) -> Vec<(Interval, u64)> {
    let mut events: Vec<(UnixNanos, bool, u64)> = Vec::with_capacity(records.len() * 2);
    for (interval, impact) in records {
        if !interval.is_empty() {
            events.push((interval.start(), true, *impact));
            events.push((interval.end(), false, *impact));
        }
    }
    events.sort_unstable_by_key(|(t, _, _)| *t);
    let mut open: BTreeMap<u64, usize> = BTreeMap::new();
    let mut out: Vec<(Interval, u64)> = Vec::new();
    let mut i = 0;
    let mut previous: Option<UnixNanos> = None;
    while i < events.len() {
        let t = events[i].0;
        if let (Some(from), Some((&top, _))) = (previous, open.iter().next_back()) {
            if let Some(segment) = Interval::new(from, t).filter(|s| !s.is_empty()) {
                match out.last_mut() {
                    Some((last, weight)) if *weight == top && last.end() == from => {
                        *last = Interval::new(last.start(), t).unwrap_or(*last);
                    }
                    _ => out.push((segment, top)),
                }
            }
        }
        while i < events.len() && events[i].0 == t {
            let (_, is_start, impact) = events[i];
            if is_start {
                *open.entry(impact).or_insert(0) += 1;
            } else if let Some(n) = open.get_mut(&impact) {
                *n -= 1;
                if *n == 0 {
                    open.remove(&impact);
                }
            }
            i += 1;
        }
        previous = Some(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MIN: i64 = 60_000_000_000;
    const FULL: &str = "100";

    fn outage(start_min: i64, end_min: i64, impact: &str) -> Outage {
        Outage {
            start: start_min * MIN,
            end: end_min * MIN,
            impact: Percent::parse(impact).expect("valid"),
            planned: false,
            supplier: None,
        }
    }

    /// A 30-day window in UTC starting at the epoch, 24x7: 43,200 minutes.
    fn month() -> Interval {
        Interval::new(0, 43_200 * MIN).expect("ordered")
    }

    #[test]
    fn overlapping_outages_are_counted_once() {
        // [10, 40) ∪ [30, 70) = 60 min out of 43,200 → 43,140 / 43,200 = 99.8611…%
        let r = availability(
            &[outage(10, 40, FULL), outage(30, 70, FULL)],
            &Calendar::always(),
            month(),
            &DowntimeRules::default(),
        );
        assert_eq!(r.downtime.nanos(), 60 * MIN);
        assert_eq!(r.outage_count, 1);
        assert_eq!(
            r.achieved.map(|a| a.to_percent_string(4)),
            Some("99.8611".into())
        );
    }

    #[test]
    fn touching_outages_are_one_span() {
        let r = availability(
            &[outage(10, 20, FULL), outage(20, 30, FULL)],
            &Calendar::always(),
            month(),
            &DowntimeRules::default(),
        );
        assert_eq!(r.outage_count, 1);
        assert_eq!(r.mttr.map(|t| t.nanos()), Some(20 * MIN));
    }

    #[test]
    fn partial_impact_is_weighted_and_the_larger_impact_wins_an_overlap() {
        // [0, 60) at 50 % and [30, 90) at 100 %: 30 × 0.5 + 60 × 1 = 75 min
        let r = availability(
            &[outage(0, 60, "50"), outage(30, 90, FULL)],
            &Calendar::always(),
            month(),
            &DowntimeRules::default(),
        );
        assert_eq!(r.downtime.nanos(), 75 * MIN);
    }

    #[test]
    fn outages_across_the_period_boundary_count_only_inside() {
        // [-30, 30): 30 min inside; [43,190, 43,260): 10 min inside
        let r = availability(
            &[outage(-30, 30, FULL), outage(43_190, 43_260, FULL)],
            &Calendar::always(),
            month(),
            &DowntimeRules::default(),
        );
        assert_eq!(r.downtime.nanos(), 40 * MIN);
    }

    #[test]
    fn planned_and_short_records_are_excluded_with_a_reason() {
        let mut planned = outage(100, 200, FULL);
        planned.planned = true;
        let rules = DowntimeRules {
            minimum_outage: TimeSpan::from_secs(120),
            ..DowntimeRules::default()
        };
        let r = availability(
            &[planned, outage(300, 301, FULL), outage(400, 410, FULL)],
            &Calendar::always(),
            month(),
            &rules,
        );
        assert_eq!(r.downtime.nanos(), 10 * MIN);
        assert_eq!(r.excluded.len(), 2);
        assert!(r.excluded[0].reason.contains("planned"));
        assert!(r.excluded[1].reason.contains("shorter"));
    }

    #[test]
    fn whole_minute_rounding_rounds_each_record_up() {
        let mut o = outage(0, 0, FULL);
        o.end = 61_000_000_000; // 61 s → 2 min
        let rules = DowntimeRules {
            round_up_to: Some(TimeSpan::from_secs(60)),
            ..DowntimeRules::default()
        };
        assert_eq!(
            availability(&[o], &Calendar::always(), month(), &rules)
                .downtime
                .nanos(),
            2 * MIN
        );
    }

    #[test]
    fn cloud_style_downtime_periods_ignore_short_blips() {
        // 4-minute blip ignored, 5-minute outage counts (5 or more consecutive minutes)
        let rules = DowntimeRules {
            minimum_downtime_period: Some(TimeSpan::from_secs(300)),
            ..DowntimeRules::default()
        };
        let r = availability(
            &[outage(0, 4, FULL), outage(10, 15, FULL)],
            &Calendar::always(),
            month(),
            &rules,
        );
        assert_eq!(r.downtime.nanos(), 5 * MIN);
        assert_eq!(r.outage_count, 1);
    }

    #[test]
    fn no_service_time_is_no_data() {
        let mut cal = Calendar::always();
        cal.hours = crate::service_hours::WeeklyHours::none();
        let r = availability(
            &[outage(0, 10, FULL)],
            &cal,
            month(),
            &DowntimeRules::default(),
        );
        assert_eq!(r.achieved, None);
    }

    fn any_outages() -> impl Strategy<Value = Vec<Outage>> {
        proptest::collection::vec(
            (
                -100i64..43_300,
                0i64..500,
                0u64..=1_000_000_000,
                any::<bool>(),
            ),
            0..40,
        )
        .prop_map(|v| {
            v.into_iter()
                .map(|(s, l, ppb, planned)| Outage {
                    start: s * MIN,
                    end: (s + l) * MIN,
                    impact: Percent::from_ppb(ppb).expect("in range"),
                    planned,
                    supplier: None,
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn availability_stays_within_zero_and_hundred(outages in any_outages()) {
            let r = availability(&outages, &Calendar::always(), month(), &DowntimeRules::default());
            let a = r.achieved.expect("24x7 has service time");
            prop_assert!(a <= Ratio::new(1, 1).expect("one"));
            prop_assert!(r.downtime <= r.service_time);
        }

        #[test]
        fn record_order_does_not_matter(mut outages in any_outages()) {
            let a = availability(&outages, &Calendar::always(), month(), &DowntimeRules::default());
            outages.reverse();
            let b = availability(&outages, &Calendar::always(), month(), &DowntimeRules::default());
            prop_assert_eq!(a.downtime, b.downtime);
            prop_assert_eq!(a.achieved, b.achieved);
        }

        #[test]
        fn a_duplicated_record_changes_nothing(outages in any_outages()) {
            let a = availability(&outages, &Calendar::always(), month(), &DowntimeRules::default());
            let doubled: Vec<Outage> = outages.iter().chain(outages.iter()).cloned().collect();
            let b = availability(&doubled, &Calendar::always(), month(), &DowntimeRules::default());
            prop_assert_eq!(a.downtime, b.downtime);
        }

        #[test]
        fn more_outages_never_raise_availability(outages in any_outages(), extra in any_outages()) {
            let a = availability(&outages, &Calendar::always(), month(), &DowntimeRules::default());
            let more: Vec<Outage> = outages.iter().chain(extra.iter()).cloned().collect();
            let b = availability(&more, &Calendar::always(), month(), &DowntimeRules::default());
            prop_assert!(b.achieved <= a.achieved);
        }
    }
}
