//! Inputs that once passed and gave a wrong figure without a word: each now
//! gives the right figure, or a refusal naming the path (or line) and the
//! reason. The files are in `tests/fixtures/reliability/` (see its README).

use std::process::Command;

/// Runs `sla` in the fixtures folder: (exit code, stdout, stderr).
fn sla(args: &[&str]) -> (i32, String, String) {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/reliability"
    );
    let output = Command::new(env!("CARGO_BIN_EXE_sla"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run sla");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The February 2026 report of an agreement file over the cloud outages.
fn february(agreement: &str) -> (i32, String, String) {
    sla(&[
        "report",
        agreement,
        "-m",
        "cloud-outages-2026-02.json",
        "-p",
        "2026-02",
    ])
}

#[test]
fn percentages_beyond_seven_decimals_are_refused_at_their_path() {
    for (file, path, value) in [
        (
            "D1a-tier-credit-8-decimals-credit-dropped.json",
            "agreements[0].targets[0].credit.tiers[0].credit",
            "10.00000001",
        ),
        (
            "D1b-target-cap-9-decimals-ignored.json",
            "agreements[0].targets[0].cap.percent_of_charges",
            "5.000000001",
        ),
        (
            "D1c-period-cap-9-decimals-ignored.json",
            "agreements[0].credits.period_cap.percent_of_charges",
            "5.000000001",
        ),
        (
            "D1d-linear-maximum-9-decimals-ignored.json",
            "agreements[0].targets[0].credit.maximum",
            "20.000000001",
        ),
        (
            "D1e-linear-per-8-decimals-credit-dropped.json",
            "agreements[0].targets[0].credit.per",
            "0.00000001",
        ),
        (
            "D1f-at-risk-9-decimals-pool-credit-dropped.json",
            "agreements[0].credits.at_risk_percent",
            "10.000000001",
        ),
    ] {
        let expected = format!("{file}: {path}: `{value}`: at most 7 decimals");
        let (code, out, err) = sla(&["validate", file]);
        assert_eq!(code, 2, "{file}: {out}{err}");
        assert!(err.contains(&expected), "{file}: {err}");
        // The report refuses the file the same way: no credit without its terms.
        let (code, out, err) = february(file);
        assert_eq!(code, 2, "{file}: {out}{err}");
        assert!(out.is_empty(), "{file}: {out}");
        assert!(err.contains(&expected), "{file}: {err}");
    }
}

#[test]
fn a_rolling_window_the_time_line_cannot_hold_is_refused() {
    let (code, out, err) = february("D2-rolling-days-128000-target-silently-dropped-exit0.json");
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("agreements[0].targets[0].period: a rolling window of 128000 days"),
        "{err}"
    );
}

#[test]
fn an_impact_over_100_percent_is_left_out_and_listed() {
    let (code, out, _) = sla(&[
        "report",
        "cloud-sla.json",
        "-m",
        "D3-outage-impact-150-silently-dropped.json",
        "-p",
        "2026-02",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Records not used"), "{out}");
    assert!(
        out.contains("outages[5].impact: a percentage cannot exceed 100"),
        "{out}"
    );
}

#[test]
fn periods_outside_the_time_line_or_too_long_are_refused() {
    for (period, reason) in [
        (
            "9999-12",
            "9999-12 is outside the years the calculator can hold",
        ),
        (
            "1600-01",
            "1600-01 is outside the years the calculator can hold",
        ),
        (
            "1990-01..2100-12",
            "the span has 1332 months; a report covers at most 1200",
        ),
    ] {
        let (code, out, err) = sla(&[
            "report",
            "cloud-sla.json",
            "-m",
            "cloud-outages-2026-02.json",
            "-p",
            period,
        ]);
        assert_eq!(code, 2, "{period}: {out}{err}");
        assert!(out.is_empty(), "{period}: {out}");
        assert!(err.contains(reason), "{period}: {err}");
    }
    let (code, _, err) = sla(&[
        "report",
        "cloud-sla.json",
        "-m",
        "cloud-outages-2026-02.json",
        "-p",
        "2026-02",
        "--now",
        "9999-01-01T00:00:00Z",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("is out of range"), "{err}");
}

#[test]
fn a_ticket_id_given_twice_is_counted_nowhere_and_named() {
    let (code, out, _) = sla(&[
        "report",
        "service-desk.json",
        "-m",
        "D6-duplicate-ticket-ids-counted-twice.json",
        "-p",
        "2026-03",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("tickets[41]: the ticket id `INC-2001` is given 3 times (tickets[0], tickets[41], tickets[42]); none of them is counted"),
        "{out}"
    );
    // Without INC-2001, 4 of the 5 P1 tickets were resolved in time.
    assert!(out.contains("2026-03: 80.0000% → MISSED"), "{out}");
}

#[test]
fn each_measurement_file_is_read_in_its_own_zone() {
    let run = |files: &[&str]| {
        let mut args = vec!["report", "cloud-sla.json", "-p", "2026-02-10..2026-02-10"];
        for file in files {
            args.extend(["-m", file]);
        }
        let (code, out, err) = sla(&args);
        assert!(code == 0 || code == 1, "{out}{err}");
        let line = out
            .lines()
            .find(|l| l.contains('→'))
            .unwrap_or_default()
            .to_owned();
        (code, line)
    };
    let alone = run(&["D9-b-new-york.json"]);
    assert!(alone.1.contains("100.0000% → MET"), "{alone:?}");
    for files in [
        ["D9-a-utc.json", "D9-b-new-york.json"],
        ["D9-b-new-york.json", "D9-a-utc.json"],
        ["D9-d-new-york-empty.json", "D9-b-new-york.json"],
    ] {
        assert_eq!(run(&files), alone, "{files:?}");
    }
    // A file without a zone is read in the agreement's (UTC): 22:00–23:30 on
    // the 10th, whichever file comes first.
    let local = run(&["D9-c-local-no-zone.json"]);
    assert!(local.1.contains("93.7500% → BELOW MINIMUM"), "{local:?}");
    assert_eq!(
        run(&["D9-c-local-no-zone.json", "D9-d-new-york-empty.json"]),
        run(&["D9-d-new-york-empty.json", "D9-c-local-no-zone.json"])
    );
}

#[test]
fn an_unreachable_composite_is_warned_of_whatever_the_number_of_ucs() {
    let (code, out, err) = sla(&["validate", "unreachable-composite-10-ucs-no-warning.json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("warning: `shop-sla/end-to-end` promises 99.9 %, but its supporting agreements in series give at most 99.501123501… %"),
        "{out}"
    );
    // 12-decimal percentages are refused at their path (at most 7 decimals).
    let (code, _, err) = sla(&[
        "validate",
        "unreachable-composite-4-ucs-12-decimals-no-warning.json",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("agreements[1].targets[0].expected: `99.950000000001`: at most 7 decimals"),
        "{err}"
    );
}

#[test]
fn two_manual_values_for_one_target_and_period_are_both_named_and_neither_used() {
    let run = |files: &[&str]| {
        let mut args = vec!["report", "customer-based.json", "-p", "2026-05"];
        for file in files {
            args.extend(["-m", file]);
        }
        sla(&args)
    };
    let (code, ab, _) = run(&["manual-duplicate-a.json", "manual-duplicate-b.json"]);
    assert_eq!(code, 1, "{ab}");
    assert!(
        ab.contains("manual-duplicate-b.json: manual[0]: 2 values are given for `finance-sla/satisfaction` in 2026-05 (manual-duplicate-a.json: manual[0], manual-duplicate-b.json: manual[0]); none of them is used"),
        "{ab}"
    );
    let (_, ba, _) = run(&["manual-duplicate-b.json", "manual-duplicate-a.json"]);
    let figures = |out: &str| {
        out.lines()
            .filter(|l| l.contains('→'))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(figures(&ab), figures(&ba));
    let (code, one, _) = run(&["manual-duplicate-one-file.json"]);
    assert_eq!(code, 1, "{one}");
    assert!(
        one.contains("manual[0]: 2 values are given for `finance-sla/satisfaction` in 2026-05 (manual[0], manual[1])"),
        "{one}"
    );
}

#[test]
fn strict_reports_exit_2_on_any_record_not_used_or_warning() {
    let (code, _, err) = sla(&[
        "report",
        "customer-based.json",
        "-p",
        "2026-05",
        "-m",
        "manual-duplicate-one-file.json",
        "--strict",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--strict: 2 records not used"), "{err}");
}

#[test]
fn the_multi_level_openslo_export_imports_back() {
    let (code, out, err) = sla(&["openslo", "import", "D8-multi-level-openslo-export.yaml"]);
    // 1: the notes list what was restored from the export's annotations.
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(!err.contains("used twice"), "{err}");
    assert!(out.contains("\"format\": \"sla-agreements\""), "{out}");
}

#[test]
fn small_slips_are_refused_not_guessed() {
    let dir = std::env::temp_dir().join(format!("sla-reliability-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fixtures = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/reliability"
    );
    let cloud = std::fs::read_to_string(format!("{fixtures}/cloud-sla.json")).expect("fixture");
    let customer =
        std::fs::read_to_string(format!("{fixtures}/customer-based.json")).expect("fixture");
    let write = |name: &str, text: String| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    // An empty zone is not UTC in disguise.
    let mut value: serde_json::Value = serde_json::from_str(&cloud).expect("json");
    value["time_zone"] = "".into();
    let empty_zone = write("empty-zone.json", value.to_string());
    let (code, _, err) = sla(&["validate", &empty_zone]);
    assert_eq!(code, 2);
    assert!(
        err.contains("time_zone: `` is not an IANA time zone"),
        "{err}"
    );
    // A calendar without service hours.
    let mut value: serde_json::Value = serde_json::from_str(&customer).expect("json");
    value["calendars"][0]["hours"] = "".into();
    let no_hours = write("no-hours.json", value.to_string());
    let (code, _, err) = sla(&["validate", &no_hours]);
    assert_eq!(code, 2);
    assert!(
        err.contains("calendars[0].hours: a calendar without service hours"),
        "{err}"
    );
    // A byte order mark is read past.
    let bom = write("bom.json", format!("\u{feff}{cloud}"));
    let (code, out, err) = sla(&["validate", &bom]);
    assert_eq!(code, 0, "{out}{err}");
    // Unknown services, priorities and manual targets are listed, not dropped.
    let measurements = write(
        "unknown.json",
        serde_json::json!({
            "format": "sla-measurements", "version": 1,
            "outages": [{"service": "Compute", "start": "2026-02-03T10:00:00Z", "end": "2026-02-03T11:00:00Z"}],
            "manual": [{"target": "cloud/nothing", "period": "2026-02", "value": "3"}]
        })
        .to_string(),
    );
    let (code, out, _) = sla(&[
        "report",
        "cloud-sla.json",
        "-m",
        &measurements,
        "-p",
        "2026-02",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("outages[0]: no service `Compute` in the agreement file"),
        "{out}"
    );
    assert!(
        out.contains("manual[0]: no manual target `cloud/nothing`"),
        "{out}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// (agreement file, measurement file, period) of each example.
const EXAMPLES: &[(&str, &str, &str)] = &[
    ("cloud-sla.json", "cloud-outages-2026-02.json", "2026-02"),
    (
        "service-based.json",
        "service-based-2026-03.json",
        "2026-03",
    ),
    (
        "customer-based.json",
        "customer-based-2026-05.json",
        "2026-05",
    ),
    ("multi-level.json", "multi-level-2026-04.json", "2026-04"),
    (
        "outsourcing.json",
        "outsourcing-2026-h1.json",
        "2026-01..2026-06",
    ),
    (
        "multi-supplier.json",
        "multi-supplier-2026-10.json",
        "2026-10",
    ),
    ("service-desk.json", "service-desk-2026-03.json", "2026-03"),
];

/// `sla` run in `examples/`.
fn example(args: &[&str]) -> (i32, String) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let output = Command::new(env!("CARGO_BIN_EXE_sla"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run sla");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

/// The fields of one CSV line (quotes as RFC 4180 writes them).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().expect("a field").push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().expect("a field").push(c),
        }
    }
    out
}

/// `numerator / denominator` as a percentage with 4 decimals rounded down,
/// computed here from the exact integers (the text report's rule).
fn percent_4(numerator: &str, denominator: &str) -> String {
    let n: u128 = numerator.parse().expect("an integer");
    let d: u128 = denominator.parse().expect("an integer");
    let scaled = n * 1_000_000 / d;
    format!("{}.{:04}", scaled / 10_000, scaled % 10_000)
}

#[test]
fn report_json_follows_its_schema_and_its_exact_values_are_the_texts() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/report.schema.json"
        ))
        .expect("the schema"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let mut checked = 0;
    for (agreements, measurements, period) in EXAMPLES {
        let args = ["report", agreements, "-m", measurements, "-p", period];
        let (_, json) = example(&[&args[..], &["--format", "json"]].concat());
        let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{agreements}: {errors:#?}");
        assert_eq!(json["stamp"]["inputs"][0]["name"], *agreements);
        let (_, csv) = example(&[&args[..], &["--format", "csv"]].concat());
        let mut rows = csv.lines().skip(1);
        for target in json["targets"].as_array().expect("targets") {
            for p in target["periods"].as_array().expect("periods") {
                let row = fields(rows.next().expect("a CSV row"));
                let text = |field: usize| row[field].clone();
                assert_eq!(p["period"], text(4), "{agreements}");
                if let Some(achieved) = p["achieved"].as_object() {
                    let n = achieved["numerator"].as_str().expect("text");
                    let d = achieved["denominator"].as_str().expect("text");
                    if target["unit"] == "%" {
                        assert_eq!(percent_4(n, d), text(5), "{agreements} {}", p["period"]);
                        let six = achieved["value"].as_str().expect("text");
                        assert_eq!(&six[..six.len() - 2], text(5));
                    }
                }
                assert_eq!(
                    p["status"].as_str().map(|s| s.replace('_', " ")),
                    Some(text(9))
                );
                assert_eq!(p["credit"]["amount"], text(12).replace(',', ""));
                assert_eq!(p["credit_paid"]["amount"], text(13).replace(',', ""));
                let minor = p["credit_paid"]["minor_units"]
                    .as_i64()
                    .expect("minor units");
                let amount: f64 = text(13).replace(',', "").parse().expect("a number");
                assert_eq!(minor, (amount * 100.0).round() as i64);
                checked += 1;
            }
        }
        assert!(rows.next().is_none(), "{agreements}: rows left");
    }
    assert!(checked > 20, "{checked}");
}

#[test]
fn effective_targets_come_as_json_too() {
    let (code, out) = example(&["effective", "multi-level.json", "--format", "json"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["format"], "sla-effective");
    let pairs = json["pairs"].as_array().expect("pairs");
    assert!(pairs.iter().any(|p| p["customer"] == "finance"
        && p["targets"].as_array().is_some_and(|t| t
            .iter()
            .any(|t| !t["overrides"].as_array().is_some_and(Vec::is_empty)))));
}

#[test]
fn an_unclosed_quote_stops_the_import_at_the_line_where_it_opens() {
    let (code, out, err) = sla(&["import", "D7-unclosed-quote-swallows-rest-of-file.csv"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("line 4, column `cause` (field 6): a quote (\") opens there and never closes, so the rest of the file (17 lines) would be read as one value"),
        "{err}"
    );
}

#[test]
fn an_impact_column_of_factors_is_read_as_factors_and_says_so() {
    let dir = std::env::temp_dir().join(format!("sla-impact-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("factors.csv");
    std::fs::write(
        &path,
        "service;start;end;impact\n\
         web;2026-02-03 10:00;2026-02-03 11:00;1\n\
         web;2026-02-04 10:00;2026-02-04 11:00;0,5\n",
    )
    .expect("write");
    let file = path.to_string_lossy().into_owned();
    let (code, out, err) = sla(&["import", &file]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("impact read as a factor"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let impacts: Vec<&str> = json["outages"]
        .as_array()
        .expect("outages")
        .iter()
        .map(|o| o["impact"].as_str().unwrap_or("100"))
        .collect();
    assert_eq!(impacts, ["100", "50"], "{out}");
    // Said the other way, the same file is 1 % and 0.5 %.
    let (code, out, _) = sla(&["import", &file, "--impact-unit", "percent"]);
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["outages"][1]["impact"], "0.5", "{out}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_duration_written_a_b_is_read_as_h_mm_and_says_so_unless_told_mm_ss() {
    let dir = std::env::temp_dir().join(format!("sla-clock-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("downtime.csv");
    // An export that writes 12 minutes 30 seconds as `12:30`.
    std::fs::write(
        &path,
        "service,start,duration\n\
         web,2026-02-03 10:00,12:30\n",
    )
    .expect("write");
    let file = path.to_string_lossy().into_owned();
    let seconds = |out: &str| {
        let json: serde_json::Value = serde_json::from_str(out).expect("JSON");
        let at = |key: &str| {
            let text = json["outages"][0][key].as_str().expect("a timestamp");
            chrono::DateTime::parse_from_rfc3339(text).expect("RFC 3339")
        };
        (at("end") - at("start")).num_seconds()
    };
    // As always, 12 hours 30 minutes, and the import says so and how to change it.
    let (code, out, err) = sla(&["import", &file]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(seconds(&out), 45_000, "{out}");
    assert!(
        err.contains(
            "`a:b` durations read as h:mm (1:30 = 1 hour 30 minutes): nothing in the column says otherwise; pass --clock-unit h:mm or mm:ss to say which"
        ),
        "{err}"
    );
    // Told mm:ss: 12 minutes 30 seconds.
    let (code, out, err) = sla(&["import", &file, "--clock-unit", "mm:ss"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(seconds(&out), 750, "{out}");
    assert!(
        err.contains("`a:b` durations read as mm:ss (1:30 = 1 minute 30 seconds): as chosen"),
        "{err}"
    );
    assert!(!err.contains("pass --clock-unit"), "{err}");
    let (code, _, err) = sla(&["import", &file, "--clock-unit", "m:s"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--clock-unit: `m:s` is not h:mm or mm:ss"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
