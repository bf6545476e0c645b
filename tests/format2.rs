//! Format 2 end to end through the CLI: the contract's examples load, `compile`, the report
//! data and the rendered reports carry the new fields, and bad input is a finding at its span.

mod common;

use common::*;
use serde_json::{Value, json};

const FIXTURE: &str = include_str!("fixtures/format2/company.plan.toml");

fn fixture() -> tempfile::TempDir {
    quiet_workspace(&[("company.plan.toml", FIXTURE)])
}

#[test]
fn every_format_2_example_of_the_contract_loads_without_a_structural_finding() {
    let dir = fixture();
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["diagnostics"], json!([]), "{json:#}");
}

fn goal<'a>(goals: &'a Value, id: &str) -> &'a Value {
    goals
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == id)
        .unwrap_or_else(|| panic!("no goal {id}"))
}

fn metric<'a>(goal: &'a Value, id: &str) -> &'a Value {
    goal["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no metric {id}"))
}

#[test]
fn compile_carries_every_format_2_field() {
    let dir = fixture();
    let run = goalc(dir.path(), &["compile", "--as-of", "2026-06-15"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let c: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(c["people"][0]["capacity"], 30.0);

    let ceo = goal(&c["goals"], "ceo-iacv");
    assert_eq!((&ceo["score"], &ceo["effort"]), (&json!(0.7), &json!(4.0)));
    let pipeline = metric(ceo, "pipeline");
    assert_eq!(pipeline["kind"], "number");
    assert_eq!(
        pipeline["waypoints"],
        json!([{"date": "2026-06-30", "value": 150.0}, {"date": "2026-09-30", "value": 300.0}])
    );
    let close = metric(ceo, "close");
    assert_eq!(close["direction"], "decrease");
    // a check-in with only a status has no value
    assert_eq!(close["checkins"][0]["value"], Value::Null);
    assert_eq!(close["checkins"][0]["status"], "in-progress");

    let cert = goal(&c["goals"], "cert-programme");
    assert_eq!(cert["aligns_to"], json!(["ceo-iacv"]));
    assert_eq!(
        cert["parents"],
        json!([{"goal": "ceo-iacv", "metric": "ceo-iacv.pipeline"}])
    );
    assert_eq!(cert["supports"], json!(["ceo-iacv"]));
    let launch = metric(cert, "launch");
    assert_eq!(launch["kind"], "deliverable");
    assert_eq!(launch["owner"], "lena");
    assert_eq!(launch["due"], "2026-03-31");
    assert_eq!(launch["done"], "2026-03-20");
    assert_eq!(launch["checkins"][0]["status"], "at-risk");

    let mentoring = goal(&c["goals"], "mentoring");
    assert_eq!(
        mentoring["parents"],
        json!([{"goal": "ceo-iacv", "metric": null}])
    );
    let ratio = metric(mentoring, "ratio");
    assert_eq!(ratio["kind"], "range");
    assert_eq!((&ratio["min"], &ratio["max"]), (&json!(8.0), &json!(9.0)));
    // defaults filled: the goal's owner and due date
    assert_eq!(ratio["owner"], "lena");
    assert_eq!(ratio["due"], "2026-12-31");
    assert_eq!(ratio["checkins"][1]["score"], 0.7);
}

#[test]
fn the_report_data_carries_the_fields_the_contract_adds() {
    let dir = fixture();
    let run = goalc(
        dir.path(),
        &["report", "--format", "json", "--as-of", "2026-06-15"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r: Value = serde_json::from_str(&run.stdout).unwrap();
    let ceo = goal(&r["goals"], "ceo-iacv");
    assert_eq!(ceo["score"], 0.7);
    let cert = goal(&r["goals"], "cert-programme");
    assert_eq!(cert["parents"][0]["id"], "ceo-iacv");
    assert_eq!(cert["parents"][0]["metric"], "ceo-iacv.pipeline");
    assert_eq!(
        cert["supports"],
        json!([{"node": ceo["node"], "id": "ceo-iacv", "name": ceo["name"]}])
    );
    let launch = metric(cert, "launch");
    for (field, value) in [
        ("kind", json!("deliverable")),
        ("owner", json!("lena")),
        ("owner_name", json!("Lena Park")),
        ("due", json!("2026-03-31")),
        ("done", json!("2026-03-20")),
        ("min", Value::Null),
        ("max", Value::Null),
        ("status", json!("done")),
        ("reported_status", json!("at-risk")),
    ] {
        assert_eq!(launch[field], value, "{field}");
    }
    assert_eq!(launch["checkins"][0]["status"], "at-risk");
    assert_eq!(launch["checkins"][0]["score"], Value::Null);
    let mentoring = goal(&r["goals"], "mentoring");
    assert_eq!(mentoring["parents"][0]["metric"], Value::Null);
    let ratio = metric(mentoring, "ratio");
    assert_eq!((&ratio["min"], &ratio["max"]), (&json!(8.0), &json!(9.0)));
    assert_eq!(ratio["score"], 0.7);
    assert_eq!(ratio["checkins"][1]["value"], Value::Null);
    // the tree row names the key result it is drawn through, and what it supports
    let row = r["tree"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "cert-programme")
        .unwrap();
    assert_eq!(row["via"], "ceo-iacv.pipeline");
    assert_eq!(row["supports"][0]["id"], "ceo-iacv");
}

#[test]
fn reports_show_deliverables_ranges_reported_status_scores_and_links() {
    let dir = fixture();
    let html = goalc(dir.path(), &["report", "--as-of", "2026-06-15"]).stdout;
    for expected in [
        "done 20 Mar",
        "8.4 (hold 8–9)",
        "reported: At risk",
        "reported: In progress",
        "score 0.7",
        "Score <strong>0.7</strong>",
        "↳ via <code>ceo-iacv.pipeline</code>",
        "supports: <a href=\"#g0\" title=\"ceo-iacv\">Grow incremental annual contract value</a>",
        "<dt>Supports</dt>",
        " via <code>ceo-iacv.pipeline</code></dd>",
        "· deliverable",
        "· Lena Park",
        "· due 31 Mar 2026",
        // a check-in of the range that gives only a score
        "<strong>score 0.7</strong>",
        "<strong>60, at risk</strong>",
    ] {
        assert!(html.contains(expected), "{expected} not in {html}");
    }
    let md = goalc(
        dir.path(),
        &["report", "--format", "md", "--as-of", "2026-06-15"],
    )
    .stdout;
    for expected in [
        "| Certify our partners | Launch the partner certification programme | Lena Park | 31 Mar 2026 | done 20 Mar | 100% | Done | At risk | — |",
        "| Keep mentoring groups small | Mentees per active mentor | Lena Park | 31 Dec 2026 | 8\\.4 (hold 8–9) | 100% | On track | — | 0\\.7 |",
        "g0 -->|\"via pipeline\"| g1",
        "g1 -.->|supports| g0",
    ] {
        assert!(md.contains(expected), "{expected} not in {md}");
    }
}

#[test]
fn a_deliverable_not_yet_done_shows_its_percent_complete() {
    let plan = FIXTURE.replace("done = 2026-03-20", "");
    let dir = quiet_workspace(&[("company.plan.toml", &plan)]);
    let html = goalc(dir.path(), &["report", "--as-of", "2026-03-01"]).stdout;
    assert!(html.contains("60 % complete"), "{html}");
    assert!(!html.contains("done 20 Mar"));
}

#[test]
fn json_and_sarif_name_goal_and_metric() {
    let dir = workspace(&[("company.plan.toml", FIXTURE)]);
    let (_, json) = check_json(dir.path(), &[]);
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    for d in diagnostics {
        let metric = d.get("metric").expect("every diagnostic has `metric`");
        if let Some(key) = metric.as_str() {
            let goal = d["goal"].as_str().expect("a metric finding names its goal");
            assert!(key.starts_with(&format!("{goal}.")), "{d}");
        }
    }
    let run = goalc(
        dir.path(),
        &["check", "--format", "sarif", "--as-of", "2026-06-15"],
    );
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["properties"]["goal"], d["goal"], "{r}");
        assert_eq!(r["properties"]["metric"], d["metric"], "{r}");
    }
}

/// One bad plan, each mistake a finding of `rule` at exactly (line, column, end column).
fn assert_finding(plan_body: &str, rule: &str, at: &str, message: &str, help: Option<&str>) {
    let text = format!("{PLAN_HEADER}[people.maria]\n\n{plan_body}");
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{json:#}");
    let line = text.lines().position(|l| l.contains(at)).unwrap() + 1;
    let column = text.lines().nth(line - 1).unwrap().find(at).unwrap() + 1;
    let found: Vec<&Value> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect();
    assert_eq!(found.len(), 1, "{json:#}");
    let d = found[0];
    assert_eq!(
        (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
        (
            &json!(line),
            &json!(column),
            &json!(line),
            &json!(column + at.chars().count())
        ),
        "{d:#}"
    );
    let text = d["message"].as_str().unwrap();
    assert!(text.contains(message), "{text}");
    if let Some(help) = help {
        assert!(d["help"].as_str().unwrap_or("").contains(help), "{d:#}");
    }
}

const GOAL: &str = "[goals.g]\ntitle = \"Goal g\"\nowner = \"maria\"\ndue = 2026-12-31\n\n[goals.g.metrics.pipeline]\ntitle = \"Pipeline\"\n";

#[test]
fn done_on_a_number_metric_is_a_schema_finding() {
    assert_finding(
        &format!("{GOAL}unit = \"EUR\"\nbaseline = 0\ntarget = 10\ndone = 2026-03-01\n"),
        "schema",
        "done",
        "a number metric does not take `done`",
        Some("kind = \"deliverable\""),
    );
}

#[test]
fn min_above_max_is_a_schema_finding() {
    assert_finding(
        &format!("{GOAL}kind = \"range\"\nunit = \"x\"\nmin = 9\nmax = 8\n"),
        "schema",
        "9",
        "`min` (9) is above `max` (8)",
        None,
    );
}

#[test]
fn a_score_above_1_is_a_schema_finding() {
    assert_finding(
        &format!(
            "{GOAL}unit = \"EUR\"\nbaseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-03-01, score = 1.5 }}]\n"
        ),
        "schema",
        "1.5",
        "`score` must be between 0 and 1, found 1.5",
        None,
    );
    assert_finding(
        "[goals.g]\ntitle = \"Goal g\"\nowner = \"maria\"\nscore = 1.5\n",
        "schema",
        "1.5",
        "`score` must be between 0 and 1",
        None,
    );
}

#[test]
fn a_status_not_in_the_list_is_a_schema_finding_with_a_suggestion() {
    assert_finding(
        &format!(
            "{GOAL}unit = \"EUR\"\nbaseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-03-01, status = \"on-trak\" }}]\n"
        ),
        "schema",
        "\"on-trak\"",
        "`status` must be one of",
        Some("did you mean \"on-track\"?"),
    );
}

#[test]
fn a_checkin_with_nothing_in_it_is_a_schema_finding() {
    assert_finding(
        &format!(
            "{GOAL}unit = \"EUR\"\nbaseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-03-01 }}]\n"
        ),
        "schema",
        "{ date = 2026-03-01 }",
        "this check-in reports nothing",
        Some("status = \"on-track\""),
    );
}

#[test]
fn aligning_to_a_key_result_the_goal_lacks_suggests_its_metrics() {
    assert_finding(
        &format!(
            "{GOAL}unit = \"EUR\"\nbaseline = 0\ntarget = 10\n\n[goals.h]\ntitle = \"Goal h\"\nowner = \"maria\"\naligns_to = \"g.pipelin\"\n"
        ),
        "unknown-reference",
        "\"g.pipelin\"",
        "goal `g` has no metric `pipelin`",
        Some("did you mean `g.pipeline`?"),
    );
}

#[test]
fn ids_in_via_and_supports_are_escaped_in_every_report() {
    let plan = format!(
        "{PLAN_HEADER}[goals.\"p<i>\"]\ntitle = \"Parent\"\nowner = \"maria\"\nlevel = \"org\"\n\n\
         [goals.\"p<i>\".metrics.\"k<b>\"]\nunit = \"x\"\nbaseline = 0\ntarget = 5\n\n\
         [goals.c]\ntitle = \"Child\"\nowner = \"maria\"\naligns_to = \"p<i>.k<b>\"\nsupports = [\"p<i>\"]\n\n\
         [goals.c.metrics.d]\nkind = \"deliverable\"\ncheckins = [{{ date = 2026-02-01, value = 40 }}]\n"
    );
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "{json:#}");
    let html = goalc(dir.path(), &["report", "--as-of", "2026-06-15"]).stdout;
    assert!(
        html.contains("↳ via <code>p&lt;i&gt;.k&lt;b&gt;</code>"),
        "{html}"
    );
    assert!(!html.contains("<i>") && !html.contains("<b>"), "{html}");
    assert!(html.contains("40 % complete"));
    let md = goalc(
        dir.path(),
        &["report", "--format", "md", "--as-of", "2026-06-15"],
    )
    .stdout;
    assert!(!md.contains("<i>") && !md.contains("<b>"), "{md}");
    assert!(md.contains("|\"via k#60;b#62;\"|"), "{md}");
}
