//! A report's verdict at a glance: the key figures at the top of a report
//! for one of its periods, or for the whole span.
//!
//! - targets met, missed, below their minimum and without data;
//! - the credits owed to customers (the SLA credit groups only: OLA and UC
//!   credits go the other way), before caps, as paid after caps and net of
//!   earn-back, each an exact sum in minor units;
//! - the error budget left: of the availability targets, the one whose
//!   budget is the smallest share of what it allows (compared exactly), with
//!   its period;
//! - termination risk: for each right, where it stands at the end of the
//!   period (the last of the span for the whole span): the qualifying
//!   periods already in its window against the number that triggers it, or
//!   the rolling average against its level, as the engine worked it out.

use super::{Budget, Report, RightStanding};
use crate::compliance::Status;
use crate::model::AgreementKind;
use crate::money::Money;
use crate::time::ReportPeriod;

/// The key figures of a report for one period or the whole span.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyFigures {
    pub met: usize,
    pub missed: usize,
    pub below_minimum: usize,
    pub no_data: usize,
    /// Targets excluded from the period (no service time), not counted above.
    pub excluded: usize,
    /// Σ over the SLA groups' periods.
    pub credits_before_caps: Money,
    pub credits_paid: Money,
    pub credits_net: Money,
    /// The availability target with the least error budget left, as a share
    /// of what it allows; `None` when no target has a budget.
    pub least_budget: Option<BudgetLeft>,
    /// Each termination right of each group, in report order.
    pub risks: Vec<Risk>,
}

impl KeyFigures {
    /// The targets evaluated: met, missed, below minimum or without data.
    pub fn targets(&self) -> usize {
        self.met + self.missed + self.below_minimum + self.no_data
    }

    /// Rights that are triggered in the span.
    pub fn triggered(&self) -> usize {
        self.risks.iter().filter(|r| r.triggered).count()
    }
}

/// An availability target's error budget in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetLeft {
    pub target: String,
    pub name: String,
    pub agreement: String,
    pub period: ReportPeriod,
    pub budget: Budget,
}

impl BudgetLeft {
    /// Left ÷ allowed in basis points (10,000 = all of it left), rounded
    /// toward zero; negative when overspent. `None` when nothing is allowed.
    pub fn left_basis_points(&self) -> Option<i64> {
        let allowed = i128::from(self.budget.allowed.nanos());
        (allowed > 0).then(|| {
            let bp = i128::from(self.budget.left_nanos) * 10_000 / allowed;
            i64::try_from(bp).unwrap_or(if bp < 0 { i64::MIN } else { i64::MAX })
        })
    }
}

/// A termination right and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Risk {
    pub agreement: String,
    pub rule: String,
    /// It holds at the end of the period shown; for the whole span, at the
    /// end of some period of it.
    pub triggered: bool,
    /// Where it stands at the end of the period (`None` when the engine has
    /// no standing for it there).
    pub standing: Option<RightStanding>,
}

