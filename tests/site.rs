//! `goalc report --site DIR` and the reports that fit: the site of the example (its pages, the
//! links between them both ways, the counts each page narrows to), its determinism and where
//! it refuses to write; the Markdown report under 1 MiB with its tables whole; the single page
//! that leaves its goal cards out past the limit.

mod common;

use common::{goalc, workspace};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// Every file of a folder, by path relative to it, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The relative links of a page (fragments dropped), resolved against its folder.
fn links(page: &str, html: &str) -> BTreeSet<String> {
    let base = Path::new(page).parent().unwrap_or(Path::new(""));
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| !href.starts_with('#'))
        .map(|href| {
            let href = href.split('#').next().unwrap();
            let mut parts: Vec<String> = base
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            for part in href.split('/') {
                match part {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    p => parts.push(p.to_string()),
                }
            }
            parts.join("/")
        })
        .collect()
}

fn site(dir: &Path, out: &Path, extra: &[&str]) -> common::Run {
    let mut args = vec!["report", "--site", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    goalc(dir, &args)
}

#[test]
fn the_example_site_has_an_index_a_page_per_team_and_person_linked_both_ways() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = site(&example("learning"), &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages: BTreeMap<String, String> = files(&out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect();
    let teams: Vec<&String> = pages.keys().filter(|p| p.starts_with("teams/")).collect();
    let people: Vec<&String> = pages.keys().filter(|p| p.starts_with("people/")).collect();
    assert!(pages.contains_key("index.html"));
    // The example's four teams and every owner of a goal.
    assert_eq!(teams.len(), 4, "{teams:?}");
    let report: Value =
        serde_json::from_str(&goalc(&example("learning"), &["report", "--format", "json"]).stdout)
            .unwrap();
    let owners: BTreeSet<&str> = report["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["owner"].as_str())
        .collect();
    assert_eq!(people.len(), owners.len(), "{people:?} for {owners:?}");

    for (page, html) in &pages {
        assert!(html.starts_with("<!DOCTYPE html>"), "{page}");
        assert!(!html.contains("<script"), "{page}");
        for target in links(page, html) {
            assert!(
                pages.contains_key(&target),
                "{page} links to {target}, which is missing"
            );
        }
    }
    let index = links("index.html", &pages["index.html"]);
    for team in &teams {
        assert!(index.contains(*team), "the index does not link to {team}");
        let team_links = links(team, &pages[*team]);
        assert!(
            team_links.contains("index.html"),
            "{team} does not link back to the index"
        );
        for person in team_links.iter().filter(|l| l.starts_with("people/")) {
            assert!(
                links(person, &pages[person]).contains(*team),
                "{person} does not link back to {team}"
            );
        }
    }
    for person in &people {
        let back = links(person, &pages[*person]);
        assert!(
            back.contains("index.html"),
            "{person} does not link to the index"
        );
        // Reached from a team page that it links to, or from the index when it has no team.
        let from: Vec<&String> = pages
            .keys()
            .filter(|p| links(p, &pages[*p]).contains(*person))
            .collect();
        assert!(
            from.iter().any(|p| back.contains(*p)),
            "{person} is linked from {from:?} and links to none of them"
        );
    }
    // Each page shows its own goals only: a person's page holds their goals as matches.
    let soren = pages
        .iter()
        .find(|(p, _)| p.as_str() == "people/soren.html")
        .map(|(_, h)| h)
        .expect("a page for soren");
    assert!(soren.contains("showing owner <strong>soren</strong>"));
}

#[test]
fn filters_narrow_the_findings_counts_on_a_report_and_on_the_site() {
    let broken = example("broken");
    let whole: Value =
        serde_json::from_str(&goalc(&broken, &["report", "--format", "json"]).stdout).unwrap();
    let total = |r: &Value| {
        r["summary"]["errors"].as_u64().unwrap() + r["summary"]["warnings"].as_u64().unwrap()
    };
    assert_eq!(total(&whole), 15);
    let run = goalc(&broken, &["report", "--format", "json", "--owner", "bjorn"]);
    let mine: Value = serde_json::from_str(&run.stdout).unwrap();
    // What the page lists about the matching goals, and about no goal in their files, is
    // what it counts: not the whole workspace's 15.
    let listed = mine["goals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["in_filter"] == true)
        .map(|g| g["findings"].as_array().unwrap().len() as u64)
        .sum::<u64>()
        + mine["findings"].as_array().unwrap().len() as u64;
    assert_eq!(total(&mine), listed, "{}", mine["summary"]);
    assert!(total(&mine) < total(&whole), "{}", mine["summary"]);
    assert!(total(&mine) > 0, "bjorn's goals have findings");

    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let run = site(&broken, &out, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let count = |page: &str| -> u64 {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        ["errors</span> ", "warnings</span> "]
            .iter()
            .map(|label| {
                let at = html.find(label).unwrap() + label.len();
                html[at..]
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .unwrap()
                    .parse::<u64>()
                    .unwrap()
            })
            .sum()
    };
    assert_eq!(count("index.html"), total(&whole));
    assert_eq!(count("people/bjorn.html"), total(&mine));
}

#[test]
fn the_site_is_byte_identical_between_runs_and_replaces_only_its_own_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(site(&example("learning"), &a, &[]).code, 0);
    assert_eq!(site(&example("learning"), &b, &[]).code, 0);
    let first = files(&a);
    assert!(first.len() > 10);
    assert_eq!(first, files(&b), "two runs differ");

    // Written again over itself: replaced whole, a stale page gone, nothing left beside it.
    std::fs::write(a.join("people/left-the-company.html"), "old").unwrap();
    assert_eq!(site(&example("learning"), &a, &[]).code, 0);
    assert_eq!(files(&a), first);
    let beside: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside.len(), 2, "{beside:?}");

    // Never over a folder of anything else, nor one holding an input of the run.
    let mine = tmp.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    let run = site(&example("learning"), &mine, &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("did not write"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
        "keep"
    );

    let ws = workspace(&[(
        "a.plan.toml",
        &std::fs::read_to_string(example("learning").join("org.plan.toml")).unwrap(),
    )]);
    let run = goalc(ws.path(), &["report", "--site", "."]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("input of this run"), "{}", run.stderr);
    assert!(ws.path().join("a.plan.toml").is_file());
    let run = goalc(ws.path(), &["report", "--site", "out", "--format", "md"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// A workspace of `goals` goals with long titles: its whole Markdown report is several MB.
fn large(goals: usize) -> tempfile::TempDir {
    let mut plan = String::from(
        "[plan]\ntitle = \"Large\"\nowner = \"ada\"\nstart = 2026-01-01\nend = 2026-12-31\n\n\
         [people.ada]\nname = \"Ada\"\nteam = \"core\"\n\n",
    );
    for i in 0..goals {
        // every tenth goal far behind: the page's "Needs attention" names it
        let value = if i % 10 == 0 { 15 } else { 40 };
        plan.push_str(&format!(
            "[goals.g{i}]\ntitle = \"Raise the share of {i} long-titled widgets shipped to 90 %\"\n\
             owner = \"ada\"\n[goals.g{i}.metrics.m]\ntitle = \"Widgets shipped {i}\"\nunit = \"%\"\n\
             baseline = 10\ntarget = 90\ncheckins = [{{ date = 2026-03-01, value = {value} }}]\n\n"
        ));
    }
    workspace(&[
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("large.plan.toml", &plan),
    ])
}

/// Every table's rows have as many cells as its header.
fn tables_are_whole(md: &str) -> usize {
    let lines: Vec<&str> = md.lines().collect();
    let cells = |l: &str| l.replace("\\|", "").matches('|').count();
    let mut tables = 0;
    let mut i = 0;
    while i + 1 < lines.len() {
        if lines[i].starts_with('|') && lines[i + 1].starts_with("|---") {
            tables += 1;
            let width = cells(lines[i]);
            assert_eq!(cells(lines[i + 1]), width, "{}", lines[i]);
            let mut j = i + 2;
            while j < lines.len() && lines[j].starts_with('|') {
                assert_eq!(
                    cells(lines[j]),
                    width,
                    "row {j} of the table at {i}: {}",
                    lines[j]
                );
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    tables
}

#[test]
fn markdown_stays_under_a_mebibyte_and_says_what_it_left_out() {
    let ws = large(3000);
    let whole = goalc(
        ws.path(),
        &[
            "report",
            "--format",
            "md",
            "--template",
            concat!(env!("CARGO_MANIFEST_DIR"), "/templates/report.md.hbs"),
        ],
    );
    assert!(
        whole.stdout.len() > 1 << 20,
        "the whole report is {} bytes",
        whole.stdout.len()
    );
    let run = goalc(ws.path(), &["report", "--format", "md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md = &run.stdout;
    assert!(md.len() < 1 << 20, "{} bytes", md.len());
    assert!(
        md.contains("This report leaves out 2000 goals"),
        "{}",
        &md[..md.len().min(2000)]
    );
    assert!(md.contains("--site DIR"));
    assert!(md.contains("## Summary by level") && md.contains("## Summary by team"));
    assert!(
        md.contains("| core | 3000 |"),
        "the team table counts every goal"
    );
    assert!(tables_are_whole(md) >= 4);
    // A report that fits is left whole.
    let small = goalc(&example("learning"), &["report", "--format", "md"]);
    assert!(!small.stdout.contains("leaves out"));
}

#[test]
fn a_single_page_past_the_limit_leaves_the_goal_cards_out_and_says_so() {
    let ws = large(600);
    let run = goalc(ws.path(), &["report"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = &run.stdout;
    assert!(
        html.contains(
            "This page leaves out the alignment tree and the goal cards of its 600 goals"
        )
    );
    assert!(html.contains("goalc report --site DIR"));
    assert!(!html.contains("class=\"goal-card"), "no card is rendered");
    assert!(html.contains("Needs attention") && html.contains("class=\"why\""));
    assert_no_dangling_anchor(html);
    // The data stays whole.
    let json: Value =
        serde_json::from_str(&goalc(ws.path(), &["report", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["goals"].as_array().unwrap().len(), 600);
    // A site of it: the index leaves them out, the person page of their owner too (600 goals),
    // and says the pages linked below have them.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s");
    assert_eq!(site(ws.path(), &out, &[]).code, 0);
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains("The pages linked below have them"));
    assert_no_dangling_anchor(&index);
}

/// Every `href="#x"` of a page has its `id="x"`: a section left out takes its links along.
fn assert_no_dangling_anchor(html: &str) {
    for link in html.split("href=\"#").skip(1) {
        let anchor = link.split('"').next().unwrap_or_default();
        assert!(
            html.contains(&format!("id=\"{anchor}\"")),
            "a link to #{anchor}, which the page does not hold"
        );
    }
}
