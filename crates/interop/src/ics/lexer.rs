//! RFC 5545 content lines (§3.1): unfolding, `NAME;PARAM=a,"b:c":value`,
//! parameter quoting and RFC 6868 caret escapes, TEXT unescaping (§3.3.11).
//!
//! Hand-written (about 150 lines) rather than taken from the `ical` crate:
//! that crate does not unescape TEXT values, brings a second `thiserror`
//! (1.x beside our 2.x), and stops at the first bad line, where we want to
//! report the line and go on with the rest of the file.

/// One unfolded content line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    /// The physical line it starts on, from 1.
    pub line: usize,
    /// Upper case: `DTSTART`.
    pub name: String,
    /// Parameter names in upper case, with their values (quotes removed).
    pub params: Vec<(String, Vec<String>)>,
    /// The value as written (TEXT escapes still in it).
    pub value: String,
}

impl ContentLine {
    /// The first value of a parameter (`TZID`, `VALUE`), any case of name.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, values)| values.first())
            .map(String::as_str)
    }
}

/// A logical line, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lexed {
    Line(ContentLine),
    Broken { line: usize, message: String },
}

/// Longest logical line accepted (a hostile file folds forever).
const MAX_LINE: usize = 1024 * 1024;

/// Splits a file into unfolded content lines. CRLF, LF and lone CR all end
/// a line; a line starting with a space or tab continues the previous one.
pub fn lex(text: &str) -> Vec<Lexed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut logical: Vec<(usize, String)> = Vec::new();
    let mut number = 0;
    for physical in text.split('\n') {
        number += 1;
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        // A lone CR inside (old Mac files) also ends a line.
        for (i, part) in physical.split('\r').enumerate() {
            let continued = part.starts_with([' ', '\t']);
            match logical.last_mut() {
                Some((_, current)) if continued && i == 0 => {
                    if current.len() < MAX_LINE {
                        current.push_str(&part[1..]);
                    }
                }
                _ if part.trim().is_empty() => {}
                _ => logical.push((number, part.to_owned())),
            }
        }
    }
    logical
        .into_iter()
        .map(|(line, text)| match parse_line(&text) {
            Ok((name, params, value)) => Lexed::Line(ContentLine {
                line,
                name,
                params,
                value,
            }),
            Err(message) => Lexed::Broken { line, message },
        })
        .collect()
}

type Parsed = (String, Vec<(String, Vec<String>)>, String);

fn parse_line(text: &str) -> Result<Parsed, String> {
    let shown: String = text.chars().take(40).collect();
    let name_end = text.find([';', ':']).ok_or_else(|| {
        format!("`{shown}` is not a content line (NAME:value); the line is skipped")
    })?;
    let name = &text[..name_end];
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "`{shown}` does not start with a property name; the line is skipped"
        ));
    }
    let mut rest = &text[name_end..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after
            .find('=')
            .ok_or_else(|| format!("a parameter of {name} has no `=`; the line is skipped"))?;
        let param = after[..eq].to_ascii_uppercase();
        let mut values = Vec::new();
        let mut tail = &after[eq + 1..];
        loop {
            let (value, next) = if let Some(quoted) = tail.strip_prefix('"') {
                let close = quoted.find('"').ok_or_else(|| {
                    format!("a quoted parameter value of {name} is not closed; the line is skipped")
                })?;
                (&quoted[..close], &quoted[close + 1..])
            } else {
                let end = tail.find([',', ';', ':']).unwrap_or(tail.len());
                (&tail[..end], &tail[end..])
            };
            values.push(caret_unescape(value));
            tail = next;
            match tail.strip_prefix(',') {
                Some(more) => tail = more,
                None => break,
            }
        }
        params.push((param, values));
        rest = tail;
    }
    let value = rest
        .strip_prefix(':')
        .ok_or_else(|| format!("{name} has no `:` before its value; the line is skipped"))?;
    Ok((name.to_ascii_uppercase(), params, value.to_owned()))
}

/// RFC 6868: `^n` newline, `^^` caret, `^'` double quote in parameter values.
fn caret_unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('^', Some('n')) => {
                out.push('\n');
                chars.next();
            }
            ('^', Some('^')) => {
                out.push('^');
                chars.next();
            }
            ('^', Some('\'')) => {
                out.push('"');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// A TEXT value: `\\` `\;` `\,` `\n` `\N` unescaped.
pub fn unescape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// A TEXT value escaped for writing.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), CRLF-terminated.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let size = c.len_utf8();
        if width + size > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += size;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(lexed: &Lexed) -> &ContentLine {
        match lexed {
            Lexed::Line(line) => line,
            Lexed::Broken { message, .. } => panic!("broken: {message}"),
        }
    }

    #[test]
    fn folded_lines_are_joined_and_keep_their_first_line_number() {
        let lexed = lex("BEGIN:VEVENT\r\nSUMMARY:Quarterly maint\r\n enance of the\r\n\t core switch\r\nEND:VEVENT\r\n");
        assert_eq!(lexed.len(), 3);
        let summary = line(&lexed[1]);
        assert_eq!(
            (summary.line, summary.value.as_str()),
            (2, "Quarterly maintenance of the core switch")
        );
        assert_eq!(line(&lexed[2]).line, 5);
    }

    #[test]
    fn parameters_with_quotes_lists_and_carets() {
        let lexed = lex("dtstart;tzid=\"W. Europe: Standard Time\";X-A=a,\"b,c\";X-N=one^ntwo:20260301T020000\n");
        let dt = line(&lexed[0]);
        assert_eq!(dt.name, "DTSTART");
        assert_eq!(dt.param("TZID"), Some("W. Europe: Standard Time"));
        assert_eq!(dt.params[1].1, ["a", "b,c"]);
        assert_eq!(dt.param("X-N"), Some("one\ntwo"));
        assert_eq!(dt.value, "20260301T020000");
    }

    #[test]
    fn a_line_without_a_colon_is_reported_with_its_number() {
        let lexed = lex("BEGIN:VEVENT\nTHIS IS NOT A PROPERTY\nEND:VEVENT\n");
        assert!(
            matches!(&lexed[1], Lexed::Broken { line: 2, message } if message.contains("not a content line"))
        );
        assert!(matches!(
            lex("DTSTART;TZID=\"Europe/Berlin:20260101\n")[0],
            Lexed::Broken { line: 1, .. }
        ));
    }

    #[test]
    fn text_escapes_round_trip() {
        let text = "Patch; reboot, then \\ check\nall hosts";
        assert_eq!(unescape_text(&escape_text(text)), text);
        assert_eq!(unescape_text("a\\Nb\\,c"), "a\nb,c");
    }

    #[test]
    fn folding_keeps_lines_within_75_octets() {
        let long = format!(
            "SUMMARY:{}",
            "Wartungsfenster für das Rechenzentrum ".repeat(5)
        );
        let folded = fold(&long);
        assert!(folded.split("\r\n").all(|l| l.len() <= 75), "{folded}");
        let lexed = lex(&folded);
        assert_eq!(line(&lexed[0]).value, long["SUMMARY:".len()..]);
    }
}
