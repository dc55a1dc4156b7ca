//! The quick calculator's page (`index.html`).

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    sla_app::start();
}

/// The import benchmark's entry point (`scripts/import-bench.mjs`).
#[wasm_bindgen]
pub fn import_bench(bytes: &[u8], kind: &str) -> String {
    sla_app::import_bench(bytes, kind)
}
