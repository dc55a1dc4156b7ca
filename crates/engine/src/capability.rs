//! Requirements against capability: each service level requirement (SLR,
//! what the customer asked of an SLA target) beside what the supporting
//! OLAs and UCs can deliver together, the gap, and what would close it.
//!
//! **What the suppliers deliver together** (availability), exactly
//! ([`crate::composite`], arbitrary-precision): when the SLA target's
//! service has `dependencies`, the tree they describe, each OLA or UC
//! target at its promised level and each service by its own dependencies;
//! otherwise every OLA and UC availability target that `supports` the SLA
//! target, in series (all needed). The alignment check
//! ([`crate::model::align`]) uses the same rule ([`supplied`]).
//!
//! **What would close a gap** (availability):
//! - a stronger supplier target: for each supporting target, the lowest
//!   level (in steps of 0.001 %) that, with the others as they are, gives
//!   the requirement, found by bisection (what the suppliers deliver never
//!   falls when one of them promises more);
//! - a redundant component: each supporting target doubled in parallel (a
//!   second, independent supplier at the same level);
//! - narrower service hours: the share of the suppliers' downtime that
//!   would have to fall outside the SLA's service hours, 1 − (1 − R) × h /
//!   (1 − C), with R the requirement, C what the suppliers deliver and h
//!   the share of the week the SLA's hours cover (the suppliers' levels are
//!   taken over the whole week);
//! - a lower requirement: what the suppliers deliver, rounded down to
//!   0.001 %.
//!
//! **Times** (response and resolution): each supporting OLA or UC time
//! target beside the requirement: covered when it promises at least the
//! share within at most the time; a target that does not is named with
//! what it would have to promise.

use std::cmp::Ordering;

use crate::composite::{Component, Exact};
use crate::model::load::target_service;
use crate::model::{
    Agreement, AgreementFile, AgreementKind, Dependency, Metric, Requirement, Target,
};
use crate::service_hours::WeeklyHours;
use crate::Percent;

/// The step of the search for a stronger supplier level: 0.001 %.
const STEP_PPB: u64 = 10_000;
/// How deep services may refer to services (validation refuses cycles).
const MAX_DEPTH: usize = 32;
/// The most parts the dependencies may reach through their services.
const MAX_LEAVES: usize = 1_024;

/// What the supporting agreements deliver for an SLA availability target.
#[derive(Debug, Clone, PartialEq)]
pub struct Supplied {
    /// How it was put together.
    pub basis: Basis,
    /// The composite of the supporting targets' levels.
    pub component: Component,
    /// The supporting targets (`agreement/target`) and their levels, each
    /// once, in the order they first appear.
    pub leaves: Vec<(String, Percent)>,
    /// Exactly.
    pub value: Exact,
    tree: Node,
}

/// How a [`Supplied`] was put together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The service's `dependencies`.
    Dependencies { service: String },
    /// Every supporting target in series (no dependencies given).
    Series,
}

/// A dependency tree with its leaves resolved to supporting targets.
#[derive(Debug, Clone, PartialEq)]
enum Node {
    Leaf(String, Percent),
    Serial(Vec<Node>),
    Parallel(Vec<Node>),
    KOfN(usize, Vec<Node>),
}

impl Node {
    /// The composite, with `replace` giving another node for a leaf.
    fn component(&self, replace: &dyn Fn(&str, Percent) -> Option<Component>) -> Component {
        let all = |parts: &[Node]| parts.iter().map(|p| p.component(replace)).collect();
        match self {
            Node::Leaf(name, level) => replace(name, *level).unwrap_or(Component::Level(*level)),
            Node::Serial(parts) => Component::Serial(all(parts)),
            Node::Parallel(parts) => Component::Parallel(all(parts)),
            Node::KOfN(k, parts) => Component::KOfN {
                k: *k,
                parts: all(parts),
            },
        }
    }

    /// Every leaf's name, once per time it appears.
    fn occurrences(&self, out: &mut Vec<String>) {
        match self {
            Node::Leaf(name, _) => out.push(name.clone()),
            Node::Serial(parts) | Node::Parallel(parts) | Node::KOfN(_, parts) => {
                for part in parts {
                    part.occurrences(out);
                }
            }
        }
    }

    fn leaves(&self, out: &mut Vec<(String, Percent)>) {
        match self {
            Node::Leaf(name, level) => {
                if !out.iter().any(|(n, _)| n == name) {
                    out.push((name.clone(), *level));
                }
            }
            Node::Serial(parts) | Node::Parallel(parts) | Node::KOfN(_, parts) => {
                for part in parts {
                    part.leaves(out);
                }
            }
        }
    }
}

