//! The git revision of a project, for the document control of a report
//! (docs/report.md): the commit checked out in the work tree holding the
//! project's folder, and whether the folder has changes not committed.
//! Outside a git work tree, or without `git`, there is none, and the
//! report names the content hash of the files instead.

use std::path::Path;
use std::process::{Command, Stdio};

/// A commit and whether the project's folder differs from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitRevision {
    /// The full commit id.
    pub commit: String,
    /// Changes to tracked files or untracked files under the folder.
    pub dirty: bool,
}

/// The revision of the git work tree that holds `dir`, if any. Runs `git`
/// twice (`rev-parse HEAD`, `status --porcelain -- .`); git's own
/// environment (`GIT_DIR` ...) is honoured.
pub fn git_revision(dir: &Path) -> Option<GitRevision> {
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
    };
    let commit = git(&["rev-parse", "--verify", "HEAD"])?.trim().to_string();
    if commit.len() < 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let status = git(&["status", "--porcelain", "--", "."])?;
    Some(GitRevision { commit, dirty: !status.trim().is_empty() })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_folder_outside_git_has_no_revision() {
        let dir = std::env::temp_dir().join(format!("ims-no-git-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // GIT_CEILING_DIRECTORIES keeps git from finding a repository above.
        let found = std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(["rev-parse", "HEAD"])
            .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
            .output();
        if found.is_ok_and(|o| !o.status.success()) {
            assert_eq!(super::git_revision(&dir), None);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
