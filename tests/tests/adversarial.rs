//! Hostile input for the real `ims` binary (issue 13, docs/reliability.md):
//! files, frames and clients that once crashed, hung, flooded or leaked.
//! Each test asserts the exact behaviour the tools promise, within a
//! generous bound enforced by a watchdog (`ims_within`, the LSP client's
//! timeout), never by sleeping.
//!
//! Some promises are proved where their feature is tested and only named
//! here: malformed JSON (`lsp.rs`), out-of-range positions and edits
//! (`lsp.rs`), the file size limit and a 50 MB file (`check.rs`), a broken
//! user catalog (`catalog.rs`).

use std::path::Path;
use std::time::Duration;

use ims_e2e::lsp_client::{file_uri, LspClient, TempDir};
use ims_e2e::run::ims_within;
use serde_json::{json, Value};

/// How long one run of `ims` may take on a busy machine.
const BOUND: Duration = Duration::from_secs(60);

/// The deepest nesting the lowering reads (`ims_syntax::MAX_NESTING`).
const MAX_NESTING: usize = 256;

const TOO_DEEP: &str = "nesting deeper than 256 levels: the statements of this block are not \
                        read (a `scope` or `controls` block holds lists, not further blocks)";

fn ims(dir: &Path, args: &[&str]) -> ims_e2e::run::Run {
    ims_within(dir, args, BOUND)
}

fn json_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn codes(findings: &Value) -> Vec<String> {
    let findings = findings.as_array().expect("an array of findings");
    findings.iter().map(|d| d["code"].as_str().unwrap_or("?").to_string()).collect()
}

// --- Deep nesting -----------------------------------------------------------

/// A valid IMS whose QMS scope nests `depth` `opener { ... }` blocks, one a
/// line (`one_line`: all on one line), with `units ops` innermost.
fn deeply_nested(opener: &str, depth: usize, one_line: bool) -> String {
    let br = if one_line { " " } else { "\n" };
    format!(
        "ims \"Deep\" {{ standards iso9001@2015 }}\nunit ops \"Operations\"\n\
         system QMS standard iso9001@2015 {{\n{}units ops{}\n}}\n",
        format!("{opener} {{{br}").repeat(depth),
        format!("{br}}}").repeat(depth),
    )
}

/// The line:column (1-based) of the block nested one level too deep.
fn too_deep_position(text: &str) -> (usize, usize) {
    // The system's `{` is the second; MAX_NESTING levels are read.
    let (offset, _) = text.match_indices('{').nth(1 + MAX_NESTING).unwrap();
    let line = text[..offset].matches('\n').count() + 1;
    let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
    (line, column)
}

