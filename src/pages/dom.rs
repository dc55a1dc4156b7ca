//! Building blocks of the pages written straight against the DOM
//! (`web-sys`, without Yew: the embed and the compare page, whose first
//! loads are kept small). Every text goes in through `textContent` or an
//! attribute, never as markup.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, Node};

/// A new element, appended to `parent`, with its attributes.
pub fn el(doc: &Document, parent: &Node, tag: &str, attrs: &[(&str, &str)]) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    for (name, value) in attrs {
        let _ = e.set_attribute(name, value);
    }
    parent.append_child(&e).ok()?;
    Some(e)
}

/// [`el`] with its text.
pub fn text(doc: &Document, parent: &Node, tag: &str, attrs: &[(&str, &str)], words: &str) {
    if let Some(e) = el(doc, parent, tag, attrs) {
        e.set_text_content(Some(words));
    }
}

/// A text node appended to `parent`.
pub fn words(doc: &Document, parent: &Node, words: &str) {
    let _ = parent.append_child(&doc.create_text_node(words));
}

/// `<p><strong>{prefix}</strong>{rest}</p>` in `parent`.
pub fn labelled(doc: &Document, parent: &Node, prefix: &str, rest: &str) {
    if let Some(p) = el(doc, parent, "p", &[]) {
        text(doc, &p, "strong", &[], prefix);
        words(doc, &p, rest);
    }
}

/// Sets an element's text only when it changed (a live region then
/// announces only real changes).
pub fn set_text(e: &Element, words: &str) {
    if e.text_content().as_deref() != Some(words) {
        e.set_text_content(Some(words));
    }
}

/// The element `id` inside `root` (a page's `<main>`: a test document
/// may hold several pages, each with the same ids).
pub fn by_id(root: &Element, id: &str) -> Option<Element> {
    root.query_selector(&format!("#{id}")).ok().flatten()
}

/// Gives the element `id` inside `root` the focus, if it is there.
pub fn focus(root: &Element, id: &str) {
    if let Some(e) = by_id(root, id).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = e.focus();
    }
}
