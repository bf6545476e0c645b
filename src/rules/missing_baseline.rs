//! `missing-baseline`: a metric has no baseline.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MissingBaseline,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric has no baseline",
    doc: r#"# missing-baseline

## What it does
Reports every metric that has no `baseline`.

## Why
A target means little without the starting point: 90 % certified is ambitious from 12 % and trivial from 85 %. Progress is measured from the baseline ((current − baseline) / (target − baseline)), so without it progress is unknown and the goal shows as unmeasured. The measurement guidance behind S.M.A.R.T. and OKRs asks to state where a key result starts.

## Example
```toml
[goals.erp-fluency.metrics.certified]
title = "Share of staff certified at advanced level"
# no baseline
```

## How to fix
Add the value at the goal's start: `baseline = 12`. If it is not known yet, measure it first; that is usually the first task of the goal.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        if metric.baseline.is_none() {
            let d = ctx
                .goal_finding(
                    metric.goal,
                    metric.id.span,
                    format!("metric `{}` has no `baseline`", ctx.ws.key(metric)),
                )
                .with_label("no baseline")
                .with_help("add it to the metric, for example: `baseline = 12`");
            ctx.report(d);
        }
    }
}
