//! Byte offsets to the line/character positions that machine output uses.
//!
//! Lines are zero-based and end at `\n`, `\r\n` or a lone `\r`, as in the
//! Language Server Protocol (and as the language server counts them over its
//! rope). Characters are zero-based UTF-16 code units from the start of the
//! line, the LSP default position encoding; SARIF's default `columnKind`,
//! `utf16CodeUnits`, is the same count plus one. The human renderer uses the
//! same line breaks so that its line numbers agree with the JSON and SARIF
//! ones.

use serde::Serialize;

/// A zero-based line and UTF-16 character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub character: usize,
}

/// The line starts of one text.
#[derive(Clone, Debug)]
pub struct PositionIndex {
    line_starts: Vec<usize>,
}

impl PositionIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        for (i, &byte) in bytes.iter().enumerate() {
            let lone_cr = byte == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if byte == b'\n' || lone_cr {
                line_starts.push(i + 1);
            }
        }
        PositionIndex { line_starts }
    }

    /// The zero-based line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of a line without its line break; past the last line,
    /// the empty range at the end of the text.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(text.len()).min(text.len());
        let end = self.line_starts.get(line + 1).copied().unwrap_or(text.len());
        let content = text[start..end].trim_end_matches(['\n', '\r']);
        start..start + content.len()
    }

    /// The position of `offset`. An offset past the end of the text, inside
    /// a UTF-8 sequence or inside a line break is moved back to the nearest
    /// place a cursor could be.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let end = offset.min(range.end);
        let character = text[range.start..end].encode_utf16().count();
        Position { line, character }
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
    fn check(text: &str, offset: usize, line: usize, character: usize) {
        let index = PositionIndex::new(text);
        assert_eq!(index.position(text, offset), Position { line, character });
    }

    #[test]
    fn counts_utf16_code_units() {
        // "é" is 2 bytes and 1 code unit; "🏢" is 4 bytes and 2 code units.
        let text = "a é🏢 x";
        check(text, 0, 0, 0);
        check(text, text.find('é').unwrap(), 0, 2);
        check(text, text.find('x').unwrap(), 0, 6);
        // Inside a UTF-8 sequence: back to the start of the character.
        check(text, text.find('🏢').unwrap() + 2, 0, 3);
    }

    #[test]
    fn breaks_lines_at_lf_crlf_and_lone_cr() {
        let text = "ab\r\ncd\ref\ngh";
        check(text, text.find('c').unwrap(), 1, 0);
        check(text, text.find('e').unwrap(), 2, 0);
        check(text, text.find('h').unwrap(), 3, 1);
        // Between `\r` and `\n`: the end of the line.
        check(text, 3, 0, 2);
        let index = PositionIndex::new(text);
        assert_eq!(&text[index.line_range(text, 0)], "ab");
        assert_eq!(&text[index.line_range(text, 1)], "cd");
        assert_eq!(&text[index.line_range(text, 3)], "gh");
        assert_eq!(index.line_range(text, 9), text.len()..text.len());
    }

    #[test]
    fn clamps_past_the_end() {
        check("ab\n", 99, 1, 0);
        check("", 5, 0, 0);
    }
}
