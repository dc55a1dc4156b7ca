//! Exact values as they are written in agreement and measurement files:
//! decimal levels, money amounts, durations and timestamps.
//!
//! Levels and amounts are written as JSON strings (`"99.9"`, `"1250.00"`) or
//! JSON integers (`100`), never as JSON fractions: a fraction such as `99.9`
//! would pass through a binary float on the way in, and the engine promises
//! that no float decides a figure. A fraction is refused with a message that
//! says how to write it.

use std::fmt;

use chrono::NaiveDateTime;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::time::calendar::{local_to_utc, Edge};
use crate::time::{iso, UnixNanos, Zone};
use crate::{Percent, Ratio, TimeSpan};

/// Parses a plain non-negative decimal (`99.9`, `3`, `0.25`, `4.2`, `250 %`) into an exact ratio.
///
/// # Errors
/// Empty text, more than 40 characters, a minus sign, anything but digits
/// and one `.` (and a trailing `%`), or more than 12 decimals.
pub fn parse_decimal(text: &str) -> Result<Ratio, String> {
    let trimmed = text.trim();
    let body = trimmed
        .strip_suffix('%')
        .map(str::trim_end)
        .unwrap_or(trimmed);
    if body.is_empty() {
        return Err("it is empty; write a number such as 99.9".into());
    }
    if body.len() > 40 {
        return Err("it is longer than 40 characters".into());
    }
    if body.starts_with('-') {
        return Err(format!(
            "`{body}` is negative; levels and values are 0 or more"
        ));
    }
    let digits = body;
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if int.is_empty() && frac.is_empty() {
        return Err(format!("`{body}` has no digits"));
    }
    if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "`{body}` is not a plain decimal; use digits and one `.`, e.g. 99.95"
        ));
    }
    if frac.len() > 12 {
        return Err(format!("`{body}` has more than 12 decimals"));
    }
    let scale = 10i128.pow(frac.len() as u32);
    let int_value: i128 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| format!("`{body}` is too large"))?
    };
    if int_value > 1_000_000_000_000_000 {
        return Err(format!("`{body}` is too large"));
    }
    let frac_value: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse()
            .map_err(|_| format!("`{body}` is not a number"))?
    };
    let numerator = int_value * scale + frac_value;
    Ratio::new(numerator, scale).ok_or_else(|| format!("`{body}` is not a number"))
}

/// Writes an exact value as a plain decimal with at most `decimals` places,
/// rounded half up, trailing zeros removed (`99.95`, `4.2`, `300`): the text of
/// [`samples::decimal_string`](crate::metrics::samples::decimal_string) without
/// its trailing zeros.
pub fn decimal_string(value: Ratio, decimals: u32) -> String {
    let text = crate::metrics::samples::decimal_string(value, decimals);
    match text.contains('.') {
        true => text.trim_end_matches('0').trim_end_matches('.').to_owned(),
        false => text,
    }
}

/// Accepts a JSON string or integer and reads its text with `read`; refuses
/// fractions. The value is refused inside serde_json's reading of it, so that
/// the error's position, and the path named from it, is the value's own
/// (`json_path`).
struct ExactText<T> {
    what: &'static str,
    read: fn(String) -> Result<T, String>,
}

impl<T> Visitor<'_> for ExactText<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{} as a string such as \"99.9\" or an integer",
            self.what
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.read)(v.to_owned()).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        (self.read)(v.to_string()).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        (self.read)(v.to_string()).map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // The number as serde_json writes it (its shortest form, without
        // the standard library's float formatting, kept out of the wasm),
        // as a plain decimal.
        match serde_json::Number::from_f64(v).map(|n| plain_decimal(&n.to_string())) {
            Some(v) => Err(E::custom(format!(
                "write {v} in quotes (\"{v}\") so that it stays exact; JSON fractions pass through binary floats"
            ))),
            None => Err(E::custom(
                "write this number in quotes, as a decimal, so that it stays exact; JSON fractions pass through binary floats",
            )),
        }
    }
}

/// A number as serde_json writes it (`1.5e-7`, `2e16`, `99.9`) as a plain
/// decimal (`0.00000015`, `20000000000000000`, `99.9`).
fn plain_decimal(text: &str) -> String {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return text.to_string();
    };
    let Ok(exponent) = exponent.parse::<i32>() else {
        return text.to_string();
    };
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let point = i32::try_from(int.len())
        .unwrap_or(i32::MAX)
        .saturating_add(exponent);
    let len = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    let zeros = |n: i32| "0".repeat(usize::try_from(n).unwrap_or(0));
    if point <= 0 {
        format!("{sign}0.{}{digits}", zeros(-point))
    } else if point >= len {
        format!("{sign}{digits}{}", zeros(point - len))
    } else {
        let (a, b) = digits.split_at(usize::try_from(point).unwrap_or(0));
        format!("{sign}{a}.{b}")
    }
}

/// Accepts a JSON string only and reads it with `read`, refusing it inside
/// serde_json's reading of it (as [`ExactText`]).
struct Text<T>(fn(&str) -> Result<T, String>);

