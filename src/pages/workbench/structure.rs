//! Building agreements: an outline of the structure, an editor for each part
//! of the agreement file, the effective-target matrix of a multi-level
//! structure, and the whole file as JSON.

use std::rc::Rc;

use serde_json::{json, Value};
use sla_engine::model::resolve::effective_targets;
use sla_engine::model::AgreementFile;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::fields::{Field, Kind, Problems};
use crate::i18n::{texts, Structure as Texts};
use crate::state::workbench::workspace::{get, text, Action};

/// What the editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    General,
    Services,
    Customers,
    Suppliers,
    Calendars,
    Agreement(usize),
    Matrix,
    Json,
}

/// Field builder: every field of the editors in one line.
#[derive(Clone)]
struct F {
    json: Rc<Value>,
    problems: Rc<Problems>,
    dispatch: Callback<Action>,
    /// The element to focus after the next render (a just-added item's
    /// first field).
    focus: UseStateHandle<Option<String>>,
}

impl F {
    fn field(
        &self,
        path: String,
        label: &str,
        kind: Kind,
        optional: bool,
        hint: Option<&str>,
    ) -> Html {
        html! {
            <Field json={self.json.clone()} path={path} label={label.to_string()} {kind} {optional}
                hint={hint.map(|h| AttrValue::from(h.to_string()))}
                problems={self.problems.clone()} dispatch={self.dispatch.clone()} />
        }
    }
    fn text(&self, path: String, label: &str) -> Html {
        self.field(path, label, Kind::Text, false, None)
    }
    fn opt(&self, path: String, label: &str, hint: &str) -> Html {
        self.field(
            path,
            label,
            Kind::Text,
            true,
            (!hint.is_empty()).then_some(hint),
        )
    }
    fn int(&self, path: String, label: &str) -> Html {
        self.field(path, label, Kind::Integer, false, None)
    }
    fn choice(&self, path: String, label: &str, options: &[(&str, &str)], optional: bool) -> Html {
        let options = options
            .iter()
            .map(|(v, l)| ((*v).to_string(), (*l).to_string()))
            .collect();
        self.field(path, label, Kind::Choice(options), optional, None)
    }
    fn ids(&self, path: String, label: &str, list: &str) -> Html {
        let options = ids(&self.json, list)
            .into_iter()
            .map(|id| (id.clone(), id))
            .collect();
        self.field(path, label, Kind::Choice(options), true, None)
    }
    fn flag(&self, path: String, label: &str) -> Html {
        self.field(path, label, Kind::Flag, true, None)
    }
    fn lines(&self, path: String, label: &str, hint: &str) -> Html {
        self.field(path, label, Kind::Lines, true, Some(hint))
    }
    fn len(&self, path: &str) -> usize {
        get(&self.json, path)
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    }
    /// A button removing the item at `path`; `label` names it: `Remove service mail`.
    fn remove(&self, path: String, label: String) -> Html {
        let onclick = self
            .dispatch
            .reform(move |_: MouseEvent| Action::Remove { path: path.clone() });
        html! { <button type="button" class="remove" {onclick}>{label}</button> }
    }
    fn add(&self, path: &str, label: &str, value: Value) -> Html {
        // The new item's first field gets the focus.
        let key = ["id", "start", "below", "type"]
            .into_iter()
            .find(|k| value.get(*k).is_some())
            .unwrap_or("id");
        let target = super::fields::field_id(&format!("{path}[{}].{key}", self.len(path)));
        let focus = self.focus.clone();
        let path = path.to_string();
        let dispatch = self.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Push {
                path: path.clone(),
                value: value.clone(),
            });
            focus.set(Some(target.clone()));
        });
        html! { <button type="button" class="add" {onclick}>{label.to_string()}</button> }
    }
}

