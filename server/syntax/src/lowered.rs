//! Parsing for consumers that need only the syntax errors and the AST, such
//! as `ims check`: the tree-sitter tree is dropped after lowering, and a large
//! text is parsed in parts on several threads.
//!
//! A part ends where a top-level declaration starts a line (found by a cheap
//! scan that follows braces, strings and comments) and is parsed with
//! [`tree_sitter::Parser::set_included_ranges`], so that byte offsets stay
//! those of the whole text. When every part parses without a syntax error,
//! the declarations of the parts, in order, are those of the whole text:
//! each part is a sequence of whole declarations, and a declaration keyword
//! can only start a new declaration, never continue the one before it (no
//! statement begins with one). Otherwise, or when the scan is unsure, the
//! whole text is parsed at once, so that the syntax errors and the recovery
//! are exactly those of [`crate::parse`].

use std::num::NonZeroUsize;

use std::sync::Arc;

use tree_sitter::{Point, Range};

use crate::{ast, errors, lower, Lowered, PARSER};

/// Texts shorter than this are parsed on the calling thread: a thread costs
/// more than parsing a few hundred kilobytes saves when, as in `ims check`,
/// the other cores parse other files.
const MIN_PART_LEN: usize = 512 * 1024;

/// The same for [`crate::parse_deferred`]: the language server opens one
/// document at a time, and the cores it does not use are idle. About 2 ms
/// of parsing; a thread costs some 50 microseconds.
pub(crate) const DEFERRED_MIN_PART_LEN: usize = 32 * 1024;

/// Parses `text` into its syntax errors and lowered AST, exactly as
/// [`crate::parse`] does, without keeping the tree-sitter tree:
/// only the [`Lowered`] half of a [`crate::SyntaxTree`] is kept. A large
/// text is parsed in parts on all cores.
pub fn parse_lowered(text: &str) -> Lowered {
    match parse_in_parts(text, MIN_PART_LEN) {
        Some(ast) => Lowered::built(Vec::new(), ast),
        None => Arc::unwrap_or_clone(Arc::clone(crate::parse(text).lowered())),
    }
}

/// The AST of `text` parsed in parts of at least `min_part_len` bytes, one
/// per core, or `None` when it has a syntax error or is one part.
pub(crate) fn parse_in_parts(text: &str, min_part_len: usize) -> Option<ast::SourceFile> {
    let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let parts = cores.min(text.len() / min_part_len).max(1);
    parse_parts(text, &part_bounds(text, parts))
}

/// The declarations of the parts `bounds[i]..bounds[i + 1]`, each parsed on
/// a thread of its own (the first on the calling thread), or `None` when a
/// part has a syntax error or there is only one part.
fn parse_parts(text: &str, bounds: &[usize]) -> Option<ast::SourceFile> {
    let parts: Vec<std::ops::Range<usize>> = bounds.windows(2).map(|w| w[0]..w[1]).collect();
    if parts.len() < 2 {
        return None;
    }
    let lowered: Vec<Option<ast::SourceFile>> = std::thread::scope(|scope| {
        let others: Vec<_> =
            parts[1..].iter().map(|part| scope.spawn(|| parse_part(text, part.clone()))).collect();
        let first = parse_part(text, parts[0].clone());
        // A panic in a part is a bug in tree-sitter or the lowering; the
        // whole parse below meets it again and reports it as usual.
        std::iter::once(first).chain(others.into_iter().map(|h| h.join().ok().flatten())).collect()
    });
    let mut lowered = lowered.into_iter();
    let mut file = lowered.next()??;
    for part in lowered {
        file.declarations.extend(part?.declarations);
    }
    Some(file)
}

/// The AST of `text[part]`, parsed as the only text there is, or `None` if
/// it has a syntax error.
fn parse_part(text: &str, part: std::ops::Range<usize>) -> Option<ast::SourceFile> {
    let declarations = parse_declarations(text, part)?;
    Some(ast::SourceFile { declarations })
}

