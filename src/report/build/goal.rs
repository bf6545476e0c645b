//! The goal cards: everything about one shown goal, its metrics, milestones, pact and the
//! findings about it.

use super::{Shared, View, name, node, text, val};
use crate::check::Checked;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Framework;
use crate::progress;
use crate::report::model::{
    Commitment, ParentRef, Party, ReportCheckin, ReportFinding, ReportGoal, ReportMetric,
    ReportMilestone, ReportPact, status_label,
};
use crate::source::FileId;
use crate::workspace::{Goal, GoalId, Workspace};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Findings by the shown goal they concern.
pub(super) type ByGoal<'a> = HashMap<GoalId, Vec<ReportFinding<'a>>>;

/// The findings that go on a goal card, the rest, which concern no shown goal, and the errors
/// and warnings the summary counts. A finding goes to the goal it names, preferring a
/// definition in the finding's own file when an id is defined twice. Without filters every
/// finding is listed and counted; with them, only those about the matching goals and those
/// about no goal in the files of the matching goals: a report on one team is not the place for
/// another team's warnings.
pub(super) fn findings<'a>(
    checked: &'a Checked,
    shared: &Shared<'a>,
    view: &View<'a>,
) -> (ByGoal<'a>, Vec<ReportFinding<'a>>, (usize, usize)) {
    let ws = view.ws;
    let diagnostics = &checked.diagnostics;
    let mut by_goal: ByGoal = HashMap::default();
    let mut loose = Vec::new();
    let mut counted = (0, 0);
    let mut count = |d: &Diagnostic| match d.severity {
        Severity::Error => counted.0 += 1,
        Severity::Warning => counted.1 += 1,
    };
    if !view.filtered {
        for (d, goal) in diagnostics.iter().zip(&shared.diag_goal) {
            count(d);
            let goal = goal.filter(|g| view.is_shown(*g));
            let finding = report_finding(ws, d, goal);
            match goal {
                Some(g) => by_goal.entry(g).or_default().push(finding),
                None => loose.push(finding),
            }
        }
        return (by_goal, loose, counted);
    }
    for &id in &view.ids {
        let Some(list) = shared.by_goal.get(&id) else {
            continue;
        };
        let matched = view.matches(id);
        let cards = by_goal.entry(id).or_default();
        for d in list.iter().filter_map(|&i| diagnostics.get(i)) {
            if matched {
                count(d);
            }
            cards.push(report_finding(ws, d, Some(id)));
        }
    }
    let files: HashSet<FileId> = view.in_filter.iter().map(|&g| ws.goal(g).file).collect();
    let mut about_none: Vec<usize> = files
        .iter()
        .filter_map(|f| shared.goalless.get(f))
        .flatten()
        .copied()
        .collect();
    about_none.sort_unstable();
    for d in about_none.iter().filter_map(|&i| diagnostics.get(i)) {
        count(d);
        loose.push(report_finding(ws, d, None));
    }
    (by_goal, loose, counted)
}

