//! Our agreement file → OpenSLO v1 documents: a `Service` per service and
//! an `SLO` (with its SLI inline) per target and service, plus the list of
//! what OpenSLO cannot say.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sla_engine::model::{
    Agreement, AgreementFile, AgreementKind, Direction, Metric, PeriodKind, Structure, Target,
};
use sla_engine::TimeSpan;

use super::{dns_label, ANNOTATION_PREFIX, API_VERSION};
use crate::decimal::Decimal;

/// The `calendar.startTime` of exported calendar windows: any instant at
/// 00:00 on 1 January lines OpenSLO's windows up with our calendar months,
/// quarters and years (cut in the file's `time_zone`).
pub const CALENDAR_ANCHOR: &str = "2000-01-01 00:00:00";

/// An exported file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exported {
    /// The OpenSLO v1 documents, YAML, separated by `---`.
    pub yaml: String,
    /// How many documents (Services and SLOs).
    pub documents: usize,
    /// What the agreement file has that OpenSLO cannot say, or says only
    /// approximately.
    pub notes: Vec<ExportNote>,
}

/// Something of the agreement file that the OpenSLO documents lose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportNote {
    /// The JSON path in the agreement file: `agreements[0].targets[1].credit`.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ExportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A YAML value to write.
enum Out {
    /// Written in double quotes (JSON escaping is valid YAML).
    Str(String),
    /// Written as it is: numbers and booleans.
    Plain(String),
    Map(Vec<(String, Out)>),
    Seq(Vec<Out>),
}

fn s(text: impl Into<String>) -> Out {
    Out::Str(text.into())
}

