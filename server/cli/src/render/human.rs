//! `ims check` for people: rustc-like findings with source snippets, drawn
//! by codespan-reporting, and a summary line.
//!
//! Each finding shows its severity and code, the message, the source under
//! the primary range, every related location as a labelled secondary range
//! (in a snippet of its own when it lies in another file) and each quick
//! fix as a `fix:` note.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::termcolor::{Ansi, NoColor};
use codespan_reporting::term::{self, Chars, Config};
use ims_analysis::{Diagnostic, FileId, Severity};

use super::{Part, Sources};

/// The findings and a summary line; ANSI colours when `color` is set.
#[cfg(test)]
fn human(workspace: &ims_analysis::Workspace, diagnostics: &[Diagnostic], color: bool) -> String {
    let sources = Sources::new(workspace);
    let mut out = render(&sources, diagnostics, color);
    out.push_str(&summary_line(&diagnostics.iter().collect::<Vec<_>>(), color));
    out
}

/// The findings and, unless `quiet`, a summary line, written to `out` as
/// they are rendered; ANSI colours when `color` is set. The findings are
/// drawn on all cores, in chunks written in order.
pub fn write_human(
    out: &mut dyn std::io::Write,
    parts: &[Part],
    color: bool,
    quiet: bool,
) -> std::io::Result<()> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    for &(workspace, diagnostics) in parts {
        let sources = Sources::new(workspace);
        // Small outputs are not worth a thread.
        let chunk_len = diagnostics.len().div_ceil(cores).max(64);
        let mut chunks = diagnostics.chunks(chunk_len);
        std::thread::scope(|scope| {
            let first = chunks.next().unwrap_or_default();
            let rest: Vec<_> =
                chunks.map(|chunk| scope.spawn(|| render(&sources, chunk, color))).collect();
            out.write_all(render(&sources, first, color).as_bytes())?;
            for chunk in rest {
                let text = chunk.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                out.write_all(text.as_bytes())?;
            }
            Ok::<(), std::io::Error>(())
        })?;
    }
    if quiet {
        return Ok(());
    }
    let all: Vec<&Diagnostic> =
        parts.iter().flat_map(|(_, diagnostics)| diagnostics.iter()).collect();
    out.write_all(summary_line(&all, color).as_bytes())
}

/// The longest source line a finding shows, in bytes. A finding on a longer
/// line (a minified or generated file: ten thousand nested blocks on one
/// line) is shown without its snippet: each finding would otherwise print
/// the whole line again, and the output would grow with the number of
/// findings times the length of the line.
const MAX_SHOWN_LINE: usize = 1000;

/// The findings, without the summary line.
fn render(sources: &Sources, diagnostics: &[Diagnostic], color: bool) -> String {
    let config = Config { chars: Chars::ascii(), ..Config::default() };
    let mut out = String::new();
    for d in diagnostics {
        let long = longest_line(sources, d);
        let text = if long > MAX_SHOWN_LINE {
            let mut text = fallback(sources, d);
            let note = format!("  = note: the line is {long} bytes long; not shown\n");
            text.insert_str(text.len() - 1, &note);
            text
        } else {
            match emit(sources, &config, &to_report(sources, d), color) {
                Ok(text) => text,
                // Ranges are clamped, so this is not expected; a plain line
                // is still better than losing the finding.
                Err(_) => fallback(sources, d),
            }
        };
        // codespan-reporting knows rustc's severities; ours are LSP's. The
        // header is the first occurrence and the words have equal width.
        let text = match d.severity {
            Severity::Info => {
                text.replacen(&format!("note[{}]", d.code), &format!("info[{}]", d.code), 1)
            }
            Severity::Hint => {
                text.replacen(&format!("help[{}]", d.code), &format!("hint[{}]", d.code), 1)
            }
            Severity::Error | Severity::Warning => text,
        };
        // codespan-reporting pads some label lines with spaces; trailing
        // whitespace only gets in the way of snapshots and diffs.
        for line in text.lines() {
            out.push_str(line.trim_end_matches(' '));
            out.push('\n');
        }
    }
    out
}

fn summary_line(diagnostics: &[&Diagnostic], color: bool) -> String {
    if color {
        format!("\x1b[1m{}\x1b[0m\n", summary(diagnostics))
    } else {
        format!("{}\n", summary(diagnostics))
    }
}

fn emit(
    sources: &Sources,
    config: &Config,
    report: &Report<FileId>,
    color: bool,
) -> Result<String, FilesError> {
    let bytes = if color {
        let mut writer = Ansi::new(Vec::new());
        term::emit_to_write_style(&mut writer, config, sources, report)?;
        writer.into_inner()
    } else {
        let mut writer = NoColor::new(Vec::new());
        term::emit_to_write_style(&mut writer, config, sources, report)?;
        writer.into_inner()
    };
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned()))
}

