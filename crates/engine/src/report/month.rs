//! One month of availability against an agreement file: the narrow entry
//! that the embed (`embed.html`) computes with.
//!
//! [`month`] gives, for the terms a one-month service-credit calculator can
//! hold (availability targets measured per month, from outage records; step,
//! linear and fixed credits; target, period and year caps; rounding;
//! calendars; every agreement kind and structure), the same target and
//! credit-group figures, with the same explanations, as [`super::report`]
//! gives for a span of that one month. It leaves out what such terms cannot
//! contain (tickets, events, samples and manual values; at-risk pools,
//! earn-back, repeat-miss multipliers, termination rights, attribution to
//! suppliers) and refuses terms that hold any of it, at its path, so that a
//! page that only needs this does not carry the general report.
//!
//! The conventions are the report's, through the same pieces:
//! [`crate::metrics::availability`] for what counts as downtime,
//! [`crate::compliance::status`] for the status, the credit schedules of
//! [`crate::credits`] for tier edges and shortfalls, [`crate::credits::adjust`]
//! for caps and [`Money`] for rounding. As in the report, a year cap counts
//! the months of the year before this one from the first outage record on
//! (`docs/conventions.md`, "Earlier periods"). `tests` below compare every
//! figure with [`super::report`]'s over generated terms and outages.

use crate::compliance::Status;
use crate::credits::adjust::{self, Cap};
use crate::credits::linear::LinearShortfall;
use crate::credits::schedule::{StepSchedule, Tier as StepTier, TierEdge};
use crate::metrics::availability::{self, Excluded, Outage};
use crate::model::load::{compile_calendar, FileError};
use crate::model::resolve::{instances, Instance};
use crate::model::{
    AgreementFile, AgreementKind, Amount, CapDef, CreditRule, Direction, DowntimeDef, FixedPer,
    Metric, OutageRecord, PeriodKind, RoundingDef,
};
use crate::money::{Currency, Money, Rounding};
use crate::time::{Calendar, Interval, ReportPeriod, UnixNanos, Zone};
use crate::{Explanation, Percent, Ratio, TimeSpan};

use super::{
    display_value, label_range, level_value, margin, money_line, money_text, signed_span_text,
    span_text, split_by_weights, Budget, Facts, GroupPeriod, GroupReport, Line, NextTier, Span,
    TargetPeriod, TargetReport,
};

/// The figures of one month: each target instance of the agreement file
/// and each credit group, as in [`super::Report`]'s `targets` and `groups`
/// for a span of that month (one period each).
#[derive(Debug, Clone, PartialEq)]
pub struct MonthReport {
    /// The agreement file's name.
    pub name: String,
    pub currency: Currency,
    /// The month reported on: `Span::Months` with `first == last`.
    pub span: Span,
    /// Every target instance, in the order of [`super::Report::targets`],
    /// each with the month as its one period.
    pub targets: Vec<TargetReport>,
    /// Every credit group, in the order of [`super::Report::groups`], each
    /// with the month as its one period and no termination rights.
    pub groups: Vec<GroupReport>,
}

/// The figures of `month` (year, month) for the agreement file and outage
/// records, as [`super::report`] gives them for a measurement file holding
/// these outages (read in the agreement file's zone) and a span of that
/// month. A record that no target counts (an unknown service, a time out of
/// range, an unreadable impact) is left out, as the report leaves it out.
///
/// # Errors
/// What [`crate::model::load::validate`] refuses in the file, and each part
/// of it that one month of availability does not compute (another metric or
/// period, pool credits, an amount at risk, earn-back, repeat-miss
/// multipliers, termination rights, attribution to suppliers), at its path:
/// [`super::report`] reads those.
pub fn month(
    file: &AgreementFile,
    outages: &[OutageRecord],
    (year, month): (i32, u32),
) -> Result<MonthReport, Vec<FileError>> {
    let refused = check(file);
    if !refused.is_empty() {
        return Err(refused);
    }
    let span = Span::Months {
        first: (year, month),
        last: (year, month),
    };
    let instances = instances(file);
    let context = Context::new(file, &instances, outages);
    let mut targets = Vec::new();
    for instance in &instances {
        let months = context.history(instance, (year, month));
        targets.push(target_report(&context, instance, &months));
    }
    let groups = groups(&context, &instances, &mut targets, (year, month));
    // The months before this one were worked out for the year cap only.
    for target in &mut targets {
        target.periods.retain(|p| p.period == reported(year, month));
    }
    Ok(MonthReport {
        name: file.name.clone(),
        currency: context.currency,
        span,
        targets,
        groups,
    })
}

fn reported(year: i32, month: u32) -> ReportPeriod {
    ReportPeriod::Month { year, month }
}

/// What [`month`] refuses in a file: what [`crate::model::load::validate`]
/// refuses, then each part that one month of availability does not
/// compute, at its path. Empty when [`month`] computes the file.
pub fn check(file: &AgreementFile) -> Vec<FileError> {
    let mut refused = crate::model::load::validate(file);
    refused.extend(not_computed(file));
    refused
}

