//! What an import screen shows about the records: per service, the outages,
//! the downtime (overlaps merged, impact-weighted, planned excluded) and the
//! availability of each calendar month around the clock; per priority, the
//! tickets and their times to first response and resolution (wall-clock).
//! Figures against an agreement's service hours are the report's job.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use sla_engine::metrics::availability::max_impact_segments;
use sla_engine::time::calendar::Edge;
use sla_engine::time::Interval;
use sla_engine::units::PPB_PER_WHOLE;
use sla_engine::{Ratio, TimeSpan};

use crate::dataset::{Batch, TextId};
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
fn month_start(zone: &Zone, year: i32, month: u32) -> Option<i64> {
    let date = NaiveDate::from_ymd_opt(year, month, 1)?;
    zone.to_utc(date.and_hms_opt(0, 0, 0)?, Edge::Start)
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

/// Records of one service or priority, gathered from the batches.
#[derive(Default)]
struct ServiceTally {
    outages: usize,
    planned: usize,
    segments: Vec<(Interval, u64)>,
}

#[derive(Default)]
struct PriorityTally {
    tickets: usize,
    open: usize,
    responses: Vec<i64>,
    resolutions: Vec<i64>,
}

/// Figures computed a step at a time (one service or one priority per
/// step), so that a browser can yield between steps on large imports.
pub struct Builder {
    services: Vec<(String, ServiceTally)>,
    priorities: Vec<(String, PriorityTally)>,
    service_slots: HashMap<String, usize>,
    priority_slots: HashMap<String, usize>,
    sorted: bool,
    next: usize,
    figures: Figures,
}

impl Builder {
    /// Gathers the records of `batches` by service and priority (one pass).
    pub fn new<'a>(batches: impl IntoIterator<Item = &'a Batch>) -> Builder {
        let mut builder = Builder::empty();
        for batch in batches {
            builder.gather(batch, 0..batch.outages.len(), 0..batch.tickets.len());
        }
        builder
    }

    /// A builder with no records yet: add them with [`Builder::gather`].
    pub fn empty() -> Builder {
        Builder {
            services: Vec::new(),
            priorities: Vec::new(),
            service_slots: HashMap::new(),
            priority_slots: HashMap::new(),
            sorted: false,
            next: 0,
            figures: Figures::default(),
        }
    }

    /// Adds the outages and tickets of `batch` in these index ranges (a
    /// browser gathers a large batch a slice at a time).
    pub fn gather(&mut self, batch: &Batch, outages: Range<usize>, tickets: Range<usize>) {
        // Per call, text id → slot: a name is looked up once, not once per record.
        let mut local: HashMap<TextId, usize> = HashMap::new();
        for o in batch.outages.get(outages).unwrap_or_default() {
            let slot = slot_of(
                &mut local,
                &mut self.service_slots,
                &mut self.services,
                batch,
                o.service,
            );
            let Some((_, tally)) = self.services.get_mut(slot) else {
                continue;
            };
            tally.outages += 1;
            if o.planned {
                tally.planned += 1;
                continue;
            }
            if let Some(interval) = Interval::new(o.start, o.end) {
                if o.impact_ppb > 0 && o.end > o.start {
                    tally.segments.push((interval, u64::from(o.impact_ppb)));
                }
            }
        }
        let mut local: HashMap<TextId, usize> = HashMap::new();
        for t in batch.tickets.get(tickets).unwrap_or_default() {
            let slot = slot_of(
                &mut local,
                &mut self.priority_slots,
                &mut self.priorities,
                batch,
                t.priority,
            );
            let Some((_, tally)) = self.priorities.get_mut(slot) else {
                continue;
            };
            tally.tickets += 1;
            if let Some(r) = t.first_response {
                tally.responses.push(r - t.created);
            }
            match t.resolved {
                Some(r) => tally.resolutions.push(r - t.created),
                None => tally.open += 1,
            }
        }
    }

    /// Steps left.
    pub fn remaining(&self) -> usize {
        (self.services.len() + self.priorities.len()).saturating_sub(self.next)
    }

    /// Computes the next service or priority; `false` when all are done.
    pub fn step(&mut self, zone: &Zone) -> bool {
        if !self.sorted {
            self.sorted = true;
            self.services.sort_by(|a, b| a.0.cmp(&b.0));
            self.priorities.sort_by(|a, b| a.0.cmp(&b.0));
        }
        let index = self.next;
        self.next += 1;
        if let Some((service, tally)) = self.services.get_mut(index) {
            let tally = std::mem::take(tally);
            let figure = service_figure(std::mem::take(service), tally, zone);
            self.figures.services.push(figure);
            return true;
        }
        let Some((priority, tally)) = self.priorities.get_mut(index - self.services.len()) else {
            return false;
        };
        let mut tally = std::mem::take(tally);
        tally.responses.sort_unstable();
        tally.resolutions.sort_unstable();
        self.figures.priorities.push(PriorityFigure {
            priority: std::mem::take(priority),
            tickets: tally.tickets,
            open: tally.open,
            median_response: percentile(&tally.responses, 50),
            median_resolution: percentile(&tally.resolutions, 50),
            p90_resolution: percentile(&tally.resolutions, 90),
        });
        true
    }

    pub fn finish(mut self, zone: &Zone) -> Figures {
        while self.step(zone) {}
        self.figures
    }
}

