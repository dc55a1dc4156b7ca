//! [`Money`]: amounts in integer minor units (cents) of a [`Currency`], so
//! that sums and caps are exact to the cent; rounding happens once, at the
//! place each function documents.

use crate::Percent;
use thiserror::Error;

/// An ISO 4217 currency code and the number of decimals of its minor unit
/// (2 for EUR/USD/GBP, 0 for JPY/KRW, 3 for BHD/KWD/OMR/JOD/TND).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    exponent: u8,
}

/// Why a text is not a currency or an amount.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    #[error("`{0}` is not a currency code; use three letters such as EUR or USD")]
    BadCurrency(String),
    #[error("`{text}` is not an amount: {reason}")]
    BadAmount { text: String, reason: &'static str },
    #[error("amounts in {a} and {b} cannot be combined")]
    CurrencyMismatch { a: String, b: String },
    #[error("the amount is too large")]
    Overflow,
}

/// How a computed share of an amount is rounded to the minor unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// Half a cent or more rounds up (commercial rounding). The default.
    #[default]
    HalfUp,
    /// Always down (in the provider's favour).
    Down,
    /// Always up (in the customer's favour).
    Up,
}

impl Currency {
    /// # Errors
    /// [`MoneyError::BadCurrency`] unless three ASCII letters (any case).
    pub fn new(code: &str) -> Result<Currency, MoneyError> {
        let upper = code.trim().to_ascii_uppercase();
        let bytes: [u8; 3] = upper
            .as_bytes()
            .try_into()
            .ok()
            .filter(|b: &[u8; 3]| b.iter().all(u8::is_ascii_uppercase))
            .ok_or_else(|| MoneyError::BadCurrency(code.chars().take(12).collect()))?;
        let exponent = match &bytes {
            b"JPY" | b"KRW" | b"CLP" | b"ISK" | b"VND" => 0,
            b"BHD" | b"KWD" | b"OMR" | b"JOD" | b"TND" | b"IQD" | b"LYD" => 3,
            _ => 2,
        };
        Ok(Currency {
            code: bytes,
            exponent,
        })
    }

    /// `EUR`.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("XXX")
    }

    /// Decimals of the minor unit.
    pub fn exponent(&self) -> u8 {
        self.exponent
    }
}

/// An amount of money in minor units; may be negative (a returned credit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Money {
    minor_units: i64,
    currency: Currency,
}

impl Money {
    pub fn new(minor_units: i64, currency: Currency) -> Money {
        Money {
            minor_units,
            currency,
        }
    }

    pub fn zero(currency: Currency) -> Money {
        Money::new(0, currency)
    }