impl Report {
    /// The key figures of the period labelled `period`, or of the whole span
    /// when `None`.
    pub fn key_figures(&self, period: Option<&str>) -> KeyFigures {
        let shown = |p: &ReportPeriod| period.is_none_or(|label| p.label() == label);
        let mut figures = KeyFigures {
            met: 0,
            missed: 0,
            below_minimum: 0,
            no_data: 0,
            excluded: 0,
            credits_before_caps: Money::zero(self.currency),
            credits_paid: Money::zero(self.currency),
            credits_net: Money::zero(self.currency),
            least_budget: None,
            risks: Vec::new(),
        };
        for target in &self.targets {
            for p in target.periods.iter().filter(|p| shown(&p.period)) {
                match p.status {
                    Status::Met => figures.met += 1,
                    Status::Missed => figures.missed += 1,
                    Status::BelowMinimum => figures.below_minimum += 1,
                    Status::NoData => figures.no_data += 1,
                    Status::Excluded => figures.excluded += 1,
                }
                let Some(budget) = p.budget else { continue };
                if budget.allowed.nanos() <= 0 {
                    continue;
                }
                let less = figures.least_budget.as_ref().is_none_or(|least| {
                    // left / allowed < least.left / least.allowed, exactly.
                    i128::from(budget.left_nanos) * i128::from(least.budget.allowed.nanos())
                        < i128::from(least.budget.left_nanos) * i128::from(budget.allowed.nanos())
                });
                if less {
                    figures.least_budget = Some(BudgetLeft {
                        target: target.key.clone(),
                        name: target.name.clone(),
                        agreement: target.agreement.clone(),
                        period: p.period,
                        budget,
                    });
                }
            }
        }
        let (mut before, mut paid, mut net) = (0i64, 0i64, 0i64);
        for group in &self.groups {
            let customer = self
                .targets
                .iter()
                .any(|t| t.agreement == group.agreement && t.kind == AgreementKind::Sla);
            if customer {
                for p in group.periods.iter().filter(|p| shown(&p.period)) {
                    before = before.saturating_add(p.credits_before_caps.minor_units());
                    paid = paid.saturating_add(p.paid.minor_units());
                    net = net.saturating_add(p.net.minor_units());
                }
            }
            for right in &group.termination {
                // The standing at the period shown, or at the span's end.
                let standing = match period {
                    Some(label) => right.standing.iter().find(|s| s.period.label() == label),
                    None => right.standing.last(),
                };
                let triggered = match period {
                    Some(label) => right.holds_in.iter().any(|p| p.label() == label),
                    None => right.triggered,
                };
                figures.risks.push(Risk {
                    agreement: group.agreement.clone(),
                    rule: right.rule.clone(),
                    triggered,
                    standing: standing.cloned(),
                });
            }
        }
        figures.credits_before_caps = Money::new(before, self.currency);
        figures.credits_paid = Money::new(paid, self.currency);
        figures.credits_net = Money::new(net, self.currency);
        figures
    }
}

#[cfg(test)]
mod tests {
    use crate::credits::termination::Standing;
    use crate::model::load;
    use crate::report::{report, Request, Span};
    use crate::time::Zone;

    fn run(
        targets: serde_json::Value,
        extra: serde_json::Value,
        outages: serde_json::Value,
        span: &str,
    ) -> super::super::Report {
        let mut agreement = serde_json::json!({"id": "sla", "name": "SLA", "kind": "sla",
            "structure": "service_based", "service": "web", "targets": targets});
        if let (Some(a), Some(e)) = (agreement.as_object_mut(), extra.as_object()) {
            a.extend(e.clone());
        }
        let file = load::agreements(
            &serde_json::json!({
                "format": "sla-agreements", "version": 1, "name": "T", "currency": "EUR",
                "time_zone": "UTC", "provider": {"name": "P"},
                "services": [{"id": "web", "name": "Web", "monthly_charge": "1000.00"}],
                "agreements": [agreement]
            })
            .to_string(),
        )
        .expect("valid agreements");
        let data = load::measurements(
            &serde_json::json!({"format": "sla-measurements", "version": 1, "outages": outages})
                .to_string(),
        )
        .expect("valid measurements");
        let zone = Zone::named("UTC").expect("UTC");
        let span = Span::parse(span, &zone).expect("span");
        report(
            &file,
            &data,
            &Request {
                span,
                now: crate::report::span_end(span, &zone),
            },
        )
    }

    fn two_targets() -> serde_json::Value {
        serde_json::json!([
            {"id": "a", "name": "Strict", "metric": {"type": "availability"}, "expected": "99.9",
             "minimum": "99.0", "critical": true,
             "credit": {"type": "step", "tiers": [{"below": "99.9", "credit": "10"}]}},
            {"id": "b", "name": "Loose", "metric": {"type": "availability"}, "expected": "99.0"}
        ])
    }

