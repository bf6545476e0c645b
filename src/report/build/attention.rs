//! The top of a review page: the plan's title and period, and the goals that need attention,
//! each with why in one sentence.

use super::{View, node};
use crate::base::date::Date;
use crate::check::Checked;
use crate::progress::{self, Status};

/// Check-ins older than this many days are named in the why.
const STALE_DAYS: i64 = 31;
use crate::report::model::{AttentionRow, ClaimRow, Period, Summary, status_label};
use crate::workspace::{Plan, Workspace};

/// The plan a review is about: the first plan of the named files that holds a goal at the top
/// level, else the first plan of the named files, else the first plan.
fn top_plan<'a>(ws: &'a Workspace, checked: &Checked) -> Option<&'a Plan> {
    let in_scope = |p: &&Plan| checked.in_scope.get(p.file.0 as usize) == Some(&true);
    let top_level = |p: &&Plan| p.goals.iter().any(|&g| ws.goal(g).level.value == 0);
    ws.plans
        .iter()
        .filter(in_scope)
        .find(top_level)
        .or_else(|| ws.plans.iter().find(in_scope))
        .or_else(|| ws.plans.first())
}

/// goalc.toml's `title`, else the top-level plan's, else the workspace folder's name.
pub(super) fn title(ws: &Workspace, checked: &Checked) -> String {
    if let Some(t) = &ws.config.title {
        return t.clone();
    }
    top_plan(ws, checked)
        .and_then(|p| p.title.as_ref())
        .map(|t| t.value.as_str().trim())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| {
            ws.root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
}

/// The top-level plan's period.
pub(super) fn period(ws: &Workspace, checked: &Checked) -> Period {
    top_plan(ws, checked).map_or(Period::default(), |p| Period {
        start: p.start.as_ref().map(|d| d.value),
        end: p.end.as_ref().map(|d| d.value),
    })
}

/// Off-track, overdue and at-risk goals and goals with a contradicted claim, among those that
/// match the filters: heaviest first, then the most urgent status, then the furthest behind.
pub(super) fn attention<'a>(view: &View<'a>, claims: &[ClaimRow<'a>]) -> Vec<AttentionRow<'a>> {
    let ws = view.ws;
    let mut rows: Vec<(usize, f64, AttentionRow<'a>)> = Vec::new();
    for (id, g) in ws.goal_ids() {
        if !view.matches(id) {
            continue;
        }
        let e = view.eval.goal(id);
        let anchor = node(id);
        let claimed: Vec<&ClaimRow> = claims
            .iter()
            .filter(|c| c.node.as_deref() == Some(anchor.as_str()))
            .collect();
        let rank = match e.status {
            Status::Overdue => 0,
            Status::OffTrack => 1,
            Status::AtRisk => 2,
            _ if !claimed.is_empty() => 3,
            _ => continue,
        };
        let progress = e.own.map(|p| p.clamped);
        let forecast = view.forecast.get(&id).copied();
        let due = g.due.as_ref().map(|d| d.value);
        let mut why = match e.status {
            Status::Overdue => {
                let mut s = match due {
                    Some(d) => format!("past due since {}", short(d, ws.as_of)),
                    None => "past a key result's due date".to_string(),
                };
                if let Some(p) = progress {
                    s.push_str(&format!(", {} done", pct(p)));
                }
                s
            }
            Status::OffTrack | Status::AtRisk => {
                pace(progress, e.expected, forecast, due, ws.as_of)
            }
            _ => String::new(),
        };
        // A forecast read off old check-ins says little: say how old they are.
        let latest = g
            .metrics
            .iter()
            .filter_map(|&m| progress::latest_measured(ws.metric(m), ws.as_of))
            .map(|c| c.date.value)
            .max();
        if let Some(d) = latest.filter(|d| ws.as_of.days_since(*d) > STALE_DAYS)
            && !why.is_empty()
        {
            why.push_str(&format!("; last check-in {}", short(d, ws.as_of)));
        }
        for c in claimed {
            if !why.is_empty() {
                why.push_str("; ");
            }
            let what = c.metric.map_or("the goal".to_string(), |m| {
                let id = m.rsplit('.').next().unwrap_or(m);
                let metric = g
                    .metrics
                    .iter()
                    .map(|&m| ws.metric(m))
                    .find(|m| m.id.value.as_str() == id);
                metric
                    .and_then(|m| m.title.as_ref())
                    .map_or(id.to_string(), |t| format!("“{}”", t.value.as_str()))
            });
            why.push_str(&format!(
                "{what} was claimed {} on {}, the numbers say {}",
                c.claimed,
                short(c.date, ws.as_of),
                c.computed
            ));
        }
        let gap = match (e.expected, progress) {
            (Some(x), Some(p)) => x - p,
            (Some(x), None) => x,
            _ => 0.0,
        };
        rows.push((
            rank,
            gap,
            AttentionRow {
                node: Some(anchor),
                id: &g.id.value,
                name: super::name(g),
                owner: g.owner.as_ref().map(|o| o.id.value.as_str()),
                owner_name: view.owner_name(g),
                status: e.status,
                status_label: status_label(e.status),
                progress,
                expected: e.expected,
                forecast,
                weight: g.weight,
                why,
            },
        ));
    }
    // Stable: equal goals keep their definition order.
    rows.sort_by(|a, b| {
        b.2.weight
            .total_cmp(&a.2.weight)
            .then(a.0.cmp(&b.0))
            .then(b.1.total_cmp(&a.1))
    });
    rows.into_iter().map(|(_, _, r)| r).collect()
}

/// "41 % done, 63 % expected, forecast 58 % by 30 Sep".
fn pace(
    progress: Option<f64>,
    expected: Option<f64>,
    forecast: Option<f64>,
    due: Option<Date>,
    as_of: Date,
) -> String {
    let mut parts = vec![progress.map_or("not measured yet".to_string(), |p| {
        format!("{} done", pct(p))
    })];
    if let Some(x) = expected {
        parts.push(format!("{} expected", pct(x)));
    }
    if let Some(f) = forecast {
        parts.push(match due {
            Some(d) => format!("forecast {} by {}", pct(f), short(d, as_of)),
            None => format!("forecast {}", pct(f)),
        });
    }
    parts.join(", ")
}

fn pct(share: f64) -> String {
    format!("{} %", crate::report::number((share * 100.0).round()))
}

/// `30 Sep`, with the year when it is not the as-of date's.
pub(super) fn short(d: Date, as_of: Date) -> String {
    if d.ymd().0 == as_of.ymd().0 {
        d.day_month()
    } else {
        format!("{} {}", d.day_month(), d.ymd().0)
    }
}

/// The page's one-sentence summary: how many goals, how they stand, the overall pace and how
/// many need attention.
pub(super) fn headline(summary: &Summary, attention: usize, as_of: Date) -> String {
    let goals = summary.goals;
    if goals == 0 {
        return "No goal matches.".to_string();
    }
    let mut parts: Vec<String> = summary
        .statuses
        .iter()
        .filter(|s| s.count > 0)
        .map(|s| format!("{} {}", s.count, s.label.to_lowercase()))
        .collect();
    if parts.len() == 1 && summary.statuses.iter().any(|s| s.count == goals) {
        parts = vec![format!("all {}", parts.join(""))];
    }
    let mut s = format!(
        "{goals} goal{}: {}",
        if goals == 1 { "" } else { "s" },
        parts.join(", ")
    );
    if let Some(p) = summary.progress {
        s.push_str(&format!("; {} done", pct(p)));
        if let Some(e) = summary.expected {
            s.push_str(&format!(
                " against {} expected by {}",
                pct(e),
                short(as_of, as_of)
            ));
        }
    }
    s.push_str(&match attention {
        0 => "; nothing needs attention.".to_string(),
        1 => "; 1 needs attention.".to_string(),
        n => format!("; {n} need attention."),
    });
    s
}
