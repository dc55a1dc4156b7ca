//! Exact decimals as written in a YAML or JSON file (`0.999`, `99.95`,
//! `9.5e-1`), moved between fractions and percentages by shifting the
//! decimal point, never through a binary float: OpenSLO writes `0.999`
//! where our agreement file writes `"99.9"`, and both must mean the same
//! level to the last digit.

use std::cmp::Ordering;

/// A non-negative decimal `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    mantissa: u128,
    scale: u32,
}

/// At most this many decimals (the engine's levels take 12; shifting by two
/// for percentages needs room).
const MAX_SCALE: u32 = 30;

impl Decimal {
    /// A whole number.
    pub fn whole(value: u64) -> Decimal {
        Decimal {
            mantissa: u128::from(value),
            scale: 0,
        }
    }

    /// Reads `0.999`, `+1`, `.5`, `99.`, `9.99e-1`, `1E2`, `1_000` is not
    /// read (YAML 1.2 has no underscores in numbers).
    ///
    /// # Errors
    /// A sign other than `+`, no digits, anything but digits, one `.` and an
    /// exponent, or more digits than fit.
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let trimmed = text.trim();
        let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
        if body.starts_with('-') {
            return Err(format!("`{trimmed}` is negative"));
        }
        let (number, exponent) = match body.find(['e', 'E']) {
            Some(i) => {
                let exp = body
                    .get(i + 1..)
                    .unwrap_or("")
                    .trim_start_matches('+')
                    .parse::<i32>()
                    .map_err(|_| format!("`{trimmed}` has an unreadable exponent"))?;
                (body.get(..i).unwrap_or(""), exp)
            }
            None => (body, 0),
        };
        let (int, frac) = number.split_once('.').unwrap_or((number, ""));
        if int.is_empty() && frac.is_empty() {
            return Err(format!("`{trimmed}` is not a number"));
        }
        if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(format!("`{trimmed}` is not a number"));
        }
        let digits = format!("{int}{frac}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > 36 {
            return Err(format!("`{trimmed}` has too many digits"));
        }
        let mantissa: u128 = if digits.is_empty() {
            0
        } else {
            digits
                .parse()
                .map_err(|_| format!("`{trimmed}` is not a number"))?
        };
        let scale = i64::try_from(frac.len()).unwrap_or(i64::MAX) - i64::from(exponent);
        Decimal { mantissa, scale: 0 }
            .shifted(-scale)
            .ok_or_else(|| format!("`{trimmed}` is too large or too precise"))
    }

    /// The value × 10^`places` (`places` may be negative).
    pub fn shifted(self, places: i64) -> Option<Decimal> {
        let mut value = self;
        if places >= 0 {
            let mut left = places;
            // First use up the decimals, then multiply.
            while left > 0 && value.scale > 0 {
                value.scale -= 1;
                left -= 1;
            }
            let factor = 10u128.checked_pow(u32::try_from(left).ok()?)?;
            value.mantissa = value.mantissa.checked_mul(factor)?;
        } else {
            value.scale = value
                .scale
                .checked_add(u32::try_from(places.unsigned_abs()).ok()?)?;
        }
        value.normalised()
    }

    fn normalised(mut self) -> Option<Decimal> {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        (self.scale <= MAX_SCALE).then_some(self)
    }

    /// The number of decimals (after removing trailing zeros).
    pub fn decimals(self) -> u32 {
        self.scale
    }

    /// Whole value when there are no decimals.
    pub fn as_whole(self) -> Option<u128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// Plain text without exponent or trailing zeros: `0.999`, `99.9`, `100`.
    pub fn text(self) -> String {
        let digits = self.mantissa.to_string();
        let scale = self.scale as usize;
        if scale == 0 {
            return digits;
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{int}.{frac}")
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> Ordering {
        // Bring both to the larger scale; on overflow the one with more
        // whole digits is larger.
        let scale = self.scale.max(other.scale);
        let widen = |d: &Decimal| {
            10u128
                .checked_pow(scale - d.scale)
                .and_then(|f| d.mantissa.checked_mul(f))
        };
        match (widen(self), widen(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => self.mantissa.cmp(&other.mantissa),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::parse(text).expect("a decimal")
    }

    #[test]
    fn fractions_become_percentages_exactly() {
        let percent = |t: &str| d(t).shifted(2).map(Decimal::text);
        assert_eq!(percent("0.999"), Some("99.9".into()));
        assert_eq!(percent("0.99995"), Some("99.995".into()));
        assert_eq!(percent("1"), Some("100".into()));
        assert_eq!(percent("0.5"), Some("50".into()));
        assert_eq!(percent("9.99e-1"), Some("99.9".into()));
        assert_eq!(percent(".25"), Some("25".into()));
        assert_eq!(
            d("99.95").shifted(-2).map(Decimal::text),
            Some("0.9995".into())
        );
        assert_eq!(d("0").shifted(-2).map(Decimal::text), Some("0".into()));
        assert_eq!(d("5").shifted(-2).map(Decimal::text), Some("0.05".into()));
    }

    #[test]
    fn what_is_not_a_plain_decimal_is_refused() {
        for text in ["-0.5", "", ".", "1,5", "0x10", "1e", "abc", "1.2.3"] {
            assert!(Decimal::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn comparison_is_exact() {
        assert!(d("0.9999999999999999") < d("1"));
        assert_eq!(d("1.000").cmp(&d("1")), Ordering::Equal);
        assert!(d("100.0000001") > d("100"));
    }
}
