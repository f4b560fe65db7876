//! Conversions from the analysis's plain structs to protocol types.

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use ims_analysis::{Analysis, Diagnostic, FileId, Severity, TextEdit, TextRange};
use ims_syntax::ast::DeclarationKind;

use crate::position::PositionEncoding;
use crate::proto::{self, Uri};
use crate::snapshot::View;

pub fn severity(severity: Severity) -> proto::DiagnosticSeverity {
    match severity {
        Severity::Error => proto::DiagnosticSeverity::ERROR,
        Severity::Warning => proto::DiagnosticSeverity::WARNING,
        Severity::Info => proto::DiagnosticSeverity::INFORMATION,
        Severity::Hint => proto::DiagnosticSeverity::HINT,
    }
}

/// One analysis diagnostic, with its code, the link to its documentation and
/// its related locations.
pub fn diagnostic(snap: &View, d: &Diagnostic) -> proto::Diagnostic {
    let related: Vec<proto::DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| proto::DiagnosticRelatedInformation {
            location: snap.location(r.location),
            message: r.message.clone(),
        })
        .collect();
    let tags = match d.code {
        ims_analysis::Code::UnusedSuppression => Some(vec![proto::DiagnosticTag::UNNECESSARY]),
        _ => None,
    };
    proto::Diagnostic {
        range: snap.range(d.location.file, d.location.range),
        severity: Some(severity(d.severity)),
        code: Some(proto::NumberOrString::String(d.code.name().to_string())),
        code_description: docs_uri(d.code).map(|href| proto::CodeDescription { href }),
        source: Some("ims".to_string()),
        message: d.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}

/// The documentation link of a code, when a documentation URL is
/// configured; parsed once per code, not per diagnostic.
fn docs_uri(code: ims_analysis::Code) -> Option<Uri> {
    static URIS: std::sync::OnceLock<HashMap<ims_analysis::Code, Option<Uri>>> =
        std::sync::OnceLock::new();
    let uris = URIS.get_or_init(|| {
        ims_analysis::Code::ALL
            .iter()
            .map(|&c| (c, c.docs_url().and_then(|url| Uri::from_str(&url).ok())))
            .collect()
    });
    uris.get(&code).cloned().flatten()
}

/// Diagnostics converted at the last publish, by file: a file's are
/// converted again only when the analysis gives it other diagnostics or a
/// file they point into has another text (its positions may have moved).
/// After a keystroke in one file of a large workspace that is the one file,
/// instead of every file's diagnostics (docs/performance.md).
#[derive(Debug, Default)]
pub struct DiagnosticsCache {
    previous: HashMap<Uri, Converted>,
    current: HashMap<Uri, Converted>,
}

#[derive(Debug)]
struct Converted {
    /// What was converted.
    source: Vec<Diagnostic>,
    /// The file each of its locations is in, with the text that the
    /// positions were counted in (held, and compared by pointer), and the
    /// unit they were counted in.
    texts: Vec<(FileId, Uri, Arc<str>)>,
    encoding: PositionEncoding,
    converted: Vec<proto::Diagnostic>,
}

impl DiagnosticsCache {
    /// The diagnostics of every analysed file of a project, by file.
    pub fn by_file(&mut self, snap: &View) -> HashMap<FileId, Vec<proto::Diagnostic>> {
        let analysis = snap.analysis();
        let mut grouped: HashMap<FileId, Vec<&Diagnostic>> =
            snap.workspace().file_ids().map(|file| (file, Vec::new())).collect();
        for d in &analysis.diagnostics {
            grouped.entry(d.location.file).or_default().push(d);
        }
        grouped
            .into_iter()
            .map(|(file, diagnostics)| (file, self.file(snap, file, diagnostics)))
            .collect()
    }

    /// Ends a publish: what it did not convert or reuse is forgotten.
    pub fn finish(&mut self) {
        self.previous = std::mem::take(&mut self.current);
    }

