//! The "Compare vendor SLAs" page in a real headless Chromium
//! (wasm-bindgen-test): built in a fresh `<main>` with a fixed "today" and
//! its own storage key, driven through its DOM as a visitor would, its
//! output read back.
//! Run with `cargo test -p sla-app --target wasm32-unknown-unknown --test compare`.
#![cfg(target_arch = "wasm32")]

mod common;

use common::{choose, document, find, fresh_root, get, storage, text, tick, type_into, until};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const LOG: &str = include_str!("../examples/vendor-outages-2026-07.csv");

/// Builds the page in a fresh `<main>`, kept under `key`, today `today`
/// (the browser's clock when `None`); waits for its inputs, which the page
/// adds once its result has painted.
async fn mount_on(key: &str, today: Option<chrono::NaiveDate>) -> Element {
    let root = fresh_root();
    let main = document().create_element("main").expect("main");
    root.append_child(&main).expect("append");
    let today = today.unwrap_or_else(sla_app::browser::today);
    sla_app::pages::compare::mount(main, today, key);
    until("the page's inputs", || {
        find(&root, "#compare-claim-title").is_some()
            && find(&root, "#pick-aws-ec2-region").is_some()
    })
    .await;
    root
}

/// Builds the page in a fresh element, kept under `key`, today 2026-08-10.
async fn mount(key: &str) -> Element {
    mount_on(key, chrono::NaiveDate::from_ymd_opt(2026, 8, 10)).await
}

fn fresh_key(name: &str) -> String {
    let key = format!("sla.compare.test.{name}");
    let _ = storage().remove_item(&key);
    key
}

#[wasm_bindgen_test]
async fn a_pasted_log_with_a_bad_row_lists_the_problem_and_keeps_the_good_rows() {
    let root = mount(&fresh_key("bad-row")).await;
    type_into(
        &get(&root, "#compare-csv"),
        "start,end,description\n\
         2026-07-03T10:00:20Z,2026-07-03T10:03:20Z,ok\n\
         2026-07-04T10:00:00Z,yesterday,typo\n\
         2026-07-05T10:00:00Z,2026-07-05T10:30:00Z,ok too\n",
    )
    .await;
    assert_eq!(
        text(&root, "#compare-log-status"),
        "⚠ 2 of 3 rows read; 1 row left out, because of this problem:"
    );
    let problems = text(&root, ".compare-problems");
    assert!(
        problems.starts_with("Line 3, column end, field “yesterday”: `yesterday` is not a time"),
        "{problems}"
    );
    // The good rows are compared.
    tick(&get(&root, "#pick-aws-ec2-region"), true).await;
    assert!(text(&root, "#compare-summary").contains("on 2 outages"));
}

#[wasm_bindgen_test]
async fn picked_presets_are_compared_side_by_side_with_the_claim() {
    let root = mount(&fresh_key("journey")).await;
    type_into(&get(&root, "#compare-csv"), LOG).await;
    assert_eq!(text(&root, "#compare-log-status"), "✓ 10 outages read.");
    assert_eq!(
        text(&root, "#compare-summary"),
        "Pick one or more SLAs (3. Vendor SLAs to compare) to compare them."
    );
    type_into(&get(&root, "#compare-bill"), "1000.00").await;
    for id in [
        "aws-ec2-region",
        "aws-s3-standard",
        "gcp-compute-multi-zone",
    ] {
        tick(&get(&root, &format!("#pick-{id}")), true).await;
    }
    assert_eq!(
        text(&root, "#compare-summary"),
        "3 SLAs compared for 2026-07 on 10 outages: 3 missed their commitment, 3 credits due."
    );
    // Independent figures: crates/presets/tests/fixtures/expected-presets.json.
    for (id, uptime, deadline, left) in [
        ("aws-ec2-region", "99.4914", "2026-09-30", "51 days left"),
        ("aws-s3-standard", "99.5071", "2026-09-30", "51 days left"),
        (
            "gcp-compute-multi-zone",
            "99.5004",
            "2026-09-29",
            "50 days left",
        ),
    ] {
        let row = text(&root, &format!("#compare-row-{id}"));
        assert!(row.contains(&format!("{uptime} %")), "{id}: {row}");
        assert!(row.contains("✗ missed"), "{id}: {row}");
        assert!(row.contains("10 %: $100.00"), "{id}: {row}");
        assert!(row.contains(&format!("{deadline}{left}")), "{id}: {row}");
    }
    assert!(!text(&root, ".compare-differences").is_empty());
    // The claim, for the first preset picked; then for another.
    let claim: HtmlTextAreaElement = get(&root, "#claim-text").dyn_into().expect("textarea");
    assert!(claim
        .value()
        .starts_with("Subject: SLA Credit Request — AWS EC2 region-level, 2026-07\n"));
    assert!(text(&root, "#claim-status")
        .starts_with("✓ A credit is due (10 %: $100.00). Claim it by 2026-09-30"));
    choose(&get(&root, "#claim-preset"), "gcp-compute-multi-zone").await;
    let claim: HtmlTextAreaElement = get(&root, "#claim-text").dyn_into().expect("textarea");
    assert!(
        claim.value().contains("GCE multi-zone, 2026-07"),
        "{}",
        claim.value()
    );
    assert!(text(&root, "#claim-status").contains("2026-09-29"));
    // Unpicking the claim's preset moves the claim to the first one left.
    tick(&get(&root, "#pick-gcp-compute-multi-zone"), false).await;
    let claim: HtmlTextAreaElement = get(&root, "#claim-text").dyn_into().expect("textarea");
    assert!(claim.value().contains("AWS EC2 region-level, 2026-07"));
}

