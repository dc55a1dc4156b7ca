//! Every bundled preset on the example log, compared with figures computed
//! independently: `python3 scripts/expected-presets.py` (Python's
//! `fractions`, standard library only; it reads the preset files and the
//! log, never this crate's output) produced
//! `tests/fixtures/expected-presets.json`. Rerun it and store its output
//! there when a preset or the log changes.

use serde_json::Value;
use sla_presets::bundled;
use sla_presets::evaluate::evaluate;

use crate::{example_log, request, root};

#[test]
fn every_preset_matches_the_independent_python_figures() {
    let text =
        std::fs::read_to_string(root().join("crates/presets/tests/fixtures/expected-presets.json"))
            .expect("the fixture");
    let expected: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(expected["produced_by"], "scripts/expected-presets.py");
    let presets = bundled().expect("valid presets");
    let log = example_log();
    let scenarios = expected["scenarios"].as_object().expect("scenarios");
    assert_eq!(scenarios.len(), 2);
    let mut checked = 0;
    for (name, scenario) in scenarios {
        let zones: Vec<&str> = scenario["deployment"]["zones"]
            .as_array()
            .expect("zones")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let instance = scenario["deployment"]["instance"].as_str();
        let bill_minor = scenario["bill_minor"].as_i64().expect("bill");
        let bill = format!("{}.{:02}", bill_minor / 100, bill_minor % 100);
        let currency = scenario["currency"].as_str().expect("currency");
        let request = request(&zones, instance, &bill, currency);
        let by_id = scenario["presets"].as_object().expect("presets");
        assert_eq!(
            by_id.len(),
            presets.len(),
            "{name}: one figure set per preset file"
        );
        for preset in &presets {
            let want = &by_id[&preset.id];
            let got = evaluate(preset, &log, &request).expect("evaluates");
            let at = format!("{name}/{}", preset.id);
            assert_eq!(
                got.measure.total,
                want["total"].as_i64().expect("total"),
                "{at}: total"
            );
            assert_eq!(
                format!(
                    "{}/{}",
                    got.measure.down.numerator(),
                    got.measure.down.denominator()
                ),
                want["down"].as_str().expect("down"),
                "{at}: downtime"
            );
            assert_eq!(
                format!("{}/{}", got.uptime.numerator(), got.uptime.denominator()),
                want["uptime"].as_str().expect("uptime"),
                "{at}: exact uptime"
            );
            assert_eq!(
                got.uptime.to_percent_string(4),
                want["uptime_percent"].as_str().expect("percent"),
                "{at}: uptime shown"
            );
            assert_eq!(got.met, want["met"].as_bool().expect("met"), "{at}: met");
            assert_eq!(
                got.tier.map(|t| t as u64 + 1),
                want["tier"].as_u64(),
                "{at}: tier"
            );
            assert_eq!(
                got.credit_percent.to_decimal_string(),
                want["credit_percent"].as_str().expect("credit"),
                "{at}: credit %"
            );
            let credit = got.credit.as_ref().expect("a bill was given");
            assert_eq!(
                credit.raw.minor_units(),
                want["credit_raw_minor"].as_i64().expect("raw"),
                "{at}: raw"
            );
            assert_eq!(
                credit.cap.minor_units(),
                want["credit_cap_minor"].as_i64().expect("cap"),
                "{at}: cap"
            );
            assert_eq!(
                credit.payable.minor_units(),
                want["credit_payable_minor"].as_i64().expect("payable"),
                "{at}: payable"
            );
            assert_eq!(
                got.deadline.map(|d| d.to_string()),
                want["deadline"].as_str().map(str::to_owned),
                "{at}: deadline"
            );
            assert_eq!(got.days_left, want["days_left"].as_i64(), "{at}: days left");
            let counted: Vec<u64> = got
                .records
                .iter()
                .filter(|r| r.counted)
                .map(|r| r.index as u64 + 1)
                .collect();
            let want_counted: Vec<u64> = want["counted_records"]
                .as_array()
                .expect("records")
                .iter()
                .filter_map(Value::as_u64)
                .collect();
            assert_eq!(counted, want_counted, "{at}: counted records");
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * presets.len());
}
