//! `pact-not-agreed`: an active pact without an `agreed` date.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::PactNotAgreed,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "an active pact has no agreed date",
    doc: r#"# pact-not-agreed

## What it does
Reports a goal with `framework = "pact"` that is active at the as-of date (its start is on or
before it, its due date on or after it) and has no `agreed` date.

A pact that has not started yet is not reported (it may still be under negotiation), nor one
that is past its due date (`overdue` and the review speak then).

## Why
A pact is an agreement: its commitments bind only once every party has said yes. A pact that is
running without a recorded agreement is one side's plan for the other, and the first review
tends to discover that the other side never signed up for it.

## Example
```toml
[goals.office-hours]
title = "Weekly ERP office hours for the finance team"
framework = "pact"
owner = "tomas"
start = 2026-02-01
parties = ["tomas", "chloe"]
commitments = { tomas = "hosts office hours", chloe = "brings the open questions" }
review = "monthly"
```

## How to fix
Agree the pact with its parties and record the day: `agreed = 2026-01-28`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        if goal.framework.value == Framework::Pact
            && goal.is_active(ws.as_of)
            && goal.agreed().is_none()
        {
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!(
                        "pact `{}` is active on {} but has no `agreed` date",
                        goal.id.value, ws.as_of
                    ),
                )
                .with_label("never agreed")
                .with_help(
                    "agree the pact with its parties and record the day: `agreed = YYYY-MM-DD`",
                );
            ctx.report(d);
        }
    }
}
