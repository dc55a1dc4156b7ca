//! OpenSLO: realistic files, refused ones, and export → import round trips
//! over every example agreement file.

use std::cmp::Ordering;
use std::path::Path;

use sla_engine::model::{load, AgreementFile, Metric, PeriodKind, Target};
use sla_interop::openslo::{self, AgreementDefaults, Effect};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn example(name: &str) -> AgreementFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    load::agreements(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

#[test]
fn the_web_shop_file_maps_every_slo() {
    let imported = openslo::import(&fixture("openslo-web-shop.yaml")).expect("readable");
    let targets: Vec<_> = imported
        .targets
        .iter()
        .map(|t| {
            (
                t.target.id.as_str(),
                t.target.expected.text(),
                t.target.period,
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("checkout-availability", "99.9", PeriodKind::Month),
            (
                "catalogue-good-minutes",
                "99.5",
                PeriodKind::RollingDays(28)
            ),
            ("search-ratio", "99.5", PeriodKind::Quarter),
            (
                "checkout-latency-p95-under-300-ms",
                "300",
                PeriodKind::RollingDays(7)
            ),
            (
                "checkout-latency-p99-under-1-s",
                "1000",
                PeriodKind::RollingDays(7)
            ),
        ]
    );
    assert!(
        matches!(&imported.targets[3].target.metric, Metric::Percentile { series, percentile: 95, .. } if series == "checkout-latency-ms")
    );
    let notes: Vec<_> = imported
        .notes
        .iter()
        .map(|n| format!("{} {} {}", n.at.document, n.effect.label(), n.at.path))
        .collect();
    assert_eq!(
        notes,
        [
            "2 ignored ",
            "8 ignored ",
            "4 ignored spec.alertPolicies",
            "5 changed spec.indicator.spec.ratioMetric.bad",
            "7 changed spec.objectives[1].op",
        ]
    );
    let file = imported.agreement_file(&AgreementDefaults::default());
    assert_eq!(load::validate(&file), vec![]);
    assert_eq!(file.services[0].name, "Web shop");
    assert_eq!(file.time_zone, "Europe/Berlin");
}

#[test]
fn a_json_list_of_documents_is_read() {
    let imported = openslo::import(&fixture("openslo-list.json")).expect("readable");
    assert_eq!(imported.notes, vec![]);
    let target = &imported.targets[0].target;
    assert_eq!(
        (target.expected.text(), target.period),
        ("99.95", PeriodKind::Year)
    );
    assert_eq!(imported.targets[0].from.item, Some(2));
}

#[test]
fn refused_slos_are_listed_and_the_good_one_is_kept() {
    let imported = openslo::import(&fixture("openslo-refused.yaml")).expect("readable");
    let ids: Vec<_> = imported
        .targets
        .iter()
        .map(|t| t.target.id.as_str())
        .collect();
    assert_eq!(ids, ["good-one"]);
    let refused: Vec<_> = imported
        .notes
        .iter()
        .filter(|n| n.effect == Effect::Refused)
        .map(|n| {
            format!(
                "{} {} {}:{}",
                n.at.name,
                n.at.path,
                n.at.line.unwrap_or(0),
                n.at.column.unwrap_or(0)
            )
        })
        .collect();
    assert_eq!(
        refused,
        [
            "old-draft apiVersion 2:13",
            "percent-as-fraction spec.objectives[0].target 21:15",
            "unknown-method spec.budgetingMethod 33:20",
            "rolling-month spec.timeWindow[0].duration 45:17",
            "weekly spec.timeWindow[0].duration 59:17",
            "missing-sli spec.indicatorRef 74:17",
        ]
    );
}

#[test]
fn a_broken_file_names_the_document_line_and_column() {
    let err = openslo::import(&fixture("openslo-broken.yaml")).expect_err("broken");
    assert_eq!(err.document, 2);
    // The parser notices the unclosed `[` of line 13 where the next key starts.
    assert_eq!((err.line, err.column), (Some(14), Some(18)));
    assert!(err.message.starts_with("not valid YAML"), "{err}");
}

/// What OpenSLO can carry of a target.
fn mapped(target: &Target) -> (String, String, Metric, bool, PeriodKind) {
    let direction = target
        .direction
        .unwrap_or_else(|| target.metric.default_direction());
    (
        target.id.clone(),
        target.name.clone(),
        target.metric.clone(),
        direction == target.metric.default_direction(),
        target.period,
    )
}

#[test]
fn export_then_import_gives_back_every_target_of_every_example() {
    for name in [
        "cloud-sla.json",
        "service-based.json",
        "customer-based.json",
        "multi-level.json",
        "outsourcing.json",
        "multi-supplier.json",
        "service-desk.json",
    ] {
        let file = example(name);
        let exported = openslo::export(&file);
        let imported = openslo::import(&exported.yaml)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", exported.yaml));
        let refused: Vec<_> = imported
            .notes
            .iter()
            .filter(|n| n.effect != Effect::Changed)
            .collect();
        assert!(refused.is_empty(), "{name}: {refused:?}");
        assert!(!imported.targets.is_empty(), "{name}");
        for back in &imported.targets {
            let agreement = back.agreement.as_deref().expect("annotated");
            let original = file
                .agreements
                .iter()
                .find(|a| a.id == agreement)
                .and_then(|a| a.targets.iter().find(|t| t.id == back.target.id))
                .unwrap_or_else(|| {
                    panic!("{name}: {agreement}/{} not in the file", back.target.id)
                });
            assert_eq!(mapped(&back.target), mapped(original), "{name}");
            assert_eq!(
                back.target.expected.value().cmp(&original.expected.value()),
                Ordering::Equal,
                "{name}: {}",
                original.id
            );
        }
        let count: usize = file.agreements.iter().map(|a| a.targets.len()).sum();
        assert!(
            imported.targets.len() >= count,
            "{name}: {} of {count}",
            imported.targets.len()
        );
    }
}

#[test]
fn export_lists_what_openslo_cannot_say() {
    let exported = openslo::export(&example("outsourcing.json"));
    let paths: Vec<_> = exported.notes.iter().map(|n| n.path.as_str()).collect();
    for expected in [
        "agreements[0].credits",
        "agreements[0].targets[0].credit",
        "agreements[0].targets[0].critical",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
}

#[test]
fn native_metrics_round_trip_without_annotations() {
    let yaml = fixture("openslo-web-shop.yaml");
    let imported = openslo::import(&yaml).expect("readable");
    let file = imported.agreement_file(&AgreementDefaults::default());
    let exported = openslo::export(&file);
    assert!(
        !exported.yaml.contains("sla-calculator/metric"),
        "{}",
        exported.yaml
    );
    let again = openslo::import(&exported.yaml).expect("readable");
    let before: Vec<_> = imported.targets.iter().map(|t| mapped(&t.target)).collect();
    let after: Vec<_> = again.targets.iter().map(|t| mapped(&t.target)).collect();
    assert_eq!(before, after);
}
