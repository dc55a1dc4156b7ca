//! Invariants over random outage logs, for every bundled preset:
//! more downtime never raises the uptime nor lowers the credit; the credit
//! never exceeds the cap nor the bill; a credit is due only when the
//! commitment is missed; the incidents add up to the month's downtime; tier
//! edges are compared exactly.

use proptest::prelude::*;
use sla_engine::{Currency, Money, Percent, Ratio};
use sla_presets::evaluate::{evaluate, Deployment, Month, Request};
use sla_presets::log::{OutageRecord, Scope};
use sla_presets::preset::Category;
use sla_presets::{bundled, Preset};

const MIN: i64 = 60_000_000_000;
/// 2026-07-01T00:00:00Z in nanoseconds.
const JULY: i64 = 1_782_864_000 * 1_000_000_000;

fn presets() -> Vec<Preset> {
    bundled().expect("valid presets")
}

fn any_record() -> impl Strategy<Value = OutageRecord> {
    (
        -120i64..44_760, // start minute, a little outside the month too
        0i64..600 * 60,  // length in seconds (up to 10 h)
        0u8..6,          // scope
        prop_oneof![Just(None), (0u64..=100).prop_map(Some)],
        prop_oneof![Just(None), (0usize..6).prop_map(Some)],
        0i64..60, // seconds within the start minute
    )
        .prop_map(|(minute, seconds, scope, rate, excluded, offset)| {
            let start = JULY + minute * MIN + offset * 1_000_000_000;
            OutageRecord {
                start,
                end: start + seconds * 1_000_000_000,
                scope: match scope {
                    0 | 1 => Scope::Region,
                    2 => Scope::Zone("a".into()),
                    3 => Scope::Zone("b".into()),
                    4 => Scope::Zone("c".into()),
                    _ => Scope::Instance {
                        id: "i-1".into(),
                        zone: Some("a".into()),
                    },
                },
                error_rate: rate.map(|r| Percent::from_ppb(r * 10_000_000).expect("≤ 100 %")),
                excluded: excluded.map(|i| Category::ALL[i]),
                description: String::new(),
                line: 0,
            }
        })
}

fn request(bill_cents: i64) -> Request {
    let mut r = Request::new(
        Month::parse("2026-07").expect("valid"),
        chrono::NaiveDate::from_ymd_opt(2026, 8, 10).expect("valid"),
    );
    // A fixed deployment: with zones taken from the log, a record naming a
    // new zone changes the deployment itself (documented in docs/presets.md).
    r.deployment = Deployment {
        zones: vec!["a".into(), "b".into()],
        instance: Some("i-1".into()),
    };
    r.bill = Some(Money::new(bill_cents, Currency::new("USD").expect("valid")));
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn more_downtime_never_raises_uptime_or_lowers_credit(
        log in proptest::collection::vec(any_record(), 0..8),
        extra in any_record(),
        bill in 0i64..10_000_000,
    ) {
        let request = request(bill);
        let mut more = log.clone();
        more.push(extra);
        for preset in presets() {
            let before = evaluate(&preset, &log, &request).expect("evaluates");
            let after = evaluate(&preset, &more, &request).expect("evaluates");
            prop_assert!(after.uptime <= before.uptime, "{}: uptime rose", preset.id);
            prop_assert!(after.credit_percent >= before.credit_percent, "{}: credit fell", preset.id);
            let paid = |e: &sla_presets::evaluate::Evaluation| e.credit.as_ref().map(|c| c.payable.minor_units());
            prop_assert!(paid(&after) >= paid(&before), "{}: payable fell", preset.id);
        }
    }

    #[test]
    fn the_credit_never_exceeds_the_cap_or_the_bill(
        log in proptest::collection::vec(any_record(), 0..8),
        bill in 0i64..100_000_000_000,
        cap in 1u64..=100,
    ) {
        let request = request(bill);
        let mut all = presets();
        // The template with other caps: 1 % to 100 %.
        let (_, text) = sla_presets::bundled_files()
            .iter()
            .find(|(n, _)| *n == "generic-template.json")
            .expect("template");
        let capped = text.replace("\"percent\": \"50\"", &format!("\"percent\": \"{cap}\""));
        all.push(Preset::from_json("capped.json", &capped).expect("valid"));
        for preset in &all {
            let e = evaluate(preset, &log, &request).expect("evaluates");
            let credit = e.credit.expect("a bill");
            let cap_amount = Money::new(bill, credit.bill.currency()).percent(preset.credits.cap.percent, sla_engine::money::Rounding::Down);
            prop_assert!(credit.payable.minor_units() <= cap_amount.minor_units());
            prop_assert!(credit.payable.minor_units() <= bill);
            prop_assert!(credit.payable.minor_units() >= 0);
            prop_assert_eq!(credit.capped, credit.raw.minor_units() > cap_amount.minor_units());
        }
    }

    #[test]
    fn a_credit_is_due_only_below_the_commitment_and_incidents_add_up(
        log in proptest::collection::vec(any_record(), 0..8),
    ) {
        let request = request(100_000);
        for preset in presets() {
            let e = evaluate(&preset, &log, &request).expect("evaluates");
            prop_assert_eq!(e.met, e.uptime.cmp_percent(preset.commitment).is_ge());
            if e.met {
                prop_assert_eq!(e.credit_percent, Percent::ZERO, "{}", preset.id);
            }
            let sum = e.incidents.iter().fold((0i128, 1i128), |(n, d), i| {
                (n * i.units.denominator() + i.units.numerator() * d, d * i.units.denominator())
            });
            let sum = Ratio::new(sum.0, sum.1).expect("non-negative");
            prop_assert_eq!(sum.cmp(&e.measure.down), std::cmp::Ordering::Equal, "{}: incidents {:?} vs {:?}", preset.id, sum, e.measure.down);
            prop_assert!(e.uptime <= Ratio::new(1, 1).expect("one"));
        }
    }

    #[test]
    fn tier_edges_are_exact(ppb_below in 1u64..1_000) {
        for preset in presets() {
            for (i, tier) in preset.credits.tiers.iter().enumerate() {
                let at = preset.schedule().credit_for(Ratio::from_percent(tier.level)).value;
                let below = Percent::from_ppb(tier.level.ppb().saturating_sub(ppb_below)).expect("in range");
                let under = preset.schedule().credit_for(Ratio::from_percent(below)).value;
                // "Less than X %": X itself is not in the tier, anything below is.
                prop_assert!(at.tier.is_none_or(|t| t < i), "{}: tier {} applies at its edge", preset.id, i + 1);
                prop_assert!(under.tier.is_some_and(|t| t >= i), "{}: tier {} not reached below its edge", preset.id, i + 1);
                if let Some(floor) = tier.at_least {
                    let at_floor = preset.schedule().credit_for(Ratio::from_percent(floor)).value;
                    prop_assert_eq!(at_floor.tier, Some(i), "{}: the tier's own lower edge", preset.id);
                }
            }
        }
    }
}
