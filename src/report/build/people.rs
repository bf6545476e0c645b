//! The "Claims vs numbers" list and the "People" table: the claim rules' findings with both
//! sides, and each person's load read from the same sweep `over-capacity` reads.

use super::{Shared, View, node};
use crate::catalog::RuleId;
use crate::check::Checked;
use crate::diagnostic::Diagnostic;
use crate::report::model::{ClaimRow, PersonRow, PersonStatus, STATUSES, status_label};
use crate::rules::{claims, load};
use crate::workspace::Workspace;
use rustc_hash::{FxHashMap, FxHashSet};

/// Every finding of the claim rules (as configured and allowed), newest first; with filters,
/// those about the matching goals.
pub(super) fn claims<'a>(
    checked: &'a Checked,
    shared: &Shared<'a>,
    view: &View<'a>,
) -> Vec<ClaimRow<'a>> {
    let ws = view.ws;
    let mut rows: Vec<ClaimRow<'a>> = Vec::new();
    let diagnostics: Vec<&'a Diagnostic> = if view.filtered {
        let mut at: Vec<usize> = view
            .ids
            .iter()
            .filter(|id| view.matches(**id))
            .filter_map(|id| shared.by_goal.get(id))
            .flatten()
            .copied()
            .collect();
        at.sort_unstable();
        at.iter()
            .filter_map(|&i| checked.diagnostics.get(i))
            .collect()
    } else {
        checked.diagnostics.iter().collect()
    };
    for d in diagnostics {
        let claim_rule = matches!(
            d.rule,
            RuleId::ClaimContradictsProgress
                | RuleId::ConfidenceContradictsPace
                | RuleId::ScoreContradictsProgress
        );
        if !claim_rule {
            continue;
        }
        let Some((gid, goal)) = d
            .goal
            .as_deref()
            .and_then(|id| ws.goal_by_id(id))
            .map(|g| (g, ws.goal(g)))
        else {
            continue;
        };
        let metric = d.metric.as_deref().and_then(|key| {
            goal.metrics
                .iter()
                .map(|&m| ws.metric(m))
                .find(|m| ws.key(m).to_string() == key)
        });
        let threshold =
            |name: &str, default: f64| ws.config.threshold(d.rule, name).unwrap_or(default);
        let sides = match (d.rule, metric) {
            (RuleId::ClaimContradictsProgress, Some(m)) => claims::status_claim(ws, goal, m),
            (RuleId::ConfidenceContradictsPace, Some(m)) => claims::confidence_claim(
                ws,
                goal,
                m,
                threshold("min-confidence", 0.7),
                threshold("max-forecast", 0.5),
            ),
            (RuleId::ScoreContradictsProgress, _) => {
                claims::score_claim(ws, goal, threshold("max-gap", 0.3))
            }
            _ => None,
        };
        let Some(sides) = sides else {
            continue;
        };
        rows.push(ClaimRow {
            node: view.is_shown(gid).then(|| node(gid)),
            id: &goal.id.value,
            metric: d.metric.as_deref(),
            date: sides.date,
            claimed: sides.claimed,
            computed: sides.computed,
            rule: d.rule.name(),
            message: &d.message,
        });
    }
    // newest first; the same day in the findings' order
    rows.sort_by_key(|r| std::cmp::Reverse(r.date));
    rows
}

/// One row per person of the roster (in roster order), then per owner or party not on it (in
/// the order they first appear): the whole workspace's People table.
pub(super) fn people<'a>(checked: &'a Checked) -> Vec<PersonRow<'a>> {
    let ws: &'a Workspace = &checked.workspace;
    let effort = load::carried(ws, load::Counting::Effort);
    let owned = load::carried(ws, load::Counting::Owned);
    let mut ids: Vec<&'a str> = ws.people.iter().map(|p| p.id.value.as_str()).collect();
    let mut seen: FxHashSet<&'a str> = ids.iter().copied().collect();
    for (who, _) in owned.iter().chain(effort.iter()) {
        if seen.insert(who) {
            ids.push(who);
        }
    }
    person_rows(ws, &checked.evaluation, ids, &effort)
}

/// The People table's rows for a report: every row without filters; with them, the people
/// who own or are a party to a matching goal, the owner filtered on and the roster of the team
/// filtered on, in the table's order.
pub(super) fn select<'a>(
    checked: &'a Checked,
    shared: &Shared<'a>,
    view: &View<'a>,
) -> Vec<PersonRow<'a>> {
    if !view.filtered {
        return shared.people.clone();
    }
    let ws = &checked.workspace;
    let mut wanted: FxHashSet<usize> = FxHashSet::default();
    let mut want = |id: &str| {
        if let Some(&i) = shared.person_at.get(id) {
            wanted.insert(i);
        }
    };
    for &gid in view.ids.iter().filter(|id| view.matches(**id)) {
        let goal = ws.goal(gid);
        if let Some(o) = &goal.owner {
            want(&o.id.value);
        }
        for p in goal.parties().map_or(&[][..], |p| p.value.as_slice()) {
            want(&p.id.value);
        }
    }
    if let Some(owner) = view.filters.owner.as_deref() {
        want(owner);
    }
    if let Some(team) = view.filters.team.as_deref() {
        for p in &ws.people {
            if p.team.as_ref().is_some_and(|t| t.value.as_str() == team) {
                want(&p.id.value);
            }
        }
    }
    let mut at: Vec<usize> = wanted.into_iter().collect();
    at.sort_unstable();
    at.into_iter()
        .filter_map(|i| shared.people.get(i).cloned())
        .collect()
}

