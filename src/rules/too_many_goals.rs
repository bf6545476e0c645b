//! `too-many-goals`: a person owns more open goals than anyone can pursue.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::workspace::GoalId;
use rustc_hash::FxHashMap as HashMap;

pub(super) static RULE: Rule = Rule {
    id: RuleId::TooManyGoals,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a person owns more goals not yet due than anyone can pursue",
    doc: r#"# too-many-goals

## What it does
Counts, for each owner, the goals they own that are not yet due (due on or after the as-of
date), across the whole workspace, and reports an owner with more than `max` (default 5), once,
at their `[people.ID]` entry when they are on the roster (else at the `owner` of their first
counted goal), with the `owner` of each counted goal labelled (the first 20).
Configure with `too-many-goals = { max = 4 }`. The owner is the `owner` value as written,
whether or not it is on the roster; goals without a due date are not counted.

The finding concerns a person, not one goal, so a goal's `allow` list does not silence it:
raise `max` or turn the rule off in goalc.toml instead.

## Why
Attention is finite: goals compete for it, and a person pursuing many goals at once makes less
progress on each (goal conflict; Locke & Latham). OKR practice keeps the number of objectives
small for the same reason; "if everything is a priority, nothing is".

## Example
Six goals, all due at the end of the year, each with `owner = "maria"`.

## How to fix
Drop, defer or hand over goals until the person's plan is one they can pursue; or turn several
small goals into the key results of one.
"#,
    thresholds: &[&MAX],
    check: Check::Workspace(check),
};

pub(super) static MAX: Threshold = Threshold {
    name: "max",
    default: 5.0,
    min: 1.0,
    max: 1000.0,
    integer: true,
    description: "the most goals not yet due one person may own",
};

/// Related labels shown per finding.
const MAX_RELATED: usize = 20;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let max = ctx.threshold(&MAX);
    let mut open: HashMap<&str, Vec<GoalId>> = HashMap::default();
    let mut order: Vec<&str> = Vec::new();
    for (id, goal) in ws.goal_ids() {
        let (Some(owner), Some(due)) = (&goal.owner, &goal.due) else {
            continue;
        };
        if due.value < ws.as_of {
            continue;
        }
        let list = open.entry(owner.id.value.as_str()).or_default();
        if list.is_empty() {
            order.push(owner.id.value.as_str());
        }
        list.push(id);
    }
    for owner in order {
        let Some(goals) = open.get_mut(owner) else {
            continue;
        };
        if goals.len() as f64 <= max {
            continue;
        }
        // By place, not by reading order, so the finding is the same whatever order the files
        // were read in.
        goals.sort_by_key(|&g| ws.place(g));
        let goals: &[GoalId] = goals;
        let Some(&first) = goals.first() else {
            continue;
        };
        let first = ws.goal(first);
        let (file, span) = match ws.person_by_id(owner).map(|p| ws.person(p)) {
            Some(person) => (person.file, person.id.span),
            None => (
                first.file,
                first.owner.as_ref().map_or(first.header(), |o| o.id.span),
            ),
        };
        let mut d = ctx
            .finding(
                file,
                span,
                format!(
                    "`{owner}` owns {} goals that are not yet due; at most {max} is realistic",
                    goals.len()
                ),
            )
            .with_label(format!("{} open goals", goals.len()))
            .with_help(
                "drop, defer or hand over goals, or fold small ones into the key results of one",
            );
        for &g in goals.iter().take(MAX_RELATED) {
            let goal = ws.goal(g);
            let at = goal.owner.as_ref().map_or(goal.header(), |o| o.id.span);
            // without a roster entry the primary span is already this owner
            if (goal.file, at) != (file, span) {
                d = d.with_related(goal.file, at, format!("owns `{}`", goal.id.value));
            }
        }
        ctx.report(d);
    }
}
