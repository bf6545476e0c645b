//! Text synchronisation: the open documents' unsaved text, which the check reads in place of
//! the files on disk. Every change is handed to the scheduler, which checks the workspace
//! again once the edits pause.

use super::convert::uri_to_path;
use super::position;
use super::schedule::Change;
use super::session::{Document, Server};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams,
};
use std::path::Path;

pub(super) fn did_open(server: &mut Server, params: serde_json::Value) {
    if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(params)
        && let Some(path) = uri_to_path(&p.text_document.uri)
    {
        if server.root.is_none() {
            server.root = path.parent().map(Path::to_path_buf);
        }
        server.open.insert(
            path.clone(),
            Document {
                text: p.text_document.text,
                version: p.text_document.version,
            },
        );
        server.edited(path);
    }
}

pub(super) fn did_change(server: &mut Server, params: serde_json::Value) {
    if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(params)
        && let Some(path) = uri_to_path(&p.text_document.uri)
        && let Some(doc) = server.open.get_mut(&path)
    {
        // Full sync is what the server asks for, but a client may still send ranged changes.
        for change in p.content_changes {
            apply_change(&mut doc.text, change.range, change.text);
        }
        doc.version = p.text_document.version;
        server.edited(path);
    }
}

pub(super) fn did_save(server: &mut Server, params: serde_json::Value) {
    if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(params)
        && let (Some(path), Some(text)) = (uri_to_path(&p.text_document.uri), p.text)
        && let Some(doc) = server.open.get_mut(&path)
    {
        doc.text = text;
        server.edited(path);
    }
    // Even with no text (or params we cannot read) a save means the disk changed. A client
    // that watches files tells of every other file; one that cannot gets them all read again.
    if !server.can_watch {
        server.changed(Change::AllDisk);
    }
}

pub(super) fn did_close(server: &mut Server, params: serde_json::Value) {
    if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(params)
        && let Some(path) = uri_to_path(&p.text_document.uri)
    {
        server.open.remove(&path);
        server.changed(Change::Closed(path));
    }
}

/// One change of `didChange`: the whole text, or a range of it (positions past a line's end
/// or the text's end are clamped, an end before the start is the start).
pub(crate) fn apply_change(text: &mut String, range: Option<lsp_types::Range>, new: String) {
    match range {
        Some(r) => {
            let start = position::to_offset(text, r.start);
            let end = position::to_offset(text, r.end).max(start);
            text.replace_range(start..end, &new);
        }
        None => *text = new,
    }
}
