//! The app's thin layer over the browser. All browser access goes through
//! one seam, [`seam::Browser`] (the clock, storage, files, the clipboard),
//! with three implementations: [`WEB`], [`EMBED`] and [`TEST`]; the
//! functions below ([`now_ms`], [`today`], [`load`], [`save`],
//! [`download`]…) ask the one installed. Below the seam: time zones
//! through `Intl` ([`zone`]), reading files in slices ([`files`]),
//! IndexedDB's requests ([`idb`]), share links that carry a workspace in
//! the URL fragment ([`share`]), the embed's messages ([`embed`]), lazy
//! modules, yielding to the page, timers and page event listeners (which
//! the autosave uses). Every call that can throw in JavaScript is caught
//! here and becomes a `Result` or a default, so that bad input never aborts
//! the app.

pub mod embed;
pub mod files;
pub mod idb;
pub mod seam;
pub mod share;
pub mod zone;

pub use seam::{current, install, Browser, EMBED, TEST, WEB};

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

/// Loads a module the build made to be loaded after the page's first
/// result (`cargo xtask build`'s `LAZY`: `import-panel`), named in the
/// page's `<meta name="sla-lazy-<name>">`; its wasm starts on loading.
///
/// # Errors
/// The page names no such module (a build without it), or the module did
/// not load (offline before it was ever cached): the message says which.
pub async fn load_lazy(name: &str) -> Result<JsValue, String> {
    let url = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"sla-lazy-{name}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .ok_or_else(|| format!("this build of the page names no module `{name}`"))?;
    // `import()` is the page's (its boot script defines `slaImport`, see
    // `cargo xtask build`): the wasm has no way to load a module itself.
    let window = web_sys::window().ok_or("no window")?;
    let import = js_sys::Reflect::get(&window, &"slaImport".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("this build of the page cannot load modules")?;
    let promise = import
        .call1(&JsValue::NULL, &JsValue::from_str(&url))
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| format!("`{url}` did not load"))?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| {
            e.as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                })
                .unwrap_or_else(|| format!("`{url}` did not load"))
        })
}

thread_local! {
    /// The exports of the lazy modules loaded so far (or given by
    /// [`provide_lazy`]), by name.
    static LAZY_EXPORTS: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// A lazy module's exports, if it is loaded.
pub fn lazy_loaded(name: &str) -> Option<JsValue> {
    LAZY_EXPORTS.with(|l| {
        l.borrow()
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| b.clone())
    })
}

/// Uses `bindings` as module `name`'s exports instead of loading it (the
/// component tests, whose page has no module to load).
pub fn provide_lazy(name: &'static str, bindings: JsValue) {
    LAZY_EXPORTS.with(|l| {
        let mut loaded = l.borrow_mut();
        loaded.retain(|(n, _)| *n != name);
        loaded.push((name, bindings));
    });
}

/// Module `name`'s exports (its boot module's `export default bindings`),
/// loading it the first time ([`load_lazy`]).
///
/// # Errors
/// The module did not load, or exports nothing: why.
pub async fn lazy_exports(name: &'static str) -> Result<JsValue, String> {
    if let Some(bindings) = lazy_loaded(name) {
        return Ok(bindings);
    }
    let namespace = load_lazy(name).await?;
    let bindings = js_sys::Reflect::get(&namespace, &"default".into())
        .ok()
        .filter(JsValue::is_object)
        .ok_or_else(|| format!("the module `{name}` exports nothing"))?;
    provide_lazy(name, bindings.clone());
    Ok(bindings)
}

/// Calls export `export` of a lazy module's `bindings` (module `name`) with
/// `args`; what it returns.
///
/// # Errors
/// No such export, or it threw: the exception's own words.
pub fn call_export(
    bindings: &JsValue,
    name: &str,
    export: &str,
    args: &[JsValue],
) -> Result<JsValue, String> {
    let function = js_sys::Reflect::get(bindings, &export.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| format!("the module `{name}` has no `{export}`"))?;
    let args: js_sys::Array = args.iter().collect();
    function.apply(&JsValue::NULL, &args).map_err(|e| {
        let why = e
            .as_string()
            .or_else(|| {
                js_sys::Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
            })
            .unwrap_or_default();
        format!("`{export}` of the module `{name}` failed: {why}")
    })
}

/// Milliseconds from a monotonic clock (`performance.now()` in a browser).
pub fn now_ms() -> f64 {
    current().now_ms.map_or_else(seam::web::now_ms, |f| f())
}

/// Milliseconds since 1970 on the wall clock.
pub fn epoch_ms() -> f64 {
    current().epoch_ms.map_or_else(seam::web::epoch_ms, |f| f())
}

