fn main() -> std::process::ExitCode {
    goalc::cli::main()
}
