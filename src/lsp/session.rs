//! The session: the handshake that announces what the server can do, the state it keeps
//! between messages, and the loop that feeds messages to the dispatch in `mod.rs`.

use super::analysis::{self, Symbol};
use super::convert::{file_id_of, uri_to_path};
use super::position;
use crate::base::span::Span;
use crate::check::Checked;
use crate::source::FileId;
use lsp_server::{Connection, ErrorCode, Message, RequestId, Response};
use lsp_types::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Runs the server until the client says `exit` (exit code 0 after `shutdown`, else 1, as LSP
/// says) or closes standard input.
pub(crate) fn run() -> Result<(), String> {
    let out = std::sync::Arc::new(std::sync::Mutex::new(std::io::stdout()));
    let (connection, writer) = super::framing::stdio(&out);
    let capabilities = ServerCapabilities {
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
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
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
    let mut server = Server {
        connection: &connection,
        root,
        open: HashMap::new(),
        checked: None,
        published: HashSet::new(),
        settings: Default::default(),
        inlay_hints: super::inlay::enabled(params.initialization_options.as_ref()),
        shut_down: false,
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
    pub(super) checked: Option<Checked>,
    /// Files that have diagnostics on the client, to clear when they go away.
    pub(super) published: HashSet<PathBuf>,
    /// goalc.toml: the last valid settings, and what is wrong with the current one.
    pub(super) settings: super::config::Settings,
    /// Inlay hints asked for (the default) or turned off by an initialization option.
    pub(super) inlay_hints: bool,
    /// `shutdown` received: requests are refused, and `exit` ends with 0.
    shut_down: bool,
}

impl Server<'_> {
    /// The exit code: 0 for `exit` after `shutdown`, 1 for `exit` without it or for the end of
    /// the input.
    fn main_loop(&mut self) -> i32 {
        for message in &self.connection.receiver {
            match message {
                Message::Request(req) => {
                    let refuse = |why: &str| {
                        Response::new_err(
                            req.id.clone(),
                            ErrorCode::InvalidRequest as i32,
                            why.into(),
                        )
                    };
                    let response = if self.shut_down {
                        refuse("the server is shut down; only `exit` is accepted")
                    } else if req.method == "initialize" {
                        refuse("the server is already initialized")
                    } else if req.method == "shutdown" {
                        self.shut_down = true;
                        Response::new_ok(req.id, ())
                    } else {
                        super::request(self, req)
                    };
                    self.send(Message::Response(response));
                }
                Message::Notification(n) if n.method == "exit" => {
                    return if self.shut_down { 0 } else { 1 };
                }
                Message::Notification(_) if self.shut_down => {}
                Message::Notification(n) => super::notification(self, n),
                Message::Response(_) => {}
            }
        }
        i32::from(!self.shut_down)
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
