//! `scope-gap`: a unit, site or service in the scope of some systems but not
//! others (the "team A" case of ISO/IEC TR 20000-7): integration is limited
//! where scopes differ.

use ims_syntax::ast::DeclarationKind;

use super::{add_to_scope, names, scope_location};
use crate::model::Model;
use crate::{Code, Diagnostic, Workspace};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let systems: Vec<_> =
        model.systems().filter(|(_, _, s)| s.has_scope).map(|(id, _, _)| id).collect();
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
                diagnostic = diagnostic.with_related(
                    scope_location(model, system, entity_id),
                    format!("in the scope of {}", model.entity(system).name),
                );
            }
            for &system in &outside {
                diagnostic = diagnostic.with_related(
                    scope_location(model, system, entity_id),
                    format!("not in the scope of {}", model.entity(system).name),
                );
                if let Some(fix) = add_to_scope(workspace, model, system, entity_id) {
                    diagnostic = diagnostic.with_fix(fix);
                }
            }
            diagnostics.push(diagnostic);
        }
    }
    // A system without a scope cannot be compared; say so once.
    for (id, entity, system) in model.systems() {
        if !system.has_scope {
            let _ = id;
            diagnostics.push(Diagnostic::new(
                Code::NoScope,
                entity.name_location(),
                format!("system `{}` has no `scope`: add `scope {{ units ...; sites ...; services ... }}`", entity.name),
            ));
        }
    }
}
