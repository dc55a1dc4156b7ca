//! The JSON path of a position in a JSON text: where a typed reading of a
//! file stopped, named as `agreements[0].targets[1].expected`.
//!
//! The engine's files are read by serde_json alone; this walk over the text
//! up to the error's line and column names the field that was being read.
//! It replaces a path-tracking deserializer, which wraps every type's
//! reading and weighed about 110 KB of each page's raw wasm.
//!
//! serde_json gives an error the position where it stopped reading:
//! - after the value at fault (a wrong type, a value a type refused);
//! - after a field's name (an unknown field), which the path ends with;
//! - at an object's closing brace (a missing field, or a field of an
//!   internally tagged object that its variant refused), where the path is
//!   the object's;
//! - before the value it could not start reading (an object or a list
//!   where something else belongs), or on its first byte when that is a
//!   syntax error (an enum's name expected).
//!
//! The types' readers keep to this: a value that cannot be read is refused
//! inside serde_json's reading of it, not after (`values::ExactText`,
//! `values::Tagged`). A unit test compares these paths with those of the
//! path-tracking deserializer on every mutation of the example files.

use std::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// After `{` or a comma in an object.
    ExpectKey,
    /// After a field's name, before its colon: an unknown field is refused
    /// here, and named by its path.
    AfterKey,
    /// After `:` in an object, or `[` or a comma in a list.
    ExpectValue,
    /// After a value, before the comma or the closing bracket.
    AfterValue,
}

enum Step {
    Key(String),
    Index(usize),
}

struct Frame {
    list: bool,
    step: Option<Step>,
    phase: Phase,
}

/// The byte offset of serde_json's `line` (from 1) and `column` (bytes
/// consumed on that line) in `text`.
pub(crate) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start = if line <= 1 {
        0
    } else {
        text.bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (start + column).min(text.len())
}

