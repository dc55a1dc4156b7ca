//! The "Compare vendor SLAs" page (`compare.html`): a customer enters one
//! outage log, their month, bill and deployment, picks vendors' SLA presets
//! and sees them side by side (each one's uptime under its own definition,
//! tier, credit and claim deadline, each figure explained, the differences
//! in words), then gets the claim text and table for one of them.
//!
//! - [`log`]: the outage log, as CSV (pasted or uploaded) or typed rows.
//! - [`presets`]: the presets to pick, grouped by vendor, with their sources.
//! - [`results`]: the comparison, its explanations and downloads.
//! - [`claim`]: the claim helper.
//!
//! Like the embed, the page is written straight against the DOM
//! (`web-sys`, without Yew), on the prerendered header of `compare.html`,
//! to keep its first load small (`budget.json`). The state is one
//! [`CompareState`], changed only through its [`Action`]s: an event
//! anywhere in `<main>` (one listener per kind, at `<main>`) becomes an
//! action, the state is kept in `localStorage` (when the browser allows)
//! and [`Page::refresh`] redraws what depends on it, leaving the fields
//! being typed in alone. Every figure comes from `sla_presets`; every text
//! goes in through `textContent` or an attribute, never as markup.

pub mod claim;
pub mod log;
pub mod presets;
pub mod results;

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDate;
use sla_presets::compare::{compare, Comparison};
use sla_presets::render::{comparison_csv, comparison_text};
use sla_presets::Preset;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlTextAreaElement, Node};

use crate::browser;
use crate::i18n::{texts, Compare};
use crate::pages::dom::{by_id, el, focus, set_text, text};
use crate::state::compare::{
    file_name, from_storage, parse_log, to_storage, to_storage_without_log, Action, CompareState,
    FieldErrors, LogInput, ParsedLog, RequestInputs, RowField, MAX_LOG_BYTES, MAX_TABLE_ROWS,
    STORAGE_BACKUP_KEY, STORAGE_KEY,
};

/// What storage refused to keep, and the browser's reason.
#[derive(Clone, Debug, PartialEq)]
enum NotKept {
    /// Nothing: storage is blocked.
    All(String),
    /// The log (too large for the browser's storage); the rest is kept.
    Log(String),
}

/// The presets evaluated on the log for the request, or why not.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// No preset is picked.
    NothingPicked,
    /// The month, bill or currency cannot be read.
    BadInput,
    /// The log cannot be read at all.
    BadLog,
    /// The crate refused (a month out of range).
    Refused(String),
    Compared(Comparison),
}

/// The page's texts, in the page's language (the `Compare` group of the
/// catalogue, `src/i18n/`).
fn t() -> &'static Compare {
    texts().compare()
}

/// The example shown until the visitor enters a log or picks an SLA: the
/// outage log of `examples/vendor-outages-2026-07.csv`, three SLAs, July
/// 2026, a bill of 1,000.00 USD.
const EXAMPLE_LOG: &str = include_str!("../../../examples/vendor-outages-2026-07.csv");
const EXAMPLE_PRESETS: [&str; 3] = [
    "aws-ec2-region",
    "aws-s3-standard",
    "gcp-compute-multi-zone",
];

/// The example's log and outcome.
fn example(presets: &[Preset], today: NaiveDate) -> (Rc<ParsedLog>, Rc<Outcome>) {
    let log = parse_log(EXAMPLE_LOG);
    let inputs = RequestInputs {
        month: "2026-07".into(),
        bill: "1000.00".into(),
        currency: "USD".into(),
        zones: String::new(),
        instance: String::new(),
        today,
    };
    let selected: Vec<String> = EXAMPLE_PRESETS.iter().map(ToString::to_string).collect();
    let outcome = evaluate_all(presets, &selected, &log, &inputs);
    (Rc::new(log), Rc::new(outcome))
}

/// The presets picked, in the bundled order (vendor by vendor).
fn chosen<'a>(presets: &'a [Preset], selected: &[String]) -> Vec<&'a Preset> {
    presets
        .iter()
        .filter(|p| selected.contains(&p.id))
        .collect()
}

