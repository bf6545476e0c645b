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
    "rate",
    "rates",
    "ratio",
    "share",
    "percent",
    "percentage",
    "average",
    "avg",
    "median",
    "mean",
    "per",
    "score",
    "nps",
    "csat",
    "satisfaction",
    "satisfied",
    "rating",
    "retention",
    "retain",
    "churn",
    "uptime",
    "latency",
    "using",
    "use",
    "active",
    "adoption",
    "coverage",
    "level",
    "total",
    "maintain",
    "keep",
    "stay",
    "grow",
    "growth",
    "increase",
    "raise",
    "lift",
    "improve",
    "reduce",
    "decrease",
    "lower",
    "cut",
    "reach",
    "revenue",
    "arr",
    "mrr",
    "pipeline",
    "speed",
    "duration",
    "velocity",
    "throughput",
    "accuracy",
    "utilization",
    "utilisation",
    "engagement",
    "proficiency",
    "proficient",
    "fluency",
    "fluent",
    "conversion",
];

/// Two-word phrases that name a level.
const LEVEL_PHRASES: &[&str] = &[
    "time to",
    "number of active",
    "days to",
    "hours to",
    "there are",
    "there is",
    "there will be",
];

/// Verbs of making or doing: a title built on one counts what was made or done. Matched in
/// their verb forms only (`certify`, `certifies`, `certified`, `certifying`), so that nouns such
/// as "certifications" do not count.
const MAKING_VERBS: &[&str] = &[
    "publish",
    "hire",
    "recruit",
    "certify",
    "train",
    "onboard",
    "hold",
    "host",
    "run",
    "deliver",
    "ship",
    "launch",
    "release",
    "write",
    "create",
    "produce",
    "record",
    "build",
    "add",
    "sign",
    "close",
    "win",
    "land",
    "acquire",
    "complete",
    "finish",
    "conduct",
    "organize",
    "organise",
    "submit",
    "merge",
    "fix",
    "resolve",
    "interview",
    "present",
    "teach",
    "mentor",
    "graduate",
    "enrol",
    "enroll",
    "introduce",
    "develop",
    "design",
    "draft",
    "translate",
    "migrate",
    "roll",
    "book",
    "schedule",
    "attend",
    "speak",
    "give",
    "celebrate",
    "facilitate",
    "coach",
    "prepare",
    "document",
    "automate",
    "implement",
    "contribute",
    "send",
    "post",
    "open",
    "file",
    "make",
    "get",
    "gain",
    "secure",
    "generate",
    "execute",
    "identify",
    "produce",
    "invite",
    "welcome",
    "award",
    "issue",
    "grant",
    "fund",
    "test",
    "review",
    "pilot",
    "film",
    "shoot",
    "start",
    "begin",
    "become",
    "elevate",
    "volunteer",
    "join",
    "establish",
    "form",
    "found",
    "recognize",
    "recognise",
    "nominate",
    "promote",
    "certify",
];

/// Irregular forms of the verbs above.
const IRREGULAR: &[&str] = &[
    "held", "ran", "wrote", "written", "built", "won", "taught", "spoke", "spoken", "gave",
    "given", "made", "got", "gotten", "sent", "shot", "began", "begun", "became",
];

/// Whether `word` is a form of `verb`: the verb, `-s`/`-es`, `-ed`/`-d`/`-ied`, `-ing` (with a
/// final `e` dropped or a consonant doubled).
pub fn is_form_of(word: &str, verb: &str) -> bool {
    if word == verb {
        return true;
    }
    let Some(rest) = word.strip_prefix(verb.trim_end_matches(['e', 'y'])) else {
        return false;
    };
    let stem_dropped = verb.len() - verb.trim_end_matches(['e', 'y']).len();
    let last = verb.chars().last().unwrap_or(' ');
    let doubled =
        |suffix: &str| rest.strip_prefix(last).is_some_and(|r| r == suffix) && stem_dropped == 0;
    match (stem_dropped, last) {
        (_, 'y') => matches!(rest, "ies" | "ied" | "ying" | "ys" | "yed"),
        (1, _) => matches!(rest, "es" | "ed" | "ing"),
        _ => matches!(rest, "s" | "es" | "ed" | "ing") || doubled("ed") || doubled("ing"),
    }
}

