//! History: what changed in the plan since a git revision. The plan files as they were at REF
//! are read from the workspace's repository ([`git`]), lowered like the working tree's, and
//! compared goal by goal ([`diff`]); for the values the history rules judge (targets,
//! baselines, due dates) the last commit that changed each is found ([`blame`]).
//!
//! Only files that may differ from REF are read there: `git diff-index` names them from the
//! index's stat information, so a run on a large workspace reads a few blobs, not all of them.
//! Files are matched by path, goals by id across files (a goal moved to another file is the same
//! goal), and an added goal equal in all but its id to a removed one is a rename.

mod blame;
mod diff;
pub mod format;
pub mod git;
pub mod snapshot;

use crate::base::date::Date;
use crate::load;
use crate::source::FileKind;
use crate::workspace::{GoalId, Workspace, lower};
use git::{Blobs, CommitInfo, GitError, Repo};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use snapshot::GoalSnap;
use std::path::{Path, PathBuf};

/// A field's value on one side of a change.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    None,
    Text(String),
    Number(f64),
    Date(Date),
    List(Vec<String>),
}

impl Value {
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<Date> {
        match self {
            Value::Date(d) => Some(*d),
            _ => None,
        }
    }
}

/// Numbers as plans write them: whole numbers without a decimal point.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::None => f.write_str("(none)"),
            Value::Text(t) => write!(f, "{t:?}"),
            Value::Number(n) => f.write_str(&number(*n)),
            Value::Date(d) => write!(f, "{d}"),
            Value::List(l) if l.is_empty() => f.write_str("[]"),
            Value::List(l) => write!(f, "[{}]", l.join(", ")),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::None => s.serialize_none(),
            Value::Text(t) => s.serialize_str(t),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => s.serialize_i64(*n as i64),
            Value::Number(n) => s.serialize_f64(*n),
            Value::Date(d) => d.serialize(s),
            Value::List(l) => l.serialize(s),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Removed,
    Renamed,
    Changed,
}

impl ChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renamed => "renamed",
            ChangeKind::Changed => "changed",
        }
    }
}

#[derive(Clone, Debug)]
pub struct FieldChange {
    /// `title`, `file`, `framework`, `level`, `owner`, `start`, `due`, `aligns_to`, `supports`,
    /// `weight`, `effort`, `score`; on a metric `metric` (added or removed), `title`, `kind`,
    /// `unit`, `baseline`, `target`, `direction`, `min`, `max`, `owner`, `due` (its own), `done`,
    /// `weight`, `contributes_to`.
    pub field: &'static str,
    /// The metric id, for a metric's field.
    pub metric: Option<String>,
    pub old: Value,
    pub new: Value,
    /// The last commit since REF that changed it (targets, baselines and due dates only).
    pub commit: Option<CommitInfo>,
    /// The change is in the working tree, not committed yet.
    pub uncommitted: bool,
}

impl FieldChange {
    /// The field as the diff names it: `due`, or `certified.target` for a metric's.
    pub fn name(&self) -> String {
        match (&self.metric, self.field) {
            (Some(m), "metric") => format!("metric {m}"),
            (Some(m), f) => format!("{m}.{f}"),
            (None, f) => f.to_string(),
        }
    }

    /// Whether the history rules may judge it: the change of a value blame looks up.
    fn is_judged(&self) -> bool {
        matches!(self.field, "target" | "baseline" | "due")
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct GoalChange {
    pub change: ChangeKind,
    /// The id now (the id at REF for a removed goal).
    pub id: String,
    /// The id at REF, for a renamed goal.
    pub old_id: Option<String>,
    pub title: Option<String>,
    /// The file now (at REF for a removed goal), from the workspace root.
    pub file: String,
    pub changes: Vec<FieldChange>,
    /// The goal in the workspace, when it is still there.
    #[serde(skip)]
    pub goal: Option<GoalId>,
    /// The goal as it was at REF.
    #[serde(skip)]
    pub old: Option<GoalSnap>,
}

#[derive(Clone, Debug, Serialize)]
pub struct NotCompared {
    pub file: String,
    pub why: &'static str,
}

/// A field change as the diff's JSON (and the report's `changes`) gives it: the values as data
/// and as text, and where the change was made.
impl Serialize for FieldChange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Out<'a> {
            field: &'a str,
            metric: Option<&'a str>,
            /// `due`, `certified.target`, `metric certified`.
            name: String,
            old: &'a Value,
            new: &'a Value,
            before: String,
            after: String,
            commit: Option<&'a CommitInfo>,
            uncommitted: bool,
            /// `abc1234, 2026-05-02, Ann`, `not committed yet`, or null.
            origin: Option<String>,
        }
        Out {
            field: self.field,
            metric: self.metric.as_deref(),
            name: self.name(),
            old: &self.old,
            new: &self.new,
            before: self.old.to_string(),
            after: self.new.to_string(),
            commit: self.commit.as_ref(),
            uncommitted: self.uncommitted,
            origin: format::origin(self),
        }
        .serialize(s)
    }
}

