//! End-to-end tests live in `tests/tests/`; this crate hosts them and the
//! helpers they share: finding the `ims` binary and an LSP client.

mod binary;
pub mod lsp_client;
pub mod run;

pub use binary::{example, ims_binary, workspace_root};
