//! The embed page's state (`embed.html`, shown in a vendor's iframe): its
//! configuration read from the iframe's URL fragment, the versioned message
//! protocol with the embedding page, theming through CSS custom properties,
//! and the visitor's downtime or outages turned into the engine's
//! measurement file. Everything here is pure and tested natively; the
//! browser side is `browser::embed`, the view `pages::embed`.
//!
//! The protocol and the fragment are documented in `docs/embed.md`.

use std::fmt::Write as _;

/// The embed's JSON reader and writer (`sla-json`, shared with the compare page).
pub use sla_json as json;
pub mod terms;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use json::{object, Json};
use sla_engine::model::{AgreementFile, OutageRecord, Timestamp};
use sla_engine::report::month::MonthReport;
use sla_engine::report::render;
use sla_engine::units::DurationError;
use sla_engine::TimeSpan;

use crate::i18n::texts;

/// Every message of the protocol carries `"protocol": "sla-embed"`.
pub const PROTOCOL: &str = "sla-embed";
/// The protocol's version; a message with another version is ignored.
pub const VERSION: u64 = 1;
/// The largest agreement accepted from a message, the fragment or a URL.
pub const MAX_TERMS_BYTES: usize = 1_000_000;
/// The most outages a visitor can enter.
pub const MAX_OUTAGES: usize = 200;

/// How the page is configured by its URL fragment
/// (`embed.html#origin=https%3A%2F%2Fvendor.example&locked=1&…`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Config {
    /// The embedding pages allowed to send messages (and to receive the
    /// height and results): `scheme://host[:port]`, nothing else.
    pub origins: Vec<String>,
    /// The terms are read-only: the visitor enters only downtime or outages.
    pub locked: bool,
    /// Results are sent to the embedding page as `results` messages.
    pub results: bool,
    /// Where the terms come from when the page opens.
    pub terms: TermsSource,
    /// The month shown first (`YYYY-MM`).
    pub month: Option<String>,
    /// The charge shown first (the visitor's monthly bill).
    pub charge: Option<String>,
    /// Validated theme: (custom property without `--`, value, dark only).
    pub theme: Vec<ThemeVar>,
    pub scheme: Scheme,
    /// What in the fragment was ignored, and why.
    pub problems: Vec<String>,
}

/// Where the agreement comes from.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum TermsSource {
    /// From a message of the embedding page (or not at all).
    #[default]
    Message,
    /// The agreement file's JSON, carried in the fragment (`terms=`, base64url).
    Inline(String),
    /// A same-origin URL of the agreement file (`src=`).
    Url(String),
}

/// Light, dark, or the visitor's preference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scheme {
    #[default]
    Auto,
    Light,
    Dark,
}

/// One custom property of the theme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThemeVar {
    /// The property's name without `--`: `accent`, `font`, `radius`, …
    pub name: String,
    pub value: String,
    /// Applies only when the dark scheme is shown.
    pub dark: bool,
}

