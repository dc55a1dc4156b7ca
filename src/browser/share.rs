//! Share links: a whole workspace carried in the URL fragment
//! (`#workspace=1<data>`), so that it never reaches a server (browsers do not
//! send the fragment) and the link works offline.
//!
//! The workspace's JSON text is compressed with the browser's own
//! `CompressionStream("deflate-raw")` (no compressor in the wasm) and written
//! in base64url without padding, behind a one-character format tag. Opening a
//! link reverses this, with two guards a crafted link cannot get past: the
//! payload's alphabet is checked character by character, and inflating stops
//! as soon as the output passes [`MAX_JSON_BYTES`] (a "decompression bomb" of
//! a few kilobytes would otherwise become gigabytes in the tab).
//!
//! [`encode`] and [`decode`] are the API; the pure parts (the base64url
//! codec, reading the prefix and the format tag, the messages) are plain
//! functions with native tests, and `tests/share.rs` runs the browser parts
//! in headless Chromium.

use crate::i18n::texts;
use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What the fragment starts with: a share link is `…#workspace=<payload>`.
pub const PREFIX: &str = "workspace=";

/// The format tag this version writes, the first character of the payload.
/// Format `1` is deflate-raw (RFC 1951) of the UTF-8 JSON text, in base64url
/// (RFC 4648 §5) without padding. A new format gets a new tag, and this
/// version then says the link was made by a newer version instead of
/// misreading it.
pub const FORMAT: char = '1';

/// The longest payload (format tag and data, after `workspace=`) that
/// [`encode`] makes: 32 000 characters.
///
/// Why this number: a link opened from a desktop mail or chat app on Windows
/// reaches the browser on its command line, which Windows limits to 32 767
/// characters, and the site's address and the browser's path need a few
/// hundred of them. Browsers themselves accept far longer URLs (Chromium
/// 2 MB), but longer links are where tools start to cut them. 32 000
/// characters carry about 24 KB of compressed data: a workspace of 100–200 KB
/// of JSON usually fits (JSON compresses 8–15 times); a larger one is
/// exported as a file instead.
pub const MAX_LINK_CHARS: usize = 32_000;

/// The largest workspace text a link may carry, 5 MB (5 000 000 bytes of
/// UTF-8): ten times more than any link made by [`encode`] holds in practice,
/// yet small enough that a crafted link cannot exhaust the tab's memory.
/// [`decode`] stops inflating beyond it, and [`encode`] refuses a larger
/// workspace so that every link it makes can be opened.
pub const MAX_JSON_BYTES: usize = 5_000_000;

/// How much compressed input the decompressor is given at a time. Browsers
/// inflate a whole written chunk at once, whatever the reader has asked for
/// (Chromium's `InflateTransformer` loops until the chunk is used up), and
/// deflate expands at most 1 032 times; so 1 KiB slices bound the work done
/// past the cap to about 1 MB, wherever the bomb is in the data.
const INFLATE_SLICE: usize = 1024;

/// How much input the compressor is given at a time (its output is smaller
/// than its input, so this only keeps the copies into JavaScript small).
const DEFLATE_SLICE: usize = 64 * 1024;

/// Why a share link could not be made or opened. The messages (its
/// [`Display`](std::fmt::Display), from the catalogue's `share` group) are
/// written for the person holding the link and say what to do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// [`encode`]: the compressed workspace needs more than
    /// [`MAX_LINK_CHARS`] characters (`chars` counts the whole payload).
    TooLarge { chars: usize },

    /// [`encode`]: the workspace text is over [`MAX_JSON_BYTES`], so a link
    /// to it could not be opened (however well it compresses).
    WorkspaceTooLarge { bytes: usize },

    /// [`decode`]: the text has no `workspace=` after its `#`.
    NotAShareLink,

    /// [`decode`]: nothing follows `workspace=`.
    Empty,

    /// [`decode`]: a character outside base64url (`A–Z a–z 0–9 - _`).
    /// `position` counts characters from 1, starting after the `#`.
    BadCharacter { position: usize, character: char },

    /// [`decode`]: the data ends part-way through a byte (one character too
    /// many or too few), as when the end of the link was lost.
    CutShort,

    /// [`decode`]: a format tag this version does not know. Tags only ever
    /// increase, so it was made by a newer version of the calculator.
    NewerFormat { format: char },

    /// [`decode`]: the data is well-formed base64url but not a complete
    /// deflate stream (changed, cut short, or not made by this calculator).
    NotCompressed,

    /// [`decode`]: the workspace would inflate to more than
    /// [`MAX_JSON_BYTES`]; inflating stopped there.
    WorkspaceInLinkTooLarge,

    /// [`decode`]: the inflated data is not UTF-8 text.
    NotText,

    /// The browser has no `CompressionStream` with `deflate-raw` (before
    /// Chrome 103, Firefox 113, Safari 16.4).
    Unsupported,

    /// [`encode`]: the browser's compressor failed (it should not).
    CompressionFailed,
}

