//! Integration of harmonized (Annex L) clauses:
//!
//! - `integration-opportunity`: a process covers a harmonized clause for one
//!   system while the twin clause of another integrated system is covered by
//!   nothing, or by different processes. One process could serve both.
//! - `harmonized-additions`: a process covers a harmonized clause for several
//!   systems; each committee added its own text to the common clause (20000-1
//!   "and the services", the management review inputs ...), which the shared
//!   process must reconcile. A hint names the additions.

use std::collections::BTreeSet;

use ims_catalog::{Catalog, Standard};

use crate::model::{ClauseRole, ClauseUse, EntityId, Model};
use crate::{Code, Diagnostic, FileRange, Fix, TextEdit, Workspace};

/// The harmonized-structure number of `clause`, or of its nearest
/// harmonized ancestor below the top level. A top-level heading such as
/// "8 Operation" is harmonized, but most of what sits under it (20000-1
/// 8.2-8.7, 9001 8.2-8.7) is each standard's own text.
fn harmonized_of<'s>(standard: &'s Standard, clause: &str) -> Option<(&'s str, &'s str)> {
    let mut current = standard.clause(clause);
    let mut is_self = true;
    while let Some(c) = current {
        if let Some(hs) = c.harmonized.as_deref() {
            if is_self || c.parent.is_some() {
                return Some((hs, c.reference.as_str()));
            }
            return None;
        }
        is_self = false;
        current = c.parent.as_deref().and_then(|p| standard.clause(p));
    }
    None
}

