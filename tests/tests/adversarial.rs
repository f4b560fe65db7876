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

// --- Bad frames ----------------------------------------------------------

/// A request the server answers, sent after a bad frame: the session goes on.
fn still_answers(client: &mut LspClient, what: &str) {
    let symbols = client.request("workspace/symbol", json!({ "query": "" }));
    assert!(symbols.is_ok(), "after {what}: {symbols:?}");
}

#[test]
fn every_kind_of_bad_frame_is_answered_and_the_next_request_is_too() {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, json!({}));
    // A Content-Length shorter than the body: one parse error for the
    // frame, then the rest of the body is skipped up to the next header.
    let body = br#"{"jsonrpc":"2.0","id":900,"method":"workspace/symbol","params":{"query":""}}"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len() - 10).as_bytes());
    client.send_raw(body);
    client.wait_for("the parse error of the short frame", |m| m["error"]["code"] == -32700);
    still_answers(&mut client, "a short Content-Length");

    // A header line that is no header: the frame is answered as malformed.
    client.send_raw(b"Hello there\r\n\r\n");
    let error = client.wait_for("the malformed header", |m| m["error"]["code"] == -32700);
    assert!(error["error"]["message"].as_str().unwrap().contains("malformed header"), "{error}");
    still_answers(&mut client, "a garbage header");

    // A Content-Length that is not a number.
    client.send_raw(b"Content-Length: lots\r\n\r\n");
    let error = client.wait_for("the bad Content-Length", |m| m["error"]["code"] == -32700);
    assert!(error["error"]["message"].as_str().unwrap().contains("Content-Length"), "{error}");
    still_answers(&mut client, "a Content-Length that is not a number");

    // A Content-Length far beyond any message, followed by a valid frame:
    // refused at once, and the reader picks up at the next header instead
    // of waiting for an exabyte.
    client.send_raw(b"Content-Length: 1000000000000000000\r\n\r\n");
    let error = client.wait_for("the huge Content-Length", |m| m["error"]["code"] == -32700);
    assert!(error["error"]["message"].as_str().unwrap().contains("larger than"), "{error}");
    still_answers(&mut client, "a huge Content-Length");

    // Invalid JSON, and a body that is not UTF-8.
    client.send_raw(b"Content-Length: 9\r\n\r\n{\"id\": 1,");
    client.wait_for("the parse error of invalid JSON", |m| m["error"]["code"] == -32700);
    still_answers(&mut client, "invalid JSON");
    client.send_raw(b"Content-Length: 4\r\n\r\n\"\xff\xfe\"");
    client.wait_for("the parse error of a non-UTF-8 body", |m| m["error"]["code"] == -32700);
    still_answers(&mut client, "a body that is not UTF-8");

    // Valid JSON that is no JSON-RPC message: invalid request, with its id.
    let body = br#"{"jsonrpc":"2.0","id":77,"method":7}"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    client.send_raw(body);
    let error = client.wait_for("the invalid request", |m| m["id"] == 77);
    assert_eq!(error["error"]["code"], -32600);
    still_answers(&mut client, "an invalid request");

    assert!(client.shutdown_and_exit().success(), "{}", client.stderr());
    assert_eq!(client.garbage(), Vec::<String>::new(), "stdout is protocol only");
}

#[test]
fn unknown_dollar_requests_get_method_not_found_and_notifications_nothing() {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, json!({}));
    let error = client.request("$/foo", json!({})).unwrap_err();
    assert_eq!(error["code"], -32601);
    assert_eq!(error["message"], "Method not found: $/foo");
    // A `$/` notification is ignored, as the specification allows.
    client.notify("$/bar", json!({}));
    client.notify("$/cancelRequest", json!({ "id": 12345 }));
    still_answers(&mut client, "`$/` notifications");
    assert!(client.shutdown_and_exit().success());
    assert_eq!(client.garbage(), Vec::<String>::new());
}

// --- Files that are not what they seem --------------------------------------

const CLEAN: &str = "ims \"Acme\" { standards iso9001@2015 }\nunit ops \"Operations\"\n";

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_workspace_or_as_a_catalog_is_refused_without_blocking() {
    let dir = TempDir::new("adv-fifo");
    dir.write("acme.ims", CLEAN);
    mkfifo(&dir.path().join("x.ims"));
    let run = ims(dir.path(), &["check", "."]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: ./x.ims: is a FIFO (named pipe), not a regular file; not read\n"
    );
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), json!({}));
    let fifo_uri = file_uri(&dir.path().join("x.ims"));
    let diagnostics = client.diagnostics(&fifo_uri, None);
    assert_eq!(
        diagnostics[0]["message"],
        "is a FIFO (named pipe), not a regular file; not read; this file is not analysed"
    );
    // The other files are analysed: the workspace knows `ops`.
    let symbols = client.request("workspace/symbol", json!({ "query": "ops" })).unwrap();
    assert_eq!(symbols[0]["name"], "ops", "{symbols:#}");
    assert!(client.shutdown_and_exit().success());

    // A FIFO as the catalog, named in ims.toml and on the command line.
    let dir = TempDir::new("adv-fifo-catalog");
    dir.write("acme.ims", CLEAN);
    dir.write("ims.toml", "catalogs = [\"iso14001.toml\"]\n");
    let catalog = dir.path().join("iso14001.toml");
    mkfifo(&catalog);
    let message =
        format!("{}: is a FIFO (named pipe), not a regular file; not read", catalog.display());
    let run = ims(dir.path(), &["check", "."]);
    assert_eq!((run.code, run.stderr.as_str()), (2, format!("error: {message}\n").as_str()));
    let run = ims(dir.path(), &["check", "--catalog", catalog.to_str().unwrap(), "acme.ims"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains(&message), "{}", run.stderr);
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), json!({}));
    let diagnostics = client.diagnostics(&file_uri(&catalog), None);
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("is a FIFO"), "{diagnostics:#?}");
    still_answers(&mut client, "a FIFO as a catalog");
    assert!(client.shutdown_and_exit().success());
}

