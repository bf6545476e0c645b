//! Quick fixes: the [`Fix`](crate::diagnostic::Fix) a diagnostic carries, as a workspace edit.
//! `check --fix` applies the same edits.

use super::convert::{file_id_of, range, uri_to_path};
use super::diagnostics::lsp_diagnostic;
use super::position;
use super::session::Server;
use crate::diagnostic::Applicability;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::HashMap;

// `Uri` caches its parts behind interior mutability; the keys here are never changed.
#[allow(clippy::mutable_key_type)]
pub(super) fn code_actions(
    server: &Server,
    p: &CodeActionParams,
) -> Option<Vec<CodeActionOrCommand>> {
    let checked = server.checked.as_ref()?;
    let path = uri_to_path(&p.text_document.uri)?;
    let file = file_id_of(checked, &path)?;
    let source = checked.workspace.file(file);
    let start = position::to_offset(&source.text, p.range.start) as u32;
    let end = position::to_offset(&source.text, p.range.end) as u32;
    let mut actions = Vec::new();
    for d in checked.diagnostics.iter().filter(|d| d.file == file) {
        if d.span.end < start || d.span.start > end {
            continue;
        }
        let Some(fix) = &d.fix else { continue };
        let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
        for edit in &fix.edits {
            let target = checked.workspace.file(edit.file);
            let uri = if edit.file == file {
                p.text_document.uri.clone()
            } else {
                match super::convert::path_to_uri(&target.path) {
                    Some(uri) => uri,
                    None => continue,
                }
            };
            changes.entry(uri).or_default().push(TextEdit {
                range: range(target, edit.span),
                new_text: edit.replacement.clone(),
            });
        }
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: fix.title.clone(),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diagnostic(checked, d)]),
            edit: Some(WorkspaceEdit {
                changes: Some(changes),
                ..Default::default()
            }),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..Default::default()
        }));
    }
    Some(actions)
}
