//! `percent-out-of-range`: a `%` value outside 0–100.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::MetricKind;

pub(super) static RULE: Rule = Rule {
    id: RuleId::PercentOutOfRange,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a % metric's baseline, target or check-in lies outside 0-100",
    doc: r#"# percent-out-of-range

## What it does
Reports the baseline, target or any check-in value of a metric with `unit = "%"` that lies
outside 0–100, each at the offending value (check-ins may be in progress files).

## Why
A share cannot be below nothing or above everything. A value such as 450 % is nearly always a
slipped digit (45.0) or a count entered into a percentage metric, and it would throw progress,
status and forecasts far off. Realistic, verifiable numbers are the point of a measurable goal.

## Example
```toml
[goals.erp-fluency.metrics.certified]
unit = "%"
baseline = 12
target = 90
checkins = [{ date = 2026-03-01, value = 310 }]
```

## How to fix
Correct the value. If the metric counts people rather than a share, change its unit to `count`.
Growth rates above 100 % are better written in their own unit (`unit = "x"`, "percent growth").
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for metric in &ws.metrics {
        // a deliverable's check-ins are percent complete
        let percent = metric.kind == MetricKind::Deliverable
            || metric.unit.as_ref().is_some_and(|u| u.value.trim() == "%");
        if !percent {
            continue;
        }
        let values = (metric.baseline.iter().map(|b| (metric.file, b, "baseline")))
            .chain(metric.target.iter().map(|t| (metric.file, t, "target")))
            .chain(
                metric
                    .checkins
                    .iter()
                    .filter_map(|c| Some((c.file, c.value()?, "check-in"))),
            );
        for (file, value, what) in values {
            if (0.0..=100.0).contains(&value.value) {
                continue;
            }
            let d = ctx
                .finding(
                    file,
                    value.span,
                    format!(
                        "{what} of `%` metric `{}` is {} %, outside 0–100",
                        ctx.ws.key(metric),
                        value.value
                    ),
                )
                .with_goal(ws.goal(metric.goal).id.value.clone())
                .with_metric(ws.key(metric).to_string())
                .with_label("not a percentage")
                .with_help(
                    "correct the value, or give the metric another unit if it is not a share",
                );
            ctx.report(d);
        }
    }
}
