//! The rule of every quick fix, checked on every example and every fixture
//! of `tests/quick_fixes/`: applied to the files, a fix removes the
//! diagnostic it was offered for and introduces no new one (rust-analyzer's
//! `check_fix`, for all fixes at once, so that a new fix cannot break the
//! rule unnoticed).
//!
//! Diagnostics are compared by code, file and place: a diagnostic after the
//! fix is "the same" as one before when it has the same code in the same
//! file and its range overlaps the old range moved past the edits. Its
//! message may change (a count of uncovered clauses goes down).
//!
//! Two kinds of advice are what a fix means to bring and do not count as
//! new: `harmonized-additions` (a process that now serves a harmonized
//! clause for several systems must meet each standard's additions) and an
//! `integration-opportunity` on a clause reference the fix itself wrote.

use std::collections::BTreeSet;
use std::path::Path;

use ims_analysis::{analyze, Analysis, Code, Diagnostic, FileId, SourceFile, TextEdit, Workspace};
use ims_ide::{code_actions, CodeActionKind};
use ims_syntax::TextRange;

/// The examples, each one IMS as `ims check` sees it.
const EXAMPLES: &[&[&str]] = &[&["acme.ims"], &["harbour"], &["multi-file"]];

/// Codes that offer no quick fix, with the reason. Every other code must be
/// offered somewhere in the corpus, so that its fixes are checked.
const WITHOUT_FIX: &[(Code, &str)] = &[
    (Code::SyntaxError, "the parser cannot know what was meant"),
    (Code::MissingHeader, "which standards to integrate is the user's decision"),
    (Code::DuplicateHeader, "which header to keep is the user's decision"),
    (Code::InvalidRange, "which end is wrong is the user's decision"),
    (Code::DuplicateName, "which declaration to rename is the user's decision"),
    (Code::WrongKind, "which name was meant is the user's decision"),
    (Code::MisplacedStatement, "where the statement belongs is the user's decision"),
    (Code::UnitNotAtScopeSite, "adding a site or removing the unit is a decision"),
    (Code::UncoveredClauses, "a process is the user's to write"),
    (Code::SoaIncomplete, "applicability is the user's decision"),
    (Code::ControlNotImplemented, "a process is the user's to write"),
    (Code::MissingJustification, "a justification is the user's to write"),
    (Code::MissingInclusionJustification, "a justification is the user's to write"),
    (Code::ExclusionNotPermitted, "covering the clause is work, not an edit"),
    (Code::UnusualExclusion, "whether the exclusion holds is the user's decision"),
    (Code::CoveredAndExcluded, "which of the two is wrong is the user's decision"),
    (Code::HarmonizedAdditions, "reconciling the additions is work, not an edit"),
    (Code::NoScope, "what a scope holds is the user's decision"),
    (Code::SuppressionWithoutReason, "a reason is the user's to write"),
    (Code::PlannedOverdue, "implementing the control or a new date is the user's decision"),
];

