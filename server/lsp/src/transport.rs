//! The stdio transport in front of tower-lsp-server.
//!
//! tower-lsp-server stops reading its input at the first message it cannot
//! decode (its framed reader ends after a decoder error), so one malformed
//! message from a client would end the session. This module sits between
//! the real stdin/stdout and the server: it reads the Content-Length frames
//! itself, passes on every well-formed JSON-RPC message, and answers the
//! malformed ones with a JSON-RPC error (parse error or invalid request),
//! as the specification asks. The server's own output is re-framed and
//! written by the same single writer, so frames never interleave.
//!
//! It is also where the order of the session is kept: document
//! notifications go to the server's [`UpdatePath`] as they are read, one at
//! a time, and the path is flushed before anything else is passed on, so
//! that every request sees every change sent before it. The framework
//! behind never sees a document notification, and how it schedules its
//! handlers cannot reorder them. A `$/` request that the server does not
//! know is answered "method not found" here, as the specification asks.
//!
//! A frame whose `Content-Length` is shorter than its body leaves the rest
//! of the body where the next header should be: the reader answers the
//! broken frame once and picks up again at the next `Content-Length`
//! header, wherever on its line it starts. A `Content-Length` over
//! [`MAX_MESSAGE_BYTES`] is answered at once and its body, if any comes,
//! skipped the same way; no header line is held longer than
//! [`MAX_HEADER_LINE`], so memory stays bounded whatever the client sends.
//!
//! **Invariant:** the writer task here is the only code that writes to
//! stdout, and it writes whole frames only.

use std::future::Future;
use std::sync::Arc;

use serde::Deserialize;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

use crate::proto;
use crate::proto::jsonrpc::Request;

/// A message body larger than this is refused at once: the frame is
/// answered with an error, and the reader looks for the next
/// `Content-Length` header instead of waiting for (or buffering) the body.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// The most of one header line that is kept: a longer line (the rest of a
/// body longer than its frame said, bytes that never end their line) is
/// read to its end, but only its last bytes, where the `Content-Length` of
/// the next frame would stand, are looked at.
const MAX_HEADER_LINE: usize = 64 * 1024;

/// How long the server may go on answering after the client closed stdin.
const EOF_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Buffer size of the in-memory pipes to and from the server.
const PIPE_BYTES: usize = 1024 * 1024;

/// How much of the client's input is read at once: a burst of small
/// changes that fits is applied before anything is parsed.
const INPUT_BUFFER_BYTES: usize = 256 * 1024;

/// The server's ordered update path (see the module documentation). Its
/// methods run one at a time, in the order of the input, on a blocking
/// thread.
pub trait UpdatePath: Send + Sync + 'static {
    /// Whether a notification with this method is an update the path
    /// applies (instead of passing it on to the framework).
    fn handles(&self, method: &str) -> bool;
    /// Applies one update.
    fn apply(&self, method: &str, params: Value);
    /// Makes the updates applied so far visible to requests.
    fn flush(&self);
}

/// Runs `serve` (the tower-lsp-server loop, given the server's ends of the
/// pipes) between `input` and `output`, until the server ends.
pub async fn run<I, O, F, Fut>(input: I, output: O, updates: Arc<dyn UpdatePath>, serve: F)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
    F: FnOnce(tokio::io::DuplexStream, tokio::io::DuplexStream) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (server_input, to_server) = tokio::io::duplex(PIPE_BYTES);
    let (server_output, from_server) = tokio::io::duplex(PIPE_BYTES);
    let (frames, outgoing) = mpsc::unbounded_channel::<Vec<u8>>();
    // The reader must not keep the writer alive: it may wait on stdin
    // forever after the server has exited.
    let errors = frames.downgrade();
    // Fired when the client sends `exit` or closes stdin: the session is
    // over even if some handler still waits (say, for a client response),
    // at once after `exit` and after a grace period at the end of stdin.
    let (ended, session_over) = oneshot::channel();
    let reader = tokio::spawn(read_input(input, to_server, errors, ended, updates));
    let server = async move {
        serve(server_input, server_output).await;
    };
    let forward = async move {
        let mut from_server = BufReader::new(from_server);
        while let Ok(Some(body)) = read_frame(&mut from_server).await {
            if let Ok(body) = body {
                if frames.send(body).is_err() {
                    break;
                }
            }
        }
    };
    let session = async move {
        let work = async { tokio::join!(server, forward) };
        tokio::pin!(work);
        tokio::select! {
            _ = &mut work => {}
            end = session_over => {
                if end != Ok(End::Exit) {
                    // The client closed stdin: let the server answer what it
                    // has read, but do not wait forever for the replies of a
                    // client that is gone.
                    let _ = tokio::time::timeout(EOF_GRACE, &mut work).await;
                }
            }
        }
        // Dropping the forwarder drops the last sender: the writer writes
        // what is queued and ends.
    };
    tokio::join!(session, write_output(output, outgoing));
    reader.abort();
}

