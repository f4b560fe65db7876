//! Renderers for `ims check`: human (rustc-like), JSON, SARIF, GitHub
//! Actions annotations and GitLab code quality. Each takes the shared
//! analysis result and only formats it; docs/cli.md documents the machine
//! formats.

mod doc_links;
mod fingerprint;
mod github;
mod gitlab;
mod human;
mod json;
mod relative_path;
mod sarif;

use std::sync::OnceLock;

use ims_analysis::{FileId, FileRange, Workspace};

pub use github::write_github;
pub use gitlab::write_gitlab;
pub use human::write_human;
pub use json::write_json;
pub use sarif::write_sarif;

use ims_syntax::{floor_char_boundary, ColumnUnit, LineCol, LineIndex};

/// The findings of one project, with the workspace their locations are in.
pub type Part<'a> = (&'a Workspace, &'a [ims_analysis::Diagnostic]);

/// A zero-based line and UTF-16 character, the position of the machine
/// formats (the LSP convention; SARIF's `utf16CodeUnits` columns are this
/// plus one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub character: usize,
}

impl From<LineCol> for Position {
    fn from(at: LineCol) -> Position {
        Position { line: at.line, character: at.column }
    }
}

/// The files of a workspace with their line indexes, built on first use so
/// that files without findings are never indexed.
struct Sources<'w> {
    workspace: &'w Workspace,
    indexes: Vec<OnceLock<LineIndex>>,
}

impl<'w> Sources<'w> {
    fn new(workspace: &'w Workspace) -> Self {
        Sources { workspace, indexes: workspace.files.iter().map(|_| OnceLock::new()).collect() }
    }

    fn text(&self, file: FileId) -> &'w str {
        &self.workspace.file(file).text
    }

    /// The path as it was given on the command line or found in a directory.
    fn name(&self, file: FileId) -> String {
        self.workspace.file(file).path.display().to_string()
    }

    fn index(&self, file: FileId) -> &LineIndex {
        self.indexes[file.0 as usize].get_or_init(|| LineIndex::new(self.text(file)))
    }

    /// The byte range, clamped to the text and to character boundaries, so
    /// that a stale or out-of-range location can never make a renderer fail.
    fn byte_range(&self, location: FileRange) -> std::ops::Range<usize> {
        let text = self.text(location.file);
        let start = floor_char_boundary(text, location.range.start);
        let end = floor_char_boundary(text, location.range.end).max(start);
        start..end
    }

    /// Zero-based start and end positions (UTF-16 characters).
    fn positions(&self, location: FileRange) -> (Position, Position) {
        let range = self.byte_range(location);
        let text = self.text(location.file);
        let index = self.index(location.file);
        let at = |offset| Position::from(index.line_col(text, offset, ColumnUnit::Utf16));
        (at(range.start), at(range.end))
    }

    /// Zero-based start and end positions whose `character` counts Unicode
    /// characters, as the human output's columns do.
    fn char_positions(&self, location: FileRange) -> (Position, Position) {
        let range = self.byte_range(location);
        let text = self.text(location.file);
        let index = self.index(location.file);
        let at = |offset| Position::from(index.line_col(text, offset, ColumnUnit::Char));
        (at(range.start), at(range.end))
    }
}
