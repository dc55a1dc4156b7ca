//! The workbench's contract simulator (`simulate.html`), a module the Plan
//! view loads when it is first shown (`sla_app::simulator`). The view calls
//! `mount` with the element to fill; the simulator's Web Worker
//! (`simulate-worker.js`) loads the same module and calls `run`.

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

fn main() {
    sla_app::browser::zone::install();
}

/// Mounts the simulator in `root` for the agreements (an agreement file's JSON).
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, agreements: String) {
    sla_app::simulator::mount(root, agreements);
}

/// Gives the mounted simulator the workspace's current agreements.
#[wasm_bindgen]
pub fn update(agreements: String) {
    sla_app::simulator::update(agreements);
}

/// Destroys the mounted simulator.
#[wasm_bindgen]
pub fn unmount() {
    sla_app::simulator::unmount();
}

/// One run, in the worker: the run's JSON, or why it could not run (thrown).
///
/// # Errors
/// Unreadable input or a setup the engine refuses, in words.
#[wasm_bindgen]
pub fn run(agreements: &str, setup: &str, progress: &js_sys::Function) -> Result<String, JsValue> {
    sla_app::simulator::run(agreements, setup, progress).map_err(|e| JsValue::from_str(&e))
}
