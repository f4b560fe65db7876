//! `delegation-gap`: `covers X via T` says system T meets clause X of the
//! delegating system S (e.g. 20000-1 8.7.3 met by the ISMS). That holds only
//! if T's scope contains everything in S's scope.

use std::collections::BTreeSet;

use crate::model::{EntityId, Model};
use crate::{Code, Diagnostic, Workspace};

use super::{is_scoped, join_and, labelled, ScopePlan};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut reported = BTreeSet::new();
    // `Model::systems_of_standard` scans every entity: once, not once per use.
    let systems: Vec<(EntityId, Option<&str>)> =
        model.systems().map(|(id, _, data)| (id, data.standard.as_deref())).collect();
    for clause_use in model.clause_uses.iter().filter(|u| super::is_process_cover(model, u)) {
        let (Some(target), Some(standard)) = (clause_use.via, clause_use.standard.as_deref())
        else {
            continue;
        };
        // A system without a scope is reported as `no-scope`; comparing
        // with it would report everything.
        let scoped = |system| model.entity(system).details.system.as_ref().is_some_and(is_scoped);
        if !scoped(target) {
            continue;
        }
        let Some(target_scope) = model.scopes.get(&target) else { continue };
        let of_standard = systems.iter().filter(|(_, s)| *s == Some(standard)).map(|(id, _)| *id);
        for delegating in of_standard {
            if delegating == target
                || !scoped(delegating)
                || !reported.insert((clause_use.location, delegating))
            {
                continue;
            }
            let Some(scope) = model.scopes.get(&delegating) else { continue };
            let missing_units: Vec<EntityId> = scope
                .units
                .keys()
                .copied()
                .filter(|u| !target_scope.units.contains_key(u))
                .collect();
            let missing_sites: Vec<EntityId> = scope
                .sites
                .keys()
                .copied()
                .filter(|s| !target_scope.sites.contains_key(s))
                .collect();
            let missing_services: Vec<EntityId> = scope
                .services
                .iter()
                .copied()
                .filter(|s| !target_scope.services.contains(s))
                .collect();
            if missing_units.is_empty() && missing_sites.is_empty() && missing_services.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            for (label, ids) in
                [("unit", &missing_units), ("site", &missing_sites), ("service", &missing_services)]
            {
                if !ids.is_empty() {
                    parts.push(labelled(model, label, ids));
                }
            }
            let target_name = &model.entity(target).name;
            let delegating_name = &model.entity(delegating).name;
            let mut diagnostic = Diagnostic::new(
                Code::DelegationGap,
                clause_use.location,
                format!(
                    "{} of {delegating_name} is delegated to {target_name}, whose scope misses {} of the {delegating_name} scope: {target_name} meets it only for part of {delegating_name}",
                    clause_use.written,
                    join_and(&parts)
                ),
            );
            if let Some(block) =
                model.entity(target).details.system.as_ref().and_then(|s| s.scope_block)
            {
                diagnostic = diagnostic.with_related(block, format!("the {target_name} scope"));
            }
            if let Some(block) =
                model.entity(delegating).details.system.as_ref().and_then(|s| s.scope_block)
            {
                diagnostic = diagnostic.with_related(block, format!("the {delegating_name} scope"));
            }
            let mut plan = ScopePlan::new(model);
            for &id in missing_units.iter().chain(&missing_sites).chain(&missing_services) {
                plan.add(target, id);
            }
            plan.attach_to(workspace, &mut diagnostic);
            diagnostics.push(diagnostic);
        }
    }
}
