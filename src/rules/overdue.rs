//! `overdue`: past the due date and the target is not reached.

use super::{Check, Rule, RuleContext};
use crate::base::date::Date;
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::{Framework, MetricKind};
use crate::progress::{Status, current_value, metric_done};
use crate::workspace::{Goal, Metric, Origin};

pub(super) static RULE: Rule = Rule {
    id: RuleId::Overdue,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "past the due date and the target is not reached",
    doc: r#"# overdue

## What it does
Reports a goal the progress model calls overdue: past its due date (or a key result past its
own `due`) and not done, whether it is measured or not — the same goals the report counts as
overdue. Once per goal, at its `due` date (at its header when the due date is inherited from the
plan), listing what is not done: a number metric short of its target in its direction (or with
no check-in), a deliverable not delivered (with its percent complete), a range outside its bounds
at its due date, and a mastery goal's milestones not reached. When only key results with their
own `due` are past due, each is reported at its own `due`. A goal none of whose metrics has a
target is still overdue when past due: nothing records it done.
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
/// Why a metric is not done, as the finding lists it.
fn not_done(goal: &Goal, metric: &Metric, as_of: Date) -> Option<String> {
    if metric_done(goal, metric, as_of) {
        return None;
    }
    let id = &metric.id.value;
    // a range is judged by its value at its due date
    let at = match metric.kind {
        MetricKind::Range => metric.due(goal).map_or(as_of, |d| d.value.min(as_of)),
        _ => as_of,
    };
    let current = current_value(metric, at);
    Some(match (metric.kind, current) {
        (MetricKind::Deliverable, Some(v)) => format!("`{id}` is {v} % complete"),
        (MetricKind::Deliverable, None) => format!("`{id}` is not delivered"),
        (MetricKind::Range, Some(v)) => format!("`{id}` is at {v}, outside its range"),
        (_, Some(v)) => format!("`{id}` is at {v}"),
        (_, None) => format!("`{id}` has no check-in"),
    })
}

fn ago(days: i64) -> String {
    if days == 1 {
        "1 day ago".to_string()
    } else {
        format!("{days} days ago")
    }
}

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        // the same goals the progress model calls overdue, so `check` and the report agree
        if ctx.eval.goal(id).status != Status::Overdue {
            continue;
        }
        let goal_past_due = goal.due.as_ref().filter(|d| ws.as_of > d.value);
        let Some(due) = goal_past_due else {
            // only key results with their own due date are past due
            for &m in &goal.metrics {
                let metric = ws.metric(m);
                let Some(own) = metric.own_due().filter(|d| ws.as_of > d.value) else {
                    continue;
                };
                let Some(why) = not_done(goal, metric, ws.as_of) else {
                    continue;
                };
                let message = format!(
                    "key result `{}` was due on {} ({}) and is not done: {why}",
                    ws.key(metric),
                    own.value,
                    ago(ws.as_of.days_since(own.value))
                );
                let d = ctx
                    .metric_finding(metric, own.span, message)
                    .with_label("past due")
                    .with_help("record the final check-in if it was done; otherwise re-plan its due date, or close it");
                ctx.report(d);
            }
            continue;
        };
        let mut missing: Vec<String> = goal
            .metrics
            .iter()
            .filter_map(|&m| not_done(goal, ws.metric(m), ws.as_of))
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
            missing.push("nothing records it done".to_string());
        }
        let message = format!(
            "goal `{}` was due on {} ({}) and is not done: {}",
            goal.id.value,
            due.value,
            ago(ws.as_of.days_since(due.value)),
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
