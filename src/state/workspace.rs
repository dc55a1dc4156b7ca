//! The workbench's workspace: an agreement file, its measurements and the
//! span reported on, with undo and redo. Changed only through [`Action`].
//!
//! The agreement file is kept as the JSON the user edits (a
//! [`serde_json::Value`]), not as the engine's typed structs: a half-typed
//! level (`99.`) or an unknown calendar id is stored exactly as typed, shown
//! with its error on the field, autosaved, and never lost. The engine reads a
//! typed copy whenever the JSON is valid ([`Workspace::agreement_file`]).
//!
//! Measurements are typed ([`MeasurementFile`]): an import can hold
//! hundreds of thousands of records, and the table editor checks a row
//! before it is added.

use std::rc::Rc;

use serde::Serialize;
use serde_json::{Map, Value};
use sla_engine::model::load::{self, FileError};
use sla_engine::model::{AgreementFile, MeasurementFile, AGREEMENT_FORMAT, MEASUREMENT_FORMAT};
use yew::Reducible;

/// The `format` of a workspace file.
pub const FORMAT: &str = "sla-workspace";
/// The version this app writes.
pub const VERSION: u32 = 1;
/// Steps of undo kept.
const UNDO_LIMIT: usize = 100;
/// Measurement records kept by undo, over all its distinct copies.
const UNDO_RECORDS: usize = 2_000_000;

/// Records held by the distinct measurement files of `steps`.
fn undo_records(steps: &[Workspace]) -> usize {
    let mut seen: Vec<*const MeasurementFile> = Vec::new();
    let mut total = 0;
    for step in steps {
        let at = Rc::as_ptr(&step.measurements);
        if !seen.contains(&at) {
            seen.push(at);
            let m = &step.measurements;
            total += m.outages.len()
                + m.tickets.len()
                + m.events.len()
                + m.samples.len()
                + m.manual.len();
        }
    }
    total
}

/// One workspace: what is autosaved, exported and shared.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub name: String,
    /// What the report covers: `2026-02`, `2026-01..2026-12`, `2026-Q1`, `2026`.
    pub span: String,
    pub agreements: Rc<Value>,
    pub measurements: Rc<MeasurementFile>,
}

/// The file form of a [`Workspace`] (documented in `docs/format.md`).
#[derive(Serialize)]
struct WorkspaceFile {
    format: String,
    version: u32,
    name: String,
    span: String,
    agreements: Value,
    measurements: MeasurementFile,
}

