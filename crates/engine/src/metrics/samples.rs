//! Statistics of measured samples (latencies, queue lengths, …): a percentile,
//! the mean, the maximum or the minimum over a period.
//!
//! The rules:
//! 1. Sample values are exact decimals, held as [`Ratio`]s (`123.45` is
//!    `12345 / 100`); [`parse_decimal`] reads them from text, with at most 9
//!    decimals. A [`Ratio`] is never negative, so neither is a sample.
//! 2. Only samples whose instant `at` lies in the period `[start, end)` count.
//! 3. **Percentile, nearest rank**: sort the `n` values; the p-th percentile
//!    is the `⌈p/100 × n⌉`-th smallest value (computed with integers, so
//!    `⌈0.95 × 20⌉ = 19` exactly). It is always one of the samples; there is no
//!    interpolation. `p` is 1 to 100; p100 is the maximum.
//! 4. **Mean**: `Σ values ÷ n`, exact. Only when the exact sum would exceed
//!    128 bits (never for values read by [`parse_decimal`]) is each value
//!    rounded half up to 9 decimals (to whole numbers past 10²⁰) before the
//!    mean is taken; the explanation says so.
//! 5. No sample in the period is "no data": the value is `None`.

use std::cmp::Ordering;

use thiserror::Error;

use super::events::{cmp_fractions, fraction, gcd, next_digit, scaled_round};
use crate::time::{Interval, UnixNanos};
use crate::{Explanation, Ratio};

/// Decimals that [`parse_decimal`] accepts.
const MAX_DECIMALS: usize = 9;
/// Digits before the decimal point that [`parse_decimal`] accepts.
const MAX_INTEGER_DIGITS: usize = 18;
/// Decimals that [`decimal_string`] writes at most.
const MAX_STRING_DECIMALS: u32 = 36;

/// One measured value at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sample {
    pub at: UnixNanos,
    /// The value, exactly; see [`parse_decimal`].
    pub value: Ratio,
}

/// Why a text is not a sample value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SampleError {
    #[error("enter a number, e.g. 250 or 123.45")]
    Empty,
    #[error("`{found}` at position {position} is not allowed; write digits with an optional `.`, e.g. 123.45")]
    InvalidCharacter { found: char, position: usize },
    #[error("a number has at most one decimal point `.`; use no thousands separators")]
    TwoPoints,
    #[error("write at least one digit, e.g. 0.5")]
    NoDigits,
    #[error("at most 9 decimals are supported ({decimals} given); round the value")]
    TooManyDecimals { decimals: usize },
    #[error("at most 18 digits before the decimal point are supported")]
    TooLarge,
    #[error("sample values cannot be negative; measure a quantity that is zero or more")]
    Negative,
}

/// Reads a decimal sample value exactly: digits, an optional leading `-`, at
/// most one `.`, at most 9 decimals and 18 digits before the point.
/// Surrounding spaces are ignored; `.5` and `5.` are read as 0.5 and 5.
/// The result's denominator is `10^decimals written` (`123.45` is
/// `12345 / 100`, `1.50` is `150 / 100`).
///
/// # Errors
/// See [`SampleError`]: empty text, another character, a second `.`, no
/// digit, too many decimals or digits, a negative value (`-0` is zero).
pub fn parse_decimal(text: &str) -> Result<Ratio, SampleError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(SampleError::Empty);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let offset = usize::from(negative);
    let mut point: Option<usize> = None;
    for (i, ch) in body.chars().enumerate() {
        match ch {
            '0'..='9' => {}
            '.' if point.is_none() => point = Some(i),
            '.' => return Err(SampleError::TwoPoints),
            found => {
                return Err(SampleError::InvalidCharacter {
                    found,
                    position: i + offset + 1,
                })
            }
        }
    }
    let (whole, decimals) = match point {
        Some(i) => (&body[..i], &body[i + 1..]),
        None => (body, ""),
    };
    if whole.is_empty() && decimals.is_empty() {
        return Err(SampleError::NoDigits);
    }
    if decimals.len() > MAX_DECIMALS {
        return Err(SampleError::TooManyDecimals {
            decimals: decimals.len(),
        });
    }
    if whole.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
        return Err(SampleError::TooLarge);
    }
    // At most 18 + 9 significant digits: far inside i128.
    let mut numerator: i128 = 0;
    for digit in whole.bytes().chain(decimals.bytes()) {
        numerator = numerator * 10 + i128::from(digit - b'0');
    }
    if negative && numerator != 0 {
        return Err(SampleError::Negative);
    }
    // `decimals.len() <= 9`, so the cast and the power are exact.
    let denominator = 10i128.pow(decimals.len() as u32);
    Ratio::new(numerator, denominator).ok_or(SampleError::Negative)
}