/// Reads frames from the client; applies updates, passes the other
/// well-formed messages to the server and answers the others.
async fn read_input<I: AsyncRead + Unpin>(
    input: I,
    mut to_server: tokio::io::DuplexStream,
    errors: mpsc::WeakUnboundedSender<Vec<u8>>,
    ended: oneshot::Sender<End>,
    updates: Arc<dyn UpdatePath>,
) {
    let mut input = BufReader::with_capacity(INPUT_BUFFER_BYTES, input);
    let mut end = End::Eof;
    loop {
        let reply = match next_frame(&mut input, &updates).await {
            Err(_) | Ok(None) => break,
            Ok(Some(Err(problem))) => Some(error_response(Value::Null, -32700, &problem)),
            Ok(Some(Ok(body))) => match check_message(&body) {
                Ok(message) => match route(&message, updates.as_ref()) {
                    Route::Update(method) => {
                        let params = message.get("params").cloned().unwrap_or(Value::Null);
                        run_blocking(&updates, move |u| u.apply(&method, params)).await;
                        None
                    }
                    Route::Unknown(id, method) => {
                        Some(error_response(id, -32601, &format!("Method not found: {method}")))
                    }
                    Route::Server => {
                        // Every change read before this message is visible to it.
                        run_blocking(&updates, |u| u.flush()).await;
                        let header = format!("Content-Length: {}\r\n\r\n", body.len());
                        let sent = async {
                            to_server.write_all(header.as_bytes()).await?;
                            to_server.write_all(&body).await?;
                            to_server.flush().await
                        };
                        if sent.await.is_err() {
                            break;
                        }
                        if message["method"] == "exit" {
                            end = End::Exit;
                            break;
                        }
                        None
                    }
                },
                Err((id, code, problem)) => Some(error_response(id, code, &problem)),
            },
        };
        if let Some(reply) = reply {
            eprintln!("ims lsp: {}", String::from_utf8_lossy(&reply));
            match errors.upgrade() {
                Some(frames) => {
                    let _ = frames.send(reply);
                }
                None => break,
            }
        }
    }
    let _ = ended.send(end);
}

/// Where a message goes.
enum Route {
    /// A notification of the update path.
    Update(String),
    /// A `$/` request the server does not implement.
    Unknown(Value, String),
    /// To the framework: requests, responses, other notifications.
    Server,
}

fn route(message: &Value, updates: &dyn UpdatePath) -> Route {
    let Some(method) = message.get("method").and_then(Value::as_str) else { return Route::Server };
    match message.get("id") {
        None if updates.handles(method) => Route::Update(method.to_string()),
        Some(id) if method.starts_with("$/") => Route::Unknown(id.clone(), method.to_string()),
        _ => Route::Server,
    }
}

/// Runs `f` on the update path, on a blocking thread, and waits for it.
async fn run_blocking(
    updates: &Arc<dyn UpdatePath>,
    f: impl FnOnce(&dyn UpdatePath) + Send + 'static,
) {
    let updates = Arc::clone(updates);
    // A panic is caught and logged by the update path itself; a failed join
    // leaves nothing to do but go on reading.
    let _ = tokio::task::spawn_blocking(move || f(updates.as_ref())).await;
}

