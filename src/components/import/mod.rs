//! Measurement import: choose a CSV file or paste rows, check how it is
//! read (dialect, mapping, time zone, day/month order), import it with a
//! progress bar that can be cancelled, then see what was used, what was
//! skipped and why, and the figures. Every import can be undone.
//!
//! The file is read in slices and parsed between frames: the page stays
//! responsive whatever the file's size.
//!
//! A source whose first byte other than spaces is `{` or `[` is a status
//! page's incident history in Statuspage's JSON. Only a page that gives a
//! [`StatusReader`] reads one (the workbench, see
//! `crate::components::import::status`): the source is read whole and the
//! reader shows its preview and starts its import, which then ends as a CSV
//! import does (the same summary, undo and figures). Elsewhere (the
//! calculator) the panel says where histories are read, and the page's wasm
//! carries none of the reader's code.
//!
//! Embedded (the workbench's measurements, `onimported` set), the importer
//! hands every record it holds to its parent after each import, and leaves
//! undo to the parent.

pub mod audit;
pub mod status;

use std::cell::Cell;
use std::rc::Rc;

use sla_engine::model::MeasurementFile;
use sla_engine::units::estimate_text;
use sla_import::dataset::Batch;
use sla_import::decode::Encoding;
use sla_import::dialect::{delimiter_label, DELIMITERS, SAMPLE_BYTES};
use sla_import::figures::{Builder, Figures};
use sla_import::import::{errors_csv, Importer, RowError, Summary as ImportSummary};
use sla_import::mapping::{prepare, Field, Kind, Overrides, PriorityMapping, Proposal};
use sla_import::presets;
use sla_import::preview::{of_sample, Preview};
use sla_import::statuspage;
use sla_import::values::{
    ClockUnit, DateOrder, DurationUnit, ImpactUnit, TimestampFormat, IMPACT_WORDS,
};
use sla_import::zone::Zone;
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::download;
use crate::browser::files::Data;
use crate::browser::{self, zone};
use crate::components::import::audit::{AuditForm, AuditReader};
use crate::components::site_header::WORKBENCH_PAGE;
use crate::i18n::{texts, Count, Rows};
use crate::state::import::{
    BatchRef, ImportAction, ImportState, LastImport, Scan, Source, StatusChoices,
};

/// Bytes read from a file at a time.
const SLICE_BYTES: u64 = 4 << 20;
/// Bytes parsed between two checks of the clock (a few milliseconds).
const PIECE_BYTES: usize = 64 << 10;
/// Parsing time before the page gets the main thread back: well under the
/// 50 ms of a long task, with room for the progress's render and for a
/// machine that is busy with other work.
const BUDGET_MS: f64 = 16.0;
/// Records gathered for the figures between two checks of the clock.
const GATHER_RECORDS: usize = 50_000;
/// Rows shown in the preview and skipped rows shown in the summary.
const PREVIEW_ROWS: usize = 8;
pub(crate) const SHOWN_ERRORS: usize = 100;
/// Tickets listed in a note (the pauses not read), before "…".
const SHOWN_LISTED: usize = 20;

/// The files the file field offers: CSV and its kin, and JSON too where
/// Statuspage histories are read.
const CSV_TYPES: &str = ".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain";
const CSV_OR_JSON_TYPES: &str =
    ".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,text/plain,application/json";

fn saved_key(proposal: &Proposal) -> String {
    format!("sla-import:{}", proposal.settings.source_key())
}

pub(crate) fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} KB", estimate_text(bytes as f64 / 1000.0, 1))
    } else {
        format!("{} MB", estimate_text(bytes as f64 / 1_000_000.0, 1))
    }
}

/// `1,234,567`, as a count for a message.
pub(crate) fn count(n: u64) -> Count {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    Count::shown(n, out)
}

/// Rows read, used and skipped, as counts for a message.
pub(crate) fn rows(read: u64, used: u64, skipped: u64) -> Rows {
    Rows {
        read: count(read),
        used: count(used),
        skipped: count(skipped),
    }
}

/// Reads the first bytes of a source and dispatches it with the mapping the
/// user saved for files of the same shape, if any; a Statuspage history goes
/// to `reader`, or, without one, the user is told where it is read.
fn choose(
    state: UseReducerHandle<ImportState>,
    name: String,
    data: Data,
    reader: Option<StatusReader>,
    audits: Option<AuditReader>,
) {
    spawn_local(async move {
        let sample = match data.read(0, SAMPLE_BYTES as u64).await {
            Ok(sample) => sample,
            Err(message) => {
                state.dispatch(ImportAction::Failed(message));
                return;
            }
        };
        let complete = sample.len() as u64 >= data.size();
        // Reading the sample, detecting its layout and rendering its preview
        // are each a task of their own: together they can pass 50 ms.
        browser::yield_now().await;
        if statuspage::starts_as_json(&sample) {
            match reader {
                Some(reader) => (reader.choose)(state, name, data, sample),
                None => state.dispatch(ImportAction::JsonElsewhere(name)),
            }
            return;
        }
        if let Some(dialect) = sla_import::audit::recognise(&sample, complete) {
            if audits.is_none() {
                state.dispatch(ImportAction::Failed(
                    texts().import().audit_elsewhere(&name),
                ));
                return;
            }
            state.dispatch(ImportAction::ChooseAudit(
                Source {
                    name,
                    data,
                    sample: Rc::new(sample),
                },
                dialect,
            ));
            return;
        }
        let mut overrides = Overrides::default();
        if let Ok((proposal, _)) =
            prepare(&sample, complete, &state.time_zone, &Overrides::default())
        {
            if let Some((saved, zone)) = browser::load(&saved_key(&proposal))
                .ok()
                .flatten()
                .as_deref()
                .and_then(Overrides::from_saved)
            {
                overrides = saved;
                if !zone.is_empty() {
                    state.dispatch(ImportAction::TimeZone(zone));
                }
            }
        }
        browser::yield_now().await;
        state.dispatch(ImportAction::Choose(
            Source {
                name,
                data,
                sample: Rc::new(sample),
            },
            overrides,
        ));
    });
}

/// Hands the main thread back to the page every [`BUDGET_MS`] of work, and
/// says whether the user cancelled meanwhile.
pub(crate) struct Pacer {
    since: f64,
    cancel: Rc<Cell<bool>>,
}

impl Pacer {
    pub(crate) fn new(cancel: Rc<Cell<bool>>) -> Pacer {
        Pacer {
            since: browser::now_ms(),
            cancel,
        }
    }

    /// The budget is spent.
    fn due(&self) -> bool {
        browser::now_ms() - self.since > BUDGET_MS
    }

    /// Yields to the page; `false` when the import was cancelled meanwhile.
    async fn pause(&mut self) -> bool {
        browser::yield_now().await;
        self.since = browser::now_ms();
        !self.cancel.get()
    }
}