fn evaluate_all(
    presets: &[Preset],
    selected: &[String],
    log: &ParsedLog,
    inputs: &RequestInputs,
) -> Outcome {
    let picked = chosen(presets, selected);
    if picked.is_empty() {
        return Outcome::NothingPicked;
    }
    if log.fatal {
        return Outcome::BadLog;
    }
    let Ok(request) = inputs.request() else {
        return Outcome::BadInput;
    };
    match compare(&picked, &log.records, &request) {
        Ok(comparison) => Outcome::Compared(comparison),
        Err(e) => Outcome::Refused(e.to_string()),
    }
}

/// Reads what was kept, over a fresh state; with it, why what was kept
/// could not be read, if so. An unreadable value is moved aside (to
/// [`STORAGE_BACKUP_KEY`]) before anything overwrites it.
fn initial(key: &str, today: NaiveDate) -> (CompareState, Option<String>) {
    let fresh = CompareState::new(today);
    match browser::load(key) {
        Ok(Some(text)) => match from_storage(&text, &fresh) {
            Ok(state) => (state, None),
            Err(why) => {
                let _ = browser::save(STORAGE_BACKUP_KEY, &text);
                (fresh, Some(why))
            }
        },
        // Blocked storage is reported by the first save.
        Ok(None) | Err(_) => (fresh, None),
    }
}

/// The request's fields: id, label, hint, placeholder, inputmode, type.
type FieldSpec = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);

fn request_fields() -> [FieldSpec; 5] {
    [
        (
            "compare-month",
            t().month_label,
            t().month_hint,
            Some("2026-07"),
            None,
            "month",
        ),
        (
            "compare-bill",
            t().bill_label,
            t().bill_hint,
            Some("1000.00"),
            Some("decimal"),
            "text",
        ),
        (
            "compare-currency",
            t().currency_label,
            t().currency_hint,
            None,
            None,
            "text",
        ),
        (
            "compare-zones",
            t().zones_label,
            t().zones_hint,
            Some("eu-west-1a, eu-west-1b"),
            None,
            "text",
        ),
        (
            "compare-instance",
            t().instance_label,
            t().instance_hint,
            Some("i-0abc"),
            None,
            "text",
        ),
    ]
}

/// The page's state: the visitor's input and what is derived from it
/// (recomputed only when what it depends on changed).
struct Page {
    doc: Document,
    main: Element,
    key: String,
    today: NaiveDate,
    state: Rc<CompareState>,
    presets: Vec<Preset>,
    preset_problems: Vec<String>,
    log_text: Rc<String>,
    parsed: Rc<ParsedLog>,
    /// What the outcome was computed from.
    computed: Option<(Vec<String>, RequestInputs)>,
    outcome: Rc<Outcome>,
    /// The example's log and outcome, while nothing is entered.
    example: Option<(Rc<ParsedLog>, Rc<Outcome>)>,
    unreadable: Option<String>,
    not_kept: Option<NotKept>,
    upload_error: Option<String>,
    reading: bool,
    copied: String,
}

type Shared = Rc<RefCell<Page>>;

/// Builds the page in `main` (replacing the prerendered first screen, and
/// adding the footer after it): today is `today` (deadlines count from it),
/// the input is kept under `key` ([`STORAGE_KEY`] on the page).
pub fn mount(main: Element, today: NaiveDate, key: &str) {
    let Some(doc) = main.owner_document() else {
        return;
    };
    let (state, unreadable) = initial(key, today);
    let (presets, preset_problems) = match sla_presets::bundled_for_pages() {
        Ok(list) => (list, Vec::new()),
        Err(problems) => (
            Vec::new(),
            problems.iter().map(ToString::to_string).collect(),
        ),
    };
    let page: Shared = Rc::new(RefCell::new(Page {
        doc,
        main: main.clone(),
        key: key.to_owned(),
        today,
        state: Rc::new(state),
        presets,
        preset_problems,
        log_text: Rc::new(String::new()),
        parsed: Rc::new(ParsedLog::default()),
        computed: None,
        outcome: Rc::new(Outcome::NothingPicked),
        example: None,
        unreadable,
        not_kept: None,
        upload_error: None,
        reading: false,
        copied: String::new(),
    }));
    listen_in(&page, &main);
    // The wasm's start and the presets in this task; the result in a task
    // of its own; the inputs once it has painted (so that no single task
    // holds the page long).
    wasm_bindgen_futures::spawn_local(async move {
        browser::yield_now().await;
        if let Ok(mut p) = page.try_borrow_mut() {
            p.derive();
            p.save();
            p.render();
        }
        browser::after_paint().await;
        if let Ok(p) = page.try_borrow() {
            p.render_inputs();
        }
    });
}

