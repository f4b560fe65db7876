//! Reads and writes tree-sitter corpus files (`test/corpus/*.txt`).
//!
//! The format and the comparison follow `tree-sitter test` (CLI 0.27): a
//! header of `=` lines around the case name and its attribute lines
//! (`:error`, `:skip`), the input, the longest line of `-` as divider, and
//! the expected S-expression. Expected trees are compared after dropping
//! `;` comment lines and collapsing whitespace; field names are compared
//! only when the expected tree has some. Custom delimiter suffixes, `:cst`,
//! `:platform`, `:language` and `:fail-fast` are not used by this corpus and
//! are rejected rather than misread.

use std::fs;
use std::path::{Path, PathBuf};

/// The corpus directory, relative to the crate rather than the working
/// directory, so the tests run the same from the workspace root and from
/// `grammar/`.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test").join("corpus")
}

/// One corpus file: its path and its cases in order.
#[derive(Debug)]
pub struct CorpusFile {
    pub path: PathBuf,
    /// The text the cases were read from.
    pub text: String,
    pub cases: Vec<Case>,
}

impl CorpusFile {
    /// The file name without `.txt`, e.g. `recovery`.
    pub fn stem(&self) -> &str {
        self.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default()
    }
}

/// One `=== name === input --- expected` case.
#[derive(Debug)]
pub struct Case {
    pub name: String,
    /// The attribute lines as written (`:error`), for writing them back.
    pub attribute_lines: Vec<String>,
    /// `:error`: the tree must contain an error; the expected tree is not compared.
    pub expects_error: bool,
    /// `:skip`: the case is not run.
    pub skip: bool,
    pub header_len: usize,
    pub divider_len: usize,
    pub input: String,
    /// The expected tree as written in the file.
    pub expected: String,
}

impl Case {
    /// The expected tree normalised like `tree-sitter test` does.
    pub fn normalized_expected(&self) -> String {
        normalize_sexp(&self.expected)
    }

    /// Whether the expected tree names fields, so that the actual tree is
    /// compared with its field names.
    pub fn has_fields(&self) -> bool {
        self.normalized_expected().contains(": (")
    }
}

/// Every `*.txt` file of the corpus directory, sorted by name.
pub fn read_corpus() -> Vec<CorpusFile> {
    let dir = corpus_dir();
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus directory {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("corpus directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            let cases = parse_corpus_file(&text)
                .unwrap_or_else(|e| panic!("{}: malformed corpus file: {e}", path.display()));
            CorpusFile { path, text, cases }
        })
        .collect()
}

/// Splits a corpus file into its cases.
pub fn parse_corpus_file(text: &str) -> Result<Vec<Case>, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut headers = Vec::new();
    let mut line = 0;
    while line < lines.len() {
        match parse_header(&lines, line)? {
            Some(header) => {
                line = header.body_start;
                headers.push(header);
            }
            None => line += 1,
        }
    }
    let mut cases = Vec::new();
    for (i, header) in headers.iter().enumerate() {
        let body_end = headers.get(i + 1).map_or(lines.len(), |next| next.start);
        cases.push(build_case(header, &lines[header.body_start..body_end])?);
    }
    Ok(cases)
}

struct Header {
    start: usize,
    body_start: usize,
    len: usize,
    name: String,
    attribute_lines: Vec<String>,
}

/// Repeated `c` with nothing after it but the line end: the delimiter length.
fn delimiter_len(line: &str, c: char) -> Option<usize> {
    let line = line.trim_end_matches(['\r', '\n']);
    let len = line.len() - line.trim_start_matches(c).len();
    (len >= 3 && len == line.len()).then_some(len)
}

