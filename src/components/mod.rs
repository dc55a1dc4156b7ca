//! Components that more than one page could show, one per file, named for
//! what they show. A component takes its data as props and reports what the
//! user did through `on_<verb>` callbacks; the page that shows it maps them
//! to its own actions.

pub mod charts;
pub mod composite;
pub mod downtime_table;
pub mod figure;
pub mod import;
pub mod notices;
pub mod reverse;
pub mod service_hours;
pub mod site_header;
pub mod targets;
pub mod text_field;
