//! The charts people read (`metric-chart`, `burnup-chart`): inline SVG with a date axis and a
//! value axis, the planned path, the check-ins as points whose notes are SVG `<title>`
//! tooltips, and the forecast dashed to the due date. Built from numbers and escaped text,
//! meant for triple braces; no script. In Markdown they draw nothing (the tables say it).

use super::format::{fmt_number, fmt_percent, long_date};
use super::{Flavour, param};
use crate::base::date::Date;
use crate::report::escape::escape_html as esc;
use handlebars::{Helper, RenderError};
use serde_json::Value;
use std::fmt::Write as _;

const W: f64 = 560.0;
const H: f64 = 176.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 28.0;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A plotting frame: dates left to right, values bottom to top.
struct Frame {
    x0: Date,
    days: f64,
    lo: f64,
    hi: f64,
}

impl Frame {
    fn x(&self, d: Date) -> f64 {
        LEFT + (d.days_since(self.x0) as f64 / self.days) * (W - LEFT - RIGHT)
    }

    fn y(&self, v: f64) -> f64 {
        H - BOTTOM - (v - self.lo) / (self.hi - self.lo) * (H - TOP - BOTTOM)
    }
}

fn n(x: f64) -> String {
    fmt_number(x)
}

/// Round steps for the value axis: 1, 2 or 5 times a power of ten, about four of them.
fn value_ticks(lo: f64, hi: f64) -> (f64, f64, Vec<f64>) {
    let span = (hi - lo).abs().max(1e-9);
    let raw = span / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|s| s * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let lo = (lo / step).floor() * step;
    let hi = (hi / step).ceil() * step;
    let mut ticks = Vec::new();
    let mut v = lo;
    while v <= hi + step * 1e-6 && ticks.len() < 12 {
        ticks.push(v);
        v += step;
    }
    (lo, hi, ticks)
}

/// The first days of months between two dates, every k-th so that at most 7 are labelled.
fn month_ticks(from: Date, to: Date) -> Vec<Date> {
    let (y0, m0, _) = from.ymd();
    let (y1, m1, _) = to.ymd();
    let months = (y1 - y0) * 12 + (m1 as i32 - m0 as i32) + 1;
    let step = (1..)
        .find(|s| months / s <= 6 && [1, 2, 3, 6, 12].contains(s) || *s >= 12)
        .unwrap_or(12);
    let mut ticks = Vec::new();
    for k in 0..=months {
        let index = (m0 as i32 - 1) + k;
        let month = index.rem_euclid(12) as u32 + 1;
        if (month as i32 - 1) % step != 0 {
            continue;
        }
        if let Some(d) = Date::from_ymd(y0 + index.div_euclid(12), month, 1)
            && d >= from
            && d <= to
        {
            ticks.push(d);
        }
    }
    ticks
}

fn month_label(d: Date, with_year: bool) -> String {
    let (y, m, _) = d.ymd();
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    if with_year {
        format!("{month} {y}")
    } else {
        month.to_string()
    }
}

/// The axes: grid lines and labels of the values, month labels along the bottom. Lines are
/// one path each and the labels' anchoring is left to the stylesheet: a large report has
/// thousands of charts.
fn axes(svg: &mut String, f: &Frame, ticks: &[f64], label: &dyn Fn(f64) -> String, end: Date) {
    let mut grid = String::new();
    let mut labels = String::new();
    for &t in ticks {
        let y = n(f.y(t));
        let _ = write!(grid, "M{} {y}H{}", n(LEFT), n(W - RIGHT));
        let _ = write!(
            labels,
            r#"<text x="{}" y="{y}">{}</text>"#,
            n(LEFT - 6.0),
            esc(&label(t))
        );
    }
    let mut ticks_d = format!("M{} {}H{}", n(LEFT), n(H - BOTTOM), n(W - RIGHT));
    let mut months_text = String::new();
    let months = month_ticks(f.x0, end);
    let years_differ = f.x0.ymd().0 != end.ymd().0;
    for (i, &d) in months.iter().enumerate() {
        let x = n(f.x(d));
        let with_year = years_differ && (i == 0 || d.ymd().1 == 1);
        let _ = write!(ticks_d, "M{x} {}v4", n(H - BOTTOM));
        let _ = write!(
            months_text,
            r#"<text x="{x}" y="{}">{}</text>"#,
            n(H - BOTTOM + 17.0),
            month_label(d, with_year)
        );
    }
    let _ = write!(
        svg,
        r#"<g class="axis" aria-hidden="true"><path class="grid" d="{grid}"/><path class="tick" d="{ticks_d}"/><g class="y">{labels}</g><g class="x">{months_text}</g></g>"#
    );
}

