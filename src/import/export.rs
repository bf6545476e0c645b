//! `goalc export csv`: the workspace as the rows `goalc import csv` reads, one per metric (a
//! goal without metrics gets one row), so that exporting and importing again gives back the
//! same compiled workspace for everything the columns can say.

use super::table::{COLUMNS, Col};
use super::write::number;
use crate::workspace::{Metric, Workspace};

/// The columns export writes: the contract's, plus `min` and `max` when a range needs them.
fn columns(with_range: bool) -> Vec<(&'static str, Col)> {
    COLUMNS
        .iter()
        .copied()
        .filter(|(_, c)| with_range || !matches!(c, Col::Min | Col::Max))
        .collect()
}

fn kind(m: &Metric) -> &'static str {
    m.kind.as_str()
}

fn is_range(m: &Metric) -> bool {
    m.kind == crate::model::MetricKind::Range
}

/// The metric's latest check-in that has a value (ties: the last one read).
fn current(m: &Metric) -> Option<(f64, crate::base::date::Date)> {
    m.checkins
        .iter()
        .filter_map(|c| Some((c.value()?.value, c.date.value)))
        .fold(None, |best, c| match best {
            Some(b) if b.1 > c.1 => Some(b),
            _ => Some(c),
        })
}

pub fn to_csv(ws: &Workspace, out: &mut dyn std::io::Write) -> Result<(), String> {
    let with_range = ws.metrics.iter().any(|m| is_range(m));
    let cols = columns(with_range);
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let fail = |e: csv::Error| format!("cannot write the CSV: {e}");
    w.write_record(cols.iter().map(|(n, _)| *n)).map_err(fail)?;
    for goal in &ws.goals {
        let level = ws
            .levels()
            .get(goal.level.value)
            .cloned()
            .unwrap_or_default();
        let goal_cell = |col: Col| -> String {
            match col {
                Col::Goal => goal.id.value.as_str().to_string(),
                Col::Title => goal
                    .title
                    .as_ref()
                    .map(|t| t.value.as_str().to_string())
                    .unwrap_or_default(),
                Col::Framework => goal.framework.value.as_str().to_string(),
                Col::Level => level.clone(),
                Col::Owner => goal
                    .owner
                    .as_ref()
                    .map(|o| o.id.value.as_str().to_string())
                    .unwrap_or_default(),
                Col::Team => ws.team(goal).unwrap_or_default().to_string(),
                Col::Start => goal
                    .start
                    .as_ref()
                    .map(|d| d.value.to_string())
                    .unwrap_or_default(),
                Col::Due => goal
                    .due
                    .as_ref()
                    .map(|d| d.value.to_string())
                    .unwrap_or_default(),
                Col::AlignsTo => goal
                    .parents
                    .iter()
                    .map(|p| p.id.value.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
                _ => String::new(),
            }
        };
        let metric_cell = |m: &Metric, col: Col| -> String {
            let n = |v: Option<f64>| v.map(number).unwrap_or_default();
            match col {
                Col::Metric => m.id.value.as_str().to_string(),
                Col::MetricTitle => m
                    .title
                    .as_ref()
                    .map(|t| t.value.as_str().to_string())
                    .unwrap_or_default(),
                Col::Kind => kind(m).to_string(),
                Col::Unit => m
                    .unit
                    .as_ref()
                    .map(|u| u.value.as_str().to_string())
                    .unwrap_or_default(),
                Col::Baseline => n(m.baseline.as_ref().map(|b| b.value)),
                Col::Target => n(m.target.as_ref().map(|t| t.value)),
                Col::Current => n(current(m).map(|c| c.0)),
                Col::CurrentDate => current(m).map(|c| c.1.to_string()).unwrap_or_default(),
                Col::Min => n(m.min().map(|v| v.value)),
                Col::Max => n(m.max().map(|v| v.value)),
                _ => goal_cell(col),
            }
        };
        if goal.metrics.is_empty() {
            w.write_record(cols.iter().map(|(_, c)| goal_cell(*c)))
                .map_err(fail)?;
        }
        for id in goal.metrics.iter() {
            let m = ws.metric(*id);
            w.write_record(cols.iter().map(|(_, c)| metric_cell(m, *c)))
                .map_err(fail)?;
        }
    }
    w.flush()
        .map_err(|e| format!("cannot write the CSV: {e}"))?;
    Ok(())
}
