//! `sla simulate`: the contract simulator on the command line.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::json;
use sla_engine::report::{Source, Span};
use sla_engine::simulate::{self, Failure, Setup, Simulation};
use sla_engine::time::Zone;
use sla_engine::TimeSpan;

use crate::{agreements, bad, read_measurements, CsvOptions, Format};

/// Simulate many replications of a contract year: outages drawn per
/// service from its failure model (up times exponential with mean MTBF,
/// repairs with mean MTTR, services independent), measured with the
/// agreement's calendars and settled by its credit terms. Prints, per
/// availability target, the yearly availability (mean with its standard
/// error, percentiles) and the periods missed; per agreement, the credits
/// per contract year (mean with its standard error, P50, P95, P99) and the
/// probability that each termination right is triggered. The same seed
/// gives the same figures everywhere.
#[derive(clap::Args)]
pub struct Args {
    /// The agreement file (JSON).
    agreements: PathBuf,
    /// A service's failure model, `SERVICE=MTBF/MTTR`, e.g. `web=30d/2h` (repeatable).
    #[arg(long = "failure", value_name = "SERVICE=MTBF/MTTR")]
    failures: Vec<String>,
    /// Fit the failure model of the services not given with --failure from
    /// these measurement files: MTTR the mean length of an outage, MTBF the
    /// time up between outages, over --history.
    #[arg(short, long = "measurements")]
    measurements: Vec<PathBuf>,
    #[command(flatten)]
    csv: CsvOptions,
    /// The history the fit reads, e.g. `2025` or `2025-01..2025-12`.
    #[arg(long)]
    history: Option<String>,
    /// The contract year's first month, `YYYY-MM`.
    #[arg(long, value_name = "YYYY-MM")]
    start: String,
    /// Replications of the contract year.
    #[arg(long, default_value_t = 10_000)]
    years: u32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// `SERVICE=MTBF/MTTR`.
fn failure(text: &str) -> Result<(String, Failure), String> {
    let wrong = |why: String| {
        format!("--failure `{text}`: {why}; write SERVICE=MTBF/MTTR, e.g. web=30d/2h")
    };
    let (service, model) = text.split_once('=').ok_or_else(|| wrong("no `=`".into()))?;
    let (mtbf, mttr) = model
        .split_once('/')
        .ok_or_else(|| wrong("no `/`".into()))?;
    let span = |t: &str| TimeSpan::parse(t).map_err(|e| wrong(e.to_string()));
    Ok((
        service.trim().to_string(),
        Failure {
            mtbf: span(mtbf)?,
            mttr: span(mttr)?,
        },
    ))
}

pub fn run(args: &Args) -> Result<ExitCode, ExitCode> {
    let file = agreements(&args.agreements)?;
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let start = crate::quick::parse_month(&args.start).ok_or_else(|| {
        bad(format!(
            "--start `{}` is not a month; write YYYY-MM",
            args.start
        ))
    })?;
    let mut services: Vec<(String, Failure)> = Vec::new();
    let mut fitted: Vec<String> = Vec::new();
    for text in &args.failures {
        services.push(failure(text).map_err(bad)?);
    }
    if !args.measurements.is_empty() {
        let history = args.history.as_deref().ok_or_else(|| {
            bad("--history is needed to fit from measurements, e.g. --history 2025".into())
        })?;
        let span = Span::parse(history, &zone).map_err(|e| bad(format!("--history: {e}")))?;
        let window = span
            .window(&zone)
            .ok_or_else(|| bad(format!("--history `{history}` is out of range")))?;
        let (files, _) = read_measurements(&file, &args.measurements, &args.csv)?;
        let sources: Vec<Source> = files
            .iter()
            .map(|(name, measurements)| Source { name, measurements })
            .collect();
        for service in &file.services {
            if services.iter().any(|(s, _)| s == &service.id) {
                continue;
            }
            // Only services with outages in the history are fitted; any
            // other one a target needs is named by the simulator below.
            match simulate::fit(&sources, &service.id, window, &zone) {
                Ok(model) => {
                    for note in &model.notes {
                        eprintln!("sla: {note}");
                    }
                    services.push((service.id.clone(), model.failure));
                    fitted.push(service.id.clone());
                }
                Err(reason) => eprintln!(
                    "sla: {reason}: give its model with --failure {}=MTBF/MTTR",
                    service.id
                ),
            }
        }
    }
    // Services in file order: the random stream's order is the file's.
    services.sort_by_key(|(s, _)| file.services.iter().position(|f| &f.id == s));
    let setup = Setup {
        first_month: start,
        years: args.years,
        seed: args.seed,
        services,
    };
    let run = simulate::simulate(&file, &setup, &mut |_| true).map_err(|e| bad(e.to_string()))?;
    match args.format {
        Format::Text => print!("{}", text(&run, &setup, &fitted)),
        Format::Csv => print!("{}", simulate::csv(&run)),
        Format::Json => println!("{}", crate::pretty(&to_json(&run, &setup))),
    }
    for (key, reason) in &run.not_simulated {
        eprintln!("sla: {key} is not simulated: {reason}");
    }
    Ok(ExitCode::SUCCESS)
}

use simulate::{decimal, money_text as minor, percent_text as percent};

fn text(run: &Simulation, setup: &Setup, fitted: &[String]) -> String {
    let mut out = format!(
        "{} contract years from {:04}-{:02}, seed {}\n",
        run.years, setup.first_month.0, setup.first_month.1, run.seed
    );
    for (service, model) in &setup.services {
        let _ = writeln!(
            out,
            "  {service}: MTBF {}, MTTR {}{} — unavailability MTTR ÷ (MTBF + MTTR) = {}",
            model.mtbf.human(),
            model.mttr.human(),
            if fitted.contains(service) {
                " (fitted from the history)"
            } else {
                ""
            },
            model
                .unavailability()
                .map(|u| percent(u.as_f64()))
                .unwrap_or_default()
        );
    }
    for target in &run.targets {
        let u = target.unavailability();
        let any = target.any_missed();
        let missed = target.missed_per_year();
        let _ = write!(
            out,
            "\n{} — {} ({} periods a year, level {})\n\
             \x20 yearly availability: mean {} (unavailability {} ± {} standard error)\n\
             \x20 percentiles of the yearly availability: P1 {}, P5 {}, P50 {}, P95 {}\n\
             \x20 periods missed per year: mean {:.3} ± {:.3}; at least one missed: {:.2} % ± {:.2} %\n",
            target.key,
            target.name,
            target.periods.len(),
            target.expected.to_percent_string(4),
            percent(1.0 - u.mean),
            percent(u.mean),
            percent(u.standard_error),
            percent(target.percentile(1)),
            percent(target.percentile(5)),
            percent(target.percentile(50)),
            percent(target.percentile(95)),
            missed.mean,
            missed.standard_error,
            any.mean * 100.0,
            any.standard_error * 100.0,
        );
        for caveat in &target.caveats {
            let _ = writeln!(out, "  note: {caveat}");
        }
    }
    for group in &run.groups {
        let mean = group.mean_credits();
        let none = group.no_credit();
        let at = |p: u32| {
            group
                .credits_percentile(p)
                .map(|m| m.to_plain_string())
                .unwrap_or_default()
        };
        let _ = write!(
            out,
            "\n{} — credits per contract year ({}, paid after the caps, less what is earned back)\n\
             \x20 mean {} ± {} standard error; P50 {}, P95 {}, P99 {}; no credit in {:.2} % ± {:.2} % of years\n",
            group.agreement,
            group.currency.code(),
            minor(mean.mean, group.currency),
            minor(mean.standard_error, group.currency),
            at(50),
            at(95),
            at(99),
            none.mean * 100.0,
            none.standard_error * 100.0,
        );
        if !group.not_simulated.is_empty() {
            let _ = writeln!(
                out,
                "  note: not simulated, so paying no credit here and not counted by a right: {}",
                group.not_simulated.join(", ")
            );
        }
        for (n, right) in group.rights.iter().enumerate() {
            let p = right.probability();
            let _ = writeln!(
                out,
                "  termination right {}: {} — triggered in {:.2} % ± {:.2} % of years",
                n + 1,
                right.rule,
                p.mean * 100.0,
                p.standard_error * 100.0
            );
        }
    }
    out.push_str(
        "\nModel: an alternating renewal process per service (up times exponential with mean MTBF,\n\
         repairs exponential with mean MTTR, services independent), each contract year started in\n\
         the stationary state and settled by the agreement's terms with no history before it;\n\
         ChaCha8 seeded from the seed. ± is the Monte Carlo standard error.\n",
    );
    out
}

fn to_json(run: &Simulation, setup: &Setup) -> serde_json::Value {
    json!({
        "years": run.years,
        "seed": run.seed,
        "first_month": format!("{:04}-{:02}", setup.first_month.0, setup.first_month.1),
        "services": setup.services.iter().map(|(s, f)| json!({
            "service": s, "mtbf_seconds": f.mtbf.nanos() as f64 / 1e9, "mttr_seconds": f.mttr.nanos() as f64 / 1e9,
        })).collect::<Vec<_>>(),
        "targets": run.targets.iter().map(|t| {
            let u = t.unavailability();
            let any = t.any_missed();
            json!({
                "key": t.key,
                "periods": t.periods.len(),
                "unavailability": {"mean": u.mean, "standard_error": u.standard_error},
                "availability_percentiles": {"p1": t.percentile(1), "p5": t.percentile(5), "p50": t.percentile(50), "p95": t.percentile(95)},
                "any_period_missed": {"mean": any.mean, "standard_error": any.standard_error},
                "caveats": t.caveats,
            })
        }).collect::<Vec<_>>(),
        "agreements": run.groups.iter().map(|g| {
            let mean = g.mean_credits();
            let none = g.no_credit();
            let at = |p: u32| g.credits_percentile(p).map(decimal);
            json!({
                "agreement": g.agreement,
                "currency": g.currency.code(),
                "credits_per_year": {
                    "mean": minor(mean.mean, g.currency).replace(',', ""), "standard_error": minor(mean.standard_error, g.currency).replace(',', ""),
                    "p50": at(50), "p95": at(95), "p99": at(99),
                },
                "no_credit": {"mean": none.mean, "standard_error": none.standard_error},
                "targets_not_simulated": g.not_simulated,
                "termination_rights": g.rights.iter().map(|r| {
                    let p = r.probability();
                    json!({"rule": r.rule, "probability": p.mean, "standard_error": p.standard_error})
                }).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "not_simulated": run.not_simulated.iter().map(|(k, r)| json!({"target": k, "reason": r})).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_models_are_read_with_their_units() {
        let (service, model) = failure("web=30d/2h").expect("valid");
        assert_eq!(service, "web");
        assert_eq!(model.mtbf, TimeSpan::from_secs(30 * 86_400));
        assert_eq!(model.mttr, TimeSpan::from_secs(7_200));
        assert!(failure("web=30d").is_err());
        assert!(failure("web30d/2h").is_err());
        assert!(failure("web=30x/2h").is_err());
    }
}
