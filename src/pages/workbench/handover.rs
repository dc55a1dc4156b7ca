//! The workbench in two modules. `workbench.html` loads the workbench
//! without its editing views (the Agreements and Measurements views and the
//! OpenSLO panel: [`Editors::default`](super::Editors)), so that a first
//! visit's report shows after a small download. The first time one of them
//! is wanted, the page loads `workbench-editor.html`, the whole workbench,
//! and hands the workbench over to it: the open workspace (saved first, or
//! carried itself when the browser could not keep it), its undo and redo
//! steps, the view, the what-if, the template cards, the message shown and
//! where the keyboard was ([`Handover`]). The first module's app is then
//! destroyed and the second one's mounted in its place.

use std::cell::RefCell;
use std::rc::Rc;

use serde_json::{json, Map, Value};
use sla_engine::model::load;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::results::WhatIf;
use super::View;
use crate::hooks::autosave::Autosave;
use crate::hooks::bench::BenchHandle;
use crate::state::workbench::workspace::{compact_json, Change, Edit, Workspace};

/// The lazy module with the whole workbench (see `cargo xtask build`).
pub const MODULE: &str = "workbench-editor";

/// Longest wait for a save under way before handing over (a workspace of
/// hundreds of thousands of records takes seconds to write): after it, the
/// workspace is carried in the handover itself.
const SAVE_WAIT_MS: f64 = 60_000.0;

/// What the first module hands to the second.
#[derive(Debug, Clone, PartialEq)]
pub struct Handover {
    /// The storage id of the open workspace.
    pub id: String,
    /// The workspace itself, when the store does not hold it as it is (its
    /// last save failed, or the browser keeps nothing).
    pub workspace: Option<Workspace>,
    pub undo: Vec<Change>,
    pub redo: Vec<Change>,
    pub view: View,
    pub openslo: bool,
    pub cards: bool,
    pub what_if: WhatIf,
    /// The workbench's message, and the save status, as shown.
    pub message: Option<String>,
    pub saved: Option<String>,
    /// The id of the element that had the keyboard focus.
    pub focus: Option<String>,
}

impl Handover {
    /// The handover as JSON (read back by [`Handover::from_json`]). Undo
    /// steps the first module cannot make (measurement edits other than a
    /// whole file opened) are never in its history; were one there, it and
    /// the steps before it are left behind, and the message says so.
    pub fn to_json(&self) -> String {
        let (undo, undo_cut) = steps_json(&self.undo);
        let (redo, redo_cut) = steps_json(&self.redo);
        let mut message = self.message.clone();
        if undo_cut || redo_cut {
            let cut = crate::i18n::texts().workbench().history_cut;
            message = Some(match message {
                Some(m) => format!("{m} {cut}"),
                None => cut.to_string(),
            });
        }
        json!({
            "id": self.id,
            "workspace": self.workspace.as_ref().map(Workspace::to_compact_json),
            "undo": undo,
            "redo": redo,
            "view": self.view.name(),
            "openslo": self.openslo,
            "cards": self.cards,
            "what_if": {
                "service": self.what_if.service,
                "minutes": self.what_if.minutes,
                "priority": self.what_if.priority,
                "tickets": self.what_if.tickets,
            },
            "message": message,
            "saved": self.saved,
            "focus": self.focus,
        })
        .to_string()
    }

    /// Reads what [`Handover::to_json`] wrote.
    ///
    /// # Errors
    /// Which field is missing or unreadable.
    pub fn from_json(text: &str) -> Result<Handover, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let Value::Object(map) = value else {
            return Err("not an object".into());
        };
        let text_of = |key: &str| -> Result<Option<String>, String> {
            match map.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(format!("{key}: not a text")),
            }
        };
        let flag = |key: &str| -> Result<bool, String> {
            map.get(key)
                .and_then(Value::as_bool)
                .ok_or_else(|| format!("{key}: not true or false"))
        };
        let id = text_of("id")?.ok_or("id: missing")?;
        let workspace = match text_of("workspace")? {
            Some(text) => {
                Some(Workspace::open(&text, None).map_err(|e| format!("workspace: {e}"))?)
            }
            None => None,
        };
        let view_name = text_of("view")?.unwrap_or_default();
        let view = View::from_name(&view_name).ok_or_else(|| format!("view: {view_name}"))?;
        let what_if = match map.get("what_if") {
            Some(Value::Object(w)) => what_if_of(w)?,
            _ => return Err("what_if: missing".into()),
        };
        // Steps that cannot be read leave undo and redo empty, and say so:
        // the workspace itself is what matters.
        let mut message = text_of("message")?;
        let (undo, redo) = match (
            steps_of(map.get("undo"), "undo"),
            steps_of(map.get("redo"), "redo"),
        ) {
            (Ok(undo), Ok(redo)) => (undo, redo),
            (Err(e), _) | (_, Err(e)) => {
                let lost = crate::i18n::texts().workbench().history_not_carried(&e);
                message = Some(match message {
                    Some(m) => format!("{m} {lost}"),
                    None => lost,
                });
                (Vec::new(), Vec::new())
            }
        };
        Ok(Handover {
            id,
            workspace,
            undo,
            redo,
            view,
            openslo: flag("openslo")?,
            cards: flag("cards")?,
            what_if,
            message,
            saved: text_of("saved")?,
            focus: text_of("focus")?,
        })
    }
}

