//! `goalc report`: the view model of a progress report, built once from the checked workspace so
//! that templates only lay it out. Its JSON form (`--format json`) is what every template,
//! built-in or custom, is fed; the README documents its shape.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

mod escape;
mod helpers;
mod render;

pub use escape::{escape_markdown, escape_mermaid};
pub use helpers::{fmt_number as number, fmt_percent as percent};
pub use render::{Format, RenderFailure, Rendered, Template, render};

use crate::check::Checked;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Framework, OkrType};
use crate::progress::{self, Evaluation, Status};
use crate::text::Text;
use crate::workspace::{Goal, GoalId, Workspace};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

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

/// Deeper rows of the alignment tree are drawn at this indentation; their `depth` stays true.
const MAX_INDENT: usize = 12;

/// Every status, in the order reports list them.
pub const STATUSES: [Status; 7] = [
    Status::Done,
    Status::OnTrack,
    Status::AtRisk,
    Status::OffTrack,
    Status::Overdue,
    Status::NotStarted,
    Status::Unmeasured,
];

pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Done => "Done",
        Status::NotStarted => "Not started",
        Status::Overdue => "Overdue",
        Status::OnTrack => "On track",
        Status::AtRisk => "At risk",
        Status::OffTrack => "Off track",
        Status::Unmeasured => "Unmeasured",
    }
}

#[derive(Serialize)]
pub struct Report<'a> {
    pub generator: &'static str,
    /// The workspace's folder name.
    pub workspace: String,
    pub as_of: Date,
    pub filters: FilterView<'a>,
    pub levels: &'a [String],
    pub summary: Summary,
    /// The alignment tree, depth first: every shown goal once, under its first shown parent.
    pub tree: Vec<TreeRow<'a>>,
    /// The shown goals level by level, top level first.
    pub by_level: Vec<LevelGoals<'a>>,
    pub diagram: Diagram<'a>,
    pub goals: Vec<ReportGoal<'a>>,
    /// Findings that concern no shown goal (a syntax error, a person, the configuration).
    pub findings: Vec<ReportFinding<'a>>,
}

#[derive(Serialize)]
pub struct FilterView<'a> {
    pub team: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub level: Option<&'a str>,
    /// Whether any filter is set.
    pub active: bool,
}

#[derive(Serialize)]
pub struct Summary {
    /// Goals that match the filters (all goals of the named files without filters).
    pub goals: usize,
    /// Ancestors shown for context only.
    pub context_goals: usize,
    /// Goals with a known own progress.
    pub measured: usize,
    /// The weighted mean of the matching goals' own progress, 0..=1.
    pub progress: Option<f64>,
    /// The weighted mean of their expected progress.
    pub expected: Option<f64>,
    pub statuses: Vec<StatusCount>,
    pub by_level: Vec<Group>,
    pub by_framework: Vec<Group>,
    pub by_team: Vec<Group>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Serialize)]
pub struct StatusCount {
    pub status: Status,
    pub label: &'static str,
    pub count: usize,
}

/// Goals grouped by one attribute: a row of the summary tables.
#[derive(Serialize, Default)]
pub struct Group {
    pub name: String,
    pub goals: usize,
    pub measured: usize,
    pub progress: Option<f64>,
    pub expected: Option<f64>,
    pub done: usize,
    pub on_track: usize,
    pub at_risk: usize,
    pub off_track: usize,
    pub overdue: usize,
    pub not_started: usize,
    pub unmeasured: usize,
    #[serde(skip)]
    sums: Sums,
}

/// A goal in one line: a row of the alignment tree and of the per-level tables.
#[derive(Serialize, Clone)]
pub struct GoalRow<'a> {
    /// The goal's anchor: `goals[*].node`.
    pub node: String,
    pub id: &'a str,
    /// The title, or the id when the goal has none.
    pub name: &'a str,
    pub level: &'a str,
    pub owner: Option<&'a str>,
    pub team: Option<&'a str>,
    pub due: Option<Date>,
    pub status: Status,
    pub status_label: &'static str,
    pub progress: Option<f64>,
    pub cascade: Option<f64>,
    pub expected: Option<f64>,
    pub forecast: Option<f64>,
    pub in_filter: bool,
}

#[derive(Serialize)]
pub struct TreeRow<'a> {
    #[serde(skip)]
    goal_id: GoalId,
    #[serde(flatten)]
    pub goal: GoalRow<'a>,
    pub depth: usize,
    /// `depth`, capped for drawing.
    pub indent: usize,
    /// Shown parents other than the one this row is drawn under.
    pub also_aligns_to: Vec<GoalRef<'a>>,
}

