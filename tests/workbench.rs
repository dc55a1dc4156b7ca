//! The agreement workbench in a real headless Chromium (wasm-bindgen-test):
//! the structure editor and the report view, each mounted under a small
//! host that keeps the workspace as the workbench does (every [`Action`]
//! goes through the workbench's reducer, [`Bench`] in [`use_bench`], and the engine's
//! [`compute`] runs on the result) and records what was sent; then the
//! whole screen, with its autosave and undo, and the store it keeps the
//! workspaces in (IndexedDB in chunks, `localStorage` before and where
//! IndexedDB is missing).
//! Run with `cargo test -p sla-app --target wasm32-unknown-unknown --test workbench`.
//!
//! Expected figures come from the agreement files in `examples/` (the
//! templates) and are worked out by hand next to each assertion.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use serde_json::{json, Value};
mod common;

use common::{
    all, bubbling, button, choose, clear_app_keys, click, document, find, fresh_root, is_disabled,
    labelled, storage, text, trimmed, type_into, until, value_of,
};
use sla_app::browser::idb::{committed, pairs_of, settled, transaction, Mode};
use sla_app::format::{localize, money};
use sla_app::hooks::bench::use_bench;
use sla_app::pages::workbench::fields::{field_id, Problems};
use sla_app::pages::workbench::results::{Results, WhatIf};
use sla_app::pages::workbench::structure::Structure;
use sla_app::pages::workbench::{compute, Editors, Opened, Workbench, WorkbenchProps};
use sla_app::state::workbench::store::{self, Kind, Store};
use sla_app::state::workbench::workspace::{Action, Bench, Workspace};
use sla_app::templates;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

/// A template as a workspace. The page fetches every template but the first
/// (`templates::load`); the tests build them from `examples/` directly.
fn template_workspace(id: &str, month: &str) -> Workspace {
    // A measurement file's zone is read with the browser's Intl.
    sla_app::browser::zone::install();
    let Some(template) = templates::TEMPLATES.iter().find(|t| t.id == id) else {
        return Workspace::blank("Blank", month);
    };
    let file = |name| templates::example_file(name).unwrap_or_else(|| panic!("no file {name}"));
    template
        .from_files(file(template.agreements), file(template.measurements))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Everything a host's view sent, in order.
type Sent<T> = Rc<RefCell<Vec<T>>>;

// ---------------------------------------------------------------------------
// Hosts

#[derive(Properties)]
struct StructureHostProps {
    /// A template id (`template_workspace`).
    template: &'static str,
    /// Problems shown instead of the engine's (`None`: the engine's, as in the workbench).
    problems: Option<Rc<Problems>>,
    sent: Sent<Action>,
}

impl PartialEq for StructureHostProps {
    fn eq(&self, other: &Self) -> bool {
        self.template == other.template
            && self.problems == other.problems
            && Rc::ptr_eq(&self.sent, &other.sent)
    }
}

/// The structure editor over a template, changed only through the
/// workbench's reducer, with the engine's problems and typed file.
#[component]
fn StructureHost(props: &StructureHostProps) -> Html {
    let bench = use_bench({
        let template = props.template;
        move || Bench::new("w1".into(), template_workspace(template, "2026-02"))
    });
    let workspace = bench.get().workspace.clone();
    let computed = compute(
        &workspace.agreements,
        &workspace.measurements,
        &workspace.span,
        &WhatIf::default(),
        i64::MAX,
    );
    let problems = props
        .problems
        .clone()
        .unwrap_or_else(|| computed.problems.clone());
    let dispatch = {
        let bench = bench.clone();
        let sent = props.sent.clone();
        Callback::from(move |action: Action| {
            sent.borrow_mut().push(action.clone());
            bench.dispatch(action);
        })
    };
    html! {
        <Structure json={workspace.agreements.clone()} file={computed.file.clone()} {problems} {dispatch} />
    }
}

#[derive(Properties)]
struct ResultsHostProps {
    template: &'static str,
    /// The span reported on (the template's own when `None`).
    span: Option<&'static str>,
    sent: Sent<WhatIf>,
}

impl PartialEq for ResultsHostProps {
    fn eq(&self, other: &Self) -> bool {
        self.template == other.template
            && self.span == other.span
            && Rc::ptr_eq(&self.sent, &other.sent)
    }
}

/// The report view of a template, recomputed with the what-if it sends, as
/// the workbench does.
#[component]
fn ResultsHost(props: &ResultsHostProps) -> Html {
    let what_if = use_state(WhatIf::default);
    let workspace = template_workspace(props.template, "2026-02");
    let span = props.span.map_or(workspace.span.clone(), str::to_string);
    let computed = compute(
        &workspace.agreements,
        &workspace.measurements,
        &span,
        &what_if,
        i64::MAX,
    );
    let Some(report) = computed.report.clone() else {
        return html! { <p id="host-blocked">{computed.blocked.clone().unwrap_or_default()}</p> };
    };
    let on_what_if = {
        let what_if = what_if.clone();
        let sent = props.sent.clone();
        Callback::from(move |next: WhatIf| {
            sent.borrow_mut().push(next.clone());
            what_if.set(next);
        })
    };
    html! {
        <Results {report} services={computed.services.clone()} priorities={computed.priorities.clone()}
            what_if={(*what_if).clone()} {on_what_if} />
    }
}

// ---------------------------------------------------------------------------
// Mounting, waiting and storage

async fn mount_structure(
    template: &'static str,
    problems: Option<Problems>,
) -> (Element, Sent<Action>, AppHandle<StructureHost>) {
    let root = fresh_root();
    let sent = Sent::default();
    let props = StructureHostProps {
        template,
        problems: problems.map(Rc::new),
        sent: sent.clone(),
    };
    let handle = yew::Renderer::<StructureHost>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, sent, handle)
}

async fn mount_results(
    template: &'static str,
    span: Option<&'static str>,
) -> (Element, Sent<WhatIf>, AppHandle<ResultsHost>) {
    let root = fresh_root();
    let sent = Sent::default();
    let props = ResultsHostProps {
        template,
        span,
        sent: sent.clone(),
    };
    let handle = yew::Renderer::<ResultsHost>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, sent, handle)
}

/// Mounts the whole workbench and waits until it has read the stored
/// workspaces and shows one.
async fn mount_workbench() -> (Element, AppHandle<Workbench>) {
    mount_workbench_with(None).await
}

