//! The `LanguageServer` implementation: lifecycle and the dispatch of
//! requests to `handlers.rs`; and the server's ordered update path
//! ([`UpdatePath`] for [`Backend`]), which applies document notifications.
//!
//! **Invariant (ordering):** document notifications (`didOpen`,
//! `didChange`, `didClose`, `didChangeWatchedFiles`,
//! `didChangeConfiguration`) never reach the framework: the transport hands
//! each to [`UpdatePath::apply`] as it reads it, one after the other, and
//! calls [`UpdatePath::flush`] before it passes on anything else. So changes
//! apply in protocol order and every request sees every change sent before
//! it, whatever order the framework polls its handlers in. Requests take the
//! current [`Snapshot`] (an `Arc`) and never see a half-applied change.
//!
//! **Invariant (failure):** every request runs in `spawn_blocking`; a panic
//! there becomes a JoinError, answered as an internal error and logged to the
//! client and to stderr. Store mutations are wrapped in `catch_unwind`.
//! Nothing here writes to stdout, which belongs to the protocol.

use std::collections::{HashMap, HashSet};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde_json::Value;

use crate::capabilities;
use crate::document::Change;
use crate::handlers;
use crate::log::{self, Level};
use crate::position::PositionEncoding;
use crate::proto::{self, Client, Result, Uri};
use crate::settings::{self, Settings};
use crate::snapshot::Snapshot;
use crate::store::Store;
use crate::to_proto;
use crate::transport::UpdatePath;

/// What the client said it supports, fixed at `initialize`.
#[derive(Clone, Copy, Debug, Default)]
struct ClientSupport {
    pull_diagnostics: bool,
    configuration: bool,
    watch_files: bool,
    diagnostic_refresh: bool,
    inlay_hint_refresh: bool,
}

/// A document version and the diagnostics pushed for it.
type VersionedDiagnostics = (Option<i32>, Vec<proto::Diagnostic>);

#[derive(Clone)]
pub struct Backend(Arc<Inner>);

struct Inner {
    client: Client,
    store: Mutex<Store>,
    support: OnceLock<ClientSupport>,
    /// Bumped by every change; the diagnostics task runs again while it
    /// moves on.
    generation: AtomicU64,
    /// Whether a diagnostics task is running (see `schedule_diagnostics`).
    publishing: AtomicBool,
    /// The last pushed non-empty diagnostics by URI, so that unchanged ones
    /// are not sent again and vanished ones are cleared. The lock also
    /// orders the publishing tasks.
    published: tokio::sync::Mutex<HashMap<Uri, VersionedDiagnostics>>,
    /// The diagnostics converted by the last publish, reused for the files
    /// whose diagnostics and texts did not change.
    converted: Arc<Mutex<to_proto::DiagnosticsCache>>,
    /// Set by `initialized`: diagnostics may be published.
    ready: AtomicBool,
    shutdown_requested: Arc<AtomicBool>,
}

impl Backend {
    pub fn new(client: Client, shutdown_requested: Arc<AtomicBool>) -> Backend {
        Backend(Arc::new(Inner {
            client,
            store: Mutex::new(Store::new(PositionEncoding::Utf16)),
            support: OnceLock::new(),
            generation: AtomicU64::new(0),
            publishing: AtomicBool::new(false),
            published: tokio::sync::Mutex::new(HashMap::new()),
            converted: Arc::default(),
            ready: AtomicBool::new(false),
            shutdown_requested,
        }))
    }

    fn support(&self) -> ClientSupport {
        self.0.support.get().copied().unwrap_or_default()
    }

    fn snapshot(&self) -> Arc<Snapshot> {
        self.0.store.lock().unwrap_or_else(PoisonError::into_inner).snapshot()
    }

    /// Changes the store; see the ordering invariant above. A panic while
    /// changing is logged and the session goes on.
    fn mutate(&self, what: &str, change: impl FnOnce(&mut Store)) {
        let result = {
            let mut store = self.0.store.lock().unwrap_or_else(PoisonError::into_inner);
            let result = std::panic::catch_unwind(AssertUnwindSafe(|| change(&mut store)));
            if result.is_err() {
                // The change may have stopped halfway: rebuild from the texts.
                let _ = std::panic::catch_unwind(AssertUnwindSafe(|| store.resync()));
            }
            result
        };
        if let Err(payload) = result {
            self.log_error(format!("ims: {what} failed: {}", panic_message(payload.as_ref())));
        }
    }

