//! Periods over which a level is promised, and their exact lengths.
//!
//! Two conventions, always labelled in the UI:
//! - **average** periods, as uptime.is uses them: a Gregorian year of
//!   365.2425 days (31,556,952 s), a month of a twelfth of it
//!   (30.436875 days, 2,629,746 s), a quarter of a quarter of it
//!   (91.310625 days, 7,889,238 s);
//! - **calendar** periods: a concrete month, quarter or year, counted in whole
//!   days of 86,400 s (the quick calculator has no time zone, so no DST day
//!   is 23 or 25 hours long).

use crate::TimeSpan;

/// A period whose length is known without a time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// 86,400 s.
    Day,
    /// 604,800 s.
    Week,
    /// 2,629,746 s (30.436875 days).
    AverageMonth,
    /// 7,889,238 s (91.310625 days).
    AverageQuarter,
    /// 31,556,952 s (365.2425 days).
    AverageYear,
    /// A concrete month, `month` in 1..=12.
    CalendarMonth { year: i32, month: u32 },
    /// A concrete quarter, `quarter` in 1..=4 (Q1 = January to March).
    CalendarQuarter { year: i32, quarter: u32 },
    /// A concrete year.
    CalendarYear { year: i32 },
}

impl Period {
    /// The five average periods in display order: day, week, month, quarter, year.
    pub const AVERAGE: [Period; 5] = [
        Period::Day,
        Period::Week,
        Period::AverageMonth,
        Period::AverageQuarter,
        Period::AverageYear,
    ];

    /// Day, week, then the calendar month, its quarter and its year.
    /// `month` is clamped to 1..=12 and `year` to 1..=9999.
    pub fn calendar_set(year: i32, month: u32) -> [Period; 5] {
        todo!("{year}{month}")
    }

    /// Exact length. Calendar periods with an invalid month or quarter, or a
    /// year outside 1..=9999, are clamped into range first.
    pub fn length(self) -> TimeSpan {
        todo!()
    }

    /// Whole days in the period for calendar ones (28–31, 90–92, 365–366);
    /// `None` for the average ones and for day/week.
    pub fn days(self) -> Option<u32> {
        todo!()
    }

    /// A short label: `day`, `week`, `month (average)`, `quarter (average)`,
    /// `year (average)`, `February 2026`, `Q1 2026`, `2026`.
    pub fn label(self) -> String {
        todo!()
    }

    /// The convention in one line, e.g. `average Gregorian month: 365.2425 d ÷ 12 = 30.436875 d = 2,629,746 s`
    /// or `February 2026: 28 days × 86,400 s = 2,419,200 s`.
    pub fn convention(self) -> String {
        todo!()
    }
}
