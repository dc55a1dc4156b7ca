//! # sla-import: measurements from CSV exports and pasted spreadsheet ranges
//!
//! Users bring outage logs from status pages and monitoring tools and ticket
//! exports from service desks. This crate turns those bytes into the engine's
//! measurement records, exactly, and says precisely what it could not use.
//! The app (in the browser, fed in chunks between frames) and the `sla` CLI
//! (reading files) run the same code.
//!
//! ## Map of the crate
//!
//! - [`decode`]: UTF-8 (with or without BOM) or Windows-1252 input; UTF-16
//!   refused with a clear message.
//! - [`dialect`]: delimiter, header row and line ends detected from a sample.
//! - [`reader`]: a streaming CSV record reader (on `csv-core`) that takes
//!   input in chunks of any size and knows each record's physical line.
//! - [`values`]: timestamps, durations, percentages, numbers and yes/no as
//!   exports write them, and the detection of a column's format.
//! - [`mapping`]: what each column means (service, start, end, ...) detected
//!   from headers and values, and the options of an import.
//! - [`presets`]: mappings for well-known exports (Jira Service Management,
//!   ServiceNow, Zendesk, Statuspage, PagerDuty, a generic outage log).
//! - [`zone`]: local timestamps to instants (a trait: chrono-tz natively,
//!   the browser's `Intl` in the app).
//! - [`import`]: the import itself: chunks in, typed records and row errors
//!   out; empty markers, closed tickets and histories (one ticket per id).
//! - [`audit`]: a field-change audit (ServiceNow `sys_audit`) as one
//!   ticket per record.
//! - [`statuspage`]: a status page's incident history in Statuspage's JSON
//!   as outages (impact weights, maintenances as planned outages).
//! - [`dataset`]: the imported records, stored compactly, and their
//!   conversion to the engine's measurement file.
//! - [`figures`]: per-service downtime and availability, per-priority ticket
//!   times: what an import screen shows.
//!
//! Conventions are documented in `docs/import.md`.

pub mod audit;
pub mod dataset;
pub mod decode;
pub mod dialect;
pub mod figures;
pub mod import;
pub mod mapping;
pub mod presets;
pub mod preview;
pub mod reader;
pub mod statuspage;
pub mod values;
pub mod zone;
