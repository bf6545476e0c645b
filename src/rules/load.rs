//! What each person carries, and when: the goals they own (and the key results that name them
//! as their own owner, or the pacts they are a party to), each active from its start to its due
//! date. `too-many-goals` and `over-capacity` read the same function, [`carried`], and the same
//! sweep, [`busiest`]: one answer to "what is active for this person on this day (or week)".
//! The report's People table and the language server's hover read them too.

use crate::base::date::Date;
use crate::workspace::{GoalId, MetricId, Workspace};
use rustc_hash::FxHashMap;

/// One thing a person carries while it is active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    pub goal: GoalId,
    /// A key result with its own owner, counted for that owner.
    pub metric: Option<MetricId>,
    pub start: Date,
    pub due: Date,
}

/// What counts as carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Counting {
    /// Goals owned and key results with their own owner (`too-many-goals`: attention).
    Owned,
    /// Goals owned and pacts each party shares (`over-capacity`: hours, from goals' `effort`;
    /// a key result's owner is not charged, the goal's effort is its owner's).
    Effort,
}

/// Every person's items, by owner id as written, in definition order; owners in the order they
/// first appear.
pub fn carried(ws: &Workspace, counting: Counting) -> Vec<(&str, Vec<Item>)> {
    let mut at: FxHashMap<&str, usize> = FxHashMap::default();
    let mut out: Vec<(&str, Vec<Item>)> = Vec::new();
    for (id, goal) in ws.goal_ids() {
        let (Some(start), Some(due)) = (&goal.start, &goal.due) else {
            continue;
        };
        let owner = goal.owner.as_ref().map(|o| o.id.value.as_str());
        if counting == Counting::Effort {
            let parties = goal.parties().map_or(&[][..], |p| p.value.as_slice());
            let mut seen: Vec<&str> = Vec::with_capacity(parties.len() + 1);
            for who in owner
                .into_iter()
                .chain(parties.iter().map(|p| p.id.value.as_str()))
            {
                // a party named twice, or the owner among the parties, is charged once
                if seen.contains(&who) {
                    continue;
                }
                seen.push(who);
                add(
                    &mut at,
                    &mut out,
                    who,
                    Item {
                        goal: id,
                        metric: None,
                        start: start.value,
                        due: due.value,
                    },
                );
            }
            continue;
        }
        if let Some(who) = owner {
            add(
                &mut at,
                &mut out,
                who,
                Item {
                    goal: id,
                    metric: None,
                    start: start.value,
                    due: due.value,
                },
            );
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
            add(
                &mut at,
                &mut out,
                who,
                Item {
                    goal: id,
                    metric: Some(m),
                    start: start.value,
                    due,
                },
            );
        }
    }
    out
}

/// Days or weeks: what the sweep adds up over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Day,
    /// Monday to Sunday: an item active any day of the week counts for the whole week (hours
    /// a week are what `effort` and `capacity` are given in).
    Week,
}

impl Period {
    /// The first day of the period holding `day`.
    fn first(self, day: Date) -> Date {
        match self {
            Period::Day => day,
            Period::Week => day.monday(),
        }
    }

    /// The first day of the period after the one holding `day`.
    fn next(self, day: Date) -> Date {
        match self {
            Period::Day => day.add_days(1),
            Period::Week => day.monday().add_days(7),
        }
    }
}

/// The busiest day (or week: its Monday) on or after `from`, by a sweep over the items' start
/// and due dates (linear in the items after sorting, never a loop over days): the period, its
/// weight, and the items active in it. `weight` gives each item's share (1 to count, hours to
/// add up effort).
pub fn busiest(
    items: &[Item],
    from: Date,
    period: Period,
    weight: impl Fn(&Item) -> f64,
) -> Option<(Date, f64, Vec<Item>)> {
    // (day, change): an item adds its weight from the period of max(start, from) and removes it
    // from the period after its due date
    let mut events: Vec<(Date, f64)> = Vec::with_capacity(items.len() * 2);
    for item in items.iter().filter(|i| i.due >= from && i.start <= i.due) {
        let w = weight(item);
        if w == 0.0 || !w.is_finite() {
            continue;
        }
        events.push((period.first(item.start.max(from)), w));
        events.push((period.next(item.due), -w));
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
        .filter(|i| {
            i.due >= from
                && period.first(i.start.max(from)) <= day
                && day < period.next(i.due)
                && weight(i) != 0.0
                && weight(i).is_finite()
        })
        .copied()
        .collect();
    Some((day, load, active))
}

/// Adds `item` to `who`'s list, opening it (in first-seen order) if needed.
fn add<'w>(
    at: &mut FxHashMap<&'w str, usize>,
    out: &mut Vec<(&'w str, Vec<Item>)>,
    who: &'w str,
    item: Item,
) {
    let slot = *at.entry(who).or_insert_with(|| {
        out.push((who, Vec::new()));
        out.len() - 1
    });
    if let Some((_, items)) = out.get_mut(slot) {
        items.push(item);
    }
}
