//! Inlay hints: after each goal's header, its status and its progress against what is expected
//! by now, as the hover and the report compute them. Off with the initialization option
//! `{"inlayHints": false}`.

use super::convert::{file_id_of, uri_to_path};
use super::position;
use super::session::Server;
use crate::report;
use lsp_types::{InlayHint, InlayHintLabel, InlayHintParams};

/// Whether the client's initialization options leave inlay hints on (the default).
pub(super) fn enabled(options: Option<&serde_json::Value>) -> bool {
    options
        .and_then(|o| o.get("inlayHints"))
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(true)
}

pub(super) fn inlay_hints(server: &Server, p: &InlayHintParams) -> Option<Vec<InlayHint>> {
    if !server.inlay_hints {
        return Some(Vec::new());
    }
    let checked = server.checked.as_ref()?;
    let ws = &checked.workspace;
    let file = file_id_of(checked, &uri_to_path(&p.text_document.uri)?)?;
    let source = ws.file(file);
    let text = &source.text;
    let from = position::to_offset(text, p.range.start);
    let to = position::to_offset(text, p.range.end);
    let mut hints = Vec::new();
    for (id, g) in ws.goal_ids().filter(|(_, g)| g.file == file) {
        let at = g.id.span.end as usize;
        if at < from || at > to {
            continue;
        }
        // the end of the header's line (before a comment would be nicer, but a `#` may sit in
        // a quoted key): the hint reads as the line's tail
        let line_end = text
            .get(at..)
            .and_then(|rest| rest.find('\n'))
            .map_or(text.len(), |i| at + i);
        let line_end = at + text.get(at..line_end).unwrap_or_default().trim_end().len();
        let e = checked.evaluation.goal(id);
        let progress = e.own.or(e.cascade).map(|p| p.clamped);
        let mut label = report::status_label(e.status).to_string();
        if progress.is_some() || e.expected.is_some() {
            label.push_str(&format!(
                " · {} done, {} expected",
                report::percent(progress),
                report::percent(e.expected)
            ));
        }
        hints.push(InlayHint {
            position: position::to_lsp_indexed(source, line_end),
            label: InlayHintLabel::String(label),
            kind: None,
            text_edits: None,
            tooltip: None,
            padding_left: Some(true),
            padding_right: None,
            data: None,
        });
    }
    Some(hints)
}
