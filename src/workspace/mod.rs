//! The resolved workspace: every plan of the workspace with ids resolved to indices, defaults
//! filled and progress merged into metrics. Rules, `compile` and reports read only this.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

pub mod counts;
pub mod index;
pub mod lower;
pub mod resolve;

use crate::base::date::Date;
use crate::base::span::{Sp, Span};
use crate::base::text::Text;
use crate::model::{Cadence, Direction, Framework, MetricKind, OkrType, ReportedStatus};
use crate::settings::Config;
use crate::source::{FileId, SourceFile};
use crate::workspace::index::IdIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GoalId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MetricId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub u32);
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlanId(pub u32);

pub struct Workspace {
    pub root: std::path::PathBuf,
    pub config: Config,
    /// The date progress and time-dependent rules are judged at.
    pub as_of: Date,
    pub files: Vec<SourceFile>,
    /// Per file: the TOML was broken, so its content is a best-effort recovery that is used
    /// to resolve references but not judged by rules.
    pub broken: Vec<bool>,
    pub plans: Vec<Plan>,
    pub people: Vec<Person>,
    /// Boxed: each is built on the thread that loaded its file and handed over as is.
    pub goals: Vec<Box<Goal>>,
    pub metrics: Vec<Box<Metric>>,
    /// The `metric` of every progress-file check-in, where it is written: for editors.
    pub checkin_refs: Vec<(FileId, Link<MetricId>)>,
    pub(crate) goal_index: IdIndex,
    pub(crate) person_index: IdIndex,
}

impl Workspace {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn goal(&self, id: GoalId) -> &Goal {
        &self.goals[id.0 as usize]
    }

    pub fn metric(&self, id: MetricId) -> &Metric {
        &self.metrics[id.0 as usize]
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.0 as usize]
    }

    pub fn plan(&self, id: PlanId) -> &Plan {
        &self.plans[id.0 as usize]
    }

    /// A metric's name as references write it: `goal-id.metric-id`.
    pub fn key<'a>(&'a self, metric: &'a Metric) -> MetricKey<'a> {
        MetricKey {
            goal: &self.goal(metric.goal).id.value,
            metric: &metric.id.value,
        }
    }

    /// A goal's team: its owner's on the roster, else its plan's.
    pub fn team(&self, goal: &Goal) -> Option<&str> {
        goal.owner
            .as_ref()
            .and_then(|o| o.target)
            .and_then(|p| self.person(p).team.as_ref())
            .or_else(|| goal.plan.and_then(|p| self.plan(p).team.as_ref()))
            .map(|t| t.value.as_str())
    }

    pub fn goal_by_id(&self, id: &str) -> Option<GoalId> {
        let goals = &self.goals;
        self.goal_index
            .get(id, |at| goals[at as usize].id.value.as_str())
            .map(GoalId)
    }

    pub fn person_by_id(&self, id: &str) -> Option<PersonId> {
        let people = &self.people;
        self.person_index
            .get(id, |at| people[at as usize].id.value.as_str())
            .map(PersonId)
    }

    /// Where a goal is defined, as (file name, offset): an order that does not depend on the
    /// order files were read in.
    pub fn place(&self, id: GoalId) -> (&str, u32) {
        let goal = self.goal(id);
        (self.file(goal.file).name.as_str(), goal.id.span.start)
    }

    /// Goals in definition order, paired with their ids.
    pub fn goal_ids(&self) -> impl Iterator<Item = (GoalId, &Goal)> {
        self.goals
            .iter()
            .enumerate()
            .map(|(i, g)| (GoalId(i as u32), &**g))
    }

    /// The level names, top first.
    pub fn levels(&self) -> &[String] {
        &self.config.levels
    }

    pub fn bottom_level(&self) -> usize {
        self.config.levels.len().saturating_sub(1)
    }

    pub fn is_broken(&self, file: FileId) -> bool {
        self.broken[file.0 as usize]
    }
}

/// `goal-id.metric-id`, shown, never stored: ids cannot contain a dot, so it is unambiguous.
#[derive(Clone, Copy)]
pub struct MetricKey<'a> {
    pub goal: &'a str,
    pub metric: &'a str,
}

impl std::fmt::Display for MetricKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.goal, self.metric)
    }
}

