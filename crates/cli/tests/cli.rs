//! The `sla` binary end to end: output and exit codes.

use std::process::Command;

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

#[test]
fn validate_accepts_every_example_and_lists_warnings() {
    for example in [
        "cloud-sla",
        "service-based",
        "customer-based",
        "multi-level",
        "outsourcing",
        "multi-supplier",
        "service-desk",
    ] {
        let (code, out, err) = sla(&["validate", &format!("examples/{example}.json")]);
        assert_eq!(code, 0, "{example}: {out}{err}");
        assert!(out.contains(": valid ("), "{out}");
    }
    let (_, out, _) = sla(&["validate", "examples/multi-supplier.json"]);
    assert!(
        out.contains("warning: `shop-sla/end-to-end` promises 99.9 %"),
        "{out}"
    );
}

#[test]
fn bad_input_exits_with_2_and_names_the_json_path() {
    let dir = std::env::temp_dir().join(format!("sla-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("bad.json");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/cloud-sla.json"
    ))
    .expect("example")
    .replace(
        "\"expected\": \"99.99\"",
        "\"expected\": \"99.99\", \"colour\": \"red\"",
    );
    std::fs::write(&path, text).expect("write");
    let (code, _, err) = sla(&["validate", path.to_str().expect("utf-8 path")]);
    assert_eq!(code, 2);
    assert!(
        err.contains("agreements[0].targets[0].colour: unknown field `colour`"),
        "{err}"
    );
    let (code, _, err) = sla(&["report", "examples/cloud-sla.json", "-p", "February"]);
    assert_eq!(code, 2);
    assert!(err.contains("--period"), "{err}");
    let (code, _, _) = sla(&["validate", "examples/does-not-exist.json"]);
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn exit_codes_distinguish_met_breached_and_termination() {
    // No outages: everything met.
    let (code, out, _) = sla(&["report", "examples/cloud-sla.json", "-p", "2026-02"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("100.0000% → MET"), "{out}");
    let (code, _, _) = sla(&[
        "report",
        "examples/cloud-sla.json",
        "-m",
        "examples/cloud-outages-2026-02.json",
        "-p",
        "2026-02",
    ]);
    assert_eq!(code, 1);
    let (code, out, _) = sla(&[
        "report",
        "examples/outsourcing.json",
        "-m",
        "examples/outsourcing-2026-h1.json",
        "-p",
        "2026-01..2026-06",
        "--format",
        "csv",
    ]);
    assert_eq!(code, 3);
    assert!(
        out.starts_with("agreement,target,customer,services,period,achieved"),
        "{out}"
    );
}

#[test]
fn effective_targets_show_their_provenance() {
    let (code, out, _) = sla(&["effective", "examples/multi-level.json"]);
    assert_eq!(code, 0);
    assert!(out.contains("finance × erp"), "{out}");
    assert!(
        out.contains("availability: availability ≥ 99.9% — from finance-erp (service level), overriding corporate, finance"),
        "{out}"
    );
}

#[test]
fn a_csv_export_gives_the_same_report_as_the_json_measurements() {
    let (code_json, json, _) = sla(&[
        "report",
        "examples/cloud-sla.json",
        "-m",
        "examples/cloud-outages-2026-02.json",
        "-p",
        "2026-02",
    ]);
    // The same outages as a German monitoring export: `;`, day-first local times in Berlin.
    let (code_csv, csv, err) = sla(&[
        "report",
        "examples/cloud-sla.json",
        "-m",
        "examples/cloud-outages-2026-02.csv",
        "--time-zone",
        "Europe/Berlin",
        "-p",
        "2026-02",
    ]);
    assert_eq!(
        (code_csv, csv.as_str()),
        (code_json, json.as_str()),
        "{err}"
    );
    assert!(err.contains("5 rows: 5 used, 0 skipped"), "{err}");
}

#[test]
fn import_reports_skipped_rows_and_refuses_ambiguous_dates() {
    let (code, out, err) = sla(&["import", "tests/fixtures/import/end-before-start.csv"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("line 6, column `end`: `05.03.2026 09:00` is before start `05.03.2026 10:00`"),
        "{err}"
    );
    assert!(err.contains("14 rows: 11 used, 3 skipped"), "{err}");
    assert!(out.contains("\"format\": \"sla-measurements\""), "{out}");
    let (code, _, err) = sla(&["import", "tests/fixtures/import/ambiguous-slash.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("pass --day-first or --month-first"), "{err}");
    let (code, _, _) = sla(&[
        "import",
        "tests/fixtures/import/ambiguous-slash.csv",
        "--month-first",
    ]);
    assert_eq!(code, 0);
    let (code, _, err) = sla(&["import", "tests/fixtures/import/utf16.csv"]);
    assert_eq!(code, 2);
    assert!(err.contains("UTF-16"), "{err}");
}
