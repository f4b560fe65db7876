//! The report as GitHub-flavoured Markdown: headings and pipe tables, with
//! symbols always next to words (a reader of a plain-text diff or a screen
//! reader gets the same information).

use std::fmt::Write;

use super::{Cell, MatrixRow, Report, RowKind, Section, SoaCounts};
use ims_analysis::markup::{code_span as code, markdown as md};
use ims_analysis::Severity;

/// Renders the report as Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}\n", report.kind_title(), md(&report.title));
    if !report.standards.is_empty() {
        let _ = writeln!(out, "Integrated standards: {}.  ", md(&report.standards.join(", ")));
    }
    let files: Vec<String> = report.files.iter().map(|f| code(f)).collect();
    let _ = writeln!(out, "Files: {}.\n", files.join(", "));
    control(&mut out, report);
    let mut contents = Vec::new();
    for section in &report.sections {
        match section {
            Section::Soa => {
                for soa in &report.soa {
                    contents.push(format!(
                        "[Statement of Applicability: {}](#statement-of-applicability-{})",
                        md(&soa.system),
                        soa.system.to_lowercase()
                    ));
                }
            }
            other => contents.push(format!(
                "[{}](#{})",
                other.title(),
                other.title().to_lowercase().replace(' ', "-")
            )),
        }
    }
    if contents.len() > 1 {
        let _ = writeln!(out, "Contents: {}\n", contents.join(" · "));
    }
    write_sections!(&mut out, report);
    out
}

/// The document control block: a two-column table.
fn control(out: &mut String, report: &Report) {
    let c = &report.control;
    out.push_str("| Document control | |\n|---|---|\n");
    let none = || "—".to_string();
    for (label, value) in [
        ("Date", md(&c.date)),
        ("IMS revision", md(&c.revision())),
        ("Version", c.version.as_deref().map_or_else(none, md)),
        ("Status", c.status.as_deref().map_or_else(none, md)),
        ("Owner", c.owner.as_deref().map_or_else(none, code)),
        ("Approver", c.approver.as_deref().map_or_else(none, md)),
        ("Made with", md(&c.tool_version)),
    ] {
        let _ = writeln!(out, "| {label} | {value} |");
    }
    out.push('\n');
}

fn parties(out: &mut String, report: &Report) {
    out.push_str("## Interested parties\n\nThe interested parties and their relevant requirements (4.2 of each standard).\n\n");
    if report.parties.is_empty() {
        out.push_str("The IMS declares no interested parties.\n\n");
        return;
    }
    out.push_str("| Party | Systems | Requirements |\n|---|---|---|\n");
    for p in &report.parties {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} |",
            code(&p.name),
            titled(p.title.as_deref()),
            md(&p.systems.join(", ")),
            md(p.requirements.as_deref().unwrap_or(""))
        );
    }
    out.push('\n');
}

fn objectives(out: &mut String, report: &Report) {
    out.push_str("## Objectives\n\nThe objectives, their owners, targets and measures (6.2 of each standard).\n\n");
    if report.objectives.is_empty() {
        out.push_str("The IMS declares no objectives.\n\n");
        return;
    }
    out.push_str("| Objective | Systems | Owner | Target | Measure |\n|---|---|---|---|---|\n");
    for o in &report.objectives {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} | {} |",
            code(&o.name),
            titled(o.title.as_deref()),
            md(&o.systems.join(", ")),
            o.owner.as_deref().map(code).unwrap_or_default(),
            md(o.target.as_deref().unwrap_or("")),
            md(o.measure.as_deref().unwrap_or(""))
        );
    }
    out.push('\n');
}

fn documents(out: &mut String, report: &Report) {
    out.push_str("## Documented information\n\nThe documents the systems keep (7.5) and what each is evidence for.\n\n");
    if report.documents.is_empty() {
        out.push_str("The IMS declares no documents.\n\n");
        return;
    }
    out.push_str("| Document | Systems | Owner | Evidence for | Evidence of the controls |\n|---|---|---|---|---|\n");
    for d in &report.documents {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} | {} | {} |",
            code(&d.name),
            titled(d.title.as_deref()),
            md(&d.systems.join(", ")),
            d.owner.as_deref().map(code).unwrap_or_default(),
            d.evidence.iter().map(|e| md(e)).collect::<Vec<_>>().join("<br>"),
            md(&d.evidence_of_controls.join(", "))
        );
    }
    out.push('\n');
}

