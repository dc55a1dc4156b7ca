//! The agreement workbench: named workspaces (an agreement file, its
//! measurements and the span reported on), edited in three views
//! (structure, measurements, report), autosaved, exported, shared by link
//! and printed. Every number comes from the engine
//! ([`sla_engine::report::report`]); this module only keeps the state and
//! wires the views together. [`WorkbenchPage`] is the page's root
//! (`workbench.html`); a share link `workbench.html#workspace=…` opens there.

pub mod burndown;
pub mod fields;
pub mod handover;
pub mod interop;
pub mod measurements;
pub mod results;
pub mod structure;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::Value;
use sla_engine::model::{
    align, AgreementFile, MeasurementFile, OutageRecord, TicketRecord, Timestamp,
};
use sla_engine::report::{self, render, Report, Request, Span};
use sla_engine::time::{ReportPeriod, UnixNanos, Zone};
use wasm_bindgen_futures::spawn_local;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::browser;
use crate::browser::download;
use crate::browser::files::Data;
use crate::browser::share::PREFIX as SHARE_PREFIX;
use crate::components::site_header::{Page, SiteHeader};
use crate::hooks::autosave::{use_autosave, Autosave};
use crate::hooks::bench::use_bench;
use crate::i18n::{texts, Count};
use crate::state::workbench::store::{self, Store};
use crate::state::workbench::workspace::{Action, Bench, Edit, Measured, Workspace};
use crate::templates::{self, TEMPLATES};
use fields::Problems;
use handover::{Carry, Handover};
use results::{Results, WhatIf};

#[derive(Properties, PartialEq, Default)]
pub struct WorkbenchPageProps {
    /// The current month (`YYYY-MM`) for new workspaces; `None` reads the clock.
    #[prop_or_default]
    pub month: Option<String>,
    /// The stored workspaces, read before the page is mounted
    /// ([`crate::start_workbench`]).
    #[prop_or_default]
    pub opened: Opened,
    /// The editing views, or none in the page's first module (see
    /// [`Editors`]).
    #[prop_or_default]
    pub editors: Editors,
    /// Whether the first report is worked out and drawn in a task of its
    /// own, after the rest of the workbench (see [`WorkbenchProps`]).
    #[prop_or_default]
    pub defer_report: bool,
}

/// The workbench's page. A share link in the fragment opens as a new
/// workspace, also when it is pasted into the address bar of an open page.
#[component]
pub fn WorkbenchPage(props: &WorkbenchPageProps) -> Html {
    let shared = use_state(|| shared_of(&browser::read_fragment()));
    {
        let shared = shared.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
                if let Some(fragment) = shared_of(&browser::read_fragment()) {
                    shared.set(Some(fragment));
                }
            });
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
                    );
                }
                drop(listener);
            }
        });
    }
    let on_shared_opened = {
        let shared = shared.clone();
        Callback::from(move |()| {
            // The link's data now lives in this browser's workspaces.
            browser::write_fragment("");
            shared.set(None);
        })
    };
    let month = props.month.clone().unwrap_or_else(browser::current_month);
    let opened = props.opened.clone();
    let editors = props.editors;
    let defer_report = props.defer_report;
    let t = crate::i18n::texts().site();
    html! {
        <>
            <SiteHeader page={Page::Workbench} />
            <main id="main" class="wide">
                <h2 class="visually-hidden">{t.workbench_heading}</h2>
                <Workbench {month} shared={(*shared).clone()} {on_shared_opened} {opened} {editors} {defer_report} />
            </main>
            <footer class="site no-print">
                <p>{t.workbench_footer}</p>
            </footer>
        </>
    }
}

/// The share link in a fragment, without its `#`.
fn shared_of(fragment: &str) -> Option<String> {
    let f = fragment.strip_prefix('#').unwrap_or(fragment);
    f.starts_with(SHARE_PREFIX).then(|| f.to_string())
}

/// The longest span the workbench reports on, in months (ten years; the
/// engine's own limit is 1,200).
const MAX_SPAN_MONTHS: i64 = 120;

/// Largest workspace file opened (a larger one is refused with a message).
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

#[derive(Properties, PartialEq, Default)]
pub struct WorkbenchProps {
    /// `YYYY-MM` reported on by a blank workspace.
    #[prop_or_default]
    pub month: String,
    /// A share link's fragment (`workspace=…`) to open as a new workspace.
    #[prop_or_default]
    pub shared: Option<String>,
    /// Called once the shared fragment has been read (the app clears the URL).
    #[prop_or_default]
    pub on_shared_opened: Callback<()>,
    /// The stored workspaces, read ([`Opened::read`]); by default nothing
    /// is stored.
    #[prop_or_default]
    pub opened: Opened,
    /// The editing views; by default none, and wanting one hands the
    /// workbench over to the module that has them ([`handover`]).
    #[prop_or_default]
    pub editors: Editors,
    /// Whether the first report is worked out and drawn in a task of its
    /// own, after the rest of the workbench: the page's load is then two
    /// shorter tasks rather than one long one (the pages set it; by default
    /// the report comes with the first render).
    #[prop_or_default]
    pub defer_report: bool,
}

/// The workbench's views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Structure,
    Measurements,
    Report,
    /// Looking ahead: the contract simulator (its own module, loaded when
    /// the view is first shown: `crate::simulator`).
    Plan,
}

impl View {
    /// The view's name in a [`Handover`].
    pub fn name(self) -> &'static str {
        match self {
            View::Structure => "structure",
            View::Measurements => "measurements",
            View::Report => "report",
            View::Plan => "plan",
        }
    }

    /// The view named `name` ([`View::name`]).
    pub fn from_name(name: &str) -> Option<View> {
        [
            View::Structure,
            View::Measurements,
            View::Report,
            View::Plan,
        ]
        .into_iter()
        .find(|v| v.name() == name)
    }
}

/// What an editing view is drawn from.
pub enum EditorView {
    Structure {
        key: String,
        json: Rc<Value>,
        file: Option<Rc<AgreementFile>>,
        problems: Rc<Problems>,
        dispatch: Callback<Action>,
        span: AttrValue,
    },
    Measurements {
        key: String,
        measurements: Measured,
        file: Option<Rc<AgreementFile>>,
        time_zone: AttrValue,
        span: AttrValue,
        dispatch: Callback<Action>,
    },
    /// The target advisor and the contract simulator (`crate::simulator`):
    /// their own module, loaded when the view is first shown.
    Plan {
        agreements: Rc<String>,
        measurements: Measured,
        span: AttrValue,
        dispatch: Callback<Action>,
    },
    OpenSlo {
        agreements: Rc<Value>,
        file: Option<Rc<AgreementFile>>,
        span: AttrValue,
        dispatch: Callback<Action>,
        onnew: Callback<Workspace, bool>,
    },
}

/// The workbench's editing views: the Agreements, Measurements and Plan
/// views and the OpenSLO panel. [`Editors::FULL`] draws them; the default has none, so
/// that the page's first module (`workbench.html`) does not link them: it
/// hands the workbench over to the module that has them when one is wanted
/// ([`handover`]).
#[derive(Clone, Copy, Default)]
pub struct Editors(Option<fn(EditorView) -> Html>);

impl Editors {
    /// Every editing view.
    pub const FULL: Editors = Editors(Some(editor_view));
}

impl PartialEq for Editors {
    fn eq(&self, other: &Self) -> bool {
        self.0.is_some() == other.0.is_some()
    }
}

