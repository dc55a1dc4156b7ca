//! Properties of the whole import on hostile input: random bytes, CSV-like
//! token soup and mutated fixtures never panic detection nor the import,
//! every record is counted once (used + skipped = rows), and the chunking
//! of the input never changes the outcome.
//!
//! The default case counts keep this file to a few seconds in debug. For a
//! long run by hand:
//!
//! ```text
//! PROPTEST_CASES=100000 cargo test -p sla-import --release --test fuzz
//! ```

use proptest::prelude::*;
use proptest::sample::Index;
use sla_import::figures::figures;
use sla_import::import::{errors_csv, Importer, Outcome, RowError, Summary, MAX_KEPT_ERRORS};
use sla_import::mapping::{prepare, Column, Field, Kind, Overrides, Settings, ValueType};
use sla_import::values::{DateOrder, TimestampFormat};
use sla_import::zone::Zone;

/// `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

macro_rules! fixtures {
    ($($file:literal),* $(,)?) => {
        &[$(include_bytes!(concat!("../../../tests/fixtures/import/", $file)) as &[u8]),*]
    };
}

const FIXTURES: &[&[u8]] = fixtures!(
    "ambiguous-slash.csv",
    "bom-crlf.csv",
    "cr-only.csv",
    "day-first-slash.csv",
    "durations.csv",
    "empty.csv",
    "end-before-start.csv",
    "excel-serial.csv",
    "generic-outages.csv",
    "header-only.csv",
    "jira-sm.csv",
    "month-first-ampm.csv",
    "no-header.csv",
    "not-csv.png",
    "pagerduty.csv",
    "pipe.csv",
    "quoted.csv",
    "ragged.csv",
    "semicolon-decimal-comma.csv",
    "servicenow-incident.csv",
    "servicenow-task-sla.csv",
    "statuspage.csv",
    "tab-paste.tsv",
    "trailing-delimiters.csv",
    "unix-times.csv",
    "utf16.csv",
    "windows-1252.csv",
    "zendesk.csv",
);

/// Pieces that CSV exports are made of, for inputs that get past detection.
const TOKENS: &[&str] = &[
    "service",
    "start",
    "end",
    "duration",
    "impact",
    "planned",
    "cause",
    "id",
    "priority",
    "created",
    "resolved",
    "first reply time in minutes",
    "Issue key",
    "started_at",
    "mail",
    "Zürich",
    "2026-03-05 10:00",
    "2026-03-05T10:00:00Z",
    "2026-03-29T02:30:00",
    "2026-10-25 02:30",
    "+01:00",
    "05.03.2026 10:00",
    "03/04/2026",
    "3/5/2026 1:05 PM",
    "12:00 AM",
    "05/Mar/26 10:00 AM",
    "1772704800",
    "1772704800000",
    "46086.5",
    "99999999999999999999",
    "-1",
    "0",
    "9e99",
    "100%",
    "50,5 %",
    "major outage",
    "1h 30m",
    "PT45M",
    "01:30:00",
    "yes",
    "nein",
    "TRUE",
    "",
    " ",
    ",",
    ",",
    ",",
    ";",
    "\t",
    "|",
    "\"",
    "\"\"",
    "\r",
    "\n",
    "\n",
    "\r\n",
    "\u{feff}",
    "\u{0}",
    "\u{ff}",
    "é",
    "€",
];

const ZONES: &[&str] = &["UTC", "Europe/Berlin", "+05:30", "Pacific/Apia"];

fn zone(name: &str) -> Zone {
    Zone::named(name).expect("a known time zone")
}

/// The options a user could choose over the detection.
#[derive(Debug, Clone)]
struct Choice {
    zone: &'static str,
    header: Option<bool>,
    kind: Option<Kind>,
    preset: Option<&'static str>,
    date_order: Option<DateOrder>,
    delimiter: Option<u8>,
    decimal_comma: Option<bool>,
}

fn choice() -> impl Strategy<Value = Choice> {
    (
        prop::sample::select(ZONES),
        prop::option::weighted(0.2, any::<bool>()),
        prop::option::weighted(0.2, prop::sample::select(&Kind::ALL[..])),
        prop::option::weighted(
            0.1,
            prop::sample::select(&["jira-sm", "zendesk", "pagerduty", "generic-outages"][..]),
        ),
        prop::option::weighted(
            0.2,
            prop::sample::select(&[DateOrder::DayFirst, DateOrder::MonthFirst][..]),
        ),
        prop::option::weighted(0.1, prop::sample::select(&b",;\t|"[..])),
        prop::option::weighted(0.1, any::<bool>()),
    )
        .prop_map(
            |(zone, header, kind, preset, date_order, delimiter, decimal_comma)| Choice {
                zone,
                header,
                kind,
                preset,
                date_order,
                delimiter,
                decimal_comma,
            },
        )
}