fn map(entries: Vec<(&str, Out)>) -> Out {
    Out::Map(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

fn key_text(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
    {
        key.to_owned()
    } else {
        quoted(key)
    }
}

/// Plain when nothing in YAML could read it as anything but this text.
fn scalar(text: &str) -> String {
    let plain = text.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"]
            .contains(&text.to_ascii_lowercase().as_str());
    if plain {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

fn render(out: &mut String, node: &Out, indent: usize) {
    let pad = " ".repeat(indent);
    match node {
        Out::Map(entries) => {
            for (key, value) in entries {
                let _ = write!(out, "{pad}{}:", key_text(key));
                match value {
                    Out::Str(text) => {
                        let _ = writeln!(out, " {}", scalar(text));
                    }
                    Out::Plain(text) => {
                        let _ = writeln!(out, " {text}");
                    }
                    Out::Map(inner) if inner.is_empty() => out.push_str(" {}\n"),
                    Out::Seq(inner) if inner.is_empty() => out.push_str(" []\n"),
                    Out::Map(_) | Out::Seq(_) => {
                        out.push('\n');
                        render(out, value, indent + 2);
                    }
                }
            }
        }
        Out::Seq(items) => {
            for item in items {
                match item {
                    Out::Str(text) => {
                        let _ = writeln!(out, "{pad}- {}", scalar(text));
                    }
                    Out::Plain(text) => {
                        let _ = writeln!(out, "{pad}- {text}");
                    }
                    _ => {
                        let mut inner = String::new();
                        render(&mut inner, item, indent + 2);
                        let rest = inner.get(indent + 2..).unwrap_or("");
                        let _ = write!(out, "{pad}- {rest}");
                    }
                }
            }
        }
        Out::Str(text) => {
            let _ = writeln!(out, "{pad}{}", scalar(text));
        }
        Out::Plain(text) => {
            let _ = writeln!(out, "{pad}{text}");
        }
    }
}

/// A percentage level (`99.95`) as a fraction (`0.9995`).
fn fraction(percent: &str) -> Option<String> {
    Decimal::parse(percent).ok()?.shifted(-2).map(Decimal::text)
}

/// A slice length as a duration shorthand (`5m`); `None` below whole seconds.
fn shorthand(span: TimeSpan) -> Option<String> {
    let nanos = span.nanos();
    if nanos <= 0 || nanos % 1_000_000_000 != 0 {
        return None;
    }
    let seconds = nanos / 1_000_000_000;
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60)] {
        if seconds % size == 0 {
            return Some(format!("{}{unit}", seconds / size));
        }
    }
    Some(format!("{seconds}s"))
}

/// Writes the targets of an agreement file as OpenSLO v1 documents.
///
/// Each target becomes one SLO per service it applies to (one for a
/// service-based SLA, OLA or UC; one per service of the customer or of the
/// file for customer-based and corporate-level agreements), with its SLI
/// inline. Metrics OpenSLO has (occurrences, time slices, percentiles) are
/// written as OpenSLO says them; the others (availability from outages,
/// ticket times, MTTR, means, maxima, manual values) get a placeholder
/// indicator and `sla-calculator/…` annotations so that [`super::import()`]
/// restores them. Every loss is an [`ExportNote`].
///
/// Names are unique in the file, as OpenSLO requires: an SLO is
/// `<agreement id>-<target id>`, with `-<service id>` when the target is
/// written for several services (`corporate-availability-erp`), and `-2`,
/// `-3`… when a name is taken; a `Service` is its id as a label. The import
/// does not read the names back but our ids from the annotations, so the
/// same target id in several agreements (multi-level) is no clash.
///
/// # Example
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/service-based.json")).unwrap();
/// let file: sla_engine::model::AgreementFile = serde_json::from_str(&text).unwrap();
/// let exported = sla_interop::openslo::export(&file);
/// assert!(exported.yaml.contains("kind: SLO"));
/// assert!(exported.notes.iter().any(|n| n.path.ends_with(".credit")));
/// ```
pub fn export(file: &AgreementFile) -> Exported {
    let mut notes = Vec::new();
    let mut note = |path: String, message: String| notes.push(ExportNote { path, message });
    file_notes(file, &mut note);
    let mut service_names: HashMap<&str, String> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for service in &file.services {
        let mut name = dns_label(&service.id);
        let base = name.clone();
        let mut n = 2;
        while !taken.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        service_names.insert(&service.id, name);
    }
    let mut slos: Vec<Out> = Vec::new();
    let mut used_services: Vec<String> = Vec::new();
    let mut slo_names: HashSet<String> = HashSet::new();
    for (a, agreement) in file.agreements.iter().enumerate() {
        agreement_notes(agreement, a, &mut note);
        for (t, target) in agreement.targets.iter().enumerate() {
            let path = format!("agreements[{a}].targets[{t}]");
            target_notes(target, &path, &mut note);
            let services = services_of(file, agreement, target);
            if services.len() > 1 {
                let how = if agreement.structure == Some(Structure::CustomerBased)
                    && target.metric.service().is_none()
                {
                    "is measured over the customer's combined service time; OpenSLO names one service per SLO, so each service gets an SLO judged alone"
                } else {
                    "applies to several services; one SLO per service"
                };
                note(
                    path.clone(),
                    format!("`{}` {how} ({})", target.id, services.join(", ")),
                );
            }
            if services.is_empty() {
                note(
                    path.clone(),
                    format!(
                        "`{}` applies to no service (no customer uses it): not exported",
                        target.id
                    ),
                );
            }
            for service in &services {
                let mut name = dns_label(&format!("{}-{}", agreement.id, target.id));
                if services.len() > 1 {
                    name = dns_label(&format!("{name}-{service}"));
                }
                let base = name.clone();
                let mut n = 2;
                while !slo_names.insert(name.clone()) {
                    name = dns_label(&format!("{base}-{n}"));
                    n += 1;
                }
                if !used_services.contains(service) {
                    used_services.push(service.clone());
                }
                let service_name = service_names
                    .get(service.as_str())
                    .cloned()
                    .unwrap_or_else(|| dns_label(service));
                slos.push(slo(
                    file,
                    agreement,
                    target,
                    &name,
                    &service_name,
                    &path,
                    &mut note,
                ));
            }
        }
    }
    let mut yaml = format!(
        "# OpenSLO v1 documents exported by the SLA calculator from {}.\n# `sla-calculator/…` annotations keep what OpenSLO cannot say; other tools ignore them.\n",
        quoted(&file.name)
    );
    let mut documents = 0;
    for service in file
        .services
        .iter()
        .filter(|s| used_services.contains(&s.id))
    {
        let name = service_names
            .get(service.id.as_str())
            .cloned()
            .unwrap_or_default();
        let mut metadata = vec![
            ("name", s(name.clone())),
            ("displayName", s(service.name.clone())),
        ];
        if name != service.id {
            metadata.push((
                "annotations",
                Out::Map(vec![(
                    format!("{ANNOTATION_PREFIX}id"),
                    s(service.id.clone()),
                )]),
            ));
        }
        let document = map(vec![
            ("apiVersion", s(API_VERSION)),
            ("kind", s("Service")),
            ("metadata", map(metadata)),
            ("spec", map(vec![("description", s(service.name.clone()))])),
        ]);
        yaml.push_str("---\n");
        render(&mut yaml, &document, 0);
        documents += 1;
    }
    for document in &slos {
        yaml.push_str("---\n");
        render(&mut yaml, document, 0);
        documents += 1;
    }
    Exported {
        yaml,
        documents,
        notes,
    }
}

/// The services a target applies to.
fn services_of(file: &AgreementFile, agreement: &Agreement, target: &Target) -> Vec<String> {
    if let Some(service) = target.metric.service() {
        return vec![service.to_owned()];
    }
    if let Some(service) = &agreement.service {
        return vec![service.clone()];
    }
    if let Some(customer) = &agreement.customer {
        return file
            .customers
            .iter()
            .find(|c| &c.id == customer)
            .map(|c| c.services.clone())
            .unwrap_or_default();
    }
    file.services.iter().map(|s| s.id.clone()).collect()
}

/// One SLO document.
fn slo(
    file: &AgreementFile,
    agreement: &Agreement,
    target: &Target,
    name: &str,
    service: &str,
    path: &str,
    note: &mut impl FnMut(String, String),
) -> Out {
    let direction = target
        .direction
        .unwrap_or_else(|| target.metric.default_direction());
    let mut annotations = vec![
        (
            format!("{ANNOTATION_PREFIX}agreement"),
            s(agreement.id.clone()),
        ),
        (format!("{ANNOTATION_PREFIX}target"), s(target.id.clone())),
    ];
    let sli_name = |series: &str, annotations: &mut Vec<(String, Out)>| {
        let label = dns_label(series);
        if label != series {
            annotations.push((format!("{ANNOTATION_PREFIX}series"), s(series)));
        }
        label
    };
    let ratio_sli = |name: String, what: &str| {
        map(vec![
            ("metadata", map(vec![("name", s(name))])),
            (
                "spec",
                map(vec![(
                    "ratioMetric",
                    map(vec![
                        ("counter", Out::Plain("false".into())),
                        ("good", source(&format!("{what}: good"))),
                        ("total", source(&format!("{what}: total"))),
                    ]),
                )]),
            ),
        ])
    };
    let expected = target.expected.text().to_owned();
    let as_fraction = fraction(&expected).filter(|f| {
        Decimal::parse(f).is_ok_and(|d| d <= Decimal::whole(1) && d > Decimal::whole(0))
    });
    let mut objective = vec![("displayName", s(target.name.clone()))];
    let (method, indicator) = match (&target.metric, direction, &as_fraction) {
        (Metric::Occurrences { series }, Direction::AtLeast, Some(f)) => {
            objective.push(("target", Out::Plain(f.clone())));
            let sli = sli_name(series, &mut annotations);
            (
                "Occurrences",
                ratio_sli(sli, &format!("events of series {series}")),
            )
        }
        (
            Metric::Timeslices {
                series,
                slice,
                good_when,
            },
            Direction::AtLeast,
            Some(f),
        ) if shorthand(slice.0).is_some() && fraction(good_when.text()).is_some() => {
            objective.push(("target", Out::Plain(f.clone())));
            objective.push((
                "timeSliceTarget",
                Out::Plain(fraction(good_when.text()).unwrap_or_default()),
            ));
            objective.push(("timeSliceWindow", s(shorthand(slice.0).unwrap_or_default())));
            let sli = sli_name(series, &mut annotations);
            (
                "Timeslices",
                ratio_sli(sli, &format!("events of series {series}")),
            )
        }
        (Metric::RatioTimeslices { series, slice }, Direction::AtLeast, Some(f))
            if shorthand(slice.0).is_some() =>
        {
            objective.push(("target", Out::Plain(f.clone())));
            objective.push(("timeSliceWindow", s(shorthand(slice.0).unwrap_or_default())));
            let sli = sli_name(series, &mut annotations);
            (
                "RatioTimeslices",
                ratio_sli(sli, &format!("events of series {series}")),
            )
        }
        (
            Metric::Percentile {
                series,
                percentile,
                unit,
            },
            _,
            _,
        ) if (1..=100).contains(percentile)
            && !(direction == Direction::AtLeast && *percentile == 100) =>
        {
            let (op, share) = match direction {
                Direction::AtMost => ("lte", u64::from(*percentile)),
                Direction::AtLeast => {
                    note(
                        format!("{path}.metric"),
                        format!("p{percentile} ≥ {expected} is written as \"{} % of samples ≥ {expected}\"; by nearest rank the two can differ by one sample", 100 - u64::from(*percentile)),
                    );
                    ("gte", 100 - u64::from(*percentile))
                }
            };
            if let Some(unit) = unit {
                annotations.push((format!("{ANNOTATION_PREFIX}unit"), s(unit.clone())));
            }
            objective.push(("op", s(op)));
            objective.push(("value", Out::Plain(expected.clone())));
            objective.push((
                "target",
                Out::Plain(
                    Decimal::whole(share)
                        .shifted(-2)
                        .map(Decimal::text)
                        .unwrap_or_default(),
                ),
            ));
            let sli = sli_name(series, &mut annotations);
            let indicator = map(vec![
                ("metadata", map(vec![("name", s(sli))])),
                (
                    "spec",
                    map(vec![(
                        "thresholdMetric",
                        map(vec![(
                            "metricSource",
                            source_spec(&format!("samples of series {series}")),
                        )]),
                    )]),
                ),
            ]);
            ("Occurrences", indicator)
        }
        (metric, _, _) => {
            // No OpenSLO equivalent: a placeholder, and our metric in annotations.
            annotations.push((
                format!("{ANNOTATION_PREFIX}metric"),
                s(serde_json::to_string(metric).unwrap_or_default()),
            ));
            annotations.push((format!("{ANNOTATION_PREFIX}expected"), s(expected.clone())));
            if target.direction.is_some() {
                annotations.push((
                    format!("{ANNOTATION_PREFIX}direction"),
                    s(match direction {
                        Direction::AtLeast => "at_least",
                        Direction::AtMost => "at_most",
                    }),
                ));
            }
            let what = metric.label();
            note(
                format!("{path}.metric"),
                format!("{what} has no OpenSLO equivalent: written with a placeholder indicator (metricSource type `sla-calculator`) and annotations that this calculator reads back; other tools cannot evaluate it"),
            );
            let is_share = metric.unit() == "%";
            let method = if matches!(metric, Metric::Availability { .. }) {
                "Timeslices"
            } else {
                "Occurrences"
            };
            match (&as_fraction, is_share) {
                (Some(f), true) => objective.push(("target", Out::Plain(f.clone()))),
                _ => {
                    objective.push((
                        "op",
                        s(if direction == Direction::AtMost {
                            "lte"
                        } else {
                            "gte"
                        }),
                    ));
                    objective.push(("value", Out::Plain(expected.clone())));
                    objective.push(("target", Out::Plain("1".into())));
                }
            }
            if method == "Timeslices" {
                objective.push(("timeSliceTarget", Out::Plain("1".into())));
                objective.push(("timeSliceWindow", s("1m")));
            }
            let sli = dns_label(&format!("{name}-sli"));
            let indicator = if is_share && as_fraction.is_some() {
                ratio_sli(sli, &what)
            } else {
                map(vec![
                    ("metadata", map(vec![("name", s(sli))])),
                    (
                        "spec",
                        map(vec![(
                            "thresholdMetric",
                            map(vec![("metricSource", source_spec(&what))]),
                        )]),
                    ),
                ])
            };
            (method, indicator)
        }
    };
    let window = match target.period {
        PeriodKind::Month | PeriodKind::Quarter | PeriodKind::Year => map(vec![
            (
                "duration",
                s(match target.period {
                    PeriodKind::Quarter => "1Q",
                    PeriodKind::Year => "1Y",
                    _ => "1M",
                }),
            ),
            (
                "calendar",
                map(vec![
                    ("startTime", s(CALENDAR_ANCHOR)),
                    ("timeZone", s(file.time_zone.clone())),
                ]),
            ),
            ("isRolling", Out::Plain("false".into())),
        ]),
        PeriodKind::RollingDays(days) => map(vec![
            ("duration", s(format!("{days}d"))),
            ("isRolling", Out::Plain("true".into())),
        ]),
    };
    map(vec![
        ("apiVersion", s(API_VERSION)),
        ("kind", s("SLO")),
        (
            "metadata",
            map(vec![
                ("name", s(name)),
                ("displayName", s(target.name.clone())),
                ("annotations", Out::Map(annotations)),
            ]),
        ),
        (
            "spec",
            map(vec![
                (
                    "description",
                    s(format!(
                        "{}: {} ({})",
                        agreement.name,
                        target.name,
                        target.metric.label()
                    )),
                ),
                ("service", s(service)),
                ("indicator", indicator),
                ("timeWindow", Out::Seq(vec![window])),
                ("budgetingMethod", s(method)),
                ("objectives", Out::Seq(vec![map(objective)])),
            ]),
        ),
    ])
}

fn source_spec(what: &str) -> Out {
    map(vec![
        ("type", s("sla-calculator")),
        ("spec", map(vec![("measures", s(what))])),
    ])
}

fn source(what: &str) -> Out {
    map(vec![("metricSource", source_spec(what))])
}

fn file_notes(file: &AgreementFile, note: &mut impl FnMut(String, String)) {
    if !file.calendars.is_empty() {
        note(
            "calendars".into(),
            "service hours, holidays and exclusions: OpenSLO time windows are always 24x7 (the .ics export writes holidays and exclusions)".into(),
        );
    }
    if !file.customers.is_empty() {
        note(
            "customers".into(),
            "customers and which services they use: OpenSLO has no customers".into(),
        );
    }
    if !file.suppliers.is_empty() {
        note(
            "suppliers".into(),
            "suppliers (OLA and UC partners): OpenSLO has no parties".into(),
        );
    }
    for (i, service) in file.services.iter().enumerate() {
        if service.monthly_charge.is_some() {
            note(
                format!("services[{i}].monthly_charge"),
                "monthly charges: OpenSLO has no money".into(),
            );
        }
        if !service.requirements.is_empty() {
            note(
                format!("services[{i}].requirements"),
                "service level requirements (what the customer asked for): OpenSLO has objectives only, not what was asked".into(),
            );
        }
        if service.dependencies.is_some() {
            note(
                format!("services[{i}].dependencies"),
                "what the service depends on (serial, parallel, k of n): OpenSLO has no dependencies between services".into(),
            );
        }
    }
}

fn agreement_notes(agreement: &Agreement, a: usize, note: &mut impl FnMut(String, String)) {
    let path = format!("agreements[{a}]");
    if agreement.kind != AgreementKind::Sla {
        note(
            format!("{path}.kind"),
            format!("{} with a supplier: OpenSLO has no agreement kinds or parties (the SLOs are written for the service)", agreement.kind.label()),
        );
    }
    if matches!(agreement.structure, Some(Structure::MultiLevel)) {
        note(format!("{path}.level"), "multi-level inheritance: each target is written where it is defined, not per (customer, service) pair".into());
    }
    if agreement.monthly_charge.is_some() {
        note(
            format!("{path}.monthly_charge"),
            "monthly charges: OpenSLO has no money".into(),
        );
    }
    if agreement.credits.is_some() {
        note(format!("{path}.credits"), "credit terms (caps, at-risk pool, earn-back, repeat misses, rounding): OpenSLO has no service credits".into());
    }
    if !agreement.termination.is_empty() {
        note(
            format!("{path}.termination"),
            "termination rights: OpenSLO has no contract terms".into(),
        );
    }
}

fn target_notes(target: &Target, path: &str, note: &mut impl FnMut(String, String)) {
    if target.minimum.is_some() {
        note(
            format!("{path}.minimum"),
            "a minimum level (status \"below minimum\"): OpenSLO has one target per objective"
                .into(),
        );
    }
    if let Some(calendar) = &target.calendar {
        note(
            format!("{path}.calendar"),
            format!(
                "measured in the service hours of calendar `{calendar}`: OpenSLO windows are 24x7"
            ),
        );
    }
    if target.credit.is_some() {
        note(
            format!("{path}.credit"),
            "service credit: OpenSLO has no service credits".into(),
        );
    }
    if target.cap.is_some() {
        note(
            format!("{path}.cap"),
            "credit cap: OpenSLO has no service credits".into(),
        );
    }
    if target.critical {
        note(
            format!("{path}.critical"),
            "critical service level: OpenSLO has no such flag".into(),
        );
    }
    if !target.excluded_periods.is_empty() {
        note(
            format!("{path}.excluded_periods"),
            "excluded periods: OpenSLO has no exceptions to a window".into(),
        );
    }
    if !target.supports.is_empty() {
        note(
            format!("{path}.supports"),
            "the SLA targets this one underpins: OpenSLO has no links between SLOs".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_lengths_become_shorthands() {
        let span = |s: i64| TimeSpan::from_nanos(s * 1_000_000_000).expect("span");
        assert_eq!(shorthand(span(60)).as_deref(), Some("1m"));
        assert_eq!(shorthand(span(90)).as_deref(), Some("90s"));
        assert_eq!(shorthand(span(7_200)).as_deref(), Some("2h"));
        assert_eq!(shorthand(span(86_400)).as_deref(), Some("1d"));
        assert_eq!(
            shorthand(TimeSpan::from_nanos(1_500_000_000).expect("span")),
            None
        );
    }

    #[test]
    fn nested_values_are_indented_as_yaml() {
        let doc = map(vec![
            ("a", s("x")),
            (
                "list",
                Out::Seq(vec![map(vec![
                    ("k", Out::Plain("1".into())),
                    ("m", map(vec![("n", s("1M"))])),
                ])]),
            ),
        ]);
        let mut out = String::new();
        render(&mut out, &doc, 0);
        assert_eq!(out, "a: x\nlist:\n  - k: 1\n    m:\n      n: \"1M\"\n");
    }
}
