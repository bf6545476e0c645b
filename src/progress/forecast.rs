//! Forecasts: the least-squares line through a metric's check-ins (and its baseline at the
//! start), read at the metric's due date.

use super::{checkins_until, effective_baseline, share_of_change, weighted_mean};
use crate::base::date::Date;
use crate::model::MetricKind;
use crate::workspace::{Goal, Metric, Workspace};
use serde::Serialize;

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

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn a_fit_that_overflows_either_way_is_no_fit() {
        // a finite slope over a far origin overflows the intercept: no forecast of ±inf
        let (x, slope) = (20_000.0, 1e305);
        assert_eq!(fit(&[(x, 0.0), (x + 1.0, slope)]), None);
        assert_eq!(fit(&[(0.0, 1.0), (1.0, 3.0)]), Some((1.0, 2.0)));
        assert_eq!(fit(&[(2.0, 1.0), (2.0, 3.0)]), None);
    }
}
