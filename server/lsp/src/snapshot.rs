//! Immutable views of the server's state at one revision, which requests
//! read.
//!
//! A [`Snapshot`] holds one [`ProjectSnapshot`] per project the editor
//! shows (the project rule of `ims_project`, as `ims check` applies it):
//! its workspace, the line indexes of its documents and its analysis. The
//! analysis of a project is computed once, on demand, by whichever comes
//! first: the diagnostics task or a request. It starts from the last
//! analysis of the same project computed before it (its *base*), which
//! `ims_analysis::reanalyze` reuses when the edits since cannot change it. A
//! project that no change touched is shared, analysis included, with the
//! snapshot before.
//!
//! A request works on a [`View`]: the snapshot and the project of the
//! document it is about.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use ims_analysis::{Analysis, FileId, FileRange, TextRange, Workspace};
use ims_project::ProjectRoot;
use ims_syntax::{LineIndex, SyntaxTree};

use crate::position::{Lines, PositionEncoding};
use crate::proto::{self, Uri};
use crate::settings::Settings;

/// What a snapshot knows of one document.
#[derive(Clone, Debug)]
pub struct FileInfo {
    pub uri: Uri,
    /// The editor's version for an open document.
    pub version: Option<i32>,
    pub text: Arc<str>,
    pub lines: Arc<LineIndex>,
    /// The concrete tree (for formatting, highlighting and folding).
    pub syntax: Arc<SyntaxTree>,
    pub open: bool,
    /// The file in the project's workspace; `None` when it is too large to
    /// analyse.
    pub file: Option<FileId>,
}

impl FileInfo {
    pub fn lines(&self) -> Lines<'_> {
        Lines { text: &self.text, index: &self.lines }
    }
}

/// One project at one revision.
#[derive(Debug)]
pub struct ProjectSnapshot {
    /// `None` for a document without a path (`untitled:`), a project of
    /// its own.
    pub root: Option<ProjectRoot>,
    pub workspace: Workspace,
    /// The project's documents, in path order.
    pub files: Vec<FileInfo>,
    by_file: HashMap<FileId, usize>,
    analysis: OnceLock<Arc<Analysis>>,
    /// An earlier workspace of this project and its analysis, taken by the
    /// first call to [`ProjectSnapshot::analysis`]. Only the newest snapshot
    /// holds one, so a burst of changes keeps one old version alive, not
    /// one per change.
    base: Mutex<Option<Base>>,
}

/// An earlier workspace and its analysis.
type Base = (Workspace, Arc<Analysis>);

impl ProjectSnapshot {
    pub fn new(root: Option<ProjectRoot>, workspace: Workspace, files: Vec<FileInfo>) -> Self {
        let by_file =
            files.iter().enumerate().filter_map(|(i, f)| f.file.map(|file| (file, i))).collect();
        ProjectSnapshot {
            root,
            workspace,
            files,
            by_file,
            analysis: OnceLock::new(),
            base: Mutex::new(None),
        }
    }

    /// This project, starting its analysis from `previous`'s (the same
    /// project at an earlier revision).
    pub fn after(self, previous: &ProjectSnapshot) -> ProjectSnapshot {
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

    /// The analysis of this project, computed on first use: from the base
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

    pub fn info(&self, file: FileId) -> &FileInfo {
        &self.files[self.by_file[&file]]
    }

    /// [`ProjectSnapshot::info`], or `None` for a file not in this project.
    pub fn try_info(&self, file: FileId) -> Option<&FileInfo> {
        self.by_file.get(&file).map(|&i| &self.files[i])
    }
}

/// Every project at one revision.
#[derive(Debug)]
pub struct Snapshot {
    pub revision: u64,
    pub encoding: PositionEncoding,
    pub settings: Settings,
    pub projects: Vec<Arc<ProjectSnapshot>>,
    /// Diagnostics the server reports itself (unreadable files, `ims.toml`
    /// errors), by URI, with the document version.
    pub server_diagnostics: Vec<(Uri, Option<i32>, Vec<proto::Diagnostic>)>,
    /// Every document, by [`doc_key`]: its project and its place there.
    documents: HashMap<PathBuf, (usize, usize)>,
}

impl Snapshot {
    pub fn empty(encoding: PositionEncoding) -> Snapshot {
        Snapshot::new(0, encoding, Settings::default(), Vec::new(), Vec::new())
    }

