//! Half-open time intervals `[start, end)` on the UTC time line, in Unix
//! nanoseconds, and sets of them kept sorted, disjoint and merged.
//!
//! Touching intervals (`[1, 2)` and `[2, 3)`) merge into one: an outage that
//! ends when the next begins is one outage. Overlaps are counted once.

use crate::TimeSpan;

/// Nanoseconds since 1970-01-01T00:00:00Z (covers 1677 to 2262).
pub type UnixNanos = i64;

/// `[start, end)`, `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Interval {
    start: UnixNanos,
    end: UnixNanos,
}

impl Interval {
    /// `None` when `end < start`. An empty interval (`start == end`) is allowed.
    pub fn new(start: UnixNanos, end: UnixNanos) -> Option<Interval> {
        (start <= end).then_some(Interval { start, end })
    }

    pub fn start(self) -> UnixNanos {
        self.start
    }

    pub fn end(self) -> UnixNanos {
        self.end
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn length(self) -> TimeSpan {
        TimeSpan::from_nanos(self.end.saturating_sub(self.start)).unwrap_or_default()
    }

    /// The overlap of two intervals, `None` when they do not overlap.
    pub fn intersection(self, other: Interval) -> Option<Interval> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(Interval { start, end })
    }
}

/// A set of instants, as sorted, disjoint, non-touching, non-empty intervals.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct IntervalSet {
    intervals: Vec<Interval>,
}

impl IntervalSet {
    pub fn new() -> IntervalSet {
        IntervalSet::default()
    }

    /// The union of any intervals, in any order.
    pub fn from_intervals(intervals: impl IntoIterator<Item = Interval>) -> IntervalSet {
        let mut all: Vec<Interval> = intervals.into_iter().filter(|i| !i.is_empty()).collect();
        all.sort_unstable();
        let mut merged: Vec<Interval> = Vec::with_capacity(all.len());
        for interval in all {
            match merged.last_mut() {
                Some(last) if interval.start <= last.end => last.end = last.end.max(interval.end),
                _ => merged.push(interval),
            }
        }
        IntervalSet { intervals: merged }
    }

    /// The union of intervals given in order of their starts (as sorted by
    /// start; any ends): [`IntervalSet::from_intervals`] without its sort.
    /// Intervals out of that order are merged with their predecessor's span
    /// only as far as they touch it; callers sort first.
    pub fn from_sorted(intervals: impl IntoIterator<Item = Interval>) -> IntervalSet {
        let mut merged: Vec<Interval> = Vec::new();
        for interval in intervals.into_iter().filter(|i| !i.is_empty()) {
            debug_assert!(merged.last().is_none_or(|l| l.start <= interval.start));
            match merged.last_mut() {
                Some(last) if interval.start <= last.end => last.end = last.end.max(interval.end),
                _ => merged.push(interval),
            }
        }
        IntervalSet { intervals: merged }
    }

    pub fn intervals(&self) -> &[Interval] {
        &self.intervals
    }

    pub fn is_empty(&self) -> bool {
        self.intervals.is_empty()
    }

    /// Total length of the set.
    pub fn length(&self) -> TimeSpan {
        let nanos = self
            .intervals
            .iter()
            .map(|i| i.end - i.start)
            .fold(0i64, i64::saturating_add);
        TimeSpan::from_nanos(nanos).unwrap_or_default()
    }

    pub fn union(&self, other: &IntervalSet) -> IntervalSet {
        IntervalSet::from_intervals(self.intervals.iter().chain(other.intervals.iter()).copied())
    }

    /// Instants in both sets (a linear merge of the two sorted lists).
    pub fn intersection(&self, other: &IntervalSet) -> IntervalSet {
        let (a, b) = (&self.intervals, &other.intervals);
        let (mut i, mut j) = (0, 0);
        // At most one piece per step of the merge below.
        let mut out = Vec::with_capacity(a.len() + b.len());
        while i < a.len() && j < b.len() {
            if let Some(overlap) = a[i].intersection(b[j]) {
                out.push(overlap);
            }
            if a[i].end < b[j].end {
                i += 1;
            } else {
                j += 1;
            }
        }
        IntervalSet { intervals: out }
    }

    /// The length of the intersection with `other`, in nanoseconds, without
    /// building it.
    pub fn intersection_length(&self, other: &IntervalSet) -> i64 {
        let (a, b) = (&self.intervals, &other.intervals);
        let (mut i, mut j) = (0, 0);
        let mut total: i64 = 0;
        while i < a.len() && j < b.len() {
            if let Some(overlap) = a[i].intersection(b[j]) {
                total = total.saturating_add(overlap.end - overlap.start);
            }
            if a[i].end < b[j].end {
                i += 1;
            } else {
                j += 1;
            }
        }
        total
    }

