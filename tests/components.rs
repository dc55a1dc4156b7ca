//! Component tests in a real headless Chromium (wasm-bindgen-test): the app is
//! mounted from a given URL fragment, driven through its DOM, and its output read
//! back. Run with `cargo test -p sla-app --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{fresh_root, input, type_into};
use sla_app::pages::calculator::{App, AppProps};
use wasm_bindgen_test::*;
use web_sys::Element;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element and waits for its first render.
async fn mount(fragment: &str) -> Element {
    let root = fresh_root();
    let props = AppProps {
        fragment: Some(fragment.to_string()),
        month: Some("2026-02".to_string()),
    };
    yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
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
