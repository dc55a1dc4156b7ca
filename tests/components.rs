//! Component tests in a real headless Chromium (wasm-bindgen-test): the app is
//! mounted from a given URL fragment, driven through its DOM, and its output read
//! back. Run with `cargo test -p sla-app --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use sla_app::pages::calculator::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, InputEvent, InputEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// Mounts the app into a fresh element and waits for its first render.
async fn mount(fragment: &str) -> Element {
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    let props = AppProps {
        fragment: Some(fragment.to_string()),
        month: Some("2026-02".to_string()),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn input(root: &Element, id: &str) -> HtmlInputElement {
    root.query_selector(&format!("#{id}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .unwrap_or_else(|| panic!("no input #{id}"))
}

async fn type_into(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).expect("event");
    field.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
}

/// The text of the row whose header starts with `period` in the allowed-downtime table.
fn downtime_row(root: &Element, period: &str) -> String {
    let rows = root
        .query_selector_all("table.downtime tbody tr")
        .expect("rows");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.text_content())
        .find(|t| t.starts_with(period))
        .unwrap_or_else(|| panic!("no row {period}"))
}

#[wasm_bindgen_test]
async fn the_calculator_shows_allowed_downtime_for_a_typed_target() {
    let root = mount("t=99.9").await;
    // 99.9 % of 2,629,746 s = 2,629.746 s = 43m 50s
    assert!(downtime_row(&root, "month (average)").contains("43m 50s"));
    // 99.9 % of February 2026 (2,419,200 s) = 2,419.2 s = 40m 19s
    assert!(downtime_row(&root, "February 2026").contains("40m 19s"));

    type_into(&input(&root, "target-0"), "99.99").await;
    // 0.01 % of 2,629,746 s = 262.9746 s = 4m 23s
    assert!(downtime_row(&root, "month (average)").contains("4m 23s"));
}

#[wasm_bindgen_test]
async fn a_bad_target_shows_an_inline_error_and_keeps_the_others() {
    let root = mount("t=99.9&t=99.5").await;
    type_into(&input(&root, "target-0"), "101").await;
    let error = root
        .query_selector("#target-0-error")
        .ok()
        .flatten()
        .expect("an error message");
    assert!(error.text_content().unwrap_or_default().contains("100"));
    // 0.5 % of a day = 432 s = 7m 12s
    assert!(downtime_row(&root, "day").contains("7m 12s"));
}
