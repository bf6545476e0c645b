//! Wall time per pipeline stage, printed to standard error when `GOALC_TIMINGS` is set: the
//! cheapest way to see where a run's time goes on a real workspace, without a profiler.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GOALC_TIMINGS").is_some_and(|v| !v.is_empty()))
}

/// Runs `f`, reporting how long it took under `name`.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    eprintln!(
        "goalc timings: {name:<10} {:>9.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    out
}
