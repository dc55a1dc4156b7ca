//! A status page's incident history (Statuspage's JSON) in the import panel:
//! its preview (the page, the incidents used and listed, the impact weights
//! and the service id each component becomes), its import and what its
//! summary says (see `docs/import.md`, "Statuspage").
//!
//! The panel reaches this module only through [`READER`], which the
//! workbench's measurements give to [`Import`](crate::components::import::Import):
//! the calculator's page gives none, so its wasm links none of this code,
//! nor the history reader of `sla_import::statuspage`.

use std::cell::Cell;
use std::rc::Rc;

use sla_engine::units::estimate_text;
use sla_import::import::Outcome;
use sla_import::statuspage::{self, History, Impact};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::files::Data;
use crate::browser::{self, zone};
use crate::components::import::{
    count, figures, megabytes, rows, skipped, start_import, Pacer, Skipped, Start,
    StatusPreviewProps, StatusReader, StatusSummary, SHOWN_ERRORS,
};
use crate::components::text_field::TextField;
use crate::i18n::{texts, Count};
use crate::state::import::{ImportAction, ImportState, LastImport, Source, StatusImported};

/// The largest history read: it is parsed whole, at once (the API's own
/// files are a few hundred kilobytes).
pub const MAX_BYTES: u64 = 20_000_000;

/// The Statuspage reader, for the import panel of a page that offers it.
pub const READER: StatusReader = StatusReader {
    choose,
    preview,
    summary,
    texts: panel_texts,
};

/// Reads a history whole (refused above [`MAX_BYTES`]) and dispatches it.
fn choose(state: UseReducerHandle<ImportState>, name: String, data: Data, sample: Vec<u8>) {
    let size = data.size();
    if size > MAX_BYTES {
        state.dispatch(ImportAction::Clear);
        state.dispatch(ImportAction::Failed(
            texts().status_import().status_too_large(
                &name,
                &megabytes(size),
                &megabytes(MAX_BYTES),
            ),
        ));
        return;
    }
    spawn_local(async move {
        let whole = match &data {
            // Pasted text is whole already: no copy.
            Data::Bytes(bytes) => bytes.clone(),
            Data::File(_) if sample.len() as u64 >= size => Rc::new(sample.clone()),
            Data::File(_) => match data.read(0, size).await {
                Ok(whole) => Rc::new(whole),
                Err(message) => {
                    state.dispatch(ImportAction::Failed(message));
                    return;
                }
            },
        };
        state.dispatch(ImportAction::ChooseStatus(
            Source {
                name,
                data,
                sample: Rc::new(sample),
            },
            whole,
        ));
    });
}

fn panel_texts() -> (&'static str, &'static str, &'static str) {
    let t = texts().status_import();
    (t.intro, t.file_label, t.paste_hint)
}

fn preview(props: StatusPreviewProps) -> Html {
    html! { <StatusPreview ..props /> }
}

