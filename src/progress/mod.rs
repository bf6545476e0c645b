//! The progress model: current values, progress, expected progress, status, forecasts and
//! rollups, judged at the workspace's as-of date (or at any other date: the claim rules judge a
//! check-in against what the numbers said on its day). Time-dependent rules, `compile`, reports
//! and hover all read it from here; nothing else computes progress.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

mod forecast;

pub use crate::workspace::counts::{counts_new_things, is_form_of};
pub use forecast::{Forecast, Trend, forecast, goal_forecast, trend};

use crate::base::date::Date;
use crate::model::{Framework, MetricKind};
use crate::workspace::{Checkin, Goal, GoalId, Metric, Workspace};
use serde::Serialize;

/// How far below expected progress a goal may be and still count as on track / at risk.
pub const ON_TRACK_SLACK: f64 = 0.10;
pub const AT_RISK_SLACK: f64 = 0.25;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Done,
    NotStarted,
    Overdue,
    OnTrack,
    AtRisk,
    OffTrack,
    Unmeasured,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::NotStarted => "not-started",
            Status::Overdue => "overdue",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::Unmeasured => "unmeasured",
        }
    }
}

/// Progress as a share of the planned change: `clamped` in 0..=1, `raw` as measured.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub raw: f64,
    pub clamped: f64,
}

impl Progress {
    fn of(raw: f64) -> Option<Progress> {
        raw.is_finite().then(|| Progress {
            raw,
            clamped: raw.clamp(0.0, 1.0),
        })
    }
}

/// The check-ins that count at `as_of`: dated on or before it.
pub fn checkins_until(metric: &Metric, as_of: Date) -> &[Checkin] {
    let end = metric.checkins.partition_point(|c| c.date.value <= as_of);
    metric.checkins.get(..end).unwrap_or_default()
}

/// The latest check-in with a value on or before `as_of` (ties: the last one read).
pub fn latest_measured(metric: &Metric, as_of: Date) -> Option<&Checkin> {
    checkins_until(metric, as_of)
        .iter()
        .rev()
        .find(|c| c.value().is_some())
}

/// A metric's current value: its latest check-in that has a value, on or before `as_of`.
pub fn current_value(metric: &Metric, as_of: Date) -> Option<f64> {
    latest_measured(metric, as_of).and_then(|c| c.value().map(|v| v.value))
}

/// The baseline progress is measured from: the written one, else 0 for a metric that counts
/// new things made in the period (see [`counts_new_things`]).
pub fn effective_baseline(metric: &Metric) -> Option<f64> {
    match &metric.baseline {
        Some(b) => Some(b.value),
        None if metric.counts_new => Some(0.0),
        None => None,
    }
}

/// The planned change, `target − baseline`, when both are known.
pub fn planned_change(metric: &Metric) -> Option<f64> {
    Some(metric.target.as_ref()?.value - effective_baseline(metric)?)
}

/// `(value − baseline) / (target − baseline)`; `None` without a baseline, target, or change.
pub fn share_of_change(metric: &Metric, value: f64) -> Option<f64> {
    let change = planned_change(metric)?;
    if change == 0.0 {
        return None;
    }
    let share = (value - effective_baseline(metric)?) / change;
    share.is_finite().then_some(share)
}

/// Whether `value` reaches a number metric's target, in the metric's direction.
pub fn reaches_target(metric: &Metric, value: f64) -> bool {
    match &metric.target {
        Some(t) if metric.is_decrease() => value <= t.value,
        Some(t) => value >= t.value,
        None => false,
    }
}

/// What a metric's values say at `as_of`, before any score is read.
fn measured_progress(metric: &Metric, as_of: Date) -> Option<f64> {
    match metric.kind {
        MetricKind::Deliverable => {
            if metric.done().is_some_and(|d| d.value <= as_of) {
                return Some(1.0);
            }
            current_value(metric, as_of).map(|v| v / 100.0)
        }
        MetricKind::Range => {
            current_value(metric, as_of).map(|v| if metric.holds(v) { 1.0 } else { 0.0 })
        }
        MetricKind::Number => {
            let value = current_value(metric, as_of)?;
            match share_of_change(metric, value) {
                Some(share) => Some(share),
                // a rate without a baseline (or a target equal to its baseline): unknown until
                // it reaches its target
                None if reaches_target(metric, value) => Some(1.0),
                None => None,
            }
        }
    }
}

