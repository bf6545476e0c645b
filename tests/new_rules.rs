//! The rules added with the recalibration on real plans: each through the real CLI, on the
//! fixture workspaces under `tests/fixtures/rules/<rule>/`, where goals named `fires-*` must be
//! reported and goals named `silent-*`, right next to them, must not.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const NEW_RULES: &[&str] = &[
    "deliverables-only",
    "compound-metric",
    "milestone-overdue",
    "mastery-without-feedback",
    "pact-owner-not-party",
    "pact-not-agreed",
];

fn fixture(rule: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rules")
        .join(rule)
}

/// Every diagnostic of `goalc check --format json` in `dir` (as of its goalc.toml), with `extra`.
fn diagnostics(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = goalc(dir, &args);
    let json: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr));
    let list = json["diagnostics"].as_array().unwrap().clone();
    for d in &list {
        assert_ne!(d["rule"], "schema", "fixture is not valid: {d}");
        assert_ne!(d["rule"], "unknown-reference", "fixture is not valid: {d}");
        assert_ne!(d["rule"], "invalid-dates", "fixture is not valid: {d}");
    }
    list
}

fn of_rule<'a>(diags: &'a [Value], rule: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["rule"] == rule).collect()
}

/// The goal ids of the fixture's plan files, in order.
fn goal_ids(dir: &Path) -> Vec<String> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".plan.toml") {
            continue;
        }
        for line in std::fs::read_to_string(&path).unwrap().lines() {
            if let Some(id) = line
                .strip_prefix("[goals.")
                .and_then(|l| l.strip_suffix(']'))
                .filter(|id| !id.contains('.'))
            {
                ids.push(id.to_string());
            }
        }
    }
    ids
}

/// The 1-based line of the first line of `dir`'s plan file containing `needle`.
fn line_of(dir: &Path, needle: &str) -> u64 {
    let text = std::fs::read_to_string(dir.join("goals.plan.toml")).unwrap();
    let index = text
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?}"));
    index as u64 + 1
}

/// Every `fires-*` goal of the rule's fixture is reported by it, every `silent-*` goal is not,
/// and every finding is a warning on a `fires-*` goal. Returns the rule's findings.
fn fires_and_silent(rule: &str, extra: &[&str]) -> Vec<Value> {
    let dir = fixture(rule);
    let diags = diagnostics(&dir, extra);
    let found = of_rule(&diags, rule);
    let ids = goal_ids(&dir);
    let fires: Vec<&String> = ids.iter().filter(|g| g.starts_with("fires-")).collect();
    let silent: Vec<&String> = ids.iter().filter(|g| g.starts_with("silent-")).collect();
    assert!(
        !fires.is_empty() && !silent.is_empty(),
        "{rule}: fixture lacks cases"
    );
    for g in &fires {
        assert!(
            found.iter().any(|d| d["goal"] == g.as_str()),
            "{rule}: `{g}` is not reported; found {found:#?}"
        );
    }
    for d in &found {
        let goal = d["goal"].as_str().unwrap_or("");
        assert!(
            goal.starts_with("fires-"),
            "{rule}: reported on `{goal}`: {d}"
        );
        assert_eq!(d["severity"], "warning", "{rule}: default severity");
    }
    found.into_iter().cloned().collect()
}

fn count_for(found: &[Value], goal: &str) -> usize {
    found.iter().filter(|d| d["goal"] == goal).count()
}

#[test]
fn deliverables_only_reports_okr_hard_and_micro_goals_measured_only_by_deliverables() {
    let rule = "deliverables-only";
    let found = fires_and_silent(rule, &[]);
    let dir = fixture(rule);
    // one finding per goal, on the goal's header
    for goal in ["fires-okr", "fires-hard-default", "fires-micro"] {
        assert_eq!(count_for(&found, goal), 1, "{goal}");
        let d = found.iter().find(|d| d["goal"] == goal).unwrap();
        assert_eq!(
            d["line"],
            line_of(&dir, &format!("[goals.{goal}]")),
            "{goal}"
        );
        assert!(d["metric"].is_null());
    }
    let okr = found.iter().find(|d| d["goal"] == "fires-okr").unwrap();
    assert!(
        okr["message"]
            .as_str()
            .unwrap()
            .contains("all 2 of its metrics")
    );
}

