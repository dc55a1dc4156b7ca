//! The embed page (`embed.html`): a compact calculator for one agreement
//! supplied by the page around it (in the URL fragment, from a same-origin
//! URL, or in a message). The visitor enters a month's downtime or its
//! outages and sees each target's value, status and credit with its
//! explanation; the terms are read-only when the vendor locks them. The
//! page resizes its iframe and, when asked, sends the results to the
//! embedding page. See `docs/embed.md`.

use std::rc::Rc;

use sla_engine::model::{AgreementFile, CreditRule, Metric};
use sla_engine::report::{Report, Request};
use yew::prelude::*;

use crate::browser::embed as page;
use crate::format;
use crate::i18n::{texts, Count};
use crate::pages::workbench::results::status_text;
use crate::state::embed::{
    config_from_fragment, measurements, outbound, read_message, results_message, summary_text,
    Config, Inbound, InputError, Inputs, Mode, TermsSource, VisitorOutage,
};

#[derive(Properties, PartialEq, Default)]
pub struct EmbedProps {
    /// The fragment to start from; `None` reads the page's own URL. Tests pass one.
    #[prop_or_default]
    pub fragment: Option<String>,
    /// The current month (`YYYY-MM`) when the fragment names none; `None` reads the clock.
    #[prop_or_default]
    pub month: Option<String>,
}

/// The terms as they stand: their JSON text, and the agreement file read
/// from it (or why it cannot be read).
#[derive(Clone, PartialEq)]
struct Terms {
    json: String,
    file: Result<Rc<AgreementFile>, Vec<String>>,
}

impl Terms {
    fn read(json: String) -> Terms {
        let file = sla_engine::model::load::agreements(&json)
            .map(Rc::new)
            .map_err(|errors| errors.iter().map(ToString::to_string).collect());
        Terms { json, file }
    }
}

