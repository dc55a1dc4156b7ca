//! The app's thin layer over the browser: time zones through `Intl`,
//! reading files in slices, yielding to the page, downloads, storage and
//! share links that carry a workspace in the URL fragment.
//! Every call that can throw in JavaScript is caught here and becomes a
//! `Result` or a default, so that bad input never aborts the app.

pub mod embed;
pub mod files;
pub mod share;
pub mod zone;

use wasm_bindgen::{JsCast, JsValue};

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
