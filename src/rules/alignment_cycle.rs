//! `alignment-cycle`: goals that align to each other in a cycle.

// Indexing here is by GoalId/FileId/MetricId values the resolver created as positions in the
// very vectors indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

use super::{Check, Rule, RuleContext};
use crate::base::span::Span;
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

/// The links a cycle can run through: alignment (`aligns_to`), or sideways support
/// (`supports`), which is not alignment but must not loop either.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Links {
    Alignment,
    Support,
}

fn targets(ws: &Workspace, goal: GoalId, links: Links) -> Vec<(GoalId, Span)> {
    let g = ws.goal(goal);
    match links {
        Links::Alignment => g
            .parents
            .iter()
            .filter_map(|l| Some((l.target?, l.id.span)))
            .collect(),
        Links::Support => g
            .supports()
            .iter()
            .filter_map(|l| Some((l.target?, l.id.span)))
            .collect(),
    }
}

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for links in [Links::Alignment, Links::Support] {
        for component in cycles(ws, links) {
            report(ctx, &component, links);
        }
    }
}

fn report(ctx: &mut RuleContext<'_>, component: &[GoalId], links: Links) {
    let ws = ctx.ws;
    let members: rustc_hash::FxHashSet<GoalId> = component.iter().copied().collect();
    // "Defined first" by place (file name, then offset), not by reading order, so the
    // finding is the same whatever order the files were read in.
    let Some(&first) = component.iter().min_by_key(|&&g| ws.place(g)) else {
        return;
    };
    let order = cycle_order(ws, first, &members, links);
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
        targets(ws, g, links)
            .into_iter()
            .find(|(t, _)| members.contains(t))
            .map_or_else(|| ws.goal(g).header(), |(_, span)| span)
    };
    let (message, help) = match links {
        Links::Alignment => (
            format!("alignment cycle: {text}"),
            "decide which goal serves which, and remove the `aligns_to` that points back up the chain",
        ),
        Links::Support => (
            format!("support cycle: {text}"),
            "a goal cannot support itself through others: remove the `supports` that points back along the chain",
        ),
    };
    let mut d = ctx
        .goal_finding(first, edge(first), message)
        .with_label("starts the cycle")
        .with_help(help);
    for &g in order.iter().skip(1) {
        d = d.with_related(
            ws.goal(g).file,
            edge(g),
            format!("`{}` continues the cycle", ws.goal(g).id.value),
        );
    }
    ctx.report(d);
}

/// Per goal, the alignment cycle it is on (an index), if any: `level-inversion` stays silent on
/// the links of a cycle, which this rule reports.
pub(super) fn alignment_cycle_of(ws: &Workspace) -> Vec<Option<usize>> {
    let mut of = vec![None; ws.goals.len()];
    for (i, component) in cycles(ws, Links::Alignment).into_iter().enumerate() {
        for g in component {
            if let Some(slot) = of.get_mut(g.0 as usize) {
                *slot = Some(i);
            }
        }
    }
    of
}

/// Strongly connected components that contain a cycle, each sorted by goal id order, sorted by
/// their first goal. Tarjan's algorithm with an explicit stack.
fn cycles(ws: &Workspace, links: Links) -> Vec<Vec<GoalId>> {
    let n = ws.goals.len();
    let all: Vec<Vec<usize>> = (0..n)
        .map(|v| {
            targets(ws, GoalId(v as u32), links)
                .into_iter()
                .map(|(t, _)| t.0 as usize)
                .collect()
        })
        .collect();
    let edges = |v: usize| all[v].iter().copied();
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
    links: Links,
) -> Vec<GoalId> {
    let mut order = vec![first];
    let mut seen = rustc_hash::FxHashSet::from_iter([first]);
    let mut at = first;
    loop {
        let next = targets(ws, at, links)
            .into_iter()
            .map(|(t, _)| t)
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
