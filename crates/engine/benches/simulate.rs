//! The contract simulator's kernel: `cargo bench -p sla-engine --bench simulate`
//! (criterion). 10,000 replications of a contract year of 50 services, each
//! with a monthly availability target on business hours in Europe/Berlin
//! (Mon–Fri 08:00–18:00) and a failure model of MTBF 30 days, MTTR 2 hours.
//! The goal: ≤ 2 s natively.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sla_engine::model::load;
use sla_engine::simulate::{simulate, Failure, Setup};
use sla_engine::TimeSpan;

fn bench_simulate(c: &mut Criterion) {
    let services: Vec<serde_json::Value> = (0..50)
        .map(|i| serde_json::json!({"id": format!("s{i}"), "name": format!("Service {i}"), "monthly_charge": "1000.00"}))
        .collect();
    let agreements: Vec<serde_json::Value> = (0..50)
        .map(|i| serde_json::json!({
            "id": format!("sla{i}"), "name": format!("SLA {i}"), "kind": "sla", "structure": "service_based", "service": format!("s{i}"),
            "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.9",
                          "calendar": "office",
                          "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99", "credit": "25"}]}}]
        }))
        .collect();
    let file = serde_json::json!({
        "format": "sla-agreements", "version": 1, "name": "Bench", "currency": "EUR", "time_zone": "Europe/Berlin",
        "provider": {"name": "Bench"}, "services": services,
        "calendars": [{"id": "office", "time_zone": "Europe/Berlin", "hours": "Mon-Fri 08:00-18:00"}],
        "agreements": agreements
    });
    let file = load::agreements(&file.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let setup = Setup {
        first_month: (2026, 1),
        years: 10_000,
        seed: 1,
        services: (0..50)
            .map(|i| {
                (
                    format!("s{i}"),
                    Failure {
                        mtbf: TimeSpan::from_secs(30 * 86_400),
                        mttr: TimeSpan::from_secs(7_200),
                    },
                )
            })
            .collect(),
    };
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000 * 50));
    group.bench_function("10,000 years x 50 services, business hours Berlin", |b| {
        b.iter(|| simulate(black_box(&file), black_box(&setup), &mut |_| true))
    });
    group.finish();
}

criterion_group!(benches, bench_simulate);
criterion_main!(benches);
