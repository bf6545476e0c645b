//! Hover texts and completions, read off the checked workspace and the schema's field tables.

use super::analysis::Symbol;
use super::session::Server;
use crate::base::span::Span;
use crate::check::Checked;
use crate::model::schema::{self, Field};
use crate::model::{Cadence, Direction, Framework, MetricKind, OkrType, ReportedStatus};
use crate::progress;
use crate::report::{self, status_label};
use crate::source::{FileId, FileKind};
use crate::workspace::GoalId;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};

/// User text in hover Markdown: no link, image, HTML or control character can form.
fn md(text: &str) -> String {
    report::escape_markdown(text)
}

/// A user string as a code span, or as escaped text when a backtick would end the span early.
fn code(text: &str) -> String {
    let clean = crate::base::sanitize::terminal_line(text);
    if clean.contains('`') {
        md(text)
    } else {
        format!("`{clean}`")
    }
}

/// Markdown describing a goal, a metric or a person.
pub(super) fn describe(checked: &Checked, symbol: Symbol) -> String {
    let ws = &checked.workspace;
    match symbol {
        Symbol::Goal(id) => {
            let g = ws.goal(id);
            let e = checked.evaluation.goal(id);
            let pct = |p: Option<f64>| report::percent(p);
            let forecast = progress::goal_forecast(ws, g);
            let level = ws.levels().get(g.level.value).map_or("", String::as_str);
            let mut out = format!(
                "**{}** {}\n\n{} goal · {} · owner {}\n\n**{}**: progress {} against {} expected",
                md(g.title.as_ref().map_or("(untitled)", |t| t.value.as_str())),
                code(&g.id.value),
                md(level),
                g.framework.value.as_str(),
                code(g.owner.as_ref().map_or("?", |o| o.id.value.as_str())),
                status_label(e.status),
                pct(e.own.map(|p| p.clamped)),
                pct(e.expected),
            );
            if let Some(c) = e.cascade {
                out.push_str(&format!(", cascade {}", pct(Some(c.clamped))));
            }
            if let (Some(f), Some(due)) = (forecast, &g.due) {
                out.push_str(&format!("; forecast {} at {}", pct(Some(f)), due.value));
            }
            if let Some(score) = g.score() {
                out.push_str(&format!("; score {}", report::number(score.value)));
            }
            let supports: Vec<String> = g.supports().iter().map(|l| code(&l.id.value)).collect();
            if !supports.is_empty() {
                out.push_str(&format!("\n\nsupports {}", supports.join(", ")));
            }
            out
        }
        Symbol::Metric(id) => {
            let m = ws.metric(id);
            let g = ws.goal(m.goal);
            let unit = md(m.unit.as_ref().map_or("", |u| u.value.as_str()));
            let num = |v: Option<f64>| v.map_or("?".to_string(), report::number);
            let now = num(progress::current_value(m, ws.as_of));
            let what = match m.kind {
                MetricKind::Number => format!(
                    "{} → {} {unit}, now {now}",
                    num(m.baseline.as_ref().map(|b| b.value)),
                    num(m.target.as_ref().map(|t| t.value)),
                ),
                MetricKind::Deliverable => match m.done() {
                    Some(d) if d.value <= ws.as_of => format!("delivered {}", d.value),
                    _ => format!("{now} % complete"),
                },
                MetricKind::Range => {
                    let bound =
                        |b: Option<&crate::base::span::Sp<f64>>| b.map(|b| report::number(b.value));
                    let hold = match (bound(m.min()), bound(m.max())) {
                        (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
                        (Some(lo), None) => format!("at least {lo}"),
                        (None, Some(hi)) => format!("at most {hi}"),
                        (None, None) => "?".to_string(),
                    };
                    format!("hold {hold} {unit}, now {now}")
                }
            };
            let mut out = format!(
                "**{}** {}\n\n{} · owner {} · due {}\n\n**{}**: {what} (progress {})",
                md(&m
                    .title
                    .as_ref()
                    .map_or(ws.key(m).to_string(), |t| t.value.to_string())),
                code(&ws.key(m).to_string()),
                m.kind.as_str(),
                code(
                    m.owner()
                        .or(g.owner.as_ref())
                        .map_or("?", |o| o.id.value.as_str())
                ),
                m.due(g).map_or("?".to_string(), |d| d.value.to_string()),
                status_label(progress::metric_status(g, m, ws.as_of)),
                report::percent(progress::metric_progress(m, ws.as_of).map(|p| p.clamped)),
            );
            let until = progress::checkins_until(m, ws.as_of);
            if let Some(s) = until.iter().rev().find_map(|c| c.status()) {
                out.push_str(&format!("; reported `{}`", s.value.as_str()));
            }
            if let Some(s) = until.iter().rev().find_map(|c| c.score()) {
                out.push_str(&format!("; score {}", report::number(s.value)));
            }
            out
        }
        Symbol::Person(id) => {
            let p = ws.person(id);
            let owned = ws
                .goals
                .iter()
                .filter(|g| g.owner.as_ref().is_some_and(|o| o.target == Some(id)))
                .count();
            let load = report::person_load(checked, p.id.value.as_str());
            let mut out = format!(
                "**{}** {}{}

owns {owned} goal{}",
                md(p.name
                    .as_ref()
                    .map_or(p.id.value.as_str(), |n| n.value.as_str())),
                code(&p.id.value),
                p.team
                    .as_ref()
                    .map_or(String::new(), |t| format!(" · {}", md(&t.value))),
                if owned == 1 { "" } else { "s" },
            );
            // the same load the report's People table shows
            out.push_str(&format!(
                ", party to {} pact{}, owns {} key result{}",
                load.pacts,
                if load.pacts == 1 { "" } else { "s" },
                load.metrics,
                if load.metrics == 1 { "" } else { "s" },
            ));
            if let (Some(week), Some(hours)) = (load.busiest_week, load.effort) {
                out.push_str(&format!(
                    "\n\nbusiest week from {week}: {} h/week",
                    report::number(hours)
                ));
            }
            if let Some(c) = load.capacity {
                out.push_str(&format!(" of a capacity of {} h/week", report::number(c)));
                if load.over {
                    out.push_str(" (over capacity)");
                }
            }
            out
        }
    }
}

const UNITS: &[&str] = &[
    "%", "count", "days", "hours", "people", "score", "points", "EUR",
];

pub(super) fn completion(server: &Server, p: &CompletionParams) -> Option<CompletionResponse> {
    let (checked, file, offset) = server.locate(&p.text_document_position)?;
    let items = complete(checked, file, offset);
    Some(CompletionResponse::Array(items))
}

/// Characters of an id or a field name as it is being typed: word characters, `-`, `_` and the
/// `.` of a metric key.
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// The bytes of the word around `offset`: the text an item replaces. Without it a client
/// replaces only what it thinks a word is (after the last `-` in many), and `erp-r` completed
/// to `erp-ready` becomes `erp-erp-ready`.
fn word_at(text: &str, offset: usize) -> Span {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let after = text.get(offset..).unwrap_or_default();
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| in_word(c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + after
            .char_indices()
            .find(|&(_, c)| !in_word(c))
            .map_or(after.len(), |(i, _)| i);
    Span::new(start, end)
}

/// Completions at byte `offset` of `file`: values for the key being written, or field names.
/// Each item replaces the whole word being typed.
pub(super) fn complete(checked: &Checked, file: FileId, offset: usize) -> Vec<CompletionItem> {
    let source = checked.workspace.file(file);
    let range = super::convert::range(source, word_at(&source.text, offset));
    let mut items = candidates(checked, file, offset);
    for item in &mut items {
        let new_text = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range, new_text }));
    }
    items
}

