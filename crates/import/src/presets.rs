//! Column mappings for well-known exports. Each preset lists the export's
//! documented column headers and what they mean; headers are matched
//! case-insensitively after trimming.

use crate::mapping::{Field, Kind};
use crate::values::DurationUnit;

/// A known export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable id (`jira-sm`, `servicenow-incident`, ...), used by the CLI and saved mappings.
    pub id: &'static str,
    /// Shown to the user: "Jira Service Management issues".
    pub name: &'static str,
    pub kind: Kind,
    /// Header → field. Several headers may map to the same field as
    /// alternatives (the first present column wins); headers not listed are ignored.
    pub columns: &'static [(&'static str, Field)],
    /// Headers that, all present, identify this export (auto-detection).
    pub signature: &'static [&'static str],
    /// The unit of bare numbers in duration columns of this export.
    pub duration_unit: DurationUnit,
    /// Where the column list comes from (vendor documentation), shown to the user.
    pub source: &'static str,
}

/// Every preset, in the order the app lists them.
pub const ALL: &[Preset] = &[];
