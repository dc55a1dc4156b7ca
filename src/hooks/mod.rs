//! Custom hooks: state a page keeps across renders, beside its reducers.
//!
//! - [`bench`]: the workbench's bench in one cell ([`bench::use_bench`]).
//! - [`autosave`]: the workbench's autosave ([`autosave::use_autosave`]).

pub mod autosave;
pub mod bench;
