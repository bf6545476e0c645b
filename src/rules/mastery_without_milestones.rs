//! `mastery-without-milestones`: a mastery goal with no milestones.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MasteryWithoutMilestones,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a mastery goal has no milestones",
    doc: r#"# mastery-without-milestones

## What it does
Reports a goal with `framework = "mastery"` whose `milestones` list is missing or empty.

## Why
Mastery goals (Dweck's learning goals; Ericsson's deliberate practice) are pursued as a journey
through levels of proficiency rather than as one number. The milestones are that journey: they
are how the learner, the mentor and goalc see progress (a mastery goal's progress is the share
of its milestones reached). Without them the goal cannot be followed at all.

## Example
```toml
[goals.facilitation]
title = "Reach level 4 in workshop facilitation"
framework = "mastery"
owner = "aiko"
skill = "workshop facilitation"
mentor = "maria"
```

## How to fix
Add progressive milestones with proficiency levels 1–5 and due dates:
```toml
milestones = [
  { title = "Co-facilitates a workshop", level = 2, due = 2026-03-31 },
  { title = "Facilitates alone", level = 3, due = 2026-06-30 },
]
```
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for (id, goal) in ctx.ws.goal_ids() {
        if goal.framework.value != Framework::Mastery {
            continue;
        }
        let span = match goal.milestones() {
            Some(m) if !m.value.is_empty() => continue,
            Some(m) => m.span,
            None => goal.header(),
        };
        let d = ctx
            .goal_finding(id, span, format!("mastery goal `{}` has no milestones", goal.id.value))
            .with_label("no milestones")
            .with_help("add `milestones = [{ title = \"...\", level = 2, due = YYYY-MM-DD }, ...]` with rising levels");
        ctx.report(d);
    }
}
