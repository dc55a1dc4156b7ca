//! OpenSLO v1 documents → our targets (see the module docs of
//! [`super`] and `docs/interop.md` for the mapping table).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, Timelike};
use serde::{Deserialize, Serialize};
use sla_engine::model::{
    Agreement, AgreementFile, AgreementKind, Direction, Duration, Level, Metric, Party, PeriodKind,
    Service, Structure, Target, AGREEMENT_FORMAT, FORMAT_VERSION,
};
use sla_engine::time::Zone;
use sla_engine::TimeSpan;
use thiserror::Error;

use super::{dns_label, Effect, Location, Note, ANNOTATION_PREFIX, API_VERSION};
use crate::decimal::Decimal;
use crate::yaml::{self, Node, Position, Value, YamlError};

/// A file that could not be read at all: not YAML or JSON, too large, or
/// without a single OpenSLO document. Problems inside documents are
/// [`Note`]s instead, and the rest of the file is still used.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[error("{}", describe(*.document, *.line, *.column, .message))]
pub struct ImportError {
    /// The YAML document, from 1.
    pub document: usize,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn describe(document: usize, line: Option<usize>, column: Option<usize>, message: &str) -> String {
    match (line, column) {
        (Some(line), Some(column)) => {
            format!("document {document}, line {line}, column {column}: {message}")
        }
        _ => format!("document {document}: {message}"),
    }
}

impl From<YamlError> for ImportError {
    fn from(e: YamlError) -> ImportError {
        ImportError {
            document: e.document,
            line: e.at.map(|a| a.line),
            column: e.at.map(|a| a.column),
            message: e.message,
        }
    }
}

/// What an OpenSLO file gave.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Imported {
    /// The `Service` documents, and services that SLOs name without one.
    pub services: Vec<Service>,
    /// One target per SLO objective that could be mapped, in file order.
    pub targets: Vec<ImportedTarget>,
    /// The zone of the first calendar-aligned window (`calendar.timeZone`).
    pub time_zone: Option<String>,
    /// Everything not taken over as it is, in file order.
    pub notes: Vec<Note>,
}

/// One of our targets made from an SLO objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedTarget {
    /// The id of the service (`spec.service`).
    pub service: String,
    /// The agreement the target came from, when the file was written by
    /// this calculator (annotation `sla-calculator/agreement`).
    pub agreement: Option<String>,
    pub target: Target,
    /// The SLO document and objective it was made from.
    pub from: Location,
}

/// What an agreement file needs that OpenSLO does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementDefaults {
    pub name: String,
    pub provider: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Used when no SLO has a calendar window with a time zone.
    pub time_zone: String,
}

impl Default for AgreementDefaults {
    fn default() -> AgreementDefaults {
        AgreementDefaults {
            name: "Imported from OpenSLO".into(),
            provider: "Provider".into(),
            currency: "EUR".into(),
            time_zone: "UTC".into(),
        }
    }
}

impl ImportedTarget {
    /// The agreement of `agreement_file` this target belongs to, before
    /// ids are made unique: the annotated agreement, or one per service.
    fn group(&self) -> (Option<&str>, &str) {
        (self.agreement.as_deref(), self.service.as_str())
    }
}

impl Imported {
    /// The id of the agreement that each target goes to in
    /// [`Imported::agreement_file`], in the order of [`Imported::targets`].
    ///
    /// An agreement file holds one service-based SLA per service, so:
    ///
    /// - an agreement named in this calculator's annotations
    ///   (`sla-calculator/agreement`) whose SLOs all name one service keeps
    ///   its id (a service-based SLA, an OLA, a UC, a service level);
    /// - one whose SLOs name several services (a corporate or customer
    ///   level, a customer-based SLA: the export writes an SLO per service)
    ///   becomes one agreement per service, `<agreement>-<service>`;
    /// - SLOs without the annotation (from other tools) go to
    ///   `<service>-slos`.
    ///
    /// An id that another agreement of the file already has gets `-2`,
    /// `-3`…: a customer level `finance` split over `erp` becomes
    /// `finance-erp-2` when the file also has the service level
    /// `finance-erp`, which keeps its own id.
    ///
    /// # Example
    /// ```
    /// let slo = |name: &str, agreement: &str, service: &str| format!("
    /// apiVersion: openslo/v1
    /// kind: SLO
    /// metadata:
    ///   name: {name}
    ///   annotations: {{ sla-calculator/agreement: {agreement}, sla-calculator/target: availability }}
    /// spec:
    ///   service: {service}
    ///   indicatorRef: requests
    ///   budgetingMethod: Occurrences
    ///   timeWindow: [{{ duration: 1M, isRolling: false }}]
    ///   objectives: [{{ target: 0.999 }}]
    /// ");
    /// let sli = "
    /// apiVersion: openslo/v1
    /// kind: SLI
    /// metadata: { name: requests }
    /// spec:
    ///   ratioMetric:
    ///     good: { metricSource: { type: Prometheus, spec: { query: ok } } }
    ///     total: { metricSource: { type: Prometheus, spec: { query: all } } }
    /// ";
    /// let file = [
    ///     sli.to_owned(),
    ///     slo("corporate-availability-mail", "corporate", "mail"),
    ///     slo("corporate-availability-erp", "corporate", "erp"),
    ///     slo("finance-erp-availability", "finance-erp", "erp"),
    /// ]
    /// .join("---\n");
    /// let imported = sla_interop::openslo::import(&file).unwrap();
    /// assert_eq!(
    ///     imported.agreement_ids(),
    ///     ["corporate-mail", "corporate-erp", "finance-erp"]
    /// );
    /// ```
    pub fn agreement_ids(&self) -> Vec<String> {
        let mut services: HashMap<&str, HashSet<&str>> = HashMap::new();
        for imported in &self.targets {
            if let Some(agreement) = &imported.agreement {
                services
                    .entry(agreement)
                    .or_default()
                    .insert(&imported.service);
            }
        }
        // Agreements with one service keep their ids: reserve them first, so
        // that an id made up for another one never takes them.
        let whole: HashSet<&str> = services
            .iter()
            .filter(|(_, services)| services.len() == 1)
            .map(|(agreement, _)| *agreement)
            .collect();
        let mut taken: HashSet<String> = whole.iter().map(|a| (*a).to_owned()).collect();
        let mut fresh = |base: String| {
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            id
        };
        let mut assigned: HashMap<(Option<&str>, &str), String> = HashMap::new();
        self.targets
            .iter()
            .map(|imported| {
                assigned
                    .entry(imported.group())
                    .or_insert_with(|| match imported.group() {
                        (Some(agreement), _) if whole.contains(agreement) => agreement.to_owned(),
                        (Some(agreement), service) => fresh(format!("{agreement}-{service}")),
                        (None, service) => fresh(format!("{service}-slos")),
                    })
                    .clone()
            })
            .collect()
    }

