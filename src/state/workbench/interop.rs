//! OpenSLO and iCalendar files in the workbench: what an import changes in
//! the workspace, worked out here (natively tested) and applied by the
//! views through the workbench's reducer as **one** [`Action`] each, so one
//! undo takes a whole import back.
//!
//! The mapping itself is `sla-interop`'s ([`sla_interop::openslo`],
//! [`sla_interop::ics`]), which runs in the workbench's interop module
//! ([`crate::interop`], loaded on first use); this module only places its
//! results in the agreement JSON the user edits, without touching anything
//! else in it (a half-typed field elsewhere stays as typed).

use std::collections::HashSet;
use std::rc::Rc;

use chrono::{Datelike, NaiveDate};
use serde_json::Value;
use sla_engine::model::{CalendarDef, Timestamp, Window};
use sla_engine::report::Span;
use sla_engine::time::{UnixNanos, Zone};
use sla_interop::openslo::Imported;

use super::workspace::{empty_measurements, get, text, Action, Workspace};

/// A new workspace named `name` holding what an OpenSLO file gave: the
/// agreement file that [`Imported::agreement_file`] made of it (one
/// service-based SLA per service), no measurements, reporting on `span`.
pub fn openslo_workspace(agreements: Value, name: &str, span: &str) -> Workspace {
    Workspace {
        name: name.to_string(),
        span: span.to_string(),
        agreements: Rc::new(agreements),
        measurements: Rc::new(empty_measurements()),
    }
}

/// What adding imported targets to an agreement does.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetsAdded {
    /// The one step that adds them (`None` when there is nothing to add).
    pub action: Option<Action>,
    /// How many targets are added.
    pub added: usize,
    /// Targets whose id the agreement already used: `(from, to)`.
    pub renamed: Vec<(String, String)>,
}

/// Appends the imported targets to the targets of agreement `index` of the
/// agreement JSON, as one [`Action::SetMany`]. A target id the agreement
/// already has gets `-2`, `-3`… (ids must be unique within an agreement).
/// Targets already in the agreement are left as they are.
pub fn add_targets(agreements: &Value, index: usize, imported: &Imported) -> TargetsAdded {
    let path = format!("agreements[{index}].targets");
    let mut list: Vec<Value> = get(agreements, &path)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut used: HashSet<String> = list.iter().map(|t| text(t, "id")).collect();
    let mut renamed = Vec::new();
    let mut added = 0;
    for imported in &imported.targets {
        let mut target = imported.target.clone();
        if used.contains(&target.id) {
            let fresh = (2..)
                .map(|n| format!("{}-{n}", target.id))
                .find(|id| !used.contains(id))
                .unwrap_or_default();
            renamed.push((std::mem::replace(&mut target.id, fresh.clone()), fresh));
        }
        used.insert(target.id.clone());
        if let Ok(value) = serde_json::to_value(&target) {
            list.push(value);
            added += 1;
        }
    }
    TargetsAdded {
        action: (added > 0).then(|| Action::SetMany(vec![(path, Some(Value::Array(list)))])),
        added,
        renamed,
    }
}

