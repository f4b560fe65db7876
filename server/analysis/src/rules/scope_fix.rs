//! The one way a quick fix widens scopes: a [`ScopePlan`] of additions,
//! closed under what each addition needs so that it does not trade the
//! finding it fixes for a new one (the rule of every quick fix,
//! `server/ide/tests/quick_fixes.rs`):
//!
//! - a unit joins a location-based scope with every site it works at (a
//!   location-based scope holds a unit only for its work at the scope's
//!   sites: without them it is `unit-not-at-scope-site` or
//!   `org-location-mismatch`); a unit that works at no site cannot join one;
//! - a site joins a location-based scope with the other sites of the units
//!   it brings in, when an organisation-based scope holds them wholly;
//! - a service joins with the units that deliver it;
//! - whatever joins a system that delegates a clause (`covers X via T`)
//!   joins the system it delegates to as well.
//!
//! The plan becomes one fix: one edit per scope, which adds to its lists
//! (or writes the lists, or the `scope` block, that are missing).

use std::collections::BTreeMap;

use ims_syntax::ast::{DeclarationKind, ScopeKind, StatementKind};
use ims_syntax::TextRange;

use crate::model::{EntityId, Model};
use crate::{Diagnostic, FileRange, Fix, TextEdit, Workspace};

/// Scope additions that belong together.
pub(crate) struct ScopePlan<'m> {
    model: &'m Model,
    /// Per system, what joins its scope, in the order it was planned.
    additions: BTreeMap<EntityId, Vec<EntityId>>,
    /// Why an addition cannot be made to hold, if one cannot.
    blocked: Option<String>,
}

impl<'m> ScopePlan<'m> {
    pub(crate) fn new(model: &'m Model) -> Self {
        ScopePlan { model, additions: BTreeMap::new(), blocked: None }
    }

    /// Plans `entity` into the scope of `system`, with what that needs.
    pub(crate) fn add(&mut self, system: EntityId, entity: EntityId) -> &mut Self {
        self.plan(system, entity);
        self
    }

    /// Whether `entity` is in `system`'s scope now or by this plan. A unit
    /// that a location-based scope holds in part counts: what it does
    /// elsewhere is `org-location-mismatch` already, with a fix of its own.
    fn holds(&self, system: EntityId, entity: EntityId) -> bool {
        if self.additions.get(&system).is_some_and(|a| a.contains(&entity)) {
            return true;
        }
        let Some(scope) = self.model.scopes.get(&system) else { return false };
        match self.model.entity(entity).kind {
            DeclarationKind::Unit => scope.units.contains_key(&entity),
            DeclarationKind::Site => scope.sites.contains_key(&entity),
            DeclarationKind::Service => scope.services.contains(&entity),
            _ => true,
        }
    }

    fn plan(&mut self, system: EntityId, entity: EntityId) {
        if self.holds(system, entity) {
            return;
        }
        let model = self.model;
        let system_name = &model.entity(system).name;
        let Some(scope) = model.scopes.get(&system) else {
            self.block(format!("{system_name} has no scope to add to"));
            return;
        };
        let location_based = scope.kind == ScopeKind::Location;
        let details = &model.entity(entity).details;
        match model.entity(entity).kind {
            DeclarationKind::Unit => {
                if location_based && details.sites.is_empty() {
                    self.block(format!(
                        "`{}` works at no site, so the location-based {system_name} scope cannot hold it: give it an `at`",
                        model.entity(entity).name
                    ));
                    return;
                }
                if !scope.units.get(&entity).is_some_and(|u| u.listed) {
                    self.push(system, entity);
                }
                if location_based {
                    for &site in &details.sites {
                        self.plan(system, site);
                    }
                }
            }
            DeclarationKind::Site => {
                self.push(system, entity);
                if location_based {
                    // The units working there join with the site; those
                    // that an organisation-based scope holds wholly must
                    // join wholly here too, and all of them join where this
                    // system delegates to.
                    let targets = model.index.delegated_to(system);
                    for &unit in model.index.units_at(entity) {
                        let unit_data = model.entity(unit);
                        if self.held_by_organisation_scope(unit) {
                            for &site in &unit_data.details.sites {
                                self.plan(system, site);
                            }
                        }
                        for &target in targets {
                            self.plan(target, unit);
                        }
                    }
                }
            }
            DeclarationKind::Service => {
                self.push(system, entity);
                for &unit in &details.delivered_by {
                    self.plan(system, unit);
                }
            }
            _ => {
                self.block(format!(
                    "a {} is not part of a scope",
                    model.entity(entity).kind.keyword()
                ));
                return;
            }
        }
        for &target in model.index.delegated_to(system) {
            self.plan(target, entity);
        }
    }

    fn held_by_organisation_scope(&self, unit: EntityId) -> bool {
        self.model
            .scopes
            .values()
            .any(|s| s.kind == ScopeKind::Organisation && s.units.contains_key(&unit))
    }

    fn block(&mut self, why: String) {
        self.blocked.get_or_insert(why);
    }

