//! The embed's reader of its terms: the part of the agreement file format
//! (`docs/format.md`) that a one-month service-credit calculator uses,
//! read into the engine's typed model, then checked by the engine's own
//! `validate` and by what its one-month entry computes
//! (`sla_engine::report::month::check`). Everything outside that part is
//! refused at its JSON path with the reason, never skipped. The part read
//! is listed in `docs/embed.md` ("The terms the embed reads").
//!
//! The embed does not link `serde_json` or the engine's deserializers (they
//! weighed about 90 KB of the embed's first load); the workbench and the
//! CLI read the whole format with `sla_engine::model::load`.

use sla_engine::model::{
    Agreement, AgreementFile, AgreementKind, Amount, CalendarDef, CapDef, CreditRule, CreditTerms,
    Customer, Direction, DowntimeDef, Duration, FixedPer, Level, Metric, Party, PeriodKind,
    RoundingDef, Service, Structure, Target, Tier, TierDef, Timestamp, Window, AGREEMENT_FORMAT,
    FORMAT_VERSION,
};
use sla_engine::TimeSpan;

use super::json::{self, Json};

/// Why a part of the format is not read by the embed: the field's name and
/// the reason shown.
const NOT_HERE: &[(&str, &str)] = &[
    ("suppliers", "suppliers are not shown in the embed"),
    ("supplier", "suppliers are not shown in the embed"),
    (
        "attribute_to_suppliers",
        "suppliers are not shown in the embed",
    ),
    (
        "termination",
        "termination rights need several months; the embed shows one",
    ),
    (
        "supports",
        "the links between OLAs, UCs and SLAs are checked in the workbench",
    ),
    (
        "requirements",
        "requirements are set beside what suppliers deliver in the workbench",
    ),
    (
        "dependencies",
        "what a service depends on is worked out in the workbench",
    ),
    (
        "at_risk_percent",
        "an amount at risk (pool credits) is computed in the workbench",
    ),
    (
        "earn_back_periods",
        "earn-back needs several months; the embed shows one",
    ),
    (
        "repeat_miss",
        "repeat-miss multipliers need several months; the embed shows one",
    ),
];

/// Reads the terms and checks them with the engine's `validate` and
/// `report::month::check` (what one month of availability computes).
///
/// # Errors
/// Every problem found, each as `path: reason` (the parse error, when the
/// text is not JSON, with its line and column).
pub fn read(text: &str) -> Result<AgreementFile, Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > super::MAX_TERMS_BYTES {
        return Err(vec![format!(
            ".: the terms are larger than {} bytes",
            super::MAX_TERMS_BYTES
        )]);
    }
    let value = json::parse(text).map_err(|e| vec![e.to_string()])?;
    let mut reader = Terms {
        problems: Vec::new(),
    };
    let file = reader.file(&value);
    match file {
        Some(file) if reader.problems.is_empty() => {
            let refused = sla_engine::report::month::check(&file);
            if refused.is_empty() {
                Ok(file)
            } else {
                Err(refused.iter().map(ToString::to_string).collect())
            }
        }
        _ => Err(reader.problems),
    }
}

/// The reader: the problems found so far.
struct Terms {
    problems: Vec<String>,
}

