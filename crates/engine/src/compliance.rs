//! Compliance of an availability target over a period: status, margin and
//! error budget (allowed, used, left, burn rate), from an
//! [`AvailabilityResult`](crate::metrics::availability::AvailabilityResult).
//!
//! - **Met**: achieved ≥ expected level (exact comparison).
//! - **Missed**: below the expected level, at or above the minimum level.
//! - **Below minimum**: below the minimum level (where the target has one).
//! - **No data**: no service time in the period.
//!
//! The error budget is the allowed downtime `service time × (100 % − expected)`;
//! the burn rate is `used ÷ allowed` over the whole period (1 = exactly spent).

use crate::metrics::availability::AvailabilityResult;
use crate::model::Direction;
use crate::quick::allowed_downtime_within;
use crate::{Explanation, Percent, Ratio, TimeSpan};

/// The outcome of a target in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Met,
    Missed,
    BelowMinimum,
    NoData,
    /// The target does not apply in this period (agreed exclusion).
    Excluded,
}

impl Status {
    /// Words for the status (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Missed => "missed",
            Status::BelowMinimum => "below minimum",
            Status::NoData => "no data",
            Status::Excluded => "excluded",
        }
    }
}

/// The status of an achieved value against its levels: the one rule of
/// the report, the embed and the quick calculator. Met when at least as
/// good as `expected` (`at_least`: ≥, `at_most`: ≤, compared exactly; the
/// edge itself is met), below minimum when worse than `minimum`, else
/// missed; no data without a value.
pub fn status(
    achieved: Option<Ratio>,
    expected: Ratio,
    minimum: Option<Ratio>,
    direction: Direction,
) -> Status {
    let Some(a) = achieved else {
        return Status::NoData;
    };
    let better_or_equal = |a: Ratio, b: Ratio| match direction {
        Direction::AtLeast => a >= b,
        Direction::AtMost => a <= b,
    };
    if better_or_equal(a, expected) {
        Status::Met
    } else if minimum.is_some_and(|m| !better_or_equal(a, m)) {
        Status::BelowMinimum
    } else {
        Status::Missed
    }
}

/// A target's compliance in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compliance {
    pub status: Status,
    pub achieved: Option<Ratio>,
    pub expected: Percent,
    pub minimum: Option<Percent>,
    /// Achieved − expected in parts per billion of the whole, rounded toward
    /// minus infinity (negative when missed).
    pub margin_ppb: Option<i64>,
    pub budget_allowed: TimeSpan,
    pub budget_used: TimeSpan,
    /// Allowed − used in nanoseconds; negative when overspent.
    pub budget_left_nanos: i64,
    /// Used ÷ allowed; `None` when nothing is allowed (a 100 % target).
    pub burn_rate: Option<Ratio>,
    pub explanation: Explanation,
}

