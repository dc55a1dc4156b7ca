//! The presets side by side: each one's monthly uptime under its own
//! definition, status, tier, credit (cap and minimum applied) and claim
//! deadline; the differences in words; each figure explained (the vendor's
//! definition, the steps, what became of every outage); downloads of the
//! comparison as CSV and text. A short summary is announced when the
//! figures change.

use sla_engine::Money;
use sla_presets::compare::Comparison;
use sla_presets::evaluate::Evaluation;
use sla_presets::Preset;
use web_sys::{Document, Node};

use super::t;
use super::Outcome;
use crate::format;
use crate::i18n::Count;
use crate::pages::dom::{el, labelled, text, words};
use crate::state::compare::ParsedLog;

/// `99.4914 %` (rounded down to 4 decimals, as the crate shows it).
pub(super) fn uptime(e: &Evaluation) -> String {
    format::percent(&e.uptime.to_percent_string(4))
}

pub(super) fn money(m: &Money) -> String {
    format::money(m.currency().code(), &m.to_plain_string())
}

pub(super) fn percent(p: sla_engine::Percent) -> String {
    format::percent(&p.to_decimal_string())
}

/// The credit in words and symbols: `10 %: $100.00`, with the cap or the
/// minimum when they decided it.
pub(super) fn credit(e: &Evaluation) -> String {
    let share = percent(e.credit_percent);
    match &e.credit {
        None if e.tier.is_some() => t().credit_without_bill(&share),
        None => t().no_credit.to_owned(),
        Some(_) if e.tier.is_none() => t().no_credit.to_owned(),
        Some(c) if c.below_minimum => t().credit_below_minimum(&share, &money(&c.raw)),
        Some(c) if c.capped => t().credit_capped(&share, &money(&c.payable), &money(&c.raw)),
        Some(c) => t().credit_amount(&share, &money(&c.payable)),
    }
}

/// The deadline and the days left, in words and a symbol.
pub(super) fn deadline(e: &Evaluation) -> (String, String) {
    let date = e
        .deadline
        .map(|d| d.to_string())
        .unwrap_or_else(|| "—".into());
    let left = match e.days_left {
        None => t().no_deadline.to_owned(),
        Some(days) => t().days_left(days),
    };
    (date, left)
}

/// The summary announced above the results.
pub fn summary_of(outcome: &Outcome, outages: usize) -> String {
    match outcome {
        Outcome::NothingPicked => t().pick_some.to_owned(),
        Outcome::BadInput => t().fix_inputs.to_owned(),
        Outcome::BadLog => t().fix_log.to_owned(),
        Outcome::Refused(why) => t().refused(why),
        Outcome::Compared(c) => summary(c, outages),
    }
}

fn summary(c: &Comparison, outages: usize) -> String {
    let missed = c.rows.iter().filter(|r| !r.met).count();
    let due = c
        .rows
        .iter()
        .filter(|r| {
            r.tier.is_some()
                && r.credit
                    .as_ref()
                    .is_none_or(|c| c.payable.minor_units() > 0)
        })
        .count();
    t().summary(
        &Count::plain(c.rows.len()),
        &c.month.label(),
        &Count::plain(outages),
        &Count::plain(missed),
        &Count::plain(due),
    )
}

/// The most differences, and outages per preset, listed on the page (a
/// long log would make the page heavy); the downloads have them all.
const LISTED: usize = 200;