/// Today in the browser's time zone.
pub fn today() -> chrono::NaiveDate {
    let (year, month, day) = current().today.map_or_else(seam::web::today, |f| f());
    chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// `YYYY-MM` of today in the browser's time zone.
pub fn current_month() -> String {
    let (year, month, _) = current().today.map_or_else(seam::web::today, |f| f());
    format!("{year:04}-{month:02}")
}

/// Lets the page run (paint, handle input) before continuing: a message
/// through a `MessageChannel` is a new task without the 4 ms clamp of
/// nested `setTimeout`.
pub async fn yield_now() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        if channel.port2().post_message(&JsValue::NULL).is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets the page paint what was just rendered before continuing: the next
/// animation frame (or 100 ms, in a hidden page, which has no frames), then
/// a new task. Work that is not urgent (a chart over a large file) waits
/// for this, so that an edit shows at once.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        // Whichever comes first; resolving twice does nothing.
        let frame = window.request_animation_frame(&resolve);
        let timeout = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 100);
        if frame.is_err() && timeout.is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yield_now().await;
}

/// Moves the keyboard focus to the element with `id`, if there is one.
pub fn focus(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// `localStorage`, or `None` where storage is blocked (a sandboxed or
/// third-party frame, an embed): callers then simply do not remember.
pub fn local_storage() -> Option<web_sys::Storage> {
    current()
        .local_storage
        .map_or_else(seam::web::local_storage, |f| f())
}

/// IndexedDB, or `None` where there is none.
pub fn indexed_db() -> Option<web_sys::IdbFactory> {
    current()
        .indexed_db
        .map_or_else(seam::web::indexed_db, |f| f())
}

/// The text kept under `key`; `Ok(None)` when nothing is.
///
/// # Errors
/// Storage is blocked or throws (or there is none: an embed).
pub fn load(key: &str) -> Result<Option<String>, String> {
    current().load.unwrap_or(seam::web::load)(key)
}

/// Keeps `value` under `key`.
///
/// # Errors
/// Storage is blocked, or full (the browser's quota).
pub fn save(key: &str, value: &str) -> Result<(), String> {
    current().save.unwrap_or(seam::web::save)(key, value)
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    current().download.unwrap_or(seam::web::download)(name, mime, text);
}

/// A file of the site (`path` relative to the page), as text: requested at
/// once, answered when awaited. The answer is an error when the file could
/// not be fetched (offline before the service worker cached it) or came
/// with a status other than 2xx, with the path.
pub fn site_text(path: &str) -> seam::Pending<Result<String, String>> {
    current().site_text.unwrap_or(seam::web::site_text)(path.to_string())
}

/// The text of a chosen file, read as UTF-8.
///
/// # Errors
/// The browser could not read it (moved, deleted, not allowed).
pub async fn file_text(file: &web_sys::File) -> Result<String, String> {
    current().file_text.unwrap_or(seam::web::file_text)(file.clone()).await
}

/// Writes `text` to the clipboard.
///
/// # Errors
/// No Clipboard API (an insecure page, an old browser) or permission refused.
pub async fn copy(text: &str) -> Result<(), String> {
    current().copy.unwrap_or(seam::web::copy)(text.to_owned()).await
}

/// Selects the whole text of the text area `id` and gives it the focus, so
/// that the visitor can copy it with the keyboard.
pub fn select_text(id: &str) {
    let area = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let _ = area.focus();
        area.select();
    }
}

/// The page's URL fragment, with its `#`.
pub fn read_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the URL's fragment without adding a history entry per keystroke.
pub fn write_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let current = location.hash().unwrap_or_default();
    let wanted = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    if current == wanted {
        return;
    }
    // An empty fragment drops the `#` too: the page's path and query alone.
    let url = if wanted.is_empty() {
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    } else {
        wanted
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// A callback run once after a delay, unless this is dropped first
/// (`setTimeout` / `clearTimeout`).
pub struct Timeout {
    id: i32,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Timeout {
    /// Runs `callback` after `ms` milliseconds; `None` without a window.
    pub fn new(ms: f64, callback: impl FnOnce() + 'static) -> Option<Timeout> {
        let callback = wasm_bindgen::closure::Closure::once(callback);
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.as_ref().unchecked_ref(),
                ms.clamp(0.0, f64::from(i32::MAX)) as i32,
            )
            .ok()?;
        Some(Timeout {
            id,
            _callback: callback,
        })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.id);
        }
    }
}

/// A listener of an event of the window or the document, removed when
/// dropped.
pub struct Listener {
    target: web_sys::EventTarget,
    event: &'static str,
    callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl Listener {
    /// Listens to `event` (`pagehide`) on the window.
    pub fn window(event: &'static str, callback: impl FnMut() + 'static) -> Option<Listener> {
        Listener::on(web_sys::window()?.into(), event, callback)
    }

    /// Listens to `event` (`visibilitychange`) on the document.
    pub fn document(event: &'static str, callback: impl FnMut() + 'static) -> Option<Listener> {
        Listener::on(web_sys::window()?.document()?.into(), event, callback)
    }

    fn on(
        target: web_sys::EventTarget,
        event: &'static str,
        callback: impl FnMut() + 'static,
    ) -> Option<Listener> {
        let callback = wasm_bindgen::closure::Closure::wrap(Box::new(callback) as Box<dyn FnMut()>);
        target
            .add_event_listener_with_callback(event, callback.as_ref().unchecked_ref())
            .ok()?;
        Some(Listener {
            target,
            event,
            callback,
        })
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(
            self.event,
            self.callback.as_ref().unchecked_ref(),
        );
    }
}

/// Whether the page is hidden (another tab, minimised, being left).
pub fn page_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
