//! Keywords are contextual: every keyword may be a name wherever a name is
//! expected (docs/language.md 2.5).
//!
//! grammar.js lists the keywords by hand (`KEYWORDS`, which a name may be);
//! this test catches a keyword added to a rule but not to that list.

use tree_sitter::{Language, Parser};

fn language() -> Language {
    tree_sitter_ims::LANGUAGE.into()
}

/// Every keyword token of the grammar: the anonymous tokens that are words.
fn keywords() -> Vec<&'static str> {
    let language = language();
    let mut keywords: Vec<&str> = (0..language.node_kind_count())
        .filter_map(|id| u16::try_from(id).ok())
        .filter(|&id| !language.node_kind_is_named(id) && language.node_kind_is_visible(id))
        .filter_map(|id| language.node_kind_for_id(id))
        .filter(|kind| kind.starts_with(|c: char| c.is_ascii_lowercase()))
        .filter(|kind| kind.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        .collect();
    keywords.sort_unstable();
    keywords.dedup();
    keywords
}

fn has_error(input: &str) -> bool {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("the IMS grammar loads");
    parser.parse(input, None).expect("parsing always returns a tree").root_node().has_error()
}

#[test]
fn the_grammar_has_keywords() {
    let keywords = keywords();
    for expected in ["ims", "unit", "delivered-by", "not-applicable", "via", "organisation"] {
        assert!(keywords.contains(&expected), "`{expected}` not found among {keywords:?}");
    }
}

/// The texts of every `identifier` node of the tree of `input`, in order.
fn identifiers(input: &str) -> Vec<String> {
    let mut parser = Parser::new();
    parser.set_language(&language()).expect("the IMS grammar loads");
    let tree = parser.parse(input, None).expect("parsing always returns a tree");
    let mut out = Vec::new();
    let mut cursor = tree.walk();
    loop {
        let node = cursor.node();
        if node.kind() == "identifier" {
            out.push(input[node.byte_range()].to_string());
        }
        if cursor.goto_first_child() || cursor.goto_next_sibling() {
            continue;
        }
        loop {
            if !cursor.goto_parent() {
                return out;
            }
            if cursor.goto_next_sibling() {
                break;
            }
        }
    }
}

#[test]
fn every_keyword_can_be_a_name() {
    for keyword in keywords() {
        let inputs = [
            format!("unit {keyword} \"Title\" at hq, {keyword}"),
            format!("process {keyword} \"P\" {{ owner {keyword}; performed-by a, {keyword} }}"),
            format!("process p \"P\" {{ covers 9001:8.4 via {keyword} }}\nsite hq \"HQ\""),
            format!("system s \"S\" {{ scope {{ units {keyword}, b; sites {keyword} }} }}"),
        ];
        for input in inputs {
            assert!(!has_error(&input), "`{input}` has a syntax error");
            let names = identifiers(&input);
            assert!(names.contains(&keyword.to_string()), "`{input}`: {names:?}");
        }
    }
}

#[test]
fn a_name_may_start_or_end_with_a_keyword() {
    for keyword in keywords() {
        for name in [format!("{keyword}-2"), format!("my-{keyword}"), format!("{keyword}_x")] {
            let input = format!("unit {name} \"Title\" at {name}");
            assert!(!has_error(&input), "`{input}` has a syntax error");
        }
    }
}
