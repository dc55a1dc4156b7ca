//! Tiered step schedules: "monthly uptime below 99.99 % → 10 % of the fee,
//! below 99.0 % → 30 %, below 95.0 % → 100 %" (the shape of the AWS EC2 SLA).
//!
//! Each tier says whether its edge is **exclusive** ("less than 99.99 %":
//! exactly 99.99 % earns nothing) or **inclusive** ("99.99 % or less").
//! Achieved values are compared with the edges exactly ([`Ratio::cmp_percent`]):
//! no float error can move a result into another tier. The tier with the
//! highest credit whose condition holds applies.

use thiserror::Error;

use crate::{Explained, Explanation, Percent, Ratio, TimeSpan};

/// Whether achieving exactly the edge level falls in the tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TierEdge {
    /// The tier applies strictly below the level.
    Exclusive,
    /// The tier applies at the level and below.
    Inclusive,
}

/// One tier: achieved below (or at, when inclusive) `level` earns `credit` of the fee.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tier {
    pub level: Percent,
    pub edge: TierEdge,
    pub credit: Percent,
}

impl Tier {
    /// Whether an achieved value falls in this tier.
    pub fn applies(self, achieved: Ratio) -> bool {
        match self.edge {
            TierEdge::Exclusive => achieved.cmp_percent(self.level).is_lt(),
            TierEdge::Inclusive => achieved.cmp_percent(self.level).is_le(),
        }
    }

    fn describe(self) -> String {
        match self.edge {
            TierEdge::Exclusive => format!("below {} → {}", self.level, self.credit),
            TierEdge::Inclusive => format!("{} or below → {}", self.level, self.credit),
        }
    }
}

/// Why tiers do not form a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleError {
    #[error("a schedule needs at least one tier")]
    Empty,
    #[error(
        "tier {index}: levels must fall from tier to tier ({level} is not below the previous one)"
    )]
    LevelsNotFalling { index: usize, level: String },
    #[error("tier {index}: credits must not fall as the level falls ({credit} is less than the previous one)")]
    CreditsFalling { index: usize, credit: String },
}

/// Tiers ordered from the highest level (smallest credit) down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepSchedule {
    tiers: Vec<Tier>,
    /// The tiers in words, `below 99.9% → 10%; …`: written once, as every
    /// period's explanation names them.
    described: String,
}

/// The credit an achieved value earns under a schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepCredit {
    /// Index of the tier that applies, `None` when no tier does.
    pub tier: Option<usize>,
    /// Credit as a share of the fee (0 % when no tier applies).
    pub credit: Percent,
}

/// How much more downtime moves the result into the next tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextTier {
    pub tier: usize,
    pub credit: Percent,
    /// The extra downtime (to the nanosecond) after which the next tier applies.
    pub extra_downtime: TimeSpan,
}