fn summary(last: &LastImport, embedded: bool) -> Option<StatusSummary> {
    let status = last.status.as_ref()?;
    let t = texts().status_import();
    let s = &last.summary;
    let shown = Count::plain(last.errors.len().min(SHOWN_ERRORS));
    Some(StatusSummary {
        head: html! {
            <>
                <p id="import-summary-line" role="status">
                    { t.status_summary(
                        &rows(s.rows, s.used, s.skipped),
                        &megabytes(s.bytes),
                        &estimate_text(last.seconds, 1),
                        last.replaced,
                        embedded,
                    ) }
                </p>
                <ul class="notes" id="import-status-summary">
                    <li id="import-status-outages">
                        { t.status_imported(status.page.as_deref(), &count(status.outages as u64), &count(status.planned as u64)) }
                    </li>
                    if !status.services.is_empty() {
                        <li id="import-status-became">{ t.services_became(&status.services) }</li>
                    }
                    { for status.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
                </ul>
            </>
        },
        listed_heading: t.listed_by_reason,
        listed_caption: t.listed_caption(&shown, &count(s.skipped)),
    })
}

/// Imports a history read for the preview: its outages with each component
/// renamed to the service id chosen (`services`, component → service id,
/// every component of the history), its listed incidents as skipped rows,
/// and the figures in the zone chosen.
fn run(
    state: UseReducerHandle<ImportState>,
    history: Rc<History>,
    services: Vec<(String, String)>,
    size: u64,
    cancel: Rc<Cell<bool>>,
) {
    let Some(zone) = zone::zone(&state.time_zone) else {
        return;
    };
    cancel.set(false);
    spawn_local(async move {
        state.dispatch(ImportAction::Started {
            total: size,
            now_ms: browser::now_ms(),
            scanning: false,
        });
        let batch = history.batch.rename_services(|component| {
            services
                .iter()
                .find(|(c, _)| c == component)
                .map_or_else(|| component.to_string(), |(_, id)| id.clone())
        });
        let mut summary = history.summary();
        summary.bytes = size;
        let status = StatusImported {
            page: history.page.clone(),
            outages: batch.outages.len(),
            planned: history.planned(),
            services,
            notes: history.notes.iter().map(ToString::to_string).collect(),
        };
        let outcome = Outcome {
            batch,
            summary,
            errors: history.row_errors(),
        };
        let mut pacer = Pacer::new(cancel);
        let Some(figures) = figures(&outcome.batch, &zone, &mut pacer).await else {
            state.dispatch(ImportAction::Cancelled);
            return;
        };
        state.dispatch(ImportAction::Finished(
            Box::new((outcome, figures, Vec::new(), Some(status))),
            browser::now_ms(),
        ));
    });
}

/// The preview of a Statuspage history: what was read, what is listed and
/// why, the impact weights and each component's service id. The history is
/// read again when a weight changes (the weights are in the outages).
#[component]
fn StatusPreview(props: &StatusPreviewProps) -> Html {
    let t = texts().status_import();
    let ti = texts().import();
    let state = &props.state;
    let source = &props.source;
    let status = &props.status;
    let read = use_memo(
        (status.text.clone(), status.applied, source.name.clone()),
        |(text, weights, name)| {
            statuspage::import(&text.0, name, weights)
                .map(|history| {
                    let listed = Rc::new(history.row_errors());
                    (Rc::new(history), listed)
                })
                .map_err(|e| e.to_string())
        },
    );
    let dispatch = props.dispatch.clone();
    let (history, listed) = match &*read {
        Ok(read) => read.clone(),
        Err(message) => {
            return html! {
                <div class="import-refused">
                    <p class="error" role="alert" id="import-refused">{ ti.refused(&source.name, message) }</p>
                    <button type="button" onclick={dispatch.reform(|_: MouseEvent| ImportAction::Clear)}>{ ti.choose_another }</button>
                </div>
            };
        }
    };
    let services: Vec<(String, Option<String>)> = history
        .services()
        .into_iter()
        .map(|c| (c.to_owned(), status.service(c)))
        .collect();
    let fields_read =
        status.read_weights().is_some() && services.iter().all(|(_, id)| id.is_some());
    let zone_known = zone::zone(&state.time_zone).is_some();
    let mut problems = Vec::new();
    if !zone_known {
        problems.push(ti.unknown_zone(&state.time_zone));
    }
    if !fields_read {
        problems.push(t.mend_fields.to_string());
    }
    let ready = problems.is_empty();
    let onsubmit = {
        let state = state.clone();
        let history = history.clone();
        let cancel = props.cancel.clone();
        let size = source.data.size();
        let chosen: Option<Vec<(String, String)>> = services
            .iter()
            .map(|(c, id)| id.clone().map(|id| (c.clone(), id)))
            .collect();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if let (true, Some(chosen)) = (ready, chosen.clone()) {
                run(state.clone(), history.clone(), chosen, size, cancel.clone());
            }
        })
    };
    let summary = history.summary();
    let ontz = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            dispatch.emit(ImportAction::TimeZone(input.value().trim().to_string()));
        })
    };
    html! {
        <form class="import-preview" aria-labelledby="import-preview-title" {onsubmit}>
            <h3 id="import-preview-title">{ ti.check_how_read(&source.name) }</h3>
            <p class="detected" id="import-detected">
                { t.status_detected(history.page.as_deref(), &megabytes(source.data.size())) }
            </p>
            <p id="import-status-counts">
                { t.status_counts(
                    &rows(summary.rows, summary.used, summary.skipped),
                    &count(history.batch.outages.len() as u64),
                    &count(history.planned() as u64),
                    &count(history.weightless() as u64),
                ) }
            </p>
            if summary.skipped > 0 {
                { skipped(Skipped {
                    reasons_id: "import-status-reasons",
                    errors_id: "import-status-errors",
                    reasons: &summary.reasons,
                    errors: &listed,
                    heading: t.listed_by_reason,
                    caption: t.listed_caption(
                        &Count::plain(listed.len().min(SHOWN_ERRORS)),
                        &count(summary.skipped),
                    ),
                    download: false,
                }) }
            }
            if !history.notes.is_empty() {
                <ul class="notes" id="import-status-notes">
                    { for history.notes.iter().map(|n| html! { <li>{ n.to_string() }</li> }) }
                </ul>
            }
            <fieldset class="import-options" id="import-weights" aria-describedby="import-weights-hint">
                <legend>{ t.impact_weights }</legend>
                <p class="hint" id="import-weights-hint">{ t.impact_weights_hint }</p>
                { for Impact::ALL.into_iter().zip(status.weights.iter()).map(|(impact, typed)| {
                    let dispatch = dispatch.clone();
                    let error = status.weight(impact).err().map(|e| AttrValue::from(e.to_string()));
                    html! {
                        <TextField
                            id={format!("import-weight-{}", impact.id())}
                            label={t.weight_label(impact)}
                            value={typed.clone()}
                            inputmode={Some(AttrValue::Static("decimal"))}
                            {error}
                            oninput={Callback::from(move |text: String| dispatch.emit(ImportAction::StatusWeight(impact, text)))}
                        />
                    }
                }) }
            </fieldset>
            if !services.is_empty() {
                <fieldset class="import-options" id="import-status-services" aria-describedby="import-status-services-hint">
                    <legend>{ t.status_services }</legend>
                    <p class="hint" id="import-status-services-hint">{ t.status_services_hint }</p>
                    { for services.iter().enumerate().map(|(i, (component, id))| {
                        let dispatch = dispatch.clone();
                        let key = component.clone();
                        html! {
                            <TextField
                                id={format!("import-service-{}", i + 1)}
                                label={t.service_for(component)}
                                value={status.service_text(component).to_string()}
                                error={id.is_none().then_some(AttrValue::Static(t.service_id_needed))}
                                oninput={Callback::from(move |text: String| dispatch.emit(ImportAction::StatusService(key.clone(), text)))}
                            />
                        }
                    }) }
                </fieldset>
            }
            <div class="field">
                <label for="import-status-tz">{ t.figures_zone }</label>
                <input id="import-status-tz" list="import-tz-list" value={state.time_zone.clone()} onchange={ontz}
                    aria-invalid={(!zone_known).to_string()} autocomplete="off" />
                <datalist id="import-tz-list">
                    { for props.zones.iter().map(|z| html! { <option value={z.clone()} /> }) }
                </datalist>
            </div>
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
