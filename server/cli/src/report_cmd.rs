//! `ims report [PATHS] --format html|markdown|csv [-o FILE]`: the
//! correlation and coverage report of the IMS formed by the given files and
//! directories, from the same analysis as `ims check`. docs/report.md
//! describes the sections and the CSV layout.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ims_analysis::project::Project;
use ims_analysis::{analyze, SourceFile, Workspace};
use ims_report as report;

use crate::exit;
use crate::input::{expand_paths, read_source};

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories forming one IMS (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format; by default taken from the extension of `-o`
    /// (`.html`, `.md`, `.csv`), else Markdown.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML file, readable when printed.
    Html,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// One long-format CSV table with a `section` column.
    Csv,
}

pub fn run(args: &Args) -> u8 {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = match expand_paths(&paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut sources = Vec::new();
    let mut unreadable = false;
    for file in &files {
        match read_source(file) {
            Ok(source) => sources.push(SourceFile::new(source.path, source.text)),
            Err(message) => {
                eprintln!("error: {message}");
                unreadable = true;
            }
        }
    }
    if unreadable {
        return exit::USAGE;
    }
    let project = Project::load(&paths[0]);
    let mut project_errors = false;
    for error in project.config_errors.iter().map(ToString::to_string) {
        eprintln!("error: {error}");
        project_errors = true;
    }
    for error in project.catalog_errors.iter().map(ToString::to_string) {
        eprintln!("error: {error}");
        project_errors = true;
    }
    let workspace = Workspace::new(sources, Arc::clone(&project.catalog), project.config.clone());
    let analysis = analyze(&workspace);
    let report = report::build(&workspace, &analysis);
    let rendered = match format(args) {
        Format::Html => report::html::render(&report),
        Format::Markdown => report::markdown::render(&report),
        Format::Csv => report::csv::render(&report),
    };
    let written = match &args.output {
        Some(path) => std::fs::write(path, rendered.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(rendered.as_bytes()).and_then(|()| stdout.flush()) {
                // A closed pipe (`ims report | head`) is the reader's choice.
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                    Err(format!("cannot write the output: {e}"))
                }
                _ => Ok(()),
            }
        }
    };
    if let Err(message) = written {
        eprintln!("error: {message}");
        return exit::USAGE;
    }
    if project_errors {
        exit::USAGE
    } else {
        exit::OK
    }
}

/// The format asked for, else the one the output file's extension names,
/// else Markdown.
fn format(args: &Args) -> Format {
    args.format
        .or_else(|| args.output.as_deref().and_then(from_extension))
        .unwrap_or(Format::Markdown)
}

fn from_extension(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "html" | "htm" => Some(Format::Html),
        "md" | "markdown" => Some(Format::Markdown),
        "csv" => Some(Format::Csv),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{from_extension, Format};

    #[test]
    fn the_format_follows_the_extension() {
        assert_eq!(from_extension(Path::new("r.html")), Some(Format::Html));
        assert_eq!(from_extension(Path::new("out/R.HTM")), Some(Format::Html));
        assert_eq!(from_extension(Path::new("r.md")), Some(Format::Markdown));
        assert_eq!(from_extension(Path::new("r.csv")), Some(Format::Csv));
        assert_eq!(from_extension(Path::new("report")), None);
        assert_eq!(from_extension(Path::new("r.txt")), None);
    }
}
