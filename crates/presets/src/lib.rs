//! # sla-presets: vendors' published SLAs as data, on your own outage log
//!
//! A preset is one vendor's SLA for one service and deployment (AWS EC2 at
//! region or instance level, S3 Standard and Standard-IA, Azure Virtual
//! Machines by deployment, Google Compute Engine, a template), transcribed
//! into a JSON file in the repository's `presets/` folder: its source and
//! date, its definition of monthly uptime and downtime, exclusions, credit
//! tiers with their edges, cap and claim deadline. Adding a file adds a
//! preset: the build bundles every file of the folder ([`bundled`]).
//!
//! Given one outage log and a month, each preset computes its monthly uptime
//! under its own definition ([`evaluate::evaluate`]), the tier reached, the
//! credit on a monthly bill (exact to the cent, capped) and the last day to
//! claim; [`compare::compare`] puts several presets side by side and explains
//! in plain words why their figures differ; [`claim::claim`] writes the text
//! and the table of a credit claim.
//!
//! The arithmetic is the engine's ([`sla_engine`]): intervals and their
//! unions, exact [`Ratio`](sla_engine::Ratio)s, step schedules with explicit
//! edges, [`Money`](sla_engine::Money) in minor units. Nothing here reads the
//! clock: the caller passes the month and "today".
//!
//! ```
//! use sla_presets::{bundled, compare::compare, evaluate::{Month, Request}, log::parse_csv};
//!
//! let presets = bundled().unwrap();
//! let chosen: Vec<_> = presets
//!     .iter()
//!     .filter(|p| ["aws-ec2-region", "gcp-compute-multi-zone"].contains(&p.id.as_str()))
//!     .collect();
//! let log = parse_csv("start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n").unwrap();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 8, 3).unwrap();
//! let comparison = compare(&chosen, &log, &Request::new(Month::parse("2026-07").unwrap(), today)).unwrap();
//! // AWS counts every minute touched (4), Google only whole minutes (2).
//! assert_eq!(comparison.rows[0].measure.describe_down(), "4 minutes");
//! assert_eq!(comparison.rows[1].measure.describe_down(), "2 minutes");
//! ```
//!
//! ## Map of the crate
//!
//! - [`preset`]: [`Preset`], read and checked from JSON ([`Preset::from_json`]),
//!   errors with the file and the JSON path ([`PresetError`]).
//! - [`log`]: the outage log ([`log::OutageRecord`]) and its CSV form: its
//!   columns and values, read in one pass ([`log::read_csv`]) through the
//!   import crate's CSV reader ([`sla_import::reader`]).
//! - [`evaluate`]: one preset, one log, one month ([`evaluate::Evaluation`]).
//! - [`compare`]: several presets side by side, with the differences in words.
//! - [`claim`]: the text and CSV table of a credit claim.
//! - [`render`]: comparisons as text and CSV (the CLI's output).
//!
//! The file format and every convention are in `docs/presets.md`.

pub mod claim;
pub mod compare;
pub mod evaluate;
pub mod log;
pub mod preset;
pub mod render;

pub use preset::{Preset, PresetError};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/bundled.rs"));
}

/// The files bundled at build time: `(file name, contents)`, sorted by name.
pub fn bundled_files() -> &'static [(&'static str, &'static str)] {
    generated::BUNDLED
}

/// Every bundled preset, in file-name order.
///
/// # Errors
/// Every problem of every bundled file (a test keeps this from happening in a release).
pub fn bundled() -> Result<Vec<Preset>, Vec<PresetError>> {
    preset::read_all(bundled_files().iter().copied())
}

/// Every bundled preset, read as a page reads them: without following JSON
/// paths ([`Preset::from_bundled`]); the same presets as [`bundled`] (tested).
///
/// # Errors
/// As [`bundled`], without the JSON path of a field that does not parse.
pub fn bundled_for_pages() -> Result<Vec<Preset>, Vec<PresetError>> {
    preset::read_all_with(bundled_files().iter().copied(), Preset::from_bundled)
}
