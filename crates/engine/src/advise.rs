//! The target advisor: what each candidate level of a target would have
//! given over a history, under the agreement's own terms.
//!
//! For every availability target the candidates are 99, 99.5, 99.8, 99.9,
//! 99.95, 99.99 and 99.999 % and the agreement's own level; for every
//! response- or resolution-time target, the agreement's time × 0.5, 1, 1.5
//! and 2. Each candidate is put into a copy of the agreement file and the
//! whole report is worked out again ([`crate::report::report_sources`]), so
//! a candidate's figures follow every rule a report follows: service
//! calendars, exclusions, caps, earn-back, repeat misses.
//!
//! Conventions (also in [`Advice::assumptions`], written into the CSV):
//! - A stricter availability level moves the credit terms with it: every
//!   tier's and a linear rule's `below`, and the minimum, move by the
//!   difference between the candidate and the agreement's level (kept
//!   within 0 and 100 %), so the schedule keeps its shape around the
//!   promise. A time target's candidates change the time only; its level
//!   (the share of tickets within the time) and its tiers stay.
//! - Periods counted: those with a status of met, missed or below minimum;
//!   excluded periods and periods without data are left out (and counted).
//! - Credits: what the target's periods would have paid, after the
//!   agreement's caps, summed over the span.
//! - "Met in k of n": over the last n counted periods, the strictest level
//!   met in at least k of them is the k-th best achieved value, exactly.
//! - "Credits under an amount": the strictest level, in steps of 0.001 %
//!   for availability (by bisection: credits never fall as the level
//!   rises), or the strictest time candidate, whose credits stay at or
//!   under the amount.
//!
//! Other metrics (event ratios, samples, MTTR, manual values) are not
//! advised on; each is listed in [`Advice::not_advised`] with the reason.

use crate::compliance::Status;
use crate::model::{AgreementFile, CreditRule, Direction, Duration, Level, Metric};
use crate::money::{Currency, Money};
use crate::report::{report_sources, Margin, Request, Source, TargetPeriod, TargetReport};
use crate::time::ReportPeriod;
use crate::units::PPB_PER_WHOLE;
use crate::{Percent, Ratio, TimeSpan};

/// The availability levels every availability target is tried at.
pub const AVAILABILITY_CANDIDATES: [&str; 7] =
    ["99", "99.5", "99.8", "99.9", "99.95", "99.99", "99.999"];
/// The factors a time target's time is tried at.
pub const TIME_FACTORS: [(i64, i64, &str); 4] = [
    (1, 2, "× 0.5"),
    (1, 1, "× 1"),
    (3, 2, "× 1.5"),
    (2, 1, "× 2"),
];
/// The step of the search for the level under a credit amount: 0.001 %.
const LIMIT_STEP_PPB: u64 = 10_000;

/// What to advise on.
#[derive(Debug, Clone)]
pub struct Options {
    pub request: Request,
    /// Met in at least `k` of the last `n` counted periods.
    pub k_of_n: Option<(usize, usize)>,
    /// The credits, over the span, that a level should stay at or under.
    pub credit_limit: Option<Money>,
}

/// The advice for a whole agreement file.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    pub currency: Currency,
    pub targets: Vec<TargetAdvice>,
    /// Targets not advised on, and why: `(key, reason)`.
    pub not_advised: Vec<(String, String)>,
    /// The conventions the figures follow, in words.
    pub assumptions: Vec<String>,
}

/// One target instance's candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetAdvice {
    pub key: String,
    pub name: String,
    pub metric: String,
    /// `%` for availability, the level's unit otherwise.
    pub unit: String,
    pub direction: Direction,
    /// What is varied: the level (availability) or the time.
    pub varies: Varies,
    /// The agreement's own level or time, as written.
    pub current: String,
    pub rows: Vec<Row>,
    pub k_of_n: Option<KOfN>,
    pub under_limit: Option<UnderLimit>,
    /// The agreement's own level against the history.
    pub margin: CurrentMargin,
}

/// What a target's candidates vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Varies {
    Level,
    Time,
}

/// One candidate over the span.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// `99.95`, or a time such as `4h` (`× 1.5` in `factor`).
    pub candidate: String,
    pub factor: Option<&'static str>,
    pub is_current: bool,
    /// Periods counted (met, missed or below minimum).
    pub periods: usize,
    pub met: usize,
    /// Periods left out: excluded, or without data.
    pub left_out: usize,
    pub worst: Option<Worst>,
    /// Downtime used over downtime allowed, over the counted periods
    /// (availability only).
    pub budget_used: Option<Ratio>,
    pub credits: Money,
}

/// The worst counted period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Worst {
    pub period: ReportPeriod,
    /// A fraction of the whole for a percentage metric.
    pub achieved: Ratio,
    pub status: Status,
}

