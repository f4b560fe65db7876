//! The correlation and coverage report that an auditor reads: an
//! integration matrix (clauses against systems, correlated clauses side by
//! side), a scope matrix, a Statement of Applicability per ISO/IEC 27001
//! system, a process register, the findings and a summary.
//!
//! [`build`] computes the report as plain data from the same [`Analysis`]
//! that `ims check` renders, so every figure in it agrees with `ims check`.
//! The renderers ([`markdown`], [`html`], [`csv`]) only format that data.
//! docs/report.md describes each section for users.

/// Writes each section of `report` in its order, by calling the function of
/// the same name in the renderer's module (`summary(out, report)`,
/// `matrix(out, report)` ...): the one walk over the sections that the
/// text renderers share.
macro_rules! write_sections {
    ($out:expr, $report:expr) => {
        for &section in &$report.sections {
            match section {
                Section::Summary => summary($out, $report),
                Section::Matrix => matrix($out, $report),
                Section::Scope => scope($out, $report),
                Section::Soa => soa($out, $report),
                Section::Processes => processes($out, $report),
                Section::Parties => parties($out, $report),
                Section::Objectives => objectives($out, $report),
                Section::Documents => documents($out, $report),
                Section::Findings => findings($out, $report),
            }
        }
    };
}

pub mod csv;
mod documents;
pub mod html;
pub mod markdown;
mod matrix;
mod tables;
pub mod xlsx;

use std::collections::HashMap;

use ims_catalog::{ClauseKey, Relation, Strength};
use ims_syntax::LineIndex;

use ims_analysis::model::{ClauseStatus, ControlStatus, EntityId};
use ims_analysis::{Analysis, FileRange, Severity, Workspace};

