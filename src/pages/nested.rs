//! A module's Yew app mounted inside a page's app (another wasm, another
//! Yew): its tree must not take a number the page's trees use.

use js_sys::Reflect;
use yew::prelude::*;

/// The id Yew gave the tree whose host (or branded element) `element` is.
fn tree_id(element: &web_sys::Element) -> Option<u32> {
    Reflect::get(element, &"__yew_subtree_id".into())
        .ok()
        .and_then(|id| id.as_f64())
        .map(|id| id as u32)
}

#[component]
fn Nothing() -> Html {
    Html::default()
}

/// Makes the next Yew tree of this wasm take an id above those of the
/// page's trees around `root`: called by every module that mounts an app
/// inside a page's (the calculator's import panel, the workbench's import).
///
/// Each wasm's Yew numbers its trees from 1, and brands their elements with
/// the number; an app handles an event when the element nearest the target
/// that carries a number carries its own. The workbench's app is tree 1, so
/// an importer mounted as tree 1 inside it would have its clicks handled by
/// the workbench too (with the listener of the workbench's that happens to
/// have the same listener number: a click on "Read pasted rows" showed the
/// Report). Yew has no way to choose the number, so throwaway trees on a
/// detached element take the numbers up to the page's highest.
pub fn above_outer_trees(root: &web_sys::Element) {
    let mut highest = 0;
    let mut around = root.parent_element();
    while let Some(element) = around {
        highest = highest.max(tree_id(&element).unwrap_or(0));
        around = element.parent_element();
    }
    let Some(document) = root.owner_document() else {
        return;
    };
    loop {
        let Ok(scratch) = document.create_element("div") else {
            return;
        };
        let app = yew::Renderer::<Nothing>::with_root(scratch.clone()).render();
        let taken = tree_id(&scratch);
        app.destroy();
        // Unbranded (a Yew that no longer brands its hosts): nothing to avoid.
        if taken.is_none_or(|id| id >= highest) {
            return;
        }
    }
}
