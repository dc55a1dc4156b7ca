//! The target advisor in the workbench's Plan view (issue 18): for each
//! availability and response- or resolution-time target, what each
//! candidate level would have given over a history of this workspace's
//! measurements, under the agreement's own terms. It is in the Plan view's
//! module (`simulate.html`, beside the contract simulator) and runs in the
//! view's Web Worker ([`run`], called by `simulate-worker.js`): each
//! candidate is a whole report worked out again. The figures are the
//! engine's (`sla_engine::advise`), written as `sla advise` writes them:
//! the page's CSV is the command line's, byte for byte.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use sla_engine::advise::{self, Advice, Options, TargetAdvice, Varies};
use sla_engine::model::load;
use sla_engine::money::{Currency, Money};
use sla_engine::report::{span_end, Request, Source, Span};
use sla_engine::time::Zone;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::charts::Bars;
use crate::i18n::{texts, Count};
use crate::simulator::{focus, spawn, Getter, Running, Said};

/// The most periods "met in k of n" looks back over (a hundred years of months).
const MAX_N: usize = 1_200;

// ---------------------------------------------------------------------------
// The worker's side.

/// The options as the view hands them to the worker.
#[derive(Debug, Clone, PartialEq)]
struct Asked {
    history: String,
    k: usize,
    n: usize,
    /// The amount as typed (read in the agreement's currency).
    limit: Option<String>,
}

fn asked_json(asked: &Asked) -> String {
    serde_json::json!({"history": asked.history, "k": asked.k, "n": asked.n, "limit": asked.limit})
        .to_string()
}

fn asked_from_json(text: &str) -> Result<Asked, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let count = |name: &str| {
        value[name]
            .as_u64()
            .and_then(|v| usize::try_from(v).ok())
            .ok_or_else(|| format!("no `{name}`"))
    };
    Ok(Asked {
        history: value["history"].as_str().ok_or("no history")?.to_string(),
        k: count("k")?,
        n: count("n")?,
        limit: value["limit"].as_str().map(str::to_string),
    })
}

/// The advice on `agreements` (an agreement file's JSON) over the history
/// in `measurements` (a measurement file's JSON), as `options` (the view's
/// JSON) asks, calling `progress(done)` after each target: the advice's
/// JSON ([`advise::to_json`]).
///
/// # Errors
/// Unreadable input: why, in words.
pub fn run(
    agreements: &str,
    measurements: &str,
    options: &str,
    progress: &Function,
) -> Result<String, String> {
    let file = load::agreements(agreements).map_err(|e| crate::simulator::problems_text(&e))?;
    let measurements =
        load::measurements(measurements).map_err(|e| crate::simulator::problems_text(&e))?;
    let asked = asked_from_json(options)?;
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let currency = Currency::new(&file.currency).map_err(|e| e.to_string())?;
    let span = Span::parse(asked.history.trim(), &zone).map_err(|e| e.to_string())?;
    let options = Options {
        request: Request {
            span,
            now: span_end(span, &zone),
        },
        k_of_n: Some((asked.k, asked.n)),
        credit_limit: asked
            .limit
            .as_deref()
            .map(|text| Money::parse(text, currency).map_err(|e| e.to_string()))
            .transpose()?,
    };
    let sources = [Source {
        name: "",
        measurements: &measurements,
    }];
    let advice = advise::advise_with(&file, &sources, &options, &mut |done, _| {
        // A progress the page cannot take is no reason to stop.
        let _ = progress.call1(&JsValue::NULL, &JsValue::from(done as u32));
    });
    Ok(advise::to_json(&advice).to_string())
}

// ---------------------------------------------------------------------------
// The view.

#[derive(Properties, PartialEq)]
pub struct AdvisorProps {
    /// The workspace's agreement file, as JSON.
    pub agreements: Rc<String>,
    /// The same, read.
    pub parsed: crate::simulator::Parsed,
    /// The workspace's span: the history offered first.
    pub span: AttrValue,
    pub measurements: Getter,
}

/// The form as typed.
#[derive(Clone, PartialEq)]
struct Form {
    /// The workspace's span until typed.
    history: Option<String>,
    k: String,
    n: String,
    limit: String,
}

/// Where the advice stands.
#[derive(Clone, PartialEq)]
enum State {
    Idle,
    Running {
        done: u32,
    },
    Done(Rc<Finished>),
    Cancelled,
    /// The view was left while it ran.
    Left,
    Failed(String),
}

/// A finished advice with what it was asked.
struct Finished {
    advice: Advice,
    asked: Asked,
}

impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

