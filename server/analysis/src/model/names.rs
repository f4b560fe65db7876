//! Declarations and name resolution: one global namespace across all files
//! of the IMS; each name is defined once.

use ims_syntax::ast::{Declaration, DeclarationKind, ScopeKind, Statement, StatementKind};

use super::{Details, Entity, EntityId, Listed, Model, NameUse, SystemData};
use crate::wording::join_or;
use crate::{Code, Diagnostic, FileId, FileRange, Workspace};

/// Declares every named entity and reports duplicate names and headers.
pub(super) fn collect_declarations(
    workspace: &Workspace,
    model: &mut Model,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for file in workspace.file_ids() {
        let ast = workspace.file(file).syntax.ast();
        for (index, decl) in ast.declarations.iter().enumerate() {
            if decl.kind == DeclarationKind::Ims {
                continue;
            }
            let Some(name) = decl.name.as_ref().filter(|n| !n.text.is_empty()) else { continue };
            let id = model.entities.len();
            model.by_declaration.insert((file, index), id);
            model.entities.push(Entity {
                kind: decl.kind,
                name: name.text.clone(),
                title: decl.title.as_ref().map(|t| t.value.clone()),
                file,
                decl: index,
                name_range: name.range,
                decl_range: decl.range,
                details: Details::default(),
            });
            match model.names.get(&name.text) {
                Some(&first) => {
                    let first = &model.entities[first];
                    diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateName,
                            FileRange { file, range: name.range },
                            format!(
                                "`{}` is already defined as a {}",
                                name.text,
                                first.kind.keyword()
                            ),
                        )
                        .with_related(first.name_location(), "first defined here"),
                    );
                }
                None => {
                    model.names.insert(name.text.clone(), id);
                }
            }
        }
    }
}

/// Which statements a declaration kind accepts (docs/language.md).
pub fn allowed(kind: DeclarationKind) -> &'static [StatementKind] {
    use StatementKind::*;
    match kind {
        DeclarationKind::Ims => &[Standards, Owner, Approver, Status, Version, Description],
        DeclarationKind::Site => &[Description, Address],
        DeclarationKind::Unit => &[At, Description],
        DeclarationKind::Service => &[DeliveredBy, At, Suppliers, Description],
        DeclarationKind::Supplier => &[External, Internal, Provides, Description],
        DeclarationKind::System => &[Standard, Scope, NotApplicable, Controls, Description],
        DeclarationKind::Process => {
            &[Owner, PerformedBy, At, Services, Suppliers, Covers, Description]
        }
        DeclarationKind::Party => &[Systems, Requirements, Description],
        DeclarationKind::Objective => &[Systems, Owner, Target, Measure, Description],
        DeclarationKind::Document => &[Systems, Owner, Evidence, Description],
    }
}

/// Which statements a `scope { }` or `controls { }` block accepts.
pub fn allowed_in_block(parent: StatementKind) -> &'static [StatementKind] {
    match parent {
        StatementKind::Scope => &[
            StatementKind::Units,
            StatementKind::Sites,
            StatementKind::Services,
            StatementKind::Suppliers,
        ],
        StatementKind::Controls => &[StatementKind::Applicable, StatementKind::Excluded],
        StatementKind::Applicable => &[
            StatementKind::Reason,
            StatementKind::Status,
            StatementKind::Owner,
            StatementKind::Evidence,
        ],
        StatementKind::Excluded => &[StatementKind::Owner, StatementKind::Evidence],
        _ => &[],
    }
}

/// The kind of declaration a name in this statement must refer to.
pub fn expected_kind(statement: StatementKind) -> Option<DeclarationKind> {
    use StatementKind::*;
    Some(match statement {
        At | Sites => DeclarationKind::Site,
        DeliveredBy | Units | Owner | PerformedBy => DeclarationKind::Unit,
        Suppliers => DeclarationKind::Supplier,
        Services => DeclarationKind::Service,
        Systems => DeclarationKind::System,
        _ => return None,
    })
}

