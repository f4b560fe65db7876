//! `ims report [PATHS] --format html|markdown|csv [-o FILE]`: the
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
    /// (`.html`, `.md`, `.csv`), else Markdown.
    #[arg(long, value_parser = format_parser())]
    format: Option<Format>,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    read: ReadOptions,
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
    let report = report::build(&project.workspace, &analysis);
    let rendered = format(args).render(&report);
    match &args.output {
        Some(path) => {
            if let Err(e) = std::fs::write(path, rendered.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return exit::USAGE;
            }
        }
        None => {
            if let Err(code) = crate::output::print(&rendered) {
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
