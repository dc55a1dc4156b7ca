//! A computed figure that opens its explanation on demand.

use sla_engine::Explanation;
use yew::prelude::*;

use crate::i18n::texts;

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
    let t = texts().common();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let title = props
        .exact
        .clone()
        .map(|exact| AttrValue::from(t.figure_title(&exact)));
    html! {
        <span class="figure">
            <button
                type="button"
                class="figure-value"
                aria-expanded={if *open { "true" } else { "false" }}
                aria-label={t.figure_label(&props.label, &props.text, props.exact.as_deref())}
                {title}
                onclick={toggle}
            >
                { &props.text }
            </button>
            if *open {
                <span class="why" role="note">
                    if let Some(exact) = &props.exact {
                        <span class="why-line"><strong>{ t.exact_prefix }</strong>{ exact }</span>
                    }
                    <span class="why-line"><strong>{ t.formula_prefix }</strong>{ &props.explanation.formula }</span>
                    <span class="why-line"><strong>{ t.here_prefix }</strong>{ &props.explanation.substituted }</span>
                    <span class="why-line"><strong>{ t.convention_prefix }</strong>{ &props.explanation.convention }</span>
                </span>
            }
        </span>
    }
}
