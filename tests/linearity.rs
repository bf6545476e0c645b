//! The check grows linearly: ten times the goals may cost at most twelve times the time, so a
//! rule that compares goals pairwise fails here long before a user notices.

use goalc::base::date::Date;
use goalc::check::check_in_memory;
use goalc::harness::synthetic_workspace;
use goalc::settings::Config;
use std::time::{Duration, Instant};

fn best_of_three(goals: usize) -> Duration {
    let as_of = Date::from_ymd(2026, 6, 15).unwrap();
    (0..3)
        .map(|_| {
            let files = synthetic_workspace(goals);
            let start = Instant::now();
            let checked = check_in_memory(files, Config::default(), as_of);
            let took = start.elapsed();
            assert!(checked.workspace.goals.len() == goals);
            took
        })
        .min()
        .unwrap()
}

#[test]
fn ten_times_the_goals_costs_at_most_twelve_times_the_time() {
    let small = best_of_three(1_000);
    let large = best_of_three(10_000);
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    eprintln!("1k goals {small:?}, 10k goals {large:?}: {ratio:.1}×");
    assert!(
        ratio < 12.0,
        "1k goals {small:?}, 10k goals {large:?}: {ratio:.1}×"
    );
}
