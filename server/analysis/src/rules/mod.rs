//! The IMS rules: each file checks one family of findings over the model.

mod delegation;
mod exclusions;
mod integration;
mod no_scope;
mod org_location;
mod planned;
mod scope_content;
mod scope_crossing;
mod scope_gap;
mod services;
mod soa;
mod uncovered;

use ims_syntax::ast::{DeclarationKind, StatementKind};
use ims_syntax::TextRange;

use crate::model::{EntityId, Model};
use crate::{Diagnostic, FileRange, Fix, TextEdit, Workspace};

pub(crate) use crate::model::{is_process_cover, is_scoped};
pub(crate) use crate::model::{labelled, names};
pub(crate) use crate::wording::{compress_refs, join_and};

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
    planned::check(workspace, model, diagnostics);
    exclusions::check(workspace, model, diagnostics);
    integration::check(workspace, model, diagnostics);
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
