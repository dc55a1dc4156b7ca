//! Custom hooks: state a page keeps across renders, beside its reducers.
//!
//! - [`bench`]: the workbench's bench in one cell ([`bench::use_bench`]).

pub mod bench;