fn find<'a>(file: &'a AgreementFile, reference: &str) -> Option<(&'a Agreement, &'a Target)> {
    let (a, t) = reference.split_once('/')?;
    let agreement = file.agreements.iter().find(|x| x.id == a)?;
    Some((agreement, agreement.targets.iter().find(|x| x.id == t)?))
}

/// The OLA and UC availability targets that `chosen` picks, as leaves at
/// their levels (a file that passed validation has every level readable).
fn supplier_leaves(
    file: &AgreementFile,
    chosen: impl Fn(&Agreement, &Target) -> bool,
) -> Vec<Node> {
    let mut leaves = Vec::new();
    for agreement in file
        .agreements
        .iter()
        .filter(|a| a.kind != AgreementKind::Sla)
    {
        for target in &agreement.targets {
            if !matches!(target.metric, Metric::Availability { .. }) || !chosen(agreement, target) {
                continue;
            }
            if let Ok(level) = target.expected.percent() {
                leaves.push(Node::Leaf(format!("{}/{}", agreement.id, target.id), level));
            }
        }
    }
    leaves
}

/// A service's own tree: its dependencies, else its OLA and UC availability
/// targets in series; `None` when it has neither.
fn service_tree(file: &AgreementFile, service: &str, depth: usize) -> Result<Node, String> {
    if depth > MAX_DEPTH {
        return Err(format!(
            "service `{service}` is reached through more than {MAX_DEPTH} services"
        ));
    }
    let found = file
        .services
        .iter()
        .find(|s| s.id == service)
        .ok_or_else(|| format!("no service has the id `{service}`"))?;
    if let Some(dependency) = found
        .dependencies
        .as_deref()
        .and_then(|l| Dependency::parse(l).ok())
    {
        return tree(file, &dependency, depth);
    }
    let own = supplier_leaves(file, |a, t| target_service(a, t) == Some(service));
    if own.is_empty() {
        return Err(format!(
            "service `{service}` has no dependencies and no OLA or UC availability target"
        ));
    }
    Ok(Node::Serial(own))
}

fn tree(file: &AgreementFile, dependency: &Dependency, depth: usize) -> Result<Node, String> {
    let all = |parts: &[Dependency]| {
        parts
            .iter()
            .map(|p| tree(file, p, depth + 1))
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(match dependency {
        Dependency::Target(reference) => {
            let (_, target) =
                find(file, reference).ok_or_else(|| format!("no target is `{reference}`"))?;
            let level = target
                .expected
                .percent()
                .map_err(|e| format!("`{reference}`: {e}"))?;
            Node::Leaf(reference.clone(), level)
        }
        Dependency::Service(id) => service_tree(file, id, depth + 1)?,
        Dependency::Serial(parts) => Node::Serial(all(parts)?),
        Dependency::Parallel(parts) => Node::Parallel(all(parts)?),
        Dependency::KOfN { k, of } => Node::KOfN(*k, all(of)?),
    })
}

/// What the supporting agreements deliver for the SLA availability target
/// `reference` (`agreement/target`): by the service's dependencies when
/// given, else the targets that support it in series. `Ok(None)` when no
/// dependency and no supporting availability target is there.
///
/// # Errors
/// A reference that is not an SLA availability target, or dependencies
/// that cannot be followed (validation refuses those at their path).
pub fn supplied(file: &AgreementFile, reference: &str) -> Result<Option<Supplied>, String> {
    let (agreement, target) =
        find(file, reference).ok_or_else(|| format!("no target is `{reference}`"))?;
    if agreement.kind != AgreementKind::Sla || !matches!(target.metric, Metric::Availability { .. })
    {
        return Err(format!("`{reference}` is not an SLA availability target"));
    }
    let service = target_service(agreement, target);
    let dependencies = service.and_then(|id| {
        file.services
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.dependencies.as_deref())
            .and_then(|line| Dependency::parse(line).ok())
    });
    let (basis, node) = match (service, dependencies) {
        (Some(id), Some(dependency)) => (
            Basis::Dependencies {
                service: id.to_string(),
            },
            tree(file, &dependency, 0)?,
        ),
        _ => {
            let leaves = supplier_leaves(file, |_, t| t.supports.iter().any(|s| s == reference));
            if leaves.is_empty() {
                return Ok(None);
            }
            (Basis::Series, Node::Serial(leaves))
        }
    };
    // The parts are taken to fail independently: a supporting target
    // reached twice (through two services) would be counted as two.
    let mut seen = Vec::new();
    node.occurrences(&mut seen);
    if seen.len() > MAX_LEAVES {
        return Err(format!(
            "the dependencies reach more than {MAX_LEAVES} parts through their services"
        ));
    }
    crate::order::sort(&mut seen);
    if let Some(twice) = seen.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!(
            "`{}` is reached twice through the dependencies: the parts are taken to fail independently, so one part cannot count as two",
            twice[0]
        ));
    }
    let component = node.component(&|_, _| None);
    let mut leaves = Vec::new();
    node.leaves(&mut leaves);
    Ok(Some(Supplied {
        basis,
        value: component.exact(),
        component,
        leaves,
        tree: node,
    }))
}

