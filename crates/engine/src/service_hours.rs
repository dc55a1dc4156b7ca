//! Weekly service hours ("Mon–Fri 08:00–18:00, Sat 09:00–13:00") and the
//! service time they give in a period.
//!
//! Times are minutes of the day, 00:00 to 24:00. A range that ends before it
//! starts (`22:00-06:00`) runs overnight into the next day (Sunday into Monday).
//! Overlapping ranges on a day are merged, never counted twice.

use crate::{Explained, Explanation, Period, TimeSpan};
use chrono::{Datelike, Days};
use thiserror::Error;

const MINUTES_PER_DAY: u16 = 1_440;
const NANOS_PER_MINUTE: i64 = 60_000_000_000;
const DAY_ABBREVIATIONS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// English weekday names, Monday first (index 0), as [`WeeklyHours::day`] numbers them.
pub const DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A time range within one day, in minutes from midnight, `start < end <= 1440`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeRange {
    pub start_minute: u16,
    pub end_minute: u16,
}

/// Service hours for each weekday, Monday first (index 0) to Sunday (6).
/// Each day's ranges are kept merged and sorted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WeeklyHours {
    days: [Vec<TimeRange>; 7],
}

/// Why a text is not a set of service hours. `position` is a 0-based character index.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum HoursError {
    #[error("that is too long for service hours (at most 500 characters)")]
    TooLong,
    #[error("unknown day `{found}` at position {position}; use Mon, Tue, Wed, Thu, Fri, Sat, Sun")]
    UnknownDay { found: String, position: usize },
    #[error("`{found}` at position {position} is not a time; write HH:MM, e.g. 08:00")]
    BadTime { found: String, position: usize },
    #[error("{found} at position {position} is not a time of day (00:00 to 24:00)")]
    TimeOutOfRange { found: String, position: usize },
    #[error("expected {expected} at position {position}")]
    Expected {
        expected: &'static str,
        position: usize,
    },
}

impl WeeklyHours {
    /// 24 × 7.
    pub fn always() -> WeeklyHours {
        let all_day = vec![TimeRange {
            start_minute: 0,
            end_minute: MINUTES_PER_DAY,
        }];
        WeeklyHours {
            days: std::array::from_fn(|_| all_day.clone()),
        }
    }

    /// No service time at all.
    pub fn none() -> WeeklyHours {
        WeeklyHours {
            days: Default::default(),
        }
    }

    /// Parses `Mon-Fri 08:00-18:00; Sat 09:00-13:00`, `24x7`, `mon,wed 9:00-17:00 13:00-14:00`.
    /// Groups are separated by `;` or newlines; a group is a day list (names or
    /// ranges, comma separated, any case, English 3-letter or full names) then one
    /// or more time ranges. `24:00` is allowed as an end. The empty text is no hours.
    ///
    /// # Errors
    /// See [`HoursError`], always with the character position.
    pub fn parse(text: &str) -> Result<WeeklyHours, HoursError> {
        if text.chars().count() > 500 {
            return Err(HoursError::TooLong);
        }
        let chars: Vec<char> = text.chars().collect();
        let mut hours = WeeklyHours::none();
        let mut start = 0;
        while start <= chars.len() {
            let end = (start..chars.len())
                .find(|&i| chars[i] == ';' || chars[i] == '\n')
                .unwrap_or(chars.len());
            parse_group(&chars[start..end], start, &mut hours)?;
            start = end + 1;
        }
        Ok(hours)
    }

    /// Canonical text that [`WeeklyHours::parse`] reads back to an equal value,
    /// days with equal ranges grouped: `Mon-Fri 08:00-18:00; Sat 09:00-13:00`, `24x7`, or `` for none.
    pub fn to_text(&self) -> String {
        if *self == WeeklyHours::always() {
            return "24x7".into();
        }
        let mut groups = Vec::new();
        let mut day = 0;
        while day < 7 {
            let ranges = &self.days[day];
            let mut last = day;
            while last + 1 < 7 && self.days[last + 1] == *ranges {
                last += 1;
            }
            if !ranges.is_empty() {
                let days = if last == day {
                    DAY_ABBREVIATIONS[day].to_string()
                } else {
                    format!("{}-{}", DAY_ABBREVIATIONS[day], DAY_ABBREVIATIONS[last])
                };
                let times: Vec<String> = ranges
                    .iter()
                    .map(|r| format!("{}-{}", clock(r.start_minute), clock(r.end_minute)))
                    .collect();
                groups.push(format!("{days} {}", times.join(" ")));
            }
            day = last + 1;
        }
        groups.join("; ")
    }

