//! The report as one long-format CSV table (RFC 4180), for spreadsheets:
//! every row has the same fourteen columns and a `section` column says which
//! part of the report it belongs to. docs/report.md documents the layout.
//!
//! | column      | meaning                                                        |
//! |-------------|----------------------------------------------------------------|
//! | `section`   | `summary`, `matrix`, `scope`, `soa`, `process` or `finding`     |
//! | `group`     | the table within the section                                   |
//! | `key`       | what the row is about: a metric, clause, entity, control, code |
//! | `title`     | its title or message                                           |
//! | `system`    | the system (column of the matrices), if any                   |
//! | `clause`    | the clause in the system's standard (`iso9001@2015:8.4`)       |
//! | `status`    | a stable keyword (`covered`, `missing`, `in` ...)              |
//! | `processes` | process names, separated by `; `                              |
//! | `value`     | a number (summary rows)                                        |
//! | `note`      | justification, reason, correlation or location                 |
//! | `owner`     | the owner of a control, process, objective or document         |
//! | `reason`, `implementation`, `evidence` | what the SoA says of a control      |

use super::{Cell, Report, RowKind, Section, Status};

const COLUMNS: [&str; 14] = [
    "section",
    "group",
    "key",
    "title",
    "system",
    "clause",
    "status",
    "processes",
    "value",
    "note",
    "owner",
    "reason",
    "implementation",
    "evidence",
];

/// One CSV line's fields, by column name.
#[derive(Default)]
struct Line<'a> {
    section: &'a str,
    group: String,
    key: String,
    title: String,
    system: String,
    clause: String,
    status: String,
    processes: String,
    value: String,
    note: String,
    owner: String,
    reason: String,
    implementation: String,
    evidence: String,
}

/// Renders the report as CSV with a header line and CRLF line ends.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    push(&mut out, &COLUMNS.map(str::to_string));
    let mut emit = |line: Line<'_>| {
        push(
            &mut out,
            &[
                line.section.to_string(),
                line.group,
                line.key,
                line.title,
                line.system,
                line.clause,
                line.status,
                line.processes,
                line.value,
                line.note,
                line.owner,
                line.reason,
                line.implementation,
                line.evidence,
            ],
        )
    };

    let c = &report.control;
    for (key, value) in [
        ("date", Some(c.date.clone())),
        ("revision", Some(c.revision())),
        ("content-hash", Some(c.content_hash.clone())),
        ("version", c.version.clone()),
        ("status", c.status.clone()),
        ("owner", c.owner.clone()),
        ("approver", c.approver.clone()),
        ("tool", Some(c.tool_version.clone())),
    ] {
        emit(Line {
            section: "control",
            key: key.to_string(),
            title: report.title.clone(),
            note: value.unwrap_or_default(),
            ..Line::default()
        });
    }

    let s = &report.summary;
    let summary = report.shows(Section::Summary);
    for c in s.coverage.iter().filter(|_| summary) {
        if let Some(r) = &c.requirements {
            for (key, value) in [
                ("covered", r.covered),
                ("delegated", r.delegated),
                ("excluded", r.excluded),
                ("missing", r.missing),
                ("total", r.total),
                ("percent", r.percent()),
            ] {
                emit(Line {
                    title: c.standard_name.clone(),
                    ..metric("coverage", key, &c.system, value)
                });
            }
        }
        if let Some(soa) = &c.soa {
            for (key, value) in [
                ("applicable", soa.applicable),
                ("implemented", soa.implemented),
                ("excluded", soa.excluded),
                ("not-addressed", soa.missing),
                ("total", soa.total),
                ("percent", soa.percent()),
                ("in-place", soa.in_place),
                ("in-place-percent", soa.in_place_percent()),
            ] {
                emit(Line {
                    title: c.standard_name.clone(),
                    ..metric("soa", key, &c.system, value)
                });
            }
        }
    }
    if summary {
        summary_tail(&mut emit, report);
    }
    if report.shows(Section::Matrix) {
        matrix(&mut emit, report);
    }
    if report.shows(Section::Scope) {
        scope(&mut emit, report);
    }
    if report.shows(Section::Soa) {
        soa(&mut emit, report);
    }
    if report.shows(Section::Processes) {
        processes(&mut emit, report);
    }
    // The registers: one line per declaration, its systems in `system`.
    let register = |section, name: &str, title: &Option<String>, systems: &[String]| Line {
        section,
        key: name.to_string(),
        title: title.clone().unwrap_or_default(),
        system: systems.join("; "),
        ..Line::default()
    };
    if report.shows(Section::Parties) {
        for p in &report.parties {
            emit(Line {
                note: p.requirements.clone().unwrap_or_default(),
                ..register("party", &p.name, &p.title, &p.systems)
            });
        }
    }
    if report.shows(Section::Objectives) {
        for o in &report.objectives {
            let mut note = Vec::new();
            if let Some(target) = &o.target {
                note.push(format!("target: {target}"));
            }
            if let Some(measure) = &o.measure {
                note.push(format!("measure: {measure}"));
            }
            emit(Line {
                note: note.join("; "),
                owner: o.owner.clone().unwrap_or_default(),
                ..register("objective", &o.name, &o.title, &o.systems)
            });
        }
    }
    if report.shows(Section::Documents) {
        for d in &report.documents {
            emit(Line {
                clause: d.evidence.join("; "),
                note: d.evidence_of_controls.join("; "),
                owner: d.owner.clone().unwrap_or_default(),
                ..register("document", &d.name, &d.title, &d.systems)
            });
        }
    }
    if report.shows(Section::Findings) {
        findings(&mut emit, report);
    }
    out
}

