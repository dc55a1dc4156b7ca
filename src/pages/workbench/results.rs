//! The report of a span: per target and period the achieved value, levels,
//! status (words and a symbol, never colour alone), margin, error budget,
//! distance to the next credit tier and credit, each opening the engine's
//! explanation; per agreement the totals with caps, the at-risk pool,
//! earn-back and termination rights; charts (the error budget burn-down of
//! the shown period among them); and a what-if control.

use std::rc::Rc;

use sla_engine::compliance::Status;
use sla_engine::credits::termination::Standing;
use sla_engine::report::{
    render, Budget, GroupReport, KeyFigures, Line, Report, Risk, TargetPeriod, TargetReport,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::burndown::{self, BurnSeries, BurnSource};
use crate::components::charts::{Bars, BurnDown, Trend};
use crate::format::{self, localize};
use crate::i18n::{texts, Count, ReportSummary};

/// A hypothetical change, not saved: extra downtime on a service or extra
/// breached tickets, added to the chosen period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WhatIf {
    pub service: String,
    pub minutes: u32,
    pub priority: String,
    pub tickets: u32,
}

impl WhatIf {
    pub fn active(&self) -> bool {
        (self.minutes > 0 && !self.service.is_empty()) || self.tickets > 0
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub report: Rc<Report>,
    /// Services and ticket priorities known to the workspace (for what-if).
    pub services: Vec<String>,
    pub priorities: Vec<String>,
    pub what_if: WhatIf,
    pub on_what_if: Callback<WhatIf>,
    /// The agreements and saved measurements, for the error budget burn-down
    /// of the shown period (none without them).
    #[prop_or_default]
    pub burn: Option<BurnSource>,
    /// Whether the tables and charts below the key figures are drawn in a
    /// task after them when this is mounted (the workbench asks it for the
    /// first report the page draws while loading, never for a print; by
    /// default they come with the key figures).
    #[prop_or_default]
    pub defer_details: bool,
}

/// What the burn-down of the shown period depends on; the report is
/// compared by pointer (a new computation is a new report).
#[derive(Clone)]
struct BurnKey {
    report: Rc<Report>,
    period: String,
    source: Option<BurnSource>,
}

impl PartialEq for BurnKey {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report)
            && self.period == other.period
            && self.source == other.source
    }
}

