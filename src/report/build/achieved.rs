//! "Achieved": the goals done and the mastery milestones reached since a date, for the
//! recognition every review asks for.

use super::{View, node};
use crate::base::date::Date;
use crate::progress::{self, Status};
use crate::report::model::AchievedRow;
use crate::workspace::{Goal, Workspace};

/// Goals done and milestones reached from `since` (all of them without a date) up to the as-of
/// date, among the goals that match the filters; newest first.
pub(super) fn achieved<'a>(view: &View<'a>, since: Option<Date>) -> Vec<AchievedRow<'a>> {
    let ws = view.ws;
    let as_of = ws.as_of;
    let counts = |d: Option<Date>| d.is_some_and(|d| d <= as_of && since.is_none_or(|s| d >= s));
    let mut rows = Vec::new();
    for (id, g) in ws.goal_ids() {
        if !view.matches(id) {
            continue;
        }
        let row = |kind, what: String, date| AchievedRow {
            node: Some(node(id)),
            id: &g.id.value,
            name: super::name(g),
            owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
            owner_name: view.owner_name(g),
            kind,
            what,
            date,
        };
        for m in g.milestones().iter().flat_map(|m| m.value.iter()) {
            let done = m.done.as_ref().map(|d| d.value);
            if !counts(done) {
                continue;
            }
            let title = m.title.as_ref().map(|t| t.value.as_str());
            let what = match (title, m.level.as_ref()) {
                (Some(t), Some(l)) => format!("Milestone reached: {t} (level {})", l.value),
                (Some(t), None) => format!("Milestone reached: {t}"),
                (None, Some(l)) => format!("Milestone reached: level {}", l.value),
                (None, None) => "Milestone reached".to_string(),
            };
            rows.push(row("milestone", what, done));
        }
        if view.eval.goal(id).status == Status::Done {
            let done = done_on(ws, g);
            // A goal done on a day no check-in names (a score alone) still counts, undated.
            if done.is_none() || counts(done) {
                rows.push(row("goal", "Goal done".to_string(), done));
            }
        }
    }
    // Newest first; the same day in definition order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.date));
    rows
}

/// The first day the goal was done: the earliest dated event (a check-in, a delivery, a
/// milestone reached) up to the as-of date after which it reads as done.
fn done_on(ws: &Workspace, g: &Goal) -> Option<Date> {
    let as_of = ws.as_of;
    let mut days: Vec<Date> = g
        .metrics
        .iter()
        .map(|&m| ws.metric(m))
        .flat_map(|m| {
            progress::checkins_until(m, as_of)
                .iter()
                .map(|c| c.date.value)
                .chain(m.done().map(|d| d.value))
                // a range is done on its due date
                .chain(m.due(g).map(|d| d.value))
        })
        .chain(
            g.milestones()
                .iter()
                .flat_map(|m| m.value.iter())
                .filter_map(|m| m.done.as_ref().map(|d| d.value)),
        )
        .filter(|d| *d <= as_of)
        .collect();
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .find(|&d| progress::goal_done(ws, g, progress::own_progress(ws, g, d), d))
}

/// "3 goals done and 8 milestones reached, by 6 people": the line that opens "Achieved".
pub(super) fn summary(rows: &[AchievedRow<'_>]) -> Option<String> {
    let goals = rows.iter().filter(|r| r.kind == "goal").count();
    let milestones = rows.len() - goals;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let what = match (goals, milestones) {
        (0, 0) => return None,
        (g, 0) => plural(g, "goal done", "goals done"),
        (0, m) => plural(m, "milestone reached", "milestones reached"),
        (g, m) => format!(
            "{} and {}",
            plural(g, "goal done", "goals done"),
            plural(m, "milestone reached", "milestones reached")
        ),
    };
    let mut people: Vec<&str> = rows.iter().filter_map(|r| r.owner).collect();
    people.sort_unstable();
    people.dedup();
    Some(match people.len() {
        0 => format!("{what}."),
        n => format!("{what}, by {}.", plural(n, "person", "people")),
    })
}
