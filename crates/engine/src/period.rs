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

use crate::units::group_thousands;
use crate::TimeSpan;
use chrono::{Datelike, NaiveDate};

const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
const AVERAGE_YEAR: i64 = 31_556_952;
const AVERAGE_MONTH: i64 = AVERAGE_YEAR / 12;
const AVERAGE_QUARTER: i64 = AVERAGE_YEAR / 4;

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

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
        let year = year.clamp(1, 9999);
        let month = month.clamp(1, 12);
        [
            Period::Day,
            Period::Week,
            Period::CalendarMonth { year, month },
            Period::CalendarQuarter {
                year,
                quarter: (month - 1) / 3 + 1,
            },
            Period::CalendarYear { year },
        ]
    }

    /// The first day and the day after the last, for calendar periods.
    pub fn dates(self) -> Option<(NaiveDate, NaiveDate)> {
        let (year, first_month, months) = match self {
            Period::CalendarMonth { year, month } => (year, month.clamp(1, 12), 1),
            Period::CalendarQuarter { year, quarter } => {
                (year, (quarter.clamp(1, 4) - 1) * 3 + 1, 3)
            }
            Period::CalendarYear { year } => (year, 1, 12),
            _ => return None,
        };
        let year = year.clamp(1, 9999);
        let start = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        let end_month0 = first_month - 1 + months;
        let end = NaiveDate::from_ymd_opt(year + (end_month0 / 12) as i32, end_month0 % 12 + 1, 1)?;
        Some((start, end))
    }

    /// Whole seconds in the period.
    fn seconds(self) -> i64 {
        match self {
            Period::Day => DAY,
            Period::Week => WEEK,
            Period::AverageMonth => AVERAGE_MONTH,
            Period::AverageQuarter => AVERAGE_QUARTER,
            Period::AverageYear => AVERAGE_YEAR,
            _ => i64::from(self.days().unwrap_or(0)) * DAY,
        }
    }

    /// Exact length. Calendar periods with an invalid month or quarter, or a
    /// year outside 1..=9999, are clamped into range first.
    pub fn length(self) -> TimeSpan {
        TimeSpan::from_secs(self.seconds())
    }

    /// Whole days in the period for calendar ones (28–31, 90–92, 365–366);
    /// `None` for the average ones and for day/week.
    pub fn days(self) -> Option<u32> {
        let (start, end) = self.dates()?;
        u32::try_from((end - start).num_days()).ok()
    }

    /// A short label: `day`, `week`, `month (average)`, `quarter (average)`,
    /// `year (average)`, `February 2026`, `Q1 2026`, `2026`.
    pub fn label(self) -> String {
        match self {
            Period::Day => "day".into(),
            Period::Week => "week".into(),
            Period::AverageMonth => "month (average)".into(),
            Period::AverageQuarter => "quarter (average)".into(),
            Period::AverageYear => "year (average)".into(),
            Period::CalendarMonth { .. }
            | Period::CalendarQuarter { .. }
            | Period::CalendarYear { .. } => {
                let Some((start, _)) = self.dates() else {
                    return String::new();
                };
                match self {
                    Period::CalendarMonth { .. } => {
                        format!("{} {}", MONTH_NAMES[start.month0() as usize], start.year())
                    }
                    Period::CalendarQuarter { .. } => {
                        format!("Q{} {}", start.month0() / 3 + 1, start.year())
                    }
                    _ => start.year().to_string(),
                }
            }
        }
    }

    /// The convention in one line, e.g. `average Gregorian month: 365.2425 d ÷ 12 = 30.436875 d = 2,629,746 s`
    /// or `February 2026: 28 days × 86,400 s = 2,419,200 s`.
    pub fn convention(self) -> String {
        let seconds = group_thousands(self.seconds() as u64);
        match self {
            Period::Day => format!("a day of 24 h = {seconds} s"),
            Period::Week => format!("a week of 7 days = {seconds} s"),
            Period::AverageMonth => {
                format!("average Gregorian month: 365.2425 d ÷ 12 = 30.436875 d = {seconds} s")
            }
            Period::AverageQuarter => {
                format!("average Gregorian quarter: 365.2425 d ÷ 4 = 91.310625 d = {seconds} s")
            }
            Period::AverageYear => format!("average Gregorian year: 365.2425 d = {seconds} s"),
            _ => format!(
                "{}: {} days × 86,400 s = {seconds} s (whole days, no time zone)",
                self.label(),
                self.days().unwrap_or(0)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_periods_follow_the_gregorian_year() {
        // 365.2425 × 86,400 = 31,556,952; ÷ 12 = 2,629,746; ÷ 4 = 7,889,238
        assert_eq!(
            Period::AverageYear.length(),
            TimeSpan::from_secs(31_556_952)
        );
        assert_eq!(
            Period::AverageMonth.length(),
            TimeSpan::from_secs(2_629_746)
        );
        assert_eq!(
            Period::AverageQuarter.length(),
            TimeSpan::from_secs(7_889_238)
        );
    }

    #[test]
    fn calendar_periods_count_their_real_days() {
        assert_eq!(
            Period::CalendarMonth {
                year: 2026,
                month: 2
            }
            .days(),
            Some(28)
        );
        assert_eq!(
            Period::CalendarMonth {
                year: 2024,
                month: 2
            }
            .days(),
            Some(29)
        );
        assert_eq!(
            Period::CalendarMonth {
                year: 2026,
                month: 12
            }
            .days(),
            Some(31)
        );
        assert_eq!(Period::CalendarYear { year: 2026 }.days(), Some(365));
        assert_eq!(Period::CalendarYear { year: 2028 }.days(), Some(366));
        assert_eq!(
            Period::CalendarQuarter {
                year: 2026,
                quarter: 1
            }
            .days(),
            Some(90)
        );
        assert_eq!(
            Period::CalendarQuarter {
                year: 2026,
                quarter: 3
            }
            .days(),
            Some(92)
        );
        assert_eq!(
            Period::CalendarQuarter {
                year: 2026,
                quarter: 4
            }
            .days(),
            Some(92)
        );
        assert_eq!(
            Period::CalendarMonth {
                year: 2026,
                month: 2
            }
            .length(),
            TimeSpan::from_secs(2_419_200)
        );
    }

    #[test]
    fn the_calendar_set_picks_the_quarter_of_the_month() {
        assert_eq!(
            Period::calendar_set(2026, 2),
            [
                Period::Day,
                Period::Week,
                Period::CalendarMonth {
                    year: 2026,
                    month: 2
                },
                Period::CalendarQuarter {
                    year: 2026,
                    quarter: 1
                },
                Period::CalendarYear { year: 2026 }
            ]
        );
        assert_eq!(
            Period::calendar_set(2026, 13)[3],
            Period::CalendarQuarter {
                year: 2026,
                quarter: 4
            }
        );
    }

    #[test]
    fn labels_name_the_period() {
        let [_, _, month, quarter, year] = Period::calendar_set(2026, 2);
        assert_eq!(month.label(), "February 2026");
        assert_eq!(quarter.label(), "Q1 2026");
        assert_eq!(year.label(), "2026");
        assert_eq!(Period::AverageMonth.label(), "month (average)");
        assert_eq!(
            month.convention(),
            "February 2026: 28 days × 86,400 s = 2,419,200 s (whole days, no time zone)"
        );
    }

    #[test]
    fn out_of_range_calendar_values_are_clamped_not_panicking() {
        for period in [
            Period::CalendarMonth { year: 0, month: 0 },
            Period::CalendarMonth {
                year: i32::MAX,
                month: u32::MAX,
            },
            Period::CalendarQuarter {
                year: -5,
                quarter: 9,
            },
            Period::CalendarYear { year: 100_000 },
        ] {
            assert!(period.length() > TimeSpan::ZERO, "{period:?}");
            assert!(!period.label().is_empty());
        }
    }
}
