//! The documented round trips over every agreement file in `examples/`
//! (those whose `format` is `sla-agreements`), found by listing the
//! directory so that a new example is covered without editing this file:
//!
//! - OpenSLO: export → import → `agreement_file` loads, and every target
//!   comes back in the agreement `Imported::agreement_ids` names, with its
//!   id, name, metric, direction, expected level and period;
//! - iCalendar: every calendar → `.ics` → import → the same holiday dates
//!   and the same maintenance windows (instants and reasons), and nothing
//!   added when read back into the calendar it came from.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use sla_engine::model::load::{self, compile_calendar};
use sla_engine::model::{AgreementFile, CalendarDef, Direction, Target, AGREEMENT_FORMAT};
use sla_interop::ics::{self, IcsOptions};
use sla_interop::openslo::{self, AgreementDefaults, Effect};

/// Every agreement file of `examples/`, by file name, in name order.
fn example_agreement_files() -> Vec<(String, AgreementFile)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        if json["format"] != AGREEMENT_FORMAT {
            continue;
        }
        let file = load::agreements(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        files.push((name, file));
    }
    assert!(
        files.len() >= 7,
        "only {} agreement files in {}",
        files.len(),
        dir.display()
    );
    files
}

/// What OpenSLO carries of a target: id, name, metric, direction and
/// period (the expected level is compared by value, see [`same_level`]).
fn carried(target: &Target) -> impl PartialEq + std::fmt::Debug + '_ {
    let direction: Direction = target
        .direction
        .unwrap_or_else(|| target.metric.default_direction());
    (
        target.id.as_str(),
        target.name.as_str(),
        &target.metric,
        direction,
        target.period,
    )
}

/// The same expected level by value: `99.90` is `99.9`.
fn same_level(a: &Target, b: &Target) -> bool {
    a.expected.value().cmp(&b.expected.value()) == Ordering::Equal
}

#[test]
fn openslo_export_then_import_gives_a_loadable_file_with_every_target() {
    for (name, file) in example_agreement_files() {
        let exported = openslo::export(&file);
        let imported = openslo::import(&exported.yaml)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", exported.yaml));
        let not_changed: Vec<_> = imported
            .notes
            .iter()
            .filter(|n| n.effect != Effect::Changed)
            .map(ToString::to_string)
            .collect();
        assert_eq!(not_changed, Vec::<String>::new(), "{name}");

        // The agreement file loads as a user's file would: JSON through the engine.
        let back = imported.agreement_file(&AgreementDefaults::default());
        let json = serde_json::to_string_pretty(&back).expect("serialisable");
        let back =
            load::agreements(&json).unwrap_or_else(|errors| panic!("{name}: {errors:?}\n{json}"));
        assert_eq!(back.time_zone, file.time_zone, "{name}");

        // Which services each original agreement was exported for.
        let mut services: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for target in &imported.targets {
            let agreement = target.agreement.as_deref().expect("annotated");
            services
                .entry(agreement)
                .or_default()
                .insert(&target.service);
        }
        let ids = imported.agreement_ids();
        assert_eq!(ids.len(), imported.targets.len(), "{name}");
        for (target, id) in imported.targets.iter().zip(&ids) {
            let agreement = target.agreement.as_deref().expect("annotated");
            let original = file
                .agreements
                .iter()
                .find(|a| a.id == agreement)
                .and_then(|a| a.targets.iter().find(|t| t.id == target.target.id))
                .unwrap_or_else(|| {
                    panic!("{name}: {agreement}/{} not in the file", target.target.id)
                });
            assert_eq!(
                carried(&target.target),
                carried(original),
                "{name}: {agreement}/{}",
                original.id
            );
            // The agreement id comes back as it was, or with the service
            // when the export wrote the agreement for several services.
            if services[agreement].len() == 1 {
                assert_eq!(id, agreement, "{name}");
            } else {
                let part = format!("{agreement}-{}", target.service);
                assert!(
                    id == &part || id.strip_prefix(&format!("{part}-")).is_some(),
                    "{name}: {id} for {agreement} on {}",
                    target.service
                );
            }
            let holder = back
                .agreements
                .iter()
                .find(|a| &a.id == id)
                .unwrap_or_else(|| panic!("{name}: no agreement `{id}`"));
            assert_eq!(
                holder.service.as_deref(),
                Some(target.service.as_str()),
                "{name}: {id}"
            );
            let restored = holder
                .targets
                .iter()
                .find(|t| t.id == original.id)
                .unwrap_or_else(|| panic!("{name}: no target {id}/{}", original.id));
            assert_eq!(carried(restored), carried(original), "{name}: {id}");
            assert!(
                same_level(restored, original),
                "{name}: {id}/{}: {} for {}",
                original.id,
                restored.expected.text(),
                original.expected.text()
            );
        }
        let in_file: usize = back.agreements.iter().map(|a| a.targets.len()).sum();
        assert_eq!(in_file, imported.targets.len(), "{name}");

        // Every target comes back, except those the export says it left out.
        for (a, agreement) in file.agreements.iter().enumerate() {
            for (t, target) in agreement.targets.iter().enumerate() {
                let path = format!("agreements[{a}].targets[{t}]");
                let left_out = exported
                    .notes
                    .iter()
                    .any(|n| n.path == path && n.message.contains("not exported"));
                let found = imported.targets.iter().any(|i| {
                    i.agreement.as_deref() == Some(agreement.id.as_str())
                        && i.target.id == target.id
                });
                assert!(
                    found || left_out,
                    "{name}: {}/{} lost without a note",
                    agreement.id,
                    target.id
                );
            }
        }
    }
}

