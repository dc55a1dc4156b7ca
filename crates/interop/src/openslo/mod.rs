//! OpenSLO v1: SLO definitions in and out.
//!
//! [`import()`] reads a multi-document YAML (or JSON) file of OpenSLO v1
//! documents (`Service`, `SLI`, `SLO`; alerting kinds are ignored with a
//! note) and maps each SLO objective to one of our [`Target`]s: Occurrences →
//! `occurrences`, Timeslices → `timeslices`, RatioTimeslices →
//! `ratio_timeslices`, a threshold SLI under Occurrences → `percentile`;
//! calendar windows of a month, quarter or year → `month`, `quarter`,
//! `year`; rolling windows of whole days → `rolling_days`. Everything else
//! is listed as a [`Note`] with its document, field path, line and column,
//! and what became of it ([`Effect`]).
//!
//! [`export()`] writes an agreement file's targets as OpenSLO v1 documents
//! (a `Service` per service, an `SLO` per target and service, named
//! `<agreement>-<target>[-<service>]`) and lists what OpenSLO cannot say
//! (credits, service hours, minimum levels…). Our ids travel in
//! `sla-calculator/…` annotations, so the same target id under several
//! agreements and services comes back where it was
//! ([`Imported::agreement_ids`]).
//!
//! The mapping tables are in `docs/interop.md`.

mod export;
mod import;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use export::{export, ExportNote, Exported, CALENDAR_ANCHOR};
pub use import::{import, AgreementDefaults, ImportError, Imported, ImportedTarget};

#[cfg(doc)]
use sla_engine::model::Target;

/// The only `apiVersion` read and written.
pub const API_VERSION: &str = "openslo/v1";

/// Prefix of the annotations this calculator writes, so that what OpenSLO
/// cannot say (our target id, a metric without an OpenSLO equivalent) comes
/// back when the file is read here again. Other tools ignore them.
pub const ANNOTATION_PREFIX: &str = "sla-calculator/";

/// What became of a part of the file that was not taken over as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Effect {
    /// Nothing was made of it (a document, an SLO or an objective): the
    /// message says why and what to change.
    Refused,
    /// Taken over with a change the user should know about (a different
    /// window start, a derived name).
    Changed,
    /// Has no meaning in an agreement (alert policies, data sources) and
    /// was left out.
    Ignored,
}

impl Effect {
    /// `refused`, `changed`, `ignored`.
    pub fn label(self) -> &'static str {
        match self {
            Effect::Refused => "refused",
            Effect::Changed => "changed",
            Effect::Ignored => "ignored",
        }
    }
}

/// Where in an OpenSLO file a note applies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Location {
    /// The YAML document, from 1.
    pub document: usize,
    /// For a document that is a list of objects (a JSON array): the
    /// object's place in it, from 1.
    pub item: Option<usize>,
    /// `SLO`, `SLI`, `Service`, … (empty when the document has none).
    pub kind: String,
    /// `metadata.name` (empty when missing).
    pub name: String,
    /// The field, e.g. `spec.objectives[0].target`; empty for the whole document.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "document {}", self.document)?;
        if let Some(item) = self.item {
            write!(f, " item {item}")?;
        }
        match (self.kind.is_empty(), self.name.is_empty()) {
            (false, false) => write!(f, " ({} `{}`)", self.kind, self.name)?,
            (false, true) => write!(f, " ({})", self.kind)?,
            (true, false) => write!(f, " (`{}`)", self.name)?,
            (true, true) => {}
        }
        if !self.path.is_empty() {
            write!(f, ", {}", self.path)?;
        }
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ", line {line}, column {column}")?;
        }
        Ok(())
    }
}

/// Something in an imported file that was not taken over as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub at: Location,
    pub effect: Effect,
    /// What and why, in words a user can act on.
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}: {}", self.at, self.effect.label(), self.message)
    }
}

/// A name as OpenSLO wants it (RFC 1123 label: lower-case letters, digits
/// and `-`, at most 63 characters, starting and ending alphanumeric).
pub fn dns_label(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_matches('-').chars().take(63).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_dns_labels() {
        assert_eq!(
            dns_label("E-mail SLA / Availability"),
            "e-mail-sla-availability"
        );
        assert_eq!(dns_label("api"), "api");
        assert_eq!(dns_label("__"), "x");
        assert_eq!(dns_label(&"a".repeat(80)).len(), 63);
    }

    #[test]
    fn a_location_reads_as_a_sentence() {
        let at = Location {
            document: 2,
            item: None,
            kind: "SLO".into(),
            name: "api".into(),
            path: "spec.objectives[0].target".into(),
            line: Some(14),
            column: Some(13),
        };
        assert_eq!(
            at.to_string(),
            "document 2 (SLO `api`), spec.objectives[0].target, line 14, column 13"
        );
    }
}
