//! Integration of harmonized (Annex L) clauses:
//!
//! - `integration-opportunity`: a process covers harmonized clauses for one
//!   system while their twins in another integrated system are covered by
//!   nothing, or by other processes. One process could serve both. Only
//!   where the process lies inside the other system's scope (otherwise the
//!   scopes, not the processes, limit integration) and where the other system
//!   neither excludes nor delegates the twin.
//! - `harmonized-additions`: a process covers a harmonized clause for several
//!   systems; each committee added its own text to the common clause (20000-1
//!   "and the services", the management review inputs ...), which the shared
//!   process must reconcile. A hint names the additions, each at the
//!   reference it belongs to.
//!
//! Only clauses that are harmonized themselves count: 9001 8.2-8.7 or 9.1.2
//! are each standard's own text. A top-level clause (`9001:9`) stands for its
//! harmonized sub-clauses (9.1, 9.2, 9.3): "8 Operation" is a common heading,
//! but beyond 8.1 its content differs in every standard.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use ims_catalog::{Catalog, Clause, Standard};

use crate::model::{ClauseRole, ClauseUse, EntityId, Model};
use crate::{Code, Diagnostic, FileRange, Fix, TextEdit, Workspace};

use super::{is_process_cover, is_scoped};

/// The harmonized clauses of `standard` that a use names, with their
/// harmonized-structure numbers: each named clause that is harmonized
/// itself, a top-level clause standing for its harmonized children. Keys
/// inside another key of the same use (the members of a range) are covered
/// by that key.
fn harmonized_named<'s>(
    standard: &'s Standard,
    clause_use: &ClauseUse,
) -> Vec<(&'s str, &'s Clause)> {
    let mut out: Vec<(&str, &Clause)> = Vec::new();
    let tops = clause_use.keys.iter().filter(|k| {
        !clause_use
            .keys
            .iter()
            .any(|other| other.clause != k.clause && standard.is_within(&k.clause, &other.clause))
    });
    for key in tops {
        let Some(clause) = standard.clause(&key.clause) else { continue };
        let named: Vec<&Clause> = if clause.parent.is_none() {
            standard.children(&clause.reference).collect()
        } else {
            vec![clause]
        };
        for c in named {
            if let Some(hs) = c.harmonized.as_deref() {
                if !out.iter().any(|(known, _)| *known == hs) {
                    out.push((hs, c));
                }
            }
        }
    }
    out
}

/// Whether a clause use touches `clause`: names it, an ancestor or a
/// sub-clause of it.
fn touches(standard: &Standard, clause_use: &ClauseUse, clause: &str) -> bool {
    clause_use.standard.as_deref() == Some(standard.id.as_str())
        && clause_use
            .keys
            .iter()
            .any(|k| standard.is_within(clause, &k.clause) || standard.is_within(&k.clause, clause))
}

/// Processes that cover `clause` of `standard` directly (an ancestor, the
/// clause itself or a sub-clause), not via another system.
fn processes_covering(model: &Model, standard: &Standard, clause: &str) -> Vec<EntityId> {
    let mut out = Vec::new();
    for u in model
        .clause_uses_touching(standard, clause)
        .into_iter()
        .filter(|u| is_process_cover(model, u) && u.via.is_none())
    {
        if let Some(p) = u.owner.filter(|p| !out.contains(p)) {
            out.push(p);
        }
    }
    out
}

