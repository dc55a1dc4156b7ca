//! OpenSLO and iCalendar files in the workbench, in a real headless
//! Chromium (wasm-bindgen-test): the whole workbench is mounted, files are
//! given to its file inputs as a person picking them would, and what changed
//! is read back from the screen and from undo.
//! Run with `cargo test -p sla-app --target wasm32-unknown-unknown --test interop`.
//!
//! The files are the interop crate's fixtures (`crates/interop/tests/fixtures/`).
#![cfg(target_arch = "wasm32")]

mod common;

use common::{
    all, bubbling, button, choose, clear_app_keys, click, find, fresh_root, is_disabled, labelled,
    text, trimmed, type_into, until, value_of,
};
use sla_app::pages::workbench::fields::field_id;
use sla_app::pages::workbench::{Editors, Opened, Workbench, WorkbenchProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

const WEB_SHOP: &str = include_str!("../crates/interop/tests/fixtures/openslo-web-shop.yaml");
const BROKEN: &str = include_str!("../crates/interop/tests/fixtures/openslo-broken.yaml");
const BERLIN: &str = include_str!("../crates/interop/tests/fixtures/holidays-berlin-2026.ics");
const OUTLOOK: &str = include_str!("../crates/interop/tests/fixtures/outlook-maintenance.ics");

// ---------------------------------------------------------------------------
// Mounting, waiting, finding and acting as a person would

/// The real browser, but for the site's files: the test runner serves no
/// site, so the templates the workbench fetches come from `examples/`.
static SITE: sla_app::browser::Browser = sla_app::browser::Browser {
    site_text: Some(sla_app::browser::seam::test::site_text),
    ..sla_app::browser::WEB
};

async fn mount_workbench() -> (Element, AppHandle<Workbench>) {
    // Zones come from the browser's Intl.
    sla_app::browser::zone::install();
    sla_app::browser::install(&SITE);
    // The page of these tests has no interop module to load: the module's
    // functions are given from this wasm, called through the same
    // JavaScript calls.
    sla_app::interop::provide(sla_app::interop::local_bindings());
    let root = fresh_root();
    let props = WorkbenchProps {
        month: "2026-02".into(),
        opened: Opened::read().await,
        editors: Editors::FULL,
        ..WorkbenchProps::default()
    };
    let handle = yew::Renderer::<Workbench>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    // A first visit opens on the report: these tests start on the agreements.
    if let Some(tab) = find(&root, "#tab-structure") {
        click(&tab.unchecked_into()).await;
    }
    (root, handle)
}

fn unmount(root: Element, handle: AppHandle<Workbench>) {
    handle.destroy();
    root.remove();
}

/// Removes every key of this app (`sla.…`) from `localStorage`, and every
/// workspace from the workbench's store (IndexedDB).
async fn clear_storage() {
    clear_app_keys();
    let (store, _) = sla_app::state::workbench::store::Store::open().await;
    for entry in store.index().await.workspaces {
        store.delete(&entry.id).await.expect("deleted");
    }
}

/// The outline entry whose name starts with `start` (`Calendars (1)`).
fn outline_item(root: &Element, start: &str) -> HtmlElement {
    all(root, "button.outline-item")
        .into_iter()
        .filter_map(|e| e.dyn_into::<HtmlElement>().ok())
        .find(|b| trimmed(b).starts_with(start))
        .unwrap_or_else(|| panic!("no outline entry {start:?}"))
}

/// Gives the file input `selector` a file `name` holding `content`, as a
/// person picking it would (a `DataTransfer` gives the input its file list).
async fn pick_file(root: &Element, selector: &str, name: &str, content: &str) {
    use js_sys::{Array, Function, Reflect};
    let file =
        web_sys::File::new_with_str_sequence(&Array::of1(&content.into()), name).expect("a file");
    let window: wasm_bindgen::JsValue = web_sys::window().expect("a window").into();
    let constructor: Function = Reflect::get(&window, &"DataTransfer".into())
        .expect("DataTransfer")
        .dyn_into()
        .expect("a constructor");
    let transfer = Reflect::construct(&constructor, &Array::new()).expect("a DataTransfer");
    let items = Reflect::get(&transfer, &"items".into()).expect("items");
    let add: Function = Reflect::get(&items, &"add".into())
        .expect("add")
        .dyn_into()
        .expect("a function");
    add.call1(&items, &file).expect("added");
    let input = find(root, selector).unwrap_or_else(|| panic!("no file input {selector}"));
    Reflect::set(
        &input,
        &"files".into(),
        &Reflect::get(&transfer, &"files".into()).expect("files"),
    )
    .expect("files set");
    input.dispatch_event(&bubbling("change")).expect("dispatch");
    yew::scheduler::flush().await;
}

/// Starts a new workspace from a template with the toolbar.
async fn new_from(root: &Element, template: &str) {
    choose(&labelled(root, "New workspace from"), template).await;
    click(&button(root, "Create")).await;
    until("the new workspace", || {
        text(root, "#workbench-message").contains("Created the workspace")
    })
    .await;
}

/// The target names the outline lists.
fn outline_targets(root: &Element) -> Vec<String> {
    all(root, ".outline-targets > li")
        .iter()
        .map(trimmed)
        .collect()
}

// ---------------------------------------------------------------------------
// OpenSLO

#[wasm_bindgen_test]
async fn an_openslo_file_opens_as_a_new_workspace_with_its_targets_and_notes() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    let before = value_of(&labelled(&root, "Workspace"));
    click(&button(&root, "OpenSLO import / export")).await;
    pick_file(&root, "#openslo-file", "openslo-web-shop.yaml", WEB_SHOP).await;
    until("the file to be read", || {
        find(&root, "#openslo-summary").is_some()
    })
    .await;
    assert!(
        text(&root, "#openslo-summary").starts_with("openslo-web-shop.yaml: 5 targets, 1 service;"),
        "{}",
        text(&root, "#openslo-summary")
    );
    // Every target is listed before anything changes.
    let ids: Vec<String> = all(&root, "#openslo-targets tbody tr td:first-child")
        .iter()
        .map(trimmed)
        .collect();
    assert_eq!(
        ids,
        [
            "checkout-availability",
            "catalogue-good-minutes",
            "search-ratio",
            "checkout-latency-p95-under-300-ms",
            "checkout-latency-p99-under-1-s"
        ]
    );
    // The notes name document, kind, name, field, line and column: the
    // DataSource of document 2 (line 11) is ignored.
    let data_source = all(&root, "#openslo-notes tbody tr")
        .into_iter()
        .map(|row| all(&row, "td").iter().map(trimmed).collect::<Vec<_>>())
        .find(|cells| cells.get(2).map(String::as_str) == Some("DataSource"))
        .expect("a note on the DataSource");
    assert_eq!(data_source[0], "ignored");
    assert_eq!(data_source[1], "2");
    assert_eq!(data_source[3], "prometheus");
    assert_eq!(
        (data_source[5].as_str(), data_source[6].as_str()),
        ("11", "1")
    );
    assert_eq!(
        value_of(&labelled(&root, "Workspace")),
        before,
        "nothing changed yet"
    );

    type_into(
        &labelled(&root, "Name of the new workspace"),
        "Web shop SLOs",
    )
    .await;
    click(&button(&root, "Create the workspace")).await;
    until("the new workspace", || {
        value_of(&labelled(&root, "Name")) == "Web shop SLOs"
    })
    .await;
    assert_ne!(value_of(&labelled(&root, "Workspace")), before);
    assert!(text(&root, "#openslo-applied").contains("opened as the new workspace “Web shop SLOs”"));
    let targets = outline_targets(&root);
    assert_eq!(targets.len(), 5, "{targets:?}");
    assert!(
        targets.contains(&"Successful checkouts".to_string()),
        "{targets:?}"
    );
    // The file's calendar windows are in Europe/Berlin: the agreements' zone.
    assert!(find(&root, "#report-blocked").is_none());
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_broken_openslo_file_shows_its_line_and_column_and_changes_nothing() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    let workspace = value_of(&labelled(&root, "Workspace"));
    let outline = outline_targets(&root);
    click(&button(&root, "OpenSLO import / export")).await;
    type_into(&labelled(&root, "…or paste OpenSLO YAML or JSON"), BROKEN).await;
    click(&button(&root, "Read the pasted text")).await;
    until("the error", || find(&root, "#openslo-error").is_some()).await;
    let error = text(&root, "#openslo-error");
    assert!(
        error.contains("document 2, line 14, column 18: not valid YAML"),
        "{error}"
    );
    assert!(error.contains("Nothing was changed."), "{error}");
    let location: Vec<String> = all(&root, "#openslo-error dd")
        .iter()
        .map(trimmed)
        .collect();
    assert_eq!(location, ["2", "14", "18"]);
    // Nothing to apply, nothing changed, and the pasted text is still there.
    assert!(find(&root, "#openslo-apply").is_none());
    assert_eq!(value_of(&labelled(&root, "Workspace")), workspace);
    assert_eq!(outline_targets(&root), outline);
    assert!(is_disabled(&root, "#undo"));
    assert_eq!(
        value_of(&labelled(&root, "…or paste OpenSLO YAML or JSON")),
        BROKEN
    );
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn openslo_targets_join_a_chosen_agreement_in_one_undo_step() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    new_from(&root, "service-based").await;
    let before = outline_targets(&root);
    click(&button(&root, "OpenSLO import / export")).await;
    pick_file(&root, "#openslo-file", "shop.yaml", WEB_SHOP).await;
    until("the file to be read", || {
        find(&root, "#openslo-summary").is_some()
    })
    .await;
    let radio: HtmlElement = labelled(&root, "Targets of an agreement of this workspace")
        .dyn_into()
        .expect("a radio");
    click(&radio).await;
    choose(&labelled(&root, "Add to the agreement"), "network-ola").await;
    click(&button(&root, "Add 5 targets")).await;
    assert!(
        text(&root, "#openslo-applied").starts_with("5 targets added to “"),
        "{}",
        text(&root, "#openslo-applied")
    );
    let after = outline_targets(&root);
    assert_eq!(after.len(), before.len() + 5);
    assert!(
        after.contains(&"Successful checkouts".to_string()),
        "{after:?}"
    );
    // One step: a single undo takes all five back.
    click(&button(&root, "Undo")).await;
    assert_eq!(outline_targets(&root), before);
    assert!(is_disabled(&root, "#undo"));
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn the_agreements_download_as_openslo_with_what_openslo_cannot_say() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    new_from(&root, "service-based").await;
    click(&button(&root, "OpenSLO import / export")).await;
    click(&button(&root, "Download OpenSLO (YAML)")).await;
    until("the export", || find(&root, "#openslo-exported").is_some()).await;
    let said = text(&root, "#openslo-exported");
    assert!(
        said.starts_with("Downloaded e-mail-service-sla-service-based.openslo.yaml: "),
        "{said}"
    );
    assert!(said.contains("OpenSLO cannot say"), "{said}");
    let notes: Vec<String> = all(&root, "#openslo-export-notes li")
        .iter()
        .map(trimmed)
        .collect();
    assert!(
        notes.iter().any(|n| n.starts_with("calendars")),
        "the calendar is lost: {notes:?}"
    );
    assert!(notes.iter().any(|n| n.contains(".credit")), "{notes:?}");
    unmount(root, handle);
    clear_storage().await;
}

