//! `deadline-pushed`: a goal's due date moved later after the goal started.

use super::since::{HELP, note, started_changes};
use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::DeadlinePushed,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a goal's or metric's due date moved later after the goal started (with --since)",
    doc: r#"# deadline-pushed

## What it does
With `goalc check --since REF`, reports a goal, or a metric with its own `due`, whose due date
is later now than at the git revision REF, when the change was made after the goal had started. The due date counts as
resolved: a goal without its own `due` takes its plan's `end`, so pushing the plan's end pushes
each such goal (the finding is then on the plan's `end`). The finding is on the new date, with a
related note giving the old date, REF and the last commit since REF that changed it.

A goal *had started* when its start date as it stood at REF is on or before the date of the
change: the committer date of that commit, or the as-of date for a change not committed yet. A
goal new since REF and a due date moved earlier are not reported. Without `--since` the rule is
silent.

## Why
A deadline that slides a quarter in silence turns an overdue goal into an on-track one. The
history in git says when it slid; this rule says so in the pull request that slides it.

## Example
```toml
# at REF: due = 2026-06-30; the goal started 2026-01-01; changed in May:
[goals.erp-fluency]
due = 2026-09-30
```

## How to fix
If the plan really changed, keep the new date, say why in the commit, and record the agreement
with `allow = ["deadline-pushed"]` on the goal. Otherwise restore the date.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for j in started_changes(ctx, "due") {
        let (Some(old), Some(new)) = (j.change.old.as_date(), j.change.new.as_date()) else {
            continue;
        };
        if new <= old {
            continue;
        }
        let goal = ws.goal(j.goal);
        let (due, what, metric) = match j.change.metric.as_deref() {
            None => match &goal.due {
                Some(due) => (due, format!("goal `{}`", goal.id.value), None),
                None => continue,
            },
            Some(id) => {
                let metric = goal
                    .metrics
                    .iter()
                    .map(|&m| ws.metric(m))
                    .find(|m| m.id.value == id);
                match metric.and_then(|m| m.own_due().map(|d| (d, m))) {
                    Some((due, m)) => (due, format!("metric `{}`", ws.key(m)), Some(m)),
                    None => continue,
                }
            }
        };
        let message =
            format!("due date of {what} pushed from {old} to {new} after the goal started");
        let d = match metric {
            Some(m) => ctx.metric_finding(m, due.span, message),
            None => ctx.goal_finding(j.goal, due.span, message),
        }
        .with_label("pushed later")
        .with_related(goal.file, due.span, note(ctx, &j))
        .with_help(HELP.replace("RULE", RULE.name()));
        ctx.report(d);
    }
}
