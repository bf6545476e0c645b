//! `checkin-outside-goal`: a check-in dated outside its goal's span.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::Origin;

pub(super) static RULE: Rule = Rule {
    id: RuleId::CheckinOutsideGoal,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a check-in is dated outside its goal's span",
    doc: r#"# checkin-outside-goal

## What it does
Reports a check-in dated before its goal's start or after its goal's due date (dates inherited
from the plan count), with the goal's start or due shown beside it.

## Why
A goal's progress is measured from its baseline at the start to its target at the due date.
A value measured before the start is the baseline's business, and one after the due date is no
longer progress on this goal; such check-ins are usually attached to the wrong metric or carry
the wrong year, and they bend forecasts and staleness.

## Example
```toml
[goals.first-cohort]
start = 2026-04-01
due = 2026-05-31

[goals.first-cohort.metrics.certified]
checkins = [{ date = 2026-03-15, value = 2 }]
```

## How to fix
Correct the date, move the check-in to the metric it belongs to, or use the value as the
`baseline` if it was measured before the start.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// How long after the due date a check-in with only a score is a grading, not a late check-in.
const GRADING_DAYS: i64 = 31;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for metric in &ws.metrics {
        let goal = ws.goal(metric.goal);
        // the metric's own due date when it has one
        let (Some(start), Some(due)) = (&goal.start, metric.due(goal)) else {
            continue;
        };
        let own_due = metric.own_due().is_some();
        for c in &metric.checkins {
            // a check-in with only a score, up to 31 days after the due date, is a grading
            let grading = c.value().is_none()
                && c.status().is_none()
                && c.score().is_some()
                && c.date.value > due.value
                && c.date.value.days_since(due.value) <= GRADING_DAYS;
            if grading {
                continue;
            }
            let (bound, text, when) = if c.date.value < start.value {
                let text = match goal.start_origin {
                    Origin::Goal => "the goal starts here",
                    Origin::Default => "the goal's start, inherited from the plan",
                };
                (start, text, "before")
            } else if c.date.value > due.value {
                let text = match (own_due, goal.due_origin) {
                    (true, _) => "the key result is due here",
                    (false, Origin::Goal) => "the goal is due here",
                    (false, Origin::Default) => "the goal's due date, inherited from the plan",
                };
                (due, text, "after")
            } else {
                continue;
            };
            let d = ctx
                .finding(c.file, c.date.span, format!("check-in for `{}` is dated {}, {when} its goal's span ({} to {})", ctx.ws.key(metric), c.date.value, start.value, due.value))
                .with_goal(goal.id.value.clone())
                .with_metric(ctx.ws.key(metric).to_string())
                .with_label(format!("{when} the goal's span"))
                .with_related(goal.file, bound.span, text)
                .with_help("correct the date or the metric; a value from before the start belongs in `baseline`");
            ctx.report(d);
        }
    }
}