/// A metric's progress at `as_of`: from its values, else from its latest score (values win).
pub fn metric_progress(metric: &Metric, as_of: Date) -> Option<Progress> {
    let raw = measured_progress(metric, as_of).or_else(|| {
        checkins_until(metric, as_of)
            .iter()
            .rev()
            .find_map(|c| c.score().map(|s| s.value))
    })?;
    Progress::of(raw)
}

/// Whether a metric is done at `as_of`: its progress reaches 1, except a range, which is done
/// from its due date on when the latest value on or before that date holds.
pub fn metric_done(goal: &Goal, metric: &Metric, as_of: Date) -> bool {
    match metric.kind {
        MetricKind::Range => {
            let Some(due) = metric.due(goal).map(|d| d.value) else {
                return false;
            };
            as_of >= due && current_value(metric, due.min(as_of)).is_some_and(|v| metric.holds(v))
        }
        _ => metric_progress(metric, as_of).is_some_and(|p| p.clamped >= 1.0),
    }
}

/// The elapsed share of `start → due` at `date`, 0..=1.
fn elapsed(start: Date, due: Date, date: Date) -> f64 {
    let span = due.days_since(start);
    if span <= 0 {
        return if date >= due { 1.0 } else { 0.0 };
    }
    (date.days_since(start) as f64 / span as f64).clamp(0.0, 1.0)
}

/// The share of the planned change a number metric's path expects at `date`: piecewise linear
/// through (start, baseline), its waypoints and (due, target).
fn path_share(metric: &Metric, start: Date, due: Date, date: Date) -> Option<f64> {
    let (baseline, target) = (effective_baseline(metric)?, metric.target.as_ref()?.value);
    let change = target - baseline;
    if change == 0.0 {
        return None;
    }
    let mut points = vec![(start, baseline)];
    points.extend(
        metric
            .waypoints()
            .iter()
            .map(|w| (w.date.value, w.value.value)),
    );
    points.push((due, target));
    if date <= start {
        return Some(0.0);
    }
    for pair in points.windows(2) {
        let [(d0, v0), (d1, v1)] = pair else { continue };
        if date <= *d1 {
            let value = v0 + (v1 - v0) * elapsed(*d0, *d1, date);
            return Some(((value - baseline) / change).clamp(0.0, 1.0));
        }
    }
    Some(1.0)
}

/// A metric's expected progress at `date`: a number metric's elapsed share of its own span
/// (goal start → its due date) or of its waypoints' path; a deliverable's or range's 0 before
/// its due date and 1 from it.
pub fn metric_expected(goal: &Goal, metric: &Metric, date: Date) -> Option<f64> {
    let start = goal.start.as_ref()?.value;
    let due = metric.due(goal)?.value;
    match metric.kind {
        MetricKind::Deliverable | MetricKind::Range => Some(if date >= due { 1.0 } else { 0.0 }),
        MetricKind::Number if !metric.waypoints().is_empty() => {
            path_share(metric, start, due, date).or_else(|| Some(elapsed(start, due, date)))
        }
        MetricKind::Number => Some(elapsed(start, due, date)),
    }
}

/// The expected progress of a number metric's path at `date`, for `off-pace` on metrics with
/// waypoints.
pub fn path_expected(goal: &Goal, metric: &Metric, date: Date) -> Option<f64> {
    let start = goal.start.as_ref()?.value;
    let due = metric.due(goal)?.value;
    path_share(metric, start, due, date)
}

/// Weighted mean of `(weight, value)` pairs; `None` when nothing has weight.
pub(super) fn weighted_mean(items: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (w, v) in items {
        sum += w * v;
        weights += w;
    }
    (weights > 0.0)
        .then(|| sum / weights)
        .filter(|m| m.is_finite())
}

