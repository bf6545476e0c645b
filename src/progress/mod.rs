//! The progress model: current values, progress, expected progress, status, forecasts and
//! rollups, judged at the workspace's as-of date (or at any other date: the claim rules judge a
//! check-in against what the numbers said on its day). Time-dependent rules, `compile`, reports
//! and hover all read it from here; nothing else computes progress.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

mod counts;

pub use counts::counts_new_things;

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
        None if counts_new_things(metric) => Some(0.0),
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
                // a rate without a baseline: unknown until it reaches its target
                None if effective_baseline(metric).is_none() && reaches_target(metric, value) => {
                    Some(1.0)
                }
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
    points.extend(metric.waypoints().iter().map(|w| (w.date.value, w.value.value)));
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
        MetricKind::Number if !metric.waypoints().is_empty() => path_share(metric, start, due, date)
            .or_else(|| Some(elapsed(start, due, date))),
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
fn weighted_mean(items: impl Iterator<Item = (f64, f64)>) -> Option<f64> {
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

/// A least-squares line `value = a + b · day` through a metric's check-ins up to `as_of` and,
/// when the metric has a baseline (or is measured from 0), the baseline at the goal's start.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Trend {
    pub intercept: f64,
    /// Change per day.
    pub slope: f64,
    /// Day 0 of the line.
    #[serde(skip)]
    pub origin: Date,
}

impl Trend {
    pub fn at(&self, date: Date) -> f64 {
        self.intercept + self.slope * date.days_since(self.origin) as f64
    }
}

pub fn trend(goal: &Goal, metric: &Metric, as_of: Date) -> Option<Trend> {
    if metric.kind != MetricKind::Number {
        return None;
    }
    let start = goal.start.as_ref()?.value;
    let mut points: Vec<(f64, f64)> = checkins_until(metric, as_of)
        .iter()
        .filter_map(|c| {
            let v = c.value()?;
            Some((c.date.value.days_since(start) as f64, v.value))
        })
        .collect();
    if let Some(b) = effective_baseline(metric) {
        points.push((0.0, b));
    }
    fit(&points).map(|(intercept, slope)| Trend {
        intercept,
        slope,
        origin: start,
    })
}

/// Ordinary least squares; `None` for fewer than two distinct x values.
fn fit(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    let n = points.len() as f64;
    if points.len() < 2 {
        return None;
    }
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    if sxx <= 0.0 {
        return None;
    }
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    (slope.is_finite() && intercept.is_finite()).then_some((intercept, slope))
}

/// The forecast value at the metric's due date and the share of the planned change it reaches.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Forecast {
    pub value: f64,
    pub progress: f64,
}

pub fn forecast(goal: &Goal, metric: &Metric, as_of: Date) -> Option<Forecast> {
    let due = metric.due(goal)?.value;
    let value = trend(goal, metric, as_of)?.at(due);
    let progress = share_of_change(metric, value)?;
    value.is_finite().then_some(Forecast { value, progress })
}

