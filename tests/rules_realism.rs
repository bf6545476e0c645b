//! The realism and progress-hygiene rules, clause by clause: `unrealistic-target`, `off-pace`,
//! `overdue`, `too-many-goals`, `key-result-count`, `stale-progress`, `checkin-in-future` and
//! `checkin-outside-goal`. Each fixture is a small, otherwise well-formed workspace judged as
//! of 2026-06-15 through the real binary, and each assertion lists every finding exactly: the
//! rule, the goal and the position of the primary span.

mod common;
use common::*;
use serde_json::Value;
use std::path::Path;

/// One level, so that no goal is an orphan and none lacks contributors.
const CONFIG: &str = "levels = [\"individual\"]\n";

/// A workspace of `files` whose goalc.toml holds `rules` under `[rules]`.
fn ws_files(files: &[(&str, &str)], rules: &str) -> tempfile::TempDir {
    let config = format!("{CONFIG}[rules]\n{rules}\n");
    let mut all = vec![("goalc.toml", config.as_str())];
    all.extend_from_slice(files);
    workspace(&all)
}

/// A workspace of one plan (2026-01-01 to 2026-12-31) whose text after the header is `goals`.
fn ws(goals: &str, rules: &str) -> tempfile::TempDir {
    ws_files(&[("a.plan.toml", &plan(goals))], rules)
}

fn plan(goals: &str) -> String {
    format!("{PLAN_HEADER}{goals}")
}

/// A metric table of `goal`.
fn metric(goal: &str, id: &str, body: &str) -> String {
    format!("\n[goals.{goal}.metrics.{id}]\ntitle = \"Trainers certified\"\n{body}\n\n")
}

/// A metric that raises no finding on an active goal of the default span.
fn quiet_metric(goal: &str, id: &str) -> String {
    metric(
        goal,
        id,
        "unit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 15 }]",
    )
}

fn diagnostics(dir: &Path, extra: &[&str]) -> Vec<Value> {
    let (_, json) = check_json(dir, extra);
    json["diagnostics"].as_array().unwrap().clone()
}

/// `(rule, goal, line, column)` of every finding.
fn found(dir: &Path) -> Vec<(String, String, u64, u64)> {
    diagnostics(dir, &[])
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["goal"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The 1-based `(line, column)` where the first occurrence of `needle` in `text` begins, plus
/// `skip` characters: `at(text, "target = 90", 9)` is the position of the value.
fn at(text: &str, needle: &str, skip: usize) -> (u64, u64) {
    let offset = text
        .find(needle)
        .unwrap_or_else(|| panic!("no {needle:?} in\n{text}"))
        + skip;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    (line as u64, column as u64)
}

/// The position of the id of metric `goal.id` in its table header.
fn metric_header(text: &str, goal: &str, id: &str) -> (u64, u64) {
    at(
        text,
        &format!("[goals.{goal}.metrics.{id}]"),
        "[goals..metrics.".len() + goal.len(),
    )
}

/// The position of goal `id`'s header (the id in `[goals.ID]`).
fn header(text: &str, id: &str) -> (u64, u64) {
    at(text, &format!("[goals.{id}]"), 7)
}

fn finding(rule: &str, goal: &str, (line, column): (u64, u64)) -> (String, String, u64, u64) {
    (rule.to_string(), goal.to_string(), line, column)
}

fn none() -> Vec<(String, String, u64, u64)> {
    Vec::new()
}

/// The only finding's message.
fn message(dir: &Path) -> String {
    let d = diagnostics(dir, &[]);
    assert_eq!(d.len(), 1, "{d:#?}");
    d[0]["message"].as_str().unwrap().to_string()
}

fn human(dir: &Path) -> String {
    goalc(dir, &["check", "--as-of", "2026-06-15"]).stdout
}

fn severity(dir: &Path) -> Vec<String> {
    diagnostics(dir, &[])
        .iter()
        .map(|d| d["severity"].as_str().unwrap().to_string())
        .collect()
}

// ---- unrealistic-target ----

/// A goal not yet started (so no time rule judges it) from 2026-07-01 to 2026-08-30: 60 days,
/// 1.97 months, judged over the 2-month window ("unrealistic-target judges the pace over the
/// goal's own span but never over less than a 2-month window").
fn future_goal(id: &str, metric_body: &str, extra: &str) -> String {
    format!(
        "{}{}",
        goal(
            id,
            &format!("start = 2026-07-01\ndue = 2026-08-30\n{extra}")
        ),
        metric(id, "m", metric_body)
    )
}

#[test]
fn unrealistic_target_percent_points_a_month() {
    // 80 points over 1.97 months, judged over the 2-month window: 40 a month
    let text = plan(&future_goal(
        "g",
        "unit = \"%\"\nbaseline = 10\ntarget = 90",
        "",
    ));
    let dir = ws(&text[PLAN_HEADER.len()..], "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "unrealistic-target",
            "g",
            at(&text, "target = 90", 9)
        )]
    );
    assert_eq!(
        message(dir.path()),
        "target of `g.m` is unrealistic: needs 40 percentage points a month over 2 months; the ceiling is 20"
    );
    insta::assert_snapshot!("unrealistic_target_percent", human(dir.path()));
    // 39 points over the 2-month window is 19.5 a month; a decrease counts by its size
    for body in [
        "unit = \"%\"\nbaseline = 10\ntarget = 49",
        "unit = \"%\"\nbaseline = 49\ntarget = 10",
    ] {
        assert_eq!(found(ws(&future_goal("g", body, ""), "").path()), none());
    }
    let dir = ws(
        &future_goal("g", "unit = \"%\"\nbaseline = 90\ntarget = 10", ""),
        "",
    );
    assert_eq!(
        message(dir.path()),
        "target of `g.m` is unrealistic: needs 40 percentage points a month over 2 months; the ceiling is 20"
    );
    // "a `%` metric with a baseline of 0 is not judged (a share from zero has no pace to
    // exceed)", while one point above zero is judged in points as before
    let from_zero = future_goal("g", "unit = \"%\"\nbaseline = 0\ntarget = 80", "");
    assert_eq!(found(ws(&from_zero, "").path()), none());
    let dir = ws(
        &future_goal("g", "unit = \"%\"\nbaseline = 1\ntarget = 81", ""),
        "",
    );
    assert_eq!(
        message(dir.path()),
        "target of `g.m` is unrealistic: needs 40 percentage points a month over 2 months; the ceiling is 20"
    );
}

