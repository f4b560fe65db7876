//! Code actions: the quick fixes of the diagnostics that overlap the range,
//! and two refactors on a clause reference:
//!
//! - on a harmonized clause that a process covers, "cover the harmonized
//!   twins too": add the same Annex L clause of the other integrated
//!   standards that have a system (one process for 9001:9.2, 20000-1:9.2 and
//!   27001:9.2 is the point of an integrated system);
//! - on a single 27001:2013 reference, "replace with the 2022 controls" it
//!   maps to, also where no diagnostic asks for it (an IMS in transition).

use ims_syntax::TextRange;

use ims_analysis::model::{use_includes, ClauseRole, Model};
use ims_analysis::{Analysis, FileId, FileRange, TextEdit, Workspace};

use super::cursor::{clause_refs, reference_prefix, ClauseAt};

/// What a code action is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeActionKind {
    QuickFix,
    Refactor,
}

/// An action the editor offers: a title and the edits it makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: CodeActionKind,
    pub edits: Vec<TextEdit>,
    /// The index in [`Analysis::diagnostics`] of the diagnostic a quick fix fixes.
    pub diagnostic: Option<usize>,
}

/// The actions for `range` in `file`: quick fixes first, then refactors.
pub fn code_actions(
    ws: &Workspace,
    analysis: &Analysis,
    file: FileId,
    range: TextRange,
) -> Vec<CodeAction> {
    let overlaps = |r: TextRange| r.start <= range.end && range.start <= r.end;
    let mut actions = Vec::new();
    for (index, diagnostic) in analysis.diagnostics.iter().enumerate() {
        if diagnostic.location.file != file || !overlaps(diagnostic.location.range) {
            continue;
        }
        for fix in &diagnostic.fixes {
            actions.push(CodeAction {
                title: fix.title.clone(),
                kind: CodeActionKind::QuickFix,
                edits: fix.edits.clone(),
                diagnostic: Some(index),
            });
        }
    }
    let model = &analysis.model;
    for (_, at) in clause_refs(ws, model, Some(file)) {
        if !overlaps(at.range) {
            continue;
        }
        let refactors =
            [cover_twins(ws, model, file, &at), replace_superseded(ws, model, file, &at)];
        for action in refactors.into_iter().flatten() {
            if !actions.iter().any(|a| a.edits == action.edits) {
                actions.push(action);
            }
        }
    }
    actions
}

/// Adds the harmonized twins of a covered clause to the process's `covers`.
fn cover_twins(ws: &Workspace, model: &Model, file: FileId, at: &ClauseAt) -> Option<CodeAction> {
    let key = at.key.as_ref()?;
    let clause_use = &model.clause_uses[at.use_index];
    let process = clause_use.owner?;
    if clause_use.role != ClauseRole::Covers
        || clause_use.via.is_some()
        || clause_use.end_location.is_some()
    {
        return None;
    }
    let integrated = model.integrated();
    let twins: Vec<_> = ws
        .catalog
        .harmonized_twins(key, &integrated)
        .into_iter()
        .filter(|twin| model.systems_of_standard(&twin.standard).next().is_some())
        .filter(|twin| {
            let Some(standard) = ws.catalog.standard(&twin.standard) else { return false };
            !model.clause_uses.iter().any(|u| {
                u.owner == Some(process)
                    && u.role == ClauseRole::Covers
                    && use_includes(standard, u, &twin.clause)
            })
        })
        .collect();
    if twins.is_empty() {
        return None;
    }
    let written: Vec<String> = twins
        .iter()
        .filter_map(|twin| {
            let standard = ws.catalog.standard(&twin.standard)?;
            Some(format!("{}:{}", reference_prefix(ws, model, standard), twin.clause))
        })
        .collect();
    let systems: Vec<String> = twins
        .iter()
        .flat_map(|twin| model.systems_of_standard(&twin.standard))
        .map(|s| model.entity(s).name.clone())
        .collect();
    Some(CodeAction {
        title: format!(
            "Cover the harmonized twins for {} too: {}",
            systems.join(", "),
            written.join(", ")
        ),
        kind: CodeActionKind::Refactor,
        edits: vec![TextEdit {
            location: FileRange { file, range: TextRange::empty(clause_use.location.range.end) },
            new_text: format!(", {}", written.join(", ")),
        }],
        diagnostic: None,
    })
}

