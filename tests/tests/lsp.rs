//! End-to-end tests of `ims lsp`: the real binary, real JSON-RPC over its
//! stdio. Each test waits for the message it expects (with a generous
//! timeout), never for a fixed time.

use ims_e2e::example;
use ims_e2e::lsp_client::{file_uri, position_of, LspClient, TempDir};
use serde_json::{json, Value};

/// A client whose capabilities are those most editors send.
fn capabilities() -> Value {
    json!({
        "workspace": {
            "configuration": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true },
            "workspaceFolders": true
        },
        "textDocument": {
            "synchronization": { "dynamicRegistration": false },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true },
            "completion": { "completionItem": { "snippetSupport": true } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "rename": { "prepareSupport": true }
        }
    })
}

/// A workspace folder holding a copy of examples/acme.ims, and the session
/// with that file open; returns the file's URI and text.
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

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap_or("?").to_string()).collect()
}

fn team_a_gap(diagnostics: &[Value]) -> Option<&Value> {
    diagnostics
        .iter()
        .find(|d| d["code"] == "scope-gap" && d["message"].as_str().unwrap().contains("`team-a`"))
}

#[test]
fn initialize_announces_capabilities_and_negotiates_utf16_by_default() {
    let mut client = LspClient::spawn(&[]);
    let result = client.initialize(None, capabilities());
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["completionProvider"]["triggerCharacters"], json!([":", ".", " "]));
    assert_eq!(caps["documentFormattingProvider"], true);
    assert!(caps["codeActionProvider"]["codeActionKinds"]
        .as_array()
        .unwrap()
        .contains(&json!("quickfix")));
    assert_eq!(result["serverInfo"]["name"], "ims");
    // Without pull support in the client, diagnostics are pushed only.
    assert!(caps.get("diagnosticProvider").is_none());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn initialize_chooses_utf8_when_the_client_offers_it() {
    let mut client = LspClient::spawn(&[]);
    let mut caps = capabilities();
    caps["general"] = json!({ "positionEncodings": ["utf-8", "utf-16"] });
    let result = client.initialize(None, caps);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");

    // Positions now count bytes: `é` is two of them.
    let uri = "untitled:utf8.ims";
    let text = "site hq \"é\"; site dc1 \"D\"\n";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 20 } }),
        )
        .unwrap();
    assert_eq!(
        hover["range"],
        json!({ "start": { "line": 0, "character": 19 }, "end": { "line": 0, "character": 22 } })
    );
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn acme_diagnostics_arrive_with_codes_links_and_related_locations() {
    let dir = TempDir::new("diagnostics");
    let mut client = LspClient::spawn(&[]);
    let (uri, text) = open_acme(&mut client, &dir);
    let diagnostics = client.diagnostics(&uri, Some(1));
    let codes = codes(&diagnostics);
    for expected in ["scope-gap", "scope-crossing", "delegation-gap", "uncovered-clauses"] {
        assert!(codes.iter().any(|c| c == expected), "no {expected} in {codes:?}");
    }
    let gap = team_a_gap(&diagnostics).expect("a scope gap on team-a");
    assert_eq!(gap["severity"], 2);
    assert_eq!(gap["source"], "ims");
    // No documentation URL is configured: no link that would lead nowhere.
    assert!(gap.get("codeDescription").is_none(), "{gap}");
    assert_eq!(gap["range"]["start"], position_of(&text, "unit team-a", 0, 5));
    let related = gap["relatedInformation"].as_array().unwrap();
    assert!(!related.is_empty());
    assert!(related.iter().all(|r| r["location"]["uri"] == uri));
    assert!(client.shutdown_and_exit().success());
}

