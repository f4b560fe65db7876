//! `org-location-mismatch`: an organisation-based scope (typical of a QMS)
//! holds a unit that works at sites outside a location-based scope (typical
//! of an ISMS, for physical security) of another system, which holds the
//! unit only for its work at its own sites. Its work at the other sites is in
//! one system and not the other.
//!
//! `unit-not-at-scope-site`: a unit listed in a location-based scope that
//! works at none of its sites.

use crate::model::Model;
use crate::{Code, Diagnostic, Workspace};

use super::names;

pub(super) fn check(_workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    use ims_syntax::ast::ScopeKind;
    for (org, org_entity, org_data) in model.systems() {
        if org_data.scope_kind != ScopeKind::Organisation || !org_data.has_scope {
            continue;
        }
        for (loc, loc_entity, loc_data) in model.systems() {
            if loc == org || loc_data.scope_kind != ScopeKind::Location {
                continue;
            }
            let loc_scope = &model.scopes[&loc];
            for listed in &org_data.listed_units {
                let Some(unit_scope) = loc_scope.units.get(&listed.entity) else { continue };
                if unit_scope.outside_sites.is_empty() {
                    continue;
                }
                let unit = model.entity(listed.entity);
                let mut diagnostic = Diagnostic::new(
                    Code::OrgLocationMismatch,
                    listed.location,
                    format!(
                        "unit `{}` is in the organisation-based {} scope everywhere it works, but in the location-based {} scope only at its sites; its work at {} is in {} and not in {}",
                        unit.name,
                        org_entity.name,
                        loc_entity.name,
                        names(model, &unit_scope.outside_sites),
                        org_entity.name,
                        loc_entity.name,
                    ),
                );
                for &site in &unit_scope.outside_sites {
                    diagnostic = diagnostic.with_related(
                        model.entity(site).name_location(),
                        format!(
                            "`{}` is outside the {} scope",
                            model.entity(site).name,
                            loc_entity.name
                        ),
                    );
                }
                if let Some(block) = loc_data.scope_block {
                    diagnostic = diagnostic.with_related(
                        block,
                        format!("the location-based {} scope", loc_entity.name),
                    );
                }
                diagnostics.push(diagnostic);
            }
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
            let at = if unit.details.sites.is_empty() {
                "no site (it has no `at`)".to_string()
            } else {
                names(model, &unit.details.sites)
            };
            diagnostics.push(Diagnostic::new(
                Code::UnitNotAtScopeSite,
                listed.location,
                format!(
                    "unit `{}` is listed in the location-based {} scope but works at {}, none of which is in that scope",
                    unit.name, loc_entity.name, at
                ),
            ).with_related(unit.name_location(), format!("`{}` is defined here", unit.name)));
        }
    }
}