/// The strictest level met in at least k of the last n counted periods.
#[derive(Debug, Clone, PartialEq)]
pub struct KOfN {
    pub k: usize,
    pub n: usize,
    /// Counted periods among the last n (fewer when the history is shorter).
    pub considered: usize,
    /// The level, exactly (a fraction of the whole for availability); for a
    /// time target the strictest time candidate; `None` when fewer than k
    /// periods were counted, or no candidate is met often enough.
    pub level: Option<Ratio>,
    pub time: Option<String>,
}

/// The strictest level whose credits stay under an amount.
#[derive(Debug, Clone, PartialEq)]
pub struct UnderLimit {
    pub limit: Money,
    /// `None` when even the loosest level costs more.
    pub level: Option<String>,
    pub credits: Option<Money>,
}

/// The agreement's own level against the history.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentMargin {
    /// Achieved − level in the worst counted period (negative: missed).
    pub worst: Option<Margin>,
    /// The level met in k of n − the agreement's level (positive: room to
    /// promise more).
    pub to_k_of_n: Option<Margin>,
}

/// Works out the advice for every availability and time target of `file`.
pub fn advise(file: &AgreementFile, sources: &[Source], options: &Options) -> Advice {
    advise_with(file, sources, options, &mut |_, _| {})
}

/// [`advise`], calling `progress(done, total)` after each target (the
/// workbench's progress bar).
pub fn advise_with(
    file: &AgreementFile,
    sources: &[Source],
    options: &Options,
    progress: &mut dyn FnMut(usize, usize),
) -> Advice {
    let base = report_sources(file, sources, &options.request);
    let mut targets = Vec::new();
    let mut not_advised = Vec::new();
    let total = base.targets.len();
    for (done, target) in base.targets.iter().enumerate() {
        match advise_target(file, sources, options, target) {
            Ok(advice) => targets.push(advice),
            Err(reason) => not_advised.push((target.key.clone(), reason)),
        }
        progress(done + 1, total);
    }
    Advice {
        currency: base.currency,
        targets,
        not_advised,
        assumptions: assumptions(options),
    }
}

/// The conventions, in words.
pub fn assumptions(options: &Options) -> Vec<String> {
    let mut lines = vec![
        "each candidate is put into a copy of the agreement and the whole report is worked out again (calendars, exclusions, caps, earn-back, repeat misses)".to_string(),
        "a stricter availability level moves every tier's and a linear rule's `below`, and the minimum, by the same difference (within 0 and 100 %); a time target's candidates change the time only".to_string(),
        "periods counted: met, missed or below minimum; excluded periods and periods without data are left out".to_string(),
        "credits: what the target's periods would have paid after the agreement's caps, summed over the span".to_string(),
        "error budget used: downtime used over downtime allowed, summed over the counted periods".to_string(),
    ];
    if let Some((k, n)) = options.k_of_n {
        lines.push(format!(
            "met in {k} of {n}: over the last {n} counted periods, the {k}th best achieved value, exactly"
        ));
    }
    if let Some(limit) = options.credit_limit {
        lines.push(format!(
            "credits at or under {} {}: the strictest level in steps of 0.001 % (bisection; credits never fall as the level rises), or the strictest time candidate",
            limit.to_plain_string(),
            limit.currency().code()
        ));
    }
    lines
}

