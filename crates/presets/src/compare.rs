//! Several presets on one outage log, side by side: each one's uptime under
//! its own definition, tier and credit, and the differences in plain words
//! ("S3 averages 5-minute error rates, so the 3-minute outage counts as one
//! interval of 100 % errors = 5 minutes of the month").
//!
//! The differences are found, not written by hand: every record whose fate
//! differs between presets gets one sentence that groups the presets by
//! what they counted and says why; then the commitments and tiers, caps,
//! minimums and deadlines when they differ.

use sla_engine::Ratio;

use crate::evaluate::{
    decimal, describe_units, evaluate, EvaluateError, Evaluation, MeasureUnit, Month, Request,
};
use crate::log::OutageRecord;
use crate::preset::{Method, MinuteCounting, PartialInterval, Preset};

/// The presets evaluated on one log, and what sets them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub month: Month,
    pub time_zone: String,
    /// One evaluation per preset, in the order given.
    pub rows: Vec<Evaluation>,
    /// The presets' short names, in the same order.
    pub names: Vec<String>,
    /// The differences, one sentence each.
    pub differences: Vec<String>,
}

/// Evaluates every preset on `log` and explains the differences.
///
/// # Errors
/// As [`evaluate`]: a month that cannot be placed on the time line, a negative bill.
pub fn compare(
    presets: &[&Preset],
    log: &[OutageRecord],
    request: &Request,
) -> Result<Comparison, EvaluateError> {
    let rows = presets
        .iter()
        .map(|p| evaluate(p, log, request))
        .collect::<Result<Vec<_>, _>>()?;
    let names: Vec<String> = presets.iter().map(|p| p.name.clone()).collect();
    let differences = differences(presets, log, &rows);
    Ok(Comparison {
        month: request.month,
        time_zone: request.time_zone.name().to_owned(),
        rows,
        names,
        differences,
    })
}

/// The rule a preset counted a record by, in words.
fn counting_rule(preset: &Preset) -> String {
    let u = &preset.uptime;
    let mut rule = match (u.method, u.minute_counting, u.partial_interval) {
        (Method::Minutes, Some(MinuteCounting::WholeMinute), _) => {
            "only whole minutes count".to_string()
        }
        (Method::Minutes, _, _) => "every clock minute touched counts".to_string(),
        (Method::ErrorRateIntervals, _, Some(PartialInterval::TimeWeighted)) => format!(
            "it averages {}-minute error rates, weighted by the share of each interval the outage covers",
            u.interval_minutes.unwrap_or(5)
        ),
        (Method::ErrorRateIntervals, _, _) => format!(
            "it averages {}-minute error rates, so each interval touched counts at the outage's error rate",
            u.interval_minutes.unwrap_or(5)
        ),
        (Method::Exact, _, _) => "counted to the second".to_string(),
    };
    if let Some(minimum) = u.minimum_downtime_period {
        rule.push_str(&format!("; periods under {} are ignored", minimum.human()));
    }
    rule
}

