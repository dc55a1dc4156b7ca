//! The claim helper: for one preset and month, the plain text to paste into
//! a support case and a CSV table (one row per incident, with the month's
//! figures on every row) with what a customer needs to file a credit claim:
//! the period, the incidents, the computed uptime, the tier, the credit
//! percentage and amount, and the deadline.
//!
//! When no credit is due the text says so instead of asking for one.

use std::fmt::Write as _;

use sla_engine::TimeSpan;

use crate::evaluate::{decimal, describe_units, Evaluation, MeasureUnit};
use crate::log::OutageRecord;
use crate::preset::Preset;

/// The claim, ready to paste and to attach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimDocument {
    /// Whether a credit is due (a tier was reached and something is payable).
    pub credit_due: bool,
    /// The subject line.
    pub subject: String,
    /// Plain text: subject, body, incidents, figures, what is attached.
    pub text: String,
    /// One row per incident (one empty row when there is none).
    pub csv: String,
}

fn utc(instant: i64) -> String {
    format!("{} UTC", sla_engine::time::iso::utc_clock(instant, ' '))
}

fn iso(instant: i64) -> String {
    format!("{}Z", sla_engine::time::iso::utc_clock(instant, 'T'))
}

/// A CSV field: quoted when needed; a leading `= + - @` (not a plain number)
/// is prefixed with `'` so that a spreadsheet does not run it as a formula.
pub(crate) fn csv_field(value: &str) -> String {
    let plain_number = {
        let body = value.strip_prefix('-').unwrap_or(value);
        !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == '.')
    };
    let value = if value.starts_with(['=', '+', '-', '@']) && !plain_number {
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

/// The claim for `evaluation` (made with `preset` on `log`).
///
/// # Example
/// ```
/// use sla_presets::{bundled, claim::claim, evaluate::{evaluate, Month, Request}, log::parse_csv};
/// use sla_engine::{Currency, Money};
///
/// let presets = bundled().unwrap();
/// let ec2 = presets.iter().find(|p| p.id == "aws-ec2-instance").unwrap();
/// let log = parse_csv("start,end,scope,instance\n2026-07-03T10:00:00Z,2026-07-03T14:00:00Z,instance,i-1\n").unwrap();
/// let mut request = Request::new(Month::parse("2026-07").unwrap(), chrono::NaiveDate::from_ymd_opt(2026, 8, 3).unwrap());
/// request.bill = Some(Money::parse("1000.00", Currency::new("USD").unwrap()).unwrap());
/// let evaluation = evaluate(ec2, &log, &request).unwrap();
/// let document = claim(ec2, &evaluation, &log);
/// assert!(document.credit_due);
/// assert!(document.text.starts_with("Subject: SLA Credit Request — AWS EC2 instance-level, 2026-07"));
/// ```
pub fn claim(preset: &Preset, evaluation: &Evaluation, log: &[OutageRecord]) -> ClaimDocument {
    let payable = evaluation
        .credit
        .as_ref()
        .map(|c| c.payable.minor_units() > 0);
    let credit_due = evaluation.tier.is_some() && payable.unwrap_or(true);
    let month = evaluation.month.label();
    let subject = if credit_due {
        format!(
            "{} — {}, {}",
            preset
                .claim
                .subject
                .as_deref()
                .unwrap_or("SLA credit request"),
            preset.name,
            month
        )
    } else {
        format!(
            "Incident record (no credit due) — {}, {}",
            preset.name, month
        )
    };
    let mut text = String::new();
    let _ = writeln!(text, "Subject: {subject}");
    let _ = writeln!(text);
    let _ = writeln!(text, "Hello,");
    let _ = writeln!(text);
    if credit_due {
        let _ = writeln!(
            text,
            "we request a service credit under the {} SLA for {} — {}, for the month {} ({} to {}).",
            preset.vendor,
            preset.service,
            preset.variant,
            month,
            utc(evaluation.window.start()),
            utc(evaluation.window.end())
        );
    } else {
        let _ = writeln!(
            text,
            "by our calculation no service credit is due under the {} SLA for {} — {}, for the month {} ({} to {}); this is a record of the incidents, not a claim.",
            preset.vendor,
            preset.service,
            preset.variant,
            month,
            utc(evaluation.window.start()),
            utc(evaluation.window.end())
        );
    }
    let _ = writeln!(
        text,
        "Terms: {} ({}), {}.",
        preset.source.terms_version, preset.source.terms_date, preset.source.url
    );
    let _ = writeln!(text);
    if evaluation.incidents.is_empty() {
        let _ = writeln!(text, "Incidents: none counted under this SLA's definition.");
    } else {
        let _ = writeln!(text, "Incidents (times in UTC):");
        for (n, incident) in evaluation.incidents.iter().enumerate() {
            let length = TimeSpan::from_nanos(incident.end - incident.start)
                .unwrap_or_default()
                .human();
            let descriptions: Vec<&str> = incident
                .records
                .iter()
                .filter_map(|i| log.get(*i))
                .map(|r| r.description.as_str())
                .filter(|d| !d.is_empty())
                .collect();
            let scopes: Vec<String> = incident
                .records
                .iter()
                .filter_map(|i| log.get(*i))
                .map(|r| r.scope.describe())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let _ = writeln!(
                text,
                "  {}. {} to {} ({}), {}: {} counted{}",
                n + 1,
                utc(incident.start),
                utc(incident.end),
                length,
                scopes.join(", "),
                describe_units(evaluation.measure.unit, incident.units),
                if descriptions.is_empty() {
                    String::new()
                } else {
                    format!(". {}", descriptions.join("; "))
                }
            );
        }
    }
    let _ = writeln!(text);
    let _ = writeln!(
        text,
        "Monthly uptime: {} = ({} − {}) ÷ {}, against a commitment of {} ({}).",
        evaluation.uptime_text(),
        evaluation.measure.describe_total(),
        evaluation.measure.describe_down(),
        evaluation.measure.describe_total(),
        evaluation.commitment,
        if evaluation.met { "met" } else { "missed" }
    );
    match (&evaluation.credit, evaluation.tier) {
        (Some(credit), Some(_)) => {
            let _ = writeln!(
                text,
                "Service credit: {}: {} {} of a monthly bill of {} {}{}.",
                evaluation.tier_text,
                credit.payable.to_plain_string(),
                credit.bill.currency().code(),
                credit.bill.to_plain_string(),
                credit.bill.currency().code(),
                if credit.capped { ", after the cap" } else { "" }
            );
            if credit.below_minimum {
                let _ = writeln!(
                    text,
                    "(The credit of {} {} is at or below the minimum the vendor issues.)",
                    credit.raw.to_plain_string(),
                    credit.bill.currency().code()
                );
            }
        }
        (None, Some(_)) => {
            let _ = writeln!(
                text,
                "Service credit: {} of the monthly charges for the service.",
                evaluation.tier_text
            );
        }
        (_, None) => {
            let _ = writeln!(text, "Service credit: none ({}).", evaluation.tier_text);
        }
    }
    let _ = writeln!(text, "Credit basis: {}", preset.credits.basis);
    let _ = writeln!(text);
    if let Some(deadline) = evaluation.deadline {
        let _ = writeln!(
            text,
            "Claim deadline: {deadline} ({}; \"{}\").",
            evaluation.deadline_rule, preset.claim.text
        );
    }
    let _ = writeln!(text, "How to file: {}", preset.claim.how);
    if !preset.claim.include.is_empty() {
        let _ = writeln!(text, "The claim must include:");
        for item in &preset.claim.include {
            let _ = writeln!(text, "  - {item}");
        }
    }
    let _ = writeln!(text);
    let _ = writeln!(
        text,
        "Calculated with the SLA calculator's {} preset: {}.",
        preset.id, evaluation.explanation.convention
    );

    let mut csv = String::from(
        "vendor,service,variant,period_start,period_end,incident,start,end,duration_seconds,downtime_counted,downtime_unit,scope,description,monthly_uptime_percent,commitment_percent,met,tier,credit_percent,bill,credit_amount,currency,deadline\n",
    );
    let unit = match evaluation.measure.unit {
        MeasureUnit::Minutes => "minutes".to_string(),
        MeasureUnit::Intervals { minutes } => format!("{minutes}-minute intervals at 100% errors"),
        MeasureUnit::Nanoseconds => "seconds".to_string(),
    };
    let summary = [
        evaluation.uptime.to_percent_string(4),
        evaluation.commitment.to_decimal_string(),
        if evaluation.met { "yes" } else { "no" }.to_string(),
        evaluation
            .tier
            .map(|i| preset.credits.tiers[i].text.clone())
            .unwrap_or_default(),
        evaluation.credit_percent.to_decimal_string(),
        evaluation
            .credit
            .as_ref()
            .map(|c| plain(c.bill.to_plain_string()))
            .unwrap_or_default(),
        evaluation
            .credit
            .as_ref()
            .map(|c| plain(c.payable.to_plain_string()))
            .unwrap_or_default(),
        evaluation
            .credit
            .as_ref()
            .map(|c| c.bill.currency().code().to_owned())
            .unwrap_or_default(),
        evaluation
            .deadline
            .map(|d| d.to_string())
            .unwrap_or_default(),
    ];
    let head = [
        preset.vendor.clone(),
        preset.service.clone(),
        preset.variant.clone(),
        iso(evaluation.window.start()),
        iso(evaluation.window.end()),
    ];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (n, incident) in evaluation.incidents.iter().enumerate() {
        let records: Vec<&OutageRecord> = incident
            .records
            .iter()
            .filter_map(|i| log.get(*i))
            .collect();
        let counted = match evaluation.measure.unit {
            MeasureUnit::Nanoseconds => decimal(
                sla_engine::Ratio::new(
                    incident.units.numerator(),
                    incident.units.denominator() * 1_000_000_000,
                )
                .unwrap_or(incident.units),
                9,
            ),
            _ => decimal(incident.units, 4),
        };
        rows.push(vec![
            (n + 1).to_string(),
            iso(incident.start),
            iso(incident.end),
            ((incident.end - incident.start) / 1_000_000_000).to_string(),
            counted,
            unit.clone(),
            records
                .iter()
                .map(|r| r.scope.describe())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect::<Vec<_>>()
                .join("; "),
            records
                .iter()
                .map(|r| r.description.as_str())
                .filter(|d| !d.is_empty())
                .collect::<Vec<_>>()
                .join("; "),
        ]);
    }
    if rows.is_empty() {
        rows.push(vec![String::new(); 8]);
    }
    for row in rows {
        let fields: Vec<String> = head
            .iter()
            .chain(row.iter())
            .chain(summary.iter())
            .map(|f| csv_field(f))
            .collect();
        csv.push_str(&fields.join(","));
        csv.push('\n');
    }
    ClaimDocument {
        credit_due,
        subject,
        text,
        csv,
    }
}

/// `1234.50` for `1,234.50` (a spreadsheet reads it as a number).
fn plain(text: String) -> String {
    text.replace(',', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_not_run_by_spreadsheets() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-12.5"), "-12.5");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("@cmd"), "'@cmd");
    }
}
