//! Linear shortfall credits: "5 % of the monthly fee for each 0.1 percentage
//! point, or part thereof, by which availability falls below 99.9 %", with an
//! optional maximum.
//!
//! `steps = ⌈(target − achieved) ÷ step⌉`, computed exactly on integers: a
//! shortfall of exactly 0.9 points with a step of 0.1 is 9 steps, never 8 or
//! 10 as binary floats can make it; any part of a step counts as a whole step.
//! `credit = min(steps × rate, maximum)`.

use crate::units::PPB_PER_WHOLE;
use crate::{Explained, Explanation, Percent, Ratio};

/// A linear shortfall rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinearShortfall {
    /// The level below which credits accrue.
    pub target: Percent,
    /// The width of one step, in percentage points (0.1 % for "each 0.1 point").
    pub step: Percent,
    /// Credit per step, as a share of the fee.
    pub rate: Percent,
    /// The largest credit, as a share of the fee (100 % when unlimited).
    pub maximum: Percent,
}

/// The steps counted and the credit they earn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinearCredit {
    pub steps: u64,
    pub credit: Percent,
}

impl LinearShortfall {
    /// The credit for an achieved value. A zero-width step earns nothing.
    pub fn credit_for(&self, achieved: Ratio) -> Explained<LinearCredit> {
        let (value, raw, capped) = self.credit_parts(achieved);
        let LinearCredit { steps, credit } = value;
        Explained {
            value,
            explanation: Explanation {
                formula: "credit = min(⌈(target − achieved) ÷ step⌉ × rate, maximum)".into(),
                substituted: format!(
                    "⌈({} − {}%) ÷ {}⌉ = {steps} step(s) × {} = {credit}{}",
                    self.target,
                    achieved.to_percent_string(7),
                    self.step,
                    self.rate,
                    if raw > capped {
                        format!(" (capped at {})", self.maximum)
                    } else {
                        String::new()
                    }
                ),
                convention:
                    "any part of a step counts as a whole step; computed exactly on integers".into(),
            },
        }
    }

    /// The value of [`LinearShortfall::credit_for`] without its explanation
    /// (for periods whose text nobody reads).
    pub(crate) fn credit_value(&self, achieved: Ratio) -> LinearCredit {
        self.credit_parts(achieved).0
    }

    /// The credit, and the credit in ppb before and after the maximum.
    fn credit_parts(&self, achieved: Ratio) -> (LinearCredit, u128, u128) {
        let whole = i128::from(PPB_PER_WHOLE);
        // shortfall × denominator × 1e9, exactly: target·d − achieved·1e9·… in ppb units
        let target_scaled = i128::from(self.target.ppb()) * achieved.denominator();
        let achieved_scaled = achieved.numerator() * whole;
        let shortfall = (target_scaled - achieved_scaled).max(0);
        let step = i128::from(self.step.ppb()) * achieved.denominator();
        let steps = if step == 0 || shortfall == 0 {
            0
        } else {
            (shortfall + step - 1) / step
        };
        let steps = u64::try_from(steps).unwrap_or(u64::MAX);
        let raw = u128::from(steps).saturating_mul(u128::from(self.rate.ppb()));
        let capped = raw
            .min(u128::from(self.maximum.ppb()))
            .min(u128::from(PPB_PER_WHOLE));
        let credit = Percent::from_ppb(u64::try_from(capped).unwrap_or(PPB_PER_WHOLE))
            .unwrap_or(Percent::HUNDRED);
        (LinearCredit { steps, credit }, raw, capped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pct(text: &str) -> Percent {
        Percent::parse(text).expect("valid")
    }

    fn rule() -> LinearShortfall {
        LinearShortfall {
            target: pct("99.9"),
            step: pct("0.1"),
            rate: pct("5"),
            maximum: pct("50"),
        }
    }

    #[test]
    fn a_shortfall_of_exactly_nine_steps_is_nine_steps() {
        // 99.9 − 99.0 = 0.9 points = 9 × 0.1 → 45 %
        let c = rule()
            .credit_for(Ratio::new(990, 1_000).expect("valid"))
            .value;
        assert_eq!(c.steps, 9);
        assert_eq!(c.credit, pct("45"));
    }

    #[test]
    fn part_of_a_step_counts_as_a_step() {
        // 99.9 − 99.85 = 0.05 points → 1 step; 99.9 − 99.7999 = 0.1001 → 2 steps
        assert_eq!(
            rule()
                .credit_for(Ratio::new(9_985, 10_000).expect("valid"))
                .value
                .steps,
            1
        );
        assert_eq!(
            rule()
                .credit_for(Ratio::new(997_999, 1_000_000).expect("valid"))
                .value
                .steps,
            2
        );
    }

    #[test]
    fn at_or_above_target_earns_nothing_and_the_maximum_holds() {
        assert_eq!(
            rule()
                .credit_for(Ratio::new(999, 1_000).expect("valid"))
                .value
                .credit,
            Percent::ZERO
        );
        // 99.9 − 90 = 9.9 points = 99 steps × 5 % = 495 % → capped at 50 %
        assert_eq!(
            rule()
                .credit_for(Ratio::new(90, 100).expect("valid"))
                .value
                .credit,
            pct("50")
        );
    }

    proptest! {
        #[test]
        fn less_availability_never_gives_a_smaller_credit(a in 0i128..=1_000_000, b in 0i128..=1_000_000) {
            let (low, high) = (a.min(b), a.max(b));
            let r = rule();
            let c_low = r.credit_for(Ratio::new(low, 1_000_000).expect("valid")).value.credit;
            let c_high = r.credit_for(Ratio::new(high, 1_000_000).expect("valid")).value.credit;
            prop_assert!(c_low >= c_high);
            prop_assert!(c_low <= r.maximum);
        }
    }
}