impl Choice {
    fn overrides(&self) -> Overrides {
        Overrides {
            header: self.header,
            kind: self.kind,
            preset: self.preset.map(str::to_string),
            date_order: self.date_order,
            delimiter: self.delimiter,
            decimal_comma: self.decimal_comma,
            ..Overrides::default()
        }
    }
}

/// The settings as they are when they can be imported; else the smallest
/// change that makes them importable: every timestamp column ISO 8601,
/// fields of the other kind dropped, missing required fields given to the
/// first unmapped column (or a new one past the last).
fn importable(mut settings: Settings) -> Settings {
    if settings.problems().is_empty() {
        return settings;
    }
    let kind = settings.kind;
    for column in settings.columns.iter_mut() {
        if column.field != Field::Ignore && !kind.fields().contains(&column.field) {
            column.field = Field::Ignore;
        }
        if column.field.value_type() == ValueType::Timestamp && column.format.is_none() {
            column.format = Some(TimestampFormat::Iso);
        }
    }
    let required: &[Field] = match kind {
        Kind::Outages => &[Field::Service, Field::Start, Field::End],
        Kind::Tickets => &[Field::Id, Field::Priority, Field::Created],
    };
    for &field in required {
        let has = settings.column_of(field).is_some()
            || (field == Field::End && settings.column_of(Field::Duration).is_some());
        if has {
            continue;
        }
        let format = (field.value_type() == ValueType::Timestamp).then_some(TimestampFormat::Iso);
        let n = settings.columns.len();
        match settings
            .columns
            .iter_mut()
            .find(|c| c.field == Field::Ignore)
        {
            Some(column) => {
                column.field = field;
                column.format = format;
            }
            None => settings.columns.push(Column {
                header: format!("column {}", n + 1),
                field,
                format,
            }),
        }
    }
    assert_eq!(settings.problems(), Vec::<String>::new(), "{settings:?}");
    settings
}

/// An outage: line, service, start, end, impact, planned, supplier, cause.
type OutageView = (
    u32,
    String,
    i64,
    i64,
    u32,
    bool,
    Option<String>,
    Option<String>,
);
/// A ticket: line, id, service, priority, created, first response, resolved.
type TicketView = (
    u32,
    String,
    Option<String>,
    String,
    i64,
    Option<i64>,
    Option<i64>,
);

/// Everything an import gave, with texts resolved, comparable between runs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct View {
    summary: Summary,
    errors: Vec<RowError>,
    outages: Vec<OutageView>,
    tickets: Vec<TicketView>,
}

fn view(outcome: &Outcome) -> View {
    let texts = &outcome.batch.texts;
    let text = |id| texts.optional(id).map(str::to_string);
    View {
        summary: outcome.summary.clone(),
        errors: outcome.errors.clone(),
        outages: outcome
            .batch
            .outages
            .iter()
            .map(|o| {
                (
                    o.line,
                    texts.get(o.service).to_string(),
                    o.start,
                    o.end,
                    o.impact_ppb,
                    o.planned,
                    text(o.supplier),
                    text(o.cause),
                )
            })
            .collect(),
        tickets: outcome
            .batch
            .tickets
            .iter()
            .map(|t| {
                (
                    t.line,
                    texts.get(t.id).to_string(),
                    text(t.service),
                    texts.get(t.priority).to_string(),
                    t.created,
                    t.first_response,
                    t.resolved,
                )
            })
            .collect(),
    }
}

/// Imports `bytes`, fed in pieces whose sizes cycle through `chunks`.
fn import(bytes: &[u8], settings: &Settings, chunks: &[usize]) -> Outcome {
    let zone = zone(&settings.time_zone);
    let mut importer = Importer::new(settings.clone(), zone, "fuzz").expect("importable");
    let mut rest = bytes;
    for size in chunks.iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (piece, next) = rest.split_at((*size).clamp(1, rest.len()));
        importer.feed(piece);
        rest = next;
    }
    importer.finish()
}

