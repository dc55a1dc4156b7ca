//! The workbench's CSV and Statuspage import (`workbench-import.html`, the
//! `sla-workbench-import` binary): the embedded importer
//! ([`crate::components::import::Import`], with the agreements' ticket
//! priorities and the Statuspage reader) in a wasm of its own, which the
//! Measurements view loads when it is first shown, so that the workbench's
//! first load does not carry the import (about 270 KB of raw wasm).
//!
//! Both sides are here, as in [`crate::interop`], so the calls they
//! exchange are defined once:
//!
//! - **The module's side** ([`mount`], [`update`], [`unmount`], exported by
//!   `src/bin/workbench_import.rs`): mounts a Yew app of its own in the
//!   element the Measurements view gives, keeps it in a thread-local until
//!   the view goes, and hands each import back through a JavaScript
//!   function, in parts ([`parts`]): whether it replaces, then its records
//!   [`PART_RECORDS`] at a time, each part a small measurement file's JSON,
//!   with the page's turn between parts every [`HAND_OVER_BUDGET_MS`], so
//!   that a large import never holds the page in one task.
//! - **The workbench's side** ([`load`], [`Mounted`]): loads the module once,
//!   mounts it, passes the view's changes on and unmounts it when dropped.
//!   Each part is read as it comes ([`Receiver`]: `load::measurements`,
//!   which the workbench links anyway to open files) and the import is
//!   given to the view only once its last part has come: one whole import
//!   (one undo step), or nothing if another import or an unmount cut it
//!   short.
//!
//! Only the module's binary calls the first, so only its wasm links the
//! import. The component tests cannot load a module: they give the
//! Measurements view [`embedded`] to render the importer directly.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Function;
use sla_engine::model::{
    load, MeasurementFile, OutageRecord, TicketRecord, FORMAT_VERSION, MEASUREMENT_FORMAT,
};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::components::import::{status, Handed, Import, Imported, PriorityTargets};

/// The name of the module (`workbench-import.html`, see `cargo xtask
/// build`'s `LAZY`).
pub const MODULE: &str = "workbench-import";

/// Renders the importer in the Measurements view: `(existing, wanted,
/// onimported)`, the outages and tickets the workspace holds, the ticket
/// priorities the targets name, and where each import goes.
pub type RenderImporter = fn(usize, Rc<Vec<String>>, Callback<Imported>) -> Html;

// ---------------------------------------------------------------------------
// The module's side.

#[derive(Properties, PartialEq)]
pub struct EmbeddedProps {
    /// The outages and tickets the workspace already holds.
    pub existing: usize,
    /// The ticket priorities the agreements' targets name.
    pub wanted: Rc<Vec<String>>,
    pub onimported: Callback<Handed>,
}

/// The importer as the workbench embeds it: the file's priorities mapped to
/// the targets' and Statuspage histories read; no audit reader (the
/// calculator's module has it).
#[component]
pub fn EmbeddedImport(props: &EmbeddedProps) -> Html {
    html! {
        <Import onimported={Some(props.onimported.clone())} existing={props.existing}
            priorities={Some(PriorityTargets {
                wanted: props.wanted.clone(),
                propose: sla_import::mapping::propose_priority_map,
                map: sla_import::dataset::Batch::map_priorities_to,
            })}
            status={Some(status::READER)} />
    }
}

/// [`EmbeddedImport`] as a [`RenderImporter`]: what the component tests
/// give the Measurements view (the module's own app renders the same).
pub fn embedded(existing: usize, wanted: Rc<Vec<String>>, onimported: Callback<Imported>) -> Html {
    let onimported = onimported.reform(|handed: Handed| handed.imported());
    html! { <EmbeddedImport {existing} {wanted} {onimported} /> }
}

thread_local! {
    /// The number of the last import whose hand-over started: a hand-over
    /// goes on only while it is the last one, and the importer is mounted.
    static HANDING: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// The importer mounted by [`mount`] and its callback, until [`unmount`].
    static APP: RefCell<Option<(yew::AppHandle<EmbeddedImport>, Callback<Handed>)>> =
        const { RefCell::new(None) };
}

