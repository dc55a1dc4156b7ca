//! The presets to pick: checkboxes grouped by vendor, each with its source
//! (the vendor's page as a link, the date and version of its terms) and
//! what was transcribed from and checked against what.

use sla_presets::Preset;
use web_sys::{Document, Node};

use super::t;
use crate::i18n::Count;
use crate::pages::dom::{el, text, words};

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

/// `3 picked.`
pub fn picked_text(picked: usize) -> String {
    t().picked(&Count::plain(picked))
}

/// The picker, in `parent`.
pub fn render(doc: &Document, parent: &Node, presets: &[Preset], selected: &[String]) {
    let Some(picker) = el(doc, parent, "div", &[("class", "compare-picker")]) else {
        return;
    };
    text(
        doc,
        &picker,
        "p",
        &[
            ("class", "hint"),
            ("id", "compare-picked"),
            ("role", "status"),
        ],
        &picked_text(selected.len()),
    );
    for vendor in vendors(presets) {
        let Some(fieldset) = el(doc, &picker, "fieldset", &[("class", "compare-vendor")]) else {
            continue;
        };
        text(doc, &fieldset, "legend", &[], vendor);
        let Some(list) = el(doc, &fieldset, "ul", &[("class", "compare-preset-list")]) else {
            continue;
        };
        for preset in presets.iter().filter(|p| p.vendor == vendor) {
            item(doc, &list, preset, selected.contains(&preset.id));
        }
    }
}

fn item(doc: &Document, list: &Node, preset: &Preset, checked: bool) {
    let Some(li) = el(doc, list, "li", &[("class", "compare-preset")]) else {
        return;
    };
    let id = format!("pick-{}", preset.id);
    let about = format!("{id}-about");
    if let Some(check) = el(doc, &li, "span", &[("class", "check")]) {
        let mut attrs = vec![
            ("type", "checkbox"),
            ("id", id.as_str()),
            ("aria-describedby", about.as_str()),
        ];
        if checked {
            attrs.push(("checked", ""));
        }
        el(doc, &check, "input", &attrs);
        text(
            doc,
            &check,
            "label",
            &[("for", &id)],
            &t().preset_label(
                &preset.name,
                &crate::format::percent(&preset.commitment.to_decimal_string()),
            ),
        );
    }
    let source = &preset.source;
    text(
        doc,
        &li,
        "p",
        &[("class", "compare-preset-about"), ("id", &about)],
        &format!(
            "{} — {}. {}",
            preset.service,
            preset.variant,
            t().terms_of(&source.terms_date.to_string(), &source.terms_version)
        ),
    );
    if let Some(p) = el(doc, &li, "p", &[("class", "compare-preset-source")]) {
        words(doc, &p, t().source_prefix);
        if linkable(&source.url) {
            text(
                doc,
                &p,
                "a",
                &[("href", &source.url), ("rel", "noopener noreferrer")],
                &source.url,
            );
        } else {
            text(doc, &p, "span", &[], &source.url);
        }
    }
    let Some(details) = el(doc, &li, "details", &[("class", "compare-checks")]) else {
        return;
    };
    text(
        doc,
        &details,
        "summary",
        &[],
        &t().checks_summary(&source.transcribed_on.to_string()),
    );
    if let Some(ul) = el(doc, &details, "ul", &[]) {
        for check in &source.checks {
            if let Some(li) = el(doc, &ul, "li", &[]) {
                text(doc, &li, "strong", &[], &check.part);
                words(
                    doc,
                    &li,
                    &format!(": {} — {}", check.status.label(), check.against),
                );
            }
        }
    }
    crate::pages::dom::labelled(doc, &details, t().note_prefix, &source.note);
}
