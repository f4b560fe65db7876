//! `ims check [PATHS]`: every diagnostic of the IMS formed by the given files
//! and directories, for people (rustc-like) or machines (JSON, SARIF).
//! docs/cli.md documents the formats and exit codes.

use std::io::{IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use ims_analysis::project::Project;
use ims_analysis::{analyze, Severity, SourceFile, Workspace};

use crate::exit;
use crate::input::{expand_paths, read_source, read_stdin, SourceText};

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories forming one IMS (default: the current
    /// directory). `-` reads one file's text from standard input.
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
    /// output, where `ims.toml` is looked for, and the file on disk it
    /// replaces if the other paths include it.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
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
    let sources = match read_sources(args) {
        Ok(sources) => sources,
        Err(messages) => {
            // Every unreadable file is named, not only the first.
            for message in messages {
                eprintln!("error: {message}");
            }
            return exit::USAGE;
        }
    };
    // `ims.toml` is looked for from the first path, which for `-` is the
    // file it stands for; a file not yet saved is looked for from its folder.
    let first = match args.paths.first() {
        Some(path) if path.as_os_str() == "-" => match &args.stdin_filename {
            Some(name) if name.exists() => name.clone(),
            Some(name) => name
                .parent()
                .filter(|dir| !dir.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            None => PathBuf::from("."),
        },
        Some(path) => path.clone(),
        None => PathBuf::from("."),
    };
    let project = Project::load(&first);
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

/// The texts of the IMS: the files given and found below the directories
/// given, and, for `-`, standard input as the file `--stdin-filename`
/// names. That file, if the paths also include it, is read from standard
/// input instead of from disk (as an editor checks its unsaved text),
/// keeping its place; otherwise standard input comes first if `-` is the
/// first path, else last. Every problem is returned, not only the first.
//
// FIXME: the CLI and the language server are to share one project loader
// (files, `ims.toml`, unsaved texts), which the lead is writing; the
// standard-input text then becomes that loader's unsaved text of the file.
fn read_sources(args: &Args) -> Result<Vec<SourceText>, Vec<String>> {
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(vec!["`-` (standard input) can be given only once".to_string()]);
    }
    if stdin_count == 0 && args.stdin_filename.is_some() {
        return Err(vec![
            "--stdin-filename names the text read from standard input: add `-` to the paths"
                .to_string(),
        ]);
    }
    let disk: Vec<PathBuf> = args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let files = match (disk.is_empty(), stdin_count) {
        (true, 1) => Vec::new(),
        (true, _) => expand_paths(&[PathBuf::from(".")]).map_err(|m| vec![m])?,
        (false, _) => expand_paths(&disk).map_err(|m| vec![m])?,
    };
    let stdin = if stdin_count == 1 {
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
        Some(read_stdin(&name).map_err(|m| vec![m])?)
    } else {
        None
    };
    let replaced =
        stdin.as_ref().and_then(|stdin| files.iter().position(|f| same_file(f, &stdin.path)));
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for (i, file) in files.iter().enumerate() {
        if Some(i) == replaced {
            continue;
        }
        match read_source(file) {
            Ok(source) => sources.push(source),
            Err(message) => problems.push(message),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(mut stdin) = stdin {
        match replaced {
            Some(i) => {
                // The file keeps the name it was found under.
                stdin.path = files[i].clone();
                sources.insert(i, stdin);
            }
            None if args.paths.first().is_some_and(|p| p.as_os_str() == "-") => {
                sources.insert(0, stdin);
            }
            None => sources.push(stdin),
        }
    }
    Ok(sources)
}

/// Whether two paths name the same file: the same canonical path when both
/// exist, else the same absolute path.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
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
