//! Composite availability of systems built from components:
//! serial (all are needed: `Π aᵢ`), parallel (any one suffices:
//! `1 − Π (1 − aᵢ)`), and k-of-n (at least k of n work: the Poisson-binomial
//! tail, which handles components of different availabilities), nested to any
//! depth up to 16.
//!
//! Text form: `serial(99.9, parallel(99.5, 99.5), 2of3(99, 99, 99.5))`; a bare
//! list `99.9, 99.95` is serial. Composites are computed in double precision
//! (about 15 significant digits): they estimate a design, they never decide a
//! credit tier.

use crate::{Explained, Explanation, Percent};
use thiserror::Error;

/// A component, or a group of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    Level(Percent),
    Serial(Vec<Component>),
    Parallel(Vec<Component>),
    /// At least `k` of `parts` must work; `1 <= k <= parts.len()`.
    KOfN {
        k: usize,
        parts: Vec<Component>,
    },
}

/// Why a composite text cannot be read; `position` is a 0-based character index.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{message} (at position {position})")]
pub struct CompositeError {
    pub message: String,
    pub position: usize,
}

const MAX_TEXT: usize = 2_000;
const MAX_PARTS: usize = 64;
const MAX_DEPTH: usize = 16;

impl Component {
    /// Parses the text form (see the module docs). Group names are case-insensitive:
    /// `serial`, `parallel`, `KofN` such as `2of3` (n must equal the number of parts).
    ///
    /// # Errors
    /// Empty text, more than 2,000 characters, more than 64 parts in a group,
    /// nesting deeper than 16, a bad percentage, unbalanced brackets, `k` of 0 or
    /// above n, or an n that differs from the number of parts.
    pub fn parse(text: &str) -> Result<Component, CompositeError> {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() > MAX_TEXT {
            return Err(error(
                format!("the text is longer than {MAX_TEXT} characters"),
                0,
            ));
        }
        if text.trim().is_empty() {
            return Err(error(
                "enter a percentage or a group such as parallel(99.5, 99.5)",
                0,
            ));
        }
        let mut parser = Parser {
            chars: &chars,
            at: 0,
        };
        let parts = parser.list(0)?;
        parser.blank();
        if parser.at < chars.len() {
            return Err(error(
                format!("unexpected `{}`", chars[parser.at]),
                parser.at,
            ));
        }
        Ok(if parts.len() == 1 {
            parts
                .into_iter()
                .next()
                .unwrap_or(Component::Serial(Vec::new()))
        } else {
            Component::Serial(parts)
        })
    }

    /// Canonical text that [`Component::parse`] reads back equal.
    pub fn to_text(&self) -> String {
        let join = |parts: &[Component]| {
            parts
                .iter()
                .map(Component::to_text)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Component::Level(p) => p.to_decimal_string(),
            Component::Serial(parts) => format!("serial({})", join(parts)),
            Component::Parallel(parts) => format!("parallel({})", join(parts)),
            Component::KOfN { k, parts } => format!("{k}of{}({})", parts.len(), join(parts)),
        }
    }

    /// The availability as a fraction of one.
    pub fn availability(&self) -> f64 {
        let a = match self {
            Component::Level(p) => p.as_fraction(),
            Component::Serial(parts) => parts.iter().map(Component::availability).product(),
            Component::Parallel(parts) => {
                1.0 - parts
                    .iter()
                    .map(|p| 1.0 - p.availability())
                    .product::<f64>()
            }
            Component::KOfN { k, parts } => at_least(
                *k,
                &parts
                    .iter()
                    .map(Component::availability)
                    .collect::<Vec<_>>(),
            ),
        };
        a.clamp(0.0, 1.0)
    }

