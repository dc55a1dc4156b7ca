//! Composite availability of systems built from components:
//! serial (all are needed: `Π aᵢ`), parallel (any one suffices:
//! `1 − Π (1 − aᵢ)`), and k-of-n (at least k of n work: the Poisson-binomial
//! tail, which handles components of different availabilities), nested to any
//! depth up to 16.
//!
//! Text form: `serial(99.9, parallel(99.5, 99.5), 2of3(99, 99, 99.5))`; a bare
//! list `99.9, 99.95` is serial.
//!
//! Composites are computed exactly ([`Component::exact`]): a level is a
//! decimal (`99.95 %` is 999,500,000 / 10⁹), and sums, differences and
//! products of decimals are decimals, so every composite is a terminating
//! decimal, held as an arbitrary-precision integer over a power of ten
//! ([`Natural`]; no fixed-width integer that could overflow, whatever the
//! nesting). Shown figures are rounded down, so a design is never shown
//! better than it is.

use crate::natural::Natural;
use crate::{Explained, Explanation, Percent};
use thiserror::Error;

/// An exact availability: `numerator / 10^scale`, a fraction of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exact {
    numerator: Natural,
    scale: u32,
}

impl Exact {
    /// A level: its parts per billion over 10⁹.
    fn level(p: Percent) -> Exact {
        Exact {
            numerator: Natural::from(p.ppb()),
            scale: 9,
        }
    }

    /// `10^scale`, the whole at this scale.
    fn whole(scale: u32) -> Natural {
        Natural::pow10(scale)
    }

    /// `1 − self`, at the same scale.
    fn complement(&self) -> Exact {
        Exact {
            numerator: &Exact::whole(self.scale) - &self.numerator,
            scale: self.scale,
        }
    }

    /// The product, whose scale is the sum of both.
    fn times(&self, other: &Exact) -> Exact {
        Exact {
            numerator: &self.numerator * &other.numerator,
            scale: self.scale + other.scale,
        }
    }

    /// The digits of the percentage: `(whole, fraction)` with every
    /// fraction digit the scale allows (`scale − 2` of them, at least 0).
    fn percent_digits(&self) -> (String, String) {
        let mut digits = self.numerator.to_decimal_string();
        // The percentage has two fewer fraction digits than the fraction.
        let fraction_len = self.scale.saturating_sub(2) as usize;
        for _ in self.scale..2 {
            digits.push('0');
        }
        // At least one digit before the point.
        let mut padded = "0".repeat((fraction_len + 1).saturating_sub(digits.len()));
        padded.push_str(&digits);
        let fraction = padded.split_off(padded.len() - fraction_len);
        (padded, fraction)
    }

    /// The percentage with `decimals` decimals, **rounded down** (trailing
    /// zeros kept): 99.9702 % with 6 decimals is `99.970200`.
    pub fn percent_rounded_down(&self, decimals: usize) -> String {
        let (whole, fraction) = self.percent_digits();
        let mut fraction: String = fraction.chars().take(decimals).collect();
        while fraction.len() < decimals {
            fraction.push('0');
        }
        if decimals == 0 {
            whole
        } else {
            format!("{whole}.{fraction}")
        }
    }

    /// The percentage with every digit, trailing zeros left out:
    /// `99.9702`, `99.99999999999975`, `100`.
    pub fn percent_exact(&self) -> String {
        let (whole, fraction) = self.percent_digits();
        let fraction = fraction.trim_end_matches('0');
        if fraction.is_empty() {
            whole
        } else {
            format!("{whole}.{fraction}")
        }
    }

    /// How many decimals [`Exact::percent_exact`] has.
    pub fn exact_decimals(&self) -> usize {
        self.percent_exact()
            .split_once('.')
            .map_or(0, |(_, fraction)| fraction.len())
    }

    /// A level as an exact availability.
    pub fn of_percent(p: Percent) -> Exact {
        Exact::level(p)
    }