thread_local! {
    /// The form and the last advice when the view goes, for when it comes
    /// back: the module stays loaded.
    static KEPT: RefCell<Option<(Form, State, usize)>> = const { RefCell::new(None) };
}

/// A field's problem: its input's id and why.
type Problem = (String, String);

impl Form {
    fn asked(&self, span: &str, zone: &Zone, currency: Currency) -> Result<Asked, Vec<Problem>> {
        let t = texts().advisor();
        let mut problems = Vec::new();
        let history = self.history.clone().unwrap_or_else(|| span.to_string());
        if let Err(e) = Span::parse(history.trim(), zone) {
            problems.push((
                "adv-history".to_string(),
                t.history_invalid(&history, &e.to_string()),
            ));
        }
        let whole = |text: &str| {
            text.trim()
                .parse::<usize>()
                .ok()
                .filter(|v| (1..=MAX_N).contains(v))
        };
        let n = whole(&self.n);
        if n.is_none() {
            problems.push(("adv-n".to_string(), t.n_invalid(&self.n)));
        }
        let k = whole(&self.k).filter(|k| n.is_none_or(|n| *k <= n));
        if k.is_none() {
            problems.push(("adv-k".to_string(), t.k_invalid(&self.k)));
        }
        let limit = match self.limit.trim() {
            "" => None,
            text => match Money::parse(text, currency) {
                Ok(m) if m.minor_units() >= 0 => Some(text.to_string()),
                Ok(_) => {
                    problems.push(("adv-limit".to_string(), t.limit_negative(text)));
                    None
                }
                Err(e) => {
                    problems.push((
                        "adv-limit".to_string(),
                        t.limit_invalid(text, &e.to_string()),
                    ));
                    None
                }
            },
        };
        match (k, n) {
            (Some(k), Some(n)) if problems.is_empty() => Ok(Asked {
                history: history.trim().to_string(),
                k,
                n,
                limit,
            }),
            _ => Err(problems),
        }
    }
}

