//! The server's mutable state: the documents the editor has open, the `.ims`
//! files on disk under the workspace folders, the project configuration and
//! the editor settings.
//!
//! **Invariant:** the store changes only inside notification handlers, under
//! one `std::sync::Mutex`, synchronously and before the handler's first
//! `.await`. tower-lsp-server polls handler futures for the first time in the
//! order the messages arrived, so changes apply in protocol order even though
//! handlers run concurrently. Every change bumps `revision` and publishes a
//! new immutable [`Snapshot`]; requests read only snapshots.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ims_analysis::project::Project;
use ims_analysis::{SourceFile, Workspace};
use ropey::Rope;

use crate::document::{Change, Document, MAX_ANALYSED_BYTES};
use crate::position::PositionEncoding;
use crate::proto::{self, Uri};
use crate::settings::Settings;
use crate::snapshot::{FileInfo, Snapshot};

/// How many `.ims` files a workspace folder may hold before the server stops
/// loading more (a folder that large is not one IMS).
const MAX_WORKSPACE_FILES: usize = 10_000;

/// A file read from disk.
#[derive(Clone, Debug)]
enum DiskFile {
    Text(Document),
    /// Not UTF-8 text; the message says where and why.
    Unreadable {
        rope: Rope,
        offset: usize,
        message: String,
    },
}

#[derive(Clone, Debug)]
struct OpenDocument {
    uri: Uri,
    document: Document,
}

/// The mutable state behind the snapshots.
#[derive(Debug)]
pub struct Store {
    encoding: PositionEncoding,
    /// Open documents by [`doc_key`]: the editor's text wins over the disk.
    open: HashMap<PathBuf, OpenDocument>,
    disk: BTreeMap<PathBuf, DiskFile>,
    folders: Vec<PathBuf>,
    project: Project,
    settings: Settings,
    revision: u64,
    current: Arc<Snapshot>,
}

impl Store {
    pub fn new(encoding: PositionEncoding, folders: Vec<PathBuf>) -> Store {
        let project = match folders.first() {
            Some(folder) => Project::load(folder),
            None => Project::load(Path::new("")),
        };
        let mut store = Store {
            encoding,
            open: HashMap::new(),
            disk: BTreeMap::new(),
            folders,
            project,
            settings: Settings::default(),
            revision: 0,
            current: Arc::new(Snapshot::empty(encoding)),
        };
        store.load_folders();
        store.refresh();
        store
    }

    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current)
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// `textDocument/didOpen`.
    pub fn open(&mut self, uri: Uri, version: i32, text: String) {
        let key = doc_key(&uri);
        self.open.insert(key, OpenDocument { uri, document: Document::new(Some(version), text) });
        self.refresh();
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
        open.document.apply(version, changes, encoding);
        self.refresh();
        Ok(())
    }

    /// `textDocument/didClose`: the file on disk, if any, takes over.
    pub fn close(&mut self, uri: &Uri) {
        let key = doc_key(uri);
        if self.open.remove(&key).is_some() {
            if self.in_folders(&key) {
                self.reload_disk_file(&key);
            }
            self.refresh();
        }
    }

    /// `workspace/didChangeWatchedFiles`, for one path.
    pub fn file_changed(&mut self, path: &Path, deleted: bool) {
        if path.file_name().is_some_and(|name| name == ims_analysis::config::CONFIG_FILE) {
            self.reload_project();
        } else if path.extension().is_some_and(|ext| ext == "ims") && self.in_folders(path) {
            if deleted {
                self.disk.remove(path);
            } else {
                self.reload_disk_file(path);
            }
        }
        self.refresh();
    }

    /// `workspace/configuration` answered or `workspace/didChangeConfiguration`.
    pub fn set_settings(&mut self, settings: Settings) {
        if settings != self.settings {
            self.settings = settings;
            self.refresh();
        }
    }

    /// Re-derives every open document's text and tree from its rope, the
    /// source of truth, after a change that stopped halfway (a panic).
    pub fn resync(&mut self) {
        for open in self.open.values_mut() {
            let version = open.document.version;
            open.document = Document::new(version, String::from(&open.document.rope));
        }
        self.refresh();
    }

    fn reload_project(&mut self) {
        self.project = match self.folders.first() {
            Some(folder) => Project::load(folder),
            None => Project::load(Path::new("")),
        };
    }

    fn in_folders(&self, path: &Path) -> bool {
        self.folders.iter().any(|folder| path.starts_with(folder))
    }

    fn load_folders(&mut self) {
        let mut files = Vec::new();
        for folder in &self.folders {
            walk(folder, &mut files);
        }
        files.sort();
        files.dedup();
        for path in files {
            self.reload_disk_file(&path);
        }
    }

    fn reload_disk_file(&mut self, path: &Path) {
        match read_disk_file(path) {
            Some(file) => self.disk.insert(path.to_path_buf(), file),
            None => self.disk.remove(path),
        };
    }

    /// Builds the snapshot of the current state. Cheap: texts, trees and
    /// ropes are shared, and the analysis is computed later, on demand.
    fn refresh(&mut self) {
        self.revision += 1;
        let encoding = self.encoding;
        let mut parts = Parts::default();
        let mut keys: Vec<&PathBuf> = self.disk.keys().chain(self.open.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            if let Some(open) = self.open.get(key) {
                parts.add(open.uri.clone(), key.clone(), &open.document, true, encoding);
                continue;
            }
            let Some(uri) = Uri::from_file_path(key) else { continue };
            match &self.disk[key] {
                DiskFile::Text(document) => parts.add(uri, key.clone(), document, false, encoding),
                DiskFile::Unreadable { rope, offset, message } => {
                    parts.extra.push(note(&uri, None, rope, encoding, *offset, message.clone()));
                }
            }
        }

        if let Some(config_file) = &self.project.config_file {
            if let Some(uri) = Uri::from_file_path(config_file) {
                let diagnostics = self
                    .project
                    .config_errors
                    .iter()
                    .map(|e| {
                        let line = e.line.saturating_sub(1) as u32;
                        let character = e.column.saturating_sub(1) as u32;
                        let at = proto::Position { line, character };
                        config_diagnostic(proto::Range { start: at, end: at }, e.message.clone())
                    })
                    .chain(
                        self.project
                            .catalog_errors
                            .iter()
                            .map(|e| config_diagnostic(proto::Range::default(), e.to_string())),
                    )
                    .collect();
                parts.extra.push((uri, None, diagnostics));
            }
        }

        let mut config = self.project.config.clone();
        config.severities.extend(self.settings.severities.iter().map(|(k, v)| (*k, *v)));
        let workspace = Workspace::new(parts.sources, Arc::clone(&self.project.catalog), config);
        let snapshot = Snapshot::new(
            self.revision,
            encoding,
            workspace,
            parts.files,
            parts.extra,
            self.settings.clone(),
        );
        self.current = Arc::new(snapshot.after(&self.current));
    }
}

