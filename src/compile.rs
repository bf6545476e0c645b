//! `goalc compile`: the resolved workspace as JSON, every default filled and every reference
//! resolved, each item with its file and line.

use crate::base::date::Date;
use crate::base::span::{Sp, Span};
use crate::base::text::Text;
use crate::model::{Cadence, Framework, MetricKind, OkrType, ReportedStatus};
use crate::progress::{self, Forecast, Status};
use crate::source::FileId;
use crate::workspace::*;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct Compiled<'a> {
    pub as_of: Date,
    pub levels: &'a [String],
    pub files: Vec<CompiledFile<'a>>,
    pub plans: Vec<CompiledPlan<'a>>,
    pub people: Vec<CompiledPerson<'a>>,
    pub goals: Vec<CompiledGoal<'a>>,
}

#[derive(Serialize)]
pub(crate) struct CompiledFile<'a> {
    pub path: &'a str,
    pub kind: crate::source::FileKind,
}

#[derive(Serialize)]
pub(crate) struct Location<'a> {
    pub file: &'a str,
    pub line: usize,
}

#[derive(Serialize)]
pub(crate) struct CompiledPlan<'a> {
    #[serde(flatten)]
    pub at: Location<'a>,
    pub title: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub team: Option<&'a str>,
    pub start: Option<Date>,
    pub end: Option<Date>,
    pub goals: Vec<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct CompiledPerson<'a> {
    pub id: &'a str,
    #[serde(flatten)]
    pub at: Location<'a>,
    pub name: Option<&'a str>,
    pub team: Option<&'a str>,
    /// Hours a week for goal work.
    pub capacity: Option<f64>,
}

#[derive(Serialize)]
pub(crate) struct CompiledGoal<'a> {
    pub id: &'a str,
    #[serde(flatten)]
    pub at: Location<'a>,
    pub title: Option<&'a str>,
    pub framework: Framework,
    pub level: &'a str,
    pub owner: Option<&'a str>,
    pub team: Option<&'a str>,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub weight: f64,
    pub review: Option<Cadence>,
    /// Resolved parents only; unresolved ids are findings.
    pub aligns_to: Vec<&'a str>,
    /// The same parents, each with the key result it aligns through (`goal-id.metric-id`).
    pub parents: Vec<CompiledParent<'a>>,
    /// Goals this one supports sideways (resolved only): not alignment.
    pub supports: Vec<&'a str>,
    pub children: Vec<&'a str>,
    pub allow: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mastery: Option<CompiledMastery<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pact: Option<CompiledPact<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub okr_type: Option<OkrType>,
    /// The grade recorded for the goal as a whole, 0–1.
    pub score: Option<f64>,
    /// Hours a week the goal takes while active.
    pub effort: Option<f64>,
    pub progress: CompiledProgress,
    pub metrics: Vec<CompiledMetric<'a>>,
}

#[derive(Serialize)]
pub(crate) struct CompiledParent<'a> {
    pub goal: &'a str,
    /// The parent's key result this goal aligns through, when `aligns_to` names one.
    pub metric: Option<String>,
}

/// A goal's standing at the as-of date, from [`crate::progress`].
#[derive(Serialize)]
pub(crate) struct CompiledProgress {
    pub status: Status,
    /// Own progress, 0..=1 (metrics, or milestones for mastery goals).
    pub own: Option<f64>,
    pub own_raw: Option<f64>,
    /// The weighted mean over the goals that align to it.
    pub cascade: Option<f64>,
    pub expected: Option<f64>,
}

#[derive(Serialize)]
pub(crate) struct CompiledMastery<'a> {
    pub skill: Option<&'a str>,
    pub mentor: Option<&'a str>,
    pub resources: Vec<&'a str>,
    pub feedback: Option<Cadence>,
    pub milestones: Vec<CompiledMilestone<'a>>,
}

#[derive(Serialize)]
pub(crate) struct CompiledMilestone<'a> {
    pub title: Option<&'a str>,
    pub level: Option<u8>,
    pub due: Option<Date>,
    pub done: Option<Date>,
}