/// The advisor: the form, the run, the figures.
#[component]
pub fn Advisor(props: &AdvisorProps) -> Html {
    let t = texts().advisor();
    let file = props.parsed.clone();
    let kept = use_memo((), |()| KEPT.with(|k| k.borrow_mut().take()));
    let form = {
        let kept = kept.clone();
        use_state(move || match &*kept {
            Some((form, _, _)) => form.clone(),
            None => Form {
                history: None,
                k: "11".into(),
                n: "12".into(),
                limit: String::new(),
            },
        })
    };
    let state = {
        let kept = kept.clone();
        use_state(move || match &*kept {
            Some((_, state, _)) => state.clone(),
            None => State::Idle,
        })
    };
    let chosen = use_state(move || kept.as_ref().as_ref().map_or(0, |(_, _, c)| *c));
    let problems = use_state(Vec::<Problem>::new);
    let running = use_mut_ref(|| None::<Running>);
    let refocus = use_mut_ref(|| None::<&'static str>);
    {
        let refocus = refocus.clone();
        use_effect(move || {
            let wanted = refocus.borrow_mut().take();
            if let Some(id) = wanted {
                focus(id);
            }
        });
    }
    let latest = use_mut_ref(|| None::<(Form, State, usize)>);
    *latest.borrow_mut() = Some(((*form).clone(), (*state).clone(), *chosen));
    {
        let running = running.clone();
        use_effect_with((), move |()| {
            move || {
                drop(running.borrow_mut().take());
                let kept = latest.borrow_mut().take().map(|(form, state, chosen)| {
                    let state = match state {
                        State::Running { .. } => State::Left,
                        other => other,
                    };
                    (form, state, chosen)
                });
                KEPT.with(|k| *k.borrow_mut() = kept);
            }
        });
    }
    if !matches!(*state, State::Running { .. }) && running.borrow().is_some() {
        running.borrow_mut().take();
    }

    let file = match &*file {
        Ok(file) => file.clone(),
        Err(why) => {
            return html! {
                <section class="advisor" aria-labelledby="adv-title">
                    <h2 id="adv-title">{ t.heading }</h2>
                    <p class="notice" id="adv-unreadable">{ t.agreements_invalid(why) }</p>
                </section>
            };
        }
    };
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let currency = Currency::new(&file.currency).ok();

    let onrun = {
        let (form, problems, state, running, refocus) = (
            form.clone(),
            problems.clone(),
            state.clone(),
            running.clone(),
            refocus.clone(),
        );
        let (agreements, measurements, span) = (
            props.agreements.clone(),
            props.measurements.clone(),
            props.span.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(currency) = currency else {
                return;
            };
            let asked = match form.asked(&span, &zone, currency) {
                Ok(asked) => asked,
                Err(found) => {
                    if let Some((id, _)) = found.first() {
                        focus(id);
                    }
                    problems.set(found);
                    return;
                }
            };
            problems.set(Vec::new());
            let started = measurements.json().and_then(|json| {
                let (state, refocus, zone) = (state.clone(), refocus.clone(), zone.clone());
                let keep = asked.clone();
                spawn(
                    "advise",
                    vec![
                        ("agreements", agreements.to_string()),
                        ("measurements", json),
                        ("options", asked_json(&asked)),
                    ],
                    move |said| match said {
                        Said::Progress(done) => {
                            if matches!(*state, State::Running { .. }) {
                                state.set(State::Running { done });
                            }
                        }
                        Said::Done(text) => {
                            *refocus.borrow_mut() = Some("adv-run");
                            match advise::from_json(&text, &zone) {
                                Ok(advice) => state.set(State::Done(Rc::new(Finished {
                                    advice,
                                    asked: keep.clone(),
                                }))),
                                Err(why) => state.set(State::Failed(why)),
                            }
                        }
                        Said::Failed(why) => {
                            if matches!(*state, State::Running { .. }) {
                                *refocus.borrow_mut() = Some("adv-run");
                                state.set(State::Failed(why));
                            }
                        }
                    },
                )
            });
            match started {
                Ok(worker) => {
                    *running.borrow_mut() = Some(worker);
                    state.set(State::Running { done: 0 });
                    *refocus.borrow_mut() = Some("adv-cancel");
                }
                Err(why) => state.set(State::Failed(why)),
            }
        })
    };
    let oncancel = {
        let (state, running, refocus) = (state.clone(), running.clone(), refocus.clone());
        Callback::from(move |_: MouseEvent| {
            running.borrow_mut().take();
            if matches!(*state, State::Running { .. }) {
                state.set(State::Cancelled);
            }
            *refocus.borrow_mut() = Some("adv-run");
        })
    };
    let edit = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let mut next = (*form).clone();
            apply(&mut next, value);
            form.set(next);
        })
    };
    let problem_of = |id: &str| {
        problems
            .iter()
            .find(|(p, _)| p == id)
            .map(|(_, why)| why.clone())
    };
    let field = |id: &'static str,
                 label: String,
                 value: &str,
                 hint: String,
                 oninput: Callback<InputEvent>| {
        crate::simulator::text_field(id, &label, value, &hint, problem_of(id), oninput)
    };
    let is_running = matches!(*state, State::Running { .. });
    let history = form
        .history
        .clone()
        .unwrap_or_else(|| props.span.to_string());
    let code = currency.map(|c| c.code().to_string()).unwrap_or_default();

    html! {
        <section class="advisor" aria-labelledby="adv-title">
            <h2 id="adv-title">{ t.heading }</h2>
            <p class="hint">{ t.intro }</p>
            <form id="adv-form" onsubmit={onrun} novalidate=true>
                <fieldset disabled={is_running}>
                    <legend>{ t.legend }</legend>
                    <div class="sim-fields">
                        { field("adv-history", t.history_label.into(), &history, t.history_hint.into(), edit(|f, v| f.history = Some(v))) }
                        { field("adv-k", t.k_label.into(), &form.k, t.k_hint.into(), edit(|f, v| f.k = v)) }
                        { field("adv-n", t.n_label.into(), &form.n, t.n_hint.into(), edit(|f, v| f.n = v)) }
                        { field("adv-limit", t.limit_label(&code), &form.limit, t.limit_hint.into(), edit(|f, v| f.limit = v)) }
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="submit" id="adv-run" disabled={is_running || currency.is_none()}>{ t.run }</button>
                    if is_running {
                        <button type="button" id="adv-cancel" onclick={oncancel}>{ t.cancel }</button>
                    }
                </div>
            </form>
            { status(&state) }
            if let State::Done(finished) = &*state {
                { results(finished, &chosen) }
            }
        </section>
    }
}

fn status(state: &State) -> Html {
    let t = texts().advisor();
    let (line, notice) = match state {
        State::Idle => (String::new(), false),
        State::Running { .. } => (t.running.to_string(), false),
        State::Cancelled => (t.cancelled.to_string(), false),
        State::Left => (t.left.to_string(), true),
        State::Failed(why) => (t.failed(why), true),
        State::Done(finished) => (
            t.done(
                &Count::plain(finished.advice.targets.len()),
                &finished.asked.history,
            ),
            false,
        ),
    };
    html! {
        <div class="sim-progress">
            if let State::Running { done, .. } = state {
                <label for="adv-progress">{ t.progress_label }</label>
                <progress id="adv-progress" aria-valuetext={t.progress(&Count::plain(*done as usize))}></progress>
            }
            <p id="adv-status" role="status" class={classes!(notice.then_some("notice"))}>{ line }</p>
        </div>
    }
}