/// The server converts a file's diagnostics again only when they or the
/// text they are counted in changed: an edit that moves no byte offset but
/// joins two lines leaves the analysis's diagnostics as they were, and the
/// positions sent must still be those of the new text.
#[test]
fn diagnostics_follow_lines_that_moved_without_any_byte_moving() {
    let dir = TempDir::new("joined-lines");
    let mut client = LspClient::spawn(&[]);
    let (uri, text) = open_acme(&mut client, &dir);
    let before = client.diagnostics(&uri, Some(1));
    let gap = team_a_gap(&before).expect("a scope gap on team-a");
    assert_eq!(gap["range"]["start"], position_of(&text, "unit team-a", 0, 5));

    // The line break before `unit team-a` becomes a space: one byte for one.
    let at = text.find("\nunit team-a").unwrap();
    let start = position_of(&text, "\nunit team-a", 0, 0);
    let end = position_of(&text, "unit team-a", 0, 0);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": start, "end": end }, "text": " " }]
        }),
    );
    let mut joined = text.clone();
    joined.replace_range(at..at + 1, " ");
    let after = client.diagnostics(&uri, Some(2));
    let gap = team_a_gap(&after).expect("the scope gap on team-a is still there");
    assert_eq!(gap["range"]["start"], position_of(&joined, "unit team-a", 0, 5));
    assert_ne!(gap["range"]["start"], position_of(&text, "unit team-a", 0, 5));
    assert_eq!(after.len(), before.len());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn hover_on_a_clause_shows_its_correlations() {
    let dir = TempDir::new("hover");
    let mut client = LspClient::spawn(&[]);
    let (uri, text) = open_acme(&mut client, &dir);
    let at = position_of(&text, "20000-1:8.3.4", 0, 10);
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": at }))
        .unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    // Catalog and user text is escaped (`8\.3\.4`): read it as rendered.
    let value = hover["contents"]["value"].as_str().unwrap().replace('\\', "");
    assert!(value.contains("8.3.4** Supplier management"), "{value}");
    assert!(value.contains("ISO 9001:2015"), "{value}");
    assert!(value.contains("8.4 Control of externally provided"), "{value}");
    assert_eq!(hover["range"]["start"], position_of(&text, "20000-1:8.3.4", 0, 0));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn completion_after_a_clause_prefix_lists_sub_clauses_with_titles() {
    let dir = TempDir::new("completion");
    let mut client = LspClient::spawn(&[]);
    let (uri, text) = open_acme(&mut client, &dir);
    // Type ` 9001:8.` after `9001:9.3,` in the review process.
    let at = position_of(&text, "9001:9.3,", 0, "9001:9.3,".len());
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": at, "end": at }, "text": " 9001:8.," }]
        }),
    );
    let cursor = json!({ "line": at["line"], "character": at["character"].as_u64().unwrap() + 8 });
    let result = client
        .request(
            "textDocument/completion",
            json!({ "textDocument": { "uri": uri }, "position": cursor,
                    "context": { "triggerKind": 2, "triggerCharacter": "." } }),
        )
        .unwrap();
    let items = result.as_array().expect("a list of items");
    let text_of = |item: &Value| format!("{} {}", item["label"], item["detail"]);
    for (number, title) in
        [("8.1", "Operational planning and control"), ("8.4", "Control of externally provided")]
    {
        assert!(
            items.iter().any(|i| {
                let t = text_of(i);
                t.contains(number) && t.contains(title)
            }),
            "no {number} {title} in {:#?}",
            items.iter().map(text_of).collect::<Vec<_>>()
        );
    }
    for number in ["8.1", "8.2", "8.3", "8.4", "8.5", "8.6", "8.7"] {
        assert!(items.iter().any(|i| i["label"].as_str().unwrap().contains(number)), "{number}");
    }
    assert!(client.shutdown_and_exit().success());
}

/// Applies a workspace edit's changes for `uri` as one didChange, last edit
/// first so that earlier ranges stay valid.
fn apply_edit(client: &mut LspClient, uri: &str, version: i64, edit: &Value) {
    let mut edits = edit["changes"][uri].as_array().cloned().unwrap_or_default();
    edits.sort_by_key(|e| {
        let start = &e["range"]["start"];
        (start["line"].as_u64().unwrap(), start["character"].as_u64().unwrap())
    });
    edits.reverse();
    let changes: Vec<Value> =
        edits.iter().map(|e| json!({ "range": e["range"], "text": e["newText"] })).collect();
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
    );
}