impl StepSchedule {
    /// # Errors
    /// No tiers; levels not strictly falling; credits falling.
    pub fn new(tiers: Vec<Tier>) -> Result<StepSchedule, ScheduleError> {
        if tiers.is_empty() {
            return Err(ScheduleError::Empty);
        }
        for (index, pair) in tiers.windows(2).enumerate() {
            if pair[1].level >= pair[0].level {
                return Err(ScheduleError::LevelsNotFalling {
                    index: index + 1,
                    level: pair[1].level.to_string(),
                });
            }
            if pair[1].credit < pair[0].credit {
                return Err(ScheduleError::CreditsFalling {
                    index: index + 1,
                    credit: pair[1].credit.to_string(),
                });
            }
        }
        let described = tiers
            .iter()
            .map(|t| t.describe())
            .collect::<Vec<_>>()
            .join("; ");
        Ok(StepSchedule { tiers, described })
    }

    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }

    /// The credit for an achieved value: the lowest tier (largest credit) that applies.
    pub fn credit_for(&self, achieved: Ratio) -> Explained<StepCredit> {
        let StepCredit { tier, credit } = self.credit_value(achieved);
        let schedule = &self.described;
        Explained {
            value: StepCredit { tier, credit },
            explanation: Explanation {
                formula: "credit = the share of the fee of the lowest tier whose condition the achieved value meets".into(),
                substituted: match tier {
                    Some(i) => format!(
                        "achieved {}% falls in tier {} ({}) → {credit}",
                        achieved.to_percent_string(4),
                        i + 1,
                        self.tiers[i].describe()
                    ),
                    None => format!("achieved {}% is above every tier → no credit", achieved.to_percent_string(4)),
                },
                convention: format!("schedule: {schedule}; edges compared exactly"),
            },
        }
    }

    /// The value of [`StepSchedule::credit_for`] without its explanation
    /// (for periods whose text nobody reads).
    pub(crate) fn credit_value(&self, achieved: Ratio) -> StepCredit {
        let tier = self.tiers.iter().rposition(|t| t.applies(achieved));
        let credit = tier.map(|i| self.tiers[i].credit).unwrap_or(Percent::ZERO);
        StepCredit { tier, credit }
    }

    /// The next tier above the current credit and the extra downtime that
    /// reaches it, given the period's service time and the downtime so far.
    /// `None` when the largest credit already applies.
    pub fn next_tier(
        &self,
        achieved: Ratio,
        service_time: TimeSpan,
        downtime: TimeSpan,
    ) -> Option<NextTier> {
        let current = self.tiers.iter().rposition(|t| t.applies(achieved));
        let next = current.map_or(0, |i| i + 1);
        let tier = *self.tiers.get(next)?;
        // Downtime at the edge, scaled by 1e9: service × (100 % − level).
        let whole = i128::from(crate::units::PPB_PER_WHOLE);
        let edge = i128::from(service_time.nanos()) * i128::from(tier.level.unavailable_ppb());
        let now = i128::from(downtime.nanos()) * whole;
        let gap = edge - now;
        let extra = match tier.edge {
            // At the edge or beyond: the smallest whole ns reaching it.
            TierEdge::Inclusive => {
                gap.max(0).div_euclid(whole) + i128::from(gap.max(0).rem_euclid(whole) > 0)
            }
            // Strictly beyond the edge: one ns more than the edge.
            TierEdge::Exclusive => gap.div_euclid(whole) + 1,
        };
        let extra = TimeSpan::from_nanos(i64::try_from(extra.max(0)).unwrap_or(i64::MAX))
            .unwrap_or_default();
        Some(NextTier {
            tier: next,
            credit: tier.credit,
            extra_downtime: extra,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pct(text: &str) -> Percent {
        Percent::parse(text).expect("valid")
    }

    /// AWS EC2-style: < 99.99 % → 10 %, < 99.0 % → 30 %, < 95.0 % → 100 %.
    fn aws() -> StepSchedule {
        StepSchedule::new(vec![
            Tier {
                level: pct("99.99"),
                edge: TierEdge::Exclusive,
                credit: pct("10"),
            },
            Tier {
                level: pct("99.0"),
                edge: TierEdge::Exclusive,
                credit: pct("30"),
            },
            Tier {
                level: pct("95.0"),
                edge: TierEdge::Exclusive,
                credit: pct("100"),
            },
        ])
        .expect("valid schedule")
    }

    fn ratio(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).expect("valid")
    }

    #[test]
    fn exactly_at_an_exclusive_edge_earns_nothing() {
        assert_eq!(
            aws().credit_for(ratio(9_999, 10_000)).value.credit,
            Percent::ZERO
        );
        assert_eq!(aws().credit_for(ratio(1, 1)).value.tier, None);
    }

    #[test]
    fn each_tier_applies_below_its_edge() {
        assert_eq!(
            aws().credit_for(ratio(9_998, 10_000)).value.credit,
            pct("10")
        );
        assert_eq!(
            aws().credit_for(ratio(9_900, 10_000)).value.credit,
            pct("10"),
            "99.0 exactly is not below 99.0"
        );
        assert_eq!(
            aws().credit_for(ratio(9_899, 10_000)).value.credit,
            pct("30")
        );
        assert_eq!(
            aws().credit_for(ratio(9_490, 10_000)).value.credit,
            pct("100")
        );
    }

    #[test]
    fn an_inclusive_edge_includes_the_level() {
        let s = StepSchedule::new(vec![Tier {
            level: pct("99.9"),
            edge: TierEdge::Inclusive,
            credit: pct("5"),
        }])
        .expect("valid");
        assert_eq!(s.credit_for(ratio(999, 1_000)).value.credit, pct("5"));
    }

    #[test]
    fn the_next_tier_is_a_downtime_away() {
        // Average month 2,629,746 s at 99.995 % (131.4873 s down): the 10 % tier needs downtime
        // strictly above 0.01 % = 262.9746 s, i.e. 131.4873 s + 1 ns more.
        let service = TimeSpan::from_secs(2_629_746);
        let down = TimeSpan::from_nanos(131_487_300_000).expect("positive");
        let achieved = ratio(
            2_629_746_000_000_000 - 131_487_300_000,
            2_629_746_000_000_000,
        );
        let next = aws()
            .next_tier(achieved, service, down)
            .expect("a next tier");
        assert_eq!(next.credit, pct("10"));
        assert_eq!(next.extra_downtime.nanos(), 131_487_300_001);
        // At exactly the edge of an exclusive tier, 1 ns more is enough.
        let at_edge = TimeSpan::from_nanos(262_974_600_000).expect("positive");
        let achieved = ratio(
            2_629_746_000_000_000 - 262_974_600_000,
            2_629_746_000_000_000,
        );
        assert_eq!(
            aws()
                .next_tier(achieved, service, at_edge)
                .map(|n| n.extra_downtime.nanos()),
            Some(1)
        );
    }

    #[test]
    fn bad_schedules_are_refused() {
        assert_eq!(StepSchedule::new(vec![]), Err(ScheduleError::Empty));
        let rising = vec![
            Tier {
                level: pct("99"),
                edge: TierEdge::Exclusive,
                credit: pct("10"),
            },
            Tier {
                level: pct("99.5"),
                edge: TierEdge::Exclusive,
                credit: pct("20"),
            },
        ];
        assert!(matches!(
            StepSchedule::new(rising),
            Err(ScheduleError::LevelsNotFalling { index: 1, .. })
        ));
    }

    proptest! {
        #[test]
        fn less_availability_never_gives_a_smaller_credit(a in 0i128..=1_000_000, b in 0i128..=1_000_000) {
            let (low, high) = (a.min(b), a.max(b));
            let s = aws();
            prop_assert!(s.credit_for(ratio(low, 1_000_000)).value.credit >= s.credit_for(ratio(high, 1_000_000)).value.credit);
        }
    }
}