/// The next frame. When none is ready without waiting, the update path is
/// flushed first: the client has sent everything it had, so a burst of
/// changes ends here, with one parse and one analysis for all of it.
async fn next_frame<R: AsyncBufReadExt + Unpin>(
    input: &mut R,
    updates: &Arc<dyn UpdatePath>,
) -> std::io::Result<Option<Result<Vec<u8>, String>>> {
    let read = read_frame(input);
    tokio::pin!(read);
    let ready = std::future::poll_fn(|cx| match read.as_mut().poll(cx) {
        std::task::Poll::Ready(frame) => std::task::Poll::Ready(Some(frame)),
        std::task::Poll::Pending => std::task::Poll::Ready(None),
    })
    .await;
    if let Some(frame) = ready {
        return frame;
    }
    run_blocking(updates, |u| u.flush()).await;
    read.await
}

/// How the client ended the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Exit,
    Eof,
}

async fn write_output<O: AsyncWrite + Unpin>(
    mut output: O,
    mut frames: mpsc::UnboundedReceiver<Vec<u8>>,
) {
    while let Some(body) = frames.recv().await {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let written = async {
            output.write_all(header.as_bytes()).await?;
            output.write_all(&body).await?;
            output.flush().await
        };
        if let Err(e) = written.await {
            eprintln!("ims lsp: cannot write to stdout: {e}");
            break;
        }
    }
}

/// Reads one frame: `Ok(None)` at the end of the input, `Ok(Some(Err(..)))`
/// for a frame whose headers or size are wrong (its bytes are skipped).
async fn read_frame<R: AsyncBufReadExt + Unpin>(
    input: &mut R,
) -> std::io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut line = Vec::new();
    let mut any_header = false;
    let mut skipped_garbage = false;
    loop {
        line.clear();
        if read_header_line(input, &mut line).await? == 0 {
            return Ok(None);
        }
        if line == b"\r\n" || line == b"\n" {
            if any_header {
                break;
            }
            continue; // Stray blank lines between frames.
        }
        any_header = true;
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end();
        // A `Content-Length` header after other bytes on its line (the rest
        // of a body longer than its frame said) starts a new frame: resync.
        if let Some(at) = text.to_ascii_lowercase().rfind("content-length:") {
            let value = &text[at + "content-length:".len()..];
            length =
                Some(value.trim().parse::<usize>().map_err(|e| format!("bad Content-Length: {e}")));
            if at > 0 && length.as_ref().is_some_and(Result::is_ok) {
                skipped_garbage = true;
            }
            continue;
        }
        if !text.contains(':') {
            length = Some(Err(format!("malformed header line {:?}", truncated(text))));
        }
    }
    match length {
        None => Ok(Some(Err("a message without a Content-Length header".to_string()))),
        Some(Err(problem)) => Ok(Some(Err(problem))),
        Some(Ok(n)) if n > MAX_MESSAGE_BYTES => Ok(Some(Err(format!(
            "message of {n} bytes is larger than {MAX_MESSAGE_BYTES}; \
             what follows is skipped up to the next Content-Length header"
        )))),
        Some(Ok(n)) => {
            let mut body = vec![0; n];
            match input.read_exact(&mut body).await {
                Ok(_) if skipped_garbage => {
                    eprintln!("ims lsp: bytes before a Content-Length header were skipped");
                    Ok(Some(Ok(body)))
                }
                Ok(_) => Ok(Some(Ok(body))),
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
                Err(e) => Err(e),
            }
        }
    }
}

/// Reads up to and including the next `\n` (or to the end of the input)
/// into `line`, keeping only its last [`MAX_HEADER_LINE`] bytes. Returns
/// how many bytes were read: 0 at the end of the input.
async fn read_header_line<R: AsyncBufReadExt + Unpin>(
    input: &mut R,
    line: &mut Vec<u8>,
) -> std::io::Result<usize> {
    let mut read = 0;
    loop {
        let available = input.fill_buf().await?;
        if available.is_empty() {
            return Ok(read);
        }
        let end = available.iter().position(|&b| b == b'\n');
        let taken = end.map_or(available.len(), |i| i + 1);
        line.extend_from_slice(&available[..taken]);
        input.consume(taken);
        read += taken;
        if line.len() > MAX_HEADER_LINE {
            line.drain(..line.len() - MAX_HEADER_LINE);
        }
        if end.is_some() {
            return Ok(read);
        }
    }
}

