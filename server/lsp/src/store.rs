//! The server's mutable state: the documents the editor has open, the
//! `.ims` files on disk of every project the editor shows, the projects'
//! configuration and catalogs, and the editor settings.
//!
//! **Invariant:** the store changes only on the server's ordered update
//! path (`transport.rs` hands every document notification, in the order it
//! arrived, to `Backend::apply`, one after the other, under the store's
//! mutex). Edits change texts at once; parsing and the new [`Snapshot`]
//! wait for [`Store::flush`], which the update path calls before it passes
//! on a request and whenever its input has no message ready, so that a
//! burst of changes costs one parse and one analysis. Requests read only
//! snapshots.
//!
//! Projects follow the project rule of `ims_project` (the one `ims check`
//! applies): every `.ims` file below a workspace folder belongs to the
//! project of its nearest `ims.toml`, or else of its own directory; an open
//! document outside the folders brings its project along. The same file
//! therefore gets the same diagnostics in the editor and from `ims check`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ims_analysis::{SourceFile, Workspace};
use ims_project::{
    ims_files_below, read_text, Limits, LoadOptions, Project, ProjectProblem, ProjectRoot,
    ReadError, CONFIG_FILE,
};

use crate::document::{Change, Document};
use crate::position::{Lines, PositionEncoding};
use crate::proto::{self, Uri};
use crate::settings::Settings;
use crate::snapshot::{doc_key, FileInfo, ProjectSnapshot, Snapshot};

/// A file read from disk.
#[derive(Clone, Debug)]
enum DiskFile {
    Text(Document),
    /// Not read; the error says where and why.
    Unreadable(ReadError),
}

#[derive(Clone, Debug)]
struct OpenDocument {
    uri: Uri,
    document: Document,
}

/// Which project a document belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum ProjectKey {
    Root(ProjectRoot),
    /// A document without a path (`untitled:`): a project of its own.
    Alone(PathBuf),
}

/// The mutable state behind the snapshots.
#[derive(Debug)]
pub struct Store {
    encoding: PositionEncoding,
    settings: Settings,
    folders: Vec<PathBuf>,
    /// Open documents by [`doc_key`]: the editor's text wins over the disk.
    open: HashMap<PathBuf, OpenDocument>,
    /// The `.ims` files on disk of every known project.
    disk: BTreeMap<PathBuf, DiskFile>,
    /// The project of each known path, looked up once.
    keys: HashMap<PathBuf, ProjectKey>,
    /// The configuration and catalog of each known project.
    projects: BTreeMap<ProjectRoot, Project>,
    /// Projects that hold a file of a workspace folder: they stay while no
    /// document of theirs is open.
    pinned: HashSet<ProjectRoot>,
    revision: u64,
    current: Arc<Snapshot>,
    /// Whether a change awaits [`Store::flush`].
    dirty: bool,
}

impl Store {
    pub fn new(encoding: PositionEncoding) -> Store {
        Store {
            encoding,
            settings: Settings::default(),
            folders: Vec::new(),
            open: HashMap::new(),
            disk: BTreeMap::new(),
            keys: HashMap::new(),
            projects: BTreeMap::new(),
            pinned: HashSet::new(),
            revision: 0,
            current: Arc::new(Snapshot::empty(encoding)),
            dirty: false,
        }
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// `initialize`: the position encoding and the workspace folders, whose
    /// projects are loaded from disk. Documents opened before are kept.
    pub fn initialize(&mut self, encoding: PositionEncoding, folders: Vec<PathBuf>) {
        self.encoding = encoding;
        self.folders = folders;
        self.reload_all();
    }

    /// `textDocument/didOpen`.
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let key = doc_key(&uri);
        let document = Document::new(Some(version), text, self.max_bytes());
        self.open.insert(key.clone(), OpenDocument { uri, document });
        let project = self.key_of(&key);
        if let ProjectKey::Root(root) = project {
            self.load_project(&root);
        }
        self.dirty = true;
    }