#[component]
pub fn Embed(props: &EmbedProps) -> Html {
    let config: Rc<Config> = {
        let fragment = props.fragment.clone();
        use_memo((), move |_| {
            config_from_fragment(&fragment.unwrap_or_else(|| {
                web_sys::window()
                    .and_then(|w| w.location().hash().ok())
                    .unwrap_or_default()
            }))
        })
    };
    let terms = use_state(|| match &config.terms {
        TermsSource::Inline(json) => Some(Terms::read(json.clone())),
        _ => None,
    });
    let locked = use_state(|| config.locked);
    let load_error = use_state(|| None::<String>);
    let editor_problems = use_state(Vec::<String>::new);
    let parent = use_memo((), {
        let origins = config.origins.clone();
        move |_| page::parent_origin(&origins)
    });
    let inputs = use_state(|| Inputs {
        month: config
            .month
            .clone()
            .or_else(|| props.month.clone())
            .unwrap_or_else(crate::browser::current_month),
        charge: config.charge.clone().unwrap_or_default(),
        ..Inputs::default()
    });

    // Theme from the fragment; terms from a URL; messages from the parent;
    // the height to the parent. All once, at mount.
    {
        let config = config.clone();
        let terms = terms.clone();
        let locked = locked.clone();
        let load_error = load_error.clone();
        let parent = parent.clone();
        use_effect_with((), move |_| {
            page::apply_theme(&config.theme, config.scheme);
            if let TermsSource::Url(url) = &config.terms {
                let url = url.clone();
                let terms = terms.clone();
                let load_error = load_error.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match page::fetch_same_origin(&url).await {
                        Ok(json) => terms.set(Some(Terms::read(json))),
                        Err(why) => load_error.set(Some(why)),
                    }
                });
            }
            let listener = {
                let config = config.clone();
                page::listen(config.origins.clone(), move |data| {
                    match read_message(&data) {
                        Ok(Inbound::Agreement { json, locked: lock }) => {
                            terms.set(Some(Terms::read(json)));
                            if let Some(lock) = lock {
                                locked.set(lock);
                            }
                        }
                        Ok(Inbound::Theme(vars)) => page::apply_theme(&vars, config.scheme),
                        Err(why) => page::log_ignored(&why),
                    }
                })
            };
            let watch = (*parent).clone().and_then(|origin| {
                page::post_to_parent(&origin, &outbound("ready", serde_json::json!({})));
                page::watch_height(move |height| {
                    page::post_to_parent(
                        &origin,
                        &outbound("resize", serde_json::json!({ "height": height })),
                    );
                })
            });
            move || {
                drop(listener);
                drop(watch);
            }
        });
    }

    let file = terms.as_ref().and_then(|t| t.file.as_ref().ok()).cloned();
    // The first service with an availability target, unless the visitor chose one.
    let service = file
        .as_ref()
        .map(|f| {
            if f.services.iter().any(|s| s.id == inputs.service) {
                inputs.service.clone()
            } else {
                first_service(f)
            }
        })
        .unwrap_or_default();
    let computed: Option<Result<Rc<Report>, Vec<InputError>>> = {
        let inputs = Inputs {
            service: service.clone(),
            ..(*inputs).clone()
        };
        let file = file.clone();
        let memo = use_memo((file, inputs), |(file, inputs)| {
            let file = file.as_ref()?;
            Some(measurements(file, inputs).map(|(file, m, span)| {
                // The wall clock (`performance.now()` counts from the page's
                // load, not from 1970), capped at the period's end as the
                // workbench does: open tickets are counted up to it.
                let end = sla_engine::report::span_end(span, &file_zone(&file));
                let now = wall_clock_nanos().min(end);
                Rc::new(sla_engine::report::report(
                    &file,
                    &m,
                    &Request { span, now },
                ))
            }))
        });
        (*memo).clone()
    };

    // Results to the parent, when it asked for them.
    {
        let parent = parent.clone();
        let send = config.results;
        let month = inputs.month.clone();
        let report = computed.clone().and_then(Result::ok);
        use_effect_with(report.clone().map(|r| Rc::as_ptr(&r) as usize), move |_| {
            if let (true, Some(origin), Some(report)) = (send, (*parent).clone(), report) {
                page::post_to_parent(&origin, &results_message(&report, &month));
            }
        });
    }

    let set = |change: fn(&mut Inputs, String)| {
        let inputs = inputs.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| {
                    e.target_dyn_into::<web_sys::HtmlSelectElement>()
                        .map(|s| s.value())
                })
                .unwrap_or_default();
            let mut next = (*inputs).clone();
            change(&mut next, value);
            inputs.set(next);
        })
    };
    let set_input = |change: fn(&mut Inputs, String)| {
        let inputs = inputs.clone();
        Callback::from(move |e: InputEvent| {
            let Some(value) = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
            else {
                return;
            };
            let mut next = (*inputs).clone();
            change(&mut next, value);
            inputs.set(next);
        })
    };
    let errors: Vec<InputError> = match &computed {
        Some(Err(errors)) => errors.clone(),
        _ => Vec::new(),
    };
    let error_of = |field: &str| {
        errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };

    let t = texts().embed();
    let heading = match &file {
        Some(f) => f.name.clone(),
        None => texts().embed().default_heading.to_string(),
    };

    html! {
        <main id="main" class="embed">
            <h1>{heading}</h1>
            if let Some(f) = &file {
                <p class="hint">{t.terms_of(&f.provider.name)}</p>
            }
            if !config.problems.is_empty() {
                <details class="notice">
                    <summary>{t.settings_ignored(&Count::plain(config.problems.len()))}</summary>
                    <ul>{ for config.problems.iter().map(|p| html! { <li>{p.clone()}</li> }) }</ul>
                </details>
            }
            if let Some(why) = &*load_error {
                <p class="error" role="alert">{t.load_failed(why)}</p>
            }
            { match &*terms {
                None => html! {
                    <p class="loading" role="status">{
                        if config.origins.is_empty() && !matches!(config.terms, TermsSource::Url(_)) {
                            t.no_terms
                        } else {
                            t.waiting
                        }
                    }</p>
                },
                Some(Terms { file: Err(problems), .. }) => html! {
                    <div class="error" role="alert">
                        <p>{t.terms_unusable}</p>
                        <ul>{ for problems.iter().take(20).map(|p| html! { <li>{p.clone()}</li> }) }</ul>
                    </div>
                },
                Some(Terms { file: Ok(_), .. }) => html! {},
            } }
            if let Some(f) = &file {
                <section class="embed-inputs" aria-labelledby="embed-inputs-title">
                    <h2 id="embed-inputs-title">{t.your_month}</h2>
                    <div class="embed-grid">
                        <div class="field">
                            <label for="embed-month">{t.month}</label>
                            <input id="embed-month" type="month" value={inputs.month.clone()}
                                aria-invalid={error_of("month").map(|_| "true")}
                                aria-describedby={error_of("month").map(|_| "embed-month-error")}
                                onchange={set(|i, v| i.month = v)} />
                            if let Some(e) = error_of("month") { <p id="embed-month-error" class="error">{e}</p> }
                        </div>
                        if f.services.len() > 1 {
                            <div class="field">
                                <label for="embed-service">{t.service}</label>
                                <select id="embed-service" onchange={set(|i, v| i.service = v)}>
                                    { for f.services.iter().map(|s| html! {
                                        <option value={s.id.clone()} selected={s.id == service}>{s.name.clone()}</option>
                                    }) }
                                </select>
                            </div>
                        }
                        <div class="field">
                            <label for="embed-charge">{t.your_charge(&f.currency)}</label>
                            <input id="embed-charge" inputmode="decimal" autocomplete="off"
                                placeholder={charge_of(f, &service).unwrap_or_default()}
                                value={inputs.charge.clone()}
                                aria-invalid={error_of("charge").map(|_| "true")}
                                aria-describedby={if error_of("charge").is_some() { "embed-charge-error" } else { "embed-charge-hint" }}
                                oninput={set_input(|i, v| i.charge = v)} />
                            if let Some(e) = error_of("charge") {
                                <p id="embed-charge-error" class="error">{e}</p>
                            } else {
                                <p id="embed-charge-hint" class="hint">{t.charge_hint}</p>
                            }
                        </div>
                    </div>
                    <fieldset>
                        <legend>{t.downtime}</legend>
                        <label class="check"><input type="radio" name="embed-mode" checked={inputs.mode == Mode::Downtime}
                            onchange={{ let inputs = inputs.clone(); Callback::from(move |_| { let mut n = (*inputs).clone(); n.mode = Mode::Downtime; inputs.set(n); }) }} />
                            {" "}{t.mode_minutes}</label>
                        <label class="check"><input type="radio" name="embed-mode" checked={inputs.mode == Mode::Outages}
                            onchange={{ let inputs = inputs.clone(); Callback::from(move |_| { let mut n = (*inputs).clone(); n.mode = Mode::Outages; if n.outages.is_empty() { n.outages.push(VisitorOutage::default()); } inputs.set(n); }) }} />
                            {" "}{t.mode_outages}</label>
                        if inputs.mode == Mode::Downtime {
                            <div class="field">
                                <label for="embed-minutes">{t.minutes_label}</label>
                                <input id="embed-minutes" inputmode="decimal" autocomplete="off" value={inputs.minutes.clone()}
                                    aria-invalid={error_of("minutes").map(|_| "true")}
                                    aria-describedby={error_of("minutes").map(|_| "embed-minutes-error")}
                                    oninput={set_input(|i, v| i.minutes = v)} />
                                if let Some(e) = error_of("minutes") { <p id="embed-minutes-error" class="error">{e}</p> }
                            </div>
                        } else {
                            <OutageRows outages={inputs.outages.clone()} errors={errors.clone()} zone={f.time_zone.clone()}
                                onchange={{ let inputs = inputs.clone(); Callback::from(move |outages: Vec<VisitorOutage>| { let mut n = (*inputs).clone(); n.outages = outages; inputs.set(n); }) }} />
                            if let Some(e) = error_of("outages") { <p class="error">{e}</p> }
                        }
                    </fieldset>
                </section>
                <ResultsView report={computed.clone().and_then(Result::ok)} />
                <TermsView file={f.clone()} locked={*locked} />
                if !*locked {
                    // Keyed by the terms in use: new terms (a message) reset the draft.
                    <TermsEditor key={format!("{:p}", Rc::as_ptr(f))}
                        json={terms.as_ref().map(|t| t.json.clone()).unwrap_or_default()}
                        problems={(*editor_problems).clone()}
                        onapply={{
                            let terms = terms.clone();
                            let editor_problems = editor_problems.clone();
                            // Terms that cannot be read are not applied: the
                            // calculator keeps the last good ones.
                            Callback::from(move |json: String| {
                                let read = Terms::read(json);
                                match &read.file {
                                    Ok(_) => {
                                        editor_problems.set(Vec::new());
                                        terms.set(Some(read));
                                    }
                                    Err(problems) => editor_problems.set(problems.clone()),
                                }
                            })
                        }} />
                }
            }
        </main>
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

#[derive(Properties, PartialEq)]
struct TermsViewProps {
    file: Rc<AgreementFile>,
    locked: bool,
}

/// The terms in words: each target's promise, its credit tiers and caps.
#[component]
fn TermsView(props: &TermsViewProps) -> Html {
    let tx = texts().embed();
    let f = &props.file;
    html! {
        <section class="embed-terms-section" aria-labelledby="embed-terms-title">
            <h2 id="embed-terms-title">{tx.the_terms}</h2>
            if props.locked {
                <p class="hint">{tx.set_by(&f.provider.name)}</p>
            }
            { for f.agreements.iter().map(|a| html! {
                <div class="embed-terms">
                    if f.agreements.len() > 1 { <h3>{a.name.clone()}</h3> }
                    <ul>
                        { for a.targets.iter().map(|t| html! {
                            <li>
                                <strong>{t.name.clone()}</strong>
                                {tx.promise(matches!(t.direction, Some(sla_engine::model::Direction::AtMost)), &format::localize(t.expected.text()), t.period)}
                                { match &t.credit {
                                    Some(CreditRule::Step { tiers }) => html! {
                                        <ul class="tiers">
                                            { for tiers.iter().map(|tier| html! {
                                                <li>{tx.step_tier(tier.inclusive, &format::localize(tier.below.text()), &format::localize(tier.credit.text()))}</li>
                                            }) }
                                        </ul>
                                    },
                                    Some(CreditRule::Linear { below, per, rate, maximum }) => html! {
                                        <p class="hint">{tx.linear_credit(&format::localize(below.text()), &format::localize(rate.text()), &format::localize(per.text()), &maximum.as_ref().map(|m| format::localize(m.text())).unwrap_or_else(|| "100".into()))}</p>
                                    },
                                    Some(CreditRule::Fixed { amount, .. }) => html! {
                                        <p class="hint">{tx.fixed_credit(&format::money(&f.currency, &amount.0))}</p>
                                    },
                                    Some(CreditRule::Pool { allocation }) => html! {
                                        <p class="hint">{tx.pool_credit(&format::localize(allocation.text()))}</p>
                                    },
                                    None => html! {},
                                } }
                            </li>
                        }) }
                    </ul>
                    if let Some(cap) = a.credits.as_ref().and_then(|c| c.period_cap.as_ref()) {
                        <p class="hint">{tx.period_cap(&cap_words(cap, &f.currency))}</p>
                    }
                </div>
            }) }
        </section>
    }
}

fn cap_words(cap: &sla_engine::model::CapDef, currency: &str) -> String {
    match (&cap.amount, &cap.percent_of_charges) {
        (Some(a), _) => format::money(currency, &a.0),
        (None, Some(p)) => texts().embed().cap_percent(&format::localize(p.text())),
        (None, None) => texts().embed().cap_nothing.into(),
    }
}

#[derive(Properties, PartialEq)]
struct TermsEditorProps {
    json: String,
    /// Why the last edit was not applied.
    problems: Vec<String>,
    onapply: Callback<String>,
}

/// The terms as JSON, editable when the vendor did not lock them.
#[component]
fn TermsEditor(props: &TermsEditorProps) -> Html {
    let tx = texts().embed();
    let draft = use_state(|| props.json.clone());
    let onapply = {
        let draft = draft.clone();
        let apply = props.onapply.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            apply.emit((*draft).clone());
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                draft.set(t.value());
            }
        })
    };
    html! {
        <details class="embed-editor">
            <summary>{tx.change_terms}</summary>
            <form onsubmit={onapply}>
                <label for="embed-terms-json">{tx.terms_file_label}</label>
                <textarea id="embed-terms-json" rows="12" spellcheck="false" value={(*draft).clone()} {oninput}
                    aria-invalid={(!props.problems.is_empty()).then_some("true")}
                    aria-describedby={(!props.problems.is_empty()).then_some("embed-terms-json-error")} />
                if !props.problems.is_empty() {
                    <div id="embed-terms-json-error" class="error" role="alert">
                        <p>{tx.terms_refused}</p>
                        <ul>{ for props.problems.iter().take(20).map(|p| html! { <li>{p.clone()}</li> }) }</ul>
                    </div>
                }
                <button type="submit">{tx.use_terms}</button>
            </form>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct OutageRowsProps {
    outages: Vec<VisitorOutage>,
    errors: Vec<InputError>,
    zone: String,
    onchange: Callback<Vec<VisitorOutage>>,
}

/// The visitor's outages: start and end, add and remove.
#[component]
fn OutageRows(props: &OutageRowsProps) -> Html {
    let tx = texts().embed();
    let edit = |i: usize, end: bool| {
        let outages = props.outages.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let Some(value) = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .map(|i| i.value())
            else {
                return;
            };
            let mut next = outages.clone();
            if let Some(o) = next.get_mut(i) {
                if end {
                    o.end = value;
                } else {
                    o.start = value;
                }
            }
            onchange.emit(next);
        })
    };
    let error = |field: String| {
        props
            .errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    };
    let add = {
        let outages = props.outages.clone();
        let onchange = props.onchange.clone();
        Callback::from(move |_| {
            let mut next = outages.clone();
            next.push(VisitorOutage::default());
            onchange.emit(next);
        })
    };
    html! {
        <div class="embed-outages">
            <p class="hint">{tx.times_in(&props.zone)}</p>
            <ol>
                { for props.outages.iter().enumerate().map(|(i, o)| {
                    let remove = {
                        let outages = props.outages.clone();
                        let onchange = props.onchange.clone();
                        Callback::from(move |_| {
                            let mut next = outages.clone();
                            next.remove(i);
                            onchange.emit(next);
                        })
                    };
                    let (start_id, end_id) = (format!("outage-{i}-start"), format!("outage-{i}-end"));
                    let (start_error, end_error) = (error(start_id.clone()), error(end_id.clone()));
                    html! {
                        <li class="embed-outage">
                            <div class="field">
                                <label for={start_id.clone()}>{tx.outage_start(i + 1)}</label>
                                <input id={start_id.clone()} type="datetime-local" value={o.start.clone()} onchange={edit(i, false)}
                                    aria-invalid={start_error.as_ref().map(|_| "true")}
                                    aria-describedby={start_error.as_ref().map(|_| format!("{start_id}-error"))} />
                                if let Some(e) = start_error { <p id={format!("{start_id}-error")} class="error">{e}</p> }
                            </div>
                            <div class="field">
                                <label for={end_id.clone()}>{tx.outage_end(i + 1)}</label>
                                <input id={end_id.clone()} type="datetime-local" value={o.end.clone()} onchange={edit(i, true)}
                                    aria-invalid={end_error.as_ref().map(|_| "true")}
                                    aria-describedby={end_error.as_ref().map(|_| format!("{end_id}-error"))} />
                                if let Some(e) = end_error { <p id={format!("{end_id}-error")} class="error">{e}</p> }
                            </div>
                            <button type="button" class="remove" onclick={remove}
                                aria-label={tx.remove_outage(i + 1)}>{texts().common().remove}</button>
                        </li>
                    }
                }) }
            </ol>
            <button type="button" onclick={add}>{tx.add_outage}</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ResultsViewProps {
    report: Option<Rc<Report>>,
}

/// Each target's value, status and credit for the month, with the why.
#[component]
fn ResultsView(props: &ResultsViewProps) -> Html {
    let tx = texts().embed();
    let Some(report) = &props.report else {
        return html! {
            <section class="embed-result" aria-labelledby="embed-results-title">
                <h2 id="embed-results-title">{tx.result}</h2>
                <p role="status" id="embed-summary">{tx.correct_fields}</p>
            </section>
        };
    };
    let total: Vec<String> = report
        .groups
        .iter()
        .filter_map(|g| g.periods.first().map(|p| format::money_of(p.paid)))
        .collect();
    let span = report.span.label();
    let summary = match report
        .targets
        .iter()
        .filter_map(|t| t.periods.first())
        .next()
    {
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
    html! {
        <section class="embed-result" aria-labelledby="embed-results-title">
            <h2 id="embed-results-title">{tx.result}</h2>
            <p class="big" role="status" aria-live="polite" id="embed-summary">{summary}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-label={tx.targets_region}>
                <table class="embed-results">
                    <caption>{tx.targets_caption(&span)}</caption>
                    <thead><tr>
                        <th scope="col">{tx.col_target}</th>
                        <th scope="col">{tx.col_achieved}</th>
                        <th scope="col">{tx.col_expected}</th>
                        <th scope="col">{tx.col_status}</th>
                        <th scope="col">{tx.col_credit}</th>
                    </tr></thead>
                    <tbody>
                        { for report.targets.iter().filter_map(|t| t.periods.first().map(|p| (t, p))).map(|(t, p)| {
                            let (symbol, words, class) = status_text(p.status);
                            let unit = if t.unit == "%" { " %".to_string() } else { format!(" {}", t.unit) };
                            html! {
                                <tr>
                                    <th scope="row">{t.name.clone()}</th>
                                    <td>{p.achieved.map(|a| format!("{}{unit}", format::achieved(t, a))).unwrap_or_else(|| "–".into())}</td>
                                    <td>{format!("{}{unit}", format::level(&t.expected))}</td>
                                    <td class={classes!("status", class)}><span aria-hidden="true">{symbol}</span>{format!(" {words}")}</td>
                                    <td>{format::money_of(p.credit)}</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            { for report.targets.iter().filter_map(|t| t.periods.first().map(|p| (t, p))).map(|(t, p)| html! {
                <details class="why">
                    <summary>{tx.why(&t.name)}</summary>
                    if let Some(next) = p.next_tier { <p>{format::next_tier(next)}</p> }
                    if let Some([allowed, used, left, _]) = p.budget.map(format::budget) {
                        <p>{tx.budget(&allowed, &used, &left)}</p>
                    }
                    <dl>
                        { for p.explanations.iter().map(|l| html! {
                            <>
                                <dt>{l.what.clone()}</dt>
                                <dd>
                                    <span class="why-line">{l.formula.clone()}</span>
                                    <span class="why-line">{l.substituted.clone()}</span>
                                    if !l.convention.is_empty() { <span class="why-line hint">{l.convention.clone()}</span> }
                                </dd>
                            </>
                        }) }
                    </dl>
                </details>
            }) }
            <details class="why">
                <summary>{tx.result_as_text}</summary>
                <pre class="embed-text">{summary_text(report)}</pre>
            </details>
        </section>
    }
}

/// The agreement file's zone (UTC when it names none the browser knows).
fn file_zone(file: &sla_engine::model::AgreementFile) -> sla_engine::time::Zone {
    sla_engine::time::Zone::named(&file.time_zone).unwrap_or_else(sla_engine::time::Zone::utc)
}

/// Now on the wall clock, in nanoseconds since 1970 (0 natively).
fn wall_clock_nanos() -> i64 {
    (crate::browser::epoch_ms() as i64).saturating_mul(1_000_000)
}
