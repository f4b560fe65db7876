//! `ims report [PATHS] --format html|markdown|csv|xlsx [-o FILE]`: the
//! correlation and coverage report of the IMS formed by the given files and
//! directories, from the same analysis as `ims check`. docs/report.md
//! describes the sections and the CSV layout.

use std::path::PathBuf;

use ims_analysis::analyze;
use ims_report::{self as report, Format};

use crate::exit;
use crate::input::{load_projects, named_files, ReadOptions};

#[derive(clap::Args)]
pub struct Args {
    /// A file or directory of the IMS to report on (default: the current
    /// directory). The report covers its whole project (docs/cli.md,
    /// "Projects"); paths of several projects are refused.
    paths: Vec<PathBuf>,
    /// Output format; by default taken from the extension of `-o`
    /// (`.html`, `.md`, `.csv`, `.xlsx`), else Markdown.
    #[arg(long, value_parser = format_parser())]
    format: Option<Format>,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Only these sections, as a document of their own (the document
    /// control block is always there); repeat or separate with commas.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "SECTION")]
    section: Vec<SectionArg>,
    /// Start the CSV with a UTF-8 byte-order mark, so that Excel on Windows
    /// reads non-ASCII text (umlauts) correctly.
    #[arg(long)]
    bom: bool,
    #[command(flatten)]
    read: ReadOptions,
}

/// A section of the report (`ims_report::Section`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SectionArg {
    /// The figures: coverage, Statements of Applicability, integration, findings.
    Summary,
    /// The integration matrix: clauses against systems.
    Matrix,
    /// Units, sites and services against each scope.
    Scope,
    /// The Statement of Applicability of each ISO/IEC 27001 system.
    Soa,
    /// The process register.
    Processes,
    /// The register of interested parties (4.2).
    Parties,
    /// The objectives (6.2).
    Objectives,
    /// The documented information (7.5) and what it is evidence for.
    Documents,
    /// Every diagnostic of `ims check`.
    Findings,
}

impl SectionArg {
    fn section(self) -> report::Section {
        match self {
            SectionArg::Summary => report::Section::Summary,
            SectionArg::Matrix => report::Section::Matrix,
            SectionArg::Scope => report::Section::Scope,
            SectionArg::Soa => report::Section::Soa,
            SectionArg::Processes => report::Section::Processes,
            SectionArg::Parties => report::Section::Parties,
            SectionArg::Objectives => report::Section::Objectives,
            SectionArg::Documents => report::Section::Documents,
            SectionArg::Findings => report::Section::Findings,
        }
    }
}

pub fn run(args: &Args) -> u8 {
    let files = match named_files(&args.paths) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let projects = match load_projects(&files, &args.read) {
        Ok(projects) => projects,
        Err(code) => return code,
    };
    let [project] = projects.as_slice() else {
        let roots: Vec<String> =
            projects.iter().map(|p| p.project.root.dir.display().to_string()).collect();
        eprintln!(
            "error: these paths belong to {} projects ({}); a report covers one project: \
             name a file or directory of one of them",
            projects.len(),
            roots.join(", ")
        );
        return exit::USAGE;
    };
    let analysis = analyze(&project.workspace);
    let mut report = report::build(&project.workspace, &analysis);
    report.control.commit = ims_project::git_revision(&project.project.root.dir)
        .map(|r| report::Commit { id: r.commit, dirty: r.dirty });
    if !args.section.is_empty() {
        let sections: Vec<report::Section> = args.section.iter().map(|s| s.section()).collect();
        report = report.only(&sections);
    }
    let format = format(args);
    if args.bom && format != Format::Csv {
        eprintln!("error: --bom is for --format csv");
        return exit::USAGE;
    }
    let rendered = match format.render(&report) {
        Ok(bytes) if args.bom => [&b"\xef\xbb\xbf"[..], &bytes].concat(),
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &rendered) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return exit::USAGE;
            }
        }
        None => {
            use std::io::IsTerminal;
            if format.is_binary() && std::io::stdout().is_terminal() {
                eprintln!("error: an XLSX workbook is binary: write it with -o FILE.xlsx");
                return exit::USAGE;
            }
            if let Err(code) = crate::output::write_with(|out| out.write_all(&rendered)) {
                return code;
            }
        }
    }
    exit::OK
}

/// The format asked for, else the one the output file's extension names,
/// else Markdown.
fn format(args: &Args) -> Format {
    args.format
        .or_else(|| args.output.as_deref().and_then(Format::from_extension))
        .unwrap_or(Format::Markdown)
}

/// `--format`: the report's formats, by name, with their descriptions.
fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    use clap::builder::TypedValueParser as _;
    let values =
        Format::ALL.map(|f| clap::builder::PossibleValue::new(f.name()).help(f.description()));
    clap::builder::PossibleValuesParser::new(values)
        .map(|name: String| Format::from_name(&name).expect("one of the possible values"))
}
