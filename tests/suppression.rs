//! `allow` lists, `unused-allow`, severities from goalc.toml and `--deny-warnings`.

mod common;
use common::*;

fn plan(extra: &str) -> String {
    let top = goal(
        "top",
        "level = \"org\"\n[goals.top.metrics.m]\ntitle = \"Trainers certified\"\nunit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 15 }]\n",
    );
    let orphan = goal(
        "orphan",
        &format!(
            "level = \"team\"\n{extra}\n[goals.orphan.metrics.m]\ntitle = \"Trainers certified\"\nunit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{{ date = 2026-06-01, value = 15 }}]\n"
        ),
    );
    let child = goal(
        "child",
        "aligns_to = \"orphan\"\n[goals.child.metrics.m]\ntitle = \"Trainers certified\"\nunit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 15 }]\n",
    );
    let child2 = goal(
        "child2",
        "aligns_to = \"top\"\n[goals.child2.metrics.m]\ntitle = \"Trainers certified\"\nunit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 15 }]\n",
    );
    format!("{PLAN_HEADER}{top}{orphan}{child}{child2}")
}

#[test]
fn allow_silences_a_rule_on_its_goal_only() {
    let dir = workspace(&[("a.plan.toml", &plan(""))]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(
        (code, rules_of(&json)),
        (0, vec!["orphan-goal".to_string()]),
        "{json}"
    );
    assert_eq!(json["diagnostics"][0]["goal"], "orphan");
    let dir = workspace(&[("a.plan.toml", &plan("allow = [\"orphan-goal\"]"))]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!((code, rules_of(&json)), (0, Vec::<String>::new()), "{json}");
}

#[test]
fn an_allow_that_silences_nothing_is_reported_when_asked() {
    let allows = plan("allow = [\"orphan-goal\", \"no-change\"]");
    // opt-in, as ruff's unused-noqa is
    let dir = workspace(&[("a.plan.toml", &allows)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert!(rules_of(&json).is_empty(), "{json}");
    let config = "[rules]\nunused-allow = \"warning\"\n";
    let dir = workspace(&[("goalc.toml", config), ("a.plan.toml", &allows)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(rules_of(&json), vec!["unused-allow"], "{json}");
    assert!(
        json["diagnostics"][0]["message"]
            .as_str()
            .unwrap()
            .contains("`no-change`")
    );
    let run = goalc(dir.path(), &["check", "--as-of", "2026-06-15"]);
    insta::assert_snapshot!("unused_allow", run.stdout);
    // a rule turned off finds nothing anyway, so allowing it is not reported
    let config = "[rules]\nunused-allow = \"warning\"\nno-change = \"off\"\n";
    let dir = workspace(&[("goalc.toml", config), ("a.plan.toml", &allows)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert!(rules_of(&json).is_empty(), "{json}");
}

#[test]
fn severities_come_from_the_configuration() {
    let dir = workspace(&[
        ("goalc.toml", "[rules]\norphan-goal = \"error\"\n"),
        ("a.plan.toml", &plan("")),
    ]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(json["diagnostics"][0]["severity"], "error");
    let dir = workspace(&[
        ("goalc.toml", "[rules]\norphan-goal = { level = \"off\" }\n"),
        ("a.plan.toml", &plan("")),
    ]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!((code, rules_of(&json)), (0, Vec::<String>::new()));
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let dir = workspace(&[("a.plan.toml", &plan(""))]);
    assert_eq!(
        goalc(dir.path(), &["check", "--as-of", "2026-06-15"]).code,
        0
    );
    assert_eq!(
        goalc(
            dir.path(),
            &["check", "--as-of", "2026-06-15", "--deny-warnings"]
        )
        .code,
        1
    );
}
