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
pub fn mount(
    root: web_sys::Element,
    agreements: String,
    span: String,
    measurements: JsValue,
    edit: JsValue,
) {
    sla_app::simulator::mount(root, agreements, span, measurements, edit);
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
