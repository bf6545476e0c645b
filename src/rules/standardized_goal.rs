//! `standardized-goal`: the same individual goal copied to several people.

use super::{Check, Rule, RuleContext};
use crate::catalog::{RuleId, Threshold};
use crate::diagnostic::Severity;
use crate::workspace::{Goal, GoalId, Metric, Workspace};
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};

pub(super) static RULE: Rule = Rule {
    id: RuleId::StandardizedGoal,
    opt_in: false,
    default_severity: Severity::Warning,
    summary: "the same individual goal copied to several people",
    doc: r#"# standardized-goal

## What it does
Groups the goals at the bottom level (individual goals) by their title, compared without regard
to case and spacing, together with their metrics (the same metric ids, units and targets). A
group of at least `min-copies` goals (default 3) is reported once per goal, at its title, with
the other copies shown. Configure with `standardized-goal = { min-copies = 4 }`.

## Why
Goals work when they are accepted and matched to the person's ability (Locke & Latham: goal
commitment and task complexity). The same goal copied to a whole team is a target handed down,
not a goal agreed with each person; it ignores where each one starts. Shared targets belong on
the team goal, with individual goals that say what each person contributes.

## Example
Three plans each contain:
```toml
[goals.ana-sales-training]
title = "Complete the sales methodology course"
level = "individual"
[goals.ana-sales-training.metrics.modules]
unit = "count"
target = 12
```

## How to fix
Tailor each copy to the person (their baseline, their target, their part of the team goal), or
replace the copies with one team goal that the individual goals align to.
"#,
    thresholds: &[&MIN_COPIES],
    check: Check::Workspace(check),
};

pub(super) static MIN_COPIES: Threshold = Threshold {
    name: "min-copies",
    default: 3.0,
    min: 2.0,
    max: 1000.0,
    integer: true,
    description: "how many identical individual goals make a finding",
};

/// Related labels shown per finding, so a goal copied 500 times stays readable.
const MAX_RELATED: usize = 10;

/// The title as compared: lowercase, whitespace runs as one space, no leading or trailing
/// space. Streamed, so hashing a title allocates nothing.
fn title_chars(title: &str) -> impl Iterator<Item = char> + '_ {
    title
        .split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()))
        .flat_map(char::to_lowercase)
}

/// A metric as compared: its id, trimmed unit and target (bits, so equal targets compare
/// equal and a missing one differs from any number).
fn metric_key(m: &Metric) -> (&str, &str, u64) {
    (
        m.id.value.as_str(),
        m.unit.as_ref().map_or("", |u| u.value.trim()),
        m.target.as_ref().map_or(u64::MAX, |t| t.value.to_bits()),
    )
}

/// What makes two goals copies: the normalised title and the set of metric keys.
fn same_signature(ws: &Workspace, a: &Goal, b: &Goal) -> bool {
    let (Some(ta), Some(tb)) = (&a.title, &b.title) else {
        return false;
    };
    if !title_chars(&ta.value).eq(title_chars(&tb.value)) || a.metrics.len() != b.metrics.len() {
        return false;
    }
    let keys = |g: &Goal| {
        let mut keys: Vec<_> = g
            .metrics
            .iter()
            .map(|&m| metric_key(ws.metric(m)))
            .collect();
        keys.sort_unstable();
        keys
    };
    keys(a) == keys(b)
}

/// Feeds `title_chars(title)` to `h`.
fn hash_title(h: &mut FxHasher, title: &str) {
    if title.is_ascii() {
        // The same sequence `title_chars` gives, byte by byte: hashing every title of the
        // workspace is most of this rule's time.
        let mut gap = false;
        let mut first = true;
        for &b in title.as_bytes() {
            if char::from(b).is_whitespace() {
                gap = true;
                continue;
            }
            if gap && !first {
                h.write_u32(u32::from(' '));
            }
            gap = false;
            first = false;
            h.write_u32(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in title_chars(title) {
            h.write_u32(u32::from(c));
        }
    }
}

fn signature_hash(ws: &Workspace, goal: &Goal, title: &str) -> u64 {
    let mut h = FxHasher::default();
    hash_title(&mut h, title);
    // Metric order must not matter: combine the metrics' own hashes commutatively.
    let mut metrics = 0u64;
    for &m in &goal.metrics {
        let mut mh = FxHasher::default();
        metric_key(ws.metric(m)).hash(&mut mh);
        metrics = metrics.wrapping_add(mh.finish());
    }
    h.write_u64(metrics);
    h.write_usize(goal.metrics.len());
    h.finish()
}

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let min = ctx.threshold(&MIN_COPIES);
    let bottom = ws.bottom_level();
    // Hash first, so the pass over every goal allocates nothing per goal; sort by hash; then
    // split each run of equal hashes into groups of exact copies (almost always one group).
    let mut hashed: Vec<(u64, GoalId)> = ws
        .goal_ids()
        .filter(|(_, goal)| goal.level.value == bottom)
        .filter_map(|(id, goal)| Some((signature_hash(ws, goal, &goal.title.as_ref()?.value), id)))
        .collect();
    hashed.sort_unstable();
    let mut copies: Vec<Vec<GoalId>> = Vec::new();
    for bucket in hashed.chunk_by(|a, b| a.0 == b.0) {
        if (bucket.len() as f64) < min {
            continue;
        }
        let mut groups: Vec<Vec<GoalId>> = Vec::new();
        for &(_, id) in bucket {
            let goal = ws.goal(id);
            match groups.iter_mut().find(|g| {
                g.first()
                    .is_some_and(|&f| same_signature(ws, ws.goal(f), goal))
            }) {
                Some(group) => group.push(id),
                None => groups.push(vec![id]),
            }
        }
        copies.extend(groups.into_iter().filter(|g| g.len() as f64 >= min));
    }
    copies.sort();
    for group in copies {
        for &id in &group {
            let goal = ws.goal(id);
            let span = goal.title.as_ref().map_or(goal.header(), |t| t.span);
            let mut d = ctx
                .goal_finding(id, span, format!("{} individual goals share this title and these metrics: copies, not tailored to the person", group.len()))
                .with_label("copied goal")
                .with_help("tailor each copy to the person's baseline and target, or make it one team goal that individual goals align to");
            for &other in group.iter().filter(|&&o| o != id).take(MAX_RELATED) {
                let o = ws.goal(other);
                let span = o.title.as_ref().map_or(o.header(), |t| t.span);
                d = d.with_related(o.file, span, format!("copy in goal `{}`", o.id.value));
            }
            ctx.report(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{hash_title, title_chars};
    use rustc_hash::FxHasher;
    use std::hash::Hasher;

    /// The ASCII fast path must feed the hasher exactly what `title_chars` gives.
    #[test]
    fn ascii_hash_path_matches_title_chars() {
        for t in [
            "  Finish  the\t12-module\ncourse ",
            "x",
            "",
            "A\x0bB\x0cC\rD",
            "   ",
        ] {
            let mut slow = FxHasher::default();
            for c in title_chars(t) {
                slow.write_u32(u32::from(c));
            }
            let mut fast = FxHasher::default();
            hash_title(&mut fast, t);
            assert_eq!(fast.finish(), slow.finish(), "{t:?}");
        }
    }
}
