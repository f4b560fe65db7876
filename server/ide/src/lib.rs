//! The IDE features, as plain functions over a [`Workspace`](ims_analysis::Workspace)
//! and its [`Analysis`](ims_analysis::Analysis): hover, completion, navigation,
//! symbols, folding, semantic tokens, code lenses and code actions.
//!
//! **Boundary:** everything here speaks in byte offsets into a file's text
//! and in plain structs; the language server converts to and from LSP
//! positions and types. One feature per file, each with its tests at the
//! bottom; `cursor` holds what several features share (what is at an
//! offset), `fixture` the `$0`-marker test fixtures.
//!
//! **Invariant:** every function here answers from an immutable workspace
//! and analysis, never fails on broken input (it answers less), and costs
//! about one pass over the model or the file, not more.

mod code_actions;
mod code_lens;
mod completion;
mod cursor;
mod document_highlights;
mod document_symbols;
#[cfg(test)]
mod fixture;
mod folding_ranges;
mod goto_definition;
mod hover;
mod inlay_hints;
mod references;
mod rename;
mod semantic_tokens;
mod workspace_symbols;

pub use code_actions::{code_actions, CodeAction, CodeActionKind};
pub use code_lens::{code_lenses, CodeLens};
pub use completion::{completion, CompletionItem, CompletionKind};
pub use document_highlights::{document_highlights, Highlight};
pub use document_symbols::{document_symbols, DocumentSymbol, SymbolKind};
pub use folding_ranges::{folding_ranges, FoldingKind, FoldingRange};
pub use goto_definition::goto_definition;
pub use hover::{hover, HoverResult};
pub use inlay_hints::{inlay_hints, InlayHint};
pub use references::references;
pub use rename::{prepare_rename, rename};
pub use semantic_tokens::{semantic_tokens, SemanticToken, TokenKind};
pub use workspace_symbols::{workspace_symbols, WorkspaceSymbol};

use ims_analysis::FileId;

/// A place in a file: a byte offset into its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FilePosition {
    pub file: FileId,
    pub offset: usize,
}
