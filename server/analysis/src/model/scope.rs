//! The effective scope of each system, following docs/language.md:
//!
//! - organisation-based: a unit is in scope iff listed; a site iff listed or
//!   an in-scope unit works at it; a service iff listed;
//! - location-based: a site is in scope iff listed; a unit iff listed or it
//!   works at an in-scope site, and then only for its work at in-scope sites;
//!   a service iff listed.

use std::collections::{BTreeMap, BTreeSet};

use ims_syntax::ast::ScopeKind;

use super::{EntityId, Model, SystemData};

/// Why a site is in a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SiteReason {
    Listed,
    /// An in-scope unit works there (organisation-based scopes).
    UnitWorksThere(EntityId),
}

/// How a unit is in a scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitScope {
    /// Listed in `units`, rather than brought in by working at an in-scope site.
    pub listed: bool,
    /// Location-based scopes: sites where the unit works that are outside
    /// the scope. Its work there is not in scope.
    pub outside_sites: Vec<EntityId>,
}

/// Which units, sites and services a system's scope contains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectiveScope {
    pub kind: ScopeKind,
    pub units: BTreeMap<EntityId, UnitScope>,
    pub sites: BTreeMap<EntityId, SiteReason>,
    pub services: BTreeSet<EntityId>,
}

impl EffectiveScope {
    pub fn contains(&self, entity: EntityId) -> bool {
        self.units.contains_key(&entity)
            || self.sites.contains_key(&entity)
            || self.services.contains(&entity)
    }
}

/// Whether a system's scope can be compared with others: it has a `scope`
/// that lists at least one unit, site or service. A system without one is
/// reported once as `no-scope` and left out of the scope rules, which would
/// otherwise report everything as outside it.
pub fn is_scoped(data: &SystemData) -> bool {
    data.has_scope
        && !(data.listed_units.is_empty()
            && data.listed_sites.is_empty()
            && data.listed_services.is_empty())
}

pub(super) fn compute(model: &mut Model) {
    let mut scopes = rustc_hash::FxHashMap::default();
    for (id, _, system) in model.systems() {
        let mut scope = EffectiveScope {
            kind: system.scope_kind,
            units: BTreeMap::new(),
            sites: BTreeMap::new(),
            services: system.listed_services.iter().map(|l| l.entity).collect(),
        };
        for listed in &system.listed_sites {
            scope.sites.insert(listed.entity, SiteReason::Listed);
        }
        match system.scope_kind {
            ScopeKind::Organisation => {
                for listed in &system.listed_units {
                    scope.units.insert(
                        listed.entity,
                        UnitScope { listed: true, outside_sites: Vec::new() },
                    );
                    for &site in &model.entities[listed.entity].details.sites {
                        scope
                            .sites
                            .entry(site)
                            .or_insert(SiteReason::UnitWorksThere(listed.entity));
                    }
                }
            }
            ScopeKind::Location => {
                let listed: BTreeSet<EntityId> =
                    system.listed_units.iter().map(|l| l.entity).collect();
                for (unit, entity) in model.of_kind(ims_syntax::ast::DeclarationKind::Unit) {
                    let sites = &entity.details.sites;
                    let works_in_scope = sites.iter().any(|s| scope.sites.contains_key(s));
                    if listed.contains(&unit) || works_in_scope {
                        let outside_sites = sites
                            .iter()
                            .copied()
                            .filter(|s| !scope.sites.contains_key(s))
                            .collect();
                        scope.units.insert(
                            unit,
                            UnitScope { listed: listed.contains(&unit), outside_sites },
                        );
                    }
                }
            }
        }
        scopes.insert(id, scope);
    }
    model.scopes = scopes;
}

impl Model {
    /// What of a process lies outside a system's scope: its owner and
    /// performers that are not units in the scope, its `at` sites and its
    /// `services`, each once with a word for what it is. Empty when the
    /// process is inside the scope (docs/language.md, "Process boundaries").
    pub fn outside_scope(
        &self,
        process: EntityId,
        system: EntityId,
    ) -> Vec<(EntityId, &'static str)> {
        let Some(scope) = self.scopes.get(&system) else { return Vec::new() };
        let details = &self.entity(process).details;
        let mut outside: Vec<(EntityId, &'static str)> = Vec::new();
        let mut push = |id: EntityId, role: &'static str| {
            if !outside.iter().any(|(o, _)| *o == id) {
                outside.push((id, role));
            }
        };
        for &unit in details.owner.iter().chain(&details.performers) {
            if !scope.units.contains_key(&unit) {
                push(unit, "unit");
            }
        }
        for &site in &details.sites {
            if !scope.sites.contains_key(&site) {
                push(site, "site");
            }
        }
        for &service in &details.services {
            if !scope.services.contains(&service) {
                push(service, "service");
            }
        }
        outside
    }
}
