//! Units that carry meaning: [`Percent`], an exact availability level, and
//! [`TimeSpan`], a duration counted in whole nanoseconds.
//!
//! A `Percent` is stored as parts per billion of the whole (1 ppb = 0.0000001 %),
//! so any level written with up to 7 decimals (nine nines: `99.9999999`) is held
//! exactly, and `period × (100 % − level)` of a period of whole seconds is a
//! whole number of nanoseconds: no float error ever decides a figure.

use thiserror::Error;

/// Parts per billion in 100 %.
pub const PPB_PER_WHOLE: u64 = 1_000_000_000;

/// An availability level between 0 % and 100 % inclusive, held exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent {
    ppb: u64,
}

/// Why a text is not a percentage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PercentError {
    #[error("enter a percentage, e.g. 99.9")]
    Empty,
    #[error("that is too long for a percentage (at most 32 characters)")]
    TooLong,
    #[error("`{found}` at position {position} is not part of a number; use digits and one decimal point, e.g. 99.95")]
    InvalidCharacter { found: char, position: usize },
    #[error("a percentage has one decimal point at most")]
    SeveralDecimalPoints,
    #[error("a percentage cannot be negative")]
    Negative,
    #[error("a percentage cannot exceed 100")]
    AboveHundred,
    #[error("at most 7 decimals are supported (that is nine nines: 99.9999999)")]
    TooPrecise,
}

impl Percent {
    /// 100 %.
    pub const HUNDRED: Percent = Percent { ppb: PPB_PER_WHOLE };
    /// 0 %.
    pub const ZERO: Percent = Percent { ppb: 0 };

    /// Parses `99.9`, `99.9 %`, `99,9` (decimal comma), ` 99.95% ` (spaces trimmed).
    ///
    /// # Errors
    /// Empty text, more than 32 characters, anything but digits and one decimal
    /// separator (an optional trailing `%` aside), a minus sign, a value above
    /// 100, or more than 7 decimals.
    pub fn parse(text: &str) -> Result<Percent, PercentError> {
        todo!("{text}")
    }

    /// The level from parts per billion; `None` above 1,000,000,000.
    pub fn from_ppb(ppb: u64) -> Option<Percent> {
        (ppb <= PPB_PER_WHOLE).then_some(Percent { ppb })
    }

    /// N nines: 1 → 90 %, 3 → 99.9 %, 9 → 99.9999999 %. `None` outside 1..=9.
    pub fn nines(n: u8) -> Option<Percent> {
        todo!("{n}")
    }

    /// Parts per billion of the whole that this level promises.
    pub fn ppb(self) -> u64 {
        self.ppb
    }

    /// Parts per billion of the whole that this level allows to be lost: `1e9 − ppb`.
    pub fn unavailable_ppb(self) -> u64 {
        PPB_PER_WHOLE - self.ppb
    }

    /// The level as a fraction of one (0.999 for 99.9 %), for display and composites.
    pub fn as_fraction(self) -> f64 {
        self.ppb as f64 / PPB_PER_WHOLE as f64
    }

    /// The shortest exact decimal text without `%`: `99.9`, `100`, `99.9999999`.
    pub fn to_decimal_string(self) -> String {
        todo!()
    }
}

impl std::fmt::Display for Percent {
    /// `99.9%`
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.to_decimal_string())
    }
}

/// A non-negative duration in whole nanoseconds (up to about 292 years).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct TimeSpan {
    nanos: i64,
}

/// Why a text is not a duration.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DurationError {
    #[error("enter a duration, e.g. 13m 37s, 1h 5m, 90s, 00:13:37 or plain seconds")]
    Empty,
    #[error("that is too long for a duration (at most 64 characters)")]
    TooLong,
    #[error("`{found}` at position {position} is not understood; write e.g. 1h 5m 30s, 00:13:37 or 90")]
    Unexpected { found: String, position: usize },
    #[error("unknown unit `{unit}` at position {position}; use d, h, m, s or ms")]
    UnknownUnit { unit: String, position: usize },
    #[error("`{unit}` appears twice")]
    RepeatedUnit { unit: String },
    #[error("in h:mm:ss, minutes and seconds must be below 60")]
    ClockOutOfRange,
    #[error("a duration cannot be negative")]
    Negative,
    #[error("that duration is too large (more than 100 years)")]
    TooLarge,
    #[error("at most 9 decimals of a second are supported")]
    TooPrecise,
}

impl TimeSpan {
    pub const ZERO: TimeSpan = TimeSpan { nanos: 0 };

    /// From whole nanoseconds; `None` when negative.
    pub fn from_nanos(nanos: i64) -> Option<TimeSpan> {
        (nanos >= 0).then_some(TimeSpan { nanos })
    }

    /// From whole seconds (panics only past ~292 years, which no caller reaches:
    /// use [`TimeSpan::from_nanos`] for untrusted values).
    ///
    /// # Panics
    /// When `secs` is negative or above `i64::MAX / 1e9`.
    pub const fn from_secs(secs: i64) -> TimeSpan {
        assert!(secs >= 0 && secs <= i64::MAX / 1_000_000_000);
        TimeSpan { nanos: secs * 1_000_000_000 }
    }

    pub fn nanos(self) -> i64 {
        self.nanos
    }

    /// Seconds as a float, for charts and locale formatting only.
    pub fn as_secs_f64(self) -> f64 {
        self.nanos as f64 / 1e9
    }

    /// Parses `13m 37s`, `1h 5m`, `90s`, `1.5h`, `2d 4h`, `250ms`, `00:13:37`
    /// (h:mm:ss), `13:37` (m:ss), plain seconds `817` or `817.25`. Units may be
    /// written long (`1 hour 5 minutes`), case does not matter, spaces are optional.
    ///
    /// # Errors
    /// See [`DurationError`]: empty, more than 64 characters, an unknown unit, a
    /// unit given twice, minutes or seconds of 60 or more in clock form, a minus
    /// sign, more than 100 years, more than 9 decimals of a second.
    pub fn parse(text: &str) -> Result<TimeSpan, DurationError> {
        todo!("{text}")
    }

    /// Human-readable, rounded to the nearest second (half up), largest units
    /// first, zero parts omitted, at most the three largest non-zero parts:
    /// `43m 50s`, `8h 45m 57s`, `3d 15h 39m` (days past which seconds are dropped).
    /// Under one second it shows milliseconds rounded half up (`864ms`), and
    /// under one millisecond microseconds (`26µs`); zero is `0s`.
    pub fn human(self) -> String {
        todo!()
    }

    /// The exact number of seconds as a plain decimal, trailing zeros removed,
    /// with `,` between thousands: `2,629.746`, `86,400`, `0.000864`.
    pub fn exact_seconds(self) -> String {
        todo!()
    }

    /// `h:mm:ss` rounded to the nearest second (hours may exceed 24): `0:43:50`.
    pub fn clock(self) -> String {
        todo!()
    }
}