#[test]
fn compound_metric_reports_each_title_that_sets_two_targets_and_no_other() {
    let rule = "compound-metric";
    let dir = fixture(rule);
    let found = fires_and_silent(rule, &[]);
    // Per metric: every title in a `fires-*` goal sets two targets, no title in a `silent-*`
    // goal does.
    let text = std::fs::read_to_string(dir.join("goals.plan.toml")).unwrap();
    let mut metrics = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if let Some(key) = line
            .strip_prefix("[goals.")
            .and_then(|l| l.strip_suffix(']'))
            .and_then(|l| l.split_once(".metrics."))
        {
            let title = lines[i + 1]
                .strip_prefix("title = \"")
                .and_then(|t| t.strip_suffix('"'))
                .unwrap();
            metrics.push((
                format!("{}.{}", key.0, key.1),
                title.to_string(),
                i as u64 + 2,
            ));
        }
    }
    assert!(metrics.len() > 80, "{} titles", metrics.len());
    let mut wrong = Vec::new();
    for (key, title, line) in &metrics {
        let hits: Vec<&Value> = found
            .iter()
            .filter(|d| d["metric"] == key.as_str())
            .collect();
        let expected = usize::from(key.starts_with("fires-"));
        if hits.len() != expected {
            wrong.push(format!("{key} {title:?}: {} findings", hits.len()));
        }
        for d in hits {
            assert_eq!(d["line"], *line, "{key}: the finding points at the title");
        }
    }
    assert!(wrong.is_empty(), "wrongly judged:\n{}", wrong.join("\n"));
    assert_eq!(
        found.len(),
        metrics.iter().filter(|m| m.0.starts_with("fires-")).count()
    );
    // the message names the targets it found
    let example = found
        .iter()
        .find(|d| d["metric"] == "fires-and.m1")
        .unwrap();
    assert_eq!(
        example["message"],
        "metric `fires-and.m1` sets 2 targets in one title: \"Close 2 Tier-1 deals\", \"get 10 new logos\""
    );
    let three = found
        .iter()
        .find(|d| d["metric"] == "fires-comma.m5")
        .unwrap();
    assert!(
        three["message"]
            .as_str()
            .unwrap()
            .contains("sets 2 targets"),
        "{three}"
    );
}

#[test]
fn milestone_overdue_reports_each_milestone_past_due_and_not_reached() {
    let rule = "milestone-overdue";
    let dir = fixture(rule);
    let found = fires_and_silent(rule, &[]);
    // only the milestone past due, not the one reached nor the one still ahead
    assert_eq!(count_for(&found, "fires-not-done"), 1);
    let d = found
        .iter()
        .find(|d| d["goal"] == "fires-not-done")
        .unwrap();
    assert_eq!(d["line"], line_of(&dir, "Facilitate a workshop alone"));
    assert_eq!(
        d["message"],
        "milestone \"Facilitate a workshop alone\" of `fires-not-done` was due on 2026-05-31 and is not reached"
    );
    // `done` after the as-of date is not reached on the as-of date
    assert_eq!(count_for(&found, "fires-done-later"), 1);
    let d = found
        .iter()
        .find(|d| d["goal"] == "fires-done-later")
        .unwrap();
    assert_eq!(d["line"], line_of(&dir, "Write a report query unaided"));
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("only after 2026-06-15")
    );

    // A milestone due on the as-of date is overdue from the next day on.
    let next_day = of_rule(&diagnostics(&dir, &["--as-of", "2026-06-16"]), rule)
        .into_iter()
        .filter(|d| d["goal"] == "silent-due-today")
        .count();
    assert_eq!(next_day, 1);
    // Before anything is due, nothing is overdue.
    assert!(of_rule(&diagnostics(&dir, &["--as-of", "2026-02-01"]), rule).is_empty());
    // `done` that has come by a later as-of date is reached then.
    let later = diagnostics(&dir, &["--as-of", "2026-07-15"]);
    assert!(
        !of_rule(&later, rule)
            .iter()
            .any(|d| d["goal"] == "fires-done-later")
    );
}

#[test]
fn mastery_without_feedback_reports_mastery_goals_without_a_feedback_cadence() {
    let rule = "mastery-without-feedback";
    let found = fires_and_silent(rule, &[]);
    let dir = fixture(rule);
    // a mentor, resources and a review cadence do not stand in for feedback
    for goal in ["fires-mentor-and-resources", "fires-bare"] {
        assert_eq!(count_for(&found, goal), 1);
        let d = found.iter().find(|d| d["goal"] == goal).unwrap();
        assert_eq!(d["line"], line_of(&dir, &format!("[goals.{goal}]")));
    }
    // mastery-without-support is a different finding: only the goal with no support at all
    let diags = diagnostics(&dir, &[]);
    let support: Vec<&str> = of_rule(&diags, "mastery-without-support")
        .iter()
        .map(|d| d["goal"].as_str().unwrap())
        .collect();
    assert_eq!(support, ["fires-bare"]);
}

