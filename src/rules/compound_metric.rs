//! `compound-metric`: a metric title that sets two or more targets.
//!
//! A title is read as clauses joined by "and", "&", ";" or ", "; a clause sets a target when
//! it holds a number tied to something counted (a unit, a following noun, or "to/at/above/…
//! N" after what is measured). Numbers that are not targets are set aside first: dates and
//! years, ranges and fractions ("8–9", "2 of 3"), ratios and versions ("1:1", "3.12"), labels
//! ("Top 3", "level 4"), baselines ("from 12 %"), time frames ("within 30 days") and rates'
//! denominators ("per 100 staff").
//! (Over 500 lines: most of it is the test titles that must fire and must stay silent.)

use super::{Check, Rule, RuleContext};
use crate::catalog::RuleId;
use crate::diagnostic::Severity;

pub(super) static RULE: Rule = Rule {
    id: RuleId::CompoundMetric,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "a metric title sets two or more targets",
    doc: r#"# compound-metric

## What it does
Reports a metric whose title sets two or more targets, such as "Close 2 Tier-1 deals and get 10
new logos". goalc reads the title as clauses joined by "and", "&", ";" or a comma, and reports
the metric when at least two clauses each hold a number tied to its own object:

- a number with a unit or a currency (`90 %`, `$2M`, `3x`), or
- a number followed by what it counts (`2 deals`, `10 new logos`, `4 case studies`), or
- a number after "to", "at", "above", "below", "under", "over", "of", "by", "≥" … that follows
  what is measured (`NPS to 45`, `churn below 5 %`).

Numbers that set no target of their own are not counted: dates and years (`by 30 June`,
`June 2026`, `2026-03-31`, `Q3`), ranges and fractions (`8–9`, `between 8 and 9`, `2 of 3`,
`1 in 5`), ratios and versions (`1:1`, `24/7`, `3.12`, `v2`), labels (`Top 3`, `Tier 1`,
`level 4`, `phase 2`, ordinals), a starting value (`from 12 %`), a time frame (`within 30
days`, `every 2 weeks`), a rate's denominator (`per 100 staff`), and anything in parentheses.
A clause that only qualifies the one before ("…, each rated 4.5", "…, a 25 % increase", "…, up
from 120", "at least 3 and at most 5") is part of it. A single target with a start, a range or
a date ("from 12 % to 90 %", "90 % of staff by June 2026") is one target.

## Why
A metric is one number that moves. A title with two targets cannot have one baseline, one
target and one unit: its progress is a guess at how the two combine, and half of it can be
met while the other half fails unseen. Real OKR sets write such key results often ("and" is
the most common word in key results that cannot be scored).

## Example
```toml
[goals.enterprise.metrics.deals]
title = "Close 2 Tier-1 deals and get 10 new logos"
unit = "deals"
baseline = 0
target = 2
```

## How to fix
Split it: one metric per target ("Tier-1 deals closed", target 2; "New logos", target 10), each
with its own unit and target. If one number is only a condition on the other, say so in one
clause ("Tier-1 deals closed, each worth at least $100k").
"#,
    thresholds: &[],
    check: Check::Workspace(check),
};

fn check(ctx: &mut RuleContext<'_>) {
    for metric in &ctx.ws.metrics {
        let Some(title) = &metric.title else { continue };
        let targets = targets(title.value.as_str());
        if targets.len() < 2 {
            continue;
        }
        let quoted: Vec<String> = targets.iter().map(|t| format!("\"{t}\"")).collect();
        let d = ctx
            .metric_finding(
                metric,
                title.span,
                format!(
                    "metric `{}` sets {} targets in one title: {}",
                    ctx.ws.key(metric),
                    targets.len(),
                    quoted.join(", ")
                ),
            )
            .with_label("more than one target")
            .with_help("split it into one metric per target, each with its own unit and target");
        ctx.report(d);
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    /// "and", "&", ";" or a comma between clauses.
    Joiner,
    /// A number that may be a target; `marked` when it carries a unit or currency.
    Number {
        value: f64,
        integer: bool,
        marked: bool,
    },
    /// A number that is never a target on its own (date, ratio, version, ordinal, modifier).
    Inert,
    Word,
}

struct Token {
    text: String,
    /// Lowercased, for comparisons.
    lower: String,
    kind: Kind,
}

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Words before a number that make it a name rather than an amount ("Top 3", "level 4").
const LABELS: &[&str] = &[
    "top",
    "tier",
    "level",
    "lvl",
    "phase",
    "step",
    "wave",
    "round",
    "version",
    "ver",
    "v",
    "release",
    "sprint",
    "week",
    "day",
    "grade",
    "page",
    "chapter",
    "module",
    "no",
    "nr",
    "number",
    "#",
    "iso",
    "gen",
    "generation",
    "series",
    "stage",
    "part",
    "section",
    "rank",
    "ranked",
    "item",
    "cohort",
    "batch",
    "floor",
    "article",
    "clause",
    "kr",
    "objective",
    "class",
    "category",
    "type",
    "priority",
    "severity",
    "sev",
    "band",
    "fy",
    "year",
    "quarter",
    "month",
    "python",
    "java",
    "node",
    "ios",
    "android",
    "windows",
    "web",
    "industry",
    "covid",
    "room",
    "building",
    "route",
    "unit",
];

/// Words before a number that start a time frame when a time unit follows ("within 30 days").
const FRAME: &[&str] = &[
    "in", "within", "over", "for", "every", "after", "during", "across", "next", "first", "last",
    "past",
];

const TIME_UNITS: &[&str] = &[
    "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years",
    "hour", "hours", "minute", "minutes", "sprint", "sprints", "business", "working",
];

/// Words before a number that make it something other than a target (a baseline, a rate's
/// denominator).
const NOT_TARGET: &[&str] = &[
    "from", "since", "per", "each", "every", "vs", "versus", "was",
];

/// Words before a number that tie it to what precedes them ("NPS to 45", "churn below 5").
const TIES: &[&str] = &[
    "to",
    "at",
    "above",
    "below",
    "under",
    "over",
    "least",
    "most",
    "than",
    "reach",
    "reaching",
    "hit",
    "by",
    "of",
    "beyond",
    "exceed",
    "exceeding",
    "≥",
    "≤",
    ">",
    "<",
    ">=",
    "<=",
    "=",
    "min",
    "max",
    "minimum",
    "maximum",
];

/// Words that carry no object: skipped when looking for what a number counts.
const STOP: &[&str] = &[
    // "2026 onwards" is a year, not 2,026 of something
    "onwards",
    "onward",
    "the",
    "a",
    "an",
    "of",
    "to",
    "by",
    "in",
    "on",
    "at",
    "per",
    "for",
    "from",
    "and",
    "or",
    "with",
    "than",
    "more",
    "less",
    "fewer",
    "least",
    "most",
    "over",
    "under",
    "above",
    "below",
    "into",
    "within",
    "across",
    "during",
    "each",
    "every",
    "all",
    "our",
    "their",
    "its",
    "his",
    "her",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "be",
    "it",
    "them",
    "times",
    "out",
    "up",
    "down",
    "until",
    "till",
    "before",
    "after",
    "since",
    "through",
    "via",
    "as",
    "so",
    "if",
    "when",
    "then",
    "also",
    "still",
    "about",
    "around",
    "approximately",
];

/// Words between a number and what it counts ("3 or more new posts").
const BETWEEN: &[&str] = &[
    "or",
    "more",
    "less",
    "fewer",
    "+",
    "new",
    "additional",
    "extra",
    "than",
];

/// A clause starting with one of these qualifies the clause before it rather than setting a
/// target of its own ("…, each rated 4.5", "…, a 25 % increase", "…, up from 120").
const QUALIFIERS: &[&str] = &[
    "each",
    "every",
    "with",
    "per",
    "where",
    "which",
    "who",
    "including",
    "incl",
    "excluding",
    "rated",
    "measured",
    "scoring",
    "averaging",
    "e.g",
    "eg",
    "i.e",
    "ie",
    "such",
    "like",
    "a",
    "an",
    "up",
    "down",
    "roughly",
    "about",
    "approximately",
    "around",
    "equal",
    "equivalent",
    "representing",
    "or",
    "that",
    "so",
    "than",
    "vs",
    "versus",
    "compared",
    "against",
    "twice",
    "double",
    "half",
    "from",
    "i.e.",
    "e.g.",
    "of",
    "out",
    "on",
    "in",
    "by",
    "at",
    "within",
    "across",
    "during",
    "for",
    "over",
    "under",
    "above",
    "below",
    "excl",
    "plus",
    "then",
    "while",
    "without",
    "both",
    "all",
];

/// Phrases that close a range opened by the clause before ("at least 3 and at most 5 …").
const BOUNDS: &[&[&str]] = &[
    &["at", "most"],
    &["at", "least"],
    &["no", "more"],
    &["not", "more"],
    &["no", "fewer"],
    &["no", "less"],
    &["up", "to"],
    &["max"],
    &["maximum"],
    &["min"],
    &["minimum"],
];

const NUMBER_WORDS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("fifteen", 15.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

fn is(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// The clauses of `title` that each set a target, as written (for the message).
pub(crate) fn targets(title: &str) -> Vec<String> {
    let tokens = tokenize(title);
    let clauses = clauses(&tokens);
    clauses
        .iter()
        .filter(|c| c.iter().enumerate().any(|(i, _)| is_target(c, i)))
        .map(|c| {
            c.iter()
                .filter(|t| t.kind != Kind::Joiner)
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn tokenize(title: &str) -> Vec<Token> {
    // Parentheses hold breakdowns and asides ("(10 per region)"), not targets of their own.
    let mut depth = 0usize;
    let text: String = title
        .chars()
        .map(|c| match c {
            '(' | '[' => {
                depth += 1;
                ' '
            }
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                ' '
            }
            _ if depth > 0 => ' ',
            _ => c,
        })
        .collect();
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let mut word = raw.trim_start_matches(['"', '\'', '“', '‘', '*', '_']);
        let mut trailing = Vec::new();
        while let Some(last) = word.chars().last() {
            if matches!(
                last,
                ',' | ';' | ':' | '.' | '!' | '?' | '"' | '\'' | '”' | '’' | '*' | '_'
            ) {
                trailing.push(last);
                word = word.strip_suffix(last).unwrap_or_default();
            } else {
                break;
            }
        }
        if !word.is_empty() {
            out.push(token(word));
        }
        // A comma or semicolon ending a word separates clauses; inside a number it does not.
        if trailing.iter().any(|&c| c == ',' || c == ';') {
            out.push(Token {
                text: ",".into(),
                lower: ",".into(),
                kind: Kind::Joiner,
            });
        }
    }
    out
}

fn token(word: &str) -> Token {
    let lower = word.to_lowercase();
    // `,` and `;` never reach here: `tokenize` makes them joiners of their own.
    let kind = if lower == "and" || lower == "&" {
        Kind::Joiner
    } else if let Some(&(_, value)) = NUMBER_WORDS.iter().find(|(w, _)| *w == lower) {
        Kind::Number {
            value,
            integer: true,
            marked: false,
        }
    } else {
        number(&lower)
    };
    Token {
        text: word.to_string(),
        lower,
        kind,
    }
}

/// Reads a token that starts (after signs and currency) with a digit.
fn number(word: &str) -> Kind {
    let unsigned = word.trim_start_matches(['~', '≈', '+', '−', '-', '≥', '≤', '>', '<', '=']);
    let core = unsigned.trim_start_matches(['$', '€', '£', '¥']);
    let currency = core.len() != unsigned.len();
    if !core.starts_with(|c: char| c.is_ascii_digit()) {
        return Kind::Word;
    }
    if core.contains(':') || core.contains('/') {
        // "1:1", "24/7", "15/03", "4.5/5": ratios, schedules and dates
        return Kind::Inert;
    }
    let parts: Vec<&str> = core.split(['-', '–', '—']).collect();
    if parts.len() > 1 {
        let numeric = parts.iter().all(|p| {
            !p.is_empty()
                && p.trim_end_matches(['%', 'k', 'm'])
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        });
        // "2026-03-31" and "2026-27" are dates; "3-day" is a modifier; "8-9" is one range
        let dated = parts.first().is_some_and(|p| p.len() == 4);
        return if numeric && !dated {
            Kind::Number {
                value: 0.0,
                integer: false,
                marked: currency || core.contains('%'),
            }
        } else {
            Kind::Inert
        };
    }
    let digits_end = core
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(core.len());
    let (digits, suffix) = core.split_at(digits_end);
    let digits = digits.trim_end_matches(['.', ',']);
    if digits.matches('.').count() > 1 {
        return Kind::Inert; // a version: 3.12.1
    }
    let marked = currency
        || match suffix {
            "" | "+" => false,
            "%" | "k" | "m" | "bn" | "b" | "x" | "×" | "pp" | "pts" | "k+" | "m+" | "%+" => true,
            _ => return Kind::Inert, // ordinals, "5g", "4hana", "2fa"
        };
    let plain = digits.replace(',', "");
    let Ok(value) = plain.parse::<f64>() else {
        return Kind::Inert;
    };
    Kind::Number {
        value,
        integer: !digits.contains('.') && !digits.contains(','),
        marked,
    }
}

fn is_number(t: Option<&Token>) -> bool {
    matches!(t.map(|t| t.kind), Some(Kind::Number { .. }))
}

fn is_month(t: Option<&Token>) -> bool {
    t.is_some_and(|t| is(MONTHS, &t.lower))
}

fn is_content(t: &Token) -> bool {
    t.kind == Kind::Word
        && t.lower.starts_with(|c: char| c.is_alphabetic())
        && !is(STOP, &t.lower)
        && !is(MONTHS, &t.lower)
}

/// Splits the tokens into clauses at joiners, keeping together what is one target.
fn clauses(tokens: &[Token]) -> Vec<Vec<&Token>> {
    let mut clauses: Vec<Vec<&Token>> = vec![Vec::new()];
    for (i, t) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
        // "8 and 9", "2026 and 2027", "modules 1, 2 and 3", "on June 3 and 10": values of one
        // thing; but not the day of a date and a count of something ("by March 31 and 10
        // coaches by June 30")
        let dated = i.checked_sub(2).is_some_and(|p| is_month(tokens.get(p)))
            && tokens.get(i + 2).is_some_and(is_content);
        let between_numbers =
            t.kind == Kind::Joiner && is_number(prev) && !dated && is_number(tokens.get(i + 1));
        if t.kind == Kind::Joiner && !between_numbers {
            clauses.push(vec![t]);
        } else if let Some(last) = clauses.last_mut() {
            last.push(t);
        }
    }
    let mut merged: Vec<Vec<&Token>> = Vec::new();
    for clause in clauses {
        let words: Vec<&str> = clause
            .iter()
            .filter(|t| t.kind != Kind::Joiner)
            .map(|t| t.lower.as_str())
            .collect();
        let bound = BOUNDS.iter().any(|b| words.starts_with(b));
        // "…, at least 10 accounts" opens a target of its own unless it closes a range
        let qualifies = !bound && words.first().is_some_and(|w| is(QUALIFIERS, w));
        let after_open_number = merged.last().is_some_and(|prev| {
            prev.iter()
                .rev()
                .find(|t| t.kind != Kind::Joiner)
                .is_some_and(|t| matches!(t.kind, Kind::Number { .. }))
        });
        match merged.last_mut() {
            Some(prev) if qualifies || (bound && after_open_number) || words.is_empty() => {
                prev.extend(clause);
            }
            _ => merged.push(clause),
        }
    }
    merged
}

/// Whether the token at `i` of `clause` is a number that sets a target.
fn is_target(clause: &[&Token], i: usize) -> bool {
    let at = |j: Option<usize>| j.and_then(|j| clause.get(j)).copied();
    let Some(t) = at(Some(i)) else { return false };
    let Kind::Number {
        value,
        integer,
        marked,
    } = t.kind
    else {
        return false;
    };
    let prev = at(i.checked_sub(1));
    let prev2 = at(i.checked_sub(2));
    let prev3 = at(i.checked_sub(3));
    let next = at(Some(i + 1));
    let prev_word = prev.map_or("", |p| p.lower.as_str());
    if is(LABELS, prev_word) || is(NOT_TARGET, prev_word) {
        return false;
    }
    if is_month(prev) || is_month(next) {
        return false;
    }
    let year = integer && !marked && (1900.0..=2100.0).contains(&value);
    if year && !next.is_some_and(is_content) {
        return false;
    }
    if is(FRAME, prev_word) && next.is_some_and(|n| is(TIME_UNITS, &n.lower)) {
        return false;
    }
    // the denominator of "2 of 3", "1 in 5", "5 out of the 12"
    let denominator = match (prev_word, prev2.map(|p| p.lower.as_str())) {
        ("of" | "in", _) if is_number(prev2) => true,
        ("of", Some("out")) if is_number(prev3) => true,
        (_, Some("of")) if is_number(prev3) && is(&["the", "our", "all"], prev_word) => true,
        _ => false,
    };
    if denominator {
        return false;
    }
    if t.lower == "one"
        && (next.is_some_and(|n| n.lower == "of")
            || is(&["no", "any", "every", "each", "the"], prev_word))
    {
        return false;
    }
    if marked || next.is_some_and(|n| is(&["%", "percent", "pp", "points", "percentage"], &n.lower))
    {
        return true;
    }
    // What follows: "2 deals", "3 or more new posts", "2 of 3 assessments"
    let mut j = i + 1;
    while let Some(n) = at(Some(j)) {
        if is(BETWEEN, &n.lower) {
            j += 1;
        } else if (n.lower == "of" || n.lower == "out") && is_number(at(Some(j + 1))) {
            j += 2;
        } else if n.lower == "out" && at(Some(j + 1)).is_some_and(|o| o.lower == "of") {
            j += 3;
        } else if n.lower == "of"
            && at(Some(j + 1)).is_some_and(|d| is(&["the", "our", "all"], &d.lower))
            && is_number(at(Some(j + 2)))
        {
            // "4 of the 5 managers", "3 of our 12 teams"
            j += 3;
        } else {
            break;
        }
    }
    if at(Some(j)).is_some_and(is_content) {
        return t.lower != "one" || j == i + 1;
    }
    // What precedes: "NPS to 45", "churn below 5"
    is(TIES, prev_word)
        && clause
            .get(..i.saturating_sub(1))
            .is_some_and(|before| before.iter().any(|b| is_content(b)))
}

#[cfg(test)]
mod tests {
    use super::targets;

    /// One case per clause of `is_target` and `clauses`: what counts as a target of its own.
    #[test]
    fn each_kind_of_number_is_a_target_or_not() {
        let cases: &[(&str, &[&str])] = &[
            // a label, not a count
            (
                "Reach tier 2 status and sign 10 new logos",
                &["sign 10 new logos"],
            ),
            // after "per": part of the target before it
            (
                "Keep cost under $50 per 100 learners",
                &["Keep cost under $50 per 100 learners"],
            ),
            (
                "Grow from 40 to 60 trainers and sign 10 logos",
                &["Grow from 40 to 60 trainers", "sign 10 logos"],
            ),
            // a year, followed by a word or not
            (
                "Certify 40 trainers in 2026",
                &["Certify 40 trainers in 2026"],
            ),
            (
                "Certify 40 trainers in 2026 cohorts",
                &["Certify 40 trainers in 2026 cohorts"],
            ),
            (
                "Certify 40 trainers, 2026 onwards",
                &["Certify 40 trainers"],
            ),
            // a time frame
            (
                "Certify 40 trainers within 30 days and sign 10 logos",
                &["Certify 40 trainers within 30 days", "sign 10 logos"],
            ),
            // denominators
            (
                "Certify 4 out of 5 managers and sign 10 logos",
                &["Certify 4 out of 5 managers", "sign 10 logos"],
            ),
            (
                "Certify 4 out of the 5 managers and sign 10 logos",
                &["Certify 4 out of the 5 managers", "sign 10 logos"],
            ),
            (
                "Keep 9 of 10 reviews on time and 2 audits",
                &["Keep 9 of 10 reviews on time", "2 audits"],
            ),
            // "one" as a pronoun, and as a count
            (
                "Certify one of the trainers and sign 10 logos",
                &["sign 10 logos"],
            ),
            ("Certify every one and sign 10 logos", &["sign 10 logos"]),
            (
                "Certify one trainer and 2 coaches",
                &["Certify one trainer", "2 coaches"],
            ),
            // tied to what precedes, marked, or followed by a unit
            (
                "Raise NPS to 45 and churn below 5",
                &["Raise NPS to 45", "churn below 5"],
            ),
            (
                "Cut churn by 3 pp and raise NPS by 5 points",
                &["Cut churn by 3 pp", "raise NPS by 5 points"],
            ),
            (
                "Grow revenue 3x and sign 5 deals",
                &["Grow revenue 3x", "sign 5 deals"],
            ),
            (
                "Publish 3 or more new posts and 2 case studies",
                &["Publish 3 or more new posts", "2 case studies"],
            ),
            // a date's day is no value of a list
            (
                "Certify 40 trainers by March 31 and 10 coaches by June 30",
                &["Certify 40 trainers by March 31", "10 coaches by June 30"],
            ),
            (
                "Run 4 workshops on June 3 and 10 for 80 staff",
                &["Run 4 workshops on June 3 10 for 80 staff"],
            ),
            (
                "Certify 4 of the 5 managers and sign 10 logos",
                &["Certify 4 of the 5 managers", "sign 10 logos"],
            ),
            (
                "Certify one out of 5 managers and sign 10 logos",
                &["sign 10 logos"],
            ),
            (
                "Win partners out of 20 leads and sign 5 deals",
                &["Win partners out of 20 leads", "sign 5 deals"],
            ),
            (
                "Pick one of 3 vendors and sign 10 logos",
                &["sign 10 logos"],
            ),
            (
                "Thank the one sponsor and sign 10 logos",
                &["sign 10 logos"],
            ),
            // a range with decimals, a range marked by %, a year closing a clause
            (
                "Raise NPS by 1.5-2 points and sign 5 deals",
                &["Raise NPS by 1.5-2 points", "sign 5 deals"],
            ),
            (
                "Keep churn 3-4%, and sign 5 deals",
                &["Keep churn 3-4%", "sign 5 deals"],
            ),
            (
                "Certify 40 trainers, the academy done by 2026",
                &["Certify 40 trainers"],
            ),
            // values of one thing, bounds and qualifiers stay with their target
            ("Run 8 and 9 sessions", &["Run 8 9 sessions"]),
            ("Hire 5 engineers, at most 8", &["Hire 5 engineers"]),
            (
                "Certify 40 trainers, at least 10 in sales",
                &["Certify 40 trainers"],
            ),
            (
                "Certify 40 trainers, each with 2 mentors",
                &["Certify 40 trainers each with 2 mentors"],
            ),
            (
                "Sign 2 partners, with 3 pilots each",
                &["Sign 2 partners with 3 pilots each"],
            ),
        ];
        for (title, expected) in cases {
            assert_eq!(targets(title), *expected, "{title}");
        }
    }

    #[test]
    fn splits_the_example_of_the_contract() {
        assert_eq!(
            targets("Close 2 Tier-1 deals and get 10 new logos"),
            vec!["Close 2 Tier-1 deals", "get 10 new logos"]
        );
    }
}
