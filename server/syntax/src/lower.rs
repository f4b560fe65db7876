//! Lowers the tree-sitter tree into the plain [`ast`](crate::ast) types.
//!
//! Lowering is total: whatever the tree holds, including ERROR nodes around
//! half-typed text, becomes the best AST it can. Declarations and statements
//! wrapped in an ERROR node by error recovery are still lowered, so a broken
//! line does not hide the rest of the file from the analysis.

use std::num::NonZeroU16;
use std::sync::{Arc, OnceLock};

use tree_sitter::{Node, Tree};

use crate::ast::*;
use crate::{TextChange, TextRange};

/// A field id of the grammar (tree-sitter keeps its alias private).
type FieldId = NonZeroU16;

/// The grammar's field ids, looked up once. Lowering runs on every
/// keystroke in the language server, over the whole file: comparing field
/// ids instead of field names (tree-sitter compares names string by string),
/// and reading a statement's children in one pass instead of one pass per
/// field, is most of what keeps it fast (docs/performance.md).
struct Fields {
    name: Option<FieldId>,
    title: Option<FieldId>,
    inline: Option<FieldId>,
    body: Option<FieldId>,
    edition: Option<FieldId>,
    clauses: Option<FieldId>,
    item: Option<FieldId>,
    system: Option<FieldId>,
    value: Option<FieldId>,
    reason: Option<FieldId>,
    kind: Option<FieldId>,
    start: Option<FieldId>,
    end: Option<FieldId>,
    standard: Option<FieldId>,
    clause: Option<FieldId>,
    trailing: Option<FieldId>,
}

fn fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let language = crate::language();
        let id = |name: &str| language.field_id_for_name(name);
        Fields {
            name: id("name"),
            title: id("title"),
            inline: id("inline"),
            body: id("body"),
            edition: id("edition"),
            clauses: id("clauses"),
            item: id("item"),
            system: id("system"),
            value: id("value"),
            reason: id("reason"),
            kind: id("kind"),
            start: id("start"),
            end: id("end"),
            standard: id("standard"),
            clause: id("clause"),
            trailing: id("trailing"),
        }
    })
}

/// The declaration a node is, looked up by its kind id (a table built once)
/// rather than by comparing its kind's name with every keyword.
fn declaration_kind(node: Node) -> Option<DeclarationKind> {
    static KINDS: OnceLock<Vec<Option<DeclarationKind>>> = OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        let language = crate::language();
        (0..language.node_kind_count())
            .map(|id| {
                let id = u16::try_from(id).ok()?;
                DeclarationKind::from_node(language.node_kind_for_id(id)?)
            })
            .collect()
    });
    kinds.get(usize::from(node.kind_id())).copied().flatten()
}

/// `node.child_by_field_name(field)`, by id.
fn field_child<'t>(node: Node<'t>, field: Option<FieldId>) -> Option<Node<'t>> {
    field.and_then(|id| node.child_by_field_id(id.get()))
}

/// Whether a child's field (as a cursor reports it) is `field`; a field the
/// grammar does not have matches nothing.
fn is_field(child: Option<FieldId>, field: Option<FieldId>) -> bool {
    field.is_some() && child == field
}

/// The deepest nesting of blocks that is lowered: a declaration's `{ }` is
/// level 1, a `scope { }` in it level 2. The language needs 2 (nothing
/// belongs in a `scope` or `controls` block but lists); the budget bounds
/// every recursion over the lowered AST (the analysis, the IDE features,
/// `Clone`, `Drop`) however deep a stranger's file nests. The statements of
/// a block deeper than this are not lowered, and the lowering reports the
/// first such block as a syntax error (docs/reliability.md).
pub const MAX_NESTING: usize = 256;

/// A lowering: the text it reads and the first block nested deeper than
/// [`MAX_NESTING`], whose statements it left out.
struct Lowering<'t> {
    text: &'t str,
    too_deep: Option<TextRange>,
}

impl Lowering<'_> {
    /// The one error of a lowering that left out blocks nested too deep.
    fn errors(&self) -> Vec<crate::SyntaxError> {
        self.too_deep.into_iter().map(too_deep_error).collect()
    }
}