/// The as-of mark: a vertical line labelled "today".
fn today(svg: &mut String, f: &Frame, as_of: Date) {
    let x = n(f.x(as_of));
    let _ = write!(
        svg,
        r#"<g class="today" aria-hidden="true"><line x1="{x}" x2="{x}" y1="{}" y2="{}"/><text x="{x}" y="{}">as of</text></g>"#,
        n(TOP),
        n(H - BOTTOM),
        n(TOP - 3.0)
    );
}

fn legend(items: &[(&str, &str)]) -> String {
    let mut out = String::from(r#"<ul class="legend">"#);
    for (class, text) in items {
        let _ = write!(
            out,
            r#"<li><span class="key key-{class}" aria-hidden="true"></span>{}</li>"#,
            esc(text)
        );
    }
    out.push_str("</ul>");
    out
}

fn day(v: &Value) -> Option<Date> {
    v.as_str().and_then(Date::parse)
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite())
}

/// `{{{metric-chart metric}}}`: a metric's chart over its span (goal start to its due date):
/// the planned path from baseline to target (through its waypoints), the target, the
/// expected value today, the check-ins with their notes as tooltips, and the forecast dashed
/// to the due date. A range shows its band instead of a path.
pub(super) fn metric_chart(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
    if flavour == Flavour::Markdown {
        return Ok(Value::String(String::new()));
    }
    let m = param(h, 0);
    let as_of = day(&m["as_of"]);
    let kind = m["kind"].as_str().unwrap_or("number");
    let unit = m["unit"]
        .as_str()
        .unwrap_or(if kind == "deliverable" { "%" } else { "" });
    let with_unit = |v: f64| {
        if unit.is_empty() {
            n(v)
        } else if unit == "%" {
            format!("{} %", n(v))
        } else {
            format!("{} {unit}", n(v))
        }
    };
    let checkins: Vec<(Date, f64, &Value)> = m["checkins"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .filter_map(|c| Some((day(&c["date"])?, num(&c["value"])?, c)))
                .collect()
        })
        .unwrap_or_default();
    let plan: Vec<(Date, f64)> = m["plan"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| Some((day(&p["date"])?, num(&p["value"])?)))
                .collect()
        })
        .unwrap_or_default();
    let (min, max) = (num(&m["min"]), num(&m["max"]));
    let start = day(&m["start"]);
    let due = day(&m["due"]);
    let forecast_value = m.get("forecast").and_then(|f| num(&f["value"]));
    let forecast = match (due, forecast_value) {
        (Some(d), Some(v)) if !checkins.is_empty() => Some((d, v)),
        _ => None,
    };
    let dates = || {
        checkins
            .iter()
            .map(|c| c.0)
            .chain(plan.iter().map(|p| p.0))
            .chain(start)
            .chain(due)
    };
    let (Some(x0), Some(x1)) = (dates().min(), dates().max()) else {
        return Ok(Value::String(
            r#"<p class="muted chart-none">No dates to chart yet.</p>"#.to_string(),
        ));
    };
    if checkins.is_empty() && plan.is_empty() {
        return Ok(Value::String(
            r#"<p class="muted chart-none">No check-ins yet.</p>"#.to_string(),
        ));
    }
    let x1 = if x1 <= x0 { x0.add_days(1) } else { x1 };
    let values = checkins
        .iter()
        .map(|c| c.1)
        .chain(plan.iter().map(|p| p.1))
        .chain(min)
        .chain(max)
        .chain(forecast.map(|f| f.1));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    let (lo, hi, ticks) = value_ticks(lo, hi);
    let f = Frame {
        x0,
        days: (x1.days_since(x0) as f64).max(1.0),
        lo,
        hi,
    };

    let name = m["title"].as_str().or(m["id"].as_str()).unwrap_or("metric");
    let mut alt = format!("Chart of {name}");
    if let (Some(&(d0, v0)), Some(&(d1, v1))) = (plan.first(), plan.last()) {
        let _ = write!(
            alt,
            ": planned from {} on {} to {} by {}",
            with_unit(v0),
            long_date(d0),
            with_unit(v1),
            long_date(d1)
        );
    }
    if let Some(&(d, v, _)) = checkins.last() {
        let _ = write!(
            alt,
            "; {} check-in{}, latest {} on {}",
            checkins.len(),
            if checkins.len() == 1 { "" } else { "s" },
            with_unit(v),
            long_date(d)
        );
    }
    if let Some((d, v)) = forecast {
        let _ = write!(alt, "; forecast {} by {}", with_unit(v), long_date(d));
    }
    let alt = esc(&alt);
    let mut svg =
        format!(r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img"><title>{alt}</title>"#);
    axes(&mut svg, &f, &ticks, &|v| n(v), x1);
    if kind == "range" {
        let (top, bottom) = (max.unwrap_or(hi), min.unwrap_or(lo));
        let _ = write!(
            svg,
            r#"<rect class="band" x="{}" y="{}" width="{}" height="{}"><title>Hold {}</title></rect>"#,
            n(LEFT),
            n(f.y(top)),
            n(W - LEFT - RIGHT),
            n((f.y(bottom) - f.y(top)).max(0.0)),
            esc(&match (min, max) {
                (Some(a), Some(b)) => format!("{} to {}", with_unit(a), with_unit(b)),
                (Some(a), None) => format!("at least {}", with_unit(a)),
                (None, Some(b)) => format!("at most {}", with_unit(b)),
                (None, None) => String::new(),
            })
        );
    }
    if let Some(&(_, target)) = plan.last() {
        let y = n(f.y(target));
        let _ = write!(
            svg,
            r#"<line class="target" x1="{}" x2="{}" y1="{y}" y2="{y}"/>"#,
            n(LEFT),
            n(W - RIGHT)
        );
    }
    if plan.len() >= 2 {
        let points: Vec<String> = plan
            .iter()
            .map(|&(d, v)| format!("{},{}", n(f.x(d)), n(f.y(v))))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="plan" points="{}"><title>Planned path</title></polyline>"#,
            points.join(" ")
        );
    }
    if let Some(a) = as_of.filter(|a| *a >= x0 && *a <= x1) {
        today(&mut svg, &f, a);
        if let Some(v) = expected_value(&plan, a) {
            let _ = write!(
                svg,
                r#"<circle class="expected" cx="{}" cy="{}" r="4.5"><title>{}</title></circle>"#,
                n(f.x(a)),
                n(f.y(v)),
                esc(&format!("Expected by {}: {}", long_date(a), with_unit(v)))
            );
        }
    }
    if let (Some((d, v)), Some(&(ld, lv, _))) = (forecast, checkins.last()) {
        let _ = write!(
            svg,
            r#"<line class="forecast" x1="{}" y1="{}" x2="{}" y2="{}"/><circle class="forecast-end" cx="{}" cy="{}" r="3.5"><title>{}</title></circle>"#,
            n(f.x(ld)),
            n(f.y(lv)),
            n(f.x(d)),
            n(f.y(v)),
            n(f.x(d)),
            n(f.y(v)),
            esc(&format!(
                "Forecast for {}: {} (the trend of the check-ins)",
                long_date(d),
                with_unit(v)
            ))
        );
    }
    if checkins.len() >= 2 {
        let points: Vec<String> = checkins
            .iter()
            .map(|&(d, v, _)| format!("{},{}", n(f.x(d)), n(f.y(v))))
            .collect();
        let _ = write!(
            svg,
            r#"<polyline class="actual" points="{}"/>"#,
            points.join(" ")
        );
    }
    for &(d, v, c) in &checkins {
        let mut tip = format!("{}: {}", long_date(d), with_unit(v));
        if let Some(note) = c["note"].as_str() {
            let _ = write!(tip, " — {note}");
        }
        if let Some(conf) = num(&c["confidence"]) {
            let _ = write!(tip, " (confidence {})", fmt_percent(Some(conf)));
        }
        let _ = write!(
            svg,
            r#"<circle class="checkin" cx="{}" cy="{}" r="4"><title>{}</title></circle>"#,
            n(f.x(d)),
            n(f.y(v)),
            esc(&tip)
        );
    }
    svg.push_str("</svg>");
    // No legend per chart: a report has one for all of them (a key per line and mark).
    Ok(Value::String(svg))
}