fn at(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn item(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// The fields of one object, taken one by one: each read field is crossed
/// off, and what is left is refused.
struct Fields<'a> {
    path: String,
    fields: Vec<(&'a str, &'a Json)>,
}

impl<'a> Fields<'a> {
    /// A field, `null` included: a field the engine's reader does not take
    /// as absent when `null` (a text, a list, a flag) is refused as the
    /// value it is, as the engine's reader refuses it.
    fn take(&mut self, key: &str) -> Option<(&'a Json, String)> {
        let index = self.fields.iter().position(|(k, _)| *k == key)?;
        let (_, value) = self.fields.swap_remove(index);
        Some((value, at(&self.path, key)))
    }

    /// A field the engine's model keeps as an `Option`: `null` is absent
    /// there, as for serde.
    fn take_opt(&mut self, key: &str) -> Option<(&'a Json, String)> {
        self.take(key)
            .filter(|(value, _)| !matches!(value, Json::Null))
    }
}

impl Terms {
    fn problem(&mut self, path: &str, message: impl Into<String>) {
        let path = if path.is_empty() { "." } else { path };
        self.problems.push(format!("{path}: {}", message.into()));
    }

    /// An object's fields, or a problem when it is not an object.
    fn object<'a>(&mut self, value: &'a Json, path: &str) -> Option<Fields<'a>> {
        match value {
            Json::Object(fields) => Some(Fields {
                path: path.to_owned(),
                fields: fields.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            }),
            _ => {
                self.problem(path, "must be an object");
                None
            }
        }
    }

    /// Refuses the fields nobody took.
    fn done(&mut self, fields: Fields) {
        for (key, _) in fields.fields {
            let path = at(&fields.path, key);
            match NOT_HERE.iter().find(|(k, _)| *k == key) {
                Some((_, why)) => self.problem(&path, format!("not read by the embed: {why}")),
                None => self.problem(&path, "unknown field"),
            }
        }
    }

    fn required<'a>(&mut self, fields: &mut Fields<'a>, key: &str) -> Option<(&'a Json, String)> {
        let found = fields.take(key);
        if found.is_none() {
            self.problem(&fields.path, format!("missing field `{key}`"));
        }
        found
    }

    fn text(&mut self, (value, path): (&Json, String)) -> Option<String> {
        match value {
            Json::String(text) => Some(text.clone()),
            _ => {
                self.problem(&path, "must be text in quotes");
                None
            }
        }
    }

    fn flag(&mut self, found: Option<(&Json, String)>) -> bool {
        match found {
            None => false,
            Some((Json::Bool(b), _)) => *b,
            Some((_, path)) => {
                self.problem(&path, "must be true or false");
                false
            }
        }
    }

    fn whole(&mut self, (value, path): (&Json, String)) -> Option<u64> {
        let number = match value {
            Json::Number(text) => text.parse::<u64>().ok(),
            _ => None,
        };
        if number.is_none() {
            self.problem(&path, "must be a whole number");
        }
        number
    }

    /// The exact text of a level or an amount: a string, or an integer.
    fn exact(&mut self, (value, path): (&Json, String)) -> Option<(String, String)> {
        match value {
            Json::String(text) => Some((text.clone(), path)),
            Json::Number(text) if text.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                Some((text.clone(), path))
            }
            Json::Number(text) => {
                self.problem(
                    &path,
                    format!("write {text} in quotes (\"{text}\") so that it stays exact; JSON fractions pass through binary floats"),
                );
                None
            }
            _ => {
                self.problem(&path, "must be a number such as \"99.9\" or an integer");
                None
            }
        }
    }

    fn level(&mut self, found: (&Json, String)) -> Option<Level> {
        let (text, path) = self.exact(found)?;
        Level::parse(&text)
            .map_err(|why| self.problem(&path, why))
            .ok()
    }

    fn amount(&mut self, found: (&Json, String)) -> Option<Amount> {
        self.exact(found).map(|(text, _)| Amount(text))
    }

    fn duration(&mut self, found: (&Json, String)) -> Option<Duration> {
        let (text, path) = self.exact(found)?;
        match TimeSpan::parse(&text) {
            Ok(span) => Some(Duration(span)),
            Err(e) => {
                self.problem(&path, format!("`{text}` is not a duration: {e}"));
                None
            }
        }
    }

    fn timestamp(&mut self, found: (&Json, String)) -> Option<Timestamp> {
        let path = found.1.clone();
        let text = self.text(found)?;
        Timestamp::parse(&text)
            .map_err(|why| self.problem(&path, why))
            .ok()
    }

    /// A word of a fixed list (`"sla"`, `"month"`…).
    fn word<T: Copy>(&mut self, found: (&Json, String), words: &[(&str, T)]) -> Option<T> {
        let path = found.1.clone();
        let text = self.text(found)?;
        let chosen = words.iter().find(|(w, _)| *w == text).map(|(_, v)| *v);
        if chosen.is_none() {
            let list: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            self.problem(
                &path,
                format!(
                    "`{text}` is not read by the embed; it reads {}",
                    list.join(", ")
                ),
            );
        }
        chosen
    }

    fn list<T>(
        &mut self,
        found: Option<(&Json, String)>,
        mut read: impl FnMut(&mut Terms, (&Json, String)) -> Option<T>,
    ) -> Vec<T> {
        match found {
            None => Vec::new(),
            Some((Json::Array(items), path)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| read(self, (v, item(&path, i))))
                .collect(),
            Some((_, path)) => {
                self.problem(&path, "must be a list");
                Vec::new()
            }
        }
    }

    fn texts(&mut self, found: Option<(&Json, String)>) -> Vec<String> {
        self.list(found, Terms::text)
    }

    fn optional_text(&mut self, found: Option<(&Json, String)>) -> Option<String> {
        found.and_then(|f| self.text(f))
    }

    fn file(&mut self, value: &Json) -> Option<AgreementFile> {
        let mut f = self.object(value, "")?;
        // The format and version first: a file of another kind gets that
        // message rather than a list of odd fields.
        let format = self.required(&mut f, "format").and_then(|v| self.text(v));
        if format.as_deref() != Some(AGREEMENT_FORMAT) {
            self.problem(
                "format",
                format!("an agreement file starts with \"format\": \"{AGREEMENT_FORMAT}\""),
            );
            return None;
        }
        let version = self.required(&mut f, "version").and_then(|v| self.whole(v));
        if version != Some(u64::from(FORMAT_VERSION)) {
            self.problem(
                "version",
                format!("this calculator reads version {FORMAT_VERSION}"),
            );
            return None;
        }
        let name = self.required(&mut f, "name").and_then(|v| self.text(v));
        let description = self.optional_text(f.take("description"));
        let currency = self.required(&mut f, "currency").and_then(|v| self.text(v));
        let time_zone = self
            .required(&mut f, "time_zone")
            .and_then(|v| self.text(v));
        let provider = self
            .required(&mut f, "provider")
            .and_then(|v| self.party(v));
        let services = self.required(&mut f, "services");
        let services = self.list(services, Terms::service);
        let customers = f.take("customers");
        let customers = self.list(customers, Terms::customer);
        let calendars = f.take("calendars");
        let calendars = self.list(calendars, Terms::calendar);
        let agreements = self.required(&mut f, "agreements");
        let agreements = self.list(agreements, Terms::agreement);
        self.done(f);
        Some(AgreementFile {
            format: AGREEMENT_FORMAT.into(),
            version: FORMAT_VERSION,
            name: name?,
            description: description.unwrap_or_default(),
            currency: currency?,
            time_zone: time_zone?,
            provider: provider?,
            services,
            customers,
            suppliers: Vec::new(),
            calendars,
            agreements,
        })
    }

    fn party(&mut self, (value, path): (&Json, String)) -> Option<Party> {
        let mut f = self.object(value, &path)?;
        let name = self.required(&mut f, "name").and_then(|v| self.text(v));
        self.done(f);
        Some(Party { name: name? })
    }

    fn service(&mut self, (value, path): (&Json, String)) -> Option<Service> {
        let mut f = self.object(value, &path)?;
        let id = self.required(&mut f, "id").and_then(|v| self.text(v));
        let name = self.required(&mut f, "name").and_then(|v| self.text(v));
        let monthly_charge = f.take_opt("monthly_charge").and_then(|v| self.amount(v));
        self.done(f);
        Some(Service {
            id: id?,
            name: name?,
            monthly_charge,
            requirements: Vec::new(),
            dependencies: None,
        })
    }

    fn customer(&mut self, (value, path): (&Json, String)) -> Option<Customer> {
        let mut f = self.object(value, &path)?;
        let id = self.required(&mut f, "id").and_then(|v| self.text(v));
        let name = self.required(&mut f, "name").and_then(|v| self.text(v));
        let services = self.required(&mut f, "services");
        let services = self.texts(services);
        self.done(f);
        Some(Customer {
            id: id?,
            name: name?,
            services,
        })
    }

    fn calendar(&mut self, (value, path): (&Json, String)) -> Option<CalendarDef> {
        let mut f = self.object(value, &path)?;
        let id = self.required(&mut f, "id").and_then(|v| self.text(v));
        let name = self.optional_text(f.take("name"));
        let time_zone = self
            .required(&mut f, "time_zone")
            .and_then(|v| self.text(v));
        let hours = self.required(&mut f, "hours").and_then(|v| self.text(v));
        let holidays = f.take("holidays");
        let holidays = self.texts(holidays);
        let exclusions = f.take("exclusions");
        let exclusions = self.list(exclusions, Terms::window);
        self.done(f);
        Some(CalendarDef {
            id: id?,
            name: name.unwrap_or_default(),
            time_zone: time_zone?,
            hours: hours?,
            holidays,
            exclusions,
        })
    }

    fn window(&mut self, (value, path): (&Json, String)) -> Option<Window> {
        let mut f = self.object(value, &path)?;
        let start = self
            .required(&mut f, "start")
            .and_then(|v| self.timestamp(v));
        let end = self.required(&mut f, "end").and_then(|v| self.timestamp(v));
        let reason = self.optional_text(f.take("reason"));
        self.done(f);
        Some(Window {
            start: start?,
            end: end?,
            reason: reason.unwrap_or_default(),
        })
    }

    fn agreement(&mut self, (value, path): (&Json, String)) -> Option<Agreement> {
        let mut f = self.object(value, &path)?;
        let id = self.required(&mut f, "id").and_then(|v| self.text(v));
        let name = self.required(&mut f, "name").and_then(|v| self.text(v));
        let kind = self.required(&mut f, "kind").and_then(|v| {
            self.word(
                v,
                &[
                    ("sla", AgreementKind::Sla),
                    ("ola", AgreementKind::Ola),
                    ("uc", AgreementKind::Uc),
                ],
            )
        });
        let structure = f.take_opt("structure").and_then(|v| {
            self.word(
                v,
                &[
                    ("service_based", Structure::ServiceBased),
                    ("customer_based", Structure::CustomerBased),
                    ("multi_level", Structure::MultiLevel),
                ],
            )
        });
        let level = f.take_opt("level").and_then(|v| {
            self.word(
                v,
                &[
                    ("corporate", Tier::Corporate),
                    ("customer", Tier::Customer),
                    ("service", Tier::Service),
                ],
            )
        });
        let customer = self.optional_text(f.take_opt("customer"));
        let service = self.optional_text(f.take_opt("service"));
        let monthly_charge = f.take_opt("monthly_charge").and_then(|v| self.amount(v));
        let targets = self.required(&mut f, "targets");
        let targets = self.list(targets, Terms::target);
        let credits = f.take_opt("credits").and_then(|v| self.credits(v));
        self.done(f);
        Some(Agreement {
            id: id?,
            name: name?,
            kind: kind?,
            structure,
            level,
            customer,
            service,
            supplier: None,
            monthly_charge,
            targets,
            credits,
            termination: Vec::new(),
        })
    }

    fn target(&mut self, (value, path): (&Json, String)) -> Option<Target> {
        let mut f = self.object(value, &path)?;
        let id = self.required(&mut f, "id").and_then(|v| self.text(v));
        let name = self.required(&mut f, "name").and_then(|v| self.text(v));
        let metric = self.required(&mut f, "metric").and_then(|v| self.metric(v));
        let direction = f.take_opt("direction").and_then(|v| {
            self.word(
                v,
                &[
                    ("at_least", Direction::AtLeast),
                    ("at_most", Direction::AtMost),
                ],
            )
        });
        let expected = self
            .required(&mut f, "expected")
            .and_then(|v| self.level(v));
        let minimum = f.take_opt("minimum").and_then(|v| self.level(v));
        let period = match f.take("period") {
            None => Some(PeriodKind::Month),
            Some(v) => self.word(v, &[("month", PeriodKind::Month)]),
        };
        let calendar = self.optional_text(f.take_opt("calendar"));
        let credit = f.take_opt("credit").and_then(|v| self.credit_rule(v));
        let cap = f.take_opt("cap").and_then(|v| self.cap(v));
        let critical = self.flag(f.take("critical"));
        let excluded_periods = f.take("excluded_periods");
        let excluded_periods = self.texts(excluded_periods);
        self.done(f);
        Some(Target {
            id: id?,
            name: name?,
            metric: metric?,
            direction,
            expected: expected?,
            minimum,
            period: period?,
            calendar,
            credit,
            cap,
            critical,
            excluded_periods,
            supports: Vec::new(),
        })
    }

    fn metric(&mut self, (value, path): (&Json, String)) -> Option<Metric> {
        let mut f = self.object(value, &path)?;
        let kind = self.required(&mut f, "type").and_then(|v| self.text(v))?;
        if kind != "availability" {
            self.problem(
                &at(&path, "type"),
                format!("`{kind}` is not read by the embed: it computes availability from the downtime a visitor enters"),
            );
            return None;
        }
        let service = self.optional_text(f.take_opt("service"));
        let downtime = f.take_opt("downtime").and_then(|v| self.downtime(v));
        self.done(f);
        Some(Metric::Availability {
            service,
            downtime,
            attribute_to_suppliers: false,
        })
    }

    fn downtime(&mut self, (value, path): (&Json, String)) -> Option<DowntimeDef> {
        let mut f = self.object(value, &path)?;
        let count_planned = self.flag(f.take("count_planned"));
        let minimum_outage = f.take_opt("minimum_outage").and_then(|v| self.duration(v));
        let round_up_to = f.take_opt("round_up_to").and_then(|v| self.duration(v));
        let minimum_downtime_period = f
            .take_opt("minimum_downtime_period")
            .and_then(|v| self.duration(v));
        self.done(f);
        Some(DowntimeDef {
            count_planned,
            minimum_outage,
            round_up_to,
            minimum_downtime_period,
        })
    }

    fn credit_rule(&mut self, (value, path): (&Json, String)) -> Option<CreditRule> {
        let mut f = self.object(value, &path)?;
        let kind = self.required(&mut f, "type").and_then(|v| self.text(v))?;
        let rule = match kind.as_str() {
            "step" => {
                let tiers = self.required(&mut f, "tiers");
                CreditRule::Step {
                    tiers: self.list(tiers, Terms::tier),
                }
            }
            "linear" => {
                let below = self.required(&mut f, "below").and_then(|v| self.level(v));
                let per = self.required(&mut f, "per").and_then(|v| self.level(v));
                let rate = self.required(&mut f, "rate").and_then(|v| self.level(v));
                let maximum = f.take_opt("maximum").and_then(|v| self.level(v));
                CreditRule::Linear {
                    below: below?,
                    per: per?,
                    rate: rate?,
                    maximum,
                }
            }
            "fixed" => {
                let amount = self.required(&mut f, "amount").and_then(|v| self.amount(v));
                let per = self
                    .required(&mut f, "per")
                    .and_then(|v| self.word(v, &[("breach", FixedPer::Breach)]));
                CreditRule::Fixed {
                    amount: amount?,
                    per: per?,
                }
            }
            other => {
                self.problem(
                    &at(&path, "type"),
                    format!("`{other}` is not read by the embed; it reads step, linear and fixed credits"),
                );
                return None;
            }
        };
        self.done(f);
        Some(rule)
    }

    fn tier(&mut self, (value, path): (&Json, String)) -> Option<TierDef> {
        let mut f = self.object(value, &path)?;
        let below = self.required(&mut f, "below").and_then(|v| self.level(v));
        let inclusive = self.flag(f.take("inclusive"));
        let credit = self.required(&mut f, "credit").and_then(|v| self.level(v));
        self.done(f);
        Some(TierDef {
            below: below?,
            inclusive,
            credit: credit?,
        })
    }

    fn cap(&mut self, (value, path): (&Json, String)) -> Option<CapDef> {
        let mut f = self.object(value, &path)?;
        let amount = f.take_opt("amount").and_then(|v| self.amount(v));
        let percent_of_charges = f.take_opt("percent_of_charges").and_then(|v| self.level(v));
        self.done(f);
        Some(CapDef {
            amount,
            percent_of_charges,
        })
    }

    fn credits(&mut self, (value, path): (&Json, String)) -> Option<CreditTerms> {
        let mut f = self.object(value, &path)?;
        let period_cap = f.take_opt("period_cap").and_then(|v| self.cap(v));
        let year_cap = f.take_opt("year_cap").and_then(|v| self.cap(v));
        let rounding = f.take_opt("rounding").and_then(|v| {
            self.word(
                v,
                &[
                    ("half_up", RoundingDef::HalfUp),
                    ("down", RoundingDef::Down),
                    ("up", RoundingDef::Up),
                ],
            )
        });
        self.done(f);
        Some(CreditTerms {
            period_cap,
            year_cap,
            rounding,
            ..CreditTerms::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example files the embed reads whole, and their reading by the
    /// engine's own loader: the same typed terms.
    #[test]
    fn the_example_terms_read_as_the_engine_reads_them() {
        for text in [
            include_str!("../../../examples/cloud-sla.json"),
            include_str!("../../../examples/vendor-page/terms.json"),
        ] {
            let ours = read(text).expect("read by the embed");
            let engine = sla_engine::model::load::agreements(text).expect("read by the engine");
            assert_eq!(ours, engine);
        }
    }

    #[test]
    fn service_hours_linear_and_fixed_credits_and_caps_are_read() {
        let text = r#"{"format": "sla-agreements", "version": 1, "name": "Hours", "currency": "EUR",
            "time_zone": "Europe/Berlin", "provider": {"name": "P"},
            "services": [{"id": "web", "name": "Web", "monthly_charge": 500}],
            "calendars": [{"id": "office", "time_zone": "Europe/Berlin", "hours": "Mon-Fri 08:00-18:00",
                "holidays": ["2026-12-25"], "exclusions": [{"start": "2026-07-04T00:00", "end": "2026-07-04T02:00", "reason": "upgrade"}]}],
            "agreements": [{"id": "a", "name": "A", "kind": "sla", "structure": "service_based", "service": "web", "monthly_charge": "500.00",
                "targets": [
                    {"id": "t1", "name": "Office hours", "metric": {"type": "availability", "downtime": {"count_planned": true, "minimum_outage": "5m"}},
                     "expected": "99.5", "calendar": "office", "period": "month",
                     "credit": {"type": "linear", "below": "99.5", "per": "0.1", "rate": "5", "maximum": "50"}, "cap": {"amount": "100"}},
                    {"id": "t2", "name": "Any time", "metric": {"type": "availability", "service": "web"}, "direction": "at_least",
                     "expected": 99, "minimum": "90", "critical": true, "excluded_periods": [],
                     "credit": {"type": "fixed", "amount": "25.00", "per": "breach"}}],
                "credits": {"period_cap": {"percent_of_charges": "50"}, "year_cap": {"amount": "1000"}, "rounding": "down"}}]}"#;
        let ours = read(text).expect("read");
        let engine = sla_engine::model::load::agreements(text).expect("engine");
        assert_eq!(ours, engine);
    }

    fn problems(text: &str) -> Vec<String> {
        read(text).expect_err("refused")
    }

    /// `null` is what the engine's reader makes of it: absent for a field
    /// the model keeps as an `Option`, refused for a text, a list or a flag.
    #[test]
    fn null_is_absent_where_the_engine_takes_it_so_and_refused_elsewhere() {
        let file = |target: &str| {
            format!(
                r#"{{"format": "sla-agreements", "version": 1, "name": "N", "currency": "USD",
                "time_zone": "UTC", "provider": {{"name": "P"}}, "services": [{{"id": "s", "name": "S"}}],
                "agreements": [{{"id": "a", "name": "A", "kind": "sla", "structure": "service_based", "service": "s", "monthly_charge": null,
                    "targets": [{{"id": "t", "name": "T", "metric": {{"type": "availability", "downtime": null}},
                        "expected": "99.9", {target}}}]}}]}}"#
            )
        };
        let absent = file(r#""cap": null, "credit": null, "calendar": null, "minimum": null"#);
        assert_eq!(
            read(&absent).expect("read"),
            sla_engine::model::load::agreements(&absent).expect("read by the engine")
        );
        let refused = file(r#""critical": null, "excluded_periods": null"#);
        assert!(sla_engine::model::load::agreements(&refused).is_err());
        assert_eq!(
            problems(&refused),
            [
                "agreements[0].targets[0].critical: must be true or false",
                "agreements[0].targets[0].excluded_periods: must be a list",
            ]
        );
    }

    #[test]
    fn what_the_embed_does_not_read_is_refused_at_its_path_with_why() {
        let text = r#"{"format": "sla-agreements", "version": 1, "name": "X", "currency": "USD",
            "time_zone": "UTC", "provider": {"name": "P"}, "suppliers": [],
            "services": [{"id": "s", "name": "S", "colour": "red"}],
            "agreements": [{"id": "a", "name": "A", "kind": "sla", "termination": [],
                "targets": [
                    {"id": "t", "name": "T", "metric": {"type": "response_time", "within": "1h"}, "expected": "95"},
                    {"id": "u", "name": "U", "metric": {"type": "availability"}, "expected": 99.9, "period": "quarter"},
                    {"id": "v", "name": "V", "metric": {"type": "availability"}, "expected": "99", "credit": {"type": "pool", "allocation": "10"}}],
                "credits": {"repeat_miss": {"multiplier": "2"}}}]}"#;
        assert_eq!(
            problems(text),
            [
                "services[0].colour: unknown field",
                "agreements[0].targets[0].metric.type: `response_time` is not read by the embed: it computes availability from the downtime a visitor enters",
                "agreements[0].targets[1].expected: write 99.9 in quotes (\"99.9\") so that it stays exact; JSON fractions pass through binary floats",
                "agreements[0].targets[1].period: `quarter` is not read by the embed; it reads month",
                "agreements[0].targets[2].credit.type: `pool` is not read by the embed; it reads step, linear and fixed credits",
                "agreements[0].credits.repeat_miss: not read by the embed: repeat-miss multipliers need several months; the embed shows one",
                "agreements[0].termination: not read by the embed: termination rights need several months; the embed shows one",
                "suppliers: not read by the embed: suppliers are not shown in the embed",
            ]
        );
    }

    #[test]
    fn missing_and_mistyped_fields_and_other_files_are_named() {
        assert_eq!(
            problems(r#"{"format": "sla-measurements", "version": 1}"#),
            ["format: an agreement file starts with \"format\": \"sla-agreements\""]
        );
        assert_eq!(
            problems(r#"{"format": "sla-agreements", "version": 2}"#),
            ["version: this calculator reads version 1"]
        );
        assert_eq!(
            problems(
                r#"{"format": "sla-agreements", "version": 1, "name": 5, "currency": "USD", "time_zone": "UTC",
                "provider": {}, "services": {}, "agreements": [{"id": "a", "name": "A", "kind": "xla", "targets": []}]}"#
            ),
            [
                "name: must be text in quotes",
                "provider: missing field `name`",
                "services: must be a list",
                "agreements[0].kind: `xla` is not read by the embed; it reads sla, ola, uc",
            ]
        );
        assert_eq!(
            problems("[1, 2"),
            ["line 1, column 6, .: not valid JSON: expected `,` or `]`"]
        );
        assert_eq!(problems("42"), [".: must be an object"]);
    }

    #[test]
    fn the_engine_checks_what_refers_to_what() {
        let text = r#"{"format": "sla-agreements", "version": 1, "name": "X", "currency": "USD",
            "time_zone": "UTC", "provider": {"name": "P"}, "services": [{"id": "s", "name": "S"}],
            "agreements": [{"id": "a", "name": "A", "kind": "sla", "service": "nope",
                "targets": [{"id": "t", "name": "T", "metric": {"type": "availability"}, "expected": "99"}]}]}"#;
        let refused = problems(text);
        let engine: Vec<String> = sla_engine::model::load::agreements(text)
            .expect_err("engine refuses")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(refused, engine);
    }
}
