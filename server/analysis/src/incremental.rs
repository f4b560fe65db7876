//! Re-analysis after an edit: the previous analysis, moved, when the edit
//! cannot change it; a fresh analysis otherwise.
//!
//! Most keystrokes in an IMS file fall inside a `description`, a comment or
//! the blanks between tokens: the declarations, names and clause references
//! stay what they were, only their byte offsets move. [`reanalyze`] proves
//! that from the two versions, then moves every location of the previous
//! analysis past the change instead of analysing the workspace again, which
//! makes such a keystroke cost work proportional to the change (plus a pass
//! over the locations) rather than a whole analysis (docs/performance.md).
//!
//! What "cannot change it" means, exactly:
//! - the catalog, the configuration, the date (`Workspace::today`, which
//!   `planned-overdue` reads) and the file list are the same, and one
//!   file's text differs, in one contiguous change (common prefix and
//!   suffix of the two texts);
//! - neither version of that file has a syntax error (syntax errors are
//!   worded from parser states, and tree-sitter's recovery may differ);
//! - every declaration outside the change lies where the change moves it
//!   (the text of such a declaration is unchanged, so its lowering is
//!   unchanged: the same assumption, and the same tests, as the
//!   incremental lowering of `ims_syntax::reparse`);
//! - every declaration the change touches equals the previous one with its
//!   ranges moved, except for the strings of attribute statements
//!   (`description "..."` and the like), which no rule reads;
//! - `ims-allow` suppressions see the same lines: in a file with one, the
//!   change adds or removes no line break and no `/`, and leaves the kind
//!   of its line (blank, comment, code) and its `ims-allow`s alone;
//! - every location of the previous analysis moves unambiguously (an empty
//!   range exactly where text was inserted, or a range starting inside
//!   removed text, makes the analysis run afresh).
//!
//! The property test below and the `incremental_edits` fuzz target compare
//! the result with a fresh analysis of the new version.

use std::sync::Arc;

use ims_syntax::ast::{Declaration, Statement};
use ims_syntax::{RangesMut, TextChange};

use crate::locations::LocationsMut;
use crate::{analyze, Analysis, FileId, Workspace};

/// How [`reanalyze`] produced its analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reuse {
    /// Nothing that the analysis reads changed: the previous analysis as is.
    Unchanged,
    /// The previous analysis with its locations moved past the change.
    Moved,
    /// A fresh analysis.
    Fresh,
}

/// What [`reanalyze`] returns.
#[derive(Debug)]
pub struct Reanalysis {
    /// The analysis of the new workspace: always what [`analyze`] returns.
    pub analysis: Arc<Analysis>,
    pub reuse: Reuse,
    /// The previous analysis when it was not reused, so that the caller can
    /// free it where it does not delay anybody (it is as large as the
    /// analysis itself).
    pub unused: Option<Arc<Analysis>>,
}

/// The analysis of `workspace`, given the `analysis` of `previous`, an
/// earlier version of it. Reuses `analysis` when the differences cannot
/// change it (see the module documentation). Moving is done in place when
/// `analysis` is not shared, on a copy otherwise.
pub fn reanalyze(
    previous: &Workspace,
    analysis: Arc<Analysis>,
    workspace: &Workspace,
) -> Reanalysis {
    let fresh = |unused: Arc<Analysis>| Reanalysis {
        analysis: Arc::new(analyze(workspace)),
        reuse: Reuse::Fresh,
        unused: Some(unused),
    };
    match plan(previous, workspace) {
        Plan::Unchanged => Reanalysis { analysis, reuse: Reuse::Unchanged, unused: None },
        Plan::Move(file, change) => {
            let mut moved = Arc::unwrap_or_clone(analysis);
            let mut clear = true;
            moved.locations_mut(&mut |location| {
                if location.file == file {
                    match change.map_range(location.range) {
                        Some(range) => location.range = range,
                        None => clear = false,
                    }
                }
            });
            if clear {
                Reanalysis { analysis: Arc::new(moved), reuse: Reuse::Moved, unused: None }
            } else {
                fresh(Arc::new(moved))
            }
        }
        Plan::Analyze => fresh(analysis),
    }
}

enum Plan {
    Unchanged,
    Move(FileId, TextChange),
    Analyze,
}

