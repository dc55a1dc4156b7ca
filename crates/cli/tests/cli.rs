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