/// The priorities given as JSON (a list of strings); none when unreadable.
fn wanted_of(json: &str) -> Rc<Vec<String>> {
    Rc::new(serde_json::from_str(json).unwrap_or_default())
}

/// Mounts the importer in `root` (an element of its own), with the
/// `existing` records and the `wanted` priorities (JSON). After each import
/// it hands every record it holds over, in parts ([`parts`]), calling
/// `on_imported(import, step, json)` for each: `import` numbers the imports
/// (a part of an earlier one never follows the start of a later one).
pub fn mount(root: web_sys::Element, existing: usize, wanted: &str, on_imported: Function) {
    unmount();
    root.set_inner_html("");
    crate::pages::nested::above_outer_trees(&root);
    let onimported = Callback::from(move |handed: Handed| {
        let import = HANDING.with(|h| {
            h.set(h.get() + 1);
            h.get()
        });
        let on_imported = on_imported.clone();
        wasm_bindgen_futures::spawn_local(hand_over(handed, import, on_imported));
    });
    let app = yew::Renderer::<EmbeddedImport>::with_root_and_props(
        root,
        EmbeddedProps {
            existing,
            wanted: wanted_of(wanted),
            onimported: onimported.clone(),
        },
    )
    .render();
    APP.with(|slot| *slot.borrow_mut() = Some((app, onimported)));
}

/// Hands import number `import` over to `on_imported`, part by part, with
/// the page's turn between parts every [`HAND_OVER_BUDGET_MS`] (the
/// workbench reads each part as it is given). Stops when a later import
/// starts, the importer is unmounted, or the workbench refuses a part (an
/// exception, which is the workbench's to report).
async fn hand_over(handed: Handed, import: u64, on_imported: Function) {
    let last = || HANDING.with(|h| h.get()) == import;
    // The importer's render of its summary first.
    crate::browser::yield_now().await;
    if !last() {
        return;
    }
    let mut since = crate::browser::now_ms();
    for (step, json) in parts(&handed) {
        // The end is where the workbench takes the whole import in (its
        // edit, then the view's render of it): a task of its own rather
        // than the tail of a task of parts.
        if step == Step::End {
            crate::browser::yield_now().await;
            if !last() {
                return;
            }
        }
        let given = on_imported.call3(
            &JsValue::NULL,
            &JsValue::from_f64(import as f64),
            &JsValue::from_str(step.name()),
            &JsValue::from_str(&json),
        );
        if given.is_err() || step == Step::End {
            return;
        }
        if crate::browser::now_ms() - since > HAND_OVER_BUDGET_MS {
            crate::browser::yield_now().await;
            if !last() {
                return;
            }
            since = crate::browser::now_ms();
        }
    }
}

/// Gives the mounted importer the workspace's current counts and priorities.
pub fn update(existing: usize, wanted: &str) {
    APP.with(|slot| {
        if let Some((app, onimported)) = slot.borrow_mut().as_mut() {
            app.update(EmbeddedProps {
                existing,
                wanted: wanted_of(wanted),
                onimported: onimported.clone(),
            });
        }
    });
}

/// Destroys the mounted importer (the Measurements view went away); a
/// hand-over under way stops.
pub fn unmount() {
    HANDING.with(|h| h.set(h.get() + 1));
    if let Some((app, _)) = APP.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
}

// ---------------------------------------------------------------------------
// The hand-over, both sides: the module writes an import as parts
// ([`parts`]), the workbench reads them back ([`Receiver`]).

/// Records (outages or tickets) per part handed over: a part is written and
/// read in a few milliseconds.
pub const PART_RECORDS: usize = 512;

/// The work the module does between two turns of the page while it hands
/// an import over (writing parts and the workbench reading them).
pub const HAND_OVER_BUDGET_MS: f64 = 8.0;

/// What a part of the hand-over is (the `step` argument of the callback).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// An import starts: its measurement file without outages and tickets
    /// (format, version, zone, other records); it is added to the
    /// workspace's records.
    Add,
    /// As [`Step::Add`], but the import replaces the workspace's outages
    /// and tickets.
    Replace,
    /// The next outages or tickets, as a measurement file holding only them.
    Records,
    /// The import is complete.
    End,
}

