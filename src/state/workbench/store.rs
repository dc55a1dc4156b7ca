//! Named workspaces kept in the browser: in IndexedDB where the browser
//! has it, else in `localStorage` (as before IndexedDB was used), else
//! nowhere, which the workbench then says. A [`Store`] is opened once per
//! page ([`Store::open`]); reading is asynchronous, and so is the end of a
//! save (its start is not: see [`Store::save`]).
//!
//! # IndexedDB: the database `sla-workbench`, version 1
//!
//! - `manifests`: one record per workspace, keyed by its id:
//!   `{ "format": 1, "id", "name", "chunks", "bytes", "digest" }`, where
//!   `digest` is the FNV-1a (64 bits, 16 hex digits) of the bytes.
//! - `chunks`: the workspace file (`docs/format.md`) as compact JSON in
//!   UTF-8, cut into chunks of [`CHUNK_BYTES`] (the last one shorter), each a
//!   `Uint8Array` keyed `[id, n]` from `n = 0`.
//! - `settings`: `current`, the id of the workspace open last.
//!
//! A save is one transaction: the workspace's old chunks deleted, the new
//! ones written, then its manifest and `current`. A reload sees the whole
//! save or the one before it, never a part. No string of the whole file is
//! ever made: [`Store::save`] (leaving the page, export, share) writes the
//! chunks as the JSON is serialised; [`Store::save_in_slices`] (autosave)
//! serialises a slice of at most [`SLICE_MS`] at a time, with the page's turn
//! between slices, hands each finished chunk to the browser, and writes them
//! all in the transaction at the end. Reading checks the chunks against
//! the manifest (count, length, digest) and leaves a workspace that does not
//! match, or cannot be opened, as it is, with the reason.
//!
//! The list of workspaces is the manifests themselves, in id order (new ids
//! grow with the time): there is no separate index to keep in step with the
//! workspaces, nor to rebuild when it is lost, and another tab's workspaces
//! appear at the next read. Two tabs' transactions are applied one after the
//! other, never interleaved.
//!
//! # `localStorage`: earlier versions, and the fallback
//!
//! - `sla.workbench.index`: `{"version": 1, "current": "w2", "workspaces": [{"id", "name"}]}`
//! - `sla.workbench.w2`: the workspace file.
//!
//! On the first load with IndexedDB, each workspace found there is written
//! to IndexedDB (under its id, or under a new one if IndexedDB holds a
//! different workspace with that id) in a transaction of its own, and
//! removed from `localStorage` only once that transaction has committed;
//! the index goes last, when every workspace has moved. One that could not
//! move stays in `localStorage` and moves at a later load.
//!
//! Where IndexedDB cannot be opened (a third-party frame with storage
//! blocked, a private mode that refuses it), `localStorage` is used as
//! before: its index is rebuilt from the stored workspaces when it is lost,
//! and one from a newer version is left alone. Where that too is blocked,
//! nothing is kept and every save says so.
//!
//! Any stored workspace is read with [`Workspace::open`], which accepts
//! every earlier form and refuses a newer version without touching it.
//!
//! When autosave writes is [`Schedule`]'s to say: not at every change (a
//! large workspace takes long to serialise), but once the changes pause,
//! at least every few seconds while they go on, and at once when the page
//! is left or hidden, another workspace opened, or the workspace exported
//! or shared (the workbench calls for that).

use std::future::Future;
use std::pin::Pin;

use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};

use super::workspace::{Cursor, Workspace};
use crate::browser;
use crate::i18n::texts;

/// The IndexedDB database of the workbench.
pub const DATABASE: &str = "sla-workbench";
const DATABASE_VERSION: u32 = 1;
/// The object stores (see the module's documentation).
pub const MANIFESTS: &str = "manifests";
pub const CHUNKS: &str = "chunks";
pub const SETTINGS: &str = "settings";
/// The largest chunk of a stored workspace, in bytes.
pub const CHUNK_BYTES: usize = 1 << 20;
/// The manifest's own format.
const MANIFEST_FORMAT: f64 = 1.0;

const INDEX_KEY: &str = "sla.workbench.index";
const INDEX_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub id: String,
    pub name: String,
}