/// What a snapshot is built from.
#[derive(Default)]
struct Parts {
    sources: Vec<SourceFile>,
    files: Vec<FileInfo>,
    extra: Vec<(Uri, Option<i32>, Vec<proto::Diagnostic>)>,
}

impl Parts {
    fn add(
        &mut self,
        uri: Uri,
        path: PathBuf,
        document: &Document,
        open: bool,
        encoding: PositionEncoding,
    ) {
        let version = document.version;
        let rope = document.rope.clone();
        if document.is_too_large() {
            let message = format!(
                "this file is too large to analyse ({} bytes; the limit is {MAX_ANALYSED_BYTES} bytes)",
                document.text.len()
            );
            self.extra.push(note(&uri, version, &document.rope, encoding, 0, message));
            self.files.push(FileInfo { uri, version, rope, open, file: None });
            return;
        }
        let id = ims_analysis::FileId(self.sources.len() as u32);
        self.sources.push(SourceFile::with_syntax(
            path,
            Arc::clone(&document.text),
            Arc::clone(&document.syntax),
        ));
        self.files.push(FileInfo { uri, version, rope, open, file: Some(id) });
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

/// A diagnostic the server itself reports on a file it could not analyse.
fn note(
    uri: &Uri,
    version: Option<i32>,
    rope: &Rope,
    encoding: PositionEncoding,
    offset: usize,
    message: String,
) -> (Uri, Option<i32>, Vec<proto::Diagnostic>) {
    let at = crate::position::position(rope, encoding, offset);
    let diagnostic = proto::Diagnostic {
        range: proto::Range { start: at, end: at },
        severity: Some(proto::DiagnosticSeverity::ERROR),
        source: Some("ims".to_string()),
        message,
        ..Default::default()
    };
    (uri.clone(), version, vec![diagnostic])
}

fn config_diagnostic(range: proto::Range, message: String) -> proto::Diagnostic {
    proto::Diagnostic {
        range,
        severity: Some(proto::DiagnosticSeverity::ERROR),
        source: Some("ims".to_string()),
        message,
        ..Default::default()
    }
}

/// Reads one `.ims` file. `None` when it no longer exists.
fn read_disk_file(path: &Path) -> Option<DiskFile> {
    let bytes = std::fs::read(path).ok()?;
    if bytes.len() > MAX_ANALYSED_BYTES {
        // Keep the rope small: only the size matters for the diagnostic.
        let message = format!(
            "this file is too large to analyse ({} bytes; the limit is {MAX_ANALYSED_BYTES} bytes)",
            bytes.len()
        );
        return Some(DiskFile::Unreadable { rope: Rope::new(), offset: 0, message });
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let rope = Rope::from_str(&String::from_utf8_lossy(&bytes[..nul]));
        let offset = rope.len_bytes();
        let message = "this is a binary file, not an .ims text file".to_string();
        return Some(DiskFile::Unreadable { rope, offset, message });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(DiskFile::Text(Document::new(None, text))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let rope = Rope::from_str(&String::from_utf8_lossy(&bytes));
            // The lossy text has the same bytes up to the first invalid one.
            let message = format!(
                "invalid UTF-8 at byte offset {valid}; .ims files must be UTF-8 text, so this file is not analysed"
            );
            Some(DiskFile::Unreadable { rope, offset: valid, message })
        }
    }
}

/// Collects the `.ims` files under `dir`, skipping hidden folders and build
/// output, as `ims check` does.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if out.len() >= MAX_WORKSPACE_FILES {
            return;
        }
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if !name.starts_with('.') && name != "target" && name != "node_modules" {
                walk(&path, out);
            }
        } else if path.extension().is_some_and(|ext| ext == "ims") {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn uri(s: &str) -> Uri {
        Uri::from_str(s).unwrap()
    }

    #[test]
    fn open_change_close_and_versions() {
        let mut store = Store::new(PositionEncoding::Utf16, Vec::new());
        let a = uri("untitled:a.ims");
        store.open(a.clone(), 1, "site hq \"HQ\"\n".to_string());
        let snapshot = store.snapshot();
        let file = snapshot.file(&a).unwrap().unwrap();
        assert_eq!(&*snapshot.workspace.file(file).text, "site hq \"HQ\"\n");
        assert_eq!(snapshot.info(file).version, Some(1));

        let insert =
            |text: &str| Change { range: Some(proto::Range::default()), text: text.to_string() };
        let before = store.snapshot();
        store.change(&a, 2, vec![insert("// x\n")]).unwrap();
        // A change whose version is not newer is refused, and changes nothing.
        assert!(store.change(&a, 2, vec![insert("oops")]).is_err());
        let snapshot = store.snapshot();
        let file = snapshot.file(&a).unwrap().unwrap();
        assert_eq!(&*snapshot.workspace.file(file).text, "// x\nsite hq \"HQ\"\n");
        // A snapshot taken before is untouched.
        assert_eq!(&*before.workspace.file(file).text, "site hq \"HQ\"\n");
        // A change for a document that is not open is refused.
        assert!(store.change(&uri("untitled:b.ims"), 1, vec![]).is_err());

        store.close(&a);
        let error = store.snapshot().file(&a).unwrap_err();
        assert!(error.message.contains("unknown document"), "{error:?}");
    }

    #[test]
    fn a_document_too_large_is_reported_not_analysed() {
        let mut store = Store::new(PositionEncoding::Utf16, Vec::new());
        let big = uri("untitled:big.ims");
        store.open(big.clone(), 1, "// x\n".repeat(MAX_ANALYSED_BYTES / 5 + 1));
        let snapshot = store.snapshot();
        assert_eq!(snapshot.file(&big).unwrap(), None);
        assert!(snapshot.workspace.files.is_empty());
        let (reported, version, diagnostics) = &snapshot.server_diagnostics[0];
        assert_eq!((reported, *version), (&big, Some(1)));
        assert!(diagnostics[0].message.contains("too large"));
    }

    #[test]
    fn files_on_disk_load_and_an_open_document_takes_over() {
        let dir = std::env::temp_dir().join(format!("ims-lsp-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".hidden")).unwrap();
        std::fs::write(dir.join("a.ims"), "site hq \"HQ\"\n").unwrap();
        std::fs::write(dir.join(".hidden/skipped.ims"), "site x \"X\"\n").unwrap();
        std::fs::write(dir.join("bad.ims"), b"site \xff\n").unwrap();
        let dir = dir.canonicalize().unwrap();
        let mut store = Store::new(PositionEncoding::Utf16, vec![dir.clone()]);
        let snapshot = store.snapshot();
        assert_eq!(snapshot.workspace.files.len(), 1);
        let a = Uri::from_file_path(dir.join("a.ims")).unwrap();
        assert!(!snapshot.info(snapshot.file(&a).unwrap().unwrap()).open);
        let bad = &snapshot.server_diagnostics[0];
        assert!(bad.0.as_str().ends_with("bad.ims"));
        assert!(bad.2[0].message.contains("invalid UTF-8 at byte offset 5"));

        store.open(a.clone(), 3, "site dc1 \"DC\"\n".to_string());
        let snapshot = store.snapshot();
        assert_eq!(snapshot.workspace.files.len(), 1);
        assert_eq!(&*snapshot.workspace.files[0].text, "site dc1 \"DC\"\n");
        store.close(&a);
        assert_eq!(&*store.snapshot().workspace.files[0].text, "site hq \"HQ\"\n");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
