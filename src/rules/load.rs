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

#[cfg(test)]
mod tests {
    use super::{Item, Period, busiest};
    use crate::base::date::Date;
    use crate::workspace::GoalId;

    fn day(d: u32) -> Date {
        // January 2026; 5 January is a Monday
        Date::from_ymd(2026, 1, d).unwrap()
    }

    fn item(goal: u32, start: u32, due: u32) -> Item {
        Item {
            goal: GoalId(goal),
            metric: None,
            start: day(start),
            due: day(due),
        }
    }

    fn goals(active: &[Item]) -> Vec<u32> {
        active.iter().map(|i| i.goal.0).collect()
    }

    #[test]
    fn the_busiest_day_is_where_the_most_items_overlap() {
        let items = [item(1, 1, 10), item(2, 5, 20), item(3, 12, 14)];
        let (at, load, active) = busiest(&items, day(1), Period::Day, |_| 1.0).unwrap();
        assert_eq!((at, load, goals(&active)), (day(5), 2.0, vec![1, 2]));
    }

    #[test]
    fn an_item_due_the_day_before_another_starts_does_not_overlap_it() {
        let items = [item(1, 1, 4), item(2, 5, 8)];
        let (at, load, active) = busiest(&items, day(1), Period::Day, |_| 1.0).unwrap();
        // a tie keeps the earliest period
        assert_eq!((at, load, goals(&active)), (day(1), 1.0, vec![1]));
    }

    #[test]
    fn an_item_due_the_day_before_the_busiest_is_not_active_in_it() {
        let items = [item(1, 1, 4), item(2, 5, 8), item(3, 5, 8)];
        let (at, load, active) = busiest(&items, day(1), Period::Day, |_| 1.0).unwrap();
        assert_eq!((at, load, goals(&active)), (day(5), 2.0, vec![2, 3]));
    }

    #[test]
    fn items_before_the_start_inverted_or_weightless_count_for_nothing() {
        let items = [
            item(1, 1, 2),  // due before `from`
            item(2, 9, 6),  // due before its start
            item(3, 6, 9),  // weight 0
            item(4, 6, 9),  // weight NaN
            item(5, 7, 8),  // counts
            item(6, 1, 31), // counts, from `from` on
        ];
        let weight = |i: &Item| match i.goal.0 {
            3 => 0.0,
            4 => f64::NAN,
            _ => 1.0,
        };
        let (at, load, active) = busiest(&items, day(5), Period::Day, weight).unwrap();
        assert_eq!((at, load, goals(&active)), (day(7), 2.0, vec![5, 6]));
        assert_eq!(busiest(&items[..1], day(5), Period::Day, |_| 1.0), None);
    }

    #[test]
    fn a_week_counts_every_item_active_on_any_of_its_days() {
        // Monday 5 to Sunday 11 January; the third item starts the next Monday
        let items = [item(1, 5, 6), item(2, 11, 11), item(3, 12, 13)];
        let (at, load, active) = busiest(&items, day(1), Period::Week, |_| 1.0).unwrap();
        assert_eq!((at, load, goals(&active)), (day(5), 2.0, vec![1, 2]));
        // hours add up: 1 + 2 in the first week, 4 in the next
        let hours = |i: &Item| {
            if i.goal.0 == 3 {
                4.0
            } else {
                f64::from(i.goal.0)
            }
        };
        let (at, load, _) = busiest(&items, day(1), Period::Week, hours).unwrap();
        assert_eq!((at, load), (day(12), 4.0));
    }
}