    /// A whole agreement file: the services, and one service-based SLA per
    /// service and agreement named in the file's annotations (ids as
    /// [`Imported::agreement_ids`] gives them) holding its targets. Passes
    /// `sla_engine::model::load::validate` when the defaults are valid.
    pub fn agreement_file(&self, defaults: &AgreementDefaults) -> AgreementFile {
        let mut agreements: Vec<Agreement> = Vec::new();
        for (imported, id) in self.targets.iter().zip(self.agreement_ids()) {
            let index = match agreements.iter().position(|a| a.id == id) {
                Some(index) => index,
                None => {
                    let service_name = self
                        .services
                        .iter()
                        .find(|s| s.id == imported.service)
                        .map(|s| s.name.clone())
                        .unwrap_or_else(|| imported.service.clone());
                    let name = match &imported.agreement {
                        Some(agreement) if *agreement == id => agreement.clone(),
                        // One service's part of an agreement the export split.
                        Some(agreement) => format!("{agreement} ({service_name})"),
                        None => format!("{service_name} SLOs"),
                    };
                    agreements.push(Agreement {
                        id,
                        name,
                        kind: AgreementKind::Sla,
                        structure: Some(Structure::ServiceBased),
                        level: None,
                        customer: None,
                        service: Some(imported.service.clone()),
                        supplier: None,
                        monthly_charge: None,
                        targets: Vec::new(),
                        credits: None,
                        termination: Vec::new(),
                    });
                    agreements.len() - 1
                }
            };
            if let Some(agreement) = agreements.get_mut(index) {
                agreement.targets.push(imported.target.clone());
            }
        }
        AgreementFile {
            format: AGREEMENT_FORMAT.into(),
            version: FORMAT_VERSION,
            name: defaults.name.clone(),
            description: String::new(),
            currency: defaults.currency.clone(),
            time_zone: self
                .time_zone
                .clone()
                .unwrap_or_else(|| defaults.time_zone.clone()),
            provider: Party {
                name: defaults.provider.clone(),
            },
            services: self.services.clone(),
            customers: Vec::new(),
            suppliers: Vec::new(),
            calendars: Vec::new(),
            agreements,
        }
    }
}

/// The kinds of OpenSLO v1.
const ALERT_KINDS: [&str; 3] = ["AlertPolicy", "AlertCondition", "AlertNotificationTarget"];

/// Reads an OpenSLO v1 file (YAML with one or more documents, or JSON: one
/// object or a list of objects) and maps its SLOs to targets.
///
/// # Errors
/// Only when the file cannot be read at all ([`ImportError`]: a YAML syntax
/// error with its document, line and column; a file over 16 MB; no
/// OpenSLO document). A document, SLO or objective that cannot be mapped
/// is a [`Note`] and the rest is still used.
///
/// # Example
/// ```
/// let file = "
/// apiVersion: openslo/v1
/// kind: SLO
/// metadata: { name: checkout-availability }
/// spec:
///   service: checkout
///   indicator:
///     metadata: { name: checkout-requests }
///     spec:
///       ratioMetric:
///         good: { metricSource: { type: Prometheus, spec: { query: ok } } }
///         total: { metricSource: { type: Prometheus, spec: { query: all } } }
///   budgetingMethod: Occurrences
///   timeWindow: [{ duration: 28d, isRolling: true }]
///   objectives: [{ displayName: Good requests, target: 0.999 }]
/// ";
/// let imported = sla_interop::openslo::import(file).unwrap();
/// let target = &imported.targets[0].target;
/// assert_eq!(target.expected.text(), "99.9");
/// assert_eq!(target.period, sla_engine::model::PeriodKind::RollingDays(28));
/// ```
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let documents = yaml::parse(text)?;
    let mut out = Imported::default();
    let mut objects: Vec<(Location, &Node)> = Vec::new();
    for document in &documents {
        let base = Location {
            document: document.number,
            ..Location::default()
        };
        match &document.root.value {
            Value::Map(_) => objects.push((base, &document.root)),
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    let at = Location {
                        item: Some(i + 1),
                        ..base.clone()
                    };
                    match item.value {
                        Value::Map(_) => objects.push((at, item)),
                        _ => out.notes.push(note(
                            &at,
                            "",
                            Some(item.at),
                            Effect::Refused,
                            "not an OpenSLO document (a mapping with apiVersion, kind, metadata and spec)",
                        )),
                    }
                }
            }
            Value::Null => {}
            Value::Scalar { .. } => out.notes.push(note(
                &base,
                "",
                Some(document.root.at),
                Effect::Refused,
                "not an OpenSLO document (a mapping with apiVersion, kind, metadata and spec)",
            )),
        }
    }
    if objects.is_empty() {
        return Err(ImportError {
            document: 1,
            line: None,
            column: None,
            message: "the file holds no OpenSLO document (apiVersion: openslo/v1, kind: SLO …)"
                .into(),
        });
    }
    let mut accepted = Vec::new();
    for (mut at, node) in objects {
        if let Some(kind) = check_header(&mut at, node, &mut out.notes) {
            accepted.push((at, node, kind));
        }
    }
    // Services and SLIs first: SLOs refer to them by name, in any order.
    let mut services = ServiceBook::default();
    let mut slis: HashMap<String, (Location, &Node)> = HashMap::new();
    for (at, node, kind) in &accepted {
        match kind.as_str() {
            "Service" => services.declare(at, node, &mut out.notes),
            "SLI" => {
                if slis.contains_key(&at.name) {
                    out.notes.push(note(
                        at,
                        "metadata.name",
                        node.get("metadata").and_then(|m| m.get("name")).map(|n| n.at),
                        Effect::Ignored,
                        "a second SLI with this name; the first one is used",
                    ));
                } else {
                    slis.insert(at.name.clone(), (at.clone(), *node));
                }
            }
            "DataSource" => out.notes.push(note(
                at,
                "",
                Some(node.at),
                Effect::Ignored,
                "a DataSource says where monitoring reads its metrics; here measurements come from files",
            )),
            kind if ALERT_KINDS.contains(&kind) => out.notes.push(note(
                at,
                "",
                Some(node.at),
                Effect::Ignored,
                "alerting is not part of an agreement",
            )),
            _ => {}
        }
    }
    let mut zone: Option<String> = None;
    for (at, node, kind) in &accepted {
        if kind == "SLO" {
            let mut reader = SloReader {
                at,
                slis: &slis,
                notes: &mut out.notes,
                zone: &mut zone,
            };
            let targets = reader.read(node, &mut services);
            out.targets.extend(targets);
        }
    }
    out.services = services.services;
    out.time_zone = zone;
    unique_target_ids(&mut out);
    Ok(out)
}

