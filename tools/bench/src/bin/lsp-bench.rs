//! End-to-end latency of the real `ims lsp` over JSON-RPC, and `ims check`
//! throughput and peak memory: `cargo run --release -p ims-bench --bin
//! lsp-bench [-- --quick] [--only start|open|keystrokes|requests|check]
//! [--lines 1000|10000|100000]`. Build the binary first (`cargo build --release
//! -p ims`); `IMS_BIN` names another one. docs/performance.md explains the
//! figures.
//!
//! Each figure is the median and 99th percentile (nearest rank) over many
//! iterations, measured by the client from the message it sends to the
//! message it waits for, so JSON encoding, the pipe and the client's JSON
//! parsing are included, as an editor would see them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use ims_bench::{
    line_character, middle_clause_reference, middle_completion_offset, middle_edit_offset,
    middle_name_offset, ms, Summary,
};
use ims_e2e::lsp_client::{LspClient, TempDir};
use serde_json::{json, Value};

/// Iteration counts: the full run, or `--quick` for a smoke test.
struct Plan {
    starts: usize,
    opens: usize,
    edits_small: usize,
    edits_large: usize,
    requests: usize,
    checks: usize,
}

fn capabilities() -> Value {
    json!({
        "textDocument": {
            "publishDiagnostics": { "versionSupport": true },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "completion": { "completionItem": { "snippetSupport": true } }
        }
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `--only GROUP` runs one group: start, open, keystrokes, requests, check.
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let run = |group: &str| only.as_deref().is_none_or(|o| o == group);
    // `--lines N` keeps only the keystrokes at that size (for a profile).
    let lines_only: Option<usize> =
        args.iter().position(|a| a == "--lines").and_then(|i| args.get(i + 1)?.parse().ok());
    let plan = if quick {
        Plan { starts: 5, opens: 2, edits_small: 20, edits_large: 5, requests: 50, checks: 2 }
    } else {
        Plan {
            starts: 50,
            opens: 10,
            edits_small: 300,
            edits_large: 40,
            requests: 1000,
            checks: 10,
        }
    };
    let binary = ims_binary();
    // The e2e client spawns `IMS_BIN`; set it before any thread starts.
    std::env::set_var("IMS_BIN", &binary);
    eprintln!("lsp-bench: {} ({})", binary.display(), if quick { "quick" } else { "full" });

    let texts: Vec<(usize, String)> =
        ims_bench::SIZES.iter().map(|&n| (n, ims_bench::text(n))).collect();
    let text = |n: usize| texts.iter().find(|(m, _)| *m == n).map(|(_, t)| t.as_str()).unwrap();

    let mut rows: Vec<(String, Summary)> = Vec::new();
    if run("start") {
        rows.push(("start -> initialize answer".into(), start_to_initialize(plan.starts)));
    }
    if run("open") {
        let (to_open, to_diagnostics) = start_to_first_diagnostics(text(10_000), plan.opens);
        rows.push(("start -> first diagnostics, 10k-line file".into(), to_open));
        rows.push(("didOpen -> first diagnostics, 10k-line file".into(), to_diagnostics));
    }
    if run("keystrokes") {
        for (lines, count) in
            [(1_000, plan.edits_small), (10_000, plan.edits_small), (100_000, plan.edits_large)]
        {
            if lines_only.is_some_and(|n| n != lines) {
                continue;
            }
            let text = text(lines);
            let label = format!("keystroke -> publishDiagnostics, {}k lines", lines / 1000);
            rows.push((label, keystrokes(text, middle_edit_offset(text), count)));
            let label =
                format!("keystroke in a name -> publishDiagnostics, {}k lines", lines / 1000);
            rows.push((label, keystrokes(text, middle_name_offset(text), count)));
        }
    }
    if run("requests") {
        let (hover, completion) = requests(text(10_000), plan.requests);
        rows.push(("hover on a clause reference, 10k lines".into(), hover));
        rows.push(("completion after `27001:A.`, 10k lines".into(), completion));
    }

    println!("| measurement | n | median ms | p99 ms | min ms | max ms |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (label, s) in &rows {
        println!(
            "| {label} | {} | {} | {} | {} | {} |",
            s.count,
            ms(s.median),
            ms(s.p99),
            ms(s.min),
            ms(s.max)
        );
    }
    println!();
    if run("check") {
        check_throughput(&binary, plan.checks);
    }
}

/// `IMS_BIN`, or `target/release/ims` of this workspace.
fn ims_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("IMS_BIN") {
        return PathBuf::from(path);
    }
    let path = ims_e2e::workspace_root().join("target/release/ims");
    assert!(path.exists(), "{} is missing: run `cargo build --release -p ims`", path.display());
    path
}

fn start_to_initialize(runs: usize) -> Summary {
    let mut samples = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let mut client = LspClient::spawn(&[]);
        client.initialize(None, capabilities());
        samples.push(start.elapsed());
        assert!(client.shutdown_and_exit().success());
    }
    Summary::of(&samples)
}

