//! `sla`: the SLA calculator's engine on the command line.
//!
//! Exit codes: 0 all targets met (or validation passed), 1 a target was
//! missed or is below its minimum, 3 a termination right is triggered,
//! 2 bad input (unreadable file, invalid agreement or measurements, bad
//! arguments).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sla_engine::model::{load, resolve, AgreementFile, MeasurementFile};
use sla_engine::report::{self, render, Request, Span};

/// Validate SLA agreement files and compute compliance, error budgets,
/// service credits and termination rights from measurements.
#[derive(Parser)]
#[command(name = "sla", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check an agreement file: errors name their JSON path; alignment
    /// warnings (weak OLAs/UCs, unreachable composites) are listed too.
    Validate {
        /// The agreement file (JSON).
        agreements: PathBuf,
    },
    /// Compute a report for a period from an agreement file and measurement files.
    Report {
        /// The agreement file (JSON).
        agreements: PathBuf,
        /// Measurement files (JSON); several are merged.
        #[arg(short, long = "measurements")]
        measurements: Vec<PathBuf>,
        /// `2026-02`, `2026-Q1`, `2026`, `2026-01..2026-06`, or days `2026-02-01..2026-02-15`.
        #[arg(short, long)]
        period: String,
        /// The instant of evaluation for open tickets (RFC 3339); default: the end of the period.
        #[arg(long)]
        now: Option<String>,
        /// Output format.
        #[arg(short, long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Show the explanation of every figure (text format).
        #[arg(short, long)]
        explain: bool,
    },
    /// The effective targets of every (customer, service) pair, with where each came from.
    Effective {
        /// The agreement file (JSON).
        agreements: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

const BAD_INPUT: u8 = 2;

fn read(path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("sla: cannot read {}: {e}", path.display());
        ExitCode::from(BAD_INPUT)
    })
}

fn agreements(path: &PathBuf) -> Result<AgreementFile, ExitCode> {
    let text = read(path)?;
    load::agreements(&text).map_err(|errors| {
        for error in errors {
            eprintln!("{}: {error}", path.display());
        }
        ExitCode::from(BAD_INPUT)
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) | Err(code) => code,
    }
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    match cli.command {
        Command::Validate { agreements: path } => {
            let file = agreements(&path)?;
            let warnings = sla_engine::model::align::check(&file);
            for warning in &warnings {
                println!(
                    "{}: warning: {} ({})",
                    path.display(),
                    warning.message,
                    warning.path
                );
            }
            println!(
                "{}: valid ({} agreements, {} targets, {} warnings)",
                path.display(),
                file.agreements.len(),
                file.agreements
                    .iter()
                    .map(|a| a.targets.len())
                    .sum::<usize>(),
                warnings.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Effective { agreements: path } => {
            let file = agreements(&path)?;
            for pair in resolve::effective_targets(&file) {
                println!(
                    "{} × {}",
                    pair.customer.as_deref().unwrap_or("(no customer)"),
                    pair.service
                );
                for effective in &pair.targets {
                    let target = &effective.target;
                    println!(
                        "  {}: {} {} {}{} — {}",
                        target.id,
                        target.metric.label(),
                        match target
                            .direction
                            .unwrap_or_else(|| target.metric.default_direction())
                        {
                            sla_engine::model::Direction::AtLeast => "≥",
                            sla_engine::model::Direction::AtMost => "≤",
                        },
                        target.expected.text(),
                        target.metric.unit(),
                        effective.provenance.describe()
                    );
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Report {
            agreements: path,
            measurements,
            period,
            now,
            format,
            explain,
        } => {
            let file = agreements(&path)?;
            let mut merged = MeasurementFile::default();
            for measurement_path in &measurements {
                let text = read(measurement_path)?;
                let parsed = load::measurements(&text).map_err(|errors| {
                    for error in errors {
                        eprintln!("{}: {error}", measurement_path.display());
                    }
                    ExitCode::from(BAD_INPUT)
                })?;
                if merged.time_zone.is_none() {
                    merged.time_zone = parsed.time_zone.clone();
                }
                merged.outages.extend(parsed.outages);
                merged.tickets.extend(parsed.tickets);
                merged.events.extend(parsed.events);
                merged.samples.extend(parsed.samples);
                merged.manual.extend(parsed.manual);
            }
            let tz = file.time_zone.parse().unwrap_or(chrono_tz_utc());
            let span = Span::parse(&period, tz).map_err(|e| {
                eprintln!("sla: --period: {e}");
                ExitCode::from(BAD_INPUT)
            })?;
            let now = match now {
                Some(text) => sla_engine::model::Timestamp::parse(&text)
                    .ok()
                    .and_then(|t| t.instant(tz))
                    .ok_or_else(|| {
                        eprintln!("sla: --now: `{text}` is not an RFC 3339 timestamp");
                        ExitCode::from(BAD_INPUT)
                    })?,
                None => report::span_end(span, tz),
            };
            let result = report::report(&file, &merged, &Request { span, now });
            match format {
                Format::Text => print!("{}", render::text(&result, explain)),
                Format::Csv => print!("{}", render::csv(&result)),
                Format::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&result)
                        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
                ),
            }
            Ok(if result.any_termination() {
                ExitCode::from(3)
            } else if result.any_breach() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

fn chrono_tz_utc() -> sla_engine::report::Tz {
    sla_engine::report::Tz::UTC
}