#[derive(Clone)]
/// A plan file's `[plan]`.
pub struct Plan {
    pub file: FileId,
    pub span: Span,
    pub title: Option<Sp<Text>>,
    pub owner: Option<Sp<Text>>,
    pub owner_ref: Option<PersonId>,
    pub team: Option<Sp<Text>>,
    pub start: Option<Sp<Date>>,
    pub end: Option<Sp<Date>>,
    pub goals: Vec<GoalId>,
    /// Rule names suppressed on every goal of the plan.
    pub allow: Box<[Sp<Text>]>,
}

#[derive(Clone)]
pub struct Person {
    pub id: Sp<Text>,
    pub file: FileId,
    pub name: Option<Sp<Text>>,
    pub team: Option<Sp<Text>>,
    /// Hours a week for goal work.
    pub capacity: Option<Sp<f64>>,
    /// Rule names suppressed on the findings about this person.
    pub allow: Box<[Sp<Text>]>,
}

/// A reference by id (to a goal, a metric or a person) and what it resolved to.
#[derive(Clone, Debug)]
pub struct Link<T> {
    pub id: Sp<Text>,
    pub target: Option<T>,
}

/// An `aligns_to` entry: the goal it names and, for `goal-id.metric-id`, the key result it
/// aligns through. Levels, cycles, deadlines and cascades treat it as aligning to the goal.
#[derive(Clone, Debug)]
pub struct Parent {
    /// As written: `goal-id` or `goal-id.metric-id`.
    pub id: Sp<Text>,
    pub target: Option<GoalId>,
    pub via: Option<MetricId>,
}

impl Parent {
    /// The goal part of what was written.
    pub fn goal_part(&self) -> &str {
        self.id
            .value
            .split_once('.')
            .map_or(&self.id.value, |(g, _)| g)
    }
}

/// Where a defaulted value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Written on the goal.
    Goal,
    /// Taken from the plan (start, due) or the level list (level).
    Default,
}

#[derive(Clone)]
pub struct Goal {
    /// The id, spanning the id in the goal's table header.
    pub id: Sp<Text>,
    pub file: FileId,
    pub plan: Option<PlanId>,
    pub title: Option<Sp<Text>>,
    pub framework: Sp<Framework>,
    pub framework_origin: Origin,
    /// Index into [`Workspace::levels`], 0 at the top.
    pub level: Sp<usize>,
    pub level_origin: Origin,
    pub owner: Option<Link<PersonId>>,
    /// Spans point at the plan's `start`/`end` when the value is inherited.
    pub start: Option<Sp<Date>>,
    pub start_origin: Origin,
    pub due: Option<Sp<Date>>,
    pub due_origin: Origin,
    /// The whole `aligns_to` value, when written.
    pub aligns_to_span: Option<Span>,
    pub parents: Vec<Parent>,
    /// Goals that align to this one, in definition order.
    pub children: Vec<GoalId>,
    pub weight: f64,
    pub allow: Box<[Sp<Text>]>,
    pub review: Option<Sp<Cadence>>,
    /// Mastery and PACT fields, boxed: most goals have none, and every goal would otherwise
    /// carry their room. Read them through the accessors below.
    pub mastery: Option<Box<Mastery>>,
    pub pact: Option<Box<Pact>>,
    /// OKR type, score, `supports` and effort, boxed: few goals have them.
    pub extra: Option<Box<GoalExtra>>,
    pub metrics: Box<[MetricId]>,
}

#[derive(Clone, Default)]
pub struct GoalExtra {
    pub okr_type: Option<Sp<OkrType>>,
    pub score: Option<Sp<f64>>,
    /// The whole `supports` value, when written, and its links.
    pub supports_span: Option<Span>,
    pub supports: Vec<Link<GoalId>>,
    pub effort: Option<Sp<f64>>,
}

#[derive(Clone, Default)]
pub struct Mastery {
    pub skill: Option<Sp<Text>>,
    pub mentor: Option<Link<PersonId>>,
    pub resources: Option<Sp<Vec<Sp<Text>>>>,
    pub feedback: Option<Sp<Cadence>>,
    pub milestones: Option<Sp<Vec<Milestone>>>,
}

#[derive(Clone, Default)]
pub struct Pact {
    /// The span of the whole `parties` array, and the links.
    pub parties: Option<Sp<Vec<Link<PersonId>>>>,
    pub commitments: Option<crate::model::Commitments>,
    pub agreed: Option<Sp<Date>>,
}

impl Goal {
    pub fn skill(&self) -> Option<&Sp<Text>> {
        self.mastery.as_ref()?.skill.as_ref()
    }

