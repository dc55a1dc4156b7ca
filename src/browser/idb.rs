//! IndexedDB as the workbench's store uses it (`state::workbench::store`): a database
//! opened (its object stores made when it is new), a transaction, and a
//! request or a transaction awaited as a future.
//!
//! Kept small, as every binding costs JavaScript glue in the page's first
//! load: a request's or a transaction's events resolve a promise directly
//! (the promise's own `resolve` and `reject` are the event handlers, so no
//! closure is made per request), and event handlers, results and errors
//! are read and set through `Reflect`, which the app binds anyway. The
//! handlers are set, and the promise listened to, when the future is made,
//! not when it is first polled: a request finishes in a later task, so
//! never before its handlers are there, and a failure that nobody awaits is
//! not an unhandled rejection.

use std::future::Future;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbKeyRange, IdbRequest, IdbTransaction};

/// `target[property]`, or `undefined`.
fn get(target: &JsValue, property: &str) -> JsValue {
    Reflect::get(target, &property.into()).unwrap_or_default()
}

/// Sets the event handler `property` (`onsuccess`) of `target`.
fn on(target: &JsValue, property: &str, handler: &JsValue) {
    let _ = Reflect::set(target, &property.into(), handler);
}

/// Opens the database `name` at `version`; `upgrade` makes its object
/// stores when it is new or older.
///
/// # Errors
/// No IndexedDB here (a frame with storage blocked, a private mode that
/// refuses it), or the browser would not open the database.
pub async fn open(
    name: &str,
    version: u32,
    upgrade: fn(&IdbDatabase),
) -> Result<IdbDatabase, JsValue> {
    let factory = super::indexed_db().ok_or(JsValue::NULL)?;
    let request: IdbRequest = factory.open_with_u32(name, version)?.into();
    let upgrading = request.clone();
    let on_upgrade = Closure::<dyn FnMut()>::new(move || {
        upgrade(get(&upgrading, "result").unchecked_ref());
    });
    on(&request, "onupgradeneeded", on_upgrade.as_ref());
    let opened = settled(&request).await;
    on(&request, "onupgradeneeded", &JsValue::NULL);
    let db: IdbDatabase = opened?.unchecked_into();
    // A newer version of the app opening the database (or a test deleting
    // it) waits until every connection is closed: this one closes then.
    let closing = db.clone();
    let on_version_change = Closure::<dyn FnMut()>::new(move || closing.close());
    on(&db, "onversionchange", on_version_change.as_ref());
    on_version_change.forget();
    Ok(db)
}

/// A promise settled by `target`'s events `ok` (resolved) and `failed`
/// (rejected), then the outcome read by `outcome`.
fn settle<T>(
    target: &JsValue,
    [ok, failed]: [&str; 2],
    outcome: fn(&JsValue, bool) -> Result<T, JsValue>,
) -> impl Future<Output = Result<T, JsValue>> {
    let promise = Promise::new(&mut |resolve, reject| {
        on(target, ok, &resolve);
        on(target, failed, &reject);
    });
    // Listened to now, not when first polled: a failure nobody waits for
    // (a transaction given up) is then no unhandled rejection.
    let settled = JsFuture::from(promise);
    let target = target.clone();
    async move { outcome(&target, settled.await.is_ok()) }
}

/// The result of `request` once it succeeds.
///
/// # Errors
/// The request's error (a `DOMException`), or `null`.
pub fn settled(request: &IdbRequest) -> impl Future<Output = Result<JsValue, JsValue>> {
    settle(request, ["onsuccess", "onerror"], |request, ok| {
        if ok {
            Ok(get(request, "result"))
        } else {
            Err(get(request, "error"))
        }
    })
}

/// Waits until `transaction` has committed.
///
/// # Errors
/// The transaction was aborted: its error (a `DOMException` such as
/// `QuotaExceededError`), or `null` when it was aborted on purpose.
pub fn committed(transaction: &IdbTransaction) -> impl Future<Output = Result<(), JsValue>> {
    settle(transaction, ["oncomplete", "onabort"], |transaction, ok| {
        if ok {
            Ok(())
        } else {
            Err(get(transaction, "error"))
        }
    })
}

/// How a transaction may use its object stores.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Read,
    Write,
    /// Writes that are on disk once the transaction completes (`durability:
    /// "strict"`, where the browser knows it): for a write after which the
    /// only other copy is removed.
    Durable,
}

/// A transaction over `stores`.
///
/// # Errors
/// A store that does not exist, a closed database.
pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: Mode,
) -> Result<IdbTransaction, JsValue> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    // Called through `Reflect`: web-sys binds the options (durability)
    // only as an unstable API, and one call serves every mode.
    let options = Object::new();
    if mode == Mode::Durable {
        Reflect::set(&options, &"durability".into(), &"strict".into())?;
    }
    let mode = if mode == Mode::Read {
        "readonly"
    } else {
        "readwrite"
    };
    let open: Function = get(db, "transaction").unchecked_into();
    Ok(open
        .call3(db, &names, &mode.into(), &options)?
        .unchecked_into())
}

/// Calls `target.method()` (`commit`, `abort`).
///
/// # Errors
/// It threw, or there is no such method (`commit` in an older browser).
pub fn call(target: &JsValue, method: &str) -> Result<JsValue, JsValue> {
    get(target, method)
        .unchecked_into::<Function>()
        .call0(target)
}

/// The key `[id, n]`.
pub fn pair(id: &str, n: f64) -> JsValue {
    Array::of2(&id.into(), &n.into()).into()
}

/// Every key `[id, n]`, whatever `n`.
///
/// # Errors
/// Never for a text `id` (the browser checks the bounds).
pub fn pairs_of(id: &str) -> Result<JsValue, JsValue> {
    IdbKeyRange::bound(&pair(id, 0.0), &pair(id, f64::INFINITY)).map(Into::into)
}

/// The name of a `DOMException` (`QuotaExceededError`), or empty.
pub fn error_name(error: &JsValue) -> String {
    get(error, "name").as_string().unwrap_or_default()
}

/// What a `DOMException` says, for a message: `name: message`.
pub fn describe(error: &JsValue) -> String {
    format!(
        "{}: {}",
        error_name(error),
        get(error, "message").as_string().unwrap_or_default()
    )
}
