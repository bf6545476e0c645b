//! The progress model against hand-computed numbers.

use super::*;
use crate::check::{Options, load_workspace};

fn load(plan: &str, as_of: &str) -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let header = "[plan]\ntitle = \"P\"\nowner = \"o\"\nstart = 2026-01-01\nend = 2026-12-31\n\n";
    std::fs::write(dir.path().join("a.plan.toml"), format!("{header}{plan}")).unwrap();
    let opts = Options {
        as_of: Date::parse(as_of),
        ..Options::default()
    };
    let (ws, diags, _) = load_workspace(&opts, dir.path()).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    ws
}

const METRIC: &str = "[goals.g]\ntitle = \"t\"\nowner = \"o\"\nstart = 2026-01-01\ndue = 2026-11-28\n\n[goals.g.metrics.m]\nunit = \"count\"\n";

#[test]
fn progress_is_clamped_and_keeps_the_raw_share() {
    let ws = load(
        &format!(
            "{METRIC}baseline = 10\ntarget = 20\ncheckins = [{{ date = 2026-02-01, value = 25 }}]\n"
        ),
        "2026-03-01",
    );
    let p = metric_progress(&ws.metrics[0], ws.as_of).unwrap();
    assert_eq!((p.raw, p.clamped), (1.5, 1.0));
    assert_eq!(status(&ws, &ws.goals[0], Some(p), ws.as_of), Status::Done);
}

#[test]
fn a_metric_past_its_target_does_not_make_up_for_one_behind() {
    let plan = format!(
        "{METRIC}baseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-02-01, value = 15 }}]\n[goals.g.metrics.n]\nbaseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-02-01, value = 5 }}]\n"
    );
    let ws = load(&plan, "2026-03-01");
    let p = own_progress(&ws, &ws.goals[0], ws.as_of).unwrap();
    assert_eq!((p.raw, p.clamped), (1.0, 0.75));
    assert_ne!(status(&ws, &ws.goals[0], Some(p), ws.as_of), Status::Done);
}

#[test]
fn decrease_metrics_progress_downwards() {
    let ws = load(
        &format!(
            "{METRIC}baseline = 100\ntarget = 60\ncheckins = [{{ date = 2026-02-01, value = 90 }}, {{ date = 2026-02-01, value = 80 }}]\n"
        ),
        "2026-03-01",
    );
    let m = &ws.metrics[0];
    assert!(m.is_decrease());
    // equal dates: the last one read is current
    assert_eq!(current_value(m, ws.as_of), Some(80.0));
    assert_eq!(metric_progress(m, ws.as_of).unwrap().clamped, 0.5);
}

#[test]
fn check_ins_after_the_as_of_date_do_not_count_and_unknowns_stay_unknown() {
    let ws = load(
        &format!(
            "{METRIC}baseline = 0\ntarget = 10\ncheckins = [{{ date = 2026-05-01, value = 5 }}]\n"
        ),
        "2026-03-01",
    );
    assert_eq!(metric_progress(&ws.metrics[0], ws.as_of), None);
    assert_eq!(
        status(&ws, &ws.goals[0], None, ws.as_of),
        Status::Unmeasured
    );
    let ws = load(
        &format!("{METRIC}target = 10\ncheckins = [{{ date = 2026-02-01, value = 5 }}]\n"),
        "2026-03-01",
    );
    assert_eq!(
        metric_progress(&ws.metrics[0], ws.as_of),
        None,
        "no baseline"
    );
}

#[test]
fn expected_progress_and_status_bands() {
    // 2026-01-01 .. 2026-11-28 is 331 days; as of 2026-06-15 (165 days) expected is ~0.4985
    let ws = load(
        &format!("{METRIC}baseline = 0\ntarget = 100\n"),
        "2026-06-15",
    );
    let g = &ws.goals[0];
    let expected = expected_progress(&ws, g, ws.as_of).unwrap();
    assert!((expected - 165.0 / 331.0).abs() < 1e-12);
    let at = |share: f64| status(&ws, g, Progress::of(share), ws.as_of);
    assert_eq!(at(expected - 0.0999), Status::OnTrack);
    assert_eq!(at(expected - 0.1001), Status::AtRisk);
    assert_eq!(at(expected - 0.2499), Status::AtRisk);
    assert_eq!(at(expected - 0.2501), Status::OffTrack);
    let before = Date::parse("2025-12-01").unwrap();
    assert_eq!(
        status(&ws, g, Progress::of(0.0), before),
        Status::NotStarted
    );
    let after = Date::parse("2026-12-01").unwrap();
    assert_eq!(status(&ws, g, Progress::of(0.9), after), Status::Overdue);
    assert_eq!(expected_progress(&ws, g, after), Some(1.0));
}

