//! Time on the real (UTC) time line: intervals and interval sets, time
//! zones, service calendars in them, and reporting periods.
//!
//! - [`interval`]: [`Interval`], [`IntervalSet`] (union, intersection, difference).
//! - [`iso`]: dates, local date-times and RFC 3339 instants read and written by hand (no format interpreter in the wasm).
//! - [`calendar`]: [`Calendar`]: weekly hours in a zone, holidays, exclusions; DST exact.
//! - [`period`]: [`ReportPeriod`]: calendar month, quarter, year, custom range, rolling days, in a zone.
//! - [`zone`]: [`Zone`]: UTC offsets from a fixed offset, chrono-tz's database
//!   or the browser, cached; local times to instants with the gap and fold rules.

pub mod calendar;
pub mod interval;
pub mod iso;
pub mod period;
pub mod zone;

pub use calendar::Calendar;
pub use interval::{Interval, IntervalSet, UnixNanos};
pub use period::ReportPeriod;
pub use zone::Zone;
