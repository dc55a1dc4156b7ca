//! The workbench's Plan view (issue 18), a module of its own:
//! `simulate.html` (bin `sla-simulate`) holds the view ([`Plan`]: the target
//! advisor, `crate::advisor`, above the contract simulator) with the
//! engine's advisor and simulator, and the view loads it when it is first
//! shown ([`PlanSimulator`], the workbench's side). Jobs go to a Web Worker
//! (`simulate-worker.js`) that loads the same module and calls its `run`,
//! `advise` or `fit` export ([`spawn`]), so the page takes input while they
//! run: a progress bar, a cancel button (the worker is stopped), and the
//! figures, a histogram and every year as CSV when a run is done. The
//! figures are the engine's (`sla_engine::simulate`), worked out and written
//! as `sla simulate` writes them: the same seed gives the same figures in
//! both; a failure model fitted from the workspace's measurements is the
//! one `sla simulate --history` fits.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use sla_engine::model::load;
use sla_engine::report::Span;
use sla_engine::simulate::{self, Failure, Setup, Simulation};
use sla_engine::time::Zone;
use sla_engine::TimeSpan;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::prelude::*;

use crate::components::charts::Bars;
use crate::i18n::{texts, Count};
use crate::requirements::Editor;

/// The module's name (`simulate.html`, see `browser::load_lazy`).
const MODULE: &str = "simulate";
/// The module the worker runs jobs with (`plan-worker.html`).
const JOBS: &str = "plan-worker";
/// The worker's script, beside the pages.
const WORKER: &str = "./simulate-worker.js";
/// The view's rules, beside the pages.
const STYLESHEET: &str = "./plan.css";
/// Bars of a histogram (each labelled under it: ten fit a phone's width).
const BINS: usize = 10;
/// Contract years a run may have (as the engine takes them).
const MAX_YEARS: u32 = 1_000_000;

// ---------------------------------------------------------------------------
// The worker's side: one run.

/// What the view hands the worker: the run's setup, as JSON.
fn setup_json(setup: &Setup) -> String {
    serde_json::json!({
        "first_month": [setup.first_month.0, setup.first_month.1],
        "years": setup.years,
        "seed": setup.seed.to_string(),
        "services": setup.services.iter().map(|(id, f)| serde_json::json!(
            [id, f.mtbf.nanos().to_string(), f.mttr.nanos().to_string()]
        )).collect::<Vec<_>>(),
    })
    .to_string()
}

