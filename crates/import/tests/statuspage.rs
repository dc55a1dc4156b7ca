//! Statuspage incident histories (`sla_import::statuspage`): the fixtures in
//! `tests/fixtures/statuspage/` follow the shape of Statuspage's public
//! status API (`/api/v2/incidents.json`, `/api/v2/scheduled-maintenances.json`).
//! Every expected instant is worked out by hand below from 1 March 2026.

use sla_engine::model::load;
use sla_engine::Percent;
use sla_import::dataset::Outage;
use sla_import::import::errors_csv;
use sla_import::statuspage::{import, History, Impact, Reason, StatusError, Weights};

const SECOND: i64 = 1_000_000_000;
/// 2026-03-01T00:00:00Z: 2026-01-01 is 1,767,225,600 s, plus January's 31
/// and February's 28 days (59 × 86,400 s = 5,097,600 s).
const MARCH_1: i64 = 1_772_323_200;

/// An instant of March 2026 in UTC, in Unix nanoseconds.
fn march(day: i64, hour: i64, minute: i64, second: i64) -> i64 {
    (MARCH_1 + (day - 1) * 86_400 + hour * 3_600 + minute * 60 + second) * SECOND
}

const HUNDRED: u32 = 1_000_000_000;
const HALF: u32 = 500_000_000;

const INCIDENTS: &[u8] = include_bytes!("fixtures/statuspage/incidents.json");
const MAINTENANCES: &[u8] = include_bytes!("fixtures/statuspage/scheduled-maintenances.json");
const BARE_LIST: &[u8] = include_bytes!("fixtures/statuspage/bare-list.json");

/// An outage as (service, start, end, impact in ppb, planned, line, cause).
type Row = (String, i64, i64, u32, bool, u32, String);

fn rows(history: &History) -> Vec<Row> {
    let texts = &history.batch.texts;
    history
        .batch
        .outages
        .iter()
        .map(|o: &Outage| {
            (
                texts.get(o.service).to_string(),
                o.start,
                o.end,
                o.impact_ppb,
                o.planned,
                o.line,
                texts.get(o.cause).to_string(),
            )
        })
        .collect()
}

fn row(
    service: &str,
    start: i64,
    end: i64,
    impact: u32,
    planned: bool,
    line: u32,
    cause: &str,
) -> Row {
    (
        service.into(),
        start,
        end,
        impact,
        planned,
        line,
        cause.into(),
    )
}

fn read(bytes: &[u8]) -> History {
    import(bytes, "status.json", &Weights::default()).expect("a Statuspage history")
}

#[test]
fn one_outage_per_incident_and_component_weighted_by_impact() {
    let history = read(INCIDENTS);
    assert_eq!(history.page.as_deref(), Some("Acme Cloud"));
    assert_eq!((history.incidents, history.used), (8, 4));
    // 2 March 14:00 -05:00 (started_at; created_at 14:05:11.123 is not used)
    // is 19:00 UTC; resolved 15:30:00.500 -05:00 is 20:30:00.5 UTC.
    let api_start = march(2, 19, 0, 0);
    assert_eq!(api_start, 1_772_478_000 * SECOND);
    let api_end = march(2, 20, 30, 0) + 500_000_000;
    assert_eq!(api_end, 1_772_483_400_500_000_000);
    assert_eq!(
        rows(&history),
        vec![
            // critical: 100 %, one outage per component.
            row(
                "API",
                api_start,
                api_end,
                HUNDRED,
                false,
                10,
                "Elevated API error rates"
            ),
            row(
                "Dashboard",
                api_start,
                api_end,
                HUNDRED,
                false,
                10,
                "Elevated API error rates"
            ),
            // minor: 50 %; no started_at, so from created_at.
            row(
                "Dashboard",
                march(5, 8, 0, 0),
                march(5, 9, 15, 0),
                HALF,
                false,
                73,
                "Slow dashboard loading",
            ),
            // major, no component: the whole page. started_at null:
            // created_at 10:20:30 +01:00 = 09:20:30 UTC.
            row(
                "Acme Cloud",
                march(6, 9, 20, 30),
                march(6, 10, 0, 0),
                HUNDRED,
                false,
                89,
                "Sign-in unavailable",
            ),
            // impact none: kept, weighing 0.
            row(
                "API",
                march(7, 12, 0, 0),
                march(7, 12, 0, 5),
                0,
                false,
                121,
                "New region available in Frankfurt",
            ),
        ]
    );
    assert_eq!(history.weightless(), 1);
    assert_eq!(history.planned(), 0);
    assert!(history.notes.is_empty());
}

