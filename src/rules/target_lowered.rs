//! `target-lowered`: a metric's target moved toward its baseline after the goal started.

use super::since::{HELP, note, started_changes};
use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::TargetLowered,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric's target moved toward its baseline after the goal started (with --since)",
    doc: r#"# target-lowered

## What it does
With `goalc check --since REF`, reports a metric whose `target` is easier now than at the git
revision REF, when the change was made after the goal had started. Easier follows the metric's
direction as it stood at REF (written as `direction`, or inferred: a target below the baseline,
or without a baseline a target of 0 or below, is a decrease): an increase metric's target moved
down, a decrease metric's moved up. The finding is on the new target, with a related note giving
the old value, REF and the last commit since REF that changed it (short hash, date, author).

A goal *had started* when its start date as it stood at REF (the plan's start when the goal
sets none) is on or before the date of the change: the committer date of that commit, or the
as-of date for a change not committed yet. A goal that is new since REF, a raised target, and a
target removed (that is `missing-target`'s) are not reported. Without `--since` the rule is
silent.

## Why
Re-planning in silence is the most corrosive habit in goal setting: the target drops from 90 %
to 70 % in May and the report at the end says "on track". Plans kept in git carry their whole
history; this rule makes every lowered target visible in the pull request that lowers it.

## Example
```toml
# at REF: target = 90; the goal started 2026-01-01; changed in May:
[goals.erp-fluency.metrics.certified]
baseline = 12
target = 70
```

## How to fix
If the plan really changed, keep the new target, say why in the commit, and record the
agreement with `allow = ["target-lowered"]` on the goal. Otherwise restore the target.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for j in started_changes(ctx, "target") {
        let (Some(old), Some(new)) = (j.change.old.as_number(), j.change.new.as_number()) else {
            continue;
        };
        let Some(metric_id) = j.change.metric.as_deref() else {
            continue;
        };
        let Some(metric) = super::since::metric_of(ws, j.goal, metric_id) else {
            continue;
        };
        let Some(target) = &metric.target else {
            continue;
        };
        // The direction the plan had when the goal was set, else the one it has now.
        let decrease = j
            .at_ref
            .metric(metric_id)
            .and_then(|m| m.direction)
            .map_or(metric.is_decrease(), |d| d == "decrease");
        let lowered = if decrease { new > old } else { new < old };
        if !lowered {
            continue;
        }
        let d = ctx
            .metric_finding(
                metric,
                target.span,
                format!(
                    "target of `{}` lowered from {} to {} after the goal started",
                    ws.key(metric),
                    j.change.old,
                    j.change.new
                ),
            )
            .with_label(if decrease {
                "raised: easier for a decrease metric"
            } else {
                "lowered"
            })
            .with_related(metric.file, target.span, note(ctx, &j))
            .with_help(HELP.replace("RULE", RULE.name()));
        ctx.report(d);
    }
}
