//! `goalc lsp`: a Language Server on standard input and output. It checks the whole workspace
//! the way `goalc check` does, with open documents' unsaved text in place of the files, and
//! answers go to definition, find references, hover, completion and quick fixes.
//!
//! One module a job: `session` starts the server and holds what it knows, `documents` keeps
//! the editor's text, `watch` hears of files changed on disk, `schedule` checks on a worker
//! thread (incrementally, debounced), `diagnostics` publishes, and each request has its own
//! module.
//! This file only routes a method name to its handler.

// Indexing here is by FileId/GoalId values the resolver created as positions in the very
// vectors indexed, never by a number read from a file or a message.
#![allow(clippy::indexing_slicing)]

mod analysis;
mod code_action;
mod complete;
mod config;
mod convert;
mod definition;
mod diagnostics;
mod documents;
mod framing;
mod hover;
mod inlay;
mod lens;
pub(crate) mod position;
mod references;
mod rename;
mod schedule;
mod session;
mod symbols;
mod watch;

pub(crate) use documents::apply_change;
pub(crate) use framing::read_all;
pub(crate) use session::run;

use lsp_server::{ErrorCode, Notification, Request, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{notification, request};
use session::Server;

fn notification(server: &mut Server, n: Notification) {
    match n.method.as_str() {
        notification::DidOpenTextDocument::METHOD => documents::did_open(server, n.params),
        notification::DidChangeTextDocument::METHOD => documents::did_change(server, n.params),
        notification::DidSaveTextDocument::METHOD => documents::did_save(server, n.params),
        notification::DidCloseTextDocument::METHOD => documents::did_close(server, n.params),
        notification::Initialized::METHOD => watch::initialized(server, n.params),
        notification::DidChangeWatchedFiles::METHOD => {
            watch::did_change_watched_files(server, n.params);
        }
        _ => {}
    }
}

fn request(server: &Server, req: Request) -> Response {
    let id = req.id.clone();
    let result = match req.method.as_str() {
        request::GotoDefinition::METHOD => answer(server, req, definition::definition),
        request::References::METHOD => answer(server, req, references::references),
        request::HoverRequest::METHOD => answer(server, req, hover::hover),
        request::Completion::METHOD => answer(server, req, complete::completion),
        request::CodeActionRequest::METHOD => answer(server, req, code_action::code_actions),
        request::PrepareRenameRequest::METHOD => rename::prepare(server, req),
        request::Rename::METHOD => rename::rename(server, req),
        request::DocumentSymbolRequest::METHOD => answer(server, req, symbols::document_symbols),
        request::WorkspaceSymbolRequest::METHOD => answer(server, req, symbols::workspace_symbols),
        request::InlayHintRequest::METHOD => answer(server, req, inlay::inlay_hints),
        request::CodeLensRequest::METHOD => answer(server, req, lens::code_lenses),
        _ => Err((
            ErrorCode::MethodNotFound,
            format!("unsupported: {}", req.method),
        )),
    };
    match result {
        Ok(value) => Response::new_ok(id, value),
        Err((code, message)) => Response::new_err(id, code as i32, message),
    }
}

type Failure = (ErrorCode, String);

/// Params the client sent that do not parse are its error, told back as such; a handler with
/// nothing to say answers `null`, which the protocol reads as "no result".
fn answer<P, R>(
    server: &Server,
    req: Request,
    handler: fn(&Server, &P) -> R,
) -> Result<serde_json::Value, Failure>
where
    P: serde::de::DeserializeOwned,
    R: serde::Serialize,
{
    let params: P = serde_json::from_value(req.params)
        .map_err(|e| (ErrorCode::InvalidParams, e.to_string()))?;
    Ok(serde_json::to_value(handler(server, &params)).unwrap_or(serde_json::Value::Null))
}
