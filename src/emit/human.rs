//! miette's graphical report: source snippets, labels, the rule as the code, help.

use crate::base::sanitize;
use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile};
use rustc_hash::FxHashMap;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, Mutex};

pub(crate) struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

/// One finding, ready for miette: labels in its own file, related diagnostics for the others.
struct Report<'a> {
    diag: &'a Diagnostic,
    source: Snippet<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report<'a>>,
    /// A related place in another file: shown as advice.
    advice: Option<&'a str>,
    /// How many more findings like this one its labels show.
    more: Option<String>,
}

impl<'a> Report<'a> {
    fn new(
        diag: &'a Diagnostic,
        file_of: &dyn Fn(FileId) -> &'a SourceFile,
        cache: &Cache<'a>,
    ) -> Self {
        let file = file_of(diag.file);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            diag.label.as_deref().map(line_text),
            clamp(file, diag.span),
        )];
        let mut related = Vec::new();
        for label in &diag.related {
            if label.file == diag.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(line_text(&label.message)),
                    clamp(file, label.span),
                ));
            } else {
                let other = file_of(label.file);
                related.push(Report {
                    diag,
                    source: Snippet::of(label.file, other, cache),
                    // The message is the heading; repeating it on the label adds nothing.
                    labels: vec![LabeledSpan::new_with_span(None, clamp(other, label.span))],
                    related: Vec::new(),
                    advice: Some(&label.message),
                    more: None,
                });
            }
        }
        Report {
            diag,
            source: Snippet::of(diag.file, file, cache),
            labels,
            related,
            advice: None,
            more: None,
        }
    }
}

fn line_text(text: &str) -> String {
    sanitize::terminal_line(text).into_owned()
}

/// A file's text as miette reads it: sanitised (one character for one, so spans stay right)
/// and found through the file's line index, where miette's own `SourceCode` scans from the
/// start of the text for every snippet.
struct Snippet<'a> {
    sanitised: Arc<Sanitised<'a>>,
    line_starts: &'a [u32],
}

/// A file's name and text made safe, once a file however many findings it has.
struct Sanitised<'a> {
    name: String,
    text: Cow<'a, str>,
}

type Cache<'a> = Mutex<FxHashMap<FileId, Arc<Sanitised<'a>>>>;

impl<'a> Snippet<'a> {
    fn of(id: FileId, file: &'a SourceFile, cache: &Cache<'a>) -> Self {
        let sanitised = Arc::clone(
            cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .entry(id)
                .or_insert_with(|| {
                    Arc::new(Sanitised {
                        name: line_text(&file.name),
                        text: sanitize::snippet(&file.text),
                    })
                }),
        );
        Snippet {
            sanitised,
            line_starts: file.line_starts(),
        }
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .saturating_sub(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line)
            .map_or(self.sanitised.text.len(), |&s| s as usize)
    }
}

impl SourceCode for Snippet<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette's scan, run over a window of whole lines around the span: the same answer,
        // shifted back to the whole text.
        let bytes = self.sanitised.text.as_bytes();
        let first = self
            .line_of(span.offset())
            .saturating_sub(context_lines_before);
        let last = self.line_of(span.offset() + span.len()) + context_lines_after + 2;
        let (from, to) = (self.line_start(first), self.line_start(last + 1));
        let window = bytes.get(from..to).ok_or(MietteError::OutOfBounds)?;
        let shifted = SourceSpan::new(span.offset().saturating_sub(from).into(), span.len());
        let inner = window.read_span(&shifted, context_lines_before, context_lines_after)?;
        let data = inner.data();
        let start = from + inner.span().offset();
        Ok(Box::new(
            MietteSpanContents::new_named(
                self.sanitised.name.clone(),
                data,
                SourceSpan::new(start.into(), data.len()),
                inner.line() + first,
                inner.column(),
                inner.line_count() + first,
            )
            .with_language("TOML"),
        ))
    }
}

/// miette wants spans inside the text and on character boundaries.
fn clamp(file: &SourceFile, span: crate::base::span::Span) -> SourceSpan {
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
        f.write_str(&sanitize::terminal(
            self.advice.unwrap_or(&self.diag.message),
        ))?;
        match &self.more {
            Some(more) => write!(f, "\n{}", sanitize::terminal(more)),
            None => Ok(()),
        }
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
            .map(|h| Box::new(sanitize::terminal(h).into_owned()) as Box<dyn fmt::Display>)
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
    file_of: &dyn Fn(FileId) -> &'a SourceFile,
    opts: &HumanOptions,
) -> String {
    let handler = handler(opts);
    let mut out = String::new();
    let cache = Cache::default();
    for group in group_related(diags, file_of) {
        let Some((&diag, others)) = group.split_first() else {
            continue;
        };
        let mut report = Report::new(diag, file_of, &cache);
        let file = file_of(diag.file);
        for other in others {
            report.labels.push(LabeledSpan::new_with_span(
                other.label.as_deref().map(line_text),
                clamp(file, other.span),
            ));
        }
        if let (Some(goal), more @ 1..) = (&diag.goal, group.len() - 1) {
            report.more = Some(format!(
                "and {more} more like it for goal `{goal}` in this file, labelled below"
            ));
        }
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}: {}\n",
                diag.rule,
                sanitize::terminal(&diag.message)
            ));
        }
        out.push('\n');
    }
    sanitize::no_workflow_commands(&out).into_owned()
}

/// Lines of source that may separate two findings printed in one frame: miette shows every line
/// between a frame's labels, so a group spans a few lines, never a whole file.
const GROUP_GAP_LINES: usize = 12;

/// Findings that follow from one cause, grouped so that each group prints as one code frame:
/// the same rule, at the same severity, about the same goal, in the same file, pointing at the
/// same related places, and near each other (a goal copied with last year's dates has every
/// check-in outside its span). Findings about no goal stay alone. Each group sits where its
/// first finding was, so the order stays by file and position.
fn group_related<'a>(
    diags: impl IntoIterator<Item = &'a Diagnostic>,
    file_of: &dyn Fn(FileId) -> &'a SourceFile,
) -> Vec<Vec<&'a Diagnostic>> {
    type Key<'k> = (crate::catalog::RuleId, bool, FileId, &'k str);
    let line = |diag: &Diagnostic, offset: u32| {
        file_of(diag.file)
            .line_starts()
            .partition_point(|&s| s <= offset)
    };
    let mut groups: Vec<Vec<&Diagnostic>> = Vec::new();
    let mut open: FxHashMap<Key<'a>, usize> = FxHashMap::default();
    for diag in diags {
        let Some(goal) = &diag.goal else {
            groups.push(vec![diag]);
            continue;
        };
        let key = (
            diag.rule,
            diag.severity == Severity::Error,
            diag.file,
            goal.as_str(),
        );
        let near = |group: &Vec<&Diagnostic>| {
            group
                .first()
                .is_some_and(|first| first.related == diag.related)
                && group.last().is_some_and(|last| {
                    line(diag, diag.span.start).saturating_sub(line(last, last.span.end))
                        <= GROUP_GAP_LINES
                })
        };
        let joined = open
            .get(&key)
            .and_then(|&i| groups.get_mut(i))
            .filter(|group| near(group))
            .map(|group| group.push(diag))
            .is_some();
        if !joined {
            open.insert(key, groups.len());
            groups.push(vec![diag]);
        }
    }
    groups
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