    fn file(
        &mut self,
        snap: &View,
        file: FileId,
        diagnostics: Vec<&Diagnostic>,
    ) -> Vec<proto::Diagnostic> {
        let uri = snap.uri(file);
        if let Some(cached) = self.previous.remove(&uri) {
            if cached.still_holds(snap, &diagnostics) {
                let converted = cached.converted.clone();
                self.current.insert(uri, cached);
                return converted;
            }
        }
        let converted: Vec<proto::Diagnostic> =
            diagnostics.iter().map(|d| diagnostic(snap, d)).collect();
        let mut files: Vec<FileId> = diagnostics
            .iter()
            .flat_map(|d| {
                std::iter::once(d.location.file).chain(d.related.iter().map(|r| r.location.file))
            })
            .collect();
        files.sort_unstable();
        files.dedup();
        let texts =
            files.into_iter().map(|f| (f, snap.uri(f), Arc::clone(&snap.info(f).text))).collect();
        let source = diagnostics.into_iter().cloned().collect();
        let entry =
            Converted { source, texts, encoding: snap.encoding(), converted: converted.clone() };
        self.current.insert(uri, entry);
        converted
    }
}

impl Converted {
    fn still_holds(&self, snap: &View, diagnostics: &[&Diagnostic]) -> bool {
        self.encoding == snap.encoding()
            && self.source.len() == diagnostics.len()
            && self.source.iter().zip(diagnostics).all(|(a, b)| a == *b)
            && self.texts.iter().all(|(file, uri, text)| {
                snap.project
                    .try_info(*file)
                    .is_some_and(|info| info.uri == *uri && Arc::ptr_eq(&info.text, text))
            })
    }
}

pub fn text_edit(snap: &View, edit: &TextEdit) -> proto::TextEdit {
    proto::TextEdit {
        range: snap.range(edit.location.file, edit.location.range),
        new_text: edit.new_text.clone(),
    }
}

/// Edits in any number of files as one workspace edit.
pub fn workspace_edit(snap: &View, edits: &[TextEdit]) -> proto::WorkspaceEdit {
    let mut changes: HashMap<Uri, Vec<proto::TextEdit>> = HashMap::new();
    for edit in edits {
        changes.entry(snap.uri(edit.location.file)).or_default().push(text_edit(snap, edit));
    }
    proto::WorkspaceEdit { changes: Some(changes), ..Default::default() }
}

/// A code action; a quick fix carries the diagnostic it fixes.
pub fn code_action(
    snap: &View,
    analysis: &Analysis,
    action: ims_ide::CodeAction,
) -> proto::CodeAction {
    let kind = match action.kind {
        ims_ide::CodeActionKind::QuickFix => proto::CodeActionKind::QUICKFIX,
        ims_ide::CodeActionKind::Refactor => proto::CodeActionKind::REFACTOR,
    };
    let fixes = action.diagnostic.and_then(|i| analysis.diagnostics.get(i));
    proto::CodeAction {
        title: action.title,
        kind: Some(kind),
        diagnostics: fixes.map(|d| vec![diagnostic(snap, d)]),
        edit: Some(workspace_edit(snap, &action.edits)),
        is_preferred: fixes.map(|d| d.fixes.len() == 1),
        ..Default::default()
    }
}

/// The semantic token types, in legend order: one per [`ims_ide::TokenKind`]
/// family, named with the protocol's standard types so themes colour them.
pub const TOKEN_TYPES: &[&str] = &[
    "keyword",   // 0
    "namespace", // 1: ims header, system
    "property",  // 2: site
    "class",     // 3: unit
    "interface", // 4: service
    "struct",    // 5: supplier
    "function",  // 6: process
    "parameter", // 7: party
    "event",     // 8: objective
    "type",      // 9: document
    "variable",  // 10: unresolved name
    "enum",      // 11: standard
    "number",    // 12: clause
    "string",    // 13
    "comment",   // 14
];

/// The semantic token modifiers, in legend order (bit 0, bit 1, ...).
pub const TOKEN_MODIFIERS: &[&str] = &["declaration", "defaultLibrary", "deprecated"];

const DECLARATION: u32 = 1 << 0;
const DEFAULT_LIBRARY: u32 = 1 << 1;
const UNKNOWN: u32 = 1 << 2;

pub fn semantic_tokens_legend() -> proto::SemanticTokensLegend {
    proto::SemanticTokensLegend {
        token_types: TOKEN_TYPES.iter().map(|t| proto::SemanticTokenType::new(t)).collect(),
        token_modifiers: TOKEN_MODIFIERS
            .iter()
            .map(|m| proto::SemanticTokenModifier::new(m))
            .collect(),
    }
}

