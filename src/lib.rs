//! The SLA calculator app: input, state and rendering only. Every figure it
//! shows comes from `sla_engine`.
//!
//! - [`pages`]: one module per page: [`pages::calculator`],
//!   [`pages::workbench`], [`pages::compare`], [`pages::embed`] and the
//!   import module's root, [`pages::import_panel`]. A page owns its state
//!   and maps what its components report to its actions; a page's own
//!   large views live beside it (`pages/workbench/`, `pages/compare/`).
//! - [`components`]: what more than one page could show, one per file,
//!   named for what it shows. A component takes data as props and reports
//!   what the user did through `on_<verb>` callbacks (`on_set_target`,
//!   `on_add_target`…), never a page's `dispatch`.
//! - [`hooks`]: custom hooks (the workbench's bench).
//! - [`state`]: reducers grouped by page (`state::calculator`,
//!   `state::workbench`, `state::compare`, `state::embed`) and the import's,
//!   shared by the calculator and the workbench (`state::import`).
//! - [`browser`]: all browser access goes through one seam,
//!   [`browser::Browser`] (the clock, storage, files, the clipboard), with
//!   three implementations: [`browser::WEB`] (the default),
//!   [`browser::EMBED`] (no storage) and [`browser::TEST`] (in memory).
//!   Below it: Intl time zones, file slices, IndexedDB's requests, share
//!   links, lazy modules, timers and yielding to the page.
//! - [`format`]: locale-aware display of engine values.
//! - [`i18n`]: the message catalogue, every text the app shows, one group
//!   per screen.
//! - [`interop`]: the workbench's OpenSLO and iCalendar module, loaded on
//!   first use: its functions and the workbench's calls to them.
//! - [`workbench_import`]: the workbench's measurement import module,
//!   loaded when the Measurements view is first shown: the importer it
//!   mounts and the view's calls to it.

pub mod advisor;
pub mod bench;
pub mod browser;
pub mod components;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod interop;
pub mod pages;
pub mod requirements;
pub mod simulator;
pub mod state;
pub mod templates;
pub mod workbench_import;

/// Mounts the quick calculator's page into `#app` (replacing the prerendered
/// skeleton) and registers the service worker that makes the site work
/// offline. A fragment that belongs to the workbench (a link made before the
/// workbench had its own page) is sent on to `workbench.html` instead.
pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fragment = window.location().hash().unwrap_or_default();
    if pages::calculator::is_workbench_fragment(&fragment) {
        let _ = window.location().replace(&format!(
            "{}{fragment}",
            components::site_header::WORKBENCH_PAGE
        ));
        return;
    }
    mount::<pages::calculator::App>();
}

/// Mounts the agreement workbench's page (`workbench.html`) into `#app`,
/// once the stored workspaces have been read (IndexedDB answers later):
/// until then the prerendered page says that the workbench is loading, so
/// no workspace is shown, nor autosaved, before the stored one.
pub fn start_workbench() {
    browser::zone::install();
    wasm_bindgen_futures::spawn_local(async {
        let month = browser::current_month();
        let opened = pages::workbench::Opened::read().await;
        let handle =
            mount_with::<pages::workbench::WorkbenchPage>(pages::workbench::WorkbenchPageProps {
                month: Some(month),
                opened,
                // Loaded when first wanted (`pages::workbench::handover`).
                editors: pages::workbench::Editors::default(),
                defer_report: true,
            });
        if let Some(handle) = handle {
            pages::workbench::handover::keep_first(move || handle.destroy());
        }
    });
}

/// Mounts the whole workbench (`workbench-editor.html`, the module that has
/// its editors) as the page's first module handed it over (`handover`, see
/// [`pages::workbench::handover`]): once the stored workspace is read,
/// `before_mount` destroys the first module's app and this one takes its
/// place in `#app`.
pub async fn start_workbench_editor(handover: String, before_mount: js_sys::Function) {
    browser::zone::install();
    let month = browser::current_month();
    let opened = pages::workbench::Opened::resume(&handover).await;
    // The first module's callback only destroys its app (a Rust closure
    // that does not throw); were it to fail, the page says so and this
    // module does not mount over an app that still runs.
    if before_mount.call0(&wasm_bindgen::JsValue::NULL).is_err() {
        web_sys::console::error_1(&"the workbench's first module could not be stopped".into());
        return;
    }
    mount_with::<pages::workbench::WorkbenchPage>(pages::workbench::WorkbenchPageProps {
        month: Some(month),
        opened,
        editors: pages::workbench::Editors::FULL,
        defer_report: true,
    });
}

