//! What happens to raw credits across targets and periods, in this order
//! (each step rounds at most once, to the currency's minor unit):
//!
//! 1. **Repeat-miss multiplier**: the credit × the multiplier when the target
//!    was already missed in the `after_consecutive` periods before (rounded
//!    half up).
//! 2. **Target cap**: at most an amount, or a percentage of the charges.
//! 3. **At-risk pool** (outsourcing): a missed critical level earns
//!    `charges × at-risk % × allocation %`; allocations may sum past 100 %;
//!    the pool's total is capped at `charges × at-risk %`.
//! 4. **Agreement cap per period**: when the credits of a period exceed the
//!    cap, every credit is reduced in proportion; shares are whole minor
//!    units that sum exactly to the cap (largest remainder; ties to the
//!    earlier target).
//! 5. **Year cap**: periods in order; each pays what is left of the year cap.
//! 6. **Earn-back**: a credit is returned to the provider when the target is
//!    met in each of the next N periods (a period without data is not met).

use crate::compliance::Status;
use crate::money::{Money, Rounding};
use crate::{Explained, Explanation, Percent, Ratio};

/// A repeat-miss multiplier: "the credit doubles from the second consecutive miss".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatMiss {
    pub multiplier: Ratio,
    /// Misses in a row before it applies (1 = from the second consecutive miss).
    pub after_consecutive: u32,
}

/// Divides `n` by `d` (> 0), rounding half up (away from zero for positive values).
fn div_half_up(n: i128, d: i128) -> i128 {
    if d <= 0 {
        return 0;
    }
    let q = n.div_euclid(d);
    let r = n.rem_euclid(d);
    if r * 2 >= d {
        q + 1
    } else {
        q
    }
}

fn money(minor: i128, like: Money) -> Money {
    Money::new(
        i64::try_from(minor).unwrap_or(if minor < 0 { i64::MIN } else { i64::MAX }),
        like.currency(),
    )
}

/// The raw credit after the repeat-miss multiplier.
pub fn apply_repeat_miss(
    raw: Money,
    consecutive_misses_before: u32,
    rule: &RepeatMiss,
) -> Explained<Money> {
    let applies = consecutive_misses_before >= rule.after_consecutive.max(1);
    let value = if applies {
        money(
            div_half_up(
                i128::from(raw.minor_units()).saturating_mul(rule.multiplier.numerator()),
                rule.multiplier.denominator(),
            ),
            raw,
        )
    } else {
        raw
    };
    Explained {
        value,
        explanation: Explanation {
            formula: format!(
                "credit × multiplier when missed in the {} period(s) before",
                rule.after_consecutive.max(1)
            ),
            substituted: if applies {
                format!(
                    "{} × {} = {} ({consecutive_misses_before} misses in a row before)",
                    raw.to_plain_string(),
                    crate::model::values::decimal_string(rule.multiplier, 4),
                    value.to_plain_string()
                )
            } else {
                format!("{consecutive_misses_before} misses in a row before: no multiplier")
            },
            convention: "rounded half up to the minor unit".into(),
        },
    }
}

/// A cap: an amount, or a share of the charges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cap {
    Amount(Money),
    PercentOfCharges(Percent),
}

impl Cap {
    /// The cap as money for `charges` (a percentage rounded half up).
    pub fn amount(self, charges: Money) -> Money {
        match self {
            Cap::Amount(a) => a,
            Cap::PercentOfCharges(p) => charges.percent(p, Rounding::HalfUp),
        }
    }
}

/// A target's credit after its own cap.
pub fn cap_target(credit: Money, cap: Option<&Cap>, charges: Money) -> Explained<Money> {
    let Some(cap) = cap else {
        return Explained {
            value: credit,
            explanation: Explanation {
                formula: "no cap on this target".into(),
                substituted: credit.to_plain_string(),
                convention: String::new(),
            },
        };
    };
    let limit = cap.amount(charges);
    let value = credit.min(limit);
    Explained {
        value,
        explanation: Explanation {
            formula: "credit = min(credit, target cap)".into(),
            substituted: format!(
                "min({}, {}) = {}",
                credit.to_plain_string(),
                limit.to_plain_string(),
                value.to_plain_string()
            ),
            convention: match cap {
                Cap::Amount(_) => "cap as an amount".into(),
                Cap::PercentOfCharges(p) => format!("cap = {p} of the charges, rounded half up"),
            },
        },
    }
}

