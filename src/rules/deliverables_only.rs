//! `deliverables-only`: an okr, hard or micro goal measured only by deliverables.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::{Framework, MetricKind};

pub(super) static RULE: Rule = Rule {
    id: RuleId::DeliverablesOnly,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "an okr, hard or micro goal is measured only by deliverables",
    doc: r#"# deliverables-only

## What it does
Reports a goal with `framework = "okr"`, `"hard"` (the default) or `"micro"` that has at least
one metric, all of whose metrics are `kind = "deliverable"`.

It does not report a goal without metrics (that is `missing-metric`'s to say, or the goal is an
umbrella measured by its cascade), a goal with at least one `number` or `range` metric next to
its deliverables, or a `mastery` or `pact` goal (measured by milestones and commitments).

## Why
A deliverable says that the work was done, not whether it made a difference: "Launch the
partner certification programme" is met on the day it launches, whether or not a single partner
ever certifies. OKR practice (Grove; Doerr, *Measure What Matters*) pairs each output with an
outcome that shows it worked. Most public OKR sets are lists of deliverables; this is the
finding that tells them apart from plans that measure results.

## Example
```toml
[goals.partner-enablement]
title = "Partners sell the new platform on their own"
framework = "okr"
owner = "lena"

[goals.partner-enablement.metrics.programme]
title = "Launch the partner certification programme"
kind = "deliverable"

[goals.partner-enablement.metrics.portal]
title = "Publish the partner sales portal"
kind = "deliverable"
```

## How to fix
Add a number metric for what the deliverables are for, e.g. "Partners certified" (unit
`partners`, baseline and target) or "Deals closed by partners without our help". Keep the
deliverables as key results or milestones next to it.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        if !matches!(
            goal.framework.value,
            Framework::Okr | Framework::Hard | Framework::Micro
        ) || goal.metrics.is_empty()
        {
            continue;
        }
        if goal
            .metrics
            .iter()
            .all(|&m| ws.metric(m).kind == MetricKind::Deliverable)
        {
            let n = goal.metrics.len();
            let what = if n == 1 {
                "its only metric is a deliverable".to_string()
            } else {
                format!("all {n} of its metrics are deliverables")
            };
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!(
                        "goal `{}` is measured only by deliverables ({what}): nothing says whether the work made a difference",
                        goal.id.value
                    ),
                )
                .with_label("only deliverables")
                .with_help("add a number metric for the outcome the deliverables are for, with a baseline and a target");
            ctx.report(d);
        }
    }
}
