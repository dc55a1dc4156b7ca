//! The preset files: every bundled one reads and passes its own worked
//! examples (tier edges as the vendor words them, deadlines from the
//! vendor's example where it gives one); bad files are refused with the file
//! name and the JSON path of the problem.

use sla_engine::Ratio;
use sla_presets::evaluate::deadline_for;
use sla_presets::preset::{read_all, CheckStatus, Example};
use sla_presets::{bundled, bundled_files, bundled_for_pages, Preset};

#[test]
fn pages_read_the_bundled_files_as_the_checked_reader_does() {
    let checked = bundled().expect("bundled presets");
    assert_eq!(bundled_for_pages().expect("read for pages"), checked);
    // A broken file is still refused, with its file and the JSON path (the
    // pages' reader works on a value tree: a field's path, not its line).
    let (name, text) = bundled_files()[0];
    let broken = text.replacen("\"commitment\"", "\"commitmnt\"", 1);
    let errors = Preset::from_bundled(name, &broken).expect_err("refused");
    assert_eq!(errors[0].file, name);
    assert_eq!(errors[0].path, ".", "{:?}", errors[0]);
    assert!(
        errors[0].message.contains("commitmnt"),
        "{}",
        errors[0].message
    );
    let other = text.replacen("\"version\": 1", "\"version\": 2", 1);
    let errors = Preset::from_bundled(name, &other).expect_err("refused");
    assert_eq!(errors[0].path, "format");
}

#[test]
fn every_bundled_file_is_a_valid_preset_with_a_unique_id() {
    let presets = bundled().unwrap_or_else(|errors| {
        panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert_eq!(presets.len(), bundled_files().len());
    let ids: Vec<&str> = presets.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "aws-ec2-instance",
            "aws-ec2-region",
            "aws-s3-standard-ia",
            "aws-s3-standard",
            "azure-vm-availability-set",
            "azure-vm-availability-zones",
            "azure-vm-single-premium-ssd",
            "azure-vm-single-standard-hdd",
            "azure-vm-single-standard-ssd",
            "gcp-compute-multi-zone",
            "gcp-compute-single-instance",
            "generic-template",
        ],
        "file-name order"
    );
    for preset in &presets {
        assert_eq!(
            format!("{}.json", preset.id),
            preset.file,
            "a file is named after its id"
        );
        assert!(!preset.source.checks.is_empty());
    }
}

#[test]
fn each_preset_passes_its_worked_examples() {
    let mut tiers = 0;
    let mut deadlines = 0;
    for preset in bundled().expect("valid presets") {
        assert!(!preset.examples.is_empty(), "{} has no example", preset.id);
        for example in &preset.examples {
            match example {
                Example::Tier {
                    uptime,
                    credit,
                    source,
                } => {
                    let got = preset
                        .schedule()
                        .credit_for(Ratio::from_percent(*uptime))
                        .value
                        .credit;
                    assert_eq!(
                        got, *credit,
                        "{}: {uptime} → {credit} ({source})",
                        preset.id
                    );
                    tiers += 1;
                }
                Example::Deadline {
                    incident,
                    deadline,
                    source,
                } => {
                    assert_eq!(
                        deadline_for(preset.claim.deadline, *incident),
                        Some(*deadline),
                        "{}: {source}",
                        preset.id
                    );
                    deadlines += 1;
                }
            }
        }
    }
    assert!(tiers >= 50, "{tiers} tier examples");
    assert_eq!(deadlines, 12);
}

#[test]
fn microsofts_own_deadline_example_is_in_every_azure_preset() {
    // "if the incident occurred on February 15th, Microsoft must receive the
    // claim and all required information by March 31st" (Partner Center).
    for preset in bundled()
        .expect("valid")
        .iter()
        .filter(|p| p.id.starts_with("azure-"))
    {
        assert!(preset.examples.iter().any(|e| matches!(
            e,
            Example::Deadline { incident, deadline, .. }
                if incident.to_string() == "2026-02-15" && deadline.to_string() == "2026-03-31"
        )));
    }
}

#[test]
fn nothing_from_memory_is_presented_as_verified() {
    // Every preset says how each part was checked; the parts written from
    // memory are named, so that the docs and the UI can say so.
    let presets = bundled().expect("valid");
    let memory: Vec<String> = presets
        .iter()
        .flat_map(|p| {
            p.source
                .checks
                .iter()
                .filter(|c| c.status == CheckStatus::Memory)
                .map(move |c| format!("{}: {}", p.id, c.part))
        })
        .collect();
    assert!(
        memory
            .iter()
            .any(|m| m.starts_with("gcp-compute-multi-zone: credit tiers")),
        "{memory:?}"
    );
}

fn template() -> String {
    let (_, text) = bundled_files()
        .iter()
        .find(|(name, _)| *name == "generic-template.json")
        .expect("the template");
    (*text).to_owned()
}

