//! `ims fmt [--check] [--diff] [PATHS]`: formats `.ims` files in place,
//! checks that they are formatted (`--check`), prints what formatting would
//! change as a unified diff (`--diff`), or formats standard input to
//! standard output (`ims fmt -`). The formatter is `ims_fmt::format`, the
//! one the language server uses; the style is in `docs/formatting.md`.
//!
//! A file with syntax errors is never rewritten: formatting broken text could
//! lose some of it. It is reported, and the exit code is 1.

use std::io::Write;
use std::path::{Path, PathBuf};

use ims_fmt::format;
use ims_syntax::LineIndex;

use crate::exit;
use crate::input::{expand_paths, read_source, read_stdin};
use crate::output::write_stdout;

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories to format (default: the current directory).
    /// `-` formats standard input to standard output.
    paths: Vec<PathBuf>,
    /// Write nothing; list the files that are not formatted and exit with 1
    /// if there are any.
    #[arg(long)]
    check: bool,
    /// Write nothing; print what formatting would change as a unified diff
    /// and exit with 1 if it would change anything.
    #[arg(long)]
    diff: bool,
    /// Print only the problems (unformatted files, errors), no summary.
    #[arg(long, short)]
    quiet: bool,
    /// The name of the text read from standard input (`-`), for messages
    /// and the diff.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
}

/// What to do with a text that formatting changes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Write,
    Check,
    Diff,
}

impl Args {
    fn mode(&self) -> Mode {
        if self.diff {
            Mode::Diff
        } else if self.check {
            Mode::Check
        } else {
            Mode::Write
        }
    }
}

/// What formatting one text found.
enum Outcome {
    Unchanged,
    Changed(String),
    Refused(String),
}

pub fn run(args: &Args) -> u8 {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() > 1 {
            eprintln!("error: `-` (standard input) cannot be combined with other paths");
            return exit::USAGE;
        }
        let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
        return run_stdin(args.mode(), &name);
    }
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = match expand_paths(&paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut io_errors = false;
    let mut refused = false;
    let mut unformatted = Vec::new();
    for file in &files {
        let source = match read_source(file) {
            Ok(source) => source,
            Err(message) => {
                eprintln!("error: {message}");
                io_errors = true;
                continue;
            }
        };
        match format_text(&source.path, &source.text) {
            Outcome::Unchanged => {}
            Outcome::Refused(message) => {
                eprintln!("error: {message}");
                refused = true;
            }
            Outcome::Changed(formatted) => match args.mode() {
                Mode::Write => {
                    if let Err(e) = write_atomically(&source.path, &formatted) {
                        eprintln!("error: {}: cannot write: {e}", source.path.display());
                        io_errors = true;
                    }
                }
                Mode::Check => unformatted.push(source.path),
                Mode::Diff => {
                    let diff =
                        unified_diff(&source.path.display().to_string(), &source.text, &formatted);
                    if !write_stdout(diff.as_bytes()) {
                        return exit::USAGE;
                    }
                    unformatted.push(source.path);
                }
            },
        }
    }
    if args.mode() == Mode::Check {
        for path in &unformatted {
            if !write_stdout(format!("{}\n", path.display()).as_bytes()) {
                return exit::USAGE;
            }
        }
    }
    if !unformatted.is_empty() && !args.quiet {
        let count = unformatted.len();
        let files = if count == 1 { "file is" } else { "files are" };
        eprintln!("{count} {files} not formatted; run `ims fmt` to format them");
    }
    if io_errors {
        exit::USAGE
    } else if refused || !unformatted.is_empty() {
        exit::FOUND_ERRORS
    } else {
        exit::OK
    }
}

fn run_stdin(mode: Mode, name: &Path) -> u8 {
    let text = match read_stdin(name) {
        Ok(source) => source.text,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let formatted = match format_text(name, &text) {
        Outcome::Refused(message) => {
            eprintln!("error: {message}");
            return exit::FOUND_ERRORS;
        }
        Outcome::Unchanged => None,
        Outcome::Changed(formatted) => Some(formatted),
    };
    let (output, code) = match (mode, &formatted) {
        (Mode::Write, _) => (formatted.clone().unwrap_or(text), exit::OK),
        (_, None) => (String::new(), exit::OK),
        (Mode::Check, Some(_)) => (format!("{}\n", name.display()), exit::FOUND_ERRORS),
        (Mode::Diff, Some(formatted)) => {
            (unified_diff(&name.display().to_string(), &text, formatted), exit::FOUND_ERRORS)
        }
    };
    if write_stdout(output.as_bytes()) {
        code
    } else {
        exit::USAGE
    }
}

/// The change from `old` to `new` as a unified diff with three lines of
/// context, both sides labelled with the file's path (as `ruff format
/// --diff` does), so that `patch -p0` applies it.
fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::configure()
        // A bound for pathological inputs: past it the diff is coarser, never wrong.
        .timeout(std::time::Duration::from_secs(10))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(path, path)
        .to_string()
}

fn format_text(path: &Path, text: &str) -> Outcome {
    let syntax = ims_syntax::parse(text);
    if let Some(first) = syntax.errors().first() {
        let at = LineIndex::new(text).line_col(text, first.range.start);
        let count = syntax.errors().len();
        let more = match count {
            1 => String::new(),
            2 => " (and 1 more)".to_string(),
            n => format!(" (and {} more)", n - 1),
        };
        return Outcome::Refused(format!(
            "{}: not formatted because of syntax errors; first at {}:{}: {}{more}",
            path.display(),
            at.line + 1,
            at.column + 1,
            first.message
        ));
    }
    match format(&syntax, text) {
        Some(formatted) if formatted == text => Outcome::Unchanged,
        Some(formatted) => Outcome::Changed(formatted),
        // The formatter refuses its own output when it would not parse to the
        // same tokens: a formatter bug, reported rather than written.
        None => Outcome::Refused(format!(
            "{}: not formatted: the formatter could not keep every token (a bug in `ims fmt`; please report it)",
            path.display()
        )),
    }
}

/// Replaces `path` with `text` through a temporary file in the same
/// directory and a rename, so that a crash never leaves a truncated file.
/// A symbolic link is followed, so that the link stays a link.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let resolved = std::fs::canonicalize(path)?;
    let path = resolved.as_path();
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.ims-fmt-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, metadata.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
