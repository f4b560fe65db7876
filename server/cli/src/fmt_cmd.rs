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
use ims_project::{read_text, ProjectRoot, Text};
use ims_syntax::LineIndex;

use crate::exit;
use crate::input::{named_files, read_stdin, ReadOptions};

/// The UTF-8 byte order mark, written back where a file had one.
const BOM: &str = "\u{feff}";

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
    #[command(flatten)]
    read: ReadOptions,
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
        return run_stdin(args);
    }
    let files = match named_files(&args.paths) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let mut io_errors = false;
    let mut refused = false;
    let mut unformatted = Vec::new();
    for file in &files {
        // A file is read as part of its project: a link out of it is refused.
        let root = ProjectRoot::of(file).map(|root| root.dir);
        let source = match read_text(file, root.as_deref(), args.read.limits()) {
            Ok(source) => source,
            Err(error) => {
                eprintln!("error: {error}");
                io_errors = true;
                continue;
            }
        };
        match format_text(file, &source.text) {
            Outcome::Unchanged => {}
            Outcome::Refused(message) => {
                eprintln!("error: {message}");
                refused = true;
            }
            Outcome::Changed(formatted) => match args.mode() {
                Mode::Write => {
                    if let Err(e) = write_atomically(file, &with_bom(&source, formatted)) {
                        eprintln!("error: {}: cannot write: {e}", file.display());
                        io_errors = true;
                    }
                }
                Mode::Check => unformatted.push(file.clone()),
                Mode::Diff => {
                    let diff = unified_diff(file, &source.text, &formatted);
                    if let Err(code) = crate::output::print(&diff) {
                        return code;
                    }
                    unformatted.push(file.clone());
                }
            },
        }
    }
    if args.mode() == Mode::Check {
        let listed: String =
            unformatted.iter().map(|path| format!("{}\n", path.display())).collect();
        if let Err(code) = crate::output::print(&listed) {
            return code;
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

fn run_stdin(args: &Args) -> u8 {
    let name = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("<stdin>"));
    let source = match read_stdin(&name, &args.read) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let formatted = match format_text(&name, &source.text) {
        Outcome::Refused(message) => {
            eprintln!("error: {message}");
            return exit::FOUND_ERRORS;
        }
        Outcome::Unchanged => None,
        Outcome::Changed(formatted) => Some(formatted),
    };
    let (output, code) = match (args.mode(), formatted) {
        (Mode::Write, formatted) => {
            (with_bom(&source, formatted.unwrap_or_else(|| source.text.clone())), exit::OK)
        }
        (_, None) => (String::new(), exit::OK),
        (Mode::Check, Some(_)) => (format!("{}\n", name.display()), exit::FOUND_ERRORS),
        (Mode::Diff, Some(formatted)) => {
            (unified_diff(&name, &source.text, &formatted), exit::FOUND_ERRORS)
        }
    };
    match crate::output::print(&output) {
        Ok(()) => code,
        Err(code) => code,
    }
}

/// The change from `old` to `new` as a unified diff with three lines of
/// context, both sides labelled with the file's path (as `ruff format
/// --diff` does), so that `patch -p0` applies it.
fn unified_diff(path: &Path, old: &str, new: &str) -> String {
    let label = path.display().to_string();
    similar::TextDiff::configure()
        // A bound for pathological inputs: past it the diff is coarser, never wrong.
        .timeout(std::time::Duration::from_secs(10))
        .diff_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&label, &label)
        .to_string()
}

/// `formatted`, with the byte order mark the file started with.
fn with_bom(source: &Text, formatted: String) -> String {
    if source.had_bom {
        format!("{BOM}{formatted}")
    } else {
        formatted
    }
}

fn format_text(path: &Path, text: &str) -> Outcome {
    let syntax = ims_syntax::parse(text);
    if let Some(first) = syntax.errors().first() {
        let at =
            LineIndex::new(text).line_col(text, first.range.start, ims_syntax::ColumnUnit::Char);
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
