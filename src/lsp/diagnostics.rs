//! Diagnostics: goalc's findings as the protocol carries them, and their publication (the
//! worker in `schedule` decides which files' lists changed).

use super::convert::{location, path_to_uri, range};
use super::session::Server;
use crate::check::Checked;
use crate::diagnostic::Severity;
use lsp_server::{Message, Notification};
use lsp_types::notification::Notification as _;
use lsp_types::*;
use std::path::Path;

impl Server<'_> {
    pub(super) fn publish(&self, path: &Path, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let Some(uri) = path_to_uri(path) else {
            return;
        };
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        if let Ok(params) = serde_json::to_value(params) {
            self.send(Message::Notification(Notification::new(
                notification::PublishDiagnostics::METHOD.into(),
                params,
            )));
        }
    }
}

/// goalc's diagnostic as the protocol carries it. The help goes into the message because LSP
/// has no field for it.
pub(super) fn lsp_diagnostic(checked: &Checked, d: &crate::diagnostic::Diagnostic) -> Diagnostic {
    let source = checked.workspace.file(d.file);
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|l| {
            Some(DiagnosticRelatedInformation {
                location: location(checked, l.file, l.span)?,
                message: l.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: range(source, d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.rule.to_string())),
        source: Some("goalc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}
