//! Golden files: whole example agreements from `examples/` with their
//! measurements, reported and compared with `tests/golden/*.txt`, `*.json`
//! and `*.csv`. Run with `UPDATE_GOLDEN=1` to rewrite the files, then review
//! the diff like code (see `tests/README.md`).

use std::path::PathBuf;

use sla_engine::model::load;
use sla_engine::report::{self, render, Request, Span};
use sla_engine::time::Zone;

/// (name, agreement file, measurement file, period, evaluation instant)
const CASES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "cloud-sla",
        "cloud-sla.json",
        "cloud-outages-2026-02.json",
        "2026-02",
        "2026-03-10T00:00:00Z",
    ),
    (
        "service-based",
        "service-based.json",
        "service-based-2026-03.json",
        "2026-03",
        "2026-04-10T00:00:00Z",
    ),
    (
        "customer-based",
        "customer-based.json",
        "customer-based-2026-05.json",
        "2026-05",
        "2026-06-10T00:00:00Z",
    ),
    (
        "multi-level",
        "multi-level.json",
        "multi-level-2026-04.json",
        "2026-04",
        "2026-05-10T00:00:00Z",
    ),
    (
        "outsourcing",
        "outsourcing.json",
        "outsourcing-2026-h1.json",
        "2026-01..2026-06",
        "2026-07-10T00:00:00Z",
    ),
    (
        "multi-supplier",
        "multi-supplier.json",
        "multi-supplier-2026-10.json",
        "2026-10",
        "2026-11-10T00:00:00Z",
    ),
    (
        "service-desk",
        "service-desk.json",
        "service-desk-2026-03.json",
        "2026-03",
        "2026-04-10T00:00:00Z",
    ),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: PathBuf) -> String {
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(expected_path: PathBuf, actual: &str, update: bool) -> Option<String> {
    if update {
        std::fs::write(&expected_path, actual).expect("write golden file");
        return None;
    }
    let expected = read(expected_path.clone());
    (expected != actual).then(|| {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        format!(
            "{} differs from the computed report at line {}:\n  expected: {}\n  actual:   {}",
            expected_path.display(),
            line + 1,
            expected.lines().nth(line).unwrap_or("(end)"),
            actual.lines().nth(line).unwrap_or("(end)")
        )
    })
}

#[test]
fn example_reports_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = Vec::new();
    for (name, agreements, measurements, period, now) in CASES {
        let file = load::agreements(&read(root().join("examples").join(agreements)))
            .unwrap_or_else(|e| panic!("{agreements}: {e:?}"));
        let data = load::measurements(&read(root().join("examples").join(measurements)))
            .unwrap_or_else(|e| panic!("{measurements}: {e:?}"));
        let zone = Zone::named(&file.time_zone).expect("zone");
        let span = Span::parse(period, &zone).expect("period");
        let now = sla_engine::model::Timestamp::parse(now)
            .expect("now")
            .instant(&zone)
            .expect("in range");
        let result = report::report(&file, &data, &Request { span, now });
        let text = render::text(&result, true);
        // The stamp names the inputs without a digest (the golden files
        // would change with every edit of an example); the CLI adds them.
        let stamp = report::json::Stamp {
            now,
            inputs: Vec::new(),
        };
        let json = serde_json::to_string_pretty(&report::json::to_json(&result, &stamp))
            .expect("json")
            + "\n";
        let golden = root().join("tests/golden");
        failures.extend(check(golden.join(format!("{name}.txt")), &text, update));
        failures.extend(check(golden.join(format!("{name}.json")), &json, update));
        failures.extend(check(
            golden.join(format!("{name}.csv")),
            &render::csv(&result),
            update,
        ));
    }
    assert!(
        failures.is_empty(),
        "{}\n(set UPDATE_GOLDEN=1 to accept the new output, then review the diff)",
        failures.join("\n")
    );
}

#[test]
fn the_ticket_priorities_are_those_the_targets_name_each_once_in_file_order() {
    let desk = load::agreements(&read(root().join("examples/service-desk.json")))
        .expect("service desk loads");
    assert_eq!(desk.ticket_priorities(), ["P1", "P2", "P3", "P4"]);
    let cloud =
        load::agreements(&read(root().join("examples/cloud-sla.json"))).expect("cloud loads");
    assert!(cloud.ticket_priorities().is_empty());
}
