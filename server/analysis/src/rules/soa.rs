//! The Statement of Applicability (27001 6.1.3 d), the `controls` block:
//!
//! - `soa-incomplete`: Annex A controls it does not address (one diagnostic
//!   per system);
//! - `control-not-implemented`: applicable controls no process covers (one
//!   diagnostic per `applicable` item);
//! - `covered-and-excluded` for controls: excluded, yet a process covers them.

use ims_syntax::ast::StatementKind;

use crate::model::{ClauseRole, ControlStatus, EntityId, Model};
use crate::{Code, Diagnostic, FileRange, Workspace};

use super::{compress_refs, labelled};

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
            let location = controls_keyword(workspace, model, system)
                .or(data.controls_block)
                .unwrap_or_else(|| entity.name_location());
            let message = if data.controls_block.is_none() {
                format!(
                    "system `{}` has no Statement of Applicability: add a `controls {{ applicable ...; excluded ... because \"...\" }}` block addressing all {} Annex A controls of {}",
                    entity.name,
                    coverage.controls.len(),
                    standard.short_name()
                )
            } else {
                format!(
                    "the Statement of Applicability of `{}` does not address {} of the {} Annex A controls: {}",
                    entity.name,
                    missing.len(),
                    coverage.controls.len(),
                    compress_refs(&missing)
                )
            };
            diagnostics.push(Diagnostic::new(Code::SoaIncomplete, location, message));
        }

        for clause_use in model.clause_uses_of(system) {
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
                    let listed = if unimplemented.len() <= 3 {
                        unimplemented
                            .iter()
                            .map(|c| {
                                format!(
                                    "{c} {}",
                                    standard.clause(c).map_or("", |x| x.title.as_str())
                                )
                            })
                            .collect::<Vec<_>>()
                            .join("; ")
                    } else {
                        format!(
                            "{} controls, {}",
                            unimplemented.len(),
                            compress_refs(&unimplemented)
                        )
                    };
                    diagnostics.push(Diagnostic::new(
                        Code::ControlNotImplemented,
                        clause_use.location,
                        format!(
                            "applicable in the Statement of Applicability of `{}`, but no process implements {listed}",
                            entity.name,
                        ),
                    ));
                }
                ClauseRole::Excluded => {
                    let mut covered: Vec<String> = Vec::new();
                    let mut coverers: Vec<EntityId> = Vec::new();
                    let mut related: Vec<FileRange> = Vec::new();
                    for control in &listed {
                        let uses = model
                            .clause_uses_including(standard, control)
                            .into_iter()
                            .filter(|u| super::is_process_cover(model, u));
                        let mut any = false;
                        for u in uses {
                            any = true;
                            if let Some(owner) = u.owner.filter(|o| !coverers.contains(o)) {
                                coverers.push(owner);
                            }
                            if !related.contains(&u.location) {
                                related.push(u.location);
                            }
                        }
                        if any {
                            covered.push(control.to_string());
                        }
                    }
                    if covered.is_empty() {
                        continue;
                    }
                    let (what, pronoun) = if covered.len() == 1 {
                        (format!("{} is", covered[0]), "it")
                    } else {
                        (format!("{} are", compress_refs(&covered)), "them")
                    };
                    let verb = if coverers.len() == 1 { "covers" } else { "cover" };
                    let mut diagnostic = Diagnostic::new(
                        Code::CoveredAndExcluded,
                        clause_use.location,
                        format!(
                            "{what} excluded from the Statement of Applicability of `{}`, but {} {verb} {pronoun}",
                            entity.name,
                            labelled(model, "process", &coverers),
                        ),
                    );
                    for location in related {
                        diagnostic = diagnostic.with_related(location, "covered here");
                    }
                    diagnostics.push(diagnostic);
                }
                _ => {}
            }
        }
    }
}

/// The `controls` keyword of a system's first `controls` block.
fn controls_keyword(workspace: &Workspace, model: &Model, system: EntityId) -> Option<FileRange> {
    let entity = model.entity(system);
    let decl = &workspace.file(entity.file).syntax.ast().declarations[entity.decl];
    decl.statements_of(StatementKind::Controls)
        .next()
        .map(|s| FileRange { file: entity.file, range: s.keyword })
}