async fn mount_workbench_with(shared: Option<String>) -> (Element, AppHandle<Workbench>) {
    let root = fresh_root();
    let props = WorkbenchProps {
        month: "2026-02".into(),
        shared,
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

/// Unmounts a view and removes its element (the page is shared by the tests).
fn unmount<C: BaseComponent>(root: Element, handle: AppHandle<C>) {
    handle.destroy();
    root.remove();
}

/// Removes every key of this app (`sla.…`) from `localStorage`, and
/// everything from the workbench's IndexedDB database.
async fn clear_storage() {
    clear_app_keys();
    let db = database().await;
    let tx = transaction(
        &db,
        &[store::MANIFESTS, store::CHUNKS, store::SETTINGS],
        Mode::Write,
    )
    .expect("a transaction");
    let done = committed(&tx);
    for name in [store::MANIFESTS, store::CHUNKS, store::SETTINGS] {
        tx.object_store(name)
            .and_then(|s| s.clear())
            .expect("cleared");
    }
    done.await.expect("committed");
    db.close();
}

/// The workbench's IndexedDB database, opened apart from any [`Store`] (a
/// store makes its object stores: one is opened first).
async fn database() -> web_sys::IdbDatabase {
    drop(Store::open().await);
    sla_app::browser::idb::open(store::DATABASE, 1, |_| {})
        .await
        .expect("the database")
}

/// A store of the workbench, as a page opens it.
async fn opened_store() -> Store {
    let (store, message) = Store::open().await;
    assert_eq!(message, None);
    assert_eq!(store.kind(), Kind::IndexedDb);
    store
}

/// The chunks stored under `id`, as they are, in order.
async fn raw_chunks(id: &str) -> Vec<Vec<u8>> {
    let db = database().await;
    let tx = transaction(&db, &[store::CHUNKS], Mode::Read).expect("a transaction");
    let all = settled(
        &tx.object_store(store::CHUNKS)
            .and_then(|s| s.get_all_with_key(&pairs_of(id).expect("a range")))
            .expect("a request"),
    )
    .await
    .expect("read");
    db.close();
    js_sys::Array::from(&all)
        .iter()
        .map(|c| js_sys::Uint8Array::new(&c).to_vec())
        .collect()
}

/// The stored text of a workspace, as the store reads it.
async fn stored(id: &str) -> Option<String> {
    match opened_store().await.load(id).await? {
        Ok(workspace) => Some(workspace.to_compact_json()),
        Err(e) => panic!("{id} cannot be read: {e}"),
    }
}

/// The stored list of workspaces.
async fn stored_index() -> store::Index {
    opened_store().await.index().await
}

/// Waits (up to 20 s) until the stored text of the open workspace
/// satisfies `ready`.
async fn until_stored(what: &str, ready: impl Fn(&str) -> bool) {
    let started = sla_app::browser::now_ms();
    while !stored_current().await.is_some_and(|s| ready(&s)) {
        if sla_app::browser::now_ms() - started > 20_000.0 {
            panic!("timed out waiting for {what}");
        }
        sla_app::browser::yield_now().await;
        yew::scheduler::flush().await;
    }
}

// ---------------------------------------------------------------------------
// Finding things as a person would (the rest are in `common`)

/// The fieldset whose legend reads `legend`.
fn fieldset(root: &Element, legend: &str) -> Element {
    all(root, "fieldset")
        .into_iter()
        .find(|f| {
            f.query_selector(":scope > legend")
                .ok()
                .flatten()
                .is_some_and(|l| trimmed(&l) == legend)
        })
        .unwrap_or_else(|| panic!("no fieldset {legend:?}"))
}

fn has_class(element: &Element, class: &str) -> bool {
    element.class_name().split_whitespace().any(|c| c == class)
}

// ---------------------------------------------------------------------------
// Structure: the outline and the editors

/// The outline entry that `label` is nested under (`None`: top level).
fn outline_parent(root: &Element, label: &str) -> Option<String> {
    let entry = button(root, label)
        .parent_element()
        .expect("an outline entry");
    let list = entry.parent_element().expect("an outline list");
    if has_class(&list, "outline-agreements") {
        return None;
    }
    let parent = list.parent_element().expect("a parent entry");
    parent
        .query_selector(":scope > button.outline-item")
        .ok()
        .flatten()
        .map(|b| trimmed(&b))
}

const CORPORATE: &str = "SLA corporate level: Corporate level";
const FINANCE: &str = "SLA customer level: Finance customer level";
const HR: &str = "SLA customer level: HR customer level";
const FINANCE_ERP: &str = "SLA service level: Finance ERP service level";
const OPS_OLA: &str = "OLA: Operations OLA";

#[wasm_bindgen_test]
async fn the_outline_nests_a_multi_level_structure_corporate_customer_service() {
    let (root, _, handle) = mount_structure("multi-level", None).await;
    // examples/multi-level.json: corporate; finance and hr at customer
    // level; finance-erp at service level for finance; an OLA beside them.
    assert_eq!(outline_parent(&root, CORPORATE), None);
    assert_eq!(outline_parent(&root, FINANCE).as_deref(), Some(CORPORATE));
    assert_eq!(outline_parent(&root, HR).as_deref(), Some(CORPORATE));
    assert_eq!(outline_parent(&root, FINANCE_ERP).as_deref(), Some(FINANCE));
    assert_eq!(outline_parent(&root, OPS_OLA), None);
    // Each agreement once: two at the top, five in all.
    assert_eq!(all(&root, ".outline-agreements > li").len(), 2);
    assert_eq!(
        all(&root, ".outline-agreements button.outline-item").len(),
        5
    );
    // The targets are listed under their agreement.
    let erp_entry = button(&root, FINANCE_ERP).parent_element().expect("entry");
    let targets: Vec<String> = all(&erp_entry, ":scope > ul.outline-targets > li")
        .iter()
        .map(trimmed)
        .collect();
    assert_eq!(
        targets,
        ["ERP availability", "P1 resolution within 4 business hours"]
    );

    // Choosing an agreement opens its editor and marks it current.
    click(&button(&root, FINANCE_ERP)).await;
    assert_eq!(
        text(&root, "#ed-agreement"),
        "SLA Finance ERP service level"
    );
    assert_eq!(
        button(&root, FINANCE_ERP)
            .get_attribute("aria-current")
            .as_deref(),
        Some("true")
    );
    assert_eq!(
        value_of(&labelled(&root, "Level")),
        "service",
        "the level of finance-erp"
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn add_agreement_pushes_one_and_opens_its_editor() {
    let (root, sent, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, "Add agreement")).await;
    assert_eq!(
        *sent.borrow(),
        vec![Action::Push {
            path: "agreements".into(),
            value: json!({"id": "agreement-1", "name": "New agreement", "kind": "sla",
                "structure": "service_based", "targets": []}),
        }]
    );
    // The sixth agreement (index 5) is open, at the top level of the outline.
    assert_eq!(text(&root, "#ed-agreement"), "SLA New agreement");
    assert_eq!(value_of(&labelled(&root, "Id")), "agreement-1");
    assert_eq!(outline_parent(&root, "SLA: New agreement"), None);
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn removing_the_open_agreement_returns_to_general() {
    let (root, sent, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, OPS_OLA)).await;
    assert_eq!(text(&root, "#ed-agreement"), "OLA Operations OLA");
    click(&button(&root, "Remove agreement ops-ola")).await;
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Remove {
            path: "agreements[4]".into()
        })
    );
    assert!(find(&root, "#ed-agreement").is_none());
    assert_eq!(text(&root, "#ed-general"), "General");
    assert_eq!(
        all(&root, ".outline-agreements button.outline-item").len(),
        4
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn the_services_part_shows_a_fieldset_per_service() {
    let (root, sent, handle) = mount_structure("multi-level", None).await;
    assert!(find(&root, "#ed-services").is_none());
    click(&button(&root, "Services (3)")).await;
    assert_eq!(text(&root, "#ed-services"), "Services");
    let legends: Vec<String> = all(&root, "#editor fieldset.item > legend")
        .iter()
        .map(trimmed)
        .collect();
    assert_eq!(legends, ["Service mail", "Service erp", "Service intranet"]);
    let erp = fieldset(&root, "Service erp");
    assert_eq!(value_of(&labelled(&erp, "Name")), "ERP");
    assert_eq!(value_of(&labelled(&erp, "Monthly charge")), "9000.00");
    assert!(sent.borrow().is_empty(), "looking changes nothing");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn typing_into_a_field_sets_exactly_the_typed_text_at_its_path() {
    let (root, sent, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, "Services (3)")).await;
    let name = labelled(&fieldset(&root, "Service mail"), "Name");
    assert_eq!(name.id(), field_id("services[0].name"));
    type_into(&name, "  Electronic mail ").await;
    assert_eq!(
        *sent.borrow(),
        vec![Action::Set {
            path: "services[0].name".into(),
            value: Some(json!("  Electronic mail ")),
        }]
    );
    // The reducer stored it: the field shows it after the re-render.
    let name = labelled(&fieldset(&root, "Service mail"), "Name");
    assert_eq!(value_of(&name), "  Electronic mail ");

    // Emptying an optional field removes it from the file.
    let charge = labelled(&fieldset(&root, "Service mail"), "Monthly charge");
    type_into(&charge, "").await;
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Set {
            path: "services[0].monthly_charge".into(),
            value: None,
        })
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn a_problem_is_shown_next_to_its_field_and_described_by_it() {
    let problems = Problems {
        errors: BTreeMap::from([(
            "services[1].name".to_string(),
            vec!["a service needs a name".to_string()],
        )]),
        warnings: BTreeMap::from([(
            "services[2].monthly_charge".to_string(),
            vec!["no SLA charges for it".to_string()],
        )]),
    };
    let (root, _, handle) = mount_structure("multi-level", Some(problems)).await;
    click(&button(&root, "Services (3)")).await;

    let name = labelled(&fieldset(&root, "Service erp"), "Name");
    assert_eq!(name.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = name.get_attribute("aria-describedby").expect("described");
    assert_eq!(described, format!("{}-msg", field_id("services[1].name")));
    let message = find(&root, &format!("#{described}")).expect("the message");
    assert_eq!(trimmed(&message), "Error: a service needs a name");
    assert!(name
        .parent_element()
        .is_some_and(|f| has_class(&f, "has-error")));

    // The other services' names are not marked.
    let mail = labelled(&fieldset(&root, "Service mail"), "Name");
    assert_eq!(mail.get_attribute("aria-invalid"), None);
    assert_eq!(mail.get_attribute("aria-describedby"), None);

    // A warning is described but not invalid; the hint stays described too.
    let charge = labelled(&fieldset(&root, "Service intranet"), "Monthly charge");
    assert_eq!(charge.get_attribute("aria-invalid"), None);
    let id = field_id("services[2].monthly_charge");
    assert_eq!(
        charge.get_attribute("aria-describedby"),
        Some(format!("{id}-hint {id}-msg"))
    );
    assert_eq!(
        text(&root, &format!("#{id}-msg")),
        "Warning: no SLA charges for it"
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn a_half_typed_amount_is_kept_and_the_engine_error_shows_on_its_field() {
    let (root, sent, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, "Services (3)")).await;
    let charge = labelled(&fieldset(&root, "Service mail"), "Monthly charge");
    assert_eq!(charge.get_attribute("aria-invalid"), None);
    type_into(&charge, "12x").await;
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Set {
            path: "services[0].monthly_charge".into(),
            value: Some(json!("12x")),
        })
    );
    let charge = labelled(&fieldset(&root, "Service mail"), "Monthly charge");
    assert_eq!(value_of(&charge), "12x", "kept as typed");
    assert_eq!(
        charge.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let message = text(
        &root,
        &format!("#{}-msg", field_id("services[0].monthly_charge")),
    );
    assert!(message.starts_with("Error: "), "{message:?}");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn add_service_pushes_a_service_with_a_fresh_id() {
    let (root, sent, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, "Services (3)")).await;
    click(&button(&root, "Add service")).await;
    assert_eq!(
        *sent.borrow(),
        vec![Action::Push {
            path: "services".into(),
            value: json!({"id": "service-1", "name": "New service"}),
        }]
    );
    assert_eq!(all(&root, "#editor fieldset.item").len(), 4);
    // The outline counts it, and the next one gets the next free id.
    click(&button(&root, "Add service")).await;
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Push {
            path: "services".into(),
            value: json!({"id": "service-2", "name": "New service"}),
        })
    );
    button(&root, "Services (5)");
    unmount(root, handle);
}

/// The target texts of the matrix cell for a customer and a service.
fn matrix_cell(root: &Element, customer: &str, service: &str) -> Vec<String> {
    let cell = find(
        root,
        &format!("#matrix td[data-customer=\"{customer}\"][data-service=\"{service}\"]"),
    )
    .unwrap_or_else(|| panic!("no cell {customer} × {service}"));
    all(&cell, "li").iter().map(trimmed).collect()
}

#[wasm_bindgen_test]
async fn the_matrix_names_the_most_specific_target_per_customer_and_service() {
    let (root, _, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, "Effective targets")).await;
    assert!(find(&root, "#matrix").is_some());
    // Finance's ERP: both targets from the service level (it overrides the
    // customer's 99.8 and the corporate 99.5 and 90).
    let erp = matrix_cell(&root, "finance", "erp");
    assert_eq!(erp.len(), 2, "{erp:?}");
    assert!(
        erp[0].starts_with("ERP availability ≥ 99.9 from finance-erp (service level)"),
        "{erp:?}"
    );
    assert!(
        erp.iter()
            .any(|t| t.starts_with("P1 resolution within 4 business hours ≥ 95 from finance-erp")),
        "{erp:?}"
    );
    // Finance's mail: availability from the customer level, P1 resolution
    // from the corporate level.
    let mail = matrix_cell(&root, "finance", "mail");
    assert!(
        mail.iter()
            .any(|t| t.starts_with("Availability ≥ 99.8 from finance (customer level)")),
        "{mail:?}"
    );
    assert!(
        mail.iter().any(|t| t.starts_with(
            "P1 resolution within 8 business hours ≥ 90 from corporate (corporate level)"
        )),
        "{mail:?}"
    );
    // HR's mail: corporate availability and HR's own P1 response.
    let hr = matrix_cell(&root, "hr", "mail");
    assert!(
        hr.iter()
            .any(|t| t.starts_with("Availability ≥ 99.5 from corporate (corporate level)")),
        "{hr:?}"
    );
    assert!(
        hr.iter()
            .any(|t| t
                .starts_with("P1 response within 1 business hour ≥ 95 from hr (customer level)")),
        "{hr:?}"
    );
    // HR does not use the ERP.
    assert!(matrix_cell(&root, "hr", "erp").is_empty());
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn the_matrix_waits_for_a_valid_file() {
    let (root, _, handle) = mount_structure("multi-level", None).await;
    click(&button(&root, "Services (3)")).await;
    type_into(
        &labelled(&fieldset(&root, "Service mail"), "Monthly charge"),
        "12x",
    )
    .await;
    click(&button(&root, "Effective targets")).await;
    assert!(find(&root, "#matrix").is_none());
    assert!(text(&root, "#editor [role=alert]").starts_with("Fix the errors"));
    unmount(root, handle);
}

const MSA: &str = "SLA: Master services agreement, schedule 3 (service levels)";

#[wasm_bindgen_test]
async fn the_pool_running_sum_adds_the_allocations_exactly() {
    let (root, _, handle) = mount_structure("outsourcing", None).await;
    click(&button(&root, MSA)).await;
    // examples/outsourcing.json: 80 + 70 + 50 + 50 = 250.
    assert_eq!(
        text(&root, "#pool-sum-0"),
        "Pool allocations: core-availability 80 % + p1-resolution 70 % + p2-resolution 50 % \
         + reports-on-time 50 % = 250 % of the at-risk amount"
    );
    let allocation = labelled(
        &fieldset(&root, "Target Core banking availability"),
        "Allocation (% of the at-risk amount)",
    );
    type_into(&allocation, "80.05").await;
    // 80.05 + 70 + 50 + 50 = 250.05
    assert!(
        text(&root, "#pool-sum-0").ends_with("= 250.05 % of the at-risk amount"),
        "{}",
        text(&root, "#pool-sum-0")
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn the_pool_running_sum_is_exact_beyond_two_decimals() {
    let (root, _, handle) = mount_structure("outsourcing", None).await;
    click(&button(&root, MSA)).await;
    let allocation = labelled(
        &fieldset(&root, "Target Core banking availability"),
        "Allocation (% of the at-risk amount)",
    );
    // A valid allocation (the engine keeps it exactly):
    // 80.125 + 70 + 50 + 50 = 250.125.
    type_into(&allocation, "80.125").await;
    assert!(find(&root, ".has-error").is_none(), "the engine accepts it");
    assert!(
        text(&root, "#pool-sum-0").ends_with("= 250.125 % of the at-risk amount"),
        "{}",
        text(&root, "#pool-sum-0")
    );
    unmount(root, handle);
}

/// The engine's messages shown inside `scope` (`Error: …`).
fn errors_in(scope: &Element) -> Vec<String> {
    all(scope, ".field-msg .error")
        .iter()
        .map(trimmed)
        .collect()
}

/// The engine's errors for a template after the actions a view sent
/// (replayed through the workbench's reducer): where a message should show.
fn engine_errors(template: &str, sent: &Sent<Action>) -> BTreeMap<String, Vec<String>> {
    let mut bench = Bench::new("w1".into(), template_workspace(template, "2026-02"));
    for action in sent.borrow().iter() {
        bench.apply(action.clone());
    }
    let w = &bench.workspace;
    compute(
        &w.agreements,
        &w.measurements,
        &w.span,
        &WhatIf::default(),
        i64::MAX,
    )
    .problems
    .errors
    .clone()
}

const POOL_NEEDS_AT_RISK: &str =
    "Error: a pool credit needs the agreement's credits.at_risk_percent";

#[wasm_bindgen_test]
async fn removing_the_at_risk_amount_marks_every_pool_credit() {
    let (root, sent, handle) = mount_structure("outsourcing", None).await;
    click(&button(&root, MSA)).await;
    type_into(&labelled(&root, "At-risk amount: % of monthly charges"), "").await;
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Set {
            path: "agreements[0].credits.at_risk_percent".into(),
            value: None,
        })
    );
    // All four targets take a share of the pool.
    for target in [
        "Core banking availability",
        "P1 incidents resolved within 4 business hours",
        "P2 incidents resolved within 2 business days",
        "Regulatory reports delivered on time",
    ] {
        let errors = errors_in(&fieldset(&root, &format!("Target {target}")));
        assert_eq!(errors, [POOL_NEEDS_AT_RISK], "{target}");
    }
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn an_error_on_a_credit_is_tied_to_its_select() {
    let (root, sent, handle) = mount_structure("outsourcing", None).await;
    click(&button(&root, MSA)).await;
    type_into(&labelled(&root, "At-risk amount: % of monthly charges"), "").await;
    let target = fieldset(&root, "Target Core banking availability");
    assert!(engine_errors("outsourcing", &sent).contains_key("agreements[0].targets[0].credit"));
    let credit = labelled(&target, "Service credit");
    assert_eq!(
        credit.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    let described = credit
        .get_attribute("aria-describedby")
        .expect("described by its message");
    assert_eq!(text(&root, &format!("#{described}")), POOL_NEEDS_AT_RISK);
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn a_rule_that_needs_a_period_cap_says_so_on_the_rule() {
    let (root, sent, handle) = mount_structure("outsourcing", None).await;
    click(&button(&root, MSA)).await;
    // The only period cap of the agreement: without it, "credits at the
    // cap in 2 of 12" has no cap to reach.
    type_into(&labelled(&root, "Cap per period: % of charges"), "").await;
    assert_eq!(
        engine_errors("outsourcing", &sent).get("agreements[0].termination[1].type"),
        Some(&vec![
            "credits at the cap need the agreement's credits.period_cap".to_string()
        ]),
        "where the engine reports it"
    );
    let rights = fieldset(&root, "Termination rights (3)");
    let rules = all(&rights, ".rule");
    assert_eq!(rules.len(), 3);
    assert_eq!(
        errors_in(&rules[1]),
        ["Error: credits at the cap need the agreement's credits.period_cap"]
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn a_rolling_window_of_zero_days_is_marked() {
    let (root, sent, handle) = mount_structure("outsourcing", None).await;
    click(&button(&root, MSA)).await;
    let target = fieldset(&root, "Target Core banking availability");
    choose(&labelled(&target, "Period"), "rolling").await;
    assert_eq!(
        sent.borrow().last(),
        Some(&Action::Set {
            path: "agreements[0].targets[0].period".into(),
            value: Some(json!({"rolling_days": 30})),
        })
    );
    let target = fieldset(&root, "Target Core banking availability");
    type_into(&labelled(&target, "Rolling window (days)"), "0").await;
    assert_eq!(
        engine_errors("outsourcing", &sent).get("agreements[0].targets[0].period"),
        Some(&vec!["a rolling window is at least 1 day long".to_string()]),
        "where the engine reports it"
    );
    let target = fieldset(&root, "Target Core banking availability");
    assert_eq!(
        errors_in(&target),
        ["Error: a rolling window is at least 1 day long"]
    );
    // The message sits on the Period control, which the engine names.
    let period = labelled(&target, "Period");
    assert_eq!(
        period.get_attribute("aria-invalid").as_deref(),
        Some("true")
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn a_step_schedule_without_tiers_is_marked() {
    let (root, sent, handle) = mount_structure("cloud-sla", None).await;
    click(&button(&root, "SLA: Compute SLA")).await;
    // examples/cloud-sla.json has three tiers.
    for left in [2, 1, 0] {
        click(&button(&root, "Remove tier 1")).await;
        fieldset(&root, &format!("Tiers ({left})"));
    }
    assert_eq!(
        engine_errors("cloud-sla", &sent).get("agreements[0].targets[0].credit.tiers"),
        Some(&vec!["a schedule needs at least one tier".to_string()]),
        "where the engine reports it"
    );
    assert_eq!(
        errors_in(&fieldset(&root, "Tiers (0)")),
        ["Error: a schedule needs at least one tier"]
    );
    unmount(root, handle);
}

fn replaced(sent: &Sent<Action>) -> Vec<Value> {
    sent.borrow()
        .iter()
        .filter_map(|a| match a {
            Action::ReplaceAgreements(v) => Some(v.clone()),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_json_editor_applies_only_text_that_parses() {
    let (root, sent, handle) = mount_structure("blank", None).await;
    click(&button(&root, "Edit as JSON")).await;
    let editor = labelled(&root, "Agreement file");
    assert_eq!(editor.id(), "json-editor");
    assert!(value_of(&editor).contains("\"format\": \"sla-agreements\""));
    assert!(is_disabled(&root, "#json-apply"), "nothing to apply yet");

    // The `}` after `"name":` is line 2, column 10.
    let broken = "{\"format\": \"sla-agreements\",\n \"name\": }";
    type_into(&editor, broken).await;
    click(&button(&root, "Apply")).await;
    let error = text(&root, "#json-error");
    assert!(error.starts_with("Line 2, column 10: "), "{error:?}");
    assert!(error.contains("Nothing was changed"), "{error:?}");
    assert_eq!(
        editor.get_attribute("aria-describedby").as_deref(),
        Some("json-error")
    );
    assert_eq!(value_of(&labelled(&root, "Agreement file")), broken, "kept");
    assert!(replaced(&sent).is_empty());

    // JSON, but not an object.
    type_into(&editor, "[1, 2]").await;
    click(&button(&root, "Apply")).await;
    assert!(text(&root, "#json-error").contains("must be a JSON object"));
    assert!(replaced(&sent).is_empty());

    let valid = json!({
        "format": "sla-agreements", "version": 1, "name": "From JSON",
        "currency": "USD", "time_zone": "UTC", "provider": {"name": "P"},
        "services": [{"id": "api", "name": "API"}], "agreements": []
    });
    type_into(&editor, &valid.to_string()).await;
    click(&button(&root, "Apply")).await;
    assert_eq!(replaced(&sent), vec![valid]);
    assert!(find(&root, "#json-error").is_none());
    // The applied file is what the editor and the outline show now.
    assert!(value_of(&labelled(&root, "Agreement file")).contains("\"name\": \"From JSON\""));
    button(&root, "Services (1)");
    assert!(is_disabled(&root, "#json-apply"));
    unmount(root, handle);
}

// ---------------------------------------------------------------------------
// Results

fn status_of(root: &Element, key: &str) -> String {
    text(
        root,
        &format!("#report-table tr[data-target=\"{key}\"] td.status"),
    )
    .trim()
    .to_string()
}

#[wasm_bindgen_test]
async fn the_report_opens_on_the_last_period_with_statuses_in_words_and_symbols() {
    let (root, _, handle) = mount_results("outsourcing", None).await;
    // The span is 2026-01..2026-06: six months and "all".
    let period = labelled(&root, "Show period");
    assert_eq!(period.id(), "report-period");
    assert_eq!(value_of(&period), "2026-06");
    assert_eq!(all(&period, "option").len(), 7);

    // One row per target (four in the agreement), statuses from the golden
    // report tests/golden/outsourcing.txt for June.
    assert_eq!(all(&root, "#report-table tbody tr.status-row").len(), 4);
    assert_eq!(
        status_of(&root, "bank-msa/core-availability"),
        "‼ below minimum"
    );
    assert_eq!(status_of(&root, "bank-msa/p1-resolution"), "✓ met");
    assert_eq!(status_of(&root, "bank-msa/p2-resolution"), "✓ met");
    assert_eq!(status_of(&root, "bank-msa/reports-on-time"), "✓ met");
    // The symbol is decoration beside the words.
    let icon = find(
        &root,
        "#report-table tr[data-target=\"bank-msa/core-availability\"] td.status .status-icon",
    )
    .expect("an icon");
    assert_eq!(icon.get_attribute("aria-hidden").as_deref(), Some("true"));

    // The summary is announced.
    let summary = find(&root, "#report-summary").expect("a summary");
    assert_eq!(
        summary.get_attribute("aria-live").as_deref(),
        Some("polite")
    );
    assert_eq!(
        trimmed(&summary),
        format!(
            "2026-06: 4 targets · 3 met · 0 missed · 1 below minimum · 0 no data · \
             SLA credits before caps {} · paid {} · net of earn-back {} · 3 termination rights TRIGGERED",
            money("EUR", "9,600.00"),
            money("EUR", "4,400.00"),
            money("EUR", "4,400.00")
        )
    );

    // May: core and P1 below minimum, P2 without tickets, reports at 90 (missed).
    choose(&period, "2026-05").await;
    assert_eq!(
        status_of(&root, "bank-msa/p1-resolution"),
        "‼ below minimum"
    );
    assert_eq!(status_of(&root, "bank-msa/p2-resolution"), "? no data");
    assert_eq!(status_of(&root, "bank-msa/reports-on-time"), "✗ missed");
    assert!(text(&root, "#report-summary")
        .starts_with("2026-05: 4 targets · 0 met · 1 missed · 2 below minimum · 1 no data"));

    // All periods: 4 targets × 6 months, with a period column.
    choose(&labelled(&root, "Show period"), "all").await;
    assert_eq!(all(&root, "#report-table tbody tr.status-row").len(), 24);
    assert!(all(&root, "#report-table thead th")
        .iter()
        .any(|th| trimmed(th) == "Period"));
    // Counted from the golden report, target by target (met, missed, below
    // minimum, no data): core 3 1 2 0, P1 3 0 3 0, P2 3 0 1 2, reports
    // 4 1 1 0. Credits before caps 9,600 + 12,000 + 12,000 + 0 + 12,000 +
    // 9,600 = 55,200; paid 9,600 + 12,000 + 12,000 + 0 + 12,000 + 4,400 =
    // 50,000 (the year cap); net of the 9,600 earned back in January 40,400.
    assert_eq!(
        text(&root, "#report-summary"),
        format!(
            "All periods: 24 targets · 13 met · 2 missed · 7 below minimum · 2 no data · \
             SLA credits before caps {} · paid {} · net of earn-back {} · 3 termination rights TRIGGERED",
            money("EUR", "55,200.00"),
            money("EUR", "50,000.00"),
            money("EUR", "40,400.00")
        )
    );
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn why_opens_the_engines_explanation() {
    let (root, _, handle) = mount_results("outsourcing", None).await;
    let why = button(
        &root,
        "Why: explanation of bank-msa Core banking availability, 2026-06",
    );
    assert_eq!(why.get_attribute("aria-expanded").as_deref(), Some("false"));
    assert!(find(&root, "#report-table .why").is_none());
    click(&why).await;
    assert_eq!(why.get_attribute("aria-expanded").as_deref(), Some("true"));
    let lines: Vec<String> = all(&root, "#report-table .why .why-line")
        .iter()
        .map(trimmed)
        .collect();
    // June: service time 1,353,600 s, 4 h (14,400 s) of it down:
    // 1,339,200 ÷ 1,353,600 = 98.93617…% → 98.9361% (rounded down).
    assert!(
        lines.contains(&"Here: (1,353,600 s − 14,400 s) ÷ 1,353,600 s = 98.9361%".to_string()),
        "{lines:?}"
    );
    assert!(
        lines.contains(
            &"Formula: availability = (service time − Σ outage length × impact) ÷ service time"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Convention: ") && l.contains("planned outages excluded")),
        "{lines:?}"
    );
    click(&why).await;
    assert!(find(&root, "#report-table .why").is_none(), "closes again");
    unmount(root, handle);
}

fn termination(root: &Element) -> Vec<(String, String)> {
    all(root, "ul.termination > li")
        .iter()
        .map(|li| {
            (
                li.class_name(),
                li.get_attribute("data-rule").unwrap_or_default(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn triggered_termination_rights_are_marked() {
    let (root, _, handle) = mount_results("outsourcing", None).await;
    // Over the half year all three rights are triggered (golden report).
    let rights = termination(&root);
    assert_eq!(rights.len(), 3, "{rights:?}");
    assert!(
        rights.iter().all(|(class, _)| class == "triggered"),
        "{rights:?}"
    );
    unmount(root, handle);

    // January to March: P1 below minimum in February and March only (2 of
    // 3 needed); credits at the cap in February and March (2 of 12: yes);
    // core availability averages (99.9089 + 99.9757 + 99.9867) ÷ 3 =
    // 99.957 ≥ 99.8.
    let (root, _, handle) = mount_results("outsourcing", Some("2026-01..2026-03")).await;
    let rights = termination(&root);
    let triggered: Vec<&str> = rights
        .iter()
        .filter(|(class, _)| class == "triggered")
        .map(|(_, rule)| rule.as_str())
        .collect();
    assert_eq!(
        triggered,
        ["credits at the cap in 2 of any 12 consecutive periods"],
        "{rights:?}"
    );
    assert_eq!(
        rights
            .iter()
            .filter(|(class, _)| class == "not-triggered")
            .count(),
        2
    );
    let shown = text(&root, "ul.termination > li.triggered");
    assert!(shown.starts_with("‼ TRIGGERED: "), "{shown:?}");
    assert!(shown.contains("(periods 2026-02, 2026-03)"), "{shown:?}");
    unmount(root, handle);
}

#[wasm_bindgen_test]
async fn the_what_if_control_sends_the_typed_minutes() {
    let (root, sent, handle) = mount_results("outsourcing", None).await;
    assert!(find(&root, ".what-if-on").is_none());
    choose(&labelled(&root, "Extra downtime on"), "core-banking").await;
    type_into(
        &find(&root, "#whatif-minutes-exact").expect("exact minutes"),
        "600",
    )
    .await;
    assert_eq!(
        sent.borrow().last(),
        Some(&WhatIf {
            service: "core-banking".into(),
            minutes: 600,
            ..WhatIf::default()
        })
    );
    assert!(text(&root, ".what-if-on")
        .starts_with("What-if on: +600 min downtime on core-banking — not saved."));
    // 15 June 2026 is a Monday: 10:00–20:00 inside banking hours adds
    // 36,000 s to June's 14,400 s: 1,303,200 ÷ 1,353,600 = 96.27659…%.
    assert_eq!(
        text(
            &root,
            "#report-table tr[data-target=\"bank-msa/core-availability\"] td.achieved"
        ),
        localize("96.2765")
    );
    // More than a month of minutes is capped at 31 days (44,640).
    type_into(
        &find(&root, "#whatif-minutes-exact").expect("exact minutes"),
        "50000",
    )
    .await;
    assert_eq!(sent.borrow().last().map(|w| w.minutes), Some(44_640));
    click(&button(&root, "Reset what-if")).await;
    assert_eq!(sent.borrow().last(), Some(&WhatIf::default()));
    assert!(find(&root, ".what-if-on").is_none());
    unmount(root, handle);
}

// ---------------------------------------------------------------------------
// The whole workbench

const INDEX: &str = "sla.workbench.index";
const SAVED: &str = "All changes saved in this browser.";

#[wasm_bindgen_test]
async fn with_empty_storage_it_starts_from_a_template_and_autosaves() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    assert_eq!(
        value_of(&labelled(&root, "Name")),
        "Cloud IaaS SLA with step credits"
    );
    assert_eq!(value_of(&labelled(&root, "Report on")), "2026-02");
    until("the autosave", || text(&root, "#save-status") == SAVED).await;
    let index = stored_index().await;
    // Ids are the time and a random part: read the one given.
    let id = index.current.clone();
    assert!(id.starts_with('w') && id.len() > 2, "{id}");
    assert_eq!(
        index.workspaces,
        vec![store::Entry {
            id: id.clone(),
            name: "Cloud IaaS SLA with step credits".into()
        }]
    );
    let saved: Value =
        serde_json::from_str(&stored(&id).await.expect("the workspace")).expect("JSON");
    assert_eq!(saved["format"], "sla-workspace");
    assert_eq!(
        saved["agreements"]["provider"]["name"],
        "Example Cloud Inc."
    );
    // Nothing in localStorage: the workspaces are in IndexedDB.
    assert_eq!(storage().get_item(INDEX).ok().flatten(), None);
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn the_workspace_open_last_time_is_there_from_the_first_render() {
    clear_storage().await;
    let workspace = template_workspace("multi-level", "2026-02");
    opened_store()
        .await
        .save("w4", &workspace)
        .await
        .expect("saved");
    // As `workbench.html` starts: the store read first, then the page
    // mounted (until then its prerendered text says it is loading).
    let opened = Opened::read().await;
    let puts = count_chunk_puts();
    let root = fresh_root();
    let props = sla_app::pages::workbench::WorkbenchPageProps {
        month: Some("2026-02".into()),
        opened,
        editors: Editors::FULL,
        ..Default::default()
    };
    let handle = yew::Renderer::<sla_app::pages::workbench::WorkbenchPage>::with_root_and_props(
        root.clone(),
        props,
    )
    .render();
    yew::scheduler::flush().await;
    // The first render shows the stored workspace: never an empty one or a
    // template first (which autosave would then write over it).
    assert_eq!(
        value_of(&labelled(&root, "Name")),
        "Multi-level SLA (corporate / customer / service)"
    );
    assert_eq!(value_of(&labelled(&root, "Report on")), "2026-04");
    assert_eq!(value_of(&labelled(&root, "Workspace")), "w4");
    // Saved as it was read: not written again (a large workspace would take
    // seconds) until it changes.
    assert_eq!(text(&root, "#save-status"), SAVED);
    assert_eq!(puts(), 0.0);
    type_into(&labelled(&root, "Name"), "Changed").await;
    until_stored("the change", |s| s.contains("\"Changed\"")).await;
    assert!(puts() > 0.0);
    handle.destroy();
    root.remove();
    clear_storage().await;
}

/// Counts the chunks written to IndexedDB from now on; the returned
/// function reads the count.
fn count_chunk_puts() -> impl Fn() -> f64 {
    use js_sys::{Function, Reflect};
    let prototype = Reflect::get(&js_sys::global(), &"IDBObjectStore".into())
        .and_then(|store| Reflect::get(&store, &"prototype".into()))
        .expect("IDBObjectStore.prototype");
    if Reflect::get(&prototype, &"__counted".into()).is_ok_and(|c| c.is_undefined()) {
        let counting = Function::new_with_args(
            "value, key",
            "if (this.name === 'chunks') IDBObjectStore.__puts = (IDBObjectStore.__puts || 0) + 1; return this.__counted(value, key);",
        );
        let original = Reflect::get(&prototype, &"put".into()).expect("put");
        Reflect::set(&prototype, &"__counted".into(), &original).expect("kept");
        Reflect::set(&prototype, &"put".into(), &counting).expect("replaced");
    }
    let store = Reflect::get(&js_sys::global(), &"IDBObjectStore".into()).expect("IDBObjectStore");
    Reflect::set(&store, &"__puts".into(), &0.into()).expect("reset");
    move || {
        Reflect::get(&store, &"__puts".into())
            .ok()
            .and_then(|n| n.as_f64())
            .unwrap_or(0.0)
    }
}

#[wasm_bindgen_test]
async fn an_unreadable_saved_workspace_is_reported_and_left_untouched() {
    clear_storage().await;
    // As an earlier version left it in localStorage: moved as it is.
    let broken = "{\"format\": \"sla-workspace\", \"version\": 1,";
    storage()
        .set_item(
            INDEX,
            r#"{"version": 1, "current": "w1", "workspaces": [{"id": "w1", "name": "Broken"}]}"#,
        )
        .expect("set");
    storage().set_item("sla.workbench.w1", broken).expect("set");
    let (root, handle) = mount_workbench().await;
    assert!(
        text(&root, "#workbench-message").contains("could not be read"),
        "{}",
        text(&root, "#workbench-message")
    );
    until("the autosave", || text(&root, "#save-status") == SAVED).await;
    // The template went to a new id; the broken text is as it was.
    assert_eq!(raw_chunks("w1").await, vec![broken.as_bytes().to_vec()]);
    let index = stored_index().await;
    assert!(index
        .workspaces
        .iter()
        .any(|e| e.id == "w1" && e.name == "Broken"));
    assert_ne!(index.current, "w1");
    assert!(stored(&index.current).await.is_some());
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn undo_is_disabled_until_a_change_and_then_reverts_it() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    until("the autosave", || text(&root, "#save-status") == SAVED).await;
    assert!(is_disabled(&root, "#undo"));
    assert!(is_disabled(&root, "#redo"));

    // Typing into one field, keystroke by keystroke, is one step.
    let provider = labelled(&root, "Provider (the party that gives the SLAs)");
    assert_eq!(value_of(&provider), "Example Cloud Inc.");
    for typed in ["A", "Ac", "Acme"] {
        type_into(&provider, typed).await;
    }
    assert!(!is_disabled(&root, "#undo"));
    until_stored("the edit to be saved", |s| s.contains("\"Acme\"")).await;

    click(&button(&root, "Undo")).await;
    assert_eq!(
        value_of(&labelled(&root, "Provider (the party that gives the SLAs)")),
        "Example Cloud Inc."
    );
    assert!(is_disabled(&root, "#undo"));
    assert!(!is_disabled(&root, "#redo"));
    until_stored("the undo to be saved", |s| !s.contains("\"Acme\"")).await;

    click(&button(&root, "Redo")).await;
    assert_eq!(
        value_of(&labelled(&root, "Provider (the party that gives the SLAs)")),
        "Acme"
    );
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn the_report_tab_shows_the_report_or_why_there_is_none() {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    click(&button(&root, "Report")).await;
    assert!(find(&root, "#report-table").is_some());
    assert_eq!(value_of(&labelled(&root, "Show period")), "2026-02");
    type_into(&labelled(&root, "Report on"), "March").await;
    assert!(find(&root, "#report-table").is_none());
    let blocked = text(&root, "#report-blocked");
    assert!(blocked.contains("“March” cannot be read"), "{blocked:?}");
    unmount(root, handle);
    clear_storage().await;
}

/// The cloud SLA template with its first step credit at 8 decimals, which
/// the engine refuses (at most 7): as a workspace saved or shared before.
fn with_eight_decimal_credit() -> Workspace {
    let mut workspace = template_workspace("cloud-sla", "2026-02");
    let mut agreements = (*workspace.agreements).clone();
    agreements["agreements"][0]["targets"][0]["credit"]["tiers"][0]["credit"] =
        json!("10.00000001");
    workspace.agreements = Rc::new(agreements);
    workspace
}

/// The workbench shows the workspace with the refused credit: one problem,
/// listed with its path and marked on its field in the agreement's editor,
/// with the value as written.
async fn the_refused_credit_is_marked(root: &Element) {
    let path = "agreements[0].targets[0].credit.tiers[0].credit";
    assert!(
        text(root, "#validation-summary").starts_with("1 problem "),
        "{}",
        text(root, "#validation-summary")
    );
    let listed = text(root, "#problem-list");
    assert!(
        listed.contains(&format!("Error at {path}: `10.00000001`")),
        "{listed}"
    );
    click(&button(root, "SLA: Compute SLA")).await;
    let field = find(root, &format!("#{}", field_id(path))).expect("the credit's field");
    assert_eq!(value_of(&field), "10.00000001", "kept as written");
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    let message = text(root, &format!("#{}-msg", field_id(path)));
    assert!(message.contains("7 decimals"), "{message:?}");
}

#[wasm_bindgen_test]
async fn a_saved_workspace_with_a_value_the_engine_refuses_opens_with_the_field_marked() {
    clear_storage().await;
    opened_store()
        .await
        .save("w-old", &with_eight_decimal_credit())
        .await
        .expect("saved");
    let (root, handle) = mount_workbench().await;
    assert_eq!(value_of(&labelled(&root, "Workspace")), "w-old");
    assert_eq!(text(&root, "#workbench-message"), "");
    the_refused_credit_is_marked(&root).await;
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_share_link_with_a_value_the_engine_refuses_opens_with_the_field_marked() {
    clear_storage().await;
    let fragment = sla_app::browser::share::encode(&with_eight_decimal_credit().to_json())
        .await
        .expect("a share link");
    let (root, handle) = mount_workbench_with(Some(fragment)).await;
    until("the shared workspace", || {
        text(&root, "#workbench-message").starts_with("Opened the shared workspace")
    })
    .await;
    the_refused_credit_is_marked(&root).await;
    unmount(root, handle);
    clear_storage().await;
}

// ---------------------------------------------------------------------------
// The store: chunks in IndexedDB, the move from localStorage, the fallbacks

#[wasm_bindgen_test]
async fn the_chunked_store_writes_reads_back_overwrites_with_fewer_chunks_and_deletes() {
    clear_storage().await;
    let store = opened_store().await;
    // 40,000 outages: several chunks of 1 MiB.
    let large = sla_app::bench::workload_with(5, 1, 40_000);
    let json = large.to_compact_json();
    let expected_chunks = json.len().div_ceil(store::CHUNK_BYTES);
    assert!(expected_chunks >= 3, "{} bytes", json.len());
    store.save("w-big", &large).await.expect("saved");
    let chunks = raw_chunks("w-big").await;
    assert_eq!(chunks.len(), expected_chunks);
    assert!(chunks[..chunks.len() - 1]
        .iter()
        .all(|c| c.len() == store::CHUNK_BYTES));
    assert_eq!(chunks.concat(), json.as_bytes(), "the file, cut in order");
    let back = store
        .load("w-big")
        .await
        .expect("stored")
        .expect("readable");
    assert_eq!(back, large);
    let index = store.index().await;
    assert_eq!(index.current, "w-big");
    assert_eq!(
        index.workspaces,
        vec![store::Entry {
            id: "w-big".into(),
            name: large.name.clone()
        }]
    );

    // Overwritten by a small workspace: one chunk left, no stale one.
    let small = template_workspace("service-desk", "2026-02");
    store.save("w-big", &small).await.expect("saved");
    assert_eq!(raw_chunks("w-big").await.len(), 1);
    let back = store
        .load("w-big")
        .await
        .expect("stored")
        .expect("readable");
    assert_eq!(back, small);
    assert_eq!(store.index().await.workspaces[0].name, small.name);

    // Another workspace beside it is untouched by either.
    store.save("w-big2", &large).await.expect("saved");
    store.save("w-big", &small).await.expect("saved");
    assert_eq!(raw_chunks("w-big2").await.len(), expected_chunks);

    // Deleted: no manifest, no chunk, not listed; the other one stays.
    store.delete("w-big").await.expect("deleted");
    assert!(store.load("w-big").await.is_none());
    assert!(raw_chunks("w-big").await.is_empty());
    let ids: Vec<String> = store
        .index()
        .await
        .workspaces
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec!["w-big2".to_string()]);
    assert_eq!(
        store
            .load("w-big2")
            .await
            .expect("stored")
            .expect("readable"),
        large
    );
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_save_in_slices_gives_the_page_its_turn_and_writes_only_a_workspace_that_held_still() {
    clear_storage().await;
    let store = opened_store().await;
    let small = template_workspace("service-desk", "2026-02");
    store.save("w-s", &small).await.expect("saved");
    // 40,000 outages take several slices of serialisation.
    let large = sla_app::bench::workload_with(5, 1, 40_000);
    let asked = std::cell::Cell::new(0);
    let current = || {
        asked.set(asked.get() + 1);
        Some(large.clone())
    };
    let ended = store.save_in_slices("w-s", &current).await.expect("saved");
    assert_eq!(ended, store::Sliced::Saved);
    assert!(asked.get() > 1, "one slice only: {}", asked.get());
    assert_eq!(
        raw_chunks("w-s").await.concat(),
        large.to_compact_json().as_bytes(),
        "the file, cut in order"
    );
    assert_eq!(
        store.load("w-s").await.expect("stored").expect("readable"),
        large
    );
    assert_eq!(store.index().await.current, "w-s");

    // Changed after its first slice: nothing is written, the save before stays.
    store.save("w-s", &small).await.expect("saved");
    let asked = std::cell::Cell::new(0);
    let changed = || {
        asked.set(asked.get() + 1);
        (asked.get() == 1).then(|| large.clone())
    };
    let ended = store
        .save_in_slices("w-s", &changed)
        .await
        .expect("stopped");
    assert_eq!(ended, store::Sliced::Superseded);
    assert_eq!(asked.get(), 2);
    assert_eq!(
        store.load("w-s").await.expect("stored").expect("readable"),
        small
    );
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_damaged_stored_workspace_is_reported_and_left_as_it_is() {
    clear_storage().await;
    let store = opened_store().await;
    let workspace = template_workspace("service-desk", "2026-02");
    store.save("w-d", &workspace).await.expect("saved");
    // One byte changed behind the store's back.
    let mut bytes = raw_chunks("w-d").await.concat();
    bytes[10] ^= 1;
    let db = database().await;
    let tx = transaction(&db, &[store::CHUNKS], Mode::Write).expect("a transaction");
    let done = committed(&tx);
    tx.object_store(store::CHUNKS)
        .and_then(|s| {
            s.put_with_key(
                &js_sys::Uint8Array::from(bytes.as_slice()),
                &sla_app::browser::idb::pair("w-d", 0.0),
            )
        })
        .expect("put");
    done.await.expect("committed");
    db.close();
    let problem = store
        .load("w-d")
        .await
        .expect("listed")
        .expect_err("damaged");
    assert!(problem.contains("do not match"), "{problem}");
    assert_eq!(raw_chunks("w-d").await.concat(), bytes, "left as it is");
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn workspaces_in_local_storage_move_to_indexeddb_and_leave_it_once_committed() {
    clear_storage().await;
    let cloud = template_workspace("cloud-sla", "2026-02");
    let desk = template_workspace("service-desk", "2026-02");
    // IndexedDB already holds a different workspace under "w2" (a session
    // that could not move it): both are kept.
    let other = template_workspace("multi-level", "2026-02");
    opened_store()
        .await
        .save("w2", &other)
        .await
        .expect("saved");
    // As the version before IndexedDB left them.
    storage()
        .set_item(
            INDEX,
            r#"{"version": 1, "current": "w2", "workspaces": [{"id": "w1", "name": "Cloud"}, {"id": "w2", "name": "Desk"}]}"#,
        )
        .expect("set");
    storage()
        .set_item("sla.workbench.w1", &cloud.to_compact_json())
        .expect("set");
    storage()
        .set_item("sla.workbench.w2", &desk.to_compact_json())
        .expect("set");
    let store = opened_store().await;
    for key in [INDEX, "sla.workbench.w1", "sla.workbench.w2"] {
        assert_eq!(storage().get_item(key).ok().flatten(), None, "{key} moved");
    }
    let index = store.index().await;
    assert_eq!(index.workspaces.len(), 3, "{:?}", index.workspaces);
    assert_eq!(
        store.load("w1").await.expect("moved").expect("readable"),
        cloud
    );
    assert_eq!(
        store.load("w2").await.expect("kept").expect("readable"),
        other
    );
    let moved_desk = index
        .workspaces
        .iter()
        .find(|e| e.name == "Desk")
        .expect("the other w2, under a new id");
    assert_ne!(moved_desk.id, "w2");
    assert_eq!(
        store
            .load(&moved_desk.id)
            .await
            .expect("moved")
            .expect("readable"),
        desk
    );
    // The one open last in localStorage is the one open first now.
    assert_eq!(index.current, moved_desk.id);

    // Moving again (another tab, a later load) finds nothing to move.
    storage()
        .set_item("sla.workbench.w1", &cloud.to_compact_json())
        .expect("set");
    let store = opened_store().await;
    assert_eq!(storage().get_item("sla.workbench.w1").ok().flatten(), None);
    assert_eq!(
        store.index().await.workspaces.len(),
        3,
        "the same bytes: not copied"
    );
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn without_indexeddb_local_storage_keeps_them_and_without_both_nothing_is_kept() {
    clear_storage().await;
    let store = Store::local();
    assert_eq!(store.kind(), Kind::LocalStorage);
    let workspace = template_workspace("cloud-sla", "2026-02");
    store.save("w7", &workspace).await.expect("saved");
    assert_eq!(
        store.load("w7").await.expect("stored").expect("readable"),
        workspace
    );
    let index = store.index().await;
    assert_eq!(index.current, "w7");
    assert_eq!(index.workspaces[0].name, workspace.name);
    assert!(storage()
        .get_item("sla.workbench.w7")
        .ok()
        .flatten()
        .is_some());
    store.delete("w7").await.expect("deleted");
    assert!(store.load("w7").await.is_none());
    assert!(store.index().await.workspaces.is_empty());

    let nowhere = Store::nowhere();
    let problem = nowhere.save("w8", &workspace).await.expect_err("not kept");
    assert!(
        problem.contains("does not let the page store data"),
        "{problem}"
    );
    assert!(nowhere.load("w8").await.is_none());
    clear_storage().await;
}

// ---------------------------------------------------------------------------
// Autosave timing, and measurement edits through the whole workbench

/// The stored text of the open workspace.
async fn stored_current() -> Option<String> {
    let index = stored_index().await;
    stored(&index.current).await
}

/// Starts from empty storage and waits for the first workspace to be saved.
async fn mount_saved_workbench() -> (Element, AppHandle<Workbench>) {
    clear_storage().await;
    let (root, handle) = mount_workbench().await;
    until("the first autosave", || {
        text(&root, "#save-status") == SAVED
    })
    .await;
    (root, handle)
}

#[wasm_bindgen_test]
async fn autosave_writes_once_the_typing_pauses() {
    let (root, handle) = mount_saved_workbench().await;
    let name = labelled(&root, "Name");
    let typed_at = sla_app::browser::now_ms();
    for typed in ["P", "Pa", "Pau", "Pause"] {
        type_into(&name, typed).await;
    }
    let last_key = sla_app::browser::now_ms();
    // Not at each key: the change waits, and says so.
    assert!(!stored_current()
        .await
        .unwrap_or_default()
        .contains("\"Pause\""));
    assert_eq!(text(&root, "#save-status"), "Saving…");
    until_stored("the autosave after the pause", |s| s.contains("\"Pause\"")).await;
    // Written no sooner than the pause after the last key (500 ms).
    assert!(
        sla_app::browser::now_ms() - last_key >= 450.0,
        "saved {:.0} ms after the last key",
        sla_app::browser::now_ms() - last_key
    );
    assert!(sla_app::browser::now_ms() - typed_at < 20_000.0);
    until("the status", || text(&root, "#save-status") == SAVED).await;
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn leaving_the_page_writes_what_waits_at_once() {
    let (root, handle) = mount_saved_workbench().await;
    let store = opened_store().await;
    let id = store.index().await.current;
    type_into(&labelled(&root, "Name"), "Left at once").await;
    let read = |w: Option<Result<Workspace, String>>| w.and_then(Result::ok).map(|w| w.name);
    assert_ne!(read(store.load(&id).await).as_deref(), Some("Left at once"));
    let window = web_sys::window().expect("a window");
    window
        .dispatch_event(&web_sys::Event::new("pagehide").expect("an event"))
        .expect("dispatch");
    // Handed to IndexedDB in the event itself (a closing tab waits for
    // nothing else): a read begun right after it is ordered after that
    // write, and sees it (a write from the 500 ms timer would come later).
    assert_eq!(read(store.load(&id).await).as_deref(), Some("Left at once"));
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn hiding_the_page_writes_what_waits_at_once() {
    use js_sys::{Object, Reflect};
    let (root, handle) = mount_saved_workbench().await;
    let store = opened_store().await;
    let id = store.index().await.current;
    type_into(&labelled(&root, "Name"), "Hidden tab").await;
    let read = |w: Option<Result<Workspace, String>>| w.and_then(Result::ok).map(|w| w.name);
    assert_ne!(read(store.load(&id).await).as_deref(), Some("Hidden tab"));
    // The page as a browser reports it when the tab is switched away.
    let document = document();
    let hidden = Object::new();
    Reflect::set(&hidden, &"value".into(), &true.into()).expect("set");
    Reflect::set(&hidden, &"configurable".into(), &true.into()).expect("set");
    Object::define_property(&document, &"hidden".into(), &hidden);
    document
        .dispatch_event(&web_sys::Event::new("visibilitychange").expect("an event"))
        .expect("dispatch");
    Reflect::delete_property(&document, &"hidden".into()).expect("restored");
    assert_eq!(read(store.load(&id).await).as_deref(), Some("Hidden tab"));
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn opening_another_workspace_first_writes_what_waits() {
    let (root, handle) = mount_saved_workbench().await;
    let first = stored_index().await.current;
    type_into(&labelled(&root, "Name"), "Written before leaving").await;
    click(&button(&root, "Create")).await;
    assert!(text(&root, "#workbench-message").starts_with("Created the workspace"));
    assert!(stored(&first)
        .await
        .is_some_and(|s| s.contains("Written before leaving")));
    // The new workspace is saved at once, not after a pause.
    let index = stored_index().await;
    assert_ne!(index.current, first);
    assert_eq!(index.workspaces.len(), 2);
    unmount(root, handle);
    clear_storage().await;
}

/// Makes IndexedDB refuse the workspaces' chunks as a full storage does
/// (`QuotaExceededError`); the returned function puts it back.
fn fill_storage() -> impl FnOnce() {
    use js_sys::{Function, Reflect};
    let prototype = Reflect::get(&js_sys::global(), &"IDBObjectStore".into())
        .and_then(|store| Reflect::get(&store, &"prototype".into()))
        .expect("IDBObjectStore.prototype");
    let original = Reflect::get(&prototype, &"put".into()).expect("put");
    let full = Function::new_with_args(
        "value, key",
        "if (this.name === 'chunks') throw new DOMException('full', 'QuotaExceededError'); return this.__put(value, key);",
    );
    Reflect::set(&prototype, &"__put".into(), &original).expect("kept");
    Reflect::set(&prototype, &"put".into(), &full).expect("replaced");
    move || {
        Reflect::set(&prototype, &"put".into(), &original).expect("restored");
        Reflect::delete_property(&prototype.into(), &"__put".into()).expect("removed");
    }
}

#[wasm_bindgen_test]
async fn after_a_failed_autosave_leaving_warns_once() {
    let (root, handle) = mount_saved_workbench().await;
    let restore = fill_storage();
    type_into(&labelled(&root, "Name"), "Unsaved work").await;
    until("the failed autosave", || {
        text(&root, "#save-status").starts_with("Not saved")
    })
    .await;
    // A full storage is named, with what to do.
    let status = text(&root, "#save-status");
    assert!(status.contains("more than this browser keeps"), "{status}");
    assert!(
        status.contains("Export the workspace as a file"),
        "{status}"
    );
    click(&button(&root, "Create")).await;
    assert!(
        text(&root, "#workbench-message").contains("is not saved in this browser"),
        "{}",
        text(&root, "#workbench-message")
    );
    assert_eq!(value_of(&labelled(&root, "Name")), "Unsaved work");
    // Asked again, it goes.
    click(&button(&root, "Create")).await;
    assert!(text(&root, "#workbench-message").starts_with("Created the workspace"));
    restore();
    unmount(root, handle);
    clear_storage().await;
}

#[wasm_bindgen_test]
async fn a_measurement_cell_edit_is_one_step_undone_and_redone_and_autosaved() {
    let (root, handle) = mount_saved_workbench().await;
    click(&button(&root, "Measurements")).await;
    let cause = || -> HtmlInputElement {
        find(&root, "#outage-0-cause")
            .and_then(|e| e.dyn_into().ok())
            .expect("the first outage's cause")
    };
    let before = cause().value();
    cause().set_value("fibre cut");
    cause()
        .dispatch_event(&bubbling("change"))
        .expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(cause().value(), "fibre cut");
    assert!(!is_disabled(&root, "#undo"));
    until_stored("the edit to be saved", |s| s.contains("\"fibre cut\"")).await;
    click(&button(&root, "Undo")).await;
    assert_eq!(cause().value(), before);
    assert!(is_disabled(&root, "#undo"));
    click(&button(&root, "Redo")).await;
    assert_eq!(cause().value(), "fibre cut");
    unmount(root, handle);
    clear_storage().await;
}

// ---------------------------------------------------------------------------
// Benchmark: a cell edit in a large workspace (run on demand)

/// Opens `json` as a workspace file through "Open a file…", as a person
/// picking it would (a `DataTransfer` gives the input its file list).
async fn open_file(root: &Element, name: &str, json: &str) {
    use js_sys::{Array, Function, Reflect};
    let file =
        web_sys::File::new_with_str_sequence(&Array::of1(&json.into()), name).expect("a file");
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
    let input = find(root, "#open-file").expect("the file input");
    Reflect::set(
        &input,
        &"files".into(),
        &Reflect::get(&transfer, &"files".into()).expect("files"),
    )
    .expect("files set");
    input.dispatch_event(&bubbling("change")).expect("dispatch");
    yew::scheduler::flush().await;
}

/// Waits for the next animation frame: the page paints what was rendered
/// before it right after its callbacks (a task queued before would run
/// first, and count).
async fn painted() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("a window")
            .request_animation_frame(&resolve)
            .expect("a frame");
    });
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("a frame");
}

fn wasm_memory() -> f64 {
    core::arch::wasm32::memory_size(0) as f64 * 65_536.0
}

/// Edits the cause of one outage after another in a workspace of
/// `SLA_BENCH_OUTAGES` outages (a compile-time variable; 300,000 unless set)
/// through the whole workbench, and prints for each edit the time from the
/// cell's `change` event until the cell shows the saved text and the page
/// has painted it, then until the outage timeline is drawn again (after the
/// paint); then the same for undo; and the wasm memory before and after the
/// edits. Run on demand, in a release build:
/// `SLA_BENCH_OUTAGES=300000 CHROMEDRIVER=$(command -v chromedriver) WASM_BINDGEN_TEST_TIMEOUT=1800 cargo test --release -p sla-app --target wasm32-unknown-unknown --test workbench -- --include-ignored --nocapture bench_`
#[wasm_bindgen_test]
#[ignore = "a benchmark: run on demand"]
async fn bench_a_cell_edit_in_a_large_workspace() {
    clear_storage().await;
    let outages: usize = option_env!("SLA_BENCH_OUTAGES")
        .and_then(|v| v.parse().ok())
        .unwrap_or(300_000);
    let runs = 8;
    let (root, handle) = mount_workbench().await;
    let json = sla_app::bench::workload_with(50, 12, outages).to_json();
    let bytes = json.len();
    let started = sla_app::browser::now_ms();
    open_file(&root, "bench.sla-workspace.json", &json).await;
    drop(json);
    until("the large workspace to open", || {
        text(&root, "#workbench-message").contains("opened as the new workspace")
    })
    .await;
    let opened_ms = sla_app::browser::now_ms() - started;
    click(&button(&root, "Measurements")).await;
    let drawn = |root: &Element| {
        find(root, "section[aria-labelledby=outage-timeline-title]")
            .is_some_and(|s| !s.has_attribute("aria-busy"))
    };
    until("the outage table and timeline", || drawn(&root)).await;
    let settled = |root: &Element| !text(root, "#save-status").starts_with("Saving");
    until("the first autosave", || settled(&root)).await;
    let memory_before = wasm_memory();
    let cause = |root: &Element, row: usize| -> HtmlInputElement {
        find(root, &format!("#outage-{row}-cause"))
            .and_then(|e| e.dyn_into().ok())
            .expect("a cause cell")
    };
    let (mut shown, mut redrawn) = (Vec::new(), Vec::new());
    for run in 0..runs {
        let row = run * 17 % sla_app::pages::workbench::measurements::PAGE_ROWS;
        let saved = format!("edit {run}");
        // Spaces around are trimmed when the cell is saved: the cell shows
        // the saved text only once the edit went through.
        cause(&root, row).set_value(&format!("  {saved}  "));
        let started = sla_app::browser::now_ms();
        cause(&root, row)
            .dispatch_event(&bubbling("change"))
            .expect("dispatch");
        until("the edit to show", || cause(&root, row).value() == saved).await;
        painted().await;
        shown.push(sla_app::browser::now_ms() - started);
        until("the timeline", || drawn(&root)).await;
        redrawn.push(sla_app::browser::now_ms() - started);
        until("the autosave after the edit", || settled(&root)).await;
    }
    let memory_after = wasm_memory();
    let (mut undone, mut undone_redrawn) = (Vec::new(), Vec::new());
    for run in (0..runs).rev() {
        // (Undo keeps at most 2,000,000 records: it may not reach back to
        // the first edits.)
        if is_disabled(&root, "#undo") {
            break;
        }
        let started = sla_app::browser::now_ms();
        click(&button(&root, "Undo")).await;
        let row = run * 17 % sla_app::pages::workbench::measurements::PAGE_ROWS;
        until("the undo to show", || cause(&root, row).value().is_empty()).await;
        painted().await;
        undone.push(sla_app::browser::now_ms() - started);
        until("the timeline", || drawn(&root)).await;
        undone_redrawn.push(sla_app::browser::now_ms() - started);
    }
    let list = |times: &[f64]| {
        times
            .iter()
            .map(|t| format!("{t:.0}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    console_log!(
        "cell edit in a workspace of {outages} outages ({:.1} MB file, opened in {:.0} ms): edit → shown and painted {} ms, → timeline drawn again {} ms; {} undos → shown and painted {} ms, → timeline {} ms; wasm memory {:.0} MB → {:.0} MB; save status: {}",
        bytes as f64 / 1e6,
        opened_ms,
        list(&shown),
        list(&redrawn),
        undone.len(),
        list(&undone),
        list(&undone_redrawn),
        memory_before / 1e6,
        memory_after / 1e6,
        text(&root, "#save-status"),
    );
    unmount(root, handle);
    clear_storage().await;
}

/// `sla_app::bench::cell_edit_bench` in the browser's wasm (what phase 3
/// of `scripts/workbench-bench.mjs` prints): the edit through the reducer,
/// what the Measurements view works out again, the report, the autosave's
/// serialisation and undo, in milliseconds per run. Run on demand as
/// [`bench_a_cell_edit_in_a_large_workspace`].
#[wasm_bindgen_test]
#[ignore = "a benchmark: run on demand"]
async fn bench_the_cell_edit_path_in_wasm() {
    sla_app::browser::zone::install();
    let outages: usize = option_env!("SLA_BENCH_OUTAGES")
        .and_then(|v| v.parse().ok())
        .unwrap_or(300_000);
    console_log!("{}", sla_app::bench::cell_edit_bench(outages, 10));
}
