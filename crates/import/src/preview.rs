//! What a file holds, shown before its records are added: the span of its
//! times, its rows per state and tickets per priority, open against
//! resolved, the ids found on several rows and the empty markers met.
//!
//! A preview is made from an import's [`Outcome`]: of the file's first bytes
//! while the user checks how it is read (instant, [`Preview::whole`] false
//! unless the file is that short), or of the whole file when the user asks.
//!
//! # Example
//!
//! ```
//! use sla_import::import::import_bytes;
//! use sla_import::mapping::{prepare, Overrides};
//! use sla_import::preview::Preview;
//! use sla_import::zone::Zone;
//!
//! let csv = b"number,priority,state,opened_at,resolved_at\n\
//!             INC1,1 - Critical,Closed,2026-03-02 09:00,2026-03-02 11:00\n\
//!             INC2,3 - Moderate,In Progress,2026-03-03 10:00,\n";
//! let (proposal, _) = prepare(csv, true, "UTC", &Overrides::default()).map_err(|e| e.to_string())?;
//! let outcome = import_bytes(csv, proposal.settings, Zone::utc(), "incidents.csv")
//!     .map_err(|problems| problems.join(" "))?;
//! let preview = Preview::new(&outcome, true);
//! assert_eq!((preview.open, preview.resolved), (1, 1));
//! assert_eq!(preview.states, [("Closed".to_string(), 1), ("In Progress".to_string(), 1)]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::import::{import_bytes, Outcome, Summary};
use crate::mapping::Settings;
use crate::zone::Zone;

/// What an import read, for the user to check before keeping it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Preview {
    /// Data rows read (the header not counted).
    pub rows: u64,
    /// Rows that cannot be used (each listed by the import with its reason).
    pub skipped: u64,
    /// The whole file was read, not only its first rows.
    pub whole: bool,
    /// The earliest and the latest instant in the records kept (outage
    /// starts and ends; tickets' creation, first response and resolution).
    pub span: Option<(i64, i64)>,
    pub outages: u64,
    /// Planned outages, among [`Preview::outages`].
    pub planned: u64,
    /// Tickets kept (one per id for a history).
    pub tickets: u64,
    /// Tickets without a resolution time.
    pub open: u64,
    pub resolved: u64,
    /// Ticket rows per value of the state column, most frequent first.
    pub states: Vec<(String, u64)>,
    /// Tickets kept per priority, as the file writes it, most first (then
    /// by name).
    pub priorities: Vec<(String, u64)>,
}

impl Preview {
    /// The preview of what an import read; `whole` when it read the file to
    /// its end. The ids on several rows and the empty markers are in the
    /// outcome's [`Summary`](crate::import::Summary).
    pub fn new(outcome: &Outcome, whole: bool) -> Preview {
        let batch = &outcome.batch;
        let mut span: Option<(i64, i64)> = None;
        let mut see = |t: i64| {
            span = Some(span.map_or((t, t), |(a, b)| (a.min(t), b.max(t))));
        };
        for outage in &batch.outages {
            see(outage.start);
            see(outage.end);
        }
        let mut open = 0;
        for ticket in &batch.tickets {
            see(ticket.created);
            if let Some(t) = ticket.first_response {
                see(t);
            }
            match ticket.resolved {
                Some(t) => see(t),
                None => open += 1,
            }
        }
        let mut priorities: Vec<(String, u64)> = batch
            .priorities()
            .into_iter()
            .map(|(p, n)| (p, n as u64))
            .collect();
        crate::import::most_first(&mut priorities);
        let tickets = batch.tickets.len() as u64;
        Preview {
            rows: outcome.summary.rows,
            skipped: outcome.summary.skipped,
            whole: whole && outcome.summary.stop.is_none(),
            span,
            outages: batch.outages.len() as u64,
            planned: batch.outages.iter().filter(|o| o.planned).count() as u64,
            tickets,
            open,
            resolved: tickets - open,
            states: outcome.summary.states.clone(),
            priorities,
        }
    }
}

