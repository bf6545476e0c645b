#![no_main]
//! Arbitrary bytes on the language server's standard input; then a document and ranged edits.
libfuzzer_sys::fuzz_target!(|data: &[u8]| goalc::harness::lsp(data));
