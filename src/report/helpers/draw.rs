//! The helpers that draw (`progress-bar`, `sparkline`, `checkin-list`): SVG or HTML built from
//! numbers and escaped text, or Unicode blocks in Markdown, meant for triple braces.

use super::format::{fmt_number, fmt_percent, known_status, long_date};
use super::{Flavour, NONE, param};
use crate::base::date::Date;
use crate::model::ReportedStatus;
use crate::report::escape::escape_html as html_escape;
use crate::report::escape::escape_markdown;
use handlebars::{Helper, RenderError};
use serde_json::Value;
use std::fmt::Write as _;

/// `{{{progress-bar progress expected status}}}`: a bar with a mark at expected progress.
pub(super) fn progress_bar(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
    let progress = param(h, 0).as_f64().map(|p| p.clamp(0.0, 1.0));
    let expected = param(h, 1).as_f64().map(|p| p.clamp(0.0, 1.0));
    let status = known_status(param(h, 2)).map_or("unknown", |s| s.as_str());
    if flavour == Flavour::Markdown {
        let Some(p) = progress else {
            return Ok(Value::String(String::new()));
        };
        let filled = (p * 10.0).round() as usize;
        return Ok(Value::String(format!(
            "{}{}",
            "█".repeat(filled),
            "░".repeat(10 - filled)
        )));
    }
    let mut label = format!("Progress {}", fmt_percent(progress));
    if let Some(e) = expected {
        label.push_str(&format!(", expected {}", fmt_percent(Some(e))));
    }
    let mut svg = format!(
        r#"<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{label}"><rect class="bar-track" width="100" height="10"/>"#
    );
    if let Some(p) = progress {
        let _ = write!(
            svg,
            r#"<rect class="bar-fill s-{status}" width="{}" height="10"/>"#,
            fmt_number(p * 100.0)
        );
    }
    if let Some(e) = expected {
        let x = fmt_number(e * 100.0);
        let _ = write!(
            svg,
            r#"<line class="bar-expected" x1="{x}" x2="{x}" y1="0" y2="10"/>"#
        );
    }
    svg.push_str("</svg>");
    Ok(Value::String(svg))
}

struct Point {
    day: f64,
    value: f64,
}

/// `{{{sparkline metric}}}`: the metric's check-ins over its goal's span, the baseline at the
/// start, a dashed target line and the forecast line to the due date.
pub(super) fn sparkline(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
    let m = param(h, 0);
    let day = |v: &Value| v.as_str().and_then(Date::parse);
    let num = |v: &Value| v.as_f64().filter(|x| x.is_finite());
    let start = day(&m["start"]);
    let due = day(&m["due"]);
    let checkins: Vec<(Date, f64)> = m["checkins"]
        .as_array()
        .map(|cs| {
            cs.iter()
                .filter_map(|c| Some((day(&c["date"])?, num(&c["value"])?)))
                .collect()
        })
        .unwrap_or_default();
    if flavour == Flavour::Markdown {
        return Ok(Value::String(blocks(&checkins)));
    }
    let (Some(&(first_date, _)), Some(&(last_date, last_value))) =
        (checkins.first(), checkins.last())
    else {
        return Ok(Value::String(
            r#"<span class="muted">No check-ins yet</span>"#.to_string(),
        ));
    };
    let origin = start.unwrap_or(first_date).min(first_date);
    let at = |d: Date| d.days_since(origin) as f64;
    let mut points: Vec<Point> = Vec::new();
    if let (Some(s), Some(b)) = (start, num(&m["baseline"])) {
        points.push(Point {
            day: at(s),
            value: b,
        });
    }
    points.extend(checkins.iter().map(|&(d, v)| Point {
        day: at(d),
        value: v,
    }));
    let target = num(&m["target"]);
    let forecast = match (due, m.get("forecast").and_then(|f| num(&f["value"]))) {
        (Some(d), Some(v)) => Some(Point {
            day: at(d),
            value: v,
        }),
        _ => None,
    };
    let last_day = at(last_date);
    let x_max = due.map_or(last_day, at).max(last_day).max(1.0);
    let values = points
        .iter()
        .map(|p| p.value)
        .chain(target)
        .chain(forecast.as_ref().map(|f| f.value));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if hi - lo > 0.0 {
        (lo, hi)
    } else {
        (lo - 1.0, hi + 1.0)
    };
    const W: f64 = 240.0;
    const H: f64 = 64.0;
    const PAD: f64 = 4.0;
    let x = |d: f64| fmt_number(PAD + d / x_max * (W - 2.0 * PAD));
    let y = |v: f64| fmt_number(H - PAD - (v - lo) / (hi - lo) * (H - 2.0 * PAD));

    let name = m["title"].as_str().or(m["id"].as_str()).unwrap_or("metric");
    let unit = m["unit"]
        .as_str()
        .map_or(String::new(), |u| format!(" {u}"));
    let mut alt = format!(
        "{name}: {} check-in{}, latest {}{unit} on {last_date}",
        checkins.len(),
        if checkins.len() == 1 { "" } else { "s" },
        fmt_number(last_value),
    );
    if let Some(t) = target {
        let _ = write!(alt, "; target {}{unit}", fmt_number(t));
    }
    if let (Some(f), Some(d)) = (&forecast, due) {
        let _ = write!(alt, "; forecast {}{unit} on {d}", fmt_number(f.value));
    }
    let alt = html_escape(&alt);

    let mut svg = format!(
        r#"<svg class="spark" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" aria-label="{alt}"><title>{alt}</title>"#
    );
    if let Some(t) = target {
        let ty = y(t);
        let _ = write!(
            svg,
            r#"<line class="spark-target" x1="{}" x2="{}" y1="{ty}" y2="{ty}"/>"#,
            x(0.0),
            x(x_max)
        );
    }
    if let (Some(f), Some(last)) = (&forecast, points.last()) {
        let _ = write!(
            svg,
            r#"<line class="spark-forecast" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            x(last.day),
            y(last.value),
            x(f.day),
            y(f.value)
        );
    }
    let line: Vec<String> = points
        .iter()
        .map(|p| format!("{},{}", x(p.day), y(p.value)))
        .collect();
    let _ = write!(
        svg,
        r#"<polyline class="spark-line" points="{}"/>"#,
        line.join(" ")
    );
    for &(d, v) in &checkins {
        let _ = write!(
            svg,
            r#"<circle class="spark-dot" cx="{}" cy="{}" r="2.5"/>"#,
            x(at(d)),
            y(v)
        );
    }
    svg.push_str("</svg>");
    Ok(Value::String(svg))
}

