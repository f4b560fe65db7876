//! Problems found in catalog files, with a precise location.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A problem in a catalog file: bad TOML, a missing field, an unknown parent,
/// a duplicate id, a correlation to a clause that does not exist ...
///
/// `line` and `column` are 1-based (the column counts characters); both are
/// 0 when the problem has no position in the file (it could not be read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CatalogError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl CatalogError {
    /// An error at byte offset `span.start` of `text`.
    pub(crate) fn at(file: &Path, text: &str, span: Range<usize>, message: String) -> CatalogError {
        let (line, column) = line_column(text, span.start);
        CatalogError { file: file.to_path_buf(), line, column, message }
    }

    /// An error without a position (I/O).
    pub(crate) fn whole_file(file: &Path, message: String) -> CatalogError {
        CatalogError { file: file.to_path_buf(), line: 0, column: 0, message }
    }
}

impl fmt::Display for CatalogError {
    /// `catalogs/iso14001.toml:12:10: unknown parent "6.9" of clause 6.9.1`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file.display(), self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for CatalogError {}

/// 1-based line and character column of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::line_column;

    #[test]
    fn line_column_is_one_based_and_counts_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // "bé" is three bytes but two characters: the space after it is column 3.
        assert_eq!(line_column(text, 9), (2, 3));
        assert_eq!(line_column(text, text.len()), (3, 1));
    }
}