/// The parts of a file that one month of availability does not compute,
/// at their paths.
fn not_computed(file: &AgreementFile) -> Vec<FileError> {
    let mut out = Vec::new();
    let mut push = |path: String, what: &str| {
        out.push(FileError {
            path,
            line: None,
            column: None,
            message: format!("{what} are not computed for one month of availability; a full report computes them"),
        })
    };
    for (i, agreement) in file.agreements.iter().enumerate() {
        if !agreement.termination.is_empty() {
            push(format!("agreements[{i}].termination"), "termination rights");
        }
        if let Some(terms) = &agreement.credits {
            if terms.at_risk_percent.is_some() {
                push(
                    format!("agreements[{i}].credits.at_risk_percent"),
                    "amounts at risk",
                );
            }
            if terms.earn_back_periods.is_some() {
                push(
                    format!("agreements[{i}].credits.earn_back_periods"),
                    "earn-back periods",
                );
            }
            if terms.repeat_miss.is_some() {
                push(
                    format!("agreements[{i}].credits.repeat_miss"),
                    "repeat-miss multipliers",
                );
            }
        }
        for (j, target) in agreement.targets.iter().enumerate() {
            let at = |field: &str| format!("agreements[{i}].targets[{j}].{field}");
            match &target.metric {
                Metric::Availability {
                    attribute_to_suppliers: true,
                    ..
                } => push(
                    at("metric.attribute_to_suppliers"),
                    "attributions to suppliers",
                ),
                Metric::Availability { .. } => {}
                _ => push(at("metric"), "metrics other than availability"),
            }
            if target.period != PeriodKind::Month {
                push(at("period"), "periods other than a month");
            }
            if let Some(CreditRule::Pool { .. }) = target.credit {
                push(at("credit"), "pool credits");
            }
        }
    }
    out
}

/// What every instance shares: the zone, currency, calendars, and the
/// outage records that some target counts.
struct Context<'a> {
    file: &'a AgreementFile,
    zone: Zone,
    currency: Currency,
    calendars: Vec<(String, Calendar)>,
    /// (service, outage, index in the records given) of each record used.
    outages: Vec<(String, Outage, usize)>,
    /// The earliest instant of the records used (the measurements begin there).
    first: Option<UnixNanos>,
}

impl<'a> Context<'a> {
    fn new(
        file: &'a AgreementFile,
        instances: &[Instance],
        records: &[OutageRecord],
    ) -> Context<'a> {
        // `validate` has checked the zone, the currency and the calendars.
        let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
        let currency = Currency::new(&file.currency)
            .or_else(|_| Currency::new("XXX"))
            .unwrap_or_else(|_| super::unreachable_currency());
        let calendars = file
            .calendars
            .iter()
            .filter_map(|c| Some((c.id.clone(), compile_calendar(c).ok()?)))
            .collect();
        let measured = Measured::of(file, instances);
        let mut outages = Vec::new();
        for (index, o) in records.iter().enumerate() {
            let (Some(start), Some(end)) = (o.start.instant(&zone), o.end.instant(&zone)) else {
                continue;
            };
            if !measured.counts(&o.service, o.supplier.as_ref()) {
                continue;
            }
            let impact = match &o.impact {
                None => Percent::HUNDRED,
                Some(level) => match level.percent() {
                    Ok(p) => p,
                    Err(_) => continue,
                },
            };
            outages.push((
                o.service.clone(),
                Outage {
                    start,
                    end,
                    impact,
                    planned: o.planned,
                    supplier: o.supplier.clone(),
                },
                index,
            ));
        }
        let first = outages.iter().map(|(_, o, _)| o.start.min(o.end)).min();
        Context {
            file,
            zone,
            currency,
            calendars,
            outages,
            first,
        }
    }

    fn calendar(&self, id: Option<&str>) -> Calendar {
        id.and_then(|id| self.calendars.iter().find(|(c, _)| c == id))
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| Calendar {
                time_zone: self.zone.clone(),
                ..Calendar::always()
            })
    }

    fn money(&self, amount: Option<&Amount>) -> Money {
        amount
            .and_then(|a| Money::parse(&a.0, self.currency).ok())
            .unwrap_or_else(|| Money::zero(self.currency))
    }

    fn cap(&self, cap: &CapDef) -> Option<Cap> {
        match (&cap.amount, &cap.percent_of_charges) {
            (Some(amount), _) => Some(Cap::Amount(self.money(Some(amount)))),
            (None, Some(level)) => level.percent().ok().map(Cap::PercentOfCharges),
            (None, None) => None,
        }
    }

    fn agreement(&self, id: &str) -> Option<&'a crate::model::Agreement> {
        self.file.agreements.iter().find(|a| a.id == id)
    }

    /// The monthly charges of an agreement for a set of services: the
    /// agreement's own, else the sum of the services'.
    fn monthly_charge(&self, agreement: &str, services: &[String]) -> Money {
        if let Some(charge) = self
            .agreement(agreement)
            .and_then(|a| a.monthly_charge.as_ref())
        {
            return self.money(Some(charge));
        }
        let minor = self
            .file
            .services
            .iter()
            .filter(|s| services.contains(&s.id))
            .map(|s| self.money(s.monthly_charge.as_ref()).minor_units())
            .fold(0i64, i64::saturating_add);
        Money::new(minor, self.currency)
    }

    /// The months an instance's credit group is worked out over, ending
    /// with `month`: with a year cap, the months of the year before it from
    /// the month of the first outage record on (their credits count toward
    /// the cap), else `month` alone; as the report's look-back
    /// (`docs/conventions.md`, "Earlier periods").
    fn history(&self, instance: &Instance, month: (i32, u32)) -> Vec<ReportPeriod> {
        let year_cap = self
            .agreement(&instance.agreement)
            .and_then(|a| a.credits.as_ref())
            .is_some_and(|c| c.year_cap.is_some());
        let measured = self.first.and_then(|first| self.zone.local_date(first));
        let first = match measured {
            Some(date) if year_cap => {
                use chrono::Datelike;
                let from = (date.year(), date.month());
                if from.0 == month.0 && from < month {
                    from
                } else if from < month {
                    (month.0, 1)
                } else {
                    month
                }
            }
            _ => month,
        };
        (first.1..=month.1)
            .map(|m| ReportPeriod::Month {
                year: month.0,
                month: m,
            })
            .collect()
    }
}

/// Which outage records some target counts (as the report decides it):
/// the file's services, and per service measured by an availability target
/// the suppliers whose outages count (`None`: every outage).
struct Measured {
    services: Vec<String>,
    outages_of: Vec<(String, Option<Vec<String>>)>,
}