/// The shown goals of one level, in definition order.
#[derive(Serialize)]
pub struct LevelGoals<'a> {
    pub level: &'a str,
    pub goals: Vec<GoalRow<'a>>,
}

/// The top of the alignment tree, small enough for a Mermaid diagram.
#[derive(Serialize)]
pub struct Diagram<'a> {
    pub nodes: Vec<GoalRow<'a>>,
    /// Parent → child, between drawn nodes.
    pub edges: Vec<Edge>,
    /// Shown goals left out of the diagram.
    pub omitted: usize,
}

#[derive(Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
}

#[derive(Serialize, Clone)]
pub struct GoalRef<'a> {
    pub node: String,
    pub id: &'a str,
    pub name: &'a str,
    pub status: Status,
    pub status_label: &'static str,
}

#[derive(Serialize)]
pub struct ReportGoal<'a> {
    /// A unique anchor (`g` and the goal's index): ids may repeat or hold any character.
    pub node: String,
    pub id: &'a str,
    pub title: Option<&'a str>,
    /// The title, or the id when the goal has none.
    pub name: &'a str,
    pub framework: Framework,
    pub level: &'a str,
    pub owner: Option<&'a str>,
    /// The owner's name on the roster.
    pub owner_name: Option<&'a str>,
    pub team: Option<&'a str>,
    pub file: &'a str,
    pub line: usize,
    pub start: Option<Date>,
    pub due: Option<Date>,
    /// Whether the goal matches the filters (else it is shown as an ancestor, for context).
    pub in_filter: bool,
    pub status: Status,
    pub status_label: &'static str,
    /// Own progress, 0..=1: metrics, or milestones for mastery goals.
    pub progress: Option<f64>,
    pub progress_raw: Option<f64>,
    /// The weighted mean over the goals that align to it.
    pub cascade: Option<f64>,
    /// The elapsed share of start → due at the as-of date.
    pub expected: Option<f64>,
    /// The share of the planned change the metrics' trends reach at the due date (weighted).
    pub forecast: Option<f64>,
    pub parents: Vec<GoalRef<'a>>,
    pub children: Vec<GoalRef<'a>>,
    pub okr_type: Option<OkrType>,
    pub skill: Option<&'a str>,
    pub mentor: Option<&'a str>,
    pub metrics: Vec<ReportMetric<'a>>,
    pub milestones: Vec<ReportMilestone<'a>>,
    pub pact: Option<ReportPact<'a>>,
    pub findings: Vec<ReportFinding<'a>>,
}

#[derive(Serialize)]
pub struct ReportMetric<'a> {
    pub id: &'a str,
    pub key: String,
    pub title: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub direction: Option<&'static str>,
    pub current: Option<f64>,
    pub progress: Option<f64>,
    pub progress_raw: Option<f64>,
    pub forecast: Option<progress::Forecast>,
    /// The goal's start and due, the time axis of the metric's chart.
    pub start: Option<Date>,
    pub due: Option<Date>,
    /// Check-ins on or before the as-of date, oldest first.
    pub checkins: Vec<ReportCheckin<'a>>,
}

#[derive(Serialize)]
pub struct ReportCheckin<'a> {
    pub date: Date,
    pub value: f64,
    pub note: Option<&'a str>,
    pub confidence: Option<f64>,
}

#[derive(Serialize)]
pub struct ReportMilestone<'a> {
    pub title: Option<&'a str>,
    pub level: Option<u8>,
    pub due: Option<Date>,
    pub done: Option<Date>,
    /// Done on or before the as-of date.
    pub reached: bool,
}

#[derive(Serialize)]
pub struct ReportPact<'a> {
    pub parties: Vec<Party<'a>>,
    pub commitments: Vec<Commitment<'a>>,
    pub agreed: Option<Date>,
}

#[derive(Serialize)]
pub struct Party<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Commitment<'a> {
    pub party: &'a str,
    pub commitment: &'a str,
}

#[derive(Serialize, Clone)]
pub struct ReportFinding<'a> {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    /// The goal it concerns, by id and by anchor (when that goal is shown).
    pub goal: Option<&'a str>,
    pub node: Option<String>,
}

#[derive(Default)]
struct Sums {
    progress: (f64, f64),
    expected: (f64, f64),
}

impl Sums {
    fn add(&mut self, weight: f64, progress: Option<f64>, expected: Option<f64>) {
        if let Some(p) = progress {
            self.progress.0 += weight * p;
            self.progress.1 += weight;
        }
        if let Some(e) = expected {
            self.expected.0 += weight * e;
            self.expected.1 += weight;
        }
    }

