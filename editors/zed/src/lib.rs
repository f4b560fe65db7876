//! The Zed side of the IMS language server: start `ims lsp` from PATH and
//! pass the user's `lsp.ims.settings` to it as the `ims` section of
//! `workspace/configuration` (docs/lsp.md, Settings).

use zed_extension_api::{self as zed, serde_json, settings::LspSettings, LanguageServerId, Result};

struct ImsExtension;

impl zed::Extension for ImsExtension {
    fn new() -> Self {
        ImsExtension
    }

    fn language_server_command(
        &mut self,
        _id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which("ims").ok_or_else(|| {
            "`ims` is not on PATH: install it with `cargo install --path server/cli` \
             in the IMS language tools repository"
                .to_string()
        })?;
        Ok(zed::Command { command, args: vec!["lsp".to_string()], env: Vec::new() })
    }

    fn language_server_workspace_configuration(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<Option<serde_json::Value>> {
        let settings = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|lsp| lsp.settings)
            .unwrap_or_else(|| serde_json::json!({}));
        Ok(Some(serde_json::json!({ "ims": settings })))
    }
}

zed::register_extension!(ImsExtension);