#[test]
fn every_quick_fix_removes_its_diagnostic_and_adds_none() {
    let mut failures = Vec::new();
    let mut offered = BTreeSet::new();
    let mut checked = 0;
    for (name, workspace, analysis) in corpus() {
        for (index, diagnostic) in analysis.diagnostics.iter().enumerate() {
            let file = diagnostic.location.file;
            let fixes = code_actions(&workspace, &analysis, file, diagnostic.location.range)
                .into_iter()
                .filter(|a| a.kind == CodeActionKind::QuickFix && a.diagnostic == Some(index));
            for fix in fixes {
                offered.insert(diagnostic.code);
                checked += 1;
                if let Err(why) = check_fix(&workspace, &analysis, diagnostic, &fix.edits) {
                    failures.push(format!(
                        "{name}: [{}] {}\n  fix {:?}\n  {why}",
                        diagnostic.code, diagnostic.message, fix.title
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} quick fixes break the rule:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let exempt: BTreeSet<Code> = WITHOUT_FIX.iter().map(|(code, _)| *code).collect();
    let listed_but_offered: Vec<&str> =
        offered.intersection(&exempt).map(|code| code.name()).collect();
    assert!(
        listed_but_offered.is_empty(),
        "codes listed in WITHOUT_FIX that offer a fix: {listed_but_offered:?}"
    );
    let untested: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| !offered.contains(code) && !exempt.contains(code))
        .map(|code| code.name())
        .collect();
    assert!(
        untested.is_empty(),
        "codes with fixes that no example or fixture offers (add a fixture to server/ide/tests/quick_fixes/): {untested:?}"
    );
}

/// Applies `edits`, analyses again and says what is wrong, if anything.
fn check_fix(
    workspace: &Workspace,
    before: &Analysis,
    fixed: &Diagnostic,
    edits: &[TextEdit],
) -> Result<(), String> {
    if edits.is_empty() {
        return Err("the fix edits nothing".to_string());
    }
    let changed = apply(workspace, edits)?;
    let after = analyze(&changed);
    let moved = |d: &Diagnostic| {
        let range = d.location.range;
        let file = d.location.file;
        TextRange::new(shift(edits, file, range.start), shift(edits, file, range.end))
    };
    let same = |old: &Diagnostic, new: &Diagnostic| {
        old.code == new.code
            && old.location.file == new.location.file
            && overlaps(moved(old), new.location.range)
    };
    let mut problems = Vec::new();
    for remaining in after.diagnostics.iter().filter(|d| same(fixed, d)) {
        problems.push(format!("still there: [{}] {}", remaining.code, remaining.message));
    }
    let written: Vec<(FileId, TextRange)> = edits
        .iter()
        .map(|e| {
            let start = shift(edits, e.location.file, e.location.range.start);
            (e.location.file, TextRange::new(start, start + e.new_text.len()))
        })
        .collect();
    let consequence = |d: &Diagnostic| match d.code {
        // A process that serves one harmonized clause for several systems
        // gets this reminder: it is what an integrating fix is for.
        Code::HarmonizedAdditions => true,
        // The advice that comes with a clause the fix wrote.
        Code::IntegrationOpportunity => written
            .iter()
            .any(|&(file, range)| file == d.location.file && overlaps(range, d.location.range)),
        _ => false,
    };
    let is_new =
        |d: &&Diagnostic| !before.diagnostics.iter().any(|old| same(old, d)) && !consequence(d);
    for new in after.diagnostics.iter().filter(is_new) {
        let path = changed.file(new.location.file).path.display();
        let text =
            &changed.file(new.location.file).text[new.location.range.start..new.location.range.end];
        problems.push(format!("new: [{}] {} (at {path} {text:?})", new.code, new.message));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let texts: Vec<String> = edits
            .iter()
            .map(|e| {
                format!("{:?} at {}..{}", e.new_text, e.location.range.start, e.location.range.end)
            })
            .collect();
        Err(format!("edits {}\n  {}", texts.join(", "), problems.join("\n  ")))
    }
}

/// The workspace with `edits` applied; an error when they overlap or do not
/// fit the text.
fn apply(workspace: &Workspace, edits: &[TextEdit]) -> Result<Workspace, String> {
    let mut changed = workspace.clone();
    for file in workspace.file_ids() {
        let mut mine: Vec<&TextEdit> = edits.iter().filter(|e| e.location.file == file).collect();
        if mine.is_empty() {
            continue;
        }
        mine.sort_by_key(|e| (e.location.range.start, e.location.range.end));
        if mine.windows(2).any(|w| w[0].location.range.end > w[1].location.range.start) {
            return Err("the edits overlap".to_string());
        }
        let source = workspace.file(file);
        let mut text = source.text.to_string();
        for edit in mine.iter().rev() {
            let TextRange { start, end } = edit.location.range;
            if end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
                return Err(format!("an edit at {start}..{end} does not fit the text"));
            }
            text.replace_range(start..end, &edit.new_text);
        }
        changed.files[file.0 as usize] = SourceFile::new(source.path.clone(), text);
    }
    Ok(changed)
}

/// Where `offset` of `file` is after the edits: moved by the edits that end
/// before it (an insertion at `offset` counts as before it).
fn shift(edits: &[TextEdit], file: FileId, offset: usize) -> usize {
    let mut moved = offset as isize;
    for edit in edits.iter().filter(|e| e.location.file == file) {
        let TextRange { start, end } = edit.location.range;
        if end <= offset {
            moved += edit.new_text.len() as isize - (end - start) as isize;
        } else if start < offset {
            // The edit replaces text around the offset: it lands at the edit's end.
            moved += (start + edit.new_text.len()) as isize - offset as isize;
        }
    }
    moved.max(0) as usize
}

/// Overlapping or touching ranges.
fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// Every example and every fixture, by name.
fn corpus() -> Vec<(String, Workspace, Analysis)> {
    let mut corpus = Vec::new();
    for paths in EXAMPLES {
        let (workspace, analysis) = ims_fixture::examples(paths);
        corpus.push((format!("examples/{}", paths.join(", ")), workspace, analysis));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quick_fixes");
    let mut fixtures: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/quick_fixes exists")
        .map(|entry| entry.expect("the folder can be listed").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ims"))
        .collect();
    fixtures.sort();
    for path in fixtures {
        let text = std::fs::read_to_string(&path).expect("the fixture can be read");
        let fixture = ims_fixture::parse(&text);
        let name = format!("tests/quick_fixes/{}", path.file_name().unwrap().to_string_lossy());
        corpus.push((name, fixture.workspace, fixture.analysis));
    }
    corpus
}
