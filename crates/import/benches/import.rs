//! Native throughput of the whole import (detection on the first 64 KB,
//! then parse + typed validation + normalisation into records) of generated
//! 1,000,000-row files:
//!
//! - `outages`: the file of `scripts/gen-import-csv.mjs outages` (same
//!   generator, same seed as `scripts/import-bench.mjs`, byte-identical);
//! - `tickets`: likewise for tickets;
//! - `outages_berlin_day_first`: the outage rows with `05.03.2026 10:00`
//!   local times read in Europe/Berlin (exercises the zone cache).
//!
//! ```text
//! cargo bench -p sla-import --bench import -- --warm-up-time 1 --measurement-time 3
//! ```

use std::fmt::Write as _;
use std::hint::black_box;

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sla_import::dialect::SAMPLE_BYTES;
use sla_import::import::{Importer, Outcome};
use sla_import::mapping::{prepare, Overrides};
use sla_import::values::{DateOrder, TimestampFormat};
use sla_import::zone::Zone;

const ROWS: usize = 1_000_000;
/// The seed of `scripts/import-bench.mjs`.
const SEED: u32 = 20_260_305;
/// The app and the CLI read files in slices of this size.
const CHUNK: usize = 1 << 20;

// ---------------------------------------------------------------------------
// The generator of scripts/gen-import-csv.mjs, in Rust.

/// mulberry32, as in the script: floats in [0, 1).
struct Prng(u32);

impl Prng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let mut t = self.0;
        t = (t ^ (t >> 15)).wrapping_mul(t | 1);
        t ^= t.wrapping_add((t ^ (t >> 7)).wrapping_mul(t | 61));
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }

    /// Integer in [lo, hi].
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() * (hi - lo + 1) as f64).floor() as i64
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        let i = (self.next() * list.len() as f64).floor() as usize;
        list.get(i).copied().unwrap_or_default()
    }
}

const SYSTEMS: [&str; 10] = [
    "billing", "checkout", "search", "auth", "catalog", "payments", "mail", "storage", "reports",
    "gateway",
];
const PARTS: [&str; 5] = ["api", "web", "db", "queue", "worker"];
const SUPPLIERS: [&str; 5] = [
    "Acme Hosting",
    "NetCo",
    "CloudCorp",
    "DataLine",
    "PowerGrid",
];
const CAUSES: [&str; 10] = [
    "power failure",
    "network outage",
    "disk full",
    "config change",
    "certificate expired",
    "DNS issue",
    "memory leak",
    "DDoS",
    "database lock",
    "upstream timeout",
];
const QUOTED_CAUSES: [&str; 5] = [
    "\"power failure, rack 12\"",
    "\"network outage, core switch\"",
    "\"disk full, log volume\"",
    "\"config change, rolled back\"",
    "\"DNS issue, resolver A\"",
];

const MINUTE: i64 = 60_000;
/// 2026-01-01 and 2027-01-01, Unix milliseconds.
const YEAR_START: i64 = 1_767_225_600_000;
const YEAR_END: i64 = 1_798_761_600_000;

fn services() -> Vec<String> {
    SYSTEMS
        .iter()
        .flat_map(|s| PARTS.iter().map(move |p| format!("{s}-{p}")))
        .collect()
}

/// A start on a whole minute in 2026, `margin` minutes before the year ends.
fn start_in_2026(rand: &mut Prng, margin: i64) -> i64 {
    YEAR_START + rand.int(0, (YEAR_END - YEAR_START) / MINUTE - margin - 1) * MINUTE
}

/// How the generated file writes its times.
#[derive(Clone, Copy)]
enum Times {
    /// `2026-03-05T10:00:00Z`, as the script.
    Iso,
    /// `05.03.2026 10:00`, a local wall time (the instant's UTC fields).
    DayFirst,
}

fn write_time(out: &mut String, ms: i64, times: Times) {
    let t = DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .naive_utc();
    let written = match times {
        Times::Iso => write!(out, "{}Z", t.format("%Y-%m-%dT%H:%M:%S")),
        Times::DayFirst => write!(out, "{}", t.format("%d.%m.%Y %H:%M")),
    };
    written.unwrap_or_default();
}

