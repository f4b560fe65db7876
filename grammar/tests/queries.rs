//! Checks the editor queries in `queries/` against the grammar and the corpus.
//!
//! Each query must compile against the language and use only capture names
//! of the nvim-treesitter conventions. On every error-free corpus input, the
//! highlights must give every token a highlight (on the token or on a node
//! around it) and no node two different ones, so that editors that let the
//! first or the last matching pattern win show the same colours; the locals
//! must see every name as exactly one definition or reference.

#[allow(dead_code)] // Reason: shared with tests/corpus.rs, which uses all of it.
mod corpus_format;

use std::collections::{BTreeMap, BTreeSet};

use tree_sitter::{Language, Node, Parser, Query, QueryCursor, StreamingIterator, Tree};

fn language() -> Language {
    tree_sitter_ims::LANGUAGE.into()
}

fn query(source: &str) -> Query {
    Query::new(&language(), source).unwrap_or_else(|e| panic!("query does not compile: {e}"))
}

fn parse(input: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("the IMS grammar loads");
    parser.parse(input, None).expect("parsing without a timeout always returns a tree")
}

/// The inputs of the corpus cases that parse without errors.
fn valid_inputs() -> Vec<(String, String)> {
    corpus_format::read_corpus()
        .iter()
        .flat_map(|file| {
            file.cases.iter().map(move |case| (format!("{} / {}", file.stem(), case.name), case))
        })
        .filter(|(_, case)| !case.skip && !parse(&case.input).root_node().has_error())
        .map(|(name, case)| (name, case.input.clone()))
        .collect()
}

/// For every node that has captures: the node and its capture names, keyed
/// by node id.
fn captures_by_node<'t>(
    query: &Query,
    tree: &'t Tree,
    input: &str,
) -> BTreeMap<usize, (Node<'t>, BTreeSet<String>)> {
    let names = query.capture_names();
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(query, tree.root_node(), input.as_bytes());
    let mut by_node: BTreeMap<usize, (Node<'t>, BTreeSet<String>)> = BTreeMap::new();
    while let Some(found) = matches.next() {
        for capture in found.captures {
            by_node
                .entry(capture.node.id())
                .or_insert_with(|| (capture.node, BTreeSet::new()))
                .1
                .insert(names[capture.index as usize].to_string());
        }
    }
    by_node
}

fn leaves<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    if node.child_count() == 0 {
        out.push(node);
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        leaves(child, out);
    }
}

fn identifiers<'t>(node: Node<'t>, out: &mut Vec<Node<'t>>) {
    // The values of `status` and `reason` come from a fixed list: words,
    // not names of the IMS.
    let is_value =
        node.parent().is_some_and(|p| matches!(p.kind(), "status_statement" | "reason_statement"));
    if node.kind() == "identifier" && !is_value {
        out.push(node);
    }
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        identifiers(child, out);
    }
}

#[track_caller]
fn assert_captures_within(source: &str, allowed: &[&str]) {
    for name in query(source).capture_names() {
        assert!(allowed.contains(name), "capture `@{name}` is not one of {allowed:?}");
    }
}

#[test]
fn queries_compile() {
    for (file, source) in [
        ("highlights.scm", tree_sitter_ims::HIGHLIGHTS_QUERY),
        ("folds.scm", tree_sitter_ims::FOLDS_QUERY),
        ("indents.scm", tree_sitter_ims::INDENTS_QUERY),
        ("locals.scm", tree_sitter_ims::LOCALS_QUERY),
    ] {
        assert!(!source.trim().is_empty(), "{file} is empty");
        if let Err(e) = Query::new(&language(), source) {
            panic!("{file} does not compile: {e}");
        }
    }
}

