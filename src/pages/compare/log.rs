//! The outage log: CSV text (pasted, typed or read from a file) or rows
//! typed into a small table, and what reading it found: how many outages
//! were read, and each problem with its line (or row), column and field.
//! The fields being typed in are never redrawn: what reading them found is
//! written beside them ([`status`], [`mark_cells`]).

use sla_presets::preset::Category;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlTextAreaElement, Node};

use super::t;
use crate::i18n::Count;
use crate::pages::dom::{by_id, el, set_text, text};
use crate::state::compare::{
    row_of_line, LogInput, LogProblem, ParsedLog, RowDraft, RowField, MAX_TABLE_ROWS,
};

/// The most problems listed (the rest are counted).
const LISTED_PROBLEMS: usize = 50;

/// What the log's input shows besides the state: a file being read, or
/// why the last one could not be.
pub struct Upload<'a> {
    pub reading: bool,
    pub error: Option<&'a str>,
}

/// The log's input and its reading, in `parent` (`div.compare-log`).
#[allow(clippy::too_many_arguments)]
pub fn render(
    doc: &Document,
    parent: &Node,
    input: LogInput,
    csv: &str,
    file_name: Option<&str>,
    rows: &[RowDraft],
    parsed: &ParsedLog,
    upload: &Upload<'_>,
) {
    let table = input == LogInput::Table;
    if let Some(fieldset) = el(doc, parent, "fieldset", &[("class", "compare-mode")]) {
        text(doc, &fieldset, "legend", &[], t().log_mode);
        for (id, label, on) in [
            ("compare-mode-csv", t().mode_csv, !table),
            ("compare-mode-table", t().mode_table, table),
        ] {
            if let Some(span) = el(doc, &fieldset, "span", &[("class", "check")]) {
                let mut attrs = vec![("type", "radio"), ("id", id), ("name", "compare-mode")];
                if on {
                    attrs.push(("checked", ""));
                }
                el(doc, &span, "input", &attrs);
                text(doc, &span, "label", &[("for", id)], label);
            }
        }
    }
    if table {
        row_table(doc, parent, rows, parsed);
    } else {
        if let Some(field) = el(doc, parent, "div", &[("class", "field")]) {
            text(
                doc,
                &field,
                "label",
                &[("for", "compare-file")],
                t().file_label,
            );
            el(
                doc,
                &field,
                "input",
                &[
                    ("type", "file"),
                    ("id", "compare-file"),
                    ("accept", ".csv,.txt,text/csv,text/plain"),
                    ("aria-describedby", "compare-file-hint"),
                ],
            );
            text(
                doc,
                &field,
                "p",
                &[("class", "hint"), ("id", "compare-file-hint")],
                t().file_hint,
            );
            if upload.reading {
                text(
                    doc,
                    &field,
                    "p",
                    &[("class", "loading"), ("role", "status")],
                    t().file_reading,
                );
            }
            if let Some(error) = upload.error {
                text(
                    doc,
                    &field,
                    "p",
                    &[("class", "error"), ("role", "alert")],
                    error,
                );
            }
        }
        if let Some(field) = el(doc, parent, "div", &[("class", "field")]) {
            text(
                doc,
                &field,
                "label",
                &[("for", "compare-csv")],
                t().csv_label,
            );
            text(
                doc,
                &field,
                "p",
                &[("class", "hint"), ("id", "compare-csv-hint")],
                t().csv_hint,
            );
            if let Some(area) = el(
                doc,
                &field,
                "textarea",
                &[
                    ("id", "compare-csv"),
                    ("class", "compare-csv"),
                    ("rows", "8"),
                    ("spellcheck", "false"),
                    ("autocomplete", "off"),
                    ("aria-describedby", "compare-csv-hint compare-log-status"),
                    ("placeholder", t().csv_placeholder),
                ],
            ) {
                if let Some(area) = area.dyn_ref::<HtmlTextAreaElement>() {
                    area.set_value(csv);
                }
            }
            if let Some(name) = file_name {
                text(
                    doc,
                    &field,
                    "p",
                    &[("class", "hint")],
                    &t().read_from_file(name),
                );
            }
        }
    }
    if let Some(status) = el(doc, parent, "div", &[("class", "compare-log-status")]) {
        self::status(doc, &status, parsed, table);
    }
}

/// Where a problem is: `line 3, column end, field “yesterday”`, or in the
/// table `outage 2, End`.
fn place(problem: &LogProblem, table: bool) -> String {
    if table {
        let row = row_of_line(problem.line).map_or(0, |r| r + 1);
        let column = problem
            .column
            .as_deref()
            .and_then(RowField::from_column)
            .map(field_label);
        t().problem_in_row(row, column)
    } else {
        t().problem_at(
            problem.line,
            problem.column.as_deref(),
            problem.field.as_deref(),
        )
    }
}