/// `service,start,end,impact,planned,supplier,cause`.
fn outages(rows: usize, seed: u32, times: Times) -> Vec<u8> {
    let services = services();
    let services: Vec<&str> = services.iter().map(String::as_str).collect();
    let mut rand = Prng(seed);
    let mut out = String::with_capacity(rows * 100);
    out.push_str("service,start,end,impact,planned,supplier,cause\n");
    for _ in 0..rows {
        let service = rand.pick(&services);
        let start = start_in_2026(&mut rand, 240);
        let end = start + rand.int(1, 240) * MINUTE;
        let impact = if rand.next() < 0.1 { "50" } else { "100" };
        let planned = if rand.next() < 0.05 { "yes" } else { "no" };
        let supplier = if rand.next() < 1.0 / 6.0 {
            ""
        } else {
            rand.pick(&SUPPLIERS)
        };
        let cause = if rand.next() < 0.05 {
            rand.pick(&QUOTED_CAUSES)
        } else {
            rand.pick(&CAUSES)
        };
        out.push_str(service);
        out.push(',');
        write_time(&mut out, start, times);
        out.push(',');
        write_time(&mut out, end, times);
        for field in [impact, planned, supplier, cause] {
            out.push(',');
            out.push_str(field);
        }
        out.push('\n');
    }
    out.into_bytes()
}

/// `id,service,priority,created,first_response,resolved`.
fn tickets(rows: usize, seed: u32) -> Vec<u8> {
    let services = services();
    let services: Vec<&str> = services.iter().map(String::as_str).collect();
    let mut rand = Prng(seed);
    let mut out = String::with_capacity(rows * 100);
    out.push_str("id,service,priority,created,first_response,resolved\n");
    for i in 0..rows {
        let service = rand.pick(&services);
        let priority = rand.int(1, 4);
        let created = start_in_2026(&mut rand, 72 * 60);
        let first_response = created + rand.int(1, 120) * MINUTE;
        let resolved = if rand.next() < 0.03 {
            None
        } else {
            Some(created + rand.int(60, 72 * 60) * MINUTE)
        };
        let _ = write!(out, "INC{:07},{service},P{priority},", i + 1);
        write_time(&mut out, created, Times::Iso);
        out.push(',');
        write_time(&mut out, first_response, Times::Iso);
        out.push(',');
        if let Some(resolved) = resolved {
            write_time(&mut out, resolved, Times::Iso);
        }
        out.push('\n');
    }
    out.into_bytes()
}

// ---------------------------------------------------------------------------
// The import.

fn zone(name: &str) -> Zone {
    Zone::named(name).expect("a known time zone")
}

/// The whole import as the app runs it: detection on the first 64 KB, then
/// the file in 1 MB slices.
fn import(bytes: &[u8], time_zone: &str) -> Outcome {
    let sample = bytes
        .get(..SAMPLE_BYTES.min(bytes.len()))
        .unwrap_or_default();
    let (proposal, _) = prepare(
        sample,
        sample.len() == bytes.len(),
        time_zone,
        &Overrides::default(),
    )
    .expect("prepare");
    let zone = zone(&proposal.settings.time_zone);
    let mut importer = Importer::new(proposal.settings, zone, "bench.csv").expect("importer");
    for chunk in bytes.chunks(CHUNK) {
        importer.feed(chunk);
    }
    importer.finish()
}

fn bench(c: &mut Criterion) {
    let files = [
        ("outages", outages(ROWS, SEED, Times::Iso), "UTC"),
        ("tickets", tickets(ROWS, SEED), "UTC"),
        (
            "outages_berlin_day_first",
            outages(ROWS, SEED, Times::DayFirst),
            "Europe/Berlin",
        ),
    ];
    let mut group = c.benchmark_group("import_1m_rows");
    group.sample_size(10);
    for (name, bytes, time_zone) in &files {
        // Once untimed: the file is what it should be.
        let outcome = import(bytes, time_zone);
        assert_eq!(
            (outcome.summary.rows, outcome.summary.used),
            (ROWS as u64, ROWS as u64),
            "{name}: {:?}",
            outcome.errors.first()
        );
        if *name == "outages_berlin_day_first" {
            let (proposal, _) = prepare(
                bytes.get(..SAMPLE_BYTES).unwrap_or_default(),
                false,
                time_zone,
                &Overrides::default(),
            )
            .expect("prepare");
            assert_eq!(
                proposal.settings.columns.get(1).and_then(|c| c.format),
                Some(TimestampFormat::Numeric(DateOrder::DayFirst))
            );
        }
        println!(
            "{name}: {} rows, {} bytes ({:.1} MB)",
            ROWS,
            bytes.len(),
            bytes.len() as f64 / 1e6
        );
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| black_box(import(black_box(bytes), time_zone)).summary.used)
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