/// A requirement beside what the suppliers deliver.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub service: String,
    /// Its index among the service's requirements.
    pub index: usize,
    pub requirement: Requirement,
    /// The SLA target's own level, as written.
    pub promised: String,
    pub outcome: Outcome,
}

/// How a requirement stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Availability {
        required: Percent,
        supplied: Option<Supplied>,
        /// What the suppliers deliver − the requirement, in percentage
        /// points with 4 decimals, toward the worse side.
        gap: Option<String>,
        met: Option<bool>,
        closing: Vec<Closing>,
    },
    Time {
        /// The time asked for (the SLA target's own when the requirement
        /// gives none) and the share within it.
        within: crate::TimeSpan,
        share: Percent,
        /// Each supporting time target: its reference, time, share and
        /// whether it covers the requirement.
        supporting: Vec<(String, crate::TimeSpan, Percent, bool)>,
        closing: Vec<Closing>,
    },
    /// Not compared, and why.
    NotCompared(String),
}

/// What would close a gap.
#[derive(Debug, Clone, PartialEq)]
pub enum Closing {
    /// `target` at `level` (the lowest in steps of 0.001 % that suffices).
    StrongerSupplier {
        target: String,
        from: Percent,
        to: Percent,
    },
    /// `target` at a level no higher than 100 % is not enough.
    SupplierCannot { target: String },
    /// `target` doubled in parallel: what the suppliers would then deliver.
    Redundant {
        target: String,
        gives: Exact,
        closes: bool,
    },
    /// At least this share of the suppliers' downtime outside the service
    /// hours (which cover `hours_share` of the week), rounded up to 0.1 %.
    ServiceHours { outside: f64, hours_share: f64 },
    /// The requirement lowered to this level.
    LowerRequirement { to: String },
    /// A time target that would cover the requirement: at most `within`
    /// for at least `share`.
    StrongerTime {
        target: String,
        within: crate::TimeSpan,
        share: Percent,
    },
}

/// Every requirement of every service.
pub fn check(file: &AgreementFile) -> Vec<Check> {
    let mut checks = Vec::new();
    for service in &file.services {
        for (index, requirement) in service.requirements.iter().enumerate() {
            let Some((agreement, target)) = find(file, &requirement.target) else {
                continue; // refused at its path by `validate`
            };
            let reference = requirement.target.as_str();
            let outcome = match &target.metric {
                Metric::Availability { .. } => availability(file, reference, requirement, agreement, target),
                Metric::ResponseTime { within, .. } | Metric::ResolutionTime { within, .. } => {
                    time(file, reference, requirement, within.0)
                }
                other => Outcome::NotCompared(format!(
                    "requirements are compared for availability and response or resolution times, not {}",
                    other.label()
                )),
            };
            checks.push(Check {
                service: service.id.clone(),
                index,
                requirement: requirement.clone(),
                promised: target.expected.text().to_string(),
                outcome,
            });
        }
    }
    checks
}

