//! "Did you mean": the closest known name to a misspelt one.

use rustc_hash::FxHashMap;

/// How similar a candidate must be to count as a plausible typo (Jaro-Winkler).
const MIN_SCORE: f64 = 0.8;

/// Jaro-Winkler costs the product of the two lengths; a name longer than this (in bytes) is
/// not a typo of a name anyone types, and is neither given nor offered a suggestion.
pub const MAX_LEN: usize = 200;

/// The candidate most similar to `word`, if any is similar enough to be a plausible typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    best(
        word,
        &word_lower,
        candidates.into_iter().map(|c| (c, c.to_lowercase())),
    )
}

fn best<'a, L: AsRef<str>>(
    word: &str,
    word_lower: &str,
    candidates: impl Iterator<Item = (&'a str, L)>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &'a str)> = None;
    if word.len() > MAX_LEN {
        return None;
    }
    for (candidate, lower) in candidates {
        if candidate == word || candidate.len() > MAX_LEN {
            continue;
        }
        let score = strsim::jaro_winkler(word_lower, lower.as_ref());
        if score >= MIN_SCORE
            && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c))
        {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// "Did you mean" against one large list of names (every goal id of a workspace) for any
/// number of misspellings. Each lookup compares the word with every name, so a workspace full
/// of broken references would take quadratic time; this lowercases the names once, remembers
/// answers, and stops suggesting once its budget is spent. The budget counts characters
/// compared (a word's length times the names' total length, per lookup): fifty million, or 512
/// times the names' total length when that is more, so the cost stays linear in the size of
/// the names whatever their lengths.
pub struct Suggester {
    names: Vec<(String, String)>,
    /// The names' total length in bytes, each counted up to [`MAX_LEN`].
    total: usize,
    memo: FxHashMap<String, Option<String>>,
    budget: usize,
}

impl Suggester {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names: Vec<_> = names
            .into_iter()
            .map(|n| (n.to_string(), n.to_lowercase()))
            .collect();
        let total: usize = names.iter().map(|(n, _)| n.len().min(MAX_LEN)).sum();
        let budget = total.saturating_mul(512).max(50_000_000);
        Suggester::with_budget(names, budget)
    }

    fn with_budget(names: Vec<(String, String)>, budget: usize) -> Self {
        let total = names.iter().map(|(n, _)| n.len().min(MAX_LEN)).sum();
        Suggester {
            names,
            total,
            memo: FxHashMap::default(),
            budget,
        }
    }

    pub fn suggest(&mut self, word: &str) -> Option<String> {
        if let Some(known) = self.memo.get(word) {
            return known.clone();
        }
        if word.len() > MAX_LEN {
            return None;
        }
        // At least one unit a name, for names so short the product rounds to nothing.
        let cost = (word.len().max(1) * self.total).max(self.names.len());
        if self.budget < cost {
            return None;
        }
        self.budget -= cost;
        let found = best(
            word,
            &word.to_lowercase(),
            self.names.iter().map(|(n, l)| (n.as_str(), l)),
        )
        .map(str::to_string);
        self.memo.insert(word.to_string(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let fields = ["title", "target", "baseline", "unit"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("basline", fields), Some("baseline"));
        assert_eq!(did_you_mean("Target", fields), Some("target"));
        assert_eq!(did_you_mean("colour", fields), None);
        assert_eq!(did_you_mean("x", Vec::<&str>::new()), None);
    }

    #[test]
    fn suggester_agrees_with_did_you_mean_until_its_budget_is_spent() {
        use super::Suggester;
        let names = ["alpha-goal", "beta-goal", "gamma-goal"];
        let lowered = names
            .iter()
            .map(|n| (n.to_string(), n.to_lowercase()))
            .collect();
        // each lookup costs a 10-byte word times the 30 bytes of the names
        let mut s = Suggester::with_budget(lowered, 600);
        assert_eq!(s.suggest("alpha-gaol").as_deref(), Some("alpha-goal"));
        assert_eq!(
            s.suggest("Beta-Goal").as_deref(),
            did_you_mean("Beta-Goal", names)
        );
        // remembered: costs nothing
        assert_eq!(s.suggest("alpha-gaol").as_deref(), Some("alpha-goal"));
        // 600 spent: no more suggestions
        assert_eq!(s.suggest("gamma-gaol"), None);
    }
}
