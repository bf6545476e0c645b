//! Diagnostics: the workspace checked again after every change, and each file's findings
//! published, with the stale ones cleared.

use super::analysis;
use super::convert::{file_id_of, location, path_to_uri, range};
use super::session::Server;
use crate::check::Checked;
use crate::diagnostic::Severity;
use crate::source::FileId;
use lsp_server::{Message, Notification};
use lsp_types::notification::Notification as _;
use lsp_types::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

impl Server<'_> {
    /// Checks the workspace again and publishes every file's diagnostics.
    pub(super) fn refresh(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let overlays: HashMap<PathBuf, String> = self
            .open
            .iter()
            .map(|(p, d)| (p.clone(), d.text.clone()))
            .collect();
        let checked = analysis::analyze(&root, &overlays, &mut self.settings);
        let mut by_file: HashMap<FileId, Vec<Diagnostic>> = HashMap::new();
        for d in &checked.diagnostics {
            by_file
                .entry(d.file)
                .or_default()
                .push(lsp_diagnostic(&checked, d));
        }
        let mut now = HashSet::new();
        for (i, file) in checked.workspace.files.iter().enumerate() {
            let diagnostics = by_file.remove(&FileId(i as u32)).unwrap_or_default();
            // An open document always gets its list, empty or not, so the editor knows it is
            // checked.
            if diagnostics.is_empty()
                && !self.published.contains(&file.path)
                && !self.open.contains_key(&file.path)
            {
                continue;
            }
            if !diagnostics.is_empty() {
                now.insert(file.path.clone());
            }
            self.publish(&file.path, diagnostics);
        }
        now.extend(self.report_config());
        // A file no longer in the workspace (deleted, renamed) would keep its old findings on
        // the client forever.
        for gone in self.published.difference(&now).cloned().collect::<Vec<_>>() {
            if file_id_of(&checked, &gone).is_none() {
                self.publish(&gone, Vec::new());
            }
        }
        self.published = now;
        self.checked = Some(checked);
    }

    pub(super) fn publish(&self, path: &Path, diagnostics: Vec<Diagnostic>) {
        let Some(uri) = path_to_uri(path) else {
            return;
        };
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version: self.open.get(path).map(|d| d.version),
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