    /// The merged ranges of one weekday (0 = Monday). Out-of-range indices give `&[]`.
    pub fn day(&self, weekday: usize) -> &[TimeRange] {
        self.days.get(weekday).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Replaces one weekday's ranges (merged and sorted on the way in); ignores indices above 6.
    pub fn set_day(&mut self, weekday: usize, ranges: Vec<TimeRange>) {
        if let Some(day) = self.days.get_mut(weekday) {
            *day = merge(ranges);
        }
    }

    /// Service minutes on one weekday (0 = Monday).
    fn day_minutes(&self, weekday: usize) -> i64 {
        self.day(weekday)
            .iter()
            .map(|r| i64::from(r.end_minute) - i64::from(r.start_minute))
            .sum()
    }

    /// Service time in one week.
    pub fn per_week(&self) -> TimeSpan {
        let minutes: i64 = (0..7).map(|d| self.day_minutes(d)).sum();
        TimeSpan::from_nanos(minutes * NANOS_PER_MINUTE).unwrap_or_default()
    }

    /// Service time in a period: for a calendar month, quarter or year the
    /// weekdays of its actual dates are counted (February 2026 has 20 weekdays);
    /// for average periods, `week × length / 604,800 s` (a month is 4.348125
    /// weeks), rounded to the nearest nanosecond, halves up; a day is a seventh of a week.
    pub fn service_time(&self, period: Period) -> Explained<TimeSpan> {
        let week = self.per_week();
        if let Some((start, end)) = period.dates() {
            let mut count = [0i64; 7];
            let mut date = start;
            while date < end {
                count[date.weekday().num_days_from_monday() as usize] += 1;
                match date.checked_add_days(Days::new(1)) {
                    Some(next) => date = next,
                    None => break,
                }
            }
            let minutes: i64 = (0..7).map(|d| count[d] * self.day_minutes(d)).sum();
            let value = TimeSpan::from_nanos(minutes * NANOS_PER_MINUTE).unwrap_or_default();
            let terms: Vec<String> = (0..7)
                .filter(|&d| self.day_minutes(d) > 0)
                .map(|d| {
                    format!(
                        "{} {}s × {}",
                        count[d],
                        DAY_NAMES[d],
                        minutes_text(self.day_minutes(d))
                    )
                })
                .collect();
            return Explained {
                value,
                explanation: Explanation {
                    formula: "service time = Σ over the days of the period of that weekday's service hours".into(),
                    substituted: format!(
                        "{} = {} s",
                        if terms.is_empty() { "no service hours".into() } else { terms.join(" + ") },
                        value.exact_seconds()
                    ),
                    convention: format!("{}; no holidays", period.convention()),
                },
            };
        }
        let length = period.length();
        let week_length = Period::Week.length();
        let numerator = i128::from(week.nanos()) * i128::from(length.nanos());
        let denominator = i128::from(week_length.nanos());
        let nanos = (numerator + denominator / 2) / denominator;
        let value =
            TimeSpan::from_nanos(i64::try_from(nanos).unwrap_or(i64::MAX)).unwrap_or_default();
        Explained {
            value,
            explanation: Explanation {
                formula: "service time = weekly service time × length of the period ÷ 604,800 s (one week)".into(),
                substituted: format!(
                    "{} s × {} s ÷ 604,800 s = {} s",
                    week.exact_seconds(),
                    length.exact_seconds(),
                    value.exact_seconds()
                ),
                convention: format!(
                    "{}; an average period holds a fraction of weeks (a month is 4.348125 weeks), rounded to the nanosecond",
                    period.convention()
                ),
            },
        }
    }
}

fn clock(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

fn minutes_text(minutes: i64) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Sorts and unites overlapping or touching ranges; drops empty ones.
fn merge(mut ranges: Vec<TimeRange>) -> Vec<TimeRange> {
    ranges.retain(|r| r.start_minute < r.end_minute && r.end_minute <= MINUTES_PER_DAY);
    crate::order::sort(&mut ranges);
    let mut merged: Vec<TimeRange> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start_minute <= last.end_minute => {
                last.end_minute = last.end_minute.max(range.end_minute);
            }
            _ => merged.push(range),
        }
    }
    merged
}