impl<T> Visitor<'_> for Text<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        (self.0)(v).map_err(E::custom)
    }
}

/// An internally tagged enum (`{"type": "availability", ...}`) read by
/// [`Tagged`]: `read` is the enum's derived reader (made with
/// `#[serde(remote = "Self")]`) over the object's fields.
pub(crate) trait TaggedRead: Sized {
    /// What the object is, for the message when something else stands there.
    const WHAT: &'static str;

    /// # Errors
    /// The variant's, as serde reports them.
    fn read<'de, A: de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads an internally tagged object inside serde_json's reading of the
/// object, so that a field its variant refuses is refused at the object's
/// closing brace and the path named from the error's position is the
/// object's (`json_path`); serde's own reader refuses it after the object,
/// where the position may be the next value's.
pub(crate) struct Tagged<T>(std::marker::PhantomData<T>);

impl<T> Tagged<T> {
    pub(crate) fn new() -> Tagged<T> {
        Tagged(std::marker::PhantomData)
    }
}

impl<'de, T: TaggedRead> Visitor<'de> for Tagged<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (an object with its \"type\")", T::WHAT)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// An exact level or number (`"99.9"`, `"300"`, `"4.2"`), in the unit of its metric.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Level {
    text: String,
    value: Ratio,
}

impl Level {
    /// # Errors
    /// As [`parse_decimal`].
    pub fn parse(text: &str) -> Result<Level, String> {
        Ok(Level {
            text: text.trim().to_owned(),
            value: parse_decimal(text)?,
        })
    }

    pub fn value(&self) -> Ratio {
        self.value
    }

    /// The level as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The level as an exact [`Percent`] when it is one the credit arithmetic
    /// holds: between 0 and 100 with at most 7 decimals (0.0000001 %).
    ///
    /// # Errors
    /// Why it is not: above 100, or more than 7 decimals. Agreement files are
    /// refused at the field's path for either ([`crate::model::load::validate`]).
    pub fn percent(&self) -> Result<Percent, crate::units::PercentError> {
        Percent::parse(&self.text)
    }

    /// The level as a fraction of the whole when it is a percentage (`99.9` → 0.999).
    pub fn as_fraction(&self) -> Ratio {
        Ratio::new(
            self.value.numerator(),
            self.value.denominator().saturating_mul(100),
        )
        .unwrap_or(self.value)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Level, D::Error> {
        deserializer.deserialize_any(ExactText {
            what: "a number",
            read: |text| Level::parse(&text),
        })
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

/// A money amount as written (`"1250.00"`); checked against the file's currency
/// when the file is validated, so it is kept as text until then.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amount(pub String);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Amount, D::Error> {
        deserializer.deserialize_any(ExactText {
            what: "an amount",
            read: |text| Ok(Amount(text)),
        })
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// A duration as written (`"4h"`, `"30m"`, `"1h 30m"`, `"00:15:00"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration(pub TimeSpan);

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
        deserializer.deserialize_any(ExactText {
            what: "a duration",
            read: |text| {
                TimeSpan::parse(&text)
                    .map(Duration)
                    .map_err(|e| format!("`{text}` is not a duration: {e}"))
            },
        })
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&duration_text(self.0))
    }
}

/// A duration as text that [`TimeSpan::parse`] reads back exactly: `1d 2h 30m`,
/// `45s`, or plain seconds with decimals (`0.25`) below whole seconds.
pub fn duration_text(span: TimeSpan) -> String {
    let nanos = span.nanos();
    if nanos % 1_000_000_000 != 0 {
        let text = format!("{}.{:09}", nanos / 1_000_000_000, nanos % 1_000_000_000);
        return text.trim_end_matches('0').to_owned();
    }
    let mut seconds = nanos / 1_000_000_000;
    if seconds == 0 {
        return "0s".into();
    }
    let mut parts = Vec::new();
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if seconds >= size {
            parts.push(format!("{}{unit}", seconds / size));
            seconds %= size;
        }
    }
    parts.join(" ")
}

/// An instant as written: RFC 3339 with an offset (`2026-02-03T10:00:00Z`,
/// `2026-02-03T11:00:00+01:00`), or a local date and time without offset
/// (`2026-02-03T11:00`, `2026-02-03 11:00:00`) read in the file's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timestamp {
    Utc(UnixNanos),
    Local(NaiveDateTime),
}

impl Timestamp {
    /// # Errors
    /// A text that is neither form, or out of range.
    pub fn parse(text: &str) -> Result<Timestamp, String> {
        let text = text.trim();
        if let Some(instant) = iso::rfc3339(text) {
            return instant
                .and_utc()
                .timestamp_nanos_opt()
                .map(Timestamp::Utc)
                .ok_or_else(|| format!("`{text}` is out of range"));
        }
        if let Some(local) = iso::local(text) {
            return Ok(Timestamp::Local(local));
        }
        Err(format!(
            "`{}` is not a timestamp; write 2026-02-03T10:00:00Z, 2026-02-03T11:00:00+01:00 or 2026-02-03T11:00 (local time in the file's time zone)",
            text.chars().take(40).collect::<String>()
        ))
    }

