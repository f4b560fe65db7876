//! `scope-gap`: a unit, site or service in the scope of some systems but not
//! others (the "team A" case of ISO/IEC TR 20000-7): integration is limited
//! where scopes differ.
//!
//! A site that no system lists, and that is in some scopes only because
//! in-scope units work there (organisation-based scopes), is not reported:
//! its gap is the gap of those units, which is reported for the units
//! (`scope-gap` on a unit outside the other scope, `org-location-mismatch`
//! on a unit that the other, location-based, scope holds only in part).

use ims_syntax::ast::DeclarationKind;

use super::{is_scoped, names, scope_location, ScopePlan};
use crate::model::{EntityId, Model, SiteReason};
use crate::{Code, Diagnostic, Workspace};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let systems: Vec<_> =
        model.systems().filter(|(_, _, s)| is_scoped(s)).map(|(id, _, _)| id).collect();
    if systems.len() < 2 {
        return;
    }
    for kind in [DeclarationKind::Unit, DeclarationKind::Site, DeclarationKind::Service] {
        for (entity_id, entity) in model.of_kind(kind) {
            if model.lookup(&entity.name) != Some(entity_id) {
                continue; // A duplicate; the first definition speaks for the name.
            }
            let (inside, outside): (Vec<_>, Vec<_>) =
                systems.iter().partition(|&&s| model.scopes[&s].contains(entity_id));
            if inside.is_empty() || outside.is_empty() {
                continue;
            }
            let site_reason = |system| model.scopes[&system].sites.get(&entity_id).copied();
            if kind == DeclarationKind::Site
                && inside.iter().all(|&s| site_reason(s) != Some(SiteReason::Listed))
            {
                continue;
            }
            let mut diagnostic = Diagnostic::new(
                Code::ScopeGap,
                entity.name_location(),
                format!(
                    "{} `{}` is in the scope of {} but not of {}: integration is limited where scopes differ",
                    kind.keyword(),
                    entity.name,
                    names(model, &inside),
                    names(model, &outside),
                ),
            );
            for &system in &inside {
                let system_name = &model.entity(system).name;
                diagnostic = match site_reason(system) {
                    Some(SiteReason::UnitWorksThere(unit)) => diagnostic.with_related(
                        scope_location(model, system, unit),
                        format!(
                            "in the scope of {system_name}, because `{}` works there",
                            model.entity(unit).name
                        ),
                    ),
                    _ => match brought_in_by_site(model, system, entity_id) {
                        Some(site) => diagnostic.with_related(
                            scope_location(model, system, site),
                            format!(
                                "in the scope of {system_name}, because it works at `{}`",
                                model.entity(site).name
                            ),
                        ),
                        None => diagnostic.with_related(
                            scope_location(model, system, entity_id),
                            format!("in the scope of {system_name}"),
                        ),
                    },
                };
            }
            let mut plan = ScopePlan::new(model);
            for &system in &outside {
                diagnostic = diagnostic.with_related(
                    scope_location(model, system, entity_id),
                    format!("not in the scope of {}", model.entity(system).name),
                );
                plan.add(system, entity_id);
            }
            plan.attach_to(workspace, &mut diagnostic);
            diagnostics.push(diagnostic);
        }
    }
}

/// For a unit in a location-based scope that does not list it: an in-scope
/// site where it works, which brings it into the scope.
fn brought_in_by_site(model: &Model, system: EntityId, unit: EntityId) -> Option<EntityId> {
    let scope = &model.scopes[&system];
    if scope.units.get(&unit).is_none_or(|u| u.listed) {
        return None;
    }
    model.entity(unit).details.sites.iter().copied().find(|s| scope.sites.contains_key(s))
}