/// Whether `body` is a JSON-RPC message the server can decode; otherwise the
/// id to answer with, the error code and why.
fn check_message(body: &[u8]) -> Result<Value, (Value, i64, String)> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| (Value::Null, -32700, format!("Parse error: {e}")))?;
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let is_request = Request::deserialize(&value).is_ok();
    let is_response = !is_request
        && value.get("method").is_none()
        && proto::jsonrpc::Response::deserialize(&value).is_ok();
    if is_request || is_response {
        Ok(value)
    } else {
        Err((
            id,
            -32600,
            "Invalid Request: not a JSON-RPC 2.0 request, notification or response".to_string(),
        ))
    }
}

/// A header line for a message: at most 80 characters of it.
fn truncated(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((at, _)) => format!("{}...", &text[..at]),
        None => text.to_string(),
    }
}

fn error_response(id: Value, code: i64, message: &str) -> Vec<u8> {
    let response =
        json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    serde_json::to_vec(&response).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_messages() {
        assert!(check_message(br#"{"jsonrpc":"2.0","id":1,"method":"x","params":{}}"#).is_ok());
        assert!(check_message(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_ok());
        assert!(check_message(br#"{"jsonrpc":"2.0","id":"a","result":null}"#).is_ok());
        assert_eq!(check_message(b"{x}").unwrap_err().1, -32700);
        let (id, code, _) = check_message(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#).unwrap_err();
        assert_eq!((id, code), (json!(7), -32600));
        let (id, code, _) = check_message(br#"{"jsonrpc":"2.0","id":"a","method":7}"#).unwrap_err();
        assert_eq!((id, code), (json!("a"), -32600));
        assert_eq!(check_message(br#"[1, 2]"#).unwrap_err().1, -32600);
    }

    #[tokio::test]
    async fn reads_frames_and_reports_bad_headers() {
        let input: &[u8] =
            b"Content-Length: 2\r\n\r\n{}\r\nX: y\r\n\r\nContent-Length: zz\r\n\r\nContent-Length: 1\r\n\r\n";
        let mut input = BufReader::new(input);
        assert_eq!(read_frame(&mut input).await.unwrap(), Some(Ok(b"{}".to_vec())));
        assert!(matches!(read_frame(&mut input).await.unwrap(), Some(Err(_))));
        assert!(matches!(read_frame(&mut input).await.unwrap(), Some(Err(_))));
        // A body cut short by the end of the input ends the stream.
        assert_eq!(read_frame(&mut input).await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_huge_length_is_refused_at_once_and_the_next_frame_read() {
        let mut input: Vec<u8> = b"Content-Length: 999999999999\r\n\r\n".to_vec();
        // The body, if the client sends one, on a long line with no break,
        // then the next frame right after it.
        input.extend(std::iter::repeat_n(b'x', 3 * MAX_HEADER_LINE));
        input.extend(b"Content-Length: 2\r\n\r\n{}");
        let mut input = BufReader::new(&input[..]);
        let refused = read_frame(&mut input).await.unwrap();
        assert!(matches!(refused, Some(Err(ref e)) if e.contains("larger than")), "{refused:?}");
        assert_eq!(read_frame(&mut input).await.unwrap(), Some(Ok(b"{}".to_vec())));
        assert_eq!(read_frame(&mut input).await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_header_line_is_held_at_most_max_header_line_long() {
        let mut line = Vec::new();
        let mut long = vec![b'y'; 5 * MAX_HEADER_LINE];
        long.extend(b"\r\nrest");
        let mut input = BufReader::with_capacity(4096, &long[..]);
        let read = read_header_line(&mut input, &mut line).await.unwrap();
        assert_eq!(read, 5 * MAX_HEADER_LINE + 2);
        assert_eq!(line.len(), MAX_HEADER_LINE);
        assert!(line.ends_with(b"y\r\n"));
    }
}
