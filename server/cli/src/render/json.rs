//! `ims check --format json`: one array of findings, positions in the LSP
//! convention (zero-based lines, UTF-16 characters). docs/cli.md documents
//! the shape; the end-to-end tests check it field by field.

use ims_analysis::{Diagnostic, FileRange, Severity};
use serde::Serialize;

use super::{Part, Position, Sources};

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    range: Range,
    severity: Severity,
    code: &'static str,
    message: &'a str,
    related: Vec<JsonRelated<'a>>,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: String,
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: String,
    range: Range,
    #[serde(rename = "newText")]
    new_text: &'a str,
}

/// The findings as a pretty-printed JSON array, with a final newline,
/// written to `out` as they are serialized.
pub fn write_json(out: &mut dyn std::io::Write, parts: &[Part]) -> std::io::Result<()> {
    let mut findings: Vec<JsonDiagnostic> = Vec::new();
    for &(workspace, diagnostics) in parts {
        let sources = Sources::new(workspace);
        findings.extend(diagnostics.iter().map(|d| finding(&sources, d)));
    }
    serde_json::to_writer_pretty(&mut *out, &findings)?;
    out.write_all(b"\n")
}

fn finding<'d>(sources: &Sources, d: &'d Diagnostic) -> JsonDiagnostic<'d> {
    let place = |location: FileRange| {
        let (start, end) = sources.positions(location);
        (sources.name(location.file), Range { start, end })
    };
    {
        {
            let (file, range) = place(d.location);
            JsonDiagnostic {
                file,
                range,
                severity: d.severity,
                code: d.code.name(),
                message: &d.message,
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let (file, range) = place(r.location);
                        JsonRelated { file, range, message: &r.message }
                    })
                    .collect(),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| JsonFix {
                        title: &f.title,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| {
                                let (file, range) = place(e.location);
                                JsonEdit { file, range, new_text: &e.new_text }
                            })
                            .collect(),
                    })
                    .collect(),
            }
        }
    }
}
