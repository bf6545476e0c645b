//! `pact-single-party`: a pact with fewer than two parties.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;
use rustc_hash::FxHashSet as HashSet;

pub(super) static RULE: Rule = Rule {
    id: RuleId::PactSingleParty,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a pact has fewer than two parties",
    doc: r#"# pact-single-party

## What it does
Reports a goal with `framework = "pact"` whose `parties` list names fewer than two different
people (a missing list counts as none).

## Why
A PACT goal is an agreement between a person and their team: each side commits to something so
that the goal can be reached. An agreement with one party is an individual goal with a different
label, and the team's part of the bargain, the support, the time, the cover, goes unrecorded.

## Example
```toml
[goals.office-hours]
title = "Hold 2 ERP office hours a week for finance"
framework = "pact"
owner = "tomas"
parties = ["tomas"]
```

## How to fix
List everyone the agreement binds, usually the owner and their lead or team, and give each a
commitment: `parties = ["tomas", "maria"]`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Pact {
            continue;
        }
        let (count, span) = match goal.parties() {
            Some(p) => (
                p.value
                    .iter()
                    .map(|l| l.id.value.as_str())
                    .collect::<HashSet<_>>()
                    .len(),
                p.span,
            ),
            None => (0, goal.header()),
        };
        if count < 2 {
            let d = ctx
                .goal_finding(id, span, format!("pact `{}` has {count} part{}; an agreement needs at least two", goal.id.value, if count == 1 { "y" } else { "ies" }))
                .with_label("fewer than two parties")
                .with_help("list the owner and the people or team the agreement is with: `parties = [\"owner\", \"lead\"]`");
            ctx.report(d);
        }
    }
}
