//! [`use_autosave`]: the workbench's autosave. A change is written once
//! changes pause ([`store::Schedule`]), a newly opened workspace at once,
//! both serialised in slices with the page's turn between them
//! ([`Store::save_in_slices`]: a large workspace never blocks the page);
//! whatever waits, or is still being serialised, is written at once, in one
//! go, when the page is hidden or left, and when the page flushes it before
//! another workspace opens, an export or a share link.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::hooks::bench::BenchHandle;
use crate::i18n::texts;
use crate::state::workbench::store::{self, Store};

/// Where the end of a save is shown: the saved line, the list of stored
/// workspaces, the warning on leaving.
#[derive(Clone)]
struct Shown {
    store: Rc<Store>,
    autosave: std::rc::Weak<RefCell<Autosave>>,
    saved: UseStateHandle<Option<String>>,
    index: UseStateHandle<store::Index>,
    leave_warned: Rc<RefCell<bool>>,
}

impl Shown {
    /// Shows how a save ended.
    async fn ended(&self, result: Result<(), String>) {
        // Changes made meanwhile wait for the next save.
        let waiting = self.autosave.upgrade().is_some_and(|autosave| {
            let mut autosave = autosave.borrow_mut();
            autosave.schedule.ended(result.is_ok());
            autosave.schedule.pending()
        });
        match result {
            Ok(()) => {
                *self.leave_warned.borrow_mut() = false;
                if !waiting {
                    self.saved.set(Some(texts().workbench().saved.into()));
                }
                self.index.set(self.store.index().await);
            }
            Err(e) => self.saved.set(Some(texts().workbench().not_saved(&e))),
        }
    }
}

/// The autosave of the open workspace: what waits, and the timer that
/// writes it (see [`store::Schedule`]).
#[derive(Default)]
pub struct Autosave {
    pub schedule: store::Schedule,
    timer: Option<browser::Timeout>,
    /// The workspace last seen: another one is written at once.
    id: Option<String>,
    /// Writes the open workspace now, in one go, and shows the outcome.
    write: Option<Rc<dyn Fn()>>,
    /// Starts writing the open workspace in slices, and shows the outcome.
    write_in_slices: Option<Rc<dyn Fn()>>,
    /// Counts the saves started: a save in slices goes on only while it is
    /// the last one started.
    generation: u64,
    /// The save in slices under way, by its generation.
    in_flight: Option<u64>,
    /// The workspace read from the store at the start, at its revision: not
    /// written again until it changes (a large one takes seconds to write).
    unchanged: Option<(String, u64)>,
    /// Saves started and not ended yet (of either kind).
    writing: u32,
}

impl Autosave {
    /// Writes what waits, or is still being serialised, now and in one go
    /// (nothing when nothing waits): the page may be being left.
    pub fn flush(cell: &Rc<RefCell<Autosave>>) {
        let write = {
            let mut state = cell.borrow_mut();
            state.timer = None;
            if !state.schedule.pending() && state.in_flight.is_none() {
                return;
            }
            state.write.clone()
        };
        if let Some(write) = write {
            write();
        }
    }

    /// Whether everything is written: nothing waits, no save is under way
    /// (whether the last one worked is [`store::Schedule::failed`]).
    pub fn idle(cell: &Rc<RefCell<Autosave>>) -> bool {
        let state = cell.borrow();
        !state.schedule.pending() && state.in_flight.is_none() && state.writing == 0
    }

    /// Forgets what waits and stops a save in slices under way (it writes
    /// nothing): the workspace is being deleted.
    pub fn cancel(cell: &Rc<RefCell<Autosave>>) {
        let mut state = cell.borrow_mut();
        state.timer = None;
        state.schedule.saved(true);
        state.generation += 1;
        state.in_flight = None;
    }

    /// Starts writing what waits, in slices (nothing when nothing waits).
    fn save_soon(cell: &Rc<RefCell<Autosave>>) {
        let write = {
            let mut state = cell.borrow_mut();
            state.timer = None;
            if !state.schedule.pending() {
                return;
            }
            state.write_in_slices.clone()
        };
        if let Some(write) = write {
            write();
        }
    }

    /// Sets the timer for when what waits is due (replacing the one set
    /// for an earlier change).
    fn arm(cell: &Rc<RefCell<Autosave>>) {
        let Some(due) = cell.borrow().schedule.due() else {
            return;
        };
        let weak = Rc::downgrade(cell);
        let timer = browser::Timeout::new(due - browser::now_ms(), move || {
            if let Some(cell) = weak.upgrade() {
                let early = cell
                    .borrow()
                    .schedule
                    .due()
                    .is_some_and(|due| due > browser::now_ms() + 1.0);
                if early {
                    Autosave::arm(&cell);
                } else {
                    Autosave::save_soon(&cell);
                }
            }
        });
        cell.borrow_mut().timer = timer;
    }
}