/// How many outages were read, and every problem, in `div.compare-log-status`
/// (its announced line is kept, its text changed).
pub fn status(doc: &Document, holder: &Element, log: &ParsedLog, table: bool) {
    let summary = if log.is_empty() {
        t().log_empty.to_owned()
    } else if log.fatal {
        t().log_unreadable.to_owned()
    } else if log.problems.is_empty() {
        t().log_read(&Count::plain(log.records.len()))
    } else {
        t().log_read_with_problems(
            &Count::plain(log.records.len()),
            &Count::plain(log.rows),
            &Count::plain(log.problems.len()),
        )
    };
    let class = if log.problems.is_empty() {
        "ok-text"
    } else {
        "error"
    };
    let line = match by_id(holder, "compare-log-status") {
        Some(line) => line,
        _ => {
            holder.set_text_content(None);
            match el(
                doc,
                holder,
                "p",
                &[("id", "compare-log-status"), ("role", "status")],
            ) {
                Some(line) => line,
                None => return,
            }
        }
    };
    let _ = line.set_attribute("class", class);
    set_text(&line, &summary);
    // The list after the announced line.
    while let Some(next) = line.next_sibling() {
        let _ = holder.remove_child(&next);
    }
    if log.problems.is_empty() {
        return;
    }
    let Some(ul) = el(
        doc,
        holder,
        "ul",
        &[
            ("class", "compare-problems"),
            ("aria-label", t().problems_label),
        ],
    ) else {
        return;
    };
    for problem in log.problems.iter().take(LISTED_PROBLEMS) {
        if let Some(li) = el(doc, &ul, "li", &[]) {
            text(doc, &li, "strong", &[], &place(problem, table));
            crate::pages::dom::words(doc, &li, &format!(": {}", problem.message));
        }
    }
    let more = log.problems.len().saturating_sub(LISTED_PROBLEMS);
    if more > 0 {
        text(doc, &ul, "li", &[], &t().more_problems(&Count::plain(more)));
    }
}

/// A field's column heading.
fn field_label(field: RowField) -> &'static str {
    match field {
        RowField::Start => t().col_start,
        RowField::End => t().col_end,
        RowField::Scope => t().col_scope,
        RowField::Zone => t().col_zone,
        RowField::Instance => t().col_instance,
        RowField::ErrorRate => t().col_error_rate,
        RowField::Excluded => t().col_excluded,
        RowField::Description => t().col_description,
    }
}

/// The id of a cell's control: `compare-row-2-start`.
pub fn cell_id(row: usize, field: RowField) -> String {
    format!("compare-row-{row}-{}", field.column())
}

/// The row and field of a cell's control id.
pub fn cell_of(id: &str) -> Option<(usize, RowField)> {
    let rest = id.strip_prefix("compare-row-")?;
    let (row, column) = rest.split_once('-')?;
    Some((row.parse().ok()?, RowField::from_column(column)?))
}

/// The problem of a cell; a problem without a field marks the start.
fn problem_of(parsed: &ParsedLog, row: usize, field: RowField) -> Option<&LogProblem> {
    parsed.problems.iter().find(|p| {
        row_of_line(p.line) == Some(row)
            && p.column
                .as_deref()
                .and_then(RowField::from_column)
                .unwrap_or(RowField::Start)
                == field
    })
}

/// The outages typed in a table. Enter in a row moves to the next row's
/// start (adding a row at the end); each row can be removed; the page
/// keeps the focus (`pages::compare`).
fn row_table(doc: &Document, parent: &Node, rows: &[RowDraft], parsed: &ParsedLog) {
    let Some(holder) = el(doc, parent, "div", &[("class", "compare-rows")]) else {
        return;
    };
    text(
        doc,
        &holder,
        "p",
        &[("class", "hint"), ("id", "compare-rows-hint")],
        t().rows_hint,
    );
    text(
        doc,
        &holder,
        "p",
        &[("class", "table-title"), ("id", "compare-rows-caption")],
        t().rows_caption,
    );
    if let Some(table) = el(
        doc,
        &holder,
        "div",
        &[
            ("class", "table-scroll"),
            ("role", "region"),
            ("aria-labelledby", "compare-rows-caption"),
            ("tabindex", "0"),
        ],
    )
    .and_then(|scroll| {
        el(
            doc,
            &scroll,
            "table",
            &[
                ("class", "compare-rows-table"),
                ("aria-labelledby", "compare-rows-caption"),
                ("aria-describedby", "compare-rows-hint"),
            ],
        )
    }) {
        if let Some(tr) = el(doc, &table, "thead", &[]).and_then(|h| el(doc, &h, "tr", &[])) {
            text(doc, &tr, "th", &[("scope", "col")], "#");
            for field in RowField::ALL {
                text(doc, &tr, "th", &[("scope", "col")], field_label(field));
            }
            if let Some(th) = el(doc, &tr, "th", &[("scope", "col")]) {
                text(
                    doc,
                    &th,
                    "span",
                    &[("class", "visually-hidden")],
                    t().remove,
                );
            }
        }
        if let Some(body) = el(doc, &table, "tbody", &[]) {
            for (index, row) in rows.iter().enumerate() {
                table_row(doc, &body, index, row, parsed);
            }
        }
    }
    let mut attrs = vec![("type", "button"), ("id", "compare-add-row")];
    if rows.len() >= MAX_TABLE_ROWS {
        attrs.push(("disabled", ""));
    }
    text(doc, &holder, "button", &attrs, t().add_row);
}

