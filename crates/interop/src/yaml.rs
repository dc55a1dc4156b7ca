//! YAML (and JSON, which YAML 1.2 reads) to a small tree in which every node
//! keeps its line and column, so a problem found while mapping a document can
//! say where it is, not only what.
//!
//! Built on `saphyr-parser`'s events; scalars are kept as written (no
//! conversion to floats). Limits keep a hostile file from exhausting the
//! page: nesting depth, node count (aliases count every node they copy, so
//! the "billion laughs" file stops early) and file size.

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

/// Deeper nesting than this is refused (OpenSLO documents nest about 8 deep).
pub const MAX_DEPTH: usize = 64;
/// More nodes than this (aliases expanded) are refused.
pub const MAX_NODES: usize = 1_000_000;
/// Larger files are refused.
pub const MAX_BYTES: usize = 16 * 1024 * 1024;

/// A position in the file: line and column, both from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    fn of(span: &Span) -> Position {
        Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }
}

/// A value and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: Position,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// A scalar as written; `quoted` when it was in quotes or a block.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    /// Entries in file order; keys are scalars.
    Map(Vec<(Key, Node)>),
}

/// A mapping key and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub text: String,
    pub at: Position,
}

impl Node {
    /// The entry `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|(k, _)| k.text == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The entries of a mapping (empty for anything else).
    pub fn entries(&self) -> &[(Key, Node)] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The text of a scalar (a plain or quoted one).
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// A scalar read as a boolean (`true`, `false`, any case).
    pub fn boolean(&self) -> Option<bool> {
        match self.text()?.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// What kind of value this is, for messages.
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Scalar { .. } => "a value",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// One document of a multi-document file.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// 1 for the first document of the file.
    pub number: usize,
    pub root: Node,
}

/// A file that is not YAML (or breaks a limit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The document being read (1 for the first).
    pub document: usize,
    pub at: Option<Position>,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "document {}", self.document)?;
        if let Some(at) = self.at {
            write!(f, ", line {}, column {}", at.line, at.column)?;
        }
        write!(f, ": {}", self.message)
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        at: Position,
        anchor: usize,
    },
    Map {
        entries: Vec<(Key, Node)>,
        key: Option<Key>,
        at: Position,
        anchor: usize,
    },
}

/// Reads every document of a YAML stream (a JSON file is one document).
///
/// # Errors
/// The first syntax error with its document, line and column; duplicate
/// keys, non-scalar keys, unknown aliases and the limits of this module.
pub fn parse(text: &str) -> Result<Vec<Document>, YamlError> {
    if text.len() > MAX_BYTES {
        return Err(YamlError {
            document: 1,
            at: None,
            message: format!("the file is larger than {} MB", MAX_BYTES / (1024 * 1024)),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut documents = Vec::new();
    let mut number = 0usize;
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut nodes = 0usize;
    let fail = |document: usize, at: Option<Position>, message: String| YamlError {
        document: document.max(1),
        at,
        message,
    };
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            fail(
                number.max(1),
                Some(Position {
                    line: e.marker().line(),
                    column: e.marker().col() + 1,
                }),
                format!("not valid YAML: {}", e.info()),
            )
        })?;
        let at = Position::of(&span);
        let finished = match event {
            Event::DocumentStart(_) => {
                number += 1;
                anchors.clear();
                None
            }
            Event::Scalar(value, style, anchor, _) => {
                nodes += 1;
                let quoted = !matches!(style, ScalarStyle::Plain);
                let value =
                    if !quoted && matches!(value.as_ref(), "" | "~" | "null" | "Null" | "NULL") {
                        Value::Null
                    } else {
                        Value::Scalar {
                            text: value.into_owned(),
                            quoted,
                        }
                    };
                Some((Node { value, at }, anchor))
            }
            Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(
                        number,
                        Some(at),
                        format!("nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(Frame::Seq {
                    items: Vec::new(),
                    at,
                    anchor,
                });
                None
            }
            Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(fail(
                        number,
                        Some(at),
                        format!("nested deeper than {MAX_DEPTH} levels"),
                    ));
                }
                stack.push(Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    at,
                    anchor,
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { items, at, anchor }) => {
                    nodes += 1;
                    Some((
                        Node {
                            value: Value::Seq(items),
                            at,
                        },
                        anchor,
                    ))
                }
                Some(Frame::Map {
                    entries,
                    at,
                    anchor,
                    ..
                }) => {
                    nodes += 1;
                    Some((
                        Node {
                            value: Value::Map(entries),
                            at,
                        },
                        anchor,
                    ))
                }
                None => None,
            },
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    return Err(fail(
                        number,
                        Some(at),
                        "an alias to an unknown anchor".into(),
                    ));
                };
                nodes = nodes.saturating_add(count(node));
                Some((node.clone(), 0))
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => None,
        };
        if nodes > MAX_NODES {
            return Err(fail(
                number,
                Some(at),
                format!("more than {MAX_NODES} values (aliases included)"),
            ));
        }
        let Some((node, anchor)) = finished else {
            continue;
        };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => documents.push(Document { number, root: node }),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => {
                    let text = match &node.value {
                        Value::Scalar { text, .. } => text.clone(),
                        Value::Null => String::new(),
                        _ => {
                            return Err(fail(
                                number,
                                Some(node.at),
                                "a mapping key must be a plain value, not a list or mapping".into(),
                            ))
                        }
                    };
                    if entries.iter().any(|(k, _)| k.text == text) {
                        return Err(fail(
                            number,
                            Some(node.at),
                            format!("the key `{text}` appears twice"),
                        ));
                    }
                    *key = Some(Key { text, at: node.at });
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    Ok(documents)
}

fn count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Seq(items) => items.iter().map(count).sum(),
        Value::Map(entries) => entries.iter().map(|(_, v)| count(v)).sum(),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_their_number_and_positions() {
        let docs = parse("a: 1\n---\nb:\n  c: [x, 'y']\n").expect("valid");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].number, 2);
        let c = docs[1].root.get("b").and_then(|b| b.get("c")).expect("c");
        assert_eq!(c.at, Position { line: 4, column: 6 });
        let Value::Seq(items) = &c.value else {
            panic!("a list")
        };
        assert_eq!(
            items[1].value,
            Value::Scalar {
                text: "y".into(),
                quoted: true
            }
        );
    }

    #[test]
    fn scalars_stay_as_written() {
        let docs = parse("t: 0.99950\nn: ~\n").expect("valid");
        assert_eq!(docs[0].root.get("t").and_then(Node::text), Some("0.99950"));
        assert!(docs[0].root.get("n").is_some_and(Node::is_null));
    }

    #[test]
    fn json_is_read() {
        let docs = parse("{\"kind\": \"SLO\", \"spec\": {\"x\": [1, 2]}}").expect("valid");
        assert_eq!(docs[0].root.get("kind").and_then(Node::text), Some("SLO"));
    }

    #[test]
    fn a_syntax_error_names_document_line_and_column() {
        let err = parse("a: 1\n---\nb: [1, 2\nc: 3\n").expect_err("broken");
        assert_eq!(err.document, 2);
        assert!(err.at.is_some_and(|at| at.line >= 3), "{err}");
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let err = parse("a: 1\na: 2\n").expect_err("duplicate");
        assert_eq!(err.at, Some(Position { line: 2, column: 1 }));
        assert!(err.message.contains("`a` appears twice"));
    }

    #[test]
    fn alias_bombs_stop_at_the_node_limit() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        let err = parse(&text).expect_err("too many nodes");
        assert!(err.message.contains("more than"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&text).is_err());
    }
}