fn plan(previous: &Workspace, workspace: &Workspace) -> Plan {
    if !Arc::ptr_eq(&previous.catalog, &workspace.catalog)
        || previous.config != workspace.config
        || previous.today != workspace.today
        || previous.files.len() != workspace.files.len()
    {
        return Plan::Analyze;
    }
    let mut changed = None;
    for (id, (old, new)) in workspace.file_ids().zip(previous.files.iter().zip(&workspace.files)) {
        if old.path != new.path {
            return Plan::Analyze;
        }
        if Arc::ptr_eq(&old.syntax, &new.syntax) {
            continue;
        }
        if let Some(change) = TextChange::between(&old.text, &new.text) {
            if changed.replace((id, change)).is_some() {
                return Plan::Analyze;
            }
        }
    }
    let Some((id, change)) = changed else { return Plan::Unchanged };
    let (old, new) = (previous.file(id), workspace.file(id));
    if !old.syntax.errors().is_empty() || !new.syntax.errors().is_empty() {
        return Plan::Analyze;
    }
    if !suppressions_unaffected(&old.text, &new.text, change)
        || !declarations_moved(&old.syntax.declarations(), &new.syntax.declarations(), change)
    {
        return Plan::Analyze;
    }
    Plan::Move(id, change)
}

/// Whether every declaration lies where `change` moves it, and those it
/// touches are the same but for attribute strings. Declarations come with
/// the bytes they have yet to be moved by (`Lowered::declarations`):
/// only those the change touches are moved here, to be compared.
fn declarations_moved(
    old: &[(&Arc<Declaration>, isize)],
    new: &[(&Arc<Declaration>, isize)],
    change: TextChange,
) -> bool {
    old.len() == new.len()
        && old.iter().zip(new).all(|(&(old, old_delta), &(new, new_delta))| {
            let old_range = old.range.shifted(old_delta);
            let untouched = old_range.end <= change.start || old_range.start >= change.old_end;
            if untouched {
                change.map_range(old_range) == Some(new.range.shifted(new_delta))
            } else {
                same_but_attributes(old, old_delta, new, new_delta, change)
            }
        })
}

/// Whether `old` (yet to be moved by `old_delta`), moved past `change`, is
/// `new` (yet to be moved by `new_delta`) but for attribute strings.
fn same_but_attributes(
    old: &Declaration,
    old_delta: isize,
    new: &Declaration,
    new_delta: isize,
    change: TextChange,
) -> bool {
    let mut moved = old.clone();
    let mut clear = true;
    moved.ranges_mut(&mut |range| match change.map_range(range.shifted(old_delta)) {
        Some(mapped) => *range = mapped,
        None => clear = false,
    });
    if !clear {
        return false;
    }
    let mut new = new.clone();
    new.shift(new_delta);
    forget_attribute_values(&mut moved.statements);
    forget_attribute_values(&mut new.statements);
    moved == new
}

/// Empties the strings of attribute statements (`description`, `address`,
/// `target`, `measure` ...): the analysis never reads them, only the hover,
/// the report and the formatter, which read the current syntax. The date of
/// `status planned "..."` is kept: `planned-overdue` reads it.
fn forget_attribute_values(statements: &mut [Statement]) {
    for statement in statements {
        if let Some(value) = statement
            .value
            .as_mut()
            .filter(|_| statement.kind != ims_syntax::ast::StatementKind::Status)
        {
            value.value.clear();
        }
        forget_attribute_values(&mut statement.children);
    }
}

/// Whether the `ims-allow` comments of a file, and the lines they apply
/// to, are the same after `change` (see `suppress.rs`: a suppression
/// applies by line, to its own line or the next one that is neither blank
/// nor a comment).
fn suppressions_unaffected(old: &str, new: &str, change: TextChange) -> bool {
    const ALLOW: &str = "ims-allow";
    if !old.contains(ALLOW) && !new.contains(ALLOW) {
        return true;
    }
    let removed = &old.as_bytes()[change.start..change.old_end];
    let inserted = &new.as_bytes()[change.start..change.new_end];
    if removed.iter().chain(inserted).any(|b| matches!(b, b'\n' | b'\r' | b'/')) {
        return false;
    }
    let (old_line, new_line) = (
        line_around(old, change.start, change.old_end),
        line_around(new, change.start, change.new_end),
    );
    let kind = |line: &str| {
        let trimmed = line.trim();
        (trimmed.is_empty(), trimmed.starts_with("//"))
    };
    !old_line.contains(ALLOW) && !new_line.contains(ALLOW) && kind(old_line) == kind(new_line)
}

