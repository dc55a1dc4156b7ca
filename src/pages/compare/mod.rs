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
//! Every figure comes from `sla_presets`; the input is
//! [`crate::state::compare`], kept in `localStorage` when the browser allows.

pub mod claim;
pub mod log;
pub mod presets;
pub mod results;

use std::rc::Rc;

use chrono::NaiveDate;
use sla_presets::compare::{compare, Comparison};
use sla_presets::Preset;
use yew::prelude::*;

use crate::browser;
use crate::components::site_header::{Page, SiteHeader};
use crate::components::text_field::TextField;
use crate::i18n::{texts, Compare};
use crate::state::compare::{
    from_storage, parse_log, to_storage, to_storage_without_log, Action, CompareState, FieldErrors,
    ParsedLog, RequestInputs, STORAGE_BACKUP_KEY, STORAGE_KEY,
};

#[derive(Properties, PartialEq, Default)]
pub struct ComparePageProps {
    /// Today as `YYYY-MM-DD` (deadlines count from it); `None` reads the
    /// browser's clock. Tests pass one.
    #[prop_or_default]
    pub today: Option<AttrValue>,
    /// Where the input is kept; `None`: [`STORAGE_KEY`]. Tests pass their own.
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
}

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
    let log = parse_log(&Rc::new(EXAMPLE_LOG.to_string()));
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

