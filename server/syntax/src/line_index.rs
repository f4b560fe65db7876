//! Lines and columns of a text: the one conversion between byte offsets and
//! positions that every front end uses (the CLI's human, JSON and SARIF
//! output, the language server, the report).
//!
//! **Invariant:** one rule for line breaks everywhere: a line ends at `\n`,
//! at `\r\n` or at a lone `\r`, as the Language Server Protocol says. The
//! break is not part of the line's content. Columns are counted in the unit
//! the caller asks for ([`ColumnUnit`]).
//!
//! Nothing here panics on an out-of-range input: an offset past the end is
//! the end, an offset inside a character or inside a `\r\n` rounds down to
//! the nearest place a cursor can be, a column past the end of its line is
//! the end of the line. Only a line past the last one is an error
//! ([`LineOutOfRange`]), for callers that must refuse it.

use crate::TextChange;

/// How a column is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ColumnUnit {
    /// UTF-8 code units: bytes.
    Utf8,
    /// UTF-16 code units, the LSP default and SARIF's `utf16CodeUnits`.
    #[default]
    Utf16,
    /// Unicode scalar values, as people count characters (`ims check`'s
    /// `line:column`).
    Char,
}

/// A zero-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// A line past the end of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineOutOfRange {
    pub line: usize,
    pub line_count: usize,
}

impl std::fmt::Display for LineOutOfRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position out of range: line {} but the document has {} line(s)",
            self.line, self.line_count
        )
    }
}

/// The line starts of one text. Two indexes are equal when they break the
/// same text into the same lines.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// The byte offset at which each line starts; the first is 0. A text
    /// ending in a line break has an empty last line.
    starts: Vec<usize>,
    /// The length of the text.
    len: usize,
    /// Whether the text may hold a lone `\r` (a line break tree-sitter does
    /// not count). Exact for a new index; after updates it may stay set
    /// when the last lone `\r` is gone, which only costs [`LineIndex::ts_point`]
    /// a scan.
    lone_cr: bool,
}

impl PartialEq for LineIndex {
    fn eq(&self, other: &LineIndex) -> bool {
        // `lone_cr` may be conservative after updates; it does not change
        // the lines.
        self.starts == other.starts && self.len == other.len
    }
}

