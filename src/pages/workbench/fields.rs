//! Form fields bound to a path in the agreement JSON.
//!
//! A field shows the text at its path and sends every keystroke as an
//! [`Action::Set`]: what is typed is stored as typed (a number field keeps
//! `12x` as text), so it is autosaved and never lost, and the engine's error
//! for that path is shown under the field.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::i18n::texts;
use crate::state::workbench::workspace::{text, Action};

/// Messages per JSON path (errors and warnings), for the fields to show.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problems {
    pub errors: BTreeMap<String, Vec<String>>,
    pub warnings: BTreeMap<String, Vec<String>>,
}

impl Problems {
    /// Messages for exactly this path.
    pub fn at(&self, path: &str) -> (Vec<String>, Vec<String>) {
        (
            self.errors.get(path).cloned().unwrap_or_default(),
            self.warnings.get(path).cloned().unwrap_or_default(),
        )
    }
}

/// What a field edits.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Kind {
    /// Text; removed from the JSON when emptied if `optional`.
    #[default]
    Text,
    /// A whole number, stored as a JSON number when it is one.
    Integer,
    /// One of `(value, label)`; the empty value removes the field.
    Choice(Vec<(String, String)>),
    /// A yes/no flag; `false` removes the field (every flag defaults to false).
    Flag,
    /// A list of texts, one per line.
    Lines,
}

/// The element id of the field at `path`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub json: Rc<Value>,
    pub path: AttrValue,
    pub label: AttrValue,
    #[prop_or_default]
    pub kind: Kind,
    /// Removed from the JSON when emptied.
    #[prop_or_default]
    pub optional: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A `<datalist>` id with suggestions.
    #[prop_or_default]
    pub list: Option<AttrValue>,
    pub problems: Rc<Problems>,
    pub dispatch: Callback<Action>,
}

/// The stored value for what was typed.
fn value_for(kind: &Kind, optional: bool, typed: &str) -> Option<Value> {
    match kind {
        Kind::Integer => match typed.trim().parse::<u64>() {
            Ok(n) => Some(Value::from(n)),
            Err(_) if typed.trim().is_empty() && optional => None,
            Err(_) => Some(Value::String(typed.to_string())),
        },
        Kind::Choice(_) if typed.is_empty() => None,
        Kind::Lines => {
            let lines: Vec<Value> = typed
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(|l| Value::String(l.to_string()))
                .collect();
            if lines.is_empty() && optional {
                None
            } else {
                Some(Value::Array(lines))
            }
        }
        _ if typed.is_empty() && optional => None,
        _ => Some(Value::String(typed.to_string())),
    }
}

#[component]
pub fn Field(props: &FieldProps) -> Html {
    let t = texts();
    let path = props.path.to_string();
    let id = field_id(&path);
    let (errors, warnings) = props.problems.at(&path);
    let current = match (
        &props.kind,
        crate::state::workbench::workspace::get(&props.json, &path),
    ) {
        (Kind::Lines, Some(Value::Array(items))) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect::<Vec<_>>()
            .join("\n"),
        (Kind::Flag, value) => value.and_then(Value::as_bool).unwrap_or(false).to_string(),
        _ => text(&props.json, &path),
    };
    let send = {
        let dispatch = props.dispatch.clone();
        let path = path.clone();
        let kind = props.kind.clone();
        let optional = props.optional;
        Callback::from(move |typed: String| {
            let value = if kind == Kind::Flag {
                (typed == "true").then_some(Value::Bool(true))
            } else {
                value_for(&kind, optional, &typed)
            };
            dispatch.emit(Action::Set {
                path: path.clone(),
                value,
            });
        })
    };
    let described = {
        let mut ids = Vec::new();
        if props.hint.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if !errors.is_empty() || !warnings.is_empty() {
            ids.push(format!("{id}-msg"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let invalid = if errors.is_empty() {
        None
    } else {
        Some("true")
    };
    let control = match &props.kind {
        Kind::Choice(options) => {
            let onchange =
                send.reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
            let known = options.iter().any(|(v, _)| *v == current);
            html! {
                <select id={id.clone()} {onchange} aria-describedby={described.clone()} aria-invalid={invalid}>
                    if props.optional || current.is_empty() {
                        <option value="" selected={current.is_empty()}>{ t.common().none_choice }</option>
                    }
                    if !known && !current.is_empty() {
                        <option value={current.clone()} selected=true>{ t.structure().unknown_choice(&current) }</option>
                    }
                    { for options.iter().map(|(value, label)| html! {
                        <option value={value.clone()} selected={*value == current}>{label.clone()}</option>
                    }) }
                </select>
            }
        }
        Kind::Flag => {
            let onchange = send.reform(|e: Event| {
                e.target_unchecked_into::<HtmlInputElement>()
                    .checked()
                    .to_string()
            });
            html! {
                <input type="checkbox" id={id.clone()} checked={current == "true"} {onchange} aria-describedby={described.clone()} />
            }
        }
        Kind::Lines => {
            let oninput = send
                .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
            html! {
                <textarea id={id.clone()} rows="3" value={current.clone()} {oninput}
                    placeholder={props.placeholder.clone()}
                    aria-describedby={described.clone()} aria-invalid={invalid} />
            }
        }
        Kind::Text | Kind::Integer => {
            let oninput =
                send.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
            let mode = (props.kind == Kind::Integer).then_some("numeric");
            html! {
                <input type="text" id={id.clone()} value={current.clone()} {oninput} inputmode={mode}
                    placeholder={props.placeholder.clone()} list={props.list.clone()}
                    autocomplete="off" spellcheck="false"
                    aria-describedby={described.clone()} aria-invalid={invalid} />
            }
        }
    };
    let class = classes!(
        "wb-field",
        (props.kind == Kind::Flag).then_some("wb-flag"),
        (!errors.is_empty()).then_some("has-error")
    );
    html! {
        <div {class}>
            <label for={id.clone()}>{ props.label.clone() }</label>
            { control }
            if let Some(hint) = &props.hint {
                <span class="hint" id={format!("{id}-hint")}>{ hint.clone() }</span>
            }
            if !errors.is_empty() || !warnings.is_empty() {
                <span class="field-msg" id={format!("{id}-msg")}>
                    { for errors.iter().map(|m| html! { <span class="error">{ t.common().error_prefix }{m.clone()}</span> }) }
                    { for warnings.iter().map(|m| html! { <span class="warning">{ t.common().warning_prefix }{m.clone()}</span> }) }
                </span>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_stored_as_typed() {
        assert_eq!(value_for(&Kind::Integer, false, "3"), Some(Value::from(3)));
        assert_eq!(
            value_for(&Kind::Integer, false, "3x"),
            Some(Value::from("3x"))
        );
        assert_eq!(value_for(&Kind::Integer, true, " "), None);
        assert_eq!(value_for(&Kind::Text, true, ""), None);
        assert_eq!(value_for(&Kind::Text, false, ""), Some(Value::from("")));
        assert_eq!(
            value_for(&Kind::Lines, false, "2026-01-01\n\n 2026-12-25 "),
            Some(serde_json::json!(["2026-01-01", "2026-12-25"]))
        );
        assert_eq!(
            field_id("agreements[0].targets[1].expected"),
            "f-agreements-0--targets-1--expected"
        );
    }
}
