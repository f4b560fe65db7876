//! The protocol types the server uses, in one place.
//!
//! **Boundary:** only the server crate knows LSP. Every protocol type comes
//! through this module, so a change of the protocol library touches one file.

pub use tower_lsp_server::jsonrpc::{self, Error, ErrorCode, Result};
pub use tower_lsp_server::ls_types::*;
pub use tower_lsp_server::{Client, LanguageServer, LspService, Server};

/// A JSON-RPC "invalid params" error with a message.
pub fn invalid_params(message: impl Into<String>) -> Error {
    Error::invalid_params(message.into())
}

/// A JSON-RPC "internal error" with a message.
pub fn internal_error(message: impl Into<String>) -> Error {
    Error { code: ErrorCode::InternalError, message: message.into().into(), data: None }
}