/// The stored workspaces and the one open last.
#[derive(Debug, Clone, PartialEq)]
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
            .find(|id| !self.has(id))
            .unwrap_or_else(|| "w0".into())
    }

    /// Whether `id` is listed.
    pub fn has(&self, id: &str) -> bool {
        self.workspaces.iter().any(|e| e.id == id)
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

/// An id that `index` does not list: the time and a random part
/// (`w19d2c3a1b7f-3e0a`), so that two tabs creating workspaces at the same
/// moment do not pick the same one (neither sees the other's new workspace
/// yet).
pub fn new_id(index: &Index) -> String {
    (0u32..100)
        .map(random_id)
        .find(|id| !index.has(id))
        .unwrap_or_else(|| index.fresh_id())
}

#[cfg(target_arch = "wasm32")]
fn random_id(_attempt: u32) -> String {
    let now = browser::epoch_ms() as u64;
    let random = (js_sys::Math::random() * 65_536.0) as u32;
    format!("w{now:x}-{random:04x}")
}

#[cfg(not(target_arch = "wasm32"))]
fn random_id(attempt: u32) -> String {
    format!("w{}", attempt + 1)
}

/// FNV-1a, 64 bits, continued from `hash` over `bytes` (start from
/// [`FNV_START`]): the digest a manifest keeps of its chunks.
pub fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Where [`fnv1a`] starts.
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// Takes chunk `n` of a file, or refuses it (the caller keeps why).
pub type Put<'a> = dyn FnMut(u32, &[u8]) -> Result<(), ()> + 'a;

/// What serde writes, cut into chunks of `size` bytes as it comes: each
/// full chunk goes to `put` with its number (from 0), the last one when
/// [`Chunker::finish`] is called; the count, length and digest of the
/// whole are kept. So a save never holds more than one chunk of the file.
pub struct Chunker<'a> {
    size: usize,
    buffer: Vec<u8>,
    put: Box<Put<'a>>,
    /// Chunks given to `put`.
    pub chunks: u32,
    /// Bytes given to `put`.
    pub bytes: u64,
    /// The digest of those bytes.
    pub digest: u64,
}

impl<'a> Chunker<'a> {
    pub fn new(size: usize, put: impl FnMut(u32, &[u8]) -> Result<(), ()> + 'a) -> Self {
        Chunker {
            size: size.max(1),
            buffer: Vec::new(),
            put: Box::new(put),
            chunks: 0,
            bytes: 0,
            digest: FNV_START,
        }
    }

    fn hand_over(&mut self) -> std::io::Result<()> {
        if (self.put)(self.chunks, &self.buffer).is_err() {
            return Err(std::io::ErrorKind::Other.into());
        }
        self.chunks += 1;
        self.bytes += self.buffer.len() as u64;
        self.digest = fnv1a(self.digest, &self.buffer);
        self.buffer.clear();
        Ok(())
    }

    /// Hands over the last chunk (none for an empty file).
    ///
    /// # Errors
    /// `put` refused it.
    pub fn finish(&mut self) -> std::io::Result<()> {
        if self.buffer.is_empty() {
            Ok(())
        } else {
            self.hand_over()
        }
    }
}