/// The comparison's table, differences, explanations and download buttons,
/// appended to `parent` (after the summary).
pub fn render(doc: &Document, parent: &Node, c: &Comparison, presets: &[Preset], log: &ParsedLog) {
    let month = c.month.label();
    let more_differences = c.differences.len().saturating_sub(LISTED);
    let preset_of = |id: &str| presets.iter().find(|p| p.id == id);
    text(
        doc,
        parent,
        "p",
        &[("class", "table-title"), ("id", "compare-table-caption")],
        &t().table_caption(&month, &c.time_zone),
    );
    if let Some(scroll) = el(
        doc,
        parent,
        "div",
        &[
            ("class", "table-scroll"),
            ("role", "region"),
            ("aria-labelledby", "compare-table-caption"),
            ("tabindex", "0"),
        ],
    ) {
        if let Some(table) = el(
            doc,
            &scroll,
            "table",
            &[
                ("class", "compare-table"),
                ("aria-labelledby", "compare-table-caption"),
            ],
        ) {
            head(
                doc,
                &table,
                &[
                    t().th_preset,
                    t().th_uptime,
                    t().th_commitment,
                    t().th_status,
                    t().th_tier,
                    t().th_credit,
                    t().th_deadline,
                    t().th_records,
                ],
            );
            if let Some(body) = el(doc, &table, "tbody", &[]) {
                for (row, name) in c.rows.iter().zip(&c.names) {
                    table_row(doc, &body, row, name, preset_of(&row.preset_id));
                }
            }
        }
    }
    text(doc, parent, "h3", &[], t().differences_title);
    if c.differences.is_empty() {
        let words = if c.rows.len() < 2 {
            t().differences_one
        } else {
            t().differences_none
        };
        text(doc, parent, "p", &[], words);
    } else if let Some(ul) = el(doc, parent, "ul", &[("class", "compare-differences")]) {
        for d in c.differences.iter().take(LISTED) {
            text(doc, &ul, "li", &[], d);
        }
        if more_differences > 0 {
            text(
                doc,
                &ul,
                "li",
                &[],
                &t().more_in_downloads(&Count::plain(more_differences)),
            );
        }
    }
    text(doc, parent, "h3", &[], t().explained_title);
    for (row, name) in c.rows.iter().zip(&c.names) {
        explanation(doc, parent, row, name, preset_of(&row.preset_id), log);
    }
    if let Some(buttons) = el(doc, parent, "div", &[("class", "compare-buttons no-print")]) {
        text(
            doc,
            &buttons,
            "button",
            &[("type", "button"), ("id", "compare-download-csv")],
            t().download_csv,
        );
        text(
            doc,
            &buttons,
            "button",
            &[("type", "button"), ("id", "compare-download-text")],
            t().download_text,
        );
    }
}

/// A `<thead>` with one column heading per text.
pub(super) fn head(doc: &Document, table: &Node, columns: &[&str]) {
    let Some(thead) = el(doc, table, "thead", &[]) else {
        return;
    };
    if let Some(tr) = el(doc, &thead, "tr", &[]) {
        for column in columns {
            text(doc, &tr, "th", &[("scope", "col")], column);
        }
    }
}

fn table_row(doc: &Document, body: &Node, e: &Evaluation, name: &str, preset: Option<&Preset>) {
    let (status_class, status) = if e.met {
        ("status met", t().status_met)
    } else {
        ("status missed", t().status_missed)
    };
    let counted = e.records.iter().filter(|r| r.counted).count();
    let (date, left) = deadline(e);
    let tier = match e.tier {
        Some(n) => t().tier(n + 1, &e.tier_text),
        None => t().no_tier.to_owned(),
    };
    let Some(tr) = el(
        doc,
        body,
        "tr",
        &[("id", &format!("compare-row-{}", e.preset_id))],
    ) else {
        return;
    };
    if let Some(th) = el(doc, &tr, "th", &[("scope", "row")]) {
        words(doc, &th, name);
        if let Some(p) = preset {
            text(
                doc,
                &th,
                "span",
                &[("class", "sub compare-vendor-name")],
                &p.vendor,
            );
        }
    }
    if let Some(td) = el(doc, &tr, "td", &[("class", "num")]) {
        text(doc, &td, "span", &[("class", "compare-uptime")], &uptime(e));
        text(
            doc,
            &td,
            "span",
            &[("class", "sub")],
            &t().downtime_of(&e.measure.describe_down(), &e.measure.describe_total()),
        );
    }
    text(doc, &tr, "td", &[("class", "num")], &percent(e.commitment));
    if let Some(td) = el(doc, &tr, "td", &[]) {
        text(doc, &td, "span", &[("class", status_class)], status);
    }
    text(doc, &tr, "td", &[], &tier);
    text(doc, &tr, "td", &[("class", "compare-credit")], &credit(e));
    if let Some(td) = el(doc, &tr, "td", &[]) {
        text(doc, &td, "span", &[("class", "compare-deadline")], &date);
        text(doc, &td, "span", &[("class", "sub")], &left);
    }
    if let Some(td) = el(doc, &tr, "td", &[]) {
        words(
            doc,
            &td,
            &format!(
                "{} ",
                t().records_counted(
                    &Count::plain(counted),
                    &Count::plain(e.records.len() - counted)
                )
            ),
        );
        // The page opens the `<details>` a "Why?" link points to (a link to
        // a closed `<details>` would scroll to it without opening it).
        let why = format!("why-{}", e.preset_id);
        text(
            doc,
            &td,
            "a",
            &[("href", &format!("#{why}")), ("data-open", &why)],
            t().why_link,
        );
    }
}

