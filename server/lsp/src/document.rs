//! One text document: its text (for the parser and the analysis), its line
//! index (for positions) and its syntax tree, kept in step by incremental
//! edits.
//!
//! Edits change the text and the line index at once, in the order they
//! arrive; the re-parse waits until something needs the tree
//! ([`Document::parse_pending`]), so that a burst of changes costs one parse
//! whatever its length (the server parses when its input has no more
//! messages ready, or before it answers a request).

use std::sync::Arc;

use ims_syntax::{InputEdit, LineIndex, SyntaxTree, TextChange};

use crate::position::{Lines, PositionEncoding};
use crate::proto;

/// A document's text and syntax.
#[derive(Clone, Debug)]
pub struct Document {
    /// The editor's version, `None` for a file read from disk.
    pub version: Option<i32>,
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
    /// The tree of `text` once [`Document::parse_pending`] ran after the
    /// last edit; until then the tree of an earlier version.
    pub syntax: Arc<SyntaxTree>,
    /// The edits since `syntax` was parsed, for tree-sitter.
    pending: Vec<InputEdit>,
    /// Whether the next parse must start from scratch: after a whole-text
    /// change, and while `syntax` is the stand-in tree of a text too large
    /// to parse.
    parse_afresh: bool,
    /// Texts longer than this are kept but not parsed or analysed.
    max_bytes: usize,
}

/// One change as the protocol sends it: a range to replace, or the whole text.
#[derive(Clone, Debug)]
pub struct Change {
    pub range: Option<proto::Range>,
    pub text: String,
}

impl Document {
    /// A document of `text`, parsed unless it is longer than `max_bytes`.
    pub fn new(version: Option<i32>, text: impl Into<Arc<str>>, max_bytes: usize) -> Document {
        let text = text.into();
        let syntax = Arc::new(parse(&text, max_bytes));
        let lines = Arc::new(LineIndex::new(&text));
        let parse_afresh = text.len() > max_bytes;
        Document { version, text, lines, syntax, pending: Vec::new(), parse_afresh, max_bytes }
    }

    pub fn is_too_large(&self) -> bool {
        self.text.len() > self.max_bytes
    }

    pub fn lines(&self) -> Lines<'_> {
        Lines { text: &self.text, index: &self.lines }
    }

    /// Applies `changes` in order to the text and the line index; the tree
    /// follows at the next [`Document::parse_pending`].
    pub fn edit(&mut self, version: i32, changes: Vec<Change>, encoding: PositionEncoding) {
        for change in changes {
            match change.range {
                Some(range) => self.edit_range(range, &change.text, encoding),
                None => {
                    self.text = Arc::from(change.text);
                    self.lines = Arc::new(LineIndex::new(&self.text));
                    self.parse_afresh = true;
                    self.pending.clear();
                }
            }
        }
        self.version = Some(version);
    }

    /// Re-parses once for every edit since the last parse, reusing the old
    /// tree for what they did not touch.
    pub fn parse_pending(&mut self) {
        self.parse_pending_with(true);
    }

    fn parse_pending_with(&mut self, fresh_parse_on_errors: bool) {
        if self.pending.is_empty() && !self.parse_afresh {
            return;
        }
        let edits = std::mem::take(&mut self.pending);
        let afresh = self.parse_afresh || self.is_too_large();
        // The stand-in tree of a text too large to analyse is no base for an
        // incremental re-parse: the next one starts afresh.
        self.parse_afresh = self.is_too_large();
        self.syntax = Arc::new(if afresh {
            parse(&self.text, self.max_bytes)
        } else {
            let reparsed = ims_syntax::reparse(&self.text, &self.syntax, &edits);
            if reparsed.errors().is_empty() || !fresh_parse_on_errors {
                reparsed
            } else {
                // Tree-sitter's error recovery may build a different tree
                // when it re-parses incrementally than when it parses from
                // scratch, and ims-syntax words some errors from parse states
                // that reused nodes keep. Diagnostics must not depend on the
                // editing history, so a text with errors is parsed afresh;
                // the property test below checks both paths.
                ims_syntax::parse(&self.text)
            }
        });
    }

    /// [`Document::edit`] and [`Document::parse_pending`].
    #[cfg(test)]
    pub fn apply(&mut self, version: i32, changes: Vec<Change>, encoding: PositionEncoding) {
        self.edit(version, changes, encoding);
        self.parse_pending();
    }

    /// Replaces `range` in the text and the line index and records the
    /// change for tree-sitter. Out-of-range positions are clamped (the
    /// specification's rule for characters; the end of the document for
    /// lines), so the text stays what the client means by it.
    fn edit_range(&mut self, range: proto::Range, inserted: &str, encoding: PositionEncoding) {
        let lines = self.lines();
        let a = lines.offset_clamped(encoding, range.start);
        let b = lines.offset_clamped(encoding, range.end);
        let (start, old_end) = (a.min(b), a.max(b));
        let start_position = lines.index.ts_point(lines.text, start);
        let old_end_position = lines.index.ts_point(lines.text, old_end);
        let mut text = String::with_capacity(self.text.len() - (old_end - start) + inserted.len());
        text.push_str(&self.text[..start]);
        text.push_str(inserted);
        text.push_str(&self.text[old_end..]);
        let change = TextChange { start, old_end, new_end: start + inserted.len() };
        Arc::make_mut(&mut self.lines).apply(&text, change);
        self.text = Arc::from(text);
        let new_end_position = self.lines.ts_point(&self.text, change.new_end);
        self.pending.push(InputEdit {
            start_byte: start,
            old_end_byte: old_end,
            new_end_byte: change.new_end,
            start_position,
            old_end_position,
            new_end_position,
        });
    }
}

