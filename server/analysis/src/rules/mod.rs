//! The IMS rules: each file checks one family of findings over the model.

mod delegation;
mod exclusions;
mod integration;
mod no_scope;
mod org_location;
mod planned;
mod scope_content;
mod scope_crossing;
mod scope_fix;
mod scope_gap;
mod services;
mod soa;
mod uncovered;

use ims_syntax::ast::{DeclarationKind, StatementKind};

use crate::model::{EntityId, Model};
use crate::{Diagnostic, FileRange, Workspace};

pub(crate) use crate::model::{is_process_cover, is_scoped};
pub(crate) use crate::model::{labelled, names};
pub(crate) use crate::wording::{compress_refs, join_and};
pub(crate) use scope_fix::{scope_edits, ScopePlan};

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

/// Where a system lists `entity` in its scope, or else the system's name.
pub(crate) fn scope_location(model: &Model, system: EntityId, entity: EntityId) -> FileRange {
    let data = model.entity(system).details.system.as_ref();
    data.and_then(|s| model.listed_location(system, entity).or(s.scope_block))
        .unwrap_or_else(|| model.entity(system).name_location())
}
