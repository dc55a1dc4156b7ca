//! iCalendar: a public-holiday export, an Outlook maintenance series with
//! a VTIMEZONE, a damaged file, and export → import round trips.

use std::path::Path;

use chrono::NaiveDate;
use proptest::prelude::*;
use sla_engine::model::load::compile_calendar;
use sla_engine::model::{CalendarDef, Timestamp, Window};
use sla_interop::ics::{self, IcsEffect, IcsOptions};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn utc(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("timestamp")
}

#[test]
fn a_public_holiday_export_gives_the_days_of_the_year() {
    let text = fixture("holidays-berlin-2026.ics");
    let imported =
        ics::import(&text, &IcsOptions::new(day(2026, 1, 1), day(2027, 12, 31))).expect("readable");
    let dates: Vec<String> = imported
        .holidays
        .iter()
        .map(|h| h.date.format("%m-%d %Y").to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "01-01 2026",
            "03-08 2026",
            "04-03 2026",
            "04-06 2026",
            "05-01 2026",
            "05-14 2026",
            "05-25 2026",
            "10-03 2026",
            "12-24 2026",
            "12-25 2026",
            "12-26 2026",
            "05-01 2027",
            "10-03 2027",
        ]
    );
    assert_eq!(
        imported.holidays[8].name,
        "Heiligabend, 1. und 2. Weihnachtstag"
    );
    assert_eq!(
        imported.name.as_deref(),
        Some("Feiertage in Deutschland (Berlin)")
    );
    assert_eq!(imported.time_zone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(imported.notes.len(), 1);
    assert_eq!(imported.notes[0].to_string(), "line 82, STATUS (event `Silvester (Betriebsruhe)`): event skipped: cancelled (STATUS:CANCELLED)");
    assert!(imported.maintenance.is_empty());
}

#[test]
fn an_outlook_series_with_its_vtimezone_moves_with_daylight_saving() {
    let text = fixture("outlook-maintenance.ics");
    let imported =
        ics::import(&text, &IcsOptions::new(day(2026, 1, 1), day(2026, 12, 31))).expect("readable");
    let windows: Vec<(Timestamp, Timestamp, &str)> = imported
        .maintenance
        .iter()
        .map(|w| (w.start, w.end, w.reason.as_str()))
        .collect();
    let patch = "Patch window – DB cluster";
    let expected = [
        (
            utc("2026-01-13T21:00:00Z"),
            utc("2026-01-14T01:00:00Z"),
            patch,
        ),
        (
            utc("2026-02-10T21:00:00Z"),
            utc("2026-02-11T01:00:00Z"),
            patch,
        ),
        (
            utc("2026-03-10T21:00:00Z"),
            utc("2026-03-11T01:00:00Z"),
            patch,
        ),
        (
            utc("2026-03-21T00:00:00Z"),
            utc("2026-03-22T01:00:00Z"),
            "Core switch firmware",
        ),
        // A nominal day over the spring-forward night: 01:00 CET + P1D + 1h.
        (
            utc("2026-03-28T00:00:00Z"),
            utc("2026-03-29T01:00:00Z"),
            "Core switch firmware",
        ),
        // Moved by its override; 12 May cancelled; 11 August excluded.
        (
            utc("2026-04-16T21:00:00Z"),
            utc("2026-04-17T01:00:00Z"),
            "Patch window – DB cluster (moved)",
        ),
        (
            Timestamp::Local(day(2026, 6, 7).and_hms_opt(4, 0, 0).expect("time")),
            Timestamp::Local(day(2026, 6, 7).and_hms_opt(6, 0, 0).expect("time")),
            "Storage failover test",
        ),
        (
            utc("2026-06-09T20:00:00Z"),
            utc("2026-06-10T00:00:00Z"),
            patch,
        ),
        (
            utc("2026-07-14T20:00:00Z"),
            utc("2026-07-15T00:00:00Z"),
            patch,
        ),
        (
            utc("2026-09-08T20:00:00Z"),
            utc("2026-09-09T00:00:00Z"),
            patch,
        ),
        (
            utc("2026-10-13T20:00:00Z"),
            utc("2026-10-14T00:00:00Z"),
            patch,
        ),
        (
            utc("2026-11-10T21:00:00Z"),
            utc("2026-11-11T01:00:00Z"),
            patch,
        ),
        (
            utc("2026-12-08T21:00:00Z"),
            utc("2026-12-09T01:00:00Z"),
            patch,
        ),
    ];
    assert_eq!(windows, expected);
    let notes: Vec<_> = imported
        .notes
        .iter()
        .map(|n| (n.line, n.property.clone().unwrap_or_default(), n.effect))
        .collect();
    assert_eq!(
        notes,
        [
            (6, "TZID".to_owned(), IcsEffect::Info),
            (74, "RRULE".to_owned(), IcsEffect::EventSkipped),
            (56, "STATUS".to_owned(), IcsEffect::EventSkipped),
        ]
    );
}