    /// Publishes what changed since the last flush: parses, builds the new
    /// snapshot and schedules the diagnostics.
    fn flush_changes(&self) {
        let mut flushed = false;
        self.mutate("parsing the changes", |store| flushed = store.flush());
        if flushed {
            self.schedule_diagnostics();
        }
    }

    /// Logs to stderr and, without waiting, to the client.
    fn log_error(&self, message: String) {
        eprintln!("{message}");
        let client = self.0.client.clone();
        tokio::spawn(async move { client.log_message(proto::MessageType::ERROR, message).await });
    }

    /// Runs a request handler on a blocking thread against the current
    /// snapshot, turning a panic into an error response.
    async fn request<P, R>(
        &self,
        method: &'static str,
        params: P,
        handler: fn(&Snapshot, P) -> Result<R>,
    ) -> Result<R>
    where
        P: Send + 'static,
        R: Send + 'static,
    {
        let snapshot = self.snapshot();
        match tokio::task::spawn_blocking(move || handler(&snapshot, params)).await {
            Ok(result) => result,
            Err(error) => {
                let reason = if error.is_panic() {
                    format!("panicked: {}", panic_message(error.into_panic().as_ref()))
                } else {
                    "cancelled".to_string()
                };
                let message = format!("ims: request {method} failed: {reason}");
                eprintln!("{message}");
                self.0.client.log_message(proto::MessageType::ERROR, &message).await;
                Err(proto::internal_error(message))
            }
        }
    }

    /// Publishes diagnostics after a change, without a fixed delay: when no
    /// diagnostics task runs, one starts at once; while one runs, changes
    /// only bump the generation, and the task goes round again on the newest
    /// snapshot until the generation stands still. Changes that come faster
    /// than the analysis coalesce, as with a debounce, but a single keystroke
    /// is not delayed by one (a 50 ms debounce used to be most of the
    /// keystroke-to-diagnostics time; docs/performance.md).
    fn schedule_diagnostics(&self) {
        self.0.generation.fetch_add(1, Ordering::SeqCst);
        // Before `initialized`, the framework would drop what is published
        // (and this task would remember it as sent): `initialized` starts
        // the first round.
        if !self.0.ready.load(Ordering::SeqCst) {
            return;
        }
        if self.0.publishing.swap(true, Ordering::SeqCst) {
            return;
        }
        let this = self.clone();
        tokio::spawn(async move {
            let _reset = ResetOnPanic(&this.0.publishing);
            loop {
                let generation = this.0.generation.load(Ordering::SeqCst);
                this.publish_diagnostics().await;
                if this.0.generation.load(Ordering::SeqCst) != generation {
                    continue;
                }
                this.0.publishing.store(false, Ordering::SeqCst);
                // A change between the check and the store found the flag
                // still set and left its work to this task: take it back,
                // unless a new task already did.
                if this.0.generation.load(Ordering::SeqCst) == generation
                    || this.0.publishing.swap(true, Ordering::SeqCst)
                {
                    break;
                }
            }
        });
    }