fn table_row(doc: &Document, body: &Node, index: usize, row: &RowDraft, parsed: &ParsedLog) {
    let number = index + 1;
    let Some(tr) = el(doc, body, "tr", &[]) else {
        return;
    };
    text(doc, &tr, "th", &[("scope", "row")], &number.to_string());
    for field in RowField::ALL {
        let id = cell_id(index, field);
        let value = row.get(field);
        let label = t().cell_label(field_label(field), number);
        let Some(td) = el(doc, &tr, "td", &[]) else {
            continue;
        };
        let control = match field {
            RowField::Scope | RowField::Excluded => {
                let options: Vec<(&str, &str)> = if field == RowField::Scope {
                    vec![
                        ("", t().scope_region),
                        ("zone", t().scope_zone),
                        ("instance", t().scope_instance),
                    ]
                } else {
                    std::iter::once(("", t().not_excluded))
                        .chain(Category::ALL.iter().map(|c| (c.id(), c.label())))
                        .collect()
                };
                let Some(select) = el(doc, &td, "select", &[("id", &id), ("aria-label", &label)])
                else {
                    continue;
                };
                let known = options.iter().any(|(v, _)| *v == value);
                for (option, words) in options {
                    let mut attrs = vec![("value", option)];
                    if value == option {
                        attrs.push(("selected", ""));
                    }
                    text(doc, &select, "option", &attrs, words);
                }
                // A value the list does not have (kept from storage) stays shown.
                if !known {
                    text(
                        doc,
                        &select,
                        "option",
                        &[("value", value), ("selected", "")],
                        value,
                    );
                }
                select
            }
            _ => {
                let mut attrs = vec![
                    ("id", id.as_str()),
                    ("type", "text"),
                    ("aria-label", label.as_str()),
                    ("value", value),
                    ("autocomplete", "off"),
                    ("spellcheck", "false"),
                ];
                match field {
                    RowField::Start => attrs.push(("placeholder", "2026-07-03 10:00:20")),
                    RowField::End => attrs.push(("placeholder", "2026-07-03 10:03:20")),
                    RowField::ErrorRate => {
                        attrs.push(("placeholder", "100"));
                        attrs.push(("inputmode", "decimal"));
                    }
                    _ => {}
                }
                let Some(input) = el(doc, &td, "input", &attrs) else {
                    continue;
                };
                input
            }
        };
        mark(doc, &td, &control, field, problem_of(parsed, index, field));
    }
    if let Some(td) = el(doc, &tr, "td", &[]) {
        let index = index.to_string();
        text(
            doc,
            &td,
            "button",
            &[
                ("type", "button"),
                ("class", "remove"),
                ("aria-label", &t().remove_row(number)),
                ("data-remove", &index),
            ],
            t().remove,
        );
    }
}

/// A cell's problem, or none: its class, its control's `aria-invalid` and
/// description, and the message under it.
fn mark(
    doc: &Document,
    td: &Element,
    control: &Element,
    field: RowField,
    problem: Option<&LogProblem>,
) {
    let error_id = format!("{}-error", control.id());
    let class = match problem {
        Some(_) => format!("cell-{} has-error", field.column()),
        None => format!("cell-{}", field.column()),
    };
    let _ = td.set_attribute("class", &class);
    let _ = control.set_attribute(
        "aria-invalid",
        if problem.is_some() { "true" } else { "false" },
    );
    let old = by_id(td, &error_id);
    match (problem, old) {
        (Some(problem), Some(old)) => set_text(&old, &problem.message),
        (Some(problem), None) => {
            let _ = control.set_attribute("aria-describedby", &error_id);
            text(
                doc,
                td,
                "span",
                &[("class", "field-msg error"), ("id", &error_id)],
                &problem.message,
            );
        }
        (None, Some(old)) => {
            let _ = control.remove_attribute("aria-describedby");
            let _ = td.remove_child(&old);
        }
        (None, None) => {}
    }
}

/// Marks every cell of the table with its problem, or none, leaving the
/// controls (and what is being typed) alone.
pub fn mark_cells(doc: &Document, root: &Element, rows: usize, parsed: &ParsedLog) {
    for row in 0..rows {
        for field in RowField::ALL {
            let Some(control) = by_id(root, &cell_id(row, field)) else {
                continue;
            };
            let Some(td) = control.parent_element() else {
                continue;
            };
            mark(doc, &td, &control, field, problem_of(parsed, row, field));
        }
    }
}
