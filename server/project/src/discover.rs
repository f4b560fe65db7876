//! Which files form an IMS: the project rule, shared by `ims check` and the
//! language server so that both see the same project for the same file.
//!
//! **The rule** (docs/cli.md, "Projects"): the project of a file is the
//! nearest directory at or above the file's own directory that holds an
//! `ims.toml`; its files are every `.ims` file below that directory, except
//! in hidden directories (`.git` ...), `target` and `node_modules`, and in
//! directories that hold an `ims.toml` of their own (projects of their own).
//! Without an `ims.toml` above the file, the project is the file's own
//! directory and its files are the `.ims` files directly in it: a folder of
//! examples is a folder of projects, and a file lying in a cloned
//! repository never merges with the files of its sub-directories.
//!
//! The walk follows no symbolic link to a directory (no loops, nothing
//! outside the project), uses an explicit stack (no recursion, whatever the
//! depth of the directories) and stops at [`MAX_PROJECT_FILES`].

use std::path::{Path, PathBuf};

/// The file name of the project configuration.
pub const CONFIG_FILE: &str = "ims.toml";

/// The most `.ims` files one project may hold; more are not loaded and
/// [`ProjectFiles::truncated`] says so. A folder that large is not one IMS.
pub const MAX_PROJECT_FILES: usize = 10_000;

/// The root of a project.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ProjectRoot {
    /// The project's directory, canonical.
    pub dir: PathBuf,
    /// Its `ims.toml`, when it has one.
    pub config_file: Option<PathBuf>,
}

/// The `.ims` files of a project, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProjectFiles {
    pub files: Vec<PathBuf>,
    /// Whether the walk stopped at [`MAX_PROJECT_FILES`].
    pub truncated: bool,
}

impl ProjectRoot {
    /// The project of a file (or of a directory, which is treated like a
    /// file in it, or of a file not written yet). `None` when the directory
    /// does not exist.
    ///
    /// A file belongs to the project of the directory it lies in, even when
    /// it is a symbolic link: a link `x.ims` to a file elsewhere is in the
    /// project of `x.ims`, whose reader refuses it as outside, never in
    /// the project of where it points.
    pub fn of(path: &Path) -> Option<ProjectRoot> {
        let location = location(path)?;
        let dir = if location.is_dir() { location.as_path() } else { location.parent()? };
        Some(ProjectRoot::of_dir(dir))
    }

    /// Whether the file at `path` (canonical) belongs to this project.
    pub fn holds(&self, path: &Path) -> bool {
        path.parent().is_some_and(|dir| ProjectRoot::of_dir(dir) == *self)
    }

    /// The project of the files in `dir`, a canonical directory.
    fn of_dir(dir: &Path) -> ProjectRoot {
        match dir.ancestors().find(|d| d.join(CONFIG_FILE).is_file()) {
            Some(d) => ProjectRoot { dir: d.to_path_buf(), config_file: Some(d.join(CONFIG_FILE)) },
            None => ProjectRoot { dir: dir.to_path_buf(), config_file: None },
        }
    }

    /// The `.ims` files of the project.
    pub fn files(&self) -> ProjectFiles {
        let mut found = ProjectFiles::default();
        if self.config_file.is_none() {
            for (path, kind) in entries(&self.dir) {
                if kind.is_file() && is_ims(&path) {
                    found.files.push(path);
                }
            }
            found.truncated = found.files.len() > MAX_PROJECT_FILES;
            found.files.truncate(MAX_PROJECT_FILES);
            return found;
        }
        walk(&self.dir, true, &mut found);
        found
    }
}