// ---------------------------------------------------------------------------
// iCalendar

/// The holidays of calendar 0 as its field shows them.
fn holidays(root: &Element) -> Vec<String> {
    let field =
        find(root, &format!("#{}", field_id("calendars[0].holidays"))).expect("the holidays field");
    value_of(&field)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[wasm_bindgen_test]
async fn an_ics_file_adds_holidays_to_a_calendar_and_undo_takes_them_back() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    new_from(&root, "service-based").await;
    click(&outline_item(&root, "Calendars")).await;
    let before = holidays(&root);
    assert!(!before.contains(&"2026-03-08".to_string()));
    // By default the range is the span reported on: March 2026.
    assert_eq!(value_of(&labelled(&root, "Events from")), "2026-03-01");
    assert_eq!(value_of(&labelled(&root, "to")), "2026-03-31");
    type_into(&labelled(&root, "Events from"), "2026-01-01").await;
    type_into(&labelled(&root, "to"), "2026-12-31").await;
    pick_file(&root, "#ics-file", "holidays-berlin-2026.ics", BERLIN).await;
    until("the import", || find(&root, "#ics-outcome").is_some()).await;
    let outcome = text(&root, "#ics-outcome");
    assert!(
        outcome.starts_with("holidays-berlin-2026.ics (2026-01-01 to 2026-12-31): "),
        "{outcome}"
    );
    assert!(outcome.contains("already there"), "{outcome}");
    let after = holidays(&root);
    assert!(after.contains(&"2026-03-08".to_string()), "{after:?}");
    assert!(after.len() > before.len());
    for day in &before {
        assert!(after.contains(day), "{day} kept");
    }
    // One step.
    click(&button(&root, "Undo")).await;
    assert_eq!(holidays(&root), before);
    assert!(is_disabled(&root, "#undo"));
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn an_outlook_series_adds_maintenance_windows_and_lists_its_notes() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    new_from(&root, "service-based").await;
    click(&outline_item(&root, "Calendars")).await;
    let windows = || all(&root, ".windows .row").len();
    let before = windows();
    type_into(&labelled(&root, "Events from"), "2026-01-01").await;
    type_into(&labelled(&root, "to"), "2026-12-31").await;
    pick_file(&root, "#ics-file", "outlook-maintenance.ics", OUTLOOK).await;
    until("the import", || find(&root, "#ics-outcome").is_some()).await;
    let outcome = text(&root, "#ics-outcome");
    assert!(windows() > before, "{outcome}");
    // The Outlook zone comes from the file's VTIMEZONE: a note says so,
    // with its line and property.
    let notes: Vec<Vec<String>> = all(&root, "#ics-notes tbody tr")
        .into_iter()
        .map(|row| all(&row, "td").iter().map(trimmed).collect())
        .collect();
    assert!(!notes.is_empty(), "{outcome}");
    assert!(
        notes.iter().all(|n| n[0].parse::<usize>().is_ok()),
        "{notes:?}"
    );
    click(&button(&root, "Undo")).await;
    assert_eq!(windows(), before);
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_file_that_is_not_icalendar_changes_nothing() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    new_from(&root, "service-based").await;
    click(&outline_item(&root, "Calendars")).await;
    let before = holidays(&root);
    pick_file(&root, "#ics-file", "notes.txt", "just some text\n").await;
    until("the refusal", || find(&root, "#ics-outcome").is_some()).await;
    let outcome = text(&root, "#ics-outcome");
    assert!(outcome.contains("not an iCalendar file"), "{outcome}");
    assert!(outcome.ends_with("Nothing was changed."), "{outcome}");
    assert_eq!(holidays(&root), before);
    assert!(is_disabled(&root, "#undo"));
    unmount(root, handle);
    clear_storage().await;
}