fn declaration_token_type(kind: DeclarationKind) -> u32 {
    match kind {
        DeclarationKind::Ims | DeclarationKind::System => 1,
        DeclarationKind::Site => 2,
        DeclarationKind::Unit => 3,
        DeclarationKind::Service => 4,
        DeclarationKind::Supplier => 5,
        DeclarationKind::Process => 6,
        DeclarationKind::Party => 7,
        DeclarationKind::Objective => 8,
        DeclarationKind::Document => 9,
    }
}

fn token_type(kind: ims_ide::TokenKind) -> (u32, u32) {
    match kind {
        ims_ide::TokenKind::Keyword => (0, 0),
        ims_ide::TokenKind::Definition(kind) => (declaration_token_type(kind), DECLARATION),
        ims_ide::TokenKind::Reference(kind) => (declaration_token_type(kind), 0),
        ims_ide::TokenKind::UnresolvedName => (10, 0),
        ims_ide::TokenKind::Standard => (11, DEFAULT_LIBRARY),
        ims_ide::TokenKind::Clause => (12, DEFAULT_LIBRARY),
        ims_ide::TokenKind::UnknownClause => (12, UNKNOWN),
        ims_ide::TokenKind::String => (13, 0),
        ims_ide::TokenKind::Comment => (14, 0),
    }
}

/// Tokens in the protocol's relative encoding. Each token lies on one line;
/// its length counts in the negotiated position encoding.
pub fn semantic_tokens(
    snap: &View,
    file: FileId,
    tokens: &[ims_ide::SemanticToken],
) -> proto::SemanticTokens {
    let mut data = Vec::with_capacity(tokens.len());
    let (mut line, mut start) = (0, 0);
    for token in tokens {
        let range = snap.range(file, token.range);
        if range.end.line != range.start.line || range.end.character <= range.start.character {
            continue;
        }
        let (token_type, modifiers) = token_type(token.kind);
        let delta_line = range.start.line - line;
        let delta_start =
            if delta_line == 0 { range.start.character - start } else { range.start.character };
        data.push(proto::SemanticToken {
            delta_line,
            delta_start,
            length: range.end.character - range.start.character,
            token_type,
            token_modifiers_bitset: modifiers,
        });
        line = range.start.line;
        start = range.start.character;
    }
    proto::SemanticTokens { result_id: Some(snap.snap.revision.to_string()), data }
}

pub fn symbol_kind(kind: DeclarationKind) -> proto::SymbolKind {
    match kind {
        DeclarationKind::Ims => proto::SymbolKind::PACKAGE,
        DeclarationKind::Site => proto::SymbolKind::PROPERTY,
        DeclarationKind::Unit => proto::SymbolKind::CLASS,
        DeclarationKind::Service => proto::SymbolKind::INTERFACE,
        DeclarationKind::Supplier => proto::SymbolKind::STRUCT,
        DeclarationKind::System => proto::SymbolKind::NAMESPACE,
        DeclarationKind::Process => proto::SymbolKind::FUNCTION,
        DeclarationKind::Party => proto::SymbolKind::OBJECT,
        DeclarationKind::Objective => proto::SymbolKind::EVENT,
        DeclarationKind::Document => proto::SymbolKind::FILE,
    }
}

pub fn document_symbol(
    snap: &View,
    file: FileId,
    symbol: ims_ide::DocumentSymbol,
) -> proto::DocumentSymbol {
    let kind = match symbol.kind {
        ims_ide::SymbolKind::Declaration(kind) => symbol_kind(kind),
        ims_ide::SymbolKind::Block => proto::SymbolKind::OBJECT,
        ims_ide::SymbolKind::Listed(kind) => symbol_kind(kind),
        ims_ide::SymbolKind::Clause => proto::SymbolKind::KEY,
        ims_ide::SymbolKind::Edition => proto::SymbolKind::MODULE,
    };
    let children: Vec<proto::DocumentSymbol> =
        symbol.children.into_iter().map(|child| document_symbol(snap, file, child)).collect();
    #[allow(deprecated)] // Reason: `deprecated` is a required field of the protocol type.
    proto::DocumentSymbol {
        name: symbol.name,
        detail: symbol.detail,
        kind,
        tags: None,
        deprecated: None,
        range: snap.range(file, symbol.range),
        selection_range: snap.range(file, symbol.selection_range),
        children: (!children.is_empty()).then_some(children),
    }
}

