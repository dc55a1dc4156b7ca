//! Service credits.
//!
//! - [`schedule`]: tiered step schedules with explicit edge inclusivity and
//!   the distance to the next tier.
//! - [`linear`]: linear shortfall credits ("X % per Y points or part thereof").

pub mod linear;
pub mod schedule;
