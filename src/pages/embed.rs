//! The embed page (`embed.html`): a compact calculator for one agreement
//! supplied by the page around it (in the URL fragment, from a same-origin
//! URL, or in a message). The visitor enters a month's downtime or its
//! outages and sees each target's value, status and credit with its
//! explanation; the terms are read-only when the vendor locks them. The
//! page resizes its iframe and, when asked, sends the results to the
//! embedding page. See `docs/embed.md`.
//!
//! Unlike the other pages it is written straight against the DOM
//! (`web-sys`), without Yew: a vendor's sales page loads it, so its first
//! load is kept small (`budget.json`). The state is one [`Page`]; an event
//! anywhere in `<main>` (one listener per kind, at `<main>`) changes the
//! visitor's [`Inputs`] and [`Page::update`] recomputes the report and
//! redraws what depends on it, leaving the fields being typed in alone.
//! Every text goes in through `textContent` or an attribute, never as
//! markup.

use std::cell::RefCell;
use std::rc::Rc;

use sla_engine::model::{AgreementFile, CreditRule, Metric};
use sla_engine::report::month::{month, MonthReport};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, Node};

use super::dom::{el, text, words};
use crate::browser::embed as page;
use crate::format;
use crate::i18n::{texts, Count};
use crate::pages::workbench::results::status_text;
use crate::state::embed::json::Json;
use crate::state::embed::{
    config_from_fragment, measurements, outbound, read_message, results_message, summary_text,
    terms, Config, Inbound, InputError, Inputs, Mode, TermsSource, VisitorOutage,
};

/// The terms as they stand: their JSON text, and the agreement file read
/// from it (or why it cannot be read).
struct Terms {
    json: String,
    file: Result<Rc<AgreementFile>, Vec<String>>,
}

impl Terms {
    fn read(json: String) -> Terms {
        let file = terms::read(&json).map(Rc::new);
        Terms { json, file }
    }
}

/// The page's state.
struct Page {
    doc: Document,
    main: Element,
    config: Config,
    terms: Option<Terms>,
    locked: bool,
    load_error: Option<String>,
    inputs: Inputs,
    /// The embedding page's origin, when it is allowed.
    parent: Option<String>,
    /// Why the terms typed in the editor were not used.
    editor_problems: Vec<String>,
}

type Shared = Rc<RefCell<Page>>;

/// Builds the page in `main` (replacing the prerendered first screen)
/// from `fragment` (the URL's, or a test's), with `month` shown when the
/// fragment names none.
pub fn mount(main: Element, fragment: &str, month: String) {
    let Some(doc) = main.owner_document() else {
        return;
    };
    let config = config_from_fragment(fragment);
    // What the visitor typed in the prerendered fields before the wasm came.
    let typed = |id: &str| {
        doc.get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            .map(|i| i.value())
            .unwrap_or_default()
    };
    let charge = typed("embed-charge");
    let chosen = typed("embed-month");
    let inputs = Inputs {
        month: if chosen.is_empty() {
            config.month.clone().unwrap_or(month)
        } else {
            chosen
        },
        charge: if charge.is_empty() {
            config.charge.clone().unwrap_or_default()
        } else {
            charge
        },
        minutes: typed("embed-minutes"),
        ..Inputs::default()
    };
    let terms = match &config.terms {
        TermsSource::Inline(json) => Some(Terms::read(json.clone())),
        _ => None,
    };
    let parent = page::parent_origin(&config.origins);
    page::apply_theme(&config.theme, config.scheme);
    let state: Shared = Rc::new(RefCell::new(Page {
        doc,
        main: main.clone(),
        locked: config.locked,
        terms,
        load_error: None,
        inputs,
        parent: parent.clone(),
        editor_problems: Vec::new(),
        config,
    }));
    if let Ok(mut s) = state.try_borrow_mut() {
        s.render();
    }
    listen_in(&state, &main);

    let (source, origins, scheme) = match state.try_borrow() {
        Ok(s) => (
            s.config.terms.clone(),
            s.config.origins.clone(),
            s.config.scheme,
        ),
        Err(_) => return,
    };
    if let TermsSource::Url(url) = source {
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let fetched = page::fetch_same_origin(&url).await;
            if let Ok(mut s) = state.try_borrow_mut() {
                match fetched {
                    Ok(json) => s.terms = Some(Terms::read(json)),
                    Err(why) => s.load_error = Some(why),
                }
                s.render();
            }
        });
    }
    // Messages from the parent and the height to it live as long as the
    // page: they are never removed.
    let listener = {
        let state = state.clone();
        page::listen(origins, move |data| match read_message(&data) {
            Ok(Inbound::Agreement { json, locked }) => {
                if let Ok(mut s) = state.try_borrow_mut() {
                    s.terms = Some(Terms::read(json));
                    s.editor_problems.clear();
                    if let Some(locked) = locked {
                        s.locked = locked;
                    }
                    s.render();
                }
            }
            Ok(Inbound::Theme(vars)) => page::apply_theme(&vars, scheme),
            Err(why) => page::log_ignored(&why),
        })
    };
    std::mem::forget(listener);
    if let Some(origin) = parent {
        page::post_to_parent(&origin, &outbound("ready", Vec::new()));
        let watch = page::watch_height(move |height| {
            page::post_to_parent(
                &origin,
                &outbound(
                    "resize",
                    vec![("height".into(), Json::Number(height.to_string()))],
                ),
            );
        });
        std::mem::forget(watch);
    }
}

