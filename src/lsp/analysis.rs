//! What the identifier under the cursor means, and which folders the server does not walk (the
//! check itself is [`crate::check::incremental`], run by `schedule`).

use crate::base::span::Span;
use crate::load::discover;
use crate::source::FileId;
use crate::workspace::{GoalId, MetricId, PersonId, Workspace};
use std::path::{Path, PathBuf};

/// A folder no one keeps one workspace in: the file system's root, the home folder or the
/// shared temporary folder. Without a goalc.toml there the server checks the open documents only,
/// rather than walk the disk.
pub(super) fn walks_too_much(root: &Path) -> bool {
    if discover::find_config(root).is_some() {
        return false;
    }
    let same = |other: Option<PathBuf>| {
        other.is_some_and(|o| {
            o == root || std::fs::canonicalize(&o).ok() == std::fs::canonicalize(root).ok()
        })
    };
    root.parent().is_none()
        || same(std::env::var_os("HOME").map(PathBuf::from))
        || same(Some(std::env::temp_dir()))
        || same(Some(PathBuf::from("/tmp")))
}

/// What an identifier in a file stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Symbol {
    Goal(GoalId),
    Metric(MetricId),
    Person(PersonId),
}

/// An identifier written in a file: where, and what it names (if it resolves).
pub(super) struct Occurrence {
    pub file: FileId,
    pub span: Span,
    pub symbol: Option<Symbol>,
    /// A definition (the goal's header, the metric's key, the roster entry), not a reference.
    pub definition: bool,
}

/// Every goal, metric and person id written in the workspace, definitions and references.
pub(super) fn occurrences(ws: &Workspace) -> Vec<Occurrence> {
    let mut out = Vec::new();
    let mut add = |file, span, symbol, definition| {
        out.push(Occurrence {
            file,
            span,
            symbol,
            definition,
        });
    };
    for (id, g) in ws.goal_ids() {
        add(g.file, g.id.span, Some(Symbol::Goal(id)), true);
        for p in &g.parents {
            match (p.via, key_parts(ws, g.file, p)) {
                // `goal-id.metric-id`: each part names its own symbol
                (Some(m), Some((goal, metric))) => {
                    add(g.file, goal, p.target.map(Symbol::Goal), false);
                    add(g.file, metric, Some(Symbol::Metric(m)), false);
                }
                _ => add(g.file, p.id.span, p.target.map(Symbol::Goal), false),
            }
        }
        for link in g.supports() {
            add(g.file, link.id.span, link.target.map(Symbol::Goal), false);
        }
        let people = g
            .owner
            .iter()
            .chain(g.mentor())
            .chain(g.parties().into_iter().flat_map(|p| p.value.iter()));
        for link in people {
            add(g.file, link.id.span, link.target.map(Symbol::Person), false);
        }
        for &m in &g.metrics {
            let metric = ws.metric(m);
            add(metric.file, metric.id.span, Some(Symbol::Metric(m)), true);
            if let Some(owner) = metric.owner() {
                add(
                    metric.file,
                    owner.id.span,
                    owner.target.map(Symbol::Person),
                    false,
                );
            }
            if let Some(link) = metric.contributes_to() {
                add(
                    metric.file,
                    link.id.span,
                    link.target.map(Symbol::Metric),
                    false,
                );
            }
        }
    }
    for plan in &ws.plans {
        if let Some(owner) = &plan.owner {
            add(
                plan.file,
                owner.span,
                plan.owner_ref.map(Symbol::Person),
                false,
            );
        }
    }
    for (i, p) in ws.people.iter().enumerate() {
        add(
            p.file,
            p.id.span,
            Some(Symbol::Person(PersonId(i as u32))),
            true,
        );
    }
    for (file, link) in &ws.checkin_refs {
        add(*file, link.id.span, link.target.map(Symbol::Metric), false);
    }
    out
}

/// The spans of the goal and the metric part of an `aligns_to = "goal-id.metric-id"` written
/// as a plain string (one with escapes is taken whole, as naming the goal).
fn key_parts(ws: &Workspace, file: FileId, p: &crate::workspace::Parent) -> Option<(Span, Span)> {
    let span = p.id.span;
    let written = ws
        .file(file)
        .text
        .get(span.start as usize..span.end as usize)?;
    let quoted = |q: char| written.strip_prefix(q)?.strip_suffix(q);
    let inner = quoted('"').or_else(|| quoted('\''))?;
    if inner != p.id.value.as_str() {
        return None;
    }
    let (goal, _) = inner.split_once('.')?;
    let goal_start = span.start as usize + 1;
    let goal_end = goal_start + goal.len();
    Some((
        Span::new(goal_start, goal_end),
        Span::new(goal_end + 1, span.end as usize - 1),
    ))
}

/// The occurrence under byte `offset` of `file`.
pub(super) fn at(ws: &Workspace, file: FileId, offset: usize) -> Option<Occurrence> {
    let offset = offset as u32;
    occurrences(ws)
        .into_iter()
        .filter(|o| o.file == file && o.span.start <= offset && offset <= o.span.end)
        .min_by_key(|o| o.span.end - o.span.start)
}

/// Where a symbol is defined.
pub(super) fn definition(ws: &Workspace, symbol: Symbol) -> (FileId, Span) {
    match symbol {
        Symbol::Goal(g) => (ws.goal(g).file, ws.goal(g).id.span),
        Symbol::Metric(m) => (ws.metric(m).file, ws.metric(m).id.span),
        Symbol::Person(p) => (ws.person(p).file, ws.person(p).id.span),
    }
}

/// The file of the workspace at `path`.
pub(super) fn file_id(ws: &Workspace, path: &Path) -> Option<FileId> {
    ws.files
        .iter()
        .position(|f| f.path == path)
        .map(|i| FileId(i as u32))
}