/// The syntax of a document opened, read or replaced whole: its tree waits
/// until a request needs it (diagnostics do not).
fn parse(text: &Arc<str>, max_bytes: usize) -> SyntaxTree {
    if text.len() > max_bytes {
        // Too large to analyse: an empty tree stands in, and the server
        // reports the size instead.
        ims_syntax::parse("")
    } else {
        ims_syntax::parse_deferred(text)
    }
}

#[cfg(test)]
impl Document {
    /// [`Document::apply`], but a text with syntax errors keeps the
    /// incremental tree instead of being parsed afresh.
    fn apply_raw(&mut self, version: i32, changes: Vec<Change>, encoding: PositionEncoding) {
        self.edit(version, changes, encoding);
        self.parse_pending_with(false);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ims_analysis::{analyze, SourceFile, Workspace};
    use proptest::prelude::*;

    use super::*;

    /// The analysis limit of the tests: 8 MiB, as the default.
    const MAX: usize = 8 * 1024 * 1024;

    /// Pieces of IMS text, including multi-byte characters and every kind
    /// of line break, from which texts and insertions are built.
    const FRAGMENTS: &[&str] = &[
        "site hq \"Amsterdam HQ\"\n",
        "unit ops \"Opérations €\" at hq\r\n",
        "ims \"Acme 😀\" { standards iso9001@2015, iso27001@2022 }\n",
        "system QMS \"Q\" standard iso9001@2015 {\r\n  scope { units ops }\r\n}\r\n",
        "process p \"P\" { owner ops; covers 9001:8.4, 27001:A.5.19 }\n",
        "// café 😀\n",
        "/* é\r\n€ */",
        "site",
        " ",
        "\"",
        "{",
        "}",
        ";",
        ",",
        "\n",
        "\r\n",
        "\r",
        "é",
        "€",
        "😀",
        "9001:8.",
        "team-a",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..8).prop_map(|f| f.concat())
    }

    /// An edit as fractions of the current text, so it applies to any text.
    #[derive(Clone, Debug)]
    struct Edit {
        start: f64,
        len: f64,
        insert: String,
        utf8: bool,
        /// Sent in one `didChange` with the previous edit.
        batched: bool,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        (0.0..=1.0f64, prop_oneof![Just(0.0), 0.0..0.3f64], text(), any::<bool>(), any::<bool>())
            .prop_map(|(start, len, insert, utf8, batched)| Edit {
                start,
                len,
                insert,
                utf8,
                batched,
            })
    }

    /// A byte offset at a character boundary that LSP can address: never
    /// between the `\r` and `\n` of a line break.
    fn addressable(text: &str, mut offset: usize) -> usize {
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset > 0
            && text.as_bytes()[offset - 1] == b'\r'
            && text.as_bytes().get(offset) == Some(&b'\n')
        {
            offset -= 1;
        }
        offset
    }