/// Draws an editing view.
fn editor_view(view: EditorView) -> Html {
    match view {
        EditorView::Plan {
            agreements,
            measurements,
            span,
            dispatch,
        } => html! {
            <div class="wb-plan">
                <crate::simulator::PlanSimulator {agreements} {measurements} {span} {dispatch} />
            </div>
        },
        EditorView::Structure {
            key,
            json,
            file,
            problems,
            dispatch,
            span,
        } => html! {
            <structure::Structure {key} {json} {file} {problems} {dispatch} {span} />
        },
        EditorView::Measurements {
            key,
            measurements,
            file,
            time_zone,
            span,
            dispatch,
        } => html! {
            <measurements::Measurements {key} {measurements} {file} {time_zone} {span} {dispatch} />
        },
        EditorView::OpenSlo {
            agreements,
            file,
            span,
            dispatch,
            onnew,
        } => html! {
            <interop::OpenSlo {agreements} {file} {span} {dispatch} {onnew} />
        },
    }
}

/// What the engine made of the workspace.
#[derive(PartialEq)]
pub struct Computed {
    pub file: Option<Rc<AgreementFile>>,
    pub problems: Rc<Problems>,
    pub report: Option<Rc<Report>>,
    /// Why there is no report (invalid agreements, a bad span).
    pub blocked: Option<String>,
    pub services: Vec<String>,
    pub priorities: Vec<String>,
    /// The evaluation instant, as local time of the agreements' zone.
    pub evaluated: Option<String>,
    /// The measurements with the what-if added, when one is active: what the
    /// report was computed from (the burn-down draws from the same file).
    pub what_if_measurements: Option<Rc<MeasurementFile>>,
}

/// The agreements as the engine reads them: kept while only measurements,
/// the span or the what-if change, so that such an edit recomputes the
/// report alone.
#[derive(PartialEq)]
pub struct Checked {
    pub file: Option<Rc<AgreementFile>>,
    pub zone: Option<Zone>,
    pub problems: Rc<Problems>,
    pub blocked: Option<String>,
    pub services: Vec<String>,
    /// Ticket priorities named by targets.
    pub priorities: BTreeSet<String>,
}

/// Validates the agreements and runs the alignment checks.
pub fn check(agreements: &Value) -> Checked {
    let mut problems = Problems::default();
    let mut priorities = BTreeSet::new();
    collect_priorities(agreements, &mut priorities);
    let services: Vec<String> = agreements
        .get("services")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|s| s.get("id").and_then(Value::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let file = match crate::state::workbench::workspace::agreement_file(agreements) {
        Ok(file) => file,
        Err(errors) => {
            let count = errors.len();
            for e in errors {
                problems
                    .errors
                    .entry(e.path.clone())
                    .or_default()
                    .push(e.message.clone());
            }
            return Checked {
                file: None,
                zone: None,
                problems: Rc::new(problems),
                blocked: Some(
                    texts()
                        .workbench()
                        .agreements_have_problems(&Count::plain(count)),
                ),
                services,
                priorities,
            };
        }
    };
    for w in align::check(&file) {
        problems
            .warnings
            .entry(w.path.clone())
            .or_default()
            .push(w.message.clone());
    }
    let zone = Zone::named(&file.time_zone);
    let blocked = if zone.is_none() {
        problems
            .errors
            .entry("time_zone".into())
            .or_default()
            .push(texts().workbench().zone_not_known(&file.time_zone));
        Some(texts().workbench().zone_unknown.to_string())
    } else {
        None
    };
    Checked {
        file: Some(Rc::new(file)),
        zone,
        problems: Rc::new(problems),
        blocked,
        services,
        priorities,
    }
}

/// Validates the agreements, runs the alignment checks and computes the
/// report of the span with the what-if applied. The evaluation instant is
/// the end of the span, or `now` when the span is not over yet.
pub fn compute(
    agreements: &Value,
    measurements: &MeasurementFile,
    span: &str,
    what_if: &WhatIf,
    now: UnixNanos,
) -> Computed {
    report_of(&check(agreements), measurements, span, what_if, now)
}

/// The report of checked agreements (see [`compute`]).
pub fn report_of(
    checked: &Checked,
    measurements: &MeasurementFile,
    span: &str,
    what_if: &WhatIf,
    now: UnixNanos,
) -> Computed {
    computed_of(checked, measurements, span, what_if, now, true)
}

/// What [`report_of`] works out, with the report itself only when
/// `with_report` (the agreements' problems and the span's are always there).
pub fn computed_of(
    checked: &Checked,
    measurements: &MeasurementFile,
    span: &str,
    what_if: &WhatIf,
    now: UnixNanos,
    with_report: bool,
) -> Computed {
    let mut priorities = checked.priorities.clone();
    for t in &measurements.tickets {
        if !priorities.contains(&t.priority) {
            priorities.insert(t.priority.clone());
        }
    }
    let base = Computed {
        file: checked.file.clone(),
        problems: checked.problems.clone(),
        report: None,
        evaluated: None,
        what_if_measurements: None,
        blocked: checked.blocked.clone(),
        services: checked.services.clone(),
        priorities: priorities.into_iter().collect(),
    };
    let (Some(file), Some(zone), None) = (&checked.file, &checked.zone, &checked.blocked) else {
        return base;
    };
    let span_value = match Span::parse(span, zone) {
        Ok(s) => s,
        Err(e) => {
            return Computed {
                blocked: Some(texts().workbench().span_unreadable(span, &e.to_string())),
                ..base
            }
        }
    };
    // The engine refuses spans over 1,200 months itself (`Span::checked`);
    // the workbench draws at most MAX_SPAN_MONTHS (ten years) and says so
    // for a longer span rather than cut it short without a word.
    if let Span::Months { first, last } = span_value {
        let months = (i64::from(last.0) - i64::from(first.0)) * 12 + i64::from(last.1)
            - i64::from(first.1)
            + 1;
        if months > MAX_SPAN_MONTHS {
            return Computed {
                blocked: Some(
                    texts()
                        .workbench()
                        .span_too_long(span, months, MAX_SPAN_MONTHS),
                ),
                ..base
            };
        }
    }
    if !with_report {
        return base;
    }
    let end = span_end(span_value, zone).unwrap_or(now);
    let evaluated = now.min(end);
    let measured = what_if.active().then(|| {
        Rc::new(apply_what_if(
            measurements,
            what_if,
            span_value,
            zone,
            &base.priorities,
        ))
    });
    let measurements = measured.as_deref().unwrap_or(measurements);
    let report = report::report(
        file,
        measurements,
        &Request {
            span: span_value,
            now: evaluated,
        },
    );
    let evaluated = zone.to_local(evaluated).map(|local| {
        texts().workbench().at_in_zone(
            &sla_engine::time::iso::local_text(local, ' ', false),
            zone.name(),
        )
    });
    Computed {
        report: Some(Rc::new(report)),
        evaluated,
        what_if_measurements: measured,
        ..base
    }
}

/// The inputs of a report; the agreements compared by pointer and the
/// measurements by token (a 100 000-record measurement file is not compared
/// element by element on every render, nor held between renders).
#[derive(Clone)]
struct Inputs {
    checked: Rc<Checked>,
    measurements: Measured,
    span: String,
    what_if: WhatIf,
    now: UnixNanos,
    /// Whether the report itself is wanted (the report view), or only the
    /// checks of the agreements and the span.
    with_report: bool,
}

impl PartialEq for Inputs {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.checked, &other.checked)
            && self.measurements == other.measurements
            && self.span == other.span
            && self.what_if == other.what_if
            && self.now == other.now
            && self.with_report == other.with_report
    }
}

/// The agreement JSON, compared by pointer.
#[derive(Clone)]
struct AgreementsKey(Rc<Value>);

impl PartialEq for AgreementsKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Every `"priority": "…"` in the agreements (ticket targets).
fn collect_priorities(value: &Value, into: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("priority", Value::String(p)) => {
                        into.insert(p.clone());
                    }
                    _ => collect_priorities(v, into),
                }
            }
        }
        Value::Array(list) => list.iter().for_each(|v| collect_priorities(v, into)),
        _ => {}
    }
}

