//! The report as a quarterly review reads it: the plan's title and period, the one-sentence
//! summary, what needs attention and why, what was achieved (since the period's start or
//! `--since REF`), names rather than ids, and the charts (date axis, planned path, forecast,
//! notes as tooltips, the plan's burn-up). Through the real CLI on real files and a real git
//! repository.

mod common;

use common::{git_at, goalc, quiet_workspace};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning")
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let run = goalc(dir, &all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stderr))
}

fn items(v: &Value) -> &Vec<Value> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {v}"))
}

fn pct(v: &Value) -> String {
    format!("{} %", (v.as_f64().unwrap() * 100.0).round())
}

#[test]
fn the_review_opens_with_the_plans_title_period_and_what_needs_attention_heaviest_first() {
    let data = json(&example(), &["--as-of", "2026-10-15"]);
    assert_eq!(data["title"], "Learning & Development 2026");
    assert_eq!(data["period"]["start"], "2026-01-01");
    assert_eq!(data["period"]["end"], "2026-12-31");
    let attention = items(&data["attention"]);
    assert!(attention.len() > 5, "{attention:?}");
    // Every row is off track, overdue or at risk (the example has no contradicted claim) ...
    for row in attention {
        let status = row["status"].as_str().unwrap();
        assert!(
            ["off-track", "overdue", "at-risk"].contains(&status),
            "{row}"
        );
        let goal = items(&data["goals"])
            .iter()
            .find(|g| g["id"] == row["id"])
            .unwrap();
        assert_eq!(goal["status"], row["status"]);
        assert_eq!(goal["owner_name"], row["owner_name"]);
        assert_eq!(goal["node"], row["node"]);
    }
    // ... and no goal that is one is left out.
    let wanted = items(&data["goals"])
        .iter()
        .filter(|g| g["in_filter"] == true)
        .filter(|g| ["off-track", "overdue", "at-risk"].contains(&g["status"].as_str().unwrap()))
        .count();
    assert_eq!(attention.len(), wanted);
    // Heaviest first, then overdue before off track before at risk.
    let rank = |s: &Value| match s.as_str().unwrap() {
        "overdue" => 0,
        "off-track" => 1,
        _ => 2,
    };
    for pair in attention.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (wa, wb) = (a["weight"].as_f64().unwrap(), b["weight"].as_f64().unwrap());
        assert!(
            wa > wb || (wa == wb && rank(&a["status"]) <= rank(&b["status"])),
            "{a} before {b}"
        );
    }
    // The heaviest goal (weight 2) comes first, and its why reads its own numbers.
    let first = &attention[0];
    assert_eq!(first["id"], "erp-ready-workforce");
    assert_eq!(first["status"], "off-track");
    let why = first["why"].as_str().unwrap();
    let expected_why = format!(
        "{} done, {} expected, forecast {} by 31 Dec; last check-in 10 Jun",
        pct(&first["progress"]),
        pct(&first["expected"]),
        pct(&first["forecast"])
    );
    assert_eq!(why, expected_why);
    let overdue = attention.iter().find(|r| r["status"] == "overdue").unwrap();
    assert!(
        overdue["why"]
            .as_str()
            .unwrap()
            .starts_with("past due since "),
        "{overdue}"
    );
    assert!(
        data["headline"]
            .as_str()
            .unwrap()
            .ends_with(&format!("; {} need attention.", attention.len())),
        "{}",
        data["headline"]
    );

    // At the example's own date nothing does, and the page says so.
    let calm = json(&example(), &[]);
    assert_eq!(items(&calm["attention"]).len(), 0);
    let html = goalc(&example(), &["report"]).stdout;
    assert!(
        html.contains("<h1>Learning &amp; Development 2026</h1>"),
        "{html}"
    );
    assert!(html.contains("1 Jan 2026 – 31 Dec 2026 · as of <strong>15 Jun 2026</strong>"));
    assert!(html.contains("<p>Nothing needs attention:"));
    let md = goalc(
        &example(),
        &["report", "--format", "md", "--as-of", "2026-10-15"],
    )
    .stdout;
    assert!(
        md.contains("## Needs attention\n\n- **Off track**: Certify 2,100"),
        "{md}"
    );
    assert!(md.contains(&format!(" — {expected_why}")), "{md}");
}

