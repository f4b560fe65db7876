//! An immutable view of the workspace at one revision, which requests read.
//!
//! The analysis of a snapshot is computed once, on demand, by whichever comes
//! first: the diagnostics task or a request. So a request right after
//! `didChange` sees the new text without waiting for the diagnostics.
//! It starts from the last analysis computed before it (the snapshot's
//! *base*), which `ims_analysis::reanalyze` reuses when the edits since
//! cannot change it: a keystroke in a description then costs no analysis.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use ims_analysis::{Analysis, FileId, FileRange, TextRange, Workspace};
use ropey::Rope;

use crate::position::{self, PositionEncoding};
use crate::proto::{self, Uri};
use crate::settings::Settings;
use crate::store::doc_key;

/// What the snapshot knows of one document.
#[derive(Clone, Debug)]
pub struct FileInfo {
    pub uri: Uri,
    /// The editor's version for an open document.
    pub version: Option<i32>,
    pub rope: Rope,
    pub open: bool,
    /// The file in the analysed workspace; `None` when it is too large to analyse.
    pub file: Option<FileId>,
}

#[derive(Debug)]
pub struct Snapshot {
    pub revision: u64,
    pub encoding: PositionEncoding,
    pub workspace: Workspace,
    pub settings: Settings,
    /// Every known document, in path order.
    pub files: Vec<FileInfo>,
    /// Diagnostics the server reports itself (unreadable files, `ims.toml`
    /// errors), by URI, with the document version.
    pub server_diagnostics: Vec<(Uri, Option<i32>, Vec<proto::Diagnostic>)>,
    by_key: HashMap<PathBuf, usize>,
    by_file: HashMap<FileId, usize>,
    analysis: OnceLock<Arc<Analysis>>,
    /// An earlier workspace and its analysis, taken by the first call to
    /// [`Snapshot::analysis`]. Only the newest snapshot holds one, so a burst
    /// of changes keeps one old version alive, not one per change.
    base: Mutex<Option<Base>>,
}

/// An earlier workspace and its analysis.
type Base = (Workspace, Arc<Analysis>);

impl Snapshot {
    pub fn empty(encoding: PositionEncoding) -> Snapshot {
        let workspace = Workspace::new(
            Vec::new(),
            ims_analysis::project::builtin(),
            ims_analysis::Config::default(),
        );
        Snapshot::new(0, encoding, workspace, Vec::new(), Vec::new(), Settings::default())
    }

    pub fn new(
        revision: u64,
        encoding: PositionEncoding,
        workspace: Workspace,
        files: Vec<FileInfo>,
        server_diagnostics: Vec<(Uri, Option<i32>, Vec<proto::Diagnostic>)>,
        settings: Settings,
    ) -> Snapshot {
        let by_key = files.iter().enumerate().map(|(i, f)| (doc_key(&f.uri), i)).collect();
        let by_file =
            files.iter().enumerate().filter_map(|(i, f)| f.file.map(|file| (file, i))).collect();
        Snapshot {
            revision,
            encoding,
            workspace,
            settings,
            files,
            server_diagnostics,
            by_key,
            by_file,
            analysis: OnceLock::new(),
            base: Mutex::new(None),
        }
    }

    /// This snapshot, starting its analysis from `previous`'s.
    pub fn after(self, previous: &Snapshot) -> Snapshot {
        *self.base.lock().unwrap_or_else(PoisonError::into_inner) = previous.hand_over();
        self
    }

    /// What a newer snapshot can start its analysis from: this snapshot's
    /// analysis if it was computed, else the base this one did not use.
    fn hand_over(&self) -> Option<Base> {
        match self.analysis.get() {
            Some(analysis) => Some((self.workspace.clone(), Arc::clone(analysis))),
            None => self.base.lock().unwrap_or_else(PoisonError::into_inner).take(),
        }
    }

    /// The analysis of this snapshot, computed on first use: from the base
    /// when there is one (reused when the changes since cannot change it),
    /// from scratch otherwise.
    pub fn analysis(&self) -> Arc<Analysis> {
        Arc::clone(self.analysis.get_or_init(|| {
            let base = self.base.lock().unwrap_or_else(PoisonError::into_inner).take();
            match base {
                Some((previous, analysis)) => {
                    let reanalysis = ims_analysis::reanalyze(&previous, analysis, &self.workspace);
                    // The previous version and an analysis not reused are
                    // freed off the diagnostics' path.
                    crate::drop_later::drop_later((previous, reanalysis.unused));
                    reanalysis.analysis
                }
                None => Arc::new(ims_analysis::analyze(&self.workspace)),
            }
        }))
    }

    /// The document at `uri`: an error for a document the server does not
    /// know, `None` for one it knows but does not analyse (too large).
    pub fn file(&self, uri: &Uri) -> proto::Result<Option<FileId>> {
        match self.by_key.get(&doc_key(uri)) {
            Some(&i) => Ok(self.files[i].file),
            None => Err(proto::invalid_params(format!(
                "unknown document {}: it is neither open nor an .ims file in the workspace",
                uri.as_str()
            ))),
        }
    }

    pub fn info(&self, file: FileId) -> &FileInfo {
        &self.files[self.by_file[&file]]
    }

    pub fn uri(&self, file: FileId) -> Uri {
        self.info(file).uri.clone()
    }

    /// The byte offset of a position, or an error when it is out of range.
    pub fn offset(&self, file: FileId, position: proto::Position) -> proto::Result<usize> {
        position::offset(&self.info(file).rope, self.encoding, position)
            .map_err(|e| proto::invalid_params(e.to_string()))
    }

    /// The document and byte offset of a text document position.
    pub fn file_position(
        &self,
        params: &proto::TextDocumentPositionParams,
    ) -> proto::Result<Option<(FileId, usize)>> {
        let Some(file) = self.file(&params.text_document.uri)? else { return Ok(None) };
        Ok(Some((file, self.offset(file, params.position)?)))
    }

    pub fn text_range(&self, file: FileId, range: proto::Range) -> proto::Result<TextRange> {
        position::text_range(&self.info(file).rope, self.encoding, range)
            .map_err(|e| proto::invalid_params(e.to_string()))
    }

    pub fn range(&self, file: FileId, range: TextRange) -> proto::Range {
        position::range(&self.info(file).rope, self.encoding, range)
    }

    pub fn location(&self, location: FileRange) -> proto::Location {
        proto::Location {
            uri: self.uri(location.file),
            range: self.range(location.file, location.range),
        }
    }
}