/// The custom properties a theme may set, and the kind of value each takes.
const THEME_PROPERTIES: &[(&str, ThemeKind)] = &[
    ("bg", ThemeKind::Color),
    ("fg", ThemeKind::Color),
    ("muted", ThemeKind::Color),
    ("accent", ThemeKind::Color),
    ("accent-fg", ThemeKind::Color),
    ("border", ThemeKind::Color),
    ("panel", ThemeKind::Color),
    ("error", ThemeKind::Color),
    ("ok", ThemeKind::Color),
    ("focus", ThemeKind::Color),
    ("radius", ThemeKind::Length),
    ("font", ThemeKind::Font),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ThemeKind {
    Color,
    Length,
    Font,
}

/// Reads the fragment (with or without `#`). Unknown keys and bad values are
/// listed in [`Config::problems`] and ignored; the rest is used.
pub fn config_from_fragment(fragment: &str) -> Config {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut config = Config::default();
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(value) = crate::state::calculator::url::decode(raw) else {
            config
                .problems
                .push(format!("“{key}”: the value is not correctly %-encoded"));
            continue;
        };
        match key {
            "origin" => match normalize_origin(&value) {
                Some(origin) => {
                    if !config.origins.contains(&origin) {
                        config.origins.push(origin);
                    }
                }
                None => config.problems.push(format!(
                    "origin “{}”: not an origin (write scheme://host or scheme://host:port)",
                    shorten(&value)
                )),
            },
            "locked" => config.locked = flag(&value),
            "results" => config.results = flag(&value),
            "terms" => match terms_from_base64(&value) {
                Ok(json) => config.terms = TermsSource::Inline(json),
                Err(why) => config.problems.push(format!("terms: {why}")),
            },
            "src" => config.terms = TermsSource::Url(value),
            "month" => {
                if parse_month(&value).is_some() {
                    config.month = Some(value);
                } else {
                    config
                        .problems
                        .push(format!("month “{}”: write YYYY-MM", shorten(&value)));
                }
            }
            "charge" => config.charge = Some(value),
            "scheme" => match value.as_str() {
                "light" => config.scheme = Scheme::Light,
                "dark" => config.scheme = Scheme::Dark,
                "auto" => config.scheme = Scheme::Auto,
                _ => config.problems.push(format!(
                    "scheme “{}”: write light, dark or auto",
                    shorten(&value)
                )),
            },
            _ if key.starts_with("theme.") => {
                let name = &key["theme.".len()..];
                let (name, dark) = match name.strip_prefix("dark.") {
                    Some(n) => (n, true),
                    None => (name, false),
                };
                match theme_var(name, &value, dark) {
                    Ok(var) => config.theme.push(var),
                    Err(why) => config.problems.push(why),
                }
            }
            _ => config
                .problems
                .push(format!("“{}”: not a setting of the embed", shorten(key))),
        }
    }
    config
}

fn flag(value: &str) -> bool {
    matches!(value, "" | "1" | "true" | "yes")
}

/// At most 40 characters of a text, for messages that quote the input.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// `https://vendor.example:8443` in lower case, written as browsers write
/// an origin (`event.origin`): the default port (443 for https, 80 for
/// http) left out, no leading zeros; `None` for anything that is not
/// exactly an http(s) origin (a path, `*`, `null`, user info…).
pub fn normalize_origin(text: &str) -> Option<String> {
    let lower = text.trim().to_ascii_lowercase();
    let (scheme, rest, default_port) = if let Some(rest) = lower.strip_prefix("https://") {
        ("https", rest, 443)
    } else {
        ("http", lower.strip_prefix("http://")?, 80)
    };
    // An IPv6 host is in brackets; the port, if any, follows "]:".
    let (host, port) = if rest.starts_with('[') {
        let close = rest.find(']')?;
        let (host, after) = rest.split_at(close + 1);
        if after.is_empty() {
            (host, None)
        } else {
            (host, Some(after.strip_prefix(':')?))
        }
    } else {
        match rest.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        }
    };
    let host_ok = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        inner.contains(':')
            && inner
                .chars()
                .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
    } else {
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
    };
    if !host_ok {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(p.parse::<u16>().ok()?)
        }
        Some(_) => return None,
    };
    Some(match port {
        Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
        _ => format!("{scheme}://{host}"),
    })
}

/// The agreement's JSON from base64url (no padding), at most [`MAX_TERMS_BYTES`].
fn terms_from_base64(text: &str) -> Result<String, String> {
    if text.len() > MAX_TERMS_BYTES / 3 * 4 + 4 {
        return Err(format!(
            "larger than {} bytes; send it in a message instead",
            MAX_TERMS_BYTES
        ));
    }
    let bytes = crate::browser::share::base64url::decode(text.trim_end_matches('='))
        .map_err(|_| "not base64url text".to_string())?;
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
}