impl Measured {
    fn of(file: &AgreementFile, instances: &[Instance]) -> Measured {
        let mut outages_of: Vec<(String, Option<Vec<String>>)> = Vec::new();
        for instance in instances {
            if !matches!(instance.target.metric, Metric::Availability { .. }) {
                continue;
            }
            for service in &instance.services {
                let at = match outages_of.iter().position(|(s, _)| s == service) {
                    Some(at) => at,
                    None => {
                        outages_of.push((service.clone(), Some(Vec::new())));
                        outages_of.len() - 1
                    }
                };
                let entry = &mut outages_of[at].1;
                match (&instance.supplier, entry.as_mut()) {
                    (Some(supplier), Some(list)) if !list.contains(supplier) => {
                        list.push(supplier.clone());
                    }
                    (None, _) => *entry = None,
                    _ => {}
                }
            }
        }
        Measured {
            services: file.services.iter().map(|s| s.id.clone()).collect(),
            outages_of,
        }
    }

    fn counts(&self, service: &str, supplier: Option<&String>) -> bool {
        if !self.services.iter().any(|s| s == service) {
            return false;
        }
        match self.outages_of.iter().find(|(s, _)| s == service) {
            None => false,
            Some((_, Some(suppliers))) => supplier.is_some_and(|s| suppliers.contains(s)),
            Some((_, None)) => true,
        }
    }
}

/// The downtime conventions of an availability target.
fn downtime_rules(metric: &Metric) -> availability::DowntimeRules {
    let def = match metric {
        Metric::Availability {
            downtime: Some(def),
            ..
        } => def.clone(),
        _ => DowntimeDef::default(),
    };
    super::downtime_rules(&def)
}

/// One instance over `months` (the last is the month reported; the earlier
/// ones count toward a year cap and are not explained).
fn target_report(context: &Context, instance: &Instance, months: &[ReportPeriod]) -> TargetReport {
    let target = &instance.target;
    let direction = target
        .direction
        .unwrap_or_else(|| target.metric.default_direction());
    let monthly = context.monthly_charge(&instance.agreement, &instance.services);
    let rules = downtime_rules(&target.metric);
    // Each service's records that count for the instance (for an OLA or UC
    // only its supplier's), screened once for every month.
    let services: Vec<(Vec<usize>, availability::Screened)> = instance
        .services
        .iter()
        .map(|service| {
            let (places, outages): (Vec<usize>, Vec<Outage>) = context
                .outages
                .iter()
                .filter(|(s, o, _)| {
                    s == service
                        && instance
                            .supplier
                            .as_ref()
                            .is_none_or(|sup| o.supplier.as_ref() == Some(sup))
                })
                .map(|(_, o, index)| (*index, o.clone()))
                .unzip();
            let screened = availability::Screened::new(&outages, &rules);
            (places, screened)
        })
        .collect();
    let mut periods = Vec::new();
    for (index, &period) in months.iter().enumerate() {
        let Some(window) = period.window(&context.zone) else {
            continue;
        };
        let in_span = index + 1 == months.len();
        let charges = monthly;
        let at = (period, window, charges);
        let mut result = evaluate(context, instance, &services, direction, at, in_span);
        let mut credit = result.credit_raw;
        if let Some(cap) = &target.cap {
            let cap = context.cap(cap);
            let capped = adjust::cap_target(credit, cap.as_ref(), charges);
            if in_span && capped.value != credit {
                result
                    .explanations
                    .push(Line::new("target cap", capped.explanation));
            }
            credit = capped.value;
        }
        if let ReportPeriod::Month { year, .. } = period {
            result.facts.year = Some(year);
        }
        result.facts.before_measurements = context.first.is_none_or(|first| window.end() <= first);
        result.credit = credit;
        result.credit_paid = credit;
        periods.push(result);
    }
    let agreement = context.agreement(&instance.provenance.agreement);
    TargetReport {
        key: instance.key.clone(),
        agreement: instance.provenance.agreement.clone(),
        kind: agreement.map_or(AgreementKind::Sla, |a| a.kind),
        target: target.id.clone(),
        name: target.name.clone(),
        metric: target.metric.label(),
        unit: target.metric.unit(),
        direction,
        expected: target.expected.clone(),
        minimum: target.minimum.clone(),
        critical: target.critical,
        customer: instance.customer.clone(),
        services: instance.services.clone(),
        supplier: instance.supplier.clone(),
        provenance: instance.provenance.describe(),
        periods,
    }
}

