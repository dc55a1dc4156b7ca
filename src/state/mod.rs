//! App state: one struct per concern, changed only through its action enum.
//!
//! - [`quick`]: the quick calculator's draft state and actions.
//! - [`url`]: that state in the URL fragment.
//! - [`embed`]: the embed page's configuration, message protocol and inputs.
//! - [`import`]: the measurement import: source, choices, progress, batches and undo.
//! - [`interop`]: what an OpenSLO or `.ics` import changes in the workbench's workspace.
//! - [`compare`]: the vendor-SLA comparison page's input, its outage log read and kept.

pub mod compare;
pub mod embed;
pub mod import;
pub mod interop;
pub mod quick;
pub mod store;
pub mod url;
pub mod workspace;