#[derive(Serialize)]
pub(crate) struct CompiledPact<'a> {
    pub parties: Vec<&'a str>,
    pub commitments: Vec<CompiledCommitment<'a>>,
    pub agreed: Option<Date>,
}

#[derive(Serialize)]
pub(crate) struct CompiledCommitment<'a> {
    pub party: &'a str,
    pub commitment: &'a str,
}

#[derive(Serialize)]
pub(crate) struct CompiledMetric<'a> {
    pub id: &'a str,
    pub key: String,
    #[serde(flatten)]
    pub at: Location<'a>,
    pub title: Option<&'a str>,
    pub kind: MetricKind,
    /// The metric's own owner, else its goal's.
    pub owner: Option<&'a str>,
    /// The metric's own due date, else its goal's.
    pub due: Option<Date>,
    /// A deliverable's delivery date.
    pub done: Option<Date>,
    pub unit: Option<&'a str>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub direction: Option<&'static str>,
    /// A range's bounds.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A number metric's planned path between baseline and target.
    pub waypoints: Vec<CompiledWaypoint>,
    pub weight: f64,
    pub contributes_to: Option<String>,
    pub contributors: Vec<String>,
    /// The latest check-in's value on or before the as-of date.
    pub current: Option<f64>,
    pub progress: Option<f64>,
    pub progress_raw: Option<f64>,
    /// The least-squares forecast at the goal's due date.
    pub forecast: Option<Forecast>,
    pub checkins: Vec<CompiledCheckin<'a>>,
}

#[derive(Serialize)]
pub(crate) struct CompiledWaypoint {
    pub date: Date,
    pub value: f64,
}

#[derive(Serialize)]
pub(crate) struct CompiledCheckin<'a> {
    pub date: Date,
    /// Null when the check-in reports only a status or a score.
    pub value: Option<f64>,
    pub note: Option<&'a str>,
    pub confidence: Option<f64>,
    /// The reporter's own reading.
    pub status: Option<ReportedStatus>,
    pub score: Option<f64>,
    #[serde(flatten)]
    pub at: Location<'a>,
}

fn s<'a>(v: impl Into<Option<&'a Sp<Text>>>) -> Option<&'a str> {
    v.into().map(|x| x.value.as_str())
}

fn val<'a, T: Copy + 'a>(v: impl Into<Option<&'a Sp<T>>>) -> Option<T> {
    v.into().map(|x| x.value)
}

