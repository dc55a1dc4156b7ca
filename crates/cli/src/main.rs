//! `sla`: the SLA calculator's engine on the command line.
//!
//! Exit codes: 0 all targets met (or validation passed), 1 a target was
//! missed or is below its minimum, or a measurement record could not be
//! used (each is listed with its place and reason), 3 a termination right
//! is triggered, 2 bad input (unreadable file, invalid agreement or
//! measurements, bad arguments; with `report --strict`, also any record not
//! used or any warning).

use std::path::PathBuf;
use std::process::ExitCode;

mod advise;
mod claim;
mod compare;
mod ics;
mod openslo;
mod quick;
mod requirements;
mod simulate;
mod vendor_args;
mod vendor_presets;

use clap::{Parser, Subcommand, ValueEnum};
use sla_engine::model::{load, resolve, AgreementFile, MeasurementFile};
use sla_engine::report::{self, render, Request, Span};
use sla_import::decode::Encoding;
use sla_import::dialect::{delimiter_label, SAMPLE_BYTES};
use sla_import::import::{import_bytes, Outcome};
use sla_import::mapping::{prepare, Field, Kind, Overrides};
use sla_import::presets;
use sla_import::values::{ClockUnit, DateOrder, DurationUnit, ImpactUnit};
use sla_import::zone::Zone;

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
        /// Measurement files: JSON (the engine's format) or CSV exports
        /// (read as `sla import` reads them). With several, each file's local
        /// times are read in its own `time_zone`, and records that claim one
        /// identity (a ticket id, a manual value's target and period) are
        /// left out and listed with both places.
        #[arg(short, long = "measurements")]
        measurements: Vec<PathBuf>,
        #[command(flatten)]
        csv: CsvOptions,
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
        /// Exit with 2 when any measurement record is not used or any
        /// warning fires (for pipelines that must not pass on a doubt).
        #[arg(long)]
        strict: bool,
        /// Write every ticket of every ticket target and period to this CSV
        /// file: its business time against the limit, our outcome, and the
        /// source system's own verdict (`made_sla`, `has_breached`) beside
        /// it.
        #[arg(long, value_name = "FILE.csv")]
        ticket_report: Option<PathBuf>,
    },
    /// Read a CSV export (or a tab-separated paste) of outages or tickets,
    /// or a status page's incident history in Statuspage's JSON (a file
    /// starting with `{` or `[`): print the measurements as JSON, the
    /// summary and every skipped row or incident (where, and why) on stderr.
    Import {
        /// The CSV file, or the Statuspage JSON (`/api/v2/incidents.json`,
        /// `/api/v2/scheduled-maintenances.json`).
        file: PathBuf,
        #[command(flatten)]
        csv: CsvOptions,
        /// Statuspage JSON: the share of the service lost per impact level,
        /// in percent, changing the defaults (critical=100, major=100,
        /// minor=50, none=0, maintenance=100), e.g. `minor=25,major=100`.
        #[arg(long, value_name = "LEVEL=PERCENT,...")]
        status_impact: Option<String>,
        /// Write the measurements here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Write the skipped rows (or incidents) here as CSV.
        #[arg(long)]
        errors: Option<PathBuf>,
        /// Only show the detected dialect and mapping; import nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// The effective targets of every (customer, service) pair, with where each came from.
    Effective {
        /// The agreement file (JSON).
        agreements: PathBuf,
        /// Output format (`text` or `json`).
        #[arg(short, long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    Presets(vendor_presets::Args),
    /// Allowed downtime for availability targets over a day, week, month,
    /// quarter and year (average and calendar), and within service hours.
    Downtime(quick::DowntimeArgs),
    /// The availability a downtime leaves over a period (average and
    /// calendar), and whether it meets targets.
    Uptime(quick::UptimeArgs),
    /// The exact availability of components in series, in parallel or k of n.
    Composite(quick::CompositeArgs),
    Advise(advise::Args),
    /// Each service level requirement beside what the OLAs and UCs deliver
    /// together, the gap and what would close it.
    Requirements(requirements::Args),
    Exposure(requirements::ExposureArgs),
    Simulate(simulate::Args),
    Compare(compare::Args),
    Claim(claim::Args),
    /// OpenSLO v1: SLO definitions in (as an agreement file) and out.
    #[command(subcommand)]
    Openslo(openslo::Command),
    /// iCalendar (.ics): holidays and maintenance windows in and out.
    #[command(subcommand)]
    Ics(ics::Command),
}

/// How to read CSV measurements (everything is detected when not given).
#[derive(clap::Args, Default)]
struct CsvOptions {
    /// A preset: jira-sm, servicenow-incident, servicenow-task-sla, zendesk,
    /// statuspage, pagerduty, generic-outages.
    #[arg(long)]
    preset: Option<String>,
    /// `outages` or `tickets`.
    #[arg(long)]
    kind: Option<String>,
    /// The zone of timestamps without an offset (IANA name such as
    /// Europe/Berlin, or UTC, +01:00); default: the agreement's zone, else UTC.
    #[arg(long)]
    time_zone: Option<String>,
    /// Dates such as 03/04/2026 are day first (3 April).
    #[arg(long, conflicts_with = "month_first")]
    day_first: bool,
    /// Dates such as 03/04/2026 are month first (March 4).
    #[arg(long)]
    month_first: bool,
    /// The delimiter: `,` `;` `tab` `|`.
    #[arg(long)]
    delimiter: Option<String>,
    /// The first row is data, not a header.
    #[arg(long, conflicts_with = "header")]
    no_header: bool,
    /// The first row is a header.
    #[arg(long)]
    header: bool,
    /// `utf-8` or `windows-1252`.
    #[arg(long)]
    encoding: Option<String>,
    /// Numbers use a decimal comma (`99,5`): `true` or `false`.
    #[arg(long)]
    decimal_comma: Option<bool>,
    /// Unit of bare numbers in duration columns: `s`, `min`, `h`.
    #[arg(long)]
    duration_unit: Option<String>,
    /// How bare numbers in an impact column are read: `percent` (50 = half
    /// the service) or `factor` (0.5 = half). Default: decided from the
    /// whole column, and said.
    #[arg(long)]
    impact_unit: Option<String>,
    /// How durations written with two parts (`12:30`) are read: `h:mm`
    /// (12 hours 30 minutes) or `mm:ss` (12 minutes 30 seconds). Default:
    /// the column's header (seconds, mm:ss; hours, h:mm), else h:mm, and
    /// said. `1:30:00` is always h:mm:ss.
    #[arg(long)]
    clock_unit: Option<String>,
    /// Values read as an empty field, comma-separated, instead of the
    /// default `NULL,null,N/A,n/a,-,(empty),?`; `--empty-markers ""` reads
    /// every value as written.
    #[arg(long)]
    empty_markers: Option<String>,
    /// Map a ticket priority as the export writes it to the agreement's,
    /// e.g. `--priority "1 - Critical=P1"` (repeatable). With `sla report`,
    /// other priorities map by rank when the agreement has one priority of
    /// that rank (`1 - Critical`, `Sev 1`, `Highest` → `P1`), each mapping
    /// printed.
    #[arg(long = "priority", value_name = "FROM=TO")]
    priorities: Vec<String>,
    /// Take the spans a ticket's state spent on hold (On Hold, Pending,
    /// Awaiting …) as its pauses: in a field-change audit (ServiceNow
    /// `sys_audit`), and in a history of a row per update (a state column
    /// and an update time, such as `sys_updated_on`), where a pause runs
    /// from the update that put the ticket on hold to the next that took
    /// it off (still on hold at the latest update: until resolved, or while
    /// open until that update).
    #[arg(long)]
    pauses_from_states: bool,
    /// Map a column (header or 1-based number) to a field, e.g.
    /// `--column "Beginn=start"`; field `ignore` drops a column.
    #[arg(long = "column", value_name = "COLUMN=FIELD")]
    columns: Vec<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

const BAD_INPUT: u8 = 2;

/// Says what is wrong with the input on standard error: exit code 2.
fn bad(message: String) -> ExitCode {
    eprintln!("sla: {message}");
    ExitCode::from(BAD_INPUT)
}

fn read(path: &PathBuf) -> Result<String, ExitCode> {
    // The size limit is checked before the file is read into memory.
    if let Ok(metadata) = std::fs::metadata(path) {
        if metadata.len() > load::MAX_FILE_BYTES as u64 {
            eprintln!(
                "sla: {} is {} bytes; files of at most {} bytes are read",
                path.display(),
                metadata.len(),
                load::MAX_FILE_BYTES
            );
            return Err(ExitCode::from(BAD_INPUT));
        }
    }
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

/// The report's sources of measurement files read by [`read_measurements`]:
/// a file is named in messages only when there are several.
fn sources(files: &[(String, MeasurementFile)]) -> Vec<report::Source<'_>> {
    files
        .iter()
        .map(|(name, measurements)| report::Source {
            name: if files.len() > 1 { name } else { "" },
            measurements,
        })
        .collect()
}

/// Reads measurement files (JSON, or CSV exports read as `sla import` reads
/// them) for an agreement file: each with its name, and whether CSV rows
/// were left out (each listed on standard error).
fn read_measurements(
    file: &AgreementFile,
    measurements: &[PathBuf],
    csv: &CsvOptions,
) -> Result<(Vec<(String, MeasurementFile)>, bool), ExitCode> {
    // Each file stays itself: its local times are read in its own
    // zone and its records are named by it in the report.
    let mut files: Vec<(String, MeasurementFile)> = Vec::new();
    // CSV rows left out by the import (listed on standard error).
    let mut rows_skipped = false;
    for measurement_path in measurements {
        let zone = csv
            .time_zone
            .clone()
            .unwrap_or_else(|| file.time_zone.clone());
        let audit = if is_csv(measurement_path)? {
            audit_import(measurement_path, csv, &zone)?
        } else {
            None
        };
        let parsed = if let Some((mut measurements, listed)) = audit {
            rows_skipped |= !listed.is_empty();
            let mut found: Vec<String> = Vec::new();
            for ticket in &measurements.tickets {
                if !found.contains(&ticket.priority) {
                    found.push(ticket.priority.clone());
                }
            }
            let pairs = priority_pairs(
                &measurement_path.display().to_string(),
                &found,
                &file.ticket_priorities(),
                &chosen_priorities(csv)?,
            );
            for ticket in &mut measurements.tickets {
                if let Some((_, to)) = pairs.iter().find(|(from, _)| *from == ticket.priority) {
                    ticket.priority = to.clone();
                }
            }
            measurements
        } else if is_csv(measurement_path)? {
            let (outcome, skipped) = csv_import(measurement_path, csv, &zone, false)?;
            rows_skipped |= skipped;
            let mut outcome = outcome.ok_or(ExitCode::from(BAD_INPUT))?;
            map_priorities(
                &measurement_path.display().to_string(),
                &mut outcome.batch,
                &file.ticket_priorities(),
                &chosen_priorities(csv)?,
            );
            outcome.batch.to_measurements()
        } else {
            let text = read(measurement_path)?;
            load::measurements(&text).map_err(|errors| {
                for error in errors {
                    eprintln!("{}: {error}", measurement_path.display());
                }
                ExitCode::from(BAD_INPUT)
            })?
        };
        files.push((measurement_path.display().to_string(), parsed));
    }
    Ok((files, rows_skipped))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) | Err(code) => code,
    }
}