/// A theme setting, checked: only the listed properties, and values that
/// cannot reach outside CSS's value (no `url(`, `;`, `}`, quotes in colours…).
pub fn theme_var(name: &str, value: &str, dark: bool) -> Result<ThemeVar, String> {
    let Some(&(_, kind)) = THEME_PROPERTIES.iter().find(|(n, _)| *n == name) else {
        return Err(format!(
            "theme “{}”: not a theme setting (one of {})",
            shorten(name),
            THEME_PROPERTIES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let value = value.trim();
    let ok = match kind {
        ThemeKind::Color => is_color(value),
        ThemeKind::Length => is_length(value),
        ThemeKind::Font => {
            !value.is_empty()
                && value.len() <= 200
                && value
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " ,-_\"'".contains(c))
        }
    };
    if ok {
        Ok(ThemeVar {
            name: name.to_string(),
            value: value.to_string(),
            dark,
        })
    } else {
        Err(format!(
            "theme {name} “{}”: not a {}",
            shorten(value),
            match kind {
                ThemeKind::Color => "colour (#rgb, #rrggbb, rgb(…), hsl(…) or a colour name)",
                ThemeKind::Length => "length (such as 6px or 0.5rem)",
                ThemeKind::Font => "font list (letters, digits, spaces, commas and quotes)",
            }
        ))
    }
}

fn is_color(value: &str) -> bool {
    if let Some(hex) = value.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    for function in ["rgb(", "rgba(", "hsl(", "hsla("] {
        if let Some(inner) = value
            .strip_prefix(function)
            .and_then(|v| v.strip_suffix(')'))
        {
            return inner.len() <= 60
                && inner.chars().all(|c| {
                    c.is_ascii_digit() || " ,.%/".contains(c) || c == 'd' || c == 'e' || c == 'g'
                });
        }
    }
    (3..=20).contains(&value.len()) && value.chars().all(|c| c.is_ascii_lowercase())
}

fn is_length(value: &str) -> bool {
    let number_end = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(number_end);
    // Digits with at most one decimal point (`12`, `0.5`, `.5`, `2.`): what
    // a float parser accepts of these characters, without linking one (its
    // code and tables weighed about 6 KB of the embed's wasm).
    number.len() <= 6
        && number.bytes().any(|b| b.is_ascii_digit())
        && number.bytes().filter(|&b| b == b'.').count() <= 1
        && matches!(unit, "px" | "rem" | "em" | "")
}

/// A message from the embedding page, checked.
#[derive(Clone, Debug, PartialEq)]
pub enum Inbound {
    /// New terms: the agreement file's JSON text, and whether they are locked.
    Agreement { json: String, locked: Option<bool> },
    /// A new theme (replaces the fragment's).
    Theme(Vec<ThemeVar>),
}

/// Reads a message's data (an object, or its JSON text).
///
/// # Errors
/// Why the message is ignored: not this protocol, another version, an
/// unknown type, a field of the wrong kind, terms too large.
pub fn read_message(data: &Json) -> Result<Inbound, String> {
    let parsed;
    let data = match data {
        Json::String(text) => {
            if text.len() > MAX_TERMS_BYTES * 2 {
                return Err("the message is too large".into());
            }
            parsed = json::parse(text).map_err(|e| format!("not JSON: {}", e.message))?;
            &parsed
        }
        other => other,
    };
    if !matches!(data, Json::Object(_)) {
        return Err("not an object".into());
    }
    if data.get("protocol").and_then(Json::as_str) != Some(PROTOCOL) {
        return Err(format!("not a “{PROTOCOL}” message"));
    }
    if data.get("version") != Some(&Json::Number(VERSION.to_string())) {
        return Err(format!("not version {VERSION} of the protocol"));
    }
    match data.get("type").and_then(Json::as_str) {
        Some("agreement") => {
            let agreement = data
                .get("agreement")
                .ok_or("an agreement message without “agreement”")?;
            let json = match agreement {
                Json::Object(_) => agreement.to_text(),
                Json::String(text) => text.clone(),
                _ => return Err("“agreement” must be an object or its JSON text".into()),
            };
            if json.len() > MAX_TERMS_BYTES {
                return Err(format!(
                    "the agreement is larger than {MAX_TERMS_BYTES} bytes"
                ));
            }
            let locked = match data.get("locked") {
                None | Some(Json::Null) => None,
                Some(Json::Bool(b)) => Some(*b),
                Some(_) => return Err("“locked” must be true or false".into()),
            };
            Ok(Inbound::Agreement { json, locked })
        }
        Some("theme") => {
            let Some(Json::Object(theme)) = data.get("theme") else {
                return Err("a theme message without a “theme” object".into());
            };
            let mut vars = Vec::new();
            for (key, value) in theme {
                let value = value.as_str().ok_or(format!("theme {key}: not text"))?;
                let (name, dark) = match key.strip_prefix("dark.") {
                    Some(n) => (n, true),
                    None => (key.as_str(), false),
                };
                vars.push(theme_var(name, value, dark)?);
            }
            Ok(Inbound::Theme(vars))
        }
        Some(other) => Err(format!("unknown message type “{}”", shorten(other))),
        None => Err("a message without “type”".into()),
    }
}

/// A message to the embedding page: the protocol, version and type, then
/// `fields`, as JSON text.
pub fn outbound(kind: &str, fields: Vec<(String, Json)>) -> String {
    let mut all = vec![
        ("protocol".to_owned(), Json::from(PROTOCOL)),
        ("version".to_owned(), Json::Number(VERSION.to_string())),
        ("type".to_owned(), Json::from(kind)),
    ];
    all.extend(fields);
    Json::Object(all).to_text()
}

/// The month `YYYY-MM` as (year, month).
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (y, m) = text.trim().split_once('-')?;
    let (year, month) = (y.parse::<i32>().ok()?, m.parse::<u32>().ok()?);
    (y.len() == 4 && m.len() == 2 && (1..=12).contains(&month)).then_some((year, month))
}

/// What the visitor entered.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Inputs {
    /// `YYYY-MM`.
    pub month: String,
    /// The service the downtime is of (an id of the agreement file).
    pub service: String,
    pub mode: Mode,
    /// Total downtime in minutes (decimal), for [`Mode::Downtime`].
    pub minutes: String,
    pub outages: Vec<VisitorOutage>,
    /// The visitor's monthly charge for the service; empty keeps the terms'.
    pub charge: String,
}

