//! `missing-unit`: a metric has no unit.

use super::missing_target::lacks_target;
use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::MetricKind;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MissingUnit,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric has no unit",
    doc: r#"# missing-unit

## What it does
Reports a number metric or a range without a `unit`. A deliverable has none (its check-ins are
percent complete), and a metric without a target is left to `missing-target`.

## Why
A number without a unit invites misreading (hours or days? people or percent?), and rollups can only add metrics of the same unit: `contribution-shortfall` and `unit-mismatch` cannot judge a metric without one. `%` metrics are also checked for range and pace.

## Example
```toml
[goals.erp-fluency.metrics.certified]
title = "Share of staff certified at advanced level"
# no unit
```

## How to fix
Add the unit: `unit = "%"` or a word such as `count`, `hours`, `days`, `USD`, `score`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        if metric.unit.is_some() || metric.kind == MetricKind::Deliverable || lacks_target(metric) {
            continue;
        }
        let d = ctx
            .metric_finding(
                metric,
                metric.id.span,
                format!("metric `{}` has no `unit`", ctx.ws.key(metric)),
            )
            .with_label("no unit")
            .with_help("add it to the metric, for example: `unit = \"%\"` or `unit = \"count\"`");
        ctx.report(d);
    }
}
