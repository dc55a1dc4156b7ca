//! What happens to raw credits across targets and periods: repeat-miss
//! multipliers, caps (per target, per agreement and period, per year), the
//! at-risk pool of outsourcing contracts, and earn-back.
//!
//! All amounts are [`Money`] in integer minor units of **one** currency (the
//! agreement's): callers pass amounts in that currency, and results carry the
//! currency of the first amount given (or of the charges). Products are
//! formed in `i128`; each function rounds **once**, at the place it
//! documents; amounts beyond the range of `i64` minor units saturate.
//!
//! The adjustments apply in this order, each to the result of the previous:
//!
//! 1. **Repeat-miss multiplier** ([`apply_repeat_miss`]): a miss following
//!    `after_consecutive` misses in a row earns `raw × multiplier`, rounded
//!    half up to the minor unit.
//! 2. **Target cap** ([`cap_target`]): `min(credit, cap)`, the cap an amount or
//!    a share of the charges (rounded half up to the minor unit).
//! 3. **At-risk pool** ([`pool_credits`], for pool-based targets): a missed
//!    critical service level earns `charges × at risk × allocation`, the period
//!    total capped at `charges × at risk`.
//! 4. **Agreement / period cap** ([`cap_period`]): the period total is capped;
//!    each target keeps a proportional share of the cap.
//! 5. **Year cap** ([`cap_year`]): periods pay in order until the year cap is
//!    used; later periods pay nothing.
//!
//! Proportional shares of a cap are `credit × cap ÷ total`, rounded down, and
//! the minor units left over go one each to the largest remainders (ties to
//! the earlier target), so the shares sum exactly to the cap and no share
//! exceeds its credit. Credits (and charges) below zero count as zero in caps
//! and in the pool.
//!
//! **Earn-back** ([`earn_back`]): a credit paid in period *i* is returned to
//! the provider when the target is met in each of the following `periods`
//! periods. A period with no data does **not** count as met; while the
//! following periods are not all known, the outcome is undecided.

use crate::compliance::Status;
use crate::money::Rounding;
use crate::{Currency, Explained, Explanation, Money, Percent, Ratio};

/// A repeat-miss rule: "the credit is doubled for the second consecutive miss".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatMiss {
    /// The factor a repeated miss's credit is multiplied by (2, or 3/2).
    pub multiplier: Ratio,
    /// How many misses in a row must precede a miss for the multiplier to
    /// apply: 1 = from the second consecutive miss on (0 = every miss).
    pub after_consecutive: u32,
}

/// A target's credit cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    /// A fixed amount.
    Amount(Money),
    /// A share of the period's charges, rounded half up to the minor unit.
    PercentOfCharges(Percent),
}

/// A period's credits after the agreement (period) cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CappedPeriod {
    /// The sum of the credits before the cap (credits below zero count as zero).
    pub total_before: Money,
    /// The sum after the cap: `min(total before, cap)`.
    pub total: Money,
    /// `total before − total`.
    pub reduced_by: Money,
    /// Whether the credits reached (or exceeded) the cap; `false` without a
    /// cap or when there is no credit.
    pub at_cap: bool,
    /// Each target's credit after the cap, in input order, scaled
    /// proportionally; they sum exactly to `total`.
    pub shares: Vec<Money>,
    pub explanation: Explanation,
}

/// An at-risk pool: a share of the monthly charges at risk for missed
/// critical service levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtRiskPool {
    /// The share of the charges at risk (e.g. 12 %).
    pub at_risk: Percent,
}

/// The pool's credits for a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolResult {
    /// `charges × at risk`, rounded half up: the most the period pays.
    pub at_risk_amount: Money,
    /// Each missed level's credit after the pool cap, in input order.
    pub credits: Vec<(String, Money)>,
    /// The sum of the credits before the pool cap.
    pub total_before_cap: Money,
    /// `min(total before cap, at-risk amount)`; equals the sum of `credits`.
    pub total: Money,
    pub explanation: Explanation,
}

/// An earn-back rule: a credit is returned when the target is met in each of
/// the following `periods` periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarnBack {
    /// How many following periods must all be met (0 = returned at once).
    pub periods: u32,
}

/// What became of one period's credit under an earn-back rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarnBackOutcome {
    /// The credit paid in the period.
    pub credit: Money,
    /// Whether the provider earned it back (only ever `true` when decided).
    pub earned_back: bool,
    /// `false` while the following periods are not all known yet.
    pub decided: bool,
    pub explanation: Explanation,
}

