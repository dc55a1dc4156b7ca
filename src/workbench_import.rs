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
//!   function, as the measurement file's JSON and whether it replaces.
//! - **The workbench's side** ([`load`], [`Mounted`]): loads the module once,
//!   mounts it, passes the view's changes on and unmounts it when dropped.
//!   The JSON comes back through [`imported`] (`load::measurements`, which the
//!   workbench links anyway to open files).
//!
//! Only the module's binary calls the first, so only its wasm links the
//! import. The component tests cannot load a module: they give the
//! Measurements view [`embedded`] to render the importer directly.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Reflect};
use sla_engine::model::load;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::components::import::{status, Import, Imported, PriorityTargets};

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
    pub onimported: Callback<Imported>,
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
    html! { <EmbeddedImport {existing} {wanted} {onimported} /> }
}

thread_local! {
    /// The importer mounted by [`mount`] and its callback, until [`unmount`].
    static APP: RefCell<Option<(yew::AppHandle<EmbeddedImport>, Callback<Imported>)>> =
        const { RefCell::new(None) };
}

/// The priorities given as JSON (a list of strings); none when unreadable.
fn wanted_of(json: &str) -> Rc<Vec<String>> {
    Rc::new(serde_json::from_str(json).unwrap_or_default())
}

/// Mounts the importer in `root` (an element of its own), with the
/// `existing` records and the `wanted` priorities (JSON). After each import
/// it calls `on_imported(measurements, replaced)`: every record it holds as
/// a measurement file's JSON, and whether they replace the workspace's.
pub fn mount(root: web_sys::Element, existing: usize, wanted: &str, on_imported: Function) {
    unmount();
    root.set_inner_html("");
    crate::pages::nested::above_outer_trees(&root);
    let onimported = Callback::from(move |imported: Imported| {
        let json = serde_json::to_string(&imported.measurements).unwrap_or_default();
        // An exception there is the workbench's to report; nothing to undo here.
        let _ = on_imported.call2(
            &JsValue::NULL,
            &JsValue::from_str(&json),
            &JsValue::from_bool(imported.replaced),
        );
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

/// Destroys the mounted importer (the Measurements view went away).
pub fn unmount() {
    if let Some((app, _)) = APP.with(|slot| slot.borrow_mut().take()) {
        app.destroy();
    }
}

// ---------------------------------------------------------------------------
// The workbench's side.

thread_local! {
    /// The module's exports once loaded.
    static BINDINGS: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// The loaded module: [`Module::mount`] puts the importer in an element.
#[derive(Clone)]
pub struct Module(JsValue);

/// Loads the module, once (see [`crate::browser::load_lazy`]).
///
/// # Errors
/// The module did not load (offline before it was ever cached); the
/// browser's message.
pub async fn load() -> Result<Module, String> {
    if let Some(bindings) = BINDINGS.with(|b| b.borrow().clone()) {
        return Ok(Module(bindings));
    }
    let namespace = crate::browser::load_lazy(MODULE).await?;
    // The boot module's `export default bindings`.
    let bindings = Reflect::get(&namespace, &"default".into())
        .ok()
        .filter(|b| b.is_object())
        .ok_or_else(|| format!("the module `{MODULE}` exports nothing"))?;
    BINDINGS.with(|b| *b.borrow_mut() = Some(bindings.clone()));
    Ok(Module(bindings))
}

fn call(bindings: &JsValue, name: &str, args: &[JsValue]) -> Result<(), String> {
    let function = Reflect::get(bindings, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("the module `{MODULE}` has no `{name}`"))?;
    let args: js_sys::Array = args.iter().collect();
    function
        .apply(&JsValue::NULL, &args)
        .map(|_| ())
        .map_err(|e| {
            let why = e
                .as_string()
                .or_else(|| {
                    Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                })
                .unwrap_or_default();
            format!("`{name}` of the module `{MODULE}` failed: {why}")
        })
}

fn wanted_json(wanted: &[String]) -> JsValue {
    JsValue::from_str(&serde_json::to_string(wanted).unwrap_or_default())
}

/// An import handed back by the module: the measurement file's JSON read
/// as the workbench reads a measurement file.
///
/// # Errors
/// The JSON is not a measurement file (the problems, joined).
pub fn imported(json: &str, replaced: bool) -> Result<Imported, String> {
    load::measurements(json)
        .map(|measurements| Imported {
            measurements,
            replaced,
        })
        .map_err(|problems| {
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })
}

impl Module {
    /// Mounts the importer in `root`; each import is read ([`imported`]) and
    /// given to `onimported` (an unreadable one to `onproblem`). The
    /// importer stays until the [`Mounted`] is dropped.
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
        let on_imported = Closure::<dyn Fn(String, bool)>::new(move |json: String, replaced| {
            match imported(&json, replaced) {
                Ok(imported) => onimported.emit(imported),
                Err(problem) => onproblem.emit(problem),
            }
        });
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
    /// Called by the module after each import: kept as long as it is mounted.
    _on_imported: Closure<dyn Fn(String, bool)>,
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
