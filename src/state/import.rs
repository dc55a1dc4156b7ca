//! The import's state: the chosen source, the user's choices over the
//! detection, the running import, and the imported batches with an undo
//! history. Changed only through [`ImportAction`].

use std::rc::Rc;

use sla_engine::model::{MeasurementFile, FORMAT_VERSION, MEASUREMENT_FORMAT};
use sla_import::dataset::Batch;
use sla_import::figures::Figures;
use sla_import::import::{Outcome, Progress, RowError, Summary};
use sla_import::mapping::{Field, Kind, Overrides, PriorityMapping, Settings};
use sla_import::preview::Preview;
use sla_import::values::{ClockUnit, DateOrder, DurationUnit, ImpactUnit};
use yew::Reducible;

use crate::browser::files::Data;
use crate::i18n::texts;

/// Imported records, compared by identity (a batch can hold millions of
/// records: comparing them for a re-render would cost more than the render).
#[derive(Clone)]
pub struct BatchRef(pub Rc<Batch>);

impl PartialEq for BatchRef {
    fn eq(&self, other: &BatchRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for BatchRef {
    type Target = Batch;
    fn deref(&self) -> &Batch {
        &self.0
    }
}

/// A chosen file or pasted text, with its first bytes for detection.
#[derive(Clone, PartialEq)]
pub struct Source {
    pub name: String,
    pub data: Data,
    /// The first [`sla_import::dialect::SAMPLE_BYTES`].
    pub sample: Rc<Vec<u8>>,
}

impl Source {
    pub fn complete(&self) -> bool {
        self.sample.len() as u64 >= self.data.size()
    }
}

/// An import being read.
#[derive(Clone, Copy, PartialEq)]
pub struct Running {
    /// Read for the preview only: nothing is added.
    pub scanning: bool,
    pub total: u64,
    pub progress: Progress,
    pub started_ms: f64,
    pub now_ms: f64,
}

/// What the last import did, kept for the summary and the error download.
#[derive(Clone, PartialEq)]
pub struct LastImport {
    pub source: String,
    pub summary: Summary,
    pub errors: Rc<Vec<RowError>>,
    pub replaced: bool,
    pub seconds: f64,
    pub figures: Rc<Figures>,
    /// The zone the figures' months are in.
    pub time_zone: String,
    /// How the file's priorities were mapped to the agreement's (embedded
    /// in the workbench; empty otherwise).
    pub priorities: Vec<PriorityMapping>,
}

/// The whole file read for its preview, with the settings it was read with
/// (a preview of other settings is stale).
pub struct Scan {
    pub settings: Settings,
    pub preview: Preview,
    pub summary: Summary,
}

/// A [`Scan`], compared by identity (a new scan is a new `Rc`).
#[derive(Clone)]
pub struct ScanRef(pub Rc<Scan>);

impl PartialEq for ScanRef {
    fn eq(&self, other: &ScanRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Clone, PartialEq, Default)]
pub struct ImportState {
    pub source: Option<Source>,
    pub overrides: Overrides,
    pub time_zone: String,
    /// The user confirmed the order of day and month.
    pub date_order_confirmed: bool,
    /// Replace the records already imported instead of adding to them.
    pub replace: bool,
    pub running: Option<Running>,
    /// Imported records, oldest first.
    pub batches: Vec<BatchRef>,
    /// Earlier `batches`, for undo.
    pub undo: Vec<Vec<BatchRef>>,
    pub redo: Vec<Vec<BatchRef>>,
    pub last: Option<Rc<LastImport>>,
    /// A message for the user (a cancelled import, an unreadable file).
    pub message: Option<String>,
    /// The whole source read for its preview.
    pub scan: Option<ScanRef>,
    /// The agreement's priority the user chose for a priority as the file
    /// writes it (`("1 - Critical", "P1")`).
    pub priority_choices: Vec<(String, String)>,
}

impl ImportState {
    pub fn new(time_zone: String) -> ImportState {
        ImportState {
            time_zone,
            ..ImportState::default()
        }
    }

    pub fn records(&self) -> usize {
        self.batches.iter().map(|b| b.len()).sum()
    }

    /// Every imported record as one measurement file: the batches' outages
    /// and tickets, oldest batch first (instants in UTC).
    pub fn measurements(&self) -> MeasurementFile {
        let mut all = MeasurementFile {
            format: MEASUREMENT_FORMAT.into(),
            version: FORMAT_VERSION,
            ..MeasurementFile::default()
        };
        for batch in &self.batches {
            let file = batch.to_measurements();
            all.outages.extend(file.outages);
            all.tickets.extend(file.tickets);
        }
        all
    }
}

pub enum ImportAction {
    /// A new file or paste: detection starts over (with a saved mapping, if any).
    Choose(Source, Overrides),
    Clear,
    Delimiter(u8),
    Header(bool),
    Encoding(sla_import::decode::Encoding),
    Preset(Option<String>),
    Kind(Kind),
    /// Column index (0-based) and its new field.
    Column(usize, Field),
    DateOrder(DateOrder),
    DecimalComma(bool),
    DurationUnit(DurationUnit),
    /// How bare numbers in the impact column are read (percent or factor).
    ImpactUnit(ImpactUnit),
    /// How durations written `a:b` are read (h:mm or mm:ss).
    ClockUnit(ClockUnit),
    /// The values read as an empty field (`NULL`, `?`, ...).
    EmptyMarkers(Vec<String>),
    /// A history's on-hold spans become the tickets' pauses.
    PausesFromStates(bool),
    TimeZone(String),
    Replace(bool),
    /// The agreement's priority for a priority as the file writes it.
    Priority(String, String),
    Started {
        total: u64,
        now_ms: f64,
        scanning: bool,
    },
    Progress(Progress, f64),
    /// The whole source was read for its preview.
    Scanned(Rc<Scan>),
    /// The import's outcome, its figures and how its priorities were mapped.
    Finished(Box<(Outcome, Figures, Vec<PriorityMapping>)>, f64),
    Cancelled,
    Failed(String),
    Undo,
    Redo,
    DismissMessage,
}

impl Reducible for ImportState {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ImportAction::Choose(source, overrides) => {
                next.source = Some(source);
                next.overrides = overrides;
                next.date_order_confirmed = next.overrides.date_order.is_some();
                next.message = None;
                next.scan = None;
                next.priority_choices.clear();
            }
            ImportAction::Clear => {
                next.source = None;
                next.overrides = Overrides::default();
                next.date_order_confirmed = false;
                next.scan = None;
                next.priority_choices.clear();
            }
            ImportAction::Delimiter(d) => {
                next.overrides.delimiter = Some(d);
                // Columns change with the delimiter: earlier column choices no longer apply.
                next.overrides.columns.clear();
            }
            ImportAction::Header(h) => next.overrides.header = Some(h),
            ImportAction::Encoding(e) => next.overrides.encoding = Some(e),
            ImportAction::Preset(p) => {
                next.overrides.preset = p;
                next.overrides.kind = None;
                next.overrides.columns.clear();
            }
            ImportAction::Kind(k) => {
                next.overrides.kind = Some(k);
                next.overrides.preset = None;
                next.overrides.columns.clear();
            }
            ImportAction::Column(index, field) => {
                let key = (index + 1).to_string();
                next.overrides
                    .columns
                    .retain(|(c, f)| *c != key && (*f != field || field == Field::Ignore));
                next.overrides.columns.push((key, field));
            }
            ImportAction::DateOrder(order) => {
                next.overrides.date_order = Some(order);
                next.date_order_confirmed = true;
            }
            ImportAction::DecimalComma(dc) => next.overrides.decimal_comma = Some(dc),
            ImportAction::DurationUnit(u) => next.overrides.duration_unit = Some(u),
            ImportAction::ImpactUnit(u) => next.overrides.impact_unit = Some(u),
            ImportAction::ClockUnit(u) => next.overrides.clock_unit = Some(u),
            ImportAction::EmptyMarkers(markers) => next.overrides.empty_markers = Some(markers),
            ImportAction::PausesFromStates(on) => next.overrides.pauses_from_states = Some(on),
            ImportAction::TimeZone(tz) => next.time_zone = tz,
            ImportAction::Replace(r) => next.replace = r,
            ImportAction::Priority(from, to) => {
                next.priority_choices.retain(|(f, _)| *f != from);
                next.priority_choices.push((from, to));
            }
            ImportAction::Started {
                total,
                now_ms,
                scanning,
            } => {
                next.running = Some(Running {
                    scanning,
                    total,
                    progress: Progress::default(),
                    started_ms: now_ms,
                    now_ms,
                });
                next.message = None;
            }
            ImportAction::Progress(progress, now_ms) => {
                if let Some(running) = next.running.as_mut() {
                    running.progress = progress;
                    running.now_ms = now_ms;
                }
            }
            ImportAction::Scanned(scan) => {
                next.running = None;
                next.scan = Some(ScanRef(scan));
            }
            ImportAction::Finished(outcome, now_ms) => {
                let seconds = next
                    .running
                    .map_or(0.0, |r| (now_ms - r.started_ms) / 1000.0);
                next.running = None;
                let (
                    Outcome {
                        batch,
                        summary,
                        errors,
                    },
                    figures,
                    priorities,
                ) = *outcome;
                next.undo.push(next.batches.clone());
                next.redo.clear();
                if next.replace {
                    next.batches.clear();
                }
                if !batch.is_empty() {
                    next.batches.push(BatchRef(Rc::new(batch)));
                }
                next.last = Some(Rc::new(LastImport {
                    source: next
                        .source
                        .as_ref()
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    summary,
                    errors: Rc::new(errors),
                    replaced: next.replace,
                    seconds,
                    figures: Rc::new(figures),
                    time_zone: next.time_zone.clone(),
                    priorities,
                }));
                next.source = None;
                next.replace = false;
                next.scan = None;
                next.priority_choices.clear();
            }
            ImportAction::Cancelled => {
                next.running = None;
                next.message = Some(texts().import().cancelled.into());
            }
            ImportAction::Failed(message) => {
                next.running = None;
                next.message = Some(message);
            }
            ImportAction::Undo => {
                let Some(previous) = next.undo.pop() else {
                    return self;
                };
                let current = std::mem::replace(&mut next.batches, previous);
                next.redo.push(current);
                next.last = None;
            }
            ImportAction::Redo => {
                let Some(later) = next.redo.pop() else {
                    return self;
                };
                let current = std::mem::replace(&mut next.batches, later);
                next.undo.push(current);
            }
            ImportAction::DismissMessage => next.message = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sla_import::dataset::{Outage, TextId, Ticket};

    #[test]
    fn the_impact_reading_can_be_switched() {
        let state = Rc::new(ImportState::default());
        let next = state.reduce(ImportAction::ImpactUnit(ImpactUnit::Factor));
        assert_eq!(next.overrides.impact_unit, Some(ImpactUnit::Factor));
        let back = next.reduce(ImportAction::ImpactUnit(ImpactUnit::Percent));
        assert_eq!(back.overrides.impact_unit, Some(ImpactUnit::Percent));
    }

    #[test]
    fn the_clock_reading_can_be_switched() {
        let state = Rc::new(ImportState::default());
        let next = state.reduce(ImportAction::ClockUnit(ClockUnit::MinutesSeconds));
        assert_eq!(next.overrides.clock_unit, Some(ClockUnit::MinutesSeconds));
        let back = next.reduce(ImportAction::ClockUnit(ClockUnit::HoursMinutes));
        assert_eq!(back.overrides.clock_unit, Some(ClockUnit::HoursMinutes));
        // A new file starts from its own (or its saved) choices.
        let other = back.reduce(ImportAction::Clear);
        assert_eq!(other.overrides.clock_unit, None);
    }

    #[test]
    fn a_priority_choice_replaces_the_earlier_one_for_its_value_and_a_new_file_forgets_it() {
        let state = Rc::new(ImportState::default());
        let next = state
            .reduce(ImportAction::Priority("Sev 2".into(), "P1".into()))
            .reduce(ImportAction::Priority("Sev 3".into(), "P3".into()))
            .reduce(ImportAction::Priority("Sev 2".into(), "P2".into()));
        assert_eq!(
            next.priority_choices,
            [
                ("Sev 3".to_string(), "P3".to_string()),
                ("Sev 2".to_string(), "P2".to_string())
            ]
        );
        assert!(next.reduce(ImportAction::Clear).priority_choices.is_empty());
    }

    #[test]
    fn every_batch_joins_one_measurement_file_oldest_first() {
        let mut outages = Batch::new("outages.csv", Kind::Outages, "UTC");
        let mail = outages.texts.intern("mail");
        outages.outages.push(Outage {
            service: mail,
            // 2026-03-05T10:00Z and 11:00Z
            start: 1_772_704_800_000_000_000,
            end: 1_772_708_400_000_000_000,
            impact_ppb: 1_000_000_000,
            planned: false,
            supplier: TextId::NONE,
            cause: TextId::NONE,
            line: 2,
        });
        let mut tickets = Batch::new("tickets.csv", Kind::Tickets, "UTC");
        let id = tickets.texts.intern("T-1");
        let priority = tickets.texts.intern("P1");
        tickets.tickets.push(Ticket {
            id,
            service: TextId::NONE,
            priority,
            created: 1_772_704_800_000_000_000,
            first_response: None,
            resolved: None,
            verdict: None,
            line: 2,
        });
        let state = ImportState {
            batches: vec![BatchRef(Rc::new(outages)), BatchRef(Rc::new(tickets))],
            ..ImportState::default()
        };
        let file = state.measurements();
        assert_eq!(file.format, "sla-measurements");
        assert_eq!(file.outages.len(), 1);
        assert_eq!(file.outages[0].service, "mail");
        assert_eq!(file.tickets.len(), 1);
        assert_eq!(file.tickets[0].id, "T-1");
    }
}
