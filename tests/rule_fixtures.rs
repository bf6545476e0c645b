//! Per-rule fixtures, the way ruff keeps them: `tests/fixtures/rules/<rule>/` is a small
//! workspace (a `goalc.toml` pinning `as_of`, and plan files) whose goals are named after the
//! case they stand for. Every goal whose id starts with `fires-` must get at least one finding of
//! the folder's rule, every `silent-` goal none; goals named otherwise (`part-...`) are scaffolding
//! and must get none either. Findings that belong to no goal (`too-many-goals` is about a person)
//! are matched against the folder's `expect.toml`: each `fires` text must appear in one of their
//! messages, no `silent` text in any. Findings of other rules are ignored. The rule's findings
//! are snapshotted too, so a changed message, span or count shows up in review.
//!
//! A folder named `<rule>@<variant>` is a second workspace for the same rule, for cases that need
//! another `goalc.toml` (a widened `levels`, a changed threshold).
//!
//! A case whose expected behaviour the contract fixes but the implementation does not follow yet
//! keeps its contract name (`fires-`/`silent-`) and is listed under `[disagrees]` in the folder's
//! `expect.toml`, with what the contract says. The rule's own test then leaves it out (so the rest
//! of the fixture keeps guarding the rule, and the snapshot holds no wrong finding), and
//! `implementation_follows_the_contract_on_every_disputed_case` fails for as long as any such
//! case still disagrees.
//!
//! Everything goes through the `goalc` binary, so the fixtures hold whatever the code inside
//! looks like.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn goalc(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_goalc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run goalc");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[derive(Debug)]
struct Finding {
    goal: Option<String>,
    file: String,
    line: u64,
    column: u64,
    end_line: u64,
    end_column: u64,
    message: String,
    help: Option<String>,
    /// `file:line:column message` of each related label, from the SARIF output.
    related: Vec<String>,
}

impl Finding {
    fn show(&self) -> String {
        format!(
            "{}:{}:{}-{}:{} [{}] {}",
            self.file.trim_start_matches("./"),
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.goal.as_deref().unwrap_or("-"),
            self.message
        )
    }
}

/// The findings of `rule` in the fixture folder `dir`.
fn findings_of(dir: &Path, rule: &str) -> Vec<Finding> {
    let run = goalc(dir, &["check", "--format", "json", "."]);
    assert!(
        run.code == 0 || run.code == 1,
        "goalc check failed to run in {} (exit {}): {}{}",
        dir.display(),
        run.code,
        run.stdout,
        run.stderr
    );
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", run.stdout, run.stderr));
    let number = |d: &serde_json::Value, key: &str| {
        d[key]
            .as_u64()
            .unwrap_or_else(|| panic!("`{key}` is not a number in {d}"))
    };
    let mut findings: Vec<Finding> = json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["rule"] == rule)
        .map(|d| Finding {
            goal: d["goal"].as_str().map(str::to_string),
            file: d["file"].as_str().unwrap_or_default().replace('\\', "/"),
            line: number(d, "line"),
            column: number(d, "column"),
            end_line: number(d, "end_line"),
            end_column: number(d, "end_column"),
            message: d["message"].as_str().unwrap_or_default().to_string(),
            help: d["help"].as_str().map(str::to_string),
            related: Vec::new(),
        })
        .collect();
    let related = related_of(dir, rule);
    assert_eq!(
        related.len(),
        findings.len(),
        "SARIF and JSON disagree on the number of `{rule}` findings"
    );
    for (f, r) in findings.iter_mut().zip(related) {
        f.related = r;
    }
    findings
}

fn sarif(dir: &Path) -> serde_json::Value {
    let run = goalc(dir, &["check", "--format", "sarif", "."]);
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not SARIF ({e}): {}\n{}", run.stdout, run.stderr))
}

/// The `helpUri` of `rule` in the SARIF `rules[]`.
fn help_uri(dir: &Path, rule: &str) -> String {
    let sarif = sarif(dir);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .clone();
    let entry = rules
        .iter()
        .find(|r| r["id"] == rule)
        .unwrap_or_else(|| panic!("SARIF lists no rule `{rule}`"));
    entry["helpUri"].as_str().unwrap_or_default().to_string()
}