/// A candidate: its text, its factor (time targets) and its change.
type Candidate = (String, Option<&'static str>, Change);

/// How one candidate changes the target in a copy of the file.
#[derive(Debug, Clone)]
enum Change {
    Level(Percent),
    Within(TimeSpan),
}

fn advise_target(
    file: &AgreementFile,
    sources: &[Source],
    options: &Options,
    target: &TargetReport,
) -> Result<TargetAdvice, String> {
    let (agreement, definition) = file
        .agreements
        .iter()
        .enumerate()
        .find(|(_, a)| a.id == target.agreement)
        .and_then(|(a, agreement)| {
            agreement
                .targets
                .iter()
                .position(|t| t.id == target.target)
                .map(|t| (a, t))
        })
        .map(|(a, t)| ((a, t), &file.agreements[a].targets[t]))
        .ok_or_else(|| "its definition is not in the file (an inherited target)".to_string())?;
    let (varies, current, candidates): (Varies, String, Vec<Candidate>) = match &definition.metric {
        Metric::Availability { .. } => {
            let current = definition
                .expected
                .percent()
                .map_err(|e| format!("its level is not a percentage: {e}"))?;
            let mut levels: Vec<Percent> = AVAILABILITY_CANDIDATES
                .iter()
                .filter_map(|text| Percent::parse(text).ok())
                .collect();
            if !levels.contains(&current) {
                levels.push(current);
            }
            crate::order::sort(&mut levels);
            (
                Varies::Level,
                current.to_decimal_string(),
                levels
                    .into_iter()
                    .map(|p| (p.to_decimal_string(), None, Change::Level(p)))
                    .collect(),
            )
        }
        Metric::ResponseTime { within, .. } | Metric::ResolutionTime { within, .. } => {
            let base = i128::from(within.0.nanos());
            (
                Varies::Time,
                within.0.human(),
                TIME_FACTORS
                    .iter()
                    .filter_map(|&(num, den, label)| {
                        let nanos = i64::try_from(base * i128::from(num) / i128::from(den)).ok()?;
                        let span = TimeSpan::from_nanos(nanos)?;
                        Some((span.human(), Some(label), Change::Within(span)))
                    })
                    .collect(),
            )
        }
        other => {
            return Err(format!(
                "the advisor covers availability and response or resolution times, not {}",
                other.label()
            ))
        }
    };
    let run = |change: &Change| -> Option<TargetReport> {
        let mut copy = file.clone();
        apply(&mut copy, agreement, change);
        report_sources(&copy, sources, &options.request)
            .targets
            .into_iter()
            .find(|t| t.key == target.key)
    };
    let currency = Currency::new(&file.currency).map_err(|e| e.to_string())?;
    let mut rows = Vec::new();
    let mut reports = Vec::new();
    for (text, factor, change) in &candidates {
        let Some(report) = run(change) else {
            return Err(format!("the candidate {text} gives no report for it"));
        };
        let is_current = match change {
            Change::Level(p) => p.to_decimal_string() == current,
            Change::Within(_) => *factor == Some("× 1"),
        };
        rows.push(row(
            text,
            *factor,
            is_current,
            &report,
            target.direction,
            currency,
        ));
        reports.push(report);
    }
    // Time targets: strictest first is the smallest time.
    let k_of_n = options.k_of_n.map(|(k, n)| match varies {
        Varies::Level => k_of_n_level(&target.periods, k, n, target.direction),
        Varies::Time => {
            let mut best = None;
            for ((text, _, _), report) in candidates.iter().zip(&reports) {
                let counted = last_counted(&report.periods, n);
                let met = counted.iter().filter(|p| p.status == Status::Met).count();
                if best.is_none() && met >= k {
                    best = Some(text.clone());
                }
            }
            KOfN {
                k,
                n,
                considered: last_counted(&target.periods, n).len(),
                level: None,
                time: best,
            }
        }
    });
    let under_limit = options.credit_limit.map(|limit| match varies {
        Varies::Level => {
            // The search starts at the loosest candidate within the amount.
            let start =
                candidates
                    .iter()
                    .zip(&rows)
                    .find_map(|((_, _, change), row)| match change {
                        Change::Level(p) if row.credits.minor_units() <= limit.minor_units() => {
                            Some((p.ppb(), row.credits))
                        }
                        _ => None,
                    });
            level_under(limit, start, &|ppb| {
                let p = Percent::from_ppb(ppb)?;
                Some(credits_of(&run(&Change::Level(p))?, currency))
            })
        }
        Varies::Time => {
            let found = rows
                .iter()
                .find(|r| r.credits.minor_units() <= limit.minor_units());
            UnderLimit {
                limit,
                level: found.map(|r| r.candidate.clone()),
                credits: found.map(|r| r.credits),
            }
        }
    });
    let margin = CurrentMargin {
        worst: rows
            .iter()
            .find(|r| r.is_current)
            .and_then(|r| r.worst)
            .and_then(|w| margin_of(w.achieved, target, varies)),
        to_k_of_n: k_of_n
            .as_ref()
            .and_then(|k| k.level)
            .and_then(|level| margin_of(level, target, varies)),
    };
    Ok(TargetAdvice {
        key: target.key.clone(),
        name: target.name.clone(),
        metric: target.metric.clone(),
        unit: target.unit.clone(),
        direction: target.direction,
        varies,
        current,
        rows,
        k_of_n,
        under_limit,
        margin,
    })
}

/// Puts a candidate into the copy: the level (with the credit terms moved
/// by the same difference) or the time.
fn apply(file: &mut AgreementFile, (agreement, target): (usize, usize), change: &Change) {
    let Some(target) = file
        .agreements
        .get_mut(agreement)
        .and_then(|a| a.targets.get_mut(target))
    else {
        return;
    };
    match change {
        Change::Level(level) => {
            let Ok(current) = target.expected.percent() else {
                return;
            };
            let shift = |l: &Level| -> Level {
                let Ok(p) = l.percent() else {
                    return l.clone();
                };
                let moved = (i128::from(p.ppb()) + i128::from(level.ppb())
                    - i128::from(current.ppb()))
                .clamp(0, i128::from(PPB_PER_WHOLE));
                Percent::from_ppb(moved as u64)
                    .and_then(|p| Level::parse(&p.to_decimal_string()).ok())
                    .unwrap_or_else(|| l.clone())
            };
            if let Some(minimum) = &target.minimum {
                target.minimum = Some(shift(minimum));
            }
            match &mut target.credit {
                Some(CreditRule::Step { tiers }) => {
                    for tier in tiers {
                        tier.below = shift(&tier.below);
                    }
                }
                Some(CreditRule::Linear { below, .. }) => *below = shift(below),
                _ => {}
            }
            if let Ok(expected) = Level::parse(&level.to_decimal_string()) {
                target.expected = expected;
            }
        }
        Change::Within(span) => match &mut target.metric {
            Metric::ResponseTime { within, .. } | Metric::ResolutionTime { within, .. } => {
                *within = Duration(*span);
            }
            _ => {}
        },
    }
}

fn counted(period: &TargetPeriod) -> bool {
    matches!(
        period.status,
        Status::Met | Status::Missed | Status::BelowMinimum
    ) && period.achieved.is_some()
}

/// The last `n` counted periods.
fn last_counted(periods: &[TargetPeriod], n: usize) -> Vec<&TargetPeriod> {
    let counted: Vec<&TargetPeriod> = periods.iter().filter(|p| counted(p)).collect();
    counted[counted.len().saturating_sub(n)..].to_vec()
}

fn credits_of(report: &TargetReport, currency: Currency) -> Money {
    let minor: i128 = report
        .periods
        .iter()
        .map(|p| i128::from(p.credit_paid.minor_units()))
        .sum();
    Money::new(i64::try_from(minor).unwrap_or(i64::MAX), currency)
}

fn row(
    candidate: &str,
    factor: Option<&'static str>,
    is_current: bool,
    report: &TargetReport,
    direction: Direction,
    currency: Currency,
) -> Row {
    let periods: Vec<&TargetPeriod> = report.periods.iter().filter(|p| counted(p)).collect();
    let worst = periods
        .iter()
        .filter_map(|p| p.achieved.map(|a| (p, a)))
        .reduce(|worst, next| {
            let worse = match direction {
                Direction::AtLeast => next.1 < worst.1,
                Direction::AtMost => next.1 > worst.1,
            };
            if worse {
                next
            } else {
                worst
            }
        })
        .map(|(p, achieved)| Worst {
            period: p.period,
            achieved,
            status: p.status,
        });
    let (used, allowed) =
        periods
            .iter()
            .filter_map(|p| p.budget)
            .fold((0i128, 0i128), |(u, a), b| {
                (
                    u + i128::from(b.used.nanos()),
                    a + i128::from(b.allowed.nanos()),
                )
            });
    Row {
        candidate: candidate.to_string(),
        factor,
        is_current,
        periods: periods.len(),
        met: periods.iter().filter(|p| p.status == Status::Met).count(),
        left_out: report.periods.len() - periods.len(),
        worst,
        budget_used: periods
            .iter()
            .any(|p| p.budget.is_some())
            .then(|| Ratio::new(used, allowed))
            .flatten(),
        credits: credits_of(report, currency),
    }
}

/// The k-th best achieved value among the last n counted periods.
fn k_of_n_level(periods: &[TargetPeriod], k: usize, n: usize, direction: Direction) -> KOfN {
    let last = last_counted(periods, n);
    let mut achieved: Vec<Ratio> = last.iter().filter_map(|p| p.achieved).collect();
    crate::order::sort(&mut achieved);
    if direction == Direction::AtLeast {
        achieved.reverse();
    }
    KOfN {
        k,
        n,
        considered: last.len(),
        level: (k >= 1).then(|| achieved.get(k - 1).copied()).flatten(),
        time: None,
    }
}

/// `value − level` of the agreement's own level, in the metric's unit
/// (percentage points for availability).
fn margin_of(value: Ratio, target: &TargetReport, varies: Varies) -> Option<Margin> {
    if varies != Varies::Level {
        return None;
    }
    // Both as fractions of the whole: the level's percent over 100.
    let level = target.expected.as_fraction();
    let (a, b) = (
        value.numerator() * level.denominator(),
        level.numerator() * value.denominator(),
    );
    let denominator = value.denominator() * level.denominator();
    let negative = a < b;
    Ratio::new((a - b).abs() * 100, denominator).map(|magnitude| Margin {
        negative,
        magnitude,
    })
}

/// The strictest availability level, in steps of 0.001 %, whose credits
/// stay at or under `limit`, searched up from `start` (a level within it,
/// with its credits): `None` when no candidate is within it (a level below
/// the loosest candidate is not searched: moved down that far, a schedule's
/// tiers may meet at 0 %).
fn level_under(
    limit: Money,
    start: Option<(u64, Money)>,
    credits_at: &dyn Fn(u64) -> Option<Money>,
) -> UnderLimit {
    let within = |ppb: u64| credits_at(ppb).filter(|c| c.minor_units() <= limit.minor_units());
    let Some((start, at_start)) = start else {
        return UnderLimit {
            limit,
            level: None,
            credits: None,
        };
    };
    // In steps: `lo` is within the amount, `hi` is not (or is 100 %).
    let (mut lo, mut best) = (start / LIMIT_STEP_PPB, at_start);
    let mut hi = PPB_PER_WHOLE / LIMIT_STEP_PPB;
    if let Some(credits) = within(hi * LIMIT_STEP_PPB) {
        lo = hi;
        best = credits;
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match within(mid * LIMIT_STEP_PPB) {
            Some(credits) => {
                lo = mid;
                best = credits;
            }
            None => hi = mid,
        }
    }
    UnderLimit {
        limit,
        level: Percent::from_ppb(lo * LIMIT_STEP_PPB).map(|p| p.to_decimal_string()),
        credits: Some(best),
    }
}

// ---------------------------------------------------------------------------
// Written forms: the words, the CSV and the JSON of an advice, one writer for
// `sla advise` and the workbench's Plan view, so that both write the same.

impl TargetAdvice {
    /// A candidate as written: `99.95 %`, or a time such as `4h`.
    pub fn level_text(&self, candidate: &str) -> String {
        match self.varies {
            Varies::Level => format!("{candidate} %"),
            Varies::Time => candidate.to_string(),
        }
    }

    /// An achieved value with 4 decimals, rounded down, in the target's unit.
    pub fn achieved_text(&self, value: Ratio) -> String {
        format!("{} {}", value.to_percent_string(4), self.unit)
    }
}

impl Row {
    /// The error budget used with one decimal, or `—` (a time target).
    pub fn budget_text(&self) -> String {
        self.budget_used
            .map_or_else(|| "—".into(), |b| format!("{} %", b.to_percent_string(1)))
    }
}

/// A margin in percentage points with 4 decimals, rounded toward the worse
/// side (a shortfall up, a surplus down): never shown better than it is.
pub fn margin_text(margin: &Margin) -> String {
    let (n, d) = (margin.magnitude.numerator(), margin.magnitude.denominator());
    let scaled = if margin.negative {
        (n * 10_000 + d - 1) / d
    } else {
        n * 10_000 / d
    };
    format!(
        "{}{}.{:04} pp",
        if margin.negative { "−" } else { "+" },
        scaled / 10_000,
        scaled % 10_000
    )
}

/// An amount with its currency's code: `1,234.50 EUR`.
pub fn money_text(value: Money) -> String {
    format!("{} {}", value.to_plain_string(), value.currency().code())
}

/// An amount without thousands separators, for the CSV and the JSON.
fn plain(value: Money) -> String {
    value.to_plain_string().replace(',', "")
}

fn direction_code(direction: Direction) -> &'static str {
    match direction {
        Direction::AtLeast => "at_least",
        Direction::AtMost => "at_most",
    }
}

