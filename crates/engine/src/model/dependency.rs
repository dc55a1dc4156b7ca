//! A service's dependencies in one line: the quick calculator's composite
//! syntax with names for the parts (`crate::capability` works out what they
//! give).
//!
//! ```text
//! serial(ops-ola/availability, parallel(host-a/availability, host-b/availability), service:db)
//! 2of3(a/x, b/x, c/x)
//! ```

use super::Dependency;

impl Dependency {
    /// As one line: `serial(…)`, `parallel(…)`, `KofN(…)`,
    /// `agreement/target`, `service:id`.
    pub fn to_text(&self) -> String {
        dependency_text(self)
    }

    /// Reads [`Dependency::to_text`]'s line.
    ///
    /// # Errors
    /// Where (a character position, from 1) and why it cannot be read.
    pub fn parse(text: &str) -> Result<Dependency, String> {
        parse_dependency(text)
    }
}

fn dependency_text(dependency: &Dependency) -> String {
    let join = |parts: &[Dependency]| {
        parts
            .iter()
            .map(dependency_text)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match dependency {
        Dependency::Target(reference) => reference.clone(),
        Dependency::Service(id) => format!("service:{id}"),
        Dependency::Serial(parts) => format!("serial({})", join(parts)),
        Dependency::Parallel(parts) => format!("parallel({})", join(parts)),
        Dependency::KOfN { k, of } => format!("{k}of{}({})", of.len(), join(of)),
    }
}

fn parse_dependency(text: &str) -> Result<Dependency, String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > 4_000 {
        return Err("longer than 4,000 characters".into());
    }
    let mut at = 0;
    let node = node(&chars, &mut at, 0)?;
    skip(&chars, &mut at);
    if at < chars.len() {
        return Err(format!("at {}: unexpected `{}`", at + 1, chars[at]));
    }
    Ok(node)
}

fn skip(chars: &[char], at: &mut usize) {
    while *at < chars.len() && chars[*at].is_whitespace() {
        *at += 1;
    }
}

fn node(chars: &[char], at: &mut usize, depth: usize) -> Result<Dependency, String> {
    if depth > 16 {
        return Err(format!("at {}: nested deeper than 16 groups", *at + 1));
    }
    skip(chars, at);
    let start = *at;
    while *at < chars.len() && !chars[*at].is_whitespace() && !matches!(chars[*at], '(' | ')' | ',')
    {
        *at += 1;
    }
    let word: String = chars[start..*at].iter().collect();
    if word.is_empty() {
        return Err(match chars.get(*at) {
            Some(c) => format!("at {}: a name or a group was expected, not `{c}`", *at + 1),
            None => format!("at {}: a name or a group was expected", *at + 1),
        });
    }
    skip(chars, at);
    if chars.get(*at) != Some(&'(') {
        if let Some(id) = word.strip_prefix("service:") {
            if id.is_empty() {
                return Err(format!("at {}: `service:` needs a service id", start + 1));
            }
            return Ok(Dependency::Service(id.to_string()));
        }
        if !word.contains('/') {
            return Err(format!(
                "at {}: `{word}` is neither a target (agreement/target), a service (service:id) nor a group",
                start + 1
            ));
        }
        return Ok(Dependency::Target(word));
    }
    *at += 1;
    let mut parts = Vec::new();
    loop {
        parts.push(node(chars, at, depth + 1)?);
        skip(chars, at);
        match chars.get(*at) {
            Some(',') => *at += 1,
            Some(')') => {
                *at += 1;
                break;
            }
            Some(c) => {
                return Err(format!(
                    "at {}: `,` or `)` was expected, not `{c}`",
                    *at + 1
                ))
            }
            None => return Err(format!("at {}: `)` is missing", *at + 1)),
        }
    }
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "serial" => Ok(Dependency::Serial(parts)),
        "parallel" => Ok(Dependency::Parallel(parts)),
        _ => {
            let (k, n) = lower
                .split_once("of")
                .and_then(|(k, n)| Some((k.parse::<usize>().ok()?, n.parse::<usize>().ok()?)))
                .ok_or_else(|| {
                    format!(
                        "at {}: `{word}` is not a group: serial, parallel or KofN such as 2of3",
                        start + 1
                    )
                })?;
            if n != parts.len() {
                return Err(format!(
                    "at {}: `{word}` has {} parts",
                    start + 1,
                    parts.len()
                ));
            }
            Ok(Dependency::KOfN { k, of: parts })
        }
    }
}