/// What a run of the reader is for.
#[derive(Clone)]
enum Purpose {
    /// The whole file's preview: nothing is added.
    Scan,
    /// The import, its priorities mapped to the agreement's (in the
    /// workbench) by the user's choices.
    Import {
        targets: Option<PriorityTargets>,
        chosen: Vec<(String, String)>,
    },
}

/// The agreement's ticket priorities, with the rules that map an export's
/// to them ([`sla_import::mapping::propose_priority_map`] and
/// [`Batch::map_priorities_to`]). The workbench gives them; the calculator,
/// without an agreement, has none, and its wasm does not carry the rules.
#[derive(Clone)]
pub struct PriorityTargets {
    pub wanted: Rc<Vec<String>>,
    pub propose: ProposeFn,
    pub map: MapFn,
}

/// `(found, wanted, chosen)` → how each priority found maps.
pub type ProposeFn = fn(&[String], &[String], &[(String, String)]) -> Vec<PriorityMapping>;
/// Maps a batch's priorities: `(batch, wanted, chosen)` → how each mapped.
pub type MapFn = fn(&mut Batch, &[String], &[(String, String)]) -> Vec<PriorityMapping>;

impl PartialEq for PriorityTargets {
    fn eq(&self, other: &PriorityTargets) -> bool {
        self.wanted == other.wanted
    }
}

/// Reads a source between frames, for its preview or to import it.
fn run(
    state: UseReducerHandle<ImportState>,
    proposal: Proposal,
    source: Source,
    cancel: Rc<Cell<bool>>,
    purpose: Purpose,
) {
    let Some(zone) = zone::zone(&proposal.settings.time_zone) else {
        return;
    };
    let figure_zone = zone.clone();
    let scanning = matches!(purpose, Purpose::Scan);
    if !scanning {
        let _ = browser::save(&saved_key(&proposal), &proposal.settings.save());
    }
    cancel.set(false);
    spawn_local(async move {
        let total = source.data.size();
        state.dispatch(ImportAction::Started {
            total,
            now_ms: browser::now_ms(),
            scanning,
        });
        let settings = proposal.settings.clone();
        let mut importer = match Importer::new(proposal.settings, zone, &source.name) {
            Ok(importer) => importer,
            Err(problems) => {
                state.dispatch(ImportAction::Failed(problems.join(" ")));
                return;
            }
        };
        // Rows in the file, estimated from the lines of its first bytes (plus 5 %).
        let lines = source.sample.iter().filter(|b| **b == b'\n').count().max(1) as f64;
        let estimate = total as f64 / source.sample.len().max(1) as f64 * lines * 1.05;
        importer.reserve(estimate as usize);
        let mut offset = 0u64;
        let mut pacer = Pacer::new(cancel);
        while offset < total && !importer.stopped() {
            let bytes = match source.data.read(offset, offset + SLICE_BYTES).await {
                Ok(bytes) if !bytes.is_empty() => bytes,
                Ok(_) => break,
                Err(message) => {
                    state.dispatch(ImportAction::Failed(message));
                    return;
                }
            };
            offset += bytes.len() as u64;
            for piece in bytes.chunks(PIECE_BYTES) {
                importer.feed(piece);
                if pacer.due() {
                    state.dispatch(ImportAction::Progress(
                        importer.progress(),
                        browser::now_ms(),
                    ));
                    if !pacer.pause().await {
                        state.dispatch(ImportAction::Cancelled);
                        return;
                    }
                }
            }
            // Between slices, always: the progress moves and the file's next slice is read.
            state.dispatch(ImportAction::Progress(
                importer.progress(),
                browser::now_ms(),
            ));
            if !pacer.pause().await {
                state.dispatch(ImportAction::Cancelled);
                return;
            }
        }
        // The end of the file, the figures and the summary's render: each in
        // a task of its own (the loop above yielded after its last slice).
        let mut outcome = importer.finish();
        if !pacer.pause().await {
            state.dispatch(ImportAction::Cancelled);
            return;
        }
        let priorities = match purpose {
            Purpose::Scan => {
                state.dispatch(ImportAction::Scanned(Rc::new(Scan {
                    preview: Preview::new(&outcome, true),
                    summary: outcome.summary,
                    settings,
                })));
                return;
            }
            Purpose::Import {
                targets: Some(targets),
                chosen,
            } if !targets.wanted.is_empty() => {
                (targets.map)(&mut outcome.batch, &targets.wanted, &chosen)
            }
            Purpose::Import { .. } => Vec::new(),
        };
        let Some(figures) = figures(&outcome.batch, &figure_zone, &mut pacer).await else {
            state.dispatch(ImportAction::Cancelled);
            return;
        };
        if !pacer.pause().await {
            state.dispatch(ImportAction::Cancelled);
            return;
        }
        state.dispatch(ImportAction::Finished(
            Box::new((outcome, figures, priorities, None)),
            browser::now_ms(),
        ));
    });
}

/// The figures of an imported batch: records gathered a slice at a time,
/// then one service or priority at a time, between frames. `None` when the
/// user cancelled meanwhile.
pub(crate) async fn figures(batch: &Batch, zone: &Zone, pacer: &mut Pacer) -> Option<Figures> {
    let mut builder = Builder::empty();
    let mut from = 0;
    while from < batch.len() {
        let to = from + GATHER_RECORDS;
        builder.gather(
            batch,
            from.min(batch.outages.len())..to.min(batch.outages.len()),
            from.min(batch.tickets.len())..to.min(batch.tickets.len()),
        );
        from = to;
        if pacer.due() && !pacer.pause().await {
            return None;
        }
    }
    while builder.step(zone) {
        if pacer.due() && !pacer.pause().await {
            return None;
        }
    }
    Some(builder.finish(zone))
}

/// An import as the workbench takes it: every record the importer holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// Every record the importer holds (all its batches, oldest first), as one file.
    pub measurements: MeasurementFile,
    /// The user chose to replace the records already there instead of adding to them.
    pub replaced: bool,
}

/// What an embedded importer hands over after each import: its batches as
/// they are, turned into the engine's records by whoever takes them, at
/// once ([`Handed::imported`]) or a part at a time (the workbench's import
/// module, which hands a large import over in parts).
#[derive(Clone)]
pub struct Handed {
    /// Every batch the importer holds, oldest first.
    pub batches: Vec<BatchRef>,
    /// The user chose to replace the records already there instead of adding to them.
    pub replaced: bool,
}

impl Handed {
    /// Every record, as one file (the outages of all batches, then their
    /// tickets).
    pub fn imported(&self) -> Imported {
        Imported {
            measurements: crate::state::import::measurements_of(&self.batches),
            replaced: self.replaced,
        }
    }
}