/// The `id`s of the objects in the list at `path`.
fn ids(json: &Value, path: &str) -> Vec<String> {
    get(json, path)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .map(|i| text(i, "id"))
                .filter(|id| !id.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// An id not yet used in the list at `path`: `service-2`.
fn fresh(json: &Value, path: &str, stem: &str) -> String {
    let used = ids(json, path);
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !used.contains(id))
        .unwrap_or_else(|| stem.to_string())
}

#[derive(Properties, PartialEq)]
pub struct StructureProps {
    pub json: Rc<Value>,
    /// The typed file when valid (for the matrix).
    pub file: Option<Rc<AgreementFile>>,
    pub problems: Rc<Problems>,
    pub dispatch: Callback<Action>,
    /// The span the workbench reports on (the dates an `.ics` import expands over).
    #[prop_or_default]
    pub span: AttrValue,
}

#[component]
pub fn Structure(props: &StructureProps) -> Html {
    let t = texts().structure();
    let part = use_state(|| Part::General);
    let json_draft = use_state(|| None::<String>);
    let focus = use_state(|| None::<String>);
    {
        let focus = focus.clone();
        use_effect_with((*focus).clone(), move |wanted| {
            if let Some(id) = wanted {
                crate::browser::focus(id);
                focus.set(None);
            }
        });
    }
    let f = F {
        json: props.json.clone(),
        problems: props.problems.clone(),
        dispatch: props.dispatch.clone(),
        focus: focus.clone(),
    };
    let agreements = f.len("agreements");
    // A removed agreement leaves the editor on a valid part.
    let current = match *part {
        Part::Agreement(i) if i >= agreements => Part::General,
        other => other,
    };
    let select = |p: Part| {
        let part = part.clone();
        Callback::from(move |_: MouseEvent| part.set(p))
    };
    let item = |p: Part, label: String| {
        let here = current == p;
        html! {
            <button type="button" class={classes!("outline-item", here.then_some("current"))}
                aria-current={here.then_some("true")} onclick={select(p)}>{label}</button>
        }
    };
    let outline = outline(&props.json, &item);
    let add_agreement = {
        let dispatch = props.dispatch.clone();
        let json = props.json.clone();
        let part = part.clone();
        let focus = focus.clone();
        Callback::from(move |_: MouseEvent| {
            let id = fresh(&json, "agreements", "agreement");
            let at = get(&json, "agreements")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            focus.set(Some(super::fields::field_id(&format!(
                "agreements[{at}].id"
            ))));
            dispatch.emit(Action::Push {
                path: "agreements".into(),
                value: json!({"id": id, "name": t.new_agreement_name, "kind": "sla", "structure": "service_based", "targets": []}),
            });
            part.set(Part::Agreement(
                get(&json, "agreements")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len),
            ));
        })
    };
    let editor = match current {
        Part::General => general(&f),
        Part::Services => services(&f),
        Part::Customers => customers(&f),
        Part::Suppliers => suppliers(&f),
        Part::Calendars => calendars(&f, &props.span),
        Part::Agreement(i) => agreement(&f, i),
        Part::Matrix => matrix(props.file.as_deref()),
        Part::Json => {
            html! { <JsonEditor json={props.json.clone()} dispatch={props.dispatch.clone()} draft={json_draft.clone()} /> }
        }
    };
    html! {
        <div class="structure">
            <nav class="outline" aria-label={t.agreement_structure}>
                <ul>
                    <li>{ item(Part::General, t.general.into()) }</li>
                    <li>{ item(Part::Services, t.services_count(f.len("services"))) }</li>
                    <li>{ item(Part::Customers, t.customers_count(f.len("customers"))) }</li>
                    <li>{ item(Part::Suppliers, t.suppliers_count(f.len("suppliers"))) }</li>
                    <li>{ item(Part::Calendars, t.calendars_count(f.len("calendars"))) }</li>
                    <li>
                        <span class="outline-head">{ t.agreements }</span>
                        { outline }
                        <button type="button" class="add" id="add-agreement" onclick={add_agreement}>{ t.add_agreement }</button>
                    </li>
                    <li>{ item(Part::Matrix, t.effective_targets.into()) }</li>
                    <li>{ item(Part::Json, if json_draft.is_some() { t.edit_as_json_pending.into() } else { t.edit_as_json.into() }) }</li>
                </ul>
            </nav>
            <div class="editor" id="editor">{ editor }</div>
        </div>
    }
}

/// Agreements as a tree: multi-level ones nested corporate → customer →
/// service, the rest in order; each with its targets.
fn outline(json: &Value, item: &dyn Fn(Part, String) -> Html) -> Html {
    let list = get(json, "agreements")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let entry = |i: usize, a: &Value, children: Html| {
        let level = text(a, "level");
        let label = texts().structure().outline_agreement(
            &text(a, "kind"),
            (!level.is_empty()).then_some(level.as_str()),
            &text(a, "name"),
        );
        let targets = get(a, "targets")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        html! {
            <li>
                { item(Part::Agreement(i), label) }
                <ul class="outline-targets">
                    { for targets.iter().map(|t| html! { <li>{ text(t, "name") }</li> }) }
                    { children }
                </ul>
            </li>
        }
    };
    let level = |a: &Value| text(a, "level");
    let multi = |a: &Value| text(a, "structure") == "multi_level";
    let nested = |i: usize, a: &Value| -> Html {
        let customer = text(a, "customer");
        let services = list
            .iter()
            .enumerate()
            .filter(|(_, s)| multi(s) && level(s) == "service" && text(s, "customer") == customer)
            .map(|(j, s)| entry(j, s, Html::default()))
            .collect::<Html>();
        entry(i, a, services)
    };
    let corporate = list
        .iter()
        .enumerate()
        .filter(|(_, a)| multi(a) && level(a) == "corporate");
    let customers: Vec<(usize, &Value)> = list
        .iter()
        .enumerate()
        .filter(|(_, a)| multi(a) && level(a) == "customer")
        .collect();
    let mut shown = vec![false; list.len()];
    let mut out = Vec::new();
    let mut corporate_seen = false;
    for (i, a) in corporate {
        corporate_seen = true;
        shown[i] = true;
        let children = customers
            .iter()
            .map(|(j, c)| {
                shown[*j] = true;
                nested(*j, c)
            })
            .collect::<Html>();
        out.push(entry(i, a, children));
    }
    if !corporate_seen {
        for (j, c) in &customers {
            shown[*j] = true;
            out.push(nested(*j, c));
        }
    }
    // Service-level agreements shown under their customer are not repeated.
    for (j, s) in list.iter().enumerate() {
        if multi(s)
            && level(s) == "service"
            && customers
                .iter()
                .any(|(_, c)| text(c, "customer") == text(s, "customer"))
        {
            shown[j] = true;
        }
    }
    for (i, a) in list.iter().enumerate() {
        if !shown[i] {
            out.push(entry(i, a, Html::default()));
        }
    }
    html! { <ul class="outline-agreements">{ for out }</ul> }
}