/// Why a file could not be opened as a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Workspace {
    /// An empty agreement file to build from scratch.
    pub fn blank(name: &str, span: &str) -> Workspace {
        let agreements = serde_json::json!({
            "format": AGREEMENT_FORMAT,
            "version": 1,
            "name": name,
            "currency": "EUR",
            "time_zone": "UTC",
            "provider": { "name": "" },
            "services": [],
            "agreements": []
        });
        Workspace {
            name: name.into(),
            span: span.into(),
            agreements: Rc::new(agreements),
            measurements: Rc::new(empty_measurements()),
        }
    }

    /// The JSON of a workspace file.
    pub fn to_json(&self) -> String {
        let file = WorkspaceFile {
            format: FORMAT.into(),
            version: VERSION,
            name: self.name.clone(),
            span: self.span.clone(),
            agreements: (*self.agreements).clone(),
            measurements: (*self.measurements).clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Opens a workspace file, or an agreement file or a measurement file on
    /// its own (an agreement file becomes a workspace with no measurements;
    /// measurements join `into`, when given). Earlier versions are migrated.
    ///
    /// # Errors
    /// Where and why the text is not such a file: line, column and field.
    pub fn open(text: &str, into: Option<&Workspace>) -> Result<Workspace, OpenError> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            OpenError(format!(
                "line {}, column {}: this is not JSON ({}).",
                e.line(),
                e.column(),
                plain_serde_message(&e.to_string())
            ))
        })?;
        let format = value.get("format").and_then(Value::as_str).unwrap_or("");
        match format {
            FORMAT => {
                let Some(version) = value.get("version").and_then(Value::as_u64) else {
                    return Err(OpenError(format!(
                        "version: missing or not a whole number; write \"version\": {VERSION}."
                    )));
                };
                if version > u64::from(VERSION) {
                    return Err(OpenError(format!(
                        "this workspace was saved by a newer version (version {version}); this app reads version {VERSION}."
                    )));
                }
                let file = read_workspace_file(value)?;
                // The agreement JSON may hold errors (they are shown on their
                // fields), but it must be an agreement file.
                check_agreement_shape(&file.agreements)?;
                Ok(Workspace {
                    name: file.name,
                    span: file.span,
                    agreements: Rc::new(file.agreements),
                    measurements: Rc::new(file.measurements),
                })
            }
            AGREEMENT_FORMAT => {
                check_agreement_shape(&value)?;
                let name = value
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("Imported agreements")
                    .to_string();
                let mut workspace = Workspace::blank(&name, &into.map_or_else(String::new, |w| w.span.clone()));
                workspace.agreements = Rc::new(value);
                Ok(workspace)
            }
            MEASUREMENT_FORMAT => {
                let measurements = load::measurements(text).map_err(|errors| OpenError(join_errors(&errors)))?;
                let Some(current) = into else {
                    return Err(OpenError("a measurement file needs a workspace to join: open or create one first.".into()));
                };
                let mut workspace = current.clone();
                workspace.measurements = Rc::new(measurements);
                Ok(workspace)
            }
            "" => Err(OpenError(
                "the file has no \"format\": expected \"sla-workspace\", \"sla-agreements\" or \"sla-measurements\".".into(),
            )),
            other => Err(OpenError(format!(
                "format: \"{other}\" is not a workspace, agreement or measurement file."
            ))),
        }
    }

    /// The typed agreement file when the JSON is valid, else every problem
    /// with its path.
    pub fn agreement_file(&self) -> Result<AgreementFile, Vec<FileError>> {
        agreement_file(&self.agreements)
    }
}

/// The typed agreement file of agreement JSON when it is valid, else every
/// problem with its path.
pub fn agreement_file(agreements: &Value) -> Result<AgreementFile, Vec<FileError>> {
    // Through the engine's own reader (text → typed, with paths): one
    // instantiation of the model's deserializers in the wasm, not one per
    // deserializer type (a `Value` one would double them). Line and column
    // are of that text, not of anything the user sees: dropped.
    let text = serde_json::to_string(agreements).unwrap_or_default();
    load::agreements(&text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| FileError {
                line: None,
                column: None,
                ..e
            })
            .collect()
    })
}

