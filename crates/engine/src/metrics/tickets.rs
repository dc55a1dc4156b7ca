//! Ticket times in business time: time to first response and time to
//! resolution, measured only inside agreed service time (service hours minus
//! holidays and exclusions), and the share of tickets within a target.
//!
//! This module owns [`BusinessClock`] (business time between two instants,
//! and its inverse, the due time) and the ticket rules:
//!
//! 1. The clock runs while the ticket is open and not paused, and only in
//!    service time. Nights, weekends, holidays and exclusions do not count.
//! 2. Time to first response = business time from `created` to
//!    `first_response`, minus pauses. A ticket resolved without a recorded
//!    first response stops the first-response clock at its resolution.
//! 3. Time to resolution = business time from `created` to `resolved`, plus
//!    for each reopening the business time from `reopened` to its `resolved`,
//!    all minus pauses. Open periods that overlap count once.
//! 4. Pauses ("waiting for customer") are merged first: overlapping pauses are
//!    subtracted once, never twice, and only their part inside an open period
//!    counts. A pause never makes a time longer.
//! 5. A ticket still open at the evaluation instant `now` (no response yet, not
//!    resolved, or a reopening not resolved; events after `now` have not
//!    happened yet) counts business time up to `now`. It is *breached* if that
//!    is already over the target, otherwise *pending*; pending tickets are not
//!    part of the share.
//! 6. A decided ticket is *met* when its time is at most the target: exactly
//!    at the target is met, one nanosecond more is breached.
//! 7. A record with a first response, resolution or reopening before its
//!    creation, a reopening resolved before it was reopened, or a creation
//!    after `now` is invalid and excluded with a reason. Tickets of another
//!    priority are simply not part of the figure (not listed as excluded).
//!
//! Business time outside the clock's window is not counted: build the clock
//! over a window that covers the tickets' lives up to `now`.
//!
//! `share within target = met ÷ (met + breached)`, exact.

use crate::metrics::availability::Excluded;
use crate::time::{Calendar, Interval, IntervalSet, UnixNanos};
use crate::{Explanation, Ratio, TimeSpan};

/// Business time on a calendar over a window, precomputed so that the business
/// time between two instants takes two lookups: an index per day of the
/// window narrows each search to the service intervals ending that day (a
/// binary search over all intervals for an instant outside the window).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessClock {
    window: Interval,
    /// Starts of the service intervals, sorted, disjoint.
    starts: Vec<UnixNanos>,
    /// Ends of the service intervals, same order.
    ends: Vec<UnixNanos>,
    /// `prefix[i]` = total length of service intervals `0..i` (`n + 1` entries).
    prefix: Vec<i64>,
    /// The length of a bucket of the index: a day, more for a window of
    /// more than [`MAX_BUCKETS`] days.
    bucket: i64,
    /// `index[b]` = how many service intervals end at or before the start
    /// of bucket `b` (`window.start + b × bucket`); one entry past the
    /// window's last bucket.
    index: Vec<usize>,
}

/// At most this many buckets in a clock's index.
const MAX_BUCKETS: i64 = 1 << 16;

const DAY: i64 = 86_400_000_000_000;

impl BusinessClock {
    /// The business clock of `calendar` over `window` (service hours minus
    /// holidays and exclusions, clipped to the window).
    pub fn new(calendar: &Calendar, window: Interval) -> BusinessClock {
        BusinessClock::from_service(window, &calendar.service_time(window))
    }

    /// A business clock over `window` from an already computed set of service
    /// instants (clipped to the window).
    pub fn from_service(window: Interval, service: &IntervalSet) -> BusinessClock {
        let clipped = service.clip(window);
        let n = clipped.intervals().len();
        let mut starts = Vec::with_capacity(n);
        let mut ends = Vec::with_capacity(n);
        let mut prefix = Vec::with_capacity(n + 1);
        let mut total: i64 = 0;
        prefix.push(total);
        for interval in clipped.intervals() {
            starts.push(interval.start());
            ends.push(interval.end());
            total = total.saturating_add(interval.end() - interval.start());
            prefix.push(total);
        }
        let length = window.end().saturating_sub(window.start());
        let bucket = DAY.max(length / MAX_BUCKETS + 1);
        let buckets = length / bucket + 2;
        let mut index = Vec::with_capacity(usize::try_from(buckets).unwrap_or(0));
        let mut k = 0usize;
        for b in 0..buckets {
            let from = window.start().saturating_add(b.saturating_mul(bucket));
            while k < ends.len() && ends[k] <= from {
                k += 1;
            }
            index.push(k);
        }
        BusinessClock {
            window,
            starts,
            ends,
            prefix,
            bucket,
            index,
        }
    }

