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
    /// file in it). `None` when the path does not exist.
    ///
    /// A file belongs to the project of the directory that holds its name:
    /// a symbolic link is not followed to find its project, or a link to a
    /// file elsewhere would make that elsewhere its project and the reader
    /// would find it inside (`read_text` refuses such a link instead).
    pub fn of(path: &Path) -> Option<ProjectRoot> {
        let path = if path.as_os_str().is_empty() { Path::new(".") } else { path };
        let start = if std::fs::metadata(path).ok()?.is_dir() {
            path.canonicalize().ok()?
        } else {
            listed_path(path)?.parent()?.to_path_buf()
        };
        Some(ProjectRoot::of_dir(&start))
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

/// A file's path as its project lists it: its directory canonical, its own
/// name as it is (a symbolic link is not followed). `None` when the
/// directory does not exist.
pub fn listed_path(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some(dir.canonicalize().ok()?.join(name))
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

    struct Temp(PathBuf);

    impl Temp {
        fn new(name: &str) -> Temp {
            let dir = std::env::temp_dir()
                .join(format!("ims-project-discover-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Temp(dir.canonicalize().unwrap())
        }

        fn write(&self, path: &str) -> PathBuf {
            let path = self.0.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "").unwrap();
            path
        }

        fn names(&self, files: &ProjectFiles) -> Vec<String> {
            files
                .files
                .iter()
                .map(|f| f.strip_prefix(&self.0).unwrap().to_string_lossy().into_owned())
                .collect()
        }
    }

    impl Drop for Temp {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn without_ims_toml_a_directory_is_a_project_of_its_own_files() {
        let t = Temp::new("plain");
        let acme = t.write("examples/acme.ims");
        t.write("examples/harbour/harbour.ims");
        let multi = t.write("examples/multi/a.ims");
        t.write("examples/multi/b.ims");
        let root = ProjectRoot::of(&acme).unwrap();
        assert_eq!(root, ProjectRoot { dir: t.0.join("examples"), config_file: None });
        assert_eq!(t.names(&root.files()), ["examples/acme.ims"]);
        let multi_root = ProjectRoot::of(&multi).unwrap();
        assert_eq!(t.names(&multi_root.files()), ["examples/multi/a.ims", "examples/multi/b.ims"]);
        assert!(multi_root.holds(&t.0.join("examples/multi/b.ims")));
        assert!(!multi_root.holds(&acme));
    }

    #[test]
    fn with_ims_toml_the_project_is_the_tree_below_it_but_nested_projects() {
        let t = Temp::new("toml");
        t.write("repo/ims.toml");
        let top = t.write("repo/ims/main.ims");
        t.write("repo/ims/org/units.ims");
        t.write("repo/.git/hooks/x.ims");
        t.write("repo/target/x.ims");
        t.write("repo/node_modules/x.ims");
        t.write("repo/other/ims.toml");
        let nested = t.write("repo/other/x.ims");
        let root = ProjectRoot::of(&top).unwrap();
        assert_eq!(root.config_file, Some(t.0.join("repo/ims.toml")));
        assert_eq!(t.names(&root.files()), ["repo/ims/main.ims", "repo/ims/org/units.ims"]);
        let other = ProjectRoot::of(&nested).unwrap();
        assert_eq!(other.dir, t.0.join("repo/other"));
        assert_eq!(t.names(&other.files()), ["repo/other/x.ims"]);
        // `ims check repo` names every file below, nested projects included.
        assert_eq!(
            t.names(&ims_files_below(&t.0.join("repo"))),
            ["repo/ims/main.ims", "repo/ims/org/units.ims", "repo/other/x.ims"]
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_to_directories_are_not_followed() {
        let t = Temp::new("links");
        t.write("p/ims.toml");
        t.write("p/a.ims");
        t.write("elsewhere/secret.ims");
        std::os::unix::fs::symlink(t.0.join("elsewhere"), t.0.join("p/linked")).unwrap();
        std::os::unix::fs::symlink(t.0.join("p"), t.0.join("p/loop")).unwrap();
        let root = ProjectRoot::of(&t.0.join("p/a.ims")).unwrap();
        assert_eq!(t.names(&root.files()), ["p/a.ims"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_elsewhere_belongs_to_the_project_of_its_name() {
        let t = Temp::new("file-link");
        t.write("p/a.ims");
        let secret = t.write("elsewhere/secret.ims");
        let link = t.0.join("p/x.ims");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        // Not the project of `elsewhere`, where the reader would find it inside.
        let root = ProjectRoot::of(&link).unwrap();
        assert_eq!(root.dir, t.0.join("p"));
        assert_eq!(listed_path(&link), Some(link.clone()));
        let error = crate::read_text(&link, Some(&root.dir), crate::Limits::default());
        assert!(error.is_err_and(|e| matches!(e.kind, crate::ReadErrorKind::OutsideProject { .. })));
    }

    #[test]
    fn deep_directories_do_not_overflow_the_stack() {
        let t = Temp::new("deep");
        t.write("d/ims.toml");
        let leaf = t.write(&format!("d/{}leaf.ims", "x/".repeat(300)));
        let root = ProjectRoot::of(&leaf).unwrap();
        assert_eq!(root.dir, t.0.join("d"));
        assert_eq!(root.files().files, [leaf]);
    }
}
