//! The report's "Changed since REF" section (`report --since REF`): the goals of
//! `goalc diff REF` as its JSON gives them, each with `node`, the anchor of its goal card when
//! the report shows the goal.

use crate::history::format::Summary;
use crate::history::{Comparison, GoalChange, NotCompared};
use crate::workspace::GoalId;
use serde::Serialize;

#[derive(Serialize)]
pub struct Changes<'a> {
    pub since: &'a str,
    pub commit: &'a str,
    pub short: &'a str,
    pub summary: Summary,
    pub goals: Vec<ChangedGoal<'a>>,
    pub not_compared: &'a [NotCompared],
}

#[derive(Serialize)]
pub struct ChangedGoal<'a> {
    #[serde(flatten)]
    pub change: &'a GoalChange,
    /// The goal card's anchor, when the report shows the goal (a removed goal has none).
    pub node: Option<String>,
}

pub(super) fn changes<'a>(
    comparison: &'a Comparison,
    node: impl Fn(GoalId) -> Option<String>,
) -> Changes<'a> {
    Changes {
        since: &comparison.since,
        commit: &comparison.commit,
        short: comparison.short(),
        summary: crate::history::format::summary(comparison),
        goals: comparison
            .goals
            .iter()
            .map(|g| ChangedGoal {
                change: g,
                node: g.goal.and_then(&node),
            })
            .collect(),
        not_compared: &comparison.not_compared,
    }
}
