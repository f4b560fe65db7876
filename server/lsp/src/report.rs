//! `ims/report`: the correlation and coverage report of the IMS, for the
//! editor's "Show Integration Report" view.
//!
//! Request params: `{ "uri": <a document or workspace folder>, "format":
//! "html" | "markdown" | "csv" | "xlsx", "sections": ["soa", ...] }` (`html`
//! and every section when left out); `{ "textDocument": { "uri": ... } }` is
//! accepted for `uri`, as other requests write it. Result: `{ "content":
//! <the report> }`, and `"encoding": "base64"` for XLSX, whose bytes
//! `content` then holds in base64. The report covers the project of
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
    /// Only these sections (`soa`, `parties` ...), as `ims report --section`.
    #[serde(default)]
    pub sections: Option<Vec<String>>,
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
    /// `base64` for a binary format (XLSX), whose bytes `content` holds
    /// in base64; absent for text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Builds the report of the project of a document, or of the one project
/// in a folder.
pub fn report(snap: &Snapshot, params: ReportParams) -> Result<ReportResult> {
    let uri = params.uri.as_ref().or(params.text_document.as_ref().map(|d| &d.uri));
    let view = project_of(snap, uri)?;
    let analysis = view.analysis();
    let mut report = ims_report::build(view.workspace(), &analysis);
    // The commit of the folder on disk; the content hash beside it is of
    // the text as the editor holds it.
    report.control.commit = view
        .project
        .root
        .as_ref()
        .and_then(|root| ims_project::git_revision(&root.dir))
        .map(|r| ims_report::Commit { id: r.commit, dirty: r.dirty });
    if let Some(names) = &params.sections {
        let mut sections = Vec::new();
        for name in names {
            sections.push(ims_report::Section::from_name(name).ok_or_else(|| {
                let known: Vec<&str> = ims_report::Section::ALL.iter().map(|s| s.name()).collect();
                proto::invalid_params(format!(
                    "unknown report section `{name}`: one of {}",
                    known.join(", ")
                ))
            })?);
        }
        report = report.only(&sections);
    }
    let bytes = params.format.render(&report).map_err(proto::invalid_params)?;
    Ok(if params.format.is_binary() {
        ReportResult { content: base64(&bytes), encoding: Some("base64") }
    } else {
        ReportResult { content: String::from_utf8_lossy(&bytes).into_owned(), encoding: None }
    })
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
    fn base64_as_rfc_4648() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(super::base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

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