/// The page.
#[component]
pub fn ComparePage(props: &ComparePageProps) -> Html {
    let today = *use_memo(props.today.clone(), |today| {
        today
            .as_deref()
            .and_then(sla_engine::time::iso::date)
            .unwrap_or_else(browser::today)
    });
    let key: AttrValue = props
        .storage_key
        .clone()
        .unwrap_or(AttrValue::Static(STORAGE_KEY));
    let start = {
        let key = key.clone();
        use_memo((), move |_| initial(&key, today))
    };
    let state = {
        let start = start.clone();
        use_reducer(move || start.0.clone())
    };
    // What is not being kept (storage blocked, or too small for the log), if so.
    let not_kept = use_state_eq(|| None::<NotKept>);
    {
        // Persistence is an effect of the state changing.
        let not_kept = not_kept.clone();
        use_effect_with(state.clone(), move |state| {
            let outcome = match browser::save(&key, &to_storage(state)) {
                Ok(()) => None,
                // Full: the rest is kept without the log, rather than an older state.
                Err(why) => match browser::save(&key, &to_storage_without_log(state)) {
                    Ok(()) => Some(NotKept::Log(why)),
                    Err(why) => Some(NotKept::All(why)),
                },
            };
            not_kept.set(outcome);
        });
    }

    let presets = use_memo((), |_| sla_presets::bundled_for_pages());
    let log_text = state.log_text();
    let parsed = use_memo(log_text, |text| parse_log(text));
    let inputs = state.request_inputs(today);
    let errors: FieldErrors = inputs.request().err().unwrap_or_default();
    let outcome = {
        let presets = presets.clone();
        use_memo(
            (parsed.clone(), state.selected.clone(), inputs.clone()),
            move |(log, selected, inputs)| match presets.as_ref() {
                Ok(presets) => evaluate_all(presets, selected, log, inputs),
                Err(_) => Outcome::NothingPicked,
            },
        )
    };
    let example = {
        let presets = presets.clone();
        use_memo(state.untouched(), move |untouched| match presets.as_ref() {
            Ok(list) if *untouched => Some(example(list, today)),
            _ => None,
        })
    };
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let on = |make: fn(String) -> Action| dispatch.reform(make);

    let unreadable_note = start
        .1
        .as_deref()
        .map(|why| t().storage_unreadable(why, STORAGE_BACKUP_KEY));
    let not_kept_note = match &*not_kept {
        None => None,
        Some(NotKept::All(why)) => Some(t().storage_not_kept(why)),
        Some(NotKept::Log(why)) => Some(t().storage_log_not_kept(why)),
    };
    let preset_list: Rc<Vec<Preset>> = Rc::new(match presets.as_ref() {
        Ok(list) => list.clone(),
        Err(_) => Vec::new(),
    });
    let preset_problems: Vec<String> = match presets.as_ref() {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    };

    html! {
        <>
            <SiteHeader page={Page::Compare} />
            <main id="main" class="wide compare">
                <h2 class="compare-title">{ t().page_title }</h2>
                <p class="hint">{ t().page_intro }</p>
                if let Some(note) = unreadable_note {
                    <p class="notice" role="status" id="compare-storage-unreadable">{ note }</p>
                }
                if let Some(note) = not_kept_note {
                    <p class="notice" role="status" id="compare-storage">{ note }</p>
                }
                <div class="compare-layout">
                    <section class="compare-output" aria-labelledby="compare-results-title">
                        <h2 id="compare-results-title">{ t().results_title }</h2>
                        if let Some((log, outcome)) = example.as_ref().clone() {
                            <p class="notice" id="compare-example">{ t().example_note }</p>
                            <results::Results presets={preset_list.clone()} {outcome} {log} />
                        } else {
                            <results::Results presets={preset_list.clone()} outcome={outcome.clone()}
                                log={parsed.clone()} />
                        }
                    </section>
                    <div class="compare-inputs">
                    <section aria-labelledby="compare-log-title">
                        <h2 id="compare-log-title">{ t().log_title }</h2>
                        <log::OutageLog
                            input={state.input}
                            csv={state.csv.clone()}
                            file_name={state.file_name.clone()}
                            rows={state.rows.clone()}
                            parsed={parsed.clone()}
                            dispatch={dispatch.clone()}
                        />
                    </section>
                    <section aria-labelledby="compare-request-title">
                        <h2 id="compare-request-title">{ t().request_title }</h2>
                        <div class="compare-fields">
                            <TextField id="compare-month" label={t().month_label} input_type="month"
                                value={state.month.clone()} oninput={on(Action::Month)}
                                hint={t().month_hint} error={errors.month.clone()} placeholder="2026-07" />
                            <TextField id="compare-bill" label={t().bill_label} inputmode="decimal"
                                value={state.bill.clone()} oninput={on(Action::Bill)}
                                hint={t().bill_hint} error={errors.bill.clone()} placeholder="1000.00" />
                            <TextField id="compare-currency" label={t().currency_label}
                                value={state.currency.clone()} oninput={on(Action::Currency)}
                                hint={t().currency_hint} error={errors.currency.clone()} />
                            <TextField id="compare-zones" label={t().zones_label}
                                value={state.zones.clone()} oninput={on(Action::Zones)}
                                hint={t().zones_hint} placeholder="eu-west-1a, eu-west-1b" />
                            <TextField id="compare-instance" label={t().instance_label}
                                value={state.instance.clone()} oninput={on(Action::Instance)}
                                hint={t().instance_hint} placeholder="i-0abc" />
                        </div>
                    </section>
                    <section aria-labelledby="compare-presets-title">
                        <h2 id="compare-presets-title">{ t().presets_title }</h2>
                        for problem in preset_problems {
                            <p class="error">{ problem }</p>
                        }
                        <presets::PresetPicker presets={preset_list.clone()}
                            selected={state.selected.clone()} dispatch={dispatch.clone()} />
                    </section>
                    </div>
                </div>
                <section aria-labelledby="compare-claim-title">
                    <h2 id="compare-claim-title">{ t().claim_title }</h2>
                    <claim::ClaimHelper presets={preset_list} outcome={outcome}
                        log={parsed} preset={state.claim_preset().map(|p| AttrValue::from(p.to_owned()))}
                        dispatch={dispatch} />
                </section>
            </main>
            <footer class="site no-print">
                <p>{ t().footer }</p>
            </footer>
        </>
    }
}