#[test]
fn unrealistic_target_exactly_at_the_ceiling_does_not_fire() {
    // 80 points over 90 days is 80 / (90 / 30.44) = 27.057777777777776 in f64 (a span past the
    // 2-month window counts as it is): a ceiling of exactly that is not exceeded
    let goals = format!(
        "{}{}",
        goal("g", "start = 2026-07-01\ndue = 2026-09-29"),
        metric("g", "m", "unit = \"%\"\nbaseline = 10\ntarget = 90")
    );
    let exact = 80.0_f64 / (90.0 / 30.44);
    let at_ceiling = format!("unrealistic-target = {{ max-points-per-month = {exact:?} }}");
    assert_eq!(found(ws(&goals, &at_ceiling).path()), none());
    let just_below = format!(
        "unrealistic-target = {{ max-points-per-month = {:?} }}",
        exact - 1e-12
    );
    assert_eq!(
        message(ws(&goals, &just_below).path()),
        "target of `g.m` is unrealistic: needs 27.1 percentage points a month over 3 months; the ceiling is 27.0578"
    );
    // a 60-day goal is judged over the 2-month window: 80 points need exactly 40 a month
    let window = future_goal("g", "unit = \"%\"\nbaseline = 10\ntarget = 90", "");
    let at_window = "unrealistic-target = { max-points-per-month = 40 }";
    assert_eq!(found(ws(&window, at_window).path()), none());
    let below_window = "unrealistic-target = { max-points-per-month = 39.99 }";
    assert_eq!(
        message(ws(&window, below_window).path()),
        "target of `g.m` is unrealistic: needs 40 percentage points a month over 2 months; the ceiling is 39.99"
    );
    // 100 → 400 over 364 days, 11.96 months: 25.09 % of the baseline a month
    let year = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"count\"\nbaseline = 100\ntarget = 400\ncheckins = [{ date = 2026-06-01, value = 160 }]"
        )
    );
    let exact = 300.0_f64 / 100.0 / (364.0 / 30.44);
    let at_ceiling = format!("unrealistic-target = {{ max-relative-per-month = {exact:?} }}");
    assert_eq!(found(ws(&year, &at_ceiling).path()), none());
    let below = format!(
        "unrealistic-target = {{ max-relative-per-month = {:?} }}",
        exact - 1e-12
    );
    assert_eq!(
        message(ws(&year, &below).path()),
        "target of `g.m` is unrealistic: needs 25.1 % of the baseline a month over 12 months; the ceiling is 25.0879 %"
    );
}

#[test]
fn unrealistic_target_relative_to_the_baseline_for_other_units() {
    // 40 → 100 trainers in 1.97 months, judged over the 2-month window: 150 % of the baseline
    // over the span, 75 % a month
    let text = plan(&future_goal(
        "g",
        "unit = \"trainers\"\nbaseline = 40\ntarget = 100",
        "",
    ));
    let dir = ws(&text[PLAN_HEADER.len()..], "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "unrealistic-target",
            "g",
            at(&text, "target = 100", 9)
        )]
    );
    assert_eq!(
        message(dir.path()),
        "target of `g.m` is unrealistic: needs 75 % of the baseline a month over 2 months; the ceiling is 50 %"
    );
    insta::assert_snapshot!("unrealistic_target_relative", human(dir.path()));
    // 40 → 75: 43.8 % a month
    let fine = future_goal("g", "unit = \"trainers\"\nbaseline = 40\ntarget = 75", "");
    assert_eq!(found(ws(&fine, "").path()), none());
    // decreases count by their size, against |baseline|: 90 → 10 is 44.4 % a month; 90 → 0 is
    // exactly the 50 % ceiling over the 2-month window, so not exceeded; 90 → -10 is 55.6 %
    let down = future_goal("g", "unit = \"days\"\nbaseline = 90\ntarget = 10", "");
    assert_eq!(found(ws(&down, "").path()), none());
    let down = future_goal("g", "unit = \"days\"\nbaseline = 90\ntarget = 0", "");
    assert_eq!(found(ws(&down, "").path()), none());
    let down = future_goal("g", "unit = \"EUR\"\nbaseline = 90\ntarget = -10", "");
    assert_eq!(
        message(ws(&down, "").path()),
        "target of `g.m` is unrealistic: needs 55.6 % of the baseline a month over 2 months; the ceiling is 50 %"
    );
    let negative = future_goal("g", "unit = \"EUR\"\nbaseline = -40\ntarget = 100", "");
    assert_eq!(
        message(ws(&negative, "").path()),
        "target of `g.m` is unrealistic: needs 175 % of the baseline a month over 2 months; the ceiling is 50 %"
    );
}

#[test]
fn unrealistic_target_needs_a_baseline_a_target_and_a_baseline_of_at_least_min_baseline() {
    // "for other units it uses relative growth only when |baseline| is at least `min-baseline`
    // (20)": from zero, and from a small cohort, a relative pace means nothing
    let zero = future_goal("g", "unit = \"trainers\"\nbaseline = 0\ntarget = 100", "");
    assert_eq!(found(ws(&zero, "").path()), none());
    let small = future_goal("g", "unit = \"trainers\"\nbaseline = 19\ntarget = 100", "");
    assert_eq!(found(ws(&small, "").path()), none());
    let dir = ws(
        &future_goal("g", "unit = \"trainers\"\nbaseline = 20\ntarget = 100", ""),
        "",
    );
    assert_eq!(
        message(dir.path()),
        "target of `g.m` is unrealistic: needs 200 % of the baseline a month over 2 months; the ceiling is 50 %"
    );
    let dir = ws(
        &future_goal("g", "unit = \"trainers\"\nbaseline = 5\ntarget = 100", ""),
        "unrealistic-target = { min-baseline = 5 }",
    );
    assert_eq!(
        rules_of(&check_json(dir.path(), &[]).1),
        ["unrealistic-target"]
    );
    // no baseline: nothing to judge from. A level (`%`) asks for its baseline; trainers certified
    // count new things, measured from 0 ("a count of new things ... starts at 0 by construction
    // and is not reported"), and still are not judged from that 0
    let text = plan(&future_goal("g", "unit = \"%\"\ntarget = 90", ""));
    assert_eq!(
        found(ws(&text[PLAN_HEADER.len()..], "").path()),
        vec![finding(
            "missing-baseline",
            "g",
            metric_header(&text, "g", "m")
        )]
    );
    let new_things = future_goal("g", "unit = \"trainers\"\ntarget = 1000", "");
    assert_eq!(found(ws(&new_things, "").path()), none());
    // no target: other rules speak
    let dir = ws(
        &future_goal("g", "unit = \"trainers\"\nbaseline = 1", ""),
        "",
    );
    assert_eq!(rules_of(&check_json(dir.path(), &[]).1), ["missing-target"]);
}

#[test]
fn unrealistic_target_judges_a_goal_of_no_length_over_the_window() {
    // "never over less than a 2-month window": a goal that starts and ends on one day asks for
    // 90 points in the window, 45 a month, as a one-day goal does
    let instant = format!(
        "{}{}",
        goal("g", "start = 2026-07-01\ndue = 2026-07-01"),
        metric("g", "m", "unit = \"%\"\nbaseline = 10\ntarget = 100")
    );
    let one_day = instant.replace("due = 2026-07-01", "due = 2026-07-02");
    let expected = "target of `g.m` is unrealistic: needs 45 percentage points a month over 2 months; the ceiling is 20";
    assert_eq!(message(ws(&one_day, "").path()), expected);
    assert_eq!(message(ws(&instant, "").path()), expected);
}

#[test]
fn unrealistic_target_without_a_unit_counts_as_relative() {
    let text = plan(&future_goal("g", "baseline = 40\ntarget = 100", ""));
    let dir = ws(&text[PLAN_HEADER.len()..], "");
    assert_eq!(
        found(dir.path()),
        vec![
            finding("missing-unit", "g", metric_header(&text, "g", "m")),
            finding("unrealistic-target", "g", at(&text, "target = 100", 9)),
        ]
    );
}

#[test]
fn unrealistic_target_spans_the_plan_period_when_the_goal_inherits_it() {
    // 12 months for 10 → 100 %: 7.5 points a month is fine (over 2 months it would not be);
    // 20 → 1000 users is 49x in a year, 4.1x a month (a baseline of at least `min-baseline` 20)
    let goals = format!(
        "{}{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"%\"\nbaseline = 10\ntarget = 100\ncheckins = [{ date = 2026-06-01, value = 50 }]"
        ),
        metric(
            "g",
            "n",
            "unit = \"users\"\nbaseline = 20\ntarget = 1000\ncheckins = [{ date = 2026-06-01, value = 500 }]"
        ),
    );
    let text = plan(&goals);
    assert_eq!(
        found(ws(&goals, "").path()),
        vec![finding(
            "unrealistic-target",
            "g",
            at(&text, "target = 1000", 9)
        )]
    );
}

