//! Symbols: a file's goals with their metrics as an outline (`textDocument/documentSymbol`),
//! and any goal of the workspace found by its id or title (`workspace/symbol`).

use super::convert::{file_id_of, location, range, uri_to_path};
use super::rename::headers;
use super::session::Server;
use crate::base::span::Span;
use crate::workspace::Workspace;
use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, OneOf, SymbolKind,
    WorkspaceSymbol, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

/// More would only slow the client's list down: a query narrows it.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

// `deprecated` is a field of the protocol's struct that every constructor has to name.
#[allow(deprecated)]
pub(super) fn document_symbols(
    server: &Server,
    p: &DocumentSymbolParams,
) -> Option<DocumentSymbolResponse> {
    let checked = server.checked.as_ref()?;
    let ws = &checked.workspace;
    let file = file_id_of(checked, &uri_to_path(&p.text_document.uri)?)?;
    let source = ws.file(file);
    let tables = tables(&source.text);
    let symbol = |name: &str, detail: Option<String>, kind, whole: Span, id: Span, children| {
        DocumentSymbol {
            name: name.to_string(),
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: range(source, whole),
            selection_range: range(source, id),
            children,
        }
    };
    let mut goals = Vec::new();
    for (_, g) in ws.goal_ids().filter(|(_, g)| g.file == file) {
        let metrics = g
            .metrics
            .iter()
            .map(|&m| ws.metric(m))
            .filter(|m| m.file == file)
            .map(|m| {
                let whole = extent(&tables, &["goals", &g.id.value, "metrics", &m.id.value]);
                symbol(
                    &m.id.value,
                    m.title.as_ref().map(|t| t.value.to_string()),
                    SymbolKind::FIELD,
                    cover(whole.unwrap_or(m.id.span), m.id.span),
                    m.id.span,
                    None,
                )
            })
            .collect::<Vec<_>>();
        let whole = extent(&tables, &["goals", &g.id.value]);
        goals.push(symbol(
            &g.id.value,
            g.title.as_ref().map(|t| t.value.to_string()),
            SymbolKind::CLASS,
            cover(whole.unwrap_or(g.id.span), g.id.span),
            g.id.span,
            (!metrics.is_empty()).then_some(metrics),
        ));
    }
    Some(DocumentSymbolResponse::Nested(goals))
}

/// Each table header of a file: where its line starts, where the table ends (before the next
/// header, trailing blank lines and comments left out), and its key path.
fn tables(text: &str) -> Vec<(Span, Vec<String>)> {
    let starts: Vec<(usize, Vec<String>)> = headers(text)
        .into_iter()
        .filter_map(|keys| {
            let first = keys.first()?.0.start as usize;
            let line = text.get(..first)?.rfind('\n').map_or(0, |i| i + 1);
            Some((line, keys.into_iter().map(|(_, k)| k).collect()))
        })
        .collect();
    let mut out = Vec::with_capacity(starts.len());
    for (i, (start, path)) in starts.iter().enumerate() {
        let next = starts.get(i + 1).map_or(text.len(), |(s, _)| *s);
        let body = text.get(*start..next).unwrap_or_default();
        // up to the end of its last line that holds anything but a comment
        let kept = body
            .lines()
            .scan(0, |at, line| {
                let here = *at;
                *at += line.len() + 1;
                Some((here, line))
            })
            .filter(|(_, l)| {
                let t = l.trim();
                !t.is_empty() && !t.starts_with('#')
            })
            .last()
            .map_or(0, |(at, l)| at + l.trim_end().len());
        out.push((Span::new(*start, *start + kept), path.clone()));
    }
    out
}

/// The span from the table at `prefix` to the end of its last sub-table.
fn extent(tables: &[(Span, Vec<String>)], prefix: &[&str]) -> Option<Span> {
    let mut inside = tables
        .iter()
        .filter(|(_, path)| {
            path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
        })
        .map(|(span, _)| *span);
    let first = inside.next()?;
    Some(inside.fold(first, cover))
}

pub(super) fn workspace_symbols(
    server: &Server,
    p: &WorkspaceSymbolParams,
) -> Option<WorkspaceSymbolResponse> {
    let checked = server.checked.as_ref()?;
    let ws = &checked.workspace;
    let found = matching(ws, &p.query)
        .into_iter()
        .filter_map(|g| {
            let goal = ws.goal(g);
            let title = goal.title.as_ref().map(|t| t.value.as_str());
            Some(WorkspaceSymbol {
                // the title in the name, so that clients that filter by name find it by title
                name: match title {
                    Some(t) => format!("{} — {t}", goal.id.value),
                    None => goal.id.value.to_string(),
                },
                kind: SymbolKind::CLASS,
                tags: None,
                container_name: Some(ws.file(goal.file).name.clone()),
                location: OneOf::Left(location(checked, goal.file, goal.id.span)?),
                data: None,
            })
        })
        .collect();
    Some(WorkspaceSymbolResponse::Nested(found))
}

/// The goals whose id or title holds every word of `query` (ignoring case): ids that start
/// with the query first, then ids that hold it, then the rest, each in definition order.
fn matching(ws: &Workspace, query: &str) -> Vec<crate::workspace::GoalId> {
    let query = query.to_lowercase();
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut found: Vec<(u8, crate::workspace::GoalId)> = ws
        .goal_ids()
        .filter_map(|(id, g)| {
            if words.is_empty() {
                return Some((0, id));
            }
            let name = g.id.value.to_lowercase();
            let title = g
                .title
                .as_ref()
                .map_or(String::new(), |t| t.value.to_lowercase());
            let all = words.iter().all(|w| name.contains(w) || title.contains(w));
            let rank = if name.starts_with(query.trim()) {
                0
            } else if name.contains(query.trim()) {
                1
            } else {
                2
            };
            all.then_some((rank, id))
        })
        .collect();
    found.sort_by_key(|&(rank, id)| (rank, ws.place(id)));
    found
        .into_iter()
        .take(MAX_WORKSPACE_SYMBOLS)
        .map(|(_, id)| id)
        .collect()
}

/// The smallest span holding both.
fn cover(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start) as usize, a.end.max(b.end) as usize)
}
