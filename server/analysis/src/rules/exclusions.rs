//! Exclusions, per standard (docs/language.md, "Exclusions"):
//!
//! - `missing-justification`: `not-applicable` or `excluded` without a
//!   `because` (or with an empty one), once per statement;
//! - `exclusion-not-permitted`: ISO 9001 4.3 allows a requirement to be
//!   "not applicable" only where that does not affect the conformity of
//!   products and services, which we read as within clause 8, plus 7.1.5.2,
//!   whose own text makes it conditional ("when measurement traceability is a
//!   requirement"); ISO/IEC 20000-1 allows no exclusion of clauses 4-10 (work
//!   done by other parties is controlled under 8.2.3); ISO/IEC 27001 clauses
//!   4-10 are mandatory (Annex A controls are excluded in `controls`);
//! - `covered-and-excluded`: a clause marked `not-applicable` that a process
//!   covers (controls are checked in `soa.rs`).

use std::collections::BTreeSet;

use ims_catalog::{ExclusionPolicy, Standard};
use ims_syntax::TextRange;

use crate::model::{use_includes, ClauseRole, ClauseUse, EntityId, Model};
use crate::{Code, Diagnostic, FileRange, Fix, TextEdit, Workspace};

use super::labelled;

/// Clauses outside clause 8 that a standard with justified exclusions
/// allows to be not applicable: requirements that are conditional by their
/// own wording.
const CONDITIONAL_OUTSIDE_8: &[(&str, &str)] = &[("iso9001@2015", "7.1.5.2")];

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    let mut justified_statements = BTreeSet::new();
    for clause_use in &model.clause_uses {
        if !matches!(clause_use.role, ClauseRole::NotApplicable | ClauseRole::Excluded) {
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
        if let Some(message) = not_permitted(standard, clause_use) {
            diagnostics.push(Diagnostic::new(
                Code::ExclusionNotPermitted,
                clause_use.location,
                message,
            ));
        }
        covered_and_excluded(model, standard, system, clause_use, diagnostics);
    }
}

/// One diagnostic per statement, over its clauses; the fix adds an empty
/// `because ""` to fill in (an empty justification is still reported, so the
/// fix cannot silence the finding with placeholder text).
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
    let (keyword, what) = match (clause_use.role == ClauseRole::Excluded, plural) {
        (true, false) => ("excluded", "is excluded from the Statement of Applicability"),
        (true, true) => ("excluded", "are excluded from the Statement of Applicability"),
        (false, false) => ("not-applicable", "does not apply"),
        (false, true) => ("not-applicable", "do not apply"),
    };
    let subject = super::join_and(&written);
    let (message, fix) = match clause_use.justification.as_deref() {
        None => (
            format!("`{keyword}` needs a justification: add `because \"...\"` saying why {subject} {what}"),
            Some(Fix {
                title: "Add a justification (`because \"...\"`)".to_string(),
                edits: vec![TextEdit {
                    location: FileRange { file, range: TextRange::empty(end) },
                    new_text: " because \"\"".to_string(),
                }],
            }),
        ),
        Some(_) => (
            format!("the justification is empty: say why {subject} {what}"),
            None,
        ),
    };
    let mut diagnostic = Diagnostic::new(
        Code::MissingJustification,
        FileRange { file, range: TextRange::new(start, end) },
        message,
    );
    if let Some(fix) = fix {
        diagnostic = diagnostic.with_fix(fix);
    }
    diagnostic
}

fn not_permitted(standard: &Standard, clause_use: &ClauseUse) -> Option<String> {
    let name = standard.short_name();
    match standard.exclusion_policy {
        ExclusionPolicy::None => Some(format!(
            "{} cannot be excluded: {name} allows no exclusion of clauses 4-10; work done by other parties is controlled under 8.2.3 instead",
            clause_use.written
        )),
        ExclusionPolicy::AnnexAOnly => Some(format!(
            "{} cannot be excluded: clauses 4-10 of {name} are mandatory; only Annex A controls may be excluded, in the `controls` block (the Statement of Applicability)",
            clause_use.written
        )),
        ExclusionPolicy::Justified => {
            let conditional = |clause: &str| {
                CONDITIONAL_OUTSIDE_8.iter().any(|(id, c)| {
                    *id == standard.id && standard.is_within(clause, c)
                })
            };
            let alias = clause_use.written.split(':').next().unwrap_or_default();
            let outside_8: Vec<String> = clause_use
                .keys
                .iter()
                .map(|k| k.clause.as_str())
                .filter(|c| !standard.is_within(c, "8") && !conditional(c))
                .map(|c| format!("{alias}:{c}"))
                .collect();
            (!outside_8.is_empty()).then(|| format!(
                "{} cannot be declared not applicable: {name} (4.3) allows it only for requirements that do not affect the conformity of products and services, that is within clause 8 (and 7.1.5.2 where no measurement traceability is required)",
                outside_8.join(", ")
            ))
        }
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