/// Mounts the embed page (`embed.html`, shown in a vendor's iframe) into
/// `#app`. It registers no service worker and uses no storage: a
/// third-party iframe may have neither.
pub fn start_embed() {
    browser::install(&browser::EMBED);
    browser::zone::install();
    // The prerendered `<main>` of embed.html is built on, not replaced by a
    // Yew app: the embed is written straight against the DOM.
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(main) = window.document().and_then(|d| d.get_element_by_id("main")) else {
        return;
    };
    let fragment = window.location().hash().unwrap_or_default();
    pages::embed::mount(main, &fragment, browser::current_month());
}

/// The calculator's import panel, a module of its own (`import-panel.html`)
/// that the calculator loads once its first result shows: mounts the panel
/// in the calculator's `#import-root`.
pub fn start_import_panel() {
    browser::zone::install();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(pages::calculator::IMPORT_ROOT))
    else {
        return;
    };
    root.set_inner_html("");
    // Its app sits inside the calculator's (another wasm's Yew): without
    // numbers of its own, its clicks would also run the calculator's handlers.
    pages::nested::above_outer_trees(&root);
    yew::Renderer::<pages::import_panel::ImportPanel>::with_root(root).render();
}

/// Mounts the "Compare vendor SLAs" page (`compare.html`) into `#app`: one
/// outage log evaluated under several vendors' SLA presets, and the claim
/// helper. Its input is kept in `localStorage` (when the browser allows it).
pub fn start_compare() {
    browser::zone::install();
    // The prerendered header of compare.html stays; the page is built in
    // its `<main>`, straight against the DOM (no Yew app).
    pages::compare::start();
    register_service_worker();
}

fn mount<C>()
where
    C: yew::BaseComponent,
    C::Properties: Default,
{
    mount_with::<C>(C::Properties::default());
}

fn mount_with<C: yew::BaseComponent>(props: C::Properties) -> Option<yew::AppHandle<C>> {
    browser::zone::install();
    let document = web_sys::window().and_then(|w| w.document())?;
    let root = document.get_element_by_id("app")?;
    root.set_inner_html("");
    let handle = yew::Renderer::<C>::with_root_and_props(root, props).render();
    register_service_worker();
    Some(handle)
}

/// Offline support: `sw.js` (copied beside index.html) caches the app's files.
/// Only over http(s); a failure only means no offline use, so it is ignored.
fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let protocol = window.location().protocol().unwrap_or_default();
    if protocol != "http:" && protocol != "https:" {
        return;
    }
    let navigator = window.navigator();
    // Absent in insecure contexts and some embedded browsers: calling it then would throw.
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let _ignored_promise = navigator.service_worker().register("./sw.js");
}

/// The benchmark's entry point (`scripts/import-bench.mjs`): a whole import
/// of `bytes` held in memory (detection, parsing, typed validation and
/// normalisation into records), in one call. Returns the counts as JSON.
/// Exported to JavaScript by the calculator's binary (`src/main.rs`).
pub fn import_bench(bytes: &[u8], kind: &str) -> String {
    use sla_import::dialect::SAMPLE_BYTES;
    use sla_import::mapping::{prepare, Kind, Overrides};
    let sample = bytes
        .get(..bytes.len().min(SAMPLE_BYTES))
        .unwrap_or_default();
    let overrides = Overrides {
        kind: Kind::from_id(kind),
        ..Overrides::default()
    };
    let error = |message: String| format!("{{\"error\":{message:?}}}");
    let proposal = match prepare(sample, sample.len() == bytes.len(), "UTC", &overrides) {
        Ok((proposal, _)) => proposal,
        Err(e) => return error(e.to_string()),
    };
    match sla_import::import::import_bytes(
        bytes,
        proposal.settings,
        sla_import::zone::Zone::utc(),
        "bench",
    ) {
        Ok(outcome) => format!(
            "{{\"records\":{},\"used\":{},\"skipped\":{},\"bytes\":{}}}",
            outcome.summary.rows,
            outcome.summary.used,
            outcome.summary.skipped,
            outcome.summary.bytes
        ),
        Err(problems) => error(problems.join(" ")),
    }
}