/// A CSV field, quoted when it needs to be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The advice as CSV: the assumptions as `#` lines, then one row per target
/// and candidate.
pub fn csv(advice: &Advice) -> String {
    let mut out = String::new();
    for line in &advice.assumptions {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("target,metric,direction,candidate,factor,current,periods,met,left_out,worst_period,worst_achieved,budget_used_percent,credits,currency\n");
    for target in &advice.targets {
        for row in &target.rows {
            let cells = [
                target.key.clone(),
                target.metric.clone(),
                direction_code(target.direction).to_string(),
                row.candidate.clone(),
                row.factor.unwrap_or("").to_string(),
                row.is_current.to_string(),
                row.periods.to_string(),
                row.met.to_string(),
                row.left_out.to_string(),
                row.worst.map(|w| w.period.label()).unwrap_or_default(),
                row.worst
                    .map(|w| w.achieved.to_percent_string(6))
                    .unwrap_or_default(),
                row.budget_used
                    .map(|b| b.to_percent_string(4))
                    .unwrap_or_default(),
                plain(row.credits),
                row.credits.currency().code().to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
}

fn ratio_json(value: Ratio) -> serde_json::Value {
    serde_json::json!({"numerator": value.numerator().to_string(), "denominator": value.denominator().to_string()})
}

fn margin_json(margin: &Margin) -> serde_json::Value {
    serde_json::json!({"negative": margin.negative, "magnitude": ratio_json(margin.magnitude)})
}

/// The advice as JSON: every exact value as a fraction (`numerator`,
/// `denominator`, as texts) beside its rounded text. [`from_json`] reads it
/// back unchanged.
pub fn to_json(advice: &Advice) -> serde_json::Value {
    use serde_json::json;
    json!({
        "currency": advice.currency.code(),
        "assumptions": advice.assumptions,
        "not_advised": advice.not_advised.iter().map(|(key, reason)| json!({"target": key, "reason": reason})).collect::<Vec<_>>(),
        "targets": advice.targets.iter().map(|t| json!({
            "key": t.key,
            "name": t.name,
            "metric": t.metric,
            "unit": t.unit,
            "direction": direction_code(t.direction),
            "varies": match t.varies { Varies::Level => "level", Varies::Time => "time" },
            "current": t.current,
            "rows": t.rows.iter().map(|r| json!({
                "candidate": r.candidate,
                "factor": r.factor,
                "current": r.is_current,
                "periods": r.periods,
                "met": r.met,
                "left_out": r.left_out,
                "worst": r.worst.map(|w| json!({
                    "period": w.period.label(),
                    "status": w.status.label(),
                    "achieved": ratio_json(w.achieved),
                    "achieved_percent": w.achieved.to_percent_string(6),
                })),
                "budget_used": r.budget_used.map(ratio_json),
                "credits": plain(r.credits),
            })).collect::<Vec<_>>(),
            "met_in": t.k_of_n.as_ref().map(|k| json!({
                "k": k.k, "n": k.n, "considered": k.considered,
                "level": k.level.map(ratio_json),
                "level_percent": k.level.map(|l| l.to_percent_string(6)),
                "time": k.time,
            })),
            "credits_under": t.under_limit.as_ref().map(|u| json!({
                "limit": plain(u.limit),
                "level": u.level,
                "credits": u.credits.map(plain),
            })),
            "margin": {
                "worst": t.margin.worst.as_ref().map(margin_json),
                "to_k_of_n": t.margin.to_k_of_n.as_ref().map(margin_json),
            },
        })).collect::<Vec<_>>(),
    })
}

/// Reads [`to_json`]'s text back; periods are read in `zone` (the file's).
///
/// # Errors
/// A text that is not what [`to_json`] writes: where and why.
pub fn from_json(json: &str, zone: &crate::time::Zone) -> Result<Advice, String> {
    use serde_json::Value;
    let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    fn get<'a>(v: &'a Value, name: &str, at: &str) -> Result<&'a Value, String> {
        v.get(name).ok_or_else(|| format!("{at}: no `{name}`"))
    }
    fn text(v: &Value, name: &str, at: &str) -> Result<String, String> {
        get(v, name, at)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("{at}: `{name}` is not a text"))
    }
    fn optional_text(v: &Value, name: &str, at: &str) -> Result<Option<String>, String> {
        match get(v, name, at)? {
            Value::Null => Ok(None),
            _ => text(v, name, at).map(Some),
        }
    }
    fn count(v: &Value, name: &str, at: &str) -> Result<usize, String> {
        get(v, name, at)?
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| format!("{at}: `{name}` is not a count"))
    }
    fn list<'a>(v: &'a Value, name: &str, at: &str) -> Result<&'a Vec<Value>, String> {
        get(v, name, at)?
            .as_array()
            .ok_or_else(|| format!("{at}: `{name}` is not a list"))
    }
    fn ratio(v: &Value, name: &str, at: &str) -> Result<Option<Ratio>, String> {
        let value = get(v, name, at)?;
        if value.is_null() {
            return Ok(None);
        }
        let part = |p: &str| {
            value
                .get(p)
                .and_then(Value::as_str)
                .and_then(|t| t.parse::<i128>().ok())
        };
        part("numerator")
            .zip(part("denominator"))
            .and_then(|(n, d)| Ratio::new(n, d))
            .map(Some)
            .ok_or_else(|| format!("{at}: `{name}` is not a fraction"))
    }
    fn margin(v: &Value, name: &str, at: &str) -> Result<Option<Margin>, String> {
        let value = get(v, name, at)?;
        if value.is_null() {
            return Ok(None);
        }
        let negative = get(value, "negative", at)?
            .as_bool()
            .ok_or_else(|| format!("{at}: `{name}.negative` is not true or false"))?;
        let magnitude = ratio(value, "magnitude", at)?
            .ok_or_else(|| format!("{at}: `{name}` has no magnitude"))?;
        Ok(Some(Margin {
            negative,
            magnitude,
        }))
    }
    let currency =
        Currency::new(&text(&root, "currency", "the advice")?).map_err(|e| e.to_string())?;
    let money = |v: &Value, name: &str, at: &str| -> Result<Option<Money>, String> {
        optional_text(v, name, at)?
            .map(|t| Money::parse(&t, currency).map_err(|e| format!("{at}: `{name}`: {e}")))
            .transpose()
    };
    let assumptions = list(&root, "assumptions", "the advice")?
        .iter()
        .map(|a| {
            a.as_str()
                .map(str::to_string)
                .ok_or("an assumption is not a text".to_string())
        })
        .collect::<Result<Vec<_>, _>>()?;
    let not_advised = list(&root, "not_advised", "the advice")?
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let at = format!("not_advised[{i}]");
            Ok((text(n, "target", &at)?, text(n, "reason", &at)?))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let mut targets = Vec::new();
    for (i, t) in list(&root, "targets", "the advice")?.iter().enumerate() {
        let at = format!("targets[{i}]");
        let direction = match text(t, "direction", &at)?.as_str() {
            "at_least" => Direction::AtLeast,
            "at_most" => Direction::AtMost,
            other => return Err(format!("{at}: `direction` is `{other}`")),
        };
        let varies = match text(t, "varies", &at)?.as_str() {
            "level" => Varies::Level,
            "time" => Varies::Time,
            other => return Err(format!("{at}: `varies` is `{other}`")),
        };
        let mut rows = Vec::new();
        for (j, r) in list(t, "rows", &at)?.iter().enumerate() {
            let at = format!("{at}.rows[{j}]");
            let factor = match optional_text(r, "factor", &at)? {
                None => None,
                Some(f) => Some(
                    TIME_FACTORS
                        .iter()
                        .map(|(_, _, label)| *label)
                        .find(|label| *label == f)
                        .ok_or_else(|| format!("{at}: `factor` is `{f}`"))?,
                ),
            };
            let worst = match get(r, "worst", &at)? {
                Value::Null => None,
                w => {
                    let label = text(w, "period", &at)?;
                    let status = text(w, "status", &at)?;
                    Some(Worst {
                        period: ReportPeriod::parse(&label, zone)
                            .map_err(|e| format!("{at}: {e}"))?,
                        achieved: ratio(w, "achieved", &at)?
                            .ok_or_else(|| format!("{at}: the worst period has no value"))?,
                        status: [
                            Status::Met,
                            Status::Missed,
                            Status::BelowMinimum,
                            Status::NoData,
                            Status::Excluded,
                        ]
                        .into_iter()
                        .find(|s| s.label() == status)
                        .ok_or_else(|| format!("{at}: `status` is `{status}`"))?,
                    })
                }
            };
            rows.push(Row {
                candidate: text(r, "candidate", &at)?,
                factor,
                is_current: get(r, "current", &at)?
                    .as_bool()
                    .ok_or_else(|| format!("{at}: `current` is not true or false"))?,
                periods: count(r, "periods", &at)?,
                met: count(r, "met", &at)?,
                left_out: count(r, "left_out", &at)?,
                worst,
                budget_used: ratio(r, "budget_used", &at)?,
                credits: money(r, "credits", &at)?.ok_or_else(|| format!("{at}: no credits"))?,
            });
        }
        let k_of_n = match get(t, "met_in", &at)? {
            Value::Null => None,
            k => Some(KOfN {
                k: count(k, "k", &at)?,
                n: count(k, "n", &at)?,
                considered: count(k, "considered", &at)?,
                level: ratio(k, "level", &at)?,
                time: optional_text(k, "time", &at)?,
            }),
        };
        let under_limit = match get(t, "credits_under", &at)? {
            Value::Null => None,
            u => Some(UnderLimit {
                limit: money(u, "limit", &at)?.ok_or_else(|| format!("{at}: no limit"))?,
                level: optional_text(u, "level", &at)?,
                credits: money(u, "credits", &at)?,
            }),
        };
        let margins = get(t, "margin", &at)?;
        targets.push(TargetAdvice {
            key: text(t, "key", &at)?,
            name: text(t, "name", &at)?,
            metric: text(t, "metric", &at)?,
            unit: text(t, "unit", &at)?,
            direction,
            varies,
            current: text(t, "current", &at)?,
            rows,
            k_of_n,
            under_limit,
            margin: CurrentMargin {
                worst: margin(margins, "worst", &at)?,
                to_k_of_n: margin(margins, "to_k_of_n", &at)?,
            },
        });
    }
    Ok(Advice {
        currency,
        targets,
        not_advised,
        assumptions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;

    fn eur(minor: i64) -> Money {
        Money::new(minor, Currency::new("EUR").expect("known"))
    }

    #[test]
    fn the_search_finds_the_last_level_within_the_amount() {
        // Credits of 1 cent per 0.001 % above 99.5 %: within 250 cents up to 99.75 %.
        let credits = |ppb: u64| Some(eur((ppb.saturating_sub(995_000_000) / 10_000) as i64));
        let found = level_under(eur(250), Some((990_000_000, eur(0))), &credits);
        assert_eq!(found.level.as_deref(), Some("99.75"));
        assert_eq!(found.credits, Some(eur(250)));
        // Within it everywhere: 100 %.
        let found = level_under(eur(1_000_000), Some((990_000_000, eur(0))), &credits);
        assert_eq!(found.level.as_deref(), Some("100"));
        // No candidate within it: no level, never a guess.
        let found = level_under(eur(0), None, &credits);
        assert_eq!(found.level, None);
    }

    #[test]
    fn candidates_move_the_tiers_and_the_minimum_with_the_level() {
        let text = r#"{
          "format": "sla-agreements", "version": 1, "name": "x", "currency": "EUR", "time_zone": "UTC",
          "provider": {"name": "p"}, "services": [{"id": "s", "name": "S", "monthly_charge": "100.00"}],
          "agreements": [{"id": "a", "name": "A", "kind": "sla", "structure": "service_based", "service": "s",
            "targets": [{"id": "t", "name": "T", "metric": {"type": "availability"}, "expected": "99.9", "minimum": "99",
              "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}, {"below": "0.05", "credit": "50"}]}}]}]
        }"#;
        let mut file = crate::model::load::agreements(text).expect("valid");
        apply(
            &mut file,
            (0, 0),
            &Change::Level(Percent::parse("99.95").expect("valid")),
        );
        let target = &file.agreements[0].targets[0];
        assert_eq!(target.expected.text(), "99.95");
        assert_eq!(target.minimum.as_ref().map(Level::text), Some("99.05"));
        let Some(CreditRule::Step { tiers }) = &target.credit else {
            panic!("a step rule");
        };
        assert_eq!(tiers[0].below.text(), "99.95");
        assert_eq!(tiers[1].below.text(), "0.1");
        // Down, a tier stops at 0 %.
        apply(
            &mut file,
            (0, 0),
            &Change::Level(Percent::parse("99").expect("valid")),
        );
        let Some(CreditRule::Step { tiers }) = &file.agreements[0].targets[0].credit else {
            panic!("a step rule");
        };
        assert_eq!(tiers[0].below.text(), "99");
        assert_eq!(tiers[1].below.text(), "0");
    }

    fn fixture() -> Advice {
        let file = crate::model::load::agreements(include_str!(
            "../../../tests/fixtures/advise/agreement.json"
        ))
        .expect("valid");
        let measurements = crate::model::load::measurements(include_str!(
            "../../../tests/fixtures/advise/outages-2025.json"
        ))
        .expect("valid");
        let zone = crate::time::Zone::utc();
        let span = crate::report::Span::parse("2025", &zone).expect("a span");
        let options = Options {
            request: Request {
                span,
                now: crate::report::span_end(span, &zone),
            },
            k_of_n: Some((10, 12)),
            credit_limit: Some(eur(30_000)),
        };
        let sources = [Source {
            name: "",
            measurements: &measurements,
        }];
        let mut seen = Vec::new();
        let advice = advise_with(&file, &sources, &options, &mut |done, total| {
            seen.push((done, total));
        });
        assert_eq!(seen.last().map(|(d, t)| d == t), Some(true), "{seen:?}");
        advice
    }

    #[test]
    fn the_json_reads_back_to_the_same_advice() {
        let advice = fixture();
        assert!(!advice.targets.is_empty());
        assert!(advice.targets[0].margin.worst.is_some());
        let text = to_json(&advice).to_string();
        let back = from_json(&text, &crate::time::Zone::utc()).expect("readable");
        assert_eq!(back, advice);
        assert_eq!(csv(&back), csv(&advice));
        // A broken text says where.
        let broken = text.replacen("\"met\":", "\"met\":\"x\",\"was\":", 1);
        let why = from_json(&broken, &crate::time::Zone::utc()).expect_err("refused");
        assert!(
            why.contains("targets[0].rows[0]") && why.contains("`met`"),
            "{why}"
        );
    }

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
    }

    #[test]
    fn margins_are_rounded_toward_the_worse_side() {
        let margin = |negative, n, d| Margin {
            negative,
            magnitude: Ratio::new(n, d).expect("valid"),
        };
        // 2.23578… pp short, 0.35136… pp over
        assert_eq!(margin_text(&margin(true, 223_578, 100_000)), "−2.2358 pp");
        assert_eq!(margin_text(&margin(false, 35_136, 100_000)), "+0.3513 pp");
        assert_eq!(margin_text(&margin(true, 1, 2)), "−0.5000 pp");
    }
}
