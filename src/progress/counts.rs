//! Whether a number metric without a baseline counts new things made in the period (posts
//! published, people hired, sessions held), which start at 0 by construction, or measures a
//! level, rate or stock (a share, a score, a duration, revenue, customers using something), whose
//! starting value matters. `missing-baseline` reports exactly the second kind, and the progress
//! model measures the first from 0.
//!
//! How it tells them apart, in order:
//! 1. Only an increase can count new things: a metric that goes down measures a level.
//! 2. A unit that is a level — `%`, a score or rating, a duration, a currency, a ratio or
//!    anything "per" something — makes it a level.
//! 3. Words in the title that name a level — rate, ratio, share, average, per, score,
//!    satisfaction, retention, time to, using, active, adoption, total, increase, reduce,
//!    improve, grow, reach, maintain … — make it a level.
//! 4. Otherwise it counts new things when the title says so: a verb of making or doing
//!    (publish, hire, certify, hold, deliver, launch, write, sign, close, onboard, complete …,
//!    in any of its forms), or "new", "more", "additional".
//! 5. Anything else is a level: when goalc cannot tell, it asks for the baseline.

use crate::model::{Direction, MetricKind};
use crate::workspace::Metric;

/// Units whose values are levels, not counts (compared lowercased, without surrounding spaces).
const LEVEL_UNITS: &[&str] = &[
    "%", "percent", "pct", "pp", "score", "points", "rating", "stars", "nps", "csat", "ratio",
    "rate", "x", "index", "level", "days", "day", "hours", "hour", "hrs", "h", "minutes", "minute",
    "mins", "min", "seconds", "second", "secs", "s", "ms", "weeks", "week", "months", "month",
    "years", "year", "usd", "eur", "gbp", "chf", "jpy", "cny", "inr", "aud", "cad", "$", "€", "£",
    "¥", "k$", "$k", "$m", "m$", "arr", "mrr", "revenue", "dollars", "euros",
];

/// Words of a title that name a level, rate or stock.
const LEVEL_WORDS: &[&str] = &[
    "rate", "rates", "ratio", "share", "percent", "percentage", "average", "avg", "median",
    "mean", "per", "score", "nps", "csat", "satisfaction", "satisfied", "rating", "retention",
    "retain", "churn", "uptime", "latency", "using", "use", "active", "adoption", "coverage",
    "level", "total", "maintain", "keep", "stay", "grow", "growth", "increase", "raise", "lift",
    "improve", "reduce", "decrease", "lower", "cut", "reach", "revenue", "arr", "mrr", "pipeline",
    "speed", "duration", "velocity", "throughput", "accuracy", "quality", "utilization",
    "utilisation", "engagement", "proficiency", "proficient", "fluency", "fluent", "conversion",
];

/// Two-word phrases that name a level.
const LEVEL_PHRASES: &[&str] = &["time to", "number of active", "days to", "hours to"];

/// Stems of verbs of making or doing: a title built on one counts what was made or done.
const MAKING_STEMS: &[&str] = &[
    "publish", "hire", "hiring", "recruit", "certif", "train", "onboard", "hold", "held", "host",
    "deliver", "ship", "launch", "release", "write", "wrote", "written", "creat", "produc",
    "record", "build", "built", "sign", "close", "closing", "acquir", "complet", "finish",
    "conduct", "organi", "submit", "merge", "merging", "resolv", "interview", "present", "teach",
    "taught", "mentor", "graduat", "enrol", "introduc", "develop", "design", "draft", "translat",
    "migrat", "roll", "book", "schedul", "attend", "speak", "spoke", "give", "gave", "given",
    "celebrat", "facilitat", "coach", "prepar", "document", "automat", "implement", "contribut",
    "send", "sent", "post", "open",
];

/// Short verbs of making or doing, in the forms they are matched in whole.
const MAKING_WORDS: &[&str] = &[
    "add", "adds", "added", "adding", "run", "runs", "ran", "running", "win", "wins", "won",
    "winning", "fix", "fixes", "fixed", "fixing", "land", "lands", "landed", "file", "filed",
    "do", "did", "done", "make", "made", "makes", "making", "get", "got", "gain", "gained",
];

/// Words that say the count is of new things.
const NEW_WORDS: &[&str] = &["new", "more", "additional", "extra", "another", "further"];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A number metric whose values count new things made or done in the period: measured from 0
/// when it has no baseline, and not asked for one.
pub fn counts_new_things(metric: &Metric) -> bool {
    if metric.kind != MetricKind::Number || metric.direction_value() == Direction::Decrease {
        return false;
    }
    if let Some(unit) = &metric.unit {
        let unit = unit.value.trim().to_lowercase();
        if LEVEL_UNITS.contains(&unit.as_str()) || unit.contains('/') || unit.contains(" per ") {
            return false;
        }
    }
    let Some(title) = &metric.title else {
        return false;
    };
    let lower = title.value.to_lowercase();
    if lower.contains('%') || LEVEL_PHRASES.iter().any(|p| lower.contains(p)) {
        return false;
    }
    let words = words(&lower);
    if words.iter().any(|w| LEVEL_WORDS.contains(&w.as_str())) {
        return false;
    }
    words.iter().any(|w| {
        NEW_WORDS.contains(&w.as_str())
            || MAKING_WORDS.contains(&w.as_str())
            || MAKING_STEMS.iter().any(|s| w.starts_with(s))
    })
}