    /// `textDocument/didChange`. Changes for a document that is not open, or
    /// with a version not newer than the one applied, are refused.
    pub fn change(&mut self, uri: &Uri, version: i32, changes: Vec<Change>) -> Result<(), String> {
        let encoding = self.encoding;
        let Some(open) = self.open.get_mut(&doc_key(uri)) else {
            return Err(format!("didChange for {} which is not open", uri.as_str()));
        };
        if open.document.version.is_some_and(|current| version <= current) {
            return Err(format!(
                "didChange for {} with version {version}, not newer than {}; ignored",
                uri.as_str(),
                open.document.version.unwrap_or_default()
            ));
        }
        open.document.edit(version, changes, encoding);
        self.dirty = true;
        Ok(())
    }

    /// `textDocument/didClose`: the file on disk, if any, takes over; a
    /// project that only the document brought along is dropped.
    pub fn close(&mut self, uri: &Uri) {
        let key = doc_key(uri);
        if self.open.remove(&key).is_none() {
            return;
        }
        if let Some(ProjectKey::Root(root)) = self.keys.get(&key).cloned() {
            let still_open =
                self.open.keys().any(|k| self.keys.get(k) == Some(&ProjectKey::Root(root.clone())));
            if !self.pinned.contains(&root) && !still_open {
                self.drop_project(&root);
            } else if self.disk.contains_key(&key) || root.holds(&key) {
                self.reload_disk_file(&key, &root);
            }
        }
        self.dirty = true;
    }

    /// `workspace/didChangeWatchedFiles`, for one path.
    pub fn file_changed(&mut self, path: &Path, deleted: bool) {
        if path.file_name().is_some_and(|name| name == CONFIG_FILE) {
            // A new, changed or deleted ims.toml may move files between
            // projects: every project is found again.
            self.reload_all();
            return;
        }
        if path.extension().is_none_or(|ext| ext != "ims") {
            return;
        }
        let key = path.to_path_buf();
        if deleted {
            self.disk.remove(&key);
        } else if let ProjectKey::Root(root) = self.key_of(&key) {
            if !self.projects.contains_key(&root) && self.known_directory(&key) {
                // The file's directory belongs to another project than the
                // one known for it: an ims.toml came or went without its
                // event yet. Every project is found again, so that no two
                // projects claim one directory.
                self.reload_all();
                return;
            }
            if self.projects.contains_key(&root) || self.in_folders(&key) {
                self.load_project(&root);
                self.reload_disk_file(&key, &root);
            }
        }
        self.dirty = true;
    }

    /// `workspace/configuration` answered or `workspace/didChangeConfiguration`.
    pub fn set_settings(&mut self, settings: Settings) {
        if settings == self.settings {
            return;
        }
        let reload = settings.max_file_size != self.settings.max_file_size
            || settings.catalogs != self.settings.catalogs;
        self.settings = settings;
        if reload {
            // Limits and user catalogs change what every project reads.
            self.reload_all();
        }
        self.dirty = true;
    }

    /// Marks the state changed although no input did: a new day began, and
    /// the next snapshot's date differs.
    pub fn new_day(&mut self) {
        self.dirty = true;
    }

    /// Parses what changed and publishes a new snapshot, if anything
    /// changed since the last flush. Returns whether it did.
    pub fn flush(&mut self) -> bool {
        if !self.dirty {
            return false;
        }
        for open in self.open.values_mut() {
            open.document.parse_pending();
        }
        self.refresh();
        self.dirty = false;
        true
    }

    /// Re-derives every open document's lines and tree from its text, the
    /// source of truth, after a change that stopped halfway (a panic).
    pub fn resync(&mut self) {
        let max_bytes = self.max_bytes();
        for open in self.open.values_mut() {
            let version = open.document.version;
            let text = Arc::clone(&open.document.text);
            open.document = Document::new(version, text, max_bytes);
        }
        self.dirty = true;
    }

    fn limits(&self) -> Limits {
        Limits { max_file_bytes: self.settings.max_file_size }
    }

    fn max_bytes(&self) -> usize {
        usize::try_from(self.settings.max_file_size).unwrap_or(usize::MAX)
    }

    fn load_options(&self) -> LoadOptions {
        LoadOptions { limits: self.limits(), extra_catalogs: self.settings.catalogs.clone() }
    }

    /// Whether another file of the directory of `path` is known.
    fn known_directory(&self, path: &Path) -> bool {
        let dir = path.parent();
        self.keys.keys().any(|known| known.as_path() != path && known.parent() == dir)
    }

    fn in_folders(&self, path: &Path) -> bool {
        self.folders.iter().any(|folder| path.starts_with(folder))
    }