/// An availability target in one month: achieved, status, error budget,
/// raw credit and the explanations (when `explain`), in the report's words.
fn evaluate(
    context: &Context,
    instance: &Instance,
    services: &[(Vec<usize>, availability::Screened)],
    direction: Direction,
    (period, window, charges): (ReportPeriod, Interval, Money),
    explain: bool,
) -> TargetPeriod {
    let target = &instance.target;
    let metric = &target.metric;
    let calendar = context.calendar(target.calendar.as_deref());
    let rules = downtime_rules(metric);
    let expected = level_value(metric, &target.expected);
    let minimum = target.minimum.as_ref().map(|m| level_value(metric, m));
    let mut explanations = Vec::new();
    let mut excluded = Vec::new();
    let mut facts = Facts::default();
    let mut budget = None;
    let service_instants = calendar.service_time(window);
    let mut service_time = 0i128;
    let mut down = 0i128;
    for (service, (places, screened)) in instance.services.iter().zip(services) {
        let result = screened.availability(&service_instants, window, &rules, explain);
        for Excluded { record, reason } in &result.excluded {
            if let Some(place) = places.get(*record) {
                excluded.push(format!("outages[{place}]: {reason}"));
            }
        }
        service_time += i128::from(result.service_time.nanos());
        down += i128::from(result.downtime.nanos());
        if explain {
            let label = if instance.services.len() > 1 {
                format!("availability of {service}")
            } else {
                "availability".into()
            };
            explanations.push(Line::new(&label, result.explanation));
        }
    }
    let nanos = |n: i128| TimeSpan::from_nanos(i64::try_from(n).unwrap_or(i64::MAX));
    facts.service_time = nanos(service_time).unwrap_or_default();
    facts.downtime = nanos(down).unwrap_or_default();
    if explain && instance.services.len() > 1 {
        explanations.push(Line::new(
            "combined availability", Explanation {
                formula: "combined availability = (Σ service time − Σ downtime) ÷ Σ service time over the customer's services".into(),
                substituted: format!(
                    "({} s − {} s) ÷ {} s",
                    facts.service_time.exact_seconds(),
                    facts.downtime.exact_seconds(),
                    facts.service_time.exact_seconds()
                ),
                convention: format!("services combined: {}", instance.services.join(", ")),
            },
        ));
    }
    let achieved = Ratio::new(service_time - down, service_time);
    if explain {
        // The quick calculator's rule: service time × (100 % − expected),
        // rounded half up to the nanosecond.
        let allowed = target
            .expected
            .percent()
            .map(|level| {
                i128::from(
                    crate::quick::allowed_downtime_within(level, facts.service_time, "")
                        .value
                        .nanos(),
                )
            })
            .unwrap_or_default();
        let left = allowed - down;
        let span = |n: i128| nanos(n.max(0)).unwrap_or_default();
        budget = Some(Budget {
            allowed: span(allowed),
            used: span(down),
            left_nanos: i64::try_from(left).unwrap_or(if left < 0 { i64::MIN } else { i64::MAX }),
            burn_rate: Ratio::new(down, allowed),
        });
        explanations.push(Line::new(
            "error budget", Explanation {
                formula: "budget = service time × (100 % − expected); left = budget − downtime; burn rate = downtime ÷ budget".into(),
                substituted: format!(
                    "{} × (100 % − {} %) = {}; left {}",
                    span_text(service_time),
                    target.expected.text(),
                    span_text(allowed),
                    signed_span_text(left)
                ),
                convention: "budget rounded half up to the nanosecond, as in the quick calculator".into(),
            },
        ));
    }
    let excluded_period = target.excluded_periods.iter().any(|p| {
        ReportPeriod::parse(p, &context.zone).is_ok_and(|q| {
            q.window(&context.zone)
                .is_some_and(|w| w.start() <= window.start() && window.end() <= w.end())
        })
    });
    let status = if excluded_period {
        Status::Excluded
    } else {
        crate::compliance::status(achieved, expected, minimum, direction)
    };
    let unit = metric.unit();
    if explain {
        explanations.push(Line::new(
            "status", Explanation {
                formula: match direction {
                    Direction::AtLeast => "met if achieved ≥ expected; below minimum if achieved < minimum; otherwise missed".into(),
                    Direction::AtMost => "met if achieved ≤ expected; below minimum if achieved > minimum; otherwise missed".into(),
                },
                substituted: format!(
                    "achieved {} vs expected {}{unit}{} → {}",
                    achieved.map(|a| format!("{}{unit}", display_value(metric, a))).unwrap_or_else(|| "no data".into()),
                    target.expected.text(),
                    target.minimum.as_ref().map(|m| format!(", minimum {}{unit}", m.text())).unwrap_or_default(),
                    status.label()
                ),
                convention: if excluded_period {
                    "the agreement excludes this period for this target: no status, no credit".into()
                } else {
                    "levels compared exactly (no rounding before the comparison)".into()
                },
            },
        ));
    }
    let rounding = match context
        .agreement(&instance.agreement)
        .and_then(|a| a.credits.as_ref())
        .and_then(|c| c.rounding)
    {
        Some(RoundingDef::Down) => Rounding::Down,
        Some(RoundingDef::Up) => Rounding::Up,
        _ => Rounding::HalfUp,
    };
    let mut next_tier = None;
    let mut credit = Money::zero(context.currency);
    let rule = if excluded_period {
        None
    } else {
        target.credit.as_ref()
    };
    match (rule, achieved) {
        (Some(CreditRule::Step { tiers }), Some(achieved)) => {
            let tiers: Vec<StepTier> = tiers
                .iter()
                .filter_map(|t| {
                    Some(StepTier {
                        level: t.below.percent().ok()?,
                        edge: if t.inclusive {
                            TierEdge::Inclusive
                        } else {
                            TierEdge::Exclusive
                        },
                        credit: t.credit.percent().ok()?,
                    })
                })
                .collect();
            if let Ok(schedule) = StepSchedule::new(tiers) {
                let step = schedule.credit_for(achieved);
                credit = charges.percent(step.value.credit, rounding);
                if explain {
                    explanations.push(Line::new("credit tier", step.explanation));
                    explanations.push(Line::new(
                        "credit amount",
                        money_line(charges, step.value.credit, credit, rounding),
                    ));
                    if facts.service_time.nanos() > 0 {
                        next_tier = schedule
                            .next_tier(achieved, facts.service_time, facts.downtime)
                            .map(|next| NextTier {
                                extra_downtime: next.extra_downtime,
                                from: step.value.credit,
                                to: next.credit,
                            });
                    }
                }
            }
        }
        (
            Some(CreditRule::Linear {
                below,
                per,
                rate,
                maximum,
            }),
            Some(achieved),
        ) => {
            if let (Ok(target_level), Ok(step), Ok(rate)) =
                (below.percent(), per.percent(), rate.percent())
            {
                let rule = LinearShortfall {
                    target: target_level,
                    step,
                    rate,
                    maximum: maximum
                        .as_ref()
                        .and_then(|m| m.percent().ok())
                        .unwrap_or(Percent::HUNDRED),
                };
                let linear = rule.credit_for(achieved);
                credit = charges.percent(linear.value.credit, rounding);
                if explain {
                    explanations.push(Line::new("linear credit", linear.explanation));
                    explanations.push(Line::new(
                        "credit amount",
                        money_line(charges, linear.value.credit, credit, rounding),
                    ));
                }
            }
        }
        (Some(CreditRule::Fixed { amount, per }), _) => {
            let amount = context.money(Some(amount));
            // An availability target has no tickets: a credit per breached
            // ticket counts none.
            let count = match per {
                FixedPer::Breach => {
                    usize::from(matches!(status, Status::Missed | Status::BelowMinimum))
                }
                FixedPer::BreachedTicket => 0,
            };
            credit = Money::new(
                amount
                    .minor_units()
                    .saturating_mul(i64::try_from(count).unwrap_or(i64::MAX)),
                context.currency,
            );
            if explain {
                explanations.push(Line::new(
                    "fixed credit",
                    Explanation {
                        formula: match per {
                            FixedPer::Breach => {
                                "credit = fixed amount if the target is missed".into()
                            }
                            FixedPer::BreachedTicket => {
                                "credit = fixed amount × breached tickets".into()
                            }
                        },
                        substituted: format!(
                            "{} × {count} = {}",
                            amount.to_plain_string(),
                            credit.to_plain_string()
                        ),
                        convention: "fixed amounts are not rounded".into(),
                    },
                ));
            }
        }
        _ => {}
    }
    TargetPeriod {
        period,
        window,
        achieved,
        status,
        margin: achieved.map(|a| margin(metric.unit() == "%", a, expected)),
        budget,
        next_tier,
        credit_raw: credit,
        credit,
        credit_paid: credit,
        earned_back: false,
        attribution: Vec::new(),
        excluded,
        explanations,
        facts,
    }
}

