#![no_main]
//! Arbitrary bytes as a plan file and as a progress file.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::load(data));
