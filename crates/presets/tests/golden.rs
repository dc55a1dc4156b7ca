//! Golden files: a whole comparison of every bundled preset on the example
//! log (text with the steps, and CSV) and a claim (text and CSV), compared
//! with `tests/golden/*`. Run with `UPDATE_GOLDEN=1` to rewrite them, then
//! review the diff like code: every figure in them is also checked against
//! the independent Python figures by `expected.rs`.

use sla_presets::claim::claim;
use sla_presets::compare::compare;
use sla_presets::evaluate::evaluate;
use sla_presets::render;
use sla_presets::{bundled, Preset};

use crate::{example_log, request, root};

fn check(name: &str, actual: &str) {
    let path = root().join("crates/presets/tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write the golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from line {}:\nexpected: {:?}\n  actual: {:?}\n(UPDATE_GOLDEN=1 rewrites it; review the diff)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

#[test]
fn a_comparison_of_every_preset() {
    let presets = bundled().expect("valid");
    let chosen: Vec<&Preset> = presets.iter().collect();
    let log = example_log();
    let comparison =
        compare(&chosen, &log, &request(&[], None, "1000.00", "USD")).expect("evaluates");
    check(
        "compare-all-2026-07.txt",
        &render::comparison_text(&comparison, log.len(), true),
    );
    check(
        "compare-all-2026-07.csv",
        &render::comparison_csv(&comparison),
    );
}

#[test]
fn a_claim_for_aws_region_level() {
    let presets = bundled().expect("valid");
    let preset = presets
        .iter()
        .find(|p| p.id == "aws-ec2-region")
        .expect("bundled");
    let log = example_log();
    let evaluation =
        evaluate(preset, &log, &request(&[], None, "1000.00", "USD")).expect("evaluates");
    let document = claim(preset, &evaluation, &log);
    assert!(document.credit_due);
    check("claim-aws-ec2-region-2026-07.txt", &document.text);
    check("claim-aws-ec2-region-2026-07.csv", &document.csv);
}

#[test]
fn a_claim_where_nothing_is_due() {
    let presets = bundled().expect("valid");
    let preset = presets
        .iter()
        .find(|p| p.id == "azure-vm-single-standard-hdd")
        .expect("bundled");
    let log = example_log();
    let evaluation =
        evaluate(preset, &log, &request(&[], None, "1000.00", "USD")).expect("evaluates");
    let document = claim(preset, &evaluation, &log);
    assert!(!document.credit_due);
    check(
        "claim-azure-vm-single-standard-hdd-2026-07.txt",
        &document.text,
    );
}
