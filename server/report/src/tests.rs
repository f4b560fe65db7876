//! Tests of the report model that concern every format: the figures agree
//! with what `ims check` reports, and the matrix is complete.

use super::{build, Cell, Report, RowKind, Status};
use ims_analysis::{analyze, project, Config, Severity, Workspace};
use ims_fixture::examples as example;

pub(super) fn example_report(paths: &[&str]) -> Report {
    let (workspace, analysis) = example(paths);
    build(&workspace, &analysis)
}

const EXAMPLES: &[&[&str]] = &[&["acme.ims"], &["harbour"], &["multi-file"]];

/// The uncovered count in an `uncovered-clauses` message: `no process covers
/// 51 of the 57 ...` or `all 57`.
fn uncovered_in_message(message: &str) -> (usize, usize) {
    let rest = message.strip_prefix("no process covers ").expect("an uncovered-clauses message");
    let words: Vec<&str> = rest.split_whitespace().collect();
    if words[0] == "all" {
        let n = words[1].parse().unwrap();
        (n, n)
    } else {
        (words[0].parse().unwrap(), words[3].parse().unwrap())
    }
}

#[test]
fn the_summary_agrees_with_check() {
    for paths in EXAMPLES {
        let (workspace, analysis) = example(paths);
        let report = build(&workspace, &analysis);
        let severities = report.summary.severities;
        for severity in [Severity::Error, Severity::Warning, Severity::Info, Severity::Hint] {
            let check = analysis.diagnostics.iter().filter(|d| d.severity == severity).count();
            assert_eq!(severities.of(severity), check, "{paths:?}: {severity} count");
        }
        let by_code: usize = report.summary.by_code.iter().map(|(_, _, n)| n).sum();
        assert_eq!(by_code, analysis.diagnostics.len(), "{paths:?}: counts by code");
        assert_eq!(report.findings.len(), analysis.diagnostics.len());

        for coverage in &report.summary.coverage {
            let counts = coverage.requirements.expect("every example system has a known standard");
            let message = analysis.diagnostics.iter().find(|d| {
                d.code == ims_analysis::Code::UncoveredClauses
                    && d.message.contains(&format!("in `{}`:", coverage.system))
            });
            match message {
                Some(d) => assert_eq!(
                    uncovered_in_message(&d.message),
                    (counts.missing, counts.total),
                    "{paths:?}: {}",
                    d.message
                ),
                None => {
                    assert_eq!(counts.missing, 0, "{paths:?}: {} has no finding", coverage.system)
                }
            }
            assert_eq!(counts.done() + counts.missing, counts.total);
            if let Some(soa) = coverage.soa {
                let incomplete = analysis.diagnostics.iter().find(|d| {
                    d.code == ims_analysis::Code::SoaIncomplete
                        && d.message.contains(&format!("`{}`", coverage.system))
                });
                match incomplete {
                    Some(d) => assert!(
                        d.message.contains(&format!("{} of the {}", soa.missing, soa.total)),
                        "{paths:?}: {}",
                        d.message
                    ),
                    None => assert_eq!(soa.missing, 0, "{paths:?}"),
                }
                let unimplemented = soa.applicable - soa.implemented;
                let reported: usize = analysis
                    .diagnostics
                    .iter()
                    .filter(|d| d.code == ims_analysis::Code::ControlNotImplemented)
                    .map(|d| d.message.matches(" A.").count())
                    .sum();
                assert_eq!(unimplemented, reported, "{paths:?}: applicable, not implemented");
            }
        }
    }
}

/// Every requirement clause of every system appears as its own cell in
/// exactly one row, with the state its coverage gives it.
#[test]
fn every_requirement_clause_has_one_row() {
    for paths in EXAMPLES {
        let (workspace, analysis) = example(paths);
        let report = build(&workspace, &analysis);
        for (column, system) in report.systems.iter().enumerate() {
            let id = analysis.model.lookup(&system.name).unwrap();
            let coverage = &analysis.model.coverage[&id];
            for (leaf, _) in &coverage.requirements {
                let rows: Vec<_> = report
                    .matrix
                    .iter()
                    .flat_map(|s| &s.rows)
                    .filter(|r| {
                        matches!(&r.cells.get(column), Some(Cell::Own { clause, .. }) if &clause.clause == leaf)
                    })
                    .collect();
                assert_eq!(
                    rows.len(),
                    1,
                    "{paths:?}: {} {leaf} in {} rows",
                    system.name,
                    rows.len()
                );
                assert_ne!(rows[0].kind, RowKind::Heading);
            }
        }
    }
}

#[test]
fn supplier_management_meets_three_standards_in_one_row() {
    let report = example_report(&["acme.ims"]);
    let row = report
        .matrix
        .iter()
        .flat_map(|s| &s.rows)
        .find(|r| r.id == "iso20000-1-2018-8-3-4")
        .expect("a row for 20000-1 8.3.4");
    let shared: Vec<(&str, Vec<&str>)> = row
        .shared
        .iter()
        .map(|s| (s.process.name.as_str(), s.systems.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(shared, [("supplier-management", vec!["SMS", "QMS", "ISMS"])]);
    let Cell::Correlated(isms) = &row.cells[2] else { panic!("ISMS shows correlated controls") };
    let controls: Vec<(&str, &str)> =
        isms.iter().map(|c| (c.clause.clause.as_str(), c.status.keyword())).collect();
    assert_eq!(
        controls,
        [
            ("A.5.19", "applicable"),
            ("A.5.20", "applicable"),
            ("A.5.21", "not-implemented"),
            ("A.5.22", "not-implemented"),
            ("A.5.23", "not-implemented"),
            ("A.8.30", "excluded"),
        ]
    );
    assert!(matches!(&row.cells[0], Cell::Own { status: Status::Covered { .. }, .. }));
}

#[test]
fn an_empty_workspace_gives_an_empty_report() {
    let workspace = Workspace::new(Vec::new(), project::builtin(), Config::default());
    let report = build(&workspace, &analyze(&workspace));
    assert!(report.matrix.is_empty());
    assert!(report.systems.is_empty());
    assert_eq!(report.title, "Integrated management system");
    // Every renderer copes with it.
    assert!(super::markdown::render(&report).contains("# Integration report"));
    assert!(super::html::render(&report).ends_with("</html>\n"));
    assert!(super::csv::render(&report).starts_with("section,"));
}

#[test]
fn a_format_follows_its_name_and_the_extension() {
    use std::path::Path;

    use crate::Format;
    for format in Format::ALL {
        assert_eq!(Format::from_name(format.name()), Some(format));
    }
    assert_eq!(Format::from_name("pdf"), None);
    assert_eq!(Format::from_extension(Path::new("r.html")), Some(Format::Html));
    assert_eq!(Format::from_extension(Path::new("out/R.HTM")), Some(Format::Html));
    assert_eq!(Format::from_extension(Path::new("r.md")), Some(Format::Markdown));
    assert_eq!(Format::from_extension(Path::new("r.csv")), Some(Format::Csv));
    assert_eq!(Format::from_extension(Path::new("report")), None);
    assert_eq!(Format::from_extension(Path::new("r.txt")), None);
}
