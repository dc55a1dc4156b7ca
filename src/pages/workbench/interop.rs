//! OpenSLO and iCalendar in the workbench: the OpenSLO panel (read a file
//! or pasted text, see what was found and what could not be taken over,
//! then open it as a new workspace or add its targets to an agreement;
//! download the agreements as OpenSLO with the list of what OpenSLO cannot
//! say) and the calendar editor's `.ics` import and export.
//!
//! The mapping is `sla-interop`'s, run by the workbench's interop module
//! ([`crate::interop`]), which loads the first time a file is read or
//! written (the panel says so while it loads); what an import changes in
//! the workspace is worked out in [`crate::state::workbench::interop`] and sent to the
//! workbench's reducer as one action, so one undo takes a whole import
//! back. A file that cannot be read changes nothing.

use std::rc::Rc;

use serde_json::Value;
use sla_engine::model::{AgreementFile, Direction};
use sla_engine::time::{UnixNanos, Zone};
use sla_interop::ics::{self, IcsNote};
use sla_interop::openslo::{AgreementDefaults, ExportNote, ImportError, Imported, Note};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::download;
use crate::browser::files::Data;
use crate::i18n::{texts, Count, IcsAdded, Interop as Texts};
use crate::interop::{self, OpenSloRead, Unavailable};
use crate::state::workbench::interop::{
    add_targets, agreement_choices, apply_ics, default_range, file_stem, openslo_workspace,
    read_calendar,
};
use crate::state::workbench::workspace::{text, Action, Workspace};

/// Larger OpenSLO files are refused before they are read (the crate's limit).
const MAX_OPENSLO_BYTES: u64 = 16 * 1024 * 1024;
/// Larger `.ics` files are refused before they are read (the crate's limit).
const MAX_ICS_BYTES: u64 = ics::MAX_BYTES as u64;

/// Now, in milliseconds since the epoch (an export's DTSTAMP).
fn now_ms() -> f64 {
    crate::browser::epoch_ms()
}

/// Now, in nanoseconds since the epoch (the default year of an import).
fn now_nanos() -> UnixNanos {
    (now_ms() as i64).saturating_mul(1_000_000)
}

/// Loads the interop module (once), with `loading` true while the first
/// load lasts.
///
/// # Errors
/// The module could not load: the message to show.
async fn module(loading: &UseStateHandle<bool>, t: &Texts) -> Result<(), String> {
    if !interop::is_loaded() {
        loading.set(true);
    }
    let ready = interop::load().await;
    loading.set(false);
    ready.map_err(|why| unavailable(why, t))
}

/// Why the interop module could not be used, as shown.
fn unavailable(Unavailable(why): Unavailable, t: &Texts) -> String {
    t.module_unavailable(&why)
}

/// Said while the interop module loads.
fn loading_note(loading: bool, id: &'static str, t: &Texts) -> Html {
    if !loading {
        return Html::default();
    }
    html! { <p {id} class="loading" role="status">{ t.module_loading }</p> }
}

/// The text of a chosen file, or why it could not be read (with its name).
async fn read_text(file: web_sys::File, limit: u64, t: &'static Texts) -> Result<String, String> {
    let name = file.name();
    let data = Data::File(file);
    if data.size() > limit {
        return Err(t.file_too_large(&name, &(limit / (1024 * 1024)).to_string()));
    }
    match data.read(0, data.size()).await.map(String::from_utf8) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(_)) => Err(t.file_not_text(&name)),
        Err(e) => Err(format!("{name}: {e}")),
    }
}