/// The declarations of `text[part]`, parsed and lowered as the only text
/// there is, or `None` if it has a syntax error (also one that only the
/// lowering finds: an incomplete declaration, nesting too deep). Offsets are
/// those of `text`; rows and columns of the tree, which the lowering does not
/// read, count from the part's start.
pub(crate) fn parse_declarations(
    text: &str,
    part: std::ops::Range<usize>,
) -> Option<Vec<Arc<ast::Declaration>>> {
    let range = Range {
        start_byte: part.start,
        end_byte: part.end,
        start_point: Point { row: 0, column: 0 },
        end_point: point_at(text.get(part.clone())?, part.len()),
    };
    let tree = PARSER.with(|parser| {
        let mut parser = parser.borrow_mut();
        parser.set_included_ranges(&[range]).ok()?;
        let tree = parser.parse(text, None);
        // The thread's parser is shared with `parse`, which reads the whole text.
        parser.set_included_ranges(&[]).ok()?;
        tree
    })?;
    if tree.root_node().has_error() {
        return None;
    }
    let (ast, too_deep) = lower::lower(&tree, text);
    if !too_deep.is_empty() || !errors::incomplete(ast.declarations.iter().map(|d| &**d)).is_empty()
    {
        return None;
    }
    Some(ast.declarations)
}

/// The row and byte column of `offset`, as tree-sitter counts them.
fn point_at(text: &str, offset: usize) -> Point {
    let before = &text.as_bytes()[..offset];
    let row = before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    Point { row, column: offset - line_start }
}

/// `0`, then up to `parts - 1` offsets where a top-level declaration starts
/// a line, near equal shares of the text, then `text.len()`. Fewer parts
/// when the scan finds no such line or is unsure (an unbalanced `}`, an
/// unterminated block comment).
fn part_bounds(text: &str, parts: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    if parts > 1 {
        let targets: Vec<usize> = (1..parts).map(|i| text.len() / parts * i).collect();
        bounds.extend(declaration_lines(text, &targets));
    }
    bounds.push(text.len());
    bounds
}

/// For each of the ascending `targets`, the first line at or after it that
/// starts with a declaration keyword outside any block, string or comment;
/// stops early when unsure.
fn declaration_lines(text: &str, targets: &[usize]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut line_start = true;
    let mut i = 0;
    while i < bytes.len() && found.len() < targets.len() {
        if line_start
            && depth == 0
            && i >= targets[found.len()]
            && i > 0
            && starts_with_declaration_keyword(&bytes[i..])
        {
            found.push(i);
        }
        line_start = false;
        match bytes[i] {
            b'\n' => line_start = true,
            b'{' => depth += 1,
            b'}' => match depth.checked_sub(1) {
                Some(outer) => depth = outer,
                None => break,
            },
            // Strings end at the line's end; an escape never hides the newline.
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' && bytes.get(i + 1) != Some(&b'\n') { 2 } else { 1 };
                }
                if bytes.get(i) == Some(&b'\n') {
                    continue;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                match bytes[i..].iter().position(|&b| b == b'\n') {
                    Some(end) => i += end,
                    None => break,
                }
                continue;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => match text[i + 2..].find("*/") {
                Some(end) => i += 2 + end + 1,
                None => break,
            },
            _ => {}
        }
        i += 1;
    }
    found
}

