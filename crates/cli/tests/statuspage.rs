//! `sla import` of a Statuspage incident history (JSON): the measurement
//! file it writes, what it says on stderr, and its exit codes.

use std::path::PathBuf;
use std::process::Command;

use sla_engine::model::{load, Timestamp};

const SECOND: i64 = 1_000_000_000;

/// An outage as (service, start, end in Unix nanoseconds, impact, planned).
type Outage<'a> = (&'a str, Option<i64>, Option<i64>, Option<&'a str>, bool);

const INCIDENTS: &str = "crates/import/tests/fixtures/statuspage/incidents.json";
const MAINTENANCES: &str = "crates/import/tests/fixtures/statuspage/scheduled-maintenances.json";

/// Runs `sla` at the workspace root: (exit code, stdout, stderr).
fn sla(args: &[&str]) -> (i32, String, String) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let output = Command::new(env!("CARGO_BIN_EXE_sla"))
        .args(args)
        .current_dir(root)
        .output()
        .expect("run sla");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A fresh folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sla-cli-status-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn a_status_history_becomes_a_measurement_file_and_lists_what_it_left_out() {
    let dir = scratch("history");
    let out = dir.join("out.json");
    let errors = dir.join("errors.csv");
    let (code, stdout, err) = sla(&[
        "import",
        INCIDENTS,
        "-o",
        &out.to_string_lossy(),
        "--errors",
        &errors.to_string_lossy(),
    ]);
    // Incidents were listed, as skipped CSV rows are: exit 1.
    assert_eq!(code, 1, "{err}");
    assert_eq!(stdout, "");
    assert!(
        err.contains(
            "Statuspage JSON, page `Acme Cloud`; impact weights: critical 100 %, major 100 %, \
             minor 50 %, none 0 %, maintenance 100 % (planned)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "line 104, incidents[3] (Webhook deliveries delayed): not resolved: \
             `incidents[3].resolved_at` is null (status `monitoring`)"
        ),
        "{err}"
    );
    assert!(
        err.contains("line 138, incidents[5] (Search results incomplete): `incidents[5].resolved_at`: `2026-03-07 25:00` is not a timestamp"),
        "{err}"
    );
    assert!(
        err.contains(
            "8 incidents: 4 used, 4 listed; 5 outages written (0 planned, 1 weighing 0 %)"
        ),
        "{err}"
    );
    assert!(err.contains("  1 × unknown impact"), "{err}");

    let text = std::fs::read_to_string(&out).expect("the measurement file");
    let file = load::measurements(&text).expect("a measurement file the engine reads");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(
        (&json["outages"][0]["start"], &json["outages"][0]["end"]),
        (
            &serde_json::json!("2026-03-02T19:00:00Z"),
            &serde_json::json!("2026-03-02T20:30:00.500Z")
        )
    );
    let nanos = |t: &Timestamp| match t {
        Timestamp::Utc(nanos) => Some(*nanos),
        Timestamp::Local(_) => None,
    };
    let outages: Vec<Outage> = file
        .outages
        .iter()
        .map(|o| {
            (
                o.service.as_str(),
                nanos(&o.start),
                nanos(&o.end),
                o.impact.as_ref().map(|l| l.text()),
                o.planned,
            )
        })
        .collect();
    // 2 March 2026 00:00 UTC is 1,772,409,600 s (20,514 days); the first
    // incident ran 14:00–15:30:00.5 at -05:00, so 19:00–20:30:00.5 UTC.
    const MARCH_2: i64 = 1_772_409_600;
    let at = |day: i64, seconds: i64| Some((MARCH_2 + (day - 2) * 86_400 + seconds) * SECOND);
    let api_end = at(2, 20 * 3_600 + 30 * 60).map(|n| n + 500_000_000);
    assert_eq!(
        outages,
        vec![
            ("API", at(2, 19 * 3_600), api_end, None, false),
            ("Dashboard", at(2, 19 * 3_600), api_end, None, false),
            (
                "Dashboard",
                at(5, 8 * 3_600),
                at(5, 9 * 3_600 + 15 * 60),
                Some("50"),
                false
            ),
            (
                "Acme Cloud",
                at(6, 9 * 3_600 + 20 * 60 + 30),
                at(6, 10 * 3_600),
                None,
                false
            ),
            (
                "API",
                at(7, 12 * 3_600),
                at(7, 12 * 3_600 + 5),
                Some("0"),
                false
            ),
        ]
    );
    assert_eq!(json["outages"][2]["cause"], "Slow dashboard loading");

    let errors = std::fs::read_to_string(&errors).expect("the errors file");
    assert_eq!(errors.lines().count(), 5, "{errors}");
    assert!(
        errors.contains("\n172,8,incidents[7].resolved_at,2026-03-08T09:00:00Z,"),
        "{errors}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_impact_weights_can_be_changed_and_a_maintenance_overrun_is_noted() {
    let (code, stdout, err) = sla(&["import", MAINTENANCES, "--status-impact", "minor=25"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("impact weights: critical 100 %, major 100 %, minor 25 %"),
        "{err}"
    );
    assert!(
        err.contains(
            "note: line 10, scheduled_maintenances[0] (Database engine upgrade): the \
             maintenance ran 45m past its window"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "4 incidents: 3 used, 1 listed; 6 outages written (4 planned, 0 weighing 0 %)"
        ),
        "{err}"
    );
    let file = load::measurements(&stdout).expect("a measurement file on stdout");
    let switch: Vec<(Option<&str>, bool)> = file
        .outages
        .iter()
        .filter(|o| o.service == "Acme Cloud")
        .map(|o| (o.impact.as_ref().map(|l| l.text()), o.planned))
        .collect();
    assert_eq!(switch, vec![(Some("25"), true), (Some("25"), false)]);
}

#[test]
fn bad_json_and_bad_weights_exit_with_2() {
    let dir = scratch("bad");
    let broken = dir.join("broken.json");
    std::fs::write(
        &broken,
        "{\"incidents\": [\n  {\"id\": \"a\",\n   \"name\": \"x\" \"status\": \"resolved\"}\n]}",
    )
    .expect("write");
    let (code, stdout, err) = sla(&["import", &broken.to_string_lossy()]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(stdout, "");
    assert!(
        err.contains("broken.json: line 3, column 16: not valid JSON: expected `,` or `}`"),
        "{err}"
    );
    let (code, _, err) = sla(&["import", INCIDENTS, "--status-impact", "severe=100"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--status-impact: `severe` is not an impact level"),
        "{err}"
    );
    // A CSV file does not take the option.
    let (code, _, err) = sla(&[
        "import",
        "tests/fixtures/import/end-before-start.csv",
        "--status-impact",
        "minor=25",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is read as CSV"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_history_without_unused_incidents_exits_with_0() {
    let dir = scratch("clean");
    let clean = dir.join("clean.json");
    std::fs::write(
        &clean,
        "\n  [{\"id\": \"a\", \"name\": \"Queue stalled\", \"impact\": \"major\", \
         \"created_at\": \"2026-03-20T10:00:00Z\", \"resolved_at\": \"2026-03-20T10:30:00Z\"}]",
    )
    .expect("write");
    let (code, stdout, err) = sla(&["import", &clean.to_string_lossy(), "--time-zone", "UTC"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("--time-zone ignored: for CSV files only"),
        "{err}"
    );
    assert!(
        err.contains("1 incidents: 1 used, 0 listed; 1 outages written"),
        "{err}"
    );
    let file = load::measurements(&stdout).expect("measurements");
    assert_eq!(file.outages[0].service, "page");
    let _ = std::fs::remove_dir_all(&dir);
}