#[test]
fn incidents_that_give_no_outage_are_listed_with_their_path_and_reason() {
    let history = read(INCIDENTS);
    let listed: Vec<String> = history.listed.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        vec![
            "line 104, incidents[3] (Webhook deliveries delayed): not resolved: \
             `incidents[3].resolved_at` is null (status `monitoring`); an incident that has \
             not ended cannot be counted yet",
            "line 138, incidents[5] (Search results incomplete): `incidents[5].resolved_at`: \
             `2026-03-07 25:00` is not a timestamp with an offset, such as 2026-03-02T14:05:11Z \
             or 2026-03-02T14:05:11.123-05:00",
            "line 155, incidents[6] (Billing exports failing): `incidents[6].impact`: `severe` \
             is not an impact Statuspage writes (none, minor, major, critical, maintenance)",
            "line 172, incidents[7] (Mail notifications delayed): `incidents[7].resolved_at` \
             `2026-03-08T09:00:00Z` is before `incidents[7].started_at` `2026-03-08T10:00:00Z`",
        ]
    );
    assert_eq!(history.listed[0].id.as_deref(), Some("inc0webhooks"));
    assert_eq!(
        history.listed[1].reason,
        Reason::BadTimestamp {
            path: "incidents[5].resolved_at".into(),
            value: "2026-03-07 25:00".into(),
        }
    );
    let summary = history.summary();
    assert_eq!((summary.rows, summary.used, summary.skipped), (8, 4, 4));
    assert_eq!(
        summary.reasons,
        vec![
            ("end before start".to_string(), 1),
            ("not resolved".to_string(), 1),
            ("unknown impact".to_string(), 1),
            ("unreadable timestamp".to_string(), 1),
        ]
    );
    let csv = errors_csv(&history.row_errors());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "line,record,column,value,reason");
    assert!(
        lines[2].starts_with("138,6,incidents[5].resolved_at,2026-03-07 25:00,"),
        "{}",
        lines[2]
    );
}

#[test]
fn the_weights_can_be_changed() {
    let weights = Weights::parse("minor=25,none=10").expect("weights");
    assert_eq!(
        weights,
        Weights::from_changes([
            (Impact::Minor, Percent::parse("25").expect("25")),
            (Impact::None, Percent::parse("10").expect("10")),
        ])
    );
    let history = import(INCIDENTS, "status.json", &weights).expect("history");
    let impacts: Vec<u32> = history.batch.outages.iter().map(|o| o.impact_ppb).collect();
    assert_eq!(
        impacts,
        vec![HUNDRED, HUNDRED, 250_000_000, HUNDRED, 100_000_000]
    );
    assert_eq!(history.weightless(), 0);
}

