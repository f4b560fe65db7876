//! Benchmarks of the core on generated single-file IMS of 1k, 10k and 100k
//! lines: `cargo bench -p ims-bench --bench core`.
//!
//! - `parse`: tree-sitter parse, syntax errors and lowering, from scratch;
//! - `parse_deferred`: the same without the tree, in parts on all cores, as
//!   the server opens a document;
//! - `analyze`: the whole analysis (model, rules, suppression) of a parsed file;
//! - `edit_reparse`: one character typed in the middle, re-parsed as the
//!   server does (`Tree::edit`, incremental re-parse, lowering);
//! - `edit_to_diagnostics`: the same edit, then the analysis from the
//!   previous version's (reused, moved): what a keystroke in a description
//!   costs the server before it serialises diagnostics;
//! - `edit_name_to_diagnostics`: a character typed in a name instead, after
//!   which the analysis runs again;
//! - `hover`, `completion`: at a clause reference in the middle of the file.

use std::sync::{Arc, OnceLock};

use divan::Bencher;
use ims_analysis::{analyze, reanalyze, Analysis, Config, FileId, SourceFile, Workspace};
use ims_bench::{
    middle_clause_reference, middle_completion_offset, middle_edit_offset, middle_name_offset,
    type_x, SIZES,
};
use ims_ide::FilePosition;

fn main() {
    divan::main();
}

/// The generated texts, made once per size.
fn text(lines: usize) -> &'static str {
    static TEXTS: OnceLock<Vec<(usize, String)>> = OnceLock::new();
    let texts = TEXTS.get_or_init(|| SIZES.iter().map(|&n| (n, ims_bench::text(n))).collect());
    &texts.iter().find(|(n, _)| *n == lines).expect("a benchmarked size").1
}

fn workspace(source: SourceFile) -> Workspace {
    Workspace::new(vec![source], ims_analysis::project::builtin(), Config::default())
}

fn analysed(lines: usize) -> (Workspace, Analysis) {
    let workspace = workspace(SourceFile::new("ims.ims", text(lines)));
    let analysis = analyze(&workspace);
    (workspace, analysis)
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn parse(bencher: Bencher, lines: usize) {
    let text = text(lines);
    bencher.bench(|| ims_syntax::parse(divan::black_box(text)));
}

/// What the language server does on `didOpen`: the errors and the AST, in
/// parts on all cores; the tree waits until a request needs it.
#[divan::bench(args = SIZES, sample_count = 30)]
fn parse_deferred(bencher: Bencher, lines: usize) {
    let text: Arc<str> = text(lines).into();
    bencher.bench(|| ims_syntax::parse_deferred(divan::black_box(&text)));
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn analyze_file(bencher: Bencher, lines: usize) {
    let (workspace, _) = analysed(lines);
    bencher.bench(|| analyze(divan::black_box(&workspace)));
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn edit_reparse(bencher: Bencher, lines: usize) {
    let text = text(lines);
    let syntax = ims_syntax::parse(text);
    let offset = middle_edit_offset(text);
    bencher.bench(|| type_x(text, &syntax, divan::black_box(offset)));
}

/// A keystroke as the server handles it: the re-parse, then the analysis
/// from the previous version's (`reanalyze`), which the server owns by then
/// (the copy handed in is made outside the timing).
fn keystroke(bencher: Bencher, lines: usize, offset: usize) {
    let text = text(lines);
    let (before, analysis) = analysed(lines);
    // The server keeps the concrete tree of a document beside the analysis.
    let syntax = ims_syntax::parse(text);
    bencher.with_inputs(|| Arc::new(analysis.clone())).bench_values(|analysis| {
        let (edited, reparsed) = type_x(text, &syntax, divan::black_box(offset));
        let lowered = Arc::clone(reparsed.lowered());
        let source = SourceFile::with_syntax("ims.ims", edited, lowered);
        reanalyze(&before, analysis, &workspace(source))
    });
}

/// A character typed in a description in the middle of the file: the
/// analysis is reused, moved.
#[divan::bench(args = SIZES, sample_count = 30)]
fn edit_to_diagnostics(bencher: Bencher, lines: usize) {
    keystroke(bencher, lines, middle_edit_offset(text(lines)));
}

/// A character typed in a name in the middle of the file: the name is now
/// undefined, and the analysis runs again.
#[divan::bench(args = SIZES, sample_count = 30)]
fn edit_name_to_diagnostics(bencher: Bencher, lines: usize) {
    keystroke(bencher, lines, middle_name_offset(text(lines)));
}

#[divan::bench(args = SIZES, sample_count = 100)]
fn hover(bencher: Bencher, lines: usize) {
    let (workspace, analysis) = analysed(lines);
    let position = FilePosition { file: FileId(0), offset: middle_clause_reference(text(lines)) };
    assert!(ims_ide::hover(&workspace, &analysis, position).is_some(), "a hover at the reference");
    bencher.bench(|| ims_ide::hover(&workspace, &analysis, divan::black_box(position)));
}

#[divan::bench(args = SIZES, sample_count = 100)]
fn completion(bencher: Bencher, lines: usize) {
    let (workspace, analysis) = analysed(lines);
    let position = FilePosition { file: FileId(0), offset: middle_completion_offset(text(lines)) };
    assert!(!ims_ide::completion(&workspace, &analysis, position).is_empty(), "controls offered");
    bencher.bench(|| ims_ide::completion(&workspace, &analysis, divan::black_box(position)));
}
