//! `overdue`: past the due date and the target is not reached.

use super::{Check, Rule, RuleContext};
use crate::base::date::Date;
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;
use crate::progress::current_value;
use crate::workspace::{Metric, Origin, Workspace};

pub(super) static RULE: Rule = Rule {
    id: RuleId::Overdue,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "past the due date and the target is not reached",
    doc: r#"# overdue

## What it does
Reports a goal whose due date is before the as-of date while its target is not reached, once,
at its `due` date (at its header when the due date is inherited from the plan), listing what is
missing:
- a metric with a `target` that has no check-in on or before the as-of date;
- a metric whose latest check-in on or before the as-of date has not reached its target,
  counted in the metric's direction: an increase metric reaches its target at or above it, a
  decrease metric (target below baseline) at or below it. A metric without a baseline takes
  its direction from the metric it `contributes_to`; when the direction cannot be inferred,
  a value exactly on target is reached and any other value is not judged;
- for a `mastery` goal, a milestone without a `done` date on or before the as-of date.

A goal due on the as-of date is not overdue yet. The rule has no threshold.

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

/// The direction a metric moves in: `1.0` up, `-1.0` down, `None` when unknown. Inferred from
/// its baseline and target; without a baseline (or without a change), from the metric it
/// contributes to, since contributions count in the direction of their parent's change.
fn direction(ws: &Workspace, metric: &Metric) -> Option<f64> {
    let of = |m: &Metric| {
        let change = m.target.as_ref()?.value - m.baseline.as_ref()?.value;
        (change != 0.0 && change.is_finite()).then(|| change.signum())
    };
    of(metric).or_else(|| {
        let parent = metric.contributes_to()?.target?;
        of(ws.metric(parent))
    })
}

/// Whether the metric's current value reaches its target; `None` when that cannot be judged
/// (no target, or a value off target whose direction is unknown). No check-in is not reached.
fn reached(ws: &Workspace, metric: &Metric, as_of: Date) -> Option<bool> {
    let target = metric.target.as_ref()?.value;
    let Some(current) = current_value(metric, as_of) else {
        return Some(false);
    };
    if current == target {
        return Some(true);
    }
    Some(if direction(ws, metric)? > 0.0 {
        current >= target
    } else {
        current <= target
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
            .filter(|m| reached(ws, m, ws.as_of) == Some(false))
            .map(|m| match current_value(m, ws.as_of) {
                Some(v) => format!("`{}` is at {v}", m.id.value),
                None => format!("`{}` has no check-in", m.id.value),
            })
            .collect();
        if goal.framework.value == Framework::Mastery
            && let Some(ms) = goal.milestones()
        {
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
        let ago = if days == 1 {
            "1 day ago".to_string()
        } else {
            format!("{days} days ago")
        };
        let message = format!(
            "goal `{}` was due on {} ({ago}) and is not done: {}",
            goal.id.value,
            due.value,
            missing.join(", ")
        );
        let help = "record the final check-in if the target was reached; otherwise re-plan the due date or target, or close the goal";
        let d = if goal.due_origin == Origin::Goal {
            ctx.goal_finding(id, due.span, message)
        } else {
            ctx.goal_finding(id, goal.header(), message).with_related(
                goal.file,
                due.span,
                "due date inherited from the plan's end",
            )
        }
        .with_label("past due")
        .with_help(help);
        ctx.report(d);
    }
}
