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
        todo!("{code}")
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
        todo!("{text}{currency:?}")
    }

    /// `1,234.56` (plain, no currency code; the app localises it).
    pub fn to_plain_string(&self) -> String {
        todo!()
    }

    /// # Errors
    /// Different currencies, or overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        todo!("{other:?}")
    }

    /// `self × level`, rounded once to the minor unit as `rounding` says.
    /// (A credit of 10 % of 1,234.56 is 123.456 → 123.46 half up.)
    pub fn percent(self, level: Percent, rounding: Rounding) -> Money {
        todo!("{level}{rounding:?}")
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
