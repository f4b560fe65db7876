//! End-to-end latency of the real `ims lsp` over JSON-RPC, and `ims check`
//! throughput and peak memory: `cargo run --release -p ims-bench --bin
//! lsp-bench [-- --quick] [--only start|open|keystrokes|memory|requests|check]
//! [--lines 1000|10000|100000] [--memory-edits N]`. Build the binary first
//! (`cargo build --release -p ims`); `IMS_BIN` names another one.
//! docs/performance.md explains the figures.
//!
//! The groups: `start` (process start to the `initialize` answer), `open`
//! (`didOpen` of 10k and 100k lines to the first diagnostics), `keystrokes`
//! (one character typed in a description or a name, in one file and in a
//! workspace of `imsgen --files 100`, at 1k, 10k and 100k lines, to the
//! pushed diagnostics, then to a pull naming the previous result; the
//! growth of each median), `memory` (the server's RSS after open and after
//! 300 keystrokes), `requests` (hover, completion), `check` (`ims check` of
//! 100k lines in each output format). `--lines` keeps one size of the
//! `keystrokes` and `memory` groups.
//!
//! Each figure is the median and 99th percentile (nearest rank) over many
//! iterations, measured by the client from the message it sends to the
//! message it waits for, so JSON encoding, the pipe and the client's JSON
//! parsing are included, as an editor would see them.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

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
    /// Keystrokes between the two RSS readings of the memory group.
    memory_edits: usize,
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

/// The groups `--only` names.
const GROUPS: &[&str] = &["start", "open", "keystrokes", "memory", "requests", "check"];

const USAGE: &str =
    "usage: lsp-bench [--quick] [--only start|open|keystrokes|memory|requests|check] \
[--lines 1000|10000|100000] [--memory-edits N]
(IMS_BIN names the `ims` binary to measure; docs/performance.md explains the figures)";

