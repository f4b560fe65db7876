//! The context of a completion, read from the raw text before the cursor.
//!
//! A small lexer runs from the start of the declaration around the cursor
//! (the syntax tree knows where that is) to the cursor, tracking open
//! blocks, the declaration and the statement being written, and what the
//! text expects next. Declaration keywords are reserved and never appear
//! inside a block, so each one resets the state: a broken declaration
//! further up cannot mislead it.

use ims_syntax::ast::{DeclarationKind, StatementKind};
use ims_syntax::TextRange;

use ims_analysis::model::{allowed, allowed_in_block, expected_kind};

/// What the text before the cursor expects next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Expect {
    /// A declaration.
    TopLevel,
    /// The new name after a declaration keyword: nothing to propose.
    NewName,
    /// The title or an inline statement of a declaration.
    Inline,
    /// A statement in the innermost block.
    Statement,
    /// Names of a kind: `at`, `units`, `owner` ...
    Names { kind: DeclarationKind, listed: Vec<String>, after_item: bool, single: bool },
    /// The system after `via` in a `covers` list.
    Via { after_item: bool },
    /// Clause references after `covers`, `not-applicable` ...
    Clauses { statement: StatementKind, after_item: bool },
    /// Editions after `standards` or `standard`.
    Editions { listed: Vec<String>, after_item: bool },
    /// After `scope`: a kind or the block.
    ScopeKind,
    /// After `controls` or `scope location`: the block.
    Block,
    /// A string: a title, a justification, a text attribute.
    Text,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Block {
    Declaration,
    Scope,
    Controls,
    Other,
}

/// The context of the cursor.
#[derive(Debug)]
pub(super) struct Context {
    pub expect: Expect,
    /// The declaration being written, if any.
    pub declaration: Option<DeclarationKind>,
    /// The innermost open block.
    pub block: Option<Block>,
    /// The word at the cursor, whole (it may go on after the cursor), or an
    /// empty range at the cursor.
    pub word: TextRange,
    /// Whether a line break separates the last token from the cursor.
    pub new_line: bool,
}

impl Context {
    /// Lexes `text[start..cursor]`. `None` when the cursor is in a string or
    /// a comment.
    pub(super) fn read(text: &str, start: usize, cursor: usize) -> Option<Context> {
        let mut lexer = Lexer { text, at: start };
        let mut state = State::default();
        let mut word = TextRange::empty(cursor);
        let mut last_end = start;
        while let Some((token, range)) = lexer.next() {
            if range.start >= cursor {
                break;
            }
            match token {
                // The word being typed: the context is what comes before it.
                Token::Word if range.end >= cursor => {
                    word = range;
                    break;
                }
                Token::String | Token::Comment if range.end > cursor => return None,
                Token::String | Token::Comment
                    if range.end == cursor && !lexer.closed(token, range) =>
                {
                    return None
                }
                _ => {}
            }
            state.feed(token, &text[range.start..range.end]);
            last_end = range.end;
        }
        let gap_end = word.start.min(cursor);
        let new_line = text[last_end.min(gap_end)..gap_end].contains('\n');
        Some(Context {
            expect: state.expect,
            declaration: state.declaration,
            block: state.blocks.last().copied(),
            word,
            new_line,
        })
    }

    /// The statement whose clause list the cursor is in, if any.
    pub(super) fn clause_statement(&self) -> Option<StatementKind> {
        match &self.expect {
            Expect::Clauses { statement, .. } => Some(*statement),
            _ => None,
        }
    }

    /// The statements that may start here.
    pub(super) fn statements(&self) -> &'static [StatementKind] {
        match (self.block, self.declaration) {
            (Some(Block::Scope), _) => allowed_in_block(StatementKind::Scope),
            (Some(Block::Controls), _) => allowed_in_block(StatementKind::Controls),
            (Some(Block::Other), _) => &[],
            (_, Some(kind)) => allowed(kind),
            (_, None) => &[],
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Word,
    String,
    Comment,
    Open,
    Close,
    Semicolon,
    Comma,
    Range,
    Other,
}

struct Lexer<'t> {
    text: &'t str,
    at: usize,
}

fn is_word_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'@' | b':' | b'.')
}