fn candidates(checked: &Checked, file: FileId, offset: usize) -> Vec<CompletionItem> {
    let ws = &checked.workspace;
    let source = ws.file(file);
    let text = &source.text;
    let before = text.get(..offset).unwrap_or_default();
    let line = before.rsplit('\n').next().unwrap_or_default();
    // The last `=`: in an inline table (`checkins = [{ date = …, status = "`) the key being
    // written is the one before the cursor.
    let Some((key, value)) = line.rsplit_once('=') else {
        let fields = table_fields(before, source.kind);
        return fields
            .iter()
            .map(|f| CompletionItem {
                label: f.name.to_string(),
                kind: Some(CompletionItemKind::FIELD),
                detail: Some(if f.required { "required" } else { "optional" }.into()),
                documentation: Some(Documentation::MarkupContent(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: f.doc.to_string(),
                })),
                ..Default::default()
            })
            .collect();
    };
    let key = key.trim().trim_start_matches('{').trim();
    let key = key.rsplit([',', '{']).next().unwrap_or(key).trim();
    // inside an open string the client has typed the quote; otherwise insert one
    let quoted = value.matches('"').count() % 2 == 1;
    let item = |label: &str, detail: Option<String>, kind| CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail,
        insert_text: Some(if quoted {
            label.to_string()
        } else {
            format!("\"{label}\"")
        }),
        ..Default::default()
    };
    let words = |names: &[&str]| -> Vec<CompletionItem> {
        names
            .iter()
            .map(|n| item(n, None, CompletionItemKind::ENUM_MEMBER))
            .collect()
    };
    match key {
        // A goal above the one being written, or one of its key results (`goal-id.metric-id`):
        // never the goal itself, one on its level or below, or one it already names.
        "aligns_to" => {
            let here = goal_here(checked, file, before);
            let listed = listed(value);
            ws.goal_ids()
                .filter(|&(id, g)| {
                    here.is_none_or(|(own, level)| Some(id) != own && g.level.value < level)
                })
                .flat_map(|(_, g)| {
                    let title = g.title.as_ref().map(|t| t.value.to_string());
                    let goal = item(&g.id.value, title, CompletionItemKind::REFERENCE);
                    let metrics = g.metrics.iter().map(|&m| {
                        let m = ws.metric(m);
                        let title = m.title.as_ref().map(|t| t.value.to_string());
                        item(&ws.key(m).to_string(), title, CompletionItemKind::REFERENCE)
                    });
                    std::iter::once(goal).chain(metrics)
                })
                .filter(|i| !listed.contains(&i.label.as_str()))
                .collect()
        }
        "supports" => {
            let own = goal_here(checked, file, before).and_then(|(own, _)| own);
            let listed = listed(value);
            ws.goal_ids()
                .filter(|&(id, g)| Some(id) != own && !listed.contains(&g.id.value.as_str()))
                .map(|(_, g)| {
                    let title = g.title.as_ref().map(|t| t.value.to_string());
                    item(&g.id.value, title, CompletionItemKind::REFERENCE)
                })
                .collect()
        }
        "owner" | "mentor" | "parties" => {
            let mut ids: Vec<(&str, Option<String>)> = ws
                .people
                .iter()
                .map(|p| {
                    (
                        p.id.value.as_str(),
                        p.name.as_ref().map(|n| n.value.to_string()),
                    )
                })
                .collect();
            // Owners named without a roster entry, once each (a set: workspaces have
            // thousands of goals).
            let mut seen: rustc_hash::FxHashSet<&str> = ids.iter().map(|(id, _)| *id).collect();
            for g in &ws.goals {
                if let Some(o) = &g.owner
                    && seen.insert(o.id.value.as_str())
                {
                    ids.push((o.id.value.as_str(), None));
                }
            }
            ids.iter()
                .map(|(id, name)| item(id, name.clone(), CompletionItemKind::REFERENCE))
                .collect()
        }
        "contributes_to" | "metric" => ws
            .metrics
            .iter()
            .map(|m| {
                let title = m.title.as_ref().map(|t| t.value.to_string());
                item(&ws.key(m).to_string(), title, CompletionItemKind::REFERENCE)
            })
            .collect(),
        "framework" => words(Framework::NAMES),
        "review" | "feedback" => words(Cadence::NAMES),
        "type" => words(OkrType::NAMES),
        "kind" => words(MetricKind::NAMES),
        "direction" => words(Direction::NAMES),
        "status" => words(ReportedStatus::NAMES),
        "unit" => words(UNITS),
        "level" => {
            let levels: Vec<&str> = ws.levels().iter().map(String::as_str).collect();
            words(&levels)
        }
        "allow" => {
            let rules: Vec<&str> = crate::rules::RULES
                .iter()
                .filter(|r| !r.structural())
                .map(|r| r.name())
                .collect();
            words(&rules)
        }
        _ => Vec::new(),
    }
}

