//! The whole workbench, with its editing views (`workbench-editor.html`): a
//! module `workbench.html` loads the first time an editing view is wanted,
//! and hands the workbench over to (`sla_app::pages::workbench::handover`).
//! Its `main` does nothing; the page calls `start`.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {}

/// Takes the workbench over from the page's first module: `handover` is
/// what it carries (JSON), `before_mount` destroys its app.
#[wasm_bindgen]
pub async fn start(handover: String, before_mount: js_sys::Function) {
    sla_app::start_workbench_editor(handover, before_mount).await;
}
