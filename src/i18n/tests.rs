//! The catalogue's own checks: every language is complete and English's
//! plurals are right, and the language is chosen as `docs/i18n.md` says.

use super::*;

/// Every group's texts without values, with the group's name.
fn all_texts(language: Language) -> Vec<(&'static str, &'static str, &'static str)> {
    let groups = [
        ("common", language.common().all_texts()),
        ("quick", language.quick().all_texts()),
        ("link", language.link().all_texts()),
        ("import", language.import().all_texts()),
        ("charts", language.charts().all_texts()),
        ("structure", language.structure().all_texts()),
        ("interop", language.interop().all_texts()),
        ("embed", language.embed().all_texts()),
        ("site", language.site().all_texts()),
        ("compare", language.compare().all_texts()),
        ("workbench", language.workbench().all_texts()),
        ("share", language.share().all_texts()),
        ("statuses", language.statuses().all_texts()),
        ("report", language.report().all_texts()),
        ("measurements", language.measurements().all_texts()),
        ("workspace_file", language.workspace_file().all_texts()),
        ("templates", language.templates().all_texts()),
    ];
    groups
        .into_iter()
        .flat_map(|(group, texts)| texts.into_iter().map(move |(k, v)| (group, k, v)))
        .collect()
}

fn rows(read: usize, used: usize, skipped: usize) -> Rows {
    Rows {
        read: Count::plain(read),
        used: Count::plain(used),
        skipped: Count::plain(skipped),
    }
}

#[test]
fn every_text_of_every_language_is_written() {
    assert!(all_texts(Language::English).len() > 250);
    for (tag, language) in LANGUAGES {
        assert_eq!(language.tag(), *tag);
        for (group, name, text) in all_texts(*language) {
            let at = format!("{tag}: {group}.{name}");
            assert!(!text.trim().is_empty(), "{at} is empty");
            assert_eq!(text.trim_start(), text, "{at} starts with a space");
        }
    }
}

#[test]
fn language_tags_are_lowercase_and_unique() {
    let mut tags: Vec<&str> = LANGUAGES.iter().map(|(tag, _)| *tag).collect();
    assert_eq!(
        LANGUAGES[0],
        ("en", Language::English),
        "the fallback first"
    );
    for tag in &tags {
        assert_eq!(tag.to_ascii_lowercase(), *tag);
    }
    tags.sort_unstable();
    tags.dedup();
    assert_eq!(tags.len(), LANGUAGES.len());
}

#[test]
fn english_messages_with_values_are_written() {
    let t = Language::English;
    assert_eq!(t.quick().weekday(0), "Monday");
    assert_eq!(t.quick().weekday(99), "Sunday");
    assert_eq!(t.quick().period_name(Period::Day), "day");
    assert_eq!(
        t.quick().period_name(Period::AverageMonth),
        "month (average)"
    );
    assert_eq!(
        t.common()
            .figure_label("Availability", "43m 50s", Some("2,629.746 s")),
        "Availability: 43m 50s (2,629.746 s), show why"
    );
    assert_eq!(
        t.common().figure_label("Availability", "99.9 %", None),
        "Availability: 99.9 %, show why"
    );
    assert_eq!(
        t.charts()
            .timeline_shaded(&["holiday", "maintenance window"]),
        "Shaded: holiday, maintenance window."
    );
    assert_eq!(
        t.structure().json_syntax(1, 2, "expected value"),
        "Line 1, column 2: expected value. Nothing was changed; your text is kept here."
    );
    // A provider's name that ends with its own full stop ends the sentence.
    assert_eq!(
        t.embed().terms_of("Example Cloud Inc."),
        "Terms of Example Cloud Inc. Computed in your browser: nothing you enter leaves this page."
    );
    assert_eq!(
        t.embed().terms_of("Acme"),
        "Terms of Acme. Computed in your browser: nothing you enter leaves this page."
    );
    assert_eq!(
        t.import().impact_words(&[("down", 100, false), ("maintenance", 100, true)]),
        "Impact words: down = 100 %, maintenance = 100 % (planned). A percentage is read as written."
    );
}