impl std::io::Write for Chunker<'_> {
    fn write(&mut self, mut data: &[u8]) -> std::io::Result<usize> {
        let written = data.len();
        while !data.is_empty() {
            if self.buffer.capacity() == 0 {
                self.buffer.reserve_exact(self.size);
            }
            let take = (self.size - self.buffer.len()).min(data.len());
            self.buffer.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buffer.len() == self.size {
                self.hand_over()?;
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The longest slice of serialisation of [`Store::save_in_slices`], in
/// milliseconds: well under the 50 ms after which a task delays the page.
pub const SLICE_MS: f64 = 8.0;

/// How a save in slices ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sliced {
    /// Written.
    Saved,
    /// The workspace changed before it was all serialised: nothing was
    /// written, the next save writes it.
    Superseded,
}

/// A save under way: its end.
pub type Saving = Pin<Box<dyn Future<Output = Result<(), String>>>>;

/// Where the workspaces are kept (see the module's documentation).
pub struct Store {
    backend: Backend,
}

enum Backend {
    IndexedDb(web_sys::IdbDatabase),
    Local(web_sys::Storage),
    Nowhere,
}

/// Where a [`Store`] keeps the workspaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    IndexedDb,
    LocalStorage,
    Nowhere,
}

impl Store {
    /// IndexedDB, with the workspaces of `localStorage` moved into it;
    /// else `localStorage`; else nowhere. The message says what could not
    /// be moved (it stays in `localStorage`).
    pub async fn open() -> (Store, Option<String>) {
        let opened = browser::idb::open(DATABASE, DATABASE_VERSION, make_stores).await;
        match opened {
            // Its stores are made when the database is new: one without
            // them (made by something else) cannot keep workspaces.
            Ok(db) if STORES.iter().all(|s| db.object_store_names().contains(s)) => {
                let moved = migrate(&db).await;
                let message = moved
                    .err()
                    .map(|problem| texts().workbench().not_moved(&problem));
                (
                    Store {
                        backend: Backend::IndexedDb(db),
                    },
                    message,
                )
            }
            _ => (Store::local(), None),
        }
    }

    /// `localStorage` only (where IndexedDB is missing), or nowhere when
    /// that is blocked too.
    pub fn local() -> Store {
        Store {
            backend: browser::local_storage().map_or(Backend::Nowhere, Backend::Local),
        }
    }

    /// A store that keeps nothing (storage blocked).
    pub fn nowhere() -> Store {
        Store {
            backend: Backend::Nowhere,
        }
    }

    pub fn kind(&self) -> Kind {
        match self.backend {
            Backend::IndexedDb(_) => Kind::IndexedDb,
            Backend::Local(_) => Kind::LocalStorage,
            Backend::Nowhere => Kind::Nowhere,
        }
    }

    /// The stored workspaces and the one open last.
    pub async fn index(&self) -> Index {
        match &self.backend {
            Backend::IndexedDb(db) => idb_index(db).await.unwrap_or_default(),
            Backend::Local(storage) => local_index(storage),
            Backend::Nowhere => Index::default(),
        }
    }

    /// A stored workspace, or why it cannot be read (it is then left as it
    /// is); `None` when there is none with that id.
    pub async fn load(&self, id: &str) -> Option<Result<Workspace, String>> {
        let text = match &self.backend {
            Backend::IndexedDb(db) => match idb_load(db, id).await {
                Ok(Some(bytes)) => String::from_utf8(bytes)
                    .map_err(|_| texts().workbench().stored_damaged.to_string()),
                Ok(None) => return None,
                Err(problem) => Err(problem),
            },
            Backend::Local(storage) => Ok(storage.get_item(&key(id)).ok().flatten()?),
            Backend::Nowhere => return None,
        };
        Some(text.and_then(|text| Workspace::open(&text, None).map_err(|e| e.message())))
    }

    /// Saves a workspace and makes it the current one. Everything is handed
    /// to the browser before this returns (a save called as the page is
    /// left still happens); the returned future says how it ended.
    ///
    /// # Errors
    /// Storage full or blocked: the message says what to do.
    pub fn save(&self, id: &str, workspace: &Workspace) -> Saving {
        let result = match &self.backend {
            Backend::IndexedDb(db) => match idb_save(db, id, workspace) {
                Ok(done) => return done,
                Err(e) => Err(e),
            },
            Backend::Local(storage) => local_save(storage, id, workspace),
            Backend::Nowhere => Err(texts().workbench().storage_blocked.to_string()),
        };
        Box::pin(std::future::ready(result))
    }

    /// Saves the workspace `current` gives, as [`Store::save`] does, but
    /// serialised a slice of at most [`SLICE_MS`] at a time, with the page's
    /// turn between slices; then written in one transaction, so that a
    /// reload sees the whole save or the one before it. `current` is asked
    /// before every slice and answers `None` once the workspace changed
    /// since the first: the save then stops without writing anything
    /// ([`Sliced::Superseded`]), and the next one writes the change. A
    /// slice holds the workspace only while it runs, so an edit between
    /// slices changes the measurements in place, as always.
    ///
    /// # Errors
    /// Storage full or blocked: the message says what to do.
    pub async fn save_in_slices(
        &self,
        id: &str,
        current: &dyn Fn() -> Option<Workspace>,
    ) -> Result<Sliced, String> {
        let db = match &self.backend {
            Backend::IndexedDb(db) => db,
            // `localStorage` holds a few megabytes at most: written at once.
            Backend::Local(_) | Backend::Nowhere => {
                let Some(workspace) = current() else {
                    return Ok(Sliced::Superseded);
                };
                let saving = self.save(id, &workspace);
                drop(workspace);
                return saving.await.map(|()| Sliced::Saved);
            }
        };
        let file = std::rc::Rc::new(std::cell::RefCell::new(WrittenFile::default()));
        let mut writer = {
            let file = file.clone();
            Chunker::new(CHUNK_BYTES, move |_, bytes: &[u8]| {
                file.borrow_mut()
                    .chunks
                    .push(js_sys::Uint8Array::from(bytes));
                Ok(())
            })
        };
        let mut cursor = Cursor::default();
        let name = loop {
            let Some(workspace) = current() else {
                return Ok(Sliced::Superseded);
            };
            let started = browser::now_ms();
            let mut more = || browser::now_ms() - started < SLICE_MS;
            let done = workspace
                .write_slice(&mut cursor, &mut writer, &mut more)
                .map_err(|e| texts().workbench().storage_refused(&e.to_string()))?;
            if done {
                break workspace.name.clone();
            }
            drop(workspace);
            browser::yield_now().await;
        };
        writer
            .finish()
            .map_err(|e| texts().workbench().storage_refused(&e.to_string()))?;
        let (bytes, digest) = (writer.bytes, writer.digest);
        drop(writer);
        let mut file = file.take();
        (file.bytes, file.digest) = (bytes, digest);
        let (bytes, done) = idb_write(
            db,
            [id, &name],
            browser::idb::Mode::Write,
            [false, true],
            Content::Written(&file),
        )
        .map_err(|(e, bytes)| write_failed(&e, bytes))?;
        drop(file);
        done.await
            .map(|()| Sliced::Saved)
            .map_err(|e| write_failed(&e, bytes))
    }

    /// Removes a workspace.
    ///
    /// # Errors
    /// The browser refused (the workspace is then still there).
    pub async fn delete(&self, id: &str) -> Result<(), String> {
        match &self.backend {
            Backend::IndexedDb(db) => idb_delete(db, id).await,
            Backend::Local(storage) => {
                let _ = storage.remove_item(&key(id));
                let mut index = local_index(storage);
                index.remove(id);
                save_local_index(storage, &index);
                Ok(())
            }
            Backend::Nowhere => Ok(()),
        }
    }
}

// ---------------------------------------------------------------------------
// IndexedDB

/// Every object store of the database.
const STORES: [&str; 3] = [MANIFESTS, CHUNKS, SETTINGS];

fn make_stores(db: &web_sys::IdbDatabase) {
    let present = db.object_store_names();
    for name in STORES {
        if !present.contains(name) {
            let _ = db.create_object_store(name);
        }
    }
}

/// What a failed IndexedDB write says to the user: a full storage with what
/// to do about it, anything else with the browser's words.
fn write_failed(error: &wasm_bindgen::JsValue, bytes: u64) -> String {
    if browser::idb::error_name(error) == "QuotaExceededError" {
        texts()
            .workbench()
            .autosave_failed(&sla_engine::units::estimate_text(bytes as f64 / 1e6, 1))
    } else {
        texts()
            .workbench()
            .storage_refused(&browser::idb::describe(error))
    }
}

/// A manifest record.
fn manifest(id: &str, name: &str, chunks: u32, bytes: u64, digest: u64) -> js_sys::Object {
    let record = js_sys::Object::new();
    let fields: [(&str, wasm_bindgen::JsValue); 6] = [
        ("format", MANIFEST_FORMAT.into()),
        ("id", id.into()),
        ("name", name.into()),
        ("chunks", chunks.into()),
        ("bytes", (bytes as f64).into()),
        ("digest", format!("{digest:016x}").into()),
    ];
    for (field, value) in fields {
        let _ = js_sys::Reflect::set(&record, &field.into(), &value);
    }
    record
}

fn field(record: &wasm_bindgen::JsValue, name: &str) -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(record, &name.into()).unwrap_or_default()
}