fn mastery_milestones(goal: &Goal) -> Option<&[crate::workspace::Milestone]> {
    (goal.framework.value == Framework::Mastery)
        .then(|| goal.milestones())
        .flatten()
        .map(|m| m.value.as_slice())
        .filter(|m| !m.is_empty())
}

/// A goal's own progress: a mastery goal's share of milestones reached, else the weighted mean
/// of its metrics' progress, an unmeasured metric counting as 0 as soon as any metric of the
/// goal is measured.
pub fn own_progress(ws: &Workspace, goal: &Goal, as_of: Date) -> Option<Progress> {
    if let Some(ms) = mastery_milestones(goal) {
        let reached = ms
            .iter()
            .filter(|m| m.done.as_ref().is_some_and(|d| d.value <= as_of))
            .count();
        return Progress::of(reached as f64 / ms.len() as f64);
    }
    let all: Vec<(f64, Option<Progress>)> = goal
        .metrics
        .iter()
        .map(|&m| {
            let metric = ws.metric(m);
            (metric.weight, metric_progress(metric, as_of))
        })
        .collect();
    if all.iter().all(|(_, p)| p.is_none()) {
        return None;
    }
    let zero = Progress {
        raw: 0.0,
        clamped: 0.0,
    };
    let raw = weighted_mean(all.iter().map(|(w, p)| (*w, p.unwrap_or(zero).raw)))?;
    let clamped = weighted_mean(all.iter().map(|(w, p)| (*w, p.unwrap_or(zero).clamped)))?;
    Some(Progress { raw, clamped })
}

/// A goal's expected progress at `as_of`: a mastery goal's share of milestones due by then;
/// else the weighted mean of its metrics' expected progress; a goal without metrics, the
/// elapsed share of its span.
pub fn expected_progress(ws: &Workspace, goal: &Goal, as_of: Date) -> Option<f64> {
    if let Some(ms) = mastery_milestones(goal) {
        let due = ms
            .iter()
            .filter(|m| m.due.as_ref().is_some_and(|d| d.value <= as_of))
            .count();
        return Some(due as f64 / ms.len() as f64);
    }
    if !goal.metrics.is_empty() {
        return weighted_mean(goal.metrics.iter().filter_map(|&m| {
            let metric = ws.metric(m);
            metric_expected(goal, metric, as_of).map(|e| (metric.weight, e))
        }));
    }
    let (start, due) = (goal.start.as_ref()?.value, goal.due.as_ref()?.value);
    Some(elapsed(start, due, as_of))
}

/// Whether a goal is done at `as_of`: every metric done; a goal without metrics, its progress
/// (a mastery goal's milestones) reaching 1.
pub fn goal_done(ws: &Workspace, goal: &Goal, progress: Option<Progress>, as_of: Date) -> bool {
    if goal.metrics.is_empty() || mastery_milestones(goal).is_some() {
        // Clamped, so nothing far past its target makes up for something behind.
        return progress.is_some_and(|p| p.clamped >= 1.0);
    }
    goal.metrics
        .iter()
        .all(|&m| metric_done(goal, ws.metric(m), as_of))
}

/// Past its due date, or a metric past its own due date, and not done.
fn past_due(ws: &Workspace, goal: &Goal, as_of: Date) -> bool {
    goal.due.as_ref().is_some_and(|d| as_of > d.value)
        || goal.metrics.iter().any(|&m| {
            let metric = ws.metric(m);
            metric.own_due().is_some_and(|d| as_of > d.value) && !metric_done(goal, metric, as_of)
        })
}

/// A goal's status, decided in this order: not started, done, overdue (measured or not),
/// unmeasured, then on track / at risk / off track against expected progress. A range that
/// does not hold makes its goal off track.
pub fn status(ws: &Workspace, goal: &Goal, progress: Option<Progress>, as_of: Date) -> Status {
    if goal.start.as_ref().is_some_and(|s| as_of < s.value) {
        return Status::NotStarted;
    }
    if goal_done(ws, goal, progress, as_of) {
        return Status::Done;
    }
    if past_due(ws, goal, as_of) {
        return Status::Overdue;
    }
    let Some(progress) = progress else {
        return Status::Unmeasured;
    };
    let out_of_range = goal.metrics.iter().any(|&m| {
        let metric = ws.metric(m);
        metric.kind == MetricKind::Range
            && current_value(metric, as_of).is_some_and(|v| !metric.holds(v))
    });
    if out_of_range {
        return Status::OffTrack;
    }
    let expected = expected_progress(ws, goal, as_of).unwrap_or(0.0);
    band(progress.clamped, expected)
}