/// The page in the document's `#main`, today from the browser's clock.
pub fn start() {
    let Some(main) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
    else {
        return;
    };
    mount(main, browser::today(), STORAGE_KEY);
}

/// One listener per kind of event at `<main>`: controls are told apart by id.
fn listen_in(page: &Shared, main: &Element) {
    for kind in ["input", "change", "click", "keydown"] {
        let page = page.clone();
        let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            on(&page, &event, &target);
        });
        let _ = main.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        closure.forget();
    }
}

/// The value of an input, select or text area.
fn value_of(target: &Element) -> String {
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

fn on(page: &Shared, event: &web_sys::Event, target: &Element) {
    let kind = event.type_();
    let id = target.id();
    match (kind.as_str(), id.as_str()) {
        ("change", "compare-file") => read_file(page, target),
        ("click", "claim-copy") => copy_claim(page),
        _ => {
            if let Ok(mut p) = page.try_borrow_mut() {
                p.on(event, target, &kind, &id);
            }
        }
    }
}

/// Reads the file chosen for the log (up to [`MAX_LOG_BYTES`]).
fn read_file(page: &Shared, target: &Element) {
    let Some(input) = target.dyn_ref::<HtmlInputElement>() else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    // The same file chosen again must fire `change` again.
    input.set_value("");
    let name = file.name();
    let Ok(mut p) = page.try_borrow_mut() else {
        return;
    };
    if file.size() > MAX_LOG_BYTES as f64 {
        p.upload_error = Some(t().file_too_large(&name, MAX_LOG_BYTES / (1024 * 1024)));
        p.render_log();
        return;
    }
    p.upload_error = None;
    p.reading = true;
    p.render_log();
    drop(p);
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let read = browser::file_text(&file).await;
        if let Ok(mut p) = page.try_borrow_mut() {
            p.reading = false;
            match read {
                Ok(text) => p.dispatch(Action::CsvFile { name, text }),
                Err(why) => p.upload_error = Some(t().file_unreadable(&name, &why)),
            }
            p.render_log();
        }
    });
}

/// Copies the claim's text, or selects it where the browser refuses.
fn copy_claim(page: &Shared) {
    let text = match page.try_borrow() {
        Ok(p) => p.claim().map(|(document, _, _)| document.text),
        Err(_) => None,
    };
    let Some(text) = text else {
        return;
    };
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let said = match browser::copy(&text).await {
            Ok(()) => t().copied,
            Err(_) => {
                if let Ok(p) = page.try_borrow() {
                    select_all(&p.main, "claim-text");
                }
                t().copy_selected
            }
        };
        if let Ok(mut p) = page.try_borrow_mut() {
            p.copied = said.to_owned();
            if let Some(status) = by_id(&p.main, "claim-copy-status") {
                set_text(&status, said);
            }
        }
    });
}