impl Step {
    pub fn name(self) -> &'static str {
        match self {
            Step::Add => "add",
            Step::Replace => "replace",
            Step::Records => "records",
            Step::End => "end",
        }
    }

    pub fn from_name(name: &str) -> Option<Step> {
        [Step::Add, Step::Replace, Step::Records, Step::End]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

/// A part of the records, written without copying them.
#[derive(serde::Serialize)]
struct Part<'a> {
    format: &'a str,
    version: u32,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    outages: &'a [OutageRecord],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tickets: &'a [TicketRecord],
}

/// An import as the parts the module hands over, in order: its start (a
/// measurement file without records), then the outages of every batch and
/// then their tickets, [`PART_RECORDS`] at a time, then its end: the records
/// of [`Handed::imported`], in its order. Each part is turned into records
/// and written only when the iterator gets to it, so that the work can be
/// spread over tasks.
pub fn parts(handed: &Handed) -> impl Iterator<Item = (Step, String)> + '_ {
    let start = if handed.replaced {
        Step::Replace
    } else {
        Step::Add
    };
    let head = std::iter::once_with(move || {
        let head = MeasurementFile {
            format: MEASUREMENT_FORMAT.into(),
            version: FORMAT_VERSION,
            ..MeasurementFile::default()
        };
        (start, written(&head))
    });
    let part = |outages: &[OutageRecord], tickets: &[TicketRecord]| {
        (
            Step::Records,
            written(&Part {
                format: MEASUREMENT_FORMAT,
                version: FORMAT_VERSION,
                outages,
                tickets,
            }),
        )
    };
    let outages = handed.batches.iter().flat_map(move |batch| {
        (0..batch.outages.len())
            .step_by(PART_RECORDS)
            .map(move |from| part(&batch.outage_records(from..from + PART_RECORDS), &[]))
    });
    let tickets = handed.batches.iter().flat_map(move |batch| {
        (0..batch.tickets.len())
            .step_by(PART_RECORDS)
            .map(move |from| part(&[], &batch.ticket_records(from..from + PART_RECORDS)))
    });
    head.chain(outages)
        .chain(tickets)
        .chain(std::iter::once((Step::End, String::new())))
}

/// JSON of what the module's own types always write.
fn written<T: serde::Serialize>(value: &T) -> String {
    // Records and strings only: serde_json cannot fail on them.
    serde_json::to_string(value).unwrap_or_default()
}

/// The workbench's reading of the parts of imports as they come: an import
/// is given out only when its last part has been read. A new start drops an
/// import whose end has not come (the module went on to another import).
#[derive(Default)]
pub struct Receiver {
    /// The import being received: the module's number for it, whether it
    /// replaces, and its records so far.
    taking: Option<(u64, bool, MeasurementFile)>,
}

impl Receiver {
    /// Reads one part of import `import`: the whole import when `step` is
    /// its end, `None` before (or for a part of an import dropped).
    ///
    /// # Errors
    /// The part is not a measurement file (its problems, with the records'
    /// places counted from the start of the import, joined); the import is
    /// dropped, so nothing of it is taken.
    pub fn take(
        &mut self,
        import: u64,
        step: Step,
        json: &str,
    ) -> Result<Option<Imported>, String> {
        match step {
            Step::Add | Step::Replace => {
                self.taking = None;
                let head = read(json, 0, 0)?;
                self.taking = Some((import, step == Step::Replace, head));
                Ok(None)
            }
            Step::Records => {
                let Some((_, _, file)) = self.taking.as_mut().filter(|t| t.0 == import) else {
                    return Ok(None);
                };
                match read(json, file.outages.len(), file.tickets.len()) {
                    Ok(part) => {
                        file.outages.extend(part.outages);
                        file.tickets.extend(part.tickets);
                        Ok(None)
                    }
                    Err(problem) => {
                        self.taking = None;
                        Err(problem)
                    }
                }
            }
            Step::End => {
                Ok(self
                    .taking
                    .take_if(|t| t.0 == import)
                    .map(|(_, replaced, measurements)| Imported {
                        measurements,
                        replaced,
                    }))
            }
        }
    }
}

