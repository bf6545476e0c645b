//! `claim-contradicts-progress`: a check-in's `status` that the numbers of its day contradict.

use super::{Check, Rule, RuleContext, claims};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::ClaimContradictsProgress,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a check-in claims on-track or done while the numbers of its day say otherwise",
    doc: r#"# claim-contradicts-progress

## What it does
Reads each metric's latest check-in on or before the as-of date. When it claims a `status`,
the claim is compared with the numbers *as of that check-in's date* (progress, expected progress
and status recomputed at that date, so an old "on track" is judged against what was known then):

- `status = "done"` while the metric's progress at that date is below 1 (100 %);
- `status = "on-track"` while the computed status at that date is `off-track` (more than 25
  points behind the expected progress, or a range's value outside it).

A number metric without a target has no pace: only a `done` claim is judged on it. Other
statuses (`at-risk`, `blocked`, …) are not judged. The finding sits on the check-in's `status`
and names both sides: "claimed on-track on 2 Jun; the numbers then said off-track (41 % of the
planned change, 63 % expected)".

## Why
"Watermelon" reporting — green outside, red inside — is the most common complaint about status
reports: a status typed by hand drifts from the numbers, and the people reading the status
never see the numbers. A contradicted claim is either a number that was not updated or a
status that hides a problem; both are worth knowing while there is time to act.

## Example
```toml
[goals.onboarding.metrics.time]
baseline = 0
target = 100
unit = "%"
checkins = [{ date = 2026-06-02, value = 20, status = "on-track" }]
```

## How to fix
Update the check-in's value if the numbers are stale, or report the status the numbers show
(`at-risk`, `off-track`) and say in a `note` what is being done about it.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for goal in ws.goals.iter() {
        for &m in &goal.metrics {
            let metric = ws.metric(m);
            let Some(sides) = claims::status_claim(ws, goal, metric) else {
                continue;
            };
            let Some(last) = claims::latest_checkin(ws, metric) else {
                continue;
            };
            let span = last.status().map_or(last.span, |s| s.span);
            let d = ctx
                .metric_finding(
                    metric,
                    span,
                    format!("`{}` {}", ws.key(metric), sides.sentence),
                )
                .with_label(format!("claimed {}", sides.claimed))
                .with_help(
                    "update the value if it is stale, or report the status the numbers show and say in a note what is being done",
                );
            ctx.report(d);
        }
    }
}