impl Page {
    fn on(&mut self, event: &web_sys::Event, target: &Element, kind: &str, id: &str) {
        let value = || value_of(target);
        let action = match (kind, id) {
            ("change", "compare-mode-csv") => Action::Input(LogInput::Csv),
            ("change", "compare-mode-table") => Action::Input(LogInput::Table),
            ("input", "compare-csv") => Action::Csv(value()),
            ("input", "compare-month") => Action::Month(value()),
            ("input", "compare-bill") => Action::Bill(value()),
            ("input", "compare-currency") => Action::Currency(value()),
            ("input", "compare-zones") => Action::Zones(value()),
            ("input", "compare-instance") => Action::Instance(value()),
            ("change", "claim-preset") => Action::Claim(value()),
            ("change", _) if id.starts_with("pick-") => {
                let on = target
                    .dyn_ref::<HtmlInputElement>()
                    .is_some_and(HtmlInputElement::checked);
                Action::Pick(id["pick-".len()..].to_owned(), on)
            }
            ("input" | "change", _) if id.starts_with("compare-row-") => {
                let Some((row, field)) = log::cell_of(id) else {
                    return;
                };
                // Text cells change on `input`, the lists on `change`.
                let list = matches!(field, RowField::Scope | RowField::Excluded);
                if list != (kind == "change") {
                    return;
                }
                Action::EditRow(row, field, value())
            }
            ("keydown", _) => {
                self.on_key(event, target);
                return;
            }
            ("click", "compare-add-row") => {
                let count = self.state.rows.len();
                if count < MAX_TABLE_ROWS {
                    self.dispatch(Action::AddRow);
                    self.render_log();
                    focus(&self.main, &log::cell_id(count, RowField::Start));
                }
                return;
            }
            ("click", "compare-download-csv" | "compare-download-text") => {
                self.download_comparison(id == "compare-download-csv");
                return;
            }
            ("click", "claim-download-text" | "claim-download-csv") => {
                if let Some((document, preset, month)) = self.claim() {
                    if id == "claim-download-text" {
                        let name = file_name(&["sla-claim", &preset, &month], "txt");
                        browser::download(&name, "text/plain", &document.text);
                    } else {
                        let name = file_name(&["sla-claim", &preset, &month], "csv");
                        browser::download(&name, "text/csv", &document.csv);
                    }
                }
                return;
            }
            ("click", _) => {
                if let Some(index) = target
                    .get_attribute("data-remove")
                    .and_then(|i| i.parse::<usize>().ok())
                {
                    self.remove_row(index);
                } else if let Some(details) = target
                    .get_attribute("data-open")
                    .and_then(|id| by_id(&self.main, &id))
                {
                    // A link to a closed `<details>` would scroll to it
                    // without opening it.
                    let _ = details.set_attribute("open", "");
                }
                return;
            }
            _ => return,
        };
        let structural = matches!(action, Action::Input(_));
        self.dispatch(action);
        if structural {
            self.render_log();
        }
    }

    /// Enter in a row's text field moves to the next row's start (adding a
    /// row after the last).
    fn on_key(&mut self, event: &web_sys::Event, target: &Element) {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        if key.key() != "Enter" || target.dyn_ref::<HtmlInputElement>().is_none() {
            return;
        }
        let Some((index, _)) = log::cell_of(&target.id()) else {
            return;
        };
        event.prevent_default();
        let count = self.state.rows.len();
        if index + 1 == count {
            if count >= MAX_TABLE_ROWS {
                return;
            }
            self.dispatch(Action::AddRow);
            self.render_log();
        }
        focus(&self.main, &log::cell_id(index + 1, RowField::Start));
    }

    /// Removes a row; the focus goes to the row that takes its place, or
    /// the one before.
    fn remove_row(&mut self, index: usize) {
        let count = self.state.rows.len();
        self.dispatch(Action::RemoveRow(index));
        self.render_log();
        let next = if index + 1 < count {
            index
        } else {
            index.saturating_sub(1)
        };
        focus(&self.main, &log::cell_id(next, RowField::Start));
    }

    /// Changes the state; when it changed, keeps it and redraws what
    /// depends on it.
    fn dispatch(&mut self, action: Action) {
        let next = self.state.clone().reduce(action);
        if Rc::ptr_eq(&next, &self.state) {
            return;
        }
        self.state = next;
        self.derive();
        self.save();
        self.refresh();
    }

    /// The log read, the outcome and the example, from the state.
    fn derive(&mut self) {
        let text = self.state.log_text();
        if *text != *self.log_text {
            self.parsed = Rc::new(parse_log(&text));
            self.log_text = text;
            self.computed = None;
        }
        let key = (
            self.state.selected.clone(),
            self.state.request_inputs(self.today),
        );
        if self.computed.as_ref() != Some(&key) {
            self.outcome = Rc::new(evaluate_all(&self.presets, &key.0, &self.parsed, &key.1));
            self.computed = Some(key);
        }
        if !self.state.untouched() {
            self.example = None;
        } else if self.example.is_none() && !self.presets.is_empty() {
            self.example = Some(example(&self.presets, self.today));
        }
    }

    /// Persistence: the state in storage, or what could not be kept.
    fn save(&mut self) {
        self.not_kept = match browser::save(&self.key, &to_storage(&self.state)) {
            Ok(()) => None,
            // Full: the rest is kept without the log, rather than an older state.
            Err(why) => match browser::save(&self.key, &to_storage_without_log(&self.state)) {
                Ok(()) => Some(NotKept::Log(why)),
                Err(why) => Some(NotKept::All(why)),
            },
        };
    }

    /// The claim for the preset chosen, with its preset's id and month.
    fn claim(&self) -> Option<(sla_presets::claim::ClaimDocument, String, String)> {
        claim::document(
            &self.outcome,
            &self.presets,
            &self.parsed,
            self.state.claim_preset().unwrap_or_default(),
        )
    }

