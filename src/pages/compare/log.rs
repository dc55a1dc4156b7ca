//! The outage log: CSV text (pasted, typed or read from a file) or rows
//! typed into a small table, and what reading it found: how many outages
//! were read, and each problem with its line (or row), column and field.

use std::rc::Rc;

use sla_presets::preset::Category;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::t;
use crate::browser;
use crate::i18n::Count;
use crate::state::compare::{
    row_of_line, Action, LogInput, LogProblem, ParsedLog, RowDraft, RowField, MAX_LOG_BYTES,
    MAX_TABLE_ROWS,
};

/// The most problems listed (the rest are counted).
const LISTED_PROBLEMS: usize = 50;

#[derive(Properties, PartialEq)]
pub struct OutageLogProps {
    pub input: LogInput,
    pub csv: Rc<String>,
    pub file_name: Option<String>,
    pub rows: Vec<RowDraft>,
    pub parsed: Rc<ParsedLog>,
    pub dispatch: Callback<Action>,
}

/// The log's input and its reading.
#[component]
pub fn OutageLog(props: &OutageLogProps) -> Html {
    let upload_error = use_state_eq(|| None::<String>);
    let reading = use_state_eq(|| false);
    let dispatch = props.dispatch.clone();
    let mode = |input: LogInput| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: Event| dispatch.emit(Action::Input(input)))
    };
    let onfile = {
        let dispatch = dispatch.clone();
        let upload_error = upload_error.clone();
        let reading = reading.clone();
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            // The same file chosen again must fire `change` again.
            input.set_value("");
            let name = file.name();
            if file.size() > MAX_LOG_BYTES as f64 {
                upload_error.set(Some(
                    t().file_too_large(&name, MAX_LOG_BYTES / (1024 * 1024)),
                ));
                return;
            }
            upload_error.set(None);
            reading.set(true);
            let dispatch = dispatch.clone();
            let upload_error = upload_error.clone();
            let reading = reading.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match browser::file_text(&file).await {
                    Ok(text) => dispatch.emit(Action::CsvFile { name, text }),
                    Err(why) => upload_error.set(Some(t().file_unreadable(&name, &why))),
                }
                reading.set(false);
            });
        })
    };
    let oncsv = dispatch.reform(|e: InputEvent| {
        Action::Csv(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let table = props.input == LogInput::Table;
    html! {
        <div class="compare-log">
            <fieldset class="compare-mode">
                <legend>{ t().log_mode }</legend>
                <span class="check">
                    <input type="radio" id="compare-mode-csv" name="compare-mode"
                        checked={!table} onchange={mode(LogInput::Csv)} />
                    <label for="compare-mode-csv">{ t().mode_csv }</label>
                </span>
                <span class="check">
                    <input type="radio" id="compare-mode-table" name="compare-mode"
                        checked={table} onchange={mode(LogInput::Table)} />
                    <label for="compare-mode-table">{ t().mode_table }</label>
                </span>
            </fieldset>
            if table {
                <RowTable rows={props.rows.clone()} parsed={props.parsed.clone()}
                    dispatch={props.dispatch.clone()} />
            } else {
                <div class="field">
                    <label for="compare-file">{ t().file_label }</label>
                    <input type="file" id="compare-file" accept=".csv,.txt,text/csv,text/plain"
                        aria-describedby="compare-file-hint" onchange={onfile} />
                    <p class="hint" id="compare-file-hint">{ t().file_hint }</p>
                    if *reading {
                        <p class="loading" role="status">{ t().file_reading }</p>
                    }
                    if let Some(error) = &*upload_error {
                        <p class="error" role="alert">{ error }</p>
                    }
                </div>
                <div class="field">
                    <label for="compare-csv">{ t().csv_label }</label>
                    <p class="hint" id="compare-csv-hint">{ t().csv_hint }</p>
                    <textarea id="compare-csv" class="compare-csv" rows="8" spellcheck="false"
                        autocomplete="off" aria-describedby="compare-csv-hint compare-log-status"
                        placeholder={t().csv_placeholder}
                        value={props.csv.to_string()} oninput={oncsv} />
                    if let Some(name) = &props.file_name {
                        <p class="hint">{ t().read_from_file(name) }</p>
                    }
                </div>
            }
            <LogStatus parsed={props.parsed.clone()} table={table} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct LogStatusProps {
    parsed: Rc<ParsedLog>,
    table: bool,
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

/// How many outages were read, and every problem.
#[component]
fn LogStatus(props: &LogStatusProps) -> Html {
    let log = &props.parsed;
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
    let more = log.problems.len().saturating_sub(LISTED_PROBLEMS);
    html! {
        <div class="compare-log-status">
            <p id="compare-log-status" role="status"
                class={classes!(if log.problems.is_empty() { "ok-text" } else { "error" })}>
                { summary }
            </p>
            if !log.problems.is_empty() {
                <ul class="compare-problems" aria-label={t().problems_label}>
                    for problem in log.problems.iter().take(LISTED_PROBLEMS) {
                        <li>
                            <strong>{ place(problem, props.table) }</strong>
                            { ": " }{ &problem.message }
                        </li>
                    }
                    if more > 0 {
                        <li>{ t().more_problems(&Count::plain(more)) }</li>
                    }
                </ul>
            }
        </div>
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

fn cell_id(row: usize, field: RowField) -> String {
    format!("compare-row-{row}-{}", field.column())
}

#[derive(Properties, PartialEq)]
struct RowTableProps {
    rows: Vec<RowDraft>,
    parsed: Rc<ParsedLog>,
    dispatch: Callback<Action>,
}

/// The outages typed in a table. Enter in a row moves to the next row's
/// start (adding a row at the end); each row can be removed; the focus
/// never gets lost.
#[component]
fn RowTable(props: &RowTableProps) -> Html {
    let focus = use_state_eq(|| None::<String>);
    {
        let focus = focus.clone();
        use_effect_with((*focus).clone(), move |id| {
            if let Some(id) = id {
                crate::browser::focus(id);
                focus.set(None);
            }
        });
    }
    let count = props.rows.len();
    let add = {
        let dispatch = props.dispatch.clone();
        let focus = focus.clone();
        Callback::from(move |_: MouseEvent| {
            if count < MAX_TABLE_ROWS {
                dispatch.emit(Action::AddRow);
                focus.set(Some(cell_id(count, RowField::Start)));
            }
        })
    };
    // Problems by (row, field); a problem without a field marks the start.
    let problem_of = |row: usize, field: RowField| -> Option<&LogProblem> {
        props.parsed.problems.iter().find(|p| {
            row_of_line(p.line) == Some(row)
                && p.column
                    .as_deref()
                    .and_then(RowField::from_column)
                    .unwrap_or(RowField::Start)
                    == field
        })
    };
    let rows = props.rows.iter().enumerate().map(|(index, row)| {
        let number = index + 1;
        let onkeydown = {
            let dispatch = props.dispatch.clone();
            let focus = focus.clone();
            Callback::from(move |e: KeyboardEvent| {
                let on_text = e
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok())
                    .is_some();
                if e.key() != "Enter" || !on_text {
                    return;
                }
                e.prevent_default();
                if index + 1 == count {
                    if count >= MAX_TABLE_ROWS {
                        return;
                    }
                    dispatch.emit(Action::AddRow);
                }
                focus.set(Some(cell_id(index + 1, RowField::Start)));
            })
        };
        let remove = {
            let dispatch = props.dispatch.clone();
            let focus = focus.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::RemoveRow(index));
                let next = if index + 1 < count {
                    index
                } else {
                    index.saturating_sub(1)
                };
                focus.set(Some(if count == 1 {
                    cell_id(0, RowField::Start)
                } else {
                    cell_id(next, RowField::Start)
                }));
            })
        };
        let cell = |field: RowField| -> Html {
            let id = cell_id(index, field);
            let problem = problem_of(index, field);
            let error_id = format!("{id}-error");
            let value = row.get(field).to_owned();
            let label = t().cell_label(field_label(field), number);
            let invalid = if problem.is_some() { "true" } else { "false" };
            let described = problem.is_some().then(|| error_id.clone());
            let control = match field {
                RowField::Scope | RowField::Excluded => {
                    let onchange = props.dispatch.reform(move |e: Event| {
                        Action::EditRow(
                            index,
                            field,
                            e.target_unchecked_into::<HtmlSelectElement>().value(),
                        )
                    });
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
                    let known = options.iter().any(|(v, _)| *v == value);
                    html! {
                        <select id={id.clone()} aria-label={label} aria-invalid={invalid}
                            aria-describedby={described} {onchange}>
                            for (option, text) in options {
                                <option value={option} selected={value == option}>{ text }</option>
                            }
                            if !known {
                                <option value={value.clone()} selected=true>{ value.clone() }</option>
                            }
                        </select>
                    }
                }
                _ => {
                    let oninput = props.dispatch.reform(move |e: InputEvent| {
                        Action::EditRow(
                            index,
                            field,
                            e.target_unchecked_into::<HtmlInputElement>().value(),
                        )
                    });
                    let (placeholder, inputmode) = match field {
                        RowField::Start => (Some("2026-07-03 10:00:20"), None),
                        RowField::End => (Some("2026-07-03 10:03:20"), None),
                        RowField::ErrorRate => (Some("100"), Some("decimal")),
                        _ => (None, None),
                    };
                    html! {
                        <input id={id.clone()} type="text" aria-label={label} value={value}
                            aria-invalid={invalid} aria-describedby={described}
                            {placeholder} {inputmode} autocomplete="off" spellcheck="false"
                            {oninput} />
                    }
                }
            };
            html! {
                <td class={classes!(format!("cell-{}", field.column()), problem.is_some().then_some("has-error"))}>
                    { control }
                    if let Some(problem) = problem {
                        <span class="field-msg error" id={error_id}>{ &problem.message }</span>
                    }
                </td>
            }
        };
        html! {
            <tr key={index} {onkeydown}>
                <th scope="row">{ number }</th>
                { for RowField::ALL.iter().map(|f| cell(*f)) }
                <td>
                    <button type="button" class="remove" aria-label={t().remove_row(number)}
                        onclick={remove}>{ t().remove }</button>
                </td>
            </tr>
        }
    });
    html! {
        <div class="compare-rows">
            <p class="hint" id="compare-rows-hint">{ t().rows_hint }</p>
            <p class="table-title" id="compare-rows-caption">{ t().rows_caption }</p>
            <div class="table-scroll" role="region" aria-labelledby="compare-rows-caption" tabindex="0">
                <table class="compare-rows-table" aria-labelledby="compare-rows-caption"
                    aria-describedby="compare-rows-hint">
                    <thead>
                        <tr>
                            <th scope="col">{ "#" }</th>
                            for field in RowField::ALL {
                                <th scope="col">{ field_label(field) }</th>
                            }
                            <th scope="col"><span class="visually-hidden">{ t().remove }</span></th>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <button type="button" id="compare-add-row" onclick={add}
                disabled={count >= MAX_TABLE_ROWS}>{ t().add_row }</button>
        </div>
    }
}
