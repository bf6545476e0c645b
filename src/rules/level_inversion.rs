//! `level-inversion`: a goal aligns to a goal that is not on a higher level.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::GoalId;
use crate::workspace::Origin;

pub(super) static RULE: Rule = Rule {
    id: RuleId::LevelInversion,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "a goal aligns to a goal that is not on a strictly higher level",
    doc: r#"# level-inversion

## What it does
Reports an `aligns_to` entry naming a goal on the same level or a lower one (with the default
levels, a `team` goal aligning to an `individual` goal, or a team goal to another team goal).
Levels come from `levels` in goalc.toml, top first.

## Why
Cascading goals flow downward: organisation goals are broken into team goals, and team goals
into individual ones (Drucker's MBO; OKR alignment). A goal that aligns sideways or upward
inverts the cascade, so rollups count the wrong way and nobody knows which goal serves which.
Often the goal's `level` is simply missing (goals default to the bottom level).

## Example
```toml
[goals.trainer-network]
level = "team"
aligns_to = "aiko-facilitation"   # an individual goal
```

## How to fix
Point `aligns_to` at a goal on a higher level, or correct the `level` of one of the two goals.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let level_name = |i: usize| ws.levels().get(i).map_or("", String::as_str);
    let cycle = super::alignment_cycle::alignment_cycle_of(ws);
    let on_cycle = |g: GoalId| cycle.get(g.0 as usize).copied().flatten();
    for (id, goal) in ws.goal_ids() {
        for link in &goal.parents {
            let Some(parent_id) = link.target else {
                continue;
            };
            // one weakness, one finding: `alignment-cycle` reports the links of a cycle
            if on_cycle(id).is_some() && on_cycle(id) == on_cycle(parent_id) {
                continue;
            }
            let parent = ws.goal(parent_id);
            if parent.level.value < goal.level.value {
                continue;
            }
            let (own, theirs) = (level_name(goal.level.value), level_name(parent.level.value));
            let parent_level_text = match parent.level_origin {
                Origin::Goal => format!("`{}` is on the {theirs} level", parent.id.value),
                Origin::Default => format!(
                    "`{}` is on the {theirs} level (the default)",
                    parent.id.value
                ),
            };
            let own_text = if goal.level_origin == Origin::Default {
                " (the default level)"
            } else {
                ""
            };
            let d = ctx
                .goal_finding(id, link.id.span, format!("{own} goal `{}`{own_text} aligns to {theirs} goal `{}`, which is not on a higher level", goal.id.value, parent.id.value))
                .with_label("not a higher level")
                .with_related(parent.file, parent.level.span, parent_level_text)
                .with_help("align to a goal on a higher level, or correct the `level` of one of the two goals");
            ctx.report(d);
        }
    }
}