    fn download_comparison(&self, csv: bool) {
        // What the page shows: the visitor's comparison, or the example's.
        let (log, outcome) = match &self.example {
            Some((log, outcome)) => (log.clone(), outcome.clone()),
            None => (self.parsed.clone(), self.outcome.clone()),
        };
        let Outcome::Compared(c) = outcome.as_ref() else {
            return;
        };
        let month = c.month.label();
        if csv {
            let name = file_name(&["sla-comparison", &month], "csv");
            browser::download(&name, "text/csv", &comparison_csv(c));
        } else {
            let name = file_name(&["sla-comparison", &month], "txt");
            let text = comparison_text(c, log.records.len(), true);
            browser::download(&name, "text/plain", &text);
        }
    }

    /// The page's frame and its result, once (the prerendered first screen
    /// is replaced); [`Page::render_inputs`] adds the inputs after.
    fn render(&mut self) {
        let doc = self.doc.clone();
        self.main.set_text_content(None);
        let _ = self.main.set_attribute("class", "wide compare");
        let main: &Node = &self.main;
        text(
            &doc,
            main,
            "h2",
            &[("class", "compare-title")],
            t().page_title,
        );
        text(&doc, main, "p", &[("class", "hint")], t().page_intro);
        if let Some(note) = &self.unreadable {
            text(
                &doc,
                main,
                "p",
                &[
                    ("class", "notice"),
                    ("role", "status"),
                    ("id", "compare-storage-unreadable"),
                ],
                &t().storage_unreadable(note, STORAGE_BACKUP_KEY),
            );
        }
        let Some(layout) = el(&doc, main, "div", &[("class", "compare-layout")]) else {
            return;
        };
        if let Some(output) = el(
            &doc,
            &layout,
            "section",
            &[
                ("class", "compare-output"),
                ("aria-labelledby", "compare-results-title"),
            ],
        ) {
            text(
                &doc,
                &output,
                "h2",
                &[("id", "compare-results-title")],
                t().results_title,
            );
            if let Some(results) = el(&doc, &output, "div", &[("class", "compare-results")]) {
                el(
                    &doc,
                    &results,
                    "p",
                    &[
                        ("id", "compare-summary"),
                        ("class", "compare-summary"),
                        ("role", "status"),
                        ("aria-live", "polite"),
                        ("aria-atomic", "true"),
                    ],
                );
            }
        }
        el(&doc, &layout, "div", &[("class", "compare-inputs")]);
        if let Some(section) = titled(&doc, main, "compare-claim-title", t().claim_title) {
            el(&doc, &section, "div", &[("id", "compare-claim")]);
        }
        if let Some(parent) = self.main.parent_node() {
            let footer = doc.create_element("footer").ok();
            if let Some(footer) = footer {
                let _ = footer.set_attribute("class", "site no-print");
                text(&doc, &footer, "p", &[], t().footer);
                let _ = parent.insert_before(&footer, self.main.next_sibling().as_ref());
            }
        }
        self.storage_note();
        self.refresh_results();
    }

    /// The log, the request and the presets to pick, and the claim helper.
    fn render_inputs(&self) {
        let doc = &self.doc;
        if let Some(inputs) = self.main.query_selector(".compare-inputs").ok().flatten() {
            if let Some(section) = titled(doc, &inputs, "compare-log-title", t().log_title) {
                el(doc, &section, "div", &[("class", "compare-log")]);
            }
            if let Some(section) = titled(doc, &inputs, "compare-request-title", t().request_title)
            {
                if let Some(fields) = el(doc, &section, "div", &[("class", "compare-fields")]) {
                    for spec in request_fields() {
                        self.request_field(&fields, spec);
                    }
                }
            }
            if let Some(section) = titled(doc, &inputs, "compare-presets-title", t().presets_title)
            {
                for problem in &self.preset_problems {
                    text(doc, &section, "p", &[("class", "error")], problem);
                }
                presets::render(doc, &section, &self.presets, &self.state.selected);
            }
        }
        self.render_log();
        self.refresh_inputs();
        self.refresh_claim();
    }

