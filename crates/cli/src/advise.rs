//! `sla advise`: the target advisor on the command line.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};
use sla_engine::advise::{self, Advice, Options, Row, TargetAdvice, Varies};
use sla_engine::model::Direction;
use sla_engine::money::{Currency, Money};
use sla_engine::report::{self, Margin, Request, Source, Span};
use sla_engine::time::Zone;
use sla_engine::Ratio;

use crate::{agreements, bad, read_measurements, CsvOptions, Format};

/// For each availability and response- or resolution-time target: what
/// each candidate level (availability 99 … 99.999 % and the agreement's
/// own; times × 0.5, 1, 1.5, 2) would have given over the history, under
/// the agreement's own terms: periods met, the worst period, the error
/// budget used and the credits; the strictest level met in k of n periods,
/// the level whose credits stay under an amount, and the margin of the
/// agreement's level.
#[derive(clap::Args)]
pub struct Args {
    /// The agreement file (JSON).
    agreements: PathBuf,
    /// Measurement files: JSON or CSV exports, as for `sla report`.
    #[arg(short, long = "measurements", required = true)]
    measurements: Vec<PathBuf>,
    #[command(flatten)]
    csv: CsvOptions,
    /// The history: `2026`, `2025-01..2025-12`, `2026-Q1`.
    #[arg(short, long)]
    period: String,
    /// Only this target (its key, `agreement/target`, as the report names it).
    #[arg(long)]
    target: Option<String>,
    /// The strictest level met in at least K of the last N periods, as `K/N`, e.g. `11/12`.
    #[arg(long, value_name = "K/N")]
    met_in: Option<String>,
    /// The strictest level whose credits over the history stay at or under
    /// this amount, in the agreement's currency, e.g. `500.00`.
    #[arg(long, value_name = "AMOUNT")]
    credits_under: Option<String>,
    /// Output format: text, csv (with the assumptions written in) or json.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// `K/N` with 1 ≤ k ≤ n.
fn k_of_n(text: &str) -> Result<(usize, usize), String> {
    let wrong = || format!("--met-in `{text}`: write K/N with 1 ≤ K ≤ N, e.g. 11/12");
    let (k, n) = text.split_once('/').ok_or_else(wrong)?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| wrong())?,
        n.trim().parse().map_err(|_| wrong())?,
    );
    if k == 0 || k > n {
        return Err(wrong());
    }
    Ok((k, n))
}

pub fn run(args: &Args) -> Result<ExitCode, ExitCode> {
    let file = agreements(&args.agreements)?;
    let (files, _) = read_measurements(&file, &args.measurements, &args.csv)?;
    let sources: Vec<Source> = files
        .iter()
        .map(|(name, measurements)| Source {
            name: if files.len() > 1 { name } else { "" },
            measurements,
        })
        .collect();
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let span = Span::parse(&args.period, &zone).map_err(|e| bad(format!("--period: {e}")))?;
    let currency = Currency::new(&file.currency).map_err(|e| bad(e.to_string()))?;
    let options = Options {
        request: Request {
            span,
            now: report::span_end(span, &zone),
        },
        k_of_n: args
            .met_in
            .as_deref()
            .map(k_of_n)
            .transpose()
            .map_err(bad)?,
        credit_limit: args
            .credits_under
            .as_deref()
            .map(|text| {
                Money::parse(text, currency).map_err(|e| format!("--credits-under `{text}`: {e}"))
            })
            .transpose()
            .map_err(bad)?,
    };
    let mut advice = advise::advise(&file, &sources, &options);
    if let Some(key) = &args.target {
        let known: Vec<String> = advice.targets.iter().map(|t| t.key.clone()).collect();
        advice.targets.retain(|t| &t.key == key);
        if advice.targets.is_empty() {
            return Err(bad(format!(
                "--target `{key}` is not one of the targets advised on: {}",
                known.join(", ")
            )));
        }
    }
    match args.format {
        Format::Text => print!("{}", text(&advice)),
        Format::Csv => print!("{}", csv(&advice)),
        Format::Json => println!("{}", crate::pretty(&to_json(&advice))),
    }
    for (key, reason) in &advice.not_advised {
        eprintln!("sla: {key} is not advised on: {reason}");
    }
    Ok(ExitCode::SUCCESS)
}

/// A level as a percentage with 4 decimals, rounded down (never shown
/// better than it is), or a time.
fn level_text(advice: &TargetAdvice, candidate: &str) -> String {
    match advice.varies {
        Varies::Level => format!("{candidate} %"),
        Varies::Time => candidate.to_string(),
    }
}

fn achieved_text(advice: &TargetAdvice, value: Ratio) -> String {
    if advice.unit == "%" {
        format!("{} %", value.to_percent_string(4))
    } else {
        format!("{} {}", value.to_percent_string(4), advice.unit)
    }
}