#[test]
fn a_quick_fix_applied_through_did_change_clears_its_diagnostic() {
    let dir = TempDir::new("quickfix");
    let mut client = LspClient::spawn(&[]);
    let (uri, _) = open_acme(&mut client, &dir);
    let diagnostics = client.diagnostics(&uri, Some(1));
    let gap = team_a_gap(&diagnostics).expect("a scope gap on team-a").clone();
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": gap["range"],
                "context": { "diagnostics": [gap], "only": ["quickfix"] }
            }),
        )
        .unwrap();
    let fix = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["message"] == gap["message"])
        .unwrap_or_else(|| panic!("a quick fix for the gap in {actions:#}"))
        .clone();
    assert!(fix["title"].as_str().unwrap().contains("team-a"), "{fix:#}");
    apply_edit(&mut client, &uri, 2, &fix["edit"]);
    let after = client.diagnostics(&uri, Some(2));
    assert!(team_a_gap(&after).is_none(), "still there: {:#?}", team_a_gap(&after));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn formatting_returns_edits_that_format_the_file() {
    let dir = TempDir::new("format");
    let path = dir.write("messy.ims", "site   hq  \"HQ\"\n\n\n\nunit ops \"Ops\"   at hq\n");
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), capabilities());
    let uri = file_uri(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    let edits = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .unwrap();
    let edits = edits.as_array().expect("edits");
    assert!(!edits.is_empty());
    apply_edit(&mut client, &uri, 2, &json!({ "changes": { uri.clone(): edits } }));
    // Formatting the formatted text changes nothing.
    let again = client
        .request(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": { "tabSize": 2, "insertSpaces": true } }),
        )
        .unwrap();
    assert_eq!(again, json!([]));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn malformed_json_is_answered_and_the_session_goes_on() {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, capabilities());
    let body = b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ";
    client.send_raw(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    client.send_raw(body);
    let error = client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(error["id"], Value::Null);
    // An unknown method is an error too, and still the session goes on.
    let unknown = client.request("ims/noSuchMethod", json!({})).unwrap_err();
    assert_eq!(unknown["code"], -32601);
    let uri = "untitled:after.ims";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": "site hq \"HQ\"\n" } }),
    );
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 6 } }),
        )
        .unwrap();
    assert!(hover["contents"]["value"].as_str().unwrap().contains("hq"), "{hover:#}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn out_of_range_positions_and_unknown_documents_get_errors() {
    let dir = TempDir::new("ranges");
    let mut client = LspClient::spawn(&[]);
    let (uri, _) = open_acme(&mut client, &dir);
    let error = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 100000, "character": 3 } }),
        )
        .unwrap_err();
    assert_eq!(error["code"], -32602);
    assert!(error["message"].as_str().unwrap().contains("out of range"), "{error:#}");
    // A character past the end of a line means the end of the line.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 26, "character": 100000 } }),
    );
    assert!(hover.is_ok(), "{hover:?}");
    let error = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///nowhere/unknown.ims" }, "position": { "line": 0, "character": 0 } }),
        )
        .unwrap_err();
    assert_eq!(error["code"], -32602);
    assert!(error["message"].as_str().unwrap().contains("unknown document"), "{error:#}");
    // So is a document that was closed and is not a file on disk.
    let closed = "untitled:closed.ims";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": closed, "languageId": "ims", "version": 1, "text": "site a \"A\"\n" } }),
    );
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": closed } }));
    let error = client
        .request("textDocument/documentSymbol", json!({ "textDocument": { "uri": closed } }))
        .unwrap_err();
    assert_eq!(error["code"], -32602);
    // An edit far out of range is clamped to the end of the document.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": 2 },
            "contentChanges": [{ "range": { "start": { "line": 9999, "character": 0 }, "end": { "line": 9999, "character": 5 } }, "text": "\nsite extra \"Extra\"\n" }]
        }),
    );
    let diagnostics = client.diagnostics(&uri, Some(2));
    assert!(!diagnostics.is_empty());
    assert!(client.shutdown_and_exit().success());
}