/// A part read as the workbench reads a measurement file; a problem's
/// record numbers counted from the import's first outage and ticket
/// (`outages` and `tickets` were read before it), without the line and
/// column in the part, which name nothing the user has seen.
fn read(json: &str, outages: usize, tickets: usize) -> Result<MeasurementFile, String> {
    load::measurements(json).map_err(|problems| {
        problems
            .into_iter()
            .map(|mut problem| {
                (problem.line, problem.column) = (None, None);
                problem.path = shifted(&problem.path, "outages[", outages)
                    .or_else(|| shifted(&problem.path, "tickets[", tickets))
                    .unwrap_or(problem.path);
                problem.to_string()
            })
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// `outages[3].start` with `before` = 512: `outages[515].start`.
fn shifted(path: &str, list: &str, before: usize) -> Option<String> {
    let rest = path.strip_prefix(list)?;
    let (index, after) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    Some(format!("{list}{}]{after}", index + before))
}

// ---------------------------------------------------------------------------
// The workbench's side.

/// The loaded module: [`Module::mount`] puts the importer in an element.
#[derive(Clone)]
pub struct Module(JsValue);

/// Loads the module, once (see [`crate::browser::load_lazy`]).
///
/// # Errors
/// The module did not load (offline before it was ever cached); the
/// browser's message.
pub async fn load() -> Result<Module, String> {
    crate::browser::lazy_exports(MODULE).await.map(Module)
}

fn call(bindings: &JsValue, name: &str, args: &[JsValue]) -> Result<(), String> {
    crate::browser::call_export(bindings, MODULE, name, args).map(|_| ())
}

fn wanted_json(wanted: &[String]) -> JsValue {
    JsValue::from_str(&serde_json::to_string(wanted).unwrap_or_default())
}

impl Module {
    /// Mounts the importer in `root`; each import is read as its parts come
    /// ([`Receiver`]) and given whole to `onimported` (why one could not be
    /// read to `onproblem`). The importer stays until the [`Mounted`] is
    /// dropped.
    ///
    /// # Errors
    /// The module's `mount` failed.
    pub fn mount(
        &self,
        root: &web_sys::Element,
        existing: usize,
        wanted: &[String],
        onimported: Callback<Imported>,
        onproblem: Callback<String>,
    ) -> Result<Mounted, String> {
        let mut receiver = Receiver::default();
        let on_imported = Closure::<dyn FnMut(f64, String, String)>::new(
            move |import: f64, step: String, json: String| {
                let Some(step) = Step::from_name(&step) else {
                    onproblem.emit(format!("the module handed over a part named `{step}`"));
                    return;
                };
                match receiver.take(import as u64, step, &json) {
                    Ok(Some(imported)) => onimported.emit(imported),
                    Ok(None) => {}
                    Err(problem) => onproblem.emit(problem),
                }
            },
        );
        call(
            &self.0,
            "mount",
            &[
                root.into(),
                JsValue::from_f64(existing as f64),
                wanted_json(wanted),
                on_imported.as_ref().clone(),
            ],
        )?;
        Ok(Mounted {
            bindings: self.0.clone(),
            _on_imported: on_imported,
        })
    }
}

/// The importer mounted by the module; dropping it unmounts it.
pub struct Mounted {
    bindings: JsValue,
    /// Called by the module with each part of each import: kept as long as
    /// it is mounted.
    _on_imported: Closure<dyn FnMut(f64, String, String)>,
}

impl Mounted {
    /// Gives the importer the workspace's current counts and priorities.
    pub fn update(&self, existing: usize, wanted: &[String]) {
        let _ = call(
            &self.bindings,
            "update",
            &[JsValue::from_f64(existing as f64), wanted_json(wanted)],
        );
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = call(&self.bindings, "unmount", &[]);
    }
}

/// How the Measurements view gets its importer when it is not the module:
/// the component tests render it directly ([`embedded`]). Compared as
/// equal always: a host gives the same function on every render.
#[derive(Clone, Copy)]
pub struct DirectImporter(pub RenderImporter);

impl PartialEq for DirectImporter {
    fn eq(&self, _: &DirectImporter) -> bool {
        true
    }
}

#[derive(Properties, PartialEq)]
pub struct ModuleImporterProps {
    /// The outages and tickets the workspace already holds.
    pub existing: usize,
    /// The ticket priorities the agreements' targets name.
    pub wanted: Rc<Vec<String>>,
    pub onimported: Callback<Imported>,
}

/// The element the module fills (`#measurements-import-root`), with a note
/// (`#measurements-import-loading`) while the module loads, which says so
/// if it cannot load and how to import without it. The module is loaded
/// after the view has painted, mounted once, given each change of the
/// counts and priorities, and unmounted when the view goes.
#[component]
pub fn ModuleImporter(props: &ModuleImporterProps) -> Html {
    let root = use_node_ref();
    // `None` while loading; why it could not load.
    let unavailable = use_state(|| None::<String>);
    // Mounted: the note goes.
    let ready = use_state(|| false);
    // An import the workbench could not read back (it was not taken).
    let problem = use_state(|| None::<String>);
    // What the module is given when it mounts, and where an import goes:
    // the props of the latest render.
    let latest = use_mut_ref(|| None::<(usize, Rc<Vec<String>>, Callback<Imported>)>);
    *latest.borrow_mut() = Some((
        props.existing,
        props.wanted.clone(),
        props.onimported.clone(),
    ));
    let mounted = use_mut_ref(|| None::<Mounted>);
    {
        let (root, unavailable, ready, problem, latest, mounted) = (
            root.clone(),
            unavailable.clone(),
            ready.clone(),
            problem.clone(),
            latest.clone(),
            mounted.clone(),
        );
        use_effect_with((), move |()| {
            let gone = Rc::new(std::cell::Cell::new(false));
            let stop = gone.clone();
            let held = mounted.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // The view's tables first.
                crate::browser::after_paint().await;
                let module = load().await;
                if gone.get() {
                    return;
                }
                let given = latest.borrow().clone();
                let element = root.cast::<web_sys::Element>();
                let result = module.and_then(|module| {
                    let (Some((existing, wanted, _)), Some(element)) = (given, element) else {
                        return Err("the view has no room for it".to_string());
                    };
                    let onimported = Callback::from(move |imported: Imported| {
                        let current = latest.borrow().as_ref().map(|l| l.2.clone());
                        if let Some(onimported) = current {
                            onimported.emit(imported);
                        }
                    });
                    let onproblem = Callback::from(move |why: String| {
                        problem.set(Some(
                            crate::i18n::texts().measurements().import_unreadable(&why),
                        ));
                    });
                    module.mount(&element, existing, &wanted, onimported, onproblem)
                });
                match result {
                    Ok(module) => {
                        *mounted.borrow_mut() = Some(module);
                        ready.set(true);
                    }
                    Err(why) => unavailable.set(Some(why)),
                }
            });
            move || {
                stop.set(true);
                // Unmounts the module's importer.
                held.borrow_mut().take();
            }
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(
            (props.existing, props.wanted.clone()),
            move |(existing, wanted)| {
                if let Some(module) = mounted.borrow().as_ref() {
                    module.update(*existing, wanted);
                }
            },
        );
    }
    let t = crate::i18n::texts().measurements();
    html! {
        <>
            <div id="measurements-import-root">
                // Until the module has mounted, or why it could not.
                if !*ready {
                    <p class="loading" role="status" id="measurements-import-loading">
                        { unavailable.as_deref().map_or_else(|| t.import_loading.to_string(), |why| t.import_unavailable(why)) }
                    </p>
                }
                // The module's own: this render never gives it children.
                <div ref={root}></div>
            </div>
            if let Some(problem) = &*problem {
                <p class="error" role="alert" id="measurements-import-problem">{ problem.clone() }</p>
            }
        </>
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::state::import::BatchRef;
    use sla_import::dataset::{Batch, Outage, TextId, Ticket};
    use sla_import::mapping::Kind;

    /// A batch of `outages` outages and `tickets` tickets, each different.
    fn batch(outages: usize, tickets: usize) -> BatchRef {
        let mut batch = Batch::new("file.csv", Kind::Outages, "UTC");
        let priority = batch.texts.intern("P2");
        for i in 0..outages {
            let service = batch.texts.intern(&format!("service-{}", i % 7));
            let cause = batch.texts.push(&format!("cause {i}"));
            batch.outages.push(Outage {
                service,
                start: 1_772_704_800_000_000_000 + i as i64,
                end: 1_772_708_400_000_000_000,
                impact_ppb: if i % 3 == 0 {
                    500_000_000
                } else {
                    1_000_000_000
                },
                planned: i % 5 == 0,
                supplier: TextId::NONE,
                cause,
                line: i as u32 + 2,
            });
        }
        for i in 0..tickets {
            let id = batch.texts.push(&format!("T-{i}"));
            batch.tickets.push(Ticket {
                id,
                service: TextId::NONE,
                priority,
                created: 1_772_704_800_000_000_000 + i as i64,
                first_response: None,
                resolved: None,
                verdict: None,
                line: i as u32 + 2,
            });
        }
        BatchRef(Rc::new(batch))
    }

    fn handed(batches: Vec<BatchRef>, replaced: bool) -> Handed {
        Handed { batches, replaced }
    }

    /// Gives every part of `handed` (as import `n`) to `receiver`.
    fn hand(receiver: &mut Receiver, n: u64, handed: &Handed) -> Option<Imported> {
        let mut out = None;
        for (step, json) in parts(handed) {
            out = receiver.take(n, step, &json).expect("read");
        }
        out
    }

    #[test]
    fn an_import_handed_over_in_parts_arrives_whole_and_in_order() {
        let two = handed(
            vec![batch(2 * PART_RECORDS + 7, 0), batch(3, PART_RECORDS + 1)],
            true,
        );
        let steps: Vec<Step> = parts(&two).map(|(step, _)| step).collect();
        let mut expected = vec![Step::Replace];
        // 3 + 1 parts of outages (one per batch at least), 2 of tickets.
        expected.extend([Step::Records; 6]);
        expected.push(Step::End);
        assert_eq!(steps, expected);
        let mut receiver = Receiver::default();
        let whole = two.imported();
        assert_eq!(whole.measurements.outages.len(), 2 * PART_RECORDS + 10);
        assert_eq!(hand(&mut receiver, 1, &two), Some(whole));
        // Nothing is left over for a later import.
        let added = handed(vec![batch(3, 0)], false);
        assert_eq!(hand(&mut receiver, 2, &added), Some(added.imported()));
        // An importer holding nothing hands over an empty import.
        let empty = handed(Vec::new(), true);
        assert_eq!(hand(&mut receiver, 3, &empty), Some(empty.imported()));
    }

    #[test]
    fn an_import_cut_short_by_a_later_one_is_never_given() {
        let first = handed(vec![batch(3 * PART_RECORDS, 0)], false);
        let second = handed(vec![batch(5, 2)], false);
        let mut receiver = Receiver::default();
        let mut first_parts = parts(&first);
        for (step, json) in first_parts.by_ref().take(2) {
            assert_eq!(receiver.take(1, step, &json), Ok(None));
        }
        assert_eq!(hand(&mut receiver, 2, &second), Some(second.imported()));
        // What the first import still had to give is dropped.
        for (step, json) in first_parts {
            assert_eq!(receiver.take(1, step, &json), Ok(None));
        }
    }

    #[test]
    fn an_unreadable_part_is_refused_at_its_record_and_drops_the_import() {
        let one = handed(vec![batch(PART_RECORDS + 1, 0)], false);
        let mut receiver = Receiver::default();
        let mut given = parts(&one);
        for (step, json) in given.by_ref().take(2) {
            assert_eq!(receiver.take(1, step, &json), Ok(None));
        }
        let broken = r#"{"format":"sla-measurements","version":1,"outages":[{"service":"web","start":"yesterday","end":"2026-03-02T11:00:00Z"}]}"#;
        let problem = receiver
            .take(1, Step::Records, broken)
            .expect_err("refused");
        assert!(
            problem.starts_with(&format!("outages[{PART_RECORDS}].start: ")),
            "{problem}"
        );
        assert_eq!(receiver.take(1, Step::End, ""), Ok(None));
    }

    #[test]
    fn a_step_is_named_and_read_back() {
        for step in [Step::Add, Step::Replace, Step::Records, Step::End] {
            assert_eq!(Step::from_name(step.name()), Some(step));
        }
        assert_eq!(Step::from_name("all"), None);
    }
}
