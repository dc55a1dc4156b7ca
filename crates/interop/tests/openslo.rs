//! OpenSLO: realistic files, refused ones, a multi-level export, and a
//! round trip of our own export (the round trips over every example
//! agreement file are in `round_trip.rs`).

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

#[test]
fn a_multi_level_export_imports_with_agreement_ids_unique_per_service() {
    // `sla openslo export examples/multi-level.json` as it was written when
    // its import failed with "`availability` is used twice" (reliability
    // case D8): the corporate and customer levels are written for several
    // services, and the customer level `finance` on `erp` met the service
    // level `finance-erp`.
    let imported = openslo::import(&fixture("openslo-multi-level-export.yaml")).expect("readable");
    let not_changed: Vec<_> = imported
        .notes
        .iter()
        .filter(|n| n.effect != Effect::Changed)
        .collect();
    assert_eq!(not_changed, Vec::<&openslo::Note>::new());
    let file = imported.agreement_file(&AgreementDefaults::default());
    assert_eq!(load::validate(&file), vec![]);
    let json = serde_json::to_string(&file).expect("serialisable");
    assert!(load::agreements(&json).is_ok());
    let agreements: Vec<_> = file
        .agreements
        .iter()
        .map(|a| {
            let targets: Vec<_> = a.targets.iter().map(|t| t.id.as_str()).collect();
            format!(
                "{} ({}) on {}: {}",
                a.id,
                a.name,
                a.service.as_deref().unwrap_or("-"),
                targets.join(", ")
            )
        })
        .collect();
    // Agreements written for one service keep their ids; the others get
    // one per service, and `finance` on `erp` steps aside for `finance-erp`.
    assert_eq!(
        agreements,
        [
            "corporate-mail (corporate (E-mail)) on mail: availability, p1-resolution",
            "corporate-erp (corporate (ERP)) on erp: availability, p1-resolution",
            "corporate-intranet (corporate (Intranet)) on intranet: availability, p1-resolution",
            "finance-mail (finance (E-mail)) on mail: availability",
            "finance-erp-2 (finance (ERP)) on erp: availability",
            "finance-intranet (finance (Intranet)) on intranet: availability",
            "hr-mail (hr (E-mail)) on mail: p1-response",
            "hr-intranet (hr (Intranet)) on intranet: p1-response",
            "finance-erp (finance-erp) on erp: availability, p1-resolution",
            "ops-ola (ops-ola) on erp: p1-resolution",
        ]
    );
}

#[test]
fn a_metric_annotation_that_cannot_be_read_says_why_and_the_openslo_fields_are_used() {
    let yaml = fixture("openslo-multi-level-export.yaml").replacen(
        r#"{\"type\":\"resolution_time\",\"priority\":\"P1\",\"within\":\"8h\"}"#,
        r#"{\"type\":\"resolution_time\",\"priority\":\"P1\",\"within\":\"8 fortnights\"}"#,
        1,
    );
    let imported = openslo::import(&yaml).expect("readable");
    let ignored: Vec<String> = imported
        .notes
        .iter()
        .filter(|n| n.effect == Effect::Ignored)
        .map(ToString::to_string)
        .collect();
    assert_eq!(ignored.len(), 1, "{ignored:?}");
    assert!(
        ignored[0].contains("sla-calculator/metric")
            && ignored[0]
                .contains("not a metric of this calculator (`8 fortnights` is not a duration")
            && ignored[0].contains(", column "),
        "{}",
        ignored[0]
    );
}
