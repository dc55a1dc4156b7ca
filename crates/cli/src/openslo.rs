//! `sla openslo`: OpenSLO v1 SLO definitions to an agreement file and back.
//!
//! Exit codes: 0 everything was taken over, 1 something was refused,
//! changed or ignored (listed on stderr), 2 the file could not be read.

use std::path::PathBuf;
use std::process::ExitCode;

use sla_interop::openslo::{self, AgreementDefaults, Effect};

const BAD_INPUT: u8 = 2;

/// OpenSLO v1: import SLO definitions as an agreement file, or export an
/// agreement file's targets as OpenSLO documents.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Read an OpenSLO v1 file (YAML with several documents, or JSON) and
    /// write an agreement file with one target per SLO objective. What
    /// could not be mapped is listed on stderr with its document, field,
    /// line and column.
    Import(ImportArgs),
    /// Write the targets of an agreement file as OpenSLO v1 documents
    /// (YAML), and list on stderr what OpenSLO cannot say (credits, service
    /// hours, minimum levels, ...).
    Export(ExportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    /// The OpenSLO file (YAML or JSON).
    file: PathBuf,
    /// Write the agreement file here instead of standard output.
    #[arg(short, long)]
    out: Option<PathBuf>,
    /// The agreement file's name.
    #[arg(long, default_value = "Imported from OpenSLO")]
    name: String,
    /// The provider's name.
    #[arg(long, default_value = "Provider")]
    provider: String,
    /// ISO 4217 currency of the agreement file.
    #[arg(long, default_value = "EUR")]
    currency: String,
    /// The zone periods are cut in when no SLO has a calendar window with a
    /// time zone (IANA name or UTC).
    #[arg(long, default_value = "UTC")]
    time_zone: String,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The agreement file (JSON).
    agreements: PathBuf,
    /// Write the OpenSLO documents here instead of standard output.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

fn write(out: Option<&PathBuf>, text: &str) -> Result<(), ExitCode> {
    match out {
        Some(path) => std::fs::write(path, text).map_err(|e| {
            eprintln!("sla: cannot write {}: {e}", path.display());
            ExitCode::from(BAD_INPUT)
        }),
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

fn read(path: &PathBuf) -> Result<String, ExitCode> {
    std::fs::read_to_string(path).map_err(|e| {
        eprintln!("sla: cannot read {}: {e}", path.display());
        ExitCode::from(BAD_INPUT)
    })
}

pub fn run(command: Command) -> Result<ExitCode, ExitCode> {
    match command {
        Command::Import(args) => {
            let text = read(&args.file)?;
            let imported = openslo::import(&text).map_err(|e| {
                eprintln!("{}: {e}", args.file.display());
                ExitCode::from(BAD_INPUT)
            })?;
            for note in &imported.notes {
                eprintln!("{}: {note}", args.file.display());
            }
            let defaults = AgreementDefaults {
                name: args.name,
                provider: args.provider,
                currency: args.currency,
                time_zone: args.time_zone,
            };
            let file = imported.agreement_file(&defaults);
            let problems = sla_engine::model::load::validate(&file);
            for problem in &problems {
                eprintln!(
                    "{}: the agreement file would be invalid: {problem}",
                    args.file.display()
                );
            }
            if !problems.is_empty() {
                return Err(ExitCode::from(BAD_INPUT));
            }
            let json = serde_json::to_string_pretty(&file)
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            write(args.out.as_ref(), &(json + "\n"))?;
            let refused = imported
                .notes
                .iter()
                .filter(|n| n.effect == Effect::Refused)
                .count();
            eprintln!(
                "{}: {} targets, {} services; {} refused, {} other notes",
                args.file.display(),
                imported.targets.len(),
                imported.services.len(),
                refused,
                imported.notes.len() - refused
            );
            Ok(if imported.notes.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Export(args) => {
            let text = read(&args.agreements)?;
            let file = sla_engine::model::load::agreements(&text).map_err(|errors| {
                for error in errors {
                    eprintln!("{}: {error}", args.agreements.display());
                }
                ExitCode::from(BAD_INPUT)
            })?;
            let exported = openslo::export(&file);
            write(args.out.as_ref(), &exported.yaml)?;
            for note in &exported.notes {
                eprintln!("{}: not in OpenSLO: {note}", args.agreements.display());
            }
            eprintln!(
                "{}: {} OpenSLO documents; {} things OpenSLO cannot say",
                args.agreements.display(),
                exported.documents,
                exported.notes.len()
            );
            Ok(if exported.notes.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}
