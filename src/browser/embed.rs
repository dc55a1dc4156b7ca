//! The embed page's link to the page around it: messages in (checked
//! against the allowed origins and the parent window), messages out (to the
//! parent's origin only, never `*`), the page's height, the theme, and a
//! same-origin fetch of the terms. Nothing here touches storage, so the page
//! works where a third-party iframe's storage is partitioned or blocked.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::state::embed::json::{self, Json};
use crate::state::embed::{Scheme, ThemeVar, MAX_TERMS_BYTES};

/// Whether the page is shown inside a frame.
pub fn framed() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match window.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
        _ => false,
    }
}

/// The origin of the page around this one, when it is one of `allowed`:
/// Chromium's `location.ancestorOrigins`, else the referrer's origin, else
/// the only allowed origin (a browser that tells neither).
pub fn parent_origin(allowed: &[String]) -> Option<String> {
    if !framed() {
        return None;
    }
    let window = web_sys::window()?;
    // `location.ancestorOrigins` is not in every browser (nor in web-sys).
    let told = js_sys::Reflect::get(&window.location(), &JsValue::from_str("ancestorOrigins"))
        .ok()
        .and_then(|list| list.dyn_into::<web_sys::DomStringList>().ok())
        .and_then(|list| list.item(0))
        .or_else(|| {
            let referrer = window.document()?.referrer();
            let url = web_sys::Url::new(&referrer).ok()?;
            Some(url.origin())
        });
    match told {
        Some(origin) => {
            let origin = origin.to_ascii_lowercase();
            allowed.contains(&origin).then_some(origin)
        }
        None if allowed.len() == 1 => allowed.first().cloned(),
        None => None,
    }
}

/// Posts `message` (JSON text) to the parent window, addressed to `origin` only.
pub fn post_to_parent(origin: &str, message: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let Ok(data) = js_sys::JSON::parse(message) else {
        return;
    };
    let _ = parent.post_message(&data, origin);
}

/// A `message` listener, removed when dropped.
pub struct MessageListener {
    closure: Closure<dyn Fn(web_sys::MessageEvent)>,
}

impl Drop for MessageListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "message",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// Calls `on` with the data of every message that comes from the parent
/// window and from one of `allowed`; anything else is dropped unread. The
/// data is turned into JSON text and back, so only JSON values get through
/// (no functions, no DOM nodes), and a message over the size limit is
/// dropped.
pub fn listen(allowed: Vec<String>, on: impl Fn(Json) + 'static) -> Option<MessageListener> {
    let window = web_sys::window()?;
    let closure =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if !allowed.contains(&event.origin().to_ascii_lowercase()) {
                return;
            }
            let from_parent = match (
                event.source(),
                web_sys::window().and_then(|w| w.parent().ok().flatten()),
            ) {
                (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
                _ => false,
            };
            if !from_parent {
                return;
            }
            let data = event.data();
            // A string is handed on as one (`read_message` reads the JSON
            // in it and says why when it is not JSON); anything else is
            // turned into JSON text and read back.
            if let Some(text) = data.as_string() {
                if text.len() <= MAX_TERMS_BYTES * 2 {
                    on(Json::String(text));
                }
                return;
            }
            let Some(text) = js_sys::JSON::stringify(&data)
                .ok()
                .and_then(|s| s.as_string())
                .filter(|t| t.len() <= MAX_TERMS_BYTES * 2)
            else {
                return;
            };
            match json::parse(&text) {
                Ok(value) => on(value),
                // `JSON.stringify` writes JSON: only a value it cannot
                // write (`undefined`, a function) gets here.
                Err(e) => log_ignored(&e.to_string()),
            }
        });
    window
        .add_event_listener_with_callback("message", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(MessageListener { closure })
}

/// Watches the page's height, calling `on` with it (in CSS pixels, rounded
/// up) whenever it changes. Stops when dropped.
pub struct HeightWatch {
    observer: web_sys::ResizeObserver,
    _closure: Closure<dyn Fn()>,
}

impl Drop for HeightWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// See [`HeightWatch`].
pub fn watch_height(on: impl Fn(u32) + 'static) -> Option<HeightWatch> {
    let document = web_sys::window()?.document()?;
    let element = document.document_element()?;
    let last = std::cell::Cell::new(0u32);
    let measured = element.clone();
    let closure = Closure::<dyn Fn()>::new(move || {
        let body_height = measured
            .owner_document()
            .and_then(|d| d.body())
            .map(|b| b.scroll_height())
            .unwrap_or(0);
        let height = u32::try_from(measured.scroll_height().max(body_height)).unwrap_or(0);
        if height != last.get() {
            last.set(height);
            on(height);
        }
    });
    let observer = web_sys::ResizeObserver::new(closure.as_ref().unchecked_ref()).ok()?;
    observer.observe(&element);
    if let Some(body) = document.body() {
        observer.observe(&body);
    }
    Some(HeightWatch {
        observer,
        _closure: closure,
    })
}

/// Sets the theme's custom properties on the page's root element (through
/// the CSSOM, which a strict `style-src` allows), and the colour scheme.
/// Dark-only settings apply when the dark scheme is shown.
pub fn apply_theme(vars: &[ThemeVar], scheme: Scheme) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(root) = window
        .document()
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    match scheme {
        Scheme::Auto => {
            let _ = root.remove_attribute("data-scheme");
        }
        Scheme::Light => {
            let _ = root.set_attribute("data-scheme", "light");
        }
        Scheme::Dark => {
            let _ = root.set_attribute("data-scheme", "dark");
        }
    }
    let dark = match scheme {
        Scheme::Dark => true,
        Scheme::Light => false,
        Scheme::Auto => window
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    };
    let style = root.style();
    for var in vars.iter().filter(|v| !v.dark) {
        let _ = style.set_property(&format!("--{}", var.name), &var.value);
    }
    if dark {
        for var in vars.iter().filter(|v| v.dark) {
            let _ = style.set_property(&format!("--{}", var.name), &var.value);
        }
    }
}

/// The text at `url`, which must be on this page's own origin.
///
/// # Errors
/// Another origin, a failed request, a status other than 2xx, a body over
/// the size limit.
pub async fn fetch_same_origin(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let base = window.location().href().map_err(|_| "no address")?;
    let resolved = web_sys::Url::new_with_base(url, &base)
        .map_err(|_| format!("“{url}” is not an address"))?;
    let own = window.location().origin().map_err(|_| "no origin")?;
    if resolved.origin() != own {
        return Err(format!(
            "“{url}” is on another site; the terms must come from this page's own site ({own}), or be sent in a message"
        ));
    }
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&resolved.href()))
        .await
        .map_err(|_| format!("“{url}” could not be fetched"))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("“{url}” answered {}", response.status()));
    }
    let text =
        wasm_bindgen_futures::JsFuture::from(response.text().map_err(|_| "no body".to_string())?)
            .await
            .map_err(|_| "the body could not be read".to_string())?
            .as_string()
            .unwrap_or_default();
    if text.len() > MAX_TERMS_BYTES {
        return Err(format!("“{url}” is larger than {MAX_TERMS_BYTES} bytes"));
    }
    Ok(text)
}

/// Logs why a message was ignored, for the vendor's developer console.
pub fn log_ignored(why: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!(
        "sla-embed: message ignored: {why}"
    )));
}
