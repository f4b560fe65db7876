//! What every subcommand that reads `.ims` files starts with: the paths on
//! the command line, grouped into projects by the project rule, read by the
//! one loader (`ims_project`), with the problems of each file or project
//! printed once, and the options that govern reading (`--max-file-size`,
//! `--catalog`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ims_analysis::{FileId, SourceFile, Workspace};
use std::io::Read;

use ims_project::{
    decode, ims_files_below, location, read_text, Limits, LoadOptions, Project, ProjectRoot, Text,
    DEFAULT_MAX_FILE_BYTES,
};

use crate::exit;

/// How files are read: shared by `check`, `report`, `fmt`, `parse` and
/// `catalog`.
#[derive(clap::Args, Clone, Debug, Default)]
pub struct ReadOptions {
    /// The largest file read, e.g. `8M` (the default), `64M`, `512K` or a
    /// number of bytes. A larger file is refused with an error.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// A user catalog to load besides those named in `ims.toml`; unlike
    /// those, it may lie outside the project. Repeat for more.
    #[arg(long = "catalog", value_name = "FILE")]
    pub catalogs: Vec<PathBuf>,
}

impl ReadOptions {
    pub fn limits(&self) -> Limits {
        Limits { max_file_bytes: self.max_file_size.unwrap_or(DEFAULT_MAX_FILE_BYTES) }
    }

    pub fn load_options(&self) -> LoadOptions {
        LoadOptions { limits: self.limits(), extra_catalogs: self.catalogs.clone() }
    }
}

