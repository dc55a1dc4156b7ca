//! Presets and comparisons as plain text, CSV and JSON: what the CLI prints
//! and what the golden files pin. Numbers are written without locale (`.` as
//! the decimal point, `,` between thousands in text, none in CSV and JSON).

use std::fmt::Write as _;

use serde_json::{json, Value};

use crate::claim::csv_field;
use crate::compare::Comparison;
use crate::evaluate::{decimal, Evaluation, MeasureUnit};
use crate::preset::{Deadline, Method, MinuteCounting, Preset, Unit};

/// One line per preset: id, commitment, name, terms date.
pub fn preset_list(presets: &[Preset]) -> String {
    let width = presets.iter().map(|p| p.id.len()).max().unwrap_or(2).max(2);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<width$}  {:>10}  {:<40}  terms of",
        "id", "commitment", "name"
    );
    for p in presets {
        let _ = writeln!(
            out,
            "{:<width$}  {:>10}  {:<40}  {}",
            p.id,
            p.commitment.to_string(),
            p.name,
            p.source.terms_date
        );
    }
    out
}

fn method_text(p: &Preset) -> String {
    let u = &p.uptime;
    let mut text = match u.method {
        Method::Minutes => match u.minute_counting {
            Some(MinuteCounting::WholeMinute) => {
                "per minute: whole clock minutes of downtime".to_string()
            }
            _ => "per minute: every clock minute with any downtime".to_string(),
        },
        Method::ErrorRateIntervals => format!(
            "error rate per {}-minute interval, averaged over the month",
            u.interval_minutes.unwrap_or(5)
        ),
        Method::Exact => "exact time".to_string(),
    };
    if let Some(m) = u.minimum_downtime_period {
        let _ = write!(text, "; downtime periods under {} ignored", m.human());
    }
    text
}

fn unit_text(unit: Unit) -> &'static str {
    match unit {
        Unit::RegionService => "a regional service: region-wide records count",
        Unit::MultiZone => "a deployment across two or more zones: down only while every zone is down",
        Unit::ZoneGroup => "a group of instances in one zone: region and zone outages count, single instances do not",
        Unit::Instance => "one instance: region, zone and instance outages count",
    }
}

/// Everything a preset says, for `sla presets --show`.
pub fn preset_detail(p: &Preset) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", p.name, p.id);
    let _ = writeln!(out, "  {}", p.title());
    let _ = writeln!(out, "  file: presets/{}", p.file);
    let _ = writeln!(out, "source: {}", p.source.url);
    let _ = writeln!(
        out,
        "  terms: {} ({}), transcribed {}",
        p.source.terms_version, p.source.terms_date, p.source.transcribed_on
    );
    for check in &p.source.checks {
        let _ = writeln!(
            out,
            "  - {}: {} ({})",
            check.part,
            check.status.label(),
            check.against
        );
    }
    let _ = writeln!(out, "  note: {}", p.source.note);
    let _ = writeln!(out, "commitment: {}", p.commitment);
    let _ = writeln!(out, "uptime: {}", method_text(p));
    let _ = writeln!(out, "  measured on {}", unit_text(p.uptime.unit));
    let _ = writeln!(out, "  definition: {}", p.uptime.definition);
    let _ = writeln!(out, "  downtime: {}", p.uptime.downtime);
    if p.exclusions.is_empty() {
        let _ = writeln!(out, "exclusions: none listed");
    } else {
        let _ = writeln!(out, "exclusions:");
        for e in &p.exclusions {
            let _ = writeln!(out, "  - {}: {}", e.category.id(), e.text);
        }
    }
    let _ = writeln!(out, "credits: {}", p.credits.basis);
    for t in &p.credits.tiers {
        let _ = writeln!(out, "  - {} → {}", t.text, t.credit);
    }
    let _ = writeln!(
        out,
        "  cap: {} ({})",
        p.credits.cap.percent, p.credits.cap.text
    );
    if let Some(m) = &p.credits.minimum {
        let _ = writeln!(
            out,
            "  minimum: more than {} {} ({})",
            m.amount.to_plain_string(),
            m.amount.currency().code(),
            m.text
        );
    }
    let _ = writeln!(
        out,
        "claim: {} (\"{}\")",
        crate::evaluate::deadline_rule_text(p.claim.deadline),
        p.claim.text
    );
    let _ = writeln!(out, "  how: {}", p.claim.how);
    for item in &p.claim.include {
        let _ = writeln!(out, "  - {item}");
    }
    out
}