    pub fn mentor(&self) -> Option<&Link<PersonId>> {
        self.mastery.as_ref()?.mentor.as_ref()
    }

    pub fn resources(&self) -> Option<&Sp<Vec<Sp<Text>>>> {
        self.mastery.as_ref()?.resources.as_ref()
    }

    pub fn feedback(&self) -> Option<&Sp<Cadence>> {
        self.mastery.as_ref()?.feedback.as_ref()
    }

    pub fn milestones(&self) -> Option<&Sp<Vec<Milestone>>> {
        self.mastery.as_ref()?.milestones.as_ref()
    }

    pub fn parties(&self) -> Option<&Sp<Vec<Link<PersonId>>>> {
        self.pact.as_ref()?.parties.as_ref()
    }

    pub fn commitments(&self) -> Option<&crate::model::Commitments> {
        self.pact.as_ref()?.commitments.as_ref()
    }

    pub fn agreed(&self) -> Option<&Sp<Date>> {
        self.pact.as_ref()?.agreed.as_ref()
    }

    pub fn score(&self) -> Option<&Sp<f64>> {
        self.extra.as_ref()?.score.as_ref()
    }

    pub fn okr_type(&self) -> Option<&Sp<OkrType>> {
        self.extra.as_ref()?.okr_type.as_ref()
    }

    pub fn supports(&self) -> &[Link<GoalId>] {
        self.extra.as_ref().map_or(&[], |e| &e.supports)
    }

    pub fn effort(&self) -> Option<&Sp<f64>> {
        self.extra.as_ref()?.effort.as_ref()
    }

    /// The span to point at when the goal as a whole is concerned: the id in its header.
    pub fn header(&self) -> Span {
        self.id.span
    }

    /// Active on `date`: started and not yet past due.
    pub fn is_active(&self, date: Date) -> bool {
        matches!((&self.start, &self.due), (Some(s), Some(d)) if s.value <= date && date <= d.value)
    }
}

#[derive(Clone)]
pub struct Milestone {
    pub span: Span,
    pub title: Option<Sp<Text>>,
    pub level: Option<Sp<u8>>,
    pub due: Option<Sp<Date>>,
    pub done: Option<Sp<Date>>,
}

#[derive(Clone)]
pub struct Metric {
    /// The metric id, spanning the id in the metric's table header.
    pub id: Sp<Text>,
    pub goal: GoalId,
    pub file: FileId,
    pub title: Option<Sp<Text>>,
    pub kind: MetricKind,
    /// Counts new things made in the period (see [`counts::counts_new_things`]): decided once,
    /// when the file is lowered.
    pub counts_new: bool,
    pub unit: Option<Sp<Text>>,
    pub baseline: Option<Sp<f64>>,
    pub target: Option<Sp<f64>>,
    pub weight: f64,
    /// The fields of format 2 (direction, range, owner, due, done, waypoints), boxed: most
    /// metrics have none. Read them through the accessors below.
    pub extra: Option<Box<MetricExtra>>,
    /// Metrics whose `contributes_to` names this one.
    pub contributors: Vec<MetricId>,
    /// Inline and progress-file check-ins, by date; equal dates keep reading order.
    pub checkins: Vec<Checkin>,
}

#[derive(Clone, Default)]
pub struct MetricExtra {
    pub kind_span: Option<Span>,
    pub contributes_to: Option<Link<MetricId>>,
    pub direction: Option<Sp<Direction>>,
    pub min: Option<Sp<f64>>,
    pub max: Option<Sp<f64>>,
    pub owner: Option<Link<PersonId>>,
    pub due: Option<Sp<Date>>,
    pub done: Option<Sp<Date>>,
    pub waypoints: Vec<Waypoint>,
}

/// A point of a number metric's planned path.
#[derive(Clone)]
pub struct Waypoint {
    pub date: Sp<Date>,
    pub value: Sp<f64>,
}

impl Metric {
    /// Which way the metric moves: a target below the baseline is a decrease; without a
    /// baseline, `direction` says, else a target of 0 or below is a decrease.
    pub fn direction_value(&self) -> Direction {
        match (&self.baseline, &self.target) {
            (Some(b), Some(t)) if t.value < b.value => Direction::Decrease,
            (Some(_), Some(_)) => Direction::Increase,
            _ => match self.explicit_direction() {
                Some(d) => d.value,
                None if self.target.as_ref().is_some_and(|t| t.value <= 0.0) => Direction::Decrease,
                None => Direction::Increase,
            },
        }
    }

