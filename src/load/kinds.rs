//! What each kind of metric takes (number, deliverable, range), and the finding for a field its
//! kind does not take, with what to write instead.

use crate::base::span::Span;
use crate::load::decode::Decoder;
use crate::model::{Direction, MetricDef, MetricKind};

/// What each kind of metric takes, and what it says instead of the fields it does not.
const NOT_FOR_DELIVERABLE: &[(&str, &str)] = &[
    (
        "baseline",
        "a deliverable has no baseline: it is done or not; use `kind = \"number\"` to count something",
    ),
    (
        "target",
        "a deliverable has no target: it is done or not; use `kind = \"number\"` to count something",
    ),
    (
        "unit",
        "a deliverable has no unit: its check-ins are percent complete; use `kind = \"number\"` to count something",
    ),
    (
        "contributes_to",
        "a deliverable adds nothing up: only number metrics contribute to a parent metric",
    ),
    (
        "direction",
        "a deliverable has no direction: it is done or not",
    ),
    (
        "min",
        "`min` belongs to ranges; use `kind = \"range\"` for a level to hold",
    ),
    (
        "max",
        "`max` belongs to ranges; use `kind = \"range\"` for a level to hold",
    ),
    (
        "waypoints",
        "a deliverable has no path: it is done or not; use `kind = \"number\"` for a planned path",
    ),
];

const NOT_FOR_RANGE: &[(&str, &str)] = &[
    (
        "baseline",
        "a range is a level to hold, not a change: it takes `min` and/or `max`, no baseline",
    ),
    (
        "target",
        "a range is a level to hold, not a change: it takes `min` and/or `max`, no target",
    ),
    (
        "waypoints",
        "a range is a level to hold, not a change: it has no planned path",
    ),
    (
        "direction",
        "a range has no direction: it holds between `min` and `max`",
    ),
    (
        "done",
        "`done` belongs to deliverables: a range is done when it holds at its due date",
    ),
];

const NOT_FOR_NUMBER: &[(&str, &str)] = &[
    (
        "done",
        "`done` belongs to deliverables; use `kind = \"deliverable\"` for a result that is done or not",
    ),
    (
        "min",
        "`min` belongs to ranges; use `kind = \"range\"` for a level to hold",
    ),
    (
        "max",
        "`max` belongs to ranges; use `kind = \"range\"` for a level to hold",
    ),
];

pub(super) fn check_kind_fields(dec: &mut Decoder, m: &MetricDef, written: &[(&str, Span)]) {
    let kind = m.kind.as_ref().map_or(MetricKind::Number, |k| k.value);
    let not_taken = match kind {
        MetricKind::Number => NOT_FOR_NUMBER,
        MetricKind::Deliverable => NOT_FOR_DELIVERABLE,
        MetricKind::Range => NOT_FOR_RANGE,
    };
    for &(field, span) in written {
        if let Some((_, help)) = not_taken.iter().find(|(f, _)| *f == field) {
            let d = dec.error(
                span,
                format!("a {} metric does not take `{field}`", kind.as_str()),
            );
            d.label = Some(format!("not a field of a {}", kind.as_str()));
            d.help = Some((*help).to_string());
        }
    }
    if let (Some(min), Some(max)) = (&m.min, &m.max)
        && min.value > max.value
    {
        let file = dec.file;
        let d = dec.error(
            min.span,
            format!("`min` ({}) is above `max` ({})", min.value, max.value),
        );
        d.label = Some("an empty range".into());
        d.related.push(crate::diagnostic::Label {
            file,
            span: max.span,
            message: "`max` is here".into(),
        });
        d.help = Some("swap them, or correct the one that is wrong".into());
    }
    if let (Some(dir), Some(b), Some(t)) = (&m.direction, &m.baseline, &m.target) {
        let inferred = if t.value < b.value {
            Direction::Decrease
        } else {
            Direction::Increase
        };
        if t.value != b.value && dir.value != inferred {
            let fix = dec.fix(dir.span, inferred.as_str());
            let d = dec.error(
                dir.span,
                format!(
                    "`direction = \"{}\"` contradicts the baseline {} and target {}",
                    dir.value.as_str(),
                    b.value,
                    t.value
                ),
            );
            d.label = Some("contradicts baseline and target".into());
            d.help = Some(format!(
                "a target {} the baseline is {}; remove `direction` or correct the numbers",
                if inferred == Direction::Decrease {
                    "below"
                } else {
                    "above"
                },
                match inferred {
                    Direction::Decrease => "a decrease",
                    Direction::Increase => "an increase",
                }
            ));
            d.fix = Some(fix);
        }
    }
}