/// What must hold of every import.
fn invariants(bytes: &[u8], outcome: &Outcome) -> Result<(), TestCaseError> {
    let summary = &outcome.summary;
    prop_assert_eq!(summary.used + summary.skipped, summary.rows);
    prop_assert_eq!(summary.used, outcome.batch.len() as u64);
    prop_assert_eq!(
        outcome.errors.len() as u64,
        summary.skipped.min(MAX_KEPT_ERRORS as u64)
    );
    prop_assert_eq!(
        summary.reasons.iter().map(|(_, n)| n).sum::<u64>(),
        summary.skipped
    );
    prop_assert_eq!(summary.bytes, bytes.len() as u64);
    // Each record starts on its own line: used and skipped rows, in file
    // order, have strictly increasing lines.
    let mut lines: Vec<u64> = outcome.errors.iter().map(|e| e.line).collect();
    lines.extend(outcome.batch.outages.iter().map(|o| u64::from(o.line)));
    lines.extend(outcome.batch.tickets.iter().map(|t| u64::from(t.line)));
    lines.sort_unstable();
    prop_assert!(lines.windows(2).all(|w| w[0] < w[1]), "{:?}", lines);
    prop_assert!(lines.first().is_none_or(|l| *l >= 1));
    for o in &outcome.batch.outages {
        prop_assert!(o.end >= o.start);
        prop_assert!(o.impact_ppb <= 1_000_000_000);
    }
    for t in &outcome.batch.tickets {
        prop_assert!(t.first_response.is_none_or(|r| r >= t.created));
        prop_assert!(t.resolved.is_none_or(|r| r >= t.created));
    }
    // What the app does with an import next.
    let _ = errors_csv(&outcome.errors);
    let _ = outcome.batch.to_measurements();
    let _ = figures([&outcome.batch], &zone(&outcome.batch.time_zone));
    Ok(())
}

/// Prepares `bytes` (also from a cut sample), imports with whatever
/// settings come out (made importable), checks the invariants, and that
/// `chunks` give the same outcome as one piece.
fn whole_import(
    bytes: &[u8],
    choice: &Choice,
    cut: Index,
    chunks: &[usize],
) -> Result<(), TestCaseError> {
    // A browser prepares from the first bytes of a file.
    let sample = &bytes[..cut.index(bytes.len() + 1)];
    let _ = prepare(sample, false, choice.zone, &choice.overrides());
    let Ok((proposal, _)) = prepare(bytes, true, choice.zone, &choice.overrides()) else {
        return Ok(());
    };
    let settings = importable(proposal.settings);
    let whole = import(bytes, &settings, &[bytes.len()]);
    invariants(bytes, &whole)?;
    let pieces = import(bytes, &settings, chunks);
    prop_assert_eq!(view(&pieces), view(&whole));
    Ok(())
}

/// Bytes made of CSV-like tokens.
fn token_soup() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..300)
        .prop_map(|tokens| tokens.concat().into_bytes())
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(Index, u8),
    Insert(Index, u8),
    Delete(Index),
    Truncate(Index),
}

const INSERTED: &[u8] = b"\",;\r\n\0\xff\t|";

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), 1u8..=255).prop_map(|(i, x)| Mutation::Flip(i, x)),
        4 => (any::<Index>(), prop::sample::select(INSERTED))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &mut Vec<u8>, mutation: &Mutation) {
    match mutation {
        Mutation::Flip(i, x) if !bytes.is_empty() => {
            let i = i.index(bytes.len());
            bytes[i] ^= x;
        }
        Mutation::Insert(i, b) => {
            let i = i.index(bytes.len() + 1);
            bytes.insert(i, *b);
        }
        Mutation::Delete(i) if !bytes.is_empty() => {
            let i = i.index(bytes.len());
            bytes.remove(i);
        }
        Mutation::Truncate(i) => {
            let i = i.index(bytes.len() + 1);
            bytes.truncate(i);
        }
        _ => {}
    }
}

fn chunk_sizes() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(1usize..80, 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1000)))]

    #[test]
    fn random_bytes_never_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..1500),
        choice in choice(),
        cut in any::<Index>(),
        chunks in chunk_sizes(),
    ) {
        whole_import(&bytes, &choice, cut, &chunks)?;
    }

    #[test]
    fn csv_like_token_soup_never_panics(
        bytes in token_soup(),
        choice in choice(),
        cut in any::<Index>(),
        chunks in chunk_sizes(),
    ) {
        whole_import(&bytes, &choice, cut, &chunks)?;
    }

    #[test]
    fn mutated_fixtures_never_panic(
        fixture in prop::sample::select(FIXTURES),
        mutations in prop::collection::vec(mutation(), 1..12),
        choice in choice(),
        cut in any::<Index>(),
        chunks in chunk_sizes(),
    ) {
        let mut bytes = fixture.to_vec();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        whole_import(&bytes, &choice, cut, &chunks)?;
    }

    /// The detected settings of an intact fixture, fed in random pieces:
    /// the same summary, errors and records as in one piece.
    #[test]
    fn chunking_never_changes_the_outcome(
        fixture in prop::sample::select(FIXTURES),
        zone in prop::sample::select(ZONES),
        chunks in prop::collection::vec(1usize..300, 1..16),
    ) {
        let Ok((proposal, _)) = prepare(fixture, true, zone, &Overrides::default()) else {
            return Ok(());
        };
        let settings = importable(proposal.settings);
        let whole = import(fixture, &settings, &[fixture.len()]);
        invariants(fixture, &whole)?;
        prop_assert_eq!(view(&import(fixture, &settings, &chunks)), view(&whole));
    }
}
