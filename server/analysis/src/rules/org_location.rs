//! `org-location-mismatch`: organisation-based scopes (typical of a QMS or
//! an SMS) hold a unit everywhere it works, while a location-based scope
//! (typical of an ISMS, for physical security) holds it only for its work at
//! its own sites. The unit's work at the other sites is in the one and not in
//! the other. One diagnostic per unit and location-based scope, naming every
//! organisation-based scope that holds the unit.
//!
//! `unit-not-at-scope-site`: a unit listed in a location-based scope that
//! works at none of its sites.

use ims_syntax::ast::ScopeKind;

use super::{is_scoped, join_and, labelled, names, ScopePlan};
use crate::model::{EntityId, Model};
use crate::{Code, Diagnostic, Workspace};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let organisation_based: Vec<EntityId> = model
        .systems()
        .filter(|(_, _, s)| s.scope_kind == ScopeKind::Organisation && is_scoped(s))
        .map(|(id, _, _)| id)
        .collect();
    for (loc, loc_entity, loc_data) in model.systems() {
        if loc_data.scope_kind != ScopeKind::Location || !is_scoped(loc_data) {
            continue;
        }
        let loc_scope = &model.scopes[&loc];
        for (&unit, unit_scope) in &loc_scope.units {
            if unit_scope.outside_sites.is_empty() {
                continue;
            }
            let holders: Vec<EntityId> = organisation_based
                .iter()
                .copied()
                .filter(|&org| org != loc && model.scopes[&org].units.contains_key(&unit))
                .collect();
            if holders.is_empty() {
                continue;
            }
            let unit_entity = model.entity(unit);
            let inside_sites: Vec<EntityId> = unit_entity
                .details
                .sites
                .iter()
                .copied()
                .filter(|s| loc_scope.sites.contains_key(s))
                .collect();
            if inside_sites.is_empty() {
                continue; // Nothing of it is in the location-based scope: a plain scope gap.
            }
            let holder_names: Vec<String> =
                holders.iter().map(|&h| model.entity(h).name.clone()).collect();
            let scopes = if holders.len() == 1 { "scope holds" } else { "scopes hold" };
            let mut diagnostic = Diagnostic::new(
                Code::OrgLocationMismatch,
                unit_entity.name_location(),
                format!(
                    "unit `{}` works at {}: the organisation-based {} {scopes} all of its work, the location-based {} scope only its work at {}; its work at {} is outside {}",
                    unit_entity.name,
                    names(model, &unit_entity.details.sites),
                    join_and(&holder_names),
                    loc_entity.name,
                    names(model, &inside_sites),
                    names(model, &unit_scope.outside_sites),
                    loc_entity.name,
                ),
            );
            for &holder in &holders {
                diagnostic = diagnostic.with_related(
                    super::scope_location(model, holder, unit),
                    format!(
                        "in the organisation-based {} scope, wherever it works",
                        model.entity(holder).name
                    ),
                );
            }
            diagnostic = diagnostic.with_related(
                super::scope_location(model, loc, unit),
                format!(
                    "the location-based {} scope, which holds {}",
                    loc_entity.name,
                    labelled(model, "site", &scope_sites(model, loc))
                ),
            );
            let mut plan = ScopePlan::new(model);
            for &site in &unit_scope.outside_sites {
                plan.add(loc, site);
            }
            plan.attach_to(workspace, &mut diagnostic);
            diagnostics.push(diagnostic);
        }
    }
    for (loc, loc_entity, loc_data) in model.systems() {
        if loc_data.scope_kind != ScopeKind::Location {
            continue;
        }
        let scope = &model.scopes[&loc];
        for listed in &loc_data.listed_units {
            let unit = model.entity(listed.entity);
            if unit.details.sites.iter().any(|s| scope.sites.contains_key(s)) {
                continue;
            }
            let works = if unit.details.sites.is_empty() {
                "works at no site (it has no `at`)".to_string()
            } else {
                format!("works only at {}", names(model, &unit.details.sites))
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::UnitNotAtScopeSite,
                    listed.location,
                    format!(
                        "unit `{}` is listed in the location-based {} scope but {works}, outside it: a location-based scope holds a unit only for its work at the scope's sites",
                        unit.name, loc_entity.name
                    ),
                )
                .with_related(unit.name_location(), format!("`{}` is defined here", unit.name)),
            );
        }
    }
}

/// The sites in a system's scope, in declaration order.
fn scope_sites(model: &Model, system: EntityId) -> Vec<EntityId> {
    model.scopes[&system].sites.keys().copied().collect()
}