/// `value` as a plain decimal with exactly `decimals` decimals (at most 36),
/// rounded half up (away from zero), without thousands separators, so that
/// [`parse_decimal`] reads it back: `0.125` at 2 decimals is `0.13`, `9.995`
/// is `10.00`.
pub fn decimal_string(value: Ratio, decimals: u32) -> String {
    decimal_digits(value, decimals.min(MAX_STRING_DECIMALS)).0
}

/// The decimal text and whether it is exact (nothing was rounded away).
fn decimal_digits(value: Ratio, decimals: u32) -> (String, bool) {
    let (num, den) = parts(value);
    let mut whole = num / den;
    let mut rest = num % den;
    let mut digits: Vec<u8> = Vec::with_capacity(decimals as usize);
    for _ in 0..decimals {
        let (digit, next) = next_digit(rest, den);
        digits.push(digit);
        rest = next;
    }
    let exact = rest == 0;
    if rest >= den - rest && rest > 0 {
        // Half up: carry through the digits, then into the whole part.
        let mut carry = true;
        for digit in digits.iter_mut().rev() {
            if *digit == 9 {
                *digit = 0;
            } else {
                *digit += 1;
                carry = false;
                break;
            }
        }
        if carry {
            whole = whole.saturating_add(1);
        }
    }
    let mut out = whole.to_string();
    if !digits.is_empty() {
        out.push('.');
        out.extend(digits.iter().map(|d| char::from(b'0' + d)));
    }
    (out, exact)
}

/// A value for explanations: up to 9 decimals, trailing zeros removed, `≈`
/// in front when rounded.
fn show(value: Ratio) -> String {
    let (text, exact) = decimal_digits(value, MAX_DECIMALS as u32);
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    if exact {
        text
    } else {
        format!("≈{text}")
    }
}

/// Which statistic of the samples to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Statistic {
    /// The p-th percentile by nearest rank, `p` from 1 to 100 (other values
    /// give no result).
    Percentile(u8),
    Mean,
    Max,
    Min,
}

/// A statistic of the samples in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleResult {
    /// `None` when no sample lies in the period (or the percentile is not 1 to 100).
    pub value: Option<Ratio>,
    /// The number of samples in the period.
    pub count: usize,
    pub explanation: Explanation,
}

