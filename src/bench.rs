//! The workbench's benchmark workload: `services` services, each with its
//! own SLA (availability on business hours, step credits, a period cap),
//! reported over `months` months with twenty outages per service and month.
//! The same shape as the engine's criterion `report` benchmark, built here
//! so that the browser benchmark (`scripts/workbench-bench.mjs`) can time
//! the app's own recompute path ([`crate::pages::workbench::compute`]).

use std::rc::Rc;

use serde_json::{json, Value};

use sla_engine::model::{MeasurementFile, OutageRecord, Timestamp};

use crate::state::workbench::workspace::{empty_measurements, Workspace};

/// A deterministic pseudo-random sequence (no `rand` in the app).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// The workload as a workspace reporting on 2026-01 to the `months`th month.
pub fn workload(services: usize, months: u32) -> Workspace {
    workload_with(
        services,
        months,
        services * months.clamp(1, 12) as usize * 20,
    )
}

/// The workload with `outage_count` outages instead of twenty per service
/// and month (a large import: `workload_with(50, 12, 300_000)`).
pub fn workload_with(services: usize, months: u32, outage_count: usize) -> Workspace {
    let months = months.clamp(1, 12);
    let service_list: Vec<Value> = (0..services)
        .map(|i| json!({"id": format!("s{i}"), "name": format!("Service {i}"), "monthly_charge": "1000.00"}))
        .collect();
    let agreements: Vec<Value> = (0..services)
        .map(|i| {
            json!({
                "id": format!("sla{i}"), "name": format!("SLA {i}"), "kind": "sla", "structure": "service_based",
                "service": format!("s{i}"),
                "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"},
                    "expected": "99.9", "minimum": "99", "calendar": "office",
                    "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99", "credit": "25"}]}}],
                "credits": {"period_cap": {"percent_of_charges": "30"}}
            })
        })
        .collect();
    let agreements = json!({
        "format": "sla-agreements", "version": 1, "name": "Benchmark", "currency": "EUR", "time_zone": "Europe/Berlin",
        "provider": {"name": "Benchmark"}, "services": service_list,
        "calendars": [{"id": "office", "time_zone": "Europe/Berlin", "hours": "Mon-Fri 08:00-18:00"}],
        "agreements": agreements
    });
    let measurements = MeasurementFile {
        outages: outages(services, months, outage_count),
        ..empty_measurements()
    };
    Workspace {
        name: format!("Benchmark: {services} services × {months} months"),
        span: format!("2026-01..2026-{months:02}"),
        agreements: Rc::new(agreements),
        measurements: Rc::new(measurements),
    }
}

/// `count` outages spread over `services` services and the first
/// `months` × 28 days of 2026, each 1 to 31 minutes long (deterministic).
fn outages(services: usize, months: u32, count: usize) -> Vec<OutageRecord> {
    let mut rng = Lcg(3);
    let day = 86_400i64;
    let start = 1_767_225_600i64; // 2026-01-01T00:00:00Z
    let span_days = i64::from(months) * 28;
    let nanos = |seconds: i64| Timestamp::Utc(seconds.saturating_mul(1_000_000_000));
    (0..count)
        .map(|i| {
            let at = start + (rng.next() as i64 % (span_days * day));
            let length = 60 + rng.next() as i64 % 1_800;
            OutageRecord {
                service: format!("s{}", i % services.max(1)),
                start: nanos(at),
                end: nanos(at + length),
                impact: None,
                planned: false,
                supplier: None,
                cause: None,
            }
        })
        .collect()
}

/// The workload's workspace file (the browser benchmark opens it through
/// the workbench's file input).
pub fn workbench_bench_workspace(services: usize, months: u32) -> String {
    workload(services, months).to_json()
}

/// [`workbench_bench_workspace`] with `outage_count` outages (the large
/// case of the browser benchmark: `workbench_bench_workspace_with(50, 12,
/// 300_000)`).
pub fn workbench_bench_workspace_with(services: usize, months: u32, outage_count: usize) -> String {
    workload_with(services, months, outage_count).to_json()
}