/// A goal's card. Its findings are moved out of `by_goal`: each goal is carded once.
pub(super) fn report_goal<'a>(
    view: &View<'a>,
    id: GoalId,
    g: &'a Goal,
    by_goal: &mut ByGoal<'a>,
) -> ReportGoal<'a> {
    let ws = view.ws;
    let e = view.eval.goal(id);
    let as_of = ws.as_of;
    let (start, due) = (val(&g.start), val(&g.due));
    let person = |p: Option<crate::workspace::PersonId>| p.and_then(|p| text(&ws.person(p).name));
    let metrics = g
        .metrics
        .iter()
        .map(|&m| {
            let m = ws.metric(m);
            let p = progress::metric_progress(m, as_of);
            let owner = m.owner().or(g.owner.as_ref());
            let status = progress::metric_status(g, m, as_of);
            let checkins = progress::checkins_until(m, as_of);
            ReportMetric {
                id: &m.id.value,
                key: ws.key(m).to_string(),
                title: text(&m.title),
                kind: m.kind,
                owner: owner.map(|o| o.id.value.as_str()),
                owner_name: person(owner.and_then(|o| o.target)),
                done: val(m.done()),
                unit: text(&m.unit),
                baseline: val(&m.baseline),
                target: val(&m.target),
                direction: m.direction(),
                min: val(m.min()),
                max: val(m.max()),
                current: progress::current_value(m, as_of),
                progress: p.map(|p| p.clamped),
                progress_raw: p.map(|p| p.raw),
                status,
                status_label: status_label(status),
                reported_status: checkins
                    .iter()
                    .rev()
                    .find_map(|c| c.status())
                    .map(|s| s.value),
                score: checkins
                    .iter()
                    .rev()
                    .find_map(|c| c.score())
                    .map(|s| s.value),
                forecast: progress::forecast(g, m, as_of),
                start,
                due: val(m.due(g)),
                checkins: checkins
                    .iter()
                    .map(|c| ReportCheckin {
                        date: c.date.value,
                        value: c.value().map(|v| v.value),
                        note: text(c.note()),
                        confidence: val(c.confidence()),
                        status: val(c.status()),
                        score: val(c.score()),
                    })
                    .collect(),
                plan: super::charts::plan(g, m),
                expected: progress::metric_expected(g, m, as_of),
                as_of,
            }
        })
        .collect();
    let file = ws.file(g.file);
    ReportGoal {
        node: node(id),
        id: &g.id.value,
        title: text(&g.title),
        name: name(g),
        framework: g.framework.value,
        level: view.level(g),
        owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
        owner_name: person(g.owner.as_ref().and_then(|o| o.target)),
        team: view.ws.team(g),
        file: &file.name,
        line: file.position(g.id.span.start).line,
        start,
        due,
        in_filter: view.matches(id),
        status: e.status,
        status_label: status_label(e.status),
        progress: e.own.map(|p| p.clamped),
        progress_raw: e.own.map(|p| p.raw),
        cascade: e.cascade.map(|p| p.clamped),
        expected: e.expected,
        forecast: view.forecast.get(&id).copied(),
        parents: g
            .parents
            .iter()
            .filter_map(|p| Some((p.target.filter(|t| view.is_shown(*t))?, p.via)))
            .map(|(t, via)| ParentRef {
                goal: view.goal_ref(t),
                metric: via.map(|m| ws.key(ws.metric(m)).to_string()),
            })
            .collect(),
        supports: g
            .supports()
            .iter()
            .filter_map(|l| l.target)
            .filter(|t| view.is_shown(*t))
            .map(|t| view.goal_link(t))
            .collect(),
        children: g
            .children
            .iter()
            .copied()
            .filter(|c| view.is_shown(*c))
            .map(|c| view.goal_ref(c))
            .collect(),
        okr_type: val(g.okr_type()),
        score: val(g.score()),
        skill: text(g.skill()),
        mentor: g.mentor().map(|m| m.id.value.as_str()),
        mentor_name: person(g.mentor().and_then(|m| m.target)),
        resources: g
            .resources()
            .iter()
            .flat_map(|r| r.value.iter())
            .map(|r| r.value.as_str())
            .collect(),
        weight: g.weight,
        metrics,
        milestones: g
            .milestones()
            .iter()
            .flat_map(|m| m.value.iter())
            .map(|m| ReportMilestone {
                title: text(&m.title),
                level: val(&m.level),
                due: val(&m.due),
                done: val(&m.done),
                reached: m.done.as_ref().is_some_and(|d| d.value <= as_of),
            })
            .collect(),
        pact: (g.framework.value == Framework::Pact).then(|| ReportPact {
            parties: g
                .parties()
                .iter()
                .flat_map(|p| p.value.iter())
                .map(|l| Party {
                    id: &l.id.value,
                    name: person(l.target),
                })
                .collect(),
            commitments: g
                .commitments()
                .iter()
                .flat_map(|c| c.value.iter())
                .map(|(who, what)| Commitment {
                    party: &who.value,
                    party_name: ws
                        .person_by_id(&who.value)
                        .and_then(|p| text(&ws.person(p).name)),
                    commitment: &what.value,
                })
                .collect(),
            agreed: val(g.agreed()),
        }),
        findings: by_goal.remove(&id).unwrap_or_default(),
    }
}

/// The goal a finding names: the definition in the finding's file if there is one.
pub(super) fn finding_goal(ws: &Workspace, id: &str, d: &Diagnostic) -> Option<GoalId> {
    let first = ws.goal_by_id(id)?;
    if ws.goal(first).file == d.file {
        return Some(first);
    }
    ws.goal_ids()
        .filter(|(_, g)| g.file == d.file && g.id.value == id && g.id.span.start <= d.span.start)
        .last()
        .map(|(gid, _)| gid)
        .or(Some(first))
}

fn report_finding<'a>(
    ws: &'a Workspace,
    d: &'a Diagnostic,
    goal: Option<GoalId>,
) -> ReportFinding<'a> {
    let file = ws.file(d.file);
    let pos = file.position(d.span.start);
    ReportFinding {
        rule: d.rule.name(),
        severity: d.severity,
        message: &d.message,
        help: d.help.as_deref(),
        file: &file.name,
        line: pos.line,
        column: pos.column,
        goal: d.goal.as_deref(),
        node: goal.map(node),
    }
}
