//! Formatting: the one canonical layout of an `.ims` file, produced alike by
//! `ims fmt` and by the language server's formatting request.
//!
//! `docs/formatting.md` specifies the style. In short: declarations start at
//! column 0, with a blank line between declarations of different kinds; an
//! expanded `{ }` block holds one statement per line, indented by two spaces;
//! a block written on one line stays on one line; tokens are separated by
//! one space, except in columns the author aligned; the author's line breaks
//! are kept only where they carry a choice (between inline statements, after
//! a comma of a list, before `because`), and never more than one blank line.
//!
//! The formatter walks the tree-sitter tree, which keeps comments, and
//! decides the whitespace before each token. Own-line comments are held back
//! until the next token is known, so that they are indented like it; trailing
//! comments stay right after the token they follow.
//!
//! **Invariant:** formatting changes whitespace and `;` separators only.
//! Every other token, comments included, keeps its text and its order, and
//! string contents are kept byte for byte. [`format`] re-parses its own
//! output and refuses (returns `None`) rather than hand back text that does
//! not parse to the same tokens.

use std::borrow::Cow;

use ims_syntax::SyntaxTree;
use tree_sitter::Node;

/// The formatted text of a file, or `None` when the file has syntax errors
/// (formatting a broken file could lose text, so it is refused).
///
/// The result equals `text` when the file is already formatted. Line endings
/// follow the file's first line ending (LF or CRLF); a byte-order mark is kept.
pub fn format(syntax: &SyntaxTree, text: &str) -> Option<String> {
    if !syntax.errors().is_empty() || syntax.tree().root_node().has_error() {
        return None;
    }
    let formatted = print(syntax, text);
    // Refuse rather than corrupt: the output must parse, without errors, to
    // the same tokens. A failure here is a formatter bug.
    let reparsed = ims_syntax::parse(&formatted);
    if !reparsed.errors().is_empty() || !tokens(&reparsed, &formatted).eq(tokens(syntax, text)) {
        return None;
    }
    Some(formatted)
}

/// The tokens of a file that formatting must keep, in order: every leaf of
/// the tree except `;` (strings whole, line comments without trailing
/// whitespace, block comments with LF line endings). Yielded one at a time
/// by a cursor walk, borrowing the text where it can: [`format`] compares
/// two such streams, and collecting them would cost more memory than the
/// two trees (a 50 MB file has millions of tokens).
fn tokens<'t>(syntax: &'t SyntaxTree, text: &'t str) -> impl Iterator<Item = Cow<'t, str>> + 't {
    let mut cursor = syntax.tree().walk();
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            let node = cursor.node();
            let leaf = node.kind() == "string" || node.child_count() == 0;
            let token = leaf.then(|| {
                let token = &text[node.byte_range()];
                match node.kind() {
                    // An empty file's root is a leaf without text.
                    _ if token.is_empty() => None,
                    ";" => None,
                    "line_comment" => Some(Cow::Borrowed(token.trim_end())),
                    "block_comment" if token.contains('\r') => {
                        Some(Cow::Owned(token.replace("\r\n", "\n")))
                    }
                    _ => Some(Cow::Borrowed(token)),
                }
            });
            if leaf || !cursor.goto_first_child() {
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        done = true;
                        break;
                    }
                }
            }
            if let Some(Some(token)) = token {
                return Some(token);
            }
        }
        None
    })
}