fn general(f: &F) -> Html {
    let t = texts().structure();
    html! {
        <section aria-labelledby="ed-general">
            <h3 id="ed-general">{ t.general }</h3>
            { f.text("name".into(), t.set_name) }
            { f.opt("description".into(), t.description, "") }
            { f.field("currency".into(), t.currency, Kind::Text, false, Some(t.currency_hint)) }
            { f.field("time_zone".into(), t.time_zone, Kind::Text, false, Some(t.file_time_zone_hint)) }
            { f.text("provider.name".into(), t.provider) }
        </section>
    }
}

fn services(f: &F) -> Html {
    let t = texts().structure();
    let n = f.len("services");
    html! {
        <section aria-labelledby="ed-services">
            <h3 id="ed-services">{ t.services }</h3>
            { for (0..n).map(|i| {
                let p = |k: &str| format!("services[{i}].{k}");
                html! {
                    <fieldset class="item">
                        <legend>{ t.service_legend(&text(&f.json, &p("id"))) }</legend>
                        { f.text(p("id"), t.id) }
                        { f.text(p("name"), t.name) }
                        { f.opt(p("monthly_charge"), t.monthly_charge, t.service_charge_hint) }
                        { f.remove(format!("services[{i}]"), t.remove_service(&text(&f.json, &p("id")))) }
                    </fieldset>
                }
            }) }
            { f.add("services", t.add_service, json!({"id": fresh(&f.json, "services", "service"), "name": t.new_service_name})) }
        </section>
    }
}

fn customers(f: &F) -> Html {
    let t = texts().structure();
    let n = f.len("customers");
    let services = ids(&f.json, "services");
    html! {
        <section aria-labelledby="ed-customers">
            <h3 id="ed-customers">{ t.customers }</h3>
            { for (0..n).map(|i| {
                let p = |k: &str| format!("customers[{i}].{k}");
                let using: Vec<String> = get(&f.json, &p("services")).and_then(Value::as_array)
                    .map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()).unwrap_or_default();
                html! {
                    <fieldset class="item">
                        <legend>{ t.customer_legend(&text(&f.json, &p("id"))) }</legend>
                        { f.text(p("id"), t.id) }
                        { f.text(p("name"), t.name) }
                        <fieldset class="checks">
                            <legend>{ t.services_used }</legend>
                            { for services.iter().map(|s| {
                                let on = using.contains(s);
                                let mut next = using.clone();
                                if on { next.retain(|x| x != s); } else { next.push(s.clone()); }
                                let path = p("services");
                                let onchange = f.dispatch.reform(move |_: Event| Action::Set { path: path.clone(), value: Some(json!(next.clone())) });
                                let id = format!("cu-{i}-{s}");
                                html! { <span class="check"><input type="checkbox" id={id.clone()} checked={on} {onchange} /><label for={id}>{s.clone()}</label></span> }
                            }) }
                        </fieldset>
                        { f.remove(format!("customers[{i}]"), t.remove_customer(&text(&f.json, &p("id")))) }
                    </fieldset>
                }
            }) }
            { f.add("customers", t.add_customer, json!({"id": fresh(&f.json, "customers", "customer"), "name": t.new_customer_name, "services": []})) }
        </section>
    }
}

fn suppliers(f: &F) -> Html {
    let t = texts().structure();
    let n = f.len("suppliers");
    html! {
        <section aria-labelledby="ed-suppliers">
            <h3 id="ed-suppliers">{ t.suppliers }</h3>
            <p class="hint">{ t.suppliers_hint }</p>
            { for (0..n).map(|i| {
                let p = |k: &str| format!("suppliers[{i}].{k}");
                html! {
                    <fieldset class="item">
                        <legend>{ t.supplier_legend(&text(&f.json, &p("id"))) }</legend>
                        { f.text(p("id"), t.id) }
                        { f.text(p("name"), t.name) }
                        { f.flag(p("internal"), t.internal_team) }
                        { f.remove(format!("suppliers[{i}]"), t.remove_supplier(&text(&f.json, &p("id")))) }
                    </fieldset>
                }
            }) }
            { f.add("suppliers", t.add_supplier, json!({"id": fresh(&f.json, "suppliers", "supplier"), "name": t.new_supplier_name})) }
        </section>
    }
}

