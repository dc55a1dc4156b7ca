//! Whole imports: bytes in, records and row errors out.

use sla_import::dataset::Batch;
use sla_import::import::{errors_csv, Importer, Outcome, Stop};
use sla_import::mapping::{prepare, Field, Kind, Overrides};
use sla_import::values::{DateOrder, ImpactBasis, ImpactReading, ImpactUnit};
use sla_import::zone::{Fixed, Zone};

const SECOND: i64 = 1_000_000_000;

fn run(bytes: &[u8], overrides: &Overrides, chunk: usize) -> Outcome {
    let (proposal, _) = prepare(bytes, true, "UTC", overrides).expect("prepare");
    assert!(proposal.problems.is_empty(), "{:?}", proposal.problems);
    let zone = Zone::new(Box::new(
        Fixed::parse(&proposal.settings.time_zone).expect("fixed zone"),
    ));
    let mut importer = Importer::new(proposal.settings, zone, "test.csv").expect("importer");
    for piece in bytes.chunks(chunk) {
        importer.feed(piece);
    }
    importer.finish()
}

fn starts(batch: &Batch) -> Vec<i64> {
    batch.outages.iter().map(|o| o.start / SECOND).collect()
}

#[test]
fn a_german_export_with_an_end_before_its_start() {
    let csv = "\u{feff}Dienst;Beginn;Ende;Auswirkung\r\n\
               Mail;05.03.2026 10:00;05.03.2026 11:30;100 %\r\n\
               Web;13.03.2026 10:00;13.03.2026 09:00;50 %\r\n\
               Web;14.03.2026 08:00;14.03.2026 08:45;50,5 %\r\n";
    for chunk in [1, 7, 4096] {
        let outcome = run(csv.as_bytes(), &Overrides::default(), chunk);
        assert_eq!(outcome.summary.rows, 3);
        assert_eq!(outcome.summary.used, 2);
        assert_eq!(starts(&outcome.batch), vec![1_772_704_800, 1_773_475_200]);
        assert_eq!(outcome.batch.outages[1].impact_ppb, 505_000_000);
        let error = &outcome.errors[0];
        assert_eq!(
            error.to_string(),
            "line 3, column `Ende`: `13.03.2026 09:00` is before start `13.03.2026 10:00`"
        );
        assert_eq!(
            (error.record, error.value.as_str()),
            (3, "13.03.2026 09:00")
        );
        assert_eq!(
            outcome.summary.reasons,
            vec![("`Ende` before start".to_string(), 1)]
        );
    }
}

#[test]
fn tickets_with_durations_and_open_ones() {
    let csv =
        "Id,Priority,Created at,First reply time in minutes,Full resolution time in minutes\n\
               101,urgent,2026-03-02 09:00,15,120\n\
               102,low,2026-03-02 10:00,,\n\
               103,,2026-03-02 11:00,5,10\n";
    let outcome = run(csv.as_bytes(), &Overrides::default(), 5);
    assert_eq!(outcome.batch.kind, Kind::Tickets);
    assert_eq!(outcome.summary.used, 2);
    let first = outcome.batch.tickets[0];
    assert_eq!(
        first.first_response.map(|t| (t - first.created) / SECOND),
        Some(900)
    );
    assert_eq!(
        first.resolved.map(|t| (t - first.created) / SECOND),
        Some(7_200)
    );
    assert_eq!(outcome.batch.tickets[1].resolved, None);
    assert_eq!(
        outcome.errors[0].to_string(),
        "line 4, column `Priority`: `Priority` is empty"
    );
}

#[test]
fn ambiguous_dates_wait_for_the_user_and_overrides_apply() {
    let csv = b"service,start,end\nmail,03/04/2026 10:00,03/04/2026 11:00\n";
    let (proposal, _) = prepare(csv, true, "UTC", &Overrides::default()).expect("prepare");
    assert_eq!(proposal.ambiguous_dates, vec![1, 2]);
    let month_first = Overrides {
        date_order: Some(DateOrder::MonthFirst),
        ..Overrides::default()
    };
    let outcome = run(csv, &month_first, 100);
    // 4 March 2026, 10:00 UTC.
    assert_eq!(starts(&outcome.batch), vec![1_772_618_400]);
    let day_first = Overrides {
        date_order: Some(DateOrder::DayFirst),
        columns: vec![("end".into(), Field::Ignore), ("3".into(), Field::End)],
        ..Overrides::default()
    };
    // 3 April 2026.
    assert_eq!(
        starts(&run(csv, &day_first, 100).batch),
        vec![1_775_210_400]
    );
}

