//! Files changed outside the editor (a `git pull`, a script): the client is asked to watch the
//! workspace's files, and what it reports is read again from disk.

use super::convert::uri_to_path;
use super::schedule::Change;
use super::session::Server;
use lsp_server::{Message, Request, RequestId};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::*;

/// The files whose change matters to a check: plans, progress files and goalc.toml.
pub(super) const GLOBS: &[&str] = &["**/*.plan.toml", "**/*.progress.toml", "**/goalc.toml"];

/// After `initialized`: the watch registered when the client can take it, and the first check.
pub(super) fn initialized(server: &mut Server, _params: serde_json::Value) {
    if server.can_watch {
        let watchers = GLOBS
            .iter()
            .map(|g| FileSystemWatcher {
                glob_pattern: GlobPattern::String((*g).to_string()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let registration = Registration {
            id: "goalc-watch".into(),
            method: notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        };
        let params = RegistrationParams {
            registrations: vec![registration],
        };
        if let Ok(params) = serde_json::to_value(params) {
            server.send(Message::Request(Request::new(
                RequestId::from("goalc-register-watch".to_string()),
                request::RegisterCapability::METHOD.into(),
                params,
            )));
        }
    }
    server.start();
}

/// `workspace/didChangeWatchedFiles`: each file read again (an open document keeps the
/// editor's text).
pub(super) fn did_change_watched_files(server: &mut Server, params: serde_json::Value) {
    let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(params) else {
        return;
    };
    for event in p.changes {
        if let Some(path) = uri_to_path(&event.uri) {
            server.changed(Change::Disk(path));
        }
    }
}
