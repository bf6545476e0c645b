//! `activity-metric`: a metric that counts an activity rather than an outcome.

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::MetricKind;
use crate::progress::is_form_of;

/// Activity verbs, matched in any verb form ("runs", "held", "rolling out").
const VERBS: &[&str] = &[
    "launch", "hold", "run", "create", "deliver", "complete", "organize", "organise", "conduct",
    "write", "attend", "host", "develop", "produce", "publish", "roll out",
];

/// Past forms of the verbs above that do not start with their stem.
const IRREGULAR_ACTIVITY: &[&str] = &["held", "ran", "wrote", "written"];

/// Verbs that, ahead of an activity verb, say the metric moves a level ("Reduce time to
/// complete …"): the activity verb does not govern what is counted.
const LEVEL_VERBS: &[&str] = &[
    "increase", "grow", "raise", "improve", "reduce", "decrease", "lower", "cut", "reach",
    "maintain", "keep", "achieve",
];

/// What an outcome is counted in, when it heads what the verb counts: an activity verb ahead
/// of these names how, not what ("deliver 40 qualified leads to sales").
const OUTCOMES: &[&str] = &[
    "lead",
    "leads",
    "mql",
    "mqls",
    "sql",
    "sqls",
    "opportunity",
    "opportunities",
    "pipeline",
    "revenue",
    "arr",
    "mrr",
    "customer",
    "customers",
    "user",
    "users",
    "signup",
    "signups",
    "subscriber",
    "subscribers",
    "adoption",
    "retention",
    "conversion",
    "deal",
    "deals",
    "logo",
    "logos",
    "sale",
    "sales",
    "booking",
    "bookings",
    "renewal",
    "renewals",
    "certification",
    "certifications",
    "members",
    "hires",
    "attendees",
    "participants",
];

/// Words that judge the result wherever they appear: "a workshop rated 4.5", "4 of 5 stars".
const JUDGED: &[&str] = &[
    "rated",
    "rating",
    "ratings",
    "stars",
    "score",
    "scored",
    "satisfaction",
    "satisfied",
    "nps",
    "csat",
    "%",
    "percent",
    "certified",
    "proficient",
    "promoted",
    "retained",
];

/// Words after which a noun heads its phrase.
const BOUNDARY: &[&str] = &[
    "to", "for", "from", "by", "in", "on", "at", "with", "per", "of", "that", "who", "which",
    "across", "via", "within", "through", "into", "over", "during", "before", "after", "each",
];

/// Words before a verb form that make it a noun, an adjective or a state: "code of conduct",
/// "have completed", "a launch".
const NOT_A_VERB_AFTER: &[&str] = &[
    "of", "the", "a", "an", "this", "that", "our", "their", "its", "his", "her", "have", "has",
    "had", "are", "is", "was", "were", "been", "be", "being", "who", "which", "whom",
];

