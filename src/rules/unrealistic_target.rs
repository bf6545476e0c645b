//! `unrealistic-target`: more planned change per month than is realistic.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::model::MetricKind;
use crate::progress::reaches_target;

pub(super) static RULE: Rule = Rule {
    id: RuleId::UnrealisticTarget,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "the planned change per month exceeds a realistic ceiling",
    doc: r#"# unrealistic-target

## What it does
Judges the pace a number metric's target asks for: the planned change per month over the
metric's own span (the goal's start to the metric's due date, months = days / 30.44), but never
over less than `min-months` (default 2: a 4-week micro step is judged as if it had 2 months).

- For `%` metrics: more than `max-points-per-month` (default 20) percentage points a month. A
  `%` metric with a baseline of 0 is not judged: a share from zero (a course nobody has taken
  yet, an assessment not yet sat) has no pace to exceed.
- For other units: more than `max-relative-per-month` (default 0.5) of the baseline a month
  (simple, not compound, growth), judged only when |baseline| is at least `min-baseline`
  (default 20): growth of a small cohort (5 → 30 people) says nothing about difficulty.
- With `waypoints`, each segment of the planned path is judged over its own length (at least
  the window) from the segment's starting value.

It is silent when a check-in already reaches the target (it was not unrealistic), and never
judges deliverables or ranges.
## Why
Goal-setting theory (Locke & Latham) finds that performance rises with goal difficulty only
while the goal is seen as attainable; targets far beyond it are abandoned, and they distort
every forecast built on them. The pace check catches the usual causes: a missing zero, a
quarter's target on a month-long goal, a baseline in the wrong unit.

## Example
```toml
[goals.erp-fluency]
start = 2026-04-01
due = 2026-05-31

[goals.erp-fluency.metrics.certified]
unit = "%"
baseline = 10
target = 90
```

## How to fix
Give the goal more time, lower the target to what the pace allows, or check the baseline and
target for typos.
"#,
    thresholds: &[
        &MAX_POINTS_PER_MONTH,
        &MAX_RELATIVE_PER_MONTH,
        &MIN_MONTHS,
        &MIN_BASELINE,
    ],
    check: Check::Workspace(check),
};

pub(super) static MAX_POINTS_PER_MONTH: Threshold = Threshold {
    name: "max-points-per-month",
    default: 20.0,
    min: 0.0,
    max: 100.0,
    integer: false,
    description: "ceiling for % metrics, in percentage points a month",
};

pub(super) static MAX_RELATIVE_PER_MONTH: Threshold = Threshold {
    name: "max-relative-per-month",
    default: 0.5,
    min: 0.0,
    max: 1000.0,
    integer: false,
    description: "ceiling for other units, as a share of the baseline a month",
};

pub(super) static MIN_MONTHS: Threshold = Threshold {
    name: "min-months",
    default: 2.0,
    min: 0.0,
    max: 120.0,
    integer: false,
    description: "the shortest window a pace is judged over, in months",
};

pub(super) static MIN_BASELINE: Threshold = Threshold {
    name: "min-baseline",
    default: 20.0,
    min: 0.0,
    max: 1e12,
    integer: false,
    description: "the smallest |baseline| that relative growth is judged from (other units than %)",
};

pub(super) const DAYS_PER_MONTH: f64 = 30.44;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let max_points = ctx.threshold(&MAX_POINTS_PER_MONTH);
    let max_relative = ctx.threshold(&MAX_RELATIVE_PER_MONTH);
    let min_months = ctx.threshold(&MIN_MONTHS);
    let min_baseline = ctx.threshold(&MIN_BASELINE);
    for metric in &ws.metrics {
        let goal = ws.goal(metric.goal);
        if metric.kind != MetricKind::Number {
            continue;
        }
        // over the metric's own span: the goal's start to the metric's due date
        let (Some(baseline), Some(target), Some(start), Some(due)) = (
            &metric.baseline,
            &metric.target,
            &goal.start,
            metric.due(goal),
        ) else {
            continue;
        };
        // a target already reached was not unrealistic
        if metric
            .checkins
            .iter()
            .filter_map(|c| c.value())
            .any(|v| reaches_target(metric, v.value))
        {
            continue;
        }
        let percent = metric.unit.as_ref().is_some_and(|u| u.value.trim() == "%");
        // a share from zero (a course nobody has taken yet) has no pace to exceed
        if percent && baseline.value == 0.0 {
            continue;
        }
        let mut path = vec![(start.value, baseline.value)];
        path.extend(
            metric
                .waypoints()
                .iter()
                .map(|w| (w.date.value, w.value.value)),
        );
        path.push((due.value, target.value));
        let segmented = path.len() > 2;
        let found = path.windows(2).find_map(|pair| {
            let [(d0, v0), (d1, v1)] = pair else {
                return None;
            };
            let days = d1.days_since(*d0);
            // never judged over less than the window: a 4-week step (or a goal of no length)
            // is judged as 2 months
            let months = (days as f64 / DAYS_PER_MONTH).max(min_months);
            if days < 0 || months <= 0.0 {
                return None;
            }
            let change = (v1 - v0).abs();
            let over = if segmented {
                format!("{} months from {d0} to {d1}", decimals(months, 1))
            } else {
                format!("{} months", decimals(months, 1))
            };
            if percent {
                let pace = change / months;
                (pace > max_points).then(|| {
                    format!(
                        "needs {} percentage points a month over {over}; the ceiling is {}",
                        above(pace, max_points),
                        decimals(max_points, 4)
                    )
                })
            } else {
                // growth of a small cohort says nothing about difficulty
                if v0.abs() < min_baseline || *v0 == 0.0 {
                    return None;
                }
                let pace = change / v0.abs() / months;
                (pace > max_relative).then(|| {
                    format!(
                        "needs {} % of the baseline a month over {over}; the ceiling is {} %",
                        above(pace * 100.0, max_relative * 100.0),
                        decimals(max_relative * 100.0, 4)
                    )
                })
            }
        });
        let Some(message) = found else { continue };
        let d = ctx
            .metric_finding(metric, target.span, format!("target of `{}` is unrealistic: {message}", ctx.ws.key(metric)))
            .with_label("too far, too fast")
            .with_related(metric.file, baseline.span, "from this baseline")
            .with_help("give the goal more time, lower the target, or check baseline and target for a typo");
        ctx.report(d);
    }
}

/// `value` (above `limit`) rounded to 1 decimal, or to as many more (up to 4) as it takes
/// to still read above the limit as shown: 20.04 against a ceiling of 20 reads "20.04", not "20".
fn above(value: f64, limit: f64) -> String {
    let shown_limit: f64 = decimals(limit, 4).parse().unwrap_or(limit);
    (1..=4)
        .map(|places| decimals(value, places))
        .find(|v| v.parse::<f64>().is_ok_and(|v| v > shown_limit))
        .unwrap_or_else(|| value.to_string())
}

/// `value` rounded to `places` decimals, without trailing zeros.
fn decimals(value: f64, places: usize) -> String {
    let mut s = format!("{value:.places$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    s
}
