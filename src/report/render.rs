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
pub struct Rendered {
    _data: Option<Context>,
}

/// A user's template: its name for messages and its text.
pub struct Template<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Renders `report` as `format` into `out`, through `template` when given (HTML or Markdown
/// only: the format picks the escaper and the flavour of the drawing helpers).
pub fn render(
    report: Report,
    format: Format,
    template: Option<Template>,
    out: &mut dyn Write,
) -> Result<Rendered, RenderFailure> {
    let flavour = match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            return Ok(Rendered { _data: None });
        }
        Format::Html => Flavour::Html,
        Format::Md => Flavour::Markdown,
    };
    let (name, text) = match &template {
        Some(t) => (t.name, t.text),
        None if flavour == Flavour::Html => ("report.html.hbs", HTML),
        None => ("report.md.hbs", MARKDOWN),
    };
    let mut hb = Handlebars::new();
    // A misspelt field is an error with the template's line, not an empty string.
    hb.set_strict_mode(true);
    if flavour == Flavour::Markdown {
        hb.register_escape_fn(escape_markdown);
    }
    helpers::register(&mut hb, flavour);
    hb.register_template_string(name, text)
        .map_err(|e| RenderFailure::Template(template_error(name, &e)))?;
    let context = context(report)?;
    let result = hb.render_with_context_to_write(name, &context, out);
    result
        .map(|()| Rendered {
            _data: Some(context),
        })
        .map_err(|e| match e.reason() {
            RenderErrorReason::IOError(io) => {
                RenderFailure::Io(std::io::Error::new(io.kind(), io.to_string()))
            }
            _ => RenderFailure::Template(render_error(name, &e)),
        })
}

/// The template's data: the report as JSON values, its large lists converted in parallel.
fn context(mut report: Report) -> Result<Context, RenderFailure> {
    let goals = std::mem::take(&mut report.goals);
    let tree = std::mem::take(&mut report.tree);
    let (goal_values, tree_values) = rayon::join(|| values(&goals), || values(&tree));

    let failed =
        |e: serde_json::Error| RenderFailure::Template(format!("cannot convert the report: {e}"));
    let mut root = serde_json::to_value(&report).map_err(failed)?;
    if let Value::Object(map) = &mut root {
        map.insert("goals".into(), Value::Array(goal_values.map_err(failed)?));
        map.insert("tree".into(), Value::Array(tree_values.map_err(failed)?));
    }
    Ok(Context::from(root))
}

fn values<T: serde::Serialize + Sync>(items: &[T]) -> Result<Vec<Value>, serde_json::Error> {
    items.par_iter().map(serde_json::to_value).collect()
}

fn template_error(name: &str, e: &handlebars::TemplateError) -> String {
    match e.pos() {
        Some((line, column)) => format!("{name}:{line}:{column}: {}", e.reason()),
        None => format!("{name}: {}", e.reason()),
    }
}

fn render_error(name: &str, e: &handlebars::RenderError) -> String {
    let reason = e.reason();
    match (e.line_no, e.column_no) {
        (Some(line), Some(column)) => format!("{name}:{line}:{column}: {reason}"),
        _ => format!("{name}: {reason}"),
    }
}
