#![no_main]
//! The whole check of a small workspace of arbitrary files, through every output format.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::check(data));