/// `IMS_LOG=info` (the default) says on stderr what the server serves;
/// `IMS_LOG=error` keeps it quiet; stdout stays protocol only either way
/// (`stdout_carries_nothing_but_protocol_frames`).
#[test]
fn the_log_level_decides_what_goes_to_stderr() {
    for (level, expect_info) in [("info", true), ("error", false)] {
        let dir = TempDir::new("log");
        let mut client = LspClient::spawn(&[("IMS_LOG", level)]);
        let (uri, _) = open_acme(&mut client, &dir);
        client.diagnostics(&uri, None);
        assert!(client.shutdown_and_exit().success());
        let stderr = client.stderr();
        let info = stderr.contains("[info] ims lsp: ") && stderr.contains(" files");
        assert_eq!(info, expect_info, "IMS_LOG={level}:\n{stderr}");
    }
}

#[test]
fn a_panic_in_a_request_is_answered_and_logged_and_the_session_goes_on() {
    let dir = TempDir::new("panic");
    let mut client = LspClient::spawn(&[("IMS_LSP_TEST_PANIC", "1")]);
    let (uri, text) = open_acme(&mut client, &dir);
    let error = client.request("ims/debugPanic", Value::Null).unwrap_err();
    assert_eq!(error["code"], -32603);
    assert!(
        error["message"].as_str().unwrap().contains("ims/debugPanic was requested"),
        "{error:#}"
    );
    let log = client.wait_for("the panic logged to the client", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"].as_str().unwrap().contains("ims/debugPanic was requested")
    });
    assert_eq!(log["params"]["type"], 1);
    let at = position_of(&text, "unit team-a", 0, 6);
    let hover = client
        .request("textDocument/hover", json!({ "textDocument": { "uri": uri }, "position": at }))
        .unwrap();
    assert!(hover["contents"]["value"].as_str().unwrap().contains("team-a"), "{hover:#}");
    assert!(client.shutdown_and_exit().success());
    assert!(client.stderr().contains("ims/debugPanic was requested"));
}

#[test]
fn the_panic_hook_is_absent_without_its_environment_variable() {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, capabilities());
    let error = client.request("ims/debugPanic", Value::Null).unwrap_err();
    assert_eq!(error["code"], -32601);
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn exit_without_shutdown_ends_with_code_1() {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, capabilities());
    let status = client.exit();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn closing_stdin_answers_what_was_sent_and_ends_the_server() {
    let mut client = LspClient::spawn(&[]);
    let id = client.send_request("initialize", json!({ "processId": null, "capabilities": {} }));
    client.close_stdin();
    let result = client.response(id).expect("initialize is answered");
    assert_eq!(result["serverInfo"]["name"], "ims");
    assert_eq!(client.wait_exit().code(), Some(1));
}

#[test]
fn stdout_carries_nothing_but_protocol_frames() {
    let dir = TempDir::new("stdout");
    dir.write("bad.ims", b"site hq \"\xff\xfe\"\n");
    let mut client = LspClient::spawn(&[("IMS_LSP_TEST_PANIC", "1")]);
    let (uri, text) = open_acme(&mut client, &dir);
    client.diagnostics(&uri, Some(1));
    let at = position_of(&text, "9001:8.4", 0, 3);
    for method in ["textDocument/hover", "textDocument/completion", "textDocument/definition"] {
        let _ = client.request(method, json!({ "textDocument": { "uri": uri }, "position": at }));
    }
    let _ = client.request("ims/debugPanic", Value::Null);
    let _ = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": "file:///x.ims" }, "position": at }),
    );
    client.send_raw(b"Content-Length: 3\r\n\r\n{x}");
    client.wait_for("a parse error", |m| m["error"]["code"] == -32700);
    assert!(client.shutdown_and_exit().success());
    assert_eq!(client.garbage(), Vec::<String>::new());
}

