//! Inline suppression: `// ims-allow(scope-gap): Team A is outside the ISMS on purpose`.
//!
//! A comment on a line of its own applies to the next line that is neither
//! blank nor a comment; a comment after code applies to its own line. A
//! diagnostic is on the line where its range starts. Several codes may be
//! listed, separated by commas. A reason after the colon is required
//! (`suppression-without-reason`); a comment that suppresses nothing, or
//! names an unknown code, is reported as `unused-suppression`.

use crate::{Code, Diagnostic, FileId, FileRange, Fix, TextEdit, Workspace};

struct Allow {
    file: FileId,
    comment: FileRange,
    /// What removing the comment deletes: the whole line for a comment on a
    /// line of its own, else the comment and the spaces before it.
    removal: FileRange,
    /// The line the comment applies to (zero-based).
    line: usize,
    codes: Vec<Code>,
    used: bool,
}

pub(crate) fn apply(workspace: &Workspace, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut allows = Vec::new();
    let mut extra = Vec::new();
    for file in workspace.file_ids() {
        collect(workspace, file, &mut allows, &mut extra);
    }
    if allows.is_empty() && extra.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let file = diagnostic.location.file;
        let text = &workspace.file(file).text;
        let line = line_of(text, diagnostic.location.range.start);
        let allow = allows.iter_mut().find(|a: &&mut Allow| {
            a.file == file && a.line == line && a.codes.contains(&diagnostic.code)
        });
        match allow {
            Some(allow) => allow.used = true,
            None => kept.push(diagnostic),
        }
    }
    for allow in allows.into_iter().filter(|a| !a.used && !a.codes.is_empty()) {
        let codes: Vec<String> = allow.codes.iter().map(|c| format!("`{c}`")).collect();
        kept.push(
            Diagnostic::new(
                Code::UnusedSuppression,
                allow.comment,
                format!(
                    "this `ims-allow` suppresses nothing: no {} is reported on line {}",
                    codes.join(" or "),
                    allow.line + 1
                ),
            )
            .with_fix(Fix {
                title: "Remove the `ims-allow` comment".to_string(),
                edits: vec![TextEdit { location: allow.removal, new_text: String::new() }],
            }),
        );
    }
    kept.extend(extra);
    kept
}

fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count()
}

fn collect(
    workspace: &Workspace,
    file: FileId,
    allows: &mut Vec<Allow>,
    extra: &mut Vec<Diagnostic>,
) {
    let text = &workspace.file(file).text;
    if !text.contains("ims-allow") {
        return;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut offset = 0;
    for (index, line) in lines.iter().enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        let Some(comment_at) = line.find("//") else { continue };
        let comment = &line[comment_at + 2..];
        let Some(allow_at) = comment.find("ims-allow") else { continue };
        if !comment[..allow_at].trim().is_empty() {
            continue;
        }
        let range = ims_syntax::TextRange::new(
            line_start + comment_at,
            line_start + line.trim_end_matches('\r').len(),
        );
        let location = FileRange { file, range };
        let rest = &comment[allow_at + "ims-allow".len()..];
        let Some(rest) = rest.trim_start().strip_prefix('(') else {
            extra.push(Diagnostic::new(
                Code::UnusedSuppression,
                location,
                "this `ims-allow` names no code: write `// ims-allow(code): reason`",
            ));
            continue;
        };
        let Some((codes, reason)) = rest.split_once(')') else {
            extra.push(Diagnostic::new(
                Code::UnusedSuppression,
                location,
                "this `ims-allow` lacks the `)` after its codes: write `// ims-allow(code): reason`",
            ));
            continue;
        };
        let mut parsed = Vec::new();
        for name in codes.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match Code::from_name(name) {
                Some(code) => parsed.push(code),
                None => {
                    let start = line_start + offset_in(line, name);
                    let at = ims_syntax::TextRange::new(start, start + name.len());
                    extra.push(unknown_code(FileRange { file, range: at }, name));
                }
            }
        }
        let reason = reason.trim_start().strip_prefix(':').unwrap_or("").trim();
        if reason.is_empty() {
            extra.push(Diagnostic::new(
                Code::SuppressionWithoutReason,
                location,
                "an `ims-allow` needs a reason: `// ims-allow(code): why this is acceptable`",
            ));
        }
        let own_line = line[..comment_at].trim().is_empty();
        let target = if own_line {
            (index + 1..lines.len())
                .find(|&i| {
                    let t = lines[i].trim();
                    !t.is_empty() && !t.starts_with("//")
                })
                .unwrap_or(index)
        } else {
            index
        };
        let removal = if own_line {
            let end = (line_start + line.len() + 1).min(text.len());
            ims_syntax::TextRange::new(line_start, end)
        } else {
            let before = line[..comment_at].trim_end().len();
            ims_syntax::TextRange::new(line_start + before, range.end)
        };
        allows.push(Allow {
            file,
            comment: location,
            removal: FileRange { file, range: removal },
            line: target,
            codes: parsed,
            used: false,
        });
    }
}

/// Where `inner`, a slice of `outer`, starts in it.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

/// An unknown code in an `ims-allow`, with the closest known codes as fixes.
fn unknown_code(location: FileRange, name: &str) -> Diagnostic {
    let close = Code::closest(name);
    let mut message =
        format!("`{name}` is not a diagnostic code, so this `ims-allow` suppresses nothing");
    if let Some(best) = close.first() {
        message.push_str(&format!("; did you mean `{best}`?"));
    }
    let mut diagnostic = Diagnostic::new(Code::UnusedSuppression, location, message);
    for code in close.into_iter().take(3) {
        diagnostic = diagnostic.with_fix(Fix {
            title: format!("Change to `{code}`"),
            edits: vec![TextEdit { location, new_text: code.name().to_string() }],
        });
    }
    diagnostic
}
