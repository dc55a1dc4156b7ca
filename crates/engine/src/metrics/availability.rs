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
        let interval = match screen(outage, rules) {
            Ok(interval) => interval,
            Err(reason) => {
                excluded.push(Excluded { record, reason });
                continue;
            }
        };
        if interval.intersection(window).is_none() {
            excluded.push(Excluded {
                record,
                reason: "outside the period".into(),
            });
            continue;
        }
        counted.push((interval, outage.impact.ppb()));
    }
    let (used, left_out) = (counted.len(), excluded.len());
    measure(
        &mut counted,
        &service,
        rules,
        excluded,
        used,
        left_out,
        true,
    )
}

/// The interval a record counts over (rounded up if the rules say so), or
/// why it never counts, whatever the period: rules 1 to 3 and a zero impact.
fn screen(outage: &Outage, rules: &DowntimeRules) -> Result<Interval, String> {
    let Some(mut interval) = Interval::new(outage.start, outage.end) else {
        return Err("ends before it starts".into());
    };
    if outage.planned && !rules.count_planned {
        return Err("planned outage (excluded by the agreement)".into());
    }
    if interval.length() < rules.minimum_outage {
        return Err(format!(
            "shorter than the minimum outage length of {}",
            rules.minimum_outage.human()
        ));
    }
    if let Some(unit) = rules.round_up_to.filter(|u| u.nanos() > 0) {
        let length = interval.end() - interval.start();
        let rounded = (length + unit.nanos() - 1) / unit.nanos() * unit.nanos();
        interval = Interval::new(interval.start(), interval.start().saturating_add(rounded))
            .unwrap_or(interval);
    }
    if outage.impact == Percent::ZERO {
        return Err("impact of 0 %".into());
    }
    Ok(interval)
}

/// One service's outage records screened once under one set of rules, for
/// availability over many windows (a report's periods): the records that
/// never count with their reasons, and the others sorted by start, so that
/// a window finds its records by binary search instead of looking at all.
/// [`Screened::availability`] gives the figures [`availability`] gives for
/// the same records, calendar and rules, except that its `excluded` leaves
/// out the records outside the window (their number is in the explanation
/// all the same).
#[derive(Debug, Clone)]
pub struct Screened {
    /// Records excluded in every window, in record order.
    never: Vec<Excluded>,
    /// The other records' intervals (rounded) and impacts, sorted by start.
    candidates: Vec<(Interval, u64)>,
    /// The longest of the candidates' intervals, in nanoseconds.
    longest: i64,
    records: usize,
}

impl Screened {
    /// `outages` screened under `rules`.
    pub fn new(outages: &[Outage], rules: &DowntimeRules) -> Screened {
        Screened::of(outages.iter(), rules)
    }

    /// [`Screened::new`] over records given one by one (a report takes a
    /// service's records from all of its records, without copying them).
    pub(crate) fn of<'a>(
        outages: impl ExactSizeIterator<Item = &'a Outage>,
        rules: &DowntimeRules,
    ) -> Screened {
        let mut never = Vec::new();
        let mut candidates = Vec::with_capacity(outages.len());
        let mut records = 0;
        for (record, outage) in outages.enumerate() {
            records += 1;
            match screen(outage, rules) {
                Ok(interval) => candidates.push((interval, outage.impact.ppb())),
                Err(reason) => never.push(Excluded { record, reason }),
            }
        }
        candidates.sort_unstable_by_key(|(interval, _)| interval.start());
        let longest = candidates
            .iter()
            .map(|(i, _)| i.end().saturating_sub(i.start()))
            .max()
            .unwrap_or(0);
        Screened {
            never,
            candidates,
            longest,
            records,
        }
    }

    /// Availability over `window`, whose service time is `service`
    /// (`calendar.service_time(window)`), under the rules the records were
    /// screened with. Without `explain`, the explanation is left empty and
    /// no reason is listed (for periods whose text nobody reads).
    pub fn availability(
        &self,
        service: &IntervalSet,
        window: Interval,
        rules: &DowntimeRules,
        explain: bool,
    ) -> AvailabilityResult {
        // A candidate overlapping the window starts before its end and at
        // most `longest` before its start.
        let from = window.start().saturating_sub(self.longest);
        let lo = self.candidates.partition_point(|(i, _)| i.start() < from);
        let hi = self
            .candidates
            .partition_point(|(i, _)| i.start() < window.end());
        let mut counted: Vec<(Interval, u64)> = self.candidates[lo..hi.max(lo)]
            .iter()
            .filter(|(i, _)| i.intersection(window).is_some())
            .copied()
            .collect();
        let used = counted.len();
        let excluded = if explain {
            self.never.clone()
        } else {
            Vec::new()
        };
        measure(
            &mut counted,
            service,
            rules,
            excluded,
            used,
            self.records - used,
            explain,
        )
    }
}