#[wasm_bindgen_test]
async fn the_input_is_kept_for_the_next_visit() {
    let key = fresh_key("kept");
    let root = mount(&key).await;
    type_into(&get(&root, "#compare-csv"), LOG).await;
    type_into(&get(&root, "#compare-bill"), "250.50").await;
    type_into(&get(&root, "#compare-currency"), "EUR").await;
    tick(&get(&root, "#pick-aws-s3-standard"), true).await;
    root.remove();

    let again = mount(&key).await;
    let bill: HtmlInputElement = get(&again, "#compare-bill").dyn_into().expect("input");
    assert_eq!(bill.value(), "250.50");
    let picked: HtmlInputElement = get(&again, "#pick-aws-s3-standard")
        .dyn_into()
        .expect("checkbox");
    assert!(picked.checked());
    assert!(text(&again, "#compare-row-aws-s3-standard").contains("€25.05"));
}

#[wasm_bindgen_test]
async fn unreadable_storage_is_set_aside_and_the_page_starts_afresh() {
    let key = fresh_key("unreadable");
    storage().set_item(&key, "{\"version\": 99}").expect("set");
    let root = mount(&key).await;
    assert!(text(&root, "#compare-storage-unreadable")
        .contains("another version of this page (version 99)"));
    assert_eq!(
        storage()
            .get_item("sla.compare.unreadable")
            .ok()
            .flatten()
            .as_deref(),
        Some("{\"version\": 99}")
    );
    let month: HtmlInputElement = get(&root, "#compare-month").dyn_into().expect("input");
    assert_eq!(month.value(), "2026-07");
}

#[wasm_bindgen_test]
async fn the_table_marks_a_bad_cell_and_names_its_row() {
    let root = mount(&fresh_key("table")).await;
    tick(&get(&root, "#compare-mode-table"), true).await;
    type_into(&get(&root, "#compare-row-0-start"), "2026-07-03 10:00").await;
    type_into(&get(&root, "#compare-row-0-end"), "soon").await;
    let end = get(&root, "#compare-row-0-end");
    assert_eq!(end.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(text(&root, ".compare-problems").starts_with("Outage 1, End: `soon` is not a time"));
    type_into(&get(&root, "#compare-row-0-end"), "2026-07-03 10:05").await;
    assert_eq!(text(&root, "#compare-log-status"), "✓ 1 outage read.");
    choose(
        &get(&root, "#compare-row-0-excluded"),
        "scheduled_maintenance",
    )
    .await;
    tick(&get(&root, "#pick-generic-template"), true).await;
    // The template excludes scheduled maintenance: nothing is counted.
    assert!(text(&root, "#compare-row-generic-template").contains("100.0000 %"));
    // The CSV text was not touched by the table.
    tick(&get(&root, "#compare-mode-csv"), true).await;
    let csv: HtmlTextAreaElement = get(&root, "#compare-csv").dyn_into().expect("textarea");
    assert_eq!(csv.value(), "");
}

#[wasm_bindgen_test]
async fn a_bad_bill_is_named_under_its_field_and_the_results_wait() {
    let root = mount(&fresh_key("bill")).await;
    tick(&get(&root, "#pick-aws-ec2-region"), true).await;
    type_into(&get(&root, "#compare-bill"), "12.345").await;
    assert!(text(&root, "#compare-bill-error").contains("more decimals than the currency"));
    assert_eq!(
        text(&root, "#compare-summary"),
        "Fix the month, the bill or the currency (2.) to see the comparison."
    );
    type_into(&get(&root, "#compare-bill"), "12.34").await;
    assert!(text(&root, "#compare-summary").starts_with("1 SLA compared for 2026-07 on 0 outages"));
}

/// Under the test browser (`browser::TEST`), the page reads the test clock
/// and keeps its input in memory, not in the browser's `localStorage`.
#[wasm_bindgen_test]
async fn under_the_test_browser_the_page_reads_its_clock_and_keeps_its_input_in_memory() {
    use sla_app::browser::{self, seam::test};
    /// Puts the real browser back even when an assertion fails, so that
    /// the tests after this one run on it.
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            browser::install(&browser::WEB);
        }
    }
    let key = fresh_key("in-memory");
    browser::install(&browser::TEST);
    let _restore = Restore;
    test::reset();
    let root = mount_on(&key, None).await;
    let month: HtmlInputElement = get(&root, "#compare-month").dyn_into().expect("input");
    let month = month.value();
    type_into(&get(&root, "#compare-bill"), "250.50").await;
    let kept = test::kept(&key);
    let in_browser = storage().get_item(&key).ok().flatten();
    root.remove();
    // The test clock stands at 2026-02-15: the month before is proposed.
    assert_eq!(month, "2026-01");
    assert!(kept.is_some_and(|k| k.contains("250.50")));
    assert_eq!(in_browser, None);
}
