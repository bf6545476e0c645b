//! goalc.toml in the editor. One that cannot be used is published as diagnostics on that file
//! and told once with `window/showMessage`, while the last valid settings stay in force
//! (`check::incremental` keeps them): a typo there must not turn every check-in stale by moving
//! `as_of` to today.

use super::convert::range;
use crate::check::incremental::ConfigProblem;
use crate::load::config::ConfigError;
use crate::source::SourceFile;
use lsp_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Position, Range};

/// The diagnostics to publish on goalc.toml, and one line for `window/showMessage`.
pub(super) fn problem(problem: &ConfigProblem, name: &str) -> (Vec<Diagnostic>, String) {
    let diagnostics = match &problem.error {
        ConfigError::Invalid { source, diags } => {
            diags.iter().map(|d| lsp_diagnostic(source, d)).collect()
        }
        ConfigError::Io(_, err) => vec![Diagnostic {
            range: Range::new(Position::new(0, 0), Position::new(0, 0)),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("goalc".into()),
            message: format!("cannot read {name}: {err}"),
            ..Default::default()
        }],
    };
    let first = diagnostics.first().map_or(String::new(), |d| {
        let line = d.message.lines().next().unwrap_or_default();
        format!(" (line {}: {line})", d.range.start.line + 1)
    });
    let then = if problem.kept {
        "the last valid settings stay in force"
    } else {
        "the defaults apply"
    };
    let message = format!("goalc: {name} is invalid{first}; {then} until it is fixed");
    (diagnostics, message)
}

fn lsp_diagnostic(source: &SourceFile, d: &crate::diagnostic::Diagnostic) -> Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    Diagnostic {
        range: range(source, d.span),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("goalc".into()),
        message,
        ..Default::default()
    }
}
