//! `milestones-not-progressive`: milestones whose due dates or levels do not rise in order.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::MilestonesNotProgressive,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "milestone due dates or levels do not increase in order",
    doc: r#"# milestones-not-progressive

## What it does
Walks a goal's `milestones` in the order they are listed and reports a milestone whose `due`
date is not later than the previous milestone's, or whose `level` is not higher than the
previous one's (when both are set). Each offending value is reported with the previous one
shown beside it.

## Why
Mastery is built step by step: each milestone should ask for a higher proficiency than the last
(Dreyfus' stages of skill acquisition; Ericsson's deliberate practice, always just beyond the
current level). Milestones that go back down, or that fall due out of order, are usually a typo
and make the journey impossible to read.

## Example
```toml
milestones = [
  { title = "Facilitates alone", level = 3, due = 2026-06-30 },
  { title = "Co-facilitates", level = 2, due = 2026-03-31 },
]
```

## How to fix
List the milestones in the order they are to be reached, each with a higher level and a later
due date than the one before.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        let Some(milestones) = goal.milestones() else {
            continue;
        };
        for pair in milestones.value.windows(2) {
            let [prev, next] = pair else { continue };
            if let (Some(a), Some(b)) = (&prev.due, &next.due)
                && b.value <= a.value
            {
                let d = ctx
                        .goal_finding(id, b.span, format!("milestone due on {} is not later than the one before it ({})", b.value, a.value))
                        .with_label("not later than the previous milestone")
                        .with_related(goal.file, a.span, "previous milestone due here")
                        .with_help("list milestones in the order they are reached, each due after the one before");
                ctx.report(d);
            }
            if let (Some(a), Some(b)) = (&prev.level, &next.level)
                && b.value <= a.value
            {
                let d = ctx
                        .goal_finding(id, b.span, format!("milestone level {} is not higher than the one before it ({})", b.value, a.value))
                        .with_label("not higher than the previous level")
                        .with_related(goal.file, a.span, "previous milestone's level")
                        .with_help("each milestone should ask for a higher proficiency level than the one before");
                ctx.report(d);
            }
        }
    }
}