    /// The project of a path, looked up once (the lookup reads the disk).
    fn key_of(&mut self, key: &Path) -> ProjectKey {
        if let Some(found) = self.keys.get(key) {
            return found.clone();
        }
        let found = if key.is_absolute() {
            // A file not (yet) on disk belongs to the project of its directory.
            ProjectRoot::of(key)
                .or_else(|| key.parent().and_then(ProjectRoot::of))
                .map_or_else(|| ProjectKey::Alone(key.to_path_buf()), ProjectKey::Root)
        } else {
            ProjectKey::Alone(key.to_path_buf())
        };
        self.keys.insert(key.to_path_buf(), found.clone());
        found
    }

    /// Loads a project and its files on disk, unless it is loaded.
    fn load_project(&mut self, root: &ProjectRoot) {
        if self.projects.contains_key(root) {
            return;
        }
        let project = Project::load(root.clone(), &self.load_options());
        self.projects.insert(root.clone(), project);
        for path in root.files().files {
            self.keys.insert(path.clone(), ProjectKey::Root(root.clone()));
            self.reload_disk_file(&path, root);
        }
    }

    fn drop_project(&mut self, root: &ProjectRoot) {
        self.projects.remove(root);
        let key = ProjectKey::Root(root.clone());
        let gone: Vec<PathBuf> =
            self.keys.iter().filter(|(_, k)| **k == key).map(|(p, _)| p.clone()).collect();
        for path in gone {
            self.disk.remove(&path);
            if !self.open.contains_key(&path) {
                self.keys.remove(&path);
            }
        }
    }

    /// Finds every project again: those of the workspace folders' files and
    /// of the open documents.
    fn reload_all(&mut self) {
        self.disk.clear();
        self.keys.clear();
        self.projects.clear();
        self.pinned.clear();
        let folders = self.folders.clone();
        for folder in &folders {
            for path in ims_files_below(folder).files {
                if let ProjectKey::Root(root) = self.key_of(&path) {
                    self.pinned.insert(root.clone());
                    self.load_project(&root);
                    // A file below a folder that its project's rule leaves
                    // out (in a hidden directory, say) is not shown.
                }
            }
        }
        let open: Vec<PathBuf> = self.open.keys().cloned().collect();
        for key in open {
            if let ProjectKey::Root(root) = self.key_of(&key) {
                self.load_project(&root);
            }
        }
        self.dirty = true;
    }

    fn reload_disk_file(&mut self, path: &Path, root: &ProjectRoot) {
        let max_bytes = self.max_bytes();
        match read_text(path, Some(&root.dir), self.limits()) {
            Ok(text) => {
                let document = Document::new(None, text.text, max_bytes);
                self.disk.insert(path.to_path_buf(), DiskFile::Text(document));
            }
            Err(error) if error.kind == ims_project::ReadErrorKind::NotFound => {
                self.disk.remove(path);
            }
            Err(error) => {
                self.disk.insert(path.to_path_buf(), DiskFile::Unreadable(error));
            }
        }
    }