/// ` “Title”` after a name, or nothing.
fn titled(title: Option<&str>) -> String {
    title.map_or_else(String::new, |t| format!(" “{}”", md(t)))
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    out.push_str("## Summary\n\n### Coverage of the requirement clauses (4-10)\n\n");
    out.push_str(
        "| System | Standard | Covered | Delegated | Excluded | Missing | Addressed | |\n",
    );
    out.push_str("|---|---|--:|--:|--:|--:|--:|---|\n");
    for c in &s.coverage {
        match &c.requirements {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} | {} of {} ({}%) | `{}` |",
                    md(&c.system),
                    md(&c.standard_name),
                    r.covered,
                    r.delegated,
                    r.excluded,
                    r.missing,
                    r.done(),
                    r.total,
                    r.percent(),
                    bar(r.percent())
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "| {} | {} | | | | | no coverage | |",
                    md(&c.system),
                    md(&c.standard_name)
                );
            }
        }
    }
    let soas: Vec<(&str, &str, &SoaCounts)> = s
        .coverage
        .iter()
        .filter_map(|c| {
            c.soa.as_ref().map(|soa| (c.system.as_str(), c.standard_name.as_str(), soa))
        })
        .collect();
    if !soas.is_empty() {
        out.push_str("\n### Statements of Applicability (Annex A)\n\n");
        out.push_str(
            "| System | Standard | Applicable | Implemented | In place | Excluded | Not addressed | Addressed in the SoA | | In place, of the applicable | |\n",
        );
        out.push_str("|---|---|--:|--:|--:|--:|--:|--:|---|--:|---|\n");
        for (system, standard, soa) in soas {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} of {} ({}%) | `{}` | {} of {} ({}%) | `{}` |",
                md(system),
                md(standard),
                soa.applicable,
                soa.implemented,
                soa.in_place,
                soa.excluded,
                soa.missing,
                soa.applicable + soa.excluded,
                soa.total,
                soa.percent(),
                bar(soa.percent()),
                soa.in_place,
                soa.applicable,
                soa.in_place_percent(),
                bar(soa.in_place_percent())
            );
        }
        out.push_str("\n*Implemented*: a process covers the control. *In place*: implemented, and the SoA does not declare it `partial`, `planned` or `not-implemented`.\n");
    }
    let h = &s.harmonized;
    out.push_str("\n### Integration of the common structure\n\n");
    let _ = writeln!(
        out,
        "**{} of {}** harmonized clauses that two or more systems share are served by one process for several systems.\n",
        h.shared, h.rows
    );
    if !h.by_process.is_empty() {
        out.push_str("| Process | Harmonized clauses it serves for several systems |\n|---|--:|\n");
        for (process, count) in &h.by_process {
            let _ = writeln!(out, "| {} | {count} |", md(&process.name));
        }
        out.push('\n');
    }
    out.push_str("### Findings by severity\n\n");
    let v = &s.severities;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(
        out,
        "{}, {}, {} info, {} (as `ims check` reports them).\n",
        plural(v.error, "error"),
        plural(v.warning, "warning"),
        v.info,
        plural(v.hint, "hint")
    );
    if !s.by_code.is_empty() {
        out.push_str("| Code | Severity | Count |\n|---|---|--:|\n");
        for (code_name, severity, count) in &s.by_code {
            let _ =
                writeln!(out, "| {} | {} | {count} |", code(code_name), severity_word(*severity));
        }
        out.push('\n');
    }
}

fn matrix(out: &mut String, report: &Report) {
    out.push_str("## Integration matrix\n\n");
    out.push_str(
        "Legend: ✓ covered · ↪ delegated to another system · ⊘ excluded · ✗ missing · ◐ partly (sub-clauses in different states) · ! applicable, not implemented · ↔ a correlated clause of the system's own standard · — not in this standard.\n\n",
    );
    for section in &report.matrix {
        let _ = writeln!(out, "### {}\n\n{}\n", md(&section.title), md(&section.note));
        out.push_str("| Clause |");
        for system in &report.systems {
            let _ = write!(out, " {} ({}) |", md(&system.name), md(&system.standard_name));
        }
        out.push_str(" One process for several systems |\n|---|");
        for _ in &report.systems {
            out.push_str("---|");
        }
        out.push_str("---|\n");
        for row in &section.rows {
            matrix_row(out, report, row);
        }
        out.push('\n');
    }
}

fn matrix_row(out: &mut String, report: &Report, row: &MatrixRow) {
    if row.kind == RowKind::Heading {
        let _ = write!(out, "| **{} {}** |", md(&row.number), md(&row.title));
        for _ in &report.systems {
            out.push_str(" |");
        }
        out.push_str(" |\n");
        return;
    }
    let tag = row.standard_tag.as_ref().map_or_else(String::new, |t| format!("*{}* ", md(t)));
    let _ = write!(out, "| {tag}{} {} |", md(&row.number), md(&row.title));
    let harmonized = matches!(row.kind, RowKind::Harmonized { .. });
    for c in &row.cells {
        let text = match c {
            Cell::Empty => "—".to_string(),
            Cell::Own { clause, status, .. } if harmonized => {
                format!("{} {}", code(&clause.clause), md(&status.describe()))
            }
            Cell::Own { status, .. } => md(&status.describe()),
            Cell::Correlated(list) => list
                .iter()
                .map(|c| {
                    let inherited = c
                        .inherited_from
                        .as_ref()
                        .map_or_else(String::new, |from| format!("; as part of {}", md(from)));
                    format!(
                        "↔ {} {} ({}, {}{inherited}): {}",
                        code(&c.clause.clause),
                        md(&c.title),
                        c.relation,
                        c.strength,
                        md(&c.status.describe())
                    )
                })
                .collect::<Vec<_>>()
                .join("<br>"),
        };
        let _ = write!(out, " {text} |");
    }
    let shared: Vec<String> = row
        .shared
        .iter()
        .map(|s| format!("{} ({})", md(&s.process.name), md(&s.systems.join(", "))))
        .collect();
    let _ = writeln!(out, " {} |", shared.join("<br>"));
}

