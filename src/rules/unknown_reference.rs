//! `unknown-reference`: a reference names nothing. Found by the resolver.

use super::{Check, Rule};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::UnknownReference,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "aligns_to, contributes_to, a check-in's metric or a person names nothing",
    doc: r#"# unknown-reference

## What it does
Checks that every reference resolves: goal ids in `aligns_to`, `goal-id.metric-id` in
`contributes_to` and in a check-in's `metric`, and, when the workspace has a roster
(`[people.ID]` tables), the `owner` of plans and goals, a `mentor` and the `parties` of a pact.
The closest existing id is suggested.

## Why
A goal that aligns to a misspelt id is an orphan in disguise: it looks connected but counts
towards nothing, and a check-in for a metric that does not exist is progress that no report will
ever show.

## Example
```toml
[goals.erp-trainers]
title = "Train 40 ERP floor trainers by March"
owner = "maria"
aligns_to = ["erp-fluncy"]
```

## How to fix
Correct the id to the suggested one, or define the goal, metric or person it names. References
to metrics are written `goal-id.metric-id`.
"#,
    thresholds: &[],
    check: Check::Structural,
};