/// The whole line holding bytes `start..end` (which hold no line break).
fn line_around(text: &str, start: usize, end: usize) -> &str {
    let bytes = text.as_bytes();
    let from = bytes[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let to = bytes[end..].iter().position(|&b| b == b'\n').map_or(text.len(), |i| end + i);
    &text[from..to]
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use ims_syntax::{InputEdit, Point};
    use proptest::prelude::*;

    use super::*;
    use crate::{Config, SourceFile};

    const HARBOUR: &str = include_str!("../../../examples/harbour/harbour.ims");

    /// Harbour with an `ims-allow` that suppresses one of its findings.
    fn with_suppression() -> String {
        let at = HARBOUR.find("\nunit academy").expect("Harbour has the academy unit") + 1;
        let mut text = HARBOUR.to_string();
        text.insert_str(at, "// ims-allow(scope-gap): the academy is run apart on purpose\n");
        text
    }

    fn workspace(files: Vec<SourceFile>) -> Workspace {
        Workspace::new(files, crate::project::builtin(), Config::default())
    }

    fn point(text: &str, offset: usize) -> Point {
        let before = &text.as_bytes()[..offset];
        let row = before.iter().filter(|&&b| b == b'\n').count();
        Point {
            row,
            column: offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1),
        }
    }

    /// `file` with `start..end` replaced by `insert`, re-parsed as the
    /// language server does: incrementally, afresh when there are errors.
    fn edited(file: &SourceFile, start: usize, end: usize, insert: &str) -> SourceFile {
        let mut text = file.text.to_string();
        text.replace_range(start..end, insert);
        let edit = InputEdit {
            start_byte: start,
            old_end_byte: end,
            new_end_byte: start + insert.len(),
            start_position: point(&file.text, start),
            old_end_position: point(&file.text, end),
            new_end_position: point(&text, start + insert.len()),
        };
        // The analysis holds no tree: the old text's tree is parsed again
        // here, for the incremental re-parse the server would make.
        let old_tree = ims_syntax::parse(&file.text);
        let reparsed = ims_syntax::reparse(&Arc::from(text.as_str()), &old_tree, &[edit]);
        if reparsed.errors().is_empty() {
            SourceFile::with_syntax(file.path.clone(), text.into(), Arc::clone(reparsed.lowered()))
        } else {
            SourceFile::new(file.path.clone(), text)
        }
    }

    /// Everything an analysis holds, with hash maps sorted.
    fn comparable(analysis: &Analysis) -> String {
        let model = &analysis.model;
        let sorted = |map: Vec<(String, String)>| map.into_iter().collect::<BTreeMap<_, _>>();
        let names = sorted(model.names.iter().map(|(k, v)| (k.clone(), v.to_string())).collect());
        let scopes =
            sorted(model.scopes.iter().map(|(k, v)| (k.to_string(), format!("{v:?}"))).collect());
        let coverage =
            sorted(model.coverage.iter().map(|(k, v)| (k.to_string(), format!("{v:?}"))).collect());
        let mut by_declaration: Vec<_> = model.by_declaration.iter().collect();
        by_declaration.sort();
        format!(
            "{:#?}\n{:?}\n{:?}\n{:?}\n{:?}\n{names:?}\n{scopes:?}\n{coverage:?}\n{by_declaration:?}\n{}",
            analysis.diagnostics,
            model.header,
            model.entities,
            model.name_uses,
            model.clause_uses,
            model.index.sorted_debug(),
        )
    }

    /// Re-analyses `new` from the analysis of `old` and checks the result
    /// against a fresh analysis.
    fn check(old: &Workspace, new: &Workspace) -> Reuse {
        let Reanalysis { analysis, reuse, .. } = reanalyze(old, Arc::new(analyze(old)), new);
        assert_eq!(comparable(&analysis), comparable(&analyze(new)), "after {reuse:?}");
        reuse
    }

    #[test]
    fn a_new_day_analyses_again() {
        // Harbour plans a control for 2027-09-30: due on that day, overdue
        // the day after, with nothing else changed.
        let dated = |date: &str| {
            let mut workspace = workspace(vec![SourceFile::new("harbour.ims", HARBOUR)]);
            workspace.today = crate::date::Date::parse(date);
            workspace
        };
        let (due, overdue) = (dated("2027-09-30"), dated("2027-10-01"));
        let overdue_count = |analysis: &Analysis| {
            analysis.diagnostics.iter().filter(|d| d.code == crate::Code::PlannedOverdue).count()
        };
        assert_eq!(overdue_count(&analyze(&due)), 0);
        assert_eq!(check(&due, &overdue), Reuse::Fresh);
        let Reanalysis { analysis, .. } = reanalyze(&due, Arc::new(analyze(&due)), &overdue);
        assert_eq!(overdue_count(&analysis), 1);
        assert_eq!(check(&overdue, &overdue.clone()), Reuse::Unchanged);
    }

    #[test]
    fn typing_in_a_description_moves_the_analysis() {
        let old = workspace(vec![SourceFile::new("harbour.ims", HARBOUR)]);
        let at = HARBOUR.find("description \"").unwrap() + "description \"".len() + 3;
        for insert in ["x", "é😀", " "] {
            let new = workspace(vec![edited(&old.files[0], at, at, insert)]);
            assert_eq!(check(&old, &new), Reuse::Moved);
        }
        let new = workspace(vec![edited(&old.files[0], at, at + 2, "")]);
        assert_eq!(check(&old, &new), Reuse::Moved);
    }

    #[test]
    fn blanks_and_comments_move_the_analysis() {
        let old = workspace(vec![SourceFile::new("harbour.ims", HARBOUR)]);
        let line = HARBOUR.find("\nunit academy").unwrap() + 1;
        for insert in ["\n", "  ", "// a note\n", "/* a note */ "] {
            let new = workspace(vec![edited(&old.files[0], line, line, insert)]);
            assert_eq!(check(&old, &new), Reuse::Moved, "{insert:?}");
        }
    }

    #[test]
    fn changing_a_name_title_or_clause_analyses_afresh() {
        let old = workspace(vec![SourceFile::new("harbour.ims", HARBOUR)]);
        for (needle, insert) in [
            ("\nunit academy", "x"),
            ("\nunit academy \"", "x"),
            ("covers 20000-1:8.", "1"),
            ("\nunit academy", ";"),
        ] {
            let at = HARBOUR.find(needle).unwrap() + needle.len();
            let new = workspace(vec![edited(&old.files[0], at, at, insert)]);
            assert_eq!(check(&old, &new), Reuse::Fresh, "{needle:?} + {insert:?}");
        }
    }

    #[test]
    fn an_edit_that_moves_a_suppression_target_analyses_afresh() {
        let text = with_suppression();
        let old = workspace(vec![SourceFile::new("harbour.ims", text.as_str())]);
        let comment = text.find("// ims-allow").unwrap();
        // A blank line between the comment and its target changes no line's
        // target, but lines move: afresh, and right.
        assert_eq!(
            check(&old, &workspace(vec![edited(&old.files[0], comment, comment, "\n")])),
            Reuse::Fresh
        );
        // Editing the comment's reason.
        let reason = text.find("run apart").unwrap();
        assert_eq!(
            check(&old, &workspace(vec![edited(&old.files[0], reason, reason, "x")])),
            Reuse::Fresh
        );
        // A description elsewhere in the file still moves.
        let at = text.rfind("description \"").unwrap() + "description \"".len();
        assert_eq!(check(&old, &workspace(vec![edited(&old.files[0], at, at, "x")])), Reuse::Moved);
    }

    #[test]
    fn a_second_changed_file_analyses_afresh() {
        let old = workspace(vec![
            SourceFile::new("a.ims", HARBOUR),
            SourceFile::new("b.ims", "site extra \"Extra\"\n"),
        ]);
        let at = HARBOUR.find("description \"").unwrap() + "description \"".len();
        let new =
            workspace(vec![edited(&old.files[0], at, at, "x"), edited(&old.files[1], 0, 0, " ")]);
        assert_eq!(check(&old, &new), Reuse::Fresh);
        let new = workspace(vec![edited(&old.files[0], at, at, "x"), old.files[1].clone()]);
        assert_eq!(check(&old, &new), Reuse::Moved);
        assert_eq!(check(&old, &old.clone()), Reuse::Unchanged);
    }

    /// Offsets inside the description strings of `text`.
    fn description_offsets(text: &str) -> Vec<usize> {
        text.match_indices("description \"").map(|(i, m)| i + m.len()).collect()
    }

    const FRAGMENTS: &[&str] = &[
        "x",
        " ",
        "\n",
        "é",
        "😀",
        "\"",
        ",",
        ";",
        "{",
        "}",
        "ops",
        "academy",
        "// note\n",
        "/* c */",
        "// ims-allow(scope-gap): r\n",
        "\t",
        "\r\n",
        "9001:8.4",
        "description \"d\"",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// After any edits, the re-analysis equals a fresh analysis.
        #[test]
        fn reanalysis_equals_a_fresh_analysis(
            suppressed in any::<bool>(),
            edits in prop::collection::vec(
                (any::<bool>(), 0.0..1.0f64, 0usize..4, prop::sample::select(FRAGMENTS)),
                1..5,
            ),
        ) {
            let text = if suppressed { with_suppression() } else { HARBOUR.to_string() };
            let mut old = workspace(vec![SourceFile::new("harbour.ims", text)]);
            for (in_description, fraction, delete, insert) in edits {
                let file = &old.files[0];
                let descriptions = description_offsets(&file.text);
                let mut start = if in_description && !descriptions.is_empty() {
                    descriptions[(fraction * descriptions.len() as f64) as usize % descriptions.len()]
                } else {
                    (fraction * file.text.len() as f64) as usize
                };
                while !file.text.is_char_boundary(start) {
                    start -= 1;
                }
                let mut end = (start + delete).min(file.text.len());
                while !file.text.is_char_boundary(end) {
                    end += 1;
                }
                let new = workspace(vec![edited(file, start, end, insert)]);
                check(&old, &new);
                old = new;
            }
        }
    }
}