    /// How many service intervals end at or before `t`.
    fn ended_by(&self, t: UnixNanos) -> usize {
        let offset = t.wrapping_sub(self.window.start());
        if t >= self.window.start() && offset >= 0 {
            let b = usize::try_from(offset / self.bucket).unwrap_or(usize::MAX);
            if let (Some(&lo), Some(&hi)) = (self.index.get(b), self.index.get(b + 1)) {
                // An interval ending at or before the bucket's start ends
                // before t; one ending after the next bucket's start ends
                // after t.
                if let Some(ends) = self.ends.get(lo..hi) {
                    return lo + ends.partition_point(|&end| end <= t);
                }
            }
        }
        self.ends.partition_point(|&end| end <= t)
    }

    /// The window the clock covers.
    pub fn window(&self) -> Interval {
        self.window
    }

    /// All business time in the window.
    pub fn total(&self) -> TimeSpan {
        TimeSpan::from_nanos(self.prefix.last().copied().unwrap_or(0)).unwrap_or_default()
    }

    /// Business time in the window before instant `t` (a non-decreasing,
    /// continuous function of `t`).
    fn before(&self, t: UnixNanos) -> i64 {
        // Intervals that end at or before t count whole; the next one counts
        // from its start up to t, if t is past its start.
        let k = self.ended_by(t);
        let mut total = self.prefix.get(k).copied().unwrap_or(0);
        if let Some(&start) = self.starts.get(k) {
            if t > start {
                total += t - start;
            }
        }
        total
    }

    fn elapsed_nanos(&self, start: UnixNanos, end: UnixNanos) -> i64 {
        if end <= start {
            0
        } else {
            self.before(end) - self.before(start)
        }
    }

    /// Business time in `[start, end)`: the length of `[start, end)` ∩ service
    /// time. Zero when `end <= start`.
    pub fn elapsed(&self, start: UnixNanos, end: UnixNanos) -> TimeSpan {
        TimeSpan::from_nanos(self.elapsed_nanos(start, end)).unwrap_or_default()
    }

    /// Business time in `[start, end)` minus the union of `pauses`. Pauses may
    /// overlap each other (counted once) and reach outside `[start, end)`
    /// (only the inside counts); the result is never more than
    /// [`BusinessClock::elapsed`].
    pub fn elapsed_excluding(
        &self,
        start: UnixNanos,
        end: UnixNanos,
        pauses: &[Interval],
    ) -> TimeSpan {
        let total = self.elapsed_nanos(start, end);
        if total == 0 || pauses.is_empty() {
            return TimeSpan::from_nanos(total).unwrap_or_default();
        }
        let sorted = pauses.windows(2).all(|w| w[0].start() <= w[1].start());
        let paused = if sorted {
            self.paused_nanos(start, end, pauses)
        } else {
            let mut copy = pauses.to_vec();
            copy.sort_unstable();
            self.paused_nanos(start, end, &copy)
        };
        TimeSpan::from_nanos((total - paused).max(0)).unwrap_or_default()
    }

    /// Business time of the union of `pauses` (sorted by start) inside `[start, end)`.
    fn paused_nanos(&self, start: UnixNanos, end: UnixNanos, pauses: &[Interval]) -> i64 {
        let mut sum = 0;
        let mut current: Option<(UnixNanos, UnixNanos)> = None;
        for pause in pauses {
            // Clipping with max/min keeps the order by start.
            let (from, to) = (pause.start().max(start), pause.end().min(end));
            if from >= to {
                continue;
            }
            current = match current {
                Some((a, b)) if from <= b => Some((a, b.max(to))),
                Some((a, b)) => {
                    sum += self.elapsed_nanos(a, b);
                    Some((from, to))
                }
                None => Some((from, to)),
            };
        }
        if let Some((a, b)) = current {
            sum += self.elapsed_nanos(a, b);
        }
        sum
    }

    /// The earliest instant `t` with `elapsed(start, t) == span`: the due time
    /// of a target of `span` business time counted from `start`. A zero span
    /// is due at `start`. `None` when the window ends before that much
    /// business time has passed.
    pub fn add_business_time(&self, start: UnixNanos, span: TimeSpan) -> Option<UnixNanos> {
        if span == TimeSpan::ZERO {
            return Some(start);
        }
        let target = self.before(start).checked_add(span.nanos())?;
        // The first interval whose cumulative end reaches the target.
        let k = self.prefix.get(1..)?.partition_point(|&p| p < target);
        let interval_start = *self.starts.get(k)?;
        let already = *self.prefix.get(k)?;
        Some(interval_start + (target - already))
    }
}

