//! The quick calculator: allowed downtime for a level over a period, and the
//! availability that a given downtime leaves (the reverse calculation).

use crate::{Explained, Percent, Period, TimeSpan};
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
        todo!("{decimals}")
    }

    /// The fraction as a float, for charts only.
    pub fn as_fraction(self) -> f64 {
        todo!()
    }

    /// Whether the achieved value is at or above `target`, compared exactly.
    pub fn meets(self, target: Percent) -> bool {
        todo!("{target}")
    }
}

/// Why a reverse calculation has no answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QuickError {
    #[error("{downtime} of downtime is longer than the {period} ({length})")]
    DowntimeExceedsPeriod { downtime: String, period: String, length: String },
    #[error("the period has no service time, so no availability can be computed")]
    EmptyPeriod,
}

/// `allowed = length × (100 % − target)`, exact to the nanosecond for periods
/// of whole seconds; otherwise rounded to the nearest nanosecond, halves up.
pub fn allowed_downtime(target: Percent, period: Period) -> Explained<TimeSpan> {
    todo!("{target}{period:?}")
}

/// Allowed downtime within a given amount of service time (from service
/// hours), same formula and rounding as [`allowed_downtime`]; `what` names the
/// service time in the explanation, e.g. `service time in February 2026`.
pub fn allowed_downtime_within(target: Percent, service_time: TimeSpan, what: &str) -> Explained<TimeSpan> {
    todo!("{target}{service_time:?}{what}")
}

/// `availability = (length − downtime) / length`.
///
/// # Errors
/// [`QuickError::DowntimeExceedsPeriod`] when the downtime is longer than the period.
pub fn availability_from_downtime(downtime: TimeSpan, period: Period) -> Result<Explained<Availability>, QuickError> {
    todo!("{downtime:?}{period:?}")
}

/// Same as [`availability_from_downtime`] over an explicit amount of (service) time.
///
/// # Errors
/// [`QuickError::EmptyPeriod`] for zero service time, [`QuickError::DowntimeExceedsPeriod`]
/// when the downtime is longer than it.
pub fn availability_within(downtime: TimeSpan, service_time: TimeSpan, what: &str) -> Result<Explained<Availability>, QuickError> {
    todo!("{downtime:?}{service_time:?}{what}")
}
