//! The workbench's Plan view (`simulate.html`): the target advisor and the
//! contract simulator, a module the Plan view loads when it is first shown
//! (`sla_app::simulator`, `sla_app::advisor`). The view calls `mount` with
//! the element to fill; the view's Web Worker (`simulate-worker.js`) loads
//! the same module and calls `run`, `advise` or `fit`.

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

fn main() {
    sla_app::browser::zone::install();
}

/// Mounts the Plan view in `root` for the agreements (an agreement file's
/// JSON), the workspace's span, and `measurements`, the workbench's
/// function that gives the workspace's measurements as JSON when called.
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, agreements: String, span: String, measurements: JsValue) {
    sla_app::simulator::mount(root, agreements, span, measurements);
}

/// Gives the mounted view the workspace's current agreements and span.
#[wasm_bindgen]
pub fn update(agreements: String, span: String) {
    sla_app::simulator::update(agreements, span);
}

/// Destroys the mounted view.
#[wasm_bindgen]
pub fn unmount() {
    sla_app::simulator::unmount();
}

/// One simulation, in the worker: the run's JSON, or why it could not run (thrown).
///
/// # Errors
/// Unreadable input or a setup the engine refuses, in words.
#[wasm_bindgen]
pub fn run(agreements: &str, setup: &str, progress: &js_sys::Function) -> Result<String, JsValue> {
    sla_app::simulator::run(agreements, setup, progress).map_err(|e| JsValue::from_str(&e))
}

/// The target advisor, in the worker: the advice's JSON, or why not (thrown).
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

/// Failure models fitted from the measurements, in the worker: JSON, or
/// why not (thrown).
///
/// # Errors
/// Unreadable input, in words.
#[wasm_bindgen]
pub fn fit(agreements: &str, measurements: &str, history: &str) -> Result<String, JsValue> {
    sla_app::simulator::fit(agreements, measurements, history).map_err(|e| JsValue::from_str(&e))
}