/// A folding range by lines. A block whose closing `}` stands on its own
/// line keeps that line visible; a range within one line is dropped.
pub fn folding_range(
    snap: &View,
    file: FileId,
    range: ims_ide::FoldingRange,
) -> Option<proto::FoldingRange> {
    let lsp = snap.range(file, range.range);
    let text = &snap.workspace().file(file).text;
    let last_line_start = text[..range.range.end].rfind('\n').map_or(0, |i| i + 1);
    let closing_alone = text[last_line_start..range.range.end].trim() == "}";
    let (kind, end_line) = match range.kind {
        ims_ide::FoldingKind::Block if closing_alone => {
            (proto::FoldingRangeKind::Region, lsp.end.line.checked_sub(1)?)
        }
        ims_ide::FoldingKind::Block => (proto::FoldingRangeKind::Region, lsp.end.line),
        ims_ide::FoldingKind::Comment => (proto::FoldingRangeKind::Comment, lsp.end.line),
    };
    (end_line > lsp.start.line).then_some(proto::FoldingRange {
        start_line: lsp.start.line,
        start_character: None,
        end_line,
        end_character: None,
        kind: Some(kind),
        collapsed_text: None,
    })
}

pub fn markdown(value: String) -> proto::MarkupContent {
    proto::MarkupContent { kind: proto::MarkupKind::Markdown, value }
}

pub fn completion_item(
    snap: &View,
    file: FileId,
    item: ims_ide::CompletionItem,
) -> proto::CompletionItem {
    let kind = match item.kind {
        ims_ide::CompletionKind::Clause => proto::CompletionItemKind::REFERENCE,
        ims_ide::CompletionKind::Standard => proto::CompletionItemKind::MODULE,
        ims_ide::CompletionKind::Name(kind) => symbol_completion_kind(kind),
        ims_ide::CompletionKind::Keyword => proto::CompletionItemKind::KEYWORD,
        ims_ide::CompletionKind::Snippet => proto::CompletionItemKind::SNIPPET,
    };
    let label_details = (item.label_detail.is_some() || item.label_description.is_some())
        .then_some(proto::CompletionItemLabelDetails {
            detail: item.label_detail,
            description: item.label_description,
        });
    proto::CompletionItem {
        label: item.label,
        label_details,
        kind: Some(kind),
        detail: item.detail,
        documentation: item
            .documentation
            .map(|doc| proto::Documentation::MarkupContent(markdown(doc))),
        insert_text_format: Some(if item.is_snippet {
            proto::InsertTextFormat::SNIPPET
        } else {
            proto::InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(proto::CompletionTextEdit::Edit(proto::TextEdit {
            range: snap.range(file, item.replace),
            new_text: item.insert_text,
        })),
        filter_text: item.filter_text,
        sort_text: item.sort_text,
        ..Default::default()
    }
}

fn symbol_completion_kind(kind: DeclarationKind) -> proto::CompletionItemKind {
    match kind {
        DeclarationKind::Ims => proto::CompletionItemKind::MODULE,
        DeclarationKind::Site => proto::CompletionItemKind::VALUE,
        DeclarationKind::Unit => proto::CompletionItemKind::CLASS,
        DeclarationKind::Service => proto::CompletionItemKind::INTERFACE,
        DeclarationKind::Supplier => proto::CompletionItemKind::STRUCT,
        DeclarationKind::System => proto::CompletionItemKind::MODULE,
        DeclarationKind::Process => proto::CompletionItemKind::FUNCTION,
        DeclarationKind::Party => proto::CompletionItemKind::CONSTANT,
        DeclarationKind::Objective => proto::CompletionItemKind::EVENT,
        DeclarationKind::Document => proto::CompletionItemKind::FILE,
    }
}

/// One edit that turns `old` into `new`, replacing only the span between
/// their common prefix and suffix (so the editor keeps cursors and folds
/// elsewhere); `None` when they are equal.
pub fn minimal_edit(snap: &View, file: FileId, old: &str, new: &str) -> Option<proto::TextEdit> {
    if old == new {
        return None;
    }
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(proto::TextEdit {
        range: snap.range(file, TextRange::new(prefix, old.len() - suffix)),
        new_text: new[prefix..new.len() - suffix].to_string(),
    })
}
