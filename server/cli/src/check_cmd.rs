//! `ims check [PATHS]`: every diagnostic of the IMS formed by the given files
//! and directories, for people (rustc-like) or machines (JSON, SARIF).

use std::path::PathBuf;
use std::sync::Arc;

use ims_analysis::project::Project;
use ims_analysis::{analyze, Severity, SourceFile, Workspace};

use crate::exit;
use crate::input::{expand_paths, read_source};

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories forming one IMS (default: the current directory).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors for the exit code (`--deny warnings`).
    #[arg(long, value_name = "LEVEL")]
    deny: Option<Deny>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Deny {
    Warnings,
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
    for file in &files {
        match read_source(file) {
            Ok(source) => sources.push(SourceFile::new(source.path, source.text)),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        }
    }
    let project = Project::load(&paths[0]);
    for error in &project.config_errors {
        eprintln!("error: {error}");
    }
    for error in &project.catalog_errors {
        eprintln!("error: {error}");
    }
    let workspace = Workspace::new(sources, Arc::clone(&project.catalog), project.config.clone());
    let analysis = analyze(&workspace);
    let rendered = match args.format {
        Format::Human => crate::render::human(&workspace, &analysis.diagnostics),
        Format::Json => crate::render::json(&workspace, &analysis.diagnostics),
        Format::Sarif => crate::render::sarif(&workspace, &analysis.diagnostics),
    };
    print!("{rendered}");
    let errors = analysis.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = analysis.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    let failing = errors > 0 || (matches!(args.deny, Some(Deny::Warnings)) && warnings > 0);
    if !project.config_errors.is_empty() || !project.catalog_errors.is_empty() {
        return exit::USAGE;
    }
    if failing {
        exit::FOUND_ERRORS
    } else {
        exit::OK
    }
}
