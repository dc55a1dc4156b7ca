//! The presets crate end to end, as one test binary (faster to build on two
//! cores than one binary per file):
//!
//! - [`expected`]: every preset on `examples/vendor-outages-2026-07.csv`
//!   against the figures `scripts/expected-presets.py` computed with
//!   Python's `fractions` (stored in `tests/fixtures/expected-presets.json`).
//! - [`golden`]: a whole comparison and a claim, text and CSV, against
//!   `tests/golden/*` (`UPDATE_GOLDEN=1` rewrites them; review the diff).
//! - [`properties`]: invariants over random logs (proptest).
//! - [`files`]: every bundled preset reads, carries checked examples, and bad
//!   files are refused with the file name and the JSON path.

mod expected;
mod files;
mod golden;
mod properties;

use sla_engine::{Currency, Money};
use sla_presets::evaluate::{Deployment, Month, Request};
use sla_presets::log::{parse_csv, OutageRecord};

pub fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn example_log() -> Vec<OutageRecord> {
    let text = std::fs::read_to_string(root().join("examples/vendor-outages-2026-07.csv"))
        .expect("the example log");
    parse_csv(&text).expect("a valid log")
}

pub fn request(zones: &[&str], instance: Option<&str>, bill: &str, currency: &str) -> Request {
    let mut request = Request::new(
        Month::parse("2026-07").expect("valid"),
        chrono::NaiveDate::from_ymd_opt(2026, 8, 10).expect("valid"),
    );
    request.deployment = Deployment {
        zones: zones.iter().map(|z| (*z).to_owned()).collect(),
        instance: instance.map(str::to_owned),
    };
    request.bill =
        Some(Money::parse(bill, Currency::new(currency).expect("valid")).expect("valid"));
    request
}