async fn idb_index(db: &web_sys::IdbDatabase) -> Result<Index, wasm_bindgen::JsValue> {
    use browser::idb::{settled, transaction, Mode};
    let tx = transaction(db, &[MANIFESTS, SETTINGS], Mode::Read)?;
    let manifests = settled(&tx.object_store(MANIFESTS)?.get_all()?);
    let current = settled(&tx.object_store(SETTINGS)?.get(&"current".into())?);
    let manifests: js_sys::Array = manifests.await?.unchecked_into();
    let workspaces = manifests
        .iter()
        .filter_map(|m| {
            Some(Entry {
                id: field(&m, "id").as_string()?,
                name: field(&m, "name").as_string().unwrap_or_default(),
            })
        })
        .collect();
    Ok(Index {
        version: INDEX_VERSION,
        current: current.await?.as_string().unwrap_or_default(),
        workspaces,
    })
}

/// The stored bytes of a workspace, checked against its manifest; `None`
/// without a manifest.
async fn idb_load(db: &web_sys::IdbDatabase, id: &str) -> Result<Option<Vec<u8>>, String> {
    use browser::idb::{describe, pairs_of, settled, transaction, Mode};
    let requests = (|| {
        let tx = transaction(db, &[MANIFESTS, CHUNKS], Mode::Read)?;
        let manifest = tx.object_store(MANIFESTS)?.get(&id.into())?;
        let chunks = tx.object_store(CHUNKS)?.get_all_with_key(&pairs_of(id)?)?;
        Ok::<_, wasm_bindgen::JsValue>((settled(&manifest), settled(&chunks)))
    })();
    let (manifest, chunks) = requests.map_err(|e| describe(&e))?;
    let manifest = manifest.await.map_err(|e| describe(&e))?;
    let chunks = chunks.await.map_err(|e| describe(&e))?;
    if manifest.is_undefined() {
        return Ok(None);
    }
    let damaged = || texts().workbench().stored_damaged.to_string();
    if field(&manifest, "format").as_f64() != Some(MANIFEST_FORMAT) {
        return Err(texts().workbench().stored_newer.to_string());
    }
    let bytes = field(&manifest, "bytes").as_f64().unwrap_or(-1.0);
    let chunks: js_sys::Array = chunks.unchecked_into();
    if field(&manifest, "chunks").as_f64() != Some(f64::from(chunks.length())) {
        return Err(damaged());
    }
    let mut out = Vec::with_capacity(bytes.max(0.0) as usize);
    for chunk in chunks.iter() {
        let chunk: js_sys::Uint8Array = chunk.dyn_into().map_err(|_| damaged())?;
        let at = out.len();
        out.resize(at + chunk.length() as usize, 0);
        chunk.copy_to(&mut out[at..]);
    }
    let digest = format!("{:016x}", fnv1a(FNV_START, &out));
    if out.len() as f64 != bytes || field(&manifest, "digest").as_string() != Some(digest) {
        return Err(damaged());
    }
    Ok(Some(out))
}

