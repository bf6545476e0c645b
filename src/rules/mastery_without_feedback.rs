//! `mastery-without-feedback`: a mastery goal without a feedback cadence.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MasteryWithoutFeedback,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a mastery goal has no feedback cadence",
    doc: r#"# mastery-without-feedback

## What it does
Reports a goal with `framework = "mastery"` that has no `feedback` cadence. A mentor or
resources do not count in its place (that is `mastery-without-support`); a `review` cadence does
not either: it says how often progress is looked at, not how often someone gives feedback on
the practice.

## Why
Deliberate practice (Ericsson) improves a skill only with immediate, informed feedback on each
attempt; without it, practice settles into what the learner already does. Locke & Latham find
feedback a necessary moderator for goals to affect performance. The mastery guide asks for a
feedback rhythm agreed up front, not "whenever the mentor has time".

## Example
```toml
[goals.facilitation]
title = "Reach level 4 in workshop facilitation"
framework = "mastery"
owner = "aiko"
skill = "workshop facilitation"
mentor = "maria"
milestones = [{ title = "Co-facilitate a workshop", level = 2, due = 2026-03-31 }]
```

## How to fix
Agree how often the learner gets feedback and write it down: `feedback = "biweekly"` (or
`weekly`, `monthly`, `quarterly`).
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value == Framework::Mastery && goal.feedback().is_none() {
            let d = ctx
                .goal_finding(
                    id,
                    goal.header(),
                    format!("mastery goal `{}` has no feedback cadence", goal.id.value),
                )
                .with_label("no `feedback`")
                .with_help("add `feedback = \"biweekly\"` (or weekly, monthly, quarterly)");
            ctx.report(d);
        }
    }
}
