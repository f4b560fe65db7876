//! Runs the tree-sitter corpus (`test/corpus/*.txt`) against the compiled
//! grammar, so that `cargo test` catches a grammar change that breaks it
//! without the tree-sitter CLI.
//!
//! Besides comparing trees, the corpus is held to two rules: every case in
//! `recovery.txt` must contain a syntax error (it shows how the parser
//! recovers, and the rest of the file must still parse usefully), and every
//! case anywhere else must contain none, unless marked `:error`.
//!
//! `UPDATE_EXPECT=1 cargo test -p tree-sitter-ims --test corpus` rewrites the
//! expected trees from the parser, error-recovery cases included (which
//! `tree-sitter test --update` refuses to touch). Read the diff before
//! committing it: a recovery tree is only worth keeping if it is useful.

mod corpus_format;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;

use corpus_format::{read_corpus, render_corpus_file, strip_fields, Case, CorpusFile};
use tree_sitter::{format_sexp, Parser, Tree};

/// The corpus must not shrink by accident.
const MIN_CASES: usize = 60;
/// Error recovery matters as much as the happy path: the server re-parses
/// half-typed text on every keystroke.
const MIN_RECOVERY_CASES: usize = 18;
const RECOVERY_FILE: &str = "recovery";

fn parse(input: &str) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(&tree_sitter_ims::LANGUAGE.into()).expect("the IMS grammar loads");
    parser.parse(input, None).expect("parsing without a timeout always returns a tree")
}

/// The tree of `case` in the form its expected tree is written in.
fn actual_sexp(case: &Case, tree: &Tree) -> String {
    let sexp = tree.root_node().to_sexp();
    if case.has_fields() {
        sexp
    } else {
        strip_fields(&sexp)
    }
}

#[test]
fn corpus_has_enough_cases() {
    let files = read_corpus();
    let total: usize = files.iter().map(|f| f.cases.len()).sum();
    let recovery: usize =
        files.iter().filter(|f| f.stem() == RECOVERY_FILE).map(|f| f.cases.len()).sum();
    assert!(
        total >= MIN_CASES,
        "the corpus has {total} cases, fewer than {MIN_CASES}: was a file lost or misread?"
    );
    assert!(
        recovery >= MIN_RECOVERY_CASES,
        "{RECOVERY_FILE}.txt has {recovery} cases, fewer than {MIN_RECOVERY_CASES}"
    );
}

#[test]
fn corpus_trees_match() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let mut ran = 0;
    for file in read_corpus() {
        let mut rewritten = Vec::new();
        for case in &file.cases {
            let expected_written = format_sexp(&case.normalized_expected(), 0);
            if case.skip {
                rewritten.push((case, expected_written));
                continue;
            }
            ran += 1;
            let tree = parse(&case.input);
            let has_error = tree.root_node().has_error();
            let must_have_error = case.expects_error || file.stem() == RECOVERY_FILE;
            if has_error != must_have_error {
                failures.push(error_rule_failure(&file, case, &tree, must_have_error));
            }
            if case.expects_error {
                // `:error` cases pin only that there is an error, not the tree.
                rewritten.push((case, expected_written));
                continue;
            }
            let actual = actual_sexp(case, &tree);
            let expected = case.normalized_expected();
            if actual != expected && !update {
                failures.push(format!(
                    "{} / {}: the tree differs (- expected, + actual):\n{}",
                    file.path.display(),
                    case.name,
                    line_diff(&format_sexp(&expected, 0), &format_sexp(&actual, 0)),
                ));
            }
            // Trees are written with field names, as `tree-sitter parse` prints them.
            rewritten.push((case, format_sexp(&tree.root_node().to_sexp(), 0)));
        }
        if update {
            // Write and rename, so that the other tests, which read the
            // corpus in parallel, never see a half-written file.
            let temporary = file.path.with_extension("txt.new");
            fs::write(&temporary, render_corpus_file(&rewritten))
                .and_then(|()| fs::rename(&temporary, &file.path))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", file.path.display()));
        }
    }
    assert!(ran > 0, "no corpus case ran");
    assert!(
        failures.is_empty(),
        "{} corpus case(s) failed; if the new trees are right, run \
         `UPDATE_EXPECT=1 cargo test -p tree-sitter-ims --test corpus` and read the diff\n\n{}",
        failures.len(),
        failures.join("\n\n"),
    );
}

