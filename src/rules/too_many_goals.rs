//! `too-many-goals`: a person owns more open goals than anyone can pursue.

use super::{Check, Rule, RuleContext, load};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::TooManyGoals,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a person owns more goals not yet due than anyone can pursue",
    doc: r#"# too-many-goals

## What it does
Finds, for each owner, the busiest day from the as-of date on: the day the most goals they own
are active at once (from their start to their due date), counting also the key results that
name them as their own `owner`. Goals that run one after another do not add up, and goals that
have not started yet count only from their start — the micro guide's sequence of small steps is
not overload. An owner with more than `max` (default 5) at once is reported once, at their
`[people.ID]` entry when they are on the roster (else at the `owner` of their first counted
goal), with the `owner` of each counted goal or key result labelled (the first 20). Configure
with `too-many-goals = { max = 4 }`. The owner is the `owner` value as written, whether or not it
is on the roster; goals without dates are not counted.

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
    for (owner, items) in load::carried(ws, load::Counting::Owned) {
        let Some((day, count, mut active)) =
            load::busiest(&items, ws.as_of, load::Period::Day, |_| 1.0)
        else {
            continue;
        };
        if count <= max {
            continue;
        }
        // By place, not by reading order, so the finding is the same whatever order the files
        // were read in.
        active.sort_by_key(|i| (ws.place(i.goal), i.metric));
        let Some(first) = active.first() else {
            continue;
        };
        let first = ws.goal(first.goal);
        let (file, span) = match ws.person_by_id(owner).map(|p| ws.person(p)) {
            Some(person) => (person.file, person.id.span),
            None => (
                first.file,
                first.owner.as_ref().map_or(first.header(), |o| o.id.span),
            ),
        };
        let n = active.len();
        let what = if active.iter().any(|i| i.metric.is_some()) {
            "goals and key results"
        } else {
            "goals"
        };
        let mut d = ctx
            .finding(
                file,
                span,
                format!("`{owner}` owns {n} {what} active on {day}; at most {max} is realistic"),
            )
            .with_label(format!("{n} at once"))
            .with_help(
                "drop, defer or hand over goals, or run them one after another; small ones can fold into the key results of one",
            );
        for item in active.iter().take(MAX_RELATED) {
            let goal = ws.goal(item.goal);
            let (at_file, at, label) = match item.metric {
                Some(m) => {
                    let metric = ws.metric(m);
                    let at = metric.owner().map_or(metric.id.span, |o| o.id.span);
                    (metric.file, at, format!("owns `{}`", ws.key(metric)))
                }
                None => (
                    goal.file,
                    goal.owner.as_ref().map_or(goal.header(), |o| o.id.span),
                    format!("owns `{}`", goal.id.value),
                ),
            };
            // without a roster entry the primary span is already this owner
            if (at_file, at) != (file, span) {
                d = d.with_related(at_file, at, label);
            }
        }
        ctx.report(d);
    }
}
