//! Hostile text in titles, notes, owners and ids comes out inert in every output format: data in
//! JSON, SARIF and GitLab's JSON; escaped in HTML, Markdown, XML and GitHub workflow commands.

mod common;

use common::goalc;
use serde_json::Value;

const HOSTILE: &str = "<script>alert(1)</script></textarea>{{x}}|`b`::%0A%";

fn workspace() -> tempfile::TempDir {
    // the same text as a title, a metric title, a note, a person's name, a goal id (quoted key)
    // and an unknown reference, whose finding message repeats it
    let s = HOSTILE.replace('\\', "\\\\").replace('"', "\\\"");
    let id = "<script>::%|`{{x}}`";
    let plan = format!(
        "[plan]\ntitle = \"{s}\"\nowner = \"eve\"\nteam = \"{s}\"\nstart = 2026-01-01\nend = 2026-12-31\n\n\
         [people.eve]\nname = \"{s}\\nsecond line\"\n\n\
         [goals.\"{id}\"]\ntitle = \"{s}\\nsecond line\"\nowner = \"eve\"\ndue = 2026-12-31\n\
         aligns_to = \"{s}\"\n\
         [goals.\"{id}\".metrics.m]\ntitle = \"{s}\"\nunit = \"%\"\nbaseline = 0\ntarget = 10\n\
         checkins = [{{ date = 2026-03-01, value = 5, note = \"{s}\" }}]\n"
    );
    common::workspace(&[
        ("goalc.toml", "as_of = 2026-06-15\n"),
        ("a.plan.toml", &plan),
    ])
}

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let r = goalc(dir, args);
    assert!(r.code <= 1, "{args:?}: exit {} {}", r.code, r.stderr);
    assert!(!r.stderr.contains("panicked"));
    r.stdout
}

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn json_formats_carry_hostile_text_as_data() {
    let dir = workspace();
    for args in [
        &["check", "--format", "json"][..],
        &["check", "--format", "sarif"],
        &["check", "--format", "gitlab"],
        &["report", "--format", "json"],
    ] {
        let out = run(dir.path(), args);
        let value: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        let mut all = Vec::new();
        strings(&value, &mut all);
        assert!(
            all.iter().any(|s| s.contains(HOSTILE)),
            "{args:?}: the text survives intact as a string"
        );
    }
}

#[test]
fn html_and_xml_escape_it() {
    let dir = workspace();
    let html = run(dir.path(), &["report"]);
    let junit = run(dir.path(), &["check", "--format", "junit"]);
    for (what, out) in [("html", &html), ("junit", &junit)] {
        for raw in ["<script", "</textarea"] {
            assert!(!out.contains(raw), "{what} contains {raw}");
        }
        assert!(out.contains("&lt;script&gt;"), "{what}");
    }
    // the title's second line stays inside its heading
    assert!(html.contains("&lt;/textarea&gt;{{x}}|&#x60;b&#x60;::%0A%\nsecond line</h3>"));
}

#[test]
fn markdown_escapes_it_and_keeps_tables_whole() {
    let dir = workspace();
    let md = run(dir.path(), &["report", "--format", "md"]);
    assert!(!md.contains("<script") && !md.contains("</textarea"));
    for row in md
        .lines()
        .filter(|l| l.contains("alert(1)") && l.starts_with('|'))
    {
        let cells = row.replace("\\|", "").matches('|').count();
        // a level table, the key results, a summary table, the status counts
        assert!([9, 10, 12, 3].contains(&cells), "{row}");
        assert!(!row.contains("`b`"), "backticks escaped: {row}");
    }
    let mermaid = md
        .split("```mermaid")
        .nth(1)
        .unwrap()
        .split("```")
        .next()
        .unwrap();
    for node in mermaid.lines().filter(|l| l.contains("[\"")) {
        // the label's own quotes only, and no tag but the line break goalc writes
        assert_eq!(node.matches('"').count(), 2, "{node}");
        assert!(!node.replace("<br/>", "").contains('<'), "{node}");
        assert!(!node.contains('`'), "{node}");
    }
}

#[test]
fn github_commands_stay_one_line_each() {
    let dir = workspace();
    let out = run(dir.path(), &["check", "--format", "github"]);
    let json = run(dir.path(), &["check", "--format", "json"]);
    let findings: Value = serde_json::from_str(&json).unwrap();
    let count = findings["diagnostics"].as_array().unwrap().len();
    let commands: Vec<&str> = out.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), count, "one command per finding:\n{out}");
    assert_eq!(
        out.lines().count(),
        count,
        "no line of text outside a command:\n{out}"
    );
    for c in &commands {
        // `%` is escaped before anything else, so `%0A` in the text cannot become a newline
        assert!(!c.contains("%0A%\n"));
        let (props, message) = c.split_once("::").unwrap().1.split_once("::").unwrap();
        assert!(
            !props.contains("<script>::"),
            "`:` in properties is escaped: {props}"
        );
        assert!(!message.contains('\n') && !message.contains('\r'));
    }
    assert!(out.contains("%250A%25"), "`%` escaped as %25:\n{out}");
}