impl Eq for LineIndex {}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        let lone_cr = push_starts(text.as_bytes(), 0..text.len(), &mut starts);
        LineIndex { starts, len: text.len(), lone_cr }
    }

    /// The number of lines (a text ending in a line break has an empty
    /// last line; the empty text has one line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The length of the text the index was built for.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The zero-based line holding `offset` (clamped to the text). An
    /// offset between the `\r` and the `\n` of a break belongs to the line
    /// the break ends.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of `line` without its line break; past the last line,
    /// the empty range at the end of the text.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line) else { return text.len()..text.len() };
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len()).min(text.len());
        let start = start.min(end);
        let content = text[start..end].trim_end_matches('\n').trim_end_matches('\r');
        start..start + content.len()
    }

    /// The byte range of `line` including its line break.
    pub fn line_span(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(line) else { return text.len()..text.len() };
        let end = self.starts.get(line + 1).copied().unwrap_or(text.len()).min(text.len());
        start.min(end)..end
    }

    /// The line and column of `offset`, counted in `unit`.
    pub fn line_col(&self, text: &str, offset: usize, unit: ColumnUnit) -> LineCol {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let end = offset.clamp(range.start, range.end);
        LineCol { line, column: column_width(&text[range.start..end], unit) }
    }

    /// The byte offset of a line and column counted in `unit`. A column past
    /// the end of the line is the end of the line; a column inside a
    /// character (a byte of a multi-byte character, half of a surrogate
    /// pair) rounds down to the character's start.
    pub fn offset(
        &self,
        text: &str,
        position: LineCol,
        unit: ColumnUnit,
    ) -> Result<usize, LineOutOfRange> {
        if position.line >= self.line_count() {
            return Err(LineOutOfRange { line: position.line, line_count: self.line_count() });
        }
        let range = self.line_range(text, position.line);
        let line = &text[range.clone()];
        let in_line = match unit {
            ColumnUnit::Utf8 => floor_char_boundary(line, position.column),
            ColumnUnit::Utf16 | ColumnUnit::Char => {
                let mut counted = 0;
                let mut bytes = line.len();
                for (i, c) in line.char_indices() {
                    let width = if unit == ColumnUnit::Utf16 { c.len_utf16() } else { 1 };
                    if counted + width > position.column {
                        bytes = i;
                        break;
                    }
                    counted += width;
                }
                bytes
            }
        };
        Ok(range.start + in_line)
    }

    /// The tree-sitter point of `offset`: tree-sitter counts rows at `\n`
    /// only and columns in bytes, which differs from [`LineIndex::line_of`]
    /// only in a text with a lone `\r`.
    pub fn ts_point(&self, text: &str, offset: usize) -> tree_sitter::Point {
        let offset = offset.min(text.len());
        if !self.lone_cr {
            // Every line break ends with `\n`: rows agree.
            let line = self.line_of(offset);
            return tree_sitter::Point { row: line, column: offset - self.starts[line] };
        }
        let before = &text.as_bytes()[..offset];
        let row = before.iter().filter(|&&b| b == b'\n').count();
        let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        tree_sitter::Point { row, column }
    }

    /// Updates the index after `change`, which made `text` (the new text)
    /// out of the text the index was built for. Only the lines around the
    /// change are scanned; the line starts after it move by the change's
    /// size.
    pub fn apply(&mut self, text: &str, change: TextChange) {
        let delta = change.delta();
        // Re-scan from the start of the line before the change (a `\r`
        // just before it may now pair with an inserted `\n`) to the first
        // line start after the change that is not right after a `\r`.
        let first = self.line_of(change.start).saturating_sub(1);
        let scan_from = self.starts[first];
        let old_after = self.starts.partition_point(|&s| s <= change.old_end + 1);
        let mut kept_after: Vec<usize> =
            self.starts[old_after..].iter().map(|&s| s.wrapping_add_signed(delta)).collect();
        let scan_to = kept_after.first().map_or(text.len(), |&s| s.saturating_sub(1));
        self.starts.truncate(first + 1);
        let scanned = scan_from..scan_to.max(scan_from);
        self.lone_cr |= push_starts(text.as_bytes(), scanned, &mut self.starts);
        // The scan may have found the first kept start itself.
        kept_after.retain(|&s| s > *self.starts.last().expect("line 0 is never removed"));
        self.starts.extend(kept_after);
        self.len = text.len();
    }
}

