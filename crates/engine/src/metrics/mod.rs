//! Metrics computed from measurements.
//!
//! - [`availability`]: availability from outage records, MTTR, MTBF.
//! - [`tickets`]: ticket response and resolution times in business time,
//!   with pauses and reopenings; the share of tickets within target.
//! - [`events`]: event ratios (good ÷ total), time slices and ratio time
//!   slices, as OpenSLO defines them.
//! - [`samples`]: percentiles (nearest rank), mean and maximum of samples.

pub mod availability;
pub mod events;
pub mod samples;
pub mod tickets;
