//! Reporting periods in a time zone: calendar month (the default), quarter,
//! year, a custom range, or the N days up to an instant (rolling).
//!
//! A calendar period runs from local midnight of its first day to local
//! midnight of the day after its last, in the reporting time zone: February
//! 2026 in Europe/Berlin is 2026-01-31T23:00Z .. 2026-02-28T23:00Z. Consecutive
//! periods tile the time line exactly (each ends where the next starts).

use chrono::{Days, NaiveDate};
use thiserror::Error;

use super::calendar::{to_utc, Edge};
use super::interval::{Interval, UnixNanos};
use super::zone::Zone;

/// A period over which a target is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportPeriod {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year {
        year: i32,
    },
    /// `[start, end)` on the UTC time line.
    Custom {
        start: UnixNanos,
        end: UnixNanos,
    },
    /// The `days` × 24 h before `end` (a rolling window, not calendar days).
    Rolling {
        days: u32,
        end: UnixNanos,
    },
}

/// Why a text is not a period.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PeriodError {
    #[error(
        "`{0}` is not a period; write 2026-02 (a month), 2026-Q1, 2026, or 2026-02-01..2026-02-15"
    )]
    Unreadable(String),
    #[error("the period ends before it starts")]
    Reversed,
}

impl ReportPeriod {
    /// The period's instants in `zone`; `None` for an invalid month, quarter or
    /// a date out of range.
    pub fn window(self, zone: &Zone) -> Option<Interval> {
        let (start, end) = match self {
            ReportPeriod::Custom { start, end } => return Interval::new(start, end),
            ReportPeriod::Rolling { days, end } => {
                let length = i64::from(days).checked_mul(86_400_000_000_000)?;
                return Interval::new(end.checked_sub(length)?, end);
            }
            ReportPeriod::Month { year, month } => {
                let start = NaiveDate::from_ymd_opt(year, month, 1)?;
                (start, start.checked_add_months(chrono::Months::new(1))?)
            }
            ReportPeriod::Quarter { year, quarter } => {
                if !(1..=4).contains(&quarter) {
                    return None;
                }
                let start = NaiveDate::from_ymd_opt(year, (quarter - 1) * 3 + 1, 1)?;
                (start, start.checked_add_months(chrono::Months::new(3))?)
            }
            ReportPeriod::Year { year } => {
                let start = NaiveDate::from_ymd_opt(year, 1, 1)?;
                (start, NaiveDate::from_ymd_opt(year + 1, 1, 1)?)
            }
        };
        Interval::new(
            to_utc(zone, start, 0, Edge::Start)?,
            to_utc(zone, end, 0, Edge::Start)?,
        )
    }

    /// The period after this one (the same length for custom and rolling ones).
    pub fn next(self) -> ReportPeriod {
        match self {
            ReportPeriod::Month { year, month } if month >= 12 => ReportPeriod::Month {
                year: year + 1,
                month: 1,
            },
            ReportPeriod::Month { year, month } => ReportPeriod::Month {
                year,
                month: month + 1,
            },
            ReportPeriod::Quarter { year, quarter } if quarter >= 4 => ReportPeriod::Quarter {
                year: year + 1,
                quarter: 1,
            },
            ReportPeriod::Quarter { year, quarter } => ReportPeriod::Quarter {
                year,
                quarter: quarter + 1,
            },
            ReportPeriod::Year { year } => ReportPeriod::Year { year: year + 1 },
            ReportPeriod::Custom { start, end } => ReportPeriod::Custom {
                start: end,
                end: end.saturating_add(end.saturating_sub(start)),
            },
            ReportPeriod::Rolling { days, end } => ReportPeriod::Rolling {
                days,
                end: end.saturating_add(i64::from(days).saturating_mul(86_400_000_000_000)),
            },
        }
    }

