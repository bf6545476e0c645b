//! `off-pace`: an active goal whose forecast falls short of its target.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::model::MetricKind;
use crate::progress::{checkins_until, forecast, path_expected, share_of_change};
use crate::workspace::Checkin;

pub(super) static RULE: Rule = Rule {
    id: RuleId::OffPace,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "an active goal's forecast falls short of its target",
    doc: r#"# off-pace

## What it does
For each metric of an active goal (start ≤ as-of ≤ due) with a baseline, a target and at least
two check-ins on or before the as-of date, fits a least-squares line through its check-ins and
the baseline at the goal's start date, and evaluates it at the due date. When the forecast
reaches less than `min-forecast` (default 0.8, 80 %) of the planned change (target − baseline),
the metric is reported. Configure with `off-pace = { min-forecast = 0.7 }`.

## Why
Feedback on progress is what makes goals work (Locke & Latham): a trend that will miss the
target is worth knowing while there is still time to act, not at the review after the due date.
A linear forecast through every check-in is robust to a single noisy value and needs nothing but
the data already in the plan.

## Example
```toml
[goals.erp-fluency]
start = 2026-01-01
due = 2026-12-31

[goals.erp-fluency.metrics.certified]
unit = "%"
baseline = 12
target = 90
checkins = [
  { date = 2026-03-01, value = 15 },
  { date = 2026-05-01, value = 18 },
]
```

## How to fix
Act on the goal (more capacity, a different approach), or re-plan it honestly: a later due date
or a lower target, agreed with whoever the goal serves.
"#,
    thresholds: &[&MIN_FORECAST],
    check: Check::Workspace(check),
};

pub(super) static MIN_FORECAST: Threshold = Threshold {
    name: "min-forecast",
    default: 0.8,
    min: 0.0,
    max: 1.0,
    integer: false,
    description: "the share of the planned change the forecast must reach by the due date",
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let min = ctx.threshold(&MIN_FORECAST);
    for goal in ws.goals.iter() {
        if !goal.is_active(ws.as_of) {
            continue;
        }
        for &m in &goal.metrics {
            let metric = ws.metric(m);
            let Some(due) = metric.due(goal) else {
                continue;
            };
            // past its own due date it is `overdue`'s to judge; ranges and deliverables have
            // no pace
            if metric.kind != MetricKind::Number || ws.as_of > due.value {
                continue;
            }
            let counted: Vec<&Checkin> = checkins_until(metric, ws.as_of)
                .iter()
                .filter(|c| c.value().is_some())
                .collect();
            let (Some(last), Some(target)) = (counted.last(), &metric.target) else {
                continue;
            };
            let latest = last.value().map_or(0.0, |v| v.value);
            let message = if metric.waypoints().is_empty() {
                if counted.len() < 2 {
                    continue;
                }
                let Some(f) = forecast(goal, metric, ws.as_of) else {
                    continue;
                };
                if f.progress >= min {
                    continue;
                }
                format!(
                    "`{}` is off pace: the trend of its check-ins reaches {} % of the planned change by {} (value {:.1} of target {}); at least {} % is needed",
                    ctx.ws.key(metric),
                    below(f.progress * 100.0, min * 100.0),
                    due.value,
                    f.value,
                    target.value,
                    decimals(min * 100.0, 3)
                )
            } else {
                // a planned path: the latest check-in against where the path is on its date
                let (Some(done), Some(planned)) = (
                    share_of_change(metric, latest),
                    path_expected(goal, metric, last.date.value),
                ) else {
                    continue;
                };
                if planned <= 0.0 || done >= min * planned {
                    continue;
                }
                format!(
                    "`{}` is off its planned path: {} % of the planned change on {}, where the waypoints plan {} %; at least {} % of the path is needed",
                    ctx.ws.key(metric),
                    decimals(done * 100.0, 1),
                    last.date.value,
                    decimals(planned * 100.0, 1),
                    decimals(min * 100.0, 3)
                )
            };
            let d = ctx
                .metric_finding(metric, metric.id.span, message)
                .with_label("forecast falls short")
                .with_related(
                    last.file,
                    last.span,
                    format!("latest check-in: {latest} on {}", last.date.value),
                )
                .with_help(
                    "act on the goal now, or re-plan it with a later due date or a lower target",
                );
            ctx.report(d);
        }
    }
}

/// `value` (below `limit`) rounded to 0 decimals, or to as many more (up to 3) as it takes
/// to still read below the limit as shown: 79.6 against a minimum of 80 reads "79.6", not "80".
fn below(value: f64, limit: f64) -> String {
    let shown_limit: f64 = decimals(limit, 3).parse().unwrap_or(limit);
    (0..=3)
        .map(|places| decimals(value, places))
        .find(|v| v.parse::<f64>().is_ok_and(|v| v < shown_limit))
        .unwrap_or_else(|| value.to_string())
}

/// `value` rounded to `places` decimals, without trailing zeros.
fn decimals(value: f64, places: usize) -> String {
    let mut s = format!("{value:.places$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if s == "-0" { "0".to_string() } else { s }
}
