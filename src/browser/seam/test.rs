//! [`TEST`]: the browser in memory, for the wasm component tests. Its clock
//! stands at 2026-02-15 12:00 UTC and moves only by [`advance`]; what is
//! kept, downloaded or copied stays in this module, where a test reads it
//! ([`kept`], [`downloads`], [`clipboard`]) and [`reset`] empties it. There
//! is no IndexedDB and no `localStorage` handle (the workbench's store is
//! then nowhere); a chosen file is read as the browser reads it; the site's
//! files are the templates of `examples/` ([`site_text`]).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use super::{Browser, Pending, WEB};

/// 2026-02-15T12:00:00Z, in milliseconds since 1970.
const EPOCH_MS: f64 = 1_771_156_800_000.0;

thread_local! {
    static ELAPSED_MS: Cell<f64> = const { Cell::new(0.0) };
    static KEPT: RefCell<BTreeMap<String, String>> = const { RefCell::new(BTreeMap::new()) };
    static DOWNLOADS: RefCell<Vec<(String, String, String)>> = const { RefCell::new(Vec::new()) };
    static CLIPBOARD: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Moves the test clock on by `ms` milliseconds.
pub fn advance(ms: f64) {
    ELAPSED_MS.with(|elapsed| elapsed.set(elapsed.get() + ms));
}

/// What is kept under `key`.
pub fn kept(key: &str) -> Option<String> {
    KEPT.with(|kept| kept.borrow().get(key).cloned())
}

/// The downloads offered so far: name, MIME type, text.
pub fn downloads() -> Vec<(String, String, String)> {
    DOWNLOADS.with(|d| d.borrow().clone())
}

/// What was last copied to the clipboard.
pub fn clipboard() -> Option<String> {
    CLIPBOARD.with(|c| c.borrow().clone())
}

/// Back to the start: the clock at its epoch, nothing kept, downloaded or copied.
pub fn reset() {
    ELAPSED_MS.with(|elapsed| elapsed.set(0.0));
    KEPT.with(|kept| kept.borrow_mut().clear());
    DOWNLOADS.with(|d| d.borrow_mut().clear());
    CLIPBOARD.with(|c| c.borrow_mut().take());
}

fn now_ms() -> f64 {
    ELAPSED_MS.with(Cell::get)
}

fn load(key: &str) -> Result<Option<String>, String> {
    Ok(kept(key))
}

fn save(key: &str, value: &str) -> Result<(), String> {
    KEPT.with(|kept| kept.borrow_mut().insert(key.into(), value.into()));
    Ok(())
}

fn download(name: &str, mime: &str, text: &str) {
    DOWNLOADS.with(|d| d.borrow_mut().push((name.into(), mime.into(), text.into())));
}

fn copy(text: String) -> Pending<Result<(), String>> {
    CLIPBOARD.with(|c| *c.borrow_mut() = Some(text));
    Box::pin(std::future::ready(Ok(())))
}

/// The site's `templates/` folder, from `examples/` (the test runner serves
/// no site): what `workbench.html` copies there. Another path is not found.
pub fn site_text(path: String) -> Pending<Result<String, String>> {
    let text = path
        .strip_prefix("templates/")
        .and_then(crate::templates::example_file)
        .map(str::to_string)
        .ok_or_else(|| format!("{path} is not on the site (HTTP status 404)"));
    Box::pin(std::future::ready(text))
}

/// The browser in memory.
pub static TEST: Browser = Browser {
    name: "test",
    now_ms: Some(now_ms),
    epoch_ms: Some(|| EPOCH_MS + now_ms()),
    today: Some(|| (2026, 2, 15)),
    load: Some(load),
    save: Some(save),
    local_storage: Some(|| None),
    indexed_db: Some(|| None),
    download: Some(download),
    copy: Some(copy),
    site_text: Some(site_text),
    ..WEB
};