/// A rendering of the report. The CLI (`ims report --format`) and the
/// server (`ims/report`) offer exactly these, by [`Format::name`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
    Csv,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Csv, Format::Xlsx];

    /// The name users write: `html`, `markdown`, `csv`, `xlsx`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Whether the rendering is bytes, not text (XLSX).
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// One line for `--help` and the editor's settings.
    pub fn description(self) -> &'static str {
        match self {
            Format::Html => "One self-contained HTML file, readable when printed",
            Format::Markdown => "GitHub-flavoured Markdown",
            Format::Csv => "One long-format CSV table with a `section` column",
            Format::Xlsx => "An Excel workbook, one sheet per section",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format a file name's extension names (`.html`, `.htm`, `.md`,
    /// `.markdown`, `.csv`, `.xlsx`, in any case).
    pub fn from_extension(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// The report in this format; text formats as UTF-8. `Err` only for an
    /// XLSX workbook beyond Excel's limits (a million rows in a sheet).
    pub fn render(self, report: &Report) -> Result<Vec<u8>, String> {
        Ok(match self {
            Format::Html => html::render(report).into_bytes(),
            Format::Markdown => markdown::render(report).into_bytes(),
            Format::Csv => csv::render(report).into_bytes(),
            Format::Xlsx => xlsx::render(report)?,
        })
    }
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The title of the `ims` header, or `Integrated management system`.
    pub title: String,
    /// Date, revision, tool version, owner, approver, status, version.
    pub control: DocumentControl,
    /// The sections to render, in the renderers' order; all by default.
    pub sections: Vec<Section>,
    /// The integrated standard editions, by short name (`ISO 9001:2015`).
    pub standards: Vec<String>,
    /// The files of the IMS, as given.
    pub files: Vec<String>,
    /// The systems, in declaration order: the columns of the matrices.
    pub systems: Vec<SystemInfo>,
    pub summary: Summary,
    /// The integration matrix: the common structure, then each standard's
    /// own clauses, then the Annex A controls that correlate with them.
    pub matrix: Vec<MatrixSection>,
    pub scope: Vec<ScopeRow>,
    /// One Statement of Applicability per system whose standard has an Annex A.
    pub soa: Vec<SoaTable>,
    pub processes: Vec<ProcessInfo>,
    /// The registers: interested parties (4.2), objectives (6.2),
    /// documented information (7.5).
    pub parties: Vec<PartyInfo>,
    pub objectives: Vec<ObjectiveInfo>,
    pub documents: Vec<DocumentInfo>,
    /// Every diagnostic of the analysis, as `ims check` reports it.
    pub findings: Vec<Finding>,
}

/// A part of the report that `ims report --section` can produce alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Summary,
    Matrix,
    Scope,
    Soa,
    Processes,
    Parties,
    Objectives,
    Documents,
    Findings,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Summary,
        Section::Matrix,
        Section::Scope,
        Section::Soa,
        Section::Processes,
        Section::Parties,
        Section::Objectives,
        Section::Documents,
        Section::Findings,
    ];

    /// The name on the command line and in the CSV's `section` column.
    pub fn name(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Matrix => "matrix",
            Section::Scope => "scope",
            Section::Soa => "soa",
            Section::Processes => "processes",
            Section::Parties => "parties",
            Section::Objectives => "objectives",
            Section::Documents => "documents",
            Section::Findings => "findings",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.name() == name)
    }

    /// One line for `--help`.
    pub fn description(self) -> &'static str {
        match self {
            Section::Summary => {
                "The figures: coverage, Statements of Applicability, integration, findings"
            }
            Section::Matrix => "The integration matrix: clauses against systems",
            Section::Scope => "Units, sites and services against each scope",
            Section::Soa => "The Statement of Applicability of each ISO/IEC 27001 system",
            Section::Processes => "The process register",
            Section::Parties => "The register of interested parties (4.2)",
            Section::Objectives => "The objectives (6.2)",
            Section::Documents => "The documented information (7.5) and what it is evidence for",
            Section::Findings => "Every diagnostic of `ims check`",
        }
    }

    /// The section's heading, and the document's title when it is alone.
    pub fn title(self) -> &'static str {
        match self {
            Section::Summary => "Summary",
            Section::Matrix => "Integration matrix",
            Section::Scope => "Scope matrix",
            Section::Soa => "Statement of Applicability",
            Section::Processes => "Processes",
            Section::Parties => "Interested parties",
            Section::Objectives => "Objectives",
            Section::Documents => "Documented information",
            Section::Findings => "Findings",
        }
    }
}

impl Report {
    /// `Integration report`, or the title of the one section rendered.
    pub fn kind_title(&self) -> &'static str {
        match self.sections.as_slice() {
            [one] => one.title(),
            _ => "Integration report",
        }
    }

    /// Whether `section` is rendered.
    pub fn shows(&self, section: Section) -> bool {
        self.sections.contains(&section)
    }

    /// The report with only `sections` (in the renderers' order), for a
    /// section as its own document (`ims report --section soa`).
    pub fn only(mut self, sections: &[Section]) -> Report {
        self.sections.retain(|s| sections.contains(s));
        self
    }
}

/// What makes the report controlled documented information (27001 and
/// 9001 7.5.3, 20000-1 7.5.4): when and from what it was made, and who owns
/// and approved the IMS description it is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentControl {
    /// The date the report was made, `YYYY-MM-DD` (`IMS_TODAY` fixes it).
    pub date: String,
    /// `ims 0.1.0`.
    pub tool_version: String,
    /// A hash of the files' contents (16 hex digits, FNV-1a 64).
    pub content_hash: String,
    /// The git commit of the project, when it is in a git work tree; set by
    /// the front end, which knows the project's root.
    pub commit: Option<Commit>,
    /// From the `ims` header: `owner`, `approver`, `status`, `version`.
    pub owner: Option<String>,
    pub approver: Option<String>,
    pub status: Option<String>,
    pub version: Option<String>,
}

/// A git commit and whether the work tree differs from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commit {
    pub id: String,
    /// Uncommitted changes to tracked files, or untracked files.
    pub dirty: bool,
}

