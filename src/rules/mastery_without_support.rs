//! `mastery-without-support`: a mastery goal with neither mentor nor resources.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MasteryWithoutSupport,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a mastery goal has neither a mentor nor resources",
    doc: r#"# mastery-without-support

## What it does
Reports a mastery goal with neither a `mentor` nor `resources`. A mentor who is the goal's own
owner counts as no mentor: nobody learns a skill in depth by mentoring themselves.

## Why
Deliberate practice (Ericsson) depends on a teacher or coach who designs the practice and gives
feedback, and on material to learn from; Locke & Latham list feedback and task resources among
the moderators of goal attainment. A mastery goal with neither is a wish to become good at
something, with nothing planned to get there.

## Example
```toml
[goals.facilitation]
title = "Reach level 4 in workshop facilitation"
framework = "mastery"
owner = "aiko"
skill = "workshop facilitation"
```

## How to fix
Name a `mentor` from the roster, or list `resources` (courses, books, communities), or both.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Mastery {
            continue;
        }
        let has_resources = goal.resources().is_some_and(|r| !r.value.is_empty());
        // a mentor who is the learner is no mentor
        let mentor = goal
            .mentor()
            .filter(|m| goal.owner.as_ref().is_none_or(|o| o.id.value != m.id.value));
        if mentor.is_none() && !has_resources {
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!(
                        "mastery goal `{}` has neither a mentor nor resources",
                        goal.id.value
                    ),
                )
                .with_label("no support")
                .with_help("add `mentor = \"person-id\"` or `resources = [\"...\"]`");
            ctx.report(d);
        }
    }
}
