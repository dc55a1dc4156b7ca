//! Locale-aware display of engine values.
//!
//! The engine writes exact decimals in a plain form (`2,629.746`: `,` between
//! thousands, `.` before decimals). Here they are re-punctuated with the
//! browser's separators from `Intl.NumberFormat`, digit for digit, so that no
//! float conversion ever changes a figure on its way to the screen.

use sla_engine::model::values::rfc3339;
use sla_engine::model::Level;
use sla_engine::report::{render, Budget, Margin, NextTier, TargetReport};
use sla_engine::time::UnixNanos;
use sla_engine::{Money, Ratio, TimeSpan};

/// The browser locale's thousands and decimal separators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Separators {
    pub group: String,
    pub decimal: String,
}

impl Default for Separators {
    fn default() -> Self {
        Separators {
            group: ",".into(),
            decimal: ".".into(),
        }
    }
}

thread_local! {
    static SEPARATORS: Separators = browser_separators().unwrap_or_default();
}

/// Reads the separators from `Intl.NumberFormat().formatToParts(1234567.5)`.
#[cfg(target_arch = "wasm32")]
fn browser_separators() -> Option<Separators> {
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::JsValue;
    let formatter = Intl::NumberFormat::new(&Array::new(), &Object::new());
    let parts = formatter.format_to_parts(1_234_567.5);
    let mut separators = Separators::default();
    for part in parts.iter() {
        let kind = Reflect::get(&part, &JsValue::from_str("type"))
            .ok()?
            .as_string()?;
        let value = Reflect::get(&part, &JsValue::from_str("value"))
            .ok()?
            .as_string()?;
        match kind.as_str() {
            "group" => separators.group = value,
            "decimal" => separators.decimal = value,
            _ => {}
        }
    }
    Some(separators)
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_separators() -> Option<Separators> {
    None
}

/// Where a currency's symbol goes around a number in the browser's locale:
/// `("€", "")` for en-US, `("", "\u{a0}€")` for de-DE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Affixes {
    pub prefix: String,
    pub suffix: String,
}

thread_local! {
    static AFFIXES: std::cell::RefCell<std::collections::BTreeMap<String, Affixes>> =
        const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
}

/// Reads the affixes from `Intl.NumberFormat(undefined, {style: "currency",
/// currency}).formatToParts(1)`; `None` for a code the browser rejects.
#[cfg(target_arch = "wasm32")]
fn browser_affixes(code: &str) -> Option<Affixes> {
    use js_sys::{Array, Intl, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};
    let options = Object::new();
    Reflect::set(&options, &"style".into(), &"currency".into()).ok()?;
    Reflect::set(&options, &"currency".into(), &code.into()).ok()?;
    // An unknown code throws a RangeError: caught, `None`.
    let constructor = Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| Reflect::get(&intl, &"NumberFormat".into()))
        .ok()?;
    let formatter = Reflect::construct(
        constructor.dyn_ref::<js_sys::Function>()?,
        &Array::of2(&JsValue::UNDEFINED, &options),
    )
    .ok()?;
    let formatter: Intl::NumberFormat = formatter.dyn_into().ok()?;
    let mut affixes = Affixes {
        prefix: String::new(),
        suffix: String::new(),
    };
    let mut seen_number = false;
    for part in formatter.format_to_parts(1.0).iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        match kind.as_str() {
            "integer" | "decimal" | "fraction" | "group" => seen_number = true,
            "currency" | "literal" if seen_number => affixes.suffix.push_str(&value),
            "currency" | "literal" => affixes.prefix.push_str(&value),
            _ => {}
        }
    }
    Some(affixes)
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_affixes(code: &str) -> Option<Affixes> {
    let _ = code;
    None
}

/// An exact engine amount (`12,000.00`) with its currency as the browser's
/// locale writes it (`€12,000.00`, `12.000,00 €`); the digits are the
/// engine's, only the punctuation and the symbol are the locale's. An
/// unknown code is written before the number (`XYZ 12,000.00`).
pub fn money(code: &str, plain: &str) -> String {
    let affixes = AFFIXES.with(|cache| {
        cache
            .borrow_mut()
            .entry(code.to_string())
            .or_insert_with(|| {
                browser_affixes(code).unwrap_or_else(|| Affixes {
                    prefix: format!("{code}\u{a0}"),
                    suffix: String::new(),
                })
            })
            .clone()
    });
    money_with(
        plain,
        &affixes,
        &localize(plain.trim_start_matches(['-', '−'])),
    )
}

/// [`money`] with explicit affixes and the localized digits.
pub fn money_with(plain: &str, affixes: &Affixes, digits: &str) -> String {
    let sign = if plain.starts_with(['-', '−']) {
        "−"
    } else {
        ""
    };
    format!("{sign}{}{digits}{}", affixes.prefix, affixes.suffix)
}

/// How much of a date to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    /// `8 Feb` (en-GB), `Feb 8` (en-US), `8. Feb.` (de-DE).
    DayMonth,
    /// `Mar`.
    Month,
    /// `Jan 2027`.
    MonthYear,
    /// Date and time to the minute: `31 Jul 2026, 24:00`-like.
    DateTime,
}

/// A wall-clock date and time written in the browser's locale (through
/// `Intl.DateTimeFormat`, read as UTC so that no zone shifts it); natively,
/// and where `Intl` fails, in a fixed English form.
pub fn date(local: chrono::NaiveDateTime, style: DateStyle) -> String {
    use chrono::Datelike;
    browser_date(local, style).unwrap_or_else(|| {
        let month = month_abbr(local.month());
        match style {
            DateStyle::DayMonth => format!("{} {month}", local.day()),
            DateStyle::Month => month.to_owned(),
            DateStyle::MonthYear => format!("{month} {}", local.year()),
            DateStyle::DateTime => sla_engine::time::iso::local_text(local, ' ', false),
        }
    })
}

