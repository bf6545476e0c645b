#![no_main]
//! A goalc.toml of arbitrary bytes, then a small workspace checked under it.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::config(data));