    /// A field of the request, as `components::text_field` draws it.
    fn request_field(&self, parent: &Node, spec: FieldSpec) {
        let (id, label, hint, placeholder, inputmode, kind) = spec;
        let Some(field) = el(&self.doc, parent, "div", &[("class", "field")]) else {
            return;
        };
        text(&self.doc, &field, "label", &[("for", id)], label);
        let value = match id {
            "compare-month" => &self.state.month,
            "compare-bill" => &self.state.bill,
            "compare-currency" => &self.state.currency,
            "compare-zones" => &self.state.zones,
            _ => &self.state.instance,
        };
        let mut attrs = vec![
            ("id", id),
            ("type", kind),
            ("value", value.as_str()),
            ("autocomplete", "off"),
            ("spellcheck", "false"),
        ];
        if let Some(p) = placeholder {
            attrs.push(("placeholder", p));
        }
        if let Some(m) = inputmode {
            attrs.push(("inputmode", m));
        }
        el(&self.doc, &field, "input", &attrs);
        text(
            &self.doc,
            &field,
            "p",
            &[("class", "hint"), ("id", &format!("{id}-hint"))],
            hint,
        );
    }

    /// The log's input, whole (a change of mode, a file read, rows added
    /// or removed).
    fn render_log(&self) {
        let Some(holder) = self.main.query_selector(".compare-log").ok().flatten() else {
            return;
        };
        // The control with the focus (the mode's radio, the file's input)
        // keeps it in the new drawing.
        let kept = Kept::take(&self.doc, &holder);
        holder.set_text_content(None);
        log::render(
            &self.doc,
            &holder,
            self.state.input,
            &self.state.csv,
            self.state.file_name.as_deref(),
            &self.state.rows,
            &self.parsed,
            &log::Upload {
                reading: self.reading,
                error: self.upload_error.as_deref(),
            },
        );
        kept.restore(&self.main);
    }

    /// Everything derived from the state, redrawn around the fields being
    /// typed in (which are left alone).
    fn refresh(&self) {
        self.storage_note();
        self.refresh_inputs();
        self.refresh_results();
        self.refresh_claim();
    }

    /// What reading the inputs found, beside them.
    fn refresh_inputs(&self) {
        let doc = &self.doc;
        // The log's reading, and each cell's problem.
        let table = self.state.input == LogInput::Table;
        if let Some(holder) = self
            .main
            .query_selector(".compare-log-status")
            .ok()
            .flatten()
        {
            log::status(doc, &holder, &self.parsed, table);
        }
        if table {
            log::mark_cells(doc, &self.main, self.state.rows.len(), &self.parsed);
        }
        // The request's fields and their errors.
        let errors: FieldErrors = self
            .state
            .request_inputs(self.today)
            .request()
            .err()
            .unwrap_or_default();
        for (id, error) in [
            ("compare-month", &errors.month),
            ("compare-bill", &errors.bill),
            ("compare-currency", &errors.currency),
            ("compare-zones", &None),
            ("compare-instance", &None),
        ] {
            self.field_error(id, error.as_deref());
        }
        if let Some(picked) = by_id(&self.main, "compare-picked") {
            set_text(&picked, &presets::picked_text(self.state.selected.len()));
        }
    }

    /// A request field's error (or none), beside the field.
    fn field_error(&self, id: &str, error: Option<&str>) {
        let Some(input) = by_id(&self.main, id) else {
            return;
        };
        let Some(field) = input.parent_element() else {
            return;
        };
        let error_id = format!("{id}-error");
        let _ = field.set_attribute(
            "class",
            if error.is_some() {
                "field invalid"
            } else {
                "field"
            },
        );
        let _ = input.set_attribute(
            "aria-invalid",
            if error.is_some() { "true" } else { "false" },
        );
        let described = match error {
            Some(_) => format!("{id}-hint {error_id}"),
            None => format!("{id}-hint"),
        };
        let _ = input.set_attribute("aria-describedby", &described);
        let old = by_id(&field, &error_id);
        match (error, old) {
            (Some(error), Some(old)) => set_text(&old, error),
            (Some(error), None) => text(
                &self.doc,
                &field,
                "p",
                &[("class", "error"), ("id", &error_id), ("role", "alert")],
                error,
            ),
            (None, Some(old)) => old.remove(),
            (None, None) => {}
        }
    }

