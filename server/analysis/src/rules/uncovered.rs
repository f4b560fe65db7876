//! `uncovered-clauses`: the mandatory clauses of a system that no process
//! covers, one diagnostic per system (not hundreds of lines). Where every
//! sub-clause of a clause is uncovered, the clause stands for them; runs of
//! siblings are written `8.5-8.7`. Excluded and delegated clauses are not
//! uncovered.

use crate::model::{ClauseStatus, Model};
use crate::{Code, Diagnostic, Workspace};

use super::compress_refs;

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    for (system, entity, _) in model.systems() {
        let Some(coverage) = model.coverage.get(&system) else { continue };
        let Some(standard) = workspace.catalog.standard(&coverage.standard) else { continue };
        let uncovered: Vec<&str> = coverage
            .requirements
            .iter()
            .filter(|(_, s)| *s == ClauseStatus::Uncovered)
            .map(|(r, _)| r.as_str())
            .collect();
        if uncovered.is_empty() {
            continue;
        }
        // Roll up: a parent whose requirement leaves are all uncovered is
        // named instead of its leaves.
        let leaves_under = |parent: &str| -> Vec<&str> {
            coverage
                .requirements
                .iter()
                .map(|(r, _)| r.as_str())
                .filter(|r| standard.is_within(r, parent) && *r != parent)
                .collect()
        };
        let mut shown: Vec<String> = Vec::new();
        let mut skip_under: Option<String> = None;
        for &clause in &uncovered {
            if let Some(parent) = &skip_under {
                if standard.is_within(clause, parent) {
                    continue;
                }
            }
            let mut rolled = None;
            let mut current = standard.clause(clause).and_then(|c| c.parent.clone());
            while let Some(parent) = current {
                let leaves = leaves_under(&parent);
                if leaves.iter().all(|l| uncovered.contains(l)) {
                    rolled = Some(parent.clone());
                    current = standard.clause(&parent).and_then(|c| c.parent.clone());
                } else {
                    break;
                }
            }
            match rolled {
                Some(parent) => {
                    shown.push(parent.clone());
                    skip_under = Some(parent);
                }
                None => shown.push(clause.to_string()),
            }
        }
        // A short list is named with titles; a long one by number only (the
        // hover of the system and the coverage report have the titles).
        let listed = if shown.len() <= 3 {
            shown
                .iter()
                .map(|r| format!("{r} {}", standard.clause(r).map_or("", |c| c.title.as_str())))
                .collect::<Vec<_>>()
                .join("; ")
        } else {
            compress_refs(&shown)
        };
        let total = coverage.requirements.len();
        let counted = if uncovered.len() == total {
            format!("all {total}")
        } else {
            format!("{} of the {total}", uncovered.len())
        };
        diagnostics.push(Diagnostic::new(
            Code::UncoveredClauses,
            entity.name_location(),
            format!(
                "no process covers {counted} mandatory clauses of {} in `{}`: {listed}",
                standard.short_name(),
                entity.name,
            ),
        ));
    }
}
