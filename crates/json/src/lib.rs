//! # sla-json: a small JSON reader and writer
//!
//! The pages whose first load is kept small leave `serde_json` behind (see
//! `docs/embed.md`, "Weight"): the embed reads its terms and messages and
//! writes its own messages with this; the compare page reads its bundled
//! presets (`sla_presets::Preset::from_bundled`) and keeps its input in
//! `localStorage` with it.
//!
//! Numbers are kept as the text they were written as, so that a level such
//! as `99.9` is never read through a binary float (the engine's rule: a
//! JSON fraction is refused with a message saying how to write it).

/// A JSON value. An object keeps its fields in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// A number as written (`100`, `-2`, `99.9`, `1e3`).
    Number(String),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text is not JSON, and where (1-based line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}, .: not valid JSON: {}",
            self.line, self.column, self.message
        )
    }
}

/// The deepest nesting of arrays and objects read (serde_json's limit too):
/// a deeper text is refused rather than exhausting the stack.
const MAX_DEPTH: usize = 128;

impl Json {
    /// The field `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// The items of an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The fields of an object, in the order written.
    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(fields) => Some(fields),
            _ => None,
        }
    }

    /// A whole number that fits a `u32` (`7`, not `7.0`, `-1` or `1e3`).
    pub fn as_u32(&self) -> Option<u32> {
        match self {
            Json::Number(text) if text.bytes().all(|b| b.is_ascii_digit()) => text.parse().ok(),
            _ => None,
        }
    }

    /// What kind of value it is, for a message: `a string`, `null`.
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value as JSON text (compact).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(true) => out.push_str("true"),
            Json::Bool(false) => out.push_str("false"),
            Json::Number(text) => out.push_str(text),
            Json::String(text) => write_string(text, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(fields) => {
                out.push('{');
                for (i, (key, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

impl From<&str> for Json {
    fn from(text: &str) -> Json {
        Json::String(text.to_owned())
    }
}

impl From<String> for Json {
    fn from(text: String) -> Json {
        Json::String(text)
    }
}

/// An object from its fields.
pub fn object<const N: usize>(fields: [(&str, Json); N]) -> Json {
    Json::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Reads one JSON value, with nothing but white space around it.
///
/// # Errors
/// The first place where the text is not JSON, with a reason.
pub fn parse(text: &str) -> Result<Json, ParseError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = reader.value(0);
    let value = value.and_then(|v| {
        reader.space();
        if reader.at < reader.bytes.len() {
            Err("trailing characters")
        } else {
            Ok(v)
        }
    });
    value.map_err(|message| {
        let before = &text.as_bytes()[..reader.at.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        // Columns count characters, as an editor does.
        let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        ParseError {
            line,
            column,
            message,
        }
    })
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

type Step<T> = Result<T, &'static str>;

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &[u8], value: Json) -> Step<Json> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(value)
        } else {
            Err("expected a value")
        }
    }

    fn value(&mut self, depth: usize) -> Step<Json> {
        self.space();
        match self.peek() {
            None => Err("the text ends where a value was expected"),
            Some(b'n') => self.literal(b"null", Json::Null),
            Some(b't') => self.literal(b"true", Json::Bool(true)),
            Some(b'f') => self.literal(b"false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[' | b'{') if depth >= MAX_DEPTH => Err("nested too deeply"),
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err("expected `,` or `]`"),
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut fields: Vec<(String, Json)> = Vec::new();
                self.space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.space();
                    if self.peek() != Some(b'"') {
                        return Err("expected a field name in quotes");
                    }
                    let key = self.string()?;
                    self.space();
                    if self.peek() != Some(b':') {
                        return Err("expected `:`");
                    }
                    self.at += 1;
                    let value = self.value(depth + 1)?;
                    if fields.iter().any(|(k, _)| *k == key) {
                        return Err("a field written twice");
                    }
                    fields.push((key, value));
                    self.space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(fields));
                        }
                        _ => return Err("expected `,` or `}`"),
                    }
                }
            }
            Some(_) => Err("expected a value"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Step<Json> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        if self.digits() == 0 {
            return Err("a number without digits");
        }
        if self.bytes[int_start] == b'0' && self.at - int_start > 1 {
            return Err("a number with a leading zero");
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err("a number without digits after `.`");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err("a number without digits in its exponent");
            }
        }
        // Only ASCII was read since `start`.
        let text = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
        Ok(Json::Number(text))
    }

    fn hex4(&mut self) -> Step<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err("a \\u escape needs four hex digits"),
            };
            value = value * 16 + u32::from(digit);
            self.at += 1;
        }
        Ok(value)
    }

    fn string(&mut self) -> Step<String> {
        self.at += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err("a string without its closing quote");
            };
            self.at += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else {
                        return Err("a string without its closing quote");
                    };
                    self.at += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&first) {
                                if !self.bytes[self.at..].starts_with(b"\\u") {
                                    return Err("a lone surrogate in a \\u escape");
                                }
                                self.at += 2;
                                let second = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&second) {
                                    return Err("a lone surrogate in a \\u escape");
                                }
                                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                            } else {
                                first
                            };
                            char::from_u32(code).ok_or("a lone surrogate in a \\u escape")?
                        }
                        _ => return Err("an unknown escape in a string"),
                    };
                    let mut buffer = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
                }
                0..=0x1f => return Err("a control character in a string"),
                _ => out.push(b),
            }
        }
        // The input is a `&str` and escapes were written as UTF-8: valid.
        String::from_utf8(out).map_err(|_| "a string that is not UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_with_their_numbers_as_written() {
        let value =
            parse(r#" {"a": [1, -2.50, 1e3, true, false, null], "b": "x\"\u00e9\ud83d\ude00\n"} "#)
                .expect("JSON");
        assert_eq!(
            value.get("a"),
            Some(&Json::Array(vec![
                Json::Number("1".into()),
                Json::Number("-2.50".into()),
                Json::Number("1e3".into()),
                Json::Bool(true),
                Json::Bool(false),
                Json::Null,
            ]))
        );
        assert_eq!(value.get("b").and_then(Json::as_str), Some("x\"é😀\n"));
    }

    #[test]
    fn written_text_reads_back_the_same() {
        let value = parse(r#"{"name":"<b>\"x\"</b>\u0001\t","list":[{},[],0]}"#).expect("JSON");
        assert_eq!(parse(&value.to_text()), Ok(value.clone()));
        assert_eq!(
            value.to_text(),
            r#"{"name":"<b>\"x\"</b>\u0001\t","list":[{},[],0]}"#
        );
    }

    #[test]
    fn broken_text_is_refused_with_its_line_and_column() {
        let error = parse("{\"format\": \"sla-agreements\",").expect_err("cut short");
        assert_eq!((error.line, error.column), (1, 29));
        assert_eq!(
            error.to_string(),
            "line 1, column 29, .: not valid JSON: expected a field name in quotes"
        );
        let error = parse("{\n  \"a\": 01\n}").expect_err("leading zero");
        assert_eq!((error.line, error.column), (2, 10));
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\" 1}",
            "\"\\x\"",
            "\"\\ud800\"",
            "tru",
            "1.",
            "-",
            "1e",
            "{\"a\":1,\"a\":2}",
            "[1] 2",
            "\"a\u{1}\"",
            "{1:2}",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn whole_numbers_are_read_only_as_written_without_a_fraction() {
        let value = parse(r#"[7, 0, 4294967295, 4294967296, -1, 7.0, 1e3, "7"]"#).expect("JSON");
        let read: Vec<Option<u32>> = value
            .as_array()
            .expect("an array")
            .iter()
            .map(Json::as_u32)
            .collect();
        assert_eq!(
            read,
            [
                Some(7),
                Some(0),
                Some(u32::MAX),
                None,
                None,
                None,
                None,
                None
            ]
        );
        assert_eq!(value.as_object(), None);
        assert_eq!(value.kind(), "an array");
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(
            parse(&deep).map_err(|e| e.message),
            Err("nested too deeply")
        );
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }
}
