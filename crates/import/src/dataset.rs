//! Imported records, stored compactly so that millions of rows fit in a
//! browser tab: instants as Unix nanoseconds, repeated texts (services,
//! suppliers, priorities) interned, other texts in one arena.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use sla_engine::model::{
    values::{Level, Timestamp},
    AsOf, MeasurementFile, OutageRecord, SourceVerdict, TicketRecord, Window,
};
use sla_engine::units::PPB_PER_WHOLE;
use sla_engine::Percent;

use crate::mapping::Kind;

/// A text in [`Texts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextId(u32);

impl TextId {
    /// No text (an empty optional field).
    pub const NONE: TextId = TextId(u32::MAX);

    pub fn is_none(self) -> bool {
        self == TextId::NONE
    }
}

/// Every text of a batch: one arena, with repeated texts stored once.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    arena: String,
    spans: Vec<(u32, u32)>,
    interned: HashMap<Box<str>, TextId, BuildHasherDefault<WordHasher>>,
}

/// The hash of the interned texts: a word at a time, multiplied (the
/// `FxHasher` of rustc). Two texts are looked up per row of a large file,
/// and these are the user's own texts in their own page, so the keyed
/// default (`SipHash`, made to resist chosen collisions) buys nothing here
/// and costs several times as much.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut eight = [0u8; 8];
            eight.copy_from_slice(word);
            self.add(u64::from_le_bytes(eight));
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut eight = [0u8; 8];
            eight
                .get_mut(..rest.len())
                .unwrap_or_default()
                .copy_from_slice(rest);
            self.add(u64::from_le_bytes(eight));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl Texts {
    /// Stores a text that repeats (a service, a priority) once.
    pub fn intern(&mut self, text: &str) -> TextId {
        if let Some(id) = self.interned.get(text) {
            return *id;
        }
        let id = self.push(text);
        self.interned.insert(text.into(), id);
        id
    }

    /// Stores a text that is mostly unique (a ticket id, a cause).
    pub fn push(&mut self, text: &str) -> TextId {
        let start = u32::try_from(self.arena.len()).unwrap_or(u32::MAX);
        let length = u32::try_from(text.len()).unwrap_or(0);
        if start == u32::MAX || self.spans.len() >= (u32::MAX - 1) as usize {
            return TextId::NONE;
        }
        self.arena
            .push_str(text.get(..length as usize).unwrap_or_default());
        self.spans.push((start, length));
        TextId(u32::try_from(self.spans.len() - 1).unwrap_or(u32::MAX))
    }

    /// The text, `""` for [`TextId::NONE`].
    pub fn get(&self, id: TextId) -> &str {
        self.spans
            .get(id.0 as usize)
            .and_then(|(start, length)| {
                self.arena
                    .get(*start as usize..(*start as usize + *length as usize))
            })
            .unwrap_or_default()
    }

    /// The text, `None` for [`TextId::NONE`].
    pub fn optional(&self, id: TextId) -> Option<&str> {
        (!id.is_none()).then(|| self.get(id))
    }

    /// Bytes held (for the memory figure shown during an import).
    pub fn bytes(&self) -> usize {
        self.arena.len() + self.spans.len() * 8 + self.interned.len() * 40
    }
}

/// An outage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outage {
    pub service: TextId,
    /// Unix nanoseconds.
    pub start: i64,
    pub end: i64,
    /// Share of the service lost, parts per billion (100 % = 1,000,000,000).
    pub impact_ppb: u32,
    pub planned: bool,
    pub supplier: TextId,
    pub cause: TextId,
    /// Physical line in the source file.
    pub line: u32,
}

/// A ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub id: TextId,
    pub service: TextId,
    pub priority: TextId,
    pub created: i64,
    pub first_response: Option<i64>,
    pub resolved: Option<i64>,
    /// The source system's own verdict: the SLA was met (`None`: not given).
    pub verdict: Option<bool>,
    pub line: u32,
}

/// A span in which a ticket's clock stopped, read from the states of its
/// history (see [`Settings::pauses_from_states`](crate::mapping::Settings::pauses_from_states)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pause {
    /// The ticket's index in [`Batch::tickets`].
    pub ticket: u32,
    /// Unix nanoseconds, `start < end`.
    pub start: i64,
    pub end: i64,
    /// The state that stopped the clock (`On Hold`), the pause's reason.
    pub state: TextId,
}

