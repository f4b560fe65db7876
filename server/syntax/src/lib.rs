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
        (0..self.declaration_count()).map(|i| self.declaration(i)).collect()
    }

    /// How many top-level declarations there are.
    pub fn declaration_count(&self) -> usize {
        match self.ast.get() {
            Some(ast) => ast.declarations.len(),
            None => self.pending.len(),
        }
    }

    /// The `i`th declaration, with the bytes it has yet to be moved by.
    fn declaration(&self, i: usize) -> (&Arc<ast::Declaration>, isize) {
        match self.ast.get() {
            Some(ast) => (&ast.declarations[i], 0),
            None => (&self.pending[i].0, self.pending[i].1),
        }
    }

    /// How many declarations start at or before `offset`.
    fn declarations_starting_by(&self, offset: usize) -> usize {
        let (mut low, mut high) = (0, self.declaration_count());
        while low < high {
            let middle = low + (high - low) / 2;
            let (declaration, delta) = self.declaration(middle);
            if declaration.range.shifted(delta).start <= offset {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

/// A parsed `.ims` text with its concrete tree: what the formatter, the
/// editor's highlighting and folding, and incremental re-parsing need.
#[derive(Clone)]
pub struct SyntaxTree {
    tree: OnceLock<Tree>,
    /// After a re-parse of the edited declarations alone ([`reparse`]): how
    /// to parse the whole tree when something first asks for it.
    deferred: Option<Arc<Deferred>>,
    lowered: Arc<Lowered>,
}

/// How many edits a deferred tree keeps before it lets its base tree go:
/// an editor that never asks for the tree (no formatting, highlighting or
/// folding) would otherwise keep an old tree alive, and a list of edits
/// growing with every keystroke, for the whole session. Past it the tree,
/// if ever asked for, is parsed from scratch.
const MAX_DEFERRED_EDITS: usize = 512;

/// A concrete tree not parsed yet: the last tree that was, the edits since
/// (in order, each in the coordinates the previous ones left) and the text
/// they lead to. Later re-parses that also do without the tree add their
/// edits to the same base, so no chain of versions is kept alive.
struct Deferred {
    /// `None` when no tree was ever parsed ([`parse_deferred`]).
    base: Option<Tree>,
    edits: Vec<InputEdit>,
    text: Arc<str>,
}

impl std::fmt::Debug for SyntaxTree {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyntaxTree").field("errors", &self.lowered.errors).finish_non_exhaustive()
    }
}

impl SyntaxTree {
    fn parsed(tree: Tree, lowered: Lowered) -> SyntaxTree {
        SyntaxTree { tree: OnceLock::from(tree), deferred: None, lowered: Arc::new(lowered) }
    }

    /// The tree-sitter tree, parsed on first use after a re-parse that did
    /// without it: an incremental re-parse of the whole text from the last
    /// tree parsed.
    pub fn tree(&self) -> &Tree {
        self.tree.get_or_init(|| {
            let deferred = self.deferred.as_ref().expect("a tree not parsed yet is deferred");
            run_parser(&deferred.text, deferred.edited().as_ref())
        })
    }

    /// The last tree parsed and the edits since, which lead to this text;
    /// no tree (a parse from scratch) once more than [`MAX_DEFERRED_EDITS`]
    /// edits have piled up.
    fn base_and_edits(&self, more: &[InputEdit]) -> (Option<Tree>, Vec<InputEdit>) {
        match (self.tree.get(), &self.deferred) {
            (Some(tree), _) => (Some(tree.clone()), more.to_vec()),
            (None, Some(deferred))
                if deferred.base.is_some()
                    && deferred.edits.len() + more.len() <= MAX_DEFERRED_EDITS =>
            {
                (deferred.base.clone(), deferred.edits.iter().chain(more).copied().collect())
            }
            // Without a base, a parse from scratch: the edits are not needed.
            (None, Some(_)) => (None, Vec::new()),
            (None, None) => unreachable!("a syntax tree has a tree or a deferred one"),
        }
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
        self.tree().root_node().to_sexp()
    }
}

impl Deferred {
    /// The base tree with the edits applied, ready for tree-sitter to re-parse.
    fn edited(&self) -> Option<Tree> {
        edited(self.base.as_ref(), &self.edits)
    }
}

/// `base` (a copy) with `edits` applied, for an incremental re-parse; `None`
/// without a base.
fn edited(base: Option<&Tree>, edits: &[InputEdit]) -> Option<Tree> {
    let mut edited = base?.clone();
    for edit in edits {
        edited.edit(edit);
    }
    Some(edited)
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

/// [`parse`] for a text whose tree may not be needed soon, as a document the
/// language server opens or reads from disk: the syntax errors and the AST
/// at once, in parts on all cores when the text has no syntax error (see
/// [`parse_lowered`]), and the tree when first asked for.
pub fn parse_deferred(text: &Arc<str>) -> SyntaxTree {
    match lowered::parse_in_parts(text, lowered::DEFERRED_MIN_PART_LEN) {
        Some(ast) => SyntaxTree {
            tree: OnceLock::new(),
            deferred: Some(Arc::new(Deferred {
                base: None,
                edits: Vec::new(),
                text: Arc::clone(text),
            })),
            lowered: Arc::new(Lowered::built(Vec::new(), ast)),
        },
        None => parse(text),
    }
}

/// Re-parses `text`, which is `old`'s text after `edits` (in order, each in
/// the coordinates the previous ones left), reusing what the edits did not
/// touch. The result is the same as `parse(text)` whenever it has no syntax
/// errors; with syntax errors, tree-sitter's recovery may build a different
/// tree than a fresh parse would, which is why the language server parses
/// such a text afresh.
///
/// When the edits lie within consecutive top-level declarations (a
/// keystroke nearly always does), only those declarations' new text is
/// parsed and lowered, and the concrete tree of the whole text is parsed
/// when something first asks for it ([`SyntaxTree::tree`]): the errors and
/// the AST, which are all the diagnostics need, then cost what the edit
/// touched, not what the file holds. Otherwise tree-sitter re-parses the
/// whole tree incrementally, and only the declarations around the edits and
/// what it reports as changed are lowered again.
pub fn reparse(text: &Arc<str>, old: &SyntaxTree, edits: &[InputEdit]) -> SyntaxTree {
    if let Some(reparsed) = reparse_declarations(text, old, edits) {
        return reparsed;
    }
    let (base, all_edits) = old.base_and_edits(edits);
    let edited = edited(base.as_ref(), &all_edits);
    let tree = run_parser(text, edited.as_ref());
    // Tree-sitter's changed ranges compare the new tree with the last tree
    // parsed; when that is older than `old`, they are not what changed since
    // `old`, and the whole tree is lowered.
    let Some(edited) = edited.filter(|_| old.tree.get().is_some()) else {
        return built(tree, text);
    };
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
    SyntaxTree::parsed(tree, Lowered::with_pending(errors, pending))
}

/// [`reparse`] of the edited declarations alone, or `None` when that does
/// not give what a parse of the whole text would.
///
/// The region parsed runs from the start of the last declaration that
/// starts at or before the first edited byte (or the start of the text) to
/// the start of the first declaration that starts after the last edited
/// byte of the old text (or the end of the text); the text outside it is
/// unchanged. The old text had no syntax error, so what lies before the
/// region and what lies after it are sequences of whole declarations; when
/// the region, parsed on its own, is one too (no syntax error, nothing
/// incomplete or nested too deep), the declarations of the whole text are
/// those before it, the region's and those after it: the argument of
/// [`parse_lowered`]'s parts (a declaration keyword only ever starts a
/// declaration), and the same tests, with the edits of the fuzz target
/// `incremental_edits` and of the language server's property test.
fn reparse_declarations(
    text: &Arc<str>,
    old: &SyntaxTree,
    edits: &[InputEdit],
) -> Option<SyntaxTree> {
    let change = TextChange::of_edits(edits)?;
    let lowered = &old.lowered;
    if !lowered.errors().is_empty() {
        return None;
    }
    // Declarations before the region, and the first one after it.
    let before = lowered.declarations_starting_by(change.start).checked_sub(1);
    let after = lowered.declarations_starting_by(change.old_end);
    let start = before.map_or(0, |i| {
        let (declaration, delta) = lowered.declaration(i);
        declaration.range.shifted(delta).start
    });
    let old_end = if after < lowered.declaration_count() {
        let (declaration, delta) = lowered.declaration(after);
        declaration.range.shifted(delta).start
    } else {
        text.len().checked_add_signed(-change.delta())?
    };
    let end = old_end.checked_add_signed(change.delta())?;
    let fresh = lowered::parse_declarations(text, start..end)?;
    let kept = before.unwrap_or(0);
    let mut pending = Vec::with_capacity(kept + fresh.len() + lowered.declaration_count() - after);
    pending.extend((0..kept).map(|i| {
        let (declaration, delta) = lowered.declaration(i);
        (Arc::clone(declaration), delta)
    }));
    pending.extend(fresh.into_iter().map(|declaration| (declaration, 0)));
    pending.extend((after..lowered.declaration_count()).map(|i| {
        let (declaration, delta) = lowered.declaration(i);
        (Arc::clone(declaration), delta + change.delta())
    }));
    let (base, edits) = old.base_and_edits(edits);
    Some(SyntaxTree {
        tree: OnceLock::new(),
        deferred: Some(Arc::new(Deferred { base, edits, text: Arc::clone(text) })),
        lowered: Arc::new(Lowered::with_pending(Vec::new(), pending)),
    })
}

fn parse_with(text: &str, old: Option<&Tree>) -> SyntaxTree {
    built(run_parser(text, old), text)
}

/// A tree lowered whole, with its errors.
fn built(tree: Tree, text: &str) -> SyntaxTree {
    let (ast, too_deep) = lower::lower(&tree, text);
    let errors = errors::collect(&tree, text, ast.declarations.iter().map(|d| &**d), too_deep);
    SyntaxTree::parsed(tree, Lowered::built(errors, ast))
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
