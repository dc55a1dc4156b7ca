//! The workbench's CSV and Statuspage import (`workbench-import.html`), a
//! module the Measurements view loads when it is first shown
//! (`sla_app::workbench_import`). Its `main` only registers the browser's
//! time zones; the view calls `mount` with the element to fill.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    sla_app::browser::zone::install();
}

/// Mounts the importer in `root`, with the workspace's `existing` outages
/// and tickets and the ticket priorities its targets name (`wanted`, a JSON
/// list). After each import it hands every record it holds over in parts,
/// calling `on_imported(import, step, json)` for each, with the page's turn
/// between parts (see `sla_app::workbench_import::parts`).
#[wasm_bindgen]
pub fn mount(root: web_sys::Element, existing: usize, wanted: &str, on_imported: js_sys::Function) {
    sla_app::workbench_import::mount(root, existing, wanted, on_imported);
}

/// Gives the mounted importer the workspace's current counts and priorities.
#[wasm_bindgen]
pub fn update(existing: usize, wanted: &str) {
    sla_app::workbench_import::update(existing, wanted);
}

/// Destroys the mounted importer.
#[wasm_bindgen]
pub fn unmount() {
    sla_app::workbench_import::unmount();
}
