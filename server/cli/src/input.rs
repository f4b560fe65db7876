//! Reading `.ims` files from the command line, with clear errors for what a
//! person may pass by mistake: a missing file, a directory without `.ims`
//! files, a binary or non-UTF-8 file.

use std::path::{Path, PathBuf};

/// A file read from disk.
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
}

/// Reads one file as UTF-8 text, or says precisely why it cannot.
pub fn read_source(path: &Path) -> Result<SourceText, String> {
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{}: no such file", path.display()),
        std::io::ErrorKind::IsADirectory => format!("{}: is a directory", path.display()),
        _ => format!("{}: cannot read: {e}", path.display()),
    })?;
    if bytes.contains(&0) {
        return Err(format!("{}: is a binary file, not an .ims text file", path.display()));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceText { path: path.to_path_buf(), text }),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..offset];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(format!(
                "{}:{line}:{column}: invalid UTF-8 (byte offset {offset}); .ims files must be UTF-8 text",
                path.display()
            ))
        }
    }
}

/// Expands the paths given on the command line: files as they are,
/// directories to the `.ims` files below them (sorted, hidden folders and
/// `target`/`node_modules` skipped).
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
    files.dedup();
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
