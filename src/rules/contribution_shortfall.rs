//! `contribution-shortfall`: contributors plan less change than the metric they feed.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::progress::planned_change;

pub(super) static RULE: Rule = Rule {
    id: RuleId::ContributionShortfall,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "the metrics contributing to a parent metric plan less change than it does",
    doc: r#"# contribution-shortfall

## What it does
For a metric that others feed through `contributes_to`, adds up the contributors' planned
changes (target − baseline), counted in the direction of the parent's planned change, and
reports the parent's `target` when the sum is less than the parent's planned change. Only for
additive units: everything but `%` and `score` (and a parent without a unit is skipped). A
contributor with no baseline, no target, no unit or another unit adds nothing.

## Why
In a cascade, the parts must add up to the whole: if the sales teams together plan 30 new
deals and the company plans 45, the 15 in between belong to nobody. This is the arithmetic side
of alignment (MBO; OKR "bottom-up" key results) that spreadsheets silently miss.

## Example
```toml
[goals.org.metrics.deals]
unit = "count"
baseline = 100
target = 145

[goals.team-a.metrics.deals]
unit = "count"
baseline = 50
target = 65
contributes_to = "org.deals"

[goals.team-b.metrics.deals]
unit = "count"
baseline = 50
target = 65
contributes_to = "org.deals"
```

## How to fix
Raise the contributors' targets, add the missing contributors, or lower the parent's target to
what the plan supports.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// Tolerance for floating-point sums of decimal targets.
const EPSILON: f64 = 1e-9;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for parent in &ws.metrics {
        if parent.contributors.is_empty() {
            continue;
        }
        let Some(unit) = parent.unit.as_ref().map(|u| u.value.trim()) else {
            continue;
        };
        if unit == "%" || unit == "score" {
            continue;
        }
        let (Some(change), Some(target)) = (planned_change(parent), &parent.target) else {
            continue;
        };
        if change == 0.0 {
            continue;
        }
        let direction = change.signum();
        let mut planned = 0.0;
        for &c in &parent.contributors {
            let c = ws.metric(c);
            if c.unit.as_ref().is_some_and(|u| u.value.trim() == unit) {
                planned += planned_change(c).map_or(0.0, |p| p * direction);
            }
        }
        if planned + EPSILON * change.abs().max(1.0) >= change.abs() {
            continue;
        }
        let mut d = ctx
            .metric_finding(parent, target.span, format!("the metrics contributing to `{}` plan {} of its {} {unit} of change", ctx.ws.key(parent), fmt(planned), fmt(change.abs())))
            .with_label(format!("{} {unit} short", fmt(change.abs() - planned)))
            .with_help("raise the contributors' targets, add the missing contributors, or lower this target");
        for &c in &parent.contributors {
            let c = ws.metric(c);
            if let Some(link) = c.contributes_to() {
                let text = match planned_change(c) {
                    Some(p) if c.unit.as_ref().is_some_and(|u| u.value.trim() == unit) => {
                        format!("`{}` plans {}", ctx.ws.key(c), fmt(p * direction))
                    }
                    _ => format!(
                        "`{}` adds nothing (no baseline, target or matching unit)",
                        ctx.ws.key(c)
                    ),
                };
                d = d.with_related(c.file, link.id.span, text);
            }
        }
        ctx.report(d);
    }
}

/// Numbers as people write them: no trailing `.0`, at most two decimals.
fn fmt(n: f64) -> String {
    let rounded = (n * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}