fn calendars(f: &F, span: &AttrValue) -> Html {
    let t = texts().structure();
    let n = f.len("calendars");
    html! {
        <section aria-labelledby="ed-calendars">
            <h3 id="ed-calendars">{ t.calendars }</h3>
            <p class="hint">{ t.calendars_hint }</p>
            { for (0..n).map(|i| {
                let p = |k: &str| format!("calendars[{i}].{k}");
                let windows = f.len(&p("exclusions"));
                html! {
                    <fieldset class="item">
                        <legend>{ t.calendar_legend(&text(&f.json, &p("id"))) }</legend>
                        { f.text(p("id"), t.id) }
                        { f.opt(p("name"), t.name, "") }
                        { f.field(p("time_zone"), t.time_zone, Kind::Text, false, Some(t.calendar_time_zone_hint)) }
                        { f.field(p("hours"), t.service_hours, Kind::Text, false, Some(t.service_hours_hint)) }
                        { f.lines(p("holidays"), t.holidays, t.holidays_hint) }
                        <fieldset class="windows">
                            <legend>{ t.exclusions_legend(windows) }</legend>
                            { for (0..windows).map(|w| {
                                let q = |k: &str| format!("calendars[{i}].exclusions[{w}].{k}");
                                html! {
                                    <div class="row">
                                        { f.field(q("start"), t.start, Kind::Text, false, Some("2026-03-14T22:00:00+01:00")) }
                                        { f.text(q("end"), t.end) }
                                        { f.opt(q("reason"), t.reason, "") }
                                        { f.remove(format!("calendars[{i}].exclusions[{w}]"), t.remove_exclusion(w + 1)) }
                                    </div>
                                }
                            }) }
                            { f.add(&p("exclusions"), t.add_exclusion, json!({"start": "", "end": "", "reason": t.new_exclusion_reason})) }
                        </fieldset>
                        { f.remove(format!("calendars[{i}]"), t.remove_calendar(&text(&f.json, &p("id")))) }
                    </fieldset>
                }
            }) }
            { f.add("calendars", t.add_calendar, json!({"id": fresh(&f.json, "calendars", "calendar"), "time_zone": text(&f.json, "time_zone"), "hours": "Mon-Fri 08:00-18:00"})) }
            <super::interop::CalendarFiles json={f.json.clone()} span={span.clone()} dispatch={f.dispatch.clone()} />
        </section>
    }
}

/// The metric types of a target, with their names.
fn metrics(t: &Texts) -> [(&'static str, &'static str); 11] {
    [
        ("availability", t.metric_availability),
        ("response_time", t.metric_response_time),
        ("resolution_time", t.metric_resolution_time),
        ("occurrences", t.metric_occurrences),
        ("timeslices", t.metric_timeslices),
        ("ratio_timeslices", t.metric_ratio_timeslices),
        ("percentile", t.metric_percentile),
        ("mean", t.metric_mean),
        ("max", t.metric_max),
        ("mttr", t.metric_mttr),
        ("manual", t.metric_manual),
    ]
}

/// The credit rules of a target, with their names.
fn credits(t: &Texts) -> [(&'static str, &'static str); 4] {
    [
        ("step", t.credit_step),
        ("linear", t.credit_linear),
        ("fixed", t.credit_fixed),
        ("pool", t.credit_pool),
    ]
}

/// The termination rules, with their names.
fn triggers(t: &Texts) -> [(&'static str, &'static str); 3] {
    [
        ("below_minimum", t.trigger_below_minimum),
        ("credits_at_cap", t.trigger_credits_at_cap),
        ("rolling_average_below", t.trigger_rolling_average_below),
    ]
}

/// A select that replaces a tagged object (`metric`, `credit`, a rule) with
/// the defaults of the chosen type, keeping fields the new type shares.
fn retype(
    f: &F,
    path: String,
    label: &str,
    options: &[(&'static str, &'static str)],
    optional: bool,
    defaults: fn(&str) -> Value,
) -> Html {
    let current = text(&f.json, &format!("{path}.type"));
    let old = get(&f.json, &path).cloned().unwrap_or(Value::Null);
    let id = super::fields::field_id(&format!("{path}.type"));
    let onchange = {
        let path = path.clone();
        f.dispatch.reform(move |e: Event| {
            let chosen = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            if chosen.is_empty() {
                return Action::Set {
                    path: path.clone(),
                    value: None,
                };
            }
            let mut value = defaults(&chosen);
            if let (Some(new), Some(old)) = (value.as_object_mut(), old.as_object()) {
                for (k, v) in old {
                    if k != "type" && new.contains_key(k) {
                        new.insert(k.clone(), v.clone());
                    }
                }
            }
            Action::Set {
                path: path.clone(),
                value: Some(value),
            }
        })
    };
    // The engine names either the object or its `type`.
    let mut errors = f.problems.at(&path).0;
    errors.extend(f.problems.at(&format!("{path}.type")).0);
    html! {
        <div class="wb-field">
            <label for={id.clone()}>{label.to_string()}</label>
            <select id={id.clone()} {onchange} aria-invalid={(!errors.is_empty()).then_some("true")}
                aria-describedby={(!errors.is_empty()).then(|| format!("{id}-msg"))}>
                if optional {
                    <option value="" selected={current.is_empty()}>{ texts().common().none_choice }</option>
                }
                { for options.iter().map(|(v, l)| html! { <option value={*v} selected={current == *v}>{*l}</option> }) }
            </select>
            { messages(&id, &errors) }
        </div>
    }
}