fn error_rule_failure(
    file: &CorpusFile,
    case: &Case,
    tree: &Tree,
    must_have_error: bool,
) -> String {
    let why = if must_have_error {
        if case.expects_error {
            "is marked `:error` but parses without a syntax error"
        } else {
            "is a recovery case but parses without a syntax error; move it to another file"
        }
    } else {
        "has a syntax error; recovery cases belong in recovery.txt"
    };
    format!(
        "{} / {}: {why}:\n{}",
        file.path.display(),
        case.name,
        format_sexp(&tree.root_node().to_sexp(), 1),
    )
}

/// A line diff (longest common subsequence) of two formatted trees.
fn line_diff(expected: &str, actual: &str) -> String {
    let old: Vec<&str> = expected.lines().collect();
    let new: Vec<&str> = actual.lines().collect();
    // lcs[i][j]: length of the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            lcs[i][j] = if old[i] == new[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            writeln!(out, "  {}", old[i]).unwrap();
            i += 1;
            j += 1;
        } else if j < new.len() && (i == old.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            writeln!(out, "+ {}", new[j]).unwrap();
            j += 1;
        } else {
            writeln!(out, "- {}", old[i]).unwrap();
            i += 1;
        }
    }
    out
}

#[test]
fn valid_corpus_uses_every_node_kind() {
    // Every construct of the grammar appears in at least one error-free case:
    // every named node and every keyword and punctuation token.
    let language: tree_sitter::Language = tree_sitter_ims::LANGUAGE.into();
    let all: BTreeSet<&str> = (0..language.node_kind_count())
        .filter_map(|id| u16::try_from(id).ok())
        .filter(|&id| language.node_kind_is_visible(id) && !language.node_kind_is_supertype(id))
        .filter_map(|id| language.node_kind_for_id(id))
        .filter(|kind| *kind != "end")
        .collect();
    let mut used = BTreeSet::new();
    for file in read_corpus() {
        for case in file.cases.iter().filter(|case| !case.skip) {
            let tree = parse(&case.input);
            if !tree.root_node().has_error() {
                collect_kinds(tree.root_node(), &mut used);
            }
        }
    }
    let unused: Vec<&&str> = all.iter().filter(|kind| !used.contains(**kind)).collect();
    assert!(unused.is_empty(), "no error-free corpus case uses {unused:?}");
}

fn collect_kinds(node: tree_sitter::Node, out: &mut BTreeSet<&'static str>) {
    out.insert(node.kind());
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        collect_kinds(child, out);
    }
}

#[test]
fn corpus_format_round_trips() {
    // Rewriting an up-to-date corpus must not change it, or an update would
    // churn files that did not change.
    for file in read_corpus() {
        let cases: Vec<(&Case, String)> = file
            .cases
            .iter()
            .map(|case| (case, format_sexp(&case.normalized_expected(), 0)))
            .collect();
        assert_eq!(
            render_corpus_file(&cases),
            file.text,
            "{} is not in the layout `tree-sitter test --update` writes",
            file.path.display()
        );
    }
}

#[test]
fn field_names_are_stripped_like_the_cli_does() {
    assert_eq!(
        strip_fields("(a name: (b) (c field_2: (MISSING \"}\")))"),
        "(a (b) (c (MISSING \"}\")))"
    );
    // Only a word between a space and `: (` is a field name.
    assert_eq!(strip_fields("x: (a) (b-c: (d))"), "x: (a) (b-c: (d))");
}

#[test]
fn corpus_files_are_split_into_cases() {
    let text = "\
==========
First
:error
==========
site a
---

(source_file)

==========
Second
==========
a
---
b
-----

; a comment
(x
  y: (z))
";
    let cases = corpus_format::parse_corpus_file(text).unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!((cases[0].name.as_str(), cases[0].input.as_str()), ("First", "site a"));
    assert!(cases[0].expects_error);
    assert_eq!(cases[1].input, "a\n---\nb");
    assert_eq!(cases[1].normalized_expected(), "(x y: (z))");
    assert!(cases[1].has_fields());
}