#[test]
fn unrealistic_target_is_configurable_and_allowed() {
    let goals = future_goal("g", "unit = \"%\"\nbaseline = 10\ntarget = 90", "");
    let dir = ws(
        &goals,
        "unrealistic-target = { level = \"error\", max-points-per-month = 30 }",
    );
    assert_eq!(severity(dir.path()), ["error"]);
    assert_eq!(check_json(dir.path(), &[]).0, 1);
    assert!(message(dir.path()).ends_with("the ceiling is 30"));
    assert_eq!(
        found(ws(&goals, "unrealistic-target = { max-points-per-month = 41 }").path()),
        none()
    );
    assert_eq!(
        found(ws(&goals, "unrealistic-target = \"off\"").path()),
        none()
    );
    let relative = future_goal("g", "unit = \"trainers\"\nbaseline = 40\ntarget = 100", "");
    assert_eq!(
        found(
            ws(
                &relative,
                "unrealistic-target = { max-relative-per-month = 0.8 }"
            )
            .path()
        ),
        none()
    );
    let allowed = future_goal(
        "g",
        "unit = \"%\"\nbaseline = 10\ntarget = 90",
        "allow = [\"unrealistic-target\"]",
    );
    assert_eq!(
        found(ws(&allowed, "unused-allow = \"warning\"").path()),
        none()
    );
}

// ---- off-pace ----

/// A goal over the whole plan (364 days) whose metric's check-ins lie on the line
/// `value = day`, through the baseline 0 at the start: the forecast at the due date is 364.
fn straight_line(target: u32, extra: &str) -> String {
    format!(
        "{}{}",
        goal("g", extra),
        metric(
            "g",
            "m",
            &format!(
                "unit = \"trainers\"\nbaseline = 0\ntarget = {target}\ncheckins = [\n  {{ date = 2026-05-31, value = 150 }},\n  {{ date = 2026-06-10, value = 160 }},\n]"
            )
        )
    )
}

#[test]
fn off_pace_fires_below_the_minimum_forecast() {
    let goals = straight_line(456, "");
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding("off-pace", "g", metric_header(&text, "g", "m"))]
    );
    // 364 / 456 is 79.8 %: shown with the decimal that tells it from 80
    assert_eq!(
        message(dir.path()),
        "`g.m` is off pace: the trend of its check-ins reaches 79.8 % of the planned change by 2026-12-31 (value 364.0 of target 456); at least 80 % is needed"
    );
    insta::assert_snapshot!("off_pace", human(dir.path()));
}

#[test]
fn off_pace_exactly_at_the_minimum_does_not_fire() {
    // 364 / 455 is exactly 0.8
    assert_eq!(found(ws(&straight_line(455, ""), "").path()), none());
    assert_eq!(found(ws(&straight_line(300, ""), "").path()), none());
}

#[test]
fn off_pace_counts_the_direction_of_the_planned_change() {
    // 500 → 0 falling by one a day reaches 136: 72.8 % of the planned fall, shown as 73
    let falling = |target: u32| {
        format!(
            "{}{}",
            goal("g", ""),
            metric(
                "g",
                "m",
                &format!(
                    "unit = \"days\"\nbaseline = 500\ntarget = {target}\ncheckins = [\n  {{ date = 2026-05-31, value = 350 }},\n  {{ date = 2026-06-10, value = 340 }},\n]"
                )
            )
        )
    };
    let dir = ws(&falling(0), "");
    assert_eq!(
        message(dir.path()),
        "`g.m` is off pace: the trend of its check-ins reaches 73 % of the planned change by 2026-12-31 (value 136.0 of target 0); at least 80 % is needed"
    );
    assert_eq!(found(ws(&falling(200), "").path()), none());
    // rising when it should fall: a negative share
    let wrong_way = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"%\"\nbaseline = 40\ntarget = 20\ncheckins = [\n  { date = 2026-05-31, value = 45 },\n  { date = 2026-06-10, value = 46 },\n]"
        )
    );
    assert_eq!(
        rules_of(&check_json(ws(&wrong_way, "").path(), &[]).1),
        ["off-pace"]
    );
}

#[test]
fn off_pace_needs_two_check_ins_on_or_before_the_as_of_date() {
    let one = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 0\ntarget = 1000\ncheckins = [{ date = 2026-06-10, value = 1 }]"
        )
    );
    assert_eq!(found(ws(&one, "").path()), none());
    // the second is in the future and does not count
    let text = plan(&format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 0\ntarget = 1000\ncheckins = [\n  { date = 2026-06-10, value = 1 },\n  { date = 2026-06-16, value = 2 },\n]"
        )
    ));
    assert_eq!(
        found(ws(&text[PLAN_HEADER.len()..], "").path()),
        vec![finding(
            "checkin-in-future",
            "g",
            at(&text, "2026-06-16", 0)
        )]
    );
}

#[test]
fn off_pace_needs_an_active_goal_a_baseline_and_a_change() {
    // not started: the check-ins are outside the goal, but there is no pace to judge
    let later = straight_line(1000, "start = 2026-06-20");
    assert_eq!(
        rules_of(&check_json(ws(&later, "").path(), &[]).1),
        ["checkin-outside-goal", "checkin-outside-goal"]
    );
    // past due: overdue, not off pace
    let past = format!(
        "{}{}",
        goal("g", "due = 2026-06-12"),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 0\ntarget = 1000\ncheckins = [\n  { date = 2026-05-31, value = 150 },\n  { date = 2026-06-10, value = 160 },\n]"
        )
    );
    assert_eq!(
        rules_of(&check_json(ws(&past, "").path(), &[]).1),
        ["overdue"]
    );
    // no baseline, but a count of new things (trainers certified): measured from 0, so its
    // trend is judged like any other
    let no_baseline = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\ntarget = 1000\ncheckins = [\n  { date = 2026-05-31, value = 150 },\n  { date = 2026-06-10, value = 151 },\n]"
        )
    );
    assert_eq!(
        rules_of(&check_json(ws(&no_baseline, "").path(), &[]).1),
        ["off-pace"]
    );
    let no_change = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 100\ntarget = 100\ncheckins = [\n  { date = 2026-05-31, value = 50 },\n  { date = 2026-06-10, value = 40 },\n]"
        )
    );
    assert_eq!(
        rules_of(&check_json(ws(&no_change, "").path(), &[]).1),
        ["no-change"]
    );
}

#[test]
fn off_pace_reports_each_metric_and_points_at_the_latest_check_in_in_a_progress_file() {
    let goals = format!(
        "{}{}{}",
        goal("g", ""),
        quiet_metric("g", "fine"),
        metric(
            "g",
            "slow",
            "unit = \"%\"\nbaseline = 10\ntarget = 90\ncheckins = [{ date = 2026-03-01, value = 12 }]"
        ),
    );
    let text = plan(&goals);
    let progress = "[[checkin]]\nmetric = \"g.slow\"\ndate = 2026-06-01\nvalue = 15\nnote = \"second cohort postponed\"\n";
    let dir = ws_files(
        &[("a.plan.toml", &text), ("q2.progress.toml", progress)],
        "",
    );
    assert_eq!(
        found(dir.path()),
        vec![finding("off-pace", "g", metric_header(&text, "g", "slow"))]
    );
    insta::assert_snapshot!("off_pace_progress_file", human(dir.path()));
}

