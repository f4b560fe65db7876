//! What is at an offset: a declared name, a use of a name, a clause
//! reference or a standard edition. Shared by hover, go to definition,
//! references, rename and highlights, so they all agree on what the cursor
//! points at.
//!
//! Each lookup is one linear pass over the model's entities, name uses or
//! clause uses; nothing here is quadratic in the size of the IMS.

use ims_catalog::{Clause, ClauseKey, Standard};
use ims_syntax::ast::{Declaration, SourceFile, StatementKind};
use ims_syntax::TextRange;

use ims_analysis::model::{
    parse_standard_name, resolve_standard, EntityId, Model, ResolvedStandard,
};
use ims_analysis::{FileId, FileRange, Workspace};

use super::FilePosition;

/// What the cursor points at.
#[derive(Clone, Debug)]
pub(crate) enum Target {
    /// A name that resolves to an entity: its definition or a use of it.
    Entity { id: EntityId, range: TextRange },
    /// A name that no declaration defines.
    Unresolved { range: TextRange },
    /// One clause reference (a range has two: its start and its end).
    Clause(ClauseAt),
    /// A standard edition in `standards` or `standard`.
    Edition { range: TextRange, id: String },
}

/// A clause reference as written at some place, resolved on its own.
#[derive(Clone, Debug)]
pub(crate) struct ClauseAt {
    /// The whole reference, `27001@2013:A.15.1.1`.
    pub range: TextRange,
    pub key: Option<ClauseKey>,
    /// The index of the clause use in [`Model::clause_uses`].
    pub use_index: usize,
}

/// Finds what is at `pos`, preferring names over clause references (they
/// never overlap).
pub(crate) fn target_at(ws: &Workspace, model: &Model, pos: FilePosition) -> Option<Target> {
    if let Some(id) =
        model.entities.iter().position(|e| e.file == pos.file && e.name_range.touches(pos.offset))
    {
        let range = model.entities[id].name_range;
        return Some(Target::Entity { id, range });
    }
    if let Some(name_use) = model
        .name_uses
        .iter()
        .find(|u| u.location.file == pos.file && u.location.range.touches(pos.offset))
    {
        let range = name_use.location.range;
        return Some(match name_use.target {
            Some(id) => Target::Entity { id, range },
            None => Target::Unresolved { range },
        });
    }
    if let Some(clause) = clause_at(ws, model, pos) {
        return Some(Target::Clause(clause));
    }
    edition_at(ws, pos).map(|(range, id)| Target::Edition { range, id })
}

/// The clause reference at `pos`, if any.
pub(crate) fn clause_at(ws: &Workspace, model: &Model, pos: FilePosition) -> Option<ClauseAt> {
    let text = &ws.file(pos.file).text;
    model.clause_uses.iter().enumerate().find_map(|(index, u)| {
        [Some(u.start_location), u.end_location]
            .into_iter()
            .flatten()
            .find(|l| l.file == pos.file && l.range.touches(pos.offset))
            .map(|l| resolve_clause_at(ws, model, text, l.range, index))
    })
}

/// Every clause reference (starts and ends of ranges) written in `file`, or
/// in the whole workspace, in clause-use order.
pub(crate) fn clause_refs(
    ws: &Workspace,
    model: &Model,
    file: Option<FileId>,
) -> Vec<(FileId, ClauseAt)> {
    let integrated = model.integrated();
    let mut out = Vec::new();
    for (index, u) in model.clause_uses.iter().enumerate() {
        for location in [Some(u.start_location), u.end_location].into_iter().flatten() {
            if file.is_none_or(|f| f == location.file) {
                let text = &ws.file(location.file).text;
                out.push((location.file, resolve_in(ws, &integrated, text, location.range, index)));
            }
        }
    }
    out
}

fn resolve_clause_at(
    ws: &Workspace,
    model: &Model,
    text: &str,
    range: TextRange,
    use_index: usize,
) -> ClauseAt {
    resolve_in(ws, &model.integrated(), text, range, use_index)
}

fn resolve_in(
    ws: &Workspace,
    integrated: &[&str],
    text: &str,
    range: TextRange,
    use_index: usize,
) -> ClauseAt {
    let written = &text[range.start..range.end];
    let key = resolve_written(ws, integrated, written)
        .map(|(standard, clause)| ClauseKey::new(&standard.id, &clause.reference));
    ClauseAt { range, key, use_index }
}

/// Resolves a reference as written (`27001@2013:A.15.1.1`) against the
/// catalog and the integrated editions.
pub(crate) fn resolve_written<'c>(
    ws: &'c Workspace,
    integrated: &[&str],
    written: &str,
) -> Option<(&'c Standard, &'c Clause)> {
    let (standard, number) = written.split_once(':')?;
    let ResolvedStandard::Found { standard, .. } =
        resolve_standard(&ws.catalog, integrated, standard)
    else {
        return None;
    };
    Some((standard, standard.clause(number)?))
}

