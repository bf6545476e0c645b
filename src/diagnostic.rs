//! The one diagnostic type every stage produces and every emitter reads.

use crate::base::span::Span;
use crate::catalog::RuleId;
pub use crate::catalog::Severity;
use crate::source::FileId;

/// A place in a file with an explanation, e.g. "first defined here".
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub rule: RuleId,
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
    /// The metric it concerns, as `goal-id.metric-id`, if any.
    pub metric: Option<String>,
    /// A change to the files that resolves the finding, if one is known.
    pub fix: Option<Fix>,
}

/// How sure a fix is to do what the user meant (ruff's applicability).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// The fix keeps the plan's meaning: a misspelling with one close match.
    Safe,
    /// The fix may change what the plan says; offered, never applied unasked.
    Unsafe,
}

/// One replacement of a span of a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub file: FileId,
    pub span: Span,
    pub replacement: String,
}

/// A fix carried by the diagnostic itself, read by the human help, the language server's
/// quick fix and `check --fix` alike: nothing parses it back out of prose.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// What the fix does, for a quick-fix title.
    pub title: String,
    /// The value that replaces what was written (a did-you-mean's suggestion).
    pub suggestion: String,
    pub edits: Vec<Edit>,
    pub applicability: Applicability,
}

impl Fix {
    /// Replaces what is written at `span` (`written`, a bare key or a quoted string) with
    /// `suggestion`, in the quotes it was written in.
    pub fn replace(file: FileId, span: Span, written: &str, suggestion: &str) -> Fix {
        let quote = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|q| written.starts_with(q))
            .unwrap_or("");
        Fix {
            title: format!("Replace with `{suggestion}`"),
            edits: vec![Edit {
                file,
                span,
                replacement: format!("{quote}{suggestion}{quote}"),
            }],
            suggestion: suggestion.to_string(),
            applicability: Applicability::Safe,
        }
    }
}

impl Diagnostic {
    /// A finding with the rule's default severity decided later by the caller.
    pub fn new(
        rule: RuleId,
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
            metric: None,
            fix: None,
        }
    }

    pub fn error(rule: RuleId, file: FileId, span: Span, message: impl Into<String>) -> Self {
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

    pub fn with_metric(mut self, key: impl Into<String>) -> Self {
        self.metric = Some(key.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
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
            self.rule.name(),
            &self.message,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fix_keeps_the_quotes_it_replaces() {
        let at = Span::new(0, 5);
        let cases = [
            ("titel", "title"),
            ("\"ab\"", "\"abc\""),
            ("'ab'", "'abc'"),
            ("\"\"\"ab\"\"\"", "\"\"\"abc\"\"\""),
        ];
        for (written, want) in cases {
            let suggestion = want.trim_matches(|c| c == '"' || c == '\'');
            let fix = Fix::replace(FileId(0), at, written, suggestion);
            assert_eq!(fix.edits[0].replacement, want);
            assert_eq!(fix.suggestion, suggestion);
        }
    }
}