#[test]
fn off_pace_is_configurable_and_allowed() {
    let goals = straight_line(456, "");
    let dir = ws(
        &goals,
        "off-pace = { level = \"error\", min-forecast = 0.9 }",
    );
    assert_eq!(severity(dir.path()), ["error"]);
    assert!(message(dir.path()).ends_with("at least 90 % is needed"));
    assert_eq!(
        found(ws(&goals, "off-pace = { min-forecast = 0.75 }").path()),
        none()
    );
    assert_eq!(found(ws(&goals, "off-pace = \"off\"").path()), none());
    let allowed = straight_line(456, "allow = [\"off-pace\"]");
    assert_eq!(
        found(ws(&allowed, "unused-allow = \"warning\"").path()),
        none()
    );
}

// ---- overdue ----

/// A goal due 2026-05-31, 15 days before the as-of date, with one metric.
fn due_goal(metric_body: &str) -> String {
    format!(
        "{}{}",
        goal("g", "due = 2026-05-31"),
        metric("g", "m", metric_body)
    )
}

#[test]
fn overdue_fires_when_a_target_is_not_reached() {
    let goals = due_goal(
        "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-05-20, value = 19 }]",
    );
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding("overdue", "g", at(&text, "due = 2026-05-31", 6))]
    );
    assert_eq!(
        message(dir.path()),
        "goal `g` was due on 2026-05-31 (15 days ago) and is not done: `m` is at 19"
    );
    insta::assert_snapshot!("overdue", human(dir.path()));
}

#[test]
fn overdue_is_silent_when_every_target_is_reached() {
    for value in [20, 25] {
        let goals = due_goal(&format!(
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{{ date = 2026-05-20, value = {value} }}]"
        ));
        assert_eq!(found(ws(&goals, "").path()), none(), "value {value}");
    }
}

#[test]
fn overdue_reads_decrease_metrics_downwards() {
    let at_value = |value: u32| {
        due_goal(&format!(
            "unit = \"days\"\nbaseline = 90\ntarget = 60\ncheckins = [{{ date = 2026-05-20, value = {value} }}]"
        ))
    };
    assert_eq!(found(ws(&at_value(60), "").path()), none());
    assert_eq!(found(ws(&at_value(55), "").path()), none());
    assert_eq!(
        message(ws(&at_value(61), "").path()),
        "goal `g` was due on 2026-05-31 (15 days ago) and is not done: `m` is at 61"
    );
}

#[test]
fn overdue_counts_a_metric_without_check_ins_as_not_reached() {
    let goals = due_goal("unit = \"trainers\"\nbaseline = 10\ntarget = 20");
    assert_eq!(
        message(ws(&goals, "").path()),
        "goal `g` was due on 2026-05-31 (15 days ago) and is not done: `m` has no check-in"
    );
    // a check-in after the as-of date does not count (and is reported on its own)
    let goals = due_goal(
        "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-20, value = 20 }]",
    );
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![
            finding("overdue", "g", at(&text, "due = 2026-05-31", 6)),
            finding("checkin-in-future", "g", at(&text, "2026-06-20", 0)),
            finding("checkin-outside-goal", "g", at(&text, "2026-06-20", 0)),
        ]
    );
    assert!(
        diagnostics(dir.path(), &[])[0]["message"]
            .as_str()
            .unwrap()
            .ends_with("`m` has no check-in")
    );
}

#[test]
fn overdue_lists_every_metric_that_is_missing() {
    let goals = format!(
        "{}{}{}{}",
        goal("g", "due = 2026-06-14"),
        metric(
            "g",
            "a",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 12 }]"
        ),
        metric(
            "g",
            "b",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 20 }]"
        ),
        metric("g", "c", "unit = \"trainers\"\nbaseline = 10\ntarget = 20"),
    );
    assert_eq!(
        message(ws(&goals, "").path()),
        "goal `g` was due on 2026-06-14 (1 day ago) and is not done: `a` is at 12, `c` has no check-in"
    );
}

#[test]
fn overdue_is_not_due_on_the_as_of_date_itself() {
    let goals = format!(
        "{}{}",
        goal("g", "due = 2026-06-15"),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-06-01, value = 12 }]"
        )
    );
    // still active, so its pace is judged instead (one check-in: none)
    assert_eq!(found(ws(&goals, "").path()), none());
}

#[test]
fn overdue_without_a_baseline_reads_the_metrics_own_direction() {
    // trainers certified count new things: measured from 0 and not a `missing-baseline`
    // ("a count of new things made or done in the period ... starts at 0 by construction"),
    // so 12 of 20 is short of the target and the goal is overdue; 20 reaches it
    let bare = due_goal(
        "unit = \"trainers\"\ntarget = 20\ncheckins = [{ date = 2026-05-20, value = 12 }]",
    );
    assert_eq!(
        message(ws(&bare, "").path()),
        "goal `g` was due on 2026-05-31 (15 days ago) and is not done: `m` is at 12"
    );
    let exact = due_goal(
        "unit = \"trainers\"\ntarget = 20\ncheckins = [{ date = 2026-05-20, value = 20 }]",
    );
    assert_eq!(found(ws(&exact, "").path()), none());
    // a level (`%`) without a baseline has no progress, "except that a current value that
    // reaches the target (in the metric's `direction`) is progress 1 (done)"; "without a
    // baseline, direction defaults to increase", whatever the metric it contributes to does
    let parent = |baseline: u32, target: u32| {
        format!(
            "{}{}",
            goal("p", ""),
            metric(
                "p",
                "share",
                &format!(
                    "unit = \"%\"\nbaseline = {baseline}\ntarget = {target}\ncheckins = [{{ date = 2026-06-01, value = 50 }}]"
                )
            )
        )
    };
    let child = |value: u32| {
        due_goal(&format!(
            "unit = \"%\"\ntarget = 60\ncontributes_to = \"p.share\"\ncheckins = [{{ date = 2026-05-20, value = {value} }}]"
        ))
    };
    let rising = format!("{}{}", parent(40, 60), child(55));
    let text = plan(&rising);
    assert_eq!(
        found(ws(&rising, "").path()),
        vec![
            finding("overdue", "g", at(&text, "due = 2026-05-31", 6)),
            finding("missing-baseline", "g", metric_header(&text, "g", "m")),
        ]
    );
    let reached = format!("{}{}", parent(40, 60), child(65));
    assert_eq!(
        rules_of(&check_json(ws(&reached, "").path(), &[]).1),
        ["missing-baseline"]
    );
    // ... also when the parent falls: 55 is short of 60 in the default increase, 65 reaches it
    let falling = format!("{}{}", parent(70, 50), child(55));
    assert_eq!(
        rules_of(&check_json(ws(&falling, "").path(), &[]).1),
        ["overdue", "missing-baseline"]
    );
    let falling_reached = format!("{}{}", parent(70, 50), child(65));
    assert_eq!(
        rules_of(&check_json(ws(&falling_reached, "").path(), &[]).1),
        ["missing-baseline"]
    );
    // `direction = "decrease"` reads it downwards: 55 reaches 60, 65 does not
    let down = |value: u32| {
        due_goal(&format!(
            "unit = \"%\"\ntarget = 60\ndirection = \"decrease\"\ncheckins = [{{ date = 2026-05-20, value = {value} }}]"
        ))
    };
    assert_eq!(
        rules_of(&check_json(ws(&down(55), "").path(), &[]).1),
        ["missing-baseline"]
    );
    assert_eq!(
        rules_of(&check_json(ws(&down(65), "").path(), &[]).1),
        ["overdue", "missing-baseline"]
    );
}

