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
//!
//! # Large measurement files
//!
//! A measurement edit is an [`Edit`] (one record set, records inserted or
//! removed, the zone, a whole file only when a file replaces it), applied in
//! place: the file is shared behind an `Rc` and changed with
//! [`Rc::make_mut`], which copies it only if something else still holds it.
//! So nothing else may hold it between renders: the workbench keeps its
//! [`Bench`] in one cell ([`use_bench`](crate::hooks::bench::use_bench)), views read the file through
//! [`Measured`] while they render or handle an event, and memos compare
//! [`Measured::token`]s, not files. Undo keeps, per step, only what the step
//! changed (the record it replaced, the records it removed), so an edit of
//! one cell of a 300,000-record file neither copies the file nor keeps a copy.

use std::cell::{Cell, Ref, RefCell};
use std::ops::Deref;
use std::rc::Rc;

use serde::Serialize;
use serde_json::{Map, Value};
use sla_engine::model::load::{self, FileError};
use sla_engine::model::{
    AgreementFile, EventRecord, ManualRecord, MeasurementFile, OutageRecord, SampleRecord,
    TicketRecord, AGREEMENT_FORMAT, MEASUREMENT_FORMAT,
};

use super::store::Chunker;

/// The `format` of a workspace file.
pub const FORMAT: &str = "sla-workspace";
/// The version this app writes.
pub const VERSION: u32 = 1;
/// Steps of undo kept.
const UNDO_LIMIT: usize = 100;
/// Measurement records kept by undo, over all its steps.
const UNDO_RECORDS: usize = 2_000_000;

/// One workspace: what is autosaved, exported and shared.
#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub name: String,
    /// What the report covers: `2026-02`, `2026-01..2026-12`, `2026-Q1`, `2026`.
    pub span: String,
    pub agreements: Rc<Value>,
    pub measurements: Rc<MeasurementFile>,
}

/// The fields of a workspace file as read (documented in `docs/format.md`).
struct WorkspaceFile {
    name: String,
    span: String,
    agreements: Value,
    measurements: MeasurementFile,
}

/// The file form of a [`Workspace`], borrowed, as serde writes it: what
/// [`Workspace::write_slice`] must write, byte for byte (tested).
#[cfg(test)]
#[derive(Serialize)]
struct WorkspaceFileRef<'a> {
    format: &'a str,
    version: u32,
    name: &'a str,
    span: &'a str,
    agreements: &'a Value,
    measurements: &'a MeasurementFile,
}

/// The fields of a workspace file, in the order they are written.
const WORKSPACE_FIELDS: [&str; 6] = [
    "format",
    "version",
    "name",
    "span",
    "agreements",
    "measurements",
];

