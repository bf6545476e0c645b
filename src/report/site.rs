//! `goalc report --site DIR`: the review page of the whole workspace as `index.html`, and one
//! page per team (`teams/*.html`) and per person owning a goal (`people/*.html`), linked both
//! ways, each page the same self-contained template as the single-page report.
//!
//! A page of more than [`CARD_LIMIT`] goals leaves out its alignment tree and goal cards (and
//! a People table of more than [`PEOPLE_LIMIT`] rows): at 3.6 KB of HTML a goal, the 73,000
//! goals of a large workspace made one 260 MB page no browser opens. The team and person pages
//! carry them instead, each small.
//!
//! The site is written into a fresh folder beside DIR and renamed into place whole, so that a
//! reader never sees half a site, and stale pages of people who left do not linger.

// Indexing here is by GoalId values the resolver created as positions in the very vectors
// indexed, never by a number read from a file.
#![allow(clippy::indexing_slicing)]

use super::build::{Shared, build_with};
use super::render::{Format, RenderFailure, render, render_page};
use super::{Filters, Report};
use crate::check::Checked;
use crate::workspace::GoalId;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Past this many goals a page leaves out its alignment tree and goal cards.
pub const CARD_LIMIT: usize = 500;

/// Past this many rows a page leaves out its People table.
pub const PEOPLE_LIMIT: usize = 1000;

/// The file in a site's folder that says goalc wrote it, so that writing the site again may
/// replace the folder, and never a folder of anything else.
const MARKER: &str = ".goalc-site";

/// What a page leaves out because it would be too large to open.
#[derive(Serialize, Clone, Debug)]
pub struct LeftOut {
    /// The goals whose tree rows and cards are left out (every goal shown), or 0.
    pub goals: usize,
    /// The rows of the People table left out, or 0.
    pub people: usize,
    /// The goals past which a page leaves them out.
    pub limit: usize,
    /// The goals still listed (the Markdown report lists the first ones, top level first).
    pub kept: usize,
    /// Whether the lists of claims and of other findings are left out too.
    pub lists: bool,
}

/// The links of one page of a site to the others.
#[derive(Serialize, Clone, Debug)]
pub struct SiteNav {
    /// `index`, `team` or `person`.
    pub page: &'static str,
    /// The index, relative to this page; null on the index itself.
    pub index: Option<String>,
    /// The pages this one is part of: a person's teams.
    pub up: Vec<NavLink>,
    /// The team pages (on the index).
    pub teams: Vec<NavLink>,
    /// The person pages: a team's people, or on the index the people of no team.
    pub people: Vec<NavLink>,
}

#[derive(Serialize, Clone, Debug)]
pub struct NavLink {
    pub name: String,
    /// The id, for a person.
    pub id: Option<String>,
    pub href: String,
    /// Goals on that page that match.
    pub goals: usize,
}

/// Leaves out what would make the page too large to open: past [`CARD_LIMIT`] shown goals,
/// the alignment tree and the goal cards (and the links that pointed to them); past
/// [`PEOPLE_LIMIT`] rows, the People table.
pub fn limit(report: &mut Report<'_>) {
    let shown = report.summary.goals + report.summary.context_goals;
    let mut left_out = LeftOut {
        goals: 0,
        people: 0,
        limit: CARD_LIMIT,
        kept: 0,
        lists: false,
    };
    if shown > CARD_LIMIT {
        left_out.goals = shown;
        report.goals = Vec::new();
        report.tree = Vec::new();
        for claim in &mut report.claims {
            claim.node = None;
        }
        for row in &mut report.attention {
            row.node = None;
        }
        for row in &mut report.achieved {
            row.node = None;
        }
        if let Some(changes) = &mut report.changes {
            for goal in &mut changes.goals {
                goal.node = None;
            }
        }
    }
    if report.people.len() > PEOPLE_LIMIT {
        left_out.people = report.people.len();
        report.people = Vec::new();
    }
    if left_out.goals > 0 || left_out.people > 0 {
        report.left_out = Some(left_out);
    }
}

/// Why a site could not be written.
#[derive(Debug)]
pub enum SiteFailure {
    /// The folder given holds what goalc did not write, or an input of the run.
    Refused(String),
    Render(String, RenderFailure),
    Io(String, std::io::Error),
}

/// A page to write: where, what it shows and its links.
struct Page {
    path: String,
    filters: Filters,
    candidates: Vec<GoalId>,
    nav: SiteNav,
}

