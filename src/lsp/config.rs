//! goalc.toml in the editor: the settings every check uses. A goalc.toml that cannot be used is
//! published as diagnostics on that file and told once with `window/showMessage`, while the
//! last valid settings stay in force: a typo there must not turn every check-in stale by moving
//! `as_of` to today.

use super::convert::range;
use super::session::Server;
use crate::load::config::{self, ConfigError};
use crate::load::discover;
use crate::settings::Config;
use crate::source::SourceFile;
use lsp_server::{Message, Notification};
use lsp_types::notification::Notification as _;
use lsp_types::{
    Diagnostic, DiagnosticSeverity, MessageType, NumberOrString, Position, Range,
    ShowMessageParams, notification,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the server remembers of goalc.toml between checks.
#[derive(Default)]
pub(super) struct Settings {
    /// The bytes of the last goalc.toml that was valid, and where it was read: read again
    /// (it is small) whenever the current one is not.
    last_good: Option<(PathBuf, Vec<u8>)>,
    /// Why the goalc.toml of the latest check cannot be used.
    pub(super) problem: Option<Problem>,
    /// The problem was shown: once until goalc.toml is valid again, not on every keystroke.
    shown: bool,
}

pub(super) struct Problem {
    pub(super) path: PathBuf,
    pub(super) diagnostics: Vec<Diagnostic>,
    /// One line for `window/showMessage`.
    pub(super) message: String,
}

impl Settings {
    /// The settings for a check: the goalc.toml at `path` (an open document's text in place of
    /// the file), else the last valid one, else the defaults.
    pub(super) fn read(
        &mut self,
        path: Option<&Path>,
        root: &Path,
        overlays: &HashMap<PathBuf, String>,
    ) -> Config {
        self.problem = None;
        let Some(path) = path else {
            self.last_good = None;
            return Config::default();
        };
        let name = discover::display_name(path, root);
        let bytes = match overlays.get(path) {
            Some(text) => Ok(text.clone().into_bytes()),
            None => match crate::base::fsio::read_regular(path, crate::settings::MAX_FILE_BYTES) {
                Ok(crate::base::fsio::Bounded::Bytes(bytes)) => Ok(bytes),
                Ok(crate::base::fsio::Bounded::TooLarge(len)) => Err(ConfigError::Io(
                    path.to_path_buf(),
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("{len} bytes is too large for a configuration"),
                    ),
                )),
                Err(e) => Err(ConfigError::Io(path.to_path_buf(), e)),
            },
        };
        let outcome = bytes.and_then(|bytes| {
            config::from_bytes(path, name.clone(), bytes.clone(), crate::rules::thresholds)
                .map(|c| (c, bytes))
        });
        match outcome {
            Ok((config, bytes)) => {
                self.last_good = Some((path.to_path_buf(), bytes));
                self.shown = false;
                config
            }
            Err(e) => {
                let kept = self.last_good.as_ref().and_then(|(p, bytes)| {
                    let name = discover::display_name(p, root);
                    config::from_bytes(p, name, bytes.clone(), crate::rules::thresholds).ok()
                });
                self.problem = Some(problem(path, &name, &e, kept.is_some()));
                kept.unwrap_or_default()
            }
        }
    }
}

fn problem(path: &Path, name: &str, e: &ConfigError, kept: bool) -> Problem {
    let diagnostics = match e {
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
    let then = if kept {
        "the last valid settings stay in force"
    } else {
        "the defaults apply"
    };
    Problem {
        path: path.to_path_buf(),
        diagnostics,
        message: format!("goalc: {name} is invalid{first}; {then} until it is fixed"),
    }
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

impl Server<'_> {
    /// Publishes the problem of goalc.toml, if any, and shows it once; the path published.
    pub(super) fn report_config(&mut self) -> Option<PathBuf> {
        let problem = self.settings.problem.as_ref()?;
        let path = problem.path.clone();
        self.publish(&path, problem.diagnostics.clone());
        if !self.settings.shown {
            let params = ShowMessageParams {
                typ: MessageType::ERROR,
                message: problem.message.clone(),
            };
            if let Ok(params) = serde_json::to_value(params) {
                self.send(Message::Notification(Notification::new(
                    notification::ShowMessage::METHOD.into(),
                    params,
                )));
            }
            self.settings.shown = true;
        }
        Some(path)
    }
}