/// The first instant after the span.
fn span_end(span: Span, zone: &Zone) -> Option<UnixNanos> {
    match span {
        Span::Custom { end, .. } => Some(end),
        Span::Months {
            last: (year, month),
            ..
        } => Some(ReportPeriod::Month { year, month }.window(zone)?.end()),
    }
}

/// The day the what-if happens: the first weekday from the 15th of the
/// span's last month; for a span of days, the first weekday from its middle
/// (its first day when no weekday follows inside it).
fn what_if_day(span: Span, zone: &Zone) -> Option<chrono::NaiveDate> {
    use chrono::Datelike;
    let (mut day, last) = match span {
        Span::Months {
            last: (year, month),
            ..
        } => (chrono::NaiveDate::from_ymd_opt(year, month, 15)?, None),
        Span::Custom { start, end } => {
            let middle = start + (end - start) / 2;
            (
                zone.local_date(middle)?,
                Some((zone.local_date(start)?, zone.local_date(end - 1)?)),
            )
        }
    };
    while day.weekday().number_from_monday() > 5 {
        day = day.succ_opt()?;
    }
    match last {
        Some((first, last)) if day > last => Some(first),
        _ => Some(day),
    }
}

/// The measurements with the what-if added (see the hint in the control).
pub fn apply_what_if(
    measurements: &MeasurementFile,
    what_if: &WhatIf,
    span: Span,
    zone: &Zone,
    priorities: &[String],
) -> MeasurementFile {
    let mut out = measurements.clone();
    let Some(day) = what_if_day(span, zone) else {
        return out;
    };
    let at = |date: chrono::NaiveDate, minutes: i64| -> Option<Timestamp> {
        let local = date.and_hms_opt(10, 0, 0)? + chrono::Duration::minutes(minutes);
        // Local time without an offset: the agreements' zone applies.
        Some(Timestamp::Local(local))
    };
    if what_if.minutes > 0 && !what_if.service.is_empty() {
        if let (Some(start), Some(end)) = (at(day, 0), at(day, i64::from(what_if.minutes))) {
            out.outages.push(OutageRecord {
                service: what_if.service.clone(),
                start,
                end,
                impact: None,
                planned: false,
                supplier: None,
                cause: Some("what-if".into()),
            });
        }
    }
    let priority = if what_if.priority.is_empty() {
        priorities.first().cloned().unwrap_or_default()
    } else {
        what_if.priority.clone()
    };
    if what_if.tickets > 0 && !priority.is_empty() {
        let late = day + chrono::Duration::days(20);
        if let (Some(created), Some(done)) = (at(day, 0), at(late, 0)) {
            for i in 0..what_if.tickets {
                out.tickets.push(TicketRecord {
                    id: format!("what-if-{}", i + 1),
                    service: None,
                    priority: priority.clone(),
                    created,
                    first_response: Some(done),
                    resolved: Some(done),
                    pauses: Vec::new(),
                    reopenings: Vec::new(),
                    verdict: None,
                    as_of: None,
                });
            }
        }
    }
    out
}

