//! The report's view model: what `report --format json` prints and every template reads. Its
//! shape is documented in the README, so a renamed field breaks users' templates.

use crate::base::date::Date;
use crate::diagnostic::Severity;
use crate::model::{Framework, MetricKind, OkrType, ReportedStatus};
use crate::progress::{self, Status};
use crate::workspace::GoalId;
use serde::Serialize;

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
    /// The `title` of goalc.toml, else the title of the top-level plan, else the folder's name.
    pub title: String,
    /// The plan period: the top-level plan's start and end.
    pub period: Period,
    pub as_of: Date,
    /// Whether ids are shown beside names (`report --show-ids`); always in `title` attributes.
    pub show_ids: bool,
    /// The page's summary in one sentence.
    pub headline: String,
    /// The goals that need attention, heaviest first.
    pub attention: Vec<AttentionRow<'a>>,
    /// Goals done and milestones reached since `achieved_since`, newest first.
    pub achieved: Vec<AchievedRow<'a>>,
    /// "3 goals done and 8 milestones reached, by 6 people"; null when nothing was.
    pub achieved_summary: Option<String>,
    /// What `achieved` counts from: the period's start, or the date of `--since REF`.
    pub achieved_since: Option<Date>,
    /// The plan's done share over time against the expected share.
    pub burnup: Option<Burnup>,
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
    /// With `--since REF`: what changed in the plan since REF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<super::changes::Changes<'a>>,
    /// Every contradicted claim (the findings of the three claim rules), newest first.
    pub claims: Vec<ClaimRow<'a>>,
    /// One row per person of the roster or owning anything.
    pub people: Vec<PersonRow<'a>>,
    /// What a page too large to open leaves out, and where to find it; null when nothing.
    pub left_out: Option<super::site::LeftOut>,
    /// On a page of `report --site`: the links to the other pages; null otherwise.
    pub site: Option<super::site::SiteNav>,
}

#[derive(Serialize, Clone, Copy, Default)]
pub struct Period {
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// A goal that needs attention (off track, overdue, at risk, or a claim the numbers contradict)
/// and why, in a sentence.
#[derive(Serialize)]
pub struct AttentionRow<'a> {
    /// The goal card's anchor; none when the page leaves the cards out.
    pub node: Option<String>,
    pub id: &'a str,
    pub name: &'a str,
    pub owner: Option<&'a str>,
    pub owner_name: Option<&'a str>,
    pub status: Status,
    pub status_label: &'static str,
    pub progress: Option<f64>,
    pub expected: Option<f64>,
    pub forecast: Option<f64>,
    pub weight: f64,
    /// "41 % done, 63 % expected, forecast 58 % by 30 Sep".
    pub why: String,
}

/// A goal done or a mastery milestone reached, on the day it happened.
#[derive(Serialize)]
pub struct AchievedRow<'a> {
    /// The goal card's anchor; none when the page leaves the cards out.
    pub node: Option<String>,
    pub id: &'a str,
    pub name: &'a str,
    pub owner: Option<&'a str>,
    pub owner_name: Option<&'a str>,
    /// `goal` or `milestone`.
    pub kind: &'static str,
    /// "Goal done", "Milestone reached: Leads a design critique (level 4)".
    pub what: String,
    pub date: Option<Date>,
}

/// The plan's burn-up: at each date, the weighted share of the whole plan done (a goal not
/// measured by then counts as 0) and the share expected by then.
#[derive(Serialize)]
pub struct Burnup {
    pub goals: usize,
    pub points: Vec<BurnupPoint>,
}

#[derive(Serialize)]
pub struct BurnupPoint {
    pub date: Date,
    /// Null after the as-of date: not known yet.
    pub done: Option<f64>,
    pub expected: Option<f64>,
}

/// A point of a metric's planned path: the baseline at the start, its waypoints, the target at
/// the due date.
#[derive(Serialize)]
pub struct PlanPoint {
    pub date: Date,
    pub value: f64,
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

/// A claim the numbers contradict: the reporter's side and the computed side, at its date.
#[derive(Serialize)]
pub struct ClaimRow<'a> {
    /// The goal's node, when it is shown.
    pub node: Option<String>,
    pub id: &'a str,
    /// `goal-id.metric-id`; null for a goal's score.
    pub metric: Option<&'a str>,
    pub date: Date,
    pub claimed: String,
    pub computed: String,
    pub rule: &'static str,
    pub message: &'a str,
}

/// What one person carries: counts, the busiest week's effort against capacity, and the
/// statuses of the goals they own.
#[derive(Serialize, Clone)]
pub struct PersonRow<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    pub team: Option<&'a str>,
    /// Goals owned.
    pub goals: usize,
    /// Pacts they are a party to.
    pub pacts: usize,
    /// Key results naming them as their own owner.
    pub metrics: usize,
    /// The Monday of the week with the most effort from the as-of date on; null without effort.
    pub busiest_week: Option<Date>,
    /// Hours a week of that week; null without effort.
    pub effort: Option<f64>,
    pub capacity: Option<f64>,
    /// Whether `effort` exceeds `capacity`.
    pub over: bool,
    pub statuses: Vec<PersonStatus>,
}