/// The file picked in a file input (the input is emptied, so picking the
/// same file again reads it again).
fn picked(e: &Event) -> Option<web_sys::File> {
    let input = e.target_unchecked_into::<HtmlInputElement>();
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

// ---------------------------------------------------------------------------
// OpenSLO

/// What the last read gave.
#[derive(Clone, PartialEq)]
struct LastRead {
    /// The file's name, or the words for pasted text.
    source: String,
    /// The import, or why the file could not be read (with the sentence
    /// that says it).
    outcome: Result<Rc<Imported>, Rc<(ImportError, String)>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Destination {
    NewWorkspace,
    Agreement,
}

#[derive(Properties, PartialEq)]
pub struct OpenSloProps {
    /// The open workspace's agreement JSON.
    pub agreements: Rc<Value>,
    /// The typed agreement file when it is valid (what an export writes).
    pub file: Option<Rc<AgreementFile>>,
    /// The span the workbench reports on (a new workspace reports on it too).
    pub span: AttrValue,
    pub dispatch: Callback<Action>,
    /// Opens a workspace as a new one (the workbench saves the open one
    /// first); false when the open one could not be left.
    pub onnew: Callback<Workspace, bool>,
}

/// OpenSLO in and out.
#[component]
pub fn OpenSlo(props: &OpenSloProps) -> Html {
    let t = texts().interop();
    let read = use_state(|| None::<LastRead>);
    let loading = use_state_eq(|| false);
    let pasted = use_state(String::new);
    let destination = use_state(|| Destination::NewWorkspace);
    let into = use_state(String::new);
    let name = use_state(|| None::<String>);
    let provider = use_state(|| None::<String>);
    let currency = use_state(|| None::<String>);
    let zone = use_state(|| None::<String>);
    let applied = use_state(|| None::<String>);
    let problem = use_state(|| None::<String>);
    let exported = use_state(|| None::<(String, usize, Rc<Vec<ExportNote>>)>);

    let show = {
        let read = read.clone();
        let applied = applied.clone();
        let problem = problem.clone();
        let loading = loading.clone();
        Rc::new(move |source: String, text: String| {
            let (read, applied, problem, loading) = (
                read.clone(),
                applied.clone(),
                problem.clone(),
                loading.clone(),
            );
            spawn_local(async move {
                let outcome = match module(&loading, t).await {
                    Ok(()) => interop::openslo_import(&text)
                        .await
                        .map_err(|why| unavailable(why, t)),
                    Err(message) => Err(message),
                };
                applied.set(None);
                match outcome {
                    Ok(found) => {
                        problem.set(None);
                        let outcome = match found {
                            OpenSloRead::Read(imported) => Ok(Rc::new(imported)),
                            OpenSloRead::Unreadable { error, text } => Err(Rc::new((error, text))),
                        };
                        read.set(Some(LastRead { source, outcome }));
                    }
                    Err(message) => {
                        read.set(None);
                        problem.set(Some(message));
                    }
                }
            });
        })
    };
    let onfile = {
        let show = show.clone();
        let problem = problem.clone();
        let read = read.clone();
        Callback::from(move |e: Event| {
            let Some(file) = picked(&e) else {
                return;
            };
            let show = show.clone();
            let problem = problem.clone();
            let read = read.clone();
            spawn_local(async move {
                let name = file.name();
                match read_text(file, MAX_OPENSLO_BYTES, t).await {
                    Ok(text) => show(name, text),
                    Err(message) => {
                        read.set(None);
                        problem.set(Some(message));
                    }
                }
            });
        })
    };
    let onpaste = {
        let pasted = pasted.clone();
        Callback::from(move |e: InputEvent| {
            pasted.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let onread_pasted = {
        let show = show.clone();
        let pasted = pasted.clone();
        Callback::from(move |_: MouseEvent| show(t.pasted_text.to_string(), (*pasted).clone()))
    };

    let current = |path: &str, fallback: &str| {
        let value = text(&props.agreements, path);
        if value.is_empty() {
            fallback.to_string()
        } else {
            value
        }
    };
    let ok = read.as_ref().and_then(|r| {
        r.outcome
            .as_ref()
            .ok()
            .map(|i| (r.source.clone(), i.clone()))
    });
    let choices = agreement_choices(&props.agreements);
    let chosen = if choices.iter().any(|(id, _)| *id == *into) {
        (*into).clone()
    } else {
        choices
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    };
    let defaults = AgreementDefaults {
        name: (*name)
            .clone()
            .unwrap_or_else(|| t.default_workspace_name.to_string()),
        provider: (*provider)
            .clone()
            .unwrap_or_else(|| current("provider.name", "Provider")),
        currency: (*currency)
            .clone()
            .unwrap_or_else(|| current("currency", "EUR")),
        time_zone: (*zone)
            .clone()
            .unwrap_or_else(|| current("time_zone", "UTC")),
    };

    let onapply = {
        let ok = ok.clone();
        let destination = *destination;
        let defaults = defaults.clone();
        let agreements = props.agreements.clone();
        let choices = choices.clone();
        let chosen = chosen.clone();
        let span = props.span.to_string();
        let dispatch = props.dispatch.clone();
        let onnew = props.onnew.clone();
        let applied = applied.clone();
        let problem = problem.clone();
        Callback::from(move |_: MouseEvent| {
            let Some((source, imported)) = &ok else {
                return;
            };
            match destination {
                Destination::NewWorkspace => {
                    if let Some(message) = check_defaults(&defaults, imported, t) {
                        problem.set(Some(message));
                        return;
                    }
                    let (source, imported, defaults, span) = (
                        source.clone(),
                        imported.clone(),
                        defaults.clone(),
                        span.clone(),
                    );
                    let (onnew, applied, problem) =
                        (onnew.clone(), applied.clone(), problem.clone());
                    spawn_local(async move {
                        let file = match interop::openslo_agreement_file(&imported, &defaults).await
                        {
                            Ok(Ok(file)) => file,
                            Ok(Err(message)) => return problem.set(Some(message)),
                            Err(why) => return problem.set(Some(unavailable(why, t))),
                        };
                        problem.set(None);
                        if onnew.emit(openslo_workspace(file, &defaults.name, &span)) {
                            applied.set(Some(t.opened_as_workspace(&source, &defaults.name)));
                        }
                    });
                }
                Destination::Agreement => {
                    let Some(index) = choices.iter().position(|(id, _)| *id == chosen) else {
                        problem.set(Some(t.no_agreement_chosen.into()));
                        return;
                    };
                    let label = choices
                        .get(index)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default();
                    let added = add_targets(&agreements, index, imported);
                    problem.set(None);
                    if let Some(action) = added.action {
                        dispatch.emit(action);
                    }
                    applied.set(Some(t.targets_added(
                        &Count::plain(added.added),
                        &label,
                        &added.renamed,
                    )));
                }
            }
        })
    };

    let onexport = {
        let file = props.file.clone();
        let exported = exported.clone();
        let problem = problem.clone();
        let loading = loading.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(file) = file.clone() else {
                return;
            };
            let (exported, problem, loading) = (exported.clone(), problem.clone(), loading.clone());
            spawn_local(async move {
                let out = match module(&loading, t).await {
                    Ok(()) => interop::openslo_export(&file).await,
                    Err(message) => return problem.set(Some(message)),
                };
                let out = match out {
                    Ok(Ok(out)) => out,
                    Ok(Err(message)) => return problem.set(Some(message)),
                    Err(why) => return problem.set(Some(unavailable(why, t))),
                };
                let name = format!("{}.openslo.yaml", file_stem(&file.name, "agreements"));
                download(&name, "application/yaml", &out.yaml);
                exported.set(Some((name, out.documents, Rc::new(out.notes))));
            });
        })
    };

    let field = |id: &'static str,
                 label: &'static str,
                 state: &UseStateHandle<Option<String>>,
                 value: String,
                 hint: Option<String>| {
        let state = state.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            state.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
        });
        let hint_id = format!("{id}-hint");
        html! {
            <div class="wb-field">
                <label for={id}>{ label }</label>
                <input {id} type="text" {value} {oninput} aria-describedby={hint.is_some().then(|| hint_id.clone())} />
                if let Some(hint) = hint {
                    <span id={hint_id} class="hint">{ hint }</span>
                }
            </div>
        }
    };
    let destination_radio = |value: Destination, id: &'static str, label: &'static str| {
        let checked = *destination == value;
        let destination = destination.clone();
        let onchange = Callback::from(move |_: Event| destination.set(value));
        html! {
            <span class="check">
                <input type="radio" name="openslo-destination" {id} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </span>
        }
    };
    let oninto = {
        let into = into.clone();
        Callback::from(move |e: Event| {
            into.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };

    html! {
        <section id="openslo" class="interop" aria-labelledby="openslo-heading">
            <h3 id="openslo-heading">{ t.openslo_heading }</h3>
            <p class="hint">{ t.openslo_hint }</p>
            <div class="wb-buttons">
                <label class="button" for="openslo-file">{ t.open_openslo_file }</label>
                <input id="openslo-file" class="visually-hidden-file" type="file"
                    accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml" onchange={onfile} />
            </div>
            <div class="wb-field">
                <label for="openslo-text">{ t.paste_openslo }</label>
                <textarea id="openslo-text" class="json" rows="6" spellcheck="false" value={(*pasted).clone()} oninput={onpaste} />
                <div class="actions">
                    <button type="button" id="openslo-read" onclick={onread_pasted} disabled={pasted.trim().is_empty()}>{ t.read_pasted }</button>
                </div>
            </div>
            { loading_note(*loading, "openslo-loading", t) }
            if let Some(message) = (*problem).clone() {
                <p id="openslo-problem" class="error" role="alert">{ message }</p>
            }
            { match &*read {
                None => Html::default(),
                Some(LastRead { source, outcome: Err(e) }) => html! {
                    <div id="openslo-error" class="error" role="alert">
                        <p>{ t.openslo_unreadable(source, &e.1) }</p>
                        <dl class="location">
                            <dt>{ t.document }</dt><dd>{ e.0.document }</dd>
                            <dt>{ t.line }</dt><dd>{ e.0.line.map(|l| l.to_string()).unwrap_or_else(|| "—".into()) }</dd>
                            <dt>{ t.column }</dt><dd>{ e.0.column.map(|c| c.to_string()).unwrap_or_else(|| "—".into()) }</dd>
                        </dl>
                    </div>
                },
                Some(LastRead { source, outcome: Ok(imported) }) => html! {
                    <div id="openslo-result">
                        <p id="openslo-summary" role="status">{ t.openslo_found(
                            source,
                            &Count::plain(imported.targets.len()),
                            &Count::plain(imported.services.len()),
                            &Count::plain(imported.notes.len()),
                        ) }</p>
                        { targets_table(imported, t) }
                        { openslo_notes(&imported.notes, t) }
                        if !imported.targets.is_empty() {
                            <fieldset class="item">
                                <legend>{ t.import_as }</legend>
                                { destination_radio(Destination::NewWorkspace, "openslo-as-new", t.as_new_workspace) }
                                { destination_radio(Destination::Agreement, "openslo-as-targets", t.as_targets) }
                                if *destination == Destination::NewWorkspace {
                                    { field("openslo-name", t.workspace_name, &name, defaults.name.clone(), None) }
                                    { field("openslo-provider", t.provider, &provider, defaults.provider.clone(), None) }
                                    { field("openslo-currency", t.currency, &currency, defaults.currency.clone(), Some(t.currency_hint.to_string())) }
                                    // A zone in the file is the one `agreement_file` uses.
                                    { match &imported.time_zone {
                                        Some(zone) => html! { <p id="openslo-zone-from-file" class="hint">{ t.zone_from_file(zone) }</p> },
                                        None => field("openslo-zone", t.time_zone, &zone, defaults.time_zone.clone(), Some(t.zone_hint.to_string())),
                                    } }
                                } else if choices.is_empty() {
                                    <p class="hint">{ t.no_agreements }</p>
                                } else {
                                    <div class="wb-field">
                                        <label for="openslo-into">{ t.into_agreement }</label>
                                        <select id="openslo-into" onchange={oninto}>
                                            { for choices.iter().map(|(id, label)| html! {
                                                <option value={id.clone()} selected={*id == chosen}>{ format!("{label} ({id})") }</option>
                                            }) }
                                        </select>
                                    </div>
                                    if let Some(zone) = imported.time_zone.as_ref().filter(|z| **z != current("time_zone", "UTC")) {
                                        <p class="hint">{ t.zone_differs(zone, &current("time_zone", "UTC")) }</p>
                                    }
                                }
                                <div class="actions">
                                    <button type="button" id="openslo-apply" onclick={onapply}
                                        disabled={*destination == Destination::Agreement && choices.is_empty()}>
                                        { if *destination == Destination::NewWorkspace { t.create_workspace.to_string() } else { t.add_targets(&Count::plain(imported.targets.len())) } }
                                    </button>
                                </div>
                            </fieldset>
                        }
                        if let Some(done) = (*applied).clone() {
                            <p id="openslo-applied" class="notice" role="status">{ done }</p>
                        }
                    </div>
                },
            } }
            <h4>{ t.export_heading }</h4>
            <p class="hint">{ t.export_hint }</p>
            <div class="wb-buttons">
                <button type="button" id="openslo-export" onclick={onexport} disabled={props.file.is_none()}
                    aria-describedby={props.file.is_none().then_some("openslo-export-blocked")}>{ t.download_openslo }</button>
            </div>
            if props.file.is_none() {
                <p id="openslo-export-blocked" class="hint">{ t.export_needs_valid_file }</p>
            }
            if let Some((name, documents, notes)) = (*exported).clone() {
                <div id="openslo-exported" role="status">
                    <p>{ t.exported(&name, &Count::plain(documents), &Count::plain(notes.len())) }</p>
                    if !notes.is_empty() {
                        <ul id="openslo-export-notes" class="notes">
                            { for notes.iter().map(|n| html! { <li><code>{ n.path.clone() }</code>{ ": " }{ n.message.clone() }</li> }) }
                        </ul>
                    }
                </div>
            }
        </section>
    }
}

/// Why the defaults of a new workspace cannot be used (a zone the browser
/// does not know, a currency that is not an ISO code), if they cannot.
fn check_defaults(defaults: &AgreementDefaults, imported: &Imported, t: &Texts) -> Option<String> {
    if defaults.name.trim().is_empty() {
        return Some(t.name_needed.into());
    }
    let currency = defaults.currency.trim();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        return Some(t.currency_invalid(currency));
    }
    let zone = imported.time_zone.as_deref().unwrap_or(&defaults.time_zone);
    if Zone::named(zone).is_none() {
        return Some(t.zone_unknown(zone));
    }
    None
}

/// The targets found, one row each.
fn targets_table(imported: &Imported, t: &Texts) -> Html {
    if imported.targets.is_empty() {
        return html! { <p class="hint">{ t.no_targets_found }</p> };
    }
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.targets_caption}>
            <table id="openslo-targets">
                <caption>{ t.targets_caption }</caption>
                <thead><tr>
                    <th scope="col">{ t.col_id }</th>
                    <th scope="col">{ t.col_name }</th>
                    <th scope="col">{ t.col_service }</th>
                    <th scope="col">{ t.col_metric }</th>
                    <th scope="col">{ t.col_level }</th>
                    <th scope="col">{ t.col_period }</th>
                </tr></thead>
                <tbody>
                    { for imported.targets.iter().map(|it| {
                        let target = &it.target;
                        let at_most = target.direction.unwrap_or_else(|| target.metric.default_direction()) == Direction::AtMost;
                        let unit = target.metric.unit();
                        html! {
                            <tr>
                                <td><code>{ target.id.clone() }</code></td>
                                <td>{ target.name.clone() }</td>
                                <td>{ it.service.clone() }</td>
                                <td>{ target.metric.label() }</td>
                                <td>{ format!("{} {}{}{}", if at_most { "≤" } else { "≥" }, target.expected.text(), if unit == "%" { "" } else { " " }, unit) }</td>
                                <td>{ t.period(target.period) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// What an OpenSLO import could not take over as it is.
fn openslo_notes(notes: &[Note], t: &Texts) -> Html {
    if notes.is_empty() {
        return html! { <p id="openslo-no-notes" class="hint">{ t.no_notes }</p> };
    }
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.notes_caption}>
            <table id="openslo-notes" class="notes">
                <caption>{ t.notes_caption }</caption>
                <thead><tr>
                    <th scope="col">{ t.col_effect }</th>
                    <th scope="col">{ t.document }</th>
                    <th scope="col">{ t.col_kind }</th>
                    <th scope="col">{ t.col_name }</th>
                    <th scope="col">{ t.col_field }</th>
                    <th scope="col">{ t.line }</th>
                    <th scope="col">{ t.column }</th>
                    <th scope="col">{ t.col_why }</th>
                </tr></thead>
                <tbody>
                    { for notes.iter().map(|n| {
                        let at = &n.at;
                        let document = match at.item {
                            Some(item) => t.document_item(at.document, item),
                            None => at.document.to_string(),
                        };
                        let number = |v: Option<usize>| v.map(|v| v.to_string()).unwrap_or_default();
                        html! {
                            <tr class={classes!("note", n.effect.label())}>
                                <td>{ t.effect(n.effect) }</td>
                                <td>{ document }</td>
                                <td>{ at.kind.clone() }</td>
                                <td>{ at.name.clone() }</td>
                                <td><code>{ at.path.clone() }</code></td>
                                <td>{ number(at.line) }</td>
                                <td>{ number(at.column) }</td>
                                <td>{ n.message.clone() }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

// ---------------------------------------------------------------------------
// iCalendar

/// What the last `.ics` import did.
#[derive(Clone, PartialEq)]
enum IcsOutcome {
    /// Added to the calendar (the summary), with the file's notes.
    Applied(String, Rc<Vec<IcsNote>>),
    /// Nothing was changed, and why.
    Refused(String),
}

#[derive(Properties, PartialEq)]
pub struct CalendarFilesProps {
    /// The open workspace's agreement JSON.
    pub json: Rc<Value>,
    /// The span the workbench reports on (the default range of an import).
    #[prop_or_default]
    pub span: AttrValue,
    pub dispatch: Callback<Action>,
}

/// Holidays and maintenance windows from an `.ics` file into a calendar,
/// and a calendar out as `.ics`.
#[component]
pub fn CalendarFiles(props: &CalendarFilesProps) -> Html {
    let t = texts().interop();
    let calendars: Vec<String> = props
        .json
        .get("calendars")
        .and_then(Value::as_array)
        .map(|list| list.iter().map(|c| text(c, "id")).collect())
        .unwrap_or_default();
    let chosen = use_state(|| 0usize);
    let from = use_state(|| None::<String>);
    let to = use_state(|| None::<String>);
    let outcome = use_state(|| None::<IcsOutcome>);
    let exported = use_state(|| None::<Result<String, String>>);
    let loading = use_state_eq(|| false);
    if calendars.is_empty() {
        return html! {
            <section id="calendar-files" class="interop" aria-labelledby="calendar-files-heading">
                <h4 id="calendar-files-heading">{ t.ics_heading }</h4>
                <p class="hint">{ t.ics_needs_calendar }</p>
            </section>
        };
    }
    let index = (*chosen).min(calendars.len() - 1);
    let (default_from, default_to) =
        default_range(&props.span, &text(&props.json, "time_zone"), now_nanos());
    let range = (
        (*from).clone().unwrap_or(default_from),
        (*to).clone().unwrap_or(default_to),
    );
    let calendar_label = |i: usize| {
        let id = calendars.get(i).cloned().unwrap_or_default();
        let name = text(&props.json, &format!("calendars[{i}].name"));
        if name.is_empty() {
            id
        } else {
            format!("{name} ({id})")
        }
    };

    let onchoose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            if let Ok(i) = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
            {
                chosen.set(i);
            }
        })
    };
    let date_input = |state: &UseStateHandle<Option<String>>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(Some(e.target_unchecked_into::<HtmlInputElement>().value()))
        })
    };
    let onfile = {
        let json = props.json.clone();
        let dispatch = props.dispatch.clone();
        let outcome = outcome.clone();
        let range = range.clone();
        let label = calendar_label(index);
        let loading = loading.clone();
        Callback::from(move |e: Event| {
            let Some(file) = picked(&e) else {
                return;
            };
            let json = json.clone();
            let dispatch = dispatch.clone();
            let outcome = outcome.clone();
            let label = label.clone();
            let (from, to) = range.clone();
            let loading = loading.clone();
            spawn_local(async move {
                let refuse = |message: String| outcome.set(Some(IcsOutcome::Refused(message)));
                if let Err(message) = module(&loading, t).await {
                    return refuse(message);
                }
                match interop::ics_range(&from, &to).await {
                    Ok(Ok(())) => {}
                    Ok(Err(message)) => return refuse(t.ics_range_invalid(&message)),
                    Err(why) => return refuse(unavailable(why, t)),
                }
                let name = file.name();
                let content = match read_text(file, MAX_ICS_BYTES, t).await {
                    Ok(content) => content,
                    Err(message) => {
                        outcome.set(Some(IcsOutcome::Refused(t.nothing_changed(&message))));
                        return;
                    }
                };
                let calendar = read_calendar(&json, index).map(|read| read.calendar);
                let import =
                    match interop::ics_import(&content, &from, &to, calendar.as_ref()).await {
                        Ok(Ok(import)) => import,
                        Ok(Err(e)) => return refuse(t.nothing_changed(&format!("{name}: {e}"))),
                        Err(why) => return refuse(unavailable(why, t)),
                    };
                let Some(applied) = import
                    .calendar
                    .and_then(|calendar| apply_ics(&json, index, calendar, import.found))
                else {
                    return refuse(t.nothing_changed(&name));
                };
                let calendar_zone = text(&json, &format!("calendars[{index}].time_zone"));
                let mut summary = t.ics_added(
                    &name,
                    &label,
                    &IcsAdded {
                        holidays: Count::plain(applied.holidays_added),
                        windows: Count::plain(applied.windows_added),
                        already: Count::plain(applied.already),
                    },
                    &import.from,
                    &import.to,
                );
                if let Some(zone) = import.time_zone.as_ref().filter(|z| **z != calendar_zone) {
                    summary.push(' ');
                    summary.push_str(&t.ics_zone_differs(zone, &calendar_zone));
                }
                if let Some(action) = applied.action {
                    dispatch.emit(action);
                }
                outcome.set(Some(IcsOutcome::Applied(summary, Rc::new(import.notes))));
            });
        })
    };
    let onexport = {
        let json = props.json.clone();
        let exported = exported.clone();
        let loading = loading.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(read) = read_calendar(&json, index) else {
                return;
            };
            if !read.unreadable.is_empty() {
                let windows: Vec<usize> = read.unreadable.iter().map(|w| w + 1).collect();
                exported.set(Some(Err(
                    t.ics_not_exported(&t.ics_windows_unreadable(&windows))
                )));
                return;
            }
            let (exported, loading) = (exported.clone(), loading.clone());
            spawn_local(async move {
                if let Err(message) = module(&loading, t).await {
                    return exported.set(Some(Err(message)));
                }
                match interop::ics_export(&read.calendar, now_ms()).await {
                    Ok(Ok(text)) => {
                        let name = format!("{}.ics", file_stem(&read.calendar.id, "calendar"));
                        download(&name, "text/calendar", &text);
                        exported.set(Some(Ok(t.ics_exported(
                            &name,
                            &Count::plain(read.calendar.holidays.len()),
                            &Count::plain(read.calendar.exclusions.len()),
                        ))));
                    }
                    Ok(Err(e)) => exported.set(Some(Err(t.ics_not_exported(&e)))),
                    Err(why) => exported.set(Some(Err(unavailable(why, t)))),
                }
            });
        })
    };

    html! {
        <section id="calendar-files" class="interop" aria-labelledby="calendar-files-heading">
            <h4 id="calendar-files-heading">{ t.ics_heading }</h4>
            <p class="hint">{ t.ics_hint }</p>
            <div class="row">
                <div class="wb-field">
                    <label for="ics-calendar">{ t.ics_calendar }</label>
                    <select id="ics-calendar" onchange={onchoose}>
                        { for (0..calendars.len()).map(|i| html! {
                            <option value={i.to_string()} selected={i == index}>{ calendar_label(i) }</option>
                        }) }
                    </select>
                </div>
                <div class="wb-field">
                    <label for="ics-from">{ t.ics_from }</label>
                    <input id="ics-from" type="date" value={range.0.clone()} oninput={date_input(&from)} aria-describedby="ics-range-hint" />
                </div>
                <div class="wb-field">
                    <label for="ics-to">{ t.ics_to }</label>
                    <input id="ics-to" type="date" value={range.1.clone()} oninput={date_input(&to)} aria-describedby="ics-range-hint" />
                </div>
            </div>
            <p id="ics-range-hint" class="hint">{ t.ics_range_hint }</p>
            <div class="wb-buttons">
                <label class="button" for="ics-file">{ t.open_ics_file }</label>
                <input id="ics-file" class="visually-hidden-file" type="file" accept=".ics,.ical,.ifb,.icalendar,text/calendar" onchange={onfile} />
                <button type="button" id="ics-export" onclick={onexport}>{ t.download_ics }</button>
            </div>
            { loading_note(*loading, "ics-loading", t) }
            { match (*outcome).clone() {
                None => Html::default(),
                Some(IcsOutcome::Refused(message)) => html! { <p id="ics-outcome" class="error" role="alert">{ message }</p> },
                Some(IcsOutcome::Applied(summary, notes)) => html! { <>
                    <p id="ics-outcome" class="notice" role="status">{ summary }</p>
                    { ics_notes(&notes, t) }
                </> },
            } }
            { match (*exported).clone() {
                None => Html::default(),
                Some(Ok(message)) => html! { <p id="ics-exported" role="status">{ message }</p> },
                // The whole sentence (`ics_not_exported`, or why the module
                // could not load).
                Some(Err(message)) => html! { <p id="ics-exported" class="error" role="alert">{ message }</p> },
            } }
        </section>
    }
}

/// What an `.ics` import did not use as it is.
fn ics_notes(notes: &[IcsNote], t: &Texts) -> Html {
    if notes.is_empty() {
        return Html::default();
    }
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label={t.ics_notes_caption}>
            <table id="ics-notes" class="notes">
                <caption>{ t.ics_notes_caption }</caption>
                <thead><tr>
                    <th scope="col">{ t.line }</th>
                    <th scope="col">{ t.col_property }</th>
                    <th scope="col">{ t.col_event }</th>
                    <th scope="col">{ t.col_effect }</th>
                    <th scope="col">{ t.col_why }</th>
                </tr></thead>
                <tbody>
                    { for notes.iter().map(|n| html! {
                        <tr>
                            <td>{ n.line }</td>
                            <td>{ n.property.clone().unwrap_or_default() }</td>
                            <td>{ n.event.clone().unwrap_or_default() }</td>
                            <td>{ t.ics_effect(n.effect) }</td>
                            <td>{ n.message.clone() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}
