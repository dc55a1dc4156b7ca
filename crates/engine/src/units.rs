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
        let text = text.trim();
        if text.is_empty() {
            return Err(PercentError::Empty);
        }
        if text.chars().count() > 32 {
            return Err(PercentError::TooLong);
        }
        let body = text.strip_suffix('%').map(str::trim_end).unwrap_or(text);
        if body.is_empty() {
            return Err(PercentError::Empty);
        }
        if body.starts_with('-') {
            return Err(PercentError::Negative);
        }
        let mut int_digits = String::new();
        let mut frac_digits = String::new();
        let mut seen_point = false;
        for (position, ch) in body.chars().enumerate() {
            match ch {
                '0'..='9' if seen_point => frac_digits.push(ch),
                '0'..='9' => int_digits.push(ch),
                '.' | ',' if seen_point => return Err(PercentError::SeveralDecimalPoints),
                '.' | ',' => seen_point = true,
                other => {
                    return Err(PercentError::InvalidCharacter {
                        found: other,
                        position,
                    })
                }
            }
        }
        if int_digits.is_empty() && frac_digits.is_empty() {
            return Err(PercentError::InvalidCharacter {
                found: body.chars().next().unwrap_or('.'),
                position: 0,
            });
        }
        let frac = frac_digits.trim_end_matches('0');
        if frac.len() > 7 {
            return Err(PercentError::TooPrecise);
        }
        let int = int_digits.trim_start_matches('0');
        if int.len() > 3 {
            return Err(PercentError::AboveHundred);
        }
        let whole: u64 = if int.is_empty() {
            0
        } else {
            int.parse().map_err(|_| PercentError::AboveHundred)?
        };
        let frac_ppb: u64 = if frac.is_empty() {
            0
        } else {
            let padded = format!("{frac:0<7}");
            padded.parse().map_err(|_| PercentError::TooPrecise)?
        };
        let ppb = whole * 10_000_000 + frac_ppb;
        Percent::from_ppb(ppb).ok_or(PercentError::AboveHundred)
    }

    /// The level from parts per billion; `None` above 1,000,000,000.
    pub fn from_ppb(ppb: u64) -> Option<Percent> {
        (ppb <= PPB_PER_WHOLE).then_some(Percent { ppb })
    }

    /// N nines: 1 → 90 %, 3 → 99.9 %, 9 → 99.9999999 %. `None` outside 1..=9.
    pub fn nines(n: u8) -> Option<Percent> {
        if !(1..=9).contains(&n) {
            return None;
        }
        Percent::from_ppb(PPB_PER_WHOLE - 10u64.pow(9 - u32::from(n)))
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
        let whole = self.ppb / 10_000_000;
        let frac = self.ppb % 10_000_000;
        let mut out = String::with_capacity(12);
        push_digits(&mut out, whole, 1);
        if frac != 0 {
            out.push('.');
            push_decimals(&mut out, frac, 7);
        }
        out
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
    #[error(
        "`{found}` at position {position} is not understood; write e.g. 1h 5m 30s, 00:13:37 or 90"
    )]
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
        TimeSpan {
            nanos: secs * 1_000_000_000,
        }
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
        let text = text.trim();
        if text.is_empty() {
            return Err(DurationError::Empty);
        }
        if text.chars().count() > 64 {
            return Err(DurationError::TooLong);
        }
        if text.starts_with('-') {
            return Err(DurationError::Negative);
        }
        let nanos = if text.contains(':') {
            parse_clock(text)?
        } else if text.chars().all(|c| c.is_ascii_digit() || c == '.') {
            decimal_times(text, NANOS_PER_SECOND, 0)?
        } else {
            parse_units(text)?
        };
        if nanos > MAX_NANOS {
            return Err(DurationError::TooLarge);
        }
        i64::try_from(nanos)
            .ok()
            .and_then(TimeSpan::from_nanos)
            .ok_or(DurationError::TooLarge)
    }

    /// Human-readable, rounded to the nearest second (half up), largest units
    /// first, zero parts omitted, at most the three largest non-zero parts:
    /// `43m 50s`, `8h 45m 57s`, `3d 15h 39m` (days past which seconds are dropped).
    /// Under one second it shows milliseconds rounded half up (`864ms`), and
    /// under one millisecond microseconds (`26µs`); zero is `0s`.
    pub fn human(self) -> String {
        let nanos = self.nanos;
        if nanos == 0 {
            return "0s".into();
        }
        if nanos < 1_000 {
            return format!("{nanos}ns");
        }
        if nanos < 1_000_000 {
            let micros = (nanos + 500) / 1_000;
            return if micros >= 1_000 {
                "1ms".into()
            } else {
                format!("{micros}µs")
            };
        }
        if nanos < 1_000_000_000 {
            let millis = (nanos + 500_000) / 1_000_000;
            return if millis >= 1_000 {
                "1s".into()
            } else {
                format!("{millis}ms")
            };
        }
        let secs = (nanos + 500_000_000) / 1_000_000_000;
        let parts = [
            (secs / 86_400, "d"),
            (secs % 86_400 / 3_600, "h"),
            (secs % 3_600 / 60, "m"),
            (secs % 60, "s"),
        ];
        let first = parts.iter().position(|(n, _)| *n > 0).unwrap_or(3);
        // One string, no parts collected and joined: the report writes many.
        let mut out = String::with_capacity(16);
        for (n, unit) in parts[first..(first + 3).min(4)]
            .iter()
            .filter(|(n, _)| *n > 0)
        {
            if !out.is_empty() {
                out.push(' ');
            }
            push_digits(&mut out, n.unsigned_abs(), 1);
            out.push_str(unit);
        }
        out
    }

    /// The exact number of seconds as a plain decimal, trailing zeros removed,
    /// with `,` between thousands: `2,629.746`, `86,400`, `0.000864`.
    pub fn exact_seconds(self) -> String {
        let whole = self.nanos / NANOS_PER_SECOND_I64;
        let frac = self.nanos % NANOS_PER_SECOND_I64;
        let mut out = group_thousands(whole as u64);
        if frac != 0 {
            out.push('.');
            push_decimals(&mut out, frac.unsigned_abs(), 9);
        }
        out
    }

    /// Exactly, in the units a person types, largest first, zero parts
    /// omitted and the seconds with their decimals: `12d 3h 4m 5.25s`,
    /// `2h`. [`TimeSpan::parse`] reads it back to the same span (a fitted
    /// model shown in a field that is read again).
    pub fn exact_text(self) -> String {
        if self.nanos == 0 {
            return "0s".into();
        }
        let secs = self.nanos / NANOS_PER_SECOND_I64;
        let frac = self.nanos % NANOS_PER_SECOND_I64;
        let mut parts: Vec<String> = [
            (secs / 86_400, "d"),
            (secs % 86_400 / 3_600, "h"),
            (secs % 3_600 / 60, "m"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
        match (secs % 60, frac) {
            (0, 0) => {}
            (whole, 0) => parts.push(format!("{whole}s")),
            (whole, frac) => parts.push(format!(
                "{whole}.{}s",
                format!("{frac:09}").trim_end_matches('0')
            )),
        }
        parts.join(" ")
    }

    /// `h:mm:ss` rounded to the nearest second (hours may exceed 24): `0:43:50`.
    pub fn clock(self) -> String {
        let secs = (self.nanos + 500_000_000) / NANOS_PER_SECOND_I64;
        format!("{}:{:02}:{:02}", secs / 3_600, secs % 3_600 / 60, secs % 60)
    }
}

const NANOS_PER_SECOND: i128 = 1_000_000_000;
const NANOS_PER_SECOND_I64: i64 = 1_000_000_000;
/// 100 average Gregorian years.
const MAX_NANOS: i128 = 100 * 31_556_952 * NANOS_PER_SECOND;

/// `1234567` → `1,234,567` (the engine's plain form; the app re-punctuates
/// it for the locale).
/// `n` in decimal digits, at least `width` of them (zeros in front).
pub(crate) fn push_digits(out: &mut String, mut n: u64, width: usize) {
    // A u64 has at most 20 digits: a wider field is 20 wide.
    let width = width.min(20);
    let mut digits = [b'0'; 20];
    let mut at = digits.len();
    while n > 0 || digits.len() - at < width {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    // ASCII digits: always UTF-8.
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// The decimals of a fraction `frac` ÷ 10^`places` (`frac` below that),
/// trailing zeros left out: `(746_000_000, 9)` → `746`.
fn push_decimals(out: &mut String, mut frac: u64, mut places: usize) {
    while places > 0 && frac % 10 == 0 {
        frac /= 10;
        places -= 1;
    }
    push_digits(out, frac, places);
}

pub fn group_thousands(n: impl Into<u128>) -> String {
    // Digits from the right into a buffer, with a `,` before every third;
    // u64 arithmetic once the value fits (a u128 division is slow, in wasm
    // most of all), and no formatting machinery: the report writes many.
    let mut rest: u128 = n.into();
    let mut buffer = [0u8; 52];
    let mut at = buffer.len();
    let mut count = 0;
    loop {
        let (next, digit) = match u64::try_from(rest) {
            Ok(small) => (u128::from(small / 10), (small % 10) as u8),
            Err(_) => (rest / 10, (rest % 10) as u8),
        };
        if count > 0 && count % 3 == 0 {
            at -= 1;
            buffer[at] = b',';
        }
        at -= 1;
        buffer[at] = b'0' + digit;
        count += 1;
        rest = next;
        if rest == 0 {
            break;
        }
    }
    // ASCII digits and commas: always UTF-8.
    std::str::from_utf8(&buffer[at..])
        .unwrap_or_default()
        .to_owned()
}

/// `units` hundredths (say) written with `decimals` decimals: `(12345, 2)` →
/// `123.45`, `(-5, 2)` → `-0.05`. Exact: the caller has rounded.
pub fn decimal_text(units: i128, decimals: u32) -> String {
    let scale = 10u128.pow(decimals.min(30));
    let sign = if units < 0 { "-" } else { "" };
    let magnitude = units.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{magnitude}");
    }
    let width = decimals as usize;
    format!("{sign}{}.{:0width$}", magnitude / scale, magnitude % scale)
}

/// An estimate (a float) with `decimals` decimals, rounded half away from
/// zero; `NaN` or an infinity as `–`. For figures that are estimates by
/// nature (a composite availability, a mean the exact arithmetic could not
/// hold): written with integer arithmetic, so that no page carries a float
/// formatter for them.
pub fn estimate_text(value: f64, decimals: u32) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let scaled = (value * 10f64.powi(decimals.min(30) as i32)).round();
    // Saturates (at ±1.7e38) far above any figure shown.
    #[allow(clippy::cast_possible_truncation)]
    let units = scaled as i128;
    let text = decimal_text(units, decimals);
    if units == 0 {
        text.trim_start_matches('-').to_owned()
    } else {
        text
    }
}

/// `digits[.digits]` × `unit` nanoseconds, exactly. `offset` is the text's
/// position in the whole input, for messages.
fn decimal_times(text: &str, unit: i128, offset: usize) -> Result<i128, DurationError> {
    let unexpected = || DurationError::Unexpected {
        found: text.chars().take(16).collect(),
        position: offset,
    };
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if (int.is_empty() && frac.is_empty())
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return Err(unexpected());
    }
    let int = int.trim_start_matches('0');
    if int.len() > 20 {
        return Err(DurationError::TooLarge);
    }
    let whole: i128 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| DurationError::TooLarge)?
    };
    let frac = frac.trim_end_matches('0');
    if frac.len() > 18 {
        return Err(DurationError::TooPrecise);
    }
    let mut nanos = whole.checked_mul(unit).ok_or(DurationError::TooLarge)?;
    if !frac.is_empty() {
        let scale = 10i128.pow(frac.len() as u32);
        let value: i128 = frac.parse().map_err(|_| unexpected())?;
        let scaled = value * unit;
        if scaled % scale != 0 {
            return Err(DurationError::TooPrecise);
        }
        nanos += scaled / scale;
    }
    if nanos > MAX_NANOS {
        return Err(DurationError::TooLarge);
    }
    Ok(nanos)
}