/// On track, at risk or off track: progress against expected, with the slack of each band.
pub fn band(progress: f64, expected: f64) -> Status {
    if progress >= expected - ON_TRACK_SLACK {
        Status::OnTrack
    } else if progress >= expected - AT_RISK_SLACK {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// One metric's status at `as_of`, in the goal's order of decisions: for reports beside the
/// reporter's own reading, and for the claim rules.
pub fn metric_status(goal: &Goal, metric: &Metric, as_of: Date) -> Status {
    if goal.start.as_ref().is_some_and(|s| as_of < s.value) {
        return Status::NotStarted;
    }
    if metric_done(goal, metric, as_of) {
        return Status::Done;
    }
    if metric.due(goal).is_some_and(|d| as_of > d.value) {
        return Status::Overdue;
    }
    let Some(progress) = metric_progress(metric, as_of) else {
        return Status::Unmeasured;
    };
    if metric.kind == MetricKind::Range {
        return if progress.clamped >= 1.0 {
            Status::OnTrack
        } else {
            Status::OffTrack
        };
    }
    band(
        progress.clamped,
        metric_expected(goal, metric, as_of).unwrap_or(0.0),
    )
}

/// Everything the model says about every goal, computed once.
pub struct Evaluation {
    pub goals: Vec<GoalEval>,
}

#[derive(Clone, Copy, Debug)]
pub struct GoalEval {
    pub own: Option<Progress>,
    /// The weighted mean over the goals that align to it (their cascade progress where they
    /// have children of their own, else their own progress).
    pub cascade: Option<Progress>,
    pub expected: Option<f64>,
    pub status: Status,
}

impl Evaluation {
    pub fn goal(&self, id: GoalId) -> &GoalEval {
        &self.goals[id.0 as usize]
    }
}

/// Evaluates every goal at the workspace's as-of date. Rollups walk the alignment graph
/// iteratively, children first; a goal met again on a cycle contributes what is known so far.
pub fn evaluate(ws: &Workspace) -> Evaluation {
    use rayon::prelude::*;
    let as_of = ws.as_of;
    // Each goal's own progress on its own, on every core; the rollups below follow the tree.
    let mut goals: Vec<GoalEval> = ws
        .goals
        .par_iter()
        .map(|g| {
            let own = own_progress(ws, g, as_of);
            GoalEval {
                own,
                cascade: None,
                expected: expected_progress(ws, g, as_of),
                status: status(ws, g, own, as_of),
            }
        })
        .collect();
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; ws.goals.len()];
    for root in 0..ws.goals.len() {
        if state[root] != 0 {
            continue;
        }
        let mut stack = vec![(root, 0usize)];
        state[root] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let children = &ws.goals[node].children;
            if let Some(&child) = children.get(*next) {
                *next += 1;
                let c = child.0 as usize;
                if state[c] == 0 {
                    state[c] = 1;
                    stack.push((c, 0));
                }
                continue;
            }
            let value = |c: &GoalId| {
                let e = &goals[c.0 as usize];
                e.cascade.or(e.own).map(|p| (ws.goal(*c).weight, p))
            };
            let raw = weighted_mean(
                children
                    .iter()
                    .filter_map(|c| value(c).map(|(w, p)| (w, p.raw))),
            );
            let clamped = weighted_mean(
                children
                    .iter()
                    .filter_map(|c| value(c).map(|(w, p)| (w, p.clamped))),
            );
            goals[node].cascade = raw
                .zip(clamped)
                .map(|(raw, clamped)| Progress { raw, clamped });
            state[node] = 2;
            stack.pop();
        }
    }
    Evaluation { goals }
}

#[cfg(test)]
mod tests;
