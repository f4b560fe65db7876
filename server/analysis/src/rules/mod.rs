//! The IMS rules: each file checks one family of findings over the model.

mod delegation;
mod exclusions;
mod integration;
mod no_scope;
mod org_location;
mod scope_content;
mod scope_crossing;
mod scope_gap;
mod services;
mod soa;
mod uncovered;

use ims_syntax::ast::{DeclarationKind, StatementKind};
use ims_syntax::TextRange;

use crate::model::{EntityId, Model, SystemData};
use crate::{Diagnostic, FileRange, Fix, TextEdit, Workspace};

pub(crate) fn run(workspace: &Workspace, model: &Model, diagnostics: &mut Vec<Diagnostic>) {
    no_scope::check(workspace, model, diagnostics);
    scope_content::check(workspace, model, diagnostics);
    scope_gap::check(workspace, model, diagnostics);
    scope_crossing::check(workspace, model, diagnostics);
    delegation::check(workspace, model, diagnostics);
    org_location::check(workspace, model, diagnostics);
    services::check(workspace, model, diagnostics);
    uncovered::check(workspace, model, diagnostics);
    soa::check(workspace, model, diagnostics);
    exclusions::check(workspace, model, diagnostics);
    integration::check(workspace, model, diagnostics);
}

/// Whether a system's scope can be compared with others: it has a `scope`
/// that lists at least one unit, site or service. A system without one is
/// reported once as `no-scope` and left out of the scope rules, which would
/// otherwise report everything as outside it.
pub(crate) fn is_scoped(data: &SystemData) -> bool {
    data.has_scope
        && !(data.listed_units.is_empty()
            && data.listed_sites.is_empty()
            && data.listed_services.is_empty())
}

/// Whether a clause use is a `covers` of a process. A `covers` written in
/// another declaration is reported as `misplaced-statement` and covers
/// nothing.
pub(crate) fn is_process_cover(model: &Model, clause_use: &crate::model::ClauseUse) -> bool {
    clause_use.role == crate::model::ClauseRole::Covers
        && clause_use.owner.is_some_and(|o| model.entity(o).kind == DeclarationKind::Process)
}

/// `unit `a``, `units `a` and `b``: a label and the names, for messages.
pub(crate) fn labelled(model: &Model, singular: &str, ids: &[EntityId]) -> String {
    let label = match (ids.len(), singular.ends_with('s')) {
        (1, _) => singular.to_string(),
        (_, true) => format!("{singular}es"),
        (_, false) => format!("{singular}s"),
    };
    format!("{label} {}", names(model, ids))
}

/// `a`, `a and b`, `a, b and c`, with each name in backticks.
pub(crate) fn names(model: &Model, ids: &[EntityId]) -> String {
    let quoted: Vec<String> =
        ids.iter().map(|&id| format!("`{}`", model.entity(id).name)).collect();
    join_and(&quoted)
}

pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The statement keyword that lists entities of this kind in a scope.
fn scope_list_keyword(kind: DeclarationKind) -> Option<StatementKind> {
    match kind {
        DeclarationKind::Unit => Some(StatementKind::Units),
        DeclarationKind::Site => Some(StatementKind::Sites),
        DeclarationKind::Service => Some(StatementKind::Services),
        _ => None,
    }
}

/// A fix that adds `entity` to the scope of `system`: appended to the
/// matching list in the first `scope` block, or a new list in it, or a new
/// `scope` block in the system's body.
pub(crate) fn add_to_scope(
    workspace: &Workspace,
    model: &Model,
    system: EntityId,
    entity: EntityId,
) -> Option<Fix> {
    let target = model.entity(entity);
    let keyword = scope_list_keyword(target.kind)?;
    let edit = scope_list_edit(workspace, model, system, keyword, &[target.name.as_str()])?;
    Some(Fix {
        title: format!("Add `{}` to the scope of {}", target.name, model.entity(system).name),
        edits: vec![edit],
    })
}

/// The edit that adds `names` to the `keyword` list (`units`, `suppliers`
/// ...) of the first `scope` block of `system`: appended to that list, or a
/// new list in the block, or a new `scope` block in the system's body.
pub(crate) fn scope_list_edit(
    workspace: &Workspace,
    model: &Model,
    system: EntityId,
    keyword: StatementKind,
    names: &[&str],
) -> Option<TextEdit> {
    let system_entity = model.entity(system);
    let file = system_entity.file;
    let decl = &workspace.file(file).syntax.ast().declarations[system_entity.decl];
    let scope = decl.statements_of(StatementKind::Scope).next();
    let names = names.join(", ");
    Some(match scope {
        Some(scope) => match scope.children.iter().find(|c| c.kind == keyword) {
            Some(list) => {
                let end = list.names.last().map_or(list.keyword.end, |n| n.range.end);
                TextEdit {
                    location: FileRange { file, range: TextRange::empty(end) },
                    new_text: format!(", {names}"),
                }
            }
            None => {
                let open = scope.body?.start + 1;
                TextEdit {
                    location: FileRange { file, range: TextRange::empty(open) },
                    new_text: format!(" {} {names};", keyword.keyword()),
                }
            }
        },
        None => {
            let open = decl.body?.start + 1;
            TextEdit {
                location: FileRange { file, range: TextRange::empty(open) },
                new_text: format!("\n  scope {{ {} {names} }}", keyword.keyword()),
            }
        }
    })
}

/// Where a system lists `entity` in its scope, or else the system's name.
pub(crate) fn scope_location(model: &Model, system: EntityId, entity: EntityId) -> FileRange {
    let data = model.entity(system).details.system.as_ref();
    data.and_then(|s| model.listed_location(system, entity).or(s.scope_block))
        .unwrap_or_else(|| model.entity(system).name_location())
}

/// Compresses a list of clause references for a message: runs of three
/// or more consecutive siblings become `A.5.1-A.5.8` (or `4-7` for
/// top-level clauses).
pub(crate) fn compress_refs(refs: &[String]) -> String {
    fn split(r: &str) -> Option<(&str, u32)> {
        match r.rsplit_once('.') {
            Some((parent, last)) => Some((parent, last.parse().ok()?)),
            None => Some(("", r.parse().ok()?)),
        }
    }
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < refs.len() {
        let mut j = i;
        while j + 1 < refs.len() {
            match (split(&refs[j]), split(&refs[j + 1])) {
                (Some((p1, n1)), Some((p2, n2))) if p1 == p2 && n2 == n1 + 1 => j += 1,
                _ => break,
            }
        }
        if j >= i + 2 {
            out.push(format!("{}-{}", refs[i], refs[j]));
        } else {
            out.extend(refs[i..=j].iter().cloned());
        }
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::compress_refs;

    #[test]
    fn compresses_runs_of_three_or_more() {
        let refs: Vec<String> = [
            "4", "5", "6", "A.5.1", "A.5.2", "A.5.3", "A.5.7", "A.5.8", "A.6.1", "8.2.1", "8.2.2",
            "8.2.3", "10",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(compress_refs(&refs), "4-6, A.5.1-A.5.3, A.5.7, A.5.8, A.6.1, 8.2.1-8.2.3, 10");
    }
}
