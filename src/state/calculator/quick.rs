//! The quick calculator's state: what the user typed (a draft, kept as text so
//! that nothing typed is ever lost), the actions that change it, and its
//! conversion into engine values.

use std::rc::Rc;

use sla_engine::composite::Component;
use sla_engine::service_hours::WeeklyHours;
use sla_engine::{Percent, Period, TimeSpan};
use yew::Reducible;

use crate::i18n::texts;

/// At most this many targets side by side.
pub const MAX_TARGETS: usize = 12;
/// At most this many components in the composite calculator.
pub const MAX_PARTS: usize = 16;
/// Longer field values are cut on the way in, so a paste cannot bloat the URL.
pub const MAX_FIELD_CHARS: usize = 500;

/// Weekday names, Monday first, as the engine numbers them.
pub use sla_engine::service_hours::DAY_NAMES as WEEKDAYS;

/// The period of the reverse calculation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReversePeriod {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    CalendarMonth,
    CalendarQuarter,
    CalendarYear,
}

impl ReversePeriod {
    pub const ALL: [ReversePeriod; 8] = [
        ReversePeriod::Day,
        ReversePeriod::Week,
        ReversePeriod::Month,
        ReversePeriod::Quarter,
        ReversePeriod::Year,
        ReversePeriod::CalendarMonth,
        ReversePeriod::CalendarQuarter,
        ReversePeriod::CalendarYear,
    ];

    /// The key used in the URL and in `<option value>`.
    pub fn key(self) -> &'static str {
        match self {
            ReversePeriod::Day => "day",
            ReversePeriod::Week => "week",
            ReversePeriod::Month => "month",
            ReversePeriod::Quarter => "quarter",
            ReversePeriod::Year => "year",
            ReversePeriod::CalendarMonth => "cal-month",
            ReversePeriod::CalendarQuarter => "cal-quarter",
            ReversePeriod::CalendarYear => "cal-year",
        }
    }

    pub fn from_key(key: &str) -> Option<ReversePeriod> {
        ReversePeriod::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The engine period, given the chosen calendar month.
    pub fn period(self, (year, month): (i32, u32)) -> Period {
        let [day, week, cal_month, cal_quarter, cal_year] = Period::calendar_set(year, month);
        match self {
            ReversePeriod::Day => day,
            ReversePeriod::Week => week,
            ReversePeriod::Month => Period::AverageMonth,
            ReversePeriod::Quarter => Period::AverageQuarter,
            ReversePeriod::Year => Period::AverageYear,
            ReversePeriod::CalendarMonth => cal_month,
            ReversePeriod::CalendarQuarter => cal_quarter,
            ReversePeriod::CalendarYear => cal_year,
        }
    }
}

/// How the composite's components combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompositeMode {
    /// All components are needed.
    Serial,
    /// Any one component suffices.
    Parallel,
    /// At least k of the n components must work.
    KOfN,
}

impl CompositeMode {
    pub fn key(self) -> &'static str {
        match self {
            CompositeMode::Serial => "serial",
            CompositeMode::Parallel => "parallel",
            CompositeMode::KOfN => "kofn",
        }
    }

    pub fn from_key(key: &str) -> Option<CompositeMode> {
        [
            CompositeMode::Serial,
            CompositeMode::Parallel,
            CompositeMode::KOfN,
        ]
        .into_iter()
        .find(|m| m.key() == key)
    }
}

/// Everything the user has typed into the quick calculator, as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct QuickState {
    pub targets: Vec<String>,
    /// The calendar month for the calendar periods, `YYYY-MM`.
    pub month: String,
    pub downtime: String,
    pub reverse_period: ReversePeriod,
    /// Count the reverse calculation over service hours only.
    pub reverse_in_hours: bool,
    /// Service hours per weekday, Monday first, e.g. `08:00-18:00`.
    pub hours: [String; 7],
    pub composite_mode: CompositeMode,
    pub composite_k: String,
    pub composite_parts: Vec<String>,
}

