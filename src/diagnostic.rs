//! The one diagnostic type every stage produces and every emitter reads.

use crate::source::FileId;
use crate::span::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A place in a file with an explanation, e.g. "first defined here".
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub file: FileId,
    pub span: Span,
    /// The text shown under the primary span.
    pub label: Option<String>,
    pub help: Option<String>,
    /// Related places, in this or other files.
    pub related: Vec<Label>,
    /// The goal the finding concerns, if any.
    pub goal: Option<String>,
}

impl Diagnostic {
    /// A finding with the rule's default severity decided later by the caller.
    pub fn new(
        rule: &'static str,
        severity: Severity,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            file,
            span,
            label: None,
            help: None,
            related: Vec::new(),
            goal: None,
        }
    }

    pub fn error(rule: &'static str, file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic::new(rule, Severity::Error, file, span, message)
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_goal(mut self, goal: impl Into<String>) -> Self {
        self.goal = Some(goal.into());
        self
    }

    pub fn with_related(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    /// The order findings are printed in: by file, then position, then rule.
    pub fn sort_key(&self) -> (FileId, u32, u32, &'static str, &str) {
        (
            self.file,
            self.span.start,
            self.span.end,
            self.rule,
            &self.message,
        )
    }
}