/// Error messages under a control, with the id its `aria-describedby` names.
fn messages(id: &str, errors: &[String]) -> Html {
    if errors.is_empty() {
        return Html::default();
    }
    html! {
        <span class="field-msg" id={format!("{id}-msg")}>
            { for errors.iter().map(|m| html! { <span class="error">{ texts().common().error_prefix }{m.clone()}</span> }) }
        </span>
    }
}

fn metric_defaults(kind: &str) -> Value {
    match kind {
        "response_time" | "resolution_time" => {
            json!({"type": kind, "priority": "", "within": "4h"})
        }
        "occurrences" | "ratio_timeslices" => json!({"type": kind, "series": "", "slice": "5m"}),
        "timeslices" => json!({"type": kind, "series": "", "slice": "5m", "good_when": "99"}),
        "percentile" => json!({"type": kind, "series": "", "percentile": 95, "unit": "ms"}),
        "mean" | "max" => json!({"type": kind, "series": "", "unit": "ms"}),
        _ => json!({"type": kind}),
    }
    .as_object()
    .map(|o| {
        // `occurrences` has no slice.
        let mut o = o.clone();
        if kind == "occurrences" {
            o.remove("slice");
        }
        Value::Object(o)
    })
    .unwrap_or(Value::Null)
}

fn credit_defaults(kind: &str) -> Value {
    match kind {
        "step" => {
            json!({"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "99", "credit": "25"}]})
        }
        "linear" => {
            json!({"type": "linear", "below": "99.9", "per": "0.1", "rate": "5", "maximum": "50"})
        }
        "fixed" => json!({"type": "fixed", "amount": "100.00", "per": "breach"}),
        _ => json!({"type": "pool", "allocation": "25"}),
    }
}

fn trigger_defaults(kind: &str) -> Value {
    match kind {
        "credits_at_cap" => json!({"type": kind, "k": 2, "m": 12}),
        "rolling_average_below" => json!({"type": kind, "target": "", "periods": 3, "level": "99"}),
        _ => json!({"type": "below_minimum", "k": 3, "m": 6}),
    }
}

fn agreement(f: &F, i: usize) -> Html {
    let t = texts().structure();
    let p = |k: &str| format!("agreements[{i}].{k}");
    let a = get(&f.json, &format!("agreements[{i}]"))
        .cloned()
        .unwrap_or(Value::Null);
    let targets = f.len(&p("targets"));
    let rules = f.len(&p("termination"));
    let kind = text(&a, "kind");
    let pools: Vec<(String, String)> = (0..targets)
        .filter(|t| text(&a, &format!("targets[{t}].credit.type")) == "pool")
        .map(|t| {
            (
                text(&a, &format!("targets[{t}].id")),
                text(&a, &format!("targets[{t}].credit.allocation")),
            )
        })
        .collect();
    let pool_sum = pool_sum(&pools);
    let target_ids: Vec<(String, String)> = ids(&a, "targets")
        .into_iter()
        .map(|id| (id.clone(), id))
        .collect();
    let target_options: Vec<(&str, &str)> = target_ids
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    html! {
        <section aria-labelledby="ed-agreement">
            <h3 id="ed-agreement">{ t.agreement_heading(&kind, &text(&a, "name")) }</h3>
            { f.text(p("id"), t.id) }
            { f.text(p("name"), t.name) }
            { f.choice(p("kind"), t.kind, &[("sla", t.kind_sla), ("ola", t.kind_ola), ("uc", t.kind_uc)], false) }
            if kind == "sla" {
                { f.choice(p("structure"), t.structure, &[("service_based", t.structure_service_based), ("customer_based", t.structure_customer_based), ("multi_level", t.structure_multi_level)], true) }
                if text(&a, "structure") == "multi_level" {
                    { f.choice(p("level"), t.level, &[("corporate", t.level_corporate), ("customer", t.level_customer), ("service", t.level_service)], true) }
                }
                { f.ids(p("customer"), t.customer, "customers") }
                { f.ids(p("service"), t.service, "services") }
            } else {
                { f.ids(p("supplier"), t.supplier, "suppliers") }
                { f.ids(p("service"), t.service, "services") }
            }
            { f.opt(p("monthly_charge"), t.monthly_charge, t.agreement_charge_hint) }
            <fieldset class="item">
                <legend>{ t.credit_terms }</legend>
                { f.opt(p("credits.period_cap.amount"), t.period_cap_amount, "") }
                { f.opt(p("credits.period_cap.percent_of_charges"), t.period_cap_percent, "") }
                { f.opt(p("credits.year_cap.amount"), t.year_cap_amount, "") }
                { f.opt(p("credits.year_cap.percent_of_charges"), t.year_cap_percent, "") }
                { f.opt(p("credits.at_risk_percent"), t.at_risk_percent, t.at_risk_hint) }
                if !pools.is_empty() {
                    <p class="running-sum" id={format!("pool-sum-{i}")} role="status">
                        { t.pool_sum(&pools, &pool_sum) }
                    </p>
                }
                { f.field(p("credits.earn_back_periods"), t.earn_back, Kind::Integer, true, None) }
                { f.opt(p("credits.repeat_miss.multiplier"), t.repeat_multiplier, t.repeat_multiplier_hint) }
                { f.field(p("credits.repeat_miss.after"), t.repeat_after, Kind::Integer, true, None) }
                { f.choice(p("credits.rounding"), t.rounding, &[("half_up", t.rounding_half_up), ("down", t.rounding_down), ("up", t.rounding_up)], true) }
            </fieldset>
            <fieldset class="item">
                <legend>{ t.termination_legend(rules) }</legend>
                { for (0..rules).map(|r| {
                    let q = |k: &str| format!("agreements[{i}].termination[{r}].{k}");
                    let rule = text(&f.json, &q("type"));
                    html! {
                        <div class="rule">
                            { retype(f, format!("agreements[{i}].termination[{r}]"), t.rule, &triggers(t), false, trigger_defaults) }
                            if rule == "rolling_average_below" {
                                { f.choice(q("target"), t.target, &target_options, false) }
                                { f.int(q("periods"), t.over_last_periods) }
                                { f.text(q("level"), t.rule_level) }
                            } else {
                                { f.int(q("k"), t.k_periods) }
                                { f.int(q("m"), t.of_m_periods) }
                                if rule == "below_minimum" {
                                    { f.lines(q("targets"), t.only_these_targets, t.only_these_targets_hint) }
                                }
                            }
                            { f.remove(format!("agreements[{i}].termination[{r}]"), t.remove_rule(r + 1)) }
                        </div>
                    }
                }) }
                { f.add(&p("termination"), t.add_termination, trigger_defaults("below_minimum")) }
            </fieldset>
            <h4>{ t.targets_heading(targets) }</h4>
            { for (0..targets).map(|n| target(f, i, n)) }
            { f.add(&p("targets"), t.add_target, json!({"id": fresh(&a, "targets", "target"), "name": t.new_target_name, "metric": {"type": "availability"}, "expected": "99.9"})) }
            <div class="actions">
                { f.remove(format!("agreements[{i}]"), t.remove_agreement(&text(&a, "id"))) }
            </div>
        </section>
    }
}

/// The sum of pool allocations as an exact decimal text (`?` when one of
/// them is not a number yet), each read by the engine's own parser.
pub fn pool_sum(pools: &[(String, String)]) -> String {
    // Allocations have at most 12 decimals: sum them in units of 1e-12.
    const SCALE: i128 = 1_000_000_000_000;
    let mut total: i128 = 0;
    for (_, text) in pools {
        let Ok(value) = sla_engine::model::values::parse_decimal(text) else {
            return "?".into();
        };
        let units = value
            .numerator()
            .saturating_mul(SCALE / value.denominator().clamp(1, SCALE));
        total = total.saturating_add(units);
    }
    sla_engine::Ratio::new(total, SCALE)
        .map(|sum| sla_engine::model::values::decimal_string(sum, 12))
        .unwrap_or_else(|| "?".into())
}

fn target(f: &F, i: usize, index: usize) -> Html {
    let t = texts().structure();
    let base = format!("agreements[{i}].targets[{index}]");
    let p = |k: &str| format!("{base}.{k}");
    let metric = text(&f.json, &p("metric.type"));
    let credit = text(&f.json, &p("credit.type"));
    let period_value = get(&f.json, &p("period")).cloned();
    let period = match &period_value {
        Some(Value::Object(o)) if o.contains_key("rolling_days") => "rolling".to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    let period_id = super::fields::field_id(&p("period"));
    let period_errors = f.problems.at(&p("period")).0;
    let tier_errors = f.problems.at(&p("credit.tiers")).0;
    let onperiod = {
        let path = p("period");
        f.dispatch.reform(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let value = match v.as_str() {
                "" => None,
                "rolling" => Some(json!({"rolling_days": 30})),
                other => Some(json!(other)),
            };
            Action::Set {
                path: path.clone(),
                value,
            }
        })
    };
    let service = |f: &F| f.ids(p("metric.service"), t.service, "services");
    let series = |f: &F| f.text(p("metric.series"), t.series);
    let unit = |f: &F| f.opt(p("metric.unit"), t.unit, "");
    let tiers = f.len(&p("credit.tiers"));
    let name = text(&f.json, &p("name"));
    html! {
        <fieldset class="item target">
            <legend>{ t.target_legend(&name) }</legend>
            { f.text(p("id"), t.id) }
            { f.text(p("name"), t.name) }
            { retype(f, p("metric"), t.metric, &metrics(t), false, metric_defaults) }
            { match metric.as_str() {
                "availability" => html! { <>
                    { service(f) }
                    { f.flag(p("metric.downtime.count_planned"), t.planned_count) }
                    { f.opt(p("metric.downtime.minimum_outage"), t.minimum_outage, t.minimum_outage_hint) }
                    { f.opt(p("metric.downtime.round_up_to"), t.round_up, t.round_up_hint) }
                    { f.opt(p("metric.downtime.minimum_downtime_period"), t.whole_periods, t.whole_periods_hint) }
                    { f.flag(p("metric.attribute_to_suppliers"), t.attribute_to_suppliers) }
                </> },
                "response_time" | "resolution_time" => html! { <>
                    { service(f) }
                    { f.opt(p("metric.priority"), t.priority, t.priority_hint) }
                    { f.field(p("metric.within"), t.within, Kind::Text, false, Some(t.within_hint)) }
                </> },
                "occurrences" => series(f),
                "timeslices" => html! { <>
                    { series(f) }
                    { f.text(p("metric.slice"), t.slice) }
                    { f.text(p("metric.good_when"), t.good_when) }
                </> },
                "ratio_timeslices" => html! { <> { series(f) } { f.text(p("metric.slice"), t.slice) } </> },
                "percentile" => html! { <> { series(f) } { f.int(p("metric.percentile"), t.percentile) } { unit(f) } </> },
                "mean" | "max" => html! { <> { series(f) } { unit(f) } </> },
                "mttr" => service(f),
                _ => unit(f),
            } }
            { f.choice(p("direction"), t.direction, &[("at_least", t.at_least), ("at_most", t.at_most)], true) }
            { f.text(p("expected"), t.expected) }
            { f.opt(p("minimum"), t.minimum, t.minimum_hint) }
            <div class="wb-field">
                <label for={period_id.clone()}>{ t.period }</label>
                <select id={period_id.clone()} onchange={onperiod} aria-invalid={(!period_errors.is_empty()).then_some("true")}
                    aria-describedby={(!period_errors.is_empty()).then(|| format!("{period_id}-msg"))}>
                    <option value="" selected={period.is_empty()}>{ t.period_default }</option>
                    { for [("month", t.period_month), ("quarter", t.period_quarter), ("year", t.period_year), ("rolling", t.period_rolling)].iter().map(|(v, l)| html! {
                        <option value={*v} selected={period == *v}>{*l}</option>
                    }) }
                </select>
                { messages(&period_id, &period_errors) }
            </div>
            if period == "rolling" {
                { f.int(p("period.rolling_days"), t.rolling_window) }
            }
            { f.ids(p("calendar"), t.calendar, "calendars") }
            { retype(f, p("credit"), t.service_credit, &credits(t), true, credit_defaults) }
            { match credit.as_str() {
                "step" => html! {
                    <fieldset class="tiers">
                        <legend>{ t.tiers_legend(tiers) }</legend>
                        { messages(&super::fields::field_id(&p("credit.tiers")), &tier_errors) }
                        { for (0..tiers).map(|k| {
                            let q = |x: &str| format!("{base}.credit.tiers[{k}].{x}");
                            html! {
                                <div class="row">
                                    { f.text(q("below"), t.achieved_below) }
                                    { f.flag(q("inclusive"), t.or_equal) }
                                    { f.text(q("credit"), t.tier_credit) }
                                    { f.remove(format!("{base}.credit.tiers[{k}]"), t.remove_tier(k + 1)) }
                                </div>
                            }
                        }) }
                        { f.add(&p("credit.tiers"), t.add_tier, json!({"below": "", "credit": ""})) }
                    </fieldset>
                },
                "linear" => html! { <>
                    { f.text(p("credit.below"), t.linear_below) }
                    { f.text(p("credit.per"), t.linear_per) }
                    { f.text(p("credit.rate"), t.linear_rate) }
                    { f.opt(p("credit.maximum"), t.linear_maximum, "") }
                </> },
                "fixed" => html! { <>
                    { f.text(p("credit.amount"), t.amount) }
                    { f.choice(p("credit.per"), t.per, &[("breach", t.per_breach), ("breached_ticket", t.per_ticket)], false) }
                </> },
                "pool" => f.text(p("credit.allocation"), t.allocation),
                _ => Html::default(),
            } }
            { f.opt(p("cap.amount"), t.target_cap_amount, "") }
            { f.opt(p("cap.percent_of_charges"), t.target_cap_percent, "") }
            { f.flag(p("critical"), t.critical) }
            { f.lines(p("excluded_periods"), t.excluded_periods, t.excluded_periods_hint) }
            { f.lines(p("supports"), t.supports, t.supports_hint) }
            { f.remove(base.clone(), t.remove_target(&name)) }
        </fieldset>
    }
}

/// The effective targets of every (customer, service) pair, with where each
/// came from.
fn matrix(file: Option<&AgreementFile>) -> Html {
    let t = texts().structure();
    let Some(file) = file else {
        return html! {
            <section aria-labelledby="ed-matrix">
                <h3 id="ed-matrix">{ t.effective_targets }</h3>
                <p class="error" role="alert">{ t.matrix_needs_valid_file }</p>
            </section>
        };
    };
    let pairs = effective_targets(file);
    let customers: Vec<Option<String>> = {
        let mut c: Vec<Option<String>> = Vec::new();
        for p in &pairs {
            if !c.contains(&p.customer) {
                c.push(p.customer.clone());
            }
        }
        c
    };
    let services: Vec<String> = {
        let mut s: Vec<String> = Vec::new();
        for p in &pairs {
            if !s.contains(&p.service) {
                s.push(p.service.clone());
            }
        }
        s
    };
    html! {
        <section aria-labelledby="ed-matrix">
            <h3 id="ed-matrix">{ t.effective_targets }</h3>
            <p class="hint">{ t.matrix_hint }</p>
            if pairs.is_empty() {
                <p>{ t.matrix_empty }</p>
            } else {
                <div class="table-scroll" tabindex="0" role="region" aria-label={t.matrix_region}>
                <table id="matrix" class="matrix">
                    <caption>{ t.matrix_caption }</caption>
                    <thead><tr><th scope="col">{ t.customer }</th>{ for services.iter().map(|s| html! { <th scope="col">{s.clone()}</th> }) }</tr></thead>
                    <tbody>
                        { for customers.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{c.clone().unwrap_or_else(|| t.any_customer.into())}</th>
                                { for services.iter().map(|s| {
                                    let cell = pairs.iter().find(|p| &p.customer == c && &p.service == s);
                                    html! {
                                        <td data-customer={c.clone().unwrap_or_default()} data-service={s.clone()}>
                                            { match cell {
                                                None => html! { <span class="none">{"—"}</span> },
                                                Some(p) if p.targets.is_empty() => html! { <span class="none">{ t.no_targets }</span> },
                                                Some(p) => html! { <ul>{ for p.targets.iter().map(|t| html! {
                                                    <li><strong>{format!("{} {} {}", t.target.name, if t.target.direction.unwrap_or_else(|| t.target.metric.default_direction()) == sla_engine::model::Direction::AtMost { "≤" } else { "≥" }, t.target.expected.text())}</strong>
                                                    <span class="provenance">{format!(" {}", t.provenance.describe())}</span></li>
                                                }) }</ul> },
                                            } }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct JsonEditorProps {
    json: Rc<Value>,
    dispatch: Callback<Action>,
    /// The text typed but not applied, kept by the structure view so that it
    /// survives going to another part and back (the view is keyed by the
    /// workspace, so a draft never follows a switch to another workspace).
    draft: UseStateHandle<Option<String>>,
}

/// The whole agreement file as text: applied only when it parses, with the
/// line and column of the problem otherwise; the draft is kept meanwhile.
#[component]
fn JsonEditor(props: &JsonEditorProps) -> Html {
    let t = texts().structure();
    let pretty = serde_json::to_string_pretty(&*props.json).unwrap_or_default();
    let draft = props.draft.clone();
    let error = use_state(|| None::<String>);
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            draft.set(Some(
                e.target_unchecked_into::<HtmlTextAreaElement>().value(),
            ))
        })
    };
    let apply = {
        let draft = draft.clone();
        let error = error.clone();
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(text) = (*draft).clone() else {
                return;
            };
            match serde_json::from_str::<Value>(&text) {
                Ok(value) if value.is_object() => {
                    // Only what the workspace can be reopened with.
                    if let Err(e) =
                        crate::state::workbench::workspace::check_agreement_shape(&value)
                    {
                        error.set(Some(t.json_refused(&e.to_string())));
                        return;
                    }
                    dispatch.emit(Action::ReplaceAgreements(value));
                    draft.set(None);
                    error.set(None);
                }
                Ok(_) => error.set(Some(t.json_not_object.into())),
                Err(e) => error.set(Some(t.json_syntax(
                    e.line(),
                    e.column(),
                    &crate::state::workbench::workspace::plain_serde_message(&e.to_string()),
                ))),
            }
        })
    };
    let discard = {
        let draft = draft.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            error.set(None);
        })
    };
    let value = (*draft).clone().unwrap_or(pretty);
    html! {
        <section aria-labelledby="ed-json">
            <h3 id="ed-json">{ t.json_heading }</h3>
            <p class="hint">{ t.json_hint }</p>
            <label for="json-editor">{ t.agreement_file }</label>
            <textarea id="json-editor" class="json" rows="24" spellcheck="false" {value} {oninput}
                aria-describedby={error.is_some().then_some("json-error")} />
            if let Some(message) = &*error {
                <p class="error" id="json-error" role="alert">{message.clone()}</p>
            }
            <div class="actions">
                <button type="button" id="json-apply" onclick={apply} disabled={draft.is_none()}>{ t.apply }</button>
                <button type="button" onclick={discard} disabled={draft.is_none()}>{ t.discard }</button>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_allocations_add_up_exactly() {
        let pools = |v: &[&str]| {
            v.iter()
                .map(|x| (String::new(), (*x).to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pool_sum(&pools(&["80", "70", "50", "50"])), "250");
        assert_eq!(pool_sum(&pools(&["33.3", "33.35"])), "66.65");
        assert_eq!(pool_sum(&pools(&["1.5", "x"])), "?");
        assert_eq!(pool_sum(&pools(&["80.125", "100", "70"])), "250.125");
    }

    #[test]
    fn fresh_ids_skip_used_ones() {
        let json = json!({"services": [{"id": "service-1"}, {"id": "service-3"}]});
        assert_eq!(fresh(&json, "services", "service"), "service-2");
    }
}
