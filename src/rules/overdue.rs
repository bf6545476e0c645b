//! `overdue`: past the due date and the target is not reached.

use super::{Check, Rule, RuleContext};
use crate::diagnostic::Severity;
use crate::progress::current_value;
use crate::workspace::{Metric, Origin};

pub static RULE: Rule = Rule {
    name: "overdue",
    structural: false,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "past the due date and the target is not reached",
    doc: r#"# overdue

## What it does
Reports a goal whose due date is before the as-of date while its target is not reached: a metric
with a target whose latest check-in (on or before the as-of date) has not reached it, counted in
the metric's direction (a decrease metric reaches its target by going at or below it), or that
has no check-in at all; for a mastery goal, a milestone not marked `done` by the as-of date.

## Why
A goal past its date is either done, re-planned or dropped; left as it is, it keeps counting in
rollups and reports as if it were still being pursued, and the plan stops telling the truth.
Goal reviews (MBO, OKR retrospectives) close goals explicitly for this reason.

## Example
```toml
[goals.first-cohort]
due = 2026-03-31

[goals.first-cohort.metrics.certified]
baseline = 0
target = 8
checkins = [{ date = 2026-03-30, value = 5 }]
```

## How to fix
Record the final check-in if the target was reached; otherwise close the goal honestly: move
the due date (re-plan), lower the target, or remove the goal and say why in the plan's history.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// Whether the metric's current value reaches its target; `None` when that cannot be judged.
fn reached(metric: &Metric, as_of: crate::date::Date) -> Option<bool> {
    let target = metric.target.as_ref()?.value;
    let Some(current) = current_value(metric, as_of) else {
        return Some(false);
    };
    Some(match &metric.baseline {
        Some(b) if target < b.value => current <= target,
        Some(_) => current >= target,
        // Without a baseline the direction is unknown; only an exact hit counts as reached.
        None => current == target,
    })
}

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        let Some(due) = &goal.due else { continue };
        if ws.as_of <= due.value {
            continue;
        }
        let mut missing: Vec<String> = goal
            .metrics
            .iter()
            .map(|&m| ws.metric(m))
            .filter(|m| reached(m, ws.as_of) == Some(false))
            .map(|m| match current_value(m, ws.as_of) {
                Some(v) => format!("`{}` is at {v}", m.id.value),
                None => format!("`{}` has no check-in", m.id.value),
            })
            .collect();
        if let Some(ms) = &goal.milestones {
            let open = ms
                .value
                .iter()
                .filter(|m| m.done.as_ref().is_none_or(|d| d.value > ws.as_of))
                .count();
            if open > 0 {
                missing.push(format!(
                    "{open} milestone{} not done",
                    if open == 1 { "" } else { "s" }
                ));
            }
        }
        if missing.is_empty() {
            continue;
        }
        let days = ws.as_of.days_since(due.value);
        let span = if goal.due_origin == Origin::Goal {
            due.span
        } else {
            goal.header()
        };
        let d = ctx
            .goal_finding(id, span, format!("goal `{}` was due on {} ({days} days ago) and is not done: {}", goal.id.value, due.value, missing.join(", ")))
            .with_label("past due")
            .with_help("record the final check-in if the target was reached; otherwise re-plan the due date or target, or close the goal");
        ctx.report(d);
    }
}
