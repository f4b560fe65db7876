//! The IMS analysis core, shared by `ims check` and `ims lsp`.
//!
//! Input: the `.ims` files of one IMS (a [`Workspace`]), the standards
//! [`Catalog`] and the project [`Config`]. Output: an [`Analysis`] holding the
//! semantic [`Model`] (names, clause references, scopes, coverage) and every
//! [`Diagnostic`]. Broken input is not an error: a half-typed file still
//! yields every diagnostic it can. Everything here speaks in byte offsets and
//! plain structs; no LSP or JSON types.

mod code;
pub mod config;
pub mod date;
mod diagnostic;
pub mod incremental;
mod locations;
pub mod markup;
pub mod model;
pub mod project;
mod rules;
mod suppress;
pub mod wording;

use std::path::PathBuf;

use locations::LocationsMut;
use std::sync::Arc;

pub use code::{docs_base, Code, DOCS_ENV};
pub use config::{Config, ConfigError};
pub use diagnostic::{Diagnostic, FileRange, Fix, Related, Severity, TextEdit};
pub use ims_catalog::{Catalog, ClauseKey};
pub use ims_syntax::TextChange;
pub use ims_syntax::TextRange;
pub use incremental::{reanalyze, Reanalysis, Reuse};
pub use model::Model;

/// The index of a file in its [`Workspace`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// One parsed `.ims` file: its syntax errors and lowered AST, which is all
/// the analysis reads (a front end that needs the concrete tree keeps the
/// `ims_syntax::SyntaxTree` it came from).
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: Arc<str>,
    pub syntax: Arc<ims_syntax::Lowered>,
}

impl SourceFile {
    /// Parses `text` from scratch.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text = text.into();
        let syntax = Arc::new(ims_syntax::parse_lowered(&text));
        SourceFile { path: path.into(), text, syntax }
    }

    /// A file parsed already (by an incremental re-parse, or in parts).
    pub fn with_syntax(
        path: impl Into<PathBuf>,
        text: Arc<str>,
        syntax: Arc<ims_syntax::Lowered>,
    ) -> Self {
        SourceFile { path: path.into(), text, syntax }
    }
}

/// The files of one IMS, with the catalog and the configuration to analyse
/// them against.
#[derive(Clone, Debug)]
pub struct Workspace {
    pub files: Vec<SourceFile>,
    pub catalog: Arc<Catalog>,
    pub config: Config,
    /// The date planned controls are compared with (`planned-overdue`);
    /// `None` for [`date::Date::today`] at each analysis.
    pub today: Option<date::Date>,
}

impl Workspace {
    pub fn new(files: Vec<SourceFile>, catalog: Arc<Catalog>, config: Config) -> Self {
        Workspace { files, catalog, config, today: None }
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn file_ids(&self) -> impl Iterator<Item = FileId> {
        (0..self.files.len() as u32).map(FileId)
    }

    pub fn file_id(&self, path: &std::path::Path) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(|i| FileId(i as u32))
    }
}

/// The result of analysing a workspace.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub model: Model,
    /// Every diagnostic after configuration and suppression, sorted by file
    /// and position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Analyses every file of the workspace as one IMS.
pub fn analyze(workspace: &Workspace) -> Analysis {
    let mut diagnostics = Vec::new();
    for file in workspace.file_ids() {
        for error in workspace.file(file).syntax.errors() {
            diagnostics.push(Diagnostic::new(
                Code::SyntaxError,
                FileRange { file, range: error.range },
                error.message.clone(),
            ));
        }
    }
    let model = model::build(workspace, &mut diagnostics);
    rules::run(workspace, &model, &mut diagnostics);
    let mut diagnostics = suppress::apply(workspace, diagnostics);
    diagnostics.retain_mut(|d| match workspace.config.severity(d.code) {
        Some(severity) => {
            if workspace.config.severities.contains_key(&d.code) {
                d.severity = severity;
            }
            true
        }
        None => false,
    });
    diagnostics
        .sort_by(|a, b| (a.location, a.code, &a.message).cmp(&(b.location, b.code, &b.message)));
    diagnostics.dedup();
    Analysis { model, diagnostics }
}

impl LocationsMut for Analysis {
    fn locations_mut(&mut self, f: &mut dyn FnMut(&mut FileRange)) {
        let Analysis { model, diagnostics } = self;
        model.locations_mut(f);
        diagnostics.locations_mut(f);
    }
}
