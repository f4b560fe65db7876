//! Random edit scripts through the incremental path compared with a full
//! parse of the final text.
//!
//! Input: the initial text, a NUL byte, then the edit script; each edit is
//! five bytes (flags, start as a 16-bit fraction of the text, deleted
//! length, inserted length) followed by the inserted bytes (lossy UTF-8).
//! Each edit is applied as the language server applies a `didChange`: to the
//! text and its line index (`LineIndex::apply`, checked against a fresh
//! index), described to tree-sitter with `Tree::edit`, and re-parsed with
//! `ims_syntax::reparse` reusing the old tree; edits flagged as batched are
//! re-parsed together, as one notification with several changes is.
//!
//! The server keeps an incremental tree only when it has no syntax error
//! (tree-sitter's error recovery may differ between an incremental and a
//! fresh parse, so a text with errors is parsed afresh). The property: an
//! incremental tree without errors is exactly the fresh tree with exactly
//! the fresh AST (declarations the edits did not touch are reused), and the
//! server's choice yields the same S-expression, syntax errors and
//! diagnostics as a fresh parse of the final text; so does the server's
//! re-analysis from the initial version's analysis (`reanalyze`).

#![no_main]

use std::sync::Arc;

use ims_analysis::{analyze, reanalyze, Config, SourceFile, Workspace};
use ims_syntax::{InputEdit, LineIndex, Point, SyntaxTree, TextChange};
use libfuzzer_sys::fuzz_target;

/// At most this many edits, to keep each run short.
const MAX_EDITS: usize = 64;

struct Edit {
    batched: bool,
    start: usize,
    end: usize,
    insert: String,
}

/// Decodes the next edit against `text`.
fn next_edit(script: &mut &[u8], text: &str) -> Option<Edit> {
    let [flags, lo, hi, deleted, inserted, ref rest @ ..] = **script else { return None };
    let take = (inserted as usize % 32).min(rest.len());
    let insert = String::from_utf8_lossy(&rest[..take]).into_owned();
    *script = &rest[take..];
    let fraction = u16::from_le_bytes([lo, hi]) as usize;
    let start = boundary(text, fraction * text.len() / 65_535);
    let end = boundary(text, start + deleted as usize % 64).max(start);
    Some(Edit { batched: flags & 1 == 1, start, end, insert })
}

/// The character boundary at or before `offset`.
fn boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The tree-sitter point (row, byte column) of `offset`: rows end at `\n`.
fn point(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    Point { row, column }
}

fn workspace(source: SourceFile) -> Workspace {
    Workspace::new(vec![source], ims_analysis::project::builtin(), Config::default())
}

/// Re-parses `text` from the edited tree of `syntax`, as the server does.
/// With `whole_tree`, the concrete tree is compared with a fresh one's too,
/// which parses it; without, a re-parse of the edited declarations alone
/// leaves it to be parsed later, from edits that then pile up.
fn reparse(text: &str, syntax: &SyntaxTree, edits: &[InputEdit], whole_tree: bool) -> SyntaxTree {
    let incremental = ims_syntax::reparse(&Arc::from(text), syntax, edits);
    if incremental.errors().is_empty() {
        let fresh = ims_syntax::parse(text);
        assert!(fresh.errors().is_empty(), "the incremental tree has no error, the fresh one has");
        if whole_tree {
            assert_eq!(incremental.to_sexp(), fresh.to_sexp(), "incremental and fresh trees differ");
        }
        // Declarations the edits did not touch are reused, not lowered again.
        assert_eq!(incremental.ast(), fresh.ast(), "incremental and fresh ASTs differ");
        incremental
    } else {
        ims_syntax::parse(text)
    }
}

fuzz_target!(|data: &[u8]| {
    let (initial, mut script) = match data.iter().position(|&b| b == 0) {
        Some(nul) => (&data[..nul], &data[nul + 1..]),
        None => (data, &[][..]),
    };
    let mut text = String::from_utf8_lossy(initial).into_owned();
    // The line index the server keeps in step with each edit.
    let mut lines = LineIndex::new(&text);
    let mut syntax = ims_syntax::parse(&text);
    let initial = workspace(SourceFile::with_syntax(
        "t.ims",
        Arc::from(text.as_str()),
        Arc::clone(syntax.lowered()),
    ));
    let mut pending: Vec<InputEdit> = Vec::new();
    for step in 0..MAX_EDITS {
        let Some(edit) = next_edit(&mut script, &text) else { break };
        if !edit.batched && !pending.is_empty() {
            syntax = reparse(&text, &syntax, &std::mem::take(&mut pending), step % 3 == 0);
        }
        let start_position = point(&text, edit.start);
        let old_end_position = point(&text, edit.end);
        text.replace_range(edit.start..edit.end, &edit.insert);
        let change = TextChange {
            start: edit.start,
            old_end: edit.end,
            new_end: edit.start + edit.insert.len(),
        };
        lines.apply(&text, change);
        pending.push(InputEdit {
            start_byte: edit.start,
            old_end_byte: edit.end,
            new_end_byte: edit.start + edit.insert.len(),
            start_position,
            old_end_position,
            new_end_position: point(&text, edit.start + edit.insert.len()),
        });
    }
    if !pending.is_empty() {
        syntax = reparse(&text, &syntax, &pending, false);
    }

    assert_eq!(lines, LineIndex::new(&text), "the updated line index differs");
    let fresh = ims_syntax::parse(&text);
    assert_eq!(syntax.to_sexp(), fresh.to_sexp());
    assert_eq!(syntax.errors(), fresh.errors());
    let text: Arc<str> = text.into();
    let edited = workspace(SourceFile::with_syntax(
        "t.ims",
        Arc::clone(&text),
        Arc::clone(syntax.lowered()),
    ));
    let incremental = analyze(&edited).diagnostics;
    assert_eq!(incremental, analyze(&workspace(SourceFile::new("t.ims", text))).diagnostics);
    // The server re-analyses from the initial version's analysis, which it
    // reuses, moved, when the edits cannot change it: the same diagnostics.
    let reanalysed = reanalyze(&initial, Arc::new(analyze(&initial)), &edited).analysis;
    assert_eq!(reanalysed.diagnostics, incremental);
});
