//! What the charts draw beyond the check-ins: each metric's planned path, and the plan's
//! burn-up (done share over time against expected).

use super::View;
use crate::base::date::Date;
use crate::model::MetricKind;
use crate::progress;
use crate::report::model::{Burnup, BurnupPoint, Period, PlanPoint};
use crate::workspace::{Goal, Metric};
use rayon::prelude::*;

/// At most about this many dates on the burn-up: monthly for a year or two, coarser beyond.
const BURNUP_POINTS: i32 = 24;

/// The planned path of a metric: from (start, baseline) through its waypoints to (due,
/// target); a deliverable's from 0 to 100 % complete. Empty for a range, or without the dates
/// or the numbers to draw it.
pub(super) fn plan(goal: &Goal, m: &Metric) -> Vec<PlanPoint> {
    let (Some(start), Some(due)) = (goal.start.as_ref(), m.due(goal)) else {
        return Vec::new();
    };
    let (start, due) = (start.value, due.value);
    let (baseline, target) = match m.kind {
        MetricKind::Range => return Vec::new(),
        MetricKind::Deliverable => (0.0, 100.0),
        MetricKind::Number => match (progress::effective_baseline(m), m.target.as_ref()) {
            (Some(b), Some(t)) => (b, t.value),
            _ => return Vec::new(),
        },
    };
    let mut points = vec![PlanPoint {
        date: start,
        value: baseline,
    }];
    points.extend(m.waypoints().iter().map(|w| PlanPoint {
        date: w.date.value,
        value: w.value.value,
    }));
    points.push(PlanPoint {
        date: due,
        value: target,
    });
    points
}

/// The first of each month (every few months for a long period) from the period's start to
/// its end, with the as-of date in between; `None` without a period.
fn dates(period: Period, as_of: Date) -> Option<Vec<Date>> {
    let (start, end) = (period.start?, period.end?);
    if end <= start {
        return None;
    }
    let (y0, m0, _) = start.ymd();
    let (y1, m1, _) = end.ymd();
    let months = (y1 - y0) * 12 + (m1 as i32 - m0 as i32) + 1;
    let step = (months + BURNUP_POINTS - 1) / BURNUP_POINTS;
    let mut dates = vec![start];
    let mut k = step;
    while k < months {
        let index = (m0 as i32 - 1) + k;
        let month = index.rem_euclid(12) as u32 + 1;
        if let Some(d) = Date::from_ymd(y0 + index.div_euclid(12), month, 1) {
            dates.push(d);
        }
        k += step;
    }
    dates.push(end);
    if as_of > start && as_of < end {
        dates.push(as_of);
    }
    dates.sort_unstable();
    dates.dedup();
    Some(dates)
}

/// The burn-up of the goals that match the filters over the plan period: the weighted mean of
/// their own progress at each date up to the as-of date (a goal not measured by then counts
/// as 0, so the line shows the whole plan's share done), and of their expected progress.
pub(super) fn burnup(view: &View<'_>, period: Period) -> Option<Burnup> {
    let ws = view.ws;
    let dates = dates(period, ws.as_of)?;
    let goals: Vec<&Goal> = ws
        .goal_ids()
        .filter(|(id, _)| view.matches(*id))
        .map(|(_, g)| g)
        .collect();
    if goals.is_empty() {
        return None;
    }
    let weight: f64 = goals.iter().map(|g| g.weight).sum();
    if weight <= 0.0 || !weight.is_finite() {
        return None;
    }
    let points = dates
        .iter()
        .map(|&d| {
            let (done, expected) = goals
                .par_iter()
                .map(|g| {
                    let done = (d <= ws.as_of).then(|| {
                        progress::own_progress(ws, g, d).map_or(0.0, |p| p.clamped) * g.weight
                    });
                    let expected = progress::expected_progress(ws, g, d).unwrap_or(0.0) * g.weight;
                    (done.unwrap_or(0.0), expected)
                })
                // collected in order and summed in order: byte-identical output
                .collect::<Vec<_>>()
                .into_iter()
                .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1));
            BurnupPoint {
                date: d,
                done: (d <= ws.as_of).then_some(done / weight),
                expected: Some(expected / weight),
            }
        })
        .collect();
    Some(Burnup {
        goals: goals.len(),
        points,
    })
}
