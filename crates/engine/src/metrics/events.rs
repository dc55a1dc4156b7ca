//! Event ratios: the three ways OpenSLO turns counts of good and total events
//! into an achieved value (its `budgetingMethod`s).
//!
//! The rules:
//! 1. A count with more good events than total events is invalid: it is
//!    excluded, with the reason, and counts for nothing.
//! 2. Only counts whose instant `at` lies in the period `[start, end)` count
//!    (a count exactly at the end belongs to the next period); the others are
//!    ignored silently (the explanation says how many).
//! 3. **Occurrences**: `achieved = Σ good ÷ Σ total`; every event weighs the same.
//! 4. **Timeslices**: the period is cut into slices of a fixed length, aligned
//!    to the period start (the last slice may be shorter). The counts of a
//!    slice are added up; a slice with data (total > 0) is good when its
//!    `good ÷ total` is at or above the threshold (exactly at the threshold is
//!    good). `achieved = good slices ÷ slices with data`.
//! 5. **Ratio timeslices**: same slices; `achieved` is the mean of the slices'
//!    ratios, `Σ (good_i ÷ total_i) ÷ n`, over the `n` slices with data.
//! 6. Slices without data (no count, or only counts with total 0) are not
//!    counted at all: they are neither good nor bad. OpenSLO only says "good
//!    slices ÷ total slices" and leaves this open; this is the engine's choice,
//!    so that a gap in the measurements does not read as an outage.
//! 7. No events (Σ total = 0), or no slice with data, is "no data": `achieved`
//!    is `None`.
//!
//! Every value is exact (integer arithmetic on `u128`); the only exception is
//! a ratio-timeslices mean whose exact common denominator would not fit in 128
//! bits: each slice ratio is then rounded half up to 18 decimals before the
//! mean is taken (the result is within 10⁻¹⁸ of the exact mean), and the
//! explanation says so.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::availability::Excluded;
use crate::time::{Interval, UnixNanos};
use crate::units::group_thousands;
use crate::{Explanation, Ratio, TimeSpan};

/// Good and total events counted at an instant, or over a slice of time
/// starting at `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventCount {
    pub at: UnixNanos,
    pub good: u64,
    pub total: u64,
}

/// An achieved event ratio, with its inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventsResult {
    /// `None` when there is no data (no events, or no slice with data).
    pub achieved: Option<Ratio>,
    /// Occurrences and ratio timeslices: Σ good events counted.
    /// Timeslices: the number of good slices.
    pub good: u128,
    /// Occurrences and ratio timeslices: Σ total events counted.
    /// Timeslices: the number of slices with data.
    pub total: u128,
    /// Invalid counts (more good than total events), by index in the input.
    pub excluded: Vec<Excluded>,
    pub explanation: Explanation,
}

/// OpenSLO "Occurrences": `Σ good ÷ Σ total` over the counts in `window`.
pub fn occurrences(counts: &[EventCount], window: Interval) -> EventsResult {
    let selection = select(counts, window);
    let (good, total) = selection.used.iter().fold((0u128, 0u128), |(g, t), c| {
        (g + u128::from(c.good), t + u128::from(c.total))
    });
    let achieved = fraction(good, total);
    let explanation = Explanation {
        formula: "achieved = Σ good events ÷ Σ total events".into(),
        substituted: match achieved {
            Some(ratio) => format!(
                "{} ÷ {} = {}%",
                group_thousands(good),
                group_thousands(total),
                ratio.to_percent_string(4)
            ),
            None => "no events in the period: no data".into(),
        },
        convention: format!(
            "occurrences (OpenSLO): every event weighs the same; {}; percentage rounded down",
            selection.describe()
        ),
    };
    EventsResult {
        achieved,
        good,
        total,
        excluded: selection.excluded,
        explanation,
    }
}