#[test]
fn forecast_fits_check_ins_and_the_baseline() {
    // a straight line: 10 a month from 0, through the baseline at the start
    let ws = load(
        &format!(
            "{METRIC}baseline = 0\ntarget = 100\ncheckins = [{{ date = 2026-01-11, value = 10 }}, {{ date = 2026-01-21, value = 20 }}]\n"
        ),
        "2026-02-01",
    );
    let (g, m) = (&ws.goals[0], &ws.metrics[0]);
    let t = trend(g, m, ws.as_of).unwrap();
    assert!((t.slope - 1.0).abs() < 1e-12 && t.intercept.abs() < 1e-12);
    let f = forecast(g, m, ws.as_of).unwrap();
    assert!((f.value - 331.0).abs() < 1e-9 && (f.progress - 3.31).abs() < 1e-9);
    // one point and no baseline: no line
    let ws = load(
        &format!("{METRIC}target = 100\ncheckins = [{{ date = 2026-01-11, value = 10 }}]\n"),
        "2026-02-01",
    );
    assert!(forecast(&ws.goals[0], &ws.metrics[0], ws.as_of).is_none());
}

#[test]
fn mastery_progress_counts_reached_milestones() {
    let ws = load(
        "[goals.g]\ntitle = \"t\"\nowner = \"o\"\nframework = \"mastery\"\nmilestones = [{ title = \"a\", done = 2026-02-01 }, { title = \"b\", done = 2026-05-01 }, { title = \"c\" }, { title = \"d\" }]\n",
        "2026-03-01",
    );
    assert_eq!(
        own_progress(&ws, &ws.goals[0], ws.as_of).unwrap().clamped,
        0.25
    );
}

#[test]
fn cascade_rolls_up_weighted_through_a_deep_chain_without_recursion() {
    let n = 30_000;
    let mut plan = String::new();
    for i in 0..n {
        plan.push_str(&format!("[goals.g{i}]\ntitle = \"t\"\nowner = \"o\"\n"));
        if i + 1 < n {
            plan.push_str(&format!("aligns_to = \"g{}\"\n", i + 1));
        }
    }
    // the leaf g0 is half done; every goal above it inherits that
    plan.push_str("[goals.g0.metrics.m]\nbaseline = 0\ntarget = 10\ncheckins = [{ date = 2026-02-01, value = 5 }]\n");
    let ws = load(&plan, "2026-03-01");
    let eval = evaluate(&ws);
    let top = ws.goal_by_id(&format!("g{}", n - 1)).unwrap();
    assert_eq!(eval.goal(top).cascade.unwrap().clamped, 0.5);
}

#[test]
fn cascade_weights_children_and_survives_cycles() {
    let plan = "[goals.p]\ntitle = \"t\"\nowner = \"o\"\n\
        [goals.a]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"p\"\nweight = 3\n[goals.a.metrics.m]\nbaseline = 0\ntarget = 10\ncheckins = [{ date = 2026-02-01, value = 10 }]\n\
        [goals.b]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"p\"\n[goals.b.metrics.m]\nbaseline = 0\ntarget = 10\ncheckins = [{ date = 2026-02-01, value = 0 }]\n\
        [goals.x]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"y\"\n[goals.y]\ntitle = \"t\"\nowner = \"o\"\naligns_to = \"x\"\n";
    let ws = load(plan, "2026-03-01");
    let eval = evaluate(&ws);
    assert_eq!(
        eval.goal(ws.goal_by_id("p").unwrap())
            .cascade
            .unwrap()
            .clamped,
        0.75
    );
    assert!(eval.goal(ws.goal_by_id("x").unwrap()).cascade.is_none());
}

