//! The app's thin layer over the browser: time zones through `Intl`,
//! reading files in slices, yielding to the page, downloads, storage
//! (`localStorage` here, IndexedDB in [`idb`]) and share links that carry a workspace in the URL fragment, timers and page
//! event listeners (which the autosave uses).
//! Every call that can throw in JavaScript is caught here and becomes a
//! `Result` or a default, so that bad input never aborts the app.

pub mod embed;
pub mod files;
pub mod idb;
pub mod share;
pub mod zone;

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

/// Milliseconds from a monotonic clock (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
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
/// third-party frame): callers then simply do not remember.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

pub fn save(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
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
