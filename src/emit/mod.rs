//! Turning findings into text: for people (miette), machines (JSON, SARIF) and CI (GitHub).

mod github;
mod human;
mod json;
mod sarif;

pub use human::{HumanOptions, render_diagnostics, summary_line};

use crate::check::Checked;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

pub fn render(format: Format, checked: &Checked, human: &HumanOptions) -> String {
    match format {
        Format::Human => human::render(checked, human),
        Format::Json => json::render(checked),
        Format::Sarif => sarif::render(checked),
        Format::Github => github::render(checked),
    }
}