/// Keeps the open workspace saved: `stored` says whether it was read from
/// the store as it is (not written again until it changes); `saved` shows
/// the outcome, `index` the stored workspaces after a save, and
/// `leave_warned` is cleared by a save that succeeds.
#[hook]
pub fn use_autosave(
    bench: &BenchHandle,
    store: &Rc<Store>,
    stored: bool,
    saved: &UseStateHandle<Option<String>>,
    index: &UseStateHandle<store::Index>,
    leave_warned: &Rc<RefCell<bool>>,
) -> Rc<RefCell<Autosave>> {
    let autosave = use_mut_ref(|| Autosave {
        unchanged: stored.then(|| (bench.get().id.clone(), bench.get().revision)),
        ..Autosave::default()
    });
    {
        // Set at every render, so that timers and page listeners show the
        // outcome through the current state handles.
        let shown = Shown {
            store: store.clone(),
            autosave: Rc::downgrade(&autosave),
            saved: saved.clone(),
            index: index.clone(),
            leave_warned: leave_warned.clone(),
        };
        let write: Rc<dyn Fn()> = {
            let cell = bench.cell();
            let store = store.clone();
            let autosave = Rc::downgrade(&autosave);
            let shown = shown.clone();
            Rc::new(move || {
                // Handed to the browser now (the page may be being left);
                // how it ended comes later. A save in slices under way
                // stops at its next slice.
                let saving = {
                    let bench = cell.borrow();
                    store.save(&bench.id, &bench.workspace)
                };
                if let Some(autosave) = autosave.upgrade() {
                    let mut autosave = autosave.borrow_mut();
                    autosave.schedule.started();
                    autosave.generation += 1;
                    autosave.in_flight = None;
                    autosave.writing += 1;
                }
                let (shown, autosave) = (shown.clone(), autosave.clone());
                spawn_local(async move {
                    shown.ended(saving.await).await;
                    if let Some(autosave) = autosave.upgrade() {
                        autosave.borrow_mut().writing -= 1;
                    }
                });
            })
        };
        let write_in_slices: Rc<dyn Fn()> = {
            let cell = bench.cell();
            let store = store.clone();
            let autosave = Rc::downgrade(&autosave);
            Rc::new(move || {
                let Some(state) = autosave.upgrade() else {
                    return;
                };
                let generation = {
                    let mut state = state.borrow_mut();
                    state.schedule.started();
                    state.generation += 1;
                    state.in_flight = Some(state.generation);
                    state.writing += 1;
                    state.generation
                };
                let (id, revision) = {
                    let bench = cell.borrow();
                    (bench.id.clone(), bench.revision)
                };
                let (cell, store, autosave, shown) =
                    (cell.clone(), store.clone(), autosave.clone(), shown.clone());
                spawn_local(async move {
                    // The workspace as it was when the save started, while
                    // it still is, and while no later save has started.
                    let current = || {
                        let last = autosave
                            .upgrade()
                            .is_some_and(|a| a.borrow().generation == generation);
                        let bench = cell.borrow();
                        (last && bench.id == id && bench.revision == revision)
                            .then(|| bench.workspace.clone())
                    };
                    let result = store.save_in_slices(&id, &current).await;
                    if let Some(state) = autosave.upgrade() {
                        let mut state = state.borrow_mut();
                        if state.in_flight == Some(generation) {
                            state.in_flight = None;
                        }
                    }
                    match result {
                        // What stopped it is saved by the next save.
                        Ok(store::Sliced::Superseded) => {}
                        Ok(store::Sliced::Saved) => shown.ended(Ok(())).await,
                        Err(e) => shown.ended(Err(e)).await,
                    }
                    if let Some(state) = autosave.upgrade() {
                        state.borrow_mut().writing -= 1;
                    }
                });
            })
        };
        let mut state = autosave.borrow_mut();
        state.write = Some(write);
        state.write_in_slices = Some(write_in_slices);
    }
    {
        let autosave = autosave.clone();
        let saved = saved.clone();
        let id = bench.get().id.clone();
        use_effect_with((id, bench.get().revision), move |(id, revision)| {
            let opened = {
                let mut state = autosave.borrow_mut();
                if state.unchanged.take().as_ref() == Some(&(id.clone(), *revision)) {
                    // As read from the store: nothing to write.
                    state.id = Some(id.clone());
                    return;
                }
                let opened = state.id.as_ref() != Some(id);
                state.id = Some(id.clone());
                state.schedule.changed(browser::now_ms());
                opened
            };
            if opened {
                Autosave::save_soon(&autosave);
            } else {
                Autosave::arm(&autosave);
            }
            // Until the save has ended (a large workspace is serialised in
            // slices for a while), the page does not say it is saved.
            if saved.as_deref() == Some(texts().workbench().saved) {
                saved.set(Some(texts().workbench().saving.into()));
            }
        });
    }
    {
        let autosave = autosave.clone();
        use_effect_with((), move |_| {
            let on_leave = {
                let autosave = Rc::downgrade(&autosave);
                move || {
                    if let Some(autosave) = autosave.upgrade() {
                        Autosave::flush(&autosave);
                    }
                }
            };
            let on_hidden = {
                let on_leave = on_leave.clone();
                move || {
                    if browser::page_hidden() {
                        on_leave();
                    }
                }
            };
            let listeners = [
                browser::Listener::window("pagehide", on_leave),
                browser::Listener::document("visibilitychange", on_hidden),
            ];
            move || {
                drop(listeners);
                Autosave::flush(&autosave);
                autosave.borrow_mut().timer = None;
            }
        });
    }
    autosave
}