#[test]
fn english_plurals_agree_with_the_count() {
    let t = Language::English;
    assert_eq!(
        t.link().parts_ignored(&Count::plain(1)),
        "1 part of the link was not understood and was ignored."
    );
    assert_eq!(
        t.link().parts_ignored(&Count::plain(3)),
        "3 parts of the link were not understood and were ignored."
    );
    let one = Count::plain(1);
    let (zero, two) = (Count::plain(0), Count::plain(2));
    assert_eq!(
        t.charts()
            .timeline_description("1 Feb", "1 Mar", &one, &one, &zero),
        "1 Feb to 1 Mar, 1 row: 1 outage counted, 0 not counted."
    );
    assert_eq!(
        t.charts()
            .timeline_description("1 Feb", "1 Mar", &two, &zero, &two),
        "1 Feb to 1 Mar, 2 rows: 0 outages counted, 2 not counted."
    );
    assert_eq!(
        t.charts().trend_description(&one, &one, "expected 99.9 %"),
        "1 of 1 period with data met the expected 99.9 %."
    );
    assert_eq!(
        t.import()
            .records_in_tab(&one, &["a.csv: 1 outages".into()]),
        "1 record imported in this tab (a.csv: 1 outages); they are not saved when you close it."
    );
    // The number as the caller wrote it, the form from its value.
    let many = Count::shown(1_234, "1,234".into());
    assert_eq!(
        t.import().already_imported(&many),
        "1,234 records are already imported. This import will:"
    );
    assert_eq!(
        t.import().already_imported(&one),
        "1 record is already imported. This import will:"
    );
    let read = Rows {
        read: many,
        used: one.clone(),
        skipped: zero,
    };
    assert_eq!(
        t.import().summary(&read, "1.0 MB", "0.2", true, true),
        "1,234 rows: 1 used, 0 skipped · 1.0 MB in 0.2 s · replaced the outages and tickets of the measurements"
    );
    assert_eq!(
        t.import()
            .summary(&rows(1, 1, 0), "0.1 KB", "0.0", false, false),
        "1 row: 1 used, 0 skipped · 0.1 KB in 0.0 s"
    );
    assert_eq!(
        t.import().preview_caption(&one),
        "The first row, and what each column is imported as"
    );
}

/// A second language for the tests, with its own common words.
struct Pirate;

translate! {
    PIRATE_COMMON: Common, CommonMessages for Pirate {
        dismiss: "Belay that",
        remove: "Make 'em walk the plank",
        error_prefix: "Blimey: ",
        warning_prefix: "Avast: ",
        none_choice: "(nothin')",
        exact_prefix: "Dead on: ",
        formula_prefix: "Reckonin': ",
        here_prefix: "Here be: ",
        convention_prefix: "Pirate code: ",
    }

    fn figure_title(&self, exact: &str) -> String {
        format!("dead on: {exact}")
    }

    fn figure_label(&self, what: &str, value: &str, _exact: Option<&str>) -> String {
        format!("{what}: {value}, show me the map")
    }
}

#[test]
fn english_workbench_counts_agree_with_their_plurals() {
    let en = Language::English;
    assert_eq!(
        en.workbench()
            .problem_summary(&Count::plain(0), &Count::plain(1)),
        "0 problems and 1 alignment warning in the agreements (listed below and on their fields)."
    );
    assert_eq!(
        en.workbench().agreements_have_problems(&Count::plain(1)),
        "The agreements have 1 problem: fix it (marked on its field) to see the report."
    );
    assert_eq!(
        en.report().skipped_records(&Count::plain(2)),
        "2 measurement records could not be used"
    );
    assert_eq!(
        en.report().what_if_on(None, Some((&Count::plain(1), "P1"))),
        "What-if on:  +1 breached P1 ticket — not saved. "
    );
    let summary = ReportSummary {
        targets: Count::plain(1),
        met: Count::plain(1),
        missed: Count::plain(0),
        below_minimum: Count::plain(0),
        no_data: Count::plain(0),
        before_caps: "€0.00".into(),
        paid: "€0.00".into(),
        net: "€0.00".into(),
        terminations: Count::plain(1),
    };
    assert!(en
        .report()
        .summary("2026-03", &summary)
        .starts_with("2026-03: 1 target · 1 met"));
    assert!(en
        .report()
        .summary("2026-03", &summary)
        .ends_with("· 1 termination right TRIGGERED"));
}

#[test]
fn english_interop_messages_agree_with_their_counts() {
    let t = Language::English.interop();
    let one = Count::plain(1);
    let three = Count::plain(3);
    assert_eq!(
        t.openslo_found("shop.yaml", &one, &three, &Count::plain(0)),
        "shop.yaml: 1 target, 3 services; 0 notes about what was not taken over as it is."
    );
    assert_eq!(t.add_targets(&one), "Add 1 target");
    assert_eq!(
        t.targets_added(&three, "Mail SLA", &[("a".into(), "a-2".into())]),
        "3 targets added to “Mail SLA”; Undo takes them back. Ids the agreement already had were renamed: a → a-2."
    );
    let added = IcsAdded {
        holidays: Count::plain(1),
        windows: Count::plain(0),
        already: Count::plain(1),
    };
    assert_eq!(
        t.ics_added("b.ics", "office", &added, "2026-01-01", "2026-12-31"),
        "b.ics (2026-01-01 to 2026-12-31): 1 holiday and 0 maintenance windows added to office (1 was already there); Undo takes them back."
    );
    assert_eq!(
        t.ics_windows_unreadable(&[2]),
        "maintenance window 2 has a start or end that cannot be read; fix it first"
    );
    assert_eq!(
        t.period(sla_engine::model::PeriodKind::RollingDays(28)),
        "rolling 28 days"
    );
}

