//! The helpers that write a value as text (`percent`, `number`, `date`, `status-label`,
//! `mermaid-label`); the template's escaper handles what they return.

use super::{Flavour, NONE, param};
use crate::base::date::Date;
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

pub(super) fn status_label(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let value = param(h, 0);
    Ok(Value::String(match known_status(value) {
        Some(s) => crate::report::status_label(s).to_string(),
        None => value.as_str().unwrap_or(NONE).to_string(),
    }))
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
