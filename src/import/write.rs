//! Laying an import out as a workspace: one plan per owner and period under `people/`, team
//! goals under `teams/`, check-ins in a progress file beside their plan, a roster, and a
//! goalc.toml when the folder has none.
//!
//! The text depends only on what was imported, never on the clock or the folder, so the same
//! input gives the same bytes; and fields that say what the defaults already say are left
//! out, so the same workspace, however it was written, gives the same files.

use super::model::{Checkin, Goal, Import, Kind, Period, slug};
use crate::base::date::Date;
use crate::base::fsio;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where an import came from, for the header of every file.
pub struct Source<'a> {
    /// `lark`, `csv` or `xlsx`.
    pub format: &'a str,
    /// The input's file name (not its path, which differs between machines).
    pub name: &'a str,
}

/// The files an import writes, paths relative to the output folder, sorted.
#[derive(Debug)]
pub struct Layout {
    pub files: Vec<(PathBuf, String)>,
    pub goals: usize,
    pub metrics: usize,
    pub checkins: usize,
    pub people: usize,
}

struct Group<'a> {
    dir: &'static str,
    name: String,
    period: Period,
    team: Option<&'a str>,
    goals: Vec<&'a Goal>,
}

/// The period of a goal the source gave none for: the half year that holds its dates, else
/// the year, else the years they span; a goal without dates falls in `default_year`.
pub fn derive_period(start: Option<Date>, due: Option<Date>, default_year: i32) -> Period {
    let half = |d: Date| {
        let (y, m, _) = d.ymd();
        (y, if m <= 6 { 1 } else { 2 })
    };
    match (start, due) {
        (Some(s), Some(d)) if half(s) == half(d) => half_period(half(s).0, half(s).1),
        (Some(s), Some(d)) if s.ymd().0 == d.ymd().0 => year_period(s.ymd().0),
        (Some(s), Some(d)) => {
            let (a, b) = (s.ymd().0.min(d.ymd().0), s.ymd().0.max(d.ymd().0));
            years_period(a, b)
        }
        (Some(one), None) | (None, Some(one)) => half_period(half(one).0, half(one).1),
        (None, None) => year_period(default_year),
    }
}

fn ymd(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd(y, m, d).unwrap_or_else(|| Date::from_ymd(1970, 1, 1).unwrap_or(Date::today()))
}

pub fn half_period(year: i32, half: u32) -> Period {
    let (start, end) = if half == 1 {
        (ymd(year, 1, 1), ymd(year, 6, 30))
    } else {
        (ymd(year, 7, 1), ymd(year, 12, 31))
    };
    Period {
        slug: format!("{year}-h{half}"),
        title: format!("{year} H{half}"),
        start,
        end,
    }
}

pub fn quarter_period(year: i32, q: u32) -> Period {
    let (sm, em, ed) = match q {
        1 => (1, 3, 31),
        2 => (4, 6, 30),
        3 => (7, 9, 30),
        _ => (10, 12, 31),
    };
    Period {
        slug: format!("{year}-q{q}"),
        title: format!("{year} Q{q}"),
        start: ymd(year, sm, 1),
        end: ymd(year, em, ed),
    }
}

pub fn year_period(year: i32) -> Period {
    Period {
        slug: year.to_string(),
        title: year.to_string(),
        start: ymd(year, 1, 1),
        end: ymd(year, 12, 31),
    }
}

fn years_period(a: i32, b: i32) -> Period {
    Period {
        slug: format!("{a}-{b}"),
        title: format!("{a}–{b}"),
        start: ymd(a, 1, 1),
        end: ymd(b, 12, 31),
    }
}

