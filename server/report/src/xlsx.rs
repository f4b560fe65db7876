//! The report as an XLSX workbook, for the spreadsheets auditors and ISO
//! managers keep: one sheet per section (each Statement of Applicability a
//! sheet of its own), a bold header row frozen at the top, an autofilter
//! over the table and column widths that fit. The workbook's properties
//! carry the document control (title, status, version, date).
//!
//! **Invariant:** user text is written as strings, never as formulas: a
//! title `=HYPERLINK("http://e.x")` is a cell holding that text.
//! (`Worksheet::write_string` stores a shared string; nothing here writes a
//! formula.) Text longer than a cell holds (32,767 characters) is cut with
//! `…`.

use rust_xlsxwriter::{DocProperties, Format, Workbook, XlsxError};

use super::{Cell, Report, RowKind, Section, Status};

/// A value of a cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
}

/// A table of the workbook: a sheet with a header row.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The sheet's name (at most 31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Column headers and widths (in characters).
    pub columns: Vec<(&'static str, f64)>,
    pub rows: Vec<Vec<Value>>,
}

/// Renders the report as an XLSX file's bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, String> {
    write(report).map_err(|e| format!("cannot write the XLSX workbook: {e}"))
}

fn write(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let c = &report.control;
    let mut properties = DocProperties::new()
        .set_title(format!("{}: {}", report.kind_title(), report.title))
        .set_comment(format!("IMS revision {}; made with {}", c.revision(), c.tool_version));
    if let Some(status) = &c.status {
        properties = properties.set_status(status);
    }
    if let Some(approver) = &c.approver {
        properties = properties.set_manager(approver);
    }
    if let Some(date) = ims_analysis::date::Date::parse(&c.date) {
        let year = u16::try_from(date.year).unwrap_or(1900);
        if let Ok(created) = rust_xlsxwriter::ExcelDateTime::from_ymd(year, date.month, date.day) {
            properties = properties.set_creation_datetime(&created);
        }
    }
    workbook.set_properties(&properties);
    let header = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    for sheet in sheets(report) {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        for (col, (title, width)) in sheet.columns.iter().enumerate() {
            let col = col_num(col);
            worksheet.write_string_with_format(0, col, *title, &header)?;
            worksheet.set_column_width(col, *width)?;
        }
        for (row, values) in sheet.rows.iter().enumerate() {
            let row = row_num(row + 1)?;
            for (col, value) in values.iter().enumerate() {
                let col = col_num(col);
                match value {
                    Value::Text(text) if text.is_empty() => {}
                    Value::Text(text) => {
                        worksheet.write_string_with_format(row, col, cell_text(text), &wrap)?;
                    }
                    Value::Number(n) => {
                        worksheet.write_number(row, col, *n)?;
                    }
                }
            }
        }
        worksheet.set_freeze_panes(1, 0)?;
        let last_col = col_num(sheet.columns.len().saturating_sub(1));
        worksheet.autofilter(0, 0, row_num(sheet.rows.len())?, last_col)?;
    }
    workbook.save_to_buffer()
}

fn col_num(col: usize) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

fn row_num(row: usize) -> Result<u32, XlsxError> {
    u32::try_from(row).map_err(|_| XlsxError::RowColumnLimitError)
}