fn setup_from_json(text: &str) -> Result<Setup, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let month = value["first_month"]
        .as_array()
        .and_then(|m| Some((m.first()?.as_i64()?, m.get(1)?.as_u64()?)))
        .and_then(|(y, m)| Some((i32::try_from(y).ok()?, u32::try_from(m).ok()?)))
        .ok_or("no first month")?;
    let years = value["years"]
        .as_u64()
        .and_then(|y| u32::try_from(y).ok())
        .ok_or("no years")?;
    let seed = value["seed"]
        .as_str()
        .and_then(|s| s.parse().ok())
        .ok_or("no seed")?;
    let nanos = |v: &serde_json::Value| {
        v.as_str()
            .and_then(|s| s.parse::<i64>().ok())
            .and_then(TimeSpan::from_nanos)
    };
    let services = value["services"]
        .as_array()
        .ok_or("no services")?
        .iter()
        .map(|s| {
            Some((
                s.get(0)?.as_str()?.to_string(),
                Failure {
                    mtbf: nanos(s.get(1)?)?,
                    mttr: nanos(s.get(2)?)?,
                },
            ))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("a service's model is unreadable")?;
    Ok(Setup {
        first_month: month,
        years,
        seed,
        services,
    })
}

/// The problems of an agreement file, the first few in words.
pub(crate) fn problems_text(problems: &[load::FileError]) -> String {
    let shown: Vec<String> = problems.iter().take(3).map(ToString::to_string).collect();
    match problems.len() {
        n if n > shown.len() => format!("{} (and {} more)", shown.join("; "), n - shown.len()),
        _ => shown.join("; "),
    }
}

/// Runs the simulation of `agreements` (an agreement file's JSON) with
/// `setup` (the view's JSON), calling `progress(done)` every hundredth of
/// the run; the run's JSON ([`simulate::to_json`]).
///
/// # Errors
/// Unreadable input, or a setup the engine refuses: why, in words.
pub fn run(agreements: &str, setup: &str, progress: &Function) -> Result<String, String> {
    let file = load::agreements(agreements).map_err(|e| problems_text(&e))?;
    let setup = setup_from_json(setup)?;
    let every = (setup.years / 100).max(1);
    let result = simulate::simulate(&file, &setup, &mut |done| {
        if done % every == 0 || done == setup.years {
            // A progress the page cannot take is no reason to stop.
            let _ = progress.call1(&JsValue::NULL, &JsValue::from(done));
        }
        true
    })
    .map_err(|e| e.to_string())?;
    Ok(simulate::to_json(&result))
}

/// Fits the failure model of each service the simulator needs from its
/// unplanned outages in `measurements` (the workspace's measurement file,
/// JSON) over `history` (a span such as `2025`), as `sla simulate
/// --history` does: the fitted models and the services that could not be
/// fitted, with why, as JSON ([`fitted_from_json`] reads it).
///
/// # Errors
/// Unreadable agreements, measurements or history: why, in words.
pub fn fit(agreements: &str, measurements: &str, history: &str) -> Result<String, String> {
    let file = load::agreements(agreements).map_err(|e| problems_text(&e))?;
    let measurements = load::measurements(measurements).map_err(|e| problems_text(&e))?;
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let window = Span::parse(history.trim(), &zone)
        .map_err(|e| e.to_string())?
        .window(&zone)
        .ok_or("the history is out of range")?;
    let sources = [sla_engine::report::Source {
        name: "",
        measurements: &measurements,
    }];
    let mut fitted = Vec::new();
    let mut not_fitted = Vec::new();
    for service in simulate::services_needed(&file) {
        match simulate::fit(&sources, &service, window, &zone) {
            Ok(model) => fitted.push(serde_json::json!({
                "service": service,
                "mtbf": model.failure.mtbf.nanos().to_string(),
                "mttr": model.failure.mttr.nanos().to_string(),
                "outages": model.outages,
                "notes": model.notes,
            })),
            Err(why) => not_fitted.push(serde_json::json!({"service": service, "reason": why})),
        }
    }
    Ok(serde_json::json!({"fitted": fitted, "not_fitted": not_fitted}).to_string())
}

/// A fit's outcome as the view reads it.
#[derive(Clone, Debug, PartialEq)]
struct FitOutcome {
    /// (service, model, outages, notes).
    fitted: Vec<(String, Failure, usize, Vec<String>)>,
    /// (service, why).
    not_fitted: Vec<(String, String)>,
}

fn fitted_from_json(text: &str) -> Result<FitOutcome, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let texts = |v: &serde_json::Value| -> Option<Vec<String>> {
        v.as_array()?
            .iter()
            .map(|t| t.as_str().map(str::to_string))
            .collect()
    };
    let nanos = |v: &serde_json::Value| {
        v.as_str()
            .and_then(|s| s.parse::<i64>().ok())
            .and_then(TimeSpan::from_nanos)
    };
    let fitted = value["fitted"]
        .as_array()
        .ok_or("no fitted models")?
        .iter()
        .map(|f| {
            Some((
                f["service"].as_str()?.to_string(),
                Failure {
                    mtbf: nanos(&f["mtbf"])?,
                    mttr: nanos(&f["mttr"])?,
                },
                usize::try_from(f["outages"].as_u64()?).ok()?,
                texts(&f["notes"])?,
            ))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("a fitted model is unreadable")?;
    let not_fitted = value["not_fitted"]
        .as_array()
        .ok_or("no list of services not fitted")?
        .iter()
        .map(|f| {
            Some((
                f["service"].as_str()?.to_string(),
                f["reason"].as_str()?.to_string(),
            ))
        })
        .collect::<Option<Vec<_>>>()
        .ok_or("a service not fitted is unreadable")?;
    Ok(FitOutcome { fitted, not_fitted })
}

// ---------------------------------------------------------------------------
// The module's side: the view, mounted by the workbench.

thread_local! {
    static APP: RefCell<Option<(yew::AppHandle<Plan>, Getter, Editor)>> = const { RefCell::new(None) };
}

/// Mounts the Plan view in `root`, for the agreements (JSON), the
/// workspace's span, `measurements`, the workbench's function that gives
/// the workspace's measurements as JSON when called, and `edit`, its
/// function that applies an edit of the agreements (`edit(path, json)`;
/// either may be null).
pub fn mount(
    root: web_sys::Element,
    agreements: String,
    span: String,
    measurements: JsValue,
    edit: JsValue,
) {
    unmount();
    link_stylesheet();
    root.set_inner_html("");
    crate::pages::nested::above_outer_trees(&root);
    let getter = Getter(measurements.dyn_into::<Function>().ok());
    let editor = Editor(edit.dyn_into::<Function>().ok());
    let app = yew::Renderer::<Plan>::with_root_and_props(
        root,
        PlanProps {
            agreements: Rc::new(agreements),
            span: AttrValue::from(span),
            measurements: getter.clone(),
            edit: editor.clone(),
        },
    )
    .render();
    APP.with(|slot| *slot.borrow_mut() = Some((app, getter, editor)));
}

/// Links the view's own rules (`plan.css`, beside the pages) once: no
/// other page loads them.
fn link_stylesheet() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document
        .query_selector("link[data-plan-css]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let (Some(head), Ok(link)) = (document.head(), document.create_element("link")) else {
        return;
    };
    // Attributes of a new element are always accepted.
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", STYLESHEET);
    let _ = link.set_attribute("data-plan-css", "");
    let _ = head.append_child(&link);
}

/// Gives the mounted view the workspace's current agreements and span.
pub fn update(agreements: String, span: String) {
    APP.with(|slot| {
        if let Some((app, getter, editor)) = slot.borrow_mut().as_mut() {
            app.update(PlanProps {
                agreements: Rc::new(agreements),
                span: AttrValue::from(span),
                measurements: getter.clone(),
                edit: editor.clone(),
            });
        }
    });
}

/// Destroys the mounted view (a job under way stops with it).
pub fn unmount() {
    if let Some((app, _, _)) = APP.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
}

/// The workbench's function that writes the workspace's measurements as
/// JSON when called: a large file is written only for a job that reads it.
#[derive(Clone)]
pub struct Getter(pub Option<Function>);

impl PartialEq for Getter {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => js_sys::Object::is(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl Getter {
    /// The measurements as JSON, now.
    ///
    /// # Errors
    /// No measurements to read (the view was mounted without them), or the
    /// workbench's function refused.
    pub fn json(&self) -> Result<String, String> {
        let getter = self
            .0
            .as_ref()
            .ok_or("this view was given no measurements")?;
        getter
            .call0(&JsValue::NULL)
            .map_err(|e| js_text(&e))?
            .as_string()
            .ok_or_else(|| "the workbench gave no measurements".to_string())
    }
}

#[derive(Properties, PartialEq)]
pub struct PlanProps {
    /// The workspace's agreement file, as JSON.
    pub agreements: Rc<String>,
    /// The workspace's span: the history the advisor and a fit read first.
    pub span: AttrValue,
    pub measurements: Getter,
    pub edit: Editor,
}

/// The Plan view: requirements against what the suppliers deliver (the
/// contracts), the target advisor (the past), the contract simulator (the
/// future).
#[component]
pub fn Plan(props: &PlanProps) -> Html {
    // Read once for the three sections (each shows why when it cannot be).
    let parsed: Parsed = use_memo(props.agreements.clone(), |json| {
        load::agreements(json)
            .map(Rc::new)
            .map_err(|e| problems_text(&e))
    });
    html! {
        <>
            if let Ok(file) = &*parsed {
                <crate::requirements::Requirements file={file.clone()} agreements={props.agreements.clone()} span={props.span.clone()}
                    measurements={props.measurements.clone()} edit={props.edit.clone()} />
            }
            <crate::advisor::Advisor agreements={props.agreements.clone()} parsed={parsed.clone()} span={props.span.clone()}
                measurements={props.measurements.clone()} />
            <Simulator agreements={props.agreements.clone()} {parsed} span={props.span.clone()}
                measurements={props.measurements.clone()} />
        </>
    }
}

/// The workspace's agreement file as read once by the Plan view, or why it
/// cannot be read.
pub type Parsed = Rc<Result<Rc<sla_engine::model::AgreementFile>, String>>;

#[derive(Properties, PartialEq)]
pub struct SimulatorProps {
    /// The workspace's agreement file, as JSON.
    pub agreements: Rc<String>,
    /// The same, read.
    pub parsed: Parsed,
    /// The history a fit reads first.
    pub span: AttrValue,
    pub measurements: Getter,
}

/// Where a run stands.
#[derive(Clone, PartialEq)]
enum RunState {
    Idle,
    Running {
        done: u32,
        years: u32,
    },
    Done(Rc<Finished>),
    Cancelled {
        done: u32,
        years: u32,
    },
    /// The view was left while it ran (the worker stops with it).
    Left {
        done: u32,
        years: u32,
    },
    Failed(String),
}

thread_local! {
    /// The form and the last run when the view goes (another view, an
    /// editor), for when it comes back: the module stays loaded.
    static KEPT: RefCell<Option<(Form, RunState)>> = const { RefCell::new(None) };
}

/// A finished run with what it was asked.
struct Finished {
    run: Simulation,
    setup: Setup,
}

impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

/// A worker under way, with the handler it calls (kept alive with it).
pub(crate) struct Running {
    worker: Worker,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The form as typed.
#[derive(Clone, PartialEq)]
struct Form {
    start: String,
    years: String,
    seed: String,
    /// Per service needed: (id, MTBF, MTTR) as typed.
    models: Vec<(String, String, String)>,
    /// The history a fit reads; the workspace's span until typed.
    history: Option<String>,
}

/// A field's problem: its input's id and why.
type Problem = (String, String);

impl Form {
    /// The setup, or each field's problem.
    fn setup(&self, zone: &Zone) -> Result<Setup, Vec<Problem>> {
        let t = texts().simulator();
        let mut problems = Vec::new();
        let first_month = match Span::parse(self.start.trim(), zone) {
            Ok(Span::Months { first, last }) if first == last => Some(first),
            _ => {
                problems.push(("sim-start".to_string(), t.start_invalid(&self.start)));
                None
            }
        };
        let years = match self.years.trim().replace([',', ' '], "").parse::<u32>() {
            Ok(y) if (1..=MAX_YEARS).contains(&y) => Some(y),
            _ => {
                problems.push(("sim-years".to_string(), t.years_invalid(&self.years)));
                None
            }
        };
        let seed = match self.seed.trim().parse::<u64>() {
            Ok(s) => Some(s),
            Err(_) => {
                problems.push(("sim-seed".to_string(), t.seed_invalid(&self.seed)));
                None
            }
        };
        let mut services = Vec::new();
        for (n, (id, mtbf, mttr)) in self.models.iter().enumerate() {
            let span = |text: &str, field: &str| match TimeSpan::parse(text.trim()) {
                Ok(span) if span.nanos() > 0 => Ok(span),
                Ok(_) => Err((format!("sim-{field}-{n}"), t.span_not_positive(text))),
                Err(e) => Err((
                    format!("sim-{field}-{n}"),
                    t.span_invalid(text, &e.to_string()),
                )),
            };
            match (span(mtbf, "mtbf"), span(mttr, "mttr")) {
                (Ok(mtbf), Ok(mttr)) => services.push((id.clone(), Failure { mtbf, mttr })),
                (a, b) => problems.extend(a.err().into_iter().chain(b.err())),
            }
        }
        match (first_month, years, seed) {
            (Some(first_month), Some(years), Some(seed)) if problems.is_empty() => Ok(Setup {
                first_month,
                years,
                seed,
                services,
            }),
            _ => Err(problems),
        }
    }
}

/// The month after today's, `YYYY-MM`: a contract year that has not begun.
fn next_month() -> String {
    use chrono::Datelike;
    let today = crate::browser::today();
    let (year, month) = match today.month() {
        12 => (today.year() + 1, 1),
        month => (today.year(), month + 1),
    };
    format!("{year:04}-{month:02}")
}

/// The simulator: the form, the run, the figures.
#[component]
pub fn Simulator(props: &SimulatorProps) -> Html {
    let t = texts().simulator();
    let file = props.parsed.clone();
    let needed = use_memo(file.clone(), |file| match &**file {
        Ok(file) => simulate::services_needed(file),
        Err(_) => Vec::new(),
    });
    let kept = use_memo((), |()| KEPT.with(|k| k.borrow_mut().take()));
    let form = {
        let kept = kept.clone();
        use_state(move || match &*kept {
            Some((form, _)) => form.clone(),
            None => Form {
                start: next_month(),
                years: "10000".into(),
                seed: "1".into(),
                models: Vec::new(),
                history: None,
            },
        })
    };
    // The services needed, each with its model as typed (kept across edits
    // of the agreements).
    let models: Vec<(String, String, String)> = needed
        .iter()
        .map(|id| {
            form.models
                .iter()
                .find(|(s, _, _)| s == id)
                .cloned()
                .unwrap_or_else(|| (id.clone(), "30d".into(), "2h".into()))
        })
        .collect();
    let problems = use_state(Vec::<Problem>::new);
    let fit = use_state(|| FitState::Idle);
    let fitting = use_mut_ref(|| None::<Running>);
    let state = use_state(move || match &*kept {
        Some((_, state)) => state.clone(),
        None => RunState::Idle,
    });
    let running = use_mut_ref(|| None::<Running>);
    // Where the keyboard goes once the next render is drawn: Cancel when a
    // run starts (Run is disabled under the focus), Run when it ends.
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
    // What to keep when the view goes.
    let latest = use_mut_ref(|| None::<(Form, RunState)>);
    *latest.borrow_mut() = Some(((*form).clone(), (*state).clone()));
    let chosen = use_state(|| 0usize);

    let file = match &*file {
        Ok(file) => file.clone(),
        Err(why) => {
            return html! {
                <section class="simulator" aria-labelledby="sim-title">
                    <h2 id="sim-title">{ t.heading }</h2>
                    <p class="notice" id="sim-unreadable">{ t.agreements_invalid(why) }</p>
                </section>
            };
        }
    };
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);

    let onrun = {
        let (form, problems, state, running, agreements, refocus) = (
            form.clone(),
            problems.clone(),
            state.clone(),
            running.clone(),
            props.agreements.clone(),
            refocus.clone(),
        );
        let (models, zone) = (models.clone(), zone.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = Form {
                models: models.clone(),
                ..(*form).clone()
            };
            match typed.setup(&zone) {
                Err(found) => {
                    if let Some((id, _)) = found.first() {
                        focus(id);
                    }
                    problems.set(found);
                }
                Ok(setup) => {
                    problems.set(Vec::new());
                    match start(
                        &agreements,
                        &setup,
                        state.clone(),
                        zone.clone(),
                        refocus.clone(),
                    ) {
                        Ok(worker) => {
                            *running.borrow_mut() = Some(worker);
                            state.set(RunState::Running {
                                done: 0,
                                years: setup.years,
                            });
                            *refocus.borrow_mut() = Some("sim-cancel");
                        }
                        Err(why) => state.set(RunState::Failed(why)),
                    }
                }
            }
        })
    };
    let oncancel = {
        let (state, running, refocus) = (state.clone(), running.clone(), refocus.clone());
        Callback::from(move |_: MouseEvent| {
            running.borrow_mut().take();
            if let RunState::Running { done, years } = *state {
                state.set(RunState::Cancelled { done, years });
            }
            *refocus.borrow_mut() = Some("sim-run");
        })
    };
    // The worker stops with the view; the form and the last run are kept
    // for when it comes back (a run under way says it was stopped).
    {
        let running = running.clone();
        use_effect_with((), move |()| {
            move || {
                drop(running.borrow_mut().take());
                let kept = latest.borrow_mut().take().map(|(form, state)| {
                    let state = match state {
                        RunState::Running { done, years } => RunState::Left { done, years },
                        other => other,
                    };
                    (form, state)
                });
                KEPT.with(|k| *k.borrow_mut() = kept);
            }
        });
    }
    if !matches!(*state, RunState::Running { .. }) && running.borrow().is_some() {
        running.borrow_mut().take();
    }

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
    let edit_model = |n: usize, mtbf: bool| {
        let (form, models) = (form.clone(), models.clone());
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            let mut next = (*form).clone();
            let mut all = models.clone();
            if let Some(model) = all.get_mut(n) {
                if mtbf {
                    model.1 = value;
                } else {
                    model.2 = value;
                }
            }
            // Models of services no longer needed stay, for when they are again.
            next.models
                .retain(|(s, _, _)| !all.iter().any(|(a, _, _)| a == s));
            next.models.extend(all);
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
                 label: &'static str,
                 value: &str,
                 hint: &'static str,
                 oninput: Callback<InputEvent>| {
        text_field(id, label, value, hint, problem_of(id), oninput)
    };
    let is_running = matches!(*state, RunState::Running { .. });
    let history = form
        .history
        .clone()
        .unwrap_or_else(|| props.span.to_string());
    let is_fitting = matches!(*fit, FitState::Fitting);
    let onfit = {
        let (form, fit, fitting, agreements, measurements) = (
            form.clone(),
            fit.clone(),
            fitting.clone(),
            props.agreements.clone(),
            props.measurements.clone(),
        );
        let (history, refocus) = (history.clone(), refocus.clone());
        Callback::from(move |_: MouseEvent| {
            let started = measurements.json().and_then(|json| {
                let (form, fit, history, refocus) =
                    (form.clone(), fit.clone(), history.clone(), refocus.clone());
                spawn(
                    "fit",
                    vec![
                        ("agreements", agreements.to_string()),
                        ("measurements", json),
                        ("history", history.clone()),
                    ],
                    // The fieldsets are disabled while it fits: the keyboard
                    // goes back to the button when it is done.
                    move |said| match said {
                        Said::Progress(_) => {}
                        Said::Done(text) => match fitted_from_json(&text) {
                            Ok(outcome) => {
                                let mut next = (*form).clone();
                                for (service, model, _, _) in &outcome.fitted {
                                    next.models.retain(|(s, _, _)| s != service);
                                    next.models.push((
                                        service.clone(),
                                        model.mtbf.exact_text(),
                                        model.mttr.exact_text(),
                                    ));
                                }
                                form.set(next);
                                fit.set(FitState::Done(outcome, history.clone()));
                                *refocus.borrow_mut() = Some("sim-fit");
                            }
                            Err(why) => {
                                fit.set(FitState::Failed(why));
                                *refocus.borrow_mut() = Some("sim-fit");
                            }
                        },
                        Said::Failed(why) => {
                            fit.set(FitState::Failed(why));
                            *refocus.borrow_mut() = Some("sim-fit");
                        }
                    },
                )
            });
            match started {
                Ok(worker) => {
                    *fitting.borrow_mut() = Some(worker);
                    fit.set(FitState::Fitting);
                }
                Err(why) => fit.set(FitState::Failed(why)),
            }
        })
    };
    if !is_fitting && fitting.borrow().is_some() {
        fitting.borrow_mut().take();
    }

    html! {
        <section class="simulator" aria-labelledby="sim-title">
            <h2 id="sim-title">{ t.heading }</h2>
            <p class="hint">{ t.intro }</p>
            <form id="sim-form" onsubmit={onrun} novalidate=true>
                <fieldset disabled={is_running || is_fitting}>
                    <legend>{ t.run_legend }</legend>
                    <div class="sim-fields">
                        { field("sim-start", t.start_label, &form.start, t.start_hint, edit(|f, v| f.start = v)) }
                        { field("sim-years", t.years_label, &form.years, t.years_hint, edit(|f, v| f.years = v)) }
                        { field("sim-seed", t.seed_label, &form.seed, t.seed_hint, edit(|f, v| f.seed = v)) }
                    </div>
                </fieldset>
                <fieldset disabled={is_running || is_fitting}>
                    <legend>{ t.models_legend }</legend>
                    if models.is_empty() {
                        <p class="hint" id="sim-no-services">{ t.no_services }</p>
                    } else {
                        <div class="table-scroll sim-figures">
                        <table class="sim-models">
                            <thead><tr>
                                <th scope="col">{ t.service }</th>
                                <th scope="col">{ t.mtbf }</th>
                                <th scope="col">{ t.mttr }</th>
                                <th scope="col">{ t.model_unavailability }</th>
                            </tr></thead>
                            <tbody>
                                { for models.iter().enumerate().map(|(n, (id, mtbf, mttr))| {
                                    let name = file.services.iter().find(|s| &s.id == id).map_or_else(|| id.clone(), |s| s.name.clone());
                                    let cell = |kind: &'static str, head: &'static str, value: &str, label: String, oninput: Callback<InputEvent>| {
                                        let input_id = format!("sim-{kind}-{n}");
                                        let problem = problem_of(&input_id);
                                        html! {
                                            <td data-label={head}>
                                                <input id={input_id.clone()} type="text" size="8" value={value.to_string()} {oninput}
                                                    aria-label={label} aria-invalid={problem.is_some().then_some("true")}
                                                    aria-describedby={problem.is_some().then(|| format!("{input_id}-error"))} />
                                                if let Some(why) = problem {
                                                    <span class="error" id={format!("{input_id}-error")}>{ texts().common().error_prefix }{ why }</span>
                                                }
                                            </td>
                                        }
                                    };
                                    let model = TimeSpan::parse(mtbf.trim()).ok().zip(TimeSpan::parse(mttr.trim()).ok())
                                        .and_then(|(mtbf, mttr)| Failure { mtbf, mttr }.unavailability())
                                        .map(|u| simulate::percent_text(u.as_f64()));
                                    html! {
                                        <tr>
                                            <th scope="row">{ name.clone() }<span class="hint">{ format!(" ({id})") }</span></th>
                                            { cell("mtbf", t.mtbf, mtbf, t.mtbf_of(&name), edit_model(n, true)) }
                                            { cell("mttr", t.mttr, mttr, t.mttr_of(&name), edit_model(n, false)) }
                                            <td id={format!("sim-model-{n}")} data-label={t.model_unavailability}>{ model.unwrap_or_else(|| "—".into()) }</td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                        </div>
                        <p class="hint">{ t.models_hint }</p>
                        <div class="sim-fit">
                            { field("sim-history", t.history_label, &history, t.history_hint, edit(|f, v| f.history = Some(v))) }
                            <button type="button" id="sim-fit" onclick={onfit} disabled={is_running || is_fitting}>{ t.fit }</button>
                        </div>
                        { fit_status(&fit) }
                    }
                </fieldset>
                <div class="actions">
                    <button type="submit" id="sim-run" disabled={is_running || models.is_empty()}>{ t.run }</button>
                    if is_running {
                        <button type="button" id="sim-cancel" onclick={oncancel}>{ t.cancel }</button>
                    }
                </div>
            </form>
            { status(&state) }
            if let RunState::Done(finished) = &*state {
                { results(finished, &chosen) }
            }
        </section>
    }
}

/// Where a fit of the failure models stands.
#[derive(Clone, PartialEq)]
enum FitState {
    Idle,
    Fitting,
    /// The outcome, and the history it read.
    Done(FitOutcome, String),
    Failed(String),
}

/// What a fit did: one status line that is always there, and per service
/// what was fitted from how many outages, with what the fit noted, or why
/// it was not.
fn fit_status(state: &FitState) -> Html {
    let t = texts().simulator();
    let (line, notice) = match state {
        FitState::Idle => (String::new(), false),
        FitState::Fitting => (t.fitting.to_string(), false),
        FitState::Done(outcome, history) => (
            t.fitted(&Count::plain(outcome.fitted.len()), history),
            outcome.fitted.is_empty(),
        ),
        FitState::Failed(why) => (t.fit_failed(why), true),
    };
    html! {
        <>
            <p id="sim-fit-status" role="status" class={classes!(notice.then_some("notice"))}>{ line }</p>
            if let FitState::Done(outcome, _) = state {
                <ul id="sim-fit-details" class="hint">
                    { for outcome.fitted.iter().map(|(service, model, outages, notes)| html! {
                        <li>{ t.fitted_service(service, &Count::plain(*outages), &model.mtbf.human(), &model.mttr.human()) }
                            { for notes.iter().map(|note| html! { <><br />{ note.clone() }</> }) }</li>
                    }) }
                    { for outcome.not_fitted.iter().map(|(service, why)| html! {
                        <li>{ t.not_fitted(service, why) }</li>
                    }) }
                </ul>
            }
        </>
    }
}

/// The run's progress, or how it ended: one status line that is always
/// there (announced when a run starts and ends, not at each step), and the
/// progress bar beside it while it runs.
fn status(state: &RunState) -> Html {
    let t = texts().simulator();
    let count = |n: u32| {
        Count::shown(
            u64::from(n),
            crate::format::localize(&sla_engine::units::group_thousands(u64::from(n))),
        )
    };
    let (line, notice) = match state {
        RunState::Idle => (String::new(), false),
        RunState::Running { years, .. } => (t.running(&count(*years)), false),
        RunState::Cancelled { done, years } => (t.cancelled(&count(*done), &count(*years)), false),
        RunState::Left { done, years } => (t.left(&count(*done), &count(*years)), true),
        RunState::Failed(why) => (t.failed(why), true),
        RunState::Done(finished) => (
            t.done(&count(finished.run.years), &finished.run.seed.to_string()),
            false,
        ),
    };
    html! {
        <div class="sim-progress">
            if let RunState::Running { done, years } = state {
                <label for="sim-progress">{ t.progress_label }</label>
                <progress id="sim-progress" max={years.to_string()} value={done.to_string()}
                    aria-valuetext={t.progress(&count(*done), &count(*years))}></progress>
            }
            <p id="sim-status" role="status" class={classes!(notice.then_some("notice"))}>{ line }</p>
        </div>
    }
}

/// What the Plan view's worker says.
pub(crate) enum Said {
    /// How far it is (years, targets: what the job counts).
    Progress(u32),
    /// The job's result, as text.
    Done(String),
    /// Why it stopped: its message, or the words for a worker that stopped
    /// without one (it could not start, or ran out of memory).
    Failed(String),
}

/// Starts a job in the Plan view's worker (`simulate-worker.js`): `kind`
/// is `run`, `advise` or `fit`, `fields` its input; `on` hears what it
/// says. The job stops when the returned [`Running`] is dropped.
pub(crate) fn spawn(
    kind: &str,
    fields: Vec<(&'static str, String)>,
    on: impl FnMut(Said) + 'static,
) -> Result<Running, String> {
    let boot = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"sla-lazy-{JOBS}\"]"))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"))
        .ok_or("this build of the page names no module for the view's jobs")?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(WORKER, &options).map_err(|e| js_text(&e))?;
    let on = Rc::new(RefCell::new(on));
    // A worker that cannot start (its script missing, offline before it was
    // cached) fires `error`, not a message.
    let onerror = {
        let on = on.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            (on.borrow_mut())(Said::Failed(texts().simulator().worker_stopped.to_string()));
        })
    };
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let data = e.data();
        let text = |name: &str| {
            Reflect::get(&data, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        let said = match text("type").as_deref() {
            Some("progress") => Said::Progress(
                Reflect::get(&data, &"done".into())
                    .ok()
                    .and_then(|d| d.as_f64())
                    .unwrap_or(0.0) as u32,
            ),
            Some("done") => Said::Done(text("result").unwrap_or_default()),
            _ => Said::Failed(
                text("message").unwrap_or_else(|| texts().simulator().worker_stopped.to_string()),
            ),
        };
        (on.borrow_mut())(said);
    });
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    let message = js_sys::Object::new();
    for (key, value) in [("boot", boot), ("kind", kind.to_string())]
        .into_iter()
        .chain(fields)
    {
        Reflect::set(&message, &key.into(), &value.into()).map_err(|e| js_text(&e))?;
    }
    worker.post_message(&message).map_err(|e| js_text(&e))?;
    Ok(Running {
        worker,
        _onmessage: onmessage,
        _onerror: onerror,
    })
}

/// Starts a run in a worker; what it says moves `state` on.
fn start(
    agreements: &str,
    setup: &Setup,
    state: UseStateHandle<RunState>,
    zone: Zone,
    refocus: Rc<RefCell<Option<&'static str>>>,
) -> Result<Running, String> {
    let years = setup.years;
    let keep = Rc::new(setup.clone());
    spawn(
        "run",
        vec![
            ("agreements", agreements.to_string()),
            ("setup", setup_json(setup)),
        ],
        move |said| match said {
            Said::Progress(done) => {
                if matches!(*state, RunState::Running { .. }) {
                    state.set(RunState::Running { done, years });
                }
            }
            Said::Done(text) => {
                *refocus.borrow_mut() = Some("sim-run");
                match simulate::from_json(&text, &zone) {
                    Ok(run) => state.set(RunState::Done(Rc::new(Finished {
                        run,
                        setup: (*keep).clone(),
                    }))),
                    Err(why) => state.set(RunState::Failed(why)),
                }
            }
            Said::Failed(why) => {
                if matches!(*state, RunState::Running { .. }) {
                    *refocus.borrow_mut() = Some("sim-run");
                    state.set(RunState::Failed(why));
                }
            }
        },
    )
}

pub(crate) fn js_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "the browser refused".into())
}

pub(crate) fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// Counts of `values` in [`BINS`] equal bins from the lowest to the
/// highest: the bins' lower edges and counts.
fn histogram(values: &[f64]) -> Vec<(f64, usize)> {
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    if values.is_empty() || !low.is_finite() {
        return Vec::new();
    }
    let width = (high - low) / BINS as f64;
    if width <= 0.0 {
        return vec![(low, values.len())];
    }
    let mut counts = vec![0usize; BINS];
    for v in values {
        let bin = (((v - low) / width) as usize).min(BINS - 1);
        counts[bin] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, c)| (low + i as f64 * width, c))
        .collect()
}

/// The figures of a finished run: per target, per agreement, a histogram
/// of one of them, and every year as CSV.
fn results(finished: &Rc<Finished>, chosen: &UseStateHandle<usize>) -> Html {
    let t = texts().simulator();
    let run = &finished.run;
    let percent = simulate::percent_text;
    let targets = run.targets.iter().map(|target| {
        let u = target.unavailability();
        let missed = target.missed_per_year();
        let any = target.any_missed();
        html! {
            <tr>
                <th scope="row">{ &target.key }<span class="hint">{ format!(" {}", target.name) }</span></th>
                <td data-label={t.level}>{ target.expected.to_percent_string(4) }{ " %" }</td>
                <td data-label={t.periods}>{ target.periods.len() }</td>
                <td data-label={t.yearly_availability}>{ percent(1.0 - u.mean) }{ " ± " }{ percent(u.standard_error) }</td>
                <td data-label={t.percentiles}>{ format!("P1 {}, P5 {}, P50 {}, P95 {}", percent(target.percentile(1)), percent(target.percentile(5)),
                    percent(target.percentile(50)), percent(target.percentile(95))) }</td>
                <td data-label={t.missed_per_year}>{ format!("{:.3} ± {:.3}", missed.mean, missed.standard_error) }</td>
                <td data-label={t.any_missed}>{ format!("{:.2} % ± {:.2} %", any.mean * 100.0, any.standard_error * 100.0) }</td>
            </tr>
        }
    });
    let groups = run.groups.iter().map(|group| {
        let mean = group.mean_credits();
        let none = group.no_credit();
        let at = |p: u32| group.credits_percentile(p).map(|m| m.to_plain_string()).unwrap_or_default();
        html! {
            <tr>
                <th scope="row">{ &group.agreement }</th>
                <td data-label={t.credits_mean}>{ format!("{} ± {} {}", simulate::money_text(mean.mean, group.currency),
                    simulate::money_text(mean.standard_error, group.currency), group.currency.code()) }</td>
                <td data-label={t.percentiles}>{ format!("P50 {}, P95 {}, P99 {}", at(50), at(95), at(99)) }</td>
                <td data-label={t.no_credit}>{ format!("{:.2} % ± {:.2} %", none.mean * 100.0, none.standard_error * 100.0) }</td>
                <td data-label={t.rights}>
                    if group.rights.is_empty() {
                        { t.no_rights }
                    } else {
                        <ul class="sim-rights">
                            { for group.rights.iter().map(|right| {
                                let p = right.probability();
                                html! { <li>{ format!("{}: {:.2} % ± {:.2} %", right.rule, p.mean * 100.0, p.standard_error * 100.0) }</li> }
                            }) }
                        </ul>
                    }
                    if !group.not_simulated.is_empty() {
                        <p class="hint">{ t.group_not_simulated(&group.not_simulated.join(", ")) }</p>
                    }
                </td>
            </tr>
        }
    });
    // What the histogram shows: a target's yearly availability or an
    // agreement's credits per year.
    let choices: Vec<String> = run
        .targets
        .iter()
        .map(|target| t.histogram_availability(&target.key))
        .chain(
            run.groups
                .iter()
                .map(|group| t.histogram_credits(&group.agreement)),
        )
        .collect();
    let pick = (**chosen).min(choices.len().saturating_sub(1));
    let (labels, values, title) = match (
        run.targets.get(pick),
        run.groups.get(pick.saturating_sub(run.targets.len())),
    ) {
        (Some(target), _) => {
            let bins = histogram(&target.yearly);
            (
                bins.iter()
                    .map(|(edge, _)| AttrValue::from(format!("{:.2}", edge * 100.0)))
                    .collect::<Vec<_>>(),
                bins.iter().map(|(_, c)| *c as f64).collect::<Vec<_>>(),
                t.histogram_availability_title(&target.key),
            )
        }
        (None, Some(group)) => {
            let scale = 10f64.powi(i32::from(group.currency.exponent()));
            let minor: Vec<f64> = group
                .credits
                .iter()
                .map(|c| c.minor_units() as f64)
                .collect();
            let bins = histogram(&minor);
            (
                bins.iter()
                    .map(|(edge, _)| AttrValue::from(format!("{:.0}", edge / scale)))
                    .collect(),
                bins.iter().map(|(_, c)| *c as f64).collect(),
                t.histogram_credits_title(&group.agreement, group.currency.code()),
            )
        }
        _ => (Vec::new(), Vec::new(), String::new()),
    };
    let value_texts: Vec<AttrValue> = values
        .iter()
        .map(|v| AttrValue::from(format!("{v:.0}")))
        .collect();
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
            let (y, m) = finished.setup.first_month;
            crate::browser::download(
                &format!("simulation-{y:04}-{m:02}-seed-{}.csv", finished.run.seed),
                "text/csv",
                &simulate::csv(&finished.run),
            );
        })
    };
    html! {
        <div id="sim-results">
            <h3>{ t.targets_heading }</h3>
            <div class="table-scroll sim-figures">
                <table id="sim-targets">
                    <thead><tr>
                        <th scope="col">{ t.target }</th>
                        <th scope="col">{ t.level }</th>
                        <th scope="col">{ t.periods }</th>
                        <th scope="col">{ t.yearly_availability }</th>
                        <th scope="col">{ t.percentiles }</th>
                        <th scope="col">{ t.missed_per_year }</th>
                        <th scope="col">{ t.any_missed }</th>
                    </tr></thead>
                    <tbody>{ for targets }</tbody>
                </table>
            </div>
            { for run.targets.iter().filter(|t| !t.caveats.is_empty()).map(|target| html! {
                <p class="hint">{ format!("{}: {}", target.key, target.caveats.join("; ")) }</p>
            }) }
            if !run.groups.is_empty() {
                <h3>{ t.agreements_heading }</h3>
                <div class="table-scroll sim-figures">
                    <table id="sim-agreements">
                        <thead><tr>
                            <th scope="col">{ t.agreement }</th>
                            <th scope="col">{ t.credits_mean }</th>
                            <th scope="col">{ t.percentiles }</th>
                            <th scope="col">{ t.no_credit }</th>
                            <th scope="col">{ t.rights }</th>
                        </tr></thead>
                        <tbody>{ for groups }</tbody>
                    </table>
                </div>
            }
            if !run.not_simulated.is_empty() {
                <details id="sim-not-simulated">
                    <summary>{ t.not_simulated(&Count::plain(run.not_simulated.len())) }</summary>
                    <ul>{ for run.not_simulated.iter().map(|(key, why)| html! { <li>{ format!("{key}: {why}") }</li> }) }</ul>
                </details>
            }
            if !choices.is_empty() {
                <div class="wb-field">
                    <label for="sim-histogram-of">{ t.histogram_of }</label>
                    <select id="sim-histogram-of" onchange={onchoose}>
                        { for choices.iter().enumerate().map(|(n, c)| html! { <option selected={n == pick}>{ c }</option> }) }
                    </select>
                </div>
                <Bars id="sim-histogram" title={AttrValue::from(title)} {labels} {values} {value_texts}
                    heads={Some([t.bin_from, t.years_in_bin])} />
            }
            <p class="hint">{ t.model_note }</p>
            <button type="button" id="sim-download" onclick={ondownload}>{ t.download_csv }</button>
        </div>
    }
}

