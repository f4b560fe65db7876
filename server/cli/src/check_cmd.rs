//! `ims check [PATHS]`: every diagnostic of the IMS formed by the given files
//! and directories, for people (rustc-like) or machines (JSON, SARIF).
//! docs/cli.md documents the formats and exit codes.

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use ims_analysis::project::Project;
use ims_analysis::{analyze, Severity, SourceFile, Workspace};

use crate::exit;
use crate::input::{expand_paths, read_source, SourceText};

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
    /// Colours in human output: `auto` colours a terminal unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Report only the findings that fail the check (errors, and warnings
    /// with `--deny warnings`), without the summary line.
    #[arg(long, short)]
    quiet: bool,
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
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = match expand_paths(&paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    // Every unreadable file is named, not only the first.
    let mut sources = Vec::new();
    let mut unreadable = false;
    for file in &files {
        match read_source(file) {
            Ok(source) => sources.push(source),
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
    let project_errors: Vec<String> = (project.config_errors.iter().map(ToString::to_string))
        .chain(project.catalog_errors.iter().map(ToString::to_string))
        .collect();
    for error in &project_errors {
        eprintln!("error: {error}");
    }
    let sources = parse_files(sources);
    let workspace = Workspace::new(sources, Arc::clone(&project.catalog), project.config.clone());
    let mut analysis = analyze(&workspace);
    let deny_warnings = matches!(args.deny, Some(Deny::Warnings));
    let fails = |severity: Severity| {
        severity == Severity::Error || (deny_warnings && severity == Severity::Warning)
    };
    if args.quiet {
        analysis.diagnostics.retain(|d| fails(d.severity));
    }
    let diagnostics = &analysis.diagnostics;
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    // Machine formats name files relative to the current directory.
    let base = std::env::current_dir().unwrap_or_default();
    let written = match args.format {
        Format::Human => crate::render::write_human(
            &mut stdout,
            &workspace,
            diagnostics,
            use_color(args.color),
            args.quiet,
        ),
        Format::Json => crate::render::write_json(&mut stdout, &workspace, diagnostics),
        Format::Sarif => crate::render::write_sarif(&mut stdout, &workspace, diagnostics, &base),
        Format::Github => crate::render::write_github(&mut stdout, &workspace, diagnostics, &base),
        Format::Gitlab => crate::render::write_gitlab(&mut stdout, &workspace, diagnostics, &base),
    }
    .and_then(|()| stdout.flush());
    let failing = diagnostics.iter().any(|d| fails(d.severity));
    // The process ends right after this: freeing the workspace, its syntax
    // trees and the analysis one allocation at a time would only delay the
    // exit (70 ms for 100k lines), and the operating system reclaims it all.
    std::mem::forget(analysis);
    std::mem::forget(workspace);
    if let Err(e) = written {
        // A closed pipe (`ims check | head`) is the reader's choice, not an error.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the output: {e}");
            return exit::USAGE;
        }
    }
    if !project_errors.is_empty() {
        return exit::USAGE;
    }
    if failing {
        exit::FOUND_ERRORS
    } else {
        exit::OK
    }
}

/// Parses the files on all cores, largest first, keeping only what the
/// analysis reads: the syntax errors and the AST, not the tree-sitter trees
/// (a fifth of the peak memory). A single large file is parsed in parts by
/// `parse_lowered` itself.
fn parse_files(sources: Vec<SourceText>) -> Vec<SourceFile> {
    // Each text is moved into its `Arc` before the next is, so that the
    // workspace never holds two copies.
    let (paths, texts): (Vec<PathBuf>, Vec<Arc<str>>) =
        sources.into_iter().map(|s| (s.path, Arc::from(s.text))).unzip();
    let mut order: Vec<usize> = (0..texts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(texts[i].len()));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut parsed = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            parsed.push((i, ims_syntax::parse_lowered(&texts[i])));
        }
        parsed
    };
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let mut parsed = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..cores.min(texts.len())).map(|_| scope.spawn(work)).collect();
        let mut parsed = work();
        for helper in helpers {
            parsed.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        parsed
    });
    parsed.sort_by_key(|&(i, _)| i);
    (paths.into_iter().zip(texts).zip(parsed))
        .map(|((path, text), (_, syntax))| SourceFile::with_syntax(path, text, Arc::new(syntax)))
        .collect()
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