impl DocumentControl {
    /// `git 1a2b... (with uncommitted changes), content 0123...`, or
    /// `content 0123...` outside git: the content hash is always there, as
    /// the text analysed may differ from the commit (unsaved changes in an
    /// editor, uncommitted ones on disk).
    pub fn revision(&self) -> String {
        match &self.commit {
            Some(commit) => format!(
                "git {}{}, content {}",
                commit.id,
                if commit.dirty { " (with uncommitted changes)" } else { "" },
                self.content_hash
            ),
            None => format!("content {}", self.content_hash),
        }
    }
}

/// An interested party (4.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyInfo {
    pub name: String,
    pub title: Option<String>,
    pub systems: Vec<String>,
    pub requirements: Option<String>,
    pub loc: Loc,
}

/// An objective (6.2).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ObjectiveInfo {
    pub name: String,
    pub title: Option<String>,
    pub systems: Vec<String>,
    pub owner: Option<String>,
    pub target: Option<String>,
    pub measure: Option<String>,
    pub loc: Loc,
}

/// A document (7.5) and what it is evidence for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentInfo {
    pub name: String,
    pub title: Option<String>,
    pub systems: Vec<String>,
    pub owner: Option<String>,
    /// Its `evidence` as written, with the title of a single clause
    /// (`27001:6.1.3 Information security risk treatment`).
    pub evidence: Vec<String>,
    /// The controls whose SoA entry names it as evidence, as written.
    pub evidence_of_controls: Vec<String>,
    pub loc: Loc,
}

/// What the SoA entry of a control says beyond applicable or excluded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoaEntryInfo {
    /// `risk-treatment`, `legal` ...
    pub reasons: Vec<&'static str>,
    /// `implemented`, `partial`, `planned 2027-03-31`, `not-implemented`.
    pub implementation: Option<String>,
    /// Whether the declared status is `implemented` (`None`: no status).
    pub declared_in_place: Option<bool>,
    pub owner: Option<String>,
    /// Documents and processes.
    pub evidence: Vec<String>,
}

/// A place in a source file, for links from a report to the definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loc {
    /// The path as the workspace holds it.
    pub file: String,
    /// One-based line.
    pub line: usize,
    /// Byte offset into the file.
    pub offset: usize,
}

/// A column of the matrices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemInfo {
    pub name: String,
    pub title: Option<String>,
    /// The standard edition id (`iso27001@2022`), if it resolved.
    pub standard: Option<String>,
    /// `ISO/IEC 27001:2022`, or `unknown standard`.
    pub standard_name: String,
    /// `organisation` or `location`.
    pub scope_kind: &'static str,
    /// Whether the system's scope lists anything.
    pub has_scope: bool,
    pub loc: Loc,
}

/// A process named in a cell, with where it is defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessRef {
    pub name: String,
    pub loc: Loc,
}

/// The state of a clause or control in one system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Covered by these processes.
    Covered { by: Vec<ProcessRef> },
    /// Met by another system (`covers X via SYSTEM`) through these processes.
    Delegated { to: String, by: Vec<ProcessRef> },
    /// Not applicable (`not-applicable`), or an Annex A control excluded in the SoA.
    Excluded { justification: Option<String> },
    /// A requirement clause that nothing covers.
    Missing,
    /// A clause with sub-clauses in different states. `missing` names the
    /// uncovered sub-clauses; `by` every process covering one of them.
    Partly {
        covered: usize,
        delegated: usize,
        excluded: usize,
        missing: Vec<String>,
        total: usize,
        by: Vec<ProcessRef>,
    },
    /// An Annex A control applicable in the SoA, implemented by these
    /// processes (none: applicable but not implemented).
    Applicable { by: Vec<ProcessRef>, justification: Option<String> },
    /// An Annex A control that the SoA does not address.
    NotAddressed { by: Vec<ProcessRef> },
}

