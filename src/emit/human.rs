//! miette's graphical report: source snippets, labels, the rule as the code, help.

use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};
use std::fmt;
use std::sync::Arc;

pub(crate) struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// One finding, ready for miette: labels in its own file, related diagnostics for the others.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: NamedSource<Arc<str>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
    /// A related place in another file: shown as advice.
    advice: Option<&'a str>,
}

impl<'a> Report<'a> {
    fn new(
        diag: &'a Diagnostic,
        file_of: &dyn Fn(crate::source::FileId) -> &'a SourceFile,
    ) -> Self {
        let file = file_of(diag.file);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            diag.label.clone(),
            clamp(file, diag.span),
        )];
        let mut related = Vec::new();
        for label in &diag.related {
            if label.file == diag.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(label.message.clone()),
                    clamp(file, label.span),
                ));
            } else {
                let other = file_of(label.file);
                related.push(Report {
                    diag,
                    source: named(other),
                    // The message is the heading; repeating it on the label adds nothing.
                    labels: vec![LabeledSpan::new_with_span(None, clamp(other, label.span))],
                    related: Vec::new(),
                    advice: Some(&label.message),
                });
            }
        }
        Report {
            diag,
            source: named(file),
            labels,
            related,
            advice: None,
        }
    }
}

fn named(file: &SourceFile) -> NamedSource<Arc<str>> {
    NamedSource::new(file.name.clone(), file.text.clone()).with_language("TOML")
}

/// miette wants spans inside the text and on character boundaries.
fn clamp(file: &SourceFile, span: crate::base::span::Span) -> miette::SourceSpan {
    let text = &file.text;
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (fix(span.start as usize), fix(span.end as usize));
    (start, end.saturating_sub(start)).into()
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.advice.unwrap_or(&self.diag.message))
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.advice.is_some() {
            return None;
        }
        Some(Box::new(self.diag.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match (self.advice, self.diag.severity) {
            (Some(_), _) => miette::Severity::Advice,
            (None, Severity::Error) => miette::Severity::Error,
            (None, Severity::Warning) => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if self.advice.is_some() {
            return None;
        }
        self.diag
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

fn handler(opts: &HumanOptions) -> GraphicalReportHandler {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme).with_width(opts.width)
}

/// Renders findings over the given files (used for workspace and goalc.toml findings alike).
pub(crate) fn render_diagnostics<'a>(
    diags: impl IntoIterator<Item = &'a Diagnostic>,
    file_of: &dyn Fn(crate::source::FileId) -> &'a SourceFile,
    opts: &HumanOptions,
) -> String {
    let handler = handler(opts);
    let mut out = String::new();
    for diag in diags {
        let report = Report::new(diag, file_of);
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!("{}: {}\n", diag.rule, diag.message));
        }
        out.push('\n');
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub(crate) fn summary_line(checked: &Checked) -> String {
    format!(
        "{}, {} in {}",
        plural(checked.count(Severity::Error), "error"),
        plural(checked.count(Severity::Warning), "warning"),
        plural(checked.files_in_scope(), "file"),
    )
}

pub(super) fn render(checked: &Checked, opts: &HumanOptions) -> String {
    let ws = &checked.workspace;
    let mut out = render_diagnostics(&checked.diagnostics, &|id| ws.file(id), opts);
    out.push_str(&summary_line(checked));
    out.push('\n');
    out
}
