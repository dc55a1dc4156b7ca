//! Engine throughput: `cargo bench -p sla-engine` (criterion).
//!
//! - availability over 1,000,000 outage records in one year, 24x7 and on
//!   business hours in Europe/Berlin;
//! - business-time resolution times of 1,000,000 tickets;
//! - a whole report: 50 services × 12 months (service-based SLAs with step
//!   credits, 20 outages per service and month), and December alone; the
//!   same with the terms that look at earlier periods (year cap, repeat-miss
//!   multiplier, earn-back, termination rights); the whole report over
//!   300,000 outages (500 per service and month); and over 120,000 outages
//!   of services no target counts (each left out, with its place and
//!   reason).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sla_engine::metrics::availability::{availability, DowntimeRules, Outage};
use sla_engine::metrics::tickets::{ticket_times, BusinessClock, Ticket, TicketClock};
use sla_engine::model::{load, MeasurementFile};
use sla_engine::report::{report, Request, Span};
use sla_engine::service_hours::WeeklyHours;
use sla_engine::time::{Calendar, Interval, Zone};
use sla_engine::{Percent, TimeSpan};

const SEC: i64 = 1_000_000_000;
/// 2026-01-01T00:00:00Z
const YEAR_START: i64 = 1_767_225_600 * SEC;
const YEAR: i64 = 365 * 86_400 * SEC;

/// A small deterministic generator (no dependency needed for benchmark data).
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

fn outages(n: usize) -> Vec<Outage> {
    let mut rng = Lcg(7);
    (0..n)
        .map(|_| {
            let start = YEAR_START + (rng.next() as i64 % (YEAR / SEC)) * SEC;
            let length = (1 + rng.next() as i64 % 3_600) * SEC;
            Outage {
                start,
                end: start + length,
                impact: if rng.next() % 4 == 0 {
                    Percent::parse("50").unwrap_or(Percent::HUNDRED)
                } else {
                    Percent::HUNDRED
                },
                planned: rng.next() % 10 == 0,
                supplier: None,
            }
        })
        .collect()
}

fn berlin() -> Zone {
    Zone::named("Europe/Berlin").unwrap_or_else(|| panic!("Europe/Berlin is in the database"))
}

fn business() -> Calendar {
    Calendar {
        time_zone: berlin(),
        hours: WeeklyHours::parse("Mon-Fri 08:00-18:00").unwrap_or_else(|_| WeeklyHours::always()),
        holidays: Vec::new(),
        exclusions: Vec::new(),
    }
}

fn bench_availability(c: &mut Criterion) {
    let records = outages(1_000_000);
    let window = Interval::new(YEAR_START, YEAR_START + YEAR).unwrap_or_else(|| unreachable!());
    let mut group = c.benchmark_group("availability");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function("1M outages, 24x7, one year", |b| {
        b.iter(|| {
            availability(
                black_box(&records),
                &Calendar::always(),
                window,
                &DowntimeRules::default(),
            )
        })
    });
    let calendar = business();
    group.bench_function("1M outages, business hours Berlin, one year", |b| {
        b.iter(|| {
            availability(
                black_box(&records),
                &calendar,
                window,
                &DowntimeRules::default(),
            )
        })
    });
    group.finish();
}

fn bench_tickets(c: &mut Criterion) {
    let mut rng = Lcg(11);
    let tickets: Vec<Ticket> = (0..1_000_000)
        .map(|i| {
            let created = YEAR_START + (rng.next() as i64 % (YEAR / SEC - 30 * 86_400)) * SEC;
            let resolved = created + (60 + rng.next() as i64 % (5 * 86_400)) * SEC;
            let pauses = if i % 3 == 0 {
                Interval::new(created + 600 * SEC, created + 4_000 * SEC)
                    .into_iter()
                    .collect()
            } else {
                Vec::new()
            };
            Ticket {
                id: i.to_string(),
                priority: if i % 2 == 0 { "P1".into() } else { "P2".into() },
                created,
                first_response: Some(created + 900 * SEC),
                resolved: Some(resolved),
                pauses,
                reopenings: Vec::new(),
                verdict: None,
            }
        })
        .collect();
    let window = Interval::new(YEAR_START, YEAR_START + YEAR + 60 * 86_400 * SEC)
        .unwrap_or_else(|| unreachable!());
    let clock = BusinessClock::new(&business(), window);
    let target = TimeSpan::from_nanos(8 * 3_600 * SEC).unwrap_or_default();
    let mut group = c.benchmark_group("tickets");
    group.sample_size(10);
    group.throughput(Throughput::Elements(tickets.len() as u64));
    group.bench_function("1M tickets, resolution in business time", |b| {
        b.iter(|| {
            ticket_times(
                black_box(&tickets),
                TicketClock::Resolution,
                None,
                target,
                &clock,
                YEAR_START + YEAR,
            )
        })
    });
    group.finish();
}

