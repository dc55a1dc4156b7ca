//! The workbench's benchmark workload: `services` services, each with its
//! own SLA (availability on business hours, step credits, a period cap),
//! reported over `months` months with twenty outages per service and month.
//! The same shape as the engine's criterion `report` benchmark, built here
//! so that the browser benchmark (`scripts/workbench-bench.mjs`) can time
//! the app's own recompute path ([`crate::components::workbench::compute`]).

use std::rc::Rc;

use serde_json::{json, Value};

use crate::state::workspace::{empty_measurements, Workspace};

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
    let mut rng = Lcg(3);
    let day = 86_400i64;
    let start = 1_767_225_600i64; // 2026-01-01T00:00:00Z
    let span_days = i64::from(months) * 28;
    let outages: Vec<Value> = (0..services * months as usize * 20)
        .map(|i| {
            let at = start + (rng.next() as i64 % (span_days * day));
            let length = 60 + rng.next() as i64 % 1_800;
            let fmt = |t: i64| {
                chrono::DateTime::from_timestamp(t, 0)
                    .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                    .unwrap_or_default()
            };
            json!({"service": format!("s{}", i % services.max(1)), "start": fmt(at), "end": fmt(at + length)})
        })
        .collect();
    let measurements = sla_engine::model::load::measurements(
        &json!({"format": "sla-measurements", "version": 1, "outages": outages}).to_string(),
    )
    .unwrap_or_else(|_| empty_measurements());
    Workspace {
        name: format!("Benchmark: {services} services × {months} months"),
        span: format!("2026-01..2026-{months:02}"),
        agreements: Rc::new(agreements),
        measurements: Rc::new(measurements),
    }
}

/// The workload's workspace file (the browser benchmark opens it through
/// the workbench's file input).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn workbench_bench_workspace(services: usize, months: u32) -> String {
    workload(services, months).to_json()
}

/// Times `runs` recomputes of the workload in milliseconds, as JSON: after
/// an edit of the agreements (`agreement_ms`: validation, alignment checks
/// and the report) and after an edit of the measurements or the what-if
/// (`report_ms`: the report alone, the checked agreements kept).
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn workbench_bench(services: usize, months: u32, runs: u32) -> String {
    use crate::components::workbench::{check, report_of, results::WhatIf};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::workbench::{compute, results::WhatIf};

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
}