pub(crate) fn compile(ws: &Workspace) -> Compiled<'_> {
    let eval = progress::evaluate(ws);
    let at = |file: FileId, span: Span| Location {
        file: &ws.file(file).name,
        line: ws.file(file).position(span.start).line,
    };
    let goals = ws
        .goals
        .iter()
        .enumerate()
        .map(|(i, g)| CompiledGoal {
            id: &g.id.value,
            at: at(g.file, g.id.span),
            title: s(&g.title),
            framework: g.framework.value,
            level: ws.levels().get(g.level.value).map_or("", String::as_str),
            owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
            team: ws.team(g),
            start: val(&g.start),
            due: val(&g.due),
            weight: g.weight,
            review: val(&g.review),
            aligns_to: g
                .parents
                .iter()
                .filter_map(|p| p.target)
                .map(|p| ws.goal(p).id.value.as_str())
                .collect(),
            parents: g
                .parents
                .iter()
                .filter_map(|p| {
                    Some(CompiledParent {
                        goal: ws.goal(p.target?).id.value.as_str(),
                        metric: p.via.map(|m| ws.key(ws.metric(m)).to_string()),
                    })
                })
                .collect(),
            supports: g
                .supports()
                .iter()
                .filter_map(|l| l.target)
                .map(|t| ws.goal(t).id.value.as_str())
                .collect(),
            children: g
                .children
                .iter()
                .map(|c| ws.goal(*c).id.value.as_str())
                .collect(),
            allow: g.allow.iter().map(|a| a.value.as_str()).collect(),
            mastery: (g.framework.value == Framework::Mastery).then(|| CompiledMastery {
                skill: s(g.skill()),
                mentor: g.mentor().map(|m| m.id.value.as_str()),
                resources: g
                    .resources()
                    .iter()
                    .flat_map(|r| r.value.iter().map(|x| x.value.as_str()))
                    .collect(),
                feedback: val(g.feedback()),
                milestones: g
                    .milestones()
                    .iter()
                    .flat_map(|m| m.value.iter())
                    .map(|m| CompiledMilestone {
                        title: s(&m.title),
                        level: val(&m.level),
                        due: val(&m.due),
                        done: val(&m.done),
                    })
                    .collect(),
            }),
            pact: (g.framework.value == Framework::Pact).then(|| CompiledPact {
                parties: g
                    .parties()
                    .iter()
                    .flat_map(|p| p.value.iter().map(|l| l.id.value.as_str()))
                    .collect(),
                commitments: g
                    .commitments()
                    .iter()
                    .flat_map(|c| c.value.iter())
                    .map(|(who, what)| CompiledCommitment {
                        party: &who.value,
                        commitment: &what.value,
                    })
                    .collect(),
                agreed: val(g.agreed()),
            }),
            okr_type: val(g.okr_type()),
            score: val(g.score()),
            effort: val(g.effort()),
            progress: {
                let e = eval.goal(GoalId(i as u32));
                CompiledProgress {
                    status: e.status,
                    own: e.own.map(|p| p.clamped),
                    own_raw: e.own.map(|p| p.raw),
                    cascade: e.cascade.map(|p| p.clamped),
                    expected: e.expected,
                }
            },
            metrics: g
                .metrics
                .iter()
                .map(|&m| {
                    let m = ws.metric(m);
                    let progress = progress::metric_progress(m, ws.as_of);
                    CompiledMetric {
                        current: progress::current_value(m, ws.as_of),
                        progress: progress.map(|p| p.clamped),
                        progress_raw: progress.map(|p| p.raw),
                        forecast: progress::forecast(g, m, ws.as_of),
                        id: &m.id.value,
                        key: ws.key(m).to_string(),
                        at: at(m.file, m.id.span),
                        title: s(&m.title),
                        kind: m.kind,
                        owner: m.owner().or(g.owner.as_ref()).map(|o| o.id.value.as_str()),
                        due: val(m.due(g)),
                        done: val(m.done()),
                        min: val(m.min()),
                        max: val(m.max()),
                        waypoints: m
                            .waypoints()
                            .iter()
                            .map(|w| CompiledWaypoint {
                                date: w.date.value,
                                value: w.value.value,
                            })
                            .collect(),
                        unit: s(&m.unit),
                        baseline: val(&m.baseline),
                        target: val(&m.target),
                        direction: m.direction(),
                        weight: m.weight,
                        contributes_to: m
                            .contributes_to()
                            .as_ref()
                            .and_then(|l| l.target)
                            .map(|t| ws.key(ws.metric(t)).to_string()),
                        contributors: m
                            .contributors
                            .iter()
                            .map(|c| ws.key(ws.metric(*c)).to_string())
                            .collect(),
                        checkins: m
                            .checkins
                            .iter()
                            .map(|c| CompiledCheckin {
                                date: c.date.value,
                                value: c.value().map(|v| v.value),
                                note: s(c.note()),
                                confidence: val(c.confidence()),
                                status: val(c.status()),
                                score: val(c.score()),
                                at: at(c.file, c.span),
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    Compiled {
        as_of: ws.as_of,
        levels: ws.levels(),
        files: ws
            .files
            .iter()
            .map(|f| CompiledFile {
                path: &f.name,
                kind: f.kind,
            })
            .collect(),
        plans: ws
            .plans
            .iter()
            .map(|p| CompiledPlan {
                at: at(p.file, p.span),
                title: s(&p.title),
                owner: s(&p.owner),
                team: s(&p.team),
                start: val(&p.start),
                end: val(&p.end),
                goals: p
                    .goals
                    .iter()
                    .map(|g| ws.goal(*g).id.value.as_str())
                    .collect(),
            })
            .collect(),
        people: ws
            .people
            .iter()
            .map(|p| CompiledPerson {
                id: &p.id.value,
                at: at(p.file, p.id.span),
                name: s(&p.name),
                team: s(&p.team),
                capacity: val(&p.capacity),
            })
            .collect(),
        goals,
    }
}
