//! The presets side by side: each one's monthly uptime under its own
//! definition, status, tier, credit (cap and minimum applied) and claim
//! deadline; the differences in words; each figure explained (the vendor's
//! definition, the steps, what became of every outage); downloads of the
//! comparison as CSV and text. A short summary is announced when the
//! figures change.

use std::rc::Rc;

use sla_engine::Money;
use sla_presets::compare::Comparison;
use sla_presets::evaluate::Evaluation;
use sla_presets::render::{comparison_csv, comparison_text};
use sla_presets::Preset;
use yew::prelude::*;

use super::t;
use super::Outcome;
use crate::format;
use crate::i18n::Count;
use crate::state::compare::{file_name, ParsedLog};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub presets: Rc<Vec<Preset>>,
    pub outcome: Rc<Outcome>,
    pub log: Rc<ParsedLog>,
}

/// `99.4914 %` (rounded down to 4 decimals, as the crate shows it).
pub(super) fn uptime(e: &Evaluation) -> String {
    format::percent(&e.uptime.to_percent_string(4))
}

pub(super) fn money(m: &Money) -> String {
    format::money(m.currency().code(), &m.to_plain_string())
}

pub(super) fn percent(p: sla_engine::Percent) -> String {
    format::percent(&p.to_decimal_string())
}

/// The credit in words and symbols: `10 %: $100.00`, with the cap or the
/// minimum when they decided it.
pub(super) fn credit(e: &Evaluation) -> String {
    let share = percent(e.credit_percent);
    match &e.credit {
        None if e.tier.is_some() => t().credit_without_bill(&share),
        None => t().no_credit.to_owned(),
        Some(_) if e.tier.is_none() => t().no_credit.to_owned(),
        Some(c) if c.below_minimum => t().credit_below_minimum(&share, &money(&c.raw)),
        Some(c) if c.capped => t().credit_capped(&share, &money(&c.payable), &money(&c.raw)),
        Some(c) => t().credit_amount(&share, &money(&c.payable)),
    }
}

/// The deadline and the days left, in words and a symbol.
pub(super) fn deadline(e: &Evaluation) -> (String, String) {
    let date = e
        .deadline
        .map(|d| d.to_string())
        .unwrap_or_else(|| "—".into());
    let left = match e.days_left {
        None => t().no_deadline.to_owned(),
        Some(days) => t().days_left(days),
    };
    (date, left)
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let (summary, body) = match props.outcome.as_ref() {
        Outcome::NothingPicked => (t().pick_some.to_owned(), Html::default()),
        Outcome::BadInput => (t().fix_inputs.to_owned(), Html::default()),
        Outcome::BadLog => (t().fix_log.to_owned(), Html::default()),
        Outcome::Refused(why) => (t().refused(why), Html::default()),
        Outcome::Compared(c) => (
            summary(c, props.log.records.len()),
            view(&props.outcome, c, &props.presets, &props.log),
        ),
    };
    html! {
        <div class="compare-results">
            <p id="compare-summary" class="compare-summary" role="status" aria-live="polite"
                aria-atomic="true">{ summary }</p>
            { body }
        </div>
    }
}

fn summary(c: &Comparison, outages: usize) -> String {
    let missed = c.rows.iter().filter(|r| !r.met).count();
    let due = c
        .rows
        .iter()
        .filter(|r| {
            r.tier.is_some()
                && r.credit
                    .as_ref()
                    .is_none_or(|c| c.payable.minor_units() > 0)
        })
        .count();
    t().summary(
        &Count::plain(c.rows.len()),
        &c.month.label(),
        &Count::plain(outages),
        &Count::plain(missed),
        &Count::plain(due),
    )
}

/// The most differences, and outages per preset, listed on the page (a
/// long log would make the page heavy); the downloads have them all.
const LISTED: usize = 200;

