//! The session: the handshake that announces what the server can do, the state it keeps
//! between messages, and the loop that feeds messages to the dispatch in `mod.rs`.

use super::analysis::{self, Symbol};
use super::convert::{file_id_of, uri_to_path};
use super::position;
use crate::base::span::Span;
use crate::check::Checked;
use crate::source::FileId;
use lsp_server::{Connection, Message};
use lsp_types::*;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Runs the server until the client says `exit`.
pub(crate) fn run() -> Result<(), String> {
    let (connection, io) = Connection::stdio();
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
        ..Default::default()
    };
    let caps = serde_json::to_value(capabilities).map_err(|e| e.to_string())?;
    let params = connection.initialize(caps).map_err(|e| e.to_string())?;
    let params: InitializeParams = serde_json::from_value(params).map_err(|e| e.to_string())?;
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
    };
    server.main_loop()?;
    // The writer thread ends only once every sender is gone, so both go before the join.
    drop(server);
    drop(connection);
    io.join().map_err(|e| e.to_string())
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
}

impl Server<'_> {
    fn main_loop(&mut self) -> Result<(), String> {
        for message in &self.connection.receiver {
            match message {
                Message::Request(req) => {
                    if self
                        .connection
                        .handle_shutdown(&req)
                        .map_err(|e| e.to_string())?
                    {
                        return Ok(());
                    }
                    let response = super::request(self, req);
                    self.send(Message::Response(response));
                }
                Message::Notification(n) => super::notification(self, n),
                Message::Response(_) => {}
            }
        }
        Ok(())
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
