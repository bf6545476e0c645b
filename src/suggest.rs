//! "Did you mean": the closest known name to a misspelt one.

/// The candidate most similar to `word`, if any is similar enough to be a plausible typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let word_lower = word.to_lowercase();
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        let score = strsim::jaro_winkler(&word_lower, &candidate.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
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
}