/// The related locations of every finding of `rule`, from `goalc check --format sarif`.
fn related_of(dir: &Path, rule: &str) -> Vec<Vec<String>> {
    sarif(dir)["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["ruleId"] == rule)
        .map(|r| {
            r["relatedLocations"]
                .as_array()
                .map(|all| {
                    all.iter()
                        .map(|l| {
                            let at = &l["physicalLocation"];
                            let region = &at["region"];
                            format!(
                                "{}:{}:{} {}",
                                at["artifactLocation"]["uri"].as_str().unwrap_or_default(),
                                region["startLine"],
                                region["startColumn"],
                                l["message"]["text"].as_str().unwrap_or_default()
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .collect()
}

/// The ids of every goal of the fixture's plan files, in file then definition order.
fn goal_ids(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".plan.toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} has no plan file", dir.display());
    let mut ids = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let table: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{} is not TOML: {e}", file.display()));
        if let Some(goals) = table.get("goals").and_then(|g| g.as_table()) {
            ids.extend(goals.keys().cloned());
        }
    }
    ids
}

/// `expect.toml`: texts that findings without a goal must (`fires`) or must not (`silent`)
/// mention.
fn expectations(dir: &Path) -> (Vec<String>, Vec<String>) {
    let Ok(text) = std::fs::read_to_string(dir.join("expect.toml")) else {
        return (Vec::new(), Vec::new());
    };
    let table: toml::Table = text.parse().expect("expect.toml is TOML");
    let list = |key: &str| -> Vec<String> {
        table
            .get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .map(|s| s.as_str().expect("a string").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    (list("fires"), list("silent"))
}

/// The rule a fixture folder is about: its name up to an `@variant`.
fn rule_of(folder: &str) -> &str {
    folder.split('@').next().unwrap_or(folder)
}

/// `[disagrees]` of `expect.toml`: goal id -> what the contract says about that case.
fn disagreements(dir: &Path) -> Vec<(String, String)> {
    let Ok(text) = std::fs::read_to_string(dir.join("expect.toml")) else {
        return Vec::new();
    };
    let table: toml::Table = text.parse().expect("expect.toml is TOML");
    table
        .get("disagrees")
        .and_then(|v| v.as_table())
        .map(|t| {
            t.iter()
                .map(|(id, why)| (id.clone(), why.as_str().expect("a string").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// What is wrong with the disputed cases of the fixture folder: one line per case the
/// implementation still gets wrong.
fn disputed_problems(folder: &str) -> Vec<String> {
    let dir = fixtures_root().join(folder);
    let rule = rule_of(folder);
    let disputed = disagreements(&dir);
    if disputed.is_empty() {
        return Vec::new();
    }
    let findings = findings_of(&dir, rule);
    let ids = goal_ids(&dir);
    let mut problems = Vec::new();
    for (id, why) in &disputed {
        assert!(
            ids.contains(id),
            "{folder}/expect.toml disputes `{id}`, which is no goal of the fixture"
        );
        let got: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.goal.as_deref() == Some(id.as_str()))
            .collect();
        let fires = id.starts_with("fires-");
        if fires && got.is_empty() {
            problems.push(format!(
                "{folder}: `{id}` gets no `{rule}` finding; the contract says: {why}"
            ));
        }
        if !fires && !got.is_empty() {
            problems.push(format!(
                "{folder}: `{id}` gets {}; the contract says: {why}",
                got.iter().map(|f| f.show()).collect::<Vec<_>>().join(" / ")
            ));
        }
    }
    problems
}

fn check_fixture(folder: &str) {
    let dir = fixtures_root().join(folder);
    let rule = rule_of(folder);
    assert!(
        dir.join("goalc.toml").is_file(),
        "{} has no goalc.toml",
        dir.display()
    );
    let disputed: Vec<String> = disagreements(&dir).into_iter().map(|(id, _)| id).collect();
    let findings: Vec<Finding> = findings_of(&dir, rule)
        .into_iter()
        .filter(|f| !f.goal.as_ref().is_some_and(|g| disputed.contains(g)))
        .collect();
    let ids: Vec<String> = goal_ids(&dir)
        .into_iter()
        .filter(|id| !disputed.contains(id))
        .collect();
    let mut problems = Vec::new();

    let fires: Vec<&String> = ids.iter().filter(|id| id.starts_with("fires-")).collect();
    let silent: Vec<&String> = ids.iter().filter(|id| id.starts_with("silent-")).collect();
    let (fires_texts, silent_texts) = expectations(&dir);
    if silent.is_empty() && silent_texts.is_empty() {
        problems.push("no `silent-` case".to_string());
    }
    if fires.is_empty() && fires_texts.is_empty() {
        problems.push("no `fires-` case".to_string());
    }
    for id in &fires {
        if !findings
            .iter()
            .any(|f| f.goal.as_deref() == Some(id.as_str()))
        {
            problems.push(format!(
                "`{id}` should get a `{rule}` finding and gets none"
            ));
        }
    }
    for f in &findings {
        match &f.goal {
            Some(goal) if goal.starts_with("fires-") => {}
            Some(_) => problems.push(format!("unexpected finding: {}", f.show())),
            None if fires_texts.iter().any(|t| f.message.contains(t.as_str())) => {}
            None => problems.push(format!(
                "finding without a goal that expect.toml does not expect: {}",
                f.show()
            )),
        }
        for text in &silent_texts {
            if f.message.contains(text.as_str()) {
                problems.push(format!("`{text}` should stay silent: {}", f.show()));
            }
        }
    }
    for text in &fires_texts {
        if !findings
            .iter()
            .any(|f| f.goal.is_none() && f.message.contains(text.as_str()))
        {
            problems.push(format!("no finding without a goal mentions {text}"));
        }
    }
    assert!(
        problems.is_empty(),
        "fixture {rule}:\n  {}\nall `{rule}` findings:\n  {}",
        problems.join("\n  "),
        findings
            .iter()
            .map(Finding::show)
            .collect::<Vec<_>>()
            .join("\n  ")
    );

    let mut snapshot = format!("helpUri: {}\n", help_uri(&dir, rule));
    for f in &findings {
        snapshot.push_str(&f.show());
        snapshot.push('\n');
        if let Some(help) = &f.help {
            snapshot.push_str(&format!("    help: {help}\n"));
        }
        for r in &f.related {
            snapshot.push_str(&format!("    related: {r}\n"));
        }
    }
    insta::with_settings!({ description => format!("findings of `{rule}` in tests/fixtures/rules/{folder}"), omit_expression => true }, {
        insta::assert_snapshot!(folder, snapshot);
    });
}

macro_rules! fixtures {
    ($($test:ident => $rule:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($rule);
            }
        )*
        const FIXTURES: &[&str] = &[$($rule),*];
    };
}

fixtures! {
    orphan_goal => "orphan-goal",
    alignment_cycle => "alignment-cycle",
    level_inversion => "level-inversion",
    deadline_after_parent => "deadline-after-parent",
    outside_plan_period => "outside-plan-period",
    no_contributors => "no-contributors",
    contribution_shortfall => "contribution-shortfall",
    unit_mismatch => "unit-mismatch",
    missing_metric => "missing-metric",
    missing_target => "missing-target",
    missing_baseline => "missing-baseline",
    missing_unit => "missing-unit",
    no_change => "no-change",
    vague_title => "vague-title",
    activity_metric => "activity-metric",
    percent_out_of_range => "percent-out-of-range",
    unrealistic_target => "unrealistic-target",
    off_pace => "off-pace",
    overdue => "overdue",
    claim_contradicts_progress => "claim-contradicts-progress",
    confidence_contradicts_pace => "confidence-contradicts-pace",
    score_contradicts_progress => "score-contradicts-progress",
    too_many_goals => "too-many-goals",
    over_capacity => "over-capacity",
    key_result_count => "key-result-count",
    mastery_without_milestones => "mastery-without-milestones",
    milestones_not_progressive => "milestones-not-progressive",
    mastery_without_support => "mastery-without-support",
    standardized_goal => "standardized-goal",
    pact_single_party => "pact-single-party",
    pact_missing_commitment => "pact-missing-commitment",
    pact_without_review => "pact-without-review",
    micro_too_long => "micro-too-long",
    micro_unaligned => "micro-unaligned",
    stale_progress => "stale-progress",
    checkin_in_future => "checkin-in-future",
    checkin_outside_goal => "checkin-outside-goal",
    unused_allow => "unused-allow",
    invalid_dates => "invalid-dates",
    schema => "schema",
    no_contributors_widened => "no-contributors@org-and-team",
    no_contributors_team_only => "no-contributors@team",
    deliverables_only => "deliverables-only",
    compound_metric => "compound-metric",
    milestone_overdue => "milestone-overdue",
    mastery_without_feedback => "mastery-without-feedback",
    pact_owner_not_party => "pact-owner-not-party",
    pact_not_agreed => "pact-not-agreed",
}

/// Every case listed under `[disagrees]` in an `expect.toml`: the contract fixes its outcome
/// and the implementation does not give it yet. Fails, naming each, until the code follows.
#[test]
fn implementation_follows_the_contract_on_every_disputed_case() {
    let problems: Vec<String> = FIXTURES.iter().flat_map(|f| disputed_problems(f)).collect();
    assert!(
        problems.is_empty(),
        "the implementation disagrees with the contract on {} case(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// `(name, structural)` of every rule `goalc rules` lists.
fn listed_rules() -> Vec<(String, bool)> {
    let run = goalc(&fixtures_root(), &["rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rules: Vec<(String, bool)> = run
        .stdout
        .lines()
        .filter_map(|line| {
            let name = line.split_whitespace().next()?;
            Some((name.to_string(), line.contains("(structural)")))
        })
        .collect();
    assert!(rules.len() > 30, "`goalc rules` printed {}", run.stdout);
    rules
}

#[test]
fn every_non_structural_rule_has_a_fixture() {
    let rules = listed_rules();
    let folders: BTreeSet<String> = std::fs::read_dir(fixtures_root())
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<&str> = FIXTURES.iter().copied().collect();
    // the history rules compare with a git revision: tests/history.rs builds real repositories
    let in_history_tests = ["target-lowered", "deadline-pushed", "baseline-rewritten"];
    for (name, structural) in &rules {
        if *structural || in_history_tests.contains(&name.as_str()) {
            continue;
        }
        assert!(
            folders.contains(name),
            "rule `{name}` has no fixture: add tests/fixtures/rules/{name}/"
        );
        assert!(
            listed.contains(name.as_str()),
            "rule `{name}` has a fixture folder that `fixtures!` in tests/rule_fixtures.rs does not run"
        );
    }
    for folder in &folders {
        assert!(
            rules.iter().any(|(name, _)| name == rule_of(folder)),
            "tests/fixtures/rules/{folder} is named after no rule"
        );
        assert!(
            listed.contains(folder.as_str()),
            "tests/fixtures/rules/{folder} is not run: add it to `fixtures!`"
        );
    }
}

/// Status is decided in one order for `check` and the report: the goals `overdue` reports are
/// exactly those the report calls overdue (measured or not, past a goal's or a key result's due).
#[test]
fn overdue_reports_the_goals_the_report_calls_overdue() {
    let dir = fixtures_root().join("overdue");
    let checked: BTreeSet<String> = findings_of(&dir, "overdue")
        .into_iter()
        .filter_map(|f| f.goal)
        .collect();
    let run = goalc(&dir, &["report", "--format", "json", "."]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    let reported: BTreeSet<String> = json["goals"]
        .as_array()
        .expect("goals")
        .iter()
        .filter(|g| g["status"] == "overdue")
        .filter_map(|g| g["id"].as_str().map(str::to_string))
        .collect();
    assert!(checked.len() > 10, "the fixture reports {checked:?}");
    assert_eq!(checked, reported, "check's overdue goals vs the report's");
}

/// A range is judged by its latest value on or before its due date (8 here, outside 3..6); a
/// later check-in back inside (5) does not undo that, and the finding must not name it as the
/// value outside the range.
#[test]
fn overdue_names_the_range_value_at_its_due_date() {
    let dir = fixtures_root().join("overdue");
    let finding = findings_of(&dir, "overdue")
        .into_iter()
        .find(|f| f.goal.as_deref() == Some("fires-range-broken"))
        .expect("`fires-range-broken` is overdue");
    assert!(
        finding.message.contains("`group` is at 8"),
        "the value at the due date is 8: {}",
        finding.show()
    );
}

/// The progress model behind `off-pace`, `overdue` and the reports: statuses, own and cascade
/// progress, expected progress and forecasts of `tests/fixtures/progress` at its pinned date,
/// as `goalc report --format json` gives them.
#[test]
fn progress_model() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress");
    let run = goalc(&dir, &["report", "--format", "json", "."]);
    // the fixture's cycle is an error finding: the report is still written, exit 1
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", run.stdout));
    let mut out = String::new();
    for goal in json["goals"].as_array().expect("goals") {
        out.push_str(&format!(
            "{} {} progress={} raw={} cascade={} expected={} forecast={}\n",
            goal["id"].as_str().unwrap_or_default(),
            goal["status"].as_str().unwrap_or_default(),
            goal["progress"],
            goal["progress_raw"],
            goal["cascade"],
            goal["expected"],
            goal["forecast"],
        ));
        for metric in goal["metrics"].as_array().expect("metrics") {
            out.push_str(&format!(
                "    {} current={} progress={} raw={} forecast={}\n",
                metric["id"].as_str().unwrap_or_default(),
                metric["current"],
                metric["progress"],
                metric["progress_raw"],
                metric["forecast"],
            ));
        }
    }
    // The HTML report colours each progress bar by status: count the bars of each.
    let html = goalc(&dir, &["report", "--format", "html", "."]);
    assert!(html.code == 0 || html.code == 1, "{}", html.stderr);
    let mut bars = std::collections::BTreeMap::<&str, usize>::new();
    for piece in html.stdout.split("class=\"bar-fill ").skip(1) {
        let class = piece.split('"').next().unwrap_or_default();
        *bars.entry(class).or_default() += 1;
    }
    for (class, count) in bars {
        out.push_str(&format!("html bar-fill {class}: {count}\n"));
    }
    insta::assert_snapshot!("progress_model", out);
}
