//! Safe under attack: outputs never replace an input or a device, user text never reaches a
//! terminal or a log raw.

mod common;

use common::{PLAN_HEADER, goal, goalc, quiet_workspace};
use std::path::Path;
use std::process::Command;

fn plan(id: &str) -> String {
    format!("{PLAN_HEADER}{}", goal(id, "due = 2026-06-01"))
}

fn output_workspace() -> tempfile::TempDir {
    let (org, team) = (plan("g1"), plan("g2"));
    quiet_workspace(&[
        ("org.plan.toml", org.as_str()),
        ("teams/t.plan.toml", team.as_str()),
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("r.hbs", "{{plan.title}}\n"),
    ])
}

fn assert_refused(dir: &Path, args: &[&str], input: &str) {
    let before = std::fs::read(dir.join(input)).unwrap();
    let run = goalc(dir, args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    assert!(
        run.stderr
            .contains("refusing to write over an input of this run:"),
        "{args:?}: {}",
        run.stderr
    );
    assert_eq!(std::fs::read(dir.join(input)).unwrap(), before, "{args:?}");
}

#[test]
fn an_output_never_replaces_an_input_of_the_run() {
    let dir = output_workspace();
    let d = dir.path();
    let abs = d.join("org.plan.toml");
    let abs = abs.to_str().unwrap();
    std::fs::hard_link(d.join("org.plan.toml"), d.join("hard.txt")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("teams/t.plan.toml", d.join("link.txt")).unwrap();
    for (args, input) in [
        (
            vec!["check", "--output", "org.plan.toml", "."],
            "org.plan.toml",
        ),
        (
            vec!["check", "-o", "./teams/../org.plan.toml", "."],
            "org.plan.toml",
        ),
        (vec!["check", "-o", abs, "."], "org.plan.toml"),
        (vec!["check", "-o", "hard.txt", "."], "org.plan.toml"),
        (vec!["check", "-o", "link.txt", "."], "teams/t.plan.toml"),
        (vec!["check", "-o", "goalc.toml", "teams"], "goalc.toml"),
        (
            vec!["report", "-o", "teams/t.plan.toml", "."],
            "teams/t.plan.toml",
        ),
        (vec!["report", "-o", "goalc.toml", "."], "goalc.toml"),
        (
            vec!["report", "--template", "r.hbs", "-o", "r.hbs", "."],
            "r.hbs",
        ),
        (
            vec![
                "report",
                "--template",
                "./r.hbs",
                "-o",
                "teams/../r.hbs",
                ".",
            ],
            "r.hbs",
        ),
    ] {
        assert_refused(d, &args, input);
    }
    // An output beside the inputs is still written.
    let run = goalc(d, &["check", "-o", "out.txt", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::read_to_string(d.join("out.txt"))
            .unwrap()
            .contains("0 errors")
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = output_workspace();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let run = goalc(dir.path(), &["check", "--output", "pipe", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = reader.join().unwrap();
    assert!(read.contains("0 errors"), "{read}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[cfg(unix)]
#[test]
fn a_device_node_is_written_into_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = output_workspace();
    let null = dir.path().join("null");
    let made = Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .unwrap();
    if !made.success() {
        // Without the right to make device nodes (not root) nothing can replace one either;
        // a FIFO covers the same code path.
        eprintln!("mknod refused: skipping the device case");
        return;
    }
    for args in [
        vec!["check", "--output", "null", "."],
        vec!["report", "--output", "null", "."],
    ] {
        let run = goalc(dir.path(), &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let meta = std::fs::symlink_metadata(&null).unwrap();
        assert!(meta.file_type().is_char_device(), "{args:?}: replaced");
    }
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_keeps_its_link_and_updates_its_target() {
    let dir = output_workspace();
    let d = dir.path();
    std::fs::create_dir(d.join("reports")).unwrap();
    std::fs::write(d.join("reports/current.html"), "old").unwrap();
    std::os::unix::fs::symlink("reports/current.html", d.join("report.html")).unwrap();
    let run = goalc(d, &["report", "--output", "report.html", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let meta = std::fs::symlink_metadata(d.join("report.html")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let html = std::fs::read_to_string(d.join("reports/current.html")).unwrap();
    assert!(html.contains("<html"), "the target kept the old report");
    // A dangling link: its target is created.
    std::os::unix::fs::symlink("reports/new.txt", d.join("new.txt")).unwrap();
    let run = goalc(d, &["check", "--output", "new.txt", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::symlink_metadata(d.join("new.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(d.join("reports/new.txt"))
            .unwrap()
            .contains("0 errors")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_link_to_standard_output_writes_to_standard_output() {
    let dir = output_workspace();
    std::os::unix::fs::symlink("/proc/self/fd/1", dir.path().join("out")).unwrap();
    let run = goalc(dir.path(), &["check", "--output", "out", "."]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 errors"), "{}", run.stdout);
    assert!(
        std::fs::symlink_metadata(dir.path().join("out"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// No byte that moves a terminal's cursor, changes its state or rings it.
fn assert_inert(what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\t')
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{text}");
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("::"),
            "{what}: a forged workflow command: {line}"
        );
    }
}

const HOSTILE: &str = "[plan]\ntitle = \"T \\u001b[31mred\\u0000\"\nowner = \"maria\"\nstart = 2026-01-01\nend = 2026-12-31\n\"\\u001b]0;PWNED\\u0007\\u001b[2J\" = 1\n\"\\r::error::Pwned\" = 2\n\"a\\n::error::Forged\" = 3\n[people.maria]\nname = \"M \\u009b\"\n";

#[test]
fn no_user_string_reaches_a_terminal_or_a_log_raw() {
    let dir = quiet_workspace(&[
        ("x\n::error title=Injected::y.plan.toml", HOSTILE),
        (
            "c.plan.toml",
            "# raw \u{1b}[1A\u{1b}[2K in a comment\u{7}\r\n",
        ),
        ("goalc.toml", "as_of = 2026-06-15\n"),
    ]);
    let d = dir.path();
    for format in ["human", "github"] {
        for color in ["never", "always"] {
            let run = goalc(d, &["check", "--format", format, "--color", color, "."]);
            assert_eq!(run.code, 1, "{}", run.stderr);
            let out = if color == "always" {
                // colour is goalc's own ESC sequences; what is left must be inert
                strip_sgr(&run.stdout)
            } else {
                run.stdout.clone()
            };
            if format == "github" {
                assert!(!run.stdout.contains('\u{1b}'), "{}", run.stdout);
                for line in run.stdout.lines() {
                    assert!(line.starts_with("::error ") || line.starts_with("::warning "));
                }
            } else {
                assert_inert(&format!("{format} {color}"), &out);
                assert!(out.contains("\\u{1b}]0;PWNED"), "{out}");
            }
            assert_inert("stderr", &run.stderr);
        }
    }
    for format in ["md", "html"] {
        let run = goalc(d, &["report", "--format", format, "."]);
        assert!(
            !run.stdout.contains(['\u{1b}', '\u{0}', '\u{7}', '\u{9b}']),
            "{format}"
        );
    }
    // goalc.toml's own errors, on stderr
    std::fs::write(
        d.join("goalc.toml"),
        "bogus\u{1b}[2J = 1\n\"k\\u001b[2J\" = 2\n",
    )
    .unwrap();
    let run = goalc(d, &["check", "."]);
    assert_eq!(run.code, 2);
    assert_inert("config errors", &run.stderr);
}

/// Removes goalc's colour sequences (`ESC [ ... m`), leaving any other ESC in place.
fn strip_sgr(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("\u{1b}[") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if after[end..].starts_with('m') => rest = &after[end + 1..],
            _ => {
                out.push('\u{1b}');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The best of two runs of goalc over a workspace made by `make(n)`.
fn timed(make: &dyn Fn(usize) -> Vec<(String, String)>, n: usize, args: &[&str]) -> f64 {
    let files = make(n);
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let dir = common::workspace(&files);
    (0..2)
        .map(|_| {
            let started = std::time::Instant::now();
            let run = goalc(dir.path(), args);
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn assert_linear(
    what: &str,
    make: &dyn Fn(usize) -> Vec<(String, String)>,
    n: usize,
    args: &[&str],
) {
    let small = timed(make, n, args);
    let large = timed(make, n * 10, args);
    let ratio = large / small;
    eprintln!(
        "{what}: {n} {small:.3}s, {} {large:.3}s: {ratio:.1}×",
        n * 10
    );
    assert!(
        ratio < 12.0,
        "{what}: {small:.3}s then {large:.3}s, {ratio:.1}×"
    );
}

#[test]
fn human_output_grows_linearly_with_the_findings_of_one_file() {
    let make = |n: usize| {
        let mut text = String::from(PLAN_HEADER);
        text.push_str("[people.maria]\nname = \"M\"\n[goals.g]\ntitle = \"Certify trainers\"\nowner = \"maria\"\n");
        for i in 0..n {
            text.push_str(&format!("unknown-{i} = 1\n"));
        }
        vec![
            ("a.plan.toml".to_string(), text),
            ("goalc.toml".into(), "as_of = 2026-06-15\n".into()),
        ]
    };
    assert_linear(
        "human findings",
        &make,
        2_000,
        &["check", "--color", "never", "."],
    );
}

#[test]
fn a_file_of_junk_gives_a_bounded_number_of_syntax_findings() {
    let junk = |n: usize| {
        let text: String = (0..n).map(|i| format!("{i},\"x\",y z,{i}\n")).collect();
        vec![("data.plan.toml".to_string(), text)]
    };
    assert_linear(
        "syntax junk",
        &junk,
        5_000,
        &["check", "--color", "never", "."],
    );
    let files = junk(1_000);
    let dir = common::workspace(&[(files[0].0.as_str(), files[0].1.as_str())]);
    let (code, json) = common::check_json(dir.path(), &[]);
    assert_eq!(code, 1);
    let found = common::rules_of(&json);
    assert!(found.len() <= 101, "{} findings", found.len());
    let last = json["diagnostics"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .contains("more syntax errors"),
        "{last}"
    );
}

#[test]
fn a_long_id_does_not_make_suggestions_slow() {
    let make = |n: usize| {
        let long: String = "a".repeat(n);
        let near = format!("{}b", "a".repeat(n - 1));
        let text = format!(
            "{PLAN_HEADER}[people.maria]\nname = \"M\"\n{}\n{}",
            goal(&long, ""),
            goal("other", &format!("aligns_to = \"{near}\""))
        );
        vec![("a.plan.toml".to_string(), text)]
    };
    assert_linear(
        "long ids",
        &make,
        100_000,
        &["check", "--format", "json", "."],
    );
}
