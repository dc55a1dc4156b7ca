//! Composite availability: components in series, in parallel, or k of n.

use std::rc::Rc;

use yew::prelude::*;

use super::figure::Figure;
use super::text_field::TextField;
use crate::format;
use crate::i18n::{texts, Quick};
use crate::state::calculator::quick::{CompositeMode, QuickState, MAX_PARTS};

/// The composite is shown with this many decimals, rounded down.
pub const SHOWN_DECIMALS: usize = 6;
/// Its every digit is shown on demand up to this many decimals (a deep
/// composite has hundreds).
pub const MAX_EXACT_DECIMALS: usize = 40;

#[derive(Properties, PartialEq)]
pub struct CompositeProps {
    pub state: Rc<QuickState>,
    /// Another way to combine was chosen.
    pub on_set_mode: Callback<CompositeMode>,
    /// k (of n) was typed.
    pub on_set_k: Callback<String>,
    /// A component's availability was typed: its row and the text.
    pub on_set_part: Callback<(usize, String)>,
    /// A component is to be added.
    pub on_add_part: Callback<()>,
    /// The component in this row is to be removed.
    pub on_remove_part: Callback<usize>,
}

/// The ways to combine, with their names.
fn modes(t: &Quick) -> [(CompositeMode, &'static str); 3] {
    [
        (CompositeMode::Serial, t.mode_serial),
        (CompositeMode::Parallel, t.mode_parallel),
        (CompositeMode::KOfN, t.mode_k_of_n),
    ]
}

#[component]
pub fn Composite(props: &CompositeProps) -> Html {
    let t = texts();
    let state = &props.state;
    let system = state.composite();
    let part_error = |i: usize| match &system {
        Err((Some(at), message)) if *at == i => Some(AttrValue::from(message.clone())),
        _ => None,
    };
    let k_error = match &system {
        Err((None, message)) => Some(AttrValue::from(message.clone())),
        _ => None,
    };
    let modes = modes(t.quick()).into_iter().map(|(mode, label)| {
        let onchange = props.on_set_mode.reform(move |_: Event| mode);
        let id = format!("mode-{}", mode.key());
        html! {
            <div class="check">
                <input type="radio" name="composite-mode" id={id.clone()}
                    checked={state.composite_mode == mode} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    });
    let parts = state.composite_parts.iter().enumerate().map(|(i, text)| {
        let oninput = props.on_set_part.reform(move |t| (i, t));
        let onremove = props.on_remove_part.reform(move |_: MouseEvent| i);
        html! {
            <li class="target-row" key={i}>
                <TextField
                    id={format!("part-{i}")}
                    label={t.quick().component_label(i + 1)}
                    value={text.clone()}
                    {oninput}
                    error={part_error(i)}
                />
                if state.composite_parts.len() > 1 {
                    <button type="button" class="remove" onclick={onremove}
                        aria-label={t.quick().remove_component(i + 1)}>{ t.common().remove }</button>
                }
            </li>
        }
    });
    let onadd = props.on_add_part.reform(|_: MouseEvent| ());
    let onk = props.on_set_k.clone();
    let result = match &system {
        Ok(system) => {
            let explained = system.explain();
            html! {
                <p class="big">
                    { t.quick().composite_prefix }
                    <output aria-live="polite">
                        <Figure
                            text={format::percent(&explained.value.percent_rounded_down(SHOWN_DECIMALS))}
                            exact={(explained.value.exact_decimals() <= MAX_EXACT_DECIMALS)
                                .then(|| AttrValue::from(format::percent(&explained.value.percent_exact())))}
                            explanation={explained.explanation}
                            label={t.quick().composite_availability}
                        />
                    </output>
                </p>
            }
        }
        Err(_) => {
            html! { <p class="hint">{ t.quick().fix_marked_field }</p> }
        }
    };
    html! {
        <div class="composite">
            <fieldset>
                <legend>{ t.quick().how_components_combine }</legend>
                { for modes }
            </fieldset>
            if state.composite_mode == CompositeMode::KOfN {
                <TextField id="composite-k" label={t.quick().k_label} value={state.composite_k.clone()}
                    oninput={onk} error={k_error} inputmode="numeric" />
            }
            <ul class="target-list" aria-label={t.quick().components_list}>{ for parts }</ul>
            <p class="hint">
                { t.quick().component_hint }
            </p>
            <button type="button" onclick={onadd} disabled={state.composite_parts.len() >= MAX_PARTS}>{ t.quick().add_component }</button>
            { result }
            <p class="note">{ t.quick().composite_note }</p>
        </div>
    }
}
