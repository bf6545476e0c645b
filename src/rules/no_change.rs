//! `no-change`: a metric whose target equals its baseline.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::NoChange,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric's target equals its baseline",
    doc: r#"# no-change

## What it does
Reports a metric whose `target` equals its `baseline`.

## Why
A goal is a planned change. Goal-setting theory (Locke & Latham) ties performance to specific,
challenging targets; a target that asks for no change is neither, and progress
((current − baseline) / (target − baseline)) cannot be computed for it. Usually it is a copy-paste
slip, or a "keep it as it is" guardrail that belongs in a team's standards rather than its goals.

## Example
```toml
[goals.onboarding.metrics.time-to-productive]
unit = "days"
baseline = 45
target = 45
```

## How to fix
Set the target the goal should reach. If the point is to hold a level while something else
changes, state the change as the goal and drop this metric.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        let (Some(baseline), Some(target)) = (&metric.baseline, &metric.target) else {
            continue;
        };
        if baseline.value == target.value {
            let d = ctx
                .metric_finding(
                    metric,
                    target.span,
                    format!(
                        "metric `{}` plans no change: target and baseline are both {}",
                        ctx.ws.key(metric),
                        target.value
                    ),
                )
                .with_label("same as the baseline")
                .with_related(metric.file, baseline.span, "baseline")
                .with_help("set the target to the value the goal should reach");
            ctx.report(d);
        }
    }
}
