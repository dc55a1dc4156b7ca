//! The report as versioned JSON: `"format": "sla-report"`, `"version": 1`,
//! documented in `docs/format.md` ("Report JSON") and described by the JSON
//! Schema `docs/report.schema.json`.
//!
//! Exact values never pass through a float: decimals and big integers are
//! strings (`"43200.00"`, a ratio's `numerator` and `denominator`), money
//! also carries its integer minor units when they are a safe JSON integer
//! (|n| < 2^53), percentages are given with 6 decimals rounded as the text
//! report rounds them (achieved values down), durations as exact seconds.
//! A reproducibility stamp says what produced the report: engine and format
//! versions, the span, the zone, "now", and a digest of each input file.

use serde_json::{json, Map, Value};

use super::{Budget, GroupReport, Line, Margin, Report, TargetPeriod, TargetReport};
use crate::model::values::{decimal_string, rfc3339};
use crate::model::{AgreementKind, Direction};
use crate::time::{UnixNanos, Zone};
use crate::{Money, Ratio, TimeSpan};

/// The version of the report JSON this engine writes.
pub const REPORT_FORMAT_VERSION: u32 = 1;

/// What produced a report, for whoever must reproduce it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The instant of evaluation.
    pub now: UnixNanos,
    /// Each input file: its role (`agreements`, `measurements`), its name as
    /// given, and its SHA-256 digest in lower-case hex.
    pub inputs: Vec<InputDigest>,
}

/// One input file of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDigest {
    pub role: String,
    pub name: String,
    pub sha256: String,
}

/// The report as JSON (see the module's documentation).
pub fn to_json(report: &Report, stamp: &Stamp) -> Value {
    let zone = Zone::named(&report.time_zone).unwrap_or_else(Zone::utc);
    let window = report.span.window(&zone).map(|w| (w.start(), w.end()));
    json!({
        "format": "sla-report",
        "version": REPORT_FORMAT_VERSION,
        "stamp": {
            "engine": env!("CARGO_PKG_VERSION"),
            "agreement_format": crate::model::FORMAT_VERSION,
            "span": report.span.label(),
            "span_start": window.map(|(start, _)| rfc3339(start)),
            "span_end": window.map(|(_, end)| rfc3339(end)),
            "time_zone": report.time_zone,
            "now": rfc3339(stamp.now),
            "inputs": stamp.inputs.iter().map(|i| json!({
                "role": i.role,
                "name": i.name,
                "sha256": i.sha256,
            })).collect::<Vec<_>>(),
        },
        "name": report.name,
        "currency": report.currency.code(),
        "targets": report.targets.iter().map(target).collect::<Vec<_>>(),
        "groups": report.groups.iter().map(group).collect::<Vec<_>>(),
        "warnings": report.warnings.iter().map(|w| json!({
            "path": w.path,
            "kind": w.kind,
            "message": w.message,
        })).collect::<Vec<_>>(),
        "records": {
            "input": report.records.input,
            "used": report.records.used,
            "not_used": report.records.not_used,
            "outside_span": report.records.outside_span,
            "measured_from": report.records.measured.map(|(first, _)| rfc3339(first)),
            "measured_to": report.records.measured.map(|(_, last)| rfc3339(last)),
        },
        "skipped_records": report.skipped_records.iter().map(|r| json!({
            "path": r.path,
            "reason": r.reason,
        })).collect::<Vec<_>>(),
    })
}

fn kind(kind: AgreementKind) -> &'static str {
    match kind {
        AgreementKind::Sla => "sla",
        AgreementKind::Ola => "ola",
        AgreementKind::Uc => "uc",
    }
}

fn target(t: &TargetReport) -> Value {
    json!({
        "key": t.key,
        "agreement": t.agreement,
        "kind": kind(t.kind),
        "target": t.target,
        "name": t.name,
        "metric": t.metric,
        "unit": t.unit,
        "direction": match t.direction {
            Direction::AtLeast => "at_least",
            Direction::AtMost => "at_most",
        },
        "expected": t.expected.text(),
        "minimum": t.minimum.as_ref().map(|m| m.text()),
        "critical": t.critical,
        "customer": t.customer,
        "services": t.services,
        "supplier": t.supplier,
        "provenance": t.provenance,
        "periods": t.periods.iter().map(|p| period(t, p)).collect::<Vec<_>>(),
    })
}

