//! The Statement of Applicability (27001 6.1.3 d), the `controls` block:
//!
//! - `soa-incomplete`: Annex A controls it does not address (one diagnostic
//!   per system);
//! - `control-not-implemented`: applicable controls no process covers (one
//!   diagnostic per `applicable` item);
//! - `covered-and-excluded` for controls: excluded, yet a process covers them.

use crate::model::{ClauseRole, ControlStatus, Model};
use crate::{Code, Diagnostic, Workspace};

use super::compress_refs;

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    for (system, entity, data) in model.systems() {
        let Some(coverage) = model.coverage.get(&system) else { continue };
        if coverage.controls.is_empty() {
            continue;
        }
        let Some(standard) = workspace.catalog.standard(&coverage.standard) else { continue };
        let missing: Vec<String> = coverage
            .controls
            .iter()
            .filter(|(_, s)| matches!(s, ControlStatus::Missing { .. }))
            .map(|(r, _)| r.clone())
            .collect();
        if !missing.is_empty() {
            let location = data.controls_block.unwrap_or_else(|| entity.name_location());
            let message = if data.controls_block.is_none() {
                format!(
                    "system `{}` has no Statement of Applicability: add a `controls {{ applicable ...; excluded ... because \"...\" }}` block addressing all {} Annex A controls of {}",
                    entity.name,
                    coverage.controls.len(),
                    standard.short_name()
                )
            } else {
                format!(
                    "the Statement of Applicability of {} does not address {} of the {} Annex A controls: {}",
                    entity.name,
                    missing.len(),
                    coverage.controls.len(),
                    compress_refs(&missing)
                )
            };
            diagnostics.push(Diagnostic::new(Code::SoaIncomplete, location, message));
        }

        for clause_use in model.clause_uses.iter().filter(|u| u.owner == Some(system)) {
            let listed: Vec<&String> = clause_use.keys.iter().map(|k| &k.clause).collect();
            match clause_use.role {
                ClauseRole::Applicable => {
                    let unimplemented: Vec<String> = listed
                        .iter()
                        .filter(|c| {
                            matches!(
                                coverage.control(c),
                                Some(ControlStatus::Applicable { implemented_by }) if implemented_by.is_empty()
                            )
                        })
                        .map(|c| c.to_string())
                        .collect();
                    if unimplemented.is_empty() {
                        continue;
                    }
                    let titles: Vec<String> = unimplemented
                        .iter()
                        .map(|c| {
                            format!("{c} {}", standard.clause(c).map_or("", |x| x.title.as_str()))
                        })
                        .collect();
                    diagnostics.push(Diagnostic::new(
                        Code::ControlNotImplemented,
                        clause_use.location,
                        format!(
                            "applicable in {} but no process covers {}: {}",
                            entity.name,
                            if unimplemented.len() == 1 { "it" } else { "them" },
                            titles.join("; ")
                        ),
                    ));
                }
                ClauseRole::Excluded => {
                    for control in &listed {
                        let implementers: Vec<usize> = model
                            .clause_uses
                            .iter()
                            .filter(|u| {
                                u.role == ClauseRole::Covers
                                    && crate::model::use_includes(standard, u, control)
                            })
                            .filter_map(|u| u.owner)
                            .collect();
                        let Some(&first) = implementers.first() else { continue };
                        let covering = model.clause_uses.iter().find(|u| {
                            u.owner == Some(first)
                                && u.role == ClauseRole::Covers
                                && crate::model::use_includes(standard, u, control)
                        });
                        let mut diagnostic = Diagnostic::new(
                            Code::CoveredAndExcluded,
                            clause_use.location,
                            format!(
                                "{control} is excluded from the Statement of Applicability of {}, but {} covers it",
                                entity.name,
                                super::names(model, &implementers)
                            ),
                        );
                        if let Some(covering) = covering {
                            diagnostic = diagnostic.with_related(covering.location, "covered here");
                        }
                        diagnostics.push(diagnostic);
                    }
                }
                _ => {}
            }
        }
    }
}