    /// The instant, reading a local time in `zone` (a time in a DST gap moves
    /// to the end of the gap; a repeated time is the earlier instant).
    pub fn instant(self, zone: &Zone) -> Option<UnixNanos> {
        match self {
            Timestamp::Utc(instant) => Some(instant),
            Timestamp::Local(local) => local_to_utc(zone, local, Edge::Start),
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        deserializer.deserialize_str(Text(Timestamp::parse))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Timestamp::Utc(instant) => serializer.serialize_str(&rfc3339(*instant)),
            Timestamp::Local(local) => {
                serializer.serialize_str(&iso::local_text(*local, 'T', true))
            }
        }
    }
}

/// `2026-02-03T10:00:00Z` (fractions of a second only when present).
pub fn rfc3339(instant: UnixNanos) -> String {
    crate::time::period::utc_text(instant)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_fraction_is_refused_with_its_own_text() {
        let e = serde_json::from_str::<Level>("99.9")
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("write 99.9 in quotes (\"99.9\") so that it stays exact; JSON fractions pass through binary floats at line 1 column 4")
        );
        let e = serde_json::from_str::<Level>("0.000001")
            .err()
            .map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.starts_with("write 0.000001 in quotes (\"0.000001\")")));
        assert_eq!(plain_decimal("1.5e-7"), "0.00000015");
        assert_eq!(plain_decimal("2e16"), "20000000000000000");
        assert_eq!(plain_decimal("1.25e1"), "12.5");
        assert_eq!(plain_decimal("-3e-2"), "-0.03");
        assert_eq!(plain_decimal("99.9"), "99.9");
        assert!(serde_json::from_str::<Level>("100").is_ok());
    }

    #[test]
    fn decimals_are_exact() {
        let value = |text| parse_decimal(text).expect("valid");
        assert_eq!(value("99.9"), Ratio::new(999, 10).expect("ok"));
        assert_eq!(
            value("0.25").cmp(&Ratio::new(1, 4).expect("ok")),
            std::cmp::Ordering::Equal
        );
        assert_eq!(
            value("250 %").cmp(&Ratio::new(250, 1).expect("ok")),
            std::cmp::Ordering::Equal
        );
        assert!(parse_decimal("-0.25").is_err());
        assert!(parse_decimal("9,9").is_err());
        assert!(parse_decimal("1e3").is_err());
        assert!(parse_decimal("").is_err());
        assert!(parse_decimal(".").is_err());
    }

    #[test]
    fn decimal_strings_round_half_away_from_zero() {
        let third = Ratio::new(1, 3).expect("ok");
        assert_eq!(decimal_string(third, 4), "0.3333");
        assert_eq!(decimal_string(Ratio::new(5, 1000).expect("ok"), 2), "0.01");
        assert_eq!(decimal_string(Ratio::new(4, 1000).expect("ok"), 2), "0");
        assert_eq!(decimal_string(Ratio::new(300, 1).expect("ok"), 3), "300");
    }

    #[test]
    fn fractions_in_json_are_refused_with_advice() {
        let err = serde_json::from_str::<Level>("99.9").expect_err("a float");
        assert!(err.to_string().contains("\"99.9\""), "{err}");
        let level: Level = serde_json::from_str("\"99.9\"").expect("a string");
        assert_eq!(
            level.as_fraction().cmp(&Ratio::new(999, 1000).expect("ok")),
            std::cmp::Ordering::Equal
        );
        let level: Level = serde_json::from_str("100").expect("an integer");
        assert_eq!(level.text(), "100");
    }

    #[test]
    fn durations_round_trip_through_text() {
        for text in ["1d 2h 30m", "45s", "0.25", "4h", "0s", "1.000000001"] {
            let span = TimeSpan::parse(text).expect("valid");
            assert_eq!(TimeSpan::parse(&duration_text(span)), Ok(span), "{text}");
        }
        assert_eq!(
            duration_text(TimeSpan::parse("90m").expect("valid")),
            "1h 30m"
        );
    }

    #[test]
    fn timestamps_with_and_without_offset() {
        let utc = Timestamp::parse("2026-02-03T10:00:00Z").expect("rfc 3339");
        let offset = Timestamp::parse("2026-02-03T11:00:00+01:00").expect("rfc 3339");
        let local = Timestamp::parse("2026-02-03 11:00").expect("local");
        let berlin = &Zone::named("Europe/Berlin").expect("a known zone");
        assert_eq!(utc.instant(berlin), offset.instant(berlin));
        assert_eq!(local.instant(berlin), utc.instant(berlin));
        assert_eq!(
            rfc3339(utc.instant(&Zone::utc()).expect("in range")),
            "2026-02-03T10:00:00Z"
        );
        assert!(Timestamp::parse("03.02.2026").is_err());
    }
}