/// The current level's row of a target.
fn current_row(target: &TargetAdvice) -> Option<&advise::Row> {
    target.rows.iter().find(|r| r.is_current)
}

/// The level met in k of n, as written.
fn k_of_n_text(target: &TargetAdvice) -> String {
    match &target.k_of_n {
        Some(k) => match (k.level, &k.time) {
            (Some(level), _) => target.achieved_text(level),
            (None, Some(time)) => time.clone(),
            (None, None) if k.considered < k.k => {
                texts().advisor().too_few(&Count::plain(k.considered))
            }
            (None, None) => texts().advisor().none.to_string(),
        },
        None => "—".into(),
    }
}

fn results(finished: &Rc<Finished>, chosen: &UseStateHandle<usize>) -> Html {
    let t = texts().advisor();
    let advice = &finished.advice;
    let asked = &finished.asked;
    let summary = advice.targets.iter().map(|target| {
        let current = current_row(target);
        let under = target.under_limit.as_ref().map(|u| match (&u.level, u.credits) {
            (Some(level), Some(credits)) => format!("{} ({})", target.level_text(level), advise::money_text(credits)),
            _ => t.no_level_within.to_string(),
        });
        html! {
            <tr>
                <th scope="row">{ &target.key }<span class="hint">{ format!(" {}", target.name) }</span></th>
                <td data-label={t.current}>{ target.level_text(&target.current) }</td>
                <td data-label={t.met_at_current}>{ current.map(|r| t.met_of(&Count::plain(r.met), &Count::plain(r.periods))).unwrap_or_default() }</td>
                <td data-label={t.worst_margin}>{ target.margin.worst.as_ref().map_or_else(|| "—".into(), advise::margin_text) }</td>
                <td data-label={t.k_of_n_head(asked.k, asked.n)}>
                    { k_of_n_text(target) }
                    if let Some(room) = &target.margin.to_k_of_n {
                        <span class="hint">{ format!(" ({})", advise::margin_text(room)) }</span>
                    }
                </td>
                if asked.limit.is_some() {
                    <td data-label={t.under_head}>{ under.unwrap_or_default() }</td>
                }
            </tr>
        }
    });
    let pick = (**chosen).min(advice.targets.len().saturating_sub(1));
    let onchoose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<web_sys::HtmlSelectElement>();
            chosen.set(select.selected_index().max(0) as usize);
        })
    };
    let ondownload = {
        let finished = finished.clone();
        Callback::from(move |_: MouseEvent| {
            let name: String = finished
                .asked
                .history
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect();
            crate::browser::download(
                &format!("advice-{name}.csv"),
                "text/csv",
                &advise::csv(&finished.advice),
            );
        })
    };
    let limit_text = asked.limit.as_deref().map(|l| {
        Money::parse(l, advice.currency).map_or_else(|_| l.to_string(), advise::money_text)
    });
    html! {
        <div id="adv-results">
            if advice.targets.is_empty() {
                <p class="notice" id="adv-none">{ t.nothing_advised }</p>
            } else {
                <h3>{ t.summary_heading }</h3>
                <div class="table-scroll sim-figures">
                    <table id="adv-summary">
                        <thead><tr>
                            <th scope="col">{ t.target }</th>
                            <th scope="col">{ t.current }</th>
                            <th scope="col">{ t.met_at_current }</th>
                            <th scope="col">{ t.worst_margin }</th>
                            <th scope="col">{ t.k_of_n_head(asked.k, asked.n) }</th>
                            if let Some(limit) = &limit_text {
                                <th scope="col">{ t.under_limit_head(limit) }</th>
                            }
                        </tr></thead>
                        <tbody>{ for summary }</tbody>
                    </table>
                </div>
                <p class="hint">{ t.summary_hint }</p>
                <div class="wb-field">
                    <label for="adv-target-of">{ t.candidates_of }</label>
                    <select id="adv-target-of" onchange={onchoose}>
                        { for advice.targets.iter().enumerate().map(|(n, target)| html! {
                            <option selected={n == pick}>{ format!("{} ({})", target.key, target.metric) }</option>
                        }) }
                    </select>
                </div>
                if let Some(target) = advice.targets.get(pick) {
                    { candidates(target) }
                }
            }
            if !advice.not_advised.is_empty() {
                <details id="adv-not-advised">
                    <summary>{ t.not_advised(&Count::plain(advice.not_advised.len())) }</summary>
                    <ul>{ for advice.not_advised.iter().map(|(key, why)| html! { <li>{ format!("{key}: {why}") }</li> }) }</ul>
                </details>
            }
            <h3>{ t.assumptions_heading }</h3>
            <ul id="adv-assumptions" class="hint">
                { for advice.assumptions.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
            </ul>
            <p class="hint">{ t.method_note }</p>
            <button type="button" id="adv-download" onclick={ondownload}>{ t.download_csv }</button>
        </div>
    }
}

