//! Alignment checks: do the OLAs and UCs support the SLA targets they are
//! linked to? Each finding is a warning (the file is still usable) with an
//! explanation a service level manager can act on.
//!
//! 1. **Weaker support**: an OLA/UC target promises less than the SLA target
//!    it supports (a lower availability, a longer response time, a smaller
//!    share of tickets within target). Not for an availability behind a
//!    service with `dependencies`: one of two in parallel may promise less,
//!    and what they give together is check 2's.
//! 2. **Unreachable composite**: the SLA availability target is above what its
//!    supporting availabilities give together, exactly: by the service's
//!    `dependencies` (serial, parallel, k of n, nested) when given, else
//!    every supporting target in series (all needed): composite = Π
//!    expected levels ([`crate::capability::supplied`], one rule).
//! 3. **No support**: a service in an SLA with no OLA or UC behind it, and a
//!    service that no SLA covers.

use serde::Serialize;

use super::{AgreementFile, AgreementKind, Direction, Metric, Target};

/// A finding of the alignment checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The JSON path of the field concerned.
    pub path: String,
    /// `weaker_support`, `unreachable_composite`, `composite_not_checked`, `no_support`, `not_covered`, `different_metric`.
    pub kind: String,
    pub message: String,
}

fn find<'a>(file: &'a AgreementFile, reference: &str) -> Option<&'a Target> {
    let (agreement, target) = reference.split_once('/')?;
    file.agreements
        .iter()
        .find(|a| a.id == agreement)?
        .targets
        .iter()
        .find(|t| t.id == target)
}

fn same_kind(a: &Metric, b: &Metric) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

/// Whether the service of the SLA target `reference` has `dependencies`.
fn depends(file: &AgreementFile, reference: &str) -> bool {
    let Some((agreement, target)) = reference.split_once('/').and_then(|(a, t)| {
        let agreement = file.agreements.iter().find(|x| x.id == a)?;
        Some((agreement, agreement.targets.iter().find(|x| x.id == t)?))
    }) else {
        return false;
    };
    super::load::target_service(agreement, target).is_some_and(|id| {
        file.services
            .iter()
            .any(|s| s.id == id && s.dependencies.is_some())
    })
}

/// Whether `part` is one of the parts the dependencies behind the SLA
/// target `reference` name.
fn in_dependencies(file: &AgreementFile, reference: &str, part: &str) -> bool {
    crate::capability::supplied(file, reference)
        .ok()
        .flatten()
        .is_some_and(|s| s.leaves.iter().any(|(name, _)| name == part))
}