impl Status {
    /// The processes the status names.
    pub fn processes(&self) -> &[ProcessRef] {
        match self {
            Status::Covered { by }
            | Status::Delegated { by, .. }
            | Status::Partly { by, .. }
            | Status::Applicable { by, .. }
            | Status::NotAddressed { by } => by,
            Status::Excluded { .. } | Status::Missing => &[],
        }
    }

    /// A stable keyword: `covered`, `delegated`, `excluded`, `missing`,
    /// `partly`, `applicable`, `not-implemented`, `not-addressed`.
    pub fn keyword(&self) -> &'static str {
        match self {
            Status::Covered { .. } => "covered",
            Status::Delegated { .. } => "delegated",
            Status::Excluded { .. } => "excluded",
            Status::Missing => "missing",
            Status::Partly { missing, .. } if missing.is_empty() => "addressed",
            Status::Partly { .. } => "partly",
            Status::Applicable { by, .. } if by.is_empty() => "not-implemented",
            Status::Applicable { .. } => "applicable",
            Status::NotAddressed { .. } => "not-addressed",
        }
    }

    /// Whether the status is a gap an auditor would ask about.
    pub fn is_gap(&self) -> bool {
        matches!(self.keyword(), "missing" | "partly" | "not-implemented" | "not-addressed")
    }

    /// A symbol that goes with the words, never instead of them.
    pub fn symbol(&self) -> &'static str {
        match self.keyword() {
            "covered" | "applicable" | "addressed" => "✓",
            "delegated" => "↪",
            "excluded" => "⊘",
            "partly" => "◐",
            "not-implemented" => "!",
            _ => "✗",
        }
    }

    /// The words of the status, without the processes: `covered`,
    /// `delegated to ISMS`, `2 of 6 covered, missing 7.1.3, 7.1.4`.
    pub fn label(&self) -> String {
        match self {
            Status::Covered { .. } => "covered".to_string(),
            Status::Delegated { to, .. } => format!("delegated to {to}"),
            Status::Excluded { .. } => "excluded".to_string(),
            Status::Missing => "missing".to_string(),
            Status::Partly { covered, delegated, excluded, missing, total, .. } => {
                let done = total - missing.len();
                let mut parts = vec![format!("{done} of {total} sub-clauses addressed")];
                let mut how = Vec::new();
                if *covered > 0 && (*delegated > 0 || *excluded > 0) {
                    how.push(format!("{covered} covered"));
                }
                if *delegated > 0 {
                    how.push(format!("{delegated} delegated"));
                }
                if *excluded > 0 {
                    how.push(format!("{excluded} excluded"));
                }
                if !how.is_empty() {
                    parts.push(how.join(", "));
                }
                if !missing.is_empty() {
                    parts
                        .push(format!("missing {}", ims_analysis::wording::compress_refs(missing)));
                }
                parts.join("; ")
            }
            Status::Applicable { by, .. } if by.is_empty() => {
                "applicable, not implemented".to_string()
            }
            Status::Applicable { .. } => "applicable".to_string(),
            Status::NotAddressed { by } if by.is_empty() => "not in the SoA".to_string(),
            Status::NotAddressed { .. } => "not in the SoA, though covered".to_string(),
        }
    }

    /// The status in plain words with its symbol, processes and
    /// justification: `✓ covered by review`, `⊘ excluded: No design`.
    pub fn describe(&self) -> String {
        let names =
            |by: &[ProcessRef]| by.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
        let mut text = format!("{} {}", self.symbol(), self.label());
        match self {
            Status::Covered { by } | Status::Applicable { by, .. } if !by.is_empty() => {
                let verb =
                    if matches!(self, Status::Covered { .. }) { " by" } else { ", implemented by" };
                text.push_str(&format!("{verb} {}", names(by)));
            }
            Status::Delegated { by, .. } | Status::NotAddressed { by } if !by.is_empty() => {
                text.push_str(&format!(" by {}", names(by)));
            }
            Status::Partly { by, .. } if !by.is_empty() => {
                text.push_str(&format!("; covered by {}", names(by)));
            }
            _ => {}
        }
        match self {
            Status::Excluded { justification: Some(why) } => text.push_str(&format!(": {why}")),
            Status::Excluded { justification: None } => text.push_str(", no justification"),
            _ => {}
        }
        text
    }

    /// The justification of an exclusion or an applicable control.
    pub fn justification(&self) -> Option<&str> {
        match self {
            Status::Excluded { justification } | Status::Applicable { justification, .. } => {
                justification.as_deref()
            }
            _ => None,
        }
    }
}

