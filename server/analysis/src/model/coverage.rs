//! Coverage of each system: for every requirement clause (a leaf of clauses
//! 4-10) whether a process covers it, it is delegated to another system with
//! `via`, it is excluded, or nothing covers it; and for every Annex A control
//! what the Statement of Applicability says and which processes implement it.
//! Covering a clause covers all its sub-clauses.

use ims_catalog::Standard;

use super::{ClauseRole, ClauseUse, EntityId, Model};
use crate::Workspace;

/// The state of one requirement clause in one system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClauseStatus {
    /// Covered by these processes.
    Covered {
        by: Vec<EntityId>,
    },
    /// Met by another system (`covers X via SYSTEM`), through these processes.
    Delegated {
        to: EntityId,
        by: Vec<EntityId>,
    },
    /// `not-applicable` in the system.
    Excluded {
        justification: Option<String>,
    },
    Uncovered,
}

/// The state of one Annex A control in one system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlStatus {
    /// Applicable in the SoA; implemented by these processes (maybe none).
    Applicable { implemented_by: Vec<EntityId> },
    /// Excluded in the SoA.
    Excluded { justification: Option<String> },
    /// Not in the SoA at all; maybe covered by processes all the same.
    Missing { implemented_by: Vec<EntityId> },
}

/// Coverage of one system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    pub standard: String,
    /// Requirement clauses in document order.
    pub requirements: Vec<(String, ClauseStatus)>,
    /// Annex A controls in document order (empty for standards without one).
    pub controls: Vec<(String, ControlStatus)>,
}

impl Coverage {
    /// (covered or delegated or excluded, total) over requirement clauses.
    pub fn requirement_counts(&self) -> (usize, usize) {
        let done = self.requirements.iter().filter(|(_, s)| *s != ClauseStatus::Uncovered).count();
        (done, self.requirements.len())
    }

    pub fn status(&self, clause: &str) -> Option<&ClauseStatus> {
        self.requirements.iter().find(|(r, _)| r == clause).map(|(_, s)| s)
    }

    pub fn control(&self, clause: &str) -> Option<&ControlStatus> {
        self.controls.iter().find(|(r, _)| r == clause).map(|(_, s)| s)
    }
}

/// Whether the use names `clause` itself or an ancestor of it.
pub fn use_includes(standard: &Standard, clause_use: &ClauseUse, clause: &str) -> bool {
    clause_use.standard.as_deref() == Some(standard.id.as_str())
        && clause_use.keys.iter().any(|k| standard.is_within(clause, &k.clause))
}

/// Whether a clause use is a `covers` of a process. A `covers` written in
/// another declaration is reported as `misplaced-statement` and covers
/// nothing.
pub fn is_process_cover(model: &Model, clause_use: &ClauseUse) -> bool {
    clause_use.role == ClauseRole::Covers && clause_use.owner.is_some_and(|o| is_process(model, o))
}

pub(super) fn compute(workspace: &Workspace, model: &mut Model) {
    let mut all = rustc_hash::FxHashMap::default();
    for (system, _, data) in model.systems() {
        let Some(standard) = data.standard.as_deref().and_then(|id| workspace.catalog.standard(id))
        else {
            continue;
        };
        let requirements = standard
            .requirement_clauses()
            .into_iter()
            .map(|clause| {
                (
                    clause.reference.clone(),
                    requirement_status(model, standard, system, &clause.reference),
                )
            })
            .collect();
        let controls = standard
            .controls()
            .into_iter()
            .map(|clause| {
                (
                    clause.reference.clone(),
                    control_status(model, standard, system, &clause.reference),
                )
            })
            .collect();
        all.insert(system, Coverage { standard: standard.id.clone(), requirements, controls });
    }
    model.coverage = all;
}

fn is_process(model: &Model, entity: EntityId) -> bool {
    model.entities[entity].kind == ims_syntax::ast::DeclarationKind::Process
}

fn requirement_status(
    model: &Model,
    standard: &Standard,
    system: EntityId,
    clause: &str,
) -> ClauseStatus {
    let mut covered = Vec::new();
    let mut delegated: Option<(EntityId, Vec<EntityId>)> = None;
    for clause_use in model.clause_uses_including(standard, clause) {
        match clause_use.role {
            ClauseRole::NotApplicable if clause_use.owner == Some(system) => {
                return ClauseStatus::Excluded { justification: clause_use.justification.clone() };
            }
            ClauseRole::Covers => {
                // Only processes cover clauses; a misplaced `covers` elsewhere
                // is reported as `misplaced-statement` and counts for nothing.
                let Some(process) = clause_use.owner.filter(|&o| is_process(model, o)) else {
                    continue;
                };
                match clause_use.via {
                    Some(to) if to != system => {
                        let entry = delegated.get_or_insert((to, Vec::new()));
                        if !entry.1.contains(&process) {
                            entry.1.push(process);
                        }
                    }
                    _ => {
                        if !covered.contains(&process) {
                            covered.push(process);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if !covered.is_empty() {
        ClauseStatus::Covered { by: covered }
    } else if let Some((to, by)) = delegated {
        ClauseStatus::Delegated { to, by }
    } else {
        ClauseStatus::Uncovered
    }
}

fn control_status(
    model: &Model,
    standard: &Standard,
    system: EntityId,
    control: &str,
) -> ControlStatus {
    let mut implemented_by = Vec::new();
    let mut soa: Option<ControlStatus> = None;
    for clause_use in model.clause_uses_including(standard, control) {
        match clause_use.role {
            ClauseRole::Covers => {
                if let Some(process) = clause_use.owner.filter(|&o| is_process(model, o)) {
                    if !implemented_by.contains(&process) {
                        implemented_by.push(process);
                    }
                }
            }
            ClauseRole::Applicable if clause_use.owner == Some(system) => {
                soa.get_or_insert(ControlStatus::Applicable { implemented_by: Vec::new() });
            }
            ClauseRole::Excluded if clause_use.owner == Some(system) => {
                soa = Some(ControlStatus::Excluded {
                    justification: clause_use.justification.clone(),
                });
            }
            _ => {}
        }
    }
    match soa {
        Some(ControlStatus::Applicable { .. }) => ControlStatus::Applicable { implemented_by },
        Some(excluded) => excluded,
        None => ControlStatus::Missing { implemented_by },
    }
}