/// Now, in nanoseconds since the epoch.
fn now_nanos() -> UnixNanos {
    #[cfg(target_arch = "wasm32")]
    {
        (browser::epoch_ms() as i64).saturating_mul(1_000_000)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}

/// The first of `ids` that the store holds, read; it stops at one that
/// cannot be read (`Err(Some(why))`, left as it is), or finds none stored
/// (`Err(None)`).
async fn first_stored(
    store: &Store,
    ids: Vec<String>,
) -> Result<(String, Workspace), Option<String>> {
    for id in ids {
        match store.load(&id).await {
            Some(Ok(workspace)) => return Ok((id, workspace)),
            Some(Err(e)) => return Err(Some(e)),
            None => {}
        }
    }
    Err(None)
}

/// The workspace to start with: the one open last time (else the first
/// one listed, if it has gone), else the first template (saved under a new
/// id). A saved workspace that cannot be read is left in storage untouched
/// and reported.
async fn initial(store: &Store, index: &store::Index) -> (Bench, Option<String>) {
    let ids = [
        Some(&index.current),
        index.workspaces.first().map(|e| &e.id),
    ];
    match first_stored(store, ids.into_iter().flatten().cloned().collect()).await {
        Ok((id, workspace)) => (Bench::new(id, workspace), None),
        Err(problem) => (
            Bench::new(store::new_id(index), templates::first()),
            problem.map(|e| texts().workbench().last_unreadable(&e)),
        ),
    }
}

/// The stored workspaces as the workbench opens on them: the store, its
/// list, the workspace to open (taken by the workbench's bench, so that
/// nothing else holds its measurements) and what to tell the user. Read
/// with [`Opened::read`] before the workbench is mounted
/// ([`crate::start_workbench`]: until then the page says that it is
/// loading), so an empty workspace never flashes, nor is autosaved over the
/// stored one.
#[derive(Clone)]
pub struct Opened(Rc<Start>);

struct Start {
    store: Rc<Store>,
    index: store::Index,
    bench: RefCell<Option<Bench>>,
    /// Whether the bench was read from the store (else it is new).
    stored: bool,
    /// Nothing was stored: the workbench opens on the first template's
    /// report, with the templates beside it.
    first_visit: bool,
    message: Option<String>,
    /// What the page's first module handed over ([`Opened::resume`]).
    resume: Option<Resume>,
}

/// The state of the workbench the first module handed over, apart from the
/// bench.
struct Resume {
    view: View,
    openslo: bool,
    cards: bool,
    what_if: WhatIf,
    saved: Option<String>,
    focus: Option<String>,
}

impl Opened {
    /// Opens the store (moving what earlier versions left in
    /// `localStorage`) and reads its list and the workspace to open.
    pub async fn read() -> Opened {
        Opened::read_saying(None).await
    }

    /// [`Opened::read`], with `also` told after what the store says.
    async fn read_saying(also: Option<String>) -> Opened {
        let (store, moved) = Store::open().await;
        let index = store.index().await;
        let (bench, message) = initial(&store, &index).await;
        let stored = index.has(&bench.id);
        let first_visit = index.workspaces.is_empty() && message.is_none() && also.is_none();
        let message = [moved, message, also]
            .into_iter()
            .flatten()
            .reduce(|a, b| format!("{a} {b}"));
        Opened(Rc::new(Start {
            store: Rc::new(store),
            index,
            bench: RefCell::new(Some(bench)),
            stored,
            first_visit,
            message,
            resume: None,
        }))
    }

    /// The workbench as the page's first module handed it over
    /// ([`handover`]): the workspace as the store holds it (or as carried,
    /// when the store could not keep it), with its undo and redo steps, and
    /// the views' state. A handover that cannot be read opens the store as
    /// [`Opened::read`] does, and says why.
    pub async fn resume(handover: &str) -> Opened {
        let handover = match Handover::from_json(handover) {
            Ok(h) => h,
            Err(e) => {
                let problem = texts().workbench().not_carried(&e);
                return Opened::read_saying(Some(problem)).await;
            }
        };
        let (store, moved) = Store::open().await;
        let index = store.index().await;
        let mut message = handover.message;
        let carried = handover.workspace;
        let (workspace, stored) = match carried {
            Some(workspace) => (Some(workspace), false),
            None => match store.load(&handover.id).await {
                Some(Ok(workspace)) => (Some(workspace), true),
                Some(Err(e)) => {
                    message = Some(texts().workbench().workspace_unreadable(&e));
                    (None, false)
                }
                None => {
                    message = Some(texts().workbench().workspace_gone.to_string());
                    (None, false)
                }
            },
        };
        // The what-if belongs to the workspace handed over.
        let mut what_if = handover.what_if;
        let bench = match workspace {
            Some(workspace) => {
                let mut bench = Bench::new(handover.id, workspace);
                bench.undo = handover.undo;
                bench.redo = handover.redo;
                bench
            }
            None => {
                what_if = WhatIf::default();
                let (bench, problem) = initial(&store, &index).await;
                if let Some(problem) = problem {
                    message = Some(match message {
                        Some(m) => format!("{m} {problem}"),
                        None => problem,
                    });
                }
                bench
            }
        };
        let stored = stored && index.has(&bench.id);
        let message = match (moved, message) {
            (Some(a), Some(b)) => Some(format!("{a} {b}")),
            (a, b) => a.or(b),
        };
        Opened(Rc::new(Start {
            store: Rc::new(store),
            index,
            bench: RefCell::new(Some(bench)),
            stored,
            first_visit: false,
            message,
            resume: Some(Resume {
                view: handover.view,
                openslo: handover.openslo,
                cards: handover.cards,
                what_if,
                saved: handover.saved,
                focus: handover.focus,
            }),
        }))
    }
}

impl Default for Opened {
    /// Nothing stored, nothing kept: the first template.
    fn default() -> Opened {
        Opened(Rc::new(Start {
            store: Rc::new(Store::nowhere()),
            index: store::Index::default(),
            bench: RefCell::new(None),
            stored: false,
            first_visit: false,
            message: None,
            resume: None,
        }))
    }
}

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
pub fn Workbench(props: &WorkbenchProps) -> Html {
    let start = &props.opened.0;
    let store = start.store.clone();
    let bench = use_bench({
        let start = start.clone();
        move || {
            start
                .bench
                .borrow_mut()
                .take()
                .unwrap_or_else(|| Bench::new(store::new_id(&start.index), templates::first()))
        }
    });
    let message = use_state(|| start.message.clone());
    let resume = start.resume.as_ref();
    // A workspace read from the store is saved as it is.
    let saved = use_state(|| {
        if start.stored {
            Some(texts().workbench().saved.to_string())
        } else {
            resume.and_then(|r| r.saved.clone())
        }
    });
    // Whether the user was told that leaving the workspace loses its unsaved
    // changes (after a failed autosave).
    let leave_warned = use_mut_ref(|| false);
    // A first visit (nothing stored, no shared link to open) starts on the
    // first template's report, with the templates as cards beside it until
    // they are hidden.
    let first_visit = start.first_visit && props.shared.is_none();
    let view = use_state(|| match resume {
        Some(r) => r.view,
        None if first_visit => View::Report,
        None => View::Structure,
    });
    let cards = use_state(|| resume.map_or(first_visit, |r| r.cards));
    let what_if = use_state(|| resume.map(|r| r.what_if.clone()).unwrap_or_default());
    // Where the keyboard was when the workbench was handed over.
    {
        let focus = resume.and_then(|r| r.focus.clone());
        use_effect_with((), move |_| {
            if let Some(id) = focus {
                browser::focus(&id);
            }
        });
    }
    let index = use_state(|| start.index.clone());
    let share_url = use_state(|| None::<String>);
    let confirm_delete = use_state(|| false);
    // Focus follows the deletion dialogue: to "Delete" when asked, back to
    // "Delete workspace…" when answered.
    let delete_ref = use_node_ref();
    let confirm_ref = use_node_ref();
    {
        let (delete_ref, confirm_ref) = (delete_ref.clone(), confirm_ref.clone());
        let first = use_mut_ref(|| true);
        use_effect_with(*confirm_delete, move |asking| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            let target = if *asking { &confirm_ref } else { &delete_ref };
            if let Some(el) = target.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }

    // Autosave: a change is written once changes pause (`store::Schedule`),
    // a newly opened workspace at once, and whatever waits when the page is
    // hidden or left and before another workspace opens, an export or a
    // share link.
    let autosave = use_autosave(&bench, &store, start.stored, &saved, &index, &leave_warned);
    let may_leave = {
        let autosave = autosave.clone();
        let warned = leave_warned.clone();
        let message = message.clone();
        Rc::new(move || -> bool {
            // What waits is written first: leaving then loses nothing.
            Autosave::flush(&autosave);
            if !autosave.borrow().schedule.failed() || *warned.borrow() {
                return true;
            }
            *warned.borrow_mut() = true;
            message.set(Some(texts().workbench().leave_unsaved.into()));
            false
        })
    };

    // Work under way that may change the workspace: handing the workbench
    // over to its editors waits for it (`handover`).
    let pending = (*use_memo((), |_| handover::Pending::default())).clone();

    // A share link opens as a new workspace, never over an existing one.
    {
        let bench = bench.clone();
        let message = message.clone();
        let autosave = autosave.clone();
        let done = props.on_shared_opened.clone();
        let index = index.clone();
        let pending = pending.clone();
        use_effect_with(props.shared.clone(), move |shared| {
            if let Some(fragment) = shared.clone() {
                let working = pending.start();
                spawn_local(async move {
                    let _working = working;
                    let result = match browser::share::decode(&fragment).await {
                        Ok(text) => Workspace::open(&text, None).map_err(|e| e.to_string()),
                        Err(e) => Err(e.to_string()),
                    };
                    match result {
                        Ok(workspace) => {
                            let name = workspace.name.clone();
                            Autosave::flush(&autosave);
                            bench.dispatch(Action::Open {
                                id: store::new_id(&index),
                                workspace,
                            });
                            message.set(Some(texts().workbench().shared_opened(&name)));
                        }
                        Err(e) => message.set(Some(texts().workbench().share_not_opened(&e))),
                    }
                    done.emit(());
                });
            }
        });
    }

    // A what-if belongs to the workspace it was made in (one handed over
    // with the workbench stays).
    {
        let what_if = what_if.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(bench.get().id.clone(), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                what_if.set(WhatIf::default())
            }
        });
    }
    let checked = use_memo(
        AgreementsKey(bench.get().workspace.agreements.clone()),
        |k| check(&k.0),
    );
    let checked_for_csv = checked.clone();
    let deferred = use_state(|| props.defer_report);
    {
        let deferred = deferred.clone();
        use_effect_with((), move |_| {
            if *deferred {
                spawn_local(async move {
                    browser::yield_now().await;
                    deferred.set(false);
                });
            }
        });
    }
    let inputs = Inputs {
        checked,
        measurements: bench.measured(),
        span: bench.get().workspace.span.clone(),
        what_if: (*what_if).clone(),
        now: *use_memo((), |_| now_nanos()),
        // The report is worked out for the report view only: an edit of a
        // large measurement file elsewhere does not wait for it.
        with_report: *view == View::Report && !*deferred,
    };
    let computed = use_memo(inputs, |i| {
        computed_of(
            &i.checked,
            &i.measurements.read(),
            &i.span,
            &i.what_if,
            i.now,
            i.with_report,
        )
    });

    let dispatch = {
        let bench = bench.clone();
        Callback::from(move |action: Action| bench.dispatch(action))
    };
    // What the toolbar and the views show (the bench itself is read again
    // by each event, and never held across one).
    let (bench_id, name, span, agreements, can_undo, can_redo) = {
        let b = bench.get();
        (
            b.id.clone(),
            b.workspace.name.clone(),
            b.workspace.span.clone(),
            b.workspace.agreements.clone(),
            !b.undo.is_empty(),
            !b.redo.is_empty(),
        )
    };

    // Toolbar actions.
    let onswitch = {
        let bench = bench.clone();
        let message = message.clone();
        let may_leave = may_leave.clone();
        let store = store.clone();
        let autosave = autosave.clone();
        let pending = pending.clone();
        Callback::from(move |e: Event| {
            let select = e.target_unchecked_into::<HtmlSelectElement>();
            let id = select.value();
            if !may_leave() {
                // The list shows the workspace still open.
                select.set_value(&bench.get().id);
                return;
            }
            let (bench, message, store, autosave) = (
                bench.clone(),
                message.clone(),
                store.clone(),
                autosave.clone(),
            );
            let working = pending.start();
            spawn_local(async move {
                let _working = working;
                match first_stored(&store, vec![id]).await {
                    Ok((id, workspace)) => {
                        // An edit made while it was read is written first.
                        Autosave::flush(&autosave);
                        bench.dispatch(Action::Open { id, workspace });
                    }
                    Err(problem) => {
                        select.set_value(&bench.get().id);
                        message.set(Some(problem.map_or_else(
                            || texts().workbench().workspace_gone.into(),
                            |e| texts().workbench().workspace_unreadable(&e),
                        )));
                    }
                }
            });
        })
    };
    let template = use_state(|| TEMPLATES[0].id.to_string());
    let ontemplate = {
        let template = template.clone();
        Callback::from(move |e: Event| {
            template.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    // A new workspace from a template, by its id; from a card, it opens on
    // its report.
    // The template asked for last: a fetch that answers after a later
    // choice opens nothing.
    let latest_template = (*use_memo((), |_| Rc::new(Cell::new(0u32)))).clone();
    let on_new_from = {
        let bench = bench.clone();
        let month = props.month.clone();
        let message = message.clone();
        let may_leave = may_leave.clone();
        let index = index.clone();
        let view = view.clone();
        let autosave = autosave.clone();
        let pending = pending.clone();
        Callback::from(move |(id, report): (String, bool)| {
            if !may_leave() {
                return;
            }
            let request = latest_template.get().wrapping_add(1);
            latest_template.set(request);
            let open = {
                let (bench, message, index, view, autosave, latest) = (
                    bench.clone(),
                    message.clone(),
                    index.clone(),
                    view.clone(),
                    autosave.clone(),
                    latest_template.clone(),
                );
                move |loaded: Result<Workspace, String>| {
                    if latest.get() != request {
                        return;
                    }
                    match loaded {
                        Ok(workspace) => {
                            message.set(Some(texts().workbench().created(&workspace.name)));
                            // An edit made while the template was fetched is written first.
                            Autosave::flush(&autosave);
                            bench.dispatch(Action::Open {
                                id: store::new_id(&index),
                                workspace,
                            });
                            if report {
                                view.set(View::Report);
                            }
                        }
                        Err(e) => message.set(Some(texts().workbench().template_not_loaded(&e))),
                    }
                }
            };
            // Only the first template is in the wasm: the others are
            // fetched (from the service worker's cache when offline), as
            // work under way that a hand-over to the editors waits for.
            match templates::at_hand(&id, &month) {
                Some(loaded) => open(loaded),
                None => {
                    message.set(Some(texts().workbench().template_opening.into()));
                    let working = pending.start();
                    let month = month.clone();
                    spawn_local(async move {
                        let _working = working;
                        open(templates::load(&id, &month).await);
                    });
                }
            }
        })
    };
    let onnew = {
        let template = template.clone();
        on_new_from.reform(move |_: MouseEvent| ((*template).clone(), false))
    };
    let onrename = dispatch.reform(|e: InputEvent| {
        Action::Rename(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let onspan = dispatch.reform(|e: InputEvent| {
        Action::Span(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let ondelete_ask = {
        let c = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| c.set(true))
    };
    let ondelete_cancel = {
        let c = confirm_delete.clone();
        Callback::from(move |_: MouseEvent| c.set(false))
    };
    let ondelete = {
        let bench = bench.clone();
        let autosave = autosave.clone();
        let pending = pending.clone();
        let c = confirm_delete.clone();
        let message = message.clone();
        let index = index.clone();
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let (id, name) = {
                let b = bench.get();
                (b.id.clone(), b.workspace.name.clone())
            };
            // What waits for the autosave, or is being saved, belongs to
            // the workspace deleted: a save under way would write it again.
            Autosave::cancel(&autosave);
            c.set(false);
            let mut next = (*index).clone();
            next.remove(&id);
            let (bench, message, index, store) =
                (bench.clone(), message.clone(), index.clone(), store.clone());
            let working = pending.start();
            spawn_local(async move {
                let _working = working;
                if let Err(e) = store.delete(&id).await {
                    message.set(Some(texts().workbench().not_deleted(&name, &e)));
                    return;
                }
                // Another stored workspace opens (its autosave lists them
                // again), else a template.
                let others = next.workspaces.iter().map(|e| e.id.clone()).collect();
                let (id, workspace) = first_stored(&store, others)
                    .await
                    .unwrap_or_else(|_| (store::new_id(&next), templates::first()));
                index.set(next);
                bench.dispatch(Action::Open { id, workspace });
                message.set(Some(texts().workbench().deleted(&name)));
            });
        })
    };
    // OpenSLO in and out (`interop.rs`); a file opened as a new workspace
    // leaves the open one as any other opened file does.
    let openslo_open = use_state(|| resume.is_some_and(|r| r.openslo));
    let ontoggle_openslo = {
        let openslo_open = openslo_open.clone();
        Callback::from(move |_: MouseEvent| openslo_open.set(!*openslo_open))
    };
    let onopen_imported = {
        let bench = bench.clone();
        let may_leave = may_leave.clone();
        let index = index.clone();
        Callback::from(move |workspace: Workspace| -> bool {
            if !may_leave() {
                return false;
            }
            bench.dispatch(Action::Open {
                id: store::new_id(&index),
                workspace,
            });
            true
        })
    };
    let onundo = dispatch.reform(|_: MouseEvent| Action::Undo);
    let onredo = dispatch.reform(|_: MouseEvent| Action::Redo);
    let onexport = {
        let bench = bench.clone();
        let autosave = autosave.clone();
        Callback::from(move |_: MouseEvent| {
            Autosave::flush(&autosave);
            let (name, json) = {
                let b = bench.get();
                (b.workspace.name.clone(), b.workspace.to_json())
            };
            download(
                &format!("{}.sla-workspace.json", file_stem(&name)),
                "application/json",
                &json,
            );
        })
    };
    // The CSV is the report of what was entered: a what-if is never exported.
    let oncsv = {
        let bench = bench.clone();
        let checked = checked_for_csv.clone();
        Callback::from(move |_: MouseEvent| {
            let b = bench.get();
            let w = &b.workspace;
            let plain = report_of(
                &checked,
                &w.measurements,
                &w.span,
                &WhatIf::default(),
                now_nanos(),
            );
            if let Some(report) = &plain.report {
                download(
                    &format!("{}-{}.csv", file_stem(&w.name), file_stem(&w.span)),
                    "text/csv",
                    &render::csv(report),
                );
            }
        })
    };
    let onopen = {
        let bench = bench.clone();
        let message = message.clone();
        let may_leave = may_leave.clone();
        let autosave = autosave.clone();
        let index = index.clone();
        let pending = pending.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if !may_leave() {
                input.set_value("");
                return;
            }
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let bench = bench.clone();
            let message = message.clone();
            let autosave = autosave.clone();
            let index = index.clone();
            let working = pending.start();
            spawn_local(async move {
                let _working = working;
                let name = file.name();
                let data = Data::File(file);
                if data.size() > MAX_FILE_BYTES {
                    message.set(Some(
                        texts()
                            .workbench()
                            .file_too_large(&name, (MAX_FILE_BYTES / (1024 * 1024)) as usize),
                    ));
                    return;
                }
                let text = match data.read(0, data.size()).await.map(String::from_utf8) {
                    Ok(Ok(text)) => text,
                    Ok(Err(_)) => {
                        message.set(Some(texts().workbench().file_not_text(&name)));
                        return;
                    }
                    Err(e) => {
                        message.set(Some(texts().workbench().file_unreadable(&name, &e)));
                        return;
                    }
                };
                let is_measurements =
                    file_format(&text).as_deref() == Some(sla_engine::model::MEASUREMENT_FORMAT);
                let opened = Workspace::open(&text, Some(&bench.get().workspace));
                match opened {
                    Ok(workspace) if is_measurements => {
                        let count = workspace.measurements.outages.len()
                            + workspace.measurements.tickets.len();
                        bench.dispatch(Action::Measure(Edit::Replace(workspace.measurements)));
                        message.set(Some(
                            texts()
                                .workbench()
                                .measurements_replaced(&name, &Count::plain(count)),
                        ));
                    }
                    Ok(workspace) => {
                        let opened = workspace.name.clone();
                        Autosave::flush(&autosave);
                        bench.dispatch(Action::Open {
                            id: store::new_id(&index),
                            workspace,
                        });
                        message.set(Some(texts().workbench().opened_as(&name, &opened)));
                    }
                    Err(e) => {
                        message.set(Some(texts().workbench().not_opened(&name, &e.to_string())))
                    }
                }
            });
        })
    };
    let onshare = {
        let bench = bench.clone();
        let share_url = share_url.clone();
        let message = message.clone();
        let autosave = autosave.clone();
        Callback::from(move |_: MouseEvent| {
            Autosave::flush(&autosave);
            let json = bench.get().workspace.to_json();
            let share_url = share_url.clone();
            let message = message.clone();
            spawn_local(async move {
                match browser::share::encode(&json).await {
                    Ok(fragment) => {
                        let base = web_sys::window()
                            .and_then(|w| w.location().href().ok())
                            .map(|h| h.split('#').next().unwrap_or_default().to_string())
                            .unwrap_or_default();
                        share_url.set(Some(format!("{base}#{fragment}")));
                    }
                    Err(e) => {
                        share_url.set(None);
                        message.set(Some(e.to_string()));
                    }
                }
            });
        })
    };
    // Print shows the report first, then opens the browser's print dialog
    // once it has rendered.
    let print_pending = use_state(|| false);
    {
        let print_pending = print_pending.clone();
        use_effect_with(*print_pending, move |pending| {
            if *pending {
                print_pending.set(false);
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }
        });
    }
    // The report's tables and charts are drawn a task after its key figures
    // only the first time the page draws a report while loading; never for
    // a print, which needs them at once.
    let report_drawn = use_mut_ref(|| !props.defer_report);
    let onprint = {
        let view = view.clone();
        let print_pending = print_pending.clone();
        let report_drawn = report_drawn.clone();
        Callback::from(move |_: MouseEvent| {
            *report_drawn.borrow_mut() = true;
            view.set(View::Report);
            print_pending.set(true);
        })
    };
    let ondismiss = {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| message.set(None))
    };
    let onwhatif = {
        let what_if = what_if.clone();
        Callback::from(move |w: WhatIf| what_if.set(w))
    };

    // Without the editing views (the page's first module), wanting one
    // hands the workbench over to the module that has them, with the
    // state as it is when the workspace is saved (see `handover`).
    let editors = props.editors.0;
    let wants_editor = editors.is_none() && (*view != View::Report || *openslo_open);
    // The element that last had the keyboard: it has it again once handed
    // over (the workbench is inert meanwhile, which takes the focus away).
    let last_focus = use_mut_ref(|| None::<String>);
    let onfocusin = {
        let last_focus = last_focus.clone();
        Callback::from(move |e: FocusEvent| {
            if let Some(target) = e.target_dyn_into::<web_sys::Element>() {
                let id = target.id();
                *last_focus.borrow_mut() = (!id.is_empty()).then_some(id);
            }
        })
    };
    let editor_loading = || {
        html! {
            <p id="editor-loading" class="loading">{texts().workbench().loading_editor}</p>
        }
    };
    let latest = use_mut_ref(|| None::<Carry>);
    *latest.borrow_mut() = Some(Carry {
        view: *view,
        openslo: *openslo_open,
        cards: *cards,
        what_if: (*what_if).clone(),
        message: (*message).clone(),
        saved: (*saved).clone(),
        focus: last_focus.borrow().clone(),
    });
    {
        let handing = use_mut_ref(|| false);
        let (bench, autosave, latest) = (bench.clone(), autosave.clone(), latest.clone());
        let pending = pending.clone();
        let (view, openslo_open, message) = (view.clone(), openslo_open.clone(), message.clone());
        use_effect_with(wants_editor, move |wants| {
            if *wants && !std::mem::replace(&mut *handing.borrow_mut(), true) {
                spawn_local(async move {
                    let carry = move || latest.borrow_mut().take();
                    if let Err(e) = handover::hand_over(&bench, &autosave, &pending, carry).await {
                        *handing.borrow_mut() = false;
                        view.set(View::Report);
                        openslo_open.set(false);
                        message.set(Some(texts().workbench().editor_not_loaded(&e)));
                    }
                });
            }
        });
    }
    let tab = |v: View, id: &'static str, label: &'static str| {
        let view = view.clone();
        let here = *view == v;
        html! {
            <button type="button" id={id} class={classes!("tab", here.then_some("current"))}
                aria-current={here.then_some("page")} onclick={Callback::from(move |_: MouseEvent| view.set(v))}>{label}</button>
        }
    };

    let problem_count: usize = computed.problems.errors.values().map(Vec::len).sum();
    let warning_count: usize = computed.problems.warnings.values().map(Vec::len).sum();

    // The Workspace menu closes after an action and on Escape; not during
    // a deletion (its question, then the focus back on "Delete workspace…",
    // are in the menu).
    let menu_ref = use_node_ref();
    let onmenuclick = {
        let menu_ref = menu_ref.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(target) = e.target_dyn_into::<web_sys::Element>() else {
                return;
            };
            if target.tag_name() == "BUTTON" && !target.id().starts_with("delete-") {
                if let Some(menu) = menu_ref.cast::<web_sys::Element>() {
                    let _ = menu.remove_attribute("open");
                    // The keyboard's place goes back to the menu's button,
                    // unless the action shows what it opened (OpenSLO's
                    // panel, the share link's field).
                    if !matches!(target.id().as_str(), "openslo-toggle" | "share-link") {
                        focus_summary(&menu);
                    }
                }
            }
        })
    };
    let onmenukey = {
        let menu_ref = menu_ref.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                if let Some(menu) = menu_ref.cast::<web_sys::Element>() {
                    let _ = menu.remove_attribute("open");
                    focus_summary(&menu);
                }
            }
        })
    };
    let t = texts().workbench();
    html! {
        // While the editors load, what takes input is inert: nothing typed
        // then could be carried over.
        <div class="workbench" {onfocusin}>
            // Always there, so that a reader announces the text when it comes.
            <p id="workbench-status" class="visually-hidden" role="status">
                { if wants_editor { t.loading_editor } else { "" } }
            </p>
            <section class="wb-toolbar no-print" aria-label={t.toolbar_label} inert={wants_editor}>
                <div class="wb-field wb-workspace">
                    <label for="workspace-select">{t.workspace}</label>
                    <select id="workspace-select" onchange={onswitch}>
                        { for index.workspaces.iter().map(|e| html! {
                            <option value={e.id.clone()} selected={e.id == bench_id}>{ if e.id == bench_id { name.clone() } else { e.name.clone() } }</option>
                        }) }
                        if !index.workspaces.iter().any(|e| e.id == bench_id) {
                            <option value={bench_id.clone()} selected=true>{name.clone()}</option>
                        }
                    </select>
                </div>
                <div class="wb-field wb-span">
                    <label for="span">{t.span_label}</label>
                    <input id="span" type="text" value={span.clone()} oninput={onspan}
                        aria-describedby="span-hint" placeholder="2026-03" />
                    <span id="span-hint" class="hint">{t.span_hint}</span>
                </div>
                <div class="toolbar">
                    <button type="button" id="undo" onclick={onundo} disabled={!can_undo}>{t.undo}</button>
                    <button type="button" id="redo" onclick={onredo} disabled={!can_redo}>{t.redo}</button>
                    <details class="menu" id="workspace-menu" ref={menu_ref.clone()} onkeydown={onmenukey}>
                        <summary>{t.workspace_menu}</summary>
                        <div class="menu-list" onclick={onmenuclick}>
                            <div class="wb-field">
                                <label for="workspace-name">{t.name}</label>
                                <input id="workspace-name" type="text" value={name.clone()} oninput={onrename} />
                            </div>
                            <div class="wb-field">
                                <label for="template">{t.new_from}</label>
                                <div class="toolbar">
                                    <select id="template" onchange={ontemplate}>
                                        { for TEMPLATES.iter().map(|t| html! { <option value={t.id} selected={*template == t.id}>{t.title()}</option> }) }
                                        <option value={templates::BLANK} selected={*template == templates::BLANK}>{t.blank_template}</option>
                                    </select>
                                    <button type="button" id="new-workspace" onclick={onnew}>{t.create}</button>
                                </div>
                            </div>
                            <hr />
                            <button type="button" id="export-json" onclick={onexport}>{t.export_json}</button>
                            <label class="button" for="open-file">{t.open_file}</label>
                            <input id="open-file" class="visually-hidden-file" type="file" accept=".json,application/json" onchange={onopen} />
                            <button type="button" id="openslo-toggle" onclick={ontoggle_openslo} aria-expanded={(*openslo_open).to_string()}
                                aria-controls="openslo">{t.openslo_toggle}</button>
                            <button type="button" id="share-link" onclick={onshare}>{t.share_link}</button>
                            <button type="button" id="export-csv" onclick={oncsv} disabled={computed.blocked.is_some()}>{t.results_csv}</button>
                            <button type="button" id="print" onclick={onprint}>{t.print}</button>
                            <hr />
                            if *confirm_delete {
                                <span role="group" aria-label={t.confirm_deletion}>
                                    {t.confirm_delete(&name)}
                                    <button type="button" id="delete-confirm" ref={confirm_ref} onclick={ondelete}>{t.delete}</button>
                                    <button type="button" id="delete-cancel" onclick={ondelete_cancel}>{t.keep}</button>
                                </span>
                            } else {
                                <button type="button" id="delete-workspace" ref={delete_ref} onclick={ondelete_ask}>{t.delete_workspace}</button>
                            }
                        </div>
                    </details>
                </div>
                if let Some(url) = (*share_url).clone() {
                    <div class="wb-field share">
                        <label for="share-url">{t.share_url_label}</label>
                        <input id="share-url" type="text" readonly=true value={url.clone()} />
                        <span class="hint">{t.share_chars(&Count::plain(url.chars().count()))}</span>
                    </div>
                }
                <p id="save-status" class="hint" role="status">{(*saved).clone().unwrap_or_default()}</p>
            </section>
            if *openslo_open {
                { match editors {
                    Some(draw) => draw(EditorView::OpenSlo {
                        agreements: agreements.clone(),
                        file: computed.file.clone(),
                        span: AttrValue::from(span.clone()),
                        dispatch: dispatch.clone(),
                        onnew: onopen_imported,
                    }),
                    None => editor_loading(),
                } }
            }
            if let Some(text) = (*message).clone() {
                <div id="workbench-message" class="notice" role="status" inert={wants_editor}>
                    <p>{text}</p>
                    <button type="button" onclick={ondismiss}>{texts().common().dismiss}</button>
                </div>
            }
            <nav class="wb-tabs no-print" aria-label={t.views_label} inert={wants_editor}>
                { tab(View::Structure, "tab-structure", t.tab_agreements) }
                { tab(View::Measurements, "tab-measurements", t.tab_measurements) }
                { tab(View::Report, "tab-report", t.tab_report) }
                { tab(View::Plan, "tab-plan", t.tab_plan) }
            </nav>
            <p id="validation-summary" class="hint no-print" aria-live="polite">
                { if problem_count == 0 && warning_count == 0 { t.no_problems.to_string() } else {
                    t.problem_summary(&Count::plain(problem_count), &Count::plain(warning_count)) } }
            </p>
            if problem_count + warning_count > 0 {
                <details id="problem-list" class="problems no-print" open={problem_count > 0} inert={wants_editor}>
                    <summary>{t.problem_list}</summary>
                    <ul>
                        { for computed.problems.errors.iter().flat_map(|(path, list)| list.iter().map(move |m| html! {
                            <li class="error">{t.error_at(if path.is_empty() { t.the_file } else { path.as_str() }, m)}</li>
                        })) }
                        { for computed.problems.warnings.iter().flat_map(|(path, list)| list.iter().map(move |m| html! {
                            <li class="warning">{t.warning_at(if path.is_empty() { t.the_file } else { path.as_str() }, m)}</li>
                        })) }
                    </ul>
                </details>
            }
            {
                match *view {
                    View::Structure => match editors {
                        Some(draw) => draw(EditorView::Structure {
                            key: bench_id.clone(),
                            json: agreements.clone(),
                            file: computed.file.clone(),
                            problems: computed.problems.clone(),
                            dispatch: dispatch.clone(),
                            span: AttrValue::from(span.clone()),
                        }),
                        None => editor_loading(),
                    },
                    View::Measurements => match editors {
                        Some(draw) => draw(EditorView::Measurements {
                            key: bench_id.clone(),
                            measurements: bench.measured(),
                            file: computed.file.clone(),
                            time_zone: computed.file.as_ref().map(|f| AttrValue::from(f.time_zone.clone())).unwrap_or_else(|| AttrValue::from("UTC")),
                            span: AttrValue::from(span.clone()),
                            dispatch: dispatch.clone(),
                        }),
                        None => editor_loading(),
                    },
                    View::Plan => match editors {
                        Some(draw) => draw(EditorView::Plan {
                            agreements: Rc::new(agreements.to_string()),
                            measurements: bench.measured(),
                            span: AttrValue::from(span.clone()),
                            dispatch: dispatch.clone(),
                        }),
                        None => editor_loading(),
                    },
                    View::Report => html! {
                        <div class={classes!("wb-report", cards.then_some("with-cards"))} inert={wants_editor}>
                            <div class="wb-report-main">
                                { match &computed.report {
                                    Some(report) => html! { <>
                                        <p id="evaluated" class="hint">{t.evaluated(&computed.evaluated.clone().unwrap_or_default())}</p>
                                        <Results report={report.clone()} services={computed.services.clone()}
                                            priorities={computed.priorities.clone()} what_if={(*what_if).clone()} on_what_if={onwhatif}
                                            defer_details={!std::mem::replace(&mut *report_drawn.borrow_mut(), true)}
                                            burn={computed.file.clone().map(|file| burndown::BurnSource { file, measurements: computed.what_if_measurements.clone().map_or_else(|| bench.measured(), Measured::file) })} />
                                    </> },
                                    // Worked out in the next task (`defer_report`).
                                    None if *deferred => Html::default(),
                                    None => html! {
                                        <p id="report-blocked" class="notice" role="status">{computed.blocked.clone().unwrap_or_default()}</p>
                                    },
                                } }
                            </div>
                            if *cards {
                                { template_cards(on_new_from.clone(), { let cards = cards.clone(); Callback::from(move |_: MouseEvent| cards.set(false)) }) }
                            }
                        </div>
                    },
                }
            }
        </div>
    }
}

