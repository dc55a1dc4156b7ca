//! The calculator's CSV import (`import-panel.html`), a module the
//! calculator loads once its first result shows: its `main` mounts the
//! import panel in the calculator's `#import-root`.

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    sla_app::start_import_panel();
}

/// The import benchmark's entry point (`scripts/import-bench.mjs`).
#[wasm_bindgen]
pub fn import_bench(bytes: &[u8], kind: &str) -> String {
    sla_app::import_bench(bytes, kind)
}
