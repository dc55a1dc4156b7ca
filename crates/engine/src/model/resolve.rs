//! Which targets apply where: the effective targets of every (customer,
//! service) pair, with the provenance of each one, and the list of target
//! *instances* a report evaluates.
//!
//! Rules (documented in `docs/format.md`):
//!
//! - **Service-based** SLA: its targets apply to its service for every
//!   customer that uses the service.
//! - **Customer-based** SLA: its targets apply to every service of its
//!   customer. A target whose metric names no service is measured over the
//!   customer's *combined* service time (all its services together).
//! - **Multi-level**: the corporate level applies to every (customer,
//!   service) pair, the customer level to that customer's services, the
//!   service level to one pair. A lower level *overrides* a higher level's
//!   target with the same `id` and *adds* targets with new ids; everything
//!   else is *inherited*.
//! - OLAs and UCs are not part of the pairs: each of their targets is one
//!   instance for their service, counting only the outages attributed to
//!   their supplier.

use super::{Agreement, AgreementFile, AgreementKind, Metric, Structure, Target, Tier};

/// How a target came to apply to a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The agreement that defines the target in force.
    pub agreement: String,
    /// Its level: corporate, customer or service.
    pub level: Tier,
    /// Agreements (higher levels) whose target with the same id it replaces.
    pub overrides: Vec<String>,
    /// What kind of agreement it is: `corporate level`, `service-based SLA`, `UC`.
    pub source: String,
}

impl Provenance {
    /// `from sla-corp (corporate level)` / `from sla-fin (customer level), overriding sla-corp`.
    pub fn describe(&self) -> String {
        let mut text = format!("from {} ({})", self.agreement, self.source);
        if !self.overrides.is_empty() {
            text.push_str(&format!(", overriding {}", self.overrides.join(", ")));
        }
        text
    }
}

/// A target in force for a pair.
#[derive(Debug, Clone, PartialEq)]
pub struct EffectiveTarget {
    pub target: Target,
    pub provenance: Provenance,
}

/// The effective targets of one (customer, service) pair.
#[derive(Debug, Clone, PartialEq)]
pub struct PairTargets {
    /// `None` when no customer uses the service (a service-based SLA on its own).
    pub customer: Option<String>,
    pub service: String,
    pub targets: Vec<EffectiveTarget>,
}

fn source_of(agreement: &Agreement) -> String {
    match (agreement.kind, agreement.structure) {
        (AgreementKind::Sla, Some(Structure::MultiLevel)) => {
            format!("{} level", level_of(agreement).label())
        }
        (AgreementKind::Sla, Some(Structure::ServiceBased)) => "service-based SLA".into(),
        (AgreementKind::Sla, Some(Structure::CustomerBased)) => "customer-based SLA".into(),
        (kind, _) => kind.label().into(),
    }
}

fn level_of(agreement: &Agreement) -> Tier {
    match (agreement.structure, agreement.level) {
        (Some(Structure::MultiLevel), Some(level)) => level,
        (Some(Structure::CustomerBased), _) => Tier::Customer,
        _ => Tier::Service,
    }
}

fn covers(
    file: &AgreementFile,
    agreement: &Agreement,
    customer: Option<&str>,
    service: &str,
) -> bool {
    if agreement.kind != AgreementKind::Sla {
        return false;
    }
    let uses = |c: &str| {
        file.customers
            .iter()
            .any(|x| x.id == c && x.services.iter().any(|s| s == service))
    };
    match agreement.structure {
        Some(Structure::ServiceBased) => agreement.service.as_deref() == Some(service),
        Some(Structure::CustomerBased) => {
            customer.is_some()
                && agreement.customer.as_deref() == customer
                && customer.is_some_and(uses)
        }
        Some(Structure::MultiLevel) => match agreement.level {
            Some(Tier::Corporate) => customer.is_some_and(uses),
            Some(Tier::Customer) => {
                agreement.customer.as_deref() == customer && customer.is_some_and(uses)
            }
            Some(Tier::Service) => {
                agreement.customer.as_deref() == customer
                    && agreement.service.as_deref() == Some(service)
            }
            None => false,
        },
        None => false,
    }
}

