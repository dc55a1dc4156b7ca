//! Service calendars: weekly service hours on the wall clock of a time zone
//! (an IANA zone or a fixed offset, see [`super::zone`]), minus holidays
//! (whole local days) and agreed exclusions such as planned maintenance
//! windows. A 24x7 calendar is a calendar like any other.
//!
//! DST is handled on the real time line: each local range is turned into UTC
//! instants with the zone's rules for that date, so a service day of
//! 00:00–24:00 is 23 hours long on the spring-forward day and 25 hours on the
//! fall-back day (Europe/Berlin, 2026-03-29 and 2026-10-25).
//!
//! - A local time that does not exist (inside a spring-forward gap) is moved
//!   to the first instant after the gap: `02:30` on 2026-03-29 in Berlin is
//!   `03:00` CEST, so a range `02:00-03:00` that day is empty.
//! - A local time that exists twice (inside a fall-back fold) is the earlier
//!   instant when it starts a range and the later one when it ends a range,
//!   so a range covers the whole repeated hour.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::interval::{Interval, IntervalSet, UnixNanos};
use super::zone::Zone;
use crate::service_hours::WeeklyHours;

/// Where in a range a local time is used; decides which instant a repeated
/// local time maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

/// Service hours in a time zone, with holidays and exclusions.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    pub time_zone: Zone,
    pub hours: WeeklyHours,
    /// Whole local days without service.
    pub holidays: Vec<NaiveDate>,
    /// Agreed exclusions on the UTC time line (maintenance windows).
    pub exclusions: Vec<Interval>,
}

impl Calendar {
    /// 24 × 7 in UTC, no holidays, no exclusions.
    pub fn always() -> Calendar {
        Calendar {
            time_zone: Zone::utc(),
            hours: WeeklyHours::always(),
            holidays: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    /// The instants of agreed service time within `window`: service hours,
    /// minus holidays, minus exclusions.
    pub fn service_time(&self, window: Interval) -> IntervalSet {
        let zone = &self.time_zone;
        let (Some(first), Some(last)) = (
            local_date(zone, window.start()),
            local_date(zone, window.end()),
        ) else {
            return IntervalSet::new();
        };
        // One day of margin on each side: overnight hours and offsets reach across midnight.
        let first = first.checked_sub_days(Days::new(1)).unwrap_or(first);
        let last = last.checked_add_days(Days::new(1)).unwrap_or(last);
        let mut ranges = Vec::new();
        let mut date = first;
        while date <= last {
            let weekday = date.weekday().num_days_from_monday() as usize;
            for range in self.hours.day(weekday) {
                let start = to_utc(zone, date, range.start_minute, Edge::Start);
                let end = to_utc(zone, date, range.end_minute, Edge::End);
                if let (Some(start), Some(end)) = (start, end) {
                    if let Some(interval) = Interval::new(start, end) {
                        ranges.push(interval);
                    }
                }
            }
            match date.checked_add_days(Days::new(1)) {
                Some(next) => date = next,
                None => break,
            }
        }
        let hours = IntervalSet::from_intervals(ranges).clip(window);
        let holidays = IntervalSet::from_intervals(self.holidays.iter().filter_map(|day| {
            let start = to_utc(zone, *day, 0, Edge::Start)?;
            let end = to_utc(zone, *day, 1_440, Edge::End)?;
            Interval::new(start, end)
        }));
        let exclusions = IntervalSet::from_intervals(self.exclusions.iter().copied());
        hours.difference(&holidays).difference(&exclusions)
    }
}

/// The local date of an instant in a zone.
pub fn local_date(zone: &Zone, instant: UnixNanos) -> Option<NaiveDate> {
    zone.local_date(instant)
}

/// The UTC instant of local `date` + `minute` (0..=1440; 1440 is the next
/// day's midnight), with the gap and fold rules of the module docs.
pub fn to_utc(zone: &Zone, date: NaiveDate, minute: u16, edge: Edge) -> Option<UnixNanos> {
    let (date, minute) = if minute >= 1_440 {
        (date.checked_add_days(Days::new(1))?, minute - 1_440)
    } else {
        (date, minute)
    };
    let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)?;
    local_to_utc(zone, date.and_time(time), edge)
}

/// A local wall-clock time to a UTC instant, with the gap and fold rules of
/// the module docs (a time inside a gap, whatever its seconds, becomes the
/// first instant after the gap).
pub fn local_to_utc(zone: &Zone, local: NaiveDateTime, edge: Edge) -> Option<UnixNanos> {
    zone.to_utc(local, edge)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    const HOUR: i64 = 3_600_000_000_000;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .and_then(|t| t.timestamp_nanos_opt())
            .expect("valid instant")
    }

