//! Service hours per weekday, the service time they give, and the allowed
//! downtime inside them for each target.

use std::rc::Rc;

use sla_engine::{quick, Period};
use yew::prelude::*;

use super::figure::Figure;
use super::text_field::TextField;
use crate::format;
use crate::state::quick::{parse_target, QuickAction, QuickState, WEEKDAYS};

#[derive(Properties, PartialEq)]
pub struct ServiceHoursProps {
    pub state: Rc<QuickState>,
    pub dispatch: Callback<QuickAction>,
}

/// One-click schedules: (label, Monday..Sunday).
const PRESETS: [(&str, [&str; 7]); 4] = [
    ("24 × 7", ["00:00-24:00"; 7]),
    (
        "Mon–Fri 08:00–18:00",
        [
            "08:00-18:00",
            "08:00-18:00",
            "08:00-18:00",
            "08:00-18:00",
            "08:00-18:00",
            "",
            "",
        ],
    ),
    (
        "Mon–Fri 09:00–17:00",
        [
            "09:00-17:00",
            "09:00-17:00",
            "09:00-17:00",
            "09:00-17:00",
            "09:00-17:00",
            "",
            "",
        ],
    ),
    (
        "Mon–Sat 07:00–22:00",
        [
            "07:00-22:00",
            "07:00-22:00",
            "07:00-22:00",
            "07:00-22:00",
            "07:00-22:00",
            "07:00-22:00",
            "",
        ],
    ),
];

#[component]
pub fn ServiceHours(props: &ServiceHoursProps) -> Html {
    let state = &props.state;
    let day_errors: Vec<Option<String>> = state
        .hours
        .iter()
        .map(|text| {
            sla_engine::service_hours::WeeklyHours::from_day_texts(&day_only(text))
                .err()
                .map(|(_, e)| e.to_string())
        })
        .collect();
    let inputs = WEEKDAYS.iter().enumerate().map(|(i, day)| {
        let oninput = props.dispatch.reform(move |t| QuickAction::SetHours(i, t));
        html! {
            <TextField
                id={format!("hours-{i}")}
                label={*day}
                value={state.hours[i].clone()}
                {oninput}
                error={day_errors[i].clone().map(AttrValue::from)}
                placeholder="closed"
            />
        }
    });
    let presets = PRESETS.iter().map(|(label, days)| {
        let onclick = props
            .dispatch
            .reform(move |_: MouseEvent| QuickAction::SetAllHours(days.map(String::from)));
        html! { <button type="button" {onclick}>{ *label }</button> }
    });

    let result = match (state.weekly_hours(), state.calendar_month()) {
        (Ok(hours), Ok((year, month))) => {
            let [_, week, cal_month, cal_quarter, cal_year] = Period::calendar_set(year, month);
            let periods = [
                week,
                Period::AverageMonth,
                cal_month,
                Period::AverageQuarter,
                cal_quarter,
                Period::AverageYear,
                cal_year,
            ];
            let levels: Vec<_> = state
                .targets
                .iter()
                .filter_map(|t| parse_target(t).ok())
                .collect();
            let rows = periods.iter().map(|period| {
                let service = hours.service_time(*period);
                let what = format!("service time in the {}", period.label());
                let cells = levels.iter().map(|level| {
                    let allowed = quick::allowed_downtime_within(*level, service.value, &what);
                    html! {
                        <td><Figure
                            text={allowed.value.human()}
                            exact={format::exact_seconds(allowed.value)}
                            explanation={allowed.explanation}
                            label={format!("Allowed downtime within service hours per {} at {}", period.label(), format::percent(&level.to_decimal_string()))}
                        /></td>
                    }
                });
                html! {
                    <tr>
                        <th scope="row">{ period.label() }</th>
                        <td><Figure
                            text={service.value.human()}
                            exact={format::exact_seconds(service.value)}
                            explanation={service.explanation.clone()}
                            label={format!("Service time per {}", period.label())}
                        /></td>
                        { for cells }
                    </tr>
                }
            });
            html! {
                <div class="table-wrap">
                    <table class="service-time">
                        <caption>{ format!("Service time and allowed downtime within it ({})", schedule_text(&hours)) }</caption>
                        <thead><tr>
                            <th scope="col">{"Period"}</th>
                            <th scope="col">{"Service time"}</th>
                            { for levels.iter().map(|l| html! { <th scope="col">{ format::percent(&l.to_decimal_string()) }</th> }) }
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        }
        (Err((day, _)), _) => html! {
            <p class="error">{ format!("Fix the hours for {} to see the service time.", WEEKDAYS[day.min(6)]) }</p>
        },
        (_, Err(_)) => {
            html! { <p class="error">{"Pick a calendar month above to see the service time."}</p> }
        }
    };

    html! {
        <div class="service-hours">
            <div class="shortcuts" role="group" aria-label="Service hour presets">{ for presets }</div>
            <fieldset class="weekdays">
                <legend>{"Hours per weekday"}</legend>
                <p class="hint" id="hours-hint">
                    {"HH:MM-HH:MM; several ranges separated by spaces (08:00-12:00 13:00-17:00); "}
                    {"22:00-06:00 runs overnight into the next day; empty means closed."}
                </p>
                <div class="weekday-grid">{ for inputs }</div>
            </fieldset>
            { result }
        </div>
    }
}

/// The texts for a week where only Monday has `text`, to check one day alone.
fn day_only(text: &str) -> [String; 7] {
    let mut days: [String; 7] = Default::default();
    days[0] = text.to_string();
    days
}

fn schedule_text(hours: &sla_engine::service_hours::WeeklyHours) -> String {
    let text = hours.to_text();
    if text.is_empty() {
        "no service hours".into()
    } else {
        text
    }
}
