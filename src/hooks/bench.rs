//! [`use_bench`]: the workbench's [`Bench`] kept in one cell, changed in
//! place (see the large-file notes in [`crate::state::workbench::workspace`]).

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use crate::state::workbench::workspace::{Action, Bench, Measured};

/// The workbench's bench as a component keeps it ([`use_bench`]): one
/// bench in one cell, changed in place by [`Bench::apply`] (not cloned per
/// action as a `use_reducer` state is, which would make every measurement
/// edit copy the file), and the component drawn again after each change.
#[derive(Clone)]
pub struct BenchHandle {
    cell: Rc<RefCell<Bench>>,
    redraw: yew::functional::UseForceUpdateHandle,
    /// The revision this handle was made at (handles compare by it).
    revision: u64,
}

impl PartialEq for BenchHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.cell, &other.cell) && self.revision == other.revision
    }
}

impl BenchHandle {
    /// Applies `action`; the component is drawn again if it changed
    /// anything. While the bench is borrowed (a view reading it), the action
    /// waits for the borrow to end rather than being lost.
    pub fn dispatch(&self, action: Action) {
        let changed = match self.cell.try_borrow_mut() {
            Ok(mut bench) => {
                let before = bench.revision;
                bench.apply(action);
                bench.revision != before
            }
            Err(_) => {
                let this = self.clone();
                wasm_bindgen_futures::spawn_local(async move { this.dispatch(action) });
                false
            }
        };
        if changed {
            self.redraw.force_update();
        }
    }

    /// The bench, for as long as the borrow is held: not across a dispatch.
    pub fn get(&self) -> Ref<'_, Bench> {
        self.cell.borrow()
    }

    /// The measurements for a view (see [`Measured`]).
    pub fn measured(&self) -> Measured {
        Measured::bench(&self.cell)
    }

    /// The cell itself, for what must read the bench later (the autosave's
    /// timers and page listeners).
    pub fn cell(&self) -> Rc<RefCell<Bench>> {
        self.cell.clone()
    }
}

/// Keeps a [`Bench`] for a component: made by `init` on the first render.
#[yew::hook]
pub fn use_bench<F>(init: F) -> BenchHandle
where
    F: FnOnce() -> Bench,
{
    let cell = yew::functional::use_mut_ref(init);
    let redraw = yew::functional::use_force_update();
    let revision = cell.try_borrow().map_or(0, |b| b.revision);
    BenchHandle {
        cell,
        redraw,
        revision,
    }
}
