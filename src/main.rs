// Loading a workspace makes millions of small allocations from several threads; jemalloc
// serves them about a fifth faster than the system allocator here.
#[cfg(not(feature = "heap-stats"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[cfg(feature = "heap-stats")]
#[global_allocator]
static GLOBAL: goalc::timings::heap::CountingAllocator<tikv_jemallocator::Jemalloc> =
    goalc::timings::heap::CountingAllocator(tikv_jemallocator::Jemalloc);

fn main() -> std::process::ExitCode {
    goalc::cli::main()
}
