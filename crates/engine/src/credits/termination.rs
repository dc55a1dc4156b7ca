//! Termination triggers over consecutive periods: the customer may end the
//! agreement when
//!
//! - [`Trigger::BelowMinimum`]: the target is below its minimum level in K of
//!   any M consecutive periods;
//! - [`Trigger::CreditsAtCap`]: the credits reach the cap in K of any M
//!   consecutive periods;
//! - [`Trigger::RollingAverageBelow`]: the mean achieved value over the last
//!   N periods is strictly below a level.
//!
//! Periods are examined in order. For "K of M", the window is the M periods
//! ending at each period (at the start of the history, the periods so far);
//! the trigger fires at the first period where the window holds K qualifying
//! periods, and those K periods are reported. For the rolling average, the
//! window is the last N periods, evaluated from the N-th period on; periods
//! without an achieved value (no data) are **skipped** (the mean is over the
//! periods with a value; a window with none does not fire). The mean is
//! compared with the level exactly (no float): a mean exactly at the level
//! does not fire.
//!
//! A report evaluates the windows that end in its span only, but they reach
//! back before it ([`evaluate_from`]): the right holds at a period when the
//! window ending there holds K (or its mean is below the level), whatever
//! the report's first period. [`TriggerResult::held_at`] lists those periods.

use std::cmp::Ordering;

use thiserror::Error;

use crate::compliance::Status;
use crate::{Explanation, Ratio};

/// A termination trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// Below the minimum level in `k` of any `m` consecutive periods.
    BelowMinimum { k: u32, m: u32 },
    /// Credits at the cap in `k` of any `m` consecutive periods.
    CreditsAtCap { k: u32, m: u32 },
    /// The mean achieved value over the last `periods` periods strictly below `level`.
    RollingAverageBelow { periods: u32, level: Ratio },
}

/// Why a trigger cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TriggerError {
    #[error("K must be at least 1 (\"in K of M periods\")")]
    KZero,
    #[error("M must be at least 1 (\"in K of M periods\")")]
    MZero,
    #[error("K ({k}) cannot exceed M ({m}): K of M periods")]
    KAboveM { k: u32, m: u32 },
    #[error("a rolling average needs at least 1 period")]
    PeriodsZero,
}

/// What is known of one period, for the triggers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodFacts {
    /// The period's name, e.g. `2024-03`.
    pub label: String,
    pub status: Status,
    /// Whether the period's credits reached the cap.
    pub at_cap: bool,
    /// The achieved value; `None` when there is no data.
    pub achieved: Option<Ratio>,
}

/// Whether and when a trigger fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TriggerResult {
    pub triggered: bool,
    /// The index of the period at which it first fired.
    pub first_triggered_at: Option<usize>,
    /// The periods that caused it: the K qualifying periods of the first
    /// window that fired, or the periods with a value in the first rolling
    /// window whose mean fell below the level. Empty when not triggered.
    pub periods: Vec<usize>,
    /// Every period examined at which the trigger's condition holds: the
    /// window ending there holds K, or its mean is below the level.
    pub held_at: Vec<usize>,
    pub explanation: Explanation,
}

impl Trigger {
    /// Checks the trigger's numbers.
    ///
    /// # Errors
    /// K or M of zero, K above M, a rolling window of zero periods.
    pub fn validate(&self) -> Result<(), TriggerError> {
        match *self {
            Trigger::BelowMinimum { k, m } | Trigger::CreditsAtCap { k, m } => {
                if m == 0 {
                    Err(TriggerError::MZero)
                } else if k == 0 {
                    Err(TriggerError::KZero)
                } else if k > m {
                    Err(TriggerError::KAboveM { k, m })
                } else {
                    Ok(())
                }
            }
            Trigger::RollingAverageBelow { periods, .. } => {
                if periods == 0 {
                    Err(TriggerError::PeriodsZero)
                } else {
                    Ok(())
                }
            }
        }
    }

    fn describe(&self) -> String {
        match self {
            Trigger::BelowMinimum { k, m } => {
                format!("below minimum in {k} of any {m} consecutive periods")
            }
            Trigger::CreditsAtCap { k, m } => {
                format!("credits at the cap in {k} of any {m} consecutive periods")
            }
            Trigger::RollingAverageBelow { periods, level } => format!(
                "mean achieved over the last {periods} periods below {}%",
                level.to_percent_string(4)
            ),
        }
    }
}

/// Evaluates a trigger over a history of periods (oldest first). An invalid
/// trigger (see [`Trigger::validate`]) never fires; its explanation says why.
pub fn evaluate(trigger: &Trigger, history: &[PeriodFacts]) -> TriggerResult {
    evaluate_from(trigger, history, 0)
}