/// One person's load, for the language server's hover on a roster entry: the same row the
/// People table shows.
pub fn person_load<'a>(checked: &'a Checked, id: &'a str) -> PersonRow<'a> {
    let ws = &checked.workspace;
    let effort = load::carried(ws, load::Counting::Effort);
    let mut rows = person_rows(ws, &checked.evaluation, vec![id], &effort);
    rows.pop().unwrap_or_else(|| empty_row(id))
}

/// What is counted for a person in one pass over the goals.
#[derive(Default)]
struct Tally {
    goals: usize,
    pacts: usize,
    metrics: usize,
    counts: [usize; STATUSES.len()],
}

/// The rows of `ids`, counted in one pass over the goals: a workspace of 20,000 people and
/// 73,000 goals is not walked once per person.
fn person_rows<'a>(
    ws: &'a Workspace,
    eval: &crate::progress::Evaluation,
    ids: Vec<&'a str>,
    effort: &[(&str, Vec<load::Item>)],
) -> Vec<PersonRow<'a>> {
    let mut tally: FxHashMap<&str, Tally> = ids.iter().map(|id| (*id, Tally::default())).collect();
    for (gid, goal) in ws.goal_ids() {
        if let Some(t) = goal
            .owner
            .as_ref()
            .and_then(|o| tally.get_mut(o.id.value.as_str()))
        {
            t.goals += 1;
            let status = eval.goal(gid).status;
            if let Some(c) = STATUSES
                .iter()
                .position(|s| *s == status)
                .and_then(|i| t.counts.get_mut(i))
            {
                *c += 1;
            }
        }
        if let Some(parties) = goal.parties() {
            // a party named twice is one pact
            let mut seen: Vec<&str> = Vec::with_capacity(parties.value.len());
            for l in parties.value.iter() {
                let who = l.id.value.as_str();
                if seen.contains(&who) {
                    continue;
                }
                seen.push(who);
                if let Some(t) = tally.get_mut(who) {
                    t.pacts += 1;
                }
            }
        }
        for &m in &goal.metrics {
            if let Some(t) = ws
                .metric(m)
                .owner()
                .and_then(|o| tally.get_mut(o.id.value.as_str()))
            {
                t.metrics += 1;
            }
        }
    }
    let effort_of: FxHashMap<&str, &[load::Item]> = effort
        .iter()
        .map(|(who, items)| (*who, items.as_slice()))
        .collect();
    ids.into_iter()
        .map(|id| {
            let t = tally.remove(id).unwrap_or_default();
            person_row(ws, id, t, effort_of.get(id).copied())
        })
        .collect()
}

fn empty_row(id: &str) -> PersonRow<'_> {
    PersonRow {
        id,
        name: None,
        team: None,
        goals: 0,
        pacts: 0,
        metrics: 0,
        busiest_week: None,
        effort: None,
        capacity: None,
        over: false,
        statuses: Vec::new(),
    }
}

fn person_row<'a>(
    ws: &'a Workspace,
    id: &'a str,
    t: Tally,
    effort: Option<&[load::Item]>,
) -> PersonRow<'a> {
    let person = ws.person_by_id(id).map(|p| ws.person(p));
    let busiest = effort.and_then(|items| {
        load::busiest(items, ws.as_of, load::Period::Week, |i| {
            ws.goal(i.goal).effort().map_or(0.0, |e| e.value)
        })
    });
    let capacity = person.and_then(|p| p.capacity.as_ref()).map(|c| c.value);
    let (busiest_week, hours) = busiest.map_or((None, None), |(w, h, _)| (Some(w), Some(h)));
    PersonRow {
        id,
        name: person
            .and_then(|p| p.name.as_ref())
            .map(|n| n.value.as_str()),
        team: person
            .and_then(|p| p.team.as_ref())
            .map(|t| t.value.as_str()),
        goals: t.goals,
        pacts: t.pacts,
        metrics: t.metrics,
        busiest_week,
        effort: hours,
        capacity,
        over: matches!((hours, capacity), (Some(h), Some(c)) if h > c + 1e-9),
        statuses: STATUSES
            .iter()
            .zip(t.counts)
            .filter(|(_, n)| *n > 0)
            .map(|(s, count)| PersonStatus {
                status: *s,
                label: status_label(*s),
                count,
            })
            .collect(),
    }
}