    fn analysed(source: SourceFile) -> Vec<ims_analysis::Diagnostic> {
        let workspace = Workspace::new(
            vec![source],
            ims_analysis::project::builtin(),
            ims_analysis::Config::default(),
        );
        analyze(&workspace).diagnostics
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Incremental edits (rope edit, `Tree::edit`, re-parse) end in the
        /// same text, tree and diagnostics as a fresh parse of the final text.
        #[test]
        fn incremental_edits_match_a_fresh_parse(initial in text(), edits in prop::collection::vec(edit(), 1..12)) {
            let mut document = Document::new(Some(0), initial.clone(), MAX);
            // The same edits, always re-parsed incrementally, for the tree.
            let mut raw = document.clone();
            let mut expected = initial;
            let mut version = 0;
            let mut pending: Vec<Change> = Vec::new();
            let mut pending_encoding = PositionEncoding::Utf16;
            for edit in edits {
                if !edit.batched && !pending.is_empty() {
                    version += 1;
                    raw.apply_raw(version, pending.clone(), pending_encoding);
                    document.apply(version, std::mem::take(&mut pending), pending_encoding);
                }
                // Positions are computed against the text the change applies
                // to, which is `expected` after the pending changes.
                let encoding = if edit.utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
                if encoding != pending_encoding && !pending.is_empty() {
                    version += 1;
                    raw.apply_raw(version, pending.clone(), pending_encoding);
                    document.apply(version, std::mem::take(&mut pending), pending_encoding);
                }
                pending_encoding = encoding;
                let start = addressable(&expected, (edit.start * expected.len() as f64) as usize);
                let end = addressable(&expected, start + (edit.len * expected.len() as f64) as usize).max(start);
                let index = LineIndex::new(&expected);
                let lines = Lines { text: &expected, index: &index };
                let range = proto::Range {
                    start: lines.position(encoding, start),
                    end: lines.position(encoding, end),
                };
                expected.replace_range(start..end, &edit.insert);
                pending.push(Change { range: Some(range), text: edit.insert });
            }
            if !pending.is_empty() {
                raw.apply_raw(version + 1, pending.clone(), pending_encoding);
                document.apply(version + 1, pending, pending_encoding);
            }
            prop_assert_eq!(&*document.text, expected.as_str());
            prop_assert_eq!(&*document.lines, &LineIndex::new(&expected));
            let fresh = ims_syntax::parse(&expected);
            prop_assert_eq!(document.syntax.to_sexp(), fresh.to_sexp());
            prop_assert_eq!(&*raw.text, expected.as_str());
            if fresh.errors().is_empty() {
                // Without errors, the incremental tree is the fresh tree.
                prop_assert_eq!(raw.syntax.to_sexp(), fresh.to_sexp());
            }
            prop_assert_eq!(document.syntax.errors(), fresh.errors());
            let incremental = analysed(SourceFile::with_syntax("t.ims", Arc::clone(&document.text), Arc::clone(document.syntax.lowered())));
            let from_scratch = analysed(SourceFile::new("t.ims", expected));
            prop_assert_eq!(incremental, from_scratch);
        }
    }

    /// Complete declarations: any sequence of them parses without errors.
    const DECLARATIONS: &[&str] = &[
        "site hq \"Amsterdam HQ\"\n",
        "unit ops \"Opérations €\" at hq\r\n",
        "ims \"Acme 😀\" { standards iso9001@2015, iso27001@2022 }\n",
        "system QMS \"Q\" standard iso9001@2015 {\r\n  scope { units ops }\r\n}\r\n",
        "process p \"P\" {\n  owner ops; covers 9001:8.4, 27001:A.5.19 // é\n}\n",
        "// café 😀\n",
        "/* é\r\n€ */\n",
    ];

    /// An edit that keeps the text valid: insert a declaration before the
    /// `at`-th one, remove one, or retitle one (a change inside a line).
    #[derive(Clone, Debug)]
    enum ValidEdit {
        Insert { at: usize, declaration: &'static str },
        Remove { at: usize },
        Retitle { at: usize, title: String },
    }