// ---------------------------------------------------------------------------
// The workbench's side.

fn call(bindings: &JsValue, name: &str, args: &[JsValue]) -> Result<(), String> {
    crate::browser::call_export(bindings, MODULE, name, args).map(|_| ())
}

#[derive(Properties, PartialEq)]
pub struct PlanSimulatorProps {
    /// The workspace's agreement file, as JSON.
    pub agreements: Rc<String>,
    /// The workspace's measurements, written as JSON only when a job of the
    /// view asks for them (the advisor, a fit).
    pub measurements: crate::state::workbench::workspace::Measured,
    /// The workspace's span, the history the view offers first.
    pub span: AttrValue,
    /// Edits of the agreements (requirements and dependencies).
    pub dispatch: Callback<crate::state::workbench::workspace::Action>,
}

/// The Plan view, from the workbench's side: the simulator's module mounted
/// in `#sim-root`, which says it is loading until the module replaces that.
/// An editing view (`pages::workbench::Editors`): the page's first module
/// hands the workbench over before it is shown, so that it does not carry
/// this loader.
#[component]
pub fn PlanSimulator(props: &PlanSimulatorProps) -> Html {
    let root = use_node_ref();
    // What the module's getter reads when called: the measurements as they
    // are then.
    let measured = use_mut_ref(|| props.measurements.clone());
    *measured.borrow_mut() = props.measurements.clone();
    let getter = use_memo((), move |()| {
        Closure::<dyn Fn() -> String>::new(move || {
            let measured = measured.borrow();
            let file = measured.read();
            crate::state::workbench::workspace::compact_json(&*file)
        })
    });
    // What the module calls to edit the agreements: one undo step each.
    let dispatch = props.dispatch.clone();
    let edit = use_memo((), move |()| {
        Closure::<dyn Fn(String, String)>::new(move |path: String, json: String| {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json) {
                // One undo step per edit: a text value set with `Set`
                // would merge with the one before as typing does.
                dispatch.emit(crate::state::workbench::workspace::Action::SetMany(vec![(
                    path,
                    Some(value).filter(|v| !v.is_null()),
                )]));
            }
        })
    });
    let mounted = use_plan_simulator(
        root.clone(),
        true,
        Some((props.agreements.clone(), props.span.clone())),
        Some((
            getter.as_ref().as_ref().unchecked_ref::<Function>().clone(),
            edit.as_ref().as_ref().unchecked_ref::<Function>().clone(),
        )),
    );
    let t = texts().workbench();
    html! {
        <>
            { match &*mounted {
                None => html! { <p class="loading" id="sim-loading" role="status">{ t.loading_simulator }</p> },
                Some(Err(why)) => html! { <p class="notice" id="sim-loading" role="status">{ t.simulator_not_loaded(why) }</p> },
                Some(Ok(())) => Html::default(),
            } }
            <div ref={root} id="sim-root"></div>
        </>
    }
}