fn view(outcome: &Rc<Outcome>, c: &Comparison, presets: &[Preset], log: &ParsedLog) -> Html {
    let month = c.month.label();
    // The downloads are written when asked for, not at every render.
    let download_csv = {
        let outcome = outcome.clone();
        let name = file_name(&["sla-comparison", &month], "csv");
        Callback::from(move |_: MouseEvent| {
            if let Outcome::Compared(c) = outcome.as_ref() {
                crate::browser::download(&name, "text/csv", &comparison_csv(c));
            }
        })
    };
    let download_text = {
        let outcome = outcome.clone();
        let name = file_name(&["sla-comparison", &month], "txt");
        let outages = log.records.len();
        Callback::from(move |_: MouseEvent| {
            if let Outcome::Compared(c) = outcome.as_ref() {
                let text = comparison_text(c, outages, true);
                crate::browser::download(&name, "text/plain", &text);
            }
        })
    };
    let more_differences = c.differences.len().saturating_sub(LISTED);
    let preset_of = |id: &str| presets.iter().find(|p| p.id == id);
    html! {
        <>
            <p class="table-title" id="compare-table-caption">{ t().table_caption(&month, &c.time_zone) }</p>
            <div class="table-scroll" role="region" aria-labelledby="compare-table-caption" tabindex="0">
                <table class="compare-table" aria-labelledby="compare-table-caption">
                    <thead>
                        <tr>
                            <th scope="col">{ t().th_preset }</th>
                            <th scope="col">{ t().th_uptime }</th>
                            <th scope="col">{ t().th_commitment }</th>
                            <th scope="col">{ t().th_status }</th>
                            <th scope="col">{ t().th_tier }</th>
                            <th scope="col">{ t().th_credit }</th>
                            <th scope="col">{ t().th_deadline }</th>
                            <th scope="col">{ t().th_records }</th>
                        </tr>
                    </thead>
                    <tbody>
                        for (row, name) in c.rows.iter().zip(&c.names) {
                            { table_row(row, name, preset_of(&row.preset_id)) }
                        }
                    </tbody>
                </table>
            </div>
            <h3>{ t().differences_title }</h3>
            if c.differences.is_empty() {
                <p>{ if c.rows.len() < 2 { t().differences_one } else { t().differences_none } }</p>
            } else {
                <ul class="compare-differences">
                    for d in c.differences.iter().take(LISTED) {
                        <li>{ d }</li>
                    }
                    if more_differences > 0 {
                        <li>{ t().more_in_downloads(&Count::plain(more_differences)) }</li>
                    }
                </ul>
            }
            <h3>{ t().explained_title }</h3>
            for (row, name) in c.rows.iter().zip(&c.names) {
                { explanation(row, name, preset_of(&row.preset_id), log) }
            }
            <div class="compare-buttons no-print">
                <button type="button" id="compare-download-csv" onclick={download_csv}>{ t().download_csv }</button>
                <button type="button" id="compare-download-text" onclick={download_text}>{ t().download_text }</button>
            </div>
        </>
    }
}

fn table_row(e: &Evaluation, name: &str, preset: Option<&Preset>) -> Html {
    let (status_class, status) = if e.met {
        ("status met", t().status_met)
    } else {
        ("status missed", t().status_missed)
    };
    let counted = e.records.iter().filter(|r| r.counted).count();
    let (date, left) = deadline(e);
    let tier = match e.tier {
        Some(n) => t().tier(n + 1, &e.tier_text),
        None => t().no_tier.to_owned(),
    };
    html! {
        <tr id={format!("compare-row-{}", e.preset_id)}>
            <th scope="row">
                { name }
                if let Some(p) = preset {
                    <span class="sub compare-vendor-name">{ &p.vendor }</span>
                }
            </th>
            <td class="num">
                <span class="compare-uptime">{ uptime(e) }</span>
                <span class="sub">{ t().downtime_of(&e.measure.describe_down(), &e.measure.describe_total()) }</span>
            </td>
            <td class="num">{ percent(e.commitment) }</td>
            <td><span class={status_class}>{ status }</span></td>
            <td>{ tier }</td>
            <td class="compare-credit">{ credit(e) }</td>
            <td>
                <span class="compare-deadline">{ date }</span>
                <span class="sub">{ left }</span>
            </td>
            <td>
                { t().records_counted(&Count::plain(counted), &Count::plain(e.records.len() - counted)) }
                { " " }
                <a href={format!("#why-{}", e.preset_id)} onclick={open_details(format!("why-{}", e.preset_id))}>
                    { t().why_link }
                </a>
            </td>
        </tr>
    }
}

