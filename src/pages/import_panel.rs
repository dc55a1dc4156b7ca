//! The calculator's import module's root (`import-panel.html`, mounted in
//! the calculator's `#import-root`): the import panel, with the reader of
//! field-change audits, which the workbench does not carry.

use yew::prelude::*;

use crate::components::import::{audit, Import};

/// The import panel as the calculator's module shows it.
#[component]
pub fn ImportPanel() -> Html {
    html! { <Import audit={Some(audit::DIRECT)} /> }
}
