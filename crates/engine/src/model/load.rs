//! Reading agreement and measurement files: version check and migration,
//! strict parsing (unknown fields are errors) and cross-reference checks,
//! every error naming the JSON path of the field at fault.

use std::collections::{BTreeSet, HashSet};

use serde::de::DeserializeOwned;
use thiserror::Error;

use super::*;
use crate::money::{Currency, Money};
use crate::service_hours::WeeklyHours;
use crate::time::{iso, Calendar, Interval, Zone};

/// A problem in a file, located by its JSON path (and line and column when
/// the file could not be parsed at all).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}{path}: {message}", location(*.line, *.column))]
pub struct FileError {
    /// `agreements[0].targets[1].expected`; `.` for the whole file.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("line {line}, column {column}, "),
        _ => String::new(),
    }
}

impl FileError {
    fn at(path: impl Into<String>, message: impl Into<String>) -> FileError {
        FileError {
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// The longest rolling window (100 years of 365.25 days): windows, their
/// lookback and service time stay far inside the nanosecond time line.
pub const MAX_ROLLING_DAYS: u32 = 36_525;

/// The largest file accepted (keeps a hostile file from exhausting memory).
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;

fn parse_versioned<T: DeserializeOwned>(text: &str, format: &str) -> Result<T, FileError> {
    // Editors on Windows often start a UTF-8 file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::at(".", "the file is larger than 256 MB"));
    }
    // A first, loose look at the format and version, so that a file of another
    // kind or version gets that message rather than a list of odd fields.
    let header: serde_json::Value = serde_json::from_str(text).map_err(|e| FileError {
        path: ".".into(),
        line: Some(e.line()),
        column: Some(e.column()),
        message: format!("not valid JSON: {}", strip_position(&e.to_string())),
    })?;
    let Some(object) = header.as_object() else {
        return Err(FileError::at(".", "the file must be a JSON object"));
    };
    match object.get("format").and_then(|f| f.as_str()) {
        Some(found) if found == format => {}
        Some(found) => {
            return Err(FileError::at(
                "format",
                format!("this is a `{found}` file; expected `{format}`"),
            ))
        }
        None => {
            return Err(FileError::at(
                "format",
                format!("missing; an agreement file starts with \"format\": \"{format}\""),
            ))
        }
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(version) if version == u64::from(FORMAT_VERSION) => {}
        Some(version) if version > u64::from(FORMAT_VERSION) => {
            return Err(FileError::at(
                "version",
                format!(
                    "version {version} was written by a newer calculator; this one reads up to version {FORMAT_VERSION}"
                ),
            ))
        }
        Some(version) => {
            return Err(FileError::at(
                "version",
                format!("version {version} is not a known version (the first is 1)"),
            ))
        }
        None => {
            return Err(FileError::at(
                "version",
                format!("missing or not a whole number; write \"version\": {FORMAT_VERSION}"),
            ))
        }
    }
    typed(text)
}

/// Reads `text` as a `T` of the file model, strictly (unknown fields are
/// errors), naming the JSON path of the value at fault (`json_path`).
///
/// # Errors
/// The first problem, with its path, line and column.
pub fn typed<T: DeserializeOwned>(text: &str) -> Result<T, FileError> {
    serde_json::from_str(text).map_err(|e: serde_json::Error| FileError {
        path: json_path::path_at(
            text,
            json_path::offset_of(text, e.line(), e.column()),
            e.is_syntax(),
        ),
        line: Some(e.line()),
        column: Some(e.column()),
        message: strip_position(&e.to_string()),
    })
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// Reads an agreement file and checks it.
///
/// # Errors
/// The parse error (one, with line and column), or every cross-reference
/// problem found.
pub fn agreements(text: &str) -> Result<AgreementFile, Vec<FileError>> {
    let file: AgreementFile = parse_versioned(text, AGREEMENT_FORMAT).map_err(|e| vec![e])?;
    let problems = validate(&file);
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// Reads a measurement file and checks what can be checked without the
/// agreements (timestamps in order are checked per record by the metrics,
/// which report and skip a bad record rather than refusing the file).
///
/// # Errors
/// The parse error with its path, line and column.
pub fn measurements(text: &str) -> Result<MeasurementFile, Vec<FileError>> {
    let file: MeasurementFile = parse_versioned(text, MEASUREMENT_FORMAT).map_err(|e| vec![e])?;
    let mut problems = Vec::new();
    if let Some(zone) = &file.time_zone {
        if Zone::named(zone).is_none() {
            problems.push(FileError::at(
                "time_zone",
                format!("`{zone}` is not an IANA time zone such as Europe/Berlin"),
            ));
        }
    }
    if problems.is_empty() {
        Ok(file)
    } else {
        Err(problems)
    }
}

/// The set of `ids`, filled by insertion: `collect` into a set sorts a vector
/// first, one more compiled sort in every module that validates.
fn id_set<'a>(ids: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut set = BTreeSet::new();
    set.extend(ids);
    set
}

/// The checks beyond the JSON shape: identifiers unique and known, values in
/// range, the right fields for each kind of agreement.
pub fn validate(file: &AgreementFile) -> Vec<FileError> {
    let mut problems = Vec::new();
    let mut push = |path: String, message: String| problems.push(FileError::at(path, message));
    let currency = Currency::new(&file.currency);
    if let Err(e) = &currency {
        push("currency".into(), e.to_string());
    }
    let zone = Zone::named(&file.time_zone).unwrap_or_else(|| {
        push(
            "time_zone".into(),
            format!(
                "`{}` is not an IANA time zone such as Europe/Berlin",
                file.time_zone
            ),
        );
        Zone::utc()
    });
    let check_amount = |path: String, amount: &Amount, push: &mut dyn FnMut(String, String)| {
        if let Ok(currency) = currency {
            match Money::parse(&amount.0, currency) {
                Ok(money) if money.minor_units() < 0 => {
                    push(path, "an amount cannot be negative".into())
                }
                Ok(_) => {}
                Err(e) => push(path, e.to_string()),
            }
        }
    };
    let unique = |path: &str, ids: Vec<&str>, push: &mut dyn FnMut(String, String)| {
        let mut seen = HashSet::new();
        for (i, id) in ids.into_iter().enumerate() {
            if id.trim().is_empty() {
                push(format!("{path}[{i}].id"), "an id cannot be empty".into());
            } else if !seen.insert(id) {
                push(format!("{path}[{i}].id"), format!("`{id}` is used twice"));
            }
        }
    };
    unique(
        "services",
        file.services.iter().map(|s| s.id.as_str()).collect(),
        &mut push,
    );
    unique(
        "customers",
        file.customers.iter().map(|s| s.id.as_str()).collect(),
        &mut push,
    );
    unique(
        "suppliers",
        file.suppliers.iter().map(|s| s.id.as_str()).collect(),
        &mut push,
    );
    unique(
        "calendars",
        file.calendars.iter().map(|s| s.id.as_str()).collect(),
        &mut push,
    );
    unique(
        "agreements",
        file.agreements.iter().map(|s| s.id.as_str()).collect(),
        &mut push,
    );
    let services = id_set(file.services.iter().map(|s| s.id.as_str()));
    let customers = id_set(file.customers.iter().map(|s| s.id.as_str()));
    let suppliers = id_set(file.suppliers.iter().map(|s| s.id.as_str()));
    let calendars = id_set(file.calendars.iter().map(|s| s.id.as_str()));
    for (i, service) in file.services.iter().enumerate() {
        if let Some(charge) = &service.monthly_charge {
            check_amount(format!("services[{i}].monthly_charge"), charge, &mut push);
        }
    }
    for (i, customer) in file.customers.iter().enumerate() {
        for (j, service) in customer.services.iter().enumerate() {
            if !services.contains(service.as_str()) {
                push(
                    format!("customers[{i}].services[{j}]"),
                    format!("no service has the id `{service}`"),
                );
            }
        }
    }
    for (i, calendar) in file.calendars.iter().enumerate() {
        for problem in calendar_problems(calendar) {
            push(format!("calendars[{i}].{}", problem.path), problem.message);
        }
    }
    let mut target_ids: BTreeSet<String> = BTreeSet::new();
    target_ids.extend(
        file.agreements
            .iter()
            .flat_map(|a| a.targets.iter().map(move |t| format!("{}/{}", a.id, t.id))),
    );
    // The embed's reader refuses requirements and dependencies, so its
    // build leaves their checks out.
    if !cfg!(feature = "availability-only") {
        service_links(file, &mut push);
    }
    for (i, agreement) in file.agreements.iter().enumerate() {
        let at = |field: &str| format!("agreements[{i}].{field}");
        let known = |set: &BTreeSet<&str>,
                     value: &Option<String>,
                     field: &str,
                     what: &str,
                     push: &mut dyn FnMut(String, String)| {
            if let Some(value) = value {
                if !set.contains(value.as_str()) {
                    push(at(field), format!("no {what} has the id `{value}`"));
                }
            }
        };
        known(
            &services,
            &agreement.service,
            "service",
            "service",
            &mut push,
        );
        known(
            &customers,
            &agreement.customer,
            "customer",
            "customer",
            &mut push,
        );
        known(
            &suppliers,
            &agreement.supplier,
            "supplier",
            "supplier",
            &mut push,
        );
        match agreement.kind {
            AgreementKind::Sla => {
                if agreement.supplier.is_some() {
                    push(
                        at("supplier"),
                        "an SLA is with a customer, not a supplier; use an OLA or UC".into(),
                    );
                }
                match (agreement.structure, agreement.level) {
                    (None, _) => push(at("structure"), "an SLA needs a structure: service_based, customer_based or multi_level".into()),
                    (Some(Structure::ServiceBased), _) if agreement.service.is_none() => push(at("service"), "a service-based SLA names its service".into()),
                    (Some(Structure::CustomerBased), _) if agreement.customer.is_none() => push(at("customer"), "a customer-based SLA names its customer".into()),
                    (Some(Structure::MultiLevel), None) => push(at("level"), "a multi-level SLA says its level: corporate, customer or service".into()),
                    (Some(Structure::MultiLevel), Some(Tier::Corporate)) if agreement.customer.is_some() || agreement.service.is_some() => push(at("level"), "the corporate level applies to every customer and service; leave out customer and service".into()),
                    (Some(Structure::MultiLevel), Some(Tier::Customer)) if agreement.customer.is_none() || agreement.service.is_some() => push(at("level"), "the customer level names a customer and no service".into()),
                    (Some(Structure::MultiLevel), Some(Tier::Service)) if agreement.customer.is_none() || agreement.service.is_none() => push(at("level"), "the service level names a customer and a service".into()),
                    (Some(s), Some(_)) if s != Structure::MultiLevel => push(at("level"), "only multi-level SLAs have levels".into()),
                    _ => {}
                }
            }
            AgreementKind::Ola | AgreementKind::Uc => {
                if agreement.structure.is_some() || agreement.level.is_some() {
                    push(
                        at("structure"),
                        "structures and levels are for SLAs; leave them out of an OLA or UC".into(),
                    );
                }
                if agreement.service.is_none() {
                    push(
                        at("service"),
                        format!(
                            "an {} names the service it supports",
                            agreement.kind.label()
                        ),
                    );
                }
                match agreement.supplier.as_deref().and_then(|s| file.suppliers.iter().find(|x| x.id == s)) {
                    None if agreement.supplier.is_none() => push(at("supplier"), format!("an {} names its supplier", agreement.kind.label())),
                    Some(supplier) if agreement.kind == AgreementKind::Ola && !supplier.internal => push(at("supplier"), format!("`{}` is an external supplier: an agreement with it is a UC, not an OLA", supplier.id)),
                    Some(supplier) if agreement.kind == AgreementKind::Uc && supplier.internal => push(at("supplier"), format!("`{}` is an internal team: an agreement with it is an OLA, not a UC", supplier.id)),
                    _ => {}
                }
            }
        }
        if let Some(charge) = &agreement.monthly_charge {
            check_amount(at("monthly_charge"), charge, &mut push);
        }
        let mut seen = HashSet::new();
        for (j, target) in agreement.targets.iter().enumerate() {
            let at = |field: &str| format!("agreements[{i}].targets[{j}].{field}");
            if target.id.trim().is_empty() || target.id.contains('/') {
                push(at("id"), "a target id is not empty and has no `/`".into());
            } else if !seen.insert(target.id.as_str()) {
                push(
                    at("id"),
                    format!("`{}` is used twice in this agreement", target.id),
                );
            }
            if let Some(service) = target.metric.service() {
                if !services.contains(service) {
                    push(
                        at("metric.service"),
                        format!("no service has the id `{service}`"),
                    );
                }
            }
            for (k, period) in target.excluded_periods.iter().enumerate() {
                if let Err(e) = crate::time::ReportPeriod::parse(period, &zone) {
                    push(at(&format!("excluded_periods[{k}]")), e.to_string());
                }
            }
            match target.period {
                PeriodKind::RollingDays(0) => push(
                    at("period"),
                    "a rolling window is at least 1 day long".into(),
                ),
                PeriodKind::RollingDays(days) if days > MAX_ROLLING_DAYS => push(
                    at("period"),
                    format!("a rolling window of {days} days is longer than the calculator holds; at most {MAX_ROLLING_DAYS} days (100 years)"),
                ),
                _ => {}
            }
            if let Some(calendar) = &target.calendar {
                if !calendars.contains(calendar.as_str()) {
                    push(
                        at("calendar"),
                        format!("no calendar has the id `{calendar}`"),
                    );
                }
            }
            let percent_metric = target.metric.unit() == "%";
            for (field, level) in [
                ("expected", Some(&target.expected)),
                ("minimum", target.minimum.as_ref()),
            ] {
                let Some(level) = level else { continue };
                if percent_metric {
                    if let Some(message) = percent_problem(level) {
                        push(at(field), message);
                    }
                }
            }
            if let Some(minimum) = &target.minimum {
                let direction = target
                    .direction
                    .unwrap_or_else(|| target.metric.default_direction());
                let wrong_side = match direction {
                    Direction::AtLeast => minimum.value() > target.expected.value(),
                    Direction::AtMost => minimum.value() < target.expected.value(),
                };
                if wrong_side {
                    push(at("minimum"), format!("the minimum level {} is better than the expected level {}; it should be the worse one", minimum.text(), target.expected.text()));
                }
            }
            match &target.metric {
                Metric::Percentile { percentile, .. } if !(1..=100).contains(percentile) => {
                    push(
                        at("metric.percentile"),
                        "a percentile is between 1 and 100".into(),
                    );
                }
                Metric::Timeslices {
                    slice, good_when, ..
                } => {
                    if slice.0.nanos() <= 0 {
                        push(
                            at("metric.slice"),
                            "a time slice is longer than zero".into(),
                        );
                    }
                    if let Some(message) = percent_problem(good_when) {
                        push(at("metric.good_when"), message);
                    }
                }
                Metric::RatioTimeslices { slice, .. } if slice.0.nanos() <= 0 => {
                    push(
                        at("metric.slice"),
                        "a time slice is longer than zero".into(),
                    );
                }
                _ => {}
            }
            if let Some(credit) = &target.credit {
                credit_problems(credit, &mut |field, message| {
                    push(at(&format!("credit.{field}")), message)
                });
                if let CreditRule::Fixed { amount, per } = credit {
                    check_amount(at("credit.amount"), amount, &mut push);
                    if *per == FixedPer::BreachedTicket
                        && !matches!(
                            target.metric,
                            Metric::ResponseTime { .. } | Metric::ResolutionTime { .. }
                        )
                    {
                        push(at("credit.per"), "a credit per breached ticket needs a ticket metric (response_time or resolution_time)".into());
                    }
                }
                if matches!(credit, CreditRule::Pool { .. })
                    && agreement
                        .credits
                        .as_ref()
                        .and_then(|c| c.at_risk_percent.as_ref())
                        .is_none()
                {
                    push(
                        at("credit"),
                        "a pool credit needs the agreement's credits.at_risk_percent".into(),
                    );
                }
                if matches!(credit, CreditRule::Step { .. } | CreditRule::Linear { .. })
                    && !percent_metric
                {
                    push(
                        at("credit"),
                        "step and linear credits need a percentage metric".into(),
                    );
                }
            }
            if let Some(cap) = &target.cap {
                cap_problems(
                    cap,
                    &mut |field, message| push(at(&format!("cap.{field}")), message),
                    &check_amount,
                );
            }
            for (k, reference) in target.supports.iter().enumerate() {
                if agreement.kind == AgreementKind::Sla {
                    push(
                        at(&format!("supports[{k}]")),
                        "only OLA and UC targets support other targets".into(),
                    );
                } else if !target_ids.contains(reference) {
                    push(
                        at(&format!("supports[{k}]")),
                        format!("no target `{reference}`; write agreement-id/target-id"),
                    );
                }
            }
        }
        if let Some(terms) = &agreement.credits {
            for (field, cap) in [
                ("period_cap", &terms.period_cap),
                ("year_cap", &terms.year_cap),
            ] {
                if let Some(cap) = cap {
                    cap_problems(
                        cap,
                        &mut |f, message| push(at(&format!("credits.{field}.{f}")), message),
                        &check_amount,
                    );
                }
            }
            if let Some(message) = terms.at_risk_percent.as_ref().and_then(percent_problem) {
                push(at("credits.at_risk_percent"), message);
            }
            if terms.earn_back_periods == Some(0) {
                push(at("credits.earn_back_periods"), "at least 1 period".into());
            }
            if let Some(repeat) = &terms.repeat_miss {
                if repeat.multiplier.value().numerator() < 0 {
                    push(
                        at("credits.repeat_miss.multiplier"),
                        "a multiplier cannot be negative".into(),
                    );
                }
            }
        }
        for (j, trigger) in agreement.termination.iter().enumerate() {
            let at = |field: &str| format!("agreements[{i}].termination[{j}].{field}");
            match trigger {
                TriggerDef::BelowMinimum { k, m, targets } => {
                    if *k == 0 || *m == 0 || k > m {
                        push(at("k"), format!("{k} of {m}: k must be between 1 and m"));
                    }
                    for (n, id) in targets.iter().enumerate() {
                        if !agreement.targets.iter().any(|t| &t.id == id) {
                            push(
                                at(&format!("targets[{n}]")),
                                format!("no target `{id}` in this agreement"),
                            );
                        }
                    }
                }
                TriggerDef::CreditsAtCap { k, m } => {
                    if *k == 0 || *m == 0 || k > m {
                        push(at("k"), format!("{k} of {m}: k must be between 1 and m"));
                    }
                    if agreement
                        .credits
                        .as_ref()
                        .and_then(|c| c.period_cap.as_ref())
                        .is_none()
                    {
                        push(
                            at("type"),
                            "credits at the cap need the agreement's credits.period_cap".into(),
                        );
                    }
                }
                TriggerDef::RollingAverageBelow {
                    target, periods, ..
                } => {
                    if *periods == 0 {
                        push(at("periods"), "at least 1 period".into());
                    }
                    if !agreement.targets.iter().any(|t| &t.id == target) {
                        push(
                            at("target"),
                            format!("no target `{target}` in this agreement"),
                        );
                    }
                }
            }
        }
    }
    problems
}

/// Why a level written as a percentage is not one the engine holds exactly
/// (between 0 and 100, at most 7 decimals: the credit arithmetic and the
/// error budget work in parts per billion of the whole), or `None`.
fn percent_problem(level: &Level) -> Option<String> {
    level.percent().err().map(|e| {
        format!(
            "`{}`: {e}; a percentage here is between 0 and 100 with at most 7 decimals",
            level.text()
        )
    })
}

fn credit_problems(credit: &CreditRule, push: &mut dyn FnMut(&str, String)) {
    match credit {
        CreditRule::Step { tiers } => {
            if tiers.is_empty() {
                push("tiers", "a schedule needs at least one tier".into());
            }
            for (k, tier) in tiers.iter().enumerate() {
                for (field, level) in [("below", &tier.below), ("credit", &tier.credit)] {
                    if let Some(message) = percent_problem(level) {
                        push(&format!("tiers[{k}].{field}"), message);
                    }
                }
                if let Some(previous) = k.checked_sub(1).and_then(|p| tiers.get(p)) {
                    if tier.below.value() >= previous.below.value() {
                        push(
                            &format!("tiers[{k}].below"),
                            "levels must fall from tier to tier".into(),
                        );
                    }
                    if tier.credit.value() < previous.credit.value() {
                        push(
                            &format!("tiers[{k}].credit"),
                            "credits must not fall as the level falls".into(),
                        );
                    }
                }
            }
        }
        CreditRule::Linear {
            below,
            per,
            rate,
            maximum,
        } => {
            for (field, level) in [
                ("below", Some(below)),
                ("per", Some(per)),
                ("rate", Some(rate)),
                ("maximum", maximum.as_ref()),
            ] {
                if let Some(message) = level.and_then(percent_problem) {
                    push(field, message);
                }
            }
            if per.value().numerator() == 0 {
                push("per", "a step of 0 points has no meaning".into());
            }
        }
        CreditRule::Fixed { .. } => {}
        CreditRule::Pool { allocation } => {
            if allocation.value().numerator() < 0 {
                push("allocation", "an allocation cannot be negative".into());
            }
        }
    }
}

/// Reports a problem at a path.
type Push<'a> = &'a mut dyn FnMut(String, String);

fn cap_problems(
    cap: &CapDef,
    push: &mut dyn FnMut(&str, String),
    check_amount: &dyn Fn(String, &Amount, Push),
) {
    match (&cap.amount, &cap.percent_of_charges) {
        (Some(_), Some(_)) | (None, None) => push(
            "amount",
            "a cap has either an amount or percent_of_charges".into(),
        ),
        (Some(amount), None) => {
            let mut problem = None;
            check_amount("amount".into(), amount, &mut |_, message| {
                problem = Some(message)
            });
            if let Some(message) = problem {
                push("amount", message);
            }
        }
        (None, Some(level)) => {
            if let Some(message) = percent_problem(level) {
                push("percent_of_charges", message);
            }
        }
    }
}

/// The most parts of one group of a service's dependencies (as the quick
/// calculator's composites; the line's reader limits the nesting).
const MAX_DEPENDENCY_PARTS: usize = 64;

/// The service of an SLA target: its metric's, else its agreement's.
pub(crate) fn target_service<'a>(agreement: &'a Agreement, target: &'a Target) -> Option<&'a str> {
    let of_metric = match &target.metric {
        Metric::Availability { service, .. }
        | Metric::ResponseTime { service, .. }
        | Metric::ResolutionTime { service, .. } => service.as_deref(),
        _ => None,
    };
    of_metric.or(agreement.service.as_deref())
}

/// The requirements and dependencies of each service: every reference
/// known and of the right kind, levels and times readable, no service
/// depending on itself (directly or through others), groups within bounds.
fn service_links(file: &AgreementFile, push: &mut dyn FnMut(String, String)) {
    let find = |reference: &str| {
        let (a, t) = reference.split_once('/')?;
        let agreement = file.agreements.iter().find(|x| x.id == a)?;
        Some((agreement, agreement.targets.iter().find(|x| x.id == t)?))
    };
    for (i, service) in file.services.iter().enumerate() {
        for (j, requirement) in service.requirements.iter().enumerate() {
            let at = |field: &str| format!("services[{i}].requirements[{j}].{field}");
            let Some((agreement, target)) = find(&requirement.target) else {
                push(
                    at("target"),
                    format!(
                        "no target is `{}` (write agreement-id/target-id)",
                        requirement.target
                    ),
                );
                continue;
            };
            if agreement.kind != AgreementKind::Sla {
                push(at("target"), format!("`{}` is a target of an {}: a requirement is what the customer asks of an SLA", requirement.target, agreement.kind.label()));
                continue;
            }
            if let Some(of) = target_service(agreement, target) {
                if of != service.id {
                    push(
                        at("target"),
                        format!(
                            "`{}` is a target of service `{of}`, not of `{}`",
                            requirement.target, service.id
                        ),
                    );
                }
            }
            if target.metric.unit() == "%" {
                if let Err(e) = requirement.expected.percent() {
                    push(at("expected"), format!("not a percentage: {e}"));
                }
            }
            let timed = matches!(
                target.metric,
                Metric::ResponseTime { .. } | Metric::ResolutionTime { .. }
            );
            if requirement.within.is_some() && !timed {
                push(at("within"), format!("`{}` measures {}: only a response- or resolution-time requirement has a time", requirement.target, target.metric.label()));
            }
        }
        if let Some(line) = &service.dependencies {
            let path = format!("services[{i}].dependencies");
            match Dependency::parse(line) {
                Ok(dependency) => {
                    dependency_problems(file, &find, &dependency, &path, &service.id, push);
                    // The parts are taken to fail independently: one named
                    // twice would be counted as two.
                    let mut names = Vec::new();
                    named_parts(&dependency, &mut names);
                    crate::order::sort(&mut names);
                    names.dedup_by(|a, b| {
                        if a == b {
                            push(path.clone(), format!("`{a}` is named twice: the parts of a service's dependencies are taken to fail independently, so one part cannot be two"));
                        }
                        a == b
                    });
                }
                Err(why) => push(path, format!("`{line}` cannot be read: {why}")),
            }
        }
    }
    // A service may not depend on itself through others.
    for (i, service) in file.services.iter().enumerate() {
        let named = |s: &super::Service| -> Vec<String> {
            s.dependencies
                .as_deref()
                .and_then(|line| Dependency::parse(line).ok())
                .map(|d| services_named(&d).into_iter().map(str::to_string).collect())
                .unwrap_or_default()
        };
        let mut seen = vec![service.id.clone()];
        let mut next: Vec<String> = named(service);
        while let Some(id) = next.pop() {
            // A service naming itself directly is said by `dependency_problems`.
            if id == service.id && seen.len() > 1 {
                push(
                    format!("services[{i}].dependencies"),
                    format!(
                        "service `{}` depends on itself through {}",
                        service.id,
                        seen[1..]
                            .iter()
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                break;
            }
            if seen.contains(&id) {
                continue;
            }
            if let Some(other) = file.services.iter().find(|s| s.id == id) {
                next.extend(named(other));
            }
            seen.push(id);
        }
    }
}

/// Every part a dependency tree names (`agreement/target`, `service:id`).
fn named_parts(dependency: &Dependency, out: &mut Vec<String>) {
    match dependency {
        Dependency::Target(reference) => out.push(reference.clone()),
        Dependency::Service(id) => out.push(format!("service:{id}")),
        Dependency::Serial(parts)
        | Dependency::Parallel(parts)
        | Dependency::KOfN { of: parts, .. } => {
            for part in parts {
                named_parts(part, out);
            }
        }
    }
}

/// The services a dependency tree names.
pub(crate) fn services_named(dependency: &Dependency) -> Vec<&str> {
    match dependency {
        Dependency::Target(_) => Vec::new(),
        Dependency::Service(id) => vec![id.as_str()],
        Dependency::Serial(parts)
        | Dependency::Parallel(parts)
        | Dependency::KOfN { of: parts, .. } => parts.iter().flat_map(services_named).collect(),
    }
}

/// The problems of a service's dependencies, all at the field's `path`,
/// each naming the part it is about.
fn dependency_problems<'a>(
    file: &AgreementFile,
    find: &dyn Fn(&str) -> Option<(&'a Agreement, &'a Target)>,
    dependency: &Dependency,
    path: &str,
    service: &str,
    push: &mut dyn FnMut(String, String),
) {
    let mut say = |why: String| push(path.to_string(), why);
    match dependency {
        Dependency::Target(reference) => match find(reference) {
            None => say(format!(
                "no target is `{reference}` (write agreement-id/target-id)"
            )),
            Some((agreement, _)) if agreement.kind == AgreementKind::Sla => say(format!(
                "`{reference}` is an SLA target: a dependency is an OLA or UC target (or a service)"
            )),
            Some((_, target)) if !matches!(target.metric, Metric::Availability { .. }) => {
                say(format!(
                    "`{reference}` measures {}: a dependency is an availability target",
                    target.metric.label()
                ))
            }
            Some(_) => {}
        },
        Dependency::Service(id) if id == service => {
            say(format!("service `{id}` cannot depend on itself"));
        }
        Dependency::Service(id) => {
            if !file.services.iter().any(|s| &s.id == id) {
                say(format!("no service has the id `{id}`"));
            }
        }
        Dependency::Serial(parts)
        | Dependency::Parallel(parts)
        | Dependency::KOfN { of: parts, .. } => {
            if matches!(dependency, Dependency::KOfN { k, of } if *k == 0 || *k > of.len()) {
                say(format!(
                    "`{}`: k is from 1 to the number of parts",
                    dependency.to_text()
                ));
            }
            if parts.len() > MAX_DEPENDENCY_PARTS {
                say(format!("a group of more than {MAX_DEPENDENCY_PARTS} parts"));
            }
            for part in parts {
                dependency_problems(file, find, part, path, service, push);
            }
        }
    }
}

/// Turns a calendar definition into a [`Calendar`].
///
/// # Errors
/// Every field at fault, with its path inside the calendar.
pub fn compile_calendar(def: &CalendarDef) -> Result<Calendar, Vec<FileError>> {
    let problems = calendar_problems(def);
    if !problems.is_empty() {
        return Err(problems);
    }
    let time_zone = Zone::named(&def.time_zone).unwrap_or_else(Zone::utc);
    let hours = WeeklyHours::parse(&def.hours).unwrap_or_else(|_| WeeklyHours::always());
    let holidays = def.holidays.iter().filter_map(|d| iso::date(d)).collect();
    let exclusions = def
        .exclusions
        .iter()
        .filter_map(|w| Interval::new(w.start.instant(&time_zone)?, w.end.instant(&time_zone)?))
        .collect();
    Ok(Calendar {
        time_zone,
        hours,
        holidays,
        exclusions,
    })
}

fn calendar_problems(def: &CalendarDef) -> Vec<FileError> {
    let mut problems = Vec::new();
    let zone = Zone::named(&def.time_zone).unwrap_or_else(|| {
        problems.push(FileError::at(
            "time_zone",
            format!(
                "`{}` is not an IANA time zone such as Europe/Berlin",
                def.time_zone
            ),
        ));
        Zone::utc()
    });
    match WeeklyHours::parse(&def.hours) {
        Err(e) => problems.push(FileError::at("hours", e.to_string())),
        Ok(hours) if hours == WeeklyHours::none() => problems.push(FileError::at(
            "hours",
            "a calendar without service hours gives no service time, so no target on it could be measured; write e.g. 24x7 or Mon-Fri 08:00-18:00",
        )),
        Ok(_) => {}
    }
    for (k, day) in def.holidays.iter().enumerate() {
        if iso::date(day).is_none() {
            problems.push(FileError::at(
                format!("holidays[{k}]"),
                format!("`{day}` is not a date like 2026-12-25"),
            ));
        }
    }
    for (k, window) in def.exclusions.iter().enumerate() {
        match (window.start.instant(&zone), window.end.instant(&zone)) {
            (Some(start), Some(end)) if end < start => problems.push(FileError::at(
                format!("exclusions[{k}].end"),
                "the exclusion ends before it starts",
            )),
            (Some(_), Some(_)) => {}
            _ => problems.push(FileError::at(format!("exclusions[{k}]"), "out of range")),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn minimal() -> serde_json::Value {
        serde_json::json!({
            "format": "sla-agreements",
            "version": 1,
            "name": "Example",
            "currency": "EUR",
            "time_zone": "Europe/Berlin",
            "provider": {"name": "ACME IT"},
            "services": [{"id": "mail", "name": "E-mail", "monthly_charge": "10000.00"}],
            "customers": [{"id": "finance", "name": "Finance", "services": ["mail"]}],
            "agreements": [{
                "id": "sla-mail", "name": "E-mail SLA", "kind": "sla",
                "structure": "service_based", "service": "mail",
                "targets": [{
                    "id": "availability", "name": "Availability",
                    "metric": {"type": "availability"},
                    "expected": "99.9", "minimum": "99.0",
                    "credit": {"type": "step", "tiers": [
                        {"below": "99.9", "credit": "10"},
                        {"below": "99.0", "credit": "25"}
                    ]}
                }]
            }]
        })
    }

    fn errors_of(value: &serde_json::Value) -> Vec<FileError> {
        agreements(&value.to_string()).expect_err("invalid")
    }

    #[test]
    fn a_minimal_file_is_accepted() {
        let file = agreements(&minimal().to_string()).expect("valid");
        assert_eq!(file.agreements[0].targets[0].expected.text(), "99.9");
    }

    #[test]
    fn unknown_fields_name_their_json_path() {
        let mut value = minimal();
        value["agreements"][0]["targets"][0]["expcted"] = "99".into();
        let errors = errors_of(&value);
        assert_eq!(
            errors[0].path, "agreements[0].targets[0].expcted",
            "{errors:?}"
        );
        assert!(errors[0].message.contains("unknown field"), "{errors:?}");
    }

    #[test]
    fn invalid_values_name_their_json_path_line_and_column() {
        let text = minimal()
            .to_string()
            .replace("\"expected\":\"99.9\"", "\"expected\":99.9");
        let errors = agreements(&text).expect_err("a float");
        assert_eq!(errors[0].path, "agreements[0].targets[0].expected");
        assert_eq!(errors[0].line, Some(1));
        assert!(errors[0].column.is_some_and(|c| c > 100));
        assert!(errors[0].message.contains("\"99.9\""), "{}", errors[0]);
    }

    #[test]
    fn broken_json_says_line_and_column() {
        let errors = agreements("{\n  \"format\": \"sla-agreements\",\n  \"version\": 1,,\n}")
            .expect_err("broken");
        assert_eq!((errors[0].line, errors[0].column), (Some(3), Some(16)));
        assert!(errors[0]
            .to_string()
            .starts_with("line 3, column 16, .: not valid JSON"));
    }

    #[test]
    fn the_first_look_refuses_what_is_not_an_object_and_lets_the_last_of_two_formats_win() {
        for text in ["[1, 2]", "\"sla-agreements\"", "null"] {
            let errors = agreements(text).expect_err("not an object");
            assert_eq!(errors[0].to_string(), ".: the file must be a JSON object");
        }
        // The field given twice: the last one is the file's, as before.
        let errors = measurements(
            r#"{"format": "sla-agreements", "format": "sla-measurements", "version": 1, "outages": []}"#,
        )
        .expect_err("repeated");
        assert_eq!(errors[0].path, "format", "{errors:?}");
        assert!(errors[0].message.contains("duplicate field"), "{errors:?}");
        let errors = measurements(r#"{"format": "sla-agreements", "version": 1}"#)
            .expect_err("another kind");
        assert_eq!(
            errors[0].to_string(),
            "format: this is a `sla-agreements` file; expected `sla-measurements`"
        );
    }

    #[test]
    fn newer_and_unknown_versions_are_refused_clearly() {
        let mut value = minimal();
        value["version"] = 2.into();
        assert!(errors_of(&value)[0].message.contains("newer calculator"));
        value["version"] = 0.into();
        assert!(errors_of(&value)[0].message.contains("not a known version"));
        value["format"] = "sla-measurements".into();
        assert_eq!(errors_of(&value)[0].path, "format");
    }

    #[test]
    fn cross_references_are_checked_with_paths() {
        let mut value = minimal();
        value["agreements"][0]["targets"][0]["calendar"] = "office".into();
        value["customers"][0]["services"][0] = "web".into();
        value["agreements"][0]["targets"][0]["credit"]["tiers"][1]["below"] = "99.95".into();
        let paths: Vec<String> = errors_of(&value).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            [
                "customers[0].services[0]",
                "agreements[0].targets[0].calendar",
                "agreements[0].targets[0].credit.tiers[1].below"
            ]
        );
    }

    #[test]
    fn a_minimum_better_than_expected_is_an_error() {
        let mut value = minimal();
        value["agreements"][0]["targets"][0]["minimum"] = "99.95".into();
        let errors = errors_of(&value);
        assert_eq!(errors[0].path, "agreements[0].targets[0].minimum");
    }

    #[test]
    fn an_ola_with_an_external_supplier_is_a_uc() {
        let mut value = minimal();
        value["suppliers"] = serde_json::json!([{"id": "carrier", "name": "Carrier AG"}]);
        value["agreements"]
            .as_array_mut()
            .expect("array")
            .push(serde_json::json!({
                "id": "ola-net", "name": "Network", "kind": "ola",
                "service": "mail", "supplier": "carrier",
                "targets": [{"id": "a", "name": "A", "metric": {"type": "availability"},
                             "expected": "99.95", "supports": ["sla-mail/availability"]}]
            }));
        let errors = errors_of(&value);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].message.contains("is a UC"), "{errors:?}");
    }

    #[test]
    fn arbitrary_json_never_panics() {
        use proptest::prelude::*;
        proptest!(|(text in "\\PC{0,200}")| {
            let _ = agreements(&text);
            let _ = measurements(&text);
        });
        // Mutations of a valid file: each byte replaced in turn.
        let text = minimal().to_string();
        for i in 0..text.len() {
            for replacement in ["", "0", "\"", "{", "-", "é"] {
                let mut mutated = text.clone();
                if mutated.is_char_boundary(i) && mutated.is_char_boundary(i + 1) {
                    mutated.replace_range(i..i + 1, replacement);
                    let _ = agreements(&mutated);
                }
            }
        }
    }
}
