//! `pact-without-review`: a pact without a review cadence.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::PactWithoutReview,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a pact has no review cadence",
    doc: r#"# pact-without-review

## What it does
Reports a goal with `framework = "pact"` that has no `review` cadence.

## Why
An agreement between a person and a team holds only while both sides see it being kept.
Regular review is the feedback that goal-setting theory (Locke & Latham) finds necessary for
goals to affect performance, and for a pact it is also when the parties renegotiate what no
longer fits.

## Example
```toml
[goals.office-hours]
framework = "pact"
parties = ["tomas", "maria"]
commitments = { tomas = "hosts office hours", maria = "keeps Fridays free" }
```

## How to fix
Add how often the parties review the pact: `review = "monthly"` (or `weekly`, `biweekly`,
`quarterly`).
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value == Framework::Pact && goal.review.is_none() {
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!("pact `{}` has no review cadence", goal.id.value),
                )
                .with_label("no `review`")
                .with_help("add `review = \"monthly\"` (or weekly, biweekly, quarterly)");
            ctx.report(d);
        }
    }
}
