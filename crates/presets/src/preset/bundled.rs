//! The reader of the bundled preset files that the pages use
//! ([`Preset::from_bundled`](crate::Preset::from_bundled)): the same fields,
//! the same rules and the same presets as the checked reader
//! ([`Preset::from_json`](crate::Preset::from_json), serde with JSON paths),
//! read from `sla-json`'s value tree instead, so that a page that reads
//! only bundled presets carries neither serde_json nor serde's derived
//! readers (about a third of the compare page's wasm, see
//! `docs/presets.md`). Each problem names the JSON path of the field at
//! fault; an unknown field is refused, as the checked reader refuses it.

use sla_engine::{Percent, TimeSpan};
use sla_json::Json;

use super::{
    Category, Check, CheckStatus, Exclusion, Method, MinuteCounting, PartialInterval, Pct, RawCap,
    RawClaim, RawCredits, RawDeadline, RawExample, RawMinimum, RawPreset, RawRounding, RawTier,
    RawUptime, Source, Span, Unit,
};

/// A problem: the JSON path (`.` for the whole file) and what is wrong.
type Problem = (String, String);
type Read<T> = Result<T, Problem>;

/// An object being read, at its JSON path.
struct Object<'a> {
    fields: &'a [(String, Json)],
    path: String,
}

fn object<'a>(value: &'a Json, path: String) -> Read<Object<'a>> {
    match value.as_object() {
        Some(fields) => Ok(Object { fields, path }),
        None => Err((
            path,
            format!("invalid type: {}, expected an object", value.kind()),
        )),
    }
}

