//! Exclusions, per standard (docs/language.md, "Exclusions"):
//!
//! - `missing-justification`: `not-applicable` or `excluded` without `because`;
//! - `exclusion-not-permitted`: 9001 allows `not-applicable` only where
//!   conformity of products and services is unaffected, which we read as
//!   within clause 8; 20000-1 allows no exclusion of clauses 4-10 (other
//!   parties' work is controlled under 8.2.3); 27001 clauses 4-10 are
//!   mandatory (Annex A controls are excluded in `controls`);
//! - `covered-and-excluded`: a clause marked `not-applicable` that a process
//!   covers.

use ims_catalog::ExclusionPolicy;
use ims_syntax::TextRange;

use crate::model::{use_includes, ClauseRole, Model};
use crate::{Code, Diagnostic, FileRange, Fix, TextEdit, Workspace};

pub(super) fn check(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    for clause_use in &model.clause_uses {
        if !matches!(clause_use.role, ClauseRole::NotApplicable | ClauseRole::Excluded) {
            continue;
        }
        if clause_use.justification.as_deref().is_none_or(|j| j.trim().is_empty()) {
            let end = FileRange {
                file: clause_use.statement_range.file,
                range: TextRange::empty(clause_use.statement_range.range.end),
            };
            let what = if clause_use.role == ClauseRole::Excluded {
                "excluded control"
            } else {
                "exclusion"
            };
            diagnostics.push(
                Diagnostic::new(
                    Code::MissingJustification,
                    clause_use.location,
                    format!("this {what} has no justification: add `because \"...\"` saying why it does not apply"),
                )
                .with_fix(Fix {
                    title: "Insert a justification".to_string(),
                    edits: vec![TextEdit {
                        location: end,
                        new_text: " because \"TODO: why this does not apply\"".to_string(),
                    }],
                }),
            );
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
                    "{} is a clause of {}, but system `{}` implements {}",
                    clause_use.written,
                    standard.short_name(),
                    model.entity(system).name,
                    data.standard.as_deref().unwrap_or("no known standard")
                ),
            ));
            continue;
        }
        let message = match standard.exclusion_policy {
            ExclusionPolicy::None => Some(format!(
                "{} allows no exclusion of clauses 4-10: every requirement applies; work done by other parties is controlled under 8.2.3 instead",
                standard.short_name()
            )),
            ExclusionPolicy::AnnexAOnly => Some(format!(
                "clauses 4-10 of {} are mandatory; only Annex A controls may be excluded, in the `controls` block",
                standard.short_name()
            )),
            ExclusionPolicy::Justified => {
                let outside_8: Vec<&str> = clause_use
                    .keys
                    .iter()
                    .map(|k| k.clause.as_str())
                    .filter(|c| !standard.is_within(c, "8"))
                    .collect();
                (!outside_8.is_empty()).then(|| format!(
                    "{} may only be declared not applicable where that does not affect the conformity of products and services (4.3), which rules out clauses outside 8: {}",
                    standard.short_name(),
                    outside_8.join(", ")
                ))
            }
        };
        if let Some(message) = message {
            diagnostics.push(Diagnostic::new(
                Code::ExclusionNotPermitted,
                clause_use.location,
                message,
            ));
        }
        for covering in model.clause_uses.iter().filter(|u| {
            u.role == ClauseRole::Covers
                && u.via.is_none()
                && u.standard.as_deref() == Some(standard_id)
        }) {
            let overlap =
                clause_use.keys.iter().any(|k| use_includes(standard, covering, &k.clause))
                    || covering.keys.iter().any(|k| use_includes(standard, clause_use, &k.clause));
            if !overlap {
                continue;
            }
            let process = covering.owner.map(|p| model.entity(p).name.clone()).unwrap_or_default();
            diagnostics.push(
                Diagnostic::new(
                    Code::CoveredAndExcluded,
                    clause_use.location,
                    format!(
                        "{} is declared not applicable in {}, but process `{process}` covers {}",
                        clause_use.written,
                        model.entity(system).name,
                        covering.written
                    ),
                )
                .with_related(covering.location, "covered here"),
            );
        }
    }
}