    /// Pushes the diagnostics of the current snapshot, unless a newer change
    /// arrived meanwhile. With pull diagnostics, open documents are left to
    /// the client's pulls and only closed files are pushed.
    async fn publish_diagnostics(&self) {
        let started = std::time::Instant::now();
        let snapshot = self.snapshot();
        let snap = Arc::clone(&snapshot);
        let cache = Arc::clone(&self.0.converted);
        let computed = tokio::task::spawn_blocking(move || {
            let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
            let by_uri = snap
                .views()
                .map(|view| {
                    let by_file = cache.by_file(&view);
                    view.project
                        .files
                        .iter()
                        .map(|info| {
                            let diagnostics = info
                                .file
                                .and_then(|f| by_file.get(&f))
                                .cloned()
                                .unwrap_or_default();
                            (info.uri.clone(), info.version, info.open, diagnostics)
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>();
            cache.finish();
            by_uri
        })
        .await;
        let by_uri = match computed {
            Ok(by_uri) => by_uri,
            Err(error) => {
                let reason = match error.try_into_panic() {
                    Ok(payload) => panic_message(payload.as_ref()),
                    Err(_) => "cancelled".to_string(),
                };
                self.log_error(format!("ims: analysis failed: {reason}"));
                return;
            }
        };
        let support = self.support();
        let mut published = self.0.published.lock().await;
        let current = self.0.store.lock().unwrap_or_else(PoisonError::into_inner).revision();
        if current != snapshot.revision {
            return;
        }
        let mut batch: HashMap<Uri, VersionedDiagnostics> = HashMap::new();
        let mut open = HashSet::new();
        for (uri, version, is_open, diagnostics) in by_uri.into_iter().flatten() {
            if is_open {
                open.insert(uri.clone());
            }
            batch.insert(uri, (version, diagnostics));
        }
        for (uri, version, diagnostics) in &snapshot.server_diagnostics {
            let entry = batch.entry(uri.clone()).or_insert((*version, Vec::new()));
            entry.1.extend(diagnostics.iter().cloned());
        }
        if support.pull_diagnostics {
            batch.retain(|uri, _| !open.contains(uri));
        }
        // Files that are gone, or open documents now left to pulls.
        let mut gone: Vec<Uri> =
            published.keys().filter(|uri| !batch.contains_key(*uri)).cloned().collect();
        gone.sort();
        for uri in gone {
            self.0.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
        let mut batch: Vec<_> = batch.into_iter().collect();
        batch.sort_by(|a, b| a.0.cmp(&b.0));
        let mut now = HashMap::new();
        for (uri, entry) in batch {
            let unchanged = published.get(&uri) == Some(&entry);
            let never_sent_and_empty = entry.1.is_empty() && !published.contains_key(&uri);
            if !unchanged && !never_sent_and_empty {
                let (version, diagnostics) = entry.clone();
                self.0.client.publish_diagnostics(uri.clone(), diagnostics, version).await;
            }
            if !entry.1.is_empty() {
                now.insert(uri, entry);
            }
        }
        if log::enabled(Level::Debug) {
            let count: usize = now.values().map(|(_, d)| d.len()).sum();
            log::log(
                Level::Debug,
                format!(
                    "diagnostics of revision {}: {count} in {} files, {} ms",
                    snapshot.revision,
                    now.len(),
                    started.elapsed().as_millis()
                ),
            );
        }
        *published = now;
    }

    /// Analyses again when a day begins (UTC): `planned-overdue` depends on
    /// the date, and an editor left open overnight must not keep saying a
    /// planned date is still ahead. The only change that does not come from
    /// the protocol; it marks the state changed, and the next snapshot
    /// carries the new date. Holds the server weakly, so it ends with it.
    fn watch_the_date(&self) {
        let server = Arc::downgrade(&self.0);
        tokio::spawn(async move {
            loop {
                let wait = ims_analysis::date::Date::until_tomorrow(std::time::SystemTime::now());
                tokio::time::sleep(wait).await;
                let Some(inner) = server.upgrade() else { return };
                let this = Backend(inner);
                this.mutate("starting a new day", Store::new_day);
                this.flush_changes();
                this.refresh_pulled_diagnostics();
            }
        });
    }

    /// Asks a client that pulls diagnostics to pull again: files it does not
    /// see changed (on disk, or the settings).
    fn refresh_pulled_diagnostics(&self) {
        let support = self.support();
        if support.pull_diagnostics && support.diagnostic_refresh {
            let client = self.0.client.clone();
            tokio::spawn(async move {
                let _ = client.workspace_diagnostic_refresh().await;
            });
        }
    }

    async fn fetch_settings(&self) {
        if !self.support().configuration {
            return;
        }
        let item = proto::ConfigurationItem {
            scope_uri: None,
            section: Some(settings::SECTION.to_string()),
        };
        match self.0.client.configuration(vec![item]).await {
            Ok(values) => {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                self.apply_settings(&value);
            }
            Err(e) => self.log_error(format!("ims: workspace/configuration failed: {e}")),
        }
    }

    fn apply_settings(&self, value: &Value) {
        let (settings, problems) = Settings::from_json(value);
        log::log(Level::Info, format!("settings: {settings:?}"));
        for problem in problems {
            self.log_error(format!("ims: settings: {problem}"));
        }
        let inlay_hints = settings.inlay_hints;
        let before = self.snapshot().settings.inlay_hints;
        self.mutate("applying settings", |store| store.set_settings(settings));
        self.flush_changes();
        self.refresh_pulled_diagnostics();
        if before != inlay_hints && self.support().inlay_hint_refresh {
            let client = self.0.client.clone();
            tokio::spawn(async move {
                let _ = client.inlay_hint_refresh().await;
            });
        }
    }

    async fn register_file_watcher(&self) {
        if !self.support().watch_files {
            return;
        }
        let watcher = |pattern: &str| proto::FileSystemWatcher {
            glob_pattern: proto::GlobPattern::String(pattern.to_string()),
            kind: None,
        };
        let options = proto::DidChangeWatchedFilesRegistrationOptions {
            watchers: vec![watcher("**/*.ims"), watcher("**/ims.toml")],
        };
        let registration = proto::Registration {
            id: "ims-watched-files".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(options).ok(),
        };
        if let Err(e) = self.0.client.register_capability(vec![registration]).await {
            self.log_error(format!("ims: cannot watch files: {e}"));
        }
    }

    /// `ims/debugPanic`: panics inside a request, for the end-to-end test of
    /// panic recovery. Registered only when `IMS_LSP_TEST_PANIC=1`.
    pub async fn debug_panic(&self) -> Result<Value> {
        self.request("ims/debugPanic", (), |_, ()| panic!("ims/debugPanic was requested")).await
    }

    /// `ims/report`: the correlation and coverage report (`report.rs`).
    pub async fn report(
        &self,
        params: crate::report::ReportParams,
    ) -> Result<crate::report::ReportResult> {
        self.request("ims/report", params, crate::report::report).await
    }
}

/// Clears the diagnostics task's flag if the task unwinds, so that a panic
/// there does not stop diagnostics for the rest of the session: the next
/// change starts a new task.
struct ResetOnPanic<'a>(&'a AtomicBool);

impl Drop for ResetOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.store(false, Ordering::SeqCst);
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_string()
    }
}

fn is_ims_document(document: &proto::TextDocumentItem) -> bool {
    document.language_id == "ims" || document.uri.path().as_str().ends_with(".ims")
}

/// The document notifications, applied in the order they arrive (see the
/// ordering invariant above).
impl UpdatePath for Backend {
    fn handles(&self, method: &str) -> bool {
        matches!(
            method,
            "textDocument/didOpen"
                | "textDocument/didChange"
                | "textDocument/didClose"
                | "textDocument/didSave"
                | "workspace/didChangeWatchedFiles"
                | "workspace/didChangeConfiguration"
        )
    }

    fn apply(&self, method: &str, params: Value) {
        match method {
            "textDocument/didOpen" => {
                let Some(params) = self.params::<proto::DidOpenTextDocumentParams>(method, params)
                else {
                    return;
                };
                let document = params.text_document;
                if is_ims_document(&document) {
                    self.mutate(method, |store| {
                        store.open(document.uri, document.version, document.text)
                    });
                }
            }
            "textDocument/didChange" => {
                let Some(params) =
                    self.params::<proto::DidChangeTextDocumentParams>(method, params)
                else {
                    return;
                };
                let uri = params.text_document.uri;
                let version = params.text_document.version;
                let changes = params
                    .content_changes
                    .into_iter()
                    .map(|c| Change { range: c.range, text: c.text })
                    .collect();
                let mut refused = None;
                self.mutate(method, |store| refused = store.change(&uri, version, changes).err());
                if let Some(message) = refused {
                    self.log_error(format!("ims: {message}"));
                }
            }
            "textDocument/didClose" => {
                let Some(params) = self.params::<proto::DidCloseTextDocumentParams>(method, params)
                else {
                    return;
                };
                self.mutate(method, |store| store.close(&params.text_document.uri));
            }
            "workspace/didChangeWatchedFiles" => {
                let Some(params) =
                    self.params::<proto::DidChangeWatchedFilesParams>(method, params)
                else {
                    return;
                };
                log::log(
                    Level::Info,
                    format!("{} watched files changed on disk", params.changes.len()),
                );
                self.mutate(method, |store| {
                    for change in &params.changes {
                        if let Some(path) = change.uri.to_file_path() {
                            store.file_changed(&path, change.typ == proto::FileChangeType::DELETED);
                        }
                    }
                });
                self.refresh_pulled_diagnostics();
            }
            "workspace/didChangeConfiguration" => {
                let section = params.get("settings").and_then(|s| s.get(settings::SECTION));
                match section {
                    Some(section) if !section.is_null() => self.apply_settings(section),
                    // Only a nudge: ask the client for the settings.
                    _ => {
                        let this = self.clone();
                        tokio::spawn(async move { this.fetch_settings().await });
                    }
                }
            }
            // `didSave` changes nothing the server holds: the file watcher
            // reports the file on disk.
            _ => {}
        }
    }

    fn flush(&self) {
        self.flush_changes();
    }
}

impl Backend {
    /// The params of a notification, or `None` with the problem logged.
    fn params<P: serde::de::DeserializeOwned>(&self, method: &str, params: Value) -> Option<P> {
        match serde_json::from_value(params) {
            Ok(params) => Some(params),
            Err(e) => {
                self.log_error(format!("ims: {method} with invalid params, ignored: {e}"));
                None
            }
        }
    }
}

impl proto::LanguageServer for Backend {
    async fn initialize(&self, params: proto::InitializeParams) -> Result<proto::InitializeResult> {
        let caps = &params.capabilities;
        let encoding = PositionEncoding::negotiate(
            caps.general.as_ref().and_then(|g| g.position_encodings.as_deref()),
        );
        let support = ClientSupport {
            pull_diagnostics: caps.text_document.as_ref().is_some_and(|t| t.diagnostic.is_some()),
            configuration: caps.workspace.as_ref().and_then(|w| w.configuration).unwrap_or(false),
            watch_files: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            diagnostic_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            inlay_hint_refresh: caps
                .workspace
                .as_ref()
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|i| i.refresh_support)
                .unwrap_or(false),
        };
        let _ = self.0.support.set(support);
        #[allow(deprecated)]
        // Reason: `rootUri` is the fallback for clients without workspace folders.
        let folders: Vec<PathBuf> = match (&params.workspace_folders, &params.root_uri) {
            (Some(folders), _) if !folders.is_empty() => folders
                .iter()
                .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
                .collect(),
            (_, Some(root)) => root.to_file_path().map(|p| p.into_owned()).into_iter().collect(),
            _ => Vec::new(),
        };
        let client = params
            .client_info
            .as_ref()
            .map(|c| format!("{} {}", c.name, c.version.as_deref().unwrap_or("")))
            .unwrap_or_else(|| "an unnamed client".to_string());
        let shown: Vec<String> = folders.iter().map(|f| f.display().to_string()).collect();
        log::log(
            Level::Info,
            format!(
                "{} for {}, workspace folders: {}; positions in {encoding:?}, {} diagnostics",
                env!("CARGO_PKG_VERSION"),
                client.trim_end(),
                if shown.is_empty() { "none".to_string() } else { shown.join(", ") },
                if support.pull_diagnostics { "pull" } else { "push" },
            ),
        );
        // The folders are loaded into the store that documents opened early
        // (against the protocol, before `initialize`) are already in.
        // No diagnostics yet: the framework drops notifications sent before
        // the client has the `initialize` answer; `initialized` publishes.
        let this = self.clone();
        tokio::task::spawn_blocking(move || {
            this.mutate("loading the workspace", |store| {
                store.initialize(encoding, folders);
                store.flush();
            });
        })
        .await
        .map_err(|e| proto::internal_error(format!("ims: loading the workspace failed: {e}")))?;
        if log::enabled(Level::Info) {
            for view in self.snapshot().views() {
                let root = view
                    .project
                    .root
                    .as_ref()
                    .map_or("(no folder)".to_string(), |r| r.dir.display().to_string());
                log::log(
                    Level::Info,
                    format!("project {root}: {} files", view.project.files.len()),
                );
            }
        }
        Ok(proto::InitializeResult {
            capabilities: capabilities::server_capabilities(encoding, support.pull_diagnostics),
            server_info: Some(proto::ServerInfo {
                name: "ims".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: proto::InitializedParams) {
        // Diagnostics of the files on disk, before any document is opened.
        self.0.ready.store(true, Ordering::SeqCst);
        self.schedule_diagnostics();
        self.watch_the_date();
        self.register_file_watcher().await;
        self.fetch_settings().await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.0.shutdown_requested.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn diagnostic(
        &self,
        params: proto::DocumentDiagnosticParams,
    ) -> Result<proto::DocumentDiagnosticReportResult> {
        self.request("textDocument/diagnostic", params, handlers::document_diagnostic).await
    }

    async fn hover(&self, params: proto::HoverParams) -> Result<Option<proto::Hover>> {
        self.request("textDocument/hover", params, handlers::hover).await
    }

    async fn completion(
        &self,
        params: proto::CompletionParams,
    ) -> Result<Option<proto::CompletionResponse>> {
        self.request("textDocument/completion", params, handlers::completion).await
    }

    async fn formatting(
        &self,
        params: proto::DocumentFormattingParams,
    ) -> Result<Option<Vec<proto::TextEdit>>> {
        self.request("textDocument/formatting", params, handlers::formatting).await
    }

    async fn inlay_hint(
        &self,
        params: proto::InlayHintParams,
    ) -> Result<Option<Vec<proto::InlayHint>>> {
        self.request("textDocument/inlayHint", params, handlers::inlay_hint).await
    }

    async fn code_lens(
        &self,
        params: proto::CodeLensParams,
    ) -> Result<Option<Vec<proto::CodeLens>>> {
        self.request("textDocument/codeLens", params, handlers::code_lens).await
    }

    async fn semantic_tokens_full(
        &self,
        params: proto::SemanticTokensParams,
    ) -> Result<Option<proto::SemanticTokensResult>> {
        self.request("textDocument/semanticTokens/full", params, handlers::semantic_tokens_full)
            .await
    }

    async fn goto_definition(
        &self,
        params: proto::GotoDefinitionParams,
    ) -> Result<Option<proto::GotoDefinitionResponse>> {
        self.request("textDocument/definition", params, handlers::goto_definition).await
    }

    async fn references(
        &self,
        params: proto::ReferenceParams,
    ) -> Result<Option<Vec<proto::Location>>> {
        self.request("textDocument/references", params, handlers::references).await
    }

    async fn prepare_rename(
        &self,
        params: proto::TextDocumentPositionParams,
    ) -> Result<Option<proto::PrepareRenameResponse>> {
        self.request("textDocument/prepareRename", params, handlers::prepare_rename).await
    }

    async fn rename(&self, params: proto::RenameParams) -> Result<Option<proto::WorkspaceEdit>> {
        self.request("textDocument/rename", params, handlers::rename).await
    }

    async fn document_symbol(
        &self,
        params: proto::DocumentSymbolParams,
    ) -> Result<Option<proto::DocumentSymbolResponse>> {
        self.request("textDocument/documentSymbol", params, handlers::document_symbol).await
    }

    async fn symbol(
        &self,
        params: proto::WorkspaceSymbolParams,
    ) -> Result<Option<proto::WorkspaceSymbolResponse>> {
        self.request("workspace/symbol", params, handlers::workspace_symbol).await
    }

    async fn folding_range(
        &self,
        params: proto::FoldingRangeParams,
    ) -> Result<Option<Vec<proto::FoldingRange>>> {
        self.request("textDocument/foldingRange", params, handlers::folding_range).await
    }

    async fn document_highlight(
        &self,
        params: proto::DocumentHighlightParams,
    ) -> Result<Option<Vec<proto::DocumentHighlight>>> {
        self.request("textDocument/documentHighlight", params, handlers::document_highlight).await
    }

    async fn code_action(
        &self,
        params: proto::CodeActionParams,
    ) -> Result<Option<proto::CodeActionResponse>> {
        self.request("textDocument/codeAction", params, handlers::code_action).await
    }
}