/// Why a file could not be opened as a workspace: where (the file's JSON
/// keys, as `docs/format.md` names them) and why. Shown through
/// [`OpenError::message`], in the page's language.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenError {
    /// Not JSON: where, and serde's own message.
    NotJson {
        line: usize,
        column: usize,
        problem: String,
    },
    /// A workspace file without a whole-number `version`.
    NoVersion,
    /// Saved by a newer version of the app.
    NewerVersion { version: u64 },
    /// The engine's problems with measurements, each with its path (its
    /// own messages).
    Measurements(String),
    /// A measurement file, with no workspace open to join.
    NothingToJoin,
    /// No `format`.
    NoFormat,
    /// A `format` that is none of the three.
    UnknownFormat(String),
    /// A workspace file that is not a JSON object.
    NotAnObject,
    /// A key a workspace file does not have.
    UnknownField(String),
    /// A key whose value should be a text.
    NotAText { key: &'static str, found: String },
    /// A key the file needs.
    Missing(&'static str),
    /// The agreements are not an agreement file (`agreements.format`).
    NotAgreements,
    /// `agreements.services` or `agreements.agreements` is not a list.
    NotAList(&'static str),
}

impl OpenError {
    /// What is wrong, for the person who chose the file.
    pub fn message(&self) -> String {
        let t = crate::i18n::texts().workspace_file();
        match self {
            OpenError::NotJson {
                line,
                column,
                problem,
            } => t.not_json(*line, *column, problem),
            OpenError::NoVersion => t.no_version(VERSION),
            OpenError::NewerVersion { version } => t.newer_version(*version, VERSION),
            OpenError::Measurements(problems) => problems.clone(),
            OpenError::NothingToJoin => t.nothing_to_join.to_string(),
            OpenError::NoFormat => t.no_format(FORMAT, AGREEMENT_FORMAT, MEASUREMENT_FORMAT),
            OpenError::UnknownFormat(format) => t.unknown_format(format),
            OpenError::NotAnObject => t.not_an_object.to_string(),
            OpenError::UnknownField(key) => t.unknown_field(key, &WORKSPACE_FIELDS),
            OpenError::NotAText { key, found } => t.not_a_text(key, found),
            OpenError::Missing(key) => t.missing(key),
            OpenError::NotAgreements => t.not_agreements(AGREEMENT_FORMAT),
            OpenError::NotAList(key) => t.not_a_list(&format!("agreements.{key}")),
        }
    }
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
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

    /// The JSON of a workspace file, indented (export, share links): the
    /// compact JSON indented as it is written, as serde_json's pretty
    /// printer does (two spaces, `"key": value`, `[]` and `{}` when empty),
    /// so that the serialisers of a measurement file are in the wasm once,
    /// not once per layout.
    pub fn to_json(&self) -> String {
        let mut indent = Indent::default();
        let mut put = |_: u32, bytes: &[u8]| {
            indent.push(bytes);
            Ok(())
        };
        let mut writer = Chunker::new(1 << 16, &mut put);
        let written = self
            .write_compact(&mut writer)
            .and_then(|()| writer.finish());
        drop(writer);
        match written {
            Ok(()) => String::from_utf8(indent.out).unwrap_or_default(),
            Err(_) => String::new(),
        }
    }

    /// The JSON of a workspace file without indentation: what autosave
    /// stores (the same file, about half the size and time of
    /// [`Workspace::to_json`] for a large measurement file).
    pub fn to_compact_json(&self) -> String {
        written(|writer| self.write_compact(writer))
    }

    /// Writes [`Workspace::to_compact_json`] into `out` as it is serialised,
    /// a chunk at a time (autosave: `state::workbench::store`).
    ///
    /// # Errors
    /// `out` refused a chunk.
    pub fn write_compact(&self, out: &mut Chunker<'_>) -> std::io::Result<()> {
        self.write_slice(&mut Cursor::default(), out, &mut || true)
            .map(drop)
    }

    /// Writes the compact JSON of the workspace file from `cursor` on, a
    /// batch of [`SLICE_RECORDS`] records at a time, until the file ends
    /// (`Ok(true)`) or `more` says to stop after a batch (`Ok(false)`: call
    /// again with the same cursor, and the same workspace, for the rest).
    /// The slices joined are the bytes [`Workspace::write_compact`] writes,
    /// however they were cut: autosave writes a large workspace a slice at
    /// a time and gives the page its turn between slices.
    ///
    /// # Errors
    /// `out` refused a chunk.
    pub fn write_slice(
        &self,
        cursor: &mut Cursor,
        out: &mut Chunker<'_>,
        more: &mut dyn FnMut() -> bool,
    ) -> std::io::Result<bool> {
        use std::io::Write as _;
        // Every field, so that a field added to the file is not forgotten here.
        let MeasurementFile {
            format,
            version,
            time_zone,
            outages,
            tickets,
            events,
            samples,
            manual,
        } = &*self.measurements;
        loop {
            let done = match cursor.part {
                Part::Head => {
                    out.write_all(b"{\"format\":")?;
                    json(out, &FORMAT)?;
                    out.write_all(b",\"version\":")?;
                    json(out, &VERSION)?;
                    out.write_all(b",\"name\":")?;
                    json(out, &self.name.as_str())?;
                    out.write_all(b",\"span\":")?;
                    json(out, &self.span.as_str())?;
                    out.write_all(b",\"agreements\":")?;
                    json(out, &*self.agreements)?;
                    out.write_all(b",\"measurements\":{\"format\":")?;
                    json(out, &format.as_str())?;
                    out.write_all(b",\"version\":")?;
                    json(out, version)?;
                    if let Some(zone) = time_zone {
                        out.write_all(b",\"time_zone\":")?;
                        json(out, &zone.as_str())?;
                    }
                    out.write_all(b",\"outages\":[")?;
                    true
                }
                Part::Outages => records(out, outages, &mut cursor.at)?,
                Part::Tickets => records(out, tickets, &mut cursor.at)?,
                Part::Events => records(out, events, &mut cursor.at)?,
                Part::Samples => records(out, samples, &mut cursor.at)?,
                Part::Manual => records(out, manual, &mut cursor.at)?,
                Part::End => return Ok(true),
            };
            if done {
                let (next, between): (Part, &[u8]) = match cursor.part {
                    Part::Head => (Part::Outages, b""),
                    Part::Outages => (Part::Tickets, b"],\"tickets\":["),
                    Part::Tickets => (Part::Events, b"],\"events\":["),
                    Part::Events => (Part::Samples, b"],\"samples\":["),
                    Part::Samples => (Part::Manual, b"],\"manual\":["),
                    Part::Manual | Part::End => (Part::End, b"]}}"),
                };
                out.write_all(between)?;
                *cursor = Cursor { part: next, at: 0 };
            } else if !more() {
                return Ok(false);
            }
        }
    }

    /// The file form, borrowing the workspace (nothing is copied to write it).
    #[cfg(test)]
    fn file(&self) -> WorkspaceFileRef<'_> {
        WorkspaceFileRef {
            format: FORMAT,
            version: VERSION,
            name: &self.name,
            span: &self.span,
            agreements: &self.agreements,
            measurements: &self.measurements,
        }
    }

    /// Opens a workspace file, or an agreement file or a measurement file on
    /// its own (an agreement file becomes a workspace with no measurements;
    /// measurements join `into`, when given). Earlier versions are migrated.
    ///
    /// # Errors
    /// Where and why the text is not such a file: line, column and field.
    pub fn open(text: &str, into: Option<&Workspace>) -> Result<Workspace, OpenError> {
        let value: Value = serde_json::from_str(text).map_err(|e| OpenError::NotJson {
            line: e.line(),
            column: e.column(),
            problem: plain_serde_message(&e.to_string()),
        })?;
        let format = value.get("format").and_then(Value::as_str).unwrap_or("");
        match format {
            FORMAT => {
                let Some(version) = value.get("version").and_then(Value::as_u64) else {
                    return Err(OpenError::NoVersion);
                };
                if version > u64::from(VERSION) {
                    return Err(OpenError::NewerVersion { version });
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
                    .unwrap_or(crate::i18n::texts().workspace_file().imported_name)
                    .to_string();
                let mut workspace =
                    Workspace::blank(&name, &into.map_or_else(String::new, |w| w.span.clone()));
                workspace.agreements = Rc::new(value);
                Ok(workspace)
            }
            MEASUREMENT_FORMAT => {
                let measurements = load::measurements(text)
                    .map_err(|errors| OpenError::Measurements(join_errors(&errors)))?;
                let Some(current) = into else {
                    return Err(OpenError::NothingToJoin);
                };
                let mut workspace = current.clone();
                workspace.measurements = Rc::new(measurements);
                Ok(workspace)
            }
            "" => Err(OpenError::NoFormat),
            other => Err(OpenError::UnknownFormat(other.to_string())),
        }
    }

    /// The typed agreement file when the JSON is valid, else every problem
    /// with its path.
    pub fn agreement_file(&self) -> Result<AgreementFile, Vec<FileError>> {
        agreement_file(&self.agreements)
    }
}

/// Indents compact JSON as it comes, a piece at a time (see
/// [`Workspace::to_json`]).
#[derive(Default)]
struct Indent {
    out: Vec<u8>,
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// An opening bracket not written yet: `[]` and `{}` stay on one line.
    open: Option<u8>,
}

impl Indent {
    fn newline(&mut self) {
        self.out.push(b'\n');
        self.out.resize(self.out.len() + 2 * self.depth, b' ');
    }

    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if let Some(open) = self.open.take() {
                self.out.push(open);
                if b == open + 2 {
                    // `]` and `}` follow `[` and `{` by two in ASCII.
                    self.out.push(b);
                    continue;
                }
                self.depth += 1;
                self.newline();
            }
            if self.in_string {
                self.out.push(b);
                // A quote ends the string unless a backslash escapes it.
                let escaped = std::mem::replace(&mut self.escaped, false);
                self.escaped = !escaped && b == b'\\';
                self.in_string = escaped || b != b'"';
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.out.push(b);
                }
                b'[' | b'{' => self.open = Some(b),
                b']' | b'}' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.newline();
                    self.out.push(b);
                }
                b',' => {
                    self.out.push(b);
                    self.newline();
                }
                b':' => self.out.extend_from_slice(b": "),
                _ => self.out.push(b),
            }
        }
    }
}

