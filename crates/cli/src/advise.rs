//! `sla advise`: the target advisor on the command line.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use sla_engine::advise::{self, Advice, Options, Varies};
use sla_engine::money::{Currency, Money};
use sla_engine::report::{self, Request, Span};
use sla_engine::time::Zone;

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
    let sources = crate::sources(&files);
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
        Format::Csv => print!("{}", advise::csv(&advice)),
        Format::Json => println!("{}", crate::pretty(&advise::to_json(&advice))),
    }
    for (key, reason) in &advice.not_advised {
        eprintln!("sla: {key} is not advised on: {reason}");
    }
    Ok(ExitCode::SUCCESS)
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
            target.level_text(&target.current)
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
                    target.level_text(&row.candidate),
                    row.factor.map(|f| format!(" ({f})")).unwrap_or_default(),
                    if row.is_current { " *" } else { "" }
                ),
                format!("{} of {}", row.met, row.periods),
                row.worst
                    .map(|w| format!("{}: {}", w.period.label(), target.achieved_text(w.achieved)))
                    .unwrap_or_else(|| "—".into()),
                row.budget_text(),
                advise::money_text(row.credits),
            ]);
        }
        out.push_str(&crate::quick::table(&rows));
        if let Some(k) = &target.k_of_n {
            let level = match (k.level, &k.time) {
                (Some(level), _) => target.achieved_text(level),
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
                advise::money_text(limit.limit),
                match (&limit.level, limit.credits) {
                    (Some(level), Some(credits)) => format!(
                        "{} (credits {})",
                        target.level_text(level),
                        advise::money_text(credits)
                    ),
                    _ => "no level (even the loosest costs more)".into(),
                }
            );
        }
        if let Some(worst) = &target.margin.worst {
            let _ = writeln!(
                out,
                "margin of the agreement's level in its worst period: {}",
                advise::margin_text(worst)
            );
        }
        if let Some(room) = &target.margin.to_k_of_n {
            let _ = writeln!(
                out,
                "the level met in k of n against the agreement's: {}",
                advise::margin_text(room)
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
}
