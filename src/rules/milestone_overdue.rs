//! `milestone-overdue`: a mastery milestone past its due date and not reached.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MilestoneOverdue,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a mastery milestone is past its due date and not reached",
    doc: r#"# milestone-overdue

## What it does
Reports each milestone of a `framework = "mastery"` goal whose `due` date is before the as-of
date (`--as-of`, `as_of` in goalc.toml, else today) and that is not reached by then: it has no
`done` date, or its `done` date is after the as-of date. The finding points at the milestone.

A milestone due on the as-of date itself is not yet overdue; a milestone without a `due` date
is not judged. A milestone reached late (`done` after `due`, on or before the as-of date) is
reached, and not reported.

## Why
A mastery goal is tracked by its milestones: its progress is the share reached, its expected
progress the share due. One overdue milestone is the earliest sign that the path is slipping,
long before the goal's own due date, and the moment a mentor can still adjust the practice.
`overdue` only speaks once the whole goal is late.

## Example
```toml
[goals.facilitation]
title = "Reach level 4 in workshop facilitation"
framework = "mastery"
owner = "aiko"
milestones = [
  { title = "Co-facilitate a workshop", level = 2, due = 2026-03-31, done = 2026-03-20 },
  { title = "Facilitate a workshop alone", level = 3, due = 2026-05-31 },
]
```
With `as_of = 2026-06-15`, the second milestone is overdue.

## How to fix
If the milestone was reached, record it: `done = 2026-05-28`. If not, agree a new `due` date
with the mentor (and look at what held it up), or split the step into smaller ones.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        if goal.framework.value != Framework::Mastery {
            continue;
        }
        let Some(milestones) = goal.milestones() else {
            continue;
        };
        for m in &milestones.value {
            let Some(due) = &m.due else { continue };
            let reached = m.done.as_ref().is_some_and(|d| d.value <= ws.as_of);
            if due.value >= ws.as_of || reached {
                continue;
            }
            let name = m
                .title
                .as_ref()
                .map_or_else(String::new, |t| format!(" \"{}\"", t.value.as_str()));
            let late = if m.done.is_some() {
                format!("recorded as reached only after {}", ws.as_of)
            } else {
                "not reached".to_string()
            };
            let d = ctx
                .goal_finding(
                    id,
                    m.span,
                    format!(
                        "milestone{name} of `{}` was due on {} and is {late}",
                        goal.id.value, due.value
                    ),
                )
                .with_label("overdue milestone")
                .with_help("record `done = DATE` if it was reached, else agree a new `due` date");
            ctx.report(d);
        }
    }
}
