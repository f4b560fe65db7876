//! Semantic tokens: what each token of a file means, for highlighting that
//! knows more than the TextMate grammar: whether a name is a definition or
//! a use, of which kind, or undefined; whether a clause exists in its
//! standard. Keywords, strings and comments are included, so an editor
//! without a grammar still gets colour.
//!
//! Tokens come from the leaves of the concrete syntax tree in document
//! order, so they are sorted and never overlap; block comments are split so
//! that every token lies on one line.

use std::collections::HashMap;

use ims_syntax::ast::DeclarationKind;
use ims_syntax::TextRange;

use ims_analysis::{Analysis, FileId, Workspace};

use super::cursor::{clause_refs, leaves, split_lines};
use ims_syntax::is_keyword;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Keyword,
    /// The name in a declaration.
    Definition(DeclarationKind),
    /// A name that resolves to a declaration of this kind.
    Reference(DeclarationKind),
    UnresolvedName,
    /// The standard of a clause reference, or an edition (`iso9001@2015`).
    Standard,
    /// A clause number that exists in its standard.
    Clause,
    /// A clause number that does not, or of an unknown standard.
    UnknownClause,
    String,
    Comment,
}

/// One token on one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: TokenKind,
}

/// The tokens of `file`, sorted, non-overlapping, each on one line.
///
/// `tree` is the file's concrete tree (comments and keywords are not in the
/// AST): the caller's, as the analysis keeps none.
pub fn semantic_tokens(
    ws: &Workspace,
    analysis: &Analysis,
    file: FileId,
    tree: &ims_syntax::Tree,
) -> Vec<SemanticToken> {
    let model = &analysis.model;
    let source = ws.file(file);
    let text: &str = &source.text;
    let definitions: HashMap<usize, DeclarationKind> = model
        .entities
        .iter()
        .filter(|e| e.file == file)
        .map(|e| (e.name_range.start, e.kind))
        .collect();
    let uses: HashMap<usize, Option<DeclarationKind>> = model
        .name_uses
        .iter()
        .filter(|u| u.location.file == file)
        .map(|u| (u.location.range.start, u.target.map(|t| model.entity(t).kind)))
        .collect();
    // A clause reference ends where its number ends.
    let clauses: HashMap<usize, bool> = clause_refs(ws, model, Some(file))
        .into_iter()
        .map(|(_, at)| (at.range.end, at.key.is_some()))
        .collect();
    let mut tokens = Vec::new();
    for leaf in leaves(tree) {
        let kind = match leaf.kind {
            "line_comment" | "block_comment" => TokenKind::Comment,
            "string" => TokenKind::String,
            "standard_id" => TokenKind::Standard,
            "clause_number" => match clauses.get(&leaf.range.end) {
                Some(false) => TokenKind::UnknownClause,
                _ => TokenKind::Clause,
            },
            "identifier" => {
                if let Some(&kind) = definitions.get(&leaf.range.start) {
                    TokenKind::Definition(kind)
                } else {
                    match uses.get(&leaf.range.start) {
                        Some(Some(kind)) => TokenKind::Reference(*kind),
                        Some(None) => TokenKind::UnresolvedName,
                        None => continue,
                    }
                }
            }
            keyword if !leaf.named && is_keyword(keyword) => TokenKind::Keyword,
            _ => continue,
        };
        for range in split_lines(text, leaf.range) {
            tokens.push(SemanticToken { range, kind });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::semantic_tokens;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let tree = ims_syntax::parse(&f.workspace.file(f.file()).text);
        let tokens = semantic_tokens(&f.workspace, &f.analysis, f.file(), tree.tree());
        for pair in tokens.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "sorted and disjoint: {pair:?}");
        }
        let lines: Vec<String> =
            tokens.iter().map(|t| format!("{:?} {}", t.kind, f.show_range(t.range))).collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    #[test]
    fn names_clauses_keywords_strings_and_comments() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            /* two
               lines */
            site hq "HQ" // the office
            unit ops "Ops" at hq, nowhere
            system QMS standard iso9001@2015 {
              scope organisation { units ops }
              not-applicable 9001:8.3 because "No design"
            }
            process p { owner hq; covers 9001:8.4, 9001:8.99 via QMS }
            "#,
            expect![[r#"
                Keyword 1:1-1:4 "ims"
                String 1:5-1:8 "\"T\""
                Keyword 1:11-1:20 "standards"
                Standard 1:21-1:33 "iso9001@2015"
                Comment 2:1-2:7 "/* two"
                Comment 3:1-3:12 "   lines */"
                Keyword 4:1-4:5 "site"
                Definition(Site) 4:6-4:8 "hq"
                String 4:9-4:13 "\"HQ\""
                Comment 4:14-4:27 "// the office"
                Keyword 5:1-5:5 "unit"
                Definition(Unit) 5:6-5:9 "ops"
                String 5:10-5:15 "\"Ops\""
                Keyword 5:16-5:18 "at"
                Reference(Site) 5:19-5:21 "hq"
                UnresolvedName 5:23-5:30 "nowhere"
                Keyword 6:1-6:7 "system"
                Definition(System) 6:8-6:11 "QMS"
                Keyword 6:12-6:20 "standard"
                Standard 6:21-6:33 "iso9001@2015"
                Keyword 7:3-7:8 "scope"
                Keyword 7:9-7:21 "organisation"
                Keyword 7:24-7:29 "units"
                Reference(Unit) 7:30-7:33 "ops"
                Keyword 8:3-8:17 "not-applicable"
                Standard 8:18-8:22 "9001"
                Clause 8:23-8:26 "8.3"
                Keyword 8:27-8:34 "because"
                String 8:35-8:46 "\"No design\""
                Keyword 10:1-10:8 "process"
                Definition(Process) 10:9-10:10 "p"
                Keyword 10:13-10:18 "owner"
                Reference(Site) 10:19-10:21 "hq"
                Keyword 10:23-10:29 "covers"
                Standard 10:30-10:34 "9001"
                Clause 10:35-10:38 "8.4"
                Standard 10:40-10:44 "9001"
                UnknownClause 10:45-10:49 "8.99"
                Keyword 10:50-10:53 "via"
                Reference(System) 10:54-10:57 "QMS"
            "#]],
        );
    }

    #[test]
    fn broken_text_still_gets_tokens() {
        check(
            r#"
            ims "T" { standards iso9001@2015 }
            process p { covers 9001:8.
            unit ops "Ops
            "#,
            expect![[r#"
                Keyword 1:1-1:4 "ims"
                String 1:5-1:8 "\"T\""
                Keyword 1:11-1:20 "standards"
                Standard 1:21-1:33 "iso9001@2015"
                Keyword 2:1-2:8 "process"
                Definition(Process) 2:9-2:10 "p"
                Keyword 2:13-2:19 "covers"
                Standard 2:20-2:24 "9001"
                Clause 2:25-2:26 "8"
                Keyword 3:1-3:5 "unit"
                Definition(Unit) 3:6-3:9 "ops"
                String 3:10-3:14 "\"Ops"
            "#]],
        );
    }
}