const URI: &str = "file:///bench/ims.ims";

fn open(client: &mut LspClient, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "ims", "version": 1, "text": text } }),
    );
}

/// From the process start, and from `didOpen`, to the first diagnostics.
fn start_to_first_diagnostics(text: &str, runs: usize) -> (Summary, Summary) {
    let (mut from_start, mut from_open) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let start = Instant::now();
        let mut client = LspClient::spawn(&[]);
        client.initialize(None, capabilities());
        let opened = Instant::now();
        open(&mut client, text);
        client.diagnostics(URI, Some(1));
        from_start.push(start.elapsed());
        from_open.push(opened.elapsed());
        assert!(client.shutdown_and_exit().success());
    }
    (Summary::of(&from_start), Summary::of(&from_open))
}

/// One character typed (and, the next time, deleted) at `offset`, inside a
/// description or a name in the middle of the file, each time waiting for
/// the diagnostics of that version.
fn keystrokes(text: &str, offset: usize, count: usize) -> Summary {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, capabilities());
    open(&mut client, text);
    client.diagnostics(URI, Some(1));
    let (line, character) = line_character(text, offset);
    let at = json!({ "line": line, "character": character });
    let after = json!({ "line": line, "character": character + 1 });
    let mut samples = Vec::new();
    for i in 0..count {
        let version = 2 + i as i64;
        let change = if i % 2 == 0 {
            json!({ "range": { "start": at, "end": at }, "text": "x" })
        } else {
            json!({ "range": { "start": at, "end": after }, "text": "" })
        };
        let start = Instant::now();
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": [change]
            }),
        );
        let diagnostics = client.diagnostics(URI, Some(version));
        samples.push(start.elapsed());
        // Freeing the client's copy is not the server's time.
        drop(diagnostics);
    }
    assert!(client.shutdown_and_exit().success());
    Summary::of(&samples)
}

/// Hover on a clause reference and completion after `27001:A.`, each
/// answered before the next is sent.
fn requests(text: &str, count: usize) -> (Summary, Summary) {
    let mut client = LspClient::spawn(&[]);
    client.initialize(None, capabilities());
    open(&mut client, text);
    client.diagnostics(URI, Some(1));
    let position = |offset: usize| {
        let (line, character) = line_character(text, offset);
        json!({ "textDocument": { "uri": URI }, "position": { "line": line, "character": character } })
    };
    let hover_at = position(middle_clause_reference(text));
    let completion_at = position(middle_completion_offset(text));
    let mut time = |method: &str, params: &Value| {
        let start = Instant::now();
        let result = client.request(method, params.clone()).expect("the request succeeds");
        let elapsed = start.elapsed();
        assert!(!result.is_null(), "{method} answered null");
        elapsed
    };
    let (mut hovers, mut completions) = (Vec::new(), Vec::new());
    for _ in 0..count {
        hovers.push(time("textDocument/hover", &hover_at));
        completions.push(time("textDocument/completion", &completion_at));
    }
    assert!(client.shutdown_and_exit().success());
    (Summary::of(&hovers), Summary::of(&completions))
}

/// `ims check` of the generated 100k-line workspace, in one file (human and
/// JSON output) and in 20 files:
/// wall time, lines per second and peak RSS, from `/usr/bin/time`.
fn check_throughput(binary: &Path, runs: usize) {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        println!("`ims check`: skipped, /usr/bin/time (GNU time) is not installed");
        return;
    }
    println!("| `ims check`, 100k lines | n | median ms | p99 ms | lines/s (median) | peak RSS MB (max) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (files, format) in [(1, "human"), (1, "json"), (20, "human")] {
        let dir = TempDir::new(&format!("lsp-bench-check-{files}"));
        let generated = imsgen::generate(&imsgen::Options { lines: 100_000, files, seed: 1 });
        imsgen::write(dir.path(), &generated).expect("the workspace can be written");
        let lines = imsgen::total_lines(&generated);
        let (mut walls, mut peak_kb) = (Vec::new(), 0u64);
        for _ in 0..runs {
            let start = Instant::now();
            let output = Command::new(time)
                .args(["-f", "%M"])
                .arg(binary)
                .args(["check", "--color", "never", "--format", format])
                .arg(dir.path())
                .output()
                .expect("/usr/bin/time runs");
            walls.push(start.elapsed());
            let stderr = String::from_utf8_lossy(&output.stderr);
            let kb: u64 = stderr.lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
        let s = Summary::of(&walls);
        let per_second = lines as f64 / s.median.as_secs_f64();
        println!(
            "| {files} file(s), {lines} lines, {format} output | {} | {} | {} | {:.0} | {:.1} |",
            s.count,
            ms(s.median),
            ms(s.p99),
            per_second,
            peak_kb as f64 / 1024.0
        );
    }
}
