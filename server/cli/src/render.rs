//! Renderers for `ims check`: human, JSON and SARIF. Each takes the shared
//! analysis result and only formats it.

use ims_analysis::{Diagnostic, Severity, Workspace};
use ims_syntax::LineIndex;

/// rustc-like text with the source line under each finding.
pub fn human(workspace: &Workspace, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let file = workspace.file(d.location.file);
        let index = LineIndex::new(&file.text);
        let at = index.line_col(&file.text, d.location.range.start);
        out.push_str(&format!("{}[{}]: {}\n", d.severity, d.code, d.message));
        out.push_str(&format!("  --> {}:{}:{}\n", file.path.display(), at.line + 1, at.column + 1));
        for r in &d.related {
            let rf = workspace.file(r.location.file);
            let ri = LineIndex::new(&rf.text);
            let rat = ri.line_col(&rf.text, r.location.range.start);
            out.push_str(&format!(
                "  note: {}:{}:{}: {}\n",
                rf.path.display(),
                rat.line + 1,
                rat.column + 1,
                r.message
            ));
        }
        out.push('\n');
    }
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    out.push_str(&format!(
        "{} errors, {} warnings, {} infos, {} hints\n",
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        count(Severity::Hint)
    ));
    out
}

pub fn json(_workspace: &Workspace, _diagnostics: &[Diagnostic]) -> String {
    String::new()
}

pub fn sarif(_workspace: &Workspace, _diagnostics: &[Diagnostic]) -> String {
    String::new()
}
