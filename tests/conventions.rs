//! The conventions users of ruff, clippy and eslint reach for, through the real binary:
//! discovery that honours ignore files, per-run rule levels, suppression beyond one goal,
//! fixes, editor formats, completions and the rest.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// A plan file whose one goal has an unknown field: a `schema` error wherever it is read.
fn bad_plan() -> String {
    format!("{PLAN_HEADER}{}", goal("g-bad", "colour = \"red\""))
}

fn good_plan(id: &str) -> String {
    format!("{PLAN_HEADER}{}", goal(id, ""))
}

/// The files a JSON check reported findings in.
fn files_with_findings(json: &serde_json::Value) -> Vec<String> {
    let mut files: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    files.dedup();
    files
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Runs goalc with HOME (and so the global git excludes) set to `home`.
fn goalc_home(dir: &Path, home: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_goalc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("run goalc");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json_of(run: &Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr))
}

#[test]
fn discovery_honours_gitignore_ignore_global_excludes_and_exclude_globs() {
    let bad = bad_plan();
    let dir = quiet_workspace(&[
        (
            "goalc.toml",
            "as_of = 2026-06-15\nextend-exclude = [\"drafts\", \"old/**\"]\n",
        ),
        ("a.plan.toml", &good_plan("g-a")),
        ("build/x.plan.toml", &bad),
        ("node_modules/pkg/x.plan.toml", &bad),
        ("scratch/x.plan.toml", &bad),
        ("global/x.plan.toml", &bad),
        ("teams/drafts/x.plan.toml", &bad),
        ("old/q1/x.plan.toml", &bad),
        (".gitignore", "build/\n"),
        (".ignore", "scratch/\n"),
        ("home/.config/git/ignore", "global/\n"),
    ]);
    let root = dir.path();
    let home = root.join("home");
    // home/ itself is a plain folder of the workspace without plans
    git(root, &["init", "-q"]);
    let run = goalc_home(root, &home, &["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(json_of(&run)["summary"]["files"], 1, "{}", run.stdout);

    // --no-ignore reads the ignore files' folders again; `exclude` globs still apply
    let run = goalc_home(root, &home, &["check", "--format", "json", "--no-ignore"]);
    let files = files_with_findings(&json_of(&run));
    assert_eq!(
        files,
        [
            "build/x.plan.toml",
            "global/x.plan.toml",
            "scratch/x.plan.toml"
        ],
        "{}",
        run.stdout
    );

    // a file named on the command line is always read
    let run = goalc_home(
        root,
        &home,
        &["check", "--format", "json", "build/x.plan.toml"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(files_with_findings(&json_of(&run)), ["build/x.plan.toml"]);

    // `exclude` replaces the default (node_modules)
    std::fs::write(
        root.join("goalc.toml"),
        format!("exclude = []\n{}", structural_only_rules()),
    )
    .unwrap();
    let run = goalc_home(root, &home, &["check", "--format", "json"]);
    let files = files_with_findings(&json_of(&run));
    assert_eq!(
        files,
        [
            "node_modules/pkg/x.plan.toml",
            "old/q1/x.plan.toml",
            "teams/drafts/x.plan.toml"
        ],
        "{}",
        run.stdout
    );
}

#[test]
fn gitignore_outside_a_git_repository_is_not_read() {
    let dir = quiet_workspace(&[
        ("a.plan.toml", &good_plan("g-a")),
        ("build/x.plan.toml", &bad_plan()),
        (".gitignore", "build/\n"),
    ]);
    let home = dir.path().join("nohome");
    let run = goalc_home(dir.path(), &home, &["check", "--format", "json"]);
    assert_eq!(files_with_findings(&json_of(&run)), ["build/x.plan.toml"]);
}

#[test]
fn an_invalid_exclude_glob_is_a_configuration_error() {
    let dir = workspace(&[
        ("goalc.toml", "exclude = [\"a/[b\"]\n"),
        ("a.plan.toml", &good_plan("g-a")),
    ]);
    let run = goalc(dir.path(), &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("invalid glob"), "{}", run.stderr);
}

#[test]
fn config_flag_replaces_the_settings_but_not_the_root() {
    // plans/ has no goalc.toml; a shared one sits beside it with sibling plans that must not
    // be pulled in (they would duplicate plans/'s ids)
    let plan = good_plan("g-a");
    let dir = workspace(&[
        (
            "goalc.toml",
            &format!("as_of = 2026-06-15\n{}", structural_only_rules()),
        ),
        (
            "shared/goalc.toml",
            "as_of = 2026-06-15\n[rules]\nvague-title = \"off\"\n",
        ),
        ("shared/copy.plan.toml", &plan),
        ("plans/a.plan.toml", &plan),
    ]);
    std::fs::remove_file(dir.path().join("goalc.toml")).unwrap();
    let run = goalc(
        &dir.path().join("plans"),
        &[
            "check",
            "--format",
            "json",
            "--config",
            "../shared/goalc.toml",
        ],
    );
    let json = json_of(&run);
    assert!(!run.stdout.contains("duplicate-id"), "{}", run.stdout);
    assert_eq!(json["summary"]["files"], 1);
    // the settings do come from that file: orphan-goal (on by default) is reported
    assert!(
        rules_of(&json).contains(&"orphan-goal".to_string()),
        "{}",
        run.stdout
    );
}

fn broken_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/broken");
    for entry in std::fs::read_dir(&src).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn exit_zero_and_per_run_rule_levels() {
    let dir = broken_example();
    let run = goalc(dir.path(), &["check", "--exit-zero"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("error"), "{}", run.stdout);

    let levels = |extra: &[&str]| -> Vec<(String, String)> {
        let mut args = vec!["check", "--format", "json"];
        args.extend_from_slice(extra);
        let json = json_of(&goalc(dir.path(), &args));
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "stale-progress" || d["rule"] == "unused-allow")
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().into(),
                    d["severity"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let base = levels(&[]);
    assert!(
        !base.is_empty() && base.iter().all(|(_, s)| s == "warning"),
        "{base:?}"
    );
    assert!(
        levels(&["-D", "stale-progress"])
            .iter()
            .all(|(_, s)| s == "error")
    );
    assert!(levels(&["--allow", "stale-progress"]).is_empty());
    // later flags win, as in rustc
    assert!(
        levels(&["-A", "stale-progress", "-D", "stale-progress"])
            .iter()
            .all(|(_, s)| s == "error")
    );
    assert!(levels(&["-D", "stale-progress", "-A", "stale-progress"]).is_empty());
    assert!(
        levels(&["-D", "stale-progress", "-W", "stale-progress"])
            .iter()
            .all(|(_, s)| s == "warning")
    );

    // -D on warnings alone fails the run
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning");
    assert_eq!(goalc(&clean, &["check"]).code, 0);
    let run = goalc(
        &clean,
        &["check", "-A", "orphan-goal", "--deny", "vague-title"],
    );
    assert_ne!(run.code, 2, "{}", run.stderr);

    for (flag, rule, said) in [
        ("-D", "orphan-gaol", "did you mean `orphan-goal`"),
        ("-A", "schema", "structural"),
        ("-W", "duplicate-id", "structural"),
    ] {
        let run = goalc(dir.path(), &["check", flag, rule]);
        assert_eq!(run.code, 2, "{flag} {rule}");
        assert!(run.stderr.contains(said), "{}", run.stderr);
    }
}

#[test]
fn statistics_count_findings_per_rule() {
    let dir = broken_example();
    let json = json_of(&goalc(dir.path(), &["check", "--format", "json"]));
    let mut expected: Vec<(String, usize)> = Vec::new();
    for rule in rules_of(&json) {
        match expected.iter_mut().find(|(r, _)| *r == rule) {
            Some(e) => e.1 += 1,
            None => expected.push((rule, 1)),
        }
    }
    let run = goalc(dir.path(), &["check", "--statistics"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), expected.len(), "{}", run.stdout);
    for (rule, count) in &expected {
        assert!(
            run.stdout.lines().any(|l| {
                let words: Vec<&str> = l.split_whitespace().collect();
                words.first() == Some(&count.to_string().as_str())
                    && words.get(1) == Some(&rule.as_str())
            }),
            "{rule} {count}: {}",
            run.stdout
        );
    }
    // the most frequent first
    let first: usize = run
        .stdout
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(first, expected.iter().map(|e| e.1).max().unwrap());
    let stats = json_of(&goalc(
        dir.path(),
        &["check", "--statistics", "--format", "json"],
    ));
    let total: u64 = stats
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, rules_of(&json).len());
}

#[test]
fn concise_format_is_one_line_per_finding_and_output_format_is_an_alias() {
    let dir = broken_example();
    let json = json_of(&goalc(dir.path(), &["check", "--format", "json"]));
    let run = goalc(dir.path(), &["check", "--output-format", "concise"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let diags = json["diagnostics"].as_array().unwrap();
    assert_eq!(lines.len(), diags.len(), "{}", run.stdout);
    for (line, d) in lines.iter().zip(diags) {
        let want = format!(
            "{}:{}:{}: {}[{}] {}",
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["severity"].as_str().unwrap(),
            d["rule"].as_str().unwrap(),
            d["message"].as_str().unwrap().replace('\n', " ")
        );
        assert_eq!(*line, want);
    }
}

#[test]
fn output_refuses_a_format_name_unless_forced() {
    let dir = broken_example();
    let run = goalc(dir.path(), &["check", "--output", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `--format json`?"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("json").exists());
    let run = goalc(dir.path(), &["check", "--output", "json", "--force"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(dir.path().join("json").exists());
    let run = goalc(dir.path(), &["report", "-o", "html"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `--format html`?"),
        "{}",
        run.stderr
    );
    // an ordinary name is written
    let run = goalc(
        dir.path(),
        &["check", "--output", "out.json", "--format", "json"],
    );
    assert_eq!(run.code, 1);
    assert!(dir.path().join("out.json").exists());
}

#[test]
fn completions_and_manpage_come_from_the_command_definitions() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = goalc(dir.path(), &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in [
            "check",
            "deny-warnings",
            "statistics",
            "no-ignore",
            "exit-zero",
        ] {
            assert!(run.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    // bash itself reads the script and completes a subcommand
    let script = goalc(dir.path(), &["completions", "bash"]).stdout;
    std::fs::write(dir.path().join("goalc.bash"), script).unwrap();
    let out = Command::new("bash")
        .arg("-c")
        .arg(
            "source ./goalc.bash; COMP_WORDS=(goalc chec); COMP_CWORD=1; _goalc goalc chec goalc; \
             printf '%s\\n' \"${COMPREPLY[@]}\"",
        )
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "check");
    assert_eq!(goalc(dir.path(), &["completions", "tcsh"]).code, 2);

    let man = goalc(dir.path(), &["manpage"]);
    assert_eq!(man.code, 0);
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH goalc 1"),
        "{}",
        man.stdout
    );
    assert!(man.stdout.contains(".TH goalc 1"));
    assert!(man.stdout.contains("completions"));
    // man(1) renders it, when installed
    if Command::new("man").arg("--version").output().is_ok() {
        std::fs::write(dir.path().join("goalc.1"), &man.stdout).unwrap();
        let out = Command::new("man")
            .arg("-l")
            .arg("goalc.1")
            .env("MANPAGER", "cat")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(String::from_utf8_lossy(&out.stdout).contains("goal plans"));
    }
}

#[test]
fn schema_config_describes_goalc_toml() {
    let dir = tempfile::tempdir().unwrap();
    let run = goalc(dir.path(), &["schema", "--config"]);
    assert_eq!(run.code, 0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(schema["$id"], "urn:goalc:schema:config");
    let rules = &schema["properties"]["rules"]["properties"];
    assert!(rules["orphan-goal"].is_object());
    assert!(
        rules["schema"].is_null(),
        "structural rules cannot be configured"
    );
    assert_eq!(
        rules["too-many-goals"]["anyOf"][1]["properties"]["max"]["type"],
        "integer"
    );
    let copy = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/goalc.config.schema.json"),
    )
    .unwrap();
    assert_eq!(copy, run.stdout, "schema/ copy is current");
}

/// A plan of `goals` bottom-level goals with no `aligns_to` (each an `orphan-goal`), owned by
/// `owner`, with `extra` in `[plan]`.
fn orphan_plan(prefix: &str, goals: usize, plan_extra: &str, tail: &str) -> String {
    let mut text = format!(
        "[plan]\ntitle = \"Test plan\"\nowner = \"maria\"\nstart = 2026-01-01\nend = 2026-12-31\n{plan_extra}\n"
    );
    for i in 0..goals {
        text.push_str(&format!(
            "[goals.{prefix}-{i}]\ntitle = \"Certify {i} trainers\"\nowner = \"maria\"\n\n"
        ));
    }
    text.push_str(tail);
    text
}

/// Only `orphan-goal`, `too-many-goals` and `unused-allow` on.
fn suppression_config(extra: &str) -> String {
    let mut config = structural_only_rules()
        .lines()
        .filter(|l| !l.starts_with("orphan-goal") && !l.starts_with("too-many-goals"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace("unused-allow = \"off\"", "unused-allow = \"warning\"");
    if !config.contains("unused-allow") {
        config.push_str("unused-allow = \"warning\"\n");
    }
    format!("as_of = 2026-06-15\n{extra}\n{config}")
}

fn by_file_and_rule(json: &serde_json::Value) -> Vec<(String, String, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn plan_level_allow_covers_every_goal_of_the_file_and_unused_ones_are_reported() {
    let allowed = orphan_plan("a", 3, "allow = [\"orphan-goal\", \"micro-too-long\"]", "");
    let other = orphan_plan("b", 1, "", "");
    let stale = orphan_plan("c", 0, "allow = [\"vague-title\"]", "");
    let dir = workspace(&[
        (
            "goalc.toml",
            &suppression_config("")
                .replace("micro-too-long = \"off\"", "micro-too-long = \"warning\""),
        ),
        ("allowed.plan.toml", &allowed),
        ("other.plan.toml", &other),
        ("stale.plan.toml", &stale),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    let found = by_file_and_rule(&json);
    assert!(
        found
            .iter()
            .all(|(f, r, _)| !(f == "allowed.plan.toml" && r == "orphan-goal")),
        "{found:?}"
    );
    assert!(
        found.contains(&("other.plan.toml".into(), "orphan-goal".into(), 7)),
        "{found:?}"
    );
    // micro-too-long finds nothing here: its plan entry is reported, on line 6
    assert!(
        found.contains(&("allowed.plan.toml".into(), "unused-allow".into(), 6)),
        "{found:?}"
    );
    // vague-title is off in this run: an entry for it is not reported
    assert!(
        !found.iter().any(|(f, _, _)| f == "stale.plan.toml"),
        "{found:?}"
    );

    // an unknown rule in a plan's allow is a schema error, with its fix
    let typo = orphan_plan("d", 1, "allow = [\"orphan-gaol\"]", "");
    std::fs::write(dir.path().join("typo.plan.toml"), typo).unwrap();
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(by_file_and_rule(&json).contains(&("typo.plan.toml".into(), "schema".into(), 6)));
}

#[test]
fn a_roster_entry_allows_the_findings_about_that_person() {
    let roster = "[people.maria]\nname = \"Maria\"\nallow = [\"too-many-goals\"]\n\n[people.lena]\nname = \"Lena\"\nallow = [\"too-many-goals\"]\n";
    let plan = orphan_plan("a", 7, "allow = [\"orphan-goal\"]", roster);
    let dir = workspace(&[
        ("goalc.toml", &suppression_config("")),
        ("a.plan.toml", &plan),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    let found = by_file_and_rule(&json);
    assert!(
        !found.iter().any(|(_, r, _)| r == "too-many-goals"),
        "{found:?}"
    );
    // lena owns nothing: her entry silenced nothing
    let lena_allow = plan.lines().position(|l| {
        l.starts_with("allow")
            && plan
                .lines()
                .nth(plan.lines().position(|x| x == "[people.lena]").unwrap() + 2)
                == Some(l)
    });
    assert!(lena_allow.is_some());
    let unused: Vec<_> = found
        .iter()
        .filter(|(_, r, _)| r == "unused-allow")
        .collect();
    assert_eq!(unused.len(), 1, "{found:?}");
    let msg = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unused-allow")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.contains("`lena`"), "{msg}");
    // without the entry, maria's finding is back
    let (_, json) = check_json(dir.path(), &[]);
    assert!(!rules_of(&json).contains(&"too-many-goals".to_string()));
    std::fs::write(
        dir.path().join("a.plan.toml"),
        plan.replacen("allow = [\"too-many-goals\"]\n", "", 1),
    )
    .unwrap();
    let (_, json) = check_json(dir.path(), &[]);
    assert!(
        rules_of(&json).contains(&"too-many-goals".to_string()),
        "{json}"
    );
}

#[test]
fn overrides_set_rule_levels_per_path_and_unused_ones_are_reported() {
    let overrides = "[[overrides]]\nfiles = [\"people/**\"]\nrules = { orphan-goal = \"off\" }\n\n[[overrides]]\nfiles = [\"teams/*.plan.toml\"]\nrules = { orphan-goal = \"error\" }\n\n[[overrides]]\nfiles = [\"nowhere/**\"]\nrules = { orphan-goal = \"off\" }\n";
    let dir = workspace(&[
        ("goalc.toml", &suppression_config(overrides)),
        ("people/kai.plan.toml", &orphan_plan("p", 2, "", "")),
        ("teams/a.plan.toml", &orphan_plan("t", 1, "", "")),
        ("org.plan.toml", &orphan_plan("o", 1, "", "")),
    ]);
    let (code, json) = check_json(dir.path(), &[]);
    let found: Vec<(String, String, String)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().into(),
                d["rule"].as_str().unwrap().into(),
                d["severity"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "org.plan.toml".into(),
                "orphan-goal".into(),
                "warning".into()
            ),
            (
                "teams/a.plan.toml".into(),
                "orphan-goal".into(),
                "error".into()
            ),
            ("goalc.toml".into(), "unused-allow".into(), "warning".into()),
        ],
        "{json}"
    );
    assert_eq!(code, 1);
    // the unused entry is shown where it is written, in every format
    let line = overrides
        .lines()
        .position(|l| l.starts_with("files = [\"nowhere"))
        .unwrap() as u64
        + 3;
    assert_eq!(json["diagnostics"][2]["line"], line);
    let run = goalc(dir.path(), &["check", "--as-of", "2026-06-15"]);
    assert!(run.stdout.contains("goalc.toml"), "{}", run.stdout);

    // an override that turns a rule on runs it for those files only
    let on = "[[overrides]]\nfiles = [\"teams/**\"]\nrules = { vague-title = \"error\" }\n";
    let vague = format!(
        "{PLAN_HEADER}[goals.v]\ntitle = \"Improve things\"\nowner = \"maria\"\nallow = [\"orphan-goal\"]\n"
    );
    let dir = workspace(&[
        (
            "goalc.toml",
            &format!("as_of = 2026-06-15\n{on}\n{}", structural_only_rules()),
        ),
        ("teams/a.plan.toml", &vague),
        ("org.plan.toml", &vague.replace("goals.v", "goals.w")),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    let found = by_file_and_rule(&json);
    assert_eq!(
        found.iter().filter(|(_, r, _)| r == "vague-title").count(),
        1,
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(f, r, _)| f == "teams/a.plan.toml" && r == "vague-title")
    );

    // a structural rule or an unknown one in an override is refused
    for bad in ["schema = \"off\"", "orphan-gaol = \"off\""] {
        let config = format!("[[overrides]]\nfiles = [\"a/**\"]\nrules = {{ {bad} }}\n");
        let dir = workspace(&[("goalc.toml", &config), ("a.plan.toml", &good_plan("g"))]);
        assert_eq!(goalc(dir.path(), &["check"]).code, 2, "{bad}");
    }
}

fn copy_example(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    copy_dir(&src, dir.path());
    dir
}

fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(snapshot(&path));
        } else {
            files.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    files.sort();
    files
}

/// (rule, file, line, message) of every finding.
fn finding_keys(json: &serde_json::Value) -> Vec<(String, String, u64, String)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().into(),
                d["file"].as_str().unwrap().into(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn fix_round_trips_on_both_examples() {
    // the clean example: nothing to fix, nothing written
    let clean = copy_example("learning");
    let before = snapshot(clean.path());
    let run = goalc(clean.path(), &["check", "--diff"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(goalc(clean.path(), &["check", "--fix"]).code, 0);
    assert_eq!(snapshot(clean.path()), before);

    let dir = copy_example("broken");
    let before = snapshot(dir.path());
    let (_, json_before) = check_json(dir.path(), &[]);
    let diff = goalc(dir.path(), &["check", "--diff"]);
    assert_eq!(diff.code, 1);
    assert!(
        diff.stdout
            .contains("--- a/team.plan.toml\n+++ b/team.plan.toml\n"),
        "{}",
        diff.stdout
    );
    assert_eq!(snapshot(dir.path()), before, "--diff changes nothing");

    // `git apply` reads the diff as a patch of the folder
    git(dir.path(), &["init", "-q"]);
    std::fs::write(dir.path().join("fixes.patch"), &diff.stdout).unwrap();
    git(dir.path(), &["apply", "--check", "fixes.patch"]);
    std::fs::remove_file(dir.path().join("fixes.patch")).unwrap();
    std::fs::remove_dir_all(dir.path().join(".git")).unwrap();

    let run = goalc(dir.path(), &["check", "--fix", "--as-of", "2026-06-15"]);
    assert_eq!(run.code, 1, "findings remain");
    assert!(run.stderr.contains("fixed in 2 files"), "{}", run.stderr);
    let after = snapshot(dir.path());
    // every changed line is a `+` line of the diff, and every comment is kept
    for ((name, old), (_, new)) in before.iter().zip(&after) {
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) =
            (old.lines().collect(), new.lines().collect());
        assert_eq!(old_lines.len(), new_lines.len(), "{name}");
        for (o, n) in old_lines.iter().zip(&new_lines) {
            if o != n {
                assert!(diff.stdout.contains(&format!("\n+{n}\n")), "{name}: {n}");
                assert_eq!(
                    o.split_once('#').map(|c| c.1),
                    n.split_once('#').map(|c| c.1),
                    "comment kept"
                );
            }
        }
    }
    // the fixed findings are gone; no other finding of the files' structure appeared
    let (_, json_after) = check_json(dir.path(), &[]);
    let (old, new) = (finding_keys(&json_before), finding_keys(&json_after));
    for misspelt in [
        "titel",
        "hrad",
        "erp-rolout",
        "deadline-after-parrent",
        "certifed",
        "bjorm",
        "certificates",
    ] {
        assert!(
            old.iter().any(|f| f.3.contains(misspelt)),
            "{misspelt} was found"
        );
        assert!(
            !new.iter().any(|f| f.3.contains(misspelt)),
            "{misspelt} is fixed: {new:?}"
        );
    }
    for f in &new {
        let structural = [
            "syntax",
            "schema",
            "duplicate-id",
            "unknown-reference",
            "invalid-dates",
        ];
        if structural.contains(&f.0.as_str()) {
            assert!(
                old.iter().any(|o| o.0 == f.0 && o.1 == f.1 && o.2 == f.2),
                "new: {f:?}"
            );
        }
    }
    // a second --fix has nothing left to do
    let again = snapshot(dir.path());
    let run = goalc(dir.path(), &["check", "--diff"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
    goalc(dir.path(), &["check", "--fix"]);
    assert_eq!(snapshot(dir.path()), again);
}

#[test]
fn fix_leaves_a_file_with_a_syntax_error_untouched() {
    let broken = format!(
        "{PLAN_HEADER}[goals.g]\ntitel = \"Certify 40 trainers\"\nowner = \"maria\"\nweight = = 2\n"
    );
    let fine =
        format!("{PLAN_HEADER}[goals.h]\ntitel = \"Certify 40 trainers\"\nowner = \"maria\"\n");
    let dir = quiet_workspace(&[("broken.plan.toml", &broken), ("fine.plan.toml", &fine)]);
    let run = goalc(dir.path(), &["check", "--fix"]);
    assert_eq!(run.code, 1, "the syntax error remains");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.plan.toml")).unwrap(),
        broken
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("fine.plan.toml")).unwrap(),
        fine.replace("titel", "title")
    );
    // no temporary file is left behind
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn sarif_fingerprints_and_junit_names_survive_lines_moving() {
    let dir = copy_example("broken");
    let sarif = |dir: &Path| -> serde_json::Value {
        json_of(&goalc(
            dir,
            &["check", "--format", "sarif", "--as-of", "2026-06-15"],
        ))
    };
    let prints = |log: &serde_json::Value| -> Vec<(String, String, u64)> {
        let mut v: Vec<_> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["goalc/v1"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["ruleId"].as_str().unwrap().to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = sarif(dir.path());
    let rules = before["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for rule in rules {
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        let doc = rule["help"]["markdown"].as_str().unwrap();
        assert!(
            full.len() < 900 && !full.contains('#') && !full.is_empty(),
            "{full}"
        );
        assert!(
            doc.contains("## Why") && doc.len() > full.len() + 300,
            "{doc}"
        );
    }
    let junit = |dir: &Path| {
        goalc(
            dir,
            &["check", "--format", "junit", "--as-of", "2026-06-15"],
        )
        .stdout
    };
    let junit_before = junit(dir.path());

    // three lines added at the top of every plan file
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().ends_with(".plan.toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            std::fs::write(&path, format!("# moved\n# down\n\n{text}")).unwrap();
        }
    }
    let after = sarif(dir.path());
    let (b, a) = (prints(&before), prints(&after));
    let set = |v: &[(String, String, u64)]| {
        let mut s: Vec<(String, String)> = v.iter().map(|x| (x.0.clone(), x.1.clone())).collect();
        s.sort();
        s
    };
    assert_eq!(set(&b), set(&a), "fingerprints are the same");
    assert_ne!(
        b.iter().map(|x| x.2).collect::<Vec<_>>(),
        a.iter().map(|x| x.2).collect::<Vec<_>>()
    );
    let unique: std::collections::BTreeSet<_> = b.iter().map(|x| &x.0).collect();
    assert_eq!(unique.len(), b.len(), "each finding has its own");

    let names = |xml: &str| -> Vec<String> {
        xml.lines()
            .filter_map(|l| l.trim().strip_prefix("<testcase name=\""))
            .map(|l| l.split('"').next().unwrap().to_string())
            .collect()
    };
    let junit_after = junit(dir.path());
    assert_eq!(names(&junit_before), names(&junit_after));
    assert!(
        names(&junit_before).iter().all(|n| !n.contains("line")),
        "{junit_before}"
    );
    assert!(
        names(&junit_before)
            .iter()
            .any(|n| n == "unknown-reference on erp-trainers")
    );
    // the line is in the failure text
    assert!(
        junit_before.contains("team.plan.toml:12:8:"),
        "{junit_before}"
    );
    assert!(
        junit_after.contains("team.plan.toml:15:8:"),
        "{junit_after}"
    );
}

#[test]
fn watch_checks_again_when_a_plan_changes() {
    use std::io::BufRead;
    use std::time::{Duration, Instant};
    let dir = quiet_workspace(&[("a.plan.toml", &good_plan("g-a"))]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_goalc"))
        .args(["check", "--watch", "--as-of", "2026-06-15"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    let wait_for = |what: &str| -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
                let done = line.contains(what);
                seen.push(line);
                if done {
                    return seen;
                }
            }
        }
        panic!("no {what:?} within 30 s: {seen:?}");
    };
    let first = wait_for("0 errors, 0 warnings in 1 file");
    assert!(!first.iter().any(|l| l.contains("schema")));
    // the watcher is set up right after the first run's output; give it a moment
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(dir.path().join("a.plan.toml"), bad_plan()).unwrap();
    let second = wait_for("1 error, 0 warnings in 1 file");
    assert!(second.iter().any(|l| l.contains("schema")), "{second:?}");
    // a new plan file is seen too
    std::fs::write(dir.path().join("b.plan.toml"), good_plan("g-b")).unwrap();
    wait_for("1 error, 0 warnings in 2 files");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn compile_prints_what_resolved_beside_structural_errors() {
    let a = format!("{PLAN_HEADER}{}", goal("g1", "aligns_to = \"nope\""));
    let dir = quiet_workspace(&[("a.plan.toml", &a), ("b.plan.toml", &good_plan("g2"))]);
    let run = goalc(dir.path(), &["compile", "--as-of", "2026-06-15"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = json_of(&run);
    let text = json.to_string();
    assert!(text.contains("\"g1\"") && text.contains("\"g2\""), "{text}");
    assert!(
        run.stderr.contains("(1 structural error)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("unknown-reference"), "{}", run.stderr);
}

#[test]
fn init_names_the_plan_by_its_span_and_its_example_checkin_falls_inside() {
    let dir = tempfile::tempdir().unwrap();
    let run = goalc(dir.path(), &["--as-of", "2026-12-01", "init", "w"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let plan = std::fs::read_to_string(dir.path().join("w/learning.plan.toml")).unwrap();
    assert!(
        plan.contains("title = \"Learning & Development Dec 2026 – Nov 2027\""),
        "{plan}"
    );
    let checkin = plan
        .lines()
        .find_map(|l| l.strip_prefix("#   date = "))
        .expect("an example check-in");
    assert!(("2026-12-01".."2027-12-01").contains(&checkin), "{checkin}");
    // uncommented, the example check-in is accepted where it stands
    let uncommented: String = plan
        .lines()
        .map(|l| match l.strip_prefix("#   ") {
            Some(rest) if !rest.starts_with(' ') => format!("{rest}\n"),
            _ if l == "#" => "\n".to_string(),
            _ => format!("{l}\n"),
        })
        .collect();
    let (head, tail) = uncommented.split_at(uncommented.find("[[checkin]]").unwrap());
    std::fs::write(dir.path().join("w/learning.plan.toml"), head).unwrap();
    std::fs::write(dir.path().join("w/q1.progress.toml"), tail).unwrap();
    let run = goalc(
        &dir.path().join("w"),
        &["check", "--as-of", "2027-01-15", "--format", "concise"],
    );
    assert!(
        !run.stdout.contains("checkin-outside-goal"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("error["), "{}", run.stdout);

    let run = goalc(dir.path(), &["--as-of", "2026-01-01", "init", "y"]);
    assert_eq!(run.code, 0);
    let plan = std::fs::read_to_string(dir.path().join("y/learning.plan.toml")).unwrap();
    assert!(
        plan.contains("title = \"Learning & Development Jan – Dec 2026\"")
            || plan.contains("Development 2026\""),
        "{plan}"
    );
}

/// The README's example output is what its command prints.
#[test]
fn readme_example_output_is_real() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = |marker: &str| -> String {
        let at = readme
            .find(marker)
            .unwrap_or_else(|| panic!("README lacks {marker}"));
        let rest = &readme[at..];
        let start = rest.find("```").unwrap();
        let body = &rest[start..];
        let body = &body[body.find('\n').unwrap() + 1..];
        body[..body.find("```").unwrap()].to_string()
    };
    let command = block("<!-- readme:run -->");
    let args: Vec<&str> = command
        .trim()
        .strip_prefix("cargo run -- ")
        .expect("a `cargo run -- ARGS` line")
        .split_whitespace()
        .collect();
    let run = goalc(root, &args);
    assert_eq!(
        block("<!-- readme:output -->"),
        run.stdout,
        "README.md's example output"
    );
}

#[test]
fn findings_that_follow_from_one_cause_print_as_one_frame() {
    // A goal due in March with check-ins after it: every check-in is outside its span.
    let plan = format!(
        "{PLAN_HEADER}[goals.g]\ntitle = \"Certify 40 trainers\"\nowner = \"maria\"\ndue = 2026-03-31\n\n\
         [goals.g.metrics.m]\ntitle = \"Trainers certified\"\nunit = \"people\"\nbaseline = 0\ntarget = 40\n\n\
         [goals.h]\ntitle = \"Certify 20 coaches\"\nowner = \"maria\"\n\n\
         [goals.h.metrics.m]\ntitle = \"Coaches certified\"\nunit = \"people\"\nbaseline = 0\ntarget = 20\n"
    );
    let checkin = |metric: &str, date: &str| {
        format!("[[checkin]]\nmetric = \"{metric}\"\ndate = {date}\nvalue = 5\n\n")
    };
    let mut progress = String::new();
    for date in ["2026-04-10", "2026-04-20", "2026-04-30"] {
        progress.push_str(&checkin("g.m", date));
    }
    progress.push_str(&checkin("h.m", "2026-05-01"));
    progress.push_str(&checkin("g.m", "2026-05-10"));
    // far from the others: a frame of its own rather than thirty lines of context
    progress.push_str(&"# notes\n".repeat(30));
    progress.push_str(&checkin("g.m", "2026-05-20"));
    let dir = quiet_workspace(&[
        ("a.plan.toml", plan.as_str()),
        ("q2.progress.toml", progress.as_str()),
        ("goalc.toml", "as_of = 2026-06-01\n"),
    ]);
    let args = [
        "check",
        "--color",
        "never",
        "-W",
        "checkin-outside-goal",
        ".",
    ];
    let run = goalc(dir.path(), &args);
    let frames = run.stdout.matches("\ncheckin-outside-goal\n").count()
        + usize::from(run.stdout.starts_with("checkin-outside-goal\n"));
    assert_eq!(frames, 2, "{}", run.stdout);
    assert!(
        run.stdout
            .contains("and 3 more like it for goal `g` in this file, labelled below"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stdout.matches("after the goal's span").count(),
        5,
        "{}",
        run.stdout
    );
    // the count and every machine format keep each finding
    assert!(
        run.stdout.contains("0 errors, 5 warnings"),
        "{}",
        run.stdout
    );
    let json = goalc(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "-W",
            "checkin-outside-goal",
            ".",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(json["diagnostics"].as_array().unwrap().len(), 5);
}

/// `check --watch` kept running over a workspace that changes in every way a workspace does:
/// after each change, the check it prints is byte for byte what a new `goalc check` with the
/// same options prints.
#[test]
fn watch_prints_what_a_new_check_would_after_each_change() {
    use std::io::BufRead;
    use std::time::{Duration, Instant};
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning"),
        &dir,
    );
    let args = [
        "check",
        "--as-of",
        "2026-06-15",
        "-W",
        "overdue",
        "teams",
        "people",
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_goalc"))
        .args(["check", "--watch"])
        .args(&args[1..])
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .env("GOALC_TIMINGS", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            if tx.send(line.unwrap_or_default()).is_err() {
                break;
            }
        }
    });
    // How much each check read again, from the timings on standard error.
    let reads = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let stderr = child.stderr.take().unwrap();
    let seen = reads.clone();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(read) = line.strip_prefix("goalc timings: read again ") {
                seen.lock().unwrap().push(read.to_string());
            }
        }
    });
    let last_read = || reads.lock().unwrap().last().cloned().unwrap_or_default();
    // One check's output ends with its summary line; a burst of events may print an earlier
    // state first, so the check waited for is the first one that matches.
    let summary = |l: &str| l.contains(" in ") && l.contains("warning") && l.contains("error");
    let mut last = String::new();
    let mut expect = |what: &str, dir: &Path| {
        let cold = goalc(dir, &args).stdout;
        assert_ne!(cold, last, "{what}: the change changes nothing");
        let deadline = Instant::now() + Duration::from_secs(40);
        let mut block = String::new();
        while Instant::now() < deadline {
            let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) else {
                continue;
            };
            block.push_str(&line);
            block.push('\n');
            if summary(&line) {
                if block == cold {
                    last = cold;
                    return;
                }
                block.clear();
            }
        }
        panic!("{what}: no check printed what a new check prints:\n{cold}");
    };
    expect("the first check", &dir);
    std::thread::sleep(Duration::from_millis(500));
    let edit = |path: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    };
    // a file edited
    edit(
        &dir.join("teams/learning.plan.toml"),
        "aligns_to = \"erp-ready-workforce\"",
        "aligns_to = \"erp-ready-workforse\"",
    );
    expect("a plan edited", &dir);
    // the check kept the workspace: it read the one file again and walked nothing
    let deadline = Instant::now() + Duration::from_secs(5);
    while last_read() != "1 file(s)" && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(last_read(), "1 file(s)");
    // a new file early in the order, repeating a goal id: every later file moves
    std::fs::write(
        dir.join("people/aaa.plan.toml"),
        "[plan]\ntitle = \"A\"\nowner = \"aiko\"\n\n[goals.aiko-microlearning]\ntitle = \"Ship 3 modules by June\"\nowner = \"aiko\"\n",
    )
    .unwrap();
    expect("a plan created", &dir);
    // a progress file outside the named folders, which their goals read
    edit(
        &dir.join("progress/2026-q2.progress.toml"),
        "date = 2026-06-09\nvalue = 25",
        "date = 2026-06-09\nvalue = 2",
    );
    expect("a progress file edited", &dir);
    // a file deleted
    std::fs::remove_file(dir.join("people/zofia.plan.toml")).unwrap();
    expect("a plan deleted", &dir);
    // goalc.toml changed: another level for a rule
    let config = dir.join("goalc.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}\noff-pace = \"error\"\n")).unwrap();
    expect("goalc.toml changed", &dir);
    // a folder the named ones read from, moved away and back
    std::fs::rename(dir.join("progress"), tmp.path().join("progress")).unwrap();
    expect("a folder moved away", &dir);
    std::fs::rename(tmp.path().join("progress"), dir.join("progress")).unwrap();
    expect("a folder moved back", &dir);
    // a named folder swapped for another in one burst: its files keep their paths
    let swap = tmp.path().join("teams-new");
    copy_dir(&dir.join("teams"), &swap);
    edit(
        &swap.join("learning.plan.toml"),
        "aligns_to = \"erp-ready-workforse\"",
        "aligns_to = \"erp-ready-workforce\"",
    );
    std::fs::rename(dir.join("teams"), tmp.path().join("teams-old")).unwrap();
    std::fs::rename(&swap, dir.join("teams")).unwrap();
    expect("a folder swapped", &dir);
    // a folder with a dot in its name, holding a duplicate, moved out
    let dotted = dir.join("okrs.2025");
    std::fs::create_dir(&dotted).unwrap();
    std::fs::copy(
        dir.join("people/aaa.plan.toml"),
        dotted.join("copy.plan.toml"),
    )
    .unwrap();
    expect("a dotted folder made", &dir);
    std::fs::rename(&dotted, tmp.path().join("okrs.2025")).unwrap();
    expect("a dotted folder moved out", &dir);
    child.kill().unwrap();
    child.wait().unwrap();
}

/// The watch's own `--output`, written inside the workspace, sets off no check of its own.
#[test]
fn watch_does_not_check_again_for_its_own_output() {
    use std::io::BufRead;
    use std::time::{Duration, Instant};
    let dir = quiet_workspace(&[("a.plan.toml", &good_plan("g-a"))]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_goalc"))
        .args([
            "check",
            "--watch",
            "--as-of",
            "2026-06-15",
            "-o",
            "findings",
        ])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let lines_for = |d: Duration| {
        let end = Instant::now() + d;
        let mut lines = Vec::new();
        while let Some(left) = end.checked_duration_since(Instant::now()) {
            if let Ok(line) = rx.recv_timeout(left) {
                lines.push(line);
            }
        }
        lines
    };
    let start = lines_for(Duration::from_secs(3));
    assert!(start.iter().any(|l| l.contains("watching")), "{start:?}");
    std::fs::write(dir.path().join("a.plan.toml"), bad_plan()).unwrap();
    let after = lines_for(Duration::from_secs(3));
    let again = after
        .iter()
        .filter(|l| l.contains("checking again"))
        .count();
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(again, 1, "{after:?}");
    let written = std::fs::read_to_string(dir.path().join("findings")).unwrap();
    assert!(written.contains("1 error"), "{written}");
}