fn is_making(word: &str) -> bool {
    IRREGULAR.contains(&word) || MAKING_VERBS.iter().any(|v| is_form_of(word, v))
}

/// Verbs that, first in a title, say the metric moves a level: "Increase …", "Reduce …".
const LEVEL_VERBS: &[&str] = &[
    "increase", "grow", "raise", "lift", "improve", "reduce", "decrease", "lower", "cut", "reach",
    "maintain", "keep", "stay", "sustain", "achieve", "ensure",
];

/// Words that say the count is of new things.
const NEW_WORDS: &[&str] = &["new", "more", "additional", "extra", "another", "further"];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The text outside parentheses: an aside in parentheses lists examples, it does not say what
/// is counted.
fn outside_parentheses(text: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A number metric whose values count new things made or done in the period: measured from 0
/// when it has no baseline, and not asked for one.
pub fn counts_new_things(metric: &Metric) -> bool {
    metric.counts_new
}

/// [`counts_new_things`], worked out from the metric's fields.
pub(crate) fn classify(metric: &Metric) -> bool {
    if metric.kind != MetricKind::Number || metric.direction_value() == Direction::Decrease {
        return false;
    }
    if let Some(unit) = &metric.unit {
        let unit = unit.value.trim().to_lowercase();
        if LEVEL_UNITS.contains(&unit.as_str())
            || unit.contains('/')
            || unit.contains('%')
            || words(&unit)
                .iter()
                .any(|w| LEVEL_UNITS.contains(&w.as_str()) && w != "s")
        {
            return false;
        }
    }
    let Some(title) = &metric.title else {
        return false;
    };
    let lower = outside_parentheses(&title.value.to_lowercase());
    let words = words(&lower);
    // The verb a title opens with governs what is counted: "Publish …" counts, "Increase …"
    // moves a level, whatever the rest of the sentence names.
    match words.first() {
        Some(w) if LEVEL_VERBS.iter().any(|v| is_form_of(w, v)) => return false,
        Some(w) if is_making(w) => return !lower.contains('%'),
        _ => {}
    }
    if lower.contains('%') || LEVEL_PHRASES.iter().any(|p| lower.contains(p)) {
        return false;
    }
    // "customers are running …", "teams running …": a state, not things made
    let bare_participle = words.get(1).is_some_and(|w| w.ends_with("ing"))
        && words.first().is_some_and(|w| !is_making(w));
    let progressive = bare_participle
        || words.windows(2).any(|pair| {
        matches!(pair, [be, verb] if matches!(be.as_str(), "are" | "is" | "be") && verb.ends_with("ing"))
    });
    if progressive || words.iter().any(|w| LEVEL_WORDS.contains(&w.as_str())) {
        return false;
    }
    words
        .iter()
        .any(|w| NEW_WORDS.contains(&w.as_str()) || is_making(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verb_forms_match_and_nouns_do_not() {
        for (word, verb) in [
            ("certify", "certify"),
            ("certified", "certify"),
            ("certifies", "certify"),
            ("certifying", "certify"),
            ("publishes", "publish"),
            ("hired", "hire"),
            ("hiring", "hire"),
            ("shipped", "ship"),
            ("running", "run"),
            ("closes", "close"),
        ] {
            assert!(is_form_of(word, verb), "{word} is a form of {verb}");
        }
        for (word, verb) in [
            ("certifications", "certify"),
            ("trainers", "train"),
            ("shipment", "ship"),
            ("runway", "run"),
            ("closure", "close"),
        ] {
            assert!(!is_form_of(word, verb), "{word} is not a form of {verb}");
        }
    }
}
