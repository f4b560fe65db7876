//! End-to-end tests of the `ims/report` request of `ims lsp`: the report an
//! editor's webview shows is the one `ims report` prints, it follows the
//! editor's unsaved text, and it links back to the files.

use std::process::Command;

use ims_e2e::lsp_client::{file_uri, LspClient, TempDir};
use ims_e2e::{example, ims_binary};
use serde_json::{json, Value};

fn capabilities() -> Value {
    json!({
        "workspace": { "configuration": true, "workspaceFolders": true },
        "textDocument": { "publishDiagnostics": { "versionSupport": true } }
    })
}

/// A session with a copy of examples/acme.ims open in a workspace folder.
fn open_acme(client: &mut LspClient, dir: &TempDir) -> (String, String) {
    let text = std::fs::read_to_string(example("acme.ims")).unwrap();
    let path = dir.write("acme.ims", &text);
    client.initialize(Some(dir.path()), capabilities());
    let uri = file_uri(&path);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    (uri, text)
}

fn content(result: Result<Value, Value>) -> String {
    let result = result.unwrap_or_else(|e| panic!("ims/report failed: {e}"));
    result["content"].as_str().expect("the result holds the content").to_string()
}

#[test]
fn the_report_is_the_one_the_cli_prints() {
    let dir = TempDir::new("lsp-report-cli");
    let mut client = LspClient::spawn(&[]);
    let (uri, _) = open_acme(&mut client, &dir);
    let markdown =
        content(client.request("ims/report", json!({ "uri": uri, "format": "markdown" })));
    let path = dir.path().join("acme.ims");
    let cli = Command::new(ims_binary())
        .args(["report", "--format", "markdown"])
        .envs(ims_e2e::REPRODUCIBLE)
        .arg(&path)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(cli.status.success(), "{}", String::from_utf8_lossy(&cli.stderr));
    assert_eq!(markdown, String::from_utf8(cli.stdout).unwrap());
    assert!(markdown.starts_with("# Integration report: Acme Managed Services\n"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn html_for_the_folder_links_to_the_files_and_fetches_nothing() {
    let dir = TempDir::new("lsp-report-html");
    let mut client = LspClient::spawn(&[]);
    let (_, text) = open_acme(&mut client, &dir);
    let folder = file_uri(dir.path());
    // `html` is the default format.
    let html = content(client.request("ims/report", json!({ "uri": folder })));
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Supplier management"));
    let offset = text.find("process review").unwrap() + "process ".len();
    let line = text[..offset].matches('\n').count() + 1;
    let file = dir.path().join("acme.ims");
    assert!(
        html.contains(&format!(
            "data-process=\"review\" data-file=\"{}\" data-line=\"{line}\" data-offset=\"{offset}\"",
            file.display()
        )),
        "process names carry their definition"
    );
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn the_report_follows_unsaved_changes() {
    let dir = TempDir::new("lsp-report-change");
    let mut client = LspClient::spawn(&[]);
    let (uri, text) = open_acme(&mut client, &dir);
    let before = content(client.request("ims/report", json!({ "uri": uri, "format": "csv" })));
    assert!(before.contains("summary,coverage,missing,ISO 9001:2015,QMS,,,,52,"));
    // An unsaved edit: a process covering all of 9001 clause 4.
    let end = text.lines().count();
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{
                "range": { "start": { "line": end, "character": 0 }, "end": { "line": end, "character": 0 } },
                "text": "process context \"Context\" { covers 9001:4 }\n"
            }]
        }),
    );
    let after = content(client.request("ims/report", json!({ "uri": uri, "format": "csv" })));
    assert!(after.contains("summary,coverage,missing,ISO 9001:2015,QMS,,,,47,"), "{after}");
    assert!(after.contains("process,,context,Context,QMS,9001:4,"));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn an_unknown_uri_or_format_is_an_invalid_request() {
    let dir = TempDir::new("lsp-report-errors");
    let mut client = LspClient::spawn(&[]);
    open_acme(&mut client, &dir);
    let error = client
        .request("ims/report", json!({ "uri": "file:///elsewhere/other.ims" }))
        .expect_err("a document of another project");
    assert_eq!(error["code"], -32602, "{error}");
    let error = client
        .request("ims/report", json!({ "uri": file_uri(dir.path()), "format": "pdf" }))
        .expect_err("an unknown format");
    assert_eq!(error["code"], -32602, "{error}");
    assert!(client.shutdown_and_exit().success());
}

/// The editor can ask for some sections, and for the XLSX workbook, whose
/// bytes come in base64.
#[test]
fn sections_alone_and_the_workbook_in_base64() {
    let dir = TempDir::new("lsp-report-xlsx");
    let mut client = LspClient::spawn(&[]);
    let (uri, _) = open_acme(&mut client, &dir);
    let markdown =
        content(client.request(
            "ims/report",
            json!({ "uri": uri, "format": "markdown", "sections": ["soa"] }),
        ));
    assert!(markdown.starts_with("# Statement of Applicability: Acme Managed Services\n"));
    let headings: Vec<&str> = markdown.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(headings, ["## Statement of Applicability: ISMS"]);

    let result = client
        .request("ims/report", json!({ "uri": uri, "format": "xlsx", "sections": ["soa"] }))
        .unwrap();
    assert_eq!(result["encoding"], "base64");
    let encoded = result["content"].as_str().unwrap();
    assert!(encoded.starts_with("UEsDB"), "a zip archive: {}", &encoded[..16]);

    let error = client
        .request("ims/report", json!({ "uri": uri, "sections": ["appendix"] }))
        .expect_err("an unknown section");
    assert_eq!(error["code"], -32602, "{error}");
    assert!(error["message"].as_str().unwrap().contains("one of summary, matrix"), "{error}");
    assert!(client.shutdown_and_exit().success());
}