/// What changed between REF and the working tree.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// REF as given.
    pub since: String,
    pub commit: String,
    /// The committer date of `commit`: reports count achievements from it.
    #[serde(skip)]
    pub date: Date,
    /// Goals that changed, ordered by id.
    pub goals: Vec<GoalChange>,
    /// Files whose goals could not be compared (they do not parse at REF or now).
    pub not_compared: Vec<NotCompared>,
}

impl Comparison {
    pub fn short(&self) -> &str {
        self.commit.get(..7).unwrap_or(&self.commit)
    }

    pub fn count(&self, kind: ChangeKind) -> usize {
        self.goals.iter().filter(|g| g.change == kind).count()
    }

    /// The one note a run prints for files it could not compare.
    pub fn note(&self) -> Option<String> {
        if self.not_compared.is_empty() {
            return None;
        }
        let files: Vec<String> = self
            .not_compared
            .iter()
            .map(|n| format!("{} ({})", n.file, n.why))
            .collect();
        Some(format!(
            "not compared with {}: {} — the goals of these files are left out of the comparison",
            self.since,
            files.join(", ")
        ))
    }
}

fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn is_plan_name(name: &str) -> bool {
    name.ends_with(".plan.toml")
}

/// Parses a plan file's bytes as read at a revision; `None` when its TOML is broken.
pub(crate) fn parse_at(name: &str, bytes: Vec<u8>, levels: &[String]) -> Option<Vec<GoalSnap>> {
    let file = load::load_bytes(
        crate::source::FileId(0),
        PathBuf::from(name),
        name.to_string(),
        FileKind::Plan,
        bytes,
    );
    if file.has_syntax_errors {
        return None;
    }
    let lowered = lower::lower_loaded(file, levels).lowered?;
    let metrics = &lowered.metrics;
    Some(
        lowered
            .goals
            .iter()
            .map(|g| {
                GoalSnap::of(g, name.to_string(), levels, |m| {
                    metrics.get(m.0 as usize).map(|b| &**b)
                })
            })
            .collect(),
    )
}

