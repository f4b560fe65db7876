//! Request handlers: convert from the protocol, call the analysis, convert
//! back. Each runs on a blocking thread against one immutable [`Snapshot`];
//! `server.rs` dispatches to them and catches their panics.

use ims_analysis::TextRange;
use ims_ide::FilePosition;

use crate::proto::{self, Result};
use crate::snapshot::{Snapshot, View};
use crate::to_proto;

/// `textDocument/diagnostic` (pull diagnostics). The result id is a hash
/// of the diagnostics as sent, so a pull whose `previousResultId` names the
/// same diagnostics is answered "unchanged" instead of sending them again:
/// after most keystrokes (in prose, or on another line than every finding)
/// the diagnostics of a document are what the editor already shows.
pub fn document_diagnostic(
    snap: &Snapshot,
    params: proto::DocumentDiagnosticParams,
) -> Result<proto::DocumentDiagnosticReportResult> {
    let uri = &params.text_document.uri;
    let mut items = match snap.document(uri)? {
        (view, Some(file)) => {
            let analysis = view.analysis();
            analysis
                .diagnostics
                .iter()
                .filter(|d| d.location.file == file)
                .map(|d| to_proto::diagnostic(&view, d))
                .collect()
        }
        (_, None) => Vec::new(),
    };
    for (other, _, diagnostics) in &snap.server_diagnostics {
        if other == uri {
            items.extend(diagnostics.iter().cloned());
        }
    }
    let result_id = diagnostics_result_id(&items);
    let report = if params.previous_result_id.as_deref() == Some(result_id.as_str()) {
        proto::DocumentDiagnosticReport::Unchanged(
            proto::RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: proto::UnchangedDocumentDiagnosticReport {
                    result_id,
                },
            },
        )
    } else {
        proto::DocumentDiagnosticReport::Full(proto::RelatedFullDocumentDiagnosticReport {
            related_documents: None,
            full_document_diagnostic_report: proto::FullDocumentDiagnosticReport {
                result_id: Some(result_id),
                items,
            },
        })
    };
    Ok(proto::DocumentDiagnosticReportResult::Report(report))
}

/// The result id of a document's diagnostics: 64-bit FNV-1a of their JSON,
/// in hex. Equal diagnostics give equal ids in every session and build (the
/// hash is written down here, not the standard library's, which may change).
fn diagnostics_result_id(items: &[proto::Diagnostic]) -> String {
    let json = serde_json::to_vec(items).unwrap_or_default();
    let hash = json.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// `textDocument/codeAction`: the quick fixes of the diagnostics in the
/// range, with the diagnostic attached, then refactorings.
pub fn code_action(
    snap: &Snapshot,
    params: proto::CodeActionParams,
) -> Result<Option<proto::CodeActionResponse>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let range = view.text_range(file, params.range)?;
    let analysis = view.analysis();
    let actions = ims_ide::code_actions(view.workspace(), &analysis, file, range)
        .into_iter()
        .map(|action| to_proto::code_action(&view, &analysis, action))
        .filter(|action| match &params.context.only {
            None => true,
            Some(only) => action
                .kind
                .as_ref()
                .is_some_and(|kind| only.iter().any(|o| kind.as_str().starts_with(o.as_str()))),
        })
        .map(proto::CodeActionOrCommand::CodeAction)
        .collect();
    Ok(Some(actions))
}

/// `textDocument/hover`.
pub fn hover(snap: &Snapshot, params: proto::HoverParams) -> Result<Option<proto::Hover>> {
    let Some((view, pos)) = file_position(snap, &params.text_document_position_params)? else {
        return Ok(None);
    };
    let analysis = view.analysis();
    Ok(ims_ide::hover(view.workspace(), &analysis, pos).map(|hover| proto::Hover {
        contents: proto::HoverContents::Markup(to_proto::markdown(hover.markdown)),
        range: Some(view.range(pos.file, hover.range)),
    }))
}

/// The project and byte position of a text document position.
fn file_position<'s>(
    snap: &'s Snapshot,
    params: &proto::TextDocumentPositionParams,
) -> Result<Option<(View<'s>, FilePosition)>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let offset = view.offset(file, params.position)?;
    Ok(Some((view, FilePosition { file, offset })))
}

