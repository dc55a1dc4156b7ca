//! A ServiceNow `sys_audit` export (a row per changed field) as one ticket
//! per record: `tests/fixtures/import/servicenow-sys-audit.csv`, worked out
//! by hand (times UTC):
//! - INC0020001: opened_at 2026-03-02 08:55, priority 2, on hold 09:30 to
//!   11:00, resolved_at 12:00 (closed on the 5th), service `mail-01`;
//! - INC0020002: first change 2026-03-03 10:00 (no opened_at audited),
//!   priority 3 then 1, resolved (state 6) at 14:00 but reopened on the 4th:
//!   open;
//! - the record of line 18 never has a priority: listed; line 19's change
//!   time `yesterday` cannot be read: listed.

use sla_engine::model::{Timestamp, Window};
use sla_import::audit::{self, AuditOptions};
use sla_import::dialect;
use sla_import::zone::Zone;

const FILE: &[u8] = include_bytes!("../../../tests/fixtures/import/servicenow-sys-audit.csv");
const MINUTE: i64 = 60_000_000_000;
/// 2026-03-02 00:00 UTC.
const MARCH_2: i64 = 1_772_409_600_000_000_000;

fn at(day: i64, hour: i64, minute: i64) -> Timestamp {
    Timestamp::Utc(MARCH_2 + ((day - 2) * 24 * 60 + hour * 60 + minute) * MINUTE)
}

#[test]
fn an_audit_becomes_one_ticket_per_record() {
    let dialect = dialect::detect(FILE, true).expect("a CSV file");
    let zone = Zone::named("UTC").expect("UTC");
    let result =
        audit::import(FILE, &dialect, &zone, AuditOptions { pauses: true }).expect("an audit");
    assert_eq!((result.rows, result.records), (18, 3));
    assert_eq!(
        (result.file.format.as_str(), result.file.version),
        ("sla-measurements", 1)
    );
    let tickets = &result.file.tickets;
    assert_eq!(tickets.len(), 2);
    let first = &tickets[0];
    assert_eq!(
        (
            first.id.as_str(),
            first.priority.as_str(),
            first.service.as_deref()
        ),
        ("INC0020001", "2", Some("mail-01"))
    );
    assert_eq!(first.created, at(2, 8, 55));
    assert_eq!(first.resolved, Some(at(2, 12, 0)));
    assert_eq!(
        first.pauses,
        [Window {
            start: at(2, 9, 30),
            end: at(2, 11, 0),
            reason: "on hold".into(),
        }]
    );
    let second = &tickets[1];
    assert_eq!(
        (second.id.as_str(), second.priority.as_str()),
        ("INC0020002", "1")
    );
    assert_eq!(second.created, at(3, 10, 0));
    assert_eq!(second.resolved, None, "reopened after its resolution");
    let listed: Vec<(u64, &str)> = result
        .listed
        .iter()
        .map(|e| (e.line, e.category.as_str()))
        .collect();
    assert_eq!(
        listed,
        [
            (18, "record not made a ticket"),
            (19, "change time not readable")
        ]
    );
    assert!(result.listed[0]
        .reason
        .contains("no change sets its priority"));
    // Without the option, no pauses.
    let plain = audit::import(FILE, &dialect, &zone, AuditOptions::default()).expect("an audit");
    assert!(plain.file.tickets[0].pauses.is_empty());
}

#[test]
fn a_file_without_the_audit_columns_is_not_an_audit() {
    let csv = b"number,priority,opened_at\nINC1,P1,2026-03-02 10:00\n";
    let dialect = dialect::detect(csv, true).expect("a CSV file");
    let zone = Zone::named("UTC").expect("UTC");
    let error =
        audit::import(csv, &dialect, &zone, AuditOptions::default()).expect_err("not an audit");
    assert!(error.contains("documentkey"), "{error}");
    assert!(audit::detect(&[
        "Document key",
        "Table name",
        "Field name",
        "Old value",
        "New value",
        "Created"
    ])
    .is_some());
}

#[test]
fn an_audit_is_recognised_by_its_first_bytes_and_becomes_an_import_outcome() {
    assert!(audit::recognise(
        b"number,priority,opened_at\nINC1,P1,2026-03-02 10:00\n",
        true
    )
    .is_none());
    let dialect = audit::recognise(&FILE[..200], false).expect("recognised from a cut sample");
    let zone = Zone::named("UTC").expect("UTC");
    let result =
        audit::import(FILE, &dialect, &zone, AuditOptions { pauses: true }).expect("an audit");
    let outcome = result.into_outcome("sys_audit.csv", &zone);
    let batch = &outcome.batch;
    assert_eq!(batch.tickets.len(), 2);
    let first = &batch.tickets[0];
    assert_eq!(
        (batch.texts.get(first.id), batch.texts.get(first.priority)),
        ("INC0020001", "2")
    );
    assert_eq!(Timestamp::Utc(first.created), at(2, 8, 55));
    assert_eq!(first.resolved.map(Timestamp::Utc), Some(at(2, 12, 0)));
    assert_eq!(batch.tickets[1].resolved, None);
    // Each ticket's line is its record's first change.
    assert_eq!((first.line, batch.tickets[1].line), (2, 12));
    // The pause of INC0020001 (ticket 0), 09:30 to 11:00, survives the trip.
    let pauses: Vec<(u32, Timestamp, Timestamp, &str)> = batch
        .pauses
        .iter()
        .map(|p| {
            (
                p.ticket,
                Timestamp::Utc(p.start),
                Timestamp::Utc(p.end),
                batch.texts.get(p.state),
            )
        })
        .collect();
    assert_eq!(pauses, [(0, at(2, 9, 30), at(2, 11, 0), "on hold")]);
    let file = batch.to_measurements();
    assert_eq!(file.tickets[0].pauses.len(), 1);
    // 18 change rows: the 16 of the two records made tickets are used; the
    // record without a priority (1 row) and the unreadable time are not.
    let s = &outcome.summary;
    assert_eq!((s.rows, s.used, s.skipped), (18, 16, 2));
    assert_eq!(
        s.history.as_ref().map(|h| (h.rows, h.tickets)),
        Some((18, 2))
    );
    assert_eq!(outcome.errors.len(), 2);
}
