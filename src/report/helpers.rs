//! Handlebars helpers for report templates, built-in and custom alike. Helpers that draw
//! (`progress-bar`, `sparkline`) return markup built from numbers and escaped text, meant for
//! triple braces; the others return text that the template's escaper handles.

use super::escape::escape_mermaid;
use super::render::{LAZY_KEY, LazyList};
use crate::date::Date;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, Renderable, ScopedJson, html_escape,
};
use rayon::prelude::*;
use serde_json::Value;
use std::fmt::Write as _;

/// Which flavour of the drawing helpers to register.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Html,
    Markdown,
}

type HelperFn = fn(&Helper<'_>, Flavour) -> Result<Value, RenderError>;

struct ValueHelper {
    name: &'static str,
    flavour: Flavour,
    f: HelperFn,
}

impl HelperDef for ValueHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        if h.params().is_empty() {
            return Err(RenderErrorReason::ParamNotFoundForIndex(self.name, 0).into());
        }
        (self.f)(h, self.flavour).map(ScopedJson::Derived)
    }
}

pub fn register<'a>(hb: &mut Handlebars<'a>, flavour: Flavour, lists: &'a [&'a dyn LazyList]) {
    let helpers: [(&'static str, HelperFn); 8] = [
        ("percent", percent),
        ("number", number),
        ("date", date),
        ("status-label", status_label),
        ("mermaid-label", mermaid_label),
        ("progress-bar", progress_bar),
        ("sparkline", sparkline),
        ("checkin-list", checkin_list),
    ];
    for (name, f) in helpers {
        hb.register_helper(name, Box::new(ValueHelper { name, flavour, f }));
    }
    hb.register_helper("each-parallel", Box::new(EachParallel { lists }));
}

/// `{{#each-parallel list}}…{{/each-parallel}}`: `each` for long lists, the items rendered on
/// every core and written in order. Inside, only the item is in scope (no `../` or `@root`),
/// and `@index`, `@first` and `@last` are not set.
struct EachParallel<'a> {
    /// The report's lists that the template data only points to (see [`LazyList`]).
    lists: &'a [&'a dyn LazyList],
}

/// Items rendered per task, and tasks per batch written out: output is streamed a batch at a
/// time instead of being held whole.
const CHUNK: usize = 64;
const BATCH: usize = 64;

impl HelperDef for EachParallel<'_> {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let Some(template) = h.template() else {
            return Err(RenderErrorReason::BlockContentRequired.into());
        };
        let value = h.param(0).map(|p| p.value());
        let lazy = value
            .and_then(|v| v.get(LAZY_KEY))
            .and_then(Value::as_u64)
            .and_then(|i| self.lists.get(usize::try_from(i).ok()?));
        let array = value.and_then(Value::as_array);
        let len = match (lazy, array) {
            (Some(list), _) => list.len(),
            (None, Some(items)) => items.len(),
            (None, None) => return Err(RenderErrorReason::InvalidParamType("array").into()),
        };
        let item = |i: usize| -> Result<Value, RenderError> {
            match (lazy, array) {
                (Some(list), _) => list
                    .value(i)
                    .map_err(|e| RenderErrorReason::Other(e.to_string()).into()),
                (None, Some(items)) => Ok(items.get(i).cloned().unwrap_or(Value::Null)),
                (None, None) => Ok(Value::Null),
            }
        };
        let starts: Vec<usize> = (0..len).step_by(CHUNK).collect();
        // Pieces start at the size of the last ones: growing a string of a few hundred
        // kilobytes by doubling copied it over and over.
        let mut expect = 0;
        for batch in starts.chunks(BATCH) {
            let pieces: Vec<Result<String, RenderError>> = batch
                .par_iter()
                .map(|&start| {
                    let mut piece = Piece(String::with_capacity(expect));
                    for i in start..(start + CHUNK).min(len) {
                        let context = Context::from(item(i)?);
                        let mut rc = RenderContext::new(None);
                        template.render(r, &context, &mut rc, &mut piece)?;
                    }
                    Ok(piece.0)
                })
                .collect();
            for piece in pieces {
                let piece = piece?;
                expect = expect.max(piece.len() + piece.len() / 8);
                out.write(&piece)?;
            }
        }
        Ok(())
    }
}

/// A rendered chunk of `each-parallel`.
struct Piece(String);

impl Output for Piece {
    fn write(&mut self, seg: &str) -> std::io::Result<()> {
        self.0.push_str(seg);
        Ok(())
    }
}

fn param<'a>(h: &'a Helper<'_>, i: usize) -> &'a Value {
    static NULL: Value = Value::Null;
    h.param(i).map_or(&NULL, |p| p.value())
}

/// What a missing value reads as.
const NONE: &str = "—";

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

fn percent(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    Ok(Value::String(fmt_percent(param(h, 0).as_f64())))
}

fn number(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    Ok(Value::String(
        param(h, 0).as_f64().map_or(NONE.to_string(), fmt_number),
    ))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-06-15` → `15 Jun 2026`; `{{date d "iso"}}` keeps the ISO form.
fn date(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
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
fn long_date(d: Date) -> String {
    let (y, m, day) = d.ymd();
    let month = MONTHS.get(m as usize - 1).copied().unwrap_or("?");
    format!("{day} {month} {y}")
}

fn known_status(value: &Value) -> Option<crate::progress::Status> {
    super::STATUSES
        .iter()
        .copied()
        .find(|s| Some(s.as_str()) == value.as_str())
}

fn status_label(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let value = param(h, 0);
    Ok(Value::String(match known_status(value) {
        Some(s) => super::status_label(s).to_string(),
        None => value.as_str().unwrap_or(NONE).to_string(),
    }))
}

fn mermaid_label(h: &Helper<'_>, _: Flavour) -> Result<Value, RenderError> {
    let value = param(h, 0);
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    Ok(Value::String(escape_mermaid(&text)))
}

/// `{{{progress-bar progress expected status}}}`: a bar with a mark at expected progress.
fn progress_bar(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
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
fn sparkline(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
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
/// folded in a `<details>` in HTML, one line in Markdown.
fn checkin_list(h: &Helper<'_>, flavour: Flavour) -> Result<Value, RenderError> {
    let Some(checkins) = param(h, 0)["checkins"].as_array().filter(|c| !c.is_empty()) else {
        return Ok(Value::String(String::new()));
    };
    fn entry(c: &Value) -> (String, String, Option<&str>, Option<f64>) {
        let date = c["date"]
            .as_str()
            .and_then(Date::parse)
            .map_or(NONE.to_string(), long_date);
        let value = c["value"].as_f64().map_or(NONE.to_string(), fmt_number);
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
                    Some(n) => format!("{date}: {value} ({})", super::escape_markdown(n)),
                    None => format!("{date}: {value}"),
                }
            })
            .collect();
        return Ok(Value::String(items.join("; ")));
    }
    let mut out = format!(
        r#"<details><summary>{} check-in{}</summary><ul class="plain checkins">"#,
        checkins.len(),
        if checkins.len() == 1 { "" } else { "s" }
    );
    for c in checkins {
        let (date, value, note, confidence) = entry(c);
        let _ = write!(out, "<li>{date}: <strong>{value}</strong>");
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
    out.push_str("</ul></details>");
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

    #[test]
    fn blocks_scale_between_the_lowest_and_highest_value() {
        let d = Date::parse("2026-01-01").unwrap();
        assert_eq!(blocks(&[(d, 0.0), (d, 5.0), (d, 10.0)]), "▁▅█");
        assert_eq!(blocks(&[(d, 3.0)]), "▅");
    }
}
