//! The reverse calculation: downtime over a period → availability.

use std::rc::Rc;

use sla_engine::quick;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::figure::Figure;
use super::text_field::TextField;
use crate::format;
use crate::i18n::texts;
use crate::state::calculator::quick::{parse_downtime, parse_target, QuickState, ReversePeriod};

#[derive(Properties, PartialEq)]
pub struct ReverseProps {
    pub state: Rc<QuickState>,
    /// The downtime was typed.
    pub on_set_downtime: Callback<String>,
    /// Another period was chosen.
    pub on_set_period: Callback<ReversePeriod>,
    /// "Within service hours" was ticked or unticked.
    pub on_set_in_hours: Callback<bool>,
}

/// Decimals shown for an achieved availability (rounded down).
pub const AVAILABILITY_DECIMALS: u32 = 4;

#[component]
pub fn Reverse(props: &ReverseProps) -> Html {
    let t = texts().quick();
    let state = &props.state;
    let calendar = state.calendar_month().unwrap_or((2026, 1));
    let period = state.reverse_period.period(calendar);
    let downtime = parse_downtime(&state.downtime);

    let ondowntime = props.on_set_downtime.clone();
    let onperiod = props.on_set_period.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        ReversePeriod::from_key(&select.value()).unwrap_or(ReversePeriod::Month)
    });
    let onhours = props.on_set_in_hours.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.checked()
    });

    let result: Result<_, String> = match &downtime {
        Err(_) => Err(String::new()),
        Ok(down) if state.reverse_in_hours => match state.weekly_hours() {
            Ok(hours) => {
                let service = hours.service_time(period);
                quick::availability_within(
                    *down,
                    service.value,
                    &t.service_time_in(&t.period_name(period)),
                )
                .map_err(|e| e.to_string())
            }
            Err((day, _)) => Err(t.hours_invalid_for_reverse(t.weekday(day))),
        },
        Ok(down) => quick::availability_from_downtime(*down, period).map_err(|e| e.to_string()),
    };

    let output = match result {
        Ok(availability) => {
            let text =
                format::percent(&availability.value.to_percent_string(AVAILABILITY_DECIMALS));
            let verdicts = state
                .targets
                .iter()
                .filter_map(|t| parse_target(t).ok())
                .map(|level| {
                    let met = availability.value.meets(level);
                    let level_text = format::percent(&level.to_decimal_string());
                    html! {
                        <li class={if met { "met" } else { "missed" }}>
                            <span aria-hidden="true">{ if met { "✓ " } else { "✗ " } }</span>
                            { if met { t.meets(&level_text) } else { t.misses(&level_text) } }
                        </li>
                    }
                });
            html! {
                <>
                    <p class="big">
                        { t.availability_prefix }
                        <output for="downtime reverse-period" aria-live="polite">
                            <Figure
                                {text}
                                explanation={availability.explanation}
                                label={t.availability}
                            />
                        </output>
                    </p>
                    <p class="hint">{ t.decimals_hint(AVAILABILITY_DECIMALS) }</p>
                    <ul class="verdicts" aria-label={t.against_targets}>{ for verdicts }</ul>
                </>
            }
        }
        Err(message) if message.is_empty() => html! {},
        Err(message) => html! { <p class="error" role="alert">{ message }</p> },
    };

    html! {
        <div class="reverse">
            <div class="row">
                <TextField
                    id="downtime"
                    label={t.downtime}
                    value={state.downtime.clone()}
                    oninput={ondowntime}
                    error={downtime.err().map(AttrValue::from)}
                    hint={t.downtime_hint}
                />
                <div class="field">
                    <label for="reverse-period">{ t.period }</label>
                    <select id="reverse-period" onchange={onperiod}>
                        { for ReversePeriod::ALL.iter().map(|p| {
                            let label = t.period_name(p.period(calendar));
                            html! { <option value={p.key()} selected={*p == state.reverse_period}>{ label }</option> }
                        }) }
                    </select>
                </div>
            </div>
            <div class="check">
                <input type="checkbox" id="reverse-in-hours" checked={state.reverse_in_hours} onchange={onhours} />
                <label for="reverse-in-hours">{ t.only_service_hours }</label>
            </div>
            { output }
        </div>
    }
}