#[test]
fn overdue_fires_on_a_goal_whose_metrics_have_no_target() {
    // overdue is "past due, not done, measured or not": without a target nothing records the
    // goal done, so it is overdue beside `missing-target`
    let goals = due_goal(
        "unit = \"trainers\"\nbaseline = 10\ncheckins = [{ date = 2026-05-20, value = 12 }]",
    );
    let text = plan(&goals);
    assert_eq!(
        found(ws(&goals, "").path()),
        vec![
            finding("overdue", "g", at(&text, "due = 2026-05-31", 6)),
            finding("missing-target", "g", metric_header(&text, "g", "m")),
        ]
    );
}

/// A mastery goal due 2026-05-31 with milestones `done` as given (None: not done).
fn mastery(done: [Option<&str>; 2]) -> String {
    let done = done.map(|d| d.map_or(String::new(), |d| format!(", done = {d}")));
    goal(
        "g",
        &format!(
            "framework = \"mastery\"\ndue = 2026-05-31\nskill = \"facilitation\"\nresources = [\"The Art of Facilitation\"]\nfeedback = \"monthly\"\nmilestones = [\n  {{ title = \"Co-facilitates 3 sessions\", level = 1, due = 2026-03-31{} }},\n  {{ title = \"Runs a cohort alone\", level = 2, due = 2026-05-31{} }},\n]",
            done[0], done[1]
        ),
    )
}

#[test]
fn overdue_mastery_goals_count_their_milestones() {
    let done = mastery([Some("2026-03-20"), Some("2026-06-15")]);
    assert_eq!(found(ws(&done, "").path()), none());
    let text = plan(&mastery([Some("2026-03-20"), None]));
    let dir = ws(&text[PLAN_HEADER.len()..], "");
    // the goal is overdue, and so is its milestone: both are reported
    assert_eq!(
        found(dir.path()),
        vec![
            finding("overdue", "g", at(&text, "due = 2026-05-31", 6)),
            finding("milestone-overdue", "g", at(&text, "{ title = \"Runs", 0)),
        ]
    );
    let dir = ws(&text[PLAN_HEADER.len()..], "milestone-overdue = \"off\"");
    assert_eq!(
        message(dir.path()),
        "goal `g` was due on 2026-05-31 (15 days ago) and is not done: 1 milestone not done"
    );
    // done after the as-of date is not done yet, and "a mastery milestone's `done` after the
    // as-of date is `checkin-in-future`"
    let text = plan(&mastery([None, Some("2026-06-16")]));
    let dir = ws(&text[PLAN_HEADER.len()..], "milestone-overdue = \"off\"");
    assert_eq!(
        found(dir.path()),
        vec![
            finding("overdue", "g", at(&text, "due = 2026-05-31", 6)),
            finding("checkin-in-future", "g", at(&text, "done = 2026-06-16", 7)),
        ]
    );
    assert_eq!(
        diagnostics(dir.path(), &[])[0]["message"],
        "goal `g` was due on 2026-05-31 (15 days ago) and is not done: 2 milestones not done"
    );
}

#[test]
fn overdue_points_at_the_header_when_the_due_date_is_the_plans() {
    let goals = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-03-01, value = 15 }]"
        )
    );
    let text = PLAN_HEADER.replace("end = 2026-12-31", "end = 2026-03-31") + &goals;
    let dir = ws_files(&[("a.plan.toml", &text)], "");
    assert_eq!(
        found(dir.path()),
        vec![finding("overdue", "g", header(&text, "g"))]
    );
    assert_eq!(
        message(dir.path()),
        "goal `g` was due on 2026-03-31 (76 days ago) and is not done: `m` is at 15"
    );
    insta::assert_snapshot!("overdue_inherited_due", human(dir.path()));
}

#[test]
fn overdue_is_configurable_and_allowed() {
    let goals = due_goal("unit = \"trainers\"\nbaseline = 10\ntarget = 20");
    let dir = ws(&goals, "overdue = \"error\"");
    assert_eq!(severity(dir.path()), ["error"]);
    assert_eq!(check_json(dir.path(), &[]).0, 1);
    assert_eq!(found(ws(&goals, "overdue = \"off\"").path()), none());
    let allowed = format!(
        "{}{}",
        goal("g", "due = 2026-05-31\nallow = [\"overdue\"]"),
        metric("g", "m", "unit = \"trainers\"\nbaseline = 10\ntarget = 20")
    );
    assert_eq!(
        found(ws(&allowed, "unused-allow = \"warning\"").path()),
        none()
    );
}

// ---- too-many-goals ----

/// `n` goals owned by `owner`, not yet started (so no time rule judges them), each due on
/// `due`, each with a target of its own (three alike would be standardized goals).
fn owned(owner: &str, prefix: &str, n: usize, due: &str) -> String {
    (0..n)
        .map(|i| {
            let id = format!("{prefix}{i}");
            format!(
                "[goals.{id}]\ntitle = \"Certify 40 trainers\"\nowner = \"{owner}\"\nstart = 2026-06-20\ndue = {due}\n{}",
                metric(
                    &id,
                    "m",
                    &format!("unit = \"trainers\"\nbaseline = 10\ntarget = {}", 20 + i)
                )
            )
        })
        .collect()
}

const ROSTER: &str =
    "[people.maria]\nname = \"Maria Chen\"\n\n[people.raj]\nname = \"Raj Patel\"\n\n";

#[test]
fn too_many_goals_fires_once_per_person_at_the_roster_entry() {
    let goals = format!("{ROSTER}{}", owned("maria", "g", 6, "2026-12-31"));
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "too-many-goals",
            "",
            at(&text, "[people.maria]", 8)
        )]
    );
    assert_eq!(
        message(dir.path()),
        "`maria` owns 6 goals active on 2026-06-20; at most 5 is realistic"
    );
    let d = &diagnostics(dir.path(), &[])[0];
    assert_eq!(d["goal"], Value::Null);
    insta::assert_snapshot!("too_many_goals", human(dir.path()));
}

#[test]
fn too_many_goals_exactly_at_the_maximum_does_not_fire() {
    let goals = format!("{ROSTER}{}", owned("maria", "g", 5, "2026-12-31"));
    assert_eq!(found(ws(&goals, "").path()), none());
}

#[test]
fn too_many_goals_counts_the_goals_active_on_the_busiest_day() {
    // "for the busiest day from the as-of date on, the goals ... active that day": five open
    // goals and one due in May are not too many
    let done = format!(
        "{}{}",
        goal("done", "start = 2026-04-01\ndue = 2026-05-31"),
        metric(
            "done",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 15\ncheckins = [{ date = 2026-05-30, value = 15 }]"
        )
    );
    let goals = format!("{ROSTER}{}{done}", owned("maria", "g", 5, "2026-12-31"));
    assert_eq!(found(ws(&goals, "").path()), none());
    // a goal due on the as-of date is active that day, but the five start on 2026-06-20: goals
    // that run one after another do not add up
    let today = format!(
        "{}{}",
        goal("today", "start = 2026-06-01\ndue = 2026-06-15"),
        metric(
            "today",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 11\ncheckins = [{ date = 2026-06-14, value = 11 }]"
        )
    );
    let goals = format!("{ROSTER}{}{today}", owned("maria", "g", 5, "2026-12-31"));
    assert_eq!(found(ws(&goals, "").path()), none());
    // one due on the day the five start overlaps them, on its due date included
    let overlapping = today
        .replace("[goals.today", "[goals.overlap")
        .replace("due = 2026-06-15", "due = 2026-06-20");
    let goals = format!(
        "{ROSTER}{}{overlapping}",
        owned("maria", "g", 5, "2026-12-31")
    );
    assert_eq!(
        message(ws(&goals, "").path()),
        "`maria` owns 6 goals active on 2026-06-20; at most 5 is realistic"
    );
    let apart = overlapping.replace("due = 2026-06-20", "due = 2026-06-19");
    let goals = format!("{ROSTER}{}{apart}", owned("maria", "g", 5, "2026-12-31"));
    assert_eq!(found(ws(&goals, "").path()), none());
}

