use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn year_2026() -> IcsOptions {
    IcsOptions::new(day(2026, 1, 1), day(2026, 12, 31))
}

fn calendar(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
}

fn utc(text: &str) -> Timestamp {
    Timestamp::parse(text).expect("timestamp")
}

#[test]
fn all_day_events_become_holidays_one_per_day() {
    let file = calendar("BEGIN:VEVENT\r\nSUMMARY:Christmas\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nEND:VEVENT\r\n");
    let imported = import(&file, &year_2026()).expect("readable");
    let dates: Vec<_> = imported.holidays.iter().map(|h| h.date).collect();
    assert_eq!(
        dates,
        [day(2026, 12, 24), day(2026, 12, 25), day(2026, 12, 26)]
    );
    assert_eq!(imported.holidays[0].name, "Christmas");
    assert_eq!(imported.notes, vec![]);
}

#[test]
fn an_all_day_event_reaching_into_the_range_counts_its_days_in_it() {
    let file = calendar("BEGIN:VEVENT\r\nSUMMARY:Shutdown\r\nDTSTART;VALUE=DATE:20251230\r\nDTEND;VALUE=DATE:20260103\r\nEND:VEVENT\r\n");
    let imported = import(&file, &year_2026()).expect("readable");
    let dates: Vec<_> = imported.holidays.iter().map(|h| h.date).collect();
    assert_eq!(dates, [day(2026, 1, 1), day(2026, 1, 2)]);
}

#[test]
fn utc_zoned_and_floating_times_become_our_timestamps() {
    let file = calendar(concat!(
        "BEGIN:VEVENT\r\nSUMMARY:UTC\r\nDTSTART:20260301T010000Z\r\nDTEND:20260301T030000Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:Berlin\r\nDTSTART;TZID=Europe/Berlin:20260701T020000\r\nDURATION:PT2H\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:Floating\r\nDTSTART:20260801T020000\r\nDTEND:20260801T040000\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:Mozilla style\r\nDTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260901T020000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n",
    ));
    let imported = import(&file, &year_2026()).expect("readable");
    assert_eq!(imported.notes, vec![]);
    let windows: Vec<_> = imported
        .maintenance
        .iter()
        .map(|w| (w.reason.as_str(), w.start, w.end))
        .collect();
    assert_eq!(
        windows,
        [
            (
                "UTC",
                utc("2026-03-01T01:00:00Z"),
                utc("2026-03-01T03:00:00Z")
            ),
            (
                "Berlin",
                utc("2026-07-01T00:00:00Z"),
                utc("2026-07-01T02:00:00Z")
            ),
            (
                "Floating",
                utc("2026-08-01T02:00:00Z").clone_local(),
                utc("2026-08-01T04:00:00Z").clone_local()
            ),
            (
                "Mozilla style",
                utc("2026-09-01T06:00:00Z"),
                utc("2026-09-01T07:00:00Z")
            ),
        ]
    );
}

trait Local {
    fn clone_local(&self) -> Timestamp;
}

impl Local for Timestamp {
    /// The same wall time without a zone (a floating time).
    fn clone_local(&self) -> Timestamp {
        match self {
            Timestamp::Utc(n) => {
                Timestamp::Local(chrono::DateTime::from_timestamp_nanos(*n).naive_utc())
            }
            other => *other,
        }
    }
}

#[test]
fn a_nominal_day_across_the_dst_change_is_23_hours() {
    // P1D from Saturday 12:00 to Sunday 12:00 in Berlin on 2026-03-28/29: 23 real hours.
    let file = calendar("BEGIN:VEVENT\r\nSUMMARY:Freeze\r\nDTSTART;TZID=Europe/Berlin:20260328T120000\r\nDURATION:P1D\r\nEND:VEVENT\r\n");
    let imported = import(&file, &year_2026()).expect("readable");
    let w = &imported.maintenance[0];
    assert_eq!(
        (w.start, w.end),
        (utc("2026-03-28T11:00:00Z"), utc("2026-03-29T10:00:00Z"))
    );
}

#[test]
fn exdate_rdate_and_overrides_shape_a_series() {
    let file = calendar(concat!(
        "BEGIN:VEVENT\r\nUID:s1\r\nSUMMARY:Weekly\r\nDTSTART:20260105T220000Z\r\nDTEND:20260105T230000Z\r\n",
        "RRULE:FREQ=WEEKLY;COUNT=5\r\nEXDATE:20260112T220000Z,20260119T220000Z\r\nRDATE:20260110T220000Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID:20260126T220000Z\r\nSUMMARY:Weekly (moved)\r\nDTSTART:20260127T210000Z\r\nDTEND:20260127T220000Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID:20260202T220000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:Weekly\r\nDTSTART:20260202T220000Z\r\nDTEND:20260202T230000Z\r\nEND:VEVENT\r\n",
    ));
    let imported = import(&file, &year_2026()).expect("readable");
    let starts: Vec<_> = imported.maintenance.iter().map(|w| w.start).collect();
    assert_eq!(
        starts,
        [
            utc("2026-01-05T22:00:00Z"),
            utc("2026-01-10T22:00:00Z"),
            utc("2026-01-27T21:00:00Z")
        ]
    );
    assert_eq!(imported.notes.len(), 1, "{:?}", imported.notes);
    assert_eq!(
        imported.notes[0].to_string(),
        "line 22, STATUS (event `Weekly`): event skipped: cancelled (STATUS:CANCELLED)"
    );
}

