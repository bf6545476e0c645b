//! The alignment tree and the Mermaid diagram drawn from its top.

use super::{View, node};
use crate::report::model::{Diagram, Edge, TreeRow};
use crate::workspace::GoalId;
use rustc_hash::FxHashSet;

/// Deeper rows of the alignment tree are drawn at this indentation; their `depth` stays true.
const MAX_INDENT: usize = 12;

/// At most this many goals are drawn in the Mermaid diagram (GitHub refuses large diagrams).
const DIAGRAM_NODES: usize = 100;

/// The alignment tree over the shown goals, depth first and without recursion (chains can be
/// tens of thousands of goals long). A goal with several shown parents is drawn once, under
/// the first; goals on a cycle with no root are drawn from the first of them met.
pub(super) fn tree<'a>(view: &View<'a>) -> Vec<TreeRow<'a>> {
    let ws = view.ws;
    let mut drawn: FxHashSet<GoalId> = FxHashSet::default();
    let mut rows = Vec::new();
    let roots = view
        .ids
        .iter()
        .copied()
        .filter(|id| view.parents(ws.goal(*id)).next().is_none());
    let rest = view.ids.iter().copied();
    for root in roots.chain(rest) {
        if !drawn.insert(root) {
            continue;
        }
        // (goal, depth, the parent it is drawn under)
        let mut stack = vec![(root, 0usize, None::<GoalId>)];
        while let Some((id, depth, under)) = stack.pop() {
            let g = ws.goal(id);
            rows.push(TreeRow {
                goal_id: id,
                goal: view.row(id),
                depth,
                indent: depth.min(MAX_INDENT),
                also_aligns_to: view
                    .parents(g)
                    .filter(|p| Some(*p) != under)
                    .map(|p| view.goal_ref(p))
                    .collect(),
                via: under
                    .and_then(|u| g.parents.iter().find(|p| p.target == Some(u)))
                    .and_then(|p| p.via)
                    .map(|m| ws.key(ws.metric(m)).to_string()),
                supports: g
                    .supports()
                    .iter()
                    .filter_map(|l| l.target)
                    .filter(|t| view.is_shown(*t))
                    .map(|t| view.goal_link(t))
                    .collect(),
            });
            // Reversed, so the first child is drawn first.
            for &c in g.children.iter().rev() {
                if view.is_shown(c) && drawn.insert(c) {
                    stack.push((c, depth + 1, Some(id)));
                }
            }
        }
    }
    rows
}

/// The top of the tree: the shallowest goals first, up to [`DIAGRAM_NODES`], in tree order.
pub(super) fn diagram<'a>(view: &View<'a>, tree: &[TreeRow<'a>]) -> Diagram<'a> {
    let mut rows: Vec<usize> = (0..tree.len()).collect();
    rows.sort_by_key(|&i| tree[i].depth);
    rows.truncate(DIAGRAM_NODES);
    rows.sort_unstable();
    let drawn: FxHashSet<GoalId> = rows.iter().map(|&i| tree[i].goal_id).collect();
    let mut edges = Vec::new();
    let mut supports = Vec::new();
    for &i in &rows {
        let id = tree[i].goal_id;
        let ws = view.ws;
        for &c in &ws.goal(id).children {
            if drawn.contains(&c) {
                let via = ws
                    .goal(c)
                    .parents
                    .iter()
                    .find(|p| p.target == Some(id))
                    .and_then(|p| p.via)
                    .map(|m| ws.metric(m).id.value.as_str());
                edges.push(Edge {
                    from: node(id),
                    to: node(c),
                    via,
                });
            }
        }
        for t in ws.goal(id).supports().iter().filter_map(|l| l.target) {
            if drawn.contains(&t) {
                supports.push(Edge {
                    from: node(id),
                    to: node(t),
                    via: None,
                });
            }
        }
    }
    Diagram {
        nodes: rows.iter().map(|&i| tree[i].goal.clone()).collect(),
        edges,
        supports,
        omitted: tree.len() - rows.len(),
    }
}