impl ShareError {
    /// What went wrong and what to do, in the page's language.
    pub fn message(&self) -> String {
        let t = texts().share();
        match *self {
            ShareError::TooLarge { chars } => {
                t.too_large(&group_thousands(chars), &group_thousands(MAX_LINK_CHARS))
            }
            ShareError::WorkspaceTooLarge { bytes } => {
                t.workspace_too_large(&megabytes(bytes), &megabytes(MAX_JSON_BYTES))
            }
            ShareError::NotAShareLink => t.not_a_share_link(PREFIX),
            ShareError::Empty => t.empty(PREFIX),
            ShareError::BadCharacter {
                position,
                character,
            } => t.bad_character(position, character),
            ShareError::CutShort => t.cut_short.to_string(),
            ShareError::NewerFormat { format } => t.newer_format(format),
            ShareError::NotCompressed => t.not_compressed.to_string(),
            ShareError::WorkspaceInLinkTooLarge => {
                t.workspace_in_link_too_large(&megabytes(MAX_JSON_BYTES))
            }
            ShareError::NotText => t.not_text.to_string(),
            ShareError::Unsupported => t.unsupported.to_string(),
            ShareError::CompressionFailed => t.compression_failed.to_string(),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ShareError {}

/// The share-link fragment for a workspace: `workspace=1<base64url>`, to be
/// put after the `#` of the app's address.
///
/// # Errors
/// [`ShareError::WorkspaceTooLarge`] over [`MAX_JSON_BYTES`] (checked before
/// compressing); [`ShareError::TooLarge`] when the payload would exceed
/// [`MAX_LINK_CHARS`]; [`ShareError::Unsupported`] in a browser without
/// `CompressionStream("deflate-raw")`.
pub async fn encode(json: &str) -> Result<String, ShareError> {
    check_workspace_size(json.len())?;
    let compressed = deflate_raw(json.as_bytes()).await?;
    fragment_for(&compressed)
}

/// The workspace's JSON text from a share link's fragment. Accepts the
/// fragment with or without its `#`, or a whole pasted link (everything up to
/// the first `#` is ignored), with surrounding whitespace. The JSON is not
/// parsed here: the caller opens it with its own errors.
///
/// # Errors
/// Every [`ShareError`] of `decode`: [`NotAShareLink`](ShareError::NotAShareLink),
/// [`Empty`](ShareError::Empty), [`BadCharacter`](ShareError::BadCharacter),
/// [`CutShort`](ShareError::CutShort), [`NewerFormat`](ShareError::NewerFormat),
/// [`NotCompressed`](ShareError::NotCompressed),
/// [`WorkspaceInLinkTooLarge`](ShareError::WorkspaceInLinkTooLarge),
/// [`NotText`](ShareError::NotText), [`Unsupported`](ShareError::Unsupported).
pub async fn decode(fragment: &str) -> Result<String, ShareError> {
    let compressed = compressed_data(fragment)?;
    let json = inflate_raw(&compressed, MAX_JSON_BYTES).await?;
    String::from_utf8(json).map_err(|_| ShareError::NotText)
}

/// `bytes` compressed by the browser's `CompressionStream("deflate-raw")`.
/// [`encode`] uses it; it is public so that tests can craft links that
/// `encode` refuses to make (a workspace over [`MAX_JSON_BYTES`]).
///
/// # Errors
/// [`ShareError::Unsupported`] without `deflate-raw` support;
/// [`ShareError::CompressionFailed`] if the stream fails.
pub async fn deflate_raw(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let stream = CompressionStream::new("deflate-raw").map_err(|_| ShareError::Unsupported)?;
    pump(
        stream.readable(),
        stream.writable(),
        bytes,
        DEFLATE_SLICE,
        usize::MAX,
    )
    .await
    .map_err(|_| ShareError::CompressionFailed)
}

/// `bytes` inflated by the browser's `DecompressionStream("deflate-raw")`,
/// stopping (and cancelling the stream) once the output passes `cap` bytes.
async fn inflate_raw(bytes: &[u8], cap: usize) -> Result<Vec<u8>, ShareError> {
    let stream = DecompressionStream::new("deflate-raw").map_err(|_| ShareError::Unsupported)?;
    pump(
        stream.readable(),
        stream.writable(),
        bytes,
        INFLATE_SLICE,
        cap,
    )
    .await
    .map_err(|failure| match failure {
        Pumped::OverCap => ShareError::WorkspaceInLinkTooLarge,
        Pumped::Failed => ShareError::NotCompressed,
    })
}

/// Why [`pump`] stopped early.
enum Pumped {
    /// The output passed the cap; the stream was cancelled.
    OverCap,
    /// The stream errored (for a decompressor: the data is not deflate).
    Failed,
}

/// Feeds `input` into a transform stream's `writable` in `slice`-sized
/// chunks and reads its `readable` to the end, or until more than `cap`
/// bytes came out.
///
/// The writes are queued without waiting: the stream takes the next chunk
/// only when the reader has drained what the last one produced, so reading
/// is what drives it, and stopping reading stops the work.
async fn pump(
    readable: web_sys::ReadableStream,
    writable: web_sys::WritableStream,
    input: &[u8],
    slice: usize,
    cap: usize,
) -> Result<Vec<u8>, Pumped> {
    let writer = writable.get_writer().map_err(|_| Pumped::Failed)?;
    // Each promise is wrapped in a `JsFuture` even when it is not awaited: the
    // wrapper handles its rejection (after a cancel, every pending write
    // rejects), which would otherwise be logged as an uncaught error.
    let writes: Vec<JsFuture> = input
        .chunks(slice)
        .map(|chunk| JsFuture::from(writer.write_with_chunk(&Uint8Array::from(chunk))))
        .collect();
    let closed = JsFuture::from(writer.close());

    let reader: web_sys::ReadableStreamDefaultReader = readable.get_reader().unchecked_into();
    let mut output = Vec::new();
    loop {
        let result: web_sys::ReadableStreamReadResult = JsFuture::from(reader.read())
            .await
            .map_err(|_| Pumped::Failed)?
            .unchecked_into();
        if result.get_done().unwrap_or(true) {
            break;
        }
        let chunk: Uint8Array = result.get_value().dyn_into().map_err(|_| Pumped::Failed)?;
        let start = output.len();
        let length = chunk.length() as usize;
        if length > cap.saturating_sub(start) {
            let _ = JsFuture::from(reader.cancel()).await;
            return Err(Pumped::OverCap);
        }
        output.resize(start + length, 0);
        chunk.copy_to(&mut output[start..]);
    }
    closed.await.map_err(|_| Pumped::Failed)?;
    drop(writes);
    Ok(output)
}

/// [`encode`]'s size check before compressing.
fn check_workspace_size(bytes: usize) -> Result<(), ShareError> {
    if bytes > MAX_JSON_BYTES {
        return Err(ShareError::WorkspaceTooLarge { bytes });
    }
    Ok(())
}

/// The fragment text for compressed data, or [`ShareError::TooLarge`].
fn fragment_for(compressed: &[u8]) -> Result<String, ShareError> {
    let chars = FORMAT.len_utf8() + base64url::encoded_len(compressed.len());
    if chars > MAX_LINK_CHARS {
        return Err(ShareError::TooLarge { chars });
    }
    Ok(format!("{PREFIX}{FORMAT}{}", base64url::encode(compressed)))
}

/// The compressed bytes a fragment carries: prefix, format tag and
/// base64url checked, in that order.
fn compressed_data(fragment: &str) -> Result<Vec<u8>, ShareError> {
    let text = fragment.trim();
    let text = text.split_once('#').map_or(text, |(_, after)| after);
    let payload = text.strip_prefix(PREFIX).ok_or(ShareError::NotAShareLink)?;
    let mut chars = payload.chars();
    let tag = chars.next().ok_or(ShareError::Empty)?;
    // Positions count from 1 after the `#`; the tag is the first after the prefix.
    let tag_position = PREFIX.chars().count() + 1;
    if !tag.is_ascii_alphanumeric() {
        return Err(ShareError::BadCharacter {
            position: tag_position,
            character: tag,
        });
    }
    if tag != FORMAT {
        return Err(ShareError::NewerFormat { format: tag });
    }
    base64url::decode(chars.as_str()).map_err(|invalid| match invalid {
        base64url::Invalid::Character { index, character } => ShareError::BadCharacter {
            position: tag_position + 1 + index,
            character,
        },
        base64url::Invalid::Length => ShareError::CutShort,
    })
}

/// `12345` as `12 345`: digits grouped by thousands with a space, which
/// reads the same in every locale (SI style).
fn group_thousands(n: usize) -> String {
    sla_engine::units::group_thousands(n as u64).replace(',', " ")
}

/// Bytes in decimal megabytes, with a tenth only when it is not zero:
/// `5 MB`, `20.5 MB`. Rounded up, so that a size over a limit never reads as
/// the limit itself (5 000 001 bytes is `5.1 MB`, not `5 MB`).
fn megabytes(bytes: usize) -> String {
    let tenths = bytes.div_ceil(100_000);
    match tenths % 10 {
        0 => format!("{} MB", tenths / 10),
        tenth => format!("{}.{tenth} MB", tenths / 10),
    }
}

/// Base64url (RFC 4648 §5: `A–Z a–z 0–9 - _`) without padding, strict.
///
/// Hand-written rather than the `base64` crate: the app needs only this one
/// alphabet, in one direction each, and these forty lines with their tests
/// cost less than a dependency to review and keep up to date (and nothing
/// else in the app's dependency tree pulls the crate in).
pub mod base64url {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// Why a text is not strict base64url.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Invalid {
        /// A character outside the alphabet (`=` padding included), or a
        /// last character whose unused low bits are not zero (so that every
        /// byte string has exactly one text). `index` counts characters from 0.
        Character { index: usize, character: char },
        /// A length of 4n + 1 characters, which no byte string has.
        Length,
    }

    /// The length of [`encode`]'s text for `bytes` bytes.
    pub fn encoded_len(bytes: usize) -> usize {
        bytes / 3 * 4 + [0, 2, 3][bytes % 3]
    }

    /// `bytes` in base64url without padding.
    pub fn encode(bytes: &[u8]) -> String {
        let mut out = String::with_capacity(encoded_len(bytes.len()));
        for group in bytes.chunks(3) {
            let b = [
                group[0],
                group.get(1).copied().unwrap_or(0),
                group.get(2).copied().unwrap_or(0),
            ];
            let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
            for k in 0..=group.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k) & 63) as usize]));
            }
        }
        out
    }

    /// The bytes of a base64url text without padding.
    ///
    /// # Errors
    /// [`Invalid`]: a character outside the alphabet (the first one), or an
    /// impossible length.
    pub fn decode(text: &str) -> Result<Vec<u8>, Invalid> {
        let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
        let (mut bits, mut held) = (0u32, 0u32);
        let mut count = 0;
        for (index, character) in text.chars().enumerate() {
            let value = sextet(character).ok_or(Invalid::Character { index, character })?;
            bits = bits << 6 | u32::from(value);
            held += 6;
            if held >= 8 {
                held -= 8;
                out.push((bits >> held) as u8);
                bits &= (1 << held) - 1;
            }
            count = index + 1;
        }
        if count % 4 == 1 {
            return Err(Invalid::Length);
        }
        // Two or four bits left over must be zero, or two texts would decode
        // to the same bytes.
        if bits != 0 {
            let index = count - 1;
            let character = text.chars().last().unwrap_or('?');
            return Err(Invalid::Character { index, character });
        }
        Ok(out)
    }

    fn sextet(character: char) -> Option<u8> {
        Some(match character {
            'A'..='Z' => character as u8 - b'A',
            'a'..='z' => character as u8 - b'a' + 26,
            '0'..='9' => character as u8 - b'0' + 52,
            '-' => 62,
            '_' => 63,
            _ => return None,
        })
    }
}