impl<'a> Object<'a> {
    /// Refuses a field not in `known`.
    fn only(&self, known: &[&str]) -> Read<()> {
        match self
            .fields
            .iter()
            .find(|(k, _)| !known.contains(&k.as_str()))
        {
            Some((key, _)) => Err((
                self.path.clone(),
                format!(
                    "unknown field `{key}`, expected one of {}",
                    known
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            None => Ok(()),
        }
    }

    /// The path of a field.
    fn at(&self, key: &str) -> String {
        if self.path == "." {
            key.to_owned()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// A field that may be missing or `null`.
    fn optional(&self, key: &str) -> Option<&'a Json> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| **v != Json::Null)
    }

    fn required(&self, key: &str) -> Read<&'a Json> {
        match self.fields.iter().find(|(k, _)| k == key) {
            Some((_, v)) => Ok(v),
            None => Err((self.path.clone(), format!("missing field `{key}`"))),
        }
    }

    fn string(&self, key: &str) -> Read<String> {
        string(self.required(key)?, self.at(key))
    }

    fn optional_with<T>(&self, key: &str, read: fn(&Json, String) -> Read<T>) -> Read<Option<T>> {
        self.optional(key)
            .map(|v| read(v, self.at(key)))
            .transpose()
    }

    fn required_with<T>(&self, key: &str, read: fn(&Json, String) -> Read<T>) -> Read<T> {
        read(self.required(key)?, self.at(key))
    }

    /// A list that may be left out (`#[serde(default)]`).
    fn list_or_empty<T>(&self, key: &str, read: fn(&Json, String) -> Read<T>) -> Read<Vec<T>> {
        match self.fields.iter().find(|(k, _)| k == key) {
            None => Ok(Vec::new()),
            Some((_, v)) => list(v, self.at(key), read),
        }
    }

    fn list<T>(&self, key: &str, read: fn(&Json, String) -> Read<T>) -> Read<Vec<T>> {
        list(self.required(key)?, self.at(key), read)
    }
}

fn string(value: &Json, path: String) -> Read<String> {
    match value.as_str() {
        Some(text) => Ok(text.to_owned()),
        None => Err((
            path,
            format!("invalid type: {}, expected a string", value.kind()),
        )),
    }
}

fn list<T>(value: &Json, path: String, read: fn(&Json, String) -> Read<T>) -> Read<Vec<T>> {
    let Some(items) = value.as_array() else {
        return Err((
            path,
            format!("invalid type: {}, expected a sequence", value.kind()),
        ));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| read(item, format!("{path}[{i}]")))
        .collect()
}

fn whole(value: &Json, path: String) -> Read<u32> {
    value.as_u32().ok_or_else(|| {
        (
            path,
            format!("invalid type: {}, expected a whole number", value.kind()),
        )
    })
}

/// One of the snake_case names of an enum.
fn choice<T: Copy>(value: &Json, path: String, names: &[(&str, T)]) -> Read<T> {
    let text = string(value, path.clone())?;
    names
        .iter()
        .find(|(name, _)| *name == text)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let expected: Vec<String> = names.iter().map(|(n, _)| format!("`{n}`")).collect();
            (
                path,
                format!(
                    "unknown variant `{text}`, expected one of {}",
                    expected.join(", ")
                ),
            )
        })
}

fn pct(value: &Json, path: String) -> Read<Pct> {
    let Some(text) = value.as_str() else {
        return Err((
            path,
            "write a percentage as a string, e.g. \"99.99\"".to_owned(),
        ));
    };
    Percent::parse(text)
        .map(Pct)
        .map_err(|e| (path, format!("`{text}` is not a percentage: {e}")))
}

fn span(value: &Json, path: String) -> Read<Span> {
    let text = string(value, path.clone())?;
    TimeSpan::parse(&text)
        .map(Span)
        .map_err(|e| (path, format!("`{text}` is not a duration: {e}")))
}

fn date(value: &Json, path: String) -> Read<chrono::NaiveDate> {
    let text = string(value, path.clone())?;
    sla_engine::time::iso::date(&text)
        .ok_or_else(|| (path, format!("`{text}` is not a date; write 2026-07-31")))
}

fn check(value: &Json, path: String) -> Read<Check> {
    let o = object(value, path)?;
    o.only(&["part", "status", "against"])?;
    Ok(Check {
        part: o.string("part")?,
        status: o.required_with("status", |v, p| {
            choice(
                v,
                p,
                &[
                    ("verified", CheckStatus::Verified),
                    ("third_party", CheckStatus::ThirdParty),
                    ("memory", CheckStatus::Memory),
                    ("interpretation", CheckStatus::Interpretation),
                ],
            )
        })?,
        against: o.string("against")?,
    })
}

fn source(value: &Json, path: String) -> Read<Source> {
    let o = object(value, path)?;
    o.only(&[
        "url",
        "terms_date",
        "terms_version",
        "transcribed_on",
        "checks",
        "note",
    ])?;
    Ok(Source {
        url: o.string("url")?,
        terms_date: o.required_with("terms_date", date)?,
        terms_version: o.string("terms_version")?,
        transcribed_on: o.required_with("transcribed_on", date)?,
        checks: o.list("checks", check)?,
        note: o.string("note")?,
    })
}

fn uptime(value: &Json, path: String) -> Read<RawUptime> {
    let o = object(value, path)?;
    o.only(&[
        "method",
        "unit",
        "minute_counting",
        "interval_minutes",
        "partial_interval",
        "minimum_downtime_period",
        "definition",
        "downtime",
    ])?;
    Ok(RawUptime {
        method: o.required_with("method", |v, p| {
            choice(
                v,
                p,
                &[
                    ("minutes", Method::Minutes),
                    ("error_rate_intervals", Method::ErrorRateIntervals),
                    ("exact", Method::Exact),
                ],
            )
        })?,
        unit: o.required_with("unit", |v, p| {
            choice(
                v,
                p,
                &[
                    ("region_service", Unit::RegionService),
                    ("multi_zone", Unit::MultiZone),
                    ("zone_group", Unit::ZoneGroup),
                    ("instance", Unit::Instance),
                ],
            )
        })?,
        minute_counting: o.optional_with("minute_counting", |v, p| {
            choice(
                v,
                p,
                &[
                    ("any_part", MinuteCounting::AnyPart),
                    ("whole_minute", MinuteCounting::WholeMinute),
                ],
            )
        })?,
        interval_minutes: o.optional_with("interval_minutes", whole)?,
        partial_interval: o.optional_with("partial_interval", |v, p| {
            choice(
                v,
                p,
                &[
                    ("whole_interval", PartialInterval::WholeInterval),
                    ("time_weighted", PartialInterval::TimeWeighted),
                ],
            )
        })?,
        minimum_downtime_period: o.optional_with("minimum_downtime_period", span)?,
        definition: o.string("definition")?,
        downtime: o.string("downtime")?,
    })
}

fn exclusion(value: &Json, path: String) -> Read<Exclusion> {
    let o = object(value, path)?;
    o.only(&["category", "text"])?;
    let names: Vec<(&str, Category)> = Category::ALL.iter().map(|c| (c.id(), *c)).collect();
    Ok(Exclusion {
        category: choice(o.required("category")?, o.at("category"), &names)?,
        text: o.string("text")?,
    })
}

fn tier(value: &Json, path: String) -> Read<RawTier> {
    let o = object(value, path)?;
    o.only(&["below", "at_or_below", "at_least", "credit", "text"])?;
    Ok(RawTier {
        below: o.optional_with("below", pct)?,
        at_or_below: o.optional_with("at_or_below", pct)?,
        at_least: o.optional_with("at_least", pct)?,
        credit: o.required_with("credit", pct)?,
        text: o.string("text")?,
    })
}

fn credits(value: &Json, path: String) -> Read<RawCredits> {
    let o = object(value, path)?;
    o.only(&["basis", "tiers", "cap", "minimum", "rounding"])?;
    Ok(RawCredits {
        basis: o.string("basis")?,
        tiers: o.list("tiers", tier)?,
        cap: o.required_with("cap", |v, p| {
            let o = object(v, p)?;
            o.only(&["percent", "text"])?;
            Ok(RawCap {
                percent: o.required_with("percent", pct)?,
                text: o.string("text")?,
            })
        })?,
        minimum: o.optional_with("minimum", |v, p| {
            let o = object(v, p)?;
            o.only(&["amount", "currency", "text"])?;
            Ok(RawMinimum {
                amount: o.string("amount")?,
                currency: o.string("currency")?,
                text: o.string("text")?,
            })
        })?,
        rounding: o.optional_with("rounding", |v, p| {
            choice(
                v,
                p,
                &[
                    ("half_up", RawRounding::HalfUp),
                    ("down", RawRounding::Down),
                    ("up", RawRounding::Up),
                ],
            )
        })?,
    })
}

/// The tag of an internally tagged enum (`"rule": "days_after_incident"`).
fn tag(o: &Object<'_>, key: &str, names: &[&'static str]) -> Read<&'static str> {
    let value = o.required(key)?;
    let text = value.as_str().ok_or_else(|| {
        (
            o.at(key),
            format!("invalid type: {}, expected a string", value.kind()),
        )
    })?;
    names.iter().find(|n| **n == text).copied().ok_or_else(|| {
        let expected: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        (
            o.at(key),
            format!(
                "unknown variant `{text}`, expected one of {}",
                expected.join(", ")
            ),
        )
    })
}

