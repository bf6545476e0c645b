//! `goalc report`: reproducible renders of the example, the progress numbers against hand
//! computations, escaping, custom templates, filters and output.

mod common;

use common::{PLAN_HEADER, goalc, quiet_workspace, workspace};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning")
}

fn report(dir: &Path, args: &[&str]) -> common::Run {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    goalc(dir, &all)
}

fn report_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let run = report(dir, &all);
    assert!(run.code <= 1, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stderr))
}

fn goal<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["goals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap_or_else(|| panic!("no goal {id}"))
}

fn close(value: &Value, expected: f64) {
    let v = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"));
    assert!((v - expected).abs() < 1e-9, "{v} != {expected}");
}

#[test]
fn the_example_renders_byte_for_byte_the_same_in_every_format() {
    for format in ["html", "md", "json"] {
        let first = report(&example(), &["--format", format]);
        assert_eq!(first.code, 0, "{}", first.stderr);
        let second = report(&example(), &["--format", format]);
        assert_eq!(first.stdout, second.stdout, "{format} differs between runs");
        insta::assert_snapshot!(format!("example_{format}"), first.stdout);
    }
}

#[test]
fn html_is_self_contained_and_forbids_scripts() {
    let html = report(&example(), &[]).stdout;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none';"#)
    );
    for forbidden in ["<script", "http://", "https://", "<link", "@import"] {
        assert!(!html.contains(forbidden), "{forbidden} in the report");
    }
    // every goal card, every chart with a text alternative
    let example = report_json(&example(), &[]);
    let goals = example["goals"].as_array().unwrap().len();
    assert_eq!(html.matches("<article class=\"goal-card").count(), goals);
    assert_eq!(
        html.matches("<svg class=\"spark\"").count(),
        html.matches("<svg class=\"spark\" viewBox=\"0 0 240 64\" width=\"240\" height=\"64\" role=\"img\" aria-label=\"").count()
    );
}

const NUMBERS: &str = r#"
[goals.inc]
title = "An increase"
owner = "maria"
due = 2026-12-31
[goals.inc.metrics.m]
unit = "count"
baseline = 0
target = 100
checkins = [{ date = 2026-02-01, value = 20 }, { date = 2026-03-01, value = 30 }, { date = 2026-05-01, value = 99 }]

[goals.dec]
title = "A decrease"
owner = "maria"
due = 2026-12-31
[goals.dec.metrics.m]
unit = "days"
baseline = 90
target = 60
checkins = [{ date = 2026-03-01, value = 80 }]

[goals.nobase]
title = "No baseline"
owner = "maria"
due = 2026-12-31
[goals.nobase.metrics.m]
unit = "count"
target = 10
checkins = [{ date = 2026-03-01, value = 5 }]

[goals.skill]
title = "A mastery goal"
framework = "mastery"
owner = "maria"
due = 2026-12-31
skill = "facilitation"
milestones = [
  { title = "one", due = 2026-02-01, done = 2026-02-01 },
  { title = "two", due = 2026-03-01, done = 2026-05-01 },
  { title = "three", due = 2026-06-01 },
  { title = "four", due = 2026-09-01 },
]

[goals.later]
title = "Not yet started"
owner = "maria"
start = 2026-06-01
due = 2026-12-31
[goals.later.metrics.m]
unit = "count"
baseline = 0
target = 10

[goals.past]
title = "Past due"
owner = "maria"
start = 2026-01-01
due = 2026-03-01
[goals.past.metrics.m]
unit = "count"
baseline = 0
target = 10
checkins = [{ date = 2026-02-01, value = 5 }]
"#;

