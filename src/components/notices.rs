//! Notices about what was not understood in a link.

use yew::prelude::*;

use crate::i18n::texts;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<String>,
    pub ondismiss: Callback<()>,
}

#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let t = texts();
    let ondismiss = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <section class="notice" role="status" aria-labelledby="notice-title">
            <h2 id="notice-title">{ t.link().notices_title }</h2>
            <ul>
                { for props.notices.iter().map(|n| html! { <li>{ n }</li> }) }
            </ul>
            <button type="button" onclick={ondismiss}>{ t.common().dismiss }</button>
        </section>
    }
}
