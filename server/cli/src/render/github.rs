//! `ims check --format github`: one GitHub Actions workflow command per
//! finding (`::error file=...,line=...,col=...,title=CODE::message`), which
//! the runner shows as an annotation on the file and in the job summary.
//!
//! Escaping follows the runner's rules for workflow commands (those of
//! `@actions/core`): in the message `%`, `\r` and `\n` become `%25`, `%0D`
//! and `%0A`; in a property also `:` and `,` become `%3A` and `%2C`. So no
//! text from a file can end the command or start another one.

use std::path::Path;

use ims_analysis::{Diagnostic, Severity};

use super::relative_path::repository_path;
use super::{Part, Sources};

/// The findings as workflow commands, one line each, written to `out`.
/// Paths are relative to `base` (the current directory, the repository root
/// in a workflow); lines and columns are 1-based, columns counting
/// characters as in the human output.
pub fn write_github(
    out: &mut dyn std::io::Write,
    parts: &[Part],
    base: &Path,
) -> std::io::Result<()> {
    for &(workspace, diagnostics) in parts {
        let sources = Sources::new(workspace);
        for d in diagnostics {
            out.write_all(command(&sources, base, d).as_bytes())?;
        }
    }
    Ok(())
}

fn command(sources: &Sources, base: &Path, d: &Diagnostic) -> String {
    let kind = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "notice",
    };
    let path = |file| repository_path(&sources.workspace.file(file).path, base);
    let (start, end) = sources.char_positions(d.location);
    let mut properties = format!(
        "file={},line={},endLine={}",
        escape_property(&path(d.location.file)),
        start.line + 1,
        end.line + 1
    );
    // The runner accepts columns only on a one-line range.
    if start.line == end.line {
        properties.push_str(&format!(
            ",col={},endColumn={}",
            start.character + 1,
            end.character + 1
        ));
    }
    properties.push_str(&format!(",title={}", escape_property(d.code.name())));
    // Related locations and fixes go into the message, one per line.
    let mut message = d.message.clone();
    for related in &d.related {
        let (at, _) = sources.char_positions(related.location);
        message.push_str(&format!(
            "\n{}:{}:{}: {}",
            path(related.location.file),
            at.line + 1,
            at.character + 1,
            related.message
        ));
    }
    for fix in &d.fixes {
        message.push_str(&format!("\nfix: {}", fix.title));
    }
    format!("::{kind} {properties}::{}\n", escape_data(&message))
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(escape_data("100% done\r\nnext: a, b"), "100%25 done%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
