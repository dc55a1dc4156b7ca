//! # sla-engine: the arithmetic behind the SLA calculator
//!
//! Every number the app or the CLI shows is computed here, in pure Rust with
//! no browser dependency, so that it can be tested natively and reproduced
//! exactly. The engine never reads the clock, storage or the URL: callers
//! pass in everything it needs.
//!
//! ```
//! use sla_engine::{quick, Percent, Period};
//!
//! let target = Percent::parse("99.9").unwrap();
//! let allowed = quick::allowed_downtime(target, Period::AverageMonth);
//! assert_eq!(allowed.value.nanos(), 2_629_746_000_000); // 2,629.746 s
//! ```
//!
//! ## Map of the crate
//!
//! - [`units`]: [`Percent`] (an exact availability level) and [`TimeSpan`]
//!   (a duration in nanoseconds), with their parsers.
//! - [`period`]: [`Period`], the length of a day, week, average or calendar
//!   month, quarter and year.
//! - [`quick`]: the quick calculator: allowed downtime for a target, and the
//!   availability that a given downtime leaves.
//! - [`service_hours`]: weekly service hours and the service time they give
//!   in a period.
//! - [`time`]: intervals on the UTC time line, service calendars in IANA
//!   time zones (DST exact), reporting periods.
//! - [`metrics`]: availability from outage records, ticket times in
//!   business time, event ratios and time slices, statistics of samples.
//! - [`compliance`]: the status rule every view uses, and the error budget
//!   of an availability target in a period.
//! - [`advise`]: the target advisor: each candidate level of a target over
//!   a history, under the agreement's own terms.
//! - [`composite`]: serial, parallel and k-of-n availability, nested, exact
//!   (on `natural`'s arbitrary-precision naturals).
//! - [`simulate`]: the contract simulator's kernel: replications of a
//!   contract year with outages drawn per service (alternating renewal).
//! - [`explain`]: the one-line explanation every result carries.
//! - [`ratio`]: [`Ratio`], an exact achieved value.
//! - [`money`]: [`Money`] in integer minor units of a [`Currency`].
//! - [`credits`]: service credits (step, linear, fixed), caps, the at-risk
//!   pool, earn-back, repeat-miss multipliers and termination triggers.
//! - [`model`]: the agreement and measurement file format, its loading and
//!   validation (a value the engine cannot hold is refused at its path),
//!   the effective targets of multi-level structures, alignment warnings.
//! - [`report`]: whole reports over several measurement files, typed
//!   (money, exact ratios, durations, periods, enums), with their text, CSV
//!   and versioned JSON renderings.
//!
//! Conventions (average month, rounding, calendar periods) are documented in
//! `docs/conventions.md` and on the items that apply them.

pub mod advise;
pub mod capability;
pub mod compliance;
pub mod composite;
pub mod credits;
mod day_texts;
pub mod explain;
pub mod metrics;
pub mod money;
mod natural;
pub mod order;
pub mod period;
pub mod quick;
pub mod ratio;
pub mod service_hours;
pub mod simulate;
pub mod time;
pub mod units;

pub use explain::{Explained, Explanation};
pub use money::{Currency, Money};
pub use period::Period;
pub use ratio::Ratio;
pub use units::{Percent, TimeSpan};
pub mod model;
pub mod report;
