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
use ims_syntax::LineIndex;

use crate::exit;
use crate::input::{expand_paths, read_source};

#[derive(clap::Args)]
pub struct Args {
    /// Files and directories to format (default: the current directory).
    /// `-` formats standard input to standard output.
    paths: Vec<PathBuf>,
    /// Write nothing; list the files that are not formatted and exit with 1
    /// if there are any.
    #[arg(long)]
    check: bool,
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
        return run_stdin(args.check);
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
            Outcome::Changed(formatted) => {
                if args.check {
                    unformatted.push(source.path);
                } else if let Err(e) = write_atomically(&source.path, &formatted) {
                    eprintln!("error: {}: cannot write: {e}", source.path.display());
                    io_errors = true;
                }
            }
        }
    }
    for path in &unformatted {
        println!("{}", path.display());
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

fn run_stdin(check: bool) -> u8 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: <stdin>: cannot read: {e}");
        return exit::USAGE;
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) if !text.contains('\0') => text,
        _ => {
            eprintln!("error: <stdin>: not UTF-8 text; .ims files must be UTF-8 text");
            return exit::USAGE;
        }
    };
    let formatted = match format_text(Path::new("<stdin>"), &text) {
        Outcome::Refused(message) => {
            eprintln!("error: {message}");
            return exit::FOUND_ERRORS;
        }
        Outcome::Unchanged => None,
        Outcome::Changed(formatted) => Some(formatted),
    };
    if check {
        return match formatted {
            Some(_) => {
                println!("<stdin>");
                exit::FOUND_ERRORS
            }
            None => exit::OK,
        };
    }
    let output = formatted.as_deref().unwrap_or(&text);
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()) {
        eprintln!("error: <stdout>: cannot write: {e}");
        return exit::USAGE;
    }
    exit::OK
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
