//! One contiguous change between two versions of a text, and where the
//! ranges of the old version lie in the new one.

use tree_sitter::InputEdit;

use crate::TextRange;

/// One contiguous change between two texts: bytes `start..old_end` of the
/// old text became bytes `start..new_end` of the new one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextChange {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl TextChange {
    /// The smallest single change that turns `old` into `new`: what lies
    /// between their common prefix and their common suffix. `None` when the
    /// texts are equal.
    pub fn between(old: &str, new: &str) -> Option<TextChange> {
        let (old, new) = (old.as_bytes(), new.as_bytes());
        let prefix = common_prefix(old, new);
        if prefix == old.len() && prefix == new.len() {
            return None;
        }
        let room = old.len().min(new.len()) - prefix;
        let suffix = common_suffix(&old[prefix..], &new[prefix..]).min(room);
        Some(TextChange { start: prefix, old_end: old.len() - suffix, new_end: new.len() - suffix })
    }

    /// The single change made by `edits`, applied in order, each in the
    /// coordinates the previous ones left: what lies between the first
    /// byte any of them touched and the last, in old and new coordinates.
    /// `None` for no edits.
    pub fn of_edits(edits: &[InputEdit]) -> Option<TextChange> {
        let (first, rest) = edits.split_first()?;
        let mut change = TextChange {
            start: first.start_byte,
            old_end: first.old_end_byte,
            new_end: first.new_end_byte,
        };
        for edit in rest {
            // The union of both in the text between them, then mapped back
            // to the old text and forward past `edit`.
            let end = change.new_end.max(edit.old_end_byte);
            let grown = edit.new_end_byte as isize - edit.old_end_byte as isize;
            change = TextChange {
                start: change.start.min(edit.start_byte),
                old_end: end.wrapping_add_signed(-change.delta()),
                new_end: end.wrapping_add_signed(grown),
            };
        }
        Some(change)
    }

    /// How many bytes the text grew by (negative when it shrank).
    pub fn delta(self) -> isize {
        self.new_end as isize - self.old_end as isize
    }

    /// Where a range of the old text lies in the new one: unchanged before
    /// the change, moved after it, its end moved when it encloses the
    /// change. `None` when that is not clear: the range starts inside the
    /// removed text, or it is empty exactly where text was inserted.
    pub fn map_range(self, range: TextRange) -> Option<TextRange> {
        let start = if range.start < self.start {
            range.start
        } else if range.start >= self.old_end {
            range.start.checked_add_signed(self.delta())?
        } else {
            return None;
        };
        let end = if range.end <= self.start {
            range.end
        } else if range.end >= self.old_end {
            range.end.checked_add_signed(self.delta())?
        } else {
            return None;
        };
        (start <= end).then_some(TextRange { start, end })
    }
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let len = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= len && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    while i < len && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    const CHUNK: usize = 64;
    let len = a.len().min(b.len());
    let (a, b) = (&a[a.len() - len..], &b[b.len() - len..]);
    let mut n = 0;
    while n + CHUNK <= len && a[len - n - CHUNK..len - n] == b[len - n - CHUNK..len - n] {
        n += CHUNK;
    }
    while n < len && a[len - n - 1] == b[len - n - 1] {
        n += 1;
    }
    n
}

#[cfg(test)]
mod tests {
    use tree_sitter::Point;

    use super::*;

    #[test]
    fn text_change_is_the_difference_between_prefix_and_suffix() {
        assert_eq!(TextChange::between("abc", "abc"), None);
        let change = TextChange::between("a bb c", "a bbb c").unwrap();
        assert_eq!(change, TextChange { start: 4, old_end: 4, new_end: 5 });
        // Ranges before stay, after move, around grow; an empty range at the
        // insertion point is ambiguous.
        assert_eq!(change.map_range(TextRange::new(0, 1)), Some(TextRange::new(0, 1)));
        assert_eq!(change.map_range(TextRange::new(5, 6)), Some(TextRange::new(6, 7)));
        assert_eq!(change.map_range(TextRange::new(2, 4)), Some(TextRange::new(2, 4)));
        assert_eq!(change.map_range(TextRange::new(2, 5)), Some(TextRange::new(2, 6)));
        assert_eq!(change.map_range(TextRange::new(4, 4)), None);
        let deletion = TextChange::between("abcdef", "abef").unwrap();
        assert_eq!(deletion, TextChange { start: 2, old_end: 4, new_end: 2 });
        assert_eq!(deletion.map_range(TextRange::new(3, 5)), None);
        assert_eq!(deletion.map_range(TextRange::new(1, 5)), Some(TextRange::new(1, 3)));
        let long = "x".repeat(1000);
        let change = TextChange::between(&format!("{long}a{long}"), &format!("{long}bc{long}"));
        assert_eq!(change, Some(TextChange { start: 1000, old_end: 1001, new_end: 1002 }));
    }

    fn edit(start: usize, old_end: usize, new_end: usize) -> InputEdit {
        let point = Point { row: 0, column: 0 };
        InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: new_end,
            start_position: point,
            old_end_position: point,
            new_end_position: point,
        }
    }

    #[test]
    fn edits_in_order_make_one_change() {
        let apply = |text: &str, edits: &[(usize, usize, &str)]| {
            let mut text = text.to_string();
            let mut input = Vec::new();
            for &(start, end, insert) in edits {
                text.replace_range(start..end, insert);
                input.push(edit(start, end, start + insert.len()));
            }
            (text, input)
        };
        let old = "0123456789";
        for edits in [
            vec![(2, 3, "ab")],
            vec![(2, 3, "ab"), (7, 9, "")],
            vec![(7, 9, "xyz"), (1, 1, "q")],
            vec![(4, 6, ""), (3, 5, "long")],
            vec![(0, 0, "a"), (11, 11, "z")],
        ] {
            let (new, input) = apply(old, &edits);
            let change = TextChange::of_edits(&input).unwrap();
            // Outside the change both texts are the same.
            assert_eq!(old[..change.start], new[..change.start], "{edits:?}");
            assert_eq!(old[change.old_end..], new[change.new_end..], "{edits:?}");
            let smallest = TextChange::between(old, &new).unwrap();
            assert!(change.start <= smallest.start && change.old_end >= smallest.old_end);
        }
        assert_eq!(TextChange::of_edits(&[]), None);
    }
}