fn print(syntax: &SyntaxTree, text: &str) -> String {
    let mut printer = Printer::new(text);
    source_file(&mut printer, syntax.tree().root_node());
    let mut out = printer.finish();
    if text.starts_with('\u{feff}') {
        out.insert(0, '\u{feff}');
    }
    let crlf = text.find('\n').is_some_and(|i| text[..i].ends_with('\r'));
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

// --- The layout rules -------------------------------------------------------

const INDENT: usize = 2;

fn source_file(p: &mut Printer, root: Node) {
    let mut previous_kind: Option<&str> = None;
    let mut cursor = root.walk();
    for child in root.children(&mut cursor) {
        match child.kind() {
            "line_comment" | "block_comment" => p.comment(child),
            ";" => p.skip(child),
            kind => {
                // Declarations of one kind form a group; a blank line
                // separates groups, and the author's blank lines are kept.
                let blank = match previous_kind {
                    Some(previous) if previous != kind => Blank::Force,
                    _ => Blank::Keep,
                };
                declaration(p, child, Gap::Line { indent: 0, blank, comments: 0 });
                previous_kind = Some(kind);
            }
        }
    }
}

/// `KIND name "Title" inline-statements { block }`: one line up to the block,
/// except that inline statements the author put on lines of their own stay
/// there, indented one level.
fn declaration(p: &mut Printer, node: Node, gap: Gap) {
    let cont = INDENT;
    let mut keyword_seen = false;
    let mut after_title_marked = false;
    let mut inline_statements = 0;
    let mut start_line = p.line;
    let mut open_line = None;
    let mut cursor = node.walk();
    for (i, child) in node.children(&mut cursor).enumerate() {
        match child.kind() {
            "line_comment" | "block_comment" => {
                p.comment(child);
                continue;
            }
            ";" => {
                p.skip(child);
                continue;
            }
            _ => {}
        }
        let after_title = if after_title_marked { None } else { Some(Key::AfterTitle) };
        match node.field_name_for_child(i as u32) {
            _ if !keyword_seen => {
                p.token(child, gap, None);
                start_line = p.line;
                keyword_seen = true;
            }
            Some("name") => {
                p.token(child, Gap::Space { cont }, None);
            }
            Some("title") => {
                p.token(child, Gap::Space { cont }, Some(Key::Title));
            }
            Some("inline") => {
                let gap = Gap::Flex { cont, semi: inline_statements > 0 };
                statement(p, child, gap, None, after_title);
                inline_statements += 1;
                after_title_marked = true;
            }
            Some("body") => {
                open_line = Some(block(p, child, Gap::Space { cont }, 0, after_title));
                after_title_marked = true;
            }
            // The grammar has no other children; print any verbatim.
            _ => {
                p.token(child, Gap::Space { cont }, None);
            }
        }
    }
    // A declaration whose first line holds everything up to its `{` may
    // align that line with its neighbours.
    if open_line.unwrap_or(p.line) == start_line {
        p.rows.push(Row {
            line: start_line,
            last_line: p.line,
            family: Family::Declaration,
            group: node.kind_id().into(),
            shift: false,
        });
    }
}

/// `{ statements }` of a declaration or of a `scope`/`controls` statement,
/// whose line starts at `indent`. Written on one line, it stays on one line
/// (`{ a; b }`); otherwise one statement per line, indented one level.
/// Returns the output line of the `{`.
fn block(p: &mut Printer, node: Node, open: Gap, indent: usize, mark: Option<Key>) -> usize {
    let one_line = !p.src[node.byte_range()].contains('\n');
    let inner = indent + INDENT;
    let mut first = true;
    let mut open_line = p.line;
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        match child.kind() {
            "{" => {
                p.token(child, open, mark);
                open_line = p.line;
            }
            "}" => {
                let gap = if one_line {
                    Gap::Space { cont: indent }
                } else {
                    Gap::Line { indent, blank: Blank::CommentsOnly, comments: inner }
                };
                p.token(child, gap, None);
            }
            "line_comment" | "block_comment" => p.comment(child),
            ";" => p.skip(child),
            _ => {
                let (gap, row) = if one_line {
                    let gap =
                        if first { Gap::Space { cont: inner } } else { Gap::Semi { cont: inner } };
                    (gap, None)
                } else {
                    let blank = if first { Blank::NotFirst } else { Blank::Keep };
                    (Gap::Line { indent: inner, blank, comments: inner }, Some(node.start_byte()))
                };
                statement(p, child, gap, row, None);
                first = false;
            }
        }
    }
    open_line
}

/// One statement: its tokens separated by one space, no space before `,` or
/// around the `:` of a clause reference. A line break after a comma or
/// before `because` is kept, and the statement continues under the first
/// item of its list (one level deeper if it has none).
///
/// `row` is the block the statement stands in on a line of its own, whose
/// statements may align their arguments.
fn statement(p: &mut Printer, node: Node, gap: Gap, row: Option<usize>, mark: Option<Key>) {
    let mut walk = StatementWalk {
        first_gap: gap,
        first_mark: mark,
        mark_arguments: row.is_some(),
        leaves: 0,
        base: 0,
        start_line: p.line,
        previous: "",
        list_column: None,
        want_list_column: false,
        open_line: None,
        multiline_comment: false,
    };
    walk.children(p, node);
    let Some(group) = row else { return };
    // Continuation lines are placed relative to the first line, so they move
    // with it when it is aligned; a nested expanded block does not, and
    // neither can a comment spanning lines.
    let (alignable, shift) = match walk.open_line {
        Some(open_line) => (open_line == walk.start_line, false),
        None => (!walk.multiline_comment, true),
    };
    if alignable {
        p.rows.push(Row {
            line: walk.start_line,
            last_line: p.line,
            family: Family::Statement,
            group,
            shift,
        });
    }
}

struct StatementWalk {
    first_gap: Gap,
    first_mark: Option<Key>,
    mark_arguments: bool,
    leaves: usize,
    /// The indentation of the line the statement starts on.
    base: usize,
    start_line: usize,
    previous: &'static str,
    /// The column of the first item of the statement's list, where a list
    /// continues after a line break.
    list_column: Option<usize>,
    want_list_column: bool,
    /// The output line of the `{` of a nested block that is not on one line.
    open_line: Option<usize>,
    multiline_comment: bool,
}

impl StatementWalk {
    fn children(&mut self, p: &mut Printer, node: Node) {
        let mut cursor = node.walk();
        for (i, child) in node.children(&mut cursor).enumerate() {
            let list_item = matches!(
                node.field_name_for_child(i as u32),
                Some("name" | "edition" | "clauses" | "item")
            );
            if list_item && self.list_column.is_none() {
                self.want_list_column = true;
            }
            match child.kind() {
                "line_comment" | "block_comment" => {
                    self.multiline_comment |= p.src[child.byte_range()].trim_end().contains('\n');
                    p.comment(child);
                }
                ";" => p.skip(child),
                "block" => {
                    let gap = Gap::Space { cont: self.base + INDENT };
                    let mark = self.mark();
                    let open_line = block(p, child, gap, self.base, mark);
                    if p.line != open_line {
                        self.open_line = Some(open_line);
                    }
                    self.leaves += 1;
                    self.previous = "}";
                }
                "string" => self.leaf(p, child),
                _ if child.child_count() == 0 => self.leaf(p, child),
                _ => self.children(p, child),
            }
        }
    }

    fn mark(&self) -> Option<Key> {
        match self.leaves {
            0 => self.first_mark,
            1 if self.mark_arguments => Some(Key::Arguments),
            _ => None,
        }
    }