impl QuickState {
    /// The state of a first visit; `month` is the current month, `YYYY-MM`.
    pub fn defaults(month: &str) -> QuickState {
        let office = "08:00-18:00".to_string();
        QuickState {
            targets: vec!["99.9".into(), "99.99".into()],
            month: month.to_string(),
            downtime: "13m 37s".into(),
            reverse_period: ReversePeriod::Month,
            reverse_in_hours: false,
            hours: [
                office.clone(),
                office.clone(),
                office.clone(),
                office.clone(),
                office,
                String::new(),
                String::new(),
            ],
            composite_mode: CompositeMode::Serial,
            composite_k: "2".into(),
            composite_parts: vec!["99.9".into(), "99.95".into(), "parallel(99.5, 99.5)".into()],
        }
    }

    /// The chosen calendar month as (year, month).
    ///
    /// # Errors
    /// A message for the month field when it is not `YYYY-MM` with a year in 1..=9999.
    pub fn calendar_month(&self) -> Result<(i32, u32), String> {
        parse_month(&self.month)
    }

    /// The weekly service hours, or the first weekday whose text is wrong and why.
    ///
    /// # Errors
    /// `(weekday index, message)` for the first weekday that does not parse.
    pub fn weekly_hours(&self) -> Result<WeeklyHours, (usize, String)> {
        WeeklyHours::from_day_texts(&self.hours).map_err(|(day, err)| (day, err.to_string()))
    }

    /// The composite system, or why it cannot be built.
    ///
    /// # Errors
    /// `(Some(part index), message)` for a part that does not parse,
    /// `(None, message)` for a wrong k.
    pub fn composite(&self) -> Result<Component, (Option<usize>, String)> {
        let mut parts = Vec::with_capacity(self.composite_parts.len());
        for (i, text) in self.composite_parts.iter().enumerate() {
            parts.push(Component::parse(text).map_err(|e| (Some(i), e.to_string()))?);
        }
        if parts.is_empty() {
            return Err((None, texts().quick().at_least_one_component.into()));
        }
        Ok(match self.composite_mode {
            CompositeMode::Serial => Component::Serial(parts),
            CompositeMode::Parallel => Component::Parallel(parts),
            CompositeMode::KOfN => {
                let k = parse_k(&self.composite_k, parts.len()).map_err(|e| (None, e))?;
                Component::KOfN { k, parts }
            }
        })
    }
}

/// Parses `YYYY-MM`.
///
/// # Errors
/// A message saying what is expected.
pub fn parse_month(text: &str) -> Result<(i32, u32), String> {
    let bad = || texts().quick().not_a_month(&shorten(text));
    let (year, month) = text.trim().split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || month.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
        return Err(bad());
    }
    Ok((year, month))
}

/// Parses k for k-of-n.
///
/// # Errors
/// A message when k is not a whole number from 1 to n.
pub fn parse_k(text: &str, n: usize) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(k) if (1..=n).contains(&k) => Ok(k),
        _ => Err(texts().quick().k_out_of_range(n)),
    }
}

/// Parses a target field.
///
/// # Errors
/// The engine's message.
pub fn parse_target(text: &str) -> Result<Percent, String> {
    Percent::parse(text).map_err(|e| e.to_string())
}

/// Parses the reverse calculation's downtime field.
///
/// # Errors
/// The engine's message.
pub fn parse_downtime(text: &str) -> Result<TimeSpan, String> {
    TimeSpan::parse(text).map_err(|e| e.to_string())
}

/// At most 40 characters of a value, for messages.
pub fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

fn capped(text: String) -> String {
    if text.chars().count() > MAX_FIELD_CHARS {
        text.chars().take(MAX_FIELD_CHARS).collect()
    } else {
        text
    }
}