#[test]
fn ragged_rows_and_the_error_csv() {
    let csv = b"service,start,end\nmail,2026-03-05T10:00:00Z\nmail,2026-03-05T10:00:00Z,=1+2\n,,\nweb,2026-03-05T10:00:00Z,2026-03-05T10:30:00Z,,\n";
    let outcome = run(csv, &Overrides::default(), 3);
    assert_eq!((outcome.summary.used, outcome.summary.skipped), (1, 3));
    let text = errors_csv(&outcome.errors);
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        vec![
            "line,record,column,value,reason",
            "2,2,end,,no end and no duration: an outage that has not ended cannot be counted yet",
            "3,3,end,'=1+2,`=1+2` is not a date: write it as 2026-03-05 10:00 or 2026-03-05T10:00:00Z (ISO 8601)",
            "4,4,,,the row is empty",
        ]
    );
}

#[test]
fn an_unclosed_quote_stops_with_the_rows_before_kept() {
    let mut csv =
        b"service,start,end\nmail,2026-03-05T10:00:00Z,2026-03-05T11:00:00Z\nweb,\"2026".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 1 << 21));
    let outcome = run(&csv, &Overrides::default(), 65_536);
    assert_eq!(outcome.summary.used, 1);
    let stopped = outcome.summary.stopped.expect("stopped");
    assert!(
        stopped.starts_with("The import stopped at line 3, column `start` (field 2): a quote (\") opens there and never closes"),
        "{stopped}"
    );
    assert_eq!(
        outcome.summary.stop,
        Some(Stop::OpenQuote {
            line: 3,
            field: 2,
            column: Some("start".into()),
            lines_after: 0,
            to_end: false
        })
    );
}

/// `/work/shared/reliability-cases/D7-…`: a quote opened on line 4 and never
/// closed took the 17 lines after it into one value, and the import said
/// "3 rows: 3 used, 0 skipped".
#[test]
fn d7_a_quote_that_never_closes_stops_the_import_where_it_opens() {
    let csv = include_bytes!("fixtures/D7-unclosed-quote-swallows-rest-of-file.csv");
    for chunk in [1, 7, 4096, csv.len()] {
        let outcome = run(csv, &Overrides::default(), chunk);
        let summary = &outcome.summary;
        assert_eq!(
            (summary.rows, summary.used, summary.skipped),
            (2, 2, 0),
            "lines 2 and 3 only"
        );
        assert_eq!(
            summary.stop,
            Some(Stop::OpenQuote {
                line: 4,
                field: 6,
                column: Some("cause".into()),
                lines_after: 17,
                to_end: true,
            }),
            "chunk {chunk}"
        );
        assert_eq!(summary.stop.as_ref().map(Stop::line), Some(4));
        assert_eq!(
            summary.stopped.as_deref(),
            Some(
                "The import stopped at line 4, column `cause` (field 6): a quote (\") opens there \
                 and never closes, so the rest of the file (17 lines) would be read as one value. \
                 The rows before it were read. Close the quote, or write a quote inside a value \
                 twice (\"\"), and import the file again."
            )
        );
    }
}

#[test]
fn a_quote_in_the_header_that_never_closes_names_the_field() {
    let good = b"service,start,end\nmail,2026-03-05T10:00:00Z,2026-03-05T11:00:00Z\n";
    let (proposal, _) = prepare(good, true, "UTC", &Overrides::default()).expect("prepare");
    let broken = b"service,start,\"end\nmail,2026-03-05T10:00:00Z,2026-03-05T11:00:00Z\n";
    let outcome =
        sla_import::import::import_bytes(broken, proposal.settings, Zone::utc(), "test.csv")
            .expect("importable");
    assert_eq!(outcome.summary.rows, 0);
    assert_eq!(
        outcome.summary.stop,
        Some(Stop::OpenQuote {
            line: 1,
            field: 3,
            column: None,
            lines_after: 1,
            to_end: true,
        })
    );
    assert!(outcome
        .summary
        .stopped
        .is_some_and(|s| s.starts_with("The import stopped at line 1, field 3: ")));
}