    pub fn new(
        revision: u64,
        encoding: PositionEncoding,
        settings: Settings,
        projects: Vec<Arc<ProjectSnapshot>>,
        server_diagnostics: Vec<(Uri, Option<i32>, Vec<proto::Diagnostic>)>,
    ) -> Snapshot {
        let mut documents = HashMap::new();
        for (p, project) in projects.iter().enumerate() {
            for (i, info) in project.files.iter().enumerate() {
                documents.insert(doc_key(&info.uri), (p, i));
            }
        }
        Snapshot { revision, encoding, settings, projects, server_diagnostics, documents }
    }

    /// The document at `uri` and its project: an error for a document the
    /// server does not know; the file is `None` for one it knows but does
    /// not analyse (too large).
    pub fn document(&self, uri: &Uri) -> proto::Result<(View<'_>, Option<FileId>)> {
        match self.documents.get(&doc_key(uri)) {
            Some(&(p, i)) => {
                let project = &self.projects[p];
                Ok((View { snap: self, project }, project.files[i].file))
            }
            None => Err(proto::invalid_params(format!(
                "unknown document {}: it is neither open nor an .ims file in the workspace",
                uri.as_str()
            ))),
        }
    }

    /// A view of each project.
    pub fn views(&self) -> impl Iterator<Item = View<'_>> {
        self.projects.iter().map(move |project| View { snap: self, project })
    }
}

/// One project of a snapshot: what a request about one of its documents
/// reads. Locations and file ids are those of the project's workspace.
#[derive(Clone, Copy, Debug)]
pub struct View<'s> {
    pub snap: &'s Snapshot,
    pub project: &'s ProjectSnapshot,
}

impl<'s> View<'s> {
    pub fn workspace(&self) -> &'s Workspace {
        &self.project.workspace
    }

    pub fn analysis(&self) -> Arc<Analysis> {
        self.project.analysis()
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.snap.encoding
    }

    pub fn settings(&self) -> &'s Settings {
        &self.snap.settings
    }

    pub fn info(&self, file: FileId) -> &'s FileInfo {
        self.project.info(file)
    }

    pub fn uri(&self, file: FileId) -> Uri {
        self.info(file).uri.clone()
    }

    /// The byte offset of a position, or an error when it is out of range.
    pub fn offset(&self, file: FileId, position: proto::Position) -> proto::Result<usize> {
        self.info(file)
            .lines()
            .offset(self.encoding(), position)
            .map_err(|e| proto::invalid_params(e.to_string()))
    }

    pub fn text_range(&self, file: FileId, range: proto::Range) -> proto::Result<TextRange> {
        self.info(file)
            .lines()
            .text_range(self.encoding(), range)
            .map_err(|e| proto::invalid_params(e.to_string()))
    }

    pub fn range(&self, file: FileId, range: TextRange) -> proto::Range {
        self.info(file).lines().range(self.encoding(), range)
    }

    pub fn location(&self, location: FileRange) -> proto::Location {
        proto::Location {
            uri: self.uri(location.file),
            range: self.range(location.file, location.range),
        }
    }
}

/// The key of a document: its file path, or for other schemes (`untitled:`)
/// the URI itself, so that an open document and the same file found on disk
/// are one entry however the client spells the URI.
pub fn doc_key(uri: &Uri) -> PathBuf {
    if uri.scheme().as_str().eq_ignore_ascii_case("file") {
        if let Some(path) = uri.to_file_path() {
            return path.into_owned();
        }
    }
    PathBuf::from(uri.as_str())
}