/// `✓ met`, `✗ missed`: a symbol, the words (in the page's language) and
/// a CSS class.
pub fn status_text(status: Status) -> (&'static str, &'static str, &'static str) {
    let t = texts().statuses();
    match status {
        Status::Met => ("✓", t.met, "met"),
        Status::Missed => ("✗", t.missed, "missed"),
        Status::BelowMinimum => ("‼", t.below_minimum, "below-minimum"),
        Status::Excluded => ("–", t.excluded, "excluded"),
        Status::NoData => ("?", t.no_data, "no-data"),
    }
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let t = texts().report();
    let c = texts().common();
    let report = &props.report;
    let periods: Vec<String> = {
        let mut all: Vec<String> = Vec::new();
        for t in &report.targets {
            for p in &t.periods {
                let label = p.period.label();
                if !all.contains(&label) {
                    all.push(label);
                }
            }
        }
        all
    };
    let chosen = use_state(String::new);
    let details = use_state(|| !props.defer_details);
    {
        let details = details.clone();
        use_effect_with((), move |_| {
            if !*details {
                wasm_bindgen_futures::spawn_local(async move {
                    crate::browser::yield_now().await;
                    details.set(true);
                });
            }
        });
    }
    let period = if periods.contains(&*chosen) || chosen.as_str() == "all" {
        (*chosen).clone()
    } else {
        periods.last().cloned().unwrap_or_default()
    };
    let onperiod = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    // Worked out only for one period, and again only when it or its inputs
    // change; after the report is drawn (the figures first, the charts a
    // moment later), and only shown for the report and period it was
    // worked out for.
    let burn_state = use_state(|| None::<Rc<(BurnKey, Vec<BurnSeries>)>>);
    {
        let burn_state = burn_state.clone();
        use_effect_with(
            BurnKey {
                report: report.clone(),
                period: period.clone(),
                source: props.burn.clone(),
            },
            move |key| {
                let key = key.clone();
                let cancelled = Rc::new(std::cell::Cell::new(false));
                let stop = cancelled.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    crate::browser::yield_now().await;
                    if cancelled.get() {
                        return;
                    }
                    let series = match &key.source {
                        Some(source) if key.period != "all" => burndown::burn_down(
                            &source.file,
                            &source.measurements.read(),
                            &key.report,
                            &key.period,
                        ),
                        _ => Vec::new(),
                    };
                    burn_state.set(Some(Rc::new((key, series))));
                });
                move || stop.set(true)
            },
        );
    }
    let burn: Vec<BurnSeries> = match &*burn_state {
        Some(done) if Rc::ptr_eq(&done.0.report, report) && done.0.period == period => {
            done.1.clone()
        }
        _ => Vec::new(),
    };
    let figures = report.key_figures((period != "all").then_some(period.as_str()));
    let summary = t.summary(
        if period == "all" {
            t.all_periods
        } else {
            &period
        },
        &ReportSummary {
            targets: Count::plain(figures.targets()),
            met: Count::plain(figures.met),
            missed: Count::plain(figures.missed),
            below_minimum: Count::plain(figures.below_minimum),
            no_data: Count::plain(figures.no_data),
            before_caps: format::money_of(figures.credits_before_caps),
            paid: format::money_of(figures.credits_paid),
            net: format::money_of(figures.credits_net),
            terminations: Count::plain(figures.triggered()),
        },
    );
    html! {
        <div class="results">
            <div class="report-head">
                <p class="report-meta">{t.meta(&report.name, &report.span.label(), report.currency.code(), &report.time_zone)}</p>
                <div class="wb-field">
                    <label for="report-period">{t.show_period}</label>
                    <select id="report-period" onchange={onperiod}>
                        { for periods.iter().map(|p| html! { <option value={p.clone()} selected={*p == period}>{p.clone()}</option> }) }
                        <option value="all" selected={period == "all"}>{t.all_periods}</option>
                    </select>
                </div>
            </div>
            <p id="report-summary" class="visually-hidden" role="status" aria-live="polite">{summary}</p>
            if report.targets.is_empty() {
                <p id="report-empty" class="notice">{t.no_targets_yet}</p>
            }
            <div class="dashboard">
                { key_figures(&figures) }
                <WhatIfControl what_if={props.what_if.clone()} on_what_if={props.on_what_if.clone()}
                    services={props.services.clone()} priorities={props.priorities.clone()} />
            </div>
            if !report.warnings.is_empty() {
                <section class="warnings" aria-labelledby="report-warnings">
                    <h3 id="report-warnings">{t.alignment_warnings}</h3>
                    <ul>{ for report.warnings.iter().map(|w| html! { <li><span class="warning">{c.warning_prefix}</span>{format!("{} ({})", w.message, w.path)}</li> }) }</ul>
                </section>
            }
            if *details {
            <section aria-labelledby="report-targets">
                <h3 id="report-targets">{t.targets_title}</h3>
                <div class="table-scroll" tabindex="0" role="region" aria-label={t.targets_region}>
                <table id="report-table" class="report-table">
                    <caption>{t.targets_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.col_target}</th>
                            if period == "all" { <th scope="col">{t.col_period}</th> }
                            <th scope="col">{t.col_achieved}</th>
                            <th scope="col">{t.col_expected}</th>
                            <th scope="col">{t.col_status}</th>
                            <th scope="col">{t.col_margin}</th>
                            <th scope="col">{t.col_budget_left}</th>
                            <th scope="col">{t.col_next_tier}</th>
                            <th scope="col">{t.col_credit}</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for report.targets.iter().flat_map(|target| {
                            let period = period.clone();
                            target.periods.iter().filter(move |p| period == "all" || p.period.label() == period).map(move |p| (target, p))
                        }).map(|(target, p)| html! { <TargetRow key={format!("{}@{}", target.key, p.period.label())} target={Rc::new(target.clone())} period={Rc::new(p.clone())} show_period={period == "all"} /> }) }
                    </tbody>
                </table>
                </div>
            </section>
            { for report.groups.iter().map(|g| group(g, report.currency.code(), &period)) }
            { verdicts(report) }
            if !report.skipped_records.is_empty() {
                <details class="skipped">
                    <summary>{t.skipped_records(&Count::plain(report.skipped_records.len()))}</summary>
                    <ul>{ for report.skipped_records.iter().map(|s| html! { <li>{format!("{}: {}", s.path, s.reason)}</li> }) }</ul>
                </details>
            }
            { charts(report, &burn, &period) }
            }
        </div>
    }
}

