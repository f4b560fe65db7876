//! What the server tells the client it can do.

use crate::position::PositionEncoding;
use crate::proto::{self, OneOf};
use crate::to_proto;

pub fn server_capabilities(
    encoding: PositionEncoding,
    pull_diagnostics: bool,
) -> proto::ServerCapabilities {
    proto::ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(proto::TextDocumentSyncCapability::Options(
            proto::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(proto::TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        diagnostic_provider: pull_diagnostics.then(|| {
            proto::DiagnosticServerCapabilities::Options(proto::DiagnosticOptions {
                identifier: Some("ims".to_string()),
                // One IMS spans files: a change in one changes the others' diagnostics.
                inter_file_dependencies: true,
                workspace_diagnostics: false,
                work_done_progress_options: Default::default(),
            })
        }),
        hover_provider: Some(proto::HoverProviderCapability::Simple(true)),
        completion_provider: Some(proto::CompletionOptions {
            trigger_characters: Some(vec![":".to_string(), ".".to_string(), " ".to_string()]),
            ..Default::default()
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(proto::CodeLensOptions { resolve_provider: Some(false) }),
        semantic_tokens_provider: Some(
            proto::SemanticTokensServerCapabilities::SemanticTokensOptions(
                proto::SemanticTokensOptions {
                    legend: to_proto::semantic_tokens_legend(),
                    full: Some(proto::SemanticTokensFullOptions::Bool(true)),
                    range: None,
                    work_done_progress_options: Default::default(),
                },
            ),
        ),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(proto::RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(proto::FoldingRangeProviderCapability::Simple(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(proto::CodeActionProviderCapability::Options(
            proto::CodeActionOptions {
                code_action_kinds: Some(vec![
                    proto::CodeActionKind::QUICKFIX,
                    proto::CodeActionKind::REFACTOR,
                ]),
                ..Default::default()
            },
        )),
        ..Default::default()
    }
}
