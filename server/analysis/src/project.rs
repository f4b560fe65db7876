//! The built-in catalog, shared by every workspace that uses no user
//! catalog. Finding and reading projects on disk is `ims_project`'s: the
//! analysis never opens a file.

use std::sync::Arc;

use ims_catalog::Catalog;

/// The built-in catalog, shared: built once per process.
pub fn builtin() -> Arc<Catalog> {
    static BUILTIN: std::sync::OnceLock<Arc<Catalog>> = std::sync::OnceLock::new();
    BUILTIN.get_or_init(|| Arc::new(Catalog::builtin().clone())).clone()
}
