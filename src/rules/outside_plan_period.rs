//! `outside-plan-period`: a goal starting before or due after its plan's period.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::Origin;

pub(super) static RULE: Rule = Rule {
    id: RuleId::OutsidePlanPeriod,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a goal starts before or is due after its plan's period",
    doc: r#"# outside-plan-period

## What it does
Reports a goal whose own `start` is before its plan's `start`, or whose own `due` is after its
plan's `end`. (Dates a goal inherits from its plan are inside the period by definition.)

## Why
A plan covers a period, a year or a half, and is reviewed and budgeted as such. A goal that
reaches outside it is either in the wrong plan (it belongs to next year's) or its dates are a
typo; either way, reports for the period would judge it against a span the plan never had.

## Example
```toml
[plan]
start = 2026-01-01
end = 2026-12-31

[goals.academy]
due = 2027-03-31
```

## How to fix
Correct the date, move the goal to the plan of the period it belongs to, or extend the plan's
period.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        let Some(plan) = goal.plan.map(|p| ws.plan(p)) else {
            continue;
        };
        if let (Some(start), Some(plan_start), Origin::Goal) =
            (&goal.start, &plan.start, goal.start_origin)
            && start.value < plan_start.value
        {
            let d = ctx
                .goal_finding(
                    id,
                    start.span,
                    format!(
                        "goal `{}` starts on {}, before its plan starts on {}",
                        goal.id.value, start.value, plan_start.value
                    ),
                )
                .with_label("before the plan's period")
                .with_related(plan.file, plan_start.span, "the plan starts here")
                .with_help(
                    "correct the start, or move the goal to the plan of the period it belongs to",
                );
            ctx.report(d);
        }
        if let (Some(due), Some(plan_end), Origin::Goal) = (&goal.due, &plan.end, goal.due_origin)
            && due.value > plan_end.value
        {
            let d = ctx
                    .goal_finding(id, due.span, format!("goal `{}` is due on {}, after its plan ends on {}", goal.id.value, due.value, plan_end.value))
                    .with_label("after the plan's period")
                    .with_related(plan.file, plan_end.span, "the plan ends here")
                    .with_help("correct the due date, or move the goal to the plan of the period it belongs to");
            ctx.report(d);
        }
    }
}