/// Lays the import out. `levels` are the workspace's, top first; every goal's level is one
/// of them (the importers check).
pub fn layout(
    import: &Import,
    source: &Source<'_>,
    levels: &[String],
    default_year: i32,
    with_config: bool,
) -> Layout {
    let bottom = levels.last().map(String::as_str).unwrap_or("individual");
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: HashMap<(&'static str, String, String, Option<&str>), usize> = HashMap::new();
    for goal in &import.goals {
        let period = goal
            .period
            .clone()
            .unwrap_or_else(|| derive_period(goal.start, goal.due, default_year));
        let level = goal.level.as_deref().unwrap_or(bottom);
        let team = goal.team.as_deref();
        let (dir, name, team_key) = match team {
            Some(t) if level != bottom => ("teams", slug(t, "team"), Some(t)),
            _ => ("people", slug(&goal.owner, "owner"), team),
        };
        let key = (dir, name.clone(), period.slug.clone(), team_key);
        let at = *index.entry(key).or_insert_with(|| {
            groups.push(Group {
                dir,
                name,
                period,
                team: team_key,
                goals: Vec::new(),
            });
            groups.len() - 1
        });
        if let Some(g) = groups.get_mut(at) {
            g.goals.push(goal);
        }
    }

    // A person with goals in two teams in one period gets a plan per team.
    let mut per_stem: HashMap<(&str, String), usize> = HashMap::new();
    for g in &groups {
        *per_stem
            .entry((g.dir, format!("{}-{}", g.name, g.period.slug)))
            .or_default() += 1;
    }
    let mut stems = super::model::Unique::default();
    let mut files = Vec::new();
    let header = header(source);
    let mut checkins = 0;
    for g in &groups {
        let base = format!("{}-{}", g.name, g.period.slug);
        let base = if per_stem.get(&(g.dir, base.clone())).copied().unwrap_or(0) > 1 {
            format!(
                "{base}-{}",
                g.team.map_or("no-team".into(), |t| slug(t, "team"))
            )
        } else {
            base
        };
        let stem = stems.take(&format!("{}/{base}", g.dir));
        let (plan, progress, n) = render_plan(g, &header, bottom);
        checkins += n;
        files.push((PathBuf::from(format!("{stem}.plan.toml")), plan));
        if let Some(progress) = progress {
            files.push((PathBuf::from(format!("{stem}.progress.toml")), progress));
        }
    }

    let roster = roster(import);
    let people = roster.len();
    if let Some(text) = render_roster(&roster, &groups, &header) {
        files.push((PathBuf::from("roster.plan.toml"), text));
    }
    if with_config {
        files.push((
            PathBuf::from(crate::settings::FILE_NAME),
            crate::init::CONFIG.to_string(),
        ));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Layout {
        files,
        goals: import.goals.len(),
        metrics: import.goals.iter().map(|g| g.metrics.len()).sum(),
        checkins,
        people,
    }
}

fn header(source: &Source<'_>) -> String {
    format!(
        "# Imported by `goalc import {}` from {}.\n\
         # Importing it again writes the same file; it is replaced only with `--force`.\n",
        source.format,
        source.name.replace(['\n', '\r'], " ")
    )
}

/// Everyone the workspace names: owners, metric owners and the people the source mentions,
/// sorted by id, with the first name given for each.
fn roster(import: &Import) -> Vec<(String, Option<String>)> {
    let mut names: HashMap<&str, Option<&str>> = HashMap::new();
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for g in &import.goals {
        ids.insert(&g.owner);
        for m in &g.metrics {
            if let Some(o) = &m.owner {
                ids.insert(o);
            }
        }
    }
    for p in &import.people {
        ids.insert(&p.id);
        let slot = names.entry(&p.id).or_insert(None);
        if slot.is_none() {
            *slot = p.name.as_deref();
        }
    }
    ids.into_iter()
        .map(|id| {
            (
                id.to_string(),
                names.get(id).copied().flatten().map(str::to_string),
            )
        })
        .collect()
}

fn render_roster(
    roster: &[(String, Option<String>)],
    groups: &[Group<'_>],
    header: &str,
) -> Option<String> {
    let (first, _) = roster.first()?;
    let start = groups.iter().map(|g| g.period.start).min()?;
    let end = groups.iter().map(|g| g.period.end).max()?;
    let mut out = String::new();
    out.push_str(header);
    out.push_str(
        "# The roster: every owner and person the imported goals name. Ids are global.\n\n",
    );
    out.push_str("[plan]\ntitle = \"Roster\"\n");
    let _ = writeln!(out, "owner = {}", string(first));
    let _ = writeln!(out, "start = {start}\nend = {end}");
    for (id, name) in roster {
        let _ = writeln!(out, "\n[people.{}]", key(id));
        let _ = writeln!(out, "name = {}", string(name.as_deref().unwrap_or(id)));
    }
    Some(out)
}

/// A plan file and its progress file (when any check-in), and the number of check-ins.
fn render_plan(g: &Group<'_>, header: &str, bottom: &str) -> (String, Option<String>, usize) {
    let mut out = String::new();
    out.push_str(header);
    out.push('\n');
    let owner = g.goals.first().map_or("", |x| x.owner.as_str());
    let title = match (g.dir, g.team) {
        ("teams", Some(team)) => format!("{team}, {}", g.period.title),
        _ => format!("{owner}, {}", g.period.title),
    };
    out.push_str("[plan]\n");
    let _ = writeln!(out, "title = {}", string(&title));
    let _ = writeln!(out, "owner = {}", string(owner));
    if let Some(team) = g.team {
        let _ = writeln!(out, "team = {}", string(team));
    }
    let _ = writeln!(out, "start = {}\nend = {}", g.period.start, g.period.end);

    let mut progress = String::new();
    let mut count = 0;
    for goal in &g.goals {
        let _ = writeln!(out, "\n[goals.{}]", key(&goal.id));
        let _ = writeln!(out, "title = {}", string(&goal.title));
        let _ = writeln!(
            out,
            "framework = {}",
            string(goal.framework.as_deref().unwrap_or("hard"))
        );
        let _ = writeln!(
            out,
            "level = {}",
            string(goal.level.as_deref().unwrap_or(bottom))
        );
        let _ = writeln!(out, "owner = {}", string(&goal.owner));
        let start = goal.start.unwrap_or(g.period.start);
        let due = goal.due.unwrap_or(g.period.end);
        if start != g.period.start {
            let _ = writeln!(out, "start = {start}");
        }
        if due != g.period.end {
            let _ = writeln!(out, "due = {due}");
        }
        if !goal.aligns_to.is_empty() {
            let list: Vec<String> = goal.aligns_to.iter().map(|a| string(a)).collect();
            let _ = writeln!(out, "aligns_to = [{}]", list.join(", "));
        }
        for elsewhere in &goal.aligns_elsewhere {
            let _ = writeln!(
                out,
                "# also aligns to {} (not in the imported data)",
                elsewhere.replace(['\n', '\r'], " ")
            );
        }
        if let Some(w) = goal.weight.filter(|w| *w != 1.0) {
            let _ = writeln!(out, "weight = {}", number(w));
        }
        if let Some(s) = goal.score {
            let _ = writeln!(out, "score = {}", number(s));
        }
        for m in &goal.metrics {
            let _ = writeln!(out, "\n[goals.{}.metrics.{}]", key(&goal.id), key(&m.id));
            if let Some(t) = &m.title {
                let _ = writeln!(out, "title = {}", string(t));
            }
            if let Some(kind) = m.kind.filter(|k| *k != Kind::Number) {
                let _ = writeln!(out, "kind = {}", string(kind.as_str()));
            }
            if let Some(o) = m.owner.as_ref().filter(|o| **o != goal.owner) {
                let _ = writeln!(out, "owner = {}", string(o));
            }
            if let Some(d) = m.due.filter(|d| *d != due) {
                let _ = writeln!(out, "due = {d}");
            }
            if let Some(u) = &m.unit {
                let _ = writeln!(out, "unit = {}", string(u));
            }
            for (name, v) in [
                ("baseline", m.baseline),
                ("target", m.target),
                ("min", m.min),
                ("max", m.max),
            ] {
                if let Some(v) = v {
                    let _ = writeln!(out, "{name} = {}", number(v));
                }
            }
            if let Some(w) = m.weight.filter(|w| *w != 1.0) {
                let _ = writeln!(out, "weight = {}", number(w));
            }
            for c in &m.checkins {
                count += 1;
                render_checkin(&mut progress, &goal.id, &m.id, c);
            }
        }
    }
    let progress = (!progress.is_empty()).then(|| {
        format!(
            "{header}# The check-ins of the goals in the plan file beside this one.\n{progress}"
        )
    });
    (out, progress, count)
}

fn render_checkin(out: &mut String, goal: &str, metric: &str, c: &Checkin) {
    let _ = writeln!(out, "\n[[checkin]]");
    let _ = writeln!(out, "metric = {}", string(&format!("{goal}.{metric}")));
    let _ = writeln!(out, "date = {}", c.date);
    if let Some(v) = c.value {
        let _ = writeln!(out, "value = {}", number(v));
    }
    if let Some(s) = c.status {
        let _ = writeln!(out, "status = {}", string(s));
    }
    if let Some(s) = c.score {
        let _ = writeln!(out, "score = {}", number(s));
    }
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(id: &str) -> String {
    if !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        id.to_string()
    } else {
        string(id)
    }
}

/// A TOML basic string.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as TOML (and CSV) write it: whole numbers without a fraction, others in their
/// shortest exact form.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

/// The files of `layout` that already exist under `out`.
pub fn existing(out: &Path, layout: &Layout) -> Vec<PathBuf> {
    layout
        .files
        .iter()
        .map(|(p, _)| out.join(p))
        .filter(|p| p.exists())
        .collect()
}

/// Writes every file, each atomically, through [`fsio::write_atomic_all`].
pub fn write(out: &Path, layout: &Layout) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::with_capacity(layout.files.len());
    for (rel, text) in &layout.files {
        let path = out.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        files.push((path, text.as_bytes()));
    }
    fsio::write_atomic_all(&files)
        .map_err(|(path, e)| format!("cannot write {}: {e}", path.display()))?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_hold_the_goal_dates() {
        let d = |s| Date::parse(s).unwrap();
        assert_eq!(
            derive_period(Some(d("2026-01-01")), Some(d("2026-06-30")), 2000).slug,
            "2026-h1"
        );
        assert_eq!(
            derive_period(Some(d("2026-01-01")), Some(d("2026-12-31")), 2000).slug,
            "2026"
        );
        assert_eq!(
            derive_period(None, Some(d("2027-08-01")), 2000).slug,
            "2027-h2"
        );
        assert_eq!(
            derive_period(Some(d("2026-05-01")), Some(d("2027-02-01")), 2000).slug,
            "2026-2027"
        );
        assert_eq!(derive_period(None, None, 2031).slug, "2031");
    }

    #[test]
    fn numbers_and_strings_are_valid_toml() {
        assert_eq!(number(85.0), "85");
        assert_eq!(number(0.7), "0.7");
        assert_eq!(number(1e20), "1e20");
        assert_eq!(string("a \"b\"\n\u{1}"), "\"a \\\"b\\\"\\n\\u0001\"");
    }
}