fn to_report(sources: &Sources, d: &Diagnostic) -> Report<FileId> {
    let level = match d.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
        Severity::Hint => Level::Help,
    };
    let mut labels = vec![Label::primary(d.location.file, sources.byte_range(d.location))];
    labels.extend(d.related.iter().map(|r| {
        Label::secondary(r.location.file, sources.byte_range(r.location)).with_message(&r.message)
    }));
    let notes = d.fixes.iter().map(|fix| format!("fix: {}", fix.title)).collect();
    Report::new(level)
        .with_code(d.code.name())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes)
}

/// The length in bytes of the longest line a finding's labels touch.
fn longest_line(sources: &Sources, d: &Diagnostic) -> usize {
    let locations = std::iter::once(d.location).chain(d.related.iter().map(|r| r.location));
    locations
        .flat_map(|location| {
            let range = sources.byte_range(location);
            let index = sources.index(location.file);
            let text = sources.text(location.file);
            // The first and the last line of the range: a finding over many
            // lines is long anyway, and looking at each would cost as much.
            [index.line_of(range.start), index.line_of(range.end)]
                .map(|line| index.line_span(text, line).len())
        })
        .max()
        .unwrap_or(0)
}

fn fallback(sources: &Sources, d: &Diagnostic) -> String {
    let (start, _) = sources.positions(d.location);
    format!(
        "{}[{}]: {}\n  --> {}:{}:{}\n\n",
        d.severity,
        d.code,
        d.message,
        sources.name(d.location.file),
        start.line + 1,
        start.character + 1
    )
}

/// `2 errors, 13 warnings, 0 info, 1 hint`.
fn summary(diagnostics: &[&Diagnostic]) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {} info, {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        count(Severity::Info),
        plural(count(Severity::Hint), "hint"),
    )
}

impl<'f> Files<'f> for Sources<'_> {
    type FileId = FileId;
    type Name = String;
    type Source = &'f str;

    fn name(&'f self, id: FileId) -> Result<String, FilesError> {
        Ok(Sources::name(self, id))
    }

    fn source(&'f self, id: FileId) -> Result<&'f str, FilesError> {
        Ok(self.text(id))
    }

    fn line_index(&'f self, id: FileId, byte_index: usize) -> Result<usize, FilesError> {
        Ok(self.index(id).line_of(byte_index))
    }

    fn line_range(
        &'f self,
        id: FileId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, FilesError> {
        // codespan-reporting expects the range to include the line break.
        Ok(self.index(id).line_span(self.text(id), line_index))
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{expect, Expect};
    use ims_analysis::project::builtin;
    use ims_analysis::{Code, Config, FileRange, SourceFile, TextRange, Workspace};

    use super::*;

    #[track_caller]
    fn check(text: &str, range: std::ops::Range<usize>, expect: Expect) {
        let workspace =
            Workspace::new(vec![SourceFile::new("t.ims", text)], builtin(), Config::default());
        let location = FileRange { file: FileId(0), range: TextRange::from(range) };
        let mut diagnostic = Diagnostic::new(Code::IntegrationOpportunity, location, "message");
        diagnostic.severity = Severity::Info;
        expect.assert_eq(&human(&workspace, &[diagnostic], false));
    }

    #[test]
    fn crlf_lines_and_the_info_severity() {
        check(
            "site a \"A\"\r\nsite b \"B\"\r\n",
            17..18,
            expect![[r#"
                info[integration-opportunity]: message
                  --> t.ims:2:6
                  |
                2 | site b "B"
                  |      ^

                0 errors, 0 warnings, 1 info, 0 hints
            "#]],
        );
    }

    #[test]
    fn a_line_too_long_to_show_is_named_not_printed() {
        let long = format!("site a \"A\"\n{}site b \"B\"\n", "scope { ".repeat(200));
        let at = long.find("site b").unwrap() + 5;
        check(
            &long,
            at..at + 1,
            expect![[r#"
                info[integration-opportunity]: message
                  --> t.ims:2:1606
                  = note: the line is 1611 bytes long; not shown

                0 errors, 0 warnings, 1 info, 0 hints
            "#]],
        );
    }

    #[test]
    fn out_of_range_and_mid_character_locations_are_clamped() {
        check(
            "site é",
            6..99,
            expect![[r#"
                info[integration-opportunity]: message
                  --> t.ims:1:6
                  |
                1 | site é
                  |      ^

                0 errors, 0 warnings, 1 info, 0 hints
            "#]],
        );
    }
}