    /// Compares two availabilities exactly.
    pub fn cmp_exact(&self, other: &Exact) -> std::cmp::Ordering {
        let a = &self.numerator * &Exact::whole(other.scale);
        let b = &other.numerator * &Exact::whole(self.scale);
        a.cmp(&b)
    }

    /// `self − other` in percentage points with `decimals` decimals,
    /// rounded toward the worse side (a shortfall up, a surplus down), with
    /// its sign: `−0.0400`, `+0.0100`. Never shown better than it is.
    pub fn points_to(&self, other: &Exact, decimals: usize) -> String {
        let scale = self.scale.max(other.scale);
        let a = &self.numerator * &Exact::whole(scale - self.scale);
        let b = &other.numerator * &Exact::whole(scale - other.scale);
        let (negative, magnitude) = if a < b {
            (true, &b - &a)
        } else {
            (false, &a - &b)
        };
        let difference = Exact {
            numerator: magnitude,
            scale,
        };
        let exact = difference.percent_exact();
        let (whole, fraction) = exact.split_once('.').unwrap_or((&exact, ""));
        let kept: String = fraction
            .chars()
            .chain(std::iter::repeat('0'))
            .take(decimals)
            .collect();
        let more = fraction.len() > decimals && fraction[decimals..].chars().any(|c| c != '0');
        // At most 100 percentage points: the units fit in a u128.
        let mut units: u128 = format!("{whole}{kept}").parse().unwrap_or(0);
        if negative && more {
            units += 1;
        }
        let scale = 10u128.pow(decimals as u32);
        let sign = if negative { "−" } else { "+" };
        if decimals == 0 {
            format!("{sign}{units}")
        } else {
            format!(
                "{sign}{}.{:0width$}",
                units / scale,
                units % scale,
                width = decimals
            )
        }
    }

    /// The fraction as a float, for charts only.
    pub fn as_f64(&self) -> f64 {
        // Both through their shortest decimal text: exact enough for a
        // chart, and never a figure.
        let (whole, fraction) = self.percent_digits();
        let text = format!("{whole}.{}", &fraction[..fraction.len().min(17)]);
        text.trim_end_matches('.').parse::<f64>().unwrap_or(0.0) / 100.0
    }
}

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

    /// The availability, exactly.
    pub fn exact(&self) -> Exact {
        match self {
            Component::Level(p) => Exact::level(*p),
            Component::Serial(parts) => parts
                .iter()
                .map(Component::exact)
                .reduce(|product, a| product.times(&a))
                .unwrap_or(Exact {
                    numerator: Natural::from(1),
                    scale: 0,
                }),
            Component::Parallel(parts) => parts
                .iter()
                .map(|p| p.exact().complement())
                .reduce(|product, u| product.times(&u))
                .map_or(
                    Exact {
                        numerator: Natural::default(),
                        scale: 0,
                    },
                    |down| down.complement(),
                ),
            Component::KOfN { k, parts } => {
                at_least(*k, &parts.iter().map(Component::exact).collect::<Vec<_>>())
            }
        }
    }

    /// The availability as a fraction of one, as a float: for charts only.
    pub fn availability(&self) -> f64 {
        self.exact().as_f64()
    }

    /// The availability with an explanation of the formula of the outermost group.
    pub fn explain(&self) -> Explained<Exact> {
        let value = self.exact();
        let parts_text = |parts: &[Component]| {
            parts
                .iter()
                .map(|p| percent(&p.exact()))
                .collect::<Vec<_>>()
        };
        let (formula, substituted) = match self {
            Component::Level(p) => ("a single component: A = a".to_string(), format!("A = {p}")),
            Component::Serial(parts) => (
                "in series, all components are needed: A = a₁ × a₂ × … × aₙ".to_string(),
                format!("{} = {}", parts_text(parts).join(" × "), percent(&value)),
            ),
            Component::Parallel(parts) => (
                "in parallel, any one suffices: A = 1 − (1 − a₁) × (1 − a₂) × … × (1 − aₙ)".to_string(),
                format!(
                    "1 − {} = {}",
                    parts_text(parts).iter().map(|a| format!("(1 − {a})")).collect::<Vec<_>>().join(" × "),
                    percent(&value)
                ),
            ),
            Component::KOfN { k, parts } => (
                format!(
                    "{k} of {} must work: A = P(at least {k} of {} components up), summed over every combination (Poisson-binomial)",
                    parts.len(),
                    parts.len()
                ),
                format!("P(≥ {k} up among {}) = {}", parts_text(parts).join(", "), percent(&value)),
            ),
        };
        Explained {
            value,
            explanation: Explanation {
                formula,
                substituted,
                convention: "components fail independently of each other; nested groups are computed first; exact (every composite of decimal levels is a terminating decimal, computed with arbitrary-precision integers), shown rounded down".into(),
            },
        }
    }
}