/// The effective targets of every (customer, service) pair: each customer
/// with each service it uses, plus services that no customer uses but an
/// SLA covers. Targets of a multi-level structure override by id; targets
/// of other agreements are listed side by side.
pub fn effective_targets(file: &AgreementFile) -> Vec<PairTargets> {
    let mut pairs: Vec<(Option<String>, String)> = Vec::new();
    for customer in &file.customers {
        for service in &customer.services {
            pairs.push((Some(customer.id.clone()), service.clone()));
        }
    }
    for service in &file.services {
        let used = file
            .customers
            .iter()
            .any(|c| c.services.iter().any(|s| s == &service.id));
        if !used {
            pairs.push((None, service.id.clone()));
        }
    }
    pairs
        .into_iter()
        .map(|(customer, service)| {
            // Higher levels first, so that lower ones override them; file
            // order within a level. (Three passes rather than a stable sort:
            // the same order, without a sort's code in every page's wasm.)
            let (who, what) = (customer.as_deref(), service.as_str());
            let applicable: Vec<&Agreement> = [Tier::Corporate, Tier::Customer, Tier::Service]
                .into_iter()
                .flat_map(|level| {
                    file.agreements
                        .iter()
                        .filter(move |a| level_of(a) == level && covers(file, a, who, what))
                })
                .collect();
            let mut targets: Vec<EffectiveTarget> = Vec::new();
            for agreement in applicable {
                let level = level_of(agreement);
                let multi = agreement.structure == Some(Structure::MultiLevel);
                for target in &agreement.targets {
                    if let Some(service_of_metric) = target.metric.service() {
                        if service_of_metric != service {
                            continue;
                        }
                    }
                    let replaced = multi.then(|| {
                        targets
                            .iter()
                            .position(|t| t.target.id == target.id && t.provenance.level < level)
                    });
                    let provenance = |overrides| Provenance {
                        agreement: agreement.id.clone(),
                        level,
                        overrides,
                        source: source_of(agreement),
                    };
                    match replaced.flatten() {
                        Some(index) => {
                            let old = &targets[index].provenance;
                            let mut overrides = old.overrides.clone();
                            overrides.push(old.agreement.clone());
                            targets[index] = EffectiveTarget {
                                target: target.clone(),
                                provenance: provenance(overrides),
                            };
                        }
                        None => targets.push(EffectiveTarget {
                            target: target.clone(),
                            provenance: provenance(Vec::new()),
                        }),
                    }
                }
            }
            PairTargets {
                customer,
                service,
                targets,
            }
        })
        .collect()
}

/// One target to evaluate in a report: a target of an agreement bound to
/// the services (one, or several combined) it is measured over.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// `agreement/target` or `agreement/target@customer/service`; unique in a report.
    pub key: String,
    /// The agreement whose terms (credits, caps, termination) apply.
    pub agreement: String,
    pub target: Target,
    pub customer: Option<String>,
    /// The services measured; several for a combined customer-based target.
    pub services: Vec<String>,
    /// Only outages attributed to this supplier count (OLAs and UCs).
    pub supplier: Option<String>,
    pub provenance: Provenance,
    /// The customers this instance is reported for (service-based SLAs).
    pub customers: Vec<String>,
}

/// Every target instance of a file, in file order: service- and
/// customer-based SLA targets once each, multi-level targets once per
/// (customer, service) pair they are effective for, OLA and UC targets once.
pub fn instances(file: &AgreementFile) -> Vec<Instance> {
    let mut out = Vec::new();
    let pairs = effective_targets(file);
    for agreement in &file.agreements {
        let level = level_of(agreement);
        let provenance = Provenance {
            agreement: agreement.id.clone(),
            level,
            overrides: Vec::new(),
            source: source_of(agreement),
        };
        match (agreement.kind, agreement.structure) {
            (AgreementKind::Sla, Some(Structure::MultiLevel)) => {
                // Instances are created once, from the customer's view below.
            }
            (AgreementKind::Sla, Some(Structure::CustomerBased)) => {
                let Some(customer) = file
                    .customers
                    .iter()
                    .find(|c| Some(&c.id) == agreement.customer.as_ref())
                else {
                    continue;
                };
                for target in &agreement.targets {
                    let services = match target.metric.service() {
                        Some(service) => vec![service.to_owned()],
                        None => customer.services.clone(),
                    };
                    out.push(Instance {
                        key: format!("{}/{}", agreement.id, target.id),
                        agreement: agreement.id.clone(),
                        target: bind(target, services.first().filter(|_| services.len() == 1)),
                        customer: Some(customer.id.clone()),
                        services,
                        supplier: None,
                        provenance: provenance.clone(),
                        customers: vec![customer.id.clone()],
                    });
                }
            }
            _ => {
                let Some(service) = agreement.service.clone() else {
                    continue;
                };
                let customers = file
                    .customers
                    .iter()
                    .filter(|c| c.services.contains(&service))
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>();
                for target in &agreement.targets {
                    out.push(Instance {
                        key: format!("{}/{}", agreement.id, target.id),
                        agreement: agreement.id.clone(),
                        target: bind(target, Some(&service)),
                        customer: None,
                        services: vec![service.clone()],
                        supplier: (agreement.kind != AgreementKind::Sla)
                            .then(|| agreement.supplier.clone())
                            .flatten(),
                        provenance: provenance.clone(),
                        customers: if agreement.kind == AgreementKind::Sla {
                            customers.clone()
                        } else {
                            Vec::new()
                        },
                    });
                }
            }
        }
    }
    for pair in pairs {
        for effective in pair.targets {
            let Some(agreement) = file
                .agreements
                .iter()
                .find(|a| a.id == effective.provenance.agreement)
            else {
                continue;
            };
            if agreement.structure != Some(Structure::MultiLevel) {
                continue;
            }
            let customer = pair.customer.clone();
            out.push(Instance {
                key: format!(
                    "{}/{}@{}/{}",
                    agreement.id,
                    effective.target.id,
                    customer.as_deref().unwrap_or("-"),
                    pair.service
                ),
                agreement: credit_agreement(file, customer.as_deref(), &agreement.id),
                target: bind(&effective.target, Some(&pair.service)),
                customer: customer.clone(),
                services: vec![pair.service.clone()],
                supplier: None,
                provenance: effective.provenance,
                customers: customer.into_iter().collect(),
            });
        }
    }
    out
}

