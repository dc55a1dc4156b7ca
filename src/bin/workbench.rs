//! The agreement workbench's page (`workbench.html`).

use wasm_bindgen::prelude::wasm_bindgen;

fn main() {
    sla_app::start_workbench();
}

/// The workbench benchmark's workload as a workspace file (`scripts/workbench-bench.mjs`).
#[wasm_bindgen]
pub fn workbench_bench_workspace(services: usize, months: u32) -> String {
    sla_app::bench::workbench_bench_workspace(services, months)
}

/// The workbench benchmark's recompute timings (`scripts/workbench-bench.mjs`).
#[wasm_bindgen]
pub fn workbench_bench(services: usize, months: u32, runs: u32) -> String {
    sla_app::bench::workbench_bench(services, months, runs)
}
