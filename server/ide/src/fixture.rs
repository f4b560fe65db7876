//! The test fixtures of the IDE features: `ims_fixture`'s multi-file texts
//! with `$0` markers, with the cursor as a [`FilePosition`] and ranges
//! shown as `line:column-line:column "text"`.

use ims_analysis::{Analysis, FileId, FileRange, Workspace};
use ims_syntax::{LineIndex, TextRange};

use super::FilePosition;

/// A parsed and analysed fixture (see `ims_fixture`), with its cursor as a
/// [`FilePosition`].
pub(crate) struct Fixture {
    pub workspace: Workspace,
    pub analysis: Analysis,
    /// The first `$0`, or the start of the first file when there is none.
    pub position: FilePosition,
    /// The text between two `$0` markers, when there are two.
    pub range: Option<TextRange>,
}

/// Parses a fixture and analyses it with the built-in catalog.
pub(crate) fn parse(fixture: &str) -> Fixture {
    let ims_fixture::Fixture { workspace, analysis, cursor: (file, offset), range, .. } =
        ims_fixture::parse(fixture);
    Fixture { workspace, analysis, position: FilePosition { file, offset }, range }
}

impl Fixture {
    pub fn file(&self) -> FileId {
        self.position.file
    }

    /// `3:5-3:8 ops`: one-based line and column, and the text, prefixed by
    /// the file's path when the fixture has several files.
    pub fn show(&self, location: FileRange) -> String {
        let file = self.workspace.file(location.file);
        let text = &file.text;
        let index = LineIndex::new(text);
        let start = index.line_col(text, location.range.start, ims_syntax::ColumnUnit::Char);
        let end = index.line_col(text, location.range.end, ims_syntax::ColumnUnit::Char);
        let prefix = if self.workspace.files.len() > 1 {
            format!("{} ", file.path.display())
        } else {
            String::new()
        };
        format!(
            "{prefix}{}:{}-{}:{} {:?}",
            start.line + 1,
            start.column + 1,
            end.line + 1,
            end.column + 1,
            &text[location.range.start..location.range.end]
        )
    }

    /// [`Fixture::show`] for a range in the cursor's file.
    pub fn show_range(&self, range: TextRange) -> String {
        self.show(FileRange { file: self.file(), range })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_files_and_finds_the_cursor() {
        let f = parse(
            r#"
            //- /a.ims
            site hq "HQ"
            //- /b.ims
            unit ops "Ops" at h$0q
            "#,
        );
        assert_eq!(f.workspace.files.len(), 2);
        assert_eq!(&*f.workspace.files[1].text, "unit ops \"Ops\" at hq\n");
        assert_eq!(f.position, FilePosition { file: FileId(1), offset: 19 });
        assert_eq!(f.show_range(TextRange::new(18, 20)), "/b.ims 1:19-1:21 \"hq\"");
    }

    #[test]
    fn two_markers_make_a_range() {
        let f = parse("site $0hq$0 \"HQ\"");
        assert_eq!(f.range, Some(TextRange::new(5, 7)));
        assert_eq!(f.show_range(f.range.unwrap()), "1:6-1:8 \"hq\"");
    }
}