/// What [`idb_write`] writes as chunks.
enum Content<'a> {
    /// Bytes serialised as they are written.
    Fill(&'a mut dyn FnMut(&mut Chunker) -> std::io::Result<()>),
    /// A file serialised before ([`Store::save_in_slices`]).
    Written(&'a WrittenFile),
}

/// A workspace file serialised ahead of its transaction: its chunks, held
/// by the browser (not in the wasm memory), their length and digest.
#[derive(Default)]
struct WrittenFile {
    chunks: Vec<js_sys::Uint8Array>,
    bytes: u64,
    digest: u64,
}

impl WrittenFile {
    fn count(&self) -> u32 {
        u32::try_from(self.chunks.len()).unwrap_or(u32::MAX)
    }
}

/// Writes a workspace file under `id` in one transaction: the old chunks of
/// `id` deleted, the bytes `fill` writes as chunks, the manifest (`add`ed
/// when `fresh`, so that the transaction fails if `id` is taken) and, when
/// `current`, `id` as the current workspace. Everything is handed to the
/// browser before this returns; the future says how the transaction ended.
///
/// # Errors
/// The browser refused a request at once, and the bytes written so far.
fn idb_write(
    db: &web_sys::IdbDatabase,
    [id, name]: [&str; 2],
    mode: browser::idb::Mode,
    [fresh, current]: [bool; 2],
    content: Content<'_>,
) -> Result<(u64, impl Future<Output = Result<(), JsValue>>), (JsValue, u64)> {
    use browser::idb::{call, committed, pair, pairs_of, transaction};
    let tx = transaction(db, &STORES, mode).map_err(|e| (e, 0))?;
    let done = committed(&tx);
    let chunks = tx.object_store(CHUNKS).map_err(|e| (e, 0))?;
    // A request the browser refuses (a full storage can say so at once).
    let mut refused = JsValue::UNDEFINED;
    if let Err(e) = pairs_of(id).and_then(|all| chunks.delete(&all)) {
        let _ = call(&tx, "abort");
        return Err((e, 0));
    }
    let (written, (count, bytes, digest)) = match content {
        Content::Fill(fill) => {
            let mut put = |n: u32, bytes: &[u8]| {
                chunks
                    .put_with_key(&js_sys::Uint8Array::from(bytes), &pair(id, f64::from(n)))
                    .map(drop)
                    .map_err(|e| refused = e)
            };
            let mut writer = Chunker::new(CHUNK_BYTES, &mut put);
            let written = fill(&mut writer)
                .and_then(|()| writer.finish())
                .map_err(|_| JsValue::UNDEFINED);
            let totals = (writer.chunks, writer.bytes, writer.digest);
            drop(writer);
            (written, totals)
        }
        Content::Written(file) => {
            let written = file.chunks.iter().zip(0u32..).try_for_each(|(chunk, n)| {
                chunks
                    .put_with_key(chunk, &pair(id, f64::from(n)))
                    .map(drop)
            });
            (written, (file.count(), file.bytes, file.digest))
        }
    };
    let finished = written
        .map_err(|e| if e.is_undefined() { refused } else { e })
        .and_then(|()| {
            let record = manifest(id, name, count, bytes, digest);
            let manifests = tx.object_store(MANIFESTS)?;
            if fresh {
                manifests.add_with_key(&record, &id.into())?;
            } else {
                manifests.put_with_key(&record, &id.into())?;
            }
            if current {
                tx.object_store(SETTINGS)?
                    .put_with_key(&id.into(), &"current".into())?;
            }
            Ok(())
        });
    if let Err(e) = finished {
        let _ = call(&tx, "abort");
        return Err((e, bytes + CHUNK_BYTES as u64));
    }
    // Nothing more comes: the browser need not wait for another request
    // (where `commit` is missing, the transaction commits on its own).
    let _ = call(&tx, "commit");
    Ok((bytes, done))
}

fn idb_save(db: &web_sys::IdbDatabase, id: &str, workspace: &Workspace) -> Result<Saving, String> {
    let (bytes, done) = idb_write(
        db,
        [id, &workspace.name],
        browser::idb::Mode::Write,
        [false, true],
        Content::Fill(&mut |w| workspace.write_compact(w)),
    )
    .map_err(|(e, bytes)| write_failed(&e, bytes))?;
    Ok(Box::pin(async move {
        done.await.map_err(|e| write_failed(&e, bytes))
    }))
}

async fn idb_delete(db: &web_sys::IdbDatabase, id: &str) -> Result<(), String> {
    use browser::idb::{committed, describe, pairs_of, transaction, Mode};
    let done = (|| {
        let tx = transaction(db, &[MANIFESTS, CHUNKS], Mode::Write)?;
        tx.object_store(MANIFESTS)?.delete(&id.into())?;
        tx.object_store(CHUNKS)?.delete(&pairs_of(id)?)?;
        Ok::<_, wasm_bindgen::JsValue>(committed(&tx))
    })()
    .map_err(|e| describe(&e))?;
    done.await.map_err(|e| describe(&e))
}

/// Moves every workspace of `localStorage` into IndexedDB (see the
/// module's documentation).
///
/// # Errors
/// The first workspace that could not be moved, and why (the others were).
async fn migrate(db: &web_sys::IdbDatabase) -> Result<(), String> {
    let Some(storage) = browser::local_storage() else {
        return Ok(());
    };
    let ids = local_ids(&storage);
    if ids.is_empty() && storage.get_item(INDEX_KEY).ok().flatten().is_none() {
        return Ok(());
    }
    let index = local_index(&storage);
    let mut failed = None;
    for id in ids {
        let Some(text) = storage.get_item(&key(&id)).ok().flatten() else {
            continue;
        };
        let name = index
            .workspaces
            .iter()
            .find(|e| e.id == id)
            .map(|e| e.name.clone())
            .unwrap_or_else(|| name_of(&id, &text));
        match move_one(db, [&id, &name, &text], id == index.current).await {
            // Only now, with the copy committed, the old one goes.
            Ok(()) => {
                let _ = storage.remove_item(&key(&id));
            }
            Err(problem) => failed = failed.or(Some(problem)),
        }
    }
    match failed {
        Some(problem) => Err(problem),
        None => {
            let _ = storage.remove_item(INDEX_KEY);
            Ok(())
        }
    }
}

/// A workspace's name from its stored text, for a list.
fn name_of(id: &str, text: &str) -> String {
    match Workspace::open(text, None) {
        Ok(w) => w.name,
        Err(_) => texts().workbench().unreadable_workspace(id),
    }
}

/// Writes one workspace of `localStorage` to IndexedDB, as it is: under
/// its own id when IndexedDB has none by that id, not at all when IndexedDB
/// already has these very bytes there (another tab moved it), else under a
/// new id (IndexedDB's workspace is a different one: both are kept). The
/// one open last (`current`) is recorded as such.
async fn move_one(
    db: &web_sys::IdbDatabase,
    [id, name, text]: [&str; 3],
    current: bool,
) -> Result<(), String> {
    let mut target = id.to_string();
    for _ in 0..4 {
        let written = match idb_write(
            db,
            [&target, name],
            browser::idb::Mode::Durable,
            [true, current],
            Content::Fill(&mut |w| std::io::Write::write_all(w, text.as_bytes())),
        ) {
            Ok((_, done)) => done.await,
            Err((e, _)) => Err(e),
        };
        match written {
            Ok(()) => return Ok(()),
            Err(e) if browser::idb::error_name(&e) == "ConstraintError" => {
                if matches!(idb_load(db, &target).await, Ok(Some(b)) if b == text.as_bytes()) {
                    return Ok(());
                }
                target = random_id(0);
            }
            Err(e) => return Err(write_failed(&e, text.len() as u64)),
        }
    }
    Err(texts().workbench().storage_refused("ConstraintError"))
}

// ---------------------------------------------------------------------------
// localStorage

fn key(id: &str) -> String {
    format!("sla.workbench.{id}")
}

/// The ids of every `sla.workbench.<id>` in `storage`, sorted.
fn local_ids(storage: &web_sys::Storage) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    let mut ids: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix("sla.workbench.").map(str::to_string))
        .filter(|id| id != "index")
        .collect();
    sla_engine::order::sort(&mut ids);
    ids
}