/// `8M`, `8MiB`, `512k`, `1G` or a plain number of bytes.
fn parse_size(written: &str) -> Result<u64, String> {
    let trimmed = written.trim();
    let digits = trimmed.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let unit = trimmed[digits.len()..].to_ascii_lowercase();
    let factor: u64 = match unit.as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1024,
        "m" | "mb" | "mib" => 1024 * 1024,
        "g" | "gb" | "gib" => 1024 * 1024 * 1024,
        _ => return Err(format!("`{written}` is not a size; write it like 8M, 512K or 1048576")),
    };
    let number: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{written}` is not a size; write it like 8M, 512K or 1048576"))?;
    number.checked_mul(factor).ok_or_else(|| format!("`{written}` is too large a size"))
}

/// The files the command line names (the current directory when it names
/// none): a file as it is, a directory as every `.ims` file below it. A file
/// named twice counts once. A path that names nothing is reported on stderr
/// and is a usage error (the exit code is the `Err`).
pub fn named_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, u8> {
    let current = [PathBuf::from(".")];
    let paths = if paths.is_empty() { &current[..] } else { paths };
    files_below(paths).map_err(|message| {
        eprintln!("error: {message}");
        exit::USAGE
    })
}

fn files_below(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path);
        if metadata.as_ref().is_ok_and(|m| m.is_dir()) {
            let found = ims_files_below(path);
            if found.files.is_empty() {
                return Err(format!("{}: no .ims files in this directory", path.display()));
            }
            files.extend(found.files);
        } else if metadata.is_ok() {
            files.push(path.clone());
        } else if path.symlink_metadata().is_ok() {
            // A dangling link: the reader names it.
            files.push(path.clone());
        } else {
            return Err(format!("{}: no such file or directory", path.display()));
        }
    }
    let mut seen = HashSet::new();
    files.retain(|file| seen.insert(file.canonicalize().unwrap_or_else(|_| file.clone())));
    Ok(files)
}

/// Reads standard input as the text of the file `name` (`<stdin>` when the
/// user named none), under the same limit and checks as a file on disk.
pub fn read_stdin(name: &Path, options: &ReadOptions) -> Result<Text, String> {
    let mut bytes = Vec::new();
    let limit = options.limits().max_file_bytes;
    if let Err(e) = std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes) {
        return Err(format!("{} (standard input): cannot read: {e}", name.display()));
    }
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{} (standard input): too large to read (the limit is {}; raise it with --max-file-size)",
            name.display(),
            ims_project::human_size(limit)
        ));
    }
    decode(name, bytes).map_err(|error| error.to_string())
}

/// The text of one file read from standard input (`ims check -`), which
/// stands for the file `path` in its project: it replaces that file's text
/// on disk (an editor's unsaved text), or joins the project when the file
/// does not exist yet.
pub struct StdinFile {
    /// The file as the user named it (`--stdin-filename`), or `<stdin>`.
    pub path: PathBuf,
    pub text: String,
}

impl StdinFile {
    /// The project of the file and its canonical path. A file not saved yet
    /// belongs to the project of its directory.
    fn place(&self) -> Option<(ProjectRoot, PathBuf)> {
        Some((ProjectRoot::of(&self.path)?, location(&self.path)?))
    }
}

/// One project to analyse: every file of it, parsed; which of them the
/// command line named; and the project's configuration and catalog.
pub struct LoadedProject {
    pub project: Project,
    pub workspace: Workspace,
    /// By file: whether the command line named it (its findings are
    /// reported; the other files of the project only give context).
    pub named: Vec<bool>,
}

impl LoadedProject {
    pub fn is_named(&self, file: FileId) -> bool {
        self.named[file.0 as usize]
    }
}

/// Groups the named files into projects and reads every file of each
/// project. Every unreadable file and every problem of a project's
/// configuration is printed to stderr; the result then is
/// [`exit::USAGE`], after all of them were named.
pub fn load_projects(files: &[PathBuf], options: &ReadOptions) -> Result<Vec<LoadedProject>, u8> {
    load_projects_with_stdin(files, options, None)
}

/// [`load_projects`], with the text of one file from standard input: that
/// file is named, and its text is `stdin`'s instead of what is on disk, so
/// that its findings are those `ims check FILE` reports after saving. The
/// file comes first when `stdin_first` (a `-` before the other paths).
pub fn load_projects_with_stdin(
    files: &[PathBuf],
    options: &ReadOptions,
    stdin: Option<(StdinFile, bool)>,
) -> Result<Vec<LoadedProject>, u8> {
    let cwd = std::env::current_dir().ok().and_then(|d| d.canonicalize().ok());
    // Projects in the order their first named file comes.
    let mut projects: Vec<(ProjectRoot, Vec<(PathBuf, PathBuf)>)> = Vec::new();
    let mut failed = false;
    let mut add =
        |root: ProjectRoot, canonical: PathBuf, given: PathBuf, first: bool| match projects
            .iter_mut()
            .find(|(r, _)| *r == root)
        {
            Some((_, named)) if !named.iter().any(|(c, _)| *c == canonical) => {
                named.push((canonical, given));
            }
            Some(_) => {}
            None if first => projects.insert(0, (root, vec![(canonical, given)])),
            None => projects.push((root, vec![(canonical, given)])),
        };
    let stdin_text = match stdin {
        Some((file, first)) => {
            let Some((root, canonical)) = file.place() else {
                eprintln!("error: {}: its directory does not exist", file.path.display());
                return Err(exit::USAGE);
            };
            add(root, canonical.clone(), file.path.clone(), first);
            Some((canonical, file.text))
        }
        None => None,
    };
    for file in files {
        let (Some(root), Some(canonical)) = (ProjectRoot::of(file), location(file)) else {
            eprintln!("error: {}: no such file", file.display());
            failed = true;
            continue;
        };
        add(root, canonical, file.clone(), false);
    }
    let load_options = options.load_options();
    let mut loaded = Vec::new();
    for (root, named) in projects {
        let project = Project::load(root.clone(), &load_options);
        for problem in &project.problems {
            eprintln!("error: {problem}");
            failed = true;
        }
        let listed = root.files();
        if listed.truncated {
            eprintln!(
                "warning: {}: more than {} .ims files; only the first are read",
                root.dir.display(),
                ims_project::MAX_PROJECT_FILES
            );
        }
        // The project's files, and the named ones it does not list (a file
        // in a hidden directory, say), each once, in path order.
        let mut paths: Vec<PathBuf> = listed.files;
        for (canonical, _) in &named {
            if !paths.contains(canonical) {
                paths.push(canonical.clone());
            }
        }
        paths.sort();
        let mut texts = Vec::new();
        let mut is_named = Vec::new();
        for path in paths {
            let given = named.iter().find(|(canonical, _)| *canonical == path);
            let shown =
                given.map_or_else(|| display_path(&path, cwd.as_deref()), |(_, g)| g.clone());
            let read = match &stdin_text {
                Some((canonical, text)) if *canonical == path => {
                    Ok(Text { text: text.clone(), had_bom: false })
                }
                _ => read_text(&shown, Some(&root.dir), options.limits()),
            };
            match read {
                Ok(Text { text, .. }) => {
                    texts.push((shown, text));
                    is_named.push(given.is_some());
                }
                Err(error) if given.is_some() => {
                    eprintln!("error: {error}");
                    failed = true;
                }
                // A file of the project that the command line did not name:
                // said, and left out, so that the named files are still checked.
                Err(error) => eprintln!("warning: {error} (left out of its project)"),
            }
        }
        if failed {
            continue;
        }
        let sources = parse_files(texts);
        let catalog = Arc::clone(&project.catalog);
        let workspace = Workspace::new(sources, catalog, project.config.clone());
        loaded.push(LoadedProject { project, workspace, named: is_named });
    }
    if failed {
        Err(exit::USAGE)
    } else {
        Ok(loaded)
    }
}

/// How a project file that the command line did not name is shown: relative
/// to the current directory when it lies below it.
fn display_path(path: &Path, cwd: Option<&Path>) -> PathBuf {
    match cwd.and_then(|cwd| path.strip_prefix(cwd).ok()) {
        Some(relative) => relative.to_path_buf(),
        None => path.to_path_buf(),
    }
}

/// Parses the files on all cores, largest first, keeping only what the
/// analysis reads: the syntax errors and the AST, not the tree-sitter trees
/// (a fifth of the peak memory). A single large file is parsed in parts by
/// `parse_lowered` itself.
fn parse_files(texts: Vec<(PathBuf, String)>) -> Vec<SourceFile> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Each text is moved into its `Arc` before the next is, so that the
    // workspace never holds two copies.
    let (paths, texts): (Vec<PathBuf>, Vec<Arc<str>>) =
        texts.into_iter().map(|(path, text)| (path, Arc::from(text))).unzip();
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
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
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

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("8M"), Ok(8 * 1024 * 1024));
        assert_eq!(parse_size("8MiB"), Ok(8 * 1024 * 1024));
        assert_eq!(parse_size("512k"), Ok(512 * 1024));
        assert_eq!(parse_size("1G"), Ok(1024 * 1024 * 1024));
        assert_eq!(parse_size("1048576"), Ok(1_048_576));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("8X").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
