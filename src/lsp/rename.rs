//! Rename: a goal id, a metric id or a person id, everywhere it is written across the
//! workspace — table headers (`[goals.ID]`, `[goals.ID.metrics.M]`, `[people.ID]`), references
//! (`aligns_to`, `supports`, `contributes_to`, a progress file's `metric`), owners, mentors,
//! parties and pact commitments. A new name that is not a valid id, or that is already taken,
//! is an error response and no edit: a rename must never merge two goals.

use super::Failure;
use super::analysis::{self, Symbol};
use super::convert::{path_to_uri, range};
use super::session::Server;
use crate::base::span::Span;
use crate::source::FileId;
use crate::workspace::Workspace;
use lsp_server::{ErrorCode, Request};
use lsp_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};
use std::collections::{BTreeMap, HashMap};

/// What is renamed, by the ids as written.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    Goal(String),
    Metric { goal: String, metric: String },
    Person(String),
}

impl Target {
    fn what(&self) -> &'static str {
        match self {
            Target::Goal(_) => "goal",
            Target::Metric { .. } => "metric",
            Target::Person(_) => "person",
        }
    }

    fn old(&self) -> &str {
        match self {
            Target::Goal(id) | Target::Person(id) => id,
            Target::Metric { metric, .. } => metric,
        }
    }
}

pub(super) fn prepare(server: &Server, req: Request) -> Result<serde_json::Value, Failure> {
    let p: TextDocumentPositionParams = params(req)?;
    let Some((ws, file, target, span)) = target_at(server, &p) else {
        return Ok(serde_json::Value::Null);
    };
    let answer = PrepareRenameResponse::RangeWithPlaceholder {
        range: range(ws.file(file), span),
        placeholder: target.old().to_string(),
    };
    Ok(serde_json::to_value(answer).unwrap_or(serde_json::Value::Null))
}

// `Uri` caches its parts behind interior mutability; the keys here are never changed.
#[allow(clippy::mutable_key_type)]
pub(super) fn rename(server: &Server, req: Request) -> Result<serde_json::Value, Failure> {
    let p: RenameParams = params(req)?;
    let failed = |why: String| Err((ErrorCode::RequestFailed, why));
    let Some((ws, _, target, _)) = target_at(server, &p.text_document_position) else {
        return failed("there is no goal, metric or person id here to rename".into());
    };
    let new = p.new_name.as_str();
    let what = target.what();
    if !valid_id(new) {
        return failed(format!(
            "`{}` is not a valid {what} id: ids are single words of letters, digits and \
             punctuation such as `-` and `_`, with no dot or blank",
            new.escape_debug()
        ));
    }
    if new == target.old() {
        return failed(format!("the {what} is already named `{new}`"));
    }
    if let Some(place) = taken(ws, &target, new) {
        return failed(format!(
            "a {what} `{new}` already exists ({place}): renaming would merge the two"
        ));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for ((file, _), (span, text)) in edits(ws, &target, new) {
        let source = ws.file(file);
        let Some(uri) = path_to_uri(&source.path) else {
            continue;
        };
        changes.entry(uri).or_default().push(TextEdit {
            range: range(source, span),
            new_text: text,
        });
    }
    let edit = WorkspaceEdit {
        changes: Some(changes),
        ..Default::default()
    };
    Ok(serde_json::to_value(edit).unwrap_or(serde_json::Value::Null))
}

fn params<P: serde::de::DeserializeOwned>(req: Request) -> Result<P, Failure> {
    serde_json::from_value(req.params).map_err(|e| (ErrorCode::InvalidParams, e.to_string()))
}

/// Ids a rename may give: letters, digits and ASCII punctuation but the dot that separates a
/// metric key's parts. Stricter than what the loader reads (which refuses dots, blanks and
/// control characters), so that no invisible or look-alike character enters by a rename.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || (c.is_ascii_punctuation() && c != '.'))
}