/// A semicolon export whose impact column writes a factor: `1` the whole
/// service, `0,5` half of it (not 1 % and 0.5 %).
#[test]
fn an_impact_column_of_factors_is_read_as_factors_and_says_so() {
    let csv = "Dienst;Beginn;Ende;Auswirkung\n\
               Mail;2026-03-05 10:00;2026-03-05 11:00;1\n\
               Web;2026-03-06 10:00;2026-03-06 11:00;0,5\n\
               Web;2026-03-07 10:00;2026-03-07 11:00;major outage\n\
               Web;2026-03-08 10:00;2026-03-08 11:00;\n";
    let factor = ImpactReading {
        unit: ImpactUnit::Factor,
        basis: ImpactBasis::Fractions,
    };
    let (proposal, _) =
        prepare(csv.as_bytes(), true, "UTC", &Overrides::default()).expect("prepare");
    assert_eq!(proposal.impact, Some(factor));
    for chunk in [1, 7, 4096] {
        let outcome = run(csv.as_bytes(), &Overrides::default(), chunk);
        assert_eq!(outcome.summary.impact, Some(factor));
        let levels: Vec<u32> = outcome.batch.outages.iter().map(|o| o.impact_ppb).collect();
        assert_eq!(
            levels,
            vec![1_000_000_000, 500_000_000, 1_000_000_000, 1_000_000_000]
        );
    }
    assert_eq!(
        factor.to_string(),
        "impact read as a factor (0.5 = half the service): every value is from 0 to 1 and some are fractions"
    );
    // The user's choice wins, and is said to be theirs.
    let percent = Overrides {
        impact_unit: Some(ImpactUnit::Percent),
        ..Overrides::default()
    };
    let outcome = run(csv.as_bytes(), &percent, 4096);
    assert_eq!(
        outcome.summary.impact,
        Some(ImpactReading {
            unit: ImpactUnit::Percent,
            basis: ImpactBasis::Chosen
        })
    );
    assert_eq!(outcome.batch.outages[1].impact_ppb, 5_000_000);
}

/// The sample (the first rows) may look like factors; a value above 1 further
/// down decides percent for the whole column, the first rows included.
#[test]
fn the_whole_impact_column_decides_not_its_first_rows() {
    let mut csv = String::from("service,start,end,impact\n");
    for day in 1..=28 {
        let impact = if day == 28 { "50" } else { "0.5" };
        csv.push_str(&format!(
            "mail,2026-02-{day:02}T10:00:00Z,2026-02-{day:02}T11:00:00Z,{impact}\n"
        ));
    }
    let sample = csv.as_bytes().get(..400).expect("a sample");
    let (proposal, _) = prepare(sample, false, "UTC", &Overrides::default()).expect("prepare");
    assert_eq!(
        proposal.impact.map(|r| r.unit),
        Some(ImpactUnit::Factor),
        "the sample alone reads as factors"
    );
    let zone = Zone::utc();
    let mut importer = Importer::new(proposal.settings, zone, "test.csv").expect("importer");
    importer.feed(csv.as_bytes());
    let outcome = importer.finish();
    assert_eq!(
        outcome.summary.impact,
        Some(ImpactReading {
            unit: ImpactUnit::Percent,
            basis: ImpactBasis::AboveOne
        })
    );
    assert_eq!(outcome.batch.outages[0].impact_ppb, 5_000_000, "0.5 %");
    assert_eq!(outcome.batch.outages[27].impact_ppb, 500_000_000, "50 %");
}

#[test]
fn a_saved_mapping_is_applied_to_a_file_of_the_same_shape() {
    let csv = b"System\tDown from\tBack up\nBilling\t03/04/2026 10:00\t03/04/2026 11:00\n";
    let mut overrides = Overrides {
        date_order: Some(DateOrder::MonthFirst),
        columns: vec![
            ("1".into(), Field::Service),
            ("2".into(), Field::Start),
            ("3".into(), Field::End),
        ],
        ..Overrides::default()
    };
    let (proposal, _) = prepare(csv, true, "+02:00", &overrides).expect("prepare");
    assert!(proposal.problems.is_empty(), "{:?}", proposal.problems);
    let saved = proposal.settings.save();
    let (restored, zone) = Overrides::from_saved(&saved).expect("saved mapping");
    assert_eq!(zone, "+02:00");
    let (again, _) = prepare(csv, true, &zone, &restored).expect("prepare");
    assert_eq!(again.settings, proposal.settings);
    overrides.columns.clear();
    let (fresh, _) = prepare(csv, true, "+02:00", &overrides).expect("prepare");
    assert!(
        !fresh.problems.is_empty(),
        "without the saved mapping the columns are unknown"
    );
}
