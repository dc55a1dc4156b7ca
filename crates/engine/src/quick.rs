//! The quick calculator: allowed downtime for a level over a period, and the
//! availability that a given downtime leaves (the reverse calculation).

use crate::units::PPB_PER_WHOLE;
use crate::{Explained, Explanation, Percent, Period, Ratio, TimeSpan};
use thiserror::Error;

/// An exact achieved availability: `up / total`, both in nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Availability {
    pub up_nanos: i64,
    pub total_nanos: i64,
}

impl Availability {
    /// The percentage with `decimals` decimals (0..=9), **rounded down**, so a
    /// shown figure never overstates what was achieved: 2/3 → `66.666`.
    /// Trailing zeros are kept (`99.900` for 3 decimals).
    pub fn to_percent_string(self, decimals: u32) -> String {
        let decimals = decimals.min(9);
        if self.total_nanos <= 0 {
            return "0".into();
        }
        let scale = 10i128.pow(decimals);
        let scaled = i128::from(self.up_nanos.max(0)) * 100 * scale / i128::from(self.total_nanos);
        let whole = scaled / scale;
        if decimals == 0 {
            return whole.to_string();
        }
        format!(
            "{whole}.{:0width$}",
            scaled % scale,
            width = decimals as usize
        )
    }

    /// The fraction as a float, for charts only.
    pub fn as_fraction(self) -> f64 {
        if self.total_nanos <= 0 {
            return 0.0;
        }
        self.up_nanos as f64 / self.total_nanos as f64
    }

    /// Whether the achieved value is at or above `target`, compared exactly.
    pub fn meets(self, target: Percent) -> bool {
        // The report's rule ([`crate::compliance::status`]).
        let achieved = Ratio::new(
            i128::from(self.up_nanos.max(0)),
            i128::from(self.total_nanos),
        );
        crate::compliance::status(
            achieved,
            Ratio::from_percent(target),
            None,
            crate::model::Direction::AtLeast,
        ) == crate::compliance::Status::Met
    }
}

/// Why a reverse calculation has no answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QuickError {
    #[error("{downtime} of downtime is longer than the {period} ({length})")]
    DowntimeExceedsPeriod {
        downtime: String,
        period: String,
        length: String,
    },
    #[error("the period has no service time, so no availability can be computed")]
    EmptyPeriod,
}

/// `length × unavailable_ppb / 1e9`, rounded to the nearest nanosecond, halves up.
fn share_of(length: TimeSpan, target: Percent) -> TimeSpan {
    let numerator = i128::from(length.nanos()) * i128::from(target.unavailable_ppb());
    let whole = i128::from(PPB_PER_WHOLE);
    let nanos = (numerator + whole / 2) / whole;
    TimeSpan::from_nanos(i64::try_from(nanos).unwrap_or(i64::MAX)).unwrap_or_default()
}

fn allowance_percent(target: Percent) -> String {
    Percent::from_ppb(target.unavailable_ppb())
        .map(|p| p.to_string())
        .unwrap_or_default()
}

/// `allowed = length × (100 % − target)`, exact to the nanosecond for periods
/// of whole seconds; otherwise rounded to the nearest nanosecond, halves up.
///
/// # Example
/// ```
/// use sla_engine::{quick, Percent, Period};
/// let feb = Period::CalendarMonth { year: 2026, month: 2 };
/// let allowed = quick::allowed_downtime(Percent::parse("99.9").unwrap(), feb);
/// assert_eq!(allowed.value.exact_seconds(), "2,419.2");
/// ```
pub fn allowed_downtime(target: Percent, period: Period) -> Explained<TimeSpan> {
    let mut explained = allowed_downtime_within(target, period.length(), &period.label());
    explained.explanation.convention = period.convention();
    explained
}