    /// Builds the snapshot of the current state. Cheap: texts, trees and
    /// line indexes are shared, a project that did not change is shared
    /// whole, and analyses are computed later, on demand.
    fn refresh(&mut self) {
        self.revision += 1;
        let encoding = self.encoding;
        let today = ims_analysis::date::Date::today();
        let mut extra = Vec::new();
        // Every document, grouped by project, in path order.
        let mut groups: BTreeMap<ProjectKey, Vec<(PathBuf, Uri, &Document, bool)>> =
            BTreeMap::new();
        let mut paths: Vec<&PathBuf> = self.disk.keys().chain(self.open.keys()).collect();
        paths.sort();
        paths.dedup();
        for path in paths {
            let Some(key) = self.keys.get(path) else { continue };
            if let Some(open) = self.open.get(path) {
                groups.entry(key.clone()).or_default().push((
                    path.clone(),
                    open.uri.clone(),
                    &open.document,
                    true,
                ));
                continue;
            }
            let Some(uri) = Uri::from_file_path(path) else { continue };
            match &self.disk[path] {
                DiskFile::Text(document) => groups.entry(key.clone()).or_default().push((
                    path.clone(),
                    uri,
                    document,
                    false,
                )),
                DiskFile::Unreadable(error) => {
                    extra.push(unreadable_note(&uri, error));
                }
            }
        }
        for project in self.projects.values() {
            extra.extend(problem_notes(project));
        }
        let previous: HashMap<Option<&ProjectRoot>, &Arc<ProjectSnapshot>> =
            self.current.projects.iter().map(|p| (p.root.as_ref(), p)).collect();
        let mut projects = Vec::new();
        for (key, documents) in groups {
            let root = match &key {
                ProjectKey::Root(root) => Some(root.clone()),
                ProjectKey::Alone(_) => None,
            };
            let project = root.as_ref().and_then(|r| self.projects.get(r));
            let (catalog, mut config) = match project {
                Some(p) => (Arc::clone(&p.catalog), p.config.clone()),
                None => (ims_analysis::project::builtin(), ims_analysis::Config::default()),
            };
            config.severities.extend(self.settings.severities.iter().map(|(k, v)| (*k, *v)));
            let mut sources = Vec::new();
            let mut files = Vec::new();
            for (path, uri, document, open) in documents {
                let version = document.version;
                let text = Arc::clone(&document.text);
                let lines = Arc::clone(&document.lines);
                if document.is_too_large() {
                    let message = format!(
                        "this file is too large to analyse ({} bytes; the limit is {}; raise it with the editor setting ims.maxFileSize)",
                        document.text.len(),
                        ims_project::human_size(self.settings.max_file_size)
                    );
                    let lines_of = Lines { text: &text, index: &lines };
                    extra.push(note(&uri, version, lines_of, encoding, 0, message));
                    let syntax = Arc::clone(&document.syntax);
                    files.push(FileInfo { uri, version, text, lines, syntax, open, file: None });
                    continue;
                }
                let id = ims_analysis::FileId(sources.len() as u32);
                let lowered = Arc::clone(document.syntax.lowered());
                sources.push(SourceFile::with_syntax(path, Arc::clone(&text), lowered));
                let syntax = Arc::clone(&document.syntax);
                files.push(FileInfo { uri, version, text, lines, syntax, open, file: Some(id) });
            }
            let mut workspace = Workspace::new(sources, catalog, config);
            // One date for the whole snapshot, so that an analysis reused
            // after midnight is noticed (`planned-overdue` reads it).
            workspace.today = Some(today);
            let before = previous.get(&root.as_ref()).copied();
            let project = match before {
                Some(before)
                    if same_inputs(&before.workspace, &workspace)
                        && same_files(&before.files, &files) =>
                {
                    Arc::clone(before)
                }
                Some(before) => {
                    Arc::new(ProjectSnapshot::new(root, workspace, files).after(before))
                }
                None => Arc::new(ProjectSnapshot::new(root, workspace, files)),
            };
            projects.push(project);
        }
        let snapshot =
            Snapshot::new(self.revision, encoding, self.settings.clone(), projects, extra);
        self.current = Arc::new(snapshot);
    }
}

/// Whether two workspaces have the same files (the same parsed texts, by
/// pointer), catalog and configuration: then the analysis is the same.
fn same_inputs(a: &Workspace, b: &Workspace) -> bool {
    Arc::ptr_eq(&a.catalog, &b.catalog)
        && a.config == b.config
        && a.today == b.today
        && a.files.len() == b.files.len()
        && a.files.iter().zip(&b.files).all(|(x, y)| {
            x.path == y.path && Arc::ptr_eq(&x.syntax, &y.syntax) && Arc::ptr_eq(&x.text, &y.text)
        })
}

/// Whether two projects show the same documents in the same state.
fn same_files(a: &[FileInfo], b: &[FileInfo]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.uri == y.uri
                && x.version == y.version
                && x.open == y.open
                && x.file == y.file
                && Arc::ptr_eq(&x.text, &y.text)
        })
}

/// A diagnostic the server itself reports on a file it could not analyse.
fn note(
    uri: &Uri,
    version: Option<i32>,
    lines: Lines,
    encoding: PositionEncoding,
    offset: usize,
    message: String,
) -> (Uri, Option<i32>, Vec<proto::Diagnostic>) {
    let at = lines.position(encoding, offset);
    (uri.clone(), version, vec![server_diagnostic(proto::Range { start: at, end: at }, message)])
}

