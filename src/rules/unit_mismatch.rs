//! `unit-mismatch`: `contributes_to` links metrics with different units.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::UnitMismatch,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "contributes_to links metrics with different units",
    doc: r#"# unit-mismatch

## What it does
Reports a metric whose `contributes_to` names a metric with a different `unit` (both set;
compared exactly, ignoring surrounding spaces).

## Why
A contribution adds the child's change to the parent's: hours cannot be added to people, nor
USD to EUR. Rollups across units are meaningless, and `contribution-shortfall` leaves such
contributors out, so the parent looks under-supported.

## Example
```toml
[goals.org-training.metrics.hours]
unit = "hours"

[goals.team-training.metrics.sessions]
unit = "count"
contributes_to = "org-training.hours"
```

## How to fix
Measure the contributor in the parent's unit, or contribute to a parent metric of the same unit.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for metric in &ws.metrics {
        let Some(link) = metric.contributes_to() else {
            continue;
        };
        let Some(parent) = link.target.map(|p| ws.metric(p)) else {
            continue;
        };
        let (Some(unit), Some(parent_unit)) = (&metric.unit, &parent.unit) else {
            continue;
        };
        if unit.value.trim() != parent_unit.value.trim() {
            let d = ctx
                .metric_finding(metric, link.id.span, format!("metric `{}` in {} contributes to `{}` in {}", ctx.ws.key(metric), unit.value, ctx.ws.key(parent), parent_unit.value))
                .with_label("different unit")
                .with_related(metric.file, unit.span, "this metric's unit")
                .with_related(parent.file, parent_unit.span, "the parent's unit")
                .with_help("contribute to a metric of the same unit, or measure this one in the parent's unit");
            ctx.report(d);
        }
    }
}