/// The first and last day of a calendar's holidays and windows, a day
/// wider each side (a window in a zone east or west of UTC may start on
/// the day before or end on the day after its local date).
fn span(calendar: &CalendarDef) -> (NaiveDate, NaiveDate) {
    let compiled = compile_calendar(calendar).expect("valid calendar");
    let mut days: Vec<NaiveDate> = compiled.holidays.clone();
    for interval in &compiled.exclusions {
        for nanos in [interval.start(), interval.end()] {
            days.push(chrono::DateTime::from_timestamp_nanos(nanos).date_naive());
        }
    }
    let year = NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    let first = days.iter().min().copied().unwrap_or(year);
    let last = days.iter().max().copied().unwrap_or(year);
    (
        first.checked_sub_days(Days::new(1)).expect("date"),
        last.checked_add_days(Days::new(1)).expect("date"),
    )
}

/// Holiday dates and (start, end, reason) of the windows, as the engine reads them.
type CalendarContent = (Vec<NaiveDate>, Vec<(i64, i64, String)>);

fn content(calendar: &CalendarDef) -> CalendarContent {
    let compiled = compile_calendar(calendar).expect("valid calendar");
    let mut holidays = compiled.holidays.clone();
    holidays.sort();
    holidays.dedup();
    let mut windows: Vec<_> = compiled
        .exclusions
        .iter()
        .zip(&calendar.exclusions)
        .map(|(i, w)| (i.start(), i.end(), w.reason.clone()))
        .collect();
    windows.sort();
    (holidays, windows)
}

#[test]
fn ics_export_then_import_gives_back_every_calendar_of_every_example() {
    let mut calendars = 0;
    for (name, file) in example_agreement_files() {
        for calendar in &file.calendars {
            let text = ics::export(calendar, 1_767_225_600_000_000_000)
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", calendar.id));
            let (from, to) = span(calendar);
            let imported = ics::import(&text, &IcsOptions::new(from, to))
                .unwrap_or_else(|e| panic!("{name}: {}: {e}", calendar.id));
            assert_eq!(imported.notes, vec![], "{name}: {}\n{text}", calendar.id);
            let mut back = CalendarDef {
                holidays: Vec::new(),
                exclusions: Vec::new(),
                ..calendar.clone()
            };
            imported.apply_to(&mut back);
            assert_eq!(
                content(&back),
                content(calendar),
                "{name}: {}\n{text}",
                calendar.id
            );
            assert_eq!(
                imported.time_zone.as_deref(),
                Some(calendar.time_zone.as_str()),
                "{name}: {}",
                calendar.id
            );
            // Read back into the calendar it came from, nothing is added
            // (a local window comes back in UTC: the same instants).
            let mut same = calendar.clone();
            imported.apply_to(&mut same);
            let mut sorted = calendar.clone();
            sorted.holidays.sort();
            assert_eq!(same, sorted, "{name}: {}", calendar.id);
            calendars += 1;
        }
    }
    assert!(calendars >= 6, "only {calendars} calendars in the examples");
}
