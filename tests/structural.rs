//! The five structural rules: each fires where it should and stays silent elsewhere.

mod common;
use common::*;

#[test]
fn a_valid_workspace_has_no_findings() {
    let org = format!(
        "{PLAN_HEADER}[people.maria]\nname = \"Maria\"\n\n{}",
        goal("org-goal", "level = \"org\"")
    );
    let team = format!(
        "{PLAN_HEADER}{}",
        goal("team-goal", "level = \"team\"\naligns_to = \"org-goal\"")
    );
    let dir = quiet_workspace(&[("org.plan.toml", &org), ("teams/a.plan.toml", &team)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "{json}");
    assert!(rules_of(&json).is_empty(), "{json}");
    assert_eq!(json["summary"]["files"], 2);
    assert_eq!(json["summary"]["goals"], 2);
}

#[test]
fn syntax_errors_are_findings_with_spans() {
    let dir = quiet_workspace(&[("a.plan.toml", "[plan]\ntitle = \"unclosed\nowner = 1\n")]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let f = findings(&json);
    assert!(!f.is_empty());
    assert!(f.iter().all(|(r, _)| r == "syntax"), "{f:?}");
    assert_eq!(f[0].1, 2);
}

#[test]
fn a_broken_file_still_resolves_references_into_it() {
    let broken = format!(
        "{PLAN_HEADER}{}\nx = \"unclosed\n",
        goal("parent", "level = \"org\"")
    );
    let child = format!("{PLAN_HEADER}{}", goal("child", "aligns_to = \"parent\""));
    let dir = quiet_workspace(&[("a.plan.toml", &broken), ("b.plan.toml", &child)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(rules_of(&json), vec!["syntax"], "{json}");
}

#[test]
fn schema_reports_every_problem_with_suggestions() {
    let text = format!(
        "{PLAN_HEADER}[goals.g]\ntitel = \"x\"\nowner = \"maria\"\ndue = \"2026-06-30\"\nframework = \"hrad\"\nlevel = \"teem\"\nallow = [\"orphan-gaol\"]\n\n[goals.g.metrics.m]\ntarget = \"90\"\n"
    );
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let diags = json["diagnostics"].as_array().unwrap();
    let helps: Vec<&str> = diags
        .iter()
        .map(|d| d["help"].as_str().unwrap_or(""))
        .collect();
    assert!(diags.iter().all(|d| d["rule"] == "schema"), "{json}");
    for expected in [
        "did you mean `title`?",
        "`due = 2026-06-30`",
        "did you mean \"hard\"?",
        "did you mean \"team\"?",
        "did you mean `orphan-goal`?",
        "`target = 90`",
    ] {
        assert!(
            helps.iter().any(|h| h.contains(expected)),
            "no help {expected:?} in {helps:#?}"
        );
    }
    // the missing title is reported at the goal's header
    assert!(
        diags
            .iter()
            .any(|d| d["message"].as_str().unwrap().contains("no `title`") && d["line"] == 7)
    );
}

#[test]
fn schema_is_silent_on_every_framework_field_in_its_framework() {
    let text = format!(
        "{PLAN_HEADER}[people.maria]\n[people.tomas]\n\n{}{}{}",
        goal(
            "m",
            "framework = \"mastery\"\nskill = \"facilitation\"\nmentor = \"tomas\"\nresources = [\"book\"]\nfeedback = \"monthly\"\nmilestones = [{ title = \"a\", level = 2, due = 2026-03-01, done = 2026-02-20 }]"
        ),
        goal(
            "p",
            "framework = \"pact\"\nparties = [\"maria\", \"tomas\"]\ncommitments = { maria = \"x\", tomas = \"y\" }\nreview = \"weekly\"\nagreed = 2026-01-05"
        ),
        goal(
            "o",
            "framework = \"okr\"\ntype = \"committed\"\n\n[goals.o.metrics.a]\ntitle = \"t\"\nunit = \"%\"\nbaseline = 1\ntarget = 2.5\nweight = 2\ncheckins = [{ date = 2026-02-01, value = 1.5, note = \"n\", confidence = 0.5 }]"
        ),
    );
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 0, "{json}");
}

#[test]
fn framework_fields_on_another_framework_are_schema_errors() {
    let text = format!("{PLAN_HEADER}{}", goal("g", "skill = \"x\""));
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(rules_of(&json), vec!["schema"]);
    assert!(
        json["diagnostics"][0]["help"]
            .as_str()
            .unwrap()
            .contains("framework = \\\"mastery\\\"")
            || json["diagnostics"][0]["help"]
                .as_str()
                .unwrap()
                .contains("framework = \"mastery\"")
    );
}

#[test]
fn duplicate_ids_across_files_show_both_places() {
    let a = format!("{PLAN_HEADER}{}", goal("same", ""));
    let b = format!("{PLAN_HEADER}{}", goal("same", ""));
    let dir = quiet_workspace(&[("a.plan.toml", &a), ("b.plan.toml", &b)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&json), vec!["duplicate-id"]);
    assert_eq!(json["diagnostics"][0]["file"], "b.plan.toml");
    let human = goalc(dir.path(), &["check"]);
    assert!(
        human.stdout.contains("first defined here") && human.stdout.contains("a.plan.toml"),
        "{}",
        human.stdout
    );
}

#[test]
fn duplicate_people_and_goals_within_a_file() {
    let text = format!(
        "{PLAN_HEADER}[people.maria]\n\n[people.maria]\n\n{}{}",
        goal("g", ""),
        goal("g", "")
    );
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(
        rules_of(&json),
        vec!["duplicate-id", "duplicate-id"],
        "{json}"
    );
}

#[test]
fn unknown_references_suggest_the_closest_id() {
    let plan = format!(
        "{PLAN_HEADER}[people.maria]\n[people.tomas]\n\n{}{}{}",
        goal(
            "erp-fluency",
            "level = \"org\"\n[goals.erp-fluency.metrics.certified]\nunit = \"count\""
        ),
        goal(
            "child",
            "aligns_to = [\"erp-fluncy\"]\n[goals.child.metrics.m]\ncontributes_to = \"erp-fluency.certifed\""
        ),
        goal(
            "mastery",
            "framework = \"mastery\"\nmentor = \"tomass\"\nowner = \"nobody\""
        ),
    );
    let plan = plan.replacen(
        "owner = \"maria\"\nframework = \"mastery\"\nmentor = \"tomass\"\nowner = \"nobody\"",
        "framework = \"mastery\"\nmentor = \"tomass\"\nowner = \"nobody\"",
        1,
    );
    let progress = "[[checkin]]\nmetric = \"erp-fluency.certified\"\ndate = 2026-02-01\nvalue = 3\n\n[[checkin]]\nmetric = \"erp.certified\"\ndate = 2026-02-01\nvalue = 3\n";
    let dir = quiet_workspace(&[("a.plan.toml", &plan), ("q1.progress.toml", progress)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let diags = json["diagnostics"].as_array().unwrap();
    let got: Vec<(&str, &str)> = diags
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["help"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(got.len(), 5, "{got:#?}");
    assert!(got.iter().all(|(r, _)| *r == "unknown-reference"));
    for expected in [
        "`erp-fluency`",
        "`erp-fluency.certified`",
        "`tomas`",
        "[people.nobody]",
    ] {
        assert!(
            got.iter().any(|(_, h)| h.contains(expected)),
            "{expected} in {got:#?}"
        );
    }
    // the progress check-in finding belongs to the progress file and names no goal
    let progress_finding = diags
        .iter()
        .find(|d| d["file"] == "q1.progress.toml")
        .unwrap();
    assert!(progress_finding["goal"].is_null());
}

#[test]
fn owners_are_not_checked_without_a_roster() {
    let text = format!("{PLAN_HEADER}{}", goal("g", ""));
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (code, _) = check_json(dir.path(), &[]);
    assert_eq!(code, 0);
}

#[test]
fn invalid_dates_fire_on_backward_spans_only() {
    let plan = "[plan]\ntitle = \"P\"\nowner = \"maria\"\nstart = 2026-12-31\nend = 2026-01-01\n\n";
    let text = format!(
        "{plan}{}{}{}",
        goal("backwards", "start = 2026-05-01\ndue = 2026-04-01"),
        goal(
            "m",
            "framework = \"mastery\"\nstart = 2026-02-01\ndue = 2026-03-01\nmilestones = [{ title = \"early\", due = 2026-01-15 }, { title = \"late\", due = 2026-04-01 }, { title = \"fine\", due = 2026-02-15 }]"
        ),
        goal("same-day", "start = 2026-05-01\ndue = 2026-05-01"),
    );
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let lines: Vec<u64> = findings(&json)
        .iter()
        .filter(|(r, _)| r == "invalid-dates")
        .map(|(_, l)| *l)
        .collect();
    // plan end (5), goal due (11), two milestones (18); the same-day goal is fine
    assert_eq!(lines, vec![5, 11, 18, 18], "{json}");
}

#[test]
fn goals_inheriting_plan_dates_point_at_their_own_date() {
    let text = format!("{PLAN_HEADER}{}", goal("g", "due = 2025-12-01"));
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(findings(&json), vec![("invalid-dates".to_string(), 10)]);
}
