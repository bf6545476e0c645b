#![no_main]
//! The whole check of a small workspace of arbitrary files, through every output format.

use goalc::emit::{self, Format, HumanOptions};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let checked = common::workspace(data);
    let human = HumanOptions { color: false, width: 100 };
    for format in [Format::Human, Format::Json, Format::Sarif, Format::Github, Format::Gitlab, Format::Junit] {
        let _ = emit::render(format, &checked, &human);
    }
    let _ = goalc::compile::compile(&checked.workspace);
});
