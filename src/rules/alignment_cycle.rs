//! `alignment-cycle`: goals that align to each other in a cycle.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::workspace::{GoalId, Workspace};

pub(super) static RULE: Rule = Rule {
    id: RuleId::AlignmentCycle,
    opt_in: false,
    default_severity: Severity::Error,
    summary: "goals align to each other in a cycle",
    doc: r#"# alignment-cycle

## What it does
Finds goals that align to each other in a circle (a → b → c → a, or a goal aligning to itself)
and reports each cycle once, at the goal of the cycle defined first, with every other goal of
the cycle labelled at its `aligns_to` entry.

## Why
A cascade is a tree (or a directed acyclic graph): goals serve goals above them. In a cycle no
goal is above the others, so none of them is really the purpose of the rest; rollups around a
cycle have no start, and the levels of its goals cannot all be right.

## Example
```toml
[goals.a]
aligns_to = "b"
[goals.b]
aligns_to = "a"
```

## How to fix
Decide which goal serves which and remove the `aligns_to` entry that points back up the chain.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// Goals listed in a message; the labels still show every goal of the cycle.
const MAX_NAMED: usize = 8;

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for component in cycles(ws) {
        let members: rustc_hash::FxHashSet<GoalId> = component.iter().copied().collect();
        // "Defined first" by place (file name, then offset), not by reading order, so the
        // finding is the same whatever order the files were read in.
        let Some(&first) = component.iter().min_by_key(|&&g| ws.place(g)) else {
            continue;
        };
        let order = cycle_order(ws, first, &members);
        let names: Vec<&str> = order
            .iter()
            .take(MAX_NAMED)
            .map(|g| ws.goal(*g).id.value.as_str())
            .collect();
        let mut text = names.join(" → ");
        if order.len() > MAX_NAMED {
            text.push_str(&format!(" → … ({} goals)", order.len()));
        }
        text.push_str(&format!(" → {}", ws.goal(first).id.value));
        // The edge out of each member that stays in the cycle.
        let edge = |g: GoalId| {
            ws.goal(g)
                .parents
                .iter()
                .find(|l| l.target.is_some_and(|t| members.contains(&t)))
                .map(|l| l.id.span)
                .unwrap_or_else(|| ws.goal(g).header())
        };
        let mut d = ctx
            .goal_finding(first, edge(first), format!("alignment cycle: {text}"))
            .with_label("starts the cycle")
            .with_help("decide which goal serves which, and remove the `aligns_to` that points back up the chain");
        for &g in order.iter().skip(1) {
            d = d.with_related(
                ws.goal(g).file,
                edge(g),
                format!("`{}` continues the cycle", ws.goal(g).id.value),
            );
        }
        ctx.report(d);
    }
}

/// Strongly connected components that contain a cycle, each sorted by goal id order, sorted by
/// their first goal. Tarjan's algorithm with an explicit stack.
fn cycles(ws: &Workspace) -> Vec<Vec<GoalId>> {
    let n = ws.goals.len();
    let edges = |v: usize| {
        ws.goals[v]
            .parents
            .iter()
            .filter_map(|l| l.target)
            .map(|t| t.0 as usize)
    };
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut out = Vec::new();
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, how many of its edges were visited)
        let mut call: Vec<(usize, usize)> = vec![(root, 0)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut i)) = call.last_mut() {
            if let Some(w) = edges(v).nth(*i) {
                *i += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    call.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(GoalId(w as u32));
                    if w == v {
                        break;
                    }
                }
                let self_loop = component.len() == 1 && edges(v).any(|w| w == v);
                if component.len() > 1 || self_loop {
                    component.sort();
                    out.push(component);
                }
            }
        }
    }
    out.sort();
    out
}

/// The members in the order the cycle runs from `first`, following edges inside the component.
fn cycle_order(
    ws: &Workspace,
    first: GoalId,
    members: &rustc_hash::FxHashSet<GoalId>,
) -> Vec<GoalId> {
    let mut order = vec![first];
    let mut seen = rustc_hash::FxHashSet::from_iter([first]);
    let mut at = first;
    loop {
        let next = ws
            .goal(at)
            .parents
            .iter()
            .filter_map(|l| l.target)
            .find(|t| members.contains(t) && !seen.contains(t));
        match next {
            Some(n) => {
                seen.insert(n);
                order.push(n);
                at = n;
            }
            None => break,
        }
    }
    // A component may hold more than one loop; list the members the walk missed too.
    let mut rest: Vec<GoalId> = members
        .iter()
        .copied()
        .filter(|m| !seen.contains(m))
        .collect();
    rest.sort();
    order.extend(rest);
    order
}
