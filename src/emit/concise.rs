//! `--format concise`: one line per finding, `file:line:col: severity[rule] message`, the shape
//! editors' error formats (Vim's `errorformat`, Emacs' compilation mode) read.

use crate::check::Checked;
use std::fmt::Write;

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    let mut out = String::new();
    for d in &checked.diagnostics {
        let file = ws.file(d.file);
        let (start, _) = file.range(d.span);
        // One finding, one line: a message never spans two.
        let message = d.message.replace(['\r', '\n'], " ");
        let _ = writeln!(
            out,
            "{}:{}:{}: {}[{}] {message}",
            file.name,
            start.line,
            start.column,
            d.severity.as_str(),
            d.rule.name()
        );
    }
    out
}

/// `--statistics`: how many findings each rule made, most first, as a table or as JSON.
pub(crate) fn statistics(checked: &Checked, json: bool) -> String {
    let mut counts: Vec<(&'static str, &'static str, usize)> = Vec::new();
    for d in &checked.diagnostics {
        match counts
            .iter_mut()
            .find(|(rule, severity, _)| *rule == d.rule.name() && *severity == d.severity.as_str())
        {
            Some(entry) => entry.2 += 1,
            None => counts.push((d.rule.name(), d.severity.as_str(), 1)),
        }
    }
    counts.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)).then(a.1.cmp(b.1)));
    if json {
        let rows: Vec<serde_json::Value> = counts
            .iter()
            .map(|(rule, severity, count)| {
                serde_json::json!({ "rule": rule, "severity": severity, "count": count })
            })
            .collect();
        let mut text = serde_json::to_string_pretty(&rows).unwrap_or_default();
        text.push('\n');
        return text;
    }
    let width = counts.iter().map(|c| c.0.len()).max().unwrap_or(0);
    let digits = counts
        .iter()
        .map(|c| c.2.to_string().len())
        .max()
        .unwrap_or(1);
    let mut out = String::new();
    for (rule, severity, count) in &counts {
        let summary = crate::rules::find(rule).map_or("", |r| r.summary);
        let _ = writeln!(
            out,
            "{count:>digits$}  {rule:<width$}  {severity:<7}  {summary}"
        );
    }
    out
}