/// Whether `system` excludes `clause` (`not-applicable`) or delegates it to
/// another system (`covers ... via`): then nothing is missing.
fn excluded_or_delegated(
    model: &Model,
    standard: &Standard,
    system: EntityId,
    clause: &str,
) -> bool {
    model.clause_uses_touching(standard, clause).into_iter().any(|u| match u.role {
        ClauseRole::NotApplicable => u.owner == Some(system),
        ClauseRole::Covers => u.via.is_some_and(|v| v != system),
        _ => false,
    })
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
    // Twins covered by different processes: reported once per harmonized
    // clause and pair of systems, not once from each side.
    let mut pairs_reported = BTreeSet::new();
    let mut hinted = BTreeSet::new();
    let mut hints: Vec<Hint> = Vec::new();
    let mut hint_of: HashMap<EntityId, usize> = HashMap::default();
    for clause_use in
        model.clause_uses.iter().filter(|u| is_process_cover(model, u) && u.via.is_none())
    {
        let (Some(process), Some(standard_id)) = (clause_use.owner, clause_use.standard.as_deref())
        else {
            continue;
        };
        let Some(&(own_system, standard)) = systems.iter().find(|(_, s)| s.id == standard_id)
        else {
            continue;
        };
        let named = harmonized_named(standard, clause_use);
        if named.is_empty() {
            continue;
        }
        for &(other_system, other_standard) in &systems {
            if other_standard.id == standard.id {
                continue;
            }
            let other_data = model.entity(other_system).details.system.as_ref();
            if other_data.is_some_and(is_scoped)
                && !model.outside_scope(process, other_system).is_empty()
            {
                continue;
            }
            let mut missing: Vec<(&str, &Clause, &Clause)> = Vec::new();
            for &(hs, own_clause) in &named {
                let Some(twin) = other_standard.harmonized_clause(hs) else { continue };
                if excluded_or_delegated(model, other_standard, other_system, &twin.reference) {
                    continue;
                }
                let covering = processes_covering(model, other_standard, &twin.reference);
                if covering.contains(&process) {
                    continue;
                }
                if covering.is_empty() {
                    missing.push((hs, own_clause, twin));
                    continue;
                }
                let pair =
                    (hs.to_string(), own_system.min(other_system), own_system.max(other_system));
                if pairs_reported.insert(pair) {
                    diagnostics.push(covered_by_others(
                        catalog,
                        model,
                        clause_use,
                        process,
                        (own_system, standard, own_clause),
                        (other_system, other_standard, twin),
                        &covering,
                    ));
                }
            }
            if !missing.is_empty() {
                diagnostics.push(uncovered_twins(
                    catalog,
                    model,
                    clause_use,
                    process,
                    (own_system, other_system, other_standard),
                    &missing,
                ));
            }
        }
        for &(hs, own_clause) in &named {
            if !hinted.insert((process, hs.to_string())) {
                continue;
            }
            let mut sharing = vec![(standard, own_clause, clause_use.location)];
            for &(_, other_standard) in &systems {
                if other_standard.id == standard.id {
                    continue;
                }
                let Some(twin) = other_standard.harmonized_clause(hs) else { continue };
                let shared = model.clause_uses_of(process).find(|u| {
                    u.role == ClauseRole::Covers
                        && u.via.is_none()
                        && touches(other_standard, u, &twin.reference)
                });
                if let Some(shared) = shared {
                    sharing.push((other_standard, twin, shared.location));
                }
            }
            if sharing.len() > 1 {
                let index = match hint_of.get(&process) {
                    Some(&index) => index,
                    None => {
                        hint_of.insert(process, hints.len());
                        hints.push(Hint {
                            process,
                            location: clause_use.location,
                            clauses: Vec::new(),
                            standards: Vec::new(),
                            additions: Vec::new(),
                        });
                        hints.len() - 1
                    }
                };
                hints[index].add(catalog, model, hs, &sharing);
            }
        }
    }
    diagnostics.extend(hints.into_iter().filter_map(|h| h.diagnostic(model)));
}

/// `20000-1:9.2` covered by `audit` for the SMS; nothing covers 9001:9.2.
fn uncovered_twins(
    catalog: &Catalog,
    model: &Model,
    clause_use: &ClauseUse,
    process: EntityId,
    (own_system, other_system, other_standard): (EntityId, EntityId, &Standard),
    missing: &[(&str, &Clause, &Clause)],
) -> Diagnostic {
    let process_name = &model.entity(process).name;
    let alias = written_alias(catalog, model, other_standard);
    let twins: Vec<String> =
        missing.iter().map(|(_, _, twin)| format!("{alias}:{}", twin.reference)).collect();
    let described = match missing {
        [(_, _, twin)] => format!("its harmonized twin {alias}:{} {}", twin.reference, twin.title),
        _ => format!("the harmonized twins {}", super::join_and(&twins)),
    };
    let message = format!(
        "`{process_name}` covers {} for {}, but nothing covers {described} for {}: `{process_name}` could serve both",
        clause_use.written,
        model.entity(own_system).name,
        model.entity(other_system).name,
    );
    let end = FileRange {
        file: clause_use.statement_range.file,
        range: ims_syntax::TextRange::empty(clause_use.statement_range.range.end),
    };
    let title = match twins.as_slice() {
        [one] => format!("Cover {one} in `{process_name}` too"),
        _ => format!("Cover the twins in `{process_name}` too"),
    };
    Diagnostic::new(Code::IntegrationOpportunity, clause_use.location, message).with_fix(Fix {
        title,
        edits: vec![TextEdit { location: end, new_text: format!(", {}", twins.join(", ")) }],
    })
}

