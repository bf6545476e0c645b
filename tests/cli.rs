//! The command line end to end: formats, exit codes, configuration, named files, hostile input.

mod common;
use common::*;

fn broken_workspace() -> tempfile::TempDir {
    let org = format!(
        "{PLAN_HEADER}[people.maria]\nname = \"Maria Chen\"\n\n{}",
        goal(
            "erp-fluency",
            "level = \"org\"\n\n[goals.erp-fluency.metrics.certified]\nunit = \"%\"\nbaseline = 12\ntarget = 90"
        )
    );
    let team = format!(
        "{PLAN_HEADER}{}{}",
        goal(
            "trainers",
            "level = \"team\"\naligns_to = [\"erp-fluncy\"]\nstart = 2026-05-01\ndue = 2026-04-01"
        ),
        goal("erp-fluency", "titel = \"copy\""),
    );
    quiet_workspace(&[
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("org.plan.toml", &org),
        ("teams/learning.plan.toml", &team),
    ])
}

#[test]
fn human_output_is_a_compiler_report() {
    let dir = broken_workspace();
    let run = goalc(dir.path(), &["check"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("human_report", run.stdout);
}

#[test]
fn human_output_of_a_clean_workspace_is_the_summary() {
    let text = format!("{PLAN_HEADER}{}", goal("g", ""));
    let dir = quiet_workspace(&[("a.plan.toml", &text)]);
    let run = goalc(dir.path(), &["check", "--as-of", "2026-06-15"]);
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "0 errors, 0 warnings in 1 file\n")
    );
    let quiet = goalc(dir.path(), &["check", "-q"]);
    assert_eq!(quiet.stdout, "");
}

#[test]
fn json_output_has_the_contract_shape() {
    let dir = broken_workspace();
    let run = goalc(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("json_report", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let keys: Vec<&str> = [
        "rule",
        "severity",
        "message",
        "help",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "goal",
        // "each diagnostic gains `metric`, the key `goal-id.metric-id` of the metric it
        // concerns, or null (like `goal`)": none of these findings concerns a metric
        "metric",
    ]
    .to_vec();
    // `metric` comes right after `goal`, as the contract lists them.
    let lines: Vec<&str> = run.stdout.lines().map(str::trim).collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("\"goal\":") {
            assert!(lines[i + 1].starts_with("\"metric\":"), "{}", run.stdout);
        }
    }
    for d in json["diagnostics"].as_array().unwrap() {
        let obj = d.as_object().unwrap();
        assert_eq!(obj.len(), keys.len());
        assert!(keys.iter().all(|k| obj.contains_key(*k)));
        assert_eq!(d["metric"], serde_json::Value::Null, "{d:#}");
    }
    assert_eq!(json["summary"]["errors"], 4);
    assert_eq!(json["summary"]["warnings"], 0);
    assert_eq!(json["summary"]["files"], 2);
    // both definitions of the duplicated goal count
    assert_eq!(json["summary"]["goals"], 3);
    // a finding about a metric names it, and still names its goal
    let dir = metric_finding_workspace();
    let (_, json) = check_json(dir.path(), &[]);
    let d = &json["diagnostics"].as_array().unwrap()[..];
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["rule"], "missing-unit");
    assert_eq!(d[0]["goal"], "g");
    assert_eq!(d[0]["metric"], "g.m");
}

/// A workspace whose only finding is about metric `g.m`: `missing-unit`.
fn metric_finding_workspace() -> tempfile::TempDir {
    let plan = format!(
        "{PLAN_HEADER}{}\n[goals.g.metrics.m]\ntitle = \"Trainers certified\"\nbaseline = 10\ntarget = 20\n",
        goal("g", "")
    );
    workspace(&[
        (
            "goalc.toml",
            "levels = [\"individual\"]\n[rules]\nmissing-unit = \"error\"\nstale-progress = \"off\"\n",
        ),
        ("a.plan.toml", &plan),
    ])
}