/// Writes the site of `checked`, narrowed by `filters` on every page, into `dir`; ids beside
/// names when `show_ids`.
pub fn write_site(
    checked: &Checked,
    filters: &Filters,
    dir: &Path,
    show_ids: bool,
) -> Result<usize, SiteFailure> {
    let target = prepare(dir, &checked.inputs)?;
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let io = |what: &Path, e: std::io::Error| SiteFailure::Io(what.display().to_string(), e);
    let staged = tempfile::Builder::new()
        .prefix(".goalc-site-")
        .tempdir_in(&parent)
        .map_err(|e| io(&parent, e))?;
    let root = staged.path();
    for sub in ["teams", "people"] {
        std::fs::create_dir(root.join(sub)).map_err(|e| io(&root.join(sub), e))?;
    }
    std::fs::write(
        root.join(MARKER),
        "This folder is a site written by `goalc report --site`; writing it again replaces it.\n",
    )
    .map_err(|e| io(&root.join(MARKER), e))?;

    let shared = Shared::new(checked)
        .with_card_limit(CARD_LIMIT)
        .with_show_ids(show_ids);
    let (index, pages) = plan(checked, filters);
    let count = pages.len() + 1;
    // The index is one large report: rendered with the lazy lists, on every core.
    {
        let mut report = build_with(checked, filters, &shared, None);
        limit(&mut report);
        report.site = Some(index.nav);
        let file = std::fs::File::create(root.join(&index.path))
            .map_err(|e| SiteFailure::Io(index.path.clone(), e))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        render(report, Format::Html, None, &mut out)
            .map_err(|e| SiteFailure::Render(index.path.clone(), e))?;
        std::io::Write::flush(&mut out).map_err(|e| SiteFailure::Io(index.path.clone(), e))?;
    }
    // The other pages are many small ones: one per core at a time.
    pages.into_par_iter().try_for_each(|page| {
        let Page {
            path,
            filters,
            candidates,
            nav,
        } = page;
        write_page(
            checked,
            &shared,
            &filters,
            Some(&candidates),
            &path,
            nav,
            root,
        )
    })?;
    swap_into_place(staged, &target)?;
    Ok(count)
}

fn write_page(
    checked: &Checked,
    shared: &Shared<'_>,
    filters: &Filters,
    candidates: Option<&[GoalId]>,
    path: &str,
    nav: SiteNav,
    root: &Path,
) -> Result<(), SiteFailure> {
    let mut report = build_with(checked, filters, shared, candidates);
    limit(&mut report);
    report.site = Some(nav);
    let file =
        std::fs::File::create(root.join(path)).map_err(|e| SiteFailure::Io(path.to_string(), e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
    render_page(report, &mut out).map_err(|e| SiteFailure::Render(path.to_string(), e))?;
    std::io::Write::flush(&mut out).map_err(|e| SiteFailure::Io(path.to_string(), e))
}

/// The index and every team and person page, with their links, in a fixed order.
fn plan(checked: &Checked, filters: &Filters) -> (Page, Vec<Page>) {
    let ws = &checked.workspace;
    let mut teams: BTreeMap<&str, Vec<GoalId>> = BTreeMap::new();
    let mut owners: BTreeMap<&str, Vec<GoalId>> = BTreeMap::new();
    let mut owner_teams: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (id, g) in ws.goal_ids() {
        if !checked.in_scope[g.file.0 as usize] || !filters.matches(ws, g) {
            continue;
        }
        let team = ws.team(g);
        if let Some(t) = team {
            teams.entry(t).or_default().push(id);
        }
        if let Some(o) = &g.owner {
            let o = o.id.value.as_str();
            owners.entry(o).or_default().push(id);
            let list = owner_teams.entry(o).or_default();
            if let Some(t) = team
                && !list.contains(&t)
            {
                list.push(t);
            }
        }
    }
    let mut names = Names::default();
    let team_file: BTreeMap<&str, String> = teams
        .keys()
        .map(|t| (*t, format!("teams/{}.html", names.unique(t, "team"))))
        .collect();
    let person_file: BTreeMap<&str, String> = owners
        .keys()
        .map(|o| (*o, format!("people/{}.html", names.unique(o, "person"))))
        .collect();
    let person_name = |id: &str| -> String {
        ws.person_by_id(id)
            .and_then(|p| ws.person(p).name.as_ref())
            .map_or_else(|| id.to_string(), |n| n.value.as_str().to_string())
    };
    let person_link = |id: &str, prefix: &str| NavLink {
        name: person_name(id),
        id: Some(id.to_string()),
        href: format!("{prefix}{}", person_file.get(id).map_or("", String::as_str)),
        goals: owners.get(id).map_or(0, Vec::len),
    };
    let team_link = |team: &str, prefix: &str| NavLink {
        name: team.to_string(),
        id: None,
        href: format!("{prefix}{}", team_file.get(team).map_or("", String::as_str)),
        goals: teams.get(team).map_or(0, Vec::len),
    };

    let index = Page {
        path: "index.html".into(),
        filters: filters.clone(),
        candidates: Vec::new(),
        nav: SiteNav {
            page: "index",
            index: None,
            up: Vec::new(),
            teams: teams.keys().map(|t| team_link(t, "")).collect(),
            people: owner_teams
                .iter()
                .filter(|(_, t)| t.is_empty())
                .map(|(o, _)| person_link(o, ""))
                .collect(),
        },
    };
    let mut pages = Vec::with_capacity(teams.len() + owners.len());
    for (team, goals) in &teams {
        let mut members: Vec<&str> = owner_teams
            .iter()
            .filter(|(_, t)| t.contains(team))
            .map(|(o, _)| *o)
            .collect();
        members.sort_unstable();
        pages.push(Page {
            path: team_file.get(team).cloned().unwrap_or_default(),
            filters: Filters {
                team: Some((*team).to_string()),
                ..filters.clone()
            },
            candidates: goals.clone(),
            nav: SiteNav {
                page: "team",
                index: Some("../index.html".into()),
                up: Vec::new(),
                teams: Vec::new(),
                people: members.iter().map(|o| person_link(o, "../")).collect(),
            },
        });
    }
    for (owner, goals) in &owners {
        pages.push(Page {
            path: person_file.get(owner).cloned().unwrap_or_default(),
            filters: Filters {
                owner: Some((*owner).to_string()),
                ..filters.clone()
            },
            candidates: goals.clone(),
            nav: SiteNav {
                page: "person",
                index: Some("../index.html".into()),
                up: owner_teams
                    .get(owner)
                    .map(|ts| ts.iter().map(|t| team_link(t, "../")).collect())
                    .unwrap_or_default(),
                teams: Vec::new(),
                people: Vec::new(),
            },
        });
    }
    (index, pages)
}

/// File names from ids: lowercase letters, digits, `-` and `_` (the same on every file
/// system, case-insensitive ones included), made unique with a number.
#[derive(Default)]
struct Names {
    taken: std::collections::HashSet<String>,
}

impl Names {
    fn unique(&mut self, id: &str, fallback: &str) -> String {
        let mut base: String = id
            .chars()
            .flat_map(char::to_lowercase)
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '-'
                }
            })
            .take(80)
            .collect();
        if base.trim_matches('-').is_empty() {
            base = fallback.to_string();
        }
        // Names Windows keeps for devices, whatever the extension.
        const DEVICES: [&str; 22] = [
            "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
            "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
        ];
        if DEVICES.contains(&base.as_str()) {
            base.push('_');
        }
        let mut name = base.clone();
        let mut n = 2;
        while !self.taken.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        name
    }
}

