#![no_main]
//! A user's report template of arbitrary text rendering a small workspace, as HTML and Markdown.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::template(data));