/// The planned path's value at a date.
fn expected_value(plan: &[(Date, f64)], at: Date) -> Option<f64> {
    let first = plan.first()?;
    if at <= first.0 {
        return Some(first.1);
    }
    for pair in plan.windows(2) {
        let [(d0, v0), (d1, v1)] = pair else { continue };
        if at <= *d1 {
            let span = d1.days_since(*d0) as f64;
            let share = if span > 0.0 {
                at.days_since(*d0) as f64 / span
            } else {
                1.0
            };
            return Some(v0 + (v1 - v0) * share);
        }
    }
    plan.last().map(|p| p.1)
}

/// `{{{burnup-chart burnup as_of}}}`: the plan's share done over time (to the as-of date)
/// against the share expected, 0–100 %.
pub(super) fn burnup_chart(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
    if flavour == Flavour::Markdown {
        return Ok(Value::String(String::new()));
    }
    let b = param(h, 0);
    let as_of = day(param(h, 1));
    let points: Vec<(Date, Option<f64>, Option<f64>)> = b["points"]
        .as_array()
        .map(|ps| {
            ps.iter()
                .filter_map(|p| Some((day(&p["date"])?, num(&p["done"]), num(&p["expected"]))))
                .collect()
        })
        .unwrap_or_default();
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return Ok(Value::String(String::new()));
    };
    let (x0, x1) = (first.0, last.0.max(first.0.add_days(1)));
    let f = Frame {
        x0,
        days: (x1.days_since(x0) as f64).max(1.0),
        lo: 0.0,
        hi: 1.0,
    };
    let done: Vec<(Date, f64)> = points.iter().filter_map(|p| Some((p.0, p.1?))).collect();
    let expected: Vec<(Date, f64)> = points.iter().filter_map(|p| Some((p.0, p.2?))).collect();
    let pct = |v: f64| format!("{} %", n((v * 100.0).round()));
    let mut alt = String::from("Burn-up of the plan");
    if let Some(&(d, v)) = done.last() {
        let _ = write!(alt, ": {} done by {}", pct(v), long_date(d));
        if let Some(e) = expected_value(&expected, d) {
            let _ = write!(alt, ", {} expected by then", pct(e));
        }
    }
    let alt = esc(&alt);
    let mut svg = format!(
        r#"<svg class="chart burnup" viewBox="0 0 {W} {H}" role="img"><title>{alt}</title>"#
    );
    axes(&mut svg, &f, &[0.0, 0.25, 0.5, 0.75, 1.0], &|v| pct(v), x1);
    let line = |pts: &[(Date, f64)]| -> String {
        pts.iter()
            .map(|&(d, v)| format!("{},{}", n(f.x(d)), n(f.y(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    if expected.len() >= 2 {
        let _ = write!(
            svg,
            r#"<polyline class="plan" points="{}"><title>Expected share done</title></polyline>"#,
            line(&expected)
        );
    }
    if let Some(a) = as_of.filter(|a| *a >= x0 && *a <= x1) {
        today(&mut svg, &f, a);
    }
    if done.len() >= 2 {
        let _ = write!(
            svg,
            r#"<polyline class="actual" points="{}"/>"#,
            line(&done)
        );
    }
    for &(d, v) in &done {
        let mut tip = format!("{}: {} done", long_date(d), pct(v));
        if let Some(e) = expected_value(&expected, d) {
            let _ = write!(tip, ", {} expected", pct(e));
        }
        let _ = write!(
            svg,
            r#"<circle class="checkin" cx="{}" cy="{}" r="3.5"><title>{}</title></circle>"#,
            n(f.x(d)),
            n(f.y(v)),
            esc(&tip)
        );
    }
    svg.push_str("</svg>");
    Ok(Value::String(format!(
        "{svg}{}",
        legend(&[
            ("actual", "Share of the plan done"),
            ("plan", "Expected by then")
        ])
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_ticks_are_round() {
        let (lo, hi, t) = value_ticks(12.0, 90.0);
        assert_eq!((lo, hi), (0.0, 100.0));
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
    }

    #[test]
    fn a_year_is_labelled_every_other_month() {
        let from = Date::parse("2026-01-01").unwrap();
        let to = Date::parse("2026-12-31").unwrap();
        let ticks: Vec<String> = month_ticks(from, to)
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(ticks.first().map(String::as_str), Some("2026-01-01"));
        assert!(ticks.len() <= 7, "{ticks:?}");
    }
}
