//! `ims check [PATHS]`: every diagnostic of the IMS formed by the given files
//! and directories, for people (rustc-like) or machines (JSON, SARIF).
//! docs/cli.md documents the formats and exit codes.

use std::io::IsTerminal;
use std::path::PathBuf;

use ims_analysis::{analyze, Diagnostic, Severity};

use crate::exit;
use crate::input::{load_projects, named_files, paths_or_current, ReadOptions};

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories to check (default: the current directory).
    /// Each file is checked within its project (docs/cli.md, "Projects").
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors for the exit code (`--deny warnings`).
    #[arg(long, value_name = "LEVEL")]
    deny: Option<Deny>,
    /// Colours in human output: `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    #[command(flatten)]
    read: ReadOptions,
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

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

pub fn run(args: &Args) -> u8 {
    let files = match named_files(&paths_or_current(&args.paths)) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let projects = match load_projects(&files, &args.read) {
        Ok(projects) => projects,
        Err(code) => return code,
    };
    // Each project is analysed on its own; the findings of the files the
    // command line named are reported, in the order of the projects.
    let mut analysed = Vec::new();
    for project in &projects {
        let analysis = analyze(&project.workspace);
        let reported: Vec<&Diagnostic> =
            analysis.diagnostics.iter().filter(|d| project.is_named(d.location.file)).collect();
        let reported: Vec<Diagnostic> = reported.into_iter().cloned().collect();
        analysed.push((project, reported, analysis));
    }
    let written = crate::output::write_with(|out| {
        let parts: Vec<(&ims_analysis::Workspace, &[Diagnostic])> =
            analysed.iter().map(|(p, reported, _)| (&p.workspace, reported.as_slice())).collect();
        match args.format {
            Format::Human => crate::render::write_human(out, &parts, use_color(args.color)),
            Format::Json => crate::render::write_json(out, &parts),
            Format::Sarif => {
                let base = std::env::current_dir().unwrap_or_default();
                crate::render::write_sarif(out, &parts, &base)
            }
        }
    });
    let reported = analysed.iter().flat_map(|(_, reported, _)| reported);
    let count = |s: Severity| reported.clone().filter(|d| d.severity == s).count();
    let failing = count(Severity::Error) > 0
        || (matches!(args.deny, Some(Deny::Warnings)) && count(Severity::Warning) > 0);
    // The process ends right after this: freeing the workspaces, their
    // syntax trees and the analyses one allocation at a time would only
    // delay the exit (70 ms for 100k lines), and the operating system
    // reclaims it all.
    std::mem::forget(analysed);
    std::mem::forget(projects);
    if let Err(code) = written {
        return code;
    }
    if failing {
        exit::FOUND_ERRORS
    } else {
        exit::OK
    }
}

/// Colour only for a terminal, and never when `NO_COLOR` is set to anything
/// but the empty string (no-color.org).
fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}