    /// A number metric that moves down toward its target.
    pub fn is_decrease(&self) -> bool {
        self.kind == MetricKind::Number
            && self.target.is_some()
            && self.direction_value() == Direction::Decrease
    }

    /// `"increase"` or `"decrease"`, for a number metric with a target.
    pub fn direction(&self) -> Option<&'static str> {
        (self.kind == MetricKind::Number && self.target.is_some())
            .then(|| self.direction_value().as_str())
    }

    pub fn explicit_direction(&self) -> Option<&Sp<Direction>> {
        self.extra.as_ref()?.direction.as_ref()
    }

    /// The parent metric this one adds up to.
    pub fn contributes_to(&self) -> Option<&Link<MetricId>> {
        self.extra.as_ref()?.contributes_to.as_ref()
    }

    pub fn min(&self) -> Option<&Sp<f64>> {
        self.extra.as_ref()?.min.as_ref()
    }

    pub fn max(&self) -> Option<&Sp<f64>> {
        self.extra.as_ref()?.max.as_ref()
    }

    /// The metric's own owner, when written.
    pub fn owner(&self) -> Option<&Link<PersonId>> {
        self.extra.as_ref()?.owner.as_ref()
    }

    /// The metric's own due date, when written.
    pub fn own_due(&self) -> Option<&Sp<Date>> {
        self.extra.as_ref()?.due.as_ref()
    }

    /// The metric's due date: its own, else its goal's.
    pub fn due<'a>(&'a self, goal: &'a Goal) -> Option<&'a Sp<Date>> {
        self.own_due().or(goal.due.as_ref())
    }

    /// A deliverable's delivery date.
    pub fn done(&self) -> Option<&Sp<Date>> {
        self.extra.as_ref()?.done.as_ref()
    }

    pub fn waypoints(&self) -> &[Waypoint] {
        self.extra.as_ref().map_or(&[], |e| &e.waypoints)
    }

    /// Whether `value` lies within a range metric's bounds.
    pub fn holds(&self, value: f64) -> bool {
        self.min().is_none_or(|m| value >= m.value) && self.max().is_none_or(|m| value <= m.value)
    }
}

#[derive(Clone)]
pub struct Checkin {
    pub file: FileId,
    /// The whole check-in entry.
    pub span: Span,
    pub date: Sp<Date>,
    /// NaN when the check-in reports only a status or a score (a value is always finite):
    /// read it through [`Checkin::value`]. Keeps a check-in in its allocator size class.
    pub(crate) raw_value: Sp<f64>,
    /// Note, confidence, status and score, boxed: most check-ins have neither, and a workspace holds hundreds
    /// of thousands of check-ins. Read them through [`Checkin::note`] and
    /// [`Checkin::confidence`].
    pub extra: Option<Box<CheckinExtra>>,
}

#[derive(Clone)]
pub struct CheckinExtra {
    pub note: Option<Sp<Text>>,
    pub confidence: Option<Sp<f64>>,
    pub status: Option<Sp<ReportedStatus>>,
    pub score: Option<Sp<f64>>,
}

impl Checkin {
    pub fn value(&self) -> Option<&Sp<f64>> {
        (!self.raw_value.value.is_nan()).then_some(&self.raw_value)
    }

    pub fn note(&self) -> Option<&Sp<Text>> {
        self.extra.as_ref()?.note.as_ref()
    }

    pub fn confidence(&self) -> Option<&Sp<f64>> {
        self.extra.as_ref()?.confidence.as_ref()
    }

    pub fn status(&self) -> Option<&Sp<ReportedStatus>> {
        self.extra.as_ref()?.status.as_ref()
    }

    pub fn score(&self) -> Option<&Sp<f64>> {
        self.extra.as_ref()?.score.as_ref()
    }
}

#[cfg(all(test, target_pointer_width = "64"))]
mod size_tests {
    use super::*;

    /// A large workspace holds these by the hundred thousand, each in the allocator's size
    /// class just above its size (…, 48, …, 224, 256, 320, 384, …): a field more can cost
    /// megabytes.
    #[test]
    fn the_many_records_stay_in_their_size_classes() {
        assert!(size_of::<Goal>() <= 320);
        assert!(size_of::<Metric>() <= 224);
        assert!(size_of::<Checkin>() <= 48);
    }
}
