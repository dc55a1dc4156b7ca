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
        "requirements",
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

// ---- vendor presets: `sla presets`, `sla compare`, `sla claim` ----

const LOG: &str = "examples/vendor-outages-2026-07.csv";

#[test]
fn presets_are_listed_and_shown_with_their_sources() {
    let (code, out, err) = sla(&["presets"]);
    assert_eq!(code, 0, "{err}");
    for id in [
        "aws-ec2-region",
        "aws-ec2-instance",
        "aws-s3-standard",
        "aws-s3-standard-ia",
        "azure-vm-availability-zones",
        "azure-vm-availability-set",
        "azure-vm-single-premium-ssd",
        "azure-vm-single-standard-ssd",
        "azure-vm-single-standard-hdd",
        "gcp-compute-multi-zone",
        "gcp-compute-single-instance",
        "generic-template",
    ] {
        assert!(out.contains(id), "{id} missing:\n{out}");
    }
    let (code, out, _) = sla(&["presets", "--show", "gcp-compute-multi-zone"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("source: https://cloud.google.com/compute/sla"),
        "{out}"
    );
    assert!(
        out.contains("credit tiers: from memory, not checked against a text"),
        "{out}"
    );
    assert!(out.contains("  - 99.00% - < 99.99% → 10%"), "{out}");
}

#[test]
fn compare_puts_presets_side_by_side_and_explains_the_differences() {
    let (code, out, err) = sla(&[
        "compare",
        "--presets",
        "aws-ec2-region,aws-s3-standard,gcp-compute-multi-zone",
        "--outages",
        LOG,
        "--month",
        "2026-07",
        "--bill",
        "1000.00USD",
        "--today",
        "2026-08-10",
    ]);
    // Every one of them missed its commitment: exit code 1.
    assert_eq!(code, 1, "{err}");
    assert!(
        out.contains("AWS EC2 region-level  99.4914%  99.99%   227 minutes"),
        "{out}"
    );
    assert!(
        out.contains("GCE multi-zone        99.5004%  99.99%   223 minutes"),
        "{out}"
    );
    assert!(
        out.contains(
            "AWS S3 Standard counts 1 5-minute interval at 100 % errors = 5 minutes of the month"
        ),
        "{out}"
    );
    assert!(
        out.contains("GCE multi-zone counts nothing (a downtime period of 40s, shorter than the minimum of 1m: not counted)"),
        "{out}"
    );
    let (code, out, _) = sla(&[
        "compare",
        "-p",
        "aws-ec2-region",
        "-o",
        LOG,
        "-m",
        "2026-07",
        "-b",
        "EUR 12.34",
        "--today",
        "2026-08-10",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["presets"][0]["uptime_percent"], "99.4914");
    // 10 % of 12.34 = 1.234 → 1.23 EUR (half up); the USD 1 minimum does not apply to EUR.
    assert_eq!(json["presets"][0]["credit"]["payable"], "1.23");
    let (_, out, _) = sla(&[
        "compare",
        "-o",
        LOG,
        "-m",
        "2026-07",
        "--today",
        "2026-08-10",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.lines().count(),
        13,
        "a header and one row per bundled preset:\n{out}"
    );
}

#[test]
fn claim_writes_the_text_and_the_table() {
    let dir = std::env::temp_dir().join(format!("sla-cli-claim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let table = dir.join("claim.csv");
    let (code, out, err) = sla(&[
        "claim",
        "--preset",
        "aws-ec2-region",
        "--outages",
        LOG,
        "--month",
        "2026-07",
        "--bill",
        "1000.00USD",
        "--today",
        "2026-08-10",
        "--table",
        table.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 1, "a claim is due: {err}");
    assert!(
        out.starts_with("Subject: SLA Credit Request — AWS EC2 region-level, 2026-07\n"),
        "{out}"
    );
    assert!(out.contains("Claim deadline: 2026-09-30"), "{out}");
    let csv = std::fs::read_to_string(&table).expect("the table");
    assert_eq!(csv.lines().count(), 7, "a header and six incidents:\n{csv}");
    let (code, out, _) = sla(&[
        "claim",
        "-p",
        "azure-vm-single-standard-hdd",
        "-o",
        LOG,
        "-m",
        "2026-07",
        "--today",
        "2026-08-10",
    ]);
    assert_eq!(code, 0, "the commitment was met");
    assert!(
        out.starts_with("Subject: Incident record (no credit due)"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_vendor_input_exits_with_2_and_says_where() {
    let dir = std::env::temp_dir().join(format!("sla-cli-presets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad-preset.json");
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../presets/generic-template.json"
    ))
    .expect("template")
    .replace("\"id\": \"generic-template\"", "\"id\": \"mine\"")
    .replace("\"at_least\": \"99.0\"", "\"at_least\": \"98.5\"");
    std::fs::write(&bad, template).expect("write");
    let (code, _, err) = sla(&["presets", "--preset-file", bad.to_str().expect("utf-8")]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad-preset.json: credits.tiers[0].at_least: 98.5% leaves a gap or an overlap with the next tier, which starts below 99%"),
        "{err}"
    );
    let log = dir.join("log.csv");
    std::fs::write(&log, "start,end\n2026-07-03T10:00:00Z,yesterday\n").expect("write");
    let (code, _, err) = sla(&[
        "compare",
        "-o",
        log.to_str().expect("utf-8"),
        "-m",
        "2026-07",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("log.csv: line 2, column `end`: `yesterday` is not a time"),
        "{err}"
    );
    let (code, _, err) = sla(&["compare", "-p", "aws-ec3", "-o", LOG, "-m", "2026-07"]);
    assert_eq!(code, 2);
    assert!(err.contains("`aws-ec3` is not a preset"), "{err}");
    let (code, _, err) = sla(&["compare", "-o", LOG, "-m", "July"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--month: `July` is not a month; write 2026-07"),
        "{err}"
    );
    let (code, _, err) = sla(&["compare", "-o", LOG, "-m", "2026-07", "-b", "1000"]);
    assert_eq!(code, 2);
    assert!(err.contains("--bill: `1000` has no currency"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_outage_log_names_physical_lines_and_an_unclosed_quote() {
    let dir = std::env::temp_dir().join(format!("sla-cli-log-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let log = dir.join("log.csv");
    let path = log.to_str().expect("utf-8");
    // A description quoted across three lines: the bad row after it is on line 5.
    let mut text = String::from(
        "start,end,description\r\n\
         2026-07-03T10:00:00Z,2026-07-03T10:05:00Z,\"one\r\ntwo\r\nthree\"\r\n\
         2026-07-03T10:00:00Z,never,\r\n",
    );
    // 250 more bad rows (lines 6 to 255): the first 100 problems are listed.
    for n in 0..250 {
        text.push_str(&format!("2026-07-04T10:00:00Z,bad {n},\r\n"));
    }
    std::fs::write(&log, &text).expect("write");
    let (code, _, err) = sla(&["compare", "-o", path, "-m", "2026-07"]);
    assert_eq!(code, 2);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 100, "{err}");
    assert!(
        lines[0].ends_with("log.csv: line 5, column `end`: `never` is not a time; write 2026-07-03T10:00:20Z or 2026-07-03 10:00:20 (UTC)"),
        "{err}"
    );
    assert!(
        lines[99].contains("line 104, column `end`: `bad 98`"),
        "{err}"
    );
    // A quote that never closes stops the log at its line.
    text.push_str("2026-07-05T10:00:00Z,2026-07-05T10:05:00Z,\"open\r\n");
    text.push_str("2026-07-06T10:00:00Z,2026-07-06T10:05:00Z,\r\n");
    std::fs::write(&log, &text).expect("write");
    let (code, _, err) = sla(&["compare", "-o", path, "-m", "2026-07"]);
    assert_eq!(code, 2);
    assert!(
        err.trim_end().ends_with("log.csv: line 256: a quote (\") opens a value on this line and never closes, so the rest of the log would be read as one value; close the quote, or write a quote inside a value twice (\"\")"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openslo_import_writes_a_valid_agreement_file_and_lists_what_it_left_out() {
    let dir = std::env::temp_dir().join(format!("sla-cli-openslo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out = dir.join("agreements.json");
    let out_text = out.to_string_lossy().into_owned();
    let (code, _, err) = sla(&[
        "openslo",
        "import",
        "crates/interop/tests/fixtures/openslo-web-shop.yaml",
        "--out",
        &out_text,
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("document 4 (SLO `checkout-availability`), spec.alertPolicies"),
        "{err}"
    );
    assert!(err.contains("5 targets, 1 services; 0 refused"), "{err}");
    let (code, out, err) = sla(&["validate", &out_text]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, _, err) = sla(&[
        "openslo",
        "import",
        "crates/interop/tests/fixtures/openslo-broken.yaml",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("document 2, line 14, column 18: not valid YAML"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn openslo_export_writes_slos_and_lists_what_openslo_cannot_say() {
    let (code, out, err) = sla(&["openslo", "export", "examples/outsourcing.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("apiVersion: openslo/v1\nkind: SLO\n"), "{out}");
    assert!(
        err.contains("not in OpenSLO: agreements[0].credits: credit terms"),
        "{err}"
    );
}

#[test]
fn ics_import_and_export_of_holidays() {
    let (code, out, err) = sla(&[
        "ics",
        "import",
        "crates/interop/tests/fixtures/holidays-berlin-2026.ics",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--hours",
        "Mon-Fri 08:00-18:00",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("\"2026-12-25\""), "{out}");
    assert!(out.contains("\"time_zone\": \"Europe/Berlin\""), "{out}");
    assert!(
        err.contains("line 82, STATUS (event `Silvester (Betriebsruhe)`): event skipped"),
        "{err}"
    );
    let (code, _, err) = sla(&[
        "ics",
        "import",
        "crates/interop/tests/fixtures/holidays-berlin-2026.ics",
        "--from",
        "2026-31-01",
        "--to",
        "2026-12-31",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("`2026-31-01` is not a date"), "{err}");
    let (code, _, err) = sla(&["ics", "export", "examples/service-desk.json"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("name the calendar with --calendar (calendars: business, always)"),
        "{err}"
    );
    let (code, out, err) = sla(&[
        "ics",
        "export",
        "examples/service-desk.json",
        "--calendar",
        "business",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("BEGIN:VCALENDAR\r\n"), "{out}");
    assert!(out.contains("X-WR-TIMEZONE:"), "{out}");
}

#[test]
fn downtime_prints_the_quick_calculators_tables() {
    let (code, out, err) = sla(&["downtime", "99.9", "99.99", "--month", "2026-02"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("month (average)       43m 50s (2,629.746 s)      4m 23s (262.9746 s)\n"),
        "{out}"
    );
    assert!(
        out.contains("February 2026 (28 d)  40m 19s (2,419.2 s)        4m 2s (241.92 s)\n"),
        "{out}"
    );
    assert!(
        out.contains("2026 (365 d)          8h 45m 36s (31,536 s)"),
        "{out}"
    );
    // Within service hours: ten hours a day on weekdays.
    let (code, out, _) = sla(&[
        "downtime",
        "99.9",
        "--month",
        "2026-02",
        "--hours",
        "Mon-Fri 08:00-18:00",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("February 2026      8d 8h (720,000 s)           12m (720 s)\n"),
        "{out}"
    );
    // Explanations, and errors that say what is wrong.
    let (_, out, _) = sla(&["downtime", "99.9", "--month", "2026-02", "--explain"]);
    assert!(
        out.contains("2,419,200 s × (100% − 99.9%) = 2,419,200 s × 0.1% = 2,419.2 s"),
        "{out}"
    );
    let (code, _, err) = sla(&["downtime", "100.5"]);
    assert_eq!(code, 2);
    assert!(err.contains("`100.5` is not a target"), "{err}");
    let (code, _, err) = sla(&["downtime", "99.9", "--month", "2026-13"]);
    assert_eq!(code, 2);
    assert!(err.contains("--month `2026-13` is not a month"), "{err}");
    let (code, _, err) = sla(&["downtime", "99.9", "--hours", "Mon-Fry 8:00-9:00"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown day"), "{err}");
}

#[test]
fn uptime_gives_the_average_and_the_calendar_period() {
    let (code, out, err) = sla(&[
        "uptime", "13m37s", "--period", "month", "--month", "2026-02", "-t", "99.9",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("  99.9689 % over the month (average)\n    ✓ meets 99.9 %\n"),
        "{out}"
    );
    assert!(
        out.contains("  99.9662 % over February 2026 (28 d)\n"),
        "{out}"
    );
    // A missed target exits 1; within service hours the base is smaller.
    let (code, out, _) = sla(&[
        "uptime",
        "13m37s",
        "--month",
        "2026-02",
        "--hours",
        "Mon-Fri 08:00-18:00",
        "-t",
        "99.9",
    ]);
    assert_eq!(code, 1, "{out}");
    // (720,000 − 817) ÷ 720,000 = 99.88652…%
    assert!(
        out.contains("  99.8865 % over February 2026 (28 d)\n    ✗ misses 99.9 %\n"),
        "{out}"
    );
    let (code, out, _) = sla(&["uptime", "2d", "--period", "day"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("no availability over the day: 2d of downtime is longer"),
        "{out}"
    );
}

#[test]
fn composite_is_exact_and_rounded_down() {
    let (code, out, err) = sla(&["composite", "serial(99.9, parallel(99.5, 99.5))"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "99.897502 % (rounded down to 6 decimals)\nexactly 99.8975025 %\n"
    );
    // Beyond any double: 100 × (1 − 10⁻⁷)³.
    let (_, out, _) = sla(&["composite", "99.99999, 99.99999, 99.99999"]);
    assert!(out.contains("exactly 99.9999700000029999999 %"), "{out}");
    let (code, _, err) = sla(&["composite", "2of3(99, 99)"]);
    assert_eq!(code, 2);
    assert!(err.contains("2of3 needs 3 components, it has 2"), "{err}");
}

#[test]
fn advise_tries_levels_and_times_and_says_what_it_leaves_out() {
    let (code, out, err) = sla(&[
        "advise",
        "examples/outsourcing.json",
        "-m",
        "examples/outsourcing-2026-h1.json",
        "-p",
        "2026-01..2026-06",
        "--met-in",
        "5/6",
    ]);
    assert_eq!(code, 0, "{err}");
    // Availability: the seven levels, the agreement's own marked.
    assert!(
        out.contains("99.95 % *  3 of 6  2026-05: 97.7142 %"),
        "{out}"
    );
    assert!(
        out.contains("met in 5 of the last 6 periods (6 counted): 98.9361 %"),
        "{out}"
    );
    // A resolution time at × 0.5, 1, 1.5 and 2.
    assert!(out.contains("6h (× 1.5)  5 of 6"), "{out}");
    assert!(
        out.contains("met in 5 of the last 6 periods (6 counted): 6h"),
        "{out}"
    );
    // The shortfall is rounded up, never shown smaller than it is.
    assert!(out.contains("worst period: −2.2358 pp"), "{out}");
    // Nothing silent: a manual target is listed with the reason.
    assert!(
        err.contains("bank-msa/reports-on-time is not advised on: the advisor covers availability and response or resolution times, not manual value"),
        "{err}"
    );
    let (code, _, err) = sla(&[
        "advise",
        "examples/outsourcing.json",
        "-m",
        "examples/outsourcing-2026-h1.json",
        "-p",
        "2026-01..2026-06",
        "--met-in",
        "7/6",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--met-in `7/6`"), "{err}");
}

#[test]
fn simulate_is_pinned_by_its_seed_and_checks_its_input() {
    let args = [
        "simulate",
        "tests/fixtures/advise/agreement.json",
        "--failure",
        "shop=20d/3h",
        "--start",
        "2026-01",
        "--years",
        "500",
        "--seed",
        "7",
    ];
    let (code, out, err) = sla(&args);
    assert_eq!(code, 0, "{err}");
    // A golden run: the same seed gives these figures on every platform.
    let expected = r#"500 contract years from 2026-01, seed 7
  shop: MTBF 20d, MTTR 3h — unavailability MTTR ÷ (MTBF + MTTR) = 0.6211 %

shop-sla/availability — Monthly availability (12 periods a year, level 99.9000)
  yearly availability: mean 99.3702 % (unavailability 0.6298 % ± 0.0091 % standard error)
  percentiles of the yearly availability: P1 98.8475 %, P5 99.0035 %, P50 99.3910 %, P95 99.6811 %
  periods missed per year: mean 8.494 ± 0.071; at least one missed: 100.00 % ± 0.00 %

shop-sla — credits per contract year (EUR, paid after the caps, less what is earned back)
  mean 2,382.30 ± 29.25 standard error; P50 2,400.00, P95 3,450.00, P99 3,800.00; no credit in 0.00 % ± 0.00 % of years"#;
    assert!(out.starts_with(expected), "{out}");
    // The termination rights, and the CSV of every year with its credits.
    let rights = [
        "simulate",
        "examples/outsourcing.json",
        "--failure",
        "core-banking=20d/3h",
        "--failure",
        "service-desk=20d/3h",
        "--failure",
        "reporting=20d/3h",
        "--start",
        "2026-01",
        "--years",
        "400",
        "--seed",
        "3",
    ];
    let (code, rights_out, err) = sla(&rights);
    assert_eq!(code, 0, "{err}");
    for line in [
        "bank-msa — credits per contract year (EUR, paid after the caps, less what is earned back)",
        "  note: not simulated, so paying no credit here and not counted by a right: bank-msa/p1-resolution, bank-msa/p2-resolution, bank-msa/reports-on-time",
        "  termination right 1: a critical target below its minimum in 3 of any 6 consecutive periods — triggered in ",
        "  termination right 3: the mean of `core-availability` over the last 3 periods below 99.8 — triggered in ",
    ] {
        assert!(rights_out.contains(line), "{line}\n{rights_out}");
    }
    assert!(
        err.contains("bank-msa/p1-resolution is not simulated"),
        "{err}"
    );
    let mut csv_args = rights.to_vec();
    csv_args.extend(["--format", "csv"]);
    let (code, csv, _) = sla(&csv_args);
    assert_eq!(code, 0);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "year,target_or_agreement,availability,periods_missed,credits,rights_triggered"
    );
    // Per year: the one availability target, then the agreement.
    assert_eq!(lines.len(), 1 + 400 * 2);
    let agreement: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(agreement.len(), 6, "{}", lines[2]);
    assert_eq!(&agreement[..2], ["1", "bank-msa"]);
    assert!(agreement[4].parse::<f64>().is_ok(), "{}", lines[2]);
    assert_eq!(sla(&args).1, out);
    let (code, _, err) = sla(&[
        "simulate",
        "tests/fixtures/advise/agreement.json",
        "--start",
        "2026-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("service `shop` has no failure model"), "{err}");
    let (code, _, err) = sla(&[
        "simulate",
        "tests/fixtures/advise/agreement.json",
        "--failure",
        "shop=20d",
        "--start",
        "2026-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("write SERVICE=MTBF/MTTR"), "{err}");
}

#[test]
fn requirements_stand_beside_what_the_suppliers_deliver() {
    let (code, out, err) = sla(&["requirements", "examples/requirements.json"]);
    assert_eq!(code, 0, "{err}");
    // 99.95 % × (1 − 0.5 % × 0.5 %) × 99.99 % = 99.937506499875 %, exactly, by the shop's dependencies.
    assert!(out.contains("the suppliers deliver 99.937506499… % (by the dependencies of service `shop`: serial(99.95, parallel(99.5, 99.5), serial(99.99)))"), "{out}");
    assert!(out.contains("gap: −0.0125 pp: not met"), "{out}");
    assert!(
        out.contains("`ops-ola/availability` at 99.963 % instead of 99.95 %"),
        "{out}"
    );
    assert!(
        out.contains("`ops-ola/availability` doubled in parallel gives 99.987475253… %, enough"),
        "{out}"
    );
    assert!(
        out.contains("a lower requirement: at most 99.937 %"),
        "{out}"
    );
    assert!(
        out.contains("`db-uc/p1-response` promises 90 % within 1h: does not cover it"),
        "{out}"
    );
    assert!(
        out.contains("`ops-ola/p1-response` promises 95 % within 15m: covers it"),
        "{out}"
    );
    let (code, json, _) = sla(&[
        "requirements",
        "examples/requirements.json",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let first = &value["requirements"][0]["outcome"];
    assert_eq!(first["supplied_percent"], "99.937506499875");
    assert_eq!(first["met"], false);
    // The alignment check follows the dependencies: the hosting contracts in
    // parallel are not flagged for being below the SLA's 99.9 %.
    let (_, out, _) = sla(&["validate", "examples/requirements.json"]);
    assert!(!out.contains("hosting-a/availability"), "{out}");
    assert!(!out.contains("unreachable"), "{out}");
}

#[test]
fn exposure_sets_what_an_sla_pays_against_what_its_ucs_give_back() {
    let (code, out, err) = sla(&[
        "exposure",
        "examples/requirements.json",
        "-m",
        "examples/requirements-2026-q4.json",
        "-p",
        "2026-Q4",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("shop-sla — backed by hosting-a, hosting-b, db-uc"),
        "{out}"
    );
    // November: 5 h down of 720 h, 99.3055 %: the SLA pays 25 % of 5,000;
    // Hosting A, whose outage it was, 10 % of 2,000.
    assert!(
        out.contains("2026-11: pays 1,250.00 EUR, gets back 200.00 EUR, left with us 1,050.00 EUR"),
        "{out}"
    );
    assert!(
        out.contains(
            "`hosting-a/availability` gives back (behind `shop-sla/availability`): -200.00 EUR"
        ),
        "{out}"
    );
    // Every period's sources add up to what is left.
    let (_, json, _) = sla(&[
        "exposure",
        "examples/requirements.json",
        "-m",
        "examples/requirements-2026-q4.json",
        "-p",
        "2026-Q4",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let cents = |v: &serde_json::Value| -> i64 {
        v.as_str()
            .expect("an amount")
            .replace('.', "")
            .parse()
            .expect("cents")
    };
    for period in value["exposure"][0]["periods"].as_array().expect("periods") {
        let sum: i64 = period["sources"]
            .as_array()
            .expect("sources")
            .iter()
            .map(|s| cents(&s["amount"]))
            .sum();
        assert_eq!(sum, cents(&period["left"]), "{period}");
        assert_eq!(
            cents(&period["pays"]) - cents(&period["recovers"]),
            cents(&period["left"])
        );
    }
}
