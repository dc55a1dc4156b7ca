//! The SLA calculator app: input, state and rendering only. Every figure it
//! shows comes from `sla_engine`.
//!
//! - [`app`]: the screen and its wiring to the URL.
//! - [`state`]: the quick calculator's state, its actions and its URL form.
//! - [`components`]: one component per file, named for what it shows.
//! - [`format`]: locale-aware display of engine values.

pub mod app;
pub mod components;
pub mod format;
pub mod state;

/// Mounts the app into `#app` (replacing the prerendered skeleton) and
/// registers the service worker that makes the site work offline.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    root.set_inner_html("");
    yew::Renderer::<app::App>::with_root(root).render();
    register_service_worker();
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
