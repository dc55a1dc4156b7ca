//! The text encoding of an import.
//!
//! Exports are UTF-8 (often with a byte-order mark, which Excel writes) or,
//! from older Windows tools, Windows-1252. The encoding is decided once from
//! the first bytes of the file: valid UTF-8 is UTF-8; anything else that is
//! not UTF-16 is read as Windows-1252, and the import says so. A later field
//! that is not valid UTF-8 in a UTF-8 file is a row error, never garbage.
//! UTF-16 and binary files are refused with a message saying what to do.

use std::borrow::Cow;

/// How the bytes of a file are turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    /// Windows-1252 (Western European), converted to Unicode character by character.
    Windows1252,
}

impl Encoding {
    pub fn id(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Windows1252 => "windows-1252",
        }
    }

    pub fn from_id(id: &str) -> Option<Encoding> {
        match id.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "cp1252" | "latin1" | "iso-8859-1" => Some(Encoding::Windows1252),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252 (converted)",
        }
    }

    /// A field's bytes as text.
    ///
    /// # Errors
    /// Bytes that are not valid UTF-8 in a UTF-8 file.
    pub fn decode(self, bytes: &[u8]) -> Result<Cow<'_, str>, InvalidText> {
        match self {
            Encoding::Utf8 => {
                std::str::from_utf8(bytes)
                    .map(Cow::Borrowed)
                    .map_err(|e| InvalidText {
                        offset: e.valid_up_to(),
                    })
            }
            Encoding::Windows1252 => Ok(windows_1252(bytes)),
        }
    }
}

/// A field that is not valid UTF-8, at byte `offset` of the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidText {
    pub offset: usize,
}

/// What the start of a file says about its encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Encoding,
    /// Length of a UTF-8 byte-order mark to skip (0 or 3).
    pub bom: usize,
}

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    Empty,
    Utf16,
    Binary,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unreadable::Empty => "The file is empty.",
            Unreadable::Utf16 => "The file is UTF-16 text (as \"Unicode text\" exports are). Save or export it as CSV UTF-8 and import that file.",
            Unreadable::Binary => "This is not a CSV file: it contains binary data (zero bytes). Export the data as CSV and import that file.",
        })
    }
}

/// Decides the encoding from the first bytes of a file (`sample`, at least
/// the first few kilobytes when the file is that long; `complete` when the
/// sample is the whole file).
///
/// # Errors
/// An empty, UTF-16 or binary sample.
pub fn detect(sample: &[u8], complete: bool) -> Result<Detected, Unreadable> {
    if sample.is_empty() {
        return Err(Unreadable::Empty);
    }
    if sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]) {
        return Err(Unreadable::Utf16);
    }
    let bom = if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let body = sample.get(bom..).unwrap_or_default();
    if body.is_empty() && complete {
        return Err(Unreadable::Empty);
    }
    let head = body.get(..body.len().min(4096)).unwrap_or_default();
    let (even, odd) = head
        .iter()
        .enumerate()
        .fold((0, 0), |(e, o), (i, b)| match (*b, i % 2) {
            (0, 0) => (e + 1, o),
            (0, _) => (e, o + 1),
            _ => (e, o),
        });
    if even + odd > 0 {
        // UTF-16 without a BOM has a zero in every other byte of ASCII text,
        // always on the same side.
        let pairs = head.len() / 2;
        let one_sided = (even == 0 || odd == 0) && (even + odd) * 3 >= pairs;
        return Err(if one_sided {
            Unreadable::Utf16
        } else {
            Unreadable::Binary
        });
    }
    let encoding = match std::str::from_utf8(body) {
        Ok(_) => Encoding::Utf8,
        // A sample cut in the middle of a character is still UTF-8.
        Err(e) if e.error_len().is_none() && !complete => Encoding::Utf8,
        Err(_) if bom == 3 => Encoding::Utf8,
        Err(_) => Encoding::Windows1252,
    };
    Ok(Detected { encoding, bom })
}

/// Windows-1252 bytes 0x80–0x9F; the rest map to the same code point (Latin-1).
/// The five undefined bytes map to their C1 control points, as browsers do.
const HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(bytes: &[u8]) -> Cow<'_, str> {
    if bytes.is_ascii() {
        // ASCII is the same in both encodings.
        return Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default());
    }
    Cow::Owned(
        bytes
            .iter()
            .map(|&b| match b {
                0x80..=0x9F => HIGH
                    .get(usize::from(b - 0x80))
                    .copied()
                    .unwrap_or('\u{FFFD}'),
                _ => char::from(b),
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            detect(b"a,b\n", true),
            Ok(Detected {
                encoding: Encoding::Utf8,
                bom: 0
            })
        );
        assert_eq!(
            detect("\u{feff}Dienst;Störung\n".as_bytes(), true),
            Ok(Detected {
                encoding: Encoding::Utf8,
                bom: 3
            })
        );
    }

    #[test]
    fn windows_1252_is_converted() {
        let bytes = b"service,cause\nCaf\xe9,power \x96 grid \x80\n";
        let detected = detect(bytes, true).expect("readable");
        assert_eq!(detected.encoding, Encoding::Windows1252);
        assert_eq!(
            detected
                .encoding
                .decode(b"Caf\xe9 \x96 \x80")
                .expect("text"),
            "Café – €"
        );
    }

    #[test]
    fn a_sample_cut_inside_a_character_is_still_utf8() {
        let text = "service\nZürich".as_bytes();
        let cut = text.get(..text.len() - 5).expect("shorter");
        assert_eq!(detect(cut, false).map(|d| d.encoding), Ok(Encoding::Utf8));
    }

    #[test]
    fn refused_inputs() {
        assert_eq!(detect(b"", true), Err(Unreadable::Empty));
        assert_eq!(detect(b"\xef\xbb\xbf", true), Err(Unreadable::Empty));
        assert_eq!(detect(b"\xff\xfea\0,\0b\0", true), Err(Unreadable::Utf16));
        assert_eq!(detect(b"a\0,\0b\0\n\0", true), Err(Unreadable::Utf16));
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", true),
            Err(Unreadable::Binary)
        );
    }

    #[test]
    fn invalid_utf8_in_a_utf8_file_is_an_error_with_its_offset() {
        assert_eq!(
            Encoding::Utf8.decode(b"ab\xffc"),
            Err(InvalidText { offset: 2 })
        );
    }
}
