//! Wall time per pipeline stage, printed to standard error when `GOALC_TIMINGS` is set: the
//! cheapest way to see where a run's time goes on a real workspace, without a profiler.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("GOALC_TIMINGS").is_some_and(|v| !v.is_empty()))
}

/// Reports `what` among the stages (how much a repeated check read again, say).
pub fn note(what: impl FnOnce() -> String) {
    if enabled() {
        eprintln!("goalc timings: {}", what());
    }
}

/// Runs `f`, reporting how long it took under `name`.
pub fn stage<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    #[cfg(not(feature = "heap-stats"))]
    eprintln!(
        "goalc timings: {name:<10} {:>9.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    #[cfg(feature = "heap-stats")]
    {
        let (live, peak) = heap::usage();
        eprintln!(
            "goalc timings: {name:<10} {:>9.1} ms   heap {:>6.1} MB, peak {:>6.1} MB",
            start.elapsed().as_secs_f64() * 1e3,
            live as f64 / 1e6,
            peak as f64 / 1e6
        );
    }
    out
}

/// Live and peak heap bytes, counted by [`CountingAllocator`] when the binary is built with
/// the `heap-stats` feature (each allocation then costs an atomic update, so it is off by
/// default); `GOALC_TIMINGS` prints them after every stage.
#[cfg(feature = "heap-stats")]
pub mod heap {
    use std::alloc::{GlobalAlloc, Layout};
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    static LIVE: AtomicUsize = AtomicUsize::new(0);
    static PEAK: AtomicUsize = AtomicUsize::new(0);

    /// Wraps an allocator, counting the bytes it hands out.
    pub struct CountingAllocator<A>(pub A);

    fn grew(by: usize) {
        let now = LIVE.fetch_add(by, Relaxed) + by;
        PEAK.fetch_max(now, Relaxed);
    }

    // SAFETY: every call is forwarded unchanged to the wrapped allocator.
    #[allow(unsafe_code)]
    unsafe impl<A: GlobalAlloc> GlobalAlloc for CountingAllocator<A> {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            grew(layout.size());
            unsafe { self.0.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size(), Relaxed);
            unsafe { self.0.dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
            unsafe { self.0.realloc(ptr, layout, new_size) }
        }
    }

    /// (live, peak) heap bytes so far.
    pub fn usage() -> (usize, usize) {
        (LIVE.load(Relaxed), PEAK.load(Relaxed))
    }
}
