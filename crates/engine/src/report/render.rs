//! Plain renderings of a [`Report`]: readable text (the CLI's default and the
//! golden files), and CSV (one row per target and period), in English with
//! `.` decimals. The versioned JSON is [`super::json`]; the app formats the
//! typed values for the reader's locale itself.

use std::fmt::Write;

use super::{
    signed_span_text, span_text, Budget, Margin, NextTier, Report, TargetPeriod, TargetReport,
    VerdictComparison,
};
use crate::metrics::tickets::{TicketClock, TicketOutcome};
use crate::model::values::decimal_string;
use crate::model::Direction;
use crate::Ratio;

/// The achieved value in the target's unit: a percentage with 4 decimals
/// rounded down (`99.9089`), else 4 decimals rounded half up, trailing
/// zeros removed.
pub fn achieved_text(target: &TargetReport, achieved: Ratio) -> String {
    if target.is_percent() {
        achieved.to_percent_string(4)
    } else {
        decimal_string(achieved, 4)
    }
}

/// `+0.0455`, `−6.2`, `0`: the margin with 4 decimals, rounded half up.
pub fn margin_text(margin: Margin) -> String {
    match decimal_string(margin.magnitude, 4) {
        zero if zero == "0" => zero,
        m if margin.negative => format!("−{m}"),
        m => format!("+{m}"),
    }
}

/// `at least` or `at most`.
pub fn direction_text(direction: Direction) -> &'static str {
    match direction {
        Direction::AtLeast => "at least",
        Direction::AtMost => "at most",
    }
}

/// `12m more downtime and the credit rises from 10% to 25%`.
pub fn next_tier_text(next: NextTier) -> String {
    format!(
        "{} more downtime and the credit rises from {} to {}",
        next.extra_downtime.human(),
        next.from,
        next.to
    )
}

/// The budget's allowed, used and left as `43m 50s (2,629.746 s)` (left
/// with `−` when overspent) and the burn rate with 2 decimals.
pub fn budget_texts(budget: Budget) -> [String; 4] {
    [
        span_text(i128::from(budget.allowed.nanos())),
        span_text(i128::from(budget.used.nanos())),
        signed_span_text(i128::from(budget.left_nanos)),
        budget
            .burn_rate
            .map(|r| decimal_string(r, 2))
            .unwrap_or_default(),
    ]
}

/// `Records: 120 in the files; 100 used, 3 not used (listed below), 17
/// outside 2026-02 (not shown).`, and where none falls in the span, the
/// days the measurements cover.
pub fn records_text(report: &Report) -> String {
    let r = report.records;
    let span = report.span.label();
    let mut text = format!(
        "Records: {} in the files; {} used, {} not used{}, {} outside {span} (not shown).",
        r.input,
        r.used,
        r.not_used,
        if r.not_used > 0 {
            " (listed below)"
        } else {
            ""
        },
        r.outside_span
    );
    if let (0, true, Some((first, last))) = (r.used, r.outside_span > 0, r.measured) {
        let zone =
            crate::time::Zone::named(&report.time_zone).unwrap_or_else(crate::time::Zone::utc);
        let day = |at| {
            zone.local_date(at)
                .map(crate::time::iso::date_text)
                .unwrap_or_default()
        };
        let _ = write!(
            text,
            " No record falls in {span}: the measurements span {}..{}.",
            day(first),
            day(last.saturating_sub(1).max(first))
        );
    }
    text
}

fn achieved_or_empty(target: &TargetReport, period: &TargetPeriod) -> String {
    period
        .achieved
        .map(|a| achieved_text(target, a))
        .unwrap_or_default()
}

