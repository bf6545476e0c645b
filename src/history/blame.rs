//! The last commit that changed a value: walking the first-parent commits since REF that
//! touched the goal's file (now or at REF), newest first, while the goal's value there is still
//! the working tree's; the oldest such commit made the change. When even the newest touching
//! commit holds another value, the change is in the working tree, not committed yet.

use super::git::{Blobs, CommitInfo, GitError, Repo};
use super::snapshot::GoalSnap;
use super::{GoalChange, Value, parse_at};
use rustc_hash::FxHashMap;

/// A field's value in a goal, as [`super::diff`] names fields.
fn value(goal: &GoalSnap, field: &str, metric: Option<&str>) -> Value {
    let number = |v: Option<f64>| v.map_or(Value::None, Value::Number);
    match (metric, field) {
        (None, "due") => goal.due.map_or(Value::None, Value::Date),
        (Some(m), f) => match goal.metric(m) {
            None => Value::None,
            Some(m) => match f {
                "target" => number(m.target),
                "baseline" => number(m.baseline),
                "due" => m.due.map_or(Value::None, Value::Date),
                _ => Value::None,
            },
        },
        _ => Value::None,
    }
}

/// The goals of one file at one commit, read once.
type Cache = FxHashMap<(String, String), Option<Vec<GoalSnap>>>;

pub(super) fn attribute(
    repo: &Repo,
    blobs: &mut Blobs,
    since: &str,
    goals: &mut [GoalChange],
    levels: &[String],
) -> Result<(), GitError> {
    let commits = repo.commits_since(since)?;
    let mut cache: Cache = FxHashMap::default();
    for g in goals.iter_mut() {
        let Some(old) = g.old.as_ref() else { continue };
        let top = |rel: &str| format!("{}{rel}", repo.prefix);
        let mut paths = vec![top(&g.file)];
        if old.file != g.file {
            paths.push(top(&old.file));
        }
        let ids = [g.id.clone(), old.id.clone()];
        let touching: Vec<&CommitInfo> = commits
            .iter()
            .filter(|(_, files)| files.iter().any(|f| paths.contains(f)))
            .map(|(c, _)| c)
            .collect();
        for f in g.changes.iter_mut().filter(|f| f.is_judged()) {
            let mut last = None;
            for c in &touching {
                let at = goal_at(repo, blobs, &mut cache, c, &paths, &ids, levels)?;
                let now = at.map_or(Value::None, |snap| {
                    value(&snap, f.field, f.metric.as_deref())
                });
                if now != f.new {
                    break;
                }
                last = Some(*c);
            }
            f.commit = last.cloned();
            f.uncommitted = last.is_none();
        }
    }
    Ok(())
}

/// The goal (by its id now or at REF) in any of `paths` at commit `c`.
fn goal_at(
    repo: &Repo,
    blobs: &mut Blobs,
    cache: &mut Cache,
    c: &CommitInfo,
    paths: &[String],
    ids: &[String; 2],
    levels: &[String],
) -> Result<Option<GoalSnap>, GitError> {
    for path in paths {
        let key = (c.hash.clone(), path.clone());
        if !cache.contains_key(&key) {
            let name = path.strip_prefix(repo.prefix.as_str()).unwrap_or(path);
            let parsed = blobs
                .read(&format!("{}:{path}", c.hash))?
                .and_then(|bytes| parse_at(name, bytes, levels));
            cache.insert(key.clone(), parsed);
        }
        let found = cache
            .get(&key)
            .and_then(|g| g.as_ref())
            .and_then(|goals| goals.iter().find(|g| ids.contains(&g.id)));
        if let Some(g) = found {
            return Ok(Some(g.clone()));
        }
    }
    Ok(None)
}
