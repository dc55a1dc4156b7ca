//! Cross-module tests of sla-interop: the fixtures in `tests/fixtures/` and
//! the example agreement files of the repository, round trips both ways.
//! One test binary (faster to build on two cores than one per file).

mod ics;
mod openslo;
mod round_trip;
