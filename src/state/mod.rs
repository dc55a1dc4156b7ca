//! App state, grouped by page: one struct per concern, changed only through
//! its action enum.
//!
//! - [`calculator`]: the quick calculator's draft state, actions and URL form.
//! - [`workbench`]: the workbench's workspace, its store and what an OpenSLO
//!   or `.ics` import changes in it.
//! - [`compare`]: the vendor-SLA comparison page's input, its outage log read and kept.
//! - [`embed`]: the embed page's configuration, message protocol and inputs.
//! - [`import`]: the measurement import: source, choices, progress, batches
//!   and undo. Shared: the calculator's import module and the workbench's
//!   measurements both show the import panel.

pub mod calculator;
pub mod compare;
pub mod embed;
pub mod import;
pub mod workbench;
