//! `stale-progress`: an active goal with no recent check-in.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::progress::{checkins_until, metric_done};

pub(super) static RULE: Rule = Rule {
    id: RuleId::StaleProgress,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "an active goal has had no check-in for longer than its review cadence",
    doc: r#"# stale-progress

## What it does
For an active goal (start ≤ as-of ≤ due) with at least one metric, takes its last sign of
progress: the later of its start date and its latest check-in on any of its metrics dated on or
before the as-of date. Reports the goal when that is more than its cadence before the as-of
date: the goal's `review` cadence (weekly 7, biweekly 14, monthly 31, quarterly 92 days), else
`max-days` (default 30). Exactly at the cadence is fine. Goals without metrics (a mastery goal
tracked by milestones) are not checked. Configure with `stale-progress = { max-days = 45 }`.

## Why
Feedback is what turns a goal into performance (Locke & Latham); a goal nobody has measured for
months is not being steered, and its status in reports is a guess. The review cadence is the
team's own promise of how often it will look.

## Example
```toml
[goals.erp-fluency]
review = "monthly"

[goals.erp-fluency.metrics.certified]
checkins = [{ date = 2026-03-01, value = 31 }]   # and the as-of date is 2026-06-15
```

## How to fix
Record a check-in (in the plan or a progress file). If the cadence is wrong for the goal, set
`review` to the one the team keeps.
"#,
    thresholds: &[&MAX_DAYS],
    check: Check::Workspace(check),
};

pub(super) static MAX_DAYS: Threshold = Threshold {
    name: "max-days",
    default: 30.0,
    min: 1.0,
    max: 3660.0,
    integer: true,
    description: "days without a check-in allowed when the goal has no review cadence",
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let default_days = ctx.threshold(&MAX_DAYS);
    for (id, goal) in ws.goal_ids() {
        if goal.metrics.is_empty() || !goal.is_active(ws.as_of) {
            continue;
        }
        let Some(start) = &goal.start else { continue };
        // metrics past their own due date are `overdue`'s; a goal whose metrics are all past
        // due is not stale but late
        let open: Vec<_> = goal
            .metrics
            .iter()
            .map(|&m| ws.metric(m))
            .filter(|m| m.due(goal).is_none_or(|d| ws.as_of <= d.value))
            // a key result already done needs no more check-ins
            .filter(|m| !metric_done(goal, m, ws.as_of))
            .collect();
        if open.is_empty() {
            continue;
        }
        let latest = goal
            .metrics
            .iter()
            .filter_map(|&m| {
                checkins_until(ws.metric(m), ws.as_of)
                    .last()
                    .map(|c| c.date.value)
            })
            .max();
        let last = latest.map_or(start.value, |l| l.max(start.value));
        let silent = ws.as_of.days_since(last);
        let allowed = goal
            .review
            .as_ref()
            .map_or(default_days, |r| r.value.days() as f64);
        if silent as f64 <= allowed {
            continue;
        }
        let cadence = match &goal.review {
            Some(r) => format!(
                "the review cadence is {} ({} days)",
                r.value.as_str(),
                r.value.days()
            ),
            None => format!("at most {default_days} days are allowed without a `review` cadence"),
        };
        let since = match latest {
            Some(l) if l >= start.value => format!("the last check-in was on {l}"),
            _ => format!("no check-in since the goal started on {}", start.value),
        };
        let span = goal.review.as_ref().map_or(goal.header(), |r| r.span);
        let d = ctx
            .goal_finding(
                id,
                span,
                format!(
                    "goal `{}` has had no progress recorded for {silent} days ({since}); {cadence}",
                    goal.id.value
                ),
            )
            .with_label("stale")
            .with_help("record a check-in, or set `review` to the cadence the team keeps");
        ctx.report(d);
    }
}
