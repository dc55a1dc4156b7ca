//! Requirements against capability in the workbench's Plan view (issue 18):
//! each service's requirements (SLRs) and dependencies, edited here and
//! handed to the workbench as edits of the agreements (one undo step each,
//! autosaved like any other), each requirement beside what the supporting
//! OLAs and UCs deliver together (`sla_engine::capability`, as `sla
//! requirements` writes it), and the back-to-back exposure over the
//! workspace's span, worked out in the view's worker ([`exposure`], as
//! `sla exposure`).

use std::rc::Rc;

use js_sys::Function;
use serde_json::{json, Value};
use sla_engine::capability::{self, shown, Check, Outcome};
use sla_engine::model::{load, AgreementFile, AgreementKind, Dependency, Metric, Requirement};
use sla_engine::report::{report_sources, span_end, Request, Source, Span};
use sla_engine::time::Zone;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::i18n::texts;
use crate::simulator::{spawn, Getter, Running, Said};

// ---------------------------------------------------------------------------
// The worker's side.

/// The back-to-back exposure of `agreements` over `span` of `measurements`
/// (both files' JSON), as JSON: per SLA backed by UCs, per period, what it
/// pays, what the UCs give back, what is left and where it comes from.
///
/// # Errors
/// Unreadable input: why, in words.
pub fn exposure(agreements: &str, measurements: &str, span: &str) -> Result<String, String> {
    let file = load::agreements(agreements).map_err(|e| crate::simulator::problems_text(&e))?;
    let measurements =
        load::measurements(measurements).map_err(|e| crate::simulator::problems_text(&e))?;
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let span = Span::parse(span.trim(), &zone).map_err(|e| e.to_string())?;
    let sources = [Source {
        name: "",
        measurements: &measurements,
    }];
    let report = report_sources(
        &file,
        &sources,
        &Request {
            span,
            now: span_end(span, &zone),
        },
    );
    let money =
        |m: sla_engine::money::Money| format!("{} {}", m.to_plain_string(), m.currency().code());
    let found = capability::exposure(&file, &report);
    Ok(json!(found
        .iter()
        .map(|e| json!({
            "sla": e.sla,
            "ucs": e.ucs,
            "periods": e.periods.iter().map(|p| json!({
                "period": p.period.label(),
                "pays": money(p.pays),
                "recovers": money(p.recovers),
                "left": money(p.left),
                "sources": p.sources.iter().map(|(what, amount)| json!([what, money(*amount)])).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }))
        .collect::<Vec<_>>())
    .to_string())
}

/// One SLA's exposure as the view shows it: (period, pays, gets back,
/// left, sources).
type ExposureRows = Vec<(
    String,
    Vec<String>,
    Vec<(String, String, String, String, Vec<(String, String)>)>,
)>;

fn exposure_from_json(text: &str) -> Result<ExposureRows, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let s = |v: &Value| v.as_str().map(str::to_string);
    value
        .as_array()
        .ok_or("not a list")?
        .iter()
        .map(|e| {
            Some((
                s(&e["sla"])?,
                e["ucs"]
                    .as_array()?
                    .iter()
                    .map(s)
                    .collect::<Option<Vec<_>>>()?,
                e["periods"]
                    .as_array()?
                    .iter()
                    .map(|p| {
                        Some((
                            s(&p["period"])?,
                            s(&p["pays"])?,
                            s(&p["recovers"])?,
                            s(&p["left"])?,
                            p["sources"]
                                .as_array()?
                                .iter()
                                .map(|x| Some((s(&x[0])?, s(&x[1])?)))
                                .collect::<Option<Vec<_>>>()?,
                        ))
                    })
                    .collect::<Option<Vec<_>>>()?,
            ))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| "the exposure is unreadable".to_string())
}

// ---------------------------------------------------------------------------
// The view.

/// The workbench's function that applies an edit of the agreements:
/// `edit(path, json)`, `json` the new value (`null` removes the field).
#[derive(Clone)]
pub struct Editor(pub Option<Function>);

impl PartialEq for Editor {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => js_sys::Object::is(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Editor {
    fn set(&self, path: &str, value: &Value) {
        if let Some(edit) = &self.0 {
            // The workbench applies it; nothing to add if it refuses.
            let _ = edit.call2(&JsValue::NULL, &path.into(), &value.to_string().into());
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RequirementsProps {
    pub file: Rc<AgreementFile>,
    pub agreements: Rc<String>,
    pub span: AttrValue,
    pub measurements: Getter,
    pub edit: Editor,
}

/// The SLA targets of a service: (reference, whether timed, own level).
fn sla_targets(file: &AgreementFile, service: &str) -> Vec<(String, bool, String)> {
    file.agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::Sla)
        .flat_map(|a| {
            a.targets.iter().filter_map(move |t| {
                let of = match &t.metric {
                    Metric::Availability { service, .. }
                    | Metric::ResponseTime { service, .. }
                    | Metric::ResolutionTime { service, .. } => {
                        service.as_deref().or(a.service.as_deref())
                    }
                    _ => return None,
                };
                (of == Some(service)).then(|| {
                    (
                        format!("{}/{}", a.id, t.id),
                        !matches!(t.metric, Metric::Availability { .. }),
                        t.expected.text().to_string(),
                    )
                })
            })
        })
        .collect()
}

fn requirement_json(r: &Requirement) -> Value {
    serde_json::to_value(r).unwrap_or(Value::Null)
}

/// Where the exposure stands.
#[derive(Clone, PartialEq)]
enum Exposing {
    Idle,
    Running,
    Done(Rc<ExposureRows>, String),
    Failed(String),
}

/// Requirements against capability: per service, its requirements and
/// dependencies (edited here) and each requirement beside what the
/// suppliers deliver; then the back-to-back exposure.
#[component]
pub fn Requirements(props: &RequirementsProps) -> Html {
    let t = texts().requirements();
    let file = props.file.clone();
    let checks = use_memo(file.clone(), |file| capability::check(file));
    // Problems of a field not handed to the workbench: (input id, why).
    let problems = use_state(Vec::<(String, String)>::new);
    let exposing = use_state(|| Exposing::Idle);
    // Bumped when a row is added or removed: the rows are drawn afresh
    // (keyed by it), so no refused text stays in a row that moved.
    let generation = use_mut_ref(|| 0u32);
    let running = use_mut_ref(|| None::<Running>);
    if !matches!(*exposing, Exposing::Running) && running.borrow().is_some() {
        running.borrow_mut().take();
    }
    let problem_of = |id: &str| {
        problems
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, w)| w.clone())
    };
    // Where the keyboard goes once the element is drawn: a new row comes
    // back from the workbench a render or two after the edit.
    let refocus = use_mut_ref(|| None::<String>);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            let wanted = refocus.borrow().clone();
            if let Some(id) = wanted {
                let drawn = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(&id))
                    .is_some();
                if drawn {
                    crate::simulator::focus(&id);
                    refocus.borrow_mut().take();
                }
            }
        });
    }

    // Sets a service's requirements to `list` (as one edit), after checking
    // the file would still be valid there.
    let commit = {
        let (file, edit, problems, generation) = (
            file.clone(),
            props.edit.clone(),
            problems.clone(),
            generation.clone(),
        );
        move |i: usize, list: Vec<Requirement>, field: String| {
            if field.is_empty() {
                *generation.borrow_mut() += 1;
            }
            let mut changed = (*file).clone();
            if let Some(service) = changed.services.get_mut(i) {
                service.requirements.clone_from(&list);
            }
            let prefix = format!("services[{i}].requirements");
            let refused: Vec<String> = load::validate(&changed)
                .into_iter()
                .filter(|p| p.path.starts_with(&prefix))
                .map(|p| p.message)
                .collect();
            // A row added or removed (no field): the service's rows are
            // drawn afresh, their problems with them.
            let row_prefix = format!("req-{i}-");
            let mut next: Vec<(String, String)> = (*problems)
                .iter()
                .filter(|(id, _)| {
                    id != &field && (!field.is_empty() || !id.starts_with(&row_prefix))
                })
                .cloned()
                .collect();
            if let Some(why) = refused.first() {
                next.push((field, why.clone()));
                problems.set(next);
                return;
            }
            problems.set(next);
            let value = if list.is_empty() {
                Value::Null
            } else {
                Value::Array(list.iter().map(requirement_json).collect())
            };
            edit.set(&prefix, &value);
        }
    };
    let commit = Rc::new(commit);

    let services = file.services.iter().enumerate().map(|(i, service)| {
        let targets = sla_targets(&file, &service.id);
        let rows = service.requirements.iter().enumerate().map(|(j, r)| {
            let timed = targets.iter().find(|(name, _, _)| name == &r.target).is_some_and(|(_, timed, _)| *timed);
            let id = |field: &str| format!("req-{i}-{j}-{field}");
            let onfield = |field: &'static str| {
                let (commit, list, problems) = (commit.clone(), service.requirements.clone(), problems.clone());
                let input_id = id(field);
                Callback::from(move |e: Event| {
                    let text = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                    let mut list = list.clone();
                    let Some(r) = list.get_mut(j) else { return };
                    let t = texts().requirements();
                    let read = match field {
                        "target" => {
                            r.target = text;
                            Ok(())
                        }
                        "expected" => sla_engine::model::Level::parse(text.trim())
                            .map(|level| r.expected = level)
                            .map_err(|e| t.level_invalid(&text, &e)),
                        "within" if text.trim().is_empty() => {
                            r.within = None;
                            Ok(())
                        }
                        "within" => sla_engine::TimeSpan::parse(text.trim())
                            .map(|span| r.within = Some(sla_engine::model::Duration(span)))
                            .map_err(|e| t.time_invalid(&text, &e.to_string())),
                        _ => {
                            r.note = Some(text).filter(|n| !n.trim().is_empty());
                            Ok(())
                        }
                    };
                    match read {
                        Ok(()) => commit(i, list, input_id.clone()),
                        // Refused at the field, not handed to the workbench.
                        Err(why) => {
                            let mut next: Vec<(String, String)> =
                                (*problems).iter().filter(|(id, _)| id != &input_id).cloned().collect();
                            next.push((input_id.clone(), why));
                            problems.set(next);
                        }
                    }
                })
            };
            let onremove = {
                let (commit, list, refocus) = (commit.clone(), service.requirements.clone(), refocus.clone());
                Callback::from(move |_: MouseEvent| {
                    let mut list = list.clone();
                    if j < list.len() {
                        list.remove(j);
                    }
                    commit(i, list, String::new());
                    *refocus.borrow_mut() = Some(format!("req-{i}-add"));
                })
            };
            let field = |field: &'static str, label: String, value: String, disabled: bool| {
                let input_id = id(field);
                let problem = problem_of(&input_id);
                let named = t.of_row(&label, j + 1, &service.name);
                html! {
                    <td data-label={label.clone()}>
                        <input id={input_id.clone()} type="text" size="10" value={value} {disabled} aria-label={named}
                            onchange={onfield(field)} aria-invalid={problem.is_some().then_some("true")}
                            aria-describedby={problem.is_some().then(|| format!("{input_id}-error"))} />
                        if let Some(why) = problem {
                            <span class="error" id={format!("{input_id}-error")}>{ texts().common().error_prefix }{ why }</span>
                        }
                    </td>
                }
            };
            html! {
                <tr key={format!("{i}-{j}-{}", *generation.borrow())}>
                    <td data-label={t.target}>
                        <select id={id("target")} aria-label={t.of_row(t.target, j + 1, &service.name)} onchange={onfield("target")}
                            aria-invalid={problem_of(&id("target")).is_some().then_some("true")}
                            aria-describedby={problem_of(&id("target")).map(|_| format!("{}-error", id("target")))}>
                            { for targets.iter().map(|(name, _, _)| html! { <option selected={name == &r.target}>{ name.clone() }</option> }) }
                            if !targets.iter().any(|(name, _, _)| name == &r.target) {
                                <option selected=true>{ r.target.clone() }</option>
                            }
                        </select>
                        if let Some(why) = problem_of(&id("target")) {
                            <span class="error" id={format!("{}-error", id("target"))}>{ texts().common().error_prefix }{ why }</span>
                        }
                    </td>
                    { field("expected", t.expected.to_string(), r.expected.text().to_string(), false) }
                    { field("within", t.within.to_string(), r.within.map(|w| w.0.exact_text()).unwrap_or_default(), !timed) }
                    { field("note", t.note.to_string(), r.note.clone().unwrap_or_default(), false) }
                    <td><button type="button" class="remove" id={id("remove")} aria-label={t.of_row(t.remove, j + 1, &service.name)} onclick={onremove}>{ t.remove }</button></td>
                </tr>
            }
        });
        let onadd = {
            let (commit, list, first, refocus) =
                (commit.clone(), service.requirements.clone(), targets.first().cloned(), refocus.clone());
            Callback::from(move |_: MouseEvent| {
                let Some((target, _, level)) = first.clone() else { return };
                let Ok(expected) = sla_engine::model::Level::parse(&level) else { return };
                let mut list = list.clone();
                let j = list.len();
                list.push(Requirement { target, expected, within: None, note: None });
                commit(i, list, String::new());
                *refocus.borrow_mut() = Some(format!("req-{i}-{j}-expected"));
            })
        };
        let dep_id = format!("dep-{i}");
        let dep_text = service.dependencies.clone().unwrap_or_default();
        let ondependencies = {
            let (file, edit, problems, dep_id) = (file.clone(), props.edit.clone(), problems.clone(), dep_id.clone());
            Callback::from(move |e: Event| {
                let text = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                let mut next: Vec<(String, String)> = (*problems).iter().filter(|(id, _)| id != &dep_id).cloned().collect();
                let line = text.trim();
                let parsed = if line.is_empty() {
                    Ok(None)
                } else {
                    Dependency::parse(line).map(|d| Some(d.to_text())).map_err(|why| t_cannot(line, &why))
                };
                let checked = parsed.and_then(|line| {
                    let mut changed = (*file).clone();
                    if let Some(service) = changed.services.get_mut(i) {
                        service.dependencies.clone_from(&line);
                    }
                    let prefix = format!("services[{i}].dependencies");
                    match load::validate(&changed).into_iter().find(|p| p.path.starts_with(&prefix)) {
                        Some(problem) => Err(problem.message),
                        None => Ok(line),
                    }
                });
                match checked {
                    Ok(line) => {
                        problems.set(next);
                        edit.set(&format!("services[{i}].dependencies"), &line.map_or(Value::Null, Value::from));
                    }
                    Err(why) => {
                        next.push((dep_id.clone(), why));
                        problems.set(next);
                    }
                }
            })
        };
        let dep_problem = problem_of(&dep_id);
        let mine: Vec<&Check> = checks.iter().filter(|c| c.service == service.id).collect();
        html! {
            <section class="req-service" aria-labelledby={format!("req-{i}-title")}>
                <h3 id={format!("req-{i}-title")}>{ service.name.clone() }<span class="hint">{ format!(" ({})", service.id) }</span></h3>
                if targets.is_empty() {
                    <p class="hint">{ t.no_sla_targets }</p>
                } else {
                    <div class="table-scroll sim-figures">
                        <table id={format!("req-{i}")}>
                            <caption>{ t.requirements_caption(&service.name) }</caption>
                            <thead><tr>
                                <th scope="col">{ t.target }</th><th scope="col">{ t.expected }</th>
                                <th scope="col">{ t.within }</th><th scope="col">{ t.note }</th><th scope="col"><span class="visually-hidden">{ t.remove }</span></th>
                            </tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                    <button type="button" id={format!("req-{i}-add")} onclick={onadd}>{ t.add }</button>
                }
                <div class="wb-field">
                    <label for={dep_id.clone()}>{ t.dependencies_label }</label>
                    <input id={dep_id.clone()} type="text" value={dep_text} onchange={ondependencies} spellcheck="false"
                        aria-invalid={dep_problem.is_some().then_some("true")}
                        aria-describedby={if dep_problem.is_some() { format!("{dep_id}-hint {dep_id}-error") } else { format!("{dep_id}-hint") }} />
                    <span class="hint" id={format!("{dep_id}-hint")}>{ t.dependencies_hint }</span>
                    if let Some(why) = dep_problem {
                        <span class="error" id={format!("{dep_id}-error")}>{ texts().common().error_prefix }{ why }</span>
                    }
                </div>
                if !mine.is_empty() {
                    <ul class="req-checks" id={format!("req-{i}-checks")}>
                        { for mine.iter().map(|check| check_html(check)) }
                    </ul>
                }
            </section>
        }
    });

    let onexpose = {
        let (exposing, running, agreements, measurements, span) = (
            exposing.clone(),
            running.clone(),
            props.agreements.clone(),
            props.measurements.clone(),
            props.span.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let started = measurements.json().and_then(|json| {
                let (exposing, span) = (exposing.clone(), span.to_string());
                spawn(
                    "exposure",
                    vec![
                        ("agreements", agreements.to_string()),
                        ("measurements", json),
                        ("history", span.clone()),
                    ],
                    move |said| match said {
                        Said::Progress(_) => {}
                        Said::Done(text) => match exposure_from_json(&text) {
                            Ok(rows) => exposing.set(Exposing::Done(Rc::new(rows), span.clone())),
                            Err(why) => exposing.set(Exposing::Failed(why)),
                        },
                        Said::Failed(why) => exposing.set(Exposing::Failed(why)),
                    },
                )
            });
            match started {
                Ok(worker) => {
                    *running.borrow_mut() = Some(worker);
                    exposing.set(Exposing::Running);
                }
                Err(why) => exposing.set(Exposing::Failed(why)),
            }
        })
    };
    let (line, notice) = match &*exposing {
        Exposing::Idle => (String::new(), false),
        Exposing::Running => (t.exposing.to_string(), false),
        Exposing::Done(rows, span) => (t.exposed(rows.len(), span), rows.is_empty()),
        Exposing::Failed(why) => (t.exposure_failed(why), true),
    };

    html! {
        <section class="requirements" aria-labelledby="req-title">
            <h2 id="req-title">{ t.heading }</h2>
            <p class="hint">{ t.intro }</p>
            { for services }
            <h3>{ t.exposure_heading }</h3>
            <p class="hint">{ t.exposure_intro }</p>
            <button type="button" id="exp-run" onclick={onexpose} disabled={matches!(*exposing, Exposing::Running)}>{ t.exposure_run(&props.span) }</button>
            <p id="exp-status" role="status" class={classes!(notice.then_some("notice"))}>{ line }</p>
            if let Exposing::Done(rows, _) = &*exposing {
                { for rows.iter().map(|(sla, ucs, periods)| html! {
                    <div class="table-scroll sim-figures">
                        <table id={format!("exp-{sla}")}>
                            <caption>{ t.exposure_caption(sla, &ucs.join(", ")) }</caption>
                            <thead><tr>
                                <th scope="col">{ t.period }</th><th scope="col">{ t.pays }</th><th scope="col">{ t.recovers }</th>
                                <th scope="col">{ t.left }</th><th scope="col">{ t.from }</th>
                            </tr></thead>
                            <tbody>
                                { for periods.iter().map(|(period, pays, recovers, left, sources)| html! {
                                    <tr>
                                        <th scope="row">{ period.clone() }</th>
                                        <td data-label={t.pays}>{ pays.clone() }</td>
                                        <td data-label={t.recovers}>{ recovers.clone() }</td>
                                        <td data-label={t.left}>{ left.clone() }</td>
                                        <td data-label={t.from}>
                                            <ul class="sim-rights">{ for sources.iter().map(|(what, amount)| html! { <li>{ format!("{what}: {amount}") }</li> }) }</ul>
                                        </td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }) }
            }
            <p class="hint">{ t.method_note }</p>
        </section>
    }
}

/// Why a dependencies line cannot be read, as validation says it.
fn t_cannot(line: &str, why: &str) -> String {
    format!("`{line}` cannot be read: {why}")
}

/// A requirement beside what the suppliers deliver, in words.
fn check_html(check: &Check) -> Html {
    let t = texts().requirements();
    let r = &check.requirement;
    let head = t.check_head(
        &r.target,
        r.expected.text(),
        &r.within.map(|w| w.0.exact_text()).unwrap_or_default(),
        &check.promised,
    );
    let body = match &check.outcome {
        Outcome::Availability { supplied: None, .. } => html! { <p>{ t.nothing_supports }</p> },
        Outcome::Availability {
            supplied: Some(supplied),
            gap,
            met,
            closing,
            ..
        } => html! {
            <>
                <p>{ t.supplied(&shown(&supplied.value), &supplied.basis_text()) }</p>
                <p class={classes!(if *met == Some(true) { "ok" } else { "warning" })}>
                    { t.gap(gap.as_deref().unwrap_or("—"), *met == Some(true)) }
                </p>
                if !closing.is_empty() {
                    <p>{ t.would_close }</p>
                    <ul>{ for closing.iter().map(|c| html! { <li>{ c.text() }</li> }) }</ul>
                }
            </>
        },
        Outcome::Time {
            supporting,
            closing,
            ..
        } => html! {
            <>
                if supporting.is_empty() {
                    <p>{ t.nothing_supports_time }</p>
                }
                <ul>{ for supporting.iter().map(|(name, time, share, covers)| html! {
                    <li>{ t.time_support(name, &share.to_decimal_string(), &time.exact_text(), *covers) }</li>
                }) }</ul>
                if !closing.is_empty() {
                    <p>{ t.would_close }</p>
                    <ul>{ for closing.iter().map(|c| html! { <li>{ c.text() }</li> }) }</ul>
                }
            </>
        },
        Outcome::NotCompared(why) => html! { <p>{ t.not_compared(why) }</p> },
    };
    html! {
        <li>
            <strong>{ head }</strong>
            if let Some(note) = &r.note {
                <span class="hint">{ format!(" ({note})") }</span>
            }
            { body }
        </li>
    }
}
