//! Named workspaces in `localStorage`, versioned.
//!
//! - `sla.workbench.index`: `{"version": 1, "current": "w2", "workspaces": [{"id", "name"}]}`
//! - `sla.workbench.w2`: the workspace file (`docs/format.md`).
//!
//! Migration: a stored workspace is read with [`Workspace::open`], which
//! accepts every earlier form (today: version 1, and a bare agreement file,
//! which is how the first exports looked) and refuses a newer version
//! without touching it. Where storage is blocked (a third-party frame),
//! nothing is remembered and nothing breaks.
//!
//! When autosave writes is [`Schedule`]'s to say: not at every change (a
//! large workspace takes long to serialise), but once the changes pause,
//! at least every few seconds while they go on, and at once when the page
//! is left or hidden, another workspace opened, or the workspace exported
//! or shared (the workbench calls for that).

use serde::{Deserialize, Serialize};

use super::workspace::Workspace;
use crate::browser;
use crate::i18n::texts;

const INDEX_KEY: &str = "sla.workbench.index";
const INDEX_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub version: u32,
    pub current: String,
    pub workspaces: Vec<Entry>,
}

impl Default for Index {
    fn default() -> Index {
        Index {
            version: INDEX_VERSION,
            current: String::new(),
            workspaces: Vec::new(),
        }
    }
}

impl Index {
    /// A fresh id: `w1`, `w2`, … not in use.
    pub fn fresh_id(&self) -> String {
        (1..)
            .map(|n| format!("w{n}"))
            .find(|id| self.workspaces.iter().all(|e| &e.id != id))
            .unwrap_or_else(|| "w0".into())
    }

    /// Records `id` with `name` (added or renamed) and makes it current.
    pub fn upsert(&mut self, id: &str, name: &str) {
        match self.workspaces.iter_mut().find(|e| e.id == id) {
            Some(entry) => entry.name = name.to_string(),
            None => self.workspaces.push(Entry {
                id: id.to_string(),
                name: name.to_string(),
            }),
        }
        self.current = id.to_string();
    }

    pub fn remove(&mut self, id: &str) {
        self.workspaces.retain(|e| e.id != id);
        if self.current == id {
            self.current = self
                .workspaces
                .first()
                .map(|e| e.id.clone())
                .unwrap_or_default();
        }
    }
}

fn key(id: &str) -> String {
    format!("sla.workbench.{id}")
}

/// The stored index; when it is absent, unreadable or from a newer version,
/// the list is rebuilt from the stored workspaces themselves, so that none
/// of them is hidden (and then overwritten under a reused id).
pub fn index() -> Index {
    browser::load(INDEX_KEY)
        .and_then(|text| serde_json::from_str::<Index>(&text).ok())
        .filter(|index| index.version <= INDEX_VERSION)
        .unwrap_or_else(rebuilt)
}

/// Every `sla.workbench.<id>` in storage, named from its file.
fn rebuilt() -> Index {
    let mut index = Index::default();
    let Some(storage) = browser::storage() else {
        return index;
    };
    let count = storage.length().unwrap_or(0);
    let mut ids: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix("sla.workbench.").map(str::to_string))
        .filter(|id| id != "index")
        .collect();
    ids.sort();
    for id in ids {
        let name = match load(&id) {
            Some(Ok(w)) => w.name,
            _ => texts().workbench().unreadable_workspace(&id),
        };
        index.workspaces.push(Entry { id, name });
    }
    index.current = index
        .workspaces
        .first()
        .map(|e| e.id.clone())
        .unwrap_or_default();
    index
}

/// Writes the index, unless the stored one is from a newer version (which
/// is then left for that version to read).
pub fn save_index(index: &Index) {
    let newer = browser::load(INDEX_KEY)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .and_then(|v| v.get("version").and_then(serde_json::Value::as_u64))
        .is_some_and(|v| v > u64::from(INDEX_VERSION));
    if newer {
        return;
    }
    if let Ok(text) = serde_json::to_string(index) {
        browser::save(INDEX_KEY, &text);
    }
}

/// An id used by no stored workspace: the time and a random part
/// (`w19d2c3a1b7f-3e0a`), so that two tabs creating workspaces at the same
/// moment do not pick the same one (tabs see each other's storage writes
/// only after a delay), checked against storage now all the same.
pub fn new_id() -> String {
    let index = index();
    let free = |id: &String| {
        index.workspaces.iter().all(|e| &e.id != id) && browser::load(&key(id)).is_none()
    };
    for attempt in 0u32..100 {
        let id = random_id(attempt);
        if free(&id) {
            return id;
        }
    }
    (1..)
        .map(|n| format!("w{n}"))
        .find(free)
        .unwrap_or_else(|| "w0".into())
}

#[cfg(target_arch = "wasm32")]
fn random_id(_attempt: u32) -> String {
    let now = js_sys::Date::now() as u64;
    let random = (js_sys::Math::random() * 65_536.0) as u32;
    format!("w{now:x}-{random:04x}")
}

#[cfg(not(target_arch = "wasm32"))]
fn random_id(attempt: u32) -> String {
    format!("w{}", attempt + 1)
}

