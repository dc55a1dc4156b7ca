//! `sla ics`: holidays and maintenance windows from iCalendar files, and back.
//!
//! Exit codes: 0 everything was used, 1 something was skipped or limited
//! (listed on stderr with its line and property), 2 the file could not be
//! read.

use std::path::PathBuf;
use std::process::ExitCode;

use sla_engine::model::CalendarDef;
use sla_interop::ics::{self, IcsEffect, IcsOptions};

use crate::{bad, BAD_INPUT};

/// iCalendar (.ics): import holidays and maintenance windows as a calendar
/// of the agreement file, or export a calendar's holidays and exclusions.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Read an .ics file and print a calendar (JSON, for the `calendars`
    /// list of an agreement file): all-day events become holidays, timed
    /// events maintenance windows, recurring events expanded from --from to
    /// --to. Events that cannot be used are listed on stderr.
    Import(ImportArgs),
    /// Write the holidays and exclusions of one calendar of an agreement
    /// file as an .ics file that calendar programs open.
    Export(ExportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The .ics file.
    file: PathBuf,
    /// First day of the range, e.g. 2026-01-01.
    #[arg(long)]
    from: String,
    /// Last day of the range (inclusive), e.g. 2026-12-31.
    #[arg(long)]
    to: String,
    /// At most this many occurrences of one recurring event.
    #[arg(long, default_value_t = ics::DEFAULT_LIMIT)]
    limit: usize,
    /// The calendar's id.
    #[arg(long, default_value = "imported")]
    id: String,
    /// The calendar's zone (IANA name): floating times are read in it.
    /// Default: the file's X-WR-TIMEZONE, else UTC.
    #[arg(long)]
    time_zone: Option<String>,
    /// The calendar's service hours, e.g. "Mon-Fri 08:00-18:00".
    #[arg(long, default_value = "24x7")]
    hours: String,
    /// Write the calendar here instead of standard output.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The agreement file (JSON).
    agreements: PathBuf,
    /// The id of the calendar to export (default: the only one).
    #[arg(long)]
    calendar: Option<String>,
    /// Write the .ics file here instead of standard output.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

fn write(out: Option<&PathBuf>, text: &str) -> Result<(), ExitCode> {
    match out {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| bad(format!("cannot write {}: {e}", path.display()))),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

pub fn run(command: Command) -> Result<ExitCode, ExitCode> {
    match command {
        Command::Import(args) => {
            let bytes = std::fs::read(&args.file)
                .map_err(|e| bad(format!("cannot read {}: {e}", args.file.display())))?;
            // Calendar exports are UTF-8 (RFC 5545); a stray byte is replaced, not fatal.
            let text = String::from_utf8_lossy(&bytes);
            let mut options = IcsOptions::parse(&args.from, &args.to).map_err(bad)?;
            options.limit = args.limit;
            let imported = ics::import(&text, &options)
                .map_err(|e| bad(format!("{}: {e}", args.file.display())))?;
            for note in &imported.notes {
                eprintln!("{}: {note}", args.file.display());
            }
            let mut calendar = CalendarDef {
                id: args.id,
                name: imported.name.clone().unwrap_or_default(),
                time_zone: args
                    .time_zone
                    .or_else(|| imported.time_zone.clone())
                    .unwrap_or_else(|| "UTC".into()),
                hours: args.hours,
                holidays: Vec::new(),
                exclusions: Vec::new(),
            };
            imported.apply_to(&mut calendar);
            if let Err(errors) = sla_engine::model::load::compile_calendar(&calendar) {
                for error in errors {
                    eprintln!(
                        "{}: the calendar would be invalid: {error}",
                        args.file.display()
                    );
                }
                return Err(ExitCode::from(BAD_INPUT));
            }
            let json = serde_json::to_string_pretty(&calendar)
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            write(args.out.as_ref(), &(json + "\n"))?;
            eprintln!(
                "{}: {} holidays, {} maintenance windows; {} notes",
                args.file.display(),
                calendar.holidays.len(),
                calendar.exclusions.len(),
                imported.notes.len()
            );
            let skipped = imported.notes.iter().any(|n| n.effect != IcsEffect::Info);
            Ok(if skipped {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Export(args) => {
            let text = std::fs::read_to_string(&args.agreements)
                .map_err(|e| bad(format!("cannot read {}: {e}", args.agreements.display())))?;
            let file = sla_engine::model::load::agreements(&text).map_err(|errors| {
                for error in errors {
                    eprintln!("{}: {error}", args.agreements.display());
                }
                ExitCode::from(BAD_INPUT)
            })?;
            let calendar = match &args.calendar {
                Some(id) => file.calendars.iter().find(|c| &c.id == id),
                None if file.calendars.len() == 1 => file.calendars.first(),
                None => None,
            };
            let Some(calendar) = calendar else {
                let ids: Vec<_> = file.calendars.iter().map(|c| c.id.as_str()).collect();
                return Err(bad(format!(
                    "{}: name the calendar with --calendar (calendars: {})",
                    args.agreements.display(),
                    if ids.is_empty() {
                        "none".into()
                    } else {
                        ids.join(", ")
                    }
                )));
            };
            // The CLI may read the clock; the crate does not: DTSTAMP is now.
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .ok()
                .and_then(|d| i64::try_from(d.as_nanos()).ok())
                .unwrap_or(0);
            let ics = ics::export(calendar, now)
                .map_err(|e| bad(format!("{}: {e}", args.agreements.display())))?;
            write(args.out.as_ref(), &ics)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