/// Where an id is already in use, if it is.
fn taken(ws: &Workspace, target: &Target, new: &str) -> Option<String> {
    let at = |file: FileId, span: Span| {
        let source = ws.file(file);
        let line = super::position::to_lsp_indexed(source, span.start as usize).line + 1;
        format!("{}:{line}", source.name)
    };
    match target {
        // A reference to a goal that does not exist yet would resolve to the renamed one.
        Target::Goal(_) => ws
            .goal_by_id(new)
            .map(|g| {
                let g = ws.goal(g);
                at(g.file, g.id.span)
            })
            .or_else(|| {
                key_refs(ws)
                    .into_iter()
                    .find(|(_, _, v)| v.split_once('.').map_or(v.as_str(), |(g, _)| g) == new)
                    .map(|(file, span, _)| format!("named at {}", at(file, span)))
            }),
        Target::Metric { goal, .. } => {
            let g = ws.goal(ws.goal_by_id(goal)?);
            g.metrics
                .iter()
                .map(|&m| ws.metric(m))
                .find(|m| m.id.value.as_str() == new)
                .map(|m| at(m.file, m.id.span))
        }
        Target::Person(_) => {
            if let Some(p) = ws.person_by_id(new) {
                let p = ws.person(p);
                return Some(at(p.file, p.id.span));
            }
            person_refs(ws)
                .into_iter()
                .find(|(_, _, value)| value.as_str() == new)
                .map(|(file, span, _)| at(file, span))
        }
    }
}

/// The id under the cursor: what it names, where (the checked workspace and the file), and the
/// span of the id itself, inside its quotes.
fn target_at<'s>(
    server: &'s Server,
    p: &TextDocumentPositionParams,
) -> Option<(&'s Workspace, FileId, Target, Span)> {
    let (checked, file, offset) = server.locate(p)?;
    let ws = &checked.workspace;
    let o = analysis::at(ws, file, offset)?;
    let text = &ws.file(file).text;
    let inner = unquoted(text, o.span);
    let written = text.get(inner.start as usize..inner.end as usize)?;
    let target = match o.symbol {
        Some(Symbol::Goal(g)) => Target::Goal(ws.goal(g).id.value.to_string()),
        Some(Symbol::Metric(m)) => {
            let m = ws.metric(m);
            let goal = ws.goal(m.goal).id.value.to_string();
            // `goal-id.metric-id` taken whole: the cursor on its goal part renames the goal
            match written.split_once('.') {
                Some((g, _)) if g == goal && offset <= inner.start as usize + g.len() => {
                    let span = Span::new(inner.start as usize, inner.start as usize + g.len());
                    return Some((ws, file, Target::Goal(goal), span));
                }
                _ => Target::Metric {
                    goal,
                    metric: m.id.value.to_string(),
                },
            }
        }
        Some(Symbol::Person(p)) => Target::Person(ws.person(p).id.value.to_string()),
        // A person named without a roster entry is still one person, by its id.
        None => {
            let (_, _, value) = person_refs(ws)
                .into_iter()
                .find(|(f, span, _)| *f == file && *span == o.span)?;
            Target::Person(value)
        }
    };
    let span = id_part(text, inner, &target);
    Some((ws, file, target, span))
}

/// The span inside a token's quotes (the token itself when it has none).
fn unquoted(text: &str, span: Span) -> Span {
    let token = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or_default();
    let quoted = token.len() >= 2
        && ((token.starts_with('"') && token.ends_with('"'))
            || (token.starts_with('\'') && token.ends_with('\'')));
    if quoted {
        Span::new(span.start as usize + 1, span.end as usize - 1)
    } else {
        span
    }
}

/// Within the text of an id or a metric key, the part `target` names.
fn id_part(text: &str, inner: Span, target: &Target) -> Span {
    let written = text
        .get(inner.start as usize..inner.end as usize)
        .unwrap_or_default();
    let start = inner.start as usize;
    match target {
        Target::Goal(g) if written.starts_with(&format!("{g}.")) => {
            Span::new(start, start + g.len())
        }
        Target::Metric { goal, metric } if written == format!("{goal}.{metric}") => {
            Span::new(start + goal.len() + 1, inner.end as usize)
        }
        _ => inner,
    }
}

/// Every person id written as a reference: owners (of plans, goals and metrics), mentors,
/// parties and the keys of pact commitments, with the file and the span of the token.
fn person_refs(ws: &Workspace) -> Vec<(FileId, Span, String)> {
    let mut out = Vec::new();
    for plan in &ws.plans {
        if let Some(owner) = &plan.owner {
            out.push((plan.file, owner.span, owner.value.to_string()));
        }
    }
    for g in &ws.goals {
        let links = g
            .owner
            .iter()
            .chain(g.mentor())
            .chain(g.parties().into_iter().flat_map(|p| p.value.iter()));
        for link in links {
            out.push((g.file, link.id.span, link.id.value.to_string()));
        }
        if let Some(c) = g.commitments() {
            for (who, _) in &c.value {
                out.push((g.file, who.span, who.value.to_string()));
            }
        }
        for &m in &g.metrics {
            let m = ws.metric(m);
            if let Some(owner) = m.owner() {
                out.push((m.file, owner.id.span, owner.id.value.to_string()));
            }
        }
    }
    out
}