/// Evaluates a trigger at the periods from index `from` on, the earlier
/// periods of `history` being only looked back at: the windows end at
/// `from`, `from + 1`, … and reach back into the earlier periods as far as
/// they are long. This is how a report of a span counts the periods before
/// it. With `from = 0` it is [`evaluate`]. The result's indexes are into
/// `history`; the explanation names the earlier periods a window counted.
pub fn evaluate_from(trigger: &Trigger, history: &[PeriodFacts], from: usize) -> TriggerResult {
    if let Err(e) = trigger.validate() {
        return TriggerResult {
            triggered: false,
            first_triggered_at: None,
            periods: Vec::new(),
            held_at: Vec::new(),
            explanation: Explanation {
                formula: trigger.describe(),
                substituted: format!("not evaluated: {e}"),
                convention: "an invalid trigger never fires".into(),
            },
        };
    }
    match *trigger {
        Trigger::BelowMinimum { k, m } => k_of_m(trigger, history, from, k, m, |p| {
            p.status == Status::BelowMinimum
        }),
        Trigger::CreditsAtCap { k, m } => k_of_m(trigger, history, from, k, m, |p| p.at_cap),
        Trigger::RollingAverageBelow { periods, level } => {
            rolling(trigger, history, from, periods, level)
        }
    }
}

/// Whether a trigger fires at a period from index `from` on: what
/// [`evaluate_from`] says in `triggered`, without the explanation (a
/// simulation asks this of every contract year it draws).
pub fn fires_from(trigger: &Trigger, history: &[PeriodFacts], from: usize) -> bool {
    if trigger.validate().is_err() {
        return false;
    }
    match *trigger {
        Trigger::BelowMinimum { k, m } => {
            k_of_m_fires(history, from, k, m, |p| p.status == Status::BelowMinimum)
        }
        Trigger::CreditsAtCap { k, m } => k_of_m_fires(history, from, k, m, |p| p.at_cap),
        Trigger::RollingAverageBelow { periods, level } => {
            let n = usize::try_from(periods).unwrap_or(usize::MAX);
            if n > history.len() {
                return false;
            }
            let mut values = Vec::with_capacity(n);
            ((n - 1).max(from)..history.len()).any(|end| {
                values.clear();
                values.extend(history[end + 1 - n..=end].iter().filter_map(|p| p.achieved));
                !values.is_empty() && mean_cmp(&values, level) == Ordering::Less
            })
        }
    }
}

fn k_of_m_fires(
    history: &[PeriodFacts],
    from: usize,
    k: u32,
    m: u32,
    qualifies: impl Fn(&PeriodFacts) -> bool,
) -> bool {
    let k = usize::try_from(k).unwrap_or(usize::MAX);
    let m = usize::try_from(m).unwrap_or(usize::MAX);
    (from..history.len()).any(|end| {
        let start = (end + 1).saturating_sub(m);
        history[start..=end].iter().filter(|p| qualifies(p)).count() >= k
    })
}

/// Where a right stands at the end of one period: how near the window
/// ending there is to firing it (the termination risk a report shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// `qualifying` of the window's `periods` qualify (below the minimum,
    /// or credits at the cap), `needed` of any `window` consecutive
    /// periods fire it; `periods` is less than `window` only at the start
    /// of the history.
    Count {
        qualifying: usize,
        needed: usize,
        window: usize,
        periods: usize,
    },
    /// The mean of the achieved values of the last `window` periods
    /// (`values` of them with data), as text (`99.8512%`, rounded down;
    /// `≈…` when beyond exact arithmetic), against `level`; `below` decided
    /// exactly. `mean` is `None` before the `window`-th period or when no
    /// period of the window has data.
    Mean {
        mean: Option<String>,
        below: bool,
        values: usize,
        window: usize,
        level: Ratio,
    },
}

impl Standing {
    /// Whether the right holds at this period.
    pub fn holds(&self) -> bool {
        match self {
            Standing::Count {
                qualifying, needed, ..
            } => qualifying >= needed,
            Standing::Mean { below, .. } => *below,
        }
    }

    /// How near it is to holding, for comparing two standings of one right
    /// (several targets under it): qualifying periods; for a rolling mean
    /// only below (1) or not (0), so of several targets none of which is
    /// below, the first is shown, not the one whose mean is nearest.
    pub fn nearness(&self) -> usize {
        match self {
            Standing::Count { qualifying, .. } => *qualifying,
            Standing::Mean { below, .. } => usize::from(*below),
        }
    }

    /// `2 of 3 needed in the last 6 periods` (`3 in the last 6 periods, 3
    /// needed: it holds` once it does), `mean 99.8512% against
    /// 99.9000% over the last 3 periods (3 with data): below` (percentages
    /// rounded down to 4 decimals, as every explanation writes them).
    pub fn text(&self) -> String {
        match self {
            Standing::Count {
                qualifying,
                needed,
                window,
                periods,
            } => {
                let seen = if periods < window {
                    format!(" (the {periods} so far)")
                } else {
                    String::new()
                };
                if qualifying < needed {
                    format!("{qualifying} of {needed} needed in the last {window} periods{seen}")
                } else {
                    format!(
                        "{qualifying} in the last {window} periods{seen}, {needed} needed: it holds"
                    )
                }
            }
            Standing::Mean {
                mean,
                below,
                values,
                window,
                level,
            } => match mean {
                None => format!(
                    "no mean yet: the window is the last {window} periods, against {}%",
                    level.to_percent_string(4)
                ),
                Some(mean) => format!(
                    "mean {mean} against {}% over the last {window} periods ({values} with data): {}",
                    level.to_percent_string(4),
                    if *below { "below" } else { "not below" }
                ),
            },
        }
    }
}

