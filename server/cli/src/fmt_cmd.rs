//! `ims fmt [--check] [PATHS]`: formats `.ims` files in place, checks that
//! they are formatted (`--check`), or formats standard input to standard
//! output (`ims fmt -`). The formatter is `ims_fmt::format`, the
//! one the language server uses; the style is in `docs/formatting.md`.
//!
//! A file with syntax errors is never rewritten: formatting broken text could
//! lose some of it. It is reported, and the exit code is 1.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use ims_fmt::format;
use ims_project::{decode, read_text, ProjectRoot, Text};
use ims_syntax::LineIndex;

use crate::exit;
use crate::input::{named_files, paths_or_current, ReadOptions};

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
    #[command(flatten)]
    read: ReadOptions,
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
    let files = match named_files(&paths_or_current(&args.paths)) {
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
            Outcome::Changed(formatted) => {
                if args.check {
                    unformatted.push(file.clone());
                } else if let Err(e) = write_atomically(file, &with_bom(&source, formatted)) {
                    eprintln!("error: {}: cannot write: {e}", file.display());
                    io_errors = true;
                }
            }
        }
    }
    let listed: String = unformatted.iter().map(|path| format!("{}\n", path.display())).collect();
    if let Err(code) = crate::output::print(&listed) {
        return code;
    }
    if !unformatted.is_empty() {
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
    let mut bytes = Vec::new();
    let limit = args.read.limits().max_file_bytes;
    if let Err(e) = std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes) {
        eprintln!("error: <stdin>: cannot read: {e}");
        return exit::USAGE;
    }
    if bytes.len() as u64 > limit {
        eprintln!(
            "error: <stdin>: too large to read (the limit is {}; raise it with --max-file-size)",
            ims_project::human_size(limit)
        );
        return exit::USAGE;
    }
    let source = match decode(Path::new("<stdin>"), bytes) {
        Ok(source) => source,
        Err(error) => {
            eprintln!("error: {error}");
            return exit::USAGE;
        }
    };
    let formatted = match format_text(Path::new("<stdin>"), &source.text) {
        Outcome::Refused(message) => {
            eprintln!("error: {message}");
            return exit::FOUND_ERRORS;
        }
        Outcome::Unchanged => None,
        Outcome::Changed(formatted) => Some(formatted),
    };
    if args.check {
        return match formatted {
            Some(_) => match crate::output::print("<stdin>\n") {
                Ok(()) => exit::FOUND_ERRORS,
                Err(code) => code,
            },
            None => exit::OK,
        };
    }
    let output = with_bom(&source, formatted.unwrap_or_else(|| source.text.clone()));
    match crate::output::print(&output) {
        Ok(()) => exit::OK,
        Err(code) => code,
    }
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
