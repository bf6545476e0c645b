//! `missing-target`: a metric has no target.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::MetricKind;
use crate::workspace::Metric;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MissingTarget,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a metric has no target",
    doc: r#"# missing-target

## What it does
Reports a number metric (the default kind) without a `target`, and a range without either
`min` or `max`. A deliverable has no target by definition (it is done or not) and is not
reported. One weakness, one finding: on a metric this rule reports, `missing-baseline`,
`missing-unit` and `no-change` stay silent, since a baseline or a unit means nothing without the
value to reach.

## Why
Without a target there is no goal, only a measurement: progress, status, pace and forecasts are all measured against the target. Locke and Latham's goal-setting theory rests on specific, difficult targets; S.M.A.R.T. asks for a measurable one.

## Example
```toml
[goals.erp-fluency.metrics.certified]
title = "Share of staff certified at advanced level"
# no target
```

## How to fix
Add the value the metric should reach by the due date: `target = 90`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// A metric with nothing to reach: a number without a target, a range without bounds. The
/// measurability rules that would only restate this stay silent on it.
pub(super) fn lacks_target(metric: &Metric) -> bool {
    match metric.kind {
        MetricKind::Number => metric.target.is_none(),
        MetricKind::Range => metric.min().is_none() && metric.max().is_none(),
        MetricKind::Deliverable => false,
    }
}

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        if !lacks_target(metric) {
            continue;
        }
        let (message, help) = match metric.kind {
            MetricKind::Range => (
                format!("range `{}` has neither `min` nor `max`", ctx.ws.key(metric)),
                "give the level to hold, for example: `min = 8` and `max = 9`",
            ),
            _ => (
                format!("metric `{}` has no `target`", ctx.ws.key(metric)),
                "add it to the metric, for example: `target = 90`; for a result that is done or not, write `kind = \"deliverable\"`",
            ),
        };
        let d = ctx
            .metric_finding(metric, metric.id.span, message)
            .with_label("no target")
            .with_help(help);
        ctx.report(d);
    }
}