#[test]
fn capture_names_follow_the_nvim_treesitter_conventions() {
    // The subset of the nvim-treesitter highlight groups that suits this
    // language; a name outside it is most likely a typo.
    assert_captures_within(
        tree_sitter_ims::HIGHLIGHTS_QUERY,
        &[
            "comment",
            "keyword",
            "keyword.type",
            "keyword.modifier",
            "keyword.operator",
            "type",
            "type.definition",
            "property",
            "module",
            "number",
            "constant",
            "string",
            "string.escape",
            "operator",
            "punctuation.delimiter",
            "punctuation.bracket",
        ],
    );
    assert_captures_within(
        tree_sitter_ims::LOCALS_QUERY,
        &["local.scope", "local.definition", "local.reference"],
    );
    assert_captures_within(tree_sitter_ims::FOLDS_QUERY, &["fold"]);
    assert_captures_within(
        tree_sitter_ims::INDENTS_QUERY,
        &["indent.begin", "indent.end", "indent.branch", "indent.dedent", "indent.auto"],
    );
}

#[test]
fn every_token_of_a_valid_file_is_highlighted() {
    let highlights = query(tree_sitter_ims::HIGHLIGHTS_QUERY);
    let inputs = valid_inputs();
    assert!(!inputs.is_empty(), "no error-free corpus input");
    for (name, input) in &inputs {
        let tree = parse(input);
        let captured = captures_by_node(&highlights, &tree, input);
        let mut tokens = Vec::new();
        leaves(tree.root_node(), &mut tokens);
        for token in tokens.into_iter().filter(|t| !t.byte_range().is_empty()) {
            let highlighted = std::iter::successors(Some(token), Node::parent)
                .any(|node| captured.contains_key(&node.id()));
            assert!(
                highlighted,
                "{name}: `{}` ({}) at {} has no highlight",
                &input[token.byte_range()],
                token.kind(),
                token.start_position(),
            );
        }
    }
}

#[test]
fn no_node_is_highlighted_twice() {
    let highlights = query(tree_sitter_ims::HIGHLIGHTS_QUERY);
    for (name, input) in valid_inputs() {
        let tree = parse(&input);
        for (node, captures) in captures_by_node(&highlights, &tree, &input).into_values() {
            assert!(
                captures.len() == 1,
                "{name}: `{}` ({}) at {} is captured as {captures:?}",
                &input[node.byte_range()],
                node.kind(),
                node.start_position(),
            );
        }
    }
}

#[test]
fn every_name_is_one_definition_or_reference() {
    let locals = query(tree_sitter_ims::LOCALS_QUERY);
    for (name, input) in valid_inputs() {
        let tree = parse(&input);
        let captured = captures_by_node(&locals, &tree, &input);
        let mut names = Vec::new();
        identifiers(tree.root_node(), &mut names);
        for identifier in names {
            let captures = captured.get(&identifier.id()).map(|(_, names)| names);
            let single = captures.is_some_and(|c| {
                c.len() == 1 && (c.contains("local.definition") || c.contains("local.reference"))
            });
            assert!(
                single,
                "{name}: `{}` at {} is captured as {captures:?}",
                &input[identifier.byte_range()],
                identifier.start_position(),
            );
        }
    }
}

#[test]
fn every_block_folds_and_indents() {
    let folds = query(tree_sitter_ims::FOLDS_QUERY);
    let indents = query(tree_sitter_ims::INDENTS_QUERY);
    let input = "process p {\n  covers 9001:8.4\n}\n/* a\n   b */\n";
    let tree = parse(input);
    let block = tree.root_node().child(0).and_then(|p| p.child_by_field_name("body")).unwrap();
    let comment = tree.root_node().child(1).unwrap();
    assert_eq!(comment.kind(), "block_comment");

    let folded = captures_by_node(&folds, &tree, input);
    assert!(folded.contains_key(&block.id()), "the block does not fold");
    assert!(folded.contains_key(&comment.id()), "the block comment does not fold");

    let indented = captures_by_node(&indents, &tree, input);
    let closing = block.child(block.child_count() - 1).unwrap();
    assert_eq!(indented[&block.id()].1, BTreeSet::from(["indent.begin".to_string()]));
    assert_eq!(
        indented[&closing.id()].1,
        BTreeSet::from(["indent.branch".to_string(), "indent.end".to_string()])
    );
}