/// Opens the `<details>` a "Why?" link points to (a link to a closed
/// `<details>` would scroll to it without opening it).
fn open_details(id: String) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| {
        let details = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(&id));
        if let Some(details) = details {
            let _ = js_sys::Reflect::set(&details, &"open".into(), &true.into());
        }
    })
}

fn when(log: &ParsedLog, index: usize) -> String {
    log.records
        .get(index)
        .map(|r| {
            let text = |instant| sla_engine::time::iso::utc_clock(instant, ' ');
            format!(
                "{} → {} UTC, {}",
                text(r.start),
                text(r.end),
                r.scope.describe()
            )
        })
        .unwrap_or_default()
}

fn explanation(e: &Evaluation, name: &str, preset: Option<&Preset>, log: &ParsedLog) -> Html {
    let counted = e.records.iter().filter(|r| r.counted).count();
    let records_id = format!("why-{}-records", e.preset_id);
    html! {
        <details class="compare-why" id={format!("why-{}", e.preset_id)}>
            <summary>{ t().why_summary(name, &uptime(e), &credit(e)) }</summary>
            if let Some(p) = preset {
                <p><strong>{ t().definition_prefix }</strong>{ &p.uptime.definition }</p>
                <p><strong>{ t().downtime_prefix }</strong>{ &p.uptime.downtime }</p>
            }
            <p><strong>{ t().formula_prefix }</strong>{ &e.explanation.formula }</p>
            <p><strong>{ t().here_prefix }</strong>{ &e.explanation.substituted }</p>
            <p><strong>{ t().convention_prefix }</strong>{ &e.explanation.convention }</p>
            <h4>{ t().steps_title }</h4>
            <ol class="compare-steps">
                for step in &e.steps {
                    <li>{ step }</li>
                }
            </ol>
            if !e.records.is_empty() {
                <p class="table-title" id={records_id.clone()}>
                    { t().records_caption(name, &Count::plain(counted), &Count::plain(e.records.len() - counted)) }
                </p>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby={records_id.clone()}>
                    <table class="compare-records" aria-labelledby={records_id}>
                        <thead>
                            <tr>
                                <th scope="col">{ t().th_record }</th>
                                <th scope="col">{ t().th_when }</th>
                                <th scope="col">{ t().th_counted }</th>
                                <th scope="col">{ t().th_why }</th>
                            </tr>
                        </thead>
                        <tbody>
                            for r in e.records.iter().take(LISTED) {
                                <tr>
                                    <th scope="row">{ t().record_number(r.index + 1, r.line) }</th>
                                    <td>{ when(log, r.index) }</td>
                                    <td class={if r.counted { "status met" } else { "status" }}>
                                        { if r.counted { t().counted } else { t().left_out } }
                                    </td>
                                    <td>{ &r.reason }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
                if e.records.len() > LISTED {
                    <p class="hint">{ t().more_in_downloads(&Count::plain(e.records.len() - LISTED)) }</p>
                }
            }
            <p><strong>{ t().tier_prefix }</strong>{ &e.tier_text }</p>
            if let Some(c) = &e.credit {
                <p><strong>{ t().credit_prefix }</strong>{ &c.note }</p>
            }
            <p><strong>{ t().deadline_prefix }</strong>{ &e.deadline_rule }</p>
        </details>
    }
}