/// The period's verdict as key figures: targets met, customer credits,
/// the least error budget left and where each termination right stands,
/// each with the words that say why it has that value.
fn key_figures(f: &KeyFigures) -> Html {
    let t = texts().report();
    let bad = f.missed + f.below_minimum;
    let targets = kpi(
        "kpi-targets",
        if f.targets() == 0 {
            ""
        } else if bad > 0 {
            "bad"
        } else {
            "good"
        },
        t.kpi_targets,
        t.kpi_count(&Count::plain(f.met), &Count::plain(f.targets())),
        std::iter::once(if f.targets() == 0 {
            t.kpi_no_targets.to_string()
        } else if bad == 0 {
            t.kpi_all_met.to_string()
        } else {
            t.kpi_missed(&Count::plain(f.missed), &Count::plain(f.below_minimum))
        })
        .chain((f.no_data > 0).then(|| t.kpi_no_data(&Count::plain(f.no_data))))
        .collect(),
    );
    let credits = kpi(
        "kpi-credits",
        if f.credits_paid.minor_units() == 0 {
            "good"
        } else {
            "warn"
        },
        t.kpi_credits,
        format::money_of(f.credits_paid),
        vec![t.kpi_credits_note(
            &format::money_of(f.credits_before_caps),
            &format::money_of(f.credits_net),
        )],
    );
    let budget = match &f.least_budget {
        Some(least) => {
            let share = least.left_basis_points().unwrap_or(0);
            let [allowed, _, left, _] = format::budget(least.budget);
            let share_text =
                format::percent(&sla_engine::units::decimal_text(i128::from(share), 2))
                    .replacen('-', "−", 1);
            kpi(
                "kpi-budget",
                if share < 0 {
                    "bad"
                } else if share < 2500 {
                    "warn"
                } else {
                    "good"
                },
                t.kpi_budget,
                left.split(" (").next().unwrap_or_default().to_string(),
                vec![t.kpi_budget_note(&least.name, &least.period.label(), &share_text, &allowed)],
            )
        }
        None => kpi(
            "kpi-budget",
            "",
            t.kpi_budget,
            "—".into(),
            vec![t.kpi_no_budget.into()],
        ),
    };
    // The right nearest to triggering leads: triggered, then holding, then
    // the largest share of the periods that trigger it.
    let nearness = |r: &Risk| -> f64 {
        match r.standing.as_ref().map(|s| &s.standing) {
            _ if r.triggered => 3.0,
            Some(s) if s.holds() => 2.0,
            Some(Standing::Count {
                qualifying, needed, ..
            }) => *qualifying as f64 / (*needed).max(1) as f64,
            _ => 0.0,
        }
    };
    let standing = |r: &Risk| -> String {
        match r.standing.as_ref().map(|s| &s.standing) {
            _ if r.triggered => t.kpi_triggered.to_string(),
            Some(Standing::Count {
                qualifying, needed, ..
            }) => t.kpi_count(&Count::plain(*qualifying), &Count::plain(*needed)),
            Some(Standing::Mean {
                mean: Some(mean), ..
            }) => localize(mean),
            _ => "—".to_string(),
        }
    };
    let nearest = f
        .risks
        .iter()
        .max_by(|a, b| nearness(a).total_cmp(&nearness(b)));
    let risk = kpi(
        "kpi-risk",
        match nearest.map(nearness) {
            None => "",
            Some(n) if n >= 1.0 => "bad",
            Some(n) if n > 0.0 => "warn",
            Some(_) => "good",
        },
        t.kpi_risk,
        nearest.map_or_else(|| t.kpi_none.to_string(), standing),
        if f.risks.is_empty() {
            vec![t.kpi_no_rights.to_string()]
        } else {
            f.risks
                .iter()
                .map(|r| {
                    let words = r.standing.as_ref().map(|s| localize(&s.standing.text()));
                    t.kpi_right(
                        &r.rule,
                        &if r.triggered {
                            t.kpi_triggered.to_string()
                        } else {
                            words.unwrap_or_default()
                        },
                    )
                })
                .collect()
        },
    );
    html! {
        <ul class="kpis" id="key-figures" aria-label={t.kpi_label}>
            { targets }{ credits }{ budget }{ risk }
        </ul>
    }
}

