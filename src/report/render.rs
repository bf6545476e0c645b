//! Rendering a report: the built-in HTML and Markdown templates (embedded in the binary), a
//! user's template, or the view model as JSON, streamed to a writer.

use super::Report;
use super::escape::escape_markdown;
use super::helpers::{self, Flavour};
use handlebars::{Context, Handlebars, RenderErrorReason};
use rayon::prelude::*;
use serde_json::Value;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Html,
    #[value(alias = "markdown")]
    Md,
    Json,
}

const HTML: &str = include_str!("../../templates/report.html.hbs");
const MARKDOWN: &str = include_str!("../../templates/report.md.hbs");
/// The review's top (summary, needs attention, achieved, burn-up), a partial of each built-in
/// template and open to users' templates as `{{> review.html}}` and `{{> review.md}}`.
const REVIEW_HTML: &str = include_str!("../../templates/review.html.hbs");
const REVIEW_MARKDOWN: &str = include_str!("../../templates/review.md.hbs");

/// Why a report could not be written.
#[derive(Debug)]
pub enum RenderFailure {
    /// A template that does not compile or fails to render: its name, line, column and why.
    Template(String),
    Io(std::io::Error),
}

impl From<std::io::Error> for RenderFailure {
    fn from(e: std::io::Error) -> Self {
        RenderFailure::Io(e)
    }
}

/// What a rendered report leaves behind: the template's data, millions of small values for a
/// large workspace. Drop it, or forget it when the process ends right after, which is faster.
pub struct Rendered<'a> {
    _data: Option<Context>,
    _lists: Vec<Box<dyn LazyList + 'a>>,
}

/// A long list of the report that the built-in templates walk with `each-parallel`: its items
/// become template data a chunk at a time, on every core, and are dropped once rendered, so
/// the whole report never exists as JSON values at once (for 73,000 goals that was gigabytes).
pub(super) trait LazyList: Sync {
    fn len(&self) -> usize;
    fn value(&self, index: usize) -> serde_json::Result<Value>;
}

impl<T: serde::Serialize + Sync> LazyList for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }

    fn value(&self, index: usize) -> serde_json::Result<Value> {
        self.get(index)
            .map_or(Ok(Value::Null), serde_json::to_value)
    }
}

/// What stands for a lazy list in the template data: `{"$lazy-list": index}`.
pub(super) const LAZY_KEY: &str = "$lazy-list";

/// A user's template: its name for messages and its text.
pub struct Template<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Renders `report` as `format` into `out`, through `template` when given (HTML or Markdown
/// only: the format picks the escaper and the flavour of the drawing helpers).
pub fn render<'a>(
    report: Report<'a>,
    format: Format,
    template: Option<Template>,
    out: &mut dyn Write,
) -> Result<Rendered<'a>, RenderFailure> {
    let flavour = match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            return Ok(Rendered {
                _data: None,
                _lists: Vec::new(),
            });
        }
        Format::Html => Flavour::Html,
        Format::Md => Flavour::Markdown,
    };
    let (name, text) = match &template {
        Some(t) => (t.name, t.text),
        None if flavour == Flavour::Html => ("report.html.hbs", HTML),
        None => ("report.md.hbs", MARKDOWN),
    };
    // The built-in templates reach the long lists only through `each-parallel`, so those can
    // stay lazy; a user's template may walk them any way it likes, so it gets them whole.
    let lazy = template.is_none();
    let (context, lists) = context(report, lazy)?;
    let list_refs: Vec<&dyn LazyList> = lists.iter().map(|l| &**l as &dyn LazyList).collect();
    let mut hb = Handlebars::new();
    // A misspelt field is an error with the template's line, not an empty string.
    hb.set_strict_mode(true);
    if flavour == Flavour::Markdown {
        hb.register_escape_fn(escape_markdown);
    } else {
        hb.register_escape_fn(super::escape::escape_html);
    }
    helpers::register(&mut hb, flavour, &list_refs);
    let compiled = match &template {
        Some(_) => compile(name, text),
        None => builtin(flavour),
    };
    for (partial, compiled) in partials() {
        hb.register_template(partial, compiled.map_err(RenderFailure::Template)?);
    }
    hb.register_template(name, compiled.map_err(RenderFailure::Template)?);
    let result = hb.render_with_context_to_write(name, &context, out);
    drop(hb);
    drop(list_refs);
    result
        .map(|()| Rendered {
            _data: Some(context),
            _lists: lists,
        })
        .map_err(|e| match e.reason() {
            RenderErrorReason::IOError(io) => {
                RenderFailure::Io(std::io::Error::new(io.kind(), io.to_string()))
            }
            _ => RenderFailure::Template(render_error(name, &e)),
        })
}

/// Renders a small report (a page of a site) with the built-in HTML template, through a
/// registry kept per thread: a site renders thousands of pages, and setting up the registry
/// and copying the compiled template cost more than rendering a page of a few goals.
pub(super) fn render_page(report: Report<'_>, out: &mut dyn Write) -> Result<(), RenderFailure> {
    use std::cell::RefCell;
    thread_local! {
        static REGISTRY: RefCell<Option<Handlebars<'static>>> = const { RefCell::new(None) };
    }
    let (context, _) = context(report, false)?;
    REGISTRY.with(|cell| {
        let mut slot = cell.borrow_mut();
        let hb = match &mut *slot {
            Some(hb) => hb,
            None => {
                let mut hb = Handlebars::new();
                hb.set_strict_mode(true);
                hb.register_escape_fn(super::escape::escape_html);
                helpers::register(&mut hb, Flavour::Html, &[]);
                for (partial, compiled) in partials() {
                    hb.register_template(partial, compiled.map_err(RenderFailure::Template)?);
                }
                hb.register_template(
                    "report.html.hbs",
                    builtin(Flavour::Html).map_err(RenderFailure::Template)?,
                );
                slot.insert(hb)
            }
        };
        hb.render_with_context_to_write("report.html.hbs", &context, out)
            .map_err(|e| match e.reason() {
                RenderErrorReason::IOError(io) => {
                    RenderFailure::Io(std::io::Error::new(io.kind(), io.to_string()))
                }
                _ => RenderFailure::Template(render_error("report.html.hbs", &e)),
            })
    })
}