fn day_index(name: &str) -> Option<usize> {
    let name = name.to_ascii_lowercase();
    DAY_NAMES.iter().position(|full| {
        let full = full.to_ascii_lowercase();
        name == full || name == full[..3] || (name.len() >= 3 && full.starts_with(&name))
    })
}

/// One group: `Mon-Fri,Sun 08:00-12:00 13:00-17:00`, or `24x7`. `offset` is
/// the group's position in the whole text.
fn parse_group(chars: &[char], offset: usize, hours: &mut WeeklyHours) -> Result<(), HoursError> {
    let mut i = 0;
    let skip_blank = |i: &mut usize| {
        while *i < chars.len() && chars[*i].is_whitespace() {
            *i += 1;
        }
    };
    skip_blank(&mut i);
    if i == chars.len() {
        return Ok(());
    }
    let rest: String = chars[i..]
        .iter()
        .collect::<String>()
        .trim()
        .to_ascii_lowercase();
    if rest == "24x7" || rest == "24/7" || rest == "24×7" {
        *hours = WeeklyHours::always();
        return Ok(());
    }
    // Day list.
    let mut days: Vec<usize> = Vec::new();
    loop {
        skip_blank(&mut i);
        let (first, next) = read_day(chars, i, offset)?;
        i = next;
        skip_blank(&mut i);
        if i < chars.len()
            && chars[i] == '-'
            && chars.get(i + 1..).is_some_and(|r| {
                r.iter()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| c.is_alphabetic())
            })
        {
            i += 1;
            skip_blank(&mut i);
            let (last, next) = read_day(chars, i, offset)?;
            i = next;
            let mut d = first;
            loop {
                days.push(d);
                if d == last {
                    break;
                }
                d = (d + 1) % 7;
            }
        } else {
            days.push(first);
        }
        skip_blank(&mut i);
        if i < chars.len() && chars[i] == ',' {
            i += 1;
            continue;
        }
        break;
    }
    // Time ranges.
    let mut ranges = 0;
    loop {
        skip_blank(&mut i);
        while i < chars.len() && chars[i] == ',' {
            i += 1;
            skip_blank(&mut i);
        }
        if i >= chars.len() {
            break;
        }
        let (start, next) = read_time(chars, i, offset)?;
        i = next;
        skip_blank(&mut i);
        if i >= chars.len() || !matches!(chars[i], '-' | '–') {
            return Err(HoursError::Expected {
                expected: "`-` between the start and the end of a range",
                position: offset + i,
            });
        }
        i += 1;
        skip_blank(&mut i);
        let (end, next) = read_time(chars, i, offset)?;
        if start == MINUTES_PER_DAY {
            return Err(HoursError::TimeOutOfRange {
                found: "24:00".into(),
                position: offset + next.saturating_sub(5),
            });
        }
        if start == end {
            return Err(HoursError::Expected {
                expected: "an end different from the start",
                position: offset + i,
            });
        }
        i = next;
        for &day in &days {
            add_range(hours, day, start, end);
        }
        ranges += 1;
    }
    if ranges == 0 {
        return Err(HoursError::Expected {
            expected: "a time range such as 08:00-18:00",
            position: offset + i,
        });
    }
    Ok(())
}