impl Lexer<'_> {
    fn next(&mut self) -> Option<(Token, TextRange)> {
        let bytes = self.text.as_bytes();
        while self.at < bytes.len() && bytes[self.at].is_ascii_whitespace() {
            self.at += 1;
        }
        let start = self.at;
        let &first = bytes.get(start)?;
        let rest = &self.text[start..];
        let (token, len) = if rest.starts_with("//") {
            (Token::Comment, rest.find('\n').unwrap_or(rest.len()))
        } else if let Some(body) = rest.strip_prefix("/*") {
            (Token::Comment, body.find("*/").map_or(rest.len(), |i| i + 4))
        } else if first == b'"' {
            (Token::String, string_len(rest))
        } else if rest.starts_with("..") {
            (Token::Range, 2)
        } else if first.is_ascii_alphanumeric() || first == b'_' {
            (Token::Word, rest.bytes().position(|c| !is_word_char(c)).unwrap_or(rest.len()))
        } else {
            let token = match first {
                b'{' => Token::Open,
                b'}' => Token::Close,
                b';' => Token::Semicolon,
                b',' => Token::Comma,
                _ => Token::Other,
            };
            (token, rest.chars().next().map_or(1, char::len_utf8))
        };
        self.at = start + len;
        Some((token, TextRange::new(start, start + len)))
    }

    /// Whether a string or block comment is closed (a line comment never is
    /// before the end of its line).
    fn closed(&self, token: Token, range: TextRange) -> bool {
        let s = &self.text[range.start..range.end];
        match token {
            Token::String => s.len() >= 2 && s.ends_with('"') && !s.ends_with("\\\""),
            Token::Comment => s.starts_with("/*") && s.len() >= 4 && s.ends_with("*/"),
            _ => true,
        }
    }
}

/// The length of a string literal at the start of `s`: to the closing quote,
/// or to the end of the line when it is not closed.
fn string_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The lexer's reading of the text so far.
#[derive(Debug)]
struct State {
    expect: Expect,
    declaration: Option<DeclarationKind>,
    blocks: Vec<Block>,
    statement: Option<StatementKind>,
}

impl Default for State {
    fn default() -> Self {
        State { expect: Expect::TopLevel, declaration: None, blocks: Vec::new(), statement: None }
    }
}

impl State {
    /// Where a statement that just ended leaves us.
    fn statement_level(&self) -> Expect {
        match (self.blocks.is_empty(), self.declaration) {
            (_, None) => Expect::TopLevel,
            (true, Some(_)) => Expect::Inline,
            (false, Some(_)) => Expect::Statement,
        }
    }

    fn feed(&mut self, token: Token, text: &str) {
        match token {
            Token::Word => self.word(text),
            Token::String => {
                if matches!(self.expect, Expect::Text | Expect::Inline) {
                    self.expect = self.statement_level();
                }
            }
            Token::Comma if matches!(self.expect, Expect::Via { after_item: true }) => {
                self.expect =
                    Expect::Clauses { statement: StatementKind::Covers, after_item: false };
            }
            Token::Comma | Token::Range => match &mut self.expect {
                Expect::Names { after_item, single: false, .. }
                | Expect::Clauses { after_item, .. }
                | Expect::Editions { after_item, .. } => *after_item = false,
                _ => {}
            },
            Token::Semicolon => {
                self.statement = None;
                self.expect = self.statement_level();
            }
            Token::Open => {
                let block = match (&self.expect, self.statement) {
                    (Expect::ScopeKind | Expect::Block, Some(StatementKind::Scope)) => Block::Scope,
                    (Expect::ScopeKind | Expect::Block, Some(StatementKind::Controls)) => {
                        Block::Controls
                    }
                    _ if self.blocks.is_empty() && self.declaration.is_some() => Block::Declaration,
                    _ => Block::Other,
                };
                self.blocks.push(block);
                self.statement = None;
                self.expect = Expect::Statement;
            }
            Token::Close => {
                self.blocks.pop();
                self.statement = None;
                if self.blocks.is_empty() {
                    self.declaration = None;
                }
                self.expect = self.statement_level();
            }
            Token::Comment | Token::Other => {}
        }
    }

    fn word(&mut self, word: &str) {
        if let Some(kind) = DeclarationKind::ALL.into_iter().find(|k| k.keyword() == word) {
            self.blocks.clear();
            self.declaration = Some(kind);
            self.statement = None;
            self.expect =
                if kind == DeclarationKind::Ims { Expect::Inline } else { Expect::NewName };
            return;
        }
        match &mut self.expect {
            Expect::NewName => {
                self.expect = Expect::Inline;
                return;
            }
            Expect::Names { listed, after_item: after_item @ false, .. }
            | Expect::Editions { listed, after_item: after_item @ false } => {
                listed.push(word.to_string());
                *after_item = true;
                return;
            }
            Expect::Clauses { after_item: after_item @ false, .. } => {
                *after_item = true;
                return;
            }
            Expect::Clauses { statement: StatementKind::Covers, after_item: true }
                if word == "via" =>
            {
                self.expect = Expect::Via { after_item: false };
                return;
            }
            Expect::Via { after_item: after_item @ false } => {
                *after_item = true;
                return;
            }
            Expect::ScopeKind if matches!(word, "organisation" | "organization" | "location") => {
                self.expect = Expect::Block;
                return;
            }
            _ => {}
        }
        if word == "because" {
            self.expect = Expect::Text;
            return;
        }
        let Some(statement) = StatementKind::from_keyword(word) else {
            self.expect = self.statement_level();
            return;
        };
        self.statement = Some(statement);
        self.expect = match statement {
            StatementKind::Standards | StatementKind::Standard => {
                Expect::Editions { listed: Vec::new(), after_item: false }
            }
            StatementKind::Scope => Expect::ScopeKind,
            StatementKind::Controls => Expect::Block,
            StatementKind::External | StatementKind::Internal => self.statement_level(),
            StatementKind::Covers
            | StatementKind::NotApplicable
            | StatementKind::Applicable
            | StatementKind::Excluded
            | StatementKind::Evidence => Expect::Clauses { statement, after_item: false },
            StatementKind::Description
            | StatementKind::Provides
            | StatementKind::Requirements
            | StatementKind::Target
            | StatementKind::Measure
            | StatementKind::Address
            | StatementKind::Approver
            | StatementKind::Version => Expect::Text,
            _ => match expected_kind(statement) {
                Some(kind) => Expect::Names {
                    kind,
                    listed: Vec::new(),
                    after_item: false,
                    single: statement == StatementKind::Owner,
                },
                None => self.statement_level(),
            },
        };
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect as Snapshot};

