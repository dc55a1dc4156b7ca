//! `sla claim`: the text and table of a credit claim under one preset.

use std::path::PathBuf;
use std::process::ExitCode;

use sla_presets::claim::claim;
use sla_presets::evaluate::evaluate;

use crate::vendor_args::{load_presets, pick, Evaluation, PresetFiles, BAD_INPUT};

/// Write what a customer needs to file a credit claim under one vendor
/// preset: the text to paste into a support case (period, incidents,
/// computed uptime, tier, credit, deadline, what to include) and, with
/// `--table`, the CSV table. Exit code 1 when the commitment was missed (a
/// claim is due), 0 when it was met.
#[derive(clap::Args)]
pub struct Args {
    /// The preset (see `sla presets`).
    #[arg(short, long)]
    preset: String,
    #[command(flatten)]
    evaluation: Evaluation,
    #[command(flatten)]
    files: PresetFiles,
    /// Also write the claim table (CSV, one row per incident) to this file.
    #[arg(long, value_name = "CSV")]
    table: Option<PathBuf>,
    /// Print the CSV table instead of the text.
    #[arg(long)]
    csv: bool,
}

pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let presets = load_presets(&args.files)?;
    let preset = pick(&presets, std::slice::from_ref(&args.preset))?[0];
    let (request, log) = args.evaluation.read()?;
    let evaluation = evaluate(preset, &log, &request).map_err(|e| {
        eprintln!("sla: {e}");
        ExitCode::from(BAD_INPUT)
    })?;
    let document = claim(preset, &evaluation, &log);
    if let Some(path) = &args.table {
        std::fs::write(path, &document.csv).map_err(|e| {
            eprintln!("sla: cannot write {}: {e}", path.display());
            ExitCode::from(BAD_INPUT)
        })?;
    }
    if args.csv {
        print!("{}", document.csv);
    } else {
        print!("{}", document.text);
    }
    Ok(if evaluation.met {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