fn note(
    base: &Location,
    path: &str,
    at: Option<Position>,
    effect: Effect,
    message: impl Into<String>,
) -> Note {
    Note {
        at: Location {
            path: path.into(),
            line: at.map(|a| a.line),
            column: at.map(|a| a.column),
            ..base.clone()
        },
        effect,
        message: message.into(),
    }
}

/// Checks `apiVersion`, `kind` and `metadata.name`; fills the location's
/// kind and name. `None` (with a note) when the document cannot be used.
fn check_header(at: &mut Location, node: &Node, notes: &mut Vec<Note>) -> Option<String> {
    let kind = node
        .get("kind")
        .and_then(Node::text)
        .unwrap_or("")
        .to_owned();
    at.kind = kind.clone();
    at.name = node
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Node::text)
        .unwrap_or("")
        .to_owned();
    let version = node.get("apiVersion");
    match version.and_then(Node::text) {
        Some(API_VERSION) => {}
        Some(other) => {
            let advice = if other.starts_with("openslo/v1alpha") {
                format!("`{other}` is the older OpenSLO draft; this calculator reads `{API_VERSION}` (the OpenSLO tool `oslo convert` converts it)")
            } else {
                format!("`{other}` is not OpenSLO v1; write `apiVersion: {API_VERSION}`")
            };
            notes.push(note(
                at,
                "apiVersion",
                version.map(|v| v.at),
                Effect::Refused,
                advice,
            ));
            return None;
        }
        None => {
            notes.push(note(
                at,
                "apiVersion",
                Some(node.at),
                Effect::Refused,
                format!("missing; an OpenSLO v1 document starts with `apiVersion: {API_VERSION}`"),
            ));
            return None;
        }
    }
    let known = ["SLO", "SLI", "Service", "DataSource"].contains(&kind.as_str())
        || ALERT_KINDS.contains(&kind.as_str());
    if !known {
        let message = if kind.is_empty() {
            "`kind` is missing; OpenSLO v1 kinds are SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition and AlertNotificationTarget".to_owned()
        } else {
            format!("`{kind}` is not an OpenSLO v1 kind (SLO, SLI, Service, DataSource, AlertPolicy, AlertCondition, AlertNotificationTarget)")
        };
        notes.push(note(
            at,
            "kind",
            node.get("kind").map(|k| k.at).or(Some(node.at)),
            Effect::Refused,
            message,
        ));
        return None;
    }
    if at.name.is_empty() && ["SLO", "SLI", "Service"].contains(&kind.as_str()) {
        notes.push(note(
            at,
            "metadata.name",
            node.get("metadata").map(|m| m.at).or(Some(node.at)),
            Effect::Refused,
            "missing; every SLO, SLI and Service needs a name",
        ));
        return None;
    }
    Some(kind)
}

/// The annotations of a document (`metadata.annotations`).
fn annotations(node: &Node) -> HashMap<String, String> {
    node.get("metadata")
        .and_then(|m| m.get("annotations"))
        .map(|a| {
            a.entries()
                .iter()
                .filter_map(|(k, v)| Some((k.text.clone(), v.text()?.to_owned())))
                .collect()
        })
        .unwrap_or_default()
}

fn ours<'a>(annotations: &'a HashMap<String, String>, key: &str) -> Option<&'a str> {
    annotations
        .get(&format!("{ANNOTATION_PREFIX}{key}"))
        .map(String::as_str)
}

/// Services by their OpenSLO name.
#[derive(Default)]
struct ServiceBook {
    services: Vec<Service>,
    /// OpenSLO name → our id.
    ids: HashMap<String, String>,
}

impl ServiceBook {
    fn declare(&mut self, at: &Location, node: &Node, notes: &mut Vec<Note>) {
        if self.ids.contains_key(&at.name) {
            notes.push(note(
                at,
                "metadata.name",
                Some(node.at),
                Effect::Ignored,
                "a second Service with this name; the first one is used",
            ));
            return;
        }
        let annotations = annotations(node);
        let id = ours(&annotations, "id").unwrap_or(&at.name).to_owned();
        let name = node
            .get("metadata")
            .and_then(|m| m.get("displayName"))
            .and_then(Node::text)
            .unwrap_or(&at.name)
            .to_owned();
        self.ids.insert(at.name.clone(), id.clone());
        self.services.push(Service {
            id,
            name,
            monthly_charge: None,
            requirements: Vec::new(),
            dependencies: None,
        });
    }

