//! [`WEB`]: the real browser. Storage may be blocked or full, and the
//! clipboard refused: every call that can throw in JavaScript is caught and
//! becomes a `Result`, so a browser that refuses something never stops the
//! page, and the visitor is told.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{Browser, Pending};

/// The real browser: no overrides, every call is the browser's own (the
/// functions below, which `crate::browser` calls when a field is `None`).
pub static WEB: Browser = Browser {
    name: "web",
    now_ms: None,
    epoch_ms: None,
    today: None,
    load: None,
    save: None,
    local_storage: None,
    indexed_db: None,
    download: None,
    file_text: None,
    copy: None,
    site_text: None,
};

pub(crate) fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

pub(crate) fn epoch_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

pub(crate) fn today() -> (i32, u32, u32) {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        (
            i32::try_from(now.get_full_year()).unwrap_or(2026),
            now.get_month() + 1,
            now.get_date(),
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        (2026, 1, 1)
    }
}

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub(crate) fn indexed_db() -> Option<web_sys::IdbFactory> {
    web_sys::window()?.indexed_db().ok().flatten()
}

fn storage() -> Result<web_sys::Storage, String> {
    let window = web_sys::window().ok_or("there is no window")?;
    // `window.localStorage` itself throws where storage is blocked.
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err("this browser offers no storage here".into()),
        Err(e) => Err(describe(&e, "storage is blocked in this browser")),
    }
}

fn describe(error: &JsValue, fallback: &str) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| fallback.to_owned())
}

pub(crate) fn load(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|e| describe(&e, "storage could not be read"))
}

pub(crate) fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?
        .set_item(key, value)
        .map_err(|e| describe(&e, "storage is full"))
}

pub(crate) fn file_text(file: web_sys::File) -> Pending<Result<String, String>> {
    Box::pin(async move {
        let text = JsFuture::from(file.text())
            .await
            .map_err(|e| describe(&e, "the browser could not read the file"))?;
        text.as_string()
            .ok_or_else(|| "the browser could not read the file".into())
    })
}

/// A file of the site, fetched (from the service worker's cache when
/// offline).
/// The request starts at once, before the answer is awaited.
pub(crate) fn site_text(path: String) -> Pending<Result<String, String>> {
    let request = web_sys::window().map(|w| w.fetch_with_str(&path));
    Box::pin(async move {
        let request = request.ok_or("no window")?;
        let response: web_sys::Response = JsFuture::from(request)
            .await
            .map_err(|_| {
                format!(
                    "{path} could not be fetched, offline before the site was kept for offline use"
                )
            })?
            .dyn_into()
            .map_err(|_| format!("{path}: not a response"))?;
        if !response.ok() {
            return Err(format!(
                "{path} is not on the site (HTTP status {})",
                response.status()
            ));
        }
        let body = response.text().map_err(|_| format!("{path}: no body"))?;
        JsFuture::from(body)
            .await
            .map_err(|_| format!("{path}: the body could not be read"))?
            .as_string()
            .ok_or_else(|| format!("{path}: the body is not text"))
    })
}

/// The asynchronous Clipboard API; absent in an insecure page or an old
/// browser, or refused.
pub(crate) fn copy(text: String) -> Pending<Result<(), String>> {
    Box::pin(async move {
        let navigator = web_sys::window().ok_or("no window")?.navigator();
        let clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into())
            .ok()
            .filter(|c| !c.is_undefined() && !c.is_null())
            .ok_or("no clipboard")?;
        let write = js_sys::Reflect::get(&clipboard, &"writeText".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or("no clipboard")?;
        let promise = write
            .call1(&clipboard, &text.into())
            .map_err(|e| describe(&e, "the clipboard refused"))?
            .dyn_into::<js_sys::Promise>()
            .map_err(|_| "the clipboard refused".to_string())?;
        JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|e| describe(&e, "the clipboard refused"))
    })
}

/// Offers `text` as a file download named `name`.
pub(crate) fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(link) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