/// Where a trigger stands at the end of each period from index `from` on
/// (see [`evaluate_from`] for `from`): the qualifying periods in the window
/// ending there against the number that fires it, or the rolling mean
/// against its level. An invalid trigger has no standing.
pub fn standing(trigger: &Trigger, history: &[PeriodFacts], from: usize) -> Vec<(usize, Standing)> {
    if trigger.validate().is_err() {
        return Vec::new();
    }
    match *trigger {
        Trigger::BelowMinimum { k, m } | Trigger::CreditsAtCap { k, m } => {
            let needed = usize::try_from(k).unwrap_or(usize::MAX);
            let window = usize::try_from(m).unwrap_or(usize::MAX);
            let qualifies = |p: &PeriodFacts| match trigger {
                Trigger::CreditsAtCap { .. } => p.at_cap,
                _ => p.status == Status::BelowMinimum,
            };
            (from..history.len())
                .map(|end| {
                    let start = (end + 1).saturating_sub(window);
                    let qualifying = history[start..=end].iter().filter(|p| qualifies(p)).count();
                    (
                        end,
                        Standing::Count {
                            qualifying,
                            needed,
                            window,
                            periods: end + 1 - start,
                        },
                    )
                })
                .collect()
        }
        Trigger::RollingAverageBelow { periods, level } => {
            let window = usize::try_from(periods).unwrap_or(usize::MAX);
            (from..history.len())
                .map(|end| {
                    let values: Vec<Ratio> = if end + 1 >= window {
                        history[end + 1 - window..=end]
                            .iter()
                            .filter_map(|p| p.achieved)
                            .collect()
                    } else {
                        Vec::new()
                    };
                    let (mean, below) = if values.is_empty() {
                        (None, false)
                    } else {
                        (
                            Some(show_mean(&values)),
                            mean_cmp(&values, level) == Ordering::Less,
                        )
                    };
                    (
                        end,
                        Standing::Mean {
                            mean,
                            below,
                            values: values.len(),
                            window,
                            level,
                        },
                    )
                })
                .collect()
        }
    }
}