/// `{{{checkin-list metric}}}`: the metric's check-ins, newest last, with notes and confidence;
/// folded in a `<details>` in HTML (`{{{checkin-list metric "open"}}}`: a plain list), one
/// line in Markdown.
pub(super) fn checkin_list(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
    let Some(checkins) = param(h, 0)["checkins"].as_array().filter(|c| !c.is_empty()) else {
        return Ok(Value::String(String::new()));
    };
    fn entry(c: &Value) -> (String, String, Option<&str>, Option<f64>) {
        let date = c["date"]
            .as_str()
            .and_then(Date::parse)
            .map_or(NONE.to_string(), long_date);
        // A check-in may report only the reporter's status or a score.
        let mut value = c["value"].as_f64().map(fmt_number).unwrap_or_default();
        let status = c["status"]
            .as_str()
            .filter(|s| ReportedStatus::parse(s).is_some())
            .map(|s| s.replace('-', " "));
        let score = c["score"]
            .as_f64()
            .map(|s| format!("score {}", fmt_number(s)));
        for extra in [status, score].into_iter().flatten() {
            if !value.is_empty() {
                value.push_str(", ");
            }
            value.push_str(&extra);
        }
        if value.is_empty() {
            value = NONE.to_string();
        }
        let note = c["note"].as_str();
        let confidence = c["confidence"].as_f64();
        (date, value, note, confidence)
    }
    if flavour == Flavour::Markdown {
        let items: Vec<String> = checkins
            .iter()
            .map(|c| {
                let (date, value, note, _) = entry(c);
                match note {
                    Some(n) => format!("{date}: {value} ({})", escape_markdown(n)),
                    None => format!("{date}: {value}"),
                }
            })
            .collect();
        return Ok(Value::String(items.join("; ")));
    }
    // `"open"`: always shown, for a page that is read on paper too.
    let open = param(h, 1).as_str() == Some("open");
    let mut out = if open {
        r#"<ul class="plain checkins">"#.to_string()
    } else {
        format!(
            r#"<details><summary>{} check-in{}</summary><ul class="plain checkins">"#,
            checkins.len(),
            if checkins.len() == 1 { "" } else { "s" }
        )
    };
    for c in checkins {
        let (date, value, note, confidence) = entry(c);
        // On paper only the check-ins with a note are listed: the chart shows the values.
        let li = if open && note.is_none() {
            r#"<li class="bare">"#
        } else {
            "<li>"
        };
        let _ = write!(out, "{li}{date}: <strong>{value}</strong>");
        if let Some(n) = note {
            let _ = write!(out, " — {}", html_escape(n));
        }
        if let Some(conf) = confidence {
            let _ = write!(
                out,
                r#" <span class="muted">(confidence {})</span>"#,
                fmt_percent(Some(conf))
            );
        }
        out.push_str("</li>");
    }
    out.push_str(if open { "</ul>" } else { "</ul></details>" });
    Ok(Value::String(out))
}

/// Check-in values as block characters, for Markdown.
fn blocks(checkins: &[(Date, f64)]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let (lo, hi) = checkins
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.1), hi.max(c.1))
        });
    checkins
        .iter()
        .map(|c| {
            let share = if hi > lo { (c.1 - lo) / (hi - lo) } else { 0.5 };
            BARS.get((share * 7.0).round() as usize)
                .copied()
                .unwrap_or('█')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_scale_between_the_lowest_and_highest_value() {
        let d = Date::parse("2026-01-01").unwrap();
        assert_eq!(blocks(&[(d, 0.0), (d, 5.0), (d, 10.0)]), "▁▅█");
        assert_eq!(blocks(&[(d, 3.0)]), "▅");
    }
}