/// Every string that names a metric as `goal-id.metric-id` or a goal by its id, resolved or not:
/// `aligns_to`, `supports`, `contributes_to` and progress files' `metric`.
fn key_refs(ws: &Workspace) -> Vec<(FileId, Span, String)> {
    let mut out = Vec::new();
    for g in &ws.goals {
        for p in &g.parents {
            out.push((g.file, p.id.span, p.id.value.to_string()));
        }
        for link in g.supports() {
            out.push((g.file, link.id.span, link.id.value.to_string()));
        }
        for &m in &g.metrics {
            let m = ws.metric(m);
            if let Some(link) = m.contributes_to() {
                out.push((m.file, link.id.span, link.id.value.to_string()));
            }
        }
    }
    for (file, link) in &ws.checkin_refs {
        out.push((*file, link.id.span, link.id.value.to_string()));
    }
    out
}

type Edits = BTreeMap<(FileId, u32), (Span, String)>;

/// The edits of a rename, one per token, by file and offset.
fn edits(ws: &Workspace, target: &Target, new: &str) -> Edits {
    let mut out = Edits::new();
    let add = |out: &mut Edits, file: FileId, span: Span, value: String| {
        let text = &ws.file(file).text;
        let overlaps = out
            .range((file, 0)..(file, u32::MAX))
            .any(|(_, (s, _))| s.start < span.end && span.start < s.end);
        if !overlaps {
            out.insert((file, span.start), (span, token(text, span, &value)));
        }
    };
    // Headers first: a definition's own span is one of their keys.
    let (prefix, at): (Vec<&str>, usize) = match target {
        Target::Goal(g) => (vec!["goals", g], 1),
        Target::Metric { goal, metric } => (vec!["goals", goal, "metrics", metric], 3),
        Target::Person(p) => (vec!["people", p], 1),
    };
    for (i, source) in ws.files.iter().enumerate() {
        let file = FileId(i as u32);
        // a substring search skips the files (nearly all) that cannot hold such a header
        if !source.text.contains(target.old()) {
            continue;
        }
        for keys in headers(&source.text) {
            let matches =
                keys.len() >= prefix.len() && keys.iter().zip(&prefix).all(|((_, k), p)| k == p);
            if let (true, Some((span, _))) = (matches, keys.get(at)) {
                add(&mut out, file, *span, new.to_string());
            }
        }
    }
    match target {
        Target::Goal(old) => {
            for (_, g) in ws.goal_ids().filter(|(_, g)| g.id.value.as_str() == old) {
                add(&mut out, g.file, g.id.span, new.to_string());
            }
            for (file, span, value) in key_refs(ws) {
                let rest = match value.split_once('.') {
                    Some((g, m)) if g == old => format!(".{m}"),
                    None if value == *old => String::new(),
                    _ => continue,
                };
                add(&mut out, file, span, format!("{new}{rest}"));
            }
        }
        Target::Metric { goal, metric } => {
            let key = format!("{goal}.{metric}");
            for m in ws.metrics.iter().filter(|m| ws.key(m).to_string() == key) {
                add(&mut out, m.file, m.id.span, new.to_string());
            }
            for (file, span, value) in key_refs(ws) {
                if value == key {
                    add(&mut out, file, span, format!("{goal}.{new}"));
                }
            }
        }
        Target::Person(old) => {
            for p in ws.people.iter().filter(|p| p.id.value.as_str() == old) {
                add(&mut out, p.file, p.id.span, new.to_string());
            }
            for (file, span, value) in person_refs(ws) {
                if value == *old {
                    add(&mut out, file, span, new.to_string());
                }
            }
        }
    }
    out
}