#[test]
fn a_file_with_invalid_utf8_on_disk_gets_a_diagnostic() {
    let dir = TempDir::new("utf8");
    let bad = dir.write("bad.ims", b"site hq \"ok\"\nsite dc1 \"\xff\"\n");
    dir.write("good.ims", "site dc2 \"Fine\"\n");
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), capabilities());
    let diagnostics = client.diagnostics(&file_uri(&bad), None);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert!(message.contains("invalid UTF-8"), "{message}");
    assert_eq!(diagnostics[0]["range"]["start"], json!({ "line": 1, "character": 10 }));
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn rapid_changes_apply_in_order_and_requests_see_the_latest_text() {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, capabilities());
    let uri = "untitled:typing.ims";
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": "" } }),
    );
    // Type a declaration one character at a time, with multi-byte text.
    let typed = "site hq \"Tür 😀\" // é\r\nunit ops \"Ops €\" at hq\r\n";
    let mut line = 0;
    let mut character = 0;
    for (i, ch) in typed.chars().enumerate() {
        let at = json!({ "line": line, "character": character });
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": i + 2 },
                "contentChanges": [{ "range": { "start": at, "end": at }, "text": ch.to_string() }]
            }),
        );
        if ch == '\n' {
            line += 1;
            character = 0;
        } else if ch != '\r' {
            character += ch.len_utf16();
        }
    }
    let last = typed.chars().count() + 1;
    // The hover right after the last change sees the whole text.
    let hover = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": position_of(typed, "hq", 1, 1) }),
        )
        .unwrap();
    assert!(hover["contents"]["value"].as_str().unwrap().contains("Tür 😀"), "{hover:#}");
    let diagnostics = client.diagnostics(uri, Some(last as i64));
    assert_eq!(codes(&diagnostics), ["missing-header"], "{diagnostics:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn rename_changes_a_unit_in_every_file() {
    let dir = TempDir::new("rename");
    let a = dir.write(
        "a.ims",
        "ims \"T\" { standards iso9001@2015 }\nsite hq \"HQ\"\nunit operations \"Ops\" at hq\n",
    );
    let b = dir.write(
        "b.ims",
        "system QMS \"Q\" standard iso9001@2015 { scope { units operations } }\nprocess p \"P\" { owner operations; covers 9001:8.4 }\n",
    );
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), capabilities());
    let (a_uri, b_uri) = (file_uri(&a), file_uri(&b));
    let text = std::fs::read_to_string(&a).unwrap();
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": a_uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    let at = position_of(&text, "operations", 0, 3);
    let prepared = client
        .request(
            "textDocument/prepareRename",
            json!({ "textDocument": { "uri": a_uri }, "position": at }),
        )
        .unwrap();
    assert_eq!(prepared["start"], position_of(&text, "operations", 0, 0));
    let edit = client
        .request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": a_uri }, "position": at, "newName": "ops" }),
        )
        .unwrap();
    let changes = &edit["changes"];
    assert_eq!(changes[&a_uri].as_array().unwrap().len(), 1, "{edit:#}");
    assert_eq!(changes[&b_uri].as_array().unwrap().len(), 2, "{edit:#}");
    assert!(changes[&b_uri].as_array().unwrap().iter().all(|e| e["newText"] == "ops"));
    // Two words are not a name: the rename is refused with a reason.
    let refused = client
        .request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": a_uri }, "position": at, "newName": "two words" }),
        )
        .unwrap_err();
    assert!(!refused["message"].as_str().unwrap().is_empty());
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn navigation_symbols_folding_tokens_hints_and_lenses_on_acme() {
    let dir = TempDir::new("features");
    let mut client = LspClient::spawn(&[]);
    let (uri, text) = open_acme(&mut client, &dir);
    let doc = json!({ "uri": uri });
    let procurement = position_of(&text, "owner procurement", 0, 8);

    let definition = client
        .request("textDocument/definition", json!({ "textDocument": doc, "position": procurement }))
        .unwrap();
    assert_eq!(definition["uri"], uri);
    assert_eq!(definition["range"]["start"], position_of(&text, "unit procurement", 0, 5));

    let references = client
        .request(
            "textDocument/references",
            json!({ "textDocument": doc, "position": procurement, "context": { "includeDeclaration": true } }),
        )
        .unwrap();
    // The declaration, the SMS and QMS scopes, `owner` and `performed-by`.
    assert_eq!(references.as_array().unwrap().len(), 5, "{references:#}");

    let highlights = client
        .request(
            "textDocument/documentHighlight",
            json!({ "textDocument": doc, "position": procurement }),
        )
        .unwrap();
    let highlights = highlights.as_array().unwrap();
    assert_eq!(highlights.len(), 5);
    assert_eq!(highlights.iter().filter(|h| h["kind"] == 3).count(), 1, "one definition");

    let symbols =
        client.request("textDocument/documentSymbol", json!({ "textDocument": doc })).unwrap();
    let names: Vec<&str> =
        symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    for name in ["hq", "team-a", "SMS", "ISMS", "supplier-management", "review"] {
        assert!(names.contains(&name), "{name} not in {names:?}");
    }
    let isms = symbols.as_array().unwrap().iter().find(|s| s["name"] == "ISMS").unwrap();
    assert!(isms["children"].as_array().is_some_and(|c| !c.is_empty()), "{isms:#}");

    let found = client.request("workspace/symbol", json!({ "query": "supplier" })).unwrap();
    let found: Vec<&str> =
        found.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(found.first(), Some(&"supplier-management"), "{found:?}");

    let folds =
        client.request("textDocument/foldingRange", json!({ "textDocument": doc })).unwrap();
    let ims_block = position_of(&text, "ims \"Acme", 0, 0)["line"].as_u64().unwrap();
    assert!(
        folds
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["startLine"] == ims_block && f["endLine"] == ims_block + 2),
        "{folds:#}"
    );

    let tokens =
        client.request("textDocument/semanticTokens/full", json!({ "textDocument": doc })).unwrap();
    let data = tokens["data"].as_array().unwrap();
    assert_eq!(data.len() % 5, 0);
    assert!(data.len() > 5 * 50, "{} tokens", data.len() / 5);

    let line_count = text.lines().count();
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": doc, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": line_count, "character": 0 } } }),
        )
        .unwrap();
    let labels: Vec<&str> =
        hints.as_array().unwrap().iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"Supplier…"), "{labels:?}");
    // The full title is the tooltip.
    let tooltips: Vec<&str> =
        hints.as_array().unwrap().iter().map(|h| h["tooltip"].as_str().unwrap()).collect();
    assert!(tooltips.contains(&"20000-1:8.3.4 Supplier management"), "{tooltips:?}");

    let lenses = client.request("textDocument/codeLens", json!({ "textDocument": doc })).unwrap();
    let titles: Vec<&str> = lenses
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 3, "one lens per system: {titles:?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn settings_change_severities_and_inlay_hints() {
    let dir = TempDir::new("settings");
    let mut client = LspClient::spawn(&[]);
    client.settings = json!({
        "diagnostics": { "severity": { "scope-gap": "error", "uncovered-clauses": "off" } },
        "inlayHints": { "enable": false }
    });
    let (uri, _) = open_acme(&mut client, &dir);
    let configured = |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == "scope-gap" && d["severity"] == 1)
    };
    let published = client.wait_for("diagnostics with the configured severities", configured);
    let diagnostics = published["params"]["diagnostics"].as_array().unwrap();
    assert!(!codes(diagnostics).contains(&"uncovered-clauses".to_string()));
    assert!(client.server_requests.iter().any(|(method, _)| method == "workspace/configuration"));
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": uri }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 90, "character": 0 } } }),
        )
        .unwrap();
    assert_eq!(hints, json!([]));

    // Settings pushed with didChangeConfiguration apply too.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "ims": { "diagnostics": { "severity": { "scope-gap": "off" } } } } }),
    );
    let published = client.wait_for("diagnostics without scope-gap", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && !codes(m["params"]["diagnostics"].as_array().unwrap())
                .contains(&"scope-gap".to_string())
    });
    let codes = codes(published["params"]["diagnostics"].as_array().unwrap());
    assert!(codes.contains(&"uncovered-clauses".to_string()), "{codes:?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn pull_diagnostics_when_the_client_supports_them() {
    let dir = TempDir::new("pull");
    let closed = dir.write("closed.ims", "site x \"X\"\nunit u \"U\" at nowhere\n");
    let mut client = LspClient::spawn(&[]);
    let mut caps = capabilities();
    caps["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
    let text = std::fs::read_to_string(example("acme.ims")).unwrap();
    let path = dir.write("acme.ims", &text);
    let result = client.initialize(Some(dir.path()), caps);
    assert_eq!(result["capabilities"]["diagnosticProvider"]["interFileDependencies"], true);
    let uri = file_uri(&path);
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
    );
    let report = client
        .request("textDocument/diagnostic", json!({ "textDocument": { "uri": uri } }))
        .unwrap();
    assert_eq!(report["kind"], "full");
    assert!(team_a_gap(report["items"].as_array().unwrap()).is_some(), "{report:#}");
    // A pull that names the diagnostics the editor has is answered "unchanged",
    // also after an edit that leaves them as they are (a comment at the end).
    let result_id = report["resultId"].as_str().expect("a result id").to_string();
    let pull_again = |client: &mut LspClient, previous: &str| {
        client
            .request(
                "textDocument/diagnostic",
                json!({ "textDocument": { "uri": uri }, "previousResultId": previous }),
            )
            .unwrap()
    };
    assert_eq!(
        pull_again(&mut client, &result_id),
        json!({ "kind": "unchanged", "resultId": result_id })
    );
    let end = position_of(&text, &text, 0, text.len());
    let append = |client: &mut LspClient, version: i64, added: &str| {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "range": { "start": end, "end": end }, "text": added }]
            }),
        );
    };
    append(&mut client, 2, "// a comment\n");
    assert_eq!(pull_again(&mut client, &result_id)["kind"], "unchanged");
    // Diagnostics that changed come in full, with another id.
    append(&mut client, 3, "unit zz \"Z\" at nowhere\n");
    let changed = pull_again(&mut client, &result_id);
    assert_eq!(changed["kind"], "full");
    assert_ne!(changed["resultId"], result_id);
    assert!(codes(changed["items"].as_array().unwrap()).contains(&"undefined-name".to_string()));
    // Files that are not open are still pushed.
    let pushed = client.diagnostics(&file_uri(&closed), None);
    assert!(codes(&pushed).contains(&"undefined-name".to_string()), "{pushed:#?}");
    assert!(client.shutdown_and_exit().success());
}

