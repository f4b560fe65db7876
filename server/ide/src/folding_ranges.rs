//! Folding ranges: blocks (`{ }` of declarations, `scope` and `controls`)
//! that span several lines, block comments that span several lines, and
//! runs of two or more line comments on consecutive lines.

use ims_syntax::ast::Statement;
use ims_syntax::TextRange;

use ims_analysis::{FileId, Workspace};

use super::cursor::leaves;

/// What a folding range folds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldingKind {
    Block,
    Comment,
}

/// A foldable range of text; the editor folds from its first to its last line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoldingRange {
    pub range: TextRange,
    pub kind: FoldingKind,
}

/// The folding ranges of `file`, sorted by start.
pub fn folding_ranges(ws: &Workspace, file: FileId) -> Vec<FoldingRange> {
    let source = ws.file(file);
    let text: &str = &source.text;
    let multi_line = |r: TextRange| text[r.start..r.end].contains('\n');
    let mut out = Vec::new();
    let push_block = |range: TextRange, out: &mut Vec<FoldingRange>| {
        if multi_line(range) {
            out.push(FoldingRange { range, kind: FoldingKind::Block });
        }
    };
    for decl in &source.syntax.ast().declarations {
        if let Some(body) = decl.body {
            push_block(body, &mut out);
        }
        for statement in decl.statements.iter().flat_map(Statement::walk) {
            if let Some(body) = statement.body {
                push_block(body, &mut out);
            }
        }
    }
    let mut run: Option<TextRange> = None;
    for leaf in leaves(source.syntax.tree()) {
        match leaf.kind {
            "block_comment" if multi_line(leaf.range) => {
                out.push(FoldingRange { range: leaf.range, kind: FoldingKind::Comment })
            }
            "line_comment" => {
                run = match run {
                    Some(r) if is_next_line(text, r.end, leaf.range.start) => {
                        Some(r.cover(leaf.range))
                    }
                    Some(r) => {
                        push_comment_run(r, text, &mut out);
                        Some(leaf.range)
                    }
                    None => Some(leaf.range),
                };
                continue;
            }
            _ => {}
        }
        if let Some(r) = run.take() {
            push_comment_run(r, text, &mut out);
        }
    }
    if let Some(r) = run {
        push_comment_run(r, text, &mut out);
    }
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out
}

/// Whether only whitespace with exactly one line break lies between.
fn is_next_line(text: &str, end: usize, start: usize) -> bool {
    let gap = &text[end..start];
    gap.trim().is_empty() && gap.matches('\n').count() == 1
}

fn push_comment_run(range: TextRange, text: &str, out: &mut Vec<FoldingRange>) {
    if text[range.start..range.end].contains('\n') {
        out.push(FoldingRange { range, kind: FoldingKind::Comment });
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};

    use super::super::fixture;
    use super::folding_ranges;

    #[track_caller]
    fn check(fixture: &str, expect: Expect) {
        let f = fixture::parse(fixture);
        let ranges = folding_ranges(&f.workspace, f.file());
        let text = &f.workspace.file(f.file()).text;
        let index = ims_syntax::LineIndex::new(text);
        let lines: Vec<String> = ranges
            .iter()
            .map(|r| {
                let start =
                    index.line_col(text, r.range.start, ims_syntax::ColumnUnit::Char).line + 1;
                let end = index.line_col(text, r.range.end, ims_syntax::ColumnUnit::Char).line + 1;
                format!("{:?} lines {start}-{end}", r.kind)
            })
            .collect();
        expect.assert_eq(&(lines.join("\n") + "\n"));
    }

    #[test]
    fn blocks_and_comments() {
        check(
            r#"
            // The sites.
            // Two of them.
            site hq "HQ" { address "Dam 1" }
            /* A long
               comment. */
            system ISMS standard iso27001@2022 {
              scope location {
                sites hq
              }
              // one line
              controls {
                applicable 27001:A.5.19
              }
            }
            // trailing
            "#,
            expect![[r#"
                Comment lines 1-2
                Comment lines 4-5
                Block lines 6-14
                Block lines 7-9
                Block lines 11-13
            "#]],
        );
    }

    #[test]
    fn a_blank_line_splits_a_comment_run() {
        check(
            r#"
            // a
            // b

            // c
            // d
            site hq "HQ"
            "#,
            expect![[r#"
                Comment lines 1-2
                Comment lines 4-5
            "#]],
        );
    }
}
