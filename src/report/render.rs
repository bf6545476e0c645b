//! Rendering a report: the built-in HTML and Markdown templates (embedded in the binary), a
//! user's template, or the view model as JSON.

use super::Report;
use super::escape::escape_markdown;
use super::helpers::{self, Flavour};
use handlebars::Handlebars;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Html,
    #[value(alias = "markdown")]
    Md,
    Json,
}

const HTML: &str = include_str!("../../templates/report.html.hbs");
const MARKDOWN: &str = include_str!("../../templates/report.md.hbs");

/// A template that does not compile or fails to render, with its name, line and column.
#[derive(Debug)]
pub struct TemplateFailure(pub String);

impl std::fmt::Display for TemplateFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A user's template: its name for messages and its text.
pub struct Template<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Renders `report` as `format`, through `template` when given (HTML or Markdown only: the
/// format picks the escaper and the flavour of the drawing helpers).
pub fn render(
    report: &Report,
    format: Format,
    template: Option<Template>,
) -> Result<String, TemplateFailure> {
    let flavour = match format {
        Format::Json => {
            let mut text = serde_json::to_string_pretty(report)
                .map_err(|e| TemplateFailure(format!("cannot serialise the report: {e}")))?;
            text.push('\n');
            return Ok(text);
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
        .map_err(|e| TemplateFailure(template_error(name, &e)))?;
    hb.render(name, report)
        .map_err(|e| TemplateFailure(render_error(name, &e)))
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
