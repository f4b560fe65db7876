//! Golden outputs: everything the CLI prints and the language server answers
//! on the examples and on generated workspaces, compared with reviewed
//! snapshots in `tests/snapshots/golden/`.
//!
//! These are the test that a refactoring kept behaviour: moving code between
//! crates, unifying loaders or making the analysis incremental must leave
//! every byte of output the same. Readable outputs are kept whole (a diff in
//! review shows what changed); large machine renderings (SARIF, HTML, the
//! generated workspaces, the server's answers on the large example) are kept
//! as a size and a 64-bit FNV-1a digest, and every actual output is also
//! written to `target/golden/` so that two runs can be compared with `diff`.
//!
//! After a deliberate change of behaviour: `UPDATE_EXPECT=1 cargo test -p
//! ims-e2e --test golden`, then review every changed snapshot before
//! committing it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ims_e2e::lsp_client::{file_uri, LspClient, TempDir};
use ims_e2e::{ims_binary, workspace_root};
use serde_json::{json, Value};

/// The snapshots: whole files and a digest list.
struct Golden {
    dir: PathBuf,
    actual_dir: PathBuf,
    update: bool,
    /// Digest entries recorded by this run, by name.
    digests: BTreeMap<String, String>,
    mismatches: Vec<String>,
}

impl Golden {
    fn new() -> Golden {
        let root = workspace_root();
        let actual_dir = root.join("target/golden");
        std::fs::create_dir_all(&actual_dir).unwrap();
        Golden {
            dir: root.join("tests/snapshots/golden"),
            actual_dir,
            update: std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1"),
            digests: BTreeMap::new(),
            mismatches: Vec::new(),
        }
    }

    /// Compares `actual` with the whole snapshot `name`.
    fn whole(&mut self, name: &str, actual: &str) {
        std::fs::write(self.actual_dir.join(name), actual).unwrap();
        let path = self.dir.join(name);
        if self.update {
            std::fs::create_dir_all(&self.dir).unwrap();
            std::fs::write(&path, actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != actual {
            self.mismatches.push(format!("{name}: differs from {}", path.display()));
        }
    }

    /// Records the size and digest of `actual` under `name`.
    fn digest(&mut self, name: &str, actual: &str) {
        std::fs::write(self.actual_dir.join(name), actual).unwrap();
        self.digests.insert(
            name.to_string(),
            format!("{} bytes, fnv1a64 {:016x}", actual.len(), fnv1a(actual)),
        );
    }

    /// Compares the digests with `digests.txt` and fails on any mismatch.
    fn finish(mut self, digests_file: &str) {
        let listed: String =
            self.digests.iter().map(|(name, digest)| format!("{name}: {digest}\n")).collect();
        let path = self.dir.join(digests_file);
        if self.update {
            std::fs::write(&path, &listed).unwrap();
        } else {
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            let expected: BTreeMap<&str, &str> =
                expected.lines().filter_map(|l| l.split_once(": ")).collect();
            for (name, digest) in &self.digests {
                if expected.get(name.as_str()) != Some(&digest.as_str()) {
                    self.mismatches.push(format!(
                        "{name}: {digest}, expected {}",
                        expected.get(name.as_str()).unwrap_or(&"nothing")
                    ));
                }
            }
            for name in expected.keys() {
                if !self.digests.contains_key(*name) {
                    self.mismatches.push(format!("{name}: no longer produced"));
                }
            }
        }
        assert!(
            self.mismatches.is_empty(),
            "outputs differ from the golden snapshots (actual outputs in {}; after a deliberate \
             change run with UPDATE_EXPECT=1 and review the diff):\n{}",
            self.actual_dir.display(),
            self.mismatches.join("\n")
        );
    }
}

/// 64-bit FNV-1a: a stable digest (the standard library's hashers may change
/// between Rust versions).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// `ims ARGS` in `dir`: stdout, with the exit code appended.
fn ims(dir: &Path, args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write;
    let mut child = Command::new(ims_binary())
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("IMS_DOCS_URL")
        .envs(ims_e2e::REPRODUCIBLE)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the ims binary runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "ims {args:?} panicked:\n{stderr}");
    format!(
        "{}\n[exit {}]\n{}",
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        output.status.code().unwrap_or(-1),
        stderr
    )
}

/// The inputs: each example as its own project, and generated workspaces.
fn inputs() -> Vec<(&'static str, TempDir, Vec<PathBuf>)> {
    let examples = workspace_root().join("examples");
    let mut inputs = Vec::new();
    for (name, files) in [
        ("acme", vec!["acme.ims"]),
        ("harbour", vec!["harbour/harbour.ims"]),
        (
            "multi-file",
            vec![
                "multi-file/ims.ims",
                "multi-file/organisation.ims",
                "multi-file/processes.ims",
                "multi-file/register.ims",
            ],
        ),
    ] {
        let dir = TempDir::new(&format!("golden-{name}"));
        let paths = files
            .iter()
            .map(|file| {
                let text = std::fs::read_to_string(examples.join(file)).unwrap();
                dir.write(Path::new(file).file_name().unwrap().to_str().unwrap(), text)
            })
            .collect();
        inputs.push((name, dir, paths));
    }
    for (name, lines, files, seed) in
        [("generated-1k", 1_000, 1, 3), ("generated-3k-4-files", 3_000, 4, 11)]
    {
        let dir = TempDir::new(&format!("golden-{name}"));
        let generated = imsgen::generate(&imsgen::Options { lines, files, seed });
        imsgen::write(dir.path(), &generated).unwrap();
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ims"))
            .collect();
        paths.sort();
        inputs.push((name, dir, paths));
    }
    inputs
}

#[test]
fn cli_outputs_are_the_golden_ones() {
    let mut golden = Golden::new();
    for (name, dir, paths) in inputs() {
        let generated = name.starts_with("generated");
        let dir = dir.path();
        for (format, whole) in [("human", true), ("json", true), ("sarif", false)] {
            let output = ims(dir, &["check", "--color", "never", "--format", format, "."], None);
            let file = format!("{name}.check.{format}.txt");
            if whole && !generated {
                golden.whole(&file, &output);
            } else {
                golden.digest(&file, &output);
            }
        }
        for (format, whole) in [("markdown", true), ("csv", true), ("html", false)] {
            let output = ims(dir, &["report", "--format", format, "."], None);
            let file = format!("{name}.report.{format}.txt");
            if whole && !generated {
                golden.whole(&file, &output);
            } else {
                golden.digest(&file, &output);
            }
        }
        for path in &paths {
            let text = std::fs::read_to_string(path).unwrap();
            let output = ims(dir, &["fmt", "-"], Some(&text));
            let file_name = path.file_name().unwrap().to_string_lossy();
            golden.digest(&format!("{name}.fmt.{file_name}.txt"), &output);
        }
    }
    golden.finish("cli-digests.txt");
}

/// What an editor sends: the capabilities most clients have.
fn capabilities() -> Value {
    json!({
        "workspace": { "configuration": true, "workspaceFolders": true },
        "textDocument": {
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true },
            "diagnostic": { "relatedDocumentSupport": false },
            "completion": { "completionItem": { "snippetSupport": true } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "rename": { "prepareSupport": true }
        }
    })
}

/// The LSP position of a byte offset (UTF-16 characters).
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": before[start..].encode_utf16().count() })
}