/// OpenSLO "Timeslices": the share of good slices among the slices with data.
///
/// Slices of length `slice` are aligned to `window.start()`. A slice is good
/// when `Σ good ÷ Σ total` of its counts is at or above
/// `good_slice_threshold` (compared exactly: a slice exactly at the threshold
/// is good). Slices without data are not counted. A `slice` of zero length
/// gives no data.
pub fn timeslices(
    counts: &[EventCount],
    window: Interval,
    slice: TimeSpan,
    good_slice_threshold: Ratio,
) -> EventsResult {
    let selection = select(counts, window);
    let Some(slices) = group_slices(&selection.used, window, slice) else {
        return no_slices(selection, "timeslices");
    };
    let threshold_num = u128::try_from(good_slice_threshold.numerator()).unwrap_or(0);
    let threshold_den = u128::try_from(good_slice_threshold.denominator()).unwrap_or(1);
    let with_data = slices.len() as u128;
    let good_slices = slices
        .iter()
        .filter(|(g, t)| cmp_fractions(*g, *t, threshold_num, threshold_den) != Ordering::Less)
        .count() as u128;
    let achieved = fraction(good_slices, with_data);
    let explanation = Explanation {
        formula: "achieved = good slices ÷ slices with data".into(),
        substituted: match achieved {
            Some(ratio) => format!(
                "{} ÷ {} = {}%",
                group_thousands(good_slices),
                group_thousands(with_data),
                ratio.to_percent_string(4)
            ),
            None => "no slice with data in the period: no data".into(),
        },
        convention: format!(
            "timeslices (OpenSLO): slices of {} aligned to the period start (the last may be \
             shorter); a slice is good when its good ÷ total is at or above {}% (exactly at the \
             threshold is good); slices without data are not counted (neither good nor bad); {}; \
             percentage rounded down",
            slice.human(),
            good_slice_threshold.to_percent_string(4),
            selection.describe()
        ),
    };
    EventsResult {
        achieved,
        good: good_slices,
        total: with_data,
        excluded: selection.excluded,
        explanation,
    }
}

/// OpenSLO "RatioTimeslices": the mean of the slices' ratios,
/// `Σ (good_i ÷ total_i) ÷ n` over the `n` slices with data.
///
/// Slices are formed as in [`timeslices`]. The mean is exact; only when its
/// common denominator would exceed 128 bits is each slice ratio rounded half
/// up to 18 decimals first (within 10⁻¹⁸ of the exact mean; the explanation
/// says so). `good` and `total` of the result are the event sums.
pub fn ratio_timeslices(counts: &[EventCount], window: Interval, slice: TimeSpan) -> EventsResult {
    let selection = select(counts, window);
    let Some(slices) = group_slices(&selection.used, window, slice) else {
        return no_slices(selection, "ratio timeslices");
    };
    let (good, total) = slices
        .iter()
        .fold((0u128, 0u128), |(g, t), (sg, st)| (g + sg, t + st));
    let n = slices.len() as u128;
    let (achieved, rounded) = match exact_mean(&slices) {
        Some(ratio) => (Some(ratio), false),
        None => (rounded_mean(&slices), true),
    };
    let explanation = Explanation {
        formula: "achieved = Σ (good ÷ total of each slice) ÷ slices with data".into(),
        substituted: match achieved {
            Some(ratio) => format!(
                "mean of {} slice ratio(s) = {}%",
                group_thousands(n),
                ratio.to_percent_string(4)
            ),
            None => "no slice with data in the period: no data".into(),
        },
        convention: format!(
            "ratio timeslices (OpenSLO): slices of {} aligned to the period start (the last may \
             be shorter); every slice with data weighs the same, whatever its number of events; \
             slices without data are not counted; {}{}; percentage rounded down",
            slice.human(),
            selection.describe(),
            if rounded {
                "; each slice ratio rounded half up to 18 decimals (the exact sum exceeds 128 bits)"
            } else {
                ""
            }
        ),
    };
    EventsResult {
        achieved,
        good,
        total,
        excluded: selection.excluded,
        explanation,
    }
}

/// The counts that take part, and the others.
struct Selection<'a> {
    used: Vec<&'a EventCount>,
    excluded: Vec<Excluded>,
    outside: usize,
}

impl Selection<'_> {
    fn describe(&self) -> String {
        format!(
            "counts at [start, end) of the period; {} count(s) used, {} excluded, {} outside the \
             period ignored",
            self.used.len(),
            self.excluded.len(),
            self.outside
        )
    }
}

fn select(counts: &[EventCount], window: Interval) -> Selection<'_> {
    let mut selection = Selection {
        used: Vec::with_capacity(counts.len()),
        excluded: Vec::new(),
        outside: 0,
    };
    for (record, count) in counts.iter().enumerate() {
        if count.good > count.total {
            selection.excluded.push(Excluded {
                record,
                reason: format!(
                    "more good events ({}) than total events ({})",
                    count.good, count.total
                ),
            });
        } else if count.at < window.start() || count.at >= window.end() {
            selection.outside += 1;
        } else {
            selection.used.push(count);
        }
    }
    selection
}