/// The text that replaces the token at `span` so that it reads `value`: in the token's own
/// quotes where they can hold it, bare where it was bare and can stay so, else a basic string.
fn token(text: &str, span: Span, value: &str) -> String {
    let written = text
        .get(span.start as usize..span.end as usize)
        .unwrap_or_default();
    let before = text
        .get(..span.start as usize)
        .and_then(|t| t.chars().next_back());
    let after = text.get(span.end as usize..).and_then(|t| t.chars().next());
    let basic = |v: &str| v.replace('\\', "\\\\").replace('"', "\\\"");
    let bare = |v: &str| {
        v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    if written.len() >= 2 && written.starts_with('"') && written.ends_with('"') {
        format!("\"{}\"", basic(value))
    } else if written.len() >= 2 && written.starts_with('\'') && written.ends_with('\'') {
        if value.contains('\'') {
            format!("\"{}\"", basic(value))
        } else {
            format!("'{value}'")
        }
    } else if before == Some('"') && after == Some('"') {
        basic(value)
    } else if (before == Some('\'') && after == Some('\'') && !value.contains('\'')) || bare(value)
    {
        value.to_string()
    } else {
        format!("\"{}\"", basic(value))
    }
}

/// The keys of every table header (`[a.b]`, `[[a.b]]`) in `text`: each key's token span and
/// its value. A header this reader cannot follow (an escape in a quoted key) is skipped.
pub(super) fn headers(text: &str) -> Vec<Vec<(Span, String)>> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        let trimmed = line.trim_start();
        if !trimmed.starts_with('[') {
            continue;
        }
        let mut at = start + (line.len() - trimmed.len());
        let bytes = text.as_bytes();
        // `[` or `[[`
        while bytes.get(at) == Some(&b'[') {
            at += 1;
        }
        if let Some(keys) = header_keys(text, at) {
            out.push(keys);
        }
    }
    out
}

fn header_keys(text: &str, mut at: usize) -> Option<Vec<(Span, String)>> {
    let bytes = text.as_bytes();
    let skip_blank = |at: &mut usize| {
        while matches!(bytes.get(*at), Some(b' ' | b'\t')) {
            *at += 1;
        }
    };
    let mut keys = Vec::new();
    loop {
        skip_blank(&mut at);
        let start = at;
        let value = match bytes.get(at)? {
            q @ (b'"' | b'\'') => {
                let close = text.get(at + 1..)?.find(*q as char)? + at + 1;
                let inner = text.get(at + 1..close)?;
                if inner.contains('\\') || inner.contains('\n') {
                    return None;
                }
                at = close + 1;
                inner.to_string()
            }
            _ => {
                while bytes
                    .get(at)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                {
                    at += 1;
                }
                if at == start {
                    return None;
                }
                text.get(start..at)?.to_string()
            }
        };
        keys.push((Span::new(start, at), value));
        skip_blank(&mut at);
        match bytes.get(at)? {
            b'.' => at += 1,
            b']' => return Some(keys),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_give_each_key_and_its_span() {
        let text = "[plan]\n[goals.a-b]\n  [[goals.\"a-b\".metrics.m ]]\nx = 1\n[bad\n";
        let got = headers(text);
        let names: Vec<Vec<&str>> = got
            .iter()
            .map(|k| k.iter().map(|(_, v)| v.as_str()).collect())
            .collect();
        assert_eq!(
            names,
            vec![
                vec!["plan"],
                vec!["goals", "a-b"],
                vec!["goals", "a-b", "metrics", "m"]
            ]
        );
        let (span, _) = &got[2][1];
        assert_eq!(&text[span.start as usize..span.end as usize], "\"a-b\"");
    }

    #[test]
    fn a_token_keeps_its_quotes_where_they_can_hold_the_new_id() {
        let text = "[goals.a]\nx = \"a\"\ny = 'a'\n";
        let at = |needle: &str| {
            let i = text.find(needle).unwrap();
            Span::new(i, i + needle.len())
        };
        assert_eq!(token(text, Span::new(7, 8), "b-c"), "b-c");
        assert_eq!(token(text, Span::new(7, 8), "Ωmega"), "\"Ωmega\"");
        assert_eq!(token(text, at("\"a\""), "it's"), "\"it's\"");
        assert_eq!(token(text, at("'a'"), "b"), "'b'");
        assert_eq!(token(text, at("'a'"), "it's"), "\"it's\"");
        assert!(valid_id("erp-ready_2") && valid_id("Ωmega"));
        for bad in ["", "a.b", "a b", "a\u{200b}b", "a\tb"] {
            assert!(!valid_id(bad), "{bad:?}");
        }
    }
}