/// Offsets of clause references (`9001:8.4`, `27001@2013:A.5.1.1`) and of
/// declared names, the places where hover and navigation have something to say.
fn interesting_offsets(text: &str) -> Vec<usize> {
    let mut offsets = Vec::new();
    for prefix in ["20000-1", "9001", "27001"] {
        for (i, _) in text.match_indices(&format!("{prefix}:")) {
            let boundary = i == 0 || !text.as_bytes()[i - 1].is_ascii_alphanumeric();
            if boundary && !text[..i].ends_with("iso") {
                offsets.push(i + prefix.len() + 1);
            }
        }
    }
    for keyword in ["\nsite ", "\nunit ", "\nservice ", "\nsupplier ", "\nsystem ", "\nprocess "] {
        offsets.extend(text.match_indices(keyword).map(|(i, _)| i + keyword.len()));
    }
    offsets.sort_unstable();
    offsets
}

/// JSON with one value per line, except that an array or object whose
/// compact form fits in 100 columns stays on one line: a diff then shows
/// the changed rows, not one number per line.
fn pretty(value: &Value, indent: usize, out: &mut String) {
    let compact = value.to_string();
    let (open, close, items): (char, char, Vec<(Option<&String>, &Value)>) = match value {
        Value::Array(items) if compact.len() + indent > 100 => {
            ('[', ']', items.iter().map(|v| (None, v)).collect())
        }
        Value::Object(map) if compact.len() + indent > 100 => {
            ('{', '}', map.iter().map(|(k, v)| (Some(k), v)).collect())
        }
        _ => {
            out.push_str(&compact);
            return;
        }
    };
    out.push(open);
    for (i, (key, item)) in items.iter().enumerate() {
        out.push('\n');
        out.push_str(&" ".repeat(indent + 2));
        if let Some(key) = key {
            out.push_str(&Value::String((*key).clone()).to_string());
            out.push_str(": ");
        }
        pretty(item, indent + 2, out);
        if i + 1 < items.len() {
            out.push(',');
        }
    }
    out.push('\n');
    out.push_str(&" ".repeat(indent));
    out.push(close);
}