fn errors(name: &str, text: &str) -> Vec<String> {
    Preset::from_json(name, text)
        .map(|_| Vec::new())
        .unwrap_or_else(|e| e.iter().map(ToString::to_string).collect())
}

#[test]
fn bad_files_name_the_file_and_the_json_path() {
    assert_eq!(
        errors("x.json", "{\"format\": \"sla-preset\", "),
        ["x.json: line 1, column 25, .: not valid JSON: EOF while parsing a value"]
    );
    assert_eq!(
        errors("x.json", "{\"format\": \"sla-agreements\", \"version\": 1}"),
        ["x.json: format: this is a `sla-agreements` file; expected `sla-preset`"]
    );
    assert_eq!(
        errors(
            "x.json",
            &template().replace("\"version\": 1", "\"version\": 2")
        ),
        ["x.json: version: version 2 is not known; this calculator reads version 1"]
    );
    assert_eq!(
        errors("x.json", &template().replace("\"commitment\": \"99.9\"", "\"commitment\": 99.9")),
        ["x.json: line 23, column 20, commitment: write a percentage as a string, e.g. \"99.99\""]
    );
    assert_eq!(
        errors("x.json", &template().replace("\"credit\": \"25\"", "\"credit\": \"2x5\"")),
        ["x.json: line 57, column 23, credits.tiers[1].credit: `2x5` is not a percentage: `x` at position 1 is not part of a number; use digits and one decimal point, e.g. 99.95"]
    );
    assert_eq!(
        errors("x.json", &template().replace("\"method\": \"exact\"", "\"method\": \"hourly\"")),
        ["x.json: line 25, column 22, uptime.method: unknown variant `hourly`, expected one of `minutes`, `error_rate_intervals`, `exact`"]
    );
    assert_eq!(
        errors("x.json", &template().replace("\"rounding\": \"half_up\"", "\"rounding\": \"half_up\", \"colour\": \"red\"")),
        ["x.json: line 70, column 35, credits.colour: unknown field `colour`, expected one of `basis`, `tiers`, `cap`, `minimum`, `rounding`"]
    );
}

#[test]
fn rules_between_fields_are_checked() {
    // A gap between tiers, a tier above the commitment, a method without its settings.
    let gap = template().replace("\"at_least\": \"99.0\"", "\"at_least\": \"98.0\"");
    assert_eq!(
        errors("gap.json", &gap),
        ["gap.json: credits.tiers[0].at_least: 98% leaves a gap or an overlap with the next tier, which starts below 99%"]
    );
    let above = template().replace("\"commitment\": \"99.9\"", "\"commitment\": \"99.5\"");
    assert_eq!(
        errors("above.json", &above),
        ["above.json: credits.tiers[0]: the first tier starts at 99.9%, above the commitment of 99.5%: a credit would be due while the commitment is met"]
    );
    let minutes = template().replace("\"method\": \"exact\"", "\"method\": \"minutes\"");
    assert_eq!(
        errors("minutes.json", &minutes),
        ["minutes.json: uptime.minute_counting: the minutes method needs \"any_part\" or \"whole_minute\""]
    );
    let falling = template().replace("\"credit\": \"100\"", "\"credit\": \"5\"");
    assert_eq!(
        errors("falling.json", &falling),
        ["falling.json: credits.tiers: tier 2: credits must not fall as the level falls (5% is less than the previous one)"]
    );
    let zone_rate = template()
        .replace(
            "\"method\": \"exact\"",
            "\"method\": \"error_rate_intervals\", \"interval_minutes\": 7",
        )
        .replace("\"minimum_downtime_period\": \"5m\",", "");
    assert_eq!(
        errors("rate.json", &zone_rate),
        [
            "rate.json: uptime.interval_minutes: 7 does not divide an hour into whole intervals; use 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60",
            "rate.json: uptime.unit: an error-rate definition is measured on a regional service: use \"region_service\"",
        ]
    );
}

#[test]
fn an_id_used_twice_is_refused_at_the_second_file() {
    let text = template();
    let result = read_all([("a.json", text.as_str()), ("b.json", text.as_str())]);
    assert_eq!(
        result
            .map(|_| ())
            .map_err(|e| e.iter().map(ToString::to_string).collect::<Vec<_>>()),
        Err(vec![
            "b.json: id: `generic-template` is already the id of a.json".to_string()
        ])
    );
}

#[test]
fn the_docs_describe_every_bundled_preset() {
    let docs =
        std::fs::read_to_string(crate::root().join("docs/presets.md")).expect("docs/presets.md");
    for preset in bundled().expect("valid") {
        assert!(
            docs.contains(&format!("`{}`", preset.id)),
            "docs/presets.md does not name {}",
            preset.id
        );
    }
}
