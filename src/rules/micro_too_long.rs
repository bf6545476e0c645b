//! `micro-too-long`: a micro goal spanning more than `max-days`.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::model::Framework;
use crate::workspace::Origin;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MicroTooLong,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a micro goal spans more than 90 days",
    doc: r#"# micro-too-long

## What it does
Reports a goal with `framework = "micro"` whose span, due date minus start date in days, is
longer than `max-days` (default 90; exactly 90 is fine). Dates inherited from the plan count:
a micro goal without its own dates spans the whole plan. Configure with
`micro-too-long = { max-days = 60 }`.

## Why
Micro goals are the S.M.A.R.T. short horizon: small steps whose feedback comes quickly enough to
steer by. Proximal goals raise motivation and self-efficacy more than distant ones (Bandura &
Schunk, 1981); a "micro" goal that runs for half a year has lost that.

## Example
```toml
[goals.first-cohort]
framework = "micro"
start = 2026-01-01
due = 2026-06-30
```

## How to fix
Shorten it to a step that can be finished within the limit, or split it into several micro
goals; if it really is a long goal, make it a `hard` goal.
"#,
    thresholds: &[&MAX_DAYS],
    check: Check::Workspace(check),
};

pub(super) static MAX_DAYS: Threshold = Threshold {
    name: "max-days",
    default: 90.0,
    min: 1.0,
    max: 3660.0,
    integer: true,
    description: "the longest span of a micro goal, in days",
};

fn check(ctx: &mut RuleContext<'_>) {
    let max = ctx.threshold(&MAX_DAYS);
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Micro {
            continue;
        }
        let (Some(start), Some(due)) = (&goal.start, &goal.due) else {
            continue;
        };
        let days = due.value.days_since(start.value);
        if (days as f64) > max {
            let span = if goal.due_origin == Origin::Goal {
                due.span
            } else {
                goal.header()
            };
            let start_text = if goal.start_origin == Origin::Goal {
                "starts here"
            } else {
                "start inherited from the plan"
            };
            let d = ctx
                .goal_finding(
                    id,
                    span,
                    format!(
                        "micro goal `{}` spans {days} days; a micro goal spans at most {max} days",
                        goal.id.value
                    ),
                )
                .with_label(format!("{days} days after the start"))
                .with_related(goal.file, start.span, start_text)
                .with_help(
                    "split it into shorter steps, or make it a `hard` goal if it is a long one",
                );
            ctx.report(d);
        }
    }
}