fn scope(out: &mut String, report: &Report) {
    out.push_str("## Scope matrix\n\n");
    out.push_str(
        "Units, sites and services against each system's effective scope. Legend: ● in · ◐ partly (a unit in a location-based scope only for its work at some sites) · ○ out. ⚠ marks a scope finding of `ims check`.\n\n",
    );
    if report.scope.is_empty() {
        out.push_str("The IMS declares no units, sites or services.\n\n");
        return;
    }
    out.push_str("| Kind | Name |");
    for system in &report.systems {
        let _ = write!(out, " {} ({}) |", md(&system.name), system.scope_kind);
    }
    out.push_str(" Finding |\n|---|---|");
    for _ in &report.systems {
        out.push_str("---|");
    }
    out.push_str("---|\n");
    for row in &report.scope {
        let title = row.title.as_ref().map_or_else(String::new, |t| format!(" “{}”", md(t)));
        let _ = write!(out, "| {} | {}{title} |", row.kind, code(&row.name));
        for c in &row.cells {
            let _ = write!(out, " {} {}: {} |", c.state.symbol(), c.state.keyword(), md(&c.reason));
        }
        let findings: Vec<String> = row.findings.iter().map(|f| format!("⚠ {}", code(f))).collect();
        let _ = writeln!(out, " {} |", findings.join(", "));
    }
    out.push('\n');
}

fn soa(out: &mut String, report: &Report) {
    for table in &report.soa {
        let _ = writeln!(
            out,
            "## Statement of Applicability: {}\n\n{}, every Annex A control.\n",
            md(&table.system),
            md(&table.standard_name)
        );
        out.push_str("| Control | Title | Status | Justification | Reason | Implementation | Owner | Evidence | Implemented by |\n");
        out.push_str("|---|---|---|---|---|---|---|---|---|\n");
        for row in &table.rows {
            if row.heading {
                let _ = writeln!(
                    out,
                    "| **{}** | **{}** | | | | | | | |",
                    md(&row.control),
                    md(&row.title)
                );
                continue;
            }
            let entry = row.entry.as_ref();
            let reasons = entry.map(|e| md(&e.reasons.join(", "))).unwrap_or_default();
            let implementation =
                entry.and_then(|e| e.implementation.as_deref()).map(md).unwrap_or_default();
            let owner = entry.and_then(|e| e.owner.as_deref()).map(code).unwrap_or_default();
            let evidence = entry.map(|e| md(&e.evidence.join(", "))).unwrap_or_default();
            let (status, justification, by) = match &row.status {
                Some(status) => (
                    format!("{} {}", status.symbol(), md(&status.label())),
                    status.justification().map(md).unwrap_or_default(),
                    status
                        .processes()
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                None => ("—".to_string(), String::new(), String::new()),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {reasons} | {implementation} | {owner} | {evidence} | {} |",
                md(&row.control),
                md(&row.title),
                status,
                justification,
                md(&by)
            );
        }
        out.push('\n');
    }
}

fn processes(out: &mut String, report: &Report) {
    out.push_str("## Processes\n\n");
    if report.processes.is_empty() {
        out.push_str("The IMS declares no processes.\n\n");
        return;
    }
    out.push_str("| Process | Owner | Performed by | Covers | Systems | Defined at |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for p in &report.processes {
        let title = p.title.as_ref().map_or_else(String::new, |t| format!(" “{}”", md(t)));
        let _ = writeln!(
            out,
            "| {}{title} | {} | {} | {} | {} | {} |",
            code(&p.process.name),
            md(p.owner.as_deref().unwrap_or("")),
            md(&p.performers.join(", ")),
            md(&p.covers.join(", ")),
            md(&p.systems.join(", ")),
            code(&format!("{}:{}", p.process.loc.file, p.process.loc.line))
        );
    }
    out.push('\n');
}

fn findings(out: &mut String, report: &Report) {
    out.push_str("## Findings\n\n");
    if report.findings.is_empty() {
        out.push_str("`ims check` reports nothing.\n");
        return;
    }
    out.push_str("| Severity | Code | Where | Message |\n|---|---|---|---|\n");
    for f in &report.findings {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            severity_word(f.severity),
            code(&f.code),
            code(&format!("{}:{}", f.loc.file, f.loc.line)),
            md(&f.message)
        );
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Hint => "hint",
    }
}

/// A 20-character bar: `█` for each 5 %.
fn bar(percent: usize) -> String {
    let filled = (percent / 5).min(20);
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

#[cfg(test)]
mod tests {
    use expect_test::expect_file;

    #[test]
    fn acme() {
        let report = super::super::tests::example_report(&["acme.ims"]);
        expect_file!["snapshots/acme.md"].assert_eq(&super::render(&report));
    }
}