/// The records of one import.
#[derive(Debug, Clone)]
pub struct Batch {
    /// Where the records came from (a file name, "pasted data").
    pub source: String,
    pub kind: Kind,
    /// The zone local timestamps were read in.
    pub time_zone: String,
    pub outages: Vec<Outage>,
    pub tickets: Vec<Ticket>,
    pub texts: Texts,
    /// Where the tickets' verdicts come from (`made_sla (ServiceNow
    /// incidents)`), when a column holds them.
    pub verdict_by: Option<String>,
    /// Per ticket (when an update counter or time is mapped; empty
    /// otherwise): the state it holds, (counter, time).
    pub as_of: Vec<(Option<u64>, Option<i64>)>,
    /// The tickets' pauses read from their states (empty unless asked
    /// for), in ticket order, then by start.
    pub pauses: Vec<Pause>,
}

impl Batch {
    pub fn new(source: &str, kind: Kind, time_zone: &str) -> Batch {
        Batch {
            source: source.to_string(),
            kind,
            time_zone: time_zone.to_string(),
            outages: Vec::new(),
            tickets: Vec::new(),
            texts: Texts::default(),
            verdict_by: None,
            as_of: Vec::new(),
            pauses: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.outages.len() + self.tickets.len()
    }

    /// The tickets' priorities as written, each with how many tickets have
    /// it, in order of first appearance.
    pub fn priorities(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(TextId, usize)> = Vec::new();
        for ticket in &self.tickets {
            match out.iter_mut().find(|(id, _)| *id == ticket.priority) {
                Some((_, n)) => *n += 1,
                None => out.push((ticket.priority, 1)),
            }
        }
        out.into_iter()
            .map(|(id, n)| (self.texts.get(id).to_owned(), n))
            .collect()
    }

    /// Rewrites the tickets' priorities: each `(from, to)` pair names the
    /// agreement's priority for a priority as the export writes it.
    pub fn map_priorities(&mut self, map: &[(String, String)]) {
        let mut by_id: HashMap<TextId, TextId> = HashMap::new();
        for (from, to) in map {
            let from = self.texts.intern(from);
            let to = self.texts.intern(to);
            by_id.insert(from, to);
        }
        for ticket in &mut self.tickets {
            if let Some(to) = by_id.get(&ticket.priority) {
                ticket.priority = *to;
            }
        }
    }

    /// Maps the tickets' priorities to an agreement's (`wanted`), by the
    /// user's `chosen` pairs, else by name, else by rank
    /// ([`propose_priority_map`](crate::mapping::propose_priority_map)); a
    /// priority that maps to none is kept as written. Returns how each
    /// priority found was mapped, in the order first met.
    pub fn map_priorities_to(
        &mut self,
        wanted: &[String],
        chosen: &[(String, String)],
    ) -> Vec<crate::mapping::PriorityMapping> {
        let found: Vec<String> = self.priorities().into_iter().map(|(p, _)| p).collect();
        let mapping = crate::mapping::propose_priority_map(&found, wanted, chosen);
        self.apply_priority_map(&mapping);
        mapping
    }

    /// Rewrites the tickets' priorities as `mapping` says (a priority that
    /// maps to none is kept as written).
    pub fn apply_priority_map(&mut self, mapping: &[crate::mapping::PriorityMapping]) {
        let pairs: Vec<(String, String)> = mapping
            .iter()
            .filter_map(|m| m.to.clone().map(|to| (m.from.clone(), to)))
            .filter(|(from, to)| from != to)
            .collect();
        self.map_priorities(&pairs);
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Approximate bytes held.
    pub fn bytes(&self) -> usize {
        self.outages.capacity() * std::mem::size_of::<Outage>()
            + self.tickets.capacity() * std::mem::size_of::<Ticket>()
            + self.pauses.capacity() * std::mem::size_of::<Pause>()
            + self.texts.bytes()
    }

    /// This batch with every outage's and ticket's service renamed by
    /// `rename` (called once per service): the names a source uses (a status
    /// page's components) mapped to an agreement's service ids. Two services
    /// renamed alike become one. Every other text is kept.
    pub fn rename_services(&self, mut rename: impl FnMut(&str) -> String) -> Batch {
        let mut texts = Texts::default();
        let mut services: HashMap<TextId, TextId> = HashMap::new();
        let mut service = |texts: &mut Texts, id: TextId| {
            if id.is_none() {
                return id;
            }
            *services
                .entry(id)
                .or_insert_with(|| texts.intern(&rename(self.texts.get(id))))
        };
        let interned = |texts: &mut Texts, id: TextId| {
            if id.is_none() {
                id
            } else {
                texts.intern(self.texts.get(id))
            }
        };
        let pushed = |texts: &mut Texts, id: TextId| {
            if id.is_none() {
                id
            } else {
                texts.push(self.texts.get(id))
            }
        };
        let outages = self
            .outages
            .iter()
            .map(|o| Outage {
                service: service(&mut texts, o.service),
                supplier: interned(&mut texts, o.supplier),
                cause: pushed(&mut texts, o.cause),
                ..*o
            })
            .collect();
        let tickets = self
            .tickets
            .iter()
            .map(|t| Ticket {
                id: pushed(&mut texts, t.id),
                service: service(&mut texts, t.service),
                priority: interned(&mut texts, t.priority),
                ..*t
            })
            .collect();
        let pauses = self
            .pauses
            .iter()
            .map(|p| Pause {
                state: interned(&mut texts, p.state),
                ..*p
            })
            .collect();
        Batch {
            source: self.source.clone(),
            kind: self.kind,
            time_zone: self.time_zone.clone(),
            outages,
            tickets,
            texts,
            verdict_by: self.verdict_by.clone(),
            as_of: self.as_of.clone(),
            pauses,
        }
    }

    /// The records in the engine's measurement file format (instants in UTC).
    pub fn to_measurements(&self) -> MeasurementFile {
        MeasurementFile {
            format: "sla-measurements".into(),
            version: 1,
            time_zone: None,
            outages: self.outage_records(0..self.outages.len()),
            tickets: self.ticket_records(0..self.tickets.len()),
            ..MeasurementFile::default()
        }
    }

    /// The outages in `range` as the engine's records (instants in UTC): a
    /// large batch can be turned into records a part at a time. A range
    /// past the end gives the outages up to the end.
    pub fn outage_records(&self, range: Range<usize>) -> Vec<OutageRecord> {
        let text = |id: TextId| self.texts.optional(id).map(str::to_string);
        let range = within(range, self.outages.len());
        self.outages[range]
            .iter()
            .map(|o| OutageRecord {
                service: self.texts.get(o.service).to_string(),
                start: Timestamp::Utc(o.start),
                end: Timestamp::Utc(o.end),
                impact: (u64::from(o.impact_ppb) != PPB_PER_WHOLE)
                    .then(|| level(o.impact_ppb))
                    .flatten(),
                planned: o.planned,
                supplier: text(o.supplier),
                cause: text(o.cause),
            })
            .collect()
    }

    /// The tickets in `range` as the engine's records, each with its
    /// pauses, as [`Batch::outage_records`] gives outages.
    pub fn ticket_records(&self, range: Range<usize>) -> Vec<TicketRecord> {
        let text = |id: TextId| self.texts.optional(id).map(str::to_string);
        let range = within(range, self.tickets.len());
        // The pauses are in ticket order: each ticket takes its run.
        let first = self
            .pauses
            .partition_point(|p| (p.ticket as usize) < range.start);
        let mut pauses = self.pauses[first..].iter().peekable();
        let mut pauses_of = |i: usize| {
            let mut out = Vec::new();
            while let Some(pause) = pauses.next_if(|p| p.ticket as usize <= i) {
                if pause.ticket as usize == i {
                    out.push(Window {
                        start: Timestamp::Utc(pause.start),
                        end: Timestamp::Utc(pause.end),
                        reason: self.texts.get(pause.state).to_ascii_lowercase(),
                    });
                }
            }
            out
        };
        self.tickets[range.clone()]
            .iter()
            .zip(range)
            .map(|(t, i)| TicketRecord {
                id: self.texts.get(t.id).to_string(),
                service: text(t.service),
                priority: self.texts.get(t.priority).to_string(),
                created: Timestamp::Utc(t.created),
                first_response: t.first_response.map(Timestamp::Utc),
                resolved: t.resolved.map(Timestamp::Utc),
                pauses: pauses_of(i),
                reopenings: Vec::new(),
                verdict: t.verdict.map(|met| SourceVerdict {
                    met,
                    by: self.verdict_by.clone().unwrap_or_default(),
                }),
                as_of: self.as_of.get(i).map(|(revision, updated)| AsOf {
                    revision: *revision,
                    updated: updated.map(Timestamp::Utc),
                }),
            })
            .collect()
    }
}

/// `range` cut to the first `len` items (empty when it starts past them).
fn within(range: Range<usize>, len: usize) -> Range<usize> {
    let end = range.end.min(len);
    range.start.min(end)..end
}

/// An impact in ppb as the engine's exact level text (`50`, `33.333333333`).
fn level(ppb: u32) -> Option<Level> {
    let text = Percent::from_ppb(u64::from(ppb))?.to_decimal_string();
    Level::parse(&text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_taken_in_parts_are_the_whole_batchs_records() {
        let mut batch = Batch::new("tickets.csv", Kind::Tickets, "UTC");
        let priority = batch.texts.intern("P1");
        let hold = batch.texts.intern("On Hold");
        let mail = batch.texts.intern("mail");
        for i in 0..7u32 {
            batch.tickets.push(Ticket {
                id: batch.texts.push(&format!("T-{i}")),
                service: TextId::NONE,
                priority,
                created: 1_772_704_800_000_000_000 + i64::from(i),
                first_response: None,
                resolved: None,
                verdict: None,
                line: i + 2,
            });
            batch.outages.push(Outage {
                service: mail,
                start: 1_772_704_800_000_000_000,
                end: 1_772_708_400_000_000_000 + i64::from(i),
                impact_ppb: 500_000_000,
                planned: false,
                supplier: TextId::NONE,
                cause: TextId::NONE,
                line: i + 2,
            });
        }
        // Tickets 1, 3 (twice) and 6 paused.
        for ticket in [1, 3, 3, 6] {
            batch.pauses.push(Pause {
                ticket,
                start: 1_772_704_900_000_000_000,
                end: 1_772_705_000_000_000_000,
                state: hold,
            });
        }
        let whole = batch.to_measurements();
        assert_eq!(whole.tickets[3].pauses.len(), 2);
        let mut tickets = Vec::new();
        let mut outages = Vec::new();
        for from in (0..7).step_by(3) {
            tickets.extend(batch.ticket_records(from..from + 3));
            outages.extend(batch.outage_records(from..from + 3));
        }
        assert_eq!(tickets, whole.tickets);
        assert_eq!(outages, whole.outages);
        assert!(batch.ticket_records(9..12).is_empty());
    }

    #[test]
    fn texts_intern_and_push() {
        let mut texts = Texts::default();
        let a = texts.intern("mail");
        let b = texts.intern("web");
        assert_eq!(texts.intern("mail"), a);
        let c = texts.push("power cut, Zürich");
        assert_eq!(
            (texts.get(a), texts.get(b), texts.get(c)),
            ("mail", "web", "power cut, Zürich")
        );
        assert_eq!(texts.optional(TextId::NONE), None);
    }

    #[test]
    fn renamed_services_keep_every_other_text() {
        let mut batch = Batch::new("status.json", Kind::Outages, "UTC");
        for (service, cause) in [("API", "errors"), ("Web", "slow"), ("API", "again")] {
            let service = batch.texts.intern(service);
            let cause = batch.texts.push(cause);
            batch.outages.push(Outage {
                service,
                start: 0,
                end: 60_000_000_000,
                impact_ppb: 1_000_000_000,
                planned: false,
                supplier: TextId::NONE,
                cause,
                line: 3,
            });
        }
        let mut asked = Vec::new();
        let renamed = batch.rename_services(|name| {
            asked.push(name.to_string());
            if name == "Web" {
                "api".to_string()
            } else {
                name.to_lowercase()
            }
        });
        // Asked once per service; API and Web are one service now.
        assert_eq!(asked, vec!["API", "Web"]);
        let file = renamed.to_measurements();
        let services: Vec<_> = file.outages.iter().map(|o| o.service.as_str()).collect();
        assert_eq!(services, vec!["api", "api", "api"]);
        let causes: Vec<_> = file.outages.iter().map(|o| o.cause.as_deref()).collect();
        assert_eq!(causes, vec![Some("errors"), Some("slow"), Some("again")]);
        assert_eq!(renamed.outages[0].service, renamed.outages[1].service);
        assert_eq!(renamed.outages[2].supplier, TextId::NONE);
        assert_eq!(renamed.source, "status.json");
    }

    #[test]
    fn batch_to_measurements() {
        let mut batch = Batch::new("x.csv", Kind::Outages, "UTC");
        let service = batch.texts.intern("mail");
        batch.outages.push(Outage {
            service,
            start: 1_772_704_800_000_000_000,
            end: 1_772_708_400_000_000_000,
            impact_ppb: 500_000_000,
            planned: false,
            supplier: TextId::NONE,
            cause: TextId::NONE,
            line: 2,
        });
        let file = batch.to_measurements();
        let json = serde_json::to_string(&file.outages).expect("json");
        assert_eq!(
            json,
            r#"[{"service":"mail","start":"2026-03-05T10:00:00Z","end":"2026-03-05T11:00:00Z","impact":"50","planned":false}]"#
        );
    }
}