#[derive(Properties, PartialEq, Default)]
pub struct ImportProps {
    /// Embeds the importer: called after each import (from an effect on the
    /// last import) with every record it holds. Its own undo and redo of
    /// imports are hidden: the parent keeps the history.
    #[prop_or_default]
    pub onimported: Option<Callback<Handed>>,
    /// Embedded: the outages and tickets the parent already holds; the
    /// choice between adding and replacing is about them.
    #[prop_or_default]
    pub existing: usize,
    /// Embedded: the agreement's ticket priorities, to which the file's
    /// priorities are mapped (by rank, or as the user chooses).
    #[prop_or_default]
    pub priorities: Option<PriorityTargets>,
    /// Reads status page histories (Statuspage's JSON): given by the
    /// workbench only, so that no other page links the reader.
    #[prop_or_default]
    pub status: Option<StatusReader>,
    /// Reads field-change audits (ServiceNow `sys_audit`): given by the
    /// calculator's import module; without one (the workbench), an audit
    /// chosen is answered with where it is read.
    #[prop_or_default]
    pub audit: Option<AuditReader>,
}

/// The Statuspage part of the panel, given by the page that offers it (see
/// `crate::components::import::status::READER`): plain function pointers, so
/// a page that gives none (the calculator) links none of that code.
#[derive(Clone, Copy)]
pub struct StatusReader {
    /// Reads a history chosen (its name, the source and its first bytes)
    /// whole, and dispatches it or why it is not read.
    pub choose: fn(UseReducerHandle<ImportState>, String, Data, Vec<u8>),
    /// The preview of a history chosen, whose form starts its import.
    pub preview: fn(StatusPreviewProps) -> Html,
    /// What the summary of an imported history shows instead of the CSV's
    /// line and skipped-rows wording (`None` for a CSV import).
    pub summary: fn(&LastImport, bool) -> Option<StatusSummary>,
    /// The panel's introduction, file label and paste hint.
    pub texts: fn() -> (&'static str, &'static str, &'static str),
}

impl PartialEq for StatusReader {
    /// A page gives the same reader on every render: props never change
    /// because of it.
    fn eq(&self, _: &StatusReader) -> bool {
        true
    }
}

/// What the preview of a Statuspage history is given (see [`StatusReader::preview`]).
#[derive(Properties, PartialEq)]
pub struct StatusPreviewProps {
    pub state: UseReducerHandle<ImportState>,
    pub source: Source,
    pub status: StatusChoices,
    pub zones: Rc<Vec<String>>,
    /// The records an import would add to or replace.
    pub records: usize,
    pub embedded: bool,
    pub dispatch: Callback<ImportAction>,
    pub cancel: Rc<Cell<bool>>,
}

/// The summary of an imported Statuspage history, in its own words.
pub struct StatusSummary {
    /// The summary line (`#import-summary-line`) and what the history gave.
    pub head: Html,
    /// The heading and the caption of the listed incidents.
    pub listed_heading: &'static str,
    pub listed_caption: String,
}

/// The last import, compared by identity: a new import is a new `Rc`, even
/// when it reads the same file again.
#[derive(Clone)]
struct SameImport(Option<Rc<LastImport>>);

impl PartialEq for SameImport {
    fn eq(&self, other: &SameImport) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

#[component]
pub fn Import(props: &ImportProps) -> Html {
    let t = texts().import();
    let state = use_reducer(|| ImportState::new(zone::browser_zone()));
    let embedded = props.onimported.is_some();
    {
        let onimported = props.onimported.clone();
        let state = state.clone();
        use_effect_with(SameImport(state.last.clone()), move |last| {
            if let (Some(onimported), Some(last)) = (onimported, &last.0) {
                onimported.emit(Handed {
                    batches: state.batches.clone(),
                    replaced: last.replaced,
                });
            }
        });
    }
    let records = if embedded {
        props.existing
    } else {
        state.records()
    };
    let cancel = use_memo((), |_| Rc::new(Cell::new(false)));
    let zones = use_memo((), |_| zone::zone_names());
    let preview = {
        let key = (
            state
                .source
                .as_ref()
                .filter(|_| state.status.is_none())
                .map(|s| (s.sample.clone(), s.complete())),
            state.overrides.clone(),
            state.time_zone.clone(),
        );
        use_memo(key, |(source, overrides, time_zone)| {
            source.as_ref().map(|(sample, complete)| {
                prepare(sample, *complete, time_zone, overrides).map_err(|e| e.to_string())
            })
        })
    };
    let paste_ref = use_node_ref();

    let reader = props.status;
    let audits = props.audit;
    let onfile = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                choose(state.clone(), file.name(), Data::File(file), reader, audits);
            }
            // Choosing the same file again is a new choice.
            input.set_value("");
        })
    };
    let onpaste = {
        let state = state.clone();
        let paste_ref = paste_ref.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                if text.trim().is_empty() {
                    state.dispatch(ImportAction::Failed(t.paste_first.into()));
                    return;
                }
                let name = if statuspage::starts_as_json(text.as_bytes()) {
                    t.pasted_history
                } else {
                    t.pasted_rows
                };
                choose(
                    state.clone(),
                    name.into(),
                    Data::Bytes(Rc::new(text.into_bytes())),
                    reader,
                    audits,
                );
            }
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: ImportAction| state.dispatch(action))
    };

    let body = if let Some(running) = state.running {
        let cancel = cancel.clone();
        let oncancel = Callback::from(move |_: MouseEvent| cancel.set(true));
        let seconds = ((running.now_ms - running.started_ms) / 1000.0).max(0.001);
        let p = running.progress;
        let name = state
            .source
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        html! {
            <div class="import-running">
                <label for="import-progress">{ if running.scanning { t.scanning(&name) } else { t.importing(&name) } }</label>
                <progress id="import-progress" max={running.total.max(1).to_string()} value={p.bytes.to_string()}></progress>
                <p id="import-progress-text" role="status">
                    { t.progress(
                        &rows(p.rows, p.used, p.skipped),
                        &megabytes(p.bytes),
                        &megabytes(running.total),
                        &estimate_text(p.bytes as f64 / 1_000_000.0 / seconds, 1),
                        &count((p.rows as f64 / seconds) as u64),
                    ) }
                </p>
                <button type="button" id="import-cancel" onclick={oncancel}>{ t.cancel_import }</button>
            </div>
        }
    } else if let (Some(source), Some(audit), Some(reader)) =
        (state.source.clone(), state.audit, props.audit)
    {
        html! {
            <AuditForm
                state={state.clone()}
                {source}
                {audit}
                zones={zones.clone()}
                {records}
                {embedded}
                {dispatch}
                cancel={(*cancel).clone()}
                priorities={props.priorities.clone()}
                {reader}
            />
        }
    } else if let (Some(source), Some(status), Some(reader)) =
        (state.source.clone(), state.status.clone(), reader)
    {
        (reader.preview)(StatusPreviewProps {
            state: state.clone(),
            source,
            status,
            zones: zones.clone(),
            records,
            embedded,
            dispatch,
            cancel: (*cancel).clone(),
        })
    } else if let (Some(source), Some(result)) = (state.source.clone(), (*preview).clone()) {
        match result {
            Err(message) => html! {
                <div class="import-refused">
                    <p class="error" role="alert" id="import-refused">{ t.refused(&source.name, &message) }</p>
                    <button type="button" onclick={dispatch.reform(|_: MouseEvent| ImportAction::Clear)}>{ t.choose_another }</button>
                </div>
            },
            Ok((proposal, rows)) => {
                let onstart = {
                    let state = state.clone();
                    let proposal = proposal.clone();
                    let source = source.clone();
                    let cancel = cancel.clone();
                    let targets = props.priorities.clone();
                    Callback::from(move |event: SubmitEvent| {
                        event.prevent_default();
                        run(
                            state.clone(),
                            proposal.clone(),
                            source.clone(),
                            (*cancel).clone(),
                            Purpose::Import {
                                targets: targets.clone(),
                                chosen: state.priority_choices.clone(),
                            },
                        );
                    })
                };
                let onscan = {
                    let state = state.clone();
                    let proposal = proposal.clone();
                    let source = source.clone();
                    let cancel = cancel.clone();
                    Callback::from(move |_: MouseEvent| {
                        run(
                            state.clone(),
                            proposal.clone(),
                            source.clone(),
                            (*cancel).clone(),
                            Purpose::Scan,
                        );
                    })
                };
                html! {
                    <PreviewForm
                        state={state.clone()}
                        {proposal}
                        {records}
                        {embedded}
                        rows={Rc::new(rows)}
                        zones={zones.clone()}
                        {dispatch}
                        {onstart}
                        {onscan}
                        priorities={props.priorities.clone()}
                    />
                }
            }
        }
    } else {
        html! {}
    };

    let (intro, file_label, paste_hint, accept) = match reader {
        Some(reader) => {
            let (intro, label, hint) = (reader.texts)();
            (intro, label, Some(hint), CSV_OR_JSON_TYPES)
        }
        None => (t.intro, t.csv_file, None, CSV_TYPES),
    };
    html! {
        <div class="import">
            <p>{ intro }</p>
            if let Some(message) = &state.message {
                <p class="notice" role="status" id="import-message">
                    {message.clone()}
                    {" "}
                    <button type="button" class="link" onclick={let s = state.clone(); Callback::from(move |_: MouseEvent| s.dispatch(ImportAction::DismissMessage))}>{ texts().common().dismiss }</button>
                </p>
            }
            if let Some(name) = &state.json_elsewhere {
                <p class="notice" role="status" id="import-json-elsewhere">
                    { t.json_elsewhere(name) }
                    {" "}
                    <a href={WORKBENCH_PAGE}>{ t.open_workbench }</a>
                </p>
            }
            if state.running.is_none() {
                <div class="import-source">
                    <div class="field">
                        <label for="import-file">{ file_label }</label>
                        <input type="file" id="import-file" {accept} onchange={onfile} />
                    </div>
                    <div class="field">
                        <label for="import-paste">{ t.paste_label }</label>
                        <textarea id="import-paste" rows="3" ref={paste_ref} spellcheck="false" aria-describedby={paste_hint.map(|_| "import-paste-hint")} />
                        if let Some(paste_hint) = paste_hint {
                            <p class="hint" id="import-paste-hint">{ paste_hint }</p>
                        }
                        <button type="button" id="import-use-paste" onclick={onpaste}>{ t.read_pasted }</button>
                    </div>
                </div>
            }
            {body}
            <Results state={state.clone()} {embedded} {reader} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PreviewProps {
    state: UseReducerHandle<ImportState>,
    proposal: Proposal,
    rows: Rc<Vec<sla_import::dialect::SampleRow>>,
    zones: Rc<Vec<String>>,
    /// The records an import would add to or replace.
    records: usize,
    embedded: bool,
    dispatch: Callback<ImportAction>,
    onstart: Callback<SubmitEvent>,
    /// Reads the whole file for its preview.
    onscan: Callback<MouseEvent>,
    /// The agreement's ticket priorities (none outside the workbench).
    priorities: Option<PriorityTargets>,
}

fn select_value(event: &Event) -> String {
    let select: HtmlSelectElement = event.target_unchecked_into();
    select.value()
}

#[component]
fn PreviewForm(props: &PreviewProps) -> Html {
    let t = texts().import();
    let state = &props.state;
    let Some(source) = state.source.clone() else {
        return html! {};
    };
    let settings = &props.proposal.settings;
    let dialect = settings.dialect;
    let dispatch = props.dispatch.clone();
    let zone_known = zone::zone(&state.time_zone).is_some();
    let ambiguous = !props.proposal.ambiguous_dates.is_empty() && !state.date_order_confirmed;
    // Once answered, the question stays on screen (with the answer) so it can be changed.
    let show_date_order = !props.proposal.ambiguous_dates.is_empty()
        || (state.date_order_confirmed
            && settings
                .columns
                .iter()
                .any(|c| matches!(c.format, Some(TimestampFormat::Numeric(_)))));
    let mut problems = props.proposal.problems.clone();
    if !zone_known {
        problems.push(t.unknown_zone(&state.time_zone));
    }
    if ambiguous {
        problems.push(t.confirm_date_order.into());
    }
    let ready = problems.is_empty();
    let data_rows: Vec<_> = props
        .rows
        .iter()
        .skip(usize::from(dialect.header))
        .take(PREVIEW_ROWS)
        .collect();
    let example = props
        .proposal
        .ambiguous_dates
        .first()
        .copied()
        .or_else(|| {
            settings
                .columns
                .iter()
                .position(|c| matches!(c.format, Some(TimestampFormat::Numeric(_))))
        })
        .and_then(|c| data_rows.iter().find_map(|r| r.fields.get(c)))
        .cloned()
        .unwrap_or_default();
    let has_impact = settings.columns.iter().any(|c| c.field == Field::Impact);
    // A history (an update counter or time) with a state column: its
    // on-hold spans can be the tickets' pauses, when the user says so.
    let mapped = |f: Field| settings.columns.iter().any(|c| c.field == f);
    let history_with_states = settings.kind == Kind::Tickets
        && mapped(Field::State)
        && (mapped(Field::Revision) || mapped(Field::Updated));
    let impact_unit = settings
        .impact_unit
        .or(props.proposal.impact.map(|reading| reading.unit));
    let impact_reading = props.proposal.impact.map(|reading| reading.to_string());
    // Asked only when a duration column holds values such as `12:30` (or the
    // reading was chosen): nothing else reads two ways.
    let clock = props.proposal.clock;
    let clock_unit = settings.clock_unit.or(clock.map(|reading| reading.unit));
    let on = |make: fn(String) -> Option<ImportAction>| {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            if let Some(action) = make(select_value(&event)) {
                dispatch.emit(action);
            }
        })
    };
    let ontz = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            dispatch.emit(ImportAction::TimeZone(input.value().trim().to_string()));
        })
    };
    let preset_name = settings.preset.and_then(presets::by_id).map(|p| p.name);
    html! {
        <form class="import-preview" aria-labelledby="import-preview-title" onsubmit={props.onstart.clone()}>
            <h3 id="import-preview-title">{ t.check_how_read(&source.name) }</h3>
            <p class="detected" id="import-detected">
                { t.detected(
                    dialect.encoding.label(),
                    delimiter_label(dialect.syntax.delimiter),
                    dialect.header,
                    dialect.line_end.label(),
                    &megabytes(source.data.size()),
                    preset_name,
                ) }
            </p>
            if !props.proposal.preset_evidence.is_empty() {
                <p class="hint" id="import-evidence">
                    { t.recognised_by(&props.proposal.preset_evidence.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")) }
                </p>
            }
            if !props.proposal.notes.is_empty() {
                <ul class="notes" id="import-notes">
                    { for props.proposal.notes.iter().map(|n| html! { <li>{n.clone()}</li> }) }
                </ul>
            }
            <fieldset class="import-options">
                <legend>{ t.reading }</legend>
                <div class="field">
                    <label for="import-delimiter">{ t.delimiter }</label>
                    <select id="import-delimiter" onchange={on(|v| v.parse::<u8>().ok().map(ImportAction::Delimiter))}>
                        { for DELIMITERS.iter().map(|d| html! {
                            <option value={d.to_string()} selected={*d == dialect.syntax.delimiter}>{delimiter_label(*d)}</option>
                        }) }
                    </select>
                </div>
                <div class="field check">
                    <input type="checkbox" id="import-header" checked={dialect.header}
                        onchange={dispatch.reform(|e: Event| ImportAction::Header(e.target_unchecked_into::<HtmlInputElement>().checked()))} />
                    <label for="import-header">{ t.header_row }</label>
                </div>
                <div class="field">
                    <label for="import-encoding">{ t.encoding }</label>
                    <select id="import-encoding" onchange={on(|v| Encoding::from_id(&v).map(ImportAction::Encoding))}>
                        { for [Encoding::Utf8, Encoding::Windows1252].iter().map(|e| html! {
                            <option value={e.id()} selected={*e == dialect.encoding}>{e.label()}</option>
                        }) }
                    </select>
                </div>
            </fieldset>
            <fieldset class="import-options">
                <legend>{ t.meaning }</legend>
                <div class="field">
                    <label for="import-preset">{ t.export }</label>
                    <select id="import-preset" onchange={on(|v| Some(ImportAction::Preset((!v.is_empty()).then_some(v))))}>
                        <option value="" selected={settings.preset.is_none()}>{ t.other_export }</option>
                        { for presets::ALL.iter().map(|p| html! {
                            <option value={p.id} selected={settings.preset == Some(p.id)}>{p.name}</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="import-kind">{ t.records_are }</label>
                    <select id="import-kind" onchange={on(|v| Kind::from_id(&v).map(ImportAction::Kind))}>
                        { for Kind::ALL.iter().map(|k| html! {
                            <option value={k.id()} selected={*k == settings.kind}>{ t.kind_name(*k) }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="import-tz">{ t.time_zone }</label>
                    <input id="import-tz" list="import-tz-list" value={state.time_zone.clone()} onchange={ontz}
                        aria-invalid={(!zone_known).to_string()} autocomplete="off" />
                    <datalist id="import-tz-list">
                        { for props.zones.iter().map(|z| html! { <option value={z.clone()} /> }) }
                    </datalist>
                </div>
                <div class="field check">
                    <input type="checkbox" id="import-decimal-comma" checked={settings.decimal_comma}
                        onchange={dispatch.reform(|e: Event| ImportAction::DecimalComma(e.target_unchecked_into::<HtmlInputElement>().checked()))} />
                    <label for="import-decimal-comma">{ t.decimal_comma }</label>
                </div>
                <div class="field">
                    <label for="import-duration-unit">{ t.duration_unit }</label>
                    <select id="import-duration-unit" onchange={on(|v| DurationUnit::from_id(&v).map(ImportAction::DurationUnit))}>
                        { for DurationUnit::ALL.iter().map(|u| html! {
                            <option value={u.id()} selected={*u == settings.duration_unit}>{u.label()}</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="import-empty-markers">{ t.empty_markers }</label>
                    <input id="import-empty-markers" size="34" value={settings.empty_markers.join(", ")}
                        aria-describedby="import-empty-markers-hint" autocomplete="off" spellcheck="false"
                        onchange={dispatch.reform(|e: Event| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            ImportAction::EmptyMarkers(
                                input.value().split(',').map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned).collect(),
                            )
                        })} />
                    <p class="hint" id="import-empty-markers-hint">{ t.empty_markers_hint }</p>
                </div>
                if history_with_states {
                    <div class="field check">
                        <input type="checkbox" id="import-pauses-from-states" checked={settings.pauses_from_states}
                            aria-describedby="import-pauses-from-states-hint"
                            onchange={dispatch.reform(|e: Event| ImportAction::PausesFromStates(e.target_unchecked_into::<HtmlInputElement>().checked()))} />
                        <label for="import-pauses-from-states">{ t.pauses_from_states }</label>
                        <p class="hint" id="import-pauses-from-states-hint">{ t.pauses_from_states_hint }</p>
                    </div>
                }
                if has_impact {
                    <div class="field">
                        <label for="import-impact-unit">{ t.impact_unit }</label>
                        <select id="import-impact-unit" aria-describedby="import-impact-reading"
                            onchange={on(|v| ImpactUnit::from_id(&v).map(ImportAction::ImpactUnit))}>
                            { for ImpactUnit::ALL.iter().map(|u| html! {
                                <option value={u.id()} selected={Some(*u) == impact_unit}>{u.label()}</option>
                            }) }
                        </select>
                        // How the column was read, and on what evidence: a
                        // file never changes meaning without a word.
                        <p class="hint" id="import-impact-reading" role="status">
                            { impact_reading.clone().unwrap_or_default() }
                        </p>
                    </div>
                }
                if let Some(reading) = clock {
                    <div class="field">
                        <label for="import-clock-unit">{ t.clock_unit }</label>
                        <select id="import-clock-unit" aria-describedby="import-clock-reading"
                            onchange={on(|v| ClockUnit::from_id(&v).map(ImportAction::ClockUnit))}>
                            { for ClockUnit::ALL.iter().map(|u| html! {
                                <option value={u.id()} selected={Some(*u) == clock_unit}>{u.label()}</option>
                            }) }
                        </select>
                        <p class="hint" id="import-clock-reading" role="status">
                            { reading.to_string() }
                        </p>
                    </div>
                }
            </fieldset>
            if show_date_order {
                <fieldset class="confirm" id="import-date-order">
                    <legend>{ t.date_order_question(&example) }</legend>
                    { for [(DateOrder::DayFirst, t.day_first, "import-day-first"), (DateOrder::MonthFirst, t.month_first, "import-month-first")].into_iter().map(|(order, label, id)| {
                        let checked = state.date_order_confirmed && state.overrides.date_order == Some(order);
                        html! {
                            <div class="field check">
                                <input type="radio" name="import-date-order" {id} {checked}
                                    onchange={dispatch.reform(move |_: Event| ImportAction::DateOrder(order))} />
                                <label for={id}>{label}</label>
                            </div>
                        }
                    }) }
                </fieldset>
            }
            <div class="table-wrap">
                <table class="import-table" id="import-preview-table">
                    <caption>{ t.preview_caption(&Count::plain(data_rows.len())) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ t.line }</th>
                            { for settings.columns.iter().enumerate().map(|(i, column)| {
                                let id = format!("import-col-{}", i + 1);
                                let dispatch = dispatch.clone();
                                let onchange = Callback::from(move |event: Event| {
                                    if let Some(field) = Field::from_id(&select_value(&event)) {
                                        dispatch.emit(ImportAction::Column(i, field));
                                    }
                                });
                                let choices = std::iter::once(Field::Ignore).chain(settings.kind.fields().iter().copied());
                                html! {
                                    <th scope="col">
                                        <span class="column-name">{column.header.clone()}</span>
                                        <label class="visually-hidden" for={id.clone()}>{ t.column_imported_as(i + 1, &column.header) }</label>
                                        <select id={id} {onchange}>
                                            { for choices.map(|f| html! {
                                                <option value={f.id()} selected={f == column.field}>{f.label()}</option>
                                            }) }
                                        </select>
                                        if let Some(format) = column.format {
                                            <span class="hint">{format.label()}</span>
                                        }
                                    </th>
                                }
                            }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for data_rows.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{row.line}</th>
                                { for (0..settings.columns.len()).map(|i| html! {
                                    <td>{row.fields.get(i).cloned().unwrap_or_default()}</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if settings.columns.iter().any(|c| c.field == Field::Impact) {
                <p class="note">{ t.impact_words(IMPACT_WORDS) }</p>
            }
            if ready {
                <FilePreview state={state.clone()} settings={settings.clone()} size={source.data.size()}
                    priorities={props.priorities.clone()} onscan={props.onscan.clone()} dispatch={dispatch.clone()} />
            }
            { start_import(Start {
                records: props.records,
                embedded: props.embedded,
                replace: state.replace,
                problems: &problems,
                size: source.data.size(),
                dispatch: &dispatch,
            }) }
        </form>
    }
}

/// What an import would start with.
pub(crate) struct Start<'a> {
    /// The records an import would add to or replace.
    pub records: usize,
    pub embedded: bool,
    pub replace: bool,
    /// What keeps the import from starting, listed above the button
    /// (`#import-problems`); none: it can start.
    pub problems: &'a [String],
    /// The source's size in bytes.
    pub size: u64,
    pub dispatch: &'a Callback<ImportAction>,
}

/// The end of a preview: add to the records already there or replace them,
/// then start (or choose another source).
pub(crate) fn start_import(props: Start<'_>) -> Html {
    let t = texts().import();
    let dispatch = props.dispatch;
    let records = count(props.records as u64);
    let already = if props.embedded {
        t.already_in_measurements(&records)
    } else {
        t.already_imported(&records)
    };
    html! {
        <>
            if !props.problems.is_empty() {
                <ul class="problems" id="import-problems">
                    { for props.problems.iter().map(|p| html! { <li>{p.clone()}</li> }) }
                </ul>
            }
            if props.records > 0 {
                <fieldset class="confirm">
                    <legend>{already}</legend>
                    <div class="field check">
                        <input type="radio" name="import-mode" id="import-add" checked={!props.replace}
                            onchange={dispatch.reform(|_: Event| ImportAction::Replace(false))} />
                        <label for="import-add">{ t.add_records }</label>
                    </div>
                    <div class="field check">
                        <input type="radio" name="import-mode" id="import-replace" checked={props.replace}
                            onchange={dispatch.reform(|_: Event| ImportAction::Replace(true))} />
                        <label for="import-replace">{ t.replace_records }</label>
                    </div>
                </fieldset>
            }
            <div class="actions">
                <button type="submit" id="import-start" disabled={!props.problems.is_empty()}>{ t.import_size(&megabytes(props.size)) }</button>
                <button type="button" onclick={dispatch.reform(|_: MouseEvent| ImportAction::Clear)}>{ t.choose_another }</button>
            </div>
        </>
    }
}

/// What was skipped, for [`skipped`].
pub(crate) struct Skipped<'a> {
    /// The ids of the list of reasons and of the table: `import-reasons`
    /// and `import-errors` in the summary, others in a preview.
    pub reasons_id: &'static str,
    pub errors_id: &'static str,
    /// Skipped rows (listed incidents) per reason, most frequent first.
    pub reasons: &'a [(String, u64)],
    pub errors: &'a Rc<Vec<RowError>>,
    /// The heading of the reasons and the table's caption (rows or
    /// incidents, the first [`SHOWN_ERRORS`] of how many).
    pub heading: &'a str,
    pub caption: String,
    /// Offer the skipped rows as a CSV download (`import-download-errors`).
    pub download: bool,
}

/// What was skipped and why: the reasons with their counts, the first
/// [`SHOWN_ERRORS`] rows, and the CSV of them all.
pub(crate) fn skipped(props: Skipped<'_>) -> Html {
    let t = texts().import();
    let errors = props.errors.clone();
    let ondownload = Callback::from(move |_: MouseEvent| {
        download(
            "skipped-rows.csv",
            "text/csv;charset=utf-8",
            &errors_csv(&errors),
        );
    });
    html! {
        <>
            <h4>{ props.heading }</h4>
            <ul class="reasons" id={props.reasons_id}>
                { for props.reasons.iter().map(|(reason, n)| html! { <li>{ t.reason_count(&count(*n), reason) }</li> }) }
            </ul>
            <div class="table-wrap">
                <table class="import-errors" id={props.errors_id}>
                    <caption>{ props.caption }</caption>
                    <thead><tr><th scope="col">{ t.line }</th><th scope="col">{ t.record }</th><th scope="col">{ t.column }</th><th scope="col">{ t.value }</th><th scope="col">{ t.reason }</th></tr></thead>
                    <tbody>
                        { for props.errors.iter().take(SHOWN_ERRORS).map(|e| html! {
                            <tr>
                                <td>{e.line}</td>
                                <td>{e.record}</td>
                                <td>{e.column.clone().unwrap_or_default()}</td>
                                <td><code>{e.value.clone()}</code></td>
                                <td>{e.reason.clone()}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            if props.download {
                <button type="button" id="import-download-errors" onclick={ondownload}>
                    { t.download_skipped(&count(props.errors.len() as u64)) }
                </button>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsProps {
    state: UseReducerHandle<ImportState>,
    /// The parent keeps the records and their history: no undo here.
    embedded: bool,
    reader: Option<StatusReader>,
}

/// The last import's summary and figures, and the records imported so far.
#[component]
fn Results(props: &ResultsProps) -> Html {
    let state = &props.state;
    let undo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(ImportAction::Undo))
    };
    let redo = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(ImportAction::Redo))
    };
    let records = state.records();
    let t = texts().import();
    let batches: Vec<String> = state
        .batches
        .iter()
        .map(|b| t.batch(&b.source, &count(b.len() as u64), b.kind))
        .collect();
    html! {
        <>
            if let Some(last) = state.last.clone() {
                <Summary {last} embedded={props.embedded} reader={props.reader} />
            }
            <div class="import-records" id="import-records" aria-live="polite">
                <p>
                    {if records == 0 {
                        t.no_records_yet.to_string()
                    } else if props.embedded {
                        t.records_here(&count(records as u64), &batches)
                    } else {
                        t.records_in_tab(&count(records as u64), &batches)
                    }}
                </p>
                if !props.embedded {
                <div class="actions">
                    <button type="button" id="import-undo" onclick={undo} disabled={state.undo.is_empty() || state.running.is_some()}>{ t.undo_import }</button>
                    <button type="button" id="import-redo" onclick={redo} disabled={state.redo.is_empty() || state.running.is_some()}>{ t.redo_import }</button>
                </div>
                }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct SummaryProps {
    last: Rc<LastImport>,
    embedded: bool,
    reader: Option<StatusReader>,
}

#[component]
fn Summary(props: &SummaryProps) -> Html {
    let t = texts().import();
    let last = &props.last;
    let s = &last.summary;
    let status = props
        .reader
        .and_then(|reader| (reader.summary)(last, props.embedded));
    let shown = Count::plain(last.errors.len().min(SHOWN_ERRORS));
    let (head, heading, caption) = match status {
        Some(status) => (status.head, status.listed_heading, status.listed_caption),
        None => (
            html! {
                <p id="import-summary-line" role="status">
                    { t.summary(
                        &rows(s.rows, s.used, s.skipped),
                        &megabytes(s.bytes),
                        &estimate_text(last.seconds, 1),
                        last.replaced,
                        props.embedded,
                    ) }
                </p>
            },
            t.skipped_by_reason,
            t.errors_caption(&shown, &count(s.skipped)),
        ),
    };
    html! {
        <section class="import-summary" id="import-summary" aria-labelledby="import-summary-title">
            <h3 id="import-summary-title">{ t.imported(&last.source) }</h3>
            {head}
            if let Some(stopped) = &s.stopped {
                <p class="error" role="alert">{stopped.clone()}</p>
            }
            { note_list("import-summary-notes", summary_notes(s, "import")) }
            if !last.priorities.is_empty() {
                <div class="notes" id="import-priorities-mapped">
                    <p>{ t.priorities_mapped }</p>
                    <ul>
                        { for last.priorities.iter().map(|m| html! { <li>{ m.to_string() }</li> }) }
                    </ul>
                </div>
            }
            if let Some(history) = s.history.as_ref().filter(|h| !h.ids.is_empty()) {
                <details class="import-history" id="import-history-details">
                    <summary>{ t.history_caption(&count(history.ids.len() as u64)) }</summary>
                    <div class="table-wrap">
                        <table id="import-history-table">
                            <thead><tr><th scope="col">{ t.history_id }</th><th scope="col">{ t.history_kept }</th><th scope="col">{ t.history_left_out }</th></tr></thead>
                            <tbody>
                                { for history.ids.iter().take(SHOWN_ERRORS).map(|c| html! {
                                    <tr>
                                        <td>{c.id.clone()}</td>
                                        <td>{ c.kept.map_or_else(|| t.history_none_kept.to_string(), |l| l.to_string()) }</td>
                                        <td>{ c.left_out.iter().map(u32::to_string).collect::<Vec<_>>().join(", ") }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                </details>
            }
            if s.skipped > 0 {
                { skipped(Skipped {
                    reasons_id: "import-reasons",
                    errors_id: "import-errors",
                    reasons: &s.reasons,
                    errors: &last.errors,
                    heading,
                    caption,
                    download: true,
                }) }
            }
            <FiguresView figures={last.figures.clone()} zone={last.time_zone.clone()} />
        </section>
    }
}

/// What an import's summary says beyond its counts: the history, tickets
/// resolved at their close time, ids on several rows and the empty markers
/// met, each with its element id (`{prefix}-history`, ...).
fn summary_notes(s: &ImportSummary, prefix: &str) -> Vec<(String, String)> {
    let t = texts().import();
    let mut notes = Vec::new();
    if let Some(history) = &s.history {
        notes.push((format!("{prefix}-history"), history.text()));
    }
    if s.resolved_at_close > 0 {
        notes.push((
            format!("{prefix}-resolved-at-close"),
            t.resolved_at_close(&count(s.resolved_at_close)),
        ));
    }
    if s.repeated_ids > 0 {
        notes.push((
            format!("{prefix}-repeated-ids"),
            t.repeated_ids(&count(s.repeated_ids)),
        ));
    }
    if let Some(pauses) = &s.state_pauses {
        notes.push((format!("{prefix}-state-pauses"), pauses.text()));
        let mut listed: Vec<String> = pauses
            .listed
            .iter()
            .take(SHOWN_LISTED)
            .map(|e| t.line_reason(e.line, &e.reason))
            .collect();
        if pauses.listed.len() > SHOWN_LISTED {
            listed.push("…".into());
        }
        if !listed.is_empty() {
            notes.push((format!("{prefix}-state-pauses-listed"), listed.join("; ")));
        }
    }
    if !s.empty_markers.is_empty() {
        let found: Vec<String> = s
            .empty_markers
            .iter()
            .map(|(m, n)| t.marker_count(m, &count(*n)))
            .collect();
        notes.push((
            format!("{prefix}-empty-found"),
            t.read_as_empty(&found.join(", ")),
        ));
    }
    notes
}

/// A list of notes, each item with its id; nothing when there are none.
fn note_list(id: &str, notes: Vec<(String, String)>) -> Html {
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="notes" id={id.to_string()}>
            { for notes.into_iter().map(|(id, text)| html! { <li {id}>{text}</li> }) }
        </ul>
    }
}

/// `Closed 2,300, Resolved 1,000`.
fn tally(counts: &[(String, u64)]) -> String {
    counts
        .iter()
        .map(|(what, n)| format!("{what} {}", count(*n)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Properties, PartialEq)]
struct FilePreviewProps {
    state: UseReducerHandle<ImportState>,
    /// The settings the import would use.
    settings: sla_import::mapping::Settings,
    /// The source's size in bytes.
    size: u64,
    priorities: Option<PriorityTargets>,
    onscan: Callback<MouseEvent>,
    dispatch: Callback<ImportAction>,
}

/// What the file holds, before anything is added: of its first bytes at
/// once, of the whole file when read for it; and in the workbench, the
/// agreement's priority each of the file's priorities will count as.
#[component]
fn FilePreview(props: &FilePreviewProps) -> Html {
    let t = texts().import();
    let state = &props.state;
    let sampled = {
        use_memo(
            (props.settings.clone(), state.source.clone()),
            |(settings, source)| {
                let source = source.as_ref()?;
                // The form shows an unknown zone; without one there is no preview.
                let zone = zone::zone(&settings.time_zone)?;
                Some(of_sample(
                    &source.sample,
                    source.complete(),
                    settings.clone(),
                    zone,
                    &source.name,
                ))
            },
        )
    };
    let scan = state
        .scan
        .as_ref()
        .map(|s| &s.0)
        .filter(|s| s.settings == props.settings);
    let (preview, summary) = match (scan, sampled.as_ref()) {
        (Some(scan), _) => (&scan.preview, &scan.summary),
        (None, Some(Ok((preview, summary)))) => (preview, summary),
        // The settings cannot be read with: the import would refuse them
        // the same way, so say it here.
        (None, Some(Err(problems))) => {
            return html! {
                <p class="error" id="import-preview-error">{ problems.join(" ") }</p>
            }
        }
        (None, None) => return html! {},
    };
    let zone_name = &props.settings.time_zone;
    let local = |instant: i64| {
        zone::zone(zone_name)
            .and_then(|z| z.to_local(instant))
            .map(|t| sla_engine::time::iso::local_text(t, ' ', false))
            .unwrap_or_default()
    };
    let found: Vec<String> = preview.priorities.iter().map(|(p, _)| p.clone()).collect();
    let targets = props
        .priorities
        .as_ref()
        .filter(|t| !t.wanted.is_empty() && !found.is_empty());
    let mapping = targets.map(|t| (t.propose)(&found, &t.wanted, &state.priority_choices));
    let wanted = targets.map(|t| t.wanted.clone()).unwrap_or_default();
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut line = |id: &str, text: String| lines.push((format!("import-preview-{id}"), text));
    if let Some((first, last)) = preview.span {
        line(
            "span",
            t.preview_span(&local(first), &local(last), zone_name),
        );
    }
    if preview.tickets > 0 {
        line(
            "tickets",
            t.preview_tickets(
                &count(preview.tickets),
                &count(preview.open),
                &count(preview.resolved),
            ),
        );
    }
    if preview.outages > 0 {
        line(
            "outages",
            t.preview_outages(&count(preview.outages), &count(preview.planned)),
        );
    }
    if !preview.states.is_empty() {
        line("states", t.preview_states(&tally(&preview.states)));
    }
    if mapping.is_none() && !preview.priorities.is_empty() {
        line(
            "priorities",
            t.preview_priorities(&tally(&preview.priorities)),
        );
    }
    if preview.skipped > 0 {
        line("skipped", t.preview_skipped(&count(preview.skipped)));
    }
    lines.extend(summary_notes(summary, "import-preview"));
    html! {
        <section class="import-file-preview" id="import-file-preview" aria-labelledby="import-file-preview-title">
            <h4 id="import-file-preview-title">{ t.preview_title }</h4>
            <p id="import-preview-rows">
                { t.preview_rows(&count(preview.rows), preview.whole, &megabytes(props.size)) }
                if !preview.whole {
                    {" "}
                    <button type="button" id="import-scan" onclick={props.onscan.clone()}>{ t.scan_whole }</button>
                }
            </p>
            { note_list("import-preview-notes", lines) }
            if let Some(mapping) = mapping {
                <div class="table-wrap">
                    <table id="import-priority-map">
                        <caption>{ t.priority_map_caption }</caption>
                        <thead><tr><th scope="col">{ t.in_file }</th><th scope="col">{ t.tickets }</th><th scope="col">{ t.counted_as }</th><th scope="col">{ t.reason }</th></tr></thead>
                        <tbody>
                            { for mapping.into_iter().zip(&preview.priorities).enumerate().map(|(i, (m, (_, n)))| {
                                let id = format!("import-priority-{}", i + 1);
                                let from = m.from.clone();
                                let dispatch = props.dispatch.clone();
                                let onchange = Callback::from(move |event: Event| {
                                    dispatch.emit(ImportAction::Priority(from.clone(), select_value(&event)));
                                });
                                html! {
                                    <tr>
                                        <th scope="row"><label for={id.clone()}>{ m.from.clone() }</label></th>
                                        <td>{ count(*n).to_string() }</td>
                                        <td>
                                            <select {id} {onchange}>
                                                <option value={m.from.clone()} selected={m.to.as_deref().is_none_or(|to| to == m.from)}>{ t.as_written }</option>
                                                { for wanted.iter().filter(|p| **p != m.from).map(|p| html! {
                                                    <option value={p.clone()} selected={m.to.as_deref() == Some(p.as_str())}>{ p.clone() }</option>
                                                }) }
                                            </select>
                                        </td>
                                        <td>{ t.priority_why(m.why) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FiguresProps {
    figures: Rc<Figures>,
    zone: String,
}

#[component]
fn FiguresView(props: &FiguresProps) -> Html {
    let t = texts().import();
    let f = &props.figures;
    html! {
        <>
            if !f.services.is_empty() {
                <div class="table-wrap">
                    <table class="import-figures" id="import-services">
                        <caption>{ t.services_caption(&props.zone) }</caption>
                        <thead><tr><th scope="col">{ t.service }</th><th scope="col">{ t.outages }</th><th scope="col">{ t.planned }</th><th scope="col">{ t.downtime }</th><th scope="col">{ t.availability_per_month }</th></tr></thead>
                        <tbody>
                            { for f.services.iter().map(|s| html! {
                                <tr>
                                    <th scope="row">{s.service.clone()}</th>
                                    <td>{s.outages}</td>
                                    <td>{s.planned}</td>
                                    <td>{s.downtime.human()}</td>
                                    <td>{s.months.iter().map(|m| t.month_availability(&m.month, &m.availability.to_percent_string(4), &m.downtime.human())).collect::<Vec<_>>().join("; ")}</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if !f.priorities.is_empty() {
                <div class="table-wrap">
                    <table class="import-figures" id="import-priorities">
                        <caption>{ t.priorities_caption }</caption>
                        <thead><tr><th scope="col">{ t.priority }</th><th scope="col">{ t.tickets }</th><th scope="col">{ t.open }</th><th scope="col">{ t.median_first_response }</th><th scope="col">{ t.median_resolution }</th><th scope="col">{ t.p90_resolution }</th></tr></thead>
                        <tbody>
                            { for f.priorities.iter().map(|p| html! {
                                <tr>
                                    <th scope="row">{p.priority.clone()}</th>
                                    <td>{p.tickets}</td>
                                    <td>{p.open}</td>
                                    <td>{p.median_response.map(|t| t.human()).unwrap_or_else(|| "–".into())}</td>
                                    <td>{p.median_resolution.map(|t| t.human()).unwrap_or_else(|| "–".into())}</td>
                                    <td>{p.p90_resolution.map(|t| t.human()).unwrap_or_else(|| "–".into())}</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </>
    }
}
