/// Maps byte offsets to zero-based lines and columns for human-facing output
/// (the CLI). Columns count Unicode scalar values. The language server does
/// its own UTF-16/UTF-8 conversion over its rope.
#[derive(Clone, Debug)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The line and column of `offset`, clamped to the text.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].trim_end_matches('\r').chars().count();
        LineCol { line, column }
    }

    /// The byte range of a line, without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(text.len());
        let end = self.line_starts.get(line + 1).map_or(text.len(), |next| next - 1);
        let end = if text[start..end].ends_with('\r') { end - 1 } else { end };
        start..end
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_ignore_cr() {
        let text = "ab\r\nçé x\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), LineCol { line: 0, column: 0 });
        assert_eq!(index.line_col(text, 2), LineCol { line: 0, column: 2 });
        assert_eq!(index.line_col(text, 3), LineCol { line: 0, column: 2 });
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 1, column: 3 });
        assert_eq!(index.line_col(text, text.len() + 10), LineCol { line: 2, column: 4 });
        assert_eq!(&text[index.line_range(text, 0)], "ab");
        assert_eq!(&text[index.line_range(text, 2)], "last");
    }
}
