//! The check grows linearly: ten times the goals may cost at most twelve times the time, so a
//! rule that compares goals pairwise fails here long before a user notices.

use goalc::base::date::Date;
use goalc::check::check_in_memory;
use goalc::harness::synthetic_workspace;
use goalc::settings::Config;
use std::time::{Duration, Instant};

/// One check of a synthetic workspace of `goals` goals, on one thread: idle workers spinning
/// for work would blur the figure, and the work is the same.
fn once(goals: usize, pool: &rayon::ThreadPool) -> Duration {
    let as_of = Date::from_ymd(2026, 6, 15).unwrap();
    let files = synthetic_workspace(goals);
    pool.install(|| {
        let start = Instant::now();
        let checked = check_in_memory(files, Config::default(), as_of);
        let took = start.elapsed();
        assert!(checked.workspace.goals.len() == goals);
        took
    })
}

#[test]
fn ten_times_the_goals_costs_at_most_twelve_times_the_time() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    // Small and large alternate, and each keeps its best of five: a burst of load on a shared
    // machine then lands on both, not on one.
    let (mut small, mut large) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        small = small.min(once(1_000, &pool));
        large = large.min(once(10_000, &pool));
    }
    let ratio = large.as_secs_f64() / small.as_secs_f64();
    eprintln!("1k goals {small:?}, 10k goals {large:?}: {ratio:.1}×");
    assert!(ratio > 3.0, "the large case did not run: {large:?}");
    assert!(
        ratio < 12.0,
        "1k goals {small:?}, 10k goals {large:?}: {ratio:.1}×"
    );
}