/// `Err` with the message for a command line this program does not take
/// (so that `--help` or a typo does not start a run of several minutes).
fn check_args(args: &[String]) -> Result<(), String> {
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--quick" => {}
            "--only" => match args.next() {
                Some(group) if GROUPS.contains(&group.as_str()) => {}
                other => return Err(format!("--only takes one of {GROUPS:?}, not {other:?}")),
            },
            "--lines" | "--memory-edits" => {
                if args.next().and_then(|n| n.parse::<usize>().ok()).is_none() {
                    return Err(format!("{arg} takes a number"));
                }
            }
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(message) = check_args(&args) {
        if message.is_empty() {
            println!("{USAGE}");
            return;
        }
        eprintln!("lsp-bench: {message}\n{USAGE}");
        std::process::exit(2);
    }
    let quick = args.iter().any(|a| a == "--quick");
    // `--only GROUP` runs one group: start, open, keystrokes, requests, check.
    let only = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    let run = |group: &str| only.as_deref().is_none_or(|o| o == group);
    // `--lines N` keeps only the keystrokes at that size (for a profile).
    let lines_only: Option<usize> =
        args.iter().position(|a| a == "--lines").and_then(|i| args.get(i + 1)?.parse().ok());
    let plan = if quick {
        Plan {
            starts: 5,
            opens: 2,
            edits_small: 20,
            edits_large: 5,
            requests: 50,
            checks: 2,
            memory_edits: 20,
        }
    } else {
        Plan {
            starts: 50,
            opens: 10,
            edits_small: 300,
            edits_large: 40,
            requests: 1000,
            checks: 10,
            memory_edits: 300,
        }
    };
    // `--memory-edits N` changes the keystrokes of the memory group.
    let mut plan = plan;
    if let Some(n) =
        args.iter().position(|a| a == "--memory-edits").and_then(|i| args.get(i + 1)?.parse().ok())
    {
        plan.memory_edits = n;
    }
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
        for lines in [10_000, 100_000] {
            let (to_open, to_diagnostics) = start_to_first_diagnostics(text(lines), plan.opens);
            let k = lines / 1000;
            rows.push((format!("start -> first diagnostics, {k}k-line file"), to_open));
            rows.push((format!("didOpen -> first diagnostics, {k}k-line file"), to_diagnostics));
        }
    }
    let mut growth: Vec<(String, Vec<(usize, Summary)>)> = Vec::new();
    if run("keystrokes") {
        for (shape, files) in [("one file", 1), ("workspace of --files 100", 100)] {
            for (kind, place) in [("prose", Place::Description), ("name", Place::Name)] {
                let mut sizes = Vec::new();
                for (lines, count) in [
                    (1_000, plan.edits_small),
                    (10_000, plan.edits_small),
                    (100_000, plan.edits_large),
                ] {
                    if lines_only.is_some_and(|n| n != lines) {
                        continue;
                    }
                    let mut session = Session::open(lines, files, &texts);
                    let summary = session.keystrokes(place, count);
                    let label = format!(
                        "keystroke in {} -> publishDiagnostics, {}k lines, {}",
                        place.label(),
                        lines / 1000,
                        session.shape
                    );
                    session.close();
                    rows.push((label, summary));
                    sizes.push((lines, summary));
                }
                growth.push((format!("edit in {kind}, {shape}"), sizes));
            }
        }
        // An editor that pulls diagnostics asks for them after each change,
        // naming the ones it has.
        for place in [Place::Description, Place::Name] {
            for (lines, count) in [(10_000, plan.edits_small), (100_000, plan.edits_large)] {
                if lines_only.is_some_and(|n| n != lines) {
                    continue;
                }
                let mut session = Session::open_pulling(&texts, lines);
                let summary = session.pulled_keystrokes(place, count);
                session.close();
                let label = format!(
                    "keystroke in {} -> pulled diagnostics, {}k lines, one file",
                    place.label(),
                    lines / 1000
                );
                rows.push((label, summary));
            }
        }
    }
    let mut memory = Vec::new();
    if run("memory") {
        for lines in [10_000, 100_000] {
            if lines_only.is_some_and(|n| n != lines) {
                continue;
            }
            let mut session = Session::open(lines, 1, &texts);
            memory.push((lines, session.memory_under_edits(plan.memory_edits)));
            session.close();
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
    if !growth.is_empty() {
        print_growth(&growth);
    }
    if !memory.is_empty() {
        println!(
            "| server RSS, one file | after open MiB | after {} keystrokes MiB | ratio | threads |",
            plan.memory_edits
        );
        println!("| --- | ---: | ---: | ---: | ---: |");
        for (lines, (open, edited, threads)) in &memory {
            println!(
                "| {}k lines | {:.1} | {:.1} | {:.2}x | {threads} |",
                lines / 1000,
                *open as f64 / 1024.0,
                *edited as f64 / 1024.0,
                *edited as f64 / *open as f64
            );
        }
        println!();
    }
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

/// Where a keystroke happens.
#[derive(Clone, Copy, Debug)]
enum Place {
    /// Inside a `description` string: the analysis can be reused.
    Description,
    /// Inside the name after an `owner`: the name becomes undefined.
    Name,
}

impl Place {
    fn label(self) -> &'static str {
        match self {
            Place::Description => "a description",
            Place::Name => "a name",
        }
    }

    fn offset(self, text: &str) -> usize {
        match self {
            Place::Description => middle_edit_offset(text),
            Place::Name => middle_name_offset(text),
        }
    }
}

/// A running server with one document open: a single-file IMS, or one file
/// of a workspace folder of many (the others are read from disk).
struct Session {
    client: LspClient,
    uri: String,
    text: String,
    version: i64,
    /// "one file", or how many files the workspace has.
    shape: String,
    /// The workspace folder, removed with the session.
    _dir: Option<TempDir>,
}

impl Session {
    /// Starts a server and opens the generated IMS of `lines` lines: one
    /// file (from `texts`), or `files` files in a workspace folder, of which
    /// a division file in the middle is opened. Returns once the diagnostics
    /// of the opened document have arrived.
    fn open(lines: usize, files: usize, texts: &[(usize, String)]) -> Session {
        let mut client = LspClient::spawn(&[]);
        let (uri, text, dir, shape) = if files == 1 {
            client.initialize(None, capabilities());
            let text = texts.iter().find(|(n, _)| *n == lines).map(|(_, t)| t.clone()).unwrap();
            (URI.to_string(), text, None, "one file".to_string())
        } else {
            let generated = imsgen::generate(&imsgen::Options { lines, files, seed: 1 });
            let dir = TempDir::new(&format!("lsp-bench-{lines}-{files}"));
            imsgen::write(dir.path(), &generated).expect("the workspace can be written");
            client.initialize(Some(dir.path()), capabilities());
            // The server publishes nothing for a file without findings, so
            // the document edited is one with findings (`ims check` says
            // which), from the middle of the workspace on.
            let findings = files_with_findings(dir.path());
            let middle = &generated[generated.len() / 2..];
            let file = middle
                .iter()
                .find(|f| {
                    let half = &f.text[f.text.len() / 2..];
                    findings.contains(&dir.path().join(&f.path))
                        && half.contains("description \"")
                        && half.contains("owner ")
                })
                .expect("a division file with findings, a description and an owner");
            let uri = ims_e2e::lsp_client::file_uri(&dir.path().join(&file.path));
            let shape = format!("{} files", generated.len());
            (uri, file.text.clone(), Some(dir), shape)
        };
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "ims", "version": 1, "text": text } }),
        );
        client.diagnostics(&uri, Some(1));
        Session { client, uri, text, version: 1, shape, _dir: dir }
    }

    /// [`Session::open`] of one file by a client that pulls diagnostics.
    fn open_pulling(texts: &[(usize, String)], lines: usize) -> Session {
        let mut client = LspClient::spawn(&[]);
        let mut capabilities = capabilities();
        capabilities["textDocument"]["diagnostic"] = json!({ "dynamicRegistration": false });
        client.initialize(None, capabilities);
        let text = texts.iter().find(|(n, _)| *n == lines).map(|(_, t)| t.clone()).unwrap();
        client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "ims", "version": 1, "text": text } }),
        );
        let shape = "one file".to_string();
        Session { client, uri: URI.to_string(), text, version: 1, shape, _dir: None }
    }

    /// One character typed (and, the next time, deleted) at `place`, each
    /// time followed by a `textDocument/diagnostic` naming the previous
    /// result, timed until its answer (`unchanged` or `full`) is parsed.
    fn pulled_keystrokes(&mut self, place: Place, count: usize) -> Summary {
        let pull = |client: &mut LspClient, uri: &str, previous: &Value| {
            client
                .request(
                    "textDocument/diagnostic",
                    json!({ "textDocument": { "uri": uri }, "previousResultId": previous }),
                )
                .expect("the pull is answered")
        };
        let mut previous = pull(&mut self.client, &self.uri, &Value::Null)["resultId"].clone();
        let offset = place.offset(&self.text);
        let mut samples = Vec::new();
        for i in 0..count {
            let start = Instant::now();
            self.send_change(offset, i % 2 == 0);
            let report = pull(&mut self.client, &self.uri, &previous);
            samples.push(start.elapsed());
            previous = report["resultId"].clone();
        }
        Summary::of(&samples)
    }

    /// Sends the `didChange` of the next version at `offset`: an `x` typed,
    /// or the character after `offset` deleted.
    fn send_change(&mut self, offset: usize, insert: bool) {
        let (line, character) = line_character(&self.text, offset);
        let at = json!({ "line": line, "character": character });
        let after = json!({ "line": line, "character": character + 1 });
        let change = if insert {
            json!({ "range": { "start": at, "end": at }, "text": "x" })
        } else {
            json!({ "range": { "start": at, "end": after }, "text": "" })
        };
        self.version += 1;
        self.client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": self.uri, "version": self.version },
                "contentChanges": [change]
            }),
        );
    }

    /// [`Session::send_change`], timed until the diagnostics of that
    /// version have arrived and been parsed.
    fn keystroke(&mut self, offset: usize, insert: bool) -> Duration {
        let start = Instant::now();
        self.send_change(offset, insert);
        let diagnostics = self.client.diagnostics(&self.uri, Some(self.version));
        let elapsed = start.elapsed();
        // Freeing the client's copy is not the server's time.
        drop(diagnostics);
        elapsed
    }

    /// One character typed (and, the next time, deleted) at `place`, in the
    /// middle of the document, each time waiting for the diagnostics of
    /// that version.
    fn keystrokes(&mut self, place: Place, count: usize) -> Summary {
        let offset = place.offset(&self.text);
        let samples: Vec<Duration> =
            (0..count).map(|i| self.keystroke(offset, i % 2 == 0)).collect();
        Summary::of(&samples)
    }

    /// The server's RSS after open, and after `count` keystrokes that
    /// alternate between a description and a name (each typed, then
    /// deleted), in KiB; and its number of threads then (each allocating
    /// thread has its own heap in the allocator).
    fn memory_under_edits(&mut self, count: usize) -> (u64, u64, u64) {
        let open = rss_kib(self.client.pid());
        let description = Place::Description.offset(&self.text);
        let name = Place::Name.offset(&self.text);
        // Positions are computed in the original text: on two lines, an
        // `x` typed at one place does not move the other.
        let line = |offset| line_character(&self.text, offset).0;
        assert_ne!(line(description), line(name), "the two places share a line");
        for i in 0..count {
            // 0: type in the description, 1: in the name, 2 and 3: delete them.
            let offset = if i % 2 == 0 { description } else { name };
            self.keystroke(offset, i % 4 < 2);
        }
        let pid = self.client.pid();
        (open, rss_kib(pid), status_field(pid, "Threads:"))
    }

    fn close(mut self) {
        assert!(self.client.shutdown_and_exit().success());
    }
}

