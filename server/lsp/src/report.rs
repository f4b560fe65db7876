//! `ims/report`: the correlation and coverage report of the IMS, for the
//! editor's "Show Integration Report" view.
//!
//! Request params: `{ "uri": <a document or workspace folder>, "format":
//! "html" | "markdown" | "csv" }` (`html` when left out); `{ "textDocument":
//! { "uri": ... } }` is accepted for `uri`, as other requests write it, and
//! without either the report is of the whole workspace. Result: `{
//! "content": <the report> }`. The report covers the whole IMS the server
//! analyses (every `.ims` file of the workspace, open documents as the
//! editor holds them), built by `ims_report` from the same
//! analysis as the diagnostics, exactly as `ims report` prints it. In the
//! HTML, `data-file` holds the file's path as the server knows it.

use serde::{Deserialize, Serialize};

use crate::proto::{self, Result, Uri};
use crate::snapshot::Snapshot;
use crate::store::doc_key;

#[derive(Debug, Deserialize)]
pub struct ReportParams {
    /// A document of the IMS or a workspace folder holding some.
    #[serde(default)]
    pub uri: Option<Uri>,
    #[serde(default, rename = "textDocument")]
    pub text_document: Option<proto::TextDocumentIdentifier>,
    #[serde(default)]
    pub format: ReportFormat,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    #[default]
    Html,
    Markdown,
    Csv,
}

#[derive(Debug, Serialize)]
pub struct ReportResult {
    pub content: String,
}

/// Builds the report of the snapshot's IMS.
pub fn report(snap: &Snapshot, params: ReportParams) -> Result<ReportResult> {
    if let Some(uri) = params.uri.as_ref().or(params.text_document.as_ref().map(|d| &d.uri)) {
        check_uri(snap, uri)?;
    }
    let analysis = snap.analysis();
    let report = ims_report::build(&snap.workspace, &analysis);
    let content = match params.format {
        ReportFormat::Html => ims_report::html::render(&report),
        ReportFormat::Markdown => ims_report::markdown::render(&report),
        ReportFormat::Csv => ims_report::csv::render(&report),
    };
    Ok(ReportResult { content })
}

/// The uri must be a document the server knows or a folder holding one,
/// so that a client asking about another project gets an error, not a
/// report of this one.
fn check_uri(snap: &Snapshot, uri: &Uri) -> Result<()> {
    if snap.file(uri).is_ok() {
        return Ok(());
    }
    let folder = doc_key(uri);
    if snap.files.iter().any(|f| doc_key(&f.uri).starts_with(&folder)) {
        return Ok(());
    }
    Err(proto::invalid_params(format!(
        "{} is neither a document nor a folder of this workspace",
        uri.as_str()
    )))
}

#[cfg(test)]
mod tests {
    use super::{ReportFormat, ReportParams};

    #[test]
    fn params_default_to_html_and_reject_unknown_formats() {
        let params: ReportParams =
            serde_json::from_value(serde_json::json!({ "uri": "file:///w/a.ims" })).unwrap();
        assert_eq!(params.format, ReportFormat::Html);
        let params: ReportParams =
            serde_json::from_value(serde_json::json!({ "uri": "file:///w", "format": "markdown" }))
                .unwrap();
        assert_eq!(params.format, ReportFormat::Markdown);
        let params: ReportParams = serde_json::from_value(
            serde_json::json!({ "textDocument": { "uri": "file:///w/a.ims" }, "format": "html" }),
        )
        .unwrap();
        assert_eq!(params.text_document.unwrap().uri.as_str(), "file:///w/a.ims");
        let params: ReportParams = serde_json::from_value(serde_json::json!({})).unwrap();
        assert!(params.uri.is_none() && params.text_document.is_none());
        assert!(serde_json::from_value::<ReportParams>(
            serde_json::json!({ "uri": "file:///w", "format": "pdf" })
        )
        .is_err());
    }
}
