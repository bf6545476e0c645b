// Loading a workspace makes millions of small allocations from several threads; jemalloc
// serves them about a fifth faster than the system allocator here.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
use tikv_jemallocator::Jemalloc as Allocator;

#[cfg(all(
    feature = "heap-stats",
    not(all(feature = "jemalloc", not(target_env = "msvc")))
))]
use std::alloc::System as Allocator;

#[cfg(all(
    feature = "jemalloc",
    not(target_env = "msvc"),
    not(feature = "heap-stats")
))]
#[global_allocator]
static GLOBAL: Allocator = Allocator;

#[cfg(feature = "heap-stats")]
#[global_allocator]
static GLOBAL: goalc::base::timings::heap::CountingAllocator<Allocator> =
    goalc::base::timings::heap::CountingAllocator(Allocator);

/// jemalloc's options (read at start-up through this symbol; `_RJEM_MALLOC_CONF` still
/// overrides them): an arena per CPU instead of four, and freed pages returned after 100 ms
/// instead of 10 s: about 45 MB less at the peak of a check of the 73,000-goal corpus, at the
/// same speed. Linux only: elsewhere jemalloc cannot tell which CPU a thread is on, and would
/// say so on every run.
#[cfg(all(feature = "jemalloc", target_os = "linux"))]
#[allow(non_upper_case_globals)]
#[allow(unsafe_code)]
#[unsafe(export_name = "_rjem_malloc_conf")]
static malloc_conf: &[u8; 39] = b"percpu_arena:percpu,dirty_decay_ms:100\0";

fn main() -> std::process::ExitCode {
    goalc::cli::main()
}
