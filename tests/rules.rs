//! Every rule, the sceptical way: take the clean example workspace, break exactly one thing,
//! and assert that exactly the expected findings appear (the rule, plus only its natural side
//! effects). The clean example itself gives no finding at all.

mod common;
use common::*;
use std::path::Path;

const SOREN: &str = "people/soren.plan.toml";
const LEARNING: &str = "teams/learning.plan.toml";
const Q2: &str = "progress/2026-q2.progress.toml";
const TOMAS: &str = "people/tomas.plan.toml";
const AIKO: &str = "people/aiko.plan.toml";
const ORG: &str = "org.plan.toml";

/// The clean example with `edits` (file, text, replacement) applied and `config` appended to
/// its goalc.toml, whose last table is `[rules]`.
fn example(edits: &[(&str, &str, &str)], config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning"),
        dir.path(),
    );
    for (file, from, to) in edits {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    if !config.is_empty() {
        let path = dir.path().join("goalc.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}\n{config}\n")).unwrap();
    }
    dir
}

/// `(rule, goal)` of every finding of `goalc check` in `dir`.
fn found(dir: &Path) -> Vec<(String, String)> {
    let run = goalc(dir, &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|_| panic!("{}{}", run.stdout, run.stderr));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["goal"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn expect(findings: &[(&str, &str)]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|(r, g)| (r.to_string(), g.to_string()))
        .collect()
}

/// Breaks the example, checks the exact findings and snapshots the human report.
fn case(name: &str, edits: &[(&str, &str, &str)], config: &str, expected: &[(&str, &str)]) {
    let dir = example(edits, config);
    assert_eq!(found(dir.path()), expect(expected), "case {name}");
    let human = goalc(dir.path(), &["check"]);
    insta::assert_snapshot!(name, human.stdout);
}

#[test]
fn the_clean_example_has_no_finding() {
    let dir = example(&[], "");
    assert_eq!(found(dir.path()), expect(&[]));
}

// ---- alignment ----

#[test]
fn orphan_goal() {
    case(
        "orphan_goal",
        &[(
            LEARNING,
            "aligns_to = \"erp-ready-workforce\"       # a single parent may be a plain string",
            "",
        )],
        "",
        &[("orphan-goal", "erp-academy")],
    );
}

#[test]
fn alignment_cycle() {
    // an org goal aligning to its own child: the cycle, once; the inversion it implies is not
    // reported beside it (one weakness, one finding)
    case(
        "alignment_cycle",
        &[(
            ORG,
            "weight = 2 ",
            "aligns_to = \"erp-academy\"\nweight = 2 ",
        )],
        "",
        &[
            ("deadline-after-parent", "erp-ready-workforce"),
            ("alignment-cycle", "erp-ready-workforce"),
        ],
    );
}

#[test]
fn level_inversion() {
    case(
        "level_inversion",
        &[(
            SOREN,
            "aligns_to = \"erp-academy\"\n\n[goals.soren-pilot-cohort.metrics",
            "aligns_to = \"soren-facilitation\"\n\n[goals.soren-pilot-cohort.metrics",
        )],
        "",
        &[("level-inversion", "soren-pilot-cohort")],
    );
}

#[test]
fn deadline_after_parent() {
    case(
        "deadline_after_parent",
        &[(
            ORG,
            "owner = \"ingrid\"\nstart = 2026-01-01\ndue = 2026-12-31",
            "owner = \"ingrid\"\nstart = 2026-01-01\ndue = 2026-11-20",
        )],
        "",
        &[
            ("deadline-after-parent", "erp-academy"),
            ("deadline-after-parent", "sales-ramp"),
        ],
    );
}

#[test]
fn outside_plan_period() {
    case(
        "outside_plan_period",
        &[(AIKO, "start = 2026-02-02", "start = 2025-12-15")],
        "",
        &[("outside-plan-period", "aiko-microlearning")],
    );
}

#[test]
fn no_contributors() {
    let new_goal = "[goals.digital-skills]\ntitle = \"Certify 300 staff in data literacy by 2026\"\nlevel = \"org\"\nowner = \"ingrid\"\n\n[goals.digital-skills.metrics.certified]\ntitle = \"Staff certified in data literacy (of 300)\"\nunit = \"people\"\nbaseline = 100\ntarget = 300\ncheckins = [{ date = 2026-06-01, value = 180 }]\n\n[goals.faster-onboarding]";
    case(
        "no_contributors",
        &[(ORG, "[goals.faster-onboarding]", new_goal)],
        "",
        &[("no-contributors", "digital-skills")],
    );
}

#[test]
fn contribution_shortfall() {
    case(
        "contribution_shortfall",
        &[(LEARNING, "target = 1300", "target = 1000")],
        "",
        &[("contribution-shortfall", "erp-ready-workforce")],
    );
}

#[test]
fn unit_mismatch() {
    // the mismatched contributor no longer counts, so the parent falls short too
    case(
        "unit_mismatch",
        &[(
            LEARNING,
            "unit = \"people\"                         # same unit",
            "unit = \"staff\"                          # same unit",
        )],
        "",
        &[
            ("contribution-shortfall", "erp-ready-workforce"),
            ("unit-mismatch", "erp-academy"),
        ],
    );
}

// ---- measurability ----

#[test]
fn missing_metric() {
    let new_goal = "[goals.soren-handbook]\ntitle = \"Publish the 40-page finance trainer handbook by 30 September\"\nowner = \"soren\"\ndue = 2026-09-30\naligns_to = \"erp-academy\"\n\n[goals.soren-facilitation]";
    case(
        "missing_metric",
        &[(SOREN, "[goals.soren-facilitation]", new_goal)],
        "",
        &[("missing-metric", "soren-handbook")],
    );
}

#[test]
fn missing_target_baseline_unit() {
    case(
        "missing_target",
        &[(SOREN, "baseline = 0\ntarget = 8", "baseline = 0")],
        "",
        &[("missing-target", "soren-finance-trainers")],
    );
    // trainers certified in the period are a count of new things: they start at 0
    case(
        "missing_baseline_count",
        &[(SOREN, "baseline = 0\ntarget = 8", "target = 8")],
        "",
        &[],
    );
    // a share of trainers certified is a level: its starting value matters
    case(
        "missing_baseline",
        &[(
            SOREN,
            "unit = \"trainers\"\nbaseline = 0\ntarget = 8",
            "unit = \"%\"\ntarget = 80",
        )],
        "",
        &[("missing-baseline", "soren-finance-trainers")],
    );
    case(
        "missing_unit",
        &[(SOREN, "unit = \"trainers\"\n", "")],
        "",
        &[("missing-unit", "soren-finance-trainers")],
    );
}

#[test]
fn no_change() {
    case(
        "no_change",
        &[(
            SOREN,
            "baseline = 0\ntarget = 8",
            "baseline = 8\ntarget = 8",
        )],
        "",
        &[("no-change", "soren-finance-trainers")],
    );
}

#[test]
fn vague_title() {
    let edit = (
        SOREN,
        "title = \"Reach level 4 in train-the-trainer facilitation for Atlas ERP by October 2026\"",
        "title = \"Improve train-the-trainer facilitation\"",
    );
    case(
        "vague_title",
        &[edit],
        "",
        &[("vague-title", "soren-facilitation")],
    );
    // a number makes it specific; and the rule can be turned off
    let with_number = (
        SOREN,
        edit.1,
        "title = \"Improve train-the-trainer facilitation to level 4\"",
    );
    assert_eq!(found(example(&[with_number], "").path()), expect(&[]));
    assert_eq!(
        found(example(&[edit], "vague-title = \"off\"").path()),
        expect(&[])
    );
}

#[test]
fn activity_metric() {
    case(
        "activity_metric_verb",
        &[(
            SOREN,
            "title = \"Finance floor trainers certified (8 planned)\"",
            "title = \"Run trainer sessions for finance\"",
        )],
        "",
        &[("activity-metric", "soren-finance-trainers")],
    );
    case(
        "activity_metric_switch",
        &[(
            SOREN,
            "baseline = 0\ntarget = 8",
            "baseline = 0\ntarget = 1",
        )],
        "",
        &[("activity-metric", "soren-finance-trainers")],
    );
}

// ---- realism ----

#[test]
fn percent_out_of_range() {
    // 102 % cannot be reached, so the forecast falls short of it as well
    case(
        "percent_out_of_range",
        &[(ORG, "target = 98", "target = 102")],
        "",
        &[
            ("off-pace", "compliance-on-time"),
            ("percent-out-of-range", "compliance-on-time"),
        ],
    );
}

#[test]
fn unrealistic_target() {
    let edit = (LEARNING, "target = 1300", "target = 9000");
    case(
        "unrealistic_target",
        &[edit],
        "",
        &[
            ("off-pace", "erp-academy"),
            ("unrealistic-target", "erp-academy"),
        ],
    );
    // 196 % of the baseline a month is within a ceiling of 200 %
    let config = "unrealistic-target = { max-relative-per-month = 2.0 }";
    assert_eq!(
        found(example(&[edit], config).path()),
        expect(&[("off-pace", "erp-academy")])
    );
}

#[test]
fn off_pace() {
    let edit = (Q2, "value = 1395", "value = 700");
    case(
        "off_pace",
        &[edit],
        "",
        &[("off-pace", "erp-ready-workforce")],
    );
    // the forecast reaches 68 %: enough for a threshold of 0.6
    assert_eq!(
        found(example(&[edit], "off-pace = { min-forecast = 0.6 }").path()),
        expect(&[])
    );
}

#[test]
fn overdue() {
    case(
        "overdue",
        &[(
            SOREN,
            "value = 25, note = \"last 3",
            "value = 22, note = \"last 3",
        )],
        "",
        &[("overdue", "soren-pilot-cohort")],
    );
}

#[test]
fn too_many_goals() {
    // maria owns 4 open goals, ingrid, raj, zofia and tomas 3 each
    let dir = example(&[], "too-many-goals = { max = 3 }");
    assert_eq!(found(dir.path()), expect(&[("too-many-goals", "")]));
    insta::assert_snapshot!("too_many_goals", goalc(dir.path(), &["check"]).stdout);
    assert_eq!(
        found(example(&[], "too-many-goals = { max = 4 }").path()),
        expect(&[])
    );
    assert_eq!(
        found(example(&[], "too-many-goals = { max = 2 }").path()).len(),
        5
    );
}

#[test]
fn key_result_count() {
    let dir = example(&[], "key-result-count = { max = 2 }");
    assert_eq!(
        found(dir.path()),
        expect(&[
            ("key-result-count", "leadership-bench"),
            ("key-result-count", "compliance-refresh")
        ])
    );
    insta::assert_snapshot!("key_result_count", goalc(dir.path(), &["check"]).stdout);
    // every okr of the example (six of them) has 2 or 3 key results
    assert_eq!(
        found(example(&[], "key-result-count = { min = 4 }").path()).len(),
        6
    );
    assert_eq!(
        found(example(&[], "key-result-count = { min = 3 }").path()).len(),
        4
    );
}

// ---- frameworks ----

#[test]
fn mastery_rules() {
    let milestones = "milestones = [\n  { title = \"Passes the Atlas ERP super-user certificate\", level = 1, due = 2026-01-30, done = 2026-01-23 },\n  { title = \"Co-facilitates 3 train-the-trainer sessions with María José\", level = 2, due = 2026-03-31, done = 2026-03-20 },\n  { title = \"Runs a train-the-trainer cohort alone\", level = 3, due = 2026-06-30 },\n  { title = \"Assesses and certifies new floor trainers\", level = 4, due = 2026-10-16 },\n]";
    case(
        "mastery_without_milestones",
        &[(SOREN, milestones, "")],
        "",
        &[("mastery-without-milestones", "soren-facilitation")],
    );
    case(
        "milestones_not_progressive_level",
        &[(
            SOREN,
            "level = 3, due = 2026-06-30",
            "level = 2, due = 2026-06-30",
        )],
        "",
        &[("milestones-not-progressive", "soren-facilitation")],
    );
    case(
        "milestones_not_progressive_due",
        &[(
            SOREN,
            "level = 3, due = 2026-06-30",
            "level = 3, due = 2026-03-15",
        )],
        "",
        // the moved milestone is now past due, and not reached
        &[
            ("milestone-overdue", "soren-facilitation"),
            ("milestones-not-progressive", "soren-facilitation"),
        ],
    );
    let resources = "resources = [\n  \"Design for How People Learn (Julie Dirksen)\",\n  \"ATD Instructional Design Certificate\",\n  \"Monthly design critique with the Lisbon L&D guild\",\n]";
    case(
        "mastery_without_support",
        &[(AIKO, resources, "")],
        "",
        &[("mastery-without-support", "aiko-learning-design")],
    );
}

#[test]
fn pact_rules() {
    case(
        "pact_single_party",
        &[(
            TOMAS,
            "parties = [\"tomas\", \"chloe\"]",
            "parties = [\"tomas\"]",
        )],
        "",
        &[
            ("pact-single-party", "tomas-coaching-pact"),
            ("pact-missing-commitment", "tomas-coaching-pact"),
        ],
    );
    case(
        "pact_missing_commitment",
        &[(
            TOMAS,
            "chloe = \"keeps Tuesdays and Thursdays free of pipeline reviews for Tomás\"\n",
            "",
        )],
        "",
        &[("pact-missing-commitment", "tomas-coaching-pact")],
    );
    case(
        "pact_without_review",
        &[(TOMAS, "review = \"monthly\"\nagreed", "agreed")],
        "",
        &[("pact-without-review", "tomas-coaching-pact")],
    );
}

#[test]
fn micro_rules() {
    case(
        "micro_too_long",
        &[(SOREN, "start = 2026-05-04", "start = 2026-04-01")],
        "",
        &[("micro-too-long", "soren-finance-trainers")],
    );
    // the longest micro goals span 81 days: fine at max-days = 81, too long at 80
    assert_eq!(
        found(example(&[], "micro-too-long = { max-days = 81 }").path()),
        expect(&[])
    );
    let dir = example(&[], "micro-too-long = { level = \"error\", max-days = 80 }");
    assert_eq!(
        found(dir.path()),
        expect(&[
            ("micro-too-long", "nadia-demo-bootcamp"),
            ("micro-too-long", "zofia-ai-literacy")
        ])
    );
    assert_eq!(goalc(dir.path(), &["check"]).code, 1);
    case(
        "micro_unaligned",
        &[(SOREN, "aligns_to = [\"erp-academy\"]\n", "")],
        "",
        &[
            // `orphan-goal` leaves micro goals to `micro-unaligned`
            ("micro-unaligned", "soren-finance-trainers"),
        ],
    );
}

#[test]
fn standardized_goal() {
    let copy = |who: &str| {
        format!(
            "{PLAN_HEADER}[goals.{who}-course]\ntitle = \"Finish  the 12-module sales course\"\nowner = \"{who}\"\naligns_to = \"team-goal\"\n\n[goals.{who}-course.metrics.modules]\ntitle = \"Modules finished (of 12)\"\nunit = \"count\"\nbaseline = 0\ntarget = 12\ncheckins = [{{ date = 2026-06-01, value = 6 }}]\n"
        )
    };
    let team = format!(
        "{PLAN_HEADER}[goals.team-goal]\ntitle = \"Train 30 sellers on the 12-module course\"\nlevel = \"org\"\nowner = \"maria\"\n\n[goals.team-goal.metrics.m]\ntitle = \"Sellers trained (of 30)\"\nunit = \"count\"\nbaseline = 0\ntarget = 30\ncheckins = [{{ date = 2026-06-01, value = 15 }}]\n"
    );
    let (a, b, c) = (
        copy("ana"),
        copy("ben").replace("Finish  the", "finish the"),
        copy("cleo"),
    );
    let levels = "levels = [\"org\", \"individual\"]\n";
    let dir = workspace(&[
        ("goalc.toml", levels),
        ("team.plan.toml", &team),
        ("a.plan.toml", &a),
        ("b.plan.toml", &b),
        ("c.plan.toml", &c),
    ]);
    let (_, json) = check_json(dir.path(), &[]);
    assert_eq!(rules_of(&json), vec!["standardized-goal"; 3], "{json}");
    insta::assert_snapshot!(
        "standardized_goal",
        goalc(dir.path(), &["check", "--as-of", "2026-06-15"]).stdout
    );
    // a different target makes one of them tailored: two copies are below the threshold
    let c2 = c.replace("target = 12", "target = 10");
    let dir = workspace(&[
        ("goalc.toml", levels),
        ("team.plan.toml", &team),
        ("a.plan.toml", &a),
        ("b.plan.toml", &b),
        ("c.plan.toml", &c2),
    ]);
    assert!(rules_of(&check_json(dir.path(), &[]).1).is_empty());
    let config = format!("{levels}[rules]\nstandardized-goal = {{ min-copies = 4 }}\n");
    let dir = workspace(&[
        ("goalc.toml", &config),
        ("team.plan.toml", &team),
        ("a.plan.toml", &a),
        ("b.plan.toml", &b),
        ("c.plan.toml", &c),
    ]);
    assert!(rules_of(&check_json(dir.path(), &[]).1).is_empty());
}

// ---- progress hygiene ----

#[test]
fn stale_progress() {
    let edit = (
        Q2,
        "date = 2026-06-12\nvalue = 5",
        "date = 2026-06-05\nvalue = 5",
    );
    case(
        "stale_progress",
        &[edit],
        "",
        &[("stale-progress", "soren-finance-trainers")],
    );
    // exactly at the cadence is fine: 7 days
    let at_cadence = (
        Q2,
        "date = 2026-06-12\nvalue = 5",
        "date = 2026-06-08\nvalue = 5",
    );
    assert_eq!(found(example(&[at_cadence], "").path()), expect(&[]));
    let run = goalc(
        example(&[edit], "stale-progress = \"error\"").path(),
        &["check"],
    );
    assert_eq!(run.code, 1);
}

#[test]
fn checkin_dates() {
    // a check-in after the as-of date does not count, so the goal also goes stale
    case(
        "checkin_in_future",
        &[(
            Q2,
            "date = 2026-06-12\nvalue = 5",
            "date = 2026-06-20\nvalue = 5",
        )],
        "",
        &[
            ("stale-progress", "soren-finance-trainers"),
            ("checkin-in-future", "soren-finance-trainers"),
        ],
    );
    case(
        "checkin_outside_goal",
        &[(
            SOREN,
            "{ date = 2026-03-06, value = 9",
            "{ date = 2026-01-20, value = 9",
        )],
        "",
        &[("checkin-outside-goal", "soren-pilot-cohort")],
    );
}

#[test]
fn every_rule_is_exercised_here_or_in_the_structural_new_rule_or_history_tests() {
    let read = |name: &str| {
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
    };
    // The history rules need a git repository: tests/history.rs builds them.
    let source = read("tests/rules.rs")
        + &read("tests/structural.rs")
        + &read("tests/new_rules.rs")
        + &read("tests/history.rs")
        + &read("tests/claims_capacity.rs")
        + &read("tests/rule_fixtures.rs");
    for rule in goalc::rules::RULES {
        if rule.name() == "unused-allow" {
            continue; // tests/suppression.rs
        }
        assert!(
            source.contains(&format!("\"{}\"", rule.name()))
                || source.contains(&format!("== \"{}\"", rule.name())),
            "no test names {}",
            rule.name()
        );
    }
}

#[test]
fn alignment_chains_tens_of_thousands_deep_are_safe() {
    let n = 30_000;
    let mut plan = String::from(PLAN_HEADER);
    for i in 0..n {
        // a chain g0 -> g1 -> ... and, closing it, g(n-1) -> g0: one cycle of n goals
        let parent = (i + 1) % n;
        plan.push_str(&format!("[goals.g{i}]\ntitle = \"Step {i}\"\nowner = \"maria\"\nlevel = \"org\"\naligns_to = \"g{parent}\"\n"));
    }
    let dir = workspace(&[
        ("a.plan.toml", &plan),
        (
            "goalc.toml",
            &structural_only_rules().replace("alignment-cycle = \"off\"\n", ""),
        ),
    ]);
    let started = std::time::Instant::now();
    let (code, json) = check_json(dir.path(), &[]);
    assert_eq!(
        (code, rules_of(&json)),
        (1, vec!["alignment-cycle".to_string()])
    );
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("(30000 goals)"), "{message}");
    assert!(started.elapsed().as_secs() < 60);
}
