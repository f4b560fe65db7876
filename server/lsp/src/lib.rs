//! `ims lsp`: the IMS language server, a thin tower-lsp-server adapter over
//! `ims-analysis`.
//!
//! **Boundary:** this crate is the only one that knows LSP. Protocol types
//! come through `proto`, position conversion lives in `position`, request
//! handlers in `handlers` convert from the protocol, call the analysis and
//! convert back. The mutable state is `store`; requests read `snapshot`s.
//! docs/lsp.md describes the server for users and developers.

mod capabilities;
mod document;
mod drop_later;
mod handlers;
mod log;
mod position;
mod proto;
mod report;
mod server;
mod settings;
mod snapshot;
mod store;
mod to_proto;
mod transport;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

pub use crate::log::LOG_ENV;
use crate::server::Backend;

/// The environment variable that enables the `ims/debugPanic` request, which
/// the end-to-end tests use to check that a panic does not end the session.
pub const TEST_PANIC_ENV: &str = "IMS_LSP_TEST_PANIC";

/// Serves the language server over stdin and stdout until the client sends
/// `exit`. Returns the process exit code: 0 after an orderly
/// `shutdown`/`exit`, 1 otherwise (as the LSP specification asks).
pub fn run() -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("ims lsp: cannot start the async runtime: {e}");
            return 2;
        }
    };
    let shutdown_requested = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // The blocking read of stdin may still be waiting for input that never
    // comes: do not wait for it.
    runtime.shutdown_background();
    if shutdown_requested {
        0
    } else {
        1
    }
}

/// Serves one session over `input` and `output`. Returns whether the client
/// asked for `shutdown` before the session ended.
pub async fn serve<I, O>(input: I, output: O) -> bool
where
    I: tokio::io::AsyncRead + Unpin + Send + 'static,
    O: tokio::io::AsyncWrite + Unpin,
{
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shutdown_requested);
    // The backend is built by the framework, at once; the transport's
    // ordered update path needs it too.
    let backend: Arc<OnceLock<Backend>> = Arc::new(OnceLock::new());
    let cell = Arc::clone(&backend);
    let mut builder = proto::LspService::build(move |client| {
        let built = Backend::new(client, flag);
        let _ = cell.set(built.clone());
        built
    });
    // Custom requests are registered here.
    builder = builder.custom_method("ims/report", Backend::report);
    if std::env::var(TEST_PANIC_ENV).is_ok_and(|v| v == "1") {
        builder = builder.custom_method("ims/debugPanic", Backend::debug_panic);
    }
    let (service, socket) = builder.finish();
    let updates: Arc<dyn transport::UpdatePath> =
        Arc::new(backend.get().expect("LspService::build calls its init at once").clone());
    transport::run(input, output, updates, |server_input, server_output| {
        proto::Server::new(server_input, server_output, socket).serve(service)
    })
    .await;
    shutdown_requested.load(Ordering::SeqCst)
}