/// Times `runs` recomputes of the workload in milliseconds, as JSON: after
/// an edit of the agreements (`agreement_ms`: validation, alignment checks
/// and the report) and after an edit of the measurements or the what-if
/// (`report_ms`: the report alone, the checked agreements kept).
pub fn workbench_bench(services: usize, months: u32, runs: u32) -> String {
    use crate::pages::workbench::{check, report_of, results::WhatIf};
    let w = workload(services, months);
    let (mut agreement_ms, mut report_ms) = (Vec::new(), Vec::new());
    let mut targets = 0;
    for run in 0..runs.max(1) {
        // A different what-if each run, as a user moving the slider.
        let what_if = WhatIf {
            service: "s0".into(),
            minutes: run * 5,
            ..WhatIf::default()
        };
        let started = crate::browser::now_ms();
        let checked = check(&w.agreements);
        let computed = report_of(&checked, &w.measurements, &w.span, &what_if, i64::MAX);
        agreement_ms.push(crate::browser::now_ms() - started);
        let started = crate::browser::now_ms();
        let again = report_of(&checked, &w.measurements, &w.span, &what_if, i64::MAX);
        report_ms.push(crate::browser::now_ms() - started);
        std::hint::black_box(again);
        targets = computed
            .report
            .map_or(0, |r| r.targets.iter().map(|t| t.periods.len()).sum());
    }
    let list = |times: &[f64]| {
        times
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "{{\"target_periods\":{targets},\"outages\":{},\"agreement_ms\":[{}],\"report_ms\":[{}]}}",
        w.measurements.outages.len(),
        list(&agreement_ms),
        list(&report_ms)
    )
}

/// Milliseconds from a monotonic clock: `performance.now()` in a browser,
/// the process clock natively.
fn clock_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        crate::browser::now_ms()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1e3
    }
}

/// Bytes of memory in use: the wasm linear memory (which only grows), or
/// natively the resident set (Linux; 0 elsewhere).
fn memory_bytes() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) as u64 * 65_536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::fs::read_to_string("/proc/self/statm")
            .ok()
            .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
            .map_or(0, |pages| pages * 4096)
    }
}

