//! Termination triggers: rules under which the customer may end the
//! agreement, evaluated over consecutive periods.
//!
//! - **Below minimum, K of M**: a target below its minimum level in at least
//!   K of any M consecutive periods ("3 of any 6 consecutive months").
//! - **Credits at the cap, K of M**: the agreement's credits reached the period
//!   cap in at least K of any M consecutive periods.
//! - **Rolling average below**: the mean achieved value over the last N
//!   periods is strictly below a level (at the level is not triggered).
//!   Periods without data are skipped; the mean is exact.
//!
//! Windows slide one period at a time; when fewer than M periods are known,
//! the one window that exists (all of them) is checked, so a trigger can fire
//! early but never late. The first window that fires is reported.

use thiserror::Error;

use crate::compliance::Status;
use crate::{Explanation, Ratio};

/// A termination right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    BelowMinimum { k: u32, m: u32 },
    CreditsAtCap { k: u32, m: u32 },
    RollingAverageBelow { periods: u32, level: Ratio },
}

/// Why a trigger cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TriggerError {
    #[error("{k} of {m}: k must be at least 1 and at most m")]
    BadCount { k: u32, m: u32 },
    #[error("a rolling average needs at least one period")]
    NoPeriods,
}

impl Trigger {
    /// # Errors
    /// K of M with k = 0 or k > m; a rolling average over 0 periods.
    pub fn validate(&self) -> Result<(), TriggerError> {
        match *self {
            Trigger::BelowMinimum { k, m } | Trigger::CreditsAtCap { k, m }
                if k == 0 || m == 0 || k > m =>
            {
                Err(TriggerError::BadCount { k, m })
            }
            Trigger::RollingAverageBelow { periods: 0, .. } => Err(TriggerError::NoPeriods),
            _ => Ok(()),
        }
    }
}

/// What is known about one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodFacts {
    pub label: String,
    pub status: Status,
    pub at_cap: bool,
    pub achieved: Option<Ratio>,
}

/// Whether a trigger fired, and the periods that made it fire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerResult {
    pub triggered: bool,
    /// The index of the period at which it first fired.
    pub first_triggered_at: Option<usize>,
    /// The periods that caused it (indices into the history).
    pub periods: Vec<usize>,
    pub explanation: Explanation,
}

fn k_of_m(
    history: &[PeriodFacts],
    k: u32,
    m: u32,
    hit: impl Fn(&PeriodFacts) -> bool,
) -> Option<(usize, Vec<usize>)> {
    let m = (m as usize).max(1);
    let k = k as usize;
    for end in 0..history.len() {
        let start = (end + 1).saturating_sub(m);
        let hits: Vec<usize> = (start..=end).filter(|&i| hit(&history[i])).collect();
        if k > 0 && hits.len() >= k {
            return Some((end, hits));
        }
    }
    None
}

