//! `vague-title`: a title built on vague wording with no number in it.

use super::{Check, Rule, RuleContext};
use crate::diagnostic::Severity;
use crate::model::Framework;
use crate::span::Sp;

/// Vague words, matched as whole words, case-insensitively. Kept to the contract's list and its
/// inflections: each addition risks flagging a good title.
const WORDS: &[&str] = &[
    "improve",
    "improves",
    "improved",
    "improving",
    "improvement",
    "improvements",
    "enhance",
    "enhances",
    "enhanced",
    "enhancing",
    "enhancement",
    "enhancements",
    "better",
    "foster",
    "fosters",
    "fostered",
    "fostering",
    "boost",
    "boosts",
    "boosted",
    "boosting",
    "optimize",
    "optimizes",
    "optimized",
    "optimizing",
    "optimization",
    "optimise",
    "optimises",
    "optimised",
    "optimising",
    "optimisation",
    "maximize",
    "maximizes",
    "maximise",
    "maximises",
];

/// Vague phrases, matched as whole-word sequences.
const PHRASES: &[&str] = &[
    "world-class",
    "world class",
    "as much as possible",
    "as soon as possible",
    "best-in-class",
];

pub static RULE: Rule = Rule {
    name: "vague-title",
    structural: false,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a title built on vague wording with no number in it",
    doc: r#"# vague-title

## What it does
Reports a goal title (except the objective of an `okr` goal, which is meant to be qualitative)
or a metric title that contains vague wording and no digit. The vague words, matched as whole
words in any case: improve, improves, improved, improving, improvement(s); enhance, enhances,
enhanced, enhancing, enhancement(s); better; foster, fosters, fostered, fostering; boost,
boosts, boosted, boosting; optimize, optimizes, optimized, optimizing, optimization (and the
British -ise spellings); maximize, maximizes, maximise, maximises. The vague phrases:
"world-class", "world class", "as much as possible", "as soon as possible", "best-in-class".
A title with any digit in it ("Improve NPS from 31 to 45") is not vague.

## Why
"Do your best" goals lead to lower performance than specific ones (Locke & Latham, 1990), and
Doran's S.M.A.R.T. criteria (1981) start with *specific*. "Improve onboarding" can be met by any
change at all, so nobody can tell whether it was met. A number in the title is the cheapest
cure: it says how much, or by when.

## Example
```toml
[goals.onboarding]
title = "Improve the onboarding experience"
```

## How to fix
Say what changes and by how much: "Cut time to first merged change for new engineers from 12
to 5 days by June". Turn it off with `vague-title = "off"` in goalc.toml if your titles are
deliberately qualitative and the numbers live in the metrics.
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

/// The vague word or phrase of `title`, if it has one and no digit.
pub(crate) fn vague_wording(title: &str) -> Option<&'static str> {
    if title.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(word) = WORDS
        .iter()
        .find(|w| words.iter().any(|x| x.trim_matches('-') == **w))
    {
        return Some(word);
    }
    // Phrases: compare against the words joined by single spaces, padded to match whole words.
    let joined = format!(" {} ", words.join(" "));
    PHRASES
        .iter()
        .copied()
        .find(|p| joined.contains(&format!(" {p} ")))
}

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    for (id, goal) in ws.goal_ids() {
        if goal.framework.value != Framework::Okr
            && let Some(title) = &goal.title
        {
            report(ctx, id, goal.file, title, "goal title");
        }
        for &m in &goal.metrics {
            let metric = ws.metric(m);
            if let Some(title) = &metric.title {
                report(ctx, id, metric.file, title, "metric title");
            }
        }
    }
}

fn report(
    ctx: &mut RuleContext<'_>,
    goal: crate::workspace::GoalId,
    file: crate::source::FileId,
    title: &Sp<String>,
    what: &str,
) {
    let Some(word) = vague_wording(&title.value) else {
        return;
    };
    let d = ctx
        .finding(file, title.span, format!("{what} rests on the vague \"{word}\" and names no number"))
        .with_goal(ctx.ws.goal(goal).id.value.clone())
        .with_label(format!("\"{word}\" by how much?"))
        .with_help("say what changes and by how much or by when, e.g. \"Cut onboarding from 12 to 5 days by June\"");
    ctx.report(d);
}

#[cfg(test)]
mod tests {
    use super::vague_wording;

    #[test]
    fn matches_whole_words_only_and_numbers_excuse() {
        assert_eq!(vague_wording("Improve onboarding"), Some("improve"));
        assert_eq!(vague_wording("A world-class academy"), Some("world-class"));
        assert_eq!(
            vague_wording("Sell as much as possible"),
            Some("as much as possible")
        );
        assert_eq!(vague_wording("Better, faster reviews"), Some("better"));
        assert_eq!(vague_wording("Improve NPS from 31 to 45"), None);
        assert_eq!(vague_wording("Betterment of tooling"), None);
        assert_eq!(vague_wording("Bootstrap the boosting-free pipeline"), None);
        assert_eq!(vague_wording("Certify trainers in every department"), None);
    }
}