/// Every change to the quick calculator.
#[derive(Debug, Clone, PartialEq)]
pub enum QuickAction {
    SetTarget(usize, String),
    /// Adds a target row (ignored past [`MAX_TARGETS`]).
    AddTarget(String),
    RemoveTarget(usize),
    SetMonth(String),
    SetDowntime(String),
    SetReversePeriod(ReversePeriod),
    SetReverseInHours(bool),
    SetHours(usize, String),
    SetAllHours([String; 7]),
    SetCompositeMode(CompositeMode),
    SetCompositeK(String),
    SetPart(usize, String),
    AddPart,
    RemovePart(usize),
    /// Replaces everything (a link opened in this tab).
    Replace(Box<QuickState>),
}

impl Reducible for QuickState {
    type Action = QuickAction;

    fn reduce(self: Rc<Self>, action: QuickAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            QuickAction::SetTarget(i, text) => {
                if let Some(slot) = next.targets.get_mut(i) {
                    *slot = capped(text);
                }
            }
            QuickAction::AddTarget(text) => {
                if next.targets.len() < MAX_TARGETS {
                    next.targets.push(capped(text));
                }
            }
            QuickAction::RemoveTarget(i) => {
                if i < next.targets.len() && next.targets.len() > 1 {
                    next.targets.remove(i);
                }
            }
            QuickAction::SetMonth(text) => next.month = capped(text),
            QuickAction::SetDowntime(text) => next.downtime = capped(text),
            QuickAction::SetReversePeriod(p) => next.reverse_period = p,
            QuickAction::SetReverseInHours(on) => next.reverse_in_hours = on,
            QuickAction::SetHours(day, text) => {
                if let Some(slot) = next.hours.get_mut(day) {
                    *slot = capped(text);
                }
            }
            QuickAction::SetAllHours(hours) => next.hours = hours.map(capped),
            QuickAction::SetCompositeMode(mode) => next.composite_mode = mode,
            QuickAction::SetCompositeK(text) => next.composite_k = capped(text),
            QuickAction::SetPart(i, text) => {
                if let Some(slot) = next.composite_parts.get_mut(i) {
                    *slot = capped(text);
                }
            }
            QuickAction::AddPart => {
                if next.composite_parts.len() < MAX_PARTS {
                    next.composite_parts.push("99.9".into());
                }
            }
            QuickAction::RemovePart(i) => {
                if i < next.composite_parts.len() && next.composite_parts.len() > 1 {
                    next.composite_parts.remove(i);
                }
            }
            QuickAction::Replace(state) => next = *state,
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn reduce(state: QuickState, action: QuickAction) -> QuickState {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn months_are_read_as_year_and_month() {
        assert_eq!(parse_month("2026-02"), Ok((2026, 2)));
        assert!(parse_month("2026-13").is_err());
        assert!(parse_month("26-02").is_err());
        assert!(parse_month("").is_err());
    }

    #[test]
    fn the_last_target_cannot_be_removed() {
        let mut state = QuickState::defaults("2026-02");
        state.targets = vec!["99.9".into()];
        let next = reduce(state.clone(), QuickAction::RemoveTarget(0));
        assert_eq!(next.targets, vec!["99.9".to_string()]);
    }

    #[test]
    fn targets_stop_at_the_maximum() {
        let mut state = QuickState::defaults("2026-02");
        for _ in 0..20 {
            state = reduce(state, QuickAction::AddTarget("99".into()));
        }
        assert_eq!(state.targets.len(), MAX_TARGETS);
    }

    #[test]
    fn pasted_text_is_capped() {
        let state = reduce(
            QuickState::defaults("2026-02"),
            QuickAction::SetDowntime("9".repeat(10_000)),
        );
        assert_eq!(state.downtime.chars().count(), MAX_FIELD_CHARS);
    }

    #[test]
    fn k_of_n_composite_checks_k() {
        let mut state = QuickState::defaults("2026-02");
        state.composite_mode = CompositeMode::KOfN;
        state.composite_parts = vec!["99".into(), "99".into(), "99".into()];
        state.composite_k = "4".into();
        assert_eq!(state.composite().map_err(|e| e.0), Err(None));
        state.composite_k = "2".into();
        let system = state.composite().expect("2 of 3 is valid");
        assert!((system.availability() - 0.999702).abs() < 1e-12);
    }
}
