//! Reading a chosen file in slices.

use crate::i18n::texts;
use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;

/// Where an import's bytes come from.
#[derive(Clone, PartialEq)]
pub enum Data {
    /// A file from the file input: read a slice at a time, never whole.
    File(web_sys::File),
    /// Pasted text.
    Bytes(std::rc::Rc<Vec<u8>>),
}

impl Data {
    pub fn size(&self) -> u64 {
        match self {
            Data::File(file) => file.size() as u64,
            Data::Bytes(bytes) => bytes.len() as u64,
        }
    }

    /// Bytes `start..end` (clipped to the size).
    ///
    /// # Errors
    /// The browser could not read the file (it was moved or deleted).
    pub async fn read(&self, start: u64, end: u64) -> Result<Vec<u8>, String> {
        match self {
            Data::Bytes(bytes) => {
                let from = usize::try_from(start)
                    .unwrap_or(usize::MAX)
                    .min(bytes.len());
                let to = usize::try_from(end).unwrap_or(usize::MAX).min(bytes.len());
                Ok(bytes.get(from..to).unwrap_or_default().to_vec())
            }
            Data::File(file) => {
                let blob = file
                    .slice_with_f64_and_f64(start as f64, end as f64)
                    .map_err(|_| texts().import().file_read_failed.to_string())?;
                let buffer = JsFuture::from(blob.array_buffer())
                    .await
                    .map_err(|_| texts().import().file_moved.to_string())?;
                Ok(Uint8Array::new(&buffer).to_vec())
            }
        }
    }
}
