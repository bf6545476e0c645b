//! The "Claims vs numbers" list and the "People" table: the claim rules' findings with both
//! sides, and each person's load read from the same sweep `over-capacity` reads.

use super::{View, node};
use crate::catalog::RuleId;
use crate::check::Checked;
use crate::report::model::{ClaimRow, PersonRow, PersonStatus, STATUSES, status_label};
use crate::rules::{claims, load};
use crate::workspace::Workspace;

/// Every finding of the claim rules (as configured and allowed), newest first.
pub(super) fn claims<'a>(checked: &'a Checked, view: &View<'a>) -> Vec<ClaimRow<'a>> {
    let ws = view.ws;
    let mut rows: Vec<ClaimRow<'a>> = Vec::new();
    for d in &checked.diagnostics {
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
/// the order they first appear).
pub(super) fn people<'a>(checked: &'a Checked, view: &View<'a>) -> Vec<PersonRow<'a>> {
    let ws: &'a Workspace = &checked.workspace;
    let effort = load::carried(ws, load::Counting::Effort);
    let owned = load::carried(ws, load::Counting::Owned);
    let mut ids: Vec<&'a str> = ws.people.iter().map(|p| p.id.value.as_str()).collect();
    for (who, _) in owned.iter().chain(effort.iter()) {
        if !ids.contains(who) {
            ids.push(who);
        }
    }
    ids.into_iter()
        .map(|id| person_row(ws, view.eval, id, &effort))
        .collect()
}

/// One person's load, for the language server's hover on a roster entry: the same row the
/// People table shows.
pub fn person_load<'a>(checked: &'a Checked, id: &'a str) -> PersonRow<'a> {
    let ws = &checked.workspace;
    let effort = load::carried(ws, load::Counting::Effort);
    person_row(ws, &checked.evaluation, id, &effort)
}

fn person_row<'a>(
    ws: &'a Workspace,
    eval: &crate::progress::Evaluation,
    id: &'a str,
    effort: &[(&str, Vec<load::Item>)],
) -> PersonRow<'a> {
    let person = ws.person_by_id(id).map(|p| ws.person(p));
    let mut goals = 0;
    let mut pacts = 0;
    let mut metrics = 0;
    let mut counts = [0usize; STATUSES.len()];
    for (gid, goal) in ws.goal_ids() {
        let owns = goal
            .owner
            .as_ref()
            .is_some_and(|o| o.id.value.as_str() == id);
        if owns {
            goals += 1;
            let status = eval.goal(gid).status;
            if let Some(c) = STATUSES
                .iter()
                .position(|s| *s == status)
                .and_then(|i| counts.get_mut(i))
            {
                *c += 1;
            }
        }
        if goal
            .parties()
            .is_some_and(|p| p.value.iter().any(|l| l.id.value.as_str() == id))
        {
            pacts += 1;
        }
        metrics += goal
            .metrics
            .iter()
            .filter(|&&m| {
                ws.metric(m)
                    .owner()
                    .is_some_and(|o| o.id.value.as_str() == id)
            })
            .count();
    }
    let busiest = effort
        .iter()
        .find(|(who, _)| *who == id)
        .and_then(|(_, items)| {
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
        goals,
        pacts,
        metrics,
        busiest_week,
        effort: hours,
        capacity,
        over: matches!((hours, capacity), (Some(h), Some(c)) if h > c + 1e-9),
        statuses: STATUSES
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(s, count)| PersonStatus {
                status: *s,
                label: status_label(*s),
                count,
            })
            .collect(),
    }
}
