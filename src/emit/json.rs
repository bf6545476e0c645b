//! `--format json`: the contract's diagnostic objects and summary.

use crate::check::Checked;
use crate::diagnostic::Severity;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    goal: Option<&'a str>,
    /// `goal-id.metric-id`, or null.
    metric: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    files: usize,
    goals: usize,
}

pub(super) fn render(checked: &Checked) -> String {
    let ws = &checked.workspace;
    let diagnostics = checked
        .diagnostics
        .iter()
        .map(|d| {
            let file = ws.file(d.file);
            let (start, end) = file.range(d.span);
            JsonDiagnostic {
                rule: d.rule.name(),
                severity: d.severity,
                message: &d.message,
                help: d.help.as_deref(),
                file: &file.name,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                goal: d.goal.as_deref(),
                metric: d.metric.as_deref(),
            }
        })
        .collect();
    let output = Output {
        diagnostics,
        summary: Summary {
            errors: checked.count(Severity::Error),
            warnings: checked.count(Severity::Warning),
            files: checked.files_in_scope(),
            goals: checked.goals_in_scope(),
        },
    };
    let mut text = serde_json::to_string_pretty(&output).unwrap_or_default();
    text.push('\n');
    text
}