#[test]
fn progress_expected_status_and_forecast_match_hand_computed_numbers() {
    let plan = format!("{PLAN_HEADER}{NUMBERS}");
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let r = report_json(dir.path(), &["--as-of", "2026-04-01"]);

    // 2026-01-01 → 2026-12-31 is 364 days; 2026-04-01 is day 90. The check-in of May is
    // after the as-of date and does not count.
    let inc = goal(&r, "inc");
    close(&inc["progress"], 0.3);
    close(&inc["expected"], 90.0 / 364.0);
    assert_eq!(inc["status"], "on-track");
    assert_eq!(inc["metrics"][0]["checkins"].as_array().unwrap().len(), 2);
    // least squares through (0, 0) (the baseline), (31, 20), (59, 30):
    // slope 890 / 1742, intercept 50/3 − 30 · slope; at day 364:
    let slope = 890.0 / 1742.0;
    let at_due = 50.0 / 3.0 - 30.0 * slope + 364.0 * slope;
    close(&inc["metrics"][0]["forecast"]["value"], at_due);
    close(&inc["metrics"][0]["forecast"]["progress"], at_due / 100.0);
    close(&inc["forecast"], at_due / 100.0);

    // (80 − 90) / (60 − 90); the line through (0, 90) and (59, 80) reaches 90 − 10/59 · 364
    let dec = goal(&r, "dec");
    close(&dec["progress"], 1.0 / 3.0);
    assert_eq!(dec["metrics"][0]["direction"], "decrease");
    let value = 90.0 - 10.0 / 59.0 * 364.0;
    close(&dec["metrics"][0]["forecast"]["value"], value);
    close(&dec["forecast"], (value - 90.0) / (60.0 - 90.0));
    assert_eq!(dec["status"], "on-track");

    let nobase = goal(&r, "nobase");
    assert_eq!(nobase["progress"], Value::Null);
    assert_eq!(nobase["metrics"][0]["current"], 5.0);
    assert_eq!(nobase["status"], "unmeasured");

    // one of four milestones reached by the as-of date (the second is done later)
    let skill = goal(&r, "skill");
    close(&skill["progress"], 0.25);
    assert_eq!(skill["milestones"][0]["reached"], true);
    assert_eq!(skill["milestones"][1]["reached"], false);
    // expected: the share of milestones due by the as-of date (two of four), not the elapsed
    // share of the year; one reached of two due is behind, within the at-risk band
    close(&skill["expected"], 0.5);
    assert_eq!(skill["status"], "at-risk", "0.25 ≥ 0.5 − 0.25");

    let later = goal(&r, "later");
    assert_eq!(later["status"], "not-started");
    close(&later["expected"], 0.0);

    let past = goal(&r, "past");
    close(&past["progress"], 0.5);
    close(&past["expected"], 1.0);
    assert_eq!(past["status"], "overdue");

    let summary = &r["summary"];
    assert_eq!(summary["goals"], 6);
    assert_eq!(summary["measured"], 4, "nobase and later have no progress");
    let count = |status: &str| {
        summary["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["status"] == status)
            .unwrap()["count"]
            .clone()
    };
    assert_eq!(count("on-track"), 2);
    assert_eq!(count("at-risk"), 1);
    assert_eq!(count("overdue"), 1);
    assert_eq!(count("not-started"), 1);
    assert_eq!(count("unmeasured"), 1);
    // every goal weighs 1
    close(&summary["progress"], (0.3 + 1.0 / 3.0 + 0.25 + 0.5) / 4.0);
}

const HOSTILE: &str = r#"
[goals.x]
title = "<script>alert(1)</script> a | b `code` *bold* [link](http://e.test) </textarea> {{x}}"
owner = "maria"
due = 2026-12-31
[goals.x.metrics.m]
title = "rate | share <b>"
unit = "%"
baseline = 0
target = 10
checkins = [{ date = 2026-03-01, value = 5, note = "<img src=x onerror=alert(1)>" }]

[goals.y]
title = "child\nwith a newline"
owner = "maria"
aligns_to = "x"
due = 2026-12-31
"#;

#[test]
fn user_strings_stay_text_in_html_and_markdown() {
    let plan = format!("{PLAN_HEADER}{HOSTILE}");
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let html = report(dir.path(), &["--as-of", "2026-04-01"]).stdout;
    assert!(!html.contains("<script>") && !html.contains("<img") && !html.contains("<b>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("&lt;/textarea&gt;"));

    let md = report(dir.path(), &["--as-of", "2026-04-01", "--format", "md"]).stdout;
    assert!(!md.contains("<script>"));
    let row = md
        .lines()
        .find(|l| l.contains("alert(1)") && l.starts_with('|'))
        .expect("a table row for the goal");
    // the row has exactly its 9 cell borders: every `|` of the title is escaped
    let borders = row.replace("\\|", "").matches('|').count();
    assert_eq!(borders, 9, "{row}");
    assert!(row.contains("a \\| b") && row.contains("\\`code\\`") && row.contains("\\*bold\\*"));
    assert!(row.contains("\\[link\\](http://e.test)"));
    // the newline does not break the table
    assert!(md.lines().any(|l| l.starts_with("| child with a newline")));
    // in the Mermaid diagram, entity codes
    assert!(md.contains("#60;script#62;alert(1)#60;/script#62;"));
}

#[test]
fn a_custom_template_gets_the_same_data_and_the_helpers() {
    let dir = workspace(&[(
        "t.hbs",
        "{{#each goals}}{{id}} {{status-label status}} {{percent progress}} {{date due}}\n{{/each}}",
    )]);
    let t = dir.path().join("t.hbs");
    let run = report(&example(), &["--template", t.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("erp-ready-workforce On track 49% 31 Dec 2026\n"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stdout.lines().count(), 30);
}

#[test]
fn a_template_that_does_not_compile_or_names_a_missing_field_exits_2_with_its_line() {
    let dir = workspace(&[
        ("typo.hbs", "line one\n{{#each goals}}{{tittle}}{{/each}}\n"),
        ("broken.hbs", "line one\nline two {{#each goals}}\n"),
        ("helper.hbs", "{{percent}}\n"),
    ]);
    let path = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let run = report(&example(), &["--template", &path("typo.hbs")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("typo.hbs:2:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`tittle` is not in the report data here"),
        "{}",
        run.stderr
    );
    // the template author's words, not Rust's
    assert!(!run.stderr.contains("Some("), "{}", run.stderr);
    assert!(run.stdout.is_empty());

    let run = report(&example(), &["--template", &path("broken.hbs")]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("broken.hbs:"), "{}", run.stderr);

    let run = report(&example(), &["--template", &path("helper.hbs")]);
    assert_eq!(run.code, 2, "{}", run.stderr);

    let run = report(&example(), &["--template", &path("nope.hbs")]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read template"),
        "{}",
        run.stderr
    );

    let run = report(
        &example(),
        &["--template", &path("typo.hbs"), "--format", "json"],
    );
    assert_eq!(run.code, 2);
}

#[test]
fn a_markdown_template_is_escaped_for_markdown() {
    let plan = format!("{PLAN_HEADER}{HOSTILE}");
    let dir = quiet_workspace(&[
        ("a.plan.toml", &plan),
        ("t.md.hbs", "{{#each goals}}| {{title}} |\n{{/each}}"),
        ("t.html.hbs", "{{#each goals}}<p>{{title}}</p>\n{{/each}}"),
    ]);
    let md = report(
        dir.path(),
        &["--as-of", "2026-04-01", "--template", "t.md.hbs"],
    )
    .stdout;
    assert!(md.contains("a \\| b"), "{md}");
    let html = report(
        dir.path(),
        &["--as-of", "2026-04-01", "--template", "t.html.hbs"],
    )
    .stdout;
    assert!(html.contains("&lt;script&gt;"), "{html}");
}

#[test]
fn filters_keep_ancestors_for_context_and_count_only_matches() {
    let r = report_json(&example(), &["--team", "engineering-enablement"]);
    let goals = r["goals"].as_array().unwrap();
    let matching: Vec<&Value> = goals.iter().filter(|g| g["in_filter"] == true).collect();
    assert!(!matching.is_empty());
    assert!(
        matching
            .iter()
            .all(|g| g["team"] == "engineering-enablement")
    );
    assert_eq!(r["summary"]["goals"], matching.len());
    // every shown goal's parents are shown too
    let nodes: Vec<&Value> = goals.iter().map(|g| &g["node"]).collect();
    for g in goals {
        for p in g["parents"].as_array().unwrap() {
            assert!(nodes.contains(&&p["node"]));
        }
    }
    let context: Vec<&Value> = goals.iter().filter(|g| g["in_filter"] == false).collect();
    assert!(context.iter().any(|g| g["level"] == "org"));
    assert_eq!(r["summary"]["context_goals"], context.len());

    let r = report_json(&example(), &["--level", "org", "--owner", "ingrid"]);
    assert!(
        r["goals"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["level"] == "org" && g["owner"] == "ingrid")
    );

    let run = report(&example(), &["--level", "orgg"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `org`"), "{}", run.stderr);
    let run = report(&example(), &["--team", "nobody-has-this"]);
    assert_eq!(run.code, 2);
}

#[test]
fn output_is_written_atomically_and_unwritable_paths_exit_2() {
    let dir = workspace(&[("old.html", "the old report")]);
    let out = dir.path().join("old.html");
    let run = report(&example(), &["--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // no temporary file left behind
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

    // a template that fails halfway leaves the old report as it was
    std::fs::write(&out, "the old report").unwrap();
    std::fs::write(
        dir.path().join("bad.hbs"),
        "start {{#each goals}}{{nope}}{{/each}}",
    )
    .unwrap();
    let bad = dir.path().join("bad.hbs");
    let run = report(
        &example(),
        &[
            "--template",
            bad.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "the old report");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary file left"
    );

    let blocked = dir.path().join("old.html").join("report.html");
    let run = report(&example(), &["--output", blocked.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot write"), "{}", run.stderr);
}

#[test]
fn a_workspace_with_errors_is_still_reported_and_exits_0() {
    let plan = format!(
        "{PLAN_HEADER}[goals.a]\ntitle = \"A\"\nowner = \"maria\"\naligns_to = \"missing\"\n"
    );
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let run = report(dir.path(), &["--format", "json", "--as-of", "2026-04-01"]);
    // written: exit 0; the errors are said on stderr and counted in the data
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("1 error"), "{}", run.stderr);
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(r["summary"]["errors"], 1);
    assert_eq!(goal(&r, "a")["findings"][0]["rule"], "unknown-reference");
}

#[test]
fn a_30000_goal_chain_renders_its_tree_without_recursion() {
    let mut plan = String::from(PLAN_HEADER);
    for i in 0..30_000 {
        plan.push_str(&format!(
            "[goals.g{i}]\ntitle = \"G{i}\"\nowner = \"maria\"\n"
        ));
        if i > 0 {
            plan.push_str(&format!("aligns_to = \"g{}\"\n", i - 1));
        }
    }
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let started = std::time::Instant::now();
    let r = report_json(dir.path(), &["--as-of", "2026-04-01"]);
    let tree = r["tree"].as_array().unwrap();
    assert_eq!(tree.len(), 30_000);
    assert_eq!(tree[29_999]["depth"], 29_999);
    assert_eq!(tree[29_999]["indent"], 12);
    assert_eq!(r["diagram"]["nodes"].as_array().unwrap().len(), 100);
    assert_eq!(r["diagram"]["omitted"], 29_900);
    assert!(started.elapsed().as_secs() < 60);
}