/// The agreements of the agreement JSON as `(id, label)` for a list to
/// choose from (`label`: the name, else the id).
pub fn agreement_choices(agreements: &Value) -> Vec<(String, String)> {
    get(agreements, "agreements")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|a| {
                    let (id, name) = (text(a, "id"), text(a, "name"));
                    let label = if name.is_empty() { id.clone() } else { name };
                    (id, label)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A calendar of the agreement JSON as the interop crate reads it, taken
/// field by field so that the rest of the file may hold errors: its
/// holidays (the texts as written) and the exclusions whose start and end
/// can be read. `unreadable` lists the exclusions (from 0) that could not.
#[derive(Debug, Clone, PartialEq)]
pub struct CalendarRead {
    pub calendar: CalendarDef,
    pub unreadable: Vec<usize>,
}

/// Reads calendar `index` of the agreement JSON (see [`CalendarRead`]);
/// `None` when there is no such calendar.
pub fn read_calendar(agreements: &Value, index: usize) -> Option<CalendarRead> {
    let at = get(agreements, &format!("calendars[{index}]"))?;
    if !at.is_object() {
        return None;
    }
    let holidays = at
        .get("holidays")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|h| h.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut exclusions = Vec::new();
    let mut unreadable = Vec::new();
    if let Some(list) = at.get("exclusions").and_then(Value::as_array) {
        for (i, w) in list.iter().enumerate() {
            let start = Timestamp::parse(&text(w, "start"));
            let end = Timestamp::parse(&text(w, "end"));
            match (start, end) {
                (Ok(start), Ok(end)) => exclusions.push(Window {
                    start,
                    end,
                    reason: text(w, "reason"),
                }),
                _ => unreadable.push(i),
            }
        }
    }
    Some(CalendarRead {
        calendar: CalendarDef {
            id: text(at, "id"),
            name: text(at, "name"),
            time_zone: text(at, "time_zone"),
            hours: text(at, "hours"),
            holidays,
            exclusions,
        },
        unreadable,
    })
}

/// What adding an `.ics` import to a calendar does.
#[derive(Debug, Clone, PartialEq)]
pub struct IcsApplied {
    /// The one step that adds them (`None` when everything was already there).
    pub action: Option<Action>,
    pub holidays_added: usize,
    pub windows_added: usize,
    /// Holidays and windows of the file the calendar already had.
    pub already: usize,
}

/// Adds the holidays and maintenance windows of an `.ics` import to
/// calendar `index` of the agreement JSON, as one [`Action::SetMany`].
/// `calendar` is that calendar as [`read_calendar`] reads it with the
/// import applied ([`sla_interop::ics::IcsImport::apply_to`]: a date or a
/// window the calendar has is not added twice); `found`: how many holidays
/// and windows the file had. The calendar's existing exclusions stay
/// exactly as written; new ones are appended.
pub fn apply_ics(
    agreements: &Value,
    index: usize,
    calendar: CalendarDef,
    found: usize,
) -> Option<IcsApplied> {
    let read = read_calendar(agreements, index)?;
    let holidays_added = calendar
        .holidays
        .len()
        .saturating_sub(read.calendar.holidays.len());
    let new_windows: Vec<Value> = calendar
        .exclusions
        .get(read.calendar.exclusions.len()..)
        .unwrap_or_default()
        .iter()
        .filter_map(|w| serde_json::to_value(w).ok())
        .collect();
    let windows_added = new_windows.len();
    let already = found.saturating_sub(holidays_added + windows_added);
    let base = format!("calendars[{index}]");
    let mut changes = Vec::new();
    if holidays_added > 0 {
        // Sorted as `apply_to` leaves them; holidays that are not texts
        // (an error the field shows) are kept after them.
        let mut holidays: Vec<Value> = calendar.holidays.into_iter().map(Value::String).collect();
        if let Some(list) = get(agreements, &format!("{base}.holidays")).and_then(Value::as_array) {
            holidays.extend(list.iter().filter(|h| !h.is_string()).cloned());
        }
        changes.push((format!("{base}.holidays"), Some(Value::Array(holidays))));
    }
    if windows_added > 0 {
        let mut exclusions: Vec<Value> = get(agreements, &format!("{base}.exclusions"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        exclusions.extend(new_windows);
        changes.push((format!("{base}.exclusions"), Some(Value::Array(exclusions))));
    }
    Some(IcsApplied {
        action: (!changes.is_empty()).then_some(Action::SetMany(changes)),
        holidays_added,
        windows_added,
        already,
    })
}

/// The dates an `.ics` import expands recurring events over by default: the
/// span the workbench reports on (read in `time_zone`), else the year of
/// `now` (in UTC). Both ends included, as `YYYY-MM-DD`.
pub fn default_range(span: &str, time_zone: &str, now: UnixNanos) -> (String, String) {
    let zone = Zone::named(time_zone).unwrap_or_else(Zone::utc);
    let dates = match Span::parse(span, &zone) {
        Ok(Span::Months { first, last }) => {
            let from = NaiveDate::from_ymd_opt(first.0, first.1, 1);
            let to = NaiveDate::from_ymd_opt(last.0, last.1, 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
                .and_then(|d| d.pred_opt());
            from.zip(to)
        }
        Ok(Span::Custom { start, end }) => zone.local_date(start).zip(zone.local_date(end - 1)),
        Err(_) => None,
    };
    let (from, to) = dates.unwrap_or_else(|| {
        let year = chrono::DateTime::from_timestamp_nanos(now).year();
        (
            NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
        )
    });
    (from.to_string(), to.to_string())
}

/// A file name stem from a name (lower-case letters, digits and `-`).
pub fn file_stem(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::workbench::workspace::Bench;
    use crate::templates;
    use sla_interop::ics::{self, IcsImport, IcsOptions};
    use sla_interop::openslo::{self, AgreementDefaults};

    const WEB_SHOP: &str =
        include_str!("../../../crates/interop/tests/fixtures/openslo-web-shop.yaml");
    const BERLIN: &str =
        include_str!("../../../crates/interop/tests/fixtures/holidays-berlin-2026.ics");

    fn imported() -> Imported {
        openslo::import(WEB_SHOP).unwrap_or_else(|e| panic!("{e}"))
    }

    /// What the interop module does before [`apply_ics`]: the calendar with
    /// the import applied, and how many holidays and windows the file had.
    fn apply(agreements: &Value, index: usize, import: &IcsImport) -> Option<IcsApplied> {
        let mut calendar = read_calendar(agreements, index)?.calendar;
        import.apply_to(&mut calendar);
        let found = import.holidays.len() + import.maintenance.len();
        apply_ics(agreements, index, calendar, found)
    }

    #[test]
    fn a_new_workspace_from_openslo_is_a_valid_agreement_file() {
        let imported = imported();
        let defaults = AgreementDefaults {
            name: "Web shop".into(),
            ..AgreementDefaults::default()
        };
        let file = serde_json::to_value(imported.agreement_file(&defaults))
            .unwrap_or_else(|e| panic!("{e}"));
        let workspace = openslo_workspace(file, &defaults.name, "2026-03");
        assert_eq!(workspace.name, "Web shop");
        assert_eq!(workspace.span, "2026-03");
        let file = workspace
            .agreement_file()
            .unwrap_or_else(|e| panic!("{e:?}"));
        let targets: usize = file.agreements.iter().map(|a| a.targets.len()).sum();
        assert_eq!(targets, imported.targets.len());
        assert!(targets > 0);
    }

    #[test]
    fn added_targets_are_one_step_and_clashing_ids_get_a_suffix() {
        let workspace = templates::workspace("service-based", "2026-03");
        let mut bench = Bench::new("w".into(), workspace);
        let imported = imported();
        let before = bench.workspace.agreements.clone();
        let count = |json: &Value| {
            get(json, "agreements[0].targets")
                .and_then(Value::as_array)
                .map_or(0, Vec::len)
        };
        let first = add_targets(&bench.workspace.agreements, 0, &imported);
        assert_eq!(first.added, imported.targets.len());
        assert!(first.renamed.is_empty());
        bench.apply(first.action.unwrap_or_else(|| panic!("an action")));
        assert_eq!(
            count(&bench.workspace.agreements),
            count(&before) + first.added
        );
        assert!(bench.workspace.agreement_file().is_ok());

        // The same file again: every id is taken, so each gets `-2`.
        let again = add_targets(&bench.workspace.agreements, 0, &imported);
        assert_eq!(again.renamed.len(), imported.targets.len());
        assert_eq!(again.renamed[0].1, format!("{}-2", again.renamed[0].0));
        bench.apply(again.action.unwrap_or_else(|| panic!("an action")));
        assert!(bench.workspace.agreement_file().is_ok());

        bench.apply(Action::Undo);
        bench.apply(Action::Undo);
        assert_eq!(bench.workspace.agreements, before);
    }

    #[test]
    fn an_ics_import_adds_holidays_once_in_one_step_and_keeps_exclusions_as_written() {
        let workspace = templates::workspace("service-based", "2026-03");
        let mut bench = Bench::new("w".into(), workspace);
        let before = bench.workspace.agreements.clone();
        let range = IcsOptions::parse("2026-01-01", "2026-12-31").unwrap_or_else(|e| panic!("{e}"));
        let import = ics::import(BERLIN, &range).unwrap_or_else(|e| panic!("{e}"));
        let applied =
            apply(&bench.workspace.agreements, 0, &import).unwrap_or_else(|| panic!("calendar 0"));
        // The template already has six of Berlin's holidays.
        assert!(applied.holidays_added > 0);
        assert_eq!(
            applied.holidays_added + applied.windows_added + applied.already,
            import.holidays.len() + import.maintenance.len()
        );
        bench.apply(applied.action.unwrap_or_else(|| panic!("an action")));
        let holidays = get(&bench.workspace.agreements, "calendars[0].holidays")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        assert!(holidays.contains(&Value::String("2026-03-08".into())));
        // The template's window is still written as it was.
        assert_eq!(
            text(
                &bench.workspace.agreements,
                "calendars[0].exclusions[0].start"
            ),
            "2026-03-14T06:00"
        );
        assert!(bench.workspace.agreement_file().is_ok());
        // Everything is there now: a second import changes nothing.
        let again =
            apply(&bench.workspace.agreements, 0, &import).unwrap_or_else(|| panic!("calendar 0"));
        assert_eq!(again.action, None);
        bench.apply(Action::Undo);
        assert_eq!(bench.workspace.agreements, before);
    }

    #[test]
    fn a_calendar_with_an_unreadable_window_is_still_read() {
        let json = serde_json::json!({"calendars": [{"id": "c", "time_zone": "UTC", "hours": "24x7",
            "holidays": ["2026-01-01"],
            "exclusions": [{"start": "soon", "end": "later"}, {"start": "2026-02-01T00:00:00Z", "end": "2026-02-01T02:00:00Z"}]}]});
        let read = read_calendar(&json, 0).unwrap_or_else(|| panic!("calendar"));
        assert_eq!(read.unreadable, [0]);
        assert_eq!(read.calendar.exclusions.len(), 1);
        assert_eq!(read_calendar(&json, 1), None);
    }

    #[test]
    fn the_default_range_is_the_span_else_the_year_of_now() {
        let range = |span: &str| default_range(span, "Europe/Berlin", 1_790_000_000_000_000_000);
        assert_eq!(range("2026-02"), ("2026-02-01".into(), "2026-02-28".into()));
        assert_eq!(range("2026-Q4"), ("2026-10-01".into(), "2026-12-31".into()));
        assert_eq!(
            range("2026-03-01..2026-03-15"),
            ("2026-03-01".into(), "2026-03-15".into())
        );
        // 1.79e18 ns is in September 2026.
        assert_eq!(range("March"), ("2026-01-01".into(), "2026-12-31".into()));
    }

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(
            file_stem("Business hours / Berlin", "x"),
            "business-hours-berlin"
        );
        assert_eq!(file_stem("../", "calendar"), "calendar");
    }
}