/// `textDocument/completion`.
pub fn completion(
    snap: &Snapshot,
    params: proto::CompletionParams,
) -> Result<Option<proto::CompletionResponse>> {
    let Some((view, pos)) = file_position(snap, &params.text_document_position)? else {
        return Ok(None);
    };
    let analysis = view.analysis();
    let items = ims_ide::completion(view.workspace(), &analysis, pos)
        .into_iter()
        .map(|item| to_proto::completion_item(&view, pos.file, item))
        .collect();
    Ok(Some(proto::CompletionResponse::Array(items)))
}

/// `textDocument/formatting`: one edit spanning what changed; nothing for
/// a file with syntax errors, which the formatter refuses to touch.
pub fn formatting(
    snap: &Snapshot,
    params: proto::DocumentFormattingParams,
) -> Result<Option<Vec<proto::TextEdit>>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let info = view.info(file);
    let Some(formatted) = ims_fmt::format(&info.syntax, &info.text) else {
        return Ok(None);
    };
    Ok(Some(to_proto::minimal_edit(&view, file, &info.text, &formatted).into_iter().collect()))
}

/// `textDocument/inlayHint`: clause titles after references, unless the
/// `ims.inlayHints.enable` setting is off.
pub fn inlay_hint(
    snap: &Snapshot,
    params: proto::InlayHintParams,
) -> Result<Option<Vec<proto::InlayHint>>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    if !view.settings().inlay_hints {
        return Ok(Some(Vec::new()));
    }
    let range = view.text_range(file, params.range)?;
    let analysis = view.analysis();
    let hints = ims_ide::inlay_hints(view.workspace(), &analysis, file, Some(range))
        .into_iter()
        .map(|hint| proto::InlayHint {
            position: view.range(file, TextRange::empty(hint.offset)).start,
            label: proto::InlayHintLabel::String(hint.label),
            kind: None,
            text_edits: None,
            tooltip: Some(proto::InlayHintTooltip::String(hint.tooltip)),
            padding_left: Some(true),
            padding_right: None,
            data: None,
        })
        .collect();
    Ok(Some(hints))
}

/// `textDocument/codeLens`: coverage per system.
pub fn code_lens(
    snap: &Snapshot,
    params: proto::CodeLensParams,
) -> Result<Option<Vec<proto::CodeLens>>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let analysis = view.analysis();
    let lenses = ims_ide::code_lenses(view.workspace(), &analysis, file)
        .into_iter()
        .map(|lens| proto::CodeLens {
            range: view.range(file, lens.range),
            // A lens that only informs: no command to run.
            command: Some(proto::Command {
                title: lens.title,
                command: String::new(),
                arguments: None,
            }),
            data: None,
        })
        .collect();
    Ok(Some(lenses))
}

/// `textDocument/semanticTokens/full`.
pub fn semantic_tokens_full(
    snap: &Snapshot,
    params: proto::SemanticTokensParams,
) -> Result<Option<proto::SemanticTokensResult>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let analysis = view.analysis();
    let tree = view.info(file).syntax.tree();
    let tokens = ims_ide::semantic_tokens(view.workspace(), &analysis, file, tree);
    Ok(Some(proto::SemanticTokensResult::Tokens(to_proto::semantic_tokens(&view, file, &tokens))))
}

/// `textDocument/definition`.
pub fn goto_definition(
    snap: &Snapshot,
    params: proto::GotoDefinitionParams,
) -> Result<Option<proto::GotoDefinitionResponse>> {
    let Some((view, pos)) = file_position(snap, &params.text_document_position_params)? else {
        return Ok(None);
    };
    let analysis = view.analysis();
    Ok(ims_ide::goto_definition(view.workspace(), &analysis, pos)
        .map(|target| proto::GotoDefinitionResponse::Scalar(view.location(target))))
}

