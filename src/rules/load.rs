//! What each person carries, and when: the goals they own (and the key results that name them
//! as their own owner), each active from its start to its due date. `too-many-goals` and
//! `over-capacity` read the same sweep over these spans: one answer to "what is active for this
//! person on this day".

use crate::base::date::Date;
use crate::workspace::{GoalId, MetricId, Workspace};
use rustc_hash::FxHashMap;

/// One thing a person carries while it is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Item {
    pub goal: GoalId,
    /// A key result with its own owner, counted for that owner.
    pub metric: Option<MetricId>,
    pub start: Date,
    pub due: Date,
}

/// Every person's items, by owner id as written, in definition order; owners in the order they
/// first appear.
pub(super) fn owned(ws: &Workspace) -> Vec<(&str, Vec<Item>)> {
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    let mut out: Vec<(&str, Vec<Item>)> = Vec::new();
    for (id, goal) in ws.goal_ids() {
        let (Some(start), Some(due)) = (&goal.start, &goal.due) else {
            continue;
        };
        let owner = goal.owner.as_ref().map(|o| o.id.value.as_str());
        if let Some(who) = owner {
            let slot = *at.entry(who).or_insert_with(|| {
                out.push((who, Vec::new()));
                out.len() - 1
            });
            if let Some((_, items)) = out.get_mut(slot) {
                items.push(Item {
                    goal: id,
                    metric: None,
                    start: start.value,
                    due: due.value,
                });
            }
        }
        for &m in &goal.metrics {
            let metric = ws.metric(m);
            let Some(who) = metric.owner().map(|o| o.id.value.as_str()) else {
                continue;
            };
            if Some(who) == owner {
                continue; // the goal already counts for them
            }
            let due = metric.due(goal).map_or(due.value, |d| d.value);
            let slot = *at.entry(who).or_insert_with(|| {
                out.push((who, Vec::new()));
                out.len() - 1
            });
            if let Some((_, items)) = out.get_mut(slot) {
                items.push(Item {
                    goal: id,
                    metric: Some(m),
                    start: start.value,
                    due,
                });
            }
        }
    }
    out
}

/// The busiest day on or after `from`, by a sweep over the items' start and due dates (linear
/// in the items after sorting, never a loop over days): the day, its weight, and the items
/// active that day. `weight` gives each item's share (1 to count, hours to add up effort).
pub(super) fn busiest(
    items: &[Item],
    from: Date,
    weight: impl Fn(&Item) -> f64,
) -> Option<(Date, f64, Vec<Item>)> {
    // (day, change): an item adds its weight from max(start, from) and removes it the day after
    // its due date
    let mut events: Vec<(Date, f64)> = Vec::with_capacity(items.len() * 2);
    for item in items.iter().filter(|i| i.due >= from && i.start <= i.due) {
        let w = weight(item);
        if w == 0.0 {
            continue;
        }
        events.push((item.start.max(from), w));
        events.push((item.due.add_days(1), -w));
    }
    // removals before additions on the same day: an item due the day before another starts
    // does not overlap it
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let (mut load, mut best): (f64, Option<(Date, f64)>) = (0.0, None);
    let mut i = 0;
    while let Some(&(day, _)) = events.get(i) {
        while let Some(&(d, w)) = events.get(i) {
            if d != day {
                break;
            }
            load += w;
            i += 1;
        }
        if best.is_none_or(|(_, b)| load > b + 1e-9) {
            best = Some((day, load));
        }
    }
    let (day, load) = best?;
    let active = items
        .iter()
        .filter(|i| i.start.max(from) <= day && day <= i.due && weight(i) != 0.0)
        .copied()
        .collect();
    Some((day, load, active))
}