/// `h:mm:ss` or `m:ss`, the last part may have decimals.
fn parse_clock(text: &str) -> Result<i128, DurationError> {
    let parts: Vec<&str> = text.split(':').map(str::trim).collect();
    let bad = |position: usize| DurationError::Unexpected {
        found: text.chars().take(16).collect(),
        position,
    };
    if parts.len() < 2 || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad(0));
    }
    let last = parts.len() - 1;
    for (i, part) in parts.iter().enumerate() {
        if i < last && !part.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad(0));
        }
    }
    let seconds = decimal_times(parts[last], NANOS_PER_SECOND, 0)?;
    if seconds >= 60 * NANOS_PER_SECOND {
        return Err(DurationError::ClockOutOfRange);
    }
    let number = |p: &str| -> Result<i128, DurationError> {
        if p.len() > 12 {
            return Err(DurationError::TooLarge);
        }
        p.parse::<i128>().map_err(|_| bad(0))
    };
    let (hours, minutes) = if parts.len() == 3 {
        let minutes = number(parts[1])?;
        if minutes >= 60 {
            return Err(DurationError::ClockOutOfRange);
        }
        (number(parts[0])?, minutes)
    } else {
        (0, number(parts[0])?)
    };
    Ok((hours * 3_600 + minutes * 60) * NANOS_PER_SECOND + seconds)
}

