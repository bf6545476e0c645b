//! `standardized-goal`: the same individual goal copied to several people.

use super::{Check, Rule, RuleContext, Threshold};
use crate::diagnostic::Severity;
use crate::workspace::GoalId;
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    name: "standardized-goal",
    structural: false,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "the same individual goal copied to several people",
    doc: r#"# standardized-goal

## What it does
Groups the goals at the bottom level (individual goals) by their title, compared without regard
to case and spacing, together with their metrics (the same metric ids, units and targets). A
group of at least `min-copies` goals (default 3) is reported once per goal, at its title, with
the other copies shown. Configure with `standardized-goal = { min-copies = 4 }`.

## Why
Goals work when they are accepted and matched to the person's ability (Locke & Latham: goal
commitment and task complexity). The same goal copied to a whole team is a target handed down,
not a goal agreed with each person; it ignores where each one starts. Shared targets belong on
the team goal, with individual goals that say what each person contributes.

## Example
Three plans each contain:
```toml
[goals.ana-sales-training]
title = "Complete the sales methodology course"
level = "individual"
[goals.ana-sales-training.metrics.modules]
unit = "count"
target = 12
```

## How to fix
Tailor each copy to the person (their baseline, their target, their part of the team goal), or
replace the copies with one team goal that the individual goals align to.
"#,
    thresholds: &[Threshold {
        name: "min-copies",
        default: 3.0,
        min: 2.0,
        max: 1000.0,
        integer: true,
        description: "how many identical individual goals make a finding",
    }],
    check: Check::Workspace(check),
};

/// What makes two goals copies: the normalised title, and each metric's id, unit and target.
type Signature = (String, Vec<(String, String, u64)>);

/// Related labels shown per finding, so a goal copied 500 times stays readable.
const MAX_RELATED: usize = 10;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let min = ctx.threshold("min-copies");
    let bottom = ws.bottom_level();
    let mut groups: HashMap<Signature, Vec<GoalId>> = HashMap::new();
    for (id, goal) in ws.goal_ids() {
        if goal.level.value != bottom {
            continue;
        }
        let Some(title) = &goal.title else { continue };
        let title = title
            .value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let mut metrics: Vec<(String, String, u64)> = goal
            .metrics
            .iter()
            .map(|&m| {
                let m = ws.metric(m);
                let unit = m
                    .unit
                    .as_ref()
                    .map(|u| u.value.trim().to_string())
                    .unwrap_or_default();
                (
                    m.id.value.clone(),
                    unit,
                    m.target.as_ref().map_or(u64::MAX, |t| t.value.to_bits()),
                )
            })
            .collect();
        metrics.sort();
        groups.entry((title, metrics)).or_default().push(id);
    }
    let mut copies: Vec<Vec<GoalId>> = groups
        .into_values()
        .filter(|g| g.len() as f64 >= min)
        .collect();
    copies.sort();
    for group in copies {
        for &id in &group {
            let goal = ws.goal(id);
            let span = goal.title.as_ref().map_or(goal.header(), |t| t.span);
            let mut d = ctx
                .goal_finding(id, span, format!("{} individual goals share this title and these metrics: copies, not tailored to the person", group.len()))
                .with_label("copied goal")
                .with_help("tailor each copy to the person's baseline and target, or make it one team goal that individual goals align to");
            for &other in group.iter().filter(|&&o| o != id).take(MAX_RELATED) {
                let o = ws.goal(other);
                let span = o.title.as_ref().map_or(o.header(), |t| t.span);
                d = d.with_related(o.file, span, format!("copy in goal `{}`", o.id.value));
            }
            ctx.report(d);
        }
    }
}