/// The `statistic` of the samples whose `at` lies in `window`.
///
/// Percentiles use the nearest-rank method: the `⌈p/100 × n⌉`-th smallest
/// value, no interpolation (a selection, O(n); a million samples take
/// milliseconds). The mean is exact (see the module documentation for the
/// one fallback). Among equal values written differently (`1.5`, `1.50`) the
/// one with the smaller denominator is taken, so the result never depends on
/// the order of the input.
pub fn statistic(samples: &[Sample], window: Interval, statistic: Statistic) -> SampleResult {
    let mut values: Vec<Ratio> = samples
        .iter()
        .filter(|s| s.at >= window.start() && s.at < window.end())
        .map(|s| s.value)
        .collect();
    let count = values.len();
    let outside = samples.len() - count;
    let scope = format!(
        "only samples at [start, end) of the period count; {count} sample(s) used, {outside} \
         outside the period ignored"
    );
    let no_data = |formula: String, convention: String| SampleResult {
        value: None,
        count,
        explanation: Explanation {
            formula,
            substituted: "no sample in the period: no data".into(),
            convention,
        },
    };
    match statistic {
        Statistic::Percentile(p) => {
            let formula = format!("p{p} = the ⌈{p}/100 × n⌉-th smallest value (nearest rank)");
            let convention =
                format!("nearest rank: the ⌈p × n⌉-th smallest value; no interpolation; {scope}");
            if !(1..=100).contains(&p) {
                return SampleResult {
                    value: None,
                    count,
                    explanation: Explanation {
                        formula,
                        substituted: format!("p{p}: a percentile must be 1 to 100"),
                        convention,
                    },
                };
            }
            if count == 0 {
                return no_data(formula, convention);
            }
            // ⌈p × n ÷ 100⌉ with integers; 1 ≤ rank ≤ n since 1 ≤ p ≤ 100.
            let rank = (usize::from(p) * count).div_ceil(100).clamp(1, count);
            let (_, value, _) = values.select_nth_unstable_by(rank - 1, order);
            let value = *value;
            SampleResult {
                value: Some(value),
                count,
                explanation: Explanation {
                    formula,
                    substituted: format!(
                        "⌈{p}/100 × {count}⌉ = {rank}; value {rank} of {count} sorted = {}",
                        show(value)
                    ),
                    convention,
                },
            }
        }
        Statistic::Mean => {
            let formula = "mean = Σ values ÷ n".to_string();
            if count == 0 {
                return no_data(formula, scope);
            }
            let (value, substituted, convention) = if let Some((mean, sum)) = exact_mean(&values) {
                (
                    mean,
                    format!("{} ÷ {count} = {}", show(sum), show(mean)),
                    format!("exact; {scope}"),
                )
            } else if let Some((mean, decimals)) = rounded_mean(&values) {
                (
                    mean,
                    format!("Σ of {count} values ÷ {count} = {}", show(mean)),
                    format!(
                        "each value rounded half up to {decimals} decimals first (the exact \
                         sum exceeds 128 bits); {scope}"
                    ),
                )
            } else {
                return no_data(formula, scope);
            };
            SampleResult {
                value: Some(value),
                count,
                explanation: Explanation {
                    formula,
                    substituted,
                    convention,
                },
            }
        }
        Statistic::Max | Statistic::Min => {
            let (name, found) = if statistic == Statistic::Max {
                ("maximum", values.iter().copied().max_by(order))
            } else {
                ("minimum", values.iter().copied().min_by(order))
            };
            let formula = if statistic == Statistic::Max {
                "maximum = the largest value".to_string()
            } else {
                "minimum = the smallest value".to_string()
            };
            match found {
                None => no_data(formula, scope),
                Some(value) => SampleResult {
                    value: Some(value),
                    count,
                    explanation: Explanation {
                        formula,
                        substituted: format!("{name} of {count} value(s) = {}", show(value)),
                        convention: scope,
                    },
                },
            }
        }
    }
}

/// Numerator and denominator as `u128` (a [`Ratio`] is never negative).
fn parts(value: Ratio) -> (u128, u128) {
    (
        u128::try_from(value.numerator()).unwrap_or(0),
        u128::try_from(value.denominator()).unwrap_or(1).max(1),
    )
}

/// A total order: by value, exactly (never saturating), then by denominator
/// so that equal values written differently sort the same way every time.
fn order(a: &Ratio, b: &Ratio) -> Ordering {
    let (an, ad) = parts(*a);
    let (bn, bd) = parts(*b);
    let by_value = match (an.checked_mul(bd), bn.checked_mul(ad)) {
        (Some(left), Some(right)) => left.cmp(&right),
        _ => cmp_fractions(an, ad, bn, bd),
    };
    by_value.then(ad.cmp(&bd))
}

/// The exact mean and sum, `None` when they do not fit in 128 bits.
fn exact_mean(values: &[Ratio]) -> Option<(Ratio, Ratio)> {
    let mut lcm: u128 = 1;
    for value in values {
        let (_, den) = parts(*value);
        lcm = (lcm / gcd(lcm, den)).checked_mul(den)?;
    }
    let mut sum: u128 = 0;
    for value in values {
        let (num, den) = parts(*value);
        sum = sum.checked_add(num.checked_mul(lcm / den)?)?;
    }
    let n = values.len() as u128;
    Some((
        exact_ratio(sum, lcm.checked_mul(n)?)?,
        exact_ratio(sum, lcm)?,
    ))
}

