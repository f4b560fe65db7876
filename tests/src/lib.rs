//! End-to-end tests live in `tests/tests/`; this crate hosts them and the
//! helpers they share: finding the `ims` binary and an LSP client.

mod binary;
pub mod lsp_client;
pub mod run;

pub use binary::{example, ims_binary, workspace_root};

/// The environment that makes a report reproducible: a fixed date of today
/// (the report's date, `planned-overdue`) and no git repository, so that the
/// revision is the content hash of the files, not the commit the tests run
/// on. Every command the tests run gets it.
pub const REPRODUCIBLE: [(&str, &str); 2] =
    [("IMS_TODAY", "2026-12-04"), ("GIT_DIR", "/nonexistent-ims-e2e-git-dir")];
