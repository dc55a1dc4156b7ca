//! `sla downtime`, `sla uptime`, `sla composite`: the quick calculator's
//! three calculations on the command line, with the page's figures (the
//! same engine functions, the same periods, the same rounding).

use std::fmt::Write as _;
use std::process::ExitCode;

use sla_engine::composite::Component;
use sla_engine::service_hours::WeeklyHours;
use sla_engine::{quick, Explanation, Percent, Period, TimeSpan};

use crate::BAD_INPUT;

/// The reverse calculation's percentage has this many decimals, rounded
/// down (as on the page).
const AVAILABILITY_DECIMALS: u32 = 4;
/// A composite is shown with this many decimals, rounded down (as on the page).
const COMPOSITE_DECIMALS: usize = 6;

/// The calendar month of the calendar rows.
#[derive(clap::Args)]
pub struct Month {
    /// The calendar month for the calendar rows (its month, quarter and
    /// year), `YYYY-MM`; default: the current month (UTC).
    #[arg(long, value_name = "YYYY-MM")]
    month: Option<String>,
}

impl Month {
    fn get(&self) -> Result<(i32, u32), ExitCode> {
        match &self.month {
            Some(text) => parse_month(text).ok_or_else(|| {
                eprintln!("sla: --month `{text}` is not a month; write YYYY-MM, e.g. 2026-02");
                ExitCode::from(BAD_INPUT)
            }),
            None => {
                use chrono::Datelike;
                let seconds = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                let today =
                    chrono::DateTime::from_timestamp(i64::try_from(seconds).unwrap_or(i64::MAX), 0)
                        .unwrap_or_default()
                        .date_naive();
                Ok((today.year(), today.month()))
            }
        }
    }
}

pub(crate) fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
}

fn levels(texts: &[String]) -> Result<Vec<Percent>, ExitCode> {
    texts
        .iter()
        .map(|text| {
            Percent::parse(text).map_err(|e| {
                eprintln!("sla: `{text}` is not a target: {e}");
                ExitCode::from(BAD_INPUT)
            })
        })
        .collect()
}

fn hours(text: Option<&str>) -> Result<Option<WeeklyHours>, ExitCode> {
    text.map(|text| {
        WeeklyHours::parse(text).map_err(|e| {
            eprintln!("sla: --hours `{text}`: {e}");
            ExitCode::from(BAD_INPUT)
        })
    })
    .transpose()
}

/// A level as the page writes it: `99.9 %`.
fn pct(level: &Percent) -> String {
    format!("{} %", level.to_decimal_string())
}

/// A period's row heading as the page writes it: `February 2026 (28 d)`.
fn heading(period: Period) -> String {
    match period.days() {
        Some(days) => format!("{} ({days} d)", period.label()),
        None => period.label(),
    }
}

/// A period after "over": `the month (average)`, `February 2026 (28 d)`.
fn over(period: Period) -> String {
    match period.days() {
        Some(_) => heading(period),
        None => format!("the {}", period.label()),
    }
}

/// A figure as the page shows it, with its exact value: `43m 50s (2,629.746 s)`.
fn figure(span: TimeSpan) -> String {
    format!("{} ({} s)", span.human(), span.exact_seconds())
}