/// The goal whose table the cursor is in, if the workspace knows it, and its level (an index,
/// 0 at the top): as resolved, else as its table writes it, else the bottom level, which is
/// where a goal without `level` sits.
fn goal_here(checked: &Checked, file: FileId, before: &str) -> Option<(Option<GoalId>, usize)> {
    let ws = &checked.workspace;
    let (header, table) = last_header(before)?;
    let ["goals", id] = header.as_slice() else {
        return None;
    };
    let own = ws.goal_by_id(id).filter(|&g| ws.goal(g).file == file);
    if let Some(g) = own {
        return Some((own, ws.goal(g).level.value));
    }
    let after = &ws.file(file).text.get(before.len()..).unwrap_or_default();
    let rest = after.split("\n[").next().unwrap_or_default();
    let written = table.lines().chain(rest.lines()).find_map(|l| {
        let (k, v) = l.split_once('=')?;
        (k.trim() == "level").then(|| v.trim().trim_matches(['"', '\'']).to_string())
    });
    let level = written
        .and_then(|w| ws.levels().iter().position(|l| *l == w))
        .unwrap_or_else(|| ws.bottom_level());
    Some((None, level))
}

/// The ids a value already names before the cursor (the quoted strings closed on the line).
fn listed(value: &str) -> Vec<&str> {
    let parts: Vec<&str> = value.split('"').collect();
    // odd parts are inside quotes; one with a part after it was closed
    parts
        .iter()
        .enumerate()
        .skip(1)
        .step_by(2)
        .filter(|&(i, _)| i + 1 < parts.len())
        .map(|(_, id)| *id)
        .collect()
}