fn what_if_of(w: &Map<String, Value>) -> Result<WhatIf, String> {
    let text = |key: &str| {
        w.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("what_if.{key}: not a text"))
    };
    let number = |key: &str| {
        w.get(key)
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| format!("what_if.{key}: not a whole number"))
    };
    Ok(WhatIf {
        service: text("service")?,
        minutes: number("minutes")?,
        priority: text("priority")?,
        tickets: number("tickets")?,
    })
}

/// The steps as JSON, oldest first, and whether steps had to be left out
/// (see [`Handover::to_json`]).
fn steps_json(steps: &[Change]) -> (Vec<Value>, bool) {
    let mut out = Vec::new();
    let mut cut = false;
    for step in steps {
        match step {
            Change::Fields {
                name,
                span,
                agreements,
            } => out.push(json!({ "name": name, "span": span, "agreements": **agreements })),
            Change::Measurements(Edit::Replace(file)) => {
                out.push(json!({ "measurements": compact_json(&**file) }))
            }
            Change::Measurements(_) => {
                // The steps before this one cannot be undone without it.
                out.clear();
                cut = true;
            }
        }
    }
    (out, cut)
}

fn steps_of(value: Option<&Value>, key: &str) -> Result<Vec<Change>, String> {
    let Some(Value::Array(list)) = value else {
        return Err(format!("{key}: not a list"));
    };
    list.iter()
        .enumerate()
        .map(|(i, step)| {
            if let Some(text) = step.get("measurements").and_then(Value::as_str) {
                let file = load::measurements(text).map_err(|errors| {
                    let first = errors
                        .first()
                        .map(|e| e.message.clone())
                        .unwrap_or_default();
                    format!("{key}[{i}].measurements: {first}")
                })?;
                return Ok(Change::Measurements(Edit::Replace(Rc::new(file))));
            }
            let text = |field: &str| {
                step.get(field)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| format!("{key}[{i}].{field}: not a text"))
            };
            let agreements = step
                .get("agreements")
                .cloned()
                .ok_or_else(|| format!("{key}[{i}].agreements: missing"))?;
            Ok(Change::Fields {
                name: text("name")?,
                span: text("span")?,
                agreements: Rc::new(agreements),
            })
        })
        .collect()
}

thread_local! {
    /// The first module's app, destroyed when the second one mounts.
    static FIRST: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
}

/// Keeps what destroys the first module's app (see [`hand_over`]).
pub fn keep_first(destroy: impl FnOnce() + 'static) {
    FIRST.with(|first| *first.borrow_mut() = Some(Box::new(destroy)));
}

/// Counts the first module's work under way that may change the workspace
/// (see [`hand_over`]): [`Pending::start`] when it starts, its guard dropped
/// when it ends.
#[derive(Clone, Default)]
pub struct Pending(Rc<std::cell::Cell<u32>>);

impl Pending {
    /// Work starts; it ends when the guard is dropped.
    pub fn start(&self) -> Working {
        self.0.set(self.0.get() + 1);
        Working(self.0.clone())
    }

    /// Whether no work is under way.
    pub fn none(&self) -> bool {
        self.0.get() == 0
    }
}

/// Work under way ([`Pending::start`]).
pub struct Working(Rc<std::cell::Cell<u32>>);