/// One cell of the integration matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    /// The row's clause is not part of the system's standard, and nothing in
    /// that standard correlates with it.
    Empty,
    /// The row's clause as the system's standard numbers it.
    Own { clause: ClauseKey, status: Status, reference: Option<Loc> },
    /// Clauses of the system's standard that the catalog correlates with
    /// the row's clause, each with its state in the system.
    Correlated(Vec<CorrelatedClause>),
}

/// A clause of another standard that correlates with a row's clause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorrelatedClause {
    pub clause: ClauseKey,
    pub title: String,
    /// Read as "the row's clause <relation> this clause".
    pub relation: Relation,
    pub strength: Strength,
    pub status: Status,
    /// The clause above the row's clause whose correlation this is
    /// (`Catalog::correlations_with_inherited`), if it is not the row's own.
    pub inherited_from: Option<String>,
}

/// What a row of the integration matrix stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A heading that groups the rows below it (clause 4, theme A.5); no cells.
    Heading,
    /// A harmonized-structure (Annex L) clause, merged across the standards.
    Harmonized { hs: String },
    /// A clause of one standard.
    Own { clause: ClauseKey },
}

/// A row of the integration matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow {
    pub kind: RowKind,
    /// `9.3`, `8.3.4`, `A.5.19`.
    pub number: String,
    pub title: String,
    /// For a standard's own clause among the common structure: the standard's
    /// alias (`20000-1`), so that a reader sees whose clause it is.
    pub standard_tag: Option<String>,
    /// Nesting below the section's top level, for indentation.
    pub depth: usize,
    /// One per system, in [`Report::systems`] order; empty for headings.
    pub cells: Vec<Cell>,
    /// Processes that serve this row for two or more systems.
    pub shared: Vec<SharedProcess>,
    /// A stable, unique id for links (`hs-9-3`, `iso20000-1-2018-8-3-4`).
    pub id: String,
}

/// A process serving one row for several systems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SharedProcess {
    pub process: ProcessRef,
    pub systems: Vec<String>,
}

/// A part of the integration matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixSection {
    pub id: String,
    pub title: String,
    pub note: String,
    pub rows: Vec<MatrixRow>,
}

/// A unit, site or service against the systems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeRow {
    /// `unit`, `site` or `service`.
    pub kind: &'static str,
    pub name: String,
    pub title: Option<String>,
    pub loc: Loc,
    /// One per system.
    pub cells: Vec<ScopeCell>,
    /// Codes of the scope findings at this entity (`scope-gap` ...), as
    /// `ims check` reports them.
    pub findings: Vec<String>,
}

/// Whether an entity is in a system's scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeState {
    In,
    /// A unit in a location-based scope only for its work at some sites.
    Partly,
    Out,
}

