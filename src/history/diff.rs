//! Field by field, what changed in one goal between two revisions.

use super::snapshot::{GoalSnap, MetricSnap};
use super::{FieldChange, Value};

fn push(
    out: &mut Vec<FieldChange>,
    field: &'static str,
    metric: Option<&str>,
    old: Value,
    new: Value,
) {
    if old != new {
        out.push(FieldChange {
            field,
            metric: metric.map(str::to_string),
            old,
            new,
            commit: None,
            uncommitted: false,
        });
    }
}

fn text(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::None, |s| Value::Text(s.clone()))
}

fn number(v: Option<f64>) -> Value {
    v.map_or(Value::None, Value::Number)
}

fn date(v: Option<crate::base::date::Date>) -> Value {
    v.map_or(Value::None, Value::Date)
}

/// The changes from `old` to `new`, in a fixed order: the goal's own fields, then its metrics
/// in the new order, then the metrics it no longer has.
pub(super) fn fields(old: &GoalSnap, new: &GoalSnap) -> Vec<FieldChange> {
    let mut out = Vec::new();
    push(&mut out, "title", None, text(&old.title), text(&new.title));
    push(
        &mut out,
        "file",
        None,
        Value::Text(old.file.clone()),
        Value::Text(new.file.clone()),
    );
    push(
        &mut out,
        "framework",
        None,
        Value::Text(old.framework.into()),
        Value::Text(new.framework.into()),
    );
    push(&mut out, "level", None, text(&old.level), text(&new.level));
    push(&mut out, "owner", None, text(&old.owner), text(&new.owner));
    push(&mut out, "start", None, date(old.start), date(new.start));
    push(&mut out, "due", None, date(old.due), date(new.due));
    push(
        &mut out,
        "aligns_to",
        None,
        Value::List(old.aligns_to.clone()),
        Value::List(new.aligns_to.clone()),
    );
    push(
        &mut out,
        "supports",
        None,
        Value::List(old.supports.clone()),
        Value::List(new.supports.clone()),
    );
    push(
        &mut out,
        "weight",
        None,
        Value::Number(old.weight),
        Value::Number(new.weight),
    );
    push(
        &mut out,
        "effort",
        None,
        number(old.effort),
        number(new.effort),
    );
    push(
        &mut out,
        "score",
        None,
        number(old.score),
        number(new.score),
    );
    for m in &new.metrics {
        match old.metric(&m.id) {
            Some(o) => metric(&mut out, o, m),
            None => push(
                &mut out,
                "metric",
                Some(&m.id),
                Value::None,
                Value::Text(m.title.clone().unwrap_or_else(|| m.id.clone())),
            ),
        }
    }
    for o in &old.metrics {
        if new.metric(&o.id).is_none() {
            push(
                &mut out,
                "metric",
                Some(&o.id),
                Value::Text(o.title.clone().unwrap_or_else(|| o.id.clone())),
                Value::None,
            );
        }
    }
    out
}

fn metric(out: &mut Vec<FieldChange>, old: &MetricSnap, new: &MetricSnap) {
    let id = Some(new.id.as_str());
    let word = |w: Option<&'static str>| w.map_or(Value::None, |w| Value::Text(w.into()));
    push(out, "title", id, text(&old.title), text(&new.title));
    push(out, "kind", id, word(Some(old.kind)), word(Some(new.kind)));
    push(out, "unit", id, text(&old.unit), text(&new.unit));
    push(
        out,
        "baseline",
        id,
        number(old.baseline),
        number(new.baseline),
    );
    push(out, "target", id, number(old.target), number(new.target));
    push(
        out,
        "direction",
        id,
        word(old.direction),
        word(new.direction),
    );
    push(out, "min", id, number(old.min), number(new.min));
    push(out, "max", id, number(old.max), number(new.max));
    push(out, "owner", id, text(&old.owner), text(&new.owner));
    push(out, "due", id, date(old.due), date(new.due));
    push(out, "done", id, date(old.done), date(new.done));
    push(
        out,
        "weight",
        id,
        Value::Number(old.weight),
        Value::Number(new.weight),
    );
    push(
        out,
        "contributes_to",
        id,
        text(&old.contributes_to),
        text(&new.contributes_to),
    );
}