impl Drop for Working {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

/// What the workbench carries over, apart from the bench.
pub struct Carry {
    pub view: View,
    pub openslo: bool,
    pub cards: bool,
    pub what_if: WhatIf,
    pub message: Option<String>,
    pub saved: Option<String>,
    /// The id of the element that last had the keyboard focus.
    pub focus: Option<String>,
}

/// Saves the open workspace (waiting for a save under way), loads the
/// whole workbench and hands the workbench over to it.
///
/// # Errors
/// The module did not load (offline before it was ever cached) or did not
/// start: the message says why, and the first module stays as it is.
pub async fn hand_over(
    bench: &BenchHandle,
    autosave: &Rc<RefCell<Autosave>>,
    pending: &Pending,
    carry: impl FnOnce() -> Option<Carry>,
) -> Result<(), String> {
    // Loaded while the workspace is saved. Then the handover waits until no
    // work that may change the workspace is under way (a file being read, a
    // workspace being switched to or deleted, a share link being opened;
    // nothing new can start, the workbench being inert) and its last change
    // is saved: each check after a frame, so that a change just made has
    // reached the autosave.
    let module = crate::browser::load_lazy(MODULE);
    let namespace = module.await?;
    let started = crate::browser::now_ms();
    loop {
        crate::browser::after_paint().await;
        Autosave::flush(autosave);
        let quiet = Autosave::idle(autosave) && pending.none();
        if quiet || crate::browser::now_ms() - started > SAVE_WAIT_MS {
            break;
        }
    }
    let carry = carry().ok_or("the workbench has gone")?;
    let handover = {
        let b = bench.get();
        // Else (storage blocked, a failed save, work still under way after
        // the longest wait) the workspace goes with the handover itself.
        let kept =
            Autosave::idle(autosave) && !autosave.borrow().schedule.failed() && pending.none();
        Handover {
            id: b.id.clone(),
            workspace: (!kept).then(|| b.workspace.clone()),
            undo: b.undo.clone(),
            redo: b.redo.clone(),
            view: carry.view,
            openslo: carry.openslo,
            cards: carry.cards,
            what_if: carry.what_if,
            message: carry.message,
            saved: carry.saved,
            focus: carry.focus,
        }
    };
    // The boot module's `export default bindings` (see `cargo xtask build`).
    let bindings = js_sys::Reflect::get(&namespace, &"default".into())
        .map_err(|_| "the editor module has no bindings".to_string())?;
    let start = js_sys::Reflect::get(&bindings, &"start".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("the editor module has no start")?;
    let before_mount = Closure::once_into_js(|| {
        if let Some(destroy) = FIRST.with(|first| first.borrow_mut().take()) {
            destroy();
        }
    });
    let promise = start
        .call2(
            &JsValue::NULL,
            &JsValue::from_str(&handover.to_json()),
            &before_mount,
        )
        .map_err(|e| format!("{e:?}"))?
        .dyn_into::<js_sys::Promise>()
        .map_err(|_| "the editor module's start is not asynchronous".to_string())?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handover_reads_back_as_written() {
        let workspace = crate::templates::first();
        let handover = Handover {
            id: "w-1".into(),
            workspace: Some(workspace.clone()),
            undo: vec![
                Change::Fields {
                    name: "Before".into(),
                    span: "2026-01".into(),
                    agreements: workspace.agreements.clone(),
                },
                Change::Measurements(Edit::Replace(workspace.measurements.clone())),
            ],
            redo: vec![],
            view: View::Measurements,
            openslo: true,
            cards: false,
            what_if: WhatIf {
                service: "web".into(),
                minutes: 30,
                priority: "P1".into(),
                tickets: 2,
            },
            message: Some("Opened".into()),
            saved: None,
            focus: Some("tab-measurements".into()),
        };
        assert_eq!(Handover::from_json(&handover.to_json()), Ok(handover));
    }

    #[test]
    fn a_step_that_cannot_be_carried_cuts_the_history_before_it_and_says_so() {
        let workspace = crate::templates::first();
        let fields = |name: &str| Change::Fields {
            name: name.into(),
            span: "2026-01".into(),
            agreements: workspace.agreements.clone(),
        };
        let handover = Handover {
            id: "w-1".into(),
            workspace: None,
            undo: vec![
                fields("oldest"),
                Change::Measurements(Edit::Zone(None)),
                fields("newest"),
            ],
            redo: vec![],
            view: View::Structure,
            openslo: false,
            cards: false,
            what_if: WhatIf::default(),
            message: None,
            saved: None,
            focus: None,
        };
        let back = Handover::from_json(&handover.to_json()).expect("reads back");
        assert_eq!(back.undo, vec![fields("newest")]);
        assert_eq!(
            back.message.as_deref(),
            Some(crate::i18n::texts().workbench().history_cut)
        );
    }

    #[test]
    fn unreadable_steps_leave_the_workspace_and_say_undo_starts_again() {
        let workspace = crate::templates::first();
        let handover = Handover {
            id: "w-1".into(),
            workspace: Some(workspace.clone()),
            undo: vec![],
            redo: vec![],
            view: View::Structure,
            openslo: false,
            cards: false,
            what_if: WhatIf::default(),
            message: None,
            saved: None,
            focus: None,
        };
        let json = handover
            .to_json()
            .replace(r#""undo":[]"#, r#""undo":[{"name":"x"}]"#);
        let back = Handover::from_json(&json).expect("the workspace is read");
        assert_eq!(back.workspace, Some(workspace));
        assert!(back.undo.is_empty());
        let message = back.message.expect("says so");
        assert!(message.contains("undo[0].agreements: missing"), "{message}");
    }

    #[test]
    fn an_unreadable_handover_says_which_field() {
        assert_eq!(
            Handover::from_json(r#"{"id":"w","view":"report"}"#).expect_err("no what-if"),
            "what_if: missing"
        );
        let err = Handover::from_json(
            r#"{"id":"w","view":"nowhere","what_if":{"service":"","minutes":0,"priority":"","tickets":0}}"#,
        )
        .expect_err("no such view");
        assert_eq!(err, "view: nowhere");
    }
}
