//! `missing-target`: a metric has no target.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MissingTarget,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a metric has no target",
    doc: r#"# missing-target

## What it does
Reports every metric that has no `target`.

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

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        if metric.target.is_none() {
            let d = ctx
                .goal_finding(
                    metric.goal,
                    metric.id.span,
                    format!("metric `{}` has no `target`", ctx.ws.key(metric)),
                )
                .with_label("no target")
                .with_help("add it to the metric, for example: `target = 90`");
            ctx.report(d);
        }
    }
}
