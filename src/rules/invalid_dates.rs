//! `invalid-dates`: date ranges that run backwards.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::{GoalId, Origin};

pub(super) static RULE: Rule = Rule {
    id: RuleId::InvalidDates,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a goal due before its start, a plan ending before it starts, a milestone outside its goal",
    doc: r#"# invalid-dates

## What it does
Reports a goal whose `due` date is before its `start` (either may be inherited from the plan), a
plan whose `end` is before its `start`, and a milestone due before its goal starts or after its
goal is due. Check-in dates have rules of their own (`checkin-in-future`,
`checkin-outside-goal`).

## Why
Every time-dependent judgement, expected progress, pace, forecasts, staleness, divides by the
length of a goal's span. A span that runs backwards is always a typo (a swapped month and day, a
wrong year) and would make every one of those numbers meaningless.

## Example
```toml
[goals.erp-trainers]
title = "Train 40 ERP floor trainers"
owner = "maria"
start = 2026-03-01
due = 2026-01-31
```

## How to fix
Correct the date the message points at; if the goal inherits its start or due date from the
plan, set it on the goal.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for plan in &ws.plans {
        if let (Some(start), Some(end)) = (&plan.start, &plan.end)
            && end.value < start.value
        {
            {
                let d = ctx
                    .finding(
                        plan.file,
                        end.span,
                        format!(
                            "the plan ends on {} before it starts on {}",
                            end.value, start.value
                        ),
                    )
                    .with_label("end before start")
                    .with_related(plan.file, start.span, "the plan starts here")
                    .with_help("correct `start` or `end` of `[plan]`");
                ctx.report(d);
            }
        }
    }
    for (id, _) in ws.goal_ids() {
        check_goal(ctx, id);
        check_metric_dues(ctx, id);
    }
}

/// A key result's own `due` lies within its goal's start..due.
fn check_metric_dues(ctx: &mut RuleContext<'_>, id: GoalId) {
    let ws = ctx.ws;
    let goal = ws.goal(id);
    let (Some(start), Some(due)) = (&goal.start, &goal.due) else {
        return;
    };
    for &m in &goal.metrics {
        let metric = ws.metric(m);
        let Some(own) = metric.own_due() else {
            continue;
        };
        let (when, bound, text) = if own.value < start.value {
            ("before its goal starts", start, "the goal starts here")
        } else if own.value > due.value {
            ("after its goal is due", due, "the goal is due here")
        } else {
            continue;
        };
        let d = ctx
            .metric_finding(
                metric,
                own.span,
                format!(
                    "key result `{}` is due on {}, {when} ({} to {})",
                    ws.key(metric),
                    own.value,
                    start.value,
                    due.value
                ),
            )
            .with_label("outside the goal's span")
            .with_related(goal.file, bound.span, text)
            .with_help(
                "a key result is due within its goal's span: correct its `due` or the goal's dates",
            );
        ctx.report(d);
    }
}

fn check_goal(ctx: &mut RuleContext<'_>, id: GoalId) {
    let ws = ctx.ws;
    let goal = ws.goal(id);
    let (Some(start), Some(due)) = (&goal.start, &goal.due) else {
        return;
    };
    if due.value < start.value {
        // Point at a date written on the goal; the other one is shown as related.
        let (primary, other, other_text) = if goal.due_origin == Origin::Goal {
            let text = match goal.start_origin {
                Origin::Goal => "starts here",
                Origin::Default => "start inherited from the plan",
            };
            (due, start, text)
        } else {
            let text = match goal.due_origin {
                Origin::Goal => "due here",
                Origin::Default => "due date inherited from the plan",
            };
            (start, due, text)
        };
        let d = ctx
            .goal_finding(
                id,
                primary.span,
                format!(
                    "goal `{}` is due on {} before it starts on {}",
                    goal.id.value, due.value, start.value
                ),
            )
            .with_label("due before start")
            .with_related(goal.file, other.span, other_text)
            .with_help("correct `start` or `due`; a goal's span must not run backwards");
        ctx.report(d);
        return;
    }
    let Some(milestones) = goal.milestones() else {
        return;
    };
    for m in &milestones.value {
        let Some(mdue) = &m.due else { continue };
        let problem = if mdue.value < start.value {
            Some(format!(
                "milestone due on {} before its goal starts on {}",
                mdue.value, start.value
            ))
        } else if mdue.value > due.value {
            Some(format!(
                "milestone due on {} after its goal is due on {}",
                mdue.value, due.value
            ))
        } else {
            None
        };
        if let Some(message) = problem {
            let (bound, bound_text) = if mdue.value < start.value {
                (start, "the goal starts here")
            } else {
                (due, "the goal is due here")
            };
            let d = ctx
                .goal_finding(id, mdue.span, message)
                .with_label("outside the goal's span")
                .with_related(goal.file, bound.span, bound_text)
                .with_help("move the milestone inside the goal's span, or change the goal's dates");
            ctx.report(d);
        }
    }
}