/// Splits `total` minor units in proportion to `weights`; the shares sum to
/// `total` exactly (largest remainder; ties to the earlier index).
pub fn proportional_shares(total: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| i128::from((*w).max(0))).sum();
    if sum == 0 {
        return vec![0; weights.len()];
    }
    let total = i128::from(total.max(0));
    let mut shares: Vec<i128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let product = total * i128::from((*w).max(0));
        shares.push(product / sum);
        remainders.push((product % sum, i));
    }
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left = total - shares.iter().sum::<i128>();
    for (_, i) in remainders.into_iter().take(usize::try_from(left).unwrap_or(0)) {
        shares[i] += 1;
    }
    shares
        .into_iter()
        .map(|s| i64::try_from(s).unwrap_or(i64::MAX))
        .collect()
}

/// The credits of one period after the agreement's period cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CappedPeriod {
    pub total_before: Money,
    pub total: Money,
    pub reduced_by: Money,
    /// Whether the cap was reached (total before ≥ cap).
    pub at_cap: bool,
    /// Each credit after the cap, in the order given.
    pub shares: Vec<Money>,
    pub explanation: Explanation,
}

/// Applies the agreement's cap per period to the credits of its targets.
/// With no credits, the result is zero in the cap's currency (or `XXX`-free
/// zero of the first credit); with an empty list and no cap, zero minor units.
pub fn cap_period(credits: &[Money], cap: Option<Money>) -> CappedPeriod {
    let like = credits
        .first()
        .copied()
        .or(cap)
        .unwrap_or_else(|| Money::new(0, crate::money::Currency::new("EUR").unwrap_or_else(|_| unreachable_currency())));
    let before: i128 = credits.iter().map(|c| i128::from(c.minor_units())).sum();
    let total_before = money(before, like);
    match cap {
        Some(cap) if before > i128::from(cap.minor_units()) => {
            let weights: Vec<i64> = credits.iter().map(|c| c.minor_units()).collect();
            let shares = proportional_shares(cap.minor_units(), &weights);
            CappedPeriod {
                total_before,
                total: cap,
                reduced_by: money(before - i128::from(cap.minor_units()), like),
                at_cap: true,
                shares: shares.into_iter().map(|s| Money::new(s, like.currency())).collect(),
                explanation: Explanation {
                    formula: "when the credits exceed the period cap, each is reduced in proportion: share = credit × cap ÷ total".into(),
                    substituted: format!(
                        "total {} > cap {} → paid {}, reduced by {}",
                        total_before.to_plain_string(),
                        cap.to_plain_string(),
                        cap.to_plain_string(),
                        money(before - i128::from(cap.minor_units()), like).to_plain_string()
                    ),
                    convention: "shares in whole minor units, summing exactly to the cap (largest remainder, ties to the earlier target)".into(),
                },
            }
        }
        _ => CappedPeriod {
            total_before,
            total: total_before,
            reduced_by: money(0, like),
            at_cap: cap.is_some_and(|c| before >= i128::from(c.minor_units()) && before > 0),
            shares: credits.to_vec(),
            explanation: Explanation {
                formula: "credits are paid in full up to the period cap".into(),
                substituted: match cap {
                    Some(c) => format!("total {} ≤ cap {}", total_before.to_plain_string(), c.to_plain_string()),
                    None => format!("total {} (no period cap)", total_before.to_plain_string()),
                },
                convention: String::new(),
            },
        },
    }
}

fn unreachable_currency() -> crate::money::Currency {
    crate::money::Currency::new("USD").unwrap_or_else(|_| unreachable_currency())
}

