//! What the three history rules share (`target-lowered`, `deadline-pushed`,
//! `baseline-rewritten`): the changed values of goals that had started when the change was made,
//! and the related note that says what the value was, at which REF, and which commit changed it.
//!
//! A goal *had started* when its start date as it stood at REF (defaults filled in: the plan's
//! start) is on or before the date of the change: the committer date of the last commit since
//! REF that changed the value, or the as-of date for a change not committed yet. A goal that is
//! new since REF is never judged (it has nothing to compare with).

use super::RuleContext;
use crate::history::format::origin;
use crate::history::{ChangeKind, FieldChange, GoalChange};
use crate::workspace::{GoalId, Metric, Workspace};

/// A judged change: the goal now, the change, the goal as it was, and when the change was made.
pub(super) struct Judged<'a> {
    pub goal: GoalId,
    pub change: &'a FieldChange,
    pub at_ref: &'a crate::history::snapshot::GoalSnap,
}

/// The changes of `field` (on goals or metrics) to goals that had started when they were made.
pub(super) fn started_changes<'a>(ctx: &RuleContext<'a>, field: &str) -> Vec<Judged<'a>> {
    let Some(history) = ctx.history else {
        return Vec::new();
    };
    let as_of = ctx.ws.as_of;
    history
        .goals
        .iter()
        .filter(|g| matches!(g.change, ChangeKind::Changed | ChangeKind::Renamed))
        .filter_map(|g: &'a GoalChange| Some((g, g.goal?, g.old.as_ref()?)))
        .flat_map(|(g, goal, at_ref)| {
            g.changes
                .iter()
                .filter(move |f| f.field == field)
                .filter_map(move |f| {
                    let date = f.commit.as_ref().map_or(as_of, |c| c.date);
                    let start = at_ref.start?;
                    (start <= date).then_some(Judged {
                        goal,
                        change: f,
                        at_ref,
                    })
                })
        })
        .collect()
}

/// The related note: the value before, at REF, and where it was changed.
pub(super) fn note(ctx: &RuleContext<'_>, j: &Judged<'_>) -> String {
    let since = ctx.history.map_or("", |h| h.since.as_str());
    let short = ctx.history.map_or("", |h| h.short());
    let at = match origin(j.change) {
        Some(o) => format!("; changed in {o}"),
        None => String::new(),
    };
    format!("was {} at {since} ({short}){at}", j.change.old)
}

/// The help all three give.
pub(super) const HELP: &str = "if the plan really changed, keep the change and say why in the commit; \
     `allow = [\"RULE\"]` on the goal records that the change was agreed";

/// The metric of `goal` with id `metric_id`, as the working tree has it.
pub(super) fn metric_of<'w>(
    ws: &'w Workspace,
    goal: GoalId,
    metric_id: &str,
) -> Option<&'w Metric> {
    ws.goal(goal)
        .metrics
        .iter()
        .map(|&m| ws.metric(m))
        .find(|m| m.id.value == metric_id)
}
