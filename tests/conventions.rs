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
