//! Time on the real (UTC) time line: intervals and interval sets, service
//! calendars in IANA time zones, and reporting periods.
//!
//! - [`interval`]: [`Interval`], [`IntervalSet`] (union, intersection, difference).
//! - [`calendar`]: [`Calendar`]: weekly hours in a zone, holidays, exclusions; DST exact.
//! - [`period`]: [`ReportPeriod`]: calendar month, quarter, year, custom range, rolling days, in a zone.

pub mod calendar;
pub mod interval;
pub mod period;

pub use calendar::Calendar;
pub use interval::{Interval, IntervalSet, UnixNanos};
pub use period::ReportPeriod;
