//! A small LSP client for end-to-end tests: it spawns `ims lsp`, speaks
//! JSON-RPC with Content-Length framing over the child's stdio, and lets a
//! test wait for the message it expects.
//!
//! A reader thread parses every frame the server writes and hands it over a
//! channel; anything on stdout that is not a well-formed frame is recorded as
//! garbage, which [`LspClient::garbage`] returns. Waiting never sleeps: it
//! blocks on the channel with a generous timeout and fails with what was
//! received so far.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long to wait for a message before failing the test. Generous: the
/// machine running the tests may be busy building other crates.
pub const TIMEOUT: Duration = Duration::from_secs(120);

enum Frame {
    Message(Value),
    Garbage(String),
    Eof,
}

/// A running `ims lsp` and the client side of its session.
pub struct LspClient {
    child: Child,
    stdin: Option<ChildStdin>,
    frames: Receiver<Frame>,
    /// Messages received but not yet consumed by a wait.
    inbox: VecDeque<Value>,
    garbage: Vec<String>,
    stderr: Arc<Mutex<String>>,
    next_id: i64,
    eof: bool,
    /// What the client answers to `workspace/configuration` for section `ims`.
    pub settings: Value,
    /// Every request the server sent to the client, by method.
    pub server_requests: Vec<(String, Value)>,
}

impl LspClient {
    /// Spawns `ims lsp` with extra environment variables.
    pub fn spawn(env: &[(&str, &str)]) -> LspClient {
        let mut command = Command::new(crate::ims_binary());
        command
            .arg("lsp")
            .envs(crate::REPRODUCIBLE)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("`ims lsp` starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr_pipe = child.stderr.take().expect("stderr is piped");
        let (tx, frames) = mpsc::channel();
        std::thread::spawn(move || read_frames(BufReader::new(stdout), &tx));
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stderr_pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        LspClient {
            stdin: child.stdin.take(),
            child,
            frames,
            inbox: VecDeque::new(),
            garbage: Vec::new(),
            stderr,
            next_id: 1,
            eof: false,
            settings: Value::Null,
            server_requests: Vec::new(),
        }
    }

    /// Sends `initialize` (with `capabilities`, and `root` as the workspace
    /// folder) and `initialized`; returns the `initialize` result.
    pub fn initialize(&mut self, root: Option<&Path>, capabilities: Value) -> Value {
        let folders = match root {
            Some(root) => json!([{ "uri": file_uri(root), "name": "root" }]),
            None => Value::Null,
        };
        let result = self
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": root.map(file_uri),
                    "workspaceFolders": folders,
                    "capabilities": capabilities,
                }),
            )
            .expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response: `Ok(result)` or
    /// `Err(error object)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Waits for the response to request `id`.
    pub fn response(&mut self, id: i64) -> Result<Value, Value> {
        let response = self.wait_for(&format!("the response to request {id}"), |m| {
            m.get("id") == Some(&json!(id)) && m.get("method").is_none()
        });
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response.get("result").cloned().unwrap_or(Value::Null)),
        }
    }

    /// Writes raw bytes to the server's stdin, framing included.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("the server reads stdin");
        stdin.flush().expect("the server reads stdin");
    }

    fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend(body);
        self.send_raw(&frame);
    }

    /// Waits for the first message (received earlier or later) that matches
    /// `predicate`, and consumes it. Requests from the server are answered
    /// on the way.
    pub fn wait_for(&mut self, what: &str, predicate: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.inbox.iter().position(&predicate) {
            return self.inbox.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let frame = if self.eof {
                Err(RecvTimeoutError::Disconnected)
            } else {
                self.frames.recv_timeout(left)
            };
            match frame {
                Ok(Frame::Message(message)) => {
                    if message.get("method").is_some() && message.get("id").is_some() {
                        self.answer_server_request(&message);
                    }
                    if predicate(&message) {
                        return message;
                    }
                    self.inbox.push_back(message);
                }
                Ok(Frame::Garbage(garbage)) => self.garbage.push(garbage),
                Ok(Frame::Eof) => self.eof = true,
                Err(_) => panic!(
                    "timed out or disconnected waiting for {what}\nreceived: {:#?}\nstderr:\n{}",
                    self.inbox,
                    self.stderr()
                ),
            }
        }
    }

    /// Waits for `textDocument/publishDiagnostics` for `uri`, at `version`
    /// when given; returns the diagnostics.
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let mut message =
            self.wait_for(&format!("diagnostics for {uri} at version {version:?}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && version.is_none_or(|v| m["params"]["version"] == v)
            });
        match message["params"]["diagnostics"].take() {
            Value::Array(diagnostics) => diagnostics,
            _ => Vec::new(),
        }
    }

    fn answer_server_request(&mut self, request: &Value) {
        let method = request["method"].as_str().unwrap_or_default().to_string();
        self.server_requests.push((method.clone(), request["params"].clone()));
        let result = match method.as_str() {
            "workspace/configuration" => {
                let items = request["params"]["items"].as_array().map_or(0, Vec::len);
                Value::Array(vec![self.settings.clone(); items])
            }
            _ => Value::Null,
        };
        let id = request["id"].clone();
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "result": result }));
    }

    /// Everything the server wrote to stdout that was not a protocol frame.
    pub fn garbage(&mut self) -> Vec<String> {
        while let Ok(frame) = self.frames.try_recv() {
            match frame {
                Frame::Message(message) => self.inbox.push_back(message),
                Frame::Garbage(garbage) => self.garbage.push(garbage),
                Frame::Eof => self.eof = true,
            }
        }
        self.garbage.clone()
    }

    /// The process id of the server, e.g. to read `/proc/<pid>/status`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Closes the server's stdin, as an editor that goes away does.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    /// Sends `shutdown` and `exit` and waits for the process to end.
    pub fn shutdown_and_exit(&mut self) -> ExitStatus {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null), "shutdown answers null");
        self.exit()
    }

    /// Sends `exit` and waits for the process to end.
    pub fn exit(&mut self) -> ExitStatus {
        self.notify("exit", Value::Null);
        self.wait_exit()
    }

    /// Waits until the server closes its stdout, then for the process to end.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        while !self.eof {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.frames.recv_timeout(left) {
                Ok(Frame::Message(message)) => self.inbox.push_back(message),
                Ok(Frame::Garbage(garbage)) => self.garbage.push(garbage),
                Ok(Frame::Eof) | Err(RecvTimeoutError::Disconnected) => self.eof = true,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("the server did not exit; stderr:\n{}", self.stderr())
                }
            }
        }
        self.child.wait().expect("the child can be waited for")
    }
}