/// The files of the workspace at `dir` that `ims check` reports findings in.
fn files_with_findings(dir: &Path) -> Vec<PathBuf> {
    let output = Command::new(ims_binary())
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("`ims check` runs");
    let findings: Value = serde_json::from_slice(&output.stdout).expect("`ims check` prints JSON");
    let mut files: Vec<PathBuf> = findings
        .as_array()
        .expect("a list of findings")
        .iter()
        .filter_map(|finding| finding["file"].as_str().map(PathBuf::from))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// `VmRSS` of a process, in KiB, from `/proc/<pid>/status`.
fn rss_kib(pid: u32) -> u64 {
    status_field(pid, "VmRSS:")
}

/// A number of `/proc/<pid>/status` (the first word after `field`).
fn status_field(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc is readable");
    status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"))
}

/// The growth of each median from 1k to 10k and from 10k to 100k lines.
fn print_growth(growth: &[(String, Vec<(usize, Summary)>)]) {
    println!("| growth of the median | 1k ms | 10k ms | 100k ms | 1k -> 10k | 10k -> 100k |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (label, sizes) in growth {
        let at = |n: usize| sizes.iter().find(|(m, _)| *m == n).map(|(_, s)| s.median);
        let cell = |n: usize| at(n).map_or("-".to_string(), ms);
        let ratio = |a: usize, b: usize| match (at(a), at(b)) {
            (Some(a), Some(b)) => format!("{:.1}x", b.as_secs_f64() / a.as_secs_f64()),
            _ => "-".to_string(),
        };
        println!(
            "| {label} | {} | {} | {} | {} | {} |",
            cell(1_000),
            cell(10_000),
            cell(100_000),
            ratio(1_000, 10_000),
            ratio(10_000, 100_000)
        );
    }
    println!();
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
    for (files, format) in [(1, "human"), (1, "json"), (1, "sarif"), (20, "human")] {
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

#[cfg(test)]
mod tests {
    use super::check_args;

    fn args(line: &str) -> Vec<String> {
        line.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn only_the_documented_arguments_start_a_run() {
        for good in ["", "--quick", "--only keystrokes --lines 10000", "--memory-edits 900"] {
            assert_eq!(check_args(&args(good)), Ok(()), "{good}");
        }
        assert_eq!(check_args(&args("--help")), Err(String::new()));
        for bad in ["--only", "--only fast", "--lines ten", "--lnes 3", "keystrokes"] {
            assert!(check_args(&args(bad)).is_err_and(|m| !m.is_empty()), "{bad}");
        }
    }
}
