//! What the claim rules compare: a reporter's claim (a check-in's `status` or `confidence`, a
//! goal's `score`) beside what the numbers said, each judged at the claim's own date. The rules
//! and the report's "Claims vs numbers" read the same sides from here, so a finding and its
//! report row never disagree.

use crate::base::date::Date;
use crate::model::{MetricKind, ReportedStatus};
use crate::progress::{
    Status, checkins_until, forecast, metric_expected, metric_progress, metric_status, own_progress,
};
use crate::workspace::{Checkin, Goal, Metric, Workspace};

/// The two sides of a contradicted claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Sides {
    /// The claim's date: the check-in's, or the as-of date for a goal's score.
    pub date: Date,
    /// What was claimed: `on-track`, `done`, `confidence 0.8`, `score 0.9`.
    pub claimed: String,
    /// What the numbers said then: a status, a forecast or a progress.
    pub computed: String,
    /// The sentence naming both sides, without the metric's or goal's key.
    pub sentence: String,
}

/// A share as whole percent: `0.413` → `41`.
pub(super) fn pct(share: f64) -> String {
    let s = format!("{:.0}", share * 100.0);
    if s == "-0" { "0".to_string() } else { s }
}

/// A claim value as written (`0.8`, `0.75`), without trailing zeros.
fn number(value: f64) -> String {
    let mut s = format!("{value:.2}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    s
}

/// The check-in whose claim is judged: the metric's latest on or before the as-of date (later
/// ones are `checkin-in-future`'s).
pub fn latest_checkin<'m>(ws: &Workspace, metric: &'m Metric) -> Option<&'m Checkin> {
    checkins_until(metric, ws.as_of).last()
}

/// `claim-contradicts-progress`: the latest check-in's `status` against the numbers at its
/// date. `done` while progress is below 1; `on-track` while the computed status is off-track
/// (judged only where a target, a deliverable's completion or a range gives a pace: a number
/// metric without a target has only `done` to judge).
pub fn status_claim(ws: &Workspace, goal: &Goal, metric: &Metric) -> Option<Sides> {
    let last = latest_checkin(ws, metric)?;
    let claimed = last.status()?.value;
    let date = last.date.value;
    let progress = metric_progress(metric, date).map(|p| p.clamped);
    let computed = metric_status(goal, metric, date);
    let judged = match claimed {
        ReportedStatus::Done => progress.is_some_and(|p| p < 1.0),
        ReportedStatus::OnTrack => {
            let has_pace = metric.kind != MetricKind::Number || metric.target.is_some();
            has_pace && computed == Status::OffTrack
        }
        _ => false,
    };
    if !judged {
        return None;
    }
    let progress = progress.unwrap_or(0.0);
    let of_what = match metric.kind {
        MetricKind::Deliverable => "complete",
        MetricKind::Range => "of the time within its range",
        MetricKind::Number => "of the planned change",
    };
    let detail = match (metric.kind, metric_expected(goal, metric, date)) {
        (MetricKind::Number, Some(e)) => {
            format!("{} % {of_what}, {} % expected", pct(progress), pct(e))
        }
        (MetricKind::Range, _) => {
            let v = last
                .value()
                .map_or(String::from("no value"), |v| number(v.value));
            format!("latest value {v} outside its range")
        }
        _ => format!("{} % {of_what}", pct(progress)),
    };
    let day = date.day_month();
    let sentence = match claimed {
        // the computed status of something not done is beside the point of a `done` claim
        ReportedStatus::Done => format!(
            "claimed done on {day}; the numbers then said not done ({detail}, {})",
            computed.as_str()
        ),
        _ => format!(
            "claimed {} on {day}; the numbers then said {} ({detail})",
            claimed.as_str(),
            computed.as_str()
        ),
    };
    let claimed = claimed.as_str().to_string();
    Some(Sides {
        date,
        sentence,
        claimed,
        computed: computed.as_str().to_string(),
    })
}

/// `confidence-contradicts-pace`: the latest check-in's `confidence` of at least
/// `min_confidence` while the forecast at its date reaches less than `max_forecast` of the
/// planned change.
pub fn confidence_claim(
    ws: &Workspace,
    goal: &Goal,
    metric: &Metric,
    min_confidence: f64,
    max_forecast: f64,
) -> Option<Sides> {
    let last = latest_checkin(ws, metric)?;
    let confidence = last.confidence()?.value;
    if confidence < min_confidence {
        return None;
    }
    let date = last.date.value;
    let f = forecast(goal, metric, date)?;
    if f.progress >= max_forecast {
        return None;
    }
    let due = metric.due(goal)?.value;
    Some(Sides {
        date,
        claimed: format!("confidence {}", number(confidence)),
        computed: format!("forecast {} %", pct(f.progress)),
        sentence: format!(
            "confidence {} on {}; the trend of its check-ins then reached {} % of the planned change by {} (less than {} %)",
            number(confidence),
            date.day_month(),
            pct(f.progress),
            due.day_month(),
            pct(max_forecast)
        ),
    })
}

/// `score-contradicts-progress`: a goal's `score` more than `max_gap` from its own computed
/// progress (clamped) at the as-of date.
pub fn score_claim(ws: &Workspace, goal: &Goal, max_gap: f64) -> Option<Sides> {
    let score = goal.score()?.value;
    let progress = own_progress(ws, goal, ws.as_of)?.clamped;
    let gap = (score - progress).abs();
    // a hair over the gap as written, not a rounding error, is what fires
    if gap <= max_gap + 1e-9 {
        return None;
    }
    Some(Sides {
        date: ws.as_of,
        claimed: format!("score {}", number(score)),
        computed: format!("progress {} %", pct(progress)),
        sentence: format!(
            "scored {} while its metrics show {} % progress on {} (a gap of {}; at most {})",
            number(score),
            pct(progress),
            ws.as_of.day_month(),
            number(gap),
            number(max_gap)
        ),
    })
}