#[derive(Serialize, Clone)]
pub struct PersonStatus {
    pub status: Status,
    pub label: &'static str,
    pub count: usize,
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
    pub owner_name: Option<&'a str>,
    pub team: Option<&'a str>,
    pub due: Option<Date>,
    pub status: Status,
    pub status_label: &'static str,
    pub progress: Option<f64>,
    pub cascade: Option<f64>,
    pub expected: Option<f64>,
    pub forecast: Option<f64>,
    pub in_filter: bool,
    /// `--show-ids`, on the row itself: lists rendered on every core see only their item.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub show_id: bool,
}

#[derive(Serialize)]
pub struct TreeRow<'a> {
    /// The goal itself, which the diagram walks from; templates have `node`.
    #[serde(skip)]
    pub(super) goal_id: GoalId,
    #[serde(flatten)]
    pub goal: GoalRow<'a>,
    pub depth: usize,
    /// `depth`, capped for drawing.
    pub indent: usize,
    /// Shown parents other than the one this row is drawn under.
    pub also_aligns_to: Vec<GoalRef<'a>>,
    /// The key result of the parent it is drawn under that it aligns through
    /// (`goal-id.metric-id`), if `aligns_to` names one.
    pub via: Option<String>,
    /// Shown goals it supports sideways.
    pub supports: Vec<GoalLink<'a>>,
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
    pub edges: Vec<Edge<'a>>,
    /// Supporter → supported (`supports`), between drawn nodes.
    pub supports: Vec<Edge<'a>>,
    /// Shown goals left out of the diagram.
    pub omitted: usize,
}

#[derive(Serialize)]
pub struct Edge<'a> {
    pub from: String,
    pub to: String,
    /// The id of the parent's key result the child aligns through, if named.
    pub via: Option<&'a str>,
}

#[derive(Serialize, Clone)]
pub struct GoalRef<'a> {
    pub node: String,
    pub id: &'a str,
    pub name: &'a str,
    pub status: Status,
    pub status_label: &'static str,
}

/// A parent of a goal and the key result the goal aligns through.
#[derive(Serialize, Clone)]
pub struct ParentRef<'a> {
    #[serde(flatten)]
    pub goal: GoalRef<'a>,
    /// `goal-id.metric-id` when `aligns_to` names a key result, else null.
    pub metric: Option<String>,
}

/// A goal named by a link that is not alignment (`supports`).
#[derive(Serialize, Clone)]
pub struct GoalLink<'a> {
    pub node: String,
    pub id: &'a str,
    pub name: &'a str,
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
    pub parents: Vec<ParentRef<'a>>,
    pub children: Vec<GoalRef<'a>>,
    /// Shown goals this one supports sideways (not alignment).
    pub supports: Vec<GoalLink<'a>>,
    pub okr_type: Option<OkrType>,
    /// The grade recorded for the goal as a whole, 0–1.
    pub score: Option<f64>,
    pub skill: Option<&'a str>,
    pub mentor: Option<&'a str>,
    /// The mentor's name on the roster.
    pub mentor_name: Option<&'a str>,
    pub resources: Vec<&'a str>,
    pub weight: f64,
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
    pub kind: MetricKind,
    /// The metric's own owner, else its goal's, by id and by roster name.
    pub owner: Option<&'a str>,
    pub owner_name: Option<&'a str>,
    /// A deliverable's delivery date.
    pub done: Option<Date>,
    pub unit: Option<&'a str>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub direction: Option<&'static str>,
    /// A range's bounds.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub current: Option<f64>,
    pub progress: Option<f64>,
    pub progress_raw: Option<f64>,
    /// The metric's computed status, shown beside the reporter's latest reading.
    pub status: Status,
    pub status_label: &'static str,
    /// The latest check-in status and score on or before the as-of date.
    pub reported_status: Option<ReportedStatus>,
    pub score: Option<f64>,
    pub forecast: Option<progress::Forecast>,
    /// The goal's start and the metric's due date (its own, else the goal's): the time axis
    /// of the metric's chart.
    pub start: Option<Date>,
    pub due: Option<Date>,
    /// Check-ins on or before the as-of date, oldest first.
    pub checkins: Vec<ReportCheckin<'a>>,
    /// The planned path, baseline to target through the waypoints (a deliverable's 0 to 100
    /// % complete); empty when there is no plan to draw (a range, no baseline or target).
    pub plan: Vec<PlanPoint>,
    /// The metric's expected progress at the as-of date.
    pub expected: Option<f64>,
    /// The as-of date, for the chart's "today" mark.
    pub as_of: Date,
}

#[derive(Serialize)]
pub struct ReportCheckin<'a> {
    pub date: Date,
    pub value: Option<f64>,
    pub note: Option<&'a str>,
    pub confidence: Option<f64>,
    /// The reporter's own reading, beside the computed one.
    pub status: Option<ReportedStatus>,
    pub score: Option<f64>,
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
    pub party_name: Option<&'a str>,
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
