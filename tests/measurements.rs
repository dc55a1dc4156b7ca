//! The workbench's measurement tables in a real headless Chromium
//! (wasm-bindgen-test): the component is mounted under a small host that
//! keeps the measurements as the workbench does (in a [`Bench`], each
//! `Action::Measure` an edit applied in place, with undo and redo) and
//! records what was sent and the file after each change.
//! Run with `cargo test -p sla-app --target wasm32-unknown-unknown --test measurements`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

mod common;

use common::{button, click, document, find, fresh_root, input, text, until};
use sla_app::hooks::bench::use_bench;
use sla_app::pages::workbench::measurements::{Measurements, PAGE_ROWS};
use sla_app::state::workbench::workspace::{Action, Bench, Edit, Record, Table, Workspace};
use sla_app::workbench_import::{embedded, DirectImporter};
use sla_engine::model::{MeasurementFile, OutageRecord, Timestamp};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement, InputEvent, InputEventInit,
};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

/// What the host saw: the file after every change, in order.
type Sent = Rc<RefCell<Vec<MeasurementFile>>>;
/// Every edit the tables sent, in order.
type Edits = Rc<RefCell<Vec<Edit>>>;

#[derive(Properties)]
struct HostProps {
    initial: MeasurementFile,
    sent: Sent,
    edits: Edits,
}

impl PartialEq for HostProps {
    fn eq(&self, other: &Self) -> bool {
        self.initial == other.initial
            && Rc::ptr_eq(&self.sent, &other.sent)
            && Rc::ptr_eq(&self.edits, &other.edits)
    }
}

/// The tables, or (after "Switch view") something else, as the workbench's
/// tabs do; the measurements kept in a bench, as the workbench keeps them,
/// with its undo and redo. The importer is rendered in the view itself (a
/// test cannot load the page's import module).
#[component]
fn Host(props: &HostProps) -> Html {
    let shown = use_state(|| true);
    let bench = use_bench({
        let initial = props.initial.clone();
        move || {
            let mut workspace = Workspace::blank("Measurements", "2026-03");
            workspace.measurements = Rc::new(initial);
            Bench::new("w1".into(), workspace)
        }
    });
    let dispatch = {
        let bench = bench.clone();
        let sent = props.sent.clone();
        let edits = props.edits.clone();
        Callback::from(move |action: Action| {
            if let Action::Measure(edit) = &action {
                edits.borrow_mut().push(edit.clone());
            }
            let before = bench.get().revision;
            bench.dispatch(action);
            let after = bench.get();
            if after.revision != before {
                sent.borrow_mut()
                    .push((*after.workspace.measurements).clone());
            }
        })
    };
    let onswitch = {
        let shown = shown.clone();
        Callback::from(move |_: MouseEvent| shown.set(!*shown))
    };
    let onundo = dispatch.reform(|_: MouseEvent| Action::Undo);
    let onredo = dispatch.reform(|_: MouseEvent| Action::Redo);
    html! {
        <>
            <button type="button" onclick={onswitch}>{"Switch view"}</button>
            <button type="button" onclick={onundo}>{"Workbench undo"}</button>
            <button type="button" onclick={onredo}>{"Workbench redo"}</button>
            if *shown {
                <Measurements measurements={bench.measured()} file={None} time_zone="UTC"
                    span="2026-03" {dispatch} importer={Some(DirectImporter(embedded))} />
            } else {
                <p>{"Another view"}</p>
            }
        </>
    }
}

fn outage(service: &str, start: &str, end: &str) -> OutageRecord {
    OutageRecord {
        service: service.into(),
        start: Timestamp::parse(start).expect("a time"),
        end: Timestamp::parse(end).expect("a time"),
        impact: None,
        planned: false,
        supplier: None,
        cause: None,
    }
}

fn file(outages: Vec<OutageRecord>) -> MeasurementFile {
    MeasurementFile {
        format: "sla-measurements".into(),
        version: 1,
        outages,
        ..MeasurementFile::default()
    }
}

/// Mounts the tables with `initial` in a fresh element and waits for the first render.
async fn mount(initial: MeasurementFile) -> (Element, Sent) {
    let (root, sent, _) = mount_with_edits(initial).await;
    (root, sent)
}

/// [`mount`], with the edits the tables send.
async fn mount_with_edits(initial: MeasurementFile) -> (Element, Sent, Edits) {
    let root = fresh_root();
    let sent = Sent::default();
    let edits = Edits::default();
    let props = HostProps {
        initial,
        sent: sent.clone(),
        edits: edits.clone(),
    };
    yew::Renderer::<Host>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, sent, edits)
}