/// `value` as compact JSON, written through the [`Chunker`] autosave writes
/// with: one writer type for every compact JSON of the workbench, so that
/// the serialisers of `Value` and of the measurement file are in the wasm
/// once.
pub fn compact_json<T: Serialize + ?Sized>(value: &T) -> String {
    written(|writer| json(writer, value))
}

/// What `fill` writes through a [`Chunker`], as text (empty if it failed).
fn written(fill: impl FnOnce(&mut Chunker<'_>) -> std::io::Result<()>) -> String {
    let mut text = Vec::new();
    let mut put = |_: u32, bytes: &[u8]| {
        text.extend_from_slice(bytes);
        Ok(())
    };
    let mut writer = Chunker::new(1 << 16, &mut put);
    let result = fill(&mut writer).and_then(|()| writer.finish());
    drop(writer);
    match result {
        Ok(()) => String::from_utf8(text).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Records written between two questions whether to go on
/// ([`Workspace::write_slice`]): a few hundred microseconds of work.
pub const SLICE_RECORDS: usize = 256;

/// How far [`Workspace::write_slice`] has written a workspace file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    part: Part,
    /// Records of `part` written.
    at: usize,
}

impl Cursor {
    /// Whether the whole file is written.
    pub fn done(&self) -> bool {
        self.part == Part::End
    }
}

/// The parts of a workspace file, in the order they are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Part {
    /// Everything up to the first outage.
    #[default]
    Head,
    Outages,
    Tickets,
    Events,
    Samples,
    Manual,
    End,
}

/// Writes the next batch of `items` from `at` on, comma-separated as in a
/// JSON array; `true` once the last one is written.
fn records<T: Serialize>(
    out: &mut Chunker<'_>,
    items: &[T],
    at: &mut usize,
) -> std::io::Result<bool> {
    use std::io::Write as _;
    let end = at.saturating_add(SLICE_RECORDS).min(items.len());
    for (n, item) in items.iter().enumerate().take(end).skip(*at) {
        if n > 0 {
            out.write_all(b",")?;
        }
        json(out, item)?;
    }
    *at = end;
    Ok(end == items.len())
}

/// `value` as JSON through the one writer type of the workbench.
fn json<T: Serialize + ?Sized>(out: &mut Chunker<'_>, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(out, value).map_err(std::io::Error::from)
}

/// The typed agreement file of agreement JSON when it is valid, else every
/// problem with its path.
pub fn agreement_file(agreements: &Value) -> Result<AgreementFile, Vec<FileError>> {
    // Through the engine's own reader (text → typed, with paths): one
    // instantiation of the model's deserializers in the wasm, not one per
    // deserializer type (a `Value` one would double them). Line and column
    // are of that text, not of anything the user sees: dropped.
    let text = compact_json(agreements);
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
        return Err(OpenError::NotAnObject);
    };
    if let Some(unknown) = map.keys().find(|k| !WORKSPACE_FIELDS.contains(&k.as_str())) {
        return Err(OpenError::UnknownField(unknown.clone()));
    }
    let text = |map: &mut Map<String, Value>, key: &'static str| -> Result<String, OpenError> {
        match map.remove(key) {
            Some(Value::String(s)) => Ok(s),
            Some(other) => Err(OpenError::NotAText {
                key,
                found: other.to_string(),
            }),
            None => Err(OpenError::Missing(key)),
        }
    };
    let name = text(&mut map, "name")?;
    let span = text(&mut map, "span")?;
    let agreements = map
        .remove("agreements")
        .ok_or(OpenError::Missing("agreements"))?;
    let measurements = map
        .remove("measurements")
        .ok_or(OpenError::Missing("measurements"))?;
    let measurements = load::measurements(&measurements.to_string()).map_err(|errors| {
        OpenError::Measurements(
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
        return Err(OpenError::NotAgreements);
    }
    for key in ["services", "agreements"] {
        if !value.get(key).is_some_and(Value::is_array) {
            return Err(OpenError::NotAList(key));
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

/// The record lists of a measurement file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Outages,
    Tickets,
    Manual,
    Events,
    Samples,
}

/// One record of a measurement file.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Outage(OutageRecord),
    Ticket(TicketRecord),
    Manual(ManualRecord),
    Event(EventRecord),
    Sample(SampleRecord),
}

/// Records of one list of a measurement file, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Records {
    Outages(Vec<OutageRecord>),
    Tickets(Vec<TicketRecord>),
    Manual(Vec<ManualRecord>),
    Events(Vec<EventRecord>),
    Samples(Vec<SampleRecord>),
}

impl Records {
    pub fn table(&self) -> Table {
        match self {
            Records::Outages(_) => Table::Outages,
            Records::Tickets(_) => Table::Tickets,
            Records::Manual(_) => Table::Manual,
            Records::Events(_) => Table::Events,
            Records::Samples(_) => Table::Samples,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Records::Outages(list) => list.len(),
            Records::Tickets(list) => list.len(),
            Records::Manual(list) => list.len(),
            Records::Events(list) => list.len(),
            Records::Samples(list) => list.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How many records `table` of `file` holds.
pub fn table_len(file: &MeasurementFile, table: Table) -> usize {
    match table {
        Table::Outages => file.outages.len(),
        Table::Tickets => file.tickets.len(),
        Table::Manual => file.manual.len(),
        Table::Events => file.events.len(),
        Table::Samples => file.samples.len(),
    }
}

/// Records held by a whole file.
fn file_records(file: &MeasurementFile) -> usize {
    file.outages.len()
        + file.tickets.len()
        + file.events.len()
        + file.samples.len()
        + file.manual.len()
}

/// One change of the measurements: what a table sends, and what an undo
/// step keeps (applying an edit gives the edit that takes it back).
// One edit per user action or undo step: its size does not matter, and a
// box around the record would be one more allocation per cell saved.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Record `at` of the record's list becomes `record` (a cell saved).
    Set { at: usize, record: Record },
    /// `records` go in before record `at` of their list (`at` = its length
    /// appends).
    Insert { at: usize, records: Records },
    /// `count` records of `table` from record `at` go.
    Remove {
        table: Table,
        at: usize,
        count: usize,
    },
    /// The zone of times written without an offset.
    Zone(Option<String>),
    /// The whole file (a measurement file opened over the workspace's).
    Replace(Rc<MeasurementFile>),
    /// Several edits, in order, as one step (an import: outages and tickets).
    Batch(Vec<Edit>),
}

impl Edit {
    /// Applies the edit to `file` in place and returns the edit that takes
    /// it back, or `None` when it changes nothing (a record set to what it
    /// is, a row past the end): the file is then not touched, so not copied.
    pub fn apply(self, file: &mut Rc<MeasurementFile>) -> Option<Edit> {
        match self {
            Edit::Replace(next) => {
                if Rc::ptr_eq(file, &next) {
                    return None;
                }
                Some(Edit::Replace(std::mem::replace(file, next)))
            }
            Edit::Batch(edits) => {
                let mut back: Vec<Edit> = edits.into_iter().filter_map(|e| e.apply(file)).collect();
                if back.is_empty() {
                    return None;
                }
                back.reverse();
                Some(Edit::Batch(back))
            }
            edit => {
                if !edit.changes(file) {
                    return None;
                }
                Some(edit.apply_in_place(Rc::make_mut(file)))
            }
        }
    }

    /// Whether a single (not replace, not batch) edit changes `file`.
    fn changes(&self, file: &MeasurementFile) -> bool {
        match self {
            Edit::Set { at, record } => match record {
                Record::Outage(r) => file.outages.get(*at).is_some_and(|old| old != r),
                Record::Ticket(r) => file.tickets.get(*at).is_some_and(|old| old != r),
                Record::Manual(r) => file.manual.get(*at).is_some_and(|old| old != r),
                Record::Event(r) => file.events.get(*at).is_some_and(|old| old != r),
                Record::Sample(r) => file.samples.get(*at).is_some_and(|old| old != r),
            },
            Edit::Insert { at, records } => {
                !records.is_empty() && *at <= table_len(file, records.table())
            }
            Edit::Remove { table, at, count } => {
                *count > 0
                    && at
                        .checked_add(*count)
                        .is_some_and(|end| end <= table_len(file, *table))
            }
            Edit::Zone(zone) => *zone != file.time_zone,
            Edit::Replace(_) | Edit::Batch(_) => true,
        }
    }

    /// Applies a single edit that [`Edit::changes`] the file; returns its inverse.
    fn apply_in_place(self, file: &mut MeasurementFile) -> Edit {
        fn set<T>(list: &mut [T], at: usize, value: T) -> Option<T> {
            list.get_mut(at).map(|slot| std::mem::replace(slot, value))
        }
        fn insert<T>(list: &mut Vec<T>, at: usize, items: Vec<T>) {
            let at = at.min(list.len());
            list.splice(at..at, items);
        }
        fn remove<T>(list: &mut Vec<T>, at: usize, count: usize) -> Vec<T> {
            let end = at.saturating_add(count).min(list.len());
            list.drain(at.min(end)..end).collect()
        }
        match self {
            Edit::Set { at, record } => {
                let old = match record {
                    Record::Outage(r) => set(&mut file.outages, at, r).map(Record::Outage),
                    Record::Ticket(r) => set(&mut file.tickets, at, r).map(Record::Ticket),
                    Record::Manual(r) => set(&mut file.manual, at, r).map(Record::Manual),
                    Record::Event(r) => set(&mut file.events, at, r).map(Record::Event),
                    Record::Sample(r) => set(&mut file.samples, at, r).map(Record::Sample),
                };
                match old {
                    Some(record) => Edit::Set { at, record },
                    None => Edit::Batch(Vec::new()),
                }
            }
            Edit::Insert { at, records } => {
                let (table, count) = (records.table(), records.len());
                match records {
                    Records::Outages(r) => insert(&mut file.outages, at, r),
                    Records::Tickets(r) => insert(&mut file.tickets, at, r),
                    Records::Manual(r) => insert(&mut file.manual, at, r),
                    Records::Events(r) => insert(&mut file.events, at, r),
                    Records::Samples(r) => insert(&mut file.samples, at, r),
                }
                Edit::Remove { table, at, count }
            }
            Edit::Remove { table, at, count } => {
                let records = match table {
                    Table::Outages => Records::Outages(remove(&mut file.outages, at, count)),
                    Table::Tickets => Records::Tickets(remove(&mut file.tickets, at, count)),
                    Table::Manual => Records::Manual(remove(&mut file.manual, at, count)),
                    Table::Events => Records::Events(remove(&mut file.events, at, count)),
                    Table::Samples => Records::Samples(remove(&mut file.samples, at, count)),
                };
                Edit::Insert { at, records }
            }
            Edit::Zone(zone) => Edit::Zone(std::mem::replace(&mut file.time_zone, zone)),
            // Handled by `apply`.
            edit @ (Edit::Replace(_) | Edit::Batch(_)) => edit,
        }
    }

    /// Records this edit holds (what it costs to keep it as an undo step).
    fn records(&self) -> usize {
        match self {
            Edit::Set { .. } => 1,
            Edit::Insert { records, .. } => records.len(),
            Edit::Remove { .. } | Edit::Zone(_) => 0,
            Edit::Replace(file) => file_records(file),
            Edit::Batch(edits) => edits.iter().map(Edit::records).sum(),
        }
    }
}

/// One step of undo or redo: what applying it brings back.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The name, span and agreements (the agreement JSON is small, and
    /// shared by `Rc` until it is edited).
    Fields {
        name: String,
        span: String,
        agreements: Rc<Value>,
    },
    /// An edit of the measurements.
    Measurements(Edit),
}

impl Change {
    fn records(&self) -> usize {
        match self {
            Change::Fields { .. } => 0,
            Change::Measurements(edit) => edit.records(),
        }
    }
}

thread_local! {
    static NEXT_TOKEN: Cell<u64> = const { Cell::new(1) };
}

/// A number not given before in this page.
fn fresh_token() -> u64 {
    NEXT_TOKEN.with(|next| {
        let token = next.get();
        next.set(token + 1);
        token
    })
}

/// The workbench: the open workspace and its history.
#[derive(Debug, Clone, PartialEq)]
pub struct Bench {
    /// The storage id of the open workspace.
    pub id: String,
    pub workspace: Workspace,
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
    /// The field last typed into: further typing there is one undo step.
    typing: Option<String>,
    /// Counts changes (autosave runs when it moves).
    pub revision: u64,
    /// Names the measurements as they are: a new token at every change of
    /// them and for every workspace opened, never given twice in a page.
    measured: u64,
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
    /// An edit of the measurements (one undo step).
    Measure(Edit),
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
            measured: fresh_token(),
        }
    }

    /// Names the measurements as they are now (see [`Measured`]).
    pub fn measured_token(&self) -> u64 {
        self.measured
    }

    /// Applies an action (the reducer; tested natively).
    pub fn apply(&mut self, action: Action) {
        let typing = match &action {
            Action::Set {
                path,
                value: Some(Value::String(_)),
            } => Some(path.clone()),
            _ => None,
        };
        let before = Change::Fields {
            name: self.workspace.name.clone(),
            span: self.workspace.span.clone(),
            agreements: self.workspace.agreements.clone(),
        };
        match action {
            Action::Undo => {
                if let Some(step) = self.undo.pop() {
                    if let Some(back) = self.take(step) {
                        self.redo.push(back);
                    }
                    self.typing = None;
                    self.revision += 1;
                }
                return;
            }
            Action::Redo => {
                if let Some(step) = self.redo.pop() {
                    if let Some(back) = self.take(step) {
                        self.undo.push(back);
                    }
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
            Action::Measure(edit) => {
                drop(before);
                if let Some(back) = edit.apply(&mut self.workspace.measurements) {
                    self.measured = fresh_token();
                    self.record(Change::Measurements(back), false);
                }
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
            Action::Span(span) => self.workspace.span = span,
            Action::Rename(name) => self.workspace.name = name,
        }
        let Change::Fields {
            name,
            span,
            agreements,
        } = &before
        else {
            return;
        };
        if *name == self.workspace.name
            && *span == self.workspace.span
            && **agreements == *self.workspace.agreements
        {
            return;
        }
        let continues_typing = typing.is_some() && typing == self.typing;
        self.record(before, continues_typing);
        self.typing = typing;
    }

    /// Records a change: `back` goes on the undo stack (unless the change
    /// continues the step on top), redo is cleared, the revision moves.
    fn record(&mut self, back: Change, continues: bool) {
        if !continues {
            self.undo.push(back);
            if self.undo.len() > UNDO_LIMIT {
                self.undo.remove(0);
            }
            // Large imports or deletions keep many records: the oldest
            // steps go first, so that undo never holds more than
            // UNDO_RECORDS records (the newest step is always kept).
            while self.undo.len() > 1
                && self.undo.iter().map(Change::records).sum::<usize>() > UNDO_RECORDS
            {
                self.undo.remove(0);
            }
            self.typing = None;
        }
        self.redo.clear();
        self.revision += 1;
    }

    /// Applies an undo or redo step; returns the step that goes the other way.
    fn take(&mut self, step: Change) -> Option<Change> {
        match step {
            Change::Fields {
                name,
                span,
                agreements,
            } => Some(Change::Fields {
                name: std::mem::replace(&mut self.workspace.name, name),
                span: std::mem::replace(&mut self.workspace.span, span),
                agreements: std::mem::replace(&mut self.workspace.agreements, agreements),
            }),
            Change::Measurements(edit) => {
                let back = edit.apply(&mut self.workspace.measurements)?;
                self.measured = fresh_token();
                Some(Change::Measurements(back))
            }
        }
    }
}

/// The open workspace's measurements as a view reads them: borrowed from
/// the workbench's bench while the view renders or handles an event, never
/// held in between, so that the next edit changes the file in place instead
/// of copying it. Compared by [`Measured::token`], which changes with every
/// change of the file (a file of 300,000 records is never compared record
/// by record).
#[derive(Clone)]
pub struct Measured {
    source: Source,
    token: u64,
}

#[derive(Clone)]
enum Source {
    Bench(Rc<RefCell<Bench>>),
    File(Rc<MeasurementFile>),
}

/// A [`Measured`] file, borrowed.
pub enum Reading<'a> {
    Bench(Ref<'a, Bench>),
    File(&'a MeasurementFile),
}

impl Deref for Reading<'_> {
    type Target = MeasurementFile;

    fn deref(&self) -> &MeasurementFile {
        match self {
            Reading::Bench(bench) => &bench.workspace.measurements,
            Reading::File(file) => file,
        }
    }
}

impl Measured {
    /// A file of its own (a what-if, a test): it holds the file, and
    /// compares by it.
    pub fn file(file: Rc<MeasurementFile>) -> Measured {
        Measured {
            token: Rc::as_ptr(&file) as usize as u64,
            source: Source::File(file),
        }
    }

    /// The measurements of the bench in `cell`, as they are now.
    pub fn bench(cell: &Rc<RefCell<Bench>>) -> Measured {
        // Only while the bench is being changed can it not be read; a new
        // token then makes sure the view reads it again.
        let token = cell
            .try_borrow()
            .map_or_else(|_| fresh_token(), |b| b.measured);
        Measured {
            source: Source::Bench(cell.clone()),
            token,
        }
    }

    /// The file, for as long as the returned borrow is held: not across an
    /// edit (drop it before dispatching one).
    pub fn read(&self) -> Reading<'_> {
        match &self.source {
            Source::Bench(cell) => Reading::Bench(cell.borrow()),
            Source::File(file) => Reading::File(file),
        }
    }

    /// Names the file as it is: another token is another file or a change.
    pub fn token(&self) -> u64 {
        self.token
    }
}

impl PartialEq for Measured {
    fn eq(&self, other: &Self) -> bool {
        match (&self.source, &other.source) {
            (Source::Bench(a), Source::Bench(b)) => Rc::ptr_eq(a, b) && self.token == other.token,
            (Source::File(a), Source::File(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl std::fmt::Debug for Measured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Measured")
            .field("token", &self.token)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exported_workspace_is_indented_as_serde_json_indents() {
        // The indentation is written over compact JSON: it must be exactly
        // serde_json's pretty printer, for every template, a large file and
        // texts holding brackets, commas, colons, quotes and backslashes.
        let mut odd = crate::templates::workspace("outsourcing", "2026-01");
        odd.name = "a [b] {c}, d: \"e\" \\ f \\\" g".into();
        let mut workspaces: Vec<Workspace> = crate::templates::TEMPLATES
            .iter()
            .map(|t| crate::templates::workspace(t.id, "2026-01"))
            .collect();
        workspaces.extend([
            odd,
            Workspace::blank("", ""),
            crate::bench::workload_with(3, 2, 2_000),
        ]);
        for w in workspaces {
            let expected = serde_json::to_string_pretty(&w.file()).expect("JSON");
            assert_eq!(w.to_json(), expected, "{}", w.name);
        }
    }

    /// Workspaces with every part of a file: templates, a large outage
    /// log, a zone, and each kind of record.
    fn every_kind() -> Vec<Workspace> {
        let mut all: Workspace = crate::templates::workspace("service-desk", "2026-01");
        all.name = "a \"quoted\" name, with [brackets]".into();
        all.measurements = Rc::new(
            serde_json::from_value(serde_json::json!({
                "format": MEASUREMENT_FORMAT, "version": 1, "time_zone": "Europe/Berlin",
                "outages": [
                    {"service": "a", "start": "2026-01-02T03:00:00Z", "end": "2026-01-02T04:00:00Z", "cause": "x"},
                    {"service": "b", "start": "2026-01-03T03:00:00Z", "end": "2026-01-03T04:00:00Z", "impact": "50", "planned": true}
                ],
                "tickets": [{"id": "T1", "priority": "P1", "created": "2026-01-02T03:00:00Z"}],
                "events": [{"series": "api", "at": "2026-01-02T03:00:00Z", "good": 9, "total": 10}],
                "samples": [{"series": "lat", "at": "2026-01-02T03:00:00Z", "value": "120.5"}],
                "manual": [{"target": "t", "period": "2026-01", "value": "99.5"}]
            }))
            .expect("a measurement file"),
        );
        vec![
            all,
            Workspace::blank("", ""),
            crate::templates::workspace("cloud-sla", "2026-01"),
            crate::bench::workload_with(3, 2, 2_000),
        ]
    }

    /// Writes `workspace` in slices, stopping after every `stop_every`-th
    /// batch; the bytes and the number of slices.
    fn sliced(workspace: &Workspace, stop_every: usize) -> (Vec<u8>, usize) {
        let mut text = Vec::new();
        let mut put = |_: u32, bytes: &[u8]| {
            text.extend_from_slice(bytes);
            Ok(())
        };
        let mut writer = Chunker::new(1 << 10, &mut put);
        let mut cursor = Cursor::default();
        let mut slices = 0;
        loop {
            slices += 1;
            let mut batches = 0;
            let mut more = || {
                batches += 1;
                batches % stop_every != 0
            };
            if workspace
                .write_slice(&mut cursor, &mut writer, &mut more)
                .expect("written")
            {
                break;
            }
            assert!(!cursor.done());
        }
        assert!(cursor.done());
        writer.finish().expect("finished");
        drop(writer);
        (text, slices)
    }

    #[test]
    fn a_workspace_written_in_slices_is_what_serde_writes_however_it_is_cut() {
        for w in every_kind() {
            let expected = serde_json::to_string(&w.file()).expect("JSON");
            assert_eq!(w.to_compact_json(), expected, "{}", w.name);
            for stop_every in [1, 2, 7, usize::MAX] {
                let (text, slices) = sliced(&w, stop_every);
                assert_eq!(String::from_utf8(text).expect("UTF-8"), expected);
                let outages = w.measurements.outages.len();
                if stop_every == 1 && outages > SLICE_RECORDS {
                    // A slice per batch of records, at least.
                    assert!(slices > outages / SLICE_RECORDS, "{slices} slices");
                }
                if stop_every == usize::MAX {
                    assert_eq!(slices, 1);
                }
            }
            assert_eq!(
                Workspace::open(&expected, None).expect("opens"),
                w,
                "read back"
            );
        }
    }

    fn outage(i: usize) -> OutageRecord {
        OutageRecord {
            service: format!("s{i}"),
            start: sla_engine::model::Timestamp::Utc(1_767_600_000_000_000_000),
            end: sla_engine::model::Timestamp::Utc(1_767_603_600_000_000_000),
            impact: None,
            planned: false,
            supplier: None,
            cause: None,
        }
    }

    fn with_outages(count: usize) -> Bench {
        let mut workspace = Workspace::blank("x", "2026-01");
        workspace.measurements = Rc::new(MeasurementFile {
            outages: (0..count).map(outage).collect(),
            ..empty_measurements()
        });
        Bench::new("w1".into(), workspace)
    }

    fn undo_records(bench: &Bench) -> usize {
        bench.undo.iter().map(Change::records).sum()
    }

    #[test]
    fn undo_keeps_at_most_two_million_measurement_records() {
        let mut bench = with_outages(0);
        let mut file = empty_measurements();
        file.outages = (0..700_000).map(outage).collect();
        for step in 0..5 {
            file.outages[0].service = format!("edit {step}");
            bench.apply(Action::Measure(Edit::Replace(Rc::new(file.clone()))));
        }
        // Each replace keeps the file it replaced: four of 700,000 records
        // (and the first, empty one); only two fit under the limit.
        assert!(undo_records(&bench) <= UNDO_RECORDS);
        assert_eq!(bench.undo.len(), 2);
    }

    #[test]
    fn editing_a_cell_of_a_large_file_changes_it_in_place_and_undo_keeps_one_record() {
        let mut bench = with_outages(300_000);
        let before = bench.workspace.measurements.clone();
        let at = Rc::as_ptr(&bench.workspace.measurements);
        // The view's copy is dropped: the bench is the file's only holder.
        drop(before);
        let mut edited = bench.workspace.measurements.outages[123_456].clone();
        edited.cause = Some("fibre cut".into());
        bench.apply(Action::Measure(Edit::Set {
            at: 123_456,
            record: Record::Outage(edited.clone()),
        }));
        assert_eq!(
            Rc::as_ptr(&bench.workspace.measurements),
            at,
            "the file was copied"
        );
        assert_eq!(bench.workspace.measurements.outages[123_456], edited);
        assert_eq!(bench.undo.len(), 1);
        assert_eq!(undo_records(&bench), 1);
        bench.apply(Action::Undo);
        assert_eq!(
            Rc::as_ptr(&bench.workspace.measurements),
            at,
            "undo copied the file"
        );
        assert_eq!(
            bench.workspace.measurements.outages[123_456],
            outage(123_456)
        );
        bench.apply(Action::Redo);
        assert_eq!(bench.workspace.measurements.outages[123_456], edited);
    }

    #[test]
    fn a_file_held_elsewhere_is_copied_and_the_holder_keeps_what_it_saw() {
        let mut bench = with_outages(3);
        let held = bench.workspace.measurements.clone();
        bench.apply(Action::Measure(Edit::Remove {
            table: Table::Outages,
            at: 0,
            count: 1,
        }));
        assert_eq!(held.outages.len(), 3);
        assert_eq!(bench.workspace.measurements.outages.len(), 2);
    }

    #[test]
    fn an_edit_that_changes_nothing_is_not_a_step() {
        let mut bench = with_outages(2);
        let token = bench.measured_token();
        for edit in [
            Edit::Set {
                at: 1,
                record: Record::Outage(outage(1)),
            },
            Edit::Set {
                at: 2,
                record: Record::Outage(outage(7)),
            },
            Edit::Insert {
                at: 0,
                records: Records::Outages(Vec::new()),
            },
            Edit::Insert {
                at: 3,
                records: Records::Outages(vec![outage(9)]),
            },
            Edit::Remove {
                table: Table::Tickets,
                at: 0,
                count: 1,
            },
            Edit::Remove {
                table: Table::Outages,
                at: 1,
                count: 2,
            },
            Edit::Zone(None),
            Edit::Replace(bench.workspace.measurements.clone()),
            Edit::Batch(Vec::new()),
        ] {
            bench.apply(Action::Measure(edit));
        }
        assert!(bench.undo.is_empty());
        assert_eq!(bench.revision, 0);
        assert_eq!(bench.measured_token(), token);
    }

    #[test]
    fn every_kind_of_measurement_edit_is_undone_and_redone_exactly() {
        use sla_engine::model::{Level, Timestamp};
        let at = |n: i64| Timestamp::Utc(1_767_600_000_000_000_000 + n * 60_000_000_000);
        let level = |t: &str| Level::parse(t).unwrap_or_else(|e| panic!("{e}"));
        let ticket = |id: &str| TicketRecord {
            id: id.into(),
            service: None,
            priority: "P1".into(),
            created: at(0),
            first_response: Some(at(5)),
            resolved: None,
            pauses: Vec::new(),
            reopenings: Vec::new(),
            verdict: None,
            as_of: None,
        };
        let mut bench = with_outages(3);
        let start = bench.workspace.clone();
        let edits = vec![
            Edit::Set {
                at: 2,
                record: Record::Outage(outage(20)),
            },
            Edit::Insert {
                at: 1,
                records: Records::Outages(vec![outage(10), outage(11)]),
            },
            Edit::Remove {
                table: Table::Outages,
                at: 0,
                count: 2,
            },
            Edit::Insert {
                at: 0,
                records: Records::Tickets(vec![ticket("T1"), ticket("T2")]),
            },
            Edit::Set {
                at: 1,
                record: Record::Ticket(ticket("T3")),
            },
            Edit::Insert {
                at: 0,
                records: Records::Manual(vec![ManualRecord {
                    target: "a/b".into(),
                    period: "2026-01".into(),
                    value: level("4.2"),
                }]),
            },
            Edit::Insert {
                at: 0,
                records: Records::Events(vec![EventRecord {
                    series: "api".into(),
                    at: at(1),
                    good: 99,
                    total: 100,
                }]),
            },
            Edit::Set {
                at: 0,
                record: Record::Event(EventRecord {
                    series: "api".into(),
                    at: at(1),
                    good: 98,
                    total: 100,
                }),
            },
            Edit::Insert {
                at: 0,
                records: Records::Samples(vec![SampleRecord {
                    series: "latency".into(),
                    at: at(2),
                    value: level("120"),
                }]),
            },
            Edit::Zone(Some("Europe/Berlin".into())),
            Edit::Batch(vec![
                Edit::Remove {
                    table: Table::Tickets,
                    at: 0,
                    count: 2,
                },
                Edit::Insert {
                    at: 0,
                    records: Records::Tickets(vec![ticket("T9")]),
                },
            ]),
            Edit::Replace(Rc::new(empty_measurements())),
        ];
        let count = edits.len();
        let mut states = vec![(*bench.workspace.measurements).clone()];
        for edit in edits {
            bench.apply(Action::Measure(edit));
            states.push((*bench.workspace.measurements).clone());
        }
        assert_eq!(bench.undo.len(), count);
        // Each undo gives back the state before its edit, each redo the one after.
        for back in (0..count).rev() {
            bench.apply(Action::Undo);
            assert_eq!(
                *bench.workspace.measurements, states[back],
                "undo of edit {back}"
            );
        }
        assert_eq!(bench.workspace, start);
        for (forward, state) in states.iter().enumerate().skip(1) {
            bench.apply(Action::Redo);
            assert_eq!(
                *bench.workspace.measurements, *state,
                "redo of edit {forward}"
            );
        }
        assert!(bench.redo.is_empty());
    }

    #[test]
    fn a_measurement_edit_between_field_edits_undoes_in_order() {
        let mut b = with_outages(1);
        b.apply(Action::Rename("first".into()));
        b.apply(Action::Measure(Edit::Set {
            at: 0,
            record: Record::Outage(outage(5)),
        }));
        b.apply(Action::Set {
            path: "currency".into(),
            value: Some(json!("USD")),
        });
        b.apply(Action::Undo);
        assert_eq!(text(&b.workspace.agreements, "currency"), "EUR");
        assert_eq!(b.workspace.measurements.outages[0], outage(5));
        b.apply(Action::Undo);
        assert_eq!(b.workspace.measurements.outages[0], outage(0));
        assert_eq!(b.workspace.name, "first");
        b.apply(Action::Undo);
        assert_eq!(b.workspace.name, "x");
        assert!(b.undo.is_empty());
    }

    #[test]
    fn the_measurements_token_moves_with_every_change_of_them_only() {
        let mut b = with_outages(1);
        let first = b.measured_token();
        b.apply(Action::Rename("renamed".into()));
        assert_eq!(b.measured_token(), first);
        b.apply(Action::Measure(Edit::Zone(Some("UTC".into()))));
        let second = b.measured_token();
        assert_ne!(second, first);
        b.apply(Action::Undo);
        assert_ne!(b.measured_token(), second);
        assert_ne!(b.measured_token(), first);
        let opened = b.measured_token();
        b.apply(Action::Open {
            id: "w2".into(),
            workspace: Workspace::blank("y", "2026-01"),
        });
        assert_ne!(b.measured_token(), opened);
    }

    // proptest is a native dev-dependency.
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// An outage told apart by `n`.
        fn small_outage(n: u8) -> OutageRecord {
            OutageRecord {
                cause: (n % 3 == 0).then(|| format!("cause {n}")),
                ..outage(usize::from(n))
            }
        }

        fn ticket(n: u8) -> TicketRecord {
            TicketRecord {
                id: format!("T{n}"),
                service: None,
                priority: format!("P{}", n % 4),
                created: sla_engine::model::Timestamp::Utc(i64::from(n) * 1_000_000_000),
                first_response: None,
                resolved: None,
                pauses: Vec::new(),
                reopenings: Vec::new(),
                verdict: None,
                as_of: None,
            }
        }

        fn any_edit() -> impl Strategy<Value = Action> {
            let table = prop_oneof![Just(Table::Outages), Just(Table::Tickets)];
            let leaf = prop_oneof![
                (0usize..12, any::<u8>()).prop_map(|(at, n)| Edit::Set {
                    at,
                    record: Record::Outage(small_outage(n)),
                }),
                (0usize..12, any::<u8>()).prop_map(|(at, n)| Edit::Set {
                    at,
                    record: Record::Ticket(ticket(n)),
                }),
                (0usize..12, prop::collection::vec(any::<u8>(), 0..4)).prop_map(|(at, ns)| {
                    Edit::Insert {
                        at,
                        records: Records::Outages(ns.into_iter().map(small_outage).collect()),
                    }
                }),
                (0usize..12, prop::collection::vec(any::<u8>(), 0..4)).prop_map(|(at, ns)| {
                    Edit::Insert {
                        at,
                        records: Records::Tickets(ns.into_iter().map(ticket).collect()),
                    }
                }),
                (table, 0usize..12, 0usize..4).prop_map(|(table, at, count)| Edit::Remove {
                    table,
                    at,
                    count,
                }),
                prop::option::of(Just("Europe/Berlin".to_string())).prop_map(Edit::Zone),
                prop::collection::vec(any::<u8>(), 0..5).prop_map(|ns| {
                    Edit::Replace(Rc::new(MeasurementFile {
                        outages: ns.into_iter().map(small_outage).collect(),
                        ..empty_measurements()
                    }))
                }),
            ];
            let edit = leaf.prop_recursive(2, 8, 3, |inner| {
                prop::collection::vec(inner, 0..4).prop_map(Edit::Batch)
            });
            prop_oneof![
                4 => edit.prop_map(Action::Measure),
                1 => "[a-c]{0,2}".prop_map(Action::Rename),
                1 => "[a-c]{1,2}".prop_map(|t| Action::Set {
                    path: "provider.name".into(),
                    value: Some(json!(t)),
                }),
            ]
        }

        proptest! {
            #[test]
            fn undoing_every_step_gives_back_the_start_and_redoing_them_the_end(
                start in prop::collection::vec(any::<u8>(), 0..8),
                actions in prop::collection::vec(any_edit(), 0..24),
            ) {
                let mut workspace = Workspace::blank("x", "2026-01");
                workspace.measurements = Rc::new(MeasurementFile {
                    outages: start.into_iter().map(small_outage).collect(),
                    ..empty_measurements()
                });
                let mut bench = Bench::new("w1".into(), workspace.clone());
                for action in actions {
                    bench.apply(action);
                }
                let end = bench.workspace.clone();
                let steps = bench.undo.len();
                for _ in 0..steps {
                    bench.apply(Action::Undo);
                }
                prop_assert_eq!(&bench.workspace, &workspace);
                prop_assert!(bench.undo.is_empty());
                for _ in 0..steps {
                    bench.apply(Action::Redo);
                }
                prop_assert_eq!(&bench.workspace, &end);
                prop_assert!(bench.redo.is_empty());
            }
        }
    }

    #[test]
    fn a_workspace_file_without_a_version_is_refused() {
        let mut file: Value = serde_json::from_str(&Workspace::blank("x", "2026-01").to_json())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(Workspace::open(&file.to_string(), None).is_ok());
        file.as_object_mut().map(|o| o.remove("version"));
        let error = Workspace::open(&file.to_string(), None)
            .err()
            .map(|e| e.message());
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
        assert!(e.message().starts_with("line 2"), "{e}");
        let e = Workspace::open("{\"format\": \"sla-workspace\", \"version\": 9}", None)
            .expect_err("newer");
        assert!(e.message().contains("newer version"), "{e}");
        let json = bench()
            .workspace
            .to_json()
            .replace("\"span\": \"2026-02\"", "\"span\": 3");
        let e = Workspace::open(&json, None).expect_err("bad span");
        assert!(e.message().starts_with("span:"), "{e}");
        let e = Workspace::open("{\"format\": \"zip\"}", None).expect_err("unknown");
        assert!(e.message().contains("\"zip\""), "{e}");
    }

    #[test]
    fn open_errors_say_where_and_why_in_the_words_they_always_had() {
        let message = |text: &str| {
            Workspace::open(text, None)
                .expect_err("refused")
                .to_string()
        };
        assert_eq!(
            message("{}"),
            "the file has no \"format\": expected \"sla-workspace\", \"sla-agreements\" or \"sla-measurements\"."
        );
        assert_eq!(
            message("{\"format\": \"sla-workspace\", \"version\": 1, \"colour\": 1}"),
            "colour: unknown field; a workspace has format, version, name, span, agreements and measurements."
        );
        assert_eq!(
            message("{\"format\": \"sla-workspace\", \"version\": 1, \"name\": \"x\", \"span\": \"2026-01\"}"),
            "agreements: missing."
        );
        assert_eq!(
            message("{\"format\": \"sla-agreements\", \"services\": {}}"),
            "agreements.services: expected a list."
        );
        assert_eq!(
            message("{\"format\": \"sla-measurements\", \"version\": 1}"),
            "a measurement file needs a workspace to join: open or create one first."
        );
        let agreements = r#"{"format": "sla-agreements", "services": [], "agreements": []}"#;
        assert_eq!(
            Workspace::open(agreements, None).expect("opens").name,
            "Imported agreements"
        );
    }

    #[test]
    fn a_bare_agreement_file_becomes_a_workspace() {
        let text = include_str!("../../../examples/cloud-sla.json");
        let opened = Workspace::open(text, None).expect("opens");
        assert!(opened.agreement_file().is_ok());
        assert!(opened.measurements.outages.is_empty());
    }
}
