//! `over-capacity`: the hours a person's active goals take in their busiest week exceed the
//! hours they have.

use super::{Check, Rule, RuleContext, load};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::OverCapacity,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "the effort of a person's active goals in their busiest week exceeds their capacity",
    doc: r#"# over-capacity

## What it does
For each person on the roster with a `capacity` (hours a week for goal work), adds up the
`effort` (hours a week) of the goals they carry in each week from the as-of date on: the goals
they own and the pacts they are a party to (each party carries a pact's whole `effort`), in
whatever file the goal lives. A goal counts in every week (Monday to Sunday) in which it is
active, from its start to its due date (a goal without dates has its plan's). The busiest week
is found by a sweep over start and due dates (the same sweep `too-many-goals` reads), never a
loop over days. When that week's hours exceed the capacity, the person is reported once, on
their `[people.ID]` entry, with every goal of that week as a related location.

Silent for a person without a `capacity`, and for goals without an `effort`. Key results with
their own owner count for `too-many-goals`, not here: a goal's effort is its owner's.

## Why
Overload is invisible when a person's work is spread over a team pact, two individual goals, a
mastery path and a mentoring role in five files: every plan looks reasonable, and the total is
not. Goals that cannot all be worked on are goals that will be missed (goal conflict; Locke &
Latham), and the time to find out is when the plan is made, not at the review.

## Example
```toml
[people.maria]
capacity = 10

[goals.migration]
owner = "maria"
effort = 6

[goals.mentoring]
owner = "maria"
effort = 6
```

## How to fix
Defer a goal, hand it over, or run goals one after another; lower an `effort` that was
over-estimated, or raise a `capacity` that leaves out time the person really has.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// Related locations shown per finding.
const MAX_RELATED: usize = 20;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let carried: rustc_hash::FxHashMap<&str, Vec<load::Item>> =
        load::carried(ws, load::Counting::Effort)
            .into_iter()
            .collect();
    for person in &ws.people {
        let Some(capacity) = &person.capacity else {
            continue;
        };
        let Some(items) = carried.get(person.id.value.as_str()) else {
            continue;
        };
        let Some((week, hours, mut active)) =
            load::busiest(items, ws.as_of, load::Period::Week, |i| effort(ws, i))
        else {
            continue;
        };
        if hours <= capacity.value + 1e-9 {
            continue;
        }
        // By place, not by reading order, so the finding is the same whatever order the files
        // were read in.
        active.sort_by_key(|i| ws.place(i.goal));
        let n = active.len();
        let mut d = ctx
            .finding(
                person.file,
                person.id.span,
                format!(
                    "`{}` carries {} h/week in the week of {} ({n} goals) with a capacity of {} h/week",
                    person.id.value,
                    hours_text(hours),
                    week,
                    hours_text(capacity.value)
                ),
            )
            .with_label(format!("{} h of {} h", hours_text(hours), hours_text(capacity.value)))
            .with_help(
                "defer, hand over or sequence goals; or correct an over-estimated effort or an under-stated capacity",
            );
        for item in active.iter().take(MAX_RELATED) {
            let goal = ws.goal(item.goal);
            let at = goal.effort().map_or(goal.header(), |e| e.span);
            d = d.with_related(
                goal.file,
                at,
                format!(
                    "`{}`: {} h/week",
                    goal.id.value,
                    hours_text(effort(ws, item))
                ),
            );
        }
        ctx.report(d);
    }
}

fn effort(ws: &crate::workspace::Workspace, item: &load::Item) -> f64 {
    ws.goal(item.goal).effort().map_or(0.0, |e| e.value)
}

/// Hours without trailing zeros: `12`, `7.5`.
pub(super) fn hours_text(hours: f64) -> String {
    let mut s = format!("{hours:.1}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    s
}