/// The slot of a name in `tallies`, through the batch's and the global index.
fn slot_of<T: Default>(
    local: &mut HashMap<TextId, usize>,
    global: &mut HashMap<String, usize>,
    tallies: &mut Vec<(String, T)>,
    batch: &Batch,
    id: TextId,
) -> usize {
    if let Some(slot) = local.get(&id) {
        return *slot;
    }
    let name = batch.texts.get(id);
    let slot = match global.get(name) {
        Some(slot) => *slot,
        None => {
            tallies.push((name.to_string(), T::default()));
            global.insert(name.to_string(), tallies.len() - 1);
            tallies.len() - 1
        }
    };
    local.insert(id, slot);
    slot
}

/// Figures of `batches`, months in `zone`.
pub fn figures<'a>(batches: impl IntoIterator<Item = &'a Batch>, zone: &Zone) -> Figures {
    Builder::new(batches).finish(zone)
}

fn service_figure(service: String, tally: ServiceTally, zone: &Zone) -> ServiceFigure {
    let segments = max_impact_segments(&tally.segments);
    let weighted = |from: i64, to: i64| -> i128 {
        segments
            .iter()
            .map(|(i, ppb)| {
                let overlap = i128::from(i.end().min(to)) - i128::from(i.start().max(from));
                if overlap > 0 {
                    overlap * i128::from(*ppb)
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
                // Segments are sorted and disjoint: only those overlapping the month.
                let first_index = segments.partition_point(|(i, _)| i.end() <= from);
                let down: i128 = segments
                    .get(first_index..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|(i, _)| i.start() < to)
                    .map(|(i, ppb)| {
                        i128::from(i.end().min(to) - i.start().max(from)) * i128::from(*ppb)
                    })
                    .sum();
                let length = i128::from(to - from);
                if length > 0 {
                    months.push(MonthFigure {
                        month: format!("{year:04}-{month:02}"),
                        length: TimeSpan::from_nanos(to - from).unwrap_or(TimeSpan::ZERO),
                        downtime: TimeSpan::from_nanos(rounded(down)).unwrap_or(TimeSpan::ZERO),
                        availability: Ratio::new(length * per_ppb - down, length * per_ppb)
                            .unwrap_or_else(|| Ratio::from_percent(sla_engine::Percent::HUNDRED)),
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
        outages: tally.outages,
        planned: tally.planned,
        downtime: TimeSpan::from_nanos(rounded(total)).unwrap_or(TimeSpan::ZERO),
        months,
    }
}