/// `(Σ good, Σ total)` of each slice with data, in time order; `None` when
/// the slice length is zero.
fn group_slices(
    used: &[&EventCount],
    window: Interval,
    slice: TimeSpan,
) -> Option<Vec<(u128, u128)>> {
    let length = i128::from(slice.nanos());
    if length <= 0 {
        return None;
    }
    let mut slices: BTreeMap<i128, (u128, u128)> = BTreeMap::new();
    for count in used {
        let index = (i128::from(count.at) - i128::from(window.start())) / length;
        let entry = slices.entry(index).or_insert((0, 0));
        entry.0 += u128::from(count.good);
        entry.1 += u128::from(count.total);
    }
    Some(
        slices
            .into_values()
            .filter(|(_, total)| *total > 0)
            .collect(),
    )
}

fn no_slices(selection: Selection<'_>, method: &str) -> EventsResult {
    EventsResult {
        achieved: None,
        good: 0,
        total: 0,
        explanation: Explanation {
            formula: format!("{method}: the slice length must be longer than zero"),
            substituted: "slice length 0: no data".into(),
            convention: selection.describe(),
        },
        excluded: selection.excluded,
    }
}

/// The exact mean of `good_i ÷ total_i`, `None` when it does not fit in 128 bits.
fn exact_mean(slices: &[(u128, u128)]) -> Option<Ratio> {
    if slices.is_empty() {
        return None;
    }
    let (mut num, mut den) = (0u128, 1u128);
    for &(good, total) in slices {
        let g = gcd(good, total);
        let (good, total) = (good / g, total / g);
        let common = gcd(den, total);
        let lcm = (den / common).checked_mul(total)?;
        num = num
            .checked_mul(lcm / den)?
            .checked_add(good.checked_mul(lcm / total)?)?;
        den = lcm;
        let g = gcd(num, den);
        num /= g;
        den /= g;
    }
    let n = slices.len() as u128;
    let g = gcd(num, n);
    let den = den.checked_mul(n / g)?;
    Ratio::new(i128::try_from(num / g).ok()?, i128::try_from(den).ok()?)
}

/// The mean of the slice ratios each rounded half up to 18 decimals.
fn rounded_mean(slices: &[(u128, u128)]) -> Option<Ratio> {
    const SCALE: u32 = 18;
    // Each rounded ratio is at most 10^18 (good ≤ total), so the sum of fewer
    // than 3.4 × 10^20 of them fits in u128.
    let sum = slices
        .iter()
        .map(|&(good, total)| scaled_round(good, total, SCALE))
        .try_fold(0u128, u128::checked_add)?;
    let n = slices.len() as u128;
    fraction(sum, n.checked_mul(10u128.pow(SCALE))?)
}

/// `num ÷ den` as a [`Ratio`], reduced; `None` when `den` is 0. Past i128's
/// range (never for counts of u64 events) both are shifted right together.
pub(crate) fn fraction(num: u128, den: u128) -> Option<Ratio> {
    if den == 0 {
        return None;
    }
    let g = gcd(num, den);
    let (mut num, mut den) = (num / g, den / g);
    let limit = i128::MAX as u128;
    while num > limit || den > limit {
        num >>= 1;
        den = (den >> 1).max(1);
    }
    Ratio::new(i128::try_from(num).ok()?, i128::try_from(den).ok()?)
}

/// Greatest common divisor (`gcd(0, 0) = 1`, so it can always divide).
pub(crate) fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.max(1)
}

