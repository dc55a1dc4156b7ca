use super::*;
use sla_engine::model::load;

const SLI: &str = "
---
apiVersion: openslo/v1
kind: SLI
metadata: { name: requests }
spec:
  ratioMetric:
    counter: true
    good: { metricSource: { type: Prometheus, spec: { query: good } } }
    total: { metricSource: { type: Prometheus, spec: { query: total } } }
---
apiVersion: openslo/v1
kind: Service
metadata: { name: api, displayName: Public API }
";

/// One SLO with the given `spec` lines (indented by two), plus the `requests` SLI.
fn slo(spec: &str) -> Imported {
    let text = format!(
        "apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: api-slo\nspec:\n  service: api\n{spec}{SLI}"
    );
    import(&text).expect("readable")
}

fn refused(imported: &Imported) -> Vec<String> {
    imported
        .notes
        .iter()
        .filter(|n| n.effect == Effect::Refused)
        .map(|n| n.to_string())
        .collect()
}

const MONTHLY: &str = "  indicatorRef: requests\n  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: 2026-01-01 00:00:00, timeZone: Europe/Berlin } }]\n";

#[test]
fn an_occurrences_slo_over_calendar_months_becomes_a_monthly_occurrences_target() {
    let imported = slo(&format!(
        "{MONTHLY}  budgetingMethod: Occurrences\n  objectives: [{{ displayName: Good requests, target: 0.9995 }}]\n"
    ));
    assert_eq!(imported.notes, vec![]);
    let target = &imported.targets[0].target;
    assert_eq!(target.id, "api-slo");
    assert_eq!(target.name, "Good requests");
    assert_eq!(target.expected.text(), "99.95");
    assert_eq!(target.period, PeriodKind::Month);
    assert_eq!(
        target.metric,
        Metric::Occurrences {
            series: "requests".into()
        }
    );
    assert_eq!(imported.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(imported.targets[0].service, "api");
}

#[test]
fn timeslices_keep_the_slice_and_its_target() {
    let imported = slo(
        "  indicatorRef: requests\n  timeWindow: [{ duration: 4w, isRolling: true }]\n  budgetingMethod: Timeslices\n  objectives:\n    - targetPercent: 99.5\n      timeSliceTarget: 0.95\n      timeSliceWindow: 5m\n",
    );
    assert_eq!(refused(&imported), Vec::<String>::new());
    let target = &imported.targets[0].target;
    assert_eq!(target.period, PeriodKind::RollingDays(28));
    assert_eq!(target.expected.text(), "99.5");
    let Metric::Timeslices {
        series,
        slice,
        good_when,
    } = &target.metric
    else {
        panic!("timeslices: {:?}", target.metric)
    };
    assert_eq!(
        (series.as_str(), slice.0.nanos(), good_when.text()),
        ("requests", 300_000_000_000, "95")
    );
}

#[test]
fn ratio_timeslices_take_a_window_in_seconds() {
    let imported = slo(
        "  indicatorRef: requests\n  timeWindow: [{ duration: 1Q, isRolling: false }]\n  budgetingMethod: RatioTimeslices\n  objectives: [{ target: 0.99, timeSliceWindow: 60 }]\n",
    );
    let target = &imported.targets[0].target;
    assert_eq!(target.period, PeriodKind::Quarter);
    assert!(
        matches!(&target.metric, Metric::RatioTimeslices { slice, .. } if slice.0.nanos() == 60_000_000_000)
    );
}

#[test]
fn threshold_objectives_become_percentiles() {
    let imported = slo(
        "  indicator:\n    metadata: { name: latency-ms }\n    spec: { thresholdMetric: { metricSource: { type: Prometheus } } }\n  timeWindow: [{ duration: 7d, isRolling: true }]\n  budgetingMethod: Occurrences\n  objectives:\n    - { displayName: p95, op: lte, value: 300, target: 0.95 }\n    - { displayName: p99, op: lt, value: 1000, target: 0.99 }\n    - { displayName: throughput, op: gte, value: 20, target: 0.9 }\n",
    );
    let metrics: Vec<_> = imported
        .targets
        .iter()
        .map(|t| {
            (
                t.target.id.as_str(),
                t.target.metric.clone(),
                t.target.direction,
                t.target.expected.text().to_owned(),
            )
        })
        .collect();
    let percentile = |p| Metric::Percentile {
        series: "latency-ms".into(),
        percentile: p,
        unit: None,
    };
    assert_eq!(
        metrics,
        vec![
            ("api-slo-p95", percentile(95), None, "300".into()),
            ("api-slo-p99", percentile(99), None, "1000".into()),
            (
                "api-slo-throughput",
                percentile(10),
                Some(Direction::AtLeast),
                "20".into()
            ),
        ]
    );
    let changed: Vec<_> = imported
        .notes
        .iter()
        .filter(|n| n.effect == Effect::Changed)
        .map(|n| n.at.path.as_str())
        .collect();
    assert_eq!(changed, ["spec.objectives[1].op", "spec.objectives[2].op"]);
}

#[test]
fn a_threshold_share_that_is_not_a_whole_percentile_is_refused() {
    let imported = slo(
        "  indicator: { metadata: { name: latency }, spec: { thresholdMetric: {} } }\n  timeWindow: [{ duration: 7d, isRolling: true }]\n  budgetingMethod: Occurrences\n  objectives: [{ op: lte, value: 300, target: 0.995 }]\n",
    );
    assert!(imported.targets.is_empty());
    assert_eq!(
        refused(&imported),
        ["document 1 (SLO `api-slo`), spec.objectives[0].target, line 10, column 47: refused: a threshold objective becomes a percentile of the samples, and our percentiles are whole numbers 1–100; 99.5 is not one"]
    );
}

#[test]
fn a_target_out_of_range_is_refused_at_its_line_and_column() {
    let imported = slo(&format!(
        "{MONTHLY}  budgetingMethod: Occurrences\n  objectives:\n    - target: 99.9\n"
    ));
    assert!(imported.targets.is_empty());
    assert_eq!(
        refused(&imported),
        ["document 1 (SLO `api-slo`), spec.objectives[0].target, line 11, column 15: refused: 99.9 is out of range: `target` is a fraction above 0 and at most 1 (0.999 for 99.9 %); for percentages use `targetPercent`"]
    );
    let both = slo(&format!("{MONTHLY}  budgetingMethod: Occurrences\n  objectives: [{{ target: 0.9, targetPercent: 90 }}]\n"));
    assert!(refused(&both)[0].contains("not both"), "{:?}", both.notes);
    let negative = slo(&format!(
        "{MONTHLY}  budgetingMethod: Occurrences\n  objectives: [{{ target: -0.5 }}]\n"
    ));
    assert!(
        refused(&negative)[0].contains("negative"),
        "{:?}",
        negative.notes
    );
}

#[test]
fn an_unknown_budgeting_method_refuses_the_slo() {
    let imported = slo(&format!(
        "{MONTHLY}  budgetingMethod: Percentile\n  objectives: [{{ target: 0.9 }}]\n"
    ));
    assert_eq!(
        refused(&imported),
        ["document 1 (SLO `api-slo`), spec.budgetingMethod, line 9, column 20: refused: `Percentile` is not an OpenSLO v1 budgeting method (Occurrences, Timeslices, RatioTimeslices)"]
    );
}

#[test]
fn windows_that_are_not_our_periods_are_refused_with_advice() {
    let window = |w: &str| {
        let imported = slo(&format!(
            "  indicatorRef: requests\n  timeWindow: [{w}]\n  budgetingMethod: Occurrences\n  objectives: [{{ target: 0.99 }}]\n"
        ));
        match imported.targets.first() {
            Some(t) => Ok(t.target.period),
            None => Err(refused(&imported).join("; ")),
        }
    };
    assert_eq!(
        window("{ duration: 2w, isRolling: true }"),
        Ok(PeriodKind::RollingDays(14))
    );
    assert_eq!(
        window("{ duration: 48h, isRolling: true }"),
        Ok(PeriodKind::RollingDays(2))
    );
    assert_eq!(
        window("{ duration: 1Y, isRolling: false }"),
        Ok(PeriodKind::Year)
    );
    assert_eq!(
        window("{ duration: 12M, isRolling: false }"),
        Ok(PeriodKind::Year)
    );
    assert!(window("{ duration: 36h, isRolling: true }")
        .is_err_and(|e| e.contains("whole number of days")));
    assert!(
        window("{ duration: 1M, isRolling: true }").is_err_and(|e| e.contains("no fixed length"))
    );
    assert!(window("{ duration: 1w, isRolling: false }")
        .is_err_and(|e| e.contains("not one of our periods")));
    assert!(window("{ duration: 2M, isRolling: false }").is_err_and(|e| e.contains("1M, 1Q or 1Y")));
    assert!(
        window("{ duration: soon, isRolling: true }").is_err_and(|e| e.contains("not a duration"))
    );
}

#[test]
fn window_details_we_change_are_listed() {
    let imported = slo(
        "  indicatorRef: requests\n  timeWindow:\n    - duration: 1M\n      calendar: { startTime: 2022-01-01 12:00:00, timeZone: America/New_York }\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.98 }]\n",
    );
    assert_eq!(imported.targets[0].target.period, PeriodKind::Month);
    let paths: Vec<_> = imported
        .notes
        .iter()
        .map(|n| (n.effect, n.at.path.as_str()))
        .collect();
    assert_eq!(
        paths,
        [
            (Effect::Changed, "spec.timeWindow[0].isRolling"),
            (Effect::Changed, "spec.timeWindow[0].calendar.startTime"),
        ]
    );
    assert_eq!(imported.time_zone.as_deref(), Some("America/New_York"));
}

#[test]
fn a_second_time_zone_is_listed_and_not_used() {
    let text = format!(
        "{a}---\n{b}{SLI}",
        a = "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: a }\nspec:\n  service: api\n  indicatorRef: requests\n  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: 2026-01-01 00:00:00, timeZone: Europe/Berlin } }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99 }]\n",
        b = "apiVersion: openslo/v1\nkind: SLO\nmetadata: { name: b }\nspec:\n  service: api\n  indicatorRef: requests\n  timeWindow: [{ duration: 1M, isRolling: false, calendar: { startTime: 2026-01-01 00:00:00, timeZone: Asia/Tokyo } }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.99 }]\n",
    );
    let imported = import(&text).expect("readable");
    assert_eq!(imported.targets.len(), 2);
    assert_eq!(imported.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(imported.notes.len(), 1);
    assert!(imported.notes[0]
        .to_string()
        .starts_with("document 2 (SLO `b`), spec.timeWindow[0].calendar.timeZone"));
}

#[test]
fn a_wrong_api_version_refuses_that_document_only() {
    let text = format!(
        "apiVersion: openslo/v2\nkind: SLO\nmetadata: {{ name: future }}\nspec: {{}}\n---\napiVersion: openslo/v1\nkind: SLO\nmetadata: {{ name: ok }}\nspec:\n  service: api\n{MONTHLY}  budgetingMethod: Occurrences\n  objectives: [{{ target: 0.99 }}]\n{SLI}"
    );
    let imported = import(&text).expect("readable");
    assert_eq!(imported.targets.len(), 1);
    assert_eq!(
        refused(&imported),
        ["document 1 (SLO `future`), apiVersion, line 1, column 13: refused: `openslo/v2` is not OpenSLO v1; write `apiVersion: openslo/v1`"]
    );
}

#[test]
fn broken_yaml_is_an_error_with_document_line_and_column() {
    let err = import("apiVersion: openslo/v1\nkind: Service\nmetadata: { name: a }\n---\nkind: SLO\nspec:\n  objectives: [ { target: 0.9 }\n  service: x\n").expect_err("broken");
    assert_eq!(err.document, 2);
    assert!(err.line.is_some_and(|l| l >= 7), "{err}");
    assert!(err.to_string().starts_with("document 2, line "), "{err}");
    let empty = import("# nothing here\n").expect_err("empty");
    assert!(empty.message.contains("no OpenSLO document"));
}

#[test]
fn a_missing_sli_or_a_timeslice_threshold_is_refused() {
    let missing = slo("  indicatorRef: nope\n  timeWindow: [{ duration: 7d, isRolling: true }]\n  budgetingMethod: Occurrences\n  objectives: [{ target: 0.9 }]\n");
    assert!(refused(&missing)[0].contains("no SLI document named `nope`"));
    let threshold = slo("  indicator: { metadata: { name: cpu }, spec: { thresholdMetric: {} } }\n  timeWindow: [{ duration: 7d, isRolling: true }]\n  budgetingMethod: Timeslices\n  objectives: [{ op: lte, value: 80, target: 0.9, timeSliceTarget: 0.9, timeSliceWindow: 1m }]\n");
    assert!(
        refused(&threshold)[0].contains("no equivalent"),
        "{:?}",
        threshold.notes
    );
}

#[test]
fn alerting_and_unknown_fields_are_ignored_with_a_note() {
    let imported = slo(&format!(
        "{MONTHLY}  budgetingMethod: Occurrences\n  alertPolicies: [fast-burn]\n  owner: team-a\n  objectives: [{{ target: 0.99, weight: 2 }}]\n"
    ));
    assert_eq!(imported.targets.len(), 1);
    let ignored: Vec<_> = imported
        .notes
        .iter()
        .filter(|n| n.effect == Effect::Ignored)
        .map(|n| n.at.path.as_str())
        .collect();
    assert_eq!(
        ignored,
        [
            "spec.alertPolicies",
            "spec.owner",
            "spec.objectives[0].weight"
        ]
    );
}

#[test]
fn several_objectives_get_distinct_ids_and_a_whole_file_validates() {
    let imported = slo(&format!(
        "{MONTHLY}  budgetingMethod: Occurrences\n  objectives:\n    - {{ displayName: Gold, target: 0.999 }}\n    - {{ displayName: Gold, target: 0.99 }}\n"
    ));
    let ids: Vec<_> = imported
        .targets
        .iter()
        .map(|t| t.target.id.as_str())
        .collect();
    assert_eq!(ids, ["api-slo-gold", "api-slo-gold-2"]);
    let file = imported.agreement_file(&AgreementDefaults::default());
    assert_eq!(load::validate(&file), vec![]);
    assert_eq!(file.time_zone, "Europe/Berlin");
    assert_eq!(file.agreements[0].id, "api-slos");
    assert_eq!(file.services[0].id, "api");
}

/// An SLO document for `service` with our annotations (none when `agreement` is empty).
fn annotated(name: &str, agreement: &str, target: &str, service: &str) -> String {
    let annotations = if agreement.is_empty() {
        String::new()
    } else {
        format!("  annotations: {{ sla-calculator/agreement: {agreement}, sla-calculator/target: {target} }}\n")
    };
    format!("---\napiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: {name}\n{annotations}spec:\n  service: {service}\n  budgetingMethod: Occurrences\n{MONTHLY}  objectives: [{{ target: 0.999 }}]\n")
}

#[test]
fn agreement_ids_are_unique_and_one_service_agreements_keep_theirs() {
    let text = [
        // Split over two services: one agreement each.
        annotated(
            "corporate-availability-mail",
            "corporate",
            "availability",
            "mail",
        ),
        annotated(
            "corporate-availability-api",
            "corporate",
            "availability",
            "api",
        ),
        // `corporate-api` is also the id of an agreement for one service: it keeps it.
        annotated(
            "corporate-api-availability",
            "corporate-api",
            "availability",
            "api",
        ),
        // Another tool's SLO, and an agreement whose id is the one made up for it.
        annotated("api-latency", "", "", "api"),
        annotated("api-slos-availability", "api-slos", "availability", "api"),
        SLI.to_owned(),
    ]
    .concat();
    let imported = import(&text).expect("readable");
    assert_eq!(
        imported.agreement_ids(),
        [
            "corporate-mail",
            "corporate-api-2",
            "corporate-api",
            "api-slos-2",
            "api-slos"
        ]
    );
    let file = imported.agreement_file(&AgreementDefaults::default());
    assert_eq!(load::validate(&file), vec![]);
    let names: Vec<_> = file.agreements.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "corporate (mail)",
            "corporate (Public API)",
            "corporate-api",
            "Public API SLOs",
            "api-slos"
        ]
    );
}