#[test]
fn achievements_are_the_goals_done_and_milestones_reached_in_the_period_newest_first() {
    let data = json(&example(), &[]);
    assert_eq!(data["achieved_since"], "2026-01-01");
    let achieved = items(&data["achieved"]);
    // The finance pilot cohort reached its target of 25 on its 15 April check-in.
    let pilot = achieved
        .iter()
        .find(|a| a["id"] == "soren-pilot-cohort")
        .unwrap();
    assert_eq!(pilot["kind"], "goal");
    assert_eq!(pilot["what"], "Goal done");
    assert_eq!(pilot["date"], "2026-04-15");
    assert_eq!(pilot["owner_name"], "Søren Kjærgaard");
    // Every reached milestone of a shown goal is there, with its title and level.
    let milestones: usize = items(&data["goals"])
        .iter()
        .flat_map(|g| items(&g["milestones"]))
        .filter(|m| m["reached"] == true)
        .count();
    assert_eq!(
        achieved.iter().filter(|a| a["kind"] == "milestone").count(),
        milestones
    );
    assert!(achieved.iter().any(|a| a["what"]
        == "Milestone reached: Completes the ATD design fundamentals course (level 1)"
        && a["date"] == "2026-02-06"));
    let dates: Vec<&str> = achieved
        .iter()
        .map(|a| a["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(
        data["achieved_summary"],
        "3 goals done and 8 milestones reached, by 6 people."
    );
    // Before anything was done, nothing is achieved.
    let early = json(&example(), &["--as-of", "2026-01-15"]);
    assert_eq!(items(&early["achieved"]).len(), 0);
    assert!(early["achieved_summary"].is_null());
    let md = goalc(&example(), &["report", "--format", "md"]).stdout;
    assert!(
        md.contains(
            "## Achieved since 1 Jan 2026\n\n3 goals done and 8 milestones reached, by 6 people. \
             Well done.\n\n- 26 May 2026: **Milestone reached:"
        ),
        "{md}"
    );
}

const DELIVERIES: &str = r#"
[plan]
title = "Platform 2026"
owner = "ann"
start = 2026-01-01
end = 2026-12-31

[people.ann]
name = "Ann Lee"

[goals.early]
title = "Ship the early thing"
owner = "ann"
[goals.early.metrics.ship]
title = "Early thing shipped"
kind = "deliverable"
done = 2026-03-10

[goals.late]
title = "Ship the late thing"
owner = "ann"
[goals.late.metrics.ship]
title = "Late thing shipped"
kind = "deliverable"
done = 2026-05-02
"#;

#[test]
fn since_ref_counts_achievements_from_that_commits_date() {
    let dir = quiet_workspace(&[("p.plan.toml", DELIVERIES)]);
    let root = dir.path();
    std::fs::write(root.join("goalc.toml"), "as_of = 2026-06-15\n").unwrap();
    git_at(root, "2026-04-01", &["init", "-q"]);
    git_at(root, "2026-04-01", &["add", "-A"]);
    git_at(root, "2026-04-01", &["commit", "-q", "-m", "plan"]);
    git_at(root, "2026-04-01", &["tag", "v1"]);

    let all = json(root, &[]);
    let ids: Vec<&str> = items(&all["achieved"])
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["late", "early"]);
    assert_eq!(items(&all["achieved"])[1]["date"], "2026-03-10");

    let since = json(root, &["--since", "v1"]);
    assert_eq!(since["achieved_since"], "2026-04-01");
    let ids: Vec<&str> = items(&since["achieved"])
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["late"]);
    let html = goalc(root, &["report", "--since", "v1"]).stdout;
    assert!(
        html.contains("<h2 id=\"achieved\">Achieved since v1</h2>"),
        "{html}"
    );
}

const CLAIMED: &str = r#"
[plan]
title = "Support <b>2026</b>"
owner = "ann"
start = 2026-01-01
end = 2026-12-31

[people.ann]
name = "Ann <i>Lee</i>"

[people.bo]
name = "Bo Ek"

[goals.tickets]
title = "Close the ticket backlog"
owner = "ann"
framework = "mastery"
skill = "triage"
mentor = "bo"
resources = ["The triage handbook", "Weekly pairing </li><script>x</script>"]
feedback = "monthly"
milestones = [{ title = "Runs triage alone", level = 2, due = 2026-03-01, done = 2026-02-20 }]

[goals.backlog]
title = "Cut the open tickets"
owner = "ann"
[goals.backlog.metrics.open]
title = "Tickets closed"
unit = "tickets"
baseline = 0
target = 100
checkins = [
  { date = 2026-03-01, value = 20 },
  { date = 2026-06-01, value = 40, status = "done", note = "</title><script>alert(1)</script>" },
]
"#;

