//! What `sla compare` and `sla claim` share: the outage log, the month, the
//! bill, the deployment and "today", and reading the presets (bundled, plus
//! any `--preset-file`).

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use sla_engine::time::Zone;
use sla_engine::{Currency, Money};
use sla_presets::evaluate::{Deployment, Month, Request};
use sla_presets::log::{parse_csv, OutageRecord};
use sla_presets::Preset;

pub const BAD_INPUT: u8 = 2;

/// Presets to read besides the bundled ones.
#[derive(clap::Args)]
pub struct PresetFiles {
    /// A preset file (JSON, the format of `presets/*.json`) to use besides
    /// the bundled presets; may be given several times.
    #[arg(long = "preset-file", value_name = "PATH")]
    pub files: Vec<PathBuf>,
}

/// The outage log and the month to evaluate.
#[derive(clap::Args)]
pub struct Evaluation {
    /// The outage log (CSV with a header: start, end, and optionally scope,
    /// zone, instance, error_rate, excluded, description; see docs/presets.md).
    #[arg(short, long, value_name = "CSV")]
    pub outages: PathBuf,
    /// The month: `2026-07`.
    #[arg(short, long)]
    pub month: String,
    /// The monthly bill for the service, e.g. `1000.00USD` or `EUR 99.90`.
    #[arg(short, long)]
    pub bill: Option<String>,
    /// The zones the deployment runs in, comma-separated (default: the zones
    /// named in the log for multi-zone presets, any zone otherwise).
    #[arg(long, value_delimiter = ',')]
    pub zones: Vec<String>,
    /// The instance evaluated by single-instance presets (default: any).
    #[arg(long)]
    pub instance: Option<String>,
    /// The time zone the month is counted in (IANA name or offset); default UTC.
    #[arg(long, default_value = "UTC")]
    pub time_zone: String,
    /// The date the claim deadline is compared with (`2026-08-10`); default: today (UTC).
    #[arg(long)]
    pub today: Option<String>,
}

fn fail(message: String) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(BAD_INPUT)
}

/// The bundled presets and the extra files, or every problem on stderr.
pub fn load_presets(extra: &PresetFiles) -> Result<Vec<Preset>, ExitCode> {
    let mut texts: Vec<(String, String)> = sla_presets::bundled_files()
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    for path in &extra.files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("sla: cannot read {}: {e}", path.display())))?;
        texts.push((path.display().to_string(), text));
    }
    sla_presets::preset::read_all(texts.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(
        |errors| {
            for error in errors {
                eprintln!("{error}");
            }
            ExitCode::from(BAD_INPUT)
        },
    )
}

/// Finds presets by id, in the order asked.
pub fn pick<'a>(presets: &'a [Preset], ids: &[String]) -> Result<Vec<&'a Preset>, ExitCode> {
    ids.iter()
        .map(|id| {
            presets.iter().find(|p| p.id == id.trim()).ok_or_else(|| {
                fail(format!(
                    "sla: `{id}` is not a preset; the presets are {} (see `sla presets`)",
                    presets
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
        })
        .collect()
}

/// `1000.00USD`, `1,000.00 USD`, `USD 1000.00`.
pub fn parse_bill(text: &str) -> Result<Money, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let letters_at_end = compact.len() > 3
        && compact
            .get(compact.len() - 3..)
            .is_some_and(|s| s.chars().all(|c| c.is_ascii_alphabetic()));
    let (amount, code) = if letters_at_end {
        compact.split_at(compact.len() - 3)
    } else if compact
        .get(..3)
        .is_some_and(|s| s.chars().all(|c| c.is_ascii_alphabetic()))
    {
        let (code, amount) = compact.split_at(3);
        (amount, code)
    } else {
        return Err(format!(
            "--bill: `{text}` has no currency; write e.g. 1000.00USD or EUR 99.90"
        ));
    };
    let currency = Currency::new(code).map_err(|e| format!("--bill: {e}"))?;
    let money = Money::parse(amount, currency).map_err(|e| format!("--bill: {e}"))?;
    if money.minor_units() < 0 {
        return Err("--bill: the monthly bill must not be negative".into());
    }
    Ok(money)
}

fn today_utc() -> NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_days(chrono::Days::new(days)))
        .unwrap_or(NaiveDate::MIN)
}

impl Evaluation {
    /// The request and the log, or the problem on stderr.
    pub fn read(&self) -> Result<(Request, Vec<OutageRecord>), ExitCode> {
        let month = Month::parse(&self.month).map_err(|e| fail(format!("sla: --month: {e}")))?;
        let today = match &self.today {
            Some(text) => sla_engine::time::iso::date(text.trim()).ok_or_else(|| {
                fail(format!(
                    "sla: --today: `{text}` is not a date; write 2026-08-10"
                ))
            })?,
            None => today_utc(),
        };
        let time_zone = Zone::named(&self.time_zone).ok_or_else(|| {
            fail(format!(
                "sla: --time-zone: `{}` is not an IANA time zone or an offset",
                self.time_zone
            ))
        })?;
        let bill = match &self.bill {
            Some(text) => Some(parse_bill(text).map_err(|e| fail(format!("sla: {e}")))?),
            None => None,
        };
        let path = &self.outages;
        let text = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("sla: cannot read {}: {e}", path.display())))?;
        let log = parse_csv(&text).map_err(|errors| {
            for error in errors {
                eprintln!("{}: {error}", path.display());
            }
            ExitCode::from(BAD_INPUT)
        })?;
        let request = Request {
            month,
            time_zone,
            bill,
            today,
            deployment: Deployment {
                zones: self
                    .zones
                    .iter()
                    .map(|z| z.trim().to_owned())
                    .filter(|z| !z.is_empty())
                    .collect(),
                instance: self.instance.clone(),
            },
        };
        Ok((request, log))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bill;

    #[test]
    fn bills_carry_their_currency_before_or_after() {
        assert_eq!(
            parse_bill("1000.00USD").map(|m| m.minor_units()),
            Ok(100_000)
        );
        assert_eq!(
            parse_bill("1,000.00 usd").map(|m| m.minor_units()),
            Ok(100_000)
        );
        assert_eq!(parse_bill("EUR 99.9").map(|m| m.minor_units()), Ok(9_990));
        assert_eq!(parse_bill("JPY 1200").map(|m| m.minor_units()), Ok(1_200));
        assert!(parse_bill("1000.00").is_err());
        assert!(parse_bill("-5USD").is_err());
        assert!(parse_bill("10.001USD").is_err());
    }
}