/// Whether `rest` starts with a declaration keyword as a whole word.
fn starts_with_declaration_keyword(rest: &[u8]) -> bool {
    ast::DeclarationKind::ALL.iter().any(|kind| {
        let keyword = kind.keyword().as_bytes();
        rest.starts_with(keyword)
            && !rest
                .get(keyword.len())
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text that the tests below split: the examples, the grammar's
    /// corpus inputs, and generated workspaces of several sizes and shapes.
    fn inputs() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut inputs = Vec::new();
        let mut dirs = vec![root.join("examples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "ims") {
                    inputs.push((
                        path.display().to_string(),
                        std::fs::read_to_string(&path).unwrap(),
                    ));
                }
            }
        }
        for entry in std::fs::read_dir(root.join("grammar/test/corpus")).unwrap() {
            let path = entry.unwrap().path();
            let corpus = std::fs::read_to_string(&path).unwrap();
            for (i, case) in corpus_inputs(&corpus).into_iter().enumerate() {
                inputs.push((format!("{}#{i}", path.display()), case));
            }
        }
        for (lines, files, seed) in [(1_000, 1, 1), (3_000, 4, 2), (6_000, 1, 3)] {
            let options = imsgen::Options { lines, files, seed };
            for file in imsgen::generate(&options) {
                inputs.push((format!("imsgen {lines} {files} {}", file.path.display()), file.text));
            }
        }
        inputs
    }

    /// The inputs of a tree-sitter corpus file: the text between each
    /// `===` title block and its `---` line.
    fn corpus_inputs(corpus: &str) -> Vec<String> {
        let mut inputs = Vec::new();
        let mut lines = corpus.lines().peekable();
        while let Some(line) = lines.next() {
            if !line.starts_with("===") {
                continue;
            }
            // The title, then the closing `===` line.
            lines.next();
            lines.next();
            let mut input = String::new();
            for line in lines.by_ref() {
                if line.starts_with("---") {
                    break;
                }
                input.push_str(line);
                input.push('\n');
            }
            inputs.push(input);
        }
        inputs
    }

    /// Lines that start with a declaration keyword, wherever they are
    /// (splitting inside a block or a comment must fall back, not mislead):
    /// all of them in a small text, about 20 spread over a large one.
    fn keyword_lines(text: &str) -> Vec<usize> {
        let mut starts: Vec<usize> = text.match_indices('\n').map(|(i, _)| i + 1).collect();
        starts
            .retain(|&i| i < text.len() && starts_with_declaration_keyword(&text.as_bytes()[i..]));
        let step = if text.len() < 40_000 { 1 } else { (starts.len() / 20).max(1) };
        starts.into_iter().step_by(step).collect()
    }

    #[test]
    fn every_split_gives_the_whole_parse() {
        let mut split = 0;
        for (name, text) in inputs() {
            let whole = crate::parse(&text);
            // Each line the scan offers, each keyword line, and sets of them.
            let scanned =
                declaration_lines(&text, &(0..text.len()).step_by(64).collect::<Vec<_>>());
            let mut candidates: Vec<Vec<usize>> =
                keyword_lines(&text).into_iter().map(|i| vec![i]).collect();
            candidates.push(scanned.clone());
            if text.len() < 40_000 {
                candidates.extend(scanned.chunks(3).map(<[usize]>::to_vec));
            }
            for at in candidates {
                let bounds: Vec<usize> =
                    std::iter::once(0).chain(at.iter().copied()).chain([text.len()]).collect();
                if let Some(ast) = parse_parts(&text, &bounds) {
                    assert!(whole.errors().is_empty(), "{name} split at {at:?}");
                    let first_difference = ast
                        .declarations
                        .iter()
                        .zip(&whole.ast().declarations)
                        .find(|(a, b)| a != b)
                        .map(|(a, b)| format!("{a:?}\n!=\n{b:?}"));
                    assert_eq!(
                        ast.declarations.len(),
                        whole.ast().declarations.len(),
                        "{name} split at {at:?}: {first_difference:?}"
                    );
                    assert!(
                        first_difference.is_none(),
                        "{name} split at {at:?}: {first_difference:?}"
                    );
                    split += 1;
                }
            }
            let lowered = parse_lowered(&text);
            assert_eq!(lowered.errors(), whole.errors(), "{name}");
            assert_eq!(lowered.ast(), whole.ast(), "{name}");
        }
        assert!(split > 200, "only {split} splits were tried");
    }

    #[test]
    fn the_scan_skips_blocks_strings_and_comments() {
        let text = "site a \"x {\"\nunit b \"B\" { at a }\n// site z {\nunit c \"}\" /* {\nsite d */\nsite e \"E\"\n";
        let keyword_lines: Vec<&str> =
            declaration_lines(text, &[0, 1, 2]).iter().map(|&i| &text[i..i + 6]).collect();
        assert_eq!(keyword_lines, ["unit b", "unit c", "site e"]);
    }

    #[test]
    fn the_scan_stops_at_an_unbalanced_brace_or_an_open_comment() {
        assert_eq!(declaration_lines("site a }\nsite b\n", &[1]), Vec::<usize>::new());
        assert_eq!(declaration_lines("site a /*\nsite b\n", &[1]), Vec::<usize>::new());
        assert_eq!(declaration_lines("site a\nsites b\nsite-x\nunit c\n", &[1]), vec![22]);
    }

    #[test]
    fn a_part_with_a_syntax_error_falls_back_to_the_whole_parse() {
        let text = "site a \"A\"\nunit b \"B\" at a,\nsite c \"C\"\n";
        let whole = crate::parse(text);
        assert_eq!(parse_parts(text, &[0, 11, text.len()]), None);
        let lowered = parse_lowered(text);
        assert_eq!((lowered.errors(), lowered.ast()), (whole.errors(), whole.ast()));
    }
}