/// A goal's forecast: the weighted mean, over its metrics, of the share of the planned change
/// their trends reach at their due dates.
pub fn goal_forecast(ws: &Workspace, goal: &Goal) -> Option<f64> {
    weighted_mean(goal.metrics.iter().filter_map(|&m| {
        let metric = ws.metric(m);
        forecast(goal, metric, ws.as_of).map(|f| (metric.weight, f.progress))
    }))
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
mod tests {
    use super::*;
    use crate::check::{Options, load_workspace};

    fn load(plan: &str, as_of: &str) -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let header =
            "[plan]\ntitle = \"P\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-12-31\n\n";
        std::fs::write(dir.path().join("a.plan.toml"), format!("{header}{plan}")).unwrap();
        let opts = Options {
            as_of: Date::parse(as_of),
            ..Options::default()
        };
        let (ws, diags, _) = load_workspace(&opts, dir.path()).unwrap();
        assert!(diags.is_empty(), "{diags:?}");
        ws
    }

    const METRIC: &str = "[goals.g]\ntitle = \"t\"\nowner = \"o\"\nstart = 2026-01-01\ndue = 2026-11-28\n\n[goals.g.metrics.m]\nunit = \"count\"\n";

    #[test]
    fn progress_is_clamped_and_keeps_the_raw_share() {
        let ws = load(
            &format!(
                "{METRIC}baseline = 10\ntarget = 20\ncheckins = [{{ date = 2026-02-01, value = 25 }}]\n"
            ),
            "2026-03-01",
        );
        let p = metric_progress(&ws.metrics[0], ws.as_of).unwrap();
        assert_eq!((p.raw, p.clamped), (1.5, 1.0));
        assert_eq!(status(&ws, &ws.goals[0], Some(p), ws.as_of), Status::Done);
    }

    #[test]
    fn a_metric_past_its_target_does_not_make_up_for_one_behind() {
        let plan = format!(
            "{METRIC}baseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-02-01, value = 15 }}]\n[goals.g.metrics.n]\nbaseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-02-01, value = 5 }}]\n"
        );
        let ws = load(&plan, "2026-03-01");
        let p = own_progress(&ws, &ws.goals[0], ws.as_of).unwrap();
        assert_eq!((p.raw, p.clamped), (1.0, 0.75));
        assert_ne!(status(&ws, &ws.goals[0], Some(p), ws.as_of), Status::Done);
    }

    #[test]
    fn decrease_metrics_progress_downwards() {
        let ws = load(
            &format!(
                "{METRIC}baseline = 100\ntarget = 60\ncheckins = [{{ date = 2026-02-01, value = 90 }}, {{ date = 2026-02-01, value = 80 }}]\n"
            ),
            "2026-03-01",
        );
        let m = &ws.metrics[0];
        assert!(m.is_decrease());
        // equal dates: the last one read is current
        assert_eq!(current_value(m, ws.as_of), Some(80.0));
        assert_eq!(metric_progress(m, ws.as_of).unwrap().clamped, 0.5);
    }

    #[test]
    fn check_ins_after_the_as_of_date_do_not_count_and_unknowns_stay_unknown() {
        let ws = load(
            &format!(
                "{METRIC}baseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-05-01, value = 5 }}]\n"
            ),
            "2026-03-01",
        );
        assert_eq!(metric_progress(&ws.metrics[0], ws.as_of), None);
        assert_eq!(status(&ws, &ws.goals[0], None, ws.as_of), Status::Unmeasured);
        let ws = load(
            &format!("{METRIC}target = 10\ncheckins = [{{ date = 2026-02-01, value = 5 }}]\n"),
            "2026-03-01",
        );
        assert_eq!(
            metric_progress(&ws.metrics[0], ws.as_of),
            None,
            "no baseline"
        );
    }

    #[test]
    fn expected_progress_and_status_bands() {
        // 2026-01-01 .. 2026-11-28 is 331 days; as of 2026-06-15 (165 days) expected is ~0.4985
        let ws = load(
            &format!("{METRIC}baseline = 0\ntarget = 100\n"),
            "2026-06-15",
        );
        let g = &ws.goals[0];
        let expected = expected_progress(&ws, g, ws.as_of).unwrap();
        assert!((expected - 165.0 / 331.0).abs() < 1e-12);
        let at = |share: f64| status(&ws, g, Progress::of(share), ws.as_of);
        assert_eq!(at(expected - 0.0999), Status::OnTrack);
        assert_eq!(at(expected - 0.1001), Status::AtRisk);
        assert_eq!(at(expected - 0.2499), Status::AtRisk);
        assert_eq!(at(expected - 0.2501), Status::OffTrack);
        let before = Date::parse("2025-12-01").unwrap();
        assert_eq!(status(&ws, g, Progress::of(0.0), before), Status::NotStarted);
        let after = Date::parse("2026-12-01").unwrap();
        assert_eq!(status(&ws, g, Progress::of(0.9), after), Status::Overdue);
        assert_eq!(expected_progress(&ws, g, after), Some(1.0));
    }

    #[test]
    fn forecast_fits_check_ins_and_the_baseline() {
        // a straight line: 10 a month from 0, through the baseline at the start
        let ws = load(
            &format!(
                "{METRIC}baseline = 0\ntarget = 100\ncheckins = [{{ date = 2026-01-11, value = 10 }}, {{ date = 2026-01-21, value = 20 }}]\n"
            ),
            "2026-02-01",
        );
        let (g, m) = (&ws.goals[0], &ws.metrics[0]);
        let t = trend(g, m, ws.as_of).unwrap();
        assert!((t.slope - 1.0).abs() < 1e-12 && t.intercept.abs() < 1e-12);
        let f = forecast(g, m, ws.as_of).unwrap();
        assert!((f.value - 331.0).abs() < 1e-9 && (f.progress - 3.31).abs() < 1e-9);
        // one point and no baseline: no line
        let ws = load(
            &format!("{METRIC}target = 100\ncheckins = [{{ date = 2026-01-11, value = 10 }}]\n"),
            "2026-02-01",
        );
        assert!(forecast(&ws.goals[0], &ws.metrics[0], ws.as_of).is_none());
    }

    #[test]
    fn mastery_progress_counts_reached_milestones() {
        let ws = load(
            "[goals.g]\ntitle = \"t\"\nowner = \"o\"\nframework = \"mastery\"\nmilestones = [{ title = \"a\", done = 2026-02-01 }, { title = \"b\", done = 2026-05-01 }, { title = \"c\" }, { title = \"d\" }]\n",
            "2026-03-01",
        );
        assert_eq!(
            own_progress(&ws, &ws.goals[0], ws.as_of).unwrap().clamped,
            0.25
        );
    }

    #[test]
    fn cascade_rolls_up_weighted_through_a_deep_chain_without_recursion() {
        let n = 30_000;
        let mut plan = String::new();
        for i in 0..n {
            plan.push_str(&format!("[goals.g{i}]\ntitle = \"t\"\nowner = \"o\"\n"));
            if i + 1 < n {
                plan.push_str(&format!("aligns_to = \"g{}\"\n", i + 1));
            }
        }
        // the leaf g0 is half done; every goal above it inherits that
        plan.push_str("[goals.g0.metrics.m]\nbaseline = 0\ntarget = 10\ncheckins = [{ date = 2026-02-01, value = 5 }]\n");
        let ws = load(&plan, "2026-03-01");
        let eval = evaluate(&ws);
        let top = ws.goal_by_id(&format!("g{}", n - 1)).unwrap();
        assert_eq!(eval.goal(top).cascade.unwrap().clamped, 0.5);
    }

    #[test]
    fn cascade_weights_children_and_survives_cycles() {
        let plan = "[goals.p]\ntitle = \"t\"\nowner = \"o\"\n\
            [goals.a]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"p\"\nweight = 3\n[goals.a.metrics.m]\nbaseline = 0\ntarget = 10\ncheckins = [{ date = 2026-02-01, value = 10 }]\n\
            [goals.b]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"p\"\n[goals.b.metrics.m]\nbaseline = 0\ntarget = 10\ncheckins = [{ date = 2026-02-01, value = 0 }]\n\
            [goals.x]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"y\"\n[goals.y]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"x\"\n";
        let ws = load(plan, "2026-03-01");
        let eval = evaluate(&ws);
        assert_eq!(
            eval.goal(ws.goal_by_id("p").unwrap())
                .cascade
                .unwrap()
                .clamped,
            0.75
        );
        assert!(eval.goal(ws.goal_by_id("x").unwrap()).cascade.is_none());
    }
}