/// One listener per kind of event at `<main>`: fields are told apart by id.
fn listen_in(state: &Shared, main: &Element) {
    for kind in ["input", "change", "click", "submit"] {
        let state = state.clone();
        let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if let Ok(mut s) = state.try_borrow_mut() {
                s.on(&event, &target);
            }
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
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// A `<section>` of `class` in `parent`, named by its `<h2 id=title_id>`.
fn titled_section(
    doc: &Document,
    parent: &Node,
    class: &str,
    title_id: &str,
    title: &str,
) -> Option<Element> {
    let section = el(
        doc,
        parent,
        "section",
        &[("class", class), ("aria-labelledby", title_id)],
    )?;
    text(doc, &section, "h2", &[("id", title_id)], title);
    Some(section)
}

/// A list of problems (at most 20) in `parent`.
fn problem_list(doc: &Document, parent: &Node, problems: &[String]) {
    if let Some(ul) = el(doc, parent, "ul", &[]) {
        for p in problems.iter().take(20) {
            text(doc, &ul, "li", &[], p);
        }
    }
}

impl Page {
    fn file(&self) -> Option<Rc<AgreementFile>> {
        self.terms
            .as_ref()
            .and_then(|t| t.file.as_ref().ok())
            .cloned()
    }

    /// The service the visitor's downtime is of: the one chosen, else the
    /// first with an availability target.
    fn service(&self, file: &AgreementFile) -> String {
        if file.services.iter().any(|s| s.id == self.inputs.service) {
            self.inputs.service.clone()
        } else {
            first_service(file)
        }
    }

    fn on(&mut self, event: &web_sys::Event, target: &Element) {
        let kind = event.type_();
        let id = target.id();
        match (kind.as_str(), id.as_str()) {
            ("input", "embed-charge") => self.inputs.charge = value_of(target),
            ("input", "embed-minutes") => self.inputs.minutes = value_of(target),
            ("change", "embed-month") => self.inputs.month = value_of(target),
            ("change", "embed-service") => self.inputs.service = value_of(target),
            ("change", "embed-mode-minutes") => {
                self.inputs.mode = Mode::Downtime;
                self.render_entry();
            }
            ("change", "embed-mode-outages") => {
                self.inputs.mode = Mode::Outages;
                if self.inputs.outages.is_empty() {
                    self.inputs.outages.push(VisitorOutage::default());
                }
                self.render_entry();
            }
            ("change", _) if id.starts_with("outage-") => {
                let value = value_of(target);
                let mut parts = id.split('-').skip(1);
                let index = parts.next().and_then(|i| i.parse::<usize>().ok());
                let end = parts.next() == Some("end");
                let Some(o) = index.and_then(|i| self.inputs.outages.get_mut(i)) else {
                    return;
                };
                if end {
                    o.end = value;
                } else {
                    o.start = value;
                }
            }
            ("click", "embed-add-outage") => {
                self.inputs.outages.push(VisitorOutage::default());
                self.render_entry();
                let last = self.inputs.outages.len() - 1;
                self.focus(&format!("outage-{last}-start"));
            }
            ("click", _) if target.has_attribute("data-remove") => {
                let index = target
                    .get_attribute("data-remove")
                    .and_then(|i| i.parse::<usize>().ok());
                if let Some(i) = index.filter(|i| *i < self.inputs.outages.len()) {
                    self.inputs.outages.remove(i);
                }
                self.render_entry();
                self.focus("embed-add-outage");
            }
            ("submit", "embed-editor-form") => {
                event.prevent_default();
                let json = self
                    .doc
                    .get_element_by_id("embed-terms-json")
                    .map(|e| value_of(&e))
                    .unwrap_or_default();
                // Terms that cannot be read are not used: the calculator
                // keeps the last good ones.
                let read = Terms::read(json);
                match read.file {
                    Ok(_) => {
                        self.editor_problems.clear();
                        self.terms = Some(read);
                        self.render();
                    }
                    Err(problems) => {
                        self.editor_problems = problems;
                        self.render_editor_problems();
                    }
                }
                return;
            }
            _ => return,
        }
        self.update();
    }

    fn focus(&self, id: &str) {
        if let Some(e) = self
            .doc
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = e.focus();
        }
    }

    /// The whole page, for new terms (or a change of lock or load error).
    fn render(&mut self) {
        let doc = self.doc.clone();
        let t = texts().embed();
        self.main.set_text_content(None);
        let _ = self.main.set_attribute("class", "embed");
        let main: &Node = &self.main;
        let file = self.file();
        let heading = file.as_ref().map_or(t.default_heading, |f| f.name.as_str());
        text(&doc, main, "h1", &[], heading);
        if let Some(f) = &file {
            text(
                &doc,
                main,
                "p",
                &[("class", "hint")],
                &t.terms_of(&f.provider.name),
            );
        }
        if !self.config.problems.is_empty() {
            if let Some(details) = el(&doc, main, "details", &[("class", "notice")]) {
                let count = Count::plain(self.config.problems.len());
                text(&doc, &details, "summary", &[], &t.settings_ignored(&count));
                problem_list(&doc, &details, &self.config.problems);
            }
        }
        if let Some(why) = &self.load_error {
            text(
                &doc,
                main,
                "p",
                &[("class", "error"), ("role", "alert")],
                &t.load_failed(why),
            );
        }
        match &self.terms {
            None => {
                let waiting = !self.config.origins.is_empty()
                    || matches!(self.config.terms, TermsSource::Url(_));
                let note = if waiting { t.waiting } else { t.no_terms };
                text(
                    &doc,
                    main,
                    "p",
                    &[("class", "loading"), ("role", "status")],
                    note,
                );
            }
            Some(Terms {
                file: Err(problems),
                ..
            }) => {
                if let Some(div) = el(&doc, main, "div", &[("class", "error"), ("role", "alert")]) {
                    text(&doc, &div, "p", &[], t.terms_unusable);
                    problem_list(&doc, &div, problems);
                }
            }
            Some(_) => {}
        }
        let Some(f) = file else {
            return;
        };
        self.render_inputs(&f);
        if let Some(section) =
            titled_section(&doc, main, "embed-result", "embed-results-title", t.result)
        {
            el(
                &doc,
                &section,
                "p",
                &[
                    ("role", "status"),
                    ("aria-live", "polite"),
                    ("id", "embed-summary"),
                ],
            );
            el(&doc, &section, "div", &[("id", "embed-result-body")]);
        }
        self.render_terms(&f);
        if !self.locked {
            self.render_editor();
        }
        self.update();
    }

    fn render_inputs(&self, f: &AgreementFile) {
        let doc = &self.doc;
        let t = texts().embed();
        let Some(section) = titled_section(
            doc,
            &self.main,
            "embed-inputs",
            "embed-inputs-title",
            t.your_month,
        ) else {
            return;
        };
        let Some(grid) = el(doc, &section, "div", &[("class", "embed-grid")]) else {
            return;
        };
        if let Some(field) = el(doc, &grid, "div", &[("class", "field")]) {
            text(doc, &field, "label", &[("for", "embed-month")], t.month);
            input(
                doc,
                &field,
                &[("id", "embed-month"), ("type", "month")],
                &self.inputs.month,
            );
        }
        let service = self.service(f);
        if f.services.len() > 1 {
            if let Some(field) = el(doc, &grid, "div", &[("class", "field")]) {
                text(doc, &field, "label", &[("for", "embed-service")], t.service);
                if let Some(select) = el(doc, &field, "select", &[("id", "embed-service")]) {
                    for s in &f.services {
                        let mut attrs = vec![("value", s.id.as_str())];
                        if s.id == service {
                            attrs.push(("selected", ""));
                        }
                        text(doc, &select, "option", &attrs, &s.name);
                    }
                }
            }
        }
        if let Some(field) = el(doc, &grid, "div", &[("class", "field")]) {
            text(
                doc,
                &field,
                "label",
                &[("for", "embed-charge")],
                &t.your_charge(&f.currency),
            );
            input(
                doc,
                &field,
                &[
                    ("id", "embed-charge"),
                    ("inputmode", "decimal"),
                    ("autocomplete", "off"),
                    ("aria-describedby", "embed-charge-hint"),
                ],
                &self.inputs.charge,
            );
            text(
                doc,
                &field,
                "p",
                &[("id", "embed-charge-hint"), ("class", "hint")],
                t.charge_hint,
            );
        }
        let Some(fieldset) = el(doc, &section, "fieldset", &[]) else {
            return;
        };
        text(doc, &fieldset, "legend", &[], t.downtime);
        for (id, label, mode) in [
            ("embed-mode-minutes", t.mode_minutes, Mode::Downtime),
            ("embed-mode-outages", t.mode_outages, Mode::Outages),
        ] {
            if let Some(l) = el(doc, &fieldset, "label", &[("class", "check")]) {
                if let Some(radio) = el(
                    doc,
                    &l,
                    "input",
                    &[("type", "radio"), ("name", "embed-mode"), ("id", id)],
                )
                .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                {
                    radio.set_checked(self.inputs.mode == mode);
                }
                words(doc, &l, " ");
                words(doc, &l, label);
            }
        }
        el(doc, &fieldset, "div", &[("id", "embed-entry")]);
        self.render_entry();
    }

    /// The minutes field, or the outages one by one.
    fn render_entry(&self) {
        let doc = &self.doc;
        let t = texts().embed();
        let Some(entry) = doc.get_element_by_id("embed-entry") else {
            return;
        };
        entry.set_text_content(None);
        if self.inputs.mode == Mode::Downtime {
            if let Some(field) = el(doc, &entry, "div", &[("class", "field")]) {
                text(
                    doc,
                    &field,
                    "label",
                    &[("for", "embed-minutes")],
                    t.minutes_label,
                );
                input(
                    doc,
                    &field,
                    &[
                        ("id", "embed-minutes"),
                        ("inputmode", "decimal"),
                        ("autocomplete", "off"),
                    ],
                    &self.inputs.minutes,
                );
            }
            return;
        }
        let zone = self.file().map(|f| f.time_zone.clone()).unwrap_or_default();
        let Some(outages) = el(doc, &entry, "div", &[("class", "embed-outages")]) else {
            return;
        };
        text(doc, &outages, "p", &[("class", "hint")], &t.times_in(&zone));
        if let Some(ol) = el(doc, &outages, "ol", &[]) {
            for (i, o) in self.inputs.outages.iter().enumerate() {
                let Some(li) = el(doc, &ol, "li", &[("class", "embed-outage")]) else {
                    continue;
                };
                for (end, label, value) in [
                    (false, t.outage_start(i + 1), &o.start),
                    (true, t.outage_end(i + 1), &o.end),
                ] {
                    let id = format!("outage-{i}-{}", if end { "end" } else { "start" });
                    if let Some(field) = el(doc, &li, "div", &[("class", "field")]) {
                        text(doc, &field, "label", &[("for", &id)], &label);
                        input(
                            doc,
                            &field,
                            &[("id", &id), ("type", "datetime-local")],
                            value,
                        );
                    }
                }
                let remove = i.to_string();
                text(
                    doc,
                    &li,
                    "button",
                    &[
                        ("type", "button"),
                        ("class", "remove"),
                        ("data-remove", &remove),
                        ("aria-label", &t.remove_outage(i + 1)),
                    ],
                    texts().common().remove,
                );
            }
        }
        text(
            doc,
            &outages,
            "button",
            &[("type", "button"), ("id", "embed-add-outage")],
            t.add_outage,
        );
    }

    /// The terms in words: each target's promise, its credit tiers and caps.
    fn render_terms(&self, f: &AgreementFile) {
        let doc = &self.doc;
        let tx = texts().embed();
        let Some(section) = titled_section(
            doc,
            &self.main,
            "embed-terms-section",
            "embed-terms-title",
            tx.the_terms,
        ) else {
            return;
        };
        if self.locked {
            text(
                doc,
                &section,
                "p",
                &[("class", "hint")],
                &tx.set_by(&f.provider.name),
            );
        }
        for a in &f.agreements {
            let Some(div) = el(doc, &section, "div", &[("class", "embed-terms")]) else {
                continue;
            };
            if f.agreements.len() > 1 {
                text(doc, &div, "h3", &[], &a.name);
            }
            let Some(ul) = el(doc, &div, "ul", &[]) else {
                continue;
            };
            for t in &a.targets {
                let Some(li) = el(doc, &ul, "li", &[]) else {
                    continue;
                };
                text(doc, &li, "strong", &[], &t.name);
                let at_most = matches!(t.direction, Some(sla_engine::model::Direction::AtMost));
                words(
                    doc,
                    &li,
                    &tx.promise(at_most, &format::localize(t.expected.text()), t.period),
                );
                let hint = &[("class", "hint")];
                match &t.credit {
                    Some(CreditRule::Step { tiers }) => {
                        if let Some(list) = el(doc, &li, "ul", &[("class", "tiers")]) {
                            for tier in tiers {
                                let below = format::localize(tier.below.text());
                                let credit = format::localize(tier.credit.text());
                                text(
                                    doc,
                                    &list,
                                    "li",
                                    &[],
                                    &tx.step_tier(tier.inclusive, &below, &credit),
                                );
                            }
                        }
                    }
                    Some(CreditRule::Linear {
                        below,
                        per,
                        rate,
                        maximum,
                    }) => {
                        let maximum = maximum
                            .as_ref()
                            .map_or_else(|| "100".into(), |m| format::localize(m.text()));
                        let line = tx.linear_credit(
                            &format::localize(below.text()),
                            &format::localize(rate.text()),
                            &format::localize(per.text()),
                            &maximum,
                        );
                        text(doc, &li, "p", hint, &line);
                    }
                    Some(CreditRule::Fixed { amount, .. }) => {
                        let line = tx.fixed_credit(&format::money(&f.currency, &amount.0));
                        text(doc, &li, "p", hint, &line);
                    }
                    Some(CreditRule::Pool { allocation }) => {
                        let line = tx.pool_credit(&format::localize(allocation.text()));
                        text(doc, &li, "p", hint, &line);
                    }
                    None => {}
                }
            }
            if let Some(cap) = a.credits.as_ref().and_then(|c| c.period_cap.as_ref()) {
                text(
                    doc,
                    &div,
                    "p",
                    &[("class", "hint")],
                    &tx.period_cap(&cap_words(cap, &f.currency)),
                );
            }
        }
    }

    /// The terms as JSON, editable when the vendor did not lock them.
    fn render_editor(&self) {
        let doc = &self.doc;
        let tx = texts().embed();
        let Some(details) = el(doc, &self.main, "details", &[("class", "embed-editor")]) else {
            return;
        };
        text(doc, &details, "summary", &[], tx.change_terms);
        let Some(form) = el(doc, &details, "form", &[("id", "embed-editor-form")]) else {
            return;
        };
        text(
            doc,
            &form,
            "label",
            &[("for", "embed-terms-json")],
            tx.terms_file_label,
        );
        if let Some(area) = el(
            doc,
            &form,
            "textarea",
            &[
                ("id", "embed-terms-json"),
                ("rows", "12"),
                ("spellcheck", "false"),
            ],
        )
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            area.set_value(self.terms.as_ref().map_or("", |t| t.json.as_str()));
        }
        el(doc, &form, "div", &[("id", "embed-terms-json-problems")]);
        text(doc, &form, "button", &[("type", "submit")], tx.use_terms);
    }

    /// Why the terms typed in the editor were not used (or nothing).
    fn render_editor_problems(&self) {
        let doc = &self.doc;
        let (Some(slot), Some(area)) = (
            doc.get_element_by_id("embed-terms-json-problems"),
            doc.get_element_by_id("embed-terms-json"),
        ) else {
            return;
        };
        slot.set_text_content(None);
        let _ = slot.remove_attribute("class");
        let _ = slot.remove_attribute("role");
        if self.editor_problems.is_empty() {
            let _ = area.remove_attribute("aria-invalid");
            let _ = area.remove_attribute("aria-describedby");
            return;
        }
        let _ = area.set_attribute("aria-invalid", "true");
        let _ = area.set_attribute("aria-describedby", "embed-terms-json-problems");
        let _ = slot.set_attribute("class", "error");
        let _ = slot.set_attribute("role", "alert");
        text(doc, &slot, "p", &[], texts().embed().terms_refused);
        problem_list(doc, &slot, &self.editor_problems);
    }

    /// After an input changed: the report again, each field's error, the
    /// result, and the results message when the vendor asked for it.
    fn update(&mut self) {
        let Some(file) = self.file() else {
            return;
        };
        let inputs = Inputs {
            service: self.service(&file),
            ..self.inputs.clone()
        };
        if let Some(charge) = self
            .doc
            .get_element_by_id("embed-charge")
            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            charge.set_placeholder(&charge_of(&file, &inputs.service).unwrap_or_default());
        }
        // One month of availability (`sla_engine::report::month`): the
        // figures the engine's general report gives, without its code. The
        // terms' reader has refused what it does not compute; should
        // anything be refused here all the same, it is shown with the
        // result, never dropped.
        let computed = measurements(&file, &inputs).and_then(|m| {
            month(&m.file, &m.outages, m.month).map_err(|refused| {
                refused
                    .iter()
                    .map(|e| InputError {
                        field: "terms".into(),
                        message: e.to_string(),
                    })
                    .collect()
            })
        });
        let errors: &[InputError] = match &computed {
            Err(errors) => errors,
            Ok(_) => &[],
        };
        let error = |field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str())
        };
        self.mark("embed-month", error("month"));
        self.mark("embed-minutes", error("minutes"));
        self.mark("embed-charge", error("charge"));
        self.mark("embed-entry", error("outages"));
        for i in 0..self.inputs.outages.len() {
            for end in ["start", "end"] {
                let id = format!("outage-{i}-{end}");
                self.mark(&id, error(&id));
            }
        }
        self.render_result(computed.as_ref().map_err(Vec::as_slice));
        if let (true, Some(origin), Ok(report)) = (self.config.results, &self.parent, &computed) {
            page::post_to_parent(origin, &results_message(report, &self.inputs.month));
        }
    }

    /// Shows `error` under the field `id` (or takes it away), and tells
    /// assistive technology through `aria-invalid` and `aria-describedby`.
    fn mark(&self, id: &str, error: Option<&str>) {
        let Some(input) = self.doc.get_element_by_id(id) else {
            return;
        };
        let error_id = format!("{id}-error");
        let shown = self.doc.get_element_by_id(&error_id);
        let hint = (id == "embed-charge")
            .then(|| self.doc.get_element_by_id("embed-charge-hint"))
            .flatten();
        // The outages' error belongs to the list, not to one field.
        let field = if id == "embed-entry" {
            Some(input.clone())
        } else {
            input.parent_element()
        };
        match (error, shown) {
            (Some(message), shown) => {
                let shown = shown.or_else(|| {
                    let field = field?;
                    el(
                        &self.doc,
                        &field,
                        "p",
                        &[("id", &error_id), ("class", "error")],
                    )
                });
                if let Some(shown) = shown {
                    shown.set_text_content(Some(message));
                }
                if id != "embed-entry" {
                    let _ = input.set_attribute("aria-invalid", "true");
                    let _ = input.set_attribute("aria-describedby", &error_id);
                }
                if let Some(hint) = hint {
                    let _ = hint.set_attribute("hidden", "");
                }
            }
            (None, shown) => {
                if let Some(shown) = shown {
                    shown.remove();
                }
                let _ = input.remove_attribute("aria-invalid");
                match hint {
                    Some(hint) => {
                        let _ = hint.remove_attribute("hidden");
                        let _ = input.set_attribute("aria-describedby", "embed-charge-hint");
                    }
                    None => {
                        let _ = input.remove_attribute("aria-describedby");
                    }
                }
            }
        }
    }

    /// Each target's value, status and credit for the month, with the why.
    fn render_result(&self, report: Result<&MonthReport, &[InputError]>) {
        let doc = &self.doc;
        let tx = texts().embed();
        let (Some(summary), Some(body)) = (
            doc.get_element_by_id("embed-summary"),
            doc.get_element_by_id("embed-result-body"),
        ) else {
            return;
        };
        // The explanations the visitor opened stay open.
        let open: Vec<bool> = {
            let list = body.query_selector_all("details").ok();
            (0..list.as_ref().map_or(0, |l| l.length()))
                .map(|i| {
                    list.as_ref()
                        .and_then(|l| l.item(i))
                        .and_then(|n| n.dyn_into::<Element>().ok())
                        .is_some_and(|d| d.has_attribute("open"))
                })
                .collect()
        };
        body.set_text_content(None);
        let report = match report {
            Ok(report) => report,
            Err(errors) => {
                let _ = summary.remove_attribute("class");
                let refused: Vec<String> = errors
                    .iter()
                    .filter(|e| e.field == "terms")
                    .map(|e| e.message.clone())
                    .collect();
                if refused.is_empty() {
                    summary.set_text_content(Some(tx.correct_fields));
                } else {
                    summary.set_text_content(Some(tx.terms_unusable));
                    problem_list(doc, &body, &refused);
                }
                return;
            }
        };
        let span = report.span.label();
        let total: Vec<String> = report
            .groups
            .iter()
            .filter_map(|g| g.periods.first().map(|p| format::money_of(p.paid)))
            .collect();
        let line = match report.targets.iter().find_map(|t| t.periods.first()) {
            Some(p) => tx.summary(
                &span,
                status_text(p.status).1,
                &if total.is_empty() {
                    format::money_of(sla_engine::Money::zero(report.currency))
                } else {
                    total.join(" + ")
                },
            ),
            None => tx.nothing_to_report(&span),
        };
        let _ = summary.set_attribute("class", "big");
        summary.set_text_content(Some(&line));
        let rows = || {
            report
                .targets
                .iter()
                .filter_map(|t| t.periods.first().map(|p| (t, p)))
        };
        if let Some(table) = el(
            doc,
            &body,
            "div",
            &[
                ("class", "table-wrap"),
                ("tabindex", "0"),
                ("role", "region"),
                ("aria-label", tx.targets_region),
            ],
        )
        .and_then(|wrap| el(doc, &wrap, "table", &[("class", "embed-results")]))
        {
            text(doc, &table, "caption", &[], &tx.targets_caption(&span));
            if let Some(tr) = el(doc, &table, "thead", &[]).and_then(|h| el(doc, &h, "tr", &[])) {
                for col in [
                    tx.col_target,
                    tx.col_achieved,
                    tx.col_expected,
                    tx.col_status,
                    tx.col_credit,
                ] {
                    text(doc, &tr, "th", &[("scope", "col")], col);
                }
            }
            if let Some(tbody) = el(doc, &table, "tbody", &[]) {
                for (t, p) in rows() {
                    let Some(tr) = el(doc, &tbody, "tr", &[]) else {
                        continue;
                    };
                    let (symbol, status, class) = status_text(p.status);
                    let unit = format!(" {}", t.unit);
                    text(doc, &tr, "th", &[("scope", "row")], &t.name);
                    let achieved = p
                        .achieved
                        .map_or_else(|| "–".into(), |a| format::achieved(t, a) + &unit);
                    text(doc, &tr, "td", &[], &achieved);
                    text(doc, &tr, "td", &[], &(format::level(&t.expected) + &unit));
                    if let Some(td) = el(doc, &tr, "td", &[("class", &format!("status {class}"))]) {
                        text(doc, &td, "span", &[("aria-hidden", "true")], symbol);
                        words(doc, &td, &format!(" {status}"));
                    }
                    text(doc, &tr, "td", &[], &format::money_of(p.credit));
                }
            }
        }
        for (t, p) in rows() {
            let Some(details) = el(doc, &body, "details", &[("class", "why")]) else {
                continue;
            };
            text(doc, &details, "summary", &[], &tx.why(&t.name));
            if let Some(next) = p.next_tier {
                text(doc, &details, "p", &[], &format::next_tier(next));
            }
            if let Some([allowed, used, left, _]) = p.budget.map(format::budget) {
                text(doc, &details, "p", &[], &tx.budget(&allowed, &used, &left));
            }
            if let Some(dl) = el(doc, &details, "dl", &[]) {
                for l in &p.explanations {
                    text(doc, &dl, "dt", &[], &l.what);
                    if let Some(dd) = el(doc, &dl, "dd", &[]) {
                        text(doc, &dd, "span", &[("class", "why-line")], &l.formula);
                        text(doc, &dd, "span", &[("class", "why-line")], &l.substituted);
                        if !l.convention.is_empty() {
                            text(
                                doc,
                                &dd,
                                "span",
                                &[("class", "why-line hint")],
                                &l.convention,
                            );
                        }
                    }
                }
            }
        }
        if let Some(details) = el(doc, &body, "details", &[("class", "why")]) {
            text(doc, &details, "summary", &[], tx.result_as_text);
            text(
                doc,
                &details,
                "pre",
                &[("class", "embed-text")],
                &summary_text(report),
            );
        }
        if let Ok(list) = body.query_selector_all("details") {
            for (i, was_open) in open.into_iter().enumerate() {
                let details = list
                    .item(i as u32)
                    .and_then(|n| n.dyn_into::<Element>().ok());
                if let (true, Some(details)) = (was_open, details) {
                    let _ = details.set_attribute("open", "");
                }
            }
        }
    }
}