    fn means(&self) -> (Option<f64>, Option<f64>) {
        let mean = |(sum, w): (f64, f64)| (w > 0.0).then(|| sum / w).filter(|m| m.is_finite());
        (mean(self.progress), mean(self.expected))
    }
}

impl Group {
    fn add(&mut self, status: Status, weight: f64, progress: Option<f64>, expected: Option<f64>) {
        self.goals += 1;
        self.measured += usize::from(progress.is_some());
        self.sums.add(weight, progress, expected);
        *match status {
            Status::Done => &mut self.done,
            Status::OnTrack => &mut self.on_track,
            Status::AtRisk => &mut self.at_risk,
            Status::OffTrack => &mut self.off_track,
            Status::Overdue => &mut self.overdue,
            Status::NotStarted => &mut self.not_started,
            Status::Unmeasured => &mut self.unmeasured,
        } += 1;
    }

    fn finish(mut self) -> Group {
        (self.progress, self.expected) = self.sums.means();
        self
    }
}

fn node(id: GoalId) -> String {
    format!("g{}", id.0)
}

fn text<'a>(v: impl Into<Option<&'a crate::span::Sp<Text>>>) -> Option<&'a str> {
    v.into().map(|x| x.value.as_str())
}

fn val<'a, T: Copy + 'a>(v: impl Into<Option<&'a crate::span::Sp<T>>>) -> Option<T> {
    v.into().map(|x| x.value)
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

    fn row(&self, id: GoalId) -> GoalRow<'a> {
        let g = self.ws.goal(id);
        let e = self.eval.goal(id);
        GoalRow {
            node: node(id),
            id: &g.id.value,
            name: name(g),
            level: self.level(g),
            owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
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

    /// The resolved parents that are shown.
    fn parents<'g>(&'g self, g: &'g Goal) -> impl Iterator<Item = GoalId> + 'g {
        g.parents
            .iter()
            .filter_map(|p| p.target)
            .filter(|p| self.is_shown(*p))
    }
}

fn name(g: &Goal) -> &str {
    g.title
        .as_ref()
        .map_or(g.id.value.as_str(), |t| t.value.as_str())
}

/// At most this many goals are drawn in the Mermaid diagram (GitHub refuses large diagrams).
const DIAGRAM_NODES: usize = 100;

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

    // Findings go to the goal they name, preferring a definition in the finding's own file
    // when an id is defined twice.
    let mut by_goal: HashMap<GoalId, Vec<ReportFinding>> = HashMap::default();
    let mut loose = Vec::new();
    for d in &checked.diagnostics {
        let goal = d
            .goal
            .as_deref()
            .and_then(|id| finding_goal(ws, id, d))
            .filter(|g| view.is_shown(*g));
        let finding = report_finding(ws, d, goal);
        match goal {
            Some(g) => by_goal.entry(g).or_default().push(finding),
            None => loose.push(finding),
        }
    }

    let mut goals = Vec::new();
    let mut statuses = [0usize; STATUSES.len()];
    let (mut levels, mut frameworks, mut teams) =
        (Groups::default(), Groups::default(), Groups::default());
    let mut overall = Sums::default();
    let (mut matched, mut context, mut measured) = (0, 0, 0);
    let mut by_level: Vec<LevelGoals> = ws
        .levels()
        .iter()
        .map(|l| LevelGoals {
            level: l,
            goals: Vec::new(),
        })
        .collect();
    for (id, g) in ws.goal_ids() {
        if !view.is_shown(id) {
            continue;
        }
        let e = view.eval.goal(id);
        let own = e.own.map(|p| p.clamped);
        if view.in_filter[id.0 as usize] {
            matched += 1;
            measured += usize::from(own.is_some());
            if let Some(i) = STATUSES.iter().position(|s| *s == e.status) {
                statuses[i] += 1;
            }
            overall.add(g.weight, own, e.expected);
            let add = |group: &mut Group| group.add(e.status, g.weight, own, e.expected);
            add(levels.get(view.level(g)));
            add(frameworks.get(g.framework.value.as_str()));
            add(teams.get(view.ws.team(g).unwrap_or("(no team)")));
        } else {
            context += 1;
        }
        if let Some(l) = by_level.get_mut(g.level.value) {
            l.goals.push(view.row(id));
        }
        goals.push(report_goal(&view, id, g, &mut by_goal));
    }
    by_level.retain(|l| !l.goals.is_empty());

    let (progress, expected) = overall.means();
    let mut level_groups = levels.finish();
    // Levels in their configured order, not alphabetically.
    level_groups.sort_by_key(|g| ws.levels().iter().position(|l| *l == g.name));
    let summary = Summary {
        goals: matched,
        context_goals: context,
        measured,
        progress,
        expected,
        statuses: STATUSES
            .iter()
            .zip(statuses)
            .map(|(&status, count)| StatusCount {
                status,
                label: status_label(status),
                count,
            })
            .collect(),
        by_level: level_groups,
        by_framework: frameworks.finish(),
        by_team: teams.finish(),
        errors: count(checked, Severity::Error),
        warnings: count(checked, Severity::Warning),
    };
    let tree = tree(&view);
    let diagram = diagram(&view, &tree);

    Report {
        generator: concat!("goalc ", env!("CARGO_PKG_VERSION")),
        workspace: ws
            .root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        as_of: ws.as_of,
        filters: FilterView {
            team: filters.team.as_deref(),
            owner: filters.owner.as_deref(),
            level: filters.level.as_deref(),
            active: filters.team.is_some() || filters.owner.is_some() || filters.level.is_some(),
        },
        levels: ws.levels(),
        summary,
        tree,
        by_level,
        diagram,
        goals,
        findings: loose,
    }
}

