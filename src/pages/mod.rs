//! The pages: one module per page, each its own Trunk target and wasm, so
//! that a visitor of the quick calculator (or of an embed) does not download
//! the workbench. A page owns its state and maps its components' `on_<verb>`
//! callbacks to its actions.
//!
//! - [`calculator`] (`index.html`): the quick availability calculator.
//! - [`workbench`] (`workbench.html`): the agreement workbench, with its views.
//! - [`compare`] (`compare.html`): "Compare vendor SLAs", with its views.
//! - [`embed`] (`embed.html`): the compact calculator in a vendor's iframe.
//! - [`import_panel`] (`import-panel.html`): the calculator's CSV import
//!   module, loaded after its first result.
//! - [`dom`]: building blocks of the pages written against the DOM
//!   (the embed, the compare page).
//! - [`nested`]: a module's app mounted inside a page's takes tree numbers
//!   of its own.

pub mod calculator;
pub mod compare;
pub mod dom;
pub mod embed;
pub mod import_panel;
pub mod nested;
pub mod workbench;
