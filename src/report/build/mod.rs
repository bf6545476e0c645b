//! Building the view model once from the checked workspace: which goals are shown, then each
//! section from the same [`View`], so that templates only lay it out.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

mod achieved;
mod attention;
mod charts;
mod goal;
mod people;

pub use people::person_load;
mod summary;
mod tree;

use super::Filters;
use super::model::{FilterView, GoalLink, GoalRef, GoalRow, Report, status_label};
use crate::base::text::Text;
use crate::check::Checked;
use crate::progress::{self, Evaluation};
use crate::workspace::{Goal, GoalId, Workspace};

/// Builds the report of the checked workspace at its as-of date.
pub fn build<'a>(checked: &'a Checked, filters: &'a Filters) -> Report<'a> {
    let ws = &checked.workspace;
    let in_filter: Vec<bool> = ws
        .goals
        .iter()
        .map(|g| checked.in_scope[g.file.0 as usize] && filters.matches(ws, g))
        .collect();
    let shown = with_ancestors(ws, &in_filter);
    let forecast = ws
        .goal_ids()
        .map(|(id, g)| {
            if shown[id.0 as usize] {
                progress::goal_forecast(ws, g)
            } else {
                None
            }
        })
        .collect();
    let view = View {
        ws,
        eval: &checked.evaluation,
        in_filter,
        shown,
        forecast,
    };

    let (mut by_goal, loose) = goal::findings(checked, &view);
    let goals = ws
        .goal_ids()
        .filter(|(id, _)| view.is_shown(*id))
        .map(|(id, g)| goal::report_goal(&view, id, g, &mut by_goal))
        .collect();
    let tree = tree::tree(&view);
    let diagram = tree::diagram(&view, &tree);
    let claims = people::claims(checked, &view);
    let period = attention::period(ws, checked);
    let achieved_since = checked.history.as_ref().map(|h| h.date).or(period.start);
    let attention = attention::attention(&view, &claims);
    let achieved = achieved::achieved(&view, achieved_since);
    let summary = summary::summary(checked, &view);

    Report {
        generator: concat!("goalc ", env!("CARGO_PKG_VERSION")),
        workspace: ws
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        title: attention::title(ws, checked),
        period,
        as_of: ws.as_of,
        show_ids: false,
        headline: attention::headline(&summary, attention.len(), ws.as_of),
        attention,
        achieved_summary: achieved::summary(&achieved),
        achieved,
        achieved_since,
        burnup: charts::burnup(&view, period),
        filters: FilterView {
            team: filters.team.as_deref(),
            owner: filters.owner.as_deref(),
            level: filters.level.as_deref(),
            active: filters.team.is_some() || filters.owner.is_some() || filters.level.is_some(),
        },
        levels: ws.levels(),
        summary,
        tree,
        by_level: summary::by_level(&view),
        diagram,
        changes: checked
            .history
            .as_ref()
            .map(|h| super::changes::changes(h, |id| view.is_shown(id).then(|| node(id)))),
        claims,
        people: people::people(checked, &view),
        goals,
        findings: loose,
    }
}

/// What every part of the report reads: the workspace, its evaluation and who is shown.
struct View<'a> {
    ws: &'a Workspace,
    eval: &'a Evaluation,
    in_filter: Vec<bool>,
    /// Matching goals and their ancestors.
    shown: Vec<bool>,
    /// Per goal: the weighted share of the planned change its metrics' trends reach at due.
    forecast: Vec<Option<f64>>,
}

impl<'a> View<'a> {
    fn is_shown(&self, id: GoalId) -> bool {
        self.shown[id.0 as usize]
    }

    fn level(&self, g: &Goal) -> &'a str {
        self.ws
            .levels()
            .get(g.level.value)
            .map_or("", String::as_str)
    }

    fn goal_ref(&self, id: GoalId) -> GoalRef<'a> {
        let g = self.ws.goal(id);
        let status = self.eval.goal(id).status;
        GoalRef {
            node: node(id),
            id: &g.id.value,
            name: name(g),
            status,
            status_label: status_label(status),
        }
    }

    fn goal_link(&self, id: GoalId) -> GoalLink<'a> {
        let g = self.ws.goal(id);
        GoalLink {
            node: node(id),
            id: &g.id.value,
            name: name(g),
        }
    }

    fn row(&self, id: GoalId) -> GoalRow<'a> {
        let g = self.ws.goal(id);
        let e = self.eval.goal(id);
        GoalRow {
            node: node(id),
            id: &g.id.value,
            name: name(g),
            level: self.level(g),
            owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
            owner_name: self.owner_name(g),
            team: self.ws.team(g),
            due: val(&g.due),
            status: e.status,
            status_label: status_label(e.status),
            progress: e.own.map(|p| p.clamped),
            cascade: e.cascade.map(|p| p.clamped),
            expected: e.expected,
            forecast: self.forecast[id.0 as usize],
            in_filter: self.in_filter[id.0 as usize],
        }
    }

    /// The owner's name on the roster.
    fn owner_name(&self, g: &Goal) -> Option<&'a str> {
        let p = g.owner.as_ref()?.target?;
        text(&self.ws.person(p).name)
    }

    /// The resolved parents that are shown.
    fn parents<'g>(&'g self, g: &'g Goal) -> impl Iterator<Item = GoalId> + 'g {
        g.parents
            .iter()
            .filter_map(|p| p.target)
            .filter(|p| self.is_shown(*p))
    }
}

/// The goals that match and every goal they align to, transitively.
fn with_ancestors(ws: &Workspace, in_filter: &[bool]) -> Vec<bool> {
    let mut shown = in_filter.to_vec();
    let mut stack: Vec<GoalId> = ws
        .goal_ids()
        .map(|(id, _)| id)
        .filter(|g| in_filter[g.0 as usize])
        .collect();
    while let Some(g) = stack.pop() {
        for p in ws.goal(g).parents.iter().filter_map(|p| p.target) {
            if !shown[p.0 as usize] {
                shown[p.0 as usize] = true;
                stack.push(p);
            }
        }
    }
    shown
}

fn node(id: GoalId) -> String {
    format!("g{}", id.0)
}

fn name(g: &Goal) -> &str {
    g.title
        .as_ref()
        .map_or(g.id.value.as_str(), |t| t.value.as_str())
}

fn text<'a>(v: impl Into<Option<&'a crate::base::span::Sp<Text>>>) -> Option<&'a str> {
    v.into().map(|x| x.value.as_str())
}

fn val<'a, T: Copy + 'a>(v: impl Into<Option<&'a crate::base::span::Sp<T>>>) -> Option<T> {
    v.into().map(|x| x.value)
}
