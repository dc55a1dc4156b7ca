//! The presets to pick: checkboxes grouped by vendor, each with its source
//! (the vendor's page as a link, the date and version of its terms) and
//! what was transcribed from and checked against what.

use std::rc::Rc;

use sla_presets::Preset;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::t;
use crate::i18n::Count;
use crate::state::compare::Action;

#[derive(Properties, PartialEq)]
pub struct PresetPickerProps {
    pub presets: Rc<Vec<Preset>>,
    pub selected: Vec<String>,
    pub dispatch: Callback<Action>,
}

/// The vendors in the order their first preset comes.
fn vendors(presets: &[Preset]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for p in presets {
        if !out.contains(&p.vendor.as_str()) {
            out.push(&p.vendor);
        }
    }
    out
}

/// Whether a preset's source may be a link: an https address only.
fn linkable(url: &str) -> bool {
    url.starts_with("https://") && !url.contains(char::is_whitespace)
}

#[component]
pub fn PresetPicker(props: &PresetPickerProps) -> Html {
    let picked = props.selected.len();
    html! {
        <div class="compare-picker">
            <p class="hint" id="compare-picked" role="status">{ t().picked(&Count::plain(picked)) }</p>
            for vendor in vendors(&props.presets) {
                <fieldset class="compare-vendor">
                    <legend>{ vendor }</legend>
                    <ul class="compare-preset-list">
                        for preset in props.presets.iter().filter(|p| p.vendor == vendor) {
                            { preset_item(preset, props.selected.contains(&preset.id), &props.dispatch) }
                        }
                    </ul>
                </fieldset>
            }
        </div>
    }
}

fn preset_item(preset: &Preset, checked: bool, dispatch: &Callback<Action>) -> Html {
    let id = format!("pick-{}", preset.id);
    let about = format!("{id}-about");
    let onchange = {
        let preset_id = preset.id.clone();
        dispatch.reform(move |e: Event| {
            Action::Pick(
                preset_id.clone(),
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            )
        })
    };
    let source = &preset.source;
    html! {
        <li class="compare-preset">
            <span class="check">
                <input type="checkbox" id={id.clone()} {checked} aria-describedby={about.clone()} {onchange} />
                <label for={id}>
                    { t().preset_label(&preset.name, &crate::format::percent(&preset.commitment.to_decimal_string())) }
                </label>
            </span>
            <p class="compare-preset-about" id={about}>
                { format!("{} — {}. ", preset.service, preset.variant) }
                { t().terms_of(&source.terms_date.to_string(), &source.terms_version) }
            </p>
            <p class="compare-preset-source">
                { t().source_prefix }
                if linkable(&source.url) {
                    <a href={source.url.clone()} rel="noopener noreferrer">{ &source.url }</a>
                } else {
                    <span>{ &source.url }</span>
                }
            </p>
            <details class="compare-checks">
                <summary>{ t().checks_summary(&source.transcribed_on.to_string()) }</summary>
                <ul>
                    for check in &source.checks {
                        <li>
                            <strong>{ &check.part }</strong>
                            { format!(": {} — {}", check.status.label(), check.against) }
                        </li>
                    }
                </ul>
                <p><strong>{ t().note_prefix }</strong>{ &source.note }</p>
            </details>
        </li>
    }
}