    /// Instants in `self` but not in `other`.
    pub fn difference(&self, other: &IntervalSet) -> IntervalSet {
        let mut out = Vec::new();
        let b = &other.intervals;
        let mut j = 0;
        for &interval in &self.intervals {
            let mut start = interval.start;
            while j < b.len() && b[j].end <= start {
                j += 1;
            }
            let mut k = j;
            while k < b.len() && b[k].start < interval.end {
                if b[k].start > start {
                    out.push(Interval {
                        start,
                        end: b[k].start,
                    });
                }
                start = start.max(b[k].end);
                k += 1;
            }
            if start < interval.end {
                out.push(Interval {
                    start,
                    end: interval.end,
                });
            }
        }
        IntervalSet { intervals: out }
    }

    /// The part of the set inside `window`.
    pub fn clip(&self, window: Interval) -> IntervalSet {
        self.intersection(&IntervalSet::from_intervals([window]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn iv(start: i64, end: i64) -> Interval {
        Interval::new(start, end).expect("ordered")
    }

    fn set(pairs: &[(i64, i64)]) -> IntervalSet {
        IntervalSet::from_intervals(pairs.iter().map(|&(a, b)| iv(a, b)))
    }

    #[test]
    fn overlapping_outages_are_counted_once() {
        let s = set(&[(10, 20), (15, 30), (40, 50)]);
        assert_eq!(s.intervals(), &[iv(10, 30), iv(40, 50)]);
        assert_eq!(s.length().nanos(), 30);
    }

    #[test]
    fn touching_intervals_merge() {
        assert_eq!(set(&[(0, 5), (5, 9)]).intervals(), &[iv(0, 9)]);
    }

    #[test]
    fn intersection_and_difference_split_at_the_edges() {
        let service = set(&[(0, 10), (20, 30)]);
        let outage = set(&[(5, 25)]);
        assert_eq!(service.intersection(&outage), set(&[(5, 10), (20, 25)]));
        assert_eq!(service.difference(&outage), set(&[(0, 5), (25, 30)]));
        assert_eq!(outage.difference(&service), set(&[(10, 20)]));
    }

    fn any_set() -> impl Strategy<Value = IntervalSet> {
        proptest::collection::vec((0i64..1_000, 0i64..100), 0..20)
            .prop_map(|v| IntervalSet::from_intervals(v.into_iter().map(|(s, l)| iv(s, s + l))))
    }

    fn contains(set: &IntervalSet, t: i64) -> bool {
        set.intervals()
            .iter()
            .any(|i| i.start() <= t && t < i.end())
    }

    proptest! {
        #[test]
        fn merging_is_idempotent_and_order_independent(mut v in proptest::collection::vec((0i64..1_000, 0i64..100), 0..30)) {
            let a = IntervalSet::from_intervals(v.iter().map(|&(s, l)| iv(s, s + l)));
            v.reverse();
            let b = IntervalSet::from_intervals(v.iter().map(|&(s, l)| iv(s, s + l)));
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(IntervalSet::from_intervals(a.intervals().iter().copied()), a);
        }

        #[test]
        fn set_operations_agree_pointwise(a in any_set(), b in any_set(), t in 0i64..1_100) {
            prop_assert_eq!(contains(&a.union(&b), t), contains(&a, t) || contains(&b, t));
            prop_assert_eq!(contains(&a.intersection(&b), t), contains(&a, t) && contains(&b, t));
            prop_assert_eq!(contains(&a.difference(&b), t), contains(&a, t) && !contains(&b, t));
        }

        #[test]
        fn sorted_input_needs_no_sort(mut v in proptest::collection::vec((0i64..1_000, 0i64..100), 0..30), b in any_set()) {
            v.sort_unstable_by_key(|&(s, _)| s);
            let sorted = IntervalSet::from_sorted(v.iter().map(|&(s, l)| iv(s, s + l)));
            let any = IntervalSet::from_intervals(v.iter().map(|&(s, l)| iv(s, s + l)));
            prop_assert_eq!(&sorted, &any);
            prop_assert_eq!(sorted.intersection_length(&b), sorted.intersection(&b).length().nanos());
        }

        #[test]
        fn lengths_add_up(a in any_set(), b in any_set()) {
            let both = a.intersection(&b).length().nanos();
            prop_assert_eq!(a.difference(&b).length().nanos() + both, a.length().nanos());
        }
    }
}
