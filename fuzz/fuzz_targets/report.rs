#![no_main]
//! The report of a small workspace of arbitrary files, in every built-in format.

use goalc::report::{self, Filters, Format};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let checked = common::workspace(data);
    let filters = Filters::default();
    for format in [Format::Html, Format::Md, Format::Json] {
        let mut out = Vec::new();
        let rendered = report::render(report::build(&checked, &filters), format, None, &mut out);
        assert!(rendered.is_ok(), "built-in templates always render");
    }
});
