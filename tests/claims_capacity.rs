//! Claims against the numbers and each person's load: the four rules on a workspace written as
//! a careful team writes it, the report's "Claims vs numbers" and "People", and the bad input
//! around them, all through the real binary.

mod common;

use common::{PLAN_HEADER, check_json, goalc, workspace};
use serde_json::Value;

const RULES: [&str; 4] = [
    "claim-contradicts-progress",
    "confidence-contradicts-pace",
    "score-contradicts-progress",
    "over-capacity",
];

/// A team whose claims match their numbers and whose loads fit: on 1 Jun, half way through
/// the year, onboarding is at 45 % and said on track with confidence 0.8; a finished goal is
/// scored by what it reached; Maria's 12 hours fit her 16.
fn careful(maria_effort: &str, claim: &str) -> Vec<(&'static str, String)> {
    let plan = format!(
        "{PLAN_HEADER}[people.maria]\nname = \"Maria\"\ncapacity = 16\n\n[people.kai]\nname = \"Kai\"\nteam = \"Ops\"\ncapacity = 8\n\n\
[goals.onboarding]\ntitle = \"Raise onboarding completion to 90 %\"\nowner = \"maria\"\nstart = 2026-01-01\ndue = 2026-12-31\neffort = {maria_effort}\n\
[goals.onboarding.metrics.done]\nunit = \"%\"\nbaseline = 0\ntarget = 100\n\
checkins = [{{ date = 2026-03-01, value = 18 }}, {{ date = 2026-06-01, value = 45, status = \"{claim}\", confidence = 0.8 }}]\n\n\
[goals.handbook]\ntitle = \"Publish the support handbook\"\nowner = \"maria\"\nstart = 2026-01-01\ndue = 2026-05-31\nscore = 0.8\n\
[goals.handbook.metrics.chapters]\nkind = \"deliverable\"\ntitle = \"Publish the handbook\"\ncheckins = [{{ date = 2026-05-20, value = 80 }}]\n"
    );
    let pact = format!(
        "{PLAN_HEADER}[goals.rota]\ntitle = \"Share the on-call rota\"\nowner = \"kai\"\nframework = \"pact\"\nparties = [\"kai\", \"maria\"]\nstart = 2026-01-01\ndue = 2026-12-31\neffort = 4\n"
    );
    vec![("team.plan.toml", plan), ("ops.plan.toml", pact)]
}

fn findings_of(files: &[(&'static str, String)], as_of: &str) -> Vec<(String, String)> {
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let dir = workspace(&files);
    let run = goalc(
        dir.path(),
        &["check", "--format", "json", "--as-of", as_of, "."],
    );
    let json: Value =
        serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stderr));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| RULES.contains(&d["rule"].as_str().unwrap_or("")))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_careful_team_gets_none_of_these_findings() {
    assert_eq!(findings_of(&careful("8", "on-track"), "2026-06-15"), vec![]);
}

#[test]
fn the_careful_team_with_one_thing_wrong_gets_exactly_that_finding() {
    // 8 + 4 (the pact) fits 16; 14 + 4 does not
    let over = findings_of(&careful("14", "on-track"), "2026-06-15");
    assert_eq!(over.len(), 1, "{over:?}");
    assert_eq!(over[0].0, "over-capacity");
    assert!(
        over[0].1.contains("`maria` carries 18 h/week"),
        "{}",
        over[0].1
    );
    // 45 % on 1 Jun is on track: claiming done is not
    let done = findings_of(&careful("8", "done"), "2026-06-15");
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(done[0].0, "claim-contradicts-progress");
    assert!(done[0].1.contains("claimed done on 1 Jun"), "{}", done[0].1);
}