/// The report as text a person can read and check, explanations included
/// when `explain` is set.
pub fn text(report: &Report, explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — report for {}", report.name, report.span.label());
    let _ = writeln!(
        out,
        "Amounts in {}; periods cut in {}.",
        report.currency.code(),
        report.time_zone
    );
    let _ = writeln!(out, "{}", records_text(report));
    for target in &report.targets {
        let _ = writeln!(out);
        let scope = match (&target.customer, target.services.as_slice()) {
            (Some(c), [s]) => format!("{c} × {s}"),
            (Some(c), services) => format!("{c} × combined {}", services.join("+")),
            (None, services) => services.join("+"),
        };
        let _ = writeln!(
            out,
            "{} {} [{}] {} — {}{}",
            target.kind.label(),
            target.key,
            scope,
            target.name,
            target.metric,
            if target.critical { " (critical)" } else { "" }
        );
        let _ = writeln!(
            out,
            "  expected {} {}{}{}; {}",
            direction_text(target.direction),
            target.expected.text(),
            target.unit,
            target
                .minimum
                .as_ref()
                .map(|m| format!(", minimum {}{}", m.text(), target.unit))
                .unwrap_or_default(),
            target.provenance
        );
        for period in &target.periods {
            let _ = writeln!(
                out,
                "  {}: {} → {}{}{}",
                period.period.label(),
                period
                    .achieved
                    .map(|a| format!("{}{}", achieved_text(target, a), target.unit))
                    .unwrap_or_else(|| "no data".into()),
                period.status.label().to_uppercase(),
                period
                    .margin
                    .map(|m| format!(" (margin {}{})", margin_text(m), target.unit))
                    .unwrap_or_default(),
                if period.credit_raw.minor_units() != 0 {
                    format!(
                        "; credit {} (paid {}{})",
                        period.credit_raw.to_plain_string(),
                        period.credit_paid.to_plain_string(),
                        if period.earned_back {
                            ", earned back"
                        } else {
                            ""
                        }
                    )
                } else {
                    String::new()
                }
            );
            if let Some(budget) = period.budget {
                let [allowed, used, left, burn_rate] = budget_texts(budget);
                let _ = writeln!(
                    out,
                    "    error budget {allowed}, used {used}, left {left}{}",
                    if budget.burn_rate.is_some() {
                        format!(", burn rate {burn_rate}")
                    } else {
                        String::new()
                    }
                );
            }
            if let Some(next) = period.next_tier {
                let _ = writeln!(out, "    {}", next_tier_text(next));
            }
            for share in &period.attribution {
                let _ = writeln!(
                    out,
                    "    supplier {}: downtime {}, credit share {}",
                    share.supplier,
                    share.downtime.human(),
                    share.credit.to_plain_string()
                );
            }
            for excluded in &period.excluded {
                let _ = writeln!(out, "    not counted: {excluded}");
            }
            if explain {
                for line in &period.explanations {
                    let _ = writeln!(out, "    · {}: {}", line.what, line.substituted);
                    let _ = writeln!(out, "      formula: {}", line.formula);
                    if !line.convention.is_empty() {
                        let _ = writeln!(out, "      convention: {}", line.convention);
                    }
                }
            }
        }
    }
    for group in &report.groups {
        let any_credit = group
            .periods
            .iter()
            .any(|p| p.credits_before_caps.minor_units() != 0);
        if !any_credit && group.termination.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Credits of {} (monthly charge {} {})",
            group.agreement,
            group.monthly_charge.to_plain_string(),
            report.currency.code()
        );
        for period in &group.periods {
            let _ = writeln!(
                out,
                "  {}: before caps {}, after period cap {}{}, paid {}, earned back {}, net {}{}",
                period.period.label(),
                period.credits_before_caps.to_plain_string(),
                period.after_period_cap.to_plain_string(),
                period
                    .period_cap
                    .map(|c| format!(
                        " (cap {}{})",
                        c.to_plain_string(),
                        if period.at_cap { ", AT CAP" } else { "" }
                    ))
                    .unwrap_or_default(),
                period.paid.to_plain_string(),
                period.earned_back.to_plain_string(),
                period.net.to_plain_string(),
                period
                    .at_risk_amount
                    .map(|a| format!("; at-risk amount {}", a.to_plain_string()))
                    .unwrap_or_default()
            );
            if explain {
                for line in &period.explanations {
                    let _ = writeln!(out, "    · {}: {}", line.what, line.substituted);
                }
            }
        }
        for right in &group.termination {
            let _ = writeln!(
                out,
                "  termination right: {} — {}{}",
                right.rule,
                if right.triggered {
                    "TRIGGERED"
                } else {
                    "not triggered"
                },
                if right.triggered {
                    format!(
                        " by {} in {}",
                        right.target.as_deref().unwrap_or("the agreement"),
                        right
                            .periods
                            .iter()
                            .map(|p| p.label())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    String::new()
                }
            );
            // Where it stands at the end of the span's last period (its risk).
            if let Some(last) = right.standing.last() {
                let _ = writeln!(
                    out,
                    "    at the end of {}{}: {}",
                    last.period.label(),
                    last.target
                        .as_deref()
                        .map(|t| format!(", for {t}"))
                        .unwrap_or_default(),
                    last.standing.text(),
                );
            }
            if explain {
                let _ = writeln!(out, "    · {}", right.explanation.substituted);
            }
        }
    }
    let verdicts = report.verdicts();
    if !verdicts.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", verdicts_line(report, &verdicts));
        for comparison in verdicts
            .iter()
            .filter(|c| c.differs())
            .take(MAX_LISTED_VERDICTS)
        {
            let _ = writeln!(out, "  {}", verdict_text(comparison));
        }
        let differ = verdicts.iter().filter(|c| c.differs()).count();
        if differ > MAX_LISTED_VERDICTS {
            let _ = writeln!(
                out,
                "  … and {} more (every ticket: sla report --ticket-report FILE.csv)",
                differ - MAX_LISTED_VERDICTS
            );
        }
    }
    if !report.warnings.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Warnings");
        for warning in &report.warnings {
            let _ = writeln!(
                out,
                "  {} ({}): {}",
                warning.path, warning.kind, warning.message
            );
        }
    }
    if !report.skipped_records.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Records not used");
        for skipped in &report.skipped_records {
            let _ = writeln!(out, "  {}: {}", skipped.path, skipped.reason);
        }
    }
    out
}