    fn leaf(&mut self, p: &mut Printer, node: Node) {
        let kind = node.kind();
        let gap = if self.leaves == 0 {
            self.first_gap
        } else {
            let cont = self.base + INDENT;
            let list = self.list_column.unwrap_or(cont);
            match (self.previous, kind) {
                (_, ",") => Gap::Tight { cont: list },
                (",", _) => Gap::Flex { cont: list, semi: false },
                (_, ":" | "clause_number") => Gap::Tight { cont },
                (_, "because") => Gap::Flex { cont: list, semi: false },
                _ => Gap::Space { cont },
            }
        };
        let mark = self.mark();
        let column = p.token(node, gap, mark);
        if self.leaves == 0 {
            self.base = p.line_indent();
            self.start_line = p.line;
        }
        if self.want_list_column {
            self.list_column = Some(column);
            self.want_list_column = false;
        }
        self.previous = kind;
        self.leaves += 1;
    }
}

// --- The printer ------------------------------------------------------------

/// What goes before a token.
#[derive(Clone, Copy, Debug)]
enum Gap {
    /// A new line at `indent`; own-line comments before the token are
    /// indented by `comments`.
    Line { indent: usize, blank: Blank, comments: usize },
    /// Nothing. `cont` is the indentation of the line if a comment forces a
    /// line break here.
    Tight { cont: usize },
    /// One space.
    Space { cont: usize },
    /// `; `, separating two statements on one line.
    Semi { cont: usize },
    /// The author's choice: a new line at `cont` if the source breaks the
    /// line here, otherwise one space (`; ` with `semi`).
    Flex { cont: usize, semi: bool },
}

/// Whether a blank line goes before a [`Gap::Line`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Blank {
    /// Where the source has one.
    Keep,
    /// Always before the first comment or the token, then where the source has one.
    Force,
    /// Not before the first comment or the token, then where the source has one.
    NotFirst,
    /// Before comments where the source has one, never right before the token.
    CommentsOnly,
}

/// A column that the author may align across consecutive lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Key {
    /// The title of a one-line declaration.
    Title,
    /// What follows the title of a one-line declaration.
    AfterTitle,
    /// What follows the keyword of a one-line statement in a block.
    Arguments,
    /// A comment at the end of a line of code.
    Comment,
}

impl Key {
    fn family(self) -> Family {
        match self {
            Key::Title | Key::AfterTitle => Family::Declaration,
            Key::Arguments => Family::Statement,
            Key::Comment => Family::Comment,
        }
    }
}

/// The kind of line whose consecutive occurrences form an alignment group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Declaration,
    Statement,
    Comment,
}

/// An output line that may join an alignment group: consecutive rows of one
/// family and group align their marks.
#[derive(Clone, Copy, Debug)]
struct Row {
    /// The first line, which holds the marks.
    line: usize,
    last_line: usize,
    family: Family,
    group: usize,
    /// Whether the lines after the first move with it when it is aligned.
    shift: bool,
}

/// A token that starts an alignable column.
#[derive(Clone, Copy, Debug)]
struct Mark {
    line: usize,
    /// Byte offset in the output line.
    offset: usize,
    key: Key,
    /// The token's column in the source.
    source_column: usize,
    /// Whether the source has more than one space before the token.
    padded: bool,
}

struct PendingComment {
    text: String,
    is_line: bool,
    newline_before: bool,
    blank_before: bool,
}

struct Printer<'s> {
    src: &'s str,
    out: String,
    /// The current output line (0-based) and the byte offset where it starts.
    line: usize,
    line_start: usize,
    /// The source offset up to which leaves have been consumed.
    pos: usize,
    /// Source facts about the whitespace since the last token (comments and
    /// `;` are not tokens here) and since the last leaf of any kind.
    newline_since_token: bool,
    newline_since_leaf: bool,
    blank_since_leaf: bool,
    newline_run: usize,
    /// The whitespace right before the current leaf is more than one space.
    padded: bool,
    /// Own-line comments, held until the next token tells their indentation.
    pending: Vec<PendingComment>,
    /// The output line ends with a line comment: the next token needs a new line.
    after_line_comment: bool,
    rows: Vec<Row>,
    marks: Vec<Mark>,
}