fn credit_cell(row: &Evaluation) -> String {
    match &row.credit {
        Some(c) => format!(
            "{} {}",
            c.payable.to_plain_string(),
            c.bill.currency().code()
        ),
        None => "-".into(),
    }
}

fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - n))
    }
}

/// The comparison as a table, the differences, and each preset's steps.
pub fn comparison_text(c: &Comparison, log_len: usize, explain: bool) -> String {
    let mut out = String::new();
    let bill = c
        .rows
        .iter()
        .find_map(|r| r.credit.as_ref())
        .map(|credit| {
            format!(
                ", monthly bill {} {}",
                credit.bill.to_plain_string(),
                credit.bill.currency().code()
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "Vendor SLAs compared for {} ({}), {} record(s) in the log{}",
        c.month.label(),
        c.time_zone,
        log_len,
        bill
    );
    let _ = writeln!(out);
    let headers = [
        "preset",
        "uptime",
        "promise",
        "downtime counted",
        "credit %",
        "credit",
        "claim by",
    ];
    let rows: Vec<[String; 7]> = c
        .rows
        .iter()
        .zip(&c.names)
        .map(|(r, name)| {
            [
                name.clone(),
                r.uptime_text(),
                r.commitment.to_string(),
                r.measure.describe_down(),
                r.credit_percent.to_string(),
                credit_cell(r),
                r.deadline
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
            ]
        })
        .collect();
    let mut widths = headers.map(|h| h.chars().count());
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        cells
            .iter()
            .enumerate()
            .map(|(i, cell)| pad(cell, widths[i]))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let _ = writeln!(out, "{}", line(&headers.map(String::from)));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
    let _ = writeln!(out);
    if c.differences.is_empty() {
        let _ = writeln!(
            out,
            "Differences: none; every preset counts this log the same way."
        );
    } else {
        let _ = writeln!(out, "Differences");
        for d in &c.differences {
            let _ = writeln!(out, "- {d}");
        }
    }
    if explain {
        for (row, name) in c.rows.iter().zip(&c.names) {
            let _ = writeln!(out);
            let _ = writeln!(out, "{name} ({})", row.preset_id);
            for step in &row.steps {
                let _ = writeln!(out, "  {step}");
            }
        }
    }
    out
}

/// One row per preset.
pub fn comparison_csv(c: &Comparison) -> String {
    let mut out = String::from(
        "preset,name,month,time_zone,uptime_percent,commitment_percent,met,downtime_counted,downtime_unit,equivalent_minutes,tier,credit_percent,bill,credit_raw,credit_cap,credit_payable,currency,deadline,days_left\n",
    );
    for (r, name) in c.rows.iter().zip(&c.names) {
        let unit = match r.measure.unit {
            MeasureUnit::Minutes => "minutes".to_string(),
            MeasureUnit::Intervals { minutes } => {
                format!("{minutes}-minute intervals at 100% errors")
            }
            MeasureUnit::Nanoseconds => "nanoseconds".to_string(),
        };
        let money = |f: &dyn Fn(&crate::evaluate::CreditAmount) -> String| {
            r.credit.as_ref().map(f).unwrap_or_default()
        };
        let fields = [
            r.preset_id.clone(),
            name.clone(),
            c.month.label(),
            c.time_zone.clone(),
            r.uptime.to_percent_string(4),
            r.commitment.to_decimal_string(),
            if r.met { "yes" } else { "no" }.into(),
            decimal(r.measure.down, 4),
            unit,
            decimal(r.measure.equivalent_minutes(), 4),
            r.tier.map(|i| (i + 1).to_string()).unwrap_or_default(),
            r.credit_percent.to_decimal_string(),
            money(&|c| c.bill.to_plain_string().replace(',', "")),
            money(&|c| c.raw.to_plain_string().replace(',', "")),
            money(&|c| c.cap.to_plain_string().replace(',', "")),
            money(&|c| c.payable.to_plain_string().replace(',', "")),
            money(&|c| c.bill.currency().code().to_owned()),
            r.deadline.map(|d| d.to_string()).unwrap_or_default(),
            r.days_left.map(|d| d.to_string()).unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// One evaluation as JSON (figures as exact strings).
pub fn evaluation_json(r: &Evaluation, name: &str) -> Value {
    json!({
        "preset": r.preset_id,
        "name": name,
        "title": r.title,
        "month": r.month.label(),
        "time_zone": r.time_zone,
        "uptime_percent": r.uptime.to_percent_string(4),
        "uptime_exact": format!("{}/{}", r.uptime.numerator(), r.uptime.denominator()),
        "commitment_percent": r.commitment.to_decimal_string(),
        "met": r.met,
        "downtime": {
            "counted": decimal(r.measure.down, 9),
            "described": r.measure.describe_down(),
            "total": r.measure.total,
            "equivalent_minutes": decimal(r.measure.equivalent_minutes(), 4),
        },
        "tier": r.tier.map(|i| i + 1),
        "tier_text": r.tier_text,
        "credit_percent": r.credit_percent.to_decimal_string(),
        "credit": r.credit.as_ref().map(|c| json!({
            "bill": c.bill.to_plain_string().replace(',', ""),
            "raw": c.raw.to_plain_string().replace(',', ""),
            "cap": c.cap.to_plain_string().replace(',', ""),
            "capped": c.capped,
            "below_minimum": c.below_minimum,
            "payable": c.payable.to_plain_string().replace(',', ""),
            "currency": c.bill.currency().code(),
            "note": c.note,
        })),
        "deadline": r.deadline.map(|d| d.to_string()),
        "deadline_rule": r.deadline_rule,
        "days_left": r.days_left,
        "records": r.records.iter().map(|o| json!({
            "record": o.index + 1,
            "line": o.line,
            "counted": o.counted,
            "reason": o.reason,
        })).collect::<Vec<_>>(),
        "incidents": r.incidents.iter().map(|i| json!({
            "start": chrono::DateTime::<chrono::Utc>::from_timestamp_nanos(i.start).to_rfc3339(),
            "end": chrono::DateTime::<chrono::Utc>::from_timestamp_nanos(i.end).to_rfc3339(),
            "counted": decimal(i.units, 9),
            "records": i.records.iter().map(|n| n + 1).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "steps": r.steps,
        "explanation": {
            "formula": r.explanation.formula,
            "substituted": r.explanation.substituted,
            "convention": r.explanation.convention,
        },
    })
}

/// The comparison as JSON.
pub fn comparison_json(c: &Comparison) -> Value {
    json!({
        "month": c.month.label(),
        "time_zone": c.time_zone,
        "presets": c.rows.iter().zip(&c.names).map(|(r, n)| evaluation_json(r, n)).collect::<Vec<_>>(),
        "differences": c.differences,
    })
}

/// The deadline rule as data, for the docs table.
pub fn deadline_short(rule: Deadline) -> String {
    match rule {
        Deadline::EndOfMonthAfterIncident { months } => format!("end of month + {months}"),
        Deadline::DaysAfterMonthEnd { days } => format!("month end + {days} days"),
        Deadline::DaysAfterIncident { days } => format!("incident + {days} days"),
    }
}
