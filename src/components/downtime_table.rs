//! Allowed downtime per period for each target, in both conventions.

use std::rc::Rc;

use sla_engine::{quick, Percent, Period};
use yew::prelude::*;

use super::figure::Figure;
use crate::format;
use crate::state::quick::{parse_target, QuickState};

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
                            label={format!("Allowed downtime per {} at {}", period.label(), format::percent(&level.to_decimal_string()))}
                        />
                    </td>
                }
            }
            None => html! { <td><span class="na" title={format!("`{text}` is not a valid target")}>{"—"}</span></td> },
        });
        html! {
            <tr>
                <th scope="row">
                    { period.label() }
                    if let Some(days) = period.days() {
                        <span class="sub">{ format!(" ({days} d)") }</span>
                    }
                </th>
                { for cells }
            </tr>
        }
    });
    html! {
        <div class="table-wrap">
            <table class="downtime" aria-describedby="downtime-note">
                <caption>{"Allowed downtime"}</caption>
                <thead>
                    <tr>
                        <th scope="col">{"Period"}</th>
                        { for targets.iter().map(|(text, level)| html! {
                            <th scope="col">{ match level {
                                Some(level) => format::percent(&level.to_decimal_string()),
                                None => format!("{} (invalid)", crate::state::quick::shorten(text)),
                            } }</th>
                        }) }
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="note" id="downtime-note">
                {"Average periods follow uptime.is: a year of 365.2425 days, a month of 30.436875 days, a quarter of 91.310625 days. "}
                {"Calendar periods count the real days of the chosen month, its quarter and its year, in whole days of 24 h. "}
                {"Select a figure to see its exact value and formula."}
            </p>
        </div>
    }
}