    /// The availability with an explanation of the formula of the outermost group.
    pub fn explain(&self) -> Explained<f64> {
        let value = self.availability();
        let parts_text = |parts: &[Component]| {
            parts
                .iter()
                .map(|p| percent(p.availability()))
                .collect::<Vec<_>>()
        };
        let (formula, substituted) = match self {
            Component::Level(p) => ("a single component: A = a".to_string(), format!("A = {p}")),
            Component::Serial(parts) => (
                "in series, all components are needed: A = a₁ × a₂ × … × aₙ".to_string(),
                format!("{} = {}", parts_text(parts).join(" × "), percent(value)),
            ),
            Component::Parallel(parts) => (
                "in parallel, any one suffices: A = 1 − (1 − a₁) × (1 − a₂) × … × (1 − aₙ)".to_string(),
                format!(
                    "1 − {} = {}",
                    parts_text(parts).iter().map(|a| format!("(1 − {a})")).collect::<Vec<_>>().join(" × "),
                    percent(value)
                ),
            ),
            Component::KOfN { k, parts } => (
                format!(
                    "{k} of {} must work: A = P(at least {k} of {} components up), summed over every combination (Poisson-binomial)",
                    parts.len(),
                    parts.len()
                ),
                format!("P(≥ {k} up among {}) = {}", parts_text(parts).join(", "), percent(value)),
            ),
        };
        Explained {
            value,
            explanation: Explanation {
                formula,
                substituted,
                convention: "components fail independently of each other; nested groups are computed first; double precision (about 15 significant digits), shown rounded down".into(),
            },
        }
    }
}

/// Probability that at least `k` of the independent components are up.
fn at_least(k: usize, availabilities: &[f64]) -> f64 {
    // exactly[j] = P(exactly j components up) over those seen so far.
    let mut exactly = vec![0.0f64; availabilities.len() + 1];
    exactly[0] = 1.0;
    for (seen, &a) in availabilities.iter().enumerate() {
        for j in (0..=seen + 1).rev() {
            let up = if j > 0 { exactly[j - 1] * a } else { 0.0 };
            exactly[j] = exactly[j] * (1.0 - a) + up;
        }
    }
    exactly.iter().skip(k).sum()
}

fn percent(fraction: f64) -> String {
    format!("{}%", crate::units::estimate_text(fraction * 100.0, 6))
}

fn error(message: impl Into<String>, position: usize) -> CompositeError {
    CompositeError {
        message: message.into(),
        position,
    }
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
}

impl Parser<'_> {
    fn blank(&mut self) {
        while self.at < self.chars.len() && self.chars[self.at].is_whitespace() {
            self.at += 1;
        }
    }

    /// `item (, item)*`
    fn list(&mut self, depth: usize) -> Result<Vec<Component>, CompositeError> {
        let mut parts = vec![self.item(depth)?];
        loop {
            self.blank();
            if self.at < self.chars.len() && self.chars[self.at] == ',' {
                self.at += 1;
                if parts.len() >= MAX_PARTS {
                    return Err(error(
                        format!("a group has at most {MAX_PARTS} components"),
                        self.at,
                    ));
                }
                parts.push(self.item(depth)?);
            } else {
                return Ok(parts);
            }
        }
    }

    /// A percentage or `name(list)`.
    fn item(&mut self, depth: usize) -> Result<Component, CompositeError> {
        self.blank();
        let start = self.at;
        while self.at < self.chars.len() && !matches!(self.chars[self.at], ',' | '(' | ')') {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at]
            .iter()
            .collect::<String>()
            .trim()
            .to_string();
        if self.at < self.chars.len() && self.chars[self.at] == '(' {
            if depth + 1 > MAX_DEPTH {
                return Err(error(
                    format!("groups are nested deeper than {MAX_DEPTH} levels"),
                    start,
                ));
            }
            let open = self.at;
            self.at += 1;
            self.blank();
            if self.at < self.chars.len() && self.chars[self.at] == ')' {
                return Err(error("a group needs at least one component", self.at));
            }
            let parts = self.list(depth + 1)?;
            self.blank();
            if self.at >= self.chars.len() || self.chars[self.at] != ')' {
                return Err(error(
                    format!("the `(` at position {open} is not closed"),
                    self.at.min(self.chars.len()),
                ));
            }
            self.at += 1;
            return group(&word.to_ascii_lowercase(), parts, start);
        }
        if word.is_empty() {
            return Err(error("expected a percentage or a group", start));
        }
        Percent::parse(&word).map(Component::Level).map_err(|e| {
            error(
                format!("`{}`: {e}", word.chars().take(20).collect::<String>()),
                start,
            )
        })
    }
}