/// The stored index; when it is absent, unreadable or from a newer version,
/// the list is rebuilt from the stored workspaces themselves, so that none
/// of them is hidden (and then overwritten under a reused id).
fn local_index(storage: &web_sys::Storage) -> Index {
    let read = |v: Value| -> Option<Index> {
        let version = v.get("version")?.as_u64()?;
        if version > u64::from(INDEX_VERSION) {
            return None;
        }
        let text = |v: &Value, key: &str| v.get(key)?.as_str().map(str::to_string);
        Some(Index {
            version: INDEX_VERSION,
            current: text(&v, "current")?,
            workspaces: v
                .get("workspaces")?
                .as_array()?
                .iter()
                .map(|e| {
                    Some(Entry {
                        id: text(e, "id")?,
                        name: text(e, "name")?,
                    })
                })
                .collect::<Option<_>>()?,
        })
    };
    stored_index(storage)
        .and_then(read)
        .unwrap_or_else(|| rebuilt(storage))
}

/// The stored index as JSON, if it is JSON.
fn stored_index(storage: &web_sys::Storage) -> Option<Value> {
    serde_json::from_str(&storage.get_item(INDEX_KEY).ok().flatten()?).ok()
}

/// Every `sla.workbench.<id>` in storage, named from its file.
fn rebuilt(storage: &web_sys::Storage) -> Index {
    let mut index = Index::default();
    for id in local_ids(storage) {
        let name = match storage.get_item(&key(&id)).ok().flatten() {
            Some(text) => name_of(&id, &text),
            None => texts().workbench().unreadable_workspace(&id),
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
fn save_local_index(storage: &web_sys::Storage, index: &Index) {
    let newer = stored_index(storage)
        .and_then(|v| v.get("version").and_then(Value::as_u64))
        .is_some_and(|v| v > u64::from(INDEX_VERSION));
    if newer {
        return;
    }
    let workspaces: Vec<Value> = index
        .workspaces
        .iter()
        .map(|e| json!({"id": e.id, "name": e.name}))
        .collect();
    let text =
        json!({"version": INDEX_VERSION, "current": index.current, "workspaces": workspaces});
    let _ = storage.set_item(INDEX_KEY, &text.to_string());
}

fn local_save(storage: &web_sys::Storage, id: &str, workspace: &Workspace) -> Result<(), String> {
    let text = workspace.to_compact_json();
    if storage.set_item(&key(id), &text).is_err() {
        return Err(texts()
            .workbench()
            .autosave_failed(&sla_engine::units::estimate_text(
                text.len() as f64 / 1e6,
                1,
            )));
    }
    let mut index = local_index(storage);
    index.upsert(id, &workspace.name);
    save_local_index(storage, &index);
    Ok(())
}

// ---------------------------------------------------------------------------
// When autosave writes

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
        self.started();
        self.ended(ok);
    }

    /// A save of what waits has started: changes from now on wait for the
    /// next one.
    pub fn started(&mut self) {
        self.unsaved = None;
    }

    /// A save has ended, and worked or not.
    pub fn ended(&mut self, ok: bool) {
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
    fn a_change_during_a_save_waits_for_the_next_one() {
        // A save takes time (IndexedDB): a change made while it runs is not
        // in it, and stays pending when it ends.
        let mut schedule = Schedule::default();
        schedule.changed(0.0);
        schedule.started();
        schedule.changed(100.0);
        schedule.ended(true);
        assert!(schedule.pending());
        assert_eq!(schedule.due(), Some(600.0));
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
        assert!(!new_id(&index).is_empty());
        assert!(!index.has(&new_id(&index)));
    }

    /// Chunks written by a [`Chunker`], as they were handed over.
    fn chunked(size: usize, parts: &[&[u8]]) -> (Vec<Vec<u8>>, u32, u64, u64) {
        use std::io::Write;
        let mut out = Vec::new();
        let mut put = |n: u32, bytes: &[u8]| {
            assert_eq!(n as usize, out.len(), "chunks come in order");
            out.push(bytes.to_vec());
            Ok(())
        };
        let mut writer = Chunker::new(size, &mut put);
        for part in parts {
            writer.write_all(part).expect("written");
        }
        writer.finish().expect("finished");
        let (chunks, bytes, digest) = (writer.chunks, writer.bytes, writer.digest);
        drop(writer);
        (out, chunks, bytes, digest)
    }

    #[test]
    fn a_file_is_cut_into_full_chunks_and_a_shorter_last_one() {
        // 10 bytes in chunks of 4: 4 + 4 + 2, whatever the writes' sizes.
        let (out, chunks, bytes, digest) = chunked(4, &[b"abc", b"defgh", b"", b"ij"]);
        assert_eq!(
            out,
            vec![b"abcd".to_vec(), b"efgh".to_vec(), b"ij".to_vec()]
        );
        assert_eq!((chunks, bytes), (3, 10));
        assert_eq!(digest, fnv1a(FNV_START, b"abcdefghij"));
        // Exactly two chunks' worth: no empty third chunk.
        let (out, chunks, _, _) = chunked(4, &[b"abcdefgh"]);
        assert_eq!((out.len(), chunks), (2, 2));
        // Nothing written: no chunk.
        let (out, chunks, bytes, digest) = chunked(4, &[]);
        assert_eq!((out.len(), chunks, bytes, digest), (0, 0, 0, FNV_START));
    }

    #[test]
    fn fnv1a_is_the_published_function() {
        // Test vectors of FNV-1a 64 (Fowler, Noll, Vo: "FNV-1a" of "" and "a").
        assert_eq!(fnv1a(FNV_START, b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(FNV_START, b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(
            fnv1a(fnv1a(FNV_START, b"ab"), b"c"),
            fnv1a(FNV_START, b"abc")
        );
    }

    #[test]
    fn a_refused_chunk_stops_the_writer() {
        use std::io::Write;
        let mut put = |n: u32, _: &[u8]| if n == 1 { Err(()) } else { Ok(()) };
        let mut writer = Chunker::new(2, &mut put);
        assert!(writer.write_all(b"abcdef").is_err());
        assert_eq!((writer.chunks, writer.bytes), (1, 2));
    }

    #[test]
    fn a_workspace_written_in_chunks_is_its_compact_json() {
        let workspace = crate::bench::workload_with(3, 1, 500);
        let mut joined = Vec::new();
        let mut put = |_: u32, bytes: &[u8]| {
            joined.extend_from_slice(bytes);
            Ok(())
        };
        let mut writer = Chunker::new(1_000, &mut put);
        workspace.write_compact(&mut writer).expect("written");
        writer.finish().expect("finished");
        assert!(writer.chunks > 10, "{} chunks", writer.chunks);
        drop(writer);
        let text = String::from_utf8(joined).expect("UTF-8 once joined");
        assert_eq!(text, workspace.to_compact_json());
        let again = Workspace::open(&text, None).expect("opens");
        assert_eq!(again, workspace);
    }
}