/// The nanoseconds in a unit written `d`, `days`, `h`, `hour`, `m`, `min`, `s`, `sec`, `ms`, `w`, ….
fn unit_nanos(unit: &str) -> Option<(i128, &'static str)> {
    let s = NANOS_PER_SECOND;
    Some(match unit {
        "w" | "wk" | "wks" | "week" | "weeks" => (7 * 86_400 * s, "w"),
        "d" | "day" | "days" => (86_400 * s, "d"),
        "h" | "hr" | "hrs" | "hour" | "hours" => (3_600 * s, "h"),
        "m" | "min" | "mins" | "minute" | "minutes" => (60 * s, "m"),
        "s" | "sec" | "secs" | "second" | "seconds" => (s, "s"),
        "ms" | "msec" | "msecs" | "millisecond" | "milliseconds" => (1_000_000, "ms"),
        _ => return None,
    })
}

/// `1h 5m 30s`, `1.5h`, `250ms`, `1 hour 5 minutes`.
fn parse_units(text: &str) -> Result<i128, DurationError> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut total: i128 = 0;
    let mut seen: Vec<&str> = Vec::new();
    while i < chars.len() {
        if chars[i].is_whitespace() || chars[i] == ',' {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        if start == i {
            let found: String = chars[i..]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .take(16)
                .collect();
            return Err(DurationError::Unexpected {
                found,
                position: start,
            });
        }
        let number: String = chars[start..i].iter().collect();
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let unit_start = i;
        while i < chars.len() && chars[i].is_alphabetic() {
            i += 1;
        }
        if unit_start == i {
            let found: String = if i < chars.len() {
                chars[i..].iter().take(16).collect()
            } else {
                number.clone()
            };
            return Err(DurationError::Unexpected {
                found,
                position: unit_start.min(chars.len()),
            });
        }
        let unit: String = chars[unit_start..i]
            .iter()
            .collect::<String>()
            // The units are ASCII words: no Unicode case tables needed.
            .to_ascii_lowercase();
        let (nanos, canonical) = unit_nanos(&unit).ok_or_else(|| DurationError::UnknownUnit {
            unit: unit.chars().take(16).collect(),
            position: unit_start,
        })?;
        if seen.contains(&canonical) {
            return Err(DurationError::RepeatedUnit {
                unit: canonical.into(),
            });
        }
        seen.push(canonical);
        total = total
            .checked_add(decimal_times(&number, nanos, start)?)
            .ok_or(DurationError::TooLarge)?;
        if total > MAX_NANOS {
            return Err(DurationError::TooLarge);
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decimal_and_estimate_texts() {
        assert_eq!(decimal_text(12_345, 2), "123.45");
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(7, 0), "7");
        assert_eq!(estimate_text(12.34, 1), "12.3");
        assert_eq!(estimate_text(0.05, 1), "0.1");
        assert_eq!(estimate_text(-1.25, 1), "-1.3");
        assert_eq!(estimate_text(-0.04, 1), "0.0");
        assert_eq!(estimate_text(99.970_2, 6), "99.970200");
        assert_eq!(estimate_text(f64::NAN, 2), "–");
        assert_eq!(estimate_text(f64::INFINITY, 2), "–");
    }

    proptest! {
        /// Away from a tie, the estimate reads as Rust's own `{:.n}` does.
        #[test]
        fn estimates_match_the_float_formatter(value in -1.0e9f64..1.0e9, decimals in 0u32..7) {
            let scaled = value * 10f64.powi(decimals as i32);
            prop_assume!((scaled - scaled.trunc()).abs() - 0.5 < -1e-6 || (scaled - scaled.trunc()).abs() - 0.5 > 1e-6);
            let theirs = format!("{value:.prec$}", prec = decimals as usize);
            let theirs = if theirs.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
                theirs.trim_start_matches('-').to_owned()
            } else {
                theirs
            };
            prop_assert_eq!(estimate_text(value, decimals), theirs);
        }
    }

    fn pct(text: &str) -> Result<u64, PercentError> {
        Percent::parse(text).map(Percent::ppb)
    }

    fn secs(text: &str) -> Result<f64, DurationError> {
        TimeSpan::parse(text).map(TimeSpan::as_secs_f64)
    }

    #[test]
    fn percentages_are_read_exactly() {
        assert_eq!(pct("99.9"), Ok(999_000_000));
        assert_eq!(pct("99.9%"), Ok(999_000_000));
        assert_eq!(pct("99,9"), Ok(999_000_000));
        assert_eq!(pct(" 99.95 % "), Ok(999_500_000));
        assert_eq!(pct("100"), Ok(1_000_000_000));
        assert_eq!(pct("0"), Ok(0));
        assert_eq!(pct("99.9999999"), Ok(999_999_999));
        assert_eq!(
            pct("99.90000000000"),
            Ok(999_000_000),
            "trailing zeros add no precision"
        );
    }

    #[test]
    fn bad_percentages_say_why() {
        assert_eq!(
            pct("abc"),
            Err(PercentError::InvalidCharacter {
                found: 'a',
                position: 0
            })
        );
        assert_eq!(pct("101"), Err(PercentError::AboveHundred));
        assert_eq!(pct("100.0000001"), Err(PercentError::AboveHundred));
        assert_eq!(pct("-3"), Err(PercentError::Negative));
        assert_eq!(pct("99.9.9"), Err(PercentError::SeveralDecimalPoints));
        assert_eq!(pct(""), Err(PercentError::Empty));
        assert_eq!(pct("  %"), Err(PercentError::Empty));
        assert_eq!(pct(&"9".repeat(10_000)), Err(PercentError::TooLong));
        assert_eq!(pct("99.99999999"), Err(PercentError::TooPrecise));
        assert_eq!(
            pct("1e2"),
            Err(PercentError::InvalidCharacter {
                found: 'e',
                position: 1
            })
        );
        assert_eq!(
            pct("99.9%%"),
            Err(PercentError::InvalidCharacter {
                found: '%',
                position: 4
            })
        );
        assert_eq!(
            pct("."),
            Err(PercentError::InvalidCharacter {
                found: '.',
                position: 0
            })
        );
    }

    #[test]
    fn nines_count_the_nines() {
        assert_eq!(
            Percent::nines(1).map(|p| p.to_decimal_string()),
            Some("90".into())
        );
        assert_eq!(
            Percent::nines(3).map(|p| p.to_decimal_string()),
            Some("99.9".into())
        );
        assert_eq!(
            Percent::nines(9).map(|p| p.to_decimal_string()),
            Some("99.9999999".into())
        );
        assert_eq!(Percent::nines(0), None);
        assert_eq!(Percent::nines(10), None);
    }

    #[test]
    fn percentages_print_their_shortest_form() {
        assert_eq!(
            Percent::from_ppb(999_000_000).map(|p| p.to_string()),
            Some("99.9%".into())
        );
        assert_eq!(Percent::HUNDRED.to_decimal_string(), "100");
        assert_eq!(Percent::ZERO.to_decimal_string(), "0");
    }

    #[test]
    fn durations_in_every_documented_form() {
        assert_eq!(secs("13m 37s"), Ok(817.0));
        assert_eq!(secs("1h 5m"), Ok(3_900.0));
        assert_eq!(secs("90s"), Ok(90.0));
        assert_eq!(secs("00:13:37"), Ok(817.0));
        assert_eq!(secs("13:37"), Ok(817.0));
        assert_eq!(secs("817"), Ok(817.0));
        assert_eq!(secs("817.25"), Ok(817.25));
        assert_eq!(secs("1.5h"), Ok(5_400.0));
        assert_eq!(secs("2d 4h"), Ok(187_200.0));
        assert_eq!(secs("250ms"), Ok(0.25));
        assert_eq!(secs("1 hour 5 minutes"), Ok(3_900.0));
        assert_eq!(secs("1H5M"), Ok(3_900.0));
        assert_eq!(secs("1w"), Ok(604_800.0));
    }

    #[test]
    fn bad_durations_say_why() {
        assert!(matches!(
            TimeSpan::parse("abc"),
            Err(DurationError::Unexpected { position: 0, .. })
        ));
        assert_eq!(TimeSpan::parse("-5"), Err(DurationError::Negative));
        assert_eq!(
            TimeSpan::parse("5x"),
            Err(DurationError::UnknownUnit {
                unit: "x".into(),
                position: 1
            })
        );
        assert_eq!(
            TimeSpan::parse("1h 1h"),
            Err(DurationError::RepeatedUnit { unit: "h".into() })
        );
        assert_eq!(
            TimeSpan::parse("00:61:00"),
            Err(DurationError::ClockOutOfRange)
        );
        assert_eq!(TimeSpan::parse(""), Err(DurationError::Empty));
        assert_eq!(
            TimeSpan::parse(&"1".repeat(200)),
            Err(DurationError::TooLong)
        );
        assert_eq!(TimeSpan::parse("1000000d"), Err(DurationError::TooLarge));
        assert_eq!(
            TimeSpan::parse("0.0000000001s"),
            Err(DurationError::TooPrecise)
        );
        assert!(matches!(
            TimeSpan::parse("1h 30"),
            Err(DurationError::Unexpected { .. })
        ));
    }

    #[test]
    fn human_durations_round_to_the_second() {
        let ns = |n: i64| TimeSpan::from_nanos(n).expect("positive");
        assert_eq!(ns(2_629_746_000_000).human(), "43m 50s");
        assert_eq!(ns(31_556_952_000_000).human(), "8h 45m 57s");
        assert_eq!(ns(864_000_000).human(), "864ms");
        assert_eq!(TimeSpan::ZERO.human(), "0s");
        assert_eq!(
            TimeSpan::from_secs(3 * 86_400 + 15 * 3_600 + 39 * 60 + 29).human(),
            "3d 15h 39m"
        );
        assert_eq!(TimeSpan::from_secs(60).human(), "1m");
        assert_eq!(TimeSpan::from_secs(40 * 3_600).human(), "1d 16h");
        assert_eq!(ns(26_297).human(), "26µs");
        assert_eq!(ns(999_600_000).human(), "1s");
    }

    #[test]
    fn spans_in_words_and_seconds() {
        let ns = |n: i64| TimeSpan::from_nanos(n).expect("positive");
        assert_eq!(TimeSpan::from_secs(93_784).human(), "1d 2h 3m");
        assert_eq!(TimeSpan::from_secs(3_600).human(), "1h");
        assert_eq!(TimeSpan::from_secs(61).human(), "1m 1s");
        assert_eq!(ns(1_500_000_000).human(), "2s");
        assert_eq!(ns(1_000_000_000 * 86_400 * 400 + 5).human(), "400d");
        assert_eq!(ns(1_000_000_001).exact_seconds(), "1.000000001");
        assert_eq!(ns(100_000_000).exact_seconds(), "0.1");
    }

    #[test]
    fn thousands_at_the_edges() {
        assert_eq!(group_thousands(0u8), "0");
        assert_eq!(group_thousands(999u16), "999");
        assert_eq!(group_thousands(1_000u32), "1,000");
        assert_eq!(group_thousands(u64::MAX), "18,446,744,073,709,551,615");
        assert_eq!(
            group_thousands(u128::MAX),
            "340,282,366,920,938,463,463,374,607,431,768,211,455"
        );
    }

    #[test]
    fn exact_seconds_keep_every_digit() {
        let ns = |n: i64| TimeSpan::from_nanos(n).expect("positive");
        assert_eq!(ns(2_629_746_000_000).exact_seconds(), "2,629.746");
        assert_eq!(TimeSpan::from_secs(86_400).exact_seconds(), "86,400");
        assert_eq!(ns(864_000).exact_seconds(), "0.000864");
        assert_eq!(ns(2_629_746_000_000).clock(), "0:43:50");
    }

    proptest! {
        /// The same text as the digits written by the formatter with a `,`
        /// inserted before every third from the right.
        #[test]
        fn thousands_are_grouped(n in any::<u128>(), small in any::<u64>()) {
            let reference = |n: u128| {
                let digits = n.to_string();
                let mut out = String::new();
                for (i, ch) in digits.chars().enumerate() {
                    if i > 0 && (digits.len() - i) % 3 == 0 {
                        out.push(',');
                    }
                    out.push(ch);
                }
                out
            };
            prop_assert_eq!(group_thousands(n), reference(n));
            prop_assert_eq!(group_thousands(small), reference(u128::from(small)));
        }

        /// The same texts as written with the formatter.
        #[test]
        fn spans_read_as_the_formatter_writes_them(nanos in 0i64..i64::MAX) {
            let span = TimeSpan::from_nanos(nanos).expect("positive");
            let (whole, frac) = (nanos / 1_000_000_000, nanos % 1_000_000_000);
            let exact = if frac == 0 {
                group_thousands(whole as u64)
            } else {
                format!("{}.{}", group_thousands(whole as u64), format!("{frac:09}").trim_end_matches('0'))
            };
            prop_assert_eq!(span.exact_seconds(), exact);
            if nanos >= 1_000_000_000 {
                let secs = (nanos + 500_000_000) / 1_000_000_000;
                let parts = [(secs / 86_400, "d"), (secs % 86_400 / 3_600, "h"), (secs % 3_600 / 60, "m"), (secs % 60, "s")];
                let first = parts.iter().position(|(n, _)| *n > 0).unwrap_or(3);
                let human = parts[first..(first + 3).min(4)]
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|(n, unit)| format!("{n}{unit}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                prop_assert_eq!(span.human(), human);
            }
        }

        /// The same text as the formatter's seven decimals, trailing zeros cut.
        #[test]
        fn percent_text_is_the_shortest_exact_decimal(ppb in 0u64..=PPB_PER_WHOLE * 10) {
            let p = Percent { ppb };
            let (whole, frac) = (ppb / 10_000_000, ppb % 10_000_000);
            let expected = if frac == 0 {
                whole.to_string()
            } else {
                format!("{whole}.{}", format!("{frac:07}").trim_end_matches('0'))
            };
            prop_assert_eq!(p.to_decimal_string(), expected);
        }

        #[test]
        fn percent_text_reads_back(ppb in 0u64..=PPB_PER_WHOLE) {
            let p = Percent::from_ppb(ppb).expect("in range");
            prop_assert_eq!(Percent::parse(&p.to_decimal_string()), Ok(p));
            prop_assert_eq!(Percent::parse(&p.to_string()), Ok(p));
        }

        #[test]
        fn exact_seconds_read_back(nanos in 0i64..3_155_695_200_000_000_000) {
            let span = TimeSpan::from_nanos(nanos).expect("positive");
            let text = span.exact_seconds().replace(',', "");
            prop_assert_eq!(TimeSpan::parse(&text), Ok(span));
        }

        #[test]
        fn exact_text_reads_back(nanos in 0i64..3_155_695_200_000_000_000) {
            let span = TimeSpan::from_nanos(nanos).expect("positive");
            prop_assert_eq!(TimeSpan::parse(&span.exact_text()), Ok(span));
        }

        #[test]
        fn parsers_never_panic(text in ".{0,80}") {
            let _ = Percent::parse(&text);
            let _ = TimeSpan::parse(&text);
        }

        #[test]
        fn duration_like_text_never_panics(text in "[0-9.:hmsdw ]{0,40}") {
            let _ = TimeSpan::parse(&text);
        }
    }
}