/// Compares the workspace with the plan at `since`. `in_scope` tells, by absolute path, the
/// files whose goals are reported; `as_of` dates the changes not yet committed.
pub fn compare(
    ws: &Workspace,
    since: &str,
    in_scope: &dyn Fn(&Path) -> bool,
) -> Result<Comparison, GitError> {
    let repo = Repo::open(&ws.root)?;
    let commit = repo.resolve(since)?;
    let date = repo.commit_date(&commit)?;
    let levels = &ws.config.levels;
    let at_ref: FxHashMap<String, String> = repo
        .files_at(&commit)?
        .into_iter()
        .filter(|(p, _)| is_plan_name(p))
        .collect();
    let changed: FxHashSet<String> = repo.changed_since(&commit)?.into_iter().collect();
    let from_root = |top: &str| top.strip_prefix(repo.prefix.as_str()).map(str::to_string);

    // The working tree's side: plan files that may differ from REF.
    let mut not_compared = Vec::new();
    let mut new_files = FxHashMap::default();
    for (i, f) in ws.files.iter().enumerate() {
        if f.kind != FileKind::Plan {
            continue;
        }
        let rel = f.path.strip_prefix(&ws.root).ok().map(slash);
        let top = rel.as_ref().map(|r| format!("{}{r}", repo.prefix));
        let differs = top
            .as_ref()
            .is_none_or(|t| changed.contains(t) || !at_ref.contains_key(t));
        if differs {
            new_files.insert(i, rel.unwrap_or_else(|| f.name.clone()));
        }
    }

    // REF's side: the plan files that changed since, read in one go.
    let mut old_paths: Vec<(&String, &String)> = at_ref
        .iter()
        .filter(|(p, _)| changed.contains(*p))
        .collect();
    old_paths.sort();
    let mut blobs = Blobs::start(&repo)?;
    let oids: Vec<String> = old_paths.iter().map(|(_, oid)| (*oid).clone()).collect();
    let contents = blobs.read_many(&oids)?;
    let mut old_goals: Vec<GoalSnap> = Vec::new();
    let mut unparsed_at_ref = FxHashSet::default();
    for ((top, _), bytes) in old_paths.iter().zip(contents) {
        let name = from_root(top).unwrap_or_else(|| (*top).clone());
        match bytes.and_then(|b| parse_at(&name, b, levels)) {
            Some(goals) => old_goals.extend(goals),
            None => {
                unparsed_at_ref.insert(name.clone());
                not_compared.push(NotCompared {
                    file: name,
                    why: "does not parse at the revision",
                });
            }
        }
    }
    let mut old_by_id: FxHashMap<&str, &GoalSnap> = FxHashMap::default();
    for g in &old_goals {
        old_by_id.entry(g.id.as_str()).or_insert(g);
    }

    let mut goals = Vec::new();
    let mut added = Vec::new();
    let mut broken_now = FxHashSet::default();
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (id, g) in ws.goal_ids() {
        let Some(name) = new_files.get(&(g.file.0 as usize)) else {
            continue;
        };
        if ws.is_broken(g.file) {
            if broken_now.insert(name.clone()) {
                not_compared.push(NotCompared {
                    file: name.clone(),
                    why: "does not parse now",
                });
            }
            continue;
        }
        if !seen.insert(g.id.value.as_str()) {
            continue;
        }
        let snap = GoalSnap::of(g, name.clone(), levels, |m| {
            ws.metrics.get(m.0 as usize).map(|b| &**b)
        });
        let scoped = in_scope(&ws.file(g.file).path);
        match old_by_id.get(g.id.value.as_str()) {
            Some(old) => {
                let changes = diff::fields(old, &snap);
                if scoped && !changes.is_empty() {
                    goals.push(change(
                        ChangeKind::Changed,
                        &snap,
                        Some(id),
                        Some(old),
                        changes,
                    ));
                }
            }
            // A goal in a file that did not parse at REF may have been there: not judged.
            None if unparsed_at_ref.contains(name) => {}
            None => added.push((id, snap, scoped)),
        }
    }
    let mut removed: Vec<&GoalSnap> = old_goals
        .iter()
        .filter(|g| ws.goal_by_id(&g.id).is_none())
        .collect();
    removed.sort_by(|a, b| a.id.cmp(&b.id));
    removed.dedup_by(|a, b| a.id == b.id);
    added.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    let mut renamed_from = FxHashSet::default();
    for (id, snap, scoped) in &added {
        let from = removed
            .iter()
            .find(|r| !renamed_from.contains(r.id.as_str()) && r.same_but_id(snap));
        match from {
            Some(old) => {
                renamed_from.insert(old.id.as_str());
                if *scoped {
                    let mut c = change(
                        ChangeKind::Renamed,
                        snap,
                        Some(*id),
                        Some(old),
                        diff::fields(old, snap),
                    );
                    c.old_id = Some(old.id.clone());
                    goals.push(c);
                }
            }
            None if *scoped => {
                goals.push(change(ChangeKind::Added, snap, Some(*id), None, Vec::new()));
            }
            None => {}
        }
    }
    for old in removed {
        if !renamed_from.contains(old.id.as_str()) && in_scope(&ws.root.join(&old.file)) {
            goals.push(change(
                ChangeKind::Removed,
                old,
                None,
                Some(old),
                Vec::new(),
            ));
        }
    }
    goals.sort_by(|a, b| a.id.cmp(&b.id).then(a.change.cmp(&b.change)));
    not_compared.sort_by(|a, b| a.file.cmp(&b.file));

    if goals
        .iter()
        .any(|g| g.changes.iter().any(FieldChange::is_judged))
    {
        blame::attribute(&repo, &mut blobs, &commit, &mut goals, levels)?;
    }
    Ok(Comparison {
        since: since.to_string(),
        commit,
        date,
        goals,
        not_compared,
    })
}

fn change(
    kind: ChangeKind,
    snap: &GoalSnap,
    goal: Option<GoalId>,
    old: Option<&GoalSnap>,
    changes: Vec<FieldChange>,
) -> GoalChange {
    GoalChange {
        change: kind,
        id: snap.id.clone(),
        old_id: None,
        title: snap.title.clone(),
        file: snap.file.clone(),
        changes,
        goal,
        old: old.cloned(),
    }
}
