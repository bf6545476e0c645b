//! Quick fixes: a diagnostic that suggests a name ("did you mean `x`?") offers to put that name
//! in place of what was written.

use super::convert::{file_id_of, range, uri_to_path};
use super::diagnostics::lsp_diagnostic;
use super::position;
use super::session::Server;
use crate::diagnostic::Diagnostic;
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};
use std::collections::HashMap;

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
        let Some(suggestion) = suggestion(d) else {
            continue;
        };
        let written = source.slice(d.span);
        // keep the quotes the reference was written in
        let new_text = match written.chars().next() {
            Some(q @ ('"' | '\'')) => format!("{q}{suggestion}{q}"),
            _ => suggestion.to_string(),
        };
        let uri = p.text_document.uri.clone();
        let edit = TextEdit {
            range: range(source, d.span),
            new_text,
        };
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Replace with `{suggestion}`"),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![lsp_diagnostic(checked, d)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri, vec![edit])])),
                ..Default::default()
            }),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    Some(actions)
}

/// The name a diagnostic suggests in place of its span, if any. The one place that knows where
/// a suggestion is kept: diagnostics carry it only inside their help text for now, so it is read
/// back out of the prose, and structured fix data can replace this body alone.
fn suggestion(d: &Diagnostic) -> Option<&str> {
    d.help.as_deref().and_then(did_you_mean)
}

/// The suggestion of a help text that reads "did you mean `x`?".
fn did_you_mean(help: &str) -> Option<&str> {
    let rest = help.split("did you mean `").nth(1)?;
    rest.split('`').next().filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_come_from_the_help() {
        assert_eq!(
            did_you_mean("did you mean `erp-fluency`?"),
            Some("erp-fluency")
        );
        assert_eq!(did_you_mean("add a metric"), None);
    }
}
