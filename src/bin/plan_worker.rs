//! The Plan view's jobs (`plan-worker.html`), a module only the view's Web
//! Worker (`simulate-worker.js`) loads: the engine's contract simulator,
//! target advisor and failure-model fit, called with text and answering
//! with text. No view is in it, and the view's module (`simulate.html`)
//! does not carry the engine's report, so the view shows before the first
//! job needs them.

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

fn main() {
    sla_app::browser::zone::install();
}

/// One simulation: the run's JSON, or why it could not run (thrown).
///
/// # Errors
/// Unreadable input or a setup the engine refuses, in words.
#[wasm_bindgen]
pub fn run(agreements: &str, setup: &str, progress: &js_sys::Function) -> Result<String, JsValue> {
    sla_app::simulator::run(agreements, setup, progress).map_err(|e| JsValue::from_str(&e))
}

/// The target advisor: the advice's JSON, or why not (thrown).
///
/// # Errors
/// Unreadable input, in words.
#[wasm_bindgen]
pub fn advise(
    agreements: &str,
    measurements: &str,
    options: &str,
    progress: &js_sys::Function,
) -> Result<String, JsValue> {
    sla_app::advisor::run(agreements, measurements, options, progress)
        .map_err(|e| JsValue::from_str(&e))
}

/// Failure models fitted from the measurements: JSON, or why not (thrown).
///
/// # Errors
/// Unreadable input, in words.
#[wasm_bindgen]
pub fn fit(agreements: &str, measurements: &str, history: &str) -> Result<String, JsValue> {
    sla_app::simulator::fit(agreements, measurements, history).map_err(|e| JsValue::from_str(&e))
}

/// The back-to-back exposure over a span: JSON, or why not (thrown).
///
/// # Errors
/// Unreadable input, in words.
#[wasm_bindgen]
pub fn exposure(agreements: &str, measurements: &str, span: &str) -> Result<String, JsValue> {
    sla_app::requirements::exposure(agreements, measurements, span)
        .map_err(|e| JsValue::from_str(&e))
}