// `CompressionStream` and `DecompressionStream` are behind
// `web_sys_unstable_apis` in web-sys; these are the few members used, bound
// here so the app builds without that flag.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Object, js_name = CompressionStream)]
    type CompressionStream;

    /// Throws (caught: `Err`) when the format is not supported, or
    /// `CompressionStream` does not exist.
    #[wasm_bindgen(constructor, catch, js_class = CompressionStream)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn readable(this: &CompressionStream) -> web_sys::ReadableStream;

    #[wasm_bindgen(method, getter)]
    fn writable(this: &CompressionStream) -> web_sys::WritableStream;

    #[wasm_bindgen(extends = js_sys::Object, js_name = DecompressionStream)]
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch, js_class = DecompressionStream)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;

    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;

    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

// Native: the browser parts are tested in `tests/share.rs`.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_the_rfc_4648_test_vectors() {
        // RFC 4648 §10, with the padding removed.
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (bytes, text) in vectors {
            assert_eq!(base64url::encode(bytes.as_bytes()), text);
            assert_eq!(base64url::decode(text), Ok(bytes.as_bytes().to_vec()));
        }
    }

    #[test]
    fn base64url_uses_minus_and_underscore_for_62_and_63() {
        // 0xfb 0xff = 111110 111111 1111(00): sextets 62, 63, 60.
        assert_eq!(base64url::encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url::decode("-_8"), Ok(vec![0xfb, 0xff]));
    }

    #[test]
    fn base64url_refuses_the_standard_alphabet_and_padding() {
        assert_eq!(
            base64url::decode("ab+c"),
            Err(base64url::Invalid::Character {
                index: 2,
                character: '+'
            })
        );
        assert_eq!(
            base64url::decode("Zg=="),
            Err(base64url::Invalid::Character {
                index: 2,
                character: '='
            })
        );
        assert_eq!(
            base64url::decode("Zm9v\n"),
            Err(base64url::Invalid::Character {
                index: 4,
                character: '\n'
            })
        );
    }

    #[test]
    fn base64url_counts_positions_in_characters_not_bytes() {
        assert_eq!(
            base64url::decode("Zé9v"),
            Err(base64url::Invalid::Character {
                index: 1,
                character: 'é'
            })
        );
    }

    #[test]
    fn base64url_refuses_a_length_no_bytes_have() {
        assert_eq!(base64url::decode("Z"), Err(base64url::Invalid::Length));
        assert_eq!(base64url::decode("Zm9vY"), Err(base64url::Invalid::Length));
    }

    #[test]
    fn base64url_refuses_non_zero_leftover_bits() {
        // "Zh": 011001 100001 → 0x66 and leftover bits 0001.
        assert_eq!(
            base64url::decode("Zh"),
            Err(base64url::Invalid::Character {
                index: 1,
                character: 'h'
            })
        );
    }

    #[test]
    fn a_fragment_is_read_with_or_without_its_hash() {
        let expected = Ok(b"foo".to_vec());
        assert_eq!(compressed_data("workspace=1Zm9v"), expected);
        assert_eq!(compressed_data("#workspace=1Zm9v"), expected);
        assert_eq!(
            compressed_data("https://example.org/tools/sla/#workspace=1Zm9v\n"),
            expected
        );
    }

    #[test]
    fn a_fragment_without_the_prefix_is_not_a_share_link() {
        assert_eq!(compressed_data(""), Err(ShareError::NotAShareLink));
        assert_eq!(
            compressed_data("#avail=99.9"),
            Err(ShareError::NotAShareLink)
        );
        assert_eq!(
            compressed_data("#Workspace=1Zm9v"),
            Err(ShareError::NotAShareLink)
        );
    }

    #[test]
    fn a_prefix_with_nothing_after_it_is_empty() {
        assert_eq!(compressed_data("#workspace="), Err(ShareError::Empty));
    }

    #[test]
    fn an_unknown_format_tag_is_a_newer_version() {
        assert_eq!(
            compressed_data("#workspace=2Zm9v"),
            Err(ShareError::NewerFormat { format: '2' })
        );
    }

    #[test]
    fn a_bad_character_is_placed_counting_from_after_the_hash() {
        // "workspace=" is characters 1–10, the tag 11, "Zm" 12–13, "%" 14.
        assert_eq!(
            compressed_data("#workspace=1Zm%9v"),
            Err(ShareError::BadCharacter {
                position: 14,
                character: '%'
            })
        );
        assert_eq!(
            compressed_data("workspace=%Zm9v"),
            Err(ShareError::BadCharacter {
                position: 11,
                character: '%'
            })
        );
    }

    #[test]
    fn a_payload_cut_mid_byte_is_cut_short() {
        assert_eq!(
            compressed_data("#workspace=1Zm9vY"),
            Err(ShareError::CutShort)
        );
    }

    #[test]
    fn a_link_is_the_prefix_the_tag_and_the_data() {
        assert_eq!(fragment_for(b"foo"), Ok("workspace=1Zm9v".to_string()));
    }

    #[test]
    fn the_link_limit_counts_the_tag_and_allows_exactly_the_limit() {
        // 23 997 bytes = 7 999 groups of 3 → 31 996 characters, + 1 tag.
        let fits = vec![0u8; 23_997];
        assert_eq!(
            fragment_for(&fits).map(|f| f.len() - PREFIX.len()),
            Ok(31_997)
        );
        // 23 999 bytes → 31 996 + 3 + 1 tag = 32 000: exactly the limit.
        assert!(fragment_for(&vec![0u8; 23_999]).is_ok());
        // 24 000 bytes → 32 000 + 1 tag.
        assert_eq!(
            fragment_for(&vec![0u8; 24_000]),
            Err(ShareError::TooLarge { chars: 32_001 })
        );
    }

    #[test]
    fn a_workspace_over_5_mb_is_refused_before_compressing() {
        assert_eq!(check_workspace_size(5_000_000), Ok(()));
        assert_eq!(
            check_workspace_size(5_000_001),
            Err(ShareError::WorkspaceTooLarge { bytes: 5_000_001 })
        );
    }

    #[test]
    fn messages_say_what_went_wrong_and_what_to_do() {
        let message = |e: ShareError| e.to_string();
        assert_eq!(
            message(ShareError::TooLarge { chars: 41_230 }),
            "This workspace is too large for a link (41 230 characters; the limit is 32 000). \
             Export it as a file instead."
        );
        assert_eq!(
            message(ShareError::WorkspaceTooLarge { bytes: 20_000_000 }),
            "This workspace is too large for a link (20 MB; the limit is 5 MB). \
             Export it as a file instead."
        );
        assert_eq!(
            message(ShareError::BadCharacter {
                position: 57,
                character: '%'
            }),
            "The share link is damaged: character 57 ('%') is not allowed. \
             Copy the whole link again."
        );
        assert_eq!(
            message(ShareError::NewerFormat { format: '2' }),
            "The share link was made by a newer version (format 2). \
             Reload the page to get the newest version, then open the link again."
        );
        assert_eq!(
            message(ShareError::NotCompressed),
            "The share link's data is not valid compressed data: the link was changed or cut short. \
             Copy the whole link again."
        );
        assert_eq!(
            message(ShareError::WorkspaceInLinkTooLarge),
            "The workspace in this link is larger than 5 MB, more than a link may carry. \
             It was not opened."
        );
        assert_eq!(
            message(ShareError::NotAShareLink),
            "This is not a share link: a share link contains “#workspace=” followed by its data."
        );
    }

    #[test]
    fn thousands_are_grouped_with_spaces() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_000), "1 000");
        assert_eq!(group_thousands(41_230), "41 230");
        assert_eq!(group_thousands(1_234_567), "1 234 567");
    }

    #[test]
    fn megabytes_are_decimal_and_rounded_up_to_a_tenth() {
        assert_eq!(megabytes(0), "0 MB");
        assert_eq!(megabytes(5_000_000), "5 MB");
        assert_eq!(megabytes(5_000_001), "5.1 MB");
        assert_eq!(megabytes(5_100_000), "5.1 MB");
        assert_eq!(megabytes(20_500_000), "20.5 MB");
    }

    mod properties {
        use super::super::base64url;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn base64url_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
                let text = base64url::encode(&bytes);
                prop_assert_eq!(text.len(), base64url::encoded_len(bytes.len()));
                prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
                prop_assert_eq!(base64url::decode(&text), Ok(bytes));
            }

            #[test]
            fn base64url_decoding_is_strict(text in "[A-Za-z0-9_=+/-]{0,40}") {
                // Whatever decodes is the one text of its bytes.
                if let Ok(bytes) = base64url::decode(&text) {
                    prop_assert_eq!(base64url::encode(&bytes), text);
                }
            }
        }
    }
}
