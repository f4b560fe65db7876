//! The syntax layer of the IMS language.
//!
//! Parsing never fails: [`parse`] always returns a [`SyntaxTree`], which holds
//! the tree-sitter tree and its [`Lowered`] half: the syntax errors found in
//! it and the lowered [`ast::SourceFile`], a plain-data view with byte
//! ranges that the analysis layer reads. [`parse_lowered`] gives the
//! `Lowered` half alone. This crate knows nothing of standards, scopes or LSP.

pub mod ast;
mod change;
mod errors;
mod line_index;
mod lower;
mod lowered;
mod range;
mod ranges;

pub use change::TextChange;
pub use errors::SyntaxError;
pub use line_index::{
    column_width, floor_char_boundary, ColumnUnit, LineCol, LineIndex, LineOutOfRange,
};
pub use lower::MAX_NESTING;
pub use lowered::parse_lowered;
pub use range::TextRange;
pub use ranges::RangesMut;
pub use tree_sitter::{InputEdit, Point, Tree};

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

/// A parsed `.ims` text without its concrete tree: the syntax errors and
/// the lowered AST, which is all the analysis reads. [`parse_lowered`]
/// makes one without keeping the tree (`ims check`); a [`SyntaxTree`] holds
/// one beside its tree.
#[derive(Clone)]
pub struct Lowered {
    errors: Vec<SyntaxError>,
    /// The lowered AST; built from `pending` on first use after a re-parse.
    ast: OnceLock<ast::SourceFile>,
    /// After a re-parse: every declaration, with the bytes it still has to
    /// be moved by (declarations after an edit are the previous version's,
    /// not yet moved). Moving them is a copy of each; deferring it keeps it
    /// off a keystroke's way to its diagnostics, which may not need the AST
    /// at all (see `ims_analysis::reanalyze`). Empty when `ast` was built
    /// directly.
    pending: Vec<(Arc<ast::Declaration>, isize)>,
}

impl std::fmt::Debug for Lowered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lowered").field("errors", &self.errors).finish_non_exhaustive()
    }
}

impl Lowered {
    fn built(errors: Vec<SyntaxError>, ast: ast::SourceFile) -> Lowered {
        Lowered { errors, ast: OnceLock::from(ast), pending: Vec::new() }
    }

    fn with_pending(
        errors: Vec<SyntaxError>,
        pending: Vec<(Arc<ast::Declaration>, isize)>,
    ) -> Lowered {
        if pending.iter().all(|(_, delta)| *delta == 0) {
            let declarations = pending.into_iter().map(|(d, _)| d).collect();
            return Lowered::built(errors, ast::SourceFile { declarations });
        }
        Lowered { errors, ast: OnceLock::new(), pending }
    }

    /// Syntax errors (ERROR and MISSING nodes), in document order.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// The lowered AST (built on first use after a re-parse).
    pub fn ast(&self) -> &ast::SourceFile {
        self.ast.get_or_init(|| ast::SourceFile {
            declarations: self.pending.iter().map(|(d, delta)| moved(d, *delta)).collect(),
        })
    }

    /// The declarations as they stand, without building the AST: each with
    /// the bytes it has yet to be moved by (`RangesMut::shift` moves a copy).
    pub fn declarations(&self) -> Vec<(&Arc<ast::Declaration>, isize)> {
        match self.ast.get() {
            Some(ast) => ast.declarations.iter().map(|d| (d, 0)).collect(),
            None => self.pending.iter().map(|(d, delta)| (d, *delta)).collect(),
        }
    }
}

/// A parsed `.ims` text with its concrete tree: what the formatter, the
/// editor's highlighting and folding, and incremental re-parsing need.
#[derive(Clone)]
pub struct SyntaxTree {
    tree: Tree,
    lowered: Arc<Lowered>,
}

impl std::fmt::Debug for SyntaxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxTree").field("errors", &self.lowered.errors).finish_non_exhaustive()
    }
}