fn names_list(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn when(record: &OutageRecord) -> String {
    let start = sla_engine::time::iso::utc_clock(record.start, ' ');
    let end = sla_engine::time::iso::utc_clock(record.end, ' ');
    // `2026-02-03 10:00:00`: the time alone when the day is the start's.
    let end_text = if start[..10] == end[..10] {
        end[11..].to_owned()
    } else {
        end
    };
    let length = sla_engine::TimeSpan::from_nanos(record.end - record.start)
        .unwrap_or_default()
        .human();
    format!(
        "{} → {} UTC, {}, {}",
        start,
        end_text,
        length,
        record.scope.describe()
    )
}

/// What a preset made of a record, as a phrase, and a key to group presets by.
fn fate(preset: &Preset, row: &Evaluation, index: usize) -> (String, String) {
    let outcome = &row.records[index];
    if !outcome.counted {
        return (format!("0|{}", outcome.reason), outcome.reason.clone());
    }
    let units = describe_units(row.measure.unit, outcome.units);
    let equivalent = match row.measure.unit {
        MeasureUnit::Intervals { minutes } => {
            let minutes_of_month = Ratio::new(
                outcome.units.numerator() * i128::from(minutes),
                outcome.units.denominator(),
            )
            .unwrap_or(outcome.units);
            format!(" = {} minutes of the month", decimal(minutes_of_month, 4))
        }
        _ => String::new(),
    };
    let note = outcome
        .reason
        .split_once("; ")
        .map(|(_, note)| format!(" — {note}"))
        .unwrap_or_default();
    let phrase = format!("{units}{equivalent} ({}{note})", counting_rule(preset));
    (format!("1|{phrase}"), phrase)
}

fn differences(presets: &[&Preset], log: &[OutageRecord], rows: &[Evaluation]) -> Vec<String> {
    let mut out = Vec::new();
    if presets.len() < 2 {
        return out;
    }
    // Records whose fate differs between presets.
    for (index, record) in log.iter().enumerate() {
        let mut groups: Vec<(String, String, Vec<&str>)> = Vec::new();
        for (preset, row) in presets.iter().zip(rows) {
            let (key, phrase) = fate(preset, row, index);
            match groups.iter_mut().find(|(k, _, _)| *k == key) {
                Some((_, _, names)) => names.push(&preset.name),
                None => groups.push((key, phrase, vec![&preset.name])),
            }
        }
        if groups.len() < 2 {
            continue;
        }
        let line = if record.line > 0 {
            format!(" (line {})", record.line)
        } else {
            String::new()
        };
        let parts: Vec<String> = groups
            .iter()
            .map(|(key, phrase, names)| {
                let verb = if names.len() == 1 { "counts" } else { "count" };
                if key.starts_with('1') {
                    format!("{} {verb} {phrase}", names_list(names))
                } else {
                    format!("{} {verb} nothing ({phrase})", names_list(names))
                }
            })
            .collect();
        out.push(format!(
            "Record {}{line}, {}: {}.",
            index + 1,
            when(record),
            parts.join("; ")
        ));
    }

    // Commitments and first tiers, when the credits differ.
    let credits_differ = rows
        .windows(2)
        .any(|w| w[0].credit_percent != w[1].credit_percent);
    if credits_differ {
        let parts: Vec<String> = presets
            .iter()
            .zip(rows)
            .map(|(p, row)| {
                let first = p
                    .credits
                    .tiers
                    .first()
                    .map(|t| t.text.clone())
                    .unwrap_or_default();
                format!(
                    "{} {} against {} (first tier: {}) → {}",
                    p.name,
                    row.uptime_text(),
                    p.commitment,
                    first,
                    if row.tier.is_some() {
                        format!("{} credit", row.credit_percent)
                    } else {
                        "no credit".into()
                    }
                )
            })
            .collect();
        out.push(format!(
            "The same log earns different credits, as the promises and tier edges differ: {}.",
            parts.join("; ")
        ));
    }

    // Caps, grouped by their level.
    let any_capped = rows
        .iter()
        .any(|r| r.credit.as_ref().is_some_and(|c| c.capped));
    let mut caps: Vec<(sla_engine::Percent, Vec<String>)> = Vec::new();
    for (p, row) in presets.iter().zip(rows) {
        let name = if row.credit.as_ref().is_some_and(|c| c.capped) {
            format!("{} (reached this month)", p.name)
        } else {
            p.name.clone()
        };
        match caps
            .iter_mut()
            .find(|(cap, _)| *cap == p.credits.cap.percent)
        {
            Some((_, names)) => names.push(name),
            None => caps.push((p.credits.cap.percent, vec![name])),
        }
    }
    if caps.len() > 1 || any_capped {
        let parts: Vec<String> = caps
            .iter()
            .map(|(cap, names)| {
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                format!("{cap} of the bill for {}", names_list(&names))
            })
            .collect();
        out.push(format!(
            "Credits in a month are capped at {}.",
            parts.join("; ")
        ));
    }

    // Minimum credits.
    for (p, row) in presets.iter().zip(rows) {
        if let (Some(credit), Some(minimum)) = (&row.credit, &p.credits.minimum) {
            if credit.below_minimum {
                out.push(format!(
                    "{} issues no credit of {} {} or less: its credit of {} {} is not paid.",
                    p.name,
                    minimum.amount.to_plain_string(),
                    minimum.amount.currency().code(),
                    credit.raw.to_plain_string(),
                    credit.bill.currency().code()
                ));
            }
        }
    }

    // Deadlines, grouped by date and rule.
    let mut deadlines: Vec<(String, Vec<&str>)> = Vec::new();
    for (p, row) in presets.iter().zip(rows) {
        let key = match row.deadline {
            Some(d) => format!("{d} ({})", row.deadline_rule),
            None => format!("none yet ({})", row.deadline_rule),
        };
        match deadlines.iter_mut().find(|(k, _)| *k == key) {
            Some((_, names)) => names.push(&p.name),
            None => deadlines.push((key, vec![&p.name])),
        }
    }
    if deadlines.len() > 1 {
        let parts: Vec<String> = deadlines
            .iter()
            .map(|(key, names)| format!("{key} for {}", names_list(names)))
            .collect();
        out.push(format!("The claim deadlines differ: {}.", parts.join("; ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::log::parse_csv;
    use chrono::NaiveDate;

    fn request() -> Request {
        Request::new(
            Month::parse("2026-07").expect("valid"),
            NaiveDate::from_ymd_opt(2026, 8, 3).expect("valid"),
        )
    }

    #[test]
    fn a_three_minute_outage_is_counted_three_ways() {
        let presets = bundled().expect("valid presets");
        let chosen: Vec<&Preset> = [
            "aws-ec2-region",
            "aws-s3-standard",
            "gcp-compute-multi-zone",
        ]
        .iter()
        .filter_map(|id| presets.iter().find(|p| p.id == *id))
        .collect();
        let log =
            parse_csv("start,end\n2026-07-03T10:00:20Z,2026-07-03T10:03:20Z\n").expect("valid");
        let comparison = compare(&chosen, &log, &request()).expect("evaluates");
        // 10:00, 10:01, 10:02, 10:03 touched; 10:01 and 10:02 whole; one 5-minute interval.
        assert_eq!(
            comparison.differences[0],
            "Record 1 (line 2), 2026-07-03 10:00:20 → 10:03:20 UTC, 3m, region: \
             AWS EC2 region-level counts 4 minutes (every clock minute touched counts); \
             AWS S3 Standard counts 1 5-minute interval at 100 % errors = 5 minutes of the month (it averages 5-minute error rates, so each interval touched counts at the outage's error rate); \
             GCE multi-zone counts 2 minutes (only whole minutes count; periods under 1m are ignored)."
        );
    }

    #[test]
    fn the_same_fate_everywhere_is_not_a_difference() {
        let presets = bundled().expect("valid presets");
        let chosen: Vec<&Preset> = ["aws-ec2-region", "aws-ec2-instance"]
            .iter()
            .filter_map(|id| presets.iter().find(|p| p.id == *id))
            .collect();
        // Whole minutes: both count 3.
        let log =
            parse_csv("start,end\n2026-07-03T10:00:00Z,2026-07-03T10:03:00Z\n").expect("valid");
        let comparison = compare(&chosen, &log, &request()).expect("evaluates");
        assert!(
            comparison
                .differences
                .iter()
                .all(|d| !d.starts_with("Record")),
            "{:?}",
            comparison.differences
        );
    }
}
