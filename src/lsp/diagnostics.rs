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
    /// Serialized from the list as kept: a file with thousands of findings is not copied.
    pub(super) fn publish(&self, path: &Path, diagnostics: &[Diagnostic], version: Option<i32>) {
        let Some(uri) = path_to_uri(path) else {
            return;
        };
        let mut params = serde_json::json!({ "uri": uri, "diagnostics": diagnostics });
        if let (Some(v), Some(map)) = (version, params.as_object_mut()) {
            map.insert("version".into(), v.into());
        }
        self.send(Message::Notification(Notification::new(
            notification::PublishDiagnostics::METHOD.into(),
            params,
        )));
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