fn run(cli: Cli) -> Result<ExitCode, ExitCode> {
    match cli.command {
        Command::Presets(args) => vendor_presets::run(args),
        Command::Downtime(args) => quick::downtime(&args),
        Command::Uptime(args) => quick::uptime(&args),
        Command::Composite(args) => quick::composite(&args),
        Command::Advise(args) => advise::run(&args),
        Command::Requirements(args) => requirements::run(&args),
        Command::Exposure(args) => requirements::exposure(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Compare(args) => compare::run(args),
        Command::Claim(args) => claim::run(args),
        Command::Openslo(command) => openslo::run(command),
        Command::Ics(command) => ics::run(command),
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
        Command::Import {
            file,
            csv,
            status_impact,
            output,
            errors,
            dry_run,
        } => {
            if starts_as_json(&file)? {
                return status_import(&file, &csv, status_impact, output, errors, dry_run);
            }
            if status_impact.is_some() {
                eprintln!(
                    "sla: --status-impact is for Statuspage JSON; {} is read as CSV",
                    file.display()
                );
                return Err(ExitCode::from(BAD_INPUT));
            }
            let zone = csv.time_zone.clone().unwrap_or_else(|| "UTC".into());
            if let Some(result) = audit_import(&file, &csv, &zone)? {
                let (measurements, listed) = result;
                if dry_run {
                    return Ok(ExitCode::SUCCESS);
                }
                write_import(output, errors, &measurements, &listed)?;
                return Ok(if listed.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                });
            }
            let (outcome, skipped) = csv_import(&file, &csv, &zone, dry_run)?;
            let Some(mut outcome) = outcome else {
                return Ok(ExitCode::SUCCESS);
            };
            map_priorities(
                &file.display().to_string(),
                &mut outcome.batch,
                &[],
                &chosen_priorities(&csv)?,
            );
            // The tickets whose pauses were not read are listed with the rows.
            let mut listed = outcome.errors.clone();
            if let Some(pauses) = &outcome.summary.state_pauses {
                listed.extend(pauses.listed.iter().cloned());
                listed.sort_by_key(|e| e.line);
            }
            write_import(output, errors, &outcome.batch.to_measurements(), &listed)?;
            Ok(if skipped {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Effective {
            agreements: path,
            format,
        } => {
            let file = agreements(&path)?;
            if matches!(format, Format::Json | Format::Csv) {
                if matches!(format, Format::Csv) {
                    eprintln!("sla: effective: CSV is not offered; use text or json");
                    return Err(ExitCode::from(BAD_INPUT));
                }
                println!("{}", pretty(&effective_json(&file)));
                return Ok(ExitCode::SUCCESS);
            }
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
            csv,
            period,
            now,
            format,
            explain,
            strict,
            ticket_report,
        } => {
            let file = agreements(&path)?;
            let (files, rows_skipped) = read_measurements(&file, &measurements, &csv)?;
            let sources = sources(&files);
            let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
            let span = Span::parse(&period, &zone).map_err(|e| {
                eprintln!("sla: --period: {e}");
                ExitCode::from(BAD_INPUT)
            })?;
            let now = match now {
                Some(text) => sla_engine::model::Timestamp::parse(&text)
                    .and_then(|t| {
                        t.instant(&zone).ok_or_else(|| {
                            format!("`{text}` is outside the years the calculator can hold (1678 to 2261)")
                        })
                    })
                    .map_err(|e| {
                        eprintln!("sla: --now: {e}");
                        ExitCode::from(BAD_INPUT)
                    })?,
                None => report::span_end(span, &zone),
            };
            let result = report::report_sources(&file, &sources, &Request { span, now });
            match format {
                Format::Text => print!("{}", render::text(&result, explain)),
                Format::Csv => print!("{}", render::csv(&result)),
                Format::Json => {
                    let mut inputs = vec![digest("agreements", &path)?];
                    for measurement_path in &measurements {
                        inputs.push(digest("measurements", measurement_path)?);
                    }
                    let stamp = report::json::Stamp { now, inputs };
                    println!("{}", pretty(&report::json::to_json(&result, &stamp)));
                }
            }
            if let Some(out) = &ticket_report {
                std::fs::write(out, render::tickets_csv(&result)).map_err(|e| {
                    eprintln!("sla: --ticket-report {}: {e}", out.display());
                    ExitCode::from(BAD_INPUT)
                })?;
            }
            let not_used = !result.skipped_records.is_empty() || rows_skipped;
            let doubts = not_used || !result.warnings.is_empty();
            Ok(if strict && doubts {
                eprintln!(
                    "sla: --strict: {} records not used, {} warnings",
                    result.skipped_records.len(),
                    result.warnings.len()
                );
                ExitCode::from(BAD_INPUT)
            } else if result.any_termination() {
                ExitCode::from(3)
            } else if result.any_breach() || not_used {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// A field-change audit (ServiceNow `sys_audit`) as tickets, when the file
/// is one (`None` otherwise): the measurements and the rows and records
/// listed, each said on standard error.
fn audit_import(
    path: &PathBuf,
    csv: &CsvOptions,
    zone_name: &str,
) -> Result<Option<(MeasurementFile, Vec<sla_import::import::RowError>)>, ExitCode> {
    let name = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("sla: cannot read {name}: {e}");
        ExitCode::from(BAD_INPUT)
    })?;
    let sample = bytes
        .get(..bytes.len().min(SAMPLE_BYTES))
        .unwrap_or_default();
    let Ok(dialect) = sla_import::dialect::detect(sample, sample.len() == bytes.len()) else {
        // Not readable as CSV at all: the CSV import says why.
        return Ok(None);
    };
    let header = sla_import::dialect::sample_rows(sample, &dialect, false, 1);
    let headers: Vec<&str> = header
        .first()
        .map(|row| row.fields.iter().map(|f| f.trim()).collect())
        .unwrap_or_default();
    if !dialect.header || sla_import::audit::detect(&headers).is_none() {
        return Ok(None);
    }
    let zone = Zone::named(zone_name).ok_or_else(|| {
        eprintln!("sla: --time-zone: `{zone_name}` is not an IANA time zone or an offset");
        ExitCode::from(BAD_INPUT)
    })?;
    let options = sla_import::audit::AuditOptions {
        pauses: csv.pauses_from_states,
    };
    let result = sla_import::audit::import(&bytes, &dialect, &zone, options).map_err(|e| {
        eprintln!("{name}: {e}");
        ExitCode::from(BAD_INPUT)
    })?;
    eprintln!(
        "{name}: a field-change audit (ServiceNow sys_audit): {} rows of {} records → {} tickets{}",
        result.rows,
        result.records,
        result.file.tickets.len(),
        if options.pauses {
            ", on-hold spans as pauses"
        } else {
            ""
        }
    );
    for error in &result.listed {
        eprintln!("{name}: {error}");
    }
    Ok(Some((result.file, result.listed)))
}

/// Writes an import's listed rows as CSV to `errors` (when given) and its
/// measurements as JSON to `output` (standard output without one).
fn write_import(
    output: Option<PathBuf>,
    errors: Option<PathBuf>,
    measurements: &MeasurementFile,
    listed: &[sla_import::import::RowError],
) -> Result<(), ExitCode> {
    let write = |path: &PathBuf, text: String| {
        std::fs::write(path, text).map_err(|e| {
            eprintln!("sla: cannot write {}: {e}", path.display());
            ExitCode::from(BAD_INPUT)
        })
    };
    if let Some(path) = errors {
        write(&path, sla_import::import::errors_csv(listed))?;
    }
    let json = serde_json::to_string_pretty(measurements)
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    match output {
        Some(path) => write(&path, json + "\n"),
        None => {
            println!("{json}");
            Ok(())
        }
    }
}

/// The `--priority FROM=TO` pairs.
fn chosen_priorities(csv: &CsvOptions) -> Result<Vec<(String, String)>, ExitCode> {
    csv.priorities
        .iter()
        .map(|spec| {
            spec.rsplit_once('=')
                .map(|(from, to)| (from.trim().to_owned(), to.trim().to_owned()))
                .filter(|(from, to)| !from.is_empty() && !to.is_empty())
                .ok_or_else(|| {
                    eprintln!("sla: --priority: `{spec}` is not FROM=TO");
                    ExitCode::from(BAD_INPUT)
                })
        })
        .collect()
}

/// Maps an import's priorities to the agreement's (`wanted`; none for `sla
/// import`, where only the chosen pairs apply), saying each mapping that
/// changes or cannot place a priority.
fn map_priorities(
    name: &str,
    batch: &mut sla_import::dataset::Batch,
    wanted: &[String],
    chosen: &[(String, String)],
) {
    let found: Vec<String> = batch.priorities().into_iter().map(|(p, _)| p).collect();
    batch.map_priorities(&priority_pairs(name, &found, wanted, chosen));
}

/// The (from, to) pairs that map the priorities `found` in an import to the
/// agreement's `wanted` (none for `sla import`: only the chosen pairs
/// apply), each mapping that changes or cannot place a priority said.
fn priority_pairs(
    name: &str,
    found: &[String],
    wanted: &[String],
    chosen: &[(String, String)],
) -> Vec<(String, String)> {
    use sla_import::mapping::{propose_priority_map, PriorityWhy};
    let wanted = if wanted.is_empty() { found } else { wanted };
    let mut pairs = Vec::new();
    for mapping in propose_priority_map(found, wanted, chosen) {
        if mapping.why != PriorityWhy::Same {
            eprintln!("{name}: priority {mapping}");
        }
        if let Some(to) = mapping.to {
            if to != mapping.from {
                pairs.push((mapping.from, to));
            }
        }
    }
    pairs
}

/// Pretty JSON (a `Value` always serialises).
fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// A file's role, name and SHA-256 for the report's reproducibility stamp.
fn digest(role: &str, path: &PathBuf) -> Result<report::json::InputDigest, ExitCode> {
    use sha2::{Digest, Sha256};
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("sla: cannot read {}: {e}", path.display());
        ExitCode::from(BAD_INPUT)
    })?;
    let hash = Sha256::digest(&bytes);
    Ok(report::json::InputDigest {
        role: role.into(),
        name: path.display().to_string(),
        sha256: hash.iter().map(|b| format!("{b:02x}")).collect(),
    })
}

/// The effective targets per (customer, service) pair as JSON: each with
/// its level, where it comes from and what it overrides.
fn effective_json(file: &AgreementFile) -> serde_json::Value {
    use sla_engine::model::Direction;
    let pairs: Vec<serde_json::Value> = resolve::effective_targets(file)
        .iter()
        .map(|pair| {
            serde_json::json!({
                "customer": pair.customer,
                "service": pair.service,
                "targets": pair.targets.iter().map(|effective| {
                    let target = &effective.target;
                    serde_json::json!({
                        "target": target.id,
                        "name": target.name,
                        "metric": target.metric.label(),
                        "unit": target.metric.unit(),
                        "direction": match target.direction.unwrap_or_else(|| target.metric.default_direction()) {
                            Direction::AtLeast => "at_least",
                            Direction::AtMost => "at_most",
                        },
                        "expected": target.expected.text(),
                        "minimum": target.minimum.as_ref().map(|m| m.text()),
                        "agreement": effective.provenance.agreement,
                        "level": effective.provenance.level.label(),
                        "source": effective.provenance.source,
                        "overrides": effective.provenance.overrides,
                        "provenance": effective.provenance.describe(),
                    })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "format": "sla-effective",
        "version": 1,
        "name": file.name,
        "pairs": pairs,
    })
}

/// A measurement file is CSV unless it is named `.json` or starts with `{`.
fn is_csv(path: &PathBuf) -> Result<bool, ExitCode> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return Ok(false);
    }
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("sla: cannot read {}: {e}", path.display());
        ExitCode::from(BAD_INPUT)
    })?;
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    Ok(!matches!(start.and_then(|i| bytes.get(i)), Some(b'{')))
}

/// Whether a file's first byte other than spaces (and a UTF-8 byte-order
/// mark) is `{` or `[`: JSON, which `sla import` reads as a Statuspage
/// history. Reads only up to that byte.
fn starts_as_json(path: &PathBuf) -> Result<bool, ExitCode> {
    use std::io::{BufReader, Read};
    let file = std::fs::File::open(path).map_err(|e| {
        eprintln!("sla: cannot read {}: {e}", path.display());
        ExitCode::from(BAD_INPUT)
    })?;
    const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
    for (i, byte) in BufReader::new(file).bytes().enumerate() {
        let byte = byte.map_err(|e| {
            eprintln!("sla: cannot read {}: {e}", path.display());
            ExitCode::from(BAD_INPUT)
        })?;
        if (i < 3 && byte == BOM[i]) || byte.is_ascii_whitespace() {
            continue;
        }
        return Ok(matches!(byte, b'{' | b'['));
    }
    Ok(false)
}

/// `sla import` of a Statuspage incident history: the outages as a
/// measurement file, every incident not used and every note on stderr, then
/// the counts. Exit 1 when an incident was not used.
fn status_import(
    path: &PathBuf,
    csv: &CsvOptions,
    status_impact: Option<String>,
    output: Option<PathBuf>,
    errors: Option<PathBuf>,
    dry_run: bool,
) -> Result<ExitCode, ExitCode> {
    use sla_import::statuspage::{import, Weights};
    let name = path.display();
    let weights = match &status_impact {
        Some(spec) => Weights::parse(spec).map_err(|e| {
            eprintln!("sla: --status-impact: {e}");
            ExitCode::from(BAD_INPUT)
        })?,
        None => Weights::default(),
    };
    // Every CSV option is about reading CSV; none changes this import.
    let csv_options = [
        ("--preset", csv.preset.is_some()),
        ("--kind", csv.kind.is_some()),
        ("--time-zone", csv.time_zone.is_some()),
        ("--day-first", csv.day_first),
        ("--month-first", csv.month_first),
        ("--delimiter", csv.delimiter.is_some()),
        ("--no-header", csv.no_header),
        ("--header", csv.header),
        ("--encoding", csv.encoding.is_some()),
        ("--decimal-comma", csv.decimal_comma.is_some()),
        ("--duration-unit", csv.duration_unit.is_some()),
        ("--impact-unit", csv.impact_unit.is_some()),
        ("--clock-unit", csv.clock_unit.is_some()),
        ("--column", !csv.columns.is_empty()),
        ("--pauses-from-states", csv.pauses_from_states),
    ];
    let ignored: Vec<&str> = csv_options
        .iter()
        .filter(|(_, given)| *given)
        .map(|(option, _)| *option)
        .collect();
    if !ignored.is_empty() {
        eprintln!(
            "{name}: {} ignored: for CSV files only (Statuspage timestamps carry their offset)",
            ignored.join(", ")
        );
    }
    let text = read(path)?;
    let history = import(text.as_bytes(), &name.to_string(), &weights).map_err(|e| {
        eprintln!("{name}: {e}");
        ExitCode::from(BAD_INPUT)
    })?;
    eprintln!(
        "{name}: Statuspage JSON{}; impact weights: {} (planned)",
        history
            .page
            .as_ref()
            .map(|page| format!(", page `{page}`"))
            .unwrap_or_default(),
        history.weights
    );
    if dry_run {
        return Ok(ExitCode::SUCCESS);
    }
    for listed in &history.listed {
        eprintln!("{name}: {listed}");
    }
    for note in &history.notes {
        eprintln!("{name}: note: {note}");
    }
    let outages = history.batch.outages.len();
    eprintln!(
        "{name}: {} incidents: {} used, {} listed; {outages} outages written ({} planned, {} weighing 0 %)",
        history.incidents,
        history.used,
        history.listed.len(),
        history.planned(),
        history.weightless()
    );
    for (reason, count) in &history.summary().reasons {
        eprintln!("  {count} × {reason}");
    }
    write_import(
        output,
        errors,
        &history.batch.to_measurements(),
        &history.row_errors(),
    )?;
    Ok(if history.listed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn overrides(csv: &CsvOptions) -> Result<Overrides, String> {
    let mut o = Overrides {
        preset: csv.preset.clone(),
        decimal_comma: csv.decimal_comma,
        pauses_from_states: csv.pauses_from_states.then_some(true),
        ..Overrides::default()
    };
    if let Some(kind) = &csv.kind {
        o.kind =
            Some(Kind::from_id(kind).ok_or(format!("--kind: `{kind}` is not outages or tickets"))?);
    }
    if csv.day_first {
        o.date_order = Some(DateOrder::DayFirst);
    }
    if csv.month_first {
        o.date_order = Some(DateOrder::MonthFirst);
    }
    if let Some(d) = &csv.delimiter {
        o.delimiter = Some(match d.as_str() {
            "tab" | "\\t" | "\t" => b'\t',
            "," | "comma" => b',',
            ";" | "semicolon" => b';',
            "|" | "pipe" => b'|',
            other => return Err(format!("--delimiter: `{other}` is not one of , ; tab |")),
        });
    }
    if csv.no_header {
        o.header = Some(false);
    }
    if csv.header {
        o.header = Some(true);
    }
    if let Some(e) = &csv.encoding {
        o.encoding = Some(
            Encoding::from_id(e)
                .ok_or(format!("--encoding: `{e}` is not utf-8 or windows-1252"))?,
        );
    }
    if let Some(u) = &csv.duration_unit {
        o.duration_unit = Some(
            DurationUnit::from_id(u).ok_or(format!("--duration-unit: `{u}` is not s, min or h"))?,
        );
    }
    if let Some(u) = &csv.impact_unit {
        o.impact_unit = Some(
            ImpactUnit::from_id(u)
                .ok_or(format!("--impact-unit: `{u}` is not percent or factor"))?,
        );
    }
    if let Some(u) = &csv.clock_unit {
        o.clock_unit =
            Some(ClockUnit::from_id(u).ok_or(format!("--clock-unit: `{u}` is not h:mm or mm:ss"))?);
    }
    if let Some(markers) = &csv.empty_markers {
        o.empty_markers = Some(
            markers
                .split(',')
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(str::to_owned)
                .collect(),
        );
    }
    for spec in &csv.columns {
        let (column, field) = spec
            .rsplit_once('=')
            .ok_or(format!("--column: `{spec}` is not COLUMN=FIELD"))?;
        let field = Field::from_id(field.trim()).ok_or_else(|| {
            format!(
                "--column: `{field}` is not a field; the fields are {}",
                Field::ALL
                    .iter()
                    .map(|f| f.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?;
        o.columns.push((column.trim().to_string(), field));
    }
    Ok(o)
}

/// Imports a CSV file as the app does, printing what was detected and the
/// skipped rows on stderr. `None` on a dry run; the flag is whether rows were skipped.
fn csv_import(
    path: &PathBuf,
    csv: &CsvOptions,
    zone_name: &str,
    dry_run: bool,
) -> Result<(Option<Outcome>, bool), ExitCode> {
    let name = path.display();
    let bad = |message: String| {
        eprintln!("{message}");
        ExitCode::from(BAD_INPUT)
    };
    let overrides = overrides(csv).map_err(|e| bad(format!("sla: {e}")))?;
    let bytes = std::fs::read(path).map_err(|e| bad(format!("sla: cannot read {name}: {e}")))?;
    let zone = Zone::named(zone_name).ok_or_else(|| {
        bad(format!(
            "sla: --time-zone: `{zone_name}` is not an IANA time zone or an offset"
        ))
    })?;
    let sample = bytes
        .get(..bytes.len().min(SAMPLE_BYTES))
        .unwrap_or_default();
    let complete = sample.len() == bytes.len();
    let (proposal, _) = prepare(sample, complete, zone.name(), &overrides)
        .map_err(|e| bad(format!("{name}: {e}")))?;
    let settings = &proposal.settings;
    let dialect = settings.dialect;
    eprintln!(
        "{name}: {}, {} delimiter, {}, {} line ends; {}{}",
        dialect.encoding.label(),
        delimiter_label(dialect.syntax.delimiter),
        if dialect.header {
            "header row"
        } else {
            "no header row"
        },
        dialect.line_end.label(),
        settings.kind.id(),
        settings
            .preset
            .and_then(presets::by_id)
            .map(|p| format!(" ({})", p.name))
            .unwrap_or_default()
    );
    if !proposal.preset_evidence.is_empty() {
        let evidence: Vec<String> = proposal
            .preset_evidence
            .iter()
            .map(|h| format!("`{h}`"))
            .collect();
        eprintln!("  recognised by {}", evidence.join(", "));
    }
    for note in &proposal.notes {
        eprintln!("  {note}");
    }
    for column in &settings.columns {
        eprintln!(
            "  {:<32} → {}{}",
            column.header,
            column.field.id(),
            column
                .format
                .map(|f| format!(" [{}]", f.label()))
                .unwrap_or_default()
        );
    }
    eprintln!(
        "  time zone {}, decimal {}, bare durations in {}",
        settings.time_zone,
        if settings.decimal_comma {
            "comma"
        } else {
            "point"
        },
        settings.duration_unit.label()
    );
    if !proposal.ambiguous_dates.is_empty() {
        let columns: Vec<String> = proposal
            .ambiguous_dates
            .iter()
            .filter_map(|i| settings.columns.get(*i))
            .map(|c| format!("`{}`", c.header))
            .collect();
        return Err(bad(format!(
            "{name}: the dates in {} could be day first or month first (no day above 12 in the first rows): pass --day-first or --month-first",
            columns.join(", ")
        )));
    }
    if !proposal.problems.is_empty() {
        for problem in &proposal.problems {
            eprintln!("{name}: {problem}");
        }
        return Err(bad(format!(
            "{name}: map the columns with --column COLUMN=FIELD or choose a --preset"
        )));
    }
    if dry_run {
        return Ok((None, false));
    }
    let outcome = import_bytes(&bytes, proposal.settings, zone, &name.to_string())
        .map_err(|problems| bad(format!("{name}: {}", problems.join(" "))))?;
    let summary = &outcome.summary;
    for error in &outcome.errors {
        eprintln!("{name}: {error}");
    }
    if summary.skipped > outcome.errors.len() as u64 {
        eprintln!(
            "{name}: … and {} more",
            summary.skipped - outcome.errors.len() as u64
        );
    }
    let collapsed = summary.history.as_ref().map_or(0, |h| h.collapsed);
    eprintln!(
        "{name}: {} rows: {} used, {} skipped{}",
        summary.rows,
        summary.used,
        summary.skipped,
        if collapsed > 0 {
            format!(", {collapsed} earlier states of a ticket")
        } else {
            String::new()
        }
    );
    if let Some(history) = &summary.history {
        eprintln!("{name}: {}", history.text());
    }
    if let Some(pauses) = &summary.state_pauses {
        eprintln!("{name}: {}", pauses.text());
        for listed in &pauses.listed {
            eprintln!("{name}: {listed}");
        }
    }
    if summary.resolved_at_close > 0 {
        let n = summary.resolved_at_close;
        eprintln!(
            "{name}: {n} closed {} no resolution time: {} resolved at {} close time",
            if n == 1 { "ticket had" } else { "tickets had" },
            if n == 1 { "it is" } else { "each is" },
            if n == 1 { "its" } else { "their" },
        );
    }
    if summary.repeated_ids > 0 {
        eprintln!(
            "{name}: {} ids are on more than one row; map an update counter or time (--column COLUMN=revision or updated) to keep each ticket's latest row",
            summary.repeated_ids
        );
    }
    if !summary.empty_markers.is_empty() {
        let found: Vec<String> = summary
            .empty_markers
            .iter()
            .map(|(marker, n)| format!("`{marker}` {n}×"))
            .collect();
        eprintln!("{name}: read as empty: {}", found.join(", "));
    }
    for (reason, count) in &summary.reasons {
        eprintln!("  {count} × {reason}");
    }
    if let Some(impact) = &summary.impact {
        eprintln!(
            "{name}: {impact}{}",
            if impact.is_ambiguous() {
                "; pass --impact-unit percent or factor to say which"
            } else {
                ""
            }
        );
    }
    if let Some(clock) = &summary.clock {
        eprintln!(
            "{name}: {clock}{}",
            if clock.is_ambiguous() {
                "; pass --clock-unit h:mm or mm:ss to say which"
            } else {
                ""
            }
        );
    }
    if let Some(stopped) = &summary.stopped {
        eprintln!("{name}: {stopped}");
    }
    // A quote that never closes means the file is broken where it opens:
    // refused, not half used.
    if matches!(
        summary.stop,
        Some(sla_import::import::Stop::OpenQuote { .. })
    ) {
        return Err(ExitCode::from(BAD_INPUT));
    }
    let pauses_not_read = summary
        .state_pauses
        .as_ref()
        .is_some_and(|p| !p.listed.is_empty() || p.unavailable.is_some());
    let skipped = summary.skipped > 0 || summary.stopped.is_some() || pauses_not_read;
    Ok((Some(outcome), skipped))
}