/// Resolves every name in every statement, checks statements are in the
/// right place, and fills in each entity's [`Details`].
pub(super) fn resolve_statements(
    workspace: &Workspace,
    model: &mut Model,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for file in workspace.file_ids() {
        let ast = workspace.file(file).syntax.ast();
        for (index, decl) in ast.declarations.iter().enumerate() {
            let user = model.entity_of_declaration(file, index);
            let mut details = Details::default();
            if decl.kind == DeclarationKind::System {
                details.system = Some(SystemData {
                    standard: None,
                    standard_location: None,
                    scope_kind: ScopeKind::Organisation,
                    has_scope: false,
                    scope_block: None,
                    listed_units: Vec::new(),
                    listed_sites: Vec::new(),
                    listed_services: Vec::new(),
                    listed_suppliers: Vec::new(),
                    controls_block: None,
                });
            }
            for statement in &decl.statements {
                check_placement(decl, statement, file, diagnostics);
                if decl.kind == DeclarationKind::Ims && statement.kind == StatementKind::Status {
                    super::controls::check_document_status(file, statement, diagnostics);
                }
                resolve_statement(model, file, user, statement, None, &mut details, diagnostics);
            }
            if let Some(id) = user {
                // A duplicate keeps its own details; only the first is reachable by name.
                model.entities[id].details = details;
            }
        }
    }
}

fn check_placement(
    decl: &Declaration,
    statement: &Statement,
    file: FileId,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // "`KEYWORD` does not belong in PLACE; WHO accepts ..."
    let misplaced =
        |misplaced: &Statement, place: String, who: &str, accepted: &[StatementKind]| {
            let names: Vec<&str> = accepted.iter().map(|k| k.keyword()).collect();
            Diagnostic::new(
                Code::MisplacedStatement,
                FileRange { file, range: misplaced.keyword },
                format!(
                    "`{}` does not belong in {place}; {who} accepts {}",
                    misplaced.kind.keyword(),
                    join_or(&names)
                ),
            )
        };
    let allowed_here = allowed(decl.kind);
    if !allowed_here.contains(&statement.kind) {
        let a_kind = format!("a {}", decl.kind.keyword());
        diagnostics.push(misplaced(statement, a_kind.clone(), &a_kind, allowed_here));
    }
    let mut blocks = vec![statement];
    while let Some(block) = blocks.pop() {
        let inner = allowed_in_block(block.kind);
        for child in &block.children {
            if inner.contains(&child.kind) {
                // The block of an `applicable` in `controls`: a statement in
                // its place has its own block checked. A misplaced one does
                // not, so that blocks nested as deep as a file writes them
                // give one finding, not one a level.
                blocks.push(child);
            } else {
                let article = if block.kind.keyword().starts_with(['a', 'e']) { "an" } else { "a" };
                let place = format!("{article} `{}` block", block.kind.keyword());
                diagnostics.push(misplaced(child, place, "it", inner));
            }
        }
    }
}

