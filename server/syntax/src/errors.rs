//! Syntax errors with messages a person can act on.
//!
//! Tree-sitter marks what it could not parse with ERROR nodes and what it had
//! to invent with zero-width MISSING nodes. Each becomes one [`SyntaxError`],
//! located at the first offending token rather than the whole ERROR node (an
//! ERROR node may span many lines, and a squiggle over all of them helps
//! nobody). Where the parser state tells what could have come next, the
//! message says so.

use tree_sitter::{Node, Tree};

use crate::ast::{Declaration, DeclarationKind};
use crate::lower::range;
use crate::TextRange;

/// A syntax error: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// The errors of a tree, of the declarations lowered from it and of the
/// lowering itself (`lowering`: a block nested too deep).
pub(crate) fn collect<'d>(
    tree: &Tree,
    text: &str,
    declarations: impl IntoIterator<Item = &'d Declaration>,
    lowering: Vec<SyntaxError>,
) -> Vec<SyntaxError> {
    let mut errors = collect_tree(tree, text);
    errors.extend(incomplete(declarations));
    errors.extend(lowering);
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    errors
}

/// The ERROR and MISSING nodes of a tree.
pub(crate) fn collect_tree(tree: &Tree, text: &str) -> Vec<SyntaxError> {
    let mut errors = Vec::new();
    if tree.root_node().has_error() {
        visit(tree.root_node(), text, &mut errors);
    }
    errors
}

/// What the grammar accepts only so that the text after it parses as it is
/// meant (keywords are contextual, docs/language.md 2.5): a declaration
/// without its name, a list without any name, a `,` after the last name,
/// `via` without a system. Each is a syntax error, read from the lowered
/// declarations.
pub(crate) fn incomplete<'d>(
    declarations: impl IntoIterator<Item = &'d Declaration>,
) -> Vec<SyntaxError> {
    let mut out = Vec::new();
    let after = |range: TextRange| TextRange::empty(range.end);
    for decl in declarations {
        if decl.kind != DeclarationKind::Ims && decl.name.is_none() {
            let keyword = decl.kind.keyword();
            // `process owner ops`: the one truly ambiguous place of the
            // contextual keywords. A statement keyword right after the
            // declaration keyword starts that statement; say how to make
            // it the name instead.
            let message = match decl.statements.first() {
                Some(first)
                    if decl.title.is_none()
                        && decl.body.is_none_or(|body| first.range.start < body.start) =>
                {
                    let word = first.kind.keyword();
                    format!(
                        "expected a name after `{keyword}` (`{word}` is read as a statement here; \
                         to name the {keyword} `{word}`, write its title after the name: \
                         `{keyword} {word} \"...\"`)"
                    )
                }
                _ => format!("expected a name after `{keyword}`"),
            };
            out.push(SyntaxError { range: after(decl.keyword), message });
        }
        for statement in decl.all_statements() {
            if statement.kind.takes_names() && statement.names.is_empty() {
                out.push(SyntaxError {
                    range: after(statement.keyword),
                    message: format!("expected a name after `{}`", statement.kind.keyword()),
                });
            }
            if let Some(comma) = statement.trailing_comma {
                out.push(SyntaxError {
                    range: comma,
                    message: "a list cannot end with `,`: expected a name after it".to_string(),
                });
            }
            for via in statement.clauses.iter().filter_map(|c| c.via.as_ref()) {
                if via.text.is_empty() {
                    out.push(SyntaxError {
                        range: via.range,
                        message: "expected a system name after `via`".to_string(),
                    });
                }
            }
        }
    }
    out
}

/// The ERROR and MISSING nodes under `node`, outermost first, in document
/// order. A cursor walk, not a recursion: the tree nests as deep as the
/// text does.
fn visit(node: Node, text: &str, out: &mut Vec<SyntaxError>) {
    let mut cursor = node.walk();
    loop {
        let current = cursor.node();
        // Nested MISSING nodes inside an ERROR are part of the same mistake,
        // so neither is entered.
        let enter = if current.is_missing() {
            out.push(missing(current, text));
            false
        } else if current.is_error() {
            out.push(unexpected(current, text));
            false
        } else {
            current.has_error()
        };
        if enter && cursor.goto_first_child() {
            continue;
        }
        while !cursor.goto_next_sibling() {
            if !cursor.goto_parent() {
                return;
            }
        }
    }
}