/// While `shown`, the module is loaded (once) and mounted in `root`, then
/// given the agreements again when they change; it is unmounted when the
/// view goes. If it cannot load, `#sim-loading` says why.
/// `None` while it loads, then whether it could be mounted.
#[hook]
pub fn use_plan_simulator(
    root: NodeRef,
    shown: bool,
    agreements: Option<(Rc<String>, AttrValue)>,
    functions: Option<(Function, Function)>,
) -> UseStateHandle<Option<Result<(), String>>> {
    let outcome = use_state(|| None::<Result<(), String>>);
    let mounted = use_mut_ref(|| None::<JsValue>);
    let latest = use_mut_ref(|| None::<(Rc<String>, AttrValue)>);
    {
        let (mounted, latest) = (mounted.clone(), latest.clone());
        use_effect_with(agreements, move |agreements| {
            latest.borrow_mut().clone_from(agreements);
            if let (Some(module), Some((text, span))) = (mounted.borrow().as_ref(), agreements) {
                let _ = call(
                    module,
                    "update",
                    &[text.as_str().into(), span.as_str().into()],
                );
            }
        });
    }
    let told = outcome.clone();
    use_effect_with(shown, move |shown| {
        let gone = Rc::new(std::cell::Cell::new(!*shown));
        let stop = gone.clone();
        let held = mounted.clone();
        if *shown {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = crate::browser::lazy_exports(MODULE).await;
                let element = root.cast::<web_sys::Element>();
                if gone.get() {
                    return;
                }
                let (text, span) = latest.borrow().clone().unwrap_or_default();
                let (getter, edit) = functions.map_or((JsValue::NULL, JsValue::NULL), |(g, e)| {
                    (JsValue::from(g), JsValue::from(e))
                });
                let result = loaded.and_then(|module| {
                    let element = element.clone().ok_or("the view has no room for it")?;
                    call(
                        &module,
                        "mount",
                        &[
                            element.into(),
                            text.as_str().into(),
                            span.as_str().into(),
                            getter,
                            edit,
                        ],
                    )?;
                    Ok(module)
                });
                match result {
                    Ok(module) => {
                        *mounted.borrow_mut() = Some(module);
                        told.set(Some(Ok(())));
                    }
                    Err(why) => told.set(Some(Err(why))),
                }
            });
        }
        move || {
            stop.set(true);
            if let Some(module) = held.borrow_mut().take() {
                // Nothing left to tell if it cannot unmount.
                let _ = call(&module, "unmount", &[]);
            }
        }
    });
    outcome
}