#[test]
fn too_many_goals_counts_each_owner_on_their_own() {
    let goals = format!(
        "{ROSTER}{}{}",
        owned("maria", "m", 4, "2026-12-31"),
        owned("raj", "r", 4, "2026-12-31")
    );
    assert_eq!(found(ws(&goals, "").path()), none());
    let goals = format!(
        "{ROSTER}{}{}",
        owned("raj", "r", 7, "2026-12-31"),
        owned("maria", "m", 6, "2026-12-31")
    );
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![
            finding("too-many-goals", "", at(&text, "[people.maria]", 8)),
            finding("too-many-goals", "", at(&text, "[people.raj]", 8)),
        ]
    );
}

#[test]
fn too_many_goals_without_a_roster_points_at_the_first_goals_owner() {
    let goals = owned("maria", "g", 6, "2026-12-31");
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "too-many-goals",
            "",
            at(&text, "owner = \"maria\"\nstart = 2026-06-20", 8)
        )]
    );
    insta::assert_snapshot!("too_many_goals_no_roster", human(dir.path()));
    // an owner missing from the roster is unknown, and still too busy
    let goals = format!("{ROSTER}{}", owned("mariah", "g", 6, "2026-12-31"));
    let text = plan(&goals);
    let first = at(&text, "owner = \"mariah\"", 8);
    let found = found(ws(&goals, "").path());
    assert_eq!(found.len(), 7, "{found:?}");
    assert_eq!(found[0], finding("too-many-goals", "", first));
    assert_eq!(found[1], finding("unknown-reference", "g0", first));
    assert!(found[2..].iter().all(|f| f.0 == "unknown-reference"));
}

#[test]
fn too_many_goals_counts_goals_across_files() {
    let a = plan(&format!("{ROSTER}{}", owned("maria", "a", 3, "2026-12-31")));
    let b = plan(&owned("maria", "b", 3, "2026-12-31"));
    let dir = ws_files(&[("a.plan.toml", &a), ("b.plan.toml", &b)], "");
    let d = diagnostics(dir.path(), &[]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["file"], "a.plan.toml");
    assert_eq!(d[0]["rule"], "too-many-goals");
}

#[test]
fn too_many_goals_is_configurable() {
    let goals = format!("{ROSTER}{}", owned("maria", "g", 4, "2026-12-31"));
    let dir = ws(&goals, "too-many-goals = { level = \"error\", max = 3 }");
    assert_eq!(severity(dir.path()), ["error"]);
    assert_eq!(
        message(dir.path()),
        "`maria` owns 4 goals active on 2026-06-20; at most 3 is realistic"
    );
    assert_eq!(
        found(ws(&goals, "too-many-goals = { max = 4 }").path()),
        none()
    );
    let six = format!("{ROSTER}{}", owned("maria", "g", 6, "2026-12-31"));
    assert_eq!(found(ws(&six, "too-many-goals = \"off\"").path()), none());
}

// ---- key-result-count ----

/// An okr with `n` key results.
fn okr(n: usize, extra: &str) -> String {
    let mut out = goal(
        "o",
        &format!("framework = \"okr\"\ntype = \"committed\"\n{extra}"),
    );
    for i in 0..n {
        out.push_str(&quiet_metric("o", &format!("kr{i}")));
    }
    out
}

#[test]
fn key_result_count_fires_outside_two_to_five() {
    let text = plan(&okr(1, ""));
    let dir = ws(&text[PLAN_HEADER.len()..], "");
    assert_eq!(
        found(dir.path()),
        vec![finding("key-result-count", "o", header(&text, "o"))]
    );
    assert_eq!(
        message(dir.path()),
        "okr `o` has 1 key result, fewer than 2"
    );
    insta::assert_snapshot!("key_result_count_one", human(dir.path()));
    let dir = ws(&okr(6, ""), "");
    assert_eq!(
        message(dir.path()),
        "okr `o` has 6 key results, more than 5"
    );
    insta::assert_snapshot!("key_result_count_six", human(dir.path()));
    // none at all: a missing metric, which says it all (one weakness, one finding)
    assert_eq!(
        rules_of(&check_json(ws(&okr(0, ""), "").path(), &[]).1),
        ["missing-metric"]
    );
}

#[test]
fn key_result_count_at_the_edges_does_not_fire() {
    for n in 2..=5 {
        assert_eq!(found(ws(&okr(n, ""), "").path()), none(), "{n} key results");
    }
    // other frameworks may have as many metrics as they like
    let mut hard = goal("h", "");
    for i in 0..7 {
        hard.push_str(&quiet_metric("h", &format!("m{i}")));
    }
    assert_eq!(found(ws(&hard, "").path()), none());
}

#[test]
fn key_result_count_is_configurable_and_allowed() {
    let dir = ws(
        &okr(3, ""),
        "key-result-count = { level = \"error\", min = 4 }",
    );
    assert_eq!(severity(dir.path()), ["error"]);
    assert_eq!(
        message(dir.path()),
        "okr `o` has 3 key results, fewer than 4"
    );
    let dir = ws(&okr(3, ""), "key-result-count = { max = 2 }");
    assert_eq!(
        message(dir.path()),
        "okr `o` has 3 key results, more than 2"
    );
    assert_eq!(
        found(ws(&okr(6, ""), "key-result-count = { max = 6 }").path()),
        none()
    );
    assert_eq!(
        found(ws(&okr(1, ""), "key-result-count = \"off\"").path()),
        none()
    );
    let allowed = okr(1, "allow = [\"key-result-count\"]");
    assert_eq!(
        found(ws(&allowed, "unused-allow = \"warning\"").path()),
        none()
    );
}

// ---- stale-progress ----

/// An active goal (the whole plan) whose one metric was last checked in on `date`.
fn checked_in(date: &str, extra: &str) -> String {
    format!(
        "{}{}",
        goal("g", extra),
        metric(
            "g",
            "m",
            &format!(
                "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{{ date = {date}, value = 15 }}]"
            )
        )
    )
}

#[test]
fn stale_progress_fires_after_thirty_days_without_a_cadence() {
    // 30 days is fine; 31 is not
    assert_eq!(found(ws(&checked_in("2026-05-16", ""), "").path()), none());
    let goals = checked_in("2026-05-15", "");
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding("stale-progress", "g", header(&text, "g"))]
    );
    assert_eq!(
        message(dir.path()),
        "goal `g` has had no progress recorded for 31 days (the last check-in was on 2026-05-15); at most 30 days are allowed without a `review` cadence"
    );
    insta::assert_snapshot!("stale_progress", human(dir.path()));
}