    /// `2026-02`, `2026-Q1`, `2026`, `2026-02-01..2026-02-15` (local dates, end inclusive), as written.
    pub fn label(self) -> String {
        match self {
            // Written digit by digit: a report labels every period of every
            // target, and `format!` costs several times as much.
            ReportPeriod::Month { year, month } if (0..=9999).contains(&year) && month < 100 => {
                let year = year.unsigned_abs();
                let mut label = String::with_capacity(7);
                for (k, digit) in [
                    year / 1000,
                    year / 100 % 10,
                    year / 10 % 10,
                    year % 10,
                    month / 10,
                    month % 10,
                ]
                .into_iter()
                .enumerate()
                {
                    if k == 4 {
                        label.push('-');
                    }
                    label.push(char::from_digit(digit, 10).unwrap_or('0'));
                }
                label
            }
            ReportPeriod::Month { year, month } => format!("{year:04}-{month:02}"),
            ReportPeriod::Quarter { year, quarter } => format!("{year:04}-Q{quarter}"),
            ReportPeriod::Year { year } => format!("{year:04}"),
            ReportPeriod::Custom { start, end } => format!("{}..{}", iso(start), iso(end)),
            ReportPeriod::Rolling { days, end } => format!("{days} days to {}", iso(end)),
        }
    }

    /// Parses `2026-02`, `2026-Q1`, `2026`, or `2026-02-01..2026-02-15` (local
    /// dates in `zone`, both days included).
    ///
    /// # Errors
    /// [`PeriodError`] with the text.
    pub fn parse(text: &str, zone: &Zone) -> Result<ReportPeriod, PeriodError> {
        let text = text.trim();
        let bad = || PeriodError::Unreadable(text.chars().take(40).collect());
        if let Some((a, b)) = text.split_once("..") {
            let a = super::iso::date(a.trim()).ok_or_else(bad)?;
            let b = super::iso::date(b.trim()).ok_or_else(bad)?;
            if b < a {
                return Err(PeriodError::Reversed);
            }
            let b = b.checked_add_days(Days::new(1)).ok_or_else(bad)?;
            let start = to_utc(zone, a, 0, Edge::Start).ok_or_else(bad)?;
            let end = to_utc(zone, b, 0, Edge::Start).ok_or_else(bad)?;
            return Ok(ReportPeriod::Custom { start, end });
        }
        let period = if let Some((y, q)) = text
            .split_once(['-', ' '])
            .filter(|(_, q)| q.starts_with(['Q', 'q']))
        {
            ReportPeriod::Quarter {
                year: y.parse().map_err(|_| bad())?,
                quarter: q[1..].parse().map_err(|_| bad())?,
            }
        } else if let Some((y, m)) = text.split_once('-') {
            ReportPeriod::Month {
                year: y.parse().map_err(|_| bad())?,
                month: m.parse().map_err(|_| bad())?,
            }
        } else {
            ReportPeriod::Year {
                year: text.parse().map_err(|_| bad())?,
            }
        };
        period.window(zone).map(|_| period).ok_or_else(bad)
    }
}

fn iso(instant: UnixNanos) -> String {
    // Whole seconds, as chrono's `%Y-%m-%dT%H:%M:%SZ` writes them.
    write_utc(instant, false)
}

/// An instant as RFC 3339 in UTC, `2026-02-03T10:00:00Z`, with the
/// fraction of a second (when there is one) in 3, 6 or 9 digits, as
/// chrono's `%.f` writes it. Written by hand rather than through chrono's
/// `strftime` machinery, which weighs several kilobytes in every page.
pub fn utc_text(instant: UnixNanos) -> String {
    write_utc(instant, true)
}