    pub fn minor_units(&self) -> i64 {
        self.minor_units
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// Parses `1234.56`, `1,234.56`, `1234` in the currency's minor unit.
    ///
    /// # Errors
    /// More decimals than the currency has, anything but digits, one `.` and `,` thousands separators.
    pub fn parse(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let bad = |reason: &'static str| MoneyError::BadAmount {
            text: text.chars().take(40).collect(),
            reason,
        };
        let trimmed = text.trim();
        let (negative, digits) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest.trim_start()),
            None => (false, trimmed),
        };
        if digits.is_empty() {
            return Err(bad("it is empty"));
        }
        if digits.chars().count() > 30 {
            return Err(bad("it is too long"));
        }
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let int: String = int.chars().filter(|c| *c != ',').collect();
        if int.is_empty() && frac.is_empty() {
            return Err(bad("it has no digits"));
        }
        if !int.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad("use digits, one `.` and `,` between thousands"));
        }
        let exponent = usize::from(currency.exponent);
        let frac = frac.trim_end_matches('0');
        if frac.len() > exponent {
            return Err(bad("it has more decimals than the currency"));
        }
        let scale = 10i64.pow(u32::from(currency.exponent));
        let whole: i64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| MoneyError::Overflow)?
        };
        let cents: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<exponent$}")
                .parse()
                .map_err(|_| bad("bad decimals"))?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|w| w.checked_add(cents))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(if negative { -minor } else { minor }, currency))
    }

    /// `1,234.56` (plain, no currency code; the app localises it).
    pub fn to_plain_string(&self) -> String {
        let scale = 10u64.pow(u32::from(self.currency.exponent));
        let absolute = self.minor_units.unsigned_abs();
        let whole = crate::units::group_thousands(absolute / scale);
        let mut out = String::with_capacity(whole.len() + 4);
        if self.minor_units < 0 {
            out.push('-');
        }
        out.push_str(&whole);
        if self.currency.exponent > 0 {
            out.push('.');
            crate::units::push_digits(
                &mut out,
                absolute % scale,
                usize::from(self.currency.exponent),
            );
        }
        out
    }

    /// # Errors
    /// Different currencies, or overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        if self.currency != other.currency {
            return Err(MoneyError::CurrencyMismatch {
                a: self.currency.code().into(),
                b: other.currency.code().into(),
            });
        }
        self.minor_units
            .checked_add(other.minor_units)
            .map(|minor| Money::new(minor, self.currency))
            .ok_or(MoneyError::Overflow)
    }

    /// `self × level`, rounded once to the minor unit as `rounding` says.
    /// (A credit of 10 % of 1,234.56 is 123.456 → 123.46 half up.)
    pub fn percent(self, level: Percent, rounding: Rounding) -> Money {
        let product = i128::from(self.minor_units) * i128::from(level.ppb());
        let whole = i128::from(crate::units::PPB_PER_WHOLE);
        let quotient = product.div_euclid(whole);
        let remainder = product.rem_euclid(whole);
        let rounded = match rounding {
            Rounding::Down => quotient,
            Rounding::Up if remainder > 0 => quotient + 1,
            Rounding::Up => quotient,
            Rounding::HalfUp if remainder * 2 >= whole => quotient + 1,
            Rounding::HalfUp => quotient,
        };
        Money::new(i64::try_from(rounded).unwrap_or(i64::MAX), self.currency)
    }

    /// The smaller of two amounts of the same currency (for caps).
    pub fn min(self, other: Money) -> Money {
        if other.minor_units < self.minor_units {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur() -> Currency {
        Currency::new("eur").expect("valid code")
    }

    #[test]
    fn currencies_know_their_minor_unit() {
        assert_eq!(eur().code(), "EUR");
        assert_eq!(eur().exponent(), 2);
        assert_eq!(Currency::new("JPY").map(|c| c.exponent()), Ok(0));
        assert_eq!(Currency::new("KWD").map(|c| c.exponent()), Ok(3));
        assert!(Currency::new("EURO").is_err());
        assert!(Currency::new("E1R").is_err());
    }

    #[test]
    fn amounts_are_read_and_written_to_the_cent() {
        let m = Money::parse("1,234.5", eur()).expect("valid");
        assert_eq!(m.minor_units(), 123_450);
        assert_eq!(m.to_plain_string(), "1,234.50");
        assert_eq!(
            Money::parse("-0.01", eur()).map(|m| m.to_plain_string()),
            Ok("-0.01".into())
        );
        assert!(Money::parse("1.234", eur()).is_err());
        assert!(Money::parse("12a", eur()).is_err());
        assert!(Money::parse("", eur()).is_err());
        assert!(Money::parse("99999999999999999999", eur()).is_err());
    }

    #[test]
    fn a_percentage_of_money_is_rounded_once() {
        // 10 % of 1,234.56 = 123.456 → 123.46 half up, 123.45 down, 123.46 up
        let fee = Money::parse("1234.56", eur()).expect("valid");
        let ten = Percent::parse("10").expect("valid");
        assert_eq!(fee.percent(ten, Rounding::HalfUp).minor_units(), 12_346);
        assert_eq!(fee.percent(ten, Rounding::Down).minor_units(), 12_345);
        assert_eq!(fee.percent(ten, Rounding::Up).minor_units(), 12_346);
        // 25 % of 0.02 = 0.005 → half up 0.01
        let two_cents = Money::new(2, eur());
        assert_eq!(
            two_cents
                .percent(Percent::parse("25").expect("valid"), Rounding::HalfUp)
                .minor_units(),
            1
        );
    }

    #[test]
    fn different_currencies_do_not_add() {
        let usd = Currency::new("USD").expect("valid");
        assert!(Money::new(1, eur())
            .checked_add(Money::new(1, usd))
            .is_err());
        assert_eq!(
            Money::new(1, eur())
                .checked_add(Money::new(2, eur()))
                .map(|m| m.minor_units()),
            Ok(3)
        );
    }

    proptest! {
        #[test]
        fn a_share_never_exceeds_the_amount(minor in 0i64..1_000_000_000_000, ppb in 0u64..=1_000_000_000) {
            let fee = Money::new(minor, eur());
            let level = Percent::from_ppb(ppb).expect("in range");
            let down = fee.percent(level, Rounding::Down).minor_units();
            let half = fee.percent(level, Rounding::HalfUp).minor_units();
            let up = fee.percent(level, Rounding::Up).minor_units();
            prop_assert!(down <= half && half <= up && up <= minor);
            prop_assert!(up - down <= 1);
        }

        /// The text reads back, with the formatter's digits after the point.
        #[test]
        fn plain_text_reads_back(minor in any::<i64>(), code in prop::sample::select(vec!["EUR", "JPY", "KWD"])) {
            let currency = Currency::new(code).expect("valid code");
            let money = Money::new(minor, currency);
            let text = money.to_plain_string();
            let exponent = usize::from(currency.exponent());
            let scale = 10u64.pow(currency.exponent().into());
            let digits = format!("{:0width$}", minor.unsigned_abs() % scale, width = exponent);
            prop_assert!(exponent == 0 || text.ends_with(&format!(".{digits}")), "{}", text);
            prop_assert_eq!(text.starts_with('-'), minor < 0);
            if minor.unsigned_abs() < 10u64.pow(15) {
                prop_assert_eq!(Money::parse(&text, currency), Ok(money));
            }
        }

        #[test]
        fn parsing_never_panics(text in ".{0,40}") {
            let _ = Money::parse(&text, eur());
        }
    }
}