#[test]
fn stale_progress_follows_the_review_cadence() {
    for (cadence, fine, stale, days) in [
        ("weekly", "2026-06-08", "2026-06-07", 8),
        ("biweekly", "2026-06-01", "2026-05-31", 15),
        ("monthly", "2026-05-15", "2026-05-14", 32),
        ("quarterly", "2026-03-15", "2026-03-14", 93),
    ] {
        let review = format!("review = \"{cadence}\"");
        assert_eq!(
            found(ws(&checked_in(fine, &review), "").path()),
            none(),
            "{cadence}"
        );
        let goals = checked_in(stale, &review);
        let text = plan(&goals);
        let dir = ws(&goals, "");
        assert_eq!(
            found(dir.path()),
            vec![finding("stale-progress", "g", at(&text, &review, 9))],
            "{cadence}"
        );
        let cadence_days = days - 1;
        assert_eq!(
            message(dir.path()),
            format!(
                "goal `g` has had no progress recorded for {days} days (the last check-in was on {stale}); the review cadence is {cadence} ({cadence_days} days)"
            )
        );
    }
    let dir = ws(&checked_in("2026-05-14", "review = \"monthly\""), "");
    insta::assert_snapshot!("stale_progress_review", human(dir.path()));
}

#[test]
fn stale_progress_counts_from_the_start_when_nothing_was_checked_in() {
    let fresh = |start: &str| {
        format!(
            "{}{}",
            goal("g", &format!("start = {start}")),
            metric("g", "m", "unit = \"trainers\"\nbaseline = 10\ntarget = 20")
        )
    };
    assert_eq!(found(ws(&fresh("2026-05-16"), "").path()), none());
    assert_eq!(
        message(ws(&fresh("2026-05-15"), "").path()),
        "goal `g` has had no progress recorded for 31 days (no check-in since the goal started on 2026-05-15); at most 30 days are allowed without a `review` cadence"
    );
}

#[test]
fn stale_progress_takes_the_latest_check_in_of_any_metric() {
    let goals = format!(
        "{}{}{}",
        goal("g", ""),
        metric(
            "g",
            "old",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-03-01, value = 12 }]"
        ),
        metric(
            "g",
            "new",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-05-20, value = 12 }]"
        ),
    );
    assert_eq!(found(ws(&goals, "").path()), none());
    // the latest may come from a progress file
    let goals = checked_in("2026-03-01", "");
    let progress = "[[checkin]]\nmetric = \"g.m\"\ndate = 2026-06-01\nvalue = 16\n";
    let dir = ws_files(
        &[
            ("a.plan.toml", &plan(&goals)),
            ("b.progress.toml", progress),
        ],
        "",
    );
    assert_eq!(found(dir.path()), none());
}

#[test]
fn stale_progress_ignores_check_ins_after_the_as_of_date() {
    let goals = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [\n  { date = 2026-05-01, value = 12 },\n  { date = 2026-06-20, value = 14 },\n]"
        )
    );
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![
            finding("stale-progress", "g", header(&text, "g")),
            finding("checkin-in-future", "g", at(&text, "2026-06-20", 0)),
        ]
    );
    assert!(
        diagnostics(dir.path(), &[])[0]["message"]
            .as_str()
            .unwrap()
            .contains("for 45 days (the last check-in was on 2026-05-01)")
    );
}

#[test]
fn stale_progress_judges_only_active_goals_with_metrics() {
    // a mastery goal tracked by milestones
    let milestones = goal(
        "g",
        "framework = \"mastery\"\nskill = \"facilitation\"\nresources = [\"The Art of Facilitation\"]\nfeedback = \"monthly\"\nmilestones = [{ title = \"Runs a cohort alone\", level = 1, due = 2026-09-30 }]",
    );
    assert_eq!(found(ws(&milestones, "").path()), none());
    // not started yet
    let later = format!(
        "{}{}",
        goal("g", "start = 2026-06-20"),
        metric("g", "m", "unit = \"trainers\"\nbaseline = 10\ntarget = 20")
    );
    assert_eq!(found(ws(&later, "").path()), none());
    // past due: overdue instead
    let past = format!(
        "{}{}",
        goal("g", "due = 2026-06-14"),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-02-01, value = 12 }]"
        )
    );
    assert_eq!(
        rules_of(&check_json(ws(&past, "").path(), &[]).1),
        ["overdue"]
    );
    // due today is still active
    let today = format!(
        "{}{}",
        goal("g", "due = 2026-06-15"),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [{ date = 2026-02-01, value = 12 }]"
        )
    );
    assert_eq!(
        rules_of(&check_json(ws(&today, "").path(), &[]).1),
        ["stale-progress"]
    );
}

#[test]
fn stale_progress_is_configurable_and_allowed() {
    let goals = checked_in("2026-05-01", "");
    let dir = ws(
        &goals,
        "stale-progress = { level = \"error\", max-days = 44 }",
    );
    assert_eq!(severity(dir.path()), ["error"]);
    assert!(
        message(dir.path()).ends_with("at most 44 days are allowed without a `review` cadence")
    );
    assert_eq!(
        found(ws(&goals, "stale-progress = { max-days = 45 }").path()),
        none()
    );
    // max-days is the default for goals without a cadence only
    let reviewed = checked_in("2026-05-01", "review = \"monthly\"");
    assert_eq!(
        rules_of(
            &check_json(
                ws(&reviewed, "stale-progress = { max-days = 60 }").path(),
                &[]
            )
            .1
        ),
        ["stale-progress"]
    );
    assert_eq!(found(ws(&goals, "stale-progress = \"off\"").path()), none());
    let allowed = checked_in("2026-05-01", "allow = [\"stale-progress\"]");
    assert_eq!(
        found(ws(&allowed, "unused-allow = \"warning\"").path()),
        none()
    );
}

// ---- checkin-in-future ----

#[test]
fn checkin_in_future_fires_after_the_as_of_date_only() {
    let goals = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [\n  { date = 2026-06-15, value = 14 },\n  { date = 2026-06-16, value = 15 },\n]"
        )
    );
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "checkin-in-future",
            "g",
            at(&text, "2026-06-16", 0)
        )]
    );
    assert_eq!(
        message(dir.path()),
        "check-in for `g.m` is dated 2026-06-16, after the as-of date 2026-06-15"
    );
    assert_eq!(severity(dir.path()), ["error"]);
    assert_eq!(check_json(dir.path(), &[]).0, 1);
    insta::assert_snapshot!("checkin_in_future", human(dir.path()));
    // the same plan judged a day later is fine
    let run = goalc(
        dir.path(),
        &["check", "--format", "json", "--as-of", "2026-06-16"],
    );
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rules_of(&json), Vec::<String>::new());
}

#[test]
fn checkin_in_future_reports_progress_files_with_the_goal() {
    let goals = checked_in("2026-06-01", "");
    let progress = "# Q3\n[[checkin]]\nmetric = \"g.m\"\ndate = 2027-06-01\nvalue = 16\n";
    let dir = ws_files(
        &[
            ("a.plan.toml", &plan(&goals)),
            ("q3.progress.toml", progress),
        ],
        "",
    );
    let d = diagnostics(dir.path(), &[]);
    assert_eq!(d.len(), 2, "{d:#?}");
    // also after the goal's due date
    assert_eq!(
        (
            &d[0]["rule"],
            &d[0]["file"],
            &d[0]["goal"],
            &d[0]["line"],
            &d[0]["column"]
        ),
        (
            &Value::from("checkin-in-future"),
            &Value::from("q3.progress.toml"),
            &Value::from("g"),
            &Value::from(4),
            &Value::from(8)
        )
    );
    assert_eq!(d[1]["rule"], "checkin-outside-goal");
    insta::assert_snapshot!("checkin_in_future_progress_file", human(dir.path()));
    // the goal's allow list covers its check-ins wherever they are written
    let allowed = checked_in(
        "2026-06-01",
        "allow = [\"checkin-in-future\", \"checkin-outside-goal\"]",
    );
    let dir = ws_files(
        &[
            ("a.plan.toml", &plan(&allowed)),
            ("q3.progress.toml", progress),
        ],
        "unused-allow = \"warning\"",
    );
    assert_eq!(found(dir.path()), none());
}

