//! `ims check --format sarif`: a SARIF 2.1.0 log for GitHub code scanning
//! and other SARIF viewers. One run, one rule per diagnostic code with its
//! documentation (so that GitHub shows it without a link), regions in
//! 1-based lines and UTF-16 columns (SARIF's default `columnKind`), and a
//! stable fingerprint per result. Relative paths become relative URIs
//! against `%SRCROOT%`, the checkout root in code scanning.

use std::path::{Component, Path};

use ims_analysis::{docs_base, Code, Diagnostic, FileId, FileRange, Severity};
use serde_json::{json, Value};

use super::doc_links::resolve_links;
use super::fingerprint::fingerprints;
use super::relative_path::relative_segments;
use super::{Part, Sources};

/// The key of `partialFingerprints`; the version changes with the way the
/// fingerprint is computed (fingerprint.rs).
const FINGERPRINT_KEY: &str = "imsFindingHash/v1";

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

/// The findings as a pretty-printed SARIF log, written to `out`. `base` is
/// the directory that relative paths are relative to (the current
/// directory); absolute paths below it are made relative to it too.
///
/// The log is streamed: its frame is printed with an empty `results`
/// array, and the results are printed into it one by one, each built and
/// freed in turn, so that the memory of `ims check --format sarif` does not
/// grow with the number of findings (a 100k-line workspace gave a log of
/// 390 MB as one JSON value). The bytes are those of the whole log printed
/// by `serde_json::to_writer_pretty` (a test checks it).
pub fn write_sarif(
    out: &mut dyn std::io::Write,
    parts: &[Part],
    base: &Path,
) -> std::io::Result<()> {
    let frame = serde_json::to_string_pretty(&log(Vec::new()))?;
    let (before, after) =
        frame.split_once(RESULTS_PLACEHOLDER).expect("the frame has an empty results array");
    out.write_all(before.as_bytes())?;
    let mut first = true;
    for &(workspace, diagnostics) in parts {
        let sources = Sources::new(workspace);
        let fingerprints = fingerprints(&sources, base, diagnostics);
        for (d, fingerprint) in diagnostics.iter().zip(fingerprints) {
            out.write_all(if first { b"\"results\": [\n" } else { b",\n" })?;
            first = false;
            let result = serde_json::to_string_pretty(&result(&sources, base, d, fingerprint))?;
            write_indented(out, &result, RESULT_INDENT)?;
        }
    }
    if first {
        out.write_all(RESULTS_PLACEHOLDER.as_bytes())?;
    } else {
        // The closing bracket of `results` is indented as its key.
        write!(out, "\n{}]", " ".repeat(RESULT_INDENT - 2))?;
    }
    out.write_all(after.as_bytes())?;
    out.write_all(b"\n")
}

/// How `serde_json` prints the empty `results` array of the frame.
const RESULTS_PLACEHOLDER: &str = "\"results\": []";

/// The indentation of a result in the pretty-printed log: the items of
/// `runs[0].results`, four levels of two spaces deep.
const RESULT_INDENT: usize = 8;

/// `json` (pretty-printed, so its line breaks are between tokens: a line
/// break inside a string is escaped) with every line indented by `indent`.
fn write_indented(out: &mut dyn std::io::Write, json: &str, indent: usize) -> std::io::Result<()> {
    let pad = " ".repeat(indent);
    for (i, line) in json.split('\n').enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(pad.as_bytes())?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// The SARIF log with `results`.
fn log(results: Vec<Value>) -> Value {
    let rules: Vec<Value> = Code::ALL.iter().map(|&code| rule(code)).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ims",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A rule: the code as `id`, its name in Pascal case (`ScopeGap`), its
/// one-line summary, the description paragraph of its documentation as
/// `fullDescription`, and the whole documentation as `help` (Markdown and
/// text), its links resolved against the configured documentation URL or
/// reduced to their text.
fn rule(code: Code) -> Value {
    let documentation = code.documentation();
    // The section without its `## code` heading: GitHub titles it itself.
    let body = documentation.split_once('\n').map_or("", |(_, body)| body).trim();
    let markdown = resolve_links(body, docs_base());
    let mut rule = json!({
        "id": code.name(),
        "name": pascal_case(code.name()),
        "shortDescription": { "text": code.summary() },
        "fullDescription": { "text": description(&resolve_links(body, None)) },
        "help": { "text": resolve_links(body, None), "markdown": markdown },
        "defaultConfiguration": { "level": level(code.default_severity()) },
    });
    // A link only where the user published the documentation.
    if let Some(url) = code.docs_url() {
        rule["helpUri"] = json!(url);
    }
    rule
}

/// `scope-gap` -> `ScopeGap`.
fn pascal_case(name: &str) -> String {
    name.split('-')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
        })
        .collect()
}