/// An agreement file of 50 service-based SLAs (step credits, a period cap)
/// and `per_month` outages per service and month of 2026. With `stateful`, each
/// agreement also has the terms that look at earlier periods: a year cap, a
/// repeat-miss multiplier, earn-back and three termination rights.
fn report_inputs(
    stateful: bool,
    per_month: usize,
) -> (sla_engine::model::AgreementFile, MeasurementFile) {
    let services: Vec<serde_json::Value> = (0..50)
        .map(|i| serde_json::json!({"id": format!("s{i}"), "name": format!("Service {i}"), "monthly_charge": "1000.00"}))
        .collect();
    let agreements: Vec<serde_json::Value> = (0..50)
        .map(|i| {
            let mut agreement = serde_json::json!({
                "id": format!("sla{i}"), "name": format!("SLA {i}"), "kind": "sla", "structure": "service_based", "service": format!("s{i}"),
                "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.9", "minimum": "99",
                              "calendar": "office", "critical": true,
                              "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99", "credit": "25"}]}}],
                "credits": {"period_cap": {"percent_of_charges": "30"}}
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
    let file = load::agreements(&file.to_string()).unwrap_or_else(|e| panic!("{e:?}"));
    let mut rng = Lcg(3);
    let outages: Vec<serde_json::Value> = (0..50 * 12 * per_month)
        .map(|i| {
            let start = YEAR_START / SEC + (rng.next() as i64 % (YEAR / SEC));
            let fmt = |t: i64| chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()).unwrap_or_default();
            serde_json::json!({"service": format!("s{}", i % 50), "start": fmt(start), "end": fmt(start + 60 + (rng.next() as i64 % 1_800))})
        })
        .collect();
    let data: MeasurementFile = load::measurements(
        &serde_json::json!({"format": "sla-measurements", "version": 1, "outages": outages})
            .to_string(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    (file, data)
}

fn bench_report(c: &mut Criterion) {
    let year = Request {
        span: Span::parse("2026-01..2026-12", &berlin()).unwrap_or_else(|e| panic!("{e}")),
        now: YEAR_START + YEAR,
    };
    let december = Request {
        span: Span::parse("2026-12", &berlin()).unwrap_or_else(|e| panic!("{e}")),
        now: YEAR_START + YEAR,
    };
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    let (file, data) = report_inputs(false, 20);
    group.throughput(Throughput::Elements(50 * 12));
    group.bench_function("50 services x 12 months", |b| {
        b.iter(|| report(black_box(&file), &data, &year))
    });
    group.throughput(Throughput::Elements(50));
    group.bench_function("50 services x 1 month (December)", |b| {
        b.iter(|| report(black_box(&file), &data, &december))
    });
    // Year cap, repeat misses, earn-back and termination rights: a span that
    // starts after January evaluates the earlier months of the year too.
    let (file, data) = report_inputs(true, 20);
    group.throughput(Throughput::Elements(50 * 12));
    group.bench_function("stateful terms, 50 services x 12 months", |b| {
        b.iter(|| report(black_box(&file), &data, &year))
    });
    group.throughput(Throughput::Elements(50));
    group.bench_function("stateful terms, 50 services x 1 month (December)", |b| {
        b.iter(|| report(black_box(&file), &data, &december))
    });
    let (file, data) = report_inputs(false, 500);
    group.throughput(Throughput::Elements(300_000));
    group.bench_function("50 services x 12 months, 300,000 outages", |b| {
        b.iter(|| report(black_box(&file), &data, &year))
    });
    // An import before the agreements name its services: every record is
    // left out, and listed with its place and reason.
    let (file, _) = report_inputs(false, 0);
    let (_, mut data) = report_inputs(false, 200);
    for (i, outage) in data.outages.iter_mut().enumerate() {
        outage.service = format!("other-{}", i % 20);
    }
    group.throughput(Throughput::Elements(data.outages.len() as u64));
    group.bench_function(
        "50 services x 12 months, 120,000 outages no target counts",
        |b| b.iter(|| report(black_box(&file), &data, &year)),
    );
    group.finish();
}

criterion_group!(benches, bench_availability, bench_tickets, bench_report);
criterion_main!(benches);
