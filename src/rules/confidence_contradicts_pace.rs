//! `confidence-contradicts-pace`: a high confidence on a metric whose trend falls far short.

use super::{Check, Rule, RuleContext, claims};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::ConfidenceContradictsPace,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a check-in's confidence is high while the forecast of its day falls far short",
    doc: r#"# confidence-contradicts-pace

## What it does
Reads each metric's latest check-in on or before the as-of date. When its `confidence` is at
least `min-confidence` (default 0.7) while the forecast *at that check-in's date* — the
least-squares line through the check-ins up to that date and the baseline at the start, read at
the metric's due date, as `off-pace` computes it — reaches less than `max-forecast` (default
0.5, 50 %) of the planned change, the confidence is reported on the check-in's `confidence`.
Configure with `confidence-contradicts-pace = { min-confidence = 0.8, max-forecast = 0.4 }`.

A metric without a forecast (no target, no baseline, fewer than two points, a deliverable or a
range) is not judged. `off-pace` says the trend falls short; this rule says the claim ignores
it: both are reported.

## Why
Confidence is the forecast a person makes; the trend is the forecast the numbers make. When
one says "likely" and the other says "half way at best", the plan's readers are misled —
and OKR practice reads a confidence that never moves as a sign nobody looks at the numbers.

## Example
```toml
[goals.adoption.metrics.users]
baseline = 0
target = 100
unit = "users"
checkins = [
  { date = 2026-03-01, value = 5 },
  { date = 2026-06-01, value = 10, confidence = 0.9 },
]
```

## How to fix
Lower the confidence to what the trend supports and say what would change it, or act on the
metric so the trend catches up.
"#,
    thresholds: &[&MIN_CONFIDENCE, &MAX_FORECAST],
    check: Check::Workspace(check),
};

pub(super) static MIN_CONFIDENCE: Threshold = Threshold {
    name: "min-confidence",
    default: 0.7,
    min: 0.0,
    max: 1.0,
    integer: false,
    description: "the confidence from which a claim is judged against the forecast",
};

pub(super) static MAX_FORECAST: Threshold = Threshold {
    name: "max-forecast",
    default: 0.5,
    min: 0.0,
    max: 1.0,
    integer: false,
    description: "the share of the planned change below which the forecast contradicts a high confidence",
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let min_confidence = ctx.threshold(&MIN_CONFIDENCE);
    let max_forecast = ctx.threshold(&MAX_FORECAST);
    for goal in ws.goals.iter() {
        for &m in &goal.metrics {
            let metric = ws.metric(m);
            let Some(sides) =
                claims::confidence_claim(ws, goal, metric, min_confidence, max_forecast)
            else {
                continue;
            };
            let Some(last) = claims::latest_checkin(ws, metric) else {
                continue;
            };
            let span = last.confidence().map_or(last.span, |c| c.span);
            let d = ctx
                .metric_finding(
                    metric,
                    span,
                    format!("`{}` has {}", ws.key(metric), sides.sentence),
                )
                .with_label(sides.claimed.clone())
                .with_help(
                    "lower the confidence to what the trend supports and say what would change it, or act so the trend catches up",
                );
            ctx.report(d);
        }
    }
}
