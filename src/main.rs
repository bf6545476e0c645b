// Loading a workspace makes millions of small allocations from several threads; mimalloc serves
// them faster than the system allocator and returns memory with less fragmentation.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    goalc::cli::main()
}
