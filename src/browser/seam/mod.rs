//! The one seam between the app and the browser: the clock, storage, files
//! and the clipboard, as one [`Browser`] of plain function pointers. Three
//! implementations:
//!
//! - [`WEB`]: the real browser (the default), which overrides nothing.
//! - [`EMBED`]: a page in a third party's iframe, which may have no storage:
//!   it keeps nothing (`start_embed` installs it; nor does the embed
//!   register a service worker).
//! - [`TEST`]: in memory, with a clock that moves only when a test moves it
//!   ([`test`]), for the wasm component tests; its site is `examples/`
//!   ([`test::site_text`]).
//!
//! A page's start function installs its implementation ([`install`]) before
//! it mounts; the app reaches it through the functions of
//! [`crate::browser`] (`now_ms`, `today`, `load`, `save`, `download`…),
//! from components and from the code that runs outside them (the
//! workbench's store, the autosave's timers, an import's pacing) alike.
//! Why function pointers in one static rather than a trait object in a Yew
//! context: a context is read only inside a component's render, and an
//! indirect call through a static costs a page no more than one through a
//! vtable, without the context's plumbing.
//!
//! Timers and yielding to the page (`Timeout`, `after_paint`, `yield_now`),
//! IndexedDB's requests ([`super::idb`]), zones, share links and lazy
//! modules stay below the seam: the seam decides what a timer measures
//! against (its clock) and whether there is a database at all
//! ([`Browser::indexed_db`]).

mod embed;
pub mod test;
pub(crate) mod web;

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;

pub use embed::EMBED;
pub use test::TEST;
pub use web::WEB;

/// A future the browser answers later (a file read, the clipboard).
pub type Pending<T> = Pin<Box<dyn Future<Output = T>>>;
/// Today: year, month (1–12), day.
pub type Today = fn() -> (i32, u32, u32);
/// The text kept under a key.
pub type Load = fn(&str) -> Result<Option<String>, String>;
/// Keeps a text under a key.
pub type Save = fn(&str, &str) -> Result<(), String>;
/// Reads a chosen file's text.
pub type FileText = fn(web_sys::File) -> Pending<Result<String, String>>;
/// Writes a text to the clipboard.
pub type CopyText = fn(String) -> Pending<Result<(), String>>;
/// Fetches a file of the site (a path relative to the page) as text.
pub type SiteText = fn(String) -> Pending<Result<String, String>>;

/// What the app asks of the browser, as overrides of the real browser's
/// own behaviour: a field left `None` is the browser's (the functions in
/// [`web`]); [`WEB`] sets none, [`EMBED`] sets storage's, [`TEST`] nearly
/// all. So a page carries the browser's code only for what it calls, and
/// an implementation's code only if it can be installed there (the
/// workbench's wasm holds no `EMBED`, no page holds `TEST`). Every call
/// that can throw in JavaScript is caught and becomes a `Result`, an
/// `Option` or a default.
#[derive(Clone, Copy)]
pub struct Browser {
    /// Which implementation this is (`web`, `embed`, `test`).
    pub name: &'static str,
    /// Milliseconds from a monotonic clock (`performance.now()`): pacing,
    /// the autosave's schedule.
    pub now_ms: Option<fn() -> f64>,
    /// Milliseconds since 1970 on the wall clock (`Date.now()`): stamps,
    /// "now" for a report.
    pub epoch_ms: Option<fn() -> f64>,
    /// Today in the browser's time zone: year, month (1–12), day.
    pub today: Option<Today>,
    /// The text kept under a key; `Ok(None)` when nothing is.
    /// `Err` says why storage could not be read (blocked, none).
    pub load: Option<Load>,
    /// Keeps a text under a key. `Err` says why not (blocked, full).
    pub save: Option<Save>,
    /// `localStorage` itself, for the workbench's store (its fallback and
    /// the workspaces of earlier versions); `None` where there is none.
    pub local_storage: Option<fn() -> Option<web_sys::Storage>>,
    /// IndexedDB, for the workbench's store; `None` where there is none.
    pub indexed_db: Option<fn() -> Option<web_sys::IdbFactory>>,
    /// Offers a text as a file download: name, MIME type, text.
    pub download: Option<fn(&str, &str, &str)>,
    /// The text of a chosen file, read as UTF-8.
    pub file_text: Option<FileText>,
    /// Writes a text to the clipboard.
    pub copy: Option<CopyText>,
    /// A file of the site as text (the workbench's templates after the
    /// first).
    pub site_text: Option<SiteText>,
}

thread_local! {
    static CURRENT: Cell<&'static Browser> = const { Cell::new(&WEB) };
}

/// Makes `browser` the one the app uses from now on (a page's start, or a
/// test before it mounts).
pub fn install(browser: &'static Browser) {
    CURRENT.with(|current| current.set(browser));
}

/// The browser the app uses ([`WEB`] until another is installed).
pub fn current() -> &'static Browser {
    CURRENT.with(Cell::get)
}