/// Settles credits per credit group: each month's period cap, then the
/// year cap over the months of the year up to the one reported (whose
/// group row alone is listed).
fn groups(
    context: &Context,
    instances: &[Instance],
    targets: &mut [TargetReport],
    (year, month): (i32, u32),
) -> Vec<GroupReport> {
    let currency = context.currency;
    let mut order: Vec<&str> = Vec::new();
    for instance in instances {
        if !order.contains(&instance.agreement.as_str()) {
            order.push(&instance.agreement);
        }
    }
    let mut out = Vec::new();
    for group in order {
        let members: Vec<usize> = (0..instances.len())
            .filter(|&m| instances[m].agreement == group)
            .collect();
        let terms = context
            .agreement(group)
            .and_then(|a| a.credits.clone())
            .unwrap_or_default();
        let mut services: Vec<String> = Vec::new();
        for &m in &members {
            for s in &instances[m].services {
                if !services.contains(s) {
                    services.push(s.clone());
                }
            }
        }
        let monthly = context.monthly_charge(group, &services);
        // The months worked out, in order: a group's targets share them
        // (its terms decide how far it looks back).
        let mut labels: Vec<ReportPeriod> = Vec::new();
        for &m in &members {
            for p in &targets[m].periods {
                if !labels.contains(&p.period) {
                    labels.push(p.period);
                }
            }
        }
        // The month reported, when it is on the time line.
        let shown = labels.iter().position(|p| *p == reported(year, month));
        let cap = terms
            .period_cap
            .as_ref()
            .and_then(|c| context.cap(c))
            .map(|c| match c {
                Cap::Amount(a) => a,
                Cap::PercentOfCharges(p) => monthly.percent(p, Rounding::HalfUp),
            });
        let mut rows = Vec::new();
        for (n, label) in labels.iter().enumerate() {
            let cells: Vec<(usize, usize)> = members
                .iter()
                .filter_map(|&m| {
                    let k = targets[m].periods.iter().position(|p| p.period == *label)?;
                    Some((m, k))
                })
                .collect();
            let credits: Vec<Money> = cells
                .iter()
                .map(|&(m, k)| targets[m].periods[k].credit_paid)
                .collect();
            let capped = adjust::cap_period(&credits, cap);
            let mut explanations = Vec::new();
            if Some(n) == shown && cap.is_some() {
                explanations.push(Line::new("period cap", capped.explanation.clone()));
            }
            for (&(m, k), share) in cells.iter().zip(&capped.shares) {
                targets[m].periods[k].credit_paid = *share;
            }
            rows.push((capped, cells, explanations));
        }
        let mut paid_totals: Vec<Money> = rows.iter().map(|(c, _, _)| c.total).collect();
        if let Some(year_cap) = &terms.year_cap {
            // The months worked out are of one calendar year.
            let cap = context.cap(year_cap).map(|c| match c {
                Cap::Amount(a) => a,
                Cap::PercentOfCharges(p) => {
                    Money::new(monthly.minor_units().saturating_mul(12), currency)
                        .percent(p, Rounding::HalfUp)
                }
            });
            let paid = adjust::cap_year(&paid_totals, cap);
            if let (Some(cap), Some(n @ 1..)) = (cap, shown) {
                let already: i64 = paid[..n].iter().map(|e| e.value.minor_units()).sum();
                let left = (cap.minor_units().max(0) - already).max(0);
                rows[n].2.push(Line {
                    what: "year cap".into(),
                    formula: "the year cap counts every period of the calendar year, also those before the span".into(),
                    substituted: format!(
                        "{} already paid in {} (before the span); {} of the year cap of {} left",
                        money_text(Money::new(already, currency)),
                        label_range(&labels[0].label(), &labels[n - 1].label()),
                        money_text(Money::new(left, currency)),
                        money_text(cap)
                    ),
                    convention: "the periods of the year before the span are worked out as the span's are, from the first measurement record on (earlier periods have no record and pay nothing)".into(),
                });
            }
            for (n, explained) in paid.into_iter().enumerate() {
                if explained.value == paid_totals[n] {
                    continue;
                }
                paid_totals[n] = explained.value;
                if Some(n) == shown {
                    rows[n].2.push(Line::new("year cap", explained.explanation));
                }
                // The targets' paid credits reduced proportionally.
                let cells = &rows[n].1;
                let weights: Vec<i128> = cells
                    .iter()
                    .map(|&(m, k)| i128::from(targets[m].periods[k].credit_paid.minor_units()))
                    .collect();
                let total: i128 = weights.iter().sum();
                let shares = split_by_weights(explained.value.minor_units(), &weights, total);
                for (&(m, k), share) in cells.iter().zip(shares) {
                    targets[m].periods[k].credit_paid = Money::new(share, currency);
                }
            }
        }
        let mut periods = Vec::new();
        if let Some(n) = shown {
            let (capped, _, explanations) = rows.swap_remove(n);
            let paid = paid_totals.get(n).copied().unwrap_or(capped.total);
            periods.push(GroupPeriod {
                period: labels[n],
                charges: monthly,
                at_risk_amount: None,
                credits_before_caps: capped.total_before,
                period_cap: cap,
                at_cap: capped.at_cap,
                after_period_cap: capped.total,
                paid,
                earned_back: Money::zero(currency),
                net: paid,
                explanations,
            });
        }
        out.push(GroupReport {
            agreement: group.to_owned(),
            monthly_charge: monthly,
            periods,
            termination: Vec::new(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load, MeasurementFile};
    use crate::report::{report, span_end, Report, Request};
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn terms(text: Value) -> AgreementFile {
        load::agreements(&text.to_string()).expect("valid terms")
    }

    fn outages(records: Value) -> Vec<OutageRecord> {
        load::measurements(
            &json!({"format": "sla-measurements", "version": 1, "outages": records}).to_string(),
        )
        .expect("valid outages")
        .outages
    }

    /// The general report of the same month.
    fn general(
        file: &AgreementFile,
        outages: &[OutageRecord],
        (year, month): (i32, u32),
    ) -> Report {
        let measurements = MeasurementFile {
            format: crate::model::MEASUREMENT_FORMAT.into(),
            version: 1,
            outages: outages.to_vec(),
            ..MeasurementFile::default()
        };
        let span = Span::Months {
            first: (year, month),
            last: (year, month),
        };
        let zone = Zone::named(&file.time_zone).expect("a zone");
        report(
            file,
            &measurements,
            &Request {
                span,
                now: span_end(span, &zone),
            },
        )
    }

    /// Asserts that the month's figures are the general report's.
    fn same_as_report(
        file: &AgreementFile,
        outages: &[OutageRecord],
        at: (i32, u32),
    ) -> MonthReport {
        let ours = month(file, outages, at).expect("computed");
        let theirs = general(file, outages, at);
        assert_eq!(ours.name, theirs.name);
        assert_eq!(ours.currency, theirs.currency);
        assert_eq!(ours.span, theirs.span);
        assert_eq!(ours.targets, theirs.targets);
        assert_eq!(ours.groups, theirs.groups);
        ours
    }

    /// The cloud SLA's tiers (below 99.99 % 10 %, below 99 % 30 %, below 95 %
    /// 100 %), the middle edge inclusive or not, on 24×7 service in UTC.
    fn cloud(inclusive: bool) -> AgreementFile {
        terms(json!({
            "format": "sla-agreements", "version": 1, "name": "Cloud", "currency": "USD",
            "time_zone": "UTC", "provider": {"name": "P"},
            "services": [{"id": "compute", "name": "Compute", "monthly_charge": "1000.00"}],
            "agreements": [{"id": "sla", "name": "SLA", "kind": "sla", "structure": "service_based",
                "service": "compute",
                "targets": [{"id": "up", "name": "Uptime", "metric": {"type": "availability"},
                    "expected": "99.99",
                    "credit": {"type": "step", "tiers": [
                        {"below": "99.99", "credit": "10"},
                        {"below": "99", "inclusive": inclusive, "credit": "30"},
                        {"below": "95", "credit": "100"}]}}]}]
        }))
    }

    /// `seconds` of downtime from the start of June 2026 (30 days, 2,592,000 s).
    fn down(seconds: i64) -> Vec<OutageRecord> {
        let start = 1_780_272_000i64; // 2026-06-01T00:00Z
        outages(json!([{"service": "compute",
            "start": crate::model::values::rfc3339(start * 1_000_000_000),
            "end": crate::model::values::rfc3339((start + seconds) * 1_000_000_000)}]))
    }

    fn credit(report: &MonthReport) -> String {
        report.targets[0].periods[0].credit.to_plain_string()
    }

    #[test]
    fn exactly_at_a_tier_level_the_edge_decides() {
        // 1 % of June is 25,920 s: exactly 99 % achieved.
        let exclusive = same_as_report(&cloud(false), &down(25_920), (2026, 6));
        assert_eq!(
            exclusive.targets[0].periods[0]
                .achieved
                .map(|a| a.to_percent_string(4)),
            Some("99.0000".into())
        );
        assert_eq!(credit(&exclusive), "100.00");
        let inclusive = same_as_report(&cloud(true), &down(25_920), (2026, 6));
        assert_eq!(credit(&inclusive), "300.00");
    }

    #[test]
    fn a_second_either_side_of_a_tier_level() {
        let file = cloud(false);
        assert_eq!(
            credit(&same_as_report(&file, &down(25_919), (2026, 6))),
            "100.00"
        );
        assert_eq!(
            credit(&same_as_report(&file, &down(25_921), (2026, 6))),
            "300.00"
        );
        // 0.01 % of June is 259.2 s: 259 s keeps 99.99 %, 260 s falls below.
        assert_eq!(
            credit(&same_as_report(&file, &down(259), (2026, 6))),
            "0.00"
        );
        let below = same_as_report(&file, &down(260), (2026, 6));
        assert_eq!(credit(&below), "100.00");
        // The next tier, at 99 % exclusive: 25,920 − 260 + 1 ns more.
        let next = below.targets[0].periods[0].next_tier.expect("a next tier");
        assert_eq!(
            next.extra_downtime.nanos(),
            (25_920 - 260) * 1_000_000_000 + 1
        );
    }

    #[test]
    fn no_downtime_is_met_with_no_credit_and_the_whole_budget_left() {
        let r = same_as_report(&cloud(false), &[], (2026, 6));
        let p = &r.targets[0].periods[0];
        assert_eq!(p.status, Status::Met);
        assert_eq!(credit(&r), "0.00");
        assert_eq!(p.budget.map(|b| b.allowed.nanos()), Some(259_200_000_000));
        assert_eq!(r.groups[0].periods[0].paid.to_plain_string(), "0.00");
    }

    #[test]
    fn a_year_cap_counts_the_earlier_months_of_the_year() {
        let mut file = cloud(false);
        file.agreements[0].credits = Some(crate::model::CreditTerms {
            year_cap: Some(CapDef {
                amount: Some(Amount("150.00".into())),
                percent_of_charges: None,
            }),
            ..Default::default()
        });
        // 100.00 in May (an hour down), 100.00 in June: 50.00 left in June.
        let records = outages(json!([
            {"service": "compute", "start": "2026-05-10T00:00", "end": "2026-05-10T01:00"},
            {"service": "compute", "start": "2026-06-10T00:00", "end": "2026-06-10T01:00"}]));
        let r = same_as_report(&file, &records, (2026, 6));
        assert_eq!(credit(&r), "100.00");
        let paid = &r.groups[0].periods[0];
        assert_eq!(paid.paid.to_plain_string(), "50.00");
        assert!(paid.explanations.iter().any(|l| l.what == "year cap"));
    }

    #[test]
    fn what_one_month_does_not_compute_is_refused_at_its_path() {
        let file = terms(json!({
            "format": "sla-agreements", "version": 1, "name": "X", "currency": "EUR",
            "time_zone": "UTC", "provider": {"name": "P"},
            "services": [{"id": "s", "name": "S"}],
            "agreements": [{"id": "a", "name": "A", "kind": "sla", "structure": "service_based",
                "service": "s", "credits": {"earn_back_periods": 2},
                "targets": [
                    {"id": "t", "name": "T", "metric": {"type": "resolution_time", "within": "4h"}, "expected": "90"},
                    {"id": "q", "name": "Q", "metric": {"type": "availability"}, "expected": "99", "period": "quarter"}]}]
        }));
        let refused: Vec<String> = month(&file, &[], (2026, 1))
            .expect_err("refused")
            .iter()
            .map(|e| e.path.clone())
            .collect();
        assert_eq!(
            refused,
            [
                "agreements[0].credits.earn_back_periods",
                "agreements[0].targets[0].metric",
                "agreements[0].targets[1].period"
            ]
        );
    }

    /// Terms in one of three zones: a service-based SLA on `web` (step
    /// tiers, a target cap, downtime rules, a calendar, a minimum, an
    /// excluded month), a customer-based SLA over `web` and `db` combined
    /// (linear and fixed credits), an OLA on `db` with its team, optionally
    /// a multi-level structure for the customer, and agreement caps and
    /// rounding.
    #[allow(clippy::too_many_arguments)]
    fn generated_terms(
        zone: &str,
        tiers: &[(usize, bool, u32)],
        target_cap: CapChoice,
        rules: (bool, u32, u32, u32),
        office_hours: bool,
        caps: (CapChoice, CapChoice),
        rounding: Option<&str>,
        multi_level: bool,
    ) -> AgreementFile {
        const LEVELS: [&str; 6] = ["99.99", "99.95", "99.9", "99.5", "99", "95"];
        let mut picked: Vec<(usize, bool, u32)> = tiers.to_vec();
        picked.sort_by_key(|t| t.0);
        picked.dedup_by_key(|t| t.0);
        let mut credit = 0;
        let tiers: Vec<Value> = picked
            .iter()
            .map(|&(level, inclusive, step)| {
                credit += step;
                json!({"below": LEVELS[level], "inclusive": inclusive, "credit": credit.min(100).to_string()})
            })
            .collect();
        let cap = |(percent, n): (bool, u32)| {
            if percent {
                json!({"percent_of_charges": (n % 101).to_string()})
            } else {
                json!({"amount": format!("{n}.50")})
            }
        };
        let (count_planned, minimum_outage, round_up_to, minimum_period) = rules;
        let mut web = json!({"id": "up", "name": "Web uptime",
            "metric": {"type": "availability", "downtime": {
                "count_planned": count_planned,
                "minimum_outage": format!("{minimum_outage}m"),
                "round_up_to": format!("{round_up_to}m"),
                "minimum_downtime_period": format!("{minimum_period}m")}},
            "expected": "99.9", "minimum": "95", "excluded_periods": ["2026-03"],
            "credit": {"type": "step", "tiers": tiers}});
        if let Some(c) = target_cap {
            web["cap"] = cap(c);
        }
        if office_hours {
            web["calendar"] = "office".into();
        }
        let mut credits = json!({});
        if let Some(c) = caps.0 {
            credits["period_cap"] = cap(c);
        }
        if let Some(c) = caps.1 {
            credits["year_cap"] = cap(c);
        }
        if let Some(r) = rounding {
            credits["rounding"] = r.into();
        }
        let mut agreements = vec![
            json!({"id": "web-sla", "name": "Web", "kind": "sla", "structure": "service_based",
                "service": "web", "credits": credits, "targets": [web]}),
            json!({"id": "acme-sla", "name": "ACME", "kind": "sla", "structure": "customer_based",
                "customer": "acme", "monthly_charge": "2000.00", "credits": credits,
                "targets": [
                    {"id": "all", "name": "All services", "metric": {"type": "availability"},
                     "expected": "99.5", "credit": {"type": "linear", "below": "99.5", "per": "0.1", "rate": "5", "maximum": "40"}},
                    {"id": "db", "name": "DB", "metric": {"type": "availability", "service": "db"},
                     "expected": "99", "credit": {"type": "fixed", "amount": "75.00", "per": "breach"}}]}),
            json!({"id": "db-ola", "name": "DB OLA", "kind": "ola", "service": "db", "supplier": "ops",
                "targets": [{"id": "up", "name": "DB up", "metric": {"type": "availability"}, "expected": "99.5",
                    "credit": {"type": "step", "tiers": [{"below": "99.5", "credit": "20"}]}}]}),
        ];
        if multi_level {
            agreements.push(json!({"id": "corp", "name": "Corporate", "kind": "sla",
                "structure": "multi_level", "level": "corporate",
                "targets": [{"id": "avail", "name": "Availability", "metric": {"type": "availability"},
                    "expected": "99.5", "credit": {"type": "step", "tiers": [{"below": "99.5", "credit": "10"}]}}]}));
            agreements.push(json!({"id": "acme-level", "name": "ACME level", "kind": "sla",
                "structure": "multi_level", "level": "customer", "customer": "acme", "credits": credits,
                "targets": [{"id": "avail", "name": "Availability", "metric": {"type": "availability"},
                    "expected": "99.9", "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "15"}]}}]}));
        }
        terms(json!({
            "format": "sla-agreements", "version": 1, "name": "Generated", "currency": "EUR",
            "time_zone": zone, "provider": {"name": "P"},
            "services": [{"id": "web", "name": "Web", "monthly_charge": "1000.00"},
                         {"id": "db", "name": "DB", "monthly_charge": "333.33"},
                         {"id": "mail", "name": "Mail"}],
            "customers": [{"id": "acme", "name": "ACME", "services": ["web", "db"]}],
            "suppliers": [{"id": "ops", "name": "Ops", "internal": true}],
            "calendars": [{"id": "office", "time_zone": zone, "hours": "Mon-Fri 08:00-18:00",
                "holidays": ["2026-05-01"],
                "exclusions": [{"start": "2026-04-04T00:00", "end": "2026-04-04T06:00", "reason": "upgrade"}]}],
            "agreements": agreements
        }))
    }

    /// An outage record: service, start (minutes after 2026-01-01 00:00
    /// local), length in minutes (negative: ends before it starts), impact,
    /// planned, supplier, written in UTC or local time.
    fn outage_strategy() -> impl Strategy<Value = Value> {
        (
            prop_oneof![Just("web"), Just("db"), Just("mail"), Just("nope")],
            0i64..(60 * 24 * 150),
            prop_oneof![8 => 0i64..600, 1 => 600i64..20_000, 1 => -30i64..0],
            prop_oneof![3 => Just(None), 1 => (0u32..=100).prop_map(Some)],
            any::<bool>(),
            prop_oneof![Just(None), Just(Some("ops"))],
            any::<bool>(),
        )
            .prop_map(
                |(service, start, minutes, impact, planned, supplier, utc)| {
                    let at = |m: i64| {
                        let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 1)
                            .and_then(|d| d.and_hms_opt(0, 0, 0))
                            .expect("a date")
                            + chrono::Duration::minutes(m);
                        if utc {
                            format!("{}Z", t.format("%Y-%m-%dT%H:%M:%S"))
                        } else {
                            t.format("%Y-%m-%dT%H:%M").to_string()
                        }
                    };
                    let mut record = json!({"service": service, "start": at(start),
                    "end": at(start + minutes), "planned": planned});
                    if let Some(impact) = impact {
                        record["impact"] = impact.to_string().into();
                    }
                    if let Some(supplier) = supplier {
                        record["supplier"] = supplier.into();
                    }
                    record
                },
            )
    }

    /// A cap: as a percentage of the charges (`true`) or an amount.
    type CapChoice = Option<(bool, u32)>;

    fn cap_strategy() -> impl Strategy<Value = CapChoice> {
        prop_oneof![Just(None), (any::<bool>(), 1u32..400).prop_map(Some)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Over generated terms and outages, the month's targets and credit
        /// groups (figures and explanations) are the general report's.
        #[test]
        fn one_month_is_what_the_general_report_gives(
            zone in prop_oneof![Just("UTC"), Just("Europe/Berlin"), Just("America/New_York")],
            tiers in proptest::collection::vec((0usize..6, any::<bool>(), 0u32..40), 1..4),
            target_cap in cap_strategy(),
            rules in (any::<bool>(), 0u32..3, 0u32..3, 0u32..6),
            office_hours in any::<bool>(),
            caps in (cap_strategy(), cap_strategy()),
            rounding in prop_oneof![Just(None), Just(Some("half_up")), Just(Some("down")), Just(Some("up"))],
            multi_level in any::<bool>(),
            records in proptest::collection::vec(outage_strategy(), 0..12),
            month in 1u32..=5,
        ) {
            let file = generated_terms(zone, &tiers, target_cap, rules, office_hours, caps, rounding, multi_level);
            let records = outages(Value::Array(records));
            let ours = month_of(&file, &records, (2026, month));
            let theirs = general(&file, &records, (2026, month));
            prop_assert_eq!(&ours.targets, &theirs.targets);
            prop_assert_eq!(&ours.groups, &theirs.groups);
            prop_assert_eq!(ours.span, theirs.span);
        }
    }

    fn month_of(file: &AgreementFile, records: &[OutageRecord], at: (i32, u32)) -> MonthReport {
        month(file, records, at).expect("computed")
    }
}
