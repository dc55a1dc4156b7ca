//! The claim helper: for one of the presets compared and the month, the
//! claim's text (ready to paste into a support case) and its table, from
//! `sla_presets::claim`; copied with the Clipboard API (or, where the
//! browser refuses, the text is selected for the visitor to copy) and
//! downloaded as `.txt` and `.csv`.

use std::rc::Rc;

use sla_presets::claim::claim;
use sla_presets::Preset;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::results::{credit, deadline};
use super::t;
use super::Outcome;
use crate::browser;
use crate::i18n::Count;
use crate::state::compare::{file_name, split_csv, Action, ParsedLog};

#[derive(Properties, PartialEq)]
pub struct ClaimHelperProps {
    pub presets: Rc<Vec<Preset>>,
    pub outcome: Rc<Outcome>,
    pub log: Rc<ParsedLog>,
    /// The preset the claim is for (the state's choice, or the first picked).
    pub preset: Option<AttrValue>,
    pub dispatch: Callback<Action>,
}

/// The most incidents shown on the page (the downloads have them all).
const LISTED: usize = 200;

/// The columns of the claim's CSV shown on the page (the download has them all).
const SHOWN: [&str; 7] = [
    "incident",
    "start",
    "end",
    "duration_seconds",
    "downtime_counted",
    "scope",
    "description",
];

#[component]
pub fn ClaimHelper(props: &ClaimHelperProps) -> Html {
    let copied = use_state_eq(|| None::<String>);
    let Outcome::Compared(comparison) = props.outcome.as_ref() else {
        return html! { <p class="hint">{ t().claim_needs_comparison }</p> };
    };
    let wanted = props.preset.as_deref().unwrap_or_default();
    let index = comparison
        .rows
        .iter()
        .position(|r| r.preset_id == wanted)
        .unwrap_or(0);
    let (Some(evaluation), Some(preset)) = (
        comparison.rows.get(index),
        comparison
            .rows
            .get(index)
            .and_then(|r| props.presets.iter().find(|p| p.id == r.preset_id)),
    ) else {
        return html! { <p class="hint">{ t().claim_needs_comparison }</p> };
    };
    let document = claim(preset, evaluation, &props.log.records);
    let month = comparison.month.label();
    let onpreset = props
        .dispatch
        .reform(|e: Event| Action::Claim(e.target_unchecked_into::<HtmlSelectElement>().value()));
    let oncopy = {
        let text = document.text.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let text = text.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match browser::copy(&text).await {
                    Ok(()) => copied.set(Some(t().copied.to_owned())),
                    Err(_) => {
                        browser::select_text("claim-text");
                        copied.set(Some(t().copy_selected.to_owned()));
                    }
                }
            });
        })
    };
    let download_text = {
        let name = file_name(&["sla-claim", &preset.id, &month], "txt");
        let text = document.text.clone();
        Callback::from(move |_: MouseEvent| crate::browser::download(&name, "text/plain", &text))
    };
    let download_csv = {
        let name = file_name(&["sla-claim", &preset.id, &month], "csv");
        let csv = document.csv.clone();
        Callback::from(move |_: MouseEvent| crate::browser::download(&name, "text/csv", &csv))
    };
    let (date, left) = deadline(evaluation);
    let status = if document.credit_due {
        t().claim_due(&credit(evaluation), &date, &left)
    } else {
        t().claim_not_due(&credit(evaluation))
    };
    // The claim's table, from its CSV: the columns worth reading on the page.
    let table = split_csv(&document.csv);
    let header = table.first().cloned().unwrap_or_default();
    let columns: Vec<usize> = SHOWN
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    let incidents: Vec<Vec<String>> = table
        .iter()
        .skip(1)
        .filter(|r| r.iter().any(|f| !f.is_empty()))
        .filter(|r| {
            r.get(columns.first().copied().unwrap_or(0))
                .is_some_and(|f| !f.is_empty())
        })
        .map(|r| {
            columns
                .iter()
                .map(|i| r.get(*i).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    let more = incidents.len().saturating_sub(LISTED);
    html! {
        <div class="compare-claim">
            <div class="field">
                <label for="claim-preset">{ t().claim_preset_label }</label>
                <select id="claim-preset" onchange={onpreset}>
                    for (row, name) in comparison.rows.iter().zip(&comparison.names) {
                        <option value={row.preset_id.clone()} selected={row.preset_id == preset.id}>{ name }</option>
                    }
                </select>
            </div>
            <p id="claim-status" class={classes!("claim-status", if document.credit_due { "due" } else { "not-due" })}>
                { status }
            </p>
            <p><strong>{ t().subject_prefix }</strong>{ &document.subject }</p>
            <div class="field">
                <label for="claim-text">{ t().claim_text_label }</label>
                <textarea id="claim-text" class="claim-text" rows="18" readonly=true
                    spellcheck="false" value={document.text.clone()} />
            </div>
            <div class="compare-buttons no-print">
                <button type="button" id="claim-copy" onclick={oncopy}>{ t().copy }</button>
                <button type="button" id="claim-download-text" onclick={download_text}>{ t().download_claim_text }</button>
                <button type="button" id="claim-download-csv" onclick={download_csv}>{ t().download_claim_csv }</button>
            </div>
            <p id="claim-copy-status" role="status" aria-live="polite">{ (*copied).clone().unwrap_or_default() }</p>
            <p class="table-title" id="claim-table-caption">{ t().claim_table_caption }</p>
            <div class="table-scroll" role="region" aria-labelledby="claim-table-caption" tabindex="0">
                <table class="claim-table" aria-labelledby="claim-table-caption">
                    <thead>
                        <tr>
                            for i in &columns {
                                <th scope="col">{ header.get(*i).cloned().unwrap_or_default() }</th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                        if incidents.is_empty() {
                            <tr><td colspan={columns.len().to_string()}>{ t().no_incidents }</td></tr>
                        }
                        for row in incidents.into_iter().take(LISTED) {
                            <tr>
                                for cell in row {
                                    <td>{ cell }</td>
                                }
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
            if more > 0 {
                <p class="hint">{ t().more_in_downloads(&Count::plain(more)) }</p>
            }
        </div>
    }
}