/// An `<input>` with its attributes and value.
fn input(doc: &Document, parent: &Node, attrs: &[(&str, &str)], value: &str) {
    if let Some(input) =
        el(doc, parent, "input", attrs).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_value(value);
    }
}

/// The first service with an availability target (else the first service).
fn first_service(file: &AgreementFile) -> String {
    file.agreements
        .iter()
        .flat_map(|a| {
            a.targets.iter().filter_map(move |t| match &t.metric {
                Metric::Availability { service, .. } => {
                    service.clone().or_else(|| a.service.clone())
                }
                _ => None,
            })
        })
        .next()
        .or_else(|| file.services.first().map(|s| s.id.clone()))
        .unwrap_or_default()
}

/// The terms' monthly charge for a service.
fn charge_of(file: &AgreementFile, service: &str) -> Option<String> {
    file.services
        .iter()
        .find(|s| s.id == service)
        .and_then(|s| s.monthly_charge.as_ref())
        .map(|a| a.0.clone())
}

fn cap_words(cap: &sla_engine::model::CapDef, currency: &str) -> String {
    match (&cap.amount, &cap.percent_of_charges) {
        (Some(a), _) => format::money(currency, &a.0),
        (None, Some(p)) => texts().embed().cap_percent(&format::localize(p.text())),
        (None, None) => texts().embed().cap_nothing.into(),
    }
}