#[test]
fn a_maintenance_is_planned_over_its_window_and_unplanned_after_it() {
    let history = read(MAINTENANCES);
    assert_eq!((history.incidents, history.used), (4, 3));
    assert_eq!(
        rows(&history),
        vec![
            // impact maintenance: planned 02:00–04:00 at 100 %, then the
            // 45 minutes past scheduled_until unplanned at 100 %.
            row(
                "Database",
                march(10, 2, 0, 0),
                march(10, 4, 0, 0),
                HUNDRED,
                true,
                10,
                "Database engine upgrade",
            ),
            row(
                "Database",
                march(10, 4, 0, 0),
                march(10, 4, 45, 0),
                HUNDRED,
                false,
                10,
                "Database engine upgrade",
            ),
            // impact minor, no component: the page, both parts at 50 %.
            // 01:00–02:00 -04:00 is 05:00–06:00 UTC, resolved 06:30 UTC.
            row(
                "Acme Cloud",
                march(12, 5, 0, 0),
                march(12, 6, 0, 0),
                HALF,
                true,
                37,
                "Network switch replacement",
            ),
            row(
                "Acme Cloud",
                march(12, 6, 0, 0),
                march(12, 6, 30, 0),
                HALF,
                false,
                37,
                "Network switch replacement",
            ),
            // Completed early (04:10): still the announced window.
            row(
                "API",
                march(14, 3, 0, 0),
                march(14, 5, 0, 0),
                HUNDRED,
                true,
                54,
                "Certificate rotation",
            ),
            row(
                "Dashboard",
                march(14, 3, 0, 0),
                march(14, 5, 0, 0),
                HUNDRED,
                true,
                54,
                "Certificate rotation",
            ),
        ]
    );
    assert_eq!(history.planned(), 4);
    let notes: Vec<String> = history.notes.iter().map(ToString::to_string).collect();
    assert_eq!(
        notes,
        vec![
            "line 10, scheduled_maintenances[0] (Database engine upgrade): the maintenance ran \
             45m past its window: planned until `scheduled_until` 2026-03-10T04:00:00.000Z, \
             then an unplanned outage at 100 % until `resolved_at` 2026-03-10T04:45:00.000Z",
            "line 37, scheduled_maintenances[1] (Network switch replacement): the maintenance \
             ran 30m past its window: planned until `scheduled_until` 2026-03-12T02:00:00-04:00, \
             then an unplanned outage at 50 % until `resolved_at` 2026-03-12T02:30:00-04:00",
        ]
    );
    assert_eq!(
        history.listed[0].to_string(),
        "line 74, scheduled_maintenances[3] (Storage migration): not resolved: \
         `scheduled_maintenances[3].resolved_at` is null (status `scheduled`); an incident that \
         has not ended cannot be counted yet"
    );
}

#[test]
fn a_bare_list_names_its_page_outages_page() {
    let history = read(BARE_LIST);
    assert_eq!(history.page, None);
    assert_eq!((history.incidents, history.used), (7, 2));
    assert_eq!(
        rows(&history),
        vec![
            row(
                "page",
                march(20, 10, 0, 0),
                march(20, 10, 30, 0),
                HUNDRED,
                false,
                2,
                "Queue stalled",
            ),
            // impact maintenance without a window: planned over the time it
            // ran; a component without a name is named by its id.
            row(
                "cmp-queue",
                march(21, 0, 0, 0),
                march(21, 1, 0, 0),
                HUNDRED,
                true,
                19,
                "Queue workers restarted",
            ),
        ]
    );
    let listed: Vec<String> = history.listed.iter().map(ToString::to_string).collect();
    assert_eq!(
        listed,
        vec![
            "line 10, [1]: not an incident: a JSON null, not an object",
            "line 11, [2] (Queue stalled): the incident `q1` is already at `[0]`; it is counted once",
            "line 28, [4] (Unnamed component): `[4].components[0]` has no `name` and no `id`: \
             its outage would have no service",
            "line 37, [5] (Started yesterday): `[5].started_at`: `yesterday` is not a timestamp \
             with an offset, such as 2026-03-02T14:05:11Z or 2026-03-02T14:05:11.123-05:00",
            "line 46, [6] (Far future): `[6].resolved_at`: `2300-01-01T00:00:00Z` is outside \
             the years the calculator can hold (1678 to 2261)",
        ]
    );
}

#[test]
fn the_outages_make_a_measurement_file_the_engine_reads() {
    let mut history = read(INCIDENTS);
    let maintenances = read(MAINTENANCES);
    // Two histories of one page, as one batch would hold them.
    for outage in &maintenances.batch.outages {
        let service = history
            .batch
            .texts
            .intern(maintenances.batch.texts.get(outage.service));
        history.batch.outages.push(Outage { service, ..*outage });
    }
    let json = serde_json::to_string(&history.batch.to_measurements()).expect("json");
    let file = load::measurements(&json).expect("a measurement file");
    assert_eq!(file.outages.len(), 11);
    let none = &file.outages[4];
    assert_eq!(
        (
            none.service.as_str(),
            none.impact.as_ref().map(|l| l.text())
        ),
        ("API", Some("0"))
    );
    let planned = &file.outages[5];
    assert_eq!(
        (
            planned.service.as_str(),
            planned.planned,
            planned.impact.is_none()
        ),
        ("Database", true, true)
    );
    assert_eq!(
        serde_json::to_value(&file.outages[0]).expect("json")["end"],
        "2026-03-02T20:30:00.500Z"
    );
}

