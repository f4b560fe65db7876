//! Every conversion between LSP positions and byte offsets, over the one
//! [`LineIndex`] of the syntax layer.
//!
//! The analysis speaks in byte offsets into UTF-8 text; LSP speaks in
//! zero-based lines and characters, where a character is a UTF-16 code unit
//! unless the client and server negotiated UTF-8 (`positionEncoding`). Lines
//! end at `\n`, `\r\n` or a lone `\r`, by the rule of `LineIndex`, which the
//! CLI's output uses too.
//!
//! **Invariant:** nothing here panics on input from the client. A character
//! past the end of its line means the end of the line (the specification's
//! rule); a position inside a multi-byte character or a surrogate pair rounds
//! down to the character's start; a line past the end of the document is a
//! [`LineOutOfRange`] for requests and the end of the document for edits.

use ims_syntax::{ColumnUnit, LineCol, LineIndex, LineOutOfRange, TextRange};

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

    fn unit(self) -> ColumnUnit {
        match self {
            PositionEncoding::Utf8 => ColumnUnit::Utf8,
            PositionEncoding::Utf16 => ColumnUnit::Utf16,
        }
    }
}

/// A document's text with its line index: what every conversion needs.
#[derive(Clone, Copy, Debug)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
}

impl Lines<'_> {
    /// The byte offset of `position`.
    pub fn offset(
        self,
        encoding: PositionEncoding,
        position: proto::Position,
    ) -> Result<usize, LineOutOfRange> {
        let at = LineCol { line: position.line as usize, column: position.character as usize };
        self.index.offset(self.text, at, encoding.unit())
    }

    /// Like [`Lines::offset`], but a line past the end means the end of the
    /// document. For edits, where a client may address the end loosely.
    pub fn offset_clamped(self, encoding: PositionEncoding, position: proto::Position) -> usize {
        self.offset(encoding, position).unwrap_or(self.text.len())
    }

    /// The LSP position of byte `offset`, clamped to the document and rounded
    /// down to a character boundary.
    pub fn position(self, encoding: PositionEncoding, offset: usize) -> proto::Position {
        let at = self.index.line_col(self.text, offset, encoding.unit());
        proto::Position { line: to_u32(at.line), character: to_u32(at.column) }
    }

    /// The byte range of an LSP range; an inverted range is reordered.
    pub fn text_range(
        self,
        encoding: PositionEncoding,
        range: proto::Range,
    ) -> Result<TextRange, LineOutOfRange> {
        let start = self.offset(encoding, range.start)?;
        let end = self.offset(encoding, range.end)?;
        Ok(TextRange::new(start.min(end), start.max(end)))
    }

    /// The LSP range of a byte range.
    pub fn range(self, encoding: PositionEncoding, range: TextRange) -> proto::Range {
        proto::Range {
            start: self.position(encoding, range.start),
            end: self.position(encoding, range.end),
        }
    }
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

    fn with<R>(text: &str, f: impl FnOnce(Lines) -> R) -> R {
        let index = LineIndex::new(text);
        f(Lines { text, index: &index })
    }

    /// Checks that every character boundary of `text` round-trips through
    /// both encodings.
    fn round_trips(text: &str) {
        with(text, |lines| {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                for encoding in [PositionEncoding::Utf8, PositionEncoding::Utf16] {
                    let p = lines.position(encoding, offset);
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
                    assert_eq!(
                        lines.offset_clamped(encoding, p),
                        expected,
                        "{text:?} {offset} {p:?}"
                    );
                }
            }
        });
    }

    #[test]
    fn utf16_counts_code_units() {
        let text = "a€😀b\nx";
        with(text, |lines| {
            let b = text.find('b').unwrap();
            assert_eq!(lines.position(PositionEncoding::Utf16, b), pos(0, 4));
            assert_eq!(lines.position(PositionEncoding::Utf8, b), pos(0, 8));
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(0, 4)), Ok(b));
            assert_eq!(lines.offset(PositionEncoding::Utf8, pos(0, 8)), Ok(b));
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(1, 1)), Ok(text.len()));
        });
    }

    #[test]
    fn inside_a_character_rounds_down() {
        with("é😀x", |lines| {
            // The second UTF-16 unit of the emoji (a low surrogate).
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(0, 2)), Ok(2));
            // The second byte of `é`.
            assert_eq!(lines.offset(PositionEncoding::Utf8, pos(0, 1)), Ok(0));
            // A byte offset inside the emoji.
            assert_eq!(lines.position(PositionEncoding::Utf16, 3), pos(0, 1));
        });
    }

    #[test]
    fn line_breaks_crlf_lf_and_lone_cr() {
        with("ab\r\ncd\nef\rgh", |lines| {
            assert_eq!(lines.index.line_count(), 4);
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(1, 0)), Ok(4));
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(2, 1)), Ok(8));
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(3, 2)), Ok(12));
            assert_eq!(lines.position(PositionEncoding::Utf16, 11), pos(3, 1));
            // A character past the line's end stops before `\r\n`.
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(0, 99)), Ok(2));
            assert_eq!(lines.offset(PositionEncoding::Utf8, pos(2, 99)), Ok(9));
        });
    }

    #[test]
    fn out_of_range_lines_are_errors_or_clamped() {
        let text = "one\ntwo\n";
        with(text, |lines| {
            // The empty line after the final newline exists.
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(2, 0)), Ok(text.len()));
            assert_eq!(
                lines.offset(PositionEncoding::Utf16, pos(3, 0)),
                Err(LineOutOfRange { line: 3, line_count: 3 })
            );
            assert_eq!(lines.offset_clamped(PositionEncoding::Utf16, pos(u32::MAX, 7)), text.len());
            assert_eq!(lines.position(PositionEncoding::Utf16, 10_000), pos(2, 0));
        });
    }

    #[test]
    fn empty_document() {
        with("", |lines| {
            assert_eq!(lines.offset(PositionEncoding::Utf16, pos(0, 5)), Ok(0));
            assert_eq!(lines.position(PositionEncoding::Utf8, 3), pos(0, 0));
        });
    }

    #[test]
    fn round_trip_mixed_text() {
        round_trips("");
        round_trips("unit a \"é\" at hq\r\nsite hq \"€\"\n\n😀\rend");
        round_trips("\r\n\r\n");
    }
}
