//! One component per file, named for what it shows.

pub mod charts;
pub mod compare;
pub mod composite;
pub mod downtime_table;
pub mod embed;
pub mod figure;
// The app's texts live in `src/i18n/`. Declared here while `lib.rs` is being
// reorganised; it moves to `lib.rs` as `pub mod i18n;` (`crate::i18n`).
#[path = "../i18n/mod.rs"]
pub mod i18n;
pub mod import;
pub mod notices;
pub mod reverse;
pub mod service_hours;
pub mod targets;
pub mod text_field;
pub mod workbench;
