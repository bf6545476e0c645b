//! The session: the handshake that announces what the server can do, the state it keeps
//! between messages, and the loop that feeds messages to the dispatch in `mod.rs`.

use super::analysis::{self, Symbol};
use super::convert::{file_id_of, uri_to_path};
use super::position;
use super::schedule::{Batch, Change, Outcome, REQUEST_WAIT, Schedule, Worker};
use crate::base::span::Span;
use crate::check::Checked;
use crate::source::FileId;
use lsp_server::{Connection, ErrorCode, Message, Request, RequestId, Response};
use lsp_types::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Runs the server until the client says `exit` (exit code 0 after `shutdown`, else 1, as LSP
/// says) or closes standard input.
pub(crate) fn run() -> Result<(), String> {
    let out = Arc::new(std::sync::Mutex::new(std::io::stdout()));
    let (connection, writer) = super::framing::stdio(&out);
    let mut capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "[".into(), ".".into()]),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        ..Default::default()
    };
    let Some((id, params)) = handshake(&connection) else {
        return Ok(());
    };
    let params: InitializeParams = match serde_json::from_value(params) {
        Ok(p) => p,
        Err(e) => {
            let _ = connection.sender.send(Message::Response(Response::new_err(
                id,
                ErrorCode::InvalidParams as i32,
                format!("invalid initialize parameters: {e}"),
            )));
            drop(connection);
            let _ = writer.join();
            std::process::exit(1);
        }
    };
    let inlay_hints = super::inlay::enabled(params.initialization_options.as_ref());
    if !inlay_hints {
        // turned off: not announced, so the client does not ask
        capabilities.inlay_hint_provider = None;
    }
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let _ = connection.sender.send(Message::Response(Response::new_ok(
        id,
        serde_json::json!({ "capabilities": caps }),
    )));
    // rootUri is deprecated in favour of workspace folders, but older clients send only it.
    #[allow(deprecated)]
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri)
        .and_then(|u| uri_to_path(&u));
    let can_watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let mut server = Server {
        connection: &connection,
        root,
        open: HashMap::new(),
        checked: None,
        shut_down: false,
        worker: Worker::start(),
        schedule: Schedule::default(),
        deferred: Vec::new(),
        can_watch,
        inlay_hints,
    };
    let code = server.main_loop();
    // The writer thread ends only once every sender is gone, so both go before the join. The
    // reader may be blocked on standard input: the process ends without it.
    drop(server);
    drop(connection);
    writer
        .join()
        .map_err(|_| "the writer thread failed".to_string())?;
    if code != 0 {
        std::process::exit(code);
    }
    Ok(())
}

/// Waits for `initialize`, answering any other request with "not initialized"; `None` when the
/// client leaves first.
fn handshake(connection: &Connection) -> Option<(RequestId, serde_json::Value)> {
    for message in &connection.receiver {
        match message {
            Message::Request(req) if req.method == "initialize" => {
                return Some((req.id, req.params));
            }
            Message::Request(req) => {
                let _ = connection.sender.send(Message::Response(Response::new_err(
                    req.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                )));
            }
            Message::Notification(n) if n.method == "exit" => {
                drop(connection.sender.clone());
                std::process::exit(1);
            }
            _ => {}
        }
    }
    None
}

pub(super) struct Document {
    pub(super) text: String,
    pub(super) version: i32,
}

pub(super) struct Server<'c> {
    connection: &'c Connection,
    /// The workspace to check; with no root from the client, the folder of the first file opened.
    pub(super) root: Option<PathBuf>,
    pub(super) open: HashMap<PathBuf, Document>,
    /// The last check, which every request reads from.
    pub(super) checked: Option<Arc<Checked>>,
    /// `shutdown` received: requests are refused, and `exit` ends with 0.
    shut_down: bool,
    /// The thread that checks, and what waits to be checked.
    worker: Worker,
    pub(super) schedule: Schedule,
    /// Requests on documents whose latest edits are being checked, with when they came.
    deferred: Vec<(Request, Instant)>,
    /// The client can be asked to watch files (`workspace/didChangeWatchedFiles`).
    pub(super) can_watch: bool,
    /// Inlay hints asked for (the default) or turned off by an initialization option.
    pub(super) inlay_hints: bool,
}

