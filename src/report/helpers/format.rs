//! The helpers that write a value as text (`percent`, `number`, `date`, `status-label`,
//! `mermaid-label`); the template's escaper handles what they return.

use super::{Flavour, NONE, param};
use crate::base::date::Date;
use crate::model::ReportedStatus;
use crate::report::escape::escape_mermaid;
use crate::report::model::STATUSES;
use handlebars::{Helper, RenderError};
use serde_json::Value;

/// `0.456` → `46%`; null → `—`.
pub fn fmt_percent(share: Option<f64>) -> String {
    match share {
        Some(s) => format!("{}%", fmt_number((s * 100.0).round())),
        None => NONE.to_string(),
    }
}

/// Whole numbers without a decimal point, others with at most two decimals.
pub fn fmt_number(x: f64) -> String {
    if !x.is_finite() {
        return NONE.to_string();
    }
    let rounded = (x * 100.0).round() / 100.0;
    if rounded == rounded.trunc() && rounded.abs() < 1e15 {
        format!("{}", rounded.trunc() as i64)
    } else {
        let s = format!("{rounded:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub(super) fn percent(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    Ok(Value::String(fmt_percent(param(h, 0).as_f64())))
}

pub(super) fn number(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    Ok(Value::String(
        param(h, 0).as_f64().map_or(NONE.to_string(), fmt_number),
    ))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-06-15` → `15 Jun 2026`; `{{date d "iso"}}` keeps the ISO form.
pub(super) fn date(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let Some(text) = param(h, 0).as_str() else {
        return Ok(Value::String(NONE.to_string()));
    };
    let Some(d) = Date::parse(text) else {
        return Ok(Value::String(text.to_string()));
    };
    if param(h, 1).as_str() == Some("iso") {
        return Ok(Value::String(d.to_string()));
    }
    Ok(Value::String(long_date(d)))
}

/// `15 Jun 2026`.
pub(super) fn long_date(d: Date) -> String {
    let (y, m, day) = d.ymd();
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    format!("{day} {month} {y}")
}

pub(super) fn known_status(value: &Value) -> Option<crate::progress::Status> {
    STATUSES
        .iter()
        .copied()
        .find(|s| Some(s.as_str()) == value.as_str())
}

/// A computed status's label; a reporter's status (`in-progress`, `blocked`, …) reads the
/// same way: `In progress`, `Blocked`.
pub(super) fn status_label(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let value = param(h, 0);
    Ok(Value::String(match known_status(value) {
        Some(s) => crate::report::status_label(s).to_string(),
        None => match value.as_str() {
            Some(text) if ReportedStatus::parse(text).is_some() => sentence_case(text),
            Some(text) => text.to_string(),
            None => NONE.to_string(),
        },
    }))
}

fn sentence_case(keyword: &str) -> String {
    let spaced = keyword.replace('-', " ");
    let mut chars = spaced.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `20 Mar`.
fn short_date(d: Date) -> String {
    let (_, m, day) = d.ymd();
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    format!("{day} {month}")
}

/// `{{metric-result metric}}`: what a metric stands at, as its kind reads: a number's
/// current value, a deliverable's "done 20 Mar" or "60 % complete", a range's
/// "8.4 (hold 8–9)". The report's metrics hold check-ins up to the as-of date only, and a
/// deliverable's progress is 1 once it is delivered by then, so no date is needed here.
pub(super) fn metric_result(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let m = param(h, 0);
    let delivered = m["progress"].as_f64().is_some_and(|p| p >= 1.0);
    let current = m["current"].as_f64();
    let shown = current.map_or(NONE.to_string(), fmt_number);
    let text = match m["kind"].as_str() {
        Some("deliverable") => {
            let done = m["done"]
                .as_str()
                .and_then(Date::parse)
                .filter(|_| delivered);
            match (done, current) {
                (Some(d), _) => format!("done {}", short_date(d)),
                (None, Some(c)) => format!("{} % complete", fmt_number(c)),
                (None, None) => "not done".to_string(),
            }
        }
        Some("range") => {
            let (min, max) = (m["min"].as_f64(), m["max"].as_f64());
            let hold = match (min, max) {
                (Some(a), Some(b)) => format!("{}–{}", fmt_number(a), fmt_number(b)),
                (Some(a), None) => format!("≥ {}", fmt_number(a)),
                (None, Some(b)) => format!("≤ {}", fmt_number(b)),
                (None, None) => return Ok(Value::String(shown)),
            };
            format!("{shown} (hold {hold})")
        }
        _ => shown,
    };
    Ok(Value::String(text))
}

pub(super) fn mermaid_label(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let value = param(h, 0);
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    Ok(Value::String(escape_mermaid(&text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_person_wrote_them() {
        assert_eq!(fmt_number(3.0), "3");
        assert_eq!(fmt_number(-0.0), "0");
        assert_eq!(fmt_number(12.5), "12.5");
        assert_eq!(fmt_number(0.333333), "0.33");
        assert_eq!(fmt_number(1e20), "100000000000000000000");
        assert_eq!(fmt_percent(Some(0.456)), "46%");
        assert_eq!(fmt_percent(Some(1.0)), "100%");
        assert_eq!(fmt_percent(None), "—");
    }
}
