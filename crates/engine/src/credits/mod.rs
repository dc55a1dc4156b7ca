//! Service credits.
//!
//! - [`schedule`]: tiered step schedules with explicit edge inclusivity and
//!   the distance to the next tier.

pub mod schedule;