// ---------------------------------------------------------------- helpers

/// `1,234.56 EUR`.
fn show(m: Money) -> String {
    format!("{} {}", m.to_plain_string(), m.currency().code())
}

/// Minor units as money, saturating at the range of `i64`.
fn money(minor: i128, currency: Currency) -> Money {
    let clamped = minor.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
    Money::new(i64::try_from(clamped).unwrap_or(i64::MAX), currency)
}

/// `XXX` (ISO 4217 "no currency"), for an empty period without a cap.
fn no_currency() -> Currency {
    match Currency::new("XXX") {
        Ok(c) => c,
        Err(_) => unreachable!("three ASCII letters always form a currency code"),
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

/// `2`, `3/2`.
fn show_ratio(r: Ratio) -> String {
    let g = gcd(r.numerator(), r.denominator()).max(1);
    let (n, d) = (r.numerator() / g, r.denominator() / g);
    if d == 1 {
        n.to_string()
    } else {
        format!("{n}/{d}")
    }
}

/// `num ÷ den` rounded half up (ties toward +∞); `den > 0`.
fn div_half_up(num: i128, den: i128) -> i128 {
    let q = num.div_euclid(den);
    let r = num.rem_euclid(den);
    if r >= den - r {
        q + 1
    } else {
        q
    }
}

/// `Π num ÷ Π den` rounded half up, exactly: factors are cross-reduced by
/// their common divisors first; a product beyond `i128` saturates.
fn product_half_up(mut num: Vec<i128>, mut den: Vec<i128>) -> i128 {
    for n in num.iter_mut() {
        for d in den.iter_mut() {
            let g = gcd(*n, *d);
            if g > 1 {
                *n /= g;
                *d /= g;
            }
        }
    }
    let negative = num.iter().filter(|n| **n < 0).count() % 2 == 1;
    let n = num.iter().try_fold(1i128, |acc, x| acc.checked_mul(*x));
    let d = den.iter().try_fold(1i128, |acc, x| acc.checked_mul(*x));
    match (n, d) {
        (Some(n), Some(d)) if d > 0 => div_half_up(n, d),
        (None, _) if negative => i128::MIN,
        (None, _) => i128::MAX,
        _ => 0,
    }
}

/// Shares of `cap` proportional to `amounts` (all ≥ 0, summing to `total`):
/// rounded down, the leftover units to the largest remainders, ties to the
/// earlier index, so the shares sum to `cap` exactly. Used for capped credits
/// and for splitting downtime and credits among suppliers.
pub(crate) fn proportional(amounts: &[i128], cap: i128, total: i128) -> Vec<i128> {
    if total <= 0 {
        return vec![0; amounts.len()];
    }
    let mut shares = Vec::with_capacity(amounts.len());
    let mut remainders = Vec::with_capacity(amounts.len());
    for (i, a) in amounts.iter().enumerate() {
        // a ≤ i64::MAX and cap ≤ i64::MAX: the product fits in i128.
        let product = a.saturating_mul(cap);
        shares.push(product / total);
        remainders.push((product % total, i));
    }
    let handed: i128 = shares.iter().sum();
    let leftover = usize::try_from((cap - handed).max(0)).unwrap_or(0);
    // Largest remainder first; ties to the earlier index.
    crate::order::sort_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in remainders.into_iter().take(leftover) {
        shares[i] += 1;
    }
    shares
}

// ---------------------------------------------------------------- rules

/// The credit for a miss after `consecutive_misses_before` misses in a row:
/// `raw × multiplier` (rounded half up to the minor unit) when at least
/// `rule.after_consecutive` misses precede it, otherwise `raw` unchanged.
pub fn apply_repeat_miss(
    raw: Money,
    consecutive_misses_before: u32,
    rule: &RepeatMiss,
) -> Explained<Money> {
    let applies = consecutive_misses_before >= rule.after_consecutive;
    let value = repeat_miss_value(raw, consecutive_misses_before, rule);
    let factor = show_ratio(rule.multiplier);
    Explained {
        value,
        explanation: Explanation {
            formula: "credit = raw credit × multiplier when at least the set number of misses in a row precede this one; otherwise the raw credit".into(),
            substituted: if applies {
                format!(
                    "{consecutive_misses_before} miss(es) in a row before (≥ {}): {} × {factor} = {}",
                    rule.after_consecutive,
                    show(raw),
                    show(value)
                )
            } else {
                format!(
                    "{consecutive_misses_before} miss(es) in a row before (< {}): {} unchanged",
                    rule.after_consecutive,
                    show(raw)
                )
            },
            convention: "rounded once, half up, to the minor unit".into(),
        },
    }
}

/// The value of [`apply_repeat_miss`] without its explanation (for periods
/// whose text nobody reads).
pub(crate) fn repeat_miss_value(
    raw: Money,
    consecutive_misses_before: u32,
    rule: &RepeatMiss,
) -> Money {
    if consecutive_misses_before >= rule.after_consecutive {
        money(
            product_half_up(
                vec![i128::from(raw.minor_units()), rule.multiplier.numerator()],
                vec![rule.multiplier.denominator()],
            ),
            raw.currency(),
        )
    } else {
        raw
    }
}

/// The value of [`cap_target`] without its explanation.
pub(crate) fn cap_target_value(credit: Money, cap: Option<&Cap>, charges: Money) -> Money {
    let limit = match cap {
        None => return credit,
        Some(Cap::Amount(amount)) => *amount,
        Some(Cap::PercentOfCharges(share)) => charges.percent(*share, Rounding::HalfUp),
    };
    money(
        i128::from(credit.minor_units()).min(i128::from(limit.minor_units())),
        credit.currency(),
    )
}

/// A target's credit after its cap: `min(credit, cap)`. A cap that is a share
/// of the charges is `charges × share`, rounded half up to the minor unit.
/// Without a cap the credit is unchanged.
pub fn cap_target(credit: Money, cap: Option<&Cap>, charges: Money) -> Explained<Money> {
    let (limit, described) = match cap {
        None => {
            return Explained {
                value: credit,
                explanation: Explanation {
                    formula: "credit = min(credit, target cap)".into(),
                    substituted: format!("no target cap: {}", show(credit)),
                    convention: "no cap applies".into(),
                },
            }
        }
        Some(Cap::Amount(amount)) => (*amount, show(*amount)),
        Some(Cap::PercentOfCharges(share)) => {
            let limit = charges.percent(*share, Rounding::HalfUp);
            (
                limit,
                format!("{share} × {} = {}", show(charges), show(limit)),
            )
        }
    };
    let value = money(
        i128::from(credit.minor_units()).min(i128::from(limit.minor_units())),
        credit.currency(),
    );
    Explained {
        value,
        explanation: Explanation {
            formula: "credit = min(credit, target cap)".into(),
            substituted: format!("min({}, {described}) = {}", show(credit), show(value)),
            convention:
                "a cap as a share of the charges is rounded once, half up, to the minor unit".into(),
        },
    }
}

/// A period's credits under the agreement (period) cap: the total is
/// `min(Σ credits, cap)` and each target keeps a proportional share
/// (largest remainders, ties to the earlier target). Credits below zero
/// count as zero. Without a cap the credits are unchanged (negatives as zero).
/// An empty period without a cap is zero in `XXX`.
pub fn cap_period(credits: &[Money], cap: Option<Money>) -> CappedPeriod {
    cap_period_with(credits, cap, true)
}

/// [`cap_period`], its explanation left empty unless `explain`.
pub(crate) fn cap_period_with(
    credits: &[Money],
    cap: Option<Money>,
    explain: bool,
) -> CappedPeriod {
    let currency = credits
        .first()
        .map(Money::currency)
        .or(cap.map(|c| c.currency()))
        .unwrap_or_else(no_currency);
    let amounts: Vec<i128> = credits
        .iter()
        .map(|c| i128::from(c.minor_units()).max(0))
        .collect();
    let total_before: i128 = amounts.iter().sum();
    let limit = cap.map(|c| i128::from(c.minor_units()).max(0));
    let (total, shares, at_cap) = match limit {
        Some(limit) if total_before > limit => {
            (limit, proportional(&amounts, limit, total_before), true)
        }
        Some(limit) => (
            total_before,
            amounts.clone(),
            total_before > 0 && total_before == limit,
        ),
        None => (total_before, amounts.clone(), false),
    };
    let explanation = if !explain {
        Explanation::default()
    } else {
        Explanation {
        formula: "total = min(Σ credits, period cap); each share = credit × total ÷ Σ credits"
            .into(),
        substituted: match cap {
            None => format!("no period cap: total {}", show(money(total, currency))),
            Some(c) => format!(
                "min({}, {}) = {}; shares {}",
                show(money(total_before, currency)),
                show(c),
                show(money(total, currency)),
                shares
                    .iter()
                    .map(|s| money(*s, currency).to_plain_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        convention: "shares rounded down to the minor unit, the units left over to the largest remainders (ties to the earlier target), so they sum exactly to the total; credits below zero count as zero".into(),
    }
    };
    CappedPeriod {
        total_before: money(total_before, currency),
        total: money(total, currency),
        reduced_by: money(total_before - total, currency),
        at_cap,
        shares: shares.into_iter().map(|s| money(s, currency)).collect(),
        explanation,
    }
}

/// Period totals under a year cap, in period order: each period pays
/// `min(its total, what is left of the year cap)`; once the cap is used,
/// later periods pay nothing. Totals below zero count as zero. Without a cap
/// every period pays its total.
pub fn cap_year(period_totals: &[Money], cap: Option<Money>) -> Vec<Explained<Money>> {
    cap_year_with(period_totals, cap, &vec![true; period_totals.len()])
}

/// [`cap_year`], with the explanation of each period left empty unless
/// `explain` holds `true` at its index.
pub(crate) fn cap_year_with(
    period_totals: &[Money],
    cap: Option<Money>,
    explain: &[bool],
) -> Vec<Explained<Money>> {
    let mut left = cap.map(|c| i128::from(c.minor_units()).max(0));
    period_totals
        .iter()
        .enumerate()
        .map(|(n, total)| {
            let currency = total.currency();
            let amount = i128::from(total.minor_units()).max(0);
            let explain = explain.get(n).copied().unwrap_or(true);
            match left {
                None if !explain => Explained {
                    value: money(amount, currency),
                    explanation: Explanation::default(),
                },
                Some(remaining) if !explain => {
                    let paid = amount.min(remaining);
                    left = Some(remaining - paid);
                    Explained {
                        value: money(paid, currency),
                        explanation: Explanation::default(),
                    }
                }
                None => Explained {
                    value: money(amount, currency),
                    explanation: Explanation {
                        formula: "paid = min(period total, year cap left)".into(),
                        substituted: format!("no year cap: {}", show(money(amount, currency))),
                        convention: "periods in order; totals below zero count as zero".into(),
                    },
                },
                Some(remaining) => {
                    let paid = amount.min(remaining);
                    left = Some(remaining - paid);
                    Explained {
                        value: money(paid, currency),
                        explanation: Explanation {
                            formula: "paid = min(period total, year cap left)".into(),
                            substituted: format!(
                                "min({}, {} left) = {}; {} left after",
                                show(money(amount, currency)),
                                show(money(remaining, currency)),
                                show(money(paid, currency)),
                                show(money(remaining - paid, currency))
                            ),
                            convention: "periods in order; once the year cap is used, later periods pay nothing; totals below zero count as zero".into(),
                        },
                    }
                }
            }
        })
        .collect()
}

/// The at-risk pool's credits for a period: each missed level earns
/// `charges × at risk × allocation` (computed exactly, rounded once half up
/// to the minor unit); the total is capped at `charges × at risk` (rounded
/// half up) by proportional shares. Allocations are ratios and may exceed
/// 1 (`Ratio::new(250, 100)` = 250 %). Charges below zero count as zero.
pub fn pool_credits(
    charges: Money,
    pool: &AtRiskPool,
    missed_allocations: &[(String, Ratio)],
) -> PoolResult {
    pool_credits_with(charges, pool, missed_allocations, true)
}

/// [`pool_credits`], its explanation left empty unless `explain`.
pub(crate) fn pool_credits_with(
    charges: Money,
    pool: &AtRiskPool,
    missed_allocations: &[(String, Ratio)],
    explain: bool,
) -> PoolResult {
    let currency = charges.currency();
    let charges_minor = i128::from(charges.minor_units()).max(0);
    let whole = i128::from(crate::units::PPB_PER_WHOLE);
    let ppb = i128::from(pool.at_risk.ppb());
    let at_risk = product_half_up(vec![charges_minor, ppb], vec![whole]);
    let raw: Vec<i128> = missed_allocations
        .iter()
        .map(|(_, a)| {
            product_half_up(
                vec![charges_minor, ppb, a.numerator()],
                vec![whole, a.denominator()],
            )
            .min(i128::from(i64::MAX))
        })
        .collect();
    let total_before: i128 = raw.iter().sum();
    let (total, shares) = if total_before > at_risk {
        (at_risk, proportional(&raw, at_risk, total_before))
    } else {
        (total_before, raw.clone())
    };
    let explanation = if explain {
        pool_explanation(
            charges_minor,
            currency,
            pool,
            missed_allocations,
            &raw,
            at_risk,
            total_before,
            total,
        )
    } else {
        Explanation::default()
    };
    PoolResult {
        at_risk_amount: money(at_risk, currency),
        credits: missed_allocations
            .iter()
            .zip(shares)
            .map(|((id, _), s)| (id.clone(), money(s, currency)))
            .collect(),
        total_before_cap: money(total_before, currency),
        total: money(total, currency),
        explanation,
    }
}

/// The explanation of [`pool_credits`]: each level's credit, the at-risk
/// amount and the total.
#[allow(clippy::too_many_arguments)]
fn pool_explanation(
    charges_minor: i128,
    currency: Currency,
    pool: &AtRiskPool,
    missed_allocations: &[(String, Ratio)],
    raw: &[i128],
    at_risk: i128,
    total_before: i128,
    total: i128,
) -> Explanation {
    let each = missed_allocations
        .iter()
        .zip(raw)
        .map(|((id, a), r)| {
            format!(
                "{id}: {} × {} × {}% = {}",
                show(money(charges_minor, currency)),
                pool.at_risk,
                a.to_percent_string(4),
                money(*r, currency).to_plain_string()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    Explanation {
        formula: "credit = charges × at risk × allocation; total = min(Σ credits, charges × at risk), shared in proportion".into(),
        substituted: format!(
            "{}{}at risk {} × {} = {}; Σ {} → total {}",
            each,
            if each.is_empty() { "" } else { "; " },
            show(money(charges_minor, currency)),
            pool.at_risk,
            show(money(at_risk, currency)),
            show(money(total_before, currency)),
            show(money(total, currency))
        ),
        convention: "each credit computed exactly and rounded once, half up, to the minor unit; shares of the cap rounded down with the units left over to the largest remainders (ties to the earlier level)".into(),
    }
}

/// Earn-back per period: the credit paid in period *i* is earned back when
/// each of the following `rule.periods` periods is [`Status::Met`]. Any other
/// status there (missed, below minimum, **no data**) decides it is kept by the
/// customer; while fewer following periods are known and all are met, it is
/// undecided. A zero credit has nothing to earn back (decided, not earned
/// back). One outcome per credit; statuses past the credits are only read as
/// following periods.
pub fn earn_back(statuses: &[Status], credits: &[Money], rule: &EarnBack) -> Vec<EarnBackOutcome> {
    earn_back_with(statuses, credits, rule, 0)
}

/// [`earn_back`], the explanations of the outcomes before `explain_from`
/// left empty.
pub(crate) fn earn_back_with(
    statuses: &[Status],
    credits: &[Money],
    rule: &EarnBack,
    explain_from: usize,
) -> Vec<EarnBackOutcome> {
    let needed = usize::try_from(rule.periods).unwrap_or(usize::MAX);
    credits
        .iter()
        .enumerate()
        .map(|(i, credit)| {
            let following: Vec<(usize, Status)> = statuses
                .iter()
                .copied()
                .enumerate()
                .skip(i + 1)
                .take(needed)
                .collect();
            let spoiler = following.iter().find(|(_, s)| *s != Status::Met);
            if i < explain_from {
                let (earned_back, decided) = if credit.minor_units() == 0 || spoiler.is_some() {
                    (false, true)
                } else if following.len() < needed {
                    (false, false)
                } else {
                    (true, true)
                };
                return EarnBackOutcome {
                    credit: *credit,
                    earned_back,
                    decided,
                    explanation: Explanation::default(),
                };
            }
            let (earned_back, decided, why) = if credit.minor_units() == 0 {
                (false, true, "no credit to earn back".to_string())
            } else if let Some((j, s)) = spoiler {
                (
                    false,
                    true,
                    format!("period {} is {}: kept by the customer", j + 1, s.label()),
                )
            } else if following.len() < needed {
                (
                    false,
                    false,
                    format!(
                        "{} of {needed} following period(s) known, all met: undecided",
                        following.len()
                    ),
                )
            } else {
                (
                    true,
                    true,
                    format!("the following {needed} period(s) all met: earned back"),
                )
            };
            EarnBackOutcome {
                credit: *credit,
                earned_back,
                decided,
                explanation: Explanation {
                    formula: "a credit is earned back when the target is met in each of the following N periods".into(),
                    substituted: format!(
                        "period {}: credit {}; N = {needed}; {why}",
                        i + 1,
                        show(*credit)
                    ),
                    convention: "a period with no data does not count as met".into(),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur() -> Currency {
        Currency::new("EUR").expect("valid code")
    }

    fn cents(minor: i64) -> Money {
        Money::new(minor, eur())
    }

    fn amount(text: &str) -> Money {
        Money::parse(text, eur()).expect("valid amount")
    }

    fn ratio(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).expect("valid ratio")
    }

    fn pct(text: &str) -> Percent {
        Percent::parse(text).expect("valid")
    }

    #[test]
    fn the_multiplier_applies_from_the_second_consecutive_miss() {
        let rule = RepeatMiss {
            multiplier: ratio(2, 1),
            after_consecutive: 1,
        };
        // first miss (0 before): 123.45 unchanged; second (1 before): 123.45 × 2 = 246.90
        assert_eq!(
            apply_repeat_miss(amount("123.45"), 0, &rule).value,
            amount("123.45")
        );
        let second = apply_repeat_miss(amount("123.45"), 1, &rule);
        assert_eq!(second.value, amount("246.90"));
        assert!(second.explanation.substituted.contains("× 2"));
        // third (2 before) still doubled
        assert_eq!(
            apply_repeat_miss(amount("123.45"), 2, &rule).value,
            amount("246.90")
        );
    }

    #[test]
    fn a_fractional_multiplier_rounds_half_up_once() {
        // 0.05 × 3/2 = 0.075 → 0.08 half up; 0.03 × 3/2 = 0.045 → 0.05
        let rule = RepeatMiss {
            multiplier: ratio(3, 2),
            after_consecutive: 0,
        };
        assert_eq!(apply_repeat_miss(cents(5), 0, &rule).value, cents(8));
        assert_eq!(apply_repeat_miss(cents(3), 0, &rule).value, cents(5));
        // 0.04 × 3/2 = 0.06 exactly
        assert_eq!(apply_repeat_miss(cents(4), 0, &rule).value, cents(6));
    }

    #[test]
    fn a_target_cap_of_ten_percent_of_charges() {
        // 10 % of 1,234.56 = 123.456 → 123.46 half up
        let cap = Cap::PercentOfCharges(pct("10"));
        let charges = amount("1234.56");
        assert_eq!(
            cap_target(amount("200"), Some(&cap), charges).value,
            amount("123.46")
        );
        assert_eq!(
            cap_target(amount("100"), Some(&cap), charges).value,
            amount("100")
        );
        // a fixed cap of 50.00 on 80.00 → 50.00; no cap → unchanged
        assert_eq!(
            cap_target(amount("80"), Some(&Cap::Amount(amount("50"))), charges).value,
            amount("50")
        );
        assert_eq!(cap_target(amount("80"), None, charges).value, amount("80"));
    }

    #[test]
    fn a_period_cap_shares_sum_exactly_by_largest_remainder() {
        // 100.00 + 50.00 + 50.01 = 200.01 capped at 150.00 (all in cents):
        // 10000 × 15000 / 20001 = 7499 rem 12501
        //  5000 × 15000 / 20001 = 3749 rem 16251
        //  5001 × 15000 / 20001 = 3750 rem 11250
        // floors sum 14998; the 2 cents left go to remainders 16251 (2nd) and 12501 (1st)
        let capped = cap_period(
            &[amount("100"), amount("50"), amount("50.01")],
            Some(amount("150")),
        );
        assert_eq!(capped.total_before, amount("200.01"));
        assert_eq!(capped.total, amount("150"));
        assert_eq!(capped.reduced_by, amount("50.01"));
        assert!(capped.at_cap);
        assert_eq!(
            capped.shares,
            vec![amount("75"), amount("37.50"), amount("37.50")]
        );
    }

    #[test]
    fn remainder_ties_go_to_the_earlier_target() {
        // 1 + 1 + 1 cents capped at 2: each 2/3 → floor 0, remainders equal;
        // the two cents go to the first two
        let capped = cap_period(&[cents(1), cents(1), cents(1)], Some(cents(2)));
        assert_eq!(capped.shares, vec![cents(1), cents(1), cents(0)]);
    }

    #[test]
    fn under_the_period_cap_nothing_changes() {
        let capped = cap_period(&[amount("10"), amount("20")], Some(amount("100")));
        assert_eq!(capped.total, amount("30"));
        assert!(!capped.at_cap);
        assert_eq!(capped.shares, vec![amount("10"), amount("20")]);
        let uncapped = cap_period(&[amount("10"), amount("20")], None);
        assert_eq!(uncapped.total, amount("30"));
        assert_eq!(uncapped.reduced_by, amount("0"));
    }

    #[test]
    fn a_year_cap_stops_payment_once_used() {
        // 12 months of 1,000.00 under a year cap of 10,500.00:
        // months 1–10 pay 1,000.00 (10,000.00), month 11 pays the 500.00 left, month 12 nothing
        let months = vec![amount("1000"); 12];
        let paid: Vec<Money> = cap_year(&months, Some(amount("10500")))
            .into_iter()
            .map(|e| e.value)
            .collect();
        let mut expected = vec![amount("1000"); 10];
        expected.push(amount("500"));
        expected.push(amount("0"));
        assert_eq!(paid, expected);
        // no cap: all twelve paid
        assert!(cap_year(&months, None)
            .iter()
            .all(|e| e.value == amount("1000")));
    }

    #[test]
    fn the_pool_is_capped_at_the_amount_at_risk() {
        // charges 100,000.00, at risk 12 % = 12,000.00;
        // SL-A 50 % → 6,000.00, SL-B 75 % → 9,000.00 (SL-C 125 % met); 15,000.00 > 12,000.00
        // shares: 6,000 × 12,000 / 15,000 = 4,800; 9,000 × 12,000 / 15,000 = 7,200
        let pool = AtRiskPool { at_risk: pct("12") };
        let result = pool_credits(
            amount("100000"),
            &pool,
            &[
                ("SL-A".to_string(), ratio(50, 100)),
                ("SL-B".to_string(), ratio(75, 100)),
            ],
        );
        assert_eq!(result.at_risk_amount, amount("12000"));
        assert_eq!(result.total_before_cap, amount("15000"));
        assert_eq!(result.total, amount("12000"));
        assert_eq!(
            result.credits,
            vec![
                ("SL-A".to_string(), amount("4800")),
                ("SL-B".to_string(), amount("7200")),
            ]
        );
        // missing only SL-C (125 %): 15,000.00 → capped to 12,000.00
        let one = pool_credits(
            amount("100000"),
            &pool,
            &[("SL-C".to_string(), ratio(125, 100))],
        );
        assert_eq!(one.total_before_cap, amount("15000"));
        assert_eq!(one.credits, vec![("SL-C".to_string(), amount("12000"))]);
    }

    #[test]
    fn a_pool_credit_is_rounded_once() {
        // 1,000.01 × 12 % × 1/3 = 100,001 × 0.04 cents = 4,000.04 cents → 40.00
        // 0.10 × 12 % × 125 % = 0.015 → 0.02 half up (rounding 0.012 first would give 0.01 × 1.25 = 0.0125 → 0.01)
        let pool = AtRiskPool { at_risk: pct("12") };
        let r = pool_credits(amount("1000.01"), &pool, &[("A".into(), ratio(1, 3))]);
        assert_eq!(r.total, amount("40"));
        let r = pool_credits(amount("0.10"), &pool, &[("A".into(), ratio(125, 100))]);
        assert_eq!(r.total_before_cap, cents(2));
        // at risk 0.10 × 12 % = 0.012 → 0.01: the cap holds it to 0.01
        assert_eq!(r.total, cents(1));
    }

    fn statuses() -> Vec<Status> {
        use Status::*;
        vec![Missed, Met, Met, Met, Missed, Met, NoData, Missed, Met, Met]
    }

    #[test]
    fn a_credit_is_earned_back_after_three_met_periods() {
        // period 1's 100.00: periods 2, 3, 4 all met → earned back
        let credits = [
            amount("100"),
            cents(0),
            cents(0),
            cents(0),
            amount("50"),
            cents(0),
            cents(0),
            amount("30"),
            cents(0),
            cents(0),
        ];
        let out = earn_back(&statuses(), &credits, &EarnBack { periods: 3 });
        assert_eq!(out.len(), 10);
        assert!(out[0].earned_back && out[0].decided);
        // a zero credit: nothing to earn back
        assert!(!out[1].earned_back && out[1].decided);
    }

    #[test]
    fn no_data_does_not_count_as_met_for_earn_back() {
        // period 5's 50.00: period 6 met, period 7 no data → kept by the customer
        let mut credits = vec![cents(0); 10];
        credits[4] = amount("50");
        let out = earn_back(&statuses(), &credits, &EarnBack { periods: 3 });
        assert!(out[4].decided);
        assert!(!out[4].earned_back);
        assert!(out[4].explanation.substituted.contains("no data"));
    }

    #[test]
    fn an_unfinished_tail_is_undecided() {
        // period 8's 30.00: periods 9 and 10 met, the third following period is not known yet
        let mut credits = vec![cents(0); 10];
        credits[7] = amount("30");
        let out = earn_back(&statuses(), &credits, &EarnBack { periods: 3 });
        assert!(!out[7].decided);
        assert!(!out[7].earned_back);
        // a miss in the known tail decides it at once
        let out = earn_back(
            &[Status::Missed, Status::Missed],
            &[amount("10"), amount("10")],
            &EarnBack { periods: 3 },
        );
        assert!(out[0].decided && !out[0].earned_back);
        assert!(!out[1].decided);
    }

    proptest! {
        #[test]
        fn a_period_cap_always_holds(
            credits in proptest::collection::vec(0i64..1_000_000_000, 0..8),
            cap in 0i64..5_000_000_000,
        ) {
            let money: Vec<Money> = credits.iter().map(|c| cents(*c)).collect();
            let capped = cap_period(&money, Some(cents(cap)));
            let sum: i64 = credits.iter().sum();
            prop_assert!(capped.total.minor_units() <= cap);
            prop_assert_eq!(capped.total.minor_units(), sum.min(cap));
            prop_assert_eq!(capped.shares.iter().map(Money::minor_units).sum::<i64>(), capped.total.minor_units());
            for (share, credit) in capped.shares.iter().zip(&credits) {
                prop_assert!(share.minor_units() <= *credit);
                prop_assert!(share.minor_units() >= 0);
            }
        }

        #[test]
        fn more_credit_never_gives_a_smaller_capped_total(
            credits in proptest::collection::vec(0i64..1_000_000_000, 1..8),
            which in 0usize..8,
            extra in 0i64..1_000_000_000,
            cap in 0i64..5_000_000_000,
        ) {
            let before: Vec<Money> = credits.iter().map(|c| cents(*c)).collect();
            let mut after = before.clone();
            let i = which % after.len();
            after[i] = cents(credits[i] + extra);
            let a = cap_period(&before, Some(cents(cap))).total;
            let b = cap_period(&after, Some(cents(cap))).total;
            prop_assert!(b.minor_units() >= a.minor_units());
            let year_a: i64 = cap_year(&before, Some(cents(cap))).iter().map(|e| e.value.minor_units()).sum();
            let year_b: i64 = cap_year(&after, Some(cents(cap))).iter().map(|e| e.value.minor_units()).sum();
            prop_assert!(year_b >= year_a);
            prop_assert!(year_b <= cap);
        }

        #[test]
        fn the_pool_never_pays_more_than_is_at_risk(
            charges in 0i64..10_000_000_000,
            at_risk in 0u64..=1_000_000_000,
            allocations in proptest::collection::vec((0i128..400, 1i128..200), 0..6),
        ) {
            let pool = AtRiskPool { at_risk: Percent::from_ppb(at_risk).expect("in range") };
            let missed: Vec<(String, Ratio)> = allocations
                .iter()
                .enumerate()
                .map(|(i, (n, d))| (format!("SL{i}"), ratio(*n, *d)))
                .collect();
            let r = pool_credits(cents(charges), &pool, &missed);
            prop_assert!(r.total.minor_units() <= r.at_risk_amount.minor_units());
            prop_assert!(r.total.minor_units() <= r.total_before_cap.minor_units());
            prop_assert_eq!(r.credits.iter().map(|(_, m)| m.minor_units()).sum::<i64>(), r.total.minor_units());
        }
    }
}