/// Runs every check.
pub fn check(file: &AgreementFile) -> Vec<Warning> {
    let mut warnings = Vec::new();
    // 1. weaker support, per link.
    for (i, agreement) in file.agreements.iter().enumerate() {
        if agreement.kind == AgreementKind::Sla {
            continue;
        }
        for (j, target) in agreement.targets.iter().enumerate() {
            for (k, reference) in target.supports.iter().enumerate() {
                let Some(supported) = find(file, reference) else {
                    continue;
                };
                let path = format!("agreements[{i}].targets[{j}].supports[{k}]");
                if !same_kind(&target.metric, &supported.metric) {
                    warnings.push(Warning {
                        path,
                        kind: "different_metric".into(),
                        message: format!(
                            "{} `{}` measures {} but supports `{reference}`, which measures {}; the levels cannot be compared",
                            agreement.kind.label(), target.id, target.metric.label(), supported.metric.label()
                        ),
                    });
                    continue;
                }
                let direction = supported
                    .direction
                    .unwrap_or_else(|| supported.metric.default_direction());
                // An availability behind a service with `dependencies` may
                // be below the SLA's (one of two in parallel): what they
                // give together is check 2's.
                let composed = matches!(target.metric, Metric::Availability { .. })
                    && depends(file, reference)
                    && in_dependencies(file, reference, &format!("{}/{}", agreement.id, target.id));
                let weaker_level = !composed
                    && match direction {
                        Direction::AtLeast => target.expected.value() < supported.expected.value(),
                        Direction::AtMost => target.expected.value() > supported.expected.value(),
                    };
                if weaker_level {
                    warnings.push(Warning {
                        path: path.clone(),
                        kind: "weaker_support".into(),
                        message: format!(
                            "{} `{}/{}` promises {} {}, weaker than the {} {} of `{reference}` it supports: the SLA cannot rely on it",
                            agreement.kind.label(), agreement.id, target.id,
                            target.expected.text(), target.metric.unit(),
                            supported.expected.text(), supported.metric.unit()
                        ),
                    });
                }
                let within = |m: &Metric| match m {
                    Metric::ResponseTime { within, .. } | Metric::ResolutionTime { within, .. } => {
                        Some(within.0)
                    }
                    _ => None,
                };
                if let (Some(ours), Some(theirs)) =
                    (within(&target.metric), within(&supported.metric))
                {
                    if ours > theirs {
                        warnings.push(Warning {
                            path,
                            kind: "weaker_support".into(),
                            message: format!(
                                "{} `{}/{}` allows {} where `{reference}` promises {}: a ticket can meet the {} and still breach the SLA",
                                agreement.kind.label(), agreement.id, target.id,
                                ours.human(), theirs.human(), agreement.kind.label()
                            ),
                        });
                    }
                }
            }
        }
    }
    // 2. what the supporting availabilities deliver together: the
    // service's dependencies when given, else the supporting targets in
    // series (`capability::supplied`, the one rule).
    for (i, agreement) in file.agreements.iter().enumerate() {
        if agreement.kind != AgreementKind::Sla {
            continue;
        }
        for (j, target) in agreement.targets.iter().enumerate() {
            if !matches!(target.metric, Metric::Availability { .. }) {
                continue;
            }
            let reference = format!("{}/{}", agreement.id, target.id);
            let supplied = match crate::capability::supplied(file, &reference) {
                Ok(Some(supplied)) => supplied,
                Ok(None) => continue, // nothing behind it: check 3
                Err(why) => {
                    warnings.push(Warning {
                        path: format!("agreements[{i}].targets[{j}]"),
                        kind: "composite_not_checked".into(),
                        message: format!(
                            "what the suppliers deliver for `{reference}` is not worked out: {why}"
                        ),
                    });
                    continue;
                }
            };
            // One supporting target in series is check 1's.
            if supplied.basis == crate::capability::Basis::Series && supplied.leaves.len() < 2 {
                continue;
            }
            let Ok(expected) = target.expected.percent() else {
                continue; // refused at its path by `validate`
            };
            let wanted = crate::composite::Exact::of_percent(expected);
            if supplied.value.cmp_exact(&wanted) == std::cmp::Ordering::Less {
                let how = match &supplied.basis {
                    crate::capability::Basis::Series => format!(
                        "its supporting agreements in series give at most {} % ({})",
                        crate::capability::shown(&supplied.value),
                        supplied
                            .leaves
                            .iter()
                            .map(|(name, level)| format!("{name} {} %", level.to_decimal_string()))
                            .collect::<Vec<_>>()
                            .join(" × ")
                    ),
                    crate::capability::Basis::Dependencies { service } => format!(
                        "the dependencies of service `{service}`, {}, give at most {} %",
                        supplied.component.to_text(),
                        crate::capability::shown(&supplied.value),
                    ),
                };
                warnings.push(Warning {
                    path: format!("agreements[{i}].targets[{j}].expected"),
                    kind: "unreachable_composite".into(),
                    message: format!(
                        "`{reference}` promises {} %, but {how}; even when every supplier meets its target the SLA can be missed",
                        target.expected.text(),
                    ),
                });
            }
        }
    }
    // 3. services without support or without an SLA.
    for (i, service) in file.services.iter().enumerate() {
        let in_sla = file.agreements.iter().any(|a| {
            a.kind == AgreementKind::Sla
                && (a.service.as_deref() == Some(&service.id)
                    || (a.service.is_none()
                        && file.customers.iter().any(|c| {
                            c.services.contains(&service.id)
                                && (a.customer.is_none() || a.customer.as_deref() == Some(&c.id))
                        })))
        });
        let supported = file
            .agreements
            .iter()
            .any(|a| a.kind != AgreementKind::Sla && a.service.as_deref() == Some(&service.id));
        if !in_sla {
            warnings.push(Warning {
                path: format!("services[{i}]"),
                kind: "not_covered".into(),
                message: format!("service `{}` is in no SLA", service.id),
            });
        } else if !supported {
            warnings.push(Warning {
                path: format!("services[{i}]"),
                kind: "no_support".into(),
                message: format!(
                    "service `{}` has no OLA or UC behind it: nothing underpins its SLA targets",
                    service.id
                ),
            });
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;

    fn file(ola: &str, uc: &str, ola_within: &str) -> AgreementFile {
        let text = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "Shop",
            "currency": "EUR", "time_zone": "UTC", "provider": {"name": "Shop IT"},
            "services": [{"id": "shop", "name": "Web shop"}, {"id": "blog", "name": "Blog"}],
            "suppliers": [{"id": "ops", "name": "Operations", "internal": true}, {"id": "cloud", "name": "Cloud Inc"}],
            "agreements": [
                {"id": "sla", "name": "Shop SLA", "kind": "sla", "structure": "service_based", "service": "shop",
                 "targets": [
                    {"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.9"},
                    {"id": "response", "name": "P1 response", "metric": {"type": "response_time", "priority": "P1", "within": "1h"}, "expected": "95"}
                 ]},
                {"id": "ola", "name": "Ops OLA", "kind": "ola", "service": "shop", "supplier": "ops",
                 "targets": [
                    {"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": ola, "supports": ["sla/availability"]},
                    {"id": "response", "name": "P1 response", "metric": {"type": "response_time", "priority": "P1", "within": ola_within}, "expected": "95", "supports": ["sla/response"]}
                 ]},
                {"id": "uc", "name": "Cloud UC", "kind": "uc", "service": "shop", "supplier": "cloud",
                 "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": uc, "supports": ["sla/availability"]}]}
            ]
        });
        load::agreements(&text.to_string()).expect("valid")
    }

    #[test]
    fn aligned_agreements_give_only_the_uncovered_service() {
        // 99.99 % × 99.95 % = 99.940005 % ≥ 99.9 %: reachable.
        let warnings = check(&file("99.99", "99.95", "30m"));
        let kinds: Vec<&str> = warnings.iter().map(|w| w.kind.as_str()).collect();
        assert_eq!(kinds, ["not_covered"], "{warnings:?}");
        assert_eq!(warnings[0].path, "services[1]");
    }

    #[test]
    fn a_weaker_ola_and_an_unreachable_composite_are_flagged() {
        // 99.95 % × 99.95 % = 99.900025 % ≥ 99.9 % (reachable), but 99.92 × 99.95 = 99.870040 % is not.
        let warnings = check(&file("99.92", "99.95", "2h"));
        let kinds: Vec<&str> = warnings.iter().map(|w| w.kind.as_str()).collect();
        assert_eq!(
            kinds,
            ["weaker_support", "unreachable_composite", "not_covered"],
            "{warnings:?}"
        );
        assert!(warnings[0]
            .message
            .contains("allows 2h where `sla/response` promises 1h"));
        assert!(
            warnings[1].message.contains("99.87004 %"),
            "{}",
            warnings[1].message
        );
        let reachable = check(&file("99.95", "99.95", "1h"));
        assert!(reachable.iter().all(|w| w.kind != "unreachable_composite"));
    }

    #[test]
    fn a_support_below_the_sla_level_is_weaker() {
        let warnings = check(&file("99.5", "99.99", "1h"));
        assert_eq!(warnings[0].kind, "weaker_support");
        assert!(warnings[0]
            .message
            .contains("promises 99.5 %, weaker than the 99.9 %"));
    }
}