#[test]
fn english_measurements_messages_agree_with_their_counts() {
    use crate::state::workbench::workspace::Table;
    let t = Language::English.measurements();
    assert_eq!(
        t.reopened(&Count::plain(1)),
        "Reopened 1 time: kept as in the file."
    );
    assert_eq!(
        t.reopened(&Count::plain(2)),
        "Reopened 2 times: kept as in the file."
    );
    assert_eq!(
        t.services_not_drawn(&Count::plain(1)),
        "1 more service is not drawn."
    );
    assert_eq!(
        t.outages_not_drawn(&Count::shown(1_200, "1,200".into()), 500),
        "1,200 outages are not drawn: at most 500 per service."
    );
    assert_eq!(
        t.outages_not_drawn(&Count::plain(1), 500),
        "1 outage is not drawn: at most 500 per service."
    );
    assert_eq!(
        t.heading(Table::Manual, &Count::shown(1_234, "1,234".into())),
        "Manual values (1,234)"
    );
    assert_eq!(
        t.cell_label(Table::Manual, 4, t.col_value),
        "Manual value 4 Value"
    );
    assert_eq!(
        t.fill_in(Table::Outages, &[t.col_start, t.col_end]),
        "Fill in Start, End to add this outage."
    );
    assert_eq!(
        t.unknown_manual_target("sla/x", &[]),
        "The agreements have no manual target `sla/x` (they have none)."
    );
    assert_eq!(
        t.row_shaded("mail", "24×7 in UTC", "sla/a", &[t.shade_holidays]),
        "mail: service time of 24×7 in UTC, from target `sla/a`; the holidays not shaded (too many to draw over this span: choose a shorter span)."
    );
}

#[test]
fn english_workspace_file_messages_keep_the_keys_they_are_given() {
    let t = Language::English.workspace_file();
    assert_eq!(
        t.unknown_field("colour", &["format", "version", "name"]),
        "colour: unknown field; a workspace has format, version and name."
    );
    assert_eq!(
        t.not_a_list("agreements.services"),
        "agreements.services: expected a list."
    );
    assert_eq!(Language::English.templates().blank_name, "New agreement");
}

fn reader(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|t| (*t).to_string()).collect()
}

#[test]
fn a_second_language_is_chosen_by_the_page_then_by_the_reader() {
    let available = [("en", &en::COMMON), ("xx", &PIRATE_COMMON)];
    let tag = |page: Option<&str>, langs: &[&str]| {
        choose(page, &reader(langs), &available).map(|c| c.dismiss)
    };
    // The page's `<html lang>` first, region and case ignored.
    assert_eq!(tag(Some("XX-yy"), &["en-GB"]), Some("Belay that"));
    let pirate = choose(Some("xx"), &[], &available).expect("a language");
    assert_eq!(
        pirate.figure_label("Gold", "3", None),
        "Gold: 3, show me the map"
    );
    // A page language the app does not have: the reader's first one it has.
    assert_eq!(tag(Some("ja"), &["fr", "xx", "en"]), Some("Belay that"));
    assert_eq!(tag(None, &["de-AT", "en-US"]), Some("Dismiss"));
    // Nothing known: none (the app then shows English).
    assert_eq!(tag(Some(""), &["fr"]), None);
    assert_eq!(tag(None, &[]), None);
}

#[test]
fn a_regional_language_wins_over_its_primary_language() {
    let available = [("en", "English"), ("en-pirate", "Pirate")];
    assert_eq!(choose(Some("en-PIRATE"), &[], &available), Some("Pirate"));
    assert_eq!(choose(Some("en_pirate"), &[], &available), Some("Pirate"));
    assert_eq!(choose(Some("en-GB"), &[], &available), Some("English"));
}

#[test]
fn the_app_speaks_english_without_a_browser() {
    assert_eq!(texts(), Language::English);
    assert_eq!(texts().tag(), "en");
    assert_eq!(texts().quick().add_component, "Add component");
}
