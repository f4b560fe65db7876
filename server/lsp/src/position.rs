//! Every conversion between LSP positions and byte offsets.
//!
//! The analysis speaks in byte offsets into UTF-8 text; LSP speaks in
//! zero-based lines and characters, where a character is a UTF-16 code unit
//! unless the client and server negotiated UTF-8 (`positionEncoding`). Lines
//! end at `\n`, `\r\n` or a lone `\r`, which is what the LSP specification
//! says and what ropey's `cr_lines` feature counts.
//!
//! **Invariant:** nothing here panics on input from the client. A character
//! past the end of its line means the end of the line (the specification's
//! rule); a position inside a multi-byte character or a surrogate pair rounds
//! down to the character's start; a line past the end of the document is a
//! [`PositionError`] for requests and the end of the document for edits.

use ropey::{Rope, RopeSlice};

use crate::proto;

/// How the `character` of a position is counted, as negotiated at `initialize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    /// UTF-8 code units (bytes).
    Utf8,
    /// UTF-16 code units, the protocol's default.
    #[default]
    Utf16,
}

impl PositionEncoding {
    /// The encoding to use: UTF-8 when the client offers it, else UTF-16.
    pub fn negotiate(offered: Option<&[proto::PositionEncodingKind]>) -> PositionEncoding {
        match offered {
            Some(kinds) if kinds.contains(&proto::PositionEncodingKind::UTF8) => {
                PositionEncoding::Utf8
            }
            _ => PositionEncoding::Utf16,
        }
    }

    pub fn kind(self) -> proto::PositionEncodingKind {
        match self {
            PositionEncoding::Utf8 => proto::PositionEncodingKind::UTF8,
            PositionEncoding::Utf16 => proto::PositionEncodingKind::UTF16,
        }
    }
}

/// A position whose line is past the end of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PositionError {
    pub line: u32,
    pub line_count: usize,
}

impl std::fmt::Display for PositionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position out of range: line {} but the document has {} line(s)",
            self.line, self.line_count
        )
    }
}

/// The byte offset of `position` in `rope`.
pub fn offset(
    rope: &Rope,
    encoding: PositionEncoding,
    position: proto::Position,
) -> Result<usize, PositionError> {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return Err(PositionError { line: position.line, line_count: rope.len_lines() });
    }
    let line_start = rope.line_to_byte(line);
    let content = line_content(rope.line(line));
    let column = position.character as usize;
    let in_line = match encoding {
        PositionEncoding::Utf8 => {
            let column = column.min(content.len_bytes());
            // Round down to the start of the character the byte belongs to.
            content.char_to_byte(content.byte_to_char(column))
        }
        PositionEncoding::Utf16 => {
            let column = column.min(content.len_utf16_cu());
            content.char_to_byte(content.utf16_cu_to_char(column))
        }
    };
    Ok(line_start + in_line)
}

/// Like [`offset`], but a line past the end means the end of the document.
/// For edits, where a client may address the end loosely.
pub fn offset_clamped(rope: &Rope, encoding: PositionEncoding, position: proto::Position) -> usize {
    offset(rope, encoding, position).unwrap_or(rope.len_bytes())
}

/// The LSP position of byte `offset`, clamped to the document and rounded
/// down to a character boundary.
pub fn position(rope: &Rope, encoding: PositionEncoding, offset: usize) -> proto::Position {
    let offset = offset.min(rope.len_bytes());
    let char_index = rope.byte_to_char(offset);
    let line = rope.char_to_line(char_index);
    let line_start_char = rope.line_to_char(line);
    let character = match encoding {
        PositionEncoding::Utf8 => rope.char_to_byte(char_index) - rope.line_to_byte(line),
        PositionEncoding::Utf16 => {
            rope.char_to_utf16_cu(char_index) - rope.char_to_utf16_cu(line_start_char)
        }
    };
    proto::Position { line: to_u32(line), character: to_u32(character) }
}

/// The byte range of an LSP range; an inverted range is reordered.
pub fn text_range(
    rope: &Rope,
    encoding: PositionEncoding,
    range: proto::Range,
) -> Result<ims_syntax::TextRange, PositionError> {
    let start = offset(rope, encoding, range.start)?;
    let end = offset(rope, encoding, range.end)?;
    Ok(ims_syntax::TextRange::new(start.min(end), start.max(end)))
}

/// The LSP range of a byte range.
pub fn range(
    rope: &Rope,
    encoding: PositionEncoding,
    range: ims_syntax::TextRange,
) -> proto::Range {
    proto::Range {
        start: position(rope, encoding, range.start),
        end: position(rope, encoding, range.end),
    }
}

/// The tree-sitter point of byte `offset`: rows count `\n` only and columns
/// are bytes, which is what `Tree::edit` expects. `may_have_cr` says whether
/// the text may hold a `\r`: without one, the rope's line index (which also
/// counts `\r` as a line break) gives the row at once; with one, the text
/// before `offset` is scanned.
pub fn ts_point_in(rope: &Rope, offset: usize, may_have_cr: bool) -> ims_syntax::Point {
    if may_have_cr {
        return ts_point(rope, offset);
    }
    let offset = offset.min(rope.len_bytes());
    let row = rope.byte_to_line(offset);
    ims_syntax::Point { row, column: offset - rope.line_to_byte(row) }
}

/// [`ts_point_in`] for any text, by scanning it.
pub fn ts_point(rope: &Rope, offset: usize) -> ims_syntax::Point {
    let offset = offset.min(rope.len_bytes());
    let mut row = 0;
    let mut column = 0;
    for chunk in rope.byte_slice(..offset).chunks() {
        let bytes = chunk.as_bytes();
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                row += bytes.iter().filter(|&&b| b == b'\n').count();
                column = bytes.len() - last - 1;
            }
            None => column += bytes.len(),
        }
    }
    ims_syntax::Point { row, column }
}