/// One support ticket with its timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: String,
    pub priority: String,
    pub created: UnixNanos,
    pub first_response: Option<UnixNanos>,
    /// The first resolution; later ones are in [`Ticket::reopenings`].
    pub resolved: Option<UnixNanos>,
    /// Spans during which the clock stops (e.g. waiting for the customer).
    pub pauses: Vec<Interval>,
    pub reopenings: Vec<Reopening>,
    /// The source system's own verdict (the SLA was met), to be compared;
    /// it decides nothing here.
    pub verdict: Option<bool>,
}

/// A ticket reopened after a resolution, and when it was resolved again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reopening {
    pub reopened: UnixNanos,
    /// `None` while still open.
    pub resolved: Option<UnixNanos>,
}

/// Which ticket time is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketClock {
    /// From creation to the first response.
    FirstResponse,
    /// From creation to resolution, plus reopened periods.
    Resolution,
}

/// How a ticket stands against the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TicketOutcome {
    /// Decided within the target (at most the target).
    Met,
    /// Over the target, decided or still open.
    Breached,
    /// Still open and not yet over the target; not part of the share.
    Pending,
}

/// One ticket's time and outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketResult {
    /// Index of the ticket in the input.
    pub index: usize,
    pub id: String,
    /// Business time counted (up to `now` for an open ticket).
    pub elapsed: TimeSpan,
    pub outcome: TicketOutcome,
}

/// Ticket times against a target, with counts and the share within target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketTimesResult {
    /// One entry per ticket considered and not excluded, in input order.
    pub results: Vec<TicketResult>,
    pub met: usize,
    pub breached: usize,
    pub pending: usize,
    /// Invalid records of the considered priority, with the reason.
    pub excluded: Vec<Excluded>,
    /// `met ÷ (met + breached)`; `None` when no ticket is decided.
    pub share_within: Option<Ratio>,
    pub explanation: Explanation,
}

/// Times of `tickets` (only those of `priority`, if given, compared exactly)
/// on `clock_kind` against `target` business time, evaluated at `now`.
pub fn ticket_times(
    tickets: &[Ticket],
    clock_kind: TicketClock,
    priority: Option<&str>,
    target: TimeSpan,
    business: &BusinessClock,
    now: UnixNanos,
) -> TicketTimesResult {
    let mut results = Vec::with_capacity(tickets.len());
    let mut excluded = Vec::new();
    let (mut met, mut breached, mut pending) = (0usize, 0usize, 0usize);
    for (index, ticket) in tickets.iter().enumerate() {
        if priority.is_some_and(|p| p != ticket.priority) {
            continue;
        }
        if let Some(reason) = invalid(ticket, now) {
            excluded.push(Excluded {
                record: index,
                reason,
            });
            continue;
        }
        let (elapsed, open) = match clock_kind {
            TicketClock::FirstResponse => first_response_time(ticket, business, now),
            TicketClock::Resolution => resolution_time(ticket, business, now),
        };
        let outcome = if elapsed > target {
            TicketOutcome::Breached
        } else if open {
            TicketOutcome::Pending
        } else {
            TicketOutcome::Met
        };
        match outcome {
            TicketOutcome::Met => met += 1,
            TicketOutcome::Breached => breached += 1,
            TicketOutcome::Pending => pending += 1,
        }
        results.push(TicketResult {
            index,
            id: ticket.id.clone(),
            elapsed,
            outcome,
        });
    }
    let decided = met + breached;
    let share_within = Ratio::new(met as i128, decided as i128);
    let clock_name = match clock_kind {
        TicketClock::FirstResponse => "time to first response",
        TicketClock::Resolution => "time to resolution",
    };
    let explanation = Explanation {
        formula: "share within target = tickets met ÷ (tickets met + tickets breached)".into(),
        substituted: match share_within {
            Some(share) => format!(
                "{met} ÷ ({met} + {breached}) = {}%",
                share.to_percent_string(4)
            ),
            None => format!("no ticket decided yet ({pending} pending): no data"),
        },
        convention: format!(
            "{clock_name} in business time only (service hours minus holidays and exclusions); \
             target {} ({} s); at exactly the target a ticket is met; \
             the clock stops during pauses (overlapping pauses counted once){}; \
             tickets still open at the evaluation instant count time up to it and are \
             pending unless already over the target; {} ticket(s) counted, {pending} pending, \
             {} excluded; percentage rounded down",
            target.human(),
            target.exact_seconds(),
            match clock_kind {
                TicketClock::FirstResponse =>
                    "; a ticket resolved without a response stops the clock at its resolution",
                TicketClock::Resolution => "; reopened periods add their open time",
            },
            decided,
            excluded.len(),
        ),
    };
    TicketTimesResult {
        results,
        met,
        breached,
        pending,
        excluded,
        share_within,
        explanation,
    }
}

