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

/// What a stranger's file may hold in every text a report shows: titles,
/// justifications, the file's own name.
const HOSTILE: [&str; 5] = [
    "[x](command:workbench.action.terminal.new)",
    "![](http://e.x/a.png)",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"http://e.x\")",
    "@SUM(A1)",
];

pub(super) fn hostile_report() -> Report {
    let titles: Vec<String> = HOSTILE.iter().map(|t| t.replace('"', "\\\"")).collect();
    let text = format!(
        r#"ims "{0}" {{ standards iso27001@2022, iso9001@2015 }}
unit ops "{1}"
system ISMS "{2}" standard iso27001@2022 {{
  scope {{ units ops }}
  controls {{
    applicable 27001:A.5.1 because "{3}"
    excluded 27001:A.5.2 because "{4}"
  }}
}}
system QMS "{0}" standard iso9001@2015 {{
  scope {{ units ops }}
  not-applicable 9001:8.3 because "{2}"
}}
process p "{3}" {{ owner ops; covers 27001:A.5.1, 9001:9.3 }}
"#,
        titles[0], titles[1], titles[2], titles[3], titles[4]
    );
    let (workspace, _) = ims_fixture::workspace(vec![(HOSTILE[4].to_string() + ".ims", text)]);
    let analysis = analyze(&workspace);
    build(&workspace, &analysis)
}

/// Markdown with every backslash escape taken out: what a renderer reads
/// as markup.
fn unescaped_markdown(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            out.push('_');
        } else {
            out.push(c);
        }
    }
    // Code spans are literal text.
    out.split('`').step_by(2).collect::<Vec<_>>().join("")
}

#[test]
fn hostile_text_is_no_markup_in_markdown() {
    let report = hostile_report();
    let markdown = super::markdown::render(&report);
    for text in HOSTILE {
        assert!(markdown.contains(&ims_analysis::markup::markdown(text)), "{text} is shown");
    }
    let live = unescaped_markdown(&markdown);
    for markup in ["](command", "](http", "![", "<img"] {
        assert!(!live.contains(markup), "{markup} is live Markdown:\n{markdown}");
    }
}

#[test]
fn hostile_text_is_no_markup_in_html() {
    let report = hostile_report();
    let html = super::html::render(&report);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(!html.contains("<img"), "an img element");
    for attribute in ["href=\"http", "href=\"command", "src=\"", "onerror=\""] {
        assert!(!html.contains(attribute), "{attribute} in the HTML");
    }
}

#[test]
fn hostile_text_is_no_formula_in_csv() {
    let report = hostile_report();
    let text = super::csv::render(&report);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut seen = 0;
    for record in reader.records() {
        for field in record.unwrap().iter() {
            assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "a formula: {field}");
            if field.starts_with("'=HYPERLINK") || field.starts_with("'@SUM") {
                seen += 1;
            }
        }
    }
    assert!(seen > 0, "the hostile text is in the CSV:\n{text}");
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
    assert_eq!(Format::from_extension(Path::new("SoA.XLSX")), Some(Format::Xlsx));
    assert_eq!(Format::from_extension(Path::new("report")), None);
    assert_eq!(Format::from_extension(Path::new("r.txt")), None);
}