    /// Our id for a service an SLO names; declared on first use when there
    /// is no Service document for it.
    fn id_for(
        &mut self,
        name: &str,
        at: &Location,
        position: Position,
        notes: &mut Vec<Note>,
    ) -> String {
        if let Some(id) = self.ids.get(name) {
            return id.clone();
        }
        notes.push(note(
            at,
            "spec.service",
            Some(position),
            Effect::Changed,
            format!("no Service document named `{name}`: the service is created with that name"),
        ));
        self.ids.insert(name.to_owned(), name.to_owned());
        self.services.push(Service {
            id: name.to_owned(),
            name: name.to_owned(),
            monthly_charge: None,
            requirements: Vec::new(),
            dependencies: None,
        });
        name.to_owned()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Method {
    Occurrences,
    Timeslices,
    RatioTimeslices,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SliKind {
    Ratio,
    Threshold,
}

/// An SLI as an SLO uses it: its name is the series of our measurements.
struct Sli {
    name: String,
    kind: SliKind,
}

struct SloReader<'a, 'n> {
    at: &'a Location,
    slis: &'a HashMap<String, (Location, &'n Node)>,
    notes: &'a mut Vec<Note>,
    zone: &'a mut Option<String>,
}

/// A refusal: path, position and message.
type Refusal = (String, Option<Position>, String);

const SLO_FIELDS: [&str; 8] = [
    "description",
    "service",
    "indicator",
    "indicatorRef",
    "timeWindow",
    "budgetingMethod",
    "objectives",
    "alertPolicies",
];

const OBJECTIVE_FIELDS: [&str; 10] = [
    "displayName",
    "op",
    "value",
    "target",
    "targetPercent",
    "timeSliceTarget",
    "timeSliceWindow",
    "indicator",
    "indicatorRef",
    "compositeWeight",
];

impl SloReader<'_, '_> {
    fn push(
        &mut self,
        path: &str,
        at: Option<Position>,
        effect: Effect,
        message: impl Into<String>,
    ) {
        self.notes.push(note(self.at, path, at, effect, message));
    }

    fn refuse(&mut self, (path, at, message): Refusal) {
        self.push(&path, at, Effect::Refused, message);
    }

    fn read(&mut self, node: &Node, services: &mut ServiceBook) -> Vec<ImportedTarget> {
        match self.try_read(node, services) {
            Ok(targets) => targets,
            Err(refusal) => {
                self.refuse(refusal);
                Vec::new()
            }
        }
    }

    fn try_read(
        &mut self,
        node: &Node,
        services: &mut ServiceBook,
    ) -> Result<Vec<ImportedTarget>, Refusal> {
        let Some(spec) = node
            .get("spec")
            .filter(|s| matches!(s.value, Value::Map(_)))
        else {
            return Err((
                "spec".into(),
                Some(node.at),
                "missing or not a mapping".into(),
            ));
        };
        for (key, value) in spec.entries() {
            match key.text.as_str() {
                "alertPolicies" => self.push(
                    "spec.alertPolicies",
                    Some(value.at),
                    Effect::Ignored,
                    "alerting is not part of an agreement",
                ),
                known if SLO_FIELDS.contains(&known) => {}
                other => self.push(
                    &format!("spec.{other}"),
                    Some(key.at),
                    Effect::Ignored,
                    "not a field of an OpenSLO v1 SLO",
                ),
            }
        }
        let service = spec
            .get("service")
            .and_then(|s| Some((s.text()?, s.at)))
            .ok_or_else(|| -> Refusal {
                (
                    "spec.service".into(),
                    Some(spec.at),
                    "missing; name the service the SLO is for".into(),
                )
            })?;
        let method = self.method(spec)?;
        let period = self.window(spec)?;
        let annotations = annotations(node);
        let Some(Value::Seq(objectives)) = spec.get("objectives").map(|o| &o.value) else {
            return Err((
                "spec.objectives".into(),
                Some(spec.at),
                "missing or not a list; an SLO needs at least one objective".into(),
            ));
        };
        if objectives.is_empty() {
            return Err((
                "spec.objectives".into(),
                spec.get("objectives").map(|o| o.at),
                "empty; an SLO needs at least one objective".into(),
            ));
        }
        let service = services.id_for(service.0, self.at, service.1, self.notes);
        let display = node
            .get("metadata")
            .and_then(|m| m.get("displayName"))
            .and_then(Node::text);
        let single = objectives.len() == 1;
        let mut targets = Vec::new();
        for (i, objective) in objectives.iter().enumerate() {
            let path = format!("spec.objectives[{i}]");
            let result = self.objective(&path, objective, spec, method, &annotations, single);
            let (metric, direction, expected) = match result {
                Ok(mapped) => mapped,
                Err(refusal) => {
                    self.refuse(refusal);
                    continue;
                }
            };
            let objective_name = objective.get("displayName").and_then(Node::text);
            let id = match (single, ours(&annotations, "target")) {
                (true, Some(id)) => id.to_owned(),
                (true, None) => self.at.name.clone(),
                (false, _) => format!(
                    "{}-{}",
                    self.at.name,
                    objective_name
                        .map(dns_label)
                        .unwrap_or_else(|| (i + 1).to_string())
                ),
            };
            let name = objective_name
                .or(display)
                .unwrap_or(&self.at.name)
                .to_owned();
            targets.push(ImportedTarget {
                service: service.clone(),
                agreement: ours(&annotations, "agreement")
                    .filter(|a| !a.trim().is_empty())
                    .map(str::to_owned),
                target: Target {
                    id: id.replace('/', "-"),
                    name,
                    metric,
                    direction,
                    expected,
                    minimum: None,
                    period,
                    calendar: None,
                    credit: None,
                    cap: None,
                    critical: false,
                    excluded_periods: Vec::new(),
                    supports: Vec::new(),
                },
                from: Location {
                    path,
                    line: Some(objective.at.line),
                    column: Some(objective.at.column),
                    ..self.at.clone()
                },
            });
        }
        Ok(targets)
    }

    fn method(&mut self, spec: &Node) -> Result<Method, Refusal> {
        let node = spec.get("budgetingMethod").ok_or_else(|| -> Refusal {
            (
                "spec.budgetingMethod".into(),
                Some(spec.at),
                "missing; write Occurrences, Timeslices or RatioTimeslices".into(),
            )
        })?;
        let text = node.text().unwrap_or("");
        match text.to_ascii_lowercase().as_str() {
            "occurrences" => Ok(Method::Occurrences),
            "timeslices" => Ok(Method::Timeslices),
            "ratiotimeslices" => Ok(Method::RatioTimeslices),
            _ => Err((
                "spec.budgetingMethod".into(),
                Some(node.at),
                format!("`{text}` is not an OpenSLO v1 budgeting method (Occurrences, Timeslices, RatioTimeslices)"),
            )),
        }
    }

    fn window(&mut self, spec: &Node) -> Result<PeriodKind, Refusal> {
        let Some(Value::Seq(windows)) = spec.get("timeWindow").map(|w| &w.value) else {
            return Err((
                "spec.timeWindow".into(),
                Some(spec.at),
                "missing or not a list; write e.g. `timeWindow: [{ duration: 1M, isRolling: false }]`".into(),
            ));
        };
        let Some(window) = windows.first() else {
            return Err((
                "spec.timeWindow".into(),
                Some(spec.at),
                "empty; an SLO needs one time window".into(),
            ));
        };
        if let Some(extra) = windows.get(1) {
            self.push(
                "spec.timeWindow[1]",
                Some(extra.at),
                Effect::Ignored,
                "OpenSLO v1 has exactly one time window per SLO; only the first is used",
            );
        }
        let path = "spec.timeWindow[0]";
        let duration_node = window.get("duration").ok_or_else(|| -> Refusal {
            (
                format!("{path}.duration"),
                Some(window.at),
                "missing; write e.g. 1M or 28d".into(),
            )
        })?;
        let text = duration_node.text().unwrap_or("");
        let (count, unit) = shorthand(text).ok_or_else(|| -> Refusal {
            (
                format!("{path}.duration"),
                Some(duration_node.at),
                format!("`{text}` is not a duration such as 28d, 1w, 1M, 1Q or 1Y"),
            )
        })?;
        let calendar = window.get("calendar").filter(|c| !c.is_null());
        let rolling =
            match window.get("isRolling").map(|r| (r.boolean(), r.at)) {
                Some((Some(rolling), _)) => rolling,
                Some((None, at)) => {
                    return Err((
                        format!("{path}.isRolling"),
                        Some(at),
                        "write true or false".into(),
                    ))
                }
                None => {
                    let rolling = calendar.is_none() && !matches!(unit, 'M' | 'Q' | 'Y');
                    self.push(
                        &format!("{path}.isRolling"),
                        Some(window.at),
                        Effect::Changed,
                        format!(
                        "missing: read as {} (OpenSLO assumes false only when `calendar` is given)",
                        if rolling { "a rolling window" } else { "a calendar-aligned window" }
                    ),
                    );
                    rolling
                }
            };
        let refuse = |message: String| -> Refusal {
            (format!("{path}.duration"), Some(duration_node.at), message)
        };
        if rolling {
            if let Some(calendar) = calendar {
                self.push(
                    &format!("{path}.calendar"),
                    Some(calendar.at),
                    Effect::Ignored,
                    "a rolling window has no calendar",
                );
            }
            let minutes_per_day = 1_440u64;
            let days = match unit {
                'd' => Some(count),
                'w' => count.checked_mul(7),
                'h' => (count % 24 == 0).then_some(count / 24),
                'm' => (count % minutes_per_day == 0).then_some(count / minutes_per_day),
                's' => (count % 86_400 == 0).then_some(count / 86_400),
                _ => {
                    return Err(refuse(format!(
                        "a rolling `{text}` has no fixed length; our rolling windows are whole days (write 30d, 90d or 365d), or make the window calendar-aligned (`isRolling: false`)"
                    )))
                }
            };
            match days.and_then(|d| u32::try_from(d).ok()).filter(|d| (1..=3_660).contains(d)) {
                Some(days) => Ok(PeriodKind::RollingDays(days)),
                None => Err(refuse(format!(
                    "a rolling window of `{text}` is not a whole number of days between 1 and 3660; our rolling windows are N × 24 hours"
                ))),
            }
        } else {
            let period = match (unit, count) {
                ('M', 1) => PeriodKind::Month,
                ('Q', 1) => PeriodKind::Quarter,
                ('Y', 1) => PeriodKind::Year,
                ('M', 3) | ('M', 12) | ('Q', 4) => {
                    let period = if count == 3 { PeriodKind::Quarter } else { PeriodKind::Year };
                    self.push(
                        &format!("{path}.duration"),
                        Some(duration_node.at),
                        Effect::Changed,
                        format!("`{text}` read as a calendar {}", if count == 3 { "quarter" } else { "year" }),
                    );
                    period
                }
                ('w' | 'd' | 'h' | 'm' | 's', _) => {
                    return Err(refuse(format!(
                        "a calendar-aligned `{text}` is not one of our periods (calendar month, quarter, year); use 1M, or a rolling window (`isRolling: true`) of whole days"
                    )))
                }
                _ => {
                    return Err(refuse(format!(
                        "a calendar-aligned `{text}` is not one of our periods; write 1M, 1Q or 1Y"
                    )))
                }
            };
            if let Some(calendar) = calendar {
                self.calendar(path, calendar, period);
            }
            Ok(period)
        }
    }

    fn calendar(&mut self, path: &str, calendar: &Node, period: PeriodKind) {
        if let Some(start) = calendar.get("startTime") {
            let text = start.text().unwrap_or("");
            let parsed = sla_engine::time::iso::local(text.trim_end_matches('Z'));
            let (unit, months): (&str, &[u32]) = match period {
                PeriodKind::Quarter => ("quarter", &[1, 4, 7, 10]),
                PeriodKind::Year => ("year", &[1]),
                _ => ("month", &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
            };
            match parsed {
                Some(start_time)
                    if start_time.day() == 1
                        && start_time.num_seconds_from_midnight() == 0
                        && months.contains(&start_time.month()) => {}
                Some(_) => self.push(
                    &format!("{path}.calendar.startTime"),
                    Some(start.at),
                    Effect::Changed,
                    format!("our periods start at 00:00 on the first day of each calendar {unit}; `{text}` is not such a start, so the windows are shifted to calendar {unit}s"),
                ),
                None => self.push(
                    &format!("{path}.calendar.startTime"),
                    Some(start.at),
                    Effect::Ignored,
                    format!("`{text}` is not a date and time such as 2026-01-01 00:00:00"),
                ),
            }
        }
        if let Some(zone_node) = calendar.get("timeZone") {
            let name = zone_node.text().unwrap_or("").trim().to_owned();
            if Zone::named(&name).is_none() {
                self.push(
                    &format!("{path}.calendar.timeZone"),
                    Some(zone_node.at),
                    Effect::Ignored,
                    format!("`{name}` is not a known IANA time zone"),
                );
                return;
            }
            match self.zone.as_deref() {
                None => *self.zone = Some(name),
                Some(first) if first == name => {}
                Some(first) => {
                    let message = format!(
                        "an agreement file cuts all its periods in one time zone: `{first}` (from the first calendar window); `{name}` is not used"
                    );
                    self.push(
                        &format!("{path}.calendar.timeZone"),
                        Some(zone_node.at),
                        Effect::Changed,
                        message,
                    );
                }
            }
        }
    }

    /// The SLI of an objective: its own, else the SLO's.
    fn indicator(&mut self, path: &str, objective: &Node, spec: &Node) -> Result<Sli, Refusal> {
        for (owner, owner_path) in [(objective, path.to_owned()), (spec, "spec".to_owned())] {
            if let Some(inline) = owner.get("indicator") {
                let name = inline
                    .get("metadata")
                    .and_then(|m| m.get("name"))
                    .and_then(Node::text)
                    .unwrap_or(&self.at.name)
                    .to_owned();
                let kind = sli_kind(
                    &format!("{owner_path}.indicator.spec"),
                    inline.get("spec"),
                    inline.at,
                )?;
                self.sli_notes(
                    &format!("{owner_path}.indicator.spec"),
                    inline.get("spec"),
                    None,
                );
                return Ok(Sli { name, kind });
            }
            if let Some(reference) = owner.get("indicatorRef") {
                let name = reference.text().unwrap_or("").to_owned();
                let Some((sli_at, sli)) = self.slis.get(&name) else {
                    return Err((
                        format!("{owner_path}.indicatorRef"),
                        Some(reference.at),
                        format!("no SLI document named `{name}` in the file"),
                    ));
                };
                let (sli_at, sli) = ((*sli_at).clone(), *sli);
                let kind = sli_kind("spec", sli.get("spec"), sli.at).map_err(|(p, at, m)| {
                    (
                        format!("{owner_path}.indicatorRef"),
                        Some(reference.at),
                        format!(
                            "SLI `{name}` (document {}), {p}{}: {m}",
                            sli_at.document,
                            at.map(|a| format!(", line {}", a.line)).unwrap_or_default()
                        ),
                    )
                })?;
                self.sli_notes("spec", sli.get("spec"), Some(&sli_at));
                return Ok(Sli { name, kind });
            }
        }
        Err((
            path.into(),
            Some(objective.at),
            "no indicator: give the SLO (or the objective) an `indicator` or an `indicatorRef`"
                .into(),
        ))
    }

    /// Notes on ratio SLIs counted in bad events or as raw ratios.
    fn sli_notes(&mut self, path: &str, spec: Option<&Node>, owner: Option<&Location>) {
        let Some(ratio) = spec.and_then(|s| s.get("ratioMetric")) else {
            return;
        };
        let at = owner.unwrap_or(self.at).clone();
        let message = if ratio.get("bad").is_some() {
            "counts bad events: record good = total − bad in the measurement events of this series"
        } else if ratio.get("raw").is_some() {
            "a stored ratio (`raw`): record it as good and total events of this series"
        } else {
            return;
        };
        let field = if ratio.get("bad").is_some() {
            "bad"
        } else {
            "raw"
        };
        let new = note(
            &at,
            &format!("{path}.ratioMetric.{field}"),
            Some(ratio.at),
            Effect::Changed,
            message,
        );
        if !self.notes.contains(&new) {
            self.notes.push(new);
        }
    }

    #[allow(clippy::type_complexity)]
    fn objective(
        &mut self,
        path: &str,
        objective: &Node,
        spec: &Node,
        method: Method,
        annotations: &HashMap<String, String>,
        single: bool,
    ) -> Result<(Metric, Option<Direction>, Level), Refusal> {
        if !matches!(objective.value, Value::Map(_)) {
            return Err((
                path.into(),
                Some(objective.at),
                format!("{} instead of a mapping", objective.kind()),
            ));
        }
        for (key, _) in objective.entries() {
            if !OBJECTIVE_FIELDS.contains(&key.text.as_str()) {
                self.push(
                    &format!("{path}.{}", key.text),
                    Some(key.at),
                    Effect::Ignored,
                    "not a field of an OpenSLO v1 objective",
                );
            }
        }
        if let Some(weight) = objective.get("compositeWeight") {
            self.push(
                &format!("{path}.compositeWeight"),
                Some(weight.at),
                Effect::Ignored,
                "composite SLO weights have no equivalent; each objective becomes a target of its own",
            );
        }
        let fraction = self.target_fraction(path, objective)?;
        let sli = self.indicator(path, objective, spec)?;
        // A metric OpenSLO cannot say, written by this calculator: restored from the annotations.
        if single {
            if let Some(restored) = self.restored(path, objective, annotations, fraction.clone())? {
                return Ok(restored);
            }
        }
        let series = ours(annotations, "series")
            .map(str::to_owned)
            .unwrap_or(sli.name);
        let percent = || -> Result<Level, Refusal> {
            let text = fraction.0.shifted(2).map(Decimal::text).unwrap_or_default();
            Level::parse(&text).map_err(|e| (fraction.1.clone(), Some(fraction.2), e))
        };
        let op = objective.get("op");
        let value = objective.get("value");
        match (method, sli.kind) {
            (_, SliKind::Ratio) => {
                if let Some(node) = op.or(value) {
                    self.push(
                        &format!("{path}.{}", if op.is_some() { "op" } else { "value" }),
                        Some(node.at),
                        Effect::Ignored,
                        "op and value apply to threshold metrics; this SLI is a ratio",
                    );
                }
                let metric = match method {
                    Method::Occurrences => {
                        for field in ["timeSliceTarget", "timeSliceWindow"] {
                            if let Some(node) = objective.get(field) {
                                self.push(&format!("{path}.{field}"), Some(node.at), Effect::Ignored, "only Timeslices and RatioTimeslices use time slices");
                            }
                        }
                        Metric::Occurrences { series }
                    }
                    Method::Timeslices => Metric::Timeslices {
                        series,
                        slice: Duration(slice_window(path, objective)?),
                        good_when: slice_target(path, objective)?,
                    },
                    Method::RatioTimeslices => {
                        if let Some(node) = objective.get("timeSliceTarget") {
                            self.push(&format!("{path}.timeSliceTarget"), Some(node.at), Effect::Ignored, "RatioTimeslices averages the slices' ratios; there is no per-slice target");
                        }
                        Metric::RatioTimeslices {
                            series,
                            slice: Duration(slice_window(path, objective)?),
                        }
                    }
                };
                Ok((metric, None, percent()?))
            }
            (Method::Occurrences, SliKind::Threshold) => {
                let (Some(op), Some(value)) = (op, value) else {
                    return Err((
                        path.into(),
                        Some(objective.at),
                        "a threshold SLI needs `op` (lte, lt, gte, gt) and `value` in the objective".into(),
                    ));
                };
                let op_text = op.text().unwrap_or("");
                let share = fraction
                    .0
                    .shifted(2)
                    .and_then(Decimal::as_whole)
                    .and_then(|p| u8::try_from(p).ok())
                    .filter(|p| (1..=100).contains(p))
                    .ok_or_else(|| -> Refusal {
                        (
                            fraction.1.clone(),
                            Some(fraction.2),
                            format!(
                                "a threshold objective becomes a percentile of the samples, and our percentiles are whole numbers 1–100; {} is not one",
                                fraction.0.shifted(2).map(Decimal::text).unwrap_or_default()
                            ),
                        )
                    })?;
                let level_text = value.text().unwrap_or("");
                let expected = Decimal::parse(level_text)
                    .map_err(|e| format!("{e}; our levels are 0 or more"))
                    .and_then(|d| Level::parse(&d.text()))
                    .map_err(|e| (format!("{path}.value"), Some(value.at), e))?;
                let unit = ours(annotations, "unit").map(str::to_owned);
                let (percentile, direction) = match op_text {
                    "lte" | "lt" => {
                        if op_text == "lt" {
                            self.push(
                                &format!("{path}.op"),
                                Some(op.at),
                                Effect::Changed,
                                format!("`lt` read as ≤ {level_text}: a percentile target is met at exactly its level"),
                            );
                        }
                        (share, None)
                    }
                    "gte" | "gt" => {
                        if share == 100 {
                            return Err((
                                fraction.1.clone(),
                                Some(fraction.2),
                                "every sample at or above the value is the minimum of the samples; our percentiles start at 1 (write target 0.99 or less)".into(),
                            ));
                        }
                        self.push(
                            &format!("{path}.op"),
                            Some(op.at),
                            Effect::Changed,
                            format!(
                                "read as p{} ≥ {level_text} (nearest rank), which can differ by one sample from \"{share} % of events {} {level_text}\"",
                                100 - share,
                                if op_text == "gt" { ">" } else { "≥" }
                            ),
                        );
                        (100 - share, Some(Direction::AtLeast))
                    }
                    other => {
                        return Err((
                            format!("{path}.op"),
                            Some(op.at),
                            format!("`{other}` is not an operator; write lte, lt, gte or gt"),
                        ))
                    }
                };
                Ok((Metric::Percentile { series, percentile, unit }, direction, expected))
            }
            (_, SliKind::Threshold) => Err((
                path.into(),
                Some(objective.at),
                "time slices judged by a threshold on a raw metric have no equivalent here: our slices are judged by good ÷ total events; use a ratio SLI, or Occurrences".into(),
            )),
        }
    }

    /// `target` (0–1) or `targetPercent` (0–100), as a fraction, with its path.
    fn target_fraction(
        &mut self,
        path: &str,
        objective: &Node,
    ) -> Result<(Decimal, String, Position), Refusal> {
        let target = objective.get("target");
        let percent = objective.get("targetPercent");
        let (node, field, limit, scale) = match (target, percent) {
            (Some(_), Some(p)) => {
                return Err((
                    format!("{path}.targetPercent"),
                    Some(p.at),
                    "give `target` or `targetPercent`, not both".into(),
                ))
            }
            (Some(t), None) => (t, "target", Decimal::whole(1), 0),
            (None, Some(p)) => (p, "targetPercent", Decimal::whole(100), -2),
            (None, None) => {
                return Err((
                    path.into(),
                    Some(objective.at),
                    "no `target` (0–1) or `targetPercent` (0–100)".into(),
                ))
            }
        };
        let field_path = format!("{path}.{field}");
        let text = node.text().unwrap_or("");
        let value = Decimal::parse(text).map_err(|e| {
            (
                field_path.clone(),
                Some(node.at),
                format!(
                    "{e}; write a number such as {}",
                    if scale == 0 { "0.999" } else { "99.9" }
                ),
            )
        })?;
        if value > limit || value == Decimal::whole(0) {
            return Err((
                field_path,
                Some(node.at),
                if scale == 0 {
                    format!("{text} is out of range: `target` is a fraction above 0 and at most 1 (0.999 for 99.9 %); for percentages use `targetPercent`")
                } else {
                    format!("{text} is out of range: `targetPercent` is above 0 and at most 100")
                },
            ));
        }
        let fraction = value.shifted(scale).ok_or_else(|| -> Refusal {
            (
                field_path.clone(),
                Some(node.at),
                format!("{text} has too many decimals"),
            )
        })?;
        if fraction.decimals() > 14 {
            return Err((
                field_path,
                Some(node.at),
                format!("{text} has more decimals than a level can keep (12 in percent)"),
            ));
        }
        Ok((fraction, field_path, node.at))
    }

    /// A target this calculator exported with annotations (a metric that
    /// OpenSLO cannot say).
    fn restored(
        &mut self,
        path: &str,
        objective: &Node,
        annotations: &HashMap<String, String>,
        fraction: (Decimal, String, Position),
    ) -> Result<Option<(Metric, Option<Direction>, Level)>, Refusal> {
        let Some(json) = ours(annotations, "metric") else {
            return Ok(None);
        };
        let key = format!("metadata.annotations.{ANNOTATION_PREFIX}metric");
        // Through the engine's own reader of the file model, so the wasm
        // reuses that code instead of a second copy.
        let metric: Metric = match sla_engine::model::load::typed(json) {
            Ok(metric) => metric,
            Err(e) => {
                let at = match e.path.as_str() {
                    "." => String::new(),
                    path => format!(" at `{path}`"),
                };
                let column = e
                    .column
                    .map(|c| format!(", column {c}"))
                    .unwrap_or_default();
                self.push(
                    &key,
                    None,
                    Effect::Ignored,
                    format!(
                        "not a metric of this calculator ({}{at}{column}); the OpenSLO fields are used",
                        e.message
                    ),
                );
                return Ok(None);
            }
        };
        let expected = match ours(annotations, "expected") {
            Some(text) => Level::parse(text).map_err(|e| {
                (
                    format!("metadata.annotations.{ANNOTATION_PREFIX}expected"),
                    None,
                    e,
                )
            })?,
            None => {
                let text = fraction.0.shifted(2).map(Decimal::text).unwrap_or_default();
                Level::parse(&text).map_err(|e| (fraction.1.clone(), Some(fraction.2), e))?
            }
        };
        let direction = match ours(annotations, "direction") {
            Some("at_most") => Some(Direction::AtMost),
            Some("at_least") => Some(Direction::AtLeast),
            _ => None,
        };
        self.push(
            path,
            Some(objective.at),
            Effect::Changed,
            format!("the {} metric was restored from this calculator's annotations (other tools read the OpenSLO fields)", metric.label()),
        );
        Ok(Some((metric, direction, expected)))
    }
}

/// Whether an SLI spec is a ratio or a threshold metric.
fn sli_kind(path: &str, spec: Option<&Node>, owner: Position) -> Result<SliKind, Refusal> {
    let Some(spec) = spec else {
        return Err((
            path.into(),
            Some(owner),
            "missing: an SLI needs a `spec` with ratioMetric or thresholdMetric".into(),
        ));
    };
    match (spec.get("ratioMetric"), spec.get("thresholdMetric")) {
        (Some(_), Some(t)) => Err((
            format!("{path}.thresholdMetric"),
            Some(t.at),
            "an SLI has ratioMetric or thresholdMetric, not both".into(),
        )),
        (Some(ratio), None) => {
            let good_or_bad = ratio.get("good").is_some() || ratio.get("bad").is_some();
            if (good_or_bad && ratio.get("total").is_some()) || ratio.get("raw").is_some() {
                Ok(SliKind::Ratio)
            } else {
                Err((
                    format!("{path}.ratioMetric"),
                    Some(ratio.at),
                    "needs `good` or `bad` with `total` (or `raw`)".into(),
                ))
            }
        }
        (None, Some(_)) => Ok(SliKind::Threshold),
        (None, None) => Err((
            path.into(),
            Some(spec.at),
            "needs ratioMetric or thresholdMetric".into(),
        )),
    }
}

/// `timeSliceWindow`: a duration shorthand (`1m`, `5m`) or a number of seconds.
fn slice_window(path: &str, objective: &Node) -> Result<TimeSpan, Refusal> {
    let field = format!("{path}.timeSliceWindow");
    let node = objective.get("timeSliceWindow").ok_or_else(|| -> Refusal {
        (
            field.clone(),
            Some(objective.at),
            "missing; Timeslices and RatioTimeslices need the slice length, e.g. 1m".into(),
        )
    })?;
    let text = node.text().unwrap_or("");
    let seconds = match shorthand(text) {
        Some((n, unit)) => {
            let size: u64 = match unit {
                's' => 1,
                'm' => 60,
                'h' => 3_600,
                'd' => 86_400,
                'w' => 604_800,
                _ => 0,
            };
            n.checked_mul(size)
        }
        None => text.trim().parse::<u64>().ok(),
    };
    seconds
        .filter(|s| *s > 0 && *s <= 366 * 86_400)
        .and_then(|s| i64::try_from(s).ok())
        .and_then(|s| TimeSpan::from_nanos(s.checked_mul(1_000_000_000)?))
        .ok_or_else(|| {
            (
                field,
                Some(node.at),
                format!(
                    "`{text}` is not a slice length such as 1m, 5m or 60 (seconds), up to a year"
                ),
            )
        })
}

/// `timeSliceTarget` (a fraction above 0, at most 1) as a percentage.
fn slice_target(path: &str, objective: &Node) -> Result<Level, Refusal> {
    let field = format!("{path}.timeSliceTarget");
    let node = objective.get("timeSliceTarget").ok_or_else(|| -> Refusal {
        (
            field.clone(),
            Some(objective.at),
            "missing; Timeslices needs the share of good events that makes a slice good, e.g. 0.95"
                .into(),
        )
    })?;
    let text = node.text().unwrap_or("");
    let value = Decimal::parse(text).map_err(|e| (field.clone(), Some(node.at), e))?;
    if value > Decimal::whole(1) || value == Decimal::whole(0) {
        return Err((
            field,
            Some(node.at),
            format!("{text} is out of range: a fraction above 0 and at most 1"),
        ));
    }
    value
        .shifted(2)
        .ok_or_else(|| "too many decimals".to_owned())
        .and_then(|p| Level::parse(&p.text()))
        .map_err(|e| (field, Some(node.at), e))
}

/// `28d` → (28, 'd'). Units: s, m, h, d, w, M, Q, Y.
fn shorthand(text: &str) -> Option<(u64, char)> {
    let text = text.trim();
    let unit = text.chars().last()?;
    if !"smhdwMQY".contains(unit) {
        return None;
    }
    let number = text.get(..text.len() - unit.len_utf8())?;
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let count = number.parse::<u64>().ok()?;
    (count > 0).then_some((count, unit))
}

/// Target ids unique within each agreement of `agreement_file` (each
/// annotated agreement and service; a second `x` becomes `x-2`).
fn unique_target_ids(out: &mut Imported) {
    let mut seen: BTreeMap<(Option<String>, String), HashSet<String>> = BTreeMap::new();
    for imported in &mut out.targets {
        let ids = seen
            .entry((imported.agreement.clone(), imported.service.clone()))
            .or_default();
        let original = imported.target.id.clone();
        let mut id = original.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{original}-{n}");
            n += 1;
        }
        if id != original {
            out.notes.push(Note {
                at: imported.from.clone(),
                effect: Effect::Changed,
                message: format!(
                    "a second target `{original}` for the same service: renamed `{id}`"
                ),
            });
            imported.target.id = id.clone();
        }
        ids.insert(id);
    }
}

#[cfg(test)]
mod tests;