/// Where the site goes: DIR, or where its symlink points. Refused when DIR holds anything
/// goalc did not write, or any input of the run.
fn prepare(dir: &Path, inputs: &[PathBuf]) -> Result<PathBuf, SiteFailure> {
    let shown = dir.display();
    let meta = match std::fs::metadata(dir) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(dir.to_path_buf()),
        Err(e) => return Err(SiteFailure::Io(shown.to_string(), e)),
    };
    if !meta.is_dir() {
        return Err(SiteFailure::Refused(format!(
            "{shown} exists and is not a folder"
        )));
    }
    let target = std::fs::canonicalize(dir).map_err(|e| SiteFailure::Io(shown.to_string(), e))?;
    if let Some(input) = inputs
        .iter()
        .find(|i| std::fs::canonicalize(i).is_ok_and(|c| c.starts_with(&target)))
    {
        return Err(SiteFailure::Refused(format!(
            "refusing to write the site over {shown}: it holds an input of this run ({})",
            input.display()
        )));
    }
    let mut entries =
        std::fs::read_dir(&target).map_err(|e| SiteFailure::Io(shown.to_string(), e))?;
    let empty = entries.next().is_none();
    if !empty && !target.join(MARKER).is_file() {
        return Err(SiteFailure::Refused(format!(
            "refusing to replace {shown}: it holds files `goalc report --site` did not write \
             (name a new or empty folder)"
        )));
    }
    Ok(target)
}

/// Renames the staged site to `target`; an old site there is moved aside first and removed
/// after, so that `target` is never half written.
fn swap_into_place(staged: tempfile::TempDir, target: &Path) -> Result<(), SiteFailure> {
    let io = |e: std::io::Error| SiteFailure::Io(target.display().to_string(), e);
    if std::fs::symlink_metadata(target).is_err() {
        let path = staged.keep();
        return std::fs::rename(&path, target).map_err(|e| {
            let _ = std::fs::remove_dir_all(&path);
            io(e)
        });
    }
    let parent = staged
        .path()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let aside = tempfile::Builder::new()
        .prefix(".goalc-site-old-")
        .tempdir_in(&parent)
        .map_err(io)?;
    let aside_path = aside.keep();
    // An empty folder is replaced by a rename on every Unix; elsewhere it is removed first.
    if std::fs::rename(target, &aside_path).is_err() {
        std::fs::remove_dir(&aside_path).map_err(io)?;
        std::fs::rename(target, &aside_path).map_err(io)?;
    }
    let path = staged.keep();
    if let Err(e) = std::fs::rename(&path, target) {
        let _ = std::fs::rename(&aside_path, target);
        let _ = std::fs::remove_dir_all(&path);
        return Err(io(e));
    }
    std::fs::remove_dir_all(&aside_path).map_err(io)
}