/// Why a ticket record is invalid, if it is.
fn invalid(ticket: &Ticket, now: UnixNanos) -> Option<String> {
    if ticket.created > now {
        return Some("created after the evaluation instant".into());
    }
    if ticket.first_response.is_some_and(|t| t < ticket.created) {
        return Some("first response before the ticket was created".into());
    }
    if ticket.resolved.is_some_and(|t| t < ticket.created) {
        return Some("resolved before the ticket was created".into());
    }
    for (n, reopening) in ticket.reopenings.iter().enumerate() {
        if reopening.reopened < ticket.created {
            return Some(format!(
                "reopening {} is before the ticket was created",
                n + 1
            ));
        }
        if reopening.resolved.is_some_and(|t| t < reopening.reopened) {
            return Some(format!(
                "reopening {} is resolved before it was reopened",
                n + 1
            ));
        }
    }
    None
}

/// The end of an open period as seen at `now`, and whether it is still open.
fn end_at(end: Option<UnixNanos>, now: UnixNanos) -> (UnixNanos, bool) {
    match end {
        Some(end) if end <= now => (end, false),
        _ => (now, true),
    }
}

fn first_response_time(
    ticket: &Ticket,
    business: &BusinessClock,
    now: UnixNanos,
) -> (TimeSpan, bool) {
    let (end, open) = end_at(ticket.first_response.or(ticket.resolved), now);
    (
        business.elapsed_excluding(ticket.created, end, &ticket.pauses),
        open,
    )
}

fn resolution_time(ticket: &Ticket, business: &BusinessClock, now: UnixNanos) -> (TimeSpan, bool) {
    let (end, mut open) = end_at(ticket.resolved, now);
    if ticket.reopenings.is_empty() {
        return (
            business.elapsed_excluding(ticket.created, end, &ticket.pauses),
            open,
        );
    }
    let mut periods: Vec<(UnixNanos, UnixNanos)> = Vec::with_capacity(ticket.reopenings.len() + 1);
    periods.push((ticket.created, end));
    for reopening in &ticket.reopenings {
        if reopening.reopened > now {
            continue; // not reopened yet at `now`
        }
        let (end, still_open) = end_at(reopening.resolved, now);
        open |= still_open;
        periods.push((reopening.reopened, end));
    }
    periods.sort_unstable();
    // Overlapping open periods count once.
    let mut total = TimeSpan::ZERO;
    let mut current: Option<(UnixNanos, UnixNanos)> = None;
    for (from, to) in periods {
        current = match current {
            Some((a, b)) if from <= b => Some((a, b.max(to))),
            Some((a, b)) => {
                total = add(total, business.elapsed_excluding(a, b, &ticket.pauses));
                Some((from, to))
            }
            None => Some((from, to)),
        };
    }
    if let Some((a, b)) = current {
        total = add(total, business.elapsed_excluding(a, b, &ticket.pauses));
    }
    (total, open)
}

