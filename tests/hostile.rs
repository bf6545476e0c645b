//! Hostile input: each case gets a clear finding or error, the documented exit code, and a time
//! bound. (Binary junk, empty files, deep nesting, wrong types, `nan`, symlink loops and folders
//! named like plans are in `cli.rs`.)

mod common;

use common::{PLAN_HEADER, findings_at as findings, goalc, quiet_workspace, workspace};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `goalc check --format json` and asserts the time bound and the exit code.
fn check(dir: &Path, args: &[&str], code: i32, within: Duration) -> Value {
    let mut all = vec!["check", "--format", "json", "--as-of", "2026-06-15"];
    all.extend_from_slice(args);
    let started = Instant::now();
    let run = goalc(dir, &all);
    let took = started.elapsed();
    assert!(took < within, "took {took:?}, bound {within:?}");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(
        run.code, code,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    serde_json::from_str(&run.stdout).unwrap_or(Value::Null)
}

const SECONDS: Duration = Duration::from_secs(20);

#[test]
fn invalid_toml_of_every_kind_is_a_syntax_finding_at_its_line() {
    let cases = [
        ("unterminated string", "title = \"open\n", 1),
        ("missing value", "title =\n", 1),
        ("missing equals", "title \"x\"\n", 1),
        ("bad escape", "title = \"a\\qb\"\n", 1),
        ("duplicate key", "x = 1\nx = 2\n", 2),
        ("bad date", "start = 2026-13-45\n", 1),
        ("unclosed header", "[plan\n", 1),
        ("unclosed array", "x = [1, 2\n", 1),
        ("unclosed inline table", "x = { a = 1\n", 1),
        ("trailing garbage", "x = 1 2\n", 1),
        ("bare key with space", "a b = 1\n", 1),
        ("control character", "x = \"a\u{7}b\"\n", 1),
        ("leading zero", "x = 012\n", 1),
        ("redefined table", "[a]\nx = 1\n[a]\ny = 2\n", 3),
        ("array of tables over a table", "[a]\n[[a]]\n", 2),
    ];
    for (what, text, line) in cases {
        let dir = workspace(&[("x.plan.toml", text)]);
        let json = check(dir.path(), &[], 1, SECONDS);
        let f = findings(&json);
        assert!(
            f.iter().any(|(rule, l, _)| rule == "syntax" && *l == line),
            "{what}: {f:?}"
        );
    }
}

#[test]
fn bom_and_crlf_files_read_exactly_like_lf_files() {
    let plan = format!(
        "{PLAN_HEADER}[goals.a]\ntitle = \"Ωμέγα 学习 🚀\"\nowner = \"maria\"\naligns_to = \"nowhere\"\nstart = 2026-05-01\ndue = 2026-04-01\n"
    );
    let lf = workspace(&[("a.plan.toml", &plan)]);
    let expected = findings(&check(lf.path(), &[], 1, SECONDS));
    assert!(expected.len() >= 2, "{expected:?}");
    for (what, text) in [
        ("crlf", plan.replace('\n', "\r\n")),
        ("bom", format!("\u{feff}{plan}")),
        (
            "bom+crlf",
            format!("\u{feff}{}", plan.replace('\n', "\r\n")),
        ),
    ] {
        let dir = workspace(&[("a.plan.toml", &text)]);
        assert_eq!(
            findings(&check(dir.path(), &[], 1, SECONDS)),
            expected,
            "{what}"
        );
    }
}

#[test]
fn datetimes_and_times_where_dates_belong_are_schema_findings() {
    for value in [
        "2026-01-01T10:00:00",
        "2026-01-01T10:00:00Z",
        "10:00:00",
        "\"2026-01-01\"",
    ] {
        let plan =
            format!("[plan]\ntitle = \"t\"\nowner = \"o\"\nstart = {value}\nend = 2026-12-31\n");
        let dir = workspace(&[("a.plan.toml", &plan)]);
        let json = check(dir.path(), &[], 1, SECONDS);
        let f = findings(&json);
        assert!(
            f.iter()
                .any(|(r, l, c)| r == "schema" && *l == 4 && *c == 9),
            "{value}: {f:?}"
        );
    }
}

#[test]
fn nan_and_infinity_never_reach_the_output() {
    let plan = format!(
        "{PLAN_HEADER}[goals.g]\ntitle = \"t\"\nowner = \"maria\"\ndue = 2026-12-31\n[goals.g.metrics.m]\nunit = \"count\"\nbaseline = -inf\ntarget = nan\ncheckins = [{{ date = 2026-03-01, value = inf }}, {{ date = 2026-04-01, value = -nan }}]\n"
    );
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let json = check(dir.path(), &[], 1, SECONDS);
    assert!(findings(&json).iter().any(|(r, _, _)| r == "schema"));
    for args in [
        vec!["compile"],
        vec!["report", "--format", "json"],
        vec!["report", "--format", "md"],
        vec!["report"],
    ] {
        let mut all = args.clone();
        all.extend(["--as-of", "2026-06-15"]);
        let run = goalc(dir.path(), &all);
        assert!(!run.stderr.contains("panicked"), "{args:?}: {}", run.stderr);
        // the findings' help names them; no value may print as one
        let text = run
            .stdout
            .replace("`nan` and `inf` cannot be measured against", "")
            .replace(
                "&#x60;nan&#x60; and &#x60;inf&#x60; cannot be measured against",
                "",
            )
            .to_lowercase();
        for bad in ["nan", "inf"] {
            assert!(
                !text.split(|c: char| !c.is_alphanumeric()).any(|w| w == bad),
                "{args:?} prints {bad}"
            );
        }
    }
}

#[test]
fn a_10_mb_string_is_read_and_reported_briefly() {
    let plan = format!(
        "{PLAN_HEADER}[goals.g]\ntitle = \"{}\"\nowner = \"maria\"\nbogus = 1\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let started = Instant::now();
    let run = goalc(dir.path(), &["check", "--as-of", "2026-06-15"]);
    assert!(started.elapsed() < SECONDS);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // the finding is about `bogus`; the 10 MB line is not echoed
    assert!(run.stdout.contains("unknown field `bogus`"));
    assert!(
        run.stdout.len() < 10_000,
        "{} bytes of output",
        run.stdout.len()
    );
}

#[test]
fn a_syntax_error_on_a_huge_line_is_not_echoed_whole() {
    let plan = format!("x = \"{}\" oops\n", "y".repeat(1_000_000));
    let dir = workspace(&[("a.plan.toml", &plan)]);
    let json = check(dir.path(), &[], 1, SECONDS);
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.len() < 200, "{message}");
    let human = goalc(dir.path(), &["check"]);
    assert!(human.stdout.len() < 20_000, "{} bytes", human.stdout.len());
}

#[test]
fn fifty_thousand_goals_in_one_file() {
    let mut plan = String::from(PLAN_HEADER);
    for i in 0..50_000 {
        plan.push_str(&format!(
            "[goals.g{i}]\ntitle = \"Goal {i}\"\nowner = \"maria\"\n"
        ));
    }
    let dir = quiet_workspace(&[("a.plan.toml", &plan)]);
    let json = check(dir.path(), &[], 0, Duration::from_secs(60));
    assert_eq!(json["summary"]["goals"], 50_000);
}

#[test]
fn a_goal_aligned_to_itself_is_a_cycle() {
    let plan =
        format!("{PLAN_HEADER}[goals.me]\ntitle = \"t\"\nowner = \"maria\"\naligns_to = \"me\"\n");
    let dir = workspace(&[("a.plan.toml", &plan)]);
    let json = check(dir.path(), &[], 1, SECONDS);
    assert!(
        findings(&json).iter().any(|f| f.0 == "alignment-cycle"),
        "{json}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_plan_never_blocks_the_run() {
    let dir = quiet_workspace(&[("a.plan.toml", PLAN_HEADER)]);
    let fifo = dir.path().join("pipe.plan.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    // found by the walk: not a regular file, not read
    let json = check(dir.path(), &[], 0, SECONDS);
    assert_eq!(json["summary"]["files"], 1);
    // named: a clear error, exit 2
    let started = Instant::now();
    let run = goalc(dir.path(), &["check", "pipe.plan.toml"]);
    assert!(started.elapsed() < SECONDS);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a regular file"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn dangling_symlinks_and_unreadable_paths() {
    let dir = quiet_workspace(&[("a.plan.toml", PLAN_HEADER)]);
    std::os::unix::fs::symlink("missing.toml", dir.path().join("dangling.plan.toml")).unwrap();
    let run = goalc(dir.path(), &["check", "--as-of", "2026-06-15"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("dangling.plan.toml"),
        "a note: {}",
        run.stderr
    );
    let run = goalc(dir.path(), &["check", "nope.plan.toml"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nope.plan.toml"), "{}", run.stderr);
}

#[test]
fn the_maximum_file_size_is_configurable() {
    let big = format!("{PLAN_HEADER}# {}\n", "x".repeat(5_000));
    let dir = quiet_workspace(&[
        ("goalc.toml", "max_file_bytes = 1000"),
        ("a.plan.toml", &big),
    ]);
    let json = check(dir.path(), &[], 1, SECONDS);
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("too large") && message.contains("1000"),
        "{message}"
    );
    let dir = quiet_workspace(&[("goalc.toml", "max_file_bytes = 0"), ("a.plan.toml", &big)]);
    let run = goalc(dir.path(), &["check"]);
    assert_eq!(
        run.code, 2,
        "an out-of-range limit is a configuration error"
    );
}

#[test]
fn reports_of_hostile_workspaces_never_fail_to_render() {
    let plan = format!(
        "{PLAN_HEADER}[goals.\"{{{{x}}}}\"]\ntitle = \"{{{{#each}}}} }}}}\"\nowner = \"maria\"\n[goals.\"a|b\"]\ntitle = \"\"\nowner = \"\"\naligns_to = [\"{{{{x}}}}\", \"a|b\"]\n"
    );
    let dir = quiet_workspace(&[("a.plan.toml", &plan), ("b.plan.toml", "\u{0}\u{ff}junk")]);
    for format in ["html", "md", "json"] {
        let run = goalc(
            dir.path(),
            &["report", "--format", format, "--as-of", "2026-06-15"],
        );
        // the report was written: exit 0 whatever the findings (failing a build is `check`'s job)
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        assert!(run.stdout.contains("{{x}}") || format == "md", "{format}");
    }
}
