#![no_main]
//! The report of a small workspace of arbitrary files, in every built-in format.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::report(data));
