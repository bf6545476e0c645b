//! The check grows linearly: ten times the goals may cost at most twelve times the time, so a
//! rule that compares goals pairwise fails here long before a user notices.

use goalc::check::check_in_memory;
use goalc::config::Config;
use goalc::date::Date;
use std::time::{Duration, Instant};

/// A workspace of `goals` goals in files of 20: chains of alignment, metrics with check-ins,
/// shared owners and titles that repeat (the rules that group goals see real groups), and one
/// goal in ten with a broken parent and owner (each unknown id is matched against every id for
/// a "did you mean").
fn workspace(goals: usize) -> Vec<(String, Vec<u8>)> {
    (0..goals.div_ceil(20))
        .map(|f| {
            let mut text = format!(
                "[plan]\ntitle = \"p{f}\"\nowner = \"o{}\"\nstart = 2026-01-01\nend = 2026-12-31\n",
                f % 50
            );
            if f == 0 {
                for o in 0..50 {
                    text.push_str(&format!("[people.o{o}]\nname = \"Owner {o}\"\n"));
                }
            }
            for g in f * 20..((f + 1) * 20).min(goals) {
                let owner = if g % 10 == 5 {
                    format!("nobody-{g}")
                } else {
                    format!("o{}", g % 50)
                };
                text.push_str(&format!(
                    "[goals.g{g}]\ntitle = \"Grow metric {} from 10 to 20 by December\"\nowner = \"{owner}\"\n",
                    g % 7,
                ));
                if g % 10 == 5 {
                    text.push_str(&format!("aligns_to = \"missing-{g}\"\n"));
                } else if g % 20 != 0 {
                    text.push_str(&format!("aligns_to = \"g{}\"\n", g - 1));
                }
                text.push_str(&format!(
                    "[goals.g{g}.metrics.m]\nunit = \"count\"\nbaseline = 10\ntarget = 20\ncheckins = [{{ date = 2026-03-01, value = 12 }}, {{ date = 2026-05-01, value = 14 }}]\n"
                ));
            }
            (format!("f{f}.plan.toml"), text.into_bytes())
        })
        .collect()
}

fn best_of_three(goals: usize) -> Duration {
    let as_of = Date::from_ymd(2026, 6, 15).unwrap();
    (0..3)
        .map(|_| {
            let files = workspace(goals);
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
