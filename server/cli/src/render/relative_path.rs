//! Paths as the machine formats name files: relative to the directory
//! `ims check` runs in (the repository root in CI), with `/` separators,
//! so that GitHub, GitLab and SARIF viewers find them in the repository.

use std::path::{Component, Path};

/// The segments of `path` relative to `base`: a relative path as it is
/// (without `.`), an absolute one only when it lies below `base`. `None` for
/// an absolute path elsewhere.
pub fn relative_segments(path: &Path, base: &Path) -> Option<Vec<String>> {
    let relative = if path.is_absolute() { path.strip_prefix(base).ok()? } else { path };
    Some(
        relative
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                Component::ParentDir => Some("..".to_string()),
                _ => None,
            })
            .collect(),
    )
}

/// `path` relative to `base` joined with `/`, or, outside `base`, the path
/// as it is with `/` separators.
pub fn repository_path(path: &Path, base: &Path) -> String {
    match relative_segments(path, base) {
        Some(segments) => segments.join("/"),
        None => path.to_string_lossy().replace('\\', "/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_drop_dots_and_absolute_ones_below_the_base_become_relative() {
        assert_eq!(
            repository_path(Path::new("./examples/acme.ims"), Path::new("/r")),
            "examples/acme.ims"
        );
        assert_eq!(repository_path(Path::new("/r/a b/c.ims"), Path::new("/r")), "a b/c.ims");
        assert_eq!(repository_path(Path::new("../x.ims"), Path::new("/r")), "../x.ims");
        assert_eq!(
            repository_path(Path::new("/elsewhere/x.ims"), Path::new("/r")),
            "/elsewhere/x.ims"
        );
    }
}
