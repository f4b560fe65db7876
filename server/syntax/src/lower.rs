//! Lowers the tree-sitter tree into the plain [`ast`](crate::ast) types.
//!
//! Lowering is total: whatever the tree holds, including ERROR nodes around
//! half-typed text, becomes the best AST it can. Declarations and statements
//! wrapped in an ERROR node by error recovery are still lowered, so a broken
//! line does not hide the rest of the file from the analysis.

use tree_sitter::{Node, Tree};

use crate::ast::*;
use crate::TextRange;

pub(crate) fn lower(tree: &Tree, text: &str) -> SourceFile {
    let mut declarations = Vec::new();
    collect_declarations(tree.root_node(), text, &mut declarations);
    SourceFile { declarations }
}

fn collect_declarations(node: Node, text: &str, out: &mut Vec<Declaration>) {
    let mut cursor = node.walk();
    for child in node.named_children(&mut cursor) {
        if let Some(kind) = DeclarationKind::from_node(child.kind()) {
            out.push(lower_declaration(kind, child, text));
        } else if child.is_error() {
            collect_declarations(child, text, out);
        }
    }
}

fn lower_declaration(kind: DeclarationKind, node: Node, text: &str) -> Declaration {
    let keyword = node.child(0).map(range).unwrap_or_else(|| TextRange::empty(node.start_byte()));
    let name = node.child_by_field_name("name").map(|n| name(n, text));
    let title = node.child_by_field_name("title").map(|n| string(n, text));
    let mut statements = Vec::new();
    let mut cursor = node.walk();
    for inline in node.children_by_field_name("inline", &mut cursor) {
        push_statement(inline, text, &mut statements);
    }
    let body = node.child_by_field_name("body");
    if let Some(block) = body {
        collect_statements(block, text, &mut statements);
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

fn collect_statements(block: Node, text: &str, out: &mut Vec<Statement>) {
    let mut cursor = block.walk();
    for child in block.named_children(&mut cursor) {
        if child.is_error() {
            collect_statements(child, text, out);
        } else {
            push_statement(child, text, out);
        }
    }
}

fn push_statement(node: Node, text: &str, out: &mut Vec<Statement>) {
    if let Some(statement) = lower_statement(node, text) {
        out.push(statement);
    }
}

fn lower_statement(node: Node, text: &str) -> Option<Statement> {
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
    };
    let mut cursor = node.walk();
    statement.names =
        node.children_by_field_name("name", &mut cursor).map(|n| name(n, text)).collect();
    statement.editions =
        node.children_by_field_name("edition", &mut cursor).map(|n| name(n, text)).collect();
    statement.clauses = node
        .children_by_field_name("clauses", &mut cursor)
        .map(|n| clause_item(n, None, text))
        .collect();
    for item in node.children_by_field_name("item", &mut cursor) {
        if let Some(clauses) = item.child_by_field_name("clauses") {
            let via = item.child_by_field_name("system").map(|n| name(n, text));
            let mut lowered = clause_item(clauses, via, text);
            lowered.range = range(item);
            statement.clauses.push(lowered);
        }
    }
    statement.value = node.child_by_field_name("value").map(|n| string(n, text));
    statement.justification = node
        .named_children(&mut cursor)
        .find(|c| c.kind() == "justification")
        .and_then(|j| j.child_by_field_name("reason"))
        .map(|n| string(n, text));
    statement.scope_kind =
        node.child_by_field_name("kind").and_then(|k| match &text[k.byte_range()] {
            "organisation" | "organization" => Some(ScopeKind::Organisation),
            "location" => Some(ScopeKind::Location),
            _ => None,
        });
    if let Some(block) = node.child_by_field_name("body") {
        statement.body = Some(range(block));
        collect_statements(block, text, &mut statement.children);
    }
    Some(statement)
}

fn clause_item(node: Node, via: Option<Name>, text: &str) -> ClauseItem {
    match node.kind() {
        "clause_range" => {
            let start = node.child_by_field_name("start").map(|n| clause_ref(n, text));
            let end = node.child_by_field_name("end").map(|n| clause_ref(n, text));
            let start = start.unwrap_or_else(|| empty_ref(node.start_byte()));
            ClauseItem { range: range(node), start, end, via }
        }
        _ => ClauseItem { range: range(node), start: clause_ref(node, text), end: None, via },
    }
}

fn clause_ref(node: Node, text: &str) -> ClauseRefSyntax {
    let standard =
        node.child_by_field_name("standard").map(|n| name(n, text)).unwrap_or_else(|| Name {
            text: String::new(),
            range: TextRange::empty(node.start_byte()),
        });
    let clause = node.child_by_field_name("clause").map(|n| name(n, text));
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
