//! Inline suppression: `// ims-allow(scope-gap): Team A is outside the ISMS on purpose`.
//!
//! A comment on a line of its own applies to the next line that is not a
//! comment; a comment after code applies to its own line. Several codes may
//! be listed, separated by commas. A reason after the colon is required.

use crate::{Code, Diagnostic, FileId, FileRange, Workspace};

struct Allow {
    file: FileId,
    comment: FileRange,
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
    for allow in allows.into_iter().filter(|a| !a.used) {
        kept.push(Diagnostic::new(
            Code::UnusedSuppression,
            allow.comment,
            "this `ims-allow` comment suppresses nothing; remove it",
        ));
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
                "write `ims-allow(code): reason`",
            ));
            continue;
        };
        let Some((codes, reason)) = rest.split_once(')') else { continue };
        let mut parsed = Vec::new();
        for name in codes.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match Code::from_name(name) {
                Some(code) => parsed.push(code),
                None => extra.push(Diagnostic::new(
                    Code::UnusedSuppression,
                    location,
                    format!("unknown diagnostic code `{name}` in `ims-allow`"),
                )),
            }
        }
        let reason = reason.trim_start().strip_prefix(':').unwrap_or("").trim();
        if reason.is_empty() {
            extra.push(Diagnostic::new(
                Code::UnsuppressedReason,
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
        allows.push(Allow { file, comment: location, line: target, codes: parsed, used: false });
    }
}
