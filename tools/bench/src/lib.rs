//! What the benchmarks share: the generated inputs, the places in them
//! where an edit, a hover or a completion happens, and the statistics.
//!
//! `benches/core.rs` measures the core (parse, analysis, incremental
//! re-parse, hover, completion) with divan; `src/bin/lsp-bench.rs` drives the
//! real `ims lsp` over JSON-RPC. docs/performance.md has the figures.

use std::sync::Arc;
use std::time::Duration;

use ims_syntax::{InputEdit, Point, SyntaxTree};

/// The sizes every benchmark runs at, in lines.
pub const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// The generated single-file IMS of about `lines` lines (seed 1).
pub fn text(lines: usize) -> String {
    imsgen::generate_single(lines, 1)
}

/// A byte offset inside a description string at about the middle of the
/// text: a character typed there keeps the file valid.
pub fn middle_edit_offset(text: &str) -> usize {
    let needle = "description \"";
    let at = text[text.len() / 2..].find(needle).expect("a description after the middle");
    text.len() / 2 + at + needle.len() + 4
}

/// A byte offset inside the name after an `owner` after the middle of the
/// text: a character typed there makes the name undefined, so the analysis
/// has to run again (a description edit leaves it as it was).
pub fn middle_name_offset(text: &str) -> usize {
    let needle = "owner ";
    let at = text[text.len() / 2..].find(needle).expect("an owner after the middle");
    text.len() / 2 + at + needle.len() + 2
}

/// A byte offset inside a clause reference (`20000-1:8.…`) after the middle.
pub fn middle_clause_reference(text: &str) -> usize {
    let needle = "covers 20000-1:8.";
    let at = text[text.len() / 2..].find(needle).expect("a covers list after the middle");
    text.len() / 2 + at + needle.len() - 1
}

/// A byte offset right after `27001:A.` in a `covers` list after the middle,
/// where completion offers Annex A controls.
pub fn middle_completion_offset(text: &str) -> usize {
    let needle = ", 27001:A.";
    let at = text[text.len() / 2..].find(needle).expect("a control after the middle");
    text.len() / 2 + at + needle.len()
}

/// The LSP position (line, character) of a byte offset in ASCII text.
pub fn line_character(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let column = offset - before.rfind('\n').map_or(0, |i| i + 1);
    (line, column)
}

/// Types `x` at `offset` of `text` (parsed as `syntax`) and re-parses
/// incrementally, as the server does on `didChange`: `Tree::edit`, then
/// `ims_syntax::reparse` reusing the old tree, then the lowering.
pub fn type_x(text: &str, syntax: &SyntaxTree, offset: usize) -> (Arc<str>, SyntaxTree) {
    let mut edited = String::with_capacity(text.len() + 1);
    edited.push_str(&text[..offset]);
    edited.push('x');
    edited.push_str(&text[offset..]);
    let (row, column) = line_character(text, offset);
    let edit = InputEdit {
        start_byte: offset,
        old_end_byte: offset,
        new_end_byte: offset + 1,
        start_position: Point { row, column },
        old_end_position: Point { row, column },
        new_end_position: Point { row, column: column + 1 },
    };
    // The server's document holds its text as an `Arc<str>` too.
    let edited: Arc<str> = edited.into();
    let reparsed = ims_syntax::reparse(&edited, syntax, &[edit]);
    (edited, reparsed)
}

/// Median, 99th percentile and extremes of a set of timings.
#[derive(Clone, Copy, Debug)]
pub struct Summary {
    pub count: usize,
    pub median: Duration,
    pub p99: Duration,
    pub min: Duration,
    pub max: Duration,
}

impl Summary {
    /// Summarises `samples` (not empty). The p99 is the nearest-rank
    /// percentile: with fewer than 100 samples it is the maximum.
    pub fn of(samples: &[Duration]) -> Summary {
        assert!(!samples.is_empty(), "no samples");
        let mut sorted = samples.to_vec();
        sorted.sort_unstable();
        let rank = |p: f64| {
            let index = (p * sorted.len() as f64).ceil() as usize;
            sorted[index.clamp(1, sorted.len()) - 1]
        };
        Summary {
            count: sorted.len(),
            median: rank(0.5),
            p99: rank(0.99),
            min: sorted[0],
            max: sorted[sorted.len() - 1],
        }
    }
}

/// Milliseconds with two decimals.
pub fn ms(duration: Duration) -> String {
    format!("{:.2}", duration.as_secs_f64() * 1e3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_places_lie_where_their_names_say() {
        let text = text(1_000);
        let edit = middle_edit_offset(&text);
        let line = text[..edit].rsplit('\n').next().unwrap();
        assert!(line.contains("description \""), "{line}");
        let name = middle_name_offset(&text);
        assert!(text[..name - 2].ends_with("owner "), "{}", &text[name - 20..name]);
        let reference = middle_clause_reference(&text);
        assert!(text[..=reference].ends_with("covers 20000-1:8."), "{}", &text[reference - 20..]);
        let completion = middle_completion_offset(&text);
        assert!(text[..completion].ends_with("27001:A."));
        assert_eq!(line_character("ab\ncd", 4), (1, 1));
        let syntax = ims_syntax::parse(&text);
        let (edited, reparsed) = type_x(&text, &syntax, edit);
        assert_eq!(edited.len(), text.len() + 1);
        assert!(reparsed.errors().is_empty());
        assert_eq!(reparsed.to_sexp(), ims_syntax::parse(&edited).to_sexp());
    }

    /// The premises of the two keystroke benchmarks: the analysis is reused
    /// after typing in the description, and runs again after typing in the
    /// name.
    #[test]
    fn a_description_edit_reuses_the_analysis_and_a_name_edit_does_not() {
        use std::sync::Arc;

        use ims_analysis::{analyze, reanalyze, Config, Reuse, SourceFile, Workspace};

        let text = text(1_000);
        let source = SourceFile::new("ims.ims", text.as_str());
        let workspace = |source| {
            Workspace::new(vec![source], ims_analysis::project::builtin(), Config::default())
        };
        let before = workspace(source.clone());
        let analysis = Arc::new(analyze(&before));
        for (offset, expected) in
            [(middle_edit_offset(&text), Reuse::Moved), (middle_name_offset(&text), Reuse::Fresh)]
        {
            let (edited, reparsed) = type_x(&text, &ims_syntax::parse(&text), offset);
            let lowered = Arc::clone(reparsed.lowered());
            let after = workspace(SourceFile::with_syntax("ims.ims", edited, lowered));
            let reanalysis = reanalyze(&before, Arc::clone(&analysis), &after);
            assert_eq!(reanalysis.reuse, expected);
        }
    }

    #[test]
    fn summaries_use_nearest_rank_percentiles() {
        let samples: Vec<Duration> = (1..=200).map(Duration::from_millis).collect();
        let summary = Summary::of(&samples);
        assert_eq!(summary.median, Duration::from_millis(100));
        assert_eq!(summary.p99, Duration::from_millis(198));
        assert_eq!((summary.min, summary.max), (Duration::from_millis(1), samples[199]));
        let few = Summary::of(&[Duration::from_millis(3), Duration::from_millis(1)]);
        assert_eq!((few.median, few.p99), (Duration::from_millis(1), Duration::from_millis(3)));
    }
}
