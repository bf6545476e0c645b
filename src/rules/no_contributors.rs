//! `no-contributors`: a goal above the bottom level that nothing aligns to.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::NoContributors,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a goal above the bottom level that nothing aligns to",
    doc: r#"# no-contributors

## What it does
Reports a goal on the top level that no goal aligns to. Only the top level by default: real
cascades are ragged, and a team goal worked by its owner needs no one below it. Widen it with
`no-contributors = { levels = ["org", "team"] }` (names of goalc.toml's `levels`); the bottom
level is never judged.

## Why
In a cascade, higher goals are reached through the goals below them. An org or team goal that
nothing aligns to has nobody working towards it in the plan: it is either owned entirely by one
person (then say so with goals below it) or it is a wish. Its cascade progress cannot be
computed either.

## Example
```toml
[goals.compliance-on-time]
title = "Complete 100 % of mandatory compliance training on time"
level = "org"
owner = "maria"
# ... and no goal has aligns_to = "compliance-on-time"
```

## How to fix
Add the team or individual goals that contribute to it, with `aligns_to = "compliance-on-time"`;
or move it down to the level of whoever owns the work.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let bottom = ctx.ws.bottom_level();
    let levels = ctx.ws.levels();
    // by default only the top level: real cascades are ragged, and a team goal worked by its
    // owner needs no one below it
    let judged: Vec<usize> = match ctx.ws.config.rule_levels(RuleId::NoContributors) {
        Some(names) => names
            .iter()
            .filter_map(|n| levels.iter().position(|l| l == n))
            .collect(),
        None => vec![0],
    };
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.level.value < bottom
            && judged.contains(&goal.level.value)
            && goal.children.is_empty()
        {
            let level = levels.get(goal.level.value).map_or("", String::as_str);
            let d = ctx
                .goal_finding(id, goal.header(), format!("no goal aligns to {level} goal `{}`", goal.id.value))
                .with_label("nothing contributes")
                .with_help(format!("add goals below it with `aligns_to = \"{}\"`, or move it to the level of whoever does the work", goal.id.value));
            ctx.report(d);
        }
    }
}