/// Compliance of an availability target with `expected` (and optional
/// `minimum`) levels.
pub fn availability_compliance(
    result: &AvailabilityResult,
    expected: Percent,
    minimum: Option<Percent>,
) -> Compliance {
    let allowed =
        allowed_downtime_within(expected, result.service_time, "service time in the period").value;
    let used = result.downtime;
    let status = status(
        result.achieved,
        Ratio::from_percent(expected),
        minimum.map(Ratio::from_percent),
        Direction::AtLeast,
    );
    let margin_ppb = result.achieved.and_then(|a| {
        let scaled = (a.numerator() * 1_000_000_000).div_euclid(a.denominator());
        i64::try_from(scaled - i128::from(expected.ppb())).ok()
    });
    let burn_rate = Ratio::new(i128::from(used.nanos()), i128::from(allowed.nanos()));
    let left = allowed.nanos() - used.nanos();
    let explanation = Explanation {
        formula: "status: met if achieved ≥ expected; below minimum if achieved < minimum; otherwise missed. budget = service time × (100 % − expected); left = budget − downtime".into(),
        substituted: format!(
            "achieved {} vs expected {expected}{}; budget {} s, used {} s, left {}{} s",
            result.achieved.map(|a| format!("{}%", a.to_percent_string(4))).unwrap_or_else(|| "no data".into()),
            minimum.map(|m| format!(", minimum {m}")).unwrap_or_default(),
            allowed.exact_seconds(),
            used.exact_seconds(),
            if left < 0 { "−" } else { "" },
            TimeSpan::from_nanos(left.saturating_abs()).unwrap_or_default().exact_seconds()
        ),
        convention: "levels compared exactly; achieved shown rounded down; burn rate = used ÷ budget over the whole period".into(),
    };
    Compliance {
        status,
        achieved: result.achieved,
        expected,
        minimum,
        margin_ppb,
        budget_allowed: allowed,
        budget_used: used,
        budget_left_nanos: left,
        burn_rate,
        explanation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::availability::{availability, DowntimeRules, Outage};
    use crate::time::{Calendar, Interval};

    const MIN: i64 = 60_000_000_000;

    fn result_with_downtime(minutes: i64) -> AvailabilityResult {
        // 30 days, 24x7 = 43,200 min
        let outage = Outage {
            start: 0,
            end: minutes * MIN,
            impact: Percent::HUNDRED,
            planned: false,
            supplier: None,
        };
        let window = Interval::new(0, 43_200 * MIN).expect("ordered");
        availability(
            &[outage],
            &Calendar::always(),
            window,
            &DowntimeRules::default(),
        )
    }

    fn pct(text: &str) -> Percent {
        Percent::parse(text).expect("valid")
    }

    #[test]
    fn exactly_the_budget_is_met() {
        // 99.9 % of 43,200 min: a budget of 43.2 min = 2,592 s; an outage of exactly 2,592 s meets it
        let outage = Outage {
            start: 0,
            end: 2_592_000_000_000,
            impact: Percent::HUNDRED,
            planned: false,
            supplier: None,
        };
        let window = Interval::new(0, 43_200 * MIN).expect("ordered");
        let r = availability(
            &[outage],
            &Calendar::always(),
            window,
            &DowntimeRules::default(),
        );
        let c = availability_compliance(&r, pct("99.9"), None);
        assert_eq!(c.budget_allowed.nanos(), 2_592_000_000_000);
        assert_eq!(c.status, Status::Met);
        assert_eq!(c.budget_left_nanos, 0);
        assert_eq!(c.margin_ppb, Some(0));
        // one nanosecond more misses it
        let mut r = r;
        let total = i128::from(43_200 * MIN) * 1_000_000_000;
        r.achieved = Ratio::new(total - 2_592_000_000_001 * 1_000_000_000, total);
        assert_eq!(
            availability_compliance(&r, pct("99.9"), None).status,
            Status::Missed
        );
    }

    #[test]
    fn status_follows_the_levels() {
        // 43 min used of 43.2 min → met; 44 min → missed; 300 min (99.305…%) → below a 99.5 % minimum
        assert_eq!(
            availability_compliance(&result_with_downtime(43), pct("99.9"), Some(pct("99.5")))
                .status,
            Status::Met
        );
        let missed =
            availability_compliance(&result_with_downtime(44), pct("99.9"), Some(pct("99.5")));
        assert_eq!(missed.status, Status::Missed);
        assert_eq!(
            missed.budget_left_nanos,
            -(48 * 1_000_000_000),
            "0.8 min = 48 s overspent"
        );
        assert!(missed.margin_ppb.is_some_and(|m| m < 0));
        assert_eq!(
            availability_compliance(&result_with_downtime(300), pct("99.9"), Some(pct("99.5")))
                .status,
            Status::BelowMinimum
        );
    }

    #[test]
    fn burn_rate_is_used_over_allowed() {
        // 21.6 of 43.2 minutes → 1/2
        let mut r = result_with_downtime(0);
        r.downtime = TimeSpan::from_secs(1_296);
        let c = availability_compliance(&r, pct("99.9"), None);
        assert_eq!(
            c.burn_rate.map(|b| b.to_percent_string(0)),
            Some("50".into())
        );
    }
}