/// A margin in percentage points with 4 decimals, rounded toward the worse
/// side (a shortfall up, a surplus down): never shown better than it is.
fn margin_text(margin: &Margin) -> String {
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

fn money(value: Money) -> String {
    format!("{} {}", value.to_plain_string(), value.currency().code())
}

fn budget_text(row: &Row) -> String {
    row.budget_used
        .map(|b| format!("{} %", b.to_percent_string(1)))
        .unwrap_or_else(|| "—".into())
}

fn text(advice: &Advice) -> String {
    let mut out = String::new();
    for target in &advice.targets {
        let _ = writeln!(
            out,
            "{} — {} ({}; the agreement's {} {})",
            target.key,
            target.name,
            target.metric,
            match target.varies {
                Varies::Level => "level",
                Varies::Time => "time",
            },
            level_text(target, &target.current)
        );
        let mut rows = vec![vec![
            "candidate".to_string(),
            "met".into(),
            "worst period".into(),
            "budget used".into(),
            "credits".into(),
        ]];
        for row in &target.rows {
            rows.push(vec![
                format!(
                    "{}{}{}",
                    level_text(target, &row.candidate),
                    row.factor.map(|f| format!(" ({f})")).unwrap_or_default(),
                    if row.is_current { " *" } else { "" }
                ),
                format!("{} of {}", row.met, row.periods),
                row.worst
                    .map(|w| {
                        format!(
                            "{}: {}",
                            w.period.label(),
                            achieved_text(target, w.achieved)
                        )
                    })
                    .unwrap_or_else(|| "—".into()),
                budget_text(row),
                money(row.credits),
            ]);
        }
        out.push_str(&crate::quick::table(&rows));
        if let Some(k) = &target.k_of_n {
            let level = match (k.level, &k.time) {
                (Some(level), _) => achieved_text(target, level),
                (None, Some(time)) => time.clone(),
                (None, None) => "none".into(),
            };
            let _ = writeln!(
                out,
                "met in {} of the last {} periods ({} counted): {level}",
                k.k, k.n, k.considered
            );
        }
        if let Some(limit) = &target.under_limit {
            let _ = writeln!(
                out,
                "credits at or under {}: {}",
                money(limit.limit),
                match (&limit.level, limit.credits) {
                    (Some(level), Some(credits)) =>
                        format!("{} (credits {})", level_text(target, level), money(credits)),
                    _ => "no level (even the loosest costs more)".into(),
                }
            );
        }
        if let Some(worst) = &target.margin.worst {
            let _ = writeln!(
                out,
                "margin of the agreement's level in its worst period: {}",
                margin_text(worst)
            );
        }
        if let Some(room) = &target.margin.to_k_of_n {
            let _ = writeln!(
                out,
                "the level met in k of n against the agreement's: {}",
                margin_text(room)
            );
        }
        out.push_str("(* the agreement's own)\n\n");
    }
    out.push_str("Assumptions:\n");
    for line in &advice.assumptions {
        let _ = writeln!(out, "- {line}");
    }
    out
}

/// A CSV field, quoted when it needs to be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv(advice: &Advice) -> String {
    let mut out = String::new();
    for line in &advice.assumptions {
        let _ = writeln!(out, "# {line}");
    }
    out.push_str("target,metric,direction,candidate,factor,current,periods,met,left_out,worst_period,worst_achieved,budget_used_percent,credits,currency\n");
    for target in &advice.targets {
        for row in &target.rows {
            let cells = [
                target.key.clone(),
                target.metric.clone(),
                match target.direction {
                    Direction::AtLeast => "at_least".into(),
                    Direction::AtMost => "at_most".into(),
                },
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
                row.credits.to_plain_string().replace(',', ""),
                row.credits.currency().code().to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| field(c)).collect();
            let _ = writeln!(out, "{}", line.join(","));
        }
    }
    out
}

fn ratio_json(value: Ratio) -> Value {
    json!({"numerator": value.numerator().to_string(), "denominator": value.denominator().to_string()})
}

fn to_json(advice: &Advice) -> Value {
    json!({
        "currency": advice.currency.code(),
        "assumptions": advice.assumptions,
        "not_advised": advice.not_advised.iter().map(|(key, reason)| json!({"target": key, "reason": reason})).collect::<Vec<_>>(),
        "targets": advice.targets.iter().map(|t| json!({
            "key": t.key,
            "name": t.name,
            "metric": t.metric,
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
                    "achieved": ratio_json(w.achieved),
                    "achieved_percent": w.achieved.to_percent_string(6),
                })),
                "budget_used": r.budget_used.map(ratio_json),
                "credits": r.credits.to_plain_string().replace(',', ""),
            })).collect::<Vec<_>>(),
            "met_in": t.k_of_n.as_ref().map(|k| json!({
                "k": k.k, "n": k.n, "considered": k.considered,
                "level": k.level.map(ratio_json),
                "level_percent": k.level.map(|l| l.to_percent_string(6)),
                "time": k.time,
            })),
            "credits_under": t.under_limit.as_ref().map(|u| json!({
                "limit": u.limit.to_plain_string().replace(',', ""),
                "level": u.level,
                "credits": u.credits.map(|c| c.to_plain_string().replace(',', "")),
            })),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn k_of_n_is_read_strictly() {
        assert_eq!(k_of_n("11/12"), Ok((11, 12)));
        assert_eq!(k_of_n(" 1 / 1 "), Ok((1, 1)));
        assert!(k_of_n("0/12").is_err());
        assert!(k_of_n("13/12").is_err());
        assert!(k_of_n("12").is_err());
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

    #[test]
    fn csv_fields_are_quoted_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a, b"), "\"a, b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
    }
}
