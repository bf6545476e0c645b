//! What a goal says, as plain values that compare across revisions: the same shape for a goal
//! lowered from a file read at REF and for a goal of the resolved workspace, so that defaults
//! (a due date inherited from the plan's end, the bottom level) count the same on both sides.

use crate::base::date::Date;
use crate::workspace::{Goal, Metric};

#[derive(Clone, Debug, PartialEq)]
pub struct GoalSnap {
    pub id: String,
    /// The file, from the workspace root, `/`-separated.
    pub file: String,
    pub title: Option<String>,
    pub framework: &'static str,
    pub level: Option<String>,
    pub owner: Option<String>,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub aligns_to: Vec<String>,
    pub weight: f64,
    pub metrics: Vec<MetricSnap>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricSnap {
    pub id: String,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub weight: f64,
    pub contributes_to: Option<String>,
}

impl MetricSnap {
    /// Whether the metric moves down: its target below its baseline.
    pub fn is_decrease(&self) -> bool {
        matches!((self.baseline, self.target), (Some(b), Some(t)) if t < b)
    }
}

impl GoalSnap {
    /// `metric` looks a goal's metric up by its id (workspace-wide or file-local).
    pub fn of<'m>(
        goal: &Goal,
        file: String,
        levels: &[String],
        metric: impl Fn(crate::workspace::MetricId) -> Option<&'m Metric>,
    ) -> GoalSnap {
        let text = |t: &Option<crate::base::span::Sp<crate::base::text::Text>>| {
            t.as_ref().map(|t| t.value.to_string())
        };
        GoalSnap {
            id: goal.id.value.to_string(),
            file,
            title: text(&goal.title),
            framework: goal.framework.value.as_str(),
            level: levels.get(goal.level.value).cloned(),
            owner: goal.owner.as_ref().map(|o| o.id.value.to_string()),
            start: goal.start.as_ref().map(|d| d.value),
            due: goal.due.as_ref().map(|d| d.value),
            aligns_to: goal
                .parents
                .iter()
                .map(|p| p.id.value.to_string())
                .collect(),
            weight: goal.weight,
            metrics: goal
                .metrics
                .iter()
                .filter_map(|&m| metric(m))
                .map(|m| MetricSnap {
                    id: m.id.value.to_string(),
                    title: text(&m.title),
                    unit: text(&m.unit),
                    baseline: m.baseline.as_ref().map(|b| b.value),
                    target: m.target.as_ref().map(|t| t.value),
                    weight: m.weight,
                    contributes_to: m.contributes_to.as_ref().map(|c| c.id.value.to_string()),
                })
                .collect(),
        }
    }

    /// The same goal under another id: everything but the id (and the file) is equal.
    pub fn same_but_id(&self, other: &GoalSnap) -> bool {
        GoalSnap {
            id: other.id.clone(),
            file: other.file.clone(),
            ..self.clone()
        } == *other
    }

    pub fn metric(&self, id: &str) -> Option<&MetricSnap> {
        self.metrics.iter().find(|m| m.id == id)
    }
}
