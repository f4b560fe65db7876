//! `ims/report`: the correlation and coverage report of the IMS, for the
//! editor's "Show Integration Report" view.
//!
//! Request params: `{ "uri": <a document or workspace folder>, "format":
//! "html" | "markdown" | "csv" }` (`html` when left out); `{ "textDocument":
//! { "uri": ... } }` is accepted for `uri`, as other requests write it.
//! Result: `{ "content": <the report> }`. The report covers the project of
//! the document (every `.ims` file of it, open documents as the editor holds
//! them), or the one project of the folder (an error names a folder of
//! several), built by `ims_report` from the same analysis as the
//! diagnostics, exactly as `ims report` prints it. In the HTML, `data-file`
//! holds the file's path as the server knows it.

use serde::{Deserialize, Serialize};

use crate::proto::{self, Result, Uri};
use crate::snapshot::{doc_key, Snapshot, View};

#[derive(Debug, Deserialize)]
pub struct ReportParams {
    /// A document of the IMS or a workspace folder holding some.
    #[serde(default)]
    pub uri: Option<Uri>,
    #[serde(default, rename = "textDocument")]
    pub text_document: Option<proto::TextDocumentIdentifier>,
    /// `html` when left out.
    #[serde(default = "html", deserialize_with = "format")]
    pub format: ims_report::Format,
}

fn html() -> ims_report::Format {
    ims_report::Format::Html
}

fn format<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<ims_report::Format, D::Error> {
    let name = String::deserialize(d)?;
    ims_report::Format::from_name(&name).ok_or_else(|| {
        let names: Vec<&str> = ims_report::Format::ALL.iter().map(|f| f.name()).collect();
        serde::de::Error::custom(format!(
            "unknown report format `{name}`: one of {}",
            names.join(", ")
        ))
    })
}

#[derive(Debug, Serialize)]
pub struct ReportResult {
    pub content: String,
}

/// Builds the report of the project of a document, or of the one project
/// in a folder.
pub fn report(snap: &Snapshot, params: ReportParams) -> Result<ReportResult> {
    let uri = params.uri.as_ref().or(params.text_document.as_ref().map(|d| &d.uri));
    let view = project_of(snap, uri)?;
    let analysis = view.analysis();
    let report = ims_report::build(view.workspace(), &analysis);
    Ok(ReportResult { content: params.format.render(&report) })
}

/// The project a report is about: that of a document, else the one
/// project with files in a folder (or in the whole workspace), so that a
/// client asking about another project gets an error, not a report of
/// this one.
fn project_of<'s>(snap: &'s Snapshot, uri: Option<&Uri>) -> Result<View<'s>> {
    if let Some(uri) = uri {
        if let Ok((view, _)) = snap.document(uri) {
            return Ok(view);
        }
    }
    let folder = uri.map(doc_key);
    let inside: Vec<View> = snap
        .views()
        .filter(|view| {
            folder.as_ref().is_none_or(|folder| {
                view.project.files.iter().any(|f| doc_key(&f.uri).starts_with(folder))
            })
        })
        .collect();
    match inside.as_slice() {
        [view] => Ok(*view),
        [] => Err(proto::invalid_params(format!(
            "{} is neither a document nor a folder of this workspace",
            uri.map_or("the workspace", |u| u.as_str())
        ))),
        several => Err(proto::invalid_params(format!(
            "{} holds {} projects; a report covers one: ask for a document of it",
            uri.map_or("the workspace", |u| u.as_str()),
            several.len()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::ReportParams;
    use ims_report::Format;

    #[test]
    fn params_default_to_html_and_reject_unknown_formats() {
        let params: ReportParams =
            serde_json::from_value(serde_json::json!({ "uri": "file:///w/a.ims" })).unwrap();
        assert_eq!(params.format, Format::Html);
        let params: ReportParams =
            serde_json::from_value(serde_json::json!({ "uri": "file:///w", "format": "markdown" }))
                .unwrap();
        assert_eq!(params.format, Format::Markdown);
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
