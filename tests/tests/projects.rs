//! The editor and `ims check` see the same project for the same file: with
//! the whole repository open in the editor (as a user who clones it does),
//! every example is its own project, and each file gets exactly the
//! diagnostics `ims check` reports for it (docs/cli.md, "Projects").

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use ims_e2e::lsp_client::{file_uri, LspClient};
use ims_e2e::{ims_binary, workspace_root};
use serde_json::{json, Value};

/// `(line, character, code, message)` of each diagnostic: what both front
/// ends must agree on.
type Finding = (u64, u64, String, String);

fn finding(range: &Value, code: &Value, message: &Value) -> Finding {
    (
        range["start"]["line"].as_u64().unwrap(),
        range["start"]["character"].as_u64().unwrap(),
        code.as_str().unwrap_or_default().to_string(),
        message.as_str().unwrap().to_string(),
    )
}

fn check_findings(file: &Path) -> BTreeSet<Finding> {
    let output = Command::new(ims_binary())
        .args(["check", "--format", "json"])
        .arg(file)
        .current_dir(workspace_root())
        .output()
        .expect("ims runs");
    assert!(output.status.code().is_some_and(|c| c < 2), "{output:?}");
    let findings: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|d| finding(&d["range"], &d["code"], &d["message"]))
        .collect()
}

#[test]
fn the_editor_and_ims_check_agree_on_every_example() {
    let root = workspace_root();
    let examples = [
        "examples/acme.ims",
        "examples/harbour/harbour.ims",
        "examples/multi-file/ims.ims",
        "examples/multi-file/organisation.ims",
        "examples/multi-file/processes.ims",
        "examples/multi-file/register.ims",
    ];
    let mut compared = 0;
    let mut client = LspClient::spawn(&[]);
    client.initialize(
        Some(&root.canonicalize().unwrap()),
        json!({ "textDocument": { "diagnostic": {} } }),
    );
    for example in examples {
        let path = root.join(example).canonicalize().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let uri = file_uri(&path);
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
        );
        let report = client
            .request("textDocument/diagnostic", json!({ "textDocument": { "uri": uri } }))
            .expect("the server answers a diagnostic pull");
        let editor: BTreeSet<Finding> = report["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| finding(&d["range"], &d["code"], &d["message"]))
            .collect();
        let cli = check_findings(&path);
        compared += cli.len();
        assert_eq!(editor, cli, "{example}: the editor and `ims check` disagree");
        // Nothing of the other examples leaks in.
        assert!(
            editor
                .iter()
                .all(|(_, _, code, _)| code != "duplicate-name" && code != "duplicate-header"),
            "{example}: merged with another project: {editor:#?}"
        );
    }
    // The examples have findings, so the comparison compared something.
    assert!(compared > 20, "{compared} findings compared");
    assert!(client.shutdown_and_exit().success());
}