#[test]
fn ten_thousand_nested_blocks_are_one_syntax_error_for_check_fmt_parse_and_report() {
    let dir = TempDir::new("adv-deep-cli");
    for (opener, one_line) in [("scope", false), ("controls", false), ("scope", true)] {
        let text = deeply_nested(opener, 10_000, one_line);
        dir.write("deep.ims", &text);
        let (line, column) = too_deep_position(&text);

        let run = ims(dir.path(), &["check", "--format", "json", "deep.ims"]);
        assert_eq!(run.code, 1, "{opener}: {}", run.stderr);
        let findings = json_of(&run.stdout);
        let syntax: Vec<&Value> =
            findings.as_array().unwrap().iter().filter(|d| d["code"] == "syntax-error").collect();
        assert_eq!(syntax.len(), 1, "{opener}: one error, not one a level: {findings:#}");
        assert_eq!(syntax[0]["message"], TOO_DEEP);
        assert_eq!(
            syntax[0]["range"]["start"],
            json!({ "line": line - 1, "character": column - 1 }),
            "{opener}"
        );
        // A handful of findings, not one a level.
        assert!(findings.as_array().unwrap().len() <= 8, "{findings:#}");

        let run = ims(dir.path(), &["check", "deep.ims"]);
        assert_eq!(run.code, 1);
        assert!(run.stdout.contains(TOO_DEEP), "{}", run.stdout);
        if !one_line {
            // Each finding shows its own lines only.
            assert!(run.stdout.len() < 16 * 1024, "{} bytes of output", run.stdout.len());
        }

        let run = ims(dir.path(), &["fmt", "--check", "deep.ims"]);
        assert_eq!(run.code, 1);
        assert_eq!(
            run.stderr,
            format!(
                "error: deep.ims: not formatted because of syntax errors; first at \
                 {line}:{column}: {TOO_DEEP}\n"
            )
        );
        let run = ims(dir.path(), &["fmt", "deep.ims"]);
        assert_eq!(run.code, 1);
        assert_eq!(std::fs::read_to_string(dir.path().join("deep.ims")).unwrap(), text);

        let run = ims(dir.path(), &["parse", "deep.ims"]);
        assert_eq!(run.code, 1);
        assert_eq!(run.stderr, format!("deep.ims:{line}:{column}: error: {TOO_DEEP}\n"));
        // The tree's indentation stops growing: the output grows with the
        // file, not with the square of its depth.
        assert!(run.stdout.len() < 400 * text.len(), "{} bytes of tree", run.stdout.len());
        assert!(run.stdout.contains("[depth 10000] "), "the depth is still shown");

        let run = ims(dir.path(), &["report", "--format", "csv", "deep.ims"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stdout.contains("QMS"));
    }
}

#[test]
fn nesting_within_the_budget_is_read_whole() {
    let dir = TempDir::new("adv-deep-budget");
    // The system's block is level 1: MAX_NESTING - 1 scopes fit, on one
    // line, so that the formatter has work to do at every level.
    let text = deeply_nested("scope", MAX_NESTING - 1, true).replace("units ops", "units nobody");
    let path = dir.write("deep.ims", &text);
    let run = ims(dir.path(), &["check", "--format", "json", "deep.ims"]);
    let findings = json_of(&run.stdout);
    assert!(!codes(&findings).contains(&"syntax-error".to_string()), "{findings:#}");
    // The innermost `units nobody` is read.
    assert!(codes(&findings).contains(&"undefined-name".to_string()), "{findings:#}");
    let run = ims(dir.path(), &["fmt", "--check", "deep.ims"]);
    assert_eq!(run.code, 1, "not formatted yet: {}", run.stderr);
    let run = ims(dir.path(), &["fmt", "deep.ims"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(formatted.matches("scope {").count(), MAX_NESTING - 1);
    // The server's workers do the same at the budget's full depth.
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), json!({}));
    let uri = file_uri(&path);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    client.diagnostics(&uri, Some(1));
    every_request(&mut client, &uri, &text, json!({ "line": 3, "character": 500 }));
    let edits = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .unwrap();
    assert!(edits.as_array().is_some_and(|e| !e.is_empty()), "{edits:#}");
    assert!(client.shutdown_and_exit().success(), "{}", client.stderr());
}

#[test]
fn ten_thousand_nested_blocks_left_open_are_reported() {
    let dir = TempDir::new("adv-deep-open");
    let text = deeply_nested("scope", 10_000, false);
    // Half the blocks closed, then the end of the file.
    let cut = text.len() - 5_000 * 2 - "\n}\n".len();
    dir.write("open.ims", &text[..cut]);
    let run = ims(dir.path(), &["check", "--format", "json", "open.ims"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = json_of(&run.stdout);
    let syntax = codes(&findings).iter().filter(|c| *c == "syntax-error").count();
    assert!((1..=2).contains(&syntax), "{findings:#}");
    let run = ims(dir.path(), &["parse", "--quiet", "open.ims"]);
    assert_eq!(run.code, 1);
}

/// Every request an editor sends about a document, at `position`, each
/// answered without an error (a rename away from a name is refused as
/// invalid, which is an answer too).
fn every_request(client: &mut LspClient, uri: &str, text: &str, position: Value) {
    let doc = json!({ "uri": uri });
    let end = text.matches('\n').count();
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": end, "character": 0 } });
    let requests = [
        ("textDocument/hover", json!({ "textDocument": doc, "position": position })),
        ("textDocument/completion", json!({ "textDocument": doc, "position": position })),
        ("textDocument/definition", json!({ "textDocument": doc, "position": position })),
        (
            "textDocument/references",
            json!({ "textDocument": doc, "position": position, "context": { "includeDeclaration": true } }),
        ),
        ("textDocument/documentHighlight", json!({ "textDocument": doc, "position": position })),
        ("textDocument/prepareRename", json!({ "textDocument": doc, "position": position })),
        (
            "textDocument/rename",
            json!({ "textDocument": doc, "position": position, "newName": "operations" }),
        ),
        ("textDocument/documentSymbol", json!({ "textDocument": doc })),
        ("textDocument/foldingRange", json!({ "textDocument": doc })),
        ("textDocument/semanticTokens/full", json!({ "textDocument": doc })),
        ("textDocument/inlayHint", json!({ "textDocument": doc, "range": whole })),
        ("textDocument/codeLens", json!({ "textDocument": doc })),
        (
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": whole, "context": { "diagnostics": [] } }),
        ),
        (
            "textDocument/formatting",
            json!({ "textDocument": doc, "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
        ("workspace/symbol", json!({ "query": "o" })),
    ];
    for (method, params) in requests {
        let answer = client.request(method, params);
        let refused = method == "textDocument/rename"
            && answer.as_ref().is_err_and(|error| error["code"] == -32602);
        assert!(answer.is_ok() || refused, "{method}: {answer:?}");
    }
}

#[test]
fn the_server_survives_ten_thousand_nested_blocks_in_the_workspace_and_opened() {
    let dir = TempDir::new("adv-deep-lsp");
    let text = deeply_nested("scope", 10_000, false);
    // On disk, read at `initialize`, before any document is opened.
    let path = dir.write("deep.ims", &text);
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), json!({}));
    let uri = file_uri(&path);
    let diagnostics = client.diagnostics(&uri, None);
    assert!(diagnostics.iter().any(|d| d["message"] == TOO_DEEP), "{diagnostics:#?}");

    // Opened, edited, and asked everything, deep inside the nesting.
    let opened = deeply_nested("controls", 10_000, false);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": opened } }),
    );
    let diagnostics = client.diagnostics(&uri, Some(1));
    let too_deep: Vec<&Value> = diagnostics.iter().filter(|d| d["message"] == TOO_DEEP).collect();
    assert_eq!(too_deep.len(), 1, "{diagnostics:#?}");
    let (line, column) = too_deep_position(&opened);
    assert_eq!(too_deep[0]["range"]["start"], json!({ "line": line - 1, "character": column - 1 }));
    every_request(&mut client, &uri, &opened, json!({ "line": 5000, "character": 3 }));
    every_request(&mut client, &uri, &opened, json!({ "line": 1, "character": 6 }));
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }),
    );
    let diagnostics = client.diagnostics(&uri, Some(2));
    assert!(diagnostics.iter().any(|d| d["message"] == TOO_DEEP), "{diagnostics:#?}");
    every_request(&mut client, &uri, &text, json!({ "line": 9000, "character": 0 }));
    assert!(client.shutdown_and_exit().success(), "{}", client.stderr());
}
