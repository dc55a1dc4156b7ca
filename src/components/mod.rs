//! One component per file, named for what it shows.

pub mod audit_import;
pub mod charts;
pub mod compare;
pub mod composite;
pub mod downtime_table;
pub mod embed;
pub mod figure;
pub mod import;
pub mod notices;
pub mod reverse;
pub mod service_hours;
pub mod status_import;
pub mod targets;
pub mod text_field;
pub mod workbench;