/// Exact comparison of `a ÷ b` with `c ÷ d` (`b, d > 0`), without overflow:
/// integer parts first, then the reciprocals of the remainders (continued
/// fractions).
pub(crate) fn cmp_fractions(mut a: u128, mut b: u128, mut c: u128, mut d: u128) -> Ordering {
    let mut flipped = false;
    loop {
        if b == 0 || d == 0 {
            // Only reached with remainders: an exhausted side is the smaller one.
            let ord = (b == 0).cmp(&(d == 0)).reverse();
            return if flipped { ord.reverse() } else { ord };
        }
        let (qa, ra) = (a / b, a % b);
        let (qc, rc) = (c / d, c % d);
        if qa != qc {
            let ord = qa.cmp(&qc);
            return if flipped { ord.reverse() } else { ord };
        }
        match (ra == 0, rc == 0) {
            (true, true) => return Ordering::Equal,
            (true, false) => {
                return if flipped {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (false, true) => {
                return if flipped {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (false, false) => {}
        }
        // a/b = q + ra/b, c/d = q + rc/d: compare ra/b with rc/d, i.e. the
        // reciprocals b/ra and d/rc in reverse.
        (a, b, c, d) = (b, ra, d, rc);
        flipped = !flipped;
    }
}

/// `num ÷ den × 10^decimals`, rounded half up, by long division (no overflow
/// of intermediate products); saturates at `u128::MAX`. `den > 0`.
pub(crate) fn scaled_round(num: u128, den: u128, decimals: u32) -> u128 {
    let (mut value, mut rest) = (num / den, num % den);
    for _ in 0..decimals {
        let (digit, next) = next_digit(rest, den);
        rest = next;
        value = value.saturating_mul(10).saturating_add(u128::from(digit));
    }
    if rest >= den - rest {
        value = value.saturating_add(1);
    }
    value
}

/// The next decimal digit of `rest ÷ den` (`rest < den`) and the new
/// remainder: `10 × rest = digit × den + remainder`, by repeated addition so
/// that nothing exceeds `2 × den`.
pub(crate) fn next_digit(rest: u128, den: u128) -> (u8, u128) {
    let (mut acc, mut digit) = (0u128, 0u8);
    for _ in 0..10 {
        // acc < den and rest < den, so acc + rest < 2 × den ≤ 2^128 when den ≤ 2^127.
        let (sum, overflow) = acc.overflowing_add(rest);
        if overflow || sum >= den {
            acc = sum.wrapping_sub(den);
            digit += 1;
        } else {
            acc = sum;
        }
    }
    (digit, acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const MIN: i64 = 60_000_000_000;

    fn count(minute: i64, good: u64, total: u64) -> EventCount {
        EventCount {
            at: minute * MIN,
            good,
            total,
        }
    }

    /// One hour from the epoch.
    fn hour() -> Interval {
        Interval::new(0, 60 * MIN).expect("ordered")
    }

    fn ratio(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).expect("valid")
    }

    fn same(a: Option<Ratio>, b: Option<Ratio>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b) == Ordering::Equal,
            (None, None) => true,
            _ => false,
        }
    }

    #[test]
    fn occurrences_is_the_sum_of_good_over_the_sum_of_total() {
        // (90 + 990 + 9) ÷ (100 + 1,000 + 10) = 1,089 ÷ 1,110 = 98.1081…%
        let r = occurrences(
            &[count(0, 90, 100), count(10, 990, 1_000), count(20, 9, 10)],
            hour(),
        );
        assert_eq!((r.good, r.total), (1_089, 1_110));
        assert!(same(r.achieved, Some(ratio(1_089, 1_110))));
        assert_eq!(
            r.achieved.map(|a| a.to_percent_string(4)),
            Some("98.1081".into())
        );
        assert!(r.explanation.substituted.contains("1,089 ÷ 1,110"));
    }

    #[test]
    fn counts_outside_the_period_are_ignored_and_the_end_is_excluded() {
        // at −1 min and at exactly 60 min (the end) are outside; only 1 ÷ 2 counts.
        let r = occurrences(
            &[count(-1, 0, 50), count(0, 1, 2), count(60, 0, 70)],
            hour(),
        );
        assert_eq!((r.good, r.total), (1, 2));
        assert!(r.excluded.is_empty());
        assert!(r.explanation.convention.contains("2 outside"));
    }

    #[test]
    fn more_good_than_total_is_excluded_with_a_reason() {
        let r = occurrences(&[count(0, 5, 4), count(1, 3, 4)], hour());
        assert_eq!(r.excluded.len(), 1);
        assert_eq!(r.excluded[0].record, 0);
        assert!(r.excluded[0].reason.contains("more good events"));
        assert_eq!((r.good, r.total), (3, 4));
    }

    #[test]
    fn no_events_is_no_data() {
        assert_eq!(occurrences(&[], hour()).achieved, None);
        assert_eq!(occurrences(&[count(0, 0, 0)], hour()).achieved, None);
        let slice = TimeSpan::from_secs(60);
        let half = ratio(1, 2);
        assert_eq!(timeslices(&[], hour(), slice, half).achieved, None);
        assert_eq!(ratio_timeslices(&[], hour(), slice).achieved, None);
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let big = vec![count(0, u64::MAX, u64::MAX); 1_000];
        let r = occurrences(&big, hour());
        assert!(same(r.achieved, Some(ratio(1, 1))));
        assert_eq!(r.total, u128::from(u64::MAX) * 1_000);
    }

    #[test]
    fn a_slice_exactly_at_the_threshold_is_good() {
        // 5-minute slices, threshold 99 %: 99 ÷ 100 (at) is good, 989 ÷ 1,000
        // (98.9 %) is bad, 991 ÷ 1,000 is good → 2 ÷ 3.
        let counts = [
            count(0, 99, 100),
            count(5, 989, 1_000),
            count(10, 991, 1_000),
        ];
        let r = timeslices(&counts, hour(), TimeSpan::from_secs(300), ratio(99, 100));
        assert_eq!((r.good, r.total), (2, 3));
        assert!(same(r.achieved, Some(ratio(2, 3))));
        assert!(r
            .explanation
            .convention
            .contains("exactly at the threshold is good"));
    }

    #[test]
    fn counts_in_one_slice_are_added_before_the_threshold() {
        // Minutes 0 and 4 share the first 5-minute slice: (100 + 0) ÷ (100 + 100)
        // = 50 % < 60 % → bad, although the first count alone is 100 %.
        let counts = [count(0, 100, 100), count(4, 0, 100), count(5, 60, 100)];
        let r = timeslices(&counts, hour(), TimeSpan::from_secs(300), ratio(3, 5));
        assert_eq!((r.good, r.total), (1, 2));
    }

    #[test]
    fn slices_without_data_are_not_counted() {
        // 12 five-minute slices in the hour, data in 2 of them (one with total 0
        // only, which is no data either): 1 good of 2 slices with data.
        let counts = [count(0, 1, 1), count(30, 0, 1), count(45, 0, 0)];
        let r = timeslices(&counts, hour(), TimeSpan::from_secs(300), ratio(1, 2));
        assert_eq!((r.good, r.total), (1, 2));
        assert!(r
            .explanation
            .convention
            .contains("slices without data are not counted"));
    }

    #[test]
    fn slices_are_aligned_to_the_period_start() {
        // Period starts at minute 2; 5-minute slices [2, 7), [7, 12): minutes 6
        // and 7 fall in different slices.
        let window = Interval::new(2 * MIN, 62 * MIN).expect("ordered");
        let counts = [count(6, 1, 1), count(7, 0, 1)];
        let r = timeslices(&counts, window, TimeSpan::from_secs(300), ratio(1, 2));
        assert_eq!((r.good, r.total), (1, 2));
    }

    #[test]
    fn a_zero_slice_length_is_no_data() {
        let r = timeslices(&[count(0, 1, 1)], hour(), TimeSpan::ZERO, ratio(1, 2));
        assert_eq!(r.achieved, None);
        assert_eq!(
            ratio_timeslices(&[count(0, 1, 1)], hour(), TimeSpan::ZERO).achieved,
            None
        );
    }

    #[test]
    fn ratio_timeslices_is_the_mean_of_the_slice_ratios() {
        // Slices 1 ÷ 2, 1 ÷ 3 and 999 ÷ 1,000 (two counts 500 + 499 of 1,000):
        // (1/2 + 1/3 + 999/1000) ÷ 3 = (1500 + 1000 + 2997) / 3000 / 3 = 5497 / 9000.
        let counts = [
            count(0, 1, 2),
            count(5, 1, 3),
            count(10, 500, 500),
            count(11, 499, 500),
        ];
        let r = ratio_timeslices(&counts, hour(), TimeSpan::from_secs(300));
        assert!(same(r.achieved, Some(ratio(5_497, 9_000))));
        assert_eq!((r.good, r.total), (1_001, 1_005));
        // Occurrences over the same counts weigh events, not slices: 1,001 ÷ 1,005.
        assert!(same(
            occurrences(&counts, hour()).achieved,
            Some(ratio(1_001, 1_005))
        ));
    }

    #[test]
    fn ratio_timeslices_rounds_only_when_the_exact_sum_is_too_large() {
        // Totals that are distinct large primes make the common denominator
        // exceed 128 bits after a few slices; the mean is then rounded to 18
        // decimals. Every slice is ⌊p ÷ 2⌋ ÷ p, just under 1/2, so the mean is
        // within 1e-12 of 1/2.
        let primes: [u64; 4] = [
            18_446_744_073_709_551_557,
            18_446_744_073_709_551_533,
            18_446_744_073_709_551_521,
            18_446_744_073_709_551_437,
        ];
        let counts: Vec<EventCount> = primes
            .iter()
            .enumerate()
            .map(|(i, &p)| count(i as i64 * 5, p / 2, p))
            .collect();
        let r = ratio_timeslices(&counts, hour(), TimeSpan::from_secs(300));
        let achieved = r.achieved.expect("data");
        assert!((achieved.as_f64() - 0.5).abs() < 1e-12);
        assert!(r
            .explanation
            .convention
            .contains("rounded half up to 18 decimals"));
    }

    #[test]
    fn exact_fraction_comparison_handles_equal_and_near_values() {
        assert_eq!(cmp_fractions(99, 100, 990, 1_000), Ordering::Equal);
        assert_eq!(cmp_fractions(989, 1_000, 99, 100), Ordering::Less);
        assert_eq!(
            cmp_fractions(u128::MAX, u128::MAX - 1, 1, 1),
            Ordering::Greater
        );
        assert_eq!(
            cmp_fractions(u128::MAX - 1, u128::MAX, u128::MAX - 2, u128::MAX - 1),
            Ordering::Greater
        );
        assert_eq!(cmp_fractions(0, 5, 0, 7), Ordering::Equal);
        assert_eq!(cmp_fractions(1, 3, 1, 2), Ordering::Less);
    }

    #[test]
    fn scaled_rounding_is_half_up() {
        // 1 ÷ 8 = 0.125 → 0.13 at 2 decimals; 1 ÷ 3 → 0.33; 2 ÷ 3 → 0.67.
        assert_eq!(scaled_round(1, 8, 2), 13);
        assert_eq!(scaled_round(1, 3, 2), 33);
        assert_eq!(scaled_round(2, 3, 2), 67);
        assert_eq!(
            scaled_round(u128::MAX - 1, u128::MAX, 18),
            1_000_000_000_000_000_000
        );
    }

    fn any_counts() -> impl Strategy<Value = Vec<EventCount>> {
        proptest::collection::vec((-5i64..65, 0u64..1_000, 0u64..1_000), 0..60).prop_map(|v| {
            v.into_iter()
                // One in 17 may have more good than total events (invalid).
                .map(|(m, a, b)| {
                    if a % 17 == 0 {
                        count(m, a, b)
                    } else {
                        count(m, a.min(b), a.max(b))
                    }
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn achieved_is_always_between_zero_and_one(counts in any_counts(), t in 0i128..=100) {
            let one = ratio(1, 1);
            let zero = ratio(0, 1);
            let slice = TimeSpan::from_secs(300);
            for r in [
                occurrences(&counts, hour()),
                timeslices(&counts, hour(), slice, ratio(t, 100)),
                ratio_timeslices(&counts, hour(), slice),
            ] {
                if let Some(a) = r.achieved {
                    prop_assert!(a >= zero && a <= one);
                }
                prop_assert!(r.good <= r.total);
            }
        }

        #[test]
        fn input_order_does_not_change_any_result(mut counts in any_counts(), t in 0i128..=100) {
            let slice = TimeSpan::from_secs(420);
            let before = [
                occurrences(&counts, hour()),
                timeslices(&counts, hour(), slice, ratio(t, 100)),
                ratio_timeslices(&counts, hour(), slice),
            ];
            counts.reverse();
            let after = [
                occurrences(&counts, hour()),
                timeslices(&counts, hour(), slice, ratio(t, 100)),
                ratio_timeslices(&counts, hour(), slice),
            ];
            for (a, b) in before.iter().zip(after.iter()) {
                prop_assert!(same(a.achieved, b.achieved));
                prop_assert_eq!((a.good, a.total), (b.good, b.total));
                prop_assert_eq!(a.excluded.len(), b.excluded.len());
            }
        }

        #[test]
        fn a_higher_threshold_never_adds_good_slices(counts in any_counts(), a in 0i128..=100, b in 0i128..=100) {
            let slice = TimeSpan::from_secs(300);
            let low = timeslices(&counts, hour(), slice, ratio(a.min(b), 100));
            let high = timeslices(&counts, hour(), slice, ratio(a.max(b), 100));
            prop_assert!(high.good <= low.good);
            prop_assert_eq!(high.total, low.total);
        }
    }
}