#[test]
fn a_claim_the_numbers_contradict_needs_attention_and_mentors_show_by_name() {
    let dir = quiet_workspace(&[("p.plan.toml", CLAIMED)]);
    let root = dir.path();
    std::fs::write(
        root.join("goalc.toml"),
        "as_of = 2026-06-15\ntitle = \"Q2 review <of> support\"\n",
    )
    .unwrap();
    let data = json(root, &[]);
    // goalc.toml's title wins over the plan's.
    assert_eq!(data["title"], "Q2 review <of> support");
    let row = items(&data["attention"])
        .iter()
        .find(|r| r["id"] == "backlog")
        .unwrap_or_else(|| panic!("{}", data["attention"]));
    let why = row["why"].as_str().unwrap();
    assert!(
        why.contains("“Tickets closed” was claimed done on 1 Jun, the numbers say"),
        "{why}"
    );
    let mastery = items(&data["goals"])
        .iter()
        .find(|g| g["id"] == "tickets")
        .unwrap();
    assert_eq!(mastery["mentor_name"], "Bo Ek");
    assert_eq!(items(&mastery["resources"]).len(), 2);

    let html = goalc(root, &["report"]).stdout;
    assert!(
        html.contains("<h1>Q2 review &lt;of&gt; support</h1>"),
        "{html}"
    );
    // The mentor by name (id on hover), the resources listed, hostile text escaped everywhere,
    // the check-in note in the chart's tooltip included.
    assert!(
        html.contains(r#"<dt>Mentor</dt><dd><span title="bo">Bo Ek</span>"#),
        "{html}"
    );
    assert!(html.contains("<li>Weekly pairing &lt;/li&gt;&lt;script&gt;x&lt;/script&gt;</li>"));
    assert!(html.contains(
        "<title>1 Jun 2026: 40 tickets — &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"
    ));
    assert!(!html.contains("<script"), "a script got through");
    assert!(html.contains(r#"<span class="muted">· Ann &lt;i&gt;Lee&lt;/i&gt;</span>"#));
}

#[test]
fn charts_have_a_date_axis_the_planned_path_the_forecast_and_notes_as_tooltips() {
    let html = goalc(&example(), &["report"]).stdout;
    let card = html
        .split("<article ")
        .skip(1)
        .find(|a| a.contains(r#"<h3 id="g22-h" title="erp-for-engineers">"#))
        .unwrap();
    let chart = card
        .split("<svg class=\"chart\"")
        .nth(1)
        .and_then(|c| c.split("</svg>").next())
        .unwrap();
    // Months along the bottom, values up the side.
    for month in [
        ">Jan</text>",
        ">Mar</text>",
        ">May</text>",
        ">Jul</text>",
        ">Sep</text>",
    ] {
        assert!(chart.contains(month), "{month} in {chart}");
    }
    assert!(chart.contains(">400</text>"), "{chart}");
    assert!(chart.contains(r#"<polyline class="plan""#));
    assert!(chart.contains(r#"<line class="target""#));
    assert!(chart.contains(r#"<line class="forecast""#));
    assert!(chart.contains(r#"<g class="today""#));
    assert!(chart.contains("<title>Expected by 15 Jun 2026:"));
    assert!(
        chart.contains("<title>10 Jun 2026: 295 people — lab 8 released; pass rate up</title>")
    );
    // The notes are expanded under the chart (on paper too), not folded away.
    assert!(
        card.contains("<li>10 Jun 2026: <strong>295</strong> — lab 8 released; pass rate up</li>")
    );
    // The file path only in the details line.
    assert_eq!(
        card.matches("engineering-enablement.plan.toml").count(),
        1,
        "{card}"
    );
    // The plan's burn-up: done share to the as-of date against expected, to the period's end.
    let burnup = html
        .split("<svg class=\"chart burnup\"")
        .nth(1)
        .and_then(|c| c.split("</svg>").next())
        .unwrap();
    assert!(burnup.contains(">100 %</text>"));
    assert!(
        burnup.contains("<title>15 Jun 2026: 54 % done, 52 % expected</title>"),
        "{burnup}"
    );
    let data = json(&example(), &[]);
    let points = items(&data["burnup"]["points"]);
    assert_eq!(points.first().unwrap()["date"], "2026-01-01");
    assert_eq!(points.last().unwrap()["date"], "2026-12-31");
    assert!(points.last().unwrap()["done"].is_null());
    close_to(&points.last().unwrap()["expected"], 1.0);
}

fn close_to(v: &Value, x: f64) {
    assert!((v.as_f64().unwrap() - x).abs() < 1e-9, "{v} != {x}");
}

#[test]
fn names_stand_for_ids_which_show_on_hover_or_with_show_ids() {
    let plain = goalc(&example(), &["report"]).stdout;
    assert!(plain.contains(r#"<body class="">"#));
    // The tree names the owner, with the id on hover.
    assert!(plain.contains(r#"<td><span title="ingrid">Ingrid Halvorsen</span></td>"#));
    let ids = goalc(&example(), &["report", "--show-ids"]).stdout;
    assert!(ids.contains(r#"<body class="show-ids">"#));
    assert!(ids.contains(".show-ids .id{display:inline}"));
    let data = json(&example(), &["--show-ids"]);
    assert_eq!(data["show_ids"], true);
    // Markdown: names in every table, ids beside them with --show-ids
    let row = "| Certify 2,100 of our 2,400 staff on the Atlas ERP by 31 December 2026";
    let md = goalc(&example(), &["report", "--format", "md"]).stdout;
    assert!(md.contains(&format!("{row} |")), "{md}");
    assert!(md.contains("| Ingrid Halvorsen |") && !md.contains("(ingrid)"));
    let md = goalc(&example(), &["report", "--format", "md", "--show-ids"]).stdout;
    assert!(
        md.contains(&format!("{row} (erp-ready-workforce) |")),
        "{md}"
    );
    assert!(md.contains("| Ingrid Halvorsen (ingrid) |"), "{md}");
    // every page of the site
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = goalc(
        &example(),
        &["report", "--site", site.to_str().unwrap(), "--show-ids"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in ["index.html", "people/ingrid.html"] {
        let html = std::fs::read_to_string(site.join(page)).unwrap();
        assert!(html.contains(r#"<body class="show-ids">"#), "{page}");
    }
}