#[test]
fn checkin_in_future_is_configurable() {
    let goals = format!(
        "{}{}",
        goal("g", ""),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [\n  { date = 2026-06-01, value = 14 },\n  { date = 2026-06-16, value = 15 },\n]"
        )
    );
    let dir = ws(&goals, "checkin-in-future = \"warning\"");
    assert_eq!(severity(dir.path()), ["warning"]);
    assert_eq!(check_json(dir.path(), &[]).0, 0);
    assert_eq!(
        found(ws(&goals, "checkin-in-future = \"off\"").path()),
        none()
    );
}

// ---- checkin-outside-goal ----

/// A goal from 2026-03-01 to 2026-05-31 whose metric reached its target in May, with another
/// check-in (at the target too) on `date`.
fn spanned(date: &str, extra: &str) -> String {
    format!(
        "{}{}",
        goal(
            "g",
            &format!("start = 2026-03-01\ndue = 2026-05-31\n{extra}")
        ),
        metric(
            "g",
            "m",
            &format!(
                "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [\n  {{ date = {date}, value = 20 }},\n  {{ date = 2026-05-20, value = 20 }},\n]"
            )
        )
    )
}

#[test]
fn checkin_outside_goal_before_the_start() {
    let goals = spanned("2026-02-28", "");
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "checkin-outside-goal",
            "g",
            at(&text, "2026-02-28", 0)
        )]
    );
    assert_eq!(
        message(dir.path()),
        "check-in for `g.m` is dated 2026-02-28, before its goal's span (2026-03-01 to 2026-05-31)"
    );
    insta::assert_snapshot!("checkin_outside_goal_before", human(dir.path()));
}

#[test]
fn checkin_outside_goal_after_the_due_date() {
    // dated after the due date but before the as-of date: the value counts (the target is
    // reached, so the goal is not overdue), and the date is reported
    let goals = format!(
        "{}{}",
        goal("g", "start = 2026-03-01\ndue = 2026-05-31"),
        metric(
            "g",
            "m",
            "unit = \"trainers\"\nbaseline = 10\ntarget = 20\ncheckins = [\n  { date = 2026-05-20, value = 18 },\n  { date = 2026-06-01, value = 20 },\n]"
        )
    );
    let text = plan(&goals);
    let dir = ws(&goals, "");
    assert_eq!(
        found(dir.path()),
        vec![finding(
            "checkin-outside-goal",
            "g",
            at(&text, "2026-06-01", 0)
        )]
    );
    assert_eq!(
        message(dir.path()),
        "check-in for `g.m` is dated 2026-06-01, after its goal's span (2026-03-01 to 2026-05-31)"
    );
    insta::assert_snapshot!("checkin_outside_goal_after", human(dir.path()));
}

#[test]
fn checkin_outside_goal_on_the_start_or_due_date_is_inside() {
    assert_eq!(found(ws(&spanned("2026-03-01", ""), "").path()), none());
    assert_eq!(found(ws(&spanned("2026-05-31", ""), "").path()), none());
}

#[test]
fn checkin_outside_goal_uses_the_plan_period_when_the_goal_inherits_it() {
    let goals = checked_in("2025-12-31", "");
    let text = plan(&goals);
    let dir = ws(&goals, "");
    // before the plan's start, and nothing since: stale as well
    assert_eq!(
        found(dir.path()),
        vec![
            finding("stale-progress", "g", header(&text, "g")),
            finding("checkin-outside-goal", "g", at(&text, "2025-12-31", 0)),
        ]
    );
    insta::assert_snapshot!("checkin_outside_goal_inherited", human(dir.path()));
}

#[test]
fn checkin_outside_goal_in_a_progress_file() {
    let goals = spanned("2026-03-02", "");
    let progress = "[[checkin]]\nmetric = \"g.m\"\ndate = 2026-01-15\nvalue = 11\n";
    let dir = ws_files(
        &[
            ("a.plan.toml", &plan(&goals)),
            ("q1.progress.toml", progress),
        ],
        "",
    );
    let d = diagnostics(dir.path(), &[]);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(
        (&d[0]["rule"], &d[0]["file"], &d[0]["goal"], &d[0]["line"]),
        (
            &Value::from("checkin-outside-goal"),
            &Value::from("q1.progress.toml"),
            &Value::from("g"),
            &Value::from(3)
        )
    );
}

#[test]
fn checkin_outside_goal_is_configurable_and_allowed() {
    let goals = spanned("2026-02-28", "");
    let dir = ws(&goals, "checkin-outside-goal = \"error\"");
    assert_eq!(severity(dir.path()), ["error"]);
    assert_eq!(check_json(dir.path(), &[]).0, 1);
    assert_eq!(
        found(ws(&goals, "checkin-outside-goal = \"off\"").path()),
        none()
    );
    let allowed = spanned("2026-02-28", "allow = [\"checkin-outside-goal\"]");
    assert_eq!(
        found(ws(&allowed, "unused-allow = \"warning\"").path()),
        none()
    );
}

// ---- the clean example ----

#[test]
fn the_clean_example_gives_none_of_these_rules() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/learning");
    let run = goalc(&dir, &["check", "--format", "json"]);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rules_of(&json), Vec::<String>::new(), "{json:#}");
}

// ---- the documentation ----

/// The TOML example of `goalc explain RULE`, each goal given the title and owner it omits.
fn doc_example(rule: &str) -> String {
    let doc = goalc(Path::new("."), &["explain", rule]).stdout;
    let start = doc.find("```toml\n").expect("an example") + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    example
        .lines()
        .map(|line| {
            let is_goal = line.starts_with("[goals.") && !line.contains(".metrics.");
            if is_goal {
                format!("{line}\ntitle = \"Certify 40 trainers\"\nowner = \"maria\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect()
}

#[test]
fn every_documented_example_fires_its_rule() {
    for rule in [
        "unrealistic-target",
        "off-pace",
        "overdue",
        "key-result-count",
        "stale-progress",
        "checkin-outside-goal",
    ] {
        let dir = ws(&doc_example(rule), "");
        let rules = rules_of(&check_json(dir.path(), &[]).1);
        assert!(rules.iter().any(|r| r == rule), "{rule}: {rules:?}");
    }
    // a progress file's check-in, for a goal of a plan
    let goals = format!(
        "{}{}",
        goal("erp-fluency", ""),
        quiet_metric("erp-fluency", "certified")
    );
    let dir = ws_files(
        &[
            ("a.plan.toml", &plan(&goals)),
            ("b.progress.toml", &doc_example("checkin-in-future")),
        ],
        "",
    );
    assert_eq!(
        rules_of(&check_json(dir.path(), &[]).1),
        ["checkin-in-future", "checkin-outside-goal"]
    );
    // six goals of one owner, as the example says
    let dir = ws(&owned("maria", "g", 6, "2026-12-31"), "");
    assert_eq!(rules_of(&check_json(dir.path(), &[]).1), ["too-many-goals"]);
}