/// The words of a title, hyphenated ones joined ("sign-ups" is "signups").
fn words(text: &str) -> Vec<String> {
    text.replace('-', "")
        .split(|c: char| !(c.is_alphanumeric() || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A verb form that reads as a participle in the middle of a title ("MQLs delivered to
/// sales", "engineers holding the certificate"): a state, not the activity counted.
fn is_participle(word: &str) -> bool {
    word.ends_with("ed")
        || word.ends_with("ing")
        || matches!(word, "held" | "run" | "written" | "built" | "done")
}

/// Whether what follows the verb is an outcome: a judged word anywhere, or an outcome noun that
/// heads its phrase (not "user tests", where it only qualifies).
fn counts_an_outcome(rest: &[String]) -> bool {
    rest.iter().enumerate().any(|(j, w)| {
        JUDGED.contains(&w.as_str())
            || (OUTCOMES.contains(&w.as_str())
                && rest
                    .get(j + 1)
                    .is_none_or(|next| BOUNDARY.contains(&next.as_str())))
    })
}

/// The activity verb that governs what the title counts, if any: the first one used as a verb,
/// unless a level verb comes before it or what it counts is an outcome.
fn activity_verb(title: &str, unit: Option<&str>) -> Option<&'static str> {
    // Every title of the workspace comes through here: most name none of the verbs, which a
    // pass over its words in place (a prefix compare each) tells without building them.
    let mentions_a_verb = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 3)
        .any(|w| {
            let starts = |stem: &str| {
                w.len() >= stem.len()
                    && w.as_bytes()
                        .get(..stem.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(stem.as_bytes()))
            };
            VERBS.iter().any(|v| {
                let head = v.split(' ').next().unwrap_or(v);
                starts(head.trim_end_matches('e'))
            }) || IRREGULAR_ACTIVITY.iter().any(|i| w.eq_ignore_ascii_case(i))
        });
    if !mentions_a_verb {
        return None;
    }
    // the unit names what is counted; its last word heads it ("user tests" are tests)
    if unit.is_some_and(|u| {
        let unit = words(u);
        unit.iter().any(|w| JUDGED.contains(&w.as_str()))
            || unit.last().is_some_and(|w| OUTCOMES.contains(&w.as_str()))
    }) {
        return None;
    }
    let lower = title.to_lowercase();
    if lower.contains("there are") || lower.contains("there is") {
        return None;
    }
    let words = words(&lower);
    for (i, word) in words.iter().enumerate() {
        if LEVEL_VERBS.iter().any(|v| is_form_of(word, v)) {
            return None;
        }
        let verb = VERBS.iter().find(|v| match v.split_once(' ') {
            Some((head, tail)) => {
                is_form_of(word, head) && words.get(i + 1).is_some_and(|w| w == tail)
            }
            None => is_form_of(word, v),
        });
        let Some(verb) = verb else { continue };
        let before = i.checked_sub(1).and_then(|p| words.get(p));
        if before.is_some_and(|b| NOT_A_VERB_AFTER.contains(&b.as_str()))
            || (i > 0 && is_participle(word))
        {
            continue;
        }
        let rest = words.get(i + 1..).unwrap_or_default();
        return (!counts_an_outcome(rest)).then_some(*verb);
    }
    None
}

pub(super) static RULE: Rule = Rule {
    id: RuleId::ActivityMetric,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric counts an activity rather than an outcome",
    doc: r#"# activity-metric

## What it does
Reports a number metric that measures doing rather than achieving: an activity verb (launch,
hold, run, create, deliver, complete, organize/organise, conduct, write, attend, host, develop,
produce, publish, roll out — in any form, and
anywhere in the title) governs what it counts ("Roll out four training modules", "Each team runs
two workshops"), or it is a done/not-done switch (baseline 0, target 1).

It stays silent when what the verb counts is an outcome: leads, opportunities, pipeline,
customers, users, sign-ups, deals, revenue, a rating or score, a share (`%`), people certified —
in the title after the verb or in the unit ("deliver 40 qualified leads to sales" counts leads;
"hold a workshop rated 4.5" counts the rating). A verb of level ahead of it ("Reduce the time to
complete onboarding") means it does not govern the count. A deliverable is never reported: it is
an output by definition, and `deliverables-only` says when a goal has nothing else.

## Why
OKR practice (Grove; Doerr, *Measure What Matters*) separates key results, which measure
outcomes, from the tasks that produce them: "run 12 workshops" can be met while nobody learns
anything. A 0 → 1 metric is a milestone in disguise: progress jumps from nothing to everything,
so pace and forecasts mean nothing.

## Example
```toml
[goals.erp-fluency.metrics.workshops]
title = "Run ERP workshops for every department"
unit = "count"
baseline = 0
target = 12
```

## How to fix
Measure what the activity is for: "Staff certified at advanced ERP level", "Support tickets
about the ERP per week". Keep the activities as the plan of work, not as the metric. For a
one-off deliverable, use a mastery milestone or a micro goal with a measurable outcome.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        if metric.kind != MetricKind::Number {
            continue;
        }
        let unit = metric.unit.as_ref().map(|u| u.value.as_str());
        let verb = metric
            .title
            .as_ref()
            .and_then(|t| activity_verb(&t.value, unit).map(|v| (t, v)));
        let switch = match (&metric.baseline, &metric.target) {
            (Some(b), Some(t)) if b.value == 0.0 && t.value == 1.0 => Some(t),
            _ => None,
        };
        let d = match (verb, switch) {
            (Some((title, verb)), _) => {
                let also = if switch.is_some() { ", and it only goes from 0 to 1" } else { "" };
                ctx.metric_finding(metric, title.span, format!("metric `{}` counts an activity (\"{verb} ...\") rather than an outcome{also}", ctx.ws.key(metric)))
                    .with_label("an activity")
            }
            (None, Some(target)) => ctx
                .metric_finding(metric, target.span, format!("metric `{}` goes from 0 to 1: a done/not-done switch, not a measure of outcome", ctx.ws.key(metric)))
                .with_label("0 → 1"),
            (None, None) => continue,
        };
        let d = d.with_help("measure the outcome the activity is for, e.g. staff certified or tickets per week, not sessions held");
        ctx.report(d);
    }
}