/// Where a path lies, canonically: a directory canonical, a file (or a link,
/// or a file not written yet) as its canonical directory joined with its
/// name. Links are not followed for the file itself, so two paths of one
/// project compare equal, and a link names the place of the link. `None`
/// when the directory does not exist.
pub fn location(path: &Path) -> Option<PathBuf> {
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
    if path.is_dir() {
        return path.canonicalize().ok();
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

/// The `.ims` files below `dir` (which is searched in any case), skipping
/// hidden directories, `target`, `node_modules` and, when `own_projects` is
/// set, directories with an `ims.toml` of their own. For `ims check DIR`
/// and for the project walk.
pub fn ims_files_below(dir: &Path) -> ProjectFiles {
    let mut found = ProjectFiles::default();
    walk(dir, false, &mut found);
    found
}

fn walk(root: &Path, skip_own_projects: bool, found: &mut ProjectFiles) {
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut subdirs = Vec::new();
        for (path, kind) in entries(&dir) {
            if kind.is_dir() {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                let skipped =
                    name.is_none_or(|n| n.starts_with('.') || n == "target" || n == "node_modules");
                let own_project = skip_own_projects && path.join(CONFIG_FILE).is_file();
                if !skipped && !own_project {
                    subdirs.push(path);
                }
            } else if kind.is_file() && is_ims(&path) {
                if found.files.len() >= MAX_PROJECT_FILES {
                    found.truncated = true;
                    return;
                }
                found.files.push(path);
            }
        }
        // Depth first, in name order: the stack takes the last pushed first.
        pending.extend(subdirs.into_iter().rev());
    }
    found.files.sort();
}

/// The entries of a directory, sorted by name, with their type as the
/// directory reports it (a symbolic link is neither a file nor a
/// directory here, unless it is a link to a regular file, which the reader
/// then checks against the project root).
fn entries(dir: &Path) -> Vec<(PathBuf, EntryKind)> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut entries: Vec<(PathBuf, EntryKind)> = read
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let kind = entry.file_type().ok()?;
            let path = entry.path();
            let kind = if kind.is_dir() {
                EntryKind::Dir
            } else if kind.is_file() {
                EntryKind::File
            } else if kind.is_symlink() && path.metadata().is_ok_and(|m| m.is_file()) {
                // A link to a file is listed; `read_text` refuses it when it
                // leads out of the project.
                EntryKind::File
            } else if !kind.is_symlink() && is_ims(&path) {
                // A FIFO or a device named `.ims`: listed, so that the reader
                // says what it is instead of the file silently missing.
                EntryKind::File
            } else {
                EntryKind::Other
            };
            Some((path, kind))
        })
        .collect();
    entries.sort();
    entries
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum EntryKind {
    Dir,
    File,
    Other,
}

impl EntryKind {
    fn is_dir(self) -> bool {
        self == EntryKind::Dir
    }

    fn is_file(self) -> bool {
        self == EntryKind::File
    }
}