/// The tree-sitter point reached after `text` when starting at `start`.
pub fn ts_point_after(start: ims_syntax::Point, text: &str) -> ims_syntax::Point {
    match text.rfind('\n') {
        Some(last) => ims_syntax::Point {
            row: start.row + text.matches('\n').count(),
            column: text.len() - last - 1,
        },
        None => ims_syntax::Point { row: start.row, column: start.column + text.len() },
    }
}

/// A line without its line break.
fn line_content(line: RopeSlice<'_>) -> RopeSlice<'_> {
    let mut end = line.len_chars();
    if end > 0 && line.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > 0 && line.char(end - 1) == '\r' {
        end -= 1;
    }
    line.slice(..end)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> proto::Position {
        proto::Position { line, character }
    }

    /// Checks that every character boundary of `text` round-trips through
    /// both encodings.
    fn round_trips(text: &str) {
        let rope = Rope::from_str(text);
        for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
            for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                let p = position(&rope, encoding, offset);
                // A position just before a line break's `\n` in `\r\n` is
                // not addressable in LSP: it maps to the line's end.
                let expected = if offset > 0
                    && text.as_bytes()[offset - 1] == b'\r'
                    && text.as_bytes().get(offset) == Some(&b'\n')
                {
                    offset - 1
                } else {
                    offset
                };
                assert_eq!(offset_clamped(&rope, encoding, p), expected, "{text:?} {offset} {p:?}");
            }
        }
    }

    #[test]
    fn utf16_counts_code_units() {
        let text = "a€😀b\nx";
        let rope = Rope::from_str(text);
        let b = text.find('b').unwrap();
        assert_eq!(position(&rope, PositionEncoding::Utf16, b), pos(0, 4));
        assert_eq!(position(&rope, PositionEncoding::Utf8, b), pos(0, 8));
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(0, 4)), Ok(b));
        assert_eq!(offset(&rope, PositionEncoding::Utf8, pos(0, 8)), Ok(b));
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(1, 1)), Ok(text.len()));
    }

    #[test]
    fn inside_a_character_rounds_down() {
        let text = "é😀x";
        let rope = Rope::from_str(text);
        // The second UTF-16 unit of the emoji (a low surrogate).
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(0, 2)), Ok(2));
        // The second byte of `é`.
        assert_eq!(offset(&rope, PositionEncoding::Utf8, pos(0, 1)), Ok(0));
        // A byte offset inside the emoji.
        assert_eq!(position(&rope, PositionEncoding::Utf16, 3), pos(0, 1));
    }

    #[test]
    fn line_breaks_crlf_lf_and_lone_cr() {
        let text = "ab\r\ncd\nef\rgh";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 4);
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(1, 0)), Ok(4));
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(2, 1)), Ok(8));
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(3, 2)), Ok(12));
        assert_eq!(position(&rope, PositionEncoding::Utf16, 11), pos(3, 1));
        // A character past the line's end stops before `\r\n`.
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(0, 99)), Ok(2));
        assert_eq!(offset(&rope, PositionEncoding::Utf8, pos(2, 99)), Ok(9));
    }

    #[test]
    fn out_of_range_lines_are_errors_or_clamped() {
        let text = "one\ntwo\n";
        let rope = Rope::from_str(text);
        // The empty line after the final newline exists.
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(2, 0)), Ok(text.len()));
        assert_eq!(
            offset(&rope, PositionEncoding::Utf16, pos(3, 0)),
            Err(PositionError { line: 3, line_count: 3 })
        );
        assert_eq!(offset_clamped(&rope, PositionEncoding::Utf16, pos(u32::MAX, 7)), text.len());
        assert_eq!(position(&rope, PositionEncoding::Utf16, 10_000), pos(2, 0));
    }

    #[test]
    fn empty_document() {
        let rope = Rope::from_str("");
        assert_eq!(offset(&rope, PositionEncoding::Utf16, pos(0, 5)), Ok(0));
        assert_eq!(position(&rope, PositionEncoding::Utf8, 3), pos(0, 0));
    }

    #[test]
    fn round_trip_mixed_text() {
        round_trips("");
        round_trips("unit a \"é\" at hq\r\nsite hq \"€\"\n\n😀\rend");
        round_trips("\r\n\r\n");
    }

    #[test]
    fn tree_sitter_points_count_newlines_only() {
        let text = "ab\r\ncé\rx\ny";
        let rope = Rope::from_str(text);
        let x = text.find('x').unwrap();
        // `c`, `é` (two bytes) and the lone `\r`, which is no newline for tree-sitter.
        assert_eq!(ts_point(&rope, x), ims_syntax::Point { row: 1, column: 4 });
        assert_eq!(ts_point(&rope, text.len()), ims_syntax::Point { row: 2, column: 1 });
        // Without a `\r`, the line index answers, and agrees with the scan.
        let text = "ab\ncé\n\nx😀y\n";
        let rope = Rope::from_str(text);
        for offset in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            assert_eq!(ts_point_in(&rope, offset, false), ts_point(&rope, offset), "{offset}");
        }
        assert_eq!(
            ts_point_after(ims_syntax::Point { row: 1, column: 2 }, "é\nab"),
            ims_syntax::Point { row: 2, column: 2 }
        );
        assert_eq!(
            ts_point_after(ims_syntax::Point { row: 1, column: 2 }, "é"),
            ims_syntax::Point { row: 1, column: 4 }
        );
    }
}
