//! The report as one self-contained HTML file: inline CSS, no script, no
//! font, image or link outside the file. It prints well (a page per
//! section, landscape, light backgrounds, table headers repeated on every
//! page) and is accessible (captions, header cells with `scope`, text and
//! symbols next to every colour).
//!
//! Every process name, clause row, system, scope entity and finding carries
//! `data-file`, `data-line` (one-based) and `data-offset` (bytes) where the
//! IMS defines or names it, and clause rows and cells carry `data-clause`
//! (`iso9001@2015:8.4`), so that an editor's webview can go to the
//! definition. The document is well-formed XML as well as HTML.

use std::fmt::Write;

use super::{
    anchor, Cell, Loc, MatrixRow, ProcessRef, Report, RowKind, ScopeState, Section, Status,
};
use ims_analysis::Severity;

const STYLE: &str = include_str!("report.css");

/// Renders the report as a complete HTML document.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
    let _ = writeln!(out, "<title>{}: {}</title>", report.kind_title(), text(&report.title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>");
    header(&mut out, report);
    write_sections!(&mut out, report);
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, report: &Report) {
    out.push_str("<header>\n");
    let _ = writeln!(
        out,
        "<p class=\"kicker\">{}</p>\n<h1>{}</h1>",
        report.kind_title(),
        text(&report.title)
    );
    out.push_str("<dl class=\"meta\">\n");
    if !report.standards.is_empty() {
        let _ = writeln!(out, "<dt>Standards</dt><dd>{}</dd>", text(&report.standards.join(", ")));
    }
    if !report.systems.is_empty() {
        let systems: Vec<String> = report
            .systems
            .iter()
            .map(|s| {
                format!(
                    "<span class=\"system\"{}>{}</span> ({}, {} scope)",
                    loc_attrs(&s.loc),
                    text(&s.name),
                    text(&s.standard_name),
                    s.scope_kind
                )
            })
            .collect();
        let _ = writeln!(out, "<dt>Systems</dt><dd>{}</dd>", systems.join("; "));
    }
    let files: Vec<String> =
        report.files.iter().map(|f| format!("<code>{}</code>", text(f))).collect();
    let _ = writeln!(out, "<dt>Files</dt><dd>{}</dd>", files.join(", "));
    out.push_str("</dl>\n");
    control(out, report);
    out.push_str("<nav aria-label=\"Contents\">\n<ul>\n");
    let mut contents = Vec::new();
    for &section in &report.sections {
        match section {
            Section::Soa => {
                for table in &report.soa {
                    contents.push((
                        anchor(&["soa", &table.system]),
                        format!("Statement of Applicability: {}", table.system),
                    ));
                }
            }
            other => contents.push((other.name().to_string(), other.title().to_string())),
        }
    }
    for (id, title) in contents {
        let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", text(&title));
    }
    out.push_str("</ul>\n</nav>\n</header>\n");
}

fn summary(out: &mut String, report: &Report) {
    let s = &report.summary;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    for c in &s.coverage {
        out.push_str("<div class=\"card\">\n");
        let _ = writeln!(
            out,
            "<h3>{} <span class=\"muted\">{}</span></h3>",
            text(&c.system),
            text(&c.standard_name)
        );
        match &c.requirements {
            Some(r) => {
                meter(out, "Requirement clauses addressed", r.done(), r.total, r.percent());
                let _ = writeln!(
                    out,
                    "<p class=\"counts\">{} covered · {} delegated · {} excluded · <strong>{} missing</strong></p>",
                    r.covered, r.delegated, r.excluded, r.missing
                );
            }
            None => out.push_str("<p>No known standard, no coverage.</p>\n"),
        }
        if let Some(soa) = &c.soa {
            meter(
                out,
                "Annex A controls addressed in the SoA",
                soa.applicable + soa.excluded,
                soa.total,
                soa.percent(),
            );
            let _ = writeln!(
                out,
                "<p class=\"counts\">{} applicable ({} implemented) · {} excluded · <strong>{} not addressed</strong></p>",
                soa.applicable, soa.implemented, soa.excluded, soa.missing
            );
            meter(
                out,
                "Applicable controls in place",
                soa.in_place,
                soa.applicable,
                soa.in_place_percent(),
            );
            let _ = writeln!(
                out,
                "<p class=\"counts\">implemented by a process and not declared partial, planned or not implemented: <strong>{} not in place</strong></p>",
                soa.applicable - soa.in_place
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");

    out.push_str("<div class=\"columns\">\n<div>\n<h3>Integration of the common structure</h3>\n");
    let h = &s.harmonized;
    let _ = writeln!(
        out,
        "<p><strong class=\"figure\">{} of {}</strong> harmonized clauses that two or more systems share are served by one process for several systems.</p>",
        h.shared, h.rows
    );
    if !h.by_process.is_empty() {
        out.push_str("<p>Processes serving harmonized clauses for several systems, with how many:</p>\n<ul class=\"served\">\n");
        for (process, count) in &h.by_process {
            let _ = writeln!(
                out,
                "<li>{} <span class=\"count\">{count}</span></li>",
                process_link(process)
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n<div>\n<h3>Findings by severity</h3>\n");
    let v = &s.severities;
    out.push_str("<p>As <code>ims check</code> reports them:</p>\n<ul class=\"severities\">\n");
    for (severity, count) in [
        (Severity::Error, v.error),
        (Severity::Warning, v.warning),
        (Severity::Info, v.info),
        (Severity::Hint, v.hint),
    ] {
        let _ = writeln!(
            out,
            "<li{}><span aria-hidden=\"true\">{}</span> <strong>{count}</strong> {}</li>",
            if count > 0 { format!(" class=\"sev-{severity}\"") } else { String::new() },
            severity_symbol(severity),
            if count == 1 { severity.to_string() } else { severity_plural(severity).to_string() }
        );
    }
    out.push_str("</ul>\n");
    if !s.by_code.is_empty() {
        out.push_str("<table class=\"compact\">\n<caption>Findings by code</caption>\n");
        out.push_str("<thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Severity</th><th scope=\"col\" class=\"num\">Count</th></tr></thead>\n<tbody>\n");
        for (code, severity, count) in &s.by_code {
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\"><code>{}</code></th><td>{severity}</td><td class=\"num\">{count}</td></tr>",
                text(code)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</div>\n</div>\n</section>\n");
}

/// A bar with its figures in words beside it.
fn meter(out: &mut String, label: &str, done: usize, total: usize, percent: usize) {
    let _ = writeln!(
        out,
        "<p class=\"meter-label\">{label}: <strong>{done} of {total}</strong> ({percent}%)</p>\n<div class=\"bar\" role=\"img\" aria-label=\"{label}: {done} of {total}, {percent}%\"><div class=\"fill\" style=\"width: {percent}%\"></div></div>"
    );
}

fn matrix(out: &mut String, report: &Report) {
    out.push_str("<section id=\"matrix\">\n<h2>Integration matrix</h2>\n");
    out.push_str("<p>Rows are clauses, columns the systems. Where a system's standard does not have the row's clause, its cell shows the clauses of its own standard that correlate with it (↔), so that one row shows a process meeting several standards at once.</p>\n");
    legend(out);
    if report.matrix.is_empty() {
        out.push_str("<p>No system with a known standard: nothing to show.</p>\n");
    }
    for section in &report.matrix {
        let _ = writeln!(
            out,
            "<table class=\"matrix\" id=\"{}\">\n<caption><span class=\"caption-title\">{}</span> <span class=\"note\">{}</span></caption>",
            section.id,
            text(&section.title),
            text(&section.note)
        );
        out.push_str("<colgroup><col class=\"clause-col\" />");
        for _ in &report.systems {
            out.push_str("<col />");
        }
        out.push_str("<col class=\"shared-col\" /></colgroup>\n");
        out.push_str("<thead><tr><th scope=\"col\">Clause</th>");
        for system in &report.systems {
            let _ = write!(
                out,
                "<th scope=\"col\"{}>{}<br /><span class=\"muted\">{}</span></th>",
                loc_attrs(&system.loc),
                text(&system.name),
                text(&system.standard_name)
            );
        }
        out.push_str(
            "<th scope=\"col\">One process for several systems</th></tr></thead>\n<tbody>\n",
        );
        for row in &section.rows {
            matrix_row(out, report, row);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn legend(out: &mut String) {
    out.push_str("<ul class=\"legend\" aria-label=\"Legend\">\n");
    for (class, symbol, words) in [
        ("covered", "✓", "by the processes named"),
        ("delegated", "↪", "met by another system (via)"),
        ("excluded", "⊘", "not applicable, with its justification"),
        ("missing", "✗", "nothing covers it"),
        ("partly", "◐", "sub-clauses in different states"),
        ("not-implemented", "!", "applicable in the SoA, no process implements it"),
    ] {
        let _ = writeln!(
            out,
            "<li><span class=\"chip st-{class}\">{symbol} {}</span> {words}</li>",
            class.replace('-', " ")
        );
    }
    out.push_str("<li><span class=\"chip correlated\">↔</span> a correlated clause of the system's own standard</li>\n");
    out.push_str("<li><span class=\"chip\">—</span> not in this standard</li>\n</ul>\n");
}

fn matrix_row(out: &mut String, report: &Report, row: &MatrixRow) {
    let columns = report.systems.len() + 2;
    if row.kind == RowKind::Heading {
        let _ = writeln!(
            out,
            "<tr class=\"heading\" id=\"{}\"><th scope=\"colgroup\" colspan=\"{columns}\">{} {}</th></tr>",
            row.id,
            text(&row.number),
            text(&row.title)
        );
        return;
    }
    let data = match &row.kind {
        RowKind::Harmonized { hs } => format!(" data-hs=\"{}\"", attr(hs)),
        RowKind::Own { clause } => format!(" data-clause=\"{}\"", attr(&clause.to_string())),
        RowKind::Heading => String::new(),
    };
    let kind = if matches!(row.kind, RowKind::Harmonized { .. }) { "harmonized" } else { "own" };
    let _ = write!(out, "<tr id=\"{}\" class=\"{kind} depth-{}\"{data}>", row.id, row.depth.min(3));
    let tag = row
        .standard_tag
        .as_ref()
        .map_or_else(String::new, |t| format!("<span class=\"tag\">{}</span> ", text(t)));
    let _ = write!(
        out,
        "<th scope=\"row\">{tag}<span class=\"num\">{}</span> {}</th>",
        text(&row.number),
        text(&row.title)
    );
    let harmonized = matches!(row.kind, RowKind::Harmonized { .. });
    for c in &row.cells {
        match c {
            Cell::Empty => out.push_str(
                "<td class=\"empty\"><span aria-label=\"not in this standard\">—</span></td>",
            ),
            Cell::Own { clause, status, reference } => {
                let number = if harmonized {
                    format!("<span class=\"num\">{}</span> ", text(&clause.clause))
                } else {
                    String::new()
                };
                let _ = write!(
                    out,
                    "<td class=\"st-{}\" data-clause=\"{}\"{}>{number}{}</td>",
                    status.keyword(),
                    attr(&clause.to_string()),
                    reference.as_ref().map(loc_attrs).unwrap_or_default(),
                    status_html(status)
                );
            }
            Cell::Correlated(list) => {
                out.push_str("<td class=\"correlated\"><ul>");
                for c in list {
                    let inherited = c
                        .inherited_from
                        .as_ref()
                        .map_or_else(String::new, |from| format!("; as part of {}", text(from)));
                    let _ = write!(
                        out,
                        "<li class=\"st-{}\" data-clause=\"{}\"><span class=\"corr\">↔ <span class=\"num\">{}</span> {} <span class=\"relation\">({}, {}{inherited})</span></span> {}</li>",
                        c.status.keyword(),
                        attr(&c.clause.to_string()),
                        text(&c.clause.clause),
                        text(&c.title),
                        c.relation,
                        c.strength,
                        status_html(&c.status)
                    );
                }
                out.push_str("</ul></td>");
            }
        }
    }
    out.push_str("<td class=\"shared\">");
    for (i, s) in row.shared.iter().enumerate() {
        if i > 0 {
            out.push_str("<br />");
        }
        let _ = write!(
            out,
            "{} <span class=\"muted\">({})</span>",
            process_link(&s.process),
            text(&s.systems.join(", "))
        );
    }
    out.push_str("</td></tr>\n");
}

/// A status in words, its symbol first, processes as links.
fn status_html(status: &Status) -> String {
    let mut html = format!(
        "<span class=\"sym\" aria-hidden=\"true\">{}</span> {}",
        status.symbol(),
        text(&status.label())
    );
    let by = status.processes();
    if !by.is_empty() {
        let verb = match status {
            Status::Applicable { .. } => ", implemented by ",
            Status::Partly { .. } => "; covered by ",
            _ => " by ",
        };
        html.push_str(verb);
        let links: Vec<String> = by.iter().map(process_link).collect();
        html.push_str(&links.join(", "));
    }
    match status {
        Status::Excluded { justification: Some(why) } => {
            let _ = write!(html, ": <q>{}</q>", text(why));
        }
        Status::Excluded { justification: None } => html.push_str(", no justification"),
        _ => {}
    }
    html
}

fn process_link(process: &ProcessRef) -> String {
    format!(
        "<a class=\"process\" href=\"#{}\" data-process=\"{}\"{}>{}</a>",
        anchor(&["process", &process.name]),
        attr(&process.name),
        loc_attrs(&process.loc),
        text(&process.name)
    )
}

fn scope(out: &mut String, report: &Report) {
    out.push_str("<section id=\"scope\">\n<h2>Scope matrix</h2>\n");
    out.push_str("<p>Units, sites and services against each system's effective scope. Rows marked ⚠ carry a scope finding of <code>ims check</code>: integration is limited where scopes differ.</p>\n");
    if report.scope.is_empty() {
        out.push_str("<p>The IMS declares no units, sites or services.</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"scope\">\n<caption>Units, sites and services in (●), partly in (◐) or out of (○) each scope</caption>\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\">Name</th>");
    for system in &report.systems {
        let _ = write!(
            out,
            "<th scope=\"col\"{}>{}<br /><span class=\"muted\">{} scope</span></th>",
            loc_attrs(&system.loc),
            text(&system.name),
            system.scope_kind
        );
    }
    out.push_str("<th scope=\"col\">Finding</th></tr></thead>\n<tbody>\n");
    for row in &report.scope {
        let gap = if row.findings.is_empty() { "" } else { " class=\"gap\"" };
        let _ = write!(
            out,
            "<tr{gap} id=\"{}\"><td>{}</td><th scope=\"row\"{}><code>{}</code>{}</th>",
            anchor(&[row.kind, &row.name]),
            row.kind,
            loc_attrs(&row.loc),
            text(&row.name),
            row.title.as_ref().map_or_else(String::new, |t| format!(
                "<br /><span class=\"muted\">{}</span>",
                text(t)
            ))
        );
        for c in &row.cells {
            let class = match c.state {
                ScopeState::In => "in",
                ScopeState::Partly => "partly",
                ScopeState::Out => "out",
            };
            let _ = write!(
                out,
                "<td class=\"sc-{class}\"><span class=\"sym\" aria-hidden=\"true\">{}</span> {}<br /><span class=\"why\">{}</span></td>",
                c.state.symbol(),
                c.state.keyword(),
                text(&c.reason)
            );
        }
        let findings: Vec<String> =
            row.findings.iter().map(|f| format!("⚠ <code>{}</code>", text(f))).collect();
        let _ = writeln!(out, "<td>{}</td></tr>", findings.join("<br />"));
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn soa(out: &mut String, report: &Report) {
    for table in &report.soa {
        let _ = writeln!(
            out,
            "<section id=\"{}\">\n<h2>Statement of Applicability: {}</h2>",
            anchor(&["soa", &table.system]),
            text(&table.system)
        );
        out.push_str("<table class=\"soa\">\n");
        let _ = writeln!(
            out,
            "<caption>Every Annex A control of {}, as the SoA of {} addresses it</caption>",
            text(&table.standard_name),
            text(&table.system)
        );
        out.push_str("<thead><tr><th scope=\"col\">Control</th><th scope=\"col\">Title</th><th scope=\"col\">Status</th><th scope=\"col\">Justification</th><th scope=\"col\">Reason</th><th scope=\"col\">Implementation</th><th scope=\"col\">Owner</th><th scope=\"col\">Evidence</th><th scope=\"col\">Implemented by</th></tr></thead>\n<tbody>\n");
        for row in &table.rows {
            if row.heading {
                let _ = writeln!(
                    out,
                    "<tr class=\"heading\" id=\"{}\"><th scope=\"colgroup\" colspan=\"9\">{} {}</th></tr>",
                    row.id,
                    text(&row.control),
                    text(&row.title)
                );
                continue;
            }
            let (class, status, justification, by) = match &row.status {
                Some(status) => (
                    status.keyword(),
                    format!(
                        "<span class=\"sym\" aria-hidden=\"true\">{}</span> {}",
                        status.symbol(),
                        text(&status.label())
                    ),
                    status.justification().map(text).unwrap_or_default(),
                    status.processes().iter().map(process_link).collect::<Vec<_>>().join(", "),
                ),
                None => ("none", "—".to_string(), String::new(), String::new()),
            };
            let entry = row.entry.as_ref();
            let reasons = entry.map(|e| text(&e.reasons.join(", "))).unwrap_or_default();
            let implementation =
                entry.and_then(|e| e.implementation.as_deref()).map(text).unwrap_or_default();
            let owner = entry
                .and_then(|e| e.owner.as_deref())
                .map(|o| format!("<code>{}</code>", text(o)))
                .unwrap_or_default();
            let evidence = entry.map(|e| text(&e.evidence.join(", "))).unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr id=\"{}\" data-clause=\"{}\"{}><th scope=\"row\" class=\"control\">{}</th><td>{}</td><td class=\"st-{class}\">{status}</td><td>{justification}</td><td>{reasons}</td><td class=\"implementation\">{implementation}</td><td>{owner}</td><td>{evidence}</td><td>{by}</td></tr>",
                row.id,
                attr(&row.key.to_string()),
                row.reference.as_ref().map(loc_attrs).unwrap_or_default(),
                text(&row.control),
                text(&row.title)
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
}

/// The document control block.
fn control(out: &mut String, report: &Report) {
    let c = &report.control;
    out.push_str("<table class=\"control\">\n<caption>Document control</caption>\n<tbody>\n");
    let none = || "—".to_string();
    for (label, value) in [
        ("Date", text(&c.date)),
        ("IMS revision", format!("<code>{}</code>", text(&c.revision()))),
        ("Version", c.version.as_deref().map_or_else(none, text)),
        ("Status", c.status.as_deref().map_or_else(none, text)),
        ("Owner", c.owner.as_deref().map_or_else(none, |o| format!("<code>{}</code>", text(o)))),
        ("Approver", c.approver.as_deref().map_or_else(none, text)),
        ("Made with", text(&c.tool_version)),
    ] {
        let _ = writeln!(out, "<tr><th scope=\"row\">{label}</th><td>{value}</td></tr>");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// One register: a section with a table of `columns`, one row per item.
fn register(
    out: &mut String,
    id: &str,
    title: &str,
    caption: &str,
    columns: &[&str],
    rows: Vec<(&str, Option<&str>, &Loc, Vec<String>)>,
) {
    let _ = writeln!(out, "<section id=\"{id}\">\n<h2>{title}</h2>");
    if rows.is_empty() {
        let _ = writeln!(out, "<p>The IMS declares none.</p>\n</section>");
        return;
    }
    let _ = writeln!(out, "<table class=\"register\">\n<caption>{caption}</caption>\n<thead><tr>");
    for column in columns {
        let _ = write!(out, "<th scope=\"col\">{column}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (name, title, loc, cells) in rows {
        let _ = write!(
            out,
            "<tr id=\"{}\"><th scope=\"row\"{}>{}</th>",
            anchor(&[id, name]),
            loc_attrs(loc),
            name_cell(name, title)
        );
        for cell in cells {
            let _ = write!(out, "<td>{cell}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// `<code>name</code>` and the title under it.
fn name_cell(name: &str, title: Option<&str>) -> String {
    format!(
        "<code>{}</code>{}",
        text(name),
        title.map_or_else(String::new, |t| format!(
            "<br /><span class=\"muted\">{}</span>",
            text(t)
        ))
    )
}

fn parties(out: &mut String, report: &Report) {
    let rows = report
        .parties
        .iter()
        .map(|p| {
            let cells =
                vec![text(&p.systems.join(", ")), text(p.requirements.as_deref().unwrap_or(""))];
            (p.name.as_str(), p.title.as_deref(), &p.loc, cells)
        })
        .collect();
    register(
        out,
        "parties",
        "Interested parties",
        "The interested parties and their relevant requirements (4.2 of each standard)",
        &["Party", "Systems", "Requirements"],
        rows,
    );
}

fn objectives(out: &mut String, report: &Report) {
    let rows = report
        .objectives
        .iter()
        .map(|o| {
            let cells = vec![
                text(&o.systems.join(", ")),
                o.owner.as_deref().map(|o| format!("<code>{}</code>", text(o))).unwrap_or_default(),
                text(o.target.as_deref().unwrap_or("")),
                text(o.measure.as_deref().unwrap_or("")),
            ];
            (o.name.as_str(), o.title.as_deref(), &o.loc, cells)
        })
        .collect();
    register(
        out,
        "objectives",
        "Objectives",
        "The objectives, their owners, targets and measures (6.2 of each standard)",
        &["Objective", "Systems", "Owner", "Target", "Measure"],
        rows,
    );
}

fn documents(out: &mut String, report: &Report) {
    let rows = report
        .documents
        .iter()
        .map(|d| {
            let cells = vec![
                text(&d.systems.join(", ")),
                d.owner.as_deref().map(|o| format!("<code>{}</code>", text(o))).unwrap_or_default(),
                d.evidence.iter().map(|e| text(e)).collect::<Vec<_>>().join("<br />"),
                text(&d.evidence_of_controls.join(", ")),
            ];
            (d.name.as_str(), d.title.as_deref(), &d.loc, cells)
        })
        .collect();
    register(
        out,
        "documents",
        "Documented information",
        "The documents the systems keep (7.5) and what each is evidence for",
        &["Document", "Systems", "Owner", "Evidence for", "Evidence of the controls"],
        rows,
    );
}

fn processes(out: &mut String, report: &Report) {
    out.push_str("<section id=\"processes\">\n<h2>Processes</h2>\n");
    if report.processes.is_empty() {
        out.push_str("<p>The IMS declares no processes.</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"processes\">\n<caption>Every process, what it covers as written, and the systems it serves</caption>\n");
    out.push_str("<thead><tr><th scope=\"col\">Process</th><th scope=\"col\">Owner</th><th scope=\"col\">Performed by</th><th scope=\"col\">Covers</th><th scope=\"col\">Systems</th><th scope=\"col\">Defined at</th></tr></thead>\n<tbody>\n");
    for p in &report.processes {
        let _ = writeln!(
            out,
            "<tr id=\"{}\"><th scope=\"row\"><code class=\"process\" data-process=\"{}\"{}>{}</code>{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}:{}</code></td></tr>",
            anchor(&["process", &p.process.name]),
            attr(&p.process.name),
            loc_attrs(&p.process.loc),
            text(&p.process.name),
            p.title
                .as_ref()
                .map_or_else(String::new, |t| format!("<br /><span class=\"muted\">{}</span>", text(t))),
            text(p.owner.as_deref().unwrap_or("")),
            text(&p.performers.join(", ")),
            p.covers.iter().map(|c| format!("<code>{}</code>", text(c))).collect::<Vec<_>>().join(", "),
            text(&p.systems.join(", ")),
            text(&p.process.loc.file),
            p.process.loc.line
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn findings(out: &mut String, report: &Report) {
    out.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if report.findings.is_empty() {
        out.push_str("<p><code>ims check</code> reports nothing.</p>\n</section>\n");
        return;
    }
    out.push_str("<table class=\"findings\">\n<caption>Every diagnostic of <code>ims check</code>, in file order</caption>\n");
    out.push_str("<thead><tr><th scope=\"col\">Severity</th><th scope=\"col\">Code</th><th scope=\"col\">Where</th><th scope=\"col\">Message</th></tr></thead>\n<tbody>\n");
    for f in &report.findings {
        let _ = writeln!(
            out,
            "<tr class=\"sev-{}\"{}><td>{} {}</td><td><code>{}</code></td><td><code>{}:{}</code></td><td>{}</td></tr>",
            f.severity,
            loc_attrs(&f.loc),
            severity_symbol(f.severity),
            f.severity,
            text(&f.code),
            text(&f.loc.file),
            f.loc.line,
            code_spans(&f.message)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn severity_symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✗",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
        Severity::Hint => "·",
    }
}

fn severity_plural(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "errors",
        Severity::Warning => "warnings",
        Severity::Info => "info",
        Severity::Hint => "hints",
    }
}

/// ` data-file="…" data-line="…" data-offset="…"`.
fn loc_attrs(loc: &Loc) -> String {
    format!(
        " data-file=\"{}\" data-line=\"{}\" data-offset=\"{}\"",
        attr(&loc.file),
        loc.line,
        loc.offset
    )
}

/// A message with its `backticked` names as `<code>`.
fn code_spans(message: &str) -> String {
    let mut html = String::new();
    for (i, part) in message.split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(html, "<code>{}</code>", text(part));
        } else {
            html.push_str(&text(part));
        }
    }
    // An odd number of backticks: the last one was not a code span.
    if message.matches('`').count() % 2 == 1 {
        return text(message);
    }
    html
}

/// Text content, escaped.
fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// An attribute value, escaped for double quotes.
fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::super::tests::example_report;

    /// Checks that the document is well-formed: every element closed in
    /// order, attributes quoted, only the five XML entities. Returns the
    /// values of every `href` and `src` attribute.
    fn check_well_formed(html: &str) -> Vec<String> {
        use quick_xml::events::Event;
        let mut reader = quick_xml::Reader::from_str(html);
        reader.config_mut().check_end_names = true;
        let mut open: Vec<String> = Vec::new();
        let mut links = Vec::new();
        loop {
            match reader.read_event() {
                Ok(Event::Eof) => break,
                Ok(Event::Start(e)) => {
                    open.push(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                    collect_links(&e, reader.decoder(), &mut links);
                }
                Ok(Event::Empty(e)) => collect_links(&e, reader.decoder(), &mut links),
                Ok(Event::End(_)) => {
                    open.pop();
                }
                Ok(Event::GeneralRef(r)) => {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    assert!(
                        matches!(name.as_str(), "amp" | "lt" | "gt" | "quot" | "apos")
                            || r.is_char_ref(),
                        "an entity XML does not know: &{name};"
                    );
                }
                Ok(_) => {}
                Err(e) => panic!(
                    "not well-formed at byte {}: {e}\n{}",
                    reader.error_position(),
                    &html[reader.error_position() as usize..]
                        [..200.min(html.len() - reader.error_position() as usize)]
                ),
            }
        }
        assert!(open.is_empty(), "unclosed elements: {open:?}");
        links
    }

    fn collect_links(
        e: &quick_xml::events::BytesStart<'_>,
        decoder: quick_xml::encoding::Decoder,
        links: &mut Vec<String>,
    ) {
        for a in e.attributes() {
            let a = a.expect("a well-formed attribute");
            // The decoding form: calamine, a test dependency too, turns on
            // quick-xml's `encoding` feature, which takes `unescape_value` away.
            let value =
                a.decode_and_unescape_value(decoder).expect("attribute entities").into_owned();
            if matches!(a.key.as_ref(), b"href" | b"src" | b"action" | b"srcset") {
                links.push(value);
            }
        }
    }

    #[test]
    fn well_formed_self_contained_and_linked() {
        for paths in [&["acme.ims"][..], &["harbour"], &["multi-file"]] {
            let report = example_report(paths);
            let html = super::render(&report);
            let links = check_well_formed(&html);
            for link in &links {
                assert!(link.starts_with('#'), "{paths:?}: a link leaves the document: {link}");
                let id = format!("id=\"{}\"", &link[1..]);
                assert!(html.contains(&id), "{paths:?}: no element has {id}");
            }
            assert!(!links.is_empty());
            for forbidden in ["http://", "https://", "<script", "@import", "url("] {
                assert!(!html.contains(forbidden), "{paths:?}: the HTML contains {forbidden}");
            }
            // Unique ids.
            let mut ids: Vec<&str> = html
                .match_indices(" id=\"")
                .map(|(i, _)| &html[i + 5..][..html[i + 5..].find('"').unwrap()])
                .collect();
            let total = ids.len();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), total, "{paths:?}: duplicate ids");
        }
    }

    #[test]
    fn accessible_tables() {
        let html = super::render(&example_report(&["acme.ims"]));
        let tables = html.matches("<table").count();
        assert_eq!(html.matches("<caption>").count(), tables, "every table has a caption");
        assert!(!html.contains("<th>"), "every header cell has a scope");
        assert_eq!(html.matches("<th ").count(), html.matches("<th scope=").count());
    }

    #[test]
    fn processes_and_clauses_link_to_their_definition() {
        let html = super::render(&example_report(&["acme.ims"]));
        let acme = include_str!("../../../examples/acme.ims");
        let offset = acme.find("process review").unwrap() + "process ".len();
        let line = acme[..offset].matches('\n').count() + 1;
        assert!(html.contains(&format!(
            "data-process=\"review\" data-file=\"examples/acme.ims\" data-line=\"{line}\" data-offset=\"{offset}\""
        )));
        assert!(html.contains("<tr id=\"iso20000-1-2018-8-3-4\" class=\"own depth-1\" data-clause=\"iso20000-1@2018:8.3.4\">"));
        let covers = acme.find("20000-1:8.3.4").unwrap();
        assert!(html.contains(&format!(
            "data-clause=\"iso20000-1@2018:8.3.4\" data-file=\"examples/acme.ims\" data-line=\"{}\" data-offset=\"{covers}\"",
            acme[..covers].matches('\n').count() + 1
        )));
    }
}