impl SyntaxTree {
    /// The tree-sitter tree.
    pub fn tree(&self) -> &Tree {
        &self.tree
    }

    /// The errors and the AST, shared: what the analysis holds.
    pub fn lowered(&self) -> &Arc<Lowered> {
        &self.lowered
    }

    /// Syntax errors (ERROR and MISSING nodes), in document order.
    pub fn errors(&self) -> &[SyntaxError] {
        self.lowered.errors()
    }

    /// The lowered AST.
    pub fn ast(&self) -> &ast::SourceFile {
        self.lowered.ast()
    }

    /// The tree as an S-expression, as `tree-sitter parse` prints it.
    pub fn to_sexp(&self) -> String {
        self.tree.root_node().to_sexp()
    }
}

/// `declaration` moved by `delta` bytes: shared when `delta` is 0, a copy
/// otherwise.
fn moved(declaration: &Arc<ast::Declaration>, delta: isize) -> Arc<ast::Declaration> {
    if delta == 0 {
        Arc::clone(declaration)
    } else {
        let mut moved = ast::Declaration::clone(declaration);
        moved.shift(delta);
        Arc::new(moved)
    }
}

/// Every keyword of the language: the grammar's anonymous tokens that are
/// words (`unit`, `delivered-by`, `organisation` ...), sorted. Read from the
/// grammar itself, so that no list of keywords is kept by hand.
pub fn keywords() -> &'static [&'static str] {
    static KEYWORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    KEYWORDS.get_or_init(|| {
        let language = language();
        let mut keywords: Vec<&'static str> = (0..language.node_kind_count())
            .filter_map(|id| u16::try_from(id).ok())
            .filter(|&id| !language.node_kind_is_named(id) && language.node_kind_is_visible(id))
            .filter_map(|id| language.node_kind_for_id(id))
            .filter(|kind| kind.starts_with(|c: char| c.is_ascii_lowercase()))
            .filter(|kind| kind.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
            .collect();
        keywords.sort_unstable();
        keywords.dedup();
        keywords
    })
}

/// Whether `word` is a keyword of the language.
pub fn is_keyword(word: &str) -> bool {
    keywords().binary_search(&word).is_ok()
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
pub fn reparse(text: &str, old: &SyntaxTree, edits: &[InputEdit]) -> SyntaxTree {
    let mut edited = old.tree.clone();
    for edit in edits {
        edited.edit(edit);
    }
    let tree = run_parser(text, Some(&edited));
    if tree.root_node().has_error() || !old.errors().is_empty() {
        return built(tree, text);
    }
    let old_declarations = old.lowered.declarations();
    let (pending, fresh, too_deep) = match TextChange::of_edits(edits) {
        Some(change) => {
            let changed = edited.changed_ranges(&tree);
            lower::lower_around(&tree, text, &old_declarations, change, changed)
        }
        None => (
            old_declarations.into_iter().map(|(d, delta)| (Arc::clone(d), delta)).collect(),
            Vec::new(),
            Vec::new(),
        ),
    };
    // The old text had no error, so only the declarations lowered afresh
    // can be incomplete or nested too deep.
    let mut errors = errors::incomplete(fresh.iter().map(|d| &**d));
    errors.extend(too_deep);
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    SyntaxTree { tree, lowered: Arc::new(Lowered::with_pending(errors, pending)) }
}

fn parse_with(text: &str, old: Option<&Tree>) -> SyntaxTree {
    built(run_parser(text, old), text)
}

/// A tree lowered whole, with its errors.
fn built(tree: Tree, text: &str) -> SyntaxTree {
    let (ast, too_deep) = lower::lower(&tree, text);
    let errors = errors::collect(&tree, text, ast.declarations.iter().map(|d| &**d), too_deep);
    SyntaxTree { tree, lowered: Arc::new(Lowered::built(errors, ast)) }
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