/// A completion answer as its first rows (label, detail, edit) and a count:
/// the full list repeats the catalog at every place.
fn completion_summary(answer: Value) -> Value {
    let items = match &answer {
        Value::Array(items) => items.clone(),
        Value::Object(list) => {
            list.get("items").and_then(Value::as_array).cloned().unwrap_or_default()
        }
        _ => return answer,
    };
    let rows: Vec<Value> = items
        .iter()
        .take(12)
        .map(|item| {
            let edit = &item["textEdit"];
            json!([item["label"], item["detail"], item["kind"], edit["range"], edit["newText"]])
        })
        .collect();
    json!({ "count": items.len(), "first": rows })
}

/// Replaces the temporary directory in every string by `$ROOT`.
fn anonymise(value: Value, root: &str) -> Value {
    match value {
        Value::String(s) => Value::String(s.replace(root, "$ROOT")),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| anonymise(v, root)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter().map(|(k, v)| (k.replace(root, "$ROOT"), anonymise(v, root))).collect(),
        ),
        other => other,
    }
}

#[test]
fn server_answers_are_the_golden_ones() {
    let mut golden = Golden::new();
    for (name, dir, paths) in inputs() {
        let mut client = LspClient::spawn(&[]);
        client.initialize(Some(dir.path()), capabilities());
        let mut answers = Vec::new();
        let mut record = |what: String, answer: Value| {
            answers.push(json!({ "request": what, "answer": answer }))
        };
        for path in &paths {
            let text = std::fs::read_to_string(path).unwrap();
            let uri = file_uri(path);
            let file_name = path.file_name().unwrap().to_string_lossy().to_string();
            client.notify(
                "textDocument/didOpen",
                json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
            );
            let document = json!({ "uri": uri });
            let mut report = client
                .request("textDocument/diagnostic", json!({ "textDocument": document }))
                .expect("the server answers a diagnostic pull");
            // The result id hashes the diagnostics as sent, whose URIs hold
            // the temporary directory: its shape is checked, not its value.
            let id = report["resultId"].as_str().unwrap_or_default();
            assert!(id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{report:#}");
            report["resultId"] = json!("$HASH");
            let diagnostics = report["items"].as_array().cloned().unwrap_or_default();
            record(format!("{file_name} diagnostics"), report);
            let whole = json!({ "start": { "line": 0, "character": 0 }, "end": position(&text, text.len()) });
            let ask = |client: &mut LspClient, method: &str, params: Value| {
                client.request(method, params).unwrap_or_else(|error| json!({ "error": error }))
            };
            for (method, params) in [
                ("textDocument/documentSymbol", json!({ "textDocument": document })),
                ("textDocument/foldingRange", json!({ "textDocument": document })),
                ("textDocument/semanticTokens/full", json!({ "textDocument": document })),
                ("textDocument/codeLens", json!({ "textDocument": document })),
                ("textDocument/inlayHint", json!({ "textDocument": document, "range": whole })),
                (
                    "textDocument/formatting",
                    json!({ "textDocument": document, "options": { "tabSize": 2, "insertSpaces": true } }),
                ),
            ] {
                let answer = ask(&mut client, method, params);
                record(format!("{file_name} {method}"), answer);
            }
            for diagnostic in &diagnostics {
                let answer = ask(
                    &mut client,
                    "textDocument/codeAction",
                    json!({ "textDocument": document, "range": diagnostic["range"],
                            "context": { "diagnostics": [diagnostic] } }),
                );
                record(format!("{file_name} codeAction at {}", diagnostic["range"]), answer);
            }
            // The large inputs: every fifth place, to keep the run short.
            let step = if text.len() > 20_000 { 5 } else { 1 };
            for offset in interesting_offsets(&text).into_iter().step_by(step) {
                let at = json!({ "textDocument": document, "position": position(&text, offset) });
                for method in [
                    "textDocument/hover",
                    "textDocument/definition",
                    "textDocument/references",
                    "textDocument/documentHighlight",
                    "textDocument/prepareRename",
                    "textDocument/completion",
                ] {
                    let mut params = at.clone();
                    if method == "textDocument/references" {
                        params["context"] = json!({ "includeDeclaration": true });
                    }
                    let mut answer = ask(&mut client, method, params);
                    if method == "textDocument/completion" {
                        answer = completion_summary(answer);
                    }
                    record(format!("{file_name} {method} at {}", at["position"]), answer);
                }
            }
        }
        let symbols = client.request("workspace/symbol", json!({ "query": "" })).unwrap();
        record("workspace/symbol".to_string(), symbols);
        assert!(client.shutdown_and_exit().success());
        let root = dir.path().to_string_lossy().to_string();
        let answers = anonymise(Value::Array(answers), &root);
        let mut text = String::new();
        pretty(&answers, 0, &mut text);
        text.push('\n');
        let file = format!("{name}.lsp.json");
        if name == "acme" {
            golden.whole(&file, &text);
        } else {
            golden.digest(&file, &text);
        }
    }
    golden.finish("lsp-digests.txt");
}
