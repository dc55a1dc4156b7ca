//! Service hours per weekday, the service time they give, and the allowed
//! downtime inside them for each target.

use std::rc::Rc;

use sla_engine::{quick, Period};
use yew::prelude::*;

use super::figure::Figure;
use super::text_field::TextField;
use crate::format;
use crate::i18n::{texts, Quick};
use crate::state::calculator::quick::{parse_target, QuickState};

#[derive(Properties, PartialEq)]
pub struct ServiceHoursProps {
    pub state: Rc<QuickState>,
    /// A weekday's hours were typed: the day (0 = Monday) and the text.
    pub on_set_hours: Callback<(usize, String)>,
    /// A one-click schedule was chosen: Monday..Sunday.
    pub on_set_all_hours: Callback<[String; 7]>,
}

/// One-click schedules, Monday..Sunday, named by [`preset_names`].
const PRESETS: [[&str; 7]; 4] = [
    ["00:00-24:00"; 7],
    [
        "08:00-18:00",
        "08:00-18:00",
        "08:00-18:00",
        "08:00-18:00",
        "08:00-18:00",
        "",
        "",
    ],
    [
        "09:00-17:00",
        "09:00-17:00",
        "09:00-17:00",
        "09:00-17:00",
        "09:00-17:00",
        "",
        "",
    ],
    [
        "07:00-22:00",
        "07:00-22:00",
        "07:00-22:00",
        "07:00-22:00",
        "07:00-22:00",
        "07:00-22:00",
        "",
    ],
];

/// The names of [`PRESETS`], in their order.
fn preset_names(t: &Quick) -> [&'static str; 4] {
    [
        t.preset_24x7,
        t.preset_weekdays_8_18,
        t.preset_weekdays_9_17,
        t.preset_mon_sat_7_22,
    ]
}

#[component]
pub fn ServiceHours(props: &ServiceHoursProps) -> Html {
    let t = texts().quick();
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
    let inputs = (0..7).map(|i| {
        let oninput = props.on_set_hours.reform(move |t| (i, t));
        html! {
            <TextField
                id={format!("hours-{i}")}
                label={t.weekday(i)}
                value={state.hours[i].clone()}
                {oninput}
                error={day_errors[i].clone().map(AttrValue::from)}
                placeholder={t.closed}
            />
        }
    });
    let presets = PRESETS.iter().zip(preset_names(t)).map(|(days, label)| {
        let onclick = props
            .on_set_all_hours
            .reform(move |_: MouseEvent| days.map(String::from));
        html! { <button type="button" {onclick}>{ label }</button> }
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
                let name = t.period_name(*period);
                let what = t.service_time_in(&name);
                let cells = levels.iter().map(|level| {
                    let allowed = quick::allowed_downtime_within(*level, service.value, &what);
                    html! {
                        <td><Figure
                            text={allowed.value.human()}
                            exact={format::exact_seconds(allowed.value)}
                            explanation={allowed.explanation}
                            label={t.allowed_within_hours_label(&name, &format::percent(&level.to_decimal_string()))}
                        /></td>
                    }
                });
                html! {
                    <tr>
                        <th scope="row">{ name.clone() }</th>
                        <td><Figure
                            text={service.value.human()}
                            exact={format::exact_seconds(service.value)}
                            explanation={service.explanation.clone()}
                            label={t.service_time_label(&name)}
                        /></td>
                        { for cells }
                    </tr>
                }
            });
            html! {
                <div class="table-wrap">
                    <table class="service-time">
                        <caption>{ t.service_time_caption(&schedule_text(t, &hours)) }</caption>
                        <thead><tr>
                            <th scope="col">{ t.period }</th>
                            <th scope="col">{ t.service_time }</th>
                            { for levels.iter().map(|l| html! { <th scope="col">{ format::percent(&l.to_decimal_string()) }</th> }) }
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        }
        (Err((day, _)), _) => html! {
            <p class="error">{ t.fix_hours_for(t.weekday(day)) }</p>
        },
        (_, Err(_)) => {
            html! { <p class="error">{ t.pick_month_for_service_time }</p> }
        }
    };

    html! {
        <div class="service-hours">
            <div class="shortcuts" role="group" aria-label={t.hour_presets}>{ for presets }</div>
            <fieldset class="weekdays">
                <legend>{ t.hours_per_weekday }</legend>
                <p class="hint" id="hours-hint">
                    { t.hours_hint }
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

fn schedule_text(t: &Quick, hours: &sla_engine::service_hours::WeeklyHours) -> String {
    let text = hours.to_text();
    if text.is_empty() {
        t.no_service_hours.into()
    } else {
        text
    }
}