impl<'s> Printer<'s> {
    fn new(src: &'s str) -> Self {
        Printer {
            src,
            out: String::with_capacity(src.len() + src.len() / 8),
            line: 0,
            line_start: 0,
            pos: 0,
            newline_since_token: false,
            newline_since_leaf: false,
            blank_since_leaf: false,
            newline_run: 0,
            padded: false,
            pending: Vec::new(),
            after_line_comment: false,
            rows: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// Reads the source between the last leaf and `offset`: whitespace and `;`.
    fn advance(&mut self, offset: usize) {
        let gap = &self.src[self.pos.min(offset)..offset];
        for c in gap.chars() {
            if c == '\n' {
                self.newline_since_token = true;
                self.newline_since_leaf = true;
                self.newline_run += 1;
                if self.newline_run >= 2 {
                    self.blank_since_leaf = true;
                }
            } else if !c.is_whitespace() {
                self.newline_run = 0;
            }
        }
        let space = &gap[gap.trim_end().len()..];
        self.padded = !space.contains('\n') && (space.len() > 1 || space.contains('\t'));
        self.pos = self.pos.max(offset);
    }

    fn end_leaf(&mut self, end: usize) {
        self.pos = end;
        self.newline_since_leaf = false;
        self.blank_since_leaf = false;
        self.newline_run = 0;
    }

    /// A `;`: dropped here, written again by [`Gap::Semi`] where needed.
    fn skip(&mut self, node: Node) {
        self.advance(node.start_byte());
        self.pos = node.end_byte();
    }

    fn comment(&mut self, node: Node) {
        self.advance(node.start_byte());
        let raw = &self.src[node.byte_range()];
        let is_line = node.kind() == "line_comment";
        let text = if is_line { raw.trim_end().to_string() } else { raw.replace("\r\n", "\n") };
        if self.newline_since_leaf || self.out.is_empty() || !self.pending.is_empty() {
            self.pending.push(PendingComment {
                text,
                is_line,
                newline_before: self.newline_since_leaf,
                blank_before: self.blank_since_leaf,
            });
        } else {
            // A trailing comment stays on the line of the token before it.
            self.out.push(' ');
            if is_line {
                self.mark(Key::Comment);
                self.rows.push(Row {
                    line: self.line,
                    last_line: self.line,
                    family: Family::Comment,
                    group: 0,
                    shift: false,
                });
                self.after_line_comment = true;
            }
            self.write(&text);
        }
        self.end_leaf(node.end_byte());
    }

    /// Writes a token after the whitespace `gap` asks for; returns its column.
    fn token(&mut self, node: Node, gap: Gap, mark: Option<Key>) -> usize {
        self.advance(node.start_byte());
        self.place(gap);
        let column = self.column();
        if let Some(key) = mark {
            self.mark(key);
        }
        self.write(&self.src[node.byte_range()]);
        self.newline_since_token = false;
        self.end_leaf(node.end_byte());
        column
    }

    fn place(&mut self, gap: Gap) {
        let (indent, blank, comments) = match gap {
            Gap::Line { indent, blank, comments } => (indent, Some(blank), comments),
            Gap::Tight { cont }
            | Gap::Space { cont }
            | Gap::Semi { cont }
            | Gap::Flex { cont, .. } => (cont, None, cont),
        };
        if !self.pending.is_empty() {
            let last_is_line = self.flush_comments(blank, comments);
            if last_is_line || self.newline_since_leaf {
                let blank = match blank {
                    None | Some(Blank::CommentsOnly) => false,
                    Some(_) => self.blank_since_leaf,
                };
                self.newline(blank, indent);
            } else {
                self.out.push(' ');
            }
            return;
        }
        if self.after_line_comment {
            let blank = match blank {
                None | Some(Blank::CommentsOnly | Blank::NotFirst) => false,
                Some(Blank::Force) => true,
                Some(Blank::Keep) => self.blank_since_leaf,
            };
            self.newline(blank, indent);
            return;
        }
        match gap {
            Gap::Line { indent, blank, .. } => {
                let blank = match blank {
                    Blank::Force => true,
                    Blank::Keep => self.blank_since_leaf,
                    Blank::NotFirst | Blank::CommentsOnly => false,
                };
                self.newline(blank, indent);
            }
            Gap::Tight { .. } => {}
            Gap::Space { .. } => self.out.push(' '),
            Gap::Semi { .. } => self.out.push_str("; "),
            Gap::Flex { cont, semi } => {
                if self.newline_since_token {
                    self.newline(false, cont);
                } else if semi {
                    self.out.push_str("; ");
                } else {
                    self.out.push(' ');
                }
            }
        }
    }

    /// Writes the held own-line comments, each on a line of its own at
    /// `indent` (a block comment followed by another on the same source line
    /// shares it). Returns whether the last one is a line comment.
    fn flush_comments(&mut self, blank: Option<Blank>, indent: usize) -> bool {
        let pending = std::mem::take(&mut self.pending);
        let mut last_is_line = false;
        for (i, comment) in pending.iter().enumerate() {
            if i > 0 && !comment.newline_before && !last_is_line {
                self.out.push(' ');
            } else {
                let blank = match blank {
                    None => false,
                    Some(Blank::Force) if i == 0 => true,
                    Some(Blank::NotFirst) if i == 0 => false,
                    Some(_) => comment.blank_before,
                };
                self.newline(blank, indent);
            }
            self.write(&comment.text);
            last_is_line = comment.is_line;
        }
        last_is_line
    }

    /// Ends the line (unless nothing is written yet) and indents the next.
    fn newline(&mut self, blank: bool, indent: usize) {
        self.after_line_comment = false;
        if self.out.is_empty() {
            return;
        }
        self.out.push('\n');
        if blank {
            self.out.push('\n');
            self.line += 1;
        }
        self.line += 1;
        self.line_start = self.out.len();
        self.out.extend(std::iter::repeat_n(' ', indent));
    }

    fn write(&mut self, text: &str) {
        let start = self.out.len();
        self.out.push_str(text);
        for (i, _) in text.match_indices('\n') {
            self.line += 1;
            self.line_start = start + i + 1;
        }
    }

    fn column(&self) -> usize {
        self.out[self.line_start..].chars().count()
    }

    fn line_indent(&self) -> usize {
        self.out[self.line_start..].chars().take_while(|&c| c == ' ').count()
    }

    /// Marks the leaf about to be written, which starts at `self.pos` in the
    /// source, as the start of an alignable column.
    fn mark(&mut self, key: Key) {
        let source_line = self.src[..self.pos].rfind('\n').map_or(0, |i| i + 1);
        self.marks.push(Mark {
            line: self.line,
            offset: self.out.len() - self.line_start,
            key,
            source_column: self.src[source_line..self.pos].chars().count(),
            padded: self.padded,
        });
    }

    /// Writes the comments left at the end of the file, aligns the columns
    /// and returns the text, ending with one line break.
    fn finish(mut self) -> String {
        if !self.pending.is_empty() {
            self.flush_comments(Some(Blank::Keep), 0);
        }
        let mut out = align(std::mem::take(&mut self.out), &self.rows, &mut self.marks);
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

// --- Alignment --------------------------------------------------------------

/// Aligns the columns the author aligned. For each column key, the rows of
/// its family form runs of consecutive lines in one group; a run is aligned
/// when the source had two of its marks in one column, at least one of them
/// padded with more than one space. Aligning pads marks to the run's
/// rightmost one, so a second formatting finds them aligned again.
fn align(out: String, rows: &[Row], marks: &mut [Mark]) -> String {
    let mut lines: Vec<String> = out.split('\n').map(str::to_string).collect();
    for key in [Key::Title, Key::AfterTitle, Key::Arguments, Key::Comment] {
        let family = key.family();
        let family_rows: Vec<&Row> = rows.iter().filter(|r| r.family == family).collect();
        let mut start = 0;
        while start < family_rows.len() {
            let mut end = start + 1;
            while end < family_rows.len()
                && family_rows[end].line == family_rows[end - 1].last_line + 1
                && family_rows[end].group == family_rows[start].group
            {
                end += 1;
            }
            // The marks of `key` on the first line of each row of the run.
            let run: Vec<(usize, &Row)> = family_rows[start..end]
                .iter()
                .flat_map(|row| marks_on(marks, row.line).map(move |m| (m, *row)))
                .filter(|&(m, _)| marks[m].key == key)
                .collect();
            if should_align(marks, &run) {
                pad_to_common_column(&mut lines, marks, &run);
            }
            start = end;
        }
    }
    lines.join("\n")
}

/// The indices of the marks on `line`. Marks are recorded in output order,
/// so they are sorted by line.
fn marks_on(marks: &[Mark], line: usize) -> std::ops::Range<usize> {
    marks.partition_point(|m| m.line < line)..marks.partition_point(|m| m.line <= line)
}

fn should_align(marks: &[Mark], run: &[(usize, &Row)]) -> bool {
    run.len() >= 2
        && run.iter().any(|&(a, _)| {
            marks[a].padded
                && run
                    .iter()
                    .any(|&(b, _)| b != a && marks[b].source_column == marks[a].source_column)
        })
}

fn pad_to_common_column(lines: &mut [String], marks: &mut [Mark], run: &[(usize, &Row)]) {
    let column = |lines: &[String], mark: &Mark| lines[mark.line][..mark.offset].chars().count();
    let target = run.iter().map(|&(m, _)| column(lines, &marks[m])).max().unwrap_or(0);
    for &(m, row) in run {
        let mark = marks[m];
        let pad = target - column(lines, &mark);
        if pad == 0 {
            continue;
        }
        let spaces = " ".repeat(pad);
        lines[mark.line].insert_str(mark.offset, &spaces);
        let same_line = marks_on(marks, mark.line);
        for other in &mut marks[same_line] {
            if other.offset >= mark.offset {
                other.offset += pad;
            }
        }
        if row.shift && row.last_line > row.line {
            let continuation = row.line + 1..=row.last_line;
            for text in &mut lines[continuation.clone()] {
                text.insert_str(0, &spaces);
            }
            let moved = marks_on(marks, *continuation.start()).start
                ..marks_on(marks, *continuation.end()).end;
            for other in &mut marks[moved] {
                other.offset += pad;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use expect_test::{expect, Expect};

    use super::*;
    use ims_analysis::{analyze, Config, SourceFile, Workspace};

    /// Formats `input`, compares with the snapshot and checks the invariants.
    #[track_caller]
    fn check(input: &str, expect: Expect) {
        let output =
            format(&ims_syntax::parse(input), input).expect("the fixture has no syntax errors");
        expect.assert_eq(&output);
        assert_invariants(input, &output);
    }

    /// Idempotent, every token kept, the same lowered AST.
    #[track_caller]
    fn assert_invariants(input: &str, output: &str) {
        let before = ims_syntax::parse(input);
        let after = ims_syntax::parse(output);
        assert!(after.errors().is_empty(), "formatted text has syntax errors:\n{output}");
        assert_eq!(format(&after, output).as_deref(), Some(output), "not idempotent");
        let tokens = |syntax, text| super::tokens(syntax, text).collect::<Vec<_>>();
        assert_eq!(tokens(&before, input), tokens(&after, output), "tokens differ");
        assert_eq!(ast_without_ranges(&before), ast_without_ranges(&after), "ASTs differ");
    }

    /// The lowered AST's debug text with every `start..end` range blanked out.
    fn ast_without_ranges(syntax: &SyntaxTree) -> String {
        let text = format!("{:#?}", syntax.ast());
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(i) = rest.find("..") {
            let head = rest[..i].trim_end_matches(|c: char| c.is_ascii_digit());
            let tail = &rest[i + 2..];
            let digits = tail.len() - tail.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if head.len() < i && digits > 0 {
                out.push_str(head);
                out.push_str("_.._");
            } else {
                out.push_str(&rest[..i + 2]);
            }
            rest = &tail[digits..];
        }
        out.push_str(rest);
        out
    }

    /// The diagnostics of the files as one IMS, without positions.
    fn diagnostics(files: &[(PathBuf, String)]) -> Vec<String> {
        let sources =
            files.iter().map(|(path, text)| SourceFile::new(path, text.as_str())).collect();
        let workspace =
            Workspace::new(sources, ims_analysis::project::builtin(), Config::default());
        analyze(&workspace)
            .diagnostics
            .iter()
            .map(|d| format!("{} {}: {}", d.location.file.0, d.code.name(), d.message))
            .collect()
    }

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    fn ims_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                ims_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "ims") {
                out.push(path);
            }
        }
    }

    /// The inputs of the grammar's corpus tests whose expected tree has no
    /// ERROR or MISSING node.
    fn corpus_inputs() -> Vec<(String, String)> {
        let mut inputs = Vec::new();
        let Ok(entries) = std::fs::read_dir(root().join("grammar/test/corpus")) else {
            return inputs;
        };
        let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "txt")) {
            let text = std::fs::read_to_string(file).unwrap();
            let mut lines = text.lines().peekable();
            while let Some(line) = lines.next() {
                if !(line.starts_with("===") && line.trim_end_matches('=').is_empty()) {
                    continue;
                }
                let title = lines.next().unwrap_or_default().to_string();
                // Attributes such as `:error` stand between the title and
                // the closing `===` line.
                let mut expects_error = false;
                while let Some(attribute) = lines.next_if(|l| !l.starts_with("===")) {
                    expects_error |= attribute.trim() == ":error";
                }
                lines.next(); // the closing `===` line
                let mut input = Vec::new();
                while let Some(line) = lines.next_if(|l| !l.starts_with("---")) {
                    input.push(line);
                }
                lines.next(); // `---`, then the expected tree, skipped
                while lines.next_if(|l| !l.starts_with("===")).is_some() {}
                let input = input.join("\n") + "\n";
                // Only text without syntax errors is formatted (those of
                // `incomplete.txt` are reported by the lowering, not the tree).
                if !expects_error && ims_syntax::parse(&input).errors().is_empty() {
                    let name = format!("{}: {title}", file.file_name().unwrap().to_string_lossy());
                    inputs.push((name, input));
                }
            }
        }
        inputs
    }

    /// Rewrites all whitespace between tokens with `layout(i)` for the i-th
    /// gap, keeping a line break after each line comment.
    fn relayout(text: &str, layout: impl Fn(usize) -> &'static str) -> String {
        let syntax = ims_syntax::parse(text);
        let mut leaves = Vec::new();
        fn collect(node: Node, out: &mut Vec<(usize, usize, bool)>) {
            if node.kind() == "string" || node.child_count() == 0 {
                out.push((node.start_byte(), node.end_byte(), node.kind() == "line_comment"));
                return;
            }
            let mut cursor = node.walk();
            for child in node.children(&mut cursor) {
                collect(child, out);
            }
        }
        collect(syntax.tree().root_node(), &mut leaves);
        let mut out = String::new();
        for (i, &(start, end, is_line_comment)) in leaves.iter().enumerate() {
            let leaf = &text[start..end];
            out.push_str(if is_line_comment { leaf.trim_end() } else { leaf });
            let next = leaves.get(i + 1).map_or(text.len(), |l| l.0);
            let glued = next == end && !is_line_comment;
            out.push_str(match () {
                _ if glued => "",
                _ if is_line_comment => "\n",
                _ => layout(i),
            });
        }
        out
    }

    #[test]
    fn examples_keep_tokens_and_meaning() {
        let mut dirs = vec![root().join("examples")];
        let mut files = Vec::new();
        ims_files(&dirs[0], &mut files);
        assert!(files.iter().any(|f| f.ends_with("acme.ims")), "examples/acme.ims is missing");
        // Each directory of examples is one IMS; the top level files are IMSs of their own.
        for file in &files {
            let parent = file.parent().unwrap().to_path_buf();
            if !dirs.contains(&parent) {
                dirs.push(parent);
            }
        }
        for dir in &dirs {
            let members: Vec<&PathBuf> = files.iter().filter(|f| f.parent() == Some(dir)).collect();
            let groups: Vec<Vec<&PathBuf>> = if dir == &dirs[0] {
                members.iter().map(|f| vec![*f]).collect()
            } else {
                vec![members]
            };
            for group in groups {
                let before: Vec<(PathBuf, String)> = group
                    .iter()
                    .map(|f| ((*f).clone(), std::fs::read_to_string(f).unwrap()))
                    .collect();
                let after: Vec<(PathBuf, String)> = before
                    .iter()
                    .map(|(path, text)| {
                        let output = format(&ims_syntax::parse(text), text)
                            .unwrap_or_else(|| panic!("{} does not format", path.display()));
                        assert_invariants(text, &output);
                        (path.clone(), output)
                    })
                    .collect();
                assert_eq!(diagnostics(&before), diagnostics(&after), "{group:?}");
            }
        }
    }

    #[test]
    fn corpus_inputs_keep_tokens_and_meaning() {
        for (name, input) in corpus_inputs() {
            let output = format(&ims_syntax::parse(&input), &input)
                .unwrap_or_else(|| panic!("{name}: does not format:\n{input}"));
            assert_invariants(&input, &output);
            let file = PathBuf::from("corpus.ims");
            assert_eq!(
                diagnostics(&[(file.clone(), input.clone())]),
                diagnostics(&[(file, output)]),
                "{name}"
            );
        }
    }

    /// Every example and corpus input, with its whitespace replaced by single
    /// spaces, by line breaks, by blank lines, by runs of spaces and by
    /// comments, still formats, idempotently and without losing a token.
    #[test]
    fn any_layout_formats() {
        let mut inputs: Vec<(String, String)> = corpus_inputs();
        let mut files = Vec::new();
        ims_files(&root().join("examples"), &mut files);
        for file in files {
            inputs.push((file.display().to_string(), std::fs::read_to_string(&file).unwrap()));
        }
        let layouts: [fn(usize) -> &'static str; 8] = [
            |_| " ",
            |_| "\n",
            |_| "\n\n\n",
            |_| "   ",
            |i| ["  ", "\n", " ", "\n\n", "\t"][i % 5],
            // Comments in every gap between tokens.
            |_| " /* c */ ",
            |_| " // c\n",
            |i| ["\n// c\n", " /* c */\n", "\n/* c\n   d */ ", "\n\n// c\n\n", " "][i % 5],
        ];
        for (name, input) in &inputs {
            for layout in layouts {
                let messy = relayout(input, layout);
                let output = format(&ims_syntax::parse(&messy), &messy)
                    .unwrap_or_else(|| panic!("{name}: does not format:\n{messy}"));
                assert_invariants(&messy, &output);
            }
        }
    }

    /// The examples in `docs/formatting.md` that are whole files are formatted.
    #[test]
    fn documented_examples_are_formatted() {
        let docs = std::fs::read_to_string(root().join("docs/formatting.md")).unwrap();
        let mut checked = 0;
        let mut lines = docs.lines();
        while let Some(line) = lines.next() {
            let Some(indent) = line.strip_suffix("```ims") else { continue };
            let mut example = String::new();
            for line in lines.by_ref().take_while(|l| l.trim() != "```") {
                example.push_str(line.strip_prefix(indent).unwrap_or(line));
                example.push('\n');
            }
            let syntax = ims_syntax::parse(&example);
            if syntax.errors().is_empty() {
                assert_eq!(format(&syntax, &example).as_deref(), Some(example.as_str()));
                checked += 1;
            }
        }
        assert!(checked >= 3, "only {checked} examples checked");
    }

    #[test]
    fn refuses_files_with_syntax_errors() {
        for broken in ["process p { covers 9001:", "unit ops \"Ops\nsite hq \"HQ\"\n", "site { }"] {
            assert_eq!(format(&ims_syntax::parse(broken), broken), None, "{broken}");
        }
    }

    #[test]
    fn empty_and_comment_only_files() {
        check("", expect![""]);
        check("\n\n;;\n", expect![""]);
        check(
            "\n\n// only a comment   \n\n\n/* and a block */\n\n",
            expect![[r#"
                // only a comment

                /* and a block */
            "#]],
        );
    }

    #[test]
    fn declarations_and_blank_lines() {
        // One declaration per line, a blank line between kinds, at most one
        // blank line kept, none at the start or the end of the file.
        check(
            r#"


ims "X" {standards iso9001@2015,iso27001@2022;description "d"}
site a "A";site b "B"



site c "C"
unit ops "Ops" at a ; unit dev "Dev" at b
process p "P" { covers 9001:8.4 } process q "Q" { covers 9001:8.5 }


"#,
            expect![[r#"
                ims "X" { standards iso9001@2015, iso27001@2022; description "d" }

                site a "A"
                site b "B"

                site c "C"

                unit ops "Ops" at a
                unit dev "Dev" at b

                process p "P" { covers 9001:8.4 }
                process q "Q" { covers 9001:8.5 }
            "#]],
        );
    }

    #[test]
    fn blocks() {
        // A block written on one line stays on one line; any other block is
        // expanded, one statement per line, with no blank line after `{` or
        // before `}`.
        check(
            r#"service s "S" {delivered-by ops;suppliers sup
  at a;;
}
system QMS "Q" standard iso9001@2015 { scope organisation { units ops ; sites a } ; scope location {
sites b }


  controls { applicable 27001:A.5.19 .. 27001:A.5.23 because "x"
    excluded 27001:A.7.5 because "y" }

}
process empty {}
process empty-lines {

}
"#,
            expect![[r#"
                service s "S" {
                  delivered-by ops
                  suppliers sup
                  at a
                }

                system QMS "Q" standard iso9001@2015 {
                  scope organisation { units ops; sites a }
                  scope location {
                    sites b
                  }

                  controls {
                    applicable 27001:A.5.19 .. 27001:A.5.23 because "x"
                    excluded 27001:A.7.5 because "y"
                  }
                }

                process empty { }
                process empty-lines {
                }
            "#]],
        );
    }

    #[test]
    fn inline_statements() {
        // Statements after the title stay there: on the declaration's line
        // (separated by `; `) or, where the author broke the line, on lines
        // of their own indented one level.
        check(
            r#"unit ops "Operations" at hq,dc1
unit dev "Development" at hq description "Builds things"
unit qa "QA" at hq;description "Tests things";
supplier colo "Colo" external   {
  provides "Racks"
}
process p "P"
    owner ops
        covers 9001:8.4,
          9001:8.5 {
  description "d"
}
"#,
            expect![[r#"
                unit ops "Operations" at hq, dc1
                unit dev "Development" at hq; description "Builds things"
                unit qa "QA" at hq; description "Tests things"

                supplier colo "Colo" external {
                  provides "Racks"
                }

                process p "P"
                  owner ops
                  covers 9001:8.4,
                         9001:8.5 {
                  description "d"
                }
            "#]],
        );
    }

    #[test]
    fn lists_and_clause_references() {
        // A space after each comma and around `..`; a line break after a
        // comma or before `because` is kept, and the statement continues
        // under the first item of its list.
        check(
            r#"process p {
  covers 20000-1:8.3.4 ,9001:8.4,27001@2022:A.5.19..27001:A.5.22 via ISMS,
              9001:9.2 ,
  27001:9.2
  performed-by
    ops,dev
}
system ISMS "I" standard iso27001@2022 {
  controls {
    excluded 27001:A.7.5 , 27001:A.7.6
        because "No exposure to natural hazards"
  }
}
"#,
            expect![[r#"
                process p {
                  covers 20000-1:8.3.4, 9001:8.4, 27001@2022:A.5.19 .. 27001:A.5.22 via ISMS,
                         9001:9.2,
                         27001:9.2
                  performed-by ops, dev
                }

                system ISMS "I" standard iso27001@2022 {
                  controls {
                    excluded 27001:A.7.5, 27001:A.7.6
                             because "No exposure to natural hazards"
                  }
                }
            "#]],
        );
    }

    #[test]
    fn comments_stay_where_they_are() {
        check(
            r#"// File header.

// About hq.
site hq "HQ" // trailing
/* a block comment before dc */ site dc "DC"
unit // after the keyword
  ops "Ops" at hq, // primary
  dc
service s "S" { // after the brace
  delivered-by ops; // after a `;`


  // Before at, after two blank lines.


  at hq /* inline */ , dc
  /* last in the block,
     over two lines */
}
process p "P" {
  covers 9001:8.4

  // At the end of the block, after a blank line.
}
process q "Q" { covers /* the one */ 9001:8.5 }
// The end.
"#,
            expect![[r#"
                // File header.

                // About hq.
                site hq "HQ" // trailing
                /* a block comment before dc */ site dc "DC"

                unit // after the keyword
                  ops "Ops" at hq, // primary
                               dc

                service s "S" { // after the brace
                  delivered-by ops // after a `;`

                  // Before at, after two blank lines.

                  at hq /* inline */, dc
                  /* last in the block,
                     over two lines */
                }

                process p "P" {
                  covers 9001:8.4

                  // At the end of the block, after a blank line.
                }
                process q "Q" { covers /* the one */ 9001:8.5 }
                // The end.
            "#]],
        );
    }

    #[test]
    fn alignment_is_kept_not_invented() {
        check(
            r#"site hq  "Amsterdam HQ"
site dc1 "Frankfurt data centre"
site the-new-one "Added later"

unit operations  "IT Operations" at hq, dc1
unit procurement "Procurement"   at hq
unit team-a "Team A" at hq

unit one "One" at hq
unit two-two "Two" at hq

process p "P" {
  owner ops
  performed-by ops, dev
  covers 9001:8.4
}
system ISMS "I" standard iso27001@2022 {
  controls {
    applicable 27001:A.5.19 .. 27001:A.5.23 because "Suppliers"
    excluded   27001:A.7.5 because "No hazards"
  }
  scope { sites dc1 }   // location-based
  description "x"       // aligned with the comment above
  standard iso27001@2022 // joins the run of trailing comments
}

site office     "Delft office"
site datacentre "Delft data centre suite" {
  description "A declaration's first line aligns with its neighbours"
}

system QMS "Q" standard iso9001@2015 {
  controls {
    applicable 27001:A.5.1
    excluded   27001:A.8.4,
               27001:A.8.25
               because "Continuation lines move with their first line"
    not-applicable 9001:8.3
  }
}
"#,
            expect![[r#"
                site hq          "Amsterdam HQ"
                site dc1         "Frankfurt data centre"
                site the-new-one "Added later"

                unit operations  "IT Operations" at hq, dc1
                unit procurement "Procurement"   at hq
                unit team-a      "Team A"        at hq

                unit one "One" at hq
                unit two-two "Two" at hq

                process p "P" {
                  owner ops
                  performed-by ops, dev
                  covers 9001:8.4
                }

                system ISMS "I" standard iso27001@2022 {
                  controls {
                    applicable 27001:A.5.19 .. 27001:A.5.23 because "Suppliers"
                    excluded   27001:A.7.5 because "No hazards"
                  }
                  scope { sites dc1 }    // location-based
                  description "x"        // aligned with the comment above
                  standard iso27001@2022 // joins the run of trailing comments
                }

                site office     "Delft office"
                site datacentre "Delft data centre suite" {
                  description "A declaration's first line aligns with its neighbours"
                }

                system QMS "Q" standard iso9001@2015 {
                  controls {
                    applicable     27001:A.5.1
                    excluded       27001:A.8.4,
                                   27001:A.8.25
                                   because "Continuation lines move with their first line"
                    not-applicable 9001:8.3
                  }
                }
            "#]],
        );
    }

    #[test]
    fn strings_are_kept_byte_for_byte() {
        check(
            "site  hq   \"Zürich  \\\"HQ\\\"\\t\\n  \"  {  address   \"Bahnhofstrasse 1;  8001 Zürich\"  }\n",
            expect![[r#"
                site hq "Zürich  \"HQ\"\t\n  " { address "Bahnhofstrasse 1;  8001 Zürich" }
            "#]],
        );
    }

    #[test]
    fn line_endings_and_byte_order_mark_are_kept() {
        let crlf = "site a \"A\" {\r\n\taddress \"x\" // c  \r\n}\r\n/* two\r\n   lines */\r\nsite b \"B\"";
        let output = format(&ims_syntax::parse(crlf), crlf).unwrap();
        assert_eq!(
            output,
            "site a \"A\" {\r\n  address \"x\" // c\r\n}\r\n/* two\r\n   lines */\r\nsite b \"B\"\r\n"
        );
        assert_invariants(crlf, &output);
        let bom = "\u{feff}site  a \"A\"\n";
        let output = format(&ims_syntax::parse(bom), bom).unwrap();
        assert_eq!(output, "\u{feff}site a \"A\"\n");
        assert_invariants(bom, &output);
    }
}
