//! `deadline-after-parent`: a goal due after a goal it aligns to.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::Origin;

pub(super) static RULE: Rule = Rule {
    id: RuleId::DeadlineAfterParent,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a goal is due after a goal it aligns to",
    doc: r#"# deadline-after-parent

## What it does
Reports a goal whose due date is later than the due date of a goal it aligns to. Due dates
inherited from the plan count. The finding points at the goal's `due` when it is written on the
goal, else at the `aligns_to` entry.

## Why
A goal contributes to its parent only if it is reached in time for the parent to use it. A
child due after its parent cannot feed the parent's result, and the parent's progress will look
worse than it is until long after its deadline. In a cascade, deadlines nest.

## Example
```toml
[goals.erp-fluency]
level = "org"
due = 2026-06-30

[goals.trainer-network]
level = "team"
aligns_to = "erp-fluency"
due = 2026-09-30
```

## How to fix
Bring the goal's due date forward to the parent's, or move the parent's deadline if the plan
really needs longer. If the goal deliberately runs on (for example a programme continuing past a
milestone), say so with `allow = ["deadline-after-parent"]`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        let Some(due) = &goal.due else { continue };
        for link in &goal.parents {
            let Some(parent) = link.target.map(|p| ws.goal(p)) else {
                continue;
            };
            let Some(parent_due) = &parent.due else {
                continue;
            };
            if due.value <= parent_due.value {
                continue;
            }
            let days = due.value.days_since(parent_due.value);
            let span = if goal.due_origin == Origin::Goal {
                due.span
            } else {
                link.id.span
            };
            let parent_text = match parent.due_origin {
                Origin::Goal => format!("`{}` is due on {}", parent.id.value, parent_due.value),
                Origin::Default => format!(
                    "`{}` is due at its plan's end, {}",
                    parent.id.value, parent_due.value
                ),
            };
            let d = ctx
                .goal_finding(
                    id,
                    span,
                    format!(
                        "goal `{}` is due on {}, {days} days after `{}` which it aligns to ({})",
                        goal.id.value, due.value, parent.id.value, parent_due.value
                    ),
                )
                .with_label("due after its parent")
                .with_related(parent.file, parent_due.span, parent_text)
                .with_help(format!(
                    "bring `due` forward to {} or earlier, or move the parent's deadline",
                    parent_due.value
                ));
            ctx.report(d);
        }
    }
}
