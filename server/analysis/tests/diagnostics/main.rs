//! Data-driven tests of every diagnostic code: for each code of
//! [`Code::ALL`] a fixture where it fires (`check_fires`) and a near miss
//! where it does not (`check_near_miss`), each compared with an expect-test
//! snapshot of everything the analysis reports. `UPDATE_EXPECT=1 cargo test
//! -p ims-analysis --test diagnostics` rewrites the snapshots; review each.
//!
//! A fixture is the text of one `.ims` file, or several files introduced by
//! `//- /path` header lines (text before the first header is `/main.ims`).
//! A `//- /ims.toml` file is read as the project
//! configuration.

mod acme;
mod clauses;
mod config;
mod controls;
mod coverage;
mod integration;
mod names;
mod scopes;
mod suppression;

use std::fmt::Write as _;

use expect_test::Expect;
use ims_analysis::{analyze, Analysis, Code, FileRange, Workspace};
use ims_syntax::LineIndex;

/// The workspace of a fixture (see `ims_fixture`) and the rendered errors
/// of its `ims.toml`, if any.
fn workspace(fixture: &str) -> (Workspace, Vec<String>) {
    ims_fixture::workspace(ims_fixture::split(fixture))
}

fn analyze_fixture(fixture: &str) -> (Workspace, Analysis, Vec<String>) {
    let (workspace, config_errors) = workspace(fixture);
    let analysis = analyze(&workspace);
    (workspace, analysis, config_errors)
}

/// `3:5..3:11`, 1-based, prefixed with the path when the fixture has
/// several files.
fn position(workspace: &Workspace, location: FileRange) -> String {
    let file = workspace.file(location.file);
    let index = LineIndex::new(&file.text);
    let start = index.line_col(&file.text, location.range.start, ims_syntax::ColumnUnit::Char);
    let end = index.line_col(&file.text, location.range.end, ims_syntax::ColumnUnit::Char);
    let path =
        if workspace.files.len() > 1 { format!("{}:", file.path.display()) } else { String::new() };
    format!("{path}{}:{}..{}:{}", start.line + 1, start.column + 1, end.line + 1, end.column + 1)
}

/// The text under a range, on one line and shortened.
fn excerpt(workspace: &Workspace, location: FileRange) -> String {
    let text = &workspace.file(location.file).text[location.range.start..location.range.end];
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 48 {
        format!("{}…", one_line.chars().take(47).collect::<String>())
    } else {
        one_line
    }
}

fn render(workspace: &Workspace, analysis: &Analysis, config_errors: &[String]) -> String {
    let mut out = String::new();
    for error in config_errors {
        writeln!(out, "config error {error}").unwrap();
    }
    for d in &analysis.diagnostics {
        writeln!(
            out,
            "{}[{}] {} `{}`\n  {}",
            d.severity,
            d.code,
            position(workspace, d.location),
            excerpt(workspace, d.location),
            d.message
        )
        .unwrap();
        for related in &d.related {
            writeln!(
                out,
                "  related {} `{}`: {}",
                position(workspace, related.location),
                excerpt(workspace, related.location),
                related.message
            )
            .unwrap();
        }
        for fix in &d.fixes {
            let edits: Vec<String> = fix
                .edits
                .iter()
                .map(|e| format!("{} {:?}", position(workspace, e.location), e.new_text))
                .collect();
            writeln!(out, "  fix {}: {}", fix.title, edits.join(", ")).unwrap();
        }
    }
    out
}

/// Analyses the fixture and compares everything it reports with `expect`.
#[track_caller]
fn check(fixture: &str, expect: Expect) {
    let (workspace, analysis, config_errors) = analyze_fixture(fixture);
    expect.assert_eq(&render(&workspace, &analysis, &config_errors));
}

fn fires(fixture: &str, code: &str) -> bool {
    let code = Code::from_name(code).unwrap_or_else(|| panic!("no code `{code}`"));
    let (_, analysis, _) = analyze_fixture(fixture);
    analysis.diagnostics.iter().any(|d| d.code == code)
}

/// A fixture where `code` fires; compared with `expect`.
#[track_caller]
fn check_fires(code: &str, fixture: &str, expect: Expect) {
    assert!(fires(fixture, code), "`{code}` does not fire on its positive fixture");
    check(fixture, expect);
}

/// A near miss: a fixture close to the positive one where `code` does not fire.
#[track_caller]
fn check_near_miss(code: &str, fixture: &str, expect: Expect) {
    assert!(!fires(fixture, code), "`{code}` fires on its near miss");
    check(fixture, expect);
}

/// The sources of the test modules, for the completeness test below.
const TEST_SOURCES: &[&str] = &[
    include_str!("acme.rs"),
    include_str!("clauses.rs"),
    include_str!("config.rs"),
    include_str!("controls.rs"),
    include_str!("coverage.rs"),
    include_str!("integration.rs"),
    include_str!("names.rs"),
    include_str!("scopes.rs"),
    include_str!("suppression.rs"),
];

/// Every code has a fixture where it fires and a near miss (each of which
/// asserts, when it runs, that the code does or does not fire).
#[test]
fn every_code_has_a_positive_fixture_and_a_near_miss() {
    let mut missing = Vec::new();
    for code in Code::ALL {
        for function in ["check_fires", "check_near_miss"] {
            let call = format!("{function}(\n        \"{}\",", code.name());
            let call_inline = format!("{function}(\"{}\",", code.name());
            if !TEST_SOURCES.iter().any(|s| s.contains(&call) || s.contains(&call_inline)) {
                missing.push(format!("{function} for `{code}`"));
            }
        }
    }
    assert!(missing.is_empty(), "missing fixtures:\n{}", missing.join("\n"));
}