/// The syntax error of the first block nested deeper than [`MAX_NESTING`].
pub(crate) fn too_deep_error(range: TextRange) -> crate::SyntaxError {
    crate::SyntaxError {
        range,
        message: format!(
            "nesting deeper than {MAX_NESTING} levels: the statements of this block are not read \
             (a `scope` or `controls` block holds lists, not further blocks)"
        ),
    }
}

/// The lowered file and the syntax error of its first block nested deeper
/// than [`MAX_NESTING`], if any.
pub(crate) fn lower(tree: &Tree, text: &str) -> (SourceFile, Vec<crate::SyntaxError>) {
    let mut cx = Lowering { text, too_deep: None };
    let mut declarations = Vec::new();
    collect_declarations(tree.root_node(), &mut cx, &mut declarations);
    (SourceFile { declarations }, cx.errors())
}

/// The old declarations of a re-parse, each with the bytes it has yet to be
/// moved by (see `SyntaxTree::declarations`).
pub(crate) type Old<'a> = [(&'a Arc<Declaration>, isize)];

/// The new declarations of a re-parse, each with the bytes it has yet to be
/// moved by: 0 for those lowered afresh.
pub(crate) type Pending = Vec<(Arc<Declaration>, isize)>;

/// The result of [`lower_around`]: every declaration with the bytes it has
/// yet to be moved by, those lowered afresh, and the syntax error of the
/// first block among them nested deeper than [`MAX_NESTING`].
pub(crate) type Around = (Pending, Vec<Arc<Declaration>>, Vec<crate::SyntaxError>);

/// A lowering from scratch, as pending declarations that need no move, all
/// of them lowered afresh.
fn lower_pending(tree: &Tree, text: &str) -> Around {
    let (file, errors) = lower(tree, text);
    let fresh = file.declarations;
    (fresh.iter().map(|d| (Arc::clone(d), 0)).collect(), fresh, errors)
}

