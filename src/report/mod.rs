//! `goalc report`: the view model of a progress report, built once from the checked workspace so
//! that templates only lay it out. Its JSON form (`--format json`) is what every template,
//! built-in or custom, is fed; the README documents its shape.
//!
//! [`build()`] makes the [`Report`] (the types are in `model`, the builders in `build`), and
//! [`render()`] writes it as HTML, Markdown or JSON.

mod build;
mod changes;
mod escape;
mod fit;
mod helpers;
mod model;
mod render;
mod site;

pub use build::{Shared, build, build_with, person_load};
pub use changes::{ChangedGoal, Changes};
pub use escape::{escape_markdown, escape_mermaid};
pub use fit::{MARKDOWN_LIMIT, markdown};
pub use helpers::{fmt_number as number, fmt_percent as percent};
pub use model::PersonRow;
pub use model::{
    Commitment, Diagram, Edge, FilterView, GoalRef, GoalRow, Group, LevelGoals, Party, Report,
    ReportCheckin, ReportFinding, ReportGoal, ReportMetric, ReportMilestone, ReportPact, STATUSES,
    StatusCount, Summary, TreeRow, status_label,
};
pub use render::{Format, RenderFailure, Rendered, Template, render};
pub use site::{
    CARD_LIMIT, LeftOut, NavLink, PEOPLE_LIMIT, SiteFailure, SiteNav, limit, write_site,
};

use crate::workspace::{Goal, Workspace};

/// Narrows a report; goals that match stay, with their ancestors for context.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub team: Option<String>,
    pub owner: Option<String>,
    pub level: Option<String>,
}

impl Filters {
    fn matches(&self, ws: &Workspace, goal: &Goal) -> bool {
        let team = self
            .team
            .as_deref()
            .is_none_or(|t| ws.team(goal) == Some(t));
        let owner = self
            .owner
            .as_deref()
            .is_none_or(|o| goal.owner.as_ref().is_some_and(|g| g.id.value == o));
        let level = self
            .level
            .as_deref()
            .is_none_or(|l| ws.levels().get(goal.level.value).is_some_and(|n| n == l));
        team && owner && level
    }
}