#[test]
fn a_path_with_waypoints_expects_what_its_segments_say() {
    // baseline 10 on 2026-01-01, 20 by 2026-07-01 (181 days), 110 by 2026-11-28: a slow start
    let ws = load(
        &format!(
            "{METRIC}baseline = 10\ntarget = 110\nwaypoints = [{{ date = 2026-07-01, value = 20 }}]\n"
        ),
        "2026-04-01",
    );
    let (g, m) = (&ws.goals[0], &ws.metrics[0]);
    let share = 10.0 * (90.0 / 181.0) / 100.0;
    let expected = metric_expected(g, m, ws.as_of).unwrap();
    assert!(
        (expected - share).abs() < 1e-12,
        "{expected} against {share}"
    );
    assert_eq!(path_expected(g, m, ws.as_of), Some(expected));
    // in the second segment: 20 + 90 × 61/150 on 2026-08-31
    let late = Date::parse("2026-08-31").unwrap();
    let share = (10.0 + 90.0 * (61.0 / 150.0)) / 100.0;
    let expected = metric_expected(g, m, late).unwrap();
    assert!(
        (expected - share).abs() < 1e-12,
        "{expected} against {share}"
    );
    // a falling path: 100 → 80 by July → 60
    let ws = load(
        &format!(
            "{METRIC}baseline = 100\ntarget = 60\nwaypoints = [{{ date = 2026-07-01, value = 80 }}]\n"
        ),
        "2026-04-01",
    );
    let share = 20.0 * (90.0 / 181.0) / 40.0;
    let expected = metric_expected(&ws.goals[0], &ws.metrics[0], ws.as_of).unwrap();
    assert!(
        (expected - share).abs() < 1e-12,
        "{expected} against {share}"
    );
}

#[test]
fn a_metric_is_due_on_its_due_day_not_late() {
    let plan = "[goals.g]\ntitle = \"t\"\nowner = \"o\"\nstart = 2026-01-01\ndue = 2026-11-28\n\n\
                [goals.g.metrics.m]\nunit = \"count\"\nbaseline = 0\ntarget = 10\ndue = 2026-06-30\n\
                checkins = [{ date = 2026-06-01, value = 9 }]\n";
    let on_the_day = load(plan, "2026-06-30");
    let (g, m) = (&on_the_day.goals[0], &on_the_day.metrics[0]);
    let p = own_progress(&on_the_day, g, on_the_day.as_of);
    assert_ne!(status(&on_the_day, g, p, on_the_day.as_of), Status::Overdue);
    assert_ne!(metric_status(g, m, on_the_day.as_of), Status::Overdue);
    let after = Date::parse("2026-07-01").unwrap();
    assert_eq!(status(&on_the_day, g, p, after), Status::Overdue);
    assert_eq!(metric_status(g, m, after), Status::Overdue);
    // started on its start day
    let start = Date::parse("2026-01-01").unwrap();
    assert_ne!(metric_status(g, m, start), Status::NotStarted);
    assert_eq!(
        metric_status(g, m, Date::parse("2025-12-31").unwrap()),
        Status::NotStarted
    );
}

#[test]
fn a_range_that_does_not_hold_puts_its_goal_off_track() {
    let range = |value: u32| {
        format!(
            "[goals.g]\ntitle = \"t\"\nowner = \"o\"\nstart = 2026-01-01\ndue = 2026-11-28\n\n\
             [goals.g.metrics.m]\nkind = \"range\"\nunit = \"%\"\nmin = 80\nmax = 95\n\
             checkins = [{{ date = 2026-03-01, value = {value} }}]\n\n\
             [goals.g.metrics.n]\nunit = \"count\"\nbaseline = 0\ntarget = 10\n\
             checkins = [{{ date = 2026-03-01, value = 9 }}]\n"
        )
    };
    let holds = load(&range(90), "2026-03-15");
    let g = &holds.goals[0];
    let p = own_progress(&holds, g, holds.as_of);
    assert_eq!(status(&holds, g, p, holds.as_of), Status::OnTrack);
    let breaks = load(&range(70), "2026-03-15");
    let g = &breaks.goals[0];
    let p = own_progress(&breaks, g, breaks.as_of);
    assert_eq!(status(&breaks, g, p, breaks.as_of), Status::OffTrack);
}
