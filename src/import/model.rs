//! What every importer produces and the writer reads: goals, metrics and check-ins as another
//! tool holds them, with ids already chosen, before they are laid out as files.

use crate::base::date::Date;

/// A whole import: the goals in input order, the people seen, and what the summary should say.
#[derive(Debug, Default)]
pub struct Import {
    pub goals: Vec<Goal>,
    /// Roster entries beyond the owners (mentioned users, owners of aligned objectives).
    pub people: Vec<Person>,
    /// Lines for the summary: what the input held that the workspace cannot say.
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: String,
    pub name: Option<String>,
}

/// The period a plan covers; a goal carries one when the source names it (a Lark OKR's
/// `name`), otherwise the writer derives it from the goal's dates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    /// For file names: `2026-h1`.
    pub slug: String,
    /// For plan titles: `2026 H1`.
    pub title: String,
    pub start: Date,
    pub end: Date,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Goal {
    pub id: String,
    pub title: String,
    pub framework: Option<String>,
    pub level: Option<String>,
    pub owner: String,
    pub team: Option<String>,
    pub start: Option<Date>,
    pub due: Option<Date>,
    pub period: Option<Period>,
    pub aligns_to: Vec<String>,
    /// Alignments to goals the input does not hold, kept as a comment on the goal.
    pub aligns_elsewhere: Vec<String>,
    pub weight: Option<f64>,
    pub score: Option<f64>,
    pub metrics: Vec<Metric>,
}

/// A metric's kind, as format 2 names it.
pub use crate::model::MetricKind as Kind;

#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    pub id: String,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub unit: Option<String>,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub weight: Option<f64>,
    pub owner: Option<String>,
    pub due: Option<Date>,
    pub checkins: Vec<Checkin>,
}

impl Metric {
    pub fn new(id: String) -> Metric {
        Metric {
            id,
            title: None,
            kind: None,
            unit: None,
            baseline: None,
            target: None,
            min: None,
            max: None,
            weight: None,
            owner: None,
            due: None,
            checkins: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Checkin {
    pub date: Date,
    pub value: Option<f64>,
    pub status: Option<&'static str>,
    pub score: Option<f64>,
}

/// A slug of a title for an id or a file name: its first lower-case words joined by `-`, cut
/// at a word boundary so ids stay short enough to type.
pub fn slug(title: &str, fallback: &str) -> String {
    const MAX: usize = 40;
    const WORDS: usize = 5;
    let mut out = String::new();
    for word in title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(WORDS)
    {
        let word = word.to_lowercase();
        let extra = if out.is_empty() { 0 } else { 1 } + word.chars().count();
        if !out.is_empty() && out.chars().count() + extra > MAX {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.extend(word.chars().take(MAX));
    }
    if out.is_empty() {
        fallback.to_string()
    } else {
        out
    }
}

/// Hands out ids unique among those already given: `x`, then `x-2`, `x-3` ... in the order
/// asked, so the same input gives the same ids.
#[derive(Debug, Default)]
pub struct Unique {
    taken: std::collections::HashSet<String>,
}

impl Unique {
    pub fn take(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2u64;
        loop {
            let candidate = format!("{base}-{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }

    pub fn reserve(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }
}

/// Whether goalc accepts `text` as an id: no dots, blanks or control characters.
pub fn valid_id(text: &str) -> bool {
    !text.is_empty()
        && !text
            .chars()
            .any(|c| c == '.' || c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_words_and_unique() {
        assert_eq!(
            slug("Launch the 10-module ERP onboarding path in the LMS", "m"),
            "launch-the-10-module-erp"
        );
        assert_eq!(slug("  !!  ", "goal"), "goal");
        assert_eq!(slug("新员工 ERP", "goal"), "新员工-erp");
        let mut u = Unique::default();
        assert_eq!(u.take("a"), "a");
        assert_eq!(u.take("a"), "a-2");
        assert!(u.reserve("a-3"));
        assert_eq!(u.take("a"), "a-4");
    }
}
