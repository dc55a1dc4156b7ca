//! A computed figure that opens its explanation on demand.

use sla_engine::Explanation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FigureProps {
    /// What is shown, e.g. `43m 50s`.
    pub text: AttrValue,
    /// The exact value, shown on hover and in the explanation, e.g. `2,629.746 s`.
    #[prop_or_default]
    pub exact: Option<AttrValue>,
    pub explanation: Explanation,
    /// What the figure is, for screen readers: `allowed downtime per day at 99.9 %`.
    pub label: AttrValue,
}

/// A button showing the figure; activating it shows the formula, the
/// numbers put into it and the convention, right below.
#[component]
pub fn Figure(props: &FigureProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let title = props
        .exact
        .clone()
        .map(|exact| AttrValue::from(format!("exact: {exact}")));
    html! {
        <span class="figure">
            <button
                type="button"
                class="figure-value"
                aria-expanded={if *open { "true" } else { "false" }}
                aria-label={format!("{}: {}{}, show why", props.label, props.text,
                    props.exact.as_ref().map(|e| format!(" ({e})")).unwrap_or_default())}
                {title}
                onclick={toggle}
            >
                { &props.text }
            </button>
            if *open {
                <span class="why" role="note">
                    if let Some(exact) = &props.exact {
                        <span class="why-line"><strong>{"Exact: "}</strong>{ exact }</span>
                    }
                    <span class="why-line"><strong>{"Formula: "}</strong>{ &props.explanation.formula }</span>
                    <span class="why-line"><strong>{"Here: "}</strong>{ &props.explanation.substituted }</span>
                    <span class="why-line"><strong>{"Convention: "}</strong>{ &props.explanation.convention }</span>
                </span>
            }
        </span>
    }
}