/// Rules 4 to 6 and the figures, from the records that count (`counted`:
/// intervals overlapping the window, with impacts in ppb; reordered here).
fn measure(
    counted: &mut [(Interval, u64)],
    service: &IntervalSet,
    rules: &DowntimeRules,
    excluded: Vec<Excluded>,
    used: usize,
    left_out: usize,
    explain: bool,
) -> AvailabilityResult {
    let (unavailable, weighted) = weighted_downtime(counted, service, rules);
    let whole = i128::from(PPB_PER_WHOLE);
    let service_nanos = i128::from(service.length().nanos());
    let downtime =
        TimeSpan::from_nanos(i64::try_from((weighted + whole / 2) / whole).unwrap_or(i64::MAX))
            .unwrap_or_default();
    let achieved = Ratio::new(service_nanos * whole - weighted, service_nanos * whole);
    let count = unavailable.intervals().len();
    let mttr = (count > 0).then(|| {
        TimeSpan::from_nanos(unavailable.length().nanos() / count as i64).unwrap_or_default()
    });
    let mtbf = (count > 0).then(|| {
        TimeSpan::from_nanos((service.length().nanos() - downtime.nanos()).max(0) / count as i64)
            .unwrap_or_default()
    });
    let explanation = if explain {
        Explanation {
            formula: "availability = (service time − Σ outage length × impact) ÷ service time"
                .into(),
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
            convention: describe(rules, used, left_out),
        }
    } else {
        Explanation {
            formula: String::new(),
            substituted: String::new(),
            convention: String::new(),
        }
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

/// More distinct impacts than this and the downtime is summed over the
/// segments of [`max_impact_segments`] instead of impact by impact.
const MAX_LAYERS: usize = 8;

/// The counted unavailability inside service time (rules 4 to 6) and
/// `Σ length × impact` over it, in nanoseconds × ppb.
///
/// The largest impact open at an instant is the sum, over the distinct
/// impacts `w₁ < w₂ < …` at most that large, of `wₖ − wₖ₋₁`. So the sum of
/// length × largest impact is `Σₖ (wₖ − wₖ₋₁) × |Uₖ ∩ counted spans|`,
/// where `Uₖ` is the union of the records with an impact of at least `wₖ`:
/// one sort by start and one linear merge per distinct impact (records
/// usually have one or two: full and partial), exactly the integer the
/// segment sweep gives.
fn weighted_downtime(
    counted: &mut [(Interval, u64)],
    service: &IntervalSet,
    rules: &DowntimeRules,
) -> (IntervalSet, i128) {
    let mut levels: Vec<u64> = Vec::new();
    for (_, impact) in counted.iter() {
        if !levels.contains(impact) {
            levels.push(*impact);
            if levels.len() > MAX_LAYERS {
                break;
            }
        }
    }
    if levels.len() > MAX_LAYERS {
        return weighted_by_segments(counted, service, rules);
    }
    weighted_by_layers(counted, service, rules, levels)
}

/// [`weighted_downtime`] impact by impact (`levels`: the distinct impacts).
fn weighted_by_layers(
    counted: &mut [(Interval, u64)],
    service: &IntervalSet,
    rules: &DowntimeRules,
    mut levels: Vec<u64>,
) -> (IntervalSet, i128) {
    levels.sort_unstable();
    counted.sort_unstable_by_key(|(interval, _)| interval.start());
    let all = IntervalSet::from_sorted(counted.iter().map(|(i, _)| *i));
    let unavailable = counted_spans(all.intersection(service), rules);
    let mut weighted: i128 = 0;
    let mut below = 0u64;
    for (n, &level) in levels.iter().enumerate() {
        let layer_length = if n == 0 {
            // Every record has at least the smallest impact.
            unavailable.length().nanos()
        } else {
            let layer = IntervalSet::from_sorted(
                counted
                    .iter()
                    .filter(|(_, impact)| *impact >= level)
                    .map(|(i, _)| *i),
            );
            layer.intersection_length(&unavailable)
        };
        weighted += i128::from(layer_length) * i128::from(level - below);
        below = level;
    }
    (unavailable, weighted)
}

/// Rule 6: with a minimum downtime period, only the spans at least that long.
fn counted_spans(unavailable: IntervalSet, rules: &DowntimeRules) -> IntervalSet {
    match rules.minimum_downtime_period {
        Some(minimum) => IntervalSet::from_intervals(
            unavailable
                .intervals()
                .iter()
                .copied()
                .filter(|span| span.length() >= minimum),
        ),
        None => unavailable,
    }
}

/// [`weighted_downtime`] over the segments of [`max_impact_segments`], for
/// records with many distinct impacts.
fn weighted_by_segments(
    counted: &[(Interval, u64)],
    service: &IntervalSet,
    rules: &DowntimeRules,
) -> (IntervalSet, i128) {
    let segments = max_impact_segments(counted);
    let unavailable = counted_spans(
        IntervalSet::from_intervals(segments.iter().map(|(i, _)| *i)).intersection(service),
        rules,
    );
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
    (unavailable, weighted)
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

    fn berlin_office() -> Calendar {
        Calendar {
            time_zone: crate::time::Zone::named("Europe/Berlin").expect("a known zone"),
            hours: crate::service_hours::WeeklyHours::parse("Mon-Fri 08:00-18:00")
                .expect("valid hours"),
            holidays: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    fn any_rules() -> impl Strategy<Value = DowntimeRules> {
        (any::<bool>(), 0i64..3, 0i64..3, 0i64..10).prop_map(|(planned, min, round, period)| {
            DowntimeRules {
                count_planned: planned,
                minimum_outage: TimeSpan::from_secs(min * 60),
                round_up_to: (round > 0).then(|| TimeSpan::from_secs(round * 60)),
                minimum_downtime_period: (period > 0).then(|| TimeSpan::from_secs(period * 60)),
            }
        })
    }

    /// Outages with up to twelve distinct impacts (more than `MAX_LAYERS`).
    fn many_impacts() -> impl Strategy<Value = Vec<Outage>> {
        proptest::collection::vec((-100i64..43_300, 0i64..500, 0u64..12, any::<bool>()), 0..60)
            .prop_map(|v| {
                v.into_iter()
                    .map(|(s, l, level, planned)| Outage {
                        start: s * MIN,
                        end: (s + l) * MIN,
                        impact: Percent::from_ppb(level * 80_000_000).expect("in range"),
                        planned,
                        supplier: None,
                    })
                    .collect()
            })
    }

    proptest! {
        #[test]
        fn impact_layers_sum_what_the_segment_sweep_sums(outages in many_impacts(), rules in any_rules(), office in any::<bool>()) {
            let calendar = if office { berlin_office() } else { Calendar::always() };
            let service = calendar.service_time(month());
            let mut counted: Vec<(Interval, u64)> = outages
                .iter()
                .filter(|o| o.impact != Percent::ZERO)
                .filter_map(|o| Some((Interval::new(o.start, o.end)?.intersection(month())?, o.impact.ppb())))
                .collect();
            let swept = weighted_by_segments(&counted, &service, &rules);
            let mut levels: Vec<u64> = counted.iter().map(|(_, w)| *w).collect();
            levels.sort_unstable();
            levels.dedup();
            let layered = weighted_by_layers(&mut counted, &service, &rules, levels);
            prop_assert_eq!(layered, swept);
        }

        #[test]
        fn screened_records_give_the_figures_of_availability(outages in many_impacts(), rules in any_rules(), office in any::<bool>(), from in 0i64..40_000, days in 1i64..20) {
            let calendar = if office { berlin_office() } else { Calendar::always() };
            let window = Interval::new(from * MIN, (from + days * 1_440) * MIN).expect("ordered");
            let direct = availability(&outages, &calendar, window, &rules);
            let screened = Screened::new(&outages, &rules)
                .availability(&calendar.service_time(window), window, &rules, true);
            let inside: Vec<Excluded> = direct
                .excluded
                .iter()
                .filter(|e| e.reason != "outside the period")
                .cloned()
                .collect();
            prop_assert_eq!(&screened.excluded, &inside);
            prop_assert_eq!(
                AvailabilityResult { excluded: inside, ..direct },
                screened
            );
        }
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