#[test]
fn sarif_results_carry_the_metric_and_the_goal_in_their_properties() {
    // "SARIF results carry the same in `properties.metric` and `properties.goal`"
    let dir = metric_finding_workspace();
    let run = goalc(
        dir.path(),
        &["check", "--format", "sarif", "--as-of", "2026-06-15"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{results:#?}");
    assert_eq!(results[0]["ruleId"], "missing-unit");
    assert_eq!(results[0]["properties"]["goal"], "g");
    assert_eq!(results[0]["properties"]["metric"], "g.m");
}

#[test]
fn sarif_output_names_rules_and_regions() {
    let dir = broken_workspace();
    let run = goalc(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(run.code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let run0 = &sarif["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "goalc");
    let rule_ids: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rule_ids.contains(&"unknown-reference"));
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(rule_ids[r["ruleIndex"].as_u64().unwrap() as usize], id);
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(".plan.toml")
        );
        assert!(loc["region"]["startLine"].as_u64().unwrap() >= 1);
    }
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "teams/learning.plan.toml"
    );
}

#[test]
fn github_annotations_are_escaped() {
    let text = format!("{PLAN_HEADER}{}", goal("g", "aligns_to = \"50%,done:now\""));
    let dir = quiet_workspace(&[("a b.plan.toml", &text)]);
    let run = goalc(dir.path(), &["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(
        lines[0].starts_with("::error file=a b.plan.toml,line=10,col=13,endLine=10,endColumn=27,title=unknown-reference::`aligns_to` names unknown goal `50%25,done:now`%0Ahelp: "),
        "{}",
        lines[0]
    );
}

#[test]
fn exit_codes_follow_the_contract() {
    let clean = quiet_workspace(&[("a.plan.toml", &format!("{PLAN_HEADER}{}", goal("g", "")))]);
    assert_eq!(goalc(clean.path(), &["check"]).code, 0);
    assert_eq!(goalc(clean.path(), &["check", "--deny-warnings"]).code, 0);
    let broken = broken_workspace();
    assert_eq!(goalc(broken.path(), &["check"]).code, 1);
    let missing = goalc(clean.path(), &["check", "nowhere"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.contains("path does not exist: nowhere"),
        "{}",
        missing.stderr
    );
    assert_eq!(
        goalc(clean.path(), &["check", "--as-of", "2026-13-01"]).code,
        2
    );
    assert_eq!(goalc(clean.path(), &["check", "--format", "xml"]).code, 2);
    assert_eq!(
        goalc(clean.path(), &["check", "--config", "missing.toml"]).code,
        2
    );
}

#[test]
fn invalid_configuration_stops_the_run_with_its_location() {
    let plan = format!("{PLAN_HEADER}{}", goal("g", ""));
    for (config, expected) in [
        (
            "[rules]\norphan-gaol = \"error\"\n",
            "did you mean `orphan-goal`?",
        ),
        ("[rules]\nschema = \"warning\"\n", "structural rule"),
        ("[rules]\norphan-goal = \"loud\"\n", "must be one of"),
        (
            "[rules]\ntoo-many-goals = { level = \"warning\", maximum = 4 }\n",
            "did you mean `max`?",
        ),
        ("levles = [\"org\"]\n", "did you mean `levels`?"),
        ("as_of = \"2026-06-15\"\n", "`as_of = 2026-06-15`"),
        ("as_of = 2026-06-15\nas_of = 2026-06-16\n", "duplicate key"),
        (
            "[rules]\nmicro-too-long = { max-days = -1 }\n",
            "must be between 1 and 3660",
        ),
        (
            "[rules]\nmicro-too-long = { max-days = 1.5 }\n",
            "whole number",
        ),
        (
            "[rules]\noff-pace = { min-forecast = \"high\" }\n",
            "must be a number",
        ),
        ("[rules]\noff-pace = 3\n", "must be a severity or a table"),
        (
            "[rules]\nvague-title = { level = \"of\" }\n",
            "did you mean \"off\"?",
        ),
    ] {
        let dir = workspace(&[("goalc.toml", config), ("a.plan.toml", &plan)]);
        let run = goalc(dir.path(), &["check"]);
        assert_eq!(run.code, 2, "{config}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{config}: {}", run.stderr);
        assert!(
            run.stderr.contains("goalc.toml:"),
            "location missing: {}",
            run.stderr
        );
    }
    let valid = "levels = [\"company\", \"team\"]\n[rules]\norphan-goal = \"error\"\ntoo-many-goals = { level = \"warning\", max = 4 }\nmicro-too-long = { max-days = 60 }\nvague-title = \"off\"\n";
    let plan = format!("{PLAN_HEADER}{}", goal("g", "level = \"company\""));
    let dir = workspace(&[("goalc.toml", valid), ("a.plan.toml", &plan)]);
    let run = goalc(dir.path(), &["check", "--format", "json"]);
    // accepted: the run happens, and the custom level resolves
    assert_ne!(run.code, 2, "{}", run.stderr);
    assert!(!run.stdout.contains("unknown level"), "{}", run.stdout);
}

#[test]
fn configuration_is_found_by_walking_up_and_sets_the_root() {
    let org = format!("{PLAN_HEADER}{}", goal("org-goal", "level = \"org\""));
    let team = format!(
        "{PLAN_HEADER}{}",
        goal("team-goal", "level = \"team\"\naligns_to = \"org-goal\"")
    );
    let dir = quiet_workspace(&[
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("org.plan.toml", &org),
        ("teams/a.plan.toml", &team),
    ]);
    // run from inside teams/: the root is the folder of goalc.toml, so org-goal resolves
    let run = goalc(&dir.path().join("teams"), &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 1);
    // --config elsewhere makes that folder the root: org-goal is then out of reach
    let other = quiet_workspace(&[("goalc.toml", "")]);
    let config = other.path().join("goalc.toml");
    let run = goalc(
        &dir.path().join("teams"),
        &["check", "--config", config.to_str().unwrap(), "a.plan.toml"],
    );
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("unknown-reference"));
}

#[test]
fn as_of_comes_from_the_flag_then_the_config() {
    let dir = quiet_workspace(&[
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("a.plan.toml", &format!("{PLAN_HEADER}{}", goal("g", ""))),
    ]);
    let compiled = |args: &[&str]| {
        let run = goalc(dir.path(), args);
        serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()["as_of"].clone()
    };
    assert_eq!(compiled(&["compile"]), "2026-06-15");
    assert_eq!(
        compiled(&["compile", "--as-of", "2026-01-02"]),
        "2026-01-02"
    );
}

#[test]
fn named_files_resolve_across_the_workspace_but_report_only_themselves() {
    let org = format!(
        "{PLAN_HEADER}{}x = 1\n",
        goal("org-goal", "level = \"org\"")
    );
    let team = format!(
        "{PLAN_HEADER}{}",
        goal("team-goal", "level = \"team\"\naligns_to = \"org-goal\"")
    );
    let dir = quiet_workspace(&[
        ("goalc.toml", ""),
        ("org.plan.toml", &org),
        ("teams/a.plan.toml", &team),
    ]);
    let (code, json) = check_json(dir.path(), &["teams/a.plan.toml"]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["goals"], 1);
    // the whole workspace does have the finding in org.plan.toml
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!((code, rules_of(&json)), (1, vec!["schema".to_string()]));
    // a file named explicitly is read whatever its name
    std::fs::write(
        dir.path().join("draft.toml"),
        format!("{PLAN_HEADER}{}", goal("draft", "aligns_to = \"org-gaol\"")),
    )
    .unwrap();
    let (code, json) = check_json(dir.path(), &["draft.toml"]);
    assert_eq!(
        (code, rules_of(&json)),
        (1, vec!["unknown-reference".to_string()])
    );
    // goalc.toml applies to every file, so naming it (a pre-commit hook does when it changes)
    // checks the whole workspace rather than reading it as a plan
    std::fs::remove_file(dir.path().join("draft.toml")).unwrap();
    let (code, json) = check_json(dir.path(), &["goalc.toml", "teams/a.plan.toml"]);
    assert_eq!((code, rules_of(&json)), (1, vec!["schema".to_string()]));
    assert_eq!(json["summary"]["files"], 2);
}

#[test]
fn discovery_skips_hidden_and_target_folders_and_survives_symlink_loops() {
    let bad = "[plan\n";
    let good = format!("{PLAN_HEADER}{}", goal("g", ""));
    let dir = quiet_workspace(&[
        ("a.plan.toml", &good),
        (".git/x.plan.toml", bad),
        ("target/x.plan.toml", bad),
        ("notes.toml", bad),
        ("sub/b.txt", bad),
    ]);
    std::fs::create_dir(dir.path().join("loop")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop/back")).unwrap();
    #[cfg(unix)]
    std::fs::create_dir(dir.path().join("d.plan.toml")).unwrap();
    let run = goalc(dir.path(), &["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "0 errors, 0 warnings in 1 file\n");
}

/// A file reached twice (a symlinked file or folder, or named and also discovered) is read
/// once: read twice, its goals would be duplicate ids.
#[cfg(unix)]
#[test]
fn a_file_reached_twice_is_read_once() {
    let good = format!("{PLAN_HEADER}{}", goal("g", ""));
    let dir = quiet_workspace(&[("teams/a.plan.toml", &good)]);
    let run = goalc(dir.path(), &["check", "teams/a.plan.toml"]);
    assert_eq!(
        run.stdout, "0 errors, 0 warnings in 1 file\n",
        "{}",
        run.stderr
    );
    std::os::unix::fs::symlink("teams/a.plan.toml", dir.path().join("alias.plan.toml")).unwrap();
    std::os::unix::fs::symlink("teams", dir.path().join("mirror")).unwrap();
    for args in [&["check"][..], &["check", "teams/a.plan.toml", "."]] {
        let run = goalc(dir.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(
            run.stdout.ends_with("in 1 file\n"),
            "{args:?}: {}",
            run.stdout
        );
    }
}

/// Suggestions have a budget (see `suggest::Suggester`): typos in files nobody asked about
/// must not spend it before the named file's turn.
#[test]
fn suggestions_are_spent_on_the_files_asked_about() {
    let mut files: Vec<(String, String)> = Vec::new();
    for f in 0..20 {
        let mut text = PLAN_HEADER.to_string();
        for g in 0..100 {
            let n = f * 100 + g;
            // 300 distinct unknown ids ahead of the named file, 2,000 goals to compare each with
            let parent = if g < 15 {
                format!("aligns_to = \"nope-{n}\"")
            } else {
                String::new()
            };
            text.push_str(&goal(&format!("goal-{n}"), &parent));
        }
        files.push((format!("f{f:02}.plan.toml"), text));
    }
    let last = format!("{PLAN_HEADER}{}", goal("mine", "aligns_to = \"goal-1O\""));
    files.push(("z.plan.toml".into(), last));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = quiet_workspace(&files);
    let run = goalc(dir.path(), &["check", "z.plan.toml"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains("did you mean `goal-1"),
        "{}",
        run.stdout
    );
}

/// `compile`'s errors come in file and position order, like `check`'s.
#[test]
fn compile_lists_errors_in_file_order() {
    // a's unknown parent is found after every file is read, b's broken TOML while reading it
    let a = format!("{PLAN_HEADER}{}", goal("g1", "aligns_to = \"nope\""));
    let dir = quiet_workspace(&[("a.plan.toml", &a), ("b.plan.toml", "[goals.g2\n")]);
    let run = goalc(dir.path(), &["compile"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let a_at = run.stderr.find("a.plan.toml").unwrap();
    let b_at = run.stderr.find("b.plan.toml").unwrap();
    assert!(a_at < b_at, "{}", run.stderr);
}

#[test]
fn hostile_files_give_findings_not_crashes() {
    let nested = format!("x = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    let tables = format!("x = {}1{}\n", "{a = ".repeat(20_000), "}".repeat(20_000));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("binary.plan.toml", vec![0xde, 0xad, 0xbe, 0xef, 0, 0xff]),
        ("empty.plan.toml", Vec::new()),
        ("nested.plan.toml", nested.into_bytes()),
        ("tables.plan.toml", tables.into_bytes()),
        ("types.plan.toml", b"[plan]\ntitle = 1\nowner = []\nstart = 2026-01-01T10:00:00\nend = 12:00:00\n[goals]\nx = 1\n".to_vec()),
        ("nan.plan.toml", b"[plan]\ntitle = \"t\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-02-01\n[goals.g]\ntitle = \"t\"\nowner = \"o\"\nweight = -1\n[goals.g.metrics.m]\nbaseline = nan\ntarget = inf\n".to_vec()),
    ];
    // a workspace of nothing but a broken progress file has no plan to check: exit 2, said so
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("junk.progress.toml"),
        b"[[checkin]]\nmetric = 3\n[[checkin]]\n[checkin2]\n",
    )
    .unwrap();
    let run = goalc(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no plan files found under ."),
        "{}",
        run.stderr
    );
    for (name, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(name), &bytes).unwrap();
        let run = goalc(dir.path(), &["check", "--format", "json"]);
        assert!(
            run.code == 0 || run.code == 1,
            "{name}: exit {} {}",
            run.code,
            run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        if name != "empty.plan.toml" {
            assert!(
                json["summary"]["errors"].as_u64().unwrap() > 0,
                "{name}: {json}"
            );
        }
        let human = goalc(dir.path(), &["check"]);
        assert_eq!(human.code, run.code, "{name}");
    }
}

#[test]
fn output_files_are_written_whole_or_not_at_all() {
    let dir = broken_workspace();
    let run = goalc(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "--output",
            "out/findings.sarif",
        ],
    );
    assert_eq!(run.code, 2, "missing folder: {}", run.stderr);
    assert!(run.stderr.contains("cannot write out/findings.sarif"));
    let run = goalc(
        dir.path(),
        &["check", "--format", "sarif", "--output", "findings.sarif"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    let written = std::fs::read_to_string(dir.path().join("findings.sarif")).unwrap();
    assert!(written.contains("\"version\": \"2.1.0\""));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".goalc-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn output_is_deterministic() {
    let dir = broken_workspace();
    for format in ["human", "json", "sarif", "github"] {
        let a = goalc(dir.path(), &["check", "--format", format]);
        let b = goalc(dir.path(), &["check", "--format", format]);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn compile_prints_the_resolved_workspace() {
    let org = format!(
        "{PLAN_HEADER}[people.maria]\nteam = \"learning\"\n\n{}",
        goal(
            "org-goal",
            "level = \"org\"\n[goals.org-goal.metrics.m]\nunit = \"count\"\nbaseline = 10\ntarget = 5\ncheckins = [{ date = 2026-03-01, value = 8 }]"
        )
    );
    let team = format!(
        "{PLAN_HEADER}{}",
        goal(
            "team-goal",
            "level = \"team\"\naligns_to = \"org-goal\"\ndue = 2026-06-30\n[goals.team-goal.metrics.m]\ncontributes_to = \"org-goal.m\""
        )
    );
    let progress = "[[checkin]]\nmetric = \"org-goal.m\"\ndate = 2026-02-01\nvalue = 9\n";
    let dir = quiet_workspace(&[
        ("org.plan.toml", &org),
        ("teams/a.plan.toml", &team),
        ("p.progress.toml", progress),
    ]);
    let run = goalc(dir.path(), &["compile", "--as-of", "2026-06-15"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("compile", run.stdout);
    // structural errors: no JSON, the diagnostics on stderr, exit 1
    let broken = broken_workspace();
    let run = goalc(broken.path(), &["compile"]);
    assert_eq!((run.code, run.stdout.as_str()), (1, ""));
    assert!(run.stderr.contains("unknown-reference"));
}

#[test]
fn init_writes_a_clean_starter_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let run = goalc(dir.path(), &["init", "starter"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check = goalc(&dir.path().join("starter"), &["check", "--format", "json"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
    let json: serde_json::Value = serde_json::from_str(&check.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 0, "{json}");
    assert_eq!(json["summary"]["goals"], 5);
    let compiled = goalc(&dir.path().join("starter"), &["compile"]);
    for framework in ["hard", "okr", "micro", "mastery", "pact"] {
        assert!(
            compiled
                .stdout
                .contains(&format!("\"framework\": \"{framework}\"")),
            "{framework}"
        );
    }
    // format 2: a deliverable with its own owner, and a range
    let compiled: serde_json::Value = serde_json::from_str(&compiled.stdout).unwrap();
    let metrics: Vec<&serde_json::Value> = compiled["goals"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            let owner = g["owner"].clone();
            g["metrics"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |m| (owner.clone(), m))
        })
        .filter(|(goal_owner, m)| m["kind"] != "number" || m["owner"] != *goal_owner)
        .map(|(_, m)| m)
        .collect();
    assert!(
        metrics
            .iter()
            .any(|m| m["kind"] == "deliverable" && m["owner"] == "aiko"),
        "{metrics:?}"
    );
    assert!(
        metrics
            .iter()
            .any(|m| m["kind"] == "range" && m["min"].is_number() && m["max"].is_number()),
        "{metrics:?}"
    );
    let again = goalc(dir.path(), &["init", "starter"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"));
}

#[test]
fn rules_and_explain_come_from_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let run = goalc(dir.path(), &["rules"]);
    assert_eq!(run.code, 0);
    for rule in [
        "syntax",
        "schema",
        "duplicate-id",
        "unknown-reference",
        "invalid-dates",
    ] {
        assert!(run.stdout.lines().any(|l| l.starts_with(rule)), "{rule}");
        let doc = goalc(dir.path(), &["explain", rule]);
        assert_eq!(doc.code, 0);
        assert!(doc.stdout.contains("## How to fix"));
    }
    let typo = goalc(dir.path(), &["explain", "duplicat-id"]);
    assert_eq!(typo.code, 2);
    assert!(typo.stderr.contains("did you mean `duplicate-id`?"));
}

#[test]
fn the_examples_show_what_they_promise() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let clean = goalc(root, &["check", "examples/learning"]);
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    assert!(
        clean.stdout.starts_with("0 errors, 0 warnings in "),
        "{}",
        clean.stdout
    );
    let broken = goalc(root, &["check", "--format", "json", "examples/broken"]);
    assert_eq!(broken.code, 1);
    let json: serde_json::Value = serde_json::from_str(&broken.stdout).unwrap();
    let rules = rules_of(&json);
    for rule in [
        "syntax",
        "schema",
        "duplicate-id",
        "unknown-reference",
        "invalid-dates",
    ] {
        assert!(
            rules.iter().any(|r| r == rule),
            "examples/broken shows no {rule}: {rules:?}"
        );
    }
}

#[test]
fn gitlab_code_quality_has_stable_unique_fingerprints() {
    let dir = broken_workspace();
    let run = goalc(dir.path(), &["check", "--format", "gitlab"]);
    assert_eq!(run.code, 1);
    let issues: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 4);
    let mut prints = std::collections::HashSet::new();
    for issue in issues {
        let rule = issue["check_name"].as_str().unwrap();
        assert!(
            issue["description"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{rule}: "))
        );
        assert!(["major", "minor"].contains(&issue["severity"].as_str().unwrap()));
        assert!(
            issue["location"]["path"]
                .as_str()
                .unwrap()
                .ends_with(".plan.toml")
        );
        assert!(issue["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(prints.insert(issue["fingerprint"].as_str().unwrap().to_string()));
    }
    // a line inserted above the findings moves them but keeps their fingerprints
    let path = dir.path().join("teams/learning.plan.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("# a comment\n{text}")).unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&goalc(dir.path(), &["check", "--format", "gitlab"]).stdout).unwrap();
    let again: std::collections::HashSet<String> = again
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(again, prints);
}

#[test]
fn junit_has_a_failing_case_per_finding_grouped_by_file() {
    let dir = broken_workspace();
    std::fs::write(
        dir.path().join("clean.plan.toml"),
        format!("{PLAN_HEADER}{}", goal("ok", "")),
    )
    .unwrap();
    let run = goalc(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("junit_report", run.stdout);
    assert_eq!(run.stdout.matches("<failure ").count(), 4);
    assert_eq!(run.stdout.matches("<testsuite ").count(), 3);
    assert!(
        run.stdout
            .contains("<testsuite name=\"clean.plan.toml\" tests=\"1\" failures=\"0\"")
    );
}

#[test]
fn stdin_is_linted_as_the_named_file_of_its_workspace() {
    use std::io::Write;
    let org = format!("{PLAN_HEADER}{}", goal("org-goal", "level = \"org\""));
    let dir = quiet_workspace(&[
        ("org.plan.toml", &org),
        (
            "teams/a.plan.toml",
            "this file on disk is replaced by stdin",
        ),
    ]);
    let lint = |text: &str, name: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_goalc"))
            .args(["check", "--format", "json", "--stdin-filename", name, "-"])
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code().unwrap(), json)
    };
    // references resolve against the workspace on disk
    let team = format!(
        "{PLAN_HEADER}{}",
        goal("team-goal", "level = \"team\"\naligns_to = \"org-goal\"")
    );
    let (code, json) = lint(&team, "teams/a.plan.toml");
    assert_eq!(
        (code, json["summary"]["files"].clone()),
        (0, serde_json::json!(1)),
        "{json}"
    );
    let (code, json) = lint(
        &team.replace("\"org-goal\"", "\"org-gaol\""),
        "teams/a.plan.toml",
    );
    assert_eq!(
        (code, rules_of(&json)),
        (1, vec!["unknown-reference".to_string()])
    );
    assert_eq!(json["diagnostics"][0]["file"], "teams/a.plan.toml");
    // a new file that repeats an id is told so, though the other definition comes first
    let (code, json) = lint(&org, "teams/new.plan.toml");
    assert_eq!(
        (code, rules_of(&json)),
        (1, vec!["duplicate-id".to_string()])
    );
    assert_eq!(json["diagnostics"][0]["file"], "teams/new.plan.toml");
    // `-` needs --stdin-filename, and the reverse
    assert_eq!(goalc(dir.path(), &["check", "-"]).code, 2);
    assert_eq!(
        goalc(dir.path(), &["check", "--stdin-filename", "x.plan.toml"]).code,
        2
    );
}