fn missing(node: Node, text: &str) -> SyntaxError {
    let kind = node.kind();
    let message = match kind {
        "\"" => {
            "unterminated string: expected a closing `\"` before the end of the line".to_string()
        }
        "identifier" => format!("expected a name{}", after(node, text)),
        "string" => format!("expected a quoted title{}", after(node, text)),
        "standard_id" => format!("expected a standard such as `iso9001@2015`{}", after(node, text)),
        "clause_ref" => {
            format!("expected a clause reference such as `9001:8.4`{}", after(node, text))
        }
        "block" => format!("expected `{{`{}", after(node, text)),
        other if !node.is_named() => format!("expected `{other}`{}", after(node, text)),
        other => format!("expected {}{}", other.replace('_', " "), after(node, text)),
    };
    // A missing closing quote is best shown on the whole string it leaves open.
    let shown = match (kind, node.parent()) {
        ("\"", Some(parent)) if parent.kind() == "string" => range(parent),
        _ => range(node),
    };
    SyntaxError { range: shown, message }
}

/// ` after `x`` naming the token before a missing one, when there is one.
fn after(node: Node, text: &str) -> String {
    match previous_leaf(node) {
        Some(prev) => format!(" after `{}`", snippet(&text[prev.byte_range()])),
        None => String::new(),
    }
}

fn unexpected(node: Node, text: &str) -> SyntaxError {
    let first = first_leaf(node);
    let token_text = &text[first.byte_range()];
    let error_range = {
        let r = range(first);
        if r.is_empty() {
            range(node)
        } else {
            r
        }
    };
    let message = if token_text.starts_with('"') {
        "unterminated string: expected a closing `\"` before the end of the line".to_string()
    } else if token_text == "." && previous_leaf(node).is_some_and(|p| p.kind() == "clause_number")
    {
        "incomplete clause reference: expected a number after `.`".to_string()
    } else if token_text == "," {
        "a list cannot end with `,`: expected a name or clause reference after it".to_string()
    } else if token_text.starts_with("/*") {
        "unterminated block comment: expected `*/`".to_string()
    } else if token_text.is_empty() {
        "unexpected end of input".to_string()
    } else {
        let expected = expected_after(node);
        if expected.is_empty() {
            format!("unexpected `{}`", snippet(token_text))
        } else {
            format!("unexpected `{}`; expected {}", snippet(token_text), expected)
        }
    };
    SyntaxError { range: error_range, message }
}

/// What the grammar would have accepted where the ERROR node starts, read
/// from the parse state after the token before it. Only tokens a person types
/// are named, at most a handful of them.
fn expected_after(node: Node) -> String {
    let Some(prev) = previous_leaf(node) else {
        return "a declaration such as `ims`, `site`, `unit`, `system` or `process`".to_string();
    };
    let language = node.language();
    let state = prev.next_parse_state();
    let Some(lookahead) = language.lookahead_iterator(state) else {
        return String::new();
    };
    let mut names: Vec<String> = Vec::new();
    for symbol in lookahead {
        if !language.node_kind_is_visible(symbol) {
            continue;
        }
        let Some(kind) = language.node_kind_for_id(symbol) else { continue };
        let shown = match kind {
            "identifier" => "a name".to_string(),
            "string" | "\"" => "a quoted string".to_string(),
            "standard_id" => "a clause reference".to_string(),
            "clause_number" => "a clause number".to_string(),
            "line_comment" | "block_comment" | "end" | "ERROR" => continue,
            _ if language.node_kind_is_named(symbol) => continue,
            k => format!("`{k}`"),
        };
        if !shown.is_empty() && !names.contains(&shown) {
            names.push(shown);
        }
    }
    if names.len() > 6 {
        names.truncate(6);
        names.push("...".to_string());
    }
    match names.len() {
        0 => String::new(),
        1 => names.remove(0),
        _ => format!("one of {}", names.join(", ")),
    }
}

fn first_leaf(node: Node) -> Node {
    let mut current = node;
    while let Some(child) = current.child(0) {
        current = child;
    }
    current
}

fn previous_leaf(node: Node) -> Option<Node> {
    let mut current = node;
    loop {
        if let Some(prev) = current.prev_sibling() {
            let mut leaf = prev;
            while let Some(last) = leaf.child(leaf.child_count().saturating_sub(1)) {
                leaf = last;
            }
            if leaf.kind().ends_with("comment") {
                current = leaf;
                continue;
            }
            return Some(leaf);
        }
        current = current.parent()?;
    }
}

/// The first line of a token, shortened, for a message.
fn snippet(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() > 30 {
        format!("{}...", line.chars().take(30).collect::<String>())
    } else {
        line.to_string()
    }
}