/// How the visitor describes the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// One figure: minutes of downtime in the month.
    #[default]
    Downtime,
    /// Outages with start and end.
    Outages,
}

/// An outage the visitor typed, as `datetime-local` values (`2026-07-03T10:00`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct VisitorOutage {
    pub start: String,
    pub end: String,
}

/// A problem with one visitor input, for the field it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// `month`, `minutes`, `charge`, `outage-3-start`, …
    pub field: String,
    pub message: String,
}

/// What `sla_engine::report::month::month` takes: the terms with the
/// visitor's inputs applied (their charge), the outage records and the
/// month (year, month) to report.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthInputs {
    pub file: AgreementFile,
    pub outages: Vec<OutageRecord>,
    pub month: (i32, u32),
}

/// The visitor's inputs as [`MonthInputs`].
///
/// A downtime figure is one outage of that many minutes from the start of
/// the month (local time of the agreement's zone): for 24×7 service the
/// placement does not change the result; with service hours the outage
/// counts only where it overlaps them (shown in the explanation).
///
/// # Errors
/// Every field that cannot be read, each with its reason. Outages with an
/// empty start and end are skipped.
pub fn measurements(
    terms: &AgreementFile,
    inputs: &Inputs,
) -> Result<MonthInputs, Vec<InputError>> {
    let t = texts().embed();
    let mut errors = Vec::new();
    let error = |field: &str, message: String| InputError {
        field: field.into(),
        message,
    };
    let month = parse_month(&inputs.month);
    if month.is_none() {
        errors.push(error("month", t.month_needed.into()));
    }
    if !terms.services.iter().any(|s| s.id == inputs.service) {
        errors.push(error("service", t.service_needed.into()));
    }
    let mut file = terms.clone();
    let charge = inputs.charge.trim();
    if !charge.is_empty() {
        let parsed = sla_engine::money::Currency::new(&terms.currency)
            .and_then(|currency| sla_engine::money::Money::parse(charge, currency));
        match parsed {
            Ok(_) => {
                for service in &mut file.services {
                    if service.id == inputs.service {
                        service.monthly_charge = Some(sla_engine::model::Amount(charge.into()));
                    }
                }
                for agreement in &mut file.agreements {
                    if agreement.monthly_charge.is_some()
                        && agreement.service.as_deref() == Some(inputs.service.as_str())
                    {
                        agreement.monthly_charge = Some(sla_engine::model::Amount(charge.into()));
                    }
                }
            }
            Err(e) => errors.push(error(
                "charge",
                t.charge_unreadable(&terms.currency, &e.to_string()),
            )),
        }
    }
    let mut outages = Vec::new();
    if let Some((year, m)) = month {
        let first = NaiveDate::from_ymd_opt(year, m, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
        let next = if m == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, m + 1, 1)
        }
        .and_then(|d| d.and_hms_opt(0, 0, 0));
        let (Some(first), Some(next)) = (first, next) else {
            return Err(vec![error("month", t.month_out_of_range.into())]);
        };
        match inputs.mode {
            Mode::Downtime => match parse_minutes(&inputs.minutes) {
                Ok(0) => {}
                Ok(seconds) => {
                    let end = first + Duration::seconds(seconds);
                    if end > next {
                        errors.push(error(
                            "minutes",
                            t.more_than_month((next - first).num_minutes()),
                        ));
                    } else {
                        outages.push(outage(&inputs.service, first, end));
                    }
                }
                Err(why) => errors.push(error("minutes", why)),
            },
            Mode::Outages => {
                if inputs.outages.len() > MAX_OUTAGES {
                    errors.push(error("outages", t.too_many_outages(MAX_OUTAGES)));
                }
                for (i, o) in inputs.outages.iter().enumerate().take(MAX_OUTAGES) {
                    if o.start.trim().is_empty() && o.end.trim().is_empty() {
                        continue;
                    }
                    let start = parse_local(&o.start);
                    let end = parse_local(&o.end);
                    if start.is_none() {
                        errors.push(error(
                            &format!("outage-{i}-start"),
                            t.date_time_needed.into(),
                        ));
                    }
                    if end.is_none() {
                        errors.push(error(&format!("outage-{i}-end"), t.date_time_needed.into()));
                    }
                    if let (Some(start), Some(end)) = (start, end) {
                        if end <= start {
                            errors
                                .push(error(&format!("outage-{i}-end"), t.end_after_start.into()));
                        } else {
                            outages.push(outage(&inputs.service, start, end));
                        }
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((year, m)) = month else {
        return Err(errors);
    };
    Ok(MonthInputs {
        file,
        outages,
        month: (year, m),
    })
}

fn outage(service: &str, start: NaiveDateTime, end: NaiveDateTime) -> OutageRecord {
    OutageRecord {
        service: service.into(),
        start: Timestamp::Local(start),
        end: Timestamp::Local(end),
        impact: None,
        planned: false,
        supplier: None,
        cause: None,
    }
}

/// Minutes as a decimal (`90`, `12.5`; a comma works as the decimal mark),
/// or a duration with its units (`1h 30m`), read by the engine's duration
/// parser, to whole seconds (half a second rounds up).
fn parse_minutes(text: &str) -> Result<i64, String> {
    let text = text.trim().replace(',', ".");
    if text.is_empty() {
        return Ok(0);
    }
    if text.starts_with('-') {
        return Err(texts().embed().minutes_negative.into());
    }
    let bare = text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let written = if bare { format!("{text} min") } else { text };
    let span = TimeSpan::parse(&written).map_err(|e| match e {
        DurationError::TooLarge => texts().embed().minutes_too_many.to_string(),
        DurationError::Negative => texts().embed().minutes_negative.to_string(),
        _ => texts().embed().minutes_not_number.to_string(),
    })?;
    let seconds = (span.nanos() + 500_000_000) / 1_000_000_000;
    if seconds > 60 * 60 * 24 * 31 {
        return Err(texts().embed().minutes_too_many.into());
    }
    Ok(seconds)
}

/// `2026-07-03T10:00` (a `datetime-local` value, seconds optional).
fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    sla_engine::time::iso::local(text).filter(|d| (1900..=2200).contains(&d.year()))
}

/// The `results` message for a report: per target of the month, its value,
/// status and credit; the totals per agreement as paid.
pub fn results_message(report: &MonthReport, month: &str) -> String {
    let targets: Vec<Json> = report
        .targets
        .iter()
        .filter_map(|t| {
            let p = t.periods.first()?;
            Some(object([
                ("agreement", t.agreement.as_str().into()),
                ("target", t.target.as_str().into()),
                ("name", t.name.as_str().into()),
                ("unit", t.unit.as_str().into()),
                ("expected", t.expected.text().into()),
                (
                    "achieved",
                    p.achieved
                        .map_or(Json::Null, |a| render::achieved_text(t, a).into()),
                ),
                ("status", p.status.label().into()),
                ("credit", p.credit.to_plain_string().into()),
            ]))
        })
        .collect();
    let agreements: Vec<Json> = report
        .groups
        .iter()
        .filter_map(|g| {
            let p = g.periods.first()?;
            Some(object([
                ("agreement", g.agreement.as_str().into()),
                ("credit", p.paid.to_plain_string().into()),
            ]))
        })
        .collect();
    outbound(
        "results",
        vec![
            ("month".into(), month.into()),
            ("currency".into(), report.currency.code().into()),
            ("targets".into(), Json::Array(targets)),
            ("agreements".into(), Json::Array(agreements)),
        ],
    )
}

/// The plain-text summary of a report's month, for the visitor to copy.
pub fn summary_text(report: &MonthReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", report.name, report.span.label());
    for t in &report.targets {
        if let Some(p) = t.periods.first() {
            let _ = writeln!(
                out,
                "- {}: {} {} (expected {} {}), {}; credit {} {}",
                t.name,
                p.achieved
                    .map(|a| render::achieved_text(t, a))
                    .unwrap_or_else(|| "n/a".into()),
                t.unit,
                t.expected.text(),
                t.unit,
                p.status.label(),
                p.credit.to_plain_string(),
                report.currency.code()
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TERMS: &str = include_str!("../../../examples/cloud-sla.json");

    fn terms() -> AgreementFile {
        terms::read(TERMS).expect("example terms")
    }

    #[test]
    fn the_fragment_gives_origins_lock_results_month_and_a_checked_theme() {
        let c = config_from_fragment(
            "#origin=https%3A%2F%2FVendor.example&origin=http://127.0.0.1:8081&locked=1&results=true&month=2026-07&theme.accent=%230b5cad&theme.dark.accent=%236cb6ff&theme.radius=12px&scheme=dark",
        );
        assert_eq!(
            c.origins,
            ["https://vendor.example", "http://127.0.0.1:8081"]
        );
        assert!(c.locked && c.results);
        assert_eq!(c.month.as_deref(), Some("2026-07"));
        assert_eq!(c.scheme, Scheme::Dark);
        assert_eq!(c.theme.len(), 3);
        assert!(c.theme[1].dark);
        assert_eq!(c.problems, Vec::<String>::new());
    }

    #[test]
    fn bad_settings_are_listed_and_ignored() {
        let c = config_from_fragment(
            "origin=*&origin=https://a.example/path&origin=javascript:alert(1)&theme.accent=red;background:url(x)&theme.font=%22x%22%7D&theme.position=fixed&month=July&nonsense=1&terms=%%%",
        );
        assert!(c.origins.is_empty());
        assert!(c.theme.is_empty());
        assert_eq!(c.month, None);
        assert_eq!(c.problems.len(), 9, "{:#?}", c.problems);
    }

    #[test]
    fn origins_are_exactly_scheme_host_and_port() {
        assert_eq!(
            normalize_origin("https://a.example"),
            Some("https://a.example".into())
        );
        assert_eq!(
            normalize_origin("http://[::1]:8080"),
            Some("http://[::1]:8080".into())
        );
        assert_eq!(
            normalize_origin("http://[::1]"),
            Some("http://[::1]".into())
        );
        // As browsers write an origin: no default port, no leading zeros.
        for (written, origin) in [
            ("https://A.example:443", "https://a.example"),
            ("http://a.example:80", "http://a.example"),
            ("https://a.example:08443", "https://a.example:8443"),
            ("http://a.example:443", "http://a.example:443"),
        ] {
            assert_eq!(
                normalize_origin(written).as_deref(),
                Some(origin),
                "{written}"
            );
        }
        for bad in [
            "https://a.example:+80",
            "http://[]",
            "https://é.example",
            "null",
            "*",
            "https://",
            "https://a.example/",
            "https://u@a.example",
            "ftp://a.example",
            "https://a.example:99999",
            "https://a b",
        ] {
            assert_eq!(normalize_origin(bad), None, "{bad}");
        }
    }

    #[test]
    fn inline_terms_are_base64url_json() {
        let encoded = crate::browser::share::base64url::encode(TERMS.as_bytes());
        let c = config_from_fragment(&format!("terms={encoded}"));
        assert_eq!(c.terms, TermsSource::Inline(TERMS.to_string()));
    }

    #[test]
    fn messages_of_another_protocol_or_version_or_shape_are_refused() {
        let ok = r#"{"protocol": "sla-embed", "version": 1, "type": "agreement", "agreement": {"name": "x"}, "locked": true}"#;
        let object = json::parse(ok).expect("JSON");
        assert_eq!(
            read_message(&object),
            Ok(Inbound::Agreement {
                json: r#"{"name":"x"}"#.into(),
                locked: Some(true),
            })
        );
        // The same message as its JSON text.
        assert!(read_message(&Json::from(ok)).is_ok());
        let theme = r##"{"protocol": "sla-embed", "version": 1, "type": "theme", "theme": {"accent": "#6b2fb3", "dark.accent": "#c9a6ff"}}"##;
        assert_eq!(
            read_message(&json::parse(theme).expect("JSON")),
            Ok(Inbound::Theme(vec![
                theme_var("accent", "#6b2fb3", false).expect("colour"),
                theme_var("accent", "#c9a6ff", true).expect("colour"),
            ]))
        );
        assert!(read_message(&Json::from("{not json")).is_err());
        for bad in [
            "42",
            r#"{"protocol": "other", "version": 1, "type": "agreement", "agreement": {}}"#,
            r#"{"protocol": "sla-embed", "version": 2, "type": "agreement", "agreement": {}}"#,
            r#"{"protocol": "sla-embed", "version": "1", "type": "agreement", "agreement": {}}"#,
            r#"{"protocol": "sla-embed", "version": 1, "type": "eval", "code": "alert(1)"}"#,
            r#"{"protocol": "sla-embed", "version": 1, "type": "agreement", "agreement": 5}"#,
            r#"{"protocol": "sla-embed", "version": 1, "type": "agreement", "agreement": {}, "locked": "yes"}"#,
            r#"{"protocol": "sla-embed", "version": 1, "type": "theme", "theme": {"accent": "url(javascript:x)"}}"#,
        ] {
            let data = json::parse(bad).expect("JSON");
            assert!(read_message(&data).is_err(), "{bad}");
        }
    }

    #[test]
    fn outbound_messages_carry_the_protocol_and_version() {
        assert_eq!(
            outbound(
                "resize",
                vec![("height".into(), Json::Number("640".into()))]
            ),
            r#"{"protocol":"sla-embed","version":1,"type":"resize","height":640}"#
        );
    }

    #[test]
    fn a_downtime_figure_is_one_outage_from_the_start_of_the_month() {
        let inputs = Inputs {
            month: "2026-07".into(),
            service: "compute".into(),
            minutes: "90".into(),
            ..Inputs::default()
        };
        let MonthInputs { outages, month, .. } = measurements(&terms(), &inputs).expect("valid");
        assert_eq!(outages.len(), 1);
        assert_eq!(
            outages[0].start,
            Timestamp::parse("2026-07-01 00:00").expect("t")
        );
        assert_eq!(
            outages[0].end,
            Timestamp::parse("2026-07-01 01:30").expect("t")
        );
        assert_eq!(month, (2026, 7));
    }

    #[test]
    fn the_report_of_a_downtime_figure_has_the_expected_uptime_and_credit() {
        // July: 31 × 1,440 = 44,640 minutes. 90 minutes down:
        // (44,640 − 90) / 44,640 = 99.798387… % (shown cut to 4 decimals, the
        // engine's display convention) → below 99.99 %, not below 99.0 %: 10 %.
        let inputs = Inputs {
            month: "2026-07".into(),
            service: "compute".into(),
            minutes: "90".into(),
            charge: "1000.00".into(),
            ..Inputs::default()
        };
        let MonthInputs {
            file,
            outages,
            month,
        } = measurements(&terms(), &inputs).expect("valid");
        let report = sla_engine::report::month::month(&file, &outages, month).expect("computed");
        let period = &report.targets[0].periods[0];
        assert_eq!(
            period.achieved.map(|a| a.to_percent_string(4)).as_deref(),
            Some("99.7983")
        );
        assert_eq!(period.credit.to_plain_string(), "100.00");
        let message = json::parse(&results_message(&report, "2026-07")).expect("JSON");
        assert_eq!(message.get("type"), Some(&Json::from("results")));
        let Some(Json::Array(targets)) = message.get("targets") else {
            panic!("targets: {message:?}");
        };
        assert_eq!(targets[0].get("credit"), Some(&Json::from("100.00")));
        assert_eq!(targets[0].get("achieved"), Some(&Json::from("99.7983")));
    }

    #[test]
    fn bad_inputs_name_their_field() {
        let inputs = Inputs {
            month: "2026-13".into(),
            service: "nope".into(),
            mode: Mode::Outages,
            outages: vec![
                VisitorOutage {
                    start: "2026-07-03T10:00".into(),
                    end: "2026-07-03T09:00".into(),
                },
                VisitorOutage {
                    start: "yesterday".into(),
                    end: String::new(),
                },
                VisitorOutage::default(),
            ],
            charge: "ten dollars".into(),
            ..Inputs::default()
        };
        let errors = measurements(&terms(), &inputs).expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["month", "service", "charge"]);
        let inputs = Inputs {
            month: "2026-07".into(),
            service: "compute".into(),
            ..inputs
        };
        let errors = measurements(
            &terms(),
            &Inputs {
                charge: String::new(),
                ..inputs
            },
        )
        .expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["outage-0-end", "outage-1-start", "outage-1-end"]);
    }

    #[test]
    fn lengths_are_a_number_and_a_css_unit() {
        for ok in ["12px", "0.5rem", ".5em", "2.", "6", "123456px"] {
            assert!(is_length(ok), "{ok}");
        }
        for bad in [
            "",
            "px",
            ".px",
            "1.2.3px",
            "1234567px",
            "12pt",
            "-1px",
            "1e3px",
        ] {
            assert!(!is_length(bad), "{bad}");
        }
    }

    #[test]
    fn minutes_are_read_with_either_decimal_mark_and_bounded() {
        assert_eq!(parse_minutes("12,5"), Ok(750));
        assert_eq!(parse_minutes(" 90 "), Ok(5400));
        assert!(parse_minutes("-1").is_err());
        assert!(parse_minutes("1e9").is_err());
        assert!(parse_minutes("NaN").is_err());
        assert_eq!(parse_minutes("1h 30m"), Ok(5400));
        assert_eq!(parse_minutes("0.0083"), Ok(0));
        assert_eq!(parse_minutes("0.0084"), Ok(1));
        assert_eq!(parse_minutes("44640"), Ok(2_678_400));
        assert_eq!(
            parse_minutes("44641"),
            Err(texts().embed().minutes_too_many.to_string())
        );
        assert_eq!(
            parse_minutes("-1"),
            Err(texts().embed().minutes_negative.to_string())
        );
    }
}
