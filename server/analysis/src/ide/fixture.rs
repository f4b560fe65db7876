//! Test fixtures for the IDE features, in the style of rust-analyzer: a text
//! with a `$0` cursor marker (two markers mark a range), optionally split
//! into files by `//- /path.ims` header lines. The fixture is dedented, so
//! it can be written indented inside a raw string.
//!
//! ```text
//! //- /org.ims
//! unit ops "Operations" at hq
//! //- /systems.ims
//! system QMS standard iso9001@2015 { scope { units o$0ps } }
//! ```

use ims_syntax::{LineIndex, TextRange};

use crate::{analyze, project, Analysis, Config, FileId, FileRange, SourceFile, Workspace};

use super::FilePosition;

/// A parsed and analysed fixture.
pub(crate) struct Fixture {
    pub workspace: Workspace,
    pub analysis: Analysis,
    /// The first `$0`, or the start of the first file when there is none.
    pub position: FilePosition,
    /// The text between two `$0` markers, when there are two.
    pub range: Option<TextRange>,
}

const CURSOR: &str = "$0";

/// Parses a fixture and analyses it with the built-in catalog.
pub(crate) fn parse(fixture: &str) -> Fixture {
    let text = dedent(fixture);
    let mut files: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("//- ") {
            files.push((path.trim().to_string(), String::new()));
            continue;
        }
        if files.is_empty() {
            files.push(("/main.ims".to_string(), String::new()));
        }
        files.last_mut().unwrap().1.push_str(line);
    }
    if files.is_empty() {
        files.push(("/main.ims".to_string(), String::new()));
    }
    let mut position = None;
    let mut range = None;
    let mut sources = Vec::new();
    for (index, (path, mut content)) in files.into_iter().enumerate() {
        let file = FileId(index as u32);
        if let Some(first) = content.find(CURSOR) {
            content.replace_range(first..first + CURSOR.len(), "");
            assert!(position.is_none(), "only one file may hold `$0` markers");
            position = Some(FilePosition { file, offset: first });
            if let Some(second) = content.find(CURSOR) {
                content.replace_range(second..second + CURSOR.len(), "");
                range = Some(TextRange::new(first, second));
            }
            assert!(!content.contains(CURSOR), "at most two `$0` markers");
        }
        sources.push(SourceFile::new(path, content));
    }
    let workspace = Workspace::new(sources, project::builtin(), Config::default());
    let analysis = analyze(&workspace);
    Fixture {
        workspace,
        analysis,
        position: position.unwrap_or(FilePosition { file: FileId(0), offset: 0 }),
        range,
    }
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
        let start = index.line_col(text, location.range.start);
        let end = index.line_col(text, location.range.end);
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

/// Removes a leading newline and the indentation common to all non-blank lines.
fn dedent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            out.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            out.push_str(&line[indent..]);
        }
    }
    out
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
