//! Export then import gives back the same compiled workspace: over generated workspaces,
//! written as CSV rows, imported, exported, imported again, and compiled both times.

mod common;

use common::goalc;
use proptest::prelude::*;
use std::fmt::Write as _;

const AS_OF: &str = "--as-of=2026-05-01";
const WORDS: &[&str] = &[
    "Certify",
    "12",
    "floor",
    "trainers",
    "in",
    "the",
    "ERP",
    "\"quoted\"",
    "semi;colon",
    "comma,",
    "new\nline",
    "Zürich",
    "学习",
];

#[derive(Debug, Clone)]
struct MetricSpec {
    id: Option<u8>,
    title: Vec<usize>,
    kind: u8,
    unit: Option<usize>,
    a: Option<i32>,
    b: Option<i32>,
    current: Option<(i32, u16)>,
}

#[derive(Debug, Clone)]
struct GoalSpec {
    title: Vec<usize>,
    framework: usize,
    level: Option<usize>,
    owner: usize,
    team: Option<usize>,
    start: Option<u16>,
    span: Option<u16>,
    aligns: Vec<usize>,
    metrics: Vec<MetricSpec>,
}

fn metric() -> impl Strategy<Value = MetricSpec> {
    (
        proptest::option::of(0u8..4),
        proptest::collection::vec(0..WORDS.len(), 1..4),
        0u8..3,
        proptest::option::of(0usize..3),
        proptest::option::of(-40i32..400),
        proptest::option::of(-40i32..400),
        proptest::option::of((0i32..400, 0u16..700)),
    )
        .prop_map(|(id, title, kind, unit, a, b, current)| MetricSpec {
            id,
            title,
            kind,
            unit,
            a,
            b,
            current,
        })
}

fn goal() -> impl Strategy<Value = GoalSpec> {
    (
        proptest::collection::vec(0..WORDS.len(), 1..5),
        0usize..4,
        proptest::option::of(0usize..3),
        0usize..3,
        proptest::option::of(0usize..2),
        proptest::option::of(0u16..600),
        proptest::option::of(0u16..300),
        proptest::collection::vec(0usize..8, 0..3),
        proptest::collection::vec(metric(), 0..4),
    )
        .prop_map(
            |(title, framework, level, owner, team, start, span, aligns, metrics)| GoalSpec {
                title,
                framework,
                level,
                owner,
                team,
                start,
                span,
                aligns,
                metrics,
            },
        )
}

fn day(offset: u16) -> String {
    // Days from 2026-01-01, within 2026 and 2027.
    let mut d = offset as i64;
    let mut year = 2026;
    loop {
        let len = if year % 4 == 0 { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        year += 1;
    }
    let months = [
        31,
        if year % 4 == 0 { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= months[m] {
        d -= months[m];
        m += 1;
    }
    format!("{year}-{:02}-{:02}", m + 1, d + 1)
}

fn cell(text: &str) -> String {
    if text.contains([',', '"', '\n', ';']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn title(words: &[usize]) -> String {
    words
        .iter()
        .map(|w| WORDS[*w])
        .collect::<Vec<_>>()
        .join(" ")
}

/// The goals as the rows of `goalc import csv`.
fn csv(goals: &[GoalSpec]) -> String {
    let mut out = String::from(
        "goal,title,framework,level,owner,team,start,due,aligns_to,metric,metric_title,kind,unit,baseline,target,current,current_date,min,max\n",
    );
    for (i, g) in goals.iter().enumerate() {
        let framework = ["hard", "okr", "micro", ""][g.framework];
        let level = g.level.map_or("", |l| ["org", "team", "individual"][l]);
        let owner = ["ann", "bo", "cy"][g.owner];
        let team = g.team.map_or("", |t| ["learning", "sales"][t]);
        let start = g.start.map(day).unwrap_or_default();
        let due = match (g.start, g.span) {
            (Some(s), Some(n)) => day(s + n),
            (None, Some(n)) => day(n),
            _ => String::new(),
        };
        let mut aligns: Vec<String> = g
            .aligns
            .iter()
            .filter(|a| **a < goals.len() && **a != i)
            .map(|a| format!("g{a}"))
            .collect();
        aligns.sort();
        aligns.dedup();
        let goal_cols = format!(
            "g{i},{},{framework},{level},{owner},{team},{start},{due},{}",
            cell(&title(&g.title)),
            cell(&aligns.join("; "))
        );
        if g.metrics.is_empty() {
            let _ = writeln!(out, "{goal_cols},,,,,,,,,,");
        }
        let mut ids = std::collections::HashSet::new();
        for m in &g.metrics {
            let id = match m.id {
                Some(n) if ids.insert(n) => format!("m{n}"),
                _ => String::new(),
            };
            let unit = m.unit.map_or("", |u| ["%", "count", "hours"][u]);
            let current = m
                .current
                .map_or(",".into(), |(v, d)| format!("{v},{}", day(d)));
            let n = |v: Option<i32>, half: bool| {
                v.map_or(String::new(), |v| {
                    if half {
                        format!("{v}.5")
                    } else {
                        v.to_string()
                    }
                })
            };
            let metric_cols = match m.kind {
                0 => format!(
                    "number,{unit},{},{},{current},,",
                    n(m.a, true),
                    n(m.b, false)
                ),
                1 => {
                    let current = m
                        .current
                        .map_or(",".into(), |(v, d)| format!("{},{}", v % 101, day(d)));
                    format!("deliverable,,,,{current},,")
                }
                _ => {
                    let (lo, hi) = match (m.a, m.b) {
                        (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                        other => other,
                    };
                    format!("range,{unit},,,{current},{},{}", n(lo, false), n(hi, false))
                }
            };
            let _ = writeln!(
                out,
                "{goal_cols},{id},{},{metric_cols}",
                cell(&title(&m.title))
            );
        }
    }
    out
}

fn run(dir: &std::path::Path, args: &[&str]) -> String {
    let r = goalc(dir, args);
    assert_eq!(r.code, 0, "goalc {args:?}: {}{}", r.stdout, r.stderr);
    r.stdout
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_back_the_same_compiled_workspace(
        goals in proptest::collection::vec(goal(), 1..7)
    ) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("in.csv"), csv(&goals)).unwrap();
        run(dir.path(), &[AS_OF, "import", "csv", "in.csv", "-o", "one", "-q"]);
        let first = run(&dir.path().join("one"), &[AS_OF, "compile", "."]);
        run(dir.path(), &[AS_OF, "export", "csv", "one", "-o", "out.csv"]);
        run(dir.path(), &[AS_OF, "import", "csv", "out.csv", "-o", "two", "-q"]);
        let second = run(&dir.path().join("two"), &[AS_OF, "compile", "."]);
        prop_assert_eq!(&first, &second);
        // And exporting again changes nothing: the CSV is a fixed point.
        run(dir.path(), &[AS_OF, "export", "csv", "two", "-o", "again.csv"]);
        let out = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
        let again = std::fs::read_to_string(dir.path().join("again.csv")).unwrap();
        prop_assert_eq!(out, again);
    }
}
