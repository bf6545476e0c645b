//! `score-contradicts-progress`: a goal's recorded score far from its computed progress.

use super::{Check, Rule, RuleContext, claims};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::ScoreContradictsProgress,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a goal's score differs from its computed progress by more than the allowed gap",
    doc: r#"# score-contradicts-progress

## What it does
Compares a goal's `score` (0.0–1.0, the grade recorded at the end) with its own computed
progress at the as-of date (the weighted mean of its metrics' progress, each clamped to
0–100 %; a mastery goal's share of milestones reached). When they differ by more than `max-gap`
(default 0.3) either way, the score is reported on the goal's `score`. A goal none of whose
metrics is measured is not judged. Configure with `score-contradicts-progress = { max-gap = 0.2 }`.

## Why
An end-of-quarter score of 0.9 on a goal that moved 40 % teaches everyone that scores are
opinions; a score of 0.2 on a goal whose numbers say 90 % hides a success or says the numbers
measure the wrong thing. OKR scoring works when the grade and the numbers can be read side by
side and mostly agree.

## Example
```toml
[goals.retention]
score = 0.9

[goals.retention.metrics.churn]
baseline = 10
target = 5
unit = "%"
checkins = [{ date = 2026-06-20, value = 8 }]
```

## How to fix
Score the goal by what its metrics show, or update the check-ins the score was given from; if
the metrics measure the wrong thing, say so in the goal and fix them next cycle.
"#,
    thresholds: &[&MAX_GAP],
    check: Check::Workspace(check),
};

pub(super) static MAX_GAP: Threshold = Threshold {
    name: "max-gap",
    default: 0.3,
    min: 0.0,
    max: 1.0,
    integer: false,
    description: "the largest difference allowed between a goal's score and its computed progress",
};

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let max_gap = ctx.threshold(&MAX_GAP);
    for (id, goal) in ws.goal_ids() {
        let Some(sides) = claims::score_claim(ws, goal, max_gap) else {
            continue;
        };
        let span = goal.score().map_or(goal.header(), |s| s.span);
        let d = ctx
            .goal_finding(id, span, format!("`{}` is {}", goal.id.value, sides.sentence))
            .with_label(sides.claimed.clone())
            .with_help(
                "score the goal by what its metrics show, or update the check-ins the score was given from",
            );
        ctx.report(d);
    }
}
