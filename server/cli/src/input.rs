//! Reading `.ims` files from the command line, with clear errors for what a
//! person may pass by mistake: a missing file, a directory without `.ims`
//! files, a binary, non-UTF-8 or far too large file. Every error names the
//! file; none panics.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest file `ims` reads. The parser is linear and a 50 MB file is
/// checked in seconds; the limit only protects against a log or disk image
/// passed by mistake, and keeps byte offsets far below tree-sitter's 4 GiB.
pub const MAX_FILE_SIZE: u64 = 128 * 1024 * 1024;

/// A file read from disk.
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
}

/// Reads one file as UTF-8 text, or says precisely why it cannot. A leading
/// byte order mark is dropped, as editors do.
pub fn read_source(path: &Path) -> Result<SourceText, String> {
    let shown = path.display();
    let cannot_read = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{shown}: no such file"),
        std::io::ErrorKind::IsADirectory => format!("{shown}: is a directory"),
        _ => format!("{shown}: cannot read: {e}"),
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let metadata = file.metadata().map_err(cannot_read)?;
    if metadata.is_dir() {
        return Err(format!("{shown}: is a directory"));
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Err(too_large(&shown, metadata.len()));
    }
    // Bounded even when the size on disk says nothing (a device or a pipe).
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes).map_err(cannot_read)?;
    let text = decode(&shown, bytes)?;
    Ok(SourceText { path: path.to_path_buf(), text })
}

/// Reads standard input as the text of the file `name` (`<stdin>` when the
/// user named none), with the same limits and checks as a file on disk.
pub fn read_stdin(name: &Path) -> Result<SourceText, String> {
    let shown = name.display().to_string();
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{shown} (standard input): cannot read: {e}"))?;
    let text = decode(&shown, bytes)?;
    Ok(SourceText { path: name.to_path_buf(), text })
}

fn too_large(shown: &impl std::fmt::Display, size: u64) -> String {
    format!(
        "{shown}: too large to check ({} MiB; the limit is {} MiB)",
        size.div_ceil(1024 * 1024),
        MAX_FILE_SIZE / (1024 * 1024)
    )
}

/// The bytes of a file as UTF-8 text without a leading byte order mark,
/// or why they are not an `.ims` text.
fn decode(shown: &impl std::fmt::Display, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(too_large(shown, bytes.len() as u64));
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        let at = line_column(&bytes[..offset]);
        return Err(format!(
            "{shown}:{at}: contains a NUL byte: this is a binary file, not an .ims text file"
        ));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let at = line_column(&e.as_bytes()[..offset]);
            Err(format!(
                "{shown}:{at}: invalid UTF-8 (byte offset {offset}); .ims files must be UTF-8 text"
            ))
        }
    }
}

/// The 1-based `line:column` just after `before`, which is valid UTF-8 up to
/// its end; the column counts characters.
fn line_column(before: &[u8]) -> String {
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    format!("{line}:{column}")
}

/// Expands the paths given on the command line: files as they are,
/// directories to the `.ims` files below them (sorted, hidden folders and
/// `target`/`node_modules` skipped). A file named twice is read once.
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            walk(path, &mut files)
                .map_err(|e| format!("{}: cannot read directory: {e}", path.display()))?;
            if files.len() == before {
                return Err(format!("{}: no .ims files in this directory", path.display()));
            }
        } else if path.exists() {
            files.push(path.clone());
        } else {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    let mut seen = HashSet::new();
    files.retain(|file| seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())));
    Ok(files)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if entry.file_type()?.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&path, out)?;
            }
        } else if path.extension().is_some_and(|ext| ext == "ims") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column(b""), "1:1");
        assert_eq!(line_column("ab\nçé".as_bytes()), "2:3");
        assert_eq!(line_column(b"a\n\n"), "3:1");
    }
}
