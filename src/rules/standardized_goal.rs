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
Reports `min-copies` (default 3) or more goals on the bottom level with the same title (case
and spacing ignored, and the words that name the goal's owner — their id or a part of their
name, "Kai's" or "Kai" — left out) and the same metrics (ids, units and targets): copies, not
tailored to the person. Each copy is reported, with the others as related places.

It is silent for copies that align to one common parent and whose metrics each name a metric of
that parent in `contributes_to`: a mandated programme rolled out to everyone, each person's share
counted, is the fix, not the fault. Copies that only align are still copies.

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

/// The lowercase words that name a goal's owner in its title: their id and each word of their
/// name.
fn owner_words(ws: &Workspace, goal: &Goal) -> Vec<String> {
    let mut person: Vec<String> = Vec::new();
    if let Some(owner) = &goal.owner {
        person.push(owner.id.value.to_lowercase());
        if let Some(name) = owner.target.and_then(|p| ws.person(p).name.as_ref()) {
            person.extend(
                name.value
                    .to_lowercase()
                    .split_whitespace()
                    .map(str::to_string),
            );
        }
    }
    person
}

/// Calls `each` with every word of `title` as compared: lowercase, without the words that name
/// the owner (possessive or not), so "Kai's ERP certification" and "Ana's ERP certification"
/// are the same copy. `buf` is reused: the pass over every goal allocates only for non-ASCII
/// words.
fn compared_words(title: &str, person: &[String], buf: &mut String, mut each: impl FnMut(&str)) {
    for word in title.split_whitespace() {
        buf.clear();
        if word.is_ascii() {
            buf.push_str(word);
            buf.make_ascii_lowercase();
        } else {
            buf.push_str(&word.to_lowercase());
        }
        let bare = buf
            .trim_end_matches("'s")
            .trim_end_matches("\u{2019}s")
            .trim_matches(|c: char| !c.is_alphanumeric());
        if !bare.is_empty() && person.iter().any(|p| p == bare) {
            continue;
        }
        each(buf);
    }
}

/// The title as compared: its compared words, one space apart.
fn compared_title(ws: &Workspace, goal: &Goal, title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    compared_words(title, &owner_words(ws, goal), &mut String::new(), |w| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    });
    out
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

/// What makes two goals copies: the compared title and the set of metric keys.
#[derive(PartialEq)]
struct Signature<'a> {
    title: String,
    metrics: Vec<(&'a str, &'a str, u64)>,
}

fn signature<'a>(ws: &'a Workspace, goal: &'a Goal) -> Option<Signature<'a>> {
    let title = compared_title(ws, goal, &goal.title.as_ref()?.value);
    let mut metrics: Vec<_> = goal
        .metrics
        .iter()
        .map(|&m| metric_key(ws.metric(m)))
        .collect();
    metrics.sort_unstable();
    Some(Signature { title, metrics })
}

/// A hash of what [`Signature`] compares; `person` is the goal's [`owner_words`].
fn signature_hash(
    ws: &Workspace,
    goal: &Goal,
    title: &str,
    person: &[String],
    buf: &mut String,
) -> u64 {
    let mut h = FxHasher::default();
    // Words hold no whitespace, so the words with a separator after each tell titles apart
    // exactly as the joined title does.
    compared_words(title, person, buf, |w| {
        h.write(w.as_bytes());
        h.write_u8(0xff);
    });
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

/// A mandated programme rolled out to everyone, each person's share counted: the copies align
/// to one common parent and each of their metrics `contributes_to` a metric of that parent.
fn rolled_out_share(ws: &Workspace, group: &[GoalId]) -> bool {
    let Some(&first) = group.first() else {
        return false;
    };
    ws.goal(first)
        .parents
        .iter()
        .filter_map(|p| p.target)
        .any(|parent| {
            group.iter().all(|&g| {
                let goal = ws.goal(g);
                goal.parents.iter().any(|p| p.target == Some(parent))
                    && !goal.metrics.is_empty()
                    && goal.metrics.iter().all(|&m| {
                        ws.metric(m)
                            .contributes_to()
                            .and_then(|l| l.target)
                            .is_some_and(|t| ws.metric(t).goal == parent)
                    })
            })
        })
}

fn check(ctx: &mut RuleContext<'_>) {
    let ws = ctx.ws;
    let min = ctx.threshold(&MIN_COPIES);
    let bottom = ws.bottom_level();
    // Hash first, so the pass over every goal allocates nothing per goal; sort by hash; then
    // split each run of equal hashes into groups of exact copies (almost always one group).
    // The words naming each person, made once: most people own several goals.
    let naming: Vec<Vec<String>> = ws
        .people
        .iter()
        .map(|p| {
            let mut words = vec![p.id.value.to_lowercase()];
            if let Some(name) = &p.name {
                words.extend(
                    name.value
                        .to_lowercase()
                        .split_whitespace()
                        .map(str::to_string),
                );
            }
            words
        })
        .collect();
    let mut buf = String::new();
    let mut hashed: Vec<(u64, GoalId)> = Vec::new();
    for (id, goal) in ws.goal_ids() {
        let Some(title) = goal.title.as_ref().filter(|_| goal.level.value == bottom) else {
            continue;
        };
        let known = goal.owner.as_ref().and_then(|o| {
            o.target
                .filter(|&p| ws.person(p).id.value == o.id.value)
                .and_then(|p| naming.get(p.0 as usize))
        });
        let hash = match (known, &goal.owner) {
            (Some(words), _) => signature_hash(ws, goal, &title.value, words, &mut buf),
            (None, None) => signature_hash(ws, goal, &title.value, &[], &mut buf),
            (None, Some(_)) => {
                let words = owner_words(ws, goal);
                signature_hash(ws, goal, &title.value, &words, &mut buf)
            }
        };
        hashed.push((hash, id));
    }
    hashed.sort_unstable();
    let mut copies: Vec<Vec<GoalId>> = Vec::new();
    for bucket in hashed.chunk_by(|a, b| a.0 == b.0) {
        if (bucket.len() as f64) < min {
            continue;
        }
        // Each signature is made once; equal hashes are almost always one group.
        let mut groups: Vec<(Signature<'_>, Vec<GoalId>)> = Vec::new();
        for &(_, id) in bucket {
            let Some(sig) = signature(ws, ws.goal(id)) else {
                continue;
            };
            match groups.iter_mut().find(|(s, _)| *s == sig) {
                Some((_, group)) => group.push(id),
                None => groups.push((sig, vec![id])),
            }
        }
        copies.extend(
            groups
                .into_iter()
                .map(|(_, g)| g)
                .filter(|g| g.len() as f64 >= min),
        );
    }
    copies.sort();
    for group in copies {
        if rolled_out_share(ws, &group) {
            continue;
        }
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