fn period(t: &TargetReport, p: &TargetPeriod) -> Value {
    let mut out = Map::new();
    out.insert("period".into(), p.period.label().into());
    out.insert("start".into(), rfc3339(p.window.start()).into());
    out.insert("end".into(), rfc3339(p.window.end()).into());
    out.insert(
        "achieved".into(),
        p.achieved.map(|a| achieved(t, a)).unwrap_or(Value::Null),
    );
    out.insert("status".into(), p.status.label().replace(' ', "_").into());
    out.insert("margin".into(), p.margin.map(margin).unwrap_or(Value::Null));
    out.insert("budget".into(), p.budget.map(budget).unwrap_or(Value::Null));
    out.insert(
        "next_tier".into(),
        p.next_tier
            .map(|n| {
                json!({
                    "extra_downtime_seconds": seconds(i128::from(n.extra_downtime.nanos())),
                    "credit_percent_now": n.from.to_decimal_string(),
                    "credit_percent_then": n.to.to_decimal_string(),
                })
            })
            .unwrap_or(Value::Null),
    );
    out.insert("credit_raw".into(), money(p.credit_raw));
    out.insert("credit".into(), money(p.credit));
    out.insert("credit_paid".into(), money(p.credit_paid));
    out.insert("earned_back".into(), p.earned_back.into());
    out.insert(
        "service_time_seconds".into(),
        seconds(i128::from(p.facts.service_time.nanos())).into(),
    );
    out.insert(
        "downtime_seconds".into(),
        seconds(i128::from(p.facts.downtime.nanos())).into(),
    );
    out.insert(
        "breached_tickets".into(),
        u64::try_from(p.facts.breached_tickets)
            .unwrap_or(u64::MAX)
            .into(),
    );
    out.insert(
        "attribution".into(),
        p.attribution
            .iter()
            .map(|a| {
                json!({
                    "supplier": a.supplier,
                    "downtime_seconds": seconds(i128::from(a.downtime.nanos())),
                    "credit": money(a.credit),
                })
            })
            .collect::<Vec<_>>()
            .into(),
    );
    out.insert("excluded".into(), p.excluded.clone().into());
    out.insert("explanations".into(), lines(&p.explanations));
    Value::Object(out)
}

fn group(g: &GroupReport) -> Value {
    json!({
        "agreement": g.agreement,
        "monthly_charge": money(g.monthly_charge),
        "periods": g.periods.iter().map(|p| json!({
            "period": p.period.label(),
            "charges": money(p.charges),
            "at_risk_amount": p.at_risk_amount.map(money),
            "credits_before_caps": money(p.credits_before_caps),
            "period_cap": p.period_cap.map(money),
            "at_cap": p.at_cap,
            "after_period_cap": money(p.after_period_cap),
            "paid": money(p.paid),
            "earned_back": money(p.earned_back),
            "net": money(p.net),
            "explanations": lines(&p.explanations),
        })).collect::<Vec<_>>(),
        "termination": g.termination.iter().map(|t| json!({
            "rule": t.rule,
            "triggered": t.triggered,
            "target": t.target,
            "periods": t.periods.iter().map(|p| p.label()).collect::<Vec<_>>(),
            "holds_in": t.holds_in.iter().map(|p| p.label()).collect::<Vec<_>>(),
            "standing": t.standing.iter().map(|s| json!({
                "period": s.period.label(),
                "target": s.target,
                "holds": s.standing.holds(),
                "text": s.standing.text(),
            })).collect::<Vec<_>>(),
            "explanation": line(&t.explanation),
        })).collect::<Vec<_>>(),
    })
}

fn lines(lines: &[Line]) -> Value {
    lines.iter().map(line).collect::<Vec<_>>().into()
}

