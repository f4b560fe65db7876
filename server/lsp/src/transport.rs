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
//! **Invariant:** the writer task here is the only code that writes to
//! stdout, and it writes whole frames only.

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::{mpsc, oneshot};

use crate::proto;

/// A message body larger than this is answered with an error and skipped.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// How long the server may go on answering after the client closed stdin.
const EOF_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Buffer size of the in-memory pipes to and from the server.
const PIPE_BYTES: usize = 1024 * 1024;

/// Runs `serve` (the tower-lsp-server loop, given the server's ends of the
/// pipes) between `input` and `output`, until the server ends.
pub async fn run<I, O, F, Fut>(input: I, output: O, serve: F)
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
    let reader = tokio::spawn(read_input(input, to_server, errors, ended));
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

/// Reads frames from the client; passes well-formed messages to the server
/// and answers the others.
async fn read_input<I: AsyncRead + Unpin>(
    input: I,
    mut to_server: tokio::io::DuplexStream,
    errors: mpsc::WeakUnboundedSender<Vec<u8>>,
    ended: oneshot::Sender<End>,
) {
    let mut input = BufReader::new(input);
    let mut end = End::Eof;
    loop {
        let reply = match read_frame(&mut input).await {
            Err(_) | Ok(None) => break,
            Ok(Some(Err(problem))) => Some(error_response(Value::Null, -32700, &problem)),
            Ok(Some(Ok(body))) => match check_message(&body) {
                Ok(()) => {
                    let header = format!("Content-Length: {}\r\n\r\n", body.len());
                    let sent = async {
                        to_server.write_all(header.as_bytes()).await?;
                        to_server.write_all(&body).await?;
                        to_server.flush().await
                    };
                    if sent.await.is_err() {
                        break;
                    }
                    if is_exit(&body) {
                        end = End::Exit;
                        break;
                    }
                    None
                }
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

/// How the client ended the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Exit,
    Eof,
}

fn is_exit(body: &[u8]) -> bool {
    serde_json::from_slice::<Value>(body).is_ok_and(|v| v["method"] == "exit")
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
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).await? == 0 {
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
        let Some((name, value)) = text.trim_end().split_once(':') else {
            length = Some(Err(format!("malformed header line {:?}", text.trim_end())));
            continue;
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            length =
                Some(value.trim().parse::<usize>().map_err(|e| format!("bad Content-Length: {e}")));
        }
    }
    match length {
        None => Ok(Some(Err("a message without a Content-Length header".to_string()))),
        Some(Err(problem)) => Ok(Some(Err(problem))),
        Some(Ok(n)) if n > MAX_MESSAGE_BYTES => {
            let skipped =
                tokio::io::copy(&mut input.take(n as u64), &mut tokio::io::sink()).await?;
            if skipped < n as u64 {
                return Ok(None);
            }
            Ok(Some(Err(format!("message of {n} bytes is larger than {MAX_MESSAGE_BYTES}"))))
        }
        Some(Ok(n)) => {
            let mut body = vec![0; n];
            match input.read_exact(&mut body).await {
                Ok(_) => Ok(Some(Ok(body))),
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(None),
                Err(e) => Err(e),
            }
        }
    }
}

/// Whether `body` is a JSON-RPC message the server can decode; otherwise the
/// id to answer with, the error code and why.
fn check_message(body: &[u8]) -> Result<(), (Value, i64, String)> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| (Value::Null, -32700, format!("Parse error: {e}")))?;
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    let is_request = serde_json::from_value::<proto::jsonrpc::Request>(value.clone()).is_ok();
    let is_response = !is_request
        && value.get("method").is_none()
        && serde_json::from_value::<proto::jsonrpc::Response>(value).is_ok();
    if is_request || is_response {
        Ok(())
    } else {
        Err((
            id,
            -32600,
            "Invalid Request: not a JSON-RPC 2.0 request, notification or response".to_string(),
        ))
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
}