/// Lowers `tree`, the re-parse of `old`'s text after `change`, without
/// walking the whole tree: only the top-level nodes around the change, and
/// around what tree-sitter reports as structurally changed (`changed`, from
/// `Tree::changed_ranges` of the edited old tree and the new one), are
/// lowered; the declarations before them are reused as they are, those
/// after them with the change's shift to come. Outside those ranges the two
/// trees have the same structure and the same text, so the same
/// declarations. Both trees must be free of syntax errors (the caller
/// checks). The fuzz target `incremental_edits` and the property test in
/// the language server compare the result with a lowering from scratch.
pub(crate) fn lower_around(
    tree: &Tree,
    text: &str,
    old: &Old,
    change: TextChange,
    changed: impl Iterator<Item = tree_sitter::Range>,
) -> Around {
    let (mut low, mut high) = (change.start, change.new_end);
    for range in changed {
        low = low.min(range.start_byte);
        high = high.max(range.end_byte);
    }
    let mut cx = Lowering { text, too_deep: None };
    let mut lowered = Vec::new();
    let mut cursor = tree.root_node().walk();
    // Nodes that end where the change starts count too: text removed at the
    // end of a declaration leaves it ending there.
    if cursor.goto_first_child_for_byte(low.saturating_sub(1)).is_some() {
        loop {
            let node = cursor.node();
            if node.start_byte() > high {
                break;
            }
            match declaration_kind(node) {
                Some(kind) => lowered.push(Arc::new(lower_declaration(kind, node, &mut cx))),
                // Not a declaration: the tree has errors after all.
                None => return lower_pending(tree, text),
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    let low = lowered.first().map_or(low, |d| d.range.start.min(low));
    let high = lowered.last().map_or(high, |d| d.range.end.max(high));
    let delta = change.delta();
    // Old declarations are in document order: those before `low` are a
    // prefix, those that the change moved to `high` or later a suffix.
    let before = old.partition_point(|(d, moved)| d.range.shifted(*moved).end <= low);
    let after = old.partition_point(|(d, moved)| {
        let start = d.range.shifted(*moved).start;
        start < change.old_end || start.wrapping_add_signed(delta) < high
    });
    let mut declarations = Vec::with_capacity(before + lowered.len() + old.len() - after);
    declarations.extend(old[..before].iter().map(|(d, moved)| (Arc::clone(d), *moved)));
    declarations.extend(lowered.iter().map(|d| (Arc::clone(d), 0)));
    declarations
        .extend(old[after.max(before)..].iter().map(|(d, moved)| (Arc::clone(d), moved + delta)));
    (declarations, lowered, cx.errors())
}

/// The declarations among `node`'s children and inside the ERROR nodes
/// among them, in document order.
fn collect_declarations(node: Node, cx: &mut Lowering, out: &mut Vec<Arc<Declaration>>) {
    for_each_child_through_errors(node, |child| {
        if let Some(kind) = declaration_kind(child) {
            out.push(Arc::new(lower_declaration(kind, child, cx)));
        }
    });
}

/// Calls `f` on each named child of `node`, in document order, with the
/// named children of an ERROR child (recursively) in its place. A cursor
/// walk, not a recursion: error recovery may nest ERROR nodes as deep as
/// the text nests.
fn for_each_child_through_errors<'t>(node: Node<'t>, mut f: impl FnMut(Node<'t>)) {
    let mut cursor = node.walk();
    if !cursor.goto_first_child() {
        return;
    }
    // How many ERROR nodes the cursor is inside, below `node`.
    let mut errors = 0usize;
    loop {
        let child = cursor.node();
        if child.is_error() {
            if cursor.goto_first_child() {
                errors += 1;
                continue;
            }
        } else if child.is_named() {
            f(child);
        }
        while !cursor.goto_next_sibling() {
            if errors == 0 {
                return;
            }
            cursor.goto_parent();
            errors -= 1;
        }
    }
}

fn lower_declaration(kind: DeclarationKind, node: Node, cx: &mut Lowering) -> Declaration {
    let text = cx.text;
    let f = fields();
    let keyword = node.child(0).map(range).unwrap_or_else(|| TextRange::empty(node.start_byte()));
    let name = field_child(node, f.name).map(|n| name(n, text));
    let title = field_child(node, f.title).map(|n| string(n, text));
    let mut statements = Vec::new();
    if let Some(inline) = f.inline {
        let mut cursor = node.walk();
        for inline in node.children_by_field_id(inline, &mut cursor) {
            push_statement(inline, 1, cx, &mut statements);
        }
    }
    let body = field_child(node, f.body);
    if let Some(block) = body {
        collect_statements(block, 1, cx, &mut statements);
    }
    Declaration {
        kind,
        range: range(node),
        keyword,
        name,
        title,
        statements,
        body: body.map(range),
    }
}

/// The statements of `block`, a block at nesting `level` (a declaration's
/// is 1), and of the ERROR nodes in it.
fn collect_statements(block: Node, level: usize, cx: &mut Lowering, out: &mut Vec<Statement>) {
    for_each_child_through_errors(block, |child| push_statement(child, level, cx, out));
}

fn push_statement(node: Node, level: usize, cx: &mut Lowering, out: &mut Vec<Statement>) {
    if let Some(statement) = lower_statement(node, level, cx) {
        out.push(statement);
    }
}

/// A statement of a block at nesting `level`. Recursive through nested
/// blocks, at most [`MAX_NESTING`] deep.
fn lower_statement(node: Node, level: usize, cx: &mut Lowering) -> Option<Statement> {
    let text = cx.text;
    let keyword_node = node.child(0)?;
    let keyword_text = &text[keyword_node.byte_range()];
    let kind = match node.kind() {
        "scope_statement" => StatementKind::Scope,
        "supplier_kind_statement" | "attribute_statement" => {
            StatementKind::from_keyword(keyword_text)?
        }
        other => {
            let keyword = other.strip_suffix("_statement")?.replace('_', "-");
            StatementKind::from_keyword(&keyword)?
        }
    };
    let mut statement = Statement {
        kind,
        range: range(node),
        keyword: range(keyword_node),
        names: Vec::new(),
        editions: Vec::new(),
        clauses: Vec::new(),
        justification: None,
        value: None,
        scope_kind: None,
        children: Vec::new(),
        body: None,
        trailing_comma: None,
    };
    // One pass over the children: names, editions, clause items
    // (`clauses`, then `item`s with `via`), the first `justification`, and
    // the first `value`, `kind` and `body`.
    let f = fields();
    let mut items = Vec::new();
    let (mut justification, mut value, mut kind, mut body) = (None, None, None, None);
    let mut cursor = node.walk();
    if cursor.goto_first_child() {
        loop {
            let child = cursor.node();
            let field = cursor.field_id();
            if is_field(field, f.name) {
                statement.names.push(name(child, text));
            } else if is_field(field, f.edition) {
                statement.editions.push(name(child, text));
            } else if is_field(field, f.clauses) {
                statement.clauses.push(clause_item(child, None, text));
            } else if is_field(field, f.item) {
                items.push(child);
            } else if is_field(field, f.value) {
                value = value.or(Some(child));
            } else if is_field(field, f.kind) {
                kind = kind.or(Some(child));
            } else if is_field(field, f.body) {
                body = body.or(Some(child));
            } else if is_field(field, f.trailing) {
                statement.trailing_comma = Some(range(child));
            }
            if justification.is_none() && child.is_named() && child.kind() == "justification" {
                justification = Some(child);
            }
            if !cursor.goto_next_sibling() {
                break;
            }
        }
    }
    for item in items {
        if let Some(clauses) = field_child(item, f.clauses) {
            let via = field_child(item, f.system).map(|n| name(n, text)).or_else(|| {
                // `via` without its system: an empty name just after it.
                let via = (0..item.child_count())
                    .filter_map(|i| item.child(i))
                    .find(|c| c.kind() == "via")?;
                Some(Name { text: String::new(), range: TextRange::empty(via.end_byte()) })
            });
            let mut lowered = clause_item(clauses, via, text);
            lowered.range = range(item);
            statement.clauses.push(lowered);
        }
    }
    statement.value = value.map(|n| string(n, text));
    statement.justification =
        justification.and_then(|j| field_child(j, f.reason)).map(|n| string(n, text));
    statement.scope_kind = kind.and_then(|k: Node| match &text[k.byte_range()] {
        "organisation" | "organization" => Some(ScopeKind::Organisation),
        "location" => Some(ScopeKind::Location),
        _ => None,
    });
    if let Some(block) = body {
        statement.body = Some(range(block));
        if level < MAX_NESTING {
            collect_statements(block, level + 1, cx, &mut statement.children);
        } else if block.named_child_count() > 0 && cx.too_deep.is_none() {
            cx.too_deep = Some(range(block));
        }
    }
    Some(statement)
}

fn clause_item(node: Node, via: Option<Name>, text: &str) -> ClauseItem {
    match node.kind() {
        "clause_range" => {
            let f = fields();
            let start = field_child(node, f.start).map(|n| clause_ref(n, text));
            let end = field_child(node, f.end).map(|n| clause_ref(n, text));
            let start = start.unwrap_or_else(|| empty_ref(node.start_byte()));
            ClauseItem { range: range(node), start, end, via }
        }
        _ => ClauseItem { range: range(node), start: clause_ref(node, text), end: None, via },
    }
}

fn clause_ref(node: Node, text: &str) -> ClauseRefSyntax {
    let f = fields();
    let standard = field_child(node, f.standard).map(|n| name(n, text)).unwrap_or_else(|| Name {
        text: String::new(),
        range: TextRange::empty(node.start_byte()),
    });
    let clause = field_child(node, f.clause).map(|n| name(n, text));
    ClauseRefSyntax { range: range(node), standard, clause }
}

fn empty_ref(offset: usize) -> ClauseRefSyntax {
    ClauseRefSyntax {
        range: TextRange::empty(offset),
        standard: Name { text: String::new(), range: TextRange::empty(offset) },
        clause: None,
    }
}

fn name(node: Node, text: &str) -> Name {
    Name { text: text[node.byte_range()].to_string(), range: range(node) }
}

fn string(node: Node, text: &str) -> StringLit {
    let mut value = String::new();
    let mut cursor = node.walk();
    for part in node.named_children(&mut cursor) {
        let raw = &text[part.byte_range()];
        match part.kind() {
            "escape_sequence" => value.push(match raw {
                "\\n" => '\n',
                "\\t" => '\t',
                other => other.chars().nth(1).unwrap_or('\\'),
            }),
            _ => value.push_str(raw),
        }
    }
    StringLit { value, range: range(node) }
}

pub(crate) fn range(node: Node) -> TextRange {
    TextRange::new(node.start_byte(), node.end_byte())
}