impl Drop for LspClient {
    fn drop(&mut self) {
        // A test that failed midway must not leave the server running.
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn read_frames(mut reader: impl BufRead, tx: &mpsc::Sender<Frame>) {
    loop {
        let mut length = None;
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => {
                    if !line.is_empty() {
                        let _ = tx.send(Frame::Garbage(line.clone()));
                    }
                    let _ = tx.send(Frame::Eof);
                    return;
                }
                Ok(_) => {}
            }
            if line == "\r\n" {
                break;
            }
            let Some((name, value)) = line.trim_end_matches("\r\n").split_once(": ") else {
                let _ = tx.send(Frame::Garbage(line.clone()));
                continue;
            };
            if !line.ends_with("\r\n") {
                let _ = tx.send(Frame::Garbage(line.clone()));
            } else if name.eq_ignore_ascii_case("Content-Length") {
                length = value.parse::<usize>().ok();
            } else if !name.eq_ignore_ascii_case("Content-Type") {
                let _ = tx.send(Frame::Garbage(line.clone()));
            }
        }
        let Some(length) = length else {
            let _ = tx.send(Frame::Garbage("a frame without Content-Length".to_string()));
            continue;
        };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            let _ = tx.send(Frame::Garbage("a truncated frame".to_string()));
            let _ = tx.send(Frame::Eof);
            return;
        }
        let frame = match serde_json::from_slice::<Value>(&body) {
            Ok(message) if message["jsonrpc"] == "2.0" => Frame::Message(message),
            _ => Frame::Garbage(String::from_utf8_lossy(&body).into_owned()),
        };
        if tx.send(frame).is_err() {
            return;
        }
    }
}

/// The `file://` URI of an absolute path, percent-encoding what a URI path
/// may not hold.
pub fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file://");
    for byte in path.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(byte as char)
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// The LSP position (line, UTF-16 character) of the `nth` occurrence of
/// `needle` in `text`, plus `delta` characters.
pub fn position_of(text: &str, needle: &str, nth: usize, delta: usize) -> Value {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` occurs {} times", nth + 1))
        .0;
    let offset = offset + text[offset..].chars().take(delta).map(char::len_utf8).sum::<usize>();
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character: usize = before[line_start..].chars().map(char::len_utf16).sum();
    json!({ "line": line, "character": character })
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!("ims-e2e-{name}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temporary directory can be created");
        // Canonical, so that URIs match what the server derives from paths.
        TempDir(dir.canonicalize().expect("the directory exists"))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