/// A line of the summary: one figure of a group, for one system or all.
fn metric<'a>(group: &str, key: &str, system: &str, value: usize) -> Line<'a> {
    Line {
        section: "summary",
        group: group.to_string(),
        key: key.to_string(),
        system: system.to_string(),
        value: value.to_string(),
        ..Line::default()
    }
}

fn summary_tail(emit: &mut impl FnMut(Line<'_>), report: &Report) {
    let s = &report.summary;
    emit(metric("integration", "harmonized-rows", "", s.harmonized.rows));
    emit(metric("integration", "harmonized-shared", "", s.harmonized.shared));
    for (process, count) in &s.harmonized.by_process {
        emit(Line {
            processes: process.name.clone(),
            ..metric("integration", "process-harmonized-shared", "", *count)
        });
    }
    for (key, value) in [
        ("error", s.severities.error),
        ("warning", s.severities.warning),
        ("info", s.severities.info),
        ("hint", s.severities.hint),
    ] {
        emit(metric("diagnostics", key, "", value));
    }
    for (code, severity, count) in &s.by_code {
        emit(Line {
            status: severity.to_string(),
            ..metric("diagnostics-by-code", code, "", *count)
        });
    }
}

fn matrix(emit: &mut impl FnMut(Line<'_>), report: &Report) {
    for section in &report.matrix {
        for row in section.rows.iter().filter(|r| r.kind != RowKind::Heading) {
            let key = match &row.kind {
                RowKind::Harmonized { hs } => format!("hs:{hs}"),
                RowKind::Own { clause } => clause.to_string(),
                RowKind::Heading => continue,
            };
            for (cell, system) in row.cells.iter().zip(&report.systems) {
                let line = |clause: String, status: &Status, note: String| Line {
                    section: "matrix",
                    group: section.title.clone(),
                    key: key.clone(),
                    title: row.title.clone(),
                    system: system.name.clone(),
                    clause,
                    status: status.keyword().to_string(),
                    processes: names(status),
                    note,
                    ..Line::default()
                };
                match cell {
                    Cell::Empty => {}
                    Cell::Own { clause, status, .. } => {
                        emit(line(clause.to_string(), status, note(status)))
                    }
                    Cell::Correlated(list) => {
                        for c in list {
                            let mut text = format!(
                                "correlated: {} ({}, {}{})",
                                key,
                                c.relation,
                                c.strength,
                                c.inherited_from
                                    .as_ref()
                                    .map_or_else(String::new, |f| format!("; as part of {f}"))
                            );
                            let own = note(&c.status);
                            if !own.is_empty() {
                                text.push_str("; ");
                                text.push_str(&own);
                            }
                            emit(line(c.clause.to_string(), &c.status, text));
                        }
                    }
                }
            }
        }
    }
}

fn scope(emit: &mut impl FnMut(Line<'_>), report: &Report) {
    for row in &report.scope {
        for (cell, system) in row.cells.iter().zip(&report.systems) {
            emit(Line {
                section: "scope",
                group: row.kind.to_string(),
                key: row.name.clone(),
                title: row.title.clone().unwrap_or_default(),
                system: system.name.clone(),
                status: cell.state.keyword().to_string(),
                note: cell.reason.clone(),
                ..Line::default()
            });
        }
        if !row.findings.is_empty() {
            emit(Line {
                section: "scope",
                group: row.kind.to_string(),
                key: row.name.clone(),
                title: row.title.clone().unwrap_or_default(),
                status: "finding".to_string(),
                note: row.findings.join("; "),
                ..Line::default()
            });
        }
    }
}

fn soa(emit: &mut impl FnMut(Line<'_>), report: &Report) {
    for table in &report.soa {
        for row in table.rows.iter().filter(|r| !r.heading) {
            let Some(status) = &row.status else { continue };
            let entry = row.entry.as_ref();
            emit(Line {
                section: "soa",
                group: table.system.clone(),
                key: row.control.clone(),
                title: row.title.clone(),
                system: table.system.clone(),
                clause: row.key.to_string(),
                status: status.keyword().to_string(),
                processes: names(status),
                note: status.justification().unwrap_or_default().to_string(),
                owner: entry.and_then(|e| e.owner.clone()).unwrap_or_default(),
                reason: entry.map(|e| e.reasons.join("; ")).unwrap_or_default(),
                implementation: entry.and_then(|e| e.implementation.clone()).unwrap_or_default(),
                evidence: entry.map(|e| e.evidence.join("; ")).unwrap_or_default(),
                ..Line::default()
            });
        }
    }
}

fn processes(emit: &mut impl FnMut(Line<'_>), report: &Report) {
    for p in &report.processes {
        let mut note = Vec::new();
        if let Some(owner) = &p.owner {
            note.push(format!("owner {owner}"));
        }
        if !p.performers.is_empty() {
            note.push(format!("performed by {}", p.performers.join(", ")));
        }
        note.push(format!("defined at {}:{}", p.process.loc.file, p.process.loc.line));
        emit(Line {
            section: "process",
            key: p.process.name.clone(),
            title: p.title.clone().unwrap_or_default(),
            system: p.systems.join("; "),
            clause: p.covers.join("; "),
            note: note.join("; "),
            owner: p.owner.clone().unwrap_or_default(),
            ..Line::default()
        });
    }
}

fn findings(emit: &mut impl FnMut(Line<'_>), report: &Report) {
    for f in &report.findings {
        emit(Line {
            section: "finding",
            group: f.severity.to_string(),
            key: f.code.clone(),
            title: f.message.clone(),
            status: f.severity.to_string(),
            note: format!("{}:{}", f.loc.file, f.loc.line),
            ..Line::default()
        });
    }
}

fn names(status: &Status) -> String {
    status.processes().iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join("; ")
}

/// What the status says beyond its keyword.
fn note(status: &Status) -> String {
    match status {
        Status::Delegated { to, .. } => format!("delegated to {to}"),
        Status::Partly { .. } => status.label(),
        _ => status.justification().unwrap_or_default().to_string(),
    }
}

/// Appends one record; fields with a comma, quote or line break are quoted.
fn push(out: &mut String, fields: &[String]) {
    for (i, value) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(value));
    }
    out.push_str("\r\n");
}

/// The characters that make a spreadsheet read a cell as a formula (or, for
/// tab and CR, that some programs strip before reading it as one).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field, the one escaping of every value this module writes.
///
/// **Invariant:** user text never becomes a live formula. A value that
/// starts like a formula is prefixed with `'` and quoted, as OWASP's "CSV
/// Injection" advises, so `=HYPERLINK("http://e.x")` or `@SUM(A1)` reach a
/// spreadsheet as text. Otherwise RFC 4180: a value with a comma, a quote
/// or a line break is quoted, quotes doubled.
pub fn field(value: &str) -> std::borrow::Cow<'_, str> {
    let formula = value.starts_with(FORMULA_START);
    if !formula && !value.contains([',', '"', '\n', '\r']) {
        return value.into();
    }
    let prefix = if formula { "'" } else { "" };
    format!("\"{prefix}{}\"", value.replace('"', "\"\"")).into()
}

#[cfg(test)]
mod tests {
    use super::super::tests::example_report;

    #[test]
    fn formulas_reach_a_spreadsheet_as_text() {
        assert_eq!(super::field(r#"=HYPERLINK("http://e.x")"#), r#""'=HYPERLINK(""http://e.x"")""#);
        assert_eq!(super::field("@SUM(A1)"), r#""'@SUM(A1)""#);
        assert_eq!(super::field("+1"), r#""'+1""#);
        assert_eq!(super::field("-2+3"), r#""'-2+3""#);
        assert_eq!(super::field("\tx"), "\"'\tx\"");
        assert_eq!(super::field("\rx"), "\"'\rx\"");
        assert_eq!(super::field("a=b"), "a=b");
        assert_eq!(super::field("a, b"), r#""a, b""#);
        assert_eq!(super::field("Übersee"), "Übersee");
    }

    #[test]
    fn parses_with_the_same_columns_everywhere() {
        for paths in [&["acme.ims"][..], &["harbour"], &["multi-file"]] {
            let report = example_report(paths);
            let text = super::render(&report);
            let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
            let headers = reader.headers().unwrap().clone();
            assert_eq!(headers.iter().collect::<Vec<_>>(), super::COLUMNS);
            let mut sections = std::collections::BTreeMap::<String, usize>::new();
            for record in reader.records() {
                let record = record.unwrap_or_else(|e| panic!("{paths:?}: {e}"));
                assert_eq!(record.len(), super::COLUMNS.len());
                *sections.entry(record[0].to_string()).or_default() += 1;
            }
            for section in ["control", "summary", "matrix", "scope", "process", "finding"] {
                assert!(
                    sections.contains_key(section),
                    "{paths:?}: no {section} rows: {sections:?}"
                );
            }
        }
    }

    #[test]
    fn a_section_alone_keeps_the_document_control() {
        let report = example_report(&["harbour"]).only(&[crate::Section::Soa]);
        let text = super::render(&report);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut sections: Vec<String> =
            reader.records().map(|r| r.unwrap()[0].to_string()).collect();
        sections.dedup();
        assert_eq!(sections, ["control", "soa"]);
        let soa: Vec<csv::StringRecord> = csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(Result::unwrap)
            .filter(|r| &r[0] == "soa" && &r[2] == "A.8.11")
            .collect();
        assert_eq!(
            soa[0].iter().skip(10).collect::<Vec<_>>(),
            ["automation", "risk-treatment", "planned 2027-09-30", "risk-treatment-plan"]
        );
    }

    #[test]
    fn the_summary_rows_carry_the_figures() {
        let report = example_report(&["acme.ims"]);
        let text = super::render(&report);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let figures: Vec<String> = reader
            .records()
            .map(Result::unwrap)
            .filter(|r| &r[0] == "summary" && (&r[1] == "coverage" || &r[1] == "diagnostics"))
            .map(|r| format!("{} {} {} = {}", &r[1], &r[4], &r[2], &r[8]))
            .collect();
        expect_test::expect![[r#"
            coverage SMS covered = 6
            coverage SMS delegated = 3
            coverage SMS excluded = 0
            coverage SMS missing = 48
            coverage SMS total = 57
            coverage SMS percent = 15
            coverage QMS covered = 12
            coverage QMS delegated = 0
            coverage QMS excluded = 1
            coverage QMS missing = 52
            coverage QMS total = 65
            coverage QMS percent = 20
            coverage ISMS covered = 3
            coverage ISMS delegated = 0
            coverage ISMS excluded = 0
            coverage ISMS missing = 27
            coverage ISMS total = 30
            coverage ISMS percent = 10
            diagnostics  error = 0
            diagnostics  warning = 13
            diagnostics  info = 0
            diagnostics  hint = 1
        "#]]
        .assert_eq(&(figures.join("\n") + "\n"));
    }
}
