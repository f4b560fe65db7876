//! Exclusions, per standard (docs/language.md, "Exclusions"):
//!
//! - `missing-justification`: `not-applicable` or `excluded` without a
//!   `because` (or with an empty one), once per statement;
//! - `missing-inclusion-justification`: the same for `applicable` in a
//!   Statement of Applicability (27001 6.1.3 d asks why each included
//!   control is included, not only why one is excluded);
//! - `exclusion-not-permitted` and `unusual-exclusion`: what each standard
//!   allows is data, the standard's exclusion table (`[[exclusion]]` in its
//!   catalog file, `Standard::exclusion_verdict`): clause by clause
//!   `permitted`, `unusual` (a certification body will challenge it: a
//!   warning) or `not-permitted` (an error), each with a rationale and a
//!   source. Excluding a clause excludes its sub-clauses, so the strictest
//!   rule below it decides. ISO/IEC 20000-1 and ISO/IEC 27001 permit no
//!   exclusion of clauses 4-10 (Annex A controls are excluded in
//!   `controls`);
//! - `covered-and-excluded`: a clause marked `not-applicable` that a process
//!   covers (controls are checked in `soa.rs`).

use std::collections::BTreeSet;

use ims_catalog::{ClauseKind, ExclusionPolicy, ExclusionRule, ExclusionVerdict, Standard};
use ims_syntax::TextRange;

use crate::model::{use_includes, ClauseRole, ClauseUse, EntityId, Model};
use crate::{Code, Diagnostic, FileRange, Workspace};

use super::labelled;

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut justified_statements = BTreeSet::new();
    for clause_use in &model.clause_uses {
        if !matches!(
            clause_use.role,
            ClauseRole::NotApplicable | ClauseRole::Excluded | ClauseRole::Applicable
        ) {
            continue;
        }
        if clause_use.justification.as_deref().is_none_or(|j| j.trim().is_empty())
            && justified_statements.insert(clause_use.statement_range)
        {
            diagnostics.push(missing_justification(model, clause_use));
        }
        if clause_use.role != ClauseRole::NotApplicable {
            continue;
        }
        let (Some(system), Some(standard_id)) = (clause_use.owner, clause_use.standard.as_deref())
        else {
            continue;
        };
        let Some(data) = model.entity(system).details.system.as_ref() else { continue };
        let Some(standard) = workspace.catalog.standard(standard_id) else { continue };
        if data.standard.as_deref() != Some(standard_id) {
            diagnostics.push(Diagnostic::new(
                Code::WrongKind,
                clause_use.location,
                format!(
                    "{} is a clause of {}, but system `{}` follows {}",
                    clause_use.written,
                    standard.short_name(),
                    model.entity(system).name,
                    data.standard
                        .as_deref()
                        .and_then(|id| workspace.catalog.standard(id))
                        .map_or("no known standard".to_string(), Standard::short_name)
                ),
            ));
            continue;
        }
        judge_exclusion(standard, clause_use, diagnostics);
        covered_and_excluded(model, standard, system, clause_use, diagnostics);
    }
}

/// One diagnostic per statement, over its clauses (an empty justification
/// is reported too, so placeholder text cannot silence the finding).
fn missing_justification(model: &Model, clause_use: &ClauseUse) -> Diagnostic {
    let items: Vec<&ClauseUse> = model
        .clause_uses
        .iter()
        .filter(|u| u.statement_range == clause_use.statement_range)
        .collect();
    let file = clause_use.statement_range.file;
    let start = items.iter().map(|u| u.location.range.start).min().unwrap_or(0);
    let end = items.iter().map(|u| u.location.range.end).max().unwrap_or(start);
    let written: Vec<String> = items.iter().map(|u| u.written.clone()).collect();
    let plural = items.len() > 1 || items.iter().any(|u| u.end_location.is_some());
    let (keyword, what) = match (clause_use.role, plural) {
        (ClauseRole::Excluded, false) => {
            ("excluded", "is excluded from the Statement of Applicability")
        }
        (ClauseRole::Excluded, true) => {
            ("excluded", "are excluded from the Statement of Applicability")
        }
        (ClauseRole::Applicable, false) => {
            ("applicable", "is included in the Statement of Applicability (27001 6.1.3 d)")
        }
        (ClauseRole::Applicable, true) => {
            ("applicable", "are included in the Statement of Applicability (27001 6.1.3 d)")
        }
        (_, false) => ("not-applicable", "does not apply"),
        (_, true) => ("not-applicable", "do not apply"),
    };
    let code = if clause_use.role == ClauseRole::Applicable {
        Code::MissingInclusionJustification
    } else {
        Code::MissingJustification
    };
    let subject = super::join_and(&written);
    // No quick fix: a justification is the user's to write, and an empty
    // `because ""` would only trade this finding for "the justification is
    // empty" (the rule of every quick fix, server/ide/tests/quick_fixes.rs).
    let message = match clause_use.justification.as_deref() {
        None => format!(
            "`{keyword}` needs a justification: add `because \"...\"` saying why {subject} {what}"
        ),
        Some(_) => format!("the justification is empty: say why {subject} {what}"),
    };
    Diagnostic::new(code, FileRange { file, range: TextRange::new(start, end) }, message)
}