#[allow(clippy::too_many_arguments)] // Reason: a recursive walk that threads the builder's state.
fn resolve_statement(
    model: &mut Model,
    file: FileId,
    user: Option<EntityId>,
    statement: &Statement,
    parent: Option<StatementKind>,
    details: &mut Details,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(expected) = expected_kind(statement.kind) {
        for name in statement.names.iter().filter(|n| !n.text.is_empty()) {
            let (location, target) = record_use(model, file, name, expected, user, statement);
            let Some(target) =
                resolve_name(model, location, &name.text, target, expected, diagnostics)
            else {
                continue;
            };
            let in_scope = parent == Some(StatementKind::Scope);
            let in_control =
                matches!(parent, Some(StatementKind::Applicable | StatementKind::Excluded));
            match (statement.kind, details.system.as_mut()) {
                (StatementKind::Units, Some(system)) if in_scope => {
                    system.listed_units.push(Listed { entity: target, location })
                }
                (StatementKind::Sites, Some(system)) if in_scope => {
                    system.listed_sites.push(Listed { entity: target, location })
                }
                (StatementKind::Services, Some(system)) if in_scope => {
                    system.listed_services.push(Listed { entity: target, location })
                }
                (StatementKind::Suppliers, Some(system)) if in_scope => {
                    system.listed_suppliers.push(Listed { entity: target, location })
                }
                (StatementKind::At, _) => details.sites.push(target),
                (StatementKind::DeliveredBy, _) => details.delivered_by.push(target),
                (StatementKind::Suppliers, _) => details.suppliers.push(target),
                // A control's owner is its entry's (`controls::resolve`).
                (StatementKind::Owner, _) if !in_control => details.owner = Some(target),
                (StatementKind::PerformedBy, _) => details.performers.push(target),
                (StatementKind::Services, _) => details.services.push(target),
                (StatementKind::Systems, _) => details.systems.push(target),
                _ => {}
            }
        }
    }
    match statement.kind {
        StatementKind::External => details.external = Some(true),
        StatementKind::Internal => details.external = Some(false),
        StatementKind::Scope => {
            if let Some(system) = details.system.as_mut() {
                system.has_scope = true;
                if system.scope_block.is_none() {
                    system.scope_block = statement.body.map(|range| FileRange { file, range });
                }
                if let Some(kind) = statement.scope_kind {
                    system.scope_kind = kind;
                }
            }
        }
        StatementKind::Applicable | StatementKind::Excluded if statement.body.is_some() => {
            super::controls::resolve(model, file, user, statement, diagnostics);
        }
        StatementKind::Controls => {
            if let Some(system) = details.system.as_mut() {
                if system.controls_block.is_none() {
                    system.controls_block = statement.body.map(|range| FileRange { file, range });
                }
            }
        }
        _ => {}
    }
    for child in &statement.children {
        resolve_statement(model, file, user, child, Some(statement.kind), details, diagnostics);
    }
}

/// Reports an undefined name (with a did-you-mean) or one of the wrong kind.
/// Returns the target when it is of the expected kind.
fn resolve_name(
    model: &Model,
    location: FileRange,
    name: &str,
    target: Option<EntityId>,
    expected: DeclarationKind,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<EntityId> {
    let Some(target) = target else {
        let candidates = model
            .entities
            .iter()
            .filter(|e| e.kind == expected)
            .map(|e| e.name.as_str())
            // The distance is at least the difference in length: a cheap
            // test first, as there may be thousands of candidates.
            .filter(|c| c.chars().count().abs_diff(name.chars().count()) <= (name.len() / 3).max(1))
            .filter(|c| strsim::damerau_levenshtein(c, name) <= (name.len() / 3).max(1));
        let mut best: Vec<&str> = candidates.collect();
        best.sort_by_key(|c| (strsim::damerau_levenshtein(c, name), *c));
        best.dedup();
        best.truncate(3);
        let mut message = format!("no {} named `{name}`", expected.keyword());
        if let Some(first) = best.first() {
            message.push_str(&format!("; did you mean `{first}`?"));
        }
        let mut diagnostic = Diagnostic::new(Code::UndefinedName, location, message);
        for candidate in best {
            diagnostic = diagnostic.with_fix(crate::Fix {
                title: format!("Change to `{candidate}`"),
                edits: vec![crate::TextEdit { location, new_text: candidate.to_string() }],
            });
        }
        diagnostics.push(diagnostic);
        return None;
    };
    let entity = &model.entities[target];
    if entity.kind != expected {
        diagnostics.push(
            Diagnostic::new(
                Code::WrongKind,
                location,
                format!(
                    "`{name}` is a {}, but a {} is expected here",
                    entity.kind.keyword(),
                    expected.keyword()
                ),
            )
            .with_related(entity.name_location(), format!("`{name}` is defined here")),
        );
        return None;
    }
    Some(target)
}

/// Records the use of `name` in `statement` (a [`NameUse`], resolved or
/// not) and gives its location and the entity it names, if any.
pub(super) fn record_use(
    model: &mut Model,
    file: FileId,
    name: &ims_syntax::ast::Name,
    expected: DeclarationKind,
    user: Option<EntityId>,
    statement: &Statement,
) -> (FileRange, Option<EntityId>) {
    let location = FileRange { file, range: name.range };
    let target = model.lookup(&name.text);
    model.name_uses.push(NameUse {
        location,
        name: name.text.clone(),
        target,
        expected,
        user,
        statement: statement.kind,
        statement_range: FileRange { file, range: statement.range },
    });
    (location, target)
}