impl ScopeState {
    pub fn keyword(self) -> &'static str {
        match self {
            ScopeState::In => "in",
            ScopeState::Partly => "partly",
            ScopeState::Out => "out",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            ScopeState::In => "●",
            ScopeState::Partly => "◐",
            ScopeState::Out => "○",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeCell {
    pub state: ScopeState,
    /// Why: `listed`, `operations works there`, `not listed` ...
    pub reason: String,
}

/// The Statement of Applicability of one system.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoaTable {
    pub system: String,
    pub standard_name: String,
    pub rows: Vec<SoaRow>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SoaRow {
    /// Theme or domain headings have no status.
    pub heading: bool,
    pub control: String,
    pub title: String,
    pub status: Option<Status>,
    pub id: String,
    pub key: ClauseKey,
    /// Where the SoA or a process names the control.
    pub reference: Option<Loc>,
    /// Reason, implementation, owner and evidence, if the SoA states them.
    pub entry: Option<SoaEntryInfo>,
}

/// A process with what it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProcessInfo {
    pub process: ProcessRef,
    pub title: Option<String>,
    pub owner: Option<String>,
    pub performers: Vec<String>,
    /// The clause references as written, `via` included.
    pub covers: Vec<String>,
    /// The systems for which it covers at least one clause.
    pub systems: Vec<String>,
}

/// One diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub loc: Loc,
}

/// The figures at the top of the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    pub coverage: Vec<SystemCoverage>,
    pub harmonized: HarmonizedFigures,
    pub severities: SeverityCounts,
    /// Diagnostics by code: code, severity, count; most severe first.
    pub by_code: Vec<(String, Severity, usize)>,
}

/// Coverage of one system, counted over its requirement clauses (the leaves
/// of clauses 4-10) exactly as `ims check` counts them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemCoverage {
    pub system: String,
    pub standard_name: String,
    /// `None` when the system's standard is unknown.
    pub requirements: Option<RequirementCounts>,
    /// `None` for standards without an Annex A.
    pub soa: Option<SoaCounts>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RequirementCounts {
    pub covered: usize,
    pub delegated: usize,
    pub excluded: usize,
    pub missing: usize,
    pub total: usize,
}

impl RequirementCounts {
    /// Covered, delegated or excluded.
    pub fn done(&self) -> usize {
        self.covered + self.delegated + self.excluded
    }

    /// `done` as a whole percentage, rounded down (100 only when complete).
    pub fn percent(&self) -> usize {
        percent(self.done(), self.total)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SoaCounts {
    pub applicable: usize,
    /// Applicable controls that a process implements.
    pub implemented: usize,
    pub excluded: usize,
    /// Controls the SoA does not address.
    pub missing: usize,
    pub total: usize,
    /// Applicable controls that a process implements and whose SoA entry
    /// does not say otherwise (`partial`, `planned`, `not-implemented`).
    pub in_place: usize,
}

impl SoaCounts {
    /// Controls the SoA addresses, as a whole percentage rounded down.
    pub fn percent(&self) -> usize {
        percent(self.applicable + self.excluded, self.total)
    }

    /// Applicable controls in place, as a whole percentage rounded down.
    pub fn in_place_percent(&self) -> usize {
        percent(self.in_place, self.applicable)
    }
}

/// How far the integration of the common structure goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HarmonizedFigures {
    /// Harmonized rows of the matrix that two or more systems share.
    pub rows: usize,
    /// Of those, the rows in which one process serves two or more systems.
    pub shared: usize,
    /// Each process serving harmonized rows for several systems, with how many.
    pub by_process: Vec<(ProcessRef, usize)>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub hint: usize,
}

impl SeverityCounts {
    pub fn of(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
            Severity::Hint => self.hint,
        }
    }
}

/// `part` of `whole` as a whole percentage, rounded down; 100 for nothing of nothing.
fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(100)
}

