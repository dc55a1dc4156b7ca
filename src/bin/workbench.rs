//! The agreement workbench's page (`workbench.html`). With the `bench`
//! feature (`cargo xtask bench-workbench`), the benchmark's entry points are
//! exported to JavaScript too; the page users load does not carry them.

fn main() {
    sla_app::start_workbench();
}

#[cfg(feature = "bench")]
mod bench {
    use wasm_bindgen::prelude::wasm_bindgen;

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

    /// The cell-edit benchmark on a large measurement file (`scripts/workbench-bench.mjs`).
    #[wasm_bindgen]
    pub fn workbench_cell_edit_bench(outages: usize, runs: u32) -> String {
        sla_app::bench::cell_edit_bench(outages, runs)
    }

    /// The workload with `outages` outages as a workspace file (`scripts/workbench-bench.mjs`).
    #[wasm_bindgen]
    pub fn workbench_bench_workspace_with(services: usize, months: u32, outages: usize) -> String {
        sla_app::bench::workbench_bench_workspace_with(services, months, outages)
    }
}
