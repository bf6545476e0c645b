//! Every input that once made a fuzz target fail (`fuzz/regressions/<target>/`), and the seed
//! corpus, replayed through the targets' own code (`goalc::harness`).

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut count = 0;
    for dir in ["regressions", "seeds"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            eprintln!("{}", path.display());
            run(&data);
            count += 1;
        }
    }
    assert!(count > 0, "no inputs for {target}");
}

#[test]
fn load_inputs() {
    replay("load", goalc::harness::load);
}

#[test]
fn check_inputs() {
    replay("check", goalc::harness::check);
}

#[test]
fn report_inputs() {
    replay("report", goalc::harness::report);
}

#[test]
fn config_inputs() {
    replay("config", goalc::harness::config);
}

#[test]
fn template_inputs() {
    replay("template", goalc::harness::template);
}

#[test]
fn lsp_inputs() {
    replay("lsp", goalc::harness::lsp);
}

#[test]
fn output_inputs() {
    replay("output", goalc::harness::output_path);
}