/// The first paragraph that describes the code (after the severity and
/// source line), on one line; the summary when there is none.
fn description(body: &str) -> String {
    body.split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with("**Default severity:**") && !p.starts_with("```"))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn result(sources: &Sources, base: &Path, d: &Diagnostic, fingerprint: String) -> Value {
    let rule_index = Code::ALL.iter().position(|&c| c == d.code).expect("every code is in ALL");
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i,
                "physicalLocation": physical_location(sources, base, r.location),
                "message": { "text": r.message },
            })
        })
        .collect();
    let fixes: Vec<Value> = d
        .fixes
        .iter()
        .map(|fix| {
            // One artifact change per file, in the order the files first appear.
            let mut files: Vec<FileId> = Vec::new();
            for edit in &fix.edits {
                if !files.contains(&edit.location.file) {
                    files.push(edit.location.file);
                }
            }
            let changes: Vec<Value> = files
                .iter()
                .map(|&file| {
                    let replacements: Vec<Value> = fix
                        .edits
                        .iter()
                        .filter(|e| e.location.file == file)
                        .map(|e| {
                            json!({
                                "deletedRegion": region(sources, e.location),
                                "insertedContent": { "text": e.new_text },
                            })
                        })
                        .collect();
                    json!({
                        "artifactLocation": artifact_location(&sources.workspace.file(file).path, base),
                        "replacements": replacements,
                    })
                })
                .collect();
            json!({ "description": { "text": fix.title }, "artifactChanges": changes })
        })
        .collect();
    let mut result = json!({
        "ruleId": d.code.name(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": d.message },
        "locations": [{ "physicalLocation": physical_location(sources, base, d.location) }],
        "partialFingerprints": { FINGERPRINT_KEY: fingerprint },
    });
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    if !fixes.is_empty() {
        result["fixes"] = Value::Array(fixes);
    }
    result
}

fn physical_location(sources: &Sources, base: &Path, location: FileRange) -> Value {
    json!({
        "artifactLocation": artifact_location(&sources.workspace.file(location.file).path, base),
        "region": region(sources, location),
    })
}

/// A region in 1-based lines and columns; the end column is the column just
/// after the last character, so an empty range has equal start and end.
fn region(sources: &Sources, location: FileRange) -> Value {
    let (start, end) = sources.positions(location);
    json!({
        "startLine": start.line + 1,
        "startColumn": start.character + 1,
        "endLine": end.line + 1,
        "endColumn": end.character + 1,
    })
}

/// A relative URI against `%SRCROOT%` for a relative path (or an absolute
/// one below `base`), a `file:` URI otherwise.
fn artifact_location(path: &Path, base: &Path) -> Value {
    match relative_segments(path, base) {
        Some(segments) => {
            let segments: Vec<String> = segments.iter().map(|s| percent_encode(s)).collect();
            json!({ "uri": segments.join("/"), "uriBaseId": SRCROOT })
        }
        None => json!({ "uri": file_uri(path) }),
    }
}

fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for component in path.components() {
        match component {
            // A Windows drive such as `C:` stays as it is: `file:///C:/...`.
            Component::Prefix(prefix) => {
                uri.push('/');
                uri.push_str(&prefix.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => {}
            Component::CurDir => continue,
            Component::ParentDir => uri.push_str("/.."),
            Component::Normal(s) => {
                uri.push('/');
                uri.push_str(&percent_encode(&s.to_string_lossy()));
            }
        }
    }
    uri
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so that a
/// file name can be a URI path segment.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log as one JSON value, printed whole: what the streamed log
    /// must equal byte for byte.
    fn whole(parts: &[Part], base: &Path) -> String {
        let mut results = Vec::new();
        for &(workspace, diagnostics) in parts {
            let sources = Sources::new(workspace);
            let fingerprints = fingerprints(&sources, base, diagnostics);
            results.extend(
                diagnostics.iter().zip(fingerprints).map(|(d, f)| result(&sources, base, d, f)),
            );
        }
        let mut out = serde_json::to_string_pretty(&log(results)).unwrap();
        out.push('\n');
        out
    }

    fn streamed(parts: &[Part], base: &Path) -> String {
        let mut out = Vec::new();
        write_sarif(&mut out, parts, base).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_streamed_log_is_the_whole_log() {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut workspaces = Vec::new();
        for name in ["acme.ims", "harbour/harbour.ims"] {
            let path = examples.join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            let file = ims_analysis::SourceFile::new(path.clone(), text.as_str());
            let workspace = ims_analysis::Workspace::new(
                vec![file],
                ims_analysis::project::builtin(),
                ims_analysis::Config::default(),
            );
            let analysis = ims_analysis::analyze(&workspace);
            workspaces.push((workspace, analysis.diagnostics.clone()));
        }
        let parts: Vec<Part> = workspaces.iter().map(|(w, d)| (w, d.as_slice())).collect();
        assert!(parts.iter().any(|(_, d)| d.iter().any(|d| !d.related.is_empty())));
        assert!(parts.iter().any(|(_, d)| d.iter().any(|d| !d.fixes.is_empty())));
        assert!(parts.iter().any(|(_, d)| d.iter().any(|d| d.message.contains('`'))));
        // Several projects, one, and none with findings.
        for parts in [&parts[..], &parts[..1], &[]] {
            assert_eq!(streamed(parts, &examples), whole(parts, &examples));
        }
        let none: Vec<Part> = workspaces.iter().map(|(w, _)| (w, &[][..])).collect();
        assert_eq!(streamed(&none, &examples), whole(&none, &examples));
    }

    #[track_caller]
    fn check(path: &str, base: &str, expected: Value) {
        assert_eq!(artifact_location(Path::new(path), Path::new(base)), expected);
    }

    #[test]
    fn relative_paths_are_relative_uris_against_srcroot() {
        check(
            "./examples/acme.ims",
            "/repo",
            json!({ "uri": "examples/acme.ims", "uriBaseId": "%SRCROOT%" }),
        );
        check(
            "/repo/docs/a b:c.ims",
            "/repo",
            json!({ "uri": "docs/a%20b%3Ac.ims", "uriBaseId": "%SRCROOT%" }),
        );
        check(
            "../other/é.ims",
            "/repo",
            json!({ "uri": "../other/%C3%A9.ims", "uriBaseId": "%SRCROOT%" }),
        );
    }

    #[test]
    fn paths_outside_the_base_are_file_uris() {
        check("/elsewhere/x y.ims", "/repo", json!({ "uri": "file:///elsewhere/x%20y.ims" }));
    }
}