fn line(l: &Line) -> Value {
    json!({
        "what": l.what,
        "formula": l.formula,
        "substituted": l.substituted,
        "convention": l.convention,
    })
}

/// The largest integer a JSON reader holds exactly in a double (2^53 − 1).
const SAFE_INTEGER: i64 = 9_007_199_254_740_991;

/// `{"amount": "1200.00", "minor_units": 120000}`; `minor_units` is left
/// out beyond a safe JSON integer (the amount is exact either way).
pub fn money(amount: Money) -> Value {
    let mut out = Map::new();
    out.insert(
        "amount".into(),
        amount.to_plain_string().replace(',', "").into(),
    );
    if amount.minor_units().unsigned_abs() <= SAFE_INTEGER.unsigned_abs() {
        out.insert("minor_units".into(), amount.minor_units().into());
    }
    Value::Object(out)
}

/// Exact seconds as a plain decimal: `2629.746`, `-12.5`, `0`.
pub fn seconds(nanos: i128) -> String {
    let sign = if nanos < 0 { "-" } else { "" };
    let magnitude = nanos.unsigned_abs();
    let whole = magnitude / 1_000_000_000;
    let fraction = magnitude % 1_000_000_000;
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = format!("{fraction:09}");
    format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
}

fn ratio(value: Ratio) -> Map<String, Value> {
    let mut out = Map::new();
    out.insert("numerator".into(), value.numerator().to_string().into());
    out.insert("denominator".into(), value.denominator().to_string().into());
    out
}

/// The exact value and its decimal text in the target's unit: a
/// percentage with 6 decimals rounded down, as the text report rounds (it
/// shows 4), else 6 decimals rounded half up.
fn achieved(t: &TargetReport, value: Ratio) -> Value {
    let mut out = ratio(value);
    let text = if t.is_percent() {
        value.to_percent_string(6)
    } else {
        decimal_string(value, 6)
    };
    out.insert("value".into(), text.into());
    Value::Object(out)
}

/// `{"value": "-6.24", "negative": true, "numerator": ..., "denominator": ...}`:
/// achieved − expected in the target's unit, 6 decimals rounded half up
/// (the magnitude is exact in `numerator / denominator`).
fn margin(m: Margin) -> Value {
    let mut out = ratio(m.magnitude);
    let text = decimal_string(m.magnitude, 6);
    out.insert("negative".into(), m.negative.into());
    out.insert(
        "value".into(),
        if m.negative && text != "0" {
            format!("-{text}")
        } else {
            text
        }
        .into(),
    );
    Value::Object(out)
}

fn budget(b: Budget) -> Value {
    json!({
        "allowed_seconds": seconds(i128::from(b.allowed.nanos())),
        "used_seconds": seconds(i128::from(b.used.nanos())),
        "left_seconds": seconds(i128::from(b.left_nanos)),
        "burn_rate": b.burn_rate.map(|r| {
            let mut out = ratio(r);
            out.insert("value".into(), decimal_string(r, 6).into());
            Value::Object(out)
        }),
    })
}

/// A duration as exact seconds (for callers outside the JSON).
pub fn exact_seconds(span: TimeSpan) -> String {
    seconds(i128::from(span.nanos()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Currency;

    #[test]
    fn seconds_are_exact_plain_decimals() {
        assert_eq!(seconds(2_629_746_000_000), "2629.746");
        assert_eq!(seconds(-12_500_000_000), "-12.5");
        assert_eq!(seconds(0), "0");
        assert_eq!(seconds(1), "0.000000001");
    }

    #[test]
    fn money_keeps_minor_units_only_where_json_holds_them() {
        let eur = Currency::new("EUR").expect("a currency");
        assert_eq!(
            money(Money::new(120_000, eur)),
            json!({"amount": "1200.00", "minor_units": 120000})
        );
        assert_eq!(
            money(Money::new(i64::MAX, eur)),
            json!({"amount": "92233720368547758.07"})
        );
    }
}