/// Probability that at least `k` of the independent components are up,
/// exactly: `exactly[j]` is P(exactly j up among those seen so far), all at
/// the scale of the components seen.
fn at_least(k: usize, availabilities: &[Exact]) -> Exact {
    let mut exactly = vec![Natural::default(); availabilities.len() + 1];
    exactly[0] = Natural::from(1);
    let mut scale = 0;
    for (seen, a) in availabilities.iter().enumerate() {
        let down = a.complement().numerator;
        for j in (0..=seen + 1).rev() {
            let up = if j > 0 {
                &exactly[j - 1] * &a.numerator
            } else {
                Natural::default()
            };
            exactly[j] = &(&exactly[j] * &down) + &up;
        }
        scale += a.scale;
    }
    Exact {
        numerator: exactly.iter().skip(k).sum(),
        scale,
    }
}

/// A part's or the result's percentage in an explanation: every digit up
/// to 9 decimals, rounded down, with `…` when more digits follow.
fn percent(value: &Exact) -> String {
    let shown = value.percent_rounded_down(9);
    let shown = shown.trim_end_matches('0').trim_end_matches('.');
    let more = value.exact_decimals() > 9;
    format!("{shown}{}%", if more { "…" } else { "" })
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

    fn exact(text: &str) -> String {
        parse(text).exact().percent_exact()
    }

    #[test]
    fn serial_multiplies() {
        // 0.999 × 0.999 = 0.998001
        assert_eq!(exact("serial(99.9, 99.9)"), "99.8001");
        assert_eq!(exact("99.9, 99.9"), "99.8001");
        // 0.999 × 0.9995 = 0.9985005
        assert_eq!(exact("99.9, 99.95"), "99.85005");
    }

    #[test]
    fn parallel_multiplies_the_unavailabilities() {
        // 1 − 0.01 × 0.01 = 0.9999
        assert_eq!(exact("parallel(99, 99)"), "99.99");
        assert_eq!(exact("parallel(100, 0)"), "100");
        assert_eq!(exact("parallel(0, 0)"), "0");
    }

    #[test]
    fn two_of_three_is_the_binomial_tail() {
        // 3 × 0.99² × 0.01 + 0.99³ = 0.029403 + 0.970299 = 0.999702
        assert_eq!(exact("2of3(99, 99, 99)"), "99.9702");
        // k = n is serial, k = 1 is parallel, exactly
        assert_eq!(exact("3of3(99, 98, 97)"), exact("serial(99, 98, 97)"));
        assert_eq!(exact("1of3(99, 98, 97)"), exact("parallel(99, 98, 97)"));
    }

    #[test]
    fn groups_nest() {
        // 0.999 × (1 − 0.005²) = 0.999 × 0.999975 = 0.998975025
        let nested = parse("serial(99.9, parallel(99.5, 99.5%))");
        assert_eq!(nested.exact().percent_exact(), "99.8975025");
        assert_eq!(nested.to_text(), "serial(99.9, parallel(99.5, 99.5))");
    }

    #[test]
    fn figures_are_rounded_down_never_up() {
        // 99.99999 % in series three times: 100 × (1 − 10⁻⁷)³
        // = 100 − 3 × 10⁻⁵ + 3 × 10⁻¹² − 10⁻¹⁹
        let three = parse("99.99999, 99.99999, 99.99999").exact();
        assert_eq!(three.percent_exact(), "99.9999700000029999999");
        assert_eq!(three.percent_rounded_down(6), "99.999970");
        assert_eq!(three.percent_rounded_down(0), "99");
        // A double would give 99.99997000003 here, or 99.99996999… elsewhere:
        // the exact digits decide.
        assert_eq!(parse("99.85").exact().percent_rounded_down(6), "99.850000");
    }

    #[test]
    fn no_width_overflows_however_deep() {
        // 8 components of 9 decimals each at each of 16 levels: over a
        // thousand digits.
        let wide = format!("serial({})", ["99.9999999"; 8].join(", "));
        let mut deep = wide.clone();
        for _ in 0..14 {
            deep = format!("parallel({deep}, {wide})");
        }
        let value = parse(&deep).exact();
        assert!(value.exact_decimals() > 500, "{}", value.exact_decimals());
        assert!(value.percent_exact().starts_with("99.99999"));
        let half = format!("32of64({})", ["99.5"; 64].join(", "));
        let half = parse(&half).exact();
        assert!(half.percent_exact().starts_with("99.99999999"));
        assert!(half.numerator < Exact::whole(half.scale));
    }

    #[test]
    fn explanations_show_the_parts_and_the_result() {
        let explained = parse("99.9, 99.95").explain();
        assert_eq!(
            explained.explanation.substituted,
            "99.9% × 99.95% = 99.85005%"
        );
        let long = parse("99.99999, 99.99999, 99.99999").explain();
        assert!(
            long.explanation.substituted.ends_with("= 99.99997…%"),
            "{}",
            long.explanation.substituted
        );
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

    /// The same composite in double precision, written separately from
    /// [`Component::exact`]: the exact value must be within float noise of it.
    fn float(c: &Component) -> f64 {
        match c {
            Component::Level(p) => p.ppb() as f64 / 1e9,
            Component::Serial(parts) => parts.iter().map(float).product(),
            Component::Parallel(parts) => {
                1.0 - parts.iter().map(|p| 1.0 - float(p)).product::<f64>()
            }
            Component::KOfN { k, parts } => {
                // Every subset of the parts, summed where at least k are up.
                let a: Vec<f64> = parts.iter().map(float).collect();
                (0u32..1 << a.len())
                    .filter(|set| set.count_ones() as usize >= *k)
                    .map(|set| {
                        a.iter()
                            .enumerate()
                            .map(|(i, a)| if set & (1 << i) != 0 { *a } else { 1.0 - a })
                            .product::<f64>()
                    })
                    .sum()
            }
        }
    }

    proptest! {
        #[test]
        fn exact_stays_within_zero_and_one(c in any_component()) {
            let value = c.exact();
            prop_assert!(value.numerator <= Exact::whole(value.scale));
            let a = c.availability();
            prop_assert!((0.0..=1.0).contains(&a));
        }

        #[test]
        fn exact_agrees_with_an_independent_float_model(c in any_component()) {
            let exact = c.exact().as_f64();
            prop_assert!((exact - float(&c)).abs() < 1e-9, "{} vs {}", exact, float(&c));
        }

        #[test]
        fn shown_figures_never_exceed_the_exact_one(c in any_component(), decimals in 0usize..12) {
            let value = c.exact();
            let shown = value.percent_rounded_down(decimals);
            let exact = value.percent_exact();
            // Same whole part; the shown digits are a prefix of the exact ones.
            let pad = |t: &str| {
                let (w, f) = t.split_once('.').unwrap_or((t, ""));
                format!("{w:0>3}.{f:0<40}")
            };
            prop_assert!(pad(&shown) <= pad(&exact), "{} > {}", shown, exact);
            prop_assert!(pad(&exact).starts_with(&pad(&shown)[..4 + decimals.min(40)]) );
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