/// One key figure: its label, value, and the lines that explain it; the
/// class (`good`, `warn`, `bad`) colours its edge, never alone: the words
/// say it too.
fn kpi(
    id: &'static str,
    class: &'static str,
    label: &'static str,
    value: String,
    notes: Vec<String>,
) -> Html {
    html! {
        <li class={classes!("kpi", class)} {id}>
            <span class="kpi-label">{label}</span>
            <span class="kpi-value">{value.replace(" %", "\u{a0}%")}</span>
            { for notes.into_iter().map(|n| html! { <span class="kpi-note">{n}</span> }) }
        </li>
    }
}

#[derive(Properties, PartialEq)]
struct TargetRowProps {
    target: Rc<TargetReport>,
    period: Rc<TargetPeriod>,
    show_period: bool,
}

#[component]
fn TargetRow(props: &TargetRowProps) -> Html {
    let texts = texts().report();
    let open = use_state(|| false);
    let t = &props.target;
    let p = &props.period;
    let (icon, words, class) = status_text(p.status);
    let budget = p.budget.map(format::budget);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let columns = if props.show_period { 9 } else { 8 };
    let label = format!("{} {}", t.agreement, t.name);
    html! {
        <>
            <tr class={classes!("status-row", class)} data-target={t.key.clone()}>
                <th scope="row">
                    <span class="target-name">{t.name.clone()}</span>
                    <span class="target-meta">{texts.target_meta(t.kind.label(), &t.agreement, &t.metric, t.critical)}</span>
                    <button type="button" class="why-toggle" aria-expanded={if *open { "true" } else { "false" }}
                        aria-label={texts.why_label(&label, &p.period.label())} onclick={toggle}>{texts.why}</button>
                </th>
                if props.show_period { <td>{p.period.label()}</td> }
                <td class="num achieved">{p.achieved.map(|a| format::achieved(t, a)).unwrap_or_else(|| "—".into())}</td>
                <td class="num">{format!("{} / {}", format::level(&t.expected), t.minimum.as_ref().map(format::level).unwrap_or_else(|| "—".into()))}</td>
                <td class={classes!("status", class)}><span aria-hidden="true" class="status-icon">{icon}</span>{format!(" {words}")}</td>
                <td class="num">{p.margin.map(format::margin).unwrap_or_else(|| "—".into())}</td>
                <td class="num">{budget.as_ref().map(|[allowed, _, left, _]| texts.budget_left(left, allowed)).unwrap_or_else(|| "—".into())}</td>
                <td>{p.next_tier.map(format::next_tier).unwrap_or_else(|| "—".into())}</td>
                <td class="num credit">
                    {format::amount(p.credit)}
                    if p.credit_paid != p.credit {
                        <span class="paid">{texts.paid(&format::amount(p.credit_paid))}</span>
                    }
                    if p.earned_back { <span class="earned">{" "}{texts.earned_back}</span> }
                </td>
            </tr>
            if *open {
                <tr class="explain-row">
                    <td colspan={columns.to_string()}>
                        <div class="why" role="note">
                            <p>{texts.provenance(&t.provenance, &format::instant(p.window.start()), &format::instant(p.window.end()), &t.services.join(", "))}</p>
                            { lines(&p.explanations) }
                            if !p.excluded.is_empty() {
                                <p><strong>{texts.not_counted_prefix}</strong>{p.excluded.join("; ")}</p>
                            }
                            if !p.attribution.is_empty() {
                                <p><strong>{texts.by_supplier_prefix}</strong>{p.attribution.iter().map(|a| texts.supplier_share(&a.supplier, &a.downtime.human(), &format::amount(a.credit))).collect::<Vec<_>>().join("; ")}</p>
                            }
                            if let (Some(b), Some([allowed, used, left, burn_rate])) = (p.budget, &budget) {
                                <p><strong>{texts.error_budget_prefix}</strong>{texts.budget_line(allowed, used, left, b.burn_rate.map(|_| burn_rate.as_str()))}</p>
                            }
                        </div>
                    </td>
                </tr>
            }
        </>
    }
}

