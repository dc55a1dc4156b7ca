//! `sla compare`: one outage log under several vendors' SLAs, side by side.

use std::process::ExitCode;

use sla_presets::{compare, render};

use crate::vendor_args::{load_presets, pick, Evaluation, PresetFiles};

/// Compare what vendors' SLAs make of one outage log: each preset's monthly
/// uptime under its own definition, tier, credit and claim deadline, and
/// the differences in plain words. Exit code 1 when any commitment is missed.
#[derive(clap::Args)]
pub struct Args {
    /// The presets to compare, comma-separated ids (default: all; see `sla presets`).
    #[arg(short, long, value_delimiter = ',')]
    presets: Vec<String>,
    #[command(flatten)]
    evaluation: Evaluation,
    #[command(flatten)]
    files: PresetFiles,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Show each preset's calculation step by step (text format).
    #[arg(short, long)]
    explain: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
}

pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let presets = load_presets(&args.files)?;
    let chosen = if args.presets.is_empty() {
        presets.iter().collect()
    } else {
        pick(&presets, &args.presets)?
    };
    let (request, log) = args.evaluation.read()?;
    let comparison = compare::compare(&chosen, &log, &request).map_err(|e| {
        eprintln!("sla: {e}");
        ExitCode::from(crate::vendor_args::BAD_INPUT)
    })?;
    match args.format {
        Format::Text => print!(
            "{}",
            render::comparison_text(&comparison, log.len(), args.explain)
        ),
        Format::Csv => print!("{}", render::comparison_csv(&comparison)),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&render::comparison_json(&comparison))
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        ),
    }
    Ok(if comparison.rows.iter().any(|r| !r.met) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