/// A stored workspace, or why it cannot be read (it is then left as it is).
pub fn load(id: &str) -> Option<Result<Workspace, String>> {
    let text = browser::load(&key(id))?;
    Some(Workspace::open(&text, None).map_err(|e| e.message()))
}

/// Saves a workspace and records it in the index as current.
///
/// # Errors
/// Storage full or blocked: the message says what to do.
pub fn save(id: &str, workspace: &Workspace) -> Result<(), String> {
    let Some(storage) = browser::storage() else {
        return Err(texts().workbench().storage_blocked.into());
    };
    let text = workspace.to_compact_json();
    if storage.set_item(&key(id), &text).is_err() {
        return Err(texts()
            .workbench()
            .autosave_failed(&format!("{:.1}", text.len() as f64 / 1e6)));
    }
    let mut index = index();
    index.upsert(id, &workspace.name);
    save_index(&index);
    Ok(())
}

pub fn delete(id: &str) {
    if let Some(storage) = browser::storage() {
        let _ = storage.remove_item(&key(id));
    }
    let mut index = index();
    index.remove(id);
    save_index(&index);
}

/// Milliseconds autosave waits after a change for the next one.
pub const QUIET_MS: f64 = 500.0;
/// Milliseconds at most between the first unsaved change and its save,
/// while changes go on without a pause.
pub const MAX_WAIT_MS: f64 = 3_000.0;
/// Milliseconds autosave waits after a change once the last save failed
/// (storage full or blocked): trying again at every pause would serialise a
/// workspace too large to keep again and again, for nothing.
pub const RETRY_QUIET_MS: f64 = 10_000.0;

/// When autosave writes the open workspace: [`QUIET_MS`] after the last
/// change, or [`MAX_WAIT_MS`] after the first unsaved one if that is
/// sooner; after a failed save, [`RETRY_QUIET_MS`] after the last change.
/// Times are milliseconds of a monotonic clock, passed in (tested natively).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    /// The first and the last change not saved yet.
    unsaved: Option<(f64, f64)>,
    failed: bool,
}

impl Schedule {
    /// A change at `now`.
    pub fn changed(&mut self, now: f64) {
        let first = self.unsaved.map_or(now, |(first, _)| first);
        self.unsaved = Some((first, now));
    }

    /// Whether changes wait to be saved.
    pub fn pending(&self) -> bool {
        self.unsaved.is_some()
    }

    /// When the waiting changes are to be saved (`None`: nothing waits).
    pub fn due(&self) -> Option<f64> {
        let (first, last) = self.unsaved?;
        Some(if self.failed {
            last + RETRY_QUIET_MS
        } else {
            (last + QUIET_MS).min(first + MAX_WAIT_MS)
        })
    }

    /// A save was tried: nothing waits any more, whether it worked or not
    /// (a failure is shown, and the next change tries again).
    pub fn saved(&mut self, ok: bool) {
        self.unsaved = None;
        self.failed = !ok;
    }

    /// Whether the last save failed.
    pub fn failed(&self) -> bool {
        self.failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_change_is_saved_after_a_pause() {
        let mut schedule = Schedule::default();
        assert_eq!(schedule.due(), None);
        schedule.changed(1_000.0);
        assert_eq!(schedule.due(), Some(1_500.0));
        schedule.changed(1_200.0);
        assert_eq!(schedule.due(), Some(1_700.0));
        schedule.saved(true);
        assert!(!schedule.pending());
        assert_eq!(schedule.due(), None);
    }

    #[test]
    fn continuous_typing_is_saved_every_few_seconds() {
        // A key every 100 ms for 10 s: a save at most MAX_WAIT_MS after the
        // first unsaved key: three saves, not a hundred (nor none).
        let mut schedule = Schedule::default();
        let mut saves = Vec::new();
        let mut now = 0.0;
        while now <= 10_000.0 {
            if schedule.due().is_some_and(|due| due <= now) {
                saves.push(now);
                schedule.saved(true);
            }
            schedule.changed(now);
            now += 100.0;
        }
        assert_eq!(saves, vec![3_000.0, 6_000.0, 9_000.0]);
        // Then half a second after the last key.
        assert_eq!(schedule.due(), Some(10_500.0));
    }

    #[test]
    fn after_a_failed_save_the_next_try_waits_for_a_longer_pause() {
        let mut schedule = Schedule::default();
        schedule.changed(0.0);
        schedule.saved(false);
        assert!(schedule.failed());
        assert!(!schedule.pending());
        schedule.changed(100.0);
        schedule.changed(5_000.0);
        assert_eq!(schedule.due(), Some(15_000.0));
        schedule.saved(true);
        assert!(!schedule.failed());
        schedule.changed(20_000.0);
        assert_eq!(schedule.due(), Some(20_500.0));
    }

    #[test]
    fn ids_are_fresh_and_removal_moves_current() {
        let mut index = Index::default();
        let a = index.fresh_id();
        index.upsert(&a, "First");
        let b = index.fresh_id();
        assert_ne!(a, b);
        index.upsert(&b, "Second");
        index.upsert(&a, "First, renamed");
        assert_eq!(index.workspaces.len(), 2);
        assert_eq!(index.workspaces[0].name, "First, renamed");
        assert_eq!(index.current, a);
        index.remove(&a);
        assert_eq!(index.current, b);
    }
}
