//! Keywords are reserved: no declaration may be named after one.
//!
//! grammar.js lists the reserved words by hand next to the rules that use
//! them; this test catches a keyword added to a rule but not to that list.

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

#[test]
fn no_keyword_can_name_a_declaration() {
    for keyword in keywords() {
        let input = format!("unit {keyword} \"Title\"");
        assert!(has_error(&input), "`{input}` parses without an error");
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