/// One target's candidates: the table and the charts of periods met and
/// credits against the level.
fn candidates(target: &TargetAdvice) -> Html {
    let t = texts().advisor();
    let label = |row: &advise::Row| {
        let mut text = target.level_text(&row.candidate);
        if let Some(factor) = row.factor {
            text = format!("{text} ({factor})");
        }
        text
    };
    let rows = target.rows.iter().map(|row| {
        html! {
            <tr class={classes!(row.is_current.then_some("current"))}>
                <th scope="row">{ label(row) }
                    if row.is_current {
                        <span class="hint">{ format!(" {}", t.agreements_own) }</span>
                    }
                </th>
                <td data-label={t.met}>{ t.met_of(&Count::plain(row.met), &Count::plain(row.periods)) }
                    if row.left_out > 0 {
                        <span class="hint">{ format!(" {}", t.left_out(&Count::plain(row.left_out))) }</span>
                    }
                </td>
                <td data-label={t.worst_period}>{ row.worst.map_or_else(|| "—".into(), |w| format!("{}: {} ({})", w.period.label(), target.achieved_text(w.achieved), w.status.label())) }</td>
                <td data-label={t.budget_used}>{ row.budget_text() }</td>
                <td data-label={t.credits}>{ advise::money_text(row.credits) }</td>
            </tr>
        }
    });
    let labels: Vec<AttrValue> = target
        .rows
        .iter()
        .map(|row| {
            AttrValue::from(match target.varies {
                Varies::Level => row.candidate.clone(),
                Varies::Time => row.factor.unwrap_or_default().to_string(),
            })
        })
        .collect();
    let met: Vec<f64> = target.rows.iter().map(|r| r.met as f64).collect();
    let met_texts: Vec<AttrValue> = target
        .rows
        .iter()
        .map(|r| AttrValue::from(format!("{}/{}", r.met, r.periods)))
        .collect();
    let credits: Vec<f64> = target
        .rows
        .iter()
        .map(|r| r.credits.minor_units() as f64)
        .collect();
    let credit_texts: Vec<AttrValue> = target
        .rows
        .iter()
        .map(|r| AttrValue::from(r.credits.to_plain_string()))
        .collect();
    let axis = match target.varies {
        Varies::Level => t.level_axis,
        Varies::Time => t.time_axis,
    };
    html! {
        <>
            <div class="table-scroll sim-figures">
                <table id="adv-candidates">
                    <caption>{ t.candidates_caption(&target.key, &target.name) }</caption>
                    <thead><tr>
                        <th scope="col">{ t.candidate }</th>
                        <th scope="col">{ t.met }</th>
                        <th scope="col">{ t.worst_period }</th>
                        <th scope="col">{ t.budget_used }</th>
                        <th scope="col">{ t.credits }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <div class="adv-charts">
                <Bars id="adv-met" title={AttrValue::from(t.met_chart(&target.key))} labels={labels.clone()} values={met}
                    value_texts={met_texts} heads={Some([axis, t.met])} />
                <Bars id="adv-credits" title={AttrValue::from(t.credits_chart(&target.key, &target.rows.first().map(|r| r.credits.currency().code().to_string()).unwrap_or_default()))}
                    {labels} values={credits} value_texts={credit_texts} heads={Some([axis, t.credits])} />
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_options_go_to_the_worker_and_back_unchanged() {
        let asked = Asked {
            history: "2025-01..2025-06".into(),
            k: 5,
            n: 6,
            limit: Some("1,000.50".into()),
        };
        assert_eq!(asked_from_json(&asked_json(&asked)), Ok(asked.clone()));
        let none = Asked {
            limit: None,
            ..asked
        };
        assert_eq!(asked_from_json(&asked_json(&none)), Ok(none));
        assert!(asked_from_json("{}").is_err());
    }
}