/// Tickets whose verdicts differ listed in the text report; the rest counted.
pub const MAX_LISTED_VERDICTS: usize = 20;

/// `The source system's own verdict (made_sla (ServiceNow incidents)) is
/// given for 40 tickets the targets count: ours differs on 2, 1 undecided
/// here.`
pub fn verdicts_line(report: &Report, verdicts: &[VerdictComparison]) -> String {
    let differ = verdicts.iter().filter(|c| c.differs()).count();
    let open = verdicts.iter().filter(|c| c.ours.is_none()).count();
    format!(
        "The source system's own verdict ({}) is given for {} {} the targets count: ours differs on {differ}{}.",
        report.verdict_sources.join("; "),
        verdicts.len(),
        if verdicts.len() == 1 { "ticket" } else { "tickets" },
        if open > 0 {
            format!(", {open} still undecided here")
        } else {
            String::new()
        }
    )
}

/// `INC0000047: theirs met; here missed: P2 resolution 4h 12m of business
/// time against 4h (2026-03); the export has no pauses`.
pub fn verdict_text(comparison: &VerdictComparison) -> String {
    let word = |met: bool| if met { "met" } else { "missed" };
    let ours = comparison.ours.map_or("undecided", word);
    let checks: Vec<String> = comparison
        .checks
        .iter()
        .map(|(target, period, check)| {
            format!(
                "{target}: {} {} of business time against {} ({}, {})",
                match check.clock {
                    TicketClock::FirstResponse => "first response",
                    TicketClock::Resolution => "resolution",
                },
                check.elapsed.human(),
                check.within.human(),
                outcome_word(check.outcome),
                period.label()
            )
        })
        .collect();
    let paused = comparison.checks.iter().any(|(_, _, c)| c.paused);
    format!(
        "{}: theirs {}; here {ours}: {}; {}",
        comparison.id,
        word(comparison.theirs),
        checks.join("; "),
        if paused {
            "the clock stopped during the ticket's pauses"
        } else {
            "the export has no pauses"
        }
    )
}

fn outcome_word(outcome: TicketOutcome) -> &'static str {
    match outcome {
        TicketOutcome::Met => "met",
        TicketOutcome::Breached => "missed",
        TicketOutcome::Pending => "still open",
    }
}