    use super::Context;

    /// Shows what the text before `$0` expects, in which declaration and
    /// block, and the word at the cursor.
    #[track_caller]
    fn check(text: &str, snapshot: Snapshot) {
        let cursor = text.find("$0").expect("a $0 marker");
        let text = text.replace("$0", "");
        let actual = match Context::read(&text, 0, cursor) {
            Some(c) => format!(
                "{:?} in {:?} / {:?}, word {:?}{}\n",
                c.expect,
                c.declaration,
                c.block,
                &text[c.word.start..c.word.end],
                if c.new_line { ", new line" } else { "" }
            ),
            None => "inside a string or comment\n".to_string(),
        };
        snapshot.assert_eq(&actual);
    }

    #[test]
    fn statements_and_lists() {
        check(
            "process p { covers 9001:8.4, 27$0",
            expect![[r#"
            Clauses { statement: Covers, after_item: false } in Some(Process) / Some(Declaration), word "27"
        "#]],
        );
        check(
            "process p { covers 9001:8.4 via ISMS, $0",
            expect![[r#"
            Clauses { statement: Covers, after_item: false } in Some(Process) / Some(Declaration), word ""
        "#]],
        );
        check(
            "process p { covers 9001:8.4 via $0",
            expect![[r#"
            Via { after_item: false } in Some(Process) / Some(Declaration), word ""
        "#]],
        );
        check(
            "process p { owner ops $0 }",
            expect![[r#"
            Names { kind: Unit, listed: ["ops"], after_item: true, single: true } in Some(Process) / Some(Declaration), word ""
        "#]],
        );
        check(
            "unit u \"U\" at hq, d$0c1",
            expect![[r#"
            Names { kind: Site, listed: ["hq"], after_item: false, single: false } in Some(Unit) / None, word "dc1"
        "#]],
        );
        check(
            "system S standard iso9001@2015 { scope location { units a; $0",
            expect![[r#"
            Statement in Some(System) / Some(Scope), word ""
        "#]],
        );
        check(
            "system S { scope $0",
            expect![[r#"
            ScopeKind in Some(System) / Some(Declaration), word ""
        "#]],
        );
        check(
            "ims \"T\" { standards iso9001@2015, $0",
            expect![[r#"
            Editions { listed: ["iso9001@2015"], after_item: false } in Some(Ims) / Some(Declaration), word ""
        "#]],
        );
    }

    #[test]
    fn blocks_close_and_declarations_reset() {
        check(
            "unit u \"U\" { at hq }\n$0",
            expect![[r#"
            TopLevel in None / None, word "", new line
        "#]],
        );
        check(
            "process p { covers 9001:\nsite hq $0",
            expect![[r#"
            Inline in Some(Site) / None, word ""
        "#]],
        );
        check(
            "system S { controls { applicable 27001:A.5.1 because \"x\" $0",
            expect![[r#"
            Statement in Some(System) / Some(Controls), word ""
        "#]],
        );
    }

    #[test]
    fn strings_and_comments() {
        check(
            "unit u \"U $0",
            expect![[r#"
            inside a string or comment
        "#]],
        );
        check(
            "unit u \"U\" $0// note",
            expect![[r#"
            Inline in Some(Unit) / None, word ""
        "#]],
        );
        check(
            "unit u // note $0",
            expect![[r#"
            inside a string or comment
        "#]],
        );
        check(
            "/* a\n $0 */",
            expect![[r#"
            inside a string or comment
        "#]],
        );
        check(
            "/* a */ $0",
            expect![[r#"
            TopLevel in None / None, word ""
        "#]],
        );
        check(
            "site hq \"a \\\" b\" $0",
            expect![[r#"
            Inline in Some(Site) / None, word ""
        "#]],
        );
    }
}