/// Left-aligned columns, two spaces apart.
pub(crate) fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                let pad = widths[c] - cell.chars().count();
                let _ = write!(line, "{cell}{}  ", " ".repeat(pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn explanation(what: &str, e: &Explanation) -> String {
    format!(
        "{what}\n  {}\n  {}\n  {}\n",
        e.formula, e.substituted, e.convention
    )
}

/// The rows of the allowed-downtime table, as on the page: day, week, then
/// each average period followed by its calendar one.
fn downtime_periods((year, month): (i32, u32)) -> Vec<Period> {
    let [day, week, cal_month, cal_quarter, cal_year] = Period::calendar_set(year, month);
    vec![
        day,
        week,
        Period::AverageMonth,
        cal_month,
        Period::AverageQuarter,
        cal_quarter,
        Period::AverageYear,
        cal_year,
    ]
}

/// The rows of the service-hours table, as on the page (no day: a day's
/// service time depends on its weekday).
fn service_periods((year, month): (i32, u32)) -> Vec<Period> {
    downtime_periods((year, month)).split_off(1)
}

/// Allowed downtime for availability targets over each period (day, week,
/// average and calendar month, quarter and year), and with `--hours`, over
/// the service time of those hours only: the quick calculator's tables.
#[derive(clap::Args)]
pub struct DowntimeArgs {
    /// One or more targets in percent, e.g. `99.9 99.99`.
    #[arg(required = true, value_name = "TARGET")]
    targets: Vec<String>,
    #[command(flatten)]
    month: Month,
    /// Service hours, e.g. `Mon-Fri 08:00-18:00; Sat 09:00-13:00`: adds the
    /// allowed downtime within those hours only.
    #[arg(long, value_name = "HOURS")]
    hours: Option<String>,
    /// Show the explanation of every figure.
    #[arg(short, long)]
    explain: bool,
}

pub fn downtime(args: &DowntimeArgs) -> Result<ExitCode, ExitCode> {
    let levels = levels(&args.targets)?;
    let month = args.month.get()?;
    let hours = hours(args.hours.as_deref())?;
    let mut out = String::from("Allowed downtime\n");
    let mut explained = String::new();
    let mut rows = vec![std::iter::once("period".to_string())
        .chain(levels.iter().map(pct))
        .collect::<Vec<_>>()];
    for period in downtime_periods(month) {
        let mut row = vec![heading(period)];
        for level in &levels {
            let allowed = quick::allowed_downtime(*level, period);
            row.push(figure(allowed.value));
            if args.explain {
                explained.push_str(&explanation(
                    &format!("{} per {}:", pct(level), period.label()),
                    &allowed.explanation,
                ));
            }
        }
        rows.push(row);
    }
    out.push_str(&table(&rows));
    if let Some(hours) = hours {
        let _ = write!(
            out,
            "\nAllowed downtime within service hours ({})\n",
            hours.to_text()
        );
        let mut rows = vec![["period".to_string(), "service time".to_string()]
            .into_iter()
            .chain(levels.iter().map(pct))
            .collect::<Vec<_>>()];
        for period in service_periods(month) {
            let service = hours.service_time(period);
            let what = format!("service time in the {}", period.label());
            // As on the page: the service-hours table names the period only.
            let mut row = vec![period.label(), figure(service.value)];
            if args.explain {
                explained.push_str(&explanation(
                    &format!("service time in the {}:", period.label()),
                    &service.explanation,
                ));
            }
            for level in &levels {
                let allowed = quick::allowed_downtime_within(*level, service.value, &what);
                row.push(figure(allowed.value));
                if args.explain {
                    explained.push_str(&explanation(
                        &format!(
                            "{} within service hours per {}:",
                            pct(level),
                            period.label()
                        ),
                        &allowed.explanation,
                    ));
                }
            }
            rows.push(row);
        }
        out.push_str(&table(&rows));
    }
    if args.explain {
        out.push('\n');
        out.push_str(&explained);
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

/// The period of `sla uptime`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum UptimePeriod {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// The availability a given downtime leaves over a period: for a month,
/// quarter or year both the average one and the calendar one (`--month`),
/// as the page offers them; with `--target`, whether each is met.
#[derive(clap::Args)]
pub struct UptimeArgs {
    /// The downtime, e.g. `13m37s`, `1h 5m`, `0:43:50`, `90s`.
    downtime: String,
    /// The period.
    #[arg(short, long, value_enum, default_value_t = UptimePeriod::Month)]
    period: UptimePeriod,
    #[command(flatten)]
    month: Month,
    /// Count over these service hours only, e.g. `Mon-Fri 08:00-18:00`.
    #[arg(long, value_name = "HOURS")]
    hours: Option<String>,
    /// A target to check the availability against (repeatable); exit code
    /// 1 when one is missed.
    #[arg(short, long = "target", value_name = "TARGET")]
    targets: Vec<String>,
    /// Show the explanation of every figure.
    #[arg(short, long)]
    explain: bool,
}

pub fn uptime(args: &UptimeArgs) -> Result<ExitCode, ExitCode> {
    let down = TimeSpan::parse(&args.downtime).map_err(|e| {
        eprintln!("sla: `{}` is not a downtime: {e}", args.downtime);
        ExitCode::from(BAD_INPUT)
    })?;
    let levels = levels(&args.targets)?;
    let hours = hours(args.hours.as_deref())?;
    let [day, week, cal_month, cal_quarter, cal_year] = {
        let (year, month) = args.month.get()?;
        Period::calendar_set(year, month)
    };
    let periods = match args.period {
        UptimePeriod::Day => vec![day],
        UptimePeriod::Week => vec![week],
        UptimePeriod::Month => vec![Period::AverageMonth, cal_month],
        UptimePeriod::Quarter => vec![Period::AverageQuarter, cal_quarter],
        UptimePeriod::Year => vec![Period::AverageYear, cal_year],
    };
    let mut out = match &hours {
        Some(hours) => format!(
            "{} of downtime within service hours ({}) leaves\n",
            down.human(),
            hours.to_text()
        ),
        None => format!("{} of downtime leaves\n", down.human()),
    };
    let mut missed = false;
    let mut failed = false;
    for period in periods {
        let result = match &hours {
            Some(hours) => quick::availability_within(
                down,
                hours.service_time(period).value,
                &format!("service time in the {}", period.label()),
            ),
            None => quick::availability_from_downtime(down, period),
        };
        match result {
            Ok(availability) => {
                let _ = writeln!(
                    out,
                    "  {} % over {}",
                    availability.value.to_percent_string(AVAILABILITY_DECIMALS),
                    over(period)
                );
                for level in &levels {
                    let met = availability.value.meets(*level);
                    missed |= !met;
                    let _ = writeln!(
                        out,
                        "    {} {} {}",
                        if met { "✓" } else { "✗" },
                        if met { "meets" } else { "misses" },
                        pct(level)
                    );
                }
                if args.explain {
                    let e = &availability.explanation;
                    let _ = writeln!(
                        out,
                        "    {}\n    {}\n    {}",
                        e.formula, e.substituted, e.convention
                    );
                }
            }
            Err(e) => {
                failed = true;
                let _ = writeln!(out, "  no availability over {}: {e}", over(period));
            }
        }
    }
    let _ = writeln!(
        out,
        "(rounded down to {AVAILABILITY_DECIMALS} decimals, never up)"
    );
    print!("{out}");
    Ok(if failed {
        ExitCode::from(BAD_INPUT)
    } else if missed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The availability of a system built from components, computed exactly:
/// `serial(…)` (all needed), `parallel(…)` (any one suffices), `KofN(…)`
/// such as `2of3(99, 99, 99.5)`, nested; a bare list is serial.
#[derive(clap::Args)]
pub struct CompositeArgs {
    /// The system, e.g. `serial(99.9, parallel(99.5, 99.5))`.
    system: String,
    /// Show the formula and the numbers put into it.
    #[arg(short, long)]
    explain: bool,
}

pub fn composite(args: &CompositeArgs) -> Result<ExitCode, ExitCode> {
    let system = Component::parse(&args.system).map_err(|e| {
        eprintln!("sla: `{}`: {e}", args.system);
        ExitCode::from(BAD_INPUT)
    })?;
    let explained = system.explain();
    let mut out = format!(
        "{} % (rounded down to {COMPOSITE_DECIMALS} decimals)\nexactly {} %\n",
        explained.value.percent_rounded_down(COMPOSITE_DECIMALS),
        explained.value.percent_exact()
    );
    if args.explain {
        let e = &explained.explanation;
        let _ = write!(out, "{}\n{}\n{}\n", e.formula, e.substituted, e.convention);
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_as_the_page_reads_them() {
        assert_eq!(parse_month("2026-02"), Some((2026, 2)));
        assert_eq!(parse_month(" 2026-12 "), Some((2026, 12)));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("2026-2"), None);
        assert_eq!(parse_month("0000-01"), None);
    }

    #[test]
    fn tables_align_their_columns() {
        let rows = vec![
            vec!["period".to_string(), "99.9%".to_string()],
            vec!["month (average)".to_string(), "43m 50s".to_string()],
        ];
        assert_eq!(
            table(&rows),
            "period           99.9%\nmonth (average)  43m 50s\n"
        );
    }
}