fn write_utc(instant: UnixNanos, with_fraction: bool) -> String {
    use chrono::{Datelike, Timelike};
    let time = chrono::DateTime::<chrono::Utc>::from_timestamp_nanos(instant);
    let fraction = if with_fraction {
        super::iso::fraction_text(time.nanosecond())
    } else {
        String::new()
    };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{fraction}Z",
        time.year(),
        time.month(),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_months_label_is_its_year_and_month_zero_padded() {
        for year in [-5, 0, 7, 99, 999, 1678, 2026, 2261, 9999, 10_000, 123_456] {
            for month in [1, 2, 9, 10, 12] {
                assert_eq!(
                    ReportPeriod::Month { year, month }.label(),
                    format!("{year:04}-{month:02}")
                );
            }
        }
        assert_eq!(
            ReportPeriod::Month {
                year: 2026,
                month: 2
            }
            .label(),
            "2026-02"
        );
    }

    #[test]
    fn utc_text_writes_what_chronos_strftime_writes() {
        for instant in [
            0,
            1,
            1_000,
            1_000_000,
            1_769_900_400_000_000_000,
            1_769_900_400_123_000_000,
            1_769_900_400_123_456_000,
            1_769_900_400_123_456_789,
            -1_000_000_001,
            i64::MAX,
            i64::MIN,
        ] {
            let time = chrono::DateTime::<chrono::Utc>::from_timestamp_nanos(instant);
            assert_eq!(
                utc_text(instant),
                time.format("%Y-%m-%dT%H:%M:%S%.fZ").to_string(),
                "{instant}"
            );
            assert_eq!(
                iso(instant),
                time.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                "{instant}"
            );
        }
    }

    const HOUR: i64 = 3_600_000_000_000;

    #[test]
    fn a_month_runs_from_local_midnight_to_local_midnight() {
        let berlin = &Zone::named("Europe/Berlin").expect("a known zone");
        let feb = ReportPeriod::Month {
            year: 2026,
            month: 2,
        }
        .window(berlin)
        .expect("valid");
        // 2026-01-31T23:00Z = 1,769,900,400 s
        assert_eq!(feb.start(), 1_769_900_400 * 1_000_000_000);
        assert_eq!(feb.length().nanos(), 28 * 24 * HOUR);
        // March 2026 in Berlin loses an hour to DST: 31 × 24 − 1 = 743 h
        let march = ReportPeriod::Month {
            year: 2026,
            month: 3,
        }
        .window(berlin)
        .expect("valid");
        assert_eq!(march.length().nanos(), 743 * HOUR);
        assert_eq!(march.start(), feb.end(), "periods tile the time line");
    }

    #[test]
    fn leap_years_and_quarters() {
        let utc = &Zone::utc();
        assert_eq!(
            ReportPeriod::Month {
                year: 2024,
                month: 2
            }
            .window(utc)
            .map(|w| w.length().nanos()),
            Some(29 * 24 * HOUR)
        );
        assert_eq!(
            ReportPeriod::Quarter {
                year: 2026,
                quarter: 1
            }
            .window(utc)
            .map(|w| w.length().nanos()),
            Some(90 * 24 * HOUR)
        );
        assert_eq!(
            ReportPeriod::Year { year: 2028 }
                .window(utc)
                .map(|w| w.length().nanos()),
            Some(366 * 24 * HOUR)
        );
        assert_eq!(
            ReportPeriod::Quarter {
                year: 2026,
                quarter: 5
            }
            .window(utc),
            None
        );
    }

    #[test]
    fn periods_are_read_from_text() {
        let utc = &Zone::utc();
        assert_eq!(
            ReportPeriod::parse("2026-02", utc),
            Ok(ReportPeriod::Month {
                year: 2026,
                month: 2
            })
        );
        assert_eq!(
            ReportPeriod::parse("2026-Q3", utc),
            Ok(ReportPeriod::Quarter {
                year: 2026,
                quarter: 3
            })
        );
        assert_eq!(
            ReportPeriod::parse("2026", utc),
            Ok(ReportPeriod::Year { year: 2026 })
        );
        let custom = ReportPeriod::parse("2026-02-01..2026-02-14", utc).expect("valid");
        assert_eq!(
            custom.window(utc).map(|w| w.length().nanos()),
            Some(14 * 24 * HOUR)
        );
        assert!(ReportPeriod::parse("2026-13", utc).is_err());
        assert_eq!(
            ReportPeriod::parse("2026-02-10..2026-02-01", utc),
            Err(PeriodError::Reversed)
        );
        assert!(ReportPeriod::parse("soon", utc).is_err());
    }

    #[test]
    fn next_periods_roll_over_the_year() {
        assert_eq!(
            ReportPeriod::Month {
                year: 2026,
                month: 12
            }
            .next(),
            ReportPeriod::Month {
                year: 2027,
                month: 1
            }
        );
        assert_eq!(
            ReportPeriod::Quarter {
                year: 2026,
                quarter: 4
            }
            .next(),
            ReportPeriod::Quarter {
                year: 2027,
                quarter: 1
            }
        );
    }
}