/// Applies a year cap to period totals in order: each period pays what is
/// left of the cap.
pub fn cap_year(period_totals: &[Money], cap: Option<Money>) -> Vec<Explained<Money>> {
    let mut left = cap.map(|c| i128::from(c.minor_units()));
    period_totals
        .iter()
        .map(|total| {
            let owed = i128::from(total.minor_units());
            match left {
                None => Explained {
                    value: *total,
                    explanation: Explanation {
                        formula: "no year cap".into(),
                        substituted: total.to_plain_string(),
                        convention: String::new(),
                    },
                },
                Some(remaining) => {
                    let paid = owed.min(remaining.max(0));
                    left = Some(remaining - paid);
                    let value = money(paid, *total);
                    Explained {
                        value,
                        explanation: Explanation {
                            formula: "paid = min(credits of the period, year cap − paid earlier in the year)".into(),
                            substituted: format!(
                                "min({}, {}) = {}",
                                total.to_plain_string(),
                                money(remaining.max(0), *total).to_plain_string(),
                                value.to_plain_string()
                            ),
                            convention: "periods in calendar order".into(),
                        },
                    }
                }
            }
        })
        .collect()
}

/// The outsourcing model's at-risk amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AtRiskPool {
    /// Percent of the monthly charges at risk, e.g. 12 %.
    pub at_risk: Percent,
}

/// Credits from the at-risk pool for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolResult {
    pub at_risk_amount: Money,
    pub credits: Vec<(String, Money)>,
    pub total_before_cap: Money,
    pub total: Money,
    pub explanation: Explanation,
}