#[test]
fn a_damaged_file_is_used_as_far_as_it_goes() {
    let text = fixture("broken.ics");
    let imported =
        ics::import(&text, &IcsOptions::new(day(1950, 1, 1), day(2049, 12, 31))).expect("readable");
    let reasons: Vec<&str> = imported
        .maintenance
        .iter()
        .map(|w| w.reason.as_str())
        .filter(|r| *r != "Nightly backup")
        .collect();
    assert_eq!(reasons, ["Network maintenance", "Storage maintenance"]);
    assert_eq!(
        imported
            .maintenance
            .iter()
            .filter(|w| w.reason == "Nightly backup")
            .count(),
        ics::DEFAULT_LIMIT
    );
    let mut notes: Vec<_> = imported
        .notes
        .iter()
        .map(|n| (n.line, n.effect, n.to_string()))
        .collect();
    notes.sort_by_key(|(line, _, _)| *line);
    let lines: Vec<_> = notes
        .iter()
        .map(|(line, effect, _)| (*line, *effect))
        .collect();
    assert_eq!(
        lines,
        [
            (9, IcsEffect::LineSkipped),
            (11, IcsEffect::EventSkipped),
            (21, IcsEffect::EventSkipped),
            (28, IcsEffect::Limited),
            (30, IcsEffect::EventSkipped),
        ]
    );
    let texts: Vec<_> = notes.into_iter().map(|(_, _, text)| text).collect();
    assert_eq!(
        texts,
        [
            "line 9 (event `Network maintenance`): line skipped: `THIS LINE WAS PASTED BY MISTAKE` is not a content line (NAME:value); the line is skipped",
            "line 11, DTSTART (event `Forgotten start`): event skipped: the event has no DTSTART",
            "line 21, RRULE (event `Heartbeat`): event skipped: FREQ=MINUTELY (repeats within a day) is not supported (supported: FREQ DAILY, WEEKLY, MONTHLY, YEARLY with INTERVAL, COUNT, UNTIL, BYDAY, BYMONTHDAY, BYMONTH, WKST)",
            "line 28, RRULE (event `Nightly backup`): limited: more than 10000 occurrences in the range: only the first 10000 are used",
            "line 30, BEGIN (event `Half written`): event skipped: BEGIN:VEVENT is not ended by END:VEVENT before BEGIN:VEVENT on line 35",
        ]
    );
}

fn office(holidays: Vec<String>, exclusions: Vec<Window>) -> CalendarDef {
    CalendarDef {
        id: "office".into(),
        name: "Office, Berlin".into(),
        time_zone: "Europe/Berlin".into(),
        hours: "Mon-Fri 08:00-18:00".into(),
        holidays,
        exclusions,
    }
}

/// Exports, imports into an empty copy, and compares what the engine makes of both.
fn round_trip(def: &CalendarDef, from: NaiveDate, to: NaiveDate) {
    let text = ics::export(def, 1_767_225_600_000_000_000).expect("exportable");
    assert!(text.split("\r\n").all(|line| line.len() <= 75), "{text}");
    let imported = ics::import(&text, &IcsOptions::new(from, to)).expect("readable");
    assert_eq!(imported.notes, vec![], "{text}");
    let mut back = office(Vec::new(), Vec::new());
    imported.apply_to(&mut back);
    let (a, b) = (
        compile_calendar(def).expect("valid"),
        compile_calendar(&back).expect("valid"),
    );
    let mut holidays = a.holidays.clone();
    holidays.sort();
    holidays.dedup();
    assert_eq!(b.holidays, holidays);
    let mut windows: Vec<_> = a
        .exclusions
        .iter()
        .zip(&def.exclusions)
        .map(|(i, w)| (i.start(), i.end(), w.reason.clone()))
        .collect();
    windows.sort();
    let again: Vec<_> = b
        .exclusions
        .iter()
        .zip(&back.exclusions)
        .map(|(i, w)| (i.start(), i.end(), w.reason.clone()))
        .collect();
    assert_eq!(again, windows);
}

#[test]
fn holidays_and_maintenance_windows_round_trip() {
    let def = office(
        vec!["2026-12-25".into(), "2026-01-01".into(), "2026-12-26".into()],
        vec![
            Window {
                start: utc("2026-03-01T01:00:00Z"),
                end: utc("2026-03-01T05:30:00Z"),
                reason: "Core switch; firmware 9.3, then reboot\nof both members of the stack (change CHG-20260301-0042)".into(),
            },
            Window {
                start: Timestamp::parse("2026-10-25T02:30").expect("local"),
                end: Timestamp::parse("2026-10-25T04:00").expect("local"),
                reason: String::new(),
            },
        ],
    );
    round_trip(&def, day(2026, 1, 1), day(2026, 12, 31));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_calendar_round_trips(
        holidays in proptest::collection::vec(0u64..730, 0..20),
        windows in proptest::collection::vec((0i64..(730 * 86_400), 60i64..(3 * 86_400), "[ -~]{0,90}"), 0..10),
    ) {
        let base = day(2026, 1, 1);
        let holidays = holidays.iter().map(|d| base.checked_add_days(chrono::Days::new(*d)).expect("date").format("%Y-%m-%d").to_string()).collect();
        let start = 1_767_225_600i64;
        let windows = windows.into_iter().map(|(offset, length, reason)| Window {
            start: Timestamp::Utc((start + offset) * 1_000_000_000),
            end: Timestamp::Utc((start + offset + length) * 1_000_000_000),
            reason: reason.trim().to_owned(),
        }).collect();
        round_trip(&office(holidays, windows), base, day(2028, 1, 10));
    }
}