fn labels(history: &[PeriodFacts], indexes: &[usize]) -> String {
    indexes
        .iter()
        .filter_map(|i| history.get(*i).map(|p| p.label.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `; earlier periods counted: A to B` when a window starting at `start`
/// reaches before `from`.
fn earlier(history: &[PeriodFacts], start: usize, from: usize) -> String {
    if start >= from {
        return String::new();
    }
    let label = |i: usize| history.get(i).map_or("", |p| p.label.as_str());
    if start + 1 == from {
        format!("; earlier period counted: {}", label(start))
    } else {
        format!(
            "; earlier periods counted: {} to {}",
            label(start),
            label(from - 1)
        )
    }
}

fn k_of_m(
    trigger: &Trigger,
    history: &[PeriodFacts],
    from: usize,
    k: u32,
    m: u32,
    qualifies: impl Fn(&PeriodFacts) -> bool,
) -> TriggerResult {
    let k = usize::try_from(k).unwrap_or(usize::MAX);
    let m = usize::try_from(m).unwrap_or(usize::MAX);
    let hits: Vec<usize> = history
        .iter()
        .enumerate()
        .filter(|(_, p)| qualifies(p))
        .map(|(i, _)| i)
        .collect();
    let convention = "windows of M consecutive periods ending at each period (at the start, the periods so far); fires at the first period whose window holds K".to_string();
    // The window ending at `end` holds the hits in [end + 1 − m, end]; it
    // holds K or more from the first such end on until it slides past them.
    let window_start = |end: usize| (end + 1).saturating_sub(m);
    let in_window = |end: usize| {
        let lo = hits.partition_point(|&h| h < window_start(end));
        let hi = hits.partition_point(|&h| h <= end);
        &hits[lo..hi]
    };
    let held_at: Vec<usize> = (from..history.len())
        .filter(|&end| in_window(end).len() >= k)
        .collect();
    if let Some(&end) = held_at.first() {
        let periods = in_window(end).to_vec();
        let start = window_start(end);
        let held = if periods.len() == k {
            k.to_string()
        } else {
            format!("{} (K = {k})", periods.len())
        };
        return TriggerResult {
            triggered: true,
            first_triggered_at: Some(end),
            explanation: Explanation {
                formula: trigger.describe(),
                substituted: format!(
                    "periods {} to {} hold {held}: {}{}",
                    history.get(start).map_or("", |p| p.label.as_str()),
                    history.get(end).map_or("", |p| p.label.as_str()),
                    labels(history, &periods),
                    earlier(history, start, from)
                ),
                convention,
            },
            periods,
            held_at,
        };
    }
    // What the windows ending at `from`, … saw.
    let start = window_start(from);
    let seen: Vec<usize> = hits.iter().copied().filter(|&h| h >= start).collect();
    TriggerResult {
        triggered: false,
        first_triggered_at: None,
        periods: Vec::new(),
        held_at,
        explanation: Explanation {
            formula: trigger.describe(),
            substituted: format!(
                "{} qualifying period(s) ({}) in {} period(s); no {m} consecutive periods hold {k}{}",
                seen.len(),
                if seen.is_empty() {
                    "none".to_string()
                } else {
                    labels(history, &seen)
                },
                history.len().saturating_sub(start),
                earlier(history, start, from.min(history.len()))
            ),
            convention,
        },
    }
}

fn rolling(
    trigger: &Trigger,
    history: &[PeriodFacts],
    from: usize,
    n: u32,
    level: Ratio,
) -> TriggerResult {
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let convention = "the mean of the achieved values over the last N periods, from the N-th period on; periods without data are skipped; compared exactly, strictly below fires".to_string();
    // The last window that did not fire, in words only at the end (a
    // simulation evaluates many windows and reads no explanation).
    enum Last {
        Fewer,
        NoData(usize),
        NotBelow(usize, Vec<Ratio>),
    }
    let summary = |end: usize, values: &[Ratio]| {
        format!(
            "{}: mean of {} value(s) {} vs {}%",
            history[end].label,
            values.len(),
            show_mean(values),
            level.to_percent_string(4)
        )
    };
    let mut last = Last::Fewer;
    let mut first_fired: Option<(usize, Vec<usize>, String)> = None;
    let mut held_at = Vec::new();
    let mut first_window: Option<usize> = None;
    if n <= history.len() {
        for end in (n - 1).max(from)..history.len() {
            let window = &history[end + 1 - n..=end];
            first_window.get_or_insert(end + 1 - n);
            let present: Vec<(usize, Ratio)> = window
                .iter()
                .enumerate()
                .filter_map(|(j, p)| p.achieved.map(|a| (end + 1 - n + j, a)))
                .collect();
            if present.is_empty() {
                last = Last::NoData(end);
                continue;
            }
            let values: Vec<Ratio> = present.iter().map(|(_, a)| *a).collect();
            let below = mean_cmp(&values, level) == Ordering::Less;
            if below {
                held_at.push(end);
                if first_fired.is_none() {
                    let periods: Vec<usize> = present.iter().map(|(i, _)| *i).collect();
                    let text = format!(
                        "{}: below ({}){}",
                        summary(end, &values),
                        labels(history, &periods),
                        earlier(history, end + 1 - n, from)
                    );
                    first_fired = Some((end, periods, text));
                }
                continue;
            }
            last = Last::NotBelow(end, values);
        }
    }
    let last = match last {
        Last::Fewer => String::from("fewer periods than the window"),
        Last::NoData(end) => format!("{}: no data in the window", history[end].label),
        Last::NotBelow(end, values) => format!("{}: not below", summary(end, &values)),
    };
    if let Some((end, periods, substituted)) = first_fired {
        return TriggerResult {
            triggered: true,
            first_triggered_at: Some(end),
            explanation: Explanation {
                formula: trigger.describe(),
                substituted,
                convention,
            },
            periods,
            held_at,
        };
    }
    TriggerResult {
        triggered: false,
        first_triggered_at: None,
        periods: Vec::new(),
        held_at,
        explanation: Explanation {
            formula: trigger.describe(),
            substituted: format!(
                "never below; last window {last}{}",
                first_window.map_or(String::new(), |start| earlier(history, start, from))
            ),
            convention,
        },
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn reduced(r: Ratio) -> (i128, i128) {
    let g = gcd(r.numerator(), r.denominator()).max(1);
    (r.numerator() / g, r.denominator() / g)
}

/// The mean for display: `99.1234%` (rounded down to 4 decimals), or an
/// approximation (`≈`) when the exact sum exceeds `i128`.
fn show_mean(values: &[Ratio]) -> String {
    let exact = values.iter().try_fold((0i128, 1i128), |(n, d), r| {
        let (a, b) = reduced(*r);
        let g = gcd(d, b).max(1);
        let num = n.checked_mul(b / g)?.checked_add(a.checked_mul(d / g)?)?;
        let den = d.checked_mul(b / g)?;
        let h = gcd(num, den).max(1);
        Some((num / h, den / h))
    });
    let count = i128::try_from(values.len()).unwrap_or(i128::MAX);
    match exact.and_then(|(n, d)| Ratio::new(n, d.checked_mul(count)?)) {
        Some(mean) => format!("{}%", mean.to_percent_string(4)),
        None => {
            let sum: f64 = values.iter().map(|r| r.as_f64()).sum();
            let mean = sum / values.len() as f64 * 100.0;
            format!("≈{}%", crate::units::estimate_text(mean, 4))
        }
    }
}

/// The mean of `values` compared with `level`, exactly, in unbounded
/// integers: `Σ aᵢ/dᵢ ÷ c` vs `p/q` ⇔ `Σ aᵢ·q·Πⱼ≠ᵢ dⱼ` vs `c·p·Π dⱼ`.
/// Where the mean in `f64` is clearly apart from the level (by more than a
/// millionth of the larger, far beyond `f64`'s error over a few values),
/// that decides without the big integers.
fn mean_cmp(values: &[Ratio], level: Ratio) -> Ordering {
    let mean = values.iter().map(|r| r.as_f64()).sum::<f64>() / values.len().max(1) as f64;
    let target = level.as_f64();
    let margin = 1e-6 * mean.abs().max(target.abs()).max(f64::MIN_POSITIVE);
    if mean.is_finite() && target.is_finite() && (mean - target).abs() > margin {
        return mean.total_cmp(&target);
    }
    mean_cmp_exact(values, level)
}

fn mean_cmp_exact(values: &[Ratio], level: Ratio) -> Ordering {
    let parts: Vec<(i128, i128)> = values.iter().map(|r| reduced(*r)).collect();
    let (p, q) = reduced(level);
    let mut left = Big::from(0);
    for (i, (a, _)) in parts.iter().enumerate() {
        let mut term = Big::from(*a).mul(&Big::from(q));
        for (j, (_, d)) in parts.iter().enumerate() {
            if j != i {
                term = term.mul(&Big::from(*d));
            }
        }
        left = left.add(&term);
    }
    let count = i128::try_from(parts.len()).unwrap_or(i128::MAX);
    let mut right = Big::from(count).mul(&Big::from(p));
    for (_, d) in &parts {
        right = right.mul(&Big::from(*d));
    }
    left.cmp(&right)
}

/// A non-negative integer of any size, little-endian base 2³².
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    /// From a non-negative value (negatives count as zero; ratios have none).
    fn from(value: i128) -> Big {
        let mut v = u128::try_from(value.max(0)).unwrap_or(0);
        let mut limbs = Vec::new();
        while v > 0 {
            limbs.push((v & 0xffff_ffff) as u32);
            v >>= 32;
        }
        Big(limbs)
    }

    fn trim(mut self) -> Big {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }

    fn add(&self, other: &Big) -> Big {
        let len = self.0.len().max(other.0.len());
        let mut out = Vec::with_capacity(len + 1);
        let mut carry = 0u64;
        for i in 0..len {
            let sum = u64::from(self.0.get(i).copied().unwrap_or(0))
                + u64::from(other.0.get(i).copied().unwrap_or(0))
                + carry;
            out.push((sum & 0xffff_ffff) as u32);
            carry = sum >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        Big(out).trim()
    }

    fn mul(&self, other: &Big) -> Big {
        let mut out = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let cur = u64::from(out[i + j]) + u64::from(a) * u64::from(b) + carry;
                out[i + j] = (cur & 0xffff_ffff) as u32;
                carry = cur >> 32;
            }
            let mut k = i + other.0.len();
            while carry > 0 {
                let cur = u64::from(out[k]) + carry;
                out[k] = (cur & 0xffff_ffff) as u32;
                carry = cur >> 32;
                k += 1;
            }
        }
        Big(out).trim()
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ratio(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).expect("valid ratio")
    }

    fn with_statuses(statuses: &[Status]) -> Vec<PeriodFacts> {
        statuses
            .iter()
            .enumerate()
            .map(|(i, s)| PeriodFacts {
                label: format!("M{}", i + 1),
                status: *s,
                at_cap: false,
                achieved: None,
            })
            .collect()
    }

    /// Below minimum at the given indexes of `len` periods, met elsewhere.
    fn below_at(len: usize, below: &[usize]) -> Vec<PeriodFacts> {
        let statuses: Vec<Status> = (0..len)
            .map(|i| {
                if below.contains(&i) {
                    Status::BelowMinimum
                } else {
                    Status::Met
                }
            })
            .collect();
        with_statuses(&statuses)
    }

    fn with_achieved(values: &[Option<Ratio>]) -> Vec<PeriodFacts> {
        values
            .iter()
            .enumerate()
            .map(|(i, a)| PeriodFacts {
                label: format!("M{}", i + 1),
                status: Status::Met,
                at_cap: false,
                achieved: *a,
            })
            .collect()
    }

    #[test]
    fn the_standing_counts_the_qualifying_periods_of_each_window() {
        // 2 of 3 needed in any 6: below at indexes 1 and 4; the span starts at index 3.
        let history = below_at(8, &[1, 4]);
        let trigger = Trigger::BelowMinimum { k: 3, m: 6 };
        let standing = standing(&trigger, &history, 3);
        let counts: Vec<(usize, usize, usize)> = standing
            .iter()
            .map(|(end, s)| match s {
                Standing::Count {
                    qualifying,
                    periods,
                    ..
                } => (*end, *qualifying, *periods),
                Standing::Mean { .. } => (*end, usize::MAX, 0),
            })
            .collect();
        // Index 3: window 0–3 (4 periods so far) holds index 1; 4: 0–4 holds 1 and 4;
        // 5: 0–5 holds both; 6: 1–6 both; 7: 2–7 only index 4.
        assert_eq!(
            counts,
            [(3, 1, 4), (4, 2, 5), (5, 2, 6), (6, 2, 6), (7, 1, 6)]
        );
        assert_eq!(standing[2].1.text(), "2 of 3 needed in the last 6 periods");
        assert_eq!(
            standing[0].1.text(),
            "1 of 3 needed in the last 6 periods (the 4 so far)"
        );
        assert!(standing.iter().all(|(_, s)| !s.holds()));
        // Credits at the cap count the same way.
        let mut capped = with_statuses(&[Status::Met; 3]);
        capped[1].at_cap = true;
        let at_cap = super::standing(&Trigger::CreditsAtCap { k: 1, m: 2 }, &capped, 0);
        let held: Vec<bool> = at_cap.iter().map(|(_, s)| s.holds()).collect();
        assert_eq!(held, [false, true, true]);
    }

    #[test]
    fn the_standing_of_a_rolling_average_is_its_mean_against_the_level() {
        // Means over 2 periods against 99.9%: index 1 (99.8, 99.9) = 99.85 below;
        // index 2 (99.9, —) = 99.9 not below; index 3 (—, —): no mean.
        let history = with_achieved(&[Some(ratio(998, 1000)), Some(ratio(999, 1000)), None, None]);
        let trigger = Trigger::RollingAverageBelow {
            periods: 2,
            level: ratio(999, 1000),
        };
        let standing = standing(&trigger, &history, 0);
        let texts: Vec<String> = standing.iter().map(|(_, s)| s.text()).collect();
        assert_eq!(
            texts,
            [
                "no mean yet: the window is the last 2 periods, against 99.9000%",
                "mean 99.8500% against 99.9000% over the last 2 periods (2 with data): below",
                "mean 99.9000% against 99.9000% over the last 2 periods (1 with data): not below",
                "no mean yet: the window is the last 2 periods, against 99.9000%",
            ]
        );
        assert_eq!(
            standing.iter().map(|(_, s)| s.holds()).collect::<Vec<_>>(),
            [false, true, false, false]
        );
    }

    #[test]
    fn three_of_six_fires_when_six_consecutive_periods_hold_three() {
        // below minimum in periods 1, 4 and 6 (indexes 1, 3, 5): the window of indexes 0–5
        // holds all three → fires at index 5
        let r = evaluate(
            &Trigger::BelowMinimum { k: 3, m: 6 },
            &below_at(10, &[1, 3, 5]),
        );
        assert!(r.triggered);
        assert_eq!(r.first_triggered_at, Some(5));
        assert_eq!(r.periods, vec![1, 3, 5]);
        assert!(r.explanation.substituted.contains("M2, M4, M6"));
    }

    #[test]
    fn three_of_six_does_not_fire_when_spread_wider() {
        // indexes 0, 3 and 7: 7 − 0 = 7 ≥ 6, so no six consecutive periods hold all three;
        // index 9 added: 3, 7, 9 span 7 periods (3..=9) → still not
        let r = evaluate(
            &Trigger::BelowMinimum { k: 3, m: 6 },
            &below_at(12, &[0, 3, 7, 9]),
        );
        assert!(!r.triggered);
        assert_eq!(r.first_triggered_at, None);
        assert!(r.periods.is_empty());
        // a missed (not below minimum) period does not count
        let mut history = below_at(6, &[0, 2]);
        history[4].status = Status::Missed;
        assert!(!evaluate(&Trigger::BelowMinimum { k: 3, m: 6 }, &history).triggered);
    }

    #[test]
    fn credits_at_the_cap_two_of_twelve() {
        // at the cap in months 3 and 14 (indexes 2, 13): 13 − 2 = 11 < 12 → fires at index 13
        let mut history = with_statuses(&[Status::Missed; 16]);
        history[2].at_cap = true;
        history[13].at_cap = true;
        let r = evaluate(&Trigger::CreditsAtCap { k: 2, m: 12 }, &history);
        assert!(r.triggered);
        assert_eq!(r.first_triggered_at, Some(13));
        assert_eq!(r.periods, vec![2, 13]);
        // indexes 2 and 14: 14 − 2 = 12 → thirteen periods apart → not
        history[13].at_cap = false;
        history[14].at_cap = true;
        assert!(!evaluate(&Trigger::CreditsAtCap { k: 2, m: 12 }, &history).triggered);
    }

    #[test]
    fn a_rolling_average_exactly_at_the_level_does_not_fire() {
        // (99.8 + 100 + 99.9) / 3 = 299.7 / 3 = 99.9 exactly: not strictly below 99.9
        let level = ratio(999, 1_000);
        let history = with_achieved(&[
            Some(ratio(998, 1_000)),
            Some(ratio(1, 1)),
            Some(ratio(999, 1_000)),
        ]);
        let r = evaluate(
            &Trigger::RollingAverageBelow { periods: 3, level },
            &history,
        );
        assert!(!r.triggered, "{:?}", r.explanation);
        // (99.7 + 100 + 99.9) / 3 = 99.8666… < 99.9 → fires at the third period
        let history = with_achieved(&[
            Some(ratio(997, 1_000)),
            Some(ratio(1, 1)),
            Some(ratio(999, 1_000)),
        ]);
        let r = evaluate(
            &Trigger::RollingAverageBelow { periods: 3, level },
            &history,
        );
        assert!(r.triggered);
        assert_eq!(r.first_triggered_at, Some(2));
        assert_eq!(r.periods, vec![0, 1, 2]);
        assert!(r.explanation.substituted.contains("99.8666%"));
    }

    #[test]
    fn a_rolling_average_skips_periods_without_data() {
        // (99.8 + 100) / 2 = 99.9, the empty middle period skipped (counted as 0 it would fire)
        let level = ratio(999, 1_000);
        let history = with_achieved(&[Some(ratio(998, 1_000)), None, Some(ratio(1, 1))]);
        let r = evaluate(
            &Trigger::RollingAverageBelow { periods: 3, level },
            &history,
        );
        assert!(!r.triggered);
        // a window with no data at all does not fire; fewer periods than the window neither
        let empty = with_achieved(&[None, None]);
        assert!(!evaluate(&Trigger::RollingAverageBelow { periods: 2, level }, &empty).triggered);
        let short = with_achieved(&[Some(ratio(0, 1))]);
        assert!(!evaluate(&Trigger::RollingAverageBelow { periods: 2, level }, &short).triggered);
    }

    #[test]
    fn a_rolling_average_is_exact_beyond_i128() {
        // (D1 − 1)/D1 and 1/D2 average to 1/2 − 1/(2·D1) + 1/(2·D2): below 1/2 exactly when
        // D2 > D1, equal when D1 = D2. With D ≈ 1e27 the cross products reach 1e54, past i128.
        let d1: i128 = 1_000_000_000_000_000_000_000_000_001;
        let d2: i128 = 1_000_000_000_000_000_000_000_000_003;
        let level = ratio(1, 2);
        let trigger = Trigger::RollingAverageBelow { periods: 2, level };
        let below = with_achieved(&[Some(ratio(d1 - 1, d1)), Some(ratio(1, d2))]);
        assert!(evaluate(&trigger, &below).triggered);
        let above = with_achieved(&[Some(ratio(d2 - 1, d2)), Some(ratio(1, d1))]);
        assert!(!evaluate(&trigger, &above).triggered);
        let equal = with_achieved(&[Some(ratio(d1 - 1, d1)), Some(ratio(1, d1))]);
        assert!(!evaluate(&trigger, &equal).triggered);
    }

    #[test]
    fn a_window_reaches_back_before_the_first_period_reported() {
        // Below minimum at indexes 1, 3 and 5; reported from index 6 on: the window of
        // indexes 1–6 still holds all three, so the right holds at 6 (and only there).
        let history = below_at(10, &[1, 3, 5]);
        let trigger = Trigger::BelowMinimum { k: 3, m: 6 };
        let r = evaluate_from(&trigger, &history, 6);
        assert!(r.triggered);
        assert_eq!(r.first_triggered_at, Some(6));
        assert_eq!(r.periods, vec![1, 3, 5]);
        assert_eq!(r.held_at, vec![6]);
        assert_eq!(
            r.explanation.substituted,
            "periods M2 to M7 hold 3: M2, M4, M6; earlier periods counted: M2 to M6"
        );
        // From index 7 on the windows start at index 2: two at most.
        let r = evaluate_from(&trigger, &history, 7);
        assert!(!r.triggered);
        assert!(r.held_at.is_empty());
        assert_eq!(
            r.explanation.substituted,
            "2 qualifying period(s) (M4, M6) in 8 period(s); no 6 consecutive periods hold 3; earlier periods counted: M3 to M7"
        );
        // From the start it is `evaluate`, which holds from index 5 to 6.
        assert_eq!(evaluate(&trigger, &history).held_at, vec![5, 6]);
        // A window holding more than K names them all.
        let r = evaluate_from(&Trigger::BelowMinimum { k: 2, m: 6 }, &history, 6);
        assert!(r
            .explanation
            .substituted
            .starts_with("periods M2 to M7 hold 3 (K = 2)"));
    }

    #[test]
    fn a_rolling_average_reported_later_still_averages_the_window() {
        // 99.0, 100, 100 then 100: from index 2 on, the window of indexes 0–2 averages
        // 99.666…% < 99.7 → holds at 2; the next window (100, 100, 100) does not.
        let level = ratio(997, 1_000);
        let history = with_achieved(&[
            Some(ratio(99, 100)),
            Some(ratio(1, 1)),
            Some(ratio(1, 1)),
            Some(ratio(1, 1)),
        ]);
        let trigger = Trigger::RollingAverageBelow { periods: 3, level };
        let r = evaluate_from(&trigger, &history, 2);
        assert_eq!(r.held_at, vec![2]);
        assert!(r
            .explanation
            .substituted
            .ends_with("; earlier periods counted: M1 to M2"));
        let r = evaluate_from(&trigger, &history, 3);
        assert!(!r.triggered);
        assert!(r
            .explanation
            .substituted
            .ends_with("not below; earlier periods counted: M2 to M3"));
    }

    #[test]
    fn invalid_triggers_are_refused() {
        assert_eq!(
            Trigger::BelowMinimum { k: 0, m: 6 }.validate(),
            Err(TriggerError::KZero)
        );
        assert_eq!(
            Trigger::CreditsAtCap { k: 7, m: 6 }.validate(),
            Err(TriggerError::KAboveM { k: 7, m: 6 })
        );
        assert_eq!(
            Trigger::BelowMinimum { k: 0, m: 0 }.validate(),
            Err(TriggerError::MZero)
        );
        assert_eq!(
            Trigger::RollingAverageBelow {
                periods: 0,
                level: ratio(1, 2)
            }
            .validate(),
            Err(TriggerError::PeriodsZero)
        );
        assert_eq!(Trigger::BelowMinimum { k: 3, m: 6 }.validate(), Ok(()));
        // an invalid trigger never fires (k = 0 would otherwise fire vacuously)
        let r = evaluate(&Trigger::BelowMinimum { k: 0, m: 6 }, &below_at(3, &[0]));
        assert!(!r.triggered);
        assert!(r.explanation.substituted.contains("K must be at least 1"));
    }

    proptest! {
        /// `fires_from` says what `evaluate_from` says, for every right.
        #[test]
        fn firing_without_words_is_firing_with_them(
            periods in proptest::collection::vec((0u8..4, any::<bool>(), 0i128..=1000), 0..16),
            from in 0usize..16,
            k in 0u32..5,
            m in 0u32..7,
            level in 0i128..=1000,
        ) {
            let history: Vec<PeriodFacts> = periods
                .iter()
                .enumerate()
                .map(|(i, (status, at_cap, achieved))| PeriodFacts {
                    label: format!("p{i}"),
                    status: [Status::Met, Status::Missed, Status::BelowMinimum, Status::NoData][usize::from(*status)],
                    at_cap: *at_cap,
                    achieved: (*status != 3).then(|| ratio(*achieved, 1000)),
                })
                .collect();
            for trigger in [
                Trigger::BelowMinimum { k, m },
                Trigger::CreditsAtCap { k, m },
                Trigger::RollingAverageBelow { periods: m, level: ratio(level, 1000) },
            ] {
                prop_assert_eq!(
                    fires_from(&trigger, &history, from),
                    evaluate_from(&trigger, &history, from).triggered,
                    "{:?} from {}", trigger, from
                );
            }
        }

        /// The `f64` shortcut decides as the exact comparison does, also
        /// at a level equal to the mean or a hair from it.
        #[test]
        fn the_quick_mean_comparison_is_the_exact_one(
            parts in proptest::collection::vec((0i128..=2_678_400_000_000_000, 1i128..=2_678_400_000_000_000), 1..5),
            nudge in -3i128..=3,
        ) {
            let values: Vec<Ratio> = parts
                .iter()
                .map(|(a, b)| ratio((*a).min(*b), *b))
                .collect();
            // The mean itself, and levels a few parts in 10¹⁸ from it.
            let first = values[0];
            for level in [
                first,
                ratio(first.numerator() * 1_000_000 + nudge, first.denominator() * 1_000_000),
                ratio(99_900 + nudge, 100_000),
            ] {
                prop_assert_eq!(mean_cmp(&values, level), mean_cmp_exact(&values, level));
            }
        }

        #[test]
        fn a_firing_window_holds_k_qualifying_periods_within_m(
            flags in proptest::collection::vec(any::<bool>(), 0..30),
            k in 1u32..5,
            extra in 0u32..6,
        ) {
            let m = k + extra;
            let history: Vec<PeriodFacts> = flags
                .iter()
                .enumerate()
                .map(|(i, f)| PeriodFacts { label: format!("P{i}"), status: Status::Met, at_cap: *f, achieved: None })
                .collect();
            let r = evaluate(&Trigger::CreditsAtCap { k, m }, &history);
            // brute force: the first end index whose window of m periods holds k flags
            let expected = (0..flags.len()).find(|&end| {
                let start = (end + 1).saturating_sub(m as usize);
                flags[start..=end].iter().filter(|f| **f).count() >= k as usize
            });
            prop_assert_eq!(r.first_triggered_at, expected);
            prop_assert_eq!(r.triggered, expected.is_some());
            if let Some(end) = expected {
                prop_assert_eq!(r.periods.len(), k as usize);
                prop_assert!(r.periods.iter().all(|p| flags[*p] && *p <= end && end - *p < m as usize));
            }
        }

        #[test]
        fn the_right_holds_where_the_window_holds_k_whatever_the_first_period(
            flags in proptest::collection::vec(any::<bool>(), 0..30),
            k in 1u32..5,
            extra in 0u32..6,
            from in 0usize..32,
        ) {
            let m = k + extra;
            let history: Vec<PeriodFacts> = flags
                .iter()
                .enumerate()
                .map(|(i, f)| PeriodFacts { label: format!("P{i}"), status: Status::Met, at_cap: *f, achieved: None })
                .collect();
            let r = evaluate_from(&Trigger::CreditsAtCap { k, m }, &history, from);
            let holds = |end: usize| {
                let start = (end + 1).saturating_sub(m as usize);
                flags[start..=end].iter().filter(|f| **f).count() >= k as usize
            };
            let expected: Vec<usize> = (from..flags.len()).filter(|&end| holds(end)).collect();
            prop_assert_eq!(&r.held_at, &expected);
            prop_assert_eq!(r.triggered, !expected.is_empty());
            prop_assert_eq!(r.first_triggered_at, expected.first().copied());
            // The same period holds whether the history is looked at from its start.
            let whole = evaluate(&Trigger::CreditsAtCap { k, m }, &history);
            prop_assert!(expected.iter().all(|e| whole.held_at.contains(e)));
        }

        #[test]
        fn the_standing_holds_exactly_where_the_right_holds(
            flags in proptest::collection::vec(any::<bool>(), 0..30),
            k in 1u32..5,
            extra in 0u32..6,
            from in 0usize..32,
        ) {
            let m = k + extra;
            let history: Vec<PeriodFacts> = flags
                .iter()
                .enumerate()
                .map(|(i, f)| PeriodFacts { label: format!("P{i}"), status: Status::Met, at_cap: *f, achieved: None })
                .collect();
            let trigger = Trigger::CreditsAtCap { k, m };
            let r = evaluate_from(&trigger, &history, from);
            let standing = standing(&trigger, &history, from);
            let held: Vec<usize> = standing.iter().filter(|(_, s)| s.holds()).map(|(e, _)| *e).collect();
            prop_assert_eq!(held, r.held_at);
            prop_assert_eq!(standing.len(), flags.len().saturating_sub(from));
        }
    }
}
