//! The claim helper: for one of the presets compared and the month, the
//! claim's text (ready to paste into a support case) and its table, from
//! `sla_presets::claim`; copied with the Clipboard API (or, where the
//! browser refuses, the text is selected for the visitor to copy) and
//! downloaded as `.txt` and `.csv` (the page's click handler, from
//! [`document`]).

use sla_presets::claim::{claim, ClaimDocument};
use sla_presets::compare::Comparison;
use sla_presets::evaluate::Evaluation;
use sla_presets::Preset;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlTextAreaElement, Node};

use super::results::{credit, deadline, head};
use super::t;
use super::Outcome;
use crate::i18n::Count;
use crate::pages::dom::{el, labelled, text};
use crate::state::compare::{split_csv, ParsedLog};

/// The most incidents shown on the page (the downloads have them all).
const LISTED: usize = 200;

/// The columns of the claim's CSV shown on the page (the download has them all).
const SHOWN: [&str; 7] = [
    "incident",
    "start",
    "end",
    "duration_seconds",
    "downtime_counted",
    "scope",
    "description",
];

/// The comparison's row the claim is for (the preset `wanted`, else the
/// first), and its preset.
fn chosen<'a>(
    c: &'a Comparison,
    presets: &'a [Preset],
    wanted: &str,
) -> Option<(&'a Evaluation, &'a Preset)> {
    let index = c
        .rows
        .iter()
        .position(|r| r.preset_id == wanted)
        .unwrap_or(0);
    let evaluation = c.rows.get(index)?;
    let preset = presets.iter().find(|p| p.id == evaluation.preset_id)?;
    Some((evaluation, preset))
}

/// The claim for the preset `wanted` (or the first compared), with the
/// preset's id and the month, when there is a comparison.
pub fn document(
    outcome: &Outcome,
    presets: &[Preset],
    log: &ParsedLog,
    wanted: &str,
) -> Option<(ClaimDocument, String, String)> {
    let Outcome::Compared(c) = outcome else {
        return None;
    };
    let (evaluation, preset) = chosen(c, presets, wanted)?;
    Some((
        claim(preset, evaluation, &log.records),
        preset.id.clone(),
        c.month.label(),
    ))
}

/// The claim helper in `parent`; `copied` is what the last copy said.
pub fn render(
    doc: &Document,
    parent: &Node,
    outcome: &Outcome,
    presets: &[Preset],
    log: &ParsedLog,
    wanted: &str,
    copied: &str,
) {
    let found = match outcome {
        Outcome::Compared(c) => chosen(c, presets, wanted).map(|found| (c, found)),
        _ => None,
    };
    let Some((comparison, (evaluation, preset))) = found else {
        text(
            doc,
            parent,
            "p",
            &[("class", "hint")],
            t().claim_needs_comparison,
        );
        return;
    };
    let document = claim(preset, evaluation, &log.records);
    let (date, left) = deadline(evaluation);
    let status = if document.credit_due {
        t().claim_due(&credit(evaluation), &date, &left)
    } else {
        t().claim_not_due(&credit(evaluation))
    };
    // The claim's table, from its CSV: the columns worth reading on the page.
    let table = split_csv(&document.csv);
    let header = table.first().cloned().unwrap_or_default();
    let columns: Vec<usize> = SHOWN
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    let incidents: Vec<Vec<String>> = table
        .iter()
        .skip(1)
        .filter(|r| r.iter().any(|f| !f.is_empty()))
        .filter(|r| {
            r.get(columns.first().copied().unwrap_or(0))
                .is_some_and(|f| !f.is_empty())
        })
        .map(|r| {
            columns
                .iter()
                .map(|i| r.get(*i).cloned().unwrap_or_default())
                .collect()
        })
        .collect();
    let more = incidents.len().saturating_sub(LISTED);

    let Some(root) = el(doc, parent, "div", &[("class", "compare-claim")]) else {
        return;
    };
    if let Some(field) = el(doc, &root, "div", &[("class", "field")]) {
        text(
            doc,
            &field,
            "label",
            &[("for", "claim-preset")],
            t().claim_preset_label,
        );
        if let Some(select) = el(doc, &field, "select", &[("id", "claim-preset")]) {
            for (row, name) in comparison.rows.iter().zip(&comparison.names) {
                let mut attrs = vec![("value", row.preset_id.as_str())];
                if row.preset_id == preset.id {
                    attrs.push(("selected", ""));
                }
                text(doc, &select, "option", &attrs, name);
            }
        }
    }
    let class = if document.credit_due {
        "claim-status due"
    } else {
        "claim-status not-due"
    };
    text(
        doc,
        &root,
        "p",
        &[("id", "claim-status"), ("class", class)],
        &status,
    );
    labelled(doc, &root, t().subject_prefix, &document.subject);
    if let Some(field) = el(doc, &root, "div", &[("class", "field")]) {
        text(
            doc,
            &field,
            "label",
            &[("for", "claim-text")],
            t().claim_text_label,
        );
        if let Some(area) = el(
            doc,
            &field,
            "textarea",
            &[
                ("id", "claim-text"),
                ("class", "claim-text"),
                ("rows", "18"),
                ("readonly", ""),
                ("spellcheck", "false"),
            ],
        ) {
            if let Some(area) = area.dyn_ref::<HtmlTextAreaElement>() {
                area.set_value(&document.text);
            }
        }
    }
    if let Some(buttons) = el(doc, &root, "div", &[("class", "compare-buttons no-print")]) {
        for (id, label) in [
            ("claim-copy", t().copy),
            ("claim-download-text", t().download_claim_text),
            ("claim-download-csv", t().download_claim_csv),
        ] {
            text(
                doc,
                &buttons,
                "button",
                &[("type", "button"), ("id", id)],
                label,
            );
        }
    }
    text(
        doc,
        &root,
        "p",
        &[
            ("id", "claim-copy-status"),
            ("role", "status"),
            ("aria-live", "polite"),
        ],
        copied,
    );
    text(
        doc,
        &root,
        "p",
        &[("class", "table-title"), ("id", "claim-table-caption")],
        t().claim_table_caption,
    );
    if let Some(table) = el(
        doc,
        &root,
        "div",
        &[
            ("class", "table-scroll"),
            ("role", "region"),
            ("aria-labelledby", "claim-table-caption"),
            ("tabindex", "0"),
        ],
    )
    .and_then(|scroll| {
        el(
            doc,
            &scroll,
            "table",
            &[
                ("class", "claim-table"),
                ("aria-labelledby", "claim-table-caption"),
            ],
        )
    }) {
        let names: Vec<&str> = columns
            .iter()
            .map(|i| header.get(*i).map_or("", String::as_str))
            .collect();
        head(doc, &table, &names);
        if let Some(body) = el(doc, &table, "tbody", &[]) {
            if incidents.is_empty() {
                if let Some(tr) = el(doc, &body, "tr", &[]) {
                    text(
                        doc,
                        &tr,
                        "td",
                        &[("colspan", &columns.len().to_string())],
                        t().no_incidents,
                    );
                }
            }
            for row in incidents.iter().take(LISTED) {
                if let Some(tr) = el(doc, &body, "tr", &[]) {
                    for cell in row {
                        text(doc, &tr, "td", &[], cell);
                    }
                }
            }
        }
    }
    if more > 0 {
        text(
            doc,
            &root,
            "p",
            &[("class", "hint")],
            &t().more_in_downloads(&Count::plain(more)),
        );
    }
}