/// A file that could not be read: the error at its place when it has one
/// (the line and column of a NUL byte or of invalid UTF-8).
fn unreadable_note(uri: &Uri, error: &ReadError) -> (Uri, Option<i32>, Vec<proto::Diagnostic>) {
    let at = match error.kind {
        ims_project::ReadErrorKind::Binary { line, column, .. }
        | ims_project::ReadErrorKind::InvalidUtf8 { line, column, .. } => {
            proto::Position { line: (line - 1) as u32, character: (column - 1) as u32 }
        }
        _ => proto::Position::default(),
    };
    let message = format!("{}; this file is not analysed", error.message());
    (uri.clone(), None, vec![server_diagnostic(proto::Range { start: at, end: at }, message)])
}

/// A project's configuration and catalog problems, each on its own file.
fn problem_notes(project: &Project) -> Vec<(Uri, Option<i32>, Vec<proto::Diagnostic>)> {
    let mut by_file: BTreeMap<PathBuf, Vec<proto::Diagnostic>> = BTreeMap::new();
    for problem in &project.problems {
        let (file, place) = problem.location();
        let at = place.map_or_else(proto::Position::default, |(line, column)| proto::Position {
            line: line.saturating_sub(1) as u32,
            character: column.saturating_sub(1) as u32,
        });
        let message = match problem {
            // The location is the diagnostic's own; the message alone says what.
            ProjectProblem::Config(e) => e.message.clone(),
            ProjectProblem::Catalog(e) => e.message.clone(),
            other => other.to_string(),
        };
        by_file
            .entry(file.to_path_buf())
            .or_default()
            .push(server_diagnostic(proto::Range { start: at, end: at }, message));
    }
    by_file
        .into_iter()
        .filter_map(|(file, diagnostics)| Some((Uri::from_file_path(&file)?, None, diagnostics)))
        .collect()
}