    /// The storage notes (`compare-storage`), before the layout.
    fn storage_note(&self) {
        let note = match &self.not_kept {
            None => None,
            Some(NotKept::All(why)) => Some(t().storage_not_kept(why)),
            Some(NotKept::Log(why)) => Some(t().storage_log_not_kept(why)),
        };
        let old = by_id(&self.main, "compare-storage");
        match (note, old) {
            (Some(note), Some(old)) => set_text(&old, &note),
            (Some(note), None) => {
                let layout = self.main.query_selector(".compare-layout").ok().flatten();
                if let Ok(p) = self.doc.create_element("p") {
                    let _ = p.set_attribute("class", "notice");
                    let _ = p.set_attribute("role", "status");
                    let _ = p.set_attribute("id", "compare-storage");
                    p.set_text_content(Some(&note));
                    let _ = self
                        .main
                        .insert_before(&p, layout.as_ref().map(|l| l as &Node));
                }
            }
            (None, Some(old)) => old.remove(),
            (None, None) => {}
        }
    }

    /// The results: the summary (its announced line is kept) and the
    /// comparison, redrawn with the `<details>` left open and the focus
    /// where it was.
    fn refresh_results(&self) {
        let doc = &self.doc;
        let (log, outcome) = match &self.example {
            Some((log, outcome)) => (log, outcome),
            None => (&self.parsed, &self.outcome),
        };
        let Some(summary) = by_id(&self.main, "compare-summary") else {
            return;
        };
        let Some(holder) = summary.parent_element() else {
            return;
        };
        // The note above the example, while it is shown.
        match (&self.example, by_id(&self.main, "compare-example")) {
            (Some(_), None) => {
                if let Ok(note) = doc.create_element("p") {
                    let _ = note.set_attribute("class", "notice");
                    let _ = note.set_attribute("id", "compare-example");
                    note.set_text_content(Some(t().example_note));
                    if let Some(section) = holder.parent_node() {
                        let _ = section.insert_before(&note, Some(&holder));
                    }
                }
            }
            (None, Some(note)) => note.remove(),
            _ => {}
        }
        let kept = Kept::take(doc, &holder);
        while let Some(next) = summary.next_sibling() {
            let _ = holder.remove_child(&next);
        }
        set_text(&summary, &results::summary_of(outcome, log.records.len()));
        if let Outcome::Compared(c) = outcome.as_ref() {
            results::render(doc, &holder, c, &self.presets, log);
        }
        kept.restore(&self.main);
    }

    /// The claim helper, redrawn with the focus where it was.
    fn refresh_claim(&self) {
        let Some(holder) = by_id(&self.main, "compare-claim") else {
            return;
        };
        let kept = Kept::take(&self.doc, &holder);
        holder.set_text_content(None);
        claim::render(
            &self.doc,
            &holder,
            &self.outcome,
            &self.presets,
            &self.parsed,
            self.state.claim_preset().unwrap_or_default(),
            &self.copied,
        );
        kept.restore(&self.main);
    }
}

/// Selects the whole text of the text area `id` and gives it the focus, so
/// that the visitor can copy it with the keyboard.
fn select_all(root: &Element, id: &str) {
    if let Some(area) = by_id(root, id).and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok()) {
        let _ = area.focus();
        area.select();
    }
}

/// A `<section>` in `parent`, named by its `<h2 id=title_id>`.
fn titled(doc: &Document, parent: &Node, title_id: &str, title: &str) -> Option<Element> {
    let section = el(doc, parent, "section", &[("aria-labelledby", title_id)])?;
    text(doc, &section, "h2", &[("id", title_id)], title);
    Some(section)
}

/// What a redraw of a region must keep: the `<details>` open in it and the
/// element with the focus.
struct Kept {
    open: Vec<String>,
    focused: Option<String>,
}

impl Kept {
    fn take(doc: &Document, region: &Element) -> Kept {
        let mut open = Vec::new();
        if let Ok(list) = region.query_selector_all("details[open]") {
            for i in 0..list.length() {
                if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    open.push(e.id());
                }
            }
        }
        let focused = doc
            .active_element()
            .filter(|e| region.contains(Some(e)))
            .map(|e| e.id())
            .filter(|id| !id.is_empty());
        Kept { open, focused }
    }

    fn restore(self, root: &Element) {
        for id in self.open.iter().filter(|id| !id.is_empty()) {
            if let Some(details) = by_id(root, id) {
                let _ = details.set_attribute("open", "");
            }
        }
        if let Some(id) = self.focused {
            focus(root, &id);
        }
    }
}