    fn valid_edit() -> impl Strategy<Value = ValidEdit> {
        prop_oneof![
            (any::<usize>(), prop::sample::select(DECLARATIONS))
                .prop_map(|(at, declaration)| ValidEdit::Insert { at, declaration }),
            any::<usize>().prop_map(|at| ValidEdit::Remove { at }),
            (
                any::<usize>(),
                prop::collection::vec(prop::sample::select(&["a", "é", "€", "😀", " "][..]), 0..6)
            )
                .prop_map(|(at, parts)| ValidEdit::Retitle { at, title: parts.concat() }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// On texts that stay valid, the incremental path is taken and its
        /// tree and diagnostics equal those of a fresh parse.
        #[test]
        fn incremental_edits_of_valid_texts_match_a_fresh_parse(
            initial in prop::collection::vec(prop::sample::select(DECLARATIONS), 0..6),
            edits in prop::collection::vec(valid_edit(), 1..12),
            utf8 in any::<bool>(),
        ) {
            let encoding = if utf8 { PositionEncoding::Utf8 } else { PositionEncoding::Utf16 };
            let mut parts: Vec<String> = initial.iter().map(ToString::to_string).collect();
            let mut document = Document::new(Some(0), parts.concat(), MAX);
            for (version, edit) in (1..).zip(edits) {
                let text = parts.concat();
                let start_of = |parts: &[String], i: usize| parts[..i].iter().map(String::len).sum::<usize>();
                let (start, end, insert) = match edit {
                    ValidEdit::Insert { at, declaration } => {
                        let i = at % (parts.len() + 1);
                        let start = start_of(&parts, i);
                        parts.insert(i, declaration.to_string());
                        (start, start, declaration.to_string())
                    }
                    ValidEdit::Remove { at } if !parts.is_empty() => {
                        let i = at % parts.len();
                        let (start, end) = (start_of(&parts, i), start_of(&parts, i + 1));
                        parts.remove(i);
                        (start, end, String::new())
                    }
                    ValidEdit::Retitle { at, title } if !parts.is_empty() => {
                        let i = at % parts.len();
                        let Some(open) = parts[i].find('"') else { continue };
                        let close = open + 1 + parts[i][open + 1..].find('"').unwrap();
                        let base = start_of(&parts, i);
                        parts[i].replace_range(open + 1..close, &title);
                        (base + open + 1, base + close, title)
                    }
                    _ => continue,
                };
                let index = LineIndex::new(&text);
                let lines = Lines { text: &text, index: &index };
                let range = proto::Range {
                    start: lines.position(encoding, start),
                    end: lines.position(encoding, end),
                };
                document.apply(version, vec![Change { range: Some(range), text: insert }], encoding);
            }
            let expected = parts.concat();
            prop_assert_eq!(&*document.text, expected.as_str());
            let fresh = ims_syntax::parse(&expected);
            prop_assert!(fresh.errors().is_empty(), "{:?}", fresh.errors());
            prop_assert_eq!(document.syntax.to_sexp(), fresh.to_sexp());
            let incremental = analysed(SourceFile::with_syntax("t.ims", Arc::clone(&document.text), Arc::clone(document.syntax.lowered())));
            prop_assert_eq!(incremental, analysed(SourceFile::new("t.ims", expected)));
        }
    }

    #[test]
    fn a_whole_text_change_replaces_the_document() {
        let mut document = Document::new(Some(1), "site a \"A\"\n", MAX);
        document.apply(
            2,
            vec![Change { range: None, text: "unit b \"B\"\r\n".into() }],
            PositionEncoding::Utf16,
        );
        assert_eq!(&*document.text, "unit b \"B\"\r\n");
        assert_eq!(document.version, Some(2));
        assert_eq!(document.syntax.to_sexp(), ims_syntax::parse("unit b \"B\"\r\n").to_sexp());
    }

    #[test]
    fn a_text_above_the_limit_is_not_parsed_and_recovers_when_shortened() {
        let big = "// x\n".repeat(MAX / 5 + 1);
        let mut document = Document::new(Some(1), big.clone(), MAX);
        assert!(document.is_too_large());
        assert_eq!(document.syntax.to_sexp(), ims_syntax::parse("").to_sexp());
        let end = document.lines().position(PositionEncoding::Utf16, big.len());
        let all = proto::Range { start: proto::Position { line: 0, character: 0 }, end };
        document.apply(
            2,
            vec![Change { range: Some(all), text: "site a \"A\"\n".into() }],
            PositionEncoding::Utf16,
        );
        assert!(!document.is_too_large());
        assert_eq!(document.syntax.to_sexp(), ims_syntax::parse("site a \"A\"\n").to_sexp());
    }
}