/// In a multi-level structure, credits are settled per customer: the terms
/// of the customer-level agreement when it has credit terms, otherwise of the
/// agreement that defines the target.
fn credit_agreement(file: &AgreementFile, customer: Option<&str>, defining: &str) -> String {
    file.agreements
        .iter()
        .find(|a| {
            a.structure == Some(Structure::MultiLevel)
                && a.level == Some(Tier::Customer)
                && a.customer.as_deref() == customer
                && a.credits.is_some()
        })
        .map(|a| a.id.clone())
        .unwrap_or_else(|| defining.to_owned())
}

/// The target with its metric bound to `service` when the metric leaves it open.
fn bind(target: &Target, service: Option<&String>) -> Target {
    let mut target = target.clone();
    if let Some(service) = service {
        match &mut target.metric {
            Metric::Availability { service: s, .. }
            | Metric::ResponseTime { service: s, .. }
            | Metric::ResolutionTime { service: s, .. }
            | Metric::Mttr { service: s }
                if s.is_none() =>
            {
                *s = Some(service.clone());
            }
            _ => {}
        }
    }
    target
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;

    /// Corporate: availability 99.5 and response 4h for everyone; Finance
    /// (customer level) overrides availability with 99.9; Finance × mail
    /// (service level) adds a resolution target. HR inherits everything.
    fn multi_level() -> AgreementFile {
        let text = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "Group IT",
            "currency": "EUR", "time_zone": "Europe/Berlin",
            "provider": {"name": "Group IT"},
            "services": [{"id": "mail", "name": "Mail"}, {"id": "erp", "name": "ERP"}],
            "customers": [
                {"id": "finance", "name": "Finance", "services": ["mail", "erp"]},
                {"id": "hr", "name": "HR", "services": ["mail"]}
            ],
            "agreements": [
                {"id": "corp", "name": "Corporate", "kind": "sla", "structure": "multi_level", "level": "corporate",
                 "targets": [
                    {"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.5"},
                    {"id": "response", "name": "P1 response", "metric": {"type": "response_time", "priority": "P1", "within": "4h"}, "expected": "95"}
                 ]},
                {"id": "fin", "name": "Finance", "kind": "sla", "structure": "multi_level", "level": "customer", "customer": "finance",
                 "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.9"}]},
                {"id": "fin-mail", "name": "Finance mail", "kind": "sla", "structure": "multi_level", "level": "service", "customer": "finance", "service": "mail",
                 "targets": [{"id": "resolution", "name": "P1 resolution", "metric": {"type": "resolution_time", "priority": "P1", "within": "8h"}, "expected": "90"}]}
            ]
        });
        load::agreements(&text.to_string()).expect("valid")
    }

    fn summary(pairs: &[PairTargets]) -> Vec<String> {
        pairs
            .iter()
            .flat_map(|p| {
                p.targets.iter().map(move |t| {
                    format!(
                        "{}×{}: {} {} {}",
                        p.customer.as_deref().unwrap_or("-"),
                        p.service,
                        t.target.id,
                        t.target.expected.text(),
                        t.provenance.describe()
                    )
                })
            })
            .collect()
    }

    #[test]
    fn lower_levels_inherit_override_and_add() {
        assert_eq!(
            summary(&effective_targets(&multi_level())),
            [
                "finance×mail: availability 99.9 from fin (customer level), overriding corp",
                "finance×mail: response 95 from corp (corporate level)",
                "finance×mail: resolution 90 from fin-mail (service level)",
                "finance×erp: availability 99.9 from fin (customer level), overriding corp",
                "finance×erp: response 95 from corp (corporate level)",
                "hr×mail: availability 99.5 from corp (corporate level)",
                "hr×mail: response 95 from corp (corporate level)",
            ]
        );
    }

    #[test]
    fn multi_level_instances_are_per_pair_and_bound_to_the_service() {
        let instances = instances(&multi_level());
        let keys: Vec<&str> = instances.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "fin/availability@finance/mail",
                "corp/response@finance/mail",
                "fin-mail/resolution@finance/mail",
                "fin/availability@finance/erp",
                "corp/response@finance/erp",
                "corp/availability@hr/mail",
                "corp/response@hr/mail",
            ]
        );
        assert_eq!(instances[3].target.metric.service(), Some("erp"));
    }
}
