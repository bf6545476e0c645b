//! `checkin-in-future`: a check-in dated after the as-of date.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::CheckinInFuture,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a check-in is dated after the as-of date",
    doc: r#"# checkin-in-future

## What it does
Reports every check-in, inline or in a progress file, dated after the as-of date (`--as-of`,
`as_of` in goalc.toml, else today).

## Why
A check-in records a value that was measured; one from the future is a typo in the date (the
wrong month or year) or a forecast entered as a fact. Progress is computed from check-ins on or
before the as-of date, so such a value is also silently ignored until its date comes.

## Example
```toml
[[checkin]]
metric = "erp-fluency.certified"
date = 2027-04-01        # meant 2026-04-01
value = 44
```

## How to fix
Correct the date. Expected values belong in the metric's `target`, not in check-ins.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for metric in &ws.metrics {
        let goal = &ws.goal(metric.goal).id.value;
        for c in metric.checkins.iter().filter(|c| c.date.value > ws.as_of) {
            let d = ctx
                .finding(
                    c.file,
                    c.date.span,
                    format!(
                        "check-in for `{}` is dated {}, after the as-of date {}",
                        ctx.ws.key(metric),
                        c.date.value,
                        ws.as_of
                    ),
                )
                .with_goal(goal.clone())
                .with_metric(ws.key(metric).to_string())
                .with_label("in the future")
                .with_help("correct the date; values not measured yet do not belong in check-ins");
            ctx.report(d);
        }
        // a deliverable delivered after the as-of date has not been delivered yet
        if let Some(done) = metric.done().filter(|d| d.value > ws.as_of) {
            let d = ctx
                .metric_finding(
                    metric,
                    done.span,
                    format!(
                        "deliverable `{}` is marked done on {}, after the as-of date {}",
                        ws.key(metric),
                        done.value,
                        ws.as_of
                    ),
                )
                .with_label("in the future")
                .with_help("correct the date, or remove `done` until it is delivered");
            ctx.report(d);
        }
    }
    for (id, goal) in ws.goal_ids() {
        let Some(ms) = goal.milestones() else {
            continue;
        };
        for m in &ms.value {
            let Some(done) = m.done.as_ref().filter(|d| d.value > ws.as_of) else {
                continue;
            };
            let title = m.title.as_ref().map_or("", |t| t.value.as_str());
            let d = ctx
                .goal_finding(
                    id,
                    done.span,
                    format!(
                        "milestone \"{title}\" of `{}` is marked reached on {}, after the as-of date {}",
                        goal.id.value, done.value, ws.as_of
                    ),
                )
                .with_label("in the future")
                .with_help("correct the date, or remove `done` until the milestone is reached");
            ctx.report(d);
        }
    }
}