/// At most the 32,767 characters a cell holds.
fn cell_text(text: &str) -> String {
    const MAX: usize = 32_767;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(MAX - 1).collect();
    cut.push('…');
    cut
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn number(n: usize) -> Value {
    Value::Number(n as f64)
}

fn opt(s: &Option<String>) -> Value {
    text(s.clone().unwrap_or_default())
}

/// The sheets of the workbook, in the order of the report's sections; the
/// document control first, always.
pub fn sheets(report: &Report) -> Vec<Sheet> {
    let mut out = vec![control(report)];
    for &section in &report.sections {
        match section {
            Section::Summary => out.push(summary(report)),
            Section::Matrix => out.push(matrix(report)),
            Section::Scope => out.push(scope(report)),
            Section::Soa => out.extend(soa(report)),
            Section::Processes => out.push(processes(report)),
            Section::Parties => out.push(parties(report)),
            Section::Objectives => out.push(objectives(report)),
            Section::Documents => out.push(documents(report)),
            Section::Findings => out.push(findings(report)),
        }
    }
    out
}

fn control(report: &Report) -> Sheet {
    let c = &report.control;
    let rows = [
        ("Title", Some(report.title.clone())),
        ("Document", Some(report.kind_title().to_string())),
        ("Date", Some(c.date.clone())),
        ("IMS revision", Some(c.revision())),
        ("Version", c.version.clone()),
        ("Status", c.status.clone()),
        ("Owner", c.owner.clone()),
        ("Approver", c.approver.clone()),
        ("Made with", Some(c.tool_version.clone())),
        ("Standards", Some(report.standards.join(", "))),
        ("Files", Some(report.files.join(", "))),
    ]
    .into_iter()
    .map(|(field, value)| vec![text(field), opt(&value)])
    .collect();
    Sheet {
        name: "Document control".to_string(),
        columns: vec![("Field", 18.0), ("Value", 80.0)],
        rows,
    }
}

fn summary(report: &Report) -> Sheet {
    let mut rows = Vec::new();
    let mut line = |group: &str, system: &str, figure: &str, value: usize| {
        rows.push(vec![text(group), text(system), text(figure), number(value)]);
    };
    for c in &report.summary.coverage {
        if let Some(r) = &c.requirements {
            for (figure, value) in [
                ("covered", r.covered),
                ("delegated", r.delegated),
                ("excluded", r.excluded),
                ("missing", r.missing),
                ("total", r.total),
                ("addressed %", r.percent()),
            ] {
                line("requirement clauses (4-10)", &c.system, figure, value);
            }
        }
        if let Some(soa) = &c.soa {
            for (figure, value) in [
                ("applicable", soa.applicable),
                ("implemented", soa.implemented),
                ("in place", soa.in_place),
                ("excluded", soa.excluded),
                ("not addressed", soa.missing),
                ("total", soa.total),
                ("addressed in the SoA %", soa.percent()),
                ("in place, of the applicable %", soa.in_place_percent()),
            ] {
                line("Statement of Applicability", &c.system, figure, value);
            }
        }
    }
    let h = &report.summary.harmonized;
    line("integration", "", "harmonized clauses shared", h.rows);
    line("integration", "", "served by one process", h.shared);
    let v = &report.summary.severities;
    for (figure, value) in
        [("error", v.error), ("warning", v.warning), ("info", v.info), ("hint", v.hint)]
    {
        line("findings", "", figure, value);
    }
    Sheet {
        name: "Summary".to_string(),
        columns: vec![("Group", 28.0), ("System", 14.0), ("Figure", 30.0), ("Value", 10.0)],
        rows,
    }
}

fn processes_of(status: &Status) -> String {
    status.processes().iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ")
}

fn matrix(report: &Report) -> Sheet {
    let mut rows = Vec::new();
    for section in &report.matrix {
        for row in section.rows.iter().filter(|r| r.kind != RowKind::Heading) {
            for (cell, system) in row.cells.iter().zip(&report.systems) {
                let mut push = |clause: String, status: &Status, correlation: String| {
                    rows.push(vec![
                        text(&section.title),
                        text(&row.number),
                        text(&row.title),
                        text(&system.name),
                        text(clause),
                        text(status.label()),
                        text(processes_of(status)),
                        text(correlation),
                        text(status.justification().unwrap_or_default()),
                    ]);
                };
                match cell {
                    Cell::Empty => {}
                    Cell::Own { clause, status, .. } => {
                        push(clause.clause.clone(), status, String::new())
                    }
                    Cell::Correlated(list) => {
                        for c in list {
                            let mut correlation = format!(
                                "{} {} ({}, {})",
                                c.clause.clause, c.title, c.relation, c.strength
                            );
                            if let Some(from) = &c.inherited_from {
                                correlation.push_str(&format!(", as part of {from}"));
                            }
                            push(c.clause.clause.clone(), &c.status, correlation);
                        }
                    }
                }
            }
        }
    }
    Sheet {
        name: "Matrix".to_string(),
        columns: vec![
            ("Part", 24.0),
            ("Row", 9.0),
            ("Row title", 36.0),
            ("System", 10.0),
            ("Clause", 10.0),
            ("State", 28.0),
            ("Processes", 28.0),
            ("Correlation", 40.0),
            ("Justification", 40.0),
        ],
        rows,
    }
}

fn scope(report: &Report) -> Sheet {
    let mut rows = Vec::new();
    for row in &report.scope {
        for (cell, system) in row.cells.iter().zip(&report.systems) {
            rows.push(vec![
                text(row.kind),
                text(&row.name),
                opt(&row.title),
                text(&system.name),
                text(cell.state.keyword()),
                text(&cell.reason),
                text(row.findings.join(", ")),
            ]);
        }
    }
    Sheet {
        name: "Scope".to_string(),
        columns: vec![
            ("Kind", 9.0),
            ("Name", 18.0),
            ("Title", 30.0),
            ("System", 10.0),
            ("State", 8.0),
            ("Reason", 40.0),
            ("Findings", 30.0),
        ],
        rows,
    }
}

/// The columns of an SoA sheet; `ims import` reads them back.
pub const SOA_COLUMNS: [(&str, f64); 11] = [
    ("Theme", 24.0),
    ("Control", 10.0),
    ("Title", 40.0),
    ("Applicable", 11.0),
    ("Justification", 50.0),
    ("Reason", 24.0),
    ("Implementation", 18.0),
    ("Owner", 16.0),
    ("Evidence", 28.0),
    ("Implemented by", 28.0),
    ("State in the IMS", 26.0),
];

fn soa(report: &Report) -> Vec<Sheet> {
    report
        .soa
        .iter()
        .map(|table| {
            let mut theme = String::new();
            let mut rows = Vec::new();
            for row in &table.rows {
                if row.heading {
                    theme = format!("{} {}", row.control, row.title);
                    continue;
                }
                let Some(status) = &row.status else { continue };
                let applicable = match status {
                    Status::Applicable { .. } => "yes",
                    Status::Excluded { .. } => "no",
                    _ => "",
                };
                let entry = row.entry.as_ref();
                rows.push(vec![
                    text(&theme),
                    text(&row.control),
                    text(&row.title),
                    text(applicable),
                    text(status.justification().unwrap_or_default()),
                    text(entry.map(|e| e.reasons.join(", ")).unwrap_or_default()),
                    text(entry.and_then(|e| e.implementation.clone()).unwrap_or_default()),
                    text(entry.and_then(|e| e.owner.clone()).unwrap_or_default()),
                    text(entry.map(|e| e.evidence.join(", ")).unwrap_or_default()),
                    text(processes_of(status)),
                    text(status.label()),
                ]);
            }
            let name: String = format!("SoA {}", table.system).chars().take(31).collect();
            Sheet { name, columns: SOA_COLUMNS.to_vec(), rows }
        })
        .collect()
}

fn processes(report: &Report) -> Sheet {
    let rows = report
        .processes
        .iter()
        .map(|p| {
            vec![
                text(&p.process.name),
                opt(&p.title),
                opt(&p.owner),
                text(p.performers.join(", ")),
                text(p.covers.join(", ")),
                text(p.systems.join(", ")),
                text(format!("{}:{}", p.process.loc.file, p.process.loc.line)),
            ]
        })
        .collect();
    Sheet {
        name: "Processes".to_string(),
        columns: vec![
            ("Process", 22.0),
            ("Title", 32.0),
            ("Owner", 16.0),
            ("Performed by", 28.0),
            ("Covers", 50.0),
            ("Systems", 16.0),
            ("Defined at", 26.0),
        ],
        rows,
    }
}

fn parties(report: &Report) -> Sheet {
    let rows = report
        .parties
        .iter()
        .map(|p| {
            vec![text(&p.name), opt(&p.title), text(p.systems.join(", ")), opt(&p.requirements)]
        })
        .collect();
    Sheet {
        name: "Interested parties".to_string(),
        columns: vec![("Party", 20.0), ("Title", 32.0), ("Systems", 16.0), ("Requirements", 60.0)],
        rows,
    }
}

fn objectives(report: &Report) -> Sheet {
    let rows = report
        .objectives
        .iter()
        .map(|o| {
            vec![
                text(&o.name),
                opt(&o.title),
                text(o.systems.join(", ")),
                opt(&o.owner),
                opt(&o.target),
                opt(&o.measure),
            ]
        })
        .collect();
    Sheet {
        name: "Objectives".to_string(),
        columns: vec![
            ("Objective", 22.0),
            ("Title", 30.0),
            ("Systems", 16.0),
            ("Owner", 16.0),
            ("Target", 40.0),
            ("Measure", 40.0),
        ],
        rows,
    }
}

fn documents(report: &Report) -> Sheet {
    let rows = report
        .documents
        .iter()
        .map(|d| {
            vec![
                text(&d.name),
                opt(&d.title),
                text(d.systems.join(", ")),
                opt(&d.owner),
                text(d.evidence.join("\n")),
                text(d.evidence_of_controls.join(", ")),
            ]
        })
        .collect();
    Sheet {
        name: "Documented information".to_string(),
        columns: vec![
            ("Document", 22.0),
            ("Title", 32.0),
            ("Systems", 16.0),
            ("Owner", 16.0),
            ("Evidence for", 60.0),
            ("Evidence of the controls", 30.0),
        ],
        rows,
    }
}

fn findings(report: &Report) -> Sheet {
    let rows = report
        .findings
        .iter()
        .map(|f| {
            vec![
                text(f.severity.to_string()),
                text(&f.code),
                text(&f.loc.file),
                number(f.loc.line),
                text(&f.message),
            ]
        })
        .collect();
    Sheet {
        name: "Findings".to_string(),
        columns: vec![
            ("Severity", 10.0),
            ("Code", 26.0),
            ("File", 28.0),
            ("Line", 7.0),
            ("Message", 90.0),
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::super::tests::example_report;

    fn workbook(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("calamine opens the workbook")
    }

    fn cell(range: &calamine::Range<Data>, row: usize, col: usize) -> String {
        match range.get((row, col)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => format!("{other:?}"),
        }
    }

    /// The XML of sheet `n` (one-based) inside the archive.
    fn sheet_xml(bytes: &[u8], n: usize) -> String {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        archive
            .by_name(&format!("xl/worksheets/sheet{n}.xml"))
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn harbour_has_a_sheet_per_section_read_back_by_calamine() {
        let report = example_report(&["harbour"]);
        let bytes = super::render(&report).unwrap();
        let mut book = workbook(&bytes);
        assert_eq!(
            book.sheet_names(),
            [
                "Document control",
                "Summary",
                "Matrix",
                "Scope",
                "SoA ISMS",
                "Processes",
                "Interested parties",
                "Objectives",
                "Documented information",
                "Findings"
            ]
        );
        let control = book.worksheet_range("Document control").unwrap();
        let fields: Vec<(String, String)> =
            (1..control.height()).map(|r| (cell(&control, r, 0), cell(&control, r, 1))).collect();
        assert!(fields.contains(&("Date".into(), "2026-12-04".into())), "{fields:?}");
        assert!(fields.contains(&("Status".into(), "approved".into())));
        assert!(fields.contains(&("Version".into(), "7.2".into())));
        assert!(fields
            .contains(&("Approver".into(), "Managing director, Harbour Managed IT B.V.".into())));

        let soa = book.worksheet_range("SoA ISMS").unwrap();
        let header: Vec<String> = (0..soa.width()).map(|c| cell(&soa, 0, c)).collect();
        assert_eq!(header, super::SOA_COLUMNS.map(|(h, _)| h.to_string()));
        assert_eq!(soa.height(), 94, "93 controls and the header");
        let a811 = (1..soa.height()).find(|&r| cell(&soa, r, 1) == "A.8.11").unwrap();
        let row: Vec<String> = (0..soa.width()).map(|c| cell(&soa, a811, c)).collect();
        assert_eq!(row[0], "A.8 Technological controls");
        assert_eq!(row[2], "Data masking");
        assert_eq!(row[3], "yes");
        assert_eq!(
            row[5..9],
            ["risk-treatment", "planned 2027-09-30", "automation", "risk-treatment-plan"]
        );
        assert_eq!(row[10], "applicable, not implemented");
        let a830 = (1..soa.height()).find(|&r| cell(&soa, r, 1) == "A.8.30").unwrap();
        assert_eq!(cell(&soa, a830, 3), "no");

        let summary = book.worksheet_range("Summary").unwrap();
        let in_place = (1..summary.height())
            .find(|&r| cell(&summary, r, 2) == "in place")
            .map(|r| cell(&summary, r, 3));
        assert_eq!(in_place.as_deref(), Some("87"), "a number, not text");
    }

    #[test]
    fn every_sheet_has_a_frozen_filtered_header() {
        let report = example_report(&["acme.ims"]);
        let bytes = super::render(&report).unwrap();
        let sheets = super::sheets(&report).len();
        for n in 1..=sheets {
            let xml = sheet_xml(&bytes, n);
            assert!(
                xml.contains(
                    r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
                ),
                "sheet {n}: {xml:.600}"
            );
            assert!(xml.contains("<autoFilter ref=\"A1:"), "sheet {n}");
            assert!(xml.contains("<col "), "sheet {n}: column widths");
        }
    }

    #[test]
    fn a_section_alone_is_a_workbook_of_its_own() {
        let report = example_report(&["harbour"]).only(&[crate::Section::Soa]);
        let bytes = super::render(&report).unwrap();
        assert_eq!(workbook(&bytes).sheet_names(), ["Document control", "SoA ISMS"]);
    }

    #[test]
    fn hostile_text_is_a_string_never_a_formula() {
        let report = super::super::tests::hostile_report();
        let bytes = super::render(&report).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        for i in 0..archive.len() {
            let mut file = archive.by_index(i).unwrap();
            if file.name().starts_with("xl/worksheets/") {
                let mut xml = String::new();
                file.read_to_string(&mut xml).unwrap();
                assert!(
                    !xml.contains("<f>") && !xml.contains("<f "),
                    "a formula in {}",
                    file.name()
                );
            }
        }
        let mut book = workbook(&bytes);
        let soa = book.worksheet_range("SoA ISMS").unwrap();
        let justifications: Vec<String> = (1..soa.height()).map(|r| cell(&soa, r, 4)).collect();
        assert!(
            justifications.contains(&"=HYPERLINK(\"http://e.x\")".to_string()),
            "{justifications:?}"
        );
        assert!(justifications.contains(&"@SUM(A1)".to_string()));
    }

    #[test]
    fn a_cell_holds_at_most_what_excel_allows() {
        let long = "x".repeat(40_000);
        let cut = super::cell_text(&long);
        assert_eq!(cut.chars().count(), 32_767);
        assert!(cut.ends_with('…'));
    }
}