/// `num ÷ den` reduced, `None` when it does not fit a [`Ratio`].
fn exact_ratio(num: u128, den: u128) -> Option<Ratio> {
    let g = gcd(num, den);
    Ratio::new(i128::try_from(num / g).ok()?, i128::try_from(den / g).ok()?)
}

/// The mean of the values rounded half up to 9 decimals (to whole numbers
/// when a value is 10²⁰ or more), and the number of decimals used. The sum is
/// never formed: `Σ u_i ÷ n = Σ (u_i div n) + (Σ (u_i mod n)) ÷ n`.
fn rounded_mean(values: &[Ratio]) -> Option<(Ratio, u32)> {
    let large = values.iter().any(|v| {
        let (num, den) = parts(*v);
        num / den >= 10u128.pow(20)
    });
    let decimals = if large { 0 } else { MAX_DECIMALS as u32 };
    let n = values.len() as u128;
    let (mut quotients, mut remainders) = (0u128, 0u128);
    for value in values {
        let (num, den) = parts(*value);
        let units = scaled_round(num, den, decimals);
        quotients = quotients.saturating_add(units / n);
        remainders = remainders.saturating_add(units % n);
    }
    let mean_units = quotients
        .saturating_add(remainders / n)
        .saturating_add(u128::from(remainders % n >= n - remainders % n));
    Some((fraction(mean_units, 10u128.pow(decimals))?, decimals))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).expect("valid")
    }

    fn samples(values: &[i128]) -> Vec<Sample> {
        values
            .iter()
            .enumerate()
            .map(|(i, &v)| Sample {
                at: i as i64,
                value: r(v, 1),
            })
            .collect()
    }

    fn all() -> Interval {
        Interval::new(i64::MIN, i64::MAX).expect("ordered")
    }

    fn value_of(samples: &[Sample], s: Statistic) -> Option<Ratio> {
        statistic(samples, all(), s).value
    }

    fn eq(a: Option<Ratio>, b: Ratio) -> bool {
        a.is_some_and(|a| a.cmp(&b) == Ordering::Equal)
    }

    #[test]
    fn decimals_parse_exactly() {
        assert_eq!(parse_decimal("123.45"), Ok(r(12_345, 100)));
        assert_eq!(parse_decimal(" 7 "), Ok(r(7, 1)));
        assert_eq!(parse_decimal("0.000000001"), Ok(r(1, 1_000_000_000)));
        assert_eq!(parse_decimal(".5"), Ok(r(5, 10)));
        assert_eq!(parse_decimal("5."), Ok(r(5, 1)));
        assert_eq!(parse_decimal("-0.0"), Ok(r(0, 10)));
        assert_eq!(
            parse_decimal("999999999999999999.999999999"),
            Ok(r(999_999_999_999_999_999_999_999_999, 1_000_000_000))
        );
    }

    #[test]
    fn bad_decimals_say_what_to_fix() {
        assert_eq!(parse_decimal(""), Err(SampleError::Empty));
        assert_eq!(parse_decimal("-"), Err(SampleError::NoDigits));
        assert_eq!(parse_decimal("."), Err(SampleError::NoDigits));
        assert_eq!(parse_decimal("1.2.3"), Err(SampleError::TwoPoints));
        assert_eq!(
            parse_decimal("12a"),
            Err(SampleError::InvalidCharacter {
                found: 'a',
                position: 3
            })
        );
        assert_eq!(
            parse_decimal("1,000"),
            Err(SampleError::InvalidCharacter {
                found: ',',
                position: 2
            })
        );
        assert_eq!(
            parse_decimal("1.0123456789"),
            Err(SampleError::TooManyDecimals { decimals: 10 })
        );
        assert_eq!(
            parse_decimal("1234567890123456789"),
            Err(SampleError::TooLarge)
        );
        assert_eq!(parse_decimal("-1.5"), Err(SampleError::Negative));
        assert!(SampleError::TooManyDecimals { decimals: 10 }
            .to_string()
            .contains("at most 9"));
    }

    #[test]
    fn decimal_strings_round_half_up() {
        // 1/8 = 0.125 → 0.13; 2/3 = 0.6666… → 0.6667; 9.995 → 10.00 (carry);
        // 0.5 → 1 at 0 decimals; 1/3 → 0; 123.45 → 123.5.
        assert_eq!(decimal_string(r(1, 8), 2), "0.13");
        assert_eq!(decimal_string(r(2, 3), 4), "0.6667");
        assert_eq!(decimal_string(r(9_995, 1_000), 2), "10.00");
        assert_eq!(decimal_string(r(1, 2), 0), "1");
        assert_eq!(decimal_string(r(1, 3), 0), "0");
        assert_eq!(decimal_string(r(12_345, 100), 1), "123.5");
        assert_eq!(decimal_string(r(12_345, 100), 4), "123.4500");
        assert_eq!(
            decimal_string(r(i128::MAX, 1), 1),
            format!("{}.0", i128::MAX)
        );
    }

    #[test]
    fn nearest_rank_p95_of_one_to_twenty_is_nineteen() {
        // ⌈0.95 × 20⌉ = 19 → the 19th smallest of 1..=20 is 19.
        let s = samples(&(1..=20).rev().collect::<Vec<_>>());
        let result = statistic(&s, all(), Statistic::Percentile(95));
        assert_eq!(result.value, Some(r(19, 1)));
        assert!(result.explanation.convention.contains("nearest rank"));
        assert!(result.explanation.substituted.contains("= 19"));
    }

    #[test]
    fn nearest_rank_matches_the_wikipedia_example() {
        // Wikipedia, "Percentile", nearest-rank method on 15, 20, 35, 40, 50:
        // p5 → rank ⌈0.25⌉ = 1 → 15; p30 → ⌈1.5⌉ = 2 → 20; p40 → ⌈2⌉ = 2 → 20;
        // p50 → ⌈2.5⌉ = 3 → 35; p100 → 5 → 50.
        let s = samples(&[40, 15, 50, 35, 20]);
        for (p, expected) in [(5, 15), (30, 20), (40, 20), (50, 35), (100, 50)] {
            assert_eq!(
                value_of(&s, Statistic::Percentile(p)),
                Some(r(expected, 1)),
                "p{p}"
            );
        }
    }

    #[test]
    fn p100_is_the_maximum_and_p1_of_one_value_is_that_value() {
        let s = samples(&[3, 9, 4]);
        assert_eq!(
            value_of(&s, Statistic::Percentile(100)),
            value_of(&s, Statistic::Max)
        );
        assert_eq!(
            value_of(&samples(&[7]), Statistic::Percentile(1)),
            Some(r(7, 1))
        );
    }

    #[test]
    fn a_percentile_outside_one_to_hundred_gives_no_value() {
        let s = samples(&[1, 2]);
        assert_eq!(value_of(&s, Statistic::Percentile(0)), None);
        assert_eq!(value_of(&s, Statistic::Percentile(101)), None);
    }

    #[test]
    fn the_mean_is_exact() {
        // (1 + 2 + 4) ÷ 3 = 7/3; (0.1 + 0.25) ÷ 2 = 0.175 = 7/40.
        assert!(eq(value_of(&samples(&[1, 2, 4]), Statistic::Mean), r(7, 3)));
        let mixed = [
            Sample {
                at: 0,
                value: r(1, 10),
            },
            Sample {
                at: 1,
                value: r(25, 100),
            },
        ];
        let result = statistic(&mixed, all(), Statistic::Mean);
        assert!(eq(result.value, r(7, 40)));
        assert_eq!(result.explanation.substituted, "0.35 ÷ 2 = 0.175");
    }

    #[test]
    fn the_mean_of_huge_values_falls_back_without_panicking() {
        let huge = [
            Sample {
                at: 0,
                value: r(i128::MAX, 3),
            },
            Sample {
                at: 1,
                value: r(i128::MAX - 1, 7),
            },
            Sample {
                at: 2,
                value: r(i128::MAX, 1),
            },
        ];
        let result = statistic(&huge, all(), Statistic::Mean);
        let mean = result.value.expect("data");
        let (min, max) = (r(i128::MAX - 1, 7), r(i128::MAX, 1));
        assert!(order(&min, &mean) != Ordering::Greater && order(&mean, &max) != Ordering::Greater);
        assert!(result.explanation.convention.contains("rounded half up"));
    }

    #[test]
    fn max_and_min() {
        let s = samples(&[5, 1, 9, 3]);
        assert_eq!(value_of(&s, Statistic::Max), Some(r(9, 1)));
        assert_eq!(value_of(&s, Statistic::Min), Some(r(1, 1)));
    }

    #[test]
    fn only_samples_in_the_period_count() {
        // Samples at 0..5 with values 10, 20, 30, 40, 50; period [1, 4) holds 20, 30, 40.
        let s = samples(&[10, 20, 30, 40, 50]);
        let window = Interval::new(1, 4).expect("ordered");
        let result = statistic(&s, window, Statistic::Max);
        assert_eq!((result.value, result.count), (Some(r(40, 1)), 3));
        assert!(result.explanation.convention.contains("2 outside"));
        assert!(eq(statistic(&s, window, Statistic::Mean).value, r(30, 1)));
    }

    #[test]
    fn no_samples_is_no_data() {
        for s in [
            Statistic::Percentile(50),
            Statistic::Mean,
            Statistic::Max,
            Statistic::Min,
        ] {
            let result = statistic(&[], all(), s);
            assert_eq!((result.value, result.count), (None, 0));
        }
    }

    #[test]
    fn a_million_samples_are_quick() {
        // 1..=1,000,000 in reverse: p99 = ⌈0.99 × 10⁶⌉ = 990,000th smallest =
        // 990,000; mean = (10⁶ + 1) ÷ 2 = 500,000.5.
        let s: Vec<Sample> = (0..1_000_000i64)
            .map(|i| Sample {
                at: i,
                value: r(i128::from(1_000_000 - i), 1),
            })
            .collect();
        let start = std::time::Instant::now();
        assert_eq!(value_of(&s, Statistic::Percentile(99)), Some(r(990_000, 1)));
        assert!(eq(value_of(&s, Statistic::Mean), r(1_000_001, 2)));
        assert!(start.elapsed().as_secs() < 10);
    }

    fn any_samples() -> impl Strategy<Value = Vec<Sample>> {
        proptest::collection::vec((0i64..100, 0i128..100_000, 0u32..=3), 1..80).prop_map(|v| {
            v.into_iter()
                .map(|(at, n, k)| Sample {
                    at,
                    value: r(n, 10i128.pow(k)),
                })
                .collect()
        })
    }

    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_percentile_is_one_of_the_values_and_grows_with_p(s in any_samples(), a in 1u8..=100, b in 1u8..=100) {
            let low = value_of(&s, Statistic::Percentile(a.min(b))).expect("data");
            let high = value_of(&s, Statistic::Percentile(a.max(b))).expect("data");
            prop_assert!(s.iter().any(|x| x.value == low));
            prop_assert!(s.iter().any(|x| x.value == high));
            prop_assert!(order(&low, &high) != Ordering::Greater);
        }

        #[test]
        fn min_le_mean_le_max(s in any_samples()) {
            let min = value_of(&s, Statistic::Min).expect("data");
            let mean = value_of(&s, Statistic::Mean).expect("data");
            let max = value_of(&s, Statistic::Max).expect("data");
            prop_assert!(min <= mean && mean <= max);
        }

        #[test]
        fn input_order_does_not_change_any_result(mut s in any_samples(), p in 1u8..=100) {
            let stats = [Statistic::Percentile(p), Statistic::Mean, Statistic::Max, Statistic::Min];
            let before: Vec<SampleResult> = stats.iter().map(|&x| statistic(&s, all(), x)).collect();
            s.reverse();
            let after: Vec<SampleResult> = stats.iter().map(|&x| statistic(&s, all(), x)).collect();
            prop_assert_eq!(before, after);
        }

        #[test]
        fn decimal_text_reads_back_exactly(n in 0i128..10_000_000_000_000, k in 0u32..=9) {
            let value = r(n, 10i128.pow(k));
            let back = parse_decimal(&decimal_string(value, 9)).expect("valid");
            prop_assert_eq!(back.cmp(&value), Ordering::Equal);
        }
    }
}