/// Allowed downtime within a given amount of service time (from service
/// hours), same formula and rounding as [`allowed_downtime`]; `what` names the
/// service time in the explanation, e.g. `service time in February 2026`.
pub fn allowed_downtime_within(
    target: Percent,
    service_time: TimeSpan,
    what: &str,
) -> Explained<TimeSpan> {
    let value = share_of(service_time, target);
    Explained {
        value,
        explanation: Explanation {
            formula: "allowed downtime = length of the period × (100 % − target)".into(),
            substituted: format!(
                "{} s × (100% − {target}) = {} s × {} = {} s",
                service_time.exact_seconds(),
                service_time.exact_seconds(),
                allowance_percent(target),
                value.exact_seconds()
            ),
            convention: format!(
                "{what}: {} s; downtime is exact to the nanosecond (rounded half up below that)",
                service_time.exact_seconds()
            ),
        },
    }
}

/// `availability = (length − downtime) / length`.
///
/// # Errors
/// [`QuickError::DowntimeExceedsPeriod`] when the downtime is longer than the period.
pub fn availability_from_downtime(
    downtime: TimeSpan,
    period: Period,
) -> Result<Explained<Availability>, QuickError> {
    let mut explained = availability_within(downtime, period.length(), &period.label())?;
    explained.explanation.convention = format!(
        "{}; the percentage is rounded down, never up",
        period.convention()
    );
    Ok(explained)
}