/// Judges each clause of a `not-applicable` item by the standard's
/// exclusion table: one `exclusion-not-permitted` for the clauses that may
/// never be excluded, one `unusual-exclusion` for those a certification body
/// will challenge, each with the table's rationale and source.
fn judge_exclusion(standard: &Standard, clause_use: &ClauseUse, diagnostics: &mut Vec<Diagnostic>) {
    let alias = clause_use.written.split(':').next().unwrap_or_default();
    let mut verdicts: Vec<(&str, ExclusionVerdict<'_>)> = Vec::new();
    let mut controls: Vec<String> = Vec::new();
    for key in &clause_use.keys {
        match standard.clause(&key.clause) {
            Some(clause) if clause.kind != ClauseKind::Clause => {
                controls.push(format!("{alias}:{}", key.clause));
            }
            _ => verdicts.push((key.clause.as_str(), standard.exclusion_verdict(&key.clause))),
        }
    }
    if !controls.is_empty() {
        diagnostics.push(Diagnostic::new(
            Code::ExclusionNotPermitted,
            clause_use.location,
            format!(
                "{} belong{} to Annex A: exclude controls in the `controls` block (the Statement of Applicability) with `excluded ... because \"...\"`, not with `not-applicable`",
                super::join_and(&controls),
                if controls.len() == 1 { "s" } else { "" }
            ),
        ));
    }
    for (rule, code) in [
        (ExclusionRule::NotPermitted, Code::ExclusionNotPermitted),
        (ExclusionRule::Unusual, Code::UnusualExclusion),
    ] {
        let judged: Vec<&(&str, ExclusionVerdict<'_>)> =
            verdicts.iter().filter(|(_, v)| v.rule == rule).collect();
        let Some((_, first)) = judged.first() else { continue };
        let written: Vec<String> = judged.iter().map(|(c, _)| format!("{alias}:{c}")).collect();
        let subject = super::join_and(&written);
        // The clause whose row decided, when it is not the excluded one
        // (excluding 9001:8 excludes 8.1).
        let within = match (judged.as_slice(), first.clause) {
            ([(excluded, _)], Some(decider)) if decider.reference != *excluded => {
                format!(" It includes {alias}:{} {}.", decider.reference, decider.title)
            }
            _ => String::new(),
        };
        let (rationale, source) = match first.entry {
            Some(entry) => (entry.rationale.as_str(), entry.source.as_str()),
            None => ("", ""),
        };
        let message = match rule {
            ExclusionRule::NotPermitted => {
                let annex_a = if standard.exclusion_policy == ExclusionPolicy::AnnexAOnly {
                    " Annex A controls are excluded in the `controls` block (the Statement of Applicability) instead."
                } else {
                    ""
                };
                format!(
                    "{subject} cannot be declared not applicable under {}.{within} {rationale}{annex_a} (Source: {source}.)",
                    standard.short_name()
                )
            }
            _ => format!(
                "{subject} may be declared not applicable under {} only with a strong case; expect the certification body to challenge it.{within} {rationale} (Source: {source}.)",
                standard.short_name()
            ),
        };
        diagnostics.push(Diagnostic::new(code, clause_use.location, message));
    }
}

/// A `not-applicable` clause that processes cover (directly, not `via`
/// another system): one diagnostic per excluded item, naming every process.
fn covered_and_excluded(
    model: &Model,
    standard: &Standard,
    system: EntityId,
    clause_use: &ClauseUse,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let covering: Vec<&ClauseUse> = model
        .clause_uses
        .iter()
        .filter(|u| {
            super::is_process_cover(model, u)
                && u.via.is_none()
                && u.standard.as_deref() == Some(standard.id.as_str())
        })
        .filter(|covering| {
            clause_use.keys.iter().any(|k| use_includes(standard, covering, &k.clause))
                || covering.keys.iter().any(|k| use_includes(standard, clause_use, &k.clause))
        })
        .collect();
    if covering.is_empty() {
        return;
    }
    let mut processes: Vec<EntityId> = Vec::new();
    for owner in covering.iter().filter_map(|u| u.owner) {
        if !processes.contains(&owner) {
            processes.push(owner);
        }
    }
    let mut written: Vec<String> = Vec::new();
    for u in &covering {
        if !written.contains(&u.written) {
            written.push(u.written.clone());
        }
    }
    let verb = if processes.len() == 1 { "covers" } else { "cover" };
    let mut diagnostic = Diagnostic::new(
        Code::CoveredAndExcluded,
        clause_use.location,
        format!(
            "{} is declared not applicable in `{}`, but {} {verb} {}",
            clause_use.written,
            model.entity(system).name,
            labelled(model, "process", &processes),
            super::join_and(&written),
        ),
    );
    for u in covering {
        diagnostic = diagnostic.with_related(u.location, "covered here");
    }
    diagnostics.push(diagnostic);
}
