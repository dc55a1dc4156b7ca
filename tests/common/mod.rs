//! What the component tests share: a fresh element to mount into, waiting,
//! finding things as a person would (by label, by a button's name) and
//! acting as one (typing, choosing, ticking, clicking). Each test binary
//! (`tests/<area>.rs`) has `mod common;` and uses what it needs.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement, InputEvent,
    InputEventInit,
};

// ---------------------------------------------------------------------------
// Mounting and waiting

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh element in the page's body to mount a view into, with the
/// browser's time zones installed (as every page's start does).
pub fn fresh_root() -> Element {
    sla_app::browser::zone::install();
    let root = document().create_element("div").expect("div");
    document()
        .body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    root
}

/// Milliseconds on the browser's own clock (not the app's seam, whose test
/// clock stands still), for timeouts.
pub fn real_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Waits (a page task at a time, up to 20 s) until `ready` holds.
pub async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = real_ms();
    while !ready() {
        if real_ms() - started > 20_000.0 {
            panic!("timed out waiting for {what}");
        }
        sla_app::browser::yield_now().await;
        yew::scheduler::flush().await;
    }
}

/// `localStorage` of the test browser.
pub fn storage() -> web_sys::Storage {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .expect("localStorage in the test browser")
}

/// Removes every key of this app (`sla.…`) from `localStorage`.
pub fn clear_app_keys() {
    let storage = storage();
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with("sla."))
        .collect();
    for key in keys {
        storage.remove_item(&key).expect("remove");
    }
}

// ---------------------------------------------------------------------------
// Finding things as a person would

pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

/// The element `selector` finds; the test fails without one.
pub fn get(root: &Element, selector: &str) -> Element {
    find(root, selector).unwrap_or_else(|| panic!("no {selector}"))
}

pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).expect("a selector");
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

/// The text of what `selector` finds (empty when nothing is found).
pub fn text(root: &Element, selector: &str) -> String {
    find(root, selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

pub fn trimmed(e: &Element) -> String {
    e.text_content().unwrap_or_default().trim().to_string()
}

/// The input `#id`.
pub fn input(root: &Element, id: &str) -> HtmlInputElement {
    find(root, &format!("#{id}"))
        .and_then(|e| e.dyn_into().ok())
        .unwrap_or_else(|| panic!("no input #{id}"))
}

/// The button a person would find by its accessible name.
pub fn button(root: &Element, name: &str) -> HtmlElement {
    all(root, "button")
        .into_iter()
        .filter_map(|e| e.dyn_into::<HtmlElement>().ok())
        .find(|b| b.get_attribute("aria-label").as_deref() == Some(name) || trimmed(b) == name)
        .unwrap_or_else(|| panic!("no button {name:?}"))
}

/// The control labelled `label` (exactly) inside `scope`.
pub fn labelled(scope: &Element, label: &str) -> Element {
    let id = all(scope, "label")
        .into_iter()
        .find(|l| trimmed(l) == label)
        .and_then(|l| l.get_attribute("for"))
        .unwrap_or_else(|| panic!("no label {label:?}"));
    find(scope, &format!("#{id}")).unwrap_or_else(|| panic!("no control #{id} for {label:?}"))
}

pub fn value_of(control: &Element) -> String {
    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
        select.value()
    } else {
        panic!("not a form control: {}", control.outer_html())
    }
}

pub fn is_disabled(root: &Element, selector: &str) -> bool {
    get(root, selector).has_attribute("disabled")
}

// ---------------------------------------------------------------------------
// Acting as a person would

/// An event of `kind` that bubbles, as the browser's `input` and `change` do.
pub fn bubbling(kind: &str) -> InputEvent {
    let init = InputEventInit::new();
    init.set_bubbles(true);
    InputEvent::new_with_event_init_dict(kind, &init).expect("event")
}

/// Replaces the text of an input or textarea as typing does (one `input` event).
pub async fn type_into(control: &Element, typed: &str) {
    if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
        input.set_value(typed);
    } else if let Some(area) = control.dyn_ref::<HtmlTextAreaElement>() {
        area.set_value(typed);
    } else {
        panic!("cannot type into {}", control.outer_html());
    }
    control
        .dispatch_event(&bubbling("input"))
        .expect("dispatch");
    yew::scheduler::flush().await;
}

/// Picks an option of a select (a bubbling `change` event, as the browser sends).
pub async fn choose(control: &Element, value: &str) {
    let select: &HtmlSelectElement = control.dyn_ref().expect("a select");
    select.set_value(value);
    assert_eq!(select.value(), value, "no option {value:?}");
    control
        .dispatch_event(&bubbling("change"))
        .expect("dispatch");
    yew::scheduler::flush().await;
}

/// Ticks (`on`) or clears a checkbox or a radio (a bubbling `change` event).
pub async fn tick(control: &Element, on: bool) {
    let input: &HtmlInputElement = control.dyn_ref().expect("a checkbox or radio");
    input.set_checked(on);
    control
        .dispatch_event(&bubbling("change"))
        .expect("dispatch");
    yew::scheduler::flush().await;
}

pub async fn click(element: &HtmlElement) {
    element.click();
    yew::scheduler::flush().await;
}