#[test]
fn pact_owner_not_party_reports_a_pact_whose_owner_is_not_among_its_parties() {
    let rule = "pact-owner-not-party";
    let found = fires_and_silent(rule, &[]);
    let dir = fixture(rule);
    assert_eq!(found.len(), 2, "{found:#?}");
    for goal in ["fires-owner-outside", "fires-case-differs"] {
        let d = found.iter().find(|d| d["goal"] == goal).unwrap();
        // on the owner: the line after the title of the goal
        let header = line_of(&dir, &format!("[goals.{goal}]"));
        assert_eq!(d["line"], header + 3, "{goal}: points at `owner`");
        assert_eq!(
            d["message"],
            format!("pact `{goal}` is owned by `maria`, who is not one of its parties")
        );
    }
}

#[test]
fn pact_not_agreed_reports_only_active_pacts_without_an_agreed_date() {
    let rule = "pact-not-agreed";
    let dir = fixture(rule);
    let found = fires_and_silent(rule, &[]);
    assert_eq!(found.len(), 3);
    // The pact that starts in July is reported once it has started; the one that ended in
    // April was reported while it ran; the one due in September is not after it.
    let goals_at = |as_of: &str| -> Vec<String> {
        of_rule(&diagnostics(&dir, &["--as-of", as_of]), rule)
            .iter()
            .map(|d| d["goal"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        goals_at("2026-07-01"),
        ["fires-active", "fires-plan-dates", "silent-not-started"]
    );
    assert_eq!(
        goals_at("2026-03-01"),
        [
            "fires-active",
            "fires-plan-dates",
            "fires-due-today",
            "silent-ended"
        ]
    );
    assert_eq!(
        goals_at("2026-10-01"),
        ["fires-plan-dates", "silent-not-started"]
    );
}

#[test]
fn the_new_rules_are_warnings_listed_explained_and_configurable() {
    let dir = tempfile::tempdir().unwrap();
    let rules = goalc(dir.path(), &["rules"]).stdout;
    for rule in NEW_RULES {
        let line = rules
            .lines()
            .find(|l| l.split_whitespace().next() == Some(rule))
            .unwrap_or_else(|| panic!("`goalc rules` lacks {rule}:\n{rules}"));
        assert!(line.contains("warning"), "{line}");
        let explain = goalc(dir.path(), &["explain", rule]);
        assert_eq!(explain.code, 0, "{rule}");
        for section in ["What it does", "Why", "Example", "How to fix"] {
            assert!(explain.stdout.contains(section), "{rule}: {section}");
        }
    }
    // Each can be turned off, or raised to an error, in goalc.toml.
    for rule in NEW_RULES {
        for (level, expect) in [("off", None), ("error", Some("error"))] {
            let copy = tempfile::tempdir().unwrap();
            for entry in std::fs::read_dir(fixture(rule)).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
            }
            let config = copy.path().join("goalc.toml");
            let text = std::fs::read_to_string(&config).unwrap();
            std::fs::write(&config, format!("{text}\n[rules]\n{rule} = \"{level}\"\n")).unwrap();
            let diags = diagnostics(copy.path(), &[]);
            let found = of_rule(&diags, rule);
            match expect {
                None => assert!(found.is_empty(), "{rule} = off"),
                Some(sev) => {
                    assert!(!found.is_empty(), "{rule} = {level}");
                    assert!(found.iter().all(|d| d["severity"] == sev));
                }
            }
        }
    }
}

#[test]
fn allow_on_a_goal_silences_a_new_rule_there_only() {
    let rule = "pact-owner-not-party";
    let copy = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(fixture(rule)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), copy.path().join(entry.file_name())).unwrap();
    }
    let plan = copy.path().join("goals.plan.toml");
    let text = std::fs::read_to_string(&plan).unwrap().replacen(
        "[goals.fires-owner-outside]\n",
        "[goals.fires-owner-outside]\nallow = [\"pact-owner-not-party\"]\n",
        1,
    );
    std::fs::write(&plan, text).unwrap();
    let diags = diagnostics(copy.path(), &[]);
    let goals: Vec<&str> = of_rule(&diags, rule)
        .iter()
        .map(|d| d["goal"].as_str().unwrap())
        .collect();
    assert_eq!(goals, ["fires-case-differs"]);
}
