//! Composite availability: components in series, in parallel, or k of n.

use std::rc::Rc;

use yew::prelude::*;

use super::figure::Figure;
use super::text_field::TextField;
use crate::format;
use crate::state::quick::{CompositeMode, QuickAction, QuickState, MAX_PARTS};

#[derive(Properties, PartialEq)]
pub struct CompositeProps {
    pub state: Rc<QuickState>,
    pub dispatch: Callback<QuickAction>,
}

const MODES: [(CompositeMode, &str); 3] = [
    (CompositeMode::Serial, "In series: all are needed"),
    (CompositeMode::Parallel, "In parallel: any one suffices"),
    (CompositeMode::KOfN, "k of n must work"),
];

#[component]
pub fn Composite(props: &CompositeProps) -> Html {
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
    let modes = MODES.iter().map(|(mode, label)| {
        let onchange = props
            .dispatch
            .reform(move |_: Event| QuickAction::SetCompositeMode(*mode));
        let id = format!("mode-{}", mode.key());
        html! {
            <div class="check">
                <input type="radio" name="composite-mode" id={id.clone()}
                    checked={state.composite_mode == *mode} {onchange} />
                <label for={id}>{ *label }</label>
            </div>
        }
    });
    let parts = state.composite_parts.iter().enumerate().map(|(i, text)| {
        let oninput = props.dispatch.reform(move |t| QuickAction::SetPart(i, t));
        let onremove = props
            .dispatch
            .reform(move |_: MouseEvent| QuickAction::RemovePart(i));
        html! {
            <li class="target-row" key={i}>
                <TextField
                    id={format!("part-{i}")}
                    label={format!("Component {} (%)", i + 1)}
                    value={text.clone()}
                    {oninput}
                    error={part_error(i)}
                />
                if state.composite_parts.len() > 1 {
                    <button type="button" class="remove" onclick={onremove}
                        aria-label={format!("Remove component {}", i + 1)}>{"Remove"}</button>
                }
            </li>
        }
    });
    let onadd = props.dispatch.reform(|_: MouseEvent| QuickAction::AddPart);
    let onk = props.dispatch.reform(QuickAction::SetCompositeK);
    let result = match &system {
        Ok(system) => {
            let explained = system.explain();
            html! {
                <p class="big">
                    {"Composite availability: "}
                    <output aria-live="polite">
                        <Figure
                            text={format::fraction_as_percent(explained.value, 6)}
                            explanation={explained.explanation}
                            label="Composite availability"
                        />
                    </output>
                </p>
            }
        }
        Err(_) => {
            html! { <p class="hint">{"Fix the marked field to see the composite availability."}</p> }
        }
    };
    html! {
        <div class="composite">
            <fieldset>
                <legend>{"How the components combine"}</legend>
                { for modes }
            </fieldset>
            if state.composite_mode == CompositeMode::KOfN {
                <TextField id="composite-k" label="k (components that must work)" value={state.composite_k.clone()}
                    oninput={onk} error={k_error} inputmode="numeric" />
            }
            <ul class="target-list" aria-label="Components">{ for parts }</ul>
            <p class="hint">
                {"A component is a percentage or a nested group: parallel(99.5, 99.5), serial(99.9, 99.95) or 2of3(99, 99, 99)."}
            </p>
            <button type="button" onclick={onadd} disabled={state.composite_parts.len() >= MAX_PARTS}>{"Add component"}</button>
            { result }
            <p class="note">{"Composites are estimates computed in double precision and shown rounded down; they assume components fail independently."}</p>
        </div>
    }
}
