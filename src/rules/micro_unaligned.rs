//! `micro-unaligned`: a micro goal that aligns to nothing.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MicroUnaligned,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a micro goal aligns to nothing",
    doc: r#"# micro-unaligned

## What it does
Reports a goal with `framework = "micro"` that has no `aligns_to` entry, at any level.

## Why
Micro goals are small, short steps toward a larger goal; that is what makes them worth their
overhead. A step that leads nowhere in the plan is either a task that belongs in a to-do list or
a missing link to the goal it serves. Proximal goals work best tied to a distal one (Bandura &
Schunk, 1981).

## Example
```toml
[goals.first-cohort]
title = "Certify the first 8 floor trainers within 60 days"
framework = "micro"
owner = "aiko"
```

## How to fix
Add the goal it is a step toward: `aligns_to = "trainer-network"`.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value == Framework::Micro && goal.parents.is_empty() {
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!("micro goal `{}` aligns to nothing", goal.id.value),
                )
                .with_label("no `aligns_to`")
                .with_help("add the broader goal this step serves: `aligns_to = \"goal-id\"`");
            ctx.report(d);
        }
    }
}