fn compile(name: &str, text: &str) -> Result<handlebars::Template, String> {
    handlebars::Template::compile_with_name(text, name.to_string())
        .map_err(|e| template_error(name, &e))
}

/// A built-in template, compiled once per process: compiling the HTML one costs more than
/// rendering a small workspace with it (the language server and the fuzzers render many).
fn builtin(flavour: Flavour) -> Result<handlebars::Template, String> {
    use std::sync::OnceLock;
    static COMPILED_HTML: OnceLock<Result<handlebars::Template, String>> = OnceLock::new();
    static COMPILED_MARKDOWN: OnceLock<Result<handlebars::Template, String>> = OnceLock::new();
    let (cell, name, text) = match flavour {
        Flavour::Html => (&COMPILED_HTML, "report.html.hbs", HTML),
        Flavour::Markdown => (&COMPILED_MARKDOWN, "report.md.hbs", MARKDOWN),
    };
    cell.get_or_init(|| compile(name, text)).clone()
}

/// The built-in partials, compiled once per process.
fn partials() -> [(&'static str, Result<handlebars::Template, String>); 2] {
    use std::sync::OnceLock;
    static HTML_PART: OnceLock<Result<handlebars::Template, String>> = OnceLock::new();
    static MARKDOWN_PART: OnceLock<Result<handlebars::Template, String>> = OnceLock::new();
    [
        (
            "review.html",
            HTML_PART
                .get_or_init(|| compile("review.html.hbs", REVIEW_HTML))
                .clone(),
        ),
        (
            "review.md",
            MARKDOWN_PART
                .get_or_init(|| compile("review.md.hbs", REVIEW_MARKDOWN))
                .clone(),
        ),
    ]
}

type Lists<'a> = Vec<Box<dyn LazyList + 'a>>;

/// The template's data: the report as JSON values. Its long lists (goals, the tree, the goals
/// of each level) are left as lazy lists when `lazy`, else converted in parallel.
fn context<'a>(mut report: Report<'a>, lazy: bool) -> Result<(Context, Lists<'a>), RenderFailure> {
    let failed =
        |e: serde_json::Error| RenderFailure::Template(format!("cannot convert the report: {e}"));
    let goals = std::mem::take(&mut report.goals);
    let tree = std::mem::take(&mut report.tree);
    let by_level: Vec<_> = report
        .by_level
        .iter_mut()
        .map(|l| std::mem::take(&mut l.goals))
        .collect();
    let mut root = serde_json::to_value(&report).map_err(failed)?;
    let mut lists: Lists<'a> = Vec::new();
    let mut place = |list: Box<dyn LazyList + 'a>| -> Result<Value, serde_json::Error> {
        if lazy {
            let mut marker = serde_json::Map::new();
            marker.insert(LAZY_KEY.into(), Value::from(lists.len()));
            lists.push(list);
            Ok(Value::Object(marker))
        } else {
            (0..list.len())
                .into_par_iter()
                .map(|i| list.value(i))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
    };
    let goals = place(Box::new(goals)).map_err(failed)?;
    let tree = place(Box::new(tree)).map_err(failed)?;
    let mut level_goals = Vec::with_capacity(by_level.len());
    for list in by_level {
        level_goals.push(place(Box::new(list)).map_err(failed)?);
    }
    if let Value::Object(map) = &mut root {
        map.insert("goals".into(), goals);
        map.insert("tree".into(), tree);
        if let Some(Value::Array(levels)) = map.get_mut("by_level") {
            for (level, list) in levels.iter_mut().zip(level_goals) {
                if let Value::Object(level) = level {
                    level.insert("goals".into(), list);
                }
            }
        }
    }
    Ok((Context::from(root), lists))
}

fn template_error(name: &str, e: &handlebars::TemplateError) -> String {
    match e.pos() {
        Some((line, column)) => format!("{name}:{line}:{column}: {}", e.reason()),
        None => format!("{name}: {}", e.reason()),
    }
}

fn render_error(name: &str, e: &handlebars::RenderError) -> String {
    let reason = describe(e.reason());
    match (e.line_no, e.column_no) {
        (Some(line), Some(column)) => format!("{name}:{line}:{column}: {reason}"),
        _ => format!("{name}: {reason}"),
    }
}

/// A render error in the template author's words: handlebars' own Display prints a missing
/// variable as Rust's `Some("name")`.
fn describe(reason: &RenderErrorReason) -> String {
    use RenderErrorReason as R;
    match reason {
        R::MissingVariable(Some(path)) => format!(
            "`{path}` is not in the report data here (`goalc report --format json` shows the \
             data a template gets)"
        ),
        R::MissingVariable(None) => "a value this template reads is not in the report data \
             (`goalc report --format json` shows the data a template gets)"
            .to_string(),
        R::NestedError(inner) => inner.to_string(),
        other => other.to_string(),
    }
}
