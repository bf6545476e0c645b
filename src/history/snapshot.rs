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
    pub supports: Vec<String>,
    pub weight: f64,
    pub effort: Option<f64>,
    pub score: Option<f64>,
    pub metrics: Vec<MetricSnap>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MetricSnap {
    pub id: String,
    pub title: Option<String>,
    pub kind: &'static str,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    /// `increase` or `decrease` (a number metric with a target): written, or inferred as the
    /// workspace infers it.
    pub direction: Option<&'static str>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub weight: f64,
    pub contributes_to: Option<String>,
    pub owner: Option<String>,
    /// The metric's own due date (`None` when it takes its goal's).
    pub due: Option<Date>,
    pub done: Option<Date>,
}

impl MetricSnap {
    /// Whether the metric moves down toward its target.
    pub fn is_decrease(&self) -> bool {
        self.direction == Some("decrease")
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
            supports: goal
                .supports()
                .iter()
                .map(|p| p.id.value.to_string())
                .collect(),
            weight: goal.weight,
            effort: goal.effort().map(|e| e.value),
            score: goal.score().map(|e| e.value),
            metrics: goal
                .metrics
                .iter()
                .filter_map(|&m| metric(m))
                .map(|m| MetricSnap {
                    id: m.id.value.to_string(),
                    title: text(&m.title),
                    kind: m.kind.as_str(),
                    unit: text(&m.unit),
                    baseline: m.baseline.as_ref().map(|b| b.value),
                    target: m.target.as_ref().map(|t| t.value),
                    direction: m.direction(),
                    min: m.min().map(|v| v.value),
                    max: m.max().map(|v| v.value),
                    weight: m.weight,
                    contributes_to: m.contributes_to().map(|c| c.id.value.to_string()),
                    owner: m.owner().map(|o| o.id.value.to_string()),
                    due: m.own_due().map(|d| d.value),
                    done: m.done().map(|d| d.value),
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