#[test]
fn the_report_lists_claims_newest_first_and_every_person() {
    let mut files = careful("14", "done");
    files[0].1.push_str(
        "\n[goals.adoption]\ntitle = \"Grow weekly users to 100\"\nowner = \"kai\"\nstart = 2026-01-01\ndue = 2026-12-31\nscore = 0.9\n\
[goals.adoption.metrics.users]\nunit = \"users\"\nbaseline = 0\ntarget = 100\n\
checkins = [{ date = 2026-02-01, value = 2 }, { date = 2026-05-01, value = 2, status = \"on-track\", confidence = 0.9 }]\n",
    );
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let dir = workspace(&files);
    let run = goalc(
        dir.path(),
        &["report", "--format", "json", "--as-of", "2026-06-15", "."],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let claims = json["claims"].as_array().unwrap();
    let seen: Vec<(&str, &str, &str, &str)> = claims
        .iter()
        .map(|c| {
            (
                c["date"].as_str().unwrap(),
                c["rule"].as_str().unwrap(),
                c["claimed"].as_str().unwrap(),
                c["computed"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "2026-06-15",
                "score-contradicts-progress",
                "score 0.9",
                "progress 2 %"
            ),
            (
                "2026-06-01",
                "claim-contradicts-progress",
                "done",
                "on-track"
            ),
            (
                "2026-05-01",
                "claim-contradicts-progress",
                "on-track",
                "off-track"
            ),
            (
                "2026-05-01",
                "confidence-contradicts-pace",
                "confidence 0.9",
                "forecast 5 %"
            ),
        ],
        "{claims:#?}"
    );
    assert_eq!(claims[1]["metric"], "onboarding.done");
    assert_eq!(claims[0]["metric"], Value::Null);
    let people = json["people"].as_array().unwrap();
    let maria = &people[0];
    assert_eq!(maria["id"], "maria");
    assert_eq!(
        (&maria["goals"], &maria["pacts"], &maria["metrics"]),
        (&Value::from(2), &Value::from(1), &Value::from(0))
    );
    assert_eq!(
        (&maria["busiest_week"], &maria["effort"], &maria["capacity"]),
        (
            &Value::from("2026-06-15"),
            &Value::from(18.0),
            &Value::from(16.0)
        )
    );
    let kai = &people[1];
    assert_eq!(
        (&kai["team"], &kai["goals"], &kai["pacts"]),
        (&Value::from("Ops"), &Value::from(2), &Value::from(1))
    );
    assert!(
        kai["statuses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["status"] == "off-track"),
        "{kai:#}"
    );

    let md = goalc(
        dir.path(),
        &["report", "--format", "md", "--as-of", "2026-06-15", "."],
    )
    .stdout;
    assert!(md.contains("## Claims vs numbers"), "{md}");
    assert!(md.contains("`goalc check`: 1 error, 17 warnings."), "{md}");
    let row = md
        .lines()
        .find(|l| l.starts_with("| Maria |"))
        .unwrap_or_else(|| panic!("{md}"));
    assert_eq!(row.matches(" | ").count(), 8, "{row}");
    assert!(row.contains("| 18 (over) | 16 |"), "{row}");
    let html = goalc(
        dir.path(),
        &["report", "--format", "html", "--as-of", "2026-06-15", "."],
    )
    .stdout;
    assert!(html.contains("<h2 id=\"claims\">Claims vs numbers</h2>"));
    assert!(html.contains("<h2 id=\"people\">People</h2>"));
    assert!(html.contains("claimed <strong>done</strong>"));
}

#[test]
fn zero_or_negative_capacity_and_confidence_outside_0_1_are_schema_findings() {
    let text = format!(
        "{PLAN_HEADER}[people.maria]\ncapacity = 0\n\n[people.kai]\ncapacity = -3\n\n\
[goals.g]\ntitle = \"Goal g\"\nowner = \"maria\"\n[goals.g.metrics.m]\nunit = \"%\"\nbaseline = 0\ntarget = 10\n\
checkins = [{{ date = 2026-03-01, value = 1, confidence = 1.5 }}, {{ date = 2026-04-01, value = 2, confidence = -0.1 }}]\n"
    );
    let dir = workspace(&[("a.plan.toml", &text)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1, "{json:#}");
    let schema: Vec<(u64, u64, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "schema")
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    let at = |needle: &str, nth: usize| {
        let (i, line) = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth)
            .unwrap();
        (i as u64 + 1, line.find(needle).unwrap() as u64 + 1)
    };
    let expect = [
        (
            at("capacity = 0", 0),
            "`capacity` must be more than 0 hours a week, found 0",
        ),
        (
            at("capacity = -3", 0),
            "`capacity` must be more than 0 hours a week, found -3",
        ),
        (
            at("confidence = 1.5", 0),
            "`confidence` must be between 0 and 1, found 1.5",
        ),
        (
            at("confidence = -0.1", 0),
            "`confidence` must be between 0 and 1, found -0.1",
        ),
    ];
    for ((line, column), message) in expect {
        // the span is the value, after `name = `
        let column = column + if message.contains("capacity") { 11 } else { 13 };
        assert!(
            schema.contains(&(line, column, message)),
            "no schema finding {message} at {line}:{column}: {schema:?}"
        );
    }
    // no over-capacity or claim finding is made from the rejected values
    assert!(
        !json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| RULES.contains(&d["rule"].as_str().unwrap_or(""))),
        "{json:#}"
    );
}