fn is_ims(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext == "ims")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::temp::Temp;

    /// The files, relative to the temporary directory.
    fn names(t: &Temp, files: &ProjectFiles) -> Vec<String> {
        files
            .files
            .iter()
            .map(|f| f.strip_prefix(t.path()).unwrap().to_string_lossy().into_owned())
            .collect()
    }

    /// An empty file.
    fn touch(t: &Temp, path: &str) -> PathBuf {
        t.write(path, "")
    }

    #[test]
    fn a_link_belongs_to_the_project_where_it_lies_not_where_it_points() {
        let t = Temp::new("discover-link");
        let secret = touch(&t, "elsewhere/ims.toml");
        touch(&t, "elsewhere/secret.ims");
        let here = touch(&t, "clone/a.ims");
        let link = t.0.join("clone/x.ims");
        std::os::unix::fs::symlink(t.0.join("elsewhere/secret.ims"), &link).unwrap();
        let root = ProjectRoot::of(&link).unwrap();
        assert_eq!(root, ProjectRoot::of(&here).unwrap());
        assert_eq!(root.dir, t.0.join("clone"));
        assert_ne!(root.config_file.as_deref(), Some(secret.as_path()));
        assert_eq!(location(&link).unwrap(), t.0.join("clone/x.ims"));
        // Its reader, given that project, refuses it.
        let error = crate::read_text(&link, Some(&root.dir), crate::Limits::default());
        assert!(error.is_err_and(|e| matches!(e.kind, crate::ReadErrorKind::OutsideProject { .. })));
        // A file not written yet lies in its directory.
        assert_eq!(location(&t.0.join("clone/new.ims")).unwrap(), t.0.join("clone/new.ims"));
        assert_eq!(ProjectRoot::of(&t.0.join("missing/new.ims")), None);
    }

    #[test]
    fn without_ims_toml_a_directory_is_a_project_of_its_own_files() {
        let t = Temp::new("discover-plain");
        let acme = touch(&t, "examples/acme.ims");
        touch(&t, "examples/harbour/harbour.ims");
        let multi = touch(&t, "examples/multi/a.ims");
        touch(&t, "examples/multi/b.ims");
        let root = ProjectRoot::of(&acme).unwrap();
        assert_eq!(root, ProjectRoot { dir: t.0.join("examples"), config_file: None });
        assert_eq!(names(&t, &root.files()), ["examples/acme.ims"]);
        let multi_root = ProjectRoot::of(&multi).unwrap();
        assert_eq!(
            names(&t, &multi_root.files()),
            ["examples/multi/a.ims", "examples/multi/b.ims"]
        );
        assert!(multi_root.holds(&t.0.join("examples/multi/b.ims")));
        assert!(!multi_root.holds(&acme));
    }

    #[test]
    fn with_ims_toml_the_project_is_the_tree_below_it_but_nested_projects() {
        let t = Temp::new("discover-toml");
        touch(&t, "repo/ims.toml");
        let top = touch(&t, "repo/ims/main.ims");
        touch(&t, "repo/ims/org/units.ims");
        touch(&t, "repo/.git/hooks/x.ims");
        touch(&t, "repo/target/x.ims");
        touch(&t, "repo/node_modules/x.ims");
        touch(&t, "repo/other/ims.toml");
        let nested = touch(&t, "repo/other/x.ims");
        let root = ProjectRoot::of(&top).unwrap();
        assert_eq!(root.config_file, Some(t.0.join("repo/ims.toml")));
        assert_eq!(names(&t, &root.files()), ["repo/ims/main.ims", "repo/ims/org/units.ims"]);
        let other = ProjectRoot::of(&nested).unwrap();
        assert_eq!(other.dir, t.0.join("repo/other"));
        assert_eq!(names(&t, &other.files()), ["repo/other/x.ims"]);
        // `ims check repo` names every file below, nested projects included.
        assert_eq!(
            names(&t, &ims_files_below(&t.0.join("repo"))),
            ["repo/ims/main.ims", "repo/ims/org/units.ims", "repo/other/x.ims"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_to_directories_are_not_followed() {
        let t = Temp::new("discover-links");
        touch(&t, "p/ims.toml");
        touch(&t, "p/a.ims");
        touch(&t, "elsewhere/secret.ims");
        std::os::unix::fs::symlink(t.0.join("elsewhere"), t.0.join("p/linked")).unwrap();
        std::os::unix::fs::symlink(t.0.join("p"), t.0.join("p/loop")).unwrap();
        let root = ProjectRoot::of(&t.0.join("p/a.ims")).unwrap();
        assert_eq!(names(&t, &root.files()), ["p/a.ims"]);
    }

    #[test]
    fn deep_directories_do_not_overflow_the_stack() {
        let t = Temp::new("discover-deep");
        touch(&t, "d/ims.toml");
        let leaf = touch(&t, &format!("d/{}leaf.ims", "x/".repeat(300)));
        let root = ProjectRoot::of(&leaf).unwrap();
        assert_eq!(root.dir, t.0.join("d"));
        assert_eq!(root.files().files, [leaf]);
    }
}