fn availability(
    file: &AgreementFile,
    reference: &str,
    requirement: &Requirement,
    agreement: &Agreement,
    target: &Target,
) -> Outcome {
    let Ok(required) = requirement.expected.percent() else {
        return Outcome::NotCompared("the level asked for is not a percentage".into());
    };
    let supplied = match supplied(file, reference) {
        Ok(Some(supplied)) => supplied,
        Ok(None) => {
            return Outcome::Availability {
                required,
                supplied: None,
                gap: None,
                met: None,
                closing: Vec::new(),
            }
        }
        Err(why) => return Outcome::NotCompared(why),
    };
    let wanted = Exact::of_percent(required);
    let met = supplied.value.cmp_exact(&wanted) != Ordering::Less;
    let gap = supplied.value.points_to(&wanted, 4);
    let mut closing = Vec::new();
    if !met {
        let reaches = |c: &Component| c.exact().cmp_exact(&wanted) != Ordering::Less;
        for (name, level) in &supplied.leaves {
            let with = |ppb: u64| {
                let p = Percent::from_ppb(ppb).unwrap_or(*level);
                supplied
                    .tree
                    .component(&|leaf, _| (leaf == name).then_some(Component::Level(p)))
            };
            // The lowest step above the level that reaches it, by bisection.
            let (mut low, mut high) = (level.ppb() / STEP_PPB, 100_000u64);
            if !reaches(&with(high * STEP_PPB)) {
                closing.push(Closing::SupplierCannot {
                    target: name.clone(),
                });
            } else {
                while high - low > 1 {
                    let mid = (low + high) / 2;
                    if reaches(&with(mid * STEP_PPB)) {
                        high = mid;
                    } else {
                        low = mid;
                    }
                }
                closing.push(Closing::StrongerSupplier {
                    target: name.clone(),
                    from: *level,
                    to: Percent::from_ppb(high * STEP_PPB).unwrap_or(*level),
                });
            }
        }
        for (name, level) in &supplied.leaves {
            let doubled = supplied.tree.component(&|leaf, _| {
                (leaf == name).then(|| {
                    Component::Parallel(vec![Component::Level(*level), Component::Level(*level)])
                })
            });
            closing.push(Closing::Redundant {
                target: name.clone(),
                closes: reaches(&doubled),
                gives: doubled.exact(),
            });
        }
        let hours_share = target
            .calendar
            .as_deref()
            .and_then(|id| file.calendars.iter().find(|c| c.id == id))
            .and_then(|c| WeeklyHours::parse(&c.hours).ok())
            .map_or(1.0, |hours| {
                hours.per_week().nanos() as f64 / (7.0 * 86_400e9)
            });
        let down_supplied = 1.0 - supplied.value.as_f64();
        let allowed = 1.0 - required.ppb() as f64 / 1e9;
        if down_supplied > 0.0 {
            let outside = 1.0 - allowed * hours_share / down_supplied;
            closing.push(Closing::ServiceHours {
                outside: (outside * 1000.0).ceil() / 1000.0,
                hours_share,
            });
        }
        closing.push(Closing::LowerRequirement {
            to: supplied.value.percent_rounded_down(3),
        });
        let _ = agreement;
    }
    Outcome::Availability {
        required,
        supplied: Some(supplied),
        gap: Some(gap),
        met: Some(met),
        closing,
    }
}

fn time(
    file: &AgreementFile,
    reference: &str,
    requirement: &Requirement,
    own: crate::TimeSpan,
) -> Outcome {
    let Ok(share) = requirement.expected.percent() else {
        return Outcome::NotCompared("the share asked for is not a percentage".into());
    };
    let within = requirement.within.map_or(own, |d| d.0);
    let mut supporting = Vec::new();
    let mut closing = Vec::new();
    for agreement in file
        .agreements
        .iter()
        .filter(|a| a.kind != AgreementKind::Sla)
    {
        for target in agreement
            .targets
            .iter()
            .filter(|t| t.supports.iter().any(|s| s == reference))
        {
            let (Metric::ResponseTime { within: theirs, .. }
            | Metric::ResolutionTime { within: theirs, .. }) = &target.metric
            else {
                continue;
            };
            let Ok(their_share) = target.expected.percent() else {
                continue;
            };
            let name = format!("{}/{}", agreement.id, target.id);
            let covers = theirs.0 <= within && their_share >= share;
            if !covers {
                closing.push(Closing::StrongerTime {
                    target: name.clone(),
                    within: theirs.0.min(within),
                    share: their_share.max(share),
                });
            }
            supporting.push((name, theirs.0, their_share, covers));
        }
    }
    Outcome::Time {
        within,
        share,
        supporting,
        closing,
    }
}

impl Closing {
    /// In words, as `sla requirements` and the workbench write it.
    pub fn text(&self) -> String {
        match self {
            Closing::StrongerSupplier { target, from, to } => format!(
                "a stronger supplier target: `{target}` at {} % instead of {} %",
                to.to_decimal_string(),
                from.to_decimal_string()
            ),
            Closing::SupplierCannot { target } => {
                format!("`{target}` alone cannot close it, not even at 100 %")
            }
            Closing::Redundant {
                target,
                gives,
                closes,
            } => format!(
                "a redundant component: `{target}` doubled in parallel gives {} %{}",
                shown(gives),
                if *closes { ", enough" } else { ", not enough" }
            ),
            Closing::ServiceHours {
                outside,
                hours_share,
            } => {
                let share = format!("{:.1} %", outside * 100.0);
                if *hours_share >= 1.0 {
                    format!("narrower service hours (the SLA's are 24×7 now), with at least {share} of the suppliers' downtime outside them (planned maintenance, for example)")
                } else {
                    format!(
                        "narrower service hours: at least {share} of the suppliers' downtime outside them (they now cover {:.1} % of the week)",
                        hours_share * 100.0
                    )
                }
            }
            Closing::LowerRequirement { to } => {
                format!("a lower requirement: at most {to} %, what the suppliers deliver")
            }
            Closing::StrongerTime {
                target,
                within,
                share,
            } => format!(
                "a stronger supplier target: `{target}` with {} % within {}",
                share.to_decimal_string(),
                within.exact_text()
            ),
        }
    }
}

