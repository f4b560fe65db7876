//! `scope-crossing`: a process covers clauses of a system, but its owner,
//! performers, sites or services lie outside that system's scope. Either the
//! process does not fully meet the system's requirements, or the scope is
//! wrong.

use crate::model::{ClauseRole, Model};
use crate::{Code, Diagnostic, Workspace};

use super::{is_scoped, join_and, ScopePlan};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    // `Model::systems` scans every entity: once, not once per process.
    let systems: Vec<_> = model.systems().collect();
    for (process, entity) in model.of_kind(ims_syntax::ast::DeclarationKind::Process) {
        for &(system, system_entity, data) in &systems {
            let Some(standard) = data.standard.as_deref() else { continue };
            if !is_scoped(data) {
                continue;
            }
            let covered: Vec<&str> = model
                .clause_uses_of(process)
                .filter(|u| {
                    u.role == ClauseRole::Covers
                        && u.standard.as_deref() == Some(standard)
                        && u.via.is_none_or(|v| v == system)
                })
                .map(|u| u.written.as_str())
                .collect();
            if covered.is_empty() {
                continue;
            }
            let outside = model.outside_scope(process, system);
            if outside.is_empty() {
                continue;
            }
            let described: Vec<String> = outside
                .iter()
                .map(|(id, role)| format!("{role} `{}`", model.entity(*id).name))
                .collect();
            let shown: Vec<String> = covered.iter().take(4).map(|c| c.to_string()).collect();
            let more = if covered.len() > 4 {
                format!(" and {} more", covered.len() - 4)
            } else {
                String::new()
            };
            let mut diagnostic = Diagnostic::new(
                Code::ScopeCrossing,
                entity.name_location(),
                format!(
                    "process `{}` covers {}{more} of {} but involves {}, outside the {} scope",
                    entity.name,
                    if more.is_empty() { join_and(&shown) } else { shown.join(", ") },
                    system_entity.name,
                    join_and(&described),
                    system_entity.name,
                ),
            );
            let mut plan = ScopePlan::new(model);
            for (id, _) in &outside {
                if let Some(name_use) = model.name_uses_of(process).find(|u| u.target == Some(*id))
                {
                    diagnostic = diagnostic.with_related(
                        name_use.location,
                        format!(
                            "`{}` is not in the scope of {}",
                            model.entity(*id).name,
                            system_entity.name
                        ),
                    );
                }
                plan.add(system, *id);
            }
            plan.attach_to(workspace, &mut diagnostic);
            diagnostics.push(diagnostic);
        }
    }
}