fn when(log: &ParsedLog, index: usize) -> String {
    log.records
        .get(index)
        .map(|r| {
            let text = |instant| sla_engine::time::iso::utc_clock(instant, ' ');
            format!(
                "{} → {} UTC, {}",
                text(r.start),
                text(r.end),
                r.scope.describe()
            )
        })
        .unwrap_or_default()
}

fn explanation(
    doc: &Document,
    parent: &Node,
    e: &Evaluation,
    name: &str,
    preset: Option<&Preset>,
    log: &ParsedLog,
) {
    let counted = e.records.iter().filter(|r| r.counted).count();
    let records_id = format!("why-{}-records", e.preset_id);
    let Some(details) = el(
        doc,
        parent,
        "details",
        &[
            ("class", "compare-why"),
            ("id", &format!("why-{}", e.preset_id)),
        ],
    ) else {
        return;
    };
    text(
        doc,
        &details,
        "summary",
        &[],
        &t().why_summary(name, &uptime(e), &credit(e)),
    );
    if let Some(p) = preset {
        labelled(doc, &details, t().definition_prefix, &p.uptime.definition);
        labelled(doc, &details, t().downtime_prefix, &p.uptime.downtime);
    }
    labelled(doc, &details, t().formula_prefix, &e.explanation.formula);
    labelled(doc, &details, t().here_prefix, &e.explanation.substituted);
    labelled(
        doc,
        &details,
        t().convention_prefix,
        &e.explanation.convention,
    );
    text(doc, &details, "h4", &[], t().steps_title);
    if let Some(ol) = el(doc, &details, "ol", &[("class", "compare-steps")]) {
        for step in &e.steps {
            text(doc, &ol, "li", &[], step);
        }
    }
    if !e.records.is_empty() {
        text(
            doc,
            &details,
            "p",
            &[("class", "table-title"), ("id", &records_id)],
            &t().records_caption(
                name,
                &Count::plain(counted),
                &Count::plain(e.records.len() - counted),
            ),
        );
        if let Some(table) = el(
            doc,
            &details,
            "div",
            &[
                ("class", "table-scroll"),
                ("role", "region"),
                ("tabindex", "0"),
                ("aria-labelledby", &records_id),
            ],
        )
        .and_then(|scroll| {
            el(
                doc,
                &scroll,
                "table",
                &[
                    ("class", "compare-records"),
                    ("aria-labelledby", &records_id),
                ],
            )
        }) {
            head(
                doc,
                &table,
                &[t().th_record, t().th_when, t().th_counted, t().th_why],
            );
            if let Some(body) = el(doc, &table, "tbody", &[]) {
                for r in e.records.iter().take(LISTED) {
                    let Some(tr) = el(doc, &body, "tr", &[]) else {
                        continue;
                    };
                    text(
                        doc,
                        &tr,
                        "th",
                        &[("scope", "row")],
                        &t().record_number(r.index + 1, r.line),
                    );
                    text(doc, &tr, "td", &[], &when(log, r.index));
                    let (class, fate) = if r.counted {
                        ("status met", t().counted)
                    } else {
                        ("status", t().left_out)
                    };
                    text(doc, &tr, "td", &[("class", class)], fate);
                    text(doc, &tr, "td", &[], &r.reason);
                }
            }
        }
        if e.records.len() > LISTED {
            text(
                doc,
                &details,
                "p",
                &[("class", "hint")],
                &t().more_in_downloads(&Count::plain(e.records.len() - LISTED)),
            );
        }
    }
    labelled(doc, &details, t().tier_prefix, &e.tier_text);
    if let Some(c) = &e.credit {
        labelled(doc, &details, t().credit_prefix, &c.note);
    }
    labelled(doc, &details, t().deadline_prefix, &e.deadline_rule);
}
