#![allow(unreachable_pub)] // shared by the test crates that `mod common;` it
//! Shared helpers: temporary workspaces and running the real binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

pub const PLAN_HEADER: &str =
    "[plan]\ntitle = \"Test plan\"\nowner = \"maria\"\nstart = 2026-01-01\nend = 2026-12-31\n\n";

/// A temporary workspace with the given files (paths relative to its root).
pub fn workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, text) in files {
        let full = dir.path().join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(full, text).unwrap();
    }
    dir
}

/// `[rules]` turning off every rule that can be turned off: for tests of the structural rules
/// and of the CLI's mechanics, whose small fixtures are not meant to be good plans.
pub fn structural_only_rules() -> String {
    let dir = tempfile::tempdir().unwrap();
    let rules = goalc(dir.path(), &["rules"]).stdout;
    let mut out = String::from("[rules]\n");
    for line in rules.lines().filter(|l| !l.contains("(structural)")) {
        if let Some(name) = line.split_whitespace().next() {
            out.push_str(&format!("{name} = \"off\"\n"));
        }
    }
    out
}

/// A workspace whose goalc.toml (given or empty) turns off every non-structural rule.
pub fn quiet_workspace(files: &[(&str, &str)]) -> tempfile::TempDir {
    let config = files
        .iter()
        .find(|(p, _)| *p == "goalc.toml")
        .map_or("", |(_, t)| *t);
    let config = format!("{config}\n{}", structural_only_rules());
    let mut all: Vec<(&str, &str)> = files
        .iter()
        .copied()
        .filter(|(p, _)| *p != "goalc.toml")
        .collect();
    all.push(("goalc.toml", &config));
    workspace(&all)
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs goalc in `dir` with `args`, without colour and without inherited configuration.
pub fn goalc(dir: &Path, args: &[&str]) -> Run {
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

/// `goalc check --format json` parsed.
pub fn check_json(dir: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["check", "--format", "json", "--as-of", "2026-06-15"];
    args.extend_from_slice(extra);
    let run = goalc(dir, &args);
    let value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", run.stdout, run.stderr));
    (run.code, value)
}

/// The `(rule, line)` of every finding.
pub fn findings(json: &serde_json::Value) -> Vec<(String, u64)> {
    findings_at(json)
        .into_iter()
        .map(|(rule, line, _)| (rule, line))
        .collect()
}

/// The `(rule, line, column)` of every finding.
pub fn findings_at(json: &serde_json::Value) -> Vec<(String, u64, u64)> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

pub fn rules_of(json: &serde_json::Value) -> Vec<String> {
    findings(json).into_iter().map(|(r, _)| r).collect()
}

/// A goal table with the required fields.
pub fn goal(id: &str, extra: &str) -> String {
    format!("[goals.{id}]\ntitle = \"Certify 40 trainers\"\nowner = \"maria\"\n{extra}\n")
}

/// Runs git in `dir` as a fixed person, with commits dated `date` (YYYY-MM-DD, noon UTC).
pub fn git_at(dir: &Path, date: &str, args: &[&str]) -> String {
    let stamp = format!("{date}T12:00:00+00:00");
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Ann Lee",
            "-c",
            "user.email=ann@example.org",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", &stamp)
        .env("GIT_COMMITTER_DATE", &stamp)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Copies the folder `from` into `to` (made if missing), files and folders alike.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
