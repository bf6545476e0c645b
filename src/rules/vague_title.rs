//! `vague-title`: a title built on vague wording with no number in it.

use super::{Check, Rule, RuleContext};
use crate::base::span::Sp;
use crate::base::text::Text;
use crate::catalog::RuleId;
use crate::diagnostic::Severity;
use crate::model::Framework;
use crate::source::FileId;
use crate::workspace::{GoalId, Metric, Workspace};

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

pub(super) static RULE: Rule = Rule {
    id: RuleId::VagueTitle,
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
A title with any digit in it ("Improve NPS from 31 to 45") is not vague. The finding names the
title's first vague word or, when it has none, its first vague phrase.

A number written as a word counts as a number ("one", "two" … "twenty", "hundred", "half",
"twice", "double", "all", "every"): "Make at least one improvement to onboarding" is specific. The
rule is silent on a goal title when one of the goal's metrics has a target, and on a metric title
when that metric has a target (or a range its bounds): the amount is given there.

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

/// The words of a title: runs of letters, digits, `-` and `'`. Titles are nearly always ASCII,
/// which is split byte by byte; others char by char.
#[derive(Clone)]
struct Words<'a> {
    rest: &'a str,
    ascii: bool,
}

fn words(title: &str) -> Words<'_> {
    Words {
        rest: title,
        ascii: title.is_ascii(),
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\''
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (start, end) = if self.ascii {
            let bytes = self.rest.as_bytes();
            let word = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'\'';
            let start = bytes.iter().position(word)?;
            let len = bytes.get(start..)?.iter().position(|b| !word(b));
            (start, len.map_or(bytes.len(), |l| start + l))
        } else {
            let start = self.rest.find(is_word_char)?;
            let len = self.rest.get(start..)?.find(|c| !is_word_char(c));
            (start, len.map_or(self.rest.len(), |l| start + l))
        };
        let word = self.rest.get(start..end)?;
        self.rest = self.rest.get(end..).unwrap_or_default();
        Some(word)
    }
}

/// Case-insensitive equality with a lowercase ASCII word. A title word that only matches
/// after Unicode lowercasing (a Kelvin sign for `k`) is not one of these English words anyway.
fn same_word(word: &str, lower: &str) -> bool {
    word.len() == lower.len() && word.eq_ignore_ascii_case(lower)
}

/// The vague word or phrase of `title`, if it has one and no digit. Runs on every title of the
/// workspace, so it compares in place instead of building lowercased copies.
pub(crate) fn vague_wording(title: &str) -> Option<&'static str> {
    if title.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // One pass: a vague word anywhere wins (the first one); otherwise the first phrase, tried
    // only where a word starts like one of them.
    let mut phrase = None;
    let mut vague = None;
    let mut rest = words(title);
    while let Some(word) = rest.clone().next() {
        let bare = word.trim_matches('-');
        // a number written out is a number
        if (2..=9).contains(&bare.len()) && NUMBER_WORDS.iter().any(|w| same_word(bare, w)) {
            return None;
        }
        // Every vague word is 5 to 12 ASCII letters: most words are ruled out by length.
        if vague.is_none()
            && (5..=12).contains(&bare.len())
            && let Some(found) = WORDS.iter().find(|w| same_word(bare, w))
        {
            vague = Some(*found);
        }
        if phrase.is_none()
            && word
                .bytes()
                .next()
                .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'a' | b'b' | b'w'))
        {
            phrase = PHRASES.iter().copied().find(|p| {
                let mut at = rest.clone();
                p.split(' ')
                    .all(|part| at.next().is_some_and(|w| same_word(w, part)))
            });
        }
        rest.next();
    }
    vague.or(phrase)
}

/// Numbers written as words: "one improvement", "half the staff", "all new hires".
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "dozen",
    "half",
    "twice",
    "thrice",
    "double",
    "triple",
    "all",
    "every",
];

/// The amount is given when a target is: a number metric's target, a range's bounds.
fn has_target(metric: &Metric) -> bool {
    metric.target.is_some() || metric.min().is_some() || metric.max().is_some()
}

/// A vague title: goal, file, title, what it titles, the vague wording, the metric it titles.
type Hit<'a> = (
    GoalId,
    FileId,
    &'a Sp<Text>,
    &'static str,
    &'static str,
    Option<&'a Metric>,
);

/// The vague titles of a goal and of its metrics.
fn vague_titles(ws: &Workspace, id: GoalId) -> impl Iterator<Item = Hit<'_>> {
    let goal = ws.goal(id);
    // a goal whose metrics give an amount says by how much
    let amount_given = goal.metrics.iter().any(|&m| has_target(ws.metric(m)));
    let own = (goal.framework.value != Framework::Okr && !amount_given)
        .then_some(goal.title.as_ref())
        .flatten()
        .map(|t| (goal.file, t, "goal title", None));
    let metrics = goal.metrics.iter().filter_map(move |&m| {
        let metric = ws.metric(m);
        if has_target(metric) {
            return None;
        }
        metric
            .title
            .as_ref()
            .map(|t| (metric.file, t, "metric title", Some(metric)))
    });
    own.into_iter()
        .chain(metrics)
        .filter_map(move |(file, title, what, metric)| {
            vague_wording(&title.value).map(|word| (id, file, title, what, word, metric))
        })
}

fn check(ctx: &mut RuleContext<'_>) {
    use rayon::prelude::*;
    let ws = ctx.ws;
    // Reading every title is this rule's work and the slowest of all rules on a large
    // workspace: it is spread over the cores, the (rare) findings made in order afterwards.
    let found: Vec<_> = (0..ws.goals.len())
        .into_par_iter()
        .with_min_len(1024)
        .flat_map_iter(|i| vague_titles(ws, GoalId(i as u32)))
        .collect();
    for (goal, file, title, what, word, metric) in found {
        let mut d = ctx
            .finding(
                file,
                title.span,
                format!("{what} rests on the vague \"{word}\" and names no number"),
            )
            .with_goal(ws.goal(goal).id.value.clone());
        if let Some(m) = metric {
            d = d.with_metric(ws.key(m).to_string());
        }
        let d = d
            .with_label(format!("\"{word}\" by how much?"))
            .with_help("say what changes and by how much or by when, e.g. \"Cut onboarding from 12 to 5 days by June\"");
        ctx.report(d);
    }
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
        assert_eq!(vague_wording("IMPROVE-- the flow"), Some("improve"));
        assert_eq!(vague_wording("Ship it as soon as"), None);
        assert_eq!(
            vague_wording("Ship, as soon  as Possible!"),
            Some("as soon as possible")
        );
        assert_eq!(vague_wording("A World Class team"), Some("world class"));
        assert_eq!(
            vague_wording("Best-in-class support"),
            Some("best-in-class")
        );
    }
}