/// Adds a range to a day; one that ends before it starts runs into the next day.
fn add_range(hours: &mut WeeklyHours, day: usize, start: u16, end: u16) {
    let mut push = |d: usize, range: TimeRange| {
        let mut ranges = hours.days[d].clone();
        ranges.push(range);
        hours.days[d] = merge(ranges);
    };
    if start < end {
        push(
            day,
            TimeRange {
                start_minute: start,
                end_minute: end,
            },
        );
    } else {
        push(
            day,
            TimeRange {
                start_minute: start,
                end_minute: MINUTES_PER_DAY,
            },
        );
        if end > 0 {
            push(
                (day + 1) % 7,
                TimeRange {
                    start_minute: 0,
                    end_minute: end,
                },
            );
        }
    }
}

fn read_day(chars: &[char], start: usize, offset: usize) -> Result<(usize, usize), HoursError> {
    let mut i = start;
    while i < chars.len() && chars[i].is_alphabetic() {
        i += 1;
    }
    let name: String = chars[start..i].iter().collect();
    if name.is_empty() {
        let found: String = chars[start..]
            .iter()
            .take_while(|c| !c.is_whitespace())
            .take(12)
            .collect();
        return Err(HoursError::UnknownDay {
            found: if found.is_empty() {
                "(nothing)".into()
            } else {
                found
            },
            position: offset + start,
        });
    }
    day_index(&name)
        .map(|d| (d, i))
        .ok_or_else(|| HoursError::UnknownDay {
            found: name.chars().take(12).collect(),
            position: offset + start,
        })
}