/// Processes that cover `clause` of `standard` directly (an ancestor, the
/// clause itself or a sub-clause), not via another system.
fn processes_covering(model: &Model, standard: &Standard, clause: &str) -> Vec<EntityId> {
    let mut out = Vec::new();
    for u in model.clause_uses.iter().filter(|u| {
        u.role == ClauseRole::Covers
            && u.via.is_none()
            && u.standard.as_deref() == Some(standard.id.as_str())
    }) {
        let touches = u.keys.iter().any(|k| {
            standard.is_within(clause, &k.clause) || standard.is_within(&k.clause, clause)
        });
        if touches {
            if let Some(p) = u.owner {
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out
}

/// How to write a reference to `standard` in this IMS: the short alias, with
/// the edition when the IMS integrates two editions of the standard.
fn written_alias(catalog: &Catalog, model: &Model, standard: &Standard) -> String {
    let alias = standard.aliases.first().cloned().unwrap_or_else(|| standard.family.clone());
    let editions = catalog.editions(&standard.family);
    let integrated = model.integrated();
    let several = editions.iter().filter(|s| integrated.contains(&s.id.as_str())).count() > 1;
    if several {
        format!("{alias}@{}", standard.edition)
    } else {
        alias
    }
}

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let catalog = &workspace.catalog;
    let systems: Vec<(EntityId, &Standard)> = model
        .systems()
        .filter_map(|(id, _, s)| {
            s.standard.as_deref().and_then(|sid| catalog.standard(sid)).map(|st| (id, st))
        })
        .collect();
    if systems.len() < 2 {
        return;
    }
    let mut opportunities = BTreeSet::new();
    let mut hinted = BTreeSet::new();
    for clause_use in
        model.clause_uses.iter().filter(|u| u.role == ClauseRole::Covers && u.via.is_none())
    {
        let (Some(process), Some(standard_id)) = (clause_use.owner, clause_use.standard.as_deref())
        else {
            continue;
        };
        let Some(&(own_system, standard)) = systems.iter().find(|(_, s)| s.id == standard_id)
        else {
            continue;
        };
        for key in &clause_use.keys {
            let Some((hs, own_clause)) = harmonized_of(standard, &key.clause) else { continue };
            let mut sharing = vec![(own_system, standard, own_clause.to_string())];
            for &(other_system, other_standard) in &systems {
                if other_standard.id == standard.id {
                    continue;
                }
                let Some(twin) = other_standard.harmonized_clause(hs) else { continue };
                let covering = processes_covering(model, other_standard, &twin.reference);
                if covering.contains(&process) {
                    sharing.push((other_system, other_standard, twin.reference.clone()));
                    continue;
                }
                if !opportunities.insert((process, hs.to_string(), other_system)) {
                    continue;
                }
                diagnostics.push(opportunity(
                    catalog,
                    model,
                    clause_use,
                    process,
                    (own_system, standard, own_clause),
                    (other_system, other_standard, twin),
                    &covering,
                ));
            }
            if sharing.len() > 1 && hinted.insert((process, hs.to_string())) {
                if let Some(hint) = additions_hint(model, clause_use, process, hs, &sharing) {
                    diagnostics.push(hint);
                }
            }
        }
    }
}

fn opportunity(
    catalog: &Catalog,
    model: &Model,
    clause_use: &ClauseUse,
    process: EntityId,
    own: (EntityId, &Standard, &str),
    other: (EntityId, &Standard, &ims_catalog::Clause),
    covering: &[EntityId],
) -> Diagnostic {
    let (own_system, standard, own_clause) = own;
    let (other_system, other_standard, twin) = other;
    let process_name = &model.entity(process).name;
    let twin_ref = format!("{}:{}", written_alias(catalog, model, other_standard), twin.reference);
    let own_ref = format!("{}:{}", written_alias(catalog, model, standard), own_clause);
    let message = if covering.is_empty() {
        format!(
            "{own_ref} is covered by `{process_name}` for {}, but nothing covers its harmonized twin {twin_ref} {} for {}: `{process_name}` could cover both",
            model.entity(own_system).name,
            twin.title,
            model.entity(other_system).name,
        )
    } else {
        format!(
            "{own_ref} is covered by `{process_name}` for {}, while its harmonized twin {twin_ref} {} is covered by {} for {}: one integrated process could serve both",
            model.entity(own_system).name,
            twin.title,
            super::names(model, covering),
            model.entity(other_system).name,
        )
    };
    let end = FileRange {
        file: clause_use.statement_range.file,
        range: ims_syntax::TextRange::empty(clause_use.statement_range.range.end),
    };
    let mut diagnostic =
        Diagnostic::new(Code::IntegrationOpportunity, clause_use.location, message);
    if covering.is_empty() {
        diagnostic = diagnostic.with_fix(Fix {
            title: format!("Cover {twin_ref} in `{process_name}` too"),
            edits: vec![TextEdit { location: end, new_text: format!(", {twin_ref}") }],
        });
    }
    for &p in covering {
        diagnostic =
            diagnostic.with_related(model.entity(p).name_location(), format!("covers {twin_ref}"));
    }
    diagnostic
}

fn additions_hint(
    model: &Model,
    clause_use: &ClauseUse,
    process: EntityId,
    hs: &str,
    sharing: &[(EntityId, &Standard, String)],
) -> Option<Diagnostic> {
    let additions: Vec<String> = sharing
        .iter()
        .filter_map(|(_, standard, clause)| {
            let c = standard.clause(clause)?;
            let alias = standard.aliases.first()?;
            c.addition.as_ref().map(|a| format!("{alias} {clause}: {a}"))
        })
        .collect();
    if additions.is_empty() {
        return None;
    }
    let title = sharing.first().and_then(|(_, s, c)| s.clause(c)).map_or("", |c| c.title.as_str());
    let systems: Vec<String> =
        sharing.iter().map(|(id, _, _)| model.entity(*id).name.clone()).collect();
    Some(Diagnostic::new(
        Code::HarmonizedAdditions,
        clause_use.location,
        format!(
            "harmonized clause {hs} {title}: `{}` serves {}; reconcile what each committee added. {}",
            model.entity(process).name,
            super::join_and(&systems),
            additions.join(" | ")
        ),
    ))
}
