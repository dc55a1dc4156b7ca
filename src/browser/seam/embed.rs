//! [`EMBED`]: a page in a vendor's iframe. A third-party frame may have no
//! storage (or lose it), so the embed keeps nothing: no `localStorage`, no
//! IndexedDB. The clock, files and the clipboard are the browser's.

use super::{Browser, WEB};

/// What storage says in an embed.
const NO_STORAGE: &str = "this page keeps nothing in an embed";

fn load(_key: &str) -> Result<Option<String>, String> {
    Err(NO_STORAGE.into())
}

fn save(_key: &str, _value: &str) -> Result<(), String> {
    Err(NO_STORAGE.into())
}

/// The embed: the browser without storage.
pub static EMBED: Browser = Browser {
    name: "embed",
    load: Some(load),
    save: Some(save),
    local_storage: Some(|| None),
    indexed_db: Some(|| None),
    ..WEB
};
