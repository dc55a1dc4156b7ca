//! `sla requirements`: each service level requirement beside what the
//! supporting agreements deliver, the gap and what would close it
//! (`sla_engine::capability`).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{json, Value};
use sla_engine::capability::{self, shown, Check, Closing, Outcome};

use sla_engine::report::{self, Request, Span};
use sla_engine::time::Zone;

use crate::{agreements, bad, read_measurements, CsvOptions, Format};

/// Each requirement (SLR) of each service beside what its OLAs and UCs
/// deliver together (by the service's dependencies when given, else in
/// series), exactly; the gap, and what would close it.
#[derive(clap::Args)]
pub struct Args {
    /// The agreement file (JSON).
    agreements: PathBuf,
    /// Output format: text or json.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: &Args) -> Result<ExitCode, ExitCode> {
    let file = agreements(&args.agreements)?;
    let checks = capability::check(&file);
    match args.format {
        Format::Json => println!(
            "{}",
            crate::pretty(
                &json!({ "requirements": checks.iter().map(check_json).collect::<Vec<_>>() })
            )
        ),
        Format::Csv => {
            eprintln!("sla: requirements: CSV is not offered; use text or json");
            return Err(ExitCode::from(crate::BAD_INPUT));
        }
        Format::Text => print!("{}", text(&checks)),
    }
    Ok(ExitCode::SUCCESS)
}

fn text(checks: &[Check]) -> String {
    let mut out = String::new();
    if checks.is_empty() {
        out.push_str("No service has requirements (`requirements` on a service).\n");
    }
    for check in checks {
        let r = &check.requirement;
        let _ = writeln!(
            out,
            "{} — requirement {}: `{}` at {} %{} (the SLA promises {} %){}",
            check.service,
            check.index + 1,
            r.target,
            r.expected.text(),
            r.within
                .map(|w| format!(" within {}", w.0.exact_text()))
                .unwrap_or_default(),
            check.promised,
            r.note
                .as_deref()
                .map(|n| format!("; {n}"))
                .unwrap_or_default()
        );
        match &check.outcome {
            Outcome::Availability { supplied: None, .. } => {
                out.push_str(
                    "  nothing supports it: no dependencies and no OLA or UC availability target\n",
                );
            }
            Outcome::Availability {
                supplied: Some(supplied),
                gap,
                met,
                closing,
                ..
            } => {
                let _ = writeln!(
                    out,
                    "  the suppliers deliver {} % ({})",
                    shown(&supplied.value),
                    supplied.basis_text()
                );
                let _ = writeln!(
                    out,
                    "  gap: {} pp: {}",
                    gap.as_deref().unwrap_or("—"),
                    if *met == Some(true) { "met" } else { "not met" }
                );
                closings(&mut out, closing);
            }
            Outcome::Time {
                within,
                share,
                supporting,
                closing,
            } => {
                let _ = writeln!(
                    out,
                    "  asked: {} % within {}",
                    share.to_decimal_string(),
                    within.exact_text()
                );
                if supporting.is_empty() {
                    out.push_str(
                        "  nothing supports it: no OLA or UC time target supports this target\n",
                    );
                }
                for (name, time, their, covers) in supporting {
                    let _ = writeln!(
                        out,
                        "  `{name}` promises {} % within {}: {}",
                        their.to_decimal_string(),
                        time.exact_text(),
                        if *covers {
                            "covers it"
                        } else {
                            "does not cover it"
                        }
                    );
                }
                closings(&mut out, closing);
            }
            Outcome::NotCompared(why) => {
                let _ = writeln!(out, "  not compared: {why}");
            }
        }
        out.push('\n');
    }
    out
}

fn closings(out: &mut String, closing: &[Closing]) {
    if closing.is_empty() {
        return;
    }
    out.push_str("  what would close it:\n");
    for c in closing {
        let _ = writeln!(out, "  - {}", c.text());
    }
}

