//! Weekly service hours ("Mon–Fri 08:00–18:00, Sat 09:00–13:00") and the
//! service time they give in a period.
//!
//! Times are minutes of the day, 00:00 to 24:00. A range that ends before it
//! starts (`22:00-06:00`) runs overnight into the next day (Sunday into Monday).
//! Overlapping ranges on a day are merged, never counted twice.

use crate::{Explained, Period, TimeSpan};
use thiserror::Error;

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
    Expected { expected: &'static str, position: usize },
}

impl WeeklyHours {
    /// 24 × 7.
    pub fn always() -> WeeklyHours {
        todo!()
    }

    /// No service time at all.
    pub fn none() -> WeeklyHours {
        WeeklyHours { days: Default::default() }
    }

    /// Parses `Mon-Fri 08:00-18:00; Sat 09:00-13:00`, `24x7`, `mon,wed 9:00-17:00 13:00-14:00`.
    /// Groups are separated by `;` or newlines; a group is a day list (names or
    /// ranges, comma separated, any case, English 3-letter or full names) then one
    /// or more time ranges. `24:00` is allowed as an end. The empty text is no hours.
    ///
    /// # Errors
    /// See [`HoursError`], always with the character position.
    pub fn parse(text: &str) -> Result<WeeklyHours, HoursError> {
        todo!("{text}")
    }

    /// Canonical text that [`WeeklyHours::parse`] reads back to an equal value,
    /// days with equal ranges grouped: `Mon-Fri 08:00-18:00; Sat 09:00-13:00`, `24x7`, or `` for none.
    pub fn to_text(&self) -> String {
        todo!()
    }

    /// The merged ranges of one weekday (0 = Monday). Out-of-range indices give `&[]`.
    pub fn day(&self, weekday: usize) -> &[TimeRange] {
        self.days.get(weekday).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Replaces one weekday's ranges (merged and sorted on the way in); ignores indices above 6.
    pub fn set_day(&mut self, weekday: usize, ranges: Vec<TimeRange>) {
        todo!("{weekday}{ranges:?}")
    }

    /// Service time in one week.
    pub fn per_week(&self) -> TimeSpan {
        todo!()
    }

    /// Service time in a period: for a calendar month, quarter or year the
    /// weekdays of its actual dates are counted (February 2026 has 20 weekdays);
    /// for average periods, `week × length / 604,800 s` (a month is 4.348125
    /// weeks), rounded to the nearest nanosecond, halves up; a day is a seventh of a week.
    pub fn service_time(&self, period: Period) -> Explained<TimeSpan> {
        todo!("{period:?}")
    }
}