/// The fields of a workspace file, each checked by hand so that the model's
/// deserializers are only ever driven by the engine's text reader.
fn read_workspace_file(value: Value) -> Result<WorkspaceFile, OpenError> {
    let Value::Object(mut map) = value else {
        return Err(OpenError("a workspace file is a JSON object.".into()));
    };
    if let Some(unknown) = map.keys().find(|k| {
        ![
            "format",
            "version",
            "name",
            "span",
            "agreements",
            "measurements",
        ]
        .contains(&k.as_str())
    }) {
        return Err(OpenError(format!(
            "{unknown}: unknown field; a workspace has format, version, name, span, agreements and measurements."
        )));
    }
    let text = |map: &mut Map<String, Value>, key: &str| -> Result<String, OpenError> {
        match map.remove(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(OpenError(format!("{key}: expected a text, found {other}."))),
            None => Err(OpenError(format!("{key}: missing."))),
        }
    };
    let name = text(&mut map, "name")?;
    let span = text(&mut map, "span")?;
    let agreements = map
        .remove("agreements")
        .ok_or_else(|| OpenError("agreements: missing.".into()))?;
    let measurements = map
        .remove("measurements")
        .ok_or_else(|| OpenError("measurements: missing.".into()))?;
    let measurements = load::measurements(&measurements.to_string()).map_err(|errors| {
        OpenError(
            errors
                .iter()
                .map(|e| {
                    let path = if e.path == "." {
                        String::new()
                    } else {
                        format!(".{}", e.path)
                    };
                    format!("measurements{path}: {}", e.message)
                })
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    Ok(WorkspaceFile {
        format: FORMAT.into(),
        version: VERSION,
        name,
        span,
        agreements,
        measurements,
    })
}

/// Whether `value` can be kept as a workspace's agreements (an agreement
/// file with lists of services and agreements; its contents may still hold
/// errors, shown on their fields).
///
/// # Errors
/// What is missing.
pub fn check_agreement_shape(value: &Value) -> Result<(), OpenError> {
    if value.get("format").and_then(Value::as_str) != Some(AGREEMENT_FORMAT) {
        return Err(OpenError(
            "agreements.format: expected \"sla-agreements\".".into(),
        ));
    }
    for key in ["services", "agreements"] {
        if !value.get(key).is_some_and(Value::is_array) {
            return Err(OpenError(format!("agreements.{key}: expected a list.")));
        }
    }
    Ok(())
}

pub fn empty_measurements() -> MeasurementFile {
    MeasurementFile {
        format: MEASUREMENT_FORMAT.into(),
        version: 1,
        ..MeasurementFile::default()
    }
}

fn join_errors(errors: &[FileError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// serde's message without its own ` at line 1 column 2` tail.
pub fn plain_serde_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message.get(..at).unwrap_or(message).to_string(),
        None => message.to_string(),
    }
}

/// One step of a path: `agreements[0].targets[1].expected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Splits `agreements[0].targets[1].expected` into its steps (the form of
/// the engine's error paths).
pub fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                out.push(Step::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

/// The value at `path`, if any.
pub fn get<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = root;
    for step in steps(path) {
        at = match step {
            Step::Key(k) => at.get(k.as_str())?,
            Step::Index(i) => at.get(i)?,
        };
    }
    Some(at)
}

/// The text of a string or number at `path`; empty when absent.
pub fn text(root: &Value, path: &str) -> String {
    match get(root, path) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// Sets (or with `None` removes) the value at `path`, creating objects on
/// the way. Returns false when the path runs through a non-container.
pub fn set(root: &mut Value, path: &str, value: Option<Value>) -> bool {
    let steps = steps(path);
    let Some((last, parents)) = steps.split_last() else {
        if let Some(value) = value {
            *root = value;
        }
        return true;
    };
    let mut at = root;
    for step in parents {
        at = match step {
            Step::Key(k) => {
                if !at.is_object() {
                    *at = Value::Object(Map::new());
                }
                let Some(object) = at.as_object_mut() else {
                    return false;
                };
                object.entry(k.clone()).or_insert(Value::Null)
            }
            Step::Index(i) => match at.get_mut(*i) {
                Some(next) => next,
                None => return false,
            },
        };
    }
    match (last, value) {
        (Step::Key(k), Some(value)) => {
            if !at.is_object() {
                *at = Value::Object(Map::new());
            }
            if let Some(object) = at.as_object_mut() {
                object.insert(k.clone(), value);
            }
            true
        }
        (Step::Key(k), None) => {
            if let Some(object) = at.as_object_mut() {
                object.remove(k);
            }
            true
        }
        (Step::Index(i), Some(value)) => match at.get_mut(*i) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        },
        (Step::Index(i), None) => match at.as_array_mut() {
            Some(list) if *i < list.len() => {
                list.remove(*i);
                true
            }
            _ => false,
        },
    }
}

/// After removing the field at `path`, removes the objects it leaves empty
/// (`credits.period_cap` without `amount` or `percent` means no cap).
pub fn prune(root: &mut Value, path: &str) {
    let mut steps = steps(path);
    while steps.pop().is_some() {
        let Some(Step::Key(_)) = steps.last() else {
            return;
        };
        let parent = render(&steps);
        if get(root, &parent).is_some_and(|v| v.as_object().is_some_and(Map::is_empty)) {
            set(root, &parent, None);
        } else {
            return;
        }
    }
}

/// The text form of steps (inverse of [`steps`]).
pub fn render(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Appends to the list at `path` (created when absent).
pub fn push(root: &mut Value, path: &str, value: Value) -> bool {
    if !get(root, path).is_some_and(Value::is_array)
        && !set(root, path, Some(Value::Array(Vec::new())))
    {
        return false;
    }
    let steps = steps(path);
    let mut at = &mut *root;
    for step in &steps {
        at = match step {
            Step::Key(k) => match at.get_mut(k.as_str()) {
                Some(next) => next,
                None => return false,
            },
            Step::Index(i) => match at.get_mut(*i) {
                Some(next) => next,
                None => return false,
            },
        };
    }
    match at.as_array_mut() {
        Some(list) => {
            list.push(value);
            true
        }
        None => false,
    }
}

/// The workbench: the open workspace and its history.
#[derive(Debug, Clone, PartialEq)]
pub struct Bench {
    /// The storage id of the open workspace.
    pub id: String,
    pub workspace: Workspace,
    pub undo: Vec<Workspace>,
    pub redo: Vec<Workspace>,
    /// The field last typed into: further typing there is one undo step.
    typing: Option<String>,
    /// Counts changes (autosave runs when it moves).
    pub revision: u64,
}

/// Everything that changes the workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// A field of the agreement JSON: a value, or `None` to remove it.
    Set {
        path: String,
        value: Option<Value>,
    },
    /// Several fields at once (one undo step).
    SetMany(Vec<(String, Option<Value>)>),
    /// Appends to a list in the agreement JSON.
    Push {
        path: String,
        value: Value,
    },
    /// Removes a list element or a field.
    Remove {
        path: String,
    },
    /// The whole agreement JSON (the JSON editor).
    ReplaceAgreements(Value),
    Measurements(MeasurementFile),
    Span(String),
    Rename(String),
    /// Another workspace (switching, a template, an opened file).
    Open {
        id: String,
        workspace: Workspace,
    },
    Undo,
    Redo,
}

impl Bench {
    pub fn new(id: String, workspace: Workspace) -> Bench {
        Bench {
            id,
            workspace,
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
            revision: 0,
        }
    }

    /// Applies an action (the reducer, without `Rc`; tested natively).
    pub fn apply(&mut self, action: Action) {
        let before = self.workspace.clone();
        let typing = match &action {
            Action::Set {
                path,
                value: Some(Value::String(_)),
            } => Some(path.clone()),
            _ => None,
        };
        match action {
            Action::Undo => {
                if let Some(previous) = self.undo.pop() {
                    self.redo
                        .push(std::mem::replace(&mut self.workspace, previous));
                    self.typing = None;
                    self.revision += 1;
                }
                return;
            }
            Action::Redo => {
                if let Some(next) = self.redo.pop() {
                    self.undo.push(std::mem::replace(&mut self.workspace, next));
                    self.typing = None;
                    self.revision += 1;
                }
                return;
            }
            Action::Open { id, workspace } => {
                let revision = self.revision;
                *self = Bench::new(id, workspace);
                self.revision = revision + 1;
                return;
            }
            Action::Set { path, value } => {
                let json = Rc::make_mut(&mut self.workspace.agreements);
                let removed = value.is_none();
                set(json, &path, value);
                if removed {
                    prune(json, &path);
                }
            }
            Action::SetMany(changes) => {
                let json = Rc::make_mut(&mut self.workspace.agreements);
                for (path, value) in changes {
                    set(json, &path, value);
                }
            }
            Action::Push { path, value } => {
                push(Rc::make_mut(&mut self.workspace.agreements), &path, value);
            }
            Action::Remove { path } => {
                let json = Rc::make_mut(&mut self.workspace.agreements);
                set(json, &path, None);
                prune(json, &path);
            }
            Action::ReplaceAgreements(value) => self.workspace.agreements = Rc::new(value),
            Action::Measurements(file) => self.workspace.measurements = Rc::new(file),
            Action::Span(span) => self.workspace.span = span,
            Action::Rename(name) => self.workspace.name = name,
        }
        if self.workspace == before {
            return;
        }
        let continues_typing = typing.is_some() && typing == self.typing;
        if !continues_typing {
            self.undo.push(before);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            // Each measurement edit keeps a whole copy of the measurements:
            // with large imports the oldest steps go first, so that undo
            // never holds more than UNDO_RECORDS records.
            while self.undo.len() > 1 && undo_records(&self.undo) > UNDO_RECORDS {
                self.undo.remove(0);
            }
        }
        self.typing = typing;
        self.redo.clear();
        self.revision += 1;
    }
}

impl Reducible for Bench {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        if next.revision == self.revision {
            return self;
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_keeps_at_most_two_million_measurement_records() {
        let mut bench = Bench::new("w1".into(), Workspace::blank("x", "2026-01"));
        let outage = |i: usize| sla_engine::model::OutageRecord {
            service: format!("s{i}"),
            start: sla_engine::model::Timestamp::parse("2026-01-05T10:00:00Z")
                .unwrap_or_else(|e| panic!("{e}")),
            end: sla_engine::model::Timestamp::parse("2026-01-05T11:00:00Z")
                .unwrap_or_else(|e| panic!("{e}")),
            impact: None,
            planned: false,
            supplier: None,
            cause: None,
        };
        let mut file = empty_measurements();
        file.outages = (0..700_000).map(outage).collect();
        for step in 0..5 {
            file.outages[0].service = format!("edit {step}");
            bench.apply(Action::Measurements(file.clone()));
        }
        // Five copies of 700,000 records: only two fit under the limit.
        assert!(undo_records(&bench.undo) <= UNDO_RECORDS);
        assert_eq!(bench.undo.len(), 2);
    }

    #[test]
    fn a_workspace_file_without_a_version_is_refused() {
        let mut file: Value = serde_json::from_str(&Workspace::blank("x", "2026-01").to_json())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(Workspace::open(&file.to_string(), None).is_ok());
        file.as_object_mut().map(|o| o.remove("version"));
        let error = Workspace::open(&file.to_string(), None).err().map(|e| e.0);
        assert!(
            error
                .as_deref()
                .is_some_and(|e| e.starts_with("version: missing")),
            "{error:?}"
        );
    }

    #[test]
    fn an_agreement_file_opens_without_the_current_measurements() {
        let mut current = Workspace::blank("current", "2026-03");
        let mut m = empty_measurements();
        m.manual.push(sla_engine::model::ManualRecord {
            target: "a/b".into(),
            period: "2026-03".into(),
            value: sla_engine::model::Level::parse("99").unwrap_or_else(|e| panic!("{e}")),
        });
        current.measurements = Rc::new(m);
        let text = r#"{"format":"sla-agreements","version":1,"name":"New","currency":"EUR","time_zone":"UTC","provider":{"name":"p"},"services":[],"agreements":[]}"#;
        let opened = Workspace::open(text, Some(&current)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(opened.name, "New");
        assert_eq!(opened.span, "2026-03");
        assert!(opened.measurements.manual.is_empty());
    }
    use serde_json::json;

    fn bench() -> Bench {
        Bench::new("w1".into(), Workspace::blank("Test", "2026-02"))
    }

    #[test]
    fn paths_read_and_write_nested_fields() {
        let mut v = json!({"agreements": [{"targets": [{"expected": "99"}]}]});
        assert_eq!(text(&v, "agreements[0].targets[0].expected"), "99");
        assert!(set(
            &mut v,
            "agreements[0].targets[0].expected",
            Some(json!("99.9"))
        ));
        assert!(set(
            &mut v,
            "agreements[0].credits.period_cap.amount",
            Some(json!("100"))
        ));
        assert_eq!(v["agreements"][0]["credits"]["period_cap"]["amount"], "100");
        assert!(set(&mut v, "agreements[0].credits.period_cap.amount", None));
        prune(&mut v, "agreements[0].credits.period_cap.amount");
        assert!(v["agreements"][0].get("credits").is_none(), "{v}");
        assert_eq!(render(&steps("a[1][2].b.c")), "a[1][2].b.c");
        assert!(set(&mut v, "agreements[0].targets[0]", None));
        assert_eq!(v["agreements"][0]["targets"], json!([]));
        assert!(!set(&mut v, "agreements[3].name", Some(json!("x"))));
        assert!(push(
            &mut v,
            "agreements[0].termination",
            json!({"type": "credits_at_cap"})
        ));
        assert_eq!(
            v["agreements"][0]["termination"][0]["type"],
            "credits_at_cap"
        );
        assert_eq!(
            steps("a[1][2].b"),
            vec![
                Step::Key("a".into()),
                Step::Index(1),
                Step::Index(2),
                Step::Key("b".into())
            ]
        );
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut b = bench();
        for text in ["A", "Ac", "Acme"] {
            b.apply(Action::Set {
                path: "provider.name".into(),
                value: Some(json!(text)),
            });
        }
        b.apply(Action::Set {
            path: "currency".into(),
            value: Some(json!("USD")),
        });
        assert_eq!(b.undo.len(), 2);
        b.apply(Action::Undo);
        assert_eq!(text(&b.workspace.agreements, "currency"), "EUR");
        assert_eq!(text(&b.workspace.agreements, "provider.name"), "Acme");
        b.apply(Action::Undo);
        assert_eq!(text(&b.workspace.agreements, "provider.name"), "");
        b.apply(Action::Redo);
        b.apply(Action::Redo);
        assert_eq!(text(&b.workspace.agreements, "currency"), "USD");
        assert!(b.redo.is_empty());
    }

    #[test]
    fn a_half_typed_value_is_kept_and_reported_on_its_field() {
        let mut b = bench();
        b.apply(Action::Push {
            path: "services".into(),
            value: json!({"id": "mail", "name": "Mail", "monthly_charge": "12x"}),
        });
        assert_eq!(
            text(&b.workspace.agreements, "services[0].monthly_charge"),
            "12x"
        );
        let errors = b.workspace.agreement_file().expect_err("invalid amount");
        assert!(
            errors[0].path.starts_with("services[0].monthly_charge"),
            "{errors:?}"
        );
    }

    #[test]
    fn export_and_open_round_trip() {
        let mut b = bench();
        b.apply(Action::Set {
            path: "provider.name".into(),
            value: Some(json!("Acme")),
        });
        let json = b.workspace.to_json();
        let opened = Workspace::open(&json, None).expect("opens");
        assert_eq!(opened, b.workspace);
    }

    #[test]
    fn broken_files_are_refused_with_where_and_why() {
        let e = Workspace::open("{\"format\": \"sla-workspace\",\n \"version\": 1,", None)
            .expect_err("broken");
        assert!(e.0.starts_with("line 2"), "{e}");
        let e = Workspace::open("{\"format\": \"sla-workspace\", \"version\": 9}", None)
            .expect_err("newer");
        assert!(e.0.contains("newer version"), "{e}");
        let json = bench()
            .workspace
            .to_json()
            .replace("\"span\": \"2026-02\"", "\"span\": 3");
        let e = Workspace::open(&json, None).expect_err("bad span");
        assert!(e.0.starts_with("span:"), "{e}");
        let e = Workspace::open("{\"format\": \"zip\"}", None).expect_err("unknown");
        assert!(e.0.contains("\"zip\""), "{e}");
    }

    #[test]
    fn a_bare_agreement_file_becomes_a_workspace() {
        let text = include_str!("../../examples/cloud-sla.json");
        let opened = Workspace::open(text, None).expect("opens");
        assert!(opened.agreement_file().is_ok());
        assert!(opened.measurements.outages.is_empty());
    }
}
