//! `unrealistic-target`: more planned change per month than is realistic.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::UnrealisticTarget,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "the planned change per month exceeds a realistic ceiling",
    doc: r#"# unrealistic-target

## What it does
Divides a metric's planned change by the length of its goal in months (days / 30.44) and
reports the metric's `target` when that pace is above the ceiling:
- for `%` metrics, |target − baseline| / months above `max-points-per-month` (default 20
  percentage points);
- for other units (or no unit) with a non-zero baseline, |target − baseline| / |baseline| /
  months above `max-relative-per-month` (default 0.5, that is 50 % of the baseline a month,
  simple growth).

Metrics without a baseline or a target, goals without a start or due date or of no length, and
non-`%` metrics from a zero baseline are not judged. Exactly at the ceiling is fine. Configure with
`unrealistic-target = { max-points-per-month = 15, max-relative-per-month = 0.3 }`.

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
    thresholds: &[&MAX_POINTS_PER_MONTH, &MAX_RELATIVE_PER_MONTH],
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

pub(super) const DAYS_PER_MONTH: f64 = 30.44;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let max_points = ctx.threshold(&MAX_POINTS_PER_MONTH);
    let max_relative = ctx.threshold(&MAX_RELATIVE_PER_MONTH);
    for metric in &ws.metrics {
        let goal = ws.goal(metric.goal);
        let (Some(baseline), Some(target), Some(start), Some(due)) =
            (&metric.baseline, &metric.target, &goal.start, &goal.due)
        else {
            continue;
        };
        let days = due.value.days_since(start.value);
        if days <= 0 {
            continue;
        }
        let months = days as f64 / DAYS_PER_MONTH;
        let change = (target.value - baseline.value).abs();
        let percent = metric.unit.as_ref().is_some_and(|u| u.value.trim() == "%");
        let message = if percent {
            let pace = change / months;
            if pace <= max_points {
                continue;
            }
            format!(
                "needs {} percentage points a month over {} months; the ceiling is {}",
                above(pace, max_points),
                decimals(months, 1),
                decimals(max_points, 4)
            )
        } else {
            if baseline.value == 0.0 {
                continue;
            }
            let pace = change / baseline.value.abs() / months;
            if pace <= max_relative {
                continue;
            }
            format!(
                "needs {} % of the baseline a month over {} months; the ceiling is {} %",
                above(pace * 100.0, max_relative * 100.0),
                decimals(months, 1),
                decimals(max_relative * 100.0, 4)
            )
        };
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
