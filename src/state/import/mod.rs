//! The import's state: the chosen source, the user's choices over the
//! detection, the running import, and the imported batches with an undo
//! history. Changed only through [`ImportAction`].

use std::rc::Rc;

use sla_engine::model::{MeasurementFile, FORMAT_VERSION, MEASUREMENT_FORMAT};
use sla_engine::units::PercentError;
use sla_engine::Percent;
use sla_import::dataset::Batch;
use sla_import::dialect::Dialect;
use sla_import::figures::Figures;
use sla_import::import::{Outcome, Progress, RowError, Summary};
use sla_import::mapping::{Field, Kind, Overrides, PriorityMapping, Settings};
use sla_import::preview::Preview;
use sla_import::statuspage::{Impact, Weights};
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

/// The whole text of a source, compared by identity (it can be 20 MB).
#[derive(Clone)]
pub struct Whole(pub Rc<Vec<u8>>);

impl PartialEq for Whole {
    fn eq(&self, other: &Whole) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A Statuspage history chosen (its whole text) and the user's choices
/// over it: the weight of each impact level and the service id each
/// component becomes, as typed.
#[derive(Clone, PartialEq)]
pub struct StatusChoices {
    pub text: Whole,
    /// The weights as typed, in [`Impact::ALL`]'s order.
    pub weights: [String; 5],
    /// The weights last read without error: what the preview shows while a
    /// field is wrong (the import waits until it is mended).
    pub applied: Weights,
    /// The service ids typed, by component name; a component not here
    /// keeps its own name.
    pub services: Vec<(String, String)>,
}

impl StatusChoices {
    /// The defaults: [`Weights::default`], every component its own name.
    pub fn new(text: Rc<Vec<u8>>) -> StatusChoices {
        let applied = Weights::default();
        StatusChoices {
            text: Whole(text),
            weights: Impact::ALL.map(|impact| applied.weight(impact).to_decimal_string()),
            applied,
            services: Vec::new(),
        }
    }

    /// The weight typed for `impact`, read.
    ///
    /// # Errors
    /// Text that is not a percentage from 0 to 100.
    pub fn weight(&self, impact: Impact) -> Result<Percent, PercentError> {
        Percent::parse(&self.weights[position(impact)])
    }

    /// The weights typed, when every one reads.
    pub fn read_weights(&self) -> Option<Weights> {
        Impact::ALL
            .into_iter()
            .try_fold(Weights::default(), |weights, impact| {
                self.weight(impact).ok().map(|w| weights.with(impact, w))
            })
    }

    /// The service id typed for `component`, as typed (its name when none was).
    pub fn service_text<'a>(&'a self, component: &'a str) -> &'a str {
        self.services
            .iter()
            .find(|(c, _)| c == component)
            .map_or(component, |(_, typed)| typed.as_str())
    }

    /// The service id `component` becomes: the text typed, trimmed; `None`
    /// when it is empty.
    pub fn service(&self, component: &str) -> Option<String> {
        let id = self.service_text(component).trim();
        (!id.is_empty()).then(|| id.to_string())
    }
}

/// Where `impact` is in [`Impact::ALL`].
fn position(impact: Impact) -> usize {
    Impact::ALL
        .iter()
        .position(|i| *i == impact)
        .unwrap_or_default()
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
    /// A Statuspage history: what else the summary says about it.
    pub status: Option<Rc<StatusImported>>,
}

/// The whole file read for its preview, with the settings it was read with
/// (a preview of other settings is stale).
pub struct Scan {
    pub settings: Settings,
    pub preview: Preview,
    pub summary: Summary,
}

/// A field-change audit chosen: its dialect, and whether its on-hold spans
/// become pauses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AuditChoices {
    pub dialect: Dialect,
    pub pauses: bool,
}

/// A [`Scan`], compared by identity (a new scan is a new `Rc`).
#[derive(Clone)]
pub struct ScanRef(pub Rc<Scan>);

impl PartialEq for ScanRef {
    fn eq(&self, other: &ScanRef) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the summary says of a Statuspage history imported, beyond the
/// counts of incidents (rows) used and listed (skipped).
#[derive(Debug, Clone, PartialEq)]
pub struct StatusImported {
    /// `page.name`, when the file has one.
    pub page: Option<String>,
    /// Outages imported, of which planned.
    pub outages: usize,
    pub planned: usize,
    /// Each component and the service id it became, in the order first met.
    pub services: Vec<(String, String)>,
    /// The notes on incidents used (a maintenance that overran), as text.
    pub notes: Vec<String>,
}

#[derive(Clone, PartialEq, Default)]
pub struct ImportState {
    pub source: Option<Source>,
    /// The source is a Statuspage history (JSON), read whole: the user's
    /// choices over it. `None` for CSV.
    pub status: Option<StatusChoices>,
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
    /// The source is a field-change audit: how it is read. `None` otherwise.
    pub audit: Option<AuditChoices>,
    /// The agreement's priority the user chose for a priority as the file
    /// writes it (`("1 - Critical", "P1")`).
    pub priority_choices: Vec<(String, String)>,
    /// A status page's history (JSON) chosen where the page reads only CSV
    /// (the calculator): its name, for the pointer to the workbench.
    pub json_elsewhere: Option<String>,
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
        measurements_of(&self.batches)
    }
}