#[test]
fn an_unsupported_rule_skips_its_event_and_says_why() {
    let file = calendar(concat!(
        "BEGIN:VEVENT\r\nSUMMARY:Last workday\r\nDTSTART:20260130T180000Z\r\nDTEND:20260130T200000Z\r\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:Kept\r\nDTSTART:20260201T180000Z\r\nDTEND:20260201T200000Z\r\nEND:VEVENT\r\n",
    ));
    let imported = import(&file, &year_2026()).expect("readable");
    assert_eq!(imported.maintenance.len(), 1);
    assert!(
        imported.notes[0].to_string().starts_with(
            "line 7, RRULE (event `Last workday`): event skipped: BYSETPOS is not supported"
        ),
        "{}",
        imported.notes[0]
    );
}

#[test]
fn an_event_without_dtstart_or_end_is_skipped_with_its_line() {
    let file = calendar(concat!(
        "BEGIN:VEVENT\r\nSUMMARY:No start\r\nDTEND:20260101T010000Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:No end\r\nDTSTART:20260101T010000Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:Backwards\r\nDTSTART:20260101T010000Z\r\nDTEND:20260101T000000Z\r\nEND:VEVENT\r\n",
        "BEGIN:VEVENT\r\nSUMMARY:Bad date\r\nDTSTART:2026-01-01\r\nDTEND:20260101T000000Z\r\nEND:VEVENT\r\n",
    ));
    let imported = import(&file, &year_2026()).expect("readable");
    let notes: Vec<_> = imported
        .notes
        .iter()
        .map(|n| (n.line, n.property.as_deref().unwrap_or(""), n.effect))
        .collect();
    assert_eq!(
        notes,
        [
            (3, "DTSTART", IcsEffect::EventSkipped),
            (9, "DTEND", IcsEffect::EventSkipped),
            (14, "DTEND", IcsEffect::EventSkipped),
            (18, "DTSTART", IcsEffect::EventSkipped),
        ]
    );
}

#[test]
fn a_tzid_nobody_knows_is_read_as_floating_with_a_note() {
    let file = calendar("BEGIN:VEVENT\r\nSUMMARY:Mystery\r\nDTSTART;TZID=Atlantis Standard Time:20260301T010000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n");
    let imported = import(&file, &year_2026()).expect("readable");
    assert!(matches!(imported.maintenance[0].start, Timestamp::Local(_)));
    assert_eq!(imported.notes[0].effect, IcsEffect::PartIgnored);
    assert!(imported.notes[0].message.contains("Atlantis Standard Time"));
}

#[test]
fn files_that_are_not_calendars_and_bad_ranges_are_errors() {
    assert_eq!(
        import("Subject,Start Date\nMaintenance,2026-01-01\n", &year_2026()),
        Err(IcsError::NotICalendar)
    );
    let backwards = IcsOptions::new(day(2026, 2, 1), day(2026, 1, 1));
    assert!(matches!(
        import(&calendar(""), &backwards),
        Err(IcsError::Range { .. })
    ));
    let too_long = IcsOptions::new(day(1900, 1, 1), day(2100, 1, 1));
    assert!(matches!(
        import(&calendar(""), &too_long),
        Err(IcsError::Range { .. })
    ));
}

#[test]
fn durations_parse() {
    assert_eq!(parse_duration("PT4H"), Some((0, TimeDelta::hours(4))));
    assert_eq!(
        parse_duration("P1DT2H30M"),
        Some((1, TimeDelta::minutes(150)))
    );
    assert_eq!(parse_duration("P2W"), Some((14, TimeDelta::zero())));
    assert_eq!(parse_duration("-PT1H"), None);
    assert_eq!(parse_duration("P"), None);
    assert_eq!(parse_duration("PT1H30"), None);
}

#[test]
fn apply_to_adds_without_duplicates() {
    let file = calendar("BEGIN:VEVENT\r\nSUMMARY:A\r\nDTSTART;VALUE=DATE:20260501\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:W\r\nDTSTART:20260301T010000Z\r\nDTEND:20260301T030000Z\r\nEND:VEVENT\r\n");
    let imported = import(&file, &year_2026()).expect("readable");
    let mut def = CalendarDef {
        id: "office".into(),
        name: String::new(),
        time_zone: "Europe/Berlin".into(),
        hours: "24x7".into(),
        holidays: vec!["2026-12-25".into(), "2026-05-01".into()],
        exclusions: Vec::new(),
    };
    imported.apply_to(&mut def);
    imported.apply_to(&mut def);
    assert_eq!(def.holidays, ["2026-05-01", "2026-12-25"]);
    assert_eq!(def.exclusions.len(), 1);
}

#[test]
fn a_local_window_read_back_in_utc_is_not_added_twice() {
    // The export writes the calendar's local window 06:00–12:00 in Berlin
    // (CET, +01:00) as 05:00Z–11:00Z.
    let file = calendar("BEGIN:VEVENT\r\nSUMMARY:Migration\r\nDTSTART:20260314T050000Z\r\nDTEND:20260314T110000Z\r\nEND:VEVENT\r\n");
    let imported = import(&file, &year_2026()).expect("readable");
    let local = Window {
        start: utc("2026-03-14T06:00"),
        end: utc("2026-03-14T12:00"),
        reason: "Migration".into(),
    };
    let mut def = CalendarDef {
        id: "business".into(),
        name: String::new(),
        time_zone: "Europe/Berlin".into(),
        hours: "Mon-Fri 08:00-18:00".into(),
        holidays: Vec::new(),
        exclusions: vec![local.clone()],
    };
    imported.apply_to(&mut def);
    assert_eq!(def.exclusions, [local]);
    // In another zone the same local time is another instant: added.
    def.time_zone = "Europe/London".into();
    imported.apply_to(&mut def);
    assert_eq!(def.exclusions.len(), 2);
}
