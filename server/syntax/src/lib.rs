//! The syntax layer of the IMS language.
//!
//! Parsing never fails: [`parse`] always returns a [`SyntaxTree`], which holds
//! the tree-sitter tree, the syntax errors found in it and the lowered
//! [`ast::SourceFile`], a plain-data view with byte ranges that the analysis
//! layer reads. This crate knows nothing of standards, scopes or LSP.

pub mod ast;
mod errors;
mod line_index;
mod lower;
mod lowered;
mod range;
mod ranges;

pub use errors::SyntaxError;
pub use line_index::{LineCol, LineIndex};
pub use lowered::parse_lowered;
pub use range::TextRange;
pub use ranges::RangesMut;
pub use tree_sitter::{InputEdit, Point, Tree};

use std::cell::RefCell;

/// A parsed `.ims` text: the concrete tree, its syntax errors and the lowered AST.
#[derive(Clone)]
pub struct SyntaxTree {
    /// `None` when parsed by [`parse_lowered`], for consumers that read only
    /// the errors and the AST.
    tree: Option<Tree>,
    errors: Vec<SyntaxError>,
    ast: ast::SourceFile,
}

impl std::fmt::Debug for SyntaxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxTree").field("errors", &self.errors).finish_non_exhaustive()
    }
}

impl SyntaxTree {
    /// The tree-sitter tree, for incremental re-parsing and tree queries.
    ///
    /// # Panics
    ///
    /// If the text was parsed by [`parse_lowered`], which keeps no tree.
    pub fn tree(&self) -> &Tree {
        self.tree.as_ref().expect("a tree parsed by `parse_lowered` keeps no tree-sitter tree")
    }

    /// The tree-sitter tree, or `None` if the text was parsed by [`parse_lowered`].
    pub fn try_tree(&self) -> Option<&Tree> {
        self.tree.as_ref()
    }

    /// Syntax errors (ERROR and MISSING nodes), in document order.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The lowered AST.
    pub fn ast(&self) -> &ast::SourceFile {
        &self.ast
    }

    /// The tree as an S-expression, as `tree-sitter parse` prints it.
    pub fn to_sexp(&self) -> String {
        self.tree().root_node().to_sexp()
    }
}

/// The tree-sitter language of the IMS grammar.
pub fn language() -> tree_sitter::Language {
    tree_sitter_ims::LANGUAGE.into()
}

thread_local! {
    static PARSER: RefCell<tree_sitter::Parser> = RefCell::new(new_parser());
}

fn new_parser() -> tree_sitter::Parser {
    let mut parser = tree_sitter::Parser::new();
    // The grammar is compiled into this binary with a matching ABI, so this
    // cannot fail at run time; the grammar crate's own test checks it.
    parser.set_language(&language()).expect("the IMS grammar is compatible with tree-sitter");
    parser
}

/// Parses `text` from scratch.
pub fn parse(text: &str) -> SyntaxTree {
    parse_with(text, None)
}

/// Re-parses `text`, which is `old`'s text after `edits` (in order, each in
/// the coordinates the previous ones left), reusing what the edits did not
/// touch: tree-sitter re-parses only around the edits, and declarations
/// whose text is unchanged are not lowered again. The result is the same
/// as `parse(text)` whenever it has no syntax errors; with syntax errors,
/// tree-sitter's recovery may build a different tree than a fresh parse
/// would, which is why the language server parses such a text afresh.
///
/// An `old` without a tree (from [`parse_lowered`]) gives a fresh parse.
pub fn reparse(text: &str, old: &SyntaxTree, edits: &[InputEdit]) -> SyntaxTree {
    let Some(mut edited) = old.tree.clone() else { return parse(text) };
    for edit in edits {
        edited.edit(edit);
    }
    let tree = run_parser(text, Some(&edited));
    let errors = errors::collect(&tree, text);
    let ast = if !errors.is_empty() || !old.errors.is_empty() {
        lower::lower(&tree, text)
    } else if let [edit] = edits {
        lower::lower_around(&tree, text, &old.ast, edit, edited.changed_ranges(&tree))
    } else {
        lower::lower_reusing(&tree, text, &old.ast, edits)
    };
    SyntaxTree { tree: Some(tree), errors, ast }
}

fn parse_with(text: &str, old: Option<&Tree>) -> SyntaxTree {
    let tree = run_parser(text, old);
    let errors = errors::collect(&tree, text);
    let ast = lower::lower(&tree, text);
    SyntaxTree { tree: Some(tree), errors, ast }
}

fn run_parser(text: &str, old: Option<&Tree>) -> Tree {
    PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        // `parse` only returns None when a timeout or cancellation flag is
        // set, and we set neither; a fresh parser is the defensive fallback.
        parser.parse(text, old).unwrap_or_else(|| {
            let mut fresh = new_parser();
            fresh.parse(text, None).expect("parsing without a timeout always yields a tree")
        })
    })
}

#[cfg(test)]
mod tests;