    #[test]
    fn counts_statuses_sums_customer_credits_and_finds_the_least_budget() {
        // March 2026 has 44,640 min. 60 min down: 99.8656 % (Strict missed,
        // Loose met). Strict allows 44.64 min and has −15.36 min left
        // (−34.40 %); Loose allows 446.4 min and has 386.4 min left.
        let report = run(
            two_targets(),
            serde_json::json!({}),
            serde_json::json!([{"service": "web", "start": "2026-03-10T00:00:00Z", "end": "2026-03-10T01:00:00Z"}]),
            "2026-03",
        );
        let f = report.key_figures(Some("2026-03"));
        assert_eq!((f.met, f.missed, f.below_minimum, f.no_data), (1, 1, 0, 0));
        assert_eq!(f.targets(), 2);
        assert_eq!(f.credits_before_caps.to_plain_string(), "100.00");
        assert_eq!(f.credits_paid.to_plain_string(), "100.00");
        let least = f.least_budget.expect("a budget");
        assert_eq!(least.name, "Strict");
        assert_eq!(
            least.budget.left_nanos,
            -15 * 60_000_000_000 - 21_600_000_000
        );
        assert_eq!(least.left_basis_points(), Some(-3440));
        // A period the report does not have counts nothing.
        let none = report.key_figures(Some("2026-04"));
        assert_eq!((none.targets(), none.least_budget.is_none()), (0, true));
        assert_eq!(none.credits_paid.to_plain_string(), "0.00");
    }

    #[test]
    fn the_whole_span_adds_every_period_and_keeps_the_worst_budget() {
        let report = run(
            two_targets(),
            serde_json::json!({}),
            serde_json::json!([{"service": "web", "start": "2026-02-10T00:00:00Z", "end": "2026-02-10T00:20:00Z"},
                               {"service": "web", "start": "2026-03-10T00:00:00Z", "end": "2026-03-10T01:00:00Z"}]),
            "2026-01..2026-03",
        );
        let f = report.key_figures(None);
        // Strict: met in January, met in February (20 of 40.32 min), missed in March.
        assert_eq!((f.met, f.missed), (5, 1));
        assert_eq!(f.credits_paid.to_plain_string(), "100.00");
        let least = f.least_budget.expect("a budget");
        assert_eq!(
            (least.name.as_str(), least.period.label()),
            ("Strict", "2026-03".to_string())
        );
    }

    #[test]
    fn a_right_stands_at_the_period_shown_or_at_the_end_of_the_span() {
        // Below the minimum (99 %: 446.4 min in March) in February and March:
        // 2 of the 3 that trigger it within 6 months.
        let report = run(
            two_targets(),
            serde_json::json!({"termination": [{"type": "below_minimum", "k": 3, "m": 6}]}),
            serde_json::json!([{"service": "web", "start": "2026-02-02T00:00:00Z", "end": "2026-02-02T10:00:00Z"},
                               {"service": "web", "start": "2026-03-02T00:00:00Z", "end": "2026-03-02T10:00:00Z"}]),
            "2026-01..2026-03",
        );
        let at = |period: Option<&str>| {
            let f = report.key_figures(period);
            assert_eq!(f.risks.len(), 1);
            assert!(!f.risks[0].triggered);
            f.risks[0].standing.clone().expect("a standing").standing
        };
        let qualifying = |s: Standing| match s {
            Standing::Count {
                qualifying,
                needed,
                window,
                ..
            } => (qualifying, needed, window),
            Standing::Mean { .. } => panic!("a count"),
        };
        assert_eq!(qualifying(at(None)), (2, 3, 6));
        assert_eq!(qualifying(at(Some("2026-02"))), (1, 3, 6));
        assert_eq!(report.key_figures(None).triggered(), 0);
    }

    #[test]
    fn a_right_triggered_later_in_the_span_is_not_triggered_at_an_earlier_period() {
        // Below the minimum in January, February and March: the third
        // qualifying period triggers it at the end of March, not before.
        let outages = serde_json::json!([
            {"service": "web", "start": "2026-01-02T00:00:00Z", "end": "2026-01-02T10:00:00Z"},
            {"service": "web", "start": "2026-02-02T00:00:00Z", "end": "2026-02-02T10:00:00Z"},
            {"service": "web", "start": "2026-03-02T00:00:00Z", "end": "2026-03-02T10:00:00Z"}
        ]);
        let report = run(
            two_targets(),
            serde_json::json!({"termination": [{"type": "below_minimum", "k": 3, "m": 6}]}),
            outages,
            "2026-01..2026-03",
        );
        assert!(report.groups[0].termination[0].triggered);
        let january = report.key_figures(Some("2026-01"));
        assert!(
            !january.risks[0].triggered,
            "it does not hold at the end of January"
        );
        assert_eq!(january.triggered(), 0);
        assert!(report.key_figures(Some("2026-03")).risks[0].triggered);
        assert!(report.key_figures(None).risks[0].triggered);
    }
}
