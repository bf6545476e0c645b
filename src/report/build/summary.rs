//! The summary tables (counts and weighted means, overall and per level, framework and team)
//! and the per-level goal tables.

use super::View;
use crate::progress::Status;
use crate::report::model::{Group, LevelGoals, STATUSES, StatusCount, Summary, status_label};
use rustc_hash::FxHashMap as HashMap;

/// Counts and means over the goals that match the filters; context goals are only counted.
/// `findings` are the errors and warnings the report counts.
pub(super) fn summary(view: &View<'_>, findings: (usize, usize)) -> Summary {
    let ws = view.ws;
    let mut statuses = [0usize; STATUSES.len()];
    let (mut levels, mut frameworks, mut teams) =
        (Groups::default(), Groups::default(), Groups::default());
    let mut overall = Sums::default();
    let (mut matched, mut context, mut measured) = (0, 0, 0);
    for &id in &view.ids {
        let g = ws.goal(id);
        if !view.matches(id) {
            context += 1;
            continue;
        }
        let e = view.eval.goal(id);
        let own = e.own.map(|p| p.clamped);
        matched += 1;
        measured += usize::from(own.is_some());
        if let Some(i) = STATUSES.iter().position(|s| *s == e.status) {
            statuses[i] += 1;
        }
        overall.add(g.weight, own, e.expected);
        let add = |tally: &mut Tally| tally.add(e.status, g.weight, own, e.expected);
        add(levels.get(view.level(g)));
        add(frameworks.get(g.framework.value.as_str()));
        add(teams.get(ws.team(g).unwrap_or("(no team)")));
    }

    let (progress, expected) = overall.means();
    let mut level_groups = levels.finish();
    // Levels in their configured order, not alphabetically.
    level_groups.sort_by_key(|g| ws.levels().iter().position(|l| *l == g.name));
    Summary {
        goals: matched,
        context_goals: context,
        measured,
        progress,
        expected,
        statuses: STATUSES
            .iter()
            .zip(statuses)
            .map(|(&status, count)| StatusCount {
                status,
                label: status_label(status),
                count,
            })
            .collect(),
        by_level: level_groups,
        by_framework: frameworks.finish(),
        by_team: teams.finish(),
        errors: findings.0,
        warnings: findings.1,
    }
}

/// The shown goals level by level, in definition order; levels without one are left out.
pub(super) fn by_level<'a>(view: &View<'a>) -> Vec<LevelGoals<'a>> {
    let mut by_level: Vec<LevelGoals> = view
        .ws
        .levels()
        .iter()
        .map(|l| LevelGoals {
            level: l,
            goals: Vec::new(),
        })
        .collect();
    for &id in &view.ids {
        let g = view.ws.goal(id);
        if let Some(l) = by_level.get_mut(g.level.value) {
            l.goals.push(view.row(id));
        }
    }
    by_level.retain(|l| !l.goals.is_empty());
    by_level
}

/// Weighted sums for a mean; goals without a value weigh nothing.
#[derive(Default)]
struct Sums {
    progress: (f64, f64),
    expected: (f64, f64),
}

impl Sums {
    fn add(&mut self, weight: f64, progress: Option<f64>, expected: Option<f64>) {
        if let Some(p) = progress {
            self.progress.0 += weight * p;
            self.progress.1 += weight;
        }
        if let Some(e) = expected {
            self.expected.0 += weight * e;
            self.expected.1 += weight;
        }
    }

    fn means(&self) -> (Option<f64>, Option<f64>) {
        let mean = |(sum, w): (f64, f64)| (w > 0.0).then(|| sum / w).filter(|m| m.is_finite());
        (mean(self.progress), mean(self.expected))
    }
}

/// A group being counted: its row, and the sums its means come from, which the view model
/// does not carry.
struct Tally {
    group: Group,
    sums: Sums,
}

impl Tally {
    fn add(&mut self, status: Status, weight: f64, progress: Option<f64>, expected: Option<f64>) {
        let group = &mut self.group;
        group.goals += 1;
        group.measured += usize::from(progress.is_some());
        self.sums.add(weight, progress, expected);
        *match status {
            Status::Done => &mut group.done,
            Status::OnTrack => &mut group.on_track,
            Status::AtRisk => &mut group.at_risk,
            Status::OffTrack => &mut group.off_track,
            Status::Overdue => &mut group.overdue,
            Status::NotStarted => &mut group.not_started,
            Status::Unmeasured => &mut group.unmeasured,
        } += 1;
    }

    fn finish(self) -> Group {
        let mut group = self.group;
        (group.progress, group.expected) = self.sums.means();
        group
    }
}

/// Groups by name, sorted by name when finished.
#[derive(Default)]
struct Groups(HashMap<String, Tally>);

impl Groups {
    fn get(&mut self, name: &str) -> &mut Tally {
        self.0.entry(name.to_string()).or_insert_with(|| Tally {
            group: Group {
                name: name.to_string(),
                ..Group::default()
            },
            sums: Sums::default(),
        })
    }

    fn finish(self) -> Vec<Group> {
        let mut groups: Vec<Group> = self.0.into_values().map(Tally::finish).collect();
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        groups
    }
}