#[cfg(unix)]
#[test]
fn dev_zero_as_a_catalog_is_refused_at_once() {
    let dir = TempDir::new("adv-dev-zero");
    dir.write("acme.ims", CLEAN);
    let run = ims(dir.path(), &["check", "--catalog", "/dev/zero", "acme.ims"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("/dev/zero: is a device, not a regular file; not read"),
        "{}",
        run.stderr
    );
    // Named in the workspace's ims.toml, it is outside the project.
    dir.write("ims.toml", "catalogs = [\"/dev/zero\"]\n");
    let run = ims(dir.path(), &["check", "acme.ims"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("the catalog /dev/zero lies outside the project"),
        "{}",
        run.stderr
    );
    // As the user-level editor setting, a device is still no catalog.
    std::fs::remove_file(dir.path().join("ims.toml")).unwrap();
    let mut client = LspClient::spawn(&[]);
    client.settings = json!({ "catalogs": ["/dev/zero"] });
    client.initialize(Some(dir.path()), json!({ "workspace": { "configuration": true } }));
    let diagnostics = client.diagnostics("file:///dev/zero", None);
    assert!(
        diagnostics[0]["message"].as_str().unwrap().contains("is a device"),
        "{diagnostics:#?}"
    );
    still_answers(&mut client, "/dev/zero as a catalog");
    assert!(client.shutdown_and_exit().success());
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_project_is_never_read_or_shown() {
    let outside = TempDir::new("adv-outside");
    let secret =
        outside.write("secret.ims", "unit secret-unit \"Password is hunter2\" at nowhere\n");
    let dir = TempDir::new("adv-link");
    dir.write("acme.ims", CLEAN);
    let link = dir.path().join("x.ims");
    std::os::unix::fs::symlink(&secret, &link).unwrap();
    for args in [&["check", "."][..], &["check", "--format", "json", "."], &["report", "."]] {
        let run = ims(dir.path(), args);
        for out in [&run.stdout, &run.stderr] {
            assert!(!out.contains("hunter2") && !out.contains("secret-unit"), "{args:?}: {out}");
        }
        if args[0] == "check" {
            assert_eq!(run.code, 2, "{args:?}");
            assert!(run.stderr.contains("x.ims: is a symbolic link to a file outside the project"));
        }
    }
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), json!({}));
    let diagnostics = client.diagnostics(&file_uri(&link), None);
    let shown = serde_json::to_string(&diagnostics).unwrap();
    assert!(shown.contains("outside the project") && !shown.contains("hunter2"), "{shown}");
    let symbols = client.request("workspace/symbol", json!({ "query": "secret" })).unwrap();
    assert_eq!(symbols, json!([]), "nothing of the file outside is known");
    assert!(client.shutdown_and_exit().success());
}

// --- Text that is not what it seems -----------------------------------------

#[test]
fn formatting_keeps_the_bom_and_crlf() {
    let dir = TempDir::new("adv-bom-crlf");
    let text = "\u{feff}ims \"Acme\"   { standards iso9001@2015 }\r\nunit   ops \"Operations\"\r\n";
    let path = dir.write("acme.ims", text);
    let run = ims(dir.path(), &["fmt", "acme.ims"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        formatted,
        "\u{feff}ims \"Acme\" { standards iso9001@2015 }\r\n\r\nunit ops \"Operations\"\r\n"
    );
    let run = ims(dir.path(), &["fmt", "--check", "acme.ims"]);
    assert_eq!(run.code, 0, "formatted once is formatted: {}", run.stderr);
}

#[test]
fn crlf_never_leaks_a_carriage_return_into_ranges_or_details() {
    let text = "site hq \"HQ\" // the head office\r\nunit ops \"Ops\r\nsite dc \"DC\"\r\n";
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, json!({}));
    let uri = "untitled:crlf.ims";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    let diagnostics = client.diagnostics(uri, Some(1));
    let unterminated = diagnostics
        .iter()
        .find(|d| d["message"].as_str().unwrap().starts_with("unterminated string"))
        .expect("the unterminated string is reported");
    // `"Ops` ends before the line break: line 1, characters 9 to 13.
    assert_eq!(
        unterminated["range"],
        json!({ "start": { "line": 1, "character": 9 }, "end": { "line": 1, "character": 13 } })
    );
    // No semantic token runs into a line break.
    let lines: Vec<usize> = text.split("\r\n").map(|l| l.encode_utf16().count()).collect();
    let tokens = client
        .request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri } }));
    let data: Vec<u64> =
        tokens.unwrap()["data"].as_array().unwrap().iter().map(|n| n.as_u64().unwrap()).collect();
    let (mut line, mut start) = (0u64, 0u64);
    for token in data.chunks(5) {
        if token[0] > 0 {
            (line, start) = (line + token[0], token[1]);
        } else {
            start += token[1];
        }
        let end = start + token[2];
        assert!(end as usize <= lines[line as usize], "token at {line}:{start} ends at {end}");
    }
    let symbols = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }))
        .unwrap();
    let shown = serde_json::to_string(&symbols).unwrap();
    assert!(!shown.contains("\\r"), "{shown}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn a_keyword_is_a_name_where_a_name_is_expected() {
    let dir = TempDir::new("adv-keywords");
    dir.write(
        "acme.ims",
        "ims \"Acme\" { standards iso9001@2015 }\nunit procurement \"Procurement\"\n\
         process suppliers \"Suppliers\" { owner procurement }\n",
    );
    let run = ims(dir.path(), &["check", "--format", "json", "acme.ims"]);
    let findings = json_of(&run.stdout);
    assert!(!codes(&findings).contains(&"syntax-error".to_string()), "{findings:#}");
    // A keyword after a comma is the name it stands for: undefined here.
    dir.write(
        "acme.ims",
        "ims \"Acme\" { standards iso9001@2015 }\nsite hq \"HQ\"\nunit ops \"Ops\" at hq, site\n",
    );
    let run = ims(dir.path(), &["check", "--format", "json", "acme.ims"]);
    let findings = json_of(&run.stdout);
    let undefined: Vec<&Value> =
        findings.as_array().unwrap().iter().filter(|d| d["code"] == "undefined-name").collect();
    assert_eq!(undefined.len(), 1, "{findings:#}");
    assert_eq!(undefined[0]["message"], "no site named `site`");
    assert!(!codes(&findings).contains(&"syntax-error".to_string()), "{findings:#}");
}