/// A labelled text field of the Plan view's forms, with its hint and, when
/// it was refused, why (both named by `aria-describedby`).
pub(crate) fn text_field(
    id: &str,
    label: &str,
    value: &str,
    hint: &str,
    problem: Option<String>,
    oninput: Callback<InputEvent>,
) -> Html {
    let described = match problem {
        Some(_) => format!("{id}-hint {id}-error"),
        None => format!("{id}-hint"),
    };
    html! {
        <div class="wb-field">
            <label for={id.to_string()}>{ label }</label>
            <input id={id.to_string()} type="text" value={value.to_string()} {oninput} inputmode="text"
                aria-invalid={problem.is_some().then_some("true")} aria-describedby={described} />
            <span class="hint" id={format!("{id}-hint")}>{ hint }</span>
            if let Some(why) = problem {
                <span class="error" id={format!("{id}-error")}>{ texts().common().error_prefix }{ why }</span>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setup_goes_to_the_worker_and_back_unchanged() {
        let setup = Setup {
            first_month: (2026, 3),
            years: 500,
            seed: u64::MAX,
            services: vec![(
                "web".into(),
                Failure {
                    mtbf: TimeSpan::from_secs(30 * 86_400),
                    mttr: TimeSpan::from_secs(7_200),
                },
            )],
        };
        assert_eq!(setup_from_json(&setup_json(&setup)), Ok(setup));
        assert!(setup_from_json("{}").is_err());
    }

    #[test]
    fn a_histogram_counts_every_value_once() {
        let values: Vec<f64> = (0..1000).map(|i| 0.99 + f64::from(i) / 100_000.0).collect();
        let bins = histogram(&values);
        assert_eq!(bins.len(), BINS);
        assert_eq!(bins.iter().map(|(_, c)| c).sum::<usize>(), 1000);
        assert_eq!(histogram(&[0.5, 0.5]), vec![(0.5, 2)]);
        assert!(histogram(&[]).is_empty());
    }
}
