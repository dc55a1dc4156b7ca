//! What an import screen shows about the records: per service, the outages,
//! the downtime (overlaps merged, impact-weighted, planned excluded) and the
//! availability of each calendar month around the clock; per priority, the
//! tickets and their times to first response and resolution (wall-clock).
//! Figures against an agreement's service hours are the report's job.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use sla_engine::metrics::availability::max_impact_segments;
use sla_engine::time::Interval;
use sla_engine::units::PPB_PER_WHOLE;
use sla_engine::{Ratio, TimeSpan};

use crate::dataset::Batch;
use crate::zone::Zone;

/// One calendar month of one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthFigure {
    /// `2026-03`.
    pub month: String,
    /// Length of the month in the zone (DST months are an hour shorter or longer).
    pub length: TimeSpan,
    pub downtime: TimeSpan,
    /// `(length − downtime) ÷ length`, exact.
    pub availability: Ratio,
}

/// One service's outages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceFigure {
    pub service: String,
    pub outages: usize,
    /// Planned outages (not counted as downtime).
    pub planned: usize,
    /// Impact-weighted downtime, overlapping records merged.
    pub downtime: TimeSpan,
    pub months: Vec<MonthFigure>,
}

/// One priority's tickets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriorityFigure {
    pub priority: String,
    pub tickets: usize,
    pub open: usize,
    pub median_response: Option<TimeSpan>,
    pub median_resolution: Option<TimeSpan>,
    /// 90th percentile, nearest rank.
    pub p90_resolution: Option<TimeSpan>,
}

/// Figures of a set of batches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    pub services: Vec<ServiceFigure>,
    pub priorities: Vec<PriorityFigure>,
}

/// Nearest-rank percentile of sorted values (`p` in percent).
fn percentile(sorted: &[i64], p: usize) -> Option<TimeSpan> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().and_then(TimeSpan::from_nanos)
}

/// The month start (local midnight of the 1st) as an instant.
fn month_start(zone: &mut Zone, year: i32, month: u32) -> Option<i64> {
    let date = NaiveDate::from_ymd_opt(year, month, 1)?;
    zone.to_utc(date.and_hms_opt(0, 0, 0)?)
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

type ServiceTally = (usize, usize, Vec<(Interval, u64)>);
type PriorityTally = (usize, usize, Vec<i64>, Vec<i64>);

/// Figures of `batches`, months in `zone`.
pub fn figures<'a>(batches: impl IntoIterator<Item = &'a Batch>, zone: &mut Zone) -> Figures {
    // Unavailability segments per service, and counts.
    // Per service: records, planned records, unavailability segments.
    let mut outages: BTreeMap<String, ServiceTally> = BTreeMap::new();
    // Per priority: tickets, open tickets, response and resolution times.
    let mut tickets: BTreeMap<String, PriorityTally> = BTreeMap::new();
    for batch in batches {
        for o in &batch.outages {
            let entry = outages
                .entry(batch.texts.get(o.service).to_string())
                .or_default();
            entry.0 += 1;
            if o.planned {
                entry.1 += 1;
                continue;
            }
            if let Some(interval) = Interval::new(o.start, o.end) {
                if o.impact_ppb > 0 && o.end > o.start {
                    entry.2.push((interval, u64::from(o.impact_ppb)));
                }
            }
        }
        for t in &batch.tickets {
            let entry = tickets
                .entry(batch.texts.get(t.priority).to_string())
                .or_default();
            entry.0 += 1;
            if let Some(r) = t.first_response {
                entry.2.push(r - t.created);
            }
            match t.resolved {
                Some(r) => entry.3.push(r - t.created),
                None => entry.1 += 1,
            }
        }
    }
    let services = outages
        .into_iter()
        .map(|(service, (count, planned, records))| {
            let segments = max_impact_segments(&records);
            let weighted = |from: i64, to: i64| -> i128 {
                segments
                    .iter()
                    .map(|(i, ppb)| {
                        let overlap = i.end().min(to) - i.start().max(from);
                        if overlap > 0 {
                            i128::from(overlap) * i128::from(*ppb)
                        } else {
                            0
                        }
                    })
                    .sum()
            };
            let per_ppb = i128::from(PPB_PER_WHOLE);
            let rounded =
                |w: i128| -> i64 { i64::try_from((w + per_ppb / 2) / per_ppb).unwrap_or(i64::MAX) };
            let total = weighted(i64::MIN, i64::MAX);
            let mut months = Vec::new();
            if let (Some(first), Some(last)) = (
                segments.iter().map(|(i, _)| i.start()).min(),
                segments.iter().map(|(i, _)| i.end()).max(),
            ) {
                if let (Some(a), Some(b)) = (zone.to_local(first), zone.to_local(last - 1)) {
                    let (mut year, mut month) = (a.year(), a.month());
                    // At most 10 years of months, whatever the data says.
                    for _ in 0..120 {
                        let (ny, nm) = next_month(year, month);
                        let (Some(from), Some(to)) =
                            (month_start(zone, year, month), month_start(zone, ny, nm))
                        else {
                            break;
                        };
                        let down = weighted(from, to);
                        let length = i128::from(to - from);
                        if length > 0 {
                            months.push(MonthFigure {
                                month: format!("{year:04}-{month:02}"),
                                length: TimeSpan::from_nanos(to - from).unwrap_or(TimeSpan::ZERO),
                                downtime: TimeSpan::from_nanos(rounded(down))
                                    .unwrap_or(TimeSpan::ZERO),
                                availability: Ratio::new(length * per_ppb - down, length * per_ppb)
                                    .unwrap_or_else(|| {
                                        Ratio::from_percent(sla_engine::Percent::HUNDRED)
                                    }),
                            });
                        }
                        if (year, month) >= (b.year(), b.month()) {
                            break;
                        }
                        (year, month) = (ny, nm);
                    }
                }
            }
            ServiceFigure {
                service,
                outages: count,
                planned,
                downtime: TimeSpan::from_nanos(rounded(total)).unwrap_or(TimeSpan::ZERO),
                months,
            }
        })
        .collect();
    let priorities = tickets
        .into_iter()
        .map(
            |(priority, (count, open, mut responses, mut resolutions))| {
                responses.sort_unstable();
                resolutions.sort_unstable();
                PriorityFigure {
                    priority,
                    tickets: count,
                    open,
                    median_response: percentile(&responses, 50),
                    median_resolution: percentile(&resolutions, 50),
                    p90_resolution: percentile(&resolutions, 90),
                }
            },
        )
        .collect();
    Figures {
        services,
        priorities,
    }
}