/// A reference written for the edition that an integrated one supersedes
/// (`27001:A.15.1.1` in an IMS on 27001:2022): the old edition, its clause
/// and the integrated edition, when the reference names no edition and
/// resolves only in the old one.
pub(crate) fn resolve_superseded<'c>(
    ws: &'c Workspace,
    integrated: &[&str],
    written: &str,
) -> Option<(&'c Standard, &'c Clause, &'c Standard)> {
    let (standard, number) = written.split_once(':')?;
    if standard.contains('@') {
        return None;
    }
    let ResolvedStandard::Found { standard: new, .. } =
        resolve_standard(&ws.catalog, integrated, standard)
    else {
        return None;
    };
    if new.clause_ignoring_case(number).is_some() {
        return None;
    }
    let old = ws
        .catalog
        .editions(&new.family)
        .into_iter()
        .find(|s| s.superseded_by.as_deref() == Some(new.id.as_str()))?;
    Some((old, old.clause_ignoring_case(number)?, new))
}

/// The standard edition written at `pos` in a `standards` or `standard`
/// statement, with its resolved id.
pub(crate) fn edition_at(ws: &Workspace, pos: FilePosition) -> Option<(TextRange, String)> {
    let decl = declaration_at(ws.file(pos.file).syntax.ast(), pos.offset)?;
    let edition = decl
        .all_statements()
        .filter(|s| matches!(s.kind, StatementKind::Standards | StatementKind::Standard))
        .flat_map(|s| &s.editions)
        .find(|e| e.range.touches(pos.offset))?;
    let (alias, year) = parse_standard_name(&edition.text);
    let standard = ws.catalog.find_standard(alias, year)?;
    Some((edition.range, standard.id.clone()))
}

/// The declaration whose range holds `offset`. Declarations are in document
/// order, so this is a binary search.
pub(crate) fn declaration_at(ast: &SourceFile, offset: usize) -> Option<&Declaration> {
    let after = ast.declarations.partition_point(|d| d.range.start <= offset);
    let decl = ast.declarations[..after].last()?;
    decl.range.touches(offset).then_some(decl)
}

/// The alias a new reference to `standard` is written with: `9001`, or
/// `27001@2013` where the header integrates two editions of the standard.
pub(crate) fn reference_prefix(ws: &Workspace, model: &Model, standard: &Standard) -> String {
    let alias = standard.aliases.first().cloned().unwrap_or_else(|| standard.family.clone());
    let integrated = model.integrated();
    let siblings = ws
        .catalog
        .editions(&standard.family)
        .iter()
        .filter(|s| integrated.contains(&s.id.as_str()))
        .count();
    let own = integrated.contains(&standard.id.as_str());
    if siblings > 1 || (!own && siblings > 0) {
        format!("{alias}@{}", standard.edition)
    } else {
        alias
    }
}

/// The short name of a standard id (`ISO 9001:2015`), or the id itself.
pub(crate) fn short_name(ws: &Workspace, id: &str) -> String {
    ws.catalog.standard(id).map_or_else(|| id.to_string(), Standard::short_name)
}

/// The locations where an entity is named: its definition (if asked for)
/// and every use, in workspace order.
pub(crate) fn occurrences(
    model: &Model,
    id: EntityId,
    include_definition: bool,
) -> impl Iterator<Item = (FileRange, bool)> + '_ {
    let definition = include_definition.then(|| (model.entity(id).name_location(), true));
    definition.into_iter().chain(
        model.name_uses.iter().filter(move |u| u.target == Some(id)).map(|u| (u.location, false)),
    )
}

/// A leaf of the concrete syntax tree, as plain data. Strings and comments
/// are leaves here even where tree-sitter gives them children.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Leaf {
    pub kind: &'static str,
    pub named: bool,
    pub range: TextRange,
}

/// Every leaf of the tree in document order.
pub(crate) fn leaves(tree: &ims_syntax::Tree) -> Vec<Leaf> {
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        let atomic = matches!(node.kind(), "string" | "line_comment" | "block_comment");
        if !atomic && cursor.goto_first_child() {
            continue;
        }
        if node.end_byte() > node.start_byte() {
            out.push(Leaf {
                kind: node.kind(),
                named: node.is_named(),
                range: TextRange::new(node.start_byte(), node.end_byte()),
            });
        }
        loop {
            if cursor.goto_next_sibling() {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
        }
    }
}

/// Splits a range at line breaks, for features that must stay on one line.
/// Line breaks themselves (and a `\r` before them) are left out.
pub(crate) fn split_lines(text: &str, range: TextRange) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut start = range.start;
    for (i, _) in text[range.start..range.end].match_indices('\n') {
        let end = range.start + i;
        let trimmed = if text[..end].ends_with('\r') { end - 1 } else { end };
        if trimmed > start {
            out.push(TextRange::new(start, trimmed));
        }
        start = end + 1;
    }
    if range.end > start {
        out.push(TextRange::new(start, range.end));
    }
    out
}

/// Whether `name` is a valid identifier: `[A-Za-z_][A-Za-z0-9_-]*`.
pub(crate) fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}