fn count(checked: &Checked, severity: Severity) -> usize {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

/// Groups by name, sorted by name when finished.
#[derive(Default)]
struct Groups(HashMap<String, Group>);

impl Groups {
    fn get(&mut self, name: &str) -> &mut Group {
        self.0.entry(name.to_string()).or_insert_with(|| Group {
            name: name.to_string(),
            ..Group::default()
        })
    }

    fn finish(self) -> Vec<Group> {
        let mut groups: Vec<Group> = self.0.into_values().map(Group::finish).collect();
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        groups
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

/// The goal a finding names: the definition in the finding's file if there is one.
fn finding_goal(ws: &Workspace, id: &str, d: &Diagnostic) -> Option<GoalId> {
    let first = ws.goal_by_id(id)?;
    if ws.goal(first).file == d.file {
        return Some(first);
    }
    ws.goal_ids()
        .filter(|(_, g)| g.file == d.file && g.id.value == id && g.id.span.start <= d.span.start)
        .last()
        .map(|(gid, _)| gid)
        .or(Some(first))
}

fn report_finding<'a>(
    ws: &'a Workspace,
    d: &'a Diagnostic,
    goal: Option<GoalId>,
) -> ReportFinding<'a> {
    let file = ws.file(d.file);
    let pos = file.position(d.span.start);
    ReportFinding {
        rule: d.rule.name(),
        severity: d.severity,
        message: &d.message,
        help: d.help.as_deref(),
        file: &file.name,
        line: pos.line,
        column: pos.column,
        goal: d.goal.as_deref(),
        node: goal.map(node),
    }
}

fn report_goal<'a>(
    view: &View<'a>,
    id: GoalId,
    g: &'a Goal,
    by_goal: &mut HashMap<GoalId, Vec<ReportFinding<'a>>>,
) -> ReportGoal<'a> {
    let ws = view.ws;
    let e = view.eval.goal(id);
    let as_of = ws.as_of;
    let (start, due) = (val(&g.start), val(&g.due));
    let person = |p: Option<crate::workspace::PersonId>| p.and_then(|p| text(&ws.person(p).name));
    let metrics = g
        .metrics
        .iter()
        .map(|&m| {
            let m = ws.metric(m);
            let p = progress::metric_progress(m, as_of);
            ReportMetric {
                id: &m.id.value,
                key: ws.key(m).to_string(),
                title: text(&m.title),
                unit: text(&m.unit),
                baseline: val(&m.baseline),
                target: val(&m.target),
                direction: m.direction(),
                current: progress::current_value(m, as_of),
                progress: p.map(|p| p.clamped),
                progress_raw: p.map(|p| p.raw),
                forecast: progress::forecast(g, m, as_of),
                start,
                due,
                checkins: progress::checkins_until(m, as_of)
                    .iter()
                    .map(|c| ReportCheckin {
                        date: c.date.value,
                        value: c.value.value,
                        note: text(c.note()),
                        confidence: val(c.confidence()),
                    })
                    .collect(),
            }
        })
        .collect();
    let file = ws.file(g.file);
    ReportGoal {
        node: node(id),
        id: &g.id.value,
        title: text(&g.title),
        name: name(g),
        framework: g.framework.value,
        level: view.level(g),
        owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
        owner_name: person(g.owner.as_ref().and_then(|o| o.target)),
        team: view.ws.team(g),
        file: &file.name,
        line: file.position(g.id.span.start).line,
        start,
        due,
        in_filter: view.in_filter[id.0 as usize],
        status: e.status,
        status_label: status_label(e.status),
        progress: e.own.map(|p| p.clamped),
        progress_raw: e.own.map(|p| p.raw),
        cascade: e.cascade.map(|p| p.clamped),
        expected: e.expected,
        forecast: view.forecast[id.0 as usize],
        parents: view.parents(g).map(|p| view.goal_ref(p)).collect(),
        children: g
            .children
            .iter()
            .copied()
            .filter(|c| view.is_shown(*c))
            .map(|c| view.goal_ref(c))
            .collect(),
        okr_type: val(&g.okr_type),
        skill: text(g.skill()),
        mentor: g.mentor().map(|m| m.id.value.as_str()),
        metrics,
        milestones: g
            .milestones()
            .iter()
            .flat_map(|m| m.value.iter())
            .map(|m| ReportMilestone {
                title: text(&m.title),
                level: val(&m.level),
                due: val(&m.due),
                done: val(&m.done),
                reached: m.done.as_ref().is_some_and(|d| d.value <= as_of),
            })
            .collect(),
        pact: (g.framework.value == Framework::Pact).then(|| ReportPact {
            parties: g
                .parties()
                .iter()
                .flat_map(|p| p.value.iter())
                .map(|l| Party {
                    id: &l.id.value,
                    name: person(l.target),
                })
                .collect(),
            commitments: g
                .commitments()
                .iter()
                .flat_map(|c| c.value.iter())
                .map(|(who, what)| Commitment {
                    party: &who.value,
                    commitment: &what.value,
                })
                .collect(),
            agreed: val(g.agreed()),
        }),
        findings: by_goal.remove(&id).unwrap_or_default(),
    }
}

