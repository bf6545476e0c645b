//! `pact-owner-not-party`: a pact whose owner is not one of its parties.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::PactOwnerNotParty,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a pact's owner is not one of its parties",
    doc: r#"# pact-owner-not-party

## What it does
Reports a goal with `framework = "pact"` whose `owner` is not listed in its `parties`. Ids are
compared exactly as written (`Maria` and `maria` are different people, as everywhere in goalc).
The finding points at the owner, with the `parties` list as a related location.

A pact with no `parties` field at all is not reported here: `pact-single-party` already says
that it has fewer than two parties.

## Why
A pact is a commitment the owner makes *with* others: each party, the owner first, promises
something. An owner who is not a party is someone who set the pact up for other people, which
makes it an assignment, not an agreement, and leaves nobody accountable on the owner's side.

## Example
```toml
[goals.office-hours]
title = "Weekly ERP office hours for the finance team"
framework = "pact"
owner = "maria"
parties = ["tomas", "chloe"]
```

## How to fix
Add the owner to `parties` (with a commitment of their own), or make one of the parties the
owner.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Pact {
            continue;
        }
        let (Some(owner), Some(parties)) = (&goal.owner, goal.parties()) else {
            continue;
        };
        if parties
            .value
            .iter()
            .any(|p| p.id.value.as_str() == owner.id.value.as_str())
        {
            continue;
        }
        let d = ctx
            .goal_finding(
                id,
                owner.id.span,
                format!(
                    "pact `{}` is owned by `{}`, who is not one of its parties",
                    goal.id.value,
                    owner.id.value.as_str()
                ),
            )
            .with_label("not a party")
            .with_related(goal.file, parties.span, "the parties")
            .with_help(format!(
                "add \"{}\" to `parties` with a commitment, or make one of the parties the owner",
                owner.id.value.as_str()
            ));
        ctx.report(d);
    }
}
