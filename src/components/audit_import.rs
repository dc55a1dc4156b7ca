//! A field-change audit (ServiceNow `sys_audit`: a row per changed field of
//! a record) in the import panel: what it is, its time zone and whether
//! its on-hold spans become pauses, then its import as one ticket per
//! record (`sla_import::audit`; see `docs/import.md`, "Field-change
//! audits"). The summary is the panel's own, with the audit's history line.

use std::cell::Cell;
use std::rc::Rc;

use sla_import::audit::{self, AuditOptions};
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser::{self, zone};
use crate::components::import::{figures, start_import, Pacer, PriorityTargets, Start};
use crate::i18n::texts;
use crate::state::import::{AuditChoices, ImportAction, ImportState, Source};

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
}

/// What the audit is and how it will be read, and its start button.
#[component]
pub fn AuditForm(props: &AuditFormProps) -> Html {
    let t = texts().import();
    let state = &props.state;
    let dispatch = &props.dispatch;
    let zone_known = zone::zone(&state.time_zone).is_some();
    let onstart = {
        let state = state.clone();
        let source = props.source.clone();
        let audit = props.audit;
        let cancel = props.cancel.clone();
        let targets = props.priorities.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            run(
                state.clone(),
                source.clone(),
                audit,
                cancel.clone(),
                targets.clone(),
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
            if !zone_known {
                <ul class="problems" id="import-problems"><li>{ t.unknown_zone(&state.time_zone) }</li></ul>
            }
            { start_import(Start {
                records: props.records,
                embedded: props.embedded,
                replace: state.replace,
                ready: zone_known,
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
        let options = AuditOptions {
            pauses: audit.pauses,
        };
        let read = match audit::import(&bytes, &audit.dialect, &zone, options) {
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