#[test]
fn watched_file_changes_update_the_workspace() {
    let dir = TempDir::new("watch");
    dir.write("a.ims", "ims \"T\" { standards iso9001@2015 }\nsite hq \"HQ\"\n");
    let mut client = LspClient::spawn(&[]);
    client.initialize(Some(dir.path()), capabilities());
    let registration = client
        .wait_for("the file watcher registration", |m| m["method"] == "client/registerCapability");
    let watchers = &registration["params"]["registrations"][0]["registerOptions"]["watchers"];
    assert_eq!(watchers, &json!([{ "globPattern": "**/*.ims" }, { "globPattern": "**/ims.toml" }]));

    let b = dir.write("b.ims", "unit u \"U\" at nowhere\n");
    let b_uri = file_uri(&b);
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": b_uri, "type": 1 }] }),
    );
    let diagnostics = client.diagnostics(&b_uri, None);
    assert_eq!(codes(&diagnostics), ["undefined-name"], "{diagnostics:#?}");

    std::fs::remove_file(&b).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": b_uri, "type": 3 }] }),
    );
    assert_eq!(client.diagnostics(&b_uri, None), Vec::<Value>::new());

    // A new ims.toml turns a code off.
    dir.write("c.ims", "system S \"S\" standard iso9001@2015\n");
    let c_uri = file_uri(&dir.path().join("c.ims"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": c_uri, "type": 1 }] }),
    );
    let with_no_scope = client.diagnostics(&c_uri, None);
    assert!(codes(&with_no_scope).contains(&"no-scope".to_string()), "{with_no_scope:#?}");
    dir.write("ims.toml", "[diagnostics]\nno-scope = \"off\"\n");
    let toml_uri = file_uri(&dir.path().join("ims.toml"));
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": toml_uri, "type": 1 }] }),
    );
    let without = client.diagnostics(&c_uri, None);
    assert!(!codes(&without).contains(&"no-scope".to_string()), "{without:#?}");
    assert!(client.shutdown_and_exit().success());
}
