//! `ims check [PATHS]`: every diagnostic of the IMS formed by the given files
//! and directories, for people (rustc-like) or machines (JSON, SARIF, GitHub
//! annotations, GitLab code quality); `-` checks standard input as the file
//! `--stdin-filename` names. docs/cli.md documents the formats and exit
//! codes.

use std::io::IsTerminal;
use std::path::PathBuf;

use ims_analysis::{analyze, Diagnostic, Severity};

use crate::exit;
use crate::input::{load_projects_with_stdin, named_files, read_stdin, ReadOptions, StdinFile};

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories to check (default: the current directory).
    /// Each file is checked within its project (docs/cli.md, "Projects").
    /// `-` reads one file's text from standard input.
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
    /// Report only the findings that fail the check (errors, and warnings
    /// with `--deny warnings`), without the summary line.
    #[arg(long, short)]
    quiet: bool,
    /// The file that the text on standard input (`-`) is: its name in the
    /// output and its project, whose other files it is checked with; it
    /// stands in for that file on disk.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    #[command(flatten)]
    read: ReadOptions,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// rustc-like text with source snippets, for people.
    Human,
    /// A JSON array of findings (LSP positions).
    Json,
    /// A SARIF 2.1.0 log, for GitHub code scanning and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the files.
    Github,
    /// A GitLab code quality report (Code Climate JSON).
    Gitlab,
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
    let is_stdin = |p: &PathBuf| p.as_os_str() == "-";
    let stdin_count = args.paths.iter().filter(|p| is_stdin(p)).count();
    if stdin_count > 1 {
        eprintln!("error: `-` (standard input) can be given only once");
        return exit::USAGE;
    }
    if stdin_count == 0 && args.stdin_filename.is_some() {
        eprintln!(
            "error: --stdin-filename names the text read from standard input: add `-` to the paths"
        );
        return exit::USAGE;
    }
    let disk: Vec<PathBuf> = args.paths.iter().filter(|p| !is_stdin(p)).cloned().collect();
    let files = match disk.is_empty() && stdin_count == 1 {
        true => Vec::new(),
        false => match named_files(&disk) {
            Ok(files) => files,
            Err(code) => return code,
        },
    };
    let stdin = if stdin_count == 1 {
        let path = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
        match read_stdin(&path, &args.read) {
            Ok(text) => Some((
                StdinFile { path, text: text.text },
                args.paths.first().is_some_and(is_stdin),
            )),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        }
    } else {
        None
    };
    let projects = match load_projects_with_stdin(&files, &args.read, stdin) {
        Ok(projects) => projects,
        Err(code) => return code,
    };
    let deny_warnings = matches!(args.deny, Some(Deny::Warnings));
    let fails = |severity: Severity| {
        severity == Severity::Error || (deny_warnings && severity == Severity::Warning)
    };
    // Each project is analysed on its own; the findings of the files the
    // command line named are reported, in the order of the projects.
    let mut analysed = Vec::new();
    for project in &projects {
        let analysis = analyze(&project.workspace);
        let reported: Vec<&Diagnostic> = analysis
            .diagnostics
            .iter()
            .filter(|d| project.is_named(d.location.file))
            .filter(|d| !args.quiet || fails(d.severity))
            .collect();
        let reported: Vec<Diagnostic> = reported.into_iter().cloned().collect();
        analysed.push((project, reported, analysis));
    }
    let written = crate::output::write_with(|out| {
        let parts: Vec<(&ims_analysis::Workspace, &[Diagnostic])> =
            analysed.iter().map(|(p, reported, _)| (&p.workspace, reported.as_slice())).collect();
        // Machine formats name files relative to the current directory.
        let base = std::env::current_dir().unwrap_or_default();
        match args.format {
            Format::Human => {
                crate::render::write_human(out, &parts, use_color(args.color), args.quiet)
            }
            Format::Json => crate::render::write_json(out, &parts),
            Format::Sarif => crate::render::write_sarif(out, &parts, &base),
            Format::Github => crate::render::write_github(out, &parts, &base),
            Format::Gitlab => crate::render::write_gitlab(out, &parts, &base),
        }
    });
    let failing = analysed.iter().flat_map(|(_, reported, _)| reported).any(|d| fails(d.severity));
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