fn group(name: &str, parts: Vec<Component>, position: usize) -> Result<Component, CompositeError> {
    match name {
        "serial" | "series" | "all" => Ok(Component::Serial(parts)),
        "parallel" | "any" => Ok(Component::Parallel(parts)),
        _ => {
            let Some((k, n)) = name.split_once("of") else {
                return Err(error(
                    format!(
                        "unknown group `{}`; use serial, parallel or KofN such as 2of3",
                        name.chars().take(20).collect::<String>()
                    ),
                    position,
                ));
            };
            let (Ok(k), Ok(n)) = (k.trim().parse::<usize>(), n.trim().parse::<usize>()) else {
                return Err(error("write k of n as digits, e.g. 2of3", position));
            };
            if n != parts.len() {
                return Err(error(
                    format!("{k}of{n} needs {n} components, it has {}", parts.len()),
                    position,
                ));
            }
            if k == 0 || k > n {
                return Err(error(format!("k must be from 1 to {n}"), position));
            }
            Ok(Component::KOfN { k, parts })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> Component {
        Component::parse(text).expect("valid composite")
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn serial_multiplies() {
        // 0.999 × 0.999 = 0.998001
        assert!(close(parse("serial(99.9, 99.9)").availability(), 0.998001));
        assert!(close(parse("99.9, 99.9").availability(), 0.998001));
    }

    #[test]
    fn parallel_multiplies_the_unavailabilities() {
        // 1 − 0.01 × 0.01 = 0.9999
        assert!(close(parse("parallel(99, 99)").availability(), 0.9999));
    }

    #[test]
    fn two_of_three_is_the_binomial_tail() {
        // 3 × 0.99² × 0.01 + 0.99³ = 0.029403 + 0.970299 = 0.999702
        assert!(close(parse("2of3(99, 99, 99)").availability(), 0.999702));
        // k = n is serial, k = 1 is parallel
        assert!(close(
            parse("3of3(99, 98, 97)").availability(),
            parse("serial(99, 98, 97)").availability()
        ));
        assert!(close(
            parse("1of3(99, 98, 97)").availability(),
            parse("parallel(99, 98, 97)").availability()
        ));
    }

    #[test]
    fn groups_nest() {
        // 0.999 × (1 − 0.005²) = 0.999 × 0.999975 = 0.998975025
        let nested = parse("serial(99.9, parallel(99.5, 99.5%))");
        assert!(close(nested.availability(), 0.998975025));
        assert_eq!(nested.to_text(), "serial(99.9, parallel(99.5, 99.5))");
    }

    #[test]
    fn bad_texts_say_where() {
        let position = |t: &str| Component::parse(t).expect_err("invalid").position;
        assert_eq!(position("serial(99.9"), 11);
        assert_eq!(position("4of3(99,99,99)"), 0);
        assert_eq!(position("0of2(99,99)"), 0);
        assert_eq!(position("2of3(99,99)"), 0);
        assert_eq!(position("parallel()"), 9);
        assert_eq!(position("serial(99.9, abc)"), 13);
        assert_eq!(position(""), 0);
        assert!(Component::parse("99)").is_err());
        let deep = format!("{}99{}", "serial(".repeat(17), ")".repeat(17));
        assert!(Component::parse(&deep)
            .expect_err("too deep")
            .message
            .contains("deeper"));
        let shallow = format!("{}99{}", "serial(".repeat(16), ")".repeat(16));
        assert!(Component::parse(&shallow).is_ok());
    }

    fn any_component() -> impl Strategy<Value = Component> {
        let leaf = (0u64..=1_000_000_000)
            .prop_map(|ppb| Component::Level(Percent::from_ppb(ppb).expect("in range")));
        leaf.prop_recursive(4, 32, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..5).prop_map(Component::Serial),
                proptest::collection::vec(inner.clone(), 1..5).prop_map(Component::Parallel),
                proptest::collection::vec(inner, 1..5)
                    .prop_flat_map(|parts| (1..=parts.len(), Just(parts)))
                    .prop_map(|(k, parts)| Component::KOfN { k, parts }),
            ]
        })
    }

    proptest! {
        #[test]
        fn availability_stays_within_zero_and_one(c in any_component()) {
            let a = c.availability();
            prop_assert!((0.0..=1.0).contains(&a));
        }

        #[test]
        fn text_reads_back_equal(c in any_component()) {
            prop_assert_eq!(Component::parse(&c.to_text()), Ok(c));
        }

        #[test]
        fn parsing_never_panics(text in ".{0,200}") {
            let _ = Component::parse(&text);
        }

        #[test]
        fn parsing_bracket_soup_never_panics(text in "[()0-9.,a-z ]{0,80}") {
            let _ = Component::parse(&text);
        }
    }
}