    fn berlin_zone() -> Zone {
        Zone::named("Europe/Berlin").expect("a known zone")
    }

    fn berlin(hours: &str) -> Calendar {
        Calendar {
            time_zone: berlin_zone(),
            hours: WeeklyHours::parse(hours).expect("valid hours"),
            holidays: Vec::new(),
            exclusions: Vec::new(),
        }
    }

    fn window(a: i64, b: i64) -> Interval {
        Interval::new(a, b).expect("ordered")
    }

    #[test]
    fn a_spring_forward_day_has_23_hours() {
        // 2026-03-29 Berlin: 02:00 CET → 03:00 CEST. Local day = 2026-03-28 23:00Z .. 2026-03-29 22:00Z = 23 h.
        let cal = berlin("24x7");
        let day = window(utc(2026, 3, 28, 23, 0), utc(2026, 3, 29, 22, 0));
        assert_eq!(cal.service_time(day).length().nanos(), 23 * HOUR);
        let start = to_utc(
            &berlin_zone(),
            NaiveDate::from_ymd_opt(2026, 3, 29).expect("date"),
            0,
            Edge::Start,
        );
        let end = to_utc(
            &berlin_zone(),
            NaiveDate::from_ymd_opt(2026, 3, 29).expect("date"),
            1_440,
            Edge::End,
        );
        assert_eq!(end.zip(start).map(|(e, s)| e - s), Some(23 * HOUR));
    }

    #[test]
    fn a_fall_back_day_has_25_hours() {
        // 2026-10-25 Berlin: 03:00 CEST → 02:00 CET. 2026-10-24 22:00Z .. 2026-10-25 23:00Z = 25 h.
        let date = NaiveDate::from_ymd_opt(2026, 10, 25).expect("date");
        let tz = berlin_zone();
        let length = to_utc(&tz, date, 1_440, Edge::End)
            .zip(to_utc(&tz, date, 0, Edge::Start))
            .map(|(e, s)| e - s);
        assert_eq!(length, Some(25 * HOUR));
        // A range over the repeated hour covers both copies of it: 02:00-03:00 local is 2 h of real time.
        let cal = berlin("Sun 02:00-03:00");
        let week = window(utc(2026, 10, 19, 0, 0), utc(2026, 10, 26, 0, 0));
        assert_eq!(cal.service_time(week).length().nanos(), 2 * HOUR);
    }

    #[test]
    fn a_range_inside_the_gap_is_empty() {
        // 2026-03-29 02:00-03:00 does not exist in Berlin.
        let cal = berlin("Sun 02:00-03:00");
        let week = window(utc(2026, 3, 23, 0, 0), utc(2026, 3, 30, 0, 0));
        assert_eq!(cal.service_time(week).length().nanos(), 0);
    }

    #[test]
    fn office_hours_in_a_dst_week_are_still_ten_hours_a_day() {
        // Mon 2026-03-23 .. Mon 2026-03-30 (the switch is on Sunday): 5 × 10 h of local office time.
        let cal = berlin("Mon-Fri 08:00-18:00");
        let week = window(utc(2026, 3, 22, 23, 0), utc(2026, 3, 29, 22, 0));
        let service = cal.service_time(week);
        assert_eq!(service.length().nanos(), 50 * HOUR);
        // Monday 08:00 CET is 07:00Z.
        assert_eq!(service.intervals()[0].start(), utc(2026, 3, 23, 7, 0));
    }

    #[test]
    fn holidays_and_maintenance_are_removed() {
        let mut cal = berlin("Mon-Fri 08:00-18:00");
        cal.holidays
            .push(NaiveDate::from_ymd_opt(2026, 12, 25).expect("date")); // a Friday
        cal.exclusions
            .push(window(utc(2026, 12, 21, 7, 0), utc(2026, 12, 21, 9, 0))); // Mon 08:00-10:00 CET
        let week = window(utc(2026, 12, 20, 23, 0), utc(2026, 12, 27, 23, 0));
        assert_eq!(
            cal.service_time(week).length().nanos(),
            (50 - 10 - 2) * HOUR
        );
    }

    #[test]
    fn the_window_clips_the_hours() {
        let cal = Calendar::always();
        let w = window(utc(2026, 2, 1, 0, 0), utc(2026, 3, 1, 0, 0));
        assert_eq!(cal.service_time(w).length().nanos(), 28 * 24 * HOUR);
    }
}