fn body_rows(root: &Element, table: &str) -> u32 {
    root.query_selector_all(&format!("#{table} tbody tr"))
        .map(|rows| rows.length())
        .unwrap_or(0)
}

/// Types `text` into a cell as a person does: input events, then leaving
/// the cell (the `change` event).
async fn type_and_leave(field: &HtmlInputElement, text: &str) {
    field.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    let event = InputEvent::new_with_event_init_dict("input", &init).expect("event");
    field.dispatch_event(&event).expect("dispatch");
    yew::scheduler::flush().await;
    // A `change` event that bubbles (as the browser's does), made through
    // `InputEventInit`, the init dictionary this crate's web-sys features have.
    let change = InputEvent::new_with_event_init_dict("change", &init).expect("event");
    field.dispatch_event(&change).expect("dispatch");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn adding_an_outage_and_typing_its_times_dispatches_it() {
    let (root, sent) = mount(file(Vec::new())).await;
    assert_eq!(text(&root, "#outages-title"), "Outages (0)");
    click(&button(&root, "Add outage")).await;
    // The new row has the index the record will have; nothing is sent yet.
    type_and_leave(&input(&root, "outage-0-service"), "mail").await;
    type_and_leave(&input(&root, "outage-0-start"), "2026-03-02T10:00").await;
    assert!(sent.borrow().is_empty(), "the row is not complete yet");
    assert!(text(&root, "#outage-0-notes").contains("End"));
    type_and_leave(&input(&root, "outage-0-end"), "2026-03-02T11:30").await;

    let last = sent.borrow().last().cloned().expect("a file was sent");
    assert_eq!(last.outages.len(), 1);
    assert_eq!(
        last.outages[0],
        outage("mail", "2026-03-02T10:00", "2026-03-02T11:30")
    );
    assert_eq!(text(&root, "#outages-title"), "Outages (1)");
    // The saved cell shows the record as it is saved.
    assert_eq!(input(&root, "outage-0-end").value(), "2026-03-02T11:30:00");
    assert_eq!(body_rows(&root, "outages-table"), 1);
}

#[wasm_bindgen_test]
async fn event_counts_and_samples_are_entered_in_their_own_tables() {
    let (root, sent) = mount(file(Vec::new())).await;
    assert_eq!(text(&root, "#events-title"), "Event counts (0)");
    click(&button(&root, "Add event count")).await;
    type_and_leave(&input(&root, "event-0-series"), "checkout").await;
    type_and_leave(&input(&root, "event-0-at"), "2026-03-02T10:00").await;
    type_and_leave(&input(&root, "event-0-good"), "99x").await;
    // Not a whole number: kept as typed, named, nothing sent.
    assert!(sent.borrow().is_empty());
    assert!(text(&root, "#event-0-good-error").contains("Good"));
    type_and_leave(&input(&root, "event-0-good"), "998").await;
    type_and_leave(&input(&root, "event-0-total"), "1000").await;
    let last = sent.borrow().last().cloned().expect("a file was sent");
    assert_eq!(last.events.len(), 1);
    assert_eq!((last.events[0].good, last.events[0].total), (998, 1000));
    assert_eq!(last.events[0].series, "checkout");

    click(&button(&root, "Add sample")).await;
    type_and_leave(&input(&root, "sample-0-series"), "latency").await;
    type_and_leave(&input(&root, "sample-0-at"), "2026-03-02T10:00:00Z").await;
    type_and_leave(&input(&root, "sample-0-value"), "212.5").await;
    let last = sent.borrow().last().cloned().expect("a file was sent");
    assert_eq!(last.samples.len(), 1);
    assert_eq!(last.samples[0].value.text(), "212.5");
    assert_eq!(text(&root, "#samples-title"), "Samples (1)");
}

#[wasm_bindgen_test]
async fn an_invalid_time_shows_an_inline_error_and_keeps_the_text() {
    let (root, sent) = mount(file(vec![outage(
        "mail",
        "2026-03-02T10:00",
        "2026-03-02T11:00",
    )]))
    .await;
    let start = input(&root, "outage-0-start");
    type_and_leave(&start, "2026-03-02 25:00").await;

    let start = input(&root, "outage-0-start");
    assert_eq!(
        start.value(),
        "2026-03-02 25:00",
        "the text is kept as typed"
    );
    assert_eq!(start.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        start.get_attribute("aria-describedby").as_deref(),
        Some("outage-0-start-error")
    );
    let error = text(&root, "#outage-0-start-error");
    assert!(error.starts_with("Start: "), "{error}");
    assert!(error.contains("is not a timestamp"), "{error}");
    assert!(
        sent.borrow().is_empty(),
        "nothing is sent for a cell that does not read"
    );

    // Fixing it saves it and the message goes.
    type_and_leave(&start, "2026-03-02T09:45").await;
    assert_eq!(
        sent.borrow().last().map(|f| f.outages[0].start),
        Some(Timestamp::parse("2026-03-02T09:45").expect("a time"))
    );
    assert!(find(&root, "#outage-0-start-error").is_none());
}

#[wasm_bindgen_test]
async fn text_that_does_not_read_survives_switching_views() {
    let (root, _) = mount(file(vec![outage(
        "mail",
        "2026-03-02T10:00",
        "2026-03-02T11:00",
    )]))
    .await;
    type_and_leave(&input(&root, "outage-0-end"), "tomorrow").await;
    click(&button(&root, "Switch view")).await;
    assert!(find(&root, "#outage-0-end").is_none());
    click(&button(&root, "Switch view")).await;
    assert_eq!(input(&root, "outage-0-end").value(), "tomorrow");
    assert!(text(&root, "#outage-0-end-error").starts_with("End: "));
}

#[wasm_bindgen_test]
async fn delete_removes_the_row() {
    let (root, sent) = mount(file(vec![
        outage("mail", "2026-03-02T10:00", "2026-03-02T11:00"),
        outage("web", "2026-03-03T10:00", "2026-03-03T11:00"),
    ]))
    .await;
    assert_eq!(body_rows(&root, "outages-table"), 2);
    click(&button(&root, "Delete outage 1")).await;

    let last = sent.borrow().last().cloned().expect("a file was sent");
    assert_eq!(
        last.outages,
        vec![outage("web", "2026-03-03T10:00", "2026-03-03T11:00")]
    );
    assert_eq!(body_rows(&root, "outages-table"), 1);
    assert_eq!(text(&root, "#outages-title"), "Outages (1)");
    assert_eq!(input(&root, "outage-0-service").value(), "web");
    // Focus stays on the row that moved up.
    let focused = document().active_element().map(|e| e.id());
    assert_eq!(focused.as_deref(), Some("delete-outage-0"));
}

#[wasm_bindgen_test]
async fn a_large_file_is_shown_a_page_at_a_time() {
    let outages = (0..450)
        .map(|k| {
            let day = 1 + k % 28;
            outage(
                "mail",
                &format!("2026-03-{day:02}T10:00"),
                &format!("2026-03-{day:02}T10:05"),
            )
        })
        .collect();
    let (root, _) = mount(file(outages)).await;
    assert_eq!(text(&root, "#outages-title"), "Outages (450)");
    assert_eq!(PAGE_ROWS, 50);
    assert_eq!(body_rows(&root, "outages-table"), 50);
    assert_eq!(text(&root, "#outages-rows"), "rows 1–50 of 450");
    click(&button(&root, "Next 50 outages")).await;
    assert_eq!(text(&root, "#outages-rows"), "rows 51–100 of 450");
    assert!(find(&root, "#outage-50-start").is_some());
    assert!(find(&root, "#outage-49-start").is_none());
    for _ in 0..7 {
        click(&button(&root, "Next 50 outages")).await;
    }
    assert_eq!(text(&root, "#outages-rows"), "rows 401–450 of 450");
    assert_eq!(body_rows(&root, "outages-table"), 50);
}

/// Pastes CSV rows into the embedded importer and imports them.
async fn import_pasted(root: &Element, csv: &str, sent: &Sent) {
    let before = sent.borrow().len();
    let paste: HtmlTextAreaElement = find(root, "#import-paste")
        .and_then(|e| e.dyn_into().ok())
        .expect("the paste box");
    paste.set_value(csv);
    click(&button(root, "Read pasted rows")).await;
    until("the import preview", || {
        find(root, "#import-start").is_some()
    })
    .await;
    let start: HtmlElement = find(root, "#import-start")
        .and_then(|e| e.dyn_into().ok())
        .expect("the import button");
    click(&start).await;
    until("the import to reach the tables", || {
        sent.borrow().len() > before
    })
    .await;
}

#[wasm_bindgen_test]
async fn imports_are_added_once_each_and_undo_is_left_to_the_workbench() {
    sla_app::browser::zone::install();
    let own = outage("mail", "2026-03-02T10:00", "2026-03-02T11:00");
    let (root, sent) = mount(file(vec![own.clone()])).await;
    assert_eq!(
        text(&root, "#measurements-import-title"),
        "Upload or paste a CSV export"
    );
    assert!(
        find(&root, "#import-undo").is_none(),
        "the workbench has undo"
    );

    import_pasted(
        &root,
        "service,start,end\nweb,2026-03-03T10:00:00Z,2026-03-03T11:00:00Z\n",
        &sent,
    )
    .await;
    let first = outage("web", "2026-03-03T10:00:00Z", "2026-03-03T11:00:00Z");
    assert_eq!(
        sent.borrow().last().map(|f| f.outages.clone()),
        Some(vec![own.clone(), first.clone()])
    );

    // The importer hands over both batches the second time; only the new
    // one is added (the default choice is to add).
    import_pasted(
        &root,
        "service,start,end\nweb,2026-03-04T10:00:00Z,2026-03-04T11:00:00Z\n",
        &sent,
    )
    .await;
    let second = outage("web", "2026-03-04T10:00:00Z", "2026-03-04T11:00:00Z");
    assert_eq!(
        sent.borrow().last().map(|f| f.outages.clone()),
        Some(vec![own, first, second])
    );
    assert_eq!(text(&root, "#outages-title"), "Outages (3)");
}

#[wasm_bindgen_test]
async fn a_saved_cell_is_an_edit_of_its_row_and_undo_and_redo_restore_it() {
    let mail = outage("mail", "2026-03-02T10:00", "2026-03-02T11:00");
    let web = outage("web", "2026-03-03T10:00", "2026-03-03T11:00");
    let (root, sent, edits) = mount_with_edits(file(vec![mail.clone(), web.clone()])).await;

    type_and_leave(&input(&root, "outage-1-cause"), " fibre cut ").await;
    // One record sent, not the file.
    let cut = OutageRecord {
        cause: Some("fibre cut".into()),
        ..web.clone()
    };
    assert_eq!(
        edits.borrow().as_slice(),
        [Edit::Set {
            at: 1,
            record: Record::Outage(cut.clone())
        }]
    );
    assert_eq!(input(&root, "outage-1-cause").value(), "fibre cut");
    // Leaving the cell again with the same text is no edit.
    type_and_leave(&input(&root, "outage-1-cause"), "fibre cut").await;
    assert_eq!(sent.borrow().len(), 1);

    click(&button(&root, "Workbench undo")).await;
    assert_eq!(input(&root, "outage-1-cause").value(), "");
    assert_eq!(
        sent.borrow().last().map(|f| f.outages.clone()),
        Some(vec![mail.clone(), web.clone()])
    );
    click(&button(&root, "Workbench redo")).await;
    assert_eq!(input(&root, "outage-1-cause").value(), "fibre cut");
    assert_eq!(
        sent.borrow().last().map(|f| f.outages.clone()),
        Some(vec![mail.clone(), cut.clone()])
    );
}

#[wasm_bindgen_test]
async fn an_added_and_a_deleted_row_are_undone_in_place() {
    let mail = outage("mail", "2026-03-02T10:00", "2026-03-02T11:00");
    let web = outage("web", "2026-03-03T10:00", "2026-03-03T11:00");
    let (root, sent, edits) = mount_with_edits(file(vec![mail.clone(), web.clone()])).await;

    click(&button(&root, "Delete outage 1")).await;
    assert_eq!(
        edits.borrow().last(),
        Some(&Edit::Remove {
            table: Table::Outages,
            at: 0,
            count: 1
        })
    );
    assert_eq!(input(&root, "outage-0-service").value(), "web");
    click(&button(&root, "Workbench undo")).await;
    // Back where it was, before the other row.
    assert_eq!(input(&root, "outage-0-service").value(), "mail");
    assert_eq!(input(&root, "outage-1-service").value(), "web");

    click(&button(&root, "Add outage")).await;
    type_and_leave(&input(&root, "outage-2-service"), "dns").await;
    type_and_leave(&input(&root, "outage-2-start"), "2026-03-04T10:00").await;
    type_and_leave(&input(&root, "outage-2-end"), "2026-03-04T10:30").await;
    assert!(matches!(
        edits.borrow().last(),
        Some(Edit::Insert { at: 2, .. })
    ));
    assert_eq!(text(&root, "#outages-title"), "Outages (3)");
    click(&button(&root, "Workbench undo")).await;
    assert_eq!(text(&root, "#outages-title"), "Outages (2)");
    assert_eq!(
        sent.borrow().last().map(|f| f.outages.clone()),
        Some(vec![mail, web])
    );
    click(&button(&root, "Workbench redo")).await;
    assert_eq!(text(&root, "#outages-title"), "Outages (3)");
    assert_eq!(input(&root, "outage-2-service").value(), "dns");
}
