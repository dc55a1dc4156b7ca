//! The catalogue's own checks: English is complete and its plurals right,
//! and the language is chosen as `docs/i18n.md` says.

use super::*;

/// Every group's texts without values, with the group's name.
fn all_texts(catalogue: &Catalogue) -> Vec<(&'static str, &'static str, &'static str)> {
    let groups = [
        ("common", catalogue.common.all_texts()),
        ("quick", catalogue.quick.all_texts()),
        ("link", catalogue.link.all_texts()),
        ("import", catalogue.import.all_texts()),
        ("charts", catalogue.charts.all_texts()),
        ("structure", catalogue.structure.all_texts()),
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
    assert!(all_texts(&ENGLISH.texts).len() > 250);
    for language in LANGUAGES {
        for (group, name, text) in all_texts(&language.texts) {
            let at = format!("{}: {group}.{name}", language.tag);
            assert!(!text.trim().is_empty(), "{at} is empty");
            assert_eq!(text.trim_start(), text, "{at} starts with a space");
        }
    }
}

#[test]
fn language_tags_are_lowercase_and_unique() {
    let mut tags: Vec<&str> = LANGUAGES.iter().map(|l| l.tag).collect();
    assert_eq!(LANGUAGES[0].tag, "en", "English first: the fallback");
    for tag in &tags {
        assert_eq!(tag.to_ascii_lowercase(), *tag);
    }
    tags.sort_unstable();
    tags.dedup();
    assert_eq!(tags.len(), LANGUAGES.len());
}

#[test]
fn english_messages_with_values_are_written() {
    let t = &ENGLISH.texts;
    let messages = [
        t.common.figure_label("Availability", "99.9 %", None),
        t.quick.period_name(Period::AverageMonth),
        t.quick.weekday(0).to_string(),
        t.link.too_long(20, 16),
        t.import
            .summary(&rows(3, 3, 0), "0.1 KB", "0.0", false, false),
        t.charts.timeline_shaded(&["holiday"]),
        t.structure.json_syntax(1, 2, "expected value"),
    ];
    for message in messages {
        assert!(!message.trim().is_empty());
    }
    assert_eq!(t.quick.weekday(0), "Monday");
    assert_eq!(t.quick.weekday(99), "Sunday");
    assert_eq!(t.quick.period_name(Period::Day), "day");
    assert_eq!(
        t.common
            .figure_label("Availability", "43m 50s", Some("2,629.746 s")),
        "Availability: 43m 50s (2,629.746 s), show why"
    );
}

#[test]
fn english_plurals_agree_with_the_count() {
    let t = &ENGLISH.texts;
    assert_eq!(
        t.link.parts_ignored(&Count::plain(1)),
        "1 part of the link was not understood and was ignored."
    );
    assert_eq!(
        t.link.parts_ignored(&Count::plain(3)),
        "3 parts of the link were not understood and were ignored."
    );
    assert_eq!(
        t.charts.timeline_description(
            "1 Feb",
            "1 Mar",
            &Count::plain(1),
            &Count::plain(1),
            &Count::plain(0)
        ),
        "1 Feb to 1 Mar, 1 row: 1 outage counted, 0 not counted."
    );
    assert_eq!(
        t.charts.timeline_description(
            "1 Feb",
            "1 Mar",
            &Count::plain(2),
            &Count::plain(0),
            &Count::plain(2)
        ),
        "1 Feb to 1 Mar, 2 rows: 0 outages counted, 2 not counted."
    );
    assert_eq!(
        t.charts
            .trend_description(&Count::plain(1), &Count::plain(1), "expected 99.9 %"),
        "1 of 1 period with data met the expected 99.9 %."
    );
    assert_eq!(
        t.import
            .records_in_tab(&Count::plain(1), &["a.csv: 1 outages".into()]),
        "1 record imported in this tab (a.csv: 1 outages); they are not saved when you close it."
    );
    // The number as the caller wrote it, the form from its value.
    let many = Count::shown(1_234, "1,234".into());
    assert_eq!(
        t.import.already_imported(&many),
        "1,234 records are already imported. This import will:"
    );
    assert_eq!(
        t.import.already_imported(&Count::plain(1)),
        "1 record is already imported. This import will:"
    );
    assert_eq!(
        t.import.summary(&Rows { read: many.clone(), used: Count::plain(1), skipped: Count::plain(0) }, "1.0 MB", "0.2", true, true),
        "1,234 rows: 1 used, 0 skipped · 1.0 MB in 0.2 s · replaced the outages and tickets of the measurements"
    );
    assert_eq!(
        t.import
            .summary(&rows(1, 1, 0), "0.1 KB", "0.0", false, false),
        "1 row: 1 used, 0 skipped · 0.1 KB in 0.0 s"
    );
}

/// A second language for the tests: its own common words, English
/// elsewhere (a real language implements every group).
struct Pirate;

translate! {
    Common for Pirate {
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

static PIRATE: Language = Language {
    tag: "en-pirate",
    texts: Catalogue {
        common: &Pirate,
        quick: &English,
        link: &English,
        import: &English,
        charts: &English,
        structure: &English,
    },
};

static FAKE: Language = Language {
    tag: "xx",
    texts: Catalogue {
        common: &Pirate,
        quick: &English,
        link: &English,
        import: &English,
        charts: &English,
        structure: &English,
    },
};

fn reader(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|t| (*t).to_string()).collect()
}

#[test]
fn a_second_language_is_chosen_by_the_page_then_by_the_reader() {
    let available: &[&Language] = &[&ENGLISH, &FAKE];
    // The page's `<html lang>` first, region and case ignored.
    let chosen = choose(Some("XX-yy"), &reader(&["en-GB"]), available);
    assert_eq!(chosen.tag, "xx");
    assert_eq!(chosen.texts.common.dismiss(), "Belay that");
    // A page language the app does not have: the reader's first one it has.
    assert_eq!(
        choose(Some("ja"), &reader(&["fr", "xx", "en"]), available).tag,
        "xx"
    );
    assert_eq!(
        choose(None, &reader(&["de-AT", "en-US"]), available).tag,
        "en"
    );
    // Nothing known: English.
    assert_eq!(choose(Some(""), &reader(&["fr"]), available).tag, "en");
    assert_eq!(choose(None, &[], &[&FAKE]).tag, "en");
}

#[test]
fn a_regional_language_wins_over_its_primary_language() {
    let available: &[&Language] = &[&ENGLISH, &PIRATE];
    assert_eq!(choose(Some("en-PIRATE"), &[], available).tag, "en-pirate");
    assert_eq!(choose(Some("en_pirate"), &[], available).tag, "en-pirate");
    assert_eq!(choose(Some("en-GB"), &[], available).tag, "en");
}

#[test]
fn the_app_speaks_english_without_a_browser() {
    assert_eq!(language().tag, "en");
    assert_eq!(texts().quick.add_component(), "Add component");
    assert!(LANGUAGES.iter().any(|l| std::ptr::eq(*l, &ENGLISH)));
}