impl Server<'_> {
    /// The exit code: 0 for `exit` after `shutdown`, 1 for `exit` without it or for the end of
    /// the input.
    fn main_loop(&mut self) -> i32 {
        loop {
            let now = Instant::now();
            let mut sleep = self.schedule.wait(now);
            if let Some((_, since)) = self.deferred.first() {
                let left = (*since + REQUEST_WAIT).saturating_duration_since(now);
                sleep = Some(sleep.map_or(left, |s| s.min(left)));
            }
            let sleep = sleep.unwrap_or(Duration::from_secs(3600));
            crossbeam_channel::select! {
                recv(self.connection.receiver) -> message => {
                    let Ok(message) = message else {
                        return i32::from(!self.shut_down);
                    };
                    if let Some(code) = self.handle(message) {
                        return code;
                    }
                }
                recv(self.worker.from) -> outcome => match outcome {
                    Ok(outcome) => self.install(outcome),
                    // The worker is gone (only a bug ends it): the server answers from what it
                    // has rather than spin on a closed channel.
                    Err(_) => {
                        self.worker.from = crossbeam_channel::never();
                        self.schedule.busy = false;
                    }
                },
                default(sleep) => {}
            }
            self.flush_if_due();
            self.answer_deferred();
        }
    }

    /// One message from the client; the exit code when it ends the session.
    fn handle(&mut self, message: Message) -> Option<i32> {
        match message {
            Message::Request(req) => {
                let refuse = |why: &str| {
                    Response::new_err(req.id.clone(), ErrorCode::InvalidRequest as i32, why.into())
                };
                let response = if self.shut_down {
                    refuse("the server is shut down; only `exit` is accepted")
                } else if req.method == "initialize" {
                    refuse("the server is already initialized")
                } else if req.method == "shutdown" {
                    self.shut_down = true;
                    Response::new_ok(req.id, ())
                } else if self.waits(&req) {
                    self.schedule.urgent = true;
                    self.deferred.push((req, Instant::now()));
                    return None;
                } else {
                    super::request(self, req)
                };
                self.send(Message::Response(response));
            }
            Message::Notification(n) if n.method == "exit" => {
                return Some(if self.shut_down { 0 } else { 1 });
            }
            Message::Notification(_) if self.shut_down => {}
            Message::Notification(n) => super::notification(self, n),
            Message::Response(_) => {}
        }
        None
    }

    /// A request about a document whose latest edits the last check does not have yet.
    fn waits(&self, req: &Request) -> bool {
        let uri = req
            .params
            .get("textDocument")
            .and_then(|t| t.get("uri"))
            .and_then(|u| u.as_str())
            .and_then(|u| u.parse::<Uri>().ok());
        uri.and_then(|u| uri_to_path(&u))
            .is_some_and(|path| !self.schedule.fresh(&path))
    }

    /// Answers the waiting requests that the last check covers, or that waited long enough.
    fn answer_deferred(&mut self) {
        if self.deferred.is_empty() {
            return;
        }
        let now = Instant::now();
        let waiting = std::mem::take(&mut self.deferred);
        for (req, since) in waiting {
            if now.duration_since(since) >= REQUEST_WAIT || !self.waits(&req) {
                let response = super::request(self, req);
                self.send(Message::Response(response));
            } else {
                self.deferred.push((req, since));
            }
        }
        if self.deferred.is_empty() {
            self.schedule.urgent = false;
        }
    }

    /// An open document's text changed: it is checked once the edits pause (its text is taken
    /// then, so a burst of edits copies it once).
    pub(super) fn edited(&mut self, path: PathBuf) {
        self.schedule.note(Some(&path));
        self.schedule.edited.insert(path);
        self.flush_if_due();
    }

    /// A file changed otherwise (closed, or on disk).
    pub(super) fn changed(&mut self, change: Change) {
        match &change {
            Change::Text(p, _) | Change::Closed(p) | Change::Disk(p) => {
                self.schedule.note(Some(p));
            }
            Change::AllDisk => self.schedule.note(None),
        }
        self.schedule.other.push(change);
        self.flush_if_due();
    }

    fn flush_if_due(&mut self) {
        if !self.schedule.due(Instant::now()) {
            return;
        }
        let Some(root) = self.root.clone() else {
            // Nothing is open and there is no folder: nothing to check.
            self.schedule.edited.clear();
            self.schedule.other.clear();
            self.schedule.checked_seq = self.schedule.seq;
            return;
        };
        let mut changes = std::mem::take(&mut self.schedule.other);
        let mut always = HashSet::new();
        let mut edited: Vec<PathBuf> = self.schedule.edited.drain().collect();
        edited.sort();
        for path in edited {
            if let Some(doc) = self.open.get(&path) {
                changes.push(Change::Text(path.clone(), Arc::from(doc.text.as_str())));
                always.insert(path);
            }
        }
        let versions = self
            .open
            .iter()
            .map(|(p, d)| (p.clone(), d.version))
            .collect();
        let batch = Batch {
            root,
            changes,
            versions,
            always,
            seq: self.schedule.seq,
        };
        self.schedule.first_change = None;
        self.schedule.last_change = None;
        if self.worker.to.send(batch).is_ok() {
            self.schedule.busy = true;
        }
    }

    /// A check is done: it becomes the state requests read, and what changed is published.
    fn install(&mut self, outcome: Outcome) {
        self.schedule.busy = false;
        self.schedule.checked_seq = outcome.seq;
        let old = self.checked.replace(outcome.checked);
        for (path, diagnostics, version) in outcome.publish {
            self.publish(&path, &diagnostics, version);
        }
        if let Some(message) = outcome.show {
            let params = ShowMessageParams {
                typ: MessageType::ERROR,
                message,
            };
            if let Ok(params) = serde_json::to_value(params) {
                self.send(Message::Notification(lsp_server::Notification::new(
                    <notification::ShowMessage as notification::Notification>::METHOD.into(),
                    params,
                )));
            }
        }
        // Freeing a large workspace takes a while: not on the way of the next message.
        if let Some(old) = old {
            std::thread::spawn(move || drop(old));
        }
        self.answer_deferred();
    }

    /// The first check, before any document is open: the workspace's findings are known, and
    /// its files parsed, by the time the user opens one.
    pub(super) fn start(&mut self) {
        if self.root.is_some() {
            self.changed(Change::AllDisk);
        }
    }

    pub(super) fn send(&self, message: Message) {
        // A closed channel means the client is gone; the loop ends with it.
        let _ = self.connection.sender.send(message);
    }

    /// The checked workspace, the file a position is in, and the byte offset.
    pub(super) fn locate(
        &self,
        at: &TextDocumentPositionParams,
    ) -> Option<(&Checked, FileId, usize)> {
        let checked = self.checked.as_ref()?;
        let path = uri_to_path(&at.text_document.uri)?;
        let file = file_id_of(checked, &path)?;
        let text = &checked.workspace.file(file).text;
        Some((checked, file, position::to_offset(text, at.position)))
    }

    pub(super) fn symbol_at(
        &self,
        at: &TextDocumentPositionParams,
    ) -> Option<(&Checked, Symbol, FileId, Span)> {
        let (checked, file, offset) = self.locate(at)?;
        let o = analysis::at(&checked.workspace, file, offset)?;
        Some((checked, o.symbol?, file, o.span))
    }
}
