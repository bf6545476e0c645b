#![no_main]
//! The path `--output` names, picked among inputs, links and folders, written as the CLI does.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::output_path(data));