fn deadline(value: &Json, path: String) -> Read<RawDeadline> {
    let o = object(value, path)?;
    let rule = tag(
        &o,
        "rule",
        &[
            "end_of_month_after_incident",
            "days_after_month_end",
            "days_after_incident",
        ],
    )?;
    if rule == "end_of_month_after_incident" {
        o.only(&["rule", "months"])?;
        return Ok(RawDeadline::EndOfMonthAfterIncident {
            months: o.required_with("months", whole)?,
        });
    }
    o.only(&["rule", "days"])?;
    let days = o.required_with("days", whole)?;
    Ok(if rule == "days_after_month_end" {
        RawDeadline::DaysAfterMonthEnd { days }
    } else {
        RawDeadline::DaysAfterIncident { days }
    })
}

fn claim(value: &Json, path: String) -> Read<RawClaim> {
    let o = object(value, path)?;
    o.only(&["deadline", "text", "subject", "how", "include"])?;
    Ok(RawClaim {
        deadline: o.required_with("deadline", deadline)?,
        text: o.string("text")?,
        subject: o.optional_with("subject", string)?,
        how: o.string("how")?,
        include: o.list("include", string)?,
    })
}

fn example(value: &Json, path: String) -> Read<RawExample> {
    let o = object(value, path)?;
    if tag(&o, "kind", &["tier", "deadline"])? == "tier" {
        o.only(&["kind", "uptime", "credit", "source"])?;
        Ok(RawExample::Tier {
            uptime: o.required_with("uptime", pct)?,
            credit: o.required_with("credit", pct)?,
            source: o.string("source")?,
        })
    } else {
        o.only(&["kind", "incident", "deadline", "source"])?;
        Ok(RawExample::Deadline {
            incident: o.required_with("incident", date)?,
            deadline: o.required_with("deadline", date)?,
            source: o.string("source")?,
        })
    }
}

/// The file as written, from its JSON value (`format` and `version` are
/// read here and checked by the caller).
pub(super) fn raw_preset(value: &Json) -> Read<RawPreset> {
    let o = object(value, ".".to_owned())?;
    o.only(&[
        "format",
        "version",
        "id",
        "name",
        "vendor",
        "service",
        "variant",
        "source",
        "commitment",
        "uptime",
        "exclusions",
        "credits",
        "claim",
        "examples",
    ])?;
    Ok(RawPreset {
        format: o.string("format")?,
        version: o.required_with("version", whole)?,
        id: o.string("id")?,
        name: o.string("name")?,
        vendor: o.string("vendor")?,
        service: o.string("service")?,
        variant: o.string("variant")?,
        source: o.required_with("source", source)?,
        commitment: o.required_with("commitment", pct)?,
        uptime: o.required_with("uptime", uptime)?,
        exclusions: o.list_or_empty("exclusions", exclusion)?,
        credits: o.required_with("credits", credits)?,
        claim: o.required_with("claim", claim)?,
        examples: o.list_or_empty("examples", example)?,
    })
}