/// The alignment tree over the shown goals, depth first and without recursion (chains can be
/// tens of thousands of goals long). A goal with several shown parents is drawn once, under
/// the first; goals on a cycle with no root are drawn from the first of them met.
fn tree<'a>(view: &View<'a>) -> Vec<TreeRow<'a>> {
    let ws = view.ws;
    let mut drawn = vec![false; ws.goals.len()];
    let mut rows = Vec::new();
    let roots = ws
        .goal_ids()
        .filter(|(id, g)| view.is_shown(*id) && view.parents(g).next().is_none())
        .map(|(id, _)| id);
    let rest = ws
        .goal_ids()
        .map(|(id, _)| id)
        .filter(|id| view.is_shown(*id));
    for root in roots.chain(rest) {
        if drawn[root.0 as usize] {
            continue;
        }
        // (goal, depth, the parent it is drawn under)
        let mut stack = vec![(root, 0usize, None::<GoalId>)];
        drawn[root.0 as usize] = true;
        while let Some((id, depth, under)) = stack.pop() {
            let g = ws.goal(id);
            rows.push(TreeRow {
                goal_id: id,
                goal: view.row(id),
                depth,
                indent: depth.min(MAX_INDENT),
                also_aligns_to: view
                    .parents(g)
                    .filter(|p| Some(*p) != under)
                    .map(|p| view.goal_ref(p))
                    .collect(),
            });
            // Reversed, so the first child is drawn first.
            for &c in g.children.iter().rev() {
                if view.is_shown(c) && !drawn[c.0 as usize] {
                    drawn[c.0 as usize] = true;
                    stack.push((c, depth + 1, Some(id)));
                }
            }
        }
    }
    rows
}

/// The top of the tree: the shallowest goals first, up to [`DIAGRAM_NODES`], in tree order.
fn diagram<'a>(view: &View<'a>, tree: &[TreeRow<'a>]) -> Diagram<'a> {
    let mut rows: Vec<usize> = (0..tree.len()).collect();
    rows.sort_by_key(|&i| tree[i].depth);
    rows.truncate(DIAGRAM_NODES);
    rows.sort_unstable();
    let mut drawn = vec![false; view.ws.goals.len()];
    for &i in &rows {
        drawn[tree[i].goal_id.0 as usize] = true;
    }
    let mut edges = Vec::new();
    for &i in &rows {
        let id = tree[i].goal_id;
        for &c in &view.ws.goal(id).children {
            if drawn[c.0 as usize] {
                edges.push(Edge {
                    from: node(id),
                    to: node(c),
                });
            }
        }
    }
    Diagram {
        nodes: rows.iter().map(|&i| tree[i].goal.clone()).collect(),
        edges,
        omitted: tree.len() - rows.len(),
    }
}