fn lines(lines: &[Line]) -> Html {
    let c = texts().common();
    html! {
        <dl class="explanation">
            { for lines.iter().map(|l| html! {
                <>
                    <dt>{l.what.clone()}</dt>
                    <dd>
                        <span class="why-line"><strong>{c.here_prefix}</strong>{l.substituted.clone()}</span>
                        <span class="why-line"><strong>{c.formula_prefix}</strong>{l.formula.clone()}</span>
                        <span class="why-line"><strong>{c.convention_prefix}</strong>{l.convention.clone()}</span>
                    </dd>
                </>
            }) }
        </dl>
    }
}

fn group(g: &GroupReport, currency: &str, period: &str) -> Html {
    let t = texts().report();
    let rows: Vec<_> = g
        .periods
        .iter()
        .filter(|p| period == "all" || p.period.label() == period)
        .collect();
    let id = format!("group-{}", g.agreement);
    html! {
        <section class="group" aria-labelledby={id.clone()} data-agreement={g.agreement.clone()}>
            <h3 id={id}>{t.group_heading(&g.agreement)}</h3>
            <p>{t.monthly_charge(&format::money_of(g.monthly_charge))}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label={t.credits_region(&g.agreement)}>
            <table class="totals">
                <caption>{t.credits_caption(&g.agreement, currency)}</caption>
                <thead><tr>
                    <th scope="col">{t.col_period}</th><th scope="col">{t.col_charges}</th><th scope="col">{t.col_at_risk}</th>
                    <th scope="col">{t.col_before_caps}</th><th scope="col">{t.col_period_cap}</th><th scope="col">{t.col_paid}</th>
                    <th scope="col">{t.col_earned_back}</th><th scope="col">{t.col_net}</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|p| html! {
                        <tr data-period={p.period.label()}>
                            <th scope="row">{p.period.label()}</th>
                            <td class="num">{format::amount(p.charges)}</td>
                            <td class="num">{p.at_risk_amount.map(format::amount).unwrap_or_else(|| "—".into())}</td>
                            <td class="num">{format::amount(p.credits_before_caps)}</td>
                            <td class="num">{p.period_cap.map(format::amount).unwrap_or_else(|| "—".into())}if p.at_cap { {" "}{t.at_cap} }</td>
                            <td class="num paid-total">{format::amount(p.paid)}</td>
                            <td class="num">{format::amount(p.earned_back)}</td>
                            <td class="num">{format::amount(p.net)}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            if rows.iter().any(|p| !p.explanations.is_empty()) {
                <details>
                    <summary>{t.how_totals}</summary>
                    { for rows.iter().map(|p| html! { <> <h4>{p.period.label()}</h4> { lines(&p.explanations) } </> }) }
                </details>
            }
            if !g.termination.is_empty() {
                <h4>{t.termination_rights}</h4>
                <ul class="termination">
                    { for g.termination.iter().map(|right| html! {
                        <li class={if right.triggered { "triggered" } else { "not-triggered" }} data-rule={right.rule.clone()}>
                            <strong>{if right.triggered { t.triggered_prefix } else { t.not_triggered_prefix }}</strong>
                            {right.rule.clone()}
                            if !right.periods.is_empty() { {t.in_periods(&right.periods.iter().map(|p| p.label()).collect::<Vec<_>>().join(", "))} }
                            <details><summary>{t.why}</summary>{ lines(std::slice::from_ref(&right.explanation)) }</details>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}

/// The error budget burn-down of each availability target in the shown
/// period, trend per target over the span and credits per period.
fn charts(report: &Report, burn: &[BurnSeries], period: &str) -> Html {
    let texts = texts().report();
    let months: Vec<String> = {
        let mut m: Vec<String> = Vec::new();
        for g in &report.groups {
            for p in &g.periods {
                let label = p.period.label();
                if !m.contains(&label) {
                    m.push(label);
                }
            }
        }
        m
    };
    let paid: Vec<f64> = months
        .iter()
        .map(|m| {
            report
                .groups
                .iter()
                .flat_map(|g| g.periods.iter())
                .filter(|p| p.period.label() == *m)
                .map(|p| format::amount_f64(p.paid))
                .sum()
        })
        .collect();
    let trends: Vec<&TargetReport> = report
        .targets
        .iter()
        .filter(|t| t.periods.len() > 1)
        .take(24)
        .collect();
    html! {
        <section class="report-charts" aria-labelledby="charts-title">
            <h3 id="charts-title">{texts.charts_title}</h3>
            if !burn.is_empty() {
                <p class="hint">{texts.burn_hint(burndown::MAX_SERIES)}</p>
            } else if period == "all" && report.targets.iter().any(|t| t.periods.iter().any(|p| p.budget.is_some())) {
                <p class="hint">{texts.burn_pick_period}</p>
            }
            if months.len() <= 1 && trends.is_empty() {
                <p class="hint">{texts.trends_hint}</p>
            }
            <div class="charts">
                { for burn.iter().enumerate().map(|(i, s)| burn_down(report, i, s, period)) }
                if months.len() > 1 {
                    <Bars id="credits-chart" title={texts.credits_chart(report.currency.code())}
                        labels={months.iter().map(|m| AttrValue::from(m.clone())).collect::<Vec<_>>()}
                        values={paid.clone()}
                        value_texts={paid.iter().map(|v| AttrValue::from(localize(&sla_engine::units::estimate_text(*v, 2)))).collect::<Vec<_>>()} />
                }
                { for trends.iter().enumerate().map(|(i, t)| {
                    let values: Vec<Option<f64>> = t.periods.iter().map(|p| p.achieved.map(|a| format::achieved_f64(t, a))).collect();
                    html! {
                        <Trend id={format!("trend-{i}")} title={texts.trend_title(&t.name)}
                            labels={t.periods.iter().map(|p| AttrValue::from(p.period.label())).collect::<Vec<_>>()}
                            {values}
                            value_texts={t.periods.iter().map(|p| AttrValue::from(p.achieved.map(|a| format::achieved(t, a)).unwrap_or_else(|| texts.no_data.into()))).collect::<Vec<_>>()}
                            expected={format::level_f64(&t.expected)}
                            minimum={t.minimum.as_ref().map(format::level_f64)}
                            expected_text={texts.expected(&format::level(&t.expected))}
                            minimum_text={t.minimum.as_ref().map(|m| AttrValue::from(texts.minimum(&format::level(m))))}
                            unit={t.unit.clone()} />
                    }
                }) }
            </div>
        </section>
    }
}

/// One burn-down chart, its points as shares of the allowed budget, and a
/// line of text saying what it shows in the engine's words.
fn burn_down(report: &Report, index: usize, series: &BurnSeries, period: &str) -> Html {
    let budget = report
        .targets
        .iter()
        .find(|t| t.key == series.key)
        .and_then(|t| t.periods.iter().find(|p| p.period.label() == period))
        .and_then(|p| p.budget);
    let Some(budget) = budget else {
        return Html::default();
    };
    let note = burn_note(series, &budget, period);
    if series.allowed_seconds <= 0.0 {
        // Nothing to take a share of: the text says it all.
        return html! { <p class="note" data-burn={series.key.clone()}>{texts().report().no_downtime_allowed(&series.title, &note)}</p> };
    }
    let points: Vec<(f64, f64)> = series
        .points
        .iter()
        .map(|&(at, left)| (at, left / series.allowed_seconds))
        .collect();
    let x_labels: Vec<(f64, AttrValue)> = series
        .x_labels
        .iter()
        .map(|(at, text)| (*at, AttrValue::from(text.clone())))
        .collect();
    html! {
        <BurnDown id={format!("burn-{index}")} title={series.title.clone()} {points} {x_labels}
            y_unit="%" note={note} />
    }
}

/// The text under a burn-down chart, with the engine's budget figures.
fn burn_note(series: &BurnSeries, budget: &Budget, period: &str) -> String {
    let steps = series
        .points
        .windows(2)
        .filter(|pair| pair[1].1 < pair[0].1)
        .count();
    let [allowed, _, left, _] = format::budget(*budget);
    texts()
        .report()
        .burn_note(&allowed, period, &left, &Count::plain(steps))
}

#[derive(Properties, PartialEq)]
struct WhatIfProps {
    what_if: WhatIf,
    on_what_if: Callback<WhatIf>,
    services: Vec<String>,
    priorities: Vec<String>,
}

/// Extra downtime or breached tickets in the shown period, applied live.
#[component]
fn WhatIfControl(props: &WhatIfProps) -> Html {
    let w = &props.what_if;
    // The what-if as last sent: two changes before the next render (a
    // service chosen, then minutes typed) both count, neither undoes the other.
    let latest = use_mut_ref(|| w.clone());
    *latest.borrow_mut() = w.clone();
    let set = |f: fn(&mut WhatIf, String)| {
        let latest = latest.clone();
        let on = props.on_what_if.clone();
        move |value: String| {
            let mut next = latest.borrow().clone();
            f(&mut next, value);
            *latest.borrow_mut() = next.clone();
            on.emit(next);
        }
    };
    let onservice = {
        let s = set(|w, v| w.service = v);
        Callback::from(move |e: Event| s(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let onminutes = {
        let s = set(|w, v| w.minutes = v.trim().parse().unwrap_or(0).min(44_640));
        Callback::from(move |e: InputEvent| {
            s(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onpriority = {
        let s = set(|w, v| w.priority = v);
        Callback::from(move |e: Event| s(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let ontickets = {
        let s = set(|w, v| w.tickets = v.trim().parse().unwrap_or(0).min(1000));
        Callback::from(move |e: InputEvent| {
            s(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let reset = props.on_what_if.reform(|_: MouseEvent| WhatIf::default());
    let t = texts().report();
    let on = t.what_if_on(
        (w.minutes > 0 && !w.service.is_empty())
            .then(|| Count::plain(w.minutes as usize))
            .as_ref()
            .map(|minutes| (minutes, w.service.as_str())),
        (w.tickets > 0)
            .then(|| Count::plain(w.tickets as usize))
            .as_ref()
            .map(|tickets| (tickets, w.priority.as_str())),
    );
    html! {
        <div class="what-if-box">
        // The banner of an applied what-if stays outside the details: closed
        // (or printed), the figures still say they are hypothetical.
        if w.active() {
            <p class="what-if-on" role="status">
                {on}
                <button type="button" id="whatif-reset" onclick={reset}>{t.reset_what_if}</button>
            </p>
        }
        <details class="what-if" open={w.active()}>
            <summary>{t.what_if}</summary>
            <p class="hint">{t.what_if_hint}</p>
            <div class="row">
                <div class="wb-field">
                    <label for="whatif-service">{t.extra_downtime_on}</label>
                    <select id="whatif-service" onchange={onservice}>
                        <option value="" selected={w.service.is_empty()}>{t.choose_service}</option>
                        { for props.services.iter().map(|s| html! { <option value={s.clone()} selected={*s == w.service}>{s.clone()}</option> }) }
                    </select>
                </div>
                <div class="wb-field">
                    <label for="whatif-minutes">{t.minutes}</label>
                    <input id="whatif-minutes" type="range" min="0" max="720" step="5" value={w.minutes.min(720).to_string()} oninput={onminutes.clone()} />
                    <input id="whatif-minutes-exact" type="number" min="0" max="44640" value={w.minutes.to_string()} oninput={onminutes} aria-label={t.minutes_exact} />
                </div>
                <div class="wb-field">
                    <label for="whatif-priority">{t.breached_priority}</label>
                    <select id="whatif-priority" onchange={onpriority}>
                        <option value="" selected={w.priority.is_empty()}>{t.any_priority}</option>
                        { for props.priorities.iter().map(|s| html! { <option value={s.clone()} selected={*s == w.priority}>{s.clone()}</option> }) }
                    </select>
                </div>
                <div class="wb-field">
                    <label for="whatif-tickets">{t.breached_tickets}</label>
                    <input id="whatif-tickets" type="number" min="0" max="1000" value={w.tickets.to_string()} oninput={ontickets} />
                </div>
            </div>
        </details>
        </div>
    }
}

/// Tickets that carry their source system's own SLA verdict (ServiceNow
/// `made_sla`, a task SLA's `has_breached`): how many, and each one where
/// ours differs, with the reason our calendar, pauses and limits give. The
/// sentences are the engine's, as in the text report.
fn verdicts(report: &Report) -> Html {
    let all = report.verdicts();
    if all.is_empty() {
        return html! {};
    }
    let t = texts().report();
    let differ: Vec<_> = all.iter().filter(|c| c.differs()).collect();
    html! {
        <section class="verdicts" aria-labelledby="report-verdicts">
            <h3 id="report-verdicts">{ t.verdicts_heading }</h3>
            <p id="report-verdicts-line">{ render::verdicts_line(report, &all) }</p>
            if !differ.is_empty() {
                <ul id="report-verdicts-differ">
                    { for differ.iter().take(render::MAX_LISTED_VERDICTS * 5).map(|c| html! { <li>{ render::verdict_text(c) }</li> }) }
                </ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_burn_down_note_uses_the_engines_figures_and_counts_the_steps() {
        let budget = Budget {
            allowed: sla_engine::TimeSpan::from_nanos(241_920_000_000).expect("a span"),
            used: sla_engine::TimeSpan::from_nanos(4_050_000_000_000).expect("a span"),
            left_nanos: -3_808_080_000_000,
            burn_rate: None,
        };
        let series = BurnSeries {
            key: "compute-sla/monthly-uptime".into(),
            title: "Error budget left, Monthly uptime percentage, 2026-02".into(),
            points: vec![
                (0.0, 241.92),
                (0.2, -58.08),
                (0.5, -3808.08),
                (1.0, -3808.08),
            ],
            x_labels: Vec::new(),
            unit: "s".into(),
            allowed_seconds: 241.92,
        };
        assert_eq!(
            burn_note(&series, &budget, "2026-02"),
            "Starts at the 4m 2s (241.92 s) of downtime allowed in 2026-02, ends at −1h 3m 28s (−3,808.08 s) left; each of the 2 steps down is an outage, as the engine counted it (service hours, planned outages, impact and rounding applied)."
        );
        let flat = BurnSeries {
            points: vec![(0.0, 241.92), (1.0, 241.92)],
            ..series
        };
        assert!(burn_note(&flat, &budget, "2026-02")
            .contains("no outage counted, so the line stays flat"));
    }
}