/// `textDocument/references`.
pub fn references(
    snap: &Snapshot,
    params: proto::ReferenceParams,
) -> Result<Option<Vec<proto::Location>>> {
    let Some((view, pos)) = file_position(snap, &params.text_document_position)? else {
        return Ok(None);
    };
    let analysis = view.analysis();
    let include_declaration = params.context.include_declaration;
    let found = ims_ide::references(view.workspace(), &analysis, pos, include_declaration);
    Ok(Some(found.into_iter().map(|location| view.location(location)).collect()))
}

/// `textDocument/prepareRename`.
pub fn prepare_rename(
    snap: &Snapshot,
    params: proto::TextDocumentPositionParams,
) -> Result<Option<proto::PrepareRenameResponse>> {
    let Some((view, pos)) = file_position(snap, &params)? else { return Ok(None) };
    let analysis = view.analysis();
    Ok(ims_ide::prepare_rename(view.workspace(), &analysis, pos)
        .map(|range| proto::PrepareRenameResponse::Range(view.range(pos.file, range))))
}

/// `textDocument/rename`: edits in every file that names the entity; an
/// error says why a rename is refused (not a name, an invalid or taken name).
pub fn rename(
    snap: &Snapshot,
    params: proto::RenameParams,
) -> Result<Option<proto::WorkspaceEdit>> {
    let Some((view, pos)) = file_position(snap, &params.text_document_position)? else {
        return Ok(None);
    };
    let analysis = view.analysis();
    match ims_ide::rename(view.workspace(), &analysis, pos, &params.new_name) {
        Ok(edits) => Ok(Some(to_proto::workspace_edit(&view, &edits))),
        Err(reason) => Err(proto::invalid_params(reason)),
    }
}

/// `textDocument/documentSymbol`: the outline, nested.
pub fn document_symbol(
    snap: &Snapshot,
    params: proto::DocumentSymbolParams,
) -> Result<Option<proto::DocumentSymbolResponse>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let symbols = ims_ide::document_symbols(view.workspace(), file)
        .into_iter()
        .map(|symbol| to_proto::document_symbol(&view, file, symbol))
        .collect();
    Ok(Some(proto::DocumentSymbolResponse::Nested(symbols)))
}

/// `workspace/symbol`.
pub fn workspace_symbol(
    snap: &Snapshot,
    params: proto::WorkspaceSymbolParams,
) -> Result<Option<proto::WorkspaceSymbolResponse>> {
    let mut symbols = Vec::new();
    for view in snap.views() {
        let analysis = view.analysis();
        let found = ims_ide::workspace_symbols(view.workspace(), &analysis, &params.query);
        symbols.extend(found.into_iter().map(|symbol| proto::WorkspaceSymbol {
            name: symbol.name,
            kind: to_proto::symbol_kind(symbol.kind),
            tags: None,
            container_name: symbol.detail,
            location: proto::OneOf::Left(view.location(symbol.location)),
            data: None,
        }));
    }
    Ok(Some(proto::WorkspaceSymbolResponse::Nested(symbols)))
}

/// `textDocument/foldingRange`.
pub fn folding_range(
    snap: &Snapshot,
    params: proto::FoldingRangeParams,
) -> Result<Option<Vec<proto::FoldingRange>>> {
    let (view, Some(file)) = snap.document(&params.text_document.uri)? else { return Ok(None) };
    let ranges = ims_ide::folding_ranges(view.workspace(), file, view.info(file).syntax.tree())
        .into_iter()
        .filter_map(|range| to_proto::folding_range(&view, file, range))
        .collect();
    Ok(Some(ranges))
}

/// `textDocument/documentHighlight`.
pub fn document_highlight(
    snap: &Snapshot,
    params: proto::DocumentHighlightParams,
) -> Result<Option<Vec<proto::DocumentHighlight>>> {
    let Some((view, pos)) = file_position(snap, &params.text_document_position_params)? else {
        return Ok(None);
    };
    let analysis = view.analysis();
    let highlights = ims_ide::document_highlights(view.workspace(), &analysis, pos)
        .into_iter()
        .map(|h| proto::DocumentHighlight {
            range: view.range(pos.file, h.range),
            kind: Some(if h.is_definition {
                proto::DocumentHighlightKind::WRITE
            } else {
                proto::DocumentHighlightKind::READ
            }),
        })
        .collect();
    Ok(Some(highlights))
}
