//! What the compare page needs from the browser: today's date, storage that
//! may be blocked or full, a file's text, and the clipboard. Every call that
//! can throw in JavaScript is caught and becomes a `Result`: a browser that
//! refuses something never stops the page, and the visitor is told.

use chrono::NaiveDate;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    #[cfg(target_arch = "wasm32")]
    {
        let now = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(
            i32::try_from(now.get_full_year()).unwrap_or(2026),
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
    }
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

/// The text kept under `key`; `Ok(None)` when nothing is.
///
/// # Errors
/// Storage is blocked or throws.
pub fn load(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|e| describe(&e, "storage could not be read"))
}

/// Keeps `value` under `key`.
///
/// # Errors
/// Storage is blocked, or full (the browser's quota).
pub fn save(key: &str, value: &str) -> Result<(), String> {
    storage()?
        .set_item(key, value)
        .map_err(|e| describe(&e, "storage is full"))
}

/// The text of a chosen file, read as UTF-8.
///
/// # Errors
/// The browser could not read it (moved, deleted, not allowed).
pub async fn file_text(file: &web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|e| describe(&e, "the browser could not read the file"))?;
    text.as_string()
        .ok_or_else(|| "the browser could not read the file".into())
}

/// Writes `text` to the clipboard (the asynchronous Clipboard API).
///
/// # Errors
/// No Clipboard API (an insecure page, an old browser) or permission refused.
pub async fn copy(text: &str) -> Result<(), String> {
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