/// The preview of a file's first bytes, the whole file when `complete`:
/// the rows up to the sample's last line break (a row the sample cuts is
/// left for the import). With the import's summary (history, ids on
/// several rows, empty markers met).
///
/// # Errors
/// The settings cannot be used (the import says why).
pub fn of_sample(
    sample: &[u8],
    complete: bool,
    settings: Settings,
    zone: Zone,
    source: &str,
) -> Result<(Preview, Summary), Vec<String>> {
    let rows = if complete {
        sample
    } else {
        let end = sample
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        &sample[..end]
    };
    let outcome = import_bytes(rows, settings, zone, source)?;
    Ok((Preview::new(&outcome, complete), outcome.summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mapping::{prepare, Overrides};

    fn preview(csv: &str) -> Preview {
        let (proposal, _) =
            prepare(csv.as_bytes(), true, "UTC", &Overrides::default()).expect("readable");
        let outcome =
            import_bytes(csv.as_bytes(), proposal.settings, Zone::utc(), "t.csv").expect("imports");
        Preview::new(&outcome, true)
    }

    #[test]
    fn a_history_is_previewed_by_its_latest_rows_and_every_state_row_counted() {
        // INC1: three updates, the last one Closed without a resolution
        // time (resolved at its close time); INC2 open; INC3 resolved.
        let p = preview(
            "number,incident_state,active,sys_mod_count,sys_updated_at,priority,opened_at,resolved_at,closed_at\n\
             INC1,New,true,0,2026-03-02 09:00,1 - Critical,2026-03-02 09:00,?,?\n\
             INC1,Active,true,1,2026-03-02 09:30,1 - Critical,2026-03-02 09:00,?,?\n\
             INC1,Closed,false,2,2026-03-05 12:00,1 - Critical,2026-03-02 09:00,?,2026-03-05 12:00\n\
             INC2,New,true,0,2026-03-04 08:00,3 - Moderate,2026-03-04 08:00,?,?\n\
             INC3,Resolved,true,4,2026-03-04 10:00,1 - Critical,2026-03-03 08:00,2026-03-04 10:00,?\n",
        );
        assert_eq!(p.rows, 5);
        assert_eq!(p.tickets, 3);
        assert_eq!((p.open, p.resolved), (1, 2));
        assert_eq!(
            p.states,
            [
                ("New".to_string(), 2),
                ("Active".to_string(), 1),
                ("Closed".to_string(), 1),
                ("Resolved".to_string(), 1)
            ]
        );
        assert_eq!(
            p.priorities,
            [
                ("1 - Critical".to_string(), 2),
                ("3 - Moderate".to_string(), 1)
            ]
        );
        // 2026-03-02T09:00Z … 2026-03-05T12:00Z (the close time).
        assert_eq!(
            p.span,
            Some((1_772_442_000_000_000_000, 1_772_712_000_000_000_000))
        );
        assert!(p.whole);
    }

    #[test]
    fn a_sample_is_read_to_its_last_line_break_and_says_it_is_not_the_whole_file() {
        let csv = "number,priority,opened_at,resolved_at\n\
                   INC1,P1,2026-03-02 09:00,2026-03-02 10:00\n\
                   INC2,P2,2026-03-02 11:00,2026-03-0";
        let (proposal, _) =
            prepare(csv.as_bytes(), false, "UTC", &Overrides::default()).expect("readable");
        let (preview, summary) = of_sample(
            csv.as_bytes(),
            false,
            proposal.settings,
            Zone::utc(),
            "t.csv",
        )
        .expect("reads");
        assert_eq!((preview.rows, preview.tickets, summary.skipped), (1, 1, 0));
        assert!(!preview.whole);
    }

    #[test]
    fn priorities_map_to_the_agreements_by_rank_or_choice() {
        let csv = "number,priority,opened_at\n\
                   INC1,1 - Critical,2026-03-02 09:00\n\
                   INC2,Sev 2,2026-03-02 11:00\n\
                   INC3,whenever,2026-03-02 12:00\n";
        let (proposal, _) =
            prepare(csv.as_bytes(), true, "UTC", &Overrides::default()).expect("readable");
        let mut outcome =
            import_bytes(csv.as_bytes(), proposal.settings, Zone::utc(), "t.csv").expect("imports");
        let wanted = ["P1".to_string(), "P2".to_string(), "P3".to_string()];
        let chosen = [("whenever".to_string(), "P3".to_string())];
        let mapping = outcome.batch.map_priorities_to(&wanted, &chosen);
        let to: Vec<Option<&str>> = mapping.iter().map(|m| m.to.as_deref()).collect();
        assert_eq!(to, [Some("P1"), Some("P2"), Some("P3")]);
        let priorities: Vec<String> = outcome
            .batch
            .priorities()
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(priorities, ["P1", "P2", "P3"]);
    }

    #[test]
    fn outages_give_their_span_and_planned_count() {
        let p = preview(
            "service,start,end,planned\n\
             mail,2026-03-01 10:00,2026-03-01 11:00,no\n\
             web,2026-02-27 23:00,2026-02-28 01:00,yes\n",
        );
        assert_eq!((p.outages, p.planned, p.tickets), (2, 1, 0));
        // 2026-02-27T23:00Z … 2026-03-01T11:00Z.
        assert_eq!(
            p.span,
            Some((1_772_233_200_000_000_000, 1_772_362_800_000_000_000))
        );
        assert!(p.states.is_empty());
    }
}