// --- Output that goes nowhere -----------------------------------------------

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::io::Read;
    let mut child = std::process::Command::new(ims_e2e::ims_binary())
        .args(["catalog", "--format", "json"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read 10 bytes, as `head -c 10` does, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr, "", "no panic, no message: the reader chose to stop");
    assert_eq!(output.status.code(), Some(0));
}

// --- Bursts ---------------------------------------------------------------

#[test]
fn a_burst_of_two_thousand_breaking_changes_ends_in_the_diagnostics_of_check() {
    let dir = TempDir::new("adv-burst");
    // 10,000 lines: units and a system whose scope names them.
    let mut text = String::from("ims \"Big\" { standards iso9001@2015 }\n");
    for i in 0..9_990 {
        text.push_str(&format!("unit u{i} \"Unit {i}\"\n"));
    }
    text.push_str("system QMS standard iso9001@2015 { scope { units u1, u2, missing } }\n");
    let path = dir.write("big.ims", &text);
    let uri = file_uri(&path);
    let mut client = LspClient::spawn(&[]);
    client.initialize(
        Some(dir.path()),
        json!({ "textDocument": { "publishDiagnostics": { "versionSupport": true } } }),
    );
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    client.diagnostics(&uri, Some(1));
    // Line 5000 alternately broken (an unterminated string) and repaired.
    let line = 5_000;
    let original = format!("unit u{} \"Unit {}\"", line - 1, line - 1);
    let broken = format!("unit u{} \"Unit {}", line - 1, line - 1);
    let mut version = 1;
    for i in 0..2_000 {
        version += 1;
        let (old, new) = if i % 2 == 0 { (&original, &broken) } else { (&broken, &original) };
        let end = old.encode_utf16().count();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": { "line": line, "character": 0 }, "end": { "line": line, "character": end } }, "text": new }]
            }),
        );
    }
    // 2,000 changes: the final text is the original one.
    let diagnostics = client.diagnostics(&uri, Some(version));
    let run = ims(dir.path(), &["check", "--format", "json", "big.ims"]);
    let expected: Vec<(Value, Value)> = json_of(&run.stdout)
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"].as_str().is_some_and(|f| f.ends_with("big.ims")))
        .map(|d| (d["code"].clone(), d["range"].clone()))
        .collect();
    let mut got: Vec<(Value, Value)> =
        diagnostics.iter().map(|d| (d["code"].clone(), d["range"].clone())).collect();
    let mut expected = expected;
    let key = |d: &(Value, Value)| format!("{}{}", d.0, d.1);
    got.sort_by_key(key);
    expected.sort_by_key(key);
    assert_eq!(got, expected);
    assert!(client.shutdown_and_exit().success());
}