fn server_diagnostic(range: proto::Range, message: String) -> proto::Diagnostic {
    proto::Diagnostic {
        range,
        severity: Some(proto::DiagnosticSeverity::ERROR),
        source: Some("ims".to_string()),
        message,
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    fn flushed(store: &mut Store) -> Arc<Snapshot> {
        store.flush();
        store.snapshot()
    }

    fn text_of(snapshot: &Snapshot, uri: &Uri) -> String {
        let (view, file) = snapshot.document(uri).unwrap();
        view.workspace().file(file.unwrap()).text.to_string()
    }

    #[test]
    fn open_change_close_and_versions() {
        let mut store = Store::new(PositionEncoding::Utf16);
        let a = uri("untitled:a.ims");
        store.open(a.clone(), 1, "site hq \"HQ\"\n".to_string());
        let snapshot = flushed(&mut store);
        assert_eq!(text_of(&snapshot, &a), "site hq \"HQ\"\n");
        let (view, file) = snapshot.document(&a).unwrap();
        assert_eq!(view.info(file.unwrap()).version, Some(1));

        let insert =
            |text: &str| Change { range: Some(proto::Range::default()), text: text.to_string() };
        let before = store.snapshot();
        store.change(&a, 2, vec![insert("// x\n")]).unwrap();
        // A change whose version is not newer is refused, and changes nothing.
        assert!(store.change(&a, 2, vec![insert("oops")]).is_err());
        let snapshot = flushed(&mut store);
        assert_eq!(text_of(&snapshot, &a), "// x\nsite hq \"HQ\"\n");
        // A snapshot taken before is untouched.
        assert_eq!(text_of(&before, &a), "site hq \"HQ\"\n");
        // A change for a document that is not open is refused.
        assert!(store.change(&uri("untitled:b.ims"), 1, vec![]).is_err());

        store.close(&a);
        let error = flushed(&mut store).document(&a).unwrap_err();
        assert!(error.message.contains("unknown document"), "{error:?}");
    }

    #[test]
    fn changes_wait_for_the_flush_and_cost_one_parse() {
        let mut store = Store::new(PositionEncoding::Utf16);
        let a = uri("untitled:a.ims");
        store.open(a.clone(), 1, "site hq \"HQ\"\n".to_string());
        let first = flushed(&mut store);
        let end = proto::Position { line: 1, character: 0 };
        for version in 2..50 {
            let change = Change { range: Some(proto::Range { start: end, end }), text: "x".into() };
            store.change(&a, version, vec![change]).unwrap();
        }
        // Nothing published yet: requests still see the last flush.
        assert_eq!(store.snapshot().revision, first.revision);
        let snapshot = flushed(&mut store);
        assert_eq!(snapshot.revision, first.revision + 1);
        assert_eq!(text_of(&snapshot, &a), format!("site hq \"HQ\"\n{}", "x".repeat(48)));
        assert!(!store.flush(), "nothing left to flush");
    }

    #[test]
    fn a_document_too_large_is_reported_not_analysed() {
        let mut store = Store::new(PositionEncoding::Utf16);
        let limit = store.settings.max_file_size as usize;
        let big = uri("untitled:big.ims");
        store.open(big.clone(), 1, "// x\n".repeat(limit / 5 + 1));
        let snapshot = flushed(&mut store);
        let (view, file) = snapshot.document(&big).unwrap();
        assert_eq!(file, None);
        assert!(view.workspace().files.is_empty());
        let (reported, version, diagnostics) = &snapshot.server_diagnostics[0];
        assert_eq!((reported, *version), (&big, Some(1)));
        assert!(diagnostics[0].message.contains("too large"));
        assert!(diagnostics[0].message.contains("ims.maxFileSize"));
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("ims-lsp-store-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.canonicalize().unwrap()
    }

    #[test]
    fn files_on_disk_load_and_an_open_document_takes_over() {
        let dir = temp("disk");
        std::fs::create_dir_all(dir.join(".hidden")).unwrap();
        std::fs::write(dir.join("a.ims"), "site hq \"HQ\"\n").unwrap();
        std::fs::write(dir.join(".hidden/skipped.ims"), "site x \"X\"\n").unwrap();
        std::fs::write(dir.join("bad.ims"), b"site \xff\n").unwrap();
        let mut store = Store::new(PositionEncoding::Utf16);
        store.initialize(PositionEncoding::Utf16, vec![dir.clone()]);
        let snapshot = flushed(&mut store);
        assert_eq!(snapshot.projects.len(), 1);
        assert_eq!(snapshot.projects[0].workspace.files.len(), 1);
        let a = Uri::from_file_path(dir.join("a.ims")).unwrap();
        let (view, file) = snapshot.document(&a).unwrap();
        assert!(!view.info(file.unwrap()).open);
        let bad = &snapshot.server_diagnostics[0];
        assert!(bad.0.as_str().ends_with("bad.ims"));
        assert!(bad.2[0].message.contains("invalid UTF-8 (byte offset 5)"), "{:?}", bad.2);
        assert_eq!(bad.2[0].range.start, proto::Position { line: 0, character: 5 });

        store.open(a.clone(), 3, "site dc1 \"DC\"\n".to_string());
        let snapshot = flushed(&mut store);
        assert_eq!(snapshot.projects[0].workspace.files.len(), 1);
        assert_eq!(text_of(&snapshot, &a), "site dc1 \"DC\"\n");
        store.close(&a);
        assert_eq!(text_of(&flushed(&mut store), &a), "site hq \"HQ\"\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn each_directory_without_ims_toml_is_a_project_and_untouched_projects_are_shared() {
        let dir = temp("projects");
        std::fs::create_dir_all(dir.join("harbour")).unwrap();
        std::fs::write(dir.join("acme.ims"), "site hq \"HQ\"\n").unwrap();
        std::fs::write(dir.join("harbour/harbour.ims"), "site hq \"Harbour\"\n").unwrap();
        let mut store = Store::new(PositionEncoding::Utf16);
        store.initialize(PositionEncoding::Utf16, vec![dir.clone()]);
        let snapshot = flushed(&mut store);
        // Two projects, so `hq` is not defined twice.
        assert_eq!(snapshot.projects.len(), 2);
        for project in &snapshot.projects {
            assert!(project
                .analysis()
                .diagnostics
                .iter()
                .all(|d| d.code != ims_analysis::Code::DuplicateName));
        }
        let acme = Uri::from_file_path(dir.join("acme.ims")).unwrap();
        store.open(acme.clone(), 1, "site dc1 \"DC\"\n".to_string());
        let after = flushed(&mut store);
        let harbour = |s: &Snapshot| {
            s.projects
                .iter()
                .find(|p| p.files[0].uri.as_str().ends_with("harbour.ims"))
                .cloned()
                .unwrap()
        };
        assert!(Arc::ptr_eq(&harbour(&snapshot), &harbour(&after)), "the other project is shared");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
