//! Each stage of the pipeline on its own, in process, at two sizes of the synthetic workspace
//! (`goalc::harness::synthetic_workspace`): ten times the goals should cost about ten times
//! the time at every stage. Run with `cargo bench --bench stages`; the whole binary against the
//! parsing floor is `benches/compare.py`.

use divan::{Bencher, black_box};
use goalc::base::date::Date;
use goalc::check::{Checked, check_in_memory};
use goalc::harness::synthetic_workspace;
use goalc::load::{LoadedFile, load_bytes};
use goalc::report::{self, Filters};
use goalc::settings::Config;
use goalc::source::{FileId, FileKind};
use std::path::PathBuf;

const SIZES: &[usize] = &[1_000, 10_000];

fn main() {
    divan::main();
}

fn as_of() -> Date {
    Date::from_ymd(2026, 6, 15).unwrap_or_else(Date::today)
}

fn load(files: Vec<(String, Vec<u8>)>) -> Vec<LoadedFile> {
    files
        .into_iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            let path = PathBuf::from(&name);
            load_bytes(FileId(i as u32), path, name, FileKind::Plan, bytes)
        })
        .collect()
}

fn checked(goals: usize) -> Checked {
    check_in_memory(synthetic_workspace(goals), Config::default(), as_of())
}

/// Reading: TOML parse and decoding into the raw model, one file after another.
#[divan::bench(args = SIZES)]
fn parse_and_decode(bencher: Bencher, goals: usize) {
    bencher
        .with_inputs(|| synthetic_workspace(goals))
        .bench_values(|files| black_box(load(files)));
}

/// Ids, defaults and links across files.
#[divan::bench(args = SIZES)]
fn resolve(bencher: Bencher, goals: usize) {
    bencher
        .with_inputs(|| load(synthetic_workspace(goals)))
        .bench_values(|loaded| {
            black_box(goalc::workspace::resolve::resolve(
                loaded,
                Config::default(),
                as_of(),
                PathBuf::from("."),
            ))
        });
}

/// Progress, status and forecasts of every goal.
#[divan::bench(args = SIZES)]
fn evaluate(bencher: Bencher, goals: usize) {
    let checked = checked(goals);
    bencher.bench(|| black_box(goalc::progress::evaluate(&checked.workspace)));
}

/// Every rule (in parallel, as `goalc check` runs them).
#[divan::bench(args = SIZES)]
fn rules(bencher: Bencher, goals: usize) {
    let checked = checked(goals);
    bencher.bench(|| black_box(goalc::rules::run(&checked.workspace, &checked.evaluation)));
}

/// The whole check of in-memory files: load, resolve, evaluate, rules.
#[divan::bench(args = SIZES)]
fn check(bencher: Bencher, goals: usize) {
    bencher
        .with_inputs(|| synthetic_workspace(goals))
        .bench_values(|files| black_box(check_in_memory(files, Config::default(), as_of())));
}

/// The HTML report of a checked workspace: view model and template.
#[divan::bench(args = SIZES, sample_count = 10)]
fn report_html(bencher: Bencher, goals: usize) {
    let checked = checked(goals);
    let filters = Filters::default();
    bencher.bench(|| {
        let mut out = Vec::new();
        let rendered = report::render(
            report::build(&checked, &filters),
            report::Format::Html,
            None,
            &mut out,
        );
        black_box((rendered.is_ok(), out.len()))
    });
}
