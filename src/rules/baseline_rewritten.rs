//! `baseline-rewritten`: a metric's baseline changed after the goal started.

use super::since::{HELP, note, started_changes};
use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::BaselineRewritten,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric's baseline changed after the goal started (with --since)",
    doc: r#"# baseline-rewritten

## What it does
With `goalc check --since REF`, reports a metric whose `baseline` differs from the one at the git
revision REF (changed or removed), when the change was made after the goal had started. The
finding is on the new baseline (on the metric when it was removed), with a related note giving
the old value, REF and the last commit since REF that changed it.

A goal *had started* when its start date as it stood at REF is on or before the date of the
change: the committer date of that commit, or the as-of date for a change not committed yet. A
baseline added where there was none (what `missing-baseline` asks for), a baseline dropped
because the metric changed kind (a deliverable or range has none), and a goal new since REF are
not reported. Without `--since` the rule is silent.

## Why
The baseline is where the goal started from. "Correcting" it once the work is under way makes
the same result look like a bigger change, or a missed target look reached.

## Example
```toml
# at REF: baseline = 12; the goal started 2026-01-01; changed in May:
[goals.erp-fluency.metrics.certified]
baseline = 5
target = 90
```

## How to fix
If the first measurement really was wrong, keep the correction, say how it was measured in the
commit, and record the agreement with `allow = ["baseline-rewritten"]` on the goal. Otherwise
restore the baseline.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for j in started_changes(ctx, "baseline") {
        if j.change.old.as_number().is_none() {
            continue;
        }
        let Some(metric_id) = j.change.metric.as_deref() else {
            continue;
        };
        let Some(metric) = super::since::metric_of(ws, j.goal, metric_id) else {
            continue;
        };
        // A metric turned into a deliverable or a range takes no baseline: that is a change of
        // kind (shown by `goalc diff`), not a rewritten starting point.
        if j.at_ref
            .metric(metric_id)
            .is_some_and(|m| m.kind != metric.kind.as_str())
        {
            continue;
        }
        let (span, what) = match &metric.baseline {
            Some(b) => (
                b.span,
                format!("rewritten from {} to {}", j.change.old, j.change.new),
            ),
            None => (metric.id.span, format!("removed (it was {})", j.change.old)),
        };
        let d = ctx
            .metric_finding(
                metric,
                span,
                format!(
                    "baseline of `{}` {what} after the goal started",
                    ws.key(metric)
                ),
            )
            .with_label("rewritten")
            .with_related(metric.file, span, note(ctx, &j))
            .with_help(HELP.replace("RULE", RULE.name()));
        ctx.report(d);
    }
}
