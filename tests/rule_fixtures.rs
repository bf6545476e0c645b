//! Per-rule fixtures, the way ruff keeps them: `tests/fixtures/rules/<rule>/` is a small
//! workspace (a `goalc.toml` pinning `as_of`, and plan files) whose goals are named after the
//! case they stand for. Every goal whose id starts with `fires-` must get at least one finding of
//! the folder's rule, every `silent-` goal none; goals named otherwise (`part-...`) are scaffolding
//! and must get none either. Findings that belong to no goal (`too-many-goals` is about a person)
//! are matched against the folder's `expect.toml`: each `fires` text must appear in one of their
//! messages, no `silent` text in any. Findings of other rules are ignored. The rule's findings
//! are snapshotted too, so a changed message, span or count shows up in review.
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

fn check_fixture(rule: &str) {
    let dir = fixtures_root().join(rule);
    assert!(
        dir.join("goalc.toml").is_file(),
        "{} has no goalc.toml",
        dir.display()
    );
    let findings = findings_of(&dir, rule);
    let ids = goal_ids(&dir);
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
    insta::with_settings!({ description => format!("findings of `{rule}` in tests/fixtures/rules/{rule}"), omit_expression => true }, {
        insta::assert_snapshot!(rule, snapshot);
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
    for (name, structural) in &rules {
        if *structural {
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
            rules.iter().any(|(name, _)| name == folder),
            "tests/fixtures/rules/{folder} is named after no rule"
        );
        assert!(
            listed.contains(folder.as_str()),
            "tests/fixtures/rules/{folder} is not run: add it to `fixtures!`"
        );
    }
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