/// The records of `batches` as one measurement file: the outages of every
/// batch, oldest first, then the tickets.
pub fn measurements_of(batches: &[BatchRef]) -> MeasurementFile {
    let mut all = MeasurementFile {
        format: MEASUREMENT_FORMAT.into(),
        version: FORMAT_VERSION,
        ..MeasurementFile::default()
    };
    for batch in batches {
        let file = batch.to_measurements();
        all.outages.extend(file.outages);
        all.tickets.extend(file.tickets);
    }
    all
}

pub enum ImportAction {
    /// A new file or paste: detection starts over (with a saved mapping, if any).
    Choose(Source, Overrides),
    /// A new file or paste that is a Statuspage history, with its whole text.
    ChooseStatus(Source, Rc<Vec<u8>>),
    /// A field-change audit (ServiceNow `sys_audit`) was chosen, read in
    /// this dialect.
    ChooseAudit(Source, Dialect),
    /// An audit's on-hold spans become its tickets' pauses.
    AuditPauses(bool),
    /// A new file or paste (named) that is a Statuspage history, where the
    /// page reads none: nothing is chosen, the user is told where it is read.
    JsonElsewhere(String),
    /// The weight of an impact level, as typed.
    StatusWeight(Impact, String),
    /// The service id a component (by name) becomes, as typed.
    StatusService(String, String),
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
    /// The import's outcome, its figures, how its priorities were mapped
    /// and, for a Statuspage history, what the summary says of it.
    Finished(
        Box<(
            Outcome,
            Figures,
            Vec<PriorityMapping>,
            Option<StatusImported>,
        )>,
        f64,
    ),
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
                next.status = None;
                next.audit = None;
                next.json_elsewhere = None;
                next.overrides = overrides;
                next.date_order_confirmed = next.overrides.date_order.is_some();
                next.message = None;
                next.scan = None;
                next.priority_choices.clear();
            }
            ImportAction::ChooseAudit(source, dialect) => {
                next.source = Some(source);
                next.json_elsewhere = None;
                next.status = None;
                next.audit = Some(AuditChoices {
                    dialect,
                    pauses: false,
                });
                next.overrides = Overrides::default();
                next.date_order_confirmed = false;
                next.message = None;
                next.scan = None;
                next.priority_choices.clear();
            }
            ImportAction::AuditPauses(on) => {
                if let Some(audit) = next.audit.as_mut() {
                    audit.pauses = on;
                }
            }
            ImportAction::ChooseStatus(source, text) => {
                next.audit = None;
                next.source = Some(source);
                next.json_elsewhere = None;
                next.status = Some(StatusChoices::new(text));
                next.overrides = Overrides::default();
                next.date_order_confirmed = false;
                next.message = None;
            }
            ImportAction::JsonElsewhere(name) => {
                next.source = None;
                next.status = None;
                next.message = None;
                next.json_elsewhere = Some(name);
            }
            ImportAction::StatusWeight(impact, text) => {
                let Some(status) = next.status.as_mut() else {
                    return self;
                };
                status.weights[position(impact)] = text;
                if let Ok(weight) = status.weight(impact) {
                    status.applied = status.applied.with(impact, weight);
                }
            }
            ImportAction::StatusService(component, text) => {
                let Some(status) = next.status.as_mut() else {
                    return self;
                };
                match status.services.iter_mut().find(|(c, _)| *c == component) {
                    Some((_, typed)) => *typed = text,
                    None => status.services.push((component, text)),
                }
            }
            ImportAction::Clear => {
                next.source = None;
                next.status = None;
                next.audit = None;
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
                    status,
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
                    status: status.map(Rc::new),
                }));
                next.source = None;
                next.status = None;
                next.replace = false;
                next.scan = None;
                next.audit = None;
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
            ImportAction::DismissMessage => {
                next.message = None;
                next.json_elsewhere = None;
            }
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

    fn pasted(text: &str) -> (Source, Rc<Vec<u8>>) {
        let bytes = Rc::new(text.as_bytes().to_vec());
        let source = Source {
            name: "pasted rows".into(),
            data: Data::Bytes(bytes.clone()),
            sample: bytes.clone(),
        };
        (source, bytes)
    }

    #[test]
    fn a_status_history_starts_from_the_default_weights_and_component_names() {
        let (source, text) = pasted("{\"incidents\": []}");
        let state =
            Rc::new(ImportState::default()).reduce(ImportAction::ChooseStatus(source, text));
        let status = state.status.as_ref().expect("status choices");
        assert_eq!(
            status.weights,
            ["100", "100", "50", "0", "100"].map(String::from)
        );
        assert_eq!(status.read_weights(), Some(Weights::default()));
        assert_eq!(status.service_text("API"), "API");
        assert_eq!(status.service("API").as_deref(), Some("API"));
        // Choosing a CSV file afterwards leaves the history's choices behind.
        let (csv, _) = pasted("service,start\n");
        let state = state.reduce(ImportAction::Choose(csv, Overrides::default()));
        assert!(state.status.is_none());
    }

    #[test]
    fn a_weight_that_does_not_read_is_kept_as_typed_and_the_last_good_one_applies() {
        let (source, text) = pasted("[]");
        let state =
            Rc::new(ImportState::default()).reduce(ImportAction::ChooseStatus(source, text));
        let state = state.reduce(ImportAction::StatusWeight(Impact::Minor, "25 %".into()));
        let status = state.status.as_ref().expect("status choices");
        let quarter = Percent::parse("25").expect("25");
        assert_eq!(status.applied.weight(Impact::Minor), quarter);
        assert_eq!(
            status.read_weights(),
            Some(Weights::default().with(Impact::Minor, quarter))
        );
        let state = state.reduce(ImportAction::StatusWeight(Impact::Minor, "250".into()));
        let status = state.status.as_ref().expect("status choices");
        assert_eq!(status.weights[2], "250");
        assert_eq!(
            status.weight(Impact::Minor),
            Err(PercentError::AboveHundred)
        );
        assert_eq!(status.read_weights(), None);
        assert_eq!(status.applied.weight(Impact::Minor), quarter);
        // The other levels are untouched.
        assert_eq!(status.weight(Impact::Critical), Ok(Percent::HUNDRED));
    }

    #[test]
    fn a_component_becomes_the_service_id_typed_trimmed_and_never_an_empty_one() {
        let (source, text) = pasted("[]");
        let state =
            Rc::new(ImportState::default()).reduce(ImportAction::ChooseStatus(source, text));
        let state = state.reduce(ImportAction::StatusService(
            "API".into(),
            " compute ".into(),
        ));
        let status = state.status.as_ref().expect("status choices");
        assert_eq!(status.service_text("API"), " compute ");
        assert_eq!(status.service("API").as_deref(), Some("compute"));
        assert_eq!(status.service("Web").as_deref(), Some("Web"));
        let state = state.reduce(ImportAction::StatusService("API".into(), "  ".into()));
        let status = state.status.as_ref().expect("status choices");
        assert_eq!(status.services.len(), 1, "one entry per component");
        assert_eq!(status.service("API"), None);
    }

    #[test]
    fn a_history_where_none_is_read_is_pointed_elsewhere_until_the_next_choice() {
        let (source, text) = pasted("[]");
        let state =
            Rc::new(ImportState::default()).reduce(ImportAction::ChooseStatus(source, text));
        let state = state.reduce(ImportAction::JsonElsewhere("pasted history".into()));
        assert_eq!(state.json_elsewhere.as_deref(), Some("pasted history"));
        assert!(state.source.is_none() && state.status.is_none());
        let (csv, _) = pasted("service,start\n");
        let state = state.reduce(ImportAction::Choose(csv, Overrides::default()));
        assert_eq!(state.json_elsewhere, None);
        let state = state.reduce(ImportAction::JsonElsewhere("a.json".into()));
        assert_eq!(
            state.reduce(ImportAction::DismissMessage).json_elsewhere,
            None
        );
    }

    #[test]
    fn status_choices_without_a_status_history_change_nothing() {
        let state = Rc::new(ImportState::default());
        let next = state
            .clone()
            .reduce(ImportAction::StatusWeight(Impact::Minor, "25".into()));
        assert!(Rc::ptr_eq(&state, &next));
        let next = state
            .clone()
            .reduce(ImportAction::StatusService("API".into(), "x".into()));
        assert!(Rc::ptr_eq(&state, &next));
    }

    #[test]
    fn an_imported_status_history_is_summarised_and_can_be_undone() {
        let (source, text) = pasted("[]");
        let state =
            Rc::new(ImportState::default()).reduce(ImportAction::ChooseStatus(source, text));
        let mut batch = Batch::new("pasted rows", Kind::Outages, "UTC");
        let service = batch.texts.intern("compute");
        batch.outages.push(Outage {
            service,
            start: 0,
            end: 60_000_000_000,
            impact_ppb: 1_000_000_000,
            planned: false,
            supplier: TextId::NONE,
            cause: TextId::NONE,
            line: 1,
        });
        let outcome = Outcome {
            batch,
            summary: Summary::default(),
            errors: Vec::new(),
        };
        let imported = StatusImported {
            page: Some("Acme".into()),
            outages: 1,
            planned: 0,
            services: vec![("API".into(), "compute".into())],
            notes: Vec::new(),
        };
        let state = state.reduce(ImportAction::Finished(
            Box::new((
                outcome,
                Figures::default(),
                Vec::new(),
                Some(imported.clone()),
            )),
            0.0,
        ));
        assert!(state.status.is_none() && state.source.is_none());
        let last = state.last.as_ref().expect("last import");
        assert_eq!(last.source, "pasted rows");
        assert_eq!(last.status.as_deref(), Some(&imported));
        assert_eq!(state.measurements().outages[0].service, "compute");
        let undone = state.reduce(ImportAction::Undo);
        assert_eq!(undone.records(), 0);
        assert_eq!(undone.reduce(ImportAction::Redo).records(), 1);
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
