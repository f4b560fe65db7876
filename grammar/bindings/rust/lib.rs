//! Tree-sitter grammar for the IMS language.
//!
//! ```
//! let mut parser = tree_sitter::Parser::new();
//! parser.set_language(&tree_sitter_ims::LANGUAGE.into()).expect("grammar loads");
//! let tree = parser.parse("site hq \"Amsterdam HQ\"", None).expect("parses");
//! assert_eq!(tree.root_node().kind(), "source_file");
//! ```

use tree_sitter_language::LanguageFn;

extern "C" {
    fn tree_sitter_ims() -> *const ();
}

/// The tree-sitter [`LanguageFn`] for the IMS grammar.
#[allow(unsafe_code)] // Reason: the only way to reach the generated C parser.
pub const LANGUAGE: LanguageFn = unsafe { LanguageFn::from_raw(tree_sitter_ims) };

/// The content of the `node-types.json` file for this grammar.
pub const NODE_TYPES: &str = include_str!("../../src/node-types.json");

/// Syntax highlighting queries.
pub const HIGHLIGHTS_QUERY: &str = include_str!("../../queries/highlights.scm");
/// Folding queries.
pub const FOLDS_QUERY: &str = include_str!("../../queries/folds.scm");
/// Indentation queries.
pub const INDENTS_QUERY: &str = include_str!("../../queries/indents.scm");
/// Local scope and definition queries.
pub const LOCALS_QUERY: &str = include_str!("../../queries/locals.scm");

#[cfg(test)]
mod tests {
    #[test]
    fn test_can_load_grammar() {
        let mut parser = tree_sitter::Parser::new();
        parser.set_language(&super::LANGUAGE.into()).expect("Error loading IMS parser");
    }
}
