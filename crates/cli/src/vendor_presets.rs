//! `sla presets`: the vendor presets, listed or shown in full.

use std::process::ExitCode;

use sla_presets::render;

use crate::vendor_args::{load_presets, pick, PresetFiles};

/// List the vendor SLA presets (bundled from `presets/*.json`), or show one
/// in full: its source and how each part was checked, its definition of
/// uptime and downtime, exclusions, tiers, cap and claim rule.
#[derive(clap::Args)]
pub struct Args {
    /// Show this preset in full.
    #[arg(long, value_name = "ID")]
    show: Option<String>,
    #[command(flatten)]
    files: PresetFiles,
}

pub fn run(args: Args) -> Result<ExitCode, ExitCode> {
    let presets = load_presets(&args.files)?;
    match args.show {
        Some(id) => {
            let preset = pick(&presets, &[id])?[0];
            print!("{}", render::preset_detail(preset));
        }
        None => print!("{}", render::preset_list(&presets)),
    }
    Ok(ExitCode::SUCCESS)
}