/// The path of the value being read when `text[..offset]` had been read:
/// `.` for the whole file.
///
/// `looked_at`: the position counts the byte serde_json looked at and
/// refused without reading it (its syntax errors, such as an enum's name
/// where a list begins); the path is then that of the value it could not
/// start, not of the list's first element.
pub(crate) fn path_at(text: &str, offset: usize, looked_at: bool) -> String {
    let mut bytes = &text.as_bytes()[..offset.min(text.len())];
    if looked_at {
        // Only a value's first byte can have been looked at and not read:
        // one after a colon, a comma, an opening bracket or nothing.
        if let Some((_, before)) = bytes.split_last() {
            let starts_value = before
                .iter()
                .rev()
                .find(|b| !b.is_ascii_whitespace())
                .is_none_or(|b| matches!(b, b':' | b',' | b'[' | b'{'));
            if starts_value {
                bytes = before;
            }
        }
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' | b'[' => {
                if let Some(frame) = frames.last_mut() {
                    frame.phase = Phase::AfterValue;
                }
                let list = b == b'[';
                frames.push(Frame {
                    list,
                    step: list.then_some(Step::Index(0)),
                    phase: if list {
                        Phase::ExpectValue
                    } else {
                        Phase::ExpectKey
                    },
                });
                i += 1;
            }
            b'}' | b']' => {
                frames.pop();
                i += 1;
            }
            b':' => {
                if let Some(frame) = frames.last_mut() {
                    frame.phase = Phase::ExpectValue;
                }
                i += 1;
            }
            b',' => {
                if let Some(frame) = frames.last_mut() {
                    if frame.list {
                        if let Some(Step::Index(index)) = &mut frame.step {
                            *index += 1;
                        }
                        frame.phase = Phase::ExpectValue;
                    } else {
                        frame.step = None;
                        frame.phase = Phase::ExpectKey;
                    }
                }
                i += 1;
            }
            b'"' => {
                let end = string_end(bytes, i);
                let Some(frame) = frames.last_mut() else {
                    break;
                };
                if !frame.list && frame.phase == Phase::ExpectKey {
                    if end > bytes.len() {
                        // Stopped inside a field's name: the object's path.
                        frame.phase = Phase::AfterKey;
                        break;
                    }
                    frame.step = Some(Step::Key(key_text(&text[i..end])));
                    frame.phase = Phase::AfterKey;
                } else {
                    frame.phase = Phase::AfterValue;
                }
                i = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            _ => {
                // A number, true, false or null.
                while i < bytes.len() && !b",}] \t\n\r".contains(&bytes[i]) {
                    i += 1;
                }
                if let Some(frame) = frames.last_mut() {
                    frame.phase = Phase::AfterValue;
                }
            }
        }
    }
    let mut path = String::new();
    let last = frames.len().saturating_sub(1);
    for (depth, frame) in frames.iter().enumerate() {
        if depth == last && frame.phase == Phase::ExpectKey {
            // No field is being read: the object's own path.
            break;
        }
        match &frame.step {
            Some(Step::Key(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Some(Step::Index(index)) => {
                let _ = write!(path, "[{index}]");
            }
            None => {}
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// The offset after the closing quote of the string starting at `start`
/// (past the end of `bytes` when it does not close there).
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len() + 1
}

/// A field's name from its quoted text, escapes read.
fn key_text(quoted: &str) -> String {
    serde_json::from_str::<String>(quoted).unwrap_or_else(|_| quoted.trim_matches('"').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, marker: &str) -> String {
        let offset = text.find(marker).expect("marker") + marker.len();
        path_at(text, offset, false)
    }

    #[test]
    fn a_value_read_is_named_by_its_field_and_index() {
        let text = r#"{"a": [{"b": 1}, {"c": "x"}], "d": true}"#;
        assert_eq!(at(text, r#""b": 1"#), "a[0].b");
        assert_eq!(at(text, r#""c": "x""#), "a[1].c");
        assert_eq!(at(text, r#""d": true"#), "d");
        assert_eq!(at(text, r#""c": "x"}"#), "a[1]");
        assert_eq!(at(text, r#""c": "x"}]"#), "a");
        assert_eq!(at(text, "true}"), ".");
    }

    #[test]
    fn a_refused_field_name_is_named_and_a_value_not_started_is_its_own() {
        let text = r#"{"a": {"bogus": 1}, "l": [ {"x": 2}]}"#;
        assert_eq!(at(text, r#"{"a": {"bogus""#), "a.bogus");
        assert_eq!(path_at(text, text.find('[').expect("list") + 1, true), "l");
        assert_eq!(at(text, r#"{"a": "#), "a");
        assert_eq!(at(text, r#""l": [ "#), "l[0]");
        assert_eq!(at(text, "{"), ".");
    }

    #[test]
    fn escapes_in_names_and_strings_are_read() {
        let text = r#"{"a\"b": "x\"}", "c": 1}"#;
        assert_eq!(at(text, r#""x\"}""#), r#"a"b"#);
        assert_eq!(at(text, r#""c": 1"#), "c");
    }

    #[test]
    fn a_line_and_column_is_a_byte_offset() {
        let text = "{\n  \"é\": 1,\n  \"b\": 2\n}";
        let offset = offset_of(text, 3, 8);
        assert_eq!(&text[..offset], "{\n  \"é\": 1,\n  \"b\": 2");
        assert_eq!(offset_of(text, 1, 1), 1);
        assert_eq!(offset_of(text, 9, 1), text.len());
    }

    /// Every node of `value`, as JSON pointers.
    fn pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, child) in map {
                    pointers(child, format!("{at}/{key}"), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    pointers(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
    }

    /// The mutations of a file: each value replaced by values of other
    /// kinds and by texts no field accepts, each field left out, an unknown
    /// field added to each object and an element of the wrong kind to each
    /// list.
    fn mutations(file: &serde_json::Value) -> Vec<serde_json::Value> {
        use serde_json::json;
        let mut nodes = Vec::new();
        pointers(file, String::new(), &mut nodes);
        let mut out = Vec::new();
        for pointer in nodes.iter().filter(|p| !p.is_empty()) {
            for replacement in [
                json!("zz"),
                json!(-1),
                json!(1.5),
                json!(true),
                json!(null),
                json!({}),
                json!([]),
                json!("99.9x"),
            ] {
                let mut mutated = file.clone();
                *mutated.pointer_mut(pointer).expect("node") = replacement;
                out.push(mutated);
            }
        }
        for pointer in &nodes {
            let node = file.pointer(pointer).expect("node");
            if let Some(map) = node.as_object() {
                for key in map.keys() {
                    let mut mutated = file.clone();
                    let object = mutated.pointer_mut(pointer).expect("node");
                    object.as_object_mut().expect("object").remove(key);
                    out.push(mutated);
                }
                let mut mutated = file.clone();
                let object = mutated.pointer_mut(pointer).expect("node");
                object
                    .as_object_mut()
                    .expect("object")
                    .insert("bogus".into(), json!(1));
                out.push(mutated);
            }
            if node.is_array() {
                for extra in [json!({}), json!("x")] {
                    let mut mutated = file.clone();
                    let list = mutated.pointer_mut(pointer).expect("node");
                    list.as_array_mut().expect("array").push(extra);
                    out.push(mutated);
                }
            }
        }
        out
    }

    /// The path this module names and the path-tracking reader's, for
    /// `text` read as `T`; `None` when it reads.
    fn both<T: serde::de::DeserializeOwned>(text: &str) -> Option<(String, String)> {
        let ours = match serde_json::from_str::<T>(text) {
            Ok(_) => None,
            Err(e) => Some(path_at(
                text,
                offset_of(text, e.line(), e.column()),
                e.is_syntax(),
            )),
        };
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let theirs = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Ok(_) => None,
            Err(e) => Some(e.path().to_string()),
        };
        assert_eq!(ours.is_some(), theirs.is_some(), "{text}");
        ours.zip(theirs)
    }

    /// The paths named here are those of `serde_path_to_error`, which the
    /// engine used before, on every mutation of every example file, written
    /// pretty and compact.
    #[test]
    fn the_paths_are_those_of_the_path_tracking_reader_on_every_mutation_of_the_examples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("examples")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        let (mut compared, mut differing) = (0, Vec::new());
        for path in &files {
            let text = std::fs::read_to_string(path).expect("example");
            let file: serde_json::Value = serde_json::from_str(&text).expect("json");
            let agreements = file["format"] == "sla-agreements";
            for mutated in mutations(&file) {
                for text in [
                    serde_json::to_string_pretty(&mutated).expect("text"),
                    serde_json::to_string(&mutated).expect("text"),
                ] {
                    let result = if agreements {
                        both::<super::super::AgreementFile>(&text)
                    } else {
                        both::<super::super::MeasurementFile>(&text)
                    };
                    if let Some((ours, theirs)) = result {
                        compared += 1;
                        if ours != theirs {
                            differing
                                .push(format!("{}: ours {ours}, theirs {theirs}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(compared > 10_000, "only {compared} errors compared");
        assert!(
            differing.is_empty(),
            "{} of {compared} differ:\n{}",
            differing.len(),
            differing[..differing.len().min(40)].join("\n")
        );
    }
}