/// Replaces a reference to a superseded edition (27001:2013) by the clauses
/// of the new edition it maps to.
fn replace_superseded(
    ws: &Workspace,
    model: &Model,
    file: FileId,
    at: &ClauseAt,
) -> Option<CodeAction> {
    let key = at.key.as_ref()?;
    let clause_use = &model.clause_uses[at.use_index];
    if clause_use.end_location.is_some() || clause_use.via.is_some() {
        return None;
    }
    let old = ws.catalog.standard(&key.standard)?;
    let new = ws.catalog.standard(old.superseded_by.as_deref()?)?;
    let integrated = model.integrated();
    if !integrated.is_empty() && !integrated.contains(&new.id.as_str()) {
        return None;
    }
    let mapped = ws.catalog.superseding(key);
    if mapped.is_empty() {
        return None;
    }
    let prefix = reference_prefix(ws, model, new);
    let replacement: Vec<String> =
        mapped.iter().map(|k| format!("{prefix}:{}", k.clause)).collect();
    Some(CodeAction {
        title: format!(
            "Replace {} {} with its {} controls: {}",
            old.short_name(),
            key.clause,
            new.edition,
            replacement.join(", ")
        ),
        kind: CodeActionKind::Refactor,
        edits: vec![TextEdit {
            location: FileRange { file, range: at.range },
            new_text: replacement.join(", "),
        }],
        diagnostic: None,
    })
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};
    use ims_syntax::TextRange;

    use super::super::fixture;
    use super::code_actions;

    /// Lists each action with its edits applied to the line they touch.
    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let range = f.range.unwrap_or(TextRange::empty(f.position.offset));
        let actions = code_actions(&f.workspace, &f.analysis, f.file(), range);
        let mut out = String::new();
        for action in &actions {
            let diagnostic = action
                .diagnostic
                .map(|i| format!(" [{}]", f.analysis.diagnostics[i].code))
                .unwrap_or_default();
            out.push_str(&format!("{:?}{diagnostic}: {}\n", action.kind, action.title));
            for edit in &action.edits {
                let text = &f.workspace.file(edit.location.file).text;
                let (start, end) = (edit.location.range.start, edit.location.range.end);
                let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
                out.push_str(&format!(
                    "  {}{}{}\n",
                    &text[line_start..start],
                    edit.new_text,
                    &text[end..line_end]
                ));
            }
        }
        if actions.is_empty() {
            out.push_str("no actions\n");
        }
        expect.assert_eq(&out);
    }

    const HEADER: &str = "ims \"T\" { standards iso20000-1@2018, iso9001@2015, iso27001@2022 }\nsystem SMS standard iso20000-1@2018\nsystem QMS standard iso9001@2015\nsystem ISMS standard iso27001@2022\n";

    #[test]
    fn cover_the_harmonized_twins() {
        check(
            &format!("{HEADER}process audit {{ covers 9001:9$0.2 }}"),
            expect![[r#"
            QuickFix [integration-opportunity]: Cover 20000-1:9.2 in `audit` too
              process audit { covers 9001:9.2, 20000-1:9.2 }
            QuickFix [integration-opportunity]: Cover 27001:9.2 in `audit` too
              process audit { covers 9001:9.2, 27001:9.2 }
            Refactor: Cover the harmonized twins for SMS, ISMS too: 20000-1:9.2, 27001:9.2
              process audit { covers 9001:9.2, 20000-1:9.2, 27001:9.2 }
        "#]],
        );
    }

    #[test]
    fn twins_already_covered_are_left_out() {
        check(
            &format!("{HEADER}process audit {{ covers 20000-1:9.2, 9001:9$0.2, 27001:9.2 }}"),
            expect![[r#"
                no actions
            "#]],
        );
        check(
            &format!("{HEADER}process audit {{ covers 20000-1:9.2, 9001:9$0.2 }}"),
            expect![[r#"
                QuickFix [integration-opportunity]: Cover 27001:9.2 in `audit` too
                  process audit { covers 20000-1:9.2, 9001:9.2, 27001:9.2 }
            "#]],
        );
    }

    #[test]
    fn no_twins_for_a_clause_specific_to_one_standard() {
        check(
            &format!("{HEADER}process p {{ covers 9001:8$0.4 }}"),
            expect![[r#"
            no actions
        "#]],
        );
    }

    #[test]
    fn quick_fixes_of_overlapping_diagnostics() {
        check(
            &format!("{HEADER}unit operations \"Ops\"\nprocess p {{ owner operatoin$0s; covers 9001:8.44 }}"),
            expect![[r#"
                QuickFix [undefined-name]: Change to `operations`
                  process p { owner operations; covers 9001:8.44 }
            "#]],
        );
        check(
            &format!("{HEADER}process p {{ covers 9001:8.4$04 }}"),
            expect![[r#"
            QuickFix [unknown-clause]: Change to 8.4 Control of externally provided processes, products and services
              process p { covers 9001:8.4 }
            QuickFix [unknown-clause]: Change to 8.7 Control of nonconforming outputs
              process p { covers 9001:8.7 }
            QuickFix [unknown-clause]: Change to 8.6 Release of products and services
              process p { covers 9001:8.6 }
        "#]],
        );
    }

    #[test]
    fn superseded_control_fix_is_not_repeated_as_a_refactor() {
        check(
            &format!("{HEADER}process p {{ covers 27001@2013:A.15.1$0.2 }}"),
            expect![[r#"
            QuickFix [superseded-edition]: Replace with 27001:A.5.20
              process p { covers 27001:A.5.20 }
        "#]],
        );
    }

    #[test]
    fn superseded_control_in_an_ims_in_transition() {
        check(
            "ims \"T\" { standards iso27001@2013, iso27001@2022 }\nsystem ISMS standard iso27001@2013\nprocess p { covers 27001@2013:A.15.1$0.2 }",
            expect![[r#"
                Refactor: Replace ISO/IEC 27001:2013 A.15.1.2 with its 2022 controls: 27001@2022:A.5.20
                  process p { covers 27001@2022:A.5.20 }
            "#]],
        );
    }

    #[test]
    fn every_action_in_a_selection() {
        check(
            &format!("{HEADER}$0process audit {{ covers 9001:9.2 }}\nprocess review {{ covers 27001:9.3 }}$0"),
            expect![[r#"
                QuickFix [integration-opportunity]: Cover 20000-1:9.2 in `audit` too
                  process audit { covers 9001:9.2, 20000-1:9.2 }
                QuickFix [integration-opportunity]: Cover 27001:9.2 in `audit` too
                  process audit { covers 9001:9.2, 27001:9.2 }
                QuickFix [integration-opportunity]: Cover 20000-1:9.3 in `review` too
                  process review { covers 27001:9.3, 20000-1:9.3 }
                QuickFix [integration-opportunity]: Cover 9001:9.3 in `review` too
                  process review { covers 27001:9.3, 9001:9.3 }
                Refactor: Cover the harmonized twins for SMS, ISMS too: 20000-1:9.2, 27001:9.2
                  process audit { covers 9001:9.2, 20000-1:9.2, 27001:9.2 }
                Refactor: Cover the harmonized twins for SMS, QMS too: 20000-1:9.3, 9001:9.3
                  process review { covers 27001:9.3, 20000-1:9.3, 9001:9.3 }
            "#]],
        );
    }
}
