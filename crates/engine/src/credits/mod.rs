//! Service credits.
//!
//! - [`schedule`]: tiered step schedules with explicit edge inclusivity and
//!   the distance to the next tier.
//! - [`linear`]: linear shortfall credits ("X % per Y points or part thereof").
//! - [`adjust`]: what happens to raw credits across targets and periods:
//!   repeat-miss multipliers, caps (target, agreement and period, year), the
//!   at-risk pool, earn-back.
//! - [`termination`]: termination triggers over consecutive periods.

pub mod adjust;
pub mod linear;
pub mod schedule;
pub mod termination;
