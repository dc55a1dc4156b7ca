//! The contract simulator's kernel: `cargo bench -p sla-engine --bench simulate`
//! (criterion). 10,000 replications of a contract year of 50 services, each
//! with a monthly availability target on business hours in Europe/Berlin
//! (Mon–Fri 08:00–18:00) and a failure model of MTBF 30 days, MTTR 2 hours.
//! The goal: ≤ 2 s natively. The second run gives each agreement
//! the terms that look at more than one period (period and year caps, a
//! repeat-miss multiplier, earn-back) and three termination rights.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sla_engine::model::load;
use sla_engine::simulate::{simulate, Failure, Setup};
use sla_engine::TimeSpan;

fn file(stateful: bool) -> sla_engine::model::AgreementFile {
    let services: Vec<serde_json::Value> = (0..50)
        .map(|i| serde_json::json!({"id": format!("s{i}"), "name": format!("Service {i}"), "monthly_charge": "1000.00"}))
        .collect();
    let agreements: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            let mut agreement = serde_json::json!({
                "id": format!("sla{i}"), "name": format!("SLA {i}"), "kind": "sla", "structure": "service_based", "service": format!("s{i}"),
                "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.9",
                              "minimum": "99", "critical": true, "calendar": "office",
                              "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99", "credit": "25"}]}}]
            });
            if stateful {
                agreement["credits"] = serde_json::json!({
                    "period_cap": {"percent_of_charges": "30"}, "year_cap": {"amount": "1500.00"},
                    "repeat_miss": {"multiplier": "2", "after": 1}, "earn_back_periods": 3
                });
                agreement["termination"] = serde_json::json!([
                    {"type": "below_minimum", "k": 3, "m": 6},
                    {"type": "credits_at_cap", "k": 2, "m": 12},
                    {"type": "rolling_average_below", "target": "availability", "periods": 3, "level": "99.5"}
                ]);
            }
            agreement
        })
        .collect();
    let file = serde_json::json!({
        "format": "sla-agreements", "version": 1, "name": "Bench", "currency": "EUR", "time_zone": "Europe/Berlin",
        "provider": {"name": "Bench"}, "services": services,
        "calendars": [{"id": "office", "time_zone": "Europe/Berlin", "hours": "Mon-Fri 08:00-18:00"}],
        "agreements": agreements
    });
    load::agreements(&file.to_string()).unwrap_or_else(|e| panic!("{e:?}"))
}

fn bench_simulate(c: &mut Criterion) {
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
    let plain = file(false);
    group.bench_function("10,000 years x 50 services, business hours Berlin", |b| {
        b.iter(|| simulate(black_box(&plain), black_box(&setup), &mut |_| true))
    });
    let stateful = file(true);
    group.bench_function(
        "10,000 years x 50 services, business hours Berlin, stateful terms and rights",
        |b| b.iter(|| simulate(black_box(&stateful), black_box(&setup), &mut |_| true)),
    );
    group.finish();
}

criterion_group!(benches, bench_simulate);
criterion_main!(benches);