/// Same as [`availability_from_downtime`] over an explicit amount of (service) time.
///
/// # Errors
/// [`QuickError::EmptyPeriod`] for zero service time, [`QuickError::DowntimeExceedsPeriod`]
/// when the downtime is longer than it.
pub fn availability_within(
    downtime: TimeSpan,
    service_time: TimeSpan,
    what: &str,
) -> Result<Explained<Availability>, QuickError> {
    if service_time == TimeSpan::ZERO {
        return Err(QuickError::EmptyPeriod);
    }
    if downtime > service_time {
        return Err(QuickError::DowntimeExceedsPeriod {
            downtime: downtime.human(),
            period: what.to_string(),
            length: service_time.human(),
        });
    }
    let value = Availability {
        up_nanos: service_time.nanos() - downtime.nanos(),
        total_nanos: service_time.nanos(),
    };
    Ok(Explained {
        value,
        explanation: Explanation {
            formula: "availability = (length − downtime) ÷ length".into(),
            substituted: format!(
                "({} s − {} s) ÷ {} s = {}…%",
                service_time.exact_seconds(),
                downtime.exact_seconds(),
                service_time.exact_seconds(),
                value.to_percent_string(7)
            ),
            convention: format!(
                "{what}: {} s; the percentage is rounded down, never up",
                service_time.exact_seconds()
            ),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pct(text: &str) -> Percent {
        Percent::parse(text).expect("valid percentage")
    }

    #[test]
    fn three_nines_of_an_average_month_is_2629_746_seconds() {
        // 2,629,746 s × 0.001 = 2,629.746 s
        let allowed = allowed_downtime(pct("99.9"), Period::AverageMonth);
        assert_eq!(allowed.value.nanos(), 2_629_746_000_000);
        assert_eq!(allowed.value.human(), "43m 50s");
        assert!(
            allowed.explanation.substituted.contains("2,629,746 s"),
            "{:?}",
            allowed.explanation
        );
        assert!(allowed.explanation.convention.contains("30.436875"));
    }

    #[test]
    fn three_nines_of_february_2026_is_2419_2_seconds() {
        // 28 × 86,400 = 2,419,200 s; × 0.001 = 2,419.2 s
        let feb = Period::CalendarMonth {
            year: 2026,
            month: 2,
        };
        assert_eq!(
            allowed_downtime(pct("99.9"), feb).value.nanos(),
            2_419_200_000_000
        );
    }

    #[test]
    fn four_nines_per_day_and_five_nines_per_year() {
        // 86,400 × 0.0001 = 8.64 s; 31,556,952 × 0.00001 = 315.56952 s
        assert_eq!(
            allowed_downtime(pct("99.99"), Period::Day).value.nanos(),
            8_640_000_000
        );
        assert_eq!(
            allowed_downtime(pct("99.999"), Period::AverageYear)
                .value
                .nanos(),
            315_569_520_000
        );
    }

    #[test]
    fn reverse_is_rounded_down() {
        // 1 − 2,630 / 2,629,746 = 0.99899990… → 99.8999 (not 99.9000)
        let a = availability_from_downtime(TimeSpan::from_secs(2_630), Period::AverageMonth)
            .expect("fits");
        assert_eq!(a.value.to_percent_string(4), "99.8999");
        assert!(!a.value.meets(pct("99.9")));
        assert!(a.value.meets(pct("99.8999")));
        // 2/3 → 66.666
        let third = Availability {
            up_nanos: 2,
            total_nanos: 3,
        };
        assert_eq!(third.to_percent_string(3), "66.666");
        assert_eq!(third.to_percent_string(0), "66");
    }

    #[test]
    fn exactly_the_allowed_downtime_meets_the_target() {
        let a = availability_from_downtime(
            TimeSpan::from_nanos(2_629_746_000_000).expect("positive"),
            Period::AverageMonth,
        )
        .expect("fits");
        assert!(a.value.meets(pct("99.9")));
        assert_eq!(a.value.to_percent_string(4), "99.9000");
    }

    #[test]
    fn downtime_longer_than_the_period_is_an_error() {
        let err = availability_from_downtime(TimeSpan::from_secs(86_401), Period::Day)
            .expect_err("too long");
        assert!(matches!(err, QuickError::DowntimeExceedsPeriod { .. }));
        assert_eq!(
            err.to_string(),
            "1d of downtime is longer than the day (1d)"
        );
        assert_eq!(
            availability_within(TimeSpan::ZERO, TimeSpan::ZERO, "x"),
            Err(QuickError::EmptyPeriod)
        );
    }

    fn any_period() -> impl Strategy<Value = Period> {
        prop_oneof![
            Just(Period::Day),
            Just(Period::Week),
            Just(Period::AverageMonth),
            Just(Period::AverageQuarter),
            Just(Period::AverageYear),
            (1i32..=9999, 1u32..=12)
                .prop_map(|(year, month)| Period::CalendarMonth { year, month }),
            (1i32..=9999, 1u32..=4)
                .prop_map(|(year, quarter)| Period::CalendarQuarter { year, quarter }),
            (1i32..=9999).prop_map(|year| Period::CalendarYear { year }),
        ]
    }

    proptest! {
        #[test]
        fn percent_to_downtime_to_percent_is_exact(ppb in 0u64..=PPB_PER_WHOLE, period in any_period()) {
            let target = Percent::from_ppb(ppb).expect("in range");
            let allowed = allowed_downtime(target, period).value;
            let back = availability_from_downtime(allowed, period).expect("fits").value;
            prop_assert!(back.meets(target));
            // Exactly the target: up / total == ppb / 1e9
            prop_assert_eq!(
                i128::from(back.up_nanos) * i128::from(PPB_PER_WHOLE),
                i128::from(ppb) * i128::from(back.total_nanos)
            );
        }

        #[test]
        fn allowed_downtime_never_exceeds_the_period(ppb in 0u64..=PPB_PER_WHOLE, period in any_period()) {
            let target = Percent::from_ppb(ppb).expect("in range");
            prop_assert!(allowed_downtime(target, period).value <= period.length());
        }

        #[test]
        fn more_downtime_never_gives_more_availability(a in 0i64..86_400_000_000_000, b in 0i64..86_400_000_000_000) {
            let (less, more) = (a.min(b), a.max(b));
            let x = availability_from_downtime(TimeSpan::from_nanos(less).expect("positive"), Period::Day).expect("fits").value;
            let y = availability_from_downtime(TimeSpan::from_nanos(more).expect("positive"), Period::Day).expect("fits").value;
            prop_assert!(i128::from(y.up_nanos) * i128::from(x.total_nanos) <= i128::from(x.up_nanos) * i128::from(y.total_nanos));
        }
    }
}
