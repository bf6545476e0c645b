//! `goalc diff`'s three outputs: text for a terminal, JSON for scripts (and the report's
//! `changes`), Markdown for a pull-request comment. The order is the comparison's, by goal id.

use super::{ChangeKind, Comparison, FieldChange, GoalChange};
use serde::Serialize;

#[derive(Serialize)]
pub struct Summary {
    added: usize,
    removed: usize,
    renamed: usize,
    changed: usize,
}

#[derive(Serialize)]
struct Json<'a> {
    since: &'a str,
    commit: &'a str,
    summary: Summary,
    goals: &'a [GoalChange],
    not_compared: &'a [super::NotCompared],
}

pub fn summary(c: &Comparison) -> Summary {
    Summary {
        added: c.count(ChangeKind::Added),
        removed: c.count(ChangeKind::Removed),
        renamed: c.count(ChangeKind::Renamed),
        changed: c.count(ChangeKind::Changed),
    }
}

fn headline(c: &Comparison) -> String {
    let s = summary(c);
    if c.goals.is_empty() {
        return "no goal changed".into();
    }
    format!(
        "{} added, {} removed, {} renamed, {} changed",
        s.added, s.removed, s.renamed, s.changed
    )
}

pub fn json(c: &Comparison) -> String {
    let doc = Json {
        since: &c.since,
        commit: &c.commit,
        summary: summary(c),
        goals: &c.goals,
        not_compared: &c.not_compared,
    };
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

/// Where a change was made: `abc1234, 2026-05-02, Ann`, or that it is not committed.
pub fn origin(f: &FieldChange) -> Option<String> {
    match (&f.commit, f.uncommitted) {
        (Some(c), _) => Some(format!("{}, {}, {}", c.short, c.date, c.author)),
        (None, true) => Some("not committed yet".into()),
        (None, false) => None,
    }
}

fn sign(kind: ChangeKind) -> char {
    match kind {
        ChangeKind::Added => '+',
        ChangeKind::Removed => '-',
        ChangeKind::Renamed => '>',
        ChangeKind::Changed => '~',
    }
}

pub fn text(c: &Comparison) -> String {
    let mut out = format!(
        "Changes since {} ({}): {}\n",
        c.since,
        c.short(),
        headline(c)
    );
    for g in &c.goals {
        out.push('\n');
        out.push_str(&format!("{} {}", sign(g.change), g.id));
        if let Some(old) = &g.old_id {
            out.push_str(&format!(" (was {old})"));
        }
        if let Some(t) = &g.title {
            out.push_str(&format!(" {t:?}"));
        }
        out.push_str(&format!(" [{}] {}\n", g.change.as_str(), g.file));
        for f in &g.changes {
            out.push_str(&format!("    {}: {} -> {}", f.name(), f.old, f.new));
            if let Some(o) = origin(f) {
                out.push_str(&format!("  ({o})"));
            }
            out.push('\n');
        }
    }
    if let Some(note) = c.note() {
        out.push_str(&format!("\nnote: {note}\n"));
    }
    out
}

/// Markdown inline text: the characters that would start markup or break a table cell.
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

pub fn markdown(c: &Comparison) -> String {
    let mut out = format!(
        "### Changes since `{}` ({})\n\n{}.\n",
        c.since.replace('`', "'"),
        c.short(),
        headline(c)
    );
    if !c.goals.is_empty() {
        out.push_str("\n| Goal | Change | Field | Before | After | Changed in |\n|---|---|---|---|---|---|\n");
    }
    for g in &c.goals {
        let mut goal = format!("**{}**", escape_md(&g.id));
        if let Some(old) = &g.old_id {
            goal.push_str(&format!(" (was {})", escape_md(old)));
        }
        if let Some(t) = &g.title {
            goal.push_str(&format!(" {}", escape_md(t)));
        }
        if g.changes.is_empty() {
            out.push_str(&format!("| {goal} | {} | | | | |\n", g.change.as_str()));
        }
        for f in &g.changes {
            out.push_str(&format!(
                "| {goal} | {} | {} | {} | {} | {} |\n",
                g.change.as_str(),
                escape_md(&f.name()),
                escape_md(&f.old.to_string()),
                escape_md(&f.new.to_string()),
                origin(f).map(|o| escape_md(&o)).unwrap_or_default()
            ));
        }
    }
    if let Some(note) = c.note() {
        out.push_str(&format!("\n> **Note:** {}\n", escape_md(&note)));
    }
    out
}
