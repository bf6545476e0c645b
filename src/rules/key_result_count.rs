//! `key-result-count`: an OKR with too few or too many key results.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::KeyResultCount,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "an okr goal has fewer than 2 or more than 5 key results",
    doc: r#"# key-result-count

## What it does
Reports an okr goal with fewer than `min` (default 2) or more than `max` (default 5) key
results (metrics). A goal with no metric at all is left to `missing-metric` (or, when goals align
to it, is measured by them).

## Why
OKR practice (Grove at Intel; Doerr, *Measure What Matters*) gives each objective a handful of
key results, usually three to five: one key result is a single metric with an objective's name,
and more than five dilutes focus until nothing is key.

## Example
```toml
[goals.trainer-network]
framework = "okr"
type = "committed"

[goals.trainer-network.metrics.trainers]
unit = "count"
baseline = 10
target = 30
```

## How to fix
Add the key results that together show the objective is met, or move the extra ones to another
objective (or drop them).
"#,
    thresholds: &[&MIN, &MAX],
    check: Check::Workspace(check),
};

pub(super) static MIN: Threshold = Threshold {
    name: "min",
    default: 2.0,
    min: 1.0,
    max: 100.0,
    integer: true,
    description: "the fewest key results",
};

pub(super) static MAX: Threshold = Threshold {
    name: "max",
    default: 5.0,
    min: 1.0,
    max: 100.0,
    integer: true,
    description: "the most key results",
};

fn check(ctx: &mut RuleContext<'_>) {
    let (min, max) = (ctx.threshold(&MIN), ctx.threshold(&MAX));
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Okr {
            continue;
        }
        let n = goal.metrics.len();
        // no metric at all is `missing-metric`'s finding, or an umbrella measured by its cascade
        if n == 0 {
            continue;
        }
        let (problem, help) = if (n as f64) < min {
            (
                format!("fewer than {min}"),
                "add the key results that together show the objective is met",
            )
        } else if (n as f64) > max {
            (
                format!("more than {max}"),
                "keep the few key results that matter most; move the rest to another objective",
            )
        } else {
            continue;
        };
        let results = if n == 1 {
            "1 key result".to_string()
        } else {
            format!("{n} key results")
        };
        let d = ctx
            .goal_finding(
                id,
                goal.header(),
                format!("okr `{}` has {results}, {problem}", goal.id.value),
            )
            .with_label(results)
            .with_help(help);
        ctx.report(d);
    }
}
