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
use super::model::{FilterView, GoalLink, GoalRef, GoalRow, PersonRow, Report, status_label};
use crate::base::text::Text;
use crate::check::Checked;
use crate::progress::{self, Evaluation};
use crate::source::FileId;
use crate::workspace::{Goal, GoalId, Workspace};
use rustc_hash::{FxHashMap, FxHashSet};

/// Builds the report of the checked workspace at its as-of date.
pub fn build<'a>(checked: &'a Checked, filters: &'a Filters) -> Report<'a> {
    build_with(checked, filters, &Shared::new(checked), None)
}

/// What every report of one workspace shares, computed once: a site builds thousands of
/// reports, each of a few goals, and none may cost a pass over the whole workspace.
pub struct Shared<'a> {
    /// Per diagnostic: the goal it concerns, shown or not.
    diag_goal: Vec<Option<GoalId>>,
    /// Per goal: the diagnostics about it, in order.
    by_goal: FxHashMap<GoalId, Vec<usize>>,
    /// Per file: the diagnostics in it about no goal.
    goalless: FxHashMap<FileId, Vec<usize>>,
    /// The People table of the whole workspace, and where each id's row is.
    people: Vec<PersonRow<'a>>,
    person_at: FxHashMap<&'a str, usize>,
    /// Past this many shown goals, the reports built leave the goal cards and the tree out
    /// (the built-in HTML page would leave them out anyway: building them is the cost).
    card_limit: Option<usize>,
    /// Ids beside names (`--show-ids`).
    show_ids: bool,
}

impl<'a> Shared<'a> {
    pub fn new(checked: &'a Checked) -> Self {
        let ws = &checked.workspace;
        let diag_goal: Vec<Option<GoalId>> = checked
            .diagnostics
            .iter()
            .map(|d| {
                d.goal
                    .as_deref()
                    .and_then(|id| goal::finding_goal(ws, id, d))
            })
            .collect();
        let mut by_goal: FxHashMap<GoalId, Vec<usize>> = FxHashMap::default();
        let mut goalless: FxHashMap<FileId, Vec<usize>> = FxHashMap::default();
        for (i, (g, d)) in diag_goal.iter().zip(&checked.diagnostics).enumerate() {
            match g {
                Some(g) => by_goal.entry(*g).or_default().push(i),
                None => goalless.entry(d.file).or_default().push(i),
            }
        }
        let people = people::people(checked);
        let person_at = people.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        Shared {
            diag_goal,
            by_goal,
            goalless,
            people,
            person_at,
            card_limit: None,
            show_ids: false,
        }
    }

    /// Reports built with this leave out the goal cards and the alignment tree past `limit`
    /// shown goals.
    pub fn with_card_limit(mut self, limit: usize) -> Self {
        self.card_limit = Some(limit);
        self
    }

    /// Reports built with this show each goal's and person's id beside its name.
    pub fn with_show_ids(mut self, show: bool) -> Self {
        self.show_ids = show;
        self
    }
}

/// Builds the report of `filters` over `candidates` only, when given: the goals that can
/// match, which the caller knows (a site indexes goals by team and owner once), so that the
/// report costs what it shows rather than the whole workspace.
pub fn build_with<'a>(
    checked: &'a Checked,
    filters: &'a Filters,
    shared: &Shared<'a>,
    candidates: Option<&[GoalId]>,
) -> Report<'a> {
    let ws = &checked.workspace;
    let matches = |id: GoalId| {
        let g = ws.goal(id);
        checked.in_scope[g.file.0 as usize] && filters.matches(ws, g)
    };
    let in_filter: FxHashSet<GoalId> = match candidates {
        Some(c) => c.iter().copied().filter(|id| matches(*id)).collect(),
        None => ws
            .goal_ids()
            .map(|(id, _)| id)
            .filter(|id| matches(*id))
            .collect(),
    };
    let shown = with_ancestors(ws, &in_filter);
    let mut ids: Vec<GoalId> = shown.iter().copied().collect();
    ids.sort_unstable();
    let forecast = ids
        .iter()
        .filter_map(|&id| progress::goal_forecast(ws, ws.goal(id)).map(|f| (id, f)))
        .collect();
    let view = View {
        ws,
        eval: &checked.evaluation,
        filters,
        filtered: filters.team.is_some() || filters.owner.is_some() || filters.level.is_some(),
        in_filter,
        shown,
        ids,
        forecast,
        show_ids: shared.show_ids,
    };

    let (mut by_goal, loose, counted) = goal::findings(checked, shared, &view);
    let cards = shared.card_limit.is_none_or(|n| view.ids.len() <= n);
    let goals = match cards {
        true => view
            .ids
            .iter()
            .map(|&id| goal::report_goal(&view, id, ws.goal(id), &mut by_goal))
            .collect(),
        false => Vec::new(),
    };
    let tree = match cards {
        true => tree::tree(&view),
        false => Vec::new(),
    };
    let diagram = tree::diagram(&view, &tree);
    let claims = people::claims(checked, shared, &view);
    let period = attention::period(ws, checked);
    let achieved_since = checked.history.as_ref().map(|h| h.date).or(period.start);
    let attention = attention::attention(&view, &claims);
    let achieved = achieved::achieved(&view, achieved_since);
    let summary = summary::summary(&view, counted);

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
        show_ids: shared.show_ids,
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
            active: view.filtered,
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
        people: people::select(checked, shared, &view),
        goals,
        findings: loose,
        left_out: None,
        site: None,
    }
}

/// What every part of the report reads: the workspace, its evaluation and who is shown.
struct View<'a> {
    ws: &'a Workspace,
    eval: &'a Evaluation,
    filters: &'a Filters,
    /// Whether any filter is set: then the findings counted are those of the matching goals.
    filtered: bool,
    in_filter: FxHashSet<GoalId>,
    /// Matching goals and their ancestors.
    shown: FxHashSet<GoalId>,
    /// The shown goals in definition order.
    ids: Vec<GoalId>,
    /// Per shown goal: the weighted share of the planned change its metrics' trends reach at
    /// due.
    forecast: FxHashMap<GoalId, f64>,
    show_ids: bool,
}

impl<'a> View<'a> {
    fn is_shown(&self, id: GoalId) -> bool {
        self.shown.contains(&id)
    }

    fn matches(&self, id: GoalId) -> bool {
        self.in_filter.contains(&id)
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
            forecast: self.forecast.get(&id).copied(),
            in_filter: self.matches(id),
            show_id: self.show_ids,
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
fn with_ancestors(ws: &Workspace, in_filter: &FxHashSet<GoalId>) -> FxHashSet<GoalId> {
    let mut shown = in_filter.clone();
    let mut stack: Vec<GoalId> = in_filter.iter().copied().collect();
    while let Some(g) = stack.pop() {
        for p in ws.goal(g).parents.iter().filter_map(|p| p.target) {
            if shown.insert(p) {
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