/// Pushes the start of every line after a break among `bytes[range]`
/// (looking one byte past the range, so that a `\r` at its end pairs with a
/// `\n` after it). Returns whether a lone `\r` was among them.
fn push_starts(bytes: &[u8], range: std::ops::Range<usize>, starts: &mut Vec<usize>) -> bool {
    let mut lone_cr = false;
    for i in range {
        match bytes[i] {
            b'\n' => starts.push(i + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => {
                lone_cr = true;
                starts.push(i + 1);
            }
            _ => {}
        }
    }
    lone_cr
}

/// The width of `text` in `unit`.
pub fn column_width(text: &str, unit: ColumnUnit) -> usize {
    match unit {
        ColumnUnit::Utf8 => text.len(),
        ColumnUnit::Utf16 => text.encode_utf16().count(),
        ColumnUnit::Char => text.chars().count(),
    }
}

/// `offset` clamped to the text and moved back to a character boundary.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, offset: usize, unit: ColumnUnit, line: usize, column: usize) {
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, offset, unit), LineCol { line, column });
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "ab\r\ncd\ref\ngh";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        for (line, content) in ["ab", "cd", "ef", "gh"].iter().enumerate() {
            assert_eq!(&text[index.line_range(text, line)], *content);
        }
        assert_eq!(&text[index.line_span(text, 0)], "ab\r\n");
        assert_eq!(index.line_range(text, 9), text.len()..text.len());
        check(text, text.find('c').unwrap(), ColumnUnit::Utf16, 1, 0);
        check(text, text.find('e').unwrap(), ColumnUnit::Utf16, 2, 0);
        check(text, text.find('h').unwrap(), ColumnUnit::Utf16, 3, 1);
        // Between `\r` and `\n`: the end of the line the break ends.
        check(text, 3, ColumnUnit::Utf16, 0, 2);
        // A trailing break makes an empty last line.
        assert_eq!(LineIndex::new("a\n").line_count(), 2);
        assert_eq!(LineIndex::new("").line_count(), 1);
    }

    #[test]
    fn columns_in_each_unit() {
        // "é" is 2 bytes, 1 UTF-16 unit, 1 char; "🏢" is 4 bytes, 2 units, 1 char.
        let text = "a é🏢 x";
        let x = text.find('x').unwrap();
        check(text, x, ColumnUnit::Utf8, 0, x);
        check(text, x, ColumnUnit::Utf16, 0, 6);
        check(text, x, ColumnUnit::Char, 0, 5);
        // Inside a UTF-8 sequence: back to the start of the character.
        check(text, text.find('🏢').unwrap() + 2, ColumnUnit::Utf16, 0, 3);
        // Past the end: the end.
        check("ab\n", 99, ColumnUnit::Utf16, 1, 0);
        check("", 5, ColumnUnit::Char, 0, 0);
    }

    #[test]
    fn offsets_round_down_and_clamp() {
        let text = "a é🏢 x\r\nz";
        let index = LineIndex::new(text);
        let at = |line, column, unit| index.offset(text, LineCol { line, column }, unit);
        let building = text.find('🏢').unwrap();
        assert_eq!(at(0, 3, ColumnUnit::Utf16), Ok(building));
        // The second half of the surrogate pair rounds down.
        assert_eq!(at(0, 4, ColumnUnit::Utf16), Ok(building));
        assert_eq!(at(0, 5, ColumnUnit::Utf16), Ok(building + 4));
        assert_eq!(at(0, building + 1, ColumnUnit::Utf8), Ok(building));
        assert_eq!(at(0, 3, ColumnUnit::Char), Ok(building));
        // Past the end of the line: the end of the line, before `\r\n`.
        assert_eq!(at(0, 99, ColumnUnit::Utf16), Ok(text.find('\r').unwrap()));
        assert_eq!(at(1, 0, ColumnUnit::Utf16), Ok(text.len() - 1));
        assert_eq!(at(2, 0, ColumnUnit::Utf16), Err(LineOutOfRange { line: 2, line_count: 2 }));
    }

    #[test]
    fn tree_sitter_points_count_lf_only() {
        let text = "ab\r\ncd\ref\ngh";
        let index = LineIndex::new(text);
        let point = |offset| index.ts_point(text, offset);
        assert_eq!(point(text.find('c').unwrap()), tree_sitter::Point { row: 1, column: 0 });
        // After the lone `\r` tree-sitter is still on row 1.
        assert_eq!(point(text.find('e').unwrap()), tree_sitter::Point { row: 1, column: 3 });
        assert_eq!(point(text.find('h').unwrap()), tree_sitter::Point { row: 2, column: 1 });
        let plain = "x\ny\n";
        assert_eq!(
            LineIndex::new(plain).ts_point(plain, 3),
            tree_sitter::Point { row: 1, column: 1 }
        );
    }

    #[test]
    fn an_update_equals_a_fresh_index() {
        let texts = ["", "a", "a\nb", "a\r\nb\r\n", "x\ry\n\r\nz", "é\n🏢\r\n\r"];
        let inserts = ["", "\n", "\r", "\r\n", "q", "\n\r", "é\nx\r"];
        for old in texts {
            for start in 0..=old.len() {
                for end in start..=old.len() {
                    if !old.is_char_boundary(start) || !old.is_char_boundary(end) {
                        continue;
                    }
                    for insert in inserts {
                        let mut new = old.to_string();
                        new.replace_range(start..end, insert);
                        let change =
                            TextChange { start, old_end: end, new_end: start + insert.len() };
                        let mut index = LineIndex::new(old);
                        index.apply(&new, change);
                        let fresh = LineIndex::new(&new);
                        let what = format!("{old:?} with {start}..{end} replaced by {insert:?}");
                        assert_eq!(
                            (&index.starts, index.len),
                            (&fresh.starts, fresh.len),
                            "{what}"
                        );
                        assert!(index.lone_cr || !fresh.lone_cr, "{what}");
                        for offset in 0..=new.len() {
                            assert_eq!(
                                index.ts_point(&new, offset),
                                fresh.ts_point(&new, offset),
                                "{what} at {offset}"
                            );
                        }
                    }
                }
            }
        }
    }
}