#[test]
fn malformed_json_stops_with_line_and_column() {
    let text =
        b"{\"incidents\": [\n  {\"id\": \"a\",\n   \"name\": \"x\" \"status\": \"resolved\"}\n]}";
    let error = import(text, "x.json", &Weights::default()).expect_err("not JSON");
    assert_eq!(
        error.to_string(),
        "line 3, column 16: not valid JSON: expected `,` or `}`"
    );
    assert!(matches!(
        error,
        StatusError::Json {
            line: 3,
            column: 16,
            ..
        }
    ));
}

#[test]
fn json_that_is_no_history_is_refused_saying_what_it_is() {
    let refuse = |text: &str| {
        import(text.as_bytes(), "x.json", &Weights::default())
            .expect_err("refused")
            .to_string()
    };
    assert_eq!(
        refuse(r#""incidents""#),
        "not a Statuspage incident history: the file is a JSON string; expected an object with \
         `incidents` or `scheduled_maintenances` (as /api/v2/incidents.json gives), or a list of \
         incidents"
    );
    assert_eq!(
        refuse(r#"{"page": {"name": "Acme"}}"#),
        "not a Statuspage incident history: the file is a JSON object without `incidents` or \
         `scheduled_maintenances`; expected an object with `incidents` or \
         `scheduled_maintenances` (as /api/v2/incidents.json gives), or a list of incidents"
    );
    assert_eq!(
        refuse(r#"{"incidents": {"id": "x"}}"#),
        "`incidents` is a JSON object, not a list of incidents"
    );
    assert_eq!(
        refuse(r#"{"format": "sla-measurements", "version": 1, "outages": []}"#),
        "this is already a measurement file (`format`: `sla-measurements`): give it to \
         `sla report -m` as it is"
    );
}

#[test]
fn both_lists_of_a_summary_are_read_and_a_byte_order_mark_is_skipped() {
    let text = "\u{feff}{\"page\": {\"name\": \"Acme\"},\n\"incidents\": [],\n\"scheduled_maintenances\": [\n{\"id\": \"m\", \"impact\": \"maintenance\", \"scheduled_for\": \"2026-03-01T00:00:00Z\", \"scheduled_until\": \"2026-03-01T01:00:00Z\", \"resolved_at\": \"2026-03-01T00:30:00Z\"}]}";
    let history = read(text.as_bytes());
    assert_eq!((history.incidents, history.used), (1, 1));
    assert_eq!(
        rows(&history),
        vec![row(
            "Acme",
            march(1, 0, 0, 0),
            march(1, 1, 0, 0),
            HUNDRED,
            true,
            4,
            ""
        )]
    );
}

#[test]
fn a_maintenance_window_needs_its_end_and_an_order() {
    let text = br#"[
{"impact": "maintenance", "scheduled_for": "2026-03-01T02:00:00Z", "resolved_at": "2026-03-01T03:00:00Z"},
{"impact": "maintenance", "scheduled_for": "2026-03-01T02:00:00Z", "scheduled_until": "2026-03-01T01:00:00Z", "resolved_at": "2026-03-01T03:00:00Z"},
{"impact": "minor", "resolved_at": "2026-03-01T03:00:00Z"},
{"created_at": "2026-03-01T02:00:00Z", "resolved_at": "2026-03-01T03:00:00Z"},
{"impact": "minor", "created_at": "2026-03-01T02:00:00Z", "resolved_at": "2026-03-01T03:00:00Z", "components": {"name": "API"}}
]"#;
    let history = read(text);
    assert_eq!(history.used, 0);
    let reasons: Vec<String> = history
        .listed
        .iter()
        .map(|l| l.reason.to_string())
        .collect();
    assert_eq!(
        reasons,
        vec![
            "`[0].scheduled_until` is missing or null",
            "`[1].scheduled_until` `2026-03-01T01:00:00Z` is before `[1].scheduled_for` \
             `2026-03-01T02:00:00Z`",
            "`[2].created_at` is missing or null",
            "`[3].impact` is missing or null",
            "`[4].components` is a JSON object, not a list of components",
        ]
    );
}
