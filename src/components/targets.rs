//! The targets being compared, the shortcuts that add them, and the
//! calendar month that the calendar periods use.

use std::rc::Rc;

use sla_engine::Percent;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::text_field::TextField;
use crate::i18n::texts;
use crate::state::calculator::quick::{parse_target, QuickState, MAX_TARGETS};

/// Levels offered as one-click shortcuts.
pub const SHORTCUTS: [&str; 6] = ["99", "99.5", "99.9", "99.95", "99.99", "99.999"];

#[derive(Properties, PartialEq)]
pub struct TargetsProps {
    pub state: Rc<QuickState>,
    /// A target's text was typed: its row and the text.
    pub on_set_target: Callback<(usize, String)>,
    /// A target at this level is to be added.
    pub on_add_target: Callback<String>,
    /// The target in this row is to be removed.
    pub on_remove_target: Callback<usize>,
    /// The calendar month was typed.
    pub on_set_month: Callback<String>,
}

#[component]
pub fn Targets(props: &TargetsProps) -> Html {
    let t = texts();
    let nines = use_state(|| 4u8);
    let state = &props.state;
    let full = state.targets.len() >= MAX_TARGETS;
    let rows = state.targets.iter().enumerate().map(|(i, text)| {
        let oninput = props.on_set_target.reform(move |t| (i, t));
        let onremove = props.on_remove_target.reform(move |_: MouseEvent| i);
        let error = parse_target(text).err().map(AttrValue::from);
        html! {
            <li class="target-row" key={i}>
                <TextField
                    id={format!("target-{i}")}
                    label={t.quick().target_label(i + 1)}
                    value={text.clone()}
                    {oninput}
                    {error}
                    inputmode="decimal"
                />
                if state.targets.len() > 1 {
                    <button type="button" class="remove" onclick={onremove}
                        aria-label={t.quick().remove_target(i + 1)}>{ t.common().remove }</button>
                }
            </li>
        }
    });
    let shortcuts = SHORTCUTS.iter().map(|level| {
        let onclick = props.on_add_target.reform(move |_: MouseEvent| (*level).into());
        html! {
            <button type="button" disabled={full} {onclick} aria-label={t.quick().add_target_level(level)}>
                { format!("{level} %") }
            </button>
        }
    });
    let onnines = {
        let nines = nines.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(n) = select.value().parse::<u8>() {
                nines.set(n);
            }
        })
    };
    let add_nines = {
        let n = *nines;
        props.on_add_target.reform(move |_: MouseEvent| {
            Percent::nines(n)
                .map(|p| p.to_decimal_string())
                .unwrap_or_default()
        })
    };
    let onmonth = props.on_set_month.clone();
    let month_error = state.calendar_month().err().map(AttrValue::from);
    html! {
        <div class="targets">
            <ul class="target-list" aria-label={t.quick().targets_list}>{ for rows }</ul>
            <div class="shortcuts" role="group" aria-label={t.quick().add_a_target}>
                <span class="shortcuts-label" aria-hidden="true">{ t.quick().add_prefix }</span>
                { for shortcuts }
                <span class="nines">
                    <label for="nines">{ t.quick().nines }</label>
                    <select id="nines" onchange={onnines}>
                        { for (1..=9u8).map(|n| html! {
                            <option value={n.to_string()} selected={n == *nines}>{ n }</option>
                        }) }
                    </select>
                    <button type="button" disabled={full} onclick={add_nines}>{ t.quick().add_nines }</button>
                </span>
            </div>
            if full {
                <p class="hint">{ t.quick().at_most_targets(MAX_TARGETS) }</p>
            }
            <TextField
                id="month"
                label={t.quick().month_label}
                input_type="month"
                value={state.month.clone()}
                oninput={onmonth}
                error={month_error}
                hint={t.quick().month_hint}
            />
        </div>
    }
}