/// `H:MM` or `HH:MM`, 00:00 to 24:00; returns minutes and the index after it.
fn read_time(chars: &[char], start: usize, offset: usize) -> Result<(u16, usize), HoursError> {
    let mut i = start;
    while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == ':' || chars[i] == '.') {
        i += 1;
    }
    let text: String = chars[start..i].iter().collect();
    let bad = || HoursError::BadTime {
        found: if text.is_empty() {
            chars[start..]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .take(12)
                .collect()
        } else {
            text.chars().take(12).collect()
        },
        position: offset + start,
    };
    let (h, m) = text.split_once([':', '.']).ok_or_else(bad)?;
    if h.is_empty()
        || h.len() > 2
        || m.len() != 2
        || !h.chars().all(|c| c.is_ascii_digit())
        || !m.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(HoursError::TimeOutOfRange {
            found: text.chars().take(12).collect(),
            position: offset + start,
        });
    }
    Ok((h * 60 + m, i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const HOUR: i64 = 3_600_000_000_000;

    fn parse(text: &str) -> WeeklyHours {
        WeeklyHours::parse(text).expect("valid hours")
    }

    #[test]
    fn office_hours_and_a_saturday_morning_are_54_hours_a_week() {
        // 5 × 10 h + 4 h
        let hours = parse("Mon-Fri 08:00-18:00; Sat 09:00-13:00");
        assert_eq!(hours.per_week().nanos(), 54 * HOUR);
        assert_eq!(hours.to_text(), "Mon-Fri 08:00-18:00; Sat 09:00-13:00");
    }

    #[test]
    fn february_2026_counts_its_real_weekdays() {
        // February 2026 starts on a Sunday: 20 weekdays and 4 Saturdays → 20 × 10 h + 4 × 4 h = 216 h
        let hours = parse("Mon-Fri 08:00-18:00; Sat 09:00-13:00");
        let feb = hours.service_time(Period::CalendarMonth {
            year: 2026,
            month: 2,
        });
        assert_eq!(feb.value.nanos(), 216 * HOUR);
        assert!(
            feb.explanation.substituted.contains("4 Saturdays × 4 h"),
            "{:?}",
            feb.explanation
        );
    }

    #[test]
    fn an_average_month_is_4_348125_weeks() {
        // 54 h × 4.348125 = 234.79875 h = 845,275.5 s
        let hours = parse("Mon-Fri 08:00-18:00; Sat 09:00-13:00");
        assert_eq!(
            hours.service_time(Period::AverageMonth).value.nanos(),
            845_275_500_000_000
        );
        // a day is a seventh of the week: 54 h / 7 = 27,771.428571428… s, rounded half up to the ns
        assert_eq!(
            hours.service_time(Period::Day).value.nanos(),
            27_771_428_571_429
        );
    }

    #[test]
    fn overnight_ranges_run_into_the_next_day() {
        let hours = parse("Fri 22:00-06:00");
        assert_eq!(
            hours.day(4),
            &[TimeRange {
                start_minute: 1_320,
                end_minute: 1_440
            }]
        );
        assert_eq!(
            hours.day(5),
            &[TimeRange {
                start_minute: 0,
                end_minute: 360
            }]
        );
        let sunday = parse("Sun 22:00-02:00");
        assert_eq!(
            sunday.day(0),
            &[TimeRange {
                start_minute: 0,
                end_minute: 120
            }]
        );
        assert_eq!(sunday.per_week().nanos(), 4 * HOUR);
    }

    #[test]
    fn overlapping_ranges_are_counted_once() {
        assert_eq!(
            parse("Mon 08:00-12:00 10:00-14:00").per_week().nanos(),
            6 * HOUR
        );
        assert_eq!(
            parse("mon, monday 08:00-12:00").per_week().nanos(),
            4 * HOUR
        );
    }

    #[test]
    fn always_is_168_hours_and_reads_back() {
        assert_eq!(WeeklyHours::always().per_week().nanos(), 168 * HOUR);
        assert_eq!(parse("24x7"), WeeklyHours::always());
        assert_eq!(parse("Mon-Sun 00:00-24:00").to_text(), "24x7");
        assert_eq!(parse(""), WeeklyHours::none());
    }

    #[test]
    fn day_ranges_may_wrap_around_the_week() {
        assert_eq!(parse("Sat-Mon 10:00-11:00").per_week().nanos(), 3 * HOUR);
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(
            WeeklyHours::parse("Mox 08:00-10:00"),
            Err(HoursError::UnknownDay {
                found: "Mox".into(),
                position: 0
            })
        );
        assert_eq!(
            WeeklyHours::parse("Mon 25:00-26:00"),
            Err(HoursError::TimeOutOfRange {
                found: "25:00".into(),
                position: 4
            })
        );
        assert!(matches!(
            WeeklyHours::parse("Mon 8-10"),
            Err(HoursError::BadTime { position: 4, .. })
        ));
        assert!(matches!(
            WeeklyHours::parse("Mon 08:00"),
            Err(HoursError::Expected { .. })
        ));
        assert!(matches!(
            WeeklyHours::parse("Mon"),
            Err(HoursError::Expected { .. })
        ));
        assert!(matches!(
            WeeklyHours::parse("Mon 08:00-08:00"),
            Err(HoursError::Expected { .. })
        ));
        assert_eq!(
            WeeklyHours::parse(&"M".repeat(501)),
            Err(HoursError::TooLong)
        );
    }

    fn any_hours() -> impl Strategy<Value = WeeklyHours> {
        let range = (0u16..1440, 1u16..=1440).prop_filter_map("non-empty", |(a, b)| {
            (a < b).then_some(TimeRange {
                start_minute: a,
                end_minute: b,
            })
        });
        proptest::array::uniform7(proptest::collection::vec(range, 0..4)).prop_map(|days| {
            let mut hours = WeeklyHours::none();
            for (d, ranges) in days.into_iter().enumerate() {
                hours.set_day(d, ranges);
            }
            hours
        })
    }

    proptest! {
        #[test]
        fn canonical_text_reads_back_equal(hours in any_hours()) {
            prop_assert_eq!(WeeklyHours::parse(&hours.to_text()), Ok(hours));
        }

        #[test]
        fn parsing_never_panics(text in ".{0,120}") {
            let _ = WeeklyHours::parse(&text);
        }

        #[test]
        fn parsing_day_like_text_never_panics(text in "[MonTueFriSat0-9:;, \\-]{0,60}") {
            let _ = WeeklyHours::parse(&text);
        }

        #[test]
        fn a_calendar_month_has_at_most_its_days_of_service(hours in any_hours(), month in 1u32..=12) {
            let period = Period::CalendarMonth { year: 2026, month };
            prop_assert!(hours.service_time(period).value <= period.length());
        }
    }
}