/// `20000-1:9.2` covered by `sms-audit`, its twin 9001:9.2 by `qms-audit`.
fn covered_by_others(
    catalog: &Catalog,
    model: &Model,
    clause_use: &ClauseUse,
    process: EntityId,
    (own_system, standard, own_clause): (EntityId, &Standard, &Clause),
    (other_system, other_standard, twin): (EntityId, &Standard, &Clause),
    covering: &[EntityId],
) -> Diagnostic {
    let twin_ref = format!("{}:{}", written_alias(catalog, model, other_standard), twin.reference);
    let own_ref = format!("{}:{}", written_alias(catalog, model, standard), own_clause.reference);
    let message = format!(
        "{own_ref} {} is covered by `{}` for {}, its harmonized twin {twin_ref} by {} for {}: one integrated process could serve both",
        own_clause.title,
        model.entity(process).name,
        model.entity(own_system).name,
        super::names(model, covering),
        model.entity(other_system).name,
    );
    let mut diagnostic =
        Diagnostic::new(Code::IntegrationOpportunity, clause_use.location, message);
    for &p in covering {
        diagnostic =
            diagnostic.with_related(model.entity(p).name_location(), format!("covers {twin_ref}"));
    }
    diagnostic
}

/// What a standard's committee added to a harmonized clause, if anything
/// worth reconciling, by clause number. The catalog marks an unchanged
/// clause "Essentially the common text".
fn additions(clause: &Clause) -> Vec<(&str, &str)> {
    let Some(text) = clause.addition.as_deref() else { return Vec::new() };
    if text.starts_with("Essentially the common text") {
        return Vec::new();
    }
    vec![(clause.reference.as_str(), text)]
}

/// The `harmonized-additions` hint of one process: every harmonized clause
/// it serves for several standards, with what each standard adds. One hint
/// per process, at its first such reference, so that a process covering all
/// of clauses 4-10 for three systems is one hint, not thirty.
struct Hint {
    process: EntityId,
    location: FileRange,
    /// Harmonized numbers and titles, in the order met.
    clauses: Vec<(String, String)>,
    standards: Vec<String>,
    additions: Vec<(FileRange, String)>,
}

impl Hint {
    fn add(
        &mut self,
        catalog: &Catalog,
        model: &Model,
        hs: &str,
        sharing: &[(&Standard, &Clause, FileRange)],
    ) {
        let mut added = false;
        for (standard, clause, location) in sharing {
            let alias = written_alias(catalog, model, standard);
            for (reference, text) in additions(clause) {
                self.additions.push((*location, format!("{alias}:{reference}: {text}")));
                added = true;
            }
        }
        if !added {
            return;
        }
        self.clauses.push((hs.to_string(), sharing[0].1.title.clone()));
        for (standard, _, _) in sharing {
            let name = standard.short_name();
            if !self.standards.contains(&name) {
                self.standards.push(name);
            }
        }
    }

    fn diagnostic(self, model: &Model) -> Option<Diagnostic> {
        let process = &model.entity(self.process).name;
        let served = match self.clauses.as_slice() {
            [] => return None,
            [(hs, title)] => format!("the harmonized clause {hs} {title}"),
            many => {
                let mut numbers: Vec<String> = many.iter().map(|(hs, _)| hs.clone()).collect();
                numbers.sort_by_key(|n| {
                    n.split('.').map(|p| p.parse::<u32>().unwrap_or(0)).collect::<Vec<_>>()
                });
                format!("{} harmonized clauses ({})", many.len(), super::compress_refs(&numbers))
            }
        };
        let mut diagnostic = Diagnostic::new(
            Code::HarmonizedAdditions,
            self.location,
            format!(
                "`{process}` serves {served} of {}: it must also meet what each standard adds to the common text",
                super::join_and(&self.standards),
            ),
        );
        for (location, text) in self.additions {
            diagnostic = diagnostic.with_related(location, text);
        }
        Some(diagnostic)
    }
}