/// `Jan` … `Dec` for months 1 to 12 (the fixed English form of the
/// timeline's labels; chrono's `%b` without its format interpreter).
pub fn month_abbr(month: u32) -> &'static str {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    month
        .checked_sub(1)
        .and_then(|m| MONTHS.get(m as usize))
        .copied()
        .unwrap_or("?")
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// One `Intl.DateTimeFormat`'s bound `format` per style, made when first
    /// used: making one costs 0.1 to 0.2 ms (the first of a page 2 to 4 ms),
    /// and a page of the measurement tables writes two hundred dates.
    static DATE_FORMATS: std::cell::RefCell<[Option<js_sys::Function>; 4]> =
        const { std::cell::RefCell::new([None, None, None, None]) };
}

#[cfg(target_arch = "wasm32")]
fn date_format(style: DateStyle) -> Option<js_sys::Function> {
    use js_sys::{Array, Intl, Object, Reflect};
    let index = style as usize;
    if let Some(format) = DATE_FORMATS.with(|f| f.borrow()[index].clone()) {
        return Some(format);
    }
    let options = Object::new();
    let set = |k: &str, v: &str| Reflect::set(&options, &k.into(), &v.into()).ok();
    set("timeZone", "UTC")?;
    match style {
        DateStyle::DayMonth => {
            set("day", "numeric")?;
            set("month", "short")?;
        }
        DateStyle::Month => {
            set("month", "short")?;
        }
        DateStyle::MonthYear => {
            set("month", "short")?;
            set("year", "numeric")?;
        }
        DateStyle::DateTime => {
            set("dateStyle", "medium")?;
            set("timeStyle", "short")?;
        }
    }
    let format = Intl::DateTimeFormat::new(&Array::new(), &options).format();
    DATE_FORMATS.with(|f| f.borrow_mut()[index] = Some(format.clone()));
    Some(format)
}

#[cfg(target_arch = "wasm32")]
fn browser_date(local: chrono::NaiveDateTime, style: DateStyle) -> Option<String> {
    use wasm_bindgen::JsValue;
    let millis = local.and_utc().timestamp_millis() as f64;
    let text = date_format(style)?
        .call1(
            &JsValue::UNDEFINED,
            &js_sys::Date::new(&JsValue::from_f64(millis)),
        )
        .ok()?
        .as_string()?;
    (!text.is_empty()).then_some(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn browser_date(local: chrono::NaiveDateTime, style: DateStyle) -> Option<String> {
    let _ = (local, style);
    None
}

/// Re-punctuates a plain engine decimal (`2,629.746`, `99.9000`, `-1,234`) for the locale.
pub fn localize(plain: &str) -> String {
    SEPARATORS.with(|s| localize_with(plain, s))
}

/// [`localize`] with explicit separators (testable without a browser).
pub fn localize_with(plain: &str, separators: &Separators) -> String {
    let mut out = String::with_capacity(plain.len() + 4);
    for ch in plain.chars() {
        match ch {
            ',' => out.push_str(&separators.group),
            '.' => out.push_str(&separators.decimal),
            other => out.push(other),
        }
    }
    out
}

/// Exact seconds for the locale: `2,629.746 s`.
pub fn exact_seconds(span: TimeSpan) -> String {
    format!("{} s", localize(&span.exact_seconds()))
}

/// A plain percentage text (`99.9000`) for the locale, with its sign: `99.9000 %`.
pub fn percent(plain: &str) -> String {
    format!("{} %", localize(plain))
}

/// An amount without its currency, for the locale: `1.200,00` (de).
pub fn amount(value: Money) -> String {
    localize(&value.to_plain_string())
}

/// An amount with its currency, for the locale: `€1,200.00`, `1.200,00 €`.
pub fn money_of(value: Money) -> String {
    money(value.currency().code(), &value.to_plain_string())
}

/// An amount as a number for a chart's scale (never shown as a figure).
pub fn amount_f64(value: Money) -> f64 {
    value.minor_units() as f64 / 10f64.powi(i32::from(value.currency().exponent()))
}

/// The achieved value in the target's unit for the locale: `99.9089`
/// (a percentage with 4 decimals rounded down, as everywhere).
pub fn achieved(target: &TargetReport, value: Ratio) -> String {
    localize(&render::achieved_text(target, value))
}

/// The achieved value in the target's unit as a number for a chart's scale.
pub fn achieved_f64(target: &TargetReport, value: Ratio) -> f64 {
    value.as_f64() * if target.is_percent() { 100.0 } else { 1.0 }
}

/// A level as written in the agreement, for the locale.
pub fn level(value: &Level) -> String {
    localize(value.text())
}

/// A level as a number for a chart's scale.
pub fn level_f64(value: &Level) -> f64 {
    value.value().as_f64()
}

/// `+0.0455`, `−6.24` for the locale.
pub fn margin(value: Margin) -> String {
    localize(&render::margin_text(value))
}

/// The error budget's allowed, used, left (`43m 50s (2,629.746 s)`) and
/// burn rate (`0.25`) for the locale.
pub fn budget(value: Budget) -> [String; 4] {
    render::budget_texts(value).map(|text| localize(&text))
}

/// `12m more downtime and the credit rises from 10% to 25%`.
pub fn next_tier(value: NextTier) -> String {
    localize(&render::next_tier_text(value))
}

/// A period's start or end as RFC 3339 (UTC).
pub fn instant(at: UnixNanos) -> String {
    rfc3339(at)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn german_separators_swap_comma_and_point() {
        let german = Separators {
            group: ".".into(),
            decimal: ",".into(),
        };
        assert_eq!(localize_with("2,629.746", &german), "2.629,746");
    }
}