/// Builds the report of an analysed workspace.
pub fn build(ws: &Workspace, analysis: &Analysis) -> Report {
    let cx = Cx::new(ws, analysis);
    let model = &analysis.model;
    let systems = cx
        .systems
        .iter()
        .map(|&(id, standard)| {
            let entity = model.entity(id);
            let data = entity.details.system.as_ref();
            SystemInfo {
                name: entity.name.clone(),
                title: entity.title.clone(),
                standard: standard.map(|s| s.id.clone()),
                standard_name: standard
                    .map_or_else(|| "unknown standard".to_string(), |s| s.short_name()),
                scope_kind: match data.map(|d| d.scope_kind) {
                    Some(ims_syntax::ast::ScopeKind::Location) => "location",
                    _ => "organisation",
                },
                has_scope: data.is_some_and(ims_analysis::model::is_scoped),
                loc: cx.loc(entity.name_location()),
            }
        })
        .collect();
    let matrix = matrix::build(&cx);
    let summary = summary(&cx, &matrix);
    let mut report = Report {
        control: documents::control(&cx),
        sections: Section::ALL.to_vec(),
        parties: documents::parties(&cx),
        objectives: documents::objectives(&cx),
        documents: documents::documents(&cx),
        title: model
            .header
            .as_ref()
            .map(|h| h.title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Integrated management system".to_string()),
        standards: model
            .integrated()
            .iter()
            .map(|id| ws.catalog.standard(id).map_or_else(|| id.to_string(), |s| s.short_name()))
            .collect(),
        files: ws.files.iter().map(|f| f.path.display().to_string()).collect(),
        systems,
        summary,
        matrix,
        scope: tables::scope(&cx),
        soa: tables::soa(&cx),
        processes: tables::processes(&cx),
        findings: analysis
            .diagnostics
            .iter()
            .map(|d| Finding {
                severity: d.severity,
                code: d.code.name().to_string(),
                message: d.message.clone(),
                loc: cx.loc(d.location),
            })
            .collect(),
    };
    count_in_place(&mut report);
    report
}

/// [`SoaCounts::in_place`] from the SoA rows.
fn count_in_place(report: &mut Report) {
    for table in &report.soa {
        let in_place = table
            .rows
            .iter()
            .filter(|r| matches!(&r.status, Some(Status::Applicable { by, .. }) if !by.is_empty()))
            .filter(|r| r.entry.as_ref().and_then(|e| e.declared_in_place) != Some(false))
            .count();
        let coverage = report.summary.coverage.iter_mut().find(|c| c.system == table.system);
        if let Some(soa) = coverage.and_then(|c| c.soa.as_mut()) {
            soa.in_place = in_place;
        }
    }
}

fn summary(cx: &Cx<'_>, matrix: &[MatrixSection]) -> Summary {
    let model = &cx.analysis.model;
    let coverage = cx
        .systems
        .iter()
        .map(|&(id, standard)| {
            let coverage = model.coverage.get(&id);
            let requirements = coverage.map(|c| {
                let mut counts =
                    RequirementCounts { total: c.requirements.len(), ..Default::default() };
                for (_, status) in &c.requirements {
                    match status {
                        ClauseStatus::Covered { .. } => counts.covered += 1,
                        ClauseStatus::Delegated { .. } => counts.delegated += 1,
                        ClauseStatus::Excluded { .. } => counts.excluded += 1,
                        ClauseStatus::Uncovered => counts.missing += 1,
                    }
                }
                counts
            });
            let soa = coverage.filter(|c| !c.controls.is_empty()).map(|c| {
                let mut counts = SoaCounts { total: c.controls.len(), ..Default::default() };
                for (_, status) in &c.controls {
                    match status {
                        ControlStatus::Applicable { implemented_by } => {
                            counts.applicable += 1;
                            if !implemented_by.is_empty() {
                                counts.implemented += 1;
                            }
                        }
                        ControlStatus::Excluded { .. } => counts.excluded += 1,
                        ControlStatus::Missing { .. } => counts.missing += 1,
                    }
                }
                counts
            });
            SystemCoverage {
                system: model.entity(id).name.clone(),
                standard_name: standard
                    .map_or_else(|| "unknown standard".to_string(), |s| s.short_name()),
                requirements,
                soa,
            }
        })
        .collect();

    let mut harmonized = HarmonizedFigures::default();
    for row in matrix.iter().flat_map(|s| &s.rows) {
        if !matches!(row.kind, RowKind::Harmonized { .. }) {
            continue;
        }
        let own = row.cells.iter().filter(|c| matches!(c, Cell::Own { .. })).count();
        if own < 2 {
            continue;
        }
        harmonized.rows += 1;
        if !row.shared.is_empty() {
            harmonized.shared += 1;
        }
        for shared in &row.shared {
            match harmonized.by_process.iter_mut().find(|(p, _)| p.name == shared.process.name) {
                Some((_, n)) => *n += 1,
                None => harmonized.by_process.push((shared.process.clone(), 1)),
            }
        }
    }

    let diagnostics = &cx.analysis.diagnostics;
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let severities = SeverityCounts {
        error: count(Severity::Error),
        warning: count(Severity::Warning),
        info: count(Severity::Info),
        hint: count(Severity::Hint),
    };
    let mut by_code: Vec<(String, Severity, usize)> = Vec::new();
    for d in diagnostics {
        match by_code.iter_mut().find(|(c, s, _)| c == d.code.name() && *s == d.severity) {
            Some((_, _, n)) => *n += 1,
            None => by_code.push((d.code.name().to_string(), d.severity, 1)),
        }
    }
    by_code.sort_by(|a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    Summary { coverage, harmonized, severities, by_code }
}

/// What the builders share: the workspace, the analysis, the systems with
/// their standards, and line indexes built once per file.
pub(crate) struct Cx<'a> {
    pub ws: &'a Workspace,
    pub analysis: &'a Analysis,
    /// Systems in declaration order, with their standard if it is known.
    pub systems: Vec<(EntityId, Option<&'a ims_catalog::Standard>)>,
    lines: Vec<LineIndex>,
    process_refs: HashMap<EntityId, ProcessRef>,
}

impl<'a> Cx<'a> {
    fn new(ws: &'a Workspace, analysis: &'a Analysis) -> Cx<'a> {
        let model = &analysis.model;
        let systems = model
            .systems()
            .filter(|(id, e, _)| model.lookup(&e.name) == Some(*id))
            .map(|(id, _, data)| {
                (id, data.standard.as_deref().and_then(|s| ws.catalog.standard(s)))
            })
            .collect();
        let lines = ws.files.iter().map(|f| LineIndex::new(&f.text)).collect();
        let mut cx = Cx { ws, analysis, systems, lines, process_refs: HashMap::new() };
        let refs = model
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == ims_syntax::ast::DeclarationKind::Process)
            .map(|(id, e)| {
                (id, ProcessRef { name: e.name.clone(), loc: cx.loc(e.name_location()) })
            })
            .collect();
        cx.process_refs = refs;
        cx
    }

    pub fn loc(&self, location: FileRange) -> Loc {
        let file = self.ws.file(location.file);
        let line = self.lines[location.file.0 as usize].line_col(
            &file.text,
            location.range.start,
            ims_syntax::ColumnUnit::Char,
        );
        Loc {
            file: file.path.display().to_string(),
            line: line.line + 1,
            offset: location.range.start,
        }
    }

    pub fn process(&self, id: EntityId) -> ProcessRef {
        self.process_refs.get(&id).cloned().unwrap_or_else(|| {
            let entity = self.analysis.model.entity(id);
            ProcessRef { name: entity.name.clone(), loc: self.loc(entity.name_location()) }
        })
    }

    pub fn processes(&self, ids: &[EntityId]) -> Vec<ProcessRef> {
        ids.iter().map(|&id| self.process(id)).collect()
    }
}

/// An id for HTML anchors: lower-case letters, digits, `_` and `-` only.
pub(crate) fn anchor(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() {
            out.push('-');
        }
        for c in part.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                out.push(c.to_ascii_lowercase());
            } else if !out.ends_with('-') {
                out.push('-');
            }
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests;
