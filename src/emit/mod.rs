//! Turning findings into text: for people (miette), machines (JSON, SARIF) and CI (GitHub,
//! GitLab, JUnit).

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

pub(crate) use concise::statistics;
pub(crate) use human::{HumanOptions, render_diagnostics, summary_line};

use crate::check::Checked;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    Human,
    Json,
    Sarif,
    Github,
    Gitlab,
    Junit,
    /// `file:line:col: severity[rule] message`, one line per finding, for editors
    Concise,
}

impl Format {
    pub(crate) const NAMES: &'static [&'static str] = &[
        "human", "json", "sarif", "github", "gitlab", "junit", "concise",
    ];
}

pub(crate) fn render(format: Format, checked: &Checked, human: &HumanOptions) -> String {
    match format {
        Format::Human => human::render(checked, human),
        Format::Json => json::render(checked),
        Format::Sarif => sarif::render(checked),
        Format::Github => github::render(checked),
        Format::Gitlab => gitlab::render(checked),
        Format::Junit => junit::render(checked),
        Format::Concise => concise::render(checked),
    }
}