fn labels(history: &[PeriodFacts], indices: &[usize]) -> String {
    indices
        .iter()
        .filter_map(|&i| history.get(i).map(|p| p.label.clone()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Evaluates a trigger over the periods in order.
pub fn evaluate(trigger: &Trigger, history: &[PeriodFacts]) -> TriggerResult {
    if let Err(e) = trigger.validate() {
        return TriggerResult {
            triggered: false,
            first_triggered_at: None,
            periods: Vec::new(),
            explanation: Explanation {
                formula: String::new(),
                substituted: e.to_string(),
                convention: String::new(),
            },
        };
    }
    match *trigger {
        Trigger::BelowMinimum { k, m } | Trigger::CreditsAtCap { k, m } => {
            let below = matches!(trigger, Trigger::BelowMinimum { .. });
            let what = if below { "below minimum" } else { "credits at the cap" };
            let found = k_of_m(history, k, m, |p| {
                if below {
                    p.status == Status::BelowMinimum
                } else {
                    p.at_cap
                }
            });
            let all: Vec<usize> = (0..history.len())
                .filter(|&i| {
                    if below {
                        history[i].status == Status::BelowMinimum
                    } else {
                        history[i].at_cap
                    }
                })
                .collect();
            TriggerResult {
                triggered: found.is_some(),
                first_triggered_at: found.as_ref().map(|(end, _)| *end),
                periods: found.as_ref().map(|(_, hits)| hits.clone()).unwrap_or_default(),
                explanation: Explanation {
                    formula: format!("triggered when {what} in at least {k} of any {m} consecutive periods"),
                    substituted: match &found {
                        Some((end, hits)) => format!(
                            "{what} in {} ({} of the {m} periods up to {}) → triggered",
                            labels(history, hits),
                            hits.len(),
                            history[*end].label
                        ),
                        None => format!(
                            "{what} in {} of {} periods ({}) → never {k} within {m} consecutive periods → not triggered",
                            all.len(),
                            history.len(),
                            if all.is_empty() { "none".into() } else { labels(history, &all) }
                        ),
                    },
                    convention: "windows slide one period at a time; the first window that fires is reported".into(),
                },
            }
        }
        Trigger::RollingAverageBelow { periods, level } => {
            let n = periods as usize;
            let mut first = None;
            let mut last_mean = None;
            for end in 0..history.len() {
                let start = (end + 1).saturating_sub(n);
                let values: Vec<(usize, Ratio)> = (start..=end)
                    .filter_map(|i| history[i].achieved.map(|a| (i, a)))
                    .collect();
                if values.is_empty() || end + 1 < n {
                    continue;
                }
                let mean = mean(values.iter().map(|(_, v)| *v));
                last_mean = mean.map(|m| (end, m, values.clone()));
                if mean.is_some_and(|m| m < level) {
                    first = last_mean.clone();
                    break;
                }
            }
            let show = |r: Ratio| r.to_percent_string(4);
            TriggerResult {
                triggered: first.is_some(),
                first_triggered_at: first.as_ref().map(|(end, _, _)| *end),
                periods: first
                    .as_ref()
                    .map(|(_, _, v)| v.iter().map(|(i, _)| *i).collect())
                    .unwrap_or_default(),
                explanation: Explanation {
                    formula: format!("triggered when the mean achieved value over the last {n} periods is below {}%", show(level)),
                    substituted: match (&first, &last_mean) {
                        (Some((end, mean, values)), _) => format!(
                            "mean of {} up to {} = {}% < {}% → triggered",
                            labels(history, &values.iter().map(|(i, _)| *i).collect::<Vec<_>>()),
                            history[*end].label,
                            show(*mean),
                            show(level)
                        ),
                        (None, Some((end, mean, _))) => format!(
                            "latest mean up to {} = {}% ≥ {}% → not triggered",
                            history[*end].label,
                            show(*mean),
                            show(level)
                        ),
                        (None, None) => format!("fewer than {n} periods with data → not triggered"),
                    },
                    convention: "periods without data are skipped; the mean is exact; at the level is not below it".into(),
                },
            }
        }
    }
}

/// The exact mean of ratios, or `None` if empty or too large to hold exactly.
fn mean(values: impl Iterator<Item = Ratio>) -> Option<Ratio> {
    let mut sum = Ratio::new(0, 1)?;
    let mut count = 0i128;
    for v in values {
        let n = sum
            .numerator()
            .checked_mul(v.denominator())?
            .checked_add(v.numerator().checked_mul(sum.denominator())?)?;
        let d = sum.denominator().checked_mul(v.denominator())?;
        let g = gcd(n, d);
        sum = Ratio::new(n / g, d / g)?;
        count += 1;
    }
    if count == 0 {
        return None;
    }
    Ratio::new(sum.numerator(), sum.denominator().checked_mul(count)?)
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a.abs().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn history(statuses: &str) -> Vec<PeriodFacts> {
        // m = met, x = missed, b = below minimum, c = at cap (met)
        statuses
            .chars()
            .enumerate()
            .map(|(i, c)| PeriodFacts {
                label: format!("2026-{:02}", i + 1),
                status: match c {
                    'b' => Status::BelowMinimum,
                    'x' => Status::Missed,
                    _ => Status::Met,
                },
                at_cap: c == 'c',
                achieved: None,
            })
            .collect()
    }

    #[test]
    fn three_of_any_six_fires_at_the_third_within_a_window() {
        // below minimum in Jan, Apr, Jun: Jan..Jun is one 6-month window with 3 → fires in June.
        let result = evaluate(&Trigger::BelowMinimum { k: 3, m: 6 }, &history("bmmbmb"));
        assert!(result.triggered);
        assert_eq!(result.first_triggered_at, Some(5));
        assert_eq!(result.periods, [0, 3, 5]);
        assert!(result.explanation.substituted.contains("2026-01, 2026-04, 2026-06"));
    }

    #[test]
    fn three_spread_wider_than_six_do_not_fire() {
        // Jan, Jul, Dec: any 6 consecutive months hold at most 2 (Jul..Dec).
        let result = evaluate(&Trigger::BelowMinimum { k: 3, m: 6 }, &history("bmmmmmbmmmmb"));
        assert!(!result.triggered);
        assert!(result.explanation.substituted.contains("3 of 12 periods"));
        // missed (not below minimum) never counts
        assert!(!evaluate(&Trigger::BelowMinimum { k: 1, m: 1 }, &history("xxx")).triggered);
    }

    #[test]
    fn credits_at_cap_two_of_twelve() {
        let result = evaluate(&Trigger::CreditsAtCap { k: 2, m: 12 }, &history("cmmmmmmmmmmc"));
        assert_eq!((result.triggered, result.periods.clone()), (true, vec![0, 11]));
        assert!(!evaluate(&Trigger::CreditsAtCap { k: 2, m: 12 }, &history("cmmmmmmmmmmmc")).triggered || true);
        // 13 months: Jan and Jan of the next year are 13 months apart: no 12-month window holds both.
        assert!(!evaluate(&Trigger::CreditsAtCap { k: 2, m: 12 }, &history("cmmmmmmmmmmmc")).triggered);
    }

    #[test]
    fn rolling_average_exactly_at_the_level_does_not_fire() {
        let level = Ratio::new(998, 1000).expect("ratio");
        let mut h = history("mmm");
        // 99.7, 99.9, 99.8 → mean 99.8 exactly: not below.
        for (p, v) in h.iter_mut().zip([997, 999, 998]) {
            p.achieved = Ratio::new(v, 1000);
        }
        let trigger = Trigger::RollingAverageBelow { periods: 3, level };
        assert!(!evaluate(&trigger, &h).triggered);
        h[2].achieved = Ratio::new(9979, 10000);
        let result = evaluate(&trigger, &h);
        assert!(result.triggered, "{:?}", result.explanation);
        assert_eq!(result.periods, [0, 1, 2]);
    }

    #[test]
    fn invalid_triggers_are_refused() {
        assert!(Trigger::BelowMinimum { k: 4, m: 3 }.validate().is_err());
        assert!(Trigger::CreditsAtCap { k: 0, m: 3 }.validate().is_err());
        assert!(Trigger::RollingAverageBelow { periods: 0, level: Ratio::new(1, 1).expect("ratio") }
            .validate()
            .is_err());
    }
}
