//! `orphan-goal`: a goal below the top level that aligns to nothing.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::OrphanGoal,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a goal below the top level aligns to nothing",
    doc: r#"# orphan-goal

## What it does
Reports a goal below the top level whose `aligns_to` is empty: nothing says which goal above it
it serves. A micro goal is left to `micro-unaligned`, which says more. `supports` (a sideways
link) does not count as alignment.

## Why
Cascading goals (Drucker's management by objectives; OKRs' alignment) connect every team and
individual goal to the organisation's. An orphan may be worthwhile work, but nobody above can
see it, it counts towards nothing in the rollups, and it competes for time with goals that do.

## Example
```toml
[goals.trainer-network]
title = "Certify 30 ERP floor trainers by June"
level = "team"
owner = "tomas"
```

## How to fix
Add the goal it serves: `aligns_to = "erp-fluency"`. If it serves none, ask whether it should be
in the plan, or whether the goal above it is missing.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let levels = ctx.ws.levels();
    for (id, goal) in ctx.ws.goal_ids() {
        // `micro-unaligned` says more about a micro goal that aligns to nothing
        if goal.level.value > 0
            && goal.parents.is_empty()
            && goal.framework.value != Framework::Micro
        {
            let level = levels.get(goal.level.value).map_or("", String::as_str);
            let d = ctx
                .goal_finding(id, goal.header(), format!("{level} goal `{}` aligns to no goal above it", goal.id.value))
                .with_label("no `aligns_to`")
                .with_help(format!("add the goal it serves: `aligns_to = \"goal-id\"` naming a goal above the {level} level"));
            ctx.report(d);
        }
    }
}
