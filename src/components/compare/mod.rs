//! The "Compare vendor SLAs" page (work in progress).

use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct ComparePageProps {}

#[component]
pub fn ComparePage(_props: &ComparePageProps) -> Html {
    html! {}
}
