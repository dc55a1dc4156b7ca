//! Metrics computed from measurements.
//!
//! - [`availability`]: availability from outage records, MTTR, MTBF.

pub mod availability;
