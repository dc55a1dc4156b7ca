//! Plain renderings of a [`Report`]: readable text (the CLI's default and the
//! golden files), and CSV (one row per target and period). JSON is the
//! report's `serde` form.

use std::fmt::Write;

use super::Report;

/// The report as text a person can read and check, explanations included
/// when `explain` is set.
pub fn text(report: &Report, explain: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — report for {}", report.name, report.span);
    let _ = writeln!(
        out,
        "Amounts in {}; periods cut in {}.",
        report.currency, report.time_zone
    );
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
            target.kind,
            target.key,
            scope,
            target.name,
            target.metric,
            if target.critical { " (critical)" } else { "" }
        );
        let _ = writeln!(
            out,
            "  expected {} {}{}{}; {}",
            target.direction,
            target.expected,
            target.unit,
            target
                .minimum
                .as_ref()
                .map(|m| format!(", minimum {m}{}", target.unit))
                .unwrap_or_default(),
            target.provenance
        );
        for period in &target.periods {
            let _ = writeln!(
                out,
                "  {}: {} → {}{}{}",
                period.period,
                period
                    .achieved
                    .as_ref()
                    .map(|a| format!("{a}{}", target.unit))
                    .unwrap_or_else(|| "no data".into()),
                period.status.to_uppercase(),
                period
                    .margin
                    .as_ref()
                    .map(|m| format!(" (margin {m}{})", target.unit))
                    .unwrap_or_default(),
                if period.credit_raw != "0.00"
                    && !period.credit_raw.is_empty()
                    && period.credit_raw != "0"
                {
                    format!(
                        "; credit {} (paid {}{})",
                        period.credit_raw,
                        period.credit_paid,
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
            if let Some(budget) = &period.budget {
                let _ = writeln!(
                    out,
                    "    error budget {}, used {}, left {}{}",
                    budget.allowed,
                    budget.used,
                    budget.left,
                    budget
                        .burn_rate
                        .as_ref()
                        .map(|b| format!(", burn rate {b}"))
                        .unwrap_or_default()
                );
            }
            if let Some(next) = &period.next_tier {
                let _ = writeln!(out, "    {next}");
            }
            for share in &period.attribution {
                let _ = writeln!(
                    out,
                    "    supplier {}: downtime {}, credit share {}",
                    share.supplier, share.downtime, share.credit
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
            .any(|p| p.credits_before_caps != "0.00" && p.credits_before_caps != "0");
        if !any_credit && group.termination.is_empty() {
            continue;
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Credits of {} (monthly charge {} {})",
            group.agreement, group.monthly_charge, report.currency
        );
        for period in &group.periods {
            let _ = writeln!(
                out,
                "  {}: before caps {}, after period cap {}{}, paid {}, earned back {}, net {}{}",
                period.period,
                period.credits_before_caps,
                period.after_period_cap,
                period
                    .period_cap
                    .as_ref()
                    .map(|c| format!(" (cap {c}{})", if period.at_cap { ", AT CAP" } else { "" }))
                    .unwrap_or_default(),
                period.paid,
                period.earned_back,
                period.net,
                period
                    .at_risk_amount
                    .as_ref()
                    .map(|a| format!("; at-risk amount {a}"))
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
                        right.periods.join(", ")
                    )
                } else {
                    String::new()
                }
            );
            if explain {
                let _ = writeln!(out, "    · {}", right.explanation.substituted);
            }
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
                period.period.clone(),
                csv_number(&period.achieved.clone().unwrap_or_default()),
                target.unit.clone(),
                csv_number(&target.expected),
                csv_number(&target.minimum.clone().unwrap_or_default()),
                period.status.clone(),
                csv_number(&period.margin.clone().unwrap_or_default()),
                period
                    .budget
                    .as_ref()
                    .map(|b| b.left.clone())
                    .unwrap_or_default(),
                csv_number(&period.credit),
                csv_number(&period.credit_paid),
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