fn add(a: TimeSpan, b: TimeSpan) -> TimeSpan {
    TimeSpan::from_nanos(a.nanos().saturating_add(b.nanos())).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service_hours::WeeklyHours;
    use chrono::{NaiveDate, TimeZone};
    use proptest::prelude::*;

    const HOUR: i64 = 3_600_000_000_000;

    fn berlin(y: i32, m: u32, d: u32, h: u32, min: u32) -> UnixNanos {
        chrono_tz::Europe::Berlin
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("an unambiguous local time")
            .timestamp()
            * 1_000_000_000
    }

    fn iv(start: UnixNanos, end: UnixNanos) -> Interval {
        Interval::new(start, end).expect("ordered")
    }

    fn hours(n: i64) -> TimeSpan {
        TimeSpan::from_nanos(n * HOUR).expect("non-negative")
    }

    fn office() -> Calendar {
        Calendar {
            time_zone: crate::time::Zone::named("Europe/Berlin").expect("a known zone"),
            hours: WeeklyHours::parse("Mon-Fri 09:00-17:00").expect("valid hours"),
            holidays: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    fn year_2026(calendar: &Calendar) -> BusinessClock {
        BusinessClock::new(
            calendar,
            iv(berlin(2026, 1, 1, 0, 0), berlin(2027, 1, 1, 0, 0)),
        )
    }

    fn ticket(id: &str, created: UnixNanos) -> Ticket {
        Ticket {
            id: id.into(),
            priority: "P1".into(),
            created,
            first_response: None,
            resolved: None,
            pauses: Vec::new(),
            reopenings: Vec::new(),
            verdict: None,
        }
    }

    fn later() -> UnixNanos {
        berlin(2026, 12, 31, 0, 0)
    }

    #[test]
    fn nights_and_weekends_do_not_count() {
        // Fri 16:00 → 17:00 (1 h), Mon 09:00 → 10:00 (1 h) = 2 h.
        let clock = year_2026(&office());
        let mut t = ticket("A", berlin(2026, 3, 6, 16, 0));
        t.first_response = Some(berlin(2026, 3, 9, 10, 0));
        let r = ticket_times(
            &[t],
            TicketClock::FirstResponse,
            None,
            hours(2),
            &clock,
            later(),
        );
        assert_eq!(r.results[0].elapsed, hours(2));
        assert_eq!(r.results[0].outcome, TicketOutcome::Met);
    }

    #[test]
    fn a_pause_across_a_night_stops_the_clock_only_in_business_time() {
        // Tue 10:00 → Wed 12:00 = 7 h + 3 h = 10 h; pause Tue 16:00 → Wed 10:00
        // covers 1 h Tue + 1 h Wed of business time: 10 − 2 = 8 h.
        let clock = year_2026(&office());
        let mut t = ticket("A", berlin(2026, 3, 10, 10, 0));
        t.resolved = Some(berlin(2026, 3, 11, 12, 0));
        t.pauses = vec![iv(berlin(2026, 3, 10, 16, 0), berlin(2026, 3, 11, 10, 0))];
        let r = ticket_times(
            &[t],
            TicketClock::Resolution,
            None,
            hours(8),
            &clock,
            later(),
        );
        assert_eq!(r.results[0].elapsed, hours(8));
    }

    #[test]
    fn overlapping_pauses_are_subtracted_once() {
        // Tue 09:00 → 17:00 = 8 h; pauses 11–13 and 12–14 are 11–14 = 3 h: 5 h.
        // Listed out of order to exercise the sorting path.
        let clock = year_2026(&office());
        let mut t = ticket("A", berlin(2026, 3, 10, 9, 0));
        t.resolved = Some(berlin(2026, 3, 10, 17, 0));
        t.pauses = vec![
            iv(berlin(2026, 3, 10, 12, 0), berlin(2026, 3, 10, 14, 0)),
            iv(berlin(2026, 3, 10, 11, 0), berlin(2026, 3, 10, 13, 0)),
        ];
        let r = ticket_times(
            &[t],
            TicketClock::Resolution,
            None,
            hours(4),
            &clock,
            later(),
        );
        assert_eq!(r.results[0].elapsed, hours(5));
        assert_eq!(r.results[0].outcome, TicketOutcome::Breached);
    }

    #[test]
    fn pauses_outside_the_open_period_count_only_inside() {
        // Open Tue 10:00 → 12:00 (2 h); pause Tue 08:00 → 11:00 covers 10–11 only: 1 h.
        let clock = year_2026(&office());
        let pause = [iv(berlin(2026, 3, 10, 8, 0), berlin(2026, 3, 10, 11, 0))];
        let elapsed = clock.elapsed_excluding(
            berlin(2026, 3, 10, 10, 0),
            berlin(2026, 3, 10, 12, 0),
            &pause,
        );
        assert_eq!(elapsed, hours(1));
    }

    #[test]
    fn a_reopening_adds_its_open_time() {
        // Mon 09–11 (2 h) + reopened Tue 15:00 → Wed 10:00 (2 h + 1 h) = 5 h.
        let clock = year_2026(&office());
        let mut t = ticket("A", berlin(2026, 3, 9, 9, 0));
        t.resolved = Some(berlin(2026, 3, 9, 11, 0));
        t.reopenings = vec![Reopening {
            reopened: berlin(2026, 3, 10, 15, 0),
            resolved: Some(berlin(2026, 3, 11, 10, 0)),
        }];
        let r = ticket_times(
            &[t],
            TicketClock::Resolution,
            None,
            hours(5),
            &clock,
            later(),
        );
        assert_eq!(r.results[0].elapsed, hours(5));
        assert_eq!(r.results[0].outcome, TicketOutcome::Met);
    }

    #[test]
    fn an_open_reopening_keeps_the_ticket_open_until_now() {
        // Mon 09–11 (2 h) + reopened Tue 09:00, still open at Tue 10:00 (1 h) = 3 h.
        let clock = year_2026(&office());
        let mut t = ticket("A", berlin(2026, 3, 9, 9, 0));
        t.resolved = Some(berlin(2026, 3, 9, 11, 0));
        t.reopenings = vec![Reopening {
            reopened: berlin(2026, 3, 10, 9, 0),
            resolved: None,
        }];
        let now = berlin(2026, 3, 10, 10, 0);
        let r = ticket_times(
            std::slice::from_ref(&t),
            TicketClock::Resolution,
            None,
            hours(4),
            &clock,
            now,
        );
        assert_eq!(r.results[0].elapsed, hours(3));
        assert_eq!(r.results[0].outcome, TicketOutcome::Pending);
        let r = ticket_times(&[t], TicketClock::Resolution, None, hours(2), &clock, now);
        assert_eq!(r.results[0].outcome, TicketOutcome::Breached);
    }

    #[test]
    fn holidays_do_not_count() {
        // Easter 2026: Good Friday 04-03 and Easter Monday 04-06 are holidays.
        // Thu 16:00 → 17:00 (1 h) + Tue 09:00 → 10:00 (1 h) = 2 h.
        let mut calendar = office();
        calendar.holidays = vec![
            NaiveDate::from_ymd_opt(2026, 4, 3).expect("date"),
            NaiveDate::from_ymd_opt(2026, 4, 6).expect("date"),
        ];
        let clock = year_2026(&calendar);
        assert_eq!(
            clock.elapsed(berlin(2026, 4, 2, 16, 0), berlin(2026, 4, 7, 10, 0)),
            hours(2)
        );
    }

    #[test]
    fn office_hours_are_local_across_both_dst_switches() {
        // Fri 16:00 CET → Mon 10:00 CEST over the spring-forward Sunday 2026-03-29: 2 h;
        // Fri 16:00 CEST → Mon 10:00 CET over the fall-back Sunday 2026-10-25: 2 h.
        let clock = year_2026(&office());
        assert_eq!(
            clock.elapsed(berlin(2026, 3, 27, 16, 0), berlin(2026, 3, 30, 10, 0)),
            hours(2)
        );
        assert_eq!(
            clock.elapsed(berlin(2026, 10, 23, 16, 0), berlin(2026, 10, 26, 10, 0)),
            hours(2)
        );
        // And the due time of 2 h from Friday 16:00 is Monday 10:00 local.
        assert_eq!(
            clock.add_business_time(berlin(2026, 3, 27, 16, 0), hours(2)),
            Some(berlin(2026, 3, 30, 10, 0))
        );
    }

    #[test]
    fn a_24x7_day_over_spring_forward_is_23_hours() {
        // Sat 12:00 CET → Sun 12:00 CEST is 24 local hours but 23 real hours.
        let calendar = Calendar {
            time_zone: crate::time::Zone::named("Europe/Berlin").expect("a known zone"),
            hours: WeeklyHours::always(),
            holidays: Vec::new(),
            exclusions: Vec::new(),
        };
        let clock = year_2026(&calendar);
        assert_eq!(
            clock.elapsed(berlin(2026, 3, 28, 12, 0), berlin(2026, 3, 29, 12, 0)),
            hours(23)
        );
    }

    #[test]
    fn an_open_ticket_counts_up_to_now_and_is_pending_within_target() {
        // Created Mon 09:00, no response, now Mon 12:00: 3 h so far.
        let clock = year_2026(&office());
        let t = ticket("A", berlin(2026, 3, 9, 9, 0));
        let now = berlin(2026, 3, 9, 12, 0);
        let r = ticket_times(
            std::slice::from_ref(&t),
            TicketClock::FirstResponse,
            None,
            hours(4),
            &clock,
            now,
        );
        assert_eq!(r.results[0].elapsed, hours(3));
        assert_eq!((r.met, r.breached, r.pending), (0, 0, 1));
        assert_eq!(r.share_within, None);
        let r = ticket_times(
            &[t],
            TicketClock::FirstResponse,
            None,
            hours(2),
            &clock,
            now,
        );
        assert_eq!((r.met, r.breached, r.pending), (0, 1, 0));
        assert_eq!(r.share_within, Ratio::new(0, 1));
    }

    #[test]
    fn a_response_after_now_has_not_happened_yet() {
        let clock = year_2026(&office());
        let mut t = ticket("A", berlin(2026, 3, 9, 9, 0));
        t.first_response = Some(berlin(2026, 3, 9, 15, 0));
        let now = berlin(2026, 3, 9, 10, 0);
        let r = ticket_times(
            &[t],
            TicketClock::FirstResponse,
            None,
            hours(4),
            &clock,
            now,
        );
        assert_eq!(r.results[0].elapsed, hours(1));
        assert_eq!(r.results[0].outcome, TicketOutcome::Pending);
    }

    #[test]
    fn exactly_at_target_is_met_and_one_nanosecond_over_is_breached() {
        let clock = year_2026(&office());
        let created = berlin(2026, 3, 9, 9, 0);
        let mut exact = ticket("exact", created);
        exact.first_response = Some(created + 2 * HOUR);
        let mut over = ticket("over", created);
        over.first_response = Some(created + 2 * HOUR + 1);
        let r = ticket_times(
            &[exact, over],
            TicketClock::FirstResponse,
            None,
            hours(2),
            &clock,
            later(),
        );
        assert_eq!(r.results[0].outcome, TicketOutcome::Met);
        assert_eq!(r.results[1].outcome, TicketOutcome::Breached);
        assert_eq!(r.results[1].elapsed.nanos(), 2 * HOUR + 1);
        // 1 ÷ (1 + 1) = 50 %
        assert_eq!(r.share_within, Ratio::new(1, 2));
        assert!(r.explanation.substituted.contains("1 ÷ (1 + 1) = 50.0000%"));
    }

    #[test]
    fn invalid_records_are_excluded_with_a_reason() {
        let clock = year_2026(&office());
        let created = berlin(2026, 3, 9, 12, 0);
        let mut early_response = ticket("A", created);
        early_response.first_response = Some(created - HOUR);
        let mut early_resolution = ticket("B", created);
        early_resolution.resolved = Some(created - 1);
        let mut backwards_reopening = ticket("C", created);
        backwards_reopening.resolved = Some(created + HOUR);
        backwards_reopening.reopenings = vec![Reopening {
            reopened: created + 3 * HOUR,
            resolved: Some(created + 2 * HOUR),
        }];
        let mut good = ticket("D", created);
        good.resolved = Some(created + HOUR);
        let r = ticket_times(
            &[early_response, early_resolution, backwards_reopening, good],
            TicketClock::Resolution,
            None,
            hours(2),
            &clock,
            later(),
        );
        assert_eq!(r.excluded.len(), 3);
        assert_eq!(r.excluded[0].record, 0);
        assert!(r.excluded[0].reason.contains("first response before"));
        assert!(r.excluded[1].reason.contains("resolved before"));
        assert!(r.excluded[2].reason.contains("reopening 1"));
        assert_eq!(r.results.len(), 1);
        assert_eq!(r.results[0].index, 3);
        assert_eq!(r.met, 1);
    }

    #[test]
    fn other_priorities_are_not_part_of_the_figure_nor_excluded() {
        let clock = year_2026(&office());
        let created = berlin(2026, 3, 9, 9, 0);
        let mut p1 = ticket("A", created);
        p1.first_response = Some(created + HOUR);
        let mut p2 = ticket("B", created);
        p2.priority = "P2".into();
        p2.first_response = Some(created - HOUR); // invalid, but not considered
        let r = ticket_times(
            &[p1, p2],
            TicketClock::FirstResponse,
            Some("P1"),
            hours(2),
            &clock,
            later(),
        );
        assert_eq!(r.results.len(), 1);
        assert!(r.excluded.is_empty());
        assert_eq!(r.share_within, Ratio::new(1, 1));
    }

    #[test]
    fn a_resolution_without_a_response_stops_the_first_response_clock() {
        let clock = year_2026(&office());
        let created = berlin(2026, 3, 9, 9, 0);
        let mut t = ticket("A", created);
        t.resolved = Some(created + 3 * HOUR);
        let r = ticket_times(
            &[t],
            TicketClock::FirstResponse,
            None,
            hours(4),
            &clock,
            later(),
        );
        assert_eq!(r.results[0].elapsed, hours(3));
        assert_eq!(r.results[0].outcome, TicketOutcome::Met);
    }

    #[test]
    fn a_due_time_past_the_window_is_none() {
        let clock = year_2026(&office());
        // Thu 2026-12-31 16:00 + 2 h of business time falls in 2027.
        assert_eq!(
            clock.add_business_time(berlin(2026, 12, 31, 16, 0), hours(2)),
            None
        );
        assert_eq!(
            clock.add_business_time(berlin(2026, 12, 31, 16, 0), hours(1)),
            Some(berlin(2026, 12, 31, 17, 0))
        );
    }

    #[test]
    fn the_day_index_finds_what_a_search_over_all_intervals_finds() {
        let (clock, _, start) = fixture();
        let edges = clock.starts.iter().chain(&clock.ends).copied();
        let days = (-2..25).map(|d| start + d * 24 * HOUR);
        for t in edges.chain(days) {
            for t in [t - 1, t, t + 1] {
                assert_eq!(
                    clock.ended_by(t),
                    clock.ends.partition_point(|&end| end <= t),
                    "at {t}"
                );
            }
        }
    }

    // Property tests: three weeks around the spring-forward switch, office hours.
    fn fixture() -> &'static (BusinessClock, IntervalSet, UnixNanos) {
        static FIXTURE: std::sync::OnceLock<(BusinessClock, IntervalSet, UnixNanos)> =
            std::sync::OnceLock::new();
        FIXTURE.get_or_init(|| {
            let mut calendar = office();
            calendar.holidays = vec![NaiveDate::from_ymd_opt(2026, 4, 3).expect("date")];
            calendar.exclusions = vec![iv(berlin(2026, 3, 24, 10, 0), berlin(2026, 3, 24, 10, 30))];
            let window = iv(berlin(2026, 3, 16, 0, 0), berlin(2026, 4, 6, 0, 0));
            let service = calendar.service_time(window);
            (
                BusinessClock::new(&calendar, window),
                service,
                window.start(),
            )
        })
    }

    /// An instant from a day before the window to a day after it.
    fn instant() -> impl Strategy<Value = UnixNanos> {
        let base = fixture().2 - 24 * HOUR;
        (0i64..23 * 24 * HOUR).prop_map(move |offset| base + offset)
    }

    fn pause() -> impl Strategy<Value = Interval> {
        (instant(), 0i64..30 * HOUR).prop_map(|(start, length)| iv(start, start + length))
    }

    fn naive(service: &IntervalSet, start: UnixNanos, end: UnixNanos, pauses: &[Interval]) -> i64 {
        // [start, end) minus the union of the pauses, intersected with the service set.
        let Some(open) = Interval::new(start, end) else {
            return 0;
        };
        IntervalSet::from_intervals([open])
            .difference(&IntervalSet::from_intervals(pauses.iter().copied()))
            .intersection(service)
            .length()
            .nanos()
    }

    proptest! {
        #[test]
        fn elapsed_equals_the_interval_set_computation(a in instant(), b in instant()) {
            let (clock, service, _) = fixture();
            prop_assert_eq!(clock.elapsed(a, b).nanos(), naive(service, a, b, &[]));
        }

        #[test]
        fn elapsed_excluding_equals_the_interval_set_computation(
            a in instant(), b in instant(), pauses in proptest::collection::vec(pause(), 0..6)
        ) {
            let (clock, service, _) = fixture();
            prop_assert_eq!(clock.elapsed_excluding(a, b, &pauses).nanos(), naive(service, a, b, &pauses));
        }

        #[test]
        fn a_pause_never_lengthens_elapsed_time(
            a in instant(), b in instant(), pauses in proptest::collection::vec(pause(), 0..6), extra in pause()
        ) {
            let (clock, _, _) = fixture();
            let without = clock.elapsed_excluding(a, b, &pauses);
            prop_assert!(without <= clock.elapsed(a, b));
            let mut more = pauses.clone();
            more.push(extra);
            prop_assert!(clock.elapsed_excluding(a, b, &more) <= without);
        }

        #[test]
        fn elapsed_is_additive_over_a_split_point(a in instant(), m in instant(), b in instant()) {
            let (clock, _, _) = fixture();
            let mut v = [a, m, b];
            v.sort_unstable();
            let [a, m, b] = v;
            prop_assert_eq!(
                clock.elapsed(a, m).nanos() + clock.elapsed(m, b).nanos(),
                clock.elapsed(a, b).nanos()
            );
        }

        #[test]
        fn add_business_time_inverts_elapsed(start in instant(), span in 0i64..100 * HOUR) {
            let (clock, _, _) = fixture();
            let span = TimeSpan::from_nanos(span).expect("non-negative");
            match clock.add_business_time(start, span) {
                Some(due) => {
                    prop_assert_eq!(clock.elapsed(start, due), span);
                    // The earliest such instant.
                    if span > TimeSpan::ZERO {
                        prop_assert!(clock.elapsed(start, due - 1) < span);
                    }
                }
                None => prop_assert!(clock.elapsed(start, clock.window().end()) < span),
            }
        }
    }
}