/// The key path of the last table header before the cursor, and the text after it.
fn last_header(before: &str) -> Option<(Vec<&str>, &str)> {
    let mut at = before.len();
    loop {
        let start = before.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
        let line = before.get(start..at)?;
        if line.trim_start().starts_with('[') {
            let trimmed = line.trim();
            let path = trimmed
                .trim_matches(|c| c == '[' || c == ']')
                .split('.')
                .map(|k| k.trim().trim_matches('"'))
                .collect();
            return Some((path, before.get(at..).unwrap_or_default()));
        }
        if start == 0 {
            return None;
        }
        at = start - 1;
    }
}

/// The fields of the table the text before the cursor is in, from its last header.
fn table_fields(before: &str, kind: FileKind) -> &'static [Field] {
    let header = before
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['));
    let Some(header) = header else {
        return match kind {
            FileKind::Plan => schema::PLAN_FILE,
            FileKind::Progress => schema::PROGRESS_FILE,
        };
    };
    if header.starts_with("[[checkin") {
        return schema::PROGRESS_CHECKIN;
    }
    let path: Vec<&str> = header
        .trim_matches(|c| c == '[' || c == ']')
        .split('.')
        .map(|k| k.trim().trim_matches('"'))
        .collect();
    match path.as_slice() {
        ["plan"] => schema::PLAN,
        ["people", _] => schema::PERSON,
        ["goals", _] => schema::GOAL,
        ["goals", _, "metrics", _] => schema::METRIC,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_being_typed_spans_kebab_ids_and_metric_keys() {
        let text = "aligns_to = \"erp-r\"\nx = [\"Ωmé_ga.k-r\", ";
        let at = text.find("erp-r").unwrap();
        // at its end, in its middle, and at its start
        for cursor in [at + 5, at + 2, at] {
            assert_eq!(word_at(text, cursor), Span::new(at, at + 5));
        }
        let greek = text.find('Ω').unwrap();
        let end = greek + "Ωmé_ga.k-r".len();
        assert_eq!(word_at(text, end), Span::new(greek, end));
        // nothing typed yet, past the end, and inside a character
        assert_eq!(word_at(text, text.len()), Span::new(text.len(), text.len()));
        assert_eq!(word_at(text, 9999), Span::new(text.len(), text.len()));
        let inside = word_at(text, greek + 1);
        assert!(text.is_char_boundary(inside.start as usize));
    }

    #[test]
    fn only_closed_strings_are_listed() {
        assert_eq!(listed(r#" ["a", "b", "erp-r"#), vec!["a", "b"]);
        assert_eq!(listed(r#" ""#), Vec::<&str>::new());
        assert_eq!(listed(r#" "a""#), vec!["a"]);
    }
}