fn check_json(check: &Check) -> Value {
    let r = &check.requirement;
    let closing = |c: &[Closing]| c.iter().map(Closing::text).collect::<Vec<_>>();
    let outcome = match &check.outcome {
        Outcome::Availability {
            required,
            supplied,
            gap,
            met,
            closing: c,
        } => json!({
            "kind": "availability",
            "required_percent": required.to_decimal_string(),
            "supplied_percent": supplied.as_ref().map(|s| s.value.percent_exact()),
            "supplied_by": supplied.as_ref().map(|s| s.basis_text()),
            "composite": supplied.as_ref().map(|s| s.component.to_text()),
            "gap_points": gap,
            "met": met,
            "closing": closing(c),
        }),
        Outcome::Time {
            within,
            share,
            supporting,
            closing: c,
        } => json!({
            "kind": "time",
            "within": within.exact_text(),
            "share_percent": share.to_decimal_string(),
            "supporting": supporting.iter().map(|(name, time, their, covers)| json!({
                "target": name, "within": time.exact_text(), "share_percent": their.to_decimal_string(), "covers": covers,
            })).collect::<Vec<_>>(),
            "closing": closing(c),
        }),
        Outcome::NotCompared(why) => json!({"kind": "not_compared", "reason": why}),
    };
    json!({
        "service": check.service,
        "requirement": check.index,
        "target": r.target,
        "expected": r.expected.text(),
        "within": r.within.map(|w| w.0.exact_text()),
        "note": r.note,
        "promised": check.promised,
        "outcome": outcome,
    })
}

/// Back-to-back exposure: for each SLA backed by UCs, per period, the
/// credits the SLA pays against those its UCs give back, and where the
/// difference comes from.
#[derive(clap::Args)]
pub struct ExposureArgs {
    /// The agreement file (JSON).
    agreements: PathBuf,
    /// Measurement files: JSON or CSV exports, as for `sla report`.
    #[arg(short, long = "measurements", required = true)]
    measurements: Vec<PathBuf>,
    #[command(flatten)]
    csv: CsvOptions,
    /// The span: `2026`, `2026-10..2026-12`, `2026-Q4`.
    #[arg(short, long)]
    period: String,
    /// Output format: text or json.
    #[arg(short, long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn exposure(args: &ExposureArgs) -> Result<ExitCode, ExitCode> {
    let file = agreements(&args.agreements)?;
    let (files, _) = read_measurements(&file, &args.measurements, &args.csv)?;
    let sources = crate::sources(&files);
    let zone = Zone::named(&file.time_zone).unwrap_or_else(Zone::utc);
    let span = Span::parse(&args.period, &zone).map_err(|e| bad(format!("--period: {e}")))?;
    let report = report::report_sources(
        &file,
        &sources,
        &Request {
            span,
            now: report::span_end(span, &zone),
        },
    );
    let found = capability::exposure(&file, &report);
    let money =
        |m: sla_engine::money::Money| format!("{} {}", m.to_plain_string(), m.currency().code());
    match args.format {
        Format::Csv => {
            eprintln!("sla: exposure: CSV is not offered; use text or json");
            return Err(ExitCode::from(crate::BAD_INPUT));
        }
        Format::Json => println!(
            "{}",
            crate::pretty(&json!({"exposure": found.iter().map(|e| json!({
                "sla": e.sla, "ucs": e.ucs,
                "periods": e.periods.iter().map(|p| json!({
                    "period": p.period.label(),
                    "pays": p.pays.to_plain_string().replace(',', ""),
                    "recovers": p.recovers.to_plain_string().replace(',', ""),
                    "left": p.left.to_plain_string().replace(',', ""),
                    "sources": p.sources.iter().map(|(what, amount)| json!({"what": what, "amount": amount.to_plain_string().replace(',', "")})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>()}))
        ),
        Format::Text => {
            let mut out = String::new();
            if found.is_empty() {
                out.push_str("No SLA is backed by a UC (a UC target that supports an SLA target, or is in its service's dependencies).\n");
            }
            for e in &found {
                let _ = writeln!(out, "{} — backed by {}", e.sla, e.ucs.join(", "));
                for p in &e.periods {
                    let _ = writeln!(
                        out,
                        "  {}: pays {}, gets back {}, left with us {}",
                        p.period.label(),
                        money(p.pays),
                        money(p.recovers),
                        money(p.left)
                    );
                    for (what, amount) in &p.sources {
                        let _ = writeln!(out, "    {what}: {}", money(*amount));
                    }
                }
                out.push('\n');
            }
            print!("{out}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