/// Times `runs` edits of one cell (an outage's cause, a different row each
/// time) in a workspace of `outage_count` outages (50 services × 12
/// months), as JSON of milliseconds per run:
///
/// - `edit_ms`: the edit as the table sends it (an `Edit::Set` of the row),
///   through the workbench's reducer (`Bench::apply`, in place);
/// - `context_ms`, `timeline_ms`: what the measurements view works out
///   again after it: the tables' suggestions (`Context`), and the outage
///   timeline of the span (worked out after the tables are drawn);
/// - `report_ms`: the report recomputed after it (checked agreements kept),
///   which the workbench does when the report is shown;
/// - `save_ms`: the autosave's serialisation of the whole workspace (no
///   longer after every edit: see `docs/conventions.md`);
/// - `undo_ms`: then as many undos, one at a time;
/// - `memory_growth_bytes`: memory grown over the edits after the first
///   (wasm: linear memory; natively: resident set), and `undo_records`:
///   records the undo steps hold.
pub fn cell_edit_bench(outage_count: usize, runs: u32) -> String {
    use crate::pages::workbench::measurements::{outage_timeline, Context};
    use crate::pages::workbench::{check, report_of, results::WhatIf};
    use crate::state::workbench::workspace::{Action, Bench, Change, Edit, Record};
    let w = workload_with(50, 12, outage_count.max(1));
    let checked = check(&w.agreements);
    let file = checked.file.clone();
    let mut bench = Bench::new("bench".into(), w);
    let (mut edit_ms, mut context_ms, mut timeline_ms) = (Vec::new(), Vec::new(), Vec::new());
    let (mut report_ms, mut save_ms, mut undo_ms) = (Vec::new(), Vec::new(), Vec::new());
    // Measured from after the first run, which also sets up what every
    // run needs (the report's and the serialisation's buffers).
    let mut memory_before = memory_bytes();
    let mut saved_bytes = 0;
    for run in 0..runs.max(1) {
        let row = (run as usize).wrapping_mul(7_919) % outage_count.max(1);
        let started = clock_ms();
        // What the table sends: the row's record with the cell read into it.
        if let Some(outage) = bench.workspace.measurements.outages.get(row) {
            let mut record = outage.clone();
            record.cause = Some(format!("edit {run}"));
            bench.apply(Action::Measure(Edit::Set {
                at: row,
                record: Record::Outage(record),
            }));
        }
        edit_ms.push(clock_ms() - started);
        let started = clock_ms();
        let w = &bench.workspace;
        let context = Context::new(file.as_deref(), &w.measurements, "Europe/Berlin", &w.span);
        context_ms.push(clock_ms() - started);
        std::hint::black_box(context);
        let started = clock_ms();
        let timeline = outage_timeline(file.as_deref(), &w.measurements, &w.span, "Europe/Berlin");
        timeline_ms.push(clock_ms() - started);
        let _ = std::hint::black_box(timeline);
        let started = clock_ms();
        let computed = report_of(
            &checked,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        report_ms.push(clock_ms() - started);
        std::hint::black_box(computed);
        let started = clock_ms();
        saved_bytes = bench.workspace.to_compact_json().len();
        save_ms.push(clock_ms() - started);
        if run == 0 {
            memory_before = memory_bytes();
        }
    }
    let memory_growth = memory_bytes().saturating_sub(memory_before);
    let undo_records: usize = bench
        .undo
        .iter()
        .map(|step| match step {
            Change::Measurements(Edit::Set { .. }) => 1,
            _ => 0,
        })
        .sum();
    for _ in 0..runs.max(1) {
        let started = clock_ms();
        bench.apply(Action::Undo);
        undo_ms.push(clock_ms() - started);
    }
    let list = |times: &[f64]| {
        times
            .iter()
            .map(|t| format!("{t:.2}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "{{\"outages\":{},\"saved_bytes\":{saved_bytes},\"memory_growth_bytes\":{memory_growth},\"undo_records\":{undo_records},\"edit_ms\":[{}],\"context_ms\":[{}],\"timeline_ms\":[{}],\"report_ms\":[{}],\"save_ms\":[{}],\"undo_ms\":[{}]}}",
        bench.workspace.measurements.outages.len(),
        list(&edit_ms),
        list(&context_ms),
        list(&timeline_ms),
        list(&report_ms),
        list(&save_ms),
        list(&undo_ms)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pages::workbench::{compute, results::WhatIf};

    #[test]
    fn the_workload_reports_every_service_every_month() {
        let w = workload(50, 12);
        assert_eq!(w.measurements.outages.len(), 50 * 12 * 20);
        let c = compute(
            &w.agreements,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        let report = c
            .report
            .unwrap_or_else(|| panic!("{:?} {:?}", c.blocked, c.problems));
        assert_eq!(report.targets.len(), 50);
        assert!(report.targets.iter().all(|t| t.periods.len() == 12));
    }

    /// The cell-edit benchmark, natively:
    /// `cargo test --release -p sla-app --lib -- --ignored --nocapture cell_edit`
    /// (`SLA_BENCH_OUTAGES`, default 300 000; `SLA_BENCH_RUNS`, default 10).
    #[test]
    #[ignore = "a benchmark: run on demand"]
    fn cell_edit_in_a_large_workspace() {
        let number = |name: &str, default: usize| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        let outages = number("SLA_BENCH_OUTAGES", 300_000);
        let runs = number("SLA_BENCH_RUNS", 10) as u32;
        println!("{}", cell_edit_bench(outages, runs));
    }
}