/// Gives the keyboard focus to a `<details>` menu's own button.
fn focus_summary(menu: &web_sys::Element) {
    if let Ok(Some(summary)) = menu.query_selector("summary") {
        if let Some(summary) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&summary) {
            // Focus cannot fail in a way the user could act on.
            let _ = summary.focus();
        }
    }
}

/// The templates as cards, beside the report on a first visit: each opens
/// a new workspace from it on its report.
fn template_cards(on_new: Callback<(String, bool)>, on_hide: Callback<MouseEvent>) -> Html {
    let t = texts().workbench();
    html! {
        <aside id="template-cards" class="template-cards no-print" aria-labelledby="template-cards-title">
            <h2 id="template-cards-title">{t.templates_title}</h2>
            <p class="hint">{t.templates_hint}</p>
            <ul>
                { for TEMPLATES.iter().map(|template| {
                    let id = template.id;
                    html! {
                        <li>
                            <button type="button" class="template-card" data-template={id}
                                onclick={on_new.reform(move |_: MouseEvent| (id.to_string(), true))}>
                                <span class="template-title">{template.title()}</span>
                                <span class="template-about">{template.description()}</span>
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <button type="button" id="hide-templates" onclick={on_hide}>{t.hide_templates}</button>
        </aside>
    }
}

/// The top-level `format` of a JSON file, without reading the rest into
/// memory twice.
fn file_format(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
    }
    serde_json::from_str::<Head>(text).ok()?.format
}

/// A file name from a workspace name (letters, digits, `-`).
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "workspace".into()
    } else {
        stem.chars().take(60).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin_free() -> Zone {
        Zone::named("UTC").unwrap_or_else(Zone::utc)
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("Core banking / 2026"), "core-banking-2026");
        assert_eq!(file_stem("../../etc"), "etc");
        assert_eq!(file_stem("   "), "workspace");
    }

    #[test]
    fn templates_compute_reports_and_bad_agreements_block_with_paths() {
        let w = templates::workspace("outsourcing", "2026-01");
        let c = compute(
            &w.agreements,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        let report = c.report.unwrap_or_else(|| panic!("{:?}", c.blocked));
        assert!(!report.targets.is_empty());
        assert!(c.services.contains(&"core-banking".to_string()));

        let mut broken = (*w.agreements).clone();
        broken["agreements"][0]["targets"][0]["expected"] = Value::String("99.x".into());
        let c = compute(
            &broken,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        assert!(c.report.is_none());
        assert!(
            c.problems
                .errors
                .keys()
                .any(|k| k.starts_with("agreements[0].targets[0]")),
            "{:?}",
            c.problems.errors
        );

        let c = compute(
            &w.agreements,
            &w.measurements,
            "March",
            &WhatIf::default(),
            i64::MAX,
        );
        assert!(c.blocked.is_some_and(|b| b.contains("March")));

        // 2000-01..2026-12 is 27 × 12 = 324 months: refused, not cut short.
        let c = compute(
            &w.agreements,
            &w.measurements,
            "2000-01..2026-12",
            &WhatIf::default(),
            i64::MAX,
        );
        assert!(c.report.is_none());
        assert!(
            c.blocked
                .as_deref()
                .is_some_and(|b| b.contains("324 months")),
            "{:?}",
            c.blocked
        );
    }

    #[test]
    fn a_saved_value_the_engine_now_refuses_opens_and_is_marked_on_its_field() {
        // A workspace saved (or shared) before the engine refused credits
        // with more than 7 decimals: it opens with the value as written,
        // and the problem is at the value's path, where the field shows it.
        let w = templates::workspace("cloud-sla", "2026-02");
        let mut file: Value = serde_json::from_str(&w.to_json()).unwrap_or_else(|e| panic!("{e}"));
        let path = "agreements[0].targets[0].credit.tiers[0].credit";
        file["agreements"]["agreements"][0]["targets"][0]["credit"]["tiers"][0]["credit"] =
            Value::String("10.00000001".into());
        let opened = Workspace::open(&file.to_string(), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            crate::state::workbench::workspace::text(&opened.agreements, path),
            "10.00000001"
        );
        let c = compute(
            &opened.agreements,
            &opened.measurements,
            &opened.span,
            &WhatIf::default(),
            i64::MAX,
        );
        assert!(c.report.is_none());
        let errors = c.problems.errors.get(path).cloned().unwrap_or_default();
        assert!(
            errors.iter().any(|m| m.contains("7 decimals")),
            "{:?}",
            c.problems.errors
        );
        assert_eq!(c.problems.errors.len(), 1, "{:?}", c.problems.errors);
        // And so does the same workspace from a share link's JSON: one reader.
        let again = Workspace::open(&opened.to_json(), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, opened);
    }

    #[test]
    fn a_what_if_in_a_span_of_days_falls_inside_it() {
        let zone = Zone::utc();
        let day = |text: &str| {
            what_if_day(
                Span::parse(text, &zone).unwrap_or_else(|e| panic!("{e}")),
                &zone,
            )
            .map(|d| d.to_string())
        };
        // 1–10 February 2026 (both included): the middle instant is 6 February
        // 00:00, a Friday.
        assert_eq!(day("2026-02-01..2026-02-10").as_deref(), Some("2026-02-06"));
        // A weekend only (7–8 February): no weekday inside, its first day.
        assert_eq!(day("2026-02-07..2026-02-08").as_deref(), Some("2026-02-07"));
        assert_eq!(day("2026-03").as_deref(), Some("2026-03-16"));
    }

    #[test]
    fn what_if_adds_downtime_on_the_first_weekday_from_the_15th() {
        let zone = berlin_free();
        let span = Span::parse("2026-01..2026-02", &zone).unwrap_or_else(|e| panic!("{e}"));
        let what_if = WhatIf {
            service: "api".into(),
            minutes: 90,
            priority: String::new(),
            tickets: 2,
        };
        let out = apply_what_if(
            &MeasurementFile::default(),
            &what_if,
            span,
            &zone,
            &["P2".into()],
        );
        assert_eq!(out.outages.len(), 1);
        // 15 February 2026 is a Sunday: the 16th, 10:00 to 11:30.
        assert_eq!(
            out.outages[0].start,
            Timestamp::parse("2026-02-16T10:00:00").unwrap_or_else(|e| panic!("{e}"))
        );
        assert_eq!(
            out.outages[0].end,
            Timestamp::parse("2026-02-16T11:30:00").unwrap_or_else(|e| panic!("{e}"))
        );
        assert_eq!(out.tickets.len(), 2);
        assert!(out.tickets.iter().all(|t| t.priority == "P2"));
    }

    #[test]
    fn what_if_changes_the_report() {
        let w = templates::workspace("cloud-sla", "2026-02");
        let service = w.agreements["services"][0]["id"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let before = compute(
            &w.agreements,
            &w.measurements,
            &w.span,
            &WhatIf::default(),
            i64::MAX,
        );
        let what_if = WhatIf {
            service,
            minutes: 600,
            ..WhatIf::default()
        };
        let after = compute(&w.agreements, &w.measurements, &w.span, &what_if, i64::MAX);
        let credit = |c: &Computed| -> i64 {
            c.report
                .as_ref()
                .map(|r| {
                    r.targets
                        .iter()
                        .flat_map(|t| t.periods.iter())
                        .map(|p| p.credit_paid.minor_units())
                        .sum()
                })
                .unwrap_or(-1)
        };
        assert!(
            credit(&after) > credit(&before),
            "{} vs {}",
            credit(&after),
            credit(&before)
        );
    }
}