    /// Why no fix can make the plan hold, to say in the diagnostic.
    fn blocked(&self) -> Option<&str> {
        self.blocked.as_deref()
    }

    fn push(&mut self, system: EntityId, entity: EntityId) {
        let list = self.additions.entry(system).or_default();
        if !list.contains(&entity) {
            list.push(entity);
        }
    }

    /// Gives `diagnostic` the plan's fix, *Add ... to the scope of ...*, or,
    /// when no edit of the scopes can resolve it, says why in its message.
    pub(crate) fn attach_to(self, workspace: &Workspace, diagnostic: &mut Diagnostic) {
        if let Some(why) = self.blocked() {
            diagnostic.message.push_str(&format!("; {why}"));
        }
        let title = format!("Add {}", self.describe());
        if let Some(fix) = self.into_fix(workspace, title) {
            diagnostic.fixes.push(fix);
        }
    }

    /// The fix that makes the plan, titled `title`, or `None` when some
    /// addition cannot be made to hold or nothing is to be added.
    fn into_fix(self, workspace: &Workspace, title: String) -> Option<Fix> {
        if self.blocked.is_some() || self.additions.is_empty() {
            return None;
        }
        let mut edits = Vec::new();
        for (&system, entities) in &self.additions {
            let mut lists: Vec<(StatementKind, Vec<&str>)> = Vec::new();
            for &entity in entities {
                let entity_data = self.model.entity(entity);
                let keyword = super::scope_list_keyword(entity_data.kind)?;
                match lists.iter_mut().find(|(k, _)| *k == keyword) {
                    Some((_, names)) => names.push(&entity_data.name),
                    None => lists.push((keyword, vec![&entity_data.name])),
                }
            }
            edits.extend(scope_edits(workspace, self.model, system, &lists)?);
        }
        Some(Fix { title, edits })
    }

    /// What the plan adds, for a title: `` unit `team-a` and site `hq` to
    /// the scope of ISMS``; the same additions to several systems once
    /// (`` service `hosting` to the scopes of QMS and ISMS``).
    pub(crate) fn describe(&self) -> String {
        let model = self.model;
        let mut groups: Vec<(String, Vec<String>)> = Vec::new();
        for (&system, entities) in &self.additions {
            let mut parts = Vec::new();
            for (kind, label) in [
                (DeclarationKind::Unit, "unit"),
                (DeclarationKind::Site, "site"),
                (DeclarationKind::Service, "service"),
            ] {
                let of_kind: Vec<EntityId> =
                    entities.iter().copied().filter(|&e| model.entity(e).kind == kind).collect();
                if !of_kind.is_empty() {
                    parts.push(super::labelled(model, label, &of_kind));
                }
            }
            let what = super::join_and(&parts);
            let name = model.entity(system).name.clone();
            match groups.iter_mut().find(|(w, _)| *w == what) {
                Some((_, systems)) => systems.push(name),
                None => groups.push((what, vec![name])),
            }
        }
        let described: Vec<String> = groups
            .into_iter()
            .map(|(what, systems)| {
                let scopes = if systems.len() == 1 { "scope" } else { "scopes" };
                format!("{what} to the {scopes} of {}", super::join_and(&systems))
            })
            .collect();
        described.join("; ")
    }
}

/// The edits that add `lists` (`units a, b`, `sites c` ...) to the first
/// `scope` block of `system`: appended to the lists it has, the others as
/// new lists at the start of the block, or a new `scope` block in the
/// system's body when it has none. At most one edit per place.
pub(crate) fn scope_edits(
    workspace: &Workspace,
    model: &Model,
    system: EntityId,
    lists: &[(StatementKind, Vec<&str>)],
) -> Option<Vec<TextEdit>> {
    let system_entity = model.entity(system);
    let file = system_entity.file;
    let decl = &workspace.file(file).syntax.ast().declarations[system_entity.decl];
    let insert = |offset: usize, new_text: String| TextEdit {
        location: FileRange { file, range: TextRange::empty(offset) },
        new_text,
    };
    let Some(scope) = decl.statements_of(StatementKind::Scope).next() else {
        let written: Vec<String> = lists
            .iter()
            .map(|(k, names)| format!("{} {}", k.keyword(), names.join(", ")))
            .collect();
        let open = decl.body?.start + 1;
        return Some(vec![insert(open, format!("\n  scope {{ {} }}", written.join("; ")))]);
    };
    let mut edits = Vec::new();
    let mut new_lists = Vec::new();
    for (keyword, names) in lists {
        match scope.children.iter().find(|c| c.kind == *keyword) {
            Some(list) => {
                let end = list.names.last().map_or(list.keyword.end, |n| n.range.end);
                edits.push(insert(end, format!(", {}", names.join(", "))));
            }
            None => new_lists.push(format!(" {} {};", keyword.keyword(), names.join(", "))),
        }
    }
    if !new_lists.is_empty() {
        edits.push(insert(scope.body?.start + 1, new_lists.concat()));
    }
    Some(edits)
}