/// Every ticket of every ticket target and period, one row each, ours
/// beside the source system's verdict (for `sla report --ticket-report`).
pub fn tickets_csv(report: &Report) -> String {
    let mut out = String::from(
        "agreement,target,period,ticket,priority,measured,business_seconds,limit_seconds,ours,theirs,agree,paused\n",
    );
    for target in &report.targets {
        for period in &target.periods {
            for check in &period.facts.tickets {
                let theirs = check
                    .theirs
                    .map_or("", |met| if met { "met" } else { "missed" });
                let ours = outcome_word(check.outcome);
                let agree = match (check.theirs, check.outcome) {
                    (None, _) | (_, TicketOutcome::Pending) => "",
                    (Some(met), outcome) => {
                        if met == (outcome == TicketOutcome::Met) {
                            "yes"
                        } else {
                            "no"
                        }
                    }
                };
                let row = [
                    target.agreement.as_str(),
                    target.key.as_str(),
                    &period.period.label(),
                    &check.id,
                    &check.priority,
                    match check.clock {
                        TicketClock::FirstResponse => "first response",
                        TicketClock::Resolution => "resolution",
                    },
                    &csv_number(&check.elapsed.exact_seconds()),
                    &csv_number(&check.within.exact_seconds()),
                    ours,
                    theirs,
                    agree,
                    if check.paused { "yes" } else { "no" },
                ]
                .map(csv_field);
                let _ = writeln!(out, "{}", row.join(","));
            }
        }
    }
    out
}

/// A figure as a spreadsheet reads a number: `-0.0455` for `−0.0455`, `10`
/// for `+10`, `1234.50` for `1,234.50`; anything else unchanged.
fn csv_number(text: &str) -> String {
    let plain = text.replace('\u{2212}', "-");
    let plain = plain.strip_prefix('+').unwrap_or(&plain);
    let digits: String = plain.chars().filter(|c| *c != ',').collect();
    if is_plain_number(&digits) {
        digits
    } else {
        text.to_owned()
    }
}

/// `-12.5`, `99.9`, `0`: an optional minus, digits, at most one point.
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && frac.chars().all(|c| c.is_ascii_digit())
        && !(body.contains('.') && frac.is_empty())
}

fn csv_field(value: &str) -> String {
    // Quote every field that needs it; a leading = + - @ is prefixed with '
    // so that a spreadsheet does not run it as a formula (a plain negative
    // number is left as it is: it is not one).
    let value = if value.starts_with(['=', '+', '-', '@']) && !is_plain_number(value) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// One row per target instance and period.
pub fn csv(report: &Report) -> String {
    let mut out = String::from(
        "agreement,target,customer,services,period,achieved,unit,expected,minimum,status,margin,budget_left,credit,credit_paid,earned_back\n",
    );
    for target in &report.targets {
        for period in &target.periods {
            let row = [
                target.agreement.clone(),
                target.target.clone(),
                target.customer.clone().unwrap_or_default(),
                target.services.join("+"),
                period.period.label(),
                csv_number(&achieved_or_empty(target, period)),
                target.unit.clone(),
                csv_number(target.expected.text()),
                csv_number(
                    target
                        .minimum
                        .as_ref()
                        .map(|m| m.text())
                        .unwrap_or_default(),
                ),
                period.status.label().to_owned(),
                csv_number(&period.margin.map(margin_text).unwrap_or_default()),
                period
                    .budget
                    .map(|b| signed_span_text(i128::from(b.left_nanos)))
                    .unwrap_or_default(),
                csv_number(&period.credit.to_plain_string()),
                csv_number(&period.credit_paid.to_plain_string()),
                period.earned_back.to_string(),
            ];
            let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_numbers_a_spreadsheet_reads_and_text_cannot_run_as_a_formula() {
        assert_eq!(csv_number("\u{2212}0.0455"), "-0.0455");
        assert_eq!(csv_number("+10"), "10");
        assert_eq!(csv_number("1,234.50"), "1234.50");
        assert_eq!(csv_number("99.9089"), "99.9089");
        assert_eq!(csv_number("n/a"), "n/a");
        assert_eq!(csv_number("12."), "12.");
        assert_eq!(csv_field("-0.0455"), "-0.0455");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}
