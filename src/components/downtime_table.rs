//! Allowed downtime per period for each target, in both conventions.

use std::rc::Rc;

use sla_engine::{quick, Percent, Period};
use yew::prelude::*;

use super::figure::Figure;
use crate::format;
use crate::i18n::texts;
use crate::state::calculator::quick::{parse_target, QuickState};

#[derive(Properties, PartialEq)]
pub struct DowntimeTableProps {
    pub state: Rc<QuickState>,
}

/// The periods in display order: each average period next to its calendar one.
pub fn periods(calendar: Option<(i32, u32)>) -> Vec<Period> {
    let mut rows = vec![Period::Day, Period::Week, Period::AverageMonth];
    let set = calendar.map(|(y, m)| Period::calendar_set(y, m));
    if let Some([_, _, month, _, _]) = set {
        rows.push(month);
    }
    rows.push(Period::AverageQuarter);
    if let Some([_, _, _, quarter, _]) = set {
        rows.push(quarter);
    }
    rows.push(Period::AverageYear);
    if let Some([_, _, _, _, year]) = set {
        rows.push(year);
    }
    rows
}

#[component]
pub fn DowntimeTable(props: &DowntimeTableProps) -> Html {
    let t = texts().quick();
    let state = &props.state;
    let targets: Vec<(String, Option<Percent>)> = state
        .targets
        .iter()
        .map(|t| (t.clone(), parse_target(t).ok()))
        .collect();
    let rows = periods(state.calendar_month().ok()).into_iter().map(|period| {
        let cells = targets.iter().map(|(text, level)| match level {
            Some(level) => {
                let allowed = quick::allowed_downtime(*level, period);
                html! {
                    <td>
                        <Figure
                            text={allowed.value.human()}
                            exact={format::exact_seconds(allowed.value)}
                            explanation={allowed.explanation}
                            label={t.allowed_downtime_label(&t.period_name(period), &format::percent(&level.to_decimal_string()))}
                        />
                    </td>
                }
            }
            None => html! { <td><span class="na" title={t.not_a_valid_target(text)}>{"—"}</span></td> },
        });
        html! {
            <tr>
                <th scope="row">
                    { t.period_name(period) }
                    if let Some(days) = period.days() {
                        <span class="sub">{ format!(" {}", t.period_days(days)) }</span>
                    }
                </th>
                { for cells }
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <table class="downtime" aria-describedby="downtime-note">
                <caption>{ t.allowed_downtime }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t.period }</th>
                        { for targets.iter().map(|(text, level)| html! {
                            <th scope="col">{ match level {
                                Some(level) => format::percent(&level.to_decimal_string()),
                                None => t.invalid_target_heading(&crate::state::calculator::quick::shorten(text)),
                            } }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="note" id="downtime-note">
                { t.downtime_note }
            </p>
        </div>
    }
}