fn parse_header(lines: &[&str], start: usize) -> Result<Option<Header>, String> {
    let Some(len) = delimiter_len(lines[start], '=') else {
        if lines[start].starts_with("===") {
            return Err(format!("line {}: delimiter suffixes are not supported", start + 1));
        }
        return Ok(None);
    };
    let mut name = Vec::new();
    let mut attribute_lines = Vec::new();
    let mut line = start + 1;
    while line < lines.len() && delimiter_len(lines[line], '=').is_none() {
        let trimmed = lines[line].trim();
        if trimmed.starts_with(':') {
            attribute_lines.push(trimmed.to_string());
        } else if trimmed.is_empty() || !attribute_lines.is_empty() {
            // `tree-sitter test` does not take this for a header either.
            return Ok(None);
        } else {
            name.push(lines[line].trim_end());
        }
        line += 1;
    }
    if line == lines.len() || name.is_empty() {
        return Ok(None);
    }
    Ok(Some(Header { start, body_start: line + 1, len, name: name.join("\n"), attribute_lines }))
}

fn build_case(header: &Header, body: &[&str]) -> Result<Case, String> {
    let mut expects_error = false;
    let mut skip = false;
    for attribute in &header.attribute_lines {
        match attribute.as_str() {
            ":error" => expects_error = true,
            ":skip" => skip = true,
            other => return Err(format!("{}: unsupported attribute `{other}`", header.name)),
        }
    }
    // The longest dash line divides input from output; on a tie the later
    // one, as an earlier one of the same length belongs to the input.
    let (divider, divider_len) = body
        .iter()
        .enumerate()
        .filter_map(|(i, line)| delimiter_len(line, '-').map(|len| (i, len)))
        .fold(None, |best: Option<(usize, usize)>, (i, len)| match best {
            Some((_, best_len)) if best_len > len => best,
            _ => Some((i, len)),
        })
        .ok_or_else(|| format!("{}: no `---` line between input and expected tree", header.name))?;
    let mut input: String = body[..divider].concat();
    if input.ends_with('\n') {
        input.pop();
    }
    if input.ends_with('\r') {
        input.pop();
    }
    Ok(Case {
        name: header.name.clone(),
        attribute_lines: header.attribute_lines.clone(),
        expects_error,
        skip,
        header_len: header.len,
        divider_len,
        input,
        expected: body[divider + 1..].concat(),
    })
}

/// Drops `;` comment lines, collapses whitespace and removes the space
/// before `)`, as `tree-sitter test` does with expected trees.
pub fn normalize_sexp(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.lines().filter(|line| !line.trim_start().starts_with(';')) {
        for c in line.chars() {
            if c.is_whitespace() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                if c == ')' && out.ends_with(' ') {
                    out.pop();
                }
                out.push(c);
            }
        }
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Replaces ` field: (` with ` (` in a `to_sexp()` string.
pub fn strip_fields(sexp: &str) -> String {
    let mut out = String::with_capacity(sexp.len());
    let mut rest = sexp;
    while let Some(colon) = rest.find(": (") {
        let word_start = rest[..colon].rfind(' ').map_or(0, |space| space + 1);
        let word = &rest[word_start..colon];
        if word_start > 0
            && !word.is_empty()
            && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            out.push_str(&rest[..word_start]);
            out.push('(');
        } else {
            out.push_str(&rest[..colon + 3]);
        }
        rest = &rest[colon + 3..];
    }
    out.push_str(rest);
    out
}

/// Writes cases back in the layout `tree-sitter test --update` uses.
pub fn render_corpus_file(cases: &[(&Case, String)]) -> String {
    let mut out = String::new();
    for (i, (case, expected)) in cases.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let header = "=".repeat(case.header_len);
        out.push_str(&header);
        out.push('\n');
        out.push_str(&case.name);
        out.push('\n');
        for attribute in &case.attribute_lines {
            out.push_str(attribute);
            out.push('\n');
        }
        out.push_str(&header);
        out.push('\n');
        out.push_str(&case.input);
        out.push('\n');
        out.push_str(&"-".repeat(case.divider_len));
        out.push_str("\n\n");
        out.push_str(expected.trim());
        out.push('\n');
    }
    out
}
