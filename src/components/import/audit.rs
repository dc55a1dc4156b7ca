//! A field-change audit (ServiceNow `sys_audit`: a row per changed field of
//! a record) in the import panel: what it is, its time zone and whether
//! its on-hold spans become pauses, then its import as one ticket per
//! record (`sla_import::audit`; see `docs/import.md`, "Field-change
//! audits"). The summary is the panel's own, with the audit's history line.

use std::cell::Cell;
use std::rc::Rc;

use sla_import::audit::{self, AuditImport, AuditOptions};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::{self, zone};
use crate::components::import::{figures, start_import, Pacer, PriorityTargets, Start};
use crate::i18n::texts;
use crate::state::import::{AuditChoices, ImportAction, ImportState, Source};

/// Reads a whole audit (its bytes, the zone of its local times, whether
/// on-hold spans are pauses), given by a page that offers audits
/// ([`DIRECT`], the calculator's import module): a page that gives none
/// links none of the reader.
#[derive(Clone, Copy)]
pub struct AuditReader {
    pub read: fn(&[u8], &str, bool) -> Result<AuditImport, String>,
}

impl PartialEq for AuditReader {
    /// A page gives the same reader on every render.
    fn eq(&self, _: &AuditReader) -> bool {
        true
    }
}

/// The audit read in this wasm.
pub const DIRECT: AuditReader = AuditReader { read: read_audit };

/// Reads a whole audit file: its dialect, then its tickets, local times in
/// the zone named `zone`.
///
/// # Errors
/// An unknown zone, a file that is not an audit, or one the reader refuses
/// (the message says why).
pub fn read_audit(bytes: &[u8], zone: &str, pauses: bool) -> Result<AuditImport, String> {
    let zone = zone::zone(zone).ok_or_else(|| texts().import().unknown_zone(zone))?;
    // A file that is not an audit is refused by the reader itself, in its words.
    let dialect = sla_import::dialect::detect(bytes, true).map_err(|e| e.to_string())?;
    audit::import(bytes, &dialect, &zone, AuditOptions { pauses })
}

#[derive(Properties, PartialEq)]
pub struct AuditFormProps {
    pub state: UseReducerHandle<ImportState>,
    pub source: Source,
    pub audit: AuditChoices,
    pub zones: Rc<Vec<String>>,
    /// The records an import would add to or replace.
    pub records: usize,
    pub embedded: bool,
    pub dispatch: Callback<ImportAction>,
    pub cancel: Rc<Cell<bool>>,
    pub priorities: Option<PriorityTargets>,
    pub reader: AuditReader,
}

/// What the audit is and how it will be read, and its start button.
#[component]
pub fn AuditForm(props: &AuditFormProps) -> Html {
    let t = texts().import();
    let state = &props.state;
    let dispatch = &props.dispatch;
    let zone_known = zone::zone(&state.time_zone).is_some();
    let problems: Vec<String> = if zone_known {
        Vec::new()
    } else {
        vec![t.unknown_zone(&state.time_zone)]
    };
    let onstart = {
        let state = state.clone();
        let source = props.source.clone();
        let audit = props.audit;
        let cancel = props.cancel.clone();
        let targets = props.priorities.clone();
        let reader = props.reader;
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            run(
                state.clone(),
                source.clone(),
                audit,
                cancel.clone(),
                targets.clone(),
                reader,
            );
        })
    };
    let ontz = dispatch.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        ImportAction::TimeZone(input.value().trim().to_string())
    });
    html! {
        <form class="import-preview" aria-labelledby="import-preview-title" onsubmit={onstart}>
            <h3 id="import-preview-title">{ t.check_how_read(&props.source.name) }</h3>
            <p class="detected" id="import-detected">{ t.audit_detected }</p>
            <div class="field">
                <label for="import-tz">{ t.time_zone }</label>
                <input id="import-tz" list="import-tz-list" value={state.time_zone.clone()} onchange={ontz}
                    aria-invalid={(!zone_known).to_string()} autocomplete="off" />
                <datalist id="import-tz-list">
                    { for props.zones.iter().map(|z| html! { <option value={z.clone()} /> }) }
                </datalist>
            </div>
            <div class="field check">
                <input type="checkbox" id="import-audit-pauses" checked={props.audit.pauses}
                    aria-describedby="import-audit-pauses-hint"
                    onchange={dispatch.reform(|e: Event| ImportAction::AuditPauses(e.target_unchecked_into::<HtmlInputElement>().checked()))} />
                <label for="import-audit-pauses">{ t.pauses_from_states }</label>
                <p class="hint" id="import-audit-pauses-hint">{ t.audit_pauses_hint }</p>
            </div>
            { start_import(Start {
                records: props.records,
                embedded: props.embedded,
                replace: state.replace,
                problems: &problems,
                size: props.source.data.size(),
                dispatch,
            }) }
        </form>
    }
}

/// Reads the whole audit and imports its tickets (their priorities mapped
/// to the agreement's, in the workbench), with the figures.
fn run(
    state: UseReducerHandle<ImportState>,
    source: Source,
    audit: AuditChoices,
    cancel: Rc<Cell<bool>>,
    targets: Option<PriorityTargets>,
    reader: AuditReader,
) {
    let Some(zone) = zone::zone(&state.time_zone) else {
        return;
    };
    cancel.set(false);
    let chosen = state.priority_choices.clone();
    spawn_local(async move {
        let size = source.data.size();
        state.dispatch(ImportAction::Started {
            total: size,
            now_ms: browser::now_ms(),
            scanning: false,
        });
        let bytes = match source.data.read(0, size).await {
            Ok(bytes) => bytes,
            Err(message) => {
                state.dispatch(ImportAction::Failed(message));
                return;
            }
        };
        let read = match (reader.read)(&bytes, zone.name(), audit.pauses) {
            Ok(read) => read,
            Err(message) => {
                state.dispatch(ImportAction::Failed(
                    texts().import().refused(&source.name, &message),
                ));
                return;
            }
        };
        let mut outcome = read.into_outcome(&source.name, &zone);
        outcome.summary.bytes = size;
        let priorities = match targets {
            Some(targets) if !targets.wanted.is_empty() => {
                (targets.map)(&mut outcome.batch, &targets.wanted, &chosen)
            }
            _ => Vec::new(),
        };
        let mut pacer = Pacer::new(cancel);
        let Some(figures) = figures(&outcome.batch, &zone, &mut pacer).await else {
            state.dispatch(ImportAction::Cancelled);
            return;
        };
        state.dispatch(ImportAction::Finished(
            Box::new((outcome, figures, priorities, None)),
            browser::now_ms(),
        ));
    });
}