/// An exact availability, every digit up to 9 decimals (rounded down) and
/// `…` when more follow.
pub fn shown(value: &Exact) -> String {
    let text = value.percent_rounded_down(9);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if value.exact_decimals() > 9 {
        format!("{text}…")
    } else {
        text.to_string()
    }
}

impl Supplied {
    /// How it was put together, in words.
    pub fn basis_text(&self) -> String {
        match &self.basis {
            Basis::Dependencies { service } => format!(
                "by the dependencies of service `{service}`: {}",
                self.component.to_text()
            ),
            Basis::Series => format!(
                "the supporting targets in series (no dependencies given): {}",
                self.leaves
                    .iter()
                    .map(|(name, level)| format!("{name} {} %", level.to_decimal_string()))
                    .collect::<Vec<_>>()
                    .join(" × ")
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// Back-to-back exposure: what an SLA would pay against what its UCs would
// give back, from a report of measurements.

/// An SLA backed by UCs over a report's periods.
#[derive(Debug, Clone, PartialEq)]
pub struct Exposure {
    /// The SLA's id.
    pub sla: String,
    /// The UCs behind it: those with a target that supports one of its
    /// targets or is in its service's dependencies.
    pub ucs: Vec<String>,
    pub periods: Vec<ExposurePeriod>,
}

/// One period of an [`Exposure`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExposurePeriod {
    pub period: crate::time::ReportPeriod,
    /// What the SLA pays (its credit group's net credit).
    pub pays: Money,
    /// What the UCs give back (their groups' net credits).
    pub recovers: Money,
    /// `pays − recovers`: what is left with us.
    pub left: Money,
    /// Where `left` comes from; the amounts add up to it exactly.
    pub sources: Vec<(String, Money)>,
}

use crate::money::Money;
use crate::report::Report;

/// The back-to-back exposure of each SLA backed by at least one UC, from
/// `report` (a report of `file` over some measurements).
pub fn exposure(file: &AgreementFile, report: &Report) -> Vec<Exposure> {
    let currency = report.currency;
    let zero = Money::new(0, currency);
    let add =
        |a: Money, b: Money| Money::new(a.minor_units().saturating_add(b.minor_units()), currency);
    let sub =
        |a: Money, b: Money| Money::new(a.minor_units().saturating_sub(b.minor_units()), currency);
    let mut out = Vec::new();
    for sla in file
        .agreements
        .iter()
        .filter(|a| a.kind == AgreementKind::Sla)
    {
        let references: Vec<String> = sla
            .targets
            .iter()
            .map(|t| format!("{}/{}", sla.id, t.id))
            .collect();
        let mut in_dependencies: Vec<String> = Vec::new();
        for target in &sla.targets {
            if let Some(dependency) = target_service(sla, target)
                .and_then(|id| file.services.iter().find(|s| s.id == id))
                .and_then(|s| s.dependencies.as_deref())
                .and_then(|line| Dependency::parse(line).ok())
            {
                if let Ok(node) = tree(file, &dependency, 0) {
                    let mut leaves = Vec::new();
                    node.leaves(&mut leaves);
                    in_dependencies.extend(leaves.into_iter().map(|(name, _)| name));
                }
            }
        }
        // Each UC target behind the SLA, with the SLA targets it backs.
        let mut backing: Vec<(String, String, Vec<String>)> = Vec::new();
        for uc in file
            .agreements
            .iter()
            .filter(|a| a.kind == AgreementKind::Uc)
        {
            for target in &uc.targets {
                let name = format!("{}/{}", uc.id, target.id);
                let mut backs: Vec<String> = target
                    .supports
                    .iter()
                    .filter(|s| references.contains(s))
                    .cloned()
                    .collect();
                if in_dependencies.contains(&name) {
                    for t in sla
                        .targets
                        .iter()
                        .filter(|t| matches!(t.metric, Metric::Availability { .. }))
                    {
                        let reference = format!("{}/{}", sla.id, t.id);
                        if !backs.contains(&reference) {
                            backs.push(reference);
                        }
                    }
                }
                if !backs.is_empty() {
                    backing.push((uc.id.clone(), name, backs));
                }
            }
        }
        if backing.is_empty() {
            continue;
        }
        let mut ucs: Vec<String> = backing.iter().map(|(uc, _, _)| uc.clone()).collect();
        ucs.dedup();
        let group_net = |agreement: &str, period: crate::time::ReportPeriod| {
            report
                .groups
                .iter()
                .filter(|g| g.agreement == agreement)
                .flat_map(|g| g.periods.iter().filter(move |p| p.period == period))
                .fold(zero, |sum, p| add(sum, p.net))
        };
        let target_paid = |key_agreement: &str, target: &str, period: crate::time::ReportPeriod| {
            report
                .targets
                .iter()
                .filter(|t| t.agreement == key_agreement && t.target == target)
                .flat_map(|t| t.periods.iter().filter(move |p| p.period == period))
                .fold(zero, |sum, p| add(sum, p.credit_paid))
        };
        let mut periods: Vec<crate::time::ReportPeriod> = report
            .groups
            .iter()
            .filter(|g| g.agreement == sla.id || ucs.contains(&g.agreement))
            .flat_map(|g| g.periods.iter().map(|p| p.period))
            .collect();
        crate::order::sort_by_key(&mut periods, |p| p.label());
        periods.dedup();
        let mut rows = Vec::new();
        for period in periods {
            let pays = group_net(&sla.id, period);
            let recovers = ucs
                .iter()
                .fold(zero, |sum, uc| add(sum, group_net(uc, period)));
            let left = sub(pays, recovers);
            let mut sources = Vec::new();
            let mut sla_targets = zero;
            for target in &sla.targets {
                let paid = target_paid(&sla.id, &target.id, period);
                sla_targets = add(sla_targets, paid);
                if paid.minor_units() != 0 {
                    sources.push((format!("`{}/{}` pays", sla.id, target.id), paid));
                }
            }
            let adjust = sub(pays, sla_targets);
            if adjust.minor_units() != 0 {
                sources.push((format!("the caps and earn-back of `{}`", sla.id), adjust));
            }
            let mut uc_targets = zero;
            for (_, name, backs) in &backing {
                let (agreement, target) = name.split_once('/').unwrap_or((name, ""));
                let paid = target_paid(agreement, target, period);
                uc_targets = add(uc_targets, paid);
                if paid.minor_units() != 0 {
                    sources.push((
                        format!(
                            "`{name}` gives back (behind {})",
                            backs
                                .iter()
                                .map(|b| format!("`{b}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        Money::new(-paid.minor_units(), currency),
                    ));
                }
            }
            let uc_adjust = sub(recovers, uc_targets);
            if uc_adjust.minor_units() != 0 {
                sources.push((
                    "the UCs' caps and earn-back, and their targets behind no target of this SLA"
                        .into(),
                    Money::new(-uc_adjust.minor_units(), currency),
                ));
            }
            rows.push(ExposurePeriod {
                period,
                pays,
                recovers,
                left,
                sources,
            });
        }
        out.push(Exposure {
            sla: sla.id.clone(),
            ucs,
            periods: rows,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;

    /// A shop whose SLA rests on an OLA and two UCs, with `dependencies`
    /// (JSON) on the shop service when given.
    fn file(dependencies: Option<&str>, required: &str) -> AgreementFile {
        let mut shop = serde_json::json!({"id": "shop", "name": "Web shop",
            "requirements": [{"target": "sla/availability", "expected": required, "note": "tender"}]});
        if let Some(d) = dependencies {
            shop["dependencies"] = serde_json::Value::from(d);
        }
        let text = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "Shop",
            "currency": "EUR", "time_zone": "UTC", "provider": {"name": "Shop IT"},
            "services": [shop],
            "suppliers": [{"id": "ops", "name": "Operations", "internal": true}, {"id": "a", "name": "Cloud A"}, {"id": "b", "name": "Cloud B"}],
            "agreements": [
                {"id": "sla", "name": "Shop SLA", "kind": "sla", "structure": "service_based", "service": "shop",
                 "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.9"}]},
                {"id": "ola", "name": "Ops OLA", "kind": "ola", "service": "shop", "supplier": "ops",
                 "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.95", "supports": ["sla/availability"]}]},
                {"id": "uc-a", "name": "Cloud A", "kind": "uc", "service": "shop", "supplier": "a",
                 "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.5", "supports": ["sla/availability"]}]},
                {"id": "uc-b", "name": "Cloud B", "kind": "uc", "service": "shop", "supplier": "b",
                 "targets": [{"id": "availability", "name": "Availability", "metric": {"type": "availability"}, "expected": "99.5", "supports": ["sla/availability"]}]}
            ]
        });
        load::agreements(&text.to_string()).expect("valid")
    }

    #[test]
    fn without_dependencies_the_supporting_targets_are_in_series() {
        let file = file(None, "99.9");
        let supplied = supplied(&file, "sla/availability")
            .expect("followed")
            .expect("some");
        assert_eq!(supplied.basis, Basis::Series);
        // 99.95 % × 99.5 % × 99.5 % = 99.95 % × 99.0025 % = 98.95299875 %
        assert_eq!(supplied.value.percent_exact(), "98.95299875");
        assert_eq!(supplied.leaves.len(), 3);
    }

    #[test]
    fn dependencies_replace_the_series_and_close_the_gap_the_series_leaves() {
        let parallel = "serial(ola/availability, parallel(uc-a/availability, uc-b/availability))";
        let file = file(Some(parallel), "99.9");
        let supplied = supplied(&file, "sla/availability")
            .expect("followed")
            .expect("some");
        assert_eq!(
            supplied.basis,
            Basis::Dependencies {
                service: "shop".into()
            }
        );
        // 99.95 % × (1 − 0.5 % × 0.5 %) = 99.95 % × 99.9975 % = 99.94750125 %
        assert_eq!(supplied.value.percent_exact(), "99.94750125");
        let checks = check(&file);
        let Outcome::Availability {
            met, gap, closing, ..
        } = &checks[0].outcome
        else {
            panic!("availability");
        };
        assert_eq!(*met, Some(true));
        assert_eq!(gap.as_deref(), Some("+0.0475"));
        assert!(closing.is_empty());
        // The alignment check follows the same rule: no unreachable composite.
        let warnings = crate::model::align::check(&file);
        assert!(
            warnings.iter().all(|w| w.kind != "unreachable_composite"),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_gap_names_the_supplier_level_that_closes_it_exactly() {
        let file = file(None, "99.9");
        let checks = check(&file);
        let Outcome::Availability {
            met, gap, closing, ..
        } = &checks[0].outcome
        else {
            panic!("availability");
        };
        assert_eq!(*met, Some(false));
        // 98.95299875 − 99.9 = −0.94700125: shown rounded up, −0.9471.
        assert_eq!(gap.as_deref(), Some("−0.9471"));
        // The OLA alone cannot: even at 100 % the UCs in series give 99.0025 %.
        assert!(closing.contains(&Closing::SupplierCannot {
            target: "ola/availability".into()
        }));
        // No single supplier is enough in series here; with the UCs in
        // parallel, a stronger OLA is found and is the lowest step.
        let parallel = "serial(ola/availability, parallel(uc-a/availability, uc-b/availability))";
        let strict = self::file(Some(parallel), "99.96");
        let checks = check(&strict);
        let Outcome::Availability { closing, .. } = &checks[0].outcome else {
            panic!("availability");
        };
        let Some(Closing::StrongerSupplier { to, .. }) = closing
            .iter()
            .find(|c| matches!(c, Closing::StrongerSupplier { target, .. } if target == "ola/availability"))
        else {
            panic!("{closing:?}");
        };
        let wanted = Exact::of_percent(Percent::parse("99.96").expect("valid"));
        let with = |ola: u64| {
            Component::Serial(vec![
                Component::Level(Percent::from_ppb(ola).expect("valid")),
                Component::Parallel(vec![
                    Component::Level(Percent::parse("99.5").expect("valid")),
                    Component::Level(Percent::parse("99.5").expect("valid")),
                ]),
            ])
            .exact()
        };
        assert_ne!(
            with(to.ppb()).cmp_exact(&wanted),
            Ordering::Less,
            "{to:?} reaches it"
        );
        assert_eq!(
            with(to.ppb() - STEP_PPB).cmp_exact(&wanted),
            Ordering::Less,
            "one step below does not"
        );
    }

    #[test]
    fn a_dependency_line_reads_back() {
        for text in [
            "serial(ops-ola/availability, parallel(host-a/availability, host-b/availability), service:db)",
            "2of3(a/x, b/x, c/x)",
            "service:db",
            "a/x",
        ] {
            let read = Dependency::parse(text).expect(text);
            assert_eq!(read.to_text(), text);
        }
        assert_eq!(
            Dependency::parse(" Parallel( a/x ,b/x ) "),
            Ok(Dependency::Parallel(vec![
                Dependency::Target("a/x".into()),
                Dependency::Target("b/x".into())
            ]))
        );
        let why = |t: &str| Dependency::parse(t).expect_err(t);
        assert_eq!(why("serial(a/x"), "at 11: `)` is missing");
        assert!(
            why("serial(db)").contains("`db` is neither a target"),
            "{}",
            why("serial(db)")
        );
        assert!(why("2of3(a/x, b/x)").contains("has 2 parts"));
        assert!(why("sideways(a/x)").contains("not a group"));
        assert!(why("a/x b/x").starts_with("at 5: unexpected"));
    }

    #[test]
    fn a_part_counted_twice_or_k_above_n_is_refused() {
        let text = |line: &str| {
            serde_json::json!({
                "format": "sla-agreements", "version": 1, "name": "x", "currency": "EUR", "time_zone": "UTC",
                "provider": {"name": "p"},
                "services": [{"id": "a", "name": "A", "dependencies": line}],
                "suppliers": [{"id": "s", "name": "S"}],
                "agreements": [{"id": "uc", "name": "UC", "kind": "uc", "service": "a", "supplier": "s",
                    "targets": [{"id": "x", "name": "X", "metric": {"type": "availability"}, "expected": "99.9"}]}]
            })
            .to_string()
        };
        let all = |line: &str| {
            load::agreements(&text(line))
                .expect_err(line)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert!(
            all("parallel(uc/x, uc/x)").contains("`uc/x` is named twice"),
            "{}",
            all("parallel(uc/x, uc/x)")
        );
        assert!(all("2of1(uc/x)").contains("k is from 1 to the number of parts"));
        assert!(load::agreements(&text("parallel(uc/x)")).is_ok());
    }

    #[test]
    fn a_part_reached_twice_through_services_is_not_counted_twice() {
        // db depends on the OLA too: reached twice from the shop.
        let mut whole = file(None, "99.9");
        whole.services[0].dependencies = Some("parallel(service:db, ola/availability)".into());
        whole.services.push(crate::model::Service {
            id: "db".into(),
            name: "Database".into(),
            monthly_charge: None,
            requirements: Vec::new(),
            dependencies: Some("serial(ola/availability)".into()),
        });
        let why = supplied(&whole, "sla/availability").expect_err("refused");
        assert!(why.contains("`ola/availability` is reached twice"), "{why}");
        let warnings = crate::model::align::check(&whole);
        assert!(
            warnings.iter().any(|w| w.kind == "composite_not_checked"),
            "{warnings:?}"
        );
    }

    #[test]
    fn a_supporting_target_outside_the_dependencies_is_still_checked() {
        // uc-b supports the SLA at 99.5 % but the dependencies leave it out.
        let file = file(Some("serial(ola/availability, uc-a/availability)"), "99.9");
        let warnings = crate::model::align::check(&file);
        assert!(
            warnings
                .iter()
                .any(|w| w.kind == "weaker_support" && w.message.contains("uc-b/availability")),
            "{warnings:?}"
        );
        assert!(
            !warnings
                .iter()
                .any(|w| w.kind == "weaker_support" && w.message.contains("uc-a/availability")),
            "{warnings:?}"
        );
    }

    #[test]
    fn dependencies_are_checked_at_their_path() {
        let cyclic = serde_json::json!({
            "format": "sla-agreements", "version": 1, "name": "x", "currency": "EUR", "time_zone": "UTC",
            "provider": {"name": "p"},
            "services": [
                {"id": "a", "name": "A", "dependencies": "serial(service:b)"},
                {"id": "b", "name": "B", "dependencies": "0of2(service:a, nope/x)"},
                {"id": "c", "name": "C", "dependencies": "serial(service:a"}
            ],
            "agreements": []
        });
        let problems = load::agreements(&cyclic.to_string()).expect_err("refused");
        let texts: Vec<String> = problems.iter().map(ToString::to_string).collect();
        let all = texts.join("\n");
        assert!(
            all.contains("services[1].dependencies: `0of2(service:a, nope/x)`: k is from 1"),
            "{all}"
        );
        assert!(
            all.contains("services[1].dependencies: no target is `nope/x`"),
            "{all}"
        );
        assert!(all.contains("services[2].dependencies: `serial(service:a` cannot be read: at 17: `)` is missing"), "{all}");
        assert!(all.contains("depends on itself through"), "{all}");
    }
}
