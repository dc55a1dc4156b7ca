//! [`use_autosave`]: the workbench's autosave. A change is written once
//! changes pause ([`store::Schedule`]), a newly opened workspace at once,
//! and whatever waits when the page is hidden or left; the page flushes
//! it before another workspace opens, an export or a share link.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::browser;
use crate::hooks::bench::BenchHandle;
use crate::i18n::texts;
use crate::state::workbench::store::{self, Store};

/// The autosave of the open workspace: what waits, and the timer that
/// writes it (see [`store::Schedule`]).
#[derive(Default)]
pub struct Autosave {
    pub schedule: store::Schedule,
    timer: Option<browser::Timeout>,
    /// The workspace last seen: another one is written at once.
    id: Option<String>,
    /// Writes the open workspace now and shows the outcome.
    write: Option<Rc<dyn Fn()>>,
    /// The workspace read from the store at the start, at its revision: not
    /// written again until it changes (a large one takes seconds to write).
    unchanged: Option<(String, u64)>,
}

impl Autosave {
    /// Writes what waits, now (nothing when nothing waits).
    pub fn flush(cell: &Rc<RefCell<Autosave>>) {
        let write = {
            let mut state = cell.borrow_mut();
            state.timer = None;
            if !state.schedule.pending() {
                return;
            }
            state.write.clone()
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
                    Autosave::flush(&cell);
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
        let write: Rc<dyn Fn()> = {
            let cell = bench.cell();
            let store = store.clone();
            let autosave = Rc::downgrade(&autosave);
            let saved = saved.clone();
            let index = index.clone();
            let leave_warned = leave_warned.clone();
            Rc::new(move || {
                // Handed to the browser now (the page may be being left);
                // how it ended comes later.
                let saving = {
                    let bench = cell.borrow();
                    store.save(&bench.id, &bench.workspace)
                };
                if let Some(autosave) = autosave.upgrade() {
                    autosave.borrow_mut().schedule.started();
                }
                let (store, autosave, saved, index, leave_warned) = (
                    store.clone(),
                    autosave.clone(),
                    saved.clone(),
                    index.clone(),
                    leave_warned.clone(),
                );
                spawn_local(async move {
                    let result = saving.await;
                    // Changes made meanwhile wait for the next save.
                    let waiting = autosave.upgrade().is_some_and(|autosave| {
                        let mut autosave = autosave.borrow_mut();
                        autosave.schedule.ended(result.is_ok());
                        autosave.schedule.pending()
                    });
                    match result {
                        Ok(()) => {
                            *leave_warned.borrow_mut() = false;
                            if !waiting {
                                saved.set(Some(texts().workbench().saved.into()));
                            }
                            index.set(store.index().await);
                        }
                        Err(e) => saved.set(Some(texts().workbench().not_saved(&e))),
                    }
                });
            })
        };
        autosave.borrow_mut().write = Some(write);
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
                Autosave::flush(&autosave);
            } else {
                Autosave::arm(&autosave);
                if saved.as_deref() == Some(texts().workbench().saved) {
                    saved.set(Some(texts().workbench().saving.into()));
                }
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