/// The pool credits of the missed critical levels (`(target, allocation)`,
/// allocation as a fraction: 0.75 for 75 %).
pub fn pool_credits(
    charges: Money,
    pool: &AtRiskPool,
    missed_allocations: &[(String, Ratio)],
) -> PoolResult {
    let at_risk_amount = charges.percent(pool.at_risk, Rounding::HalfUp);
    let raw: Vec<i64> = missed_allocations
        .iter()
        .map(|(_, allocation)| {
            // charges × at_risk ppb ÷ 1e9 × allocation, exact, rounded once.
            let n = i128::from(charges.minor_units())
                .saturating_mul(i128::from(pool.at_risk.ppb()))
                .saturating_mul(allocation.numerator());
            let d = 1_000_000_000i128.saturating_mul(allocation.denominator());
            i64::try_from(div_half_up(n, d)).unwrap_or(i64::MAX)
        })
        .collect();
    let before: i128 = raw.iter().map(|r| i128::from(*r)).sum();
    let capped = before > i128::from(at_risk_amount.minor_units());
    let paid = if capped {
        proportional_shares(at_risk_amount.minor_units(), &raw)
    } else {
        raw.clone()
    };
    let total = money(paid.iter().map(|p| i128::from(*p)).sum(), charges);
    let credits: Vec<(String, Money)> = missed_allocations
        .iter()
        .zip(&paid)
        .map(|((id, _), p)| (id.clone(), Money::new(*p, charges.currency())))
        .collect();
    let parts = missed_allocations
        .iter()
        .zip(&raw)
        .map(|((id, a), r)| {
            format!(
                "{id}: {} × {} × {}% = {}",
                charges.to_plain_string(),
                pool.at_risk,
                crate::model::values::decimal_string(
                    Ratio::new(a.numerator() * 100, a.denominator()).unwrap_or(*a),
                    4
                ),
                Money::new(*r, charges.currency()).to_plain_string()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    PoolResult {
        at_risk_amount,
        total_before_cap: money(before, charges),
        total,
        explanation: Explanation {
            formula: "credit = charges × at-risk % × pool allocation % for each missed critical level; total ≤ at-risk amount".into(),
            substituted: format!(
                "{}{}; at-risk amount {}{}",
                if parts.is_empty() { "no critical level missed".into() } else { parts },
                if capped { " (over the pool: reduced in proportion)".to_string() } else { String::new() },
                at_risk_amount.to_plain_string(),
                format!("; paid {}", total.to_plain_string())
            ),
            convention: "each credit rounded half up once; shares over the pool in whole minor units (largest remainder)".into(),
        },
        credits,
    }
}

/// Earn-back terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EarnBack {
    pub periods: u32,
}

/// Whether a period's credit is earned back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarnBackOutcome {
    pub credit: Money,
    pub earned_back: bool,
    /// `false` while the following periods are not all known.
    pub decided: bool,
    pub explanation: Explanation,
}

/// For each period, whether its credit is returned: met in each of the next
/// `rule.periods` periods.
pub fn earn_back(statuses: &[Status], credits: &[Money], rule: &EarnBack) -> Vec<EarnBackOutcome> {
    let n = rule.periods.max(1) as usize;
    credits
        .iter()
        .enumerate()
        .map(|(i, credit)| {
            let following = statuses.get(i + 1..).unwrap_or(&[]);
            let window = &following[..following.len().min(n)];
            let broken = window.iter().position(|s| *s != Status::Met);
            let decided = broken.is_some() || window.len() == n;
            let earned_back = credit.minor_units() > 0 && broken.is_none() && window.len() == n;
            EarnBackOutcome {
                credit: *credit,
                earned_back,
                decided,
                explanation: Explanation {
                    formula: format!("a credit is earned back when the target is met in each of the next {n} periods"),
                    substituted: match broken {
                        _ if credit.minor_units() == 0 => "no credit to earn back".into(),
                        Some(k) => format!("not met {} period(s) later → the credit {} stays", k + 1, credit.to_plain_string()),
                        None if window.len() == n => format!("met in the next {n} periods → {} earned back", credit.to_plain_string()),
                        None => format!("met in {} of the next {n} periods so far → not decided yet", window.len()),
                    },
                    convention: "a period without data does not count as met".into(),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    fn eur(text: &str) -> Money {
        Money::parse(text, Currency::new("EUR").expect("EUR")).expect("amount")
    }

    fn pct(text: &str) -> Percent {
        Percent::parse(text).expect("percent")
    }

    #[test]
    fn the_multiplier_applies_from_the_second_consecutive_miss() {
        let rule = RepeatMiss { multiplier: Ratio::new(2, 1).expect("ratio"), after_consecutive: 1 };
        assert_eq!(apply_repeat_miss(eur("100.00"), 0, &rule).value, eur("100.00"));
        assert_eq!(apply_repeat_miss(eur("100.00"), 1, &rule).value, eur("200.00"));
        // 33.33 × 1.5 = 49.995 → 50.00 (half up)
        let rule = RepeatMiss { multiplier: Ratio::new(3, 2).expect("ratio"), after_consecutive: 2 };
        assert_eq!(apply_repeat_miss(eur("33.33"), 2, &rule).value, eur("50.00"));
        assert_eq!(apply_repeat_miss(eur("33.33"), 1, &rule).value, eur("33.33"));
    }

    #[test]
    fn a_target_cap_of_ten_percent_of_charges() {
        let cap = Cap::PercentOfCharges(pct("10"));
        // 10 % of 5,000.00 = 500.00
        assert_eq!(cap_target(eur("800.00"), Some(&cap), eur("5000.00")).value, eur("500.00"));
        assert_eq!(cap_target(eur("400.00"), Some(&cap), eur("5000.00")).value, eur("400.00"));
    }

    #[test]
    fn the_period_cap_reduces_credits_in_proportion_and_sums_exactly() {
        // 100.00 + 50.00 + 50.01 = 200.01 > 150.00: shares 15000 × (10000, 5000, 5001) ÷ 20001
        // = 7499.625.., 3749.81.., 3750.56..: floors 7499 + 3749 + 3750 = 14998, the 2 left go to
        // the largest remainders (0.81 → second, 0.625 → first): 75.00, 37.50, 37.50.
        let result = cap_period(&[eur("100.00"), eur("50.00"), eur("50.01")], Some(eur("150.00")));
        assert!(result.at_cap);
        assert_eq!(result.shares, [eur("75.00"), eur("37.50"), eur("37.50")]);
        assert_eq!(result.reduced_by, eur("50.01"));
        let under = cap_period(&[eur("10.00")], Some(eur("150.00")));
        assert!(!under.at_cap);
        assert_eq!(under.total, eur("10.00"));
    }

    #[test]
    fn the_year_cap_pays_periods_in_order() {
        // 12 months of 3,000.00 against a year cap of 20,000.00: six full months = 18,000, then
        // 2,000 in July, then nothing.
        let paid = cap_year(&vec![eur("3000.00"); 12], Some(eur("20000.00")));
        let values: Vec<Money> = paid.iter().map(|p| p.value).collect();
        assert_eq!(values[5], eur("3000.00"));
        assert_eq!(values[6], eur("2000.00"));
        assert_eq!(values[7], eur("0.00"));
        assert_eq!(values.iter().map(|m| m.minor_units()).sum::<i64>(), 2_000_000);
    }

    #[test]
    fn the_at_risk_pool_is_capped_at_the_at_risk_amount() {
        // 100,000.00 × 12 % = 12,000.00 at risk. Missed: 50 % → 6,000.00 and 75 % → 9,000.00,
        // 15,000.00 in all > 12,000.00 → shares 12,000 × 6/15 = 4,800.00 and 12,000 × 9/15 = 7,200.00.
        let pool = AtRiskPool { at_risk: pct("12") };
        let missed = [
            ("a".to_string(), Ratio::new(50, 100).expect("ratio")),
            ("b".to_string(), Ratio::new(75, 100).expect("ratio")),
        ];
        let result = pool_credits(eur("100000.00"), &pool, &missed);
        assert_eq!(result.at_risk_amount, eur("12000.00"));
        assert_eq!(result.total_before_cap, eur("15000.00"));
        assert_eq!(result.credits[0].1, eur("4800.00"));
        assert_eq!(result.credits[1].1, eur("7200.00"));
        // Only the 125 % level missed: 100,000 × 12 % × 125 % = 15,000 → capped at 12,000.
        let one = pool_credits(eur("100000.00"), &pool, &[("c".into(), Ratio::new(125, 100).expect("ratio"))]);
        assert_eq!(one.total, eur("12000.00"));
    }

    #[test]
    fn earn_back_needs_every_following_period_met() {
        use Status::*;
        let credits = [eur("100.00"), eur("0.00"), eur("0.00"), eur("0.00"), eur("50.00"), eur("0.00")];
        let statuses = [Missed, Met, Met, Met, Missed, Met];
        let outcomes = earn_back(&statuses, &credits, &EarnBack { periods: 3 });
        assert!(outcomes[0].earned_back && outcomes[0].decided);
        // the May credit has only one following period so far: undecided
        assert!(!outcomes[4].earned_back && !outcomes[4].decided);
        let statuses = [Missed, Met, NoData, Met, Met, Met];
        let outcomes = earn_back(&statuses, &credits, &EarnBack { periods: 3 });
        assert!(!outcomes[0].earned_back && outcomes[0].decided);
    }

    proptest! {
        #[test]
        fn caps_always_hold(credits in proptest::collection::vec(0i64..10_000_000, 0..8), cap in 0i64..20_000_000) {
            let credits: Vec<Money> = credits.into_iter().map(|c| Money::new(c, Currency::new("EUR").expect("EUR"))).collect();
            let cap = Money::new(cap, Currency::new("EUR").expect("EUR"));
            let result = cap_period(&credits, Some(cap));
            prop_assert!(result.total.minor_units() <= cap.minor_units());
            prop_assert_eq!(result.shares.iter().map(|s| s.minor_units()).sum::<i64>(), result.total.minor_units());
            for (share, credit) in result.shares.iter().zip(&credits) {
                prop_assert!(share.minor_units() <= credit.minor_units());
            }
        }

        #[test]
        fn more_credit_never_gives_a_smaller_capped_total(a in 0i64..10_000_000, extra in 0i64..10_000_000, cap in 0i64..20_000_000) {
            let eur = Currency::new("EUR").expect("EUR");
            let cap = Some(Money::new(cap, eur));
            let low = cap_period(&[Money::new(a, eur)], cap).total;
            let high = cap_period(&[Money::new(a + extra, eur)], cap).total;
            prop_assert!(high.minor_units() >= low.minor_units());
        }

        #[test]
        fn the_pool_never_pays_more_than_the_at_risk_amount(charges in 0i64..1_000_000_000, at_risk in 0u64..=1_000_000_000, allocations in proptest::collection::vec(0i128..400, 0..6)) {
            let eur = Currency::new("EUR").expect("EUR");
            let pool = AtRiskPool { at_risk: Percent::from_ppb(at_risk).expect("in range") };
            let missed: Vec<(String, Ratio)> = allocations.iter().enumerate().map(|(i, a)| (i.to_string(), Ratio::new(*a, 100).expect("ratio"))).collect();
            let result = pool_credits(Money::new(charges, eur), &pool, &missed);
            prop_assert!(result.total.minor_units() <= result.at_risk_amount.minor_units());
        }
    }
}
