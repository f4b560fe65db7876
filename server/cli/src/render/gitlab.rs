//! `ims check --format gitlab`: a GitLab code quality report (a JSON array
//! in the Code Climate issue format), which GitLab shows in merge requests
//! when a job publishes it as `artifacts:reports:codequality`.
//!
//! Each finding has `description`, `check_name` (the code), `fingerprint`
//! (stable, see `fingerprint.rs`), `severity` and `location` (`path`
//! relative to the current directory, 1-based `lines.begin` and
//! `lines.end`). GitLab's severities are info, minor, major, critical and
//! blocker: an error is `major`, a warning `minor`, info and hints `info`.

use std::path::Path;

use ims_analysis::Severity;
use serde::Serialize;

use super::fingerprint::fingerprints;
use super::relative_path::repository_path;
use super::{Part, Sources};

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: &'a str,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// The findings as a pretty-printed code quality report, written to `out`.
pub fn write_gitlab(
    out: &mut dyn std::io::Write,
    parts: &[Part],
    base: &Path,
) -> std::io::Result<()> {
    let mut issues: Vec<Issue> = Vec::new();
    for &(workspace, diagnostics) in parts {
        let sources = Sources::new(workspace);
        let fingerprints = fingerprints(&sources, base, diagnostics);
        issues.extend(diagnostics.iter().zip(fingerprints).map(|(d, fingerprint)| {
            let (start, end) = sources.positions(d.location);
            Issue {
                kind: "issue",
                description: &d.message,
                check_name: d.code.name(),
                fingerprint,
                severity: match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info | Severity::Hint => "info",
                },
                location: Location {
                    path: repository_path(&workspace.file(d.location.file).path, base),
                    lines: Lines { begin: start.line + 1, end: end.line + 1 },
                },
            }
        }));
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    out.write_all(b"\n")
}
